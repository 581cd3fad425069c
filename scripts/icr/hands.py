"""A stroke-based model of writers (issue 20): each writer, made from a seed, has their own letterform
for each digit (a 1 with or without flag and foot, or a curved stem and hooked flag; a 7 with or without
bar; an open or closed 4, with a long diagonal; a looped or plain 2; a 9 with a straight or curved
tail; ...), their own proportions within it, slant, size, roundness and pen (ballpoint 0.2-0.6 mm,
felt-tip, calligraphic nib, pencil), and writes each digit a little differently every time (jitter,
wobble, a smooth distortion). Digits are drawn at the scanner's 10 px/mm, as float ink masks for
synth.make_crop.

Writers are split by seed range, so training, calibration and the bench never share a writer
(WRITER_SEEDS), and by letterform: the NOVEL letterforms are drawn only by the bench's `novel` writers,
never in training or calibration, to measure what the reader does with a digit unlike any it was taught.
"""
import cv2
import numpy as np

# Seed ranges of the writer populations (a writer is its seed).
WRITER_SEEDS = {"train": (0, 1_000_000), "calib": (1_000_000, 2_000_000),
                "held": (2_000_000, 3_000_000), "novel": (3_000_000, 4_000_000)}
SS = 4  # supersampling of the drawing


def arc(cx, cy, rx, ry, a0, a1, n=None):
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    n = n or max(6, int(abs(a1 - a0) / 8))
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], 1)


def line(*pts, n=8):
    """A polyline through pts, each segment sampled n times."""
    out = [np.asarray(pts[0], float)[None]]
    for a, b in zip(pts[:-1], pts[1:]):
        t = np.linspace(0, 1, n + 1)[1:, None]
        out.append(np.asarray(a, float) * (1 - t) + np.asarray(b, float) * t)
    return np.concatenate(out)


def cat(*parts):
    return np.concatenate([np.asarray(p, float) for p in parts])


def u(p, name, lo, hi):
    """The writer's value of shape parameter `name` (drawn once per writer, in [lo, hi])."""
    return lo + (hi - lo) * p[name]


# Letterforms: functions p -> list of strokes (N x 2 point arrays in a unit box, x right, y down).
# p maps a parameter name to a value in [0, 1] (drawn per writer, jittered a little per digit written).
def zero_oval(p):
    s = u(p, "start", -120, -60)
    return [arc(0.5, 0.5, 0.45, 0.5, s, s + u(p, "sweep", 350, 385))]


def zero_pointed(p):
    top = u(p, "top", 0.0, 0.08)
    return [cat(line((0.55, top), (0.2, 0.25)), arc(0.5, 0.55, 0.42, 0.45, 200, 340 + 180),
                line((0.08, 0.55), (0.5, top)))]


def zero_square(p):  # novel: an angular, boxy 0
    r = u(p, "round", 0.05, 0.15)
    return [line((0.5, 0), (1 - r, 0), (1, r), (1, 1 - r), (1 - r, 1), (r, 1), (0, 1 - r), (0, r), (r, 0), (0.55, 0))]


def one_plain(p):
    b = u(p, "bow", -0.08, 0.08)
    return [cat(line((0.5, 0.0), (0.5 + b, 0.5), n=6), line((0.5 + b, 0.5), (0.5, 1.0), n=6))]


def one_flag(p):
    fl, fy = u(p, "flag", 0.2, 0.55), u(p, "flag_y", 0.15, 0.45)
    return [line((0.55 - fl, fy), (0.6, 0.0), (0.6, 1.0))]


def one_flag_foot(p):
    fl, ft = u(p, "flag", 0.2, 0.5), u(p, "foot", 0.25, 0.45)
    return [line((0.6 - fl, u(p, "flag_y", 0.15, 0.4)), (0.6, 0.0), (0.6, 1.0)), line((0.6 - ft, 1.0), (0.6 + ft, 1.0))]


def one_hooked(p):
    """A curved stem with a hooked flag (read as a 2 by the 2026-11 models)."""
    h, c = u(p, "hook", 0.15, 0.35), u(p, "curve", 0.05, 0.2)
    flag = arc(0.35, 0.2, 0.22, h, 170, 290)
    stem = np.stack([0.55 + c * np.sin(np.linspace(0, np.pi, 14)), np.linspace(0.02, 1.0, 14)], 1)
    return [cat(flag, stem)]


def one_european(p):  # long flag: an inverted V
    return [line((0.05, u(p, "flag_y", 0.35, 0.55)), (0.65, 0.0), (0.6, 1.0))]


def one_tail(p):  # novel: a plain stem whose foot turns right
    return [cat(line((0.45, 0.0), (0.45, 0.85), n=10), arc(0.65, 0.82, 0.2, 0.18, 180, 110))]


def two_plain(p):
    base = u(p, "base", 0.7, 1.0)
    return [cat(arc(0.5, 0.28, 0.42, 0.28, 195, 370), line((0.9, 0.35), (0.05, 1.0)), line((0.05, 1.0), (base, 1.0)))]


def two_looped(p):
    lr = u(p, "loop", 0.08, 0.16)
    return [cat(arc(0.5, 0.28, 0.42, 0.28, 195, 370), line((0.9, 0.35), (0.2, 0.92)),
                arc(0.2 + lr, 0.92, lr, lr * 0.8, 180, 450 - 90), line((0.2, 0.95), (0.95, 0.98)))]


def two_z(p):
    return [line((0.05, u(p, "lead", 0.0, 0.2)), (0.2, 0.0), (0.85, 0.02), (0.1, 1.0), (0.95, 1.0))]


def two_curly(p):
    return [cat(arc(0.5, 0.3, 0.42, 0.3, 190, 360), line((0.92, 0.32), (0.1, 0.95)),
                arc(0.35, 0.85, 0.3, 0.15, 160, 20))]


def two_curlstart(p):  # novel: starts with a curl at the top left, angular base
    return [cat(arc(0.15, 0.22, 0.1, 0.1, 90, -200), arc(0.5, 0.3, 0.4, 0.3, 200, 360), line((0.9, 0.3), (0.1, 1.0), (0.95, 0.95)))]


def three_round(p):
    m = u(p, "mid", 0.42, 0.55)
    return [cat(arc(0.47, m / 2, 0.42, m / 2, 200, 450), arc(0.47, m + (1 - m) / 2, 0.47, (1 - m) / 2, -90, 160))]


def three_flat(p):
    m = u(p, "mid", 0.38, 0.5)
    return [cat(line((0.1, 0.0), (0.88, 0.0), (0.4, m)), arc(0.47, m + (1 - m) / 2, 0.47, (1 - m) / 2, -100, 160))]


def three_pointed(p):
    return [cat(arc(0.45, 0.25, 0.42, 0.25, 200, 360), line((0.87, 0.25), (0.35, 0.5), (0.85, 0.65)),
                arc(0.47, 0.75, 0.45, 0.25, -40, 160))]


def three_curl(p):  # novel: small open top, big lower bowl ending in an inward curl
    return [cat(arc(0.55, 0.18, 0.3, 0.18, 180, 430), arc(0.5, 0.66, 0.48, 0.34, -90, 150),
                arc(0.22, 0.8, 0.12, 0.12, 30, -200))]


def four_closed(p):
    bar, stem = u(p, "bar", 0.55, 0.75), u(p, "stem", 0.55, 0.8)
    return [line((stem, 1.0), (stem, 0.0), (0.02, bar), (0.98, bar))]


def four_open(p):
    bar, stem, top = u(p, "bar", 0.5, 0.7), u(p, "stem", 0.6, 0.8), u(p, "stem_top", 0.0, 0.3)
    return [line((u(p, "left", 0.15, 0.4), 0.0), (0.05, bar), (0.98, bar)), line((stem, top), (stem, 1.0))]


def four_long_diagonal(p):
    """An open 4 with a long diagonal (read as a 1 by the 2026-11 models)."""
    bar, stem = u(p, "bar", 0.6, 0.78), u(p, "stem", 0.6, 0.8)
    return [line((stem - u(p, "reach", 0.0, 0.2), 0.0), (0.0, bar), (0.98, bar)), line((stem, 0.2), (stem, 1.0))]


def four_hooked(p):  # novel: the stem drawn first from the bottom, with a rounded corner to the bar
    return [cat(line((0.65, 1.0), (0.65, 0.0), n=10), line((0.65, 0.0), (0.12, 0.55)), arc(0.2, 0.58, 0.1, 0.08, 200, 90),
                line((0.2, 0.66), (1.0, 0.6)))]


def five_two(p):
    s = u(p, "stem", 0.1, 0.25)
    return [cat(line((s + 0.05, 0.0), (s, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150)),
            line((s + 0.05, 0.0), (u(p, "bar", 0.75, 0.95), 0.02))]


def five_one(p):
    return [cat(line((0.9, 0.0), (0.22, 0.0), (0.15, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150))]


def five_angular(p):
    return [cat(line((0.85, 0.0), (0.2, 0.02), (0.15, 0.42), (0.7, 0.45), (0.88, 0.7)), arc(0.45, 0.72, 0.42, 0.28, 20, 160))]


def five_s(p):  # novel: a curved top like an S
    return [cat(arc(0.55, 0.12, 0.35, 0.12, -30, -170), line((0.2, 0.12), (0.15, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150))]


def six_curved(p):
    lr = u(p, "loop", 0.24, 0.32)
    return [cat(line((0.8, 0.0), (0.45, 0.15), (0.15, 0.5)), arc(0.5, 1 - lr, 0.36, lr, 180, 540))]


def six_straight(p):
    lr = u(p, "loop", 0.22, 0.3)
    return [cat(line((0.7, 0.0), (0.15, 0.6)), arc(0.5, 1 - lr, 0.37, lr, 190, 530))]


def six_open(p):  # novel: a wide hook whose loop does not close
    return [cat(arc(0.55, 0.5, 0.45, 0.5, -60, -270), arc(0.55, 0.75, 0.33, 0.25, 90, -130))]


def seven_plain(p):
    c = u(p, "curve", -0.1, 0.1)
    return [cat(line((0.02, 0.0), (0.95, 0.0)), line((0.95, 0.0), (0.55 + c, 0.5), (0.4, 1.0), n=6))]


def seven_crossed(p):
    return [line((0.02, 0.0), (0.95, 0.0), (0.4, 1.0)), line((0.3, 0.5), (0.88, u(p, "bar", 0.45, 0.55)))]


def seven_hooked(p):
    return [line((0.02, u(p, "hook", 0.12, 0.3)), (0.08, 0.0), (0.95, 0.0), (0.45, 1.0))]


def seven_wavy(p):
    x = np.linspace(0.02, 0.95, 14)
    return [cat(np.stack([x, 0.04 * np.sin(x * 2 * np.pi)], 1), line((0.95, 0.0), (0.6, 0.45), (0.5, 1.0)))]


def seven_tail(p):  # novel: the stem curls left at its foot
    return [cat(line((0.02, 0.02), (0.95, 0.0), (0.55, 0.75), n=10), arc(0.38, 0.78, 0.17, 0.2, 0, 150))]


def eight_two_loops(p):
    t = u(p, "top", 0.38, 0.5)
    return [arc(0.5, t / 2, 0.32, t / 2, 0, 360), arc(0.5, t + (1 - t) / 2, 0.42, (1 - t) / 2, 0, 360)]


def eight_one_stroke(p):
    t = u(p, "top", 0.4, 0.5)
    return [cat(arc(0.5, t / 2, 0.34, t / 2, -30, -250), line((0.25, t * 0.85), (0.75, t * 1.15)),
                arc(0.5, t + (1 - t) / 2, 0.42, (1 - t) / 2, -100, 230), line((0.15, t * 1.1), (0.82, 0.1)))]


def eight_x(p):  # novel: two crossing strokes closed top and bottom (an hourglass)
    return [line((0.1, 0.0), (0.9, 1.0), (0.1, 1.0), (0.9, 0.0), (0.1, 0.0))]


def nine_straight(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.5, r, 0.42, r, 0, 360), line((0.92, r), (0.88, 1.0)))]


def nine_curved(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.5, r, 0.42, r, 0, 360), line((0.92, r), (0.85, 0.8)), arc(0.6, 0.8, 0.25, 0.2, 0, 140))]


def nine_slanted(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.45, r, 0.4, r, 10, 370), line((0.85, r + 0.05), (0.55, 1.0)))]


def nine_angular(p):  # novel: a triangular head, the tail straight down
    return [line((0.9, 0.05), (0.1, 0.05), (0.8, 0.45), (0.85, 0.0), (0.85, 1.0))]


LETTERFORMS = {
    0: [zero_oval, zero_pointed], 1: [one_plain, one_flag, one_flag_foot, one_hooked, one_european],
    2: [two_plain, two_looped, two_z, two_curly], 3: [three_round, three_flat, three_pointed],
    4: [four_closed, four_open, four_long_diagonal], 5: [five_two, five_one, five_angular],
    6: [six_curved, six_straight], 7: [seven_plain, seven_crossed, seven_hooked, seven_wavy],
    8: [eight_two_loops, eight_one_stroke], 9: [nine_straight, nine_curved, nine_slanted]}
NOVEL = {0: [zero_square], 1: [one_tail], 2: [two_curlstart], 3: [three_curl], 4: [four_hooked], 5: [five_s],
         6: [six_open], 7: [seven_tail], 8: [eight_x], 9: [nine_angular]}
PENS = ("ballpoint", "felt", "nib", "pencil")
PARAMS = 8  # shape parameters per digit: at most this many distinct names are used by one letterform


class _Params(dict):
    """Shape parameters: each name gets its own value in [0, 1] the first time it is asked for."""

    def __init__(self, rng, jitter, base=None):
        super().__init__()
        self.rng, self.jitter, self.base = rng, jitter, base

    def __missing__(self, k):
        v = self.base[k] if self.base is not None else self.rng.rand()
        v = float(np.clip(v + self.rng.normal(0, self.jitter), 0, 1)) if self.jitter else v
        self[k] = v
        return v


class Writer:
    """One writer: letterforms, proportions, slant, size, roundness and pen, all from the seed."""

    def __init__(self, seed, novel=False):
        r = np.random.RandomState(seed)
        self.forms = {}
        for d in range(10):
            # novel writers use a novel letterform for half of the digits
            pool = NOVEL[d] if novel and r.rand() < 0.5 else LETTERFORMS[d]
            self.forms[d] = (pool[r.randint(len(pool))], _Params(r, 0))
        self.slant = r.normal(0.0, 0.15)          # shear: x moves by slant * (0.5 - y)
        self.aspect = r.uniform(0.45, 0.8)         # width / height
        self.size = r.uniform(0.5, 0.9)            # height as a share of the box's 80 px
        self.round = r.uniform(0.0, 1.5)           # corner smoothing, px
        self.wobble = r.uniform(0.0, 0.04)         # a slow tremor, share of the height
        self.pen = PENS[r.choice(4, p=[0.45, 0.2, 0.2, 0.15])]
        self.width = {"ballpoint": r.uniform(2.0, 6.0), "felt": r.uniform(5.0, 9.0),
                      "nib": r.uniform(5.0, 11.0), "pencil": r.uniform(2.5, 5.0)}[self.pen]
        self.nib_angle = r.uniform(20, 60)
        self.darkness = r.uniform(0.4, 0.8) if self.pen == "pencil" else r.uniform(0.85, 1.0)

    def glyph(self, d, rng):
        """Digit d written once: a float ink mask (0..1), about self.size * 80 px tall."""
        form, base = self.forms[d]
        strokes = form(_Params(rng, 0.08, base))
        h = 80 * self.size * rng.uniform(0.9, 1.1)
        w = h * self.aspect * rng.uniform(0.92, 1.08)
        slant = self.slant + rng.normal(0, 0.04)
        ang = np.radians(rng.normal(0, 3))
        out = []
        for s in strokes:
            p = np.asarray(s, float)
            p = _resample(p, 0.01)
            p = p + rng.normal(0, 0.006, p.shape)
            ph = rng.uniform(0, 2 * np.pi, 2)
            f = rng.uniform(0.7, 1.6, 2)
            p = p + self.wobble * np.sin(2 * np.pi * f * p[:, ::-1] + ph)
            x = (p[:, 0] - 0.5) * w + slant * (0.5 - p[:, 1]) * h
            y = (p[:, 1] - 0.5) * h
            out.append(np.stack([x * np.cos(ang) - y * np.sin(ang), x * np.sin(ang) + y * np.cos(ang)], 1))
        out = _smooth_distort(out, rng, 0.04 * h)
        return _draw(out, self, rng)


def _resample(p, step):
    """Points along the polyline p every `step` (unit box)."""
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    t = np.r_[0, np.cumsum(seg)]
    if t[-1] <= 0:
        return p[:1]
    q = np.linspace(0, t[-1], max(2, int(t[-1] / step)))
    return np.stack([np.interp(q, t, p[:, 0]), np.interp(q, t, p[:, 1])], 1)


def _smooth_distort(strokes, rng, amp):
    """A smooth random displacement of the whole digit (a few px): a sum of two low-frequency waves."""
    k = rng.normal(0, 1, (2, 2, 2)) / 60.0
    ph = rng.uniform(0, 2 * np.pi, (2, 2))
    a = rng.uniform(0, amp)

    def move(p):
        d = np.stack([np.sin(p @ k[i, 0] * 2 * np.pi + ph[i, 0]) + np.sin(p @ k[i, 1] * 2 * np.pi + ph[i, 1])
                      for i in range(2)], 1)
        return p + a * d / 2
    return [move(p) for p in strokes]


def _smooth(p, sigma):
    if sigma < 0.3 or len(p) < 5:
        return p
    r = int(3 * sigma) + 1
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    pad = np.concatenate([np.repeat(p[:1], r, 0), p, np.repeat(p[-1:], r, 0)])
    return np.stack([np.convolve(pad[:, i], k, "valid") for i in range(2)], 1)


def _draw(strokes, wr, rng):
    """Renders the strokes (px, centred on 0) with the writer's pen; returns a float mask with a margin."""
    allp = np.concatenate(strokes)
    lo = allp.min(0) - wr.width - 4
    hi = allp.max(0) + wr.width + 4
    size = np.ceil(hi - lo).astype(int)
    canvas = np.zeros((size[1] * SS, size[0] * SS), np.float32)
    pressure_lo = rng.uniform(0.6, 1.0)
    for s in strokes:
        s = _smooth(_resample_px(s - lo, 0.5), wr.round / 0.5)
        n = len(s)
        press = pressure_lo + (1 - pressure_lo) * (0.5 + 0.5 * np.sin(np.linspace(0, rng.uniform(1, 4), n) + rng.uniform(0, 6)))
        if wr.pen == "nib":
            nib = np.array([np.cos(np.radians(wr.nib_angle)), -np.sin(np.radians(wr.nib_angle))])
            half = nib * wr.width / 2
            thin = max(0.7, wr.width * 0.15) / 2
            for a, b in zip(s[:-1], s[1:]):
                quad = np.array([a - half, a + half, b + half, b - half]) * SS
                cv2.fillConvexPoly(canvas, np.round(quad).astype(np.int32), 1.0, cv2.LINE_AA)
                cv2.circle(canvas, tuple(np.round(a * SS).astype(int)), int(thin * SS), 1.0, -1, cv2.LINE_AA)
        else:
            for (x, y), pr in zip(s, press):
                rad = max(0.5, wr.width * (0.8 + 0.2 * pr) / 2)
                cv2.circle(canvas, (int(round(x * SS)), int(round(y * SS))), int(round(rad * SS)), 1.0, -1, cv2.LINE_AA)
    m = cv2.resize(canvas, (size[0], size[1]), interpolation=cv2.INTER_AREA)
    if wr.pen == "felt":
        m = cv2.GaussianBlur(m, (0, 0), 0.7)
    if wr.pen == "pencil":
        grain = np.clip(rng.normal(1.0, 0.35, m.shape), 0, 1.3).astype(np.float32)
        m = m * cv2.GaussianBlur(grain, (0, 0), 0.6)
    m = np.clip(m * wr.darkness, 0, 1).astype(np.float32)
    ys, xs = np.nonzero(m > 0.05)
    if len(ys) == 0:
        return np.zeros((8, 8), np.float32)
    m = m[max(0, ys.min() - 2):ys.max() + 3, max(0, xs.min() - 2):xs.max() + 3]
    if m.shape[1] > 56:  # writers keep digits inside the 60 px wide box
        m = cv2.resize(m, (56, max(8, int(round(m.shape[0] * 56 / m.shape[1])))), interpolation=cv2.INTER_AREA)
    return m


def _resample_px(p, step):
    seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
    t = np.r_[0, np.cumsum(seg)]
    if len(p) < 2 or t[-1] <= 0:
        return p
    q = np.linspace(0, t[-1], max(2, int(t[-1] / step)))
    return np.stack([np.interp(q, t, p[:, 0]), np.interp(q, t, p[:, 1])], 1)


class Hands:
    """Writers of one population (WRITER_SEEDS); draws digits like number_sets.Source (draw(rng, d)), each
    from a random writer of the population, or from writer(i) when a whole number is one writer's."""

    def __init__(self, population, writers=2000):
        lo, _ = WRITER_SEEDS[population]
        self.novel = population == "novel"
        self.seeds = [lo + i for i in range(writers)]
        self._cache = {}

    def writer(self, i):
        s = self.seeds[i % len(self.seeds)]
        if s not in self._cache:
            self._cache[s] = Writer(s, self.novel)
        return self._cache[s]

    def draw(self, rng, d, writer=None):
        w = self.writer(rng.randint(len(self.seeds)) if writer is None else writer)
        return w.glyph(d, rng)


class OneWriterANumber:
    """A number_sets source whose numbers are each written by one writer of `hands` (new_number picks one)."""

    def __init__(self, hands):
        self.hands, self.current = hands, 0

    def new_number(self, rng):
        self.current = rng.randint(len(self.hands.seeds))

    def draw(self, rng, d):
        return self.hands.draw(rng, d, self.current)

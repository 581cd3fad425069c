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

from letterforms import LETTERFORMS, NOVEL

# Seed ranges of the writer populations (a writer is its seed).
WRITER_SEEDS = {"train": (0, 1_000_000), "calib": (1_000_000, 2_000_000),
                "held": (2_000_000, 3_000_000), "novel": (3_000_000, 4_000_000)}
SS = 4  # supersampling of the drawing


PENS = ("ballpoint", "felt", "nib", "pencil")


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

    def __init__(self, seed, novel=False, light=False, large=False):
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
        if light:  # a light pencil (a hard lead, pressed lightly): 0.12-0.5 of full ink, about 15-120 grey levels
            self.pen, self.width, self.darkness = "pencil", r.uniform(2.5, 5.0), r.uniform(0.12, 0.5)
        if large:  # writes big: 0.85-1.1 of the box's height, often into or across its top and bottom lines
            self.size = r.uniform(0.85, 1.1)

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

    def __init__(self, population, writers=2000, light=False, large=False):
        lo, _ = WRITER_SEEDS[population]
        self.novel, self.light, self.large = population == "novel", light, large
        self.seeds = [lo + i for i in range(writers)]
        self._cache = {}

    def writer(self, i):
        s = self.seeds[i % len(self.seeds)]
        if s not in self._cache:
            self._cache[s] = Writer(s, self.novel, self.light, self.large)
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

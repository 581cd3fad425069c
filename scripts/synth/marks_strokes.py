"""A second mark model (make_scans.py --mark-model strokes): bubble and box marks drawn as pen strokes.

Unlike marks.py (shapes filled whole: blobs, straight ticks, rings), every mark here is a sequence of
strokes, each a jittered polyline whose width and darkness follow the writer's pressure along it, and
every writer has a personal pen and habit:

* a tool: ballpoint, gel, faint pen (a ballpoint running dry: pale, with skips), pencil, light pencil
  (--light-pencil); a line width of 0.2-0.7 mm, an ink tone from dark to faint, pencil grain;
* a favourite mark (most of their marks) and a hand: how wide they scribble, how far they overshoot,
  how much their hand shakes.

Mark styles (truth `letter:tool-style`): scribble (zig-zag hatching covering 40-100% of the bubble),
crescent, half, blob (a centre blob), check (inside), bigcheck (a tail well outside, sometimes into
the neighbour bubble's ring), x (small), bigx (beyond the ring), slash, dot (a pressed 1-1.8 mm dot),
circled (a stroke round the letter), heavy (a heavy fill with a lighter second stroke). Extras that
do not count: `;erasure@x` (a mark rubbed out: a grey smear, the answer corrected elsewhere) and
`;dot@x` (a stray 0.4 mm dot). The NO RESEARCH box: x, tick, fill, scribble.
"""
import cv2
import numpy as np

from marks import blend

TOOLS = {  # share among pen / pencil writers, ink grey range, width mm range
    "ballpoint": (0.45, (15, 70), (0.2, 0.45)),
    "gel": (0.35, (0, 35), (0.35, 0.7)),
    "faint": (0.20, (110, 175), (0.2, 0.4)),
    "pencil": (1.0, (60, 140), (0.3, 0.7)),
    "light": (1.0, (140, 205), (0.3, 0.7)),
}
STYLES = {"scribble": 0.30, "crescent": 0.04, "half": 0.05, "blob": 0.05, "check": 0.10, "bigcheck": 0.08,
          "x": 0.06, "bigx": 0.06, "slash": 0.07, "dot": 0.03, "circled": 0.06, "heavy": 0.10}
BOX_STYLES = {"x": 0.35, "tick": 0.3, "fill": 0.15, "scribble": 0.2}


def _pick(rng, d):
    keys = list(d)
    w = np.array([d[k] for k in keys], np.float64)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


# ----------------------------------------------------------------------------- writers

def writer_profile(tool, rng):
    """A writer's pen and hand. tool: the classic model's pen / pencil / light."""
    if tool == "pen":
        tool = _pick(rng, {k: TOOLS[k][0] for k in ("ballpoint", "gel", "faint")})
    _, (ilo, ihi), (wlo, whi) = TOOLS[tool]
    return {"tool": tool, "ink": float(rng.uniform(ilo, ihi)), "width_mm": float(rng.uniform(wlo, whi)),
            "grain": float(rng.uniform(0.25, 0.5)) if tool in ("pencil", "light") else 0.0,
            "skips": float(rng.uniform(0.1, 0.35)) if tool == "faint" else float(rng.uniform(0, 0.05)),
            "favourite": _pick(rng, STYLES), "loyal": float(rng.uniform(0.5, 0.9)),
            "pressure": float(rng.uniform(0.6, 1.0)), "shake": float(rng.uniform(0.02, 0.08)),
            "reach": float(rng.uniform(0.85, 1.2)), "angle": float(rng.uniform(-0.6, 0.6))}


def pick_style(prof, rng):
    return prof["favourite"] if rng.random() < prof["loyal"] else _pick(rng, STYLES)


def digit_pen(prof, pen):
    """The classic model's Pen (for digits) in this writer's ink and width."""
    pen.ink, pen.width_mm = prof["ink"], prof["width_mm"]
    pen.tool = prof["tool"] if prof["tool"] in ("pencil", "light") else "pen"
    return pen


# ----------------------------------------------------------------------------- strokes

class Sheet:
    """A float alpha canvas around (cx, cy), strokes combined as layers of ink (1 - prod(1 - a))."""

    def __init__(self, cx, cy, half, ppm):
        self.x0, self.y0 = int(cx - half), int(cy - half)
        n = int(2 * half) + 1
        self.a = np.zeros((n, n), np.float32)
        self.ppm = ppm

    def stroke(self, pts, prof, rng, strength=1.0, width=1.0):
        """A polyline through pts (px), jittered, its width and darkness following the pressure."""
        pts = np.asarray(pts, np.float64)
        if len(pts) == 2:  # a straight line still wavers
            pts = np.linspace(pts[0], pts[1], 6)
        pts = pts + rng.normal(0, prof["shake"] * self.ppm, pts.shape)
        n = len(pts)
        # pressure: rises at the start, falls at the lift-off, wanders in between
        t = np.linspace(0, 1, n)
        p = np.clip(np.sin(np.pi * np.clip(t * 1.15 + 0.05, 0, 1)) ** 0.4 * prof["pressure"]
                    * (1 + rng.normal(0, 0.12, n)) * strength, 0.15, 1.0)
        layer = np.zeros_like(self.a)
        w0 = prof["width_mm"] * self.ppm * width
        for i in range(n - 1):
            if rng.random() < prof["skips"]:  # the ball skips: no ink on this piece
                continue
            th = max(1, int(round(w0 * (0.6 + 0.5 * p[i]))))
            a = float(0.35 + 0.65 * p[i])
            q0 = (int(round((pts[i, 0] - self.x0) * 16)), int(round((pts[i, 1] - self.y0) * 16)))
            q1 = (int(round((pts[i + 1, 0] - self.x0) * 16)), int(round((pts[i + 1, 1] - self.y0) * 16)))
            cv2.line(layer, q0, q1, a, th, cv2.LINE_AA, 4)
        self.a = 1 - (1 - self.a) * (1 - np.clip(layer, 0, 1))

    def blob(self, cx, cy, rx, ry, rng, strength=1.0):
        """A pressed solid area (a dot, a blob's core)."""
        layer = np.zeros_like(self.a)
        cv2.ellipse(layer, (int(round((cx - self.x0) * 16)), int(round((cy - self.y0) * 16))),
                    (max(1, int(rx * 16)), max(1, int(ry * 16))), float(rng.uniform(0, 180)), 0, 360, float(strength),
                    -1, cv2.LINE_AA, 4)
        self.a = 1 - (1 - self.a) * (1 - layer)

    def clip(self, mask_fn):
        ys, xs = np.mgrid[0:self.a.shape[0], 0:self.a.shape[1]].astype(np.float32)
        self.a *= mask_fn(xs + self.x0, ys + self.y0).astype(np.float32)

    def put(self, page, prof, rng):
        a = self.a
        if prof["grain"] > 0:  # graphite on the paper's tooth: speckled, streaky
            g = rng.normal(1.0 - prof["grain"] / 2, prof["grain"], a.shape).astype(np.float32)
            g = cv2.GaussianBlur(g, (0, 0), 0.04 * self.ppm + 0.3)
            a = a * np.clip(g, 0.1, 1.0)
        blend(page, self.x0, self.y0, np.clip(a, 0, 1), prof["ink"])


def zigzag(cx, cy, rx, ry, cover, angle, rng, ppm, width_mm):
    """Points of a scribble: passes back and forth across the ellipse (rx, ry), along `angle`; cover: share
    of the area between the first and last pass that the line spacing leaves inked."""
    spacing = max(width_mm * ppm / max(cover, 0.3), 0.25 * ppm)
    ca, sa = np.cos(angle), np.sin(angle)
    h = np.hypot(ry * ca, rx * sa)  # half extent across the passes
    pts, k = [], 0
    for off in np.arange(-h, h + 1e-6, spacing):
        e = np.sqrt(max(0.0, 1 - (off / h) ** 2)) if h > 0 else 0
        L = np.hypot(rx * ca, ry * sa) * e * rng.uniform(0.85, 1.12)
        s = L if k % 2 else -L
        pts.append((cx + s * ca - off * sa, cy + s * sa + off * ca))
        k += 1
    return pts


# ----------------------------------------------------------------------------- bubble marks

def _fill(sh, cx, cy, rx, ry, prof, rng, cover, strength=1.0):
    ang = prof["angle"] + rng.normal(0, 0.15)
    pts = zigzag(cx, cy, rx, ry, cover, ang, rng, sh.ppm, prof["width_mm"])
    sh.stroke(pts, prof, rng, strength)


def _check(sh, cx, cy, rx, ry, prof, rng, size, tail):
    j = lambda s=0.1: rng.normal(0, s)  # noqa: E731
    a = (cx - rx * size * (0.6 + j()), cy - ry * size * (0.0 + j()))
    b = (cx - rx * size * (0.1 + j()), cy + ry * size * (0.7 + j()))
    c = (cx + rx * (size * 0.6 + tail) * (1 + j()), cy - ry * (size * 0.9 + tail * 1.5) * (1 + j()))
    mid = ((b[0] + c[0]) / 2 + rx * j(0.15), (b[1] + c[1]) / 2 + ry * j(0.15))
    sh.stroke([a, b, mid, c], prof, rng)


def draw_mark(page, cx, cy, rx, ry, ppm, prof, style, rng):
    """One mark of `style` on the bubble at (cx, cy) with half axes rx, ry (px)."""
    sh = Sheet(cx, cy, 4.5 * max(rx, ry), ppm)
    reach = prof["reach"]
    if style == "scribble":
        _fill(sh, cx, cy, rx * reach, ry * reach, prof, rng, rng.uniform(0.4, 1.0))
    elif style == "heavy":
        _fill(sh, cx, cy, rx * reach, ry * reach, prof, rng, 1.0)
        _fill(sh, cx, cy, rx * reach, ry * reach, prof, rng, 1.0)
        _fill(sh, cx + rng.normal(0, 0.3) * rx, cy + rng.normal(0, 0.3) * ry, rx * 1.3, ry * 1.3, prof, rng,
              rng.uniform(0.3, 0.6), strength=rng.uniform(0.25, 0.5))
    elif style in ("crescent", "half"):
        _fill(sh, cx, cy, rx * reach, ry * reach, prof, rng, rng.uniform(0.6, 1.0))
        th = rng.uniform(0, 2 * np.pi)
        ux, uy = np.cos(th), np.sin(th)
        if style == "half":
            sh.clip(lambda x, y: ((x - cx) / rx * ux + (y - cy) / ry * uy) > rng.uniform(-0.15, 0.15))
        else:  # the ellipse minus itself moved across: a moon on one side
            d = rng.uniform(0.45, 0.8)
            sh.clip(lambda x, y: (((x - cx) / rx - d * ux) ** 2 + ((y - cy) / ry - d * uy) ** 2) > 1.0)
    elif style == "blob":
        s = rng.uniform(0.4, 0.65)
        _fill(sh, cx + rng.normal(0, 0.1) * rx, cy, rx * s, ry * s, prof, rng, 1.0)
        sh.blob(cx, cy, rx * s * 0.6, ry * s * 0.6, rng, 0.8)
    elif style in ("check", "bigcheck"):
        if style == "check":
            _check(sh, cx, cy, rx, ry, prof, rng, rng.uniform(0.6, 0.95), rng.uniform(0.0, 0.3))
        else:
            _check(sh, cx, cy, rx, ry, prof, rng, rng.uniform(0.9, 1.3), rng.uniform(0.7, 1.5))
    elif style in ("x", "bigx"):
        k = rng.uniform(0.45, 0.75) if style == "x" else rng.uniform(1.2, 1.7)
        for sx in (1, -1):
            e = rng.uniform(0.85, 1.15, 4)
            sh.stroke([(cx - sx * rx * k * e[0], cy - ry * k * e[1]), (cx + sx * rx * k * e[2], cy + ry * k * e[3])], prof, rng)
    elif style == "slash":
        k = rng.uniform(0.9, 1.5)
        d = 1 if rng.random() < 0.8 else -1
        sh.stroke([(cx - d * rx * k * 0.8, cy + ry * k), (cx + d * rx * k * 0.8, cy - ry * k)], prof, rng)
    elif style == "dot":
        r = rng.uniform(0.5, 0.9) * ppm
        sh.blob(cx + rng.normal(0, 0.2) * rx, cy + rng.normal(0, 0.15) * ry, r, r * rng.uniform(0.8, 1.0), rng, prof["pressure"])
    elif style == "circled":
        k = rng.uniform(1.1, 1.45)
        start = rng.uniform(0, 2 * np.pi)
        t = start + np.linspace(0, 2 * np.pi * rng.uniform(0.92, 1.15), 36)
        wob = 1 + 0.06 * np.sin(3 * t + rng.uniform(0, 6))
        sh.stroke(np.stack([cx + rx * k * wob * np.cos(t), cy + ry * k * 1.1 * wob * np.sin(t)], 1), prof, rng)
    else:
        raise ValueError(style)
    sh.put(page, prof, rng)


def draw_erasure(page, cx, cy, rx, ry, ppm, prof, rng):
    """A mark rubbed out: what the eraser left of a fill or a tick (10-35% of it) smeared, and the grey
    rubbing around it."""
    sh = Sheet(cx, cy, 3 * max(rx, ry), ppm)
    if rng.random() < 0.6:
        _fill(sh, cx, cy, rx, ry, prof, rng, rng.uniform(0.6, 1.0))
    else:
        _check(sh, cx, cy, rx, ry, prof, rng, rng.uniform(0.7, 1.1), rng.uniform(0.0, 0.8))
    a = cv2.GaussianBlur(sh.a, (0, 0), rng.uniform(0.15, 0.35) * ppm) * rng.uniform(0.10, 0.35)
    smear = np.zeros_like(a)
    cv2.ellipse(smear, (int(cx - sh.x0 + rng.normal(0, 0.3) * ppm), int(cy - sh.y0)),
                (int(rx * rng.uniform(1.1, 1.5)), int(ry * rng.uniform(1.1, 1.6))), float(rng.uniform(-20, 20)), 0, 360, 1.0, -1)
    smear = cv2.GaussianBlur(smear, (0, 0), 0.4 * ppm) * rng.uniform(0.04, 0.12)
    blend(page, sh.x0, sh.y0, np.clip(1 - (1 - a) * (1 - smear), 0, 1), min(prof["ink"], 90.0))


def draw_stray_dot(page, cx, cy, rx, ry, ppm, prof, rng):
    x = cx + (rng.uniform(-0.6, 0.6) if rng.random() < 0.5 else rng.choice([-1, 1]) * rng.uniform(1.2, 1.8)) * rx
    y = cy + rng.uniform(-0.5, 0.5) * ry
    sh = Sheet(x, y, ppm * 1.5, ppm)
    sh.blob(x, y, 0.2 * ppm, 0.2 * ppm, rng, 1.0)
    sh.put(page, prof, rng)


def draw_box(page, cx, cy, half, ppm, prof, style, rng):
    """The NO RESEARCH box (half: half its side, px)."""
    sh = Sheet(cx, cy, 3.5 * half, ppm)
    if style == "x":
        k = rng.uniform(0.6, 1.3)
        for sx in (1, -1):
            e = rng.uniform(0.85, 1.15, 4)
            sh.stroke([(cx - sx * half * k * e[0], cy - half * k * e[1]), (cx + sx * half * k * e[2], cy + half * k * e[3])],
                      prof, rng)
    elif style == "tick":
        _check(sh, cx, cy, half, half, prof, rng, rng.uniform(0.6, 1.1), rng.uniform(0.0, 1.2))
    elif style == "fill":
        _fill(sh, cx, cy, half * 0.95, half * 0.95, prof, rng, 1.0)
        _fill(sh, cx, cy, half * 0.9, half * 0.9, prof, rng, 1.0)
    else:
        _fill(sh, cx, cy, half * rng.uniform(0.7, 1.1), half * rng.uniform(0.7, 1.1), prof, rng, rng.uniform(0.4, 0.9))
    sh.put(page, prof, rng)


# ----------------------------------------------------------------------------- the truth

def restyle(sheet, spec, rng):
    """Turns a classic truth (make_scans.make_truth) into this model's: the same answers, the writer's pen
    and each mark's style drawn again; the truth's `marks` rewritten to match."""
    w = spec["writer"]
    prof = writer_profile(w["tool"], rng)
    w["strokes"] = prof
    tool = prof["tool"]
    mk = sheet["marks"]
    for fid, p in spec["plan"].items():
        how = mk[fid]
        if fid == "no_research":
            if p:
                p["style"] = _pick(rng, BOX_STYLES)
                mk[fid] = f"{tool}-{p['style']}"
        elif isinstance(p, dict) and "chosen" in p:
            p["styles"] = [pick_style(prof, rng) for _ in p["chosen"]]
            if len(p["chosen"]) == 2 and rng.random() < 0.7:
                p["styles"] = [p["styles"][0]] * 2
            desc = ",".join(f"{c}:{tool}-{s}" for c, s in zip(p["chosen"], p["styles"])) or how.split(";")[0]
            extras = [e for e in how.split(";")[1:]]
            mk[fid] = ";".join([desc] + extras)
        elif how != "blank" and not how.startswith("blank;"):  # a number: source-tool-align...
            parts = how.split(";")
            src, _, rest = parts[0].split("-", 2)
            mk[fid] = ";".join([f"{src}-{tool}-{rest}"] + parts[1:])

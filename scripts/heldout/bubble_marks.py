"""How held-out writers mark a bubble or the NO RESEARCH box, as pen paths in mm; and the marks
that are not answers (erasure smudges, stray dots).

Styles that count as a mark: fill (neat), scribble, overshoot (a fill spilling out), partial,
check, cross, circle (a ring around the bubble), slash. Not marks: erasure, dot.
"""
import math

import cv2
import numpy as np

MARK_STYLES = {"fill": 0.34, "scribble": 0.14, "overshoot": 0.08, "partial": 0.08, "check": 0.13, "cross": 0.1,
               "circle": 0.07, "slash": 0.06}
BOX_STYLES = {"check": 0.4, "cross": 0.4, "fill": 0.2}


def _rot(pts, ang, c):
    ca, sa = math.cos(ang), math.sin(ang)
    p = np.asarray(pts, np.float64) - c
    return np.stack([p[:, 0] * ca - p[:, 1] * sa, p[:, 0] * sa + p[:, 1] * ca], 1) + c


def zigzag(cx, cy, rx, ry, spacing, angle, rng, part=(0.0, 1.0), ragged=0.25):
    """One back-and-forth path covering the ellipse (rx, ry) at `angle`, rows `spacing` mm apart;
    `part` keeps a band of the rows (a partial fill)."""
    r = max(rx, ry)
    n = max(2, int(2 * r / spacing) + 1)
    lo, hi = int(n * part[0]), max(int(n * part[0]) + 2, int(math.ceil(n * part[1])))
    pts = []
    for i in range(lo, min(hi, n)):
        v = -r + (i + 0.5) * 2 * r / n
        # chord of the (rotated) ellipse along direction `angle` at offset v
        ca, sa = math.cos(angle), math.sin(angle)
        a = (ca / rx) ** 2 + (sa / ry) ** 2
        b = 2 * v * (-sa * ca / rx ** 2 + ca * sa / ry ** 2)
        cc = (v * sa / rx) ** 2 + (v * ca / ry) ** 2 - 1
        disc = b * b - 4 * a * cc
        if disc <= 0:
            continue
        t0, t1 = (-b - math.sqrt(disc)) / (2 * a), (-b + math.sqrt(disc)) / (2 * a)
        t0 -= rng.normal(0, ragged)
        t1 += rng.normal(0, ragged)
        p0 = (cx + t0 * ca - v * sa, cy + t0 * sa + v * ca)
        p1 = (cx + t1 * ca - v * sa, cy + t1 * sa + v * ca)
        pts.extend([p0, p1] if i % 2 == 0 else [p1, p0])
    return [np.asarray(pts)] if len(pts) > 1 else []


def scribble(cx, cy, rx, ry, pen_mm, rng):
    """Loose loops wandering across the bubble, gaps between them."""
    n = int(rng.integers(5, 10))
    t = np.linspace(0, 2 * math.pi * n, n * 16)
    drift = np.linspace(-1, 1, len(t))
    x = cx + drift * rx * 0.6 + np.cos(t) * rx * rng.uniform(0.45, 0.7)
    y = cy + np.sin(t * rng.uniform(0.9, 1.1)) * ry * rng.uniform(0.6, 0.95) + rng.normal(0, 0.08, len(t))
    return [np.stack([x, y], 1)]


def check(cx, cy, size, rng):
    s = size * rng.uniform(0.8, 1.25)
    pts = [(cx - 0.45 * s, cy - 0.05 * s), (cx - 0.12 * s, cy + 0.35 * s), (cx + 0.1 * s, cy - 0.05 * s),
           (cx + 0.55 * s, cy - 0.65 * s)]
    curve = np.asarray(pts)
    return [_rot(curve, rng.normal(0, 0.15), np.array([cx, cy])) + rng.normal(0, 0.25 * size / 5, 2)]


def cross(cx, cy, w, h, rng):
    a = [(cx - w / 2 + rng.normal(0, 0.2), cy - h / 2 + rng.normal(0, 0.2)), (cx + w / 2 + rng.normal(0, 0.2), cy + h / 2)]
    b = [(cx + w / 2 + rng.normal(0, 0.2), cy - h / 2 + rng.normal(0, 0.2)), (cx - w / 2, cy + h / 2 + rng.normal(0, 0.2))]
    return [np.asarray(a), np.asarray(b)]


def circle(cx, cy, rx, ry, rng):
    a0 = rng.uniform(0, 360)
    t = np.radians(np.linspace(a0, a0 + rng.uniform(370, 420), 48))
    wob = 1 + 0.06 * np.sin(t * 3 + rng.uniform(0, 6))
    return [np.stack([cx + rx * wob * np.cos(t), cy - ry * wob * np.sin(t)], 1)]


def bubble_mark(style, cx, cy, bw, bh, pen_mm, rng, habit):
    """Paths (mm) of one answer mark in a bubble of bw x bh mm centred at (cx, cy)."""
    rx, ry = bw / 2, bh / 2
    spacing = max(0.12, pen_mm * habit["density"])
    if style == "fill":
        s = rng.uniform(0.92, 1.08)
        return zigzag(cx, cy, rx * s, ry * s, spacing, habit["angle"], rng, ragged=0.12)
    if style == "scribble":
        return scribble(cx, cy, rx, ry, pen_mm, rng)
    if style == "overshoot":
        dx, dy = rng.normal(0, 0.7), rng.normal(0, 0.5)
        s = rng.uniform(1.2, 1.55)
        return zigzag(cx + dx, cy + dy, rx * s, ry * s, spacing, habit["angle"], rng, ragged=0.35)
    if style == "partial":
        a, b = sorted(rng.uniform(0, 1, 2))
        keep = max(0.4, min(0.8, b - a + 0.35))
        start = rng.uniform(0, 1 - keep)
        return zigzag(cx, cy, rx, ry, spacing, habit["angle"], rng, part=(start, start + keep))
    if style == "check":
        return check(cx + rng.normal(0, 0.3), cy + rng.normal(0, 0.2), habit["check_size"], rng)
    if style == "cross":
        return cross(cx, cy, bw * rng.uniform(0.8, 1.3), bh * rng.uniform(0.9, 1.5), rng)
    if style == "circle":
        return circle(cx + rng.normal(0, 0.2), cy, rx * rng.uniform(1.35, 1.9), ry * rng.uniform(1.45, 2.0), rng)
    if style == "slash":
        L = rng.uniform(4, 6.5)
        ang = rng.uniform(-1.1, -0.5)
        d = np.array([math.cos(ang), math.sin(ang)]) * L / 2
        return [np.asarray([(cx - d[0], cy - d[1]), (cx + d[0], cy + d[1])])]
    raise ValueError(style)


def box_mark(style, cx, cy, side, pen_mm, rng, habit):
    """Paths (mm) ticking the NO RESEARCH box of side `side` mm."""
    if style == "check":
        return check(cx, cy - 0.2, side * 1.1, rng)
    if style == "cross":
        return cross(cx, cy, side * rng.uniform(0.7, 1.2), side * rng.uniform(0.7, 1.2), rng)
    if style == "fill":
        return zigzag(cx, cy, side / 2 * 0.95, side / 2 * 0.95, max(0.12, pen_mm * habit["density"]), habit["angle"], rng)
    raise ValueError(style)


def habit(rng):
    """A writer's way of marking: main style, fill direction and density, check size."""
    styles = list(MARK_STYLES)
    return {"style": str(rng.choice(styles, p=list(MARK_STYLES.values()))),
            "angle": float(rng.choice([0.0, rng.uniform(-0.8, 0.8), math.pi / 2])),
            "density": float(rng.uniform(0.55, 0.95)), "check_size": float(rng.uniform(3.5, 6.5)),
            "box_style": str(rng.choice(list(BOX_STYLES), p=list(BOX_STYLES.values())))}


def smudge(shape, ppm, rng, strength):
    """An eraser's leftovers: a soft, patchy grey (coverage 0..strength), no stroke edges."""
    h, w = shape
    blobs = rng.uniform(0, 1, (max(2, h // 6), max(2, w // 6))).astype(np.float32)
    blobs = cv2.resize(blobs, (w, h), interpolation=cv2.INTER_CUBIC)
    blobs = cv2.GaussianBlur(blobs, (0, 0), ppm * 0.35)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    env = np.exp(-(((xx - w / 2) / (w * 0.38)) ** 2 + ((yy - h / 2) / (h * 0.38)) ** 2) * 1.5)
    m = np.clip((blobs - blobs.min()) / (np.ptp(blobs) + 1e-6) * 1.4 - 0.2, 0, 1) * env
    return (m * strength).astype(np.float32)


def dot(cx, cy, rng):
    """A stray dot where the pen rested: a tiny closed path."""
    r = rng.uniform(0.12, 0.35)
    t = np.linspace(0, 2 * math.pi, 10)
    return [np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], 1)]

"""Pens of the held-out writers and how they lay ink: ballpoint, gel, felt tip, a calligraphic nib,
pencil, light pencil and a pen running dry. Paths in mm become an ink coverage map (0..1) that
darkens the page multiplicatively in the ink's colour.
"""
import math

import cv2
import numpy as np

# name -> weight among writers (a set may override the light-pencil share)
TOOLS = {"ballpoint": 0.36, "gel": 0.12, "felt": 0.08, "nib": 0.08, "pencil": 0.12, "light-pencil": 0.17, "faint-pen": 0.07}
INKS = {"black": (28, 28, 34), "blue": (30, 50, 150), "dark-blue": (25, 30, 90), "royal-blue": (40, 70, 200),
        "green": (30, 110, 60), "red": (170, 30, 40), "purple": (90, 40, 120)}
GRAPHITE = (70, 70, 76)
SUPER = 3  # supersampling of the stroke raster


class Pen:
    """Everything about how one writer's tool lays ink; drawn once per writer and session."""

    def __init__(self, tool, rng):
        u = lambda lo, hi: float(rng.uniform(lo, hi))  # noqa: E731
        self.tool = tool
        self.skip = 0.0
        self.pressure_var = u(0.05, 0.25)
        self.nib_angle = 0.0
        self.thin_mm = 0.0
        self.grey = None  # target core grey on white paper (pencils)
        ink = str(rng.choice(["black", "blue", "dark-blue", "royal-blue", "green", "red", "purple"],
                             p=[0.4, 0.3, 0.12, 0.08, 0.04, 0.03, 0.03]))
        if tool == "ballpoint":
            self.width_mm, self.alpha, self.skip = u(0.2, 0.6), u(0.72, 0.95), u(0, 0.12)
        elif tool == "gel":
            self.width_mm, self.alpha = u(0.35, 0.7), u(0.9, 1.0)
        elif tool == "felt":
            self.width_mm, self.alpha = u(0.6, 1.0), u(0.82, 0.97)
        elif tool == "nib":
            self.width_mm, self.alpha = u(0.6, 1.1), u(0.85, 1.0)
            self.thin_mm, self.nib_angle = u(0.1, 0.2), math.radians(u(25, 55))
        elif tool == "pencil":
            self.width_mm, self.grey, ink = u(0.3, 0.6), u(95, 150), "graphite"
        elif tool == "light-pencil":
            self.width_mm, self.grey, ink = u(0.3, 0.7), u(158, 212), "graphite"
        elif tool == "faint-pen":
            self.width_mm, self.alpha, self.skip = u(0.2, 0.45), u(0.3, 0.55), u(0.1, 0.35)
        else:
            raise ValueError(f"unknown tool {tool}")
        self.ink = ink
        self.colour = GRAPHITE if ink == "graphite" else INKS[ink]
        if self.grey is not None:
            # coverage that leaves `grey` on white paper: 255 - a * (255 - graphite)
            self.alpha = (255.0 - self.grey) / (255.0 - GRAPHITE[0])

    def describe(self):
        d = {"tool": self.tool, "ink": self.ink, "width_mm": round(self.width_mm, 2)}
        if self.grey is not None:
            d["grey"] = round(self.grey)
        if self.tool == "nib":
            d["nib_angle_deg"] = round(math.degrees(self.nib_angle))
        return d

    @property
    def is_pencil(self):
        return self.grey is not None


def _resample(curve, step):
    seg = np.linalg.norm(np.diff(curve, axis=0), axis=1)
    s = np.concatenate([[0], np.cumsum(seg)])
    if s[-1] < 1e-9:
        return curve[:1]
    t = np.arange(0, s[-1] + step * 0.5, step)
    return np.stack([np.interp(t, s, curve[:, 0]), np.interp(t, s, curve[:, 1])], 1)


def _smooth_noise(n, scale, rng):
    """1-D noise with features about `scale` samples long, mean 0, sd ~1."""
    k = max(1, int(scale))
    raw = rng.normal(0, 1, n + 2 * k)
    ker = np.hanning(2 * k + 1)
    out = np.convolve(raw, ker / ker.sum(), mode="same")[k:k + n]
    return out / (out.std() + 1e-9)


def rasterise(paths_mm, pen, origin_mm, size_px, ppm, rng, weight=1.0):
    """Coverage (float32 0..1, size_px = (w, h)) of `paths_mm` drawn with `pen` on a patch whose
    top-left is `origin_mm`, at `ppm` pixels per mm. `weight` scales the pressure (a light touch)."""
    w, h = size_px
    S = SUPER
    canvas = np.zeros((h * S, w * S), np.float32)
    k = ppm * S
    wpx = max(pen.width_mm * k, 1.2)
    for curve in paths_mm:
        pts = (np.asarray(curve, np.float64) - origin_mm) * k
        if len(pts) == 0:
            continue
        step = max(0.6, min(wpx, max(pen.thin_mm * k, 1.0)) * 0.4)
        pts = _resample(pts, step) if len(pts) > 1 else pts
        n = len(pts)
        press = 1 + pen.pressure_var * _smooth_noise(n, 40 / step, rng)
        press = np.clip(press, 0.2, 1.4) * weight
        alpha = np.clip(pen.alpha * press ** 0.7, 0, 1)
        if pen.skip > 0:  # a ballpoint skipping: short stretches with little ink
            gaps = _smooth_noise(n, 25 / step, rng) > (2.6 - 3 * pen.skip)
            alpha = np.where(gaps, alpha * rng.uniform(0.05, 0.35), alpha)
        if pen.tool in ("ballpoint", "faint-pen") and n > 3:
            alpha[:3] = np.minimum(1.0, alpha[:3] * 1.25)  # a small blob where the ball lands
        radius = np.maximum(wpx * 0.5 * press ** 0.5, 0.7)
        if pen.tool == "nib":
            half = pen.width_mm * k / 2
            nx, ny = math.cos(pen.nib_angle) * half, -math.sin(pen.nib_angle) * half
            thick = max(1, int(round(pen.thin_mm * k)))
            for (x, y), a in zip(pts, alpha):
                cv2.line(canvas, (int(round(x - nx)), int(round(y - ny))), (int(round(x + nx)), int(round(y + ny))),
                         float(a), thick, cv2.LINE_8)
        else:
            for (x, y), a, r in zip(pts, alpha, radius):
                cv2.circle(canvas, (int(round(x)), int(round(y))), int(round(r)), float(a), -1, cv2.LINE_8)
    cov = cv2.resize(canvas, (w, h), interpolation=cv2.INTER_AREA)
    if pen.tool == "felt":
        cov = cv2.GaussianBlur(cov, (0, 0), max(0.3, pen.width_mm * ppm * 0.05))
    if pen.is_pencil:
        cov = cov * graphite_grain((h, w), ppm, rng)
    return np.clip(cov, 0, 1)


def graphite_grain(shape, ppm, rng):
    """Paper tooth under graphite: where the pencil touches (about 1), where it skips (lower)."""
    g = rng.uniform(0, 1, shape).astype(np.float32)
    g = cv2.GaussianBlur(g, (0, 0), max(0.5, ppm * 0.025))
    g = (g - g.mean()) / (g.std() + 1e-6)
    return np.clip(0.95 + 0.28 * g, 0.35, 1.12).astype(np.float32)


def composite(img, cov, colour, x0, y0):
    """Darkens img (uint8, grey HxW or RGB HxWx3, white paper = 255) by coverage `cov` placed at (x0, y0)."""
    h, w = cov.shape
    H, W = img.shape[:2]
    xa, ya, xb, yb = max(x0, 0), max(y0, 0), min(x0 + w, W), min(y0 + h, H)
    if xa >= xb or ya >= yb:
        return
    c = cov[ya - y0:yb - y0, xa - x0:xb - x0]
    region = img[ya:yb, xa:xb].astype(np.float32)
    if img.ndim == 3:
        f = 1 - c[..., None] * (1 - np.asarray(colour, np.float32)[None, None, :] / 255.0)
    else:
        lum = (0.299 * colour[0] + 0.587 * colour[1] + 0.114 * colour[2]) / 255.0
        f = 1 - c * (1 - lum)
    img[ya:yb, xa:xb] = np.clip(region * f, 0, 255).astype(np.uint8)


def draw(img, paths_mm, pen, ppm, rng, weight=1.0, pad_mm=1.5):
    """Draws paths (mm on the page) onto the page image at ppm pixels per mm; returns the coverage
    and its top-left pixel (for measuring where the ink went)."""
    pts = np.vstack([np.asarray(p) for p in paths_mm if len(p)])
    lo, hi = pts.min(0) - pad_mm, pts.max(0) + pad_mm
    x0, y0 = int(math.floor(lo[0] * ppm)), int(math.floor(lo[1] * ppm))
    x1, y1 = int(math.ceil(hi[0] * ppm)), int(math.ceil(hi[1] * ppm))
    cov = rasterise(paths_mm, pen, np.array([x0 / ppm, y0 / ppm]), (x1 - x0, y1 - y0), ppm, rng, weight)
    composite(img, cov, pen.colour, x0, y0)
    return cov, (x0, y0)

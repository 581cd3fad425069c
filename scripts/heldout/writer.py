"""A held-out writer: their own way of building each digit, their size, slant and habits.

A Writer is drawn once from a seed (the same person writes the pre and the post sheet) and
turns a digit into pen paths in millimetres: their variant of it, with the writer's lasting
deviations, plus the small differences of each instance (no two 7s are the same).
"""
import math

import numpy as np

import glyphs

SIZE_CLASSES = {"tiny": 0.1, "small": 0.15, "normal": 0.45, "large": 0.2, "overshoot": 0.1}


def catmull_rom(pts, per_span=10):
    """Dense smooth curve through the points (uniform Catmull-Rom, ends repeated)."""
    p = np.asarray(pts, np.float64)
    if len(p) < 3:
        t = np.linspace(0, 1, per_span + 1)[:, None]
        return p[0] * (1 - t) + p[-1] * t if len(p) == 2 else p
    q = np.vstack([p[0], p, p[-1]])
    out = [p[:1]]
    t = np.linspace(0, 1, per_span + 1)[1:, None]
    for i in range(1, len(q) - 2):
        p0, p1, p2, p3 = q[i - 1], q[i], q[i + 1], q[i + 2]
        out.append(0.5 * ((2 * p1) + (-p0 + p2) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2 + (-p0 + 3 * p1 - 3 * p2 + p3) * t ** 3))
    return np.vstack(out)


def stroke_to_curve(nodes):
    """A stroke's nodes (x, y[, "c"]) as one dense polyline, sharp at corners."""
    pieces, cur = [], []
    for n in nodes:
        cur.append((n[0], n[1]))
        if len(n) > 2:
            pieces.append(cur)
            cur = [(n[0], n[1])]
    if len(cur) > 1:
        pieces.append(cur)
    return np.vstack([catmull_rom(pc) for pc in pieces if len(pc) > 1])


def smooth_line(curve, k):
    """Moving average over k points (k odd), ends kept: a fluent hand rounds its corners."""
    if k < 3 or len(curve) < k + 2:
        return curve
    pad = np.vstack([np.repeat(curve[:1], k // 2, 0), curve, np.repeat(curve[-1:], k // 2, 0)])
    ker = np.ones(k) / k
    return np.stack([np.convolve(pad[:, j], ker, mode="valid") for j in range(2)], 1)


class Writer:
    """One person's handwriting. All lasting choices come from `seed`."""

    def __init__(self, seed, size_class=None):
        r = np.random.default_rng(seed)
        self.seed = seed
        u = lambda lo, hi: float(r.uniform(lo, hi))  # noqa: E731
        self.variants = {}
        self.habit = {}
        for d in range(10):
            name, fn = glyphs.pick_variant(r, d)
            strokes = fn(u)
            # the writer's lasting deviation from the textbook shape, node by node
            dev = [[(n[0] + r.normal(0, 0.035), n[1] + r.normal(0, 0.03)) + tuple(n[2:]) for n in s] for s in strokes]
            self.variants[d] = name
            self.habit[d] = dev
        self.size_class = size_class or str(r.choice(list(SIZE_CLASSES), p=list(SIZE_CLASSES.values())))
        self.height = {"tiny": u(0.32, 0.45), "small": u(0.45, 0.58), "normal": u(0.58, 0.8), "large": u(0.8, 0.98),
                       "overshoot": u(0.78, 1.02)}[self.size_class]  # share of the box height
        self.width_ratio = u(0.7, 1.2)
        self.slant = float(np.clip(r.normal(0.12, 0.16), -0.3, 0.55))  # x shift per unit height, right-leaning > 0
        self.rotation = r.normal(0, 2.5)
        # baseline: where the digit sits in the box (-1 top .. +1 bottom); overshooters cross the top or
        # the bottom border by a share of the digit's height
        self.baseline = float(np.clip(r.normal(0, 0.3), -1, 1))
        self.overshoot = (float(r.choice([-1, 1])) * u(0.08, 0.35)) if self.size_class == "overshoot" else 0.0
        self.x_offset = r.normal(0, 0.08)  # share of the box width
        self.hook_in = u(0, 0.09) if r.random() < 0.35 else 0.0  # a tick where the pen lands
        self.hook_out = u(0, 0.08) if r.random() < 0.3 else 0.0  # a flick where it leaves
        self.tremor = u(0, 0.012) if r.random() < 0.4 else u(0, 0.004)
        self.fluency = int(r.choice([1, 3, 5, 7]))  # corner rounding (moving-average window)
        self.warp = [(u(0, 0.06), u(1.5, 4), u(0, 6.3), u(1.5, 4), u(0, 6.3)) for _ in range(2)]  # smooth distortion
        self.jitter = u(0.008, 0.025)  # instance-to-instance node scatter
        self.align = "right" if r.random() < 0.55 else "left"
        self.lead_zero = bool(r.random() < 0.7)
        self.ignores_comb = bool(r.random() < 0.025)  # writes numbers with their own spacing, across boxes
        self.trailing_zero = bool(r.random() < 0.06)  # "0.60", "40.0"

    def style_tags(self):
        tags = [f"size-{self.size_class}", "slant-" + ("left" if self.slant < -0.05 else "upright" if self.slant < 0.15
                                                      else "right" if self.slant < 0.35 else "strong-right")]
        if self.ignores_comb:
            tags.append("ignores-comb")
        return tags

    def glyph_unit(self, digit, rng):
        """One instance of `digit` as polylines in the glyph frame (0..1, y down), before sizing."""
        out = []
        j = self.jitter
        for s in self.habit[digit]:
            nodes = [(n[0] + rng.normal(0, j), n[1] + rng.normal(0, j)) + tuple(n[2:]) for n in s]
            curve = stroke_to_curve(nodes)
            curve = self._ends(curve, rng)
            curve = self._distort(curve)
            curve = smooth_line(curve, self.fluency)
            if self.tremor > 0:
                curve = self._tremble(curve, rng)
            out.append(curve)
        return out

    def _ends(self, curve, rng):
        if len(curve) < 3:
            return curve
        pieces = [curve]
        if self.hook_in > 0 and rng.random() < 0.8:
            d = curve[1] - curve[0]
            d = d / (np.linalg.norm(d) + 1e-9)
            start = curve[0] + np.array([-d[1], d[0]]) * self.hook_in - d * self.hook_in * 0.5
            pieces.insert(0, np.linspace(start, curve[0], 4)[:-1])
        if self.hook_out > 0 and rng.random() < 0.8:
            d = curve[-1] - curve[-2]
            d = d / (np.linalg.norm(d) + 1e-9)
            end = curve[-1] + np.array([d[1], -d[0]]) * self.hook_out + d * self.hook_out * 0.4
            pieces.append(np.linspace(curve[-1], end, 4)[1:])
        return np.vstack(pieces)

    def _distort(self, curve):
        x, y = curve[:, 0].copy(), curve[:, 1].copy()
        for k, (a, fx, px, fy, py) in enumerate(self.warp):
            if k == 0:
                x = x + a * np.sin(fy * y + py) * np.cos(fx * x + px)
            else:
                y = y + a * np.sin(fx * x + px) * np.cos(fy * y + py)
        return np.stack([x, y], 1)

    def _tremble(self, curve, rng):
        n = len(curve)
        noise = rng.normal(0, 1, (n + 8, 2))
        ker = np.ones(5) / 5
        noise = np.stack([np.convolve(noise[:, j], ker, mode="same") for j in range(2)], 1)[4:4 + n]
        return curve + noise * self.tremor * 2.2

    def digit_mm(self, digit, box_w, box_h, rng, cx=0.0, cy=0.0, scale=1.0):
        """Polylines (mm, y down) of one written digit centred near (cx, cy) in a box of box_w x box_h."""
        h = box_h * self.height * scale * float(np.exp(rng.normal(0, 0.05)))
        w = h * glyphs.ASPECT[digit] * self.width_ratio * float(np.exp(rng.normal(0, 0.05)))
        w = min(w, box_w * 1.05)
        slant = self.slant + rng.normal(0, 0.04)
        rot = math.radians(self.rotation + rng.normal(0, 1.5))
        cr, sr = math.cos(rot), math.sin(rot)
        # vertical placement: baseline habit, free room in the box, instance jitter
        if self.overshoot:
            e = abs(self.overshoot) * h * float(np.exp(rng.normal(0, 0.25)))
            dy = np.sign(self.overshoot) * (h / 2 + e - box_h / 2)
        else:
            dy = self.baseline * max(box_h - h, 0.0) / 2 + rng.normal(0, 0.04 * box_h)
        dx = self.x_offset * box_w + rng.normal(0, 0.05 * box_w)
        out = []
        for curve in self.glyph_unit(digit, rng):
            x = (curve[:, 0] - 0.5) * w
            y = (curve[:, 1] - 0.5) * h
            x = x + slant * (h / 2 - y) * 0.9
            xr, yr = x * cr - y * sr, x * sr + y * cr
            out.append(np.stack([xr + cx + dx, yr + cy + dy], 1))
        return out

"""Procedural pen-stroke digits: several letterforms per digit (flagged and plain 1, crossed and
hooked 7, open and closed 4, straight- and curved-tail 9, ...), wobbled and jittered per sample, so
training sees writing styles that neither MNIST nor the fonts cover. Templates are in a unit box
(x right, y down); StrokeDigits.render(i, rng) returns (digit, uint8 ink mask) like FontGlyphs.render."""
import cv2
import numpy as np


def _arc(cx, cy, rx, ry, a0, a1, n=14):
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    t = np.radians(np.linspace(a0, a1, n))
    return [(cx + rx * np.cos(a), cy + ry * np.sin(a)) for a in t]


# Each digit: a list of variants; each variant a list of strokes (lists of points).
TEMPLATES = {
    0: [[_arc(0.5, 0.5, 0.42, 0.5, -90, 270, 24)],
        [_arc(0.5, 0.5, 0.4, 0.5, -60, 300, 24)]],
    1: [[[(0.5, 0.0), (0.5, 1.0)]],
        [[(0.2, 0.28), (0.55, 0.0), (0.55, 1.0)]],
        [[(0.05, 0.4), (0.6, 0.0), (0.6, 1.0)]],
        [[(0.2, 0.25), (0.55, 0.0), (0.55, 1.0)], [(0.2, 1.0), (0.9, 1.0)]]],
    2: [[_arc(0.5, 0.28, 0.42, 0.28, 195, 375) + [(0.05, 1.0), (0.95, 1.0)]],
        [_arc(0.5, 0.3, 0.4, 0.3, 200, 390) + [(0.1, 0.95), (0.2, 0.88), (0.35, 0.97), (0.95, 1.0)]],
        [_arc(0.45, 0.3, 0.45, 0.3, 190, 350) + [(0.1, 1.0), (0.95, 0.98)]]],
    3: [[_arc(0.47, 0.25, 0.4, 0.25, 200, 450) + _arc(0.47, 0.74, 0.45, 0.26, -90, 160)],
        [[(0.1, 0.0), (0.88, 0.0), (0.4, 0.42)] + _arc(0.47, 0.71, 0.45, 0.29, -100, 160)]],
    4: [[[(0.7, 1.0), (0.7, 0.0), (0.05, 0.68), (0.95, 0.68)]],
        [[(0.3, 0.0), (0.08, 0.62), (0.95, 0.62)], [(0.72, 0.2), (0.72, 1.0)]],
        [[(0.3, 0.0), (0.08, 0.62), (0.95, 0.62)], [(0.72, 0.0), (0.72, 1.0)]]],
    5: [[[(0.85, 0.0), (0.22, 0.0), (0.15, 0.45)] + _arc(0.48, 0.7, 0.42, 0.3, -140, 150)],
        [[(0.22, 0.0), (0.15, 0.45)] + _arc(0.48, 0.7, 0.42, 0.3, -140, 150), [(0.22, 0.0), (0.88, 0.02)]]],
    6: [[[(0.8, 0.0), (0.45, 0.15), (0.18, 0.48)] + _arc(0.5, 0.72, 0.35, 0.28, 180, 540)],
        [[(0.65, 0.0), (0.2, 0.55)] + _arc(0.5, 0.73, 0.36, 0.27, 190, 530)]],
    7: [[[(0.05, 0.0), (0.95, 0.0), (0.35, 1.0)]],
        [[(0.05, 0.0), (0.95, 0.0), (0.4, 1.0)], [(0.3, 0.52), (0.85, 0.5)]],
        [[(0.05, 0.18), (0.1, 0.0), (0.95, 0.0), (0.45, 1.0)]],
        [[(0.05, 0.0), (0.95, 0.02), (0.6, 0.45), (0.5, 1.0)]]],
    8: [[_arc(0.5, 0.25, 0.3, 0.24, 0, 360, 20), _arc(0.5, 0.72, 0.38, 0.27, 0, 360, 20)],
        [_arc(0.5, 0.24, 0.32, 0.24, 40, -220, 16) + _arc(0.5, 0.73, 0.4, 0.27, -90, 270, 22)
         + [(0.75, 0.4)]]],
    9: [[_arc(0.5, 0.28, 0.4, 0.28, 0, 360, 22) + [(0.88, 0.3), (0.85, 1.0)]],
        [_arc(0.5, 0.28, 0.4, 0.28, 0, 360, 22) + [(0.9, 0.3), (0.8, 0.8), (0.45, 1.0)]],
        [_arc(0.45, 0.28, 0.4, 0.28, 10, 370, 22) + [(0.85, 0.35), (0.6, 1.0)]]],
}


class StrokeDigits:
    """Draws template digits with a per-sample wobble, width and pen."""

    size = sum(len(v) for v in TEMPLATES.values())

    def __init__(self):
        self.variants = [(d, v) for d in range(10) for v in TEMPLATES[d]]

    def render(self, i, rng):
        d, strokes = self.variants[i % len(self.variants)]
        h = 100
        w = h * rng.uniform(0.45, 0.75)
        img = np.zeros((160, 160), np.uint8)
        pen = int(rng.randint(5, 12))
        # The writer's hand: a smooth wobble over the whole digit plus a little per-point jitter.
        amp, freq, phase = rng.uniform(0, 0.06, 2), rng.uniform(0.5, 1.5, 2), rng.uniform(0, 2 * np.pi, 2)
        for s in strokes:
            p = np.asarray(s, np.float64)
            p = p + amp * np.sin(2 * np.pi * freq * p[:, ::-1] + phase) + rng.normal(0, 0.012, p.shape)
            pts = np.stack([30 + p[:, 0] * w, 30 + p[:, 1] * h], 1)
            cv2.polylines(img, [np.round(pts * 4).astype(np.int32)], False, 255, pen, cv2.LINE_AA, shift=2)
        return d, img

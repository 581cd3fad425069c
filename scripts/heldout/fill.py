"""Fills one printed page (an image of the blank sheet) with a participant's answers as planned
in answers.py: bubble marks, erasures, stray dots, the NO RESEARCH box and handwritten numbers.
Returns what the ink really did where that matters (digits over a border, across boxes).
"""
import numpy as np

import bubble_marks as bm
import pens

EDGE_MM = 0.5  # ink beyond a box border by more than this counts as over the border


def slot_centre_x(boxes, s):
    """x (mm) of a digit written at fractional box index s (box centres interpolated)."""
    cx = [b[0] + b[2] / 2 for b in boxes]
    i = int(np.clip(np.floor(s), 0, len(cx) - 2))
    return cx[i] + (s - i) * (cx[i + 1] - cx[i])


def _ink_bbox_mm(cov, origin, ppm, level=0.25):
    ys, xs = np.nonzero(cov > level)
    if len(xs) == 0:
        return None
    x0, y0 = origin
    return ((x0 + xs.min()) / ppm, (y0 + ys.min()) / ppm, (x0 + xs.max() + 1) / ppm, (y0 + ys.max() + 1) / ppm)


def draw_number(img, boxes, placed, writer, pen, ppm, rng):
    """Writes the digits; returns (tags from the ink's extent, [{digit, box, variant}])."""
    tags, digits = [], []
    bh = boxes[0][3]
    for d, s in placed:
        k = int(np.clip(round(s), 0, len(boxes) - 1))
        bx, by, bw, _ = boxes[k]
        cx = slot_centre_x(boxes, s)
        paths = writer.digit_mm(d, bw, bh, rng, cx=cx, cy=by + bh / 2)
        cov, origin = pens.draw(img, paths, pen, ppm, rng)
        box = _ink_bbox_mm(cov, origin, ppm)
        digits.append({"digit": d, "box": k, "variant": writer.variants[d]})
        if box is None:
            continue
        x0, y0, x1, y1 = box
        if y0 < by - EDGE_MM:
            tags.append(f"over-top@{k}")
        if y1 > by + bh + EDGE_MM:
            tags.append(f"over-bottom@{k}")
        gap = 1.0 + 0.3
        if x0 < bx - gap or x1 > bx + bw + gap:
            edge_l, edge_r = boxes[0][0], boxes[-1][0] + boxes[-1][2]
            tags.append(f"{'outside' if x0 < edge_l - EDGE_MM or x1 > edge_r + EDGE_MM else 'across'}@{k}")
    return tags, digits


def _erasure(img, cx, cy, w, h, pen, ppm, rng, habit):
    """A rubbed-out mark: a soft, patchy smudge, over a faint remnant of strokes when it was pencil."""
    if pen.is_pencil and rng.random() < 0.6:
        paths = bm.bubble_mark("fill", cx, cy, w, h, pen.width_mm, rng, habit)
        if paths:
            pens.draw(img, paths, pens.Pen("pencil", rng), ppm, rng, weight=float(rng.uniform(0.06, 0.14)))
    sw, sh = w + rng.uniform(1.0, 3.0), h + rng.uniform(0.8, 2.4)
    px, py = int(sw * ppm), int(sh * ppm)
    cov = bm.smudge((py, px), ppm, rng, float(rng.uniform(0.12, 0.35)))
    x0, y0 = int((cx - sw / 2 + rng.normal(0, 0.4)) * ppm), int((cy - sh / 2 + rng.normal(0, 0.3)) * ppm)
    pens.composite(img, cov, pens.GRAPHITE, x0, y0)


def fill_page(img, page_layout, plan, person, pen, ppm, rng):
    """Draws every planned answer of this page onto img (uint8 RGB, white paper). Returns
    {field: {"tags": [...], "digits": [...]}} for the numbers written on it."""
    out = {}
    habit = person.habit
    for f in page_layout["fields"]:
        p = plan.get(f["id"])
        if f["type"] == "checkbox":
            if p:
                o = f["options"][0]
                (cx, cy), (w, _) = o["center_mm"], o["size_mm"]
                pens.draw(img, bm.box_mark(p["style"], cx, cy, w, pen.width_mm, rng, habit), pen, ppm, rng)
        elif f["type"] == "choice" and p:
            opts = {o["value"]: o for o in f["options"]}
            for letter, style in p["marks"]:
                o = opts[letter]
                paths = bm.bubble_mark(style, *o["center_mm"], *o["size_mm"], pen.width_mm, rng, habit)
                if paths:
                    pens.draw(img, paths, pen, ppm, rng)
            for kind, letter in p["extras"]:
                (cx, cy), (w, h) = opts[letter]["center_mm"], opts[letter]["size_mm"]
                if kind == "erasure":
                    _erasure(img, cx, cy, w, h, pen, ppm, rng, habit)
                else:
                    dx, dy = rng.uniform(-w * 0.7, w * 0.7), rng.uniform(-h * 0.6, h * 0.6)
                    pens.draw(img, bm.dot(cx + dx, cy + dy, rng), pen, ppm, rng)
        elif f["type"] == "number" and p:
            boxes = [b["bbox_mm"] for b in f["boxes"]]
            tags, digits = draw_number(img, boxes, p["placed"], person.writer, pen, ppm, rng)
            out[f["id"]] = {"tags": tags, "digits": digits}
    return out

"""Where the sheet lies on the scanner glass: the page-to-image geometry of the held-out capture
model, and what of the printed page the image still shows (corner marks, barcode, fields).

Modes: normal (every mark inside), one-corner / two-corners (the sheet shifted and turned so that
one corner mark, or the two on one edge, fall outside the image), cut (the image cropped tighter
than the page), fold (a dog-eared corner folded over a corner mark).
"""
import math

import numpy as np

CORNERS = ("tl", "tr", "br", "bl")
EDGES = {"top": ("tl", "tr"), "bottom": ("bl", "br"), "left": ("tl", "bl"), "right": ("tr", "br")}


def mark_names(fiducials, page_w, page_h):
    """Names (tl, tr, br, bl, ml, mr, ...) of the layout's fiducials by where they sit."""
    out = []
    for f in fiducials:
        x, y = f["center_mm"]
        v = "t" if y < page_h / 3 else "b" if y > 2 * page_h / 3 else "m"
        out.append(v + ("l" if x < page_w / 2 else "r"))
    return out


def affine(theta_deg, sx, sy, tx, ty, page_w, page_h):
    """2x3 page mm -> frame mm: scaled, turned about the page centre, then moved by (tx, ty)."""
    t = math.radians(theta_deg)
    R = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]])
    A = R @ np.diag([sx, sy])
    c = np.array([page_w / 2, page_h / 2])
    return np.hstack([A, (c + np.array([tx, ty]) - A @ c)[:, None]])


def grid(rect, n=7):
    x, y, w, h = rect
    u = (np.arange(n) + 0.5) / n
    gx, gy = np.meshgrid(x + u * w, y + u * h)
    return np.stack([gx.ravel(), gy.ravel()], 1)


def fold_polygons(fold, page_w, page_h):
    """(gone, flap): the corner triangle that is folded away and where it now lies (page mm)."""
    corner = fold["corner"]
    cx = 0.0 if corner[1] == "l" else page_w
    cy = 0.0 if corner[0] == "t" else page_h
    sx = 1 if corner[1] == "l" else -1
    sy = 1 if corner[0] == "t" else -1
    C = np.array([cx, cy])
    P1 = C + [sx * fold["leg_x_mm"], 0]
    P2 = C + [0, sy * fold["leg_y_mm"]]
    d = (P2 - P1) / np.linalg.norm(P2 - P1)
    v = C - P1
    C2 = P1 + 2 * d * (v @ d) - v  # C reflected across the fold line
    return np.array([C, P1, P2]), np.array([P1, P2, C2])


def _in_triangle(p, tri):
    a, b, c = tri
    def side(p1, p2):
        return (p[:, 0] - p2[0]) * (p1[1] - p2[1]) - (p1[0] - p2[0]) * (p[:, 1] - p2[1])
    d1, d2, d3 = side(a, b), side(b, c), side(c, a)
    neg = (d1 < 0) | (d2 < 0) | (d3 < 0)
    pos = (d1 > 0) | (d2 > 0) | (d3 > 0)
    return ~(neg & pos)


def visible(rect, A, window, fold=None, page_wh=None):
    """Share of `rect` (page mm) that the image shows: inside `window` (frame mm x0, y0, x1, y1)
    and not under or torn off by a fold."""
    p = grid(rect)
    f = p @ A[:, :2].T + A[:, 2]
    ok = (f[:, 0] >= window[0]) & (f[:, 0] <= window[2]) & (f[:, 1] >= window[1]) & (f[:, 1] <= window[3])
    if fold:
        gone, flap = fold_polygons(fold, *page_wh)
        ok &= ~_in_triangle(p, gone) & ~_in_triangle(p, flap)
    return float(ok.mean())


def _fid_rect(f):
    (x, y), s = f["center_mm"], f["size_mm"]
    return (x - s / 2, y - s / 2, s, s)


def _corner_vis(params, fids, names, frame, page_wh):
    """Visible share of each corner mark for candidate placements (vectorised over candidates)."""
    th, sx, sy, tx, ty = params.T
    out = {}
    for f, name in zip(fids, names):
        if name not in CORNERS:
            continue
        p = grid(_fid_rect(f), 5)  # (25, 2)
        c = np.array(page_wh) / 2
        q = p - c
        t = np.radians(th)[:, None]
        x = q[None, :, 0] * sx[:, None]
        y = q[None, :, 1] * sy[:, None]
        fx = np.cos(t) * x - np.sin(t) * y + c[0] + tx[:, None]
        fy = np.sin(t) * x + np.cos(t) * y + c[1] + ty[:, None]
        inside = (fx >= 0) & (fx <= frame[0]) & (fy >= 0) & (fy <= frame[1])
        out[name] = inside.mean(1)
    return out


def place(rng, mode, page_wh, frame, fids, target=None, max_skew=2.5):
    """(theta, sx, sy, tx, ty) of a placement that fits `mode`: normal keeps every corner mark inside;
    one-corner loses `target` (a corner), two-corners the two corners of edge `target`."""
    names = mark_names(fids, *page_wh)
    lost = {"normal": (), "cut": (), "fold": (), "one-corner": (target,), "two-corners": EDGES.get(target, ())}[mode]
    for attempt in range(60):
        k = 4000
        sx = 1 + rng.uniform(-0.03, 0.03, k)
        sy = sx * (1 + rng.normal(0, 0.004, k))
        if lost:
            th = rng.uniform(-max_skew, max_skew, k)
            spread = 22
        else:
            th = np.clip(rng.normal(0, 0.9, k), -max_skew, max_skew)
            spread = 3
        slack = (np.array(frame) - np.array(page_wh)) / 2
        tx = slack[0] + rng.uniform(-spread, spread, k)
        ty = slack[1] + rng.uniform(-spread, spread, k)
        params = np.stack([th, sx, sy, tx, ty], 1)
        vis = _corner_vis(params, fids, names, frame, page_wh)
        ok = np.ones(k, bool)
        for name, v in vis.items():
            ok &= (v <= 0.08) if name in lost else (v >= 0.999)
        hits = np.nonzero(ok)[0]
        if len(hits):
            return tuple(float(v) for v in params[hits[0]])
        max_skew = max_skew if lost else max_skew * 0.8
    raise RuntimeError(f"no placement found for {mode} {target}")


def page_to_image(A, crop, dpi, img_wh, rotation):
    """2x3 page mm -> pixel coordinates of the stored image (pixel i spans [i, i+1)), after the crop
    (frame mm cut at left and top) and the clockwise quarter-turn `rotation`."""
    k = dpi / 25.4
    M = np.vstack([A, [0, 0, 1]])
    S = np.array([[k, 0, -crop[0] * k], [0, k, -crop[1] * k], [0, 0, 1]])
    w, h = img_wh  # the image before the quarter-turn
    R = {0: np.eye(3), 90: np.array([[0, -1, h], [1, 0, 0], [0, 0, 1.0]]),
         180: np.array([[-1, 0, w], [0, -1, h], [0, 0, 1.0]]), 270: np.array([[0, 1, 0], [-1, 0, w], [0, 0, 1.0]])}[rotation]
    return (R @ S @ M)[:2]

"""The held-out capture model: paper colour, a dog-eared corner, the sheet's place on the glass,
the scan's resolution and crop, blur, light, feeder streaks, noise, colour or greyscale, and the
quarter-turn of the stored image. JPEG quality is applied when the file is written (stack.py).
"""
import cv2
import numpy as np

import placement

PAPERS = {"white": (246, 246, 243), "cream": (250, 242, 212), "yellow": (251, 238, 178), "grey": (214, 212, 205),
          "blue": (206, 226, 246), "pink": (250, 218, 228)}


def paper_rgb(name, rng):
    return tuple(float(np.clip(c + rng.normal(0, 2.5), 0, 255)) for c in PAPERS[name])


def draw_params(rng, scanner):
    """Per-page degradations (blur in mm, noise, light, gamma, streaks)."""
    p = {"blur_mm": float(rng.uniform(0.02, 0.1)), "noise": float(rng.uniform(0.8, 6.0)),
         "gamma": float(rng.uniform(0.85, 1.2)), "black": float(rng.uniform(0, 22)),
         "light": [float(rng.uniform(-0.04, 0.04)), float(rng.uniform(-0.04, 0.04))], "streaks": []}
    if scanner == "adf" and rng.random() < 0.5:
        for _ in range(int(rng.integers(1, 4))):
            p["streaks"].append({"x_frac": float(rng.uniform(0.03, 0.97)), "width_px": int(rng.integers(1, 4)),
                                 "delta": float(rng.choice([rng.uniform(-45, -10), rng.uniform(8, 25)]))})
    return p


def fold_corner(img, back, fold, ppm, page_wh, rng):
    """Folds the corner over: the flap shows the sheet's back (mirrored), slightly shaded, casting
    a soft shadow. Returns the polygon (px) of the corner that is gone (to paint as background)."""
    gone, flap = placement.fold_polygons(fold, *page_wh)
    W = page_wh[0]
    P1, P2 = gone[1], gone[2]
    d = (P2 - P1) / np.linalg.norm(P2 - P1)
    # reflection across the fold line, then the page's back: x -> W - x (mm)
    Rf = np.eye(2) * -1 + 2 * np.outer(d, d)
    tf = P1 - Rf @ P1
    Mirror = np.array([[-1, 0], [0, 1.0]])
    A = Mirror @ Rf
    t = Mirror @ tf + np.array([W, 0])
    M = np.hstack([A, (t * ppm + (A @ [0.5, 0.5]) * 1 - 0.5)[:, None]])  # in px (dst -> src)
    H, Wp = img.shape[:2]
    flap_px = (flap * ppm).astype(np.int32)
    x0, y0 = np.maximum(flap_px.min(0) - 4, 0)
    x1, y1 = np.minimum(flap_px.max(0) + 4, [Wp, H])
    Mt = M.copy()
    Mt[:, 2] += M[:, :2] @ [x0, y0]
    patch = cv2.warpAffine(back, Mt, (int(x1 - x0), int(y1 - y0)), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                           borderMode=cv2.BORDER_REPLICATE)
    mask = np.zeros((int(y1 - y0), int(x1 - x0)), np.uint8)
    cv2.fillPoly(mask, [flap_px - [x0, y0]], 255)
    shade = float(rng.uniform(0.9, 0.97))
    region = img[y0:y1, x0:x1].astype(np.float32)
    shadow = cv2.GaussianBlur(mask.astype(np.float32) / 255, (0, 0), ppm * 0.5)
    shadow = np.roll(shadow, (int(ppm * 0.3), int(ppm * 0.3)), (0, 1)) * float(rng.uniform(0.1, 0.25))
    m = (mask > 0)
    if img.ndim == 3:
        m, shadow = m[..., None], shadow[..., None]
    out = np.where(m, patch.astype(np.float32) * shade, region * (1 - shadow))
    img[y0:y1, x0:x1] = np.clip(out, 0, 255).astype(np.uint8)
    return (gone * ppm).astype(np.int32)


def tint(img, rgb):
    """The paper's colour: white paper times the paper's RGB (grey: its luminance)."""
    ramp = np.arange(256, dtype=np.float32) / 255.0
    if img.ndim == 3:
        lut = np.stack([np.clip(ramp * c, 0, 255) for c in rgb], 1).astype(np.uint8).reshape(256, 1, 3)
        return cv2.LUT(img, lut)
    lum = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
    return cv2.LUT(img, np.clip(ramp * lum, 0, 255).astype(np.uint8))


def capture(page, back, cap, work_dpi, page_wh, rng):
    """The stored image of one page (uint8 grey or RGB) as the capture plan `cap` says.
    page/back: the filled front and the sheet's other side at work_dpi, RGB, white paper."""
    ppm = work_dpi / 25.4
    img = page if cap["colour"] else cv2.cvtColor(page, cv2.COLOR_RGB2GRAY)
    gone = None
    if cap.get("fold"):
        b = back if cap["colour"] else cv2.cvtColor(back, cv2.COLOR_RGB2GRAY)
        img = img.copy()
        gone = fold_corner(img, b, cap["fold"], ppm, page_wh, rng)
    img = tint(img, tuple(cap["paper_rgb"]))
    lid = tuple(cap["lid_rgb"]) if cap["colour"] else (0.299 * cap["lid_rgb"][0] + 0.587 * cap["lid_rgb"][1] + 0.114 * cap["lid_rgb"][2],)
    if gone is not None:
        cv2.fillPoly(img, [gone], lid if img.ndim == 3 else lid[0])
    dpi = cap["dpi"]
    k = dpi / 25.4
    src_ppm = ppm
    if dpi < work_dpi * 0.8:  # reduce first: warpAffine does not average
        f = dpi / work_dpi
        img = cv2.resize(img, (round(img.shape[1] * f), round(img.shape[0] * f)), interpolation=cv2.INTER_AREA)
        src_ppm = ppm * img.shape[1] / page.shape[1]
    A = np.asarray(cap["affine"])
    fw, fh = cap["frame_mm"]
    # src px -> frame px: k * (A (p / src_ppm)); cv2 pixel centres sit at integers
    M = np.hstack([A[:, :2] * (k / src_ppm), (A[:, 2] * k)[:, None]])
    M[:, 2] += M[:, :2] @ [0.5, 0.5] - 0.5
    size = (int(round(fw * k)), int(round(fh * k)))
    bv = lid if img.ndim == 3 else lid[0]
    out = cv2.warpAffine(img, M, size, flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=bv)
    cl, ct, cr, cb = cap["crop_mm"]
    x0, y0 = int(round(cl * k)), int(round(ct * k))
    x1, y1 = size[0] - int(round(cr * k)), size[1] - int(round(cb * k))
    out = out[y0:y1, x0:x1]
    out = degrade(out, cap["degrade"], dpi, rng)
    rot = cap["rotation"]
    if rot:
        out = np.ascontiguousarray(np.rot90(out, {90: -1, 180: 2, 270: 1}[rot]))
    return out, (x1 - x0, y1 - y0)


def degrade(img, p, dpi, rng):
    """Blur, uneven light, scanner tone curve, feeder streaks and sensor noise."""
    cv2.setRNGSeed(int(rng.integers(2**31)))
    s = p["blur_mm"] * dpi / 25.4
    if s > 0.25:
        img = cv2.GaussianBlur(img, (0, 0), s)
    h, w = img.shape[:2]
    gx, gy = p["light"]
    yy = np.linspace(-0.5, 0.5, h, dtype=np.float32)[:, None]
    xx = np.linspace(-0.5, 0.5, w, dtype=np.float32)[None, :]
    gain = 1 + gx * xx + gy * yy
    lut = np.clip(p["black"] + (255 - p["black"]) * (np.arange(256) / 255.0) ** p["gamma"], 0, 255).astype(np.uint8)
    out = np.empty_like(img)
    band = 512
    for y in range(0, h, band):
        seg = img[y:y + band].astype(np.float32)
        g = gain[y:y + band]
        seg *= g[..., None] if img.ndim == 3 else g
        for st in p["streaks"]:
            x = int(st["x_frac"] * w)
            seg[:, x:x + st["width_px"]] += st["delta"]
        noise = np.empty(seg.shape, np.float32)
        cv2.randn(noise, 0.0, float(p["noise"]))  # seeded below, per page, from rng
        seg += noise
        out[y:y + band] = cv2.LUT(np.clip(seg, 0, 255).astype(np.uint8), lut)
    return out


def rotation_of(rng, batch_rotation, flip_share=0.05):
    """A page's quarter-turn: the batch's, or upside down for a sheet put in the wrong way."""
    if rng.random() < flip_share:
        return (batch_rotation + 180) % 360
    return batch_rotation

"""The held-out stack as scanners make it: sheets shuffled into batches, each batch with its own
scanner (flatbed or feeder), resolution, colour mode, file format and orientation, scanned duplex
or in two passes; per page a capture plan (paper, placement on the glass, crop, fold, noise).
"""
import numpy as np

import capture
import placement

ORIENT = {0: 0.7, 180: 0.15, 90: 0.08, 270: 0.07}


def pick(rng, weights):
    keys = list(weights)
    w = np.array([weights[k] for k in keys], np.float64)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def quota(rng, weights, n):
    """n values following `weights` as closely as whole numbers allow, in random order: a stack of
    few batches still shows every condition its mix names (a plain draw per batch is lumpy)."""
    keys = list(weights)
    w = np.array([weights[k] for k in keys], np.float64)
    w = w / w.sum() * n
    count = np.floor(w).astype(int)
    rest = n - int(count.sum())
    if rest > 0:
        rem = w - count
        count[rng.choice(len(keys), size=rest, replace=False, p=rem / rem.sum())] += 1
    out = [k for k, c in zip(keys, count) for _ in range(c)]
    rng.shuffle(out)
    return out


def plan_batches(rng, sheets_by_session, prof):
    """[batch] with its scanner settings and its sheets [(pid, session)] in scan order."""
    lo, hi = prof["batch_size"]
    chunks = []
    for session, pids in sheets_by_session.items():
        order = list(pids)
        rng.shuffle(order)
        i = 0
        while i < len(order):
            n = int(rng.integers(lo, hi + 1))
            chunks.append((session, order[i:i + n]))
            i += n
    n = len(chunks)
    dpis, colours = quota(rng, prof["dpi"], n), quota(rng, {True: prof["colour_share"], False: 1 - prof["colour_share"]}, n)
    formats, turns = quota(rng, prof["formats"], n), quota(rng, ORIENT, n)
    scanners = quota(rng, {"adf": prof["adf_share"], "flatbed": 1 - prof["adf_share"]}, n)
    batches = []
    for k, (session, chunk) in enumerate(chunks):
        fmt, scanner = formats[k], scanners[k]
        b = {"session": session, "sheets": [(p, session) for p in chunk], "scanner": scanner, "format": fmt,
             "dpi": int(dpis[k]), "colour": bool(colours[k]), "rotation": int(turns[k]),
             "jpeg_quality": int(rng.integers(45, 93)), "tiff_compression": str(rng.choice(["lzw", "deflate"])),
             "two_pass": bool(fmt in ("pdf", "tiff") and rng.random() < 0.3), "backs_reversed": bool(rng.random() < 0.5),
             "frame_extra_mm": [float(rng.uniform(0.5, 6)), float(rng.uniform(0.5, 6))]}
        if rng.random() < 0.1:  # a letter sheet on an A4 scan area
            b["frame_extra_mm"][1] = 297.0 - 279.4 + float(rng.uniform(0, 2))
        # what the image shows beyond the sheet: a flatbed's white lid, a feeder's grey or dark backing
        b["lid_rgb"] = [240.0, 240.0, 237.0] if scanner == "flatbed" else [float(rng.uniform(35, 150))] * 3
        batches.append(b)
    return batches


def page_capture(rng, batch, prof, page_wh, fids, paper):
    """The capture plan of one page of `batch`."""
    mode = pick(rng, prof["modes"])
    target, fold = None, None
    crop = [0.0, 0.0, 0.0, 0.0]
    if mode == "one-corner":
        target = str(rng.choice(placement.CORNERS))
    elif mode == "two-corners":
        target = str(rng.choice(list(placement.EDGES)))
    frame = (page_wh[0] + batch["frame_extra_mm"][0], page_wh[1] + batch["frame_extra_mm"][1])
    th, sx, sy, tx, ty = placement.place(rng, mode, page_wh, frame, fids, target, prof["max_skew"])
    A = placement.affine(th, sx, sy, tx, ty, *page_wh)
    if mode == "cut":  # cropped tighter than the page on one or two sides, sometimes through the marks
        corners = A @ np.array([[0, 0, 1], [page_wh[0], 0, 1], [page_wh[0], page_wh[1], 1], [0, page_wh[1], 1]]).T
        page_box = [corners[0].min(), corners[1].min(), frame[0] - corners[0].max(), frame[1] - corners[1].max()]
        for side in rng.choice(4, size=int(rng.integers(1, 3)), replace=False):
            crop[side] = max(0.0, page_box[side]) + float(rng.uniform(3, 17))
    if mode == "fold":
        fold = {"corner": str(rng.choice(placement.CORNERS)), "leg_x_mm": float(rng.uniform(16, 34))}
        fold["leg_y_mm"] = float(np.clip(fold["leg_x_mm"] * rng.uniform(0.7, 1.4), 14, 40))
    return {"mode": mode, "target": target, "dpi": batch["dpi"], "colour": batch["colour"], "paper": paper,
            "paper_rgb": list(capture.paper_rgb(paper, rng)), "lid_rgb": batch["lid_rgb"],
            "frame_mm": [float(frame[0]), float(frame[1])], "affine": A.tolist(), "skew_deg": th, "scale": [sx, sy],
            "shift_mm": [tx - (frame[0] - page_wh[0]) / 2, ty - (frame[1] - page_wh[1]) / 2],
            "crop_mm": crop, "fold": fold, "degrade": capture.draw_params(rng, batch["scanner"]),
            "rotation": capture.rotation_of(rng, batch["rotation"])}


def scan_order(batch):
    """[(file key, [(pid, session, sheet_page)])]: the batch's files and the pages in each, in order."""
    fronts = [(p, s, 1) for p, s in batch["sheets"]]
    backs = [(p, s, 2) for p, s in batch["sheets"]]
    if batch["format"] in ("png", "jpeg"):
        pages = [pg for pair in zip(fronts, backs) for pg in pair]
        return [(f"single-{k}", [pg]) for k, pg in enumerate(pages)]
    if batch["two_pass"]:
        return [("fronts", fronts), ("backs", backs[::-1] if batch["backs_reversed"] else backs)]
    return [("duplex", [pg for pair in zip(fronts, backs) for pg in pair])]

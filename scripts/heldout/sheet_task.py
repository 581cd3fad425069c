"""One sheet of a held-out stack, start to end (run in a worker process): render its two printed
pages, fill them as planned, capture each scanned page and write it (or its part of a multi-page
file), and measure what each image still shows of the printed page.
"""
import os

import cv2
import numpy as np

import capture
import fill
import placement
import quizform
import scanfiles
from answers import Person, plan_sheet


def work_dpi_of(dpi):
    return 300 if dpi <= 300 else int(dpi)


def page_seen(cap, page_layout, page_wh, names, pre_wh):
    """What the image shows of the page: corner/side marks, barcode, fields (visible shares).
    pre_wh: the image's size before its quarter-turn."""
    A = np.asarray(cap["affine"])
    cl, ct, cr, cb = cap["crop_mm"]
    fw, fh = cap["frame_mm"]
    win = (cl, ct, fw - cr, fh - cb)
    vis = {}
    for f, name in zip(page_layout["fiducials"], names):
        (x, y), s = f["center_mm"], f["size_mm"]
        vis[name] = round(placement.visible((x - s / 2, y - s / 2, s, s), A, win, cap["fold"], page_wh), 3)
    bc = placement.visible(tuple(page_layout["barcode"]["bbox_mm"]), A, win, cap["fold"], page_wh)
    cut = []
    for f in page_layout["fields"]:
        rects = [tuple(b["bbox_mm"]) for b in f.get("boxes", [])]
        for o in f.get("options", []):
            (x, y), (w, h) = o["center_mm"], o["size_mm"]
            rects.append((x - w / 2, y - h / 2, w, h))
        if any(placement.visible(r, A, win, cap["fold"], page_wh) < 0.999 for r in rects):
            cut.append(f["id"])
    rot = cap["rotation"]
    return {"marks_visible": vis, "marks_outside": sorted(n for n, v in vis.items() if v < 0.25),
            "marks_partial": sorted(n for n, v in vis.items() if 0.25 <= v < 0.99), "barcode_visible": round(bc, 3),
            "fields_cut": cut, "page_to_image": placement.page_to_image(A, (cl, ct), cap["dpi"], pre_wh, rot).tolist()}


def encode(img, cap, target, fmt, quality):
    """Writes a page where it belongs: its own PNG/JPEG file, or a part for a multi-page file."""
    if fmt == "png":
        open(target, "wb").write(scanfiles.png_bytes(img, cap["dpi"]))
    elif fmt == "jpeg":
        open(target, "wb").write(scanfiles.jpeg_bytes(img, quality, cap["dpi"]))
    elif fmt == "pdf":
        open(target, "wb").write(scanfiles.jpeg_bytes(img, quality, cap["dpi"]))
    else:
        np.save(target, img)


def run_sheet(task):
    """task: everything one sheet needs (see make_stack.plan). Returns per-page facts."""
    seed, pid, session = task["seed"], task["pid"], task["session"]
    rng = np.random.default_rng([seed, int(pid), 0 if session == "pre" else 1])
    person = Person(task["person_seed"], task["pencil_share"])
    layout = task["layout"]
    page_wh = tuple(layout["page_size_mm"])
    _, _, plan, pen = plan_sheet(person, session, layout, task["key"], np.random.default_rng(task["plan_seed"]),
                                 task["sheet_mode"])
    dpi = max(c["dpi"] for c in task["captures"] if c) if any(task["captures"]) else 300
    wdpi = work_dpi_of(dpi)
    k = task["pdf_first_page"]
    pages = [quizform.as_rgb(p) for p in quizform.render_pages(task["pdf"], k, k + 1, wdpi)]
    ppm = wdpi / 25.4
    numbers = {}
    for i in range(2):
        numbers.update(fill.fill_page(pages[i], layout["pages"][i], plan, person, pen, ppm, rng))
    out = []
    for i, cap in enumerate(task["captures"]):
        if cap is None:
            out.append(None)
            continue
        img, pre_wh = capture.capture(pages[i], pages[1 - i], cap, wdpi, page_wh, rng)
        encode(img, cap, task["targets"][i], task["format"], task["jpeg_quality"])
        names = placement.mark_names(layout["pages"][i]["fiducials"], *page_wh)
        seen = page_seen(cap, layout["pages"][i], page_wh, names, pre_wh)
        out.append({"size_px": [int(img.shape[1]), int(img.shape[0])], **seen})
    return {"pid": pid, "session": session, "pages": out, "numbers": numbers}


def assemble(job):
    """Joins the parts of one multi-page file (PDF of JPEGs or TIFF) and removes them."""
    path, fmt, parts, dpi, colour, compression = job
    if fmt == "pdf":
        pages = []
        for p in parts:
            jpg = open(p, "rb").read()
            img = cv2.imdecode(np.frombuffer(jpg, np.uint8), cv2.IMREAD_UNCHANGED)
            pages.append((jpg, img.shape[1], img.shape[0], dpi, colour))
        scanfiles.write_pdf(path, pages)
    else:
        scanfiles.write_tiff(path, [np.load(p) for p in parts], dpi, compression)
    for p in parts:
        os.remove(p)
    return path

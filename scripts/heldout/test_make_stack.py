#!/usr/bin/python3
"""Checks of the held-out stack generator itself (fast): truth consistent with the files (page
counts, image sizes against rotation), marks darker than paper where the truth says marked,
light pencil within its grey range and pens darker, corner marks the truth calls outside really
missing from the image, and the same seed giving the same stack.

  test_make_stack.py QUIZSCAN_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE = os.path.join(HERE, "make_stack.py")
FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)
        print("FAIL:", msg)


def make(qs, out, *args):
    subprocess.run(["/usr/bin/python3", MAKE, "--quizscan", qs, "--out", out, *args], check=True)
    return json.load(open(os.path.join(out, "truth.json")))


def load_pages(path):
    if path.endswith(".pdf"):
        with tempfile.TemporaryDirectory() as tmp:
            # the stored JPEGs at their own size: render at the dpi the PDF's page size implies
            info = subprocess.run(["pdfimages", "-list", path], capture_output=True, text=True).stdout.splitlines()[2:]
            subprocess.run(["pdfimages", "-j", path, os.path.join(tmp, "p")], check=True)
            imgs = [cv2.imread(os.path.join(tmp, f), cv2.IMREAD_GRAYSCALE) for f in sorted(os.listdir(tmp))]
            check(len(info) == len(imgs), f"{path}: pdfimages lists {len(info)} images, extracted {len(imgs)}")
            return imgs
    if path.endswith(".tiff"):
        ok, imgs = cv2.imreadmulti(path, flags=cv2.IMREAD_GRAYSCALE)
        return list(imgs) if ok else []
    return [cv2.imread(path, cv2.IMREAD_GRAYSCALE)]


def region(img, M, rect, shrink=0.0):
    """Axis-aligned pixels of page rect (mm) in the stored image (None when outside)."""
    x, y, w, h = rect
    x, y, w, h = x + shrink, y + shrink, w - 2 * shrink, h - 2 * shrink
    pts = np.array([[x, y, 1], [x + w, y, 1], [x, y + h, 1], [x + w, y + h, 1]]) @ np.asarray(M).T
    x0, y0 = np.floor(pts.min(0)).astype(int)
    x1, y1 = np.ceil(pts.max(0)).astype(int)
    H, W = img.shape
    x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, W), min(y1, H)
    return img[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else None


def paper_level(img):
    return float(np.percentile(img, 90))


def check_files(d, truth):
    by_file = {}
    for p in truth["pages"]:
        by_file.setdefault(p["file"], []).append(p)
    check(sorted(by_file) == sorted(truth["files"]), "every file has pages and every page a listed file")
    imgs = {}
    for f, pages in by_file.items():
        got = load_pages(os.path.join(d, f))
        check(len(got) == len(pages), f"{f}: {len(got)} pages in the file, {len(pages)} in the truth")
        check(sorted(p["page_index"] for p in pages) == list(range(len(pages))), f"{f}: page indexes 0..n-1")
        for p in pages:
            if p["page_index"] >= len(got):
                continue
            img = got[p["page_index"]]
            imgs[(f, p["page_index"])] = img
            check([img.shape[1], img.shape[0]] == p["size_px"], f"{f}#{p['page_index']}: size {img.shape[::-1]} vs truth {p['size_px']}")
            k = p["dpi"] / 25.4
            fw = (p["frame_mm"][0] - p["crop_mm"][0] - p["crop_mm"][2]) * k
            fh = (p["frame_mm"][1] - p["crop_mm"][1] - p["crop_mm"][3]) * k
            want = (fw, fh) if p["rotation"] in (0, 180) else (fh, fw)
            check(abs(img.shape[1] - want[0]) <= 2 and abs(img.shape[0] - want[1]) <= 2,
                  f"{f}#{p['page_index']}: size {img.shape[::-1]} does not follow rotation {p['rotation']} of {want}")
    seen = {(p["participant_id"], p["session"], p["sheet_page"]) for p in truth["pages"]}
    missing = {(m["participant_id"], m["session"], m["sheet_page"]) for m in truth["missing_pages"]}
    want = {(s["participant_id"], s["session"], k) for s in truth["sheets"] for k in (1, 2)}
    check(seen | missing == want and not (seen & missing), "pages + never-scanned pages = two pages per sheet")
    return imgs


def check_marks(truth, imgs, layout):
    """Marked bubbles hold more ink than the question's unmarked ones; pencil and pen levels."""
    sheets = {(s["participant_id"], s["session"]): s for s in truth["sheets"]}
    n_marked, pencil_cores, pen_cores = 0, [], []
    for p in truth["pages"]:
        img = imgs.get((p["file"], p["page_index"]))
        if img is None or p.get("fold"):
            continue
        sheet = sheets[(p["participant_id"], p["session"])]
        img = cv2.medianBlur(img, 3)
        paper = paper_level(img)
        M = p["page_to_image"]
        tool = sheet["writer"]["pen"]["tool"]
        for f in layout[p["sheet_page"] - 1]["fields"]:
            if f["id"] in p["fields_cut"]:
                continue
            if f["type"] == "choice":
                marks = sheet["marks"][f["id"]]
                extra = {e.split("@")[1] for e in marks.split(";")[1:] if "@" in e}
                ink = {}
                for o in f["options"]:
                    (x, y), (w, h) = o["center_mm"], o["size_mm"]
                    r = region(img, M, (x - w / 2 - 1, y - h / 2 - 1, w + 2, h + 2))
                    ink[o["value"]] = int((r < paper - 14).sum()) if r is not None else 0
                clean = [ink[v] for v in "abcd" if v not in sheet["fields"][f["id"]] and v not in extra]
                px_mm2 = (p["dpi"] / 25.4) ** 2
                for v in sheet["fields"][f["id"]]:
                    n_marked += 1
                    check((ink[v] - max(clean)) / px_mm2 > 0.3, f"{p['file']}#{p['page_index']} {f['id']} {v} ({marks}): "
                          f"marked bubble ink {ink[v]} px, unmarked up to {max(clean)}")
            elif f["type"] == "number" and sheet["fields"][f["id"]]:
                core = []
                for b in f["boxes"]:
                    r = region(img, M, tuple(b["bbox_mm"]), shrink=0.8)
                    if r is not None and (r < paper - 25).sum() > 15:
                        core.append(float(np.percentile(r[r < paper - 25], 10)) * 246.0 / paper)  # as on white paper
                if core:
                    (pencil_cores if tool == "light-pencil" else pen_cores if tool in ("ballpoint", "gel", "felt", "nib")
                     else []).append(min(core))
    check(n_marked > 20, f"only {n_marked} marked bubbles checked")
    check(len(pencil_cores) >= 2, f"only {len(pencil_cores)} light-pencil numbers measured")
    for c in pencil_cores:
        check(130 <= c <= 228, f"light pencil core grey {c:.0f} outside 130-228")
    for c in pen_cores:
        check(c < 140, f"pen core grey {c:.0f} not dark")
    print(f"checked {n_marked} marked bubbles; light-pencil number cores {sorted(round(c) for c in pencil_cores)}; "
          f"pen cores up to {max(pen_cores, default=0):.0f}")


def inside_share(M, rect, wh):
    """Share of page rect (mm) that lands inside an image of size wh, by page_to_image."""
    x, y, w, h = rect
    u = (np.arange(9) + 0.5) / 9
    gx, gy = np.meshgrid(x + u * w, y + u * h)
    q = np.stack([gx.ravel(), gy.ravel(), np.ones(gx.size)], 1) @ np.asarray(M).T
    return float(((q[:, 0] >= 0) & (q[:, 0] < wh[0]) & (q[:, 1] >= 0) & (q[:, 1] < wh[1])).mean())


def check_corners(truth, imgs, layout):
    """Marks said outside lie (almost) outside the image, or under a folded corner whose place shows
    the scanner's background; marks said visible show their ink where the truth puts them."""
    outside = folds = 0
    for p in truth["pages"]:
        img = imgs.get((p["file"], p["page_index"]))
        if img is None:
            continue
        M = p["page_to_image"]
        fids = layout[p["sheet_page"] - 1]["fiducials"]
        names = list(p["marks_visible"])
        dark = {}
        for f, name in zip(fids, names):
            (x, y), s = f["center_mm"], f["size_mm"]
            rect = (x - s / 2, y - s / 2, s, s)
            r = region(img, M, rect)
            dark[name] = int((r < 110).sum()) if r is not None else 0
            if name in p["marks_outside"] and not p.get("fold"):
                outside += 1
                share = inside_share(M, rect, p["size_px"])
                check(share < 0.3, f"{p['file']}#{p['page_index']}: mark {name} said outside but {share:.0%} of it is in the image")
        full = [dark[n] for n in names if p["marks_visible"][n] >= 0.999]
        ref = float(np.median(full)) if full else 0
        for n in names:
            if p["marks_visible"][n] >= 0.999:
                check(dark[n] > 0.6 * ref, f"{p['file']}#{p['page_index']}: visible mark {n} has only {dark[n]} dark px")
        if p.get("fold"):
            folds += 1
            fo = p["fold"]
            W, H = truth_page_wh(truth)
            cx = 0 if fo["corner"][1] == "l" else W
            cy = 0 if fo["corner"][0] == "t" else H
            sx, sy = (1 if cx == 0 else -1), (1 if cy == 0 else -1)
            pt = np.array([cx + sx * fo["leg_x_mm"] / 4, cy + sy * fo["leg_y_mm"] / 4, 1]) @ np.asarray(M).T
            xi, yi = int(pt[0]), int(pt[1])
            if 0 <= xi < img.shape[1] and 0 <= yi < img.shape[0]:
                lid = 0.299 * p["lid_rgb"][0] + 0.587 * p["lid_rgb"][1] + 0.114 * p["lid_rgb"][2]
                v = float(np.median(img[max(0, yi - 2):yi + 3, max(0, xi - 2):xi + 3]))
                check(abs(v - lid) < 40, f"{p['file']}#{p['page_index']}: folded-away corner shows {v:.0f}, background {lid:.0f}")
    check(outside >= 3, f"only {outside} marks outside images checked")
    print(f"checked {outside} corner/side marks outside the image, {folds} folded corners")


def truth_page_wh(truth):
    return (215.9, 279.4) if truth["paper"] == "letter" else (210.0, 297.0)


def main(qs):
    with tempfile.TemporaryDirectory(prefix="heldout-test-") as tmp:
        a = os.path.join(tmp, "a")
        t = make(qs, a, "--seed", "915", "--sheets", "5", "--dpi", "150=1,300=2", "--pencil-share", "0.5",
                 "--papers", "white=3,cream=1", "--modes", "normal=2,one-corner=1,two-corners=1,cut=1,fold=1",
                 "--formats", "pdf,tiff,png,jpeg", "--colour-share", "0.5", "--missing-pages", "1")
        layout = json.loads(subprocess.run([qs, "layout", "--json"], capture_output=True, text=True, check=True).stdout)["pages"]
        imgs = check_files(a, t)
        check_marks(t, imgs, layout)
        check_corners(t, imgs, layout)
        b = os.path.join(tmp, "b")
        t1 = make(qs, b, "--seed", "912", "--sheets", "1", "--sessions", "pre", "--dpi", "150", "--formats", "png")
        t2 = make(qs, b, "--seed", "912", "--sheets", "1", "--sessions", "pre", "--dpi", "150", "--formats", "png")
        check(t1 == t2, "the same seed gives the same truth")
    print("FAILED: %d checks" % len(FAILS) if FAILS else "all checks passed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

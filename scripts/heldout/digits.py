#!/usr/bin/python3
"""The crop-level held-out number set: many writers, each writing numbers into the real printed
comb (cut from the rendered blank form), captured like a scan, then cut into the 8 box crops the
way the product does (10 px/mm, each box with a 1.5 mm margin, 90 x 110 uint8) from the true
page-to-image transform plus a registration error. Writes files `icr_bench numbers` reads.

  digits.py --quizscan BIN --out DIR (--set digits-a | --writers N --seed S) [--numbers 10] [--jobs 2]

DIR/crops.u8 (N x 110 x 90, row-major), DIR/layout.txt ("first 8 2" per number), DIR/truth.tsv.
"""
import argparse
import math
import os
import shutil
import sys
import tempfile
import time
from multiprocessing import Pool

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import capture  # noqa: E402
import fill  # noqa: E402
import quiz_numbers as nums  # noqa: E402
import quizform  # noqa: E402
import sets  # noqa: E402
import stack  # noqa: E402
from answers import Person  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CROP_MARGIN_MM, CROP_PPM, CROP_W, CROP_H = 1.5, 10.0, 90, 110  # src/core/geometry.hpp kBoxCrop*
MAX_WORK_DPI = 320  # src/scan/read_page.cpp: finer scans are reduced to 300 dpi first
DPIS = {150: 0.1, 200: 0.25, 240: 0.05, 300: 0.4, 400: 0.1, 600: 0.1}
PAPERS = dict(sets.BASE["papers"])
FIELDS = list(nums.POOLS)
TSV_COLUMNS = ["index", "writer", "value", "written", "tool", "ink", "pen_mm", "size", "slant", "align", "writer_tags",
               "digit_tags", "variants", "dpi", "paper", "jpeg", "reg_err_mm"]


def random_value(rng):
    """A number unlike the quiz's: every digit equally likely (ints of 1-6 digits, or with decimals)."""
    r = rng.random()
    if r < 0.6:
        ints = str(int(rng.integers(1, 10 ** int(rng.integers(1, 4)))))
        return ints
    if r < 0.8:
        return f"{int(rng.integers(0, 100))}.{int(rng.integers(1, 10))}"
    if r < 0.9:
        return f"0.{int(rng.integers(1, 100)):02d}".rstrip("0")
    return str(int(rng.integers(1000, 1000000)))


def comb_region(layout):
    """The comb of q6_int4 with room around it (page mm x, y, w, h) and its boxes."""
    f = next(f for pg in layout["pages"] for f in pg["fields"] if f["id"] == "q6_int4")
    boxes = [b["bbox_mm"] for b in f["boxes"]]
    x0, y0 = boxes[0][0] - 9, boxes[0][1] - 7
    x1, y1 = boxes[-1][0] + boxes[-1][2] + 9, boxes[0][1] + boxes[0][3] + 7
    return (x0, y0, x1 - x0, y1 - y0), boxes


def extract(img, dpi, A, boxes, region):
    """The 8 box crops as the product cuts them, through region-mm -> frame-mm affine A."""
    k = dpi / 25.4
    if dpi > MAX_WORK_DPI:
        f = 300.0 / dpi
        img = cv2.resize(img, (round(img.shape[1] * f), round(img.shape[0] * f)), interpolation=cv2.INTER_AREA)
        k *= f
    out = []
    for (bx, by, bw, bh) in boxes:
        ox, oy = bx - CROP_MARGIN_MM - region[0], by - CROP_MARGIN_MM - region[1]
        # crop px (u, v) -> region mm (ox + u / 10, oy + v / 10) -> frame mm (A) -> image px index
        L = np.array([[1 / CROP_PPM, 0, ox], [0, 1 / CROP_PPM, oy], [0, 0, 1]])
        M = k * (np.vstack([A, [0, 0, 1]]) @ L)[:2]
        M[:, 2] -= 0.5
        out.append(cv2.warpAffine(img, M, (CROP_W, CROP_H), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
                                  borderMode=cv2.BORDER_CONSTANT, borderValue=255))
    return out


def one_number(blanks, person, pen, value, rng):
    """(8 crops, facts) of one number written by `person` and scanned."""
    dpi = int(stack.pick(rng, DPIS))
    wdpi = 300 if dpi <= 300 else 600
    blank, region, boxes = blanks[wdpi]
    img = blank.copy()
    ppm = wdpi / 25.4
    ints, decs = nums.written_form(value, person.writer, rng)
    placed, tags = nums.place(ints, decs, person.writer, rng)
    local = [[b[0] - region[0], b[1] - region[1], b[2], b[3]] for b in boxes]
    ink_tags, digits = fill.draw_number(img, local, placed, person.writer, pen, ppm, rng)
    paper = stack.pick(rng, PAPERS)
    th, s = float(np.clip(rng.normal(0, 1.0), -2.5, 2.5)), 1 + float(rng.uniform(-0.03, 0.03))
    c = np.array([region[2] / 2, region[3] / 2])
    t = math.radians(th)
    R = np.array([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]]) * s
    A = np.hstack([R, (c - R @ c + rng.uniform(-1, 1, 2))[:, None]])
    cap = {"colour": False, "fold": None, "paper_rgb": list(capture.paper_rgb(paper, rng)), "lid_rgb": [240, 240, 237],
           "dpi": dpi, "affine": A.tolist(), "frame_mm": [region[2], region[3]], "crop_mm": [0, 0, 0, 0], "rotation": 0,
           "degrade": capture.draw_params(rng, "flatbed")}
    scan, _ = capture.capture(img, img, cap, wdpi, (region[2], region[3]), rng)
    jpeg = int(rng.integers(45, 93)) if rng.random() < 0.55 else 0
    if jpeg:
        scan = cv2.imdecode(cv2.imencode(".jpg", scan, [cv2.IMWRITE_JPEG_QUALITY, jpeg])[1], cv2.IMREAD_GRAYSCALE)
    # the reader's registration error: a few tenths of a mm, a little turn and scale
    e = rng.normal(0, 0.18, 2)
    te = math.radians(rng.normal(0, 0.08))
    Re = np.array([[math.cos(te), -math.sin(te)], [math.sin(te), math.cos(te)]]) * (1 + rng.normal(0, 0.002))
    Aerr = np.hstack([Re @ A[:, :2], (Re @ A[:, 2] + e)[:, None]])
    crops = extract(scan, dpi, Aerr, boxes, region)
    w = person.writer
    facts = {"written": ints + ("." + decs if decs else ""), "value": nums.canonical(ints, decs), "tool": pen.tool,
             "ink": pen.ink, "pen_mm": f"{pen.width_mm:.2f}", "size": w.size_class, "slant": f"{w.slant:.2f}",
             "align": "comb" if w.ignores_comb else w.align, "writer_tags": ",".join(w.style_tags()) or "-",
             "digit_tags": ",".join(tags + ink_tags) or "-",
             "variants": ",".join(f"{d['digit']}:{d['variant']}" for d in digits), "dpi": dpi, "paper": paper,
             "jpeg": jpeg, "reg_err_mm": f"{float(np.hypot(*e)):.2f}"}
    return crops, facts


def run_writers(task):
    seed, first, count, per, pencil_share, blanks = task
    out_crops, rows = [], []
    for wi in range(first, first + count):
        rng = np.random.default_rng([seed, wi])
        person = Person(int(rng.integers(2 ** 31)), pencil_share)
        pen = person.pen("pre")
        for n in range(per):
            value = nums.draw_value(rng, FIELDS[n % 4], 0.6) if rng.random() < 0.6 else random_value(rng)
            crops, facts = one_number(blanks, person, pen, value, rng)
            out_crops.extend(crops)
            rows.append({"writer": wi, **facts})
    return out_crops, rows


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quizscan", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", help="the fixed crop-level set, e.g. digits-a")
    ap.add_argument("--writers", type=int)
    ap.add_argument("--numbers", type=int, help="numbers per writer (default 10)")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--form", default=os.path.join(ROOT, "forms", "mlsysim-quiz.yaml"))
    a = ap.parse_args(argv)
    if a.set:
        kind, seed, prof = sets.resolve(a.set)
        if kind != "digits":
            raise SystemExit(f"{a.set} is a page stack: make it with make_stack.py")
    elif a.writers and a.seed is not None:
        seed, prof = a.seed, dict(sets.DIGITS, writers=a.writers)
    else:
        raise SystemExit("give --set NAME, or --writers N and --seed S")
    if a.numbers:
        prof["numbers"] = a.numbers
    t0 = time.time()
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    with tempfile.TemporaryDirectory(prefix="heldout-digits-") as tmp:
        ids = os.path.join(tmp, "ids.txt")
        quizform.make_ids(a.quizscan, 1, ids, seed)
        pdf = os.path.join(tmp, "sheet.pdf")
        quizform.print_sheets(a.quizscan, a.form, "pre", ids, pdf, "letter")
        layout = quizform.layout(a.quizscan, a.form, "letter")
        region0, boxes = comb_region(layout)
        blanks = {}
        for wdpi in (300, 600):  # the blank comb at the resolutions ink is drawn at
            k = wdpi / 25.4
            px = (int(region0[0] * k), int(region0[1] * k), int(round(region0[2] * k)), int(round(region0[3] * k)))
            blank = quizform.as_rgb(quizform.render_pages(pdf, 2, 2, wdpi, crop_px=px)[0])
            blanks[wdpi] = (blank, (px[0] / k, px[1] / k, blank.shape[1] / k, blank.shape[0] / k), boxes)
    chunk = 20
    tasks = [(seed, w, min(chunk, prof["writers"] - w), prof["numbers"], prof["pencil_share"], blanks)
             for w in range(0, prof["writers"], chunk)]
    crops, rows = [], []
    with Pool(a.jobs) as pool:
        for c, r in pool.imap(run_writers, tasks):
            crops.extend(c)
            rows.extend(r)
            print(f"  {len(rows)} numbers, {time.time() - t0:.0f} s", file=sys.stderr)
    np.stack(crops).astype(np.uint8).tofile(os.path.join(out, "crops.u8"))
    with open(os.path.join(out, "layout.txt"), "w") as f:
        for i in range(len(rows)):
            f.write(f"{8 * i} 8 2\n")
    with open(os.path.join(out, "truth.tsv"), "w") as f:
        f.write("\t".join(TSV_COLUMNS) + "\n")
        for i, r in enumerate(rows):
            f.write("\t".join(str(v) for v in [i] + [r[c] for c in TSV_COLUMNS[1:]]) + "\n")
    print(f"wrote {len(rows)} numbers by {prof['writers']} writers to {out} in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

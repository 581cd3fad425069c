#!/usr/bin/python3
"""Reviewed digits for retraining (`scripts/train-digits --with-reviewed DB`): the digit boxes of numbers a
person decided in review, labelled box by box from the decided value, read from quizscan's store (the scan
database: review_items, readings, crops).

The scan keeps the 90x110 box crops ('box:<field>:<i>') of every number it sends to review, spot checks
included, and the inked ones of every other written number (a writer follow-up may send it later); the reading's measurements say which boxes held ink and how many follow the printed point. A
number is used only when its decided digits fit the boxes that held ink exactly: integer digits in one run
of boxes (leading zeros as written or not), decimal digits from the first decimal box (trailing zeros as
written or not). Anything else (a blank decision, a stray mark, two digits in a box, a box the reader saw
empty but the person's value needs) is left out and counted, never guessed.

Run alone to see what training would get:  /usr/bin/python3 scripts/icr/reviewed.py DB [--sheet OUT.png]
"""
import argparse
import collections
import json
import sqlite3
import sys

import cv2
import numpy as np

BOX_W, BOX_H = 90, 110  # kBoxCropW x kBoxCropH (src/core/geometry.hpp)
UNUSABLE_FLAGS = {"stray-mark", "two-digits", "ink-across-boxes", "faint-mark", "unsure-border"}


def box_labels(value, boxes, decimal_boxes):
    """Digit per box index for a decided number value, or (None, reason). boxes: the reading's per-box
    dicts ({"state": "empty"|"digit"|"unclear", "flag": ...}); decimal_boxes: how many follow the point."""
    if value == "":
        return None, "decided blank"
    if any(b.get("flag") in UNUSABLE_FLAGS for b in boxes):
        return None, "a box with a stray mark, two digits or ink across boxes"
    n_int = len(boxes) - decimal_boxes
    inked = [i for i, b in enumerate(boxes) if b.get("state") != "empty"]
    ints = [i for i in inked if i < n_int]
    decs = [i - n_int for i in inked if i >= n_int]
    int_part, _, dec_part = value.partition(".")
    if ints and ints != list(range(ints[0], ints[-1] + 1)):
        return None, "a gap between the integer digits"
    if decs != list(range(len(decs))):
        return None, "decimal digits not from the first decimal box"
    # The integer digits as written: the value's, with leading zeros added or dropped to fit.
    digits = int_part.lstrip("0")
    if len(digits) > len(ints):
        return None, "fewer inked boxes than the decided digits"
    digits = digits.rjust(len(ints), "0")
    dec = dec_part.rstrip("0")
    if len(dec) > len(decs):
        return None, "fewer inked decimal boxes than the decided digits"
    dec = dec.ljust(len(decs), "0")
    labels = {i: int(d) for i, d in zip(ints, digits)}
    labels.update({n_int + k: int(d) for k, d in enumerate(dec)})
    return labels, ""


def reviewed_digits(db_path, log=print):
    """(crops N x 110 x 90 uint8, labels N, report) from the resolved number items of a scan database.
    report: counts of numbers used and left out (by reason), digits, digits the reader had read otherwise."""
    report = collections.Counter()
    crops, labels = [], []
    con = None
    try:
        con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        rows = con.execute(
            "SELECT ri.page_id, ri.field, ri.value, r.measurements FROM review_items ri "
            "JOIN readings r ON r.page_id = ri.page_id AND r.field = ri.field "
            "WHERE ri.kind = 'number' AND ri.state = 'resolved' ORDER BY ri.id").fetchall()
        for page_id, field, value, measurements in rows:
            report["numbers decided"] += 1
            m = json.loads(measurements)  # its format: src/core/field_measurements.hpp
            if "boxes" not in m or "decimal_boxes" not in m:
                report["left out: read before 2026-11-28 (no decimal_boxes) or without digit models"] += 1
                continue
            got, why = box_labels(value or "", m["boxes"], int(m["decimal_boxes"]))
            if got is None:
                report["left out: " + why] += 1
                continue
            pngs = dict(con.execute("SELECT name, png FROM crops WHERE page_id = ? AND name LIKE ?",
                                    (page_id, f"box:{field}:%")).fetchall())
            imgs = {}
            for i in got:
                png = pngs.get(f"box:{field}:{i}")
                img = None if png is None else cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
                if img is None:
                    break
                imgs[i] = img if img.shape == (BOX_H, BOX_W) else cv2.resize(img, (BOX_W, BOX_H),
                                                                              interpolation=cv2.INTER_AREA)
            if len(imgs) != len(got):
                report["left out: box crops missing or unreadable"] += 1
                continue
            report["numbers used"] += 1
            for i, d in sorted(got.items()):
                crops.append(imgs[i])
                labels.append(d)
                report["digits"] += 1
                report["digits the reader had read otherwise"] += m["boxes"][i].get("digit") != d
    except sqlite3.DatabaseError as e:
        log(f"--with-reviewed: {db_path} is not a usable quizscan database ({e}); continuing without it")
        return None, None, report
    finally:
        if con is not None:
            con.close()
    for k, v in sorted(report.items()):
        log(f"--with-reviewed: {k}: {v}")
    if not crops:
        return None, None, report
    return np.stack(crops), np.asarray(labels, np.int64), report


def contact_sheet(crops, labels, per_row=20):
    """The labelled boxes side by side, each with its label above it, for a person to look over."""
    tiles = []
    for img, d in zip(crops, labels):
        t = cv2.copyMakeBorder(img, 22, 2, 2, 2, cv2.BORDER_CONSTANT, value=255)
        cv2.putText(t, str(int(d)), (38, 18), cv2.FONT_HERSHEY_SIMPLEX, 0.6, 0, 2)
        tiles.append(t)
    while len(tiles) % per_row:
        tiles.append(np.full_like(tiles[0], 255))
    return np.vstack([np.hstack(tiles[i:i + per_row]) for i in range(0, len(tiles), per_row)])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", help="quizscan scan database (scan --db) with review decisions")
    ap.add_argument("--sheet", metavar="PNG", help="write the labelled boxes as one picture")
    args = ap.parse_args()
    crops, labels, _ = reviewed_digits(args.db)
    if crops is None:
        print(f"{args.db}: no reviewed digits to train on", file=sys.stderr)
        return 1
    if args.sheet:
        cv2.imwrite(args.sheet, contact_sheet(crops, labels))
        print(f"wrote {args.sheet}: {len(labels)} boxes")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Helpers of scripts/bench-review (the review workload of a stack).

  review_bench.py day SET OUT --rescans N --damaged N --seed S
      A "real day" made from a synthetic set: the same files, with N pages of multi-page TIFFs
      damaged in place (the QR code and the printed ID beside it whited out: the page can only
      be identified by a person), and N sheets scanned a second time (both pages re-degraded: a
      small turn, another exposure and noise, JPEG) as extra files. Writes OUT/truth.json (the
      set's, plus the rescanned pages) and OUT/ids.txt; inputs are listed in truth["files"].
  review_bench.py report DB QUEUE_CSV TRUTH --seconds kind=s,...
      After the review (the queue answered from the truth with `review --apply`): the items open
      after the scan (QUEUE_CSV, listed then), the items a person decided, per 100 sheets, a
      person's minutes for 160 sheets at the given seconds per item, how often an unidentified
      page's true identity was the first one-key choice, and what the same scans would have asked
      before rescans were merged.
"""
import argparse
import csv
import json
import os
import random
import shutil
import sqlite3
import sys

import cv2
import numpy as np


PAPER_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


def damage_page(img, page, paper):
    """Whites out the QR code and the printed ID beside it (upright: x 125-199.5 mm, y 11-37 mm, clear of
    the corner marks), placed by the page's dpi and quarter turn from the truth (skew ignored: the region
    has room for it)."""
    w_mm, h_mm = PAPER_MM[paper]
    px = page["dpi"] / 25.4
    h, w = img.shape[:2]
    turn = {0: lambda x, y: (x, y), 90: lambda x, y: (-y, x), 180: lambda x, y: (-x, -y), 270: lambda x, y: (y, -x)}[page["rotation"] % 360]
    corners = []
    for x, y in ((125, 11), (199.5, 11), (199.5, 37), (125, 37)):
        dx, dy = turn(x - w_mm / 2, y - h_mm / 2)
        corners.append((w / 2 + dx * px, h / 2 + dy * px))
    out = img.copy()
    cv2.fillConvexPoly(out, np.array(corners).astype(np.int32), 255 if out.ndim == 2 else (255, 255, 255))
    return out


def rescan(img, rng):
    """The same sheet through the scanner again: turned a little, shifted, another exposure and noise."""
    h, w = img.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-1.2, 1.2), 1.0)
    m[:, 2] += rng.uniform(-12, 12, 2)
    out = cv2.warpAffine(img, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=245)
    gain, bias = rng.uniform(0.9, 1.08), rng.uniform(-10, 12)
    out = np.clip(out.astype(np.float32) * gain + bias + rng.normal(0, 3.0, out.shape), 0, 255).astype(np.uint8)
    return out


def day(args):
    truth = json.load(open(os.path.join(args.set, "truth.json")))
    rng = np.random.default_rng(args.seed)
    pick = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    shutil.copy(os.path.join(args.set, "ids.txt"), os.path.join(args.out, "ids.txt"))
    pages_by_file = {}
    for p in truth["pages"]:
        pages_by_file.setdefault(p["file"], []).append(p)
    files = list(truth["files"])
    # Damaged pages, in place, in multi-page TIFFs (a page with a neighbour in its file, as in a real batch).
    tiffs = [f for f in files if f.lower().endswith((".tif", ".tiff")) and len(pages_by_file.get(f, [])) > 1]
    pick.shuffle(tiffs)
    damaged = []
    for f in tiffs:
        if len(damaged) >= args.damaged:
            break
        ok, imgs = cv2.imreadmulti(os.path.join(args.set, f), flags=cv2.IMREAD_UNCHANGED)
        if not ok:
            continue
        i = pick.randrange(len(imgs))
        page = next(p for p in pages_by_file[f] if p["page_index"] == i)
        hurt = damage_page(imgs[i], page, truth.get("paper", "letter"))
        imgs = list(imgs)
        imgs[i] = hurt
        cv2.imwritemulti(os.path.join(args.out, f), imgs)
        damaged.append((f, i))
    damaged_files = {f for f, _ in damaged}
    for f in files:
        if f not in damaged_files and not os.path.exists(os.path.join(args.out, f)):
            os.symlink(os.path.abspath(os.path.join(args.set, f)), os.path.join(args.out, f))
    # Rescanned sheets: both pages of N sheets taken from single-image files, again, as one new TIFF each.
    singles = {}
    for p in truth["pages"]:
        if p["file"].lower().endswith((".png", ".jpg", ".jpeg")):
            singles.setdefault((p["participant_id"], p["session"]), []).append(p)
    sheets = sorted(k for k, v in singles.items() if len(v) == 2)
    pick.shuffle(sheets)
    new_pages, new_files = [], []
    for n, key in enumerate(sheets[: args.rescans]):
        imgs, name = [], f"rescan-{n + 1:02d}.tif"
        for i, p in enumerate(sorted(singles[key], key=lambda p: p["sheet_page"])):
            img = cv2.imread(os.path.join(args.set, p["file"]), cv2.IMREAD_GRAYSCALE)
            imgs.append(rescan(img, rng))
            new_pages.append(dict(p, file=name, page_index=i))
        cv2.imwritemulti(os.path.join(args.out, name), imgs)
        new_files.append(name)
    truth["files"] = files + new_files
    truth["pages"] = truth["pages"] + new_pages
    truth["bench_day"] = {"damaged": [f"{f} page {i + 1}" for f, i in damaged], "rescanned": [f"{k[0]}/{k[1]}" for k in sheets[: args.rescans]]}
    json.dump(truth, open(os.path.join(args.out, "truth.json"), "w"), indent=1)
    print(f"day set: {len(damaged)} pages damaged in place, {len(new_files)} sheets rescanned; {len(truth['files'])} files in {args.out}")


def identity_ranks(queue_csv, truth):
    """How far down the one-key choices each unidentified page's true identity was: first, 2-9, not offered."""
    where = {(p["file"], p["page_index"] + 1): f"{p['participant_id']}/{p['session']}/{p['sheet_page']}" for p in truth["pages"]}
    first = later = typed = 0
    for row in csv.DictReader(open(queue_csv, newline="")):
        if row["kind"] != "page_identity":
            continue
        want = where.get((row["source"], int(row["page_index"] or 0)), "not-a-form")
        choices = row.get("choices", "").split()
        if want == "not-a-form" or choices[:1] == [want]:
            first += 1
        elif want in choices[:9]:
            later += 1
        else:
            typed += 1
    return first, later, typed


def report(args):
    """Run on the database after the review (answered from the truth); QUEUE is the queue listed right after the scan."""
    seconds = {k: float(v) for k, v in (kv.split("=") for kv in args.seconds.split(","))}
    db = sqlite3.connect(args.db)
    truth = json.load(open(args.truth))
    sheets = len(truth["sheets"])
    after_scan = {}
    for row in csv.DictReader(open(args.queue, newline="")):
        after_scan[row["kind"]] = after_scan.get(row["kind"], 0) + 1
    # What a person decided (the review answered through `review --apply`, via 'csv'); items that
    # closed themselves on the way (a page identified, another scan agreeing) cost nobody anything.
    decided = dict(db.execute("SELECT ri.kind, COUNT(DISTINCT ri.id) FROM resolutions r JOIN review_items ri ON ri.id = r.item_id "
                              "WHERE r.via = 'csv' GROUP BY ri.kind"))
    guess_right = dict(db.execute("SELECT ri.kind, SUM(r.old_value IS r.new_value) FROM resolutions r JOIN review_items ri "
                                  "ON ri.id = r.item_id WHERE r.via = 'csv' AND r.action = 'resolve' GROUP BY ri.kind"))
    follow = db.execute("SELECT COUNT(*) FROM review_items WHERE reason LIKE 'same writer as%'").fetchone()[0]
    closed = db.execute("SELECT COUNT(DISTINCT item_id) FROM resolutions WHERE via IN ('merge', 'sheets')").fetchone()[0]
    first, later, typed = identity_ranks(args.queue, truth)
    cost = {}
    for kind, n in decided.items():
        if kind == "page_identity":
            cost[kind] = first * seconds["identity_first"] + later * seconds["identity_pick"] + typed * seconds["identity_typed"]
        else:
            cost[kind] = n * seconds.get(kind, seconds["other"])
    people = sum(decided.values())
    print(f"sheets: {sheets}; review items open after the scan: {sum(after_scan.values())} "
          f"({', '.join(f'{k} {v}' for k, v in sorted(after_scan.items()))})")
    print(f"decided by a person in the review: {people} = {people / sheets:.2f} per sheet ({100.0 * people / sheets:.0f} per 100 sheets); "
          f"{closed} closed themselves on the way; {follow} were writer follow-ups added during the review")
    for kind, n in sorted(decided.items()):
        right = f"  the guess was right (Enter alone) on {guess_right.get(kind, 0)}" if kind in ("choice", "number", "checkbox") else ""
        print(f"  {kind:16} {n:5}  {100.0 * n / sheets:6.1f} per 100 sheets  {cost[kind] / 60.0:6.2f} min{right}")
    if first + later + typed:
        print(f"  unidentified pages: the true page was the first choice (Enter) {first}, among choices 2-9 {later}, not offered (typed) {typed}")
    total = sum(cost.values())
    print(f"a person's time: {total / 60.0:.1f} min for these {sheets} sheets = {total / 60.0 * 160.0 / sheets:.1f} min for 160 sheets "
          f"(seconds per item assumed, not measured: {args.seconds})")
    # What the same scans asked before rescans were merged: every item the scan made on every scan of
    # a page, plus a "which scan to keep" item per page scanned twice; nothing closed itself.
    made = db.execute("SELECT COUNT(*) FROM review_items WHERE kind != 'sheet_duplicate' AND reason NOT LIKE 'same writer as%' "
                      "AND reason NOT LIKE 'the scans of this page disagree%'").fetchone()[0]
    multi = db.execute("""
        WITH eff AS (SELECT p.id, COALESCE(CASE WHEN r.value GLOB '[0-9]*/*/*' THEN substr(r.value, 1, 6) END, p.participant) AS who,
                            COALESCE(CASE WHEN r.value GLOB '[0-9]*/*/*' THEN substr(r.value, 8, length(r.value) - 9) END, p.session) AS sess,
                            COALESCE(CASE WHEN r.value GLOB '[0-9]*/*/*' THEN CAST(substr(r.value, -1) AS INTEGER) END, p.sheet_page) AS sp,
                            p.sha256
                     FROM pages p LEFT JOIN review_items r ON r.page_id = p.id AND r.kind = 'page_identity' AND r.state = 'resolved'
                     WHERE p.status IN ('read', 'unidentified', 'unregistered'))
        SELECT COUNT(*) FROM (SELECT 1 FROM eff WHERE who IS NOT NULL GROUP BY who, sess, sp HAVING COUNT(DISTINCT sha256) > 1)""").fetchone()[0]
    if multi:
        print(f"rescans: {multi} sheet pages scanned twice; before scans were merged the same scans asked {made + multi} items "
              f"({(made + multi) / sheets:.2f} per sheet) before any writer follow-up, against {sum(after_scan.values())} now")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("day")
    d.add_argument("set")
    d.add_argument("out")
    d.add_argument("--rescans", type=int, default=6)
    d.add_argument("--damaged", type=int, default=6)
    d.add_argument("--seed", type=int, default=1)
    r = sub.add_parser("report")
    r.add_argument("db")
    r.add_argument("queue")
    r.add_argument("truth")
    r.add_argument("--seconds", required=True)
    args = ap.parse_args()
    day(args) if args.cmd == "day" else report(args)


if __name__ == "__main__":
    sys.exit(main())

"""Tunes box preparation at a box's top and bottom border lines (box_prep.cpp) on calibration writers only
(the writer model's calibration seed range, hands.Hands("calib")), never on the bench's: for each candidate,
the share of ordinary numbers it sends to review, and among numbers with one digit written px past its box's
top or bottom border line's centre, how many are still auto-accepted wrong (at the shipped threshold).

--mode beyond: prep's beyond_border_px (a digit going on past the line flags the box ink-beyond-box).
--mode cut: what happens to a digit reaching only into the line, under that flag (the interior, 4 px
inside the line's centre, cuts its stroke): the current preparation against following the ink into the
line (prep follow_margin; 0, "current", is how it was read until 2026-12-07). Flagging a glyph cut at the
interior's edge (prep cut_flag_px, "cut flag N" columns) was measured too, at commit d39ac93, and not chosen.

Usage: /usr/bin/python3 scripts/icr/tune_border.py [--mode beyond|cut] [--numbers N] [--per-row N] [--sets DIR]"""
import argparse
import os
import tempfile

import numpy as np

from number_sets import Source, calib_dir_with, read_numbers, write_set
import synth

# Candidates: column name -> prep parameters taken over calibration/icr-thresholds.json's.
MODES = {
    "beyond": {f"beyond {c} px": {"beyond_border_px": c} for c in (3, 4, 5, 6, 8)},
    "cut": {
        "current": {"follow_margin": 0},
        "inset 3": {"border_inset_px": 3},
        "follow 20": {"follow_margin": 20},
        "follow 35": {"follow_margin": 35},
        "follow 50": {"follow_margin": 50},
    },
}
PAST_PX = {"beyond": (2, 4, 6, 8), "cut": (1, 2, 3, 4, 6, 8)}


def number_sets(args, tmp):
    """name -> (crops path, layout path, expected values): ordinary numbers, then a row per px and side.
    With --sets DIR the crops are kept there and reused (same seeds and sizes, same crops)."""
    src = Source("hands", "calib")
    out = args.sets or tmp
    os.makedirs(out, exist_ok=True)
    rows = [("ordinary", args.numbers, args.seed, None)]
    for px in PAST_PX[args.mode]:
        for side, name in ((-1, "top"), (1, "bottom")):
            rows.append((f"{px / 10:.1f} mm {name}", args.per_row, args.seed + px * 2 + (side > 0), (side, px)))
    sets = {}
    for name, n, seed, over in rows:
        tag = f"{name.replace(' ', '')}-{n}-{seed}"
        cp, lp = os.path.join(out, f"{tag}.u8"), os.path.join(out, f"{tag}.layout")
        if args.sets and os.path.exists(cp) and os.path.exists(lp + ".values"):
            sets[name] = (cp, lp, np.asarray([v for v in open(lp + ".values").read().split("\n") if v]))
            continue
        sets[name] = write_set(src, n, seed, out, tag, overshoot=over)
        open(lp + ".values", "w").write("\n".join(sets[name][2]) + "\n")
    return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=sorted(MODES), default="cut")
    ap.add_argument("--numbers", type=int, default=2000, help="ordinary numbers")
    ap.add_argument("--per-row", type=int, default=0, help="numbers a px-past-the-line row (default: a fifth of --numbers)")
    ap.add_argument("--seed", type=int, default=4100)
    ap.add_argument("--sets", help="keep the rendered crops in this directory and reuse them")
    args = ap.parse_args()
    args.per_row = args.per_row or args.numbers // 5
    synth.build_icr_bench()
    tmp = tempfile.mkdtemp(prefix="icr-border-")
    sets = number_sets(args, tmp)
    cands = MODES[args.mode]
    cals = {c: calib_dir_with(synth.CAL, tmp, **prep) for c, prep in cands.items()}
    print("Review share / wrong among auto-accepted (count), at the shipped threshold:\n")
    print("| set | " + " | ".join(cands) + " |")
    print("|---|" + "---|" * len(cands))
    wrong = {c: {} for c in cands}
    review = {}
    for name, (cp, lp, expected) in sets.items():
        cells = []
        for c in cands:
            r = read_numbers(cals[c], cp, lp, tmp)
            acc = r["needs_review"] == 0
            k = int((r["value"] != expected)[acc].sum())
            wrong[c][name] = k
            if name == "ordinary":
                review[c] = 1 - acc.mean()
            cells.append(f"{1 - acc.mean():.1%} / {k / max(1, acc.sum()):.2%} ({k})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    if args.mode != "cut":
        return
    into = [n for n in sets if n != "ordinary" and float(n.split()[0]) < 0.45]
    print(f"| wrong accepted, {into[0].split()[0]}-{into[-1].split()[0]} mm rows | "
          + " | ".join(str(sum(wrong[c][n] for n in into)) for c in cands) + " |")
    print("| wrong accepted, ordinary and further rows | "
          + " | ".join(str(sum(k for n, k in wrong[c].items() if n not in into)) for c in cands) + " |")
    print("| ordinary review share, points over current | "
          + " | ".join(f"{100 * (review[c] - review['current']):+.1f}" for c in cands) + " |")


if __name__ == "__main__":
    main()

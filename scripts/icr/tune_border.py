"""Chooses prep's beyond_border_px (box_prep.cpp: a digit going on past its box's top or bottom border
line flags the box ink-beyond-box) on calibration writers only (the writer model's calibration seed range,
hands.Hands("calib")), never on the bench's: for each candidate, the share of ordinary numbers it sends to
review, and among numbers with one digit written px past the border, how many are still auto-accepted
wrong. Usage: /usr/bin/python3 scripts/icr/tune_border.py [--numbers N]"""
import argparse
import tempfile

from number_sets import Source, calib_dir_with, read_numbers, write_set
import synth

CANDIDATES = (3, 4, 5, 6, 8)
PAST_PX = (2, 4, 6, 8)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--numbers", type=int, default=2000, help="ordinary numbers; a fifth of it per overshoot row")
    ap.add_argument("--seed", type=int, default=4100)
    args = ap.parse_args()
    synth.build_icr_bench()
    tmp = tempfile.mkdtemp(prefix="icr-border-")
    src = Source("hands", "calib")
    sets = {"ordinary": write_set(src, args.numbers, args.seed, tmp, "plain")}
    for px in PAST_PX:
        for side, name in ((-1, "top"), (1, "bottom")):
            sets[f"{px / 10:.1f} mm {name}"] = write_set(src, args.numbers // 5, args.seed + px * 2 + (side > 0), tmp,
                                                        f"over{px}{name}", overshoot=(side, px))
    print("| set | " + " | ".join(f"beyond {c} px: review / wrong among accepted" for c in CANDIDATES) + " |")
    print("|---|" + "---|" * len(CANDIDATES))
    cals = {c: calib_dir_with(synth.CAL, tmp, beyond_border_px=c) for c in CANDIDATES}
    for name, (cp, lp, expected) in sets.items():
        cells = []
        for c in CANDIDATES:
            r = read_numbers(cals[c], cp, lp, tmp)
            acc = r["needs_review"] == 0
            wrong = int((r["value"] != expected)[acc].sum())
            cells.append(f"{1 - acc.mean():.1%} / {wrong / max(1, acc.sum()):.2%} ({wrong})")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()

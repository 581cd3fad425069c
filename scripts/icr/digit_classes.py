"""Per digit class: how sure the shipped CNN is of the digits of calibration writers, and which digit it
weighs against them when it is not sure; and, for one predicted class, what a lower threshold for it alone
would accept and get wrong. Calibration sets only (train.py CALIB_SETS' sources and splits): for leads
before a training or calibration run, never for held-out writers.

    /usr/bin/python3 scripts/icr/digit_classes.py [--digits 6000] [--threshold 0.998] [--class 1]

Reads box crops with the product's own code (icr_bench boxes: preparation, the CNN's two best digits and
their probabilities) and the models in calibration/ (or $ICR_CAL_DIR).
"""
import argparse
import collections
import os
import sys
import tempfile

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import synth  # noqa: E402

SETS = [("mnist", "calib"), ("font", "calib"), ("hands", "calib"), ("hands-light", "calib"),
        ("hands-large", "calib"), ("font", "calib2")]
LOWER = (0.998, 0.995, 0.99, 0.98)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--digits", type=int, default=6000, help="digits a set (random digits of random writers)")
    ap.add_argument("--threshold", type=float, default=0.998, help="the shipped threshold")
    ap.add_argument("--class", dest="cls", type=int, default=1, help="the class given lower thresholds")
    ap.add_argument("--seed", type=int, default=8)
    a = ap.parse_args()
    synth.build_icr_bench()
    tmp = tempfile.mkdtemp(prefix="digit-classes-")
    for kind, split in SETS:
        src = synth.digit_source(kind, split, 5)
        rng = np.random.RandomState(a.seed)
        drawn = [src(rng) for _ in range(a.digits)]
        y = np.asarray([d for d, _ in drawn])
        r = synth.read_boxes(np.stack([synth.make_crop(rng, g) for _, g in drawn]), synth.CAL, tmp)
        written = (r["kind"] == 2) & (r["prep_flag"] == "-")  # written, no flag from the box's preparation
        top, sure, runner = r["cnn_digit"], r["cnn_prob"], r["cnn_runner_up"]
        print(f"{kind}-{split}: {a.digits} digits, {int(written.sum())} written, unflagged")
        for d in range(10):
            m = written & (y == d)
            low = m & (sure < a.threshold)
            runners = collections.Counter(runner[low & (top == d)].astype(int).tolist()).most_common(2)
            print(f"  {d}: {int(m.sum()):5d}  under {a.threshold}: {100 * low.sum() / max(1, m.sum()):5.1f}%  "
                  f"read wrong: {int((m & (top != d)).sum()):3d}  runner-up when unsure: {runners}")
        others = written & (top != a.cls) & (sure >= a.threshold)
        line = [f"others at {a.threshold}: {int(others.sum())} accepted, {int((y[others] != top[others]).sum())} wrong"]
        for t in LOWER:
            acc = written & (top == a.cls) & (sure >= t)
            line.append(f"{a.cls} at {t}: {int(acc.sum())} accepted, {int((y[acc] != a.cls).sum())} wrong")
        print("  " + "; ".join(line))


if __name__ == "__main__":
    main()

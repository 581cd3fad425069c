#!/usr/bin/python3
"""Reads the crop-level held-out number set with the product's number reader (`icr_bench numbers`
at the shipped calibration) and reports: auto-accepted, wrong among auto-accepted (95% interval),
digits silently lost, sent to review; per writer style and capture condition; and per confusion
(written digit -> read digit, among auto-accepted numbers of the same length).

  digits_report.py --icr-bench BIN --calib DIR --set DIR [--json OUT] [--confusions]
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

from interval import interval95, pct, pct_ci


def read_tsv(path):
    return list(csv.DictReader(open(path, newline=""), delimiter="\t"))


def groups(t):
    """Labels a number is counted under."""
    g = [f"tool={t['tool']}", f"size={t['size']}", f"dpi={t['dpi']}", f"paper={t['paper']}",
         f"jpeg={'yes' if t['jpeg'] != '0' else 'no'}", f"align={t['align']}"]
    g += [f"writer={x}" for x in t["writer_tags"].split(",") if x != "-" and not x.startswith("size-")]
    g += sorted({f"digits={x.split('@')[0]}" for x in t["digit_tags"].split(",") if x != "-"})
    return g


def digits_of(v):
    return sum(ch.isdigit() for ch in v)


def evaluate(truth, read):
    res = {"numbers": len(truth), "auto": 0, "wrong": 0, "lost_digit": 0, "review": 0}
    by = defaultdict(lambda: Counter())
    conf = Counter()
    for t, r in zip(truth, read):
        value = "" if r["value"] == "-" else r["value"]
        auto = r["needs_review"] == "0"
        wrong = auto and value != t["value"]
        lost = wrong and digits_of(value) < digits_of(t["value"])
        res["auto"] += auto
        res["review"] += not auto
        res["wrong"] += wrong
        res["lost_digit"] += lost
        for g in groups(t):
            c = by[g]
            c["numbers"] += 1
            c["auto"] += auto
            c["wrong"] += wrong
            c["lost_digit"] += lost
        if wrong and len(value) == len(t["value"]):
            for a, b in zip(t["value"], value):
                if a != b:
                    conf[f"{a}->{b}"] += 1
        elif wrong:
            conf["length differs"] += 1
    lo, hi = interval95(res["wrong"], res["auto"])
    res["wrong_interval95"] = [lo, hi]
    res["auto_interval95"] = list(interval95(res["auto"], res["numbers"]))
    res["groups"] = {g: dict(c) for g, c in sorted(by.items())}
    res["confusions"] = dict(conf.most_common())
    return res


def report(res, confusions=False):
    n, a = res["numbers"], res["auto"]
    lo, hi = res["auto_interval95"]
    print(f"numbers: {n}; auto-accepted {a} ({pct(a, n)}, 95% {100 * lo:.1f}-{100 * hi:.1f}%); "
          f"wrong among auto-accepted {res['wrong']} = {pct_ci(res['wrong'], a)}; digits lost {res['lost_digit']}; "
          f"to review {pct(res['review'], n)}")
    print(f"  {'group':34} {'numbers':>7} {'auto%':>7} {'wrong':>5} {'wrong% of auto':>14} {'lost':>4}")
    for g, c in res["groups"].items():
        print(f"  {g:34} {c['numbers']:7} {pct(c['auto'], c['numbers']):>7} {c['wrong']:5} "
              f"{pct(c['wrong'], c['auto'], 2):>14} {c['lost_digit']:4}")
    if confusions:
        print("  confusions among auto-accepted (written -> read):",
              ", ".join(f"{k} {v}" for k, v in res["confusions"].items()) or "none")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--icr-bench", required=True)
    ap.add_argument("--calib", required=True, help="the shipped calibration directory (icr-thresholds.json, models)")
    ap.add_argument("--set", required=True, help="a directory written by digits.py")
    ap.add_argument("--json")
    ap.add_argument("--confusions", action="store_true", help="print the confusion counts")
    a = ap.parse_args(argv)
    truth = read_tsv(os.path.join(a.set, "truth.tsv"))
    with tempfile.TemporaryDirectory(prefix="heldout-digits-") as tmp:
        out = os.path.join(tmp, "read.tsv")
        subprocess.run([a.icr_bench, "numbers", a.calib, os.path.join(a.set, "crops.u8"), os.path.join(a.set, "layout.txt"),
                        out], check=True, stderr=subprocess.DEVNULL)
        read = read_tsv(out)
    if len(read) != len(truth):
        raise SystemExit(f"icr_bench read {len(read)} numbers, the truth has {len(truth)}")
    res = evaluate(truth, read)
    thresholds = json.load(open(os.path.join(a.calib, "icr-thresholds.json")))
    res["threshold"] = thresholds.get("accept_prob")
    res["threshold_one"] = thresholds.get("accept_prob_one", res["threshold"])
    report(res, a.confusions)
    if a.json:
        json.dump(res, open(a.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmarks the product's ICR (C++ icr_bench) on writers never used for training or tuning.

Held-out data: 6,000 digits of the official MNIST test set (writers never seen in training) and font
families not used for training or calibration (synth.HELD_FONTS to HELD4_FONTS), rendered
as scanner-like box crops. Prints digit accuracy per recogniser and combined, and a risk-coverage table
for whole quiz-like numbers (8 boxes: 6 integer + 2 decimal; random 1-3 digit integers, 0.x decimals,
some longer values; random alignment; 10,000 a source), with an exact 95% interval for each error rate.
With --docs, writes the results into docs/benchmarks.md (Handwritten numbers) between its markers. With --pen LO HI, only
the digit table, the digits written with a pen of another width (a felt-tip or marker: 8-14 px). With --writers N,
only the writer follow-up bench (scripts/icr/writers.py): what review's follow-up rule adds per font bench.
With --light, light pencil writers of the writer model (hands.py, light=True): held-out writers, or with --calib
the calibration writers (for tuning); their digits across the border too. With --large, writers of the writer
model who write big (0.85-1.1 of the box's height, into and across its lines): held-out (large-held), or with
--calib the calibration writers (large-calib); with the border table.
"""
import argparse
import collections
import json
import math
import os
import shutil
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import synth  # noqa: E402
import writers  # noqa: E402
from number_sets import Source, accepted_at, read_at_zero, read_checked_at, write_set  # noqa: E402
CAL = synth.CAL
# The rows of the numbers table: thresholds for each acceptance rule (and the shipped rule's own threshold).
RULE_ROWS = {"cnn": (0.9, 0.97, 0.98, 0.995, 0.998, 0.999), "min": (0.99, 0.993, 0.995, 0.997, 0.998, 0.999)}
# (Rule "views", eight more CNN passes a written box, is not read here: its figures are calibration's.)


def binomial_cdf(k, n, p):
    """P(X <= k) for X ~ Binomial(n, p), 0 < p < 1."""
    i = np.arange(k + 1)
    logs = (math.lgamma(n + 1) - np.array([math.lgamma(j + 1) + math.lgamma(n - j + 1) for j in i])
            + i * math.log(p) + (n - i) * math.log1p(-p))
    return float(np.exp(logs).sum())


def interval95(k, n):
    """Exact (Clopper-Pearson) 95% interval of a rate seen as k of n, found by bisection."""
    def solve(f):  # f increasing in p on (0, 1): the p where it crosses 0
        lo, hi = 0.0, 1.0
        for _ in range(60):
            mid = (lo + hi) / 2
            lo, hi = (mid, hi) if f(mid) < 0 else (lo, mid)
        return (lo + hi) / 2
    lower = 0.0 if k == 0 else solve(lambda p: (1 - binomial_cdf(k - 1, n, p)) - 0.025)
    upper = 1.0 if k == n else solve(lambda p: 0.025 - binomial_cdf(k, n, p))
    return lower, upper


def digit_table(name, src, n, seed, tmp):
    rng = np.random.RandomState(seed)
    crops, labels = [], []
    for k in range(n):
        d = k % 10
        src.new_number(rng)  # a writer of the population, for a source of writers
        crops.append(synth.make_crop(rng, src.draw(rng, d)))
        labels.append(d)
    r = synth.read_boxes(np.stack(crops), CAL, tmp)
    y = np.asarray(labels)
    written = r["kind"] == 2
    agree = r["cnn_digit"] == r["hog_digit"]
    acc = r["state"] == "digit"
    return {"source": name, "digits": n,
            "cnn_acc": float((r["cnn_digit"] == y).mean()), "hog_acc": float((r["hog_digit"] == y).mean()),
            "agree_share": float((agree & written).mean()),
            "acc_when_agree": float((r["cnn_digit"] == y)[agree & written].mean()),
            "accepted": float(acc.mean()), "err_accepted": float((r["digit"] != y)[acc].mean()),
            "not_written": float((~written).mean())}


def glyph_check(family, digit, n, tmp):
    """One font's glyph for one digit, warped n times into box crops (seed 5): what the CNN reads it
    as, and how many crops read_box accepts as a wrong digit. Finds which glyph a bench's errors are."""
    g = synth.FontGlyphs(synth.font_paths([family]))
    i = next(k for k, glyph in enumerate(g.glyphs) if glyph[0] == digit)
    rng = np.random.RandomState(5)
    crops = [synth.make_crop(rng, synth.warp_glyph(g.render(i, rng)[1], rng, int(rng.randint(38, 74))))
             for _ in range(n)]
    r = synth.read_boxes(np.stack(crops), CAL, tmp)
    read_as = np.bincount(r["cnn_digit"][r["kind"] == 2].astype(int), minlength=10)
    wrong = int(((r["state"] == "digit") & (r["digit"] != digit)).sum())
    print(f"{family} {digit}: {n} crops; CNN reads " + ", ".join(f"{d}: {c}" for d, c in enumerate(read_as) if c)
          + f"; accepted as another digit: {wrong}")


OVERSHOOT_PX = (1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 30)


def overshoot_table(out, numbers, seed, tmp, rules, src_name="hands-held", src=None):
    """Numbers of the held-out writers (src, default hands-held) with one digit written px past its box's top or bottom
    border line (10 px = 1 mm): how many go to review, and how many are auto-accepted wrong (a digit
    lost or misread), under each (rule, threshold, a read 1's threshold) of rules (the first: what is shipped). At 0 px
    the digit stays inside."""
    out(f"Digits written across the top or bottom border ({src_name} writers; one digit of each number goes "
        "that far past the border line's centre, 10 px = 1 mm; the crop shows 15 px past it):")
    out()
    labels = [f"{r} at {t}" + (f", a 1 at {t1}" if t1 != t else "") + (" (shipped)" if i == 0 else "")
              for i, (r, t, t1) in enumerate(rules)]
    out("| past the border | side | numbers | sent to review | flagged ink-beyond-box | "
        + " | ".join(f"wrong among accepted, {label}" for label in labels) + " |")
    out("|---|---|---|---|---|" + "---|" * len(rules))
    src = src or Source("hands", "held")
    for px in OVERSHOOT_PX:
        for side, name in ((-1, "top"), (1, "bottom")):
            cp, lp, expected = write_set(src, numbers, seed + px * 2 + (side > 0), tmp, "over", overshoot=(side, px))
            cells = []
            for i, (rule, t, t1) in enumerate(rules):
                r = read_at_zero(CAL, tmp, rule, cp, lp)
                acc = accepted_at(r, t, t1)
                wrong = int((r["value"] != expected)[acc].sum())
                if i == 0:
                    beyond = np.mean(["ink-beyond-box" in f.split(",") for f in r["flags"]])
                    cells += [f"{1 - acc.mean():.1%}", f"{beyond:.1%}"]
                cells.append(f"{wrong / max(1, acc.sum()):.2%} ({wrong})")
            out(f"| {px / 10:.1f} mm | {name} | {numbers} | " + " | ".join(cells) + " |")


def writer_table(participants, seed, tmp):
    """Prints scripts/icr/writers.py's bench for each held-out font bench, each font a writer."""
    print(f"Review follow-ups: {participants} participants a bench, each writing {writers.NUMBERS_PER_PARTICIPANT} "
          f"numbers in one font (a writer); shipped threshold; {writers.AUDIT_SHARE:.0%} spot checks; every number "
          "in review decided as written")
    print()
    print("| writers (one font each) | numbers | wrong among accepted, before (95% interval) | to review, before "
          "| sent by follow-ups | wrong among accepted, after (95% interval) | to review, after |")
    print("|---|---|---|---|---|---|---|")
    for k, split in enumerate(("held", "held2", "held3", "held4")):
        fams = synth.FONT_SPLITS[split]
        t = writers.bench(f"writers-{split}", fams, participants, seed + k, CAL, tmp)
        n = t["numbers"]
        cells = []
        for when in ("before", "after"):
            w, a = t[f"wrong_{when}"], t[f"accepted_{when}"]
            lo, hi = interval95(w, a) if a else (0.0, 1.0)
            cells.append((f"{w / a if a else 0:.2%} ({w}) ({lo:.2%}-{hi:.2%})", f"{1 - a / n:.1%}"))
        print(f"| {', '.join(fams)} | {n} | {cells[0][0]} | {cells[0][1]} | {t['follow_ups']} ({t['follow_ups'] / n:.1%}) "
              f"| {cells[1][0]} | {cells[1][1]} |")
    shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--numbers", type=int, default=10000, help="numbers per held-out source")
    ap.add_argument("--digits", type=int, default=2000, help="digit crops per held-out source")
    ap.add_argument("--seed", type=int, default=1700,
                    help="number sets are drawn with seed + source index (to see how much a draw varies)")
    ap.add_argument("--docs", "--readme", dest="docs", action="store_true",
                    help="write the tables into docs/benchmarks.md (the Handwritten numbers section; --readme: the old name)")
    ap.add_argument("--calib", action="store_true",
                    help="run on the calibration splits instead of the held-out ones (for tuning; never --docs)")
    ap.add_argument("--glyph", nargs=2, metavar=("FAMILY", "DIGIT"),
                    help="only check one font's glyph for one digit (300 warped crops)")
    ap.add_argument("--pen", type=float, nargs=2, metavar=("LO", "HI"),
                    help="only the digit table, written with a pen LO-HI px wide at 300 dpi (trained on 2.5-6)")
    ap.add_argument("--hands", action="store_true",
                    help="the writer-disjoint bench of issue 20: held-out writers of the stroke writer model "
                         "(scripts/icr/hands.py), with known and with novel letterforms, and digits across the border")
    ap.add_argument("--writers", type=int, metavar="N",
                    help="only the writer follow-up bench: N participants a held-out font bench (scripts/icr/writers.py)")
    ap.add_argument("--light", action="store_true",
                    help="light pencil writers of the writer model: held-out (light-held) or, with --calib, the "
                         "calibration writers (light-calib, for tuning); with the border table")
    ap.add_argument("--large", action="store_true",
                    help="writers of the writer model who write big: held-out (large-held) or, with --calib, the "
                         "calibration writers (large-calib, for tuning); with the border table")
    args = ap.parse_args()
    t0 = time.time()
    synth.build_icr_bench()
    if args.glyph:
        glyph_check(args.glyph[0], int(args.glyph[1]), 300, tempfile.mkdtemp(prefix="icr-glyph-"))
        return
    if args.writers:
        writer_table(args.writers, args.seed, tempfile.mkdtemp(prefix="icr-writers-"))
        print(f"(bench took {time.time() - t0:.0f} s)")
        return
    if args.pen:
        synth.PEN_PX = tuple(args.pen)
    shipped = json.load(open(os.path.join(CAL, "icr-thresholds.json")))
    tmp = tempfile.mkdtemp(prefix="icr-bench-")
    lines = []

    def out(s=""):
        print(s, flush=True)
        lines.append(s)

    if args.light:
        sources = ({"light-calib": Source("hands-light", "calib")} if args.calib
                   else {"light-held": Source("hands-light", "held")})
    elif args.large:
        sources = ({"large-calib": Source("hands-large", "calib")} if args.calib
                   else {"large-held": Source("hands-large", "held")})
    elif args.calib:
        sources = {"mnist-calib": Source("mnist", "calib"), "fonts-calib": Source("font", "calib"),
                   "hands-calib": Source("hands", "calib"), "fonts-calib2": Source("font", "calib2")}
    elif args.hands:
        sources = {"hands-held": Source("hands", "held"), "hands-novel": Source("hands", "novel")}
    else:
        sources = {"mnist-held": Source("mnist", "held"), "fonts-held": Source("font", "held"),
                   "fonts-held2": Source("font", "held2"), "fonts-held3": Source("font", "held3"),
                   "fonts-held4": Source("font", "held4")}
    pen = f"; pen {args.pen[0]:g}-{args.pen[1]:g} px" if args.pen else ""
    out(f"Digits (one box each, written; {'calibration' if args.calib else 'held-out'} writers{pen}):")
    out()
    out("| source | digits | CNN acc | HOG MLP acc | both agree | acc when agree | accepted (read_box) | error among accepted |")
    out("|---|---|---|---|---|---|---|---|")
    for k, (name, src) in enumerate(sources.items()):
        t = digit_table(name, src, args.digits, 900 + k, tmp)
        out(f"| {name} | {t['digits']} | {t['cnn_acc']:.2%} | {t['hog_acc']:.2%} | {t['agree_share']:.2%} | "
            f"{t['acc_when_agree']:.2%} | {t['accepted']:.2%} | {t['err_accepted']:.2%} |")
    if args.pen:
        print(f"(bench took {time.time() - t0:.0f} s)")
        return

    out()
    rule = shipped.get("accept_rule", "cnn")
    one = shipped.get("accept_prob_one", shipped["accept_prob"])
    out(f"Whole numbers (8 boxes each; accepted = needs_review false; shipped accept_rule {rule}, accept_prob "
        f"{shipped['accept_prob']}, accept_prob_one (a box read as 1) {one}; rule cnn: the CNN's probability >= accept_prob, min: both recognisers', views: the "
        "CNN's lowest over the box and eight moved views; "
        "audit sampling of 2% not included):")
    out()
    out("| source | rule | accept_prob | numbers | auto-accepted | wrong among accepted | 95% interval | sent to review | "
        "best guess right |")
    out("|---|---|---|---|---|---|---|---|---|")
    # Each set is read at threshold 0 under each rule and every threshold derived exactly from it
    # (number_sets.accepted_at); the reader itself at the shipped rule and threshold must decide every number the same way.
    rules = sorted({*RULE_ROWS, rule})
    sets, zero_runs, shipped_runs = {}, {r: {} for r in rules}, {}
    for k, (name, src) in enumerate(sources.items()):
        sets[name] = cp, lp, _ = write_set(src, args.numbers, args.seed + k, tmp, name)
        for r in rules:
            zero_runs[r][name] = read_at_zero(CAL, tmp, r, cp, lp)
        shipped_runs[name] = read_checked_at(CAL, tmp, shipped["accept_prob"], cp, lp, zero_runs[rule][name], None, one)
    # Rows: each rule's grid, a 1 held to the same threshold, and what is shipped.
    ship = (rule, shipped["accept_prob"], one)
    rows = sorted({(r, t, t) for r, ts in RULE_ROWS.items() for t in ts} | {ship})
    for r, t, t1 in rows:
        for name, (_, _, expected) in sets.items():
            run = zero_runs[r][name]
            ok = run["value"] == expected
            acc = accepted_at(run, t, t1)
            mark = (f", a 1 at {t1}" if t1 != t else "") + (" (shipped)" if (r, t, t1) == ship else "")
            wrong, n_acc = int((~ok[acc]).sum()), int(acc.sum())
            lo, hi = interval95(wrong, n_acc) if n_acc else (0.0, 1.0)
            out(f"| {name} | {r} | {t}{mark} | {len(expected)} | {acc.mean():.1%} | "
                f"{wrong / n_acc if n_acc else 0:.2%} ({wrong}) | {lo:.2%}-{hi:.2%} | {(~acc).mean():.1%} | "
                f"{ok.mean():.1%} |")
    out()
    out("Why numbers go to review at the shipped threshold (share of all numbers; a number can have several):")
    out()
    names = list(sets)
    out("| flag | " + " | ".join(names) + " |")
    out("|---|" + "---|" * len(names) + "")
    flags = sorted({f for r in shipped_runs.values() for v in r["flags"] for f in v.split(",") if f != "-"})
    for f in flags:
        out(f"| {f} | " + " | ".join(f"{np.mean([f in v.split(',') for v in shipped_runs[n]['flags']]):.1%}"
                                    for n in names) + " |")
    out()
    out("Wrong among accepted at the shipped threshold, by digit written -> digit read (numbers of equal length):")
    out()
    for n in names:
        r, expected = shipped_runs[n], sets[n][2]
        wrong = (r["needs_review"] == 0) & (r["value"] != expected)
        subs = collections.Counter(f"{a}->{b}" for e, v in zip(expected[wrong], r["value"][wrong]) if len(e) == len(v)
                                   for a, b in zip(e, v) if a != b)
        other = int(sum(len(e) != len(v) for e, v in zip(expected[wrong], r["value"][wrong])))
        out(f"- {n}: " + (", ".join(f"{k} {c}" for k, c in subs.most_common()) or "none")
            + (f"; {other} of another length" if other else ""))
    # The border tables under what is shipped and, when that is not it, "cnn" at 0.998 for every digit (shipped since 2026-12-06).
    border_rules = [ship] + ([("cnn", 0.998, 0.998)] if ship != ("cnn", 0.998, 0.998) else [])
    if args.hands:  # with --calib, the calibration writers: held-out ones are never read for tuning
        out()
        src_name, src = ("hands-calib", Source("hands", "calib")) if args.calib else ("hands-held", None)
        overshoot_table(out, args.numbers // 20, args.seed + 50, tmp, border_rules, src_name, src)
    if args.light or args.large:
        out()
        name = next(iter(sources))
        overshoot_table(out, args.numbers // 20, args.seed + 50, tmp, border_rules, name, sources[name])
    out()
    out(f"(bench took {time.time() - t0:.0f} s)")
    shutil.rmtree(tmp, ignore_errors=True)
    if args.docs and not args.calib:
        write_docs("bench-icr-light" if args.light else "bench-icr-large" if args.large else "bench-icr-hands" if args.hands else "bench-icr", lines)


def write_docs(name, lines):
    """Puts the tables between <!-- name:start --> and <!-- name:end --> in docs/benchmarks.md (added at the
    end of its Handwritten numbers section the first time)."""
    path = os.path.join(synth.ROOT, "docs", "benchmarks.md")
    text = open(path).read()
    a, b = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    cmd = "scripts/bench-icr " + " ".join(sys.argv[1:])
    block = f"{a}\nMeasured with `{cmd.strip()}` on {time.strftime('%Y-%m-%d')}:\n\n" + "\n".join(lines) + f"\n{b}"
    if a in text:
        text = text[:text.index(a)] + block + text[text.index(b) + len(b):]
    else:
        end = text.index("\n## ", text.index("## Handwritten numbers"))
        text = text[:end] + "\n" + block + "\n" + text[end:]
    open(path, "w").write(text)


if __name__ == "__main__":
    main()

"""Chooses the digit acceptance rule and thresholds for the shipped models on the calibration sets, with the
product's C++ code (icr_bench): accept_rule and accept_prob, then a read 1's accept_prob_one. Called by train.py
(after training, and for --calibrate-only); writes calibration/icr-thresholds.json."""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import number_sets  # noqa: E402
import synth  # noqa: E402
from synth import log, make_set  # noqa: E402

CAL = synth.CAL
THRESHOLDS = os.path.join(CAL, "icr-thresholds.json")
# accept_prob: the lowest of THRESHOLD_GRID at which auto-accepted calibration numbers err at most
# TARGET_NUMBER_ERROR on every calibration set: a third of the 0.3% aim, because writers never seen err
# several times more than calibration ones (at 0.97, where the calibration sets erred 0.19-0.26%, two
# held-out font benches erred 1.1-1.2%: docs/benchmarks.md, "the retrained models"). 0.3% until 2026-12-06.
TARGET_NUMBER_ERROR = 0.001
THRESHOLD_GRID = [0.9, 0.95, 0.96, 0.97, 0.98, 0.985, 0.99, 0.993, 0.995, 0.997, 0.998, 0.999]
# Acceptance rules (issue 20, 2026-12-07): "cnn" accepts a box when the CNN's probability >= accept_prob, "min"
# when both recognisers' are, "views" when the CNN's lowest probability of its digit over the box and eight moved
# views is (they must agree under each). Each gets its threshold by the rule above; the one adopted auto-accepts
# more numbers on its least-accepting calibration set at its threshold (ties: "cnn").
ACCEPT_RULES = ("cnn", "min", "views")
# A read 1's own threshold (issue 20, 2026-12-08): the CNN hedges between 1 and 7, and 35-52% of the calibration
# writers' 1s fall under 0.998 against 0.2-12% of the other digits but 7 (docs/benchmarks.md, "A lead for the digit
# reader"). accept_prob_one is the lowest of ONE_GRID, at most accept_prob, at which no calibration set has more wrong
# auto-accepted numbers than with a 1 held to accept_prob (rule written before calibrating: docs/benchmarks.md,
# "A lower threshold for a read 1").
ONE_GRID = (0.99, 0.993, 0.995, 0.997, 0.998, 0.999)
# 10,000 numbers a set: at ~0.3% wrong that is ~25 errors (standard error ~0.06 points). 3,000 were too few:
# fonts-calib draws of 3,000, 3,000 and 2,000 numbers erred 0.61%, 0.31% and 0.06% at 0.98
# (bench.py --calib --numbers N --seed 31 / 76 / 1700).
CALIB_DIGITS, CALIB_NUMBERS = 3000, 10000
# The calibration sets (name, kind, split): MNIST test-set writers, fonts unseen in training, (since 2026-12-06)
# writers of the writer model's calibration seed range (never drawn by training or the bench), each number one
# writer's, and (since 2026-12-07) those writers in light pencil and writing big, and a second font group.
CALIB_SETS = [("mnist-calib", "mnist", "calib"), ("fonts-calib", "font", "calib"), ("hands-calib", "hands", "calib"),
              ("light-calib", "hands-light", "calib"), ("large-calib", "hands-large", "calib"),
              ("fonts-calib2", "font", "calib2")]


def calibrate(cfg, tmp, keep=None, rules=ACCEPT_RULES):
    """Chooses accept_rule and accept_prob on the calibration sets (CALIB_SETS) with the product's C++ code: for
    each rule the lowest threshold at which auto-accepted whole numbers err at most TARGET_NUMBER_ERROR on every
    set, then the rule by choose_rule. Writes icr-thresholds.json with digit and number statistics, and the pick
    as accept_rule and accept_prob unless keep, a (rule, threshold) of the grid, is given: then those stay and
    the statistics are theirs (calibration_picked still says what was picked). Then accept_prob_one by pick_one.
    rules: those calibrated (the others keep their rules_calibrated figures)."""
    log("calibrating the acceptance rule and threshold on the calibration sets")
    json.dump(cfg, open(THRESHOLDS, "w"), indent=2)
    measured, sets = {}, {}
    for k, (name, kind, split) in enumerate(CALIB_SETS):
        src = number_sets.Source(kind, split)
        cx, cy = make_set([(synth.digit_source(kind, split, 3 + k), CALIB_DIGITS)], seed=21 + k)
        r = synth.read_boxes(cx, CAL, tmp)
        written = (r["kind"] == 2) & (r["prep_flag"] == "-")
        measured[name] = {"boxes": CALIB_DIGITS, "written_unflagged": int(written.sum()),
                          "cnn_accuracy": round(float((r["cnn_digit"] == cy)[written].mean()), 4),
                          "hog_accuracy": round(float((r["hog_digit"] == cy)[written].mean()), 4),
                          "agree_share": round(float((r["cnn_digit"] == r["hog_digit"])[written].mean()), 4),
                          "numbers": CALIB_NUMBERS}
        sets[name] = number_sets.write_set(src, CALIB_NUMBERS, 31 + k, tmp, name)
    # Each set is read once a rule at accept_prob 0 and every grid threshold derived exactly (number_sets.accepted_at).
    runs = {rule: {name: number_sets.read_at_zero(CAL, tmp, rule, cp, lp) for name, (cp, lp, _) in sets.items()}
            for rule in rules}
    expected = {name: e for name, (_, _, e) in sets.items()}
    table = {rule: grid_stats(runs[rule], expected) for rule in rules}
    log_grid(table)
    picks = {rule: lowest_passing(table[rule]) for rule in rules}
    rule, chosen = choose_rule(table, picks)
    picked = {"accept_rule": rule, "accept_prob": chosen}
    log("picked: " + "; ".join(f"{r} at {t} (least accepted {least_accepted(table, r, t):.2%})"
                               if t is not None else f"{r}: no grid threshold passes" for r, t in picks.items())
        + f" -> accept_rule {rule}, accept_prob {chosen}" + (f"; kept: {keep[0]} at {keep[1]}" if keep else ""))
    if keep:
        rule, chosen = keep  # a KeyError below names a rule or threshold the grid does not hold
    one, one_table = pick_one(runs[rule], expected, chosen)
    log_one(one_table, chosen, one)
    for name, (cp, lp, _) in sets.items():  # the reader itself at the chosen thresholds must decide the same
        number_sets.read_checked_at(CAL, tmp, chosen, cp, lp, runs[rule][name], rule, one)
    for name, run in runs[rule].items():
        acc = number_sets.accepted_at(run, chosen, one)
        wrong = float((run["value"] != expected[name])[acc].mean()) if acc.any() else 0.0
        measured[name].update({"numbers_accepted": round(float(acc.mean()), 4),
                               "number_error_among_accepted": round(wrong, 5)})
    cfg["accept_prob_one"] = one
    cfg["accept_prob"] = chosen
    cfg["accept_rule"] = rule
    cfg["rules_calibrated"] = {**{r: v for r, v in cfg.get("rules_calibrated", {}).items() if r not in rules},
                               **{r: {"accept_prob": t, "least_accepted": round(least_accepted(table, r, t), 4)}
                                  for r, t in picks.items() if t is not None}}
    if set(rules) == set(ACCEPT_RULES):  # a pick among some rules only is logged, not recorded as the calibration's
        cfg["calibration_picked"] = picked
    cfg["measured_calibration"] = measured
    cfg["target_number_error"] = TARGET_NUMBER_ERROR
    cfg.pop("target_digit_error", None)
    cfg["calibrated"] = datetime.date.today().isoformat()
    json.dump(cfg, open(THRESHOLDS, "w"), indent=2)


def grid_stats(runs, expected):
    """{t: {set: (auto-accepted share, wrong share among accepted)}} over THRESHOLD_GRID, from one rule's zero runs."""
    table = {}
    for t in THRESHOLD_GRID:
        table[t] = {}
        for name, run in runs.items():
            acc = number_sets.accepted_at(run, t)
            wrong = float((run["value"] != expected[name])[acc].mean()) if acc.any() else 0.0
            table[t][name] = (float(acc.mean()), wrong)
    return table


def log_grid(table):
    """Logs the grid of every rule, and prints it as a Markdown table (accepted / wrong among accepted)."""
    names = list(next(iter(next(iter(table.values())).values())))
    print("| accept_rule | accept_prob | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for rule, rows in table.items():
        for t, stats in rows.items():
            print(f"| {rule} | {t} | " + " | ".join(f"{a:.2%} / {e:.3%}" for a, e in stats.values()) + " |")
    sys.stdout.flush()


def pick_one(runs, expected, t):
    """(accept_prob_one, {t1: {set: (auto-accepted share, wrong auto-accepted numbers)}}) under one rule's zero runs
    with the other digits at t: the lowest t1 of ONE_GRID (at most t) adding no wrong number on any set."""
    grid = sorted({u for u in ONE_GRID if u <= t} | {t})
    table = {}
    for t1 in grid:
        table[t1] = {}
        for name, run in runs.items():
            acc = number_sets.accepted_at(run, t, t1)
            table[t1][name] = (float(acc.mean()), int((run["value"] != expected[name])[acc].sum()))
    # Fewer thresholds accept more numbers, so the wrong counts only grow as t1 falls: the passing ones are a top run.
    passing = [t1 for t1 in grid if all(w <= table[t][name][1] for name, (_, w) in table[t1].items())]
    return min(passing), table


def log_one(table, t, one):
    """Prints pick_one's table as Markdown (accepted / wrong auto-accepted numbers a set)."""
    names = list(next(iter(table.values())))
    print(f"| a read 1 at (others at {t}) | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for t1, stats in sorted(table.items(), reverse=True):
        mark = " (picked)" if t1 == one else ""
        print(f"| {t1}{mark} | " + " | ".join(f"{a:.2%} / {w}" for a, w in stats.values()) + " |")
    sys.stdout.flush()


def lowest_passing(rows):
    """The lowest grid threshold at which every calibration set errs at most TARGET_NUMBER_ERROR, or None."""
    return next((t for t, stats in rows.items() if all(e <= TARGET_NUMBER_ERROR for _, e in stats.values())), None)


def least_accepted(table, rule, t):
    """The auto-accepted share of the least-accepting calibration set under rule at threshold t."""
    return min(a for a, _ in table[rule][t].values())


def choose_rule(table, picks):
    """(rule, threshold): of the rules with a passing threshold, the one auto-accepting more numbers on its
    least-accepting calibration set at it; ties keep "cnn". None passing: "cnn" at the grid's top, as before."""
    passing = [r for r, t in picks.items() if t is not None]
    if not passing:
        return ("cnn" if "cnn" in picks else next(iter(picks))), THRESHOLD_GRID[-1]
    best = max(passing, key=lambda r: (least_accepted(table, r, picks[r]), r == "cnn"))
    return best, picks[best]

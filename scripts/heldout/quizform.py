"""The printed form, from the quizscan binary: participant IDs, the pre/post sheets as PDF, every
field's geometry (`quizscan layout --json`, mm from the page's top-left), and page images
rendered with pdftoppm.
"""
import json
import os
import subprocess
import tempfile

import cv2
import yaml


def run(cmd):
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
    return r.stdout


def make_ids(quizscan, n, path, seed):
    run([quizscan, "ids", "--count", str(n), "--seed", str(seed), "--out", path, "--force"])
    return [line.strip() for line in open(path) if line.strip()]


def print_sheets(quizscan, form, session, ids_path, out_pdf, paper):
    run([quizscan, "print", "--form", form, "--session", session, "--ids", ids_path, "--out", out_pdf, "--paper", paper])


def layout(quizscan, form, paper):
    return json.loads(run([quizscan, "layout", "--form", form, "--json", "--paper", paper]))


def answer_key(form):
    """{choice question: right letter} from the form definition."""
    f = yaml.safe_load(open(form))
    return {q["id"]: q["answer"] for q in f.get("questions", []) if q.get("type") == "choice" and "answer" in q}


def render_pages(pdf, first, last, dpi, colour=False, crop_px=None):
    """Pages first..last (1-based) of `pdf` at `dpi` as uint8 arrays (grey, or RGB when colour).
    crop_px = (x, y, w, h) renders only that region (in pixels at `dpi`)."""
    with tempfile.TemporaryDirectory(prefix="heldout-render-") as tmp:
        cmd = ["pdftoppm", "-r", str(dpi), "-f", str(first), "-l", str(last)]
        cmd += [] if colour else ["-gray"]
        if crop_px:
            x, y, w, h = crop_px
            cmd += ["-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h)]
        prefix = os.path.join(tmp, "p")
        run(cmd + [pdf, prefix])
        files = sorted(os.listdir(tmp))
        out = []
        for name in files:
            img = cv2.imread(os.path.join(tmp, name), cv2.IMREAD_UNCHANGED)
            if img is None:
                raise SystemExit(f"pdftoppm wrote an unreadable page {name} for {pdf}")
            out.append(img[..., ::-1].copy() if img.ndim == 3 else img)
        return out


def as_rgb(grey):
    return cv2.cvtColor(grey, cv2.COLOR_GRAY2RGB)

#!/usr/bin/python3
"""Synthetic scanned quiz stacks with ground truth, for quizscan's tests and benchmarks.

Prints real sheets with the quizscan binary, fills them from a random ground truth the way
people do (pen/pencil fills, partial fills, ticks, crosses, circles, erasures, stray dots,
handwritten digits), degrades them like a scanner (rotation, skew, perspective, dpi, blur,
noise, paper grey, JPEG) and writes the stack the way scanners do (shuffled, duplex or
two-pass, multi-page PDF/TIFF, single PNG/JPEG, 1-bit PNG from a black-and-white mode, or
phone photos: colour JPEGs of the page on a desk, in perspective and uneven light),
plus DIR/truth.json and DIR/ids.txt.

Run with /usr/bin/python3 (needs numpy, cv2, yaml; pdftoppm; qpdf for --bad-inputs).
See scripts/synth/README.md.
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from multiprocessing import Pool

import cv2
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import marks  # noqa: E402
import marks_strokes  # noqa: E402
import minipdf  # noqa: E402

ROOT = marks.ROOT
DEFAULT_FORM = os.path.join(ROOT, "forms", "mlsysim-quiz.yaml")
STANDARD_DPIS = [150, 200, 240, 300, 400, 600]
CHOICE_STYLES = {"fill": 0.66, "partial": 0.12, "check": 0.08, "cross": 0.07, "circle": 0.07}
# A light-pencil writer (--light-pencil) ticks and crosses more than they fill.
LIGHT_STYLES = {"fill": 0.30, "partial": 0.20, "check": 0.30, "cross": 0.15, "circle": 0.05}
# Tinted paper (--tint), as multipliers of the white paper's B, G, R: cream, yellow, pink, blue, green, recycled grey.
TINTS = [(0.80, 0.93, 0.98), (0.62, 0.92, 0.97), (0.86, 0.80, 0.98), (0.97, 0.90, 0.80), (0.78, 0.95, 0.84),
         (0.84, 0.86, 0.87)]
FALLBACK_KEY = {"q1": "b", "q2": "a", "q3": "b", "q4": "b", "q5": "a", "q8": "b", "q9": "a", "q10": "a"}

# Numbers people write: the right answers, near misses and the common errors.
NUMBER_POOLS = {
    "q6_int4": ("40", {"50": 8, "20": 6, "80": 6, "25": 5, "32": 3, "48": 3, "1": 3, "4": 2, "400": 2,
                       "100": 4, "12.5": 2, "40.5": 1, "10": 2}),
    "q6_fp16": ("100", {"50": 10, "80": 5, "200": 5, "120": 3, "40": 3, "1000": 2, "12.5": 2, "25": 2,
                        "2": 2, "60": 2}),
    "q7_virginia": ("195", {"195000": 8, "200": 4, "190": 3, "210": 4, "19.5": 3, "1950": 2, "390": 3,
                            "0.39": 1, "1.95": 2, "195.5": 1}),
    "q7_quebec": ("0.6", {"0.5": 5, "0.7": 3, "600": 6, "1.2": 4, "6": 3, "0.06": 2, "1": 3, "12.5": 1,
                          "0.61": 1, "60": 2}),
}


# ----------------------------------------------------------------------------- setup

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode != 0:
        raise SystemExit(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}{r.stderr}")
    return r.stdout


def load_answer_key(form_path):
    try:
        import yaml
        form = yaml.safe_load(open(form_path))
        key = {q["id"]: q["answer"] for q in form["questions"] if q.get("type") == "choice"}
        return key or FALLBACK_KEY
    except Exception:  # noqa: BLE001 - the key only biases the answer distribution
        return FALLBACK_KEY


def parse_dpi(s):
    if "-" in s:
        lo, hi = (int(v) for v in s.split("-"))
    else:
        lo = hi = int(s)
    if not (72 <= lo <= hi <= 1200):
        raise SystemExit(f"bad --dpi {s}")
    return lo, hi


def pick_dpi(rng, lo, hi):
    if lo == hi:
        return lo
    cands = [d for d in STANDARD_DPIS if lo <= d <= hi]
    if cands and rng.random() < 0.85:
        # scanners mostly run at 200 or 300
        w = np.array([{300: 4.0, 200: 2.0}.get(d, 1.0) for d in cands])
        return int(rng.choice(cands, p=w / w.sum()))
    return int(rng.integers(lo, hi + 1))


# ----------------------------------------------------------------------------- ground truth

def pick_weighted(rng, d):
    keys = list(d)
    w = np.array([d[k] for k in keys], np.float64)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def make_truth(rng, pid, session, layout, key, digit_source, light=False, unanswered=()):
    """One participant's sheet: answers + the way each is written (a 'writer' profile). light: the
    writer uses a light pencil; unanswered: sheet pages (1, 2) on which nothing is written."""
    tool = "pen" if rng.random() < 0.7 else "pencil"
    if light:
        tool = "light"
    src = digit_source if digit_source != "mixed" else ("mnist" if rng.random() < 0.5 else "fonts")
    writer = {"tool": tool, "digits": src, "align": "right" if rng.random() < 0.55 else "left",
              "lead_zero": rng.random() < 0.7, "seed": int(rng.integers(2**31))}
    p_right = 0.45 if session == "pre" else 0.75
    fields, mk, plan = {}, {}, {}
    for page in layout["pages"]:
        for f in page["fields"]:
            fid = f["id"]
            if f["type"] == "checkbox":
                if rng.random() < 0.10:
                    style = "cross" if rng.random() < 0.6 else "fill"
                    if tool == "light" and rng.random() < 0.4:
                        style = "check"
                    fields[fid], mk[fid] = "yes", f"{tool}-{style}"
                    plan[fid] = {"style": style}
                else:
                    fields[fid], mk[fid] = "", "blank"
                    plan[fid] = None
            elif f["type"] == "choice":
                vals = [o["value"] for o in f["options"]]
                u = rng.random()
                if u < 0.05:
                    chosen = []
                elif u < 0.08:
                    chosen = sorted(rng.choice(vals, 2, replace=False).tolist())
                else:
                    right = key.get(fid, vals[0])
                    chosen = [right if rng.random() < p_right else
                              str(rng.choice([v for v in vals if v != right]))]
                styles = [pick_weighted(rng, LIGHT_STYLES if tool == "light" else CHOICE_STYLES) for _ in chosen]
                if len(chosen) == 2 and rng.random() < 0.7:
                    styles = [styles[0]] * 2
                rest = [v for v in vals if v not in chosen]
                erasure = str(rng.choice(rest)) if chosen and rest and rng.random() < 0.05 else None
                free = [v for v in rest if v != erasure]
                dot = str(rng.choice(free)) if free and rng.random() < 0.04 else None
                fields[fid] = "".join(chosen)
                desc = ",".join(f"{c}:{tool}-{s}" for c, s in zip(chosen, styles)) or "blank"
                if erasure:
                    desc += f";erasure@{erasure}"
                if dot:
                    desc += f";dot@{dot}"
                mk[fid] = desc
                plan[fid] = {"chosen": chosen, "styles": styles, "erasure": erasure, "dot": dot}
            elif f["type"] == "number":
                n_int = len(f["boxes"]) - f.get("decimal_boxes", 0)
                n_dec = f.get("decimal_boxes", 0)
                if rng.random() < 0.05:
                    fields[fid], mk[fid], plan[fid] = "", "blank", None
                    continue
                correct, errs = NUMBER_POOLS.get(fid, ("1", {"2": 1}))
                p_c = 0.45 if session == "pre" else 0.75
                v = correct if rng.random() < p_c else pick_weighted(rng, errs)
                ip, _, dp = v.partition(".")
                if len(ip) > n_int or len(dp) > n_dec:
                    v, ip, dp = correct, *correct.partition(".")[::2]
                if ip == "0" and dp and not writer["lead_zero"]:
                    ip = ""  # written ".6": nothing in the integer boxes
                align = writer["align"] if rng.random() < 0.9 else ("left" if writer["align"] == "right" else "right")
                start = n_int - len(ip) if align == "right" else 0
                cells = {start + i: int(c) for i, c in enumerate(ip)}
                cells.update({n_int + i: int(c) for i, c in enumerate(dp)})
                touch = sorted(k for k in cells if rng.random() < 0.08)
                fields[fid] = v
                desc = f"{src}-{tool}-{align}" + (";no-lead-zero" if ip == "" else "")
                if touch:
                    desc += ";touch@" + ",".join(str(t) for t in touch)
                mk[fid] = desc
                plan[fid] = {"cells": cells, "touch": touch}
    for page in layout["pages"]:  # drawn as usual above, so that the other sheets stay as without it
        if page["page"] in unanswered:
            for f in page["fields"]:
                fields[f["id"]], mk[f["id"]] = "", "blank;unanswered-page"
                plan[f["id"]] = {"chosen": [], "styles": [], "erasure": None, "dot": None} if f["type"] == "choice" else None
    sheet = {"participant_id": pid, "session": session, "no_research": fields.pop("no_research", ""),
             "fields": fields, "marks": mk}
    return sheet, {"writer": writer, "plan": plan}


# ----------------------------------------------------------------------------- drawing a page

def fill_page(img, page_layout, dpi, spec, mnist, rng):
    ppm = dpi / 25.4
    w = spec["writer"]
    pen = marks.Pen(w["tool"], rng)
    writer = marks.DigitWriter(w["digits"], mnist, rng)
    prof = w.get("strokes")  # --mark-model strokes: this writer's pen and hand (marks_strokes.py)
    if prof:
        pen = marks_strokes.digit_pen(prof, pen)
    for f in page_layout["fields"]:
        p = spec["plan"].get(f["id"])
        if f["type"] == "checkbox":
            if p:
                o = f["options"][0]
                cx, cy = o["center_mm"][0] * ppm, o["center_mm"][1] * ppm
                if prof:
                    marks_strokes.draw_box(img, cx, cy, o["size_mm"][0] / 2 * ppm, ppm, prof, p["style"], rng)
                else:
                    marks.mark_checkbox(img, cx, cy, o["size_mm"][0] / 2 * ppm, ppm, pen, p["style"], rng)
        elif f["type"] == "choice":
            opts = {o["value"]: o for o in f["options"]}

            def geo(v):
                o = opts[v]
                return (o["center_mm"][0] * ppm, o["center_mm"][1] * ppm,
                        o["size_mm"][0] / 2 * ppm, o["size_mm"][1] / 2 * ppm)
            if prof:
                if p["erasure"]:
                    marks_strokes.draw_erasure(img, *geo(p["erasure"]), ppm, prof, rng)
                if p["dot"]:
                    marks_strokes.draw_stray_dot(img, *geo(p["dot"]), ppm, prof, rng)
                for v, style in zip(p["chosen"], p["styles"]):
                    marks_strokes.draw_mark(img, *geo(v), ppm, prof, style, rng)
                continue
            if p["erasure"]:
                marks.mark_erasure(img, *geo(p["erasure"]), ppm, rng)
            if p["dot"]:
                marks.mark_dot(img, *geo(p["dot"]), ppm, rng)
            for v, style in zip(p["chosen"], p["styles"]):
                marks.MARKERS[style](img, *geo(v), ppm, pen, rng)
        elif f["type"] == "number" and p:
            for i, d in p["cells"].items():
                x, y, bw, bh = (v * ppm for v in f["boxes"][int(i)]["bbox_mm"])
                marks.draw_digit(img, (x, y, bw, bh), d, writer, pen, ppm, rng, touch=int(i) in p["touch"])


# ----------------------------------------------------------------------------- scanner model

def scan_params(rng, difficulty):
    """Per-page degradation parameters (decided in the main process, so runs are reproducible)."""
    if difficulty == "clean":
        return {"skew": 0.0, "persp": [0.0] * 8, "blur300": 0.0, "noise": 0.0, "paper": 255.0, "black": 0.0,
                "gamma": 1.0, "backing": 255.0, "illum": 0.0, "margin_mm": 0.0}
    hard = difficulty == "hard"
    skew = float(np.clip(rng.normal(0, 2.5 if hard else 1.2), -5, 5))
    pmax = 0.015 if hard else 0.008
    persp = (rng.uniform(-1, 1, 8) * pmax * (rng.random() if not hard else 1.0)).tolist()
    return {
        "skew": round(skew, 2),
        "persp": [round(v, 4) for v in persp],
        "blur300": round(float(rng.uniform(0.6, 2.0) if hard else rng.uniform(0, 1.2)), 2),
        "noise": round(float(rng.uniform(5, 14) if hard else rng.uniform(0, 3)), 2),
        "paper": round(float(rng.uniform(175, 215) if hard else rng.uniform(225, 253)), 1),
        "black": round(float(rng.uniform(20, 60) if hard else rng.uniform(0, 25)), 1),
        "gamma": round(float(rng.uniform(0.7, 1.5) if hard else rng.uniform(0.85, 1.2)), 3),
        "backing": float(rng.choice([255.0, 40.0, 90.0]) if hard else (255.0 if rng.random() < 0.85 else 60.0)),
        "illum": round(float(rng.uniform(0.05, 0.2) if hard else rng.uniform(0, 0.05)), 3),
        "margin_mm": round(float(rng.uniform(0, 4)), 1),
    }


def add_noise(img, sigma, rng):
    """Sensor noise: a random Gaussian tile, repeated with a random offset, added with uint8
    saturation (fast; the 509 px period is invisible and not aligned with anything)."""
    T = 509
    t = np.empty((T, T), np.int16)
    cv2.randn(t, 0, sigma)
    pos = np.clip(t, 0, 255).astype(np.uint8)
    neg = np.clip(-t, 0, 255).astype(np.uint8)
    h, w = img.shape
    oy, ox = int(rng.integers(T)), int(rng.integers(T))
    reps = (-(-(h + oy) // T), -(-(w + ox) // T))
    P = np.tile(pos, reps)[oy:oy + h, ox:ox + w]
    N = np.tile(neg, reps)[oy:oy + h, ox:ox + w]
    return cv2.subtract(cv2.add(img, P), N)


def shift_of(page_seed, most_mm):
    """How far this page lies shifted on the scanner glass ([dx, dy] mm), from its own generator: 0.5-1x
    most_mm in any direction, so that the image (the page's own size) loses the edge it moved over."""
    if most_mm <= 0:
        return [0.0, 0.0]
    r = np.random.default_rng(page_seed + [7])
    a, d = r.uniform(0, 2 * np.pi), r.uniform(0.5, 1.0) * most_mm
    return [round(float(d * np.cos(a)), 2), round(float(d * np.sin(a)), 2)]


def fold_of(page_seed, most_mm):
    """This page's dog-eared corner: {"corner": 0-3 (TL, TR, BR, BL), "leg_mm": ...}, or None."""
    if most_mm <= 0:
        return None
    r = np.random.default_rng(page_seed + [8])
    return {"corner": int(r.integers(4)), "leg_mm": round(float(r.uniform(0.6, 1.0) * most_mm), 1)}


def fold_corner(img, fold, dpi):
    """A corner folded over along the line cutting legs of fold["leg_mm"]: the corner itself shows the
    scanner lid (white), and the flap, mirrored over the fold line, covers the page with the blank back
    of the paper (a little greyer than the front)."""
    h, w = img.shape
    leg = fold["leg_mm"] * dpi / 25.4
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float32)
    c = fold["corner"]
    u = xs if c in (0, 3) else (w - 1 - xs)  # distance from the corner's vertical edge
    v = ys if c in (0, 1) else (h - 1 - ys)  # ... and from its horizontal edge
    t = u + v
    img[t < leg] = 252
    img[(t >= leg) & (t < 2 * leg) & (u < leg) & (v < leg)] = 236
    return img


def degrade(img, render_dpi, pg, rng, shift_mm=(0.0, 0.0)):
    """img: upright page rendered at render_dpi -> what the scanner stores. shift_mm: the page lies
    shifted on the glass by as much and the image is the page's own size (what moved over an edge is lost)."""
    sp = pg["scan"]
    dpi = pg["dpi"]
    s = dpi / render_dpi
    if s < 1.0:  # downsample with area averaging first; upsampling is folded into the warp
        img = cv2.resize(img, None, fx=s, fy=s, interpolation=cv2.INTER_AREA)
        s = 1.0
    h, w = img.shape
    shifted = any(shift_mm)
    if sp["skew"] or any(sp["persp"]) or sp["margin_mm"] or s != 1.0 or shifted:
        src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
        t = np.deg2rad(sp["skew"])
        c, sn = np.cos(t), np.sin(t)
        W0, H0 = w * s, h * s
        ctr = np.array([W0 / 2, H0 / 2])
        dst = np.array([ctr + np.array([c * (x - ctr[0]) - sn * (y - ctr[1]), sn * (x - ctr[0]) + c * (y - ctr[1])])
                        for x, y in src * s])
        dst += np.array(sp["persp"]).reshape(4, 2) * np.array([W0, H0])
        if shifted:  # the image is the page's own size, the page moved within it
            dst += np.array(shift_mm) * dpi / 25.4
            W, H = int(round(W0)), int(round(H0))
        else:
            m = sp["margin_mm"] * dpi / 25.4
            dst -= dst.min(axis=0) - m
            W, H = (int(np.ceil(v + m)) for v in dst.max(axis=0))
        M = cv2.getPerspectiveTransform(src, dst.astype(np.float32))
        img = cv2.warpPerspective(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                                  borderValue=sp["backing"])
    blur = sp["blur300"] * dpi / 300.0
    if blur > 0.15:
        img = cv2.GaussianBlur(img, (0, 0), blur)
    if sp["paper"] < 255 or sp["black"] > 0 or sp["gamma"] != 1.0:
        x = np.arange(256, dtype=np.float64) / 255.0
        lut = sp["black"] + (sp["paper"] - sp["black"]) * x ** sp["gamma"]
        img = cv2.LUT(img, np.clip(lut + 0.5, 0, 255).astype(np.uint8))
    if sp["illum"] > 0:
        g = (rng.uniform(1 - sp["illum"], 1.0, (3, 3)) * 255).astype(np.uint8)
        g = cv2.resize(g, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_CUBIC)
        img = cv2.multiply(img, g, scale=1 / 255.0)
    if sp["noise"] > 0.2:
        img = add_noise(img, sp["noise"], rng)
    rot = pg["rotation"]
    if rot:
        img = cv2.rotate(img, {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
                               270: cv2.ROTATE_90_COUNTERCLOCKWISE}[rot])
    return img


def colour_scan(img, pg):
    """The scanned grey page on its paper: tinted paper multiplies what the scanner sees by the paper's
    colour (B, G, R); a colour scan keeps the three channels, a greyscale one their luminance."""
    tint = pg.get("tint")
    if pg["fmt"] in ("color", "colorpdf"):
        t = np.float32(tint or (0.98, 0.99, 1.0))  # white paper: a slight warm cast
        return np.clip(img[:, :, None].astype(np.float32) * t[None, None, :] + 0.5, 0, 255).astype(np.uint8)
    if tint:
        lum = 0.114 * tint[0] + 0.587 * tint[1] + 0.299 * tint[2]
        return np.clip(img.astype(np.float32) * lum + 0.5, 0, 255).astype(np.uint8)
    return img


def photo_params(rng):
    """A phone photo of one page (decided in the main process, so runs are reproducible)."""
    return {
        "fill": round(float(rng.uniform(0.72, 0.92)), 3),       # page height / image height
        "offset": [round(float(v), 3) for v in rng.uniform(-0.04, 0.04, 2)],  # page centre, share of the image
        "corners": [round(float(v), 4) for v in rng.uniform(-0.05, 0.05, 8)],  # perspective, share of the page
        "desk": round(float(rng.uniform(50, 160)), 1),
        "light_dir": round(float(rng.uniform(0, 2 * np.pi)), 3),
        "light_slope": round(float(rng.uniform(0.05, 0.25)), 3),  # brightness falls by up to 2x this across
        "shadow": [round(float(v), 3) for v in (*rng.uniform(-1, 1, 2), rng.uniform(0.1, 0.35))],  # x, y, depth
        "blur": round(float(rng.uniform(0.5, 1.6)), 2),
        "tint": [round(float(rng.uniform(0.78, 0.95)), 3), round(float(rng.uniform(0.9, 1.0)), 3), 1.0],  # B, G, R
    }


def photograph(img, ph, rng):
    """A scanned-looking grey page -> a colour phone photo of it: on a desk, in perspective,
    lit from one side with a soft shadow (the phone's or a hand's), slightly out of focus."""
    h, w = img.shape
    long_side = int(round(max(h, w) / ph["fill"]))  # a 4:3 image, its long side along the page's
    short_side = int(round(max(0.75 * long_side, min(h, w) * 1.1)))
    H, W = (long_side, short_side) if h >= w else (short_side, long_side)
    texture = cv2.GaussianBlur(rng.normal(0, 25, (H // 8 + 1, W // 8 + 1)).astype(np.float32), (0, 0), 1.5)
    desk = ph["desk"] + cv2.resize(texture, (W, H), interpolation=cv2.INTER_LINEAR)
    cx, cy = W / 2 + ph["offset"][0] * W, H / 2 + ph["offset"][1] * H
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = np.float32([[cx - w / 2, cy - h / 2], [cx + w / 2, cy - h / 2], [cx + w / 2, cy + h / 2], [cx - w / 2, cy + h / 2]])
    dst += np.float32(ph["corners"]).reshape(4, 2) * np.float32([w, h])
    M = cv2.getPerspectiveTransform(src, dst)
    page = cv2.warpPerspective(img, M, (W, H), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=0)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), M, (W, H), flags=cv2.INTER_LINEAR)
    a = mask.astype(np.float32) / 255
    out = desk * (1 - a) + page.astype(np.float32) * a
    gx, gy = np.meshgrid(np.linspace(-1, 1, W, dtype=np.float32), np.linspace(-1, 1, H, dtype=np.float32))
    light = 1 - ph["light_slope"] * (1 + np.cos(ph["light_dir"]) * gx + np.sin(ph["light_dir"]) * gy)
    sx, sy, depth = ph["shadow"]
    light *= 1 - depth * np.exp(-((gx - sx) ** 2 + (gy - sy) ** 2) / 0.3)
    out = cv2.GaussianBlur(out * light, (0, 0), ph["blur"])
    out += rng.normal(0, 2.5, out.shape).astype(np.float32)
    return np.clip(out[:, :, None] * np.float32(ph["tint"])[None, None, :], 0, 255).astype(np.uint8)


def show_through_of(page_seed, most):
    """How strongly this page's back shows through it (0-1), from its own generator."""
    return round(float(np.random.default_rng(page_seed + [8]).uniform(0.5, 1.0) * most), 3) if most > 0 else 0.0


def show_through(img, back, strength, dpi):
    """Thin paper on a scanner's lit glass: the back of the sheet (print and writing) shows through,
    mirrored left to right, soft, at `strength` of its darkness."""
    ghost = cv2.GaussianBlur(cv2.flip(back, 1), (0, 0), 0.3 * dpi / 25.4).astype(np.float32)
    if ghost.shape != img.shape:
        ghost = cv2.resize(ghost, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_AREA)
    return (img.astype(np.float32) * (1 - strength * (1 - ghost / 255))).clip(0, 255).astype(np.uint8)


def bend_of(page_seed, most_mm):
    """How far this page's bend moves its fields (mm), from its own generator: the other draws stay as without it."""
    return round(float(np.random.default_rng(page_seed + [7]).uniform(0.5, 1.0) * most_mm), 2) if most_mm > 0 else 0.0


def bend_page(img, amplitude_mm, dpi):
    """A sheet folded down its length and opened again, photographed from ~40 cm above: the fold
    (the page's vertical centre line) stands up from the desk in a soft ridge, and what stands
    up is seen magnified about the page centre. The corner marks, on the flat left and right
    edges, stay put; fields in the middle move by up to `amplitude_mm` (at the top and bottom)."""
    h, w = img.shape
    ppm = dpi / 25.4
    xs = np.arange(w, dtype=np.float32)
    ridge = np.clip(1 - np.abs(2 * xs / w - 1) / 0.8, 0, 1)  # flat in the outer 10% on each side
    ridge = cv2.GaussianBlur(ridge[None, :], (0, 0), 8 * ppm)[0]  # a paper fold is rounded
    k = amplitude_mm * ppm / (h / 2)  # magnification at the ridge's top
    gx, gy = np.meshgrid(xs, np.arange(h, dtype=np.float32))
    m = 1 + k * ridge[None, :]  # seen position = centre + m * (paper position - centre)
    cx, cy = w / 2, h / 2
    map_x = cx + (gx - cx) / m
    map_y = cy + (gy - cy) / m
    return cv2.remap(img, map_x, map_y, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


# ----------------------------------------------------------------------------- workers

_MNIST = None


def page_seed(seed, pg):
    """The seed of one page's own generator (marks, degradation)."""
    return [seed, pg["sheet_index"], pg["sheet_page"], 1 if pg["session"] == "post" else 0]


def _init_worker(slice_mode, need_mnist):
    global _MNIST
    cv2.setNumThreads(1)
    _MNIST = marks.mnist_heldout(slice_mode) if need_mnist else None


def render_task(task):
    """Render one chunk of consecutive sheets of one session's PDF; fill, degrade, encode."""
    t0 = time.time()
    tmp = tempfile.mkdtemp(prefix="render_", dir=task["tmp"])
    first, last = task["first_page"], task["last_page"]
    run(["pdftoppm", "-r", str(task["render_dpi"]), "-gray", "-f", str(first), "-l", str(last),
         task["pdf"], os.path.join(tmp, "p")])
    files = sorted(os.listdir(tmp))
    filled = {}  # pdf page -> (filled page, its generator): a page's back shows through it
    for k, fn in enumerate(files):
        pdf_page = first + k
        img = cv2.imread(os.path.join(tmp, fn), cv2.IMREAD_GRAYSCALE)
        os.remove(os.path.join(tmp, fn))
        pg = task["pages"][str(pdf_page)]
        rng = np.random.default_rng(page_seed(task["seed"], pg))
        fill_page(img, task["layout"]["pages"][pg["sheet_page"] - 1], task["render_dpi"], task["specs"][pg["key"]],
                  _MNIST, rng)
        filled[pdf_page] = (img, rng)
    out = []
    for pdf_page in range(first, first + len(files)):
        img, rng = filled[pdf_page]
        pg = task["pages"][str(pdf_page)]
        seed = page_seed(task["seed"], pg)
        if task["show_through"] > 0:
            back = filled[pdf_page + 1 if pdf_page % 2 else pdf_page - 1][0]  # pages 2k-1 and 2k are one sheet
            img = show_through(img, back, show_through_of(seed, task["show_through"]), task["render_dpi"])
        if task["bend"] > 0:
            img = bend_page(img, bend_of(seed, task["bend"]), task["render_dpi"])
        if task["fold"] > 0:
            img = fold_corner(img, fold_of(seed, task["fold"]), task["render_dpi"])
        cv2.setRNGSeed(int(rng.integers(2**31)))
        img = degrade(img, task["render_dpi"], pg, rng, shift_of(seed, task["shift"]))
        img = colour_scan(img, pg)
        part = os.path.join(task["tmp"], "parts", f"{pg['file']}.{pg['page_index']:04d}")
        if pg["fmt"] == "tiff":  # raw pixels; the multi-page TIFF is encoded once, in assemble_file
            np.save(part + ".npy", img)
        else:
            if pg["fmt"] == "photo":
                img = photograph(img, pg["photo"], rng)
            if pg["fmt"] in ("pdf", "jpeg", "photo", "color", "colorpdf"):
                ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, pg["jpeg_quality"]])
            elif pg["fmt"] == "bw":  # a scanner's black-and-white mode: one threshold, 1-bit PNG
                img = np.where(img >= pg["bw_threshold"], 255, 0).astype(np.uint8)
                ok, buf = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_BILEVEL, 1])
            else:
                ok, buf = cv2.imencode(".png", img, [cv2.IMWRITE_PNG_COMPRESSION, 1, cv2.IMWRITE_PNG_STRATEGY, 2])
            assert ok
            single = pg["fmt"] in ("png", "jpeg", "bw", "photo", "color")
            path = os.path.join(task["out"], pg["file"]) if single else part + ".jpg"
            with open(path, "wb") as f:
                f.write(buf.tobytes())
        out.append((pg["file"], pg["page_index"], img.shape[1], img.shape[0]))  # w, h
    shutil.rmtree(tmp, ignore_errors=True)
    return out, time.time() - t0


def assemble_file(job):
    f, pl, shapes, tmp, out = job
    path = os.path.join(out, f["file"])
    parts = [os.path.join(tmp, "parts", f"{f['file']}.{p['page_index']:04d}") for p in pl]
    if f["fmt"] in ("pdf", "colorpdf"):
        items = []
        for p, part in zip(pl, parts):
            w, h = shapes[(f["file"], p["page_index"])]
            items.append((open(part + ".jpg", "rb").read(), w, h, p["dpi"], f["fmt"] == "colorpdf"))
        minipdf.write_jpeg_pdf(path, items)
        for part in parts:
            os.remove(part + ".jpg")
    else:
        imgs = [np.load(part + ".npy") for part in parts]
        comp = {"lzw": 5, "deflate": 8}[f["tiff_compression"]]
        ok = cv2.imwritemulti(path, imgs, [cv2.IMWRITE_TIFF_XDPI, f["dpi"], cv2.IMWRITE_TIFF_YDPI, f["dpi"],
                                           cv2.IMWRITE_TIFF_RESUNIT, 2, cv2.IMWRITE_TIFF_COMPRESSION, comp])
        if not ok:
            raise SystemExit(f"could not write {path}")
        for part in parts:
            os.remove(part + ".npy")
    return f["file"]


# ----------------------------------------------------------------------------- stack planning

def plan_stack(rng, sheets, sessions, formats, dpi_range, difficulty, tint=0.0, xrng=None):
    """Decide files, order, orientation, dpi and degradation of every scanned page. tint: share of
    scan batches on tinted paper (drawn from xrng, so that without it the stack is as before)."""
    files, pages = [], []
    counter = [0]

    def new_name(ext):
        counter[0] += 1
        return f"scan_{counter[0]:03d}.{ext}"
    ext = {"pdf": "pdf", "tiff": "tiff", "png": "png", "jpeg": "jpg", "bw": "png", "photo": "jpg", "color": "jpg",
           "colorpdf": "pdf"}
    for sess in sessions:
        idx = [i for i, s in enumerate(sheets) if s["session"] == sess]
        idx = [idx[i] for i in rng.permutation(len(idx))]
        pos = 0
        while pos < len(idx):
            n = int(rng.integers(4, 31))
            batch, pos = idx[pos:pos + n], pos + n
            fmt = str(rng.choice(formats))
            dpi = pick_dpi(rng, *dpi_range)
            jq = int(rng.integers(60, 96)) if difficulty != "hard" else int(rng.integers(40, 80))
            if difficulty == "clean":
                jq = 95
            two_pass = rng.random() < 0.3
            # Black-and-white mode: the scanner's threshold (default mid-grey, often adjusted).
            bw_threshold = int(rng.integers(100, 161)) if fmt == "bw" else None
            paper_tint = None
            if tint > 0 and xrng.random() < tint:
                paper_tint = [round(float(v * xrng.uniform(0.97, 1.03)), 3) for v in TINTS[int(xrng.integers(len(TINTS)))]]
            rots = {0: 0.72, 180: 0.16, 90: 0.06, 270: 0.06}
            if difficulty == "clean":
                rots = {0: 1.0}
            flipped = {i: (difficulty != "clean" and rng.random() < 0.06) for i in batch}
            if two_pass:
                backs = [(i, 2) for i in batch]
                if rng.random() < 0.5:
                    backs.reverse()  # the stack was turned over for the second pass
                groups = [([(i, 1) for i in batch], pick_weighted(rng, rots)),
                          (backs, pick_weighted(rng, rots))]
            else:
                groups = [([(i, p) for i in batch for p in (1, 2)], pick_weighted(rng, rots))]
            for seq, base_rot in groups:
                name = new_name(ext[fmt]) if fmt in ("pdf", "tiff", "colorpdf") else None
                if name:
                    files.append({"file": name, "fmt": fmt, "dpi": dpi,
                                  "tiff_compression": "deflate" if rng.random() < 0.5 else "lzw"})
                for k, (si, sp) in enumerate(seq):
                    if name is None:
                        fname, pidx = new_name(ext[fmt]), 0
                        files.append({"file": fname, "fmt": fmt, "dpi": dpi})
                    else:
                        fname, pidx = name, k
                    rot = (base_rot + (180 if flipped[si] else 0)) % 360
                    pages.append({"file": fname, "page_index": pidx, "fmt": fmt, "sheet_index": si,
                                  "participant_id": sheets[si]["participant_id"], "session": sess,
                                  "sheet_page": sp, "rotation": rot, "dpi": dpi, "jpeg_quality": jq,
                                  "two_pass": two_pass, "bw_threshold": bw_threshold, "tint": paper_tint,
                                  "scan": scan_params(rng, difficulty),
                                  "photo": photo_params(rng) if fmt == "photo" else None})
    return files, pages


# ----------------------------------------------------------------------------- bad inputs

def write_png_stream(path, w, h, row_fn):
    """Write a large 8-bit grey PNG row by row without holding it in memory."""
    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)))
        z = zlib.compressobj(9)
        buf = bytearray()
        for y in range(h):
            buf += z.compress(b"\x00" + row_fn(y))
            if len(buf) > 1 << 20:
                f.write(chunk(b"IDAT", bytes(buf)))
                buf = bytearray()
        buf += z.flush()
        f.write(chunk(b"IDAT", bytes(buf)) + chunk(b"IEND", b""))


def make_bad_inputs(out, quizscan, form, paper, good_pdf, tmp, rng):
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)
    notes = {}
    open(os.path.join(bad, "empty.png"), "wb").close()
    notes["empty.png"] = "zero-byte file"
    page = np.full((3300, 2550), 255, np.uint8)
    cv2.putText(page, "scan", (400, 600), cv2.FONT_HERSHEY_SIMPLEX, 8, 0, 12)
    ok, jpg = cv2.imencode(".jpg", page, [cv2.IMWRITE_JPEG_QUALITY, 85])
    open(os.path.join(bad, "truncated.jpg"), "wb").write(jpg.tobytes()[: len(jpg) // 3])
    notes["truncated.jpg"] = "JPEG cut to its first third"
    data = open(good_pdf, "rb").read()
    cut = bytearray(data[: len(data) // 2])
    for i in range(2000, min(len(cut), 6000), 7):
        cut[i] = (cut[i] * 31 + 17) & 0xFF
    open(os.path.join(bad, "corrupt.pdf"), "wb").write(bytes(cut))
    notes["corrupt.pdf"] = "a quiz PDF cut in half with garbage bytes, no xref/trailer"
    if shutil.which("qpdf"):
        run(["qpdf", "--encrypt", "user", "owner", "256", "--", good_pdf, os.path.join(bad, "encrypted.pdf")])
        notes["encrypted.pdf"] = "AES-256 encrypted quiz PDF, user password 'user'"
    else:
        print("warning: qpdf missing (apt-get install -y qpdf): no encrypted.pdf", file=sys.stderr)
    white = b"\xff" * 20000
    stripe = bytes([255] * 9000 + [0] * 2000 + [255] * 9000)
    write_png_stream(os.path.join(bad, "huge_20000x20000.png"), 20000, 20000,
                     lambda y: stripe if 9000 <= y < 11000 else white)
    notes["huge_20000x20000.png"] = "20000x20000 px, white with a black square in the middle"
    cv2.imwrite(os.path.join(bad, "blank_white.png"), np.full((3300, 2550), 255, np.uint8))
    notes["blank_white.png"] = "a blank white letter page at 300 dpi"
    txt = np.full((3300, 2550), 250, np.uint8)
    words = ["invoice", "total", "meeting", "agenda", "lorem", "ipsum", "dolor", "budget", "item", "2024", "notes"]
    for y in range(300, 3100, 90):
        line = " ".join(str(rng.choice(words)) for _ in range(int(rng.integers(3, 9))))
        cv2.putText(txt, line, (200, y), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 20, 3, cv2.LINE_AA)
    cv2.imwrite(os.path.join(bad, "other_text_page.png"), txt)
    notes["other_text_page.png"] = "a page of random text, not a quiz"
    # a quizscan-like page whose barcode names a different form
    try:
        other = os.path.join(tmp, "other-form.yaml")
        src = open(form).read()
        open(other, "w").write(src.replace("form: mlsysim-quiz", "form: other-quiz", 1))
        ids = os.path.join(tmp, "other_ids.txt")
        open(ids, "w").write("123456\n")
        pdf = os.path.join(tmp, "other.pdf")
        run([quizscan, "print", "--form", other, "--session", "pre", "--ids", ids, "--out", pdf, "--paper", paper])
        run(["pdftoppm", "-r", "300", "-gray", "-png", "-f", "1", "-l", "1", "-singlefile", pdf,
             os.path.join(bad, "other_form")])
        notes["other_form.png"] = "a quiz page printed from a copy of the form with form id 'other-quiz'"
    except SystemExit as e:
        print(f"warning: no other_form.png: {e}", file=sys.stderr)
    with open(os.path.join(bad, "README.txt"), "w") as f:
        for k, v in notes.items():
            f.write(f"{k}: {v}\n")


# ----------------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quizscan", required=True, help="path to the quizscan binary")
    ap.add_argument("--out", required=True, help="output directory (created)")
    ap.add_argument("--sheets", type=int, required=True, help="participants (each gets 2 pages per session)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--paper", choices=["letter", "a4"], default="letter")
    ap.add_argument("--dpi", default="150-600", help="scan dpi, e.g. 300 or a range 150-600 (per scan batch)")
    ap.add_argument("--formats", default="pdf,tiff,png,jpeg",
                    help="comma list of pdf,tiff,png,jpeg,bw,photo,color,colorpdf (bw: a scanner's black-and-white "
                         "mode, 1-bit PNG; photo: a phone photo of each page, colour JPEG; color/colorpdf: a scanner's "
                         "colour mode, JPEG files or a multi-page PDF of colour JPEGs)")
    ap.add_argument("--digit-source", choices=["mnist", "fonts", "mixed"], default="mixed")
    ap.add_argument("--difficulty", choices=["clean", "normal", "hard"], default="normal")
    ap.add_argument("--sessions", default="pre", help="pre, post or pre,post (same IDs in both)")
    ap.add_argument("--form", default=DEFAULT_FORM)
    ap.add_argument("--render-dpi", type=int, default=300, help="pdftoppm resolution before resampling")
    ap.add_argument("--mnist-slice", choices=["last15-icr-held", "last15"], default="last15-icr-held")
    ap.add_argument("--bend", type=float, default=0,
                    help="mm: bend every page along its vertical centre line (folded and opened again); fields "
                         "move by up to this much, the corner marks not at all (0: flat)")
    ap.add_argument("--show-through", type=float, default=0,
                    help="0-1: the back of each sheet shows through it (thin paper), mirrored and soft, at up to "
                         "this share of its darkness (0: none)")
    ap.add_argument("--shift", type=float, default=0,
                    help="mm: every page lies shifted on the glass by 0.5-1x this much in any direction and the "
                         "image is the page's own size, so the edge it moved over is cut off (0: none)")
    ap.add_argument("--fold", type=float, default=0,
                    help="mm: every page has one corner folded over, its legs 0.6-1x this long (0: none)")
    ap.add_argument("--light-pencil", type=float, default=0,
                    help="0-1: share of writers with a light pencil (marks and digits at grey ~150-220 on white "
                         "paper; more ticks and crosses)")
    ap.add_argument("--tint", type=float, default=0, help="0-1: share of scan batches on tinted paper")
    ap.add_argument("--unanswered", type=float, default=0,
                    help="0-1: share of pages on which nothing is written (every answer blank)")
    ap.add_argument("--mark-model", choices=["classic", "strokes"], default="classic",
                    help="how bubbles and the box are marked: classic (marks.py) or strokes (marks_strokes.py)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--bad-inputs", action="store_true", help="also write DIR/bad/ with broken inputs")
    args = ap.parse_args(argv)

    t_start = time.time()
    alias = {"jpg": "jpeg", "tif": "tiff"}
    formats = [alias.get(f.strip().lower(), f.strip().lower()) for f in args.formats.split(",") if f.strip()]
    for f in formats:
        if f not in ("pdf", "tiff", "png", "jpeg", "bw", "photo", "color", "colorpdf"):
            raise SystemExit(f"unknown format {f}")
    sessions = [s.strip() for s in args.sessions.split(",") if s.strip()]
    if any(s not in ("pre", "post") for s in sessions):
        raise SystemExit("--sessions: pre and/or post")
    dpi_range = parse_dpi(args.dpi)
    quizscan = os.path.abspath(args.quizscan)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="synth_")
    os.makedirs(os.path.join(tmp, "parts"))
    rng = np.random.default_rng(args.seed)
    pool = None
    try:
        ids_path = os.path.join(out, "ids.txt")
        run([quizscan, "ids", "--count", str(args.sheets), "--seed", str(args.seed), "--out", ids_path, "--force"])
        ids = [ln.strip() for ln in open(ids_path) if ln.strip()]
        layout = json.loads(run([quizscan, "layout", "--json", "--form", args.form, "--paper", args.paper]))
        key = load_answer_key(args.form)
        pdfs = {}
        for sess in sessions:
            pdfs[sess] = os.path.join(tmp, f"{sess}.pdf")
            run([quizscan, "print", "--form", args.form, "--session", sess, "--ids", ids_path,
                 "--out", pdfs[sess], "--paper", args.paper])

        sheets, specs = [], {}
        xrng = np.random.default_rng([args.seed, 21])  # the options below draw from it: without them, stacks are as before
        for sess in sessions:
            for pid in ids:
                light = args.light_pencil > 0 and xrng.random() < args.light_pencil
                unanswered = [p for p in (1, 2) if args.unanswered > 0 and xrng.random() < args.unanswered]
                sheet, spec = make_truth(rng, pid, sess, layout, key, args.digit_source, light, unanswered)
                if args.mark_model == "strokes":  # its own generator: the answers stay the classic model's
                    marks_strokes.restyle(sheet, spec, np.random.default_rng([args.seed, 31, spec["writer"]["seed"]]))
                specs[f"{sess}/{pid}"] = spec
                sheets.append(sheet)
        files, pages = plan_stack(rng, sheets, sessions, formats, dpi_range, args.difficulty, args.tint, xrng)
        need_mnist = args.digit_source != "fonts"
        if need_mnist:
            marks.mnist_heldout(args.mnist_slice)  # build the cache once, before the workers

        # tasks: chunks of consecutive sheets of one session's PDF (one pdftoppm call each)
        pid_pos = {pid: i for i, pid in enumerate(ids)}
        by_pdf_page = {}
        for pg in pages:
            pdf_page = 2 * pid_pos[pg["participant_id"]] + pg["sheet_page"]
            pg["key"] = f"{pg['session']}/{pg['participant_id']}"
            by_pdf_page[(pg["session"], pdf_page)] = pg
        tasks = []
        chunk = 6
        for sess in sessions:
            for c in range(0, len(ids), chunk):
                first, last = 2 * c + 1, 2 * min(len(ids), c + chunk)
                tp = {str(p): by_pdf_page[(sess, p)] for p in range(first, last + 1)}
                tasks.append({"pdf": pdfs[sess], "first_page": first, "last_page": last, "pages": tp,
                              "specs": {v["key"]: specs[v["key"]] for v in tp.values()}, "layout": layout,
                              "render_dpi": args.render_dpi, "seed": args.seed, "out": out, "tmp": tmp,
                              "bend": args.bend, "show_through": args.show_through, "shift": args.shift,
                              "fold": args.fold})
        tasks.sort(key=lambda t: -sum(p["dpi"] ** 2 for p in t["pages"].values()))
        shapes = {}
        pool = Pool(args.jobs, initializer=_init_worker, initargs=(args.mnist_slice, need_mnist))
        done = 0
        for res, _dt in pool.imap_unordered(render_task, tasks):
            for fname, pidx, w, h in res:
                shapes[(fname, pidx)] = (w, h)
            done += 1
            print(f"\rrendered {done}/{len(tasks)} chunks", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)

        # assemble multi-page files (in parallel: TIFF encoding is the slow part)
        by_file = {}
        for pg in pages:
            by_file.setdefault(pg["file"], []).append(pg)
        jobs = [(f, sorted(by_file[f["file"]], key=lambda p: p["page_index"]), shapes, tmp, out)
                for f in files if f["fmt"] in ("pdf", "tiff", "colorpdf")]
        jobs.sort(key=lambda j: -sum(p["dpi"] ** 2 for p in j[1]) * (3 if j[0]["fmt"] == "tiff" else 1))
        for _ in pool.imap_unordered(assemble_file, jobs):
            pass
        pool.close()
        pool.join()

        truth_pages = []
        for pg in sorted(pages, key=lambda p: (p["file"], p["page_index"])):
            sp = pg["scan"]
            truth_pages.append({
                "file": pg["file"], "page_index": pg["page_index"], "participant_id": pg["participant_id"],
                "session": pg["session"], "sheet_page": pg["sheet_page"], "rotation": pg["rotation"],
                "dpi": pg["dpi"], "skew_deg": sp["skew"], "format": pg["fmt"],
                "size_px": list(shapes[(pg["file"], pg["page_index"])]),
                "jpeg_quality": pg["jpeg_quality"] if pg["fmt"] in ("pdf", "jpeg", "photo", "color", "colorpdf") else None,
                "bw_threshold": pg["bw_threshold"], "photo": pg["photo"], "tint": pg["tint"],
                "bend_mm": bend_of(page_seed(args.seed, pg), args.bend),
                "show_through": show_through_of(page_seed(args.seed, pg), args.show_through),
                "shift_mm": shift_of(page_seed(args.seed, pg), args.shift),
                "fold": fold_of(page_seed(args.seed, pg), args.fold),
                "two_pass": pg["two_pass"], "blur_px": round(sp["blur300"] * pg["dpi"] / 300, 2),
                "noise_sigma": sp["noise"], "paper_grey": sp["paper"], "perspective": sp["persp"]})
        truth = {"generator": "scripts/synth/make_scans.py",
                 "args": {k: v for k, v in vars(args).items()
                          if k != "quizscan" and not (k == "mark_model" and v == "classic")},
                 "form": layout.get("form"), "layout_fingerprint": layout.get("layout_fingerprint"),
                 "paper": args.paper, "sheets": sheets, "pages": truth_pages,
                 "files": [f["file"] for f in files],
                 "tiff_compression": {f["file"]: f["tiff_compression"] for f in files if f["fmt"] == "tiff"}}
        with open(os.path.join(out, "truth.json"), "w") as f:
            json.dump(truth, f, indent=1)
        if args.bad_inputs:
            make_bad_inputs(out, quizscan, args.form, args.paper, pdfs[sessions[0]], tmp, rng)
    finally:
        if pool is not None:
            pool.terminate()
        shutil.rmtree(tmp, ignore_errors=True)
    n_pages = len(pages)
    print(f"wrote {len(sheets)} sheets, {n_pages} pages in {len(files)} files to {out} "
          f"in {time.time() - t_start:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

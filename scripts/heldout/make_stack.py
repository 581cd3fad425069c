#!/usr/bin/python3
"""Held-out scanned quiz stacks with their truth, made by code that shares nothing with
scripts/synth or scripts/icr (see scripts/heldout/README.md and docs/heldout.md).

  make_stack.py --quizscan BIN --out DIR --set main-a
  make_stack.py --quizscan BIN --out DIR --seed S --sheets N [--kind main|pencil|shifted] [options]

Writes the scanned files, DIR/truth.json (the format scripts/eval/compare_truth.py reads, with
extra keys) and DIR/ids.txt. Run with /usr/bin/python3 (numpy, cv2, yaml; pdftoppm).
"""
import argparse
import json
import os
import shutil
import sys
import time
from multiprocessing import Pool

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quizform  # noqa: E402
import sets  # noqa: E402
import sheet_task  # noqa: E402
import stack  # noqa: E402
from answers import Person, plan_sheet  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EXT = {"pdf": "pdf", "tiff": "tiff", "png": "png", "jpeg": "jpg"}


def parse_weights(s, cast=str):
    """'a=1,b=2' -> {a: 1.0, b: 2.0}; a plain list 'a,b' gives equal weights."""
    out = {}
    for part in s.split(","):
        k, _, v = part.partition("=")
        out[cast(k.strip())] = float(v) if v else 1.0
    return out


def profile_from_args(a):
    if a.set:
        kind, seed, prof = sets.resolve(a.set)
        if kind == "digits":
            raise SystemExit(f"{a.set} is the crop-level number set: make it with digits.py")
        return a.set, seed, prof
    if a.seed is None or a.sheets is None:
        raise SystemExit("give --set NAME, or --seed S and --sheets N")
    prof = {**sets.BASE, **sets.KINDS.get(a.kind, {})} if a.kind else dict(sets.BASE)
    prof["sheets"] = a.sheets
    for key, val in (("sessions", a.sessions and a.sessions.split(",")), ("paper", a.paper),
                     ("dpi", a.dpi and parse_weights(a.dpi, int)), ("formats", a.formats and parse_weights(a.formats)),
                     ("modes", a.modes and parse_weights(a.modes)), ("papers", a.papers and parse_weights(a.papers)),
                     ("pencil_share", a.pencil_share), ("colour_share", a.colour_share),
                     ("missing_pages", a.missing_pages)):
        if val is not None:
            prof[key] = val
    return f"custom-seed{a.seed}", a.seed, prof


def plan(seed, prof, ids, layout, key, pdfs):
    """Truth of every sheet and the tasks that draw and scan them."""
    rng = np.random.default_rng(seed)
    people = {pid: int(rng.integers(2**31)) for pid in ids}
    sheets, tasks = {}, {}
    for session in prof["sessions"]:
        for k, pid in enumerate(ids):
            r = rng.random()
            mode = "blank" if r < prof["blank_sheets"] else "few" if r < prof["blank_sheets"] + prof["few_sheets"] else "normal"
            plan_seed = int(rng.integers(2**31))
            person = Person(people[pid], prof["pencil_share"])
            fields, marks, _, pen = plan_sheet(person, session, layout, key, np.random.default_rng(plan_seed), mode)
            w = person.writer
            sheets[(pid, session)] = {
                "participant_id": pid, "session": session, "no_research": fields.pop("no_research", ""),
                "fields": fields, "marks": marks, "mode": mode,
                "writer": {"id": pid, "seed": people[pid], "pen": pen.describe(), "size": w.size_class,
                           "slant": round(w.slant, 3), "align": w.align, "lead_zero": w.lead_zero,
                           "variants": {str(d): v for d, v in w.variants.items()}, "mark_style": person.habit["style"],
                           "box_style": person.habit["box_style"], "tags": w.style_tags()}}
            tasks[(pid, session)] = {"seed": seed, "pid": pid, "session": session, "person_seed": people[pid],
                                     "pencil_share": prof["pencil_share"], "plan_seed": plan_seed, "sheet_mode": mode,
                                     "key": key, "layout": layout, "pdf": pdfs[session], "pdf_first_page": 2 * k + 1,
                                     "captures": [None, None], "targets": [None, None]}
    return sheets, tasks, rng


def lay_out_files(rng, prof, tasks, layout, out, work):
    """Batches, files and per-page capture plans; returns (files, pages, multi-page jobs, missing)."""
    page_wh = tuple(layout["page_size_mm"])
    by_session = {s: [pid for (pid, ss) in tasks if ss == s] for s in prof["sessions"]}
    batches = stack.plan_batches(rng, by_session, prof)
    all_pages = [(b, pg) for b in batches for _, pgs in stack.scan_order(b) for pg in pgs]
    missing = set()
    if prof["missing_pages"]:
        for i in rng.choice(len(all_pages), size=prof["missing_pages"], replace=False):
            missing.add(all_pages[i][1])
    files, pages, jobs = [], [], []
    for bi, b in enumerate(batches):
        n_single = 0
        for fkey, pgs in stack.scan_order(b):
            pgs = [pg for pg in pgs if pg not in missing]
            if not pgs:
                continue
            single = fkey.startswith("single")
            n_single += single
            name = f"scan_{bi + 1:02d}" + (f"_{n_single:03d}" if single else "" if fkey == "duplex" else f"_{fkey}") \
                + "." + EXT[b["format"]]
            files.append(name)
            parts = []
            for idx, (pid, session, sp) in enumerate(pgs):
                t = tasks[(pid, session)]
                paper = t.setdefault("paper", stack.pick(rng, prof["papers"]))
                cap = stack.page_capture(rng, b, prof, page_wh, layout["pages"][sp - 1]["fiducials"], paper)
                target = os.path.join(out, name) if single else os.path.join(work, f"{name}.{idx}.part")
                if not single:
                    target += ".jpg" if b["format"] == "pdf" else ".npy"
                    parts.append(target)
                t["captures"][sp - 1], t["targets"][sp - 1] = cap, target
                t["format"], t["jpeg_quality"] = b["format"], b["jpeg_quality"]
                pages.append({"file": name, "page_index": idx, "participant_id": pid, "session": session,
                              "sheet_page": sp, "batch": bi + 1, "format": b["format"], "scanner": b["scanner"],
                              "two_pass": b["two_pass"], "cap": cap,
                              **({"jpeg_quality": b["jpeg_quality"]} if b["format"] in ("pdf", "jpeg") else {}),
                              **({"tiff_compression": b["tiff_compression"]} if b["format"] == "tiff" else {})})
            if not single:
                jobs.append((os.path.join(out, name), b["format"], parts, b["dpi"], b["colour"], b["tiff_compression"]))
    return files, pages, jobs, sorted(missing)


def page_truth(p, seen):
    cap = p.pop("cap")
    d = cap["degrade"]
    p.update({"rotation": cap["rotation"], "dpi": cap["dpi"], "colour": cap["colour"], "mode": cap["mode"],
              "mode_target": cap["target"],
              "skew_deg": round(cap["skew_deg"], 3), "scale": [round(v, 4) for v in cap["scale"]],
              "shift_mm": [round(v, 2) for v in cap["shift_mm"]], "crop_mm": [round(v, 2) for v in cap["crop_mm"]],
              "fold": cap["fold"], "lid_rgb": [round(v) for v in cap["lid_rgb"]], "paper": cap["paper"], "paper_rgb": [round(v) for v in cap["paper_rgb"]],
              "frame_mm": [round(v, 2) for v in cap["frame_mm"]], "blur_mm": round(d["blur_mm"], 3),
              "noise_sigma": round(d["noise"], 2), "gamma": round(d["gamma"], 3), "streaks": d["streaks"], **seen})
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quizscan", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--set", help="a fixed held-out set, e.g. main-a, pencil-a, shifted-a (see sets.py)")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--sheets", type=int, help="participants")
    ap.add_argument("--kind", choices=sorted(sets.KINDS), help="start from this set kind's mix")
    ap.add_argument("--sessions", help="pre,post (default) or one of them")
    ap.add_argument("--paper", choices=["letter", "a4"])
    ap.add_argument("--dpi", help="weights, e.g. 150=1,300=2")
    ap.add_argument("--formats", help="weights, e.g. pdf,png or pdf=2,tiff=1")
    ap.add_argument("--modes", help="page capture modes: normal,one-corner,two-corners,cut,fold with weights")
    ap.add_argument("--papers", help="white,cream,yellow,grey,blue,pink with weights")
    ap.add_argument("--pencil-share", type=float)
    ap.add_argument("--colour-share", type=float)
    ap.add_argument("--missing-pages", type=int)
    ap.add_argument("--form", default=os.path.join(ROOT, "forms", "mlsysim-quiz.yaml"))
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    name, seed, prof = profile_from_args(a)
    t0 = time.time()
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    work = os.path.join(out, ".work")
    os.makedirs(work)
    ids = quizform.make_ids(a.quizscan, prof["sheets"], os.path.join(out, "ids.txt"), seed)
    pdfs = {}
    for s in prof["sessions"]:
        pdfs[s] = os.path.join(work, f"print-{s}.pdf")
        quizform.print_sheets(a.quizscan, a.form, s, os.path.join(out, "ids.txt"), pdfs[s], prof["paper"])
    layout = quizform.layout(a.quizscan, a.form, prof["paper"])
    key = quizform.answer_key(a.form)
    sheets, tasks, rng = plan(seed, prof, ids, layout, key, pdfs)
    files, pages, jobs, missing = lay_out_files(rng, prof, tasks, layout, out, work)
    todo = [t for t in tasks.values() if any(t["captures"])]
    print(f"{name}: {len(todo)} sheets, {len(pages)} pages in {len(files)} files ({len(missing)} never scanned)",
          file=sys.stderr)
    with Pool(a.jobs) as pool:
        done = {}
        for r in pool.imap_unordered(sheet_task.run_sheet, todo):
            done[(r["pid"], r["session"])] = r
            if len(done) % 20 == 0:
                print(f"  {len(done)}/{len(todo)} sheets, {time.time() - t0:.0f} s", file=sys.stderr)
        list(pool.imap_unordered(sheet_task.assemble, jobs))
    for p in pages:
        page_truth(p, done[(p["participant_id"], p["session"])]["pages"][p["sheet_page"] - 1])
    for (pid, session), sh in sheets.items():
        sh["numbers"] = done[(pid, session)]["numbers"] if (pid, session) in done else {}
        for fid, info in sh["numbers"].items():
            if info["tags"]:
                sh["marks"][fid] += ";" + ",".join(info["tags"])
    truth = {"form": layout["form"], "layout_fingerprint": layout.get("layout_fingerprint"), "paper": prof["paper"],
             "generator": "scripts/heldout/make_stack.py", "set": name, "seed": seed,
             "args": {k: (v if not isinstance(v, dict) else {str(kk): vv for kk, vv in v.items()}) for k, v in prof.items()},
             "field_pages": {f["id"]: pg["page"] for pg in layout["pages"] for f in pg["fields"]},
             "files": files, "sheets": list(sheets.values()), "pages": pages,
             "missing_pages": [{"participant_id": p, "session": s, "sheet_page": sp} for p, s, sp in missing]}
    with open(os.path.join(out, "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)
    shutil.rmtree(work)
    print(f"{name}: wrote {len(files)} files, {len(pages)} pages to {out} in {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()

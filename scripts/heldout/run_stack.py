#!/usr/bin/python3
"""Runs quizscan on one held-out page stack and measures it against the truth: scan, export,
compare (before review); then answer every review item from the truth, apply, repeat while new
items appear (writer follow-ups), export again and compare (after review). Writes WORK/result.json.

  run_stack.py --quizscan BIN --stack DIR --work DIR [--jobs 2]
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import answer_review  # noqa: E402
import compare  # noqa: E402


def run(cmd, log, check=True):
    with open(log, "a") as f:
        f.write("$ " + " ".join(cmd) + "\n")
        f.flush()
        r = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT)
    if check and r.returncode != 0:
        raise SystemExit(f"failed ({r.returncode}): {' '.join(cmd)}; see {log}")
    return r.returncode


def export_rows(qs, db, out, log):
    if os.path.exists(out):
        shutil.rmtree(out)
    run([qs, "export", "--db", db, "--out", out], log)
    return {(r["participant_id"], r["session"]): r for r in csv.DictReader(open(os.path.join(out, "responses.csv"), newline=""))}


def queue(qs, db, path):
    with open(path, "w") as f:
        subprocess.run([qs, "review", "--db", db, "--list"], stdout=f, check=True)
    return list(csv.DictReader(open(path, newline="")))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quizscan", required=True)
    ap.add_argument("--stack", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--examples", type=int, default=0, help="keep up to N fields that differ after review (debugging)")
    a = ap.parse_args(argv)
    qs, work = os.path.abspath(a.quizscan), os.path.abspath(a.work)
    if os.path.exists(work):
        shutil.rmtree(work)
    os.makedirs(work)
    log = os.path.join(work, "log.txt")
    truth = json.load(open(os.path.join(a.stack, "truth.json")))
    db = os.path.join(work, "quiz.db")
    inputs = [os.path.join(a.stack, f) for f in truth["files"]]
    t0 = time.time()
    scan_rc = run([qs, "scan", "--db", db, "--ids", os.path.join(a.stack, "ids.txt"), "--jobs", str(a.jobs)] + inputs,
                  log, check=False)
    scan_s = time.time() - t0
    before = compare.compare(truth, export_rows(qs, db, os.path.join(work, "export-before"), log))
    items0 = queue(qs, db, os.path.join(work, "queue-0.csv"))
    rounds, answered = [], Counter()
    for k in range(1, 10):
        qpath = os.path.join(work, f"queue-{k}.csv")
        items = queue(qs, db, qpath)
        if not items:
            break
        # page identities first: once a page is known, its other items follow it
        kinds = {"page_identity"} if any(i["kind"] == "page_identity" for i in items) else None
        corr = os.path.join(work, f"corrections-{k}.csv")
        n = answer_review.main(os.path.join(a.stack, "truth.json"), qpath, corr, kinds)
        if n == 0:
            break
        run([qs, "review", "--db", db, "--apply", corr], log)
        rounds.append({"open": len(items), "answered": n})
        answered.update(i["kind"] for i in items if not kinds or i["kind"] in kinds)
    left = queue(qs, db, os.path.join(work, "queue-left.csv"))
    after = compare.compare(truth, export_rows(qs, db, os.path.join(work, "export-after"), log), after=True,
                            examples=a.examples)
    result = {"stack": os.path.abspath(a.stack), "set": truth.get("set"), "pages": len(truth["pages"]),
              "files": len(truth["files"]), "scan_exit": scan_rc, "scan_seconds": round(scan_s, 1),
              "queue_initial": dict(Counter(i["kind"] for i in items0)), "review_rounds": rounds,
              "items_answered_by_kind": dict(answered), "left_open": dict(Counter(i["kind"] for i in left)),
              "before": before, "after": after}
    json.dump(result, open(os.path.join(work, "result.json"), "w"), indent=1)
    print(f"{truth.get('set')}: scanned {len(truth['pages'])} pages in {scan_s:.0f} s (exit {scan_rc}); "
          f"review: {sum(r['answered'] for r in rounds)} items answered in {len(rounds)} rounds, {len(left)} left open")
    compare.report(before, conditions_shown=False)
    compare.report(after, conditions_shown=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

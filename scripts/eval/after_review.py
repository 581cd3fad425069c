#!/usr/bin/env python3
"""Plays the person at the review page until the queue is empty, answering every item from a
synthetic set's truth.json (answer_queue.py), then checks that review can always finish: the
export equals the truth for every sheet, and nothing is pending but fields of pages that were
never scanned. Exit status 1 when it does not.

Usage: after_review.py QUIZSCAN DB truth.json WORKDIR
"""
import csv
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw).stdout


def answer_all(quizscan, db, truth_path, work):
    """Rounds of list / answer / apply (answering a number may add the writer's follow-ups)."""
    answered = 0
    for rnd in range(6):
        queue = os.path.join(work, f"queue-{rnd}.csv")
        with open(queue, "w") as f:
            f.write(run([quizscan, "review", "--db", db, "--list"]))
        rows = list(csv.DictReader(open(queue, newline="")))
        if not rows:
            return answered, 0
        answers = os.path.join(work, f"answers-{rnd}.csv")
        run([sys.executable, os.path.join(HERE, "answer_queue.py"), truth_path, queue, answers])
        run([quizscan, "review", "--db", db, "--apply", answers])
        answered += len(rows)
    rows = list(csv.DictReader(open(queue, newline="")))
    return answered, len(rows)


def main(quizscan, db, truth_path, work):
    os.makedirs(work, exist_ok=True)
    answered, still_open = answer_all(quizscan, db, truth_path, work)
    export = os.path.join(work, "export")
    run([quizscan, "export", "--db", db, "--out", export])
    truth = json.load(open(truth_path))
    rows = {(r["participant_id"], r["session"]): r for r in csv.DictReader(open(os.path.join(export, "responses.csv"), newline=""))}
    scanned = {(p["participant_id"], p["session"], p["sheet_page"]) for p in truth["pages"]}
    wrong, pending, missing = [], [], []
    for sheet in truth["sheets"]:
        key = (sheet["participant_id"], sheet["session"])
        row = rows.get(key)
        if row is None:
            missing.append(key)
            continue
        want = dict(sheet["fields"], no_research=sheet["no_research"])
        for field, value in want.items():
            if field in set(filter(None, row["pending"].split(";"))):
                pending.append(f"{key[0]}/{key[1]} {field}")
            elif row[field] != value:
                wrong.append(f"{key[0]}/{key[1]} {field}: exported {row[field]!r}, truth {value!r}")
    complete = all((s["participant_id"], s["session"], p) in scanned for s in truth["sheets"] for p in (1, 2))
    print(f"review items answered: {answered}; still open: {still_open}")
    print(f"after review: {len(truth['sheets'])} sheets, {len(wrong)} fields differ from the truth, "
          f"{len(pending)} pending, {len(missing)} sheets not exported")
    for w in (wrong + pending)[:15]:
        print("  ", w)
    bad = still_open or wrong or missing or (pending and complete)
    print("review can finish: " + ("NO" if bad else "yes"))
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:5]))

#!/usr/bin/env python3
"""Compares quizscan's responses.csv with a synthetic set's truth.json.

Prints, per field kind, how many values were accepted automatically, how many of those
are wrong (the number that matters), and how many wait for review. Exit status 1 when a
choice field was auto-accepted with a wrong value or a sheet was not identified, so
tests and benchmarks can rely on it. Usage: compare_truth.py truth.json responses.csv
"""
import csv
import json
import sys


def main(truth_path, csv_path):
    truth = json.load(open(truth_path))
    rows = {(r["participant_id"], r["session"]): r for r in csv.DictReader(open(csv_path, newline=""))}
    stats = {}
    wrong_examples = []
    missing = []
    for sheet in truth["sheets"]:
        key = (sheet["participant_id"], sheet["session"])
        row = rows.get(key)
        if row is None:
            missing.append(key)
            continue
        pending = set(filter(None, row["pending"].split(";")))
        fields = dict(sheet["fields"])
        fields["no_research"] = sheet["no_research"]
        for field, want in fields.items():
            kind = "number" if field.startswith(("q6_", "q7_")) else "checkbox" if field == "no_research" else "choice"
            s = stats.setdefault(kind, {"fields": 0, "auto": 0, "wrong": 0, "review": 0})
            s["fields"] += 1
            if field in pending:
                s["review"] += 1
                continue
            s["auto"] += 1
            if row[field] != want:
                s["wrong"] += 1
                if len(wrong_examples) < 15:
                    wrong_examples.append(f"{key[0]}/{key[1]} {field}: read {row[field]!r}, truth {want!r} ({sheet['marks'].get(field, '')})")
    print(f"sheets: {len(truth['sheets'])} in truth, {len(rows)} exported, {len(missing)} not found")
    print(f"{'kind':10} {'fields':>7} {'auto':>7} {'wrong':>6} {'review':>7} {'review%':>8} {'err% of auto':>13}")
    for kind, s in sorted(stats.items()):
        err = 100.0 * s["wrong"] / s["auto"] if s["auto"] else 0.0
        print(f"{kind:10} {s['fields']:7} {s['auto']:7} {s['wrong']:6} {s['review']:7} {100.0 * s['review'] / s['fields']:7.1f}% {err:12.2f}%")
    total = sum(s["fields"] for s in stats.values())
    review = sum(s["review"] for s in stats.values())
    print(f"all fields: {total}, sent to review: {review} ({100.0 * review / max(total, 1):.1f}%)")
    for w in wrong_examples:
        print("  wrong:", w)
    for m in missing[:10]:
        print("  not found:", m)
    bad = missing or stats.get("choice", {}).get("wrong", 0) or stats.get("checkbox", {}).get("wrong", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))

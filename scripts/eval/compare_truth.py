#!/usr/bin/env python3
"""Compares quizscan's responses.csv with a synthetic set's truth.json.

Prints, per field kind, how many values were accepted automatically, how many of those
are wrong (the number that matters), and how many wait for review. Exit status 1 when a
choice field was auto-accepted with a wrong value or a sheet was not identified, so
tests and benchmarks can rely on it. Usage: compare_truth.py truth.json responses.csv [--by-tool]
(--by-tool: the same table again for each writing tool of the truth's marks: pen, pencil, light).
"""
import csv
import json
import sys


def tool_of(sheet):
    """The writer's tool, from how their answers were written ('b:light-check' -> 'light')."""
    for field, how in sheet["marks"].items():
        first = how.split(";")[0]
        if ":" in first:
            return first.split(",")[0].split(":")[1].split("-")[0]
        if field.startswith(("q6_", "q7_")) and first != "blank":
            return first.split("-")[1]
    return "?"


def print_table(stats):
    print(f"{'kind':10} {'fields':>7} {'auto':>7} {'wrong':>6} {'review':>7} {'review%':>8} {'err% of auto':>13}")
    for kind, s in sorted(stats.items()):
        err = 100.0 * s["wrong"] / s["auto"] if s["auto"] else 0.0
        print(f"{kind:10} {s['fields']:7} {s['auto']:7} {s['wrong']:6} {s['review']:7} {100.0 * s['review'] / s['fields']:7.1f}% {err:12.2f}%")


def main(truth_path, csv_path, by_tool=False):
    truth = json.load(open(truth_path))
    rows = {(r["participant_id"], r["session"]): r for r in csv.DictReader(open(csv_path, newline=""))}
    stats = {}
    tools = {}
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
            per_tool = tools.setdefault(tool_of(sheet), {})
            both = [stats.setdefault(kind, {"fields": 0, "auto": 0, "wrong": 0, "review": 0}),
                    per_tool.setdefault(kind, {"fields": 0, "auto": 0, "wrong": 0, "review": 0})]
            for s in both:
                s["fields"] += 1
            if field in pending:
                for s in both:
                    s["review"] += 1
                continue
            for s in both:
                s["auto"] += 1
            if row[field] != want:
                for s in both:
                    s["wrong"] += 1
                if len(wrong_examples) < 15:
                    wrong_examples.append(f"{key[0]}/{key[1]} {field}: read {row[field]!r}, truth {want!r} ({sheet['marks'].get(field, '')})")
    print(f"sheets: {len(truth['sheets'])} in truth, {len(rows)} exported, {len(missing)} not found")
    print_table(stats)
    total = sum(s["fields"] for s in stats.values())
    review = sum(s["review"] for s in stats.values())
    print(f"all fields: {total}, sent to review: {review} ({100.0 * review / max(total, 1):.1f}%)")
    for w in wrong_examples:
        print("  wrong:", w)
    for m in missing[:10]:
        print("  not found:", m)
    if by_tool:
        for tool, per_tool in sorted(tools.items()):
            print(f"writers with {tool}: {sum(1 for sh in truth['sheets'] if tool_of(sh) == tool)} sheets")
            print_table(per_tool)
    bad = missing or stats.get("choice", {}).get("wrong", 0) or stats.get("checkbox", {}).get("wrong", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], "--by-tool" in sys.argv[3:]))

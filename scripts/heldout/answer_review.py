#!/usr/bin/python3
"""The person at the review page, for held-out stacks: answers every open item of the queue
(`quizscan review --list` CSV) from truth.json, as corrections for `quizscan review --apply`.

Choice, number and NO RESEARCH items get the truth's value ("-" for blank), found by the item's
participant and session, or (an item without them) by the page it shows; a page_answers item (a page
keyed whole) every field its guess lists, from the same sheet; a page_identity item gets
PARTICIPANT/SESSION/PAGE of the page at that file and index (or not-a-form); a sheet_missing item
gets "rescan" when the truth says that page was never scanned (otherwise the page is in the stack:
the person cannot say "rescan" truthfully, and the item stays open). With --kinds, only items of
those kinds are answered (page identities first, as a person resolving them first would). Items
left are counted by kind. Prints one line.

  answer_review.py truth.json queue.csv corrections.csv [--kinds page_identity,...]
"""
import csv
import json
import os
import sys
from collections import Counter


def answer(truth, item, sheets, pages):
    kind = item["kind"]
    src = os.path.basename(item["source"])
    page = pages.get((src, int(item["page_index"] or 1) - 1))
    if kind in ("choice", "number", "checkbox"):
        sheet = sheets.get((item["participant_id"], item["session"]))
        if sheet is None and page is not None and not item["participant_id"]:
            sheet = sheets.get((page["participant_id"], page["session"]))
        if sheet is None:
            return None
        v = sheet["no_research"] if item["field"] == "no_research" else sheet["fields"].get(item["field"])
        return None if v is None else (v or "-")
    if kind == "page_answers":  # a page keyed from the paper: its guess lists the fields ("q1=a;q2=;no_research=")
        sheet = sheets.get((item["participant_id"], item["session"]))
        if sheet is None:
            return None
        answers = dict(sheet["fields"], no_research=sheet["no_research"])
        fields = [part.split("=")[0] for part in item["guess"].split(";") if part]
        return ";".join(f"{f}={answers.get(f) or ''}" for f in fields)
    if kind == "page_identity":
        return f"{page['participant_id']}/{page['session']}/{page['sheet_page']}" if page else "not-a-form"
    if kind == "sheet_missing":
        missing = {(m["participant_id"], m["session"], f"page{m['sheet_page']}") for m in truth.get("missing_pages", [])}
        return "rescan" if (item["participant_id"], item["session"], item["field"]) in missing else None
    return None


def main(truth_path, queue_path, out_path, kinds=None):
    truth = json.load(open(truth_path))
    sheets = {(s["participant_id"], s["session"]): s for s in truth["sheets"]}
    pages = {(p["file"], p["page_index"]): p for p in truth["pages"]}
    done, left = Counter(), Counter()
    with open(out_path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["item_id", "value"])
        for item in csv.DictReader(open(queue_path, newline="")):
            if kinds and item["kind"] not in kinds:
                continue
            v = answer(truth, item, sheets, pages)
            if v is None:
                left[item["kind"]] += 1
                continue
            w.writerow([item["item_id"], v])
            done[item["kind"]] += 1
    print("answered " + (", ".join(f"{k} {n}" for k, n in sorted(done.items())) or "nothing") +
          ("; unanswerable " + ", ".join(f"{k} {n}" for k, n in sorted(left.items())) if left else ""))
    return sum(done.values())


if __name__ == "__main__":
    args = sys.argv[1:]
    only = None
    if "--kinds" in args:
        i = args.index("--kinds")
        only = set(args[i + 1].split(","))
        del args[i:i + 2]
    sys.exit(main(*args[:3], kinds=only))

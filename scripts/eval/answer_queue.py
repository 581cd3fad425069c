#!/usr/bin/env python3
"""Demo stand-in for the person at the review page: answers the review queue (the CSV of
`quizscan review --list`) from a synthetic set's truth.json, writing the corrections CSV that
`quizscan review --apply` takes. Only for the bundled samples, whose truth is known.
Usage: answer_queue.py truth.json queue.csv corrections.csv
"""
import csv
import json
import sys


def main(truth_path, queue_path, out_path):
    truth = json.load(open(truth_path))
    sheets = {(s["participant_id"], s["session"]): s for s in truth["sheets"]}
    pages = {(p["file"], p["page_index"] + 1): p for p in truth["pages"]}  # truth counts pages from 0
    answered = 0
    with open(out_path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["item_id", "value"])
        for item in csv.DictReader(open(queue_path, newline="")):
            kind, value = item["kind"], None
            if kind in ("choice", "number", "checkbox"):
                who = (item["participant_id"], item["session"])
                if not item["participant_id"]:  # a page identified in review: the queue lists it as scanned
                    p = pages.get((item["source"], int(item["page_index"] or 0)))
                    who = (p["participant_id"], p["session"]) if p else who
                sheet = sheets.get(who)
                if sheet:
                    value = sheet["no_research"] if item["field"] == "no_research" else sheet["fields"].get(item["field"])
            elif kind == "page_identity":
                p = pages.get((item["source"], int(item["page_index"] or 0)))
                value = f"{p['participant_id']}/{p['session']}/{p['sheet_page']}" if p else "not-a-form"
            elif kind == "sheet_missing":
                value = "rescan"
            elif kind == "page_answers":  # the guess lists the page's fields: "q1=a;q2=;no_research="
                sheet = sheets.get((item["participant_id"], item["session"]))
                if sheet:
                    answers = dict(sheet["fields"], no_research=sheet["no_research"])
                    fields = [part.split("=")[0] for part in item["guess"].split(";") if part]
                    value = ";".join(f"{f}={answers.get(f, '')}" for f in fields)
            if value is not None:
                w.writerow([item["item_id"], value if value != "" else "-"])  # "-" records a blank
                answered += 1
    print(f"answered {answered} review items from {truth_path}")


if __name__ == "__main__":
    main(*sys.argv[1:4])

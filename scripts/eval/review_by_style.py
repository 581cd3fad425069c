#!/usr/bin/env python3
"""Where the choice and NO RESEARCH review items of a synthetic stack come from: by true mark style,
by writing tool, and by the reader's reason. Reads truth.json (make_scans.py) and the scan database.

Usage: review_by_style.py truth.json scan.db [--by tool|style|reason|tool-style] [--list STYLE]
A field is `review` when its reading needs review (or the page was not read), `wrong` when it was
accepted with a value other than the truth's. Style: the first mark's style (`two` for two marks,
`blank`), `+erasure` / `+dot` when the truth has those beside it.
"""
import argparse
import collections
import json
import sqlite3

from compare_truth import tool_of  # the writer's tool, read the same way as the accuracy tables


def style_of(how):
    parts = how.split(";")
    marks = [m for m in parts[0].split(",") if ":" in m]
    if parts[0].startswith("blank"):
        s = "blank"
    elif len(marks) > 1:
        s = "two"
    elif marks:
        s = marks[0].split(":")[1].split("-", 1)[1]
    else:  # the box: tool-style
        s = parts[0].split("-", 1)[1]
    extra = [e.split("@")[0] for e in parts[1:] if "@" in e]
    return s + "".join("+" + e for e in extra)


def rows(truth, db):
    con = sqlite3.connect(db)
    got = {}
    for pid, sess, field, kind, value, conf, review in con.execute(
            "SELECT p.participant, p.session, r.field, r.kind, r.value, r.confidence, r.needs_review "
            "FROM readings r JOIN pages p ON p.id = r.page_id WHERE r.kind IN ('choice', 'checkbox')"):
        got[(pid, sess, field)] = (value, conf, review)
    reasons = {(pid, sess, field): reason for pid, sess, field, reason in con.execute(
        "SELECT participant, session, field, reason FROM review_items WHERE kind IN ('choice', 'checkbox')")}
    for sheet in truth["sheets"]:
        tool = tool_of(sheet)
        fields = {k: v for k, v in sheet["fields"].items() if not k.startswith(("q6_", "q7_"))}
        fields["no_research"] = sheet["no_research"]
        for fid, want in fields.items():
            key = (sheet["participant_id"], sheet["session"], fid)
            value, conf, review = got.get(key, (None, 0, 1))
            reason = reasons.get(key, "not read" if value is None else "")
            reason = reason.split(" (")[0].split(" on ")[0].split(" in the")[0]
            if value is not None and fid == "no_research":
                value = "yes" if value in ("yes", "1", "x") else value
            yield {"tool": tool, "style": ("box:" if fid == "no_research" else "") + style_of(sheet["marks"][fid]),
                   "field": fid, "want": want, "got": value, "review": bool(review), "reason": reason,
                   "wrong": not review and value is not None and value != want, "who": key}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("truth")
    ap.add_argument("db")
    ap.add_argument("--by", default="style", choices=["tool", "style", "reason", "tool-style", "style-reason"])
    ap.add_argument("--list", help="print each field of this style")
    a = ap.parse_args()
    truth = json.load(open(a.truth))
    table = collections.defaultdict(lambda: [0, 0, 0])
    for r in rows(truth, a.db):
        key = {"tool": r["tool"], "style": r["style"], "reason": r["reason"] if r["review"] else "(auto)",
               "tool-style": f"{r['tool']} {r['style']}", "style-reason": f"{r['style']} | {r['reason']}"}[a.by]
        t = table[key]
        t[0] += 1
        t[1] += r["review"]
        t[2] += r["wrong"]
        if a.list and r["style"] == a.list:
            print(r["who"], r["want"], r["got"], r["review"], r["reason"])
    print(f"{a.by:44} {'fields':>6} {'review':>6} {'review%':>7} {'wrong':>5}")
    for k, (n, rv, w) in sorted(table.items(), key=lambda kv: -kv[1][1]):
        print(f"{k:44} {n:6} {rv:6} {100.0 * rv / n:6.1f}% {w:5}")
    tot = [sum(t[i] for t in table.values()) for i in range(3)]
    print(f"{'total':44} {tot[0]:6} {tot[1]:6} {100.0 * tot[1] / max(1, tot[0]):6.1f}% {tot[2]:5}")


if __name__ == "__main__":
    main()

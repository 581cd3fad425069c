#!/usr/bin/python3
"""Compares quizscan's responses.csv with a held-out stack's truth.json.

Before review: per field kind, how many were auto-accepted, how many of those are wrong, how many
were sent to review; numbers whose auto-accepted value lost a written digit counted apart; the
same broken down by writer tool and style and by capture condition. After review (--after): does
the export equal the truth on every sheet whose pages were all scanned, and is nothing pending but
the fields of pages never scanned?

  compare.py truth.json responses.csv [--after] [--json OUT] [--examples N]
"""
import argparse
import csv
import json
import sys
from collections import defaultdict

from interval import pct, pct_ci


def kind_of(field):
    return "number" if field.startswith(("q6_", "q7_")) else "checkbox" if field == "no_research" else "choice"


def digits(v):
    return sum(ch.isdigit() for ch in v)


def field_page(truth, field):
    return truth.get("field_pages", {}).get(field, 1 if field in ("no_research", "q1", "q2", "q3", "q4", "q5") else 2)


def conditions(truth, sheet, field, page):
    """Labels of the conditions a field was written and captured under (for breakdowns)."""
    w = sheet["writer"]
    pen = w["pen"]["tool"]
    c = [f"tool={pen}", f"paper={page['paper']}", f"scan={'colour' if page['colour'] else 'grey'}",
         f"dpi={page['dpi']}", f"page={page['mode']}", f"format={page['format']}"]
    if field in page.get("fields_cut", []):
        c.append("field=cut-off")
    if kind_of(field) == "number":
        c.append(f"size={w['size']}")
        c += [f"writer={t}" for t in w.get("tags", []) if not t.startswith("size-")]
        info = sheet.get("numbers", {}).get(field, {})
        tags = {t.split("@")[0] for t in info.get("tags", [])}
        c += [f"digit={t}" for t in sorted(tags)]
        if ";no-lead-zero" in sheet["marks"].get(field, "") or "no-lead-zero" in info.get("tags", []):
            c.append("number=no-lead-zero")
    elif kind_of(field) == "choice":
        styles = {m.split(":")[1].split("-")[-1] for m in sheet["marks"][field].split(";")[0].split(",") if ":" in m}
        c += [f"mark={s}" for s in sorted(styles)] or ["mark=blank"]
        if len(sheet["fields"][field]) > 1:
            c.append("mark=double")
        extras = sheet["marks"][field].split(";")[1:]
        c += [f"extra={e.split('@')[0]}" for e in extras if not e.startswith(("over", "across", "outside"))]
    else:
        c.append(f"box={'ticked' if sheet['no_research'] else 'blank'}")
    return c


def compare(truth, rows, after=False, examples=0):
    pages = {(p["participant_id"], p["session"], p["sheet_page"]): p for p in truth["pages"]}
    kinds = defaultdict(lambda: defaultdict(int))
    by_cond = defaultdict(lambda: defaultdict(int))
    out = {"sheets": len(truth["sheets"]), "not_exported": 0, "examples": [], "after": after}
    bad_sheets = set()
    for sheet in truth["sheets"]:
        key = (sheet["participant_id"], sheet["session"])
        row = rows.get(key)
        if row is None:
            out["not_exported"] += 1
            bad_sheets.add(key)
            continue
        pending = set(filter(None, row.get("pending", "").split(";")))
        want_all = dict(sheet["fields"], no_research=sheet["no_research"])
        for field, want in want_all.items():
            kind = kind_of(field)
            s = kinds[kind]
            page = pages.get((key[0], key[1], field_page(truth, field)))
            if page is None:  # never scanned: must stay pending
                s["unscanned"] += 1
                if field not in pending:
                    s["unscanned_not_pending"] += 1
                    bad_sheets.add(key)
                continue
            s["fields"] += 1
            conds = conditions(truth, sheet, field, page)
            got = row.get(field, "")
            if field in pending:
                s["review"] += 1
                for c in conds:
                    by_cond[(kind, c)]["review"] += 1
                    by_cond[(kind, c)]["fields"] += 1
                if after:
                    bad_sheets.add(key)
                    if len(out["examples"]) < examples:
                        out["examples"].append(f"{key[0]}/{key[1]} {field}: still pending after review")
                continue
            s["auto"] += 1
            wrong = got != want
            lost = kind == "number" and wrong and digits(got) < digits(want)
            s["wrong"] += wrong
            s["lost_digit"] += lost
            for c in conds:
                d = by_cond[(kind, c)]
                d["fields"] += 1
                d["auto"] += 1
                d["wrong"] += wrong
                d["lost_digit"] += lost
            if wrong:
                bad_sheets.add(key)
                if len(out["examples"]) < examples:
                    out["examples"].append(f"{key[0]}/{key[1]} {field}: read {got!r}, truth {want!r} ({sheet['marks'].get(field, '')})")
    out["kinds"] = {k: dict(v) for k, v in kinds.items()}
    out["conditions"] = {f"{k}|{c}": dict(v) for (k, c), v in sorted(by_cond.items())}
    out["sheets_not_equal"] = len(bad_sheets)
    return out


def report(res, conditions_shown=True):
    print(f"sheets: {res['sheets']} in truth, {res['not_exported']} not in the export")
    print(f"{'kind':9} {'fields':>6} {'auto':>6} {'wrong':>6} {'wrong% of auto (95%)':>24} {'lost digit':>10} "
          f"{'review':>7} {'review%':>8} {'unscanned':>9}")
    for kind in ("choice", "checkbox", "number"):
        s = res["kinds"].get(kind, {})
        n, a, w = s.get("fields", 0), s.get("auto", 0), s.get("wrong", 0)
        print(f"{kind:9} {n:6} {a:6} {w:6} {pct_ci(w, a):>24} {s.get('lost_digit', 0):10} {s.get('review', 0):7} "
              f"{pct(s.get('review', 0), n):>8} {s.get('unscanned', 0):9}")
    if res["after"]:
        print(f"after review: {res['sheets_not_equal']} sheets differ from the truth or hold unexpected pending fields")
    if conditions_shown:
        print("by condition (kind | condition: fields, auto-accepted, wrong among auto, lost digits, to review):")
        for key, d in res["conditions"].items():
            print(f"  {key:42} {d.get('fields', 0):6} {d.get('auto', 0):6} {d.get('wrong', 0):4} "
                  f"{d.get('lost_digit', 0):3} {pct(d.get('review', 0), d.get('fields', 0)):>7}")
    for e in res["examples"]:
        print("  example:", e)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("truth")
    ap.add_argument("responses")
    ap.add_argument("--after", action="store_true", help="after every review item was answered")
    ap.add_argument("--json", help="write the counts here")
    ap.add_argument("--examples", type=int, default=0, help="print up to N wrong fields (for debugging the generator)")
    ap.add_argument("--quiet", action="store_true", help="no per-condition table")
    a = ap.parse_args(argv)
    truth = json.load(open(a.truth))
    rows = {(r["participant_id"], r["session"]): r for r in csv.DictReader(open(a.responses, newline=""))}
    res = compare(truth, rows, a.after, a.examples)
    report(res, not a.quiet)
    if a.json:
        json.dump(res, open(a.json, "w"), indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

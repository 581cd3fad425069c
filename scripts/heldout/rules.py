#!/usr/bin/python3
"""The pass rules of docs/heldout.md, applied to one round's results (run_stack.py result.json of
each page stack, digits_report.py JSON of the crop-level set). Prints PASS/FAIL per rule and the
tables; --doc FILE replaces the "Held-out stacks" section of docs/benchmarks.md with them.

  rules.py --stacks R1.json R2.json ... --digits D.json [--doc docs/benchmarks.md --command CMD --note TEXT]
"""
import argparse
import json
import re
import sys
from collections import defaultdict

from interval import interval95, pct, pct_ci

MAX_WRONG_NUMBERS = 0.003
MIN_AUTO_NUMBERS = 0.85
KINDS = (("choice", "choice (Q1-5, Q8-10)"), ("checkbox", "NO RESEARCH box"), ("number", "handwritten number"))
# capture and writer conditions shown in the document (kind | condition)
DOC_CONDITIONS = ("tool=", "scan=", "paper=", "page=", "dpi=", "field=cut-off")


def rule_lines(stacks, digits):
    """[(rule, passed, figures)] as docs/heldout.md words them."""
    out = []
    tot = defaultdict(int)
    for r in stacks:
        for k, v in r["before"]["kinds"].get("number", {}).items():
            tot[k] += v
    n, a, w, lost = tot["fields"], tot["auto"], tot["wrong"], tot["lost_digit"]
    lo, hi = interval95(w, a)
    alo, ahi = interval95(a, n)
    out.append(("N1 page stacks: wrong among auto-accepted numbers <= 0.3%", a > 0 and w / a <= MAX_WRONG_NUMBERS,
                f"{w} of {a} = {pct(w, a, 2)} (95% {100 * lo:.2f}-{100 * hi:.2f}%)"))
    out.append(("N2 page stacks: auto-accepted numbers >= 85%", n > 0 and a / n >= MIN_AUTO_NUMBERS,
                f"{a} of {n} = {pct(a, n)} (95% {100 * alo:.1f}-{100 * ahi:.1f}%)"))
    if digits:
        dn, da, dw = digits["numbers"], digits["auto"], digits["wrong"]
        lo, hi = digits["wrong_interval95"]
        alo, ahi = digits["auto_interval95"]
        out.append(("N1 crop set: wrong among auto-accepted numbers <= 0.3%", da > 0 and dw / da <= MAX_WRONG_NUMBERS,
                    f"{dw} of {da} = {pct(dw, da, 2)} (95% {100 * lo:.2f}-{100 * hi:.2f}%)"))
        out.append(("N2 crop set: auto-accepted numbers >= 85%", dn > 0 and da / dn >= MIN_AUTO_NUMBERS,
                    f"{da} of {dn} = {pct(da, dn)} (95% {100 * alo:.1f}-{100 * ahi:.1f}%)"))
        lost += digits["lost_digit"]
    out.append(("N3 no written digit silently lost among auto-accepted numbers", lost == 0,
                f"{lost} numbers lost a digit" + (" (page stacks and crop set)" if digits else "")))
    for r in stacks:
        name = r["set"]
        k = r["before"]["kinds"]
        cw, nw = k.get("choice", {}).get("wrong", 0), k.get("checkbox", {}).get("wrong", 0)
        out.append((f"C {name}: 0 wrong among auto-accepted choices and NO RESEARCH boxes", cw == 0 and nw == 0,
                    f"choices {cw} wrong of {k.get('choice', {}).get('auto', 0)}, boxes {nw} wrong of "
                    f"{k.get('checkbox', {}).get('auto', 0)}; to review: choices "
                    f"{pct(k.get('choice', {}).get('review', 0), k.get('choice', {}).get('fields', 0))}, boxes "
                    f"{pct(k.get('checkbox', {}).get('review', 0), k.get('checkbox', {}).get('fields', 0))}"))
        aft = r["after"]
        pend = sum(v.get("review", 0) for v in aft["kinds"].values())
        unsc = sum(v.get("unscanned_not_pending", 0) for v in aft["kinds"].values())
        left = sum(r["left_open"].values())
        ok = aft["sheets_not_equal"] == 0 and aft["not_exported"] == 0 and left == 0
        out.append((f"P {name}: after review the export equals the truth, nothing else pending", ok,
                    f"{aft['sheets_not_equal']} of {aft['sheets']} sheets differ ({pend} fields still pending, "
                    f"{sum(v.get('wrong', 0) for v in aft['kinds'].values())} wrong, {unsc} never-scanned not pending, "
                    f"{aft['not_exported']} sheets missing); {left} review items left open"
                    + (f" ({', '.join(f'{k} {v}' for k, v in r['left_open'].items())})" if left else "")))
    return out


def stack_table(r):
    lines = ["| field kind | fields | auto-accepted | wrong among auto-accepted (95% interval) | lost digit | sent to review |",
             "|---|---|---|---|---|---|"]
    for kind, label in KINDS:
        s = r["before"]["kinds"].get(kind, {})
        n, a, w = s.get("fields", 0), s.get("auto", 0), s.get("wrong", 0)
        lost = s.get("lost_digit", 0) if kind == "number" else "-"
        lines.append(f"| {label} | {n} | {a} | {w}: {pct_ci(w, a)} | {lost} | {pct(s.get('review', 0), n)} |")
    return lines


def condition_table(stacks):
    agg = defaultdict(lambda: defaultdict(int))
    for r in stacks:
        for key, d in r["before"]["conditions"].items():
            kind, cond = key.split("|", 1)
            if cond.startswith(DOC_CONDITIONS):
                for f, v in d.items():
                    agg[(cond, kind)][f] += v
    lines = ["| condition | choices: fields, wrong/auto, review | boxes: fields, wrong/auto, review | numbers: fields, wrong/auto, review |",
             "|---|---|---|---|"]
    for cond in sorted({c for c, _ in agg}):
        cells = []
        for kind in ("choice", "checkbox", "number"):
            d = agg.get((cond, kind))
            cells.append(f"{d['fields']}, {d['wrong']}/{d['auto']}, {pct(d['review'], d['fields'])}" if d else "-")
        lines.append(f"| {cond} | " + " | ".join(cells) + " |")
    return lines


def digits_table(d):
    lines = ["| condition | numbers | auto-accepted | wrong among auto-accepted | lost digit |", "|---|---|---|---|---|"]
    for g, c in d["groups"].items():
        if g.startswith(("tool=", "size=", "dpi=", "writer=", "digits=")):
            lines.append(f"| {g} | {c['numbers']} | {pct(c['auto'], c['numbers'])} | {c['wrong']}: {pct(c['wrong'], c['auto'], 2)} "
                         f"| {c['lost_digit']} |")
    return lines


def section(rules, stacks, digits, command, note):
    out = ["## Held-out stacks (`scripts/bench-heldout`)", ""]
    out += [note, ""] if note else []
    out += [f"Command: `{command}`. Sets and rules: `docs/heldout.md` (written before the first run). "
            "Only aggregate figures are published here; the generator and its sets are used for no decision.", ""]
    out += ["| rule | result | figures |", "|---|---|---|"]
    out += [f"| {name} | **{'PASS' if ok else 'FAIL'}** | {fig} |" for name, ok, fig in rules]
    for r in stacks:
        out += ["", f"**{r['set']}** ({r['pages']} pages in {r['files']} files; scan {r['scan_seconds']:.0f} s, exit {r['scan_exit']}; "
                f"review: {sum(x['answered'] for x in r['review_rounds'])} items answered in {len(r['review_rounds'])} rounds), "
                "before review:", ""]
        out += stack_table(r)
    out += ["", "Page stacks pooled, by condition (fields, wrong among auto-accepted / auto-accepted, sent to review):", ""]
    out += condition_table(stacks)
    if digits:
        out += ["", f"**Crop-level number set** ({digits['numbers']} numbers, `icr_bench numbers` at the shipped threshold "
                f"{digits.get('threshold')}, a 1 at {digits.get('threshold_one', digits.get('threshold'))}): auto-accepted {pct(digits['auto'], digits['numbers'])}, wrong among auto-accepted "
                f"{pct_ci(digits['wrong'], digits['auto'])}, digits lost {digits['lost_digit']}.", ""]
        out += digits_table(digits)
    return "\n".join(out) + "\n"


def replace_section(doc_path, text):
    doc = open(doc_path).read()
    pat = re.compile(r"^## Held-out stacks \(`scripts/bench-heldout`\).*?(?=^## |\Z)", re.S | re.M)
    if not pat.search(doc):
        raise SystemExit(f"{doc_path}: no '## Held-out stacks (`scripts/bench-heldout`)' section to replace")
    open(doc_path, "w").write(pat.sub(lambda m: text + "\n" if m.end() < len(doc) else text, doc, count=1))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stacks", nargs="*", default=[])
    ap.add_argument("--digits")
    ap.add_argument("--doc")
    ap.add_argument("--command", default="scripts/bench-heldout")
    ap.add_argument("--note", default="")
    a = ap.parse_args(argv)
    stacks = [json.load(open(p)) for p in a.stacks]
    digits = json.load(open(a.digits)) if a.digits else None
    rules = rule_lines(stacks, digits)
    for name, ok, fig in rules:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {fig}")
    print("overall:", "PASS" if all(ok for _, ok, _ in rules) else "FAIL")
    if a.doc:
        replace_section(a.doc, section(rules, stacks, digits, a.command, a.note))
        print(f"wrote the Held-out stacks section of {a.doc}")
    return 0 if all(ok for _, ok, _ in rules) else 1


if __name__ == "__main__":
    sys.exit(main())

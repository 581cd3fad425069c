#!/usr/bin/env python3
"""Writes the sample Google Forms exports in tests/import/data/ from the form definition.

The form on Google Forms is built as the seed's digital notes say: a Participant ID short-text
field first, the multiple-choice questions as radio buttons whose options are the option texts,
and Q6 and Q7 as two short-text fields each; a "NO RESEARCH" checkbox. Its author headed the
columns the way people do: some with "1." numbering, some with the prompt, some with the title,
with stray spaces. The answers include what real exports hold: a resubmission, a submission
after the 5-minute limit, a mistyped ID, numbers with units or a thousands separator, an option
whose text was edited on the form after the YAML was written, and opt-outs. Deterministic
(seeded); rerun after changing the form: /usr/bin/python3 tests/import/make_forms_csv.py
"""
import csv
import pathlib
import random

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
FORM = yaml.safe_load((ROOT / "forms/mlsysim-quiz.yaml").read_text(encoding="utf-8"))
Q = {q["id"]: q for q in FORM["questions"]}


def header():
    h = ["Timestamp", "Participant ID"]
    h.append("1. " + Q["q1"]["stem"] + " " + Q["q1"]["prompt"])   # stem and prompt, numbered
    h.append("Q2.  " + Q["q2"]["prompt"])                          # the prompt, two spaces
    h.append("3) " + Q["q3"]["title"])                             # the title
    h.append(Q["q4"]["prompt"].upper())                            # shouted, no number
    h.append("5. " + Q["q5"]["stem"] + "\n" + Q["q5"]["prompt"])   # a line break inside
    n6, n7 = Q["q6"]["numbers"], Q["q7"]["numbers"]
    h.append("6. " + Q["q6"]["title"] + " - " + n6[0]["label"] + " (" + n6[0]["unit"] + ")")
    h.append("6. " + Q["q6"]["title"] + " - " + n6[1]["label"] + " (" + n6[1]["unit"] + ")")
    h.append("Q7 " + n7[0]["label"] + ", " + n7[0]["unit"])
    h.append("Q7 " + n7[1]["label"] + ", " + n7[1]["unit"])
    h.append("8. " + Q["q8"]["prompt"])
    h.append("9. " + Q["q9"]["title"])
    h.append("10. " + Q["q10"]["title"])
    h.append(FORM["consent"]["no_research_label"])
    return h


def option_text(qid, letter):
    return next(o["text"] for o in Q[qid]["options"] if o["value"] == letter)


def answers(rng, skill):
    """One participant's cells for q1..q10 and the numbers: right with probability `skill`."""
    row = []
    for qid in ["q1", "q2", "q3", "q4", "q5"]:
        q = Q[qid]
        letter = q["answer"] if rng.random() < skill else rng.choice([o["value"] for o in q["options"] if o["value"] != q["answer"]])
        row.append(option_text(qid, letter))
    row.append("40" if rng.random() < skill else rng.choice(["80", "32", ""]))
    row.append("100" if rng.random() < skill else rng.choice(["50", "200"]))
    row.append("195" if rng.random() < skill else rng.choice(["195000", "19.5"]))
    row.append("0.6" if rng.random() < skill else rng.choice(["600", "6"]))
    for qid in ["q8", "q9", "q10"]:
        q = Q[qid]
        letter = q["answer"] if rng.random() < skill else rng.choice([o["value"] for o in q["options"] if o["value"] != q["answer"]])
        row.append(option_text(qid, letter))
    return row


def stamp(minute, second, hour=9):
    h12 = hour % 12 or 12
    return f"2024/07/01 {h12}:{minute:02d}:{second:02d} {'AM' if hour < 12 else 'PM'} GMT+2"


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")  # as Google writes it
        w.writerow(header())
        w.writerows(rows)


def main():
    rng = random.Random(7)
    ids = [str(rng.randint(100000, 999999)) for _ in range(12)]
    pre, post = [], []
    for i, pid in enumerate(ids):
        cells = answers(rng, 0.45)
        pre.append([stamp(1 + i // 4, 5 + (i % 4) * 13), pid] + cells + [""])
    # Pre quirks. Row 3 opts out in the ID cell; row 5 resubmits a minute later (the last counts);
    # row 8 types units and a thousands separator; row 10 answered Q1 with an option text edited
    # online after the YAML was written; a mistyped ID; one submission 9 minutes in.
    pre[2][1] = ids[2] + " NO RESEARCH"
    pre[7][7], pre[7][9] = "40 GPUs", "195,000"
    pre[9][2] = "Memory bound: reading 16 GB takes longer than 32 GFLOP of math"
    pre.append([stamp(5, 20), ids[4]] + answers(rng, 0.9) + [""])
    pre.append([stamp(4, 40), "48291"] + answers(rng, 0.5) + [""])
    pre.append([stamp(9, 30), ids[11]] + answers(rng, 0.5) + [""])  # a second, late submission of the last ID
    for i, pid in enumerate(ids[:10]):
        post.append([stamp(51 + i // 5, 3 + (i % 5) * 11, hour=16), pid] + answers(rng, 0.8) +
                    [FORM["consent"]["no_research_label"] if i == 6 else ""])
    post[3][10] = "0,6"  # decimal comma: a person decides
    out = ROOT / "tests/import/data"
    write(out / "forms-pre.csv", pre)
    write(out / "forms-post.csv", post)
    print("ids:", " ".join(ids))


if __name__ == "__main__":
    main()

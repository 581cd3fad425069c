"""What each held-out participant answers and how: the ground truth of a sheet and the plan for
drawing it. The same person (writer, marking habit) fills the pre and the post sheet.
"""
import numpy as np

import bubble_marks
import quiz_numbers as nums
import pens
from writer import Writer

# wrong options the seed quiz's distractor notes call common, weighted up
COMMON_WRONG = {"q1": "a", "q2": "b", "q3": "a", "q4": "a", "q5": "b", "q8": "a", "q9": "d", "q10": "b"}


class Person:
    """A participant's lasting traits: handwriting, marking habit, usual tool."""

    def __init__(self, seed, pencil_share, tool=None):
        r = np.random.default_rng(seed)
        self.seed = seed
        self.writer = Writer(int(r.integers(2**31)))
        self.habit = bubble_marks.habit(r)
        tools = dict(pens.TOOLS)
        rest = 1 - tools["light-pencil"]
        tools = {k: (pencil_share if k == "light-pencil" else v * (1 - pencil_share) / rest) for k, v in tools.items()}
        self.tool = tool or str(r.choice(list(tools), p=list(tools.values())))
        self.no_research = bool(r.random() < 0.08)
        self.pen_seed = int(r.integers(2**31))

    def pen(self, session):
        """The tool on this sheet: usually the same one, sometimes another pen in the afternoon."""
        r = np.random.default_rng([self.pen_seed, 0 if session == "pre" else 1])
        tool = self.tool
        if session == "post" and r.random() < 0.15 and tool != "light-pencil":
            tool = str(r.choice(["ballpoint", "gel", "felt"]))
        return pens.Pen(tool, np.random.default_rng(self.pen_seed if tool == self.tool else self.pen_seed + 1))


def _choice_value(rng, fid, key, p_right):
    if rng.random() < p_right:
        return key
    wrong = [x for x in "abcd" if x != key]
    w = np.array([3.0 if x == COMMON_WRONG.get(fid) else 1.0 for x in wrong])
    return str(rng.choice(wrong, p=w / w.sum()))


def _mark_style(rng, habit):
    if rng.random() < 0.8:
        return habit["style"]
    styles = list(bubble_marks.MARK_STYLES)
    return str(rng.choice(styles, p=list(bubble_marks.MARK_STYLES.values())))


def plan_sheet(person, session, layout, key, rng, mode="normal"):
    """(fields, marks, plan, pen) of one sheet: the truth's values and how each is written, the
    drawing plan, the pen. mode: normal, blank (no answers at all), few (one to three answers)."""
    pen = person.pen(session)
    p_right = 0.45 if session == "pre" else 0.75
    fields, marks, plan = {}, {}, {}
    tool = pen.tool
    all_ids = [f["id"] for pg in layout["pages"] for f in pg["fields"] if f["type"] in ("choice", "number")]
    answered = set(all_ids)
    if mode == "blank":
        answered = set()
    elif mode == "few":
        answered = set(rng.choice(all_ids, size=int(rng.integers(1, 4)), replace=False))
    for page in layout["pages"]:
        for f in page["fields"]:
            fid = f["id"]
            if f["type"] == "checkbox":
                yes = person.no_research and mode != "blank" and (session == "pre" or rng.random() < 0.9)
                if yes:
                    style = person.habit["box_style"] if rng.random() < 0.85 else str(rng.choice(list(bubble_marks.BOX_STYLES)))
                    fields[fid], marks[fid], plan[fid] = "yes", f"{tool}-{style}", {"style": style}
                else:
                    fields[fid], marks[fid], plan[fid] = "", "blank", None
            elif f["type"] == "choice":
                fields[fid], marks[fid], plan[fid] = _plan_choice(rng, fid, key.get(fid, "a"), p_right, person, tool,
                                                                  fid in answered)
            elif f["type"] == "number":
                fields[fid], marks[fid], plan[fid] = _plan_number(rng, fid, p_right, person, tool, fid in answered)
    return fields, marks, plan, pen


def _plan_choice(rng, fid, key, p_right, person, tool, answered):
    letters = "abcd"
    marked = []
    if answered and rng.random() >= 0.04:
        marked = [_choice_value(rng, fid, key, p_right)]
        if rng.random() < 0.025:
            marked.append(str(rng.choice([x for x in letters if x != marked[0]])))
    marked = sorted(marked)
    styles = {m: _mark_style(rng, person.habit) for m in marked}
    extras = []
    free = [x for x in letters if x not in marked]
    if marked and rng.random() < 0.07:  # changed their mind: an erased mark in another bubble
        extras.append(("erasure", str(rng.choice(free))))
    if rng.random() < 0.03:
        extras.append(("dot", str(rng.choice(free))))
    desc = ",".join(f"{m}:{tool}-{styles[m]}" for m in marked) or "blank"
    desc += "".join(f";{kind}@{x}" for kind, x in extras)
    return "".join(marked), desc, {"marks": [(m, styles[m]) for m in marked], "extras": extras}


def _plan_number(rng, fid, p_right, person, tool, answered):
    if not answered or rng.random() < 0.04:
        return "", "blank", None
    value = nums.draw_value(rng, fid, p_right)
    ints, decs = nums.written_form(value, person.writer, rng)
    placed, tags = nums.place(ints, decs, person.writer, rng)
    truth = nums.canonical(ints, decs)
    desc = f"{tool}-{'comb' if person.writer.ignores_comb else person.writer.align}"
    if ints == "" and decs:
        tags.append("no-lead-zero")
    if decs.endswith("0"):
        tags.append("trailing-zero")
    return truth, desc, {"placed": placed, "tags": tags, "written": ints + ("." + decs if decs else "")}

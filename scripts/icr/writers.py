"""Writer follow-up bench (`scripts/bench-icr --writers`): what review's follow-up rule (src/review/follow_up.cpp)
does for writers never seen in training. A participant writes all their numbers in one held-out font (a writer
makes a digit the same way every time); the product's C++ reader (icr_bench numbers, shipped threshold) reads
them; a simulated person decides every number sent to review (flagged, or a 2% spot check drawn at random here,
by a hash of sheet and field in the product) as written; then the rule, restated below, sends that participant's
auto-accepted numbers holding a digit the reader misread to review, and so on until nothing more is added.
Counts wrong auto-accepted numbers and the review share before and after.
"""
import os

import numpy as np

import synth
from number_sets import make_numbers, read_numbers

NUMBERS_PER_PARTICIPANT = 8  # Q6 and Q7 hold 2 numbers each; pre and post sheets
AUDIT_SHARE = 0.02


class Family:
    """Draws digits from one font, warped like number_sets.Source: one writer."""

    def __init__(self, name):
        self.g = synth.FontGlyphs(synth.font_paths([name]))
        self.by_digit = [[i for i, g in enumerate(self.g.glyphs) if g[0] == d] for d in range(10)]

    def draw(self, rng, d):
        m = self.g.render(int(rng.choice(self.by_digit[d])), rng)[1]
        return synth.warp_glyph(m, rng, int(rng.randint(38, 74)))


def confusions(guess, decided):
    """The digits the reader misread, as follow_up.cpp's digit_confusions: position by position, only when
    the lengths and the points match. Returns the read side."""
    if len(guess) != len(decided):
        return set()
    out = set()
    for g, d in zip(guess, decided):
        if g.isdigit() != d.isdigit():
            return set()
        if g.isdigit() and g != d:
            out.add(g)
    return out


def follow_ups(values, expected, participant, reviewed):
    """reviewed (bool per number) after the follow-up rule: a decided number whose digits the person changed
    sends the same participant's accepted numbers holding a misread digit to review, until nothing changes."""
    reviewed = reviewed.copy()
    for p in np.unique(participant):
        mine = np.nonzero(participant == p)[0]
        misread, looked = set(), set()
        while True:
            for i in mine[reviewed[mine]]:
                if i not in looked:
                    looked.add(i)
                    misread |= confusions(values[i], expected[i])
            new = [i for i in mine if not reviewed[i] and misread & set(values[i])]
            if not new:
                break
            reviewed[new] = True
    return reviewed


def bench(name, families, participants, seed, cal, tmp):
    """Simulated review of `participants` writers drawn evenly from `families`. Returns a dict of counts."""
    rng = np.random.RandomState(seed)
    hands = [Family(f) for f in families]  # one font each, loaded once
    crops, layout, expected, who = [], [], [], []
    for p in range(participants):
        c, lines, exp = make_numbers(hands[p % len(hands)], NUMBERS_PER_PARTICIPANT, seed * 1000 + p)
        base = sum(len(x) for x in crops)
        layout += [f"{int(a) + base} {b} {d}" for a, b, d in (ln.split() for ln in lines)]
        crops.append(c)
        expected += exp
        who += [p] * len(exp)
    cp, lp = os.path.join(tmp, f"{name}.u8"), os.path.join(tmp, f"{name}.layout")
    np.concatenate(crops).tofile(cp)
    open(lp, "w").write("\n".join(layout) + "\n")
    r = read_numbers(cal, cp, lp, tmp)
    values = np.asarray([v if v != "-" else "" for v in r["value"]])
    expected = np.asarray(expected)
    flagged = r["needs_review"] != 0
    before = flagged | (rng.rand(len(values)) < AUDIT_SHARE)
    after = follow_ups(values, expected, np.asarray(who), before)
    wrong = values != expected
    return {"source": name, "participants": participants, "numbers": len(values),
            "wrong_before": int((wrong & ~before).sum()), "accepted_before": int((~before).sum()),
            "wrong_after": int((wrong & ~after).sum()), "accepted_after": int((~after).sum()),
            "follow_ups": int((after & ~before).sum())}

"""The numbers held-out writers put in the quiz's comb boxes, and where each digit goes.

Values follow the quiz (Q6 INT4/FP16 fleet GPUs, Q7 Virginia/Quebec tonnes: right answers and
the common wrong ones from the seed quiz's error notes); a comb has 6 integer boxes, a printed
point, then 2 decimal boxes. `canonical` gives the value as quizscan exports it.
"""
import numpy as np

# field -> (right answer, {wrong answer: weight})
POOLS = {
    "q6_int4": ("40", {"80": 8, "50": 5, "100": 4, "25": 4, "20": 3, "4": 2, "400": 2, "32": 2, "48": 2, "10": 1,
                       "16": 1, "42": 1, "35": 1, "1": 1}),
    "q6_fp16": ("100", {"50": 10, "80": 4, "200": 4, "40": 3, "120": 2, "25": 2, "1000": 1, "70": 1, "2": 1, "60": 1,
                        "140": 1, "96": 1}),
    "q7_virginia": ("195", {"195000": 9, "19.5": 3, "1950": 3, "1.95": 2, "390": 3, "200": 3, "190": 2, "180": 1,
                            "97.5": 1, "19500": 1, "0.39": 1, "234": 1}),
    "q7_quebec": ("0.6", {"600": 7, "0.06": 3, "6": 3, "1.2": 3, "0.5": 2, "0.7": 2, "60": 2, "0.62": 1, "0.12": 1,
                          "6000": 1, "0.8": 1, "2.4": 1}),
}


def canonical(ints, decs):
    """The export's form of a number written as integer digits `ints` and decimal digits `decs`."""
    i = ints.lstrip("0")
    if not i and ints:
        i = "0"
    d = decs.rstrip("0")
    if not i and (decs != ""):
        i = "0"
    return i + ("." + d if d else "")


def draw_value(rng, field, p_right):
    right, wrong = POOLS[field]
    if rng.random() < p_right:
        return right
    keys = list(wrong)
    w = np.array([wrong[k] for k in keys], np.float64)
    return keys[int(rng.choice(len(keys), p=w / w.sum()))]


def written_form(value, writer, rng):
    """(integer digits, decimal digits) as this writer puts `value` on paper: with or without the
    leading zero of 0.6, sometimes a trailing zero."""
    ints, _, decs = value.partition(".")
    if ints == "0" and decs and not writer.lead_zero:
        ints = ""
    if writer.trailing_zero and rng.random() < 0.5:
        if decs and len(decs) == 1:
            decs += "0"
        elif not decs and len(ints) <= 3 and rng.random() < 0.5:
            decs = "0"
    return ints, decs


def place(ints, decs, writer, rng, n_int=6, n_dec=2):
    """Where each digit is written: [(digit, slot)] with slot a (fractional) box index 0..7, and tags.

    Mostly one digit per box (left- or right-aligned integers); a writer who ignores the comb
    spaces digits their own way, across box borders; now and then a single digit slips across
    a border into an empty neighbour."""
    tags = []
    out = []
    if writer.ignores_comb:
        pitch = rng.uniform(0.5, 0.8)  # in box pitches
        x = rng.uniform(-0.15, 0.4)
        for ch in ints:
            out.append((int(ch), x))
            x += pitch
        if decs:
            x = max(x, n_int - 0.1) + rng.uniform(0.1, 0.5)
            for ch in decs:
                out.append((int(ch), x))
                x += pitch
        tags.append("ignores-comb")
        return out, tags
    align = writer.align
    start = 0 if align == "left" else n_int - len(ints)
    for k, ch in enumerate(ints):
        out.append((int(ch), float(start + k)))
    for k, ch in enumerate(decs):
        out.append((int(ch), float(n_int + k)))
    slots = {round(s) for _, s in out}
    if out and rng.random() < 0.02:
        k = int(rng.integers(len(out)))
        d, s = out[k]
        for step in (1, -1):
            nb = int(s) + step
            limit_ok = (0 <= nb < n_int) if s < n_int else (n_int <= nb < n_int + n_dec)
            if nb not in slots and limit_ok:
                out[k] = (d, s + step * rng.uniform(0.35, 0.55))
                tags.append(f"slipped@{k}")
                break
    return out, tags

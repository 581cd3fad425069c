"""The fixed held-out sets (docs/heldout.md): their names, seeds, sizes and capture mixes.

Rounds a, b, c... hold the same kinds of set with fresh seeds (new writers, new draws): after
any change made in view of a held-out result, the next claim uses the next round.
"""

# What every page stack starts from; a set overrides some of it.
BASE = {
    "sheets": 20, "sessions": ["pre", "post"], "paper": "letter",
    "dpi": {150: 0.1, 200: 0.25, 240: 0.05, 300: 0.4, 400: 0.1, 600: 0.1},
    "colour_share": 0.4,
    "formats": {"pdf": 0.35, "tiff": 0.2, "png": 0.25, "jpeg": 0.2},
    "papers": {"white": 0.45, "cream": 0.08, "yellow": 0.07, "grey": 0.15, "blue": 0.13, "pink": 0.12},
    "pencil_share": 0.17,  # light-pencil writers
    "modes": {"normal": 0.84, "one-corner": 0.04, "two-corners": 0.03, "cut": 0.05, "fold": 0.04},
    "adf_share": 0.5, "batch_size": [4, 30], "missing_pages": 0,
    "blank_sheets": 0.015, "few_sheets": 0.03, "max_skew": 2.5,
}

KINDS = {
    # a real day: everything mixed
    "main": {"sheets": 80, "missing_pages": 2},
    # a third of the writers in light pencil, white and tinted paper, greyscale and colour scans
    "pencil": {"sheets": 80, "pencil_share": 0.34, "colour_share": 0.5,
               "dpi": {150: 0.1, 200: 0.35, 300: 0.45, 400: 0.1},
               "papers": {"white": 0.5, "cream": 0.1, "yellow": 0.08, "grey": 0.12, "blue": 0.1, "pink": 0.1},
               "modes": {"normal": 1.0}, "blank_sheets": 0.02, "few_sheets": 0.04},
    # shifted, cropped and folded pages; half the batches at 150 dpi
    "shifted": {"sheets": 40, "dpi": {150: 0.5, 200: 0.2, 300: 0.3},
                "modes": {"normal": 0.15, "one-corner": 0.25, "two-corners": 0.2, "cut": 0.2, "fold": 0.2}},
}

# the crop-level number set: writers x numbers each
DIGITS = {"writers": 1000, "numbers": 10, "pencil_share": 0.17}

ROUND_SEEDS = {"a": 41000, "b": 42000, "c": 43000, "d": 44000}
KIND_OFFSET = {"main": 17, "pencil": 29, "shifted": 51, "digits": 77}


def names(round_="a"):
    return [f"{k}-{round_}" for k in ("main", "pencil", "shifted", "digits")]


def resolve(name):
    """(kind, seed, profile) of a set name such as main-a."""
    kind, _, rnd = name.partition("-")
    if kind not in KIND_OFFSET or rnd not in ROUND_SEEDS:
        raise SystemExit(f"unknown held-out set {name!r}; known: " + ", ".join(n for r in ROUND_SEEDS for n in names(r)))
    seed = ROUND_SEEDS[rnd] + KIND_OFFSET[kind]
    if kind == "digits":
        return kind, seed, dict(DIGITS)
    return kind, seed, {**BASE, **KINDS[kind]}

"""Letterforms of the writer model (scripts/icr/hands.py): for each digit, the ways people write it, each a
function p -> strokes (N x 2 point arrays in a unit box, x right, y down) of shape parameters p drawn per
writer. LETTERFORMS are drawn by every writer population; NOVEL ones only by the bench's `novel` writers."""
import numpy as np


def arc(cx, cy, rx, ry, a0, a1, n=None):
    """Points on an ellipse from angle a0 to a1 (degrees; 0 = right, 90 = down)."""
    n = n or max(6, int(abs(a1 - a0) / 8))
    t = np.radians(np.linspace(a0, a1, n))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], 1)


def line(*pts, n=8):
    """A polyline through pts, each segment sampled n times."""
    out = [np.asarray(pts[0], float)[None]]
    for a, b in zip(pts[:-1], pts[1:]):
        t = np.linspace(0, 1, n + 1)[1:, None]
        out.append(np.asarray(a, float) * (1 - t) + np.asarray(b, float) * t)
    return np.concatenate(out)


def cat(*parts):
    return np.concatenate([np.asarray(p, float) for p in parts])


def u(p, name, lo, hi):
    """The writer's value of shape parameter `name` (drawn once per writer, in [lo, hi])."""
    return lo + (hi - lo) * p[name]


# Letterforms: functions p -> list of strokes (N x 2 point arrays in a unit box, x right, y down).
# p maps a parameter name to a value in [0, 1] (drawn per writer, jittered a little per digit written).
def zero_oval(p):
    s = u(p, "start", -120, -60)
    return [arc(0.5, 0.5, 0.45, 0.5, s, s + u(p, "sweep", 350, 385))]


def zero_pointed(p):
    top = u(p, "top", 0.0, 0.08)
    return [cat(line((0.55, top), (0.2, 0.25)), arc(0.5, 0.55, 0.42, 0.45, 200, 340 + 180),
                line((0.08, 0.55), (0.5, top)))]


def zero_square(p):  # novel: an angular, boxy 0
    r = u(p, "round", 0.05, 0.15)
    return [line((0.5, 0), (1 - r, 0), (1, r), (1, 1 - r), (1 - r, 1), (r, 1), (0, 1 - r), (0, r), (r, 0), (0.55, 0))]


def one_plain(p):
    b = u(p, "bow", -0.08, 0.08)
    return [cat(line((0.5, 0.0), (0.5 + b, 0.5), n=6), line((0.5 + b, 0.5), (0.5, 1.0), n=6))]


def one_flag(p):
    fl, fy = u(p, "flag", 0.2, 0.55), u(p, "flag_y", 0.15, 0.45)
    return [line((0.55 - fl, fy), (0.6, 0.0), (0.6, 1.0))]


def one_flag_foot(p):
    fl, ft = u(p, "flag", 0.2, 0.5), u(p, "foot", 0.25, 0.45)
    return [line((0.6 - fl, u(p, "flag_y", 0.15, 0.4)), (0.6, 0.0), (0.6, 1.0)), line((0.6 - ft, 1.0), (0.6 + ft, 1.0))]


def one_hooked(p):
    """A curved stem with a hooked flag (read as a 2 by the 2026-11 models)."""
    h, c = u(p, "hook", 0.15, 0.35), u(p, "curve", 0.05, 0.2)
    flag = arc(0.35, 0.2, 0.22, h, 170, 290)
    stem = np.stack([0.55 + c * np.sin(np.linspace(0, np.pi, 14)), np.linspace(0.02, 1.0, 14)], 1)
    return [cat(flag, stem)]


def one_european(p):  # long flag: an inverted V
    return [line((0.05, u(p, "flag_y", 0.35, 0.55)), (0.65, 0.0), (0.6, 1.0))]


def one_tail(p):  # novel: a plain stem whose foot turns right
    return [cat(line((0.45, 0.0), (0.45, 0.85), n=10), arc(0.65, 0.82, 0.2, 0.18, 180, 110))]


def two_plain(p):
    base = u(p, "base", 0.7, 1.0)
    return [cat(arc(0.5, 0.28, 0.42, 0.28, 195, 370), line((0.9, 0.35), (0.05, 1.0)), line((0.05, 1.0), (base, 1.0)))]


def two_looped(p):
    lr = u(p, "loop", 0.08, 0.16)
    return [cat(arc(0.5, 0.28, 0.42, 0.28, 195, 370), line((0.9, 0.35), (0.2, 0.92)),
                arc(0.2 + lr, 0.92, lr, lr * 0.8, 180, 450 - 90), line((0.2, 0.95), (0.95, 0.98)))]


def two_z(p):
    return [line((0.05, u(p, "lead", 0.0, 0.2)), (0.2, 0.0), (0.85, 0.02), (0.1, 1.0), (0.95, 1.0))]


def two_curly(p):
    return [cat(arc(0.5, 0.3, 0.42, 0.3, 190, 360), line((0.92, 0.32), (0.1, 0.95)),
                arc(0.35, 0.85, 0.3, 0.15, 160, 20))]


def two_curlstart(p):  # novel: starts with a curl at the top left, angular base
    return [cat(arc(0.15, 0.22, 0.1, 0.1, 90, -200), arc(0.5, 0.3, 0.4, 0.3, 200, 360), line((0.9, 0.3), (0.1, 1.0), (0.95, 0.95)))]


def three_round(p):
    m = u(p, "mid", 0.42, 0.55)
    return [cat(arc(0.47, m / 2, 0.42, m / 2, 200, 450), arc(0.47, m + (1 - m) / 2, 0.47, (1 - m) / 2, -90, 160))]


def three_flat(p):
    m = u(p, "mid", 0.38, 0.5)
    return [cat(line((0.1, 0.0), (0.88, 0.0), (0.4, m)), arc(0.47, m + (1 - m) / 2, 0.47, (1 - m) / 2, -100, 160))]


def three_pointed(p):
    return [cat(arc(0.45, 0.25, 0.42, 0.25, 200, 360), line((0.87, 0.25), (0.35, 0.5), (0.85, 0.65)),
                arc(0.47, 0.75, 0.45, 0.25, -40, 160))]


def three_curl(p):  # novel: small open top, big lower bowl ending in an inward curl
    return [cat(arc(0.55, 0.18, 0.3, 0.18, 180, 430), arc(0.5, 0.66, 0.48, 0.34, -90, 150),
                arc(0.22, 0.8, 0.12, 0.12, 30, -200))]


def four_closed(p):
    bar, stem = u(p, "bar", 0.55, 0.75), u(p, "stem", 0.55, 0.8)
    return [line((stem, 1.0), (stem, 0.0), (0.02, bar), (0.98, bar))]


def four_open(p):
    bar, stem, top = u(p, "bar", 0.5, 0.7), u(p, "stem", 0.6, 0.8), u(p, "stem_top", 0.0, 0.3)
    return [line((u(p, "left", 0.15, 0.4), 0.0), (0.05, bar), (0.98, bar)), line((stem, top), (stem, 1.0))]


def four_long_diagonal(p):
    """An open 4 with a long diagonal (read as a 1 by the 2026-11 models)."""
    bar, stem = u(p, "bar", 0.6, 0.78), u(p, "stem", 0.6, 0.8)
    return [line((stem - u(p, "reach", 0.0, 0.2), 0.0), (0.0, bar), (0.98, bar)), line((stem, 0.2), (stem, 1.0))]


def four_hooked(p):  # novel: the stem drawn first from the bottom, with a rounded corner to the bar
    return [cat(line((0.65, 1.0), (0.65, 0.0), n=10), line((0.65, 0.0), (0.12, 0.55)), arc(0.2, 0.58, 0.1, 0.08, 200, 90),
                line((0.2, 0.66), (1.0, 0.6)))]


def five_two(p):
    s = u(p, "stem", 0.1, 0.25)
    return [cat(line((s + 0.05, 0.0), (s, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150)),
            line((s + 0.05, 0.0), (u(p, "bar", 0.75, 0.95), 0.02))]


def five_one(p):
    return [cat(line((0.9, 0.0), (0.22, 0.0), (0.15, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150))]


def five_angular(p):
    return [cat(line((0.85, 0.0), (0.2, 0.02), (0.15, 0.42), (0.7, 0.45), (0.88, 0.7)), arc(0.45, 0.72, 0.42, 0.28, 20, 160))]


def five_s(p):  # novel: a curved top like an S
    return [cat(arc(0.55, 0.12, 0.35, 0.12, -30, -170), line((0.2, 0.12), (0.15, 0.45)), arc(0.48, 0.7, 0.42, 0.3, -140, 150))]


def six_curved(p):
    lr = u(p, "loop", 0.24, 0.32)
    return [cat(line((0.8, 0.0), (0.45, 0.15), (0.15, 0.5)), arc(0.5, 1 - lr, 0.36, lr, 180, 540))]


def six_straight(p):
    lr = u(p, "loop", 0.22, 0.3)
    return [cat(line((0.7, 0.0), (0.15, 0.6)), arc(0.5, 1 - lr, 0.37, lr, 190, 530))]


def six_open(p):  # novel: a wide hook whose loop does not close
    return [cat(arc(0.55, 0.5, 0.45, 0.5, -60, -270), arc(0.55, 0.75, 0.33, 0.25, 90, -130))]


def seven_plain(p):
    c = u(p, "curve", -0.1, 0.1)
    return [cat(line((0.02, 0.0), (0.95, 0.0)), line((0.95, 0.0), (0.55 + c, 0.5), (0.4, 1.0), n=6))]


def seven_crossed(p):
    return [line((0.02, 0.0), (0.95, 0.0), (0.4, 1.0)), line((0.3, 0.5), (0.88, u(p, "bar", 0.45, 0.55)))]


def seven_hooked(p):
    return [line((0.02, u(p, "hook", 0.12, 0.3)), (0.08, 0.0), (0.95, 0.0), (0.45, 1.0))]


def seven_wavy(p):
    x = np.linspace(0.02, 0.95, 14)
    return [cat(np.stack([x, 0.04 * np.sin(x * 2 * np.pi)], 1), line((0.95, 0.0), (0.6, 0.45), (0.5, 1.0)))]


def seven_tail(p):  # novel: the stem curls left at its foot
    return [cat(line((0.02, 0.02), (0.95, 0.0), (0.55, 0.75), n=10), arc(0.38, 0.78, 0.17, 0.2, 0, 150))]


def eight_two_loops(p):
    t = u(p, "top", 0.38, 0.5)
    return [arc(0.5, t / 2, 0.32, t / 2, 0, 360), arc(0.5, t + (1 - t) / 2, 0.42, (1 - t) / 2, 0, 360)]


def eight_one_stroke(p):
    t = u(p, "top", 0.4, 0.5)
    return [cat(arc(0.5, t / 2, 0.34, t / 2, -30, -250), line((0.25, t * 0.85), (0.75, t * 1.15)),
                arc(0.5, t + (1 - t) / 2, 0.42, (1 - t) / 2, -100, 230), line((0.15, t * 1.1), (0.82, 0.1)))]


def eight_x(p):  # novel: two crossing strokes closed top and bottom (an hourglass)
    return [line((0.1, 0.0), (0.9, 1.0), (0.1, 1.0), (0.9, 0.0), (0.1, 0.0))]


def nine_straight(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.5, r, 0.42, r, 0, 360), line((0.92, r), (0.88, 1.0)))]


def nine_curved(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.5, r, 0.42, r, 0, 360), line((0.92, r), (0.85, 0.8)), arc(0.6, 0.8, 0.25, 0.2, 0, 140))]


def nine_slanted(p):
    r = u(p, "loop", 0.22, 0.3)
    return [cat(arc(0.45, r, 0.4, r, 10, 370), line((0.85, r + 0.05), (0.55, 1.0)))]


def nine_angular(p):  # novel: a triangular head, the tail straight down
    return [line((0.9, 0.05), (0.1, 0.05), (0.8, 0.45), (0.85, 0.0), (0.85, 1.0))]


LETTERFORMS = {
    0: [zero_oval, zero_pointed], 1: [one_plain, one_flag, one_flag_foot, one_hooked, one_european],
    2: [two_plain, two_looped, two_z, two_curly], 3: [three_round, three_flat, three_pointed],
    4: [four_closed, four_open, four_long_diagonal], 5: [five_two, five_one, five_angular],
    6: [six_curved, six_straight], 7: [seven_plain, seven_crossed, seven_hooked, seven_wavy],
    8: [eight_two_loops, eight_one_stroke], 9: [nine_straight, nine_curved, nine_slanted]}
NOVEL = {0: [zero_square], 1: [one_tail], 2: [two_curlstart], 3: [three_curl], 4: [four_hooked], 5: [five_s],
         6: [six_open], 7: [seven_tail], 8: [eight_x], 9: [nine_angular]}

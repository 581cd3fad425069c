"""Digit skeletons for the held-out handwriting model: several ways people build each digit.

A variant is a function of a writer's random state that returns strokes in the glyph's own frame
(x 0..1 left to right, y 0..1 top to bottom, baseline at y = 1). A stroke is a list of nodes
(x, y) or (x, y, "c"); the pen passes smoothly through nodes and turns sharply at "c" corners.
The writer draws the variant's parameters once, so their 7 is always their 7.
"""
import math


def arc(cx, cy, rx, ry, a0, a1, n=None):
    """Nodes along an ellipse from angle a0 to a1 (degrees; 0 right, 90 top, increasing = anticlockwise)."""
    n = n or max(3, int(abs(a1 - a0) / 30) + 1)
    out = []
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        out.append((cx + rx * math.cos(a), cy - ry * math.sin(a)))
    return out


def c(x, y):
    return (x, y, "c")


# ----------------------------------------------------------------------------- 0

def zero_oval(u):
    a0 = u(70, 110)
    return [arc(0.5, 0.5, 0.5, 0.5, a0, a0 + 360 + u(0, 30), 14)]


def zero_narrow(u):
    a0 = u(75, 105)
    return [arc(0.5, 0.5, 0.3, 0.5, a0, a0 + 360 + u(5, 25), 14)]


def zero_slashed(u):
    a0 = u(80, 100)
    return [arc(0.5, 0.5, 0.45, 0.5, a0, a0 + 365, 14), [(u(0.8, 1.0), u(0.0, 0.12)), (u(0.0, 0.2), u(0.88, 1.0))]]


def zero_clockwise(u):
    a0 = u(80, 130)
    return [arc(0.5, 0.5, 0.48, 0.5, a0, a0 - 360 - u(10, 40), 14)]


def zero_open(u):
    a0 = u(60, 80)
    return [arc(0.5, 0.5, 0.47, 0.5, a0, a0 + u(310, 340), 13)]


# ----------------------------------------------------------------------------- 1

def one_stick(u):
    b = u(-0.06, 0.06)
    return [[(0.5 + b, 0.0), (0.5, 0.5), (0.5 - b, 1.0)]]


def one_flag(u):
    fl, fh = u(0.25, 0.45), u(0.15, 0.32)
    return [[(0.55 - fl, fh), c(0.55, 0.0), (0.53, 0.5), (0.5, 1.0)]]


def one_flag_foot(u):
    fl, fh, ft = u(0.25, 0.45), u(0.15, 0.3), u(0.25, 0.4)
    return [[(0.55 - fl, fh), c(0.55, 0.0), (0.5, 1.0)], [(0.5 - ft, 1.0), (0.5, 1.02), (0.5 + ft, 1.0)]]


def one_hooked_curved(u):
    """A curved stem under a hooked flag (the flag curls up from the left before it rises)."""
    h = u(0.25, 0.4)
    return [[(0.08, h + 0.08), (0.16, h - 0.04), (0.36, 0.08), c(0.62, 0.0), (0.62, 0.35), (0.52, 0.72), (0.36, 1.0)]]


def one_long_flag(u):
    return [[(u(0.0, 0.1), u(0.38, 0.5)), c(0.6, 0.0), (0.58, 0.5), (0.55, 1.0)]]


def one_serif(u):
    fl = u(0.18, 0.3)
    return [[(0.5 - fl, 0.14), c(0.52, 0.0), (0.5, 1.0)], [(0.5 - fl, 1.0), (0.5 + fl, 1.0)]]


# ----------------------------------------------------------------------------- 2

def two_plain(u):
    t = u(0.15, 0.35)
    return [[(0.05, t), (0.3, 0.03), (0.65, 0.0), (0.92, 0.2), (0.8, 0.45), (0.4, 0.78), c(0.04, 1.0), (0.5, 0.98), (0.96, u(0.94, 1.0))]]


def two_looped(u):
    s = u(0.1, 0.2)
    return [[(0.06, 0.25), (0.35, 0.02), (0.75, 0.02), (0.92, 0.25), (0.75, 0.5), (0.35, 0.8), (0.12, 0.96),
             (0.1, 1.0 - s), (0.22, 0.98 - s), (0.3, 0.97), (0.6, 1.0), (0.96, 0.96)]]


def two_angular(u):
    return [[(0.04, 0.22), (0.4, 0.0), (0.85, 0.08), (0.88, 0.3), c(0.04, 1.0), (0.96, u(0.95, 1.02))]]


def two_swan(u):
    w = u(0.03, 0.08)
    return [[(0.1, 0.3), (0.25, 0.05), (0.6, 0.0), (0.85, 0.2), (0.7, 0.5), (0.3, 0.85), c(0.04, 1.0), (0.35, 1.0 - w),
             (0.65, 1.0 + w), (0.96, 0.92)]]


def two_curl_up(u):
    return [[(0.1, 0.22), (0.45, 0.0), (0.88, 0.15), (0.78, 0.45), (0.3, 0.85), c(0.05, 1.0), (0.6, 0.98), (0.9, 0.9),
             (0.98, u(0.78, 0.85))]]


# ----------------------------------------------------------------------------- 3

def three_round(u):
    m = u(0.42, 0.5)
    return [[(0.08, 0.15), (0.45, 0.0), (0.85, 0.15), (0.8, m - 0.12), c(0.38, m), (0.85, m + 0.12), (0.9, 0.8),
             (0.55, 1.0), (0.05, 0.88)]]


def three_flat_top(u):
    return [[(0.08, 0.02), c(0.9, 0.02), c(u(0.3, 0.45), 0.42), (0.8, 0.5), (0.95, 0.75), (0.6, 1.0), (0.05, 0.9)]]


def three_smooth(u):
    m = u(0.44, 0.52)
    return [[(0.1, 0.12), (0.5, 0.0), (0.88, 0.18), (0.75, m - 0.06), (0.45, m), (0.8, m + 0.08), (0.92, 0.8),
             (0.55, 1.0), (0.08, 0.9)]]


def three_loop_middle(u):
    return [[(0.1, 0.14), (0.5, 0.0), (0.85, 0.16), (0.7, 0.4), (0.45, 0.48), (0.35, 0.42), (0.5, 0.4), (0.85, 0.58),
             (0.9, 0.82), (0.5, 1.0), (0.06, 0.88)]]


# ----------------------------------------------------------------------------- 4

def four_closed(u):
    b, s = u(0.6, 0.74), u(0.62, 0.78)
    return [[(s + 0.02, 0.0), c(0.04, b), (0.98, b)], [(s, 0.02), (s, 1.0)]]


def four_closed_one_stroke(u):
    b = u(0.6, 0.72)
    return [[(0.7, 0.0), c(0.04, b), c(0.95, b)], [(0.7, 0.15), (0.68, 1.0)]]


def four_open(u):
    b, s = u(0.52, 0.66), u(0.62, 0.78)
    return [[(u(0.08, 0.25), 0.0), c(0.05, b), (0.98, b)], [(s, 0.0), (s - 0.02, 1.0)]]


def four_open_long_diagonal(u):
    """An open 4 whose first stroke is a long diagonal that never meets the stem's top."""
    b = u(0.66, 0.76)
    return [[(u(0.4, 0.5), 0.0), c(0.0, b), (1.0, b)], [(0.74, u(0.12, 0.25)), (0.72, 1.0)]]


def four_crossed(u):
    b = u(0.55, 0.68)
    return [[(0.6, 0.05), c(0.04, b), (1.0, b - 0.03)], [(0.68, 0.0), (0.65, 1.0)]]


# ----------------------------------------------------------------------------- 5

def five_classic(u):
    k = u(0.38, 0.48)
    return [[(0.18, 0.02), c(0.14, k), (0.45, k - 0.06), (0.85, k + 0.1), (0.9, 0.78), (0.55, 1.0), (0.06, 0.88)],
            [(0.18, 0.02), (0.55, u(-0.02, 0.02)), (0.92, u(-0.04, 0.04))]]


def five_one_stroke(u):
    k = u(0.38, 0.48)
    return [[(0.92, 0.0), c(0.2, 0.02), c(0.14, k), (0.5, k - 0.05), (0.88, k + 0.12), (0.88, 0.8), (0.5, 1.0), (0.05, 0.85)]]


def five_round(u):
    return [[(0.2, 0.05), (0.16, 0.42), (0.5, 0.38), (0.88, 0.56), (0.85, 0.85), (0.45, 1.0), (0.08, 0.86)],
            [(0.2, 0.04), (0.9, 0.0)]]


def five_angular(u):
    k = u(0.4, 0.5)
    return [[(0.22, 0.02), c(0.12, k), c(0.75, k), (0.9, 0.72), (0.6, 1.0), (0.08, 0.92)], [(0.22, 0.02), (0.88, 0.04)]]


# ----------------------------------------------------------------------------- 6

def six_round(u):
    t = u(0.45, 0.55)
    return [[(0.82, 0.04), (0.45, 0.12), (0.15, 0.5), (0.18, 0.86), (0.5, 1.0), (0.84, 0.84), (0.82, t + 0.08),
             (0.5, t), (0.17, t + 0.2)]]


def six_straight(u):
    t = u(0.48, 0.58)
    return [[(0.75, 0.0), (0.4, 0.35), (0.12, 0.78), (0.35, 1.0), (0.72, 0.96), (0.86, 0.75), (0.62, t), (0.25, t + 0.12),
             (0.14, 0.78)]]


def six_small_loop(u):
    t = u(0.58, 0.68)
    return [[(0.7, 0.0), (0.35, 0.3), (0.2, 0.7), (0.35, 0.98), (0.7, 0.96), (0.75, t + 0.08), (0.45, t), (0.22, 0.82)]]


def six_curled(u):
    return [[(0.9, 0.15), (0.75, 0.02), (0.4, 0.12), (0.15, 0.5), (0.2, 0.88), (0.55, 1.0), (0.85, 0.8), (0.7, 0.52),
             (0.35, 0.55), (0.18, 0.72)]]


# ----------------------------------------------------------------------------- 7

def seven_plain(u):
    k = u(-0.05, 0.05)
    return [[(0.04, 0.04), c(0.96, 0.02), (0.7, 0.45 + k), (0.45, 1.0)]]


def seven_hooked(u):
    return [[(0.04, u(0.18, 0.3)), c(0.06, 0.04), c(0.96, 0.03), (0.68, 0.45), (0.42, 1.0)]]


def seven_barred(u):
    m = u(0.45, 0.58)
    return [[(0.04, 0.04), c(0.96, 0.02), (0.5, 1.0)], [(0.3, m), (0.88, m - 0.04)]]


def seven_curved(u):
    return [[(0.04, 0.08), (0.5, 0.0), c(0.96, 0.02), (0.68, 0.35), (0.52, 0.7), (0.5, 1.0)]]


def seven_straight(u):
    return [[(0.02, 0.06), c(0.98, 0.0), (u(0.62, 0.75), 1.0)]]


def seven_euro(u):
    m = u(0.48, 0.56)
    return [[(0.02, 0.2), c(0.05, 0.03), c(0.96, 0.03), (0.55, 1.0)], [(0.35, m), (0.95, m - 0.04)]]


# ----------------------------------------------------------------------------- 8

def eight_one_stroke(u):
    m = u(0.42, 0.5)
    return [[(0.78, 0.1), (0.5, 0.0), (0.2, 0.12), (0.22, m - 0.12), (0.5, m), (0.85, m + 0.2), (0.82, 0.92), (0.5, 1.0),
             (0.15, 0.9), (0.18, m + 0.2), (0.5, m), (0.8, m - 0.14), (0.76, 0.06)]]


def eight_two_loops(u):
    m = u(0.4, 0.5)
    return [arc(0.5, m / 2, 0.34, m / 2, 100, 470, 12), arc(0.5, (1 + m) / 2, 0.46, (1 - m) / 2, 80, 450, 12)]


def eight_snowman(u):
    m = u(0.36, 0.44)
    return [arc(0.5, m / 2, 0.28, m / 2, 30, 395, 12) + arc(0.5, (1 + m) / 2, 0.48, (1 - m) / 2, 95, -270, 12)]


def eight_hourglass(u):
    return [[(0.18, 0.05), (0.5, 0.35), (0.85, 0.75), (0.7, 0.98), (0.3, 0.98), (0.15, 0.75), (0.5, 0.35),
             (0.82, 0.08), (0.5, 0.0), (0.2, 0.04)]]


# ----------------------------------------------------------------------------- 9

def nine_straight(u):
    r = u(0.26, 0.34)
    return [arc(0.48, r + 0.02, 0.42, r, 10, 370, 12) + [c(0.9, r + 0.05), (0.88, 0.6), (0.86, 1.0)]]


def nine_curved(u):
    r = u(0.26, 0.34)
    return [arc(0.5, r + 0.02, 0.42, r, 5, 365, 12) + [(0.9, 0.5), (0.8, 0.85), (0.55, 1.0), (0.25, u(0.9, 0.98))]]


def nine_g_like(u):
    r = u(0.24, 0.3)
    return [arc(0.5, r, 0.42, r, 0, 360, 12) + [(0.9, 0.45), (0.88, 0.8), (0.7, 1.0), (0.35, 0.98), (0.15, 0.85)]]


def nine_two_stroke(u):
    r = u(0.28, 0.36)
    return [arc(0.47, r + 0.02, 0.42, r, 80, 440, 12), [(0.88, 0.02), (0.86, 0.5), (0.8, 1.0)]]


def nine_small_loop(u):
    r = u(0.18, 0.24)
    return [arc(0.55, r + 0.02, 0.4, r, 10, 370, 10) + [c(0.94, r + 0.04), (0.75, 0.6), (0.55, 1.0)]]


# ----------------------------------------------------------------------------- table

# digit -> [(variant name, function, weight)]. Weights: how common the way of writing is.
VARIANTS = {
    0: [("oval", zero_oval, 5), ("narrow", zero_narrow, 3), ("slashed", zero_slashed, 1),
        ("clockwise", zero_clockwise, 2), ("open", zero_open, 1)],
    1: [("stick", one_stick, 4), ("flag", one_flag, 4), ("flag-foot", one_flag_foot, 2),
        ("hooked-curved", one_hooked_curved, 1.5), ("long-flag", one_long_flag, 1.5), ("serif", one_serif, 1)],
    2: [("plain", two_plain, 5), ("looped", two_looped, 2), ("angular", two_angular, 2), ("swan", two_swan, 1),
        ("curl-up", two_curl_up, 1)],
    3: [("round", three_round, 5), ("flat-top", three_flat_top, 1.5), ("smooth", three_smooth, 2),
        ("loop-middle", three_loop_middle, 1)],
    4: [("closed", four_closed, 4), ("closed-one-stroke", four_closed_one_stroke, 2), ("open", four_open, 3),
        ("open-long-diagonal", four_open_long_diagonal, 1.5), ("crossed", four_crossed, 1.5)],
    5: [("classic", five_classic, 5), ("one-stroke", five_one_stroke, 2), ("round", five_round, 2),
        ("angular", five_angular, 1.5)],
    6: [("round", six_round, 5), ("straight", six_straight, 2), ("small-loop", six_small_loop, 2), ("curled", six_curled, 1)],
    7: [("plain", seven_plain, 5), ("hooked", seven_hooked, 2), ("barred", seven_barred, 2), ("curved", seven_curved, 1.5),
        ("straight", seven_straight, 1.5), ("euro", seven_euro, 1)],
    8: [("one-stroke", eight_one_stroke, 5), ("two-loops", eight_two_loops, 3), ("snowman", eight_snowman, 1.5),
        ("hourglass", eight_hourglass, 1.5)],
    9: [("straight-tail", nine_straight, 5), ("curved-tail", nine_curved, 3), ("g-like", nine_g_like, 1),
        ("two-stroke", nine_two_stroke, 1.5), ("small-loop", nine_small_loop, 1.5)],
}

# Width of each digit's body relative to its height, before the writer's own width ratio.
ASPECT = {0: 0.72, 1: 0.38, 2: 0.7, 3: 0.66, 4: 0.74, 5: 0.66, 6: 0.66, 7: 0.68, 8: 0.66, 9: 0.66}


def pick_variant(rng, digit):
    """(name, function) of one way of writing `digit`, drawn by how common it is."""
    opts = VARIANTS[digit]
    w = [o[2] for o in opts]
    k = rng.choice(len(opts), p=[x / sum(w) for x in w])
    return opts[k][0], opts[k][1]

// Reads bubbles and checkboxes: measures the ink in each against the sheet's own empty
// bubbles, on a binary threshold and on a continuous darkness scale relative to the local
// paper, and judges each bubble alone (marked, empty, a faint trace, or unsure).
#pragma once

#include <opencv2/core.hpp>
#include <array>
#include <string>
#include <vector>

#include "core/layout.hpp"

namespace quizscan {

// Grey levels of this sheet: blank paper and printed black (adapts pencil/pen, light/dark scans).
struct Tone {
    double paper = 255;
    double ink = 0;
    double threshold() const { return paper - 0.35 * (paper - ink); }  // darker than this is ink
};

// Angular sectors of the ring just outside a bubble, where a circle drawn round it runs.
constexpr int kRingSectors = 24;

struct OptionMeasure {
    std::string value;
    double fill = 0;   // share of dark pixels inside the bubble (printed letter included)
    double spill = 0;  // share of dark pixels in a ring just outside it (check marks, crosses)
    // On a continuous scale of darkness: 0 is the paper around the bubble, 1 the page's printed black.
    double dark_fill = 0;   // mean darkness inside the bubble (printed letter included)
    double faint = 0;       // share of the unprinted area (inside but the letter, and the ring) holding light ink:
                            // measurably darker than paper, lighter than the ink threshold and away from dark ink
    double faint_fill = 0;  // the same share inside the bubble alone
    double ink_fill = 0;    // share of the unprinted inside with any ink, dark or light
    double ink_ring = 0;    // share of the ring with any ink
    double tone = 0;        // how dark the ink here is: the median darkness of its pixels, dark or light (0: none)
    double peak = 0;        // how dark the pen itself is: the darkness of its darkest tenth of pixels (a thin line's
                            // median is lowered by its blurred edges, its core is not; 0: none)
    double stroke = 0;      // share of the ink's darkness in pen-wide lines (a tick, a cross), not a broad fill or smudge
    double reach = 0;       // how far the ink inside the bubble (but the letter) runs: the spread of its pixels
                            // along their longest axis, mm (a line L mm long: L / 3.5; a stray dot: under 0.3)
    // Share of ink (dark or light) in each angular sector of the ring 1.1-1.9 times the bubble's half
    // axes out (from the right, clockwise): a circle drawn round the bubble inks nearly all of them.
    std::array<float, kRingSectors> around{};
};

// Measures each option of `field` in `crop`, a canonical image of `field.region` at px_per_mm.
std::vector<OptionMeasure> measure_options(const cv::Mat& crop, const FieldGeom& field, double px_per_mm, const Tone& tone);

// The empty-bubble baseline of a sheet: what an unmarked bubble measures (printed outline
// and letter), and how much empty bubbles differ (median absolute deviation). Medians over
// all options on the page (most bubbles are empty).
struct Baseline {
    double fill = 0;
    double spill = 0;
    double dark_fill = 0;
    double faint = 0, faint_mad = 0;
    double faint_fill = 0, faint_fill_mad = 0;
    double ink_fill = 0, ink_ring = 0;
    std::array<float, kRingSectors> around{};  // per sector: print beside the bubbles (the option's text)
};
Baseline baseline_of(const std::vector<OptionMeasure>& all);
// The checkbox's: its empty level is the paper's (no printed letter), its spread the page's.
Baseline paper_baseline(const Baseline& page);

// Share of the ring's sectors round the bubble inked above the empty bubbles' (0..1).
double ring_cover(const OptionMeasure& m, const Baseline& base);

enum class Verdict { Empty, Marked, Faint, Unsure };

// One bubble judged alone. Marked and Empty on the binary measures as before; Faint: no ink past the
// threshold, but measurably darker than the sheet's empty bubbles (a light mark or an erasure: the
// question and the writer's other marks decide); Unsure: some ink past the threshold, too little to say.
struct Judged {
    Verdict verdict = Verdict::Empty;
    double margin = 0;   // 0..1: how clearly the measures fall on their side of the thresholds
    double excess = 0;   // how far above the empty bubbles, in units of the faint-trace thresholds (>= 1: a trace)
};
// box: the NO RESEARCH box, whose faint trace must be inside it (a light grey around it is the label's
// or the back page's print showing through, not a tick).
Judged judge(const OptionMeasure& m, const Baseline& base, bool bilevel, bool box = false);

}  // namespace quizscan

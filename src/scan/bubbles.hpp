// Reads bubbles and checkboxes: measures the ink in each against the sheet's own empty
// bubbles, tells marks from erasures and stray dots, and says how sure it is.
#pragma once

#include <opencv2/core.hpp>
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

struct OptionMeasure {
    std::string value;
    double fill = 0;   // share of dark pixels inside the bubble (printed letter included)
    double spill = 0;  // share of dark pixels in a ring just outside it (check marks, crosses)
};

// Measures each option of `field` in `crop`, a canonical image of `field.region` at px_per_mm.
std::vector<OptionMeasure> measure_options(const cv::Mat& crop, const FieldGeom& field, double px_per_mm, const Tone& tone);

struct ChoiceReading {
    std::string value;        // marked letters in order; "" for blank
    double confidence = 0;    // 0..1
    bool needs_review = false;
    std::string reason;       // why a person should look, when needs_review
};

// The empty-bubble baseline of a sheet: what an unmarked bubble measures (printed outline
// and letter). Medians over all options on the page (most bubbles are empty).
struct Baseline {
    double fill = 0;
    double spill = 0;
};
Baseline baseline_of(const std::vector<OptionMeasure>& all);

// Decides a question (or the checkbox) from its measures. On a black-and-white scan
// (bilevel) a light pencil mark survives only as a few dots, so any trace is unclear, not empty.
ChoiceReading classify(const std::vector<OptionMeasure>& options, const Baseline& base, bool bilevel = false);

}  // namespace quizscan

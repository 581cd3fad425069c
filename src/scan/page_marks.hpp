// The marks of one writer on one page: each question (and the NO RESEARCH box) decided with
// the writer's other marks. An erasure beside a clear, darker mark is an erasure; a sheet whose
// marks are all faint is a faint writer's, not a blank sheet: a faint mark is never a confident
// blank, it is read as a mark when the page shows that writer's hand clearly, else reviewed.
#pragma once

#include <string>
#include <vector>

#include "core/field_measurements.hpp"
#include "core/form.hpp"
#include "scan/bubbles.hpp"

namespace quizscan {

struct ChoiceReading {
    std::string value;        // marked letters in order; "" for blank (when needs_review: the best guess)
    double confidence = 0;    // 0..1
    bool needs_review = false;
    std::string reason;       // why a person should look, when needs_review
    int faint = 0;            // faint marks in it (read as marks, or sent to review)
    std::string unclear;      // the options with a faint or unclear mark, in order (sent to review)
    bool trace = false;       // read blank, but a bubble is not clearly empty (a dot, a small light mark): in
                              // review for that alone (a page's answers seen do not count it)
};

// One choice question or checkbox of the page with its measured options.
struct MarkField {
    FieldType type = FieldType::Choice;
    std::vector<OptionMeasure> options;
};

struct PageMarks {
    std::vector<ChoiceReading> readings;  // one per field, in the order given
    Baseline base;                        // the page's empty bubbles
    double writer_tone = 0;               // how dark the writer's clear marks are (0..1 of printed black; 0: none)
    int faint = 0;                        // faint marks on the page (read as marks or sent to review)
    bool faint_writer = false;            // the writer marks faintly (light pencil): typically light, or half of them faint
};

// Reads every choice and checkbox field of a page together. On a black-and-white scan
// (bilevel) a light pencil mark survives only as a few dots, so any trace is unclear, not empty.
PageMarks read_marks(const std::vector<MarkField>& fields, bool bilevel);

// Each option's measures above the empty ones `base` (rounded to 0.001), for the reading's
// measurements (the review page shows `fill`; the rest is for people looking into a reading).
std::vector<MeasuredOption> measured_options(const std::vector<OptionMeasure>& options, const Baseline& base);

}  // namespace quizscan

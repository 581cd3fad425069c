// What was measured while reading one field, and its JSON: the one statement of the format of
// readings.measurements (and of what review_items.options copies from it). Each member is the
// JSON key of the same name; a member left empty (nullopt) is a key not written.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace quizscan {

// One bubble of a choice or checkbox field, each measure above the page's empty bubbles
// (scan/bubbles.hpp says what each is). The review page shows `fill`.
struct MeasuredOption {
    std::string value;  // the option's letter ("a"), or "yes" for the checkbox
    double fill = 0, spill = 0, dark_fill = 0, faint = 0, faint_fill = 0, ink_fill = 0, ink_ring = 0;
    double tone = 0, stroke = 0;  // these two as measured, not above the empty bubbles
};

// JSON "state": "empty", "digit" or "unclear" (any other text, or none, reads as unclear: inked).
enum class BoxState { Empty, Digit, Unclear };

// One digit box of a handwritten number as the digit reader saw it.
struct MeasuredBox {
    BoxState state = BoxState::Unclear;
    int digit = -1;          // the best digit (a guess when unclear)
    double confidence = 0;   // 0..1
    std::string flag;        // "", "stray-mark", "two-digits", ... (icr/number_reader.hpp)
};

// One column of a spare sheet's ID grid.
struct MeasuredColumn {
    std::string marked;       // the marked digits ("" none)
    bool unclear = false;     // the column needs a person
    std::vector<double> fill; // each bubble "0".."9": its fill above the grid's empty bubbles
};

// The JSON object, by field kind (nlohmann writes the keys sorted):
//   choice, checkbox  {"baseline_fill", "options": [MeasuredOption], "writer_tone"}
//   number            {"blank", "boxes": [MeasuredBox], "decimal_boxes"}; {} without digit models
//   digit grid        {"baseline_fill", "columns": [MeasuredColumn]}  (spare_pages.measurements only)
//   any of these, on a placed page: "print_seen"; "outside_image" when not seen whole;
//     "ink_beside_mm2" (a blank answer), "ink_outside_boxes_mm2" (a written number)
//   a page not placed  {"unregistered": true}
//   a typed answer     {"file", "line", "problem"?, "raw"?, "source": "google-forms", "timestamp"}
// Written by scan/read_fields.cpp, scan/digit_grid.cpp, store/forms_store.cpp; stored by
// store/scan_store.cpp (readings.measurements) and store/spare_sheets.cpp (spare_pages.measurements:
// {"grid", "why", "written"}). Read through these types by scan/digit_grid.cpp, scan/spare_page.cpp
// and store/scan_store.cpp; by key elsewhere:
//   review_items.options of a choice, checkbox or number item is the "options" list, else the
//     "boxes" list: copied by store/scan_store.cpp (typed), store/reconcile.cpp (SQL json_extract
//     '$.options', '$.boxes') and review/follow_up.cpp (SQL json_extract '$.boxes'); read there by
//     review/api_json.cpp (each option's "value", "fill": the review page's choices[].fill) and
//     review/validate.cpp ("value"), which take any item kind's options, so stay untyped.
//   scripts/icr/reviewed.py: "boxes" (state, digit, flag) and "decimal_boxes".
//   tests/scan/written_outside_test.cpp: '$.ink_outside_boxes_mm2'.
struct FieldMeasurements {
    // choice and checkbox
    std::optional<std::vector<MeasuredOption>> options;
    std::optional<double> baseline_fill;  // the page's (a grid: its own) empty bubbles' fill
    std::optional<double> writer_tone;    // how dark the writer's clear marks are (0: none)
    // number
    std::optional<std::vector<MeasuredBox>> boxes;
    std::optional<bool> blank;            // every box empty
    std::optional<int> decimal_boxes;     // the last so many boxes follow the printed point
    // digit grid
    std::optional<std::vector<MeasuredColumn>> columns;
    // where the field was read, and what was found around it
    std::optional<double> print_seen;            // least share of its outline print seen
    std::optional<bool> outside_image;           // present: not seen whole (true: cut off the image)
    std::optional<double> ink_beside_mm2;        // writing beside a blank answer
    std::optional<double> ink_outside_boxes_mm2; // writing around a number's boxes
    std::optional<bool> unregistered;            // the page could not be placed: nothing was read
    // a typed answer (import-forms): where it came from
    std::optional<std::string> source, file, timestamp, raw, problem;
    std::optional<int> line;

    // Not seen whole (cut off, folded away, off the paper): an empty box or column may hide ink.
    bool unseen() const { return outside_image.has_value(); }
};

const char* to_string(BoxState s);
BoxState box_state(const std::string& s);

// nlohmann's ADL conversions. from_json takes any subset of the keys (what is missing is left
// empty or at its default; null, or anything but an object, is nothing measured); a key holding
// the wrong JSON type throws nlohmann::json::type_error.
void to_json(nlohmann::json& j, const MeasuredOption& o);
void from_json(const nlohmann::json& j, MeasuredOption& o);
void to_json(nlohmann::json& j, const MeasuredBox& b);
void from_json(const nlohmann::json& j, MeasuredBox& b);
void to_json(nlohmann::json& j, const MeasuredColumn& c);
void from_json(const nlohmann::json& j, MeasuredColumn& c);
void to_json(nlohmann::json& j, const FieldMeasurements& m);
void from_json(const nlohmann::json& j, FieldMeasurements& m);

}  // namespace quizscan

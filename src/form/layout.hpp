// The layout engine: places every printed element of the form on Letter or A4 pages,
// and the JSON view of the geometry that outside tools rely on (DESIGN.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/form.hpp"
#include "core/layout.hpp"

namespace quizscan {

struct Paper {
    std::string name;  // "letter" or "a4"
    double width_mm;
    double height_mm;
};

// "letter" or "a4"; throws std::invalid_argument naming the accepted values otherwise.
Paper paper_by_name(const std::string& name);

// Lays the form out. Throws std::runtime_error when it does not fit the paper.
Layout make_layout(const Form& form, const Paper& paper);

// The spare sheet (no printed participant; the attendee writes the ID): every field where
// make_layout puts it, and on the front an ID area of six comb boxes over a 6x10 bubble grid
// (fields participant_id and participant_id_grid). See spare_layout.cpp. Throws
// std::runtime_error when the ID area and the front's text do not fit.
Layout make_spare_layout(const Form& form, const Paper& paper);

// The "How to mark" paragraph (pango markup) both sheets print.
std::string marking_markup(const Form& form);

// The 4-hex fingerprint of what the reader relies on (fiducials, every field's marks).
std::string layout_fingerprint(const Layout& layout);

// The geometry contract of `quizscan layout --json`.
nlohmann::json layout_json(const Layout& layout);

}  // namespace quizscan

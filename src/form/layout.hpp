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

// The geometry contract of `quizscan layout --json`.
nlohmann::json layout_json(const Layout& layout);

}  // namespace quizscan

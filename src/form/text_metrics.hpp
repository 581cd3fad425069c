// Measures wrapped text with pango, in millimetres, exactly as print will lay it out.
#pragma once

#include <string>

#include "core/layout.hpp"

namespace quizscan {

struct TextExtent {
    double w_mm = 0;
    double h_mm = 0;
};

// Height and width of `markup` (pango markup) in `style`, wrapped at `wrap_mm` (0 = no wrap).
// Throws std::runtime_error when the sheet's font is not installed.
TextExtent measure_text(const std::string& markup, TextStyle style, double wrap_mm);

// Escapes text for pango markup.
std::string markup_escape(const std::string& text);

}  // namespace quizscan

// Fonts of the printed sheet, shared by the layout engine (which measures text) and
// print (which draws it), so what is measured is exactly what is printed.
#pragma once

#include <string>

#include "core/layout.hpp"

namespace quizscan {

// The one font family the sheet uses (Debian fonts-liberation, installed by install-deps).
inline constexpr const char* kSheetFont = "Liberation Sans";
inline constexpr const char* kSheetMonoFont = "Liberation Mono";
// A condensed face of the same family (also fonts-liberation): text a spare sheet sets narrower.
inline constexpr const char* kSheetNarrowFont = "Liberation Sans Narrow";

struct FontSpec {
    const char* family;
    double size_pt;
    bool bold;
    double line_spacing;  // multiple of the font's natural line height
};

inline FontSpec font_for(TextStyle s) {
    switch (s) {
        case TextStyle::Title: return {kSheetFont, 15.0, true, 1.0};
        case TextStyle::Subtitle: return {kSheetFont, 9.0, false, 1.0};
        case TextStyle::Session: return {kSheetFont, 22.0, true, 1.0};
        case TextStyle::Heading: return {kSheetFont, 10.0, true, 1.0};
        case TextStyle::Body: return {kSheetFont, 9.5, false, 1.0};
        case TextStyle::Small: return {kSheetFont, 8.5, false, 1.0};
        case TextStyle::Option: return {kSheetFont, 9.5, false, 1.0};
        case TextStyle::Label: return {kSheetFont, 9.5, true, 1.0};
        case TextStyle::Mono: return {kSheetMonoFont, 9.0, false, 1.0};
        case TextStyle::IdDigits: return {kSheetMonoFont, 17.0, true, 1.0};
        case TextStyle::SmallNarrow: return {kSheetNarrowFont, 8.5, false, 1.0};
    }
    return {kSheetFont, 9.5, false, 1.0};
}

}  // namespace quizscan

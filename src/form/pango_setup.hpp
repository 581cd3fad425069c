// Pango/cairo settings shared by measuring and drawing: hinting off, so text wraps the
// same at every resolution and on every surface.
#pragma once

#include <pango/pangocairo.h>

#include "core/layout.hpp"

namespace quizscan {

// Prepares `layout` for `style` and wrap width (mm; 0 = no wrap). Units: 1 user unit = 1 mm.
void configure_layout(PangoLayout* layout, TextStyle style, double wrap_mm, bool align_right);
// Turns off hint metrics on a pango context.
void configure_context(PangoContext* ctx);
// True when fontconfig resolves the sheet's font family to itself (not a fallback).
bool sheet_font_available();
// The same for the condensed face spare sheets use (TextStyle::SmallNarrow).
bool narrow_font_available();

}  // namespace quizscan

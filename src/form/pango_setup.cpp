// Pango/cairo configuration shared by the layout engine and the PDF printer.
#include "form/pango_setup.hpp"

#include <fontconfig/fontconfig.h>

#include <string>

#include "core/geometry.hpp"
#include "form/text_style.hpp"

namespace quizscan {

void configure_context(PangoContext* ctx) {
    cairo_font_options_t* opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, opts);
    cairo_font_options_destroy(opts);
    pango_context_set_round_glyph_positions(ctx, FALSE);
    // User units are mm: a font of S pt is S * kPtToMm mm.
    pango_cairo_context_set_resolution(ctx, 72.0);
}

void configure_layout(PangoLayout* layout, TextStyle style, double wrap_mm, bool align_right) {
    const FontSpec f = font_for(style);
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, f.family);
    pango_font_description_set_weight(desc, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // At 72 dpi one "point" of pango is one user unit (mm here), so scale sizes to mm.
    pango_font_description_set_absolute_size(desc, f.size_pt * kPtToMm * PANGO_SCALE);
    pango_layout_set_font_description(layout, desc);
    pango_font_description_free(desc);
    if (wrap_mm > 0) {
        pango_layout_set_width(layout, static_cast<int>(wrap_mm * PANGO_SCALE));
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout, align_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

namespace {

// True when fontconfig resolves `family` to itself (not a fallback).
bool resolves_to_itself(const char* family) {
    FcInit();
    FcPattern* pat = FcNameParse(reinterpret_cast<const FcChar8*>(family));
    FcConfigSubstitute(nullptr, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern* match = FcFontMatch(nullptr, pat, &res);
    FcChar8* got = nullptr;
    const bool same = match && FcPatternGetString(match, FC_FAMILY, 0, &got) == FcResultMatch &&
                      std::string(reinterpret_cast<char*>(got)) == family;
    if (match) FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return same;
}

}  // namespace

bool sheet_font_available() {
    static const bool ok = resolves_to_itself(kSheetFont) && resolves_to_itself(kSheetMonoFont);
    return ok;
}

bool narrow_font_available() {
    static const bool ok = resolves_to_itself(kSheetNarrowFont);
    return ok;
}

}  // namespace quizscan

// Text measurement for the layout engine (pango on a cairo recording context).
#include "form/text_metrics.hpp"

#include <glib.h>

#include <memory>
#include <stdexcept>

#include "form/pango_setup.hpp"
#include "form/text_style.hpp"

namespace quizscan {

TextExtent measure_text(const std::string& markup, TextStyle style, double wrap_mm) {
    if (!sheet_font_available())
        throw std::runtime_error(std::string("the sheet font '") + kSheetFont +
                                 "' is not installed: run scripts/install-deps (Debian package fonts-liberation)");
    static PangoFontMap* font_map = pango_cairo_font_map_new();
    static PangoContext* ctx = [] {
        PangoContext* c = pango_font_map_create_context(font_map);
        configure_context(c);
        return c;
    }();
    std::unique_ptr<PangoLayout, decltype(&g_object_unref)> layout(pango_layout_new(ctx), g_object_unref);
    configure_layout(layout.get(), style, wrap_mm, false);
    pango_layout_set_markup(layout.get(), markup.c_str(), -1);
    PangoRectangle logical;
    pango_layout_get_extents(layout.get(), nullptr, &logical);
    return {static_cast<double>(logical.width) / PANGO_SCALE, static_cast<double>(logical.height) / PANGO_SCALE};
}

std::string markup_escape(const std::string& text) {
    char* e = g_markup_escape_text(text.c_str(), -1);
    std::string out(e);
    g_free(e);
    return out;
}

}  // namespace quizscan

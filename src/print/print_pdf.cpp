// PDF rendering of the layout with cairo + pango: text, bubbles, comb boxes, tables,
// fiducials and the per-page QR code. Drawing is in mm (the layout's unit).
#include "print/print_pdf.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "core/geometry.hpp"
#include "core/payload.hpp"
#include "form/pango_setup.hpp"
#include "form/text_metrics.hpp"
#include "print/barcode.hpp"

namespace quizscan {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
    return s;
}

struct Painter {
    cairo_t* cr;
    PangoContext* ctx;

    void text(const TextBlock& t, const std::string& markup) const {
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> l(pango_layout_new(ctx), g_object_unref);
        configure_layout(l.get(), t.style, t.box.w, t.align_right);
        pango_layout_set_markup(l.get(), markup.c_str(), -1);
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_move_to(cr, t.box.x, t.box.y);
        pango_cairo_show_layout(cr, l.get());
    }
    void fill_rect(const RectMm& r, double grey = 0) const {
        cairo_set_source_rgb(cr, grey, grey, grey);
        cairo_new_path(cr);
        cairo_rectangle(cr, r.x, r.y, r.w, r.h);
        cairo_fill(cr);
    }
    void fiducial(const Fiducial& f) const {
        const double m = f.size / 7.0;
        const double x = f.center.x - f.size / 2, y = f.center.y - f.size / 2;
        fill_rect({x, y, f.size, f.size}, 0);
        fill_rect({x + m, y + m, 5 * m, 5 * m}, 1);
        fill_rect({x + 2 * m, y + 2 * m, 3 * m, 3 * m}, 0);
    }
    void bubble(const BubbleGeom& b) const {
        cairo_new_path(cr);
        cairo_save(cr);
        cairo_translate(cr, b.center.x, b.center.y);
        cairo_scale(cr, b.w / 2, b.h / 2);
        cairo_arc(cr, 0, 0, 1, 0, 2 * kPi);
        cairo_restore(cr);
        cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
        cairo_set_line_width(cr, 0.28);
        cairo_stroke(cr);
        // The option letter, small and light, inside the bubble.
        std::unique_ptr<PangoLayout, decltype(&g_object_unref)> l(pango_layout_new(ctx), g_object_unref);
        configure_layout(l.get(), TextStyle::Small, 0, false);
        PangoFontDescription* d = pango_font_description_from_string("Liberation Sans 6");
        pango_font_description_set_absolute_size(d, 6.0 * kPtToMm * PANGO_SCALE);
        pango_layout_set_font_description(l.get(), d);
        pango_font_description_free(d);
        pango_layout_set_text(l.get(), b.value.c_str(), -1);
        PangoRectangle ink, logical;
        pango_layout_get_extents(l.get(), &ink, &logical);
        const double w = static_cast<double>(logical.width) / PANGO_SCALE, h = static_cast<double>(logical.height) / PANGO_SCALE;
        cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
        cairo_move_to(cr, b.center.x - w / 2, b.center.y - h / 2);
        pango_cairo_show_layout(cr, l.get());
    }
    void checkbox(const BubbleGeom& b) const {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_set_line_width(cr, 0.3);
        cairo_new_path(cr);
        cairo_rectangle(cr, b.center.x - b.w / 2, b.center.y - b.h / 2, b.w, b.h);
        cairo_stroke(cr);
    }
    void comb(const FieldGeom& f) const {
        cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
        cairo_set_line_width(cr, kCombLineW);
        cairo_new_path(cr);
        for (const auto& b : f.boxes) {
            cairo_rectangle(cr, b.x, b.y, b.w, b.h);
            cairo_stroke(cr);
        }
        if (f.decimal_boxes > 0) {
            cairo_set_source_rgb(cr, 0, 0, 0);
            cairo_new_path(cr);
            cairo_arc(cr, f.decimal_point.x, f.decimal_point.y, 0.65, 0, 2 * kPi);
            cairo_fill(cr);
        }
    }
    void table(const TableGeom& t) const {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        cairo_set_line_width(cr, 0.2);
        cairo_new_path(cr);
        for (std::size_t r = 0; r <= t.cells.size(); ++r) {
            const double y = t.box.y + t.row_h * static_cast<double>(r);
            cairo_move_to(cr, t.box.x, y);
            cairo_line_to(cr, t.box.right(), y);
        }
        cairo_stroke(cr);
        for (std::size_t r = 0; r < t.cells.size(); ++r)
            for (std::size_t c = 0; c < t.cells[r].size(); ++c) {
                const std::string cell = markup_escape(t.cells[r][c]);
                text({{t.col_x[c] + 1.5, t.row_y[r] + 0.8, 0, t.row_h}, "", TextStyle::Option, false},
                     r == 0 ? "<b>" + cell + "</b>" : cell);
            }
    }
    void barcode(const RectMm& area, const std::string& payload) const {
        const ModuleGrid g = encode_qr(payload);
        const double m = std::min(area.w / g.width, area.h / g.height);
        const double x0 = area.right() - m * g.width, y0 = area.y;
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_new_path(cr);
        for (int y = 0; y < g.height; ++y)
            for (int x = 0; x < g.width; ++x)
                if (g.at(x, y)) cairo_rectangle(cr, x0 + x * m, y0 + y * m, m, m);
        cairo_fill(cr);
    }
};

// Who a sheet is for: a participant (personal sheet) or a serial (spare sheet).
struct SheetLabel {
    std::string participant, serial;
};

void print_pages(const Form& form, const Layout& layout, const std::vector<SheetLabel>& sheets, const std::string& session,
                 const std::string& out_pdf) {
    const double pt = 72.0 / kMmPerInch;
    cairo_surface_t* surface = cairo_pdf_surface_create(out_pdf.c_str(), layout.width_mm * pt, layout.height_mm * pt);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw std::runtime_error(out_pdf + ": cannot create the PDF (check the folder exists and is writable)");
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (form.title + " — " + session).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "quizscan");
    cairo_t* cr = cairo_create(surface);
    cairo_scale(cr, pt, pt);
    PangoContext* ctx = pango_cairo_create_context(cr);
    configure_context(ctx);
    const Painter paint{cr, ctx};
    const std::string session_text = session == "pre" ? "PRE" : "POST";

    for (const auto& sheet : sheets) {
        for (const auto& page : layout.pages) {
            for (const auto& r : page.rules) paint.fill_rect(r);
            for (const auto& f : page.fiducials) paint.fiducial(f);
            for (const auto& t : page.texts)
                paint.text(t, replace_all(replace_all(replace_all(t.markup, "{session}", session_text), "{participant}", sheet.participant),
                                          "{serial}", sheet.serial));
            for (const auto& t : page.tables) paint.table(t);
            for (const auto& f : page.fields) {
                if (f.type == FieldType::Number) paint.comb(f);
                for (const auto& o : f.options) f.type == FieldType::Checkbox ? paint.checkbox(o) : paint.bubble(o);
            }
            PageId pid{form.id, form.version, layout.paper, session, sheet.participant, page.page, layout.fingerprint};
            pid.serial = sheet.serial;
            paint.barcode(page.barcode, encode_payload(pid));
            cairo_show_page(cr);
        }
    }
    g_object_unref(ctx);
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (st != CAIRO_STATUS_SUCCESS)
        throw std::runtime_error(out_pdf + ": writing the PDF failed: " + cairo_status_to_string(st));
}

}  // namespace

void print_sheets(const Form& form, const Layout& layout, const std::vector<std::string>& ids,
                  const std::string& session, const std::string& out_pdf) {
    if (layout.spare) throw std::invalid_argument("print_sheets: a spare layout prints with print_spare_sheets");
    std::vector<SheetLabel> sheets;
    for (const auto& id : ids) sheets.push_back({id, ""});
    print_pages(form, layout, sheets, session, out_pdf);
}

void print_spare_sheets(const Form& form, const Layout& spare_layout, const std::vector<std::string>& serials,
                        const std::string& session, const std::string& out_pdf) {
    if (!spare_layout.spare) throw std::invalid_argument("print_spare_sheets: needs the spare layout (make_spare_layout)");
    std::vector<SheetLabel> sheets;
    for (const auto& s : serials) {
        if (!valid_serial(s)) throw std::invalid_argument("spare sheet serial '" + s + "' is not 1 to 8 digits");
        sheets.push_back({"", s});
    }
    print_pages(form, spare_layout, sheets, session, out_pdf);
}

}  // namespace quizscan

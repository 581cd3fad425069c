// The spare sheet's layout: the personal sheet with its printed participant ID replaced by an
// ID area (six comb boxes over a grid of 6 x 10 bubbles, right under the QR code). Every field,
// fiducial and the QR code stay exactly where the personal sheet has them; only text is moved.
#include "form/layout.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "core/geometry.hpp"
#include "form/pango_setup.hpp"
#include "form/text_metrics.hpp"
#include "form/text_style.hpp"

namespace quizscan {
namespace {

constexpr double kMarginX = 18.0;         // as layout.cpp
constexpr int kIdDigits = 6;
constexpr double kGridBubbleW = 5.0, kGridBubbleH = 3.1;
constexpr double kGridPitchY = 3.7;       // 0.6 mm of paper between two bubbles of a column
constexpr double kColumnGap = 3.0;        // between the text and the ID column
constexpr double kQuietZone = 1.5;        // free of ink round the QR code
constexpr double kIdBlockW = 44.0;        // session and sheet number, left of the QR code (as layout.cpp)

std::string fmt(const char* f, double a, double b) {
    char buf[200];
    std::snprintf(buf, sizeof buf, f, a, b);
    return buf;
}

double text_h(const std::string& markup, TextStyle style, double w) { return measure_text(markup, style, w).h_mm; }

// The header of either page: the session and the sheet number where the personal sheet prints its
// participant (nothing stands where the OCR fallback reads a printed ID). Returns the block's bottom.
double spare_id_block(PageLayout& p, bool front) {
    const double top = 14.0, x = p.barcode.x - 3.0 - kIdBlockW;
    const double session_h = text_h("POST", TextStyle::Session, 0);
    p.texts.push_back({{x, top, kIdBlockW, session_h}, "{session}", TextStyle::Session, true});
    double y = top + session_h - 1.5;
    const std::string number = "Spare sheet no. {serial}";
    const double nh = text_h(number, TextStyle::Small, kIdBlockW);
    p.texts.push_back({{x, y, kIdBlockW, nh}, number, TextStyle::Small, true});
    y += nh;
    const std::string note = front ? "Write your participant ID below the code and fill one bubble a column."
                                   : "The participant ID is on the front.";
    const double h = text_h(note, TextStyle::SmallNarrow, kIdBlockW);
    p.texts.push_back({{x, y, kIdBlockW, h}, note, TextStyle::SmallNarrow, true});
    return y + h;
}

// Drops the texts the personal sheet prints for its participant (label and digits).
void drop_participant_texts(PageLayout& p) {
    std::erase_if(p.texts, [&](const TextBlock& t) {
        return t.markup == "{participant}" || t.markup == "{session}" || t.markup == "Participant ID";
    });
}

// The comb boxes and the grid in a column right under the QR code, `x0` its left edge.
// Returns the column's bottom.
double add_id_column(PageLayout& p, double x0) {
    double y = p.barcode.bottom() + kQuietZone;
    const std::string label = "<b>Participant ID</b>";
    const double lh = text_h(label, TextStyle::Small, 0);
    p.texts.push_back({{x0, y, kIdDigits * (kCombBoxW + kCombBoxGap) - kCombBoxGap, lh}, label, TextStyle::Small, false});
    y += lh + 1.6;  // clear of the box crops (kBoxCropMarginMm): a descender is no ink beyond the box
    FieldGeom boxes;
    boxes.id = kSpareIdField;
    boxes.type = FieldType::Number;
    boxes.decimal_boxes = 0;
    for (int i = 0; i < kIdDigits; ++i) boxes.boxes.push_back({x0 + i * (kCombBoxW + kCombBoxGap), y, kCombBoxW, kCombBoxH});
    const double w = boxes.boxes.back().right() - x0;
    boxes.region = {x0 - 1.5, y - 1.5, w + 3, kCombBoxH + 3};
    y += kCombBoxH + 1.8;  // the grid's first bubbles clear of the box crops too
    FieldGeom grid;
    grid.id = kSpareIdGridField;
    grid.type = FieldType::DigitGrid;
    for (const auto& b : boxes.boxes)
        for (int d = 0; d <= 9; ++d)
            grid.options.push_back({std::to_string(d), {b.center().x, y + kGridBubbleH / 2 + d * kGridPitchY}, kGridBubbleW, kGridBubbleH});
    const double bottom = grid.options.back().center.y + kGridBubbleH / 2;
    grid.region = {x0 - 1.5, y - 1.0, w + 3, bottom - y + 2.0};
    p.id_area = {x0 - 2, boxes.region.y - lh - 1, w + 4, bottom - boxes.region.y + lh + 2.5};
    p.fields.push_back(std::move(boxes));
    p.fields.push_back(std::move(grid));
    return bottom;
}

// The research notice in a box from `top` to the personal sheet's bottom rule, between x0 and
// x1, its text ending above the NO RESEARCH label. Regular small text if it fits, else narrow.
void add_consent(PageLayout& p, const Form& form, double x0, double x1, double top, double label_y, double bottom) {
    const double in0 = x0 + 2.5, in1 = x1 - 2.5;
    for (TextStyle style : {TextStyle::Small, TextStyle::SmallNarrow}) {
        std::vector<TextBlock> blocks;
        double y = top + 1.5;
        auto put = [&](const std::string& markup, double gap) {
            const double h = text_h(markup, style, in1 - in0);
            blocks.push_back({{in0, y, in1 - in0, h}, markup, style, false});
            y += h + gap;
        };
        put("<b>" + markup_escape(form.consent_title) + "</b>", 0.5);
        for (const auto& para : form.consent) put(markup_escape(para), 0.6);
        if (y > label_y) continue;
        p.texts.insert(p.texts.end(), blocks.begin(), blocks.end());
        const double t = 0.3;
        p.rules.push_back({x0, top, x1 - x0, t});
        p.rules.push_back({x0, bottom, x1 - x0, t});
        p.rules.push_back({x0, top, t, bottom - top});
        p.rules.push_back({x1 - t, top, t, bottom - top + t});
        return;
    }
    throw std::runtime_error(fmt("the spare sheet's research notice does not fit beside its ID area (%.0f mm wide, %.1f mm high)",
                                 in1 - in0, label_y - top));
}

// Sets the front's text round the ID column: title, subtitle and the marking instructions at the top
// left, the research notice below them, both narrower than on the personal sheet.
void relayout_front(PageLayout& p, const Form& form, double W) {
    const auto nr = std::find_if(p.fields.begin(), p.fields.end(), [](const FieldGeom& f) { return f.id == "no_research"; });
    if (nr == p.fields.end())
        throw std::runtime_error("form '" + form.id + "' has no consent block: spare sheets set their ID area beside it, so this form has none yet (print personal sheets with --ids or --id)");
    const RectMm row = nr->region;
    const double band_bottom = row.bottom();  // the personal sheet's notice box ends here; questions follow
    // Everything printed above the NO RESEARCH row is text and rules: set again below.
    std::erase_if(p.texts, [&](const TextBlock& t) { return t.box.y < row.y; });
    std::erase_if(p.rules, [&](const RectMm& r) { return r.y <= band_bottom + 0.01; });
    const double col_x0 = p.barcode.right() - (kIdDigits * (kCombBoxW + kCombBoxGap) - kCombBoxGap);
    const double text_x1 = col_x0 - kColumnGap;

    const double block_bottom = spare_id_block(p, true);
    const double head_x1 = p.barcode.x - 3.0 - kIdBlockW - 4.0;
    double y = 15.0;
    auto head = [&](const std::string& markup, TextStyle style, double gap) {
        const double h = text_h(markup, style, head_x1 - kMarginX);
        p.texts.push_back({{kMarginX, y, head_x1 - kMarginX, h}, markup, style, false});
        y += h + gap;
    };
    head(markup_escape(form.title), TextStyle::Title, 1.0);
    head(markup_escape(form.subtitle), TextStyle::Subtitle, 0.8);
    head(marking_markup(form), TextStyle::SmallNarrow, 0.7);
    const double rule_y = std::max(y, block_bottom + 0.7);
    p.rules.push_back({kMarginX, rule_y, text_x1 - kMarginX, 0.5});
    p.header = {kMarginX - 2, 12, W - 2 * kMarginX + 4, rule_y - 12 + 1.5};

    const double column_bottom = add_id_column(p, col_x0);
    if (column_bottom > band_bottom + 1.0)
        throw std::runtime_error(fmt("the spare sheet's ID grid ends at %.1f mm, below the research notice (%.1f mm)", column_bottom,
                                     band_bottom));
    // The NO RESEARCH label and its field's picture end before the ID column.
    for (auto& t : p.texts)
        if (t.style == TextStyle::Label && t.box.y >= row.y && t.box.bottom() <= row.bottom()) t.box.w = text_x1 - 2.5 - t.box.x;
    nr->region.w = text_x1 - 0.5 - nr->region.x;
    const double label_y = nr->options.front().center.y - nr->options.front().h / 2 - 0.6;
    add_consent(p, form, kMarginX, text_x1, rule_y + 1.8, label_y, band_bottom);
}

}  // namespace

Layout make_spare_layout(const Form& form, const Paper& paper) {
    if (!narrow_font_available())
        throw std::runtime_error(std::string("the font '") + kSheetNarrowFont +
                                 "' spare sheets use is not installed: run scripts/install-deps (Debian package fonts-liberation)");
    Layout l = make_layout(form, paper);
    l.spare = true;
    for (auto& p : l.pages) {
        drop_participant_texts(p);
        if (p.page == 1) relayout_front(p, form, l.width_mm);
        else spare_id_block(p, false);
    }
    l.fingerprint = layout_fingerprint(l);
    return l;
}

}  // namespace quizscan

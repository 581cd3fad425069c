// Layout engine: a two-page sheet (front: header, consent, instructions, first questions;
// back: the rest), with corner fiducials and the barcode on both pages.
#include "form/layout.hpp"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/geometry.hpp"
#include "form/text_metrics.hpp"

namespace quizscan {
namespace {

constexpr double kMarginX = 18.0;       // content left/right margin
constexpr double kFiducialInset = 10.0; // fiducial centre from the page edges
constexpr double kFiducialSize = 8.0;
constexpr double kBarcodeSize = 18.0;
constexpr double kBubbleW = 5.0, kBubbleH = 3.6;
constexpr double kCheckboxSize = 4.2;
constexpr double kQuestionGap = 3.2;

// Places blocks top to bottom on one page.
struct Cursor {
    PageLayout& page;
    double x0, x1, y;

    double width() const { return x1 - x0; }

    // Adds a text block at x (default x0) wrapped to w (default to the right margin); returns its height.
    double text(const std::string& markup, TextStyle style, double x = -1, double w = -1) {
        if (x < 0) x = x0;
        if (w < 0) w = x1 - x;
        const TextExtent e = measure_text(markup, style, w);
        page.texts.push_back({{x, y, w, e.h_mm}, markup, style, false});
        return e.h_mm;
    }
    void advance(double dy) { y += dy; }
    void rule(double thickness = 0.3) {
        page.rules.push_back({x0, y, width(), thickness});
    }
};

void add_fiducials(PageLayout& p, double W, double H) {
    const double a = kFiducialInset;
    p.fiducials = {{{a, a}, kFiducialSize},         {{W - a, a}, kFiducialSize},
                   {{W - a, H - a}, kFiducialSize}, {{a, H - a}, kFiducialSize},
                   {{a, H / 2}, kFiducialSize},     {{W - a, H / 2}, kFiducialSize}};
}

// "Back of the sheet — questions 6 to 10 (continued from the front)": the numbers of the form's back-page questions.
std::string back_subtitle(const Form& form) {
    std::vector<int> n;
    for (const auto& q : form.questions)
        if (q.page == 2) n.push_back(q.number);
    const std::string which = n.empty() ? "" : n.size() == 1 ? " — question " + std::to_string(n.front())
                                                            : " — questions " + std::to_string(n.front()) + " to " + std::to_string(n.back());
    return "Back of the sheet" + which + " (continued from the front)";
}

// Header: title left; session, participant ID and barcode right. Returns the y below it.
double add_header(PageLayout& p, const Form& form, double W, bool front) {
    const double top = 15.0;
    const double right = W - kMarginX;
    p.barcode = {right - kBarcodeSize, top, kBarcodeSize, kBarcodeSize};
    const double id_w = 44.0;
    const double id_x = p.barcode.x - 3.0 - id_w;
    // Session and ID are filled per participant at print time; the layout reserves the boxes.
    const double session_h = measure_text("POST", TextStyle::Session, 0).h_mm;
    p.texts.push_back({{id_x, top - 1.0, id_w, session_h}, "{session}", TextStyle::Session, true});
    const double label_h = measure_text("Participant ID", TextStyle::Small, 0).h_mm;
    p.texts.push_back({{id_x, top + session_h - 1.5, id_w, label_h}, "Participant ID", TextStyle::Small, true});
    const double digits_h = measure_text("000000", TextStyle::IdDigits, 0).h_mm;
    p.id_digits = {id_x, top + session_h - 1.5 + label_h, id_w, digits_h};
    p.texts.push_back({p.id_digits, "{participant}", TextStyle::IdDigits, true});

    Cursor c{p, kMarginX, id_x - 4.0, top};
    c.advance(c.text(markup_escape(form.title), TextStyle::Title) + 1.0);
    const std::string sub = front ? form.subtitle : back_subtitle(form);
    c.advance(c.text(markup_escape(sub), TextStyle::Subtitle));
    const double bottom = std::max({c.y, p.barcode.bottom(), p.id_digits.bottom()}) + 2.5;
    p.header = {kMarginX - 2, top - 3, W - 2 * kMarginX + 4, bottom - top + 4};
    p.rules.push_back({kMarginX, bottom, W - 2 * kMarginX, 0.5});
    return bottom + 3.0;
}

void add_choice(Cursor& c, const Question& q) {
    FieldGeom f;
    f.id = q.id;
    f.type = FieldType::Choice;
    const double top = c.y;
    const double first_line = measure_text("Xg", TextStyle::Option, 0).h_mm;
    // Short options go in two columns (a b / c d), long ones one per row.
    const double col_w = (c.width() - 10.5) / 2;
    bool two_columns = q.options.size() % 2 == 0;
    for (const auto& o : q.options)
        two_columns = two_columns && measure_text(markup_escape(o.text), TextStyle::Option, 0).w_mm < col_w - 10.5;
    const int per_row = two_columns ? 2 : 1;
    for (std::size_t i = 0; i < q.options.size(); i += per_row) {
        double row_h = 4.6;
        for (int k = 0; k < per_row; ++k) {
            const auto& o = q.options[i + k];
            const double col_x = c.x0 + col_w * k;
            row_h = std::max(row_h, c.text(markup_escape(o.text), TextStyle::Option, col_x + 10.5,
                                           two_columns ? col_w - 10.5 : -1));
            // The bubble sits on the option's first line.
            f.options.push_back({o.value, {col_x + 5.5, c.y + first_line / 2}, kBubbleW, kBubbleH});
        }
        c.advance(row_h + 0.9);
    }
    f.region = {c.x0, top - 1.0, c.width(), c.y - top + 0.5};
    c.page.fields.push_back(std::move(f));
}

void add_number(Cursor& c, const NumberField& n) {
    FieldGeom f;
    f.id = n.id;
    f.type = FieldType::Number;
    f.decimal_boxes = n.decimal_boxes;
    const double label_w = 34.0;
    const double box_y = c.y;
    double x = c.x0 + 5.5 + label_w;
    for (int i = 0; i < n.int_boxes + n.decimal_boxes; ++i) {
        if (i == n.int_boxes) {
            f.decimal_point = {x - kCombBoxGap + kCombDecimalGap / 2, box_y + kCombBoxH - 1.0};
            x += kCombDecimalGap - kCombBoxGap;
        }
        f.boxes.push_back({x, box_y, kCombBoxW, kCombBoxH});
        x += kCombBoxW + kCombBoxGap;
    }
    const double label_h = measure_text("Xg", TextStyle::Label, 0).h_mm;
    c.page.texts.push_back({{c.x0 + 5.5, box_y + (kCombBoxH - label_h) / 2, label_w - 3, label_h},
                            markup_escape(n.label), TextStyle::Label, false});
    c.page.texts.push_back({{x + 1.5, box_y + (kCombBoxH - label_h) / 2, c.x1 - x - 1.5, label_h},
                            markup_escape(n.unit), TextStyle::Option, false});
    f.region = {c.x0 + 4, box_y - 2, x + 28 - c.x0, kCombBoxH + 4};
    c.page.fields.push_back(std::move(f));
    c.advance(kCombBoxH + 3.0);
}

void add_table(Cursor& c, const Table& t) {
    TableGeom g;
    const double row_h = measure_text("Xg", TextStyle::Option, 0).h_mm + 1.6;
    const double col_w = 38.0;
    const double x = c.x0 + 10.5;
    for (std::size_t i = 0; i < t.header.size(); ++i) g.col_x.push_back(x + col_w * static_cast<double>(i));
    g.cells.push_back(t.header);
    for (const auto& r : t.rows) g.cells.push_back(r);
    for (std::size_t i = 0; i < g.cells.size(); ++i) g.row_y.push_back(c.y + row_h * static_cast<double>(i));
    g.row_h = row_h;
    g.box = {x, c.y, col_w * static_cast<double>(t.header.size()), row_h * static_cast<double>(g.cells.size())};
    c.page.tables.push_back(std::move(g));
    c.advance(c.page.tables.back().box.h + 1.5);
}

void add_question(Cursor& c, const Question& q) {
    std::string stem = "<b>" + std::to_string(q.number) + ".</b>  " + markup_escape(q.stem);
    if (!q.prompt.empty()) stem += " <b>" + markup_escape(q.prompt) + "</b>";
    if (q.kind == QuestionKind::Numbers) stem += "  <i>(" + std::to_string(q.points) + (q.points == 1 ? " point)</i>" : " points)</i>");
    c.advance(c.text(stem, TextStyle::Body) + 1.4);
    if (q.table) add_table(c, *q.table);
    if (q.kind == QuestionKind::Choice) add_choice(c, q);
    else
        for (const auto& n : q.numbers) add_number(c, n);
    c.advance(kQuestionGap);
}

void add_front_matter(Cursor& c, const Form& form) {
    // Marking instructions.
    c.advance(c.text(marking_markup(form), TextStyle::Small) + 2.0);
    if (!form.has_consent()) return;  // a form without a consent block: no box, no NO RESEARCH field

    // Consent box.
    const double box_top = c.y;
    c.x0 += 2.5;
    c.x1 -= 2.5;
    c.advance(1.8);
    c.advance(c.text("<b>" + markup_escape(form.consent_title) + "</b>", TextStyle::Small) + 0.6);
    for (const auto& para : form.consent) c.advance(c.text(markup_escape(para), TextStyle::Small) + 0.8);
    c.advance(0.6);
    FieldGeom nr;
    nr.id = "no_research";
    nr.type = FieldType::Checkbox;
    const double label_h = measure_text("Xg", TextStyle::Label, 0).h_mm;
    nr.options.push_back({"yes", {c.x0 + 1.0 + kCheckboxSize / 2, c.y + label_h / 2}, kCheckboxSize, kCheckboxSize});
    c.text("<b>" + markup_escape(form.no_research_label) + "</b>", TextStyle::Label, c.x0 + kCheckboxSize + 3.5);
    nr.region = {c.x0 - 1, c.y - 2, c.width(), label_h + 4};
    c.page.fields.push_back(std::move(nr));
    c.advance(label_h + 2.0);
    c.x0 -= 2.5;
    c.x1 += 2.5;
    // The box outline as four rules.
    const double t = 0.3;
    c.page.rules.push_back({c.x0, box_top, c.width(), t});
    c.page.rules.push_back({c.x0, c.y, c.width(), t});
    c.page.rules.push_back({c.x0, box_top, t, c.y - box_top});
    c.page.rules.push_back({c.x1 - t, box_top, t, c.y - box_top + t});
    c.advance(4.0);
}

std::uint32_t fnv1a(const std::string& s) {
    std::uint32_t h = 2166136261u;
    for (unsigned char ch : s) h = (h ^ ch) * 16777619u;
    return h;
}

}  // namespace

// A short hash over everything the reader relies on: fiducials and field geometry.
std::string layout_fingerprint(const Layout& l) {
    std::string s;
    char buf[64];
    auto put = [&](double v) {
        std::snprintf(buf, sizeof buf, "%.1f,", v);
        s += buf;
    };
    for (const auto& p : l.pages) {
        for (const auto& f : p.fiducials) put(f.center.x), put(f.center.y);
        for (const auto& f : p.fields) {
            s += f.id;
            for (const auto& o : f.options) put(o.center.x), put(o.center.y);
            for (const auto& b : f.boxes) put(b.x), put(b.y);
        }
    }
    std::snprintf(buf, sizeof buf, "%04x", fnv1a(s) & 0xffff);
    return buf;
}

std::string marking_markup(const Form& form) {
    std::string ins = "<b>How to mark:</b> ";
    for (std::size_t i = 0; i < form.instructions.size(); ++i)
        ins += (i ? "  •  " : "") + markup_escape(form.instructions[i]);
    return ins;
}

Paper paper_by_name(const std::string& name) {
    if (name == "letter") return {"letter", 215.9, 279.4};
    if (name == "a4") return {"a4", 210.0, 297.0};
    throw std::invalid_argument("unknown paper '" + name + "': use letter or a4");
}

Layout make_layout(const Form& form, const Paper& paper) {
    Layout l;
    l.form = form.id;
    l.version = form.version;
    l.paper = paper.name;
    l.width_mm = paper.width_mm;
    l.height_mm = paper.height_mm;
    const double W = paper.width_mm, H = paper.height_mm;
    const double bottom_limit = H - 17.0;  // above the footer and the bottom fiducials

    for (int page_no : {1, 2}) {
        PageLayout p;
        p.page = page_no;
        add_fiducials(p, W, H);
        Cursor c{p, kMarginX, W - kMarginX, add_header(p, form, W, page_no == 1)};
        if (page_no == 1) add_front_matter(c, form);
        for (const auto& q : form.questions)
            if (q.page == page_no) add_question(c, q);
        if (c.y - kQuestionGap > bottom_limit) {
            char msg[200];
            std::snprintf(msg, sizeof msg, "page %d of form '%s' does not fit %s paper: content ends at %.1f mm, limit %.1f mm",
                          page_no, form.id.c_str(), paper.name.c_str(), c.y - kQuestionGap, bottom_limit);
            throw std::runtime_error(msg);
        }
        const std::string footer = markup_escape(form.id) + " v" + std::to_string(form.version) + "  ·  page " +
                                   std::to_string(page_no) + " of 2" +
                                   (page_no == 1 ? "  ·  <b>please turn over</b>" : "  ·  end of quiz");
        const double fh = measure_text(footer, TextStyle::Small, 0).h_mm;
        p.texts.push_back({{kMarginX + 10, H - 12.0 - fh / 2, W - 2 * kMarginX - 20, fh}, footer, TextStyle::Small, false});
        l.pages.push_back(std::move(p));
    }
    l.fingerprint = layout_fingerprint(l);
    return l;
}

nlohmann::json layout_json(const Layout& l) {
    using nlohmann::json;
    auto rect = [](const RectMm& r) { return json::array({r.x, r.y, r.w, r.h}); };
    auto round2 = [](const RectMm& r) {
        auto q = [](double v) { return std::round(v * 100) / 100; };
        return RectMm{q(r.x), q(r.y), q(r.w), q(r.h)};
    };
    auto pt = [](const PointMm& p) {
        return json::array({std::round(p.x * 100) / 100, std::round(p.y * 100) / 100});
    };
    json pages = json::array();
    for (const auto& p : l.pages) {
        json fids = json::array();
        for (const auto& f : p.fiducials) fids.push_back({{"center_mm", pt(f.center)}, {"size_mm", f.size}});
        json fields = json::array();
        for (const auto& f : p.fields) {
            json j{{"id", f.id}};
            auto option = [&](const BubbleGeom& o) {
                return json{{"value", o.value}, {"center_mm", pt(o.center)}, {"size_mm", json::array({o.w, o.h})}};
            };
            if (f.type == FieldType::DigitGrid) {
                j["type"] = "digit_grid";
                json columns = json::array();
                for (const auto& column : grid_columns(f)) {
                    json c = json::array();
                    for (const auto& o : column) c.push_back(option(o));
                    columns.push_back(c);
                }
                j["columns"] = columns;
            } else if (f.type == FieldType::Number) {
                j["type"] = "number";
                j["decimal_boxes"] = f.decimal_boxes;
                json boxes = json::array();
                for (const auto& b : f.boxes) boxes.push_back({{"bbox_mm", rect(round2(b))}});
                j["boxes"] = boxes;
            } else {
                j["type"] = f.type == FieldType::Choice ? "choice" : "checkbox";
                json opts = json::array();
                for (const auto& o : f.options) opts.push_back(option(o));
                j["options"] = opts;
            }
            fields.push_back(j);
        }
        pages.push_back({{"page", p.page},
                         {"fiducials", fids},
                         {"barcode", {{"bbox_mm", rect(round2(p.barcode))}}},
                         {"fields", fields}});
    }
    return {{"form", l.form},
            {"version", l.version},
            {"paper", l.paper},
            {"page_size_mm", json::array({l.width_mm, l.height_mm})},
            {"layout_fingerprint", l.fingerprint},
            {"pages", pages}};
}

}  // namespace quizscan

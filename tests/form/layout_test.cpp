// Layout engine on the shipped form, for Letter and A4: pages, fiducials, every field
// once on the right page, no overlaps, clear of the page edge and the fiducials, the JSON contract.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/geometry.hpp"
#include "form/layout.hpp"
#include "form/load_form.hpp"
#include "form/text_style.hpp"

using namespace quizscan;

namespace {

const Form& shipped() {
    static const Form f = load_form(std::string(QUIZSCAN_SOURCE_DIR) + "/forms/mlsysim-quiz.yaml");
    return f;
}

std::string str(const RectMm& r) {
    char b[96];
    std::snprintf(b, sizeof b, "[x %.2f y %.2f w %.2f h %.2f]", r.x, r.y, r.w, r.h);
    return b;
}

RectMm bubble_rect(const BubbleGeom& b) { return {b.center.x - b.w / 2, b.center.y - b.h / 2, b.w, b.h}; }
RectMm fiducial_rect(const Fiducial& f) {
    return {f.center.x - f.size / 2, f.center.y - f.size / 2, f.size, f.size};
}
RectMm grow(const RectMm& r, double m) { return {r.x - m, r.y - m, r.w + 2 * m, r.h + 2 * m}; }

// True when the two rectangles share more than `tol` mm in both directions.
bool overlap(const RectMm& a, const RectMm& b, double tol = 0) {
    const double ox = std::min(a.right(), b.right()) - std::max(a.x, b.x);
    const double oy = std::min(a.bottom(), b.bottom()) - std::max(a.y, b.y);
    return ox > tol && oy > tol;
}
bool inside(const RectMm& inner, const RectMm& outer) {
    return inner.x >= outer.x - 1e-9 && inner.y >= outer.y - 1e-9 && inner.right() <= outer.right() + 1e-9 &&
           inner.bottom() <= outer.bottom() + 1e-9;
}

// Something printed on the page, with a name for messages.
struct Element {
    std::string what;
    RectMm r;
};

// Everything that is drawn on a page (texts, tables, rules, barcode, bubbles, boxes).
std::vector<Element> printed(const PageLayout& p) {
    std::vector<Element> e;
    for (const auto& t : p.texts) e.push_back({"text '" + t.markup.substr(0, 40) + "'", t.box});
    for (const auto& t : p.tables) e.push_back({"table", t.box});
    for (const auto& r : p.rules) e.push_back({"rule", r});
    e.push_back({"barcode", p.barcode});
    for (const auto& f : p.fields) {
        for (const auto& o : f.options) e.push_back({f.id + "/" + o.value, bubble_rect(o)});
        for (size_t i = 0; i < f.boxes.size(); ++i) e.push_back({f.id + " box " + std::to_string(i), f.boxes[i]});
    }
    return e;
}

// The marks a reader looks at: bubbles, the checkbox, comb boxes.
std::vector<Element> marks(const PageLayout& p) {
    std::vector<Element> e;
    for (const auto& f : p.fields) {
        for (const auto& o : f.options) e.push_back({f.id + "/" + o.value, bubble_rect(o)});
        for (size_t i = 0; i < f.boxes.size(); ++i) e.push_back({f.id + " box " + std::to_string(i), f.boxes[i]});
    }
    return e;
}

class LayoutTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        paper = paper_by_name(GetParam());
        l = make_layout(shipped(), paper);
    }
    Paper paper{};
    Layout l;
};

TEST_P(LayoutTest, TwoPagesOfThePaperSize) {
    EXPECT_EQ(l.form, "mlsysim-quiz");
    EXPECT_EQ(l.version, 1);
    EXPECT_EQ(l.paper, GetParam());
    if (GetParam() == "letter") {
        EXPECT_DOUBLE_EQ(l.width_mm, 215.9);
        EXPECT_DOUBLE_EQ(l.height_mm, 279.4);
    } else {
        EXPECT_DOUBLE_EQ(l.width_mm, 210.0);
        EXPECT_DOUBLE_EQ(l.height_mm, 297.0);
    }
    ASSERT_EQ(l.pages.size(), 2u);
    EXPECT_EQ(l.pages[0].page, 1);
    EXPECT_EQ(l.pages[1].page, 2);
    ASSERT_NE(l.page(1), nullptr);
    ASSERT_NE(l.page(2), nullptr);
    EXPECT_EQ(l.page(3), nullptr);
}

TEST_P(LayoutTest, SixFiducialsCornersFirst) {
    const double W = l.width_mm, H = l.height_mm;
    // TL, TR, BR, BL: each the nearest fiducial to its page corner, within 15 mm of it.
    const PointMm corners[4] = {{0, 0}, {W, 0}, {W, H}, {0, H}};
    for (const auto& p : l.pages) {
        ASSERT_EQ(p.fiducials.size(), 6u) << "page " << p.page;
        for (int c = 0; c < 4; ++c) {
            const auto& f = p.fiducials[static_cast<size_t>(c)];
            EXPECT_LT(std::abs(f.center.x - corners[c].x), 15.0) << "page " << p.page << " fiducial " << c;
            EXPECT_LT(std::abs(f.center.y - corners[c].y), 15.0) << "page " << p.page << " fiducial " << c;
        }
        for (size_t i = 4; i < 6; ++i) {
            const auto& f = p.fiducials[i];
            for (const auto& c : corners)
                EXPECT_GT(std::hypot(f.center.x - c.x, f.center.y - c.y), 40.0) << "extra fiducial " << i << " is at a corner";
        }
        for (const auto& f : p.fiducials) {
            EXPECT_DOUBLE_EQ(f.size, 8.0);
            // Printable: at least 4 mm from every edge.
            EXPECT_TRUE(inside(fiducial_rect(f), {4, 4, W - 8, H - 8})) << str(fiducial_rect(f));
        }
        // No two fiducials overlap, and the six are not symmetric under a half turn
        // only if they must tell orientation; here we only need them distinct.
        for (size_t i = 0; i < 6; ++i)
            for (size_t k = i + 1; k < 6; ++k)
                EXPECT_FALSE(overlap(fiducial_rect(p.fiducials[i]), fiducial_rect(p.fiducials[k])));
    }
}

TEST_P(LayoutTest, EveryFieldOnceOnItsPage) {
    std::map<std::string, int> count;
    std::map<std::string, int> page_of;
    for (const auto& p : l.pages)
        for (const auto& f : p.fields) ++count[f.id], page_of[f.id] = p.page;
    auto want = shipped().field_ids();
    want.push_back("no_research");
    for (const auto& id : want) EXPECT_EQ(count[id], 1) << id;
    EXPECT_EQ(count.size(), want.size()) << "fields that are not in the form";
    for (const auto& id : {"q1", "q2", "q3", "q4", "q5", "no_research"}) EXPECT_EQ(page_of[id], 1) << id;
    for (const auto& id : {"q6_int4", "q6_fp16", "q7_virginia", "q7_quebec", "q8", "q9", "q10"})
        EXPECT_EQ(page_of[id], 2) << id;
}

TEST_P(LayoutTest, FieldKindsAndOptions) {
    for (const auto& p : l.pages)
        for (const auto& f : p.fields) {
            if (f.id == "no_research") {
                EXPECT_EQ(f.type, FieldType::Checkbox);
                ASSERT_EQ(f.options.size(), 1u);
                EXPECT_EQ(f.options[0].value, "yes");
                EXPECT_NEAR(f.options[0].w, f.options[0].h, 1e-9) << "the checkbox is square";
                continue;
            }
            const Question* q = shipped().question(f.id);
            if (q) {
                EXPECT_EQ(f.type, FieldType::Choice) << f.id;
                ASSERT_EQ(f.options.size(), q->options.size()) << f.id;
                for (size_t i = 0; i < f.options.size(); ++i) {
                    EXPECT_EQ(f.options[i].value, q->options[i].value) << f.id;
                    EXPECT_GE(f.options[i].w, 4.0) << f.id;
                    EXPECT_GE(f.options[i].h, 3.0) << f.id;
                }
                EXPECT_TRUE(f.boxes.empty());
            } else {
                EXPECT_EQ(f.type, FieldType::Number) << f.id;
                EXPECT_TRUE(f.options.empty());
            }
        }
}

TEST_P(LayoutTest, NumberFieldsHaveEightCombBoxesTwoDecimals) {
    int n = 0;
    for (const auto& p : l.pages)
        for (const auto& f : p.fields) {
            if (f.type != FieldType::Number) continue;
            ++n;
            ASSERT_EQ(f.boxes.size(), 8u) << f.id;
            EXPECT_EQ(f.decimal_boxes, 2) << f.id;
            for (size_t i = 0; i < 8; ++i) {
                EXPECT_DOUBLE_EQ(f.boxes[i].w, kCombBoxW);
                EXPECT_DOUBLE_EQ(f.boxes[i].h, kCombBoxH);
                EXPECT_DOUBLE_EQ(f.boxes[i].y, f.boxes[0].y) << f.id << " boxes in one row";
                if (i == 0) continue;
                const double gap = f.boxes[i].x - f.boxes[i - 1].right();
                EXPECT_NEAR(gap, i == 6 ? kCombDecimalGap : kCombBoxGap, 1e-9) << f.id << " gap before box " << i;
            }
            // The printed decimal point sits in the wide gap, near the bottom of the boxes.
            EXPECT_GT(f.decimal_point.x, f.boxes[5].right());
            EXPECT_LT(f.decimal_point.x, f.boxes[6].x);
            EXPECT_GT(f.decimal_point.y, f.boxes[5].center().y);
            EXPECT_LT(f.decimal_point.y, f.boxes[5].bottom());
        }
    EXPECT_EQ(n, 4);
}

TEST_P(LayoutTest, NoTwoMarksOverlap) {
    for (const auto& p : l.pages) {
        const auto m = marks(p);
        for (size_t i = 0; i < m.size(); ++i)
            for (size_t k = i + 1; k < m.size(); ++k)
                // At least 0.5 mm of paper between any two marks.
                EXPECT_FALSE(overlap(grow(m[i].r, 0.25), grow(m[k].r, 0.25)))
                    << "page " << p.page << ": " << m[i].what << " " << str(m[i].r) << " and " << m[k].what << " "
                    << str(m[k].r);
    }
}

TEST_P(LayoutTest, MarksClearOfTextAndTables) {
    for (const auto& p : l.pages) {
        std::vector<Element> other;
        for (const auto& t : p.texts) other.push_back({"text '" + t.markup.substr(0, 40) + "'", t.box});
        for (const auto& t : p.tables) other.push_back({"table", t.box});
        for (const auto& r : p.rules) other.push_back({"rule", r});
        for (const auto& m : marks(p))
            for (const auto& o : other)
                EXPECT_FALSE(overlap(m.r, o.r)) << "page " << p.page << ": " << m.what << " " << str(m.r) << " overlaps "
                                                << o.what << " " << str(o.r);
    }
}

TEST_P(LayoutTest, TextBlocksDoNotOverlap) {
    for (const auto& p : l.pages)
        for (size_t i = 0; i < p.texts.size(); ++i)
            for (size_t k = i + 1; k < p.texts.size(); ++k)
                // Logical boxes include line spacing; 0.6 mm of it may be shared.
                EXPECT_FALSE(overlap(p.texts[i].box, p.texts[k].box, 0.6))
                    << "page " << p.page << ": '" << p.texts[i].markup.substr(0, 40) << "' " << str(p.texts[i].box)
                    << " and '" << p.texts[k].markup.substr(0, 40) << "' " << str(p.texts[k].box);
}

TEST_P(LayoutTest, EverythingInsideThePageAndClearOfFiducials) {
    // 5 mm: what office printers leave unprinted at each edge.
    const RectMm printable{5, 5, l.width_mm - 10, l.height_mm - 10};
    for (const auto& p : l.pages) {
        for (const auto& e : printed(p)) {
            EXPECT_TRUE(inside(e.r, printable)) << "page " << p.page << ": " << e.what << " " << str(e.r);
            EXPECT_GT(e.r.w, 0) << e.what;
            EXPECT_GT(e.r.h, 0) << e.what;
            // A 2 mm quiet zone round each fiducial.
            for (const auto& f : p.fiducials)
                EXPECT_FALSE(overlap(e.r, grow(fiducial_rect(f), 2.0)))
                    << "page " << p.page << ": " << e.what << " " << str(e.r) << " near the fiducial at " << f.center.x
                    << "," << f.center.y;
        }
        // The barcode needs its own quiet zone (2 modules ~ 1.5 mm) free of other ink.
        for (const auto& e : printed(p)) {
            if (e.what == "barcode") continue;
            EXPECT_FALSE(overlap(e.r, grow(p.barcode, 1.5))) << "page " << p.page << ": " << e.what << " " << str(e.r)
                                                             << " in the barcode's quiet zone";
        }
    }
}

TEST_P(LayoutTest, FieldRegionsHoldTheirMarks) {
    for (const auto& p : l.pages)
        for (const auto& f : p.fields) {
            for (const auto& o : f.options) EXPECT_TRUE(inside(bubble_rect(o), f.region)) << f.id << "/" << o.value;
            for (const auto& b : f.boxes) EXPECT_TRUE(inside(b, f.region)) << f.id;
            EXPECT_TRUE(inside(f.region, {0, 0, l.width_mm, l.height_mm})) << f.id << " " << str(f.region);
        }
}

TEST_P(LayoutTest, ReadingTextIsAtLeast8_5pt) {
    for (const auto& p : l.pages) {
        for (const auto& t : p.texts)
            EXPECT_GE(font_for(t.style).size_pt, 8.5) << "page " << p.page << ": '" << t.markup.substr(0, 40) << "'";
    }
}

TEST_P(LayoutTest, JsonHasTheDesignKeys) {
    const nlohmann::json j = layout_json(l);
    EXPECT_EQ(j.at("form"), "mlsysim-quiz");
    EXPECT_EQ(j.at("version"), 1);
    ASSERT_TRUE(j.at("page_size_mm").is_array());
    ASSERT_EQ(j["page_size_mm"].size(), 2u);
    EXPECT_NEAR(j["page_size_mm"][0].get<double>(), l.width_mm, 1e-9);
    EXPECT_NEAR(j["page_size_mm"][1].get<double>(), l.height_mm, 1e-9);
    ASSERT_TRUE(j.at("pages").is_array());
    ASSERT_EQ(j["pages"].size(), 2u);
    for (size_t pi = 0; pi < 2; ++pi) {
        const auto& jp = j["pages"][pi];
        const PageLayout& p = l.pages[pi];
        EXPECT_EQ(jp.at("page"), p.page);
        ASSERT_EQ(jp.at("fiducials").size(), p.fiducials.size());
        for (size_t i = 0; i < p.fiducials.size(); ++i) {
            const auto& jf = jp["fiducials"][i];
            ASSERT_EQ(jf.at("center_mm").size(), 2u);
            EXPECT_NEAR(jf["center_mm"][0].get<double>(), p.fiducials[i].center.x, 0.006);
            EXPECT_NEAR(jf["center_mm"][1].get<double>(), p.fiducials[i].center.y, 0.006);
            EXPECT_NEAR(jf.at("size_mm").get<double>(), p.fiducials[i].size, 1e-9);
        }
        const auto& bb = jp.at("barcode").at("bbox_mm");
        ASSERT_EQ(bb.size(), 4u);
        EXPECT_NEAR(bb[0].get<double>(), p.barcode.x, 0.006);
        EXPECT_NEAR(bb[1].get<double>(), p.barcode.y, 0.006);
        EXPECT_NEAR(bb[2].get<double>(), p.barcode.w, 0.006);
        EXPECT_NEAR(bb[3].get<double>(), p.barcode.h, 0.006);
        ASSERT_EQ(jp.at("fields").size(), p.fields.size());
        for (size_t fi = 0; fi < p.fields.size(); ++fi) {
            const auto& jf = jp["fields"][fi];
            const FieldGeom& f = p.fields[fi];
            EXPECT_EQ(jf.at("id"), f.id);
            const std::string type = jf.at("type");
            if (f.type == FieldType::Number) {
                EXPECT_EQ(type, "number");
                EXPECT_EQ(jf.at("decimal_boxes"), f.decimal_boxes);
                ASSERT_EQ(jf.at("boxes").size(), f.boxes.size());
                for (size_t b = 0; b < f.boxes.size(); ++b) {
                    const auto& jb = jf["boxes"][b].at("bbox_mm");
                    ASSERT_EQ(jb.size(), 4u);
                    EXPECT_NEAR(jb[0].get<double>(), f.boxes[b].x, 0.006);
                    EXPECT_NEAR(jb[1].get<double>(), f.boxes[b].y, 0.006);
                    EXPECT_NEAR(jb[2].get<double>(), f.boxes[b].w, 0.006);
                    EXPECT_NEAR(jb[3].get<double>(), f.boxes[b].h, 0.006);
                }
                EXPECT_FALSE(jf.contains("options"));
            } else {
                EXPECT_EQ(type, f.type == FieldType::Choice ? "choice" : "checkbox");
                ASSERT_EQ(jf.at("options").size(), f.options.size());
                for (size_t o = 0; o < f.options.size(); ++o) {
                    const auto& jo = jf["options"][o];
                    EXPECT_EQ(jo.at("value"), f.options[o].value);
                    ASSERT_EQ(jo.at("center_mm").size(), 2u);
                    EXPECT_NEAR(jo["center_mm"][0].get<double>(), f.options[o].center.x, 0.006);
                    EXPECT_NEAR(jo["center_mm"][1].get<double>(), f.options[o].center.y, 0.006);
                    ASSERT_EQ(jo.at("size_mm").size(), 2u);
                    EXPECT_NEAR(jo["size_mm"][0].get<double>(), f.options[o].w, 1e-9);
                    EXPECT_NEAR(jo["size_mm"][1].get<double>(), f.options[o].h, 1e-9);
                }
                EXPECT_FALSE(jf.contains("boxes"));
            }
        }
    }
}

TEST_P(LayoutTest, Deterministic) {
    const Layout again = make_layout(shipped(), paper);
    EXPECT_EQ(again.fingerprint, l.fingerprint);
    EXPECT_EQ(layout_json(again).dump(), layout_json(l).dump());
    ASSERT_EQ(l.fingerprint.size(), 4u);
    for (char c : l.fingerprint) EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(c))) << l.fingerprint;
}

INSTANTIATE_TEST_SUITE_P(Papers, LayoutTest, ::testing::Values("letter", "a4"));

TEST(Layout, LetterAndA4DifferInFingerprint) {
    EXPECT_NE(make_layout(shipped(), paper_by_name("letter")).fingerprint,
              make_layout(shipped(), paper_by_name("a4")).fingerprint);
}

TEST(Layout, UnknownPaperIsRejected) {
    EXPECT_THROW(paper_by_name("legal"), std::invalid_argument);
}

TEST(TextStyles, ReadingStylesAreAtLeast8_5pt) {
    // Every style used for reading text; the 6 pt letters inside bubbles are not a style.
    for (TextStyle s : {TextStyle::Title, TextStyle::Subtitle, TextStyle::Session, TextStyle::Heading,
                        TextStyle::Body, TextStyle::Small, TextStyle::Option, TextStyle::Label, TextStyle::Mono,
                        TextStyle::IdDigits})
        EXPECT_GE(font_for(s).size_pt, 8.5) << static_cast<int>(s);
}

}  // namespace

// The layout model: where every printed element of every page sits, in millimetres
// from the page's top-left corner, y downwards. Print draws it; scan reads by it.
#pragma once

#include <string>
#include <vector>

namespace quizscan {

struct PointMm {
    double x = 0, y = 0;
};

struct RectMm {
    double x = 0, y = 0, w = 0, h = 0;
    PointMm center() const { return {x + w / 2, y + h / 2}; }
    double right() const { return x + w; }
    double bottom() const { return y + h; }
};

// A corner (or edge) registration mark: a square finder pattern (black 7, white 5,
// black 3 modules), centred at `center`, `size` mm wide.
struct Fiducial {
    PointMm center;
    double size = 8;
};

// One bubble (or the NO RESEARCH box): an ellipse or square of `size` centred at `center`.
struct BubbleGeom {
    std::string value;     // "a".."d", or "yes" for a checkbox
    PointMm center;
    double w = 0, h = 0;
};

// DigitGrid: a spare sheet's participant-ID grid, one column of bubbles "0".."9" per digit.
enum class FieldType { Choice, Checkbox, Number, DigitGrid };

struct FieldGeom {
    std::string id;
    FieldType type = FieldType::Choice;
    std::vector<BubbleGeom> options;   // Choice and Checkbox; DigitGrid: column by column, ten ("0".."9") each
    std::vector<RectMm> boxes;         // Number: comb boxes left to right
    int decimal_boxes = 0;             // Number: boxes after the printed decimal point
    PointMm decimal_point;             // Number: centre of the printed decimal point
    RectMm region;                     // the whole field with its label, for review crops
};

enum class TextStyle { Title, Subtitle, Session, Heading, Body, Small, Option, Label, Mono, IdDigits, SmallNarrow };

// A block of text to print: pango markup wrapped to `box.w`, top-left at box.x/box.y.
struct TextBlock {
    RectMm box;
    std::string markup;
    TextStyle style = TextStyle::Body;
    bool align_right = false;
};

// A table drawn with thin rules (e.g. Q10's GPU table).
struct TableGeom {
    RectMm box;
    std::vector<double> col_x;         // left edge of each column, mm
    std::vector<double> row_y;         // top edge of each row, mm (header first)
    double row_h = 0;
    std::vector<std::vector<std::string>> cells;  // header row first
};

struct PageLayout {
    int page = 1;                      // 1 = front, 2 = back
    std::vector<Fiducial> fiducials;   // four corners first (TL, TR, BR, BL), then extras
    RectMm barcode;                    // the 2D symbol's area (quiet zone excluded)
    RectMm id_digits;                  // the printed participant ID (OCR fallback reads here)
    RectMm header;                     // title, session and ID area (review crop for identity)
    RectMm id_area;                    // spare sheet front: the written ID's boxes and grid (review crop); else empty
    std::vector<FieldGeom> fields;
    std::vector<TextBlock> texts;
    std::vector<TableGeom> tables;
    std::vector<RectMm> rules;         // thin filled rectangles (separators)
};

struct Layout {
    std::string form;
    int version = 1;
    std::string paper;                 // "letter" or "a4"
    double width_mm = 215.9;
    double height_mm = 279.4;
    std::vector<PageLayout> pages;
    std::string fingerprint;           // 4 hex digits over the read geometry; printed in the barcode
    bool spare = false;                // a spare sheet: no printed participant, the attendee writes the ID

    const PageLayout* page(int n) const {
        for (const auto& p : pages)
            if (p.page == n) return &p;
        return nullptr;
    }
};

// The two fields of a spare sheet's ID area: the written ID (six comb boxes) and its bubble grid.
// They say who the sheet is, they are not answers.
inline constexpr const char* kSpareIdField = "participant_id";
inline constexpr const char* kSpareIdGridField = "participant_id_grid";
inline bool is_spare_id_field(const std::string& field_id) { return field_id == kSpareIdField || field_id == kSpareIdGridField; }

// The columns of a DigitGrid field (its options, ten to a column), left to right.
inline std::vector<std::vector<BubbleGeom>> grid_columns(const FieldGeom& f) {
    std::vector<std::vector<BubbleGeom>> cols;
    for (std::size_t i = 0; i < f.options.size(); ++i) {
        if (i % 10 == 0) cols.emplace_back();
        cols.back().push_back(f.options[i]);
    }
    return cols;
}

}  // namespace quizscan

// Reading the fields of a placed page: bubbles against the sheet's own empty ones, handwritten
// numbers, answers marked beside their boxes, and fields the scan cannot see (see read_fields.hpp).
#include "scan/read_fields.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/geometry.hpp"
#include "icr/number_reader.hpp"
#include "scan/digit_grid.hpp"
#include "scan/field_view.hpp"
#include "scan/missing_answers.hpp"
#include "scan/page_marks.hpp"
#include "scan/placer.hpp"
#include "scan/unprinted_ink.hpp"
#include "scan/written_outside.hpp"

namespace quizscan {
namespace {

// A number's row across the page, a little above and below its boxes (the rows are 3 mm apart):
// where an answer written beside the boxes would be.
RectMm number_row(const FieldGeom& f, const cv::Mat& blank_page) {
    const double x0 = std::max(0.0, f.region.x - 3), x1 = blank_page.cols / kBlankPagePxPerMm - 8;
    return {x0, f.boxes.front().y - 1.4, std::max(1.0, x1 - x0), f.boxes.front().h + 2.8};
}

// Writing beside empty boxes or bubbles (more than this, mm²; a written "1" is ~3): not a blank answer.
constexpr double kWritingBesideMm2 = 2.0;

// A blank field whose `area` holds ink where the blank form has none goes to review with `why`
// (the answer was marked beside its boxes). Returns whether it did. The area is compared in
// strips, each placed by its own print: on a bent page a long line of text does not move as one.
bool review_if_marked_beside(FieldResult& fr, const cv::Mat& upright, Placer& placer, const cv::Mat& blank_page,
                             const RectMm& area, const Tone& tone, const char* why) {
    constexpr double kStripMm = 30;
    const int strips = placer.flat() ? 1 : std::max(1, static_cast<int>(std::ceil(area.w / kStripMm - 0.2)));
    double ink = 0;
    for (int i = 0; i < strips; ++i) {
        const RectMm strip{area.x + area.w * i / strips, area.y, area.w / strips, area.h};
        const cv::Matx33d H = placer.transform(placer.place(strip));
        ink += unprinted_ink_mm2(warp_region(upright, H, strip, kBlankPagePxPerMm), blank_page, strip, tone);
    }
    fr.measurements.ink_beside_mm2 = std::round(ink * 10) / 10;
    if (ink <= kWritingBesideMm2) return false;
    fr.needs_review = true;
    fr.reason = why;
    return true;
}

// Where a column of bubbles is found again: the bubbles with their letters and the start of
// their option text (the rest of a long line may sit elsewhere on a bent page).
RectMm column_anchor(const std::vector<BubbleGeom>& column) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (const auto& o : column) {
        x0 = std::min(x0, o.center.x - o.w / 2), x1 = std::max(x1, o.center.x + o.w / 2);
        y0 = std::min(y0, o.center.y - o.h / 2), y1 = std::max(y1, o.center.y + o.h / 2);
    }
    return {x0 - 2.5, y0 - 2.5, x1 - x0 + 2.5 + 14, y1 - y0 + 5};
}

// The comb in two halves, each with its boxes and, beside, the label's end or the units' start:
// across a bend the two ends of a comb move differently.
std::array<RectMm, 2> comb_halves(const FieldGeom& f) {
    const RectMm& a = f.boxes.front();
    const RectMm& b = f.boxes.back();
    const double mid = (a.x + b.right()) / 2;
    return {RectMm{a.x - 6, a.y - 2.5, mid - a.x + 6, a.h + 5}, RectMm{mid, a.y - 2.5, b.right() - mid + 6, b.h + 5}};
}

// The comb's box crops into `fr`, each box placed between where the two halves were found.
void crop_boxes(const cv::Mat& upright, Placer& placer, const FieldGeom& f, FieldResult& fr) {
    const auto halves = comb_halves(f);
    // Written digits hide half of the boxes' print: a half not found moves as the other one.
    const auto l = placer.find(halves[0], true), r = placer.find(halves[1], true);
    const cv::Point2d left = l ? *l : r ? *r : placer.nearest_shift(halves[0].center());
    const cv::Point2d right = r ? *r : l ? *l : placer.nearest_shift(halves[1].center());
    const double x0 = halves[0].center().x, x1 = halves[1].center().x;
    for (const auto& b : f.boxes) {
        const double t = std::clamp((b.center().x - x0) / (x1 - x0), 0.0, 1.0);
        const cv::Point2d at = placer.applied(left * (1 - t) + right * t);
        fr.box_crops.push_back(warp_region(upright, placer.transform(at),
                                           {b.x - kBoxCropMarginMm, b.y - kBoxCropMarginMm, b.w + 2 * kBoxCropMarginMm, b.h + 2 * kBoxCropMarginMm},
                                           kBoxCropPxPerMm));
        fr.read_at_mm.push_back(at);
    }
}

// The options of a field by column, left to right (a column: centres within 2 mm across).
std::vector<std::vector<BubbleGeom>> columns_of(const std::vector<BubbleGeom>& options) {
    std::vector<std::vector<BubbleGeom>> cols;
    for (const auto& o : options) {
        auto it = std::find_if(cols.begin(), cols.end(), [&](const auto& c) { return std::abs(c.front().center.x - o.center.x) < 2; });
        if (it == cols.end()) cols.push_back({o});
        else it->push_back(o);
    }
    return cols;
}

// Each option measured where its column's print was found; in the field's order, with where each
// was read into `read_at`. `field_crop`: the field read at `field_at`, used again for a column
// placed the same (every column of a flat page).
std::vector<OptionMeasure> measure_by_column(const cv::Mat& upright, Placer& placer, const FieldGeom& f, const cv::Mat& field_crop,
                                             cv::Point2d field_at, const Tone& tone, std::vector<cv::Point2d>& read_at) {
    std::vector<std::pair<OptionMeasure, cv::Point2d>> by_value;
    for (const auto& column : columns_of(f.options)) {
        FieldGeom part = f;
        part.options = column;
        const cv::Point2d at = placer.place(column_anchor(column));
        const cv::Mat crop = at == field_at ? field_crop : warp_region(upright, placer.transform(at), f.region, kFieldPxPerMm);
        for (auto& m : measure_options(crop, part, kFieldPxPerMm, tone)) by_value.emplace_back(std::move(m), at);
    }
    std::vector<OptionMeasure> out;
    read_at.clear();
    for (const auto& o : f.options)
        for (const auto& [m, at] : by_value)
            if (m.value == o.value) out.push_back(m), read_at.push_back(at);
    return out;
}

// The digit reader's boxes, for the reading's measurements.
std::vector<MeasuredBox> measured_boxes(const std::vector<icr::BoxReading>& boxes) {
    std::vector<MeasuredBox> out;
    for (const auto& b : boxes) {
        const BoxState state = b.state == icr::BoxReading::State::Empty   ? BoxState::Empty
                               : b.state == icr::BoxReading::State::Digit ? BoxState::Digit
                                                                          : BoxState::Unclear;
        out.push_back({state, b.digit, b.confidence, b.flag});
    }
    return out;
}

// A handwritten number: its boxes read by the digit reader, and sent to review when something is
// written beside or outside its boxes.
FieldResult read_number_field(const cv::Mat& upright, Placer& placer, const FieldGeom& f, const cv::Matx33d& H, const cv::Mat& crop,
                              const Tone& tone, const PageLayout& page, const cv::Mat* blank_page, const ReadContext& ctx, bool bilevel) {
    FieldResult fr;
    fr.field = f.id;
    fr.type = f.type;
    fr.crop = crop;
    crop_boxes(upright, placer, f, fr);
    if (ctx.digits) {
        const icr::NumberReading n = ctx.digits->read_number(fr.box_crops, f.decimal_boxes, bilevel);
        fr.value = n.value;
        fr.confidence = n.confidence;
        fr.needs_review = n.needs_review;
        std::string flags;
        for (const auto& fl : n.flags) flags += (flags.empty() ? "" : ", ") + fl;
        fr.reason = n.needs_review ? (flags.empty() ? "handwriting not certain" : flags) : "";
        fr.measurements.boxes = measured_boxes(n.boxes);
        fr.measurements.blank = n.blank;
        // decimal_boxes: which boxes follow the printed point (scripts/icr/reviewed.py labels them from a decided value)
        fr.measurements.decimal_boxes = f.decimal_boxes;
        if (n.blank && blank_page) {
            const RectMm row = number_row(f, *blank_page);
            if (review_if_marked_beside(fr, upright, placer, *blank_page, row, tone,
                                        "the boxes are empty, but something is written beside them: read it from the picture"))
                fr.crop = warp_region(upright, H, row, kFieldPxPerMm);  // the whole row, for the person
        } else if (blank_page) {  // a digit written above, below or beside the boxes is not read by them
            const RectMm band = number_band(f, *blank_page);
            const double outside = ink_outside_boxes_mm2(upright, placer, *blank_page, page, band, tone);
            fr.measurements.ink_outside_boxes_mm2 = std::round(outside * 10) / 10;
            if (outside > kWrittenOutsideMm2) {
                fr.reason = (fr.needs_review ? fr.reason + "; " : "") + "something is written outside the boxes: read the number from the picture";
                fr.needs_review = true;
                fr.crop = warp_region(upright, H, {band.x, band.y - 3, band.w, band.h + 6}, kFieldPxPerMm);
            }
        }
    } else {
        fr.needs_review = true;
        fr.reason = "handwritten number (no digit model loaded)";
    }
    return fr;
}

// A field cut off at the image's edge, folded away or off the paper would read as blank: a person
// reads it instead.
void review_unseen_fields(const cv::Mat& upright, Placer& placer, const PageLayout& page, const Tone& tone, PageResult& r) {
    for (auto& fr : r.fields) {
        const auto geom = std::find_if(page.fields.begin(), page.fields.end(), [&](const FieldGeom& f) { return f.id == fr.field; });
        if (geom == page.fields.end()) continue;
        std::vector<cv::Matx33d> maps;
        for (const auto& at : fr.read_at_mm) maps.push_back(placer.transform(at));
        const FieldView v = view_field(*geom, maps, upright, tone, r.bilevel);
        fr.measurements.print_seen = std::round(v.print_seen * 100) / 100;
        if (v.readable()) continue;
        fr.needs_review = true;
        fr.confidence = 0;
        fr.reason = v.problem();
        fr.measurements.outside_image = !v.inside;
    }
}

// The blanks not known to be blank, sent to review once the page's answers seen are counted: those with a
// trace in a bubble (the field's index in r.fields, why; on a page without marks its choices are keyed in
// one page_answers item instead) and, on a black-and-white scan, every blank: it can drop a light pencil
// answer without a trace. (The checkbox is left alone there: nearly always blank, it would flood review;
// any trace in it is unclear already, and the scan summary asks for a greyscale rescan.)
void review_unsure_blanks(const std::vector<std::pair<std::size_t, std::string>>& traces, PageResult& r) {
    for (const auto& [k, why] : traces)
        if (!r.no_marks && !r.fields[k].needs_review) {
            r.fields[k].needs_review = true;
            r.fields[k].reason = why;
        }
    if (r.bilevel)
        for (auto& fr : r.fields)
            if (fr.type != FieldType::Checkbox && fr.value.empty() && !fr.needs_review) {
                fr.needs_review = true;
                fr.reason = "blank on a black-and-white scan: a light pencil answer may have vanished; check the paper sheet";
            }
}

}  // namespace

void read_fields(const cv::Mat& upright, const Tone& tone, const Registration& reg, const PageLayout& page,
                 const cv::Mat* blank_page, const ReadContext& ctx, PageResult& r) {
    // Measure every bubble first: the empty-bubble baseline is the sheet's own.
    struct Pending {
        const FieldGeom* geom;
        cv::Mat crop;
        std::vector<OptionMeasure> m;
        std::vector<cv::Point2d> read_at;
    };
    std::vector<Pending> choices;
    Placer placer(upright, reg, blank_page, page);
    for (std::size_t i = 0; i < page.fields.size(); ++i) {
        const FieldGeom& f = page.fields[i];
        const cv::Point2d field_at = placer.field(i);
        const cv::Matx33d H = placer.transform(field_at);
        if (f.type == FieldType::DigitGrid) {  // a spare sheet's ID grid (its own empty level, no answer)
            r.fields.push_back(read_digit_grid(upright, placer, f, tone, r.bilevel, kFieldPxPerMm));
            continue;
        }
        const cv::Mat crop = warp_region(upright, H, f.region, kFieldPxPerMm);
        if (f.type == FieldType::Number) {
            r.fields.push_back(read_number_field(upright, placer, f, H, crop, tone, page, blank_page, ctx, r.bilevel));
            continue;
        }
        Pending p{&f, crop, {}, {}};
        p.m = measure_by_column(upright, placer, f, crop, field_at, tone, p.read_at);
        choices.push_back(std::move(p));
    }
    // Every question read with the writer's other marks on the page (erasures, faint writers).
    std::vector<MarkField> mark_fields;
    for (const auto& p : choices) mark_fields.push_back({p.geom->type, p.m});
    const PageMarks marks = read_marks(mark_fields, r.bilevel);
    const Baseline& base = marks.base;
    std::vector<std::pair<std::size_t, std::string>> traces;  // blanks with a trace in a bubble (the field, why):
                                                              // not answers seen, reviewed below
    for (std::size_t i = 0; i < choices.size(); ++i) {
        const Pending& p = choices[i];
        FieldResult fr;
        fr.field = p.geom->id;
        fr.type = p.geom->type;
        fr.crop = p.crop;
        fr.read_at_mm = p.read_at;
        const ChoiceReading& c = marks.readings[i];
        fr.value = c.value;
        fr.confidence = c.confidence;
        fr.needs_review = c.needs_review && !c.trace;
        fr.reason = c.trace ? "" : c.reason;
        if (c.trace) traces.emplace_back(r.fields.size(), c.reason);
        // The checkbox has no printed letter: its empty level is the paper's.
        fr.measurements.options = measured_options(p.m, p.geom->type == FieldType::Checkbox ? paper_baseline(base) : base);
        fr.measurements.baseline_fill = base.fill;
        fr.measurements.writer_tone = std::round(marks.writer_tone * 1000) / 1000;
        // No bubble filled: was the answer marked some other way (the option's text circled, a
        // tick beside it, a letter written in the margin)?
        if (fr.value.empty() && !fr.needs_review && blank_page)
            review_if_marked_beside(fr, upright, placer, *blank_page, p.geom->region, tone,
                                    "no box or bubble is filled, but something is marked near them: read it from the picture");
        r.fields.push_back(std::move(fr));
    }
    note_missing_answers(r, marks.faint_writer);  // before the blanks below are sent to review: they are not answers seen
    review_unsure_blanks(traces, r);
    review_unseen_fields(upright, placer, page, tone, r);
    r.moved_mm = placer.most_moved();
    r.not_flat = r.moved_mm >= kNotFlatMm;
    r.fields.shrink_to_fit();
}

// A page identified but not placed well enough to read: every field goes to review, its picture
// cut generously around where the rough map puts it (none without a map: the review page shows
// the whole page), so that review can always finish.
void fields_for_review(const cv::Mat& upright, const cv::Matx33d* rough, const PageLayout& page, PageResult& r) {
    constexpr double kAroundMm = 8;
    for (const auto& f : page.fields) {
        FieldResult fr;
        fr.field = f.id;
        fr.type = f.type;
        fr.needs_review = true;
        fr.reason = "the page could not be aligned (" + r.reason + "): read this answer from the paper or the picture";
        fr.measurements.unregistered = true;
        if (rough)
            fr.crop = warp_region(upright, *rough, {f.region.x - kAroundMm, f.region.y - kAroundMm, f.region.w + 2 * kAroundMm, f.region.h + 2 * kAroundMm},
                                  kFieldPxPerMm / 2);
        r.fields.push_back(std::move(fr));
    }
}

}  // namespace quizscan

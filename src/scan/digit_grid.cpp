// Reading the participant-ID grid of a spare sheet (see digit_grid.hpp).
#include "scan/digit_grid.hpp"

#include <algorithm>
#include <cmath>

#include "scan/page_marks.hpp"

namespace quizscan {
namespace {

// Where a column is found again: its bubbles with their printed digits.
RectMm column_area(const std::vector<BubbleGeom>& column) {
    const BubbleGeom& a = column.front();
    const BubbleGeom& b = column.back();
    return {a.center.x - a.w / 2 - 1.5, a.center.y - a.h / 2 - 1.5, a.w + 3, b.center.y - a.center.y + a.h + 3};
}

}  // namespace

FieldResult read_digit_grid(const cv::Mat& upright, Placer& placer, const FieldGeom& f, const Tone& tone, bool bilevel,
                            double ppm) {
    FieldResult fr;
    fr.field = f.id;
    fr.type = f.type;
    const auto columns = grid_columns(f);
    std::vector<MarkField> marks;
    for (const auto& column : columns) {
        FieldGeom part = f;
        part.options = column;
        part.region = column_area(column);
        const cv::Point2d at = placer.place(part.region);
        auto m = measure_options(warp_region(upright, placer.transform(at), part.region, ppm), part, ppm, tone);
        // A bubble's ring reaches its neighbours in the column (3.7 mm apart) and the next column:
        // the grid is judged by the ink inside each bubble alone (a tick or cross there is unclear).
        for (auto& o : m) o.spill = 0, o.ink_ring = 0, o.faint = o.faint_fill;
        marks.push_back({FieldType::Choice, std::move(m)});
        for (std::size_t i = 0; i < column.size(); ++i) fr.read_at_mm.push_back(at);
    }
    // The grid on its own, as one writer's marks (an erasure beside a clear mark, a faint writer):
    // its empty level is its own (printed digits, not the questions' letters; at most six of its
    // sixty bubbles are marked).
    const PageMarks read = read_marks(marks, bilevel);
    std::vector<MeasuredColumn> cols;
    std::string text, reasons;
    bool review = false;
    double confidence = 1;
    for (std::size_t c = 0; c < read.readings.size(); ++c) {
        const ChoiceReading& r = read.readings[c];
        MeasuredColumn col{r.value, r.needs_review, {}};
        for (const auto& m : marks[c].options) col.fill.push_back(std::round(std::max(0.0, m.fill - read.base.fill) * 1000) / 1000);
        cols.push_back(std::move(col));
        text += r.value.size() == 1 && !r.needs_review ? r.value[0] : r.value.empty() && !r.needs_review ? '_' : '?';
        if (r.needs_review) reasons += (reasons.empty() ? "" : "; ") + ("column " + std::to_string(c + 1) + ": " + r.reason);
        review = review || r.needs_review;
        confidence = std::min(confidence, r.confidence);
    }
    fr.value = text;
    fr.confidence = confidence;
    fr.needs_review = review;
    fr.reason = reasons;
    fr.measurements.columns = std::move(cols);
    fr.measurements.baseline_fill = read.base.fill;
    fr.crop = warp_region(upright, placer.transform(placer.place(f.region)), f.region, ppm);
    return fr;
}

std::vector<IdColumn> grid_reading(const FieldResult& grid) {
    std::vector<IdColumn> out;
    if (!grid.measurements.columns) return out;
    // A column cut off, folded away or off the paper (read_fields noted it) may hide a mark.
    const bool unseen = grid.measurements.unseen();
    for (const auto& c : *grid.measurements.columns) out.push_back({c.marked, c.unclear || unseen});
    return out;
}

std::vector<IdBox> boxes_reading(const FieldResult& written) {
    const auto& m = written.measurements;  // not seen whole (unseen): its boxes are not known
    std::vector<IdBox> out;
    if (m.boxes && !m.unseen())
        for (const auto& b : *m.boxes) {
            IdBox box;
            box.state = b.state == BoxState::Digit   ? IdBox::State::Digit
                        : b.state == BoxState::Empty ? IdBox::State::Empty
                                                     : IdBox::State::Unclear;
            box.digit = box.state == IdBox::State::Empty ? -1 : b.digit;
            out.push_back(box);
        }
    if (out.empty()) out.assign(6, IdBox{IdBox::State::Unclear, -1});
    return out;
}

}  // namespace quizscan

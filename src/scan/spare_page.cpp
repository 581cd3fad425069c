// Spare sheets in the page reader (see spare_page.hpp).
#include "scan/spare_page.hpp"

#include <algorithm>

#include "scan/digit_grid.hpp"

namespace quizscan {
namespace {

constexpr const char* kWrittenField = kSpareIdField;
constexpr const char* kGridField = kSpareIdGridField;

bool is_id_field(const FieldResult& f) { return is_spare_id_field(f.field); }

}  // namespace

const Layout* layout_for(const ReadContext& ctx, const PageId& id) {
    if (id.spare()) return id.paper == "a4" ? ctx.spare_a4 : ctx.spare_letter;
    return id.paper == "a4" ? &ctx.a4 : &ctx.letter;
}

const BlankForm* blank_for(const ReadContext& ctx, const PageId& id) {
    const BlankSource* source = id.spare() ? (id.paper == "a4" ? ctx.blank_spare_a4 : ctx.blank_spare_letter)
                                           : (id.paper == "a4" ? ctx.blank_a4 : ctx.blank_letter);
    return source ? source->get() : nullptr;
}

void identify_spare_front(PageResult& r, const ReadContext& ctx, const cv::Mat& upright, const cv::Matx33d& mm_to_px,
                          const PageLayout& page) {
    SpareIdResult s;
    s.written.field = kWrittenField;
    s.grid.field = kGridField;
    for (const auto& f : r.fields) {
        if (f.field == kWrittenField) s.written = f;
        if (f.field == kGridField) s.grid = f;
    }
    s.reading.boxes = boxes_reading(s.written);
    s.reading.written_confident = !s.written.needs_review && !s.written.measurements.unseen() &&
                                  std::all_of(s.reading.boxes.begin(), s.reading.boxes.end(),
                                              [](const IdBox& b) { return b.state == IdBox::State::Digit; });
    s.reading.columns = grid_reading(s.grid);
    static const std::set<std::string> no_roster;
    s.decision = decide_spare_id(s.reading, ctx.roster ? *ctx.roster : no_roster);
    if (page.id_area.w > 0) s.crop = warp_region(upright, mm_to_px, page.id_area, 8.0);
    const std::string sheet = "spare sheet no. " + r.id->serial;
    if (!s.decision.accepted.empty()) {
        r.id->participant = s.decision.accepted;
        r.id_source = "written";
    } else if (r.status == PageStatus::Read) {
        r.status = PageStatus::Unidentified;
        r.reason = sheet + ": " + s.decision.why + "; choose the participant in review";
    }
    r.spare = std::move(s);
}

void drop_id_fields(PageResult& r) { std::erase_if(r.fields, is_id_field); }

}  // namespace quizscan

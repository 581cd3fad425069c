// Registration by print: anchors (pieces of the printed page) found around where a first map from
// the remaining marks puts them, nearest first, the map refitted as they come in (RANSAC drops a
// piece found in the wrong place: a repeated row of bubbles, a line of text like another).
#include "scan/print_register.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "scan/blank_align.hpp"
#include "scan/field_shift.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan {
namespace {

constexpr double kPieceMaxWMm = 50;     // anchors wider than this are cut into pieces
constexpr double kPieceMaxHMm = 30;     // ... and taller than this
constexpr double kAnchorPxPerMm = 3.0;  // resolution the print is compared at
constexpr double kAnchorSearchMm = 6.0; // how far from where the map puts it a piece is looked for
constexpr double kOutlierMm = 0.7;      // a piece found farther than this from the fit is not used
constexpr int kMinAnchors = 8;          // pieces of print that must agree
constexpr double kMaxPrintResidualMm = 0.6;

void cut_into_pieces(const RectMm& r, std::vector<RectMm>& out) {
    const int nx = std::max(1, static_cast<int>(std::ceil(r.w / kPieceMaxWMm)));
    const int ny = std::max(1, static_cast<int>(std::ceil(r.h / kPieceMaxHMm)));
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            const RectMm p{r.x + r.w * i / nx, r.y + r.h * j / ny, r.w / nx, r.h / ny};
            if (p.w >= 8 && p.h >= 2.5) out.push_back(p);
        }
}

double nearest(const std::vector<PointMatch>& pts, PointMm c) {
    double d = std::numeric_limits<double>::max();
    for (const auto& p : pts) d = std::min(d, std::hypot(p.mm.x - c.x, p.mm.y - c.y));
    return d;
}

std::vector<cv::Point2d> mm_of(const std::vector<PointMatch>& pts) {
    std::vector<cv::Point2d> out;
    for (const auto& p : pts) out.push_back(p.mm);
    return out;
}

// The used points reach across at least this share of the page both ways.
bool spans_page(const std::vector<PointMatch>& pts, const std::vector<bool>& used, const cv::Size2d& page_mm) {
    double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
    for (std::size_t i = 0; i < pts.size(); ++i)
        if (used[i]) x0 = std::min(x0, pts[i].mm.x), x1 = std::max(x1, pts[i].mm.x), y0 = std::min(y0, pts[i].mm.y), y1 = std::max(y1, pts[i].mm.y);
    return x1 - x0 >= 0.4 * page_mm.width && y1 - y0 >= 0.4 * page_mm.height;
}

}  // namespace

std::vector<PointMatch> qr_matches(const std::vector<cv::Point2d>& corners_px, const RectMm& b) {
    if (corners_px.size() != 4) return {};
    const cv::Point2d mm[4] = {{b.x, b.y}, {b.right(), b.y}, {b.right(), b.bottom()}, {b.x, b.bottom()}};
    std::vector<PointMatch> out;
    for (int k = 0; k < 4; ++k) out.push_back({mm[k], corners_px[static_cast<std::size_t>(k)]});
    return out;
}

std::vector<RectMm> print_anchors(const PageLayout& page) {
    std::vector<RectMm> out;
    for (const auto& t : page.texts)
        if (t.markup.find('{') == std::string::npos) cut_into_pieces(t.box, out);  // not {session}, {participant}
    for (const auto& f : page.fields) cut_into_pieces(f.region, out);
    for (const auto& t : page.tables) cut_into_pieces(t.box, out);
    return out;
}

namespace {

// From a first map `map` (fitted to `known`, or given), the pieces of print found around it, the
// map refitted to them as they come in.
Registration refine_by_print(const cv::Mat& upright, const PageLayout& page, const cv::Mat& blank, const std::vector<PointMatch>& known,
                             PageMap map, double px_per_mm) {
    Registration reg;
    reg.mm_to_px = map.mm_to_px;
    reg.rough = true;
    const PrintImage print = print_image(blank, kAnchorPxPerMm);
    const cv::Size2d page_mm(blank.cols / kBlankPagePxPerMm, blank.rows / kBlankPagePxPerMm);
    const std::vector<RectMm> anchors = print_anchors(page);
    std::vector<bool> tried(anchors.size(), false);
    std::vector<PointMatch> pts = known, fitted = known;  // fitted: the points `map` was fitted to
    for (const double reach : {70.0, 140.0, std::numeric_limits<double>::max()}) {
        for (std::size_t i = 0; i < anchors.size(); ++i) {
            const PointMm c = anchors[i].center();
            if (tried[i] || nearest(pts, c) > reach) continue;
            tried[i] = true;
            const FieldShift s = find_field_shift(upright, map.mm_to_px, print, anchors[i], false, kAnchorSearchMm);
            if (s.found) pts.push_back({{c.x, c.y}, apply(map.mm_to_px, cv::Point2d(c.x, c.y) + s.mm)});
        }
        const bool enough = pts.size() >= known.size() + kMinAnchors;
        const PageMap next = fit_page_map(pts, supported_model(mm_of(pts), enough), px_per_mm, kOutlierMm);
        if (next.ok) map = next, fitted = pts;
    }
    reg.mm_to_px = map.mm_to_px;
    reg.residual_mm = map.rms_mm;
    reg.points_used = map.used_count();
    reg.px_per_mm = px_per_mm;
    int anchors_used = 0;
    for (std::size_t i = known.size(); i < fitted.size(); ++i) anchors_used += map.used[i] ? 1 : 0;
    if (anchors_used < kMinAnchors) {
        reg.problem = "its print was found in too few places to place it (" + std::to_string(anchors_used) + ")";
        return reg;
    }
    if (!spans_page(fitted, map.used, page_mm)) {
        reg.problem = "its print was found only in one part of the page (covered, cut off or folded?)";
        return reg;
    }
    if (map.rms_mm > kMaxPrintResidualMm) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "its print fits no single page position (%.2f mm off; creased or curled?)", map.rms_mm);
        reg.problem = buf;
        return reg;
    }
    reg.ok = true;
    reg.rough = false;
    reg.method = "print";
    return reg;
}

}  // namespace

Registration register_by_print(const cv::Mat& upright, const PageLayout& page, const cv::Mat& blank, const std::vector<PointMatch>& known,
                               double px_per_mm) {
    Registration reg;
    const PageMap map = fit_page_map(known, supported_model(mm_of(known), false), px_per_mm);
    if (map.ok) reg = refine_by_print(upright, page, blank, known, map, px_per_mm);
    else reg.problem = "too little of the page's marks to place it (" + map.problem + ")";
    if (reg.ok) return reg;
    // What is left of the marks does not place it: the print alone, the page aligned as a whole.
    const BlankAlignment whole = align_to_blank(upright, px_per_mm, blank, kBlankPagePxPerMm);
    if (!whole.ok) return reg;
    Registration by_whole = register_by_print_from(whole.mm_to_px, upright, page, blank, px_per_mm);
    return by_whole.ok ? by_whole : reg;
}

Registration register_by_print_from(const cv::Matx33d& start, const cv::Mat& upright, const PageLayout& page, const cv::Mat& blank,
                                    double px_per_mm) {
    PageMap map;
    map.ok = true;
    map.mm_to_px = start;
    return refine_by_print(upright, page, blank, {}, map, px_per_mm);
}

}  // namespace quizscan

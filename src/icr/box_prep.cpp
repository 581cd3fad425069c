// Box preparation: border removal, empty/stray/written decision, MNIST-like normalisation,
// and the deskewed HOG features used by the HOG MLP. Shared by the product, training and bench.
#include "icr/box_prep.hpp"

#include "icr/box_border.hpp"
#include "icr/box_glyph.hpp"
#include "icr/faint_ink.hpp"

#include "core/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>
#include <stdexcept>
#include <tuple>
#include <utility>
#include <vector>

namespace quizscan::icr {

using namespace glyph;

PrepParams PrepParams::from_json(const nlohmann::json& j) {
    PrepParams p;
    p.ink_darkness = j.at("ink_darkness").get<int>();
    p.border_search_px = j.at("border_search_px").get<int>();
    p.border_inset_px = j.at("border_inset_px").get<int>();
    p.speck_area = j.at("speck_area").get<int>();
    p.empty_ink_px = j.at("empty_ink_px").get<int>();
    p.stray_max_height = j.at("stray_max_height").get<double>();
    p.stray_max_area = j.at("stray_max_area").get<int>();
    p.gap_ink_px = j.at("gap_ink_px").get<int>();
    p.two_digit_min_height = j.at("two_digit_min_height").get<double>();
    p.two_digit_min_gap = j.at("two_digit_min_gap").get<int>();
    p.beyond_border_px = j.value("beyond_border_px", p.beyond_border_px);  // absent before 2026-12-06
    p.follow_margin = j.value("follow_margin", p.follow_margin);  // absent before 2026-12-07
    p.read_past_border = j.value("read_past_border", false);  // absent before 2026-12-07: flagged
    return p;
}

namespace {

constexpr int kMargin = static_cast<int>(kBoxCropMarginMm * kBoxCropPxPerMm + 0.5);  // 15

// The printed border line is 0.3 mm wide, 3-5 px in the crop once blurred; a run of dark columns wider
// than this is a line and a stroke of the digit along it, or a stroke alone.
constexpr int kLineMaxWidthPx = 6;

// The darkness profile across a border line's search window around `expected` (+-search px): each
// column's (or row's) median darkness along the middle of the line, so that digit strokes crossing it
// do not count. lo: the profile's first position.
struct LineProfile {
    int lo = 0;
    std::vector<int> med;
};

LineProfile line_profile(const cv::Mat& dark, bool vertical, int expected, int search) {
    const int len = vertical ? dark.rows : dark.cols;
    const int lim = vertical ? dark.cols : dark.rows;
    const int lo = std::max(0, expected - search), hi = std::min(lim - 1, expected + search);
    LineProfile prof{lo, std::vector<int>(hi - lo + 1, 0)};
    std::vector<uchar> v;
    for (int pos = lo; pos <= hi; ++pos) {
        v.clear();
        for (int t = len / 4; t < len - len / 4; ++t)
            v.push_back(vertical ? dark.at<uchar>(t, pos) : dark.at<uchar>(pos, t));
        std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
        prof.med[pos - lo] = v[v.size() / 2];
    }
    return prof;
}

// Candidate positions of a border line: the centres of the profile's runs at least 1/share as dark as
// the darkest there. A long dark stroke of the digit beside the border (the side of a large 0) can be
// darker than the printed grey line, so darkness alone cannot tell which is the border;
// find_box_lines decides. With `ends`, a run wider than a line also gives its two ends. Empty when
// nothing there looks like a line (e.g. a dropped-out colour).
std::vector<int> line_candidates(const LineProfile& prof, int share, bool ends) {
    const std::vector<int>& med = prof.med;
    const int peak = *std::max_element(med.begin(), med.end());
    std::vector<int> centres;
    if (peak < 15) return centres;
    const int n = static_cast<int>(med.size());
    for (int l = 0; l < n;) {
        if (med[l] * share < peak) {
            ++l;
            continue;
        }
        int r = l;
        while (r + 1 < n && med[r + 1] * share >= peak) ++r;
        centres.push_back(prof.lo + (l + r + 1) / 2);
        if (ends && r - l + 1 > kLineMaxWidthPx) {  // a line and a stroke along it: the line is at one end
            centres.push_back(prof.lo + l + 1);
            centres.push_back(prof.lo + r - 1);
        }
        l = r + 1;
    }
    return centres;
}

// Two opposite border lines; printed: their spacing is the printed box's, to kLineSpacingSlackPx.
struct LinePair {
    int first, second;
    bool printed;
};

// The crop is at a fixed scale, so the printed lines' spacing is known to a pixel or so (each line's
// centre is a run's, +-1 px); a pair further off than this is not the printed box's two lines.
constexpr int kLineSpacingSlackPx = 2;

// Of candidates a and b, the pair whose spacing best matches the printed box's, then nearest the
// expected places. A side without candidates is placed by the other side's line.
LinePair best_pair(const std::vector<int>& a, const std::vector<int>& b, int first, int second) {
    const int span = second - first;
    if (a.empty() && b.empty()) return {first, second, true};
    if (a.empty() || b.empty()) {
        const std::vector<int>& c = a.empty() ? b : a;
        const int want = a.empty() ? second : first;
        const int best = *std::min_element(c.begin(), c.end(),
                                           [&](int x, int y) { return std::abs(x - want) < std::abs(y - want); });
        return a.empty() ? LinePair{best - span, best, true} : LinePair{best, best + span, true};
    }
    LinePair best{first, second, false};
    int best_cost = std::numeric_limits<int>::max();
    for (const int x : a)
        for (const int y : b) {
            const int cost = 4 * std::abs(y - x - span) + std::abs(x - first) + std::abs(y - second);
            if (cost < best_cost) {
                best_cost = cost;
                best = {x, y, std::abs(y - x - span) <= kLineSpacingSlackPx};
            }
        }
    return best;
}

// The box's two opposite border lines (left and right, or top and bottom), expected at first and
// second (best_pair). This also keeps the neighbouring box's line (10 px out) from being taken for
// ours. When no pair of candidates is spaced as printed, the lines are looked for again, first
// among the ends of runs wider than a line (a line with a stroke along it), then also among runs an
// eighth as dark as the darkest (a light line beside a digit's dark stroke, which alone was a
// candidate). If still no pair is, the pair found first is returned, not printed: the box then goes
// to a person, its digit may have been taken for its border.
LinePair find_box_lines(const cv::Mat& dark, bool vertical, int first, int second, int search) {
    const LineProfile a = line_profile(dark, vertical, first, search);
    const LineProfile b = line_profile(dark, vertical, second, search);
    const auto pair_of = [&](int share, bool ends) {
        return best_pair(line_candidates(a, share, ends), line_candidates(b, share, ends), first, second);
    };
    const LinePair found = pair_of(3, false);
    if (found.printed) return found;
    for (const int share : {3, 8}) {
        const LinePair again = pair_of(share, true);
        if (again.printed) return again;
    }
    return found;
}

// Groups of components that overlap horizontally (a digit's strokes overlap; two digits do not).
std::vector<std::pair<int, int>> column_groups(const std::vector<Comp>& comps) {
    std::vector<std::pair<int, int>> spans;
    for (const auto& c : comps) spans.emplace_back(c.box.x, c.box.x + c.box.width);
    std::sort(spans.begin(), spans.end());
    std::vector<std::pair<int, int>> merged;
    for (const auto& s : spans) {
        if (!merged.empty() && s.first <= merged.back().second) merged.back().second = std::max(merged.back().second, s.second);
        else merged.push_back(s);
    }
    return merged;
}

// How many side-by-side ink groups (column_groups) are taller than two_digit_min_height of the box,
// each apart from the one before by two_digit_min_gap blank columns or more.
int tall_groups(const std::vector<Comp>& comps, int inner_h, const PrepParams& p) {
    int tall = 0;
    const auto groups = column_groups(comps);
    for (size_t i = 0; i < groups.size(); ++i) {
        int lo = std::numeric_limits<int>::max(), hi = 0;
        for (const auto& c : comps)
            if (c.box.x >= groups[i].first && c.box.x + c.box.width <= groups[i].second) {
                lo = std::min(lo, c.box.y);
                hi = std::max(hi, c.box.y + c.box.height);
            }
        const bool gap_ok = i == 0 || groups[i].first - groups[i - 1].second >= p.two_digit_min_gap;
        if (hi - lo >= p.two_digit_min_height * inner_h && gap_ok) ++tall;
    }
    return tall;
}

// Traces of writing on a black-and-white scan: pixels of the interior, 3 px in from its edges
// (the border lines' resampled fringe), that are not kept ink or its rim but are darker than a
// quarter of the ink level. Such a page has no grey noise, so each one is a grain the scanner kept.
int bilevel_trace_px(const cv::Mat& dark_inner, const cv::Mat& keep, const PrepParams& p) {
    cv::Mat rim, trace;
    cv::dilate(keep, rim, cv::Mat(), cv::Point(-1, -1), 2);
    cv::threshold(dark_inner, trace, p.ink_darkness / 4, 255, cv::THRESH_BINARY);
    trace.setTo(0, rim);
    const int m = 3;
    if (trace.cols <= 2 * m || trace.rows <= 2 * m) return 0;
    return cv::countNonZero(trace(cv::Rect(m, m, trace.cols - 2 * m, trace.rows - 2 * m)));
}

// The box's interior and border line centres, in crop coordinates; lines_printed: both pairs of lines
// were found spaced as printed (find_box_lines), else a stroke may have been taken for a line.
struct BoxFrame {
    int left, right, top, bottom;
    cv::Rect inner;
    bool lines_printed;
};

// A digit going on past its top or bottom border line (beyond_px from the line's centre) read whole
// (p.read_past_border): the glyph area over the crop's full height. Only when the ink out there stays in
// the crop and every stroke of it reaching the line is part of the kept glyph, i.e. joined to the ink
// inside through the line (not another row's writing touching the line, not a stroke cut by a line
// darker than it); then g, keep and comps become the whole digit's and true is returned.
bool read_whole(const cv::Mat& dark, const cv::Mat& ink, const BoxFrame& f, const PrepParams& p, int beyond_px,
                Glyph& g, cv::Mat& keep, std::vector<Comp>& comps) {
    if (!p.read_past_border || p.follow_margin <= 0 || beyond_px >= ink.rows) return false;
    Glyph whole = glyph_area(dark, f.inner, f.top, f.bottom, p, ink.rows);
    std::vector<Comp> whole_comps;
    const cv::Mat whole_keep = kept_ink(whole, f.inner.height, p, whole_comps);
    cv::Mat rest = ink.clone();
    rest(whole.area).setTo(0, whole_keep);
    const int left_out = beyond_lines(rest, f.top, f.bottom, f.left, f.right, p.speck_area);
    if (left_out >= p.beyond_border_px) return false;
    g = std::move(whole);
    keep = whole_keep;
    comps = std::move(whole_comps);
    return true;
}

// The box read from `dark` (darkness, paper 0) with ink at p.ink_darkness. faint_stroke: the interior
// holds a faint stroke (faint_ink), which makes a box with too little ink a faint mark, not empty.
PreparedBox read_box_ink(const cv::Mat& dark, const BoxFrame& f, const PrepParams& p, bool bilevel,
                         DecimalGap decimal_gap, bool faint_stroke) {
    PreparedBox out;
    cv::Mat ink;
    cv::threshold(dark, ink, p.ink_darkness, 255, cv::THRESH_BINARY);

    // Ink across boxes: ink in the gaps beside the box that may belong to either box
    // (gap_ink_beside). A stroke that only overshoots our own border line stays in our half of
    // the gap and is plainly this box's digit. Beside the decimal gap no neighbour is in reach.
    int gap_ink = 0;
    if (!decimal_gap.left) gap_ink += gap_ink_beside(ink, f.left, -1, f.inner);
    if (!decimal_gap.right) gap_ink += gap_ink_beside(ink, f.right, +1, f.inner);
    // The digit going on past the top or bottom border: the part outside the box would be lost.
    out.beyond_px = beyond_lines(ink, f.top, f.bottom, f.left, f.right, p.speck_area);
    Glyph g = glyph_area(dark, f.inner, f.top, f.bottom, p, band_reach(p));
    std::vector<Comp> comps;
    cv::Mat keep = kept_ink(g, f.inner.height, p, comps);
    const bool beyond = out.beyond_px >= p.beyond_border_px && !read_whole(dark, ink, f, p, out.beyond_px, g, keep, comps);
    const cv::Mat keep_inner = keep(cv::Rect(0, g.in_y0, f.inner.width, f.inner.height));
    int total = 0;
    cv::Rect ubox;
    for (const auto& c : comps) {
        total += c.area;
        ubox = ubox.area() == 0 ? c.box : (ubox | c.box);
    }
    out.ink_px = total;
    // On a black-and-white scan, traces away from the kept ink are writing lighter than the
    // scanner's threshold: the kept ink, if any, is not the whole digit. (Pen writing leaves none:
    // 0 trace pixels in all 928 boxes, written or empty, of the pen-written sheets of a synthetic
    // black-and-white set of 40 sheets.)
    const int traces = bilevel ? bilevel_trace_px(dark(f.inner), keep_inner, p) : 0;
    const bool partly_dropped = traces >= 2 * p.speck_area;
    if (total < p.empty_ink_px) {
        if (gap_ink > p.gap_ink_px || beyond) {
            out.kind = PreparedBox::Kind::Stray;
            out.flag = gap_ink > p.gap_ink_px ? "ink-across-boxes" : "ink-beyond-box";
        } else if (partly_dropped || faint_stroke) {
            // Too light to count as ink, but shaped like a stroke (a light pencil "1"): a
            // person looks, rather than the digit silently dropping out of the number.
            out.kind = PreparedBox::Kind::Stray;
            out.flag = "faint-mark";
        }
        return out;
    }
    if (ubox.height < p.stray_max_height * f.inner.height && total < p.stray_max_area) {
        out.kind = PreparedBox::Kind::Stray;
        out.flag = beyond ? "ink-beyond-box" : "stray-mark";
        return out;
    }
    out.kind = PreparedBox::Kind::Written;
    if (gap_ink > p.gap_ink_px) out.flag = "ink-across-boxes";
    else if (beyond) out.flag = "ink-beyond-box";
    else if (partly_dropped) out.flag = "faint-mark";
    else if (tall_groups(comps, f.inner.height, p) >= 2) out.flag = "two-digits";
    // A digit in a box whose lines were not found as printed may have lost a stroke to the "border".
    else if (!f.lines_printed) out.flag = "unsure-border";

    out.norm = normalise(g.dark, keep, ubox);
    return out;
}

cv::Rect lines_of(const BoxFrame& f) { return {f.left, f.top, f.right - f.left, f.bottom - f.top}; }

// An empty box (at the ink darkness) is not empty when light ink goes on from it past its top or bottom
// border (a light digit written mostly outside its box) or into the gap beside it (a light digit
// written across two boxes): judged on the light image (light_image of avg, the averaged crop) at the
// interior's faint level.
void flag_light_overflow(PreparedBox& out, const cv::Mat& avg, const BoxFrame& f, const PrepParams& p,
                         int faint_level, DecimalGap decimal_gap) {
    cv::Mat faint, labels, stats, cents, dark_near;
    const cv::Mat light = light_image(avg, lines_of(f));
    cv::threshold(light, faint, faint_level, 255, cv::THRESH_BINARY);
    // Dark ink (and its blurred rim) was judged at the ink darkness already; the print is not in `light`.
    cv::threshold(light, dark_near, p.ink_darkness, 255, cv::THRESH_BINARY);
    cv::dilate(dark_near, dark_near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(9, 9)));
    faint.setTo(0, dark_near);
    if (cv::countNonZero(faint) == 0) return;
    // Pieces shorter than 0.8 mm every way are dust or a speck's blur, not a stroke.
    const int n = cv::connectedComponentsWithStats(faint, labels, stats, cents, 8, CV_32S);
    std::vector<uchar> stroke(static_cast<std::size_t>(n), 0);
    for (int i = 1; i < n; ++i)
        stroke[static_cast<std::size_t>(i)] = std::max(stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT)) >= 8 ? 255 : 0;
    cv::Mat ink(faint.size(), CV_8U);
    for (int y = 0; y < ink.rows; ++y)
        for (int x = 0; x < ink.cols; ++x) ink.at<uchar>(y, x) = stroke[static_cast<std::size_t>(labels.at<int>(y, x))];
    int gap_ink = 0;
    if (!decimal_gap.left) gap_ink += gap_ink_beside(ink, f.left, -1, f.inner);
    if (!decimal_gap.right) gap_ink += gap_ink_beside(ink, f.right, +1, f.inner);
    const int beyond = beyond_lines(ink, f.top, f.bottom, f.left, f.right, p.speck_area);
    if (gap_ink <= p.gap_ink_px && beyond < p.beyond_border_px) return;
    out.kind = PreparedBox::Kind::Stray;
    out.flag = gap_ink > p.gap_ink_px ? "ink-across-boxes" : "ink-beyond-box";
    out.beyond_px = beyond;
}

}  // namespace

PreparedBox prepare_box(const cv::Mat& crop, const PrepParams& p, bool bilevel, DecimalGap decimal_gap) {
    if (crop.type() != CV_8UC1 || crop.cols != kBoxCropW || crop.rows != kBoxCropH)
        throw std::invalid_argument("icr: box crop must be CV_8UC1 90x110");

    // Darkness relative to the paper level (a bright percentile, robust to grey scans).
    cv::Mat dark;
    {
        std::vector<uchar> px(crop.begin<uchar>(), crop.end<uchar>());
        std::nth_element(px.begin(), px.begin() + px.size() * 9 / 10, px.end());
        const int paper = px[px.size() * 9 / 10];
        cv::Mat tmp;
        crop.convertTo(tmp, CV_16S);
        cv::Mat d = paper - tmp;
        d.convertTo(dark, CV_8U);  // saturates negatives to 0
    }

    const LinePair across = find_box_lines(dark, true, kMargin, kBoxCropW - kMargin, p.border_search_px);
    const LinePair down = find_box_lines(dark, false, kMargin, kBoxCropH - kMargin, p.border_search_px);
    BoxFrame f{across.first, across.second, down.first, down.second, {}, across.printed && down.printed};
    f.inner = cv::Rect(f.left + p.border_inset_px, f.top + p.border_inset_px,
                       f.right - f.left - 2 * p.border_inset_px + 1, f.bottom - f.top - 2 * p.border_inset_px + 1);
    if (f.inner.width < 20 || f.inner.height < 20) throw std::logic_error("icr: box border not found");

    // A light hand (a light pencil, never as dark as the ink darkness's double) is read from the
    // averaged image at its own stroke's darkness, as a dark one is read at the ink darkness: at a
    // fixed level its digit would vanish, or keep only its darker part (a light 6 read as a 1).
    // A black-and-white scan has no grey to adapt to (its traces are judged in read_box_ink).
    const cv::Mat avg = averaged_crop(dark);
    const FaintInk faint = faint_ink(dark, avg, f.inner, p);
    PreparedBox out;
    if (faint.stroke && !bilevel) {
        PrepParams light = p;
        light.ink_darkness = faint.read_level;
        out = read_box_ink(light_image(avg, lines_of(f)), f, light, bilevel, decimal_gap, true);
    } else {
        out = read_box_ink(dark, f, p, bilevel, decimal_gap, faint.stroke);
        if (out.kind == PreparedBox::Kind::Empty && !bilevel) flag_light_overflow(out, avg, f, p, faint.faint_level, decimal_gap);
    }
    return out;
}

cv::Mat deskew(const cv::Mat& norm28) {
    // Vertical shear that makes the second-order moments upright (as for the classic MNIST deskew).
    const cv::Moments m = cv::moments(norm28);
    if (std::abs(m.mu02) < 1e-2) return norm28.clone();
    const double skew = m.mu11 / m.mu02;
    const cv::Mat M = (cv::Mat_<double>(2, 3) << 1, skew, -0.5 * 28 * skew, 0, 1, 0);
    cv::Mat out;
    cv::warpAffine(norm28, out, M, cv::Size(28, 28), cv::WARP_INVERSE_MAP | cv::INTER_LINEAR);
    return out;
}

cv::Mat hog_features(const cv::Mat& deskewed28) {
    cv::Mat u8;
    deskewed28.convertTo(u8, CV_8U, 255.0);
    static const cv::HOGDescriptor hog(cv::Size(28, 28), cv::Size(14, 14), cv::Size(7, 7), cv::Size(7, 7), 9);
    std::vector<float> f;
    hog.compute(u8, f);
    return cv::Mat(f, true).reshape(1, 1);
}

}  // namespace quizscan::icr

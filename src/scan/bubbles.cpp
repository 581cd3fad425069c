// Bubble measurement and the judgement of one bubble alone. A mark is ink inside the bubble
// well above the sheet's empty-bubble level; a check or cross also spills outside. Below the
// ink threshold, a bubble measurably darker than the empty ones on the continuous scale is a
// faint trace: a light pencil mark or an erasure, which the page's marks decide (page_marks.hpp).
#include "scan/bubbles.hpp"

#include "scan/grey_levels.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace quizscan {
namespace {

// Thresholds on the fill/spill above the empty baseline (shares of the area).
constexpr double kMarked = 0.30;       // clearly filled
constexpr double kStrokeFill = 0.10;   // check or cross: some ink inside...
constexpr double kStrokeSpill = 0.05;  // ...and ink crossing the outline
constexpr double kEmptyFill = 0.07;    // below this (and little spill) it is empty
constexpr double kEmptySpill = 0.03;
// On a black-and-white scan an empty bubble measures its baseline exactly (no grey, no noise),
// and what is left of a pencil fill is a scatter of dots: a few pixels already mean a trace.
constexpr double kBilevelEmptyFill = 0.012;

// The continuous scale. A pixel holds light ink when it is this much darker than the local paper
// (or 3 times the paper's own grain, if more): 0.07 of paper-to-print is ~16 grey levels on a white
// scan, above scanner noise and JPEG ringing, below a light pencil line (grey 220 is 0.13).
constexpr double kLightInk = 0.07;
// Light ink within this of dark ink (mm) is the dark ink's blurred edge, not a mark of its own.
constexpr double kDarkEdgeMm = 0.25;
// An option has a faint trace when its share of light ink (around the bubble, or inside it) is
// above the sheet's empty bubbles by this much (or by 5 of their deviations, if more).
constexpr double kFaintShare = 0.05;
constexpr double kFaintFillShare = 0.08;
constexpr double kDeviations = 5.0;
// Ink of any darkness over this share of a bubble's unprinted inside (above the empty bubbles) is a
// trace too, even when the faint share misses it: a thin tick is dark in its core and light only at its
// edges, which count as the dark ink's edge (a 0.3 mm line 3 mm long is about a fifth of the inside).
constexpr double kInkInsideShare = 0.10;
// Where the printed letter sits inside a bubble (half width and height, mm): left out of the trace.
constexpr double kLetterHalfW = 0.8, kLetterHalfH = 0.85;
// Lines narrower than this (mm) are strokes: a pen or pencil line, not a smudge the size of the bubble.
constexpr double kStrokeMm = 1.5;

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

// The lower of the two middle values for an even count: the empty-bubble baseline of a page whose
// questions have two options (a short form's back: two bubbles, one filled) is then an empty one,
// as long as at most half of the page's bubbles are filled.
double lower_median(std::vector<double> v) {
    if (v.empty()) return 0;
    const auto k = static_cast<long>((v.size() - 1) / 2);
    std::nth_element(v.begin(), v.begin() + k, v.end());
    return v[static_cast<std::size_t>(k)];
}

double mad(const std::vector<double>& v, double med) {
    std::vector<double> d;
    for (double x : v) d.push_back(std::abs(x - med));
    return median(std::move(d));
}

// The spread of a set of pixels along its longest axis (px): the standard deviation of their positions
// there (weighed sums of x, y and their products in `s`: m00 = the weights'). A line L long measures L / sqrt(12).
double long_axis(const cv::Moments& s) {
    const double n = s.m00, mx = s.m10 / n, my = s.m01 / n;
    const double xx = s.m20 / n - mx * mx, yy = s.m02 / n - my * my, xy = s.m11 / n - mx * my;
    return std::sqrt(std::max(0.0, (xx + yy) / 2 + std::sqrt((xx - yy) * (xx - yy) / 4 + xy * xy)));
}

// The scale light ink is judged on in a softened 8-bit image: its paper (most of it is paper, even
// under a fill and a tick beside it), the paper-to-print darkness, and the darkness (of that scale)
// past which a pixel is ink: kLightInk, or three deviations of the paper's grain if it is noisier.
struct InkScale {
    double paper = 0, scale = 0, light = 0;
};
InkScale ink_scale(const cv::Mat& soft, const Tone& tone) {
    const GreyLevels levels(soft);
    InkScale k;
    k.paper = levels.at_rank(0.75);
    const double grain = levels.at_rank(0.95) - k.paper;  // about one deviation of the paper's grey
    k.scale = std::max(40.0, k.paper - tone.ink);
    k.light = std::max(kLightInk, 3 * grain / k.scale);
    return k;
}

// The continuous measures of one option, from a window of the crop around it (`c`: centre in the
// window, rx, ry: half axes in px) and the same window of the binary ink (`dark`, 1 = ink).
void measure_darkness(const cv::Mat& window, const cv::Mat& dark, cv::Point2d c, double rx, double ry, double ppm, bool square,
                      const Tone& tone, OptionMeasure& m) {
    cv::Mat s, closed, near_dark;
    cv::GaussianBlur(window, s, cv::Size(), 0.1 * ppm);
    const InkScale levels = ink_scale(s, tone);
    const double paper = levels.paper, scale = levels.scale, light_px = levels.light;
    s.convertTo(s, CV_32F);
    const int k = std::max(3, static_cast<int>(std::lround(kStrokeMm * ppm)) | 1);
    cv::morphologyEx(s, closed, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(k, k)));
    const int e = std::max(1, static_cast<int>(std::lround(kDarkEdgeMm * ppm)));
    cv::dilate(dark, near_dark, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * e + 1, 2 * e + 1)));
    double in_sum = 0, ink_dark = 0, ink_line = 0;
    int in_n = 0, ring_n = 0, open_n = 0, open_in_n = 0, light_n = 0, light_in_n = 0, ink_in_n = 0, ink_ring_n = 0;
    std::vector<double> ink;
    cv::Moments spread{};  // of the ink's pixels inside, by darkness: a line is long one way, a dot is not
    for (int y = 0; y < s.rows; ++y) {
        const float* row = s.ptr<float>(y);
        const float* cl = closed.ptr<float>(y);
        const auto* nd = near_dark.ptr<unsigned char>(y);
        const auto* dk = dark.ptr<unsigned char>(y);
        for (int x = 0; x < s.cols; ++x) {
            const double dx = (x + 0.5 - c.x) / rx, dy = (y + 0.5 - c.y) / ry;
            const double r = square ? std::max(std::abs(dx), std::abs(dy)) : std::sqrt(dx * dx + dy * dy);
            const double d = std::clamp((paper - row[x]) / scale, -0.5, 1.2);
            const bool inside = r <= 0.72, ring = r >= 1.3 && r <= 1.75;
            if (inside) in_sum += d, ++in_n;
            const bool letter = !square && std::abs(x + 0.5 - c.x) <= kLetterHalfW * ppm && std::abs(y + 0.5 - c.y) <= kLetterHalfH * ppm;
            if (!(inside && !letter) && !ring) continue;
            ++open_n;
            open_in_n += inside;
            ring_n += ring;
            if (d <= light_px) continue;
            ink.push_back(d);
            if (inside) {  // weighed by how far above the light-ink level: a few specks of noise do not spread a dot
                const double w = d - light_px;
                spread.m00 += w, spread.m10 += w * x, spread.m01 += w * y;
                spread.m20 += w * x * x, spread.m02 += w * y * y, spread.m11 += w * x * y;
            }
            ink_in_n += inside;
            ink_ring_n += ring;
            ink_dark += d;
            ink_line += std::clamp((cl[x] - row[x]) / scale, 0.0, d);
            if (dk[x] || nd[x]) continue;  // dark ink, or its edge: the binary measures' part
            ++light_n;
            light_in_n += inside;
        }
    }
    auto share = [](int n, int of) { return of ? static_cast<double>(n) / of : 0.0; };
    m.dark_fill = in_n ? in_sum / in_n : 0;
    m.faint = share(light_n, open_n);
    m.faint_fill = share(light_in_n, open_in_n);
    m.ink_fill = share(ink_in_n, open_in_n);
    m.ink_ring = share(ink_ring_n, ring_n);
    m.tone = ink.size() >= 10 ? median(ink) : 0;
    if (ink.size() >= 10) {
        std::nth_element(ink.begin(), ink.begin() + static_cast<long>(ink.size() * 9 / 10), ink.end());
        m.peak = ink[ink.size() * 9 / 10];
    }
    m.stroke = ink_dark > 0 ? ink_line / ink_dark : 0;
    m.reach = ink_in_n >= 10 && spread.m00 > 0 ? long_axis(spread) / ppm : 0;
}

// The pixels of the ring 1.1-1.9 half axes round a bubble at `c` in an image of `size`, each with
// its angular sector (see OptionMeasure::around). Parts of the ring outside the image are left out.
struct RingPixel {
    int y, x;
    std::size_t sector;
};
std::vector<RingPixel> ring_pixels(cv::Size size, cv::Point2d c, double rx, double ry) {
    constexpr double kInner = 1.1, kOuter = 1.9, kTwoPi = 6.283185307179586;
    std::vector<RingPixel> out;
    const int x0 = std::max(0, static_cast<int>(c.x - rx * kOuter)), x1 = std::min(size.width, static_cast<int>(c.x + rx * kOuter) + 1);
    const int y0 = std::max(0, static_cast<int>(c.y - ry * kOuter)), y1 = std::min(size.height, static_cast<int>(c.y + ry * kOuter) + 1);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const double dx = (x + 0.5 - c.x) / rx, dy = (y + 0.5 - c.y) / ry;
            const double r = std::sqrt(dx * dx + dy * dy);
            if (r < kInner || r > kOuter) continue;
            const double a = std::atan2(dy, dx) + kTwoPi / 2;  // 0..2 pi
            out.push_back({y, x, static_cast<std::size_t>(std::min(kRingSectors - 1.0, a / kTwoPi * kRingSectors))});
        }
    return out;
}

// ring_pixels, worked out once per bubble and crop size: every sheet of a form has the same
// bubbles at the same places in their crops. Per thread, forgotten when it grows past a form's worth.
const std::vector<RingPixel>& ring_pixels_of(cv::Size size, cv::Point2d c, double rx, double ry) {
    struct Key {
        cv::Size size;
        cv::Point2d c;
        double rx, ry;
        bool operator==(const Key& k) const { return size == k.size && c == k.c && rx == k.rx && ry == k.ry; }
    };
    thread_local std::vector<std::pair<Key, std::vector<RingPixel>>> known;
    const Key key{size, c, rx, ry};
    for (const auto& [k, pixels] : known)
        if (k == key) return pixels;
    if (known.size() >= 512) known.clear();
    known.emplace_back(key, ring_pixels(size, c, rx, ry));
    return known.back().second;
}

// Ink (`ink`: 1 = ink) per angular sector of the ring 1.1-1.9 half axes round the bubble at `c` (see
// OptionMeasure::around). Parts of the ring outside the crop count as no ink.
std::array<float, kRingSectors> around_bubble(const cv::Mat& dark, cv::Point2d c, double rx, double ry) {
    std::array<int, kRingSectors> n{}, ink{};
    for (const RingPixel& p : ring_pixels_of(dark.size(), c, rx, ry)) {
        ++n[p.sector];
        ink[p.sector] += dark.at<unsigned char>(p.y, p.x);
    }
    std::array<float, kRingSectors> out{};
    for (std::size_t s = 0; s < out.size(); ++s) out[s] = n[s] ? static_cast<float>(ink[s]) / static_cast<float>(n[s]) : 0.f;
    return out;
}

// Any ink in the crop, dark or light (1 = ink): darker than the crop's paper by what makes light ink
// (measure_darkness's rule, on the whole crop). A circle drawn round a bubble in light pencil is ink here.
cv::Mat any_ink(const cv::Mat& crop, const Tone& tone, double ppm) {
    cv::Mat s;
    cv::GaussianBlur(crop, s, cv::Size(), 0.1 * ppm);
    const InkScale k = ink_scale(s, tone);
    cv::Mat ink;
    cv::threshold(s, ink, k.paper - k.light * k.scale, 1, cv::THRESH_BINARY_INV);
    return ink;
}

}  // namespace

std::vector<OptionMeasure> measure_options(const cv::Mat& crop, const FieldGeom& field, double ppm, const Tone& tone) {
    cv::Mat dark;
    cv::threshold(crop, dark, tone.threshold(), 1, cv::THRESH_BINARY_INV);
    const cv::Mat ink = field.type == FieldType::Checkbox ? cv::Mat() : any_ink(crop, tone, ppm);
    std::vector<OptionMeasure> out;
    for (const auto& o : field.options) {
        const cv::Point2d c((o.center.x - field.region.x) * ppm, (o.center.y - field.region.y) * ppm);
        const double rx = o.w / 2 * ppm, ry = o.h / 2 * ppm;
        const int x0 = std::max(0, static_cast<int>(c.x - rx * 1.8)), x1 = std::min(crop.cols, static_cast<int>(c.x + rx * 1.8) + 1);
        const int y0 = std::max(0, static_cast<int>(c.y - ry * 1.8)), y1 = std::min(crop.rows, static_cast<int>(c.y + ry * 1.8) + 1);
        const bool square = field.type == FieldType::Checkbox;
        int in_n = 0, in_dark = 0, ring_n = 0, ring_dark = 0;
        for (int y = y0; y < y1; ++y) {
            const auto* row = dark.ptr<unsigned char>(y);
            for (int x = x0; x < x1; ++x) {
                const double dx = (x + 0.5 - c.x) / rx, dy = (y + 0.5 - c.y) / ry;
                const double r = square ? std::max(std::abs(dx), std::abs(dy)) : std::sqrt(dx * dx + dy * dy);
                if (r <= 0.72) {
                    ++in_n;
                    in_dark += row[x];
                } else if (r >= 1.3 && r <= 1.75) {
                    ++ring_n;
                    ring_dark += row[x];
                }
            }
        }
        OptionMeasure m{o.value, in_n ? static_cast<double>(in_dark) / in_n : 0, ring_n ? static_cast<double>(ring_dark) / ring_n : 0};
        if (x1 > x0 && y1 > y0)
        {
            const cv::Rect w(x0, y0, x1 - x0, y1 - y0);
            measure_darkness(crop(w), dark(w), c - cv::Point2d(x0, y0), rx, ry, ppm, square, tone, m);
        }
        if (!square) m.around = around_bubble(ink, c, rx, ry);
        out.push_back(m);
    }
    return out;
}

Baseline baseline_of(const std::vector<OptionMeasure>& all) {
    std::vector<double> f, s, df, ft, ff, inf, inr;
    for (const auto& m : all) {
        f.push_back(m.fill), s.push_back(m.spill), df.push_back(m.dark_fill), ft.push_back(m.faint), ff.push_back(m.faint_fill);
        inf.push_back(m.ink_fill), inr.push_back(m.ink_ring);
    }
    Baseline b{lower_median(f),  lower_median(s), lower_median(df),  lower_median(ft), 0,
               lower_median(ff), 0,               lower_median(inf), lower_median(inr)};
    b.faint_mad = mad(ft, b.faint);
    b.faint_fill_mad = mad(ff, b.faint_fill);
    for (std::size_t s = 0; s < b.around.size(); ++s) {
        std::vector<double> v;
        for (const auto& m : all) v.push_back(m.around[s]);
        b.around[s] = static_cast<float>(lower_median(std::move(v)));
    }
    return b;
}

double ring_cover(const OptionMeasure& m, const Baseline& base) {
    constexpr float kInked = 0.08f;  // a pen line crossing a sector inks a third of it or more; print beside it is the baseline's
    int inked = 0;
    for (std::size_t s = 0; s < m.around.size(); ++s) inked += m.around[s] - base.around[s] >= kInked;
    return static_cast<double>(inked) / kRingSectors;
}

Baseline paper_baseline(const Baseline& page) {
    Baseline b;
    b.faint_mad = page.faint_mad;
    b.faint_fill_mad = page.faint_fill_mad;
    return b;
}

Judged judge(const OptionMeasure& m, const Baseline& b, bool bilevel, bool box) {
    const double f = std::max(0.0, m.fill - b.fill);
    const double s = std::max(0.0, m.spill - b.spill);
    // How far above the empty bubbles on the continuous scale, in units of what makes a faint trace.
    const double inside = (m.faint_fill - b.faint_fill) / std::max(kFaintFillShare, kDeviations * b.faint_fill_mad);
    const double ink_inside = (m.ink_fill - b.ink_fill) / kInkInsideShare;
    const double excess = std::max(ink_inside, box ? inside : std::max(inside, (m.faint - b.faint) / std::max(kFaintShare, kDeviations * b.faint_mad)));
    const double empty_fill = bilevel ? kBilevelEmptyFill : kEmptyFill;
    if (f >= kMarked) return {Verdict::Marked, std::min(1.0, (f - kMarked) / 0.25), excess};
    if (f >= kStrokeFill && s >= kStrokeSpill)
        return {Verdict::Marked, std::min(1.0, std::min((f - kStrokeFill) / 0.2, (s - kStrokeSpill) / 0.1)), excess};
    if (f < empty_fill && s < kEmptySpill) {
        const double margin = 1.0 - std::max(f / empty_fill, s / kEmptySpill);
        // A black-and-white scan has no grey to measure: its faint traces are the binary ones.
        if (bilevel || excess < 1.0) return {Verdict::Empty, std::min(margin, 1.0 - std::max(0.0, excess)), excess};
        return {Verdict::Faint, 0, excess};
    }
    return {Verdict::Unsure, 0, excess};
}

}  // namespace quizscan

// Bubble measurement and classification. A mark is ink inside the bubble well above the
// sheet's empty-bubble level; a check or cross also spills outside. Erasures stay lighter
// than the ink threshold and stray dots are too small: both read as empty.
#include "scan/bubbles.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

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

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 2), v.end());
    return v[v.size() / 2];
}

enum class Verdict { Empty, Marked, Unsure };

struct Judged {
    Verdict verdict;
    double margin;  // 0..1: how clearly the measures fall on their side of the thresholds
};

// Confidence of each verdict: how far the measures sit from the thresholds, as a share
// of the room on that side (1 = an untouched bubble or a solid fill).
Judged judge(const OptionMeasure& m, const Baseline& b, bool bilevel) {
    const double f = std::max(0.0, m.fill - b.fill);
    const double s = std::max(0.0, m.spill - b.spill);
    const double empty_fill = bilevel ? kBilevelEmptyFill : kEmptyFill;
    if (f >= kMarked) return {Verdict::Marked, std::min(1.0, (f - kMarked) / 0.25)};
    if (f >= kStrokeFill && s >= kStrokeSpill)
        return {Verdict::Marked, std::min(1.0, std::min((f - kStrokeFill) / 0.2, (s - kStrokeSpill) / 0.1))};
    if (f < empty_fill && s < kEmptySpill) return {Verdict::Empty, 1.0 - std::max(f / empty_fill, s / kEmptySpill)};
    return {Verdict::Unsure, 0};
}

}  // namespace

std::vector<OptionMeasure> measure_options(const cv::Mat& crop, const FieldGeom& field, double ppm, const Tone& tone) {
    cv::Mat dark;
    cv::threshold(crop, dark, tone.threshold(), 1, cv::THRESH_BINARY_INV);
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
        out.push_back({o.value, in_n ? static_cast<double>(in_dark) / in_n : 0, ring_n ? static_cast<double>(ring_dark) / ring_n : 0});
    }
    return out;
}

Baseline baseline_of(const std::vector<OptionMeasure>& all) {
    std::vector<double> f, s;
    for (const auto& m : all) f.push_back(m.fill), s.push_back(m.spill);
    return {median(f), median(s)};
}

ChoiceReading classify(const std::vector<OptionMeasure>& options, const Baseline& base, bool bilevel) {
    ChoiceReading r;
    double min_margin = 1.0;
    int marked = 0, unsure = 0;
    std::string unsure_values;
    for (const auto& o : options) {
        const Judged j = judge(o, base, bilevel);
        if (j.verdict == Verdict::Marked) {
            r.value += o.value;
            ++marked;
        } else if (j.verdict == Verdict::Unsure) {
            ++unsure;
            unsure_values += o.value;
        }
        min_margin = std::min(min_margin, j.margin);
    }
    r.confidence = unsure ? 0.0 : std::clamp(min_margin, 0.0, 1.0);
    if (unsure) {
        r.needs_review = true;
        r.reason = "unclear mark on " + unsure_values +
                   (bilevel ? " (traces on a black-and-white scan: a light pencil mark may have been dropped)"
                            : " (faint, partly erased, or a stray mark)");
    } else if (marked > 1) {
        r.needs_review = true;
        r.reason = "several marks (" + r.value + ")";
    } else if (r.confidence < 0.25) {
        r.needs_review = true;
        r.reason = "close to the threshold";
    }
    return r;
}

}  // namespace quizscan

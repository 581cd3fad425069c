// Finding an area by its print: normalised cross-correlation of the blank form's area (the
// template) over the scan around its registered place, at the PrintImage's resolution, with a
// sub-pixel peak. Handwriting and filled bubbles are not in the template and lower the match,
// but the printed text, outlines and boxes fix where the peak is.
#include "scan/field_shift.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "scan/area_resize.hpp"
#include "scan/read_page.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan {
namespace {

constexpr double kMinMatch = 0.45;     // below this the scan around the field does not look like its print
constexpr double kMinLead = 0.04;      // the best place beats any place ...
constexpr double kRivalAwayMm = 1.5;   // ... this far from it by at least kMinLead
constexpr double kPrintReachMm = 0.8;  // the print, and this much paper around it, is compared

// Offset of a parabola's vertex through (-1, a), (0, b), (1, c), within +-0.5.
double vertex(double a, double b, double c) {
    const double d = a - 2 * b + c;
    return d < 0 ? std::clamp(0.5 * (a - c) / d, -0.5, 0.5) : 0.0;
}

}  // namespace

cv::Matx33d shifted(const cv::Matx33d& mm_to_px, cv::Point2d s) {
    return mm_to_px * cv::Matx33d(1, 0, s.x, 0, 1, s.y, 0, 0, 1);
}

PrintImage print_image(const cv::Mat& blank, double ppm) {
    cv::Mat sized = blank;  // shared with the form: written to only through a new image
    if (ppm < kBlankPagePxPerMm) resize_area(blank, sized, cv::Size(), ppm / kBlankPagePxPerMm, ppm / kBlankPagePxPerMm);
    PrintImage p{cv::Mat(), ppm};
    cv::GaussianBlur(sized, p.img, cv::Size(), ppm / kBlankPagePxPerMm);  // scans are softer than the render
    return p;
}

FieldShift find_field_shift(const cv::Mat& upright, const cv::Matx33d& mm_to_px, const PrintImage& print, const RectMm& region,
                            bool print_only, double search_mm) {
    const double ppm = print.ppm;
    const cv::Rect tr(static_cast<int>(std::lround(region.x * ppm)), static_cast<int>(std::lround(region.y * ppm)),
                      static_cast<int>(std::lround(region.w * ppm)), static_cast<int>(std::lround(region.h * ppm)));
    if (tr.area() == 0 || (tr & cv::Rect(0, 0, print.img.cols, print.img.rows)) != tr) return {};
    const int pad = static_cast<int>(std::lround(search_mm * ppm));
    const RectMm around{tr.x / ppm - pad / ppm, tr.y / ppm - pad / ppm, (tr.width + 2 * pad) / ppm, (tr.height + 2 * pad) / ppm};
    cv::Mat scan = warp_region(upright, mm_to_px, around, ppm);
    cv::GaussianBlur(scan, scan, cv::Size(), ppm / kBlankPagePxPerMm);
    const cv::Mat templ = print.img(tr);
    cv::Mat score;
    if (print_only) {
        // Only the print and the paper just around it count: the digits written inside a comb's
        // boxes are not in the template and would drag the match down.
        cv::Mat mask;
        cv::threshold(templ, mask, 230, 255, cv::THRESH_BINARY_INV);
        const int reach = static_cast<int>(std::lround(kPrintReachMm * ppm));
        cv::dilate(mask, mask, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * reach + 1, 2 * reach + 1)));
        if (cv::countNonZero(mask) < static_cast<int>(templ.total() / 50)) return {};  // next to no print to find it by
        cv::matchTemplate(scan, templ, score, cv::TM_CCOEFF_NORMED, mask);
    } else {
        cv::matchTemplate(scan, templ, score, cv::TM_CCOEFF_NORMED);
    }
    cv::patchNaNs(score, -1);
    double best = 0;
    cv::Point at;
    cv::minMaxLoc(score, nullptr, &best, nullptr, &at);
    // The strongest rival away from the peak: a comb's boxes or a row of bubbles repeat.
    cv::Mat rivals = score.clone();
    const int away = static_cast<int>(std::lround(kRivalAwayMm * ppm));
    cv::rectangle(rivals, cv::Rect(at.x - away, at.y - away, 2 * away + 1, 2 * away + 1), cv::Scalar(-1), cv::FILLED);
    double rival = -1;
    cv::minMaxLoc(rivals, nullptr, &rival);
    FieldShift out;
    out.match = best;
    out.found = std::isfinite(best) && best >= kMinMatch && best - rival >= kMinLead && at.x > 0 && at.y > 0 &&
                at.x < score.cols - 1 && at.y < score.rows - 1;  // on the search's edge: it may lie beyond
    if (!out.found) return out;
    const auto s = [&](int dx, int dy) { return static_cast<double>(score.at<float>(at.y + dy, at.x + dx)); };
    const double fx = at.x + vertex(s(-1, 0), s(0, 0), s(1, 0)), fy = at.y + vertex(s(0, -1), s(0, 0), s(0, 1));
    out.mm = {(fx - pad) / ppm, (fy - pad) / ppm};
    return out;
}

}  // namespace quizscan

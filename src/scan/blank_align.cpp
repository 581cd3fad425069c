// Intensity-based alignment of a scan with its blank form (see blank_align.hpp). Both are turned
// into ink (255 - grey, so what lies outside either image is no ink) and blurred, so that a map a
// few millimetres off still finds the slope toward the right one: the best few shifts of the
// whole page, an affine fit from each, the best one refined.
#include "scan/blank_align.hpp"

#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <algorithm>
#include <vector>

#include "scan/area_resize.hpp"

namespace quizscan {
namespace {

constexpr double kSearchPxPerMm = 0.5;  // the shift searched over the whole reach
constexpr double kCoarsePxPerMm = 1.0;  // then the affine fit from each of the best shifts
constexpr double kFinePxPerMm = 2.0;    // and the best of those refined
constexpr double kReachMm = 45;         // farthest a sheet is looked for from where the scan's corner is
constexpr int kStarts = 3;              // best shifts tried
constexpr double kApartMm = 6;          // ... at least this far apart
constexpr double kBlurMm = 1.2;          // widens the basin: a map this far off still converges
constexpr double kMinCorrelation = 0.35; // below this the print is not what was found

// `img` at `from` px per mm as ink at `to` px per mm, blurred, float.
cv::Mat ink_at(const cv::Mat& img, double from, double to) {
    cv::Mat small, ink;
    resize_area(img, small, cv::Size(), to / from, to / from);
    small.convertTo(ink, CV_32F, -1.0, 255.0);
    cv::GaussianBlur(ink, ink, cv::Size(0, 0), kBlurMm * to);
    return ink;
}

// Where the whole blank page fits best on the scan, moved up to kReachMm each way: the few best
// shifts (px at `ppm`) of the blank's ink over the scan's, each a start for the fine fit (a form
// repeats itself, rows of bubbles a question apart: the best shift alone may be a row off).
std::vector<cv::Point2d> shift_candidates(const cv::Mat& blank_ink, const cv::Mat& scan_ink, double ppm) {
    const int reach = static_cast<int>(kReachMm * ppm);
    cv::Mat field;
    cv::copyMakeBorder(scan_ink, field, reach, reach + std::max(0, blank_ink.rows - scan_ink.rows), reach,
                       reach + std::max(0, blank_ink.cols - scan_ink.cols), cv::BORDER_CONSTANT, cv::Scalar(0));
    cv::Mat score;
    cv::matchTemplate(field, blank_ink, score, cv::TM_CCOEFF_NORMED);
    std::vector<cv::Point2d> out;
    for (int k = 0; k < kStarts; ++k) {
        double best = 0;
        cv::Point at;
        cv::minMaxLoc(score, nullptr, &best, nullptr, &at);
        if (best <= 0) break;
        out.emplace_back(at.x - reach, at.y - reach);
        cv::circle(score, at, static_cast<int>(kApartMm * ppm), cv::Scalar(-1), cv::FILLED);  // the next start elsewhere
    }
    return out;
}

// The affine fit (ECC) from `warp`, at the resolution of the images; its correlation, or -1.
double fit(const cv::Mat& blank_ink, const cv::Mat& scan_ink, cv::Mat& warp) {
    try {
        const cv::TermCriteria until(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 60, 1e-5);
        return cv::findTransformECC(blank_ink, scan_ink, warp, cv::MOTION_AFFINE, until, cv::noArray(), 1);
    } catch (const cv::Exception&) {
        return -1;  // did not converge
    }
}

}  // namespace

ScanInk scan_ink(const cv::Mat& upright, double px_per_mm) {
    ScanInk out;
    if (upright.empty() || px_per_mm <= 0) return out;
    out.px_per_mm = px_per_mm;
    out.steps = {ink_at(upright, px_per_mm, kSearchPxPerMm), ink_at(upright, px_per_mm, kCoarsePxPerMm),
                 ink_at(upright, px_per_mm, kFinePxPerMm)};
    return out;
}

BlankAlignment align_to_blank(const ScanInk& scan, const cv::Mat& blank, double blank_px_per_mm) {
    BlankAlignment out;
    if (scan.px_per_mm <= 0 || blank.empty()) return out;
    // warp: px of the blank at a step's resolution -> px of the scan at the same resolution.
    const cv::Mat blank1 = ink_at(blank, blank_px_per_mm, kCoarsePxPerMm);
    cv::Mat warp;
    double best = -1;
    for (const cv::Point2d d : shift_candidates(ink_at(blank, blank_px_per_mm, kSearchPxPerMm), scan.steps[0], kSearchPxPerMm)) {
        const double f = kCoarsePxPerMm / kSearchPxPerMm;
        cv::Mat w = (cv::Mat_<float>(2, 3) << 1, 0, static_cast<float>(d.x * f), 0, 1, static_cast<float>(d.y * f));
        const double c = fit(blank1, scan.steps[1], w);
        if (c > best) best = c, warp = w;
    }
    if (best < 0) return out;
    warp.at<float>(0, 2) *= static_cast<float>(kFinePxPerMm / kCoarsePxPerMm);
    warp.at<float>(1, 2) *= static_cast<float>(kFinePxPerMm / kCoarsePxPerMm);
    out.correlation = fit(ink_at(blank, blank_px_per_mm, kFinePxPerMm), scan.steps[2], warp);
    if (out.correlation < 0) return out;
    const double s = kFinePxPerMm, ppm = scan.px_per_mm;
    // mm -> blank px (x s) -> scan px at the step (warp) -> full resolution (x px_per_mm / s).
    const cv::Matx33d to_step(s, 0, 0, 0, s, 0, 0, 0, 1);
    const cv::Matx33d w(warp.at<float>(0, 0), warp.at<float>(0, 1), warp.at<float>(0, 2), warp.at<float>(1, 0), warp.at<float>(1, 1),
                        warp.at<float>(1, 2), 0, 0, 1);
    const cv::Matx33d to_full(ppm / s, 0, 0, 0, ppm / s, 0, 0, 0, 1);
    out.mm_to_px = to_full * w * to_step;
    out.ok = out.correlation >= kMinCorrelation;
    return out;
}

BlankAlignment align_to_blank(const cv::Mat& upright, double px_per_mm, const cv::Mat& blank, double blank_px_per_mm) {
    return align_to_blank(scan_ink(upright, px_per_mm), blank, blank_px_per_mm);
}

}  // namespace quizscan

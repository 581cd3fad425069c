// Ink where the blank form has none: dark in the scan, and more than 0.7 mm (registration error,
// blur) from anything printed on the blank page.
#include "scan/unprinted_ink.hpp"

#include <opencv2/imgproc.hpp>

#include <cmath>

namespace quizscan {

double unprinted_ink_mm2(const cv::Mat& scan_region, const cv::Mat& blank, const RectMm& region, const Tone& tone) {
    const cv::Rect want(static_cast<int>(std::lround(region.x * kBlankPagePxPerMm)), static_cast<int>(std::lround(region.y * kBlankPagePxPerMm)),
                        scan_region.cols, scan_region.rows);
    const cv::Rect r = want & cv::Rect(0, 0, blank.cols, blank.rows);
    if (r.area() == 0) return 0;
    // Near print: within `reach` of any printed grey (anti-aliased edges too), print just outside
    // the region included, so that text cut by the region's edge still covers its own scan.
    const int reach = static_cast<int>(std::lround(0.7 * kBlankPagePxPerMm));
    const cv::Rect around = cv::Rect(r.x - reach, r.y - reach, r.width + 2 * reach, r.height + 2 * reach) & cv::Rect(0, 0, blank.cols, blank.rows);
    cv::Mat printed, near_print, ink;
    cv::threshold(blank(around), printed, 230, 255, cv::THRESH_BINARY_INV);
    cv::dilate(printed, near_print, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(2 * reach + 1, 2 * reach + 1)));
    near_print = near_print(cv::Rect(r.x - around.x, r.y - around.y, r.width, r.height));
    cv::threshold(scan_region(cv::Rect(r.x - want.x, r.y - want.y, r.width, r.height)), ink, tone.threshold(), 255, cv::THRESH_BINARY_INV);
    ink.setTo(0, near_print);
    cv::Mat labels, stats, cents;
    const int n = cv::connectedComponentsWithStats(ink, labels, stats, cents, 8, CV_32S);
    const double px_mm2 = 1.0 / (kBlankPagePxPerMm * kBlankPagePxPerMm);
    double area = 0;
    for (int i = 1; i < n; ++i) {
        const double a = stats.at<int>(i, cv::CC_STAT_AREA) * px_mm2;
        if (a >= 0.1) area += a;
    }
    return area;
}

}  // namespace quizscan

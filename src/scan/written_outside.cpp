// Ink in a number's row outside its comb boxes: the scan of the row, strip by strip where the page is
// not flat, with every box's inside painted out, compared with the blank form (unprinted_ink_mm2).
#include "scan/written_outside.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "scan/read_page.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan {

RectMm number_band(const FieldGeom& f, const cv::Mat& blank_page, double margin_mm) {
    const double x0 = std::max(0.0, f.region.x - 3), x1 = blank_page.cols / kBlankPagePxPerMm - 8;
    return {x0, f.boxes.front().y - margin_mm, std::max(1.0, x1 - x0), f.boxes.front().h + 2 * margin_mm};
}

double ink_outside_boxes_mm2(const cv::Mat& upright, Placer& placer, const cv::Mat& blank_page, const PageLayout& page,
                             const RectMm& band, const Tone& tone) {
    constexpr double kStripMm = 30;  // on a bent page a long row does not move as one
    const int strips = placer.flat() ? 1 : std::max(1, static_cast<int>(std::ceil(band.w / kStripMm - 0.2)));
    double ink = 0;
    for (int i = 0; i < strips; ++i) {
        const RectMm strip{band.x + band.w * i / strips, band.y, band.w / strips, band.h};
        cv::Mat scan = warp_region(upright, placer.transform(placer.place(strip)), strip, kBlankPagePxPerMm).clone();
        // Inside a box (to its border line's centre) is the box reader's; ink on or just past the
        // border is near print, which unprinted_ink_mm2 leaves out.
        for (const auto& f : page.fields)
            for (const auto& b : f.boxes) {
                const cv::Point p0(static_cast<int>(std::lround((b.x - strip.x) * kBlankPagePxPerMm)),
                                   static_cast<int>(std::lround((b.y - strip.y) * kBlankPagePxPerMm)));
                const cv::Point p1(static_cast<int>(std::lround((b.right() - strip.x) * kBlankPagePxPerMm)),
                                   static_cast<int>(std::lround((b.bottom() - strip.y) * kBlankPagePxPerMm)));
                cv::rectangle(scan, p0, p1, cv::Scalar(255), cv::FILLED);
            }
        ink += unprinted_ink_mm2(scan, blank_page, strip, tone);
    }
    return ink;
}

}  // namespace quizscan

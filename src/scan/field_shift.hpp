// Finding an area of a page again by its print: how far from where registration put it the
// scan shows the blank form's print of that area (a bent page moves its middle; placer.hpp).
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"

namespace quizscan {

constexpr double kShiftSearchMm = 5.0;  // how far from the registered place a field is looked for

struct FieldShift {
    cv::Point2d mm{0, 0};  // where the print was found minus where registration put it
    double match = 0;      // normalised correlation at the best place (1 = identical)
    bool found = false;    // one clear best place, matching well enough to trust
};

// The blank page softened like a scan, at the resolution areas are compared at.
struct PrintImage {
    cv::Mat img;
    double ppm = 0;
};
// `blank`: the whole blank page at kBlankPagePxPerMm; `ppm`: that or coarser (faster, less exact).
PrintImage print_image(const cv::Mat& blank, double ppm);

// Where `region`'s print is in the scan, looked for up to `search_mm` from where mm_to_px puts it.
// `print_only`: compare only the print and the paper just around it (for an area mostly written
// over; slower).
FieldShift find_field_shift(const cv::Mat& upright, const cv::Matx33d& mm_to_px, const PrintImage& print, const RectMm& region,
                            bool print_only = false, double search_mm = kShiftSearchMm);

// `mm_to_px` for a field found `shift` away: page mm -> scan px.
cv::Matx33d shifted(const cv::Matx33d& mm_to_px, cv::Point2d shift_mm);

}  // namespace quizscan

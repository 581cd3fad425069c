// Uneven light: a phone photo of a sheet (a lamp to one side, the phone's shadow) or a page
// curled under a scanner lid. Every later step assumes one paper level per page, so the
// paper's own level is estimated at low resolution and divided out.
#pragma once

#include <opencv2/core.hpp>

namespace quizscan {

// Below this evenness (darkest paper level / brightest) a page is corrected.
constexpr double kUnevenLight = 0.85;

// The light on a page: the paper's level in blocks of about 2.7 mm, and how evenly lit it is.
struct PaperLight {
    cv::Mat level;          // CV_8U, one value per block
    double evenness = 1;    // paper level where darkest over where brightest (5th / 95th percentile)
    double bright = 255;    // the brightest paper level (95th percentile)
    bool uneven() const { return evenness < kUnevenLight; }
};

// Measures the light on `gray`, a page at `dpi` (a reduced copy is enough: ~100 dpi).
PaperLight paper_light(const cv::Mat& gray, double dpi);

// `gray` (any resolution of the page measured) with the light divided out: the paper at
// light.bright everywhere, print and writing as dark relative to it as they were.
cv::Mat divide_out(const cv::Mat& gray, const PaperLight& light);

}  // namespace quizscan

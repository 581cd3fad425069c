// Uneven light: a phone photo of a sheet (a lamp to one side, the phone's shadow) or a page
// curled under a scanner lid. Every later step assumes one paper level per page, so the
// paper's own level is estimated at low resolution and divided out.
#pragma once

#include <opencv2/core.hpp>

namespace quizscan {

// Below this evenness (darkest paper level / brightest) a page is corrected.
constexpr double kUnevenLight = 0.85;

struct EvenLight {
    cv::Mat gray;           // the page, with the light divided out if it was uneven (else the input)
    double evenness = 1;    // paper level where darkest over where brightest (5th / 95th percentile)
    bool corrected = false;
};

// Measures how evenly `gray` (a page at `dpi`) is lit; below kUnevenLight, returns a copy with
// the light divided out (the paper at its brightest level everywhere).
EvenLight even_out_light(const cv::Mat& gray, double dpi);

}  // namespace quizscan

// Slightly moved views of a normalised digit, for reading it more than once (issue 20: a glyph unlike the
// training digits is often read confidently at one position and not at the next; a familiar one is read
// the same at all of them).
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace quizscan::icr {

// norm28: CV_32FC1 28x28, ink 1 on 0 (PreparedBox::norm). The views, each the same type and size: shifted
// one pixel left, right, up and down; turned 8 degrees each way; 10% smaller and 10% larger (about the
// image's centre). The unmoved image is not among them.
std::vector<cv::Mat> moved_views(const cv::Mat& norm28);

}  // namespace quizscan::icr

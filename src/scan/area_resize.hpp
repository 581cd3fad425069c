// cv::resize with cv::INTER_AREA, the same pixels, with less work for a grey page shrunk by a
// factor that is not a whole number (OpenCV's general area path: 300 -> 100 dpi of a page whose
// size is not a multiple of 3, the preview, the fingerprint's thumbnail).
#pragma once

#include <opencv2/core.hpp>

namespace quizscan {

// Exactly cv::resize(src, dst, dsize, fx, fy, cv::INTER_AREA): the same size, the same pixels
// (OpenCV 4's general area average, float sums in the same order, rounded the same way). Only a
// one-channel 8-bit image shrunk in both directions by a factor that is not a whole number is
// done here; anything else is handed to cv::resize. `dst` may be `src`.
void resize_area(const cv::Mat& src, cv::Mat& dst, cv::Size dsize, double fx = 0, double fy = 0);

}  // namespace quizscan

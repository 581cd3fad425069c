// A grey image's area cut out through a homography with bilinear interpolation: the same pixels as
// cv::warpPerspective(..., INTER_LINEAR | WARP_INVERSE_MAP, BORDER_CONSTANT), with less work
// (warp_region's field crops are most of the page's warping).
#pragma once

#include <opencv2/core.hpp>

namespace quizscan {

// Exactly cv::warpPerspective(src, out, out_to_src, size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP,
// cv::BORDER_CONSTANT, cv::Scalar(border)): OpenCV 4's source positions in 1/32 px (computed per
// block of output pixels as OpenCV does, in the same double arithmetic) and its fixed-point
// bilinear weights, with the image's edge and beyond as `border`. Only a one-channel 8-bit
// `src` is done here; anything else is handed to cv::warpPerspective.
cv::Mat warp_linear(const cv::Mat& src, const cv::Matx33d& out_to_src, cv::Size size, unsigned char border);

}  // namespace quizscan

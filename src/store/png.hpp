// The store's images (field crops, page previews) as PNG bytes: grey, 8 bits, encoded for speed.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

namespace quizscan::store {

// Lossless PNG of an 8-bit grey image (CV_8UC1). Throws std::runtime_error if it cannot be encoded.
std::vector<unsigned char> png_bytes(const cv::Mat& gray);

}  // namespace quizscan::store

// Draws what was read over a registered page, for a person to check at a glance.
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"
#include "scan/read_page.hpp"

namespace quizscan {

// `upright` page, `mm_to_px` its registration; returns a colour image at ~100 dpi.
cv::Mat annotate_page(const cv::Mat& upright, const cv::Matx33d& mm_to_px, const PageLayout& page, const PageResult& r);

}  // namespace quizscan

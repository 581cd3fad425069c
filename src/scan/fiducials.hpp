// Finds the printed finder-pattern fiducials (black 7 / white 5 / black 3 modules) in a page.
#pragma once

#include <opencv2/core.hpp>
#include <vector>

namespace quizscan {

struct FiducialHit {
    cv::Point2d center;   // px in the image given
    double size_px = 0;   // outer square side
};

// Candidates in `gray` whose outer side is between min_px and max_px.
std::vector<FiducialHit> find_fiducials(const cv::Mat& gray, double min_px, double max_px);

}  // namespace quizscan

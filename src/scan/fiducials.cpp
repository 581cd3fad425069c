// Fiducial detection: adaptive threshold, contour hierarchy (square > hole > square),
// checked for squareness and the 7:5:3 area ratios, so text and bubbles are not taken.
#include "scan/fiducials.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

namespace quizscan {

std::vector<FiducialHit> find_fiducials(const cv::Mat& gray, double min_px, double max_px) {
    cv::Mat bin;
    int block = static_cast<int>(max_px * 1.6) | 1;
    block = std::max(block, 15);
    cv::adaptiveThreshold(gray, bin, 255, cv::ADAPTIVE_THRESH_MEAN_C, cv::THRESH_BINARY_INV, block, 12);
    std::vector<std::vector<cv::Point>> contours;
    std::vector<cv::Vec4i> hier;
    cv::findContours(bin, contours, hier, cv::RETR_TREE, cv::CHAIN_APPROX_SIMPLE);

    auto squareish = [](const std::vector<cv::Point>& c, double& side) {
        const cv::RotatedRect r = cv::minAreaRect(c);
        const double w = r.size.width, h = r.size.height;
        if (w < 1 || h < 1) return false;
        side = (w + h) / 2;
        const double area = cv::contourArea(c);
        return std::min(w, h) / std::max(w, h) > 0.7 && area > 0.75 * w * h;
    };

    std::vector<FiducialHit> hits;
    for (std::size_t i = 0; i < contours.size(); ++i) {
        // Cheap first: a square of side L, at any angle, has a bounding box between L and 2L a side;
        // skip contours whose box rules out every side in [min_px, max_px] (a photo's paper and
        // desk texture give thousands of specks).
        const cv::Rect bb = cv::boundingRect(contours[i]);
        if (std::max(bb.width, bb.height) < min_px || std::min(bb.width, bb.height) > 2 * max_px) continue;
        double outer = 0;
        if (!squareish(contours[i], outer) || outer < min_px || outer > max_px) continue;
        const int hole = hier[i][2];
        if (hole < 0) continue;
        double hole_side = 0;
        if (!squareish(contours[static_cast<std::size_t>(hole)], hole_side)) continue;
        const double r1 = hole_side / outer;  // expect 5/7 = 0.71
        if (r1 < 0.5 || r1 > 0.85) continue;
        // The centre square: a child of the hole.
        bool centre_ok = false;
        for (int k = hier[static_cast<std::size_t>(hole)][2]; k >= 0; k = hier[static_cast<std::size_t>(k)][0]) {
            double inner = 0;
            if (!squareish(contours[static_cast<std::size_t>(k)], inner)) continue;
            const double r2 = inner / outer;  // expect 3/7 = 0.43
            if (r2 > 0.25 && r2 < 0.6) centre_ok = true;
        }
        if (!centre_ok) continue;
        const cv::Moments m = cv::moments(contours[i]);
        if (m.m00 <= 0) continue;
        hits.push_back({{m.m10 / m.m00, m.m01 / m.m00}, outer});
    }
    return hits;
}

}  // namespace quizscan

// The page-to-scan map fitted to matched points (page mm -> image px), with the model the points
// can carry: a homography only where they span the page in general position, else an affine map,
// else a similarity; and the residual, in mm, on the points the fit used.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace quizscan {

// One point of the page (mm) found in the image (px).
struct PointMatch {
    cv::Point2d mm;
    cv::Point2d px;
};

enum class MapModel { Similarity, Affine, Homography };
const char* to_string(MapModel m);

struct PageMap {
    bool ok = false;
    MapModel model = MapModel::Similarity;
    cv::Matx33d mm_to_px = cv::Matx33d::eye();
    double rms_mm = 0;           // RMS distance of the points used from where the map puts them
    double max_mm = 0;           // the farthest of them
    std::vector<bool> used;      // per input point: an inlier of the fit
    int used_count() const;
    std::string problem;         // why not ok
};

// The richest model the points support. A homography needs four points no three of which are
// nearly in line (the six corner marks sit in two columns: three of one column and one of the
// other fit any homography exactly, and wildly); `allow_homography` false stops at affine.
MapModel supported_model(const std::vector<cv::Point2d>& mm, bool allow_homography);

// Least squares on all points (`outlier_mm` 0), or RANSAC dropping points farther than
// `outlier_mm` from the consensus. Degenerate maps (folding the page over, scale outside
// 0.2-5x the expected `px_per_mm`) are refused.
PageMap fit_page_map(const std::vector<PointMatch>& pts, MapModel model, double px_per_mm, double outlier_mm = 0);

// Maps a page point through a homography.
cv::Point2d apply(const cv::Matx33d& h, cv::Point2d p);

}  // namespace quizscan

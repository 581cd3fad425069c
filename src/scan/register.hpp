// Registration: maps layout millimetres to pixels of an upright page via the fiducials.
#pragma once

#include <opencv2/core.hpp>
#include <string>

#include "core/layout.hpp"
#include "scan/page_map.hpp"

namespace quizscan {

struct Registration {
    bool ok = false;
    bool rough = false;        // not ok, but mm_to_px places the page roughly (enough to show where fields are)
    cv::Matx33d mm_to_px = cv::Matx33d::eye();  // layout mm -> image px (ok or rough)
    double residual_mm = 0;    // RMS distance between the points used and where the map puts them
    double px_per_mm = 0;      // mean scale
    int fiducials_found = 0;   // of the layout's
    int points_used = 0;       // corner marks (and, registered by print, QR corners and pieces of print) fitted
    std::string method = "corner marks";  // or "print" (print_register.hpp)
    std::vector<PointMatch> marks;  // the corner marks found: layout mm -> image px (full resolution)
    std::string problem;       // why not ok
};

// `small` is the upright page (barcode top-right) reduced to about 100 dpi; `scale` is its
// pixels per pixel of the full image, in which the returned homography maps. `dpi_hint`
// (of the full image) may be 0: then it is estimated from the size.
Registration register_page(const cv::Mat& small, double scale, const PageLayout& page, double width_mm,
                           double height_mm, double dpi_hint);

// Maps a layout point to image pixels.
cv::Point2d to_px(const Registration& r, const PointMm& p);

// Most a registration may be off and still be read (mm, RMS).
constexpr double kMaxResidualMm = 0.9;

}  // namespace quizscan

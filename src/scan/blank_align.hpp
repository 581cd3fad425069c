// Where a page lies when neither its QR code nor its corner marks can be found (the sheet slid
// far across the glass, an edge and a corner cut off): the scan compared as a whole with the
// blank form, by intensity — first the best few shifts of the whole page (template matching),
// then an affine map from each, the best refined (ECC). Only a first map: register_by_print (print_register.hpp) checks it
// piece by piece and decides whether the page can be read.
#pragma once

#include <opencv2/core.hpp>

#include <array>

namespace quizscan {

struct BlankAlignment {
    bool ok = false;
    cv::Matx33d mm_to_px = cv::Matx33d::eye();  // layout mm -> px of the scan (full resolution)
    double correlation = 0;                     // of the scan's and the blank form's ink, 0..1, at the finest step
};

// The scan's ink at the resolutions it is compared at: made once, compared with every blank page
// it may be. `upright`: the scan (grey, full resolution) turned as the blanks are; `px_per_mm`: its
// nominal resolution.
struct ScanInk {
    double px_per_mm = 0;
    std::array<cv::Mat, 3> steps;  // search, coarse, fine
};
ScanInk scan_ink(const cv::Mat& upright, double px_per_mm);

// `blank`: the unfilled page at `blank_px_per_mm`.
BlankAlignment align_to_blank(const ScanInk& scan, const cv::Mat& blank, double blank_px_per_mm);
BlankAlignment align_to_blank(const cv::Mat& upright, double px_per_mm, const cv::Mat& blank, double blank_px_per_mm);

}  // namespace quizscan

// Writing where nothing was printed: the scan compared with the form's blank page (as printed,
// not filled in). Used for a number whose comb boxes are empty but whose answer was written
// beside them, which would otherwise read as a blank.
#pragma once

#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"

namespace quizscan {

constexpr double kBlankPagePxPerMm = 6.0;  // resolution of the blank pages

// The form's unfilled pages for one paper size, grey, at kBlankPagePxPerMm; [0] is page 1.
struct BlankForm {
    std::vector<cv::Mat> pages;
    const cv::Mat* page(int number) const {
        return number >= 1 && number <= static_cast<int>(pages.size()) ? &pages[static_cast<std::size_t>(number - 1)] : nullptr;
    }
};

// Area (mm²) of ink in `scan_region` (a registered crop of `region` at kBlankPagePxPerMm) where
// `blank` (the whole blank page) has nothing printed within 0.7 mm; specks under 0.1 mm² ignored.
double unprinted_ink_mm2(const cv::Mat& scan_region, const cv::Mat& blank, const RectMm& region, const Tone& tone);

}  // namespace quizscan

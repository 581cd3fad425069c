// Writing of a number outside its comb boxes (issue 20): a digit written above, below or beside the
// boxes, which the box reader never sees, sends the number to review instead of being lost.
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"
#include "scan/placer.hpp"

namespace quizscan {

// Ink outside the boxes beyond this (mm², where the blank form has no print within 0.7 mm): the number
// goes to review. A written digit is several mm² of ink; a stroke overshooting its box by a millimetre
// leaves a fraction of one past the 0.7 mm around the printed border.
constexpr double kWrittenOutsideMm2 = 1.0;

// The band a number's writing may stray into: from the field's label to the page's right margin,
// `margin_mm` above and below its boxes (the 3 mm between two combs: writing there may be either's).
RectMm number_band(const FieldGeom& f, const cv::Mat& blank_page, double margin_mm = 3.0);

// mm² of ink in `band` (of the scan `upright`, placed strip by strip by `placer`) outside every comb box
// of `page` (their insides are the box reader's) and more than 0.7 mm from anything printed on
// `blank_page` (the form's blank page at kBlankPagePxPerMm; see unprinted_ink_mm2).
double ink_outside_boxes_mm2(const cv::Mat& upright, Placer& placer, const cv::Mat& blank_page, const PageLayout& page,
                             const RectMm& band, const Tone& tone);

}  // namespace quizscan

// Reads a spare sheet's participant-ID grid: each column of ten bubbles ("0".."9") measured where
// its print is found and judged by the bubble reader against the grid's own empty bubbles.
#pragma once

#include <opencv2/core.hpp>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"
#include "scan/placer.hpp"
#include "scan/read_page.hpp"
#include "scan/spare_id.hpp"

namespace quizscan {

// The grid `f` (FieldType::DigitGrid) of the upright page: value is the grid as
// SpareIdReading::grid_text writes it, measurements per column (marked digits, fill of each
// bubble), read_at_mm per bubble. At `px_per_mm` (the crop for people too).
FieldResult read_digit_grid(const cv::Mat& upright, Placer& placer, const FieldGeom& f, const Tone& tone, bool bilevel,
                            double px_per_mm);

// The columns of a read grid (FieldResult::measurements), for the ID rule.
std::vector<IdColumn> grid_reading(const FieldResult& grid);
// The boxes of a read participant_id number (its measurements), for the ID rule; six unclear
// boxes without a guess when they were not read.
std::vector<IdBox> boxes_reading(const FieldResult& written);

}  // namespace quizscan

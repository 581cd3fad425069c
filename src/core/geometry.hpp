// Shared geometric constants of the printed sheet and of the crops passed between stages.
#pragma once

namespace quizscan {

constexpr double kMmPerInch = 25.4;
constexpr double kPtToMm = kMmPerInch / 72.0;

// Comb boxes for handwritten digits.
constexpr double kCombBoxW = 6.0;      // mm
constexpr double kCombBoxH = 8.0;      // mm
constexpr double kCombBoxGap = 1.0;    // mm between neighbouring boxes
constexpr double kCombDecimalGap = 3.0;  // mm between the last integer box and the first decimal box
constexpr double kCombLineW = 0.3;     // mm, printed box border

// A comb box crop as handed to the digit recogniser: the box's bounding box grown by
// kBoxCropMarginMm on every side, resampled at kBoxCropPxPerMm, 8-bit grey, paper white.
// So the printed border's centre line runs kBoxCropMarginMm*kBoxCropPxPerMm = 15 px
// inside each edge of a 90x110 px image (give or take 2 px of registration error).
constexpr double kBoxCropMarginMm = 1.5;
constexpr double kBoxCropPxPerMm = 10.0;
constexpr int kBoxCropW = static_cast<int>((kCombBoxW + 2 * kBoxCropMarginMm) * kBoxCropPxPerMm + 0.5);  // 90
constexpr int kBoxCropH = static_cast<int>((kCombBoxH + 2 * kBoxCropMarginMm) * kBoxCropPxPerMm + 0.5);  // 110

}  // namespace quizscan

// Faint ink in a comb box: a light pencil stroke too light for the box's fixed ink darkness, and the
// darkness such a box is read at instead (box_prep.cpp's helper).
#pragma once

#include "icr/box_prep.hpp"

#include <opencv2/core.hpp>

namespace quizscan::icr {

struct FaintInk {
    bool stroke = false;   // faint ink spanning a third of the interior: the box is read from its
                           // light_image at read_level, not at the ink darkness
    int read_level = 0;    // stroke: half the faint stroke's darkness (not under the faint level), else 0
    int faint_level = 0;   // the averaged crop's faint level (what is darker is faint ink)
};

// dark: a box crop's darkness (paper 0); interior: inside its border lines. The interior is averaged
// (about a Gaussian of 1 px: two 3x3 box filters), which joins a grainy pencil stroke's pixels and
// takes the noise down; if that finds no stroke, averaged over 2 px too (a wide pencil on a noisy
// scan). Faint is darker than the averaged crop's paper by an eighth of the ink darkness, or by four
// times the noise left in it if the scan is noisier (tone_of in faint_ink.cpp); scanner noise is
// speckled and never forms a stroke, a light pencil stroke does. Only ink away from dark ink counts (a
// pen digit's blurred rim is no faint stroke). A box with a faint stroke is light: read at half that
// stroke's darkness (its median, above the paper), never under the faint level; a digit pressed
// harder in parts is read whole so.
// avg: averaged_crop(dark), for the crop's paper and noise.
FaintInk faint_ink(const cv::Mat& dark, const cv::Mat& avg, const cv::Rect& interior, const PrepParams& p);

// The crop's darkness averaged (two 3x3 box filters): what faint_ink's paper and noise and light_image
// are taken from, made once a box.
cv::Mat averaged_crop(const cv::Mat& dark);

// What a light box is read from: the crop's averaged darkness (avg: averaged_crop), less the printed lines (lines: the box's
// border line centres, left/top and right/bottom): within 6 px of a top or bottom line, each row less
// its lower 5% over the box's width; within 6 px of the box's or a neighbour's side line, each column
// less its lower 5% over the box's height. A digit's stroke crossing a line covers less than that and
// stays. At a light hand's low level, a line's blurred fringe would otherwise be ink past the border
// or in the gap.
cv::Mat light_image(const cv::Mat& avg, const cv::Rect& lines);

}  // namespace quizscan::icr

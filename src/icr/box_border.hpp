// Ink at a comb box's border, in a thresholded crop (0/255, darkness over the ink level): ink in the
// gap beside the box that may be either box's (ink across boxes), and ink going on past its top or
// bottom border line (beyond the box). Box preparation (box_prep.cpp) flags a box by them, or reads
// its digit whole.
#pragma once

#include <opencv2/core.hpp>

namespace quizscan::icr {

// Ink across boxes on one side (dir -1 left, +1 right of the box; line: our border line's centre).
// The gap between our line and the neighbour's is 10 px centre to centre; its middle is 5 px out.
// Each ink component in the window from our line to past the neighbour's is judged by what it
// touches: ours (within 2 px of our line), theirs (8 px or further), both, or neither. Counted,
// the pixels that may belong to either box: a stroke of ours from the middle on (reaching over), a
// stroke of the neighbour's from the middle in (the neighbour's digit overshooting its own border
// but staying in its half is that box's concern, not ours), and the whole gap part of a stroke
// bridging both lines or of a blot lying free in the gap (a point written between two boxes).
int gap_ink_beside(const cv::Mat& ink, int line, int dir, const cv::Rect& rows);

// How far ink goes on past the top (dir -1) or bottom (dir +1) border line, in px from the line's
// centre: ink components in the crop's margin outside the line (from 4 px out, past the printed line's
// 3-5 px) over the box's width, that reach the line; the farthest one's reach, or the crop's height when
// one runs out of the crop (it may go on further). 0 when none. A run along the line (its resampled
// fringe) is not a stroke; a component apart from the line (the next row's writing) is not this box's.
int beyond_border(const cv::Mat& ink, int line, int dir, int left, int right, int speck_area);

// The farther of beyond_border past the top and the bottom line (lines' centres top and bottom,
// the box's sides left and right).
int beyond_lines(const cv::Mat& ink, int top, int bottom, int left, int right, int speck_area);

}  // namespace quizscan::icr

// The picture a digit is read from, inside its comb box (box_prep.cpp's helpers): the interior,
// extended into the top and bottom border lines where the digit's ink goes on into them, its ink
// components, and the MNIST-like normalisation.
#pragma once

#include "icr/box_prep.hpp"

#include <opencv2/core.hpp>
#include <vector>

namespace quizscan::icr::glyph {

struct Comp {
    cv::Rect box;
    int area;
};

// The picture the digit is read from: the interior, and (p.follow_margin > 0) the bands from the
// interior's top and bottom edges through the printed line to beyond_border_px - 1 px past its centre
// (ink reaching further flags the box). A digit touching or entering its top or bottom line would
// otherwise lose the stroke there to the interior's inset (a 7's bar or a 5's flag drawn along the
// line: read as a 1 or a 3). In a band the printed line's own darkness is taken out row by row: its
// 10th percentile across the box (digit strokes cover less of the row than that; a 7's bar along the
// line can cover three quarters of it), the highest of the row and its two neighbours' (a line tilted
// by a pixel across the box). Ink there is darker than that by follow_margin, and than ink_darkness;
// only ink connected to the interior is kept (kept_ink). read_whole (box_prep.cpp) takes the bands to
// the crop's edges, for a digit going on past its line.
struct Glyph {
    cv::Rect area;   // in crop coordinates
    int in_y0 = 0;   // the interior's first and one-past-last rows, in area coordinates
    int in_y1 = 0;
    cv::Mat dark;    // CV_8U darkness over area; in the bands, off the ink, only what exceeds the line's
    cv::Mat ink;     // CV_8U 0/255
};

// reach: how far past the line centres the bands go (band_reach: beyond_border_px - 1 when following).
int band_reach(const PrepParams& p);
Glyph glyph_area(const cv::Mat& dark, const cv::Rect& inner, int top, int bottom, const PrepParams& p, int reach);

// The glyph's ink components (in g.area coordinates) and the mask of those kept: specks dropped, and
// the printed line's residue, a thin component hugging an interior edge along its length; in the
// bands, only ink connected to the interior (the next row's writing dipping into the line is not this
// box's digit). A component reaching into a band is ink darker than the line there, not residue.
cv::Mat kept_ink(const Glyph& g, int inner_h, const PrepParams& p, std::vector<Comp>& comps);

// The kept ink (with its anti-aliased rim) of `dark`, cropped to ubox and scaled so the longer side is
// 20 px, intensities to 0..1, centre of mass at the centre of a 28x28 image (like MNIST).
cv::Mat normalise(const cv::Mat& dark, const cv::Mat& keep, const cv::Rect& ubox);

}  // namespace quizscan::icr::glyph

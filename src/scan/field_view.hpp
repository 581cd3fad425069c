// Whether a field can be read where it was read: inside the scanned image, on paper, and showing
// its own print (bubble outlines, box borders) there. A field cut off at the image's edge, under a
// folded corner or off the paper would otherwise read as blank.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

#include "core/layout.hpp"
#include "scan/bubbles.hpp"

namespace quizscan {

struct FieldView {
    bool inside = true;      // every bubble (with the ring around it) or box lies within the image
    double print_seen = 1;   // the least share, of any of its bubbles or boxes, of outline probe points showing print
    bool on_paper = true;    // each lies on paper, not on a dark background or in a shadow
    bool readable() const;
    std::string problem() const;  // for people, when not readable
};

// Each printed outline must show at this share of its probe points (one under a folded corner or
// off the page shows none).
constexpr double kMinPrintSeen = 0.5;

// `maps`: per option, then per box, of `f` (the field's order), the page-to-image map it was read
// by; `upright`: the page image. On a black-and-white scan (`bilevel`) the comb boxes' grey borders
// may be below the scanner's threshold: their print is not looked for.
FieldView view_field(const FieldGeom& f, const std::vector<cv::Matx33d>& maps, const cv::Mat& upright, const Tone& tone, bool bilevel);

}  // namespace quizscan

// Registration by the printed form itself, for a page whose corner marks are not all there (the
// sheet shifted on the glass, an edge cut off, a corner folded): a first map from whatever marks
// remain and the QR code's corners, then the blank form's print — text, rules, bubbles, boxes —
// found across the page and the map fitted to where it was found.
#pragma once

#include <opencv2/core.hpp>

#include <vector>

#include "core/layout.hpp"
#include "scan/page_map.hpp"
#include "scan/register.hpp"

namespace quizscan {

// The QR code's four corners (the upright page's px, the symbol's TL, TR, BR, BL) matched to the
// layout's barcode square.
std::vector<PointMatch> qr_matches(const std::vector<cv::Point2d>& corners_px, const RectMm& barcode_mm);

// Where the page's printed areas are used as marks: text blocks, fields, tables, cut into pieces
// at most ~50 mm wide; not the per-participant header (session, ID, QR code).
std::vector<RectMm> print_anchors(const PageLayout& page);

// Registers `upright` (full resolution) by its print. `known`: the corner marks and QR corners
// found; when they do not place it (fewer than two points, or the print not found around where
// they put it), the page aligned as a whole with `blank` (blank_align.hpp) is the first map. `blank`: the page unfilled, at kBlankPagePxPerMm. ok when the print
// was found in enough places across the page and the map fits them within kMaxResidualMm.
// When not ok but `rough`, mm_to_px holds the best map found (to show a person where fields are).
Registration register_by_print(const cv::Mat& upright, const PageLayout& page, const cv::Mat& blank, const std::vector<PointMatch>& known,
                               double px_per_mm);

// The same from a first map `start` found otherwise (blank_align.hpp), with no marks known: every
// piece of print is looked for around where `start` puts it.
Registration register_by_print_from(const cv::Matx33d& start, const cv::Mat& upright, const PageLayout& page, const cv::Mat& blank,
                                    double px_per_mm);

}  // namespace quizscan

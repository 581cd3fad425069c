// Identifies a page by its QR code, wherever and however it is turned.
#pragma once

#include <opencv2/core.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/payload.hpp"

namespace quizscan {

struct BarcodeHit {
    std::string text;                  // raw payload text
    std::optional<PageId> id;          // parsed, when it is a valid quizscan payload
    std::vector<cv::Point2d> corners;  // in the image given, ZXing's order: the symbol's TL, TR, BR, BL
};

// All QR codes in the page (usually one). `gray` may be any orientation.
std::vector<BarcodeHit> read_barcodes(const cv::Mat& gray, double dpi);

// Rotation (0/90/180/270, clockwise) that makes a page upright, from its barcode symbol's own
// orientation (it is printed upright): right for a photo turned by up to 45 degrees and for a page
// far off centre, where the corner the symbol sits in would not tell.
int rotation_from_barcode(const BarcodeHit& hit);

// Rotates clockwise by 0/90/180/270 degrees.
cv::Mat rotate_cw(const cv::Mat& img, int degrees);

// Where a point of an image of `size` is after rotate_cw(img, degrees).
cv::Point2d rotate_cw(cv::Point2d p, cv::Size size, int degrees);

}  // namespace quizscan

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
    std::vector<cv::Point2d> corners;  // in the image given, ZXing's order
    cv::Point2d center;
};

// All QR codes in the page (usually one). `gray` may be any orientation.
std::vector<BarcodeHit> read_barcodes(const cv::Mat& gray, double dpi);

// Rotation (0/90/180/270, clockwise) that makes a page upright, given its barcode in an image of
// `size`: from the symbol's own orientation (its corners; it is printed upright), so a photo
// turned by up to 45 degrees or a page far off centre comes out right; without corners, from the
// quadrant that holds the barcode's centre (it is printed in the top-right corner).
int rotation_from_barcode(const BarcodeHit& hit, const cv::Size& size);

// Rotates clockwise by 0/90/180/270 degrees.
cv::Mat rotate_cw(const cv::Mat& img, int degrees);

}  // namespace quizscan

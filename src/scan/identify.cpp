// Barcode reading with ZXing-cpp (QR only) and the page orientation it implies.
#include "scan/identify.hpp"

#include <ZXing/ReadBarcode.h>

#include <opencv2/imgproc.hpp>

#include <cmath>

#include "scan/area_resize.hpp"

namespace quizscan {

namespace {

std::vector<BarcodeHit> decode(const cv::Mat& gray, bool try_harder, double scale_back, cv::Point2d offset) {
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryHarder(try_harder);
    hints.setTryRotate(false);  // QR finder patterns work at any angle
    const ZXing::ImageView view(gray.data, gray.cols, gray.rows, ZXing::ImageFormat::Lum, static_cast<int>(gray.step));
    std::vector<BarcodeHit> hits;
    for (const auto& r : ZXing::ReadBarcodes(view, hints)) {
        if (!r.isValid()) continue;
        BarcodeHit h;
        h.text = r.text();
        h.id = decode_payload(h.text);
        const auto& p = r.position();
        for (int k = 0; k < 4; ++k) h.corners.push_back(offset + cv::Point2d(p[k].x, p[k].y) * scale_back);
        hits.push_back(std::move(h));
    }
    return hits;
}

bool any_quizscan(const std::vector<BarcodeHit>& hits) {
    for (const auto& h : hits)
        if (h.id) return true;
    return false;
}

// The code is printed within ~45 mm of a corner (which corner depends on how the page was fed),
// so look in the four corners first: ZXing spends most of its time on the page's text, little on
// a corner. Corners are searched at ~150 dpi (modules stay 3+ px). Then the whole page.
// The code is top right on an upright page, bottom left on one fed upside down: those first.
std::vector<BarcodeHit> search(const cv::Mat& gray, double dpi) {
    const int side = std::min({gray.cols, gray.rows, static_cast<int>(70.0 / 25.4 * dpi)});
    const double s = dpi > 200 ? 150.0 / dpi : 1.0;
    for (const int corner : {1, 3, 0, 2}) {  // clockwise from the top left
        const cv::Rect roi(corner == 1 || corner == 2 ? gray.cols - side : 0, corner >= 2 ? gray.rows - side : 0, side, side);
        cv::Mat crop = gray(roi);
        if (s < 1.0) resize_area(crop, crop, cv::Size(), s, s);
        else crop = crop.clone();
        for (bool harder : {false, true}) {
            auto hits = decode(crop, harder, 1.0 / s, cv::Point2d(roi.x, roi.y));
            if (any_quizscan(hits)) return hits;
        }
    }
    // Not in a corner (a shrunken or oddly cropped scan, a photo): the whole page, trying harder.
    const cv::Mat page = gray.isContinuous() ? gray : gray.clone();
    return decode(page, true, 1.0, cv::Point2d(0, 0));
}

}  // namespace

std::vector<BarcodeHit> read_barcodes(const cv::Mat& gray, double dpi) {
    CV_Assert(gray.type() == CV_8UC1);
    auto hits = search(gray, dpi);
    if (any_quizscan(hits)) return hits;
    // Out of focus (a phone photo, a low-resolution scan): once more with the edges sharpened
    // (unsharp mask, 1.5 px). In a stack of 240 photos (make_scans.py --formats photo --seed 23),
    // three at 150 dpi were read only so.
    cv::Mat blurred, sharp;
    cv::GaussianBlur(gray, blurred, cv::Size(), 1.5);
    cv::addWeighted(gray, 2.0, blurred, -1.0, 0, sharp);
    auto again = search(sharp, dpi);
    return any_quizscan(again) ? again : hits;
}

int rotation_from_barcode(const BarcodeHit& hit) {
    if (hit.corners.size() != 4) return 0;
    // Where the symbol's right side points, in quarter turns clockwise on the image, is how the
    // sheet was turned; rotating back by as much makes it upright.
    const cv::Point2d right = (hit.corners[1] + hit.corners[2]) - (hit.corners[0] + hit.corners[3]);
    const double deg = std::atan2(right.y, right.x) * 180.0 / CV_PI;
    const int quarters = ((static_cast<int>(std::lround(deg / 90.0)) % 4) + 4) % 4;
    return (4 - quarters) % 4 * 90;
}

cv::Mat rotate_cw(const cv::Mat& img, int degrees) {
    cv::Mat out;
    switch (((degrees % 360) + 360) % 360) {
        case 90: cv::rotate(img, out, cv::ROTATE_90_CLOCKWISE); break;
        case 180: cv::rotate(img, out, cv::ROTATE_180); break;
        case 270: cv::rotate(img, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: out = img; break;
    }
    return out;
}

cv::Point2d rotate_cw(cv::Point2d p, cv::Size size, int degrees) {
    switch (((degrees % 360) + 360) % 360) {
        case 90: return {size.height - 1 - p.y, p.x};
        case 180: return {size.width - 1 - p.x, size.height - 1 - p.y};
        case 270: return {p.y, size.width - 1 - p.x};
        default: return p;
    }
}

}  // namespace quizscan

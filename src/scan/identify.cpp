// Barcode reading with ZXing-cpp (QR only) and the page orientation it implies.
#include "scan/identify.hpp"

#include <ZXing/ReadBarcode.h>

#include <opencv2/imgproc.hpp>

namespace quizscan {

namespace {

std::vector<BarcodeHit> decode(const cv::Mat& gray, bool try_harder, double scale_back) {
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
        for (int k = 0; k < 4; ++k) {
            h.corners.emplace_back(p[k].x * scale_back, p[k].y * scale_back);
            h.center += cv::Point2d(p[k].x, p[k].y) * (scale_back / 4.0);
        }
        hits.push_back(std::move(h));
    }
    return hits;
}

}  // namespace

std::vector<BarcodeHit> read_barcodes(const cv::Mat& gray, double dpi) {
    CV_Assert(gray.type() == CV_8UC1);
    // Fast pass at ~150 dpi (modules are still 3 px), then the full image, trying harder.
    if (dpi > 200) {
        cv::Mat small;
        const double s = 150.0 / dpi;
        cv::resize(gray, small, cv::Size(), s, s, cv::INTER_AREA);
        auto hits = decode(small, false, 1.0 / s);
        for (const auto& h : hits)
            if (h.id) return hits;
    }
    return decode(gray, true, 1.0);
}

int rotation_from_barcode(const cv::Point2d& c, const cv::Size& size) {
    const bool right = c.x > size.width / 2.0;
    const bool top = c.y < size.height / 2.0;
    // Where the top-right corner of the sheet went: rotate it back there.
    if (top && right) return 0;
    if (!top && right) return 270;   // sheet turned 90° clockwise: TR moved to BR
    if (!top && !right) return 180;
    return 90;                       // sheet turned 90° counter-clockwise: TR moved to TL
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

}  // namespace quizscan

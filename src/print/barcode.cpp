// QR encoding through ZXing-cpp. QR rather than DataMatrix: ZXing-cpp 1.4 finds QR codes on a
// whole scanned page reliably, DataMatrix only in tight crops. Its finder squares (7 modules,
// ~4 mm) are half the size of our 8 mm fiducials, which the fiducial detector tells apart.
#include "print/barcode.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace quizscan {

ModuleGrid encode_qr(const std::string& text) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
    writer.setMargin(0);
    writer.setEccLevel(3);  // ZXing maps 0-8 onto L/M/Q/H; 3 = M
    const ZXing::BitMatrix m = writer.encode(text, 0, 0);  // 0,0: one pixel per module
    ModuleGrid g;
    g.width = m.width();
    g.height = m.height();
    g.dark.resize(static_cast<std::size_t>(g.width * g.height));
    for (int y = 0; y < g.height; ++y)
        for (int x = 0; x < g.width; ++x) g.dark[static_cast<std::size_t>(y * g.width + x)] = m.get(x, y);
    return g;
}

}  // namespace quizscan

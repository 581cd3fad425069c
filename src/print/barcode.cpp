// DataMatrix encoding through ZXing-cpp. DataMatrix rather than QR: QR's three finder
// squares look like our corner fiducials; DataMatrix's L-shaped border does not.
#include "print/barcode.hpp"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

namespace quizscan {

ModuleGrid encode_datamatrix(const std::string& text) {
    ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::DataMatrix);
    writer.setMargin(0);
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

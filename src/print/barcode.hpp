// Encodes a page payload as a QR code (ZXing): a module grid to draw.
#pragma once

#include <string>
#include <vector>

namespace quizscan {

struct ModuleGrid {
    int width = 0, height = 0;
    std::vector<bool> dark;  // row-major
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// QR code modules (error correction level M, ~15% damage) for `text`, without quiet zone.
ModuleGrid encode_qr(const std::string& text);

}  // namespace quizscan

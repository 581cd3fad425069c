// Encodes a page payload as a DataMatrix symbol (ZXing): a module grid to draw.
#pragma once

#include <string>
#include <vector>

namespace quizscan {

struct ModuleGrid {
    int width = 0, height = 0;
    std::vector<bool> dark;  // row-major
    bool at(int x, int y) const { return dark[static_cast<std::size_t>(y * width + x)]; }
};

// DataMatrix (ECC 200) modules for `text`, without quiet zone.
ModuleGrid encode_datamatrix(const std::string& text);

}  // namespace quizscan

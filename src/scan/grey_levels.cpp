// GreyLevels: one pass over the image into 256 counts.
#include "scan/grey_levels.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace quizscan {

GreyLevels::GreyLevels(const cv::Mat& gray) : total_(static_cast<double>(gray.total())) {
    CV_Assert(gray.type() == CV_8UC1);
    // Whole counts (exact in a double too, but a double's add per pixel costs more), in four
    // tables so that runs of one level do not wait on one counter.
    std::array<std::array<std::uint32_t, 256>, 4> hist{};
    for (int y = 0; y < gray.rows; ++y) {
        const auto* row = gray.ptr<unsigned char>(y);
        int x = 0;
        for (; x + 4 <= gray.cols; x += 4) ++hist[0][row[x]], ++hist[1][row[x + 1]], ++hist[2][row[x + 2]], ++hist[3][row[x + 3]];
        for (; x < gray.cols; ++x) ++hist[0][row[x]];
    }
    for (std::size_t v = 0; v < 256; ++v) {
        const double n = static_cast<double>(std::uint64_t{hist[0][v]} + hist[1][v] + hist[2][v] + hist[3][v]);
        below_[v + 1] = below_[v] + n;
    }
}

double GreyLevels::percentile(double p) const {
    for (int v = 0; v < 256; ++v)
        if (below_[static_cast<std::size_t>(v) + 1] >= p * total_) return v;
    return 255;
}

double GreyLevels::at_rank(double q) const {
    if (total_ == 0) return 0;
    const double k = std::floor(std::clamp(q, 0.0, 1.0) * (total_ - 1));
    for (int v = 0; v < 256; ++v)
        if (below_[static_cast<std::size_t>(v) + 1] > k) return v;
    return 255;
}

double GreyLevels::at_index(std::size_t k) const {
    for (std::size_t v = 0; v < 256; ++v)
        if (below_[v + 1] > static_cast<double>(k)) return static_cast<double>(v);
    return 255;
}

double GreyLevels::share_below(double level) const {
    return below_[static_cast<std::size_t>(std::clamp(level, 0.0, 256.0))] / total_;
}

}  // namespace quizscan

// GreyLevels: one pass over the image into 256 counts.
#include "scan/grey_levels.hpp"

#include <algorithm>
#include <cmath>

namespace quizscan {

GreyLevels::GreyLevels(const cv::Mat& gray) : total_(static_cast<double>(gray.total())) {
    CV_Assert(gray.type() == CV_8UC1);
    std::array<double, 256> hist{};
    for (int y = 0; y < gray.rows; ++y) {
        const auto* row = gray.ptr<unsigned char>(y);
        for (int x = 0; x < gray.cols; ++x) ++hist[row[x]];
    }
    for (int v = 0; v < 256; ++v) below_[static_cast<std::size_t>(v) + 1] = below_[static_cast<std::size_t>(v)] + hist[static_cast<std::size_t>(v)];
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

double GreyLevels::share_below(double level) const {
    return below_[static_cast<std::size_t>(std::clamp(level, 0.0, 256.0))] / total_;
}

}  // namespace quizscan

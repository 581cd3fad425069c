// The grey levels of an 8-bit image, counted once in a histogram: its percentiles and the share of
// pixels under a level, without sorting its pixels.
#pragma once

#include <opencv2/core.hpp>

#include <array>

namespace quizscan {

class GreyLevels {
public:
    explicit GreyLevels(const cv::Mat& gray);  // CV_8UC1
    // The grey level under which a share p of the pixels lie (the first level reaching p).
    double percentile(double p) const;
    // The pixels' value at index q * (n - 1), rounded down, once sorted (as nth_element would give it).
    double at_rank(double q) const;
    // The pixels' value at index k once sorted (as nth_element would give it); 255 past the end.
    double at_index(std::size_t k) const;
    // Share of pixels darker than `level`.
    double share_below(double level) const;

private:
    double total_ = 0;
    std::array<double, 257> below_{};  // below_[v]: pixels with a level < v
};

}  // namespace quizscan

// Uneven light: each block of about 2.7 mm gives its 75th-percentile level (paper even inside a
// paragraph, where every block holds some print); a closing (maximum, then minimum filter) over
// 11 blocks (30 mm) removes what is darker over a larger area (the barcode, filled bubbles, a
// written number) while following the light's slope; a blur smooths it. Its spread is the
// evenness; dividing by it evens the page out.
#include "scan/even_light.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

namespace quizscan {
namespace {

// The 75th-percentile level of each block x block square of `g`, from every other pixel of every
// other row (a quarter of them: as good for a percentile, four times faster): the value at index
// n * 3 / 4 of the n sampled once sorted, found by counting the levels from the top down.
cv::Mat block_paper_level(const cv::Mat& g, int block) {
    cv::Mat out(g.rows / block, g.cols / block, CV_8U);
    std::array<std::uint32_t, 256> count{};
    const int side = (block + 1) / 2;
    const std::uint32_t above = static_cast<std::uint32_t>(side * side - side * side * 3 / 4);  // n - index
    for (int by = 0; by < out.rows; ++by)
        for (int bx = 0; bx < out.cols; ++bx) {
            count.fill(0);
            for (int y = by * block; y < (by + 1) * block; y += 2) {
                const auto* row = g.ptr<unsigned char>(y) + bx * block;
                for (int x = 0; x < block; x += 2) ++count[row[x]];
            }
            int v = 255;
            for (std::uint32_t seen = count[255]; seen < above;) seen += count[--v];
            out.at<unsigned char>(by, bx) = static_cast<unsigned char>(v);
        }
    return out;
}

}  // namespace

PaperLight paper_light(const cv::Mat& gray, double dpi) {
    PaperLight light;
    const int block = std::max(2, static_cast<int>(std::lround(dpi * 2.7 / 25.4)));
    if (gray.cols < 12 * block || gray.rows < 12 * block) return light;
    cv::Mat level = block_paper_level(gray, block);
    cv::morphologyEx(level, level, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {11, 11}));
    cv::GaussianBlur(level, level, cv::Size(), 2.0);

    // Paper, not the desk or scanner lid around it: the level at least half the brightest.
    std::vector<unsigned char> v(level.begin<unsigned char>(), level.end<unsigned char>());
    std::sort(v.begin(), v.end());
    const unsigned char top = v[v.size() * 99 / 100];
    v.erase(v.begin(), std::lower_bound(v.begin(), v.end(), static_cast<unsigned char>(top / 2)));
    if (v.empty() || top == 0) return light;
    light.level = level;
    light.bright = v[v.size() * 95 / 100];
    light.evenness = v[v.size() * 5 / 100] / std::max(1.0, light.bright);
    return light;
}

cv::Mat divide_out(const cv::Mat& gray, const PaperLight& light) {
    if (light.level.empty()) return gray;
    // The block grid (without the last partial block) stretched over the page: off by at most a
    // block, 2.7 mm, on a level that changes over centimetres.
    cv::Mat level, out;
    cv::resize(light.level, level, gray.size(), 0, 0, cv::INTER_LINEAR);
    cv::max(level, 1, level);
    cv::divide(gray, level, out, light.bright);
    return out;
}

}  // namespace quizscan

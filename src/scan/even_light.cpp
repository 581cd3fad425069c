// Uneven light: the paper background estimated at about 10 dpi. The page is reduced to 75 dpi;
// each 8x8 block (2.7 mm) gives its 75th-percentile level (paper even inside a paragraph, where
// every block holds some print); a 28 mm closing (maximum, then minimum filter) then removes what
// is darker over a larger area (the barcode, filled bubbles, a written number) while following the
// light's slope, and a blur smooths it. The spread of
// that background is measured, and it is divided out when uneven.
#include "scan/even_light.hpp"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <array>
#include <vector>

namespace quizscan {
namespace {

constexpr int kBlock = 8;  // px at 75 dpi

// The 75th-percentile level of each kBlock x kBlock block of `g`.
cv::Mat block_paper_level(const cv::Mat& g) {
    cv::Mat out(g.rows / kBlock, g.cols / kBlock, CV_8U);
    std::array<unsigned char, kBlock * kBlock> v{};
    for (int by = 0; by < out.rows; ++by)
        for (int bx = 0; bx < out.cols; ++bx) {
            std::size_t n = 0;
            for (int y = by * kBlock; y < (by + 1) * kBlock; ++y) {
                const auto* row = g.ptr<unsigned char>(y) + bx * kBlock;
                for (int x = 0; x < kBlock; ++x) v[n++] = row[x];
            }
            const auto q = v.begin() + static_cast<long>(n * 3 / 4);
            std::nth_element(v.begin(), q, v.end());
            out.at<unsigned char>(by, bx) = *q;
        }
    return out;
}

}  // namespace

EvenLight even_out_light(const cv::Mat& gray, double dpi) {
    EvenLight out{gray};
    const double f = std::max(1.0, dpi / 75.0);
    const cv::Size reduced(static_cast<int>(gray.cols / f), static_cast<int>(gray.rows / f));
    if (reduced.width < 12 * kBlock || reduced.height < 12 * kBlock) return out;
    cv::Mat small;
    cv::resize(gray, small, reduced, 0, 0, cv::INTER_AREA);
    cv::Mat bg = block_paper_level(small);
    cv::morphologyEx(bg, bg, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {11, 11}));
    cv::GaussianBlur(bg, bg, cv::Size(), 2.0);

    // Paper, not the desk or scanner lid around it: the background at least half the brightest.
    std::vector<unsigned char> v(bg.begin<unsigned char>(), bg.end<unsigned char>());
    std::sort(v.begin(), v.end());
    const unsigned char top = v[v.size() * 99 / 100];
    v.erase(v.begin(), std::lower_bound(v.begin(), v.end(), static_cast<unsigned char>(top / 2)));
    if (v.empty() || top == 0) return out;
    const double dark = v[v.size() * 5 / 100], bright = v[v.size() * 95 / 100];
    out.evenness = dark / std::max(1.0, bright);
    if (out.evenness >= kUnevenLight) return out;

    cv::Mat level;
    cv::resize(bg, level, gray.size(), 0, 0, cv::INTER_LINEAR);
    cv::max(level, 1, level);
    cv::divide(gray, level, out.gray, bright);
    out.corrected = true;
    return out;
}

}  // namespace quizscan

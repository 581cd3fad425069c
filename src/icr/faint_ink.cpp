// Faint ink in a comb box: see faint_ink.hpp.
#include "icr/faint_ink.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace quizscan::icr {

namespace {

constexpr int kLineReach = 6;   // px from a printed line's centre that its averaged darkness can reach
constexpr int kCombGapPx = 10;  // a neighbouring box's side line is this far beside the box's own

// An average close to a Gaussian of sigma px (1 or 2): a box filter of 2 sigma + 1 px, twice (cheap on
// small images, where OpenCV's Gaussian is not).
cv::Mat blurred(const cv::Mat& dark, int sigma) {
    cv::Mat once, twice;
    const cv::Size k(2 * sigma + 1, 2 * sigma + 1);
    cv::blur(dark, once, k, cv::Point(-1, -1), cv::BORDER_REPLICATE | cv::BORDER_ISOLATED);
    cv::blur(once, twice, k, cv::Point(-1, -1), cv::BORDER_REPLICATE | cv::BORDER_ISOLATED);
    return twice;
}

int median_of(std::vector<int>& v) {
    if (v.empty()) return 0;
    const auto mid = v.begin() + static_cast<long>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

// An averaged crop's faint level: darker than its paper by an eighth of the ink darkness, or by four
// times the noise left in it if the scan is noisier. Paper and noise come from the crop's lighter part,
// its 5th and 30th percentiles (a normal's are 1.121 sigma apart, the 30th 0.524 sigma under the mean):
// the whole crop, not the interior, which a large bold digit (a big 0) may nearly fill.
struct Tone {
    int paper = 0;
    double faint_level = 0;
};

Tone tone_of(const cv::Mat& smooth, const PrepParams& p) {
    std::vector<int> v(smooth.begin<uchar>(), smooth.end<uchar>());
    const auto q30 = v.begin() + static_cast<long>(v.size() * 3 / 10);
    const auto q5 = v.begin() + static_cast<long>(v.size() / 20);
    std::nth_element(v.begin(), q30, v.end());
    std::nth_element(v.begin(), q5, q30);
    const double noise = (*q30 - *q5) / 1.121;
    Tone t;
    t.paper = static_cast<int>(std::lround(*q30 + 0.524 * noise));
    t.faint_level = t.paper + std::max(p.ink_darkness / 8.0, 4.0 * noise);
    return t;
}

// Faint ink in an averaged interior: its pixels over the faint level, away from dark ink (dark: where
// the averaged interior reaches the ink darkness, and 3 px around it: a pen stroke's or a speck's rim),
// in pieces of speck_area or more, an eighth of the interior's height long or more (a speck's blur is
// smaller), not hugging the left or right edge (the border lines' residue). A faint stroke: such
// pieces, together at least 2 speck_areas, spanning a third of the interior's height (a light stroke
// on a noisy scan averages into a broken run, not always a connected one). Returns the pieces' median
// darkness, or 0 when they are no stroke.
int faint_run(const cv::Mat& smooth, const cv::Mat& dark_near, double level, const PrepParams& p) {
    cv::Mat faint, labels, stats, cents;
    cv::threshold(smooth, faint, level, 255, cv::THRESH_BINARY);
    faint.setTo(0, dark_near);
    if (cv::countNonZero(faint) < 2 * p.speck_area) return 0;
    const int n = cv::connectedComponentsWithStats(faint, labels, stats, cents, 8, CV_32S);
    std::vector<char> piece(static_cast<std::size_t>(n), 0);
    int area = 0, y0 = smooth.rows, y1 = 0;
    for (int i = 1; i < n; ++i) {
        const int x = stats.at<int>(i, cv::CC_STAT_LEFT), w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        const int y = stats.at<int>(i, cv::CC_STAT_TOP), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int a = stats.at<int>(i, cv::CC_STAT_AREA);
        if (a < p.speck_area || std::max(w, h) < smooth.rows / 8 || x + w <= 3 || x >= smooth.cols - 3) continue;
        piece[static_cast<std::size_t>(i)] = 1;
        area += a;
        y0 = std::min(y0, y);
        y1 = std::max(y1, y + h);
    }
    if (area < 2 * p.speck_area || y1 - y0 < smooth.rows / 3) return 0;
    std::vector<int> dark;
    for (int y = 0; y < smooth.rows; ++y)
        for (int x = 0; x < smooth.cols; ++x)
            if (piece[static_cast<std::size_t>(labels.at<int>(y, x))]) dark.push_back(smooth.at<uchar>(y, x));
    return std::max(1, median_of(dark));
}

}  // namespace

cv::Mat averaged_crop(const cv::Mat& dark) { return blurred(dark, 1); }

cv::Mat light_image(const cv::Mat& avg, const cv::Rect& lines) {
    const int left = lines.x, right = lines.x + lines.width, top = lines.y, bottom = lines.y + lines.height;
    auto low = [](std::vector<int>& v) {  // a row's or column's print level: its lower 5%
        if (v.empty()) return 0;
        const auto k = v.begin() + static_cast<long>(v.size() / 20);
        std::nth_element(v.begin(), k, v.end());
        return *k;
    };
    cv::Mat print = cv::Mat::zeros(avg.size(), CV_8U);
    std::vector<int> v;
    for (int y = 0; y < avg.rows; ++y) {  // the top and bottom lines, over the box's width
        if (std::abs(y - top) > kLineReach && std::abs(y - bottom) > kLineReach) continue;
        const uchar* row = avg.ptr<uchar>(y);
        v.assign(row + std::max(0, left), row + std::min(avg.cols, right + 1));
        print.row(y).setTo(low(v));
    }
    for (int x = 0; x < avg.cols; ++x) {  // the box's and its neighbours' side lines, over the box's height
        const bool near = std::abs(x - left) <= kLineReach || std::abs(x - right) <= kLineReach ||
                          std::abs(x - (left - kCombGapPx)) <= kLineReach || std::abs(x - (right + kCombGapPx)) <= kLineReach;
        if (!near) continue;
        v.clear();
        for (int y = std::max(0, top); y <= std::min(avg.rows - 1, bottom); ++y) v.push_back(avg.at<uchar>(y, x));
        const int level = low(v);
        for (int y = 0; y < avg.rows; ++y) print.at<uchar>(y, x) = static_cast<uchar>(std::max<int>(print.at<uchar>(y, x), level));
    }
    cv::Mat out;
    cv::subtract(avg, print, out);
    return out;
}

FaintInk faint_ink(const cv::Mat& dark, const cv::Mat& avg, const cv::Rect& interior, const PrepParams& p) {
    FaintInk f;
    // Two pixels in from the edges, where the border lines' resampled fringe may still show.
    if (interior.width <= 12 || interior.height <= 12) return f;
    const cv::Mat inner = dark(cv::Rect(interior.x + 2, interior.y + 2, interior.width - 4, interior.height - 4));
    const cv::Mat smooth = blurred(inner, 1);
    const Tone t = tone_of(avg, p);
    f.faint_level = static_cast<int>(std::ceil(t.faint_level));
    cv::Mat dark_near;
    cv::threshold(smooth, dark_near, p.ink_darkness, 255, cv::THRESH_BINARY);
    cv::dilate(dark_near, dark_near, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(7, 7)));
    const int run_dark = faint_run(smooth, dark_near, t.faint_level, p);
    f.stroke = run_dark > 0;
    if (!f.stroke) {  // a wide pencil on a noisy scan: averaged over more, the noise drops more than the stroke
        const cv::Mat wide = blurred(inner, 2);
        f.stroke = faint_run(wide, dark_near, tone_of(blurred(dark, 2), p).faint_level, p) > 0;
    }
    // Read at half the faint stroke's own darkness: the whole of a light stroke, and of a digit only
    // partly pressed harder (its dark part's darkness would drop the light part).
    if (f.stroke) f.read_level = static_cast<int>(std::lround(std::max(t.faint_level, t.paper + (run_dark - t.paper) / 2.0)));
    return f;
}

}  // namespace quizscan::icr

// Ink at a comb box's border: see box_border.hpp.
#include "icr/box_border.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <vector>

namespace quizscan::icr {

int gap_ink_beside(const cv::Mat& ink, int line, int dir, const cv::Rect& rows) {
    const int a = line, b = line + dir * 12;
    const int x0 = std::max(0, std::min(a, b)), x1 = std::min(ink.cols - 1, std::max(a, b));
    if (x1 <= x0) return 0;
    const cv::Mat win = ink(cv::Rect(x0, rows.y, x1 - x0 + 1, rows.height));
    cv::Mat labels;
    const int n = cv::connectedComponents(win, labels, 8, CV_32S);
    struct Part { bool ours = false, theirs = false; int towards_us = 0, towards_them = 0, in_gap = 0; };
    std::vector<Part> parts(static_cast<std::size_t>(n));
    for (int y = 0; y < labels.rows; ++y)
        for (int x = 0; x < labels.cols; ++x) {
            const int l = labels.at<int>(y, x);
            if (l == 0) continue;
            Part& c = parts[static_cast<std::size_t>(l)];
            const int off = (x0 + x - line) * dir;  // px from our line towards the neighbour's
            c.ours |= off <= 2;
            c.theirs |= off >= 8;
            if (off < 3 || off > 7) continue;
            ++c.in_gap;
            c.towards_us += off <= 5;
            c.towards_them += off >= 5;
        }
    int count = 0;
    for (std::size_t i = 1; i < parts.size(); ++i) {
        const Part& c = parts[i];
        count += c.ours == c.theirs ? c.in_gap : c.ours ? c.towards_them : c.towards_us;
    }
    return count;
}

int beyond_border(const cv::Mat& ink, int line, int dir, int left, int right, int speck_area) {
    const int near = line + dir * 4, far = dir < 0 ? 0 : ink.rows - 1;
    const int y0 = std::max(0, std::min(near, far)), y1 = std::min(ink.rows - 1, std::max(near, far));
    const int x0 = std::max(0, left + 3), x1 = std::min(ink.cols - 1, right - 3);
    if (y1 - y0 < 1 || x1 - x0 < 8) return 0;
    cv::Mat labels, stats, cents;
    const int n = cv::connectedComponentsWithStats(ink(cv::Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1)), labels, stats, cents, 8, CV_32S);
    int reach = 0;
    for (int i = 1; i < n; ++i) {
        const int top = stats.at<int>(i, cv::CC_STAT_TOP), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
        const int w = stats.at<int>(i, cv::CC_STAT_WIDTH);
        if (stats.at<int>(i, cv::CC_STAT_AREA) < speck_area) continue;
        if (h <= 3 && w > (x1 - x0) / 3) continue;  // the line's fringe
        const bool at_line = dir < 0 ? top + h - 1 >= y1 - y0 - 1 : top <= 1;
        if (!at_line) continue;
        const bool to_edge = dir < 0 ? y0 + top == 0 : y0 + top + h == ink.rows;
        reach = std::max(reach, to_edge ? ink.rows : dir < 0 ? line - (y0 + top) : y0 + top + h - 1 - line);
    }
    return reach;
}

int beyond_lines(const cv::Mat& ink, int top, int bottom, int left, int right, int speck_area) {
    return std::max(beyond_border(ink, top, -1, left, right, speck_area),
                    beyond_border(ink, bottom, +1, left, right, speck_area));
}

}  // namespace quizscan::icr

// The picture a digit is read from inside its comb box: see box_glyph.hpp.
#include "icr/box_glyph.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

namespace quizscan::icr::glyph {

int band_reach(const PrepParams& p) {
    return p.follow_margin > 0 ? std::max(0, p.beyond_border_px - 1) : -p.border_inset_px;
}

Glyph glyph_area(const cv::Mat& dark, const cv::Rect& inner, int top, int bottom, const PrepParams& p, int reach) {
    Glyph g;
    const int y0 = std::max(0, top - reach), y1 = std::min(dark.rows, bottom + reach + 1);
    g.area = cv::Rect(inner.x, y0, inner.width, std::max(y1 - y0, 0)) | inner;
    g.in_y0 = inner.y - g.area.y;
    g.in_y1 = g.in_y0 + inner.height;
    g.dark = dark(g.area).clone();
    cv::threshold(g.dark, g.ink, p.ink_darkness, 255, cv::THRESH_BINARY);
    if (g.in_y0 == 0 && g.in_y1 == g.area.height) return g;
    // The line's darkness in each band row (and one row more on each side, for the neighbours' max).
    std::vector<int> ref(static_cast<std::size_t>(g.area.height) + 2, 0);
    std::vector<uchar> v;
    for (int r = -1; r <= g.area.height; ++r) {
        const int y = g.area.y + r;
        if (y < 0 || y >= dark.rows || (r >= g.in_y0 && r < g.in_y1)) continue;
        const uchar* row = dark.ptr<uchar>(y) + g.area.x;
        v.assign(row, row + g.area.width);
        std::nth_element(v.begin(), v.begin() + static_cast<long>(v.size() / 10), v.end());
        ref[static_cast<std::size_t>(r + 1)] = v[v.size() / 10];
    }
    for (int r = 0; r < g.area.height; ++r) {
        if (r >= g.in_y0 && r < g.in_y1) continue;
        const std::size_t k = static_cast<std::size_t>(r + 1);
        const int line = std::max({ref[k - 1], ref[k], ref[k + 1]});
        uchar* d = g.dark.ptr<uchar>(r);
        uchar* m = g.ink.ptr<uchar>(r);
        for (int x = 0; x < g.area.width; ++x) {
            const bool is_ink = d[x] > p.ink_darkness && d[x] > line + p.follow_margin;
            m[x] = is_ink ? 255 : 0;
            if (!is_ink) d[x] = static_cast<uchar>(std::max(0, d[x] - line));
        }
    }
    return g;
}

cv::Mat kept_ink(const Glyph& g, int inner_h, const PrepParams& p, std::vector<Comp>& comps) {
    cv::Mat labels, stats, cents;
    const int n = cv::connectedComponentsWithStats(g.ink, labels, stats, cents, 8, CV_32S);
    cv::Mat keep = cv::Mat::zeros(g.ink.size(), CV_8U);
    const int w = g.area.width;
    for (int i = 1; i < n; ++i) {
        const cv::Rect b(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                         stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
        const int area = stats.at<int>(i, cv::CC_STAT_AREA);
        if (area < p.speck_area) continue;
        if (b.y >= g.in_y1 || b.y + b.height <= g.in_y0) continue;  // in a band only
        const bool inside = b.y >= g.in_y0 && b.y + b.height <= g.in_y1;
        const bool hug_x = (b.x + b.width <= 3 || b.x >= w - 3) && b.height > inner_h / 3;
        const bool hug_y = inside && (b.y + b.height <= g.in_y0 + 3 || b.y >= g.in_y1 - 3) && b.width > w / 3;
        if (hug_x || hug_y) continue;
        comps.push_back({b, area});
        keep.setTo(255, labels == i);
    }
    return keep;
}

cv::Mat normalise(const cv::Mat& dark, const cv::Mat& keep, const cv::Rect& ubox) {
    cv::Mat rim;
    cv::dilate(keep, rim, cv::Mat(), cv::Point(-1, -1), 1);
    cv::Mat d;
    dark.copyTo(d, rim);
    cv::Mat patch = d(ubox);
    const double s = 20.0 / std::max(ubox.width, ubox.height);
    const cv::Size sz(std::max(1, static_cast<int>(std::lround(ubox.width * s))),
                      std::max(1, static_cast<int>(std::lround(ubox.height * s))));
    cv::Mat small;
    patch.convertTo(small, CV_32F);
    cv::resize(small, small, sz, 0, 0, cv::INTER_AREA);
    double mx = 0;
    cv::minMaxLoc(small, nullptr, &mx);
    small /= std::max(mx * 0.8, 1.0);
    cv::min(small, 1.0, small);
    const cv::Moments m = cv::moments(small);
    const double cx = m.m00 > 0 ? m.m10 / m.m00 : sz.width / 2.0;
    const double cy = m.m00 > 0 ? m.m01 / m.m00 : sz.height / 2.0;
    const int ox = static_cast<int>(std::lround(14 - cx)), oy = static_cast<int>(std::lround(14 - cy));
    cv::Mat norm = cv::Mat::zeros(28, 28, CV_32F);
    const cv::Rect dst = cv::Rect(ox, oy, sz.width, sz.height) & cv::Rect(0, 0, 28, 28);
    if (dst.area() > 0) small(cv::Rect(dst.x - ox, dst.y - oy, dst.width, dst.height)).copyTo(norm(dst));
    return norm;
}

}  // namespace quizscan::icr::glyph

// Comb-box crops for the ICR tests, like the scanner's (90x110, the box's lines at x 15 and 75, y 15
// and 95): an empty box, ink drawn into it, Hershey digits, and a digit along its border line.
#pragma once

#include "core/geometry.hpp"
#include "icr/box_prep.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

namespace quizscan::icr::test {

// An empty comb-box crop like the scanner's: paper, grey 3 px border 15 px inside (shifted by dx, dy),
// the neighbours' border lines, a little noise.
inline cv::Mat empty_crop(int dx = 0, int dy = 0, unsigned seed = 1) {
    cv::Mat c(kBoxCropH, kBoxCropW, CV_8UC1, cv::Scalar(245));
    const cv::Scalar grey(150);
    cv::rectangle(c, cv::Point(15 + dx, 15 + dy), cv::Point(75 + dx, 95 + dy), grey, 3);
    cv::line(c, cv::Point(5 + dx, 0), cv::Point(5 + dx, kBoxCropH), grey, 3);
    cv::line(c, cv::Point(85 + dx, 0), cv::Point(85 + dx, kBoxCropH), grey, 3);
    cv::Mat noise(c.size(), CV_16S);
    cv::theRNG().state = seed;
    cv::randn(noise, 0, 3);
    cv::Mat c16;
    c.convertTo(c16, CV_16S);
    c16 += noise;
    c16.convertTo(c, CV_8U);
    return c;
}

// Draws ink (255 on 0 mask) into a crop centred at the box centre plus (ox, oy).
inline void ink_into(cv::Mat& crop, const cv::Mat& mask, int ox = 0, int oy = 0) {
    const cv::Rect r(45 + ox - mask.cols / 2, 55 + oy - mask.rows / 2, mask.cols, mask.rows);
    const cv::Rect rc = r & cv::Rect(0, 0, crop.cols, crop.rows);
    for (int y = rc.y; y < rc.y + rc.height; ++y)
        for (int x = rc.x; x < rc.x + rc.width; ++x) {
            const int m = mask.at<uchar>(y - r.y, x - r.x);
            crop.at<uchar>(y, x) = static_cast<uchar>(std::min<int>(crop.at<uchar>(y, x), 255 - m * 220 / 255));
        }
}

// A digit string in a Hershey font, rotated, as an ink mask about `height` px high.
inline cv::Mat hershey(const std::string& text, int face, int thickness, double angle, int height = 56) {
    cv::Mat m = cv::Mat::zeros(140, 200, CV_8UC1);
    cv::putText(m, text, cv::Point(40, 110), face, 2.5, cv::Scalar(255), thickness, cv::LINE_AA);
    cv::warpAffine(m, m, cv::getRotationMatrix2D(cv::Point2f(100, 70), angle, 1.0), m.size());
    const cv::Rect b = cv::boundingRect(m);
    cv::Mat g = m(b).clone();
    const double s = static_cast<double>(height) / g.rows;
    cv::resize(g, g, cv::Size(), std::min(s, 52.0 / g.cols), std::min(s, 52.0 / g.cols), cv::INTER_AREA);
    return g;
}

inline cv::Mat digit_crop(int d, int face, int thickness, double angle, int dx = 0, int dy = 0) {
    cv::Mat c = empty_crop(dx, dy, static_cast<unsigned>(d * 31 + thickness));
    ink_into(c, hershey(std::to_string(d), face, thickness, angle), dx, dy);
    return c;
}

// A 7 whose bar runs along the top border line (top) or a 2 whose foot runs along the bottom one,
// 3 px past the line's centre, in empty_crop (lines at y 15 and 95, 3 px wide; the interior from y 19
// to 91); moved down by dy.
inline cv::Mat on_border_line(bool top, int dy) {
    const std::vector<cv::Point> seven{{28, 14}, {60, 14}, {42, 70}};
    const std::vector<cv::Point> two{{32, 48}, {45, 40}, {58, 48}, {32, 96}, {60, 96}};
    std::vector<cv::Point> pts;
    for (const cv::Point& q : top ? seven : two) pts.emplace_back(q.x, q.y + dy);
    cv::Mat c = empty_crop();
    cv::polylines(c, pts, false, cv::Scalar(30), 4);
    return c;
}

// The form prints the decimal point in the 3 mm gap before the decimal boxes, 1 mm above the boxes'
// bottom: at the edge of the crops on either side (x 90 and 0 with the crop's 15 px margin), so with
// half a millimetre of registration error it reaches the part of the crop checked for a neighbour's ink.
inline void print_decimal_point(cv::Mat& crop, bool right_side, int shift = 5) {
    cv::circle(crop, cv::Point(right_side ? kBoxCropW - shift : shift, 85), 6, cv::Scalar(25), cv::FILLED, cv::LINE_AA);
}

}  // namespace quizscan::icr::test

// warp_linear: the same pixels as cv::warpPerspective(..., INTER_LINEAR | WARP_INVERSE_MAP,
// BORDER_CONSTANT), on field-sized crops of a page through slightly perspective maps, crops running
// off the image, half-pixel shifts, short and narrow outputs (other block shapes), any border value.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <cmath>

#include "scan/warp_linear.hpp"

namespace quizscan {
namespace {

cv::Mat noise_page(cv::Size size, int seed) {
    cv::Mat img(size, CV_8UC1);
    cv::RNG rng(static_cast<std::uint64_t>(seed));
    rng.fill(img, cv::RNG::UNIFORM, 0, 256);
    cv::rectangle(img, {size.width / 5, size.height / 5, size.width / 3, size.height / 4}, cv::Scalar(255), cv::FILLED);
    return img;
}

void expect_same(const cv::Mat& src, const cv::Matx33d& h, cv::Size size, unsigned char border) {
    cv::Mat want;
    cv::warpPerspective(src, want, cv::Mat(h), size, cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_CONSTANT, cv::Scalar(border));
    const cv::Mat got = warp_linear(src, h, size, border);
    ASSERT_EQ(got.size(), want.size());
    EXPECT_EQ(cv::norm(got, want, cv::NORM_INF), 0) << size << " map " << cv::Mat(h);
}

// A page's mm -> px map at ~11.8 px/mm, turned a little, with some perspective; `crop` mm from (x, y) at `ppm`.
cv::Matx33d field_map(double x, double y, double ppm, double turn, double persp) {
    const cv::Matx33d mm_to_px(11.81 * std::cos(turn), -11.81 * std::sin(turn), 37.4, 11.81 * std::sin(turn), 11.81 * std::cos(turn), 52.9,
                               persp, -persp / 2, 1);
    return mm_to_px * cv::Matx33d(1 / ppm, 0, x, 0, 1 / ppm, y, 0, 0, 1);
}

TEST(WarpLinear, SameAsOpenCvOnFieldCrops) {
    const cv::Mat page = noise_page({2550, 3300}, 1);
    int i = 0;
    for (const double turn : {0.0, 0.004, -0.013})
        for (const double persp : {0.0, 2e-6, -7e-6}) {
            const double x = 10 + 37 * i, y = 20 + 53 * i;
            expect_same(page, field_map(x, y, 10, turn, persp), {1800, 420}, 255);
            expect_same(page, field_map(x, y, 3, turn, persp), {190, 57}, 255);
            expect_same(page, field_map(x + 90, y + 60, 10, turn, persp), {90, 110}, 255);
            ++i;
        }
}

TEST(WarpLinear, SameAsOpenCvOffTheImageAndAtOddSizes) {
    const cv::Mat page = noise_page({403, 297}, 2);
    expect_same(page, field_map(-20, -15, 10, 0.01, 3e-5), {500, 300}, 255);    // starts off the top left
    expect_same(page, field_map(25, 18, 10, -0.02, -2e-5), {400, 250}, 255);     // runs off the bottom right
    expect_same(page, field_map(500, 500, 10, 0, 0), {40, 30}, 255);             // wholly outside
    expect_same(page, cv::Matx33d(1, 0, 0.5, 0, 1, -0.5, 0, 0, 1), {403, 297}, 0);  // half pixels, black border
    for (const cv::Size s : {cv::Size(1, 1), cv::Size(7, 3), cv::Size(300, 5), cv::Size(17, 90), cv::Size(65, 16)})
        expect_same(page, field_map(3, 4, 7.3, 0.03, 1e-5), s, 128);
    expect_same(cv::Mat(1, 1, CV_8UC1, cv::Scalar(77)), cv::Matx33d::eye(), {3, 3}, 255);  // a one-pixel image
}

TEST(WarpLinear, HandsColourToOpenCv) {
    cv::Mat colour;
    cv::cvtColor(noise_page({120, 80}, 3), colour, cv::COLOR_GRAY2BGR);
    expect_same(colour, field_map(1, 1, 10, 0.01, 0), {50, 40}, 255);
}

}  // namespace
}  // namespace quizscan

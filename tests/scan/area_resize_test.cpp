// resize_area: the same pixels as cv::resize(..., cv::INTER_AREA), on noise, edges and gradients, at
// the page's 300 -> 100 dpi, the preview's and the thumbnail's factors, and odd sizes.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "scan/area_resize.hpp"

namespace quizscan {
namespace {

cv::Mat test_image(cv::Size size, int seed) {
    cv::Mat img(size, CV_8UC1);
    cv::RNG rng(static_cast<std::uint64_t>(seed));
    rng.fill(img, cv::RNG::UNIFORM, 0, 256);
    // Flat paper, black print and a gradient over part of the noise: sums of 0, 255 and between.
    img(cv::Rect(0, 0, size.width / 3, size.height / 2)).setTo(255);
    cv::rectangle(img, {size.width / 4, size.height / 4, size.width / 3, size.height / 5}, cv::Scalar(0), cv::FILLED);
    for (int y = size.height / 2; y < size.height; ++y)
        for (int x = 0; x < size.width / 2; ++x) img.at<uchar>(y, x) = static_cast<uchar>((x * 7 + y * 3) % 256);
    return img;
}

void expect_same(const cv::Mat& src, cv::Size dsize, double fx = 0, double fy = 0) {
    cv::Mat want, got;
    cv::resize(src, want, dsize, fx, fy, cv::INTER_AREA);
    resize_area(src, got, dsize, fx, fy);
    ASSERT_EQ(got.size(), want.size()) << src.size() << " -> " << dsize << " fx " << fx;
    ASSERT_EQ(got.type(), want.type());
    EXPECT_EQ(cv::norm(got, want, cv::NORM_INF), 0) << src.size() << " -> " << dsize << " fx " << fx;
}

TEST(ResizeArea, SameAsOpenCvAtThePagesThirds) {
    int seed = 1;
    for (const cv::Size s : {cv::Size(2588, 3353), cv::Size(2653, 3386), cv::Size(2619, 3363), cv::Size(2551, 3301), cv::Size(1001, 700)})
        expect_same(test_image(s, seed++), cv::Size(s.width / 3, s.height / 3));
}

TEST(ResizeArea, SameAsOpenCvByFactors) {
    const cv::Mat page = test_image({862, 1117}, 7);
    for (const double f : {560.0 / 1117, 0.5, 0.37, 0.25, 0.9, 1.0 / 3})
        expect_same(page, cv::Size(), f, f);
    expect_same(page, cv::Size(64, 64));
    expect_same(page, cv::Size(5, 3));
    expect_same(page, cv::Size(861, 1117));
}

TEST(ResizeArea, SameAsOpenCvOnOddShapes) {
    int seed = 11;
    for (const cv::Size s : {cv::Size(7, 5), cv::Size(13, 29), cv::Size(100, 3), cv::Size(257, 255)})
        for (const cv::Size d : {cv::Size(2, 2), cv::Size(3, 1), cv::Size(s.width / 2 + 1, s.height / 2 + 1), cv::Size(1, 1)})
            if (d.width <= s.width && d.height <= s.height) expect_same(test_image(s, seed++), d);
}

TEST(ResizeArea, HandsTheOtherCasesToOpenCv) {
    const cv::Mat page = test_image({300, 240}, 3);
    expect_same(page, cv::Size(100, 80));   // whole factor: OpenCV's fast path
    expect_same(page, cv::Size(300, 240));  // same size: a copy
    expect_same(page, cv::Size(450, 100));  // wider: not an area average across
    cv::Mat colour;
    cv::cvtColor(page, colour, cv::COLOR_GRAY2BGR);
    expect_same(colour, cv::Size(97, 71));
    cv::Mat in_place = page.clone(), want;
    cv::resize(page, want, cv::Size(97, 71), 0, 0, cv::INTER_AREA);
    resize_area(in_place, in_place, cv::Size(97, 71));
    EXPECT_EQ(cv::norm(in_place, want, cv::NORM_INF), 0);
}

}  // namespace
}  // namespace quizscan

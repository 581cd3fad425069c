// png_bytes: the store's crops and previews come back pixel for pixel.
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>

#include "store/png.hpp"

namespace quizscan::store {
namespace {

cv::Mat decoded(const std::vector<unsigned char>& png) { return cv::imdecode(png, cv::IMREAD_UNCHANGED); }

TEST(PngBytes, CropsComeBackPixelForPixel) {
    // Paper with a printed outline, a pen stroke and scanner noise; a 1x1 and a single row too.
    cv::Mat crop(120, 900, CV_8U, cv::Scalar(235));
    cv::rectangle(crop, {20, 20, 80, 80}, cv::Scalar(30), 2, cv::LINE_AA);
    cv::line(crop, {40, 90}, {600, 30}, cv::Scalar(60), 3, cv::LINE_AA);
    cv::Mat noise(crop.size(), CV_8U);
    cv::randu(noise, 0, 12);
    crop -= noise;
    for (const cv::Mat& img : {crop, cv::Mat(1, 1, CV_8U, cv::Scalar(7)), cv::Mat(crop.row(5)).clone(), cv::Mat(crop.col(3)).clone()}) {
        const std::vector<unsigned char> png = png_bytes(img);
        ASSERT_GT(png.size(), 8u);
        EXPECT_EQ(0, std::memcmp(png.data(), "\x89PNG\r\n\x1a\n", 8));
        const cv::Mat back = decoded(png);
        ASSERT_EQ(back.type(), CV_8UC1);
        ASSERT_EQ(back.size(), img.size());
        EXPECT_EQ(cv::norm(back, img, cv::NORM_INF), 0);
    }
}

TEST(PngBytes, AViewIntoALargerImageIsEncodedAsItsOwnPixels) {
    cv::Mat page(300, 400, CV_8U);
    cv::randu(page, 0, 256);
    const cv::Mat view = page(cv::Rect(37, 51, 123, 77));  // not continuous: rows are 400 apart
    ASSERT_FALSE(view.isContinuous());
    const cv::Mat back = decoded(png_bytes(view));
    ASSERT_EQ(back.size(), view.size());
    EXPECT_EQ(cv::norm(back, view, cv::NORM_INF), 0);
}

TEST(PngBytes, OnlyGreyImagesAreTaken) {
    EXPECT_THROW(png_bytes(cv::Mat()), cv::Exception);
    EXPECT_THROW(png_bytes(cv::Mat(4, 4, CV_8UC3, cv::Scalar(1, 2, 3))), cv::Exception);
}

}  // namespace
}  // namespace quizscan::store

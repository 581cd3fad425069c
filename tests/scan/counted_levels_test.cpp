// Levels found by counting instead of sorting give the sorted answer: GreyLevels::at_index against
// nth_element, and paper_light's blocks (counted) against the per-block nth_element it replaced.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

#include "scan/even_light.hpp"
#include "scan/grey_levels.hpp"

namespace quizscan {
namespace {

// Paper with grain, print, a gradient of light and a dark corner (the desk).
cv::Mat page(cv::Size size, int seed) {
    cv::Mat img(size, CV_8UC1);
    cv::RNG rng(static_cast<std::uint64_t>(seed));
    rng.fill(img, cv::RNG::NORMAL, 215, 12);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x) img.at<uchar>(y, x) = cv::saturate_cast<uchar>(img.at<uchar>(y, x) - x * 40 / img.cols);
    for (int i = 0; i < 40; ++i)
        cv::putText(img, "Which option is right?", {rng.uniform(0, size.width), rng.uniform(0, size.height)}, cv::FONT_HERSHEY_SIMPLEX, 0.6,
                    cv::Scalar(rng.uniform(0, 90)), 1);
    img(cv::Rect(0, 0, size.width / 6, size.height / 5)).setTo(30);
    return img;
}

std::vector<uchar> pixels(const cv::Mat& img) {
    std::vector<uchar> v;
    for (int y = 0; y < img.rows; ++y) v.insert(v.end(), img.ptr<uchar>(y), img.ptr<uchar>(y) + img.cols);
    return v;
}

TEST(CountedLevels, AtIndexIsTheSortedPixel) {
    const cv::Mat img = page({301, 257}, 1);
    for (const cv::Rect r : {cv::Rect(0, 0, 301, 257), cv::Rect(10, 20, 33, 17), cv::Rect(100, 100, 1, 1), cv::Rect(5, 7, 64, 3)}) {
        const cv::Mat part = img(r);
        std::vector<uchar> v = pixels(part);
        std::sort(v.begin(), v.end());
        const GreyLevels levels(part);
        for (const std::size_t k : {std::size_t{0}, v.size() / 4, v.size() * 3 / 4, v.size() - 1})
            EXPECT_EQ(levels.at_index(k), v[k]) << r << " k " << k;
    }
}

// paper_light as it was: each block's level by nth_element.
PaperLight paper_light_sorted(const cv::Mat& gray, double dpi) {
    PaperLight light;
    const int block = std::max(2, static_cast<int>(std::lround(dpi * 2.7 / 25.4)));
    if (gray.cols < 12 * block || gray.rows < 12 * block) return light;
    cv::Mat level(gray.rows / block, gray.cols / block, CV_8U);
    std::vector<uchar> v;
    for (int by = 0; by < level.rows; ++by)
        for (int bx = 0; bx < level.cols; ++bx) {
            v.clear();
            for (int y = by * block; y < (by + 1) * block; y += 2)
                for (int x = 0; x < block; x += 2) v.push_back(gray.at<uchar>(y, bx * block + x));
            const auto q = v.begin() + static_cast<long>(v.size() * 3 / 4);
            std::nth_element(v.begin(), q, v.end());
            level.at<uchar>(by, bx) = *q;
        }
    cv::morphologyEx(level, level, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, {11, 11}));
    cv::GaussianBlur(level, level, cv::Size(), 2.0);
    std::vector<uchar> all = pixels(level);
    std::sort(all.begin(), all.end());
    const uchar top = all[all.size() * 99 / 100];
    all.erase(all.begin(), std::lower_bound(all.begin(), all.end(), static_cast<uchar>(top / 2)));
    if (all.empty() || top == 0) return light;
    light.level = level;
    light.bright = all[all.size() * 95 / 100];
    light.evenness = all[all.size() * 5 / 100] / std::max(1.0, light.bright);
    return light;
}

TEST(CountedLevels, PaperLightAsBySorting) {
    int seed = 3;
    for (const double dpi : {100.0, 99.2, 150.0, 72.0, 40.0}) {
        const cv::Mat img = page({static_cast<int>(8.5 * dpi), static_cast<int>(11 * dpi)}, seed++);
        const PaperLight want = paper_light_sorted(img, dpi), got = paper_light(img, dpi);
        ASSERT_FALSE(want.level.empty()) << dpi;
        ASSERT_EQ(got.level.size(), want.level.size()) << dpi;
        EXPECT_EQ(cv::norm(got.level, want.level, cv::NORM_INF), 0) << dpi;
        EXPECT_EQ(got.bright, want.bright) << dpi;
        EXPECT_EQ(got.evenness, want.evenness) << dpi;
    }
}

}  // namespace
}  // namespace quizscan

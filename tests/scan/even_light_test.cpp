// paper_light and divide_out: a page lit unevenly (a phone photo) is measured as such and evened
// out; a page lit evenly (a flatbed scan) is measured as even.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "scan/even_light.hpp"

using namespace quizscan;

namespace {

// A 300 dpi letter page: paper 235, text lines and filled bubbles at 30, a barcode-sized black block.
cv::Mat page() {
    cv::Mat g(3300, 2550, CV_8U, cv::Scalar(235));
    for (int y = 300; y < 3000; y += 60) cv::line(g, {200, y}, {2300, y}, cv::Scalar(30), 3);
    for (int y = 330; y < 3000; y += 240) cv::circle(g, {260, y}, 25, cv::Scalar(30), cv::FILLED);
    cv::rectangle(g, cv::Rect(2000, 100, 250, 250), cv::Scalar(0), cv::FILLED);
    return g;
}

// Darkens `g` from 100% at the left edge to `right` at the right edge.
cv::Mat lit_from_left(const cv::Mat& g, double right) {
    cv::Mat out(g.size(), CV_8U);
    for (int x = 0; x < g.cols; ++x) {
        const double f = 1.0 - (1.0 - right) * x / (g.cols - 1);
        g.col(x).convertTo(out.col(x), CV_8U, f);
    }
    return out;
}

}  // namespace

TEST(EvenLight, EvenlyLitPageIsMeasuredEven) {
    const PaperLight light = paper_light(page(), 300);
    EXPECT_FALSE(light.uneven());
    EXPECT_GT(light.evenness, 0.97);
    EXPECT_NEAR(light.bright, 235, 2);
}

TEST(EvenLight, LightFallingAcrossThePageIsDividedOut) {
    const cv::Mat g = lit_from_left(page(), 0.5);
    cv::Mat reduced;  // measured on a 100 dpi copy, as the reader does
    cv::resize(g, reduced, cv::Size(), 1 / 3.0, 1 / 3.0, cv::INTER_AREA);
    const PaperLight light = paper_light(reduced, 100);
    ASSERT_TRUE(light.uneven());
    EXPECT_LT(light.evenness, 0.6);
    EXPECT_GT(light.evenness, 0.45);
    const cv::Mat even = divide_out(g, light);
    // Paper between the lines at the left and right ends: 235 and about 118 before, alike after.
    const double left = cv::mean(even(cv::Rect(100, 1000, 60, 20)))[0], right = cv::mean(even(cv::Rect(2400, 1000, 60, 20)))[0];
    EXPECT_NEAR(left, right, 8) << "left " << left << ", right " << right;
    EXPECT_GT(right, 210) << "paper as bright as on the bright side of the page";
    // Ink stays ink: a line at the right end keeps its contrast with the paper.
    const double line = cv::mean(even(cv::Rect(2250, 1199, 40, 2)))[0];
    EXPECT_LT(line, 0.3 * right) << "line " << line;
    // The barcode's block (larger than print and writing) is not taken for paper.
    EXPECT_LT(cv::mean(even(cv::Rect(2080, 180, 90, 90)))[0], 40);
}

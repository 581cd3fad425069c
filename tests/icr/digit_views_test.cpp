// The moved views a digit is read in again under accept_rule "views" (issue 20): what each view is.
#include "icr/digit_views.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>

using namespace quizscan::icr;

namespace {

// A bar 4 px wide and 14 px tall, off the centre, like a normalised 1 (ink 1 on 0).
cv::Mat a_one() {
    cv::Mat m = cv::Mat::zeros(28, 28, CV_32FC1);
    m(cv::Rect(12, 7, 4, 14)).setTo(1.0f);
    return m;
}

cv::Point2d centroid(const cv::Mat& m) {
    const cv::Moments mo = cv::moments(m);
    return {mo.m10 / mo.m00, mo.m01 / mo.m00};
}

}  // namespace

TEST(DigitViews, EightViewsOfTheSameSizeAndType) {
    const auto views = moved_views(a_one());
    ASSERT_EQ(views.size(), 8u);
    for (const cv::Mat& v : views) {
        EXPECT_EQ(v.type(), CV_32FC1);
        EXPECT_EQ(v.size(), cv::Size(28, 28));
    }
}

TEST(DigitViews, ShiftsMoveTheInkOnePixelEachWay) {
    const cv::Mat one = a_one();
    const auto views = moved_views(one);
    const cv::Point2d c = centroid(one);
    const cv::Point2d expected[] = {{-1, 0}, {1, 0}, {0, -1}, {0, 1}};
    for (int i = 0; i < 4; ++i) {
        const cv::Point2d d = centroid(views[static_cast<std::size_t>(i)]) - c;
        EXPECT_NEAR(d.x, expected[i].x, 1e-6) << "view " << i;
        EXPECT_NEAR(d.y, expected[i].y, 1e-6) << "view " << i;
        EXPECT_NEAR(cv::sum(views[static_cast<std::size_t>(i)])[0], cv::sum(one)[0], 1e-3) << "view " << i;
    }
}

TEST(DigitViews, TurnsTiltTheBarAndScalesResizeIt) {
    const cv::Mat one = a_one();
    const auto views = moved_views(one);
    const cv::Moments upright = cv::moments(one);
    const cv::Moments left = cv::moments(views[4]), right = cv::moments(views[5]);
    EXPECT_DOUBLE_EQ(upright.mu11, 0.0);
    EXPECT_LT(left.mu11 * right.mu11, 0.0);  // tilted opposite ways
    const double ink = cv::sum(one)[0];
    EXPECT_NEAR(cv::sum(views[6])[0], ink * 0.81, ink * 0.03);  // 10% smaller each way
    EXPECT_NEAR(cv::sum(views[7])[0], ink * 1.21, ink * 0.03);  // 10% larger each way
}

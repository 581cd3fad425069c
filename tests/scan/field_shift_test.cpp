// find_field_shift: a field's print found again in a scan where it has moved (a bent page).
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "scan/field_shift.hpp"
#include "scan/unprinted_ink.hpp"

namespace quizscan {
namespace {

constexpr double kPpm = kBlankPagePxPerMm;

// A blank page with one field's worth of print: a question line, three bubbles with letters.
cv::Mat blank_page() {
    cv::Mat p(static_cast<int>(279 * kPpm), static_cast<int>(216 * kPpm), CV_8U, cv::Scalar(255));
    const auto px = [](double mm) { return static_cast<int>(std::lround(mm * kPpm)); };
    cv::putText(p, "3. Which GPU is faster for this job?", {px(22), px(45)}, cv::FONT_HERSHEY_SIMPLEX, 1.0, cv::Scalar(0), 2, cv::LINE_AA);
    for (int i = 0; i < 3; ++i) {
        cv::circle(p, {px(25), px(52 + 6 * i)}, px(2), cv::Scalar(0), 1, cv::LINE_AA);
        cv::putText(p, std::string(1, static_cast<char>('a' + i)) + ") option text", {px(30), px(53.5 + 6 * i)}, cv::FONT_HERSHEY_SIMPLEX,
                    0.8, cv::Scalar(0), 2, cv::LINE_AA);
    }
    return p;
}

const RectMm kField{20, 38, 100, 32};
const cv::Matx33d kMmToPx(kPpm, 0, 0, 0, kPpm, 0, 0, 0, 1);  // the "scan" is the page at kPpm

cv::Mat moved(const cv::Mat& page, double dx_mm, double dy_mm) {
    cv::Mat out;
    const cv::Matx23d t(1, 0, dx_mm * kPpm, 0, 1, dy_mm * kPpm);
    cv::warpAffine(page, out, t, page.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
    cv::GaussianBlur(out, out, cv::Size(), 1.2);
    return out;
}

TEST(FieldShift, FindsAFieldWhereItMoved) {
    const cv::Mat blank = blank_page();
    for (const double ppm : {kPpm, kPpm / 2}) {
        const FieldShift s = find_field_shift(moved(blank, 2.0, -1.5), kMmToPx, print_image(blank, ppm), kField);
        ASSERT_TRUE(s.found) << ppm;
        EXPECT_NEAR(s.mm.x, 2.0, 0.2) << ppm;
        EXPECT_NEAR(s.mm.y, -1.5, 0.2) << ppm;
        EXPECT_GT(s.match, 0.8) << ppm;
    }
}

TEST(FieldShift, AFieldInPlaceStaysPut) {
    const cv::Mat blank = blank_page();
    const FieldShift s = find_field_shift(moved(blank, 0, 0), kMmToPx, print_image(blank, kPpm), kField);
    ASSERT_TRUE(s.found);
    EXPECT_LT(std::hypot(s.mm.x, s.mm.y), 0.2);
}

TEST(FieldShift, WritingOverThePrintIsToleratedWhenComparingPrintOnly) {
    const cv::Mat blank = blank_page();
    cv::Mat scan = moved(blank, -1.0, 1.0);
    // Heavy writing over the field, as digits filling a comb's boxes.
    for (int i = 0; i < 14; ++i)
        cv::line(scan, {static_cast<int>((28 + 6 * i) * kPpm), static_cast<int>(48 * kPpm)},
                 {static_cast<int>((32 + 6 * i) * kPpm), static_cast<int>(68 * kPpm)}, cv::Scalar(20), 9, cv::LINE_AA);
    const FieldShift all = find_field_shift(scan, kMmToPx, print_image(blank, kPpm), kField, false);
    const FieldShift print = find_field_shift(scan, kMmToPx, print_image(blank, kPpm), kField, true);
    ASSERT_TRUE(print.found);
    EXPECT_NEAR(print.mm.x, -1.0, 0.25);
    EXPECT_NEAR(print.mm.y, 1.0, 0.25);
    // The writing drags the whole area's match down (here below trusting it), not the print's.
    EXPECT_FALSE(all.found) << all.match;
    EXPECT_GT(print.match, all.match + 0.1);
}

TEST(FieldShift, BlankPaperOrALoneRuleGivesNoPlace) {
    const cv::Mat blank = blank_page();
    const cv::Mat scan = moved(blank, 1.0, 1.0);
    EXPECT_FALSE(find_field_shift(scan, kMmToPx, print_image(blank, kPpm), {20, 150, 100, 30}).found);  // nothing printed
    cv::Mat ruled = blank.clone();
    cv::line(ruled, {static_cast<int>(20 * kPpm), static_cast<int>(200 * kPpm)}, {static_cast<int>(190 * kPpm), static_cast<int>(200 * kPpm)},
             cv::Scalar(0), 2);
    // A horizontal rule fixes the height but not where along it: no clear place.
    EXPECT_FALSE(find_field_shift(moved(ruled, 1.0, 1.0), kMmToPx, print_image(ruled, kPpm), {60, 195, 40, 10}).found);
}

TEST(FieldShift, ShiftedMovesThePageTransform) {
    const cv::Matx33d H = shifted(kMmToPx, {2.0, -1.0});
    const cv::Vec3d p = H * cv::Vec3d(10, 20, 1);
    EXPECT_NEAR(p[0], 12 * kPpm, 1e-9);
    EXPECT_NEAR(p[1], 19 * kPpm, 1e-9);
}

}  // namespace
}  // namespace quizscan

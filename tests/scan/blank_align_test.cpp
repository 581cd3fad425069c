// The scan aligned as a whole with its blank form (blank_align.hpp): a synthetic form of lines,
// boxes and bubbles, "scanned" moved, turned and scaled as a sheet slid on the glass, with some
// of it cut off at the edge and handwriting the blank does not have.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <cmath>
#include <random>

#include "core/geometry.hpp"
#include "scan/blank_align.hpp"
#include "scan/page_map.hpp"

using namespace quizscan;

namespace {

constexpr double kBlankPpm = 6.0;
const cv::Size2d kPageMm(215.9, 279.4);

// A form-like blank page: rows of text-like dashes, bubble rows and comb boxes.
cv::Mat blank_form() {
    cv::Mat b(static_cast<int>(kPageMm.height * kBlankPpm), static_cast<int>(kPageMm.width * kBlankPpm), CV_8U, cv::Scalar(255));
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> len(2, 9);
    auto px = [](double mm) { return static_cast<int>(std::lround(mm * kBlankPpm)); };
    for (double y = 30; y < 260; y += 24) {
        for (double x = 20; x < 190;) {  // a line of "words"
            const double w = len(rng);
            cv::rectangle(b, cv::Rect(px(x), px(y), px(w), px(2.2)), cv::Scalar(40), cv::FILLED);
            x += w + 2;
        }
        for (int k = 0; k < 5; ++k)  // a row of bubbles
            cv::ellipse(b, cv::Point(px(30 + 25 * k), px(y + 9)), cv::Size(px(3), px(2)), 0, 0, 360, cv::Scalar(60), 2);
        for (int k = 0; k < 4; ++k) cv::rectangle(b, cv::Rect(px(150 + 9 * k), px(y + 6), px(7), px(9)), cv::Scalar(60), 2);
    }
    return b;
}

// The page at `dpi`, as placed by `mm_to_px` (the truth), on a white lid of the page's own size.
cv::Mat scanned(const cv::Mat& blank, const cv::Matx33d& mm_to_px, double dpi) {
    const cv::Matx33d blank_to_mm(1 / kBlankPpm, 0, 0, 0, 1 / kBlankPpm, 0, 0, 0, 1);
    const cv::Matx33d h = mm_to_px * blank_to_mm;
    const double ppm = dpi / kMmPerInch;
    cv::Mat out;
    cv::warpPerspective(blank, out, cv::Mat(h), cv::Size(static_cast<int>(kPageMm.width * ppm), static_cast<int>(kPageMm.height * ppm)),
                        cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar(250));
    return out;
}

cv::Matx33d placed(double dpi, double dx_mm, double dy_mm, double deg, double scale) {
    const double ppm = dpi / kMmPerInch * scale, a = deg * 3.14159265358979 / 180;
    return {ppm * std::cos(a), -ppm * std::sin(a), dx_mm * dpi / kMmPerInch, ppm * std::sin(a), ppm * std::cos(a), dy_mm * dpi / kMmPerInch, 0, 0, 1};
}

double worst_error_mm(const cv::Matx33d& found, const cv::Matx33d& truth, double dpi) {
    double worst = 0;
    for (const cv::Point2d p : {cv::Point2d(20, 20), cv::Point2d(196, 20), cv::Point2d(196, 260), cv::Point2d(20, 260), cv::Point2d(108, 140)})
        worst = std::max(worst, cv::norm(apply(found, p) - apply(truth, p)) / (dpi / kMmPerInch));
    return worst;
}

}  // namespace

TEST(BlankAlign, FindsASheetSlidTurnedAndScaledOnTheGlass) {
    const cv::Mat blank = blank_form();
    struct Case {
        double dpi, dx, dy, deg, scale;
    };
    for (const Case c : {Case{200, 24, 4, 1.5, 1.02}, Case{150, -18, 12, -2.5, 0.97}, Case{300, 8, -20, 0.8, 1.0}}) {
        const cv::Matx33d truth = placed(c.dpi, c.dx, c.dy, c.deg, c.scale);
        cv::Mat scan = scanned(blank, truth, c.dpi);
        cv::line(scan, cv::Point(scan.cols / 3, scan.rows / 2), cv::Point(scan.cols / 2, scan.rows / 2 + 40), cv::Scalar(30), 3);  // writing
        const BlankAlignment a = align_to_blank(scan, c.dpi / kMmPerInch, blank, kBlankPpm);
        ASSERT_TRUE(a.ok) << c.dpi << " dpi, correlation " << a.correlation;
        EXPECT_LT(worst_error_mm(a.mm_to_px, truth, c.dpi), 1.0) << c.dpi << " dpi, moved " << c.dx << "," << c.dy << " mm";
    }
}

TEST(BlankAlign, APageOfSomethingElseIsNotAligned) {
    const cv::Mat blank = blank_form();
    cv::Mat other(static_cast<int>(279.4 * 200 / kMmPerInch), static_cast<int>(215.9 * 200 / kMmPerInch), CV_8U, cv::Scalar(245));
    cv::circle(other, cv::Point(other.cols / 2, other.rows / 2), other.cols / 3, cv::Scalar(90), cv::FILLED);  // a photo-like blob
    cv::putText(other, "Agenda", cv::Point(100, 200), cv::FONT_HERSHEY_SIMPLEX, 4, cv::Scalar(20), 8);
    const BlankAlignment a = align_to_blank(other, 200 / kMmPerInch, blank, kBlankPpm);
    EXPECT_FALSE(a.ok) << "correlation " << a.correlation;
}

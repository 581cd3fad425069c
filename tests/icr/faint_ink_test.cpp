// Light pencil digits (faint_ink.hpp): read at their own darkness, never lost, and specks or noise in
// an empty box never taken for a stroke.
#include "core/geometry.hpp"
#include "icr/box_prep.hpp"
#include "icr/faint_ink.hpp"
#include "icr/number_reader.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgproc.hpp>
#include <string>

using namespace quizscan;
using namespace quizscan::icr;

namespace {

const std::string kCalib = std::string(QUIZSCAN_SOURCE_DIR) + "/calibration";

// A comb-box crop: paper 240 with noise (sigma 3), grey border 15 px inside, the neighbours' lines.
cv::Mat paper_crop(unsigned seed) {
    cv::Mat c(kBoxCropH, kBoxCropW, CV_8UC1, cv::Scalar(240));
    cv::rectangle(c, cv::Point(15, 15), cv::Point(75, 95), cv::Scalar(150), 3);
    for (int x : {5, 85}) cv::line(c, cv::Point(x, 0), cv::Point(x, kBoxCropH), cv::Scalar(150), 3);
    cv::Mat noise(c.size(), CV_16S), c16;
    cv::theRNG().state = seed;
    cv::randn(noise, 0, 3);
    c.convertTo(c16, CV_16S);
    c16 += noise;
    c16.convertTo(c, CV_8U);
    return c;
}

// Digit d in Hershey simplex, 4 px thick, about 56 px tall, written `darkness` grey levels below the
// paper with a pencil's grain (each pixel's share of it 0.65-1.35, averaged over its neighbours).
cv::Mat pencil_digit(int d, int darkness, unsigned seed) {
    cv::Mat m = cv::Mat::zeros(kBoxCropH, kBoxCropW, CV_8UC1);
    cv::putText(m, std::to_string(d), cv::Point(27, 83), cv::FONT_HERSHEY_SIMPLEX, 2.2, cv::Scalar(255), 4, cv::LINE_AA);
    cv::Mat grain(m.size(), CV_32F), ink;
    cv::theRNG().state = seed * 7 + 1;
    cv::randu(grain, 0.65, 1.35);
    cv::GaussianBlur(grain, grain, cv::Size(3, 3), 0.6);
    m.convertTo(ink, CV_32F, darkness / 255.0);
    ink = ink.mul(grain);
    cv::Mat c = paper_crop(seed), cf;
    c.convertTo(cf, CV_32F);
    cf -= ink;
    cf.convertTo(c, CV_8U);
    return c;
}

// A pencil line `darkness` levels darker than what it is drawn over (paper or print), 3 px wide.
void pencil_line(cv::Mat& crop, cv::Point a, cv::Point b, int darkness) {
    cv::Mat m = cv::Mat::zeros(crop.size(), CV_8UC1);
    cv::line(m, a, b, cv::Scalar(darkness), 3);
    cv::subtract(crop, m, crop);
}

}  // namespace

TEST(LightPencil, DigitsAreReadAtTheirOwnDarkness) {
    const DigitRecogniser r = DigitRecogniser::load(kCalib);
    for (int darkness : {30, 45}) {
        int right = 0;
        for (int d = 0; d < 10; ++d) {
            const BoxReading b = r.read_box(pencil_digit(d, darkness, static_cast<unsigned>(d + darkness)));
            EXPECT_NE(b.state, BoxReading::State::Empty) << "a " << d << " at " << darkness << " vanished";
            if (b.state == BoxReading::State::Digit) {
                EXPECT_EQ(b.digit, d) << "darkness " << darkness;
                right += b.digit == d;
            }
        }
        EXPECT_GE(right, 7) << "light digits read at darkness " << darkness;
    }
}

TEST(LightPencil, AFaintStrokeIsLightAndReadAtHalfItsDarkness) {
    cv::Mat c = paper_crop(3);
    cv::line(c, cv::Point(45, 30), cv::Point(45, 82), cv::Scalar(200), 4);  // 40 levels below the paper
    cv::Mat dark;
    cv::subtract(cv::Scalar(240), c, dark);
    const FaintInk f = faint_ink(dark, averaged_crop(dark), cv::Rect(19, 19, 53, 73), PrepParams{});
    EXPECT_TRUE(f.stroke);
    EXPECT_GT(f.read_level, 12);
    EXPECT_LT(f.read_level, 30);
    // A pen stroke is not light: it is read at the ink darkness as ever.
    cv::Mat pen = paper_crop(3);
    cv::line(pen, cv::Point(45, 30), cv::Point(45, 82), cv::Scalar(40), 4);
    cv::subtract(cv::Scalar(240), pen, dark);
    EXPECT_FALSE(faint_ink(dark, averaged_crop(dark), cv::Rect(19, 19, 53, 73), PrepParams{}).stroke);
}

TEST(LightPencil, SpecksAndNoiseInAnEmptyBoxAreNotAStroke) {
    for (unsigned seed : {1u, 2u, 3u}) {
        cv::Mat c = paper_crop(seed);
        // three dust specks, one above the other across the box, and a pair
        for (const cv::Point q : {cv::Point(35, 30), cv::Point(50, 55), cv::Point(40, 80), cv::Point(60, 40)})
            cv::circle(c, q, 1, cv::Scalar(90), cv::FILLED);
        EXPECT_EQ(prepare_box(c, PrepParams{}).kind, PreparedBox::Kind::Empty) << seed;
    }
}

TEST(LightPencil, ADigitOnlyPartlyDarkerThanTheInkLevelIsReadWhole) {
    // A pencil 6 whose stem is light (40) and whose loop is pressed harder (100, over the ink
    // darkness): read at the fixed level only the loop would be there, a 0.
    const DigitRecogniser r = DigitRecogniser::load(kCalib);
    cv::Mat c = pencil_digit(6, 40, 11);
    cv::Mat loop = c(cv::Rect(0, 58, kBoxCropW, 30));
    cv::Mat darker = pencil_digit(6, 100, 11)(cv::Rect(0, 58, kBoxCropW, 30));
    darker.copyTo(loop);
    const BoxReading b = r.read_box(c);
    EXPECT_NE(b.state, BoxReading::State::Empty);
    if (b.state == BoxReading::State::Digit) {
        EXPECT_EQ(b.digit, 6);
    }
}

TEST(LightPencil, ALightDigitOutsideItsBoxIsNotAnEmptyBox) {
    // A light stroke coming down from above the box, 2 px into the interior: the digit is mostly
    // outside; at the ink darkness the box would be empty and the digit lost.
    cv::Mat above = paper_crop(5);
    pencil_line(above, cv::Point(45, 0), cv::Point(46, 21), 35);
    const PreparedBox a = prepare_box(above, PrepParams{});
    EXPECT_EQ(a.kind, PreparedBox::Kind::Stray);
    EXPECT_EQ(a.flag, "ink-beyond-box");
    // A light stroke from the box's edge across the gap into the next box.
    cv::Mat across = paper_crop(6);
    pencil_line(across, cv::Point(70, 60), cv::Point(89, 62), 35);
    const PreparedBox b = prepare_box(across, PrepParams{});
    EXPECT_EQ(b.kind, PreparedBox::Kind::Stray);
    EXPECT_EQ(b.flag, "ink-across-boxes");
    // The same stroke in the margin above, not reaching the line: the next row's writing, not this box's.
    cv::Mat apart = paper_crop(7);
    pencil_line(apart, cv::Point(45, 0), cv::Point(46, 6), 35);
    EXPECT_EQ(prepare_box(apart, PrepParams{}).kind, PreparedBox::Kind::Empty);
}

// Marks drawn as pen strokes, judged in-process (scan/bubbles.hpp measure_options, scan/page_marks.hpp
// read_marks) on a made-up page of five questions at 300 dpi: printed bubble outlines with a letter in
// each, a writer's marks drawn with OpenCV. A thin tick reaching out of its bubble is the question's
// mark; a thin tick is never a confident blank; a stray dot is not a mark, nor is an eraser's smear on a
// light-pencil writer's page (as light as their fills, but spreading past the bubble). Two clear marks
// alike are both read; a second mark lighter than the first, or struck through, is a person's to decide.
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

#include "scan/bubbles.hpp"
#include "scan/page_marks.hpp"

using namespace quizscan;

namespace {

constexpr double kPpm = 300 / 25.4;  // px per mm
constexpr double kPaper = 245, kPrint = 25;
const std::vector<std::string> kLetters = {"a", "b", "c", "d"};

// Question q (0-4): four 5 x 3.6 mm bubbles, 5.5 mm apart down the page, from (10, 10 + 25 q) mm.
FieldGeom question(int q) {
    FieldGeom f{std::string(1, 'q') + static_cast<char>('1' + q), FieldType::Choice, {}, {}, 0, {}, {}};
    f.region = {4, 4.0 + 25 * q, 20, 25};
    for (int i = 0; i < 4; ++i) f.options.push_back({kLetters[static_cast<std::size_t>(i)], {10, 10.0 + 25 * q + 5.5 * i}, 5.0, 3.6});
    return f;
}

cv::Point px(double x_mm, double y_mm) { return {static_cast<int>(x_mm * kPpm), static_cast<int>(y_mm * kPpm)}; }

// The printed page: each bubble's outline (0.25 mm) and its letter.
cv::Mat printed_page() {
    cv::Mat page(static_cast<int>(135 * kPpm), static_cast<int>(30 * kPpm), CV_8U, cv::Scalar(kPaper));
    for (int q = 0; q < 5; ++q)
        for (const auto& o : question(q).options) {
            cv::ellipse(page, px(o.center.x, o.center.y), cv::Size(static_cast<int>(o.w / 2 * kPpm), static_cast<int>(o.h / 2 * kPpm)), 0, 0,
                        360, cv::Scalar(kPrint), static_cast<int>(0.25 * kPpm), cv::LINE_AA);
            cv::putText(page, o.value, px(o.center.x - 0.5, o.center.y + 0.55), cv::FONT_HERSHEY_SIMPLEX, 0.0125 * kPpm, cv::Scalar(kPrint), 2,
                        cv::LINE_AA);
        }
    return page;
}

cv::Point2d centre(int q, int option) { return {10, 10.0 + 25 * q + 5.5 * option}; }

// A dark pen fill (the writer's clear marks on the other questions).
void fill(cv::Mat& page, int q, int option, double grey = 30) {
    const cv::Point2d c = centre(q, option);
    cv::ellipse(page, px(c.x, c.y), cv::Size(static_cast<int>(2.5 * kPpm), static_cast<int>(1.8 * kPpm)), 0, 0, 360, cv::Scalar(grey), -1, cv::LINE_AA);
}

// A tick through points given in mm from the bubble's centre, in a line `width_mm` wide.
void tick(cv::Mat& page, int q, int option, std::vector<cv::Point2d> pts, double width_mm, double grey) {
    const cv::Point2d c = centre(q, option);
    std::vector<cv::Point> line;
    for (const auto& p : pts) line.push_back(px(c.x + p.x, c.y + p.y));
    cv::polylines(page, line, false, cv::Scalar(grey), std::max(1, static_cast<int>(width_mm * kPpm + 0.5)), cv::LINE_AA);
}

// A cross over the bubble, its arms reaching (half_w, half_h) mm from the centre.
void cross(cv::Mat& page, int q, int option, double half_w, double half_h, double width_mm, double grey) {
    tick(page, q, option, {{-half_w, -half_h}, {half_w, half_h}}, width_mm, grey);
    tick(page, q, option, {{-half_w, half_h}, {half_w, -half_h}}, width_mm, grey);
}

// The page as a scanner sees it (slightly blurred), its choices read.
PageMarks read(const cv::Mat& drawn) {
    cv::Mat page;
    cv::GaussianBlur(drawn, page, cv::Size(), 0.1 * kPpm);
    std::vector<MarkField> fields;
    const Tone tone{kPaper, kPrint};
    for (int q = 0; q < 5; ++q) {
        const FieldGeom f = question(q);
        const cv::Rect r(px(f.region.x, f.region.y), px(f.region.x + f.region.w, f.region.y + f.region.h));
        fields.push_back({FieldType::Choice, measure_options(page(r), f, kPpm, tone)});
    }
    return read_marks(fields, false);
}

// Questions 1-4 answered with clear fills (a, b, c, d): the writer's hand and the page's empty bubbles.
cv::Mat page_with_fills() {
    cv::Mat page = printed_page();
    for (int q = 1; q < 5; ++q) fill(page, q, q - 1);
    return page;
}

}  // namespace

TEST(StrokeMarks, ThinTickReachingOutOfItsBubbleIsItsMark) {
    cv::Mat page = page_with_fills();
    // A ballpoint tick, 0.25 mm: its short stroke inside the bubble, its tail out past the outline.
    tick(page, 0, 1, {{-1.4, -0.1}, {-0.4, 1.0}, {1.8, -2.6}}, 0.25, 40);
    const PageMarks m = read(page);
    ASSERT_EQ(m.readings.size(), 5u);
    EXPECT_EQ(m.readings[0].value, "b");
    EXPECT_FALSE(m.readings[0].needs_review) << m.readings[0].reason;
}

TEST(StrokeMarks, SmallPencilTickIsNeverAConfidentBlank) {
    cv::Mat page = page_with_fills();
    // A small, thin pencil tick inside the bubble, darker than the ink threshold only at its core.
    tick(page, 0, 2, {{-1.2, 0.0}, {-0.5, 0.85}, {1.1, -0.95}}, 0.17, 148);
    const PageMarks m = read(page);
    const ChoiceReading& r = m.readings[0];
    EXPECT_TRUE(r.needs_review || r.value == "c") << "read '" << r.value << "' without review";
}

TEST(StrokeMarks, StrayDotInABubbleIsNotReadAsAMark) {
    cv::Mat page = page_with_fills();
    const cv::Point2d c = centre(0, 2);
    cv::circle(page, px(c.x + 1.2, c.y - 0.6), static_cast<int>(0.55 * kPpm), cv::Scalar(40), -1, cv::LINE_AA);
    const PageMarks m = read(page);
    EXPECT_TRUE(m.readings[0].needs_review) << "read '" << m.readings[0].value << "'";
}

TEST(StrokeMarks, EraserSmearAloneInAQuestionGoesToReview) {
    // A light-pencil writer: light fills as grey as the smear below, so only its shape tells them apart.
    cv::Mat page = printed_page();
    for (int q = 1; q < 5; ++q) fill(page, q, q - 1, 196);
    // What an eraser leaves of a fill: a broad grey smear over the bubble and past its outline.
    cv::Mat smear(page.size(), CV_32F, cv::Scalar(0));
    const cv::Point2d c = centre(0, 3);
    cv::ellipse(smear, px(c.x, c.y), cv::Size(static_cast<int>(3.8 * kPpm), static_cast<int>(1.9 * kPpm)), 0, 0, 360, cv::Scalar(1), -1);
    cv::GaussianBlur(smear, smear, cv::Size(), 0.2 * kPpm);
    for (int y = 0; y < page.rows; ++y)
        for (int x = 0; x < page.cols; ++x)
            page.at<uchar>(y, x) = cv::saturate_cast<uchar>(page.at<uchar>(y, x) * (1 - 0.2 * smear.at<float>(y, x)));
    const PageMarks m = read(page);
    EXPECT_TRUE(m.readings[0].needs_review) << "read '" << m.readings[0].value << "'";
}

// Two answers marked clearly and alike are both read, with no person (the export writes "ac", scored as
// several marks); a second mark lighter than the first (an erasure), or one crossed out past its outline,
// goes to review.
TEST(StrokeMarks, TwoClearFillsAreReadAsBoth) {
    cv::Mat page = page_with_fills();
    fill(page, 0, 0);
    fill(page, 0, 2);
    const PageMarks m = read(page);
    EXPECT_EQ(m.readings[0].value, "ac");
    EXPECT_FALSE(m.readings[0].needs_review) << m.readings[0].reason;
}

TEST(StrokeMarks, TwoCrossesInPenAreReadAsBoth) {
    cv::Mat page = page_with_fills();
    for (int option : {1, 3}) cross(page, 0, option, 1.6, 1.2, 0.4, 35);
    const PageMarks m = read(page);
    EXPECT_EQ(m.readings[0].value, "bd");
    EXPECT_FALSE(m.readings[0].needs_review) << m.readings[0].reason;
}

TEST(StrokeMarks, AFillBesideALighterOneGoesToReview) {
    cv::Mat page = page_with_fills();
    fill(page, 0, 0);
    fill(page, 0, 3, 140);  // what is left of a pencil fill rubbed out: dark enough for the threshold
    const PageMarks m = read(page);
    EXPECT_TRUE(m.readings[0].needs_review) << "read '" << m.readings[0].value << "'";
}

TEST(StrokeMarks, AFillCrossedOutBesideAnotherGoesToReview) {
    cv::Mat page = page_with_fills();
    fill(page, 0, 0);
    fill(page, 0, 2);
    // Struck through in a thin ballpoint, the lines running 0.6 mm past the outline.
    cross(page, 0, 2, 3.1, 2.2, 0.25, 30);
    const PageMarks m = read(page);
    EXPECT_TRUE(m.readings[0].needs_review) << "read '" << m.readings[0].value << "'";
}

// A small light dot in a bubble (0.6 mm across), under the threshold of a trace: the question is not a
// confident blank.
TEST(StrokeMarks, ALightDotInABubbleIsNotAConfidentBlank) {
    cv::Mat page = page_with_fills();
    const cv::Point2d c = centre(0, 2);
    cv::circle(page, px(c.x + 0.8, c.y - 0.3), static_cast<int>(0.3 * kPpm), cv::Scalar(185), -1, cv::LINE_AA);
    const PageMarks m = read(page);
    const ChoiceReading& r = m.readings[0];
    EXPECT_TRUE(r.needs_review || r.value == "c") << "read '" << r.value << "' (confidence " << r.confidence << ") without review";
}

// A small light patch alone in a question goes to review. On a light-pencil writer's page it is most likely
// their answer, and it is the guess a person confirms; on a pen writer's page it is as likely an erasure:
// no guess.
TEST(StrokeMarks, ALoneFaintMarkIsTheGuessOnAFaintWritersPageOnly) {
    auto with_patch = [](cv::Mat page) {
        const cv::Point2d c = centre(0, 2);
        cv::ellipse(page, px(c.x + 0.5, c.y), cv::Size(static_cast<int>(1.2 * kPpm), static_cast<int>(0.9 * kPpm)), 0, 0, 360, cv::Scalar(185), -1,
                    cv::LINE_AA);
        return read(page);
    };
    cv::Mat faint_page = printed_page();
    for (int q = 1; q < 5; ++q) fill(faint_page, q, q - 1, 196);
    const PageMarks faint = with_patch(faint_page);
    ASSERT_TRUE(faint.faint_writer);
    EXPECT_TRUE(faint.readings[0].needs_review) << "read '" << faint.readings[0].value << "'";
    EXPECT_EQ(faint.readings[0].value, "c") << faint.readings[0].reason;
    const PageMarks pen = with_patch(page_with_fills());
    ASSERT_FALSE(pen.faint_writer);
    EXPECT_TRUE(pen.readings[0].needs_review) << "read '" << pen.readings[0].value << "'";
    EXPECT_EQ(pen.readings[0].value, "") << pen.readings[0].reason;
}

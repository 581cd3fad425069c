// Box preparation at the box's border (box_border.hpp, box_glyph.hpp): ink across boxes, a digit
// beside, into or past its border lines, the printed decimal point, the border lines themselves.
#include "icr/box_prep.hpp"
#include "box_crops.hpp"

#include <gtest/gtest.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <vector>

using namespace quizscan;
using namespace quizscan::icr;
using namespace quizscan::icr::test;

namespace {
const PrepParams kPrep{};
}  // namespace

TEST(BoxPrep, InkAcrossBoxesIsFlagged) {
    cv::Mat c = digit_crop(5, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
    cv::line(c, cv::Point(30, 60), cv::Point(0, 62), cv::Scalar(20), 4);  // stroke runs into the next box
    const PreparedBox b = prepare_box(c, kPrep);
    EXPECT_EQ(b.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(b.flag, "ink-across-boxes");
    cv::Mat r = digit_crop(5, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
    cv::line(r, cv::Point(60, 60), cv::Point(89, 58), cv::Scalar(20), 4);  // ... and on the right
    EXPECT_EQ(prepare_box(r, kPrep).flag, "ink-across-boxes");
}

// A large 0 in thick pen: its sides, long and darker than the grey printed border, run 6 px inside
// the border lines. They must not be taken for the border (which then lies in the gap and looks
// like ink across boxes): the pair of lines 60 px apart is the box.
TEST(BoxPrep, DarkStrokeBesideTheBorderIsNotTheBorder) {
    for (const int dx : {-2, 0, 2}) {
        cv::Mat c = empty_crop(dx, 0, 5u + static_cast<unsigned>(dx));
        cv::ellipse(c, cv::Point(45 + dx, 55), cv::Size(24, 34), 0, 0, 360, cv::Scalar(15), 8);
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written) << dx;
        EXPECT_EQ(b.flag, "") << dx;
    }
}

// A wide 0 whose sides run along the box's lines, in a box printed dark and printed light (its lines
// 1/6 as dark as the pen): each side and its line make one run of dark columns, wider than a line,
// whose centre is no line, and printed light the line is not even part of it at a third of the
// darkest. The lines are looked for again (the runs' ends, fainter runs) and found: the 0 reads the
// same in both boxes (before 2026-12-07 it did not).
TEST(BoxPrep, LightBorderBesideADarkStrokeIsStillTheBorder) {
    const auto zero_in = [](int grey) {
        cv::Mat c(kBoxCropH, kBoxCropW, CV_8UC1, cv::Scalar(245));
        cv::rectangle(c, cv::Point(15, 15), cv::Point(75, 95), cv::Scalar(grey), 3);
        cv::ellipse(c, cv::Point(45, 55), cv::Size(26, 36), 0, 0, 360, cv::Scalar(15), 8);
        return c;
    };
    const PreparedBox dark = prepare_box(zero_in(150), kPrep);
    const PreparedBox light = prepare_box(zero_in(210), kPrep);
    ASSERT_EQ(dark.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(dark.flag, "");
    ASSERT_EQ(light.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(light.flag, "");
    EXPECT_LT(cv::norm(light.norm, dark.norm, cv::NORM_L1) / 784.0, 0.02);
}

// A box without printed lines (a dropped-out colour) holding a wide 0: its sides are the only line
// candidates, 44 px apart where the box's lines are 60. They are not the box's lines, and the digit
// may have lost strokes to them: the box goes to a person.
TEST(BoxPrep, NoPairOfLinesSpacedAsPrintedSendsTheDigitToReview) {
    cv::Mat c(kBoxCropH, kBoxCropW, CV_8UC1, cv::Scalar(245));
    cv::ellipse(c, cv::Point(45, 55), cv::Size(22, 36), 0, 0, 360, cv::Scalar(15), 8);
    const PreparedBox b = prepare_box(c, kPrep);
    EXPECT_EQ(b.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(b.flag, "unsure-border");
}

// The same on box crops from scripts/bench-scan's synthetic 300-dpi stack (a thick 0 whose left or
// right side ran 5 px inside the border): both were flagged as ink across boxes before.
TEST(BoxPrep, ScannedThickZeroBesideTheBorder) {
    for (const char* name : {"border-beside-dark-0-left.png", "border-beside-dark-0-right.png"}) {
        const cv::Mat c = cv::imread(std::string(QUIZSCAN_SOURCE_DIR) + "/tests/icr/data/" + name, cv::IMREAD_GRAYSCALE);
        ASSERT_FALSE(c.empty()) << name;
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written) << name;
        EXPECT_EQ(b.flag, "") << name;
    }
}

// The neighbour's digit overshooting its own border (into its half of the gap, off its border line)
// is that box's stroke, not ink across into this one; reaching on into this box's half, it is.
TEST(BoxPrep, NeighbourOvershootingItsOwnBorderIsNotAcrossBoxes) {
    for (const bool right : {false, true}) {
        cv::Mat c = digit_crop(5, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
        // empty_crop: our border lines at x 15 and 75, the neighbours' at 5 and 85.
        cv::line(c, cv::Point(right ? 89 : 0, 60), cv::Point(right ? 82 : 8, 62), cv::Scalar(20), 4);
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written);
        EXPECT_EQ(b.flag, "") << right;
        cv::line(c, cv::Point(right ? 89 : 0, 60), cv::Point(right ? 77 : 13, 62), cv::Scalar(20), 4);
        EXPECT_EQ(prepare_box(c, kPrep).flag, "ink-across-boxes") << right;
    }
}

// A blot lying free in the gap (a decimal point written between two integer boxes) is flagged.
TEST(BoxPrep, BlotInTheGapIsFlagged) {
    cv::Mat c = digit_crop(5, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
    // x 79-81, in the gap touching neither border line (ours at 75, the neighbour's at 85).
    cv::ellipse(c, cv::Point(80, 85), cv::Size(1, 3), 0, 0, 360, cv::Scalar(20), cv::FILLED);
    EXPECT_EQ(prepare_box(c, kPrep).flag, "ink-across-boxes");
}

TEST(BoxPrep, PrintedDecimalPointIsNotInkAcrossBoxes) {
    for (const bool right : {false, true}) {
        cv::Mat c = digit_crop(0, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
        print_decimal_point(c, right);
        // Read as if a neighbour box were beside it, the point looks like that box's ink ...
        EXPECT_EQ(prepare_box(c, kPrep).flag, "ink-across-boxes") << right;
        // ... but beside the decimal gap it is only the printed point.
        const PreparedBox b = prepare_box(c, kPrep, false, DecimalGap{!right, right});
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written);
        EXPECT_EQ(b.flag, "") << right;
        // The other side still has a neighbour: a stroke into it is still ink across boxes.
        cv::line(c, cv::Point(right ? 30 : 60, 60), cv::Point(right ? 0 : 89, 62), cv::Scalar(20), 4);
        EXPECT_EQ(prepare_box(c, kPrep, false, DecimalGap{!right, right}).flag, "ink-across-boxes") << right;
    }
}

TEST(BoxPrep, StrokeOvershootingItsOwnBorderIsNotAcrossBoxes) {
    for (int side = 0; side < 2; ++side) {
        cv::Mat c = digit_crop(5, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
        // The tail runs 3 px past the box's own border line, not into the neighbour's half of the gap.
        const int x = side == 0 ? 12 : 78;
        cv::line(c, cv::Point(side == 0 ? 30 : 60, 60), cv::Point(x, 62), cv::Scalar(20), 4);
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written) << side;
        EXPECT_EQ(b.flag, "") << side;
    }
}

// A digit written across the top or bottom border of its box, running out of the crop: the part outside
// would be lost (a 5 half above its box read as the rest of it), so the box is flagged. A stroke that
// only overshoots the border a little (a 7's stem, a 9's tail) is ordinary writing and is not.
TEST(BoxPrep, DigitGoingOnPastTopOrBottomBorderIsFlagged) {
    for (const bool top : {true, false}) {
        // empty_crop: border lines at y 15 and 95; the crop ends at 0 and 109.
        cv::Mat c = empty_crop();
        ink_into(c, hershey("5", cv::FONT_HERSHEY_SIMPLEX, 4, 0), 0, top ? -30 : 30);  // 56 px tall, half out
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.flag, "ink-beyond-box") << (top ? "top" : "bottom") << " beyond " << b.beyond_px;
        EXPECT_NE(b.kind, PreparedBox::Kind::Empty);
    }
    PrepParams cut = kPrep;  // as read until 2026-12-07: whatever goes on 0.4 mm past the line is flagged
    cut.read_past_border = false;
    for (const bool top : {true, false}) {
        cv::Mat c = digit_crop(7, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
        // A stroke from inside the box into the printed line (2 px past its centre): still inside.
        cv::line(c, cv::Point(44, top ? 30 : 80), cv::Point(45, top ? 13 : 97), cv::Scalar(20), 4);
        const PreparedBox b = prepare_box(c, kPrep);
        EXPECT_EQ(b.kind, PreparedBox::Kind::Written);
        EXPECT_EQ(b.flag, "") << (top ? "top" : "bottom") << " beyond " << b.beyond_px;
        // The same stroke on to 6 px past it goes on outside the box: read whole, or flagged.
        cv::line(c, cv::Point(45, top ? 13 : 97), cv::Point(45, top ? 11 : 99), cv::Scalar(20), 4);
        EXPECT_EQ(prepare_box(c, cut).flag, "ink-beyond-box") << (top ? "top" : "bottom");
        const PreparedBox whole = prepare_box(c, kPrep);
        EXPECT_EQ(whole.flag, "") << (top ? "top" : "bottom");
        EXPECT_GE(whole.beyond_px, 6) << (top ? "top" : "bottom");
    }
}

// A 5 written big, across its top or bottom border line but all of it in the crop: read whole, like
// the same 5 written inside the box (until 2026-12-07 every such digit was flagged and sent to review).
TEST(BoxPrep, DigitPastItsBorderButInTheCropIsReadWhole) {
    const cv::Mat five = hershey("5", cv::FONT_HERSHEY_SIMPLEX, 4, 0, 76);  // 71 px tall (52 px wide at most)
    cv::Mat inside = empty_crop();
    ink_into(inside, hershey("5", cv::FONT_HERSHEY_SIMPLEX, 4, 0, 60));
    const PreparedBox in = prepare_box(inside, kPrep);
    ASSERT_EQ(in.kind, PreparedBox::Kind::Written);
    PrepParams cut = kPrep;
    cut.read_past_border = false;
    for (const bool top : {true, false}) {
        cv::Mat c = empty_crop();
        ink_into(c, five, 0, top ? -14 : 12);  // 4-7 px past the line's centre, inside the crop's edge
        EXPECT_EQ(prepare_box(c, cut).flag, "ink-beyond-box") << (top ? "top" : "bottom");
        const PreparedBox b = prepare_box(c, kPrep);
        ASSERT_EQ(b.kind, PreparedBox::Kind::Written) << (top ? "top" : "bottom");
        EXPECT_EQ(b.flag, "") << (top ? "top" : "bottom") << " beyond " << b.beyond_px;
        const double diff = cv::norm(b.norm, in.norm, cv::NORM_L1) / cv::norm(in.norm, cv::NORM_L1);
        EXPECT_LT(diff, 0.35) << (top ? "top" : "bottom");
    }
}

// Ink out past the line that is not joined to the digit inside (a 5's bar written apart, above the
// box; the row above's writing touching the line) cannot be told from another's: flagged, not read.
TEST(BoxPrep, InkPastTheBorderApartFromTheDigitIsFlagged) {
    cv::Mat c = digit_crop(7, cv::FONT_HERSHEY_SIMPLEX, 4, 0);
    cv::rectangle(c, cv::Rect(30, 4, 24, 8), cv::Scalar(25), cv::FILLED);  // y 4-11: reaches the line's zone
    const PreparedBox b = prepare_box(c, kPrep);
    EXPECT_EQ(b.flag, "ink-beyond-box") << " beyond " << b.beyond_px;
}

// A 7 whose bar, along the top line and across it, covers most of the interior's width: the line's
// darkness in those rows is not the bar's (each band row's 10th percentile across the box, not its
// lower quartile), so the bar is the digit's ink and the 7 is read whole, bar and all.
TEST(BoxPrep, LongBarAlongTheBorderLineIsTheDigits) {
    const auto seven = [](int dy) {
        cv::Mat c = empty_crop();
        cv::polylines(c, std::vector<cv::Point>{{27, 14 + dy}, {63, 14 + dy}, {44, 80 + dy}}, false, cv::Scalar(30), 5);
        return c;
    };
    const PreparedBox b = prepare_box(seven(0), kPrep), in = prepare_box(seven(12), kPrep);
    ASSERT_EQ(b.kind, PreparedBox::Kind::Written);
    ASSERT_EQ(in.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(b.flag, "") << " beyond " << b.beyond_px;
    const double diff = cv::norm(b.norm, in.norm, cv::NORM_L1) / cv::norm(in.norm, cv::NORM_L1);
    EXPECT_LT(diff, 0.3);
}

// A digit reaching into its top or bottom border line, less far than the flag above (a 7's bar drawn
// along the top line, a 2's foot along the bottom one, 3 px past the line's centre): the interior, 4 px
// inside the line, cut that stroke off unflagged (the 7 then looks like a 1, the 2 like a 7). Its ink,
// darker than the printed line, is followed into the line: the box reads like the digit drawn inside.
TEST(BoxPrep, DigitReachingIntoItsBorderLineIsReadWhole) {
    for (const bool top : {true, false}) {
        const PreparedBox a = prepare_box(on_border_line(top, 0), kPrep);
        const PreparedBox b = prepare_box(on_border_line(top, top ? 16 : -16), kPrep);  // inside the box
        ASSERT_EQ(a.kind, PreparedBox::Kind::Written);
        ASSERT_EQ(b.kind, PreparedBox::Kind::Written);
        EXPECT_EQ(a.flag, "") << (top ? "top" : "bottom") << " beyond " << a.beyond_px;
        const double diff = cv::norm(a.norm, b.norm, cv::NORM_L1) / cv::norm(b.norm, cv::NORM_L1);
        EXPECT_LT(diff, 0.3) << (top ? "top" : "bottom");
    }
}

// Following ink into the line does not take the printed line for ink: a 1 touching its top line, whose
// right half runs a pixel lower than its left (a scan a little askew), stays a 1 (the line's lower edge
// there, darker than the row's lower quartile, is not a bar added to it).
TEST(BoxPrep, TiltedBorderLineIsNotFollowedAsInk) {
    cv::Mat c(kBoxCropH, kBoxCropW, CV_8UC1, cv::Scalar(240));
    const cv::Scalar grey(120);
    for (const cv::Rect& r : {cv::Rect(14, 14, 3, 83), cv::Rect(74, 14, 3, 83), cv::Rect(14, 94, 63, 3),
                              cv::Rect(14, 14, 31, 3), cv::Rect(45, 15, 32, 3)})  // the top line's right half 1 px lower
        cv::rectangle(c, r, grey, cv::FILLED);
    cv::rectangle(c, cv::Rect(62, 18, 4, 62), cv::Scalar(30), cv::FILLED);  // a 1 touching it
    const PreparedBox b = prepare_box(c, kPrep);
    ASSERT_EQ(b.kind, PreparedBox::Kind::Written);
    EXPECT_EQ(b.flag, "");
    cv::Mat cols;
    cv::reduce(b.norm, cols, 0, cv::REDUCE_MAX);
    EXPECT_LE(cv::countNonZero(cols > 0.1), 4) << "the 1 is " << cv::countNonZero(cols > 0.1) << " px wide";
}

// Writing whose part inside the box is too little to count (the digit written above the box, its
// tail dipping in) does not leave the box empty.
TEST(BoxPrep, DigitWrittenAboveTheBoxIsNotAnEmptyBox) {
    cv::Mat c = empty_crop();
    cv::line(c, cv::Point(45, 0), cv::Point(45, 21), cv::Scalar(20), 3);  // into the interior by 2 px
    const PreparedBox b = prepare_box(c, kPrep);
    EXPECT_EQ(b.kind, PreparedBox::Kind::Stray);
    EXPECT_EQ(b.flag, "ink-beyond-box");
    // The next row's writing in the margin, not reaching this box's line, is not this box's.
    cv::Mat d = empty_crop();
    cv::line(d, cv::Point(45, 0), cv::Point(45, 7), cv::Scalar(20), 3);
    EXPECT_EQ(prepare_box(d, kPrep).kind, PreparedBox::Kind::Empty);
}

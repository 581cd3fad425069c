// Fitting the page map to matched points: the model the points can carry, exact fits, outliers
// dropped, and the degenerate layouts that once gave fits "millions of mm off".
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "scan/page_map.hpp"

using namespace quizscan;

namespace {

// The six corner marks of a letter page (mm): four corners, then the middle of each side.
const std::vector<cv::Point2d> kMarks = {{10, 10}, {205.9, 10}, {205.9, 269.4}, {10, 269.4}, {10, 139.7}, {205.9, 139.7}};

// A scanner's map: 300 dpi, turned by 1.5 degrees, shifted.
cv::Point2d scan_of(cv::Point2d mm) {
    const double s = 300 / 25.4, a = 1.5 * CV_PI / 180;
    return {s * (std::cos(a) * mm.x - std::sin(a) * mm.y) + 40, s * (std::sin(a) * mm.x + std::cos(a) * mm.y) - 25};
}

std::vector<PointMatch> matches(const std::vector<cv::Point2d>& mm) {
    std::vector<PointMatch> out;
    for (const auto& p : mm) out.push_back({p, scan_of(p)});
    return out;
}

}  // namespace

TEST(PageMap, ThreeMarksOfOneColumnAndOneOtherCarryNoHomography) {
    // The left column (in line) and the top-right corner: any homography fits them exactly.
    const std::vector<cv::Point2d> cut = {kMarks[0], kMarks[4], kMarks[3], kMarks[1]};
    EXPECT_EQ(supported_model(cut, true), MapModel::Affine);
    const std::vector<cv::Point2d> corners = {kMarks[0], kMarks[1], kMarks[2], kMarks[3]};
    EXPECT_EQ(supported_model(corners, true), MapModel::Homography);
    EXPECT_EQ(supported_model(corners, false), MapModel::Affine);
    const std::vector<cv::Point2d> column = {kMarks[0], kMarks[4], kMarks[3]};
    EXPECT_EQ(supported_model(column, true), MapModel::Similarity);
}

TEST(PageMap, AffineFitOfCutMarksPlacesTheWholePage) {
    const std::vector<cv::Point2d> cut = {kMarks[0], kMarks[4], kMarks[3], kMarks[1]};
    const PageMap m = fit_page_map(matches(cut), supported_model(cut, true), 300 / 25.4);
    ASSERT_TRUE(m.ok) << m.problem;
    EXPECT_LT(m.rms_mm, 1e-6);
    // Far from every point used (the bottom-right corner) the map is still right.
    EXPECT_LT(cv::norm(apply(m.mm_to_px, kMarks[2]) - scan_of(kMarks[2])), 1e-3);
}

TEST(PageMap, RansacDropsAPointFoundInTheWrongPlace) {
    std::vector<cv::Point2d> mm;
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j) mm.emplace_back(20 + 40 * i, 30 + 60 * j);
    auto pts = matches(mm);
    pts[7].px += cv::Point2d(60, 0);  // 5 mm off: a row of bubbles taken for the next one
    const PageMap ls = fit_page_map(pts, MapModel::Homography, 300 / 25.4);
    ASSERT_TRUE(ls.ok);
    EXPECT_GT(ls.rms_mm, 0.5);
    const PageMap robust = fit_page_map(pts, MapModel::Homography, 300 / 25.4, 0.7);
    ASSERT_TRUE(robust.ok) << robust.problem;
    EXPECT_FALSE(robust.used[7]);
    EXPECT_EQ(robust.used_count(), 19);
    EXPECT_LT(robust.rms_mm, 0.01);
}

TEST(PageMap, AMirroredOrCollapsedMapIsRefused) {
    std::vector<PointMatch> pts = matches({kMarks[0], kMarks[1], kMarks[2]});
    for (auto& p : pts) p.px.x = -p.px.x;  // the page seen from behind
    const PageMap m = fit_page_map(pts, MapModel::Affine, 300 / 25.4);
    EXPECT_FALSE(m.ok);
    EXPECT_FALSE(m.problem.empty());
}

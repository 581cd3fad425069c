// Statistics on tiny inputs worked by hand, and n/a instead of NaN at the edges.
#include <gtest/gtest.h>

#include <cmath>

#include "score/stats.hpp"

using namespace quizscan::score;

TEST(Stats, MeanAndSampleSd) {
    // {2, 4, 4, 4, 5, 5, 7, 9}: mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
    // sample variance 32/7, SD = sqrt(4.5714) = 2.13809.
    std::vector<double> x = {2, 4, 4, 4, 5, 5, 7, 9};
    EXPECT_DOUBLE_EQ(*mean(x), 5.0);
    EXPECT_NEAR(*sample_sd(x), std::sqrt(32.0 / 7.0), 1e-12);
    EXPECT_NEAR(*sample_sd(x), 2.13809, 1e-5);
}

TEST(Stats, SmallNGivesNullopt) {
    EXPECT_FALSE(mean({}));
    EXPECT_FALSE(sample_sd({}));
    EXPECT_FALSE(sample_sd({3}));
    EXPECT_FALSE(cohens_d({3}, {5, 6}));
    EXPECT_FALSE(paired_dz({1}, {2}));
    EXPECT_FALSE(kr20({{1, 0, 1}}));
    EXPECT_FALSE(pearson({1}, {1}));
    EXPECT_EQ(fmt_stat(std::nullopt), "n/a");
    EXPECT_EQ(fmt_stat(std::nan("")), "n/a");
}

TEST(Stats, ZeroVarianceGivesNullopt) {
    // All equal: SD 0, so d and d_z would divide by zero.
    EXPECT_DOUBLE_EQ(*sample_sd({4, 4, 4}), 0.0);
    EXPECT_FALSE(cohens_d({4, 4, 4}, {4, 4}));
    EXPECT_FALSE(paired_dz({1, 2, 3}, {3, 4, 5}));  // every difference is 2: sd(diff) = 0
    EXPECT_FALSE(point_biserial({1, 1, 1}, {3, 4, 5}));  // item constant
    EXPECT_FALSE(point_biserial({1, 0, 1}, {3, 3, 3}));  // score constant
    EXPECT_FALSE(kr20({{1, 1}, {1, 1}, {1, 1}}));        // totals constant
}

TEST(Stats, PooledSdAndCohensD) {
    // pre {1, 3}: mean 2, SD sqrt(2); post {4, 8}: mean 6, SD sqrt(8).
    // pooled = sqrt((2 + 8) / 2) = sqrt(5) = 2.23607; d = (6 - 2) / sqrt(5) = 1.78885.
    EXPECT_NEAR(*pooled_sd(std::sqrt(2.0), std::sqrt(8.0)), std::sqrt(5.0), 1e-12);
    EXPECT_NEAR(*cohens_d({1, 3}, {4, 8}), 4 / std::sqrt(5.0), 1e-12);
    EXPECT_NEAR(*cohens_d({1, 3}, {4, 8}), 1.78885, 1e-5);
}

TEST(Stats, PairedDz) {
    // differences {3, 5, 4, 6}: mean 4.5; squared deviations 2.25+0.25+0.25+2.25 = 5;
    // sd = sqrt(5/3) = 1.29099; d_z = 4.5 / 1.29099 = 3.48569.
    EXPECT_NEAR(*paired_dz({1, 2, 3, 4}, {4, 7, 7, 10}), 4.5 / std::sqrt(5.0 / 3.0), 1e-12);
    EXPECT_FALSE(paired_dz({1, 2}, {1}));  // misaligned
}

TEST(Stats, Kr20ByHand) {
    // 4 sheets x 3 items: totals 3, 2, 1, 0 -> mean 1.5, variance (divisor n)
    // (2.25+0.25+0.25+2.25)/4 = 1.25. p = .75, .5, .25 -> sum pq = .1875+.25+.1875 = .625.
    // KR-20 = 3/2 * (1 - .625/1.25) = 0.75.
    EXPECT_NEAR(*kr20({{1, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0, 0, 0}}), 0.75, 1e-12);
}

TEST(Stats, PointBiserialByHand) {
    // item {1,1,0,0}, score {4,3,2,1}: sxy = .75+.25+.25+.75 = 2, sxx = 1, syy = 5;
    // r = 2 / sqrt(5) = 0.894427.
    EXPECT_NEAR(*point_biserial({1, 1, 0, 0}, {4, 3, 2, 1}), 2 / std::sqrt(5.0), 1e-12);
}

TEST(Stats, Formatting) {
    EXPECT_EQ(fmt_stat(1.23456), "1.23");
    EXPECT_EQ(fmt_stat(-0.0001), "0.00");  // no "-0.00"
    EXPECT_EQ(fmt_signed(3.5), "+3.50");
    EXPECT_EQ(fmt_signed(-1.0, 1), "-1.0");
    EXPECT_EQ(fmt_signed(0.0), "0.00");
    EXPECT_EQ(fmt_signed(std::nullopt), "n/a");
}

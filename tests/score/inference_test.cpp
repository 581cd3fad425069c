// Distributions, tests and intervals checked against published tables and values worked
// by hand (closed forms of the t distribution for df 1, 2 and 3; Wilcoxon's exact null
// distribution counted by enumeration; Gamma at half-integers). No scipy.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "score/bootstrap.hpp"
#include "score/distributions.hpp"
#include "score/inference.hpp"
#include "score/stats.hpp"

using namespace quizscan::score;

// Student's t, 0.975 quantiles, from any statistics table (3 decimals).
TEST(Distributions, TQuantilesMatchThePublishedTable) {
    const std::vector<std::pair<double, double>> table = {
        {1, 12.706}, {2, 4.303}, {3, 3.182}, {5, 2.571}, {10, 2.228}, {30, 2.042}, {120, 1.980}};
    for (auto [df, q] : table) EXPECT_NEAR(t_quantile(0.975, df), q, 5e-4) << "df " << df;
    EXPECT_NEAR(t_quantile(0.995, 3), 5.841, 5e-4);
    EXPECT_NEAR(t_quantile(0.999, 3), 10.215, 5e-4);
    EXPECT_NEAR(t_quantile(0.025, 10), -2.228, 5e-4);
    EXPECT_NEAR(t_quantile(0.975, 1e6), 1.95996, 1e-4);  // the normal limit
    EXPECT_DOUBLE_EQ(t_quantile(0.5, 7), 0.0);
}

// Closed forms: df 1 (Cauchy) P(|T| >= t) = 1 - 2/pi atan t; df 2: 1 - t / sqrt(2 + t^2);
// df 3: 1 - 2/pi (theta + sin theta cos theta), theta = atan(t / sqrt 3).
TEST(Distributions, TTailsMatchClosedForms) {
    const double pi = std::numbers::pi;
    for (double t : {0.1, 0.5, 1.0, 2.0, 4.3, 12.7, 60.0}) {
        EXPECT_NEAR(t_two_sided_p(t, 1), 1 - 2 / pi * std::atan(t), 1e-12) << t;
        EXPECT_NEAR(t_two_sided_p(t, 2), 1 - t / std::sqrt(2 + t * t), 1e-12) << t;
        const double th = std::atan(t / std::sqrt(3.0));
        EXPECT_NEAR(t_two_sided_p(t, 3), 1 - 2 / pi * (th + std::sin(th) * std::cos(th)), 1e-12) << t;
        EXPECT_NEAR(t_two_sided_p(-t, 3), t_two_sided_p(t, 3), 1e-15);
    }
    EXPECT_NEAR(t_two_sided_p(2.228, 10), 0.05, 5e-4);  // the table's 0.975 point
    EXPECT_NEAR(t_cdf(0, 4), 0.5, 1e-15);
}

// F quantiles from the F table; F(1, n) = t(n)^2.
TEST(Distributions, FQuantilesMatchThePublishedTable) {
    EXPECT_NEAR(f_quantile(0.95, 5, 10), 3.326, 5e-4);
    EXPECT_NEAR(f_quantile(0.975, 5, 10), 4.236, 5e-4);
    EXPECT_NEAR(f_quantile(0.975, 3, 6), 6.599, 5e-4);
    EXPECT_NEAR(f_quantile(0.95, 1, 10), std::pow(t_quantile(0.975, 10), 2), 1e-9);
    EXPECT_NEAR(f_quantile(0.025, 3, 6), 1 / f_quantile(0.975, 6, 3), 1e-9);
}

// I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
TEST(Distributions, IncompleteBetaSpecialCases) {
    for (double x : {0.0, 0.01, 0.3, 0.5, 0.77, 1.0}) {
        EXPECT_NEAR(incomplete_beta(x, 1, 1), x, 1e-14);
        EXPECT_NEAR(incomplete_beta(x, 3.5, 1), std::pow(x, 3.5), 1e-13);
        EXPECT_NEAR(incomplete_beta(x, 1, 4), 1 - std::pow(1 - x, 4), 1e-13);
    }
    EXPECT_TRUE(std::isnan(incomplete_beta(0.5, 0, 1)));
    EXPECT_NEAR(beta_quantile(0.3, 2, 1), std::sqrt(0.3), 1e-12);
}

// J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2)). df = 10: Gamma(5) = 24,
// Gamma(4.5) = 3.5 * 2.5 * 1.5 * 0.5 * sqrt(pi) = 11.631728; J = 24 / (sqrt 5 * 11.631728)
// = 0.922745 (Hedges & Olkin's table: 0.9228). df = 2: 1 / sqrt(pi).
TEST(Distributions, HedgesJ) {
    const double pi = std::numbers::pi;
    EXPECT_NEAR(hedges_j(10), 24 / (std::sqrt(5.0) * 6.5625 * std::sqrt(pi)), 1e-12);
    EXPECT_NEAR(hedges_j(10), 0.922745, 1e-6);
    EXPECT_NEAR(hedges_j(2), 1 / std::sqrt(pi), 1e-12);
    EXPECT_NEAR(hedges_j(200), 1 - 3 / (4 * 200.0 - 1), 1e-5);  // Hedges' approximation at large df
    EXPECT_TRUE(std::isnan(hedges_j(1)));
}

// {2, 4, 4, 4, 5, 5, 7, 9}: mean 5, SD 2.13809, n 8; t(0.975, 7) = 2.365 (table):
// half-width 2.365 * 2.13809 / sqrt 8 = 1.7877.
TEST(Inference, MeanInterval) {
    auto ci = mean_interval({2, 4, 4, 4, 5, 5, 7, 9});
    ASSERT_TRUE(ci);
    EXPECT_NEAR(ci->lo, 5 - 1.7877, 1e-3);
    EXPECT_NEAR(ci->hi, 5 + 1.7877, 1e-3);
    EXPECT_FALSE(mean_interval({3}));
    EXPECT_FALSE(mean_interval({4, 4, 4}));  // no spread: no interval, not a zero-width one
}

// Clopper-Pearson: 5 of 10 -> [0.1871, 0.8129] (published); 0 of 10 -> upper 1 - 0.025^(1/10)
// = 0.30850; 10 of 10 -> lower 0.025^(1/10) = 0.69150.
TEST(Inference, ClopperPearson) {
    auto half = proportion_interval(5, 10);
    ASSERT_TRUE(half);
    EXPECT_NEAR(half->lo, 0.1871, 1e-4);
    EXPECT_NEAR(half->hi, 0.8129, 1e-4);
    auto none = proportion_interval(0, 10);
    EXPECT_DOUBLE_EQ(none->lo, 0.0);
    EXPECT_NEAR(none->hi, 1 - std::pow(0.025, 0.1), 1e-10);
    auto all = proportion_interval(10, 10);
    EXPECT_NEAR(all->lo, std::pow(0.025, 0.1), 1e-10);
    EXPECT_DOUBLE_EQ(all->hi, 1.0);
    EXPECT_FALSE(proportion_interval(0, 0));
}

// KR-20 0.75 from 4 sheets and 3 items: F(3, 6): 0.975 point 6.599, 0.025 point
// 1 / F(0.975; 6, 3) = 1 / 14.735 = 0.06787. Interval [1 - .25 * 6.599, 1 - .25 * 0.06787].
TEST(Inference, FeldtInterval) {
    auto ci = kr20_interval(0.75, 4, 3);
    ASSERT_TRUE(ci);
    EXPECT_NEAR(ci->lo, 1 - 0.25 * 6.599, 2e-4);
    EXPECT_NEAR(ci->hi, 1 - 0.25 / 14.735, 2e-4);
    EXPECT_FALSE(kr20_interval(0.75, 1, 3));
}

// Differences {5, 4, 3, 4}: mean 4, SD sqrt(2/3), t = 4 / (sqrt(2/3) / 2) = sqrt(96) = 9.79796,
// df 3; p by the df-3 closed form.
TEST(Inference, PairedTTest) {
    auto t = paired_t_test({4, 6, 5, 3}, {9, 10, 8, 7});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->n, 4);
    EXPECT_DOUBLE_EQ(t->mean_diff, 4.0);
    EXPECT_NEAR(t->t, std::sqrt(96.0), 1e-12);
    EXPECT_DOUBLE_EQ(t->df, 3.0);
    const double th = std::atan(std::sqrt(96.0) / std::sqrt(3.0));
    EXPECT_NEAR(t->p, 1 - 2 / std::numbers::pi * (th + std::sin(th) * std::cos(th)), 1e-12);
    EXPECT_NEAR(t->p, 0.00226, 1e-5);
    EXPECT_FALSE(paired_t_test({1, 2, 3}, {2, 3, 4}));  // every difference 1: sd 0
    EXPECT_FALSE(paired_t_test({1}, {2}));
}

// n = 10, ranks 1..10, positives at ranks 1 and 7: V = 8. Subsets of {1..10} with sum <= 8:
// sums 0..8 have 1, 1, 1, 2, 2, 3, 4, 5, 6 subsets = 25, so P(V <= 8) = 25/1024 = 0.02441
// (the published critical value for n = 10 at one-sided 0.025 is 8); two-sided 50/1024.
TEST(Inference, WilcoxonExactMatchesEnumeration) {
    std::vector<double> pre(10, 0.0), post = {1, -2, -3, -4, -5, -6, 7, -8, -9, -10};
    auto w = wilcoxon_signed_rank(pre, post);
    ASSERT_TRUE(w);
    EXPECT_EQ(w->n, 10);
    EXPECT_DOUBLE_EQ(w->v, 8.0);
    EXPECT_NEAR(w->p, 50.0 / 1024, 1e-12);
    // All five positive: p = 2 / 2^5.
    auto all = wilcoxon_signed_rank({0, 0, 0, 0, 0}, {1, 2, 3, 4, 5});
    EXPECT_NEAR(all->p, 0.0625, 1e-12);
    EXPECT_DOUBLE_EQ(all->v, 15.0);
}

// Ties and zeros. Differences {5, 4, 3, 4}: ranks 4, 2.5, 1, 2.5, all positive: V = 10,
// p = 2/16. Differences {1, 1, -1, 2, 0}: the zero is dropped; |d| 1, 1, 1 share rank 2,
// 2 has rank 4; V = 2 + 2 + 4 = 8. Sign patterns (16) reaching V >= 8: all four positive (10)
// and the three holding rank 4 (8): 4/16, so p = 2 * 0.25 = 0.5.
TEST(Inference, WilcoxonWithTiesAndZeros) {
    auto w = wilcoxon_signed_rank({4, 6, 5, 3}, {9, 10, 8, 7});
    ASSERT_TRUE(w);
    EXPECT_DOUBLE_EQ(w->v, 10.0);
    EXPECT_NEAR(w->p, 0.125, 1e-12);
    auto t = wilcoxon_signed_rank({0, 0, 0, 0, 3}, {1, 1, -1, 2, 3});
    ASSERT_TRUE(t);
    EXPECT_EQ(t->n, 4);
    EXPECT_EQ(t->zeros, 1);
    EXPECT_DOUBLE_EQ(t->v, 8.0);
    EXPECT_NEAR(t->p, 0.5, 1e-12);
    EXPECT_FALSE(wilcoxon_signed_rank({1, 2}, {1, 2}));  // no non-zero difference
}

TEST(Bootstrap, QuantileType7) {
    // h = (n - 1) p = 0.75 -> 1 + 0.75 * (2 - 1).
    EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 0.25), 1.75);
    EXPECT_DOUBLE_EQ(quantile_sorted({1, 2, 3, 4}, 1.0), 4.0);
    EXPECT_DOUBLE_EQ(quantile_sorted({7}, 0.975), 7.0);
}

TEST(Bootstrap, SeededAndReproducible) {
    std::vector<double> x;
    for (int i = 0; i < 40; ++i) x.push_back(std::fmod(i * 7.3, 11.0));
    Statistic m = [&](const std::vector<std::size_t>& s) -> std::optional<double> {
        double sum = 0;
        for (auto i : s) sum += x[i];
        return sum / static_cast<double>(s.size());
    };
    auto a = bootstrap_interval(x.size(), m), b = bootstrap_interval(x.size(), m);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->lo, b->lo);
    EXPECT_EQ(a->hi, b->hi);
    auto c = bootstrap_interval(x.size(), m, {.seed = 7});
    EXPECT_NE(a->lo, c->lo);
    // The percentile interval of a mean is close to the t interval for n = 40.
    auto t = mean_interval(x);
    EXPECT_NEAR(a->lo, t->lo, 0.25 * (t->hi - t->lo));
    EXPECT_NEAR(a->hi, t->hi, 0.25 * (t->hi - t->lo));
    EXPECT_LT(a->lo, *mean(x));
    EXPECT_GT(a->hi, *mean(x));
}

TEST(Bootstrap, UndefinedStatisticGivesNoInterval) {
    Statistic never = [](const std::vector<std::size_t>&) -> std::optional<double> { return std::nullopt; };
    EXPECT_FALSE(bootstrap_interval(20, never));
    Statistic constant = [](const std::vector<std::size_t>&) -> std::optional<double> { return 3.0; };
    auto c = bootstrap_interval(20, constant);
    ASSERT_TRUE(c);
    EXPECT_DOUBLE_EQ(c->lo, 3.0);
    EXPECT_DOUBLE_EQ(c->hi, 3.0);
    EXPECT_FALSE(bootstrap_interval(1, constant));
}

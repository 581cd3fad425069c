// Intervals and tests of the pre/post analysis that have an exact form: t intervals for
// means, Clopper-Pearson for shares, Feldt's for KR-20, the paired t-test and Wilcoxon's
// signed-rank test with its exact p. Each returns nullopt when it cannot be computed.
#pragma once

#include <optional>
#include <vector>

namespace quizscan::score {

// A two-sided interval, by default at 95%.
struct Interval {
    double lo = 0, hi = 0;
};

// mean +- t(1 - (1-level)/2, n-1) * sd / sqrt(n); empty when n < 2 or every value is
// equal (a zero-width interval would claim a certainty the data cannot give).
std::optional<Interval> mean_interval(const std::vector<double>& xs, double level = 0.95);

// Clopper-Pearson (exact binomial) interval for count / n, as shares 0..1; n >= 1.
std::optional<Interval> proportion_interval(int count, int n, double level = 0.95);

// Feldt's interval for KR-20 (coefficient alpha) from n sheets and k items:
// 1 - (1 - r) * F(., n-1, (n-1)(k-1)); n >= 2, k >= 2.
std::optional<Interval> kr20_interval(double kr20, int n, int k, double level = 0.95);

// Student's paired t-test on post_i - pre_i (pre and post aligned by index): t = mean /
// (sd / sqrt(n)), df = n - 1, two-sided p. Empty when n < 2 or every difference is equal.
struct TTest {
    int n = 0;
    double mean_diff = 0, t = 0, df = 0, p = 1;
};
std::optional<TTest> paired_t_test(const std::vector<double>& pre, const std::vector<double>& post);

// Wilcoxon's signed-rank test on post_i - pre_i: zero differences are dropped (Wilcoxon's
// rule), ties share their average rank, V is the sum of the ranks of the positive
// differences, and p is the exact two-sided p of V under the null (every sign equally
// likely, given these ranks: exact with ties too). Empty when no difference is non-zero.
struct SignedRankTest {
    int n = 0;       // non-zero differences
    int zeros = 0;   // dropped
    double v = 0;    // sum of positive ranks
    double p = 1;    // exact two-sided
};
std::optional<SignedRankTest> wilcoxon_signed_rank(const std::vector<double>& pre, const std::vector<double>& post);

}  // namespace quizscan::score

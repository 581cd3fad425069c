// Descriptive statistics and effect sizes for the pre/post analysis. Every
// function returns nullopt instead of NaN (n too small, zero variance); show
// nullopt as "n/a" with fmt_stat().
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace quizscan::score {

// Below this many participants (paired, or sheets of a session) a figure carries a caution
// in the report, and bootstrap intervals, KR-20 and item discrimination are not estimated.
inline constexpr int kMinN = 10;

std::optional<double> mean(const std::vector<double>& xs);         // n >= 1
std::optional<double> sample_sd(const std::vector<double>& xs);    // n-1 denominator, n >= 2

// sqrt((sd_pre^2 + sd_post^2) / 2), as the seed defines it (equal weights).
std::optional<double> pooled_sd(std::optional<double> sd_pre, std::optional<double> sd_post);

// Cohen's d as the seed defines it: (mean_post - mean_pre) / pooled_sd.
// Empty when either group has n < 2 or the pooled SD is 0.
std::optional<double> cohens_d(const std::vector<double>& pre, const std::vector<double>& post);

// Paired effect size d_z = mean(post_i - pre_i) / sd(post_i - pre_i) over
// participants with both scores; pre and post are aligned by index.
std::optional<double> paired_dz(const std::vector<double>& pre, const std::vector<double>& post);

// KR-20 over dichotomous items: rows are sheets, columns items, each 0 or 1.
// KR-20 = k/(k-1) * (1 - sum(p_i q_i) / var(X)), with p_i the share scoring 1 and
// var(X) the population variance (divide by n) of the row sums, consistently with
// p_i q_i. Empty when k < 2, n < 2 or var(X) = 0.
std::optional<double> kr20(const std::vector<std::vector<int>>& items);

// Pearson correlation of two equally long series; empty when n < 2 or either
// series has zero variance.
std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y);

// Point-biserial correlation of a 0/1 item with a continuous score (Pearson r).
std::optional<double> point_biserial(const std::vector<int>& item, const std::vector<double>& score);

// Fixed-point text with `decimals` digits, or "n/a" for nullopt / non-finite.
std::string fmt_stat(std::optional<double> v, int decimals = 2);
// Same, with an explicit sign ("+1.25").
std::string fmt_signed(std::optional<double> v, int decimals = 2);

}  // namespace quizscan::score

// Descriptive statistics and effect sizes (see stats.hpp).
#include "score/stats.hpp"

#include <cmath>
#include <cstdio>

namespace quizscan::score {

std::optional<double> mean(const std::vector<double>& xs) {
    if (xs.empty()) return std::nullopt;
    double s = 0;
    for (double x : xs) s += x;
    return s / static_cast<double>(xs.size());
}

std::optional<double> sample_sd(const std::vector<double>& xs) {
    if (xs.size() < 2) return std::nullopt;
    double m = *mean(xs), ss = 0;
    for (double x : xs) ss += (x - m) * (x - m);
    return std::sqrt(ss / static_cast<double>(xs.size() - 1));
}

std::optional<double> pooled_sd(std::optional<double> sd_pre, std::optional<double> sd_post) {
    if (!sd_pre || !sd_post) return std::nullopt;
    return std::sqrt((*sd_pre * *sd_pre + *sd_post * *sd_post) / 2.0);
}

std::optional<double> cohens_d(const std::vector<double>& pre, const std::vector<double>& post) {
    auto p = pooled_sd(sample_sd(pre), sample_sd(post));
    if (!p || *p <= 0) return std::nullopt;
    return (*mean(post) - *mean(pre)) / *p;
}

std::optional<double> paired_dz(const std::vector<double>& pre, const std::vector<double>& post) {
    if (pre.size() != post.size()) return std::nullopt;
    std::vector<double> diff;
    for (size_t i = 0; i < pre.size(); ++i) diff.push_back(post[i] - pre[i]);
    auto sd = sample_sd(diff);
    if (!sd || *sd <= 0) return std::nullopt;
    return *mean(diff) / *sd;
}

std::optional<double> kr20(const std::vector<std::vector<int>>& items) {
    const size_t n = items.size();
    if (n < 2) return std::nullopt;
    const size_t k = items.front().size();
    if (k < 2) return std::nullopt;
    std::vector<double> totals;
    double sum_pq = 0;
    for (size_t j = 0; j < k; ++j) {
        double ones = 0;
        for (const auto& row : items) ones += (j < row.size() && row[j]) ? 1 : 0;
        double p = ones / static_cast<double>(n);
        sum_pq += p * (1 - p);
    }
    for (const auto& row : items) {
        double t = 0;
        for (int v : row) t += v ? 1 : 0;
        totals.push_back(t);
    }
    double m = *mean(totals), var = 0;
    for (double t : totals) var += (t - m) * (t - m);
    var /= static_cast<double>(n);
    if (var <= 0) return std::nullopt;
    double kk = static_cast<double>(k);
    return kk / (kk - 1) * (1 - sum_pq / var);
}

std::optional<double> pearson(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2) return std::nullopt;
    double mx = *mean(x), my = *mean(y), sxy = 0, sxx = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sxy += (x[i] - mx) * (y[i] - my);
        sxx += (x[i] - mx) * (x[i] - mx);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (sxx <= 0 || syy <= 0) return std::nullopt;
    return sxy / std::sqrt(sxx * syy);
}

std::optional<double> point_biserial(const std::vector<int>& item, const std::vector<double>& score) {
    std::vector<double> x(item.begin(), item.end());
    return pearson(x, score);
}

std::string fmt_stat(std::optional<double> v, int decimals) {
    if (!v || !std::isfinite(*v)) return "n/a";
    double x = *v;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, x);
    std::string s = buf;
    if (s.rfind("-", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0.00"
    return s;
}

std::string fmt_signed(std::optional<double> v, int decimals) {
    std::string s = fmt_stat(v, decimals);
    if (s == "n/a" || s[0] == '-') return s;
    if (s.find_first_not_of("0.") == std::string::npos) return s;  // zero has no sign
    return "+" + s;
}

}  // namespace quizscan::score

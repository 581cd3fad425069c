// Exact intervals and the two paired tests (see inference.hpp).
#include "score/inference.hpp"

#include <algorithm>
#include <cmath>

#include "score/distributions.hpp"
#include "score/stats.hpp"

namespace quizscan::score {

namespace {

std::vector<double> differences(const std::vector<double>& pre, const std::vector<double>& post) {
    std::vector<double> d;
    if (pre.size() != post.size()) return d;
    for (std::size_t i = 0; i < pre.size(); ++i) d.push_back(post[i] - pre[i]);
    return d;
}

bool valid_level(double level) { return level > 0 && level < 1; }

}  // namespace

std::optional<Interval> mean_interval(const std::vector<double>& xs, double level) {
    if (xs.size() < 2 || !valid_level(level)) return std::nullopt;
    const double m = *mean(xs), sd = *sample_sd(xs), n = static_cast<double>(xs.size());
    if (sd <= 0) return std::nullopt;
    const double half = t_quantile(1 - (1 - level) / 2, n - 1) * sd / std::sqrt(n);
    return Interval{m - half, m + half};
}

std::optional<Interval> proportion_interval(int count, int n, double level) {
    if (n < 1 || count < 0 || count > n || !valid_level(level)) return std::nullopt;
    const double a = (1 - level) / 2;
    const double lo = count == 0 ? 0.0 : beta_quantile(a, count, n - count + 1);
    const double hi = count == n ? 1.0 : beta_quantile(1 - a, count + 1, n - count);
    return Interval{lo, hi};
}

std::optional<Interval> kr20_interval(double kr20, int n, int k, double level) {
    if (n < 2 || k < 2 || !std::isfinite(kr20) || !valid_level(level)) return std::nullopt;
    const double d1 = n - 1, d2 = static_cast<double>(n - 1) * (k - 1), a = (1 - level) / 2;
    return Interval{1 - (1 - kr20) * f_quantile(1 - a, d1, d2), 1 - (1 - kr20) * f_quantile(a, d1, d2)};
}

std::optional<TTest> paired_t_test(const std::vector<double>& pre, const std::vector<double>& post) {
    const auto d = differences(pre, post);
    const auto sd = sample_sd(d);
    if (!sd || *sd <= 0) return std::nullopt;
    TTest t;
    t.n = static_cast<int>(d.size());
    t.mean_diff = *mean(d);
    t.df = t.n - 1;
    t.t = t.mean_diff / (*sd / std::sqrt(static_cast<double>(t.n)));
    t.p = t_two_sided_p(t.t, t.df);
    return t;
}

std::optional<SignedRankTest> wilcoxon_signed_rank(const std::vector<double>& pre, const std::vector<double>& post) {
    if (pre.size() != post.size()) return std::nullopt;
    SignedRankTest w;
    std::vector<double> d;
    for (double x : differences(pre, post)) {
        if (std::fabs(x) < 1e-9) ++w.zeros;
        else d.push_back(x);
    }
    w.n = static_cast<int>(d.size());
    if (w.n == 0) return std::nullopt;
    // Doubled average ranks of |d| (integers even with ties).
    std::vector<std::size_t> order(d.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return std::fabs(d[a]) < std::fabs(d[b]); });
    std::vector<int> rank2(d.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && std::fabs(std::fabs(d[order[j + 1]]) - std::fabs(d[order[i]])) < 1e-9) ++j;
        const int doubled = static_cast<int>(i + 1 + j + 1);  // 2 * average of ranks i+1..j+1
        for (std::size_t k = i; k <= j; ++k) rank2[order[k]] = doubled;
        i = j + 1;
    }
    int total = 0, observed = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        total += rank2[i];
        if (d[i] > 0) observed += rank2[i];
    }
    // Distribution of the sum of a random subset of the ranks (each sign +/- with 1/2).
    std::vector<double> dist(static_cast<std::size_t>(total) + 1, 0.0);
    dist[0] = 1;
    int reach = 0;
    for (int r : rank2) {
        reach += r;
        for (int s = reach; s >= 0; --s)
            dist[static_cast<std::size_t>(s)] = 0.5 * dist[static_cast<std::size_t>(s)] + (s >= r ? 0.5 * dist[static_cast<std::size_t>(s - r)] : 0.0);
    }
    double below = 0, above = 0;
    for (int s = 0; s <= total; ++s) {
        if (s <= observed) below += dist[static_cast<std::size_t>(s)];
        if (s >= observed) above += dist[static_cast<std::size_t>(s)];
    }
    w.v = observed / 2.0;
    w.p = std::min(1.0, 2 * std::min(below, above));
    return w;
}

}  // namespace quizscan::score

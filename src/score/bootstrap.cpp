// Seeded percentile bootstrap (see bootstrap.hpp).
#include "score/bootstrap.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace quizscan::score {

namespace {

// Uniform in 0..n-1 without modulo bias; mt19937_64's output is fixed by the standard,
// unlike std::uniform_int_distribution's mapping.
std::size_t draw(std::mt19937_64& gen, std::size_t n) {
    const std::uint64_t range = n;
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % range;
    std::uint64_t x;
    do x = gen();
    while (x >= limit);
    return static_cast<std::size_t>(x % range);
}

}  // namespace

double quantile_sorted(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

std::optional<Interval> bootstrap_interval(std::size_t units, const Statistic& statistic,
                                           const BootstrapOptions& options) {
    if (units < 2 || options.replicates < 1) return std::nullopt;
    std::mt19937_64 gen(options.seed);
    std::vector<double> values;
    values.reserve(static_cast<std::size_t>(options.replicates));
    std::vector<std::size_t> sample(units);
    int undefined = 0;
    for (int r = 0; r < options.replicates; ++r) {
        for (auto& s : sample) s = draw(gen, units);
        const auto v = statistic(sample);
        if (v && std::isfinite(*v)) values.push_back(*v);
        else ++undefined;
    }
    if (values.empty() || undefined > options.max_undefined * options.replicates) return std::nullopt;
    std::sort(values.begin(), values.end());
    const double a = (1 - options.level) / 2;
    return Interval{quantile_sorted(values, a), quantile_sorted(values, 1 - a)};
}

}  // namespace quizscan::score

// Seeded percentile bootstrap: resamples units (participants) with replacement and
// takes the 2.5% and 97.5% quantiles of a statistic. The same seed gives the same
// interval on every machine (mt19937_64 and an unbiased draw of our own).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "score/inference.hpp"

namespace quizscan::score {

// A statistic of a resample: `sample` holds unit indices 0..units-1, repeats allowed.
// Empty when the statistic is undefined on that resample (e.g. zero variance).
using Statistic = std::function<std::optional<double>(const std::vector<std::size_t>& sample)>;

struct BootstrapOptions {
    int replicates = 2000;
    std::uint64_t seed = 20240621;
    double level = 0.95;
    double max_undefined = 0.05;  // more undefined resamples than this share: no interval
};

// Empty when units < 2 or too many resamples leave the statistic undefined.
std::optional<Interval> bootstrap_interval(std::size_t units, const Statistic& statistic,
                                           const BootstrapOptions& options = {});

// The p-quantile of sorted values, linear between order statistics (Hyndman-Fan type 7,
// the default of R and numpy). `sorted` must be non-empty.
double quantile_sorted(const std::vector<double>& sorted, double p);

}  // namespace quizscan::score

// Confidence intervals: Student t and normal intervals for estimates, Wilson interval for proportions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "stats/common.h"

namespace manyi::stats {

/// estimate ± t(1 − α/2, df) · se, α = 1 − confidence; missing unless se ≥ 0 and df > 0.
std::optional<Interval> StudentTInterval(double estimate, double se, double df, double confidence = 0.95);

/// estimate ± z(1 − α/2) · se; missing unless se ≥ 0.
std::optional<Interval> NormalInterval(double estimate, double se, double confidence = 0.95);

/// Wilson (1927) score interval for a proportion of `successes` out of `n` (n may be an effective
/// sample size, successes = p̂·n), without continuity correction; clipped to [0, 1]. Missing if n ≤ 0.
std::optional<Interval> WilsonInterval(double successes, double n, double confidence = 0.95);

/// A percentile bootstrap interval of a mean (Efron & Tibshirani 1993, ch. 13).
struct BootstrapInterval {
  Stat lower;               ///< quantile (1 − confidence) / 2 of the resampled means (R type 7)
  Stat upper;               ///< quantile (1 + confidence) / 2
  Stat se;                  ///< SD (n − 1) of the resampled means
  std::size_t resamples = 0;  ///< resamples with a positive sum of weights
};

/// Percentile bootstrap interval of the (weighted) mean of values: `resamples` times, n of the n
/// non-missing values (with their weights) drawn with replacement. Resample b draws from its own
/// xoshiro256** stream seeded from `seed` and b, so the interval depends on the seed only, not on
/// `threads` (0 = one per hardware thread). Missing with fewer than 2 values or no resamples.
BootstrapInterval BootstrapMeanInterval(std::span<const double> values, Weights weights, std::size_t resamples,
                                        std::uint64_t seed, double confidence = 0.95, unsigned threads = 0);

}  // namespace manyi::stats

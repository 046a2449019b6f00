// Confidence intervals: Student t and normal intervals for estimates, Wilson interval for proportions.
#pragma once

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

}  // namespace manyi::stats

// Confidence intervals; formulas in docs/statistics.md §3.1.
#include "stats/intervals.h"

#include <algorithm>
#include <cmath>

#include "stats/distributions.h"

namespace manyi::stats {

std::optional<Interval> StudentTInterval(double estimate, double se, double df, double confidence) {
  if (!std::isfinite(estimate) || !std::isfinite(se) || se < 0.0) return std::nullopt;
  const Stat t = StudentTCritical(confidence, df);
  if (!t) return std::nullopt;
  return Interval{estimate - *t * se, estimate + *t * se};
}

std::optional<Interval> NormalInterval(double estimate, double se, double confidence) {
  if (!std::isfinite(estimate) || !std::isfinite(se) || se < 0.0) return std::nullopt;
  const Stat z = NormalCritical(confidence);
  if (!z) return std::nullopt;
  return Interval{estimate - *z * se, estimate + *z * se};
}

std::optional<Interval> WilsonInterval(double successes, double n, double confidence) {
  if (!std::isfinite(n) || !(n > 0.0) || !std::isfinite(successes) || successes < 0.0 || successes > n * (1 + 1e-12)) {
    return std::nullopt;
  }
  const Stat zStat = NormalCritical(confidence);
  if (!zStat) return std::nullopt;
  const double z = *zStat;
  const double p = std::min(1.0, successes / n);
  const double z2n = z * z / n;
  const double centre = (p + z2n / 2.0) / (1.0 + z2n);
  const double half = z / (1.0 + z2n) * std::sqrt(p * (1.0 - p) / n + z * z / (4.0 * n * n));
  // At p = 0 (or 1) the bound is exactly 0 (or 1); the formula only reaches it up to rounding.
  const double lower = successes == 0.0 ? 0.0 : std::max(0.0, centre - half);
  const double upper = p == 1.0 ? 1.0 : std::min(1.0, centre + half);
  return Interval{lower, upper};
}

}  // namespace manyi::stats

// Confidence intervals; formulas in docs/statistics.md §3.1.
#include "stats/intervals.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "stats/detail/parallel.h"
#include "stats/detail/random.h"
#include "stats/distributions.h"
#include "stats/pls.h"  // QuantileType7

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

BootstrapInterval BootstrapMeanInterval(std::span<const double> values, Weights weights, std::size_t resamples,
                                        std::uint64_t seed, double confidence, unsigned threads) {
  BootstrapInterval out;
  std::vector<double> x, w;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double wi = weights.empty() ? 1.0 : weights[i];
    if (!std::isfinite(values[i]) || !std::isfinite(wi) || wi < 0.0) continue;
    x.push_back(values[i]);
    w.push_back(wi);
  }
  const std::size_t n = x.size();
  if (n < 2 || resamples == 0 || !(confidence > 0.0 && confidence < 1.0)) return out;
  std::vector<double> means(resamples, kMissingValue);
  detail::RunStrided(resamples, threads, [&](unsigned t, unsigned step) {
    for (std::size_t b = t; b < resamples; b += step) {
      detail::Xoshiro256 rng(seed ^ (0xA24BAED4963EE407ULL * (static_cast<std::uint64_t>(b) + 1)));
      double sum = 0.0, sumW = 0.0;
      for (std::size_t k = 0; k < n; ++k) {
        const std::size_t i = rng.Below(n);
        sum += w[i] * x[i];
        sumW += w[i];
      }
      if (sumW > 0.0) means[b] = sum / sumW;
    }
  });
  means.erase(std::remove_if(means.begin(), means.end(), [](double m) { return std::isnan(m); }), means.end());
  out.resamples = means.size();
  if (means.empty()) return out;
  double mean = 0.0;
  for (double m : means) mean += m;
  mean /= double(means.size());
  double ss = 0.0;
  for (double m : means) ss += (m - mean) * (m - mean);
  if (means.size() > 1) out.se = std::sqrt(ss / double(means.size() - 1));
  std::sort(means.begin(), means.end());
  const double alpha = 1.0 - confidence;
  out.lower = QuantileType7(means, alpha / 2.0);
  out.upper = QuantileType7(means, 1.0 - alpha / 2.0);
  return out;
}

}  // namespace manyi::stats

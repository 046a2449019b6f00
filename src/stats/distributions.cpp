// Distribution functions of the statistics library; the only file that instantiates Boost.Math.
#include "stats/distributions.h"

#include <algorithm>
#include <limits>

#include "stats/detail/boost_math.h"

namespace manyi::stats {

namespace {

bool ValidProbability(double p) { return std::isfinite(p) && p > 0.0 && p < 1.0; }
bool ValidDf(double df) { return std::isfinite(df) && df > 0.0; }

}  // namespace

Stat NormalQuantile(double p) {
  if (!ValidProbability(p)) return std::nullopt;
  return Finite(boost::math::quantile(detail::Normal(0.0, 1.0), p));
}

Stat NormalCdf(double x) {
  if (std::isnan(x)) return std::nullopt;
  if (std::isinf(x)) return x > 0 ? 1.0 : 0.0;
  return Finite(boost::math::cdf(detail::Normal(0.0, 1.0), x));
}

Stat StudentTQuantile(double p, double df) {
  if (!ValidProbability(p) || !ValidDf(df)) return std::nullopt;
  return Finite(boost::math::quantile(detail::StudentT(df), p));
}

Stat StudentTTwoSidedP(double t, double df) {
  if (std::isnan(t) || !ValidDf(df)) return std::nullopt;
  if (std::isinf(t)) return 0.0;
  // 2 P(T > |t|) via the complement keeps precision for tiny p-values.
  return Finite(2.0 * boost::math::cdf(boost::math::complement(detail::StudentT(df), std::fabs(t))));
}

Stat ChiSquaredUpperP(double x, double df) {
  if (std::isnan(x) || !ValidDf(df)) return std::nullopt;
  if (x <= 0.0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return Finite(boost::math::cdf(boost::math::complement(detail::ChiSquared(df), x)));
}

Stat FisherFUpperP(double f, double df1, double df2) {
  if (std::isnan(f) || !ValidDf(df1) || !ValidDf(df2)) return std::nullopt;
  if (f <= 0.0) return 1.0;
  if (std::isinf(f)) return 0.0;
  return Finite(boost::math::cdf(boost::math::complement(detail::FisherF(df1, df2), f)));
}

Stat HypergeometricPmf(std::uint64_t k, std::uint64_t successes, std::uint64_t draws, std::uint64_t population) {
  if (successes > population || draws > population || population > std::numeric_limits<unsigned>::max()) {
    return std::nullopt;
  }
  const std::uint64_t lo = draws + successes > population ? draws + successes - population : 0;
  const std::uint64_t hi = std::min(draws, successes);
  if (k < lo || k > hi) return 0.0;
  const detail::Hypergeometric dist(static_cast<unsigned>(successes), static_cast<unsigned>(draws),
                                    static_cast<unsigned>(population));
  return Finite(boost::math::pdf(dist, static_cast<unsigned>(k)));
}

Stat NormalCritical(double confidence) {
  if (!ValidProbability(confidence)) return std::nullopt;
  return NormalQuantile(0.5 + confidence / 2.0);
}

Stat StudentTCritical(double confidence, double df) {
  if (!ValidProbability(confidence)) return std::nullopt;
  return StudentTQuantile(0.5 + confidence / 2.0, df);
}

}  // namespace manyi::stats

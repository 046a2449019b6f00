// Probability distributions used by the tests and intervals (Boost.Math behind a thin wall).
#pragma once

#include <cstdint>

#include "stats/common.h"

namespace manyi::stats {

/// Quantile of the standard normal distribution; missing unless 0 < p < 1.
Stat NormalQuantile(double p);
/// Cumulative probability of the standard normal distribution at x.
Stat NormalCdf(double x);
/// Quantile of Student's t with df degrees of freedom (df > 0, may be fractional, as Welch).
Stat StudentTQuantile(double p, double df);
/// Two-sided p-value P(|T| >= |t|) for Student's t with df degrees of freedom.
Stat StudentTTwoSidedP(double t, double df);
/// Upper-tail probability P(X >= x) of the chi-squared distribution with df degrees of freedom.
Stat ChiSquaredUpperP(double x, double df);
/// Upper-tail probability P(F >= f) of the F distribution with (df1, df2) degrees of freedom.
Stat FisherFUpperP(double f, double df1, double df2);
/// P(X = k) for X hypergeometric: k successes in a sample of `draws` from `population` units of
/// which `successes` are successes.
Stat HypergeometricPmf(std::uint64_t k, std::uint64_t successes, std::uint64_t draws, std::uint64_t population);

/// Two-sided critical value of the standard normal for a confidence level (0.95 → 1.959964).
Stat NormalCritical(double confidence);
/// Two-sided critical value of Student's t for a confidence level and df (0.95, 10 → 2.228139).
Stat StudentTCritical(double confidence, double df);

}  // namespace manyi::stats

// The seeded percentile bootstrap interval of a (weighted) mean (CSI "ci": "bootstrap").
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/descriptives.h"
#include "stats/intervals.h"
#include "support/normal_sequence.h"

namespace manyi::stats {
namespace {

TEST(BootstrapMeanInterval, TwoValuesByHand) {
  // A resample of two from {40, 60} has the mean 40, 50 or 60 with probabilities 1/4, 1/2, 1/4, so
  // the 2.5 % and 97.5 % points of many resamples are 40 and 60, and the ideal bootstrap SE of the
  // mean is the plug-in σ̂ / √n = √(Σ(x − x̄)² / n) / √n = 10 / √2 = 7.0711 (Efron & Tibshirani 1993,
  // An Introduction to the Bootstrap, ch. 6). 20,000 resamples estimate it to about 0.5 %.
  const std::vector<double> x{40, 60};
  const BootstrapInterval b = BootstrapMeanInterval(x, {}, 20000, 3);
  EXPECT_EQ(b.resamples, 20000u);
  EXPECT_DOUBLE_EQ(*b.lower, 40.0);
  EXPECT_DOUBLE_EQ(*b.upper, 60.0);
  EXPECT_NEAR(*b.se, std::sqrt(200.0) / 2, 0.02 * std::sqrt(200.0) / 2);
  // Weighted 3 : 1 the mixed resamples have the mean (3·40 + 60) / 4 = 45: means 40, 45, 60 with
  // probabilities 1/4, 1/2, 1/4 → E = 47.5, E[m²] = 2312.5, SD = √(2312.5 − 2256.25) = 7.5.
  const std::vector<double> w{3, 1};
  const BootstrapInterval bw = BootstrapMeanInterval(x, w, 20000, 3);
  EXPECT_DOUBLE_EQ(*bw.lower, 40.0);
  EXPECT_DOUBLE_EQ(*bw.upper, 60.0);
  EXPECT_NEAR(*bw.se, 7.5, 0.02 * 7.5);
}

TEST(BootstrapMeanInterval, DegenerateInputs) {
  const std::vector<double> one{5}, constant{7, 7, 7, 7}, missing{kMissingValue, 3, kMissingValue};
  EXPECT_FALSE(BootstrapMeanInterval(one, {}, 1000, 1).lower);
  EXPECT_FALSE(BootstrapMeanInterval(missing, {}, 1000, 1).lower);  // one value left
  EXPECT_FALSE(BootstrapMeanInterval(constant, {}, 0, 1).lower);    // no resamples
  const BootstrapInterval c = BootstrapMeanInterval(constant, {}, 500, 1);
  EXPECT_DOUBLE_EQ(*c.lower, 7.0);
  EXPECT_DOUBLE_EQ(*c.upper, 7.0);
  EXPECT_DOUBLE_EQ(*c.se, 0.0);
  // Zero weights everywhere: no resample has a mean.
  const std::vector<double> zero{0, 0, 0, 0};
  EXPECT_FALSE(BootstrapMeanInterval(constant, zero, 500, 1).lower);
}

TEST(BootstrapMeanInterval, SeededAndIndependentOfThreads) {
  test_support::NormalSequence z(11);
  std::vector<double> x(500);
  for (double& v : x) v = 60 + 15 * z();
  const BootstrapInterval one = BootstrapMeanInterval(x, {}, 999, 42, 0.95, 1);
  const BootstrapInterval four = BootstrapMeanInterval(x, {}, 999, 42, 0.95, 4);
  const BootstrapInterval again = BootstrapMeanInterval(x, {}, 999, 42, 0.95, 0);
  const BootstrapInterval other = BootstrapMeanInterval(x, {}, 999, 43, 0.95, 1);
  EXPECT_EQ(*one.lower, *four.lower);
  EXPECT_EQ(*one.upper, *four.upper);
  EXPECT_EQ(*one.se, *again.se);
  EXPECT_NE(*one.lower, *other.lower);
}

TEST(BootstrapMeanInterval, CoversAKnownMean) {
  // 400 samples of n = 80 from N(70, 15²): the 95 % percentile interval should contain 70 in about
  // 95 % of them (slightly fewer for the percentile method at this n: it is narrower than t by the
  // factor √((n − 1)/n) and z instead of t, Efron & Tibshirani 1993 ch. 13).
  // Binomial SD of the coverage over 400 samples is 1.1 %: accept 92–98 %.
  test_support::NormalSequence z(2026);
  int covered = 0, linearCovered = 0;
  const int samples = 400;
  for (int s = 0; s < samples; ++s) {
    std::vector<double> x(80);
    for (double& v : x) v = 70 + 15 * z();
    const BootstrapInterval b = BootstrapMeanInterval(x, {}, 999, std::uint64_t(s) + 1);
    covered += *b.lower <= 70 && 70 <= *b.upper;
    const Summary d = Describe(x);
    const auto t = StudentTInterval(*d.mean, *d.se, 79);
    linearCovered += t->lower <= 70 && 70 <= t->upper;
  }
  EXPECT_GE(covered, int(0.92 * samples));
  EXPECT_LE(covered, int(0.98 * samples));
  EXPECT_GE(linearCovered, int(0.92 * samples));  // the linearised interval on the same samples
}

}  // namespace
}  // namespace manyi::stats

// Descriptives: mean/SD/SE (weighted and not), percentiles (R type 7; weighted inverse CDF),
// frequencies, box shares, and the degenerate inputs that must give "missing", never NaN.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"

namespace manyi::stats {
namespace {

constexpr double kNaN = kMissingValue;

TEST(Describe, UnweightedTextbookExample) {
  const double x[] = {2, 4, 4, 4, 5, 5, 7, 9};  // Σ(x−5)² = 32
  const Summary s = Describe(x);
  EXPECT_EQ(s.n, 8u);
  EXPECT_DOUBLE_EQ(s.sumWeights, 8.0);
  EXPECT_FALSE(s.weighted);
  EXPECT_DOUBLE_EQ(*s.mean, 5.0);
  EXPECT_NEAR(*s.sd, std::sqrt(32.0 / 7.0), 1e-15);        // sample SD, n−1
  EXPECT_NEAR(*s.se, std::sqrt(32.0 / 7.0 / 8.0), 1e-15);  // s/√n
}

TEST(Describe, WeightedByHand) {
  // x = (2, 4, 6), w = (1, 2, 1): x̄ = 4, Σw d² = 8, Σw²d² = 8, n/(n−1) = 1.5.
  const double x[] = {2, 4, 6};
  const double w[] = {1, 2, 1};
  const Summary s = Describe(x, w);
  EXPECT_TRUE(s.weighted);
  EXPECT_EQ(s.n, 3u);
  EXPECT_DOUBLE_EQ(s.sumWeights, 4.0);
  EXPECT_DOUBLE_EQ(*s.mean, 4.0);
  EXPECT_NEAR(*s.variance, 1.5 * 8.0 / 4.0, 1e-15);
  EXPECT_NEAR(*s.se, std::sqrt(1.5 * 8.0) / 4.0, 1e-15);
}

TEST(Describe, WeightsAreScaleFreeAndEqualWeightsMatchUnweighted) {
  const double x[] = {3.5, 1.25, 9, 4, 4, 7.75, 2};
  const double ones[] = {1, 1, 1, 1, 1, 1, 1};
  const double sevens[] = {7, 7, 7, 7, 7, 7, 7};
  const Summary u = Describe(x);
  const Summary a = Describe(x, ones);
  const Summary b = Describe(x, sevens);
  EXPECT_NEAR(*a.mean, *u.mean, 1e-15);
  EXPECT_NEAR(*a.sd, *u.sd, 1e-14);
  EXPECT_NEAR(*a.se, *u.se, 1e-14);
  EXPECT_NEAR(*b.sd, *u.sd, 1e-14);
  EXPECT_NEAR(*b.se, *u.se, 1e-14);
  EXPECT_DOUBLE_EQ(b.sumWeights, 49.0);
}

TEST(Describe, LargeOffsetCancellationTrap) {
  const double x[] = {1e9 + 1, 1e9 + 2, 1e9 + 3};
  const double w[] = {2, 1, 2};
  EXPECT_DOUBLE_EQ(*Describe(x).sd, 1.0);
  EXPECT_DOUBLE_EQ(*Describe(x, w).mean, 1e9 + 2);
  // Weighted: Σw d² = 2 + 0 + 2 = 4, Σw = 5, n/(n−1) = 1.5 → variance 1.2.
  EXPECT_NEAR(*Describe(x, w).variance, 1.2, 1e-12);
}

TEST(Describe, DegenerateInputsAreMissingNotNaN) {
  const Summary empty = Describe({});
  EXPECT_EQ(empty.n, 0u);
  EXPECT_FALSE(empty.mean.has_value());
  EXPECT_FALSE(empty.sd.has_value());
  EXPECT_FALSE(empty.se.has_value());

  const double one[] = {4.5};
  const Summary single = Describe(one);
  EXPECT_EQ(single.n, 1u);
  EXPECT_DOUBLE_EQ(*single.mean, 4.5);
  EXPECT_FALSE(single.sd.has_value());  // SD needs n ≥ 2
  EXPECT_FALSE(single.se.has_value());

  const double missing[] = {kNaN, kNaN};
  const Summary allMissing = Describe(missing);
  EXPECT_EQ(allMissing.n, 0u);
  EXPECT_FALSE(allMissing.mean.has_value());

  const double x[] = {1, 2, 3};
  const double zeros[] = {0, 0, 0};
  const Summary zeroWeights = Describe(x, zeros);
  EXPECT_EQ(zeroWeights.n, 0u);
  EXPECT_FALSE(zeroWeights.mean.has_value());
  EXPECT_FALSE(zeroWeights.sd.has_value());

  const double constant[] = {3, 3, 3, 3};
  const Summary flat = Describe(constant);
  EXPECT_DOUBLE_EQ(*flat.sd, 0.0);  // zero variance is a value, not missing
  EXPECT_DOUBLE_EQ(*flat.se, 0.0);

  const double withMissing[] = {1, kNaN, 3};
  const Summary part = Describe(withMissing);
  EXPECT_EQ(part.n, 2u);
  EXPECT_DOUBLE_EQ(*part.mean, 2.0);
}

TEST(Describe, LagOneAutocorrelationDegenerate) {
  // Worked: 1, 2, 3 → deviations −1, 0, 1: Σ d_i d_{i−1} = 0 → r(1) = 0.
  const double x[] = {1, 2, 3};
  EXPECT_DOUBLE_EQ(*LagOneAutocorrelation(x), 0.0);
  const double alt[] = {1, -1, 1, -1};  // Σ d_i d_{i−1} = −3, Σ d² = 4
  EXPECT_DOUBLE_EQ(*LagOneAutocorrelation(alt), -0.75);
  const double flat[] = {2, 2, 2};
  EXPECT_FALSE(LagOneAutocorrelation(flat).has_value());
  const double gap[] = {1, kNaN, 3};
  EXPECT_FALSE(LagOneAutocorrelation(gap).has_value());
  EXPECT_FALSE(LagOneAutocorrelation(std::span(x, 1)).has_value());
}

TEST(Describe, InvalidWeightsThrow) {
  const double x[] = {1, 2};
  const double negative[] = {1, -1};
  const double nan[] = {1, kNaN};
  const double shortW[] = {1};
  EXPECT_THROW(Describe(x, negative), std::invalid_argument);
  EXPECT_THROW(Describe(x, nan), std::invalid_argument);
  EXPECT_THROW(Describe(x, shortW), std::invalid_argument);
}

TEST(Percentile, RType7) {
  // R: quantile(1:10, c(0, .25, .5, .9, 1)) = 1, 3.25, 5.5, 9.1, 10.
  const double x[] = {10, 1, 9, 2, 8, 3, 7, 4, 6, 5};
  const double ps[] = {0, 0.25, 0.5, 0.9, 1};
  const auto q = Percentiles(x, ps);
  const double expected[] = {1, 3.25, 5.5, 9.1, 10};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(*q[i], expected[i], 1e-12) << ps[i];
  // R: quantile(c(1, 3, 7, 15), 0.3) = 2.8 (h = 0.9).
  const double y[] = {1, 3, 7, 15};
  EXPECT_NEAR(*Percentile(y, 0.3), 2.8, 1e-12);
  EXPECT_DOUBLE_EQ(*Median(y), 5.0);
}

TEST(Percentile, WeightedInverseCdf) {
  const double x[] = {3, 1, 2};
  const double w[] = {2, 1, 1};          // sorted: 1 (1), 2 (1), 3 (2); W = 4
  EXPECT_DOUBLE_EQ(*Median(x, w), 2.5);  // cumulative share hits 0.5 at 2 → average with 3
  EXPECT_DOUBLE_EQ(*Percentile(x, 0.75, w), 3.0);
  EXPECT_DOUBLE_EQ(*Percentile(x, 0.2, w), 1.0);
  EXPECT_DOUBLE_EQ(*Percentile(x, 0.0, w), 1.0);
  EXPECT_DOUBLE_EQ(*Percentile(x, 1.0, w), 3.0);
  // Equal weights reproduce R type 2: quantile(1:4, .25, type = 2) = 1.5.
  const double z[] = {1, 2, 3, 4};
  const double ones[] = {1, 1, 1, 1};
  EXPECT_DOUBLE_EQ(*Percentile(z, 0.25, ones), 1.5);
  EXPECT_DOUBLE_EQ(*Percentile(z, 0.3, ones), 2.0);
}

TEST(Percentile, DegenerateInputs) {
  EXPECT_FALSE(Median({}).has_value());
  const double missing[] = {kNaN};
  EXPECT_FALSE(Median(missing).has_value());
  const double one[] = {7};
  EXPECT_DOUBLE_EQ(*Median(one), 7.0);
  EXPECT_FALSE(Percentile(one, 1.5).has_value());
  EXPECT_FALSE(Percentile(one, kNaN).has_value());
  const double zeros[] = {0};
  EXPECT_FALSE(Median(one, zeros).has_value());
}

TEST(Frequencies, CountsPercentsAndMissing) {
  const double x[] = {2, 1, 2, kNaN, 3, 2};
  const FrequencyTable t = Frequencies(x);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.nValid, 5u);
  EXPECT_EQ(t.nMissing, 1u);
  EXPECT_DOUBLE_EQ(t.rows[1].value, 2.0);
  EXPECT_EQ(t.rows[1].count, 3u);
  EXPECT_DOUBLE_EQ(t.rows[1].percent, 60.0);
  EXPECT_DOUBLE_EQ(t.rows[2].cumulativePercent, 100.0);

  const double w[] = {1, 3, 1, 1, 4, 1};
  const FrequencyTable tw = Frequencies(x, w);
  EXPECT_TRUE(tw.weighted);
  EXPECT_DOUBLE_EQ(tw.sumWeights, 10.0);
  EXPECT_DOUBLE_EQ(tw.rows[0].percent, 30.0);  // value 1 has weight 3
  EXPECT_DOUBLE_EQ(tw.rows[2].percent, 40.0);
  EXPECT_EQ(tw.rows[2].count, 1u);

  const FrequencyTable none = Frequencies({});
  EXPECT_TRUE(none.rows.empty());
  EXPECT_EQ(none.nValid, 0u);
}

TEST(BoxShares, TopAndBottomTwoBox) {
  const double x[] = {1, 2, 3, 4, 5, kNaN};
  EXPECT_DOUBLE_EQ(*TopBox(x, 5).proportion, 0.4);
  EXPECT_DOUBLE_EQ(*BottomBox(x, 1).proportion, 0.4);
  EXPECT_DOUBLE_EQ(*TopBox(x, 5, 1).proportion, 0.2);
  EXPECT_EQ(TopBox(x, 5).n, 5u);
  const double w[] = {1, 1, 1, 1, 6, 1};
  EXPECT_DOUBLE_EQ(*TopBox(x, 5, 2, w).proportion, 0.7);  // (1 + 6) / 10
  EXPECT_DOUBLE_EQ(TopBox(x, 5, 2, w).effectiveN, 100.0 / 40.0);  // (Σw)²/Σw² = 10²/(1+1+1+1+36)
  EXPECT_DOUBLE_EQ(TopBox(x, 5).effectiveN, 5.0);
  const double missing[] = {kNaN};
  EXPECT_FALSE(TopBox(missing, 5).proportion.has_value());
}

}  // namespace
}  // namespace manyi::stats

// Correlations, OLS/WLS beyond NIST (no intercept, weights, degenerate designs) and relative weights.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

#include "stats/correlation.h"
#include "stats/regression.h"

namespace manyi::stats {
namespace {

TEST(Correlation, PearsonByHand) {
  // dx = (−2,−1,0,1,2), dy = (−2,0,1,0,1): Σdxdy = 6, Σdx² = 10, Σdy² = 6 → r = √0.6.
  const double x[] = {1, 2, 3, 4, 5};
  const double y[] = {2, 4, 5, 4, 5};
  EXPECT_NEAR(*PearsonCorrelation(x, y), std::sqrt(0.6), 1e-15);
  const double w[] = {1, 1, 1, 1, 1};
  EXPECT_NEAR(*PearsonCorrelation(x, y, w), std::sqrt(0.6), 1e-15);
  const double big[] = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4, 1e9 + 5};
  EXPECT_NEAR(*PearsonCorrelation(big, y), std::sqrt(0.6), 1e-12);  // offset trap
  const double flat[] = {3, 3, 3, 3, 3};
  EXPECT_FALSE(PearsonCorrelation(x, flat).has_value());
  EXPECT_FALSE(PearsonCorrelation(std::span(x, 1), std::span(y, 1)).has_value());
}

TEST(Correlation, PairwiseVersusListwise) {
  const double a[] = {1, 2, 3, 4, 5, 6};
  const double b[] = {2, 1, 4, 3, 6, 5};
  const double c[] = {1, kMissingValue, 2, 2, kMissingValue, 7};
  const std::span<const double> cols[] = {a, b, c};
  const auto pw = Correlations(cols, MissingPolicy::Pairwise);
  const auto lw = Correlations(cols, MissingPolicy::Listwise);
  EXPECT_EQ(pw.NAt(0, 1), 6u);
  EXPECT_EQ(lw.NAt(0, 1), 4u);
  EXPECT_EQ(pw.NAt(0, 2), 4u);
  EXPECT_NEAR(*pw.At(0, 1), *PearsonCorrelation(a, b), 1e-15);
  const double a4[] = {1, 3, 4, 6};
  const double b4[] = {2, 4, 3, 5};
  EXPECT_NEAR(*lw.At(0, 1), *PearsonCorrelation(a4, b4), 1e-15);
  EXPECT_DOUBLE_EQ(*pw.At(2, 2), 1.0);
  EXPECT_EQ(*pw.At(1, 0), *pw.At(0, 1));
}

TEST(Regression, NoInterceptUsesUncentredTss) {
  // y = 2x exactly: b = 2, RSS = 0; R² = 1 − RSS/Σy² (R lm(y ~ 0 + x)).
  const double x[] = {1, 2, 3, 4};
  const double y[] = {2, 4, 6, 8.5};
  const std::span<const double> cols[] = {x};
  const auto r = LinearRegression(y, cols, false);
  ASSERT_TRUE(r.ok);
  ASSERT_EQ(r.coefficients.size(), 1u);
  // b = Σxy/Σx² = (2+8+18+34)/30 = 62/30.
  EXPECT_NEAR(r.coefficients[0].estimate, 62.0 / 30.0, 1e-14);
  double rss = 0.0, tss = 0.0;
  for (int i = 0; i < 4; ++i) {
    const double e = y[i] - 62.0 / 30.0 * x[i];
    rss += e * e;
    tss += y[i] * y[i];
  }
  EXPECT_NEAR(*r.rSquared, 1 - rss / tss, 1e-14);
  EXPECT_NEAR(*r.coefficients[0].se, std::sqrt(rss / 3.0 / 30.0), 1e-14);
  EXPECT_EQ(r.dfResidual, 3u);
}

TEST(Regression, IntegerWeightsEqualReplicatedRows) {
  const double x[] = {1, 2, 3, 4, 5};
  const double y[] = {1.5, 1.9, 3.4, 3.6, 5.2};
  const double w[] = {1, 2, 1, 3, 1};
  std::vector<double> xr, yr;
  for (int i = 0; i < 5; ++i) {
    for (int k = 0; k < w[i]; ++k) {
      xr.push_back(x[i]);
      yr.push_back(y[i]);
    }
  }
  const std::span<const double> cw[] = {x};
  const std::span<const double> cr[] = {xr};
  const auto a = LinearRegression(y, cw, true, w);
  const auto b = LinearRegression(yr, cr);
  EXPECT_TRUE(a.weighted);
  for (int j = 0; j < 2; ++j) EXPECT_NEAR(a.coefficients[j].estimate, b.coefficients[j].estimate, 1e-13);
  EXPECT_NEAR(*a.rSquared, *b.rSquared, 1e-13);
  EXPECT_NEAR(a.rss, b.rss, 1e-13);
}

TEST(Regression, DegenerateDesigns) {
  const double x1[] = {1, 2, 3, 4};
  const double x2[] = {2, 4, 6, 8};  // collinear with x1
  const double y[] = {1, 3, 2, 5};
  const std::span<const double> collinear[] = {x1, x2};
  const auto c = LinearRegression(y, collinear);
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(c.rankDeficient);
  EXPECT_TRUE(c.coefficients.empty());
  const std::span<const double> one[] = {x1};
  const auto small = LinearRegression(std::span(y, 2), std::vector<std::span<const double>>{std::span(x1, 2)});
  EXPECT_FALSE(small.ok);  // n = p: no residual df
  const double ym[] = {1, kMissingValue, 2, 5};
  const auto m = LinearRegression(ym, one);
  EXPECT_TRUE(m.ok);
  EXPECT_EQ(m.n, 3u);
  const double flatY[] = {2, 2, 2, 2};
  const auto f = LinearRegression(flatY, one);
  EXPECT_TRUE(f.ok);
  EXPECT_FALSE(f.rSquared.has_value());           // TSS = 0
  EXPECT_FALSE(f.coefficients[1].t.has_value());  // SE 0: t undefined
  const double flatX[] = {1, 1, 1, 1};
  const std::span<const double> flat[] = {flatX};
  EXPECT_FALSE(LinearRegression(y, flat).ok);  // constant predictor with intercept
}

TEST(RelativeWeights, SumToRSquaredAndMatchSpecialCases) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> n01;
  const int n = 400;
  std::vector<double> x1(n), x2(n), x3(n), y(n);
  for (int i = 0; i < n; ++i) {
    x1[i] = n01(rng);
    x2[i] = 0.6 * x1[i] + 0.8 * n01(rng);
    x3[i] = n01(rng);
    y[i] = 0.5 * x1[i] + 0.3 * x2[i] + 0.2 * x3[i] + n01(rng);
  }
  const std::span<const double> cols[] = {x1, x2, x3};
  const auto rw = RelativeWeights(y, cols);
  const auto ols = LinearRegression(y, cols);
  ASSERT_TRUE(rw.ok);
  EXPECT_NEAR(*rw.rSquared, *ols.rSquared, 1e-12);  // Johnson (2000): Σ ε_j = R²
  EXPECT_NEAR(std::accumulate(rw.raw.begin(), rw.raw.end(), 0.0), *ols.rSquared, 1e-12);
  EXPECT_NEAR(std::accumulate(rw.percent.begin(), rw.percent.end(), 0.0), 100.0, 1e-10);
  for (double e : rw.raw) EXPECT_GT(e, 0.0);
}

TEST(RelativeWeights, UncorrelatedPredictorsGiveSquaredCorrelations) {
  // Orthogonal, centred predictors: ε_j = r²(x_j, y).
  const double x1[] = {1, -1, 1, -1, 1, -1, 1, -1};
  const double x2[] = {1, 1, -1, -1, 1, 1, -1, -1};
  const double y[] = {3, 0.5, 1, -2, 2.5, 1, 0, -1.5};
  const std::span<const double> cols[] = {x1, x2};
  const auto rw = RelativeWeights(y, cols);
  ASSERT_TRUE(rw.ok);
  EXPECT_NEAR(rw.raw[0], std::pow(*PearsonCorrelation(x1, y), 2), 1e-12);
  EXPECT_NEAR(rw.raw[1], std::pow(*PearsonCorrelation(x2, y), 2), 1e-12);
}

TEST(RelativeWeights, SymmetricPredictorsShareEqually) {
  // Data closed under swapping x1 and x2: both must get R²/2, R² = 2a²/(1+ρ).
  std::vector<double> x1, x2, y;
  const double base[][3] = {{1, 2, 3}, {2, 1, 2}, {3, 5, 6}, {4, 2, 3}, {0, 1, 1}, {2, 4, 5}};
  for (const auto& r : base) {
    x1.push_back(r[0]);
    x2.push_back(r[1]);
    y.push_back(r[2]);
    x1.push_back(r[1]);
    x2.push_back(r[0]);
    y.push_back(r[2]);
  }
  const std::span<const double> cols[] = {x1, x2};
  const auto rw = RelativeWeights(y, cols);
  ASSERT_TRUE(rw.ok);
  const double a = *PearsonCorrelation(x1, y);
  const double rho = *PearsonCorrelation(x1, x2);
  EXPECT_NEAR(rw.raw[0], rw.raw[1], 1e-12);
  EXPECT_NEAR(*rw.rSquared, 2 * a * a / (1 + rho), 1e-12);
}

TEST(RelativeWeights, Degenerate) {
  const double x1[] = {1, 2, 3, 4, 5};
  const double x2[] = {2, 4, 6, 8, 10};
  const double y[] = {1, 3, 2, 5, 4};
  const std::span<const double> collinear[] = {x1, x2};
  EXPECT_FALSE(RelativeWeights(y, collinear).ok);
  const double flat[] = {1, 1, 1, 1, 1};
  const std::span<const double> constant[] = {x1, flat};
  EXPECT_FALSE(RelativeWeights(y, constant).ok);
  const std::span<const double> none[] = {x1};
  EXPECT_FALSE(RelativeWeights(std::span(y, 2), std::vector<std::span<const double>>{std::span(x1, 2)}).ok);
  EXPECT_TRUE(RelativeWeights(y, none).ok);
}

}  // namespace
}  // namespace manyi::stats

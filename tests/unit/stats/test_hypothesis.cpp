// Intervals and hypothesis tests against R's documented examples and published figures.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/distributions.h"
#include "stats/hypothesis.h"
#include "stats/intervals.h"

namespace manyi::stats {
namespace {

TEST(Distributions, StudentTQuantile) {
  EXPECT_NEAR(*StudentTQuantile(0.975, 10), 2.228138852, 1e-9);  // reference/README.md (R qt)
  EXPECT_NEAR(*NormalQuantile(0.975), 1.959963985, 1e-9);        // R qnorm(0.975)
  EXPECT_FALSE(StudentTQuantile(0.975, 0).has_value());
  EXPECT_FALSE(StudentTQuantile(1.0, 5).has_value());
  EXPECT_FALSE(NormalQuantile(kMissingValue).has_value());
  EXPECT_FALSE(ChiSquaredUpperP(3.0, 0).has_value());
  EXPECT_DOUBLE_EQ(*ChiSquaredUpperP(0.0, 2), 1.0);
  // χ²₂ upper tail is exp(−x/2) exactly.
  EXPECT_NEAR(*ChiSquaredUpperP(2.5, 2), std::exp(-1.25), 1e-15);
}

TEST(Intervals, WilsonNewcombe1998) {
  // Newcombe (1998), Stat Med 17:857, Table I: 81/263 → Wilson 0.2553 to 0.3662.
  const auto ci = WilsonInterval(81, 263);
  ASSERT_TRUE(ci);
  EXPECT_NEAR(ci->lower, 0.2553, 5e-5);
  EXPECT_NEAR(ci->upper, 0.3662, 5e-5);
  // 0/10: lower 0, upper z²/(n + z²).
  const double z2 = 1.959963984540054 * 1.959963984540054;
  const auto zero = WilsonInterval(0, 10);
  EXPECT_DOUBLE_EQ(zero->lower, 0.0);
  EXPECT_NEAR(zero->upper, z2 / (10 + z2), 1e-12);
  EXPECT_FALSE(WilsonInterval(0, 0).has_value());
  EXPECT_FALSE(WilsonInterval(5, 4).has_value());
}

TEST(Intervals, StudentAndNormal) {
  const auto t = StudentTInterval(10.0, 2.0, 10);
  EXPECT_NEAR(t->lower, 10.0 - 2.228138852 * 2.0, 1e-8);
  EXPECT_NEAR(t->upper, 10.0 + 2.228138852 * 2.0, 1e-8);
  const auto z = NormalInterval(0.0, 1.0, 0.9);
  EXPECT_NEAR(z->upper, 1.644853627, 1e-9);  // R qnorm(0.95)
  EXPECT_FALSE(StudentTInterval(10.0, 2.0, 0).has_value());
  EXPECT_FALSE(NormalInterval(kMissingValue, 1.0).has_value());
}

TEST(Welch, SleepDataAsRTTest) {
  // R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939,
  // 95 percent CI -3.3654832 0.2054832; means 0.75 and 2.33.
  const double g1[] = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
  const double g2[] = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};
  const TTestResult r = WelchTTest(g1, g2);
  EXPECT_NEAR(*r.difference, 0.75 - 2.33, 1e-12);
  EXPECT_NEAR(*r.t, -1.8608, 5e-5);
  EXPECT_NEAR(*r.df, 17.776, 5e-4);
  EXPECT_NEAR(*r.p, 0.07939, 5e-6);
  EXPECT_NEAR(*r.ciLower, -3.3654832, 5e-8);
  EXPECT_NEAR(*r.ciUpper, 0.2054832, 5e-8);
}

TEST(Welch, DegenerateInputs) {
  const double one[] = {1.0};
  const double two[] = {1.0, 2.0};
  const TTestResult r = WelchTTest(one, two);
  EXPECT_TRUE(r.difference.has_value());
  EXPECT_FALSE(r.t.has_value());
  EXPECT_FALSE(r.p.has_value());
  const double flatA[] = {3, 3, 3};
  const double flatB[] = {3, 3};
  const TTestResult z = WelchTTest(flatA, flatB);  // zero variance in both: t undefined
  EXPECT_FALSE(z.t.has_value());
  EXPECT_FALSE(z.df.has_value());
  EXPECT_FALSE(z.cohensD.has_value());
  EXPECT_FALSE(WelchTTest(std::span<const double>{}, std::span<const double>{}).difference.has_value());
}

TEST(EffectSizes, CohensDAndCramersV) {
  const double x[] = {1, 2, 3};
  const double y[] = {3, 4, 5};
  EXPECT_DOUBLE_EQ(*CohensD(x, y), -2.0);  // difference −2, pooled SD 1
  const double flat[] = {2, 2};
  EXPECT_FALSE(CohensD(flat, flat).has_value());
  EXPECT_NEAR(*CramersV(30.0, 300.0, 3, 4), std::sqrt(30.0 / 600.0), 1e-15);
  EXPECT_FALSE(CramersV(1.0, 10.0, 1, 4).has_value());
}

TEST(Anova, PlantGrowthAsRAov) {
  // R: summary(aov(weight ~ group, data = PlantGrowth)): group Df 2, Sum Sq 3.766, Mean Sq 1.8832,
  // F 4.846, Pr(>F) 0.01591; Residuals Df 27, Sum Sq 10.492, Mean Sq 0.3886.
  const double w[] = {4.17, 5.58, 5.18, 6.11, 4.50, 4.61, 5.17, 4.53, 5.33, 5.14, 4.81, 4.17, 4.41, 3.59, 5.87,
                      3.83, 6.03, 4.89, 4.32, 4.69, 6.31, 5.12, 5.54, 5.50, 5.37, 5.29, 4.92, 6.15, 5.80, 5.26};
  std::vector<std::uint32_t> g;
  for (std::uint32_t k = 0; k < 3; ++k) g.insert(g.end(), 10, k);
  const AnovaResult a = OneWayAnova(w, g, 3);
  EXPECT_NEAR(a.ssBetween, 3.766, 5e-4);
  EXPECT_NEAR(a.ssWithin, 10.492, 5e-4);
  EXPECT_NEAR(*a.msBetween, 1.8832, 5e-5);
  EXPECT_NEAR(*a.msWithin, 0.3886, 5e-5);
  EXPECT_NEAR(*a.f, 4.846, 5e-4);
  EXPECT_NEAR(*a.p, 0.01591, 5e-6);
  EXPECT_NEAR(*a.etaSquared, a.ssBetween / (a.ssBetween + a.ssWithin), 1e-15);
}

TEST(Anova, DegenerateInputs) {
  const double x[] = {1, 2, 3};
  const std::uint32_t one[] = {0, 0, 0};
  const AnovaResult single = OneWayAnova(x, one, 3);  // groups 1 and 2 empty
  EXPECT_EQ(single.groups, 1u);
  EXPECT_FALSE(single.f.has_value());
  EXPECT_FALSE(single.p.has_value());
  const double flat[] = {2, 2, 5, 5};
  const std::uint32_t two[] = {0, 0, 1, 1};
  const AnovaResult zeroWithin = OneWayAnova(flat, two, 2);
  EXPECT_DOUBLE_EQ(*zeroWithin.msWithin, 0.0);
  EXPECT_FALSE(zeroWithin.f.has_value());  // F = MSB / 0 is undefined
  EXPECT_DOUBLE_EQ(*zeroWithin.etaSquared, 1.0);
  const double nan[] = {kMissingValue, kMissingValue};
  const std::uint32_t g2[] = {0, 1};
  const AnovaResult none = OneWayAnova(nan, g2, 2);
  EXPECT_EQ(none.n, 0u);
  EXPECT_FALSE(none.f.has_value());
  EXPECT_FALSE(none.etaSquared.has_value());
  const double perGroup[] = {1, 2};
  const AnovaResult noDf = OneWayAnova(perGroup, g2, 2);  // N = k: no within df
  EXPECT_FALSE(noDf.msWithin.has_value());
  EXPECT_FALSE(noDf.f.has_value());
}

TEST(KruskalWallis, HollanderWolfe) {
  // Hollander & Wolfe (1973) p.116, as R ?kruskal.test: H = 0.7714 (= 27/35), df 2, p 0.6800.
  const double v[] = {2.9, 3.0, 2.5, 2.6, 3.2, 3.8, 2.7, 4.0, 2.4, 2.8, 3.4, 3.7, 2.2, 2.0};
  const std::uint32_t g[] = {0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2};
  const auto r = KruskalWallis(v, g, 3);
  EXPECT_NEAR(*r.h, 27.0 / 35.0, 1e-12);
  EXPECT_EQ(r.df, 2u);
  EXPECT_NEAR(*r.p, 0.679965, 5e-7);
  EXPECT_DOUBLE_EQ(r.tieCorrection, 1.0);
}

TEST(KruskalWallis, TieCorrectionByHand) {
  // x = (1, 2, 2), y = (2, 3, 4): midranks 1, 3, 3 | 3, 5, 6; R_x = 7, R_y = 14, N = 6.
  // H₀ = 12/(6·7) (49/3 + 196/3) − 21 = 7/3; C = 1 − (3³−3)/(6³−6) = 186/210; H = H₀/C.
  const double v[] = {1, 2, 2, 2, 3, 4};
  const std::uint32_t g[] = {0, 0, 0, 1, 1, 1};
  const auto r = KruskalWallis(v, g, 2);
  const double h = (7.0 / 3.0) / (186.0 / 210.0);
  EXPECT_NEAR(r.tieCorrection, 186.0 / 210.0, 1e-15);
  EXPECT_NEAR(*r.h, h, 1e-12);
  EXPECT_NEAR(*r.p, std::erfc(std::sqrt(h / 2.0)), 1e-12);  // χ²₁ upper tail in closed form
  const double tied[] = {5, 5, 5, 5};
  const std::uint32_t g2[] = {0, 0, 1, 1};
  EXPECT_FALSE(KruskalWallis(tied, g2, 2).h.has_value());  // every value tied
  const std::uint32_t oneGroup[] = {1, 1, 1, 1, 1, 1};
  const auto single = KruskalWallis(v, oneGroup, 2);  // group 0 empty: one group left
  EXPECT_EQ(single.groups, 1u);
  EXPECT_FALSE(single.h.has_value());
  EXPECT_FALSE(single.p.has_value());
}

TEST(ChiSquare, AgrestiIndependence) {
  // Agresti (2007) p.39 (R ?chisq.test): X-squared = 30.0701490958, df 2, p = 2.953589e-07;
  // expected first row 703.6714, 319.6453, 533.6834.
  const double t[] = {762, 327, 468, 484, 239, 477};
  const auto r = ChiSquareIndependence(t, 2, 3);
  EXPECT_FALSE(r.yates);
  EXPECT_NEAR(*r.statistic, 30.0701490958, 1e-9);
  EXPECT_EQ(r.df, 2u);
  EXPECT_NEAR(*r.p / 2.953589e-07, 1.0, 1e-6);
  EXPECT_NEAR(r.expected[0], 703.6714, 5e-5);
  EXPECT_NEAR(r.expected[1], 319.6453, 5e-5);
  EXPECT_NEAR(r.expected[2], 533.6834, 5e-5);
  EXPECT_NEAR(*r.cramersV, std::sqrt(30.0701490958 / 2757.0), 1e-10);
}

TEST(ChiSquare, CrossTabulateAndMinExpected) {
  const std::uint32_t r[] = {0, 1, 1, 0, kNoGroup, 1};
  const std::uint32_t c[] = {2, 0, 0, 1, 0, 2};
  const double w[] = {1, 2, 0.5, 1, 9, 3};
  const auto counts = CrossTabulate(r, c, 2, 3);
  EXPECT_EQ(counts, (std::vector<double>{0, 1, 1, 2, 0, 1}));
  const auto weighted = CrossTabulate(r, c, 2, 3, w);
  EXPECT_EQ(weighted, (std::vector<double>{0, 1, 1, 2.5, 0, 3}));
  // Agresti table: smallest expected is row M (1200) × column 2 (566) / 2757.
  const double t[] = {762, 327, 468, 484, 239, 477};
  EXPECT_NEAR(*ChiSquareIndependence(t, 2, 3).minExpected, 1200.0 * 566.0 / 2757.0, 1e-9);
  const double small[] = {3, 1, 1, 3};
  EXPECT_DOUBLE_EQ(*ChiSquareIndependence(small, 2, 2).minExpected, 2.0);  // < 5: use Fisher
  EXPECT_THROW(CrossTabulate(r, c, 1, 3), std::out_of_range);
}

TEST(ChiSquare, YatesFor2x2) {
  // R: chisq.test(matrix(c(12, 5, 7, 7), ncol = 2)): X-squared = 0.64112, df = 1, p = 0.4233.
  const double t[] = {12, 7, 5, 7};  // row-major: columns (12, 5) and (7, 7)
  const auto r = ChiSquareIndependence(t, 2, 2);
  EXPECT_TRUE(r.yates);
  EXPECT_NEAR(*r.statistic, 0.641120, 5e-7);
  EXPECT_EQ(r.df, 1u);
  EXPECT_NEAR(*r.p, 0.4233, 5e-5);
  const auto plain = ChiSquareIndependence(t, 2, 2, false);
  EXPECT_FALSE(plain.yates);
  EXPECT_GT(*plain.statistic, *r.statistic);
}

TEST(ChiSquare, GoodnessOfFit) {
  // R: chisq.test(c(20, 15, 25)): X-squared = 2.5, df = 2, p = 0.2865.
  const double o[] = {20, 15, 25};
  const auto r = ChiSquareGoodnessOfFit(o);
  EXPECT_NEAR(*r.statistic, 2.5, 1e-12);
  EXPECT_EQ(r.df, 2u);
  EXPECT_NEAR(*r.p, 0.2865, 5e-5);
  EXPECT_NEAR(*r.p, std::exp(-1.25), 1e-14);
  const double p[] = {2, 1, 1};  // rescaled to 0.5, 0.25, 0.25
  const auto s = ChiSquareGoodnessOfFit(o, p);
  EXPECT_NEAR(s.expected[0], 30.0, 1e-12);
  EXPECT_NEAR(*s.statistic, 100.0 / 30 + 0 + 100.0 / 15, 1e-12);
}

TEST(ChiSquare, DegenerateTables) {
  // 3 × 2 with an empty middle row: the live 2 × 2 remains (df 1, Yates applies).
  const double zeroRow[] = {10, 5, 0, 0, 3, 9};
  const auto r = ChiSquareIndependence(zeroRow, 3, 2);
  EXPECT_EQ(r.df, 1u);
  EXPECT_TRUE(r.yates);
  EXPECT_TRUE(r.statistic.has_value());
  EXPECT_DOUBLE_EQ(r.expected[2], 0.0);
  const double zeros[] = {0, 0, 0, 0};
  const auto z = ChiSquareIndependence(zeros, 2, 2);
  EXPECT_FALSE(z.statistic.has_value());
  EXPECT_FALSE(z.p.has_value());
  EXPECT_FALSE(ChiSquareGoodnessOfFit(std::span<const double>(zeros, 2)).statistic.has_value());
  const double o[] = {3, 4};
  const double impossible[] = {1, 0};
  EXPECT_FALSE(ChiSquareGoodnessOfFit(o, impossible).statistic.has_value());
}

double Choose(int n, int k) {
  double r = 1.0;
  for (int i = 1; i <= k; ++i) r = r * (n - k + i) / i;
  return r;
}

TEST(Fisher, TeaTastingAsRFisherTest) {
  // R ?fisher.test TeaTasting matrix(c(3, 1, 1, 3), 2): p-value = 0.4857 (= 34/70).
  EXPECT_NEAR(*FisherExact2x2(3, 1, 1, 3), 34.0 / 70.0, 1e-12);
}

TEST(Fisher, TwoSidedAgainstDirectEnumeration) {
  // Independent check by binomial coefficients: [[10, 2], [3, 15]], margins 12/18, 13/17.
  const int r1 = 12, c1 = 13, n = 30;
  const double pObs = Choose(c1, 10) * Choose(n - c1, r1 - 10) / Choose(n, r1);
  double p = 0.0;
  for (int x = 0; x <= 12; ++x) {
    if (x > c1 || r1 - x > n - c1) continue;
    const double px = Choose(c1, x) * Choose(n - c1, r1 - x) / Choose(n, r1);
    if (px <= pObs * (1 + 1e-7)) p += px;
  }
  EXPECT_NEAR(*FisherExact2x2(10, 2, 3, 15), p, 1e-12);
  EXPECT_LT(p, 0.001);
  EXPECT_FALSE(FisherExact2x2(0, 0, 0, 0).has_value());
  EXPECT_DOUBLE_EQ(*FisherExact2x2(0, 0, 3, 4), 1.0);  // one empty row: every table equally likely
}

TEST(Holm, StepDownAdjustment) {
  // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, max(0.04·1, 0.06) = 0.06.
  const Stat p[] = {0.01, 0.04, 0.03, 0.005, std::nullopt};
  const auto adj = HolmAdjust(p);
  EXPECT_NEAR(*adj[0], 0.03, 1e-15);
  EXPECT_NEAR(*adj[1], 0.06, 1e-15);
  EXPECT_NEAR(*adj[2], 0.06, 1e-15);
  EXPECT_NEAR(*adj[3], 0.02, 1e-15);
  EXPECT_FALSE(adj[4].has_value());
  const Stat big[] = {0.6, 0.7};
  EXPECT_DOUBLE_EQ(*HolmAdjust(big)[1], 1.0);  // capped at 1
  EXPECT_TRUE(HolmAdjust({}).empty());
}

}  // namespace
}  // namespace manyi::stats

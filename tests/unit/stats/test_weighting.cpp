// Weighting and design-based variance: Kalton & Flores-Cervantes factors, R survey apistrat, Kish.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numeric>

#include "reference_data.h"
#include "stats/descriptives.h"
#include "stats/survey_design.h"
#include "stats/weighting.h"

namespace manyi::stats {
namespace {

bool HasProblem(const WeightingResult& r, WeightingProblem::Kind kind, std::uint32_t category) {
  for (const auto& p : r.problems) {
    if (p.kind == kind && p.category == category) return true;
  }
  return false;
}

// Kalton & Flores-Cervantes (2003), J. Official Statistics 19(2), as in R survey tests/kalton.R:
// a = 1..4, b = 1..3, a varying fastest; equal starting weights (1).
constexpr int kSample[12] = {20, 50, 100, 30, 40, 140, 50, 100, 40, 310, 50, 70};
constexpr double kPopulation[12] = {80, 60, 170, 55, 40, 150, 60, 165, 55, 340, 200, 125};

struct KaltonRows {
  std::vector<std::uint32_t> cell, a, b;
};

KaltonRows MakeKalton() {
  KaltonRows r;
  for (std::uint32_t k = 0; k < 12; ++k) {
    for (int i = 0; i < kSample[k]; ++i) {
      r.cell.push_back(k);
      r.a.push_back(k % 4);
      r.b.push_back(k / 4);
    }
  }
  return r;
}

// Factor (final weight / start weight 1) of the first row of each cell, indexed [a][b].
std::array<std::array<double, 3>, 4> FactorsByCell(const KaltonRows& rows, const std::vector<double>& w) {
  std::array<std::array<double, 3>, 4> f{};
  for (std::size_t i = 0; i < w.size(); ++i) f[rows.a[i]][rows.b[i]] = w[i];
  return f;
}

TEST(Weighting, KaltonPostStratificationFactors) {
  const auto rows = MakeKalton();
  const auto r = PostStratify(rows.cell, kPopulation);
  EXPECT_TRUE(r.problems.empty());
  // Published to 2 decimals (Kalton & Flores-Cervantes 2003, Table 2; reference/README.md).
  const double expected[4][3] = {{4.00, 1.00, 1.38}, {1.20, 1.07, 1.10}, {1.70, 1.20, 4.00}, {1.83, 1.65, 1.79}};
  const auto f = FactorsByCell(rows, r.weights);
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(f[a][b], expected[a][b], 0.005 + 1e-12) << "a" << a + 1 << " b" << b + 1;
  }
  // Exact for one cell: 55/40.
  EXPECT_DOUBLE_EQ(f[0][2], 55.0 / 40.0);
  EXPECT_NEAR(std::accumulate(r.weights.begin(), r.weights.end(), 0.0), 1500.0, 1e-9);
}

TEST(Weighting, KaltonRakingFactors) {
  const auto rows = MakeKalton();
  const double aMargin[] = {175, 550, 430, 345};  // reference/README.md
  const double bMargin[] = {365, 415, 720};
  const RakingMargin margins[] = {{rows.a, aMargin}, {rows.b, bMargin}};
  const auto r = Rake(margins, {}, RakingOptions{1e-10, 200});
  EXPECT_TRUE(r.converged);
  EXPECT_LT(r.achievedTolerance, 1e-10);
  EXPECT_GT(r.iterations, 1);
  EXPECT_TRUE(r.problems.empty());
  // Published to 2 decimals (Kalton & Flores-Cervantes 2003, Table 3; reference/README.md).
  const double expected[4][3] = {{1.81, 1.45, 2.02}, {1.08, 0.87, 1.21}, {2.20, 1.76, 2.45}, {1.83, 1.47, 2.04}};
  const auto f = FactorsByCell(rows, r.weights);
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(f[a][b], expected[a][b], 0.005 + 1e-12) << "a" << a + 1 << " b" << b + 1;
  }
  // Margins met.
  double a1 = 0.0;
  for (std::size_t i = 0; i < r.weights.size(); ++i) a1 += rows.a[i] == 0 ? r.weights[i] : 0.0;
  EXPECT_NEAR(a1, 175.0, 175.0 * 1e-9);
}

TEST(Weighting, KaltonLinearCalibrationFactors) {
  // R survey tests/kalton.R output (cran/survey tests/kalton.Rout.save), Kalton & Flores-Cervantes
  // (2003) linear weighting: calibrate(dkalton, ~a+b, marginalpop) → table C; with
  // bounds = c(0.5, 2.2) (truncated linear) → the last table. Published to 2 decimals.
  const auto rows = MakeKalton();
  const double aMargin[] = {175, 550, 430, 345};
  const double bMargin[] = {365, 415, 720};
  const RakingMargin margins[] = {{rows.a, aMargin}, {rows.b, bMargin}};
  const auto linear = CalibrateLinear(margins);
  EXPECT_TRUE(linear.converged);
  EXPECT_TRUE(linear.problems.empty());
  const double tableC[4][3] = {{1.82, 1.50, 1.97}, {1.09, 0.78, 1.24}, {2.19, 1.88, 2.34}, {1.83, 1.52, 1.98}};
  const auto f = FactorsByCell(rows, linear.weights);
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 3; ++b) EXPECT_NEAR(f[a][b], tableC[a][b], 0.005 + 1e-12) << "a" << a + 1 << " b" << b + 1;
  }
  // Linear calibration is additive in a and b: g_ab = 1 + α_a + β_b, so differences across b agree.
  EXPECT_NEAR(f[0][1] - f[0][0], f[3][1] - f[3][0], 1e-12);

  const auto bounded = CalibrateLinear(margins, {}, CalibrationOptions{0.5, 2.2, 1e-10, 50});
  EXPECT_TRUE(bounded.converged);
  const double truncated[4][3] = {{1.81, 1.48, 1.99}, {1.08, 0.75, 1.26}, {2.20, 2.00, 2.20}, {1.83, 1.50, 2.00}};
  const auto t = FactorsByCell(rows, bounded.weights);
  for (int a = 0; a < 4; ++a) {
    for (int b = 0; b < 3; ++b) {
      EXPECT_NEAR(t[a][b], truncated[a][b], 0.005 + 1e-12) << "a" << a + 1 << " b" << b + 1;
      EXPECT_LE(t[a][b], 2.2 + 1e-12);
      EXPECT_GE(t[a][b], 0.5 - 1e-12);
    }
  }
  double b3 = 0.0;
  for (std::size_t i = 0; i < bounded.weights.size(); ++i) b3 += rows.b[i] == 2 ? bounded.weights[i] : 0.0;
  EXPECT_NEAR(b3, 720.0, 720.0 * 1e-9);

  const auto infeasible = CalibrateLinear(margins, {}, CalibrationOptions{0.99, 1.01, 1e-10, 50});
  EXPECT_FALSE(infeasible.converged);
  EXPECT_TRUE(HasProblem(infeasible, WeightingProblem::Kind::NotConverged, 0));
  for (double w : infeasible.weights) EXPECT_TRUE(std::isfinite(w));
}

TEST(Weighting, RakingReportsIterationLimitAndInconsistentMargins) {
  const auto rows = MakeKalton();
  const double aMargin[] = {175, 550, 430, 345};
  const double bMargin[] = {365, 415, 720};
  const RakingMargin margins[] = {{rows.a, aMargin}, {rows.b, bMargin}};
  const auto limited = Rake(margins, {}, RakingOptions{1e-14, 1});
  EXPECT_FALSE(limited.converged);
  EXPECT_EQ(limited.iterations, 1);
  EXPECT_GT(limited.achievedTolerance, 1e-6);
  EXPECT_TRUE(HasProblem(limited, WeightingProblem::Kind::NotConverged, 0));

  const double bWrong[] = {365, 415, 800};  // grand total 1580 ≠ 1500
  const RakingMargin bad[] = {{rows.a, aMargin}, {rows.b, bWrong}};
  const auto r = Rake(bad, {}, RakingOptions{1e-8, 50});
  EXPECT_TRUE(HasProblem(r, WeightingProblem::Kind::InconsistentMargins, 0));
  EXPECT_FALSE(r.converged);
  for (double w : r.weights) EXPECT_TRUE(std::isfinite(w));
}

TEST(Weighting, EmptyCellsAreReportedNotDividedByZero) {
  const std::uint32_t cells[] = {0, 0, 1};
  const double targets[] = {10, 20, 30};  // cell 2 has no sample
  const auto ps = PostStratify(cells, targets);
  EXPECT_TRUE(HasProblem(ps, WeightingProblem::Kind::EmptySampleCell, 2));
  EXPECT_DOUBLE_EQ(ps.weights[0], 5.0);
  EXPECT_DOUBLE_EQ(ps.weights[2], 20.0);

  const double zeroTarget[] = {10, 0};
  const auto z = PostStratify(std::span<const std::uint32_t>(cells), zeroTarget);
  EXPECT_TRUE(HasProblem(z, WeightingProblem::Kind::ZeroTargetCell, 1));
  EXPECT_DOUBLE_EQ(z.weights[2], 0.0);

  const std::uint32_t a[] = {0, 0, 1, 1};
  const std::uint32_t b[] = {0, 1, 0, 1};
  const double aT[] = {5, 5, 0};  // category 2 of a: no sample, target 0 → fine
  const double bT[] = {4, 3, 3};  // category 2 of b: target 3 but no sample → unreachable
  const RakingMargin m[] = {{a, aT}, {b, bT}};
  const auto r = Rake(m);
  EXPECT_TRUE(HasProblem(r, WeightingProblem::Kind::EmptySampleCell, 2));
  for (double w : r.weights) EXPECT_TRUE(std::isfinite(w));
}

TEST(Weighting, DesignWeights) {
  const std::uint32_t strata[] = {0, 0, 1, 1, 1};
  const double N[] = {10, 30, 5};
  const auto r = DesignWeights(strata, N);
  const std::vector<double> expected = {5, 5, 10, 10, 10};  // N_h / n_h
  EXPECT_EQ(r.weights, expected);
  EXPECT_TRUE(HasProblem(r, WeightingProblem::Kind::EmptySampleCell, 2));
}

TEST(Weighting, TrimmingRedistributesAndPreservesTotal) {
  std::vector<double> w(9, 1.0);
  w.push_back(11.0);  // mean 2; upper bound 3 × mean = 6
  const auto r = TrimWeights(w, TrimOptions{0.0, 3.0, true, 50});
  EXPECT_TRUE(r.converged);
  EXPECT_DOUBLE_EQ(r.weights[9], 6.0);
  for (int i = 0; i < 9; ++i) EXPECT_NEAR(r.weights[i], 1.0 + 5.0 / 9.0, 1e-12);  // excess 5 spread over 9
  EXPECT_NEAR(std::accumulate(r.weights.begin(), r.weights.end(), 0.0), 20.0, 1e-12);

  // Redistribution pushes others over the bound: needs a second round.
  const std::vector<double> w2 = {1, 1, 4, 10};  // mean 4, upper 1.5 × 4 = 6
  const auto r2 = TrimWeights(w2, TrimOptions{0.0, 1.5, true, 50});
  EXPECT_TRUE(r2.converged);
  for (double x : r2.weights) EXPECT_LE(x, 6.0 + 1e-9);
  EXPECT_NEAR(std::accumulate(r2.weights.begin(), r2.weights.end(), 0.0), 16.0, 1e-9);
  EXPECT_NEAR(r2.weights[3], 6.0, 1e-12);
  EXPECT_NEAR(r2.weights[2], 6.0, 1e-12);  // 4 grows to 4·(1+4/6) ≈ 6.67 > 6 → trimmed too
  EXPECT_NEAR(r2.weights[0], 2.0, 1e-9);   // the remaining 4 split over the two 1s

  const auto bad = TrimWeights(w2, TrimOptions{0.0, 0.5, true, 50});  // upper < mean: impossible
  EXPECT_FALSE(bad.converged);
  EXPECT_TRUE(HasProblem(bad, WeightingProblem::Kind::InfeasibleTrimBounds, 0));
}

TEST(Weighting, KishDesignEffectAndEffectiveN) {
  const double w[] = {1, 1, 2, 2};
  EXPECT_NEAR(*KishDesignEffect(w), 4.0 * 10.0 / 36.0, 1e-15);  // n Σw² / (Σw)²
  EXPECT_NEAR(*EffectiveSampleSize(w), 3.6, 1e-15);             // (Σw)² / Σw²
  const double equal[] = {3, 3, 3};
  EXPECT_DOUBLE_EQ(*KishDesignEffect(equal), 1.0);
  const double zeros[] = {0, 0};
  EXPECT_FALSE(KishDesignEffect(zeros).has_value());
  EXPECT_FALSE(EffectiveSampleSize(zeros).has_value());
  EXPECT_FALSE(KishDesignEffect({}).has_value());
}

// ---- R survey apistrat ----------------------------------------------------------------------------

struct Apistrat {
  std::vector<std::uint32_t> strata;
  std::vector<double> pw, api00, enroll;
  std::vector<double> N;  // fpc per stratum
};

Apistrat LoadApistrat() {
  const auto csv = testing::ReadCsv(testing::ReferenceDir() / "survey" / "apistrat.csv");
  Apistrat a;
  const auto stype = csv.Column("stype");
  const auto fpc = csv.Numbers("fpc");
  a.N.assign(3, 0.0);
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const std::string& s = csv.rows[i][stype];
    const std::uint32_t h = s == "E" ? 0 : (s == "H" ? 1 : 2);
    a.strata.push_back(h);
    a.N[h] = fpc[i];
  }
  a.pw = csv.Numbers("pw");
  a.api00 = csv.Numbers("api00");
  a.enroll = csv.Numbers("enroll");
  return a;
}

TEST(SurveyDesign, ApistratMeanAndTotalMatchRSurvey) {
  const auto a = LoadApistrat();
  ASSERT_EQ(a.strata.size(), 200u);
  EXPECT_EQ(a.N, (std::vector<double>{4421, 755, 1018}));
  const StratifiedDesign design{a.strata, a.pw, a.N, 3};
  // R: svydesign(id=~1, strata=~stype, weights=~pw, data=apistrat, fpc=~fpc);
  // svymean(~api00) = 662.2874, SE 9.4089 (reference/README.md).
  const auto mean = StratifiedMean(design, a.api00);
  ASSERT_TRUE(mean.estimate && mean.se);
  EXPECT_NEAR(*mean.estimate, 662.2874, 5e-5);
  EXPECT_NEAR(*mean.se, 9.4089, 5e-5);
  EXPECT_EQ(mean.n, 200u);
  // svytotal(~enroll) = 3687178, SE 114642 (printed to units; pw carries float precision here).
  const auto total = StratifiedTotal(design, a.enroll);
  ASSERT_TRUE(total.estimate && total.se);
  EXPECT_NEAR(*total.estimate, 3687178.0, 0.5);
  EXPECT_NEAR(*total.se, 114642.0, 0.5);
}

TEST(SurveyDesign, MatchesTextbookStratifiedFormulaWithExactWeights) {
  // With w = N_h/n_h exactly, the linearised variance equals Σ N_h²(1−n_h/N_h)s_h²/n_h / N²
  // (Cochran 1977 eq. 5.6; reference/README.md).
  const auto a = LoadApistrat();
  std::vector<double> n(3, 0.0), sum(3, 0.0), ss(3, 0.0);
  for (std::size_t i = 0; i < a.strata.size(); ++i) {
    n[a.strata[i]] += 1;
    sum[a.strata[i]] += a.api00[i];
  }
  for (std::size_t i = 0; i < a.strata.size(); ++i) {
    const double d = a.api00[i] - sum[a.strata[i]] / n[a.strata[i]];
    ss[a.strata[i]] += d * d;
  }
  double var = 0.0, Ntot = 0.0, est = 0.0;
  for (int h = 0; h < 3; ++h) {
    const double s2 = ss[h] / (n[h] - 1);
    var += a.N[h] * a.N[h] * (1 - n[h] / a.N[h]) * s2 / n[h];
    Ntot += a.N[h];
    est += a.N[h] * sum[h] / n[h];
  }
  std::vector<double> w;
  for (auto h : a.strata) w.push_back(a.N[h] / n[h]);
  const auto mean = StratifiedMean(StratifiedDesign{a.strata, w, a.N, 3}, a.api00);
  EXPECT_NEAR(*mean.estimate, est / Ntot, 1e-10);
  EXPECT_NEAR(*mean.se, std::sqrt(var) / Ntot, 1e-10);
}

TEST(SurveyDesign, SingleStratumWithoutFpcEqualsDescribeSe) {
  // One stratum, no FPC: the design SE is the with-replacement linearised SE of Describe (§1.1).
  const auto a = LoadApistrat();
  const std::vector<std::uint32_t> one(a.strata.size(), 0);
  const auto d = StratifiedMean(StratifiedDesign{one, a.pw, {}, 1}, a.api00);
  const Summary s = Describe(a.api00, a.pw);
  EXPECT_NEAR(*d.estimate, *s.mean, 1e-10);
  EXPECT_NEAR(*d.se, *s.se, 1e-10);
  EXPECT_LT(*d.se, 20.0);
  EXPECT_GT(*d.se, 9.4089);  // stratification and FPC make the design more precise (R: 9.4089)
}

TEST(SurveyDesign, DegenerateDesigns) {
  const std::uint32_t strata[] = {0, 1, 1};
  const double y[] = {5, 6, 8};
  const auto single = StratifiedMean(StratifiedDesign{strata, {}, {}, 2}, y);
  EXPECT_TRUE(single.estimate.has_value());
  EXPECT_FALSE(single.se.has_value());  // stratum 0 has one row: no variance estimate
  const double missing[] = {kMissingValue, kMissingValue, kMissingValue};
  const auto none = StratifiedMean(StratifiedDesign{strata, {}, {}, 2}, missing);
  EXPECT_FALSE(none.estimate.has_value());
  EXPECT_FALSE(none.se.has_value());
  EXPECT_EQ(none.n, 0u);
  const auto t = StratifiedTotal(StratifiedDesign{strata, {}, {}, 2}, missing);
  EXPECT_FALSE(t.estimate.has_value());
}

}  // namespace
}  // namespace manyi::stats

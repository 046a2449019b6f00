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
  std::vector<double> awardsYes;  // 1 = "Yes", 0 = "No"
  std::vector<double> N;          // fpc per stratum
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
  const auto awards = csv.Column("awards");
  for (const auto& row : csv.rows) a.awardsYes.push_back(row[awards] == "Yes" ? 1.0 : 0.0);
  return a;
}

// N_h / n_h exactly: the weights R survey derives from fpc alone (svydesign(fpc = ~fpc), no weights).
std::vector<double> FpcWeights(const Apistrat& a) {
  std::vector<double> n(3, 0.0);
  for (auto h : a.strata) n[h] += 1;
  std::vector<double> w;
  for (auto h : a.strata) w.push_back(a.N[h] / n[h]);
  return w;
}

void ExpectRel(Stat actual, double expected, double tol, const std::string& what) {
  ASSERT_TRUE(actual.has_value()) << what;
  EXPECT_LE(std::fabs(*actual - expected), tol * std::fabs(expected)) << what << ": got " << *actual << ", R " << expected;
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

// R survey 4.5 on R 4.6.1, full-precision outputs (15 digits) written by
// xKDR/Survey.jl @ 60f46a8a, test/r_reference/generate_fixtures.R into est_basic.csv, proportions.csv,
// domain.csv and trimweights_*.csv (not in ../shared/reference). Designs on apistrat:
//   strat_w   = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat)   (no FPC)
//   strat_fpc = svydesign(id = ~1, strata = ~stype, fpc = ~fpc, data = apistrat)    (w = N_h/n_h)

// svymean and svytotal of api00 and enroll (estimate, SE) as printed by R.
struct MeansAndTotals {
  double api00Mean, api00MeanSe, api00Total, api00TotalSe;
  double enrollMean, enrollMeanSe, enrollTotal, enrollTotalSe;
};

void ExpectMeansAndTotals(const StratifiedDesign& d, const Apistrat& a, const MeansAndTotals& r) {
  const std::pair<const std::vector<double>*, std::array<double, 4>> cases[] = {
      {&a.api00, {r.api00Mean, r.api00MeanSe, r.api00Total, r.api00TotalSe}},
      {&a.enroll, {r.enrollMean, r.enrollMeanSe, r.enrollTotal, r.enrollTotalSe}}};
  for (const auto& [values, e] : cases) {
    const std::string v = values == &a.api00 ? "api00" : "enroll";
    ExpectRel(StratifiedMean(d, *values).estimate, e[0], 1e-12, "mean " + v);
    ExpectRel(StratifiedMean(d, *values).se, e[1], 1e-11, "SE mean " + v);
    ExpectRel(StratifiedTotal(d, *values).estimate, e[2], 1e-12, "total " + v);
    ExpectRel(StratifiedTotal(d, *values).se, e[3], 1e-11, "SE total " + v);
  }
}

TEST(SurveyDesign, ApistratStratifiedWithoutFpcMatchesRSurvey) {
  // est_basic.csv, design strat_w: svymean / svytotal of api00 and enroll.
  const auto a = LoadApistrat();
  ExpectMeansAndTotals(StratifiedDesign{a.strata, a.pw, {}, 3}, a,
                       {662.287363159321, 9.53613229692516, 4102207.89961815, 59066.8030470024, 595.282137135504,
                        18.9407631197531, 3687177.53243828, 117319.085968965});
}

TEST(SurveyDesign, ApistratFpcDesignMatchesRSurveyToFullPrecision) {
  // est_basic.csv, design strat_fpc (the README's 662.2874 / 9.4089 and 3687178 / 114642, here to
  // 15 digits; weights N_h/n_h exactly instead of the float-rounded pw column).
  const auto a = LoadApistrat();
  const auto w = FpcWeights(a);
  ExpectMeansAndTotals(StratifiedDesign{a.strata, w, a.N, 3}, a,
                       {662.287363577655, 9.408940879434, 4102207.93, 58278.9798072143, 595.282131094607,
                        18.5085106862115, 3687177.52, 114641.715190394});
}

TEST(SurveyDesign, ApistratProportionsMatchRSurvey) {
  // proportions.csv: svymean(~awards) and svytotal(~awards) = indicator means / totals; svymean(~stype)
  // on the stratification variable has SE 0 (R prints 0 or ~1e−17).
  const auto a = LoadApistrat();
  const auto w = FpcWeights(a);
  std::vector<double> no(a.awardsYes.size());
  for (std::size_t i = 0; i < no.size(); ++i) no[i] = 1.0 - a.awardsYes[i];
  const StratifiedDesign fpc{a.strata, w, a.N, 3};
  ExpectRel(StratifiedMean(fpc, no).estimate, 0.36106393283823, 1e-12, "strat_fpc awards No");
  ExpectRel(StratifiedMean(fpc, a.awardsYes).estimate, 0.638936067161769, 1e-12, "strat_fpc awards Yes");
  ExpectRel(StratifiedMean(fpc, no).se, 0.0344059182016133, 1e-11, "strat_fpc SE awards No");
  ExpectRel(StratifiedMean(fpc, a.awardsYes).se, 0.0344059182016133, 1e-11, "strat_fpc SE awards Yes");
  ExpectRel(StratifiedTotal(fpc, no).estimate, 2236.43, 1e-12, "strat_fpc total No");
  ExpectRel(StratifiedTotal(fpc, no).se, 213.110257340793, 1e-11, "strat_fpc SE total No");
  ExpectRel(StratifiedTotal(fpc, a.awardsYes).estimate, 3957.57, 1e-12, "strat_fpc total Yes");
  const StratifiedDesign noFpc{a.strata, a.pw, {}, 3};
  ExpectRel(StratifiedMean(noFpc, no).estimate, 0.361063935949422, 1e-12, "strat_w awards No");
  ExpectRel(StratifiedMean(noFpc, no).se, 0.0348975177769063, 1e-11, "strat_w SE awards No");
  ExpectRel(StratifiedTotal(noFpc, no).estimate, 2236.43000411987, 1e-12, "strat_w total No");
  ExpectRel(StratifiedTotal(noFpc, no).se, 216.1552236458, 1e-11, "strat_w SE total No");
  std::vector<double> elementary;
  for (auto h : a.strata) elementary.push_back(h == 0 ? 1.0 : 0.0);
  ExpectRel(StratifiedMean(fpc, elementary).estimate, 0.713755247013237, 1e-12, "strat_fpc stype E");
  ASSERT_TRUE(StratifiedMean(fpc, elementary).se.has_value());
  EXPECT_NEAR(*StratifiedMean(fpc, elementary).se, 0.0, 1e-15);
  ExpectRel(StratifiedTotal(fpc, elementary).estimate, 4421, 1e-12, "strat_fpc total stype E");
}

TEST(SurveyDesign, ApistratDomainsMatchRSurveySvyby) {
  // domain.csv: svyby(~api00, ~awards, strat_fpc, svymean) and svytotal. A domain keeps every row
  // in the design and zeroes the others (values missing outside the domain).
  const auto a = LoadApistrat();
  const auto w = FpcWeights(a);
  const StratifiedDesign d{a.strata, w, a.N, 3};
  struct Domain {
    double yes;
    double mean, meanSe, total, totalSe;
  };
  const Domain domains[] = {{0.0, 633.734912337968, 15.3347711842501, 1417303.77, 142752.682431189},
                            {1.0, 678.422405668124, 11.8566310509714, 2684904.16, 152042.166199407}};
  for (const auto& dom : domains) {
    std::vector<double> y(a.api00.size(), kMissingValue);
    for (std::size_t i = 0; i < y.size(); ++i) {
      if (a.awardsYes[i] == dom.yes) y[i] = a.api00[i];
    }
    const std::string name = dom.yes == 1.0 ? "awards Yes" : "awards No";
    ExpectRel(StratifiedMean(d, y).estimate, dom.mean, 1e-12, name + " mean");
    ExpectRel(StratifiedMean(d, y).se, dom.meanSe, 1e-11, name + " SE mean");
    ExpectRel(StratifiedTotal(d, y).estimate, dom.total, 1e-12, name + " total");
    ExpectRel(StratifiedTotal(d, y).se, dom.totalSe, 1e-11, name + " SE total");
  }
}

TEST(SurveyDesign, TrimWeightsWithEqualSpreadMatchesRSurvey) {
  // trimweights_weights.csv / trimweights_mean.csv: trimWeights(strat_w, upper = 40). R clamps the
  // E weights (44.21) to 40 and adds the excess / (number of other weights) to every other weight:
  // H 15.1 → 19.31, M 20.36 → 24.57; then svymean(~api00) = 659.349743500561, SE 9.06119336956428.
  const auto a = LoadApistrat();
  TrimOptions opt;
  opt.relativeToMean = false;
  opt.lower = 0.0;
  opt.upper = 40.0;
  opt.spread = TrimSpread::Equal;
  const auto trimmed = TrimWeights(a.pw, opt);
  ASSERT_TRUE(trimmed.converged);
  const double expected[] = {40.0, 19.3099994659424, 24.5699996948242};  // per stratum E, H, M
  for (std::size_t i = 0; i < trimmed.weights.size(); ++i) {
    EXPECT_NEAR(trimmed.weights[i], expected[a.strata[i]], 5e-13 * 40) << "row " << i;
  }
  const StratifiedDesign d{a.strata, trimmed.weights, {}, 3};
  ExpectRel(StratifiedMean(d, a.api00).estimate, 659.349743500561, 1e-12, "trimmed mean");
  ExpectRel(StratifiedMean(d, a.api00).se, 9.06119336956428, 1e-11, "trimmed SE");
  // The proportional spread (the default) keeps H : M = 15.1 : 20.36 instead: a different estimator.
  opt.spread = TrimSpread::Proportional;
  const auto proportional = TrimWeights(a.pw, opt);
  for (std::size_t i = 0; i < a.pw.size(); ++i) {
    if (a.strata[i] != 0) EXPECT_NEAR(proportional.weights[i] / a.pw[i], 1.0 + 420.99990844727 / (50 * 15.1000003814697 + 50 * 20.3600006103516), 1e-9);
  }
}

// apiclus1 (183 schools of 15 districts; columns snum, stype, sch.wide, api00, pw of R survey's
// data(api), tests/data/reference/survey/apiclus1.csv) weighted as in R survey 4.5 by
// generate_fixtures.R of xKDR/Survey.jl @ 60f46a8a / 7394cf60 (test/r_reference):
//   postStratify(dclus1, ~stype, data.frame(stype = c("E","H","M"), Freq = c(4421, 755, 1018)))
//   rake(dclus1, list(~stype, ~sch.wide), list(that, data.frame(sch.wide = c("No","Yes"),
//        Freq = c(1072, 5122))))
// with dclus1 = svydesign(id = ~dnum, weights = ~pw, data = apiclus1). The weights do not depend
// on the clustering (the SEs do, and are not compared: Manyi has no cluster designs).
struct Apiclus1 {
  std::vector<std::uint32_t> stype, schWide;  // E/H/M = 0/1/2; No/Yes = 0/1
  std::vector<double> api00, pw;
};

Apiclus1 LoadApiclus1() {
  const auto csv = testing::ReadCsv(testing::ReferenceDir() / "survey" / "apiclus1.csv");
  Apiclus1 a;
  const auto st = csv.Column("stype"), sw = csv.Column("sch.wide");
  for (const auto& row : csv.rows) {
    a.stype.push_back(row[st] == "E" ? 0 : (row[st] == "H" ? 1 : 2));
    a.schWide.push_back(row[sw] == "Yes" ? 1 : 0);
  }
  a.api00 = csv.Numbers("api00");
  a.pw = csv.Numbers("pw");
  return a;
}

TEST(SurveyWeighting, Apiclus1PostStratificationMatchesRSurvey) {
  const auto a = LoadApiclus1();
  ASSERT_EQ(a.api00.size(), 183u);
  // Transcription check: R svymean(~api00, dclus1) = 644.169398907104 (est_basic.csv, clus1_w).
  ExpectRel(Describe(a.api00, a.pw).mean, 644.169398907104, 1e-13, "unweighted-design mean");
  const double N[] = {4421, 755, 1018};
  const auto ps = PostStratify(a.stype, N, a.pw);
  EXPECT_TRUE(ps.problems.empty());
  // R postStratify weights (poststratify_weights.csv): N_g / n_g, as pw is constant: E 4421/144,
  // H 755/14, M 1018/25.
  const double expected[] = {4421.0 / 144, 755.0 / 14, 1018.0 / 25};
  for (std::size_t i = 0; i < ps.weights.size(); ++i) {
    EXPECT_NEAR(ps.weights[i], expected[a.stype[i]], 1e-12 * expected[a.stype[i]]) << "row " << i;
  }
  // svymean(~api00, post-stratified design) = 642.310788211584 (poststratify_results.csv).
  ExpectRel(Describe(a.api00, ps.weights).mean, 642.310788211584, 1e-13, "post-stratified mean");
}

TEST(SurveyWeighting, Apiclus1RakingMatchesRSurvey) {
  const auto a = LoadApiclus1();
  const double stypeN[] = {4421, 755, 1018};
  const double schWideN[] = {1072, 5122};
  const RakingMargin margins[] = {{a.stype, stypeN}, {a.schWide, schWideN}};
  // R rake weights (rake_weights.csv), one value per stype × sch.wide cell.
  const double r[3][2] = {{39.838509410554, 29.8704638727345},
                          {67.1257826263303, 50.3301527726748},
                          {49.0700673992951, 36.7921816646831}};
  // R's rake stops when the margin totals move by less than control$epsilon = 1 (a count) between
  // sweeps: here after 4 sweeps, with the stype margin still 0.037 short for E. After the same 4
  // sweeps of iterative proportional fitting our weights are R's to rounding.
  RakingOptions four;
  four.maxIterations = 4;
  four.tolerance = 1e-15;
  const auto sweeps = Rake(margins, a.pw, four);
  EXPECT_EQ(sweeps.iterations, 4);
  for (std::size_t i = 0; i < sweeps.weights.size(); ++i) {
    const double expected = r[a.stype[i]][a.schWide[i]];
    EXPECT_NEAR(sweeps.weights[i], expected, 1e-13 * expected) << "row " << i;
  }
  // svymean(~api00, raked design) = 641.230246862208 (rake_results.csv).
  ExpectRel(Describe(a.api00, sweeps.weights).mean, 641.230246862208, 1e-13, "raked mean");
  // Run to our default tolerance, the margins are met (R's weights are 3.1e−5 away from that).
  const auto full = Rake(margins, a.pw);
  ASSERT_TRUE(full.converged);
  EXPECT_LT(full.achievedTolerance, 1e-7);
  double worst = 0.0;
  for (std::size_t i = 0; i < full.weights.size(); ++i) {
    const double expected = r[a.stype[i]][a.schWide[i]];
    worst = std::max(worst, std::fabs(full.weights[i] - expected) / expected);
  }
  EXPECT_GT(worst, 1e-5);
  EXPECT_LT(worst, 5e-5);
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

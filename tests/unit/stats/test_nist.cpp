// NIST Statistical Reference Datasets: univariate summary statistics, one-way ANOVA and linear
// regression, certified values parsed from the NIST files themselves where the files are present.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "reference_data.h"
#include "stats/descriptives.h"
#include "stats/grouped.h"
#include "stats/hypothesis.h"
#include "stats/regression.h"

namespace manyi::stats {
namespace {

using testing::ParseDouble;

// Relative error ≤ tol (the StRD "log relative error" criterion: tol = 10^−digits).
void ExpectRelative(Stat actual, double certified, double tol, const std::string& what) {
  ASSERT_TRUE(actual.has_value()) << what << " is missing";
  const double rel = certified == 0.0 ? std::fabs(*actual) : std::fabs(*actual - certified) / std::fabs(certified);
  EXPECT_LE(rel, tol) << what << ": got " << *actual << ", certified " << certified;
}

// ---- Univariate: certified mean and SD (n−1) read from the file headers -------------------------

struct UnivariateCase {
  const char* file;
  double tol;  // 15 digits for NumAcc1 and PiDigits (reference/README.md), 13 for Michelso
};

class NistUnivariateTest : public ::testing::TestWithParam<UnivariateCase> {};

TEST_P(NistUnivariateTest, MeanAndSdMatchCertifiedValues) {
  const auto& c = GetParam();
  const auto ref = testing::ReadNistUnivariate(c.file);
  ASSERT_FALSE(ref.data.empty());
  const Summary s = Describe(ref.data);
  EXPECT_EQ(s.n, ref.data.size());
  ExpectRelative(s.mean, ref.mean, c.tol, std::string(c.file) + " mean");
  ExpectRelative(s.sd, ref.sd, c.tol, std::string(c.file) + " sd");
  // Lag-1 autocorrelation, certified too; 13 digits (README asks at least 9).
  ExpectRelative(LagOneAutocorrelation(ref.data), ref.autocorrelation, 1e-13, std::string(c.file) + " r(1)");
}

TEST_P(NistUnivariateTest, GroupedEngineMatchesCertifiedValues) {
  // The one-pass grouped engine (West's update) must reach the same digits as the two-pass code.
  const auto& c = GetParam();
  const auto ref = testing::ReadNistUnivariate(c.file);
  GroupedMoments g(1, 1);
  const std::vector<std::uint32_t> groups(ref.data.size(), 0);
  g.AddColumn(0, ref.data, groups);
  const GroupedCell cell = g.Summarise(0, 0);
  EXPECT_EQ(cell.n, ref.data.size());
  ExpectRelative(cell.mean, ref.mean, c.tol, std::string(c.file) + " grouped mean");
  // One-pass updates keep 12 digits here (the README asks at least 9); the two-pass Describe keeps 13–15.
  ExpectRelative(cell.sd, ref.sd, std::max(c.tol, 1e-12), std::string(c.file) + " grouped sd");
}

INSTANTIATE_TEST_SUITE_P(Files, NistUnivariateTest,
                         ::testing::Values(UnivariateCase{"NumAcc1.txt", 1e-15}, UnivariateCase{"PiDigits.txt", 1e-14},
                                           UnivariateCase{"Michelso.txt", 1e-13}),
                         [](const auto& info) { return std::string(info.param.file).substr(0, 7); });

TEST(NistUnivariate, FilesParsedCompletely) {
  // Guards the parser: the data counts stated in the NIST headers.
  EXPECT_EQ(testing::ReadNistUnivariate("NumAcc1.txt").data.size(), 3u);
  EXPECT_EQ(testing::ReadNistUnivariate("PiDigits.txt").data.size(), 5000u);
  EXPECT_EQ(testing::ReadNistUnivariate("Michelso.txt").data.size(), 100u);
}

// ---- NumAcc2–4, built from NIST's construction ----------------------------------------------------
// NIST StRD NumAcc2/3/4: 1001 values, first c.2 then 500 pairs (c.1, c.3), with c = 1, 1000000,
// 10000000. Certified (exact by construction): mean c.2, SD 0.1. Parsed from decimal text so each
// value is the correctly rounded double, as if read from the NIST file.

std::vector<double> NumAcc(const std::string& c) {
  std::vector<double> v{ParseDouble(c + ".2")};
  for (int i = 0; i < 500; ++i) {
    v.push_back(ParseDouble(c + ".1"));
    v.push_back(ParseDouble(c + ".3"));
  }
  return v;
}

TEST(NistConstructed, NumAcc2to4) {
  struct Case {
    const char* c;
    double certifiedMean;
    double exactVarOfDoubles;  // tests/data/reference/nist/constructed_exact.py
    double certifiedTol;       // bound set by the binary representation of the input
  };
  const Case cases[] = {{"1", 1.2, 0.009999999999999995, 1e-14},
                        {"1000000", 1000000.2, 0.01000000000698492, 1e-9},
                        {"10000000", 10000000.2, 0.01000000011175871, 1e-8}};
  for (const auto& k : cases) {
    const auto data = NumAcc(k.c);
    const Summary s = Describe(data);
    ExpectRelative(s.mean, k.certifiedMean, 1e-15, std::string("NumAcc mean ") + k.c);
    ExpectRelative(s.sd, 0.1, k.certifiedTol, std::string("NumAcc sd vs certified ") + k.c);
    ExpectRelative(s.variance, k.exactVarOfDoubles, 1e-12, std::string("NumAcc var vs exact ") + k.c);
    ExpectRelative(LagOneAutocorrelation(data), -0.999, k.certifiedTol, std::string("NumAcc r(1) ") + k.c);
    GroupedMoments g(1, 1);
    g.AddColumn(0, data, std::vector<std::uint32_t>(data.size(), 0));
    ExpectRelative(g.Summarise(0, 0).sd, 0.1, k.certifiedTol, std::string("NumAcc grouped sd ") + k.c);
  }
}

TEST(NistConstructed, NaiveSumOfSquaresWouldFailNumAcc3) {
  // Shows the trap is real: the textbook one-pass formula loses the answer entirely here.
  const auto data = NumAcc("1000000");
  double s = 0.0, s2 = 0.0;
  for (double x : data) {
    s += x;
    s2 += x * x;
  }
  const double n = static_cast<double>(data.size());
  const double naiveSd = std::sqrt(std::max(0.0, (s2 - s * s / n) / (n - 1.0)));
  EXPECT_GT(std::fabs(naiveSd - 0.1) / 0.1, 1e-6);
  ExpectRelative(Describe(data).sd, 0.1, 1e-9, "two-pass sd");
}

// ---- One-way ANOVA: SiRstv and SmLs03 from the files ------------------------------------------------

void CheckAnova(const testing::NistAnova& ref, const AnovaResult& a, double tol, const std::string& name) {
  EXPECT_EQ(static_cast<double>(a.dfBetween), ref.dfBetween) << name;
  EXPECT_EQ(static_cast<double>(a.dfWithin), ref.dfWithin) << name;
  ExpectRelative(a.ssBetween, ref.ssBetween, tol, name + " SS between");
  ExpectRelative(a.ssWithin, ref.ssWithin, tol, name + " SS within");
  ExpectRelative(a.msBetween, ref.msBetween, tol, name + " MS between");
  ExpectRelative(a.msWithin, ref.msWithin, tol, name + " MS within");
  ExpectRelative(a.f, ref.f, tol, name + " F");
  ExpectRelative(a.etaSquared, ref.rSquared, tol, name + " R²");
  ExpectRelative(a.residualSd, ref.residualSd, tol, name + " residual SD");
}

TEST(NistAnova, SiRstv) {
  const auto ref = testing::ReadNistAnova("SiRstv.dat");
  ASSERT_EQ(ref.values.size(), 25u);
  CheckAnova(ref, OneWayAnova(ref.values, ref.groups, 5), 1e-10, "SiRstv");
}

TEST(NistAnova, SmLs03) {
  const auto ref = testing::ReadNistAnova("SmLs03.dat");
  ASSERT_EQ(ref.values.size(), 18009u);
  CheckAnova(ref, OneWayAnova(ref.values, ref.groups, 9), 1e-12, "SmLs03");
}

// ---- SmLs01–09, built from NIST's construction ----------------------------------------------------
// 9 treatments; treatment 1 centred on .4, even treatments on .3, odd ones (3..9) on .5; each cell
// starts with its centre, then (reps−1)/2 pairs centre−.1, centre+.1. Leading part "1", "1000000",
// "1000000000000" (lower / average / higher difficulty), reps 21, 201, 2001. Certified values:
// SS between 1.68 / 16.08 / 160.08, SS within 1.8 / 18 / 180, MS within 0.01, F 21 / 201 / 2001,
// R² 0.482758620689655 / 0.471830985915493 / 0.470712773465067, residual SD 0.1 (NIST StRD).

void SmLs(const std::string& lead, int reps, std::vector<double>& values, std::vector<std::uint32_t>& groups) {
  for (std::uint32_t g = 0; g < 9; ++g) {
    const int c = g == 0 ? 4 : (g % 2 == 1 ? 3 : 5);
    auto push = [&](int digit) {
      values.push_back(ParseDouble(lead + "." + std::to_string(digit)));
      groups.push_back(g);
    };
    push(c);
    for (int i = 0; i < (reps - 1) / 2; ++i) {
      push(c - 1);
      push(c + 1);
    }
  }
}

TEST(NistConstructed, SmLsGeneratorReproducesSmLs03File) {
  const auto ref = testing::ReadNistAnova("SmLs03.dat");
  std::vector<double> v;
  std::vector<std::uint32_t> g;
  SmLs("1", 2001, v, g);
  EXPECT_EQ(v, ref.values);
  EXPECT_EQ(g, ref.groups);
}

TEST(NistConstructed, SmLs01to09) {
  struct Case {
    const char* name;
    const char* lead;
    int reps;
    double ssb, ssw, f, r2;  // certified
    double tol;              // bound from the binary representation of the input (see docs)
    // Exact ANOVA of the binary64 inputs (constructed_exact.py), checked to 1e-10.
    double exactSsb, exactSsw, exactF;
  };
  const Case cases[] = {
      {"SmLs01", "1", 21, 1.68, 1.8, 21, 0.482758620689655, 1e-13, 1.680000000000001, 1.800000000000001, 21.0},
      {"SmLs02", "1", 201, 16.08, 18, 201, 0.471830985915493, 1e-13, 16.08000000000001, 18.00000000000001,
       201.00000000000003},
      {"SmLs03", "1", 2001, 160.08, 180, 2001, 0.470712773465067, 1e-13, 160.0800000000001, 180.00000000000009,
       2001.0000000000002},
      {"SmLs04", "1000000", 21, 1.68, 1.8, 21, 0.482758620689655, 1e-9, 1.6800000001490116, 1.8000000000931322,
       21.0000000007761},
      {"SmLs05", "1000000", 201, 16.08, 18, 201, 0.471830985915493, 1e-9, 16.080000001825393, 18.000000000931323,
       201.00000001241764},
      {"SmLs06", "1000000", 2001, 160.08, 180, 2001, 0.470712773465067, 1e-9, 160.0800000185892, 180.00000000931323,
       2001.0000001288329},
      {"SmLs07", "1000000000000", 21, 1.68, 1.8, 21, 0.482758620689655, 2e-4, 1.6801562694014696, 1.8000978373345875,
       21.00081188781877},
      {"SmLs08", "1000000000000", 201, 16.08, 18, 201, 0.471830985915493, 2e-4, 16.081914284204238, 18.00097824625708,
       201.01300409594845},
      {"SmLs09", "1000000000000", 2001, 160.08, 180, 2001, 0.470712773465067, 2e-4, 160.09949443572512,
       180.00978232919425, 2001.1349262209505},
  };
  for (const auto& c : cases) {
    std::vector<double> v;
    std::vector<std::uint32_t> g;
    SmLs(c.lead, c.reps, v, g);
    const AnovaResult a = OneWayAnova(v, g, 9);
    const std::string n = c.name;
    EXPECT_EQ(a.dfBetween, 8u) << n;
    EXPECT_EQ(a.dfWithin, static_cast<std::size_t>(9 * c.reps - 9)) << n;
    ExpectRelative(a.ssBetween, c.ssb, c.tol, n + " SSB");
    ExpectRelative(a.ssWithin, c.ssw, c.tol, n + " SSW");
    ExpectRelative(a.f, c.f, c.tol, n + " F");
    ExpectRelative(a.etaSquared, c.r2, c.tol, n + " R²");
    ExpectRelative(a.msWithin, 0.01, c.tol, n + " MSW");
    ExpectRelative(a.residualSd, 0.1, c.tol, n + " residual SD");
    ExpectRelative(a.ssBetween, c.exactSsb, 1e-10, n + " SSB vs exact");
    ExpectRelative(a.ssWithin, c.exactSsw, 1e-10, n + " SSW vs exact");
    ExpectRelative(a.f, c.exactF, 1e-10, n + " F vs exact");
  }
}

// ---- Linear regression ------------------------------------------------------------------------------

TEST(NistLinear, Norris) {
  const auto ref = testing::ReadNistLinear("Norris.dat", 1);
  ASSERT_EQ(ref.y.size(), 36u);
  ASSERT_EQ(ref.estimate.size(), 2u);
  const std::span<const double> cols[] = {ref.x[0]};
  const RegressionResult r = LinearRegression(ref.y, cols);
  ASSERT_TRUE(r.ok);
  for (std::size_t j = 0; j < 2; ++j) {
    ExpectRelative(r.coefficients[j].estimate, ref.estimate[j], 1e-12, "Norris B" + std::to_string(j));
    ExpectRelative(r.coefficients[j].se, ref.sd[j], 1e-12, "Norris SD(B" + std::to_string(j) + ")");
  }
  ExpectRelative(r.residualSd, ref.residualSd, 1e-12, "Norris residual SD");
  ExpectRelative(r.rSquared, ref.rSquared, 1e-13, "Norris R²");
  EXPECT_EQ(r.dfResidual, 34u);
}

TEST(NistLinear, Longley) {
  // Data: NIST StRD Longley.dat (16 rows, = R datasets::longley), tests/data/reference/nist/longley.csv.
  // Certified values: NIST StRD Longley (B0..B6 and their SDs, residual SD, R²).
  const auto csv = testing::ReadCsv(testing::ReferenceDir() / "nist" / "longley.csv");
  const auto y = csv.Numbers("y");
  std::vector<std::vector<double>> x;
  for (int j = 1; j <= 6; ++j) x.push_back(csv.Numbers("x" + std::to_string(j)));
  std::vector<std::span<const double>> cols(x.begin(), x.end());
  const RegressionResult r = LinearRegression(y, cols);
  ASSERT_TRUE(r.ok);
  const double b[] = {-3482258.63459582, 15.0618722713733,       -0.358191792925910E-01, -2.02022980381683,
                      -1.03322686717359, -0.511041056535807E-01, 1829.15146461355};
  const double sd[] = {890420.383607373,  84.9149257747669,  0.334910077722432E-01, 0.488399681651699,
                       0.214274163161675, 0.226073200069370, 455.478499142212};
  for (std::size_t j = 0; j < 7; ++j) {
    ExpectRelative(r.coefficients[j].estimate, b[j], 1e-9, "Longley B" + std::to_string(j));
    ExpectRelative(r.coefficients[j].se, sd[j], 1e-9, "Longley SD(B" + std::to_string(j) + ")");
  }
  ExpectRelative(r.residualSd, 304.854073561965, 1e-10, "Longley residual SD");
  ExpectRelative(r.rSquared, 0.995479004577296, 1e-12, "Longley R²");
}

}  // namespace
}  // namespace manyi::stats

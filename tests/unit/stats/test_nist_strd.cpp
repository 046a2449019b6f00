// NIST Statistical Reference Datasets beyond ../shared/reference: the linear regression sets Pontius,
// NoInt1, NoInt2, Filip and Wampler1-5, the univariate sets Lew, Lottery, Mavro and NumAcc2, and the
// ANOVA sets AtmWtAg, SmLs01, SmLs04 and SmLs07 in NIST's table layout. Every certified value is
// parsed from the NIST file itself (tests/data/reference/nist, sources in SOURCES).
//
// Accuracy is stated as NIST does, by the log relative error LRE = −log10(|x − c| / |c|) (for a
// certified c = 0: −log10 |x|), and each set asserts a minimum number of correct digits. The minima
// are the digits our double-precision code reaches with a margin, never fewer than NIST's own
// guidance for the difficulty level (about 6 for the higher-difficulty polynomial sets, 9 and more
// for the lower-difficulty ones).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "reference_data.h"
#include "stats/descriptives.h"
#include "stats/grouped.h"
#include "stats/hypothesis.h"
#include "stats/regression.h"

namespace manyi::stats {
namespace {

double Lre(double x, double certified) {
  const double err = certified == 0.0 ? std::fabs(x) : std::fabs(x - certified) / std::fabs(certified);
  if (err == 0.0) return 16.0;
  return std::min(16.0, -std::log10(err));
}

void ExpectDigits(Stat actual, double certified, double digits, const std::string& what) {
  ASSERT_TRUE(actual.has_value()) << what << " is missing";
  EXPECT_GE(Lre(*actual, certified), digits) << what << ": got " << *actual << ", certified " << certified;
}

// ---- Linear regression --------------------------------------------------------------------------

struct LinearCase {
  const char* file;
  int degree;      ///< polynomial degree in the single predictor x (1 = straight line)
  bool intercept;  ///< NoInt1/NoInt2: y = B1 x
  double coefDigits;
  double sdDigits;   ///< for certified SD = 0 (exact fits): −log10 of SE relative to |B|
  double fitDigits;  ///< residual SD and residual SS; exact fits: −log10 of residual SD / √SSreg
  double r2Digits;
};

class NistLinearStrdTest : public ::testing::TestWithParam<LinearCase> {};

TEST_P(NistLinearStrdTest, MatchesCertifiedValues) {
  const auto& c = GetParam();
  const auto ref = testing::ReadNistLinear(c.file, 1);
  ASSERT_FALSE(ref.y.empty());
  ASSERT_EQ(ref.estimate.size(), static_cast<std::size_t>(c.degree + (c.intercept ? 1 : 0))) << c.file;
  std::vector<std::vector<double>> powers(c.degree, std::vector<double>(ref.y.size()));
  for (std::size_t i = 0; i < ref.y.size(); ++i) {
    double p = 1.0;
    for (int d = 0; d < c.degree; ++d) {
      p *= ref.x[0][i];
      powers[d][i] = p;
    }
  }
  std::vector<std::span<const double>> cols(powers.begin(), powers.end());
  const RegressionResult r = LinearRegression(ref.y, cols, c.intercept);
  ASSERT_TRUE(r.ok) << c.file << ": the fit was refused";
  ASSERT_EQ(r.coefficients.size(), ref.estimate.size());
  EXPECT_EQ(static_cast<double>(r.dfResidual), ref.dfResidual) << c.file;
  const std::string name = c.file;
  for (std::size_t j = 0; j < ref.estimate.size(); ++j) {
    const std::string b = name + " B" + std::to_string(j + (c.intercept ? 0 : 1));
    ExpectDigits(r.coefficients[j].estimate, ref.estimate[j], c.coefDigits, b);
    ASSERT_TRUE(r.coefficients[j].se.has_value()) << b;
    if (ref.sd[j] == 0.0) {
      // Exact fit: the SE is rounding noise and must be negligible next to the estimate.
      EXPECT_LE(*r.coefficients[j].se, std::pow(10.0, -c.sdDigits) * std::fabs(ref.estimate[j])) << b;
    } else {
      ExpectDigits(r.coefficients[j].se, ref.sd[j], c.sdDigits, "SD(" + b + ")");
    }
  }
  if (ref.residualSd == 0.0) {
    EXPECT_LE(*r.residualSd, std::pow(10.0, -c.fitDigits) * std::sqrt(ref.ssRegression)) << name;
  } else {
    ExpectDigits(r.residualSd, ref.residualSd, c.fitDigits, name + " residual SD");
    ExpectDigits(r.rss, ref.ssResidual, c.fitDigits, name + " residual SS");
  }
  ExpectDigits(r.tss - r.rss, ref.ssRegression, c.r2Digits, name + " regression SS");
  ExpectDigits(r.rSquared, ref.rSquared, c.r2Digits, name + " R²");
}

// Digits asserted (coefficients, SDs, residual SD / SS, R² and regression SS); reached on x86-64
// (long double = 80 bits) in brackets. NIST classes: Norris, Pontius lower difficulty; NoInt1/2
// average; Filip, Wampler1-5 higher. Norris [coefficients 14.0, SDs 13.9, residual SD 14.0, R² 15.4];
// Pontius [13.5, 13.8, 13.6, 15.0]; NoInt1/2 [14.7, 14.9, 14.7, 14.9]; Filip [8.0, 7.8, 8.2, 10.7];
// Wampler1/2 exact fits [13.4; SEs below 3e−14 of |B|; residual SD below 1e−17 of √SSreg];
// Wampler3 [13.2, 12.1, 14.8, 14.7]; Wampler4 [12.4, 12.1, 14.8, 14.8]; Wampler5 [10.2, 12.1, 14.8,
// 13.0]. Without the extended-precision refinement Wampler5 reached only 6.1 digits, Wampler4 8.1.
INSTANTIATE_TEST_SUITE_P(
    Files, NistLinearStrdTest,
    ::testing::Values(LinearCase{"Norris.dat", 1, true, 13, 13, 13, 14}, LinearCase{"Pontius.dat", 2, true, 13, 13, 13, 14},
                      LinearCase{"NoInt1.dat", 1, false, 14, 14, 14, 14},
                      LinearCase{"NoInt2.dat", 1, false, 14, 14, 14, 14},
                      LinearCase{"Filip.dat", 10, true, 7.5, 7.5, 8, 10},
                      LinearCase{"Wampler1.dat", 5, true, 14, 13, 15, 14},
                      LinearCase{"Wampler2.dat", 5, true, 13, 13, 15, 14},
                      LinearCase{"Wampler3.dat", 5, true, 12.5, 11.5, 14, 14},
                      LinearCase{"Wampler4.dat", 5, true, 12, 11.5, 14, 14},
                      LinearCase{"Wampler5.dat", 5, true, 9.5, 11.5, 14, 12.5}),
    [](const auto& info) { return std::string(info.param.file).substr(0, std::string(info.param.file).find('.')); });

TEST(NistLinearStrd, FilesParsedCompletely) {
  // Observation counts stated in each header; guards the reader against skipped or extra rows.
  EXPECT_EQ(testing::ReadNistLinear("Pontius.dat", 1).y.size(), 40u);
  EXPECT_EQ(testing::ReadNistLinear("NoInt1.dat", 1).y.size(), 11u);
  EXPECT_EQ(testing::ReadNistLinear("NoInt2.dat", 1).y.size(), 3u);
  EXPECT_EQ(testing::ReadNistLinear("Filip.dat", 1).y.size(), 82u);
  EXPECT_EQ(testing::ReadNistLinear("Filip.dat", 1).estimate.size(), 11u);
  for (int k = 1; k <= 5; ++k) {
    EXPECT_EQ(testing::ReadNistLinear("Wampler" + std::to_string(k) + ".dat", 1).y.size(), 21u);
  }
}

// ---- Univariate summary statistics ----------------------------------------------------------------

struct UnivariateCase {
  const char* file;
  std::size_t n;
  double digits;  ///< mean, SD and lag-1 autocorrelation
};

class NistUnivariateStrdTest : public ::testing::TestWithParam<UnivariateCase> {};

TEST_P(NistUnivariateStrdTest, MatchesCertifiedValues) {
  const auto& c = GetParam();
  const auto ref = testing::ReadNistUnivariate(c.file);
  ASSERT_EQ(ref.data.size(), c.n);
  const Summary s = Describe(ref.data);
  ExpectDigits(s.mean, ref.mean, c.digits, std::string(c.file) + " mean");
  ExpectDigits(s.sd, ref.sd, c.digits, std::string(c.file) + " sd");
  ExpectDigits(LagOneAutocorrelation(ref.data), ref.autocorrelation, c.digits, std::string(c.file) + " r(1)");
  GroupedMoments g(1, 1);
  g.AddColumn(0, ref.data, std::vector<std::uint32_t>(ref.data.size(), 0));
  const GroupedCell cell = g.Summarise(0, 0);
  ExpectDigits(cell.mean, ref.mean, c.digits, std::string(c.file) + " grouped mean");
  ExpectDigits(cell.sd, ref.sd, std::min(c.digits, 12.0), std::string(c.file) + " grouped sd");
}

// Lew, Lottery, Mavro: lower difficulty; NumAcc2: average (NIST). Reached: Lew [mean 16, SD 15.4,
// r(1) 14.8], Lottery [15.4, 15.7, 15.0], Mavro [16, 13.1 (grouped one-pass 12.1), 13.7], NumAcc2
// [16, 15.6, 16]. Mavro's SD is 4e−4 on values near 2: one-pass sums of squares lose ~8 digits.
INSTANTIATE_TEST_SUITE_P(Files, NistUnivariateStrdTest,
                         ::testing::Values(UnivariateCase{"Lew.dat", 200, 14}, UnivariateCase{"Lottery.dat", 218, 14},
                                           UnivariateCase{"Mavro.dat", 50, 12.5}, UnivariateCase{"NumAcc2.dat", 1001, 15}),
                         [](const auto& info) {
                           return std::string(info.param.file).substr(0, std::string(info.param.file).find('.'));
                         });

// ---- One-way ANOVA in NIST's table layout --------------------------------------------------------

struct AnovaCase {
  const char* file;
  std::size_t groups;
  std::size_t n;
  double digits;
};

class NistAnovaStrdTest : public ::testing::TestWithParam<AnovaCase> {};

TEST_P(NistAnovaStrdTest, MatchesCertifiedValues) {
  const auto& c = GetParam();
  const auto ref = testing::ReadNistAnova(c.file);
  ASSERT_EQ(ref.values.size(), c.n);
  const AnovaResult a = OneWayAnova(ref.values, ref.groups, c.groups);
  const std::string n = c.file;
  EXPECT_EQ(static_cast<double>(a.dfBetween), ref.dfBetween) << n;
  EXPECT_EQ(static_cast<double>(a.dfWithin), ref.dfWithin) << n;
  ExpectDigits(a.ssBetween, ref.ssBetween, c.digits, n + " SS between");
  ExpectDigits(a.ssWithin, ref.ssWithin, c.digits, n + " SS within");
  ExpectDigits(a.msBetween, ref.msBetween, c.digits, n + " MS between");
  ExpectDigits(a.msWithin, ref.msWithin, c.digits, n + " MS within");
  ExpectDigits(a.f, ref.f, c.digits, n + " F");
  ExpectDigits(a.etaSquared, ref.rSquared, c.digits, n + " R²");
  ExpectDigits(a.residualSd, ref.residualSd, c.digits, n + " residual SD");
}

// AtmWtAg: 7 constant leading digits, average difficulty [reached 10.2]; the binary64 rounding of
// 107.868xxxx is 1e−14 absolute against deviations of 1e−5, so ~10 digits is the ceiling for double
// input. SmLs01/04/07: 1, 7 and 13 constant leading digits [15.1, 10.1, 4.0]. For SmLs07 the inputs 1000000000000.x are not representable in binary64 (spacing 1.2e−4),
// so the certified values of the decimal data are out of reach of any double computation: the exact
// ANOVA of the rounded inputs differs from them in the 4th digit (constructed_exact.py); 3.5 digits is
// what double input allows, and test_nist.cpp checks the exact values of the rounded inputs to 10.
INSTANTIATE_TEST_SUITE_P(Files, NistAnovaStrdTest,
                         ::testing::Values(AnovaCase{"AtmWtAgt.dat", 2, 48, 9.5}, AnovaCase{"SmLs01t.dat", 9, 189, 14.5},
                                           AnovaCase{"SmLs04t.dat", 9, 189, 9.5}, AnovaCase{"SmLs07t.dat", 9, 189, 3.5}),
                         [](const auto& info) {
                           return std::string(info.param.file).substr(0, std::string(info.param.file).find('.'));
                         });

}  // namespace
}  // namespace manyi::stats

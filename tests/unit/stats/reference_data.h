// Readers for the reference files in tests/data/reference (NIST StRD, CSV) used by the stats tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace manyi::stats::testing {

/// tests/data/reference, found via $MANYI_SOURCE_DIR or the compiled-in MANYI_TEST_DATA_DIR.
std::filesystem::path ReferenceDir();

/// Parses a number in the C locale (std::from_chars); throws on garbage.
double ParseDouble(std::string_view text);

/// Shortest round-trip text of a double (for test properties and messages).
std::string FormatG(double value);

/// Certified values and data of a NIST StRD univariate file (Michelso, NumAcc1, PiDigits).
struct NistUnivariate {
  double mean = 0.0;
  double sd = 0.0;
  double autocorrelation = 0.0;  ///< certified lag-1 autocorrelation r(1)
  std::vector<double> data;
};
NistUnivariate ReadNistUnivariate(const std::string& file);

/// Certified values and data of a NIST StRD one-way ANOVA file. Two layouts: "treatment value" per
/// line (SiRstv.dat, SmLs03.dat) and NIST's table layout, one column per treatment, whose file
/// names end in "t.dat" (AtmWtAgt.dat, SmLs01t.dat).
struct NistAnova {
  double dfBetween = 0, ssBetween = 0, msBetween = 0, f = 0;
  double dfWithin = 0, ssWithin = 0, msWithin = 0;
  double rSquared = 0, residualSd = 0;
  std::vector<std::uint32_t> groups;  ///< 0-based treatment codes
  std::vector<double> values;
};
NistAnova ReadNistAnova(const std::string& file);

/// Certified values and data of a NIST StRD linear regression file (Norris, Pontius, NoInt1/2,
/// Filip, Wampler1-5): the data columns y, x1..xp as in the file (polynomial terms are not expanded).
struct NistLinear {
  std::vector<double> estimate;  ///< B0, B1, ... (B1 only for the no-intercept models)
  std::vector<double> sd;        ///< their standard deviations
  double residualSd = 0.0;
  double rSquared = 0.0;
  double dfRegression = 0.0, ssRegression = 0.0;  ///< certified analysis of variance table
  double dfResidual = 0.0, ssResidual = 0.0;
  std::vector<double> y;
  std::vector<std::vector<double>> x;  ///< one vector per predictor
};
NistLinear ReadNistLinear(const std::string& file, std::size_t predictors);

/// A CSV file with a header row; fields may be double-quoted.
struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t Column(const std::string& name) const;
  /// Column as numbers; "NA" or empty become the missing sentinel.
  std::vector<double> Numbers(const std::string& name) const;
};
Csv ReadCsv(const std::filesystem::path& path);

}  // namespace manyi::stats::testing

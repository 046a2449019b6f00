// Hypothesis tests and effect sizes: Welch t, one-way ANOVA, Kruskal–Wallis, chi-square, Fisher, Holm.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/common.h"
#include "stats/descriptives.h"

namespace manyi::stats {

/// Welch's unequal-variance t-test of mean(x) − mean(y).
struct TTestResult {
  Stat difference;  ///< mean(x) − mean(y)
  Stat se;          ///< √(s_x²/n_x + s_y²/n_y)
  Stat t;
  Stat df;       ///< Welch–Satterthwaite degrees of freedom
  Stat p;        ///< two-sided
  Stat ciLower;  ///< difference ± t(1−α/2, df) · se
  Stat ciUpper;
  Stat cohensD;  ///< difference / pooled SD (n−1 pooling)
};

/// Welch t-test from two samples (missing values skipped); needs n ≥ 2 in each and a positive SE.
TTestResult WelchTTest(std::span<const double> x, std::span<const double> y, double confidence = 0.95);

/// Welch t-test from summaries (mean, variance with n−1, n) of two groups.
TTestResult WelchTTest(const Summary& x, const Summary& y, double confidence = 0.95);

/// Cohen's d = (x̄ − ȳ) / s_pooled, s_pooled² = ((n_x−1)s_x² + (n_y−1)s_y²)/(n_x+n_y−2).
Stat CohensD(std::span<const double> x, std::span<const double> y);

/// One-way analysis of variance; empty groups are ignored.
struct AnovaResult {
  std::size_t groups = 0;     ///< non-empty groups k
  std::size_t n = 0;          ///< observations N
  double ssBetween = 0.0;     ///< Σ n_g (x̄_g − x̄)²
  double ssWithin = 0.0;      ///< Σ (x − x̄_g)²
  std::size_t dfBetween = 0;  ///< k − 1
  std::size_t dfWithin = 0;   ///< N − k
  Stat msBetween;
  Stat msWithin;
  Stat f;
  Stat p;
  Stat etaSquared;  ///< R² = SSB / (SSB + SSW)
  Stat residualSd;  ///< √MSW
};

/// One-way ANOVA with group codes 0..groupCount−1 (kNoGroup or missing values skipped); group means
/// by the corrected two-pass algorithm so NIST SmLs and SiRstv pass.
AnovaResult OneWayAnova(std::span<const double> values, std::span<const std::uint32_t> groups, std::size_t groupCount);

/// Kruskal–Wallis rank-sum test.
struct KruskalWallisResult {
  std::size_t groups = 0;
  std::size_t n = 0;
  Stat h;                    ///< tie-corrected statistic
  std::size_t df = 0;        ///< k − 1
  Stat p;                    ///< chi-squared approximation
  double tieCorrection = 1;  ///< C = 1 − Σ(t³ − t)/(N³ − N)
};

/// Kruskal–Wallis test, midranks for ties, H divided by the tie correction (Hollander & Wolfe 1973).
KruskalWallisResult KruskalWallis(std::span<const double> values, std::span<const std::uint32_t> groups,
                                  std::size_t groupCount);

/// Pearson chi-square test result.
struct ChiSquareResult {
  Stat statistic;
  std::size_t df = 0;
  Stat p;
  bool yates = false;            ///< continuity correction applied
  std::vector<double> expected;  ///< same layout as the observed table
  Stat cramersV;                 ///< √(X²/(n·(min(r,c)−1))) from the uncorrected X²
  double n = 0.0;                ///< table total
  Stat minExpected;              ///< smallest expected count; below 5 (Cochran 1954) prefer Fisher for 2 × 2
};

/// Contingency table of two coded variables (codes 0..rows−1 and 0..cols−1; rows where either code
/// is kNoGroup are skipped), row-major, summing weights (counts when unweighted).
std::vector<double> CrossTabulate(std::span<const std::uint32_t> rowCodes, std::span<const std::uint32_t> colCodes,
                                  std::size_t rows, std::size_t cols, Weights weights = {});

/// Chi-square test of independence of an r × c table (row-major counts, may be weighted). Rows or
/// columns with a zero margin are left out (reducing df). With yatesFor2x2, a 2 × 2 table gets
/// Yates' correction |O − E| − min(0.5, |O − E|), as R chisq.test.
ChiSquareResult ChiSquareIndependence(std::span<const double> table, std::size_t rows, std::size_t cols,
                                      bool yatesFor2x2 = true);

/// Chi-square goodness of fit; probabilities default to equal and are rescaled to sum to 1.
ChiSquareResult ChiSquareGoodnessOfFit(std::span<const double> observed, std::span<const double> probabilities = {});

/// Cramér's V from an (uncorrected) chi-square statistic, table total and dimensions.
Stat CramersV(double chiSquare, double n, std::size_t rows, std::size_t cols);

/// Fisher's exact test of a 2 × 2 table [[a, b], [c, d]]: two-sided p-value as R fisher.test, the sum
/// of hypergeometric probabilities ≤ P(observed) · (1 + 1e−7).
Stat FisherExact2x2(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d);

/// Holm (1979) step-down adjustment; missing p-values stay missing and do not count in m.
std::vector<Stat> HolmAdjust(std::span<const Stat> pValues);

}  // namespace manyi::stats

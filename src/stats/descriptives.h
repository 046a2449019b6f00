// Descriptive statistics of one variable: counts, mean, SD, SE, percentiles, frequencies, box shares.
#pragma once

#include <cstddef>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Moments of one variable. Rows with a missing value or a zero weight are not counted.
struct Summary {
  std::size_t n = 0;        ///< unweighted count of valid observations (positive weight)
  double sumWeights = 0.0;  ///< Σw of the valid observations (= n when unweighted)
  bool weighted = false;    ///< true when weights were given
  Stat mean;                ///< Σwx / Σw
  Stat variance;            ///< n/(n−1) · Σw(x−x̄)²/Σw; the n−1 sample variance when unweighted
  Stat sd;                  ///< √variance
  Stat se;                  ///< SE of the mean: √(n/(n−1) · Σw²(x−x̄)²) / Σw; s/√n when unweighted
};

/// Mean, SD (n−1) and SE of the mean; two-pass with correction term (Chan, Golub & LeVeque 1983),
/// so NIST StRD NumAcc1–4 pass. Weights must be finite and ≥ 0 (std::invalid_argument otherwise).
Summary Describe(std::span<const double> values, Weights weights = {});

/// Lag-1 autocorrelation r(1) = Σ_{i≥2}(y_i − ȳ)(y_{i−1} − ȳ) / Σ(y_i − ȳ)² (NIST StRD univariate
/// definition); unweighted, on the values in order; missing with n < 2, a missing value, or zero variance.
Stat LagOneAutocorrelation(std::span<const double> values);

/// Percentile p ∈ [0, 1]. Unweighted: R quantile type 7 (linear interpolation between order
/// statistics, h = (n−1)p). Weighted: inverse of the weighted empirical CDF, averaging the two
/// neighbours where the cumulative weight share equals p exactly (R type 2 when weights are equal).
Stat Percentile(std::span<const double> values, double p, Weights weights = {});

/// Several percentiles at once (one sort).
std::vector<Stat> Percentiles(std::span<const double> values, std::span<const double> ps, Weights weights = {});

/// Median: Percentile(values, 0.5).
Stat Median(std::span<const double> values, Weights weights = {});

/// One row of a frequency table.
struct FrequencyRow {
  double value = 0.0;          ///< the code or value
  std::size_t count = 0;       ///< unweighted count
  double weightedCount = 0.0;  ///< Σw (= count when unweighted)
  double percent = 0.0;        ///< 100 · weightedCount / Σw of valid rows
  double cumulativePercent = 0.0;
};

/// Frequency table over the distinct valid values, ascending.
struct FrequencyTable {
  std::vector<FrequencyRow> rows;
  std::size_t nValid = 0;    ///< rows with a value and a positive weight
  std::size_t nMissing = 0;  ///< rows with a missing value
  double sumWeights = 0.0;   ///< Σw over valid rows
  bool weighted = false;
};

/// Frequency table with percentages of the valid (non-missing, positive-weight) rows.
FrequencyTable Frequencies(std::span<const double> values, Weights weights = {});

/// A share of the valid rows with its counts.
struct Share {
  std::size_t n = 0;        ///< valid rows (denominator, unweighted)
  double sumWeights = 0.0;  ///< Σw of valid rows (denominator)
  double hitWeights = 0.0;  ///< Σw of rows counted as hits
  double effectiveN = 0.0;  ///< Kish (Σw)²/Σw² of valid rows (= n unweighted), for WilsonInterval
  Stat proportion;          ///< hitWeights / sumWeights, in [0, 1]; missing when no valid row
};

/// Share of valid values in [low, high] (weighted when weights are given).
Share BoxShare(std::span<const double> values, double low, double high, Weights weights = {});

/// Top-k box: share of valid values ≥ scaleMax − k + 1 (top-2 box of 1–5 is the share of 4 and 5).
Share TopBox(std::span<const double> values, double scaleMax, int k = 2, Weights weights = {});

/// Bottom-k box: share of valid values ≤ scaleMin + k − 1.
Share BottomBox(std::span<const double> values, double scaleMin, int k = 2, Weights weights = {});

/// Throws std::invalid_argument unless weights are empty or the same length as values, finite, ≥ 0.
void CheckWeights(std::size_t rows, Weights weights);

}  // namespace manyi::stats

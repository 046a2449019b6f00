// Survey weights: design weights, post-stratification, raking, trimming, Kish design effect.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Something a weighting step could not do exactly; reported, never divided by zero.
struct WeightingProblem {
  enum class Kind {
    EmptySampleCell,       ///< a cell/category has a positive target but no sample weight: cannot be met
    ZeroTargetCell,        ///< sample rows fall in a cell whose target is 0: their weights become 0
    InconsistentMargins,   ///< raking margins have different grand totals: exact convergence impossible
    NotConverged,          ///< iteration limit reached before the tolerance
    InfeasibleTrimBounds,  ///< trimming bounds cannot hold together with the preserved weight total
  };
  Kind kind;
  std::size_t margin = 0;      ///< index of the margin (raking) or 0
  std::uint32_t category = 0;  ///< cell or category code concerned
};

/// Result of a weighting step. `weights` has one entry per input row.
struct WeightingResult {
  std::vector<double> weights;
  std::vector<WeightingProblem> problems;
  int iterations = 0;              ///< raking sweeps or trimming rounds done
  double achievedTolerance = 0.0;  ///< largest relative margin/bound discrepancy left
  bool converged = true;
};

/// Design weights of a stratified simple random sample: w = N_h / n_h for a row in stratum h.
/// A stratum with N_h > 0 and no sampled row is reported (EmptySampleCell).
WeightingResult DesignWeights(std::span<const std::uint32_t> strata, std::span<const double> populationSizes);

/// Post-stratification: w ← w · N_g / N̂_g with N̂_g = Σ w over the sample rows of cell g.
/// Cells with N_g > 0 and N̂_g = 0 are reported and left out (no division by zero); rows of cells
/// with N_g = 0 get weight 0 and are reported. Codes must be < populationTotals.size().
WeightingResult PostStratify(std::span<const std::uint32_t> cells, std::span<const double> populationTotals,
                             Weights baseWeights = {});

/// One raking margin: a category code per row and the population total per category.
struct RakingMargin {
  std::span<const std::uint32_t> codes;
  std::span<const double> targets;
};

/// Tolerance and iteration limit of raking.
struct RakingOptions {
  double tolerance = 1e-7;  ///< stop when max |N̂_c − N_c| / N_c over all margins is below this
  int maxIterations = 100;  ///< full sweeps over the margins
};

/// Raking (iterative proportional fitting, Deming & Stephan 1940) to several margins.
/// Reports iterations, the achieved relative tolerance and convergence; categories that cannot be
/// met are reported and excluded from the tolerance.
WeightingResult Rake(std::span<const RakingMargin> margins, Weights baseWeights = {}, RakingOptions options = {});

/// Options of linear calibration.
struct CalibrationOptions {
  std::optional<double> lowerBound;  ///< lower bound L on g = w/d (truncated linear calibration)
  std::optional<double> upperBound;  ///< upper bound U on g
  double tolerance = 1e-10;          ///< max |N̂_c − N_c| / N_c at convergence
  int maxIterations = 50;            ///< Newton steps (one suffices without bounds)
};

/// Linear calibration (GREG; Deville & Särndal 1992) of base weights d to the totals of several
/// margins: w_i = d_i g_i, g_i = 1 + x_iᵀλ, x_i the category indicators (the first category of every
/// margin after the first is implied by the grand total), λ solving Σ d_i x_i x_iᵀ λ = T − Σ d_i x_i.
/// With bounds, g_i = min(U, max(L, 1 + x_iᵀλ)) and λ is found by Newton steps on the units inside the
/// bounds (R survey::calibrate(calfun = "linear", bounds = c(L, U))). Weights may become negative
/// without bounds — that is the estimator. Problems are reported as for raking.
WeightingResult CalibrateLinear(std::span<const RakingMargin> margins, Weights baseWeights = {},
                                CalibrationOptions options = {});

/// How trimming hands the trimmed amount back to the weights inside the bounds.
enum class TrimSpread {
  Proportional,  ///< in proportion to each weight (the ratio between untrimmed weights is kept)
  Equal,         ///< the same amount to each (R survey::trimWeights: excess / number of weights inside)
};

/// Trimming bounds, as multiples of the mean weight (relative) or in weight units (absolute).
struct TrimOptions {
  double lower = 0.0;
  double upper = 5.0;
  bool relativeToMean = true;
  int maxIterations = 50;
  TrimSpread spread = TrimSpread::Proportional;
};

/// Trims weights into [lower, upper] and redistributes the trimmed amount over the untrimmed
/// weights (proportionally, or equally as R survey) so Σw is preserved; repeats until every weight
/// is within bounds (R trimWeights(strict = TRUE)).
WeightingResult TrimWeights(Weights weights, TrimOptions options);

/// Kish design effect due to unequal weights: deff = n Σw² / (Σw)² (rows with w > 0).
Stat KishDesignEffect(Weights weights);

/// Kish effective sample size: (Σw)² / Σw².
Stat EffectiveSampleSize(Weights weights);

}  // namespace manyi::stats

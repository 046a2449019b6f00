// Linear regression (OLS/WLS by Householder QR) and Johnson's relative weights for driver analysis.
#pragma once

#include <cstddef>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Predictor columns: one span of N values per predictor.
using Columns = std::span<const std::span<const double>>;

/// One regression coefficient with its standard error, t and two-sided p-value (df = n − p).
struct Coefficient {
  double estimate = 0.0;
  Stat se;
  Stat t;
  Stat p;
};

/// Result of a linear regression; `ok` is false (everything missing) when the fit is undefined:
/// fewer complete rows than coefficients, or collinear predictors (rankDeficient).
struct RegressionResult {
  bool ok = false;
  bool rankDeficient = false;
  bool intercept = true;
  bool weighted = false;
  std::size_t n = 0;                      ///< complete rows used (listwise deletion)
  std::size_t dfResidual = 0;             ///< n − number of coefficients
  std::vector<Coefficient> coefficients;  ///< intercept first (if any), then one per predictor
  double rss = 0.0;                       ///< Σw e²
  double tss = 0.0;                       ///< Σw (y − ȳ)², or Σw y² without intercept (as R lm)
  Stat rSquared;
  Stat adjustedRSquared;
  Stat residualSd;  ///< √(RSS / (n − p))
  Stat f;           ///< overall F test of the predictors
  Stat fP;
};

/// Least squares y = b0 + Σ b_j x_j by Householder QR on the centred data (NIST StRD Norris and
/// Longley to the certified digits). Rows with any missing value are dropped. With weights it is
/// weighted least squares (as R lm(weights = w)): SEs are model-based, not design-based.
RegressionResult LinearRegression(std::span<const double> y, Columns predictors, bool intercept = true,
                                  Weights weights = {});

/// Johnson's (2000) relative weights: share of R² attributable to each predictor.
struct RelativeWeightsResult {
  bool ok = false;
  std::size_t n = 0;
  Stat rSquared;                ///< = Σ raw weights = R² of the regression
  std::vector<double> raw;      ///< ε_j, sums to R²
  std::vector<double> percent;  ///< 100 ε_j / R²
};

/// Relative weights from the correlation matrix of the complete rows: R_xx = VΛVᵀ,
/// Λ½ = V diag(√λ) Vᵀ, β = Λ½⁻¹ r_xy, ε_j = Σ_k (Λ½)_jk² β_k² (Johnson 2000, J. Multivariate
/// Behavioral Research 35(1)). Missing (ok = false) when R_xx is singular or a variable is constant.
RelativeWeightsResult RelativeWeights(std::span<const double> y, Columns predictors, Weights weights = {});

}  // namespace manyi::stats

// Design-based estimates under stratified simple random sampling with finite-population correction.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// A stratified single-stage design: stratum code per row (0..H−1), sampling weight per row and,
/// optionally, the population size N_h of each stratum for the finite-population correction.
struct StratifiedDesign {
  std::span<const std::uint32_t> strata;
  Weights weights;                          ///< sampling weights (> 0); empty = all 1
  std::span<const double> populationSizes;  ///< N_h per stratum; empty = no FPC (with replacement)
  std::size_t strataCount = 0;              ///< H; 0 = 1 + the largest code
};

/// A design-based estimate with its linearised standard error.
struct DesignEstimate {
  Stat estimate;
  Stat se;                  ///< missing when a stratum with data has a single row
  std::size_t n = 0;        ///< rows with a value
  double sumWeights = 0.0;  ///< Σw of rows with a value
  bool weighted = true;
};

/// Weighted mean (ratio estimator Σwy/Σw) with Taylor-linearised SE under stratified SRS with FPC,
/// as R survey::svymean: Var = Σ_h (1 − n_h/N_h) n_h/(n_h−1) Σ_i (z_hi − z̄_h)², z = w(y − ȳ)/Σw.
/// Rows with a missing value stay in the design with z = 0 (domain estimation, as survey's na.rm).
DesignEstimate StratifiedMean(const StratifiedDesign& design, std::span<const double> values);

/// Weighted total Σwy with SE as R survey::svytotal (same variance with z = w·y).
DesignEstimate StratifiedTotal(const StratifiedDesign& design, std::span<const double> values);

}  // namespace manyi::stats

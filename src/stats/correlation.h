// Pearson correlations and correlation matrices with pairwise or listwise deletion of missing values.
#pragma once

#include <cstddef>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// How rows with missing values are handled in a correlation matrix.
enum class MissingPolicy {
  Pairwise,  ///< each pair uses the rows where both variables are present (R use="pairwise.complete.obs")
  Listwise,  ///< only rows where every variable is present (R use="complete.obs")
};

/// Pearson correlation r = Σw(x−x̄)(y−ȳ) / √(Σw(x−x̄)² Σw(y−ȳ)²) over rows where both are present;
/// missing when fewer than 2 rows or a variable is constant.
Stat PearsonCorrelation(std::span<const double> x, std::span<const double> y, Weights weights = {});

/// A symmetric k × k correlation matrix with the n behind each entry.
struct CorrelationMatrix {
  std::size_t k = 0;
  std::vector<Stat> r;         ///< row-major k × k; diagonal 1 when the variable varies
  std::vector<std::size_t> n;  ///< row-major k × k; rows used for each pair
  MissingPolicy policy = MissingPolicy::Pairwise;

  Stat At(std::size_t i, std::size_t j) const { return r[i * k + j]; }
  std::size_t NAt(std::size_t i, std::size_t j) const { return n[i * k + j]; }
};

/// Correlation matrix of the columns (all the same length).
CorrelationMatrix Correlations(std::span<const std::span<const double>> columns, MissingPolicy policy,
                               Weights weights = {});

}  // namespace manyi::stats

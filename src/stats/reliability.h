// Scale reliability: Cronbach's alpha (raw and standardised), item–total correlations, alpha if deleted.
#pragma once

#include <cstddef>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Reliability of a k-item scale computed on the rows where every item is present (listwise).
struct ReliabilityResult {
  std::size_t n = 0;       ///< complete rows
  std::size_t k = 0;       ///< items
  Stat alpha;              ///< raw: k/(k−1) · (1 − Σ s_i² / s_T²), covariances with n−1
  Stat alphaStandardised;  ///< k r̄ / (1 + (k−1) r̄), r̄ = mean inter-item correlation
  Stat meanInterItemCorrelation;
  std::vector<Stat> itemTotal;           ///< corr(item, total)
  std::vector<Stat> itemTotalCorrected;  ///< corr(item, total − item)
  std::vector<Stat> alphaIfDeleted;      ///< raw alpha of the other k−1 items (missing when k < 3)
};

/// Cronbach (1951) alpha and item analysis; items as equal-length columns, optional row weights
/// (weighted covariances, scale-free). Missing where undefined (n < 2, k < 2, zero variance).
ReliabilityResult CronbachAlpha(std::span<const std::span<const double>> items, Weights weights = {});

}  // namespace manyi::stats

// What a satisfaction study does with an estimated PLS path model: the importance–performance map
// (IPMA) of a target construct and the permutation test of differences between two groups
// (multi-group analysis, e.g. region A vs region B).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "stats/pls.h"
#include "stats/satisfaction.h"

namespace manyi::stats {

/// One driver of the IPMA: importance = total effect on the target (standardised, as plspm's
/// effects), performance = the driver's 0–100 index.
struct PlsIpmaRow {
  std::size_t latent = 0;
  double importance = 0.0;
  Stat performance;
  std::optional<Quadrant> quadrant;  ///< cut at the mean importance and mean performance of the drivers
};

struct PlsIpmaResult {
  std::size_t target = 0;
  double importanceCut = 0.0;
  double performanceCut = 0.0;
  std::vector<PlsIpmaRow> drivers;  ///< every earlier latent variable with a non-zero total effect
};

/// IPMA of `target` from an estimated result (empty when the result is not Ok).
PlsIpmaResult PlsIpma(const PlsResult& result, std::size_t target);

/// A parameter compared between two groups: estimates, difference A − B and the permutation p-value
/// (1 + #{|d*| ≥ |d|}) / (1 + permutations that succeeded), two-sided.
struct PlsGroupDifference {
  Stat a;
  Stat b;
  Stat difference;
  Stat p;
};

struct PlsGroupComparison {
  PlsStatus statusA = PlsStatus::InvalidModel;  ///< estimation in group A
  PlsStatus statusB = PlsStatus::InvalidModel;
  std::size_t nA = 0;  ///< complete rows of each group
  std::size_t nB = 0;
  std::size_t permutations = 0;  ///< permutations in which both groups were estimated
  std::size_t failed = 0;        ///< permutations left out (non-convergence, a constant item…)
  std::vector<PlsGroupDifference> paths;    ///< per PlsModel::paths
  std::vector<PlsGroupDifference> indices;  ///< 0–100 index per latent variable
  std::vector<PlsGroupDifference> rSquared;  ///< per latent variable
  bool Ok() const { return statusA == PlsStatus::Ok && statusB == PlsStatus::Ok; }
};

struct PlsPermutationOptions {
  std::size_t permutations = 1000;
  std::uint64_t seed = 1;  ///< same seed, same data → same p-values, whatever the thread count
  unsigned threads = 1;    ///< 0 = one per hardware thread
};

/// Permutation test of two groups (Chin & Dibbern 2010): the model is estimated in each group; then
/// the group labels of the complete rows are shuffled `permutations` times and the model re-estimated
/// in the two pseudo-groups. `group[i]` is 0 (A), 1 (B) or anything else (row left out).
PlsGroupComparison ComparePlsGroups(Columns data, const PlsModel& model, const PlsOptions& options,
                                    std::span<const std::uint8_t> group, const PlsPermutationOptions& permutation = {});

}  // namespace manyi::stats

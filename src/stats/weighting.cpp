// Survey weights; formulas and sources in docs/statistics.md §2.
#include "stats/weighting.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "stats/descriptives.h"

namespace manyi::stats {

namespace {

std::vector<double> StartWeights(std::size_t rows, Weights base) {
  CheckWeights(rows, base);
  if (base.empty()) return std::vector<double>(rows, 1.0);
  return std::vector<double>(base.begin(), base.end());
}

void CheckCodes(std::span<const std::uint32_t> codes, std::size_t categories, const char* what) {
  for (std::uint32_t c : codes) {
    if (c >= categories) throw std::out_of_range(std::string(what) + ": category code out of range");
  }
}

void CheckTargets(std::span<const double> targets, const char* what) {
  for (double t : targets) {
    if (!std::isfinite(t) || t < 0.0) throw std::invalid_argument(std::string(what) + ": negative or non-finite total");
  }
}

}  // namespace

WeightingResult DesignWeights(std::span<const std::uint32_t> strata, std::span<const double> populationSizes) {
  CheckCodes(strata, populationSizes.size(), "DesignWeights");
  CheckTargets(populationSizes, "DesignWeights");
  std::vector<std::size_t> counts(populationSizes.size(), 0);
  for (std::uint32_t h : strata) ++counts[h];
  WeightingResult result;
  result.weights.resize(strata.size());
  for (std::size_t i = 0; i < strata.size(); ++i) {
    result.weights[i] = populationSizes[strata[i]] / static_cast<double>(counts[strata[i]]);
  }
  for (std::size_t h = 0; h < counts.size(); ++h) {
    if (counts[h] == 0 && populationSizes[h] > 0.0) {
      result.problems.push_back({WeightingProblem::Kind::EmptySampleCell, 0, static_cast<std::uint32_t>(h)});
    }
  }
  return result;
}

WeightingResult PostStratify(std::span<const std::uint32_t> cells, std::span<const double> populationTotals,
                             Weights baseWeights) {
  CheckCodes(cells, populationTotals.size(), "PostStratify");
  CheckTargets(populationTotals, "PostStratify");
  WeightingResult result;
  result.weights = StartWeights(cells.size(), baseWeights);
  std::vector<double> sampleTotals(populationTotals.size(), 0.0);
  for (std::size_t i = 0; i < cells.size(); ++i) sampleTotals[cells[i]] += result.weights[i];
  std::vector<double> factor(populationTotals.size(), 1.0);
  for (std::size_t g = 0; g < populationTotals.size(); ++g) {
    if (sampleTotals[g] > 0.0) {
      factor[g] = populationTotals[g] / sampleTotals[g];
      if (populationTotals[g] == 0.0) {
        result.problems.push_back({WeightingProblem::Kind::ZeroTargetCell, 0, static_cast<std::uint32_t>(g)});
      }
    } else if (populationTotals[g] > 0.0) {
      result.problems.push_back({WeightingProblem::Kind::EmptySampleCell, 0, static_cast<std::uint32_t>(g)});
    }
  }
  for (std::size_t i = 0; i < cells.size(); ++i) result.weights[i] *= factor[cells[i]];
  result.iterations = 1;
  return result;
}

WeightingResult Rake(std::span<const RakingMargin> margins, Weights baseWeights, RakingOptions options) {
  if (margins.empty()) throw std::invalid_argument("Rake: no margins");
  const std::size_t rows = margins.front().codes.size();
  for (const auto& m : margins) {
    if (m.codes.size() != rows) throw std::invalid_argument("Rake: margins differ in length");
    CheckCodes(m.codes, m.targets.size(), "Rake");
    CheckTargets(m.targets, "Rake");
  }
  WeightingResult result;
  result.weights = StartWeights(rows, baseWeights);
  auto& w = result.weights;

  // Grand totals of all margins must agree, or no weights can meet every margin.
  double firstTotal = 0.0;
  for (double t : margins.front().targets) firstTotal += t;
  for (std::size_t m = 1; m < margins.size(); ++m) {
    double total = 0.0;
    for (double t : margins[m].targets) total += t;
    if (std::fabs(total - firstTotal) > 1e-9 * std::max(1.0, firstTotal)) {
      result.problems.push_back({WeightingProblem::Kind::InconsistentMargins, m, 0});
    }
  }

  // Categories with a positive target and no sample (or zero-target categories with sample) are
  // structural: detect them once from the start weights (raking never creates or revives weight).
  std::vector<std::vector<bool>> unreachable(margins.size());
  for (std::size_t m = 0; m < margins.size(); ++m) {
    std::vector<double> totals(margins[m].targets.size(), 0.0);
    for (std::size_t i = 0; i < rows; ++i) totals[margins[m].codes[i]] += w[i];
    unreachable[m].assign(totals.size(), false);
    for (std::size_t c = 0; c < totals.size(); ++c) {
      if (totals[c] == 0.0 && margins[m].targets[c] > 0.0) {
        unreachable[m][c] = true;
        result.problems.push_back({WeightingProblem::Kind::EmptySampleCell, m, static_cast<std::uint32_t>(c)});
      } else if (totals[c] > 0.0 && margins[m].targets[c] == 0.0) {
        result.problems.push_back({WeightingProblem::Kind::ZeroTargetCell, m, static_cast<std::uint32_t>(c)});
      }
    }
  }

  std::vector<double> totals;
  auto discrepancy = [&]() {
    double worst = 0.0;
    for (std::size_t m = 0; m < margins.size(); ++m) {
      totals.assign(margins[m].targets.size(), 0.0);
      for (std::size_t i = 0; i < rows; ++i) totals[margins[m].codes[i]] += w[i];
      for (std::size_t c = 0; c < totals.size(); ++c) {
        const double target = margins[m].targets[c];
        if (unreachable[m][c] || target == 0.0) continue;
        worst = std::max(worst, std::fabs(totals[c] - target) / target);
      }
    }
    return worst;
  };

  result.converged = false;
  result.achievedTolerance = discrepancy();
  if (result.achievedTolerance < options.tolerance) result.converged = true;
  while (!result.converged && result.iterations < options.maxIterations) {
    for (std::size_t m = 0; m < margins.size(); ++m) {
      totals.assign(margins[m].targets.size(), 0.0);
      for (std::size_t i = 0; i < rows; ++i) totals[margins[m].codes[i]] += w[i];
      std::vector<double> factor(totals.size(), 1.0);
      for (std::size_t c = 0; c < totals.size(); ++c) {
        if (totals[c] > 0.0) factor[c] = margins[m].targets[c] / totals[c];
      }
      for (std::size_t i = 0; i < rows; ++i) w[i] *= factor[margins[m].codes[i]];
    }
    ++result.iterations;
    result.achievedTolerance = discrepancy();
    result.converged = result.achievedTolerance < options.tolerance;
  }
  if (!result.converged) result.problems.push_back({WeightingProblem::Kind::NotConverged, 0, 0});
  return result;
}

WeightingResult TrimWeights(Weights weights, TrimOptions options) {
  CheckWeights(weights.size(), weights);
  WeightingResult result;
  result.weights.assign(weights.begin(), weights.end());
  auto& w = result.weights;
  std::size_t positive = 0;
  double total = 0.0;
  for (double x : w) {
    if (x > 0.0) {
      ++positive;
      total += x;
    }
  }
  if (positive == 0) return result;
  const double scale = options.relativeToMean ? total / static_cast<double>(positive) : 1.0;
  const double lower = options.lower * scale;
  const double upper = options.upper * scale;
  if (!(lower <= upper) || lower * static_cast<double>(positive) > total * (1 + 1e-12) ||
      upper * static_cast<double>(positive) < total * (1 - 1e-12)) {
    result.problems.push_back({WeightingProblem::Kind::InfeasibleTrimBounds, 0, 0});
    result.converged = false;
    return result;
  }
  const double tol = 1e-12 * scale;
  result.converged = false;
  for (result.iterations = 0; result.iterations < options.maxIterations;) {
    // Clamp, then spread the removed (or added) amount over the weights still strictly inside.
    double excess = 0.0;
    double freeTotal = 0.0;
    for (double& x : w) {
      if (x <= 0.0) continue;
      if (x > upper) {
        excess += x - upper;
        x = upper;
      } else if (x < lower) {
        excess -= lower - x;
        x = lower;
      } else if (x > lower + tol && x < upper - tol) {
        freeTotal += x;
      }
    }
    ++result.iterations;
    if (excess == 0.0) {
      result.converged = true;
      break;
    }
    if (!(freeTotal > 0.0)) break;
    const double factor = 1.0 + excess / freeTotal;
    for (double& x : w) {
      if (x > lower + tol && x < upper - tol) x *= factor;
    }
    double worst = 0.0;
    for (double x : w) {
      if (x > 0.0) worst = std::max({worst, (x - upper) / scale, (lower - x) / scale});
    }
    result.achievedTolerance = worst;
    if (worst <= 1e-12) {
      result.converged = true;
      break;
    }
  }
  if (!result.converged) result.problems.push_back({WeightingProblem::Kind::NotConverged, 0, 0});
  return result;
}

Stat KishDesignEffect(Weights weights) {
  CheckWeights(weights.size(), weights);
  double s1 = 0.0;
  double s2 = 0.0;
  std::size_t n = 0;
  for (double w : weights) {
    if (w > 0.0) {
      ++n;
      s1 += w;
      s2 += w * w;
    }
  }
  if (n == 0) return std::nullopt;
  return Finite(static_cast<double>(n) * s2 / (s1 * s1));
}

Stat EffectiveSampleSize(Weights weights) {
  CheckWeights(weights.size(), weights);
  double s1 = 0.0;
  double s2 = 0.0;
  for (double w : weights) {
    s1 += w;
    s2 += w * w;
  }
  if (!(s2 > 0.0)) return std::nullopt;
  return Finite(s1 * s1 / s2);
}

}  // namespace manyi::stats

// Survey weights; formulas and sources in docs/statistics.md §2.
#include "stats/weighting.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <limits>
#include <string>

#include "stats/descriptives.h"
#include "stats/detail/linalg.h"

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

WeightingResult CalibrateLinear(std::span<const RakingMargin> margins, Weights baseWeights,
                                CalibrationOptions options) {
  if (margins.empty()) throw std::invalid_argument("CalibrateLinear: no margins");
  const std::size_t rows = margins.front().codes.size();
  for (const auto& m : margins) {
    if (m.codes.size() != rows) throw std::invalid_argument("CalibrateLinear: margins differ in length");
    CheckCodes(m.codes, m.targets.size(), "CalibrateLinear");
    CheckTargets(m.targets, "CalibrateLinear");
  }
  WeightingResult result;
  const std::vector<double> d = StartWeights(rows, baseWeights);
  const double lower = options.lowerBound.value_or(-std::numeric_limits<double>::infinity());
  const double upper = options.upperBound.value_or(std::numeric_limits<double>::infinity());

  double firstTotal = 0.0;
  for (double t : margins.front().targets) firstTotal += t;
  for (std::size_t m = 1; m < margins.size(); ++m) {
    double total = 0.0;
    for (double t : margins[m].targets) total += t;
    if (std::fabs(total - firstTotal) > 1e-9 * std::max(1.0, firstTotal)) {
      result.problems.push_back({WeightingProblem::Kind::InconsistentMargins, m, 0});
    }
  }
  // Calibration variables: one column per (margin, category) that has sample weight; the first
  // category of margins after the first is dropped (implied by the grand total).
  struct Column {
    std::size_t margin;
    std::uint32_t category;
    double target;
  };
  std::vector<Column> columns;
  for (std::size_t m = 0; m < margins.size(); ++m) {
    std::vector<double> sampleTotal(margins[m].targets.size(), 0.0);
    for (std::size_t i = 0; i < rows; ++i) sampleTotal[margins[m].codes[i]] += d[i];
    for (std::size_t c = 0; c < sampleTotal.size(); ++c) {
      const auto cat = static_cast<std::uint32_t>(c);
      if (sampleTotal[c] == 0.0) {
        if (margins[m].targets[c] > 0.0) {
          result.problems.push_back({WeightingProblem::Kind::EmptySampleCell, m, cat});
        }
        continue;
      }
      if (margins[m].targets[c] == 0.0) result.problems.push_back({WeightingProblem::Kind::ZeroTargetCell, m, cat});
      if (m > 0 && c == 0) continue;
      columns.push_back({m, cat, margins[m].targets[c]});
    }
  }
  const std::size_t p = columns.size();
  // Each row has at most one indicator per margin: keep the row's column indices (no dense X).
  constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
  std::vector<std::vector<std::size_t>> columnOf(margins.size());
  for (std::size_t m = 0; m < margins.size(); ++m) columnOf[m].assign(margins[m].targets.size(), kNone);
  for (std::size_t j = 0; j < p; ++j) columnOf[columns[j].margin][columns[j].category] = j;
  const std::size_t width = margins.size();
  std::vector<std::size_t> active(rows * width, kNone);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t m = 0; m < width; ++m) active[i * width + m] = columnOf[m][margins[m].codes[i]];
  }
  std::vector<double> lambda(p, 0.0);
  std::vector<double> u(rows, 1.0);
  std::vector<double> g(rows, 1.0);
  std::vector<double> residual(p, 0.0);
  auto update = [&] {
    std::vector<double> total(p, 0.0);
    for (std::size_t i = 0; i < rows; ++i) {
      u[i] = 1.0;
      for (std::size_t m = 0; m < width; ++m) {
        if (const auto j = active[i * width + m]; j != kNone) u[i] += lambda[j];
      }
      g[i] = std::min(upper, std::max(lower, u[i]));
      for (std::size_t m = 0; m < width; ++m) {
        if (const auto j = active[i * width + m]; j != kNone) total[j] += d[i] * g[i];
      }
    }
    double worst = 0.0;
    for (std::size_t j = 0; j < p; ++j) {
      residual[j] = columns[j].target - total[j];
      const double scale = columns[j].target > 0.0 ? columns[j].target : std::max(1.0, firstTotal);
      worst = std::max(worst, std::fabs(residual[j]) / scale);
    }
    return worst;
  };
  double worst = update();
  result.converged = worst < options.tolerance;
  while (!result.converged && result.iterations < options.maxIterations) {
    // Newton step: Σ d_i φ_i x_i x_iᵀ Δλ = residual, φ_i = 1 for units strictly inside the bounds.
    detail::Matrix hessian(p, p);
    for (std::size_t i = 0; i < rows; ++i) {
      if (u[i] <= lower || u[i] >= upper) continue;
      for (std::size_t a = 0; a < width; ++a) {
        const auto ja = active[i * width + a];
        if (ja == kNone) continue;
        for (std::size_t b = 0; b < width; ++b) {
          if (const auto jb = active[i * width + b]; jb != kNone) hessian(ja, jb) += d[i];
        }
      }
    }
    const auto step = detail::SolveLeastSquares(hessian, residual);
    if (!step.fullRank) break;  // every unit of some category is at a bound: no feasible step
    for (std::size_t j = 0; j < p; ++j) lambda[j] += step.beta[j];
    ++result.iterations;
    worst = update();
    result.converged = worst < options.tolerance;
  }
  result.achievedTolerance = worst;
  result.weights.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) result.weights[i] = d[i] * g[i];
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
  // Rows that take part: positive input weights (an equal negative share may push one below 0
  // before the next clamp, so positivity is decided once, here).
  std::vector<char> active(w.size());
  for (std::size_t i = 0; i < w.size(); ++i) active[i] = w[i] > 0.0;
  result.converged = false;
  for (result.iterations = 0; result.iterations < options.maxIterations;) {
    // Clamp, then spread the removed (or added) amount over the weights still strictly inside.
    double excess = 0.0;
    double freeTotal = 0.0;
    std::size_t freeCount = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (!active[i]) continue;
      double& x = w[i];
      if (x > upper) {
        excess += x - upper;
        x = upper;
      } else if (x < lower) {
        excess -= lower - x;
        x = lower;
      } else if (x > lower + tol && x < upper - tol) {
        freeTotal += x;
        ++freeCount;
      }
    }
    ++result.iterations;
    if (excess == 0.0) {
      result.converged = true;
      break;
    }
    if (!(freeTotal > 0.0)) break;
    const double factor = 1.0 + excess / freeTotal;
    const double share = excess / static_cast<double>(freeCount);
    for (std::size_t i = 0; i < w.size(); ++i) {
      double& x = w[i];
      if (active[i] && x > lower + tol && x < upper - tol) x = options.spread == TrimSpread::Equal ? x + share : x * factor;
    }
    double worst = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) {
      if (active[i]) worst = std::max({worst, (w[i] - upper) / scale, (lower - w[i]) / scale});
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

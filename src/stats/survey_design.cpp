// Stratified design-based estimates; formulas in docs/statistics.md §2.4 (Cochran 1977 ch. 5; Lumley 2010).
#include "stats/survey_design.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"

namespace manyi::stats {

namespace {

std::size_t StrataCount(const StratifiedDesign& d) {
  if (d.strataCount > 0) return d.strataCount;
  std::uint32_t maxCode = 0;
  for (auto h : d.strata) maxCode = std::max(maxCode, h);
  return d.strata.empty() ? 0 : static_cast<std::size_t>(maxCode) + 1;
}

void Check(const StratifiedDesign& d, std::span<const double> values, std::size_t strata) {
  if (d.strata.size() != values.size()) throw std::invalid_argument("StratifiedDesign: strata length != values length");
  CheckWeights(values.size(), d.weights);
  for (auto h : d.strata) {
    if (h >= strata) throw std::out_of_range("StratifiedDesign: stratum code out of range");
  }
  if (!d.populationSizes.empty() && d.populationSizes.size() < strata) {
    throw std::invalid_argument("StratifiedDesign: fewer population sizes than strata");
  }
}

// Σ_h (1 − f_h) n_h/(n_h − 1) Σ_i (z_hi − z̄_h)²; missing when a stratum has exactly one row.
Stat StratifiedVariance(const StratifiedDesign& d, const std::vector<double>& z, std::size_t strata) {
  std::vector<std::size_t> n(strata, 0);
  std::vector<double> sum(strata, 0.0);
  for (std::size_t i = 0; i < z.size(); ++i) {
    ++n[d.strata[i]];
    sum[d.strata[i]] += z[i];
  }
  std::vector<double> ss(strata, 0.0);
  for (std::size_t i = 0; i < z.size(); ++i) {
    const auto h = d.strata[i];
    const double dev = z[i] - sum[h] / static_cast<double>(n[h]);
    ss[h] += dev * dev;
  }
  double variance = 0.0;
  for (std::size_t h = 0; h < strata; ++h) {
    if (n[h] == 0) continue;
    if (n[h] == 1) return std::nullopt;  // one row: no within-stratum variance estimate
    const double nh = static_cast<double>(n[h]);
    double fpc = 1.0;
    if (!d.populationSizes.empty()) {
      const double N = d.populationSizes[h];
      if (!(N >= nh)) return std::nullopt;  // population smaller than sample: inconsistent design
      fpc = 1.0 - nh / N;
    }
    variance += fpc * nh / (nh - 1.0) * ss[h];
  }
  return Finite(variance);
}

}  // namespace

DesignEstimate StratifiedMean(const StratifiedDesign& design, std::span<const double> values) {
  const std::size_t strata = StrataCount(design);
  Check(design, values, strata);
  DesignEstimate out;
  out.weighted = !design.weights.empty();
  double sumWy = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (IsMissing(values[i])) continue;
    const double w = design.weights.empty() ? 1.0 : design.weights[i];
    ++out.n;
    out.sumWeights += w;
    sumWy += w * values[i];
  }
  if (out.n == 0 || !(out.sumWeights > 0.0)) return out;
  double mean = sumWy / out.sumWeights;
  double correction = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!IsMissing(values[i])) correction += (design.weights.empty() ? 1.0 : design.weights[i]) * (values[i] - mean);
  }
  mean += correction / out.sumWeights;
  out.estimate = Finite(mean);
  std::vector<double> z(values.size(), 0.0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (IsMissing(values[i])) continue;
    const double w = design.weights.empty() ? 1.0 : design.weights[i];
    z[i] = w * (values[i] - mean) / out.sumWeights;
  }
  if (const Stat v = StratifiedVariance(design, z, strata)) out.se = Finite(std::sqrt(*v));
  return out;
}

DesignEstimate StratifiedTotal(const StratifiedDesign& design, std::span<const double> values) {
  const std::size_t strata = StrataCount(design);
  Check(design, values, strata);
  DesignEstimate out;
  out.weighted = !design.weights.empty();
  std::vector<double> z(values.size(), 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (IsMissing(values[i])) continue;
    const double w = design.weights.empty() ? 1.0 : design.weights[i];
    ++out.n;
    out.sumWeights += w;
    z[i] = w * values[i];
    total += z[i];
  }
  if (out.n == 0) return out;
  out.estimate = Finite(total);
  if (const Stat v = StratifiedVariance(design, z, strata)) out.se = Finite(std::sqrt(*v));
  return out;
}

}  // namespace manyi::stats

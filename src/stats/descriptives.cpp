// Descriptive statistics of one variable; see docs/statistics.md §1 for every formula.
#include "stats/descriptives.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "stats/detail/compensated_sum.h"

namespace manyi::stats {

void CheckWeights(std::size_t rows, Weights weights) {
  if (weights.empty()) return;
  if (weights.size() != rows) throw std::invalid_argument("weights: length differs from the number of rows");
  for (double w : weights) {
    if (!std::isfinite(w) || w < 0.0) throw std::invalid_argument("weights: a weight is negative or not finite");
  }
}

namespace {

double WeightAt(Weights weights, std::size_t i) { return weights.empty() ? 1.0 : weights[i]; }

bool Valid(std::span<const double> values, Weights weights, std::size_t i) {
  return !IsMissing(values[i]) && WeightAt(weights, i) > 0.0;
}

// Valid (value, weight) pairs sorted by value.
std::vector<std::pair<double, double>> SortedPairs(std::span<const double> values, Weights weights) {
  CheckWeights(values.size(), weights);
  std::vector<std::pair<double, double>> pairs;
  pairs.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (Valid(values, weights, i)) pairs.emplace_back(values[i], WeightAt(weights, i));
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return pairs;
}

// Type 7 of Hyndman & Fan (1996), R's default: h = (n−1)p, interpolate x[⌊h⌋] .. x[⌊h⌋+1].
double Type7(const std::vector<std::pair<double, double>>& sorted, double p) {
  const double h = static_cast<double>(sorted.size() - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  if (lo + 1 >= sorted.size()) return sorted.back().first;
  const double frac = h - static_cast<double>(lo);
  return sorted[lo].first + frac * (sorted[lo + 1].first - sorted[lo].first);
}

// Inverse weighted empirical CDF; averages the neighbours where the cumulative share hits p exactly.
double WeightedInverseCdf(const std::vector<std::pair<double, double>>& sorted, double total, double p) {
  const double target = p * total;
  const double tol = 1e-12 * total;
  double cumulative = 0.0;
  for (std::size_t k = 0; k < sorted.size(); ++k) {
    cumulative += sorted[k].second;
    if (cumulative >= target - tol) {
      if (std::fabs(cumulative - target) <= tol && k + 1 < sorted.size() && p > 0.0) {
        return 0.5 * (sorted[k].first + sorted[k + 1].first);
      }
      return sorted[k].first;
    }
  }
  return sorted.back().first;
}

}  // namespace

Summary Describe(std::span<const double> values, Weights weights) {
  CheckWeights(values.size(), weights);
  Summary s;
  s.weighted = !weights.empty();
  // Pass 1: Σw and the provisional mean.
  double sumW = 0.0;
  double sumWx = 0.0;
  double sumW2 = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!Valid(values, weights, i)) continue;
    const double w = WeightAt(weights, i);
    ++s.n;
    sumW += w;
    sumWx += w * values[i];
    sumW2 += w * w;
  }
  s.sumWeights = sumW;
  if (s.n == 0 || !(sumW > 0.0)) return s;
  double mean = sumWx / sumW;
  // Pass 2: centred sums. The correction Σw(x−x̄) removes the rounding error of the first mean
  // (corrected two-pass algorithm, Chan, Golub & LeVeque 1983).
  double sumWd = 0.0;
  detail::CompensatedSum sumWd2Acc;
  double sumW2d = 0.0;
  double sumW2d2 = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!Valid(values, weights, i)) continue;
    const double w = WeightAt(weights, i);
    const double d = values[i] - mean;
    sumWd += w * d;
    sumWd2Acc.Add(w * d * d);
    sumW2d += w * w * d;
    sumW2d2 += w * w * d * d;
  }
  const double sumWd2 = sumWd2Acc.Value();
  const double shift = sumWd / sumW;
  mean += shift;
  // Σw(x−x̄)² about the corrected mean; Σw²(x−x̄)² likewise (expanding (d − shift)²).
  const double m2 = std::max(0.0, sumWd2 - sumWd * shift);
  const double a2 = std::max(0.0, sumW2d2 - 2.0 * shift * sumW2d + shift * shift * sumW2);
  s.mean = Finite(mean);
  if (s.n < 2) return s;
  const double n = static_cast<double>(s.n);
  const double factor = n / (n - 1.0);
  const double variance = s.weighted ? factor * m2 / sumW : m2 / (n - 1.0);
  s.variance = Finite(variance);
  s.sd = Finite(std::sqrt(variance));
  s.se = s.weighted ? Finite(std::sqrt(factor * a2) / sumW) : Finite(std::sqrt(variance / n));
  return s;
}

Stat LagOneAutocorrelation(std::span<const double> values) {
  if (values.size() < 2) return std::nullopt;
  for (double x : values) {
    if (IsMissing(x)) return std::nullopt;  // a gap breaks the lag structure
  }
  const Summary s = Describe(values);
  const double mean = *s.mean;
  detail::CompensatedSum num;
  detail::CompensatedSum den;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double d = values[i] - mean;
    den.Add(d * d);
    if (i > 0) num.Add(d * (values[i - 1] - mean));
  }
  if (!(den.Value() > 0.0)) return std::nullopt;
  return Finite(num.Value() / den.Value());
}

std::vector<Stat> Percentiles(std::span<const double> values, std::span<const double> ps, Weights weights) {
  const auto sorted = SortedPairs(values, weights);
  double total = 0.0;
  for (const auto& [x, w] : sorted) total += w;
  std::vector<Stat> out;
  out.reserve(ps.size());
  for (double p : ps) {
    if (sorted.empty() || !(p >= 0.0 && p <= 1.0) || !(total > 0.0)) {
      out.emplace_back(std::nullopt);
    } else if (weights.empty()) {
      out.emplace_back(Type7(sorted, p));
    } else {
      out.emplace_back(WeightedInverseCdf(sorted, total, p));
    }
  }
  return out;
}

Stat Percentile(std::span<const double> values, double p, Weights weights) {
  const double ps[] = {p};
  return Percentiles(values, ps, weights).front();
}

Stat Median(std::span<const double> values, Weights weights) { return Percentile(values, 0.5, weights); }

FrequencyTable Frequencies(std::span<const double> values, Weights weights) {
  const auto sorted = SortedPairs(values, weights);
  FrequencyTable table;
  table.weighted = !weights.empty();
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (IsMissing(values[i])) ++table.nMissing;
  }
  for (const auto& [x, w] : sorted) {
    if (table.rows.empty() || table.rows.back().value != x) table.rows.push_back(FrequencyRow{x, 0, 0.0, 0.0, 0.0});
    ++table.rows.back().count;
    table.rows.back().weightedCount += w;
    ++table.nValid;
    table.sumWeights += w;
  }
  double cumulative = 0.0;
  for (auto& row : table.rows) {
    cumulative += row.weightedCount;
    row.percent = 100.0 * row.weightedCount / table.sumWeights;
    row.cumulativePercent = 100.0 * cumulative / table.sumWeights;
  }
  return table;
}

Share BoxShare(std::span<const double> values, double low, double high, Weights weights) {
  CheckWeights(values.size(), weights);
  Share share;
  double sumW2 = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!Valid(values, weights, i)) continue;
    const double w = WeightAt(weights, i);
    ++share.n;
    share.sumWeights += w;
    sumW2 += w * w;
    if (values[i] >= low && values[i] <= high) share.hitWeights += w;
  }
  if (sumW2 > 0.0) share.effectiveN = share.sumWeights * share.sumWeights / sumW2;
  if (share.n > 0 && share.sumWeights > 0.0) share.proportion = Finite(share.hitWeights / share.sumWeights);
  return share;
}

Share TopBox(std::span<const double> values, double scaleMax, int k, Weights weights) {
  return BoxShare(values, scaleMax - k + 1, scaleMax, weights);
}

Share BottomBox(std::span<const double> values, double scaleMin, int k, Weights weights) {
  return BoxShare(values, scaleMin, scaleMin + k - 1, weights);
}

}  // namespace manyi::stats

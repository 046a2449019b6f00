// Pearson correlations; two-pass (centred) sums, docs/statistics.md §4.3.
#include "stats/correlation.h"

#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"

namespace manyi::stats {

namespace {

// Correlation over the rows selected by `use` (row i used when use(i) is true).
template <typename Use>
std::pair<Stat, std::size_t> Correlate(std::span<const double> x, std::span<const double> y, Weights w, Use use) {
  auto wt = [&](std::size_t i) { return w.empty() ? 1.0 : w[i]; };
  std::size_t n = 0;
  double sw = 0.0;
  double sx = 0.0;
  double sy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!use(i)) continue;
    ++n;
    sw += wt(i);
    sx += wt(i) * x[i];
    sy += wt(i) * y[i];
  }
  if (n < 2 || !(sw > 0.0)) return {std::nullopt, n};
  const double mx = sx / sw;
  const double my = sy / sw;
  double cx = 0.0, cy = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!use(i)) continue;
    const double dx = x[i] - mx;
    const double dy = y[i] - my;
    cx += wt(i) * dx;
    cy += wt(i) * dy;
    sxx += wt(i) * dx * dx;
    syy += wt(i) * dy * dy;
    sxy += wt(i) * dx * dy;
  }
  // Corrected two-pass: remove the first-pass rounding of the means.
  sxx -= cx * cx / sw;
  syy -= cy * cy / sw;
  sxy -= cx * cy / sw;
  if (!(sxx > 0.0) || !(syy > 0.0)) return {std::nullopt, n};
  double r = sxy / std::sqrt(sxx * syy);
  r = std::max(-1.0, std::min(1.0, r));
  return {Finite(r), n};
}

bool Present(Weights w, std::size_t i) { return w.empty() || w[i] > 0.0; }

}  // namespace

Stat PearsonCorrelation(std::span<const double> x, std::span<const double> y, Weights weights) {
  if (x.size() != y.size()) throw std::invalid_argument("PearsonCorrelation: lengths differ");
  CheckWeights(x.size(), weights);
  return Correlate(x, y, weights,
                   [&](std::size_t i) { return !IsMissing(x[i]) && !IsMissing(y[i]) && Present(weights, i); })
      .first;
}

CorrelationMatrix Correlations(std::span<const std::span<const double>> columns, MissingPolicy policy,
                               Weights weights) {
  CorrelationMatrix m;
  m.k = columns.size();
  m.policy = policy;
  m.r.assign(m.k * m.k, std::nullopt);
  m.n.assign(m.k * m.k, 0);
  if (m.k == 0) return m;
  const std::size_t rows = columns[0].size();
  for (const auto& c : columns) {
    if (c.size() != rows) throw std::invalid_argument("Correlations: columns differ in length");
  }
  CheckWeights(rows, weights);
  std::vector<bool> complete(rows, true);
  for (std::size_t i = 0; i < rows; ++i) {
    complete[i] = Present(weights, i);
    for (const auto& c : columns) complete[i] = complete[i] && !IsMissing(c[i]);
  }
  for (std::size_t a = 0; a < m.k; ++a) {
    for (std::size_t b = a; b < m.k; ++b) {
      const auto& x = columns[a];
      const auto& y = columns[b];
      auto result = policy == MissingPolicy::Listwise
                        ? Correlate(x, y, weights, [&](std::size_t i) { return static_cast<bool>(complete[i]); })
                        : Correlate(x, y, weights, [&](std::size_t i) {
                            return !IsMissing(x[i]) && !IsMissing(y[i]) && Present(weights, i);
                          });
      if (a == b && result.first) result.first = 1.0;
      m.r[a * m.k + b] = m.r[b * m.k + a] = result.first;
      m.n[a * m.k + b] = m.n[b * m.k + a] = result.second;
    }
  }
  return m;
}

}  // namespace manyi::stats

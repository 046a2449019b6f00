// Cronbach's alpha and item analysis from the item covariance matrix; docs/statistics.md §4.2.
#include "stats/reliability.h"

#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"

namespace manyi::stats {

ReliabilityResult CronbachAlpha(std::span<const std::span<const double>> items, Weights weights) {
  ReliabilityResult out;
  const std::size_t k = items.size();
  out.k = k;
  out.itemTotal.assign(k, std::nullopt);
  out.itemTotalCorrected.assign(k, std::nullopt);
  out.alphaIfDeleted.assign(k, std::nullopt);
  if (k == 0) return out;
  const std::size_t rows = items[0].size();
  for (const auto& c : items) {
    if (c.size() != rows) throw std::invalid_argument("CronbachAlpha: items differ in length");
  }
  CheckWeights(rows, weights);
  auto wt = [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };
  std::vector<std::size_t> use;
  for (std::size_t i = 0; i < rows; ++i) {
    bool ok = wt(i) > 0.0;
    for (const auto& c : items) ok = ok && !IsMissing(c[i]);
    if (ok) use.push_back(i);
  }
  out.n = use.size();
  if (out.n < 2 || k < 2) return out;
  double sw = 0.0;
  for (auto i : use) sw += wt(i);
  // Means (corrected two-pass), then C_ab = n/(n−1) · Σw(x_a − x̄_a)(x_b − x̄_b)/Σw: the n−1
  // covariance when unweighted; every quantity below is a ratio of C entries, so the divisor cancels.
  std::vector<double> mean(k, 0.0);
  for (std::size_t j = 0; j < k; ++j) {
    double s = 0.0;
    for (auto i : use) s += wt(i) * items[j][i];
    double m = s / sw;
    double c = 0.0;
    for (auto i : use) c += wt(i) * (items[j][i] - m);
    mean[j] = m + c / sw;
  }
  const double nd = static_cast<double>(out.n);
  const double divisor = sw * (nd - 1.0) / nd;
  std::vector<double> cov(k * k, 0.0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = a; b < k; ++b) {
      double s = 0.0;
      for (auto i : use) s += wt(i) * (items[a][i] - mean[a]) * (items[b][i] - mean[b]);
      cov[a * k + b] = cov[b * k + a] = s / divisor;
    }
  }
  double total = 0.0;  // variance of the sum score = Σ_ab C_ab
  double trace = 0.0;
  std::vector<double> rowSum(k, 0.0);
  for (std::size_t a = 0; a < k; ++a) {
    trace += cov[a * k + a];
    for (std::size_t b = 0; b < k; ++b) rowSum[a] += cov[a * k + b];
    total += rowSum[a];
  }
  const double kd = static_cast<double>(k);
  if (total > 0.0) out.alpha = Finite(kd / (kd - 1.0) * (1.0 - trace / total));
  bool allVary = true;
  for (std::size_t a = 0; a < k; ++a) allVary = allVary && cov[a * k + a] > 0.0;
  if (allVary) {
    double sumR = 0.0;
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = a + 1; b < k; ++b) sumR += cov[a * k + b] / std::sqrt(cov[a * k + a] * cov[b * k + b]);
    }
    const double rbar = sumR / (kd * (kd - 1.0) / 2.0);
    out.meanInterItemCorrelation = Finite(rbar);
    out.alphaStandardised = Finite(kd * rbar / (1.0 + (kd - 1.0) * rbar));
  }
  for (std::size_t a = 0; a < k; ++a) {
    const double vi = cov[a * k + a];
    // Rest score R = T − X_a: Var(R) = Σ − 2 rowSum_a + v_a, Cov(X_a, R) = rowSum_a − v_a.
    const double restVar = total - 2.0 * rowSum[a] + vi;
    if (vi > 0.0 && total > 0.0) out.itemTotal[a] = Finite(rowSum[a] / std::sqrt(vi * total));
    if (vi > 0.0 && restVar > 0.0) out.itemTotalCorrected[a] = Finite((rowSum[a] - vi) / std::sqrt(vi * restVar));
    if (k >= 3 && restVar > 0.0) {
      const double km = kd - 1.0;
      out.alphaIfDeleted[a] = Finite(km / (km - 1.0) * (1.0 - (trace - vi) / restVar));
    }
  }
  return out;
}

}  // namespace manyi::stats

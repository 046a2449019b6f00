// Sample size and allocation; formulas in docs/statistics.md §5.
#include "stats/sampling.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "stats/distributions.h"

namespace manyi::stats {

std::optional<std::size_t> SampleSizeProportion(double e, double confidence, double p,
                                                std::optional<double> populationSize) {
  if (!(e > 0.0 && e < 1.0) || !(p >= 0.0 && p <= 1.0)) return std::nullopt;
  const Stat z = NormalCritical(confidence);
  if (!z) return std::nullopt;
  const double pq = p * (1.0 - p);
  const double z2pq = *z * *z * pq;
  double n = z2pq / (e * e);
  if (populationSize) {
    const double N = *populationSize;
    if (!(N > 1.0) || !std::isfinite(N)) return std::nullopt;
    n = N / (N - 1.0) * z2pq / (e * e + z2pq / (N - 1.0));
  }
  // Ceiling with a guard against rounding just above an integer (e.g. 2401.0000000002).
  return static_cast<std::size_t>(std::ceil(n - 1e-9 * std::max(1.0, n)));
}

std::vector<double> ProportionalAllocation(double n, std::span<const double> populationSizes) {
  const double total = std::accumulate(populationSizes.begin(), populationSizes.end(), 0.0);
  std::vector<double> out;
  if (!(total > 0.0)) return out;
  for (double N : populationSizes) out.push_back(n * N / total);
  return out;
}

std::vector<double> NeymanAllocation(double n, std::span<const double> populationSizes,
                                     std::span<const double> stratumSds) {
  std::vector<double> out;
  if (populationSizes.size() != stratumSds.size()) return out;
  double total = 0.0;
  for (std::size_t h = 0; h < populationSizes.size(); ++h) total += populationSizes[h] * stratumSds[h];
  if (!(total > 0.0)) return out;
  for (std::size_t h = 0; h < populationSizes.size(); ++h)
    out.push_back(n * populationSizes[h] * stratumSds[h] / total);
  return out;
}

Stat AnticipatedSeOfMean(std::span<const double> populationSizes, std::span<const double> stratumSds,
                         std::span<const double> allocation) {
  if (populationSizes.size() != stratumSds.size() || populationSizes.size() != allocation.size()) return std::nullopt;
  double N = 0.0;
  double v = 0.0;
  for (std::size_t h = 0; h < populationSizes.size(); ++h) {
    const double Nh = populationSizes[h];
    const double nh = allocation[h];
    if (!(nh > 0.0)) return std::nullopt;
    N += Nh;
    v += Nh * Nh * (1.0 - nh / Nh) * stratumSds[h] * stratumSds[h] / nh;
  }
  if (!(N > 0.0)) return std::nullopt;
  return Finite(std::sqrt(std::max(0.0, v)) / N);
}

std::vector<std::size_t> LargestRemainder(std::span<const double> quotas) {
  std::vector<std::size_t> out(quotas.size(), 0);
  double total = 0.0;
  std::size_t assigned = 0;
  std::vector<double> remainder(quotas.size(), 0.0);
  for (std::size_t h = 0; h < quotas.size(); ++h) {
    const double q = std::isfinite(quotas[h]) && quotas[h] > 0.0 ? quotas[h] : 0.0;
    total += q;
    out[h] = static_cast<std::size_t>(std::floor(q));
    remainder[h] = q - std::floor(q);
    assigned += out[h];
  }
  const auto target = static_cast<std::size_t>(std::llround(total));
  std::vector<std::size_t> order(quotas.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  for (std::size_t i = 0; assigned < target && i < order.size(); ++i, ++assigned) ++out[order[i]];
  return out;
}

}  // namespace manyi::stats

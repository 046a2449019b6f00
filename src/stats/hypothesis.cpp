// Hypothesis tests and effect sizes; formulas and sources in docs/statistics.md §3.
#include "stats/hypothesis.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "stats/detail/compensated_sum.h"
#include "stats/distributions.h"

namespace manyi::stats {

namespace {

void CheckGroups(std::span<const double> values, std::span<const std::uint32_t> groups, std::size_t groupCount) {
  if (values.size() != groups.size()) throw std::invalid_argument("values and groups differ in length");
  for (auto g : groups) {
    if (g != kNoGroup && g >= groupCount) throw std::out_of_range("group code out of range");
  }
}

}  // namespace

TTestResult WelchTTest(const Summary& x, const Summary& y, double confidence) {
  TTestResult r;
  if (!x.mean || !y.mean) return r;
  r.difference = *x.mean - *y.mean;
  if (!x.variance || !y.variance) return r;
  const double nx = static_cast<double>(x.n);
  const double ny = static_cast<double>(y.n);
  const double a = *x.variance / nx;
  const double b = *y.variance / ny;
  const double se = std::sqrt(a + b);
  r.se = Finite(se);
  if (!(se > 0.0)) return r;
  r.t = Finite(*r.difference / se);
  // Welch–Satterthwaite: (a + b)² / (a²/(n_x−1) + b²/(n_y−1)).
  r.df = Finite((a + b) * (a + b) / (a * a / (nx - 1.0) + b * b / (ny - 1.0)));
  if (r.t && r.df) {
    r.p = StudentTTwoSidedP(*r.t, *r.df);
    if (const Stat crit = StudentTCritical(confidence, *r.df)) {
      r.ciLower = Finite(*r.difference - *crit * se);
      r.ciUpper = Finite(*r.difference + *crit * se);
    }
  }
  const double pooled = ((nx - 1.0) * *x.variance + (ny - 1.0) * *y.variance) / (nx + ny - 2.0);
  if (pooled > 0.0) r.cohensD = Finite(*r.difference / std::sqrt(pooled));
  return r;
}

TTestResult WelchTTest(std::span<const double> x, std::span<const double> y, double confidence) {
  return WelchTTest(Describe(x), Describe(y), confidence);
}

Stat CohensD(std::span<const double> x, std::span<const double> y) {
  const Summary sx = Describe(x);
  const Summary sy = Describe(y);
  if (!sx.variance || !sy.variance) return std::nullopt;
  const double nx = static_cast<double>(sx.n);
  const double ny = static_cast<double>(sy.n);
  const double pooled = ((nx - 1.0) * *sx.variance + (ny - 1.0) * *sy.variance) / (nx + ny - 2.0);
  if (!(pooled > 0.0)) return std::nullopt;
  return Finite((*sx.mean - *sy.mean) / std::sqrt(pooled));
}

AnovaResult OneWayAnova(std::span<const double> values, std::span<const std::uint32_t> groups, std::size_t groupCount) {
  CheckGroups(values, groups, groupCount);
  AnovaResult r;
  std::vector<std::size_t> n(groupCount, 0);
  std::vector<double> mean(groupCount, 0.0);
  auto valid = [&](std::size_t i) { return groups[i] != kNoGroup && !IsMissing(values[i]); };
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!valid(i)) continue;
    ++n[groups[i]];
    mean[groups[i]] += values[i];
  }
  for (std::size_t g = 0; g < groupCount; ++g) {
    if (n[g] > 0) mean[g] /= static_cast<double>(n[g]);
  }
  // Each mean is kept as hi + lo: hi the first-pass double mean, lo = Σ(x − hi)/n its correction.
  // With data like 1000000000000.4 the mean differences are below the resolution of a double near
  // the data, so SSB is formed from (hi_g − hi) + (lo_g − lo), where hi_g − hi is exact.
  std::size_t total = 0;
  double grandHi = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (valid(i)) grandHi += values[i];
  }
  for (std::size_t g = 0; g < groupCount; ++g) {
    if (n[g] == 0) continue;
    ++r.groups;
    total += n[g];
  }
  r.n = total;
  if (total == 0) return r;
  grandHi /= static_cast<double>(total);
  std::vector<double> dev(groupCount, 0.0);
  double grandLo = 0.0;
  detail::CompensatedSum ssWithinSum;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!valid(i)) continue;
    const double d = values[i] - mean[groups[i]];
    dev[groups[i]] += d;
    ssWithinSum.Add(d * d);
    grandLo += values[i] - grandHi;
  }
  grandLo /= static_cast<double>(total);
  double ssWithin = ssWithinSum.Value();
  double ssBetween = 0.0;
  for (std::size_t g = 0; g < groupCount; ++g) {
    if (n[g] == 0) continue;
    const double ng = static_cast<double>(n[g]);
    ssWithin -= dev[g] * dev[g] / ng;  // corrected two-pass (Chan, Golub & LeVeque 1983)
    const double lo = dev[g] / ng;
    const double diff = (mean[g] - grandHi) + (lo - grandLo);
    ssBetween += ng * diff * diff;
  }
  r.ssBetween = ssBetween;
  r.ssWithin = std::max(0.0, ssWithin);
  if (r.groups < 2) return r;
  r.dfBetween = r.groups - 1;
  const double ssTotal = r.ssBetween + r.ssWithin;
  if (ssTotal > 0.0) r.etaSquared = Finite(r.ssBetween / ssTotal);
  r.msBetween = Finite(r.ssBetween / static_cast<double>(r.dfBetween));
  if (total <= r.groups) return r;
  r.dfWithin = total - r.groups;
  r.msWithin = Finite(r.ssWithin / static_cast<double>(r.dfWithin));
  r.residualSd = Finite(std::sqrt(*r.msWithin));
  if (*r.msWithin > 0.0) {
    r.f = Finite(*r.msBetween / *r.msWithin);
    if (r.f) r.p = FisherFUpperP(*r.f, static_cast<double>(r.dfBetween), static_cast<double>(r.dfWithin));
  }
  return r;
}

KruskalWallisResult KruskalWallis(std::span<const double> values, std::span<const std::uint32_t> groups,
                                  std::size_t groupCount) {
  CheckGroups(values, groups, groupCount);
  KruskalWallisResult r;
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (groups[i] != kNoGroup && !IsMissing(values[i])) idx.push_back(i);
  }
  std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  const std::size_t N = idx.size();
  r.n = N;
  std::vector<double> rankSum(groupCount, 0.0);
  std::vector<std::size_t> n(groupCount, 0);
  double tieSum = 0.0;
  for (std::size_t i = 0; i < N;) {
    std::size_t j = i;
    while (j + 1 < N && values[idx[j + 1]] == values[idx[i]]) ++j;
    const double midrank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0 + 1.0;  // ranks are 1-based
    const double t = static_cast<double>(j - i + 1);
    tieSum += t * t * t - t;
    for (std::size_t k = i; k <= j; ++k) {
      rankSum[groups[idx[k]]] += midrank;
      ++n[groups[idx[k]]];
    }
    i = j + 1;
  }
  double sum = 0.0;
  for (std::size_t g = 0; g < groupCount; ++g) {
    if (n[g] == 0) continue;
    ++r.groups;
    sum += rankSum[g] * rankSum[g] / static_cast<double>(n[g]);
  }
  if (r.groups < 2 || N < 2) return r;
  r.df = r.groups - 1;
  const double Nd = static_cast<double>(N);
  r.tieCorrection = 1.0 - tieSum / (Nd * Nd * Nd - Nd);
  if (!(r.tieCorrection > 0.0)) return r;  // every value tied: H undefined
  const double h = (12.0 / (Nd * (Nd + 1.0)) * sum - 3.0 * (Nd + 1.0)) / r.tieCorrection;
  r.h = Finite(std::max(0.0, h));
  if (r.h) r.p = ChiSquaredUpperP(*r.h, static_cast<double>(r.df));
  return r;
}

Stat CramersV(double chiSquare, double n, std::size_t rows, std::size_t cols) {
  const std::size_t m = std::min(rows, cols);
  if (m < 2 || !(n > 0.0) || !std::isfinite(chiSquare) || chiSquare < 0.0) return std::nullopt;
  return Finite(std::sqrt(chiSquare / (n * static_cast<double>(m - 1))));
}

std::vector<double> CrossTabulate(std::span<const std::uint32_t> rowCodes, std::span<const std::uint32_t> colCodes,
                                  std::size_t rows, std::size_t cols, Weights weights) {
  if (rowCodes.size() != colCodes.size()) throw std::invalid_argument("CrossTabulate: code lengths differ");
  CheckWeights(rowCodes.size(), weights);
  std::vector<double> table(rows * cols, 0.0);
  for (std::size_t i = 0; i < rowCodes.size(); ++i) {
    const auto r = rowCodes[i];
    const auto c = colCodes[i];
    if (r == kNoGroup || c == kNoGroup) continue;
    if (r >= rows || c >= cols) throw std::out_of_range("CrossTabulate: code out of range");
    table[static_cast<std::size_t>(r) * cols + c] += weights.empty() ? 1.0 : weights[i];
  }
  return table;
}

ChiSquareResult ChiSquareIndependence(std::span<const double> table, std::size_t rows, std::size_t cols,
                                      bool yatesFor2x2) {
  if (table.size() != rows * cols) throw std::invalid_argument("ChiSquareIndependence: table size != rows × cols");
  for (double x : table) {
    if (!std::isfinite(x) || x < 0.0) throw std::invalid_argument("ChiSquareIndependence: invalid count");
  }
  ChiSquareResult r;
  r.expected.assign(table.size(), 0.0);
  std::vector<double> rowSum(rows, 0.0);
  std::vector<double> colSum(cols, 0.0);
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      rowSum[i] += table[i * cols + j];
      colSum[j] += table[i * cols + j];
      r.n += table[i * cols + j];
    }
  }
  const auto liveRows =
      static_cast<std::size_t>(std::count_if(rowSum.begin(), rowSum.end(), [](double s) { return s > 0; }));
  const auto liveCols =
      static_cast<std::size_t>(std::count_if(colSum.begin(), colSum.end(), [](double s) { return s > 0; }));
  if (liveRows < 2 || liveCols < 2) return r;
  r.df = (liveRows - 1) * (liveCols - 1);
  r.yates = yatesFor2x2 && liveRows == 2 && liveCols == 2;
  double plain = 0.0;
  double corrected = 0.0;
  for (std::size_t i = 0; i < rows; ++i) {
    for (std::size_t j = 0; j < cols; ++j) {
      if (rowSum[i] == 0.0 || colSum[j] == 0.0) continue;
      const double e = rowSum[i] * colSum[j] / r.n;
      r.expected[i * cols + j] = e;
      r.minExpected = r.minExpected ? std::min(*r.minExpected, e) : e;
      const double diff = std::fabs(table[i * cols + j] - e);
      plain += diff * diff / e;
      const double adj = diff - std::min(0.5, diff);
      corrected += adj * adj / e;
    }
  }
  r.statistic = Finite(r.yates ? corrected : plain);
  if (r.statistic) r.p = ChiSquaredUpperP(*r.statistic, static_cast<double>(r.df));
  r.cramersV = CramersV(plain, r.n, liveRows, liveCols);
  return r;
}

ChiSquareResult ChiSquareGoodnessOfFit(std::span<const double> observed, std::span<const double> probabilities) {
  if (!probabilities.empty() && probabilities.size() != observed.size()) {
    throw std::invalid_argument("ChiSquareGoodnessOfFit: probabilities and counts differ in length");
  }
  ChiSquareResult r;
  const std::size_t k = observed.size();
  double probSum = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    if (!std::isfinite(observed[i]) || observed[i] < 0.0) throw std::invalid_argument("ChiSquareGoodnessOfFit: count");
    r.n += observed[i];
    const double p = probabilities.empty() ? 1.0 : probabilities[i];
    if (!std::isfinite(p) || p < 0.0) throw std::invalid_argument("ChiSquareGoodnessOfFit: probability");
    probSum += p;
  }
  r.expected.assign(k, 0.0);
  if (k < 2 || !(r.n > 0.0) || !(probSum > 0.0)) return r;
  r.df = k - 1;
  double x2 = 0.0;
  for (std::size_t i = 0; i < k; ++i) {
    const double e = r.n * (probabilities.empty() ? 1.0 : probabilities[i]) / probSum;
    r.expected[i] = e;
    r.minExpected = r.minExpected ? std::min(*r.minExpected, e) : e;
    if (e == 0.0) {
      if (observed[i] > 0.0) return r;  // an impossible category was observed: statistic undefined
      continue;
    }
    x2 += (observed[i] - e) * (observed[i] - e) / e;
  }
  r.statistic = Finite(x2);
  if (r.statistic) r.p = ChiSquaredUpperP(x2, static_cast<double>(r.df));
  return r;
}

Stat FisherExact2x2(std::uint64_t a, std::uint64_t b, std::uint64_t c, std::uint64_t d) {
  const std::uint64_t row1 = a + b;
  const std::uint64_t col1 = a + c;
  const std::uint64_t total = a + b + c + d;
  if (total == 0) return std::nullopt;
  const std::uint64_t lo = row1 + col1 > total ? row1 + col1 - total : 0;
  const std::uint64_t hi = std::min(row1, col1);
  const Stat observed = HypergeometricPmf(a, col1, row1, total);
  if (!observed) return std::nullopt;
  const double limit = *observed * (1.0 + 1e-7);
  double p = 0.0;
  for (std::uint64_t x = lo; x <= hi; ++x) {
    const Stat px = HypergeometricPmf(x, col1, row1, total);
    if (!px) return std::nullopt;
    if (*px <= limit) p += *px;
  }
  return Finite(std::min(1.0, p));
}

std::vector<Stat> HolmAdjust(std::span<const Stat> pValues) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < pValues.size(); ++i) {
    if (pValues[i] && std::isfinite(*pValues[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return *pValues[a] < *pValues[b]; });
  std::vector<Stat> out(pValues.size());
  const std::size_t m = order.size();
  double running = 0.0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    const double adjusted = std::min(1.0, static_cast<double>(m - rank) * *pValues[order[rank]]);
    running = std::max(running, adjusted);  // step-down: adjusted p-values never decrease
    out[order[rank]] = running;
  }
  return out;
}

}  // namespace manyi::stats

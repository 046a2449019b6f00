// One-pass grouped moments; formulas in docs/statistics.md §1.3.
#include "stats/grouped.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "stats/detail/parallel.h"
#include "stats/distributions.h"

namespace manyi::stats {

void CellMoments::Add(double x, double w) noexcept {
  // West (1979): weighted mean and Σw(x−x̄)² updated without sums of squares about zero.
  ++n;
  const double newSumW = sumW + w;
  const double delta = x - mean;
  const double r = delta * w / newSumW;
  // Shift the w²-moments from the old mean to the new one (mean += r) before adding the point:
  // Σw²(x−m−r)² = A − 2rB + r²Σw²,  Σw²(x−m−r) = B − rΣw².
  a += r * (r * sumW2 - 2.0 * b);
  b -= r * sumW2;
  mean += r;
  m2 += sumW * delta * r;
  sumW = newSumW;
  const double d = x - mean;
  const double w2 = w * w;
  a += w2 * d * d;
  b += w2 * d;
  sumW2 += w2;
}

void CellMoments::Merge(const CellMoments& o) noexcept {
  if (o.n == 0) return;
  if (n == 0) {
    *this = o;
    return;
  }
  const double total = sumW + o.sumW;
  const double delta = o.mean - mean;
  const double newMean = mean + delta * o.sumW / total;
  // Move both sets of w²-moments to the combined mean, then add.
  const double r1 = newMean - mean;
  const double r2 = newMean - o.mean;
  const double a1 = a - 2.0 * r1 * b + r1 * r1 * sumW2;
  const double b1 = b - r1 * sumW2;
  const double a2 = o.a - 2.0 * r2 * o.b + r2 * r2 * o.sumW2;
  const double b2 = o.b - r2 * o.sumW2;
  m2 += o.m2 + delta * delta * sumW * o.sumW / total;
  a = a1 + a2;
  b = b1 + b2;
  mean = newMean;
  sumW = total;
  sumW2 += o.sumW2;
  n += o.n;
}

GroupedMoments::GroupedMoments(std::size_t groupCount, std::size_t itemCount)
    : m_groupCount(groupCount), m_itemCount(itemCount), m_cells(groupCount * itemCount) {}

void GroupedMoments::AddRow(std::span<const double> items, std::uint32_t group, double weight) {
  if (items.size() != m_itemCount) throw std::invalid_argument("GroupedMoments: row length differs from item count");
  if (!std::isfinite(weight) || weight < 0.0) throw std::invalid_argument("GroupedMoments: invalid weight");
  if (weight != 1.0) m_weighted = true;
  if (group == kNoGroup || weight == 0.0) return;
  if (group >= m_groupCount) throw std::out_of_range("GroupedMoments: group code out of range");
  CellMoments* cells = &m_cells[static_cast<std::size_t>(group) * m_itemCount];
  for (std::size_t k = 0; k < m_itemCount; ++k) {
    const double x = items[k];
    if (!IsMissing(x)) cells[k].Add(x, weight);
  }
}

void GroupedMoments::AddRows(std::span<const double> values, std::span<const std::uint32_t> groups, Weights weights) {
  const std::size_t rows = groups.size();
  if (values.size() != rows * m_itemCount) throw std::invalid_argument("GroupedMoments: values size != rows × items");
  if (!weights.empty() && weights.size() != rows) throw std::invalid_argument("GroupedMoments: weights size != rows");
  if (!weights.empty()) m_weighted = true;
  for (std::size_t r = 0; r < rows; ++r) {
    AddRow(values.subspan(r * m_itemCount, m_itemCount), groups[r], weights.empty() ? 1.0 : weights[r]);
  }
}

void GroupedMoments::AddColumn(std::size_t item, std::span<const double> values, std::span<const std::uint32_t> groups,
                               Weights weights) {
  if (item >= m_itemCount) throw std::out_of_range("GroupedMoments: item out of range");
  if (values.size() != groups.size()) throw std::invalid_argument("GroupedMoments: values and groups differ in length");
  if (!weights.empty() && weights.size() != values.size()) throw std::invalid_argument("GroupedMoments: weights size");
  if (!weights.empty()) m_weighted = true;
  for (std::size_t r = 0; r < values.size(); ++r) {
    const double w = weights.empty() ? 1.0 : weights[r];
    if (!std::isfinite(w) || w < 0.0) throw std::invalid_argument("GroupedMoments: invalid weight");
    const std::uint32_t g = groups[r];
    if (g == kNoGroup || w == 0.0 || IsMissing(values[r])) continue;
    if (g >= m_groupCount) throw std::out_of_range("GroupedMoments: group code out of range");
    m_cells[static_cast<std::size_t>(g) * m_itemCount + item].Add(values[r], w);
  }
}

void GroupedMoments::AddColumns(std::span<const std::span<const double>> columns, std::span<const std::uint32_t> groups,
                                Weights weights, unsigned threads) {
  if (columns.size() != m_itemCount) throw std::invalid_argument("GroupedMoments: column count differs from item count");
  const std::size_t rows = groups.size();
  for (const auto& c : columns)
    if (c.size() != rows) throw std::invalid_argument("GroupedMoments: values and groups differ in length");
  if (!weights.empty() && weights.size() != rows) throw std::invalid_argument("GroupedMoments: weights size");
  // Checked once here rather than per item and row in the loop below.
  for (const double w : weights)
    if (!std::isfinite(w) || w < 0.0) throw std::invalid_argument("GroupedMoments: invalid weight");
  for (const std::uint32_t g : groups)
    if (g != kNoGroup && g >= m_groupCount) throw std::out_of_range("GroupedMoments: group code out of range");
  if (!weights.empty()) m_weighted = true;
  const std::size_t items = m_itemCount;
  detail::RunStrided(items, threads, [&](unsigned t, unsigned count) {
    const std::size_t first = items * t / count, last = items * (t + 1) / count;
    // Rows in blocks, so that a block's groups and weights stay in the L1 cache across the items.
    constexpr std::size_t kBlock = 2048;
    for (std::size_t start = 0; start < rows; start += kBlock) {
      const std::size_t end = std::min(rows, start + kBlock);
      for (std::size_t k = first; k < last; ++k) {
        const double* x = columns[k].data();
        CellMoments* cells = m_cells.data() + k;
        for (std::size_t r = start; r < end; ++r) {
          const std::uint32_t g = groups[r];
          const double w = weights.empty() ? 1.0 : weights[r];
          if (g == kNoGroup || w == 0.0 || IsMissing(x[r])) continue;
          cells[static_cast<std::size_t>(g) * items].Add(x[r], w);
        }
      }
    }
  });
}

void GroupedMoments::Merge(const GroupedMoments& other) {
  if (other.m_groupCount != m_groupCount || other.m_itemCount != m_itemCount) {
    throw std::invalid_argument("GroupedMoments: merging accumulators of different shapes");
  }
  for (std::size_t i = 0; i < m_cells.size(); ++i) m_cells[i].Merge(other.m_cells[i]);
  m_weighted = m_weighted || other.m_weighted;
}

GroupedCell GroupedMoments::Finish(std::size_t group, std::size_t item, Stat tCritical,
                                   std::uint64_t designRows) const {
  const CellMoments& c = Cell(group, item);
  GroupedCell out;
  out.group = static_cast<std::uint32_t>(group);
  out.item = static_cast<std::uint32_t>(item);
  out.n = c.n;
  out.sumWeights = c.sumW;
  if (c.n == 0 || !(c.sumW > 0.0)) return out;
  out.mean = Finite(c.mean);
  if (c.n < 2) return out;
  const double n = static_cast<double>(c.n);
  const double factor = n / (n - 1.0);
  const double variance = factor * std::max(0.0, c.m2) / c.sumW;
  out.sd = Finite(std::sqrt(variance));
  // Domain of a larger sample: Σ_i∈d z_i² with z = w(y − ȳ_d)/Σw, times N/(N − 1) (z̄ = 0 over all N).
  const double N = static_cast<double>(designRows);
  const double seFactor = designRows > 1 ? N / (N - 1.0) : factor;
  out.se = Finite(std::sqrt(seFactor * std::max(0.0, c.a)) / c.sumW);
  if (out.se && tCritical) {
    out.ciLower = Finite(c.mean - *tCritical * *out.se);
    out.ciUpper = Finite(c.mean + *tCritical * *out.se);
  }
  return out;
}

namespace {

// Degrees of freedom of a cell's t interval under the options (0: none).
std::uint64_t CellDf(const CellMoments& c, const GroupedOptions& options) {
  if (c.n < 2) return 0;
  return options.designRows > 1 ? options.designRows - 1 : c.n - 1;
}

}  // namespace

GroupedCell GroupedMoments::Summarise(std::size_t group, std::size_t item, GroupedOptions options) const {
  if (group >= m_groupCount || item >= m_itemCount) throw std::out_of_range("GroupedMoments: cell out of range");
  const std::uint64_t df = CellDf(Cell(group, item), options);
  Stat t = df > 0 ? StudentTCritical(options.confidence, static_cast<double>(df)) : std::nullopt;
  return Finish(group, item, t, options.designRows);
}

std::vector<GroupedCell> GroupedMoments::SummariseAll(GroupedOptions options) const {
  std::vector<GroupedCell> out;
  out.reserve(m_cells.size());
  // Many cells share a df; one quantile per distinct df keeps the Boost calls to a few hundred.
  std::unordered_map<std::uint64_t, Stat> tByDf;
  for (std::size_t g = 0; g < m_groupCount; ++g) {
    for (std::size_t k = 0; k < m_itemCount; ++k) {
      const std::uint64_t df = CellDf(Cell(g, k), options);
      Stat t;
      if (df > 0) {
        auto [it, inserted] = tByDf.try_emplace(df);
        if (inserted) it->second = StudentTCritical(options.confidence, static_cast<double>(df));
        t = it->second;
      }
      out.push_back(Finish(g, k, t, options.designRows));
    }
  }
  return out;
}

}  // namespace manyi::stats

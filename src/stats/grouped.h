// One-pass grouped moments: n, Σw, mean, SD, SE and CI per (group, item) over large tables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Running weighted moments of one (group, item) cell; updated by West's (1979) weighted
/// algorithm, so no sum of squares about zero is ever formed.
struct CellMoments {
  std::uint64_t n = 0;  ///< valid observations
  double sumW = 0.0;    ///< Σw
  double mean = 0.0;    ///< running weighted mean
  double m2 = 0.0;      ///< Σw(x−x̄)² about the running mean
  double sumW2 = 0.0;   ///< Σw²
  double b = 0.0;       ///< Σw²(x−x̄) about the running mean
  double a = 0.0;       ///< Σw²(x−x̄)² about the running mean (linearised SE)

  /// Adds one observation with weight w > 0.
  void Add(double x, double w) noexcept;
  /// Adds another cell's moments (parallel / chunked accumulation; Chan et al. 1979 combination).
  void Merge(const CellMoments& other) noexcept;
};

/// Finished statistics of one (group, item) cell. Missing where undefined (n < 2 for SD/SE/CI).
struct GroupedCell {
  std::uint32_t group = 0;
  std::uint32_t item = 0;
  std::uint64_t n = 0;
  double sumWeights = 0.0;
  Stat mean;
  Stat sd;       ///< n/(n−1) · Σw(x−x̄)²/Σw (sample SD, n−1, when unweighted)
  Stat se;       ///< √(n/(n−1) · Σw²(x−x̄)²)/Σw (linearisation, with replacement); s/√n unweighted
  Stat ciLower;  ///< mean − t(1−α/2, n−1) · se
  Stat ciUpper;
};

/// How cells are finished into SEs and intervals.
struct GroupedOptions {
  double confidence = 0.95;  ///< of the Student-t interval
  /// 0: each cell is its own sample: SE factor n_c/(n_c − 1), t with n_c − 1 df (s/√n unweighted).
  /// N > 0: cells are domains of one with-replacement sample of N rows, as R survey::svyby(...,
  /// svymean) on svydesign(id = ~1, weights = ~w): SE factor N/(N − 1), t with N − 1 df.
  std::uint64_t designRows = 0;
};

/// Accumulates per (group, item) moments in one pass over the rows; no allocation per row or cell.
/// Values equal to the missing sentinel (NaN) are skipped per item; rows with group kNoGroup or a
/// zero weight are skipped entirely.
class GroupedMoments {
 public:
  /// Creates groupCount × itemCount empty cells.
  GroupedMoments(std::size_t groupCount, std::size_t itemCount);

  /// Adds one row: itemCount values, its group (0..G−1 or kNoGroup) and weight (≥ 0, finite).
  void AddRow(std::span<const double> items, std::uint32_t group, double weight = 1.0);

  /// Adds a row-major block: rows × itemCount values, a group per row, optional weights per row.
  void AddRows(std::span<const double> values, std::span<const std::uint32_t> groups, Weights weights = {});

  /// Adds one item column for all rows (column-major input): values[r], groups[r], weights[r].
  void AddColumn(std::size_t item, std::span<const double> values, std::span<const std::uint32_t> groups,
                 Weights weights = {});

  /// Adds every item at once: columns[k] holds item k's values over all rows (column-major), on up
  /// to `threads` threads (0 = one per hardware thread). Each thread owns a contiguous block of
  /// items, so every cell is still accumulated in row order by one thread: the figures are the same
  /// as AddColumn's, whatever the number of threads.
  void AddColumns(std::span<const std::span<const double>> columns, std::span<const std::uint32_t> groups,
                  Weights weights = {}, unsigned threads = 0);

  /// Adds the cells of another accumulator of the same shape.
  void Merge(const GroupedMoments& other);

  /// Raw moments of one cell.
  const CellMoments& Cell(std::size_t group, std::size_t item) const { return m_cells[group * m_itemCount + item]; }

  /// Finished statistics of one cell with a Student-t confidence interval.
  GroupedCell Summarise(std::size_t group, std::size_t item, GroupedOptions options = {}) const;

  /// Finished statistics of every cell, group-major (group 0 items 0..K−1, group 1, ...).
  std::vector<GroupedCell> SummariseAll(GroupedOptions options = {}) const;

  std::size_t GroupCount() const { return m_groupCount; }
  std::size_t ItemCount() const { return m_itemCount; }
  bool Weighted() const { return m_weighted; }

 private:
  GroupedCell Finish(std::size_t group, std::size_t item, Stat tCritical, std::uint64_t designRows) const;

  std::size_t m_groupCount;
  std::size_t m_itemCount;
  std::vector<CellMoments> m_cells;
  bool m_weighted = false;
};

}  // namespace manyi::stats

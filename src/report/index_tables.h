// Tables of a 0–100 index compared across groups, shared by the `csi` analysis kind and
// `manyi-cli index`: the index per group with CI and n, a ranking with Holm-adjusted pairwise tests,
// the change between consecutive groups (waves), and the row × column matrix for heatmaps.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "report/grouping.h"
#include "report/result_table.h"
#include "stats/descriptives.h"
#include "stats/hypothesis.h"

namespace manyi::report {

/// Small-cell rules of the tables (analysis spec min_n / suppress_below).
struct CellRules {
  size_t minN = 30;
  size_t suppressBelow = 5;
  double confidence = 0.95;
  Cell Guard(Cell c, size_t n) const;
  std::string Note() const;  ///< the footnote explaining † and *
};

/// The index of one group: summary of the respondents' index scores (weighted when weights are
/// given) and its Student-t interval with n − 1 degrees of freedom.
struct GroupIndex {
  std::string label;
  stats::Summary summary;
  stats::Stat lower, upper;
};

/// Summarises respondent-level scores (NaN = no score) per group of g.
std::vector<GroupIndex> SummariseGroups(std::span<const double> scores, const Grouping& g, stats::Weights weights,
                                        double confidence);

/// Replaces the Student-t interval of every group by a seeded percentile bootstrap interval of its
/// (weighted) mean score: `resamples` resamples of the group's respondents (group k draws from
/// streams seeded from seed and k). The SE and the tests between groups stay the linearised ones.
void BootstrapGroupIntervals(std::vector<GroupIndex>& groups, std::span<const double> scores, const Grouping& g,
                             stats::Weights weights, double confidence, std::size_t resamples, std::uint64_t seed);

/// Welch test of the difference a − b of two group indices from their SEs (so weighted SEs count):
/// t = d / √(se_a² + se_b²), Welch–Satterthwaite df with n − 1.
stats::TTestResult IndexDifference(const stats::Summary& a, const stats::Summary& b, double confidence);

/// Groups ranked by their index (highest first; suppressed and empty groups listed last without a
/// rank), with the ranks each group differs from at Holm-adjusted p < 1 − confidence.
ResultTable IndexRankingTable(const std::vector<GroupIndex>& groups, const std::string& groupHeader, const CellRules& rules);
/// Every pair of ranked groups: difference, SE, t, df, p and Holm-adjusted p.
ResultTable IndexPairwiseTable(const std::vector<GroupIndex>& groups, const CellRules& rules);
/// Change from each group to the next (waves in order): difference, its CI, t, p.
ResultTable IndexChangeTable(const std::vector<GroupIndex>& groups, const std::string& groupHeader, const CellRules& rules);
/// The index of a crossed grouping as a matrix: rows = levels of the first variable, columns =
/// levels of the second (with n in a second block of columns).
ResultTable IndexMatrixTable(const std::vector<GroupIndex>& groups, const Grouping& g, const std::string& rowHeader,
                             const CellRules& rules);

}  // namespace manyi::report

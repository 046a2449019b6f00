// Result tables of a PLS path model (manyi-cli index; docs/indices.md): outer and inner model,
// latent-variable summary with the 0–100 indices, effects, bootstrap intervals, IPMA, indices per
// group and over waves, and the permutation test between two groups.
#pragma once

#include <string>
#include <vector>

#include "io/dataset.h"
#include "report/grouping.h"
#include "report/index_tables.h"
#include "report/result_table.h"
#include "stats/pls.h"
#include "stats/pls_groups.h"

namespace manyi::report {

/// A model as the tables name it: display names of the latent variables and of the data columns
/// the model refers to.
struct PlsNames {
  std::vector<std::string> latents;  ///< per latent variable ("SAT — Satisfaction")
  std::vector<std::string> columns;  ///< per data column of the model
};

/// The estimation as tables: outer model, inner model (SE, t, p), latent variables (R², AVE, alpha,
/// rho, index), effects; GoF and iterations in the footnotes. A failed estimation gives one table
/// saying why (never numbers).
std::vector<ResultTable> PlsModelTables(const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names);

/// Bootstrap percentile intervals of weights, loadings, paths, R², total effects and indices.
ResultTable PlsBootstrapTable(const stats::PlsBootstrapResult& b, const stats::PlsResult& r, const stats::PlsModel& model,
                              const PlsNames& names, std::size_t requested, std::uint64_t seed);

/// Importance–performance map of the target latent variable.
ResultTable PlsIpmaTable(const stats::PlsIpmaResult& ipma, const PlsNames& names);

/// Respondent-level 0–100 scores of latent variable k (NaN outside the complete rows, or all NaN
/// when the estimation has no index for k): the normalised outer weights applied to the raw items,
/// so the mean over all complete rows is the model's index. `dataRows` is the length of the data.
std::vector<double> PlsIndexScores(stats::Columns data, const stats::PlsResult& r, const stats::PlsModel& model,
                                   std::size_t k, std::size_t dataRows);

/// Indices of every latent variable per group (n, index, CI), the measurement model of the whole
/// sample applied to each group's answers.
ResultTable PlsGroupIndexTable(stats::Columns data, const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names,
                               const Grouping& g, const std::string& groupHeader, stats::Weights weights, const CellRules& rules);

/// The permutation test between two groups: paths, R² and indices of each group, difference, p.
ResultTable PlsGroupComparisonTable(const stats::PlsGroupComparison& c, const stats::PlsModel& model, const PlsNames& names,
                                    const std::string& labelA, const std::string& labelB, std::size_t requested, std::uint64_t seed);

/// The words for a failed estimation status (translated), naming the latent variable or item.
std::string DescribeStatus(stats::PlsStatus status, const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names);

}  // namespace manyi::report

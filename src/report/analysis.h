// Runs a declarative analysis spec (docs/analysis-spec.md) over a dataset and returns
// renderer-neutral result tables. The GUI builds the same specs the CLI reads.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "io/dataset.h"
#include "report/result_table.h"

namespace manyi::report {

/// Parses spec JSON and runs every analysis in it over data. Texts (titles, headers, value labels)
/// are in the current interface language. Throws UserError naming the analysis and field that is
/// wrong (unknown variable, bad option).
std::vector<ResultTable> RunAnalysisSpec(const std::string& specJson, const io::Dataset& data, const std::string& specName);

/// What a spec run may know beside the data, and what it tells about its tables.
struct AnalysisContext {
  /// The questionnaire of a project's data: a `pls` analysis binds a model's item roles through
  /// it (without it, only explicit item ids bind).
  const Questionnaire* form = nullptr;
  /// Filled with the number of tables each analysis of the spec produced, in spec order.
  std::vector<size_t>* tablesPerAnalysis = nullptr;
};
std::vector<ResultTable> RunAnalysisSpec(const std::string& specJson, const io::Dataset& data, const std::string& specName,
                                         const AnalysisContext& context);
/// Every text value in a spec (not its keys): a superset of the variables it names, so that only
/// those need loading (io::LoadProjectData onlyColumns). Empty when the spec is not valid JSON;
/// RunAnalysisSpec then reports that. nullopt when the spec needs variables it does not name: a
/// `pls` analysis binds its model to the questionnaire's items by their roles.
std::optional<std::set<std::string>> SpecVariableNames(const std::string& specJson);

/// Writes tables as CSV (UTF-8 with BOM for Excel; one block per table, a blank line between);
/// cells that start with = + - @ are neutralised with a leading apostrophe (formula injection).
std::string RenderCsv(const std::vector<ResultTable>& tables);

}  // namespace manyi::report

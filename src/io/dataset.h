// A column-oriented table of analysis variables, loaded from a project's responses or from a
// plain CSV file, with value labels and the user-missing codes already turned into "missing".
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "storage/project.h"

namespace manyi {
struct Scale;
struct Variable;
}  // namespace manyi

namespace manyi::io {

/// One variable: numbers (NaN = missing), and labels for coded values.
struct DataColumn {
  std::string name;
  std::string label;                       ///< question text in the output language
  std::vector<double> values;
  std::map<double, std::string> valueLabels;
  std::optional<double> scaleMin, scaleMax;  ///< rating scales
  bool categorical = false;                ///< codes (single choice, channel, wave, text-coded CSV columns)
  size_t userMissing = 0;                  ///< answers that were a missing code (don't know…) — not numbers
  std::string missingLabel;                ///< group label of missing values ("" = "(not answered)")
};

/// The analysis data: equal-length columns and optional weights.
struct Dataset {
  std::vector<DataColumn> columns;
  std::vector<double> weights;   ///< empty = unweighted
  std::string weighting;         ///< what the weights are ("none", a scheme or a column name)
  std::string source;            ///< the file the data came from
  std::string fingerprint;       ///< SHA-256 over the values, for the method statement
  size_t rows = 0;
  std::vector<std::string> notLoaded;  ///< variables of the source left out (LoadProjectData onlyColumns)

  /// The column called name, or nullptr.
  const DataColumn* Find(const std::string& name) const;
};

/// The label of a questionnaire variable in lang: the item text, then " — " and the grid row or
/// the option of a multi-select or ranking variable.
std::string VariableLabel(const Variable& v, const std::string& lang);
/// The labelled codes of a variable in lang: its answer codes (single choice) and the labelled
/// points of its scale (the importance scale for an importance variable); none for an option.
std::map<double, std::string> VariableValueLabels(const Variable& v, const std::string& lang);
/// The scale a variable is answered on (the importance scale for an importance variable), or nullptr.
const Scale* VariableScale(const Variable& v);

/// Loads the responses of a project's questionnaire (the newest when id is 0) as variables, plus
/// `channel` and `wave`. Missing codes of scales become missing; lang ("zh"/"en") picks labels.
/// weightScheme names a stored weighting scheme ("" = unweighted). Without fingerprint the
/// SHA-256 of the values (seconds for a million responses) is left empty: for callers that print
/// no method statement. With onlyColumns, only the variables named there are loaded (a million
/// responses × every variable is hundreds of MB); the others are listed in Dataset::notLoaded.
/// A damaged page or another SQLite failure met while reading throws UserError
/// (storage::DescribeSqliteError), as does a response whose answers do not decode.
Dataset LoadProjectData(storage::Project& project, int64_t questionnaireId, const std::string& lang,
                        const std::string& weightScheme = "", bool fingerprint = true,
                        const std::set<std::string>* onlyColumns = nullptr);

/// Loads a CSV file (UTF-8, header row): numeric columns stay numbers; other columns become
/// categorical codes 1..k in order of first appearance, labelled with their texts. weightColumn
/// names a column of weights ("" = unweighted). Throws UserError naming file, row and column.
Dataset LoadCsvData(const std::filesystem::path& file, const std::string& weightColumn = "");

}  // namespace manyi::io

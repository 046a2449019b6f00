// Weighting schemes stored in a project: design weights, post-stratification and raking of the
// responses to population counts from the sample frame or from files, optionally trimmed; one
// scheme may be active and is then used by every analysis that is not told otherwise.
// Definitions and messages: docs/statistics.md §2.1, commands: docs/cli.md (`manyi-cli weight`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/message.h"
#include "storage/project.h"

namespace manyi::io {

enum class WeightMethod { kDesign, kPostStratify, kRake };

/// How a scheme is to be computed.
struct WeightSpec {
  WeightMethod method = WeightMethod::kPostStratify;
  /// Design: strata variables; post-stratification: the crossed cell variables; raking: one
  /// variable per margin. A variable is a column of the frame (region, industry,
  /// importance_class, loyalty_class) or a coded question of the questionnaire.
  std::vector<std::string> variables;
  /// Population counts: post-stratification one file for all cells (empty = the frame); raking one
  /// file per margin (empty entry = that margin from the frame); design: unused (always the frame).
  std::vector<std::filesystem::path> targetFiles;
  std::string baseScheme;  ///< post-stratify / rake: start from this scheme's weights ("" = 1)
  bool drawnSample = true; ///< design: n_h = customers drawn (fieldwork); false: customers responding
  std::optional<double> trimLower, trimUpper;  ///< trimming bounds as multiples of the mean weight
  bool trimEqualSpread = false;  ///< trimming hands the excess out equally (R survey trimWeights), not proportionally
  double tolerance = 1e-7;                     ///< raking
  int maxIterations = 100;                     ///< raking
  bool perWave = false;       ///< weight each wave on its own to the full population
  bool keepUnmatched = false; ///< responses in no population cell keep their base weight (else an error)
};

/// One stored scheme.
struct WeightSchemeInfo {
  int64_t id = 0;
  std::string name, method, createdAt;
  nlohmann::json spec, report;
  bool active = false;
};

/// Computes a scheme over all responses of the project and stores it under name, in one
/// transaction (replacing a scheme of that name only when replace is set; its active flag stays).
/// Throws UserError naming the cell, category, file, row or column when it cannot be computed.
WeightSchemeInfo CreateWeightScheme(storage::Project& project, const std::string& name, const WeightSpec& spec,
                                    bool replace = false);

std::vector<WeightSchemeInfo> ListWeightSchemes(storage::Project& project);
/// The scheme called name; UserError listing the schemes there are when there is none.
WeightSchemeInfo GetWeightScheme(storage::Project& project, const std::string& name);
/// Makes name the only active scheme.
void ActivateWeightScheme(storage::Project& project, const std::string& name);
/// Leaves no scheme active (analyses are then unweighted unless told otherwise).
void DeactivateWeightSchemes(storage::Project& project);
/// Deletes the scheme and its weights.
void DeleteWeightScheme(storage::Project& project, const std::string& name);
/// The name of the active scheme, if any.
std::optional<std::string> ActiveWeightScheme(storage::Project& project);

/// "NAME (post-stratification by region × industry, trimmed to 0.3–3 × the mean)" in the user's
/// language: what table footnotes and the method sheet say about the weighting.
std::string DescribeWeightScheme(const WeightSchemeInfo& scheme);

/// The warnings in a scheme's report, in the user's language.
std::vector<std::string> WeightSchemeWarnings(const WeightSchemeInfo& scheme);

}  // namespace manyi::io

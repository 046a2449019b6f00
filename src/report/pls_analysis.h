// A PLS satisfaction model run over a dataset, as tables: the one piece of code behind
// `manyi-cli index`, the `pls` kind of the analysis specs (and so the report templates) and the GUI.
// It finds and binds the model, estimates it and adds bootstrap intervals, the IPMA, indices per
// group, over waves and the permutation comparison of two groups as asked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.h"
#include "io/dataset.h"
#include "io/pls_model.h"
#include "report/index_tables.h"
#include "report/result_table.h"

namespace manyi::report {

/// Finds a model: a path to a .json file, or the name of a model in ResourceDir("models")
/// ("ecsi" or "ecsi.json"). Throws UserError listing the models there are when none is found.
io::PlsModelTemplate LoadPlsModel(const std::string& nameOrPath);

/// What to compute beside the model itself.
struct PlsAnalysisOptions {
  std::string modelOrigin;  ///< the model's file or name, for the footnotes and messages
  std::optional<double> scaleMin, scaleMax;  ///< scale of latent variables whose items carry none
  std::size_t bootstrap = 0;  ///< resamples (0 = no bootstrap table)
  std::uint64_t seed = 1;
  unsigned threads = 0;
  bool ipma = true;                           ///< the IPMA table when the model names a target
  std::vector<const io::DataColumn*> by;      ///< indices per group (one or two variables)
  const io::DataColumn* trend = nullptr;      ///< indices over the waves of this variable
  const io::DataColumn* compare = nullptr;    ///< permutation comparison of two of its groups…
  std::vector<std::string> groups;            ///< …named by label or code
  std::size_t permutations = 1000;
  CellRules rules;
};

/// The outcome: the tables, and why the model could not be estimated (empty when it was).
struct PlsAnalysis {
  std::vector<ResultTable> tables;
  std::string failure;
};

/// Binds the model to the data (by roles through form when given, else by explicit item ids) and
/// runs it; with form, reversed ratings are recoded max + min − x first. Throws UserError when the model does not fit the data (unbound roles, unknown items,
/// unknown --groups values); an estimation that fails is a table saying why, plus `failure`.
PlsAnalysis RunPlsAnalysis(const io::Dataset& data, const io::PlsModelTemplate& model, const Questionnaire* form,
                           const PlsAnalysisOptions& options);

}  // namespace manyi::report

// PLS model templates (models/*.json, docs/pls.md): reading them and binding their latent variables
// to a questionnaire's items by role or id, so that ACSI / ECSI / CCSI run without drawing a model.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.h"
#include "core/questionnaire.h"
#include "stats/pls.h"

namespace manyi::io {

/// One latent variable of a template: its items by questionnaire role or by explicit variable id.
struct PlsTemplateLatent {
  std::string id;
  LocalText label;
  stats::PlsMode mode = stats::PlsMode::A;
  std::vector<ItemRole> roles;      ///< items (and grid rows) having one of these roles…
  std::vector<ItemType> itemTypes;  ///< …and one of these types (default rating, grid, nps, numeric)
  std::vector<std::string> items;   ///< explicit variable ids (bound before the roles)
  std::optional<double> scaleMin;   ///< explicit item scale for the 0–100 index
  std::optional<double> scaleMax;
};

/// A PLS model template ("format": "manyi-pls-model").
struct PlsModelTemplate {
  std::string id;
  LocalText label;
  LocalText description;
  stats::PlsOptions options;
  std::string target;                      ///< latent variable the model explains (IPMA target), may be empty
  std::vector<PlsTemplateLatent> latents;  ///< in causal order
  std::vector<std::pair<std::string, std::string>> paths;  ///< from id → to id
};

/// Parses a template from JSON text; errors name the place ("latent_variables[2].roles[0]") and
/// what to do. `origin` names the file in messages.
Result<PlsModelTemplate> ParsePlsModelJson(const std::string& text, const std::string& origin);
/// Reads a template file (UTF-8 JSON).
Result<PlsModelTemplate> ReadPlsModelFile(const std::filesystem::path& file);

/// Something that kept a latent variable from being bound.
struct PlsBindingProblem {
  std::string latent;  ///< template id of the latent variable
  Message message;     ///< what is missing and what to do
};

/// A template bound to data columns: `model` refers to `variables` by index (column k of the data
/// handed to stats::EstimatePls is the variable variables[k]).
struct PlsBinding {
  stats::PlsModel model;
  stats::PlsOptions options;
  std::vector<std::string> variables;
  std::vector<PlsBindingProblem> problems;  ///< unbound roles and unknown item ids
  bool Ok() const { return problems.empty(); }
};

/// Binds a template to a questionnaire: explicit ids must be variables of it; roles take every item
/// (and grid row) with the role and an accepted type, in questionnaire order. A latent variable's
/// scale (for the 0–100 index) is the template's, else the common scale of its items.
PlsBinding BindPlsModel(const PlsModelTemplate& model, const Questionnaire& form);

/// Binds a template to plain data columns (no questionnaire): only explicit item ids can bind;
/// a latent variable defined by roles alone is reported unbound.
PlsBinding BindPlsModelToColumns(const PlsModelTemplate& model, const std::vector<std::string>& columns);

}  // namespace manyi::io

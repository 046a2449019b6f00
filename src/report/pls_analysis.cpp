// A PLS model over a dataset as tables (see pls_analysis.h).
#include "report/pls_analysis.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/paths.h"
#include "core/text.h"
#include "report/grouping.h"
#include "report/pls_tables.h"
#include "stats/pls_groups.h"

namespace manyi::report {

namespace fs = std::filesystem;

namespace {

std::string Label(const io::DataColumn& c) { return !c.label.empty() && c.label != c.name ? c.label : c.name; }

std::string Lang() { return CurrentLanguage() == "zh_CN" ? "zh" : "en"; }

void AddPlsExtras(PlsAnalysis& out, const io::Dataset& d, stats::Columns data, const stats::PlsResult& fit, const io::PlsBinding& bound,
                  const PlsNames& plsNames, std::size_t target, const PlsAnalysisOptions& o) {
  std::vector<ResultTable>& tables = out.tables;
  if (o.bootstrap > 0) {
    stats::PlsBootstrapOptions bo;
    bo.resamples = o.bootstrap;
    bo.seed = o.seed;
    bo.threads = o.threads;
    tables.push_back(PlsBootstrapTable(stats::BootstrapPls(data, bound.model, bound.options, bo), fit, bound.model, plsNames, o.bootstrap, o.seed));
  }
  if (o.ipma && target < bound.model.latents.size()) tables.push_back(PlsIpmaTable(stats::PlsIpma(fit, target), plsNames));
  const std::string weightNote = d.weights.empty() ? Translate(N_("Unweighted."))
                                                   : Message(N_("Indices by group weighted by {0}; the model itself is estimated unweighted (as plspm).")).Arg(d.weighting).Text();
  // Indices compare the groups on the target (the last latent variable of a model without one).
  const std::size_t indexed = target < bound.model.latents.size() ? target : bound.model.latents.size() - 1;
  if (!o.by.empty()) {
    if (o.by.size() > 2) throw UserError(Message(N_("Indices by group take one or two grouping variables, such as region,industry.")));
    Grouping g = GroupRows(d, o.by);
    std::string header;
    for (const auto* c : o.by) header += (header.empty() ? "" : " × ") + Label(*c);
    tables.push_back(PlsGroupIndexTable(data, fit, bound.model, plsNames, g, header, d.weights, o.rules));
    tables.back().footnotes.push_back(weightNote);
    // The target's index compared across the groups, and as a matrix for a heatmap.
    const auto groups = SummariseGroups(PlsIndexScores(data, fit, bound.model, indexed, d.rows), g, d.weights, o.rules.confidence);
    ResultTable ranking = IndexRankingTable(groups, header, o.rules);
    ranking.title = Message(N_("Ranking of the groups by the {0} index")).Arg(plsNames.latents[indexed]).Text();
    tables.push_back(std::move(ranking));
    tables.push_back(IndexPairwiseTable(groups, o.rules));
    if (g.levels.size() == 2) {
      ResultTable m = IndexMatrixTable(groups, g, Label(*o.by[0]) + " \\ " + Label(*o.by[1]), o.rules);
      m.title = Message(N_("{0} index: {1} × {2}")).Arg(plsNames.latents[indexed]).Arg(Label(*o.by[0])).Arg(Label(*o.by[1])).Text();
      tables.push_back(std::move(m));
    }
  }
  if (o.trend) {
    Grouping g = GroupRows(d, {o.trend});
    for (std::size_t k = 0; k < bound.model.latents.size(); ++k) {
      if (!fit.latents[k].index) continue;
      const auto groups = SummariseGroups(PlsIndexScores(data, fit, bound.model, k, d.rows), g, d.weights, o.rules.confidence);
      ResultTable t = IndexChangeTable(groups, Label(*o.trend), o.rules);
      t.id = "pls_trend";
      t.title = Message(N_("{0} index over {1}")).Arg(plsNames.latents[k]).Arg(Label(*o.trend)).Text();
      t.footnotes.push_back(weightNote);
      tables.push_back(std::move(t));
    }
  }
  if (o.compare) {
    const io::DataColumn& var = *o.compare;
    if (o.groups.size() != 2)
      throw UserError(Message(N_("--compare needs --groups with two values of {0}, such as --groups Qingdao,Jinan.")).Arg(var.name));
    std::vector<double> codes;
    for (const std::string& want : o.groups) {
      std::optional<double> code;
      for (const auto& [c, label] : var.valueLabels)
        if (label == want) code = c;
      if (!code) code = ParseNumber(want);
      if (!code) {
        std::string known;
        for (const auto& [c, label] : var.valueLabels) known += (known.empty() ? "" : ", ") + label;
        throw UserError(Message(N_("--groups: \"{0}\" is not a value of {1} (values: {2}).")).Arg(want).Arg(var.name).Arg(known));
      }
      codes.push_back(*code);
    }
    std::vector<std::uint8_t> group(d.rows, 2);
    for (std::size_t r = 0; r < d.rows; ++r) {
      if (var.values[r] == codes[0]) group[r] = 0;
      else if (var.values[r] == codes[1]) group[r] = 1;
    }
    stats::PlsPermutationOptions po;
    po.permutations = o.permutations;
    po.seed = o.seed;
    po.threads = o.threads;
    const auto cmp = stats::ComparePlsGroups(data, bound.model, bound.options, group, po);
    tables.push_back(PlsGroupComparisonTable(cmp, bound.model, plsNames, o.groups[0], o.groups[1], o.permutations, o.seed));
  }
}


}  // namespace

io::PlsModelTemplate LoadPlsModel(const std::string& nameOrPath) {
  const fs::path p(nameOrPath);
  std::error_code ec;
  fs::path file = p;
  if (nameOrPath.find('/') == std::string::npos && !(p.extension() == ".json" && fs::is_regular_file(p, ec)))
    file = ResourceDir("models") / (p.extension() == ".json" ? p : fs::path(nameOrPath + ".json"));
  if (!fs::is_regular_file(file, ec)) {
    std::vector<std::string> names;
    for (const auto& e : fs::directory_iterator(ResourceDir("models"), ec))
      if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
    std::sort(names.begin(), names.end());
    std::string known;
    for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
    throw UserError(Message(N_("There is no PLS model \"{0}\" ({1} not found). Models: {2}; or give the path of a model file (docs/pls.md).")).Arg(nameOrPath).Arg(file.string()).Arg(known));
  }
  return io::ReadPlsModelFile(file).TakeOrThrow();
}

PlsAnalysis RunPlsAnalysis(const io::Dataset& d, const io::PlsModelTemplate& tmpl, const Questionnaire* form,
                           const PlsAnalysisOptions& o) {
  std::vector<std::string> names;
  for (const auto& c : d.columns) names.push_back(c.name);
  io::PlsBinding bound = form ? io::BindPlsModel(tmpl, *form) : io::BindPlsModelToColumns(tmpl, names);
  if (!bound.Ok()) {
    std::string list;
    for (const auto& p : bound.problems) list += "\n  - " + p.latent + ": " + p.message.Text();
    throw UserError(Message(N_("The model {0} does not fit the data:{1}")).Arg(o.modelOrigin).Arg(list));
  }
  // The model's columns, in binding order; reversed ratings recoded max + min − x (DOMAIN.md §3).
  std::vector<std::span<const double>> data;
  std::vector<std::vector<double>> recoded;
  recoded.reserve(bound.variables.size());
  PlsNames plsNames;
  for (const std::string& v : bound.variables) {
    const io::DataColumn* c = d.Find(v);
    if (!c)
      throw UserError(Message(N_("The model {0} uses the variable \"{1}\", which is not in the data.")).Arg(o.modelOrigin).Arg(v));
    data.emplace_back(c->values);
    plsNames.columns.push_back(c->name);
    if (!form) continue;
    for (const Variable& var : form->Variables()) {
      const bool reversed = var.row ? var.row->reversed : var.item->reversed;
      if (var.name != v || !reversed || var.isImportance || !var.item->scale) continue;
      recoded.push_back(c->values);
      for (double& x : recoded.back())
        if (!std::isnan(x)) x = var.item->scale->max + var.item->scale->min - x;
      data.back() = recoded.back();
    }
  }
  if (o.scaleMin && o.scaleMax)
    for (auto& lv : bound.model.latents)
      if (!lv.scaleMin || !lv.scaleMax) {
        lv.scaleMin = *o.scaleMin;
        lv.scaleMax = *o.scaleMax;
      }
  for (std::size_t k = 0; k < tmpl.latents.size(); ++k) {
    const std::string label = tmpl.latents[k].label.Get(Lang());
    plsNames.latents.push_back(label.empty() ? bound.model.latents[k].name : bound.model.latents[k].name + " — " + label);
  }
  std::size_t target = bound.model.latents.size();
  for (std::size_t k = 0; k < bound.model.latents.size(); ++k)
    if (bound.model.latents[k].name == tmpl.target) target = k;

  PlsAnalysis out;
  std::vector<ResultTable>& tables = out.tables;
  const stats::PlsResult fit = stats::EstimatePls(data, bound.model, bound.options);
  tables = PlsModelTables(fit, bound.model, plsNames);
  if (!fit.Ok()) out.failure = DescribeStatus(fit.status, fit, bound.model, plsNames);
  if (fit.Ok()) AddPlsExtras(out, d, data, fit, bound, plsNames, target, o);
  for (auto& t : tables)
    if (t.id.rfind("pls_", 0) == 0 && t.id != "pls_trend" && t.id != "pls_group_indices")
      t.footnotes.push_back(Message(N_("Model {0} ({1}).")).Arg(tmpl.id).Arg(o.modelOrigin).Text());
  return out;
}


}  // namespace manyi::report

// `manyi-cli index`: estimates a PLS satisfaction model (ACSI / ECSI / CCSI or the user's own,
// docs/indices.md) over a project's responses or a CSV file and prints or writes its tables: the
// model, bootstrap intervals, IPMA, indices per group and over waves, and a permutation comparison.
#include <fstream>
#include <sstream>

#include "cli/commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/text.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "io/pls_model.h"
#include "report/analysis.h"
#include "report/grouping.h"
#include "report/index_tables.h"
#include "report/pls_tables.h"
#include "stats/pls_groups.h"
#include "storage/project.h"

namespace manyi::cli {

namespace {

struct IndexArgs {
  std::string project, data, form, model, out, weights, by, trend, compare, groups, scale;
  int64_t questionnaire = 0;
  std::size_t bootstrap = 0, permutations = 1000;
  std::uint64_t seed = 1;
  unsigned threads = 0;
  double confidence = 0.95;
  std::size_t minN = 30, suppress = 5;
};

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ',') {
      out.push_back(std::string(Trim(cur)));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty() || !out.empty()) out.push_back(std::string(Trim(cur)));
  return out;
}

const io::DataColumn& NeedColumn(const io::Dataset& d, const std::string& name, const char* option) {
  const io::DataColumn* c = d.Find(name);
  if (!c) {
    std::string known;
    for (std::size_t i = 0; i < d.columns.size() && i < 12; ++i) known += (i ? ", " : "") + d.columns[i].name;
    throw UserError(Message(N_("{0}: there is no variable \"{1}\" in the data (variables: {2}…).")).Arg(option).Arg(name).Arg(known));
  }
  return *c;
}

std::string Label(const io::DataColumn& c) { return !c.label.empty() && c.label != c.name ? c.label : c.name; }

/// Reversed ratings recoded (max + min − x) before any index (DOMAIN.md §3).
void RecodeReversed(const Questionnaire& form, io::Dataset& d) {
  for (const Variable& v : form.Variables()) {
    const bool reversed = v.row ? v.row->reversed : v.item->reversed;
    if (!reversed || v.isImportance || !v.item->scale) continue;
    for (io::DataColumn& c : d.columns)
      if (c.name == v.name)
        for (double& x : c.values)
          if (!std::isnan(x)) x = v.item->scale->max + v.item->scale->min - x;
  }
}

int RunIndex(const IndexArgs& a) {
  if (a.project.empty() == a.data.empty())
    throw UserError(Message(N_("Give either a project file or --data FILE.csv (not both). Example: manyi-cli index survey.manyi --model models/ecsi.json")));
  if (!(a.confidence > 0 && a.confidence < 1)) throw UserError(Message(N_("--confidence must be between 0 and 1, such as 0.95.")));
  io::PlsModelTemplate tmpl = io::ReadPlsModelFile(a.model).TakeOrThrow();
  io::Dataset d;
  std::optional<Questionnaire> form;
  if (!a.data.empty()) {
    d = io::LoadCsvData(a.data, a.weights);
    if (!a.form.empty()) form = LoadValidForm(a.form);
  } else {
    auto p = storage::Project::Open(a.project).TakeOrThrow();
    d = io::LoadProjectData(*p, a.questionnaire, CurrentLanguage() == "zh_CN" ? "zh" : "en", a.weights);
    form = io::LoadQuestionnaire(*p, a.questionnaire == 0 ? p->Db().QueryInt("SELECT id FROM questionnaire ORDER BY id DESC LIMIT 1") : a.questionnaire);
  }
  if (form) RecodeReversed(*form, d);
  std::vector<std::string> names;
  for (const auto& c : d.columns) names.push_back(c.name);
  io::PlsBinding bound = form ? io::BindPlsModel(tmpl, *form) : io::BindPlsModelToColumns(tmpl, names);
  if (!bound.Ok()) {
    std::string list;
    for (const auto& p : bound.problems) list += "\n  - " + p.latent + ": " + p.message.Text();
    throw UserError(Message(N_("The model {0} does not fit the data:{1}")).Arg(a.model).Arg(list));
  }
  // The model's columns, in binding order.
  std::vector<std::span<const double>> data;
  report::PlsNames plsNames;
  for (const std::string& v : bound.variables) {
    const io::DataColumn& c = NeedColumn(d, v, "--model");
    data.emplace_back(c.values);
    plsNames.columns.push_back(c.name);
  }
  if (!a.scale.empty()) {
    auto parts = SplitList(a.scale);
    std::optional<double> low, high;
    if (parts.size() == 2) {
      low = ParseNumber(parts[0]);
      high = ParseNumber(parts[1]);
    }
    if (!low || !high || !(*low < *high))
      throw UserError(Message(N_("--scale takes the lowest and highest scale point, such as --scale 1,10.")));
    const double lo = *low, hi = *high;
    for (auto& lv : bound.model.latents)
      if (!lv.scaleMin || !lv.scaleMax) {
        lv.scaleMin = lo;
        lv.scaleMax = hi;
      }
  }
  for (std::size_t k = 0; k < tmpl.latents.size(); ++k) {
    const std::string label = tmpl.latents[k].label.Get(CurrentLanguage() == "zh_CN" ? "zh" : "en");
    plsNames.latents.push_back(label.empty() ? bound.model.latents[k].name : bound.model.latents[k].name + " — " + label);
  }

  const stats::PlsResult fit = stats::EstimatePls(data, bound.model, bound.options);
  std::vector<report::ResultTable> tables = report::PlsModelTables(fit, bound.model, plsNames);
  const report::CellRules rules{a.minN, a.suppress, a.confidence};
  if (fit.Ok()) {
    if (a.bootstrap > 0) {
      stats::PlsBootstrapOptions bo;
      bo.resamples = a.bootstrap;
      bo.seed = a.seed;
      bo.threads = a.threads;
      tables.push_back(report::PlsBootstrapTable(stats::BootstrapPls(data, bound.model, bound.options, bo), fit, bound.model, plsNames, a.bootstrap, a.seed));
    }
    if (!tmpl.target.empty()) {
      std::size_t target = 0;
      while (target < bound.model.latents.size() && bound.model.latents[target].name != tmpl.target) ++target;
      if (target < bound.model.latents.size()) tables.push_back(report::PlsIpmaTable(stats::PlsIpma(fit, target), plsNames));
    }
    const std::string weightNote = d.weights.empty() ? Translate(N_("Unweighted."))
                                                     : Message(N_("Indices by group weighted by {0}; the model itself is estimated unweighted (as plspm).")).Arg(d.weighting).Text();
    if (!a.by.empty()) {
      std::vector<const io::DataColumn*> by;
      for (const std::string& n : SplitList(a.by)) by.push_back(&NeedColumn(d, n, "--by"));
      if (by.size() > 2) throw UserError(Message(N_("--by takes one or two variables, such as --by region,industry.")));
      report::Grouping g = report::GroupRows(d, by);
      std::string header;
      for (const auto* c : by) header += (header.empty() ? "" : " × ") + Label(*c);
      tables.push_back(report::PlsGroupIndexTable(data, fit, bound.model, plsNames, g, header, d.weights, rules));
      tables.back().footnotes.push_back(weightNote);
      // The target's index compared across the groups, and as a matrix for a heatmap.
      std::size_t target = bound.model.latents.size() - 1;
      for (std::size_t k = 0; k < bound.model.latents.size(); ++k)
        if (bound.model.latents[k].name == tmpl.target) target = k;
      const auto groups = report::SummariseGroups(report::PlsIndexScores(data, fit, bound.model, target, d.rows), g, d.weights, a.confidence);
      report::ResultTable ranking = report::IndexRankingTable(groups, header, rules);
      ranking.title = Message(N_("Ranking of the groups by the {0} index")).Arg(plsNames.latents[target]).Text();
      tables.push_back(std::move(ranking));
      tables.push_back(report::IndexPairwiseTable(groups, rules));
      if (g.levels.size() == 2) {
        report::ResultTable m = report::IndexMatrixTable(groups, g, Label(*by[0]) + " \\ " + Label(*by[1]), rules);
        m.title = Message(N_("{0} index: {1} × {2}")).Arg(plsNames.latents[target]).Arg(Label(*by[0])).Arg(Label(*by[1])).Text();
        tables.push_back(std::move(m));
      }
    }
    if (!a.trend.empty()) {
      const io::DataColumn& wave = NeedColumn(d, a.trend, "--trend");
      report::Grouping g = report::GroupRows(d, {&wave});
      for (std::size_t k = 0; k < bound.model.latents.size(); ++k) {
        if (!fit.latents[k].index) continue;
        const auto groups = report::SummariseGroups(report::PlsIndexScores(data, fit, bound.model, k, d.rows), g, d.weights, a.confidence);
        report::ResultTable t = report::IndexChangeTable(groups, Label(wave), rules);
        t.id = "pls_trend";
        t.title = Message(N_("{0} index over {1}")).Arg(plsNames.latents[k]).Arg(Label(wave)).Text();
        t.footnotes.push_back(weightNote);
        tables.push_back(std::move(t));
      }
    }
    if (!a.compare.empty()) {
      const io::DataColumn& var = NeedColumn(d, a.compare, "--compare");
      const auto chosen = SplitList(a.groups);
      if (chosen.size() != 2)
        throw UserError(Message(N_("--compare needs --groups with two values of {0}, such as --groups Qingdao,Jinan.")).Arg(var.name));
      std::vector<double> codes;
      for (const std::string& want : chosen) {
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
      po.permutations = a.permutations;
      po.seed = a.seed;
      po.threads = a.threads;
      const auto cmp = stats::ComparePlsGroups(data, bound.model, bound.options, group, po);
      tables.push_back(report::PlsGroupComparisonTable(cmp, bound.model, plsNames, chosen[0], chosen[1], a.permutations, a.seed));
    }
  }
  for (auto& t : tables)
    if (t.id.rfind("pls_", 0) == 0 && t.id != "pls_trend" && t.id != "pls_group_indices")
      t.footnotes.push_back(Message(N_("Model {0} ({1}).")).Arg(tmpl.id).Arg(a.model).Text());
  if (!a.out.empty()) {
    std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
    out << report::RenderCsv(tables);
    if (!out) throw UserError(Message(N_("Cannot write {0}. Check that the folder exists and is writable.")).Arg(a.out));
    Out(Message(N_("{0} table(s) written to {1}.")).Arg(static_cast<long long>(tables.size())).Arg(a.out).Text() + "\n");
  } else {
    for (const auto& t : tables) Out(report::RenderText(t) + "\n");
  }
  if (!fit.Ok()) {
    Err(Message(N_("The model could not be estimated: {0}.")).Arg(report::DescribeStatus(fit.status, fit, bound.model, plsNames)).Text() + "\n");
    return 1;
  }
  return 0;
}

}  // namespace

void AddIndexCommand(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("index", Tr(N_("Estimate a satisfaction index model (ACSI, ECSI, CCSI or your own, by PLS path modelling) and print or write its tables")));
  auto a = std::make_shared<IndexArgs>();
  auto* project = cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")));
  auto* data = cmd->add_option("--data", a->data, Tr(N_("A CSV file (UTF-8, header row) to analyse instead of a project")));
  project->excludes(data);
  data->excludes(project);
  cmd->add_option("--model", a->model, Tr(N_("The model (.json; models/acsi.json, ecsi.json, ccsi.json or your own; see docs/indices.md)")))->required();
  cmd->add_option("--form", a->form, Tr(N_("With --data: the questionnaire (.json) whose item roles bind the model to the CSV columns")));
  cmd->add_option("-o,--output", a->out, Tr(N_("Write the tables to this CSV file instead of printing them")));
  cmd->add_option("--weights", a->weights, Tr(N_("Weighting scheme of the project, or weight column of the CSV file (for the indices by group)")));
  cmd->add_option("--questionnaire", a->questionnaire, Tr(N_("Questionnaire version id in the project (default: the newest)")));
  cmd->add_option("--by", a->by, Tr(N_("Indices per group of one or two variables, such as region,industry")));
  cmd->add_option("--trend", a->trend, Tr(N_("Indices over the waves of this variable (usually wave) with the change between consecutive waves")));
  cmd->add_option("--compare", a->compare, Tr(N_("Compare two groups of this variable by a permutation test (with --groups)")));
  cmd->add_option("--groups", a->groups, Tr(N_("The two groups to compare, by label or code, such as Qingdao,Jinan")));
  cmd->add_option("--permutations", a->permutations, Tr(N_("Permutations of the group comparison (default 1000)")));
  cmd->add_option("--bootstrap", a->bootstrap, Tr(N_("Bootstrap resamples for percentile intervals (default 0: none)")));
  cmd->add_option("--seed", a->seed, Tr(N_("Seed of the bootstrap and of the permutations (default 1): the same seed gives the same figures")));
  cmd->add_option("--threads", a->threads, Tr(N_("Threads for the bootstrap and permutations (default 0: all cores; the figures do not depend on it)")));
  cmd->add_option("--scale", a->scale, Tr(N_("Lowest and highest scale point of items whose scale is not known, such as 1,10")));
  cmd->add_option("--confidence", a->confidence, Tr(N_("Confidence level of the intervals (default 0.95)")));
  cmd->add_option("--min-n", a->minN, Tr(N_("Groups with fewer respondents are flagged (default 30)")));
  cmd->add_option("--suppress-below", a->suppress, Tr(N_("Groups with fewer respondents are suppressed (default 5)")));
  cmd->callback([&chosen, a] { chosen = [a] { return RunIndex(*a); }; });
}

}  // namespace manyi::cli

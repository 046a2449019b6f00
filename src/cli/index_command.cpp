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
#include "report/analysis.h"
#include "report/pls_analysis.h"
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

int RunIndex(const IndexArgs& a) {
  if (a.project.empty() == a.data.empty())
    throw UserError(Message(N_("Give either a project file or --data FILE.csv (not both). Example: manyi-cli index survey.manyi --model models/ecsi.json")));
  if (!(a.confidence > 0 && a.confidence < 1)) throw UserError(Message(N_("--confidence must be between 0 and 1, such as 0.95.")));
  const io::PlsModelTemplate tmpl = report::LoadPlsModel(a.model);
  io::Dataset d;
  std::optional<Questionnaire> form;
  if (!a.data.empty()) {
    d = io::LoadCsvData(a.data, a.weights);
    if (!a.form.empty()) form = LoadValidForm(a.form);
  } else {
    // Read-only, as analyze: the index writes nothing, and a damaged page it reads is reported.
    auto p = storage::Project::OpenForReading(a.project).TakeOrThrow();
    d = io::LoadProjectData(*p, a.questionnaire, CurrentLanguage() == "zh_CN" ? "zh" : "en", a.weights);
    form = io::LoadQuestionnaire(*p, a.questionnaire);
  }
  report::PlsAnalysisOptions o;
  o.modelOrigin = a.model;
  if (!a.scale.empty()) {
    auto parts = SplitList(a.scale);
    std::optional<double> low, high;
    if (parts.size() == 2) {
      low = ParseNumber(parts[0]);
      high = ParseNumber(parts[1]);
    }
    if (!low || !high || !(*low < *high))
      throw UserError(Message(N_("--scale takes the lowest and highest scale point, such as --scale 1,10.")));
    o.scaleMin = low;
    o.scaleMax = high;
  }
  o.bootstrap = a.bootstrap;
  o.seed = a.seed;
  o.threads = a.threads;
  o.rules = report::CellRules{a.minN, a.suppress, a.confidence};
  if (!a.by.empty()) {
    for (const std::string& n : SplitList(a.by)) o.by.push_back(&NeedColumn(d, n, "--by"));
    if (o.by.size() > 2) throw UserError(Message(N_("--by takes one or two variables, such as --by region,industry.")));
  }
  if (!a.trend.empty()) o.trend = &NeedColumn(d, a.trend, "--trend");
  if (!a.compare.empty()) {
    o.compare = &NeedColumn(d, a.compare, "--compare");
    o.groups = SplitList(a.groups);
    o.permutations = a.permutations;
  }
  const report::PlsAnalysis result = report::RunPlsAnalysis(d, tmpl, form ? &*form : nullptr, o);
  const std::vector<report::ResultTable>& tables = result.tables;
  if (!a.out.empty()) {
    std::ofstream out(a.out, std::ios::binary | std::ios::trunc);
    out << report::RenderCsv(tables);
    if (!out) throw UserError(Message(N_("Cannot write {0}. Check that the folder exists and is writable.")).Arg(a.out));
    Out(Message(N_("{0} table(s) written to {1}.")).Arg(static_cast<long long>(tables.size())).Arg(a.out).Text() + "\n");
  } else {
    for (const auto& t : tables) Out(report::RenderText(t) + "\n");
  }
  if (!result.failure.empty()) {
    Err(Message(N_("The model could not be estimated: {0}.")).Arg(result.failure).Text() + "\n");
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

// `manyi-cli analyze`: runs an analysis spec over a project's responses or a plain CSV file.
#include <fstream>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "io/weight_scheme.h"
#include "report/analysis.h"
#include "storage/project.h"

namespace manyi::cli {

void AddAnalyzeCommand(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("analyze", Tr(N_("Run an analysis spec over a project or a CSV file and print or write the result tables")));
  struct Args {
    std::string project, data, spec, out, weights;
    int64_t questionnaire = 0;
    bool unweighted = false;
  };
  auto a = std::make_shared<Args>();
  auto* project = cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")));
  auto* data = cmd->add_option("--data", a->data, Tr(N_("A CSV file (UTF-8, header row) to analyse instead of a project")));
  project->excludes(data);
  data->excludes(project);
  cmd->add_option("--spec", a->spec, Tr(N_("The analysis spec (.json; see docs/analysis-spec.md)")))->required();
  cmd->add_option("-o,--output", a->out, Tr(N_("Write the tables to this CSV file instead of printing them")));
  auto* weights = cmd->add_option("--weights", a->weights, Tr(N_("Weighting scheme of the project (default: its active scheme), or weight column of the CSV file")));
  cmd->add_flag("--unweighted", a->unweighted, Tr(N_("Ignore the project's active weighting scheme")))->excludes(weights);
  cmd->add_option("--questionnaire", a->questionnaire, Tr(N_("Questionnaire version id in the project (default: the newest)")));
  cmd->callback([&chosen, a] {
    chosen = [a] {
      if (a->project.empty() == a->data.empty())
        throw UserError(Message(N_("Give either a project file or --data FILE.csv (not both). Example: manyi-cli analyze survey.manyi --spec spec.json")));
      std::ifstream in(a->spec, std::ios::binary);
      if (!in) throw UserError(Message(N_("Cannot read the spec {0}. Check the path.")).Arg(a->spec));
      std::stringstream spec;
      spec << in.rdbuf();
      io::Dataset d;
      std::optional<Questionnaire> form;  // a project's questionnaire binds PLS models by item roles
      if (!a->data.empty()) {
        d = io::LoadCsvData(a->data, a->weights);
      } else {
        // Nothing is written: the whole-file check of a writing open is left to `manyi-cli check`.
        auto p = storage::Project::OpenForReading(a->project).TakeOrThrow();
        std::string scheme = a->weights;
        try {
          if (scheme.empty() && !a->unweighted) scheme = io::ActiveWeightScheme(*p).value_or("");
        } catch (const storage::SqliteError& e) {  // a damaged page is met only when read
          throw UserError(storage::DescribeSqliteError(e, a->project));
        }
        const std::optional<std::set<std::string>> used = report::SpecVariableNames(spec.str());
        d = io::LoadProjectData(*p, a->questionnaire, CurrentLanguage() == "zh_CN" ? "zh" : "en", scheme,
                                /*fingerprint=*/false, used ? &*used : nullptr);  // analyze prints no method statement
        form = io::LoadQuestionnaire(*p, a->questionnaire);
      }
      report::AnalysisContext context;
      context.form = form ? &*form : nullptr;
      auto tables = report::RunAnalysisSpec(spec.str(), d, a->spec, context);
      if (!a->out.empty()) {
        std::ofstream out(a->out, std::ios::binary | std::ios::trunc);
        out << report::RenderCsv(tables);
        if (!out) throw UserError(Message(N_("Cannot write {0}. Check that the folder exists and is writable.")).Arg(a->out));
        Out(Message(N_("{0} table(s) written to {1}.")).Arg(static_cast<long long>(tables.size())).Arg(a->out).Text() + "\n");
      } else {
        for (const auto& t : tables) Out(report::RenderText(t) + "\n");
      }
      return 0;
    };
  });
}

}  // namespace manyi::cli

// `manyi-cli report`: runs a report template over a project and writes an Excel workbook.
#include "cli/report_command.h"

#include <filesystem>

#include "cli/translate_help.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "io/weight_scheme.h"
#include "report/report_run.h"
#include "report/report_template.h"
#include "storage/project.h"

namespace manyi::cli {

namespace fs = std::filesystem;

void AddReportCommand(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("report", Tr(N_("Write an Excel report (tables, charts and method sheet) of a project from a report template")));
  struct Args {
    std::string project, tmpl, lang, client, logo, out, weights, format = "xlsx";
    bool dataSheet = false, unweighted = false;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")))->required();
  cmd->add_option("--template", a->tmpl, Tr(N_("management-review, regional-comparison, client-report, statistical-appendix, or the path of a template (.json)")))->required();
  cmd->add_option("--lang", a->lang, Tr(N_("Language of the report: zh, en, or both side by side (default: the interface language)")))
      ->check(CLI::IsMember({"zh", "en", "both"}));
  cmd->add_option("--client", a->client, Tr(N_("The client's name (client-report)")));
  cmd->add_option("--logo", a->logo, Tr(N_("A logo for the cover sheet (PNG or JPEG)")));
  auto* weights = cmd->add_option("--weights", a->weights, Tr(N_("Weighting scheme of the project (default: its active scheme)")));
  cmd->add_flag("--unweighted", a->unweighted, Tr(N_("Ignore the project's active weighting scheme")))->excludes(weights);
  cmd->add_flag("--data-sheet", a->dataSheet, Tr(N_("Add a sheet with the coded answers (never names, phone numbers or e-mail addresses)")));
  cmd->add_option("--format", a->format, Tr(N_("xlsx (a workbook, the default) or csv (a folder with one CSV file per table)")))
      ->check(CLI::IsMember({"xlsx", "csv"}));
  cmd->add_option("-o,--output", a->out, Tr(N_("The workbook to write (.xlsx), or the folder for --format csv")))->required();
  cmd->callback([&chosen, a] {
    chosen = [a] {
      const report::ReportTemplate tmpl = report::LoadReportTemplate(a->tmpl);
      const bool csv = a->format == "csv";
      if (!csv && fs::path(a->out).extension() == ".csv")
        throw UserError(Message(N_("{0}: a report is a workbook, or with --format csv a folder of CSV files (one per table). Add --format csv and name a folder.")).Arg(a->out));
      report::CheckReportOutput(a->out, csv);  // before the project is opened: the cheap checks first
      auto project = storage::Project::Open(a->project).TakeOrThrow();
      report::ReportRequest request;
      request.language = a->lang;
      request.output = a->out;
      request.csv = csv;
      request.inputs.client = a->client;
      request.inputs.logo = a->logo;
      request.inputs.dataSheet = a->dataSheet;
      request.inputs.weightScheme = a->weights;
      if (request.inputs.weightScheme.empty() && !a->unweighted)
        request.inputs.weightScheme = io::ActiveWeightScheme(*project).value_or("");
      request.inputs.created = report::ReportCreationTime();
      const report::ReportOutcome outcome = report::RunReport(
          tmpl, request, *project, CurrentLanguage(),
          [](const std::string& language) { InstallCatalogTranslator(LocaleDir(), language); });
      if (csv) {
        Out(Message(N_("Report \"{0}\": {1} tables written as CSV files to {2}.")).Arg(outcome.title).Arg(static_cast<long long>(outcome.files))
                .Arg(fs::absolute(a->out).lexically_normal().string()).Text() + "\n");
        return 0;
      }
      Out(Message(N_("Report \"{0}\" written to {1} ({2} sheets).")).Arg(outcome.title).Arg(fs::absolute(a->out).lexically_normal().string())
              .Arg(static_cast<long long>(outcome.sheets)).Text() + "\n");
      return 0;
    };
  });
}

}  // namespace manyi::cli

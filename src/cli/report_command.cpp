// `manyi-cli report`: runs a report template over a project and writes an Excel workbook.
#include "cli/report_command.h"

#include <unistd.h>

#include <filesystem>

#include "cli/translate_help.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "io/weight_scheme.h"
#include "report/csv_report.h"
#include "report/report_template.h"
#include "report/xlsx_writer.h"
#include "storage/project.h"

namespace manyi::cli {

namespace fs = std::filesystem;

namespace {

/// Fails early, before any analysis, when the output cannot be written.
void CheckWritable(const fs::path& out) {
  std::error_code ec;
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw UserError(Message(N_("Cannot write {0}: the folder {1} does not exist. Create it or choose another output file.")).Arg(out.string()).Arg(dir.string()));
  if (fs::is_directory(out, ec))
    throw UserError(Message(N_("Cannot write {0}: it is a folder. Give a file name such as report.xlsx.")).Arg(out.string()));
  if (access(dir.c_str(), W_OK) != 0 || (fs::exists(out, ec) && access(out.c_str(), W_OK) != 0))
    throw UserError(Message(N_("Cannot write {0}: permission denied. Choose a folder you can write to.")).Arg(out.string()));
}

}  // namespace

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
      // A CSV folder may exist already (files of the same names are replaced) or is made in a writable folder.
      CheckWritable(csv && fs::is_directory(a->out) ? fs::path(a->out) / "x.csv" : fs::path(a->out));
      auto project = storage::Project::Open(a->project).TakeOrThrow();
      report::ReportInputs inputs;
      inputs.client = a->client;
      inputs.logo = a->logo;
      inputs.dataSheet = a->dataSheet;
      inputs.weightScheme = a->weights;
      if (inputs.weightScheme.empty() && !a->unweighted) inputs.weightScheme = io::ActiveWeightScheme(*project).value_or("");
      inputs.created = report::ReportCreationTime();

      const std::string interfaceLanguage = CurrentLanguage();
      std::vector<std::string> langs;
      if (a->lang == "both") langs = {"zh", "en"};
      else if (!a->lang.empty()) langs = {a->lang};
      else langs = {interfaceLanguage == kLanguageChinese ? "zh" : "en"};
      // Each language is built with the translator speaking it; the interface language comes back after.
      std::vector<report::Report> reports;
      for (const std::string& lang : langs) {
        InstallCatalogTranslator(LocaleDir(), lang == "zh" ? kLanguageChinese : kLanguageEnglish);
        reports.push_back(report::BuildReport(tmpl, *project, inputs, lang));
      }
      InstallCatalogTranslator(LocaleDir(), interfaceLanguage);
      if (csv) {
        const size_t files = report::WriteReportCsv(reports, a->out).size();
        Out(Message(N_("Report \"{0}\": {1} tables written as CSV files to {2}.")).Arg(reports[0].title).Arg(static_cast<long long>(files))
                .Arg(fs::absolute(a->out).lexically_normal().string()).Text() + "\n");
        return 0;
      }
      report::WriteReportWorkbook(reports, a->out, inputs.created);
      size_t sheets = reports[0].sections.size();
      Out(Message(N_("Report \"{0}\" written to {1} ({2} sheets).")).Arg(reports[0].title).Arg(fs::absolute(a->out).lexically_normal().string())
              .Arg(static_cast<long long>(sheets)).Text() + "\n");
      return 0;
    };
  });
}

}  // namespace manyi::cli

// The shared report run (CLI and GUI).
#include "report/report_run.h"

#include <unistd.h>

#include "core/error.h"
#include "core/i18n.h"
#include "report/csv_report.h"
#include "report/xlsx_writer.h"

namespace manyi::report {

namespace fs = std::filesystem;

std::vector<std::string> ReportLanguages(const std::string& language, const std::string& interfaceLanguage) {
  if (language == "both") return {"zh", "en"};
  if (language == "zh" || language == "en") return {language};
  return {interfaceLanguage == kLanguageChinese ? "zh" : "en"};
}

void CheckReportOutput(const fs::path& out, bool folder) {
  std::error_code ec;
  if (folder && fs::is_directory(out, ec)) {
    if (access(out.c_str(), W_OK) != 0)
      throw UserError(Message(N_("Cannot write {0}: permission denied. Choose a folder you can write to.")).Arg(out.string()));
    return;
  }
  const fs::path dir = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::is_directory(dir, ec))
    throw UserError(Message(N_("Cannot write {0}: the folder {1} does not exist. Create it or choose another output file.")).Arg(out.string()).Arg(dir.string()));
  if (fs::is_directory(out, ec))
    throw UserError(Message(N_("Cannot write {0}: it is a folder. Give a file name such as report.xlsx.")).Arg(out.string()));
  if (access(dir.c_str(), W_OK) != 0 || (fs::exists(out, ec) && access(out.c_str(), W_OK) != 0))
    throw UserError(Message(N_("Cannot write {0}: permission denied. Choose a folder you can write to.")).Arg(out.string()));
}

ReportOutcome RunReport(const ReportTemplate& tmpl, const ReportRequest& request, storage::Project& project,
                        std::string interfaceLanguage,
                        const SpeakLanguage& speak, const ReportProgress& progress) {
  const std::vector<std::string> langs = ReportLanguages(request.language, interfaceLanguage);
  const int steps = int(langs.size()) + 2;
  auto tell = [&](int step, Message what) {
    if (progress) progress(step, steps, what);
  };
  tell(0, Message(N_("Checking the output file")));
  CheckReportOutput(request.output, request.csv);

  // Each language is built with the translator speaking it; the interface language comes back
  // after, whatever happens.
  struct Restore {
    const SpeakLanguage& speak;
    const std::string& language;
    ~Restore() { speak(language); }
  } restore{speak, interfaceLanguage};
  std::vector<Report> reports;
  int step = 1;
  for (const std::string& lang : langs) {
    tell(step++, Message(lang == "zh" ? N_("Computing the Chinese report") : N_("Computing the English report")));
    speak(lang == "zh" ? kLanguageChinese : kLanguageEnglish);
    reports.push_back(BuildReport(tmpl, project, request.inputs, lang));
  }
  speak(interfaceLanguage);
  ReportOutcome outcome;
  if (request.csv) {
    tell(step, Message(N_("Writing the CSV files")));
    outcome.files = WriteReportCsv(reports, request.output).size();
  } else {
    tell(step, Message(N_("Writing the workbook")));
    WriteReportWorkbook(reports, request.output, request.inputs.created);
  }

  outcome.title = reports.front().title;
  outcome.sheets = reports.front().sections.size();
  outcome.output = request.output;
  return outcome;
}

}  // namespace manyi::report

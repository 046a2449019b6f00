// The shared report run (CLI and GUI).
#include "report/report_run.h"

#include <unistd.h>

#include <algorithm>

#include "core/error.h"
#include "core/i18n.h"
#include "core/text.h"
#include "report/csv_report.h"
#include "report/xlsx_writer.h"
#include "storage/sqlite.h"

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

ReportCancelled::ReportCancelled() : UserError(Message(N_("The report was cancelled; no file was written."))) {}

namespace {

/// The report's row in report_history; the output is stored absolute, so that "Open" finds it
/// from wherever the project is opened later.
void RecordHistory(storage::Project& project, const ReportTemplate& tmpl, const std::vector<std::string>& langs,
                   const fs::path& output, const std::string& fingerprint) {
  std::error_code ec;
  fs::path absolute = fs::absolute(output, ec);
  if (ec) absolute = output;
  storage::Statement st(project.Db(),
                        "INSERT INTO report_history (template, language, output, fingerprint, created_at) VALUES (?1, ?2, ?3, ?4, ?5)");
  st.Bind(1, tmpl.name);
  st.Bind(2, langs.size() > 1 ? std::string("both") : langs.front());
  st.Bind(3, absolute.lexically_normal().string());
  st.Bind(4, fingerprint);
  st.Bind(5, NowIso8601());
  st.Step();
}

}  // namespace

ReportOutcome RunReport(const ReportTemplate& tmpl, const ReportRequest& request, storage::Project& project,
                        std::string interfaceLanguage,
                        const SpeakLanguage& speak, const ReportProgress& progress) {
  const std::vector<std::string> langs = ReportLanguages(request.language, interfaceLanguage);
  const size_t sections = tmpl.json.contains("sections") ? tmpl.json["sections"].size() : 0;
  // The output check, each section in each language, each sheet (and the data sheet a user may add).
  int steps = 1 + int((langs.size() + 1) * sections) + (request.inputs.dataSheet ? 1 : 0);
  auto tell = [&](int step, const Message& what) {
    if (progress) progress(std::min(step, steps - 1), steps, what);
  };
  auto stopIfCancelled = [&] {
    if (request.cancel && request.cancel->load()) throw ReportCancelled();
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
    const Message what(lang == "zh" ? N_("Computing the Chinese report") : N_("Computing the English report"));
    speak(lang == "zh" ? kLanguageChinese : kLanguageEnglish);
    reports.push_back(BuildReport(tmpl, project, request.inputs, lang, [&](size_t, size_t) {
      stopIfCancelled();
      tell(step++, what);
      stopIfCancelled();  // the progress callback is where a GUI lets the user press Cancel
    }));
  }
  speak(interfaceLanguage);
  steps = step + int(reports.front().sections.size());
  stopIfCancelled();

  // The history row and the file go together: the row is committed only once the file is there.
  storage::Transaction transaction(project.Db());
  RecordHistory(project, tmpl, langs, request.output, reports.front().fingerprint);
  ReportOutcome outcome;
  if (request.csv) {
    tell(step, Message(N_("Writing the CSV files")));
    stopIfCancelled();
    outcome.files = WriteReportCsv(reports, request.output).size();
  } else {
    const Message what(N_("Writing the workbook"));
    WriteReportWorkbook(reports, request.output, request.inputs.created, [&](size_t, size_t) {
      stopIfCancelled();
      tell(step++, what);
      stopIfCancelled();
    });
  }
  transaction.Commit();

  outcome.title = reports.front().title;
  outcome.sheets = reports.front().sections.size();
  outcome.output = request.output;
  return outcome;
}

}  // namespace manyi::report

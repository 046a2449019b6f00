// Running a report template over a project into a workbook: the one code path behind
// `manyi-cli report` and the GUI's report dialog (languages, output checks, progress).
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/message.h"
#include "report/report_template.h"
#include "storage/project.h"

namespace manyi::report {

/// What to run: the report language ("zh", "en", "both" side by side, or "" for the interface
/// language), the user's inputs and the workbook to write.
struct ReportRequest {
  std::string language;
  ReportInputs inputs;
  std::filesystem::path output;
  bool csv = false;  ///< output is a folder receiving one CSV file per table instead of a workbook
  /// Set (from any thread) to stop the run at the next section: RunReport then throws
  /// ReportCancelled and writes nothing.
  const std::atomic<bool>* cancel = nullptr;
};

/// Thrown by RunReport when request.cancel was set: nothing was written and no history recorded.
class ReportCancelled : public UserError {
 public:
  ReportCancelled();
};

/// What was written.
struct ReportOutcome {
  std::string title;    ///< the report's title in its first language
  size_t sheets = 0;    ///< sheets per language
  size_t files = 0;     ///< CSV files written (csv requests)
  std::filesystem::path output;
};

/// Switches the core's translator to a shipped language ("zh_CN" or "en") while a report is built
/// in it; the caller restores its own translator afterwards (the CLI reads .mo files, the GUI
/// goes through wxTranslations).
using SpeakLanguage = std::function<void(const std::string& language)>;

/// Told before each step: step (from 0) of steps, and what is being done. The steps are the
/// output check, each section in each language, and each sheet written.
using ReportProgress = std::function<void(int step, int steps, const Message& what)>;

/// The report languages ("zh", "en") for a --lang value; "" means the interface language
/// (interfaceLanguage: "zh_CN" or "en").
std::vector<std::string> ReportLanguages(const std::string& language, const std::string& interfaceLanguage);

/// Fails early, before any analysis, when the output cannot be written: a missing folder, a
/// folder in place of the file, no permission (UserError saying which and what to do).
/// With folder, output is a folder of CSV files: it may exist or is made in a writable folder.
void CheckReportOutput(const std::filesystem::path& output, bool folder = false);

/// Checks the output, builds the report of a template (LoadReportTemplate) in each language
/// (switching the translator with speak, and back with speak(interfaceLanguage) even on failure)
/// and writes the workbook (or, for csv requests, the CSV files). Throws UserError with what went wrong; the output is then not written.
/// A written report is recorded in the project's report_history (template, language, output,
/// data fingerprint, time) in the same step: the row exists exactly when the file was written.
ReportOutcome RunReport(const ReportTemplate& tmpl, const ReportRequest& request, storage::Project& project,
                        std::string interfaceLanguage,
                        const SpeakLanguage& speak, const ReportProgress& progress = {});

}  // namespace manyi::report

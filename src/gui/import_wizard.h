// The import wizard: a response file → its detected format and encoding → the editable column
// mapping (saved and reusable, the same JSON as `manyi-cli import --mapping`) → the validation
// report of a dry run → the commit, all-or-nothing. Long work runs on a worker thread with a
// progress bar and a cancel button; the window never freezes.
#pragma once

#include <wx/dialog.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "io/import/layout.h"
#include "io/import/response_import.h"

class wxButton;
class wxChoice;
class wxGauge;
class wxGrid;
class wxListCtrl;
class wxRadioBox;
class wxSimplebook;
class wxStaticText;
class wxTextCtrl;

namespace manyi::gui {

/// The wizard's steps, in order.
enum class ImportStep { kFile, kMapping, kValidation, kCommit };

/// Imports responses into the project file at projectFile. The worker opens its own connection to
/// the file, so the window's connection (and the rest of the GUI) stays usable meanwhile.
class ImportWizard : public wxDialog {
 public:
  ImportWizard(wxWindow* parent, const std::filesystem::path& projectFile);
  ~ImportWizard() override;

  ImportStep Step() const { return m_step; }
  /// Chooses the file to import and detects its format and encoding (shown on the first page).
  bool SetFile(const wxString& file);
  /// Next ▸ as the button does: detection → mapping (dry run) → validation (dry run with the
  /// edited mapping) → commit. Work on the worker thread finishes later: see IsBusy().
  void GoNext();
  void GoBack();
  /// Cancels the running work (the commit rolls back), as the Cancel button does while busy.
  void CancelWork();
  bool IsBusy() const { return m_busy; }

  /// What the first page detected ("qualtrics", "UTF-8"…).
  wxString DetectedFormat() const { return m_detectedFormat; }
  wxString DetectedEncoding() const { return m_detectedEncoding; }
  /// The mapping as it stands (the JSON of --mapping).
  const nlohmann::json& Mapping() const { return m_mapping; }
  /// Maps a source column (by header) to a variable or item ("" = not imported), as editing the
  /// mapping grid does.
  bool MapColumn(const wxString& header, const wxString& target);
  /// Sets a column's role ("answer", "ignore", "respondent_id", "submitted_at", "customer_id",
  /// "email", "channel").
  bool SetColumnRole(const wxString& header, const std::string& role);
  /// Writes / reads the mapping file; false (after a message) on failure.
  bool SaveMapping(const wxString& file);
  bool LoadMapping(const wxString& file);
  /// Rows with problems: skipped into rejected rows (false, the default) or abort everything (true).
  void SetAbortOnProblem(bool abort);

  /// The last report (dry run or commit), when there is one.
  const std::optional<io::import::ImportReport>& LastReport() const { return m_report; }
  /// The last error message of the worker ("" when none).
  wxString LastError() const { return m_lastError; }
  /// The validation page's problem list and per-kind counts.
  wxListCtrl* GetProblemList() const { return m_problems; }
  wxListCtrl* GetCountList() const { return m_counts; }
  wxGrid* GetMappingGrid() const { return m_mappingGrid; }
  /// How slash dates such as 3/4/2026 are read: 0 as the file shows (kept as written when it does
  /// not tell), 1 month first, 2 day first — the mapping's "date_order" (docs/import.md).
  void SetDateOrder(int choice);
  wxGauge* GetGauge() const { return m_gauge; }
  /// Called on the UI thread with (rows read, expected rows or 0) whenever the gauge moves.
  void SetProgressObserver(std::function<void(int64_t, int64_t)> observer) { m_observer = std::move(observer); }

 private:
  wxWindow* BuildFilePage(wxWindow* parent);
  wxWindow* BuildMappingPage(wxWindow* parent);
  wxWindow* BuildValidationPage(wxWindow* parent);
  wxWindow* BuildCommitPage(wxWindow* parent);
  void ShowStep(ImportStep step);
  void UpdateButtons();
  io::import::ImportOptions Options(bool dryRun) const;
  void RunWorker(io::import::ImportOptions options, std::function<void()> onDone);
  void FillMappingGrid();
  void ReadMappingGrid();
  void FillValidation();
  void FillCommitResult();
  wxString TitleOf(ImportStep step) const;

  std::filesystem::path m_projectFile;
  ImportStep m_step = ImportStep::kFile;
  wxString m_file;
  wxString m_detectedFormat, m_detectedEncoding;
  io::import::SourceLayout m_layout;
  nlohmann::json m_mapping = nlohmann::json::object();
  std::vector<std::string> m_targets;  ///< variables and items a column may be mapped to
  std::optional<io::import::ImportReport> m_report;
  wxString m_lastError;
  bool m_abortOnProblem = false;

  // Worker.
  std::thread m_worker;
  std::shared_ptr<std::atomic<bool>> m_cancel;
  bool m_busy = false;
  int64_t m_expectedRows = 0;
  std::function<void(int64_t, int64_t)> m_observer;

  // Controls.
  wxStaticText* m_stepTitle = nullptr;
  wxSimplebook* m_book = nullptr;
  wxTextCtrl* m_fileText = nullptr;
  wxChoice* m_format = nullptr;
  wxChoice* m_encoding = nullptr;
  wxChoice* m_channel = nullptr;
  wxStaticText* m_detected = nullptr;
  wxListCtrl* m_preview = nullptr;
  wxGrid* m_mappingGrid = nullptr;
  wxChoice* m_dateOrder = nullptr;  ///< "date_order" of the mapping: as the file shows, month first, day first
  wxStaticText* m_summary = nullptr;
  wxListCtrl* m_counts = nullptr;
  wxListCtrl* m_problems = nullptr;
  wxRadioBox* m_onProblem = nullptr;
  wxStaticText* m_result = nullptr;
  wxGauge* m_gauge = nullptr;
  wxStaticText* m_status = nullptr;
  wxButton* m_back = nullptr;
  wxButton* m_next = nullptr;
  wxButton* m_cancelButton = nullptr;
};

}  // namespace manyi::gui

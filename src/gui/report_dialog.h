// The report dialog: template, language, client, weighting, output file; writes the workbook
// with the same code as `manyi-cli report` (report::RunReport), shows progress, and opens the
// result in the default application.
#pragma once

#include <wx/dialog.h>

#include <atomic>
#include <functional>

#include "storage/project.h"

class wxButton;
class wxCheckBox;
class wxChoice;
class wxGauge;
class wxStaticText;
class wxTextCtrl;

namespace manyi::gui {

class ReportDialog : public wxDialog {
 public:
  ReportDialog(wxWindow* parent, storage::Project& project);

  /// Writes the report as the Write button does; returns whether it was written (a failure has
  /// been shown in a message box and in the dialog).
  bool WriteReport();
  /// Opens the written workbook with the default application (as the Open button does).
  bool OpenResult();
  /// Stops the report being written at its next section, as the Cancel button does: nothing is
  /// written and no history row is added.
  void CancelReport();
  bool IsRunning() const { return m_running; }
  /// Called on each progress step (step of steps) while a report is written (tests cancel from it).
  void SetProgressObserver(std::function<void(int step, int steps)> observer) { m_observer = std::move(observer); }

  /// Replaces how a file is opened (wxLaunchDefaultApplication; tests record instead); returns the previous.
  using Opener = std::function<bool(const wxString& file)>;
  static Opener SetOpener(Opener opener);

  wxChoice* GetTemplate() const { return m_template; }
  wxChoice* GetLanguage() const { return m_language; }
  wxChoice* GetWeighting() const { return m_weighting; }
  wxTextCtrl* GetClient() const { return m_client; }
  wxTextCtrl* GetOutput() const { return m_output; }
  wxCheckBox* GetDataSheet() const { return m_dataSheet; }
  wxGauge* GetGauge() const { return m_gauge; }
  wxStaticText* GetStatus() const { return m_status; }
  wxButton* GetOpenButton() const { return m_open; }
  wxButton* GetCancelButton() const { return m_cancel; }
  /// The workbook last written ("" before).
  const wxString& GetWritten() const { return m_written; }
  /// How many reports this dialog has written (each has its report_history row).
  int WrittenCount() const { return m_writtenCount; }

 private:
  void BrowseOutput();
  void SuggestOutput();
  void Close();
  void EnableInputs(bool enable);

  storage::Project& m_project;
  std::vector<std::string> m_templates;
  std::vector<std::string> m_schemes;
  wxChoice* m_template = nullptr;
  wxChoice* m_language = nullptr;
  wxChoice* m_weighting = nullptr;
  wxTextCtrl* m_client = nullptr;
  wxCheckBox* m_dataSheet = nullptr;
  wxTextCtrl* m_output = nullptr;
  wxGauge* m_gauge = nullptr;
  wxStaticText* m_status = nullptr;
  wxButton* m_write = nullptr;
  wxButton* m_open = nullptr;
  wxButton* m_cancel = nullptr;
  wxButton* m_close = nullptr;
  wxString m_written;
  std::atomic<bool> m_cancelRequested{false};
  bool m_running = false;
  int m_writtenCount = 0;
  bool m_closeWhenStopped = false;
  std::function<void(int, int)> m_observer;
  bool m_outputEdited = false;
};

/// Shows the report dialog for a project (modal); returns whether a report was written.
bool ShowReportDialog(wxWindow* parent, storage::Project& project);

/// Opens a written report with the default application (or the opener tests install); a file
/// that is gone or has no program is explained in a message box. Returns whether it opened.
bool OpenReportFile(wxWindow* parent, const wxString& file);

}  // namespace manyi::gui

// The main window: menus, the start screen or the open project's overview, and the status bar.
#pragma once

#include <wx/aboutdlg.h>
#include <wx/filehistory.h>
#include <wx/frame.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/message.h"
#include "core/questionnaire.h"
#include "gui/explorer.h"
#include "storage/project.h"

class wxMenu;
class wxMenuBar;
class wxMenuItem;

namespace manyi::gui {

class AnalysisView;
class DataBrowser;
class ProjectExplorer;
class ProjectPanel;
class UndoTarget;
class WelcomePanel;

/// The application's one main window. Menu handlers only call the public actions below, which
/// tests call directly (or through menu events); every failure is shown in a message box, never
/// thrown out of an event handler.
class MainFrame : public wxFrame {
 public:
  /// Menu ids beyond the standard ones.
  enum : int {
    kIdLanguageSystem = wxID_HIGHEST + 100,
    kIdLanguageEnglish,
    kIdLanguageChinese,
    kIdNewFromTemplate,
    kIdAddTemplate,
    kIdImportQuestionnaire,
    kIdWriteReport,
    kIdRefresh,
    kIdGoOverview,  ///< View ▸ Go to: one id per explorer part, in NodeKind order (Ctrl+1…7)
    kIdGoQuestionnaires,
    kIdGoSampleFrame,
    kIdGoFieldwork,
    kIdGoResponses,
    kIdGoAnalyses,
    kIdGoReports,
    kIdImportResponses,
    kIdBrowseResponses,
    kIdAnalysis,
  };

  MainFrame();
  ~MainFrame() override;

  /// File ▸ New…: asks for a file (refusing an existing one) and a project name, then creates it
  /// (with form stored in it, when given).
  void NewProjectInteractive(const Questionnaire* form = nullptr);
  /// File ▸ Open…: asks for a .manyi file and opens it.
  void OpenProjectInteractive();
  /// File ▸ New Project from Template…: the template gallery, then as New; the new project opens
  /// with the questionnaire in the designer.
  void NewProjectFromTemplateInteractive();
  /// Creates the project file and shows it; on failure shows why and returns false. With a
  /// questionnaire, stores it in the same step and shows it in the designer.
  bool CreateProject(const wxString& file, const wxString& name, const Questionnaire* form = nullptr);
  /// Opens a project file and shows it (replacing the open one only on success); on failure
  /// shows why and returns false.
  bool OpenProject(const wxString& file);
  /// Closes the open project, if any, and shows the start screen.
  void CloseProject();
  /// View ▸ Language: stores the override ("" = follow the system, "en", "zh_CN") and switches
  /// menus, panels and status bar to it at once.
  void ChangeLanguage(const std::string& languageOverride);

  storage::Project* GetProject() const { return m_project.get(); }
  /// The overview of the open project when the explorer shows it, or nullptr.
  ProjectPanel* GetProjectPanel() const;
  /// The project explorer, or nullptr while no project is open.
  ProjectExplorer* GetExplorer() const;
  /// Re-reads the open project's facts into the status bar and the title.
  void ProjectChanged();
  /// The start screen, or nullptr while a project is open.
  WelcomePanel* GetWelcomePanel() const;
  const wxFileHistory& GetFileHistory() const { return m_history; }

  /// File ▸ Import Responses…, View ▸ Responses, View ▸ Analysis, Fieldwork ▸ …: the explorer
  /// shows the part (Responses, Analyses, Fieldwork) and its screen; the import wizard starts
  /// from the Responses part. They return the screen shown (nullptr without a project, or when
  /// the part explains why it has none).
  void ImportResponsesInteractive();
  DataBrowser* OpenDataBrowser();
  AnalysisView* OpenAnalysis();
  /// Fieldwork ▸ Mail Data Entry ("mail") and Telephone Interviews ("phone").
  void ShowFieldworkTab(const std::string& tab);

  /// What Help ▸ About shows.
  static wxAboutDialogInfo AboutInfo();

 private:
  void BuildMenuBar();
  /// Selects a part in the explorer and returns its panel.
  wxWindow* ShowPart(NodeKind kind);
  /// The panel whose edits Edit ▸ Undo / Redo reach, or nullptr.
  UndoTarget* CurrentUndoTarget() const;
  /// Commits what is being typed in the current panel (before closing, switching language).
  void CommitPending();
  void ShowContent();
  void UpdateStatusBar();
  void UpdateTitle();
  void FitToContent();
  void RememberFile(const wxString& file);
  void SaveHistory();
  void UpdateRecentMenu();
  wxString DialogFolder() const;
  void RememberDialogFolder(const wxString& file);
  /// Runs action, showing any exception it throws as an error message.
  template <typename F>
  void Safely(F&& action);

  /// The open project's whole-file check (storage::CheckPages), run beside the window after
  /// Open so that a large project shows at once; damage found closes the project with the message.
  class PageCheckRun;
  void StartPageCheck();
  void PagesDamaged(const std::filesystem::path& file, const Message& problem);

  std::unique_ptr<storage::Project> m_project;
  std::unique_ptr<PageCheckRun> m_pageCheck;  ///< declared after m_project: stopped before it goes
  wxFileHistory m_history;
  wxMenu* m_recentMenu = nullptr;
  wxMenuItem* m_recentItem = nullptr;
  wxWindow* m_content = nullptr;
};

}  // namespace manyi::gui

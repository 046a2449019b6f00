// The main window: menus, the start screen or the open project's overview, and the status bar.
#pragma once

#include <wx/aboutdlg.h>
#include <wx/filehistory.h>
#include <wx/frame.h>

#include <memory>
#include <string>

#include "storage/project.h"

class wxMenu;
class wxMenuBar;
class wxMenuItem;

namespace manyi::gui {

class ProjectPanel;
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
    kIdImportResponses,
    kIdBrowseResponses,
    kIdAnalysis,
  };

  MainFrame();
  ~MainFrame() override;

  /// File ▸ New…: asks for a file (refusing an existing one) and a project name, then creates it.
  void NewProjectInteractive();
  /// File ▸ Open…: asks for a .manyi file and opens it.
  void OpenProjectInteractive();
  /// Creates the project file and shows it; on failure shows why and returns false.
  bool CreateProject(const wxString& file, const wxString& name);
  /// Opens a project file and shows it (replacing the open one only on success); on failure
  /// shows why and returns false.
  bool OpenProject(const wxString& file);
  /// Closes the open project, if any, and shows the start screen.
  void CloseProject();
  /// View ▸ Language: stores the override ("" = follow the system, "en", "zh_CN") and switches
  /// menus, panels and status bar to it at once.
  void ChangeLanguage(const std::string& languageOverride);

  storage::Project* GetProject() const { return m_project.get(); }
  /// The overview of the open project, or nullptr.
  ProjectPanel* GetProjectPanel() const;
  /// The start screen, or nullptr while a project is open.
  WelcomePanel* GetWelcomePanel() const;
  const wxFileHistory& GetFileHistory() const { return m_history; }

  /// Data ▸ Import Responses…, Browse Responses, Analysis: the screens of issue #9 in windows of
  /// their own until the explorer hosts them.
  void ImportResponsesInteractive();
  void OpenDataBrowser();
  void OpenAnalysis();

  /// What Help ▸ About shows.
  static wxAboutDialogInfo AboutInfo();

 private:
  void BuildMenuBar();
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

  std::unique_ptr<storage::Project> m_project;
  wxFileHistory m_history;
  wxMenu* m_recentMenu = nullptr;
  wxMenuItem* m_recentItem = nullptr;
  wxWindow* m_content = nullptr;
};

}  // namespace manyi::gui

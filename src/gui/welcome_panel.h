// What the main window shows when no project is open: what Manyi is, New / Open, recent projects.
#pragma once

#include <wx/panel.h>

#include <functional>

class wxListBox;

namespace manyi::gui {

/// The start screen. It only calls back; the frame does the work.
class WelcomePanel : public wxPanel {
 public:
  struct Actions {
    std::function<void()> newProject;
    std::function<void()> openProject;
    std::function<void(const wxString& file)> openRecent;
  };
  WelcomePanel(wxWindow* parent, const wxArrayString& recentFiles, Actions actions);

  wxListBox* GetRecentList() const { return m_recent; }

 private:
  void OpenSelectedRecent();

  Actions m_actions;
  wxArrayString m_files;
  wxListBox* m_recent = nullptr;
};

}  // namespace manyi::gui

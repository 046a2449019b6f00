// A window of its own for one screen of a project (data browser, analysis views) over its own
// connection to the project file. The main window shows these screens in its explorer
// (gui/workspace_panels.h); the GUI tests use this window to drive one screen at a time.
#pragma once

#include <wx/frame.h>

#include <filesystem>
#include <functional>
#include <memory>

#include "storage/project.h"

namespace manyi::gui {

class ProjectToolFrame : public wxFrame {
 public:
  /// Makes the screen inside the frame from the frame's own project.
  using Factory = std::function<wxWindow*(wxWindow* parent, storage::Project& project)>;

  /// Opens file and builds the screen in a new (not yet shown) frame; throws UserError when the
  /// project cannot be opened or the screen cannot be built (no frame is left behind).
  static ProjectToolFrame* Create(wxWindow* parent, const std::filesystem::path& file, const wxString& title,
                                  const wxString& name, const Factory& make);
  ~ProjectToolFrame() override;

  storage::Project& GetProject() { return *m_project; }
  wxWindow* GetContent() const { return m_content; }

 private:
  ProjectToolFrame(wxWindow* parent, std::unique_ptr<storage::Project> project, const wxString& title, const wxString& name);
  std::unique_ptr<storage::Project> m_project;
  wxWindow* m_content = nullptr;
};

}  // namespace manyi::gui

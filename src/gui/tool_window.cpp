// A window of its own for one screen of a project.
#include "gui/tool_window.h"

#include <wx/filename.h>
#include <wx/sizer.h>

#include <algorithm>

#include "gui/wx_text.h"

namespace manyi::gui {

ProjectToolFrame::ProjectToolFrame(wxWindow* parent, std::unique_ptr<storage::Project> project, const wxString& title,
                                   const wxString& name)
    : wxFrame(parent, wxID_ANY, title + wxString::FromUTF8(" — ") + wxFileName(FromPath(project->Path())).GetFullName()),
      m_project(std::move(project)) {
  SetName(name);
}

ProjectToolFrame* ProjectToolFrame::Create(wxWindow* parent, const std::filesystem::path& file, const wxString& title,
                                           const wxString& name, const Factory& make) {
  auto opened = storage::Project::Open(file);
  if (!opened.Ok()) throw UserError(opened.GetError());
  auto* frame = new ProjectToolFrame(parent, opened.TakeOrThrow(), title, name);
  try {
    frame->m_content = make(frame, *frame->m_project);
  } catch (...) {
    frame->Destroy();
    throw;
  }
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(frame->m_content, wxSizerFlags(1).Expand());
  frame->SetSizer(sizer);
  // As large as the screen needs, within reason; it scrolls below its minimum.
  const wxSize needed = sizer->GetMinSize();
  frame->SetMinClientSize(wxSize(std::min(needed.x, frame->FromDIP(900)), std::min(needed.y, frame->FromDIP(560))));
  frame->SetClientSize(wxSize(std::max(std::min(needed.x, frame->FromDIP(1400)), frame->FromDIP(1000)),
                              std::max(std::min(needed.y, frame->FromDIP(900)), frame->FromDIP(680))));
  frame->Centre();
  return frame;
}

ProjectToolFrame::~ProjectToolFrame() {
  // The screen goes before the project it refers to.
  if (m_content) m_content->Destroy();
  m_content = nullptr;
}

}  // namespace manyi::gui

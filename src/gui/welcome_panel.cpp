// The start screen.
#include "gui/welcome_panel.h"

#include <wx/button.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/listbox.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

namespace manyi::gui {

WelcomePanel::WelcomePanel(wxWindow* parent, const wxArrayString& recentFiles, Actions actions)
    : wxPanel(parent, wxID_ANY), m_actions(std::move(actions)), m_files(recentFiles) {
  SetName("welcome");
  const int gap = FromDIP(8);
  auto* column = new wxBoxSizer(wxVERTICAL);

  auto* title = new wxStaticText(this, wxID_ANY, _("Manyi customer-satisfaction surveys"));
  title->SetFont(title->GetFont().Bold().Scaled(1.6f));
  column->Add(title, wxSizerFlags().Border(wxBOTTOM, gap));
  auto* tagline = new wxStaticText(
      this, wxID_ANY,
      _("Design questionnaires, collect answers by mail, phone and online,\n"
        "compute satisfaction indices and write the report as an Excel workbook."));
  column->Add(tagline, wxSizerFlags().Border(wxBOTTOM, 2 * gap));

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  // Not wxID_NEW / wxID_OPEN: GTK would replace our labels with its untranslated stock ones.
  auto* newButton = new wxButton(this, wxID_ANY, _("&New Project…"));
  auto* openButton = new wxButton(this, wxID_ANY, _("&Open Project…"));
  newButton->SetName("new_project");
  openButton->SetName("open_project");
  newButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_actions.newProject) m_actions.newProject(); });
  openButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { if (m_actions.openProject) m_actions.openProject(); });
  buttons->Add(newButton, wxSizerFlags().Border(wxRIGHT, gap));
  buttons->Add(openButton);
  column->Add(buttons, wxSizerFlags().Border(wxBOTTOM, 2 * gap));

  auto* recentLabel = new wxStaticText(this, wxID_ANY, _("Recent projects"));
  recentLabel->SetFont(recentLabel->GetFont().Bold());
  column->Add(recentLabel, wxSizerFlags().Border(wxBOTTOM, gap / 2));
  if (m_files.empty()) {
    column->Add(new wxStaticText(this, wxID_ANY, _("None yet: create a project or open one.")));
  } else {
    wxArrayString lines;
    for (const wxString& file : m_files) {
      wxFileName name(file);
      lines.push_back(name.GetFullName() + wxString::FromUTF8("  —  ") + name.GetPath());
    }
    m_recent = new wxListBox(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, lines, wxLB_SINGLE);
    m_recent->SetName("recent_projects");
    m_recent->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { OpenSelectedRecent(); });
    column->Add(m_recent, wxSizerFlags(1).Expand());
  }

  // Centre the column, with a margin that grows with the window.
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->AddStretchSpacer(1);
  outer->Add(column, wxSizerFlags(4).Center().Border(wxALL, 3 * gap));
  outer->AddStretchSpacer(1);
  SetSizer(outer);
}

void WelcomePanel::OpenSelectedRecent() {
  const int selected = m_recent ? m_recent->GetSelection() : wxNOT_FOUND;
  if (selected != wxNOT_FOUND && size_t(selected) < m_files.size() && m_actions.openRecent)
    m_actions.openRecent(m_files[selected]);
}

}  // namespace manyi::gui

// The explorer's working panels.
#include "gui/workspace_panels.h"

#include <wx/intl.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "gui/analysis_view.h"
#include "gui/cati_panel.h"
#include "gui/data_browser.h"
#include "gui/data_entry_panel.h"
#include "gui/errors.h"
#include "gui/import_wizard.h"
#include "gui/labels.h"
#include "gui/part_panel.h"

namespace manyi::gui {

namespace {

/// Why a screen is not there (a project without a questionnaire has no responses to browse…),
/// wrapped to the panel.
wxStaticText* Reason(wxWindow* parent, const wxString& text) {
  auto* label = new wxStaticText(parent, wxID_ANY, wxString());
  label->SetName("unavailable");
  SetWrappedLabel(label, text, parent->FromDIP(560));
  return label;
}

/// The part's summary in parent: the same context, another parent.
PartPanel* Summary(const PanelContext& context, wxWindow* parent) {
  PanelContext inside = context;
  inside.parent = parent;
  return new PartPanel(inside, PartOf(context.kind));
}

}  // namespace

// ---- TabbedPanel -------------------------------------------------------------------------------

TabbedPanel::TabbedPanel(const PanelContext& context, const wxString& windowName)
    : wxPanel(context.parent, wxID_ANY), m_context(context) {
  SetName(windowName);
  m_book = new wxNotebook(this, wxID_ANY);
  m_book->SetName(windowName + "_tabs");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(m_book, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(4)));
  SetSizer(sizer);
  m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    const int page = event.GetSelection();
    if (page >= 0 && size_t(page) < m_tabs.size()) Make(m_tabs[size_t(page)]);
    event.Skip();
  });
}

void TabbedPanel::AddTab(const std::string& name, const wxString& label, Factory make, bool scrolled) {
  TabInfo tab;
  tab.name = name;
  tab.make = std::move(make);
  tab.scrolled = scrolled;
  if (scrolled) {
    auto* holder = new wxScrolledWindow(m_book, wxID_ANY);
    holder->SetScrollRate(FromDIP(10), FromDIP(10));
    tab.holder = holder;
  } else {
    tab.holder = new wxPanel(m_book, wxID_ANY);
  }
  tab.holder->SetName(wxString::FromUTF8(name) + "_tab");
  tab.holder->SetSizer(new wxBoxSizer(wxVERTICAL));
  m_tabs.push_back(std::move(tab));
  m_book->AddPage(m_tabs.back().holder, label);
  if (m_tabs.size() == 1) Make(m_tabs.front());  // the tab shown first
}

void TabbedPanel::Make(TabInfo& tab) {
  if (tab.made) return;
  tab.made = true;
  wxWindow* content = nullptr;
  try {
    tab.screen = tab.make(tab.holder);
    content = tab.screen;
  } catch (...) {
    content = Reason(tab.holder, DescribeException());
  }
  tab.holder->GetSizer()->Add(content, wxSizerFlags(tab.screen ? 1 : 0).Expand().Border(wxALL, tab.screen ? 0 : FromDIP(16)));
  if (tab.scrolled) static_cast<wxScrolledWindow*>(tab.holder)->FitInside();
  tab.holder->Layout();
}

bool TabbedPanel::ShowTab(const std::string& name) {
  for (size_t i = 0; i < m_tabs.size(); ++i)
    if (m_tabs[i].name == name) {
      Make(m_tabs[i]);
      m_book->SetSelection(i);
      return true;
    }
  return false;
}

wxWindow* TabbedPanel::Tab(const std::string& name) {
  for (TabInfo& tab : m_tabs)
    if (tab.name == name) {
      Make(tab);
      return tab.screen;
    }
  return nullptr;
}

std::string TabbedPanel::CurrentTab() const {
  const int page = m_book->GetSelection();
  return page >= 0 && size_t(page) < m_tabs.size() ? m_tabs[size_t(page)].name : std::string();
}

// ---- Responses ---------------------------------------------------------------------------------

ResponsesPanel::ResponsesPanel(const PanelContext& context) : wxPanel(context.parent, wxID_ANY), m_context(context) {
  SetName("responses_panel");
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* actions = new wxBoxSizer(wxHORIZONTAL);
  AddActionButton(this, actions, _("&Import Responses…"), "import_responses", [this] { ImportResponses(); });
  sizer->Add(actions, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));
  wxString unavailable;
  try {
    // The main window's connection: nothing is opened again, so a large project shows at once.
    m_browser = new DataBrowser(this, *context.project);
  } catch (...) {
    unavailable = DescribeException();
  }
  if (m_browser) {
    // The summary is made when its tab is first shown: its tables size themselves in a shown page.
    wxNotebook* book = m_browser->GetNotebook();
    m_summaryHolder = new wxPanel(book, wxID_ANY);
    m_summaryHolder->SetSizer(new wxBoxSizer(wxVERTICAL));
    book->AddPage(m_summaryHolder, _("Summary"));
    book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this, book](wxBookCtrlEvent& event) {
      if (book->GetPage(size_t(event.GetSelection())) == m_summaryHolder) GetSummary();
      event.Skip();
    });
    sizer->Add(m_browser, wxSizerFlags(1).Expand());
  } else {
    sizer->Add(Reason(this, unavailable), wxSizerFlags().Border(wxALL, 2 * gap));
    m_summary = Summary(context, this);
    sizer->Add(m_summary, wxSizerFlags(1).Expand());
  }
  SetSizer(sizer);
}

PartPanel* ResponsesPanel::GetSummary() {
  if (!m_summary && m_summaryHolder) {
    m_summary = Summary(m_context, m_summaryHolder);
    m_summaryHolder->GetSizer()->Add(m_summary, wxSizerFlags(1).Expand());
    m_summaryHolder->Layout();
  }
  return m_summary;
}

void ResponsesPanel::ImportResponses() {
  {
    ImportWizard wizard(this, m_context.project->Path());
    wizard.ShowModal();
  }
  // The browser's model counted the rows before the import: the panel is made again.
  if (m_context.reload) m_context.reload();
}

// ---- Analyses ----------------------------------------------------------------------------------

AnalysesPanel::AnalysesPanel(const PanelContext& context) : TabbedPanel(context, "analyses_panel") {
  storage::Project* project = context.project;
  AddTab("analysis", _("Analysis"), [project](wxWindow* parent) {
    auto* view = new AnalysisView(parent, *project);
    // Its pages scroll their charts: the view asks for a usual screen, not for a whole heatmap.
    view->SetMinSize(view->FromDIP(wxSize(600, 400)));
    return view;
  });
  AddTab("summary", _("Weighting and saved analyses"), [context](wxWindow* parent) { return Summary(context, parent); });
}

AnalysisView* AnalysesPanel::GetView() { return dynamic_cast<AnalysisView*>(Tab("analysis")); }

// ---- Fieldwork ---------------------------------------------------------------------------------

FieldworkPanel::FieldworkPanel(const PanelContext& context) : TabbedPanel(context, "fieldwork_panel") {
  storage::Project* project = context.project;
  AddTab("summary", _("Summary"), [context](wxWindow* parent) { return Summary(context, parent); });
  AddTab("mail", _("Mail data entry"), [project](wxWindow* parent) { return new DataEntryPanel(parent, *project); }, true);
  AddTab("phone", _("Telephone interviews"), [project](wxWindow* parent) { return new CatiPanel(parent, *project); }, true);
}

DataEntryPanel* FieldworkPanel::GetDataEntry() { return dynamic_cast<DataEntryPanel*>(Tab("mail")); }
CatiPanel* FieldworkPanel::GetCati() { return dynamic_cast<CatiPanel*>(Tab("phone")); }

}  // namespace manyi::gui

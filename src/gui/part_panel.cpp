// The summary panel of a project part.
#include "gui/part_panel.h"

#include <wx/button.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "gui/errors.h"
#include "gui/labels.h"
#include "gui/questionnaire_actions.h"
#include "gui/report_dialog.h"
#include "gui/result_table_view.h"
#include "gui/weighting_dialog.h"
#include "gui/wx_text.h"
#include "io/weight_scheme.h"

namespace manyi::gui {

namespace {

/// What the part is for and where its work is done, in one or two sentences.
wxString Explanation(report::ProjectPart part) {
  switch (part) {
    case report::ProjectPart::kQuestionnaires:
      return _("Every questionnaire of the project with its versions. A version that fieldwork or responses use "
               "is frozen: editing it stores a new version. Open a questionnaire in the tree to edit it.");
    case report::ProjectPart::kSampleFrame:
      return _("The customers the survey draws from, with region, industry and class. Contact data is kept apart "
               "and never goes into reports.");
    case report::ProjectPart::kFieldwork:
      return _("Waves, mail batches and telephone call attempts with their outcomes.");
    case report::ProjectPart::kResponses:
      return _("The answers collected by mail, phone, online and face to face, the imports they came from, and the "
               "edits made to them.");
    case report::ProjectPart::kAnalyses:
      return _("Weighting schemes (one may be active) and the analyses saved in the project.");
    case report::ProjectPart::kReports:
      return _("The report templates there are and the reports written from this project.");
  }
  return {};
}

}  // namespace

wxButton* AddActionButton(wxWindow* parent, wxSizer* row, const wxString& label, const char* name, std::function<void()> action) {
  auto* button = new wxButton(parent, wxID_ANY, label);
  button->SetName(name);
  button->Bind(wxEVT_BUTTON, [parent, action](wxCommandEvent&) {
    try {
      action();
    } catch (...) {
      ShowError(parent, DescribeException());
    }
  });
  row->Add(button, wxSizerFlags().Border(wxRIGHT, parent->FromDIP(8)));
  return button;
}

report::ProjectPart PartOf(NodeKind kind) {
  switch (kind) {
    case NodeKind::kSampleFrame: return report::ProjectPart::kSampleFrame;
    case NodeKind::kFieldwork: return report::ProjectPart::kFieldwork;
    case NodeKind::kResponses: return report::ProjectPart::kResponses;
    case NodeKind::kAnalyses: return report::ProjectPart::kAnalyses;
    case NodeKind::kReports: return report::ProjectPart::kReports;
    default: return report::ProjectPart::kQuestionnaires;
  }
}

PartPanel::PartPanel(const PanelContext& context, report::ProjectPart part)
    : wxPanel(context.parent, wxID_ANY), m_context(context) {
  SetName("part");
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  auto* title = BoldLabel(this, NodeLabel(context.kind), 1.3);
  title->SetName("part_title");
  sizer->Add(title, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
  auto* text = new wxStaticText(this, wxID_ANY, wxString());
  text->SetName("part_explanation");
  text->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  SetWrappedLabel(text, Explanation(part), FromDIP(560));
  sizer->Add(text, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));
  // Wrapped to the panel once it has a width: the explanation never widens the window.
  Bind(wxEVT_SIZE, [this, text, gap](wxSizeEvent& event) {
    const int width = event.GetSize().x - 4 * gap;
    if (width > 100 && width != m_wrappedTo) {
      m_wrappedTo = width;
      SetWrappedLabel(text, Explanation(PartOf(m_context.kind)), width);
    }
    event.Skip();
  });

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  if (part == report::ProjectPart::kQuestionnaires) {
    AddActionButton(this, buttons, _("Add from &Template…"), "add_template", [this] { AddQuestionnaireFromTemplate(); });
    AddActionButton(this, buttons, _("&Import Questionnaire…"), "import_questionnaire", [this] { ImportQuestionnaire(); });
  } else if (part == report::ProjectPart::kReports) {
    AddActionButton(this, buttons, _("&New Report…"), "write_report", [this] { WriteReport(); });
    AddActionButton(this, buttons, _("&Open Report"), "open_report", [this] {
      ResultTableView* history = FindTable("report_history");
      const long row = history ? history->GetList()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) : -1;
      if (row < 0) {
        ShowError(this, history && history->RowCount() > 0 ? _("Choose a report in the list of reports written, then open it.")
                                                           : _("No report has been written from this project yet: write one with New Report…"));
        return;
      }
      OpenWrittenReport(int(row));
    });
  }
  if (part == report::ProjectPart::kAnalyses) {
    AddActionButton(this, buttons, _("&New Weighting Scheme…"), "new_scheme", [this] { NewWeightingScheme(); });
    AddActionButton(this, buttons, _("Make &Active"), "activate_scheme", [this] { ActivateChosenScheme(); });
    AddActionButton(this, buttons, _("&No Active Scheme"), "deactivate_schemes", [this] { DeactivateSchemes(); });
    AddActionButton(this, buttons, _("&Delete Scheme"), "delete_scheme", [this] { DeleteChosenScheme(); });
  }
  if (!buttons->IsEmpty()) sizer->Add(buttons, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, 2 * gap));

  auto* scroll = new wxScrolledWindow(this, wxID_ANY);
  scroll->SetName("part_tables");
  auto* tables = new wxBoxSizer(wxVERTICAL);
  for (const report::ResultTable& table : report::PartTables(*context.project, part)) {
    auto* view = new ResultTableView(scroll, table);
    m_tables.push_back(view);
    tables->Add(view, wxSizerFlags().Border(wxBOTTOM, 2 * gap));
  }
  if (ResultTableView* history = FindTable("report_history"))
    history->GetList()->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent& event) { OpenWrittenReport(int(event.GetIndex())); });
  scroll->SetSizer(tables);
  scroll->SetScrollRate(FromDIP(10), FromDIP(10));
  scroll->FitInside();
  sizer->Add(scroll, wxSizerFlags(1).Expand().Border(wxALL, 2 * gap));
  SetSizer(sizer);
}

ResultTableView* PartPanel::FindTable(const std::string& id) const {
  for (ResultTableView* view : m_tables)
    if (view->TableId() == id) return view;
  return nullptr;
}

void PartPanel::AddQuestionnaireFromTemplate() {
  if (auto id = gui::AddQuestionnaireFromTemplate(this, *m_context.project)) m_context.show(NodeKind::kQuestionnaire, *id);
}

void PartPanel::ImportQuestionnaire() {
  if (auto id = gui::ImportQuestionnaire(this, *m_context.project)) m_context.show(NodeKind::kQuestionnaire, *id);
}

void PartPanel::WriteReport() {
  // The list of reports written shows the new one at once.
  if (ShowReportDialog(this, *m_context.project) && m_context.reload) m_context.reload();
}

std::string PartPanel::ChosenScheme() {
  ResultTableView* schemes = FindTable("weight_schemes");
  const long row = schemes ? schemes->GetList()->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED) : -1;
  if (row < 0) {
    ShowError(this, schemes && schemes->RowCount() > 0 ? _("Choose a scheme in the list of weighting schemes first.")
                                                       : _("The project has no weighting scheme yet: compute one with New Weighting Scheme…"));
    return {};
  }
  return ToUtf8(schemes->CellText(int(row), 0));
}

bool PartPanel::NewWeightingScheme() {
  if (!gui::NewWeightingScheme(this, *m_context.project)) return false;
  if (m_context.reload) m_context.reload();
  return true;
}

bool PartPanel::ActivateChosenScheme() {
  const std::string name = ChosenScheme();
  if (name.empty()) return false;
  io::ActivateWeightScheme(*m_context.project, name);
  if (m_context.reload) m_context.reload();
  return true;
}

bool PartPanel::DeactivateSchemes() {
  io::DeactivateWeightSchemes(*m_context.project);
  if (m_context.reload) m_context.reload();
  return true;
}

bool PartPanel::DeleteChosenScheme() {
  const std::string name = ChosenScheme();
  if (name.empty()) return false;
  if (wxMessageBox(wxString::Format(_("Delete the weighting scheme \"%s\" and its weights? Reports already written keep what they say."),
                                    ToWx(name)),
                   _("Delete Scheme"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION, this) != wxYES)
    return false;
  io::DeleteWeightScheme(*m_context.project, name);
  if (m_context.reload) m_context.reload();
  return true;
}

bool PartPanel::OpenWrittenReport(int row) {
  ResultTableView* history = FindTable("report_history");
  if (!history || row < 0 || row >= history->RowCount()) return false;
  return OpenReportFile(this, history->CellText(row, 2));  // the File column: stored absolute
}

}  // namespace manyi::gui

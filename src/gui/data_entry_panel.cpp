// The mail data-entry screen.
#include "gui/data_entry_panel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/error.h"
#include "report/fieldwork_tables.h"
#include "gui/errors.h"
#include "gui/fieldwork_text.h"
#include "gui/result_table_view.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {
const wxColour kProblemColour(255, 214, 214);
}

DataEntryPanel::DataEntryPanel(wxWindow* parent, storage::Project& project) : wxPanel(parent, wxID_ANY), m_project(project) {
  SetName("data_entry");
  const int gap = FromDIP(6);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_pages = new wxNotebook(this, wxID_ANY);
  sizer->Add(m_pages, wxSizerFlags(1).Expand().Border(wxALL, gap));
  SetSizer(sizer);

  // Page 1: keying.
  auto* key = new wxPanel(m_pages, wxID_ANY);
  auto* ks = new wxBoxSizer(wxVERTICAL);
  auto* top = new wxFlexGridSizer(6, gap, 2 * gap);
  top->Add(new wxStaticText(key, wxID_ANY, _("Operator:")), wxSizerFlags().CenterVertical());
  m_operator = new wxTextCtrl(key, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(120), -1), wxTE_PROCESS_ENTER);
  m_operator->SetName("operator");
  top->Add(m_operator);
  top->Add(new wxStaticText(key, wxID_ANY, _("Pass:")), wxSizerFlags().CenterVertical());
  m_pass = new wxChoice(key, wxID_ANY);
  m_pass->Append(_("1 (first keying)"));
  m_pass->Append(_("2 (second keying)"));
  m_pass->SetSelection(0);
  m_pass->SetName("pass");
  top->Add(m_pass);
  top->Add(new wxStaticText(key, wxID_ANY, _("Respondent id:")), wxSizerFlags().CenterVertical());
  m_respondent = new wxTextCtrl(key, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(100), -1), wxTE_PROCESS_ENTER);
  m_respondent->SetName("respondent");
  top->Add(m_respondent);
  ks->Add(top, wxSizerFlags().Border(wxALL, gap));

  try {
    m_form.emplace(io::LoadEntryForm(m_project, std::nullopt));
  } catch (const UserError& e) {
    ks->Add(new wxStaticText(key, wxID_ANY, ToWx(e.GetMessage().Text())), wxSizerFlags().Border(wxALL, gap));
  }
  if (m_form) {
    m_sheet = std::make_unique<AnswerSheet>(m_form->form);
    auto* title = new wxStaticText(key, wxID_ANY, ToWx(m_form->form.title.Get(FormLanguage())));
    title->SetFont(title->GetFont().Bold());
    ks->Add(title, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
    m_formArea = new wxScrolledWindow(key, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(320)), wxVSCROLL | wxBORDER_THEME);
    m_formArea->SetScrollRate(0, FromDIP(10));
    BuildForm(m_formArea);
    ks->Add(m_formArea, wxSizerFlags(1).Expand().Border(wxALL, gap));
  }
  m_status = new wxStaticText(key, wxID_ANY, _("Type the operator, the pass and the respondent id printed on the form, then the codes; Enter moves on."),
                              wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE);
  m_status->SetName("status");
  ks->Add(m_status, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
  m_store = new wxButton(key, wxID_ANY, _("&Store form (Ctrl+S)"));
  m_store->SetName("store");
  m_store->Enable(m_form.has_value());
  ks->Add(m_store, wxSizerFlags().Right().Border(wxALL, gap));
  key->SetSizer(ks);
  m_pages->AddPage(key, _("Key forms"));

  // Page 2: discrepancies.
  auto* dis = new wxPanel(m_pages, wxID_ANY);
  auto* ds = new wxBoxSizer(wxVERTICAL);
  ds->Add(new wxStaticText(dis, wxID_ANY, _("Where the two keyings differ. Find the form, read the answer and type it (blank = left blank on the form).")),
          wxSizerFlags().Border(wxALL, gap));
  m_discrepancies = new wxListCtrl(dis, wxID_ANY, wxDefaultPosition, wxSize(-1, FromDIP(220)), wxLC_REPORT | wxLC_SINGLE_SEL);
  m_discrepancies->SetName("discrepancies");
  const wxString heads[] = {_("Respondent"), _("Page"), _("Question"), _("Variable"), _("Pass 1"), _("Pass 2"), _("Keyed by")};
  for (int c = 0; c < 7; ++c) m_discrepancies->AppendColumn(heads[c], wxLIST_FORMAT_LEFT, FromDIP(c == 6 ? 140 : c == 1 ? 60 : 95));
  ds->Add(m_discrepancies, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, gap));
  auto* rs = new wxBoxSizer(wxHORIZONTAL);
  rs->Add(new wxStaticText(dis, wxID_ANY, _("Value on the paper form:")), wxSizerFlags().CenterVertical());
  m_resolveValue = new wxTextCtrl(dis, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(160), -1), wxTE_PROCESS_ENTER);
  m_resolveValue->SetName("resolve_value");
  rs->Add(m_resolveValue, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
  auto* resolve = new wxButton(dis, wxID_ANY, _("&Resolve"));
  rs->Add(resolve);
  ds->Add(rs, wxSizerFlags().Border(wxALL, gap));
  dis->SetSizer(ds);
  m_pages->AddPage(dis, _("Discrepancies"));

  // Page 3: operator statistics.
  m_operatorsPage = new wxPanel(m_pages, wxID_ANY);
  auto* os = new wxBoxSizer(wxVERTICAL);
  // The title is this page's own label: the table view sizes its title before making it bold.
  auto* opTitle = new wxStaticText(m_operatorsPage, wxID_ANY, wxString());
  opTitle->SetFont(opTitle->GetFont().Bold());
  opTitle->SetLabel(_("Keying statistics per operator (speed, error rate)"));
  // Measured with the bold font here: a hidden notebook page reports the regular font's size.
  opTitle->SetMinSize(opTitle->GetTextExtent(opTitle->GetLabel()) + wxSize(FromDIP(8), FromDIP(2)));
  os->Add(opTitle, wxSizerFlags().Border(wxALL, gap));
  m_operatorsPage->SetSizer(os);
  m_pages->AddPage(m_operatorsPage, _("Operators"));

  m_respondent->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
    if (m_respondent->GetValue().Trim().Trim(false).empty()) return;
    m_started = std::chrono::steady_clock::now();
    FocusNext(size_t(-1));
  });
  m_operator->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { m_respondent->SetFocus(); });
  m_store->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StoreForm(); });
  resolve->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ResolveSelected(); });
  m_resolveValue->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { ResolveSelected(); });
  m_pages->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& e) {
    if (e.GetSelection() == 1) RefreshDiscrepancies();
    if (e.GetSelection() == 2) CallAfter([this] { RefreshOperators(); });
    e.Skip();
  });
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
    if (e.GetKeyCode() == 'S' && e.ControlDown()) StoreForm();
    else e.Skip();
  });
}

void DataEntryPanel::BuildForm(wxWindow* parent) {
  const int gap = FromDIP(4);
  auto* grid = new wxFlexGridSizer(4, gap, 2 * gap);
  grid->AddGrowableCol(1, 1);
  const auto& vars = m_sheet->Variables();
  int lastNumber = 0;
  for (size_t i = 0; i < vars.size(); ++i) {
    const int number = m_sheet->QuestionNumber(i);
    auto* num = new wxStaticText(parent, wxID_ANY, number && number != lastNumber ? wxString::Format("%d.", number) : wxString());
    num->SetFont(num->GetFont().Bold());
    lastNumber = number;
    grid->Add(num, wxSizerFlags().Top());
    auto* text = new wxStaticText(parent, wxID_ANY, QuestionText(vars[i]) + "\n" + CodeHint(vars[i]));
    text->Wrap(FromDIP(430));
    m_labels.push_back(text);
    grid->Add(text, wxSizerFlags().Expand());
    auto* name = new wxStaticText(parent, wxID_ANY, ToWx(vars[i].name));
    name->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    grid->Add(name, wxSizerFlags().Top());
    auto* field = new wxTextCtrl(parent, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(vars[i].isText ? 160 : 56), -1), wxTE_PROCESS_ENTER);
    field->SetName("code_" + ToWx(vars[i].name));
    field->Bind(wxEVT_TEXT_ENTER, [this, i](wxCommandEvent&) {
      if (CommitField(i)) FocusNext(i);
    });
    field->Bind(wxEVT_KILL_FOCUS, [this, i](wxFocusEvent& e) {
      CommitField(i);
      e.Skip();
    });
    m_fields.push_back(field);
    grid->Add(field, wxSizerFlags().Top());
  }
  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(grid, wxSizerFlags(1).Expand().Border(wxALL, 2 * gap));
  parent->SetSizer(outer);
  parent->FitInside();
}

wxTextCtrl* DataEntryPanel::Field(const std::string& variable) const {
  if (!m_sheet) return nullptr;
  auto i = m_sheet->IndexOf(variable);
  return i ? m_fields[*i] : nullptr;
}

wxString DataEntryPanel::Status() const { return m_status->GetLabel(); }

void DataEntryPanel::SetStatus(const wxString& text, bool problem) {
  m_status->SetLabel(text);
  m_status->SetForegroundColour(problem ? wxColour(170, 0, 0) : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
  m_status->Wrap(std::max(FromDIP(300), GetClientSize().x - FromDIP(30)));
  Layout();
}

bool DataEntryPanel::CommitField(size_t index) {
  if (!m_sheet || index >= m_fields.size() || !m_fields[index]->IsEnabled()) return true;
  const std::string keyed = ToUtf8(m_fields[index]->GetValue());
  if (auto problem = m_sheet->Check(index, keyed)) {
    m_fields[index]->SetBackgroundColour(kProblemColour);
    m_fields[index]->Refresh();
    SetStatus(wxString::Format(_("Question %d (%s): %s"), m_sheet->QuestionNumber(index), ToWx(m_sheet->Variables()[index].name),
                               ToWx(problem->Text())),
              true);
    return false;
  }
  m_fields[index]->SetBackgroundColour(wxNullColour);
  m_fields[index]->Refresh();
  m_sheet->Set(index, keyed);
  ApplySkips();
  SetStatus(wxString(), false);
  return true;
}

void DataEntryPanel::ApplySkips() {
  for (size_t i = 0; i < m_fields.size(); ++i) {
    const bool asked = m_sheet->Relevant(i);
    if (!asked && !m_fields[i]->GetValue().empty()) {
      // The form skips it now: what was typed there stays visible until it is cleared by hand,
      // so nothing disappears silently; storing refuses the form until then.
      m_fields[i]->SetBackgroundColour(kProblemColour);
    }
    m_fields[i]->Enable(asked || !m_fields[i]->GetValue().empty());
    m_labels[i]->Enable(asked);
  }
}

void DataEntryPanel::FocusNext(size_t after) {
  for (size_t i = after == size_t(-1) ? 0 : after + 1; i < m_fields.size(); ++i)
    if (m_sheet->Relevant(i)) {
      m_fields[i]->SetFocus();
      m_fields[i]->SelectAll();
      if (m_formArea) {
        int x, y;
        m_formArea->CalcUnscrolledPosition(0, m_fields[i]->GetPosition().y, &x, &y);
        int ppuX, ppuY;
        m_formArea->GetScrollPixelsPerUnit(&ppuX, &ppuY);
        if (ppuY > 0 && (m_fields[i]->GetPosition().y < 0 || m_fields[i]->GetPosition().y > m_formArea->GetClientSize().y - FromDIP(40)))
          m_formArea->Scroll(-1, std::max(0, (y - FromDIP(60)) / ppuY));
      }
      return;
    }
  m_store->SetFocus();
}

void DataEntryPanel::ClearForm() {
  for (size_t i = 0; i < m_fields.size(); ++i) {
    m_fields[i]->ChangeValue("");
    m_fields[i]->SetBackgroundColour(wxNullColour);
    m_sheet->Clear(i);
  }
  ApplySkips();
  m_respondent->ChangeValue("");
  m_started.reset();
}

bool DataEntryPanel::StoreForm() {
  if (!m_form) return false;
  const std::string op = ToUtf8(m_operator->GetValue().Trim().Trim(false));
  const std::string key = ToUtf8(m_respondent->GetValue().Trim().Trim(false));
  if (op.empty()) {
    SetStatus(_("Type your name as operator first."), true);
    m_operator->SetFocus();
    return false;
  }
  if (key.empty()) {
    SetStatus(_("Type the respondent id printed on the form first."), true);
    m_respondent->SetFocus();
    return false;
  }
  io::KeyedForm form;
  form.respondentKey = key;
  for (wxTextCtrl* f : m_fields) form.values.push_back(ToUtf8(f->GetValue()));
  if (m_started) form.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *m_started).count();
  auto problems = io::CheckKeyedForm(m_form->form, form);
  if (!problems.empty()) {
    wxString text = _("The form cannot be stored yet:");
    for (const Message& m : problems) text += "\n" + ToWx(m.Text());
    SetStatus(text, true);
    return false;
  }
  try {
    const int pass = m_pass->GetSelection() + 1;
    io::EntryOutcome out = io::StoreKeyedPass(m_project, *m_form, {form}, pass, op, "screen");
    wxString text = wxString::Format(_("Respondent %s stored as pass %d."), ToWx(key), pass);
    if (!out.verified.empty()) text += " " + _("Both passes agree: stored as a mail response.");
    else if (out.discrepancies > 0) text += " " + wxString::Format(_("%d discrepancies with pass 1 to resolve."), int(out.discrepancies));
    ClearForm();
    SetStatus(text, false);
    m_respondent->SetFocus();
    return true;
  } catch (...) {
    SetStatus(DescribeException(), true);
    return false;
  }
}

void DataEntryPanel::RefreshDiscrepancies() {
  m_discrepancies->DeleteAllItems();
  m_listed.clear();
  if (!m_form) return;
  m_listed = io::ListDiscrepancies(m_project, *m_form, false);
  auto shown = [](const std::string& v) { return v.empty() ? _("(blank)") : ToWx(v); };
  for (size_t r = 0; r < m_listed.size(); ++r) {
    const io::Discrepancy& d = m_listed[r];
    long row = m_discrepancies->InsertItem(long(r), ToWx(d.respondentKey));
    m_discrepancies->SetItem(row, 1, d.page ? wxString::Format("%d", d.page) : wxString());
    m_discrepancies->SetItem(row, 2, d.question ? wxString::Format("Q%d", d.question) : wxString());
    m_discrepancies->SetItem(row, 3, ToWx(d.variable));
    m_discrepancies->SetItem(row, 4, shown(d.value1));
    m_discrepancies->SetItem(row, 5, shown(d.value2));
    m_discrepancies->SetItem(row, 6, ToWx(d.operator1 + " / " + d.operator2));
  }
  if (!m_listed.empty()) m_discrepancies->SetItemState(0, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED, wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
}

ResultTableView* DataEntryPanel::RefreshOperators() {
  if (m_operators) m_operators->Destroy();
  report::ResultTable table = report::OperatorTable(io::OperatorStatistics(m_project));
  table.title.clear();
  m_operators = new ResultTableView(m_operatorsPage, table);
  m_operatorsPage->GetSizer()->Add(m_operators, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(6)));
  m_operatorsPage->Layout();
  return m_operators;
}

bool DataEntryPanel::ResolveSelected() {
  const long row = m_discrepancies->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
  if (row < 0 || size_t(row) >= m_listed.size() || !m_form) return false;
  const io::Discrepancy d = m_listed[size_t(row)];
  try {
    const std::string op = ToUtf8(m_operator->GetValue().Trim().Trim(false));
    const bool verified = io::ResolveDiscrepancy(m_project, *m_form, d.respondentKey, d.variable, ToUtf8(m_resolveValue->GetValue()), op);
    m_resolveValue->ChangeValue("");
    RefreshDiscrepancies();
    if (verified) SetStatus(wxString::Format(_("Respondent %s is verified and stored as a mail response."), ToWx(d.respondentKey)), false);
    m_resolveValue->SetFocus();
    return true;
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
}

}  // namespace manyi::gui

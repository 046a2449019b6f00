// The telephone interviewer's screen.
#include "gui/cati_panel.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include "core/error.h"
#include "core/text.h"
#include "gui/errors.h"
#include "gui/fieldwork_text.h"
#include "gui/wx_text.h"

namespace manyi::gui {

using io::cati::Disposition;

CatiPanel::CatiPanel(wxWindow* parent, storage::Project& project)
    : wxPanel(parent, wxID_ANY), m_project(project), m_now([] { return NowIso8601(); }) {
  SetName("cati");
  m_list = io::cati::NewestCallList(m_project);
  const int gap = FromDIP(6);
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  auto* top = new wxBoxSizer(wxHORIZONTAL);
  top->Add(new wxStaticText(this, wxID_ANY, _("Interviewer:")), wxSizerFlags().CenterVertical());
  m_interviewer = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(120), -1));
  m_interviewer->SetName("interviewer");
  top->Add(m_interviewer, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
  m_next = new wxButton(this, wxID_ANY, _("&Next respondent"));
  m_next->SetName("next_respondent");
  top->Add(m_next);
  sizer->Add(top, wxSizerFlags().Border(wxALL, gap));

  auto* caseBox = new wxStaticBoxSizer(wxVERTICAL, this, _("Respondent"));
  m_caseInfo = new wxStaticText(caseBox->GetStaticBox(), wxID_ANY,
                                m_list ? _("Press Next respondent to take a case from the call list.")
                                       : _("This project has no call list yet. Draw one with Fieldwork ▸ Sampling Plan (draw into a call list)."));
  m_caseInfo->SetName("case_info");
  caseBox->Add(m_caseInfo, wxSizerFlags().Expand().Border(wxALL, gap));
  m_start = new wxButton(caseBox->GetStaticBox(), wxID_ANY, _("&Start interview"));
  m_start->SetName("start_interview");
  caseBox->Add(m_start, wxSizerFlags().Border(wxLEFT | wxBOTTOM, gap));
  sizer->Add(caseBox, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

  auto* script = new wxStaticBoxSizer(wxVERTICAL, this, _("Interview"));
  wxWindow* sb = script->GetStaticBox();
  m_progress = new wxStaticText(sb, wxID_ANY, "");
  m_progress->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  script->Add(m_progress, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, gap));
  m_question = new wxStaticText(sb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(560), -1));
  m_question->SetName("question");
  m_question->SetFont(m_question->GetFont().Bold().Scaled(1.2f));
  // The minimum height of the larger font, not of the default one measured at creation.
  m_question->InvalidateBestSize();
  m_question->SetMinSize(wxSize(FromDIP(560), m_question->GetTextExtent("Ag").y));
  script->Add(m_question, wxSizerFlags().Expand().Border(wxALL, gap));
  m_codes = new wxStaticText(sb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(560), -1));
  script->Add(m_codes, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  m_back = new wxButton(sb, wxID_ANY, _("< &Back"));
  row->Add(m_back);
  m_answer = new wxTextCtrl(sb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(200), -1), wxTE_PROCESS_ENTER);
  m_answer->SetName("answer");
  row->Add(m_answer, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
  m_ok = new wxButton(sb, wxID_ANY, _("&OK (Enter)"));
  row->Add(m_ok);
  script->Add(row, wxSizerFlags().Border(wxALL, gap));
  m_problem = new wxStaticText(sb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(560), -1));
  m_problem->SetName("problem");
  m_problem->SetForegroundColour(wxColour(170, 0, 0));
  script->Add(m_problem, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  sizer->Add(script, wxSizerFlags(1).Expand().Border(wxALL, gap));

  auto* call = new wxStaticBoxSizer(wxHORIZONTAL, this, _("Call outcome"));
  wxWindow* cb = call->GetStaticBox();
  m_disposition = new wxChoice(cb, wxID_ANY);
  for (Disposition d : io::cati::AllDispositions()) m_disposition->Append(ToWx(io::cati::DispositionLabel(d).Text()));
  m_disposition->SetSelection(0);
  m_disposition->SetName("disposition");
  call->Add(m_disposition, wxSizerFlags().CenterVertical().Border(wxALL, gap));
  call->Add(new wxStaticText(cb, wxID_ANY, _("Call back at:")), wxSizerFlags().CenterVertical());
  m_callback = new wxTextCtrl(cb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(140), -1));
  m_callback->SetHint("2026-11-24 15:30");
  m_callback->SetName("callback");
  call->Add(m_callback, wxSizerFlags().CenterVertical().Border(wxALL, gap));
  m_record = new wxButton(cb, wxID_ANY, _("&Record call"));
  m_record->SetName("record_call");
  call->Add(m_record, wxSizerFlags().CenterVertical().Border(wxALL, gap));
  sizer->Add(call, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  SetSizer(sizer);

  m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { NextRespondent(); });
  m_start->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { StartInterview(); });
  m_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Back(); });
  m_ok->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Answer(m_answer->GetValue()); });
  m_answer->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) { Answer(m_answer->GetValue()); });
  m_record->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    const int sel = m_disposition->GetSelection();
    if (sel >= 0) RecordCall(io::cati::AllDispositions()[size_t(sel)], m_callback->GetValue());
  });
  ShowCase();
}

CatiPanel::~CatiPanel() {
  try {
    io::cati::ReleaseClaims(m_project, m_claimToken);
  } catch (...) {
    // A claim that cannot be released now lapses after kClaimTimeoutMinutes.
  }
}

std::string CatiPanel::CurrentVariable() const {
  if (!m_interview || !m_interview->Current()) return {};
  return m_interview->Sheet().Variables()[*m_interview->Current()].name;
}

wxString CatiPanel::QuestionLabel() const { return m_question->GetLabel(); }
wxString CatiPanel::ProblemLabel() const { return m_problem->GetLabel(); }
wxString CatiPanel::CaseLabel() const { return m_caseInfo->GetLabel(); }

void CatiPanel::SelectDisposition(Disposition d) {
  const auto& all = io::cati::AllDispositions();
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i] == d) m_disposition->SetSelection(int(i));
}

void CatiPanel::SetProblem(const wxString& text) {
  m_problem->SetLabel(text);
  m_problem->Wrap(FromDIP(560));
  Layout();
}

bool CatiPanel::NextRespondent() {
  if (m_interview) {
    SetProblem(_("Record the outcome of this call first."));
    return false;
  }
  try {
    if (!m_list) m_list = io::cati::NewestCallList(m_project);
    if (!m_list) {
      SetProblem(_("This project has no call list yet. Draw one with Fieldwork ▸ Sampling Plan (draw into a call list)."));
      return false;
    }
    const std::string now = m_now();
    m_case = io::cati::ClaimNextCase(m_project, m_list, now, m_claimToken, ToUtf8(m_interviewer->GetValue().Trim().Trim(false)));
    if (m_case) {
      SetProblem(wxString());
    } else {
      wxString problem = _("No case is due: every case is finished, at its attempt limit or has a later callback.");
      wxString holders;
      int held = 0;
      for (const io::cati::CallCase& c : io::cati::ListCases(m_project, m_list, now))
        if (!c.claimToken.empty() && c.claimToken != m_claimToken) {
          ++held;
          const wxString who = c.heldBy.empty() ? _("another interviewer") : ToWx(c.heldBy);
          if (!holders.Contains(who)) holders += (holders.empty() ? "" : ", ") + who;
        }
      if (held > 0)
        problem += "\n" + wxString::Format(wxPLURAL("%d case is being called by another interviewer (%s).",
                                                    "%d cases are being called by other interviewers (%s).", held), held, holders);
      SetProblem(problem);
    }
  } catch (...) {
    ShowError(this, DescribeException());
    m_case.reset();
  }
  ShowCase();
  return m_case.has_value();
}

void CatiPanel::ShowCase() {
  if (!m_case) {
    if (m_list) m_caseInfo->SetLabel(_("Press Next respondent to take a case from the call list."));
  } else {
    const io::cati::CallCase& c = *m_case;
    wxString text = wxString::Format(_("Customer %s   %s   %s"), ToWx(c.externalId), ToWx(c.name), ToWx(c.region));
    text += "\n" + wxString::Format(_("Phone: %s   Contact: %s"), ToWx(c.phone.empty() ? "—" : c.phone), ToWx(c.contactPerson.empty() ? "—" : c.contactPerson));
    wxString history = wxString::Format(_("Attempts so far: %d"), c.attempts);
    if (auto d = io::cati::ParseDisposition(c.lastDisposition)) history += "   " + wxString::Format(_("last: %s"), ToWx(io::cati::DispositionLabel(*d).Text()));
    if (c.callbackAt) history += "   " + wxString::Format(_("callback due %s"), ToWx(*c.callbackAt));
    if (c.interrupted) history += "   " + _("interrupted interview: it resumes where it stopped");
    m_caseInfo->SetLabel(text + "\n" + history);
  }
  m_start->Enable(m_case && !m_interview);
  m_next->Enable(!m_interview);
  // The likely outcome is preselected: no answer before an interview, partial during one
  // (ShowQuestion selects complete once every question is asked).
  SelectDisposition(m_interview ? Disposition::kPartial : Disposition::kNoAnswer);
  m_record->Enable(m_case.has_value());
  ShowQuestion();
}

void CatiPanel::ShowQuestion() {
  const bool on = m_interview != nullptr;
  m_answer->Enable(on && m_interview->Current());
  m_ok->Enable(on && m_interview->Current());
  m_back->Enable(on);
  if (!on) {
    m_progress->SetLabel("");
    m_question->SetLabel("");
    m_codes->SetLabel("");
    Layout();
    return;
  }
  const AnswerSheet& sheet = m_interview->Sheet();
  if (auto i = m_interview->Current()) {
    const Variable& v = sheet.Variables()[*i];
    m_progress->SetLabel(wxString::Format(_("Question %d of %d (%s)"), sheet.QuestionNumber(*i), sheet.QuestionNumber(sheet.Variables().size() - 1),
                                          ToWx(v.name)));
    m_question->SetLabel(QuestionText(v));
    m_codes->SetLabel(CodeHint(v));
    m_answer->ChangeValue(ToWx(sheet.Keyed(*i)));
    m_answer->SetFocus();
    m_answer->SelectAll();
  } else {
    m_progress->SetLabel("");
    m_question->SetLabel(_("All questions are asked. Thank the respondent, choose \"Complete interview\" and record the call."));
    m_codes->SetLabel("");
    SelectDisposition(Disposition::kComplete);
    m_record->SetFocus();
  }
  m_question->Wrap(FromDIP(560));
  m_codes->Wrap(FromDIP(560));
  Layout();
}

bool CatiPanel::StartInterview() {
  if (!m_case || m_interview) return false;
  try {
    m_interview = io::cati::Interview::Open(m_project, m_list, m_case->customerId, ToUtf8(m_interviewer->GetValue().Trim().Trim(false)), m_claimToken,
                                            m_now());
    SetProblem(m_interview->Resumed() ? _("Resumed: the answers given before are kept.") : wxString());
  } catch (...) {
    ShowError(this, DescribeException());
    m_interview.reset();
  }
  ShowCase();
  return m_interview != nullptr;
}

bool CatiPanel::Answer(const wxString& text) {
  if (!m_interview) return false;
  m_answer->ChangeValue(text);
  try {
    if (auto problem = m_interview->Answer(ToUtf8(text))) {
      SetProblem(ToWx(problem->Text()));
      m_answer->SetFocus();
      m_answer->SelectAll();
      return false;
    }
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
  SetProblem(wxString());
  ShowQuestion();
  return true;
}

bool CatiPanel::Back() {
  if (!m_interview || !m_interview->Back()) return false;
  SetProblem(wxString());
  ShowQuestion();
  return true;
}

bool CatiPanel::RecordCall(Disposition disposition, const wxString& callback) {
  if (!m_case) return false;
  try {
    const std::string now = m_now();
    if (disposition == Disposition::kComplete) {
      if (!m_interview) {
        SetProblem(_("A complete interview needs the interview: press Start interview and ask the questions."));
        return false;
      }
      m_interview->Complete(now);
    } else {
      std::optional<std::string> cb;
      if (!wxString(callback).Trim().Trim(false).empty()) cb = ToUtf8(callback);
      io::cati::RecordAttempt(m_project, m_list, m_case->customerId, ToUtf8(m_interviewer->GetValue().Trim().Trim(false)), disposition, now, cb, "",
                              m_claimToken);
    }
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
  // Every answer is in the project already: closing the interview loses nothing.
  m_interview.reset();
  m_case.reset();
  m_callback->ChangeValue("");
  SetProblem(wxString());
  ShowCase();
  m_next->SetFocus();
  return true;
}

}  // namespace manyi::gui

// The sampling plan screen.
#include "gui/sampling_panel.h"

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/text.h"
#include "gui/errors.h"
#include "gui/file_chooser.h"
#include "gui/result_table_view.h"
#include "gui/wx_text.h"
#include "io/form_json.h"
#include "io/frame_import.h"
#include "report/fieldwork_tables.h"
#include "stats/sampling.h"

namespace manyi::gui {

namespace {

const char* const kRoundings[] = {"half-up", "half-even", "up", "down"};

bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = std::stoi(s.substr(5, 2)), day = std::stoi(s.substr(8, 2));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

wxStaticText* Label(wxWindow* parent, const wxString& text) { return new wxStaticText(parent, wxID_ANY, text); }

}  // namespace

SamplingPanel::SamplingPanel(wxWindow* parent, storage::Project& project) : wxPanel(parent, wxID_ANY), m_project(project) {
  SetName("sampling");
  const int gap = FromDIP(6);
  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);

  // 1. Strata.
  auto* strataBox = new wxStaticBoxSizer(wxVERTICAL, this, _("1. Strata of the sample frame"));
  wxWindow* sb = strataBox->GetStaticBox();
  strataBox->Add(Label(sb, _("Form the strata by:")), wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, gap));
  wxArrayString attributes;
  for (const std::string& a : io::FrameAttributes()) attributes.Add(ToWx(io::FrameAttributeLabel(a).Text()));
  m_strata = new wxCheckListBox(sb, wxID_ANY, wxDefaultPosition, wxDefaultSize, attributes);
  m_strata->SetName("strata");
  strataBox->Add(m_strata, wxSizerFlags().Expand().Border(wxALL, gap));
  auto* accRow = new wxBoxSizer(wxHORIZONTAL);
  accRow->Add(Label(sb, _("Sum the sample by:")), wxSizerFlags().CenterVertical());
  m_accumulate = new wxChoice(sb, wxID_ANY);
  m_accumulate->Append(_("(none)"));
  for (const wxString& a : attributes) m_accumulate->Append(a);
  m_accumulate->SetSelection(0);
  m_accumulate->SetName("accumulate");
  accRow->Add(m_accumulate, wxSizerFlags(1).Border(wxLEFT, gap));
  strataBox->Add(accRow, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  left->Add(strataBox, wxSizerFlags().Expand());

  // 2. Sample size.
  auto* sizeBox = new wxStaticBoxSizer(wxVERTICAL, this, _("2. Sample size per stratum"));
  wxWindow* zb = sizeBox->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, wxSize(gap, gap));
  grid->AddGrowableCol(1);
  grid->Add(Label(zb, _("Allocation:")), wxSizerFlags().CenterVertical());
  m_allocation = new wxChoice(zb, wxID_ANY);
  m_allocation->Append(_("Fixed fraction of each stratum"));
  m_allocation->Append(_("Total n, proportional to stratum size"));
  m_allocation->Append(_("Total n, Neyman (by the spread of customer value)"));
  m_allocation->SetSelection(kFixedFraction);
  m_allocation->SetName("allocation");
  grid->Add(m_allocation, wxSizerFlags().Expand());
  grid->Add(Label(zb, _("Fraction (%):")), wxSizerFlags().CenterVertical());
  m_fraction = new wxTextCtrl(zb, wxID_ANY, "80", wxDefaultPosition, wxSize(FromDIP(80), -1));
  m_fraction->SetName("fraction");
  grid->Add(m_fraction);
  grid->Add(Label(zb, _("Rounding:")), wxSizerFlags().CenterVertical());
  m_rounding = new wxChoice(zb, wxID_ANY);
  m_rounding->Append(_("Half up (the source survey's rule)"));
  m_rounding->Append(_("Half to even"));
  m_rounding->Append(_("Up (never fewer)"));
  m_rounding->Append(_("Down (never more)"));
  m_rounding->SetSelection(0);
  m_rounding->SetName("rounding");
  grid->Add(m_rounding, wxSizerFlags().Expand());
  grid->Add(Label(zb, _("Total n:")), wxSizerFlags().CenterVertical());
  m_total = new wxTextCtrl(zb, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(80), -1));
  m_total->SetName("total");
  grid->Add(m_total);
  sizeBox->Add(grid, wxSizerFlags().Expand().Border(wxALL, gap));
  auto* moeRow = new wxBoxSizer(wxHORIZONTAL);
  moeRow->Add(Label(zb, _("n for a margin of error of ±")), wxSizerFlags().CenterVertical());
  m_margin = new wxTextCtrl(zb, wxID_ANY, "5", wxDefaultPosition, wxSize(FromDIP(40), -1));
  m_margin->SetName("margin");
  moeRow->Add(m_margin, wxSizerFlags().CenterVertical());
  // xgettext:no-c-format
  moeRow->Add(Label(zb, _("% at confidence")), wxSizerFlags().CenterVertical().Border(wxLEFT | wxRIGHT, gap / 2));
  m_confidence = new wxTextCtrl(zb, wxID_ANY, "95", wxDefaultPosition, wxSize(FromDIP(40), -1));
  m_confidence->SetName("confidence");
  moeRow->Add(m_confidence, wxSizerFlags().CenterVertical());
  moeRow->Add(Label(zb, "%"), wxSizerFlags().CenterVertical().Border(wxLEFT, gap / 2));
  sizeBox->Add(moeRow, wxSizerFlags().Border(wxLEFT | wxRIGHT, gap));
  auto* moeResult = new wxBoxSizer(wxHORIZONTAL);
  m_marginResult = new wxStaticText(zb, wxID_ANY, "");
  m_marginResult->SetName("margin_result");
  moeResult->Add(m_marginResult, wxSizerFlags(1).CenterVertical());
  m_useMargin = new wxButton(zb, wxID_ANY, _("Use as total &n"));
  m_useMargin->SetName("use_margin");
  moeResult->Add(m_useMargin, wxSizerFlags().Border(wxLEFT, gap));
  sizeBox->Add(moeResult, wxSizerFlags().Expand().Border(wxALL, gap));
  // xgettext:no-c-format
  auto* source = new wxButton(zb, wxID_ANY, _("The source survey's &rule: 80 % per industry, half up, summed by region"));
  source->SetName("source_rule");
  sizeBox->Add(source, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  left->Add(sizeBox, wxSizerFlags().Expand().Border(wxTOP, gap));

  // 3. The draw.
  auto* drawBox = new wxStaticBoxSizer(wxVERTICAL, this, _("3. Draw"));
  wxWindow* db = drawBox->GetStaticBox();
  auto* dg = new wxFlexGridSizer(2, wxSize(gap, gap));
  dg->AddGrowableCol(1);
  dg->Add(Label(db, _("Random seed:")), wxSizerFlags().CenterVertical());
  m_seed = new wxTextCtrl(db, wxID_ANY, "1", wxDefaultPosition, wxSize(FromDIP(100), -1));
  m_seed->SetName("seed");
  dg->Add(m_seed);
  dg->Add(Label(db, _("Draw into:")), wxSizerFlags().CenterVertical());
  m_target = new wxChoice(db, wxID_ANY);
  m_target->Append(_("A mailing batch (paper questionnaires)"));
  m_target->Append(_("A telephone call list"));
  m_target->SetSelection(kMailBatch);
  m_target->SetName("target");
  dg->Add(m_target, wxSizerFlags().Expand());
  dg->Add(Label(db, _("Questionnaire:")), wxSizerFlags().CenterVertical());
  m_questionnaire = new wxChoice(db, wxID_ANY);
  m_questionnaire->SetName("questionnaire");
  dg->Add(m_questionnaire, wxSizerFlags().Expand());
  dg->Add(Label(db, _("Date (YYYY-MM-DD):")), wxSizerFlags().CenterVertical());
  m_date = new wxTextCtrl(db, wxID_ANY, ToWx(NowIso8601().substr(0, 10)), wxDefaultPosition, wxSize(FromDIP(100), -1));
  m_date->SetName("date");
  dg->Add(m_date);
  dg->Add(Label(db, _("Form printed in:")), wxSizerFlags().CenterVertical());
  m_formLang = new wxChoice(db, wxID_ANY);
  m_formLang->SetName("form_language");
  dg->Add(m_formLang, wxSizerFlags().Expand());
  dg->Add(Label(db, _("Call attempts per case:")), wxSizerFlags().CenterVertical());
  m_attempts = new wxSpinCtrl(db, wxID_ANY, "6", wxDefaultPosition, wxSize(FromDIP(80), -1), wxSP_ARROW_KEYS, 1, 99, 6);
  m_attempts->SetName("attempts");
  dg->Add(m_attempts);
  dg->Add(Label(db, _("Note:")), wxSizerFlags().CenterVertical());
  m_note = new wxTextCtrl(db, wxID_ANY, "");
  m_note->SetName("note");
  dg->Add(m_note, wxSizerFlags().Expand());
  drawBox->Add(dg, wxSizerFlags().Expand().Border(wxALL, gap));
  m_draw = new wxButton(db, wxID_ANY, _("&Draw the sample"));
  m_draw->SetName("draw");
  drawBox->Add(m_draw, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));
  left->Add(drawBox, wxSizerFlags().Expand().Border(wxTOP, gap));
  columns->Add(left, wxSizerFlags().Border(wxALL, gap));

  // The plan as it stands.
  auto* right = new wxBoxSizer(wxVERTICAL);
  m_summary = new wxStaticText(this, wxID_ANY, "");
  m_summary->SetName("summary");
  m_summary->SetFont(m_summary->GetFont().Bold());
  right->Add(m_summary, wxSizerFlags().Expand().Border(wxBOTTOM, gap));
  m_problem = new wxStaticText(this, wxID_ANY, "");
  m_problem->SetName("problem");
  m_problem->SetForegroundColour(wxColour(170, 0, 0));
  right->Add(m_problem, wxSizerFlags().Expand());
  m_importFrame = new wxButton(this, wxID_ANY, _("&Import the customer list…"));
  m_importFrame->SetName("import_frame");
  right->Add(m_importFrame, wxSizerFlags().Border(wxTOP | wxBOTTOM, gap));
  m_result = new wxStaticText(this, wxID_ANY, "");
  m_result->SetName("result");
  m_result->SetForegroundColour(wxColour(0, 110, 0));
  right->Add(m_result, wxSizerFlags().Expand());
  m_tables = new wxPanel(this, wxID_ANY);
  m_tables->SetSizer(new wxBoxSizer(wxHORIZONTAL));
  right->Add(m_tables, wxSizerFlags(1).Expand().Border(wxTOP, gap));
  columns->Add(right, wxSizerFlags(1).Expand().Border(wxALL, gap));
  SetSizer(columns);

  FillQuestionnaires();
  FillFormLanguages();
  m_strata->Check(0);
  m_strata->Check(1);

  auto recompute = [this](wxCommandEvent&) { Recompute(); };
  m_strata->Bind(wxEVT_CHECKLISTBOX, recompute);
  m_accumulate->Bind(wxEVT_CHOICE, recompute);
  m_allocation->Bind(wxEVT_CHOICE, recompute);
  m_rounding->Bind(wxEVT_CHOICE, recompute);
  m_fraction->Bind(wxEVT_TEXT, recompute);
  m_total->Bind(wxEVT_TEXT, recompute);
  m_margin->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateMargin(); });
  m_confidence->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateMargin(); });
  m_useMargin->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { UseMarginOfError(); });
  source->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { UseSourceRule(); });
  m_target->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { UpdateEnabled(); });
  m_questionnaire->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { FillFormLanguages(); });
  m_draw->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Draw(); });
  m_importFrame->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { ImportFrame(); });
  Recompute();
}

void SamplingPanel::FillQuestionnaires() {
  m_questionnaire->Clear();
  m_questionnaireIds.clear();
  storage::Statement st(m_project.Db(), "SELECT id, form_key, version, coalesce(title_zh, ''), coalesce(title_en, '') FROM questionnaire ORDER BY id DESC");
  const bool zh = CurrentLanguage() == "zh_CN";
  while (st.Step()) {
    std::string title = zh ? st.Text(3) : st.Text(4);
    if (title.empty()) title = zh ? st.Text(4) : st.Text(3);
    m_questionnaire->Append(wxString::Format(_("%s (version %d)"), ToWx(title.empty() ? st.Text(1) : title), int(st.Int(2))));
    m_questionnaireIds.push_back(st.Int(0));
  }
  if (!m_questionnaireIds.empty()) m_questionnaire->SetSelection(0);
}

void SamplingPanel::FillFormLanguages() {
  m_formLang->Clear();
  m_formLangs.clear();
  const int sel = m_questionnaire->GetSelection();
  if (sel >= 0) {
    if (auto form = io::LoadQuestionnaire(m_project, m_questionnaireIds[size_t(sel)]))
      for (const std::string& l : form->languages)
        if (l == "zh" || l == "en") {
          m_formLang->Append(l == "zh" ? _("Chinese") : _("English"));
          m_formLangs.push_back(l);
        }
  }
  // The interface language is the likely one to print in.
  const std::string preferred = CurrentLanguage() == "zh_CN" ? "zh" : "en";
  for (size_t i = 0; i < m_formLangs.size(); ++i)
    if (m_formLangs[i] == preferred) m_formLang->SetSelection(int(i));
  if (m_formLang->GetSelection() < 0 && !m_formLangs.empty()) m_formLang->SetSelection(0);
}

void SamplingPanel::SetStrata(const std::vector<std::string>& attributes) {
  const auto& all = io::FrameAttributes();
  for (size_t i = 0; i < all.size(); ++i)
    m_strata->Check(int(i), std::find(attributes.begin(), attributes.end(), all[i]) != attributes.end());
  Recompute();
}

void SamplingPanel::SetAccumulateBy(const std::string& attribute) {
  const auto& all = io::FrameAttributes();
  int sel = 0;
  for (size_t i = 0; i < all.size(); ++i)
    if (all[i] == attribute) sel = int(i) + 1;
  m_accumulate->SetSelection(sel);
  Recompute();
}

void SamplingPanel::SetAllocation(Allocation allocation) {
  m_allocation->SetSelection(allocation);
  Recompute();
}

void SamplingPanel::UseSourceRule() {
  m_allocation->SetSelection(kFixedFraction);
  m_fraction->ChangeValue("80");
  m_rounding->SetSelection(0);
  SetAccumulateBy("region");
  SetStrata({"region", "industry"});
}

bool SamplingPanel::UseMarginOfError() {
  UpdateMargin();
  const wxString n = MarginText();
  if (n.empty()) return false;
  if (m_allocation->GetSelection() == kFixedFraction) m_allocation->SetSelection(kProportional);
  m_total->ChangeValue(n);
  return Recompute();
}

wxString SamplingPanel::MarginText() const {
  const auto moe = NumberIn(m_margin->GetValue()), conf = NumberIn(m_confidence->GetValue());
  if (!moe || !conf || m_population == 0) return wxString();
  auto n = stats::SampleSizeProportion(*moe / 100.0, *conf / 100.0, 0.5, double(m_population));
  return n ? wxString::Format("%zu", *n) : wxString();
}

void SamplingPanel::UpdateMargin() {
  const wxString n = MarginText();
  if (m_population == 0) {
    m_marginResult->SetLabel(wxString());
  } else if (n.empty()) {
    m_marginResult->SetLabel(_("Margin and confidence must be percentages above 0 and below 100."));
  } else {
    // The most cautious p = 0.5, finite-population corrected for the frame's N.
    m_marginResult->SetLabel(wxString::Format(_("n = %s (p = 50 %%, corrected for the frame's %lld customers)"), n, static_cast<long long>(m_population)));
  }
  m_marginResult->Wrap(FromDIP(300));
  m_useMargin->Enable(!n.empty());
  Layout();
}

void SamplingPanel::UpdateEnabled() {
  const bool fraction = m_allocation->GetSelection() == kFixedFraction;
  m_fraction->Enable(fraction);
  m_rounding->Enable(fraction);
  m_total->Enable(!fraction);
  const bool mail = m_target->GetSelection() == kMailBatch;
  m_formLang->Enable(mail && !m_formLangs.empty());
  m_attempts->Enable(!mail);
  m_draw->Enable(m_plan.has_value() && !m_questionnaireIds.empty());
}

std::optional<io::SamplePlanSpec> SamplingPanel::SpecFromControls(wxString& problem) const {
  io::SamplePlanSpec spec;
  const auto& all = io::FrameAttributes();
  for (size_t i = 0; i < all.size(); ++i)
    if (m_strata->IsChecked(int(i))) spec.strata.push_back(all[i]);
  if (const int acc = m_accumulate->GetSelection(); acc > 0) spec.accumulateBy = all[size_t(acc - 1)];
  if (m_allocation->GetSelection() == kFixedFraction) {
    const auto percent = NumberIn(m_fraction->GetValue());
    if (!percent || *percent <= 0 || *percent > 100) {
      problem = wxString::Format(_("The fraction \"%s\" is not a percentage above 0 and at most 100: type e.g. 80 for 80 %%."), m_fraction->GetValue());
      return std::nullopt;
    }
    spec.fraction = *percent / 100.0;
    spec.rounding = io::ParseRounding(kRoundings[std::max(0, m_rounding->GetSelection())]).value_or(stats::Rounding::kHalfUp);
  } else {
    const auto total = NumberIn(m_total->GetValue());
    if (!total || *total < 1 || std::floor(*total) != *total) {
      problem = m_total->GetValue().Trim().empty()
                    ? _("Type the total sample size n, or compute it from a margin of error.")
                    : wxString::Format(_("The total \"%s\" is not a whole number of at least 1."), m_total->GetValue());
      return std::nullopt;
    }
    spec.total = *total;
    spec.neyman = m_allocation->GetSelection() == kNeyman;
  }
  return spec;
}

bool SamplingPanel::Recompute() {
  wxString problem;
  m_plan.reset();
  if (auto spec = SpecFromControls(problem)) {
    m_spec = *spec;
    try {
      m_plan = io::PlanSample(m_project, m_spec);
    } catch (...) {
      problem = DescribeException();
    }
  }
  m_population = m_project.Db().QueryInt("SELECT count(*) FROM customer");
  const bool emptyFrame = m_population == 0;
  if (emptyFrame)
    problem = _("This project has no sample frame yet. Import the customer list (CSV or Excel with a customer id column and "
                "region, industry, … columns) first.");
  m_importFrame->Show(emptyFrame);
  if (m_plan)
    SetProblem(MissingAttributeNote(), /*isNote=*/true);
  else
    SetProblem(problem);
  if (m_plan) {
    m_summary->SetLabel(wxString::Format(_("%zu strata · %zu customers in the frame · sample %zu"), m_plan->strata.size(), m_plan->population,
                                         m_plan->total));
  } else {
    m_summary->SetLabel(_("No plan yet"));
  }
  ShowTables();
  UpdateMargin();
  UpdateEnabled();
  return m_plan.has_value();
}

wxString SamplingPanel::MissingAttributeNote() const {
  // Customers without a value of a stratum attribute are not dropped: they form a stratum of their
  // own, which the user should know about (the source survey's 7 unsigned questionnaires).
  wxString note;
  for (size_t a = 0; a < m_spec.strata.size(); ++a) {
    size_t missing = 0;
    for (const io::Stratum& s : m_plan->strata)
      if (a < s.key.size() && s.key[a].empty()) missing += s.customers.size();
    if (missing == 0) continue;
    const wxString label = ToWx(io::FrameAttributeLabel(m_spec.strata[a]).Text());
    if (!note.empty()) note += "\n";
    if (missing == m_plan->population)
      note += wxString::Format(_("No customer in the frame has %s recorded: they all fall into one stratum \"(not recorded)\". "
                                 "Untick %s or import a customer list with that column."),
                               label, label);
    else
      note += wxString::Format(wxPLURAL("%zu customer has no %s recorded: it forms the stratum \"(not recorded)\".",
                                        "%zu customers have no %s recorded: they form the stratum \"(not recorded)\".", missing),
                               missing, label);
  }
  return note;
}

void SamplingPanel::ShowTables() {
  m_tables->Freeze();
  m_tables->DestroyChildren();
  m_planTable = m_accumulatedTable = nullptr;
  if (m_plan) {
    auto tables = report::SamplePlanTables(*m_plan, m_spec);
    m_planTable = new ResultTableView(m_tables, tables[0]);
    m_tables->GetSizer()->Add(m_planTable, wxSizerFlags().Expand());
    if (tables.size() > 1) {
      m_accumulatedTable = new ResultTableView(m_tables, tables[1]);
      m_tables->GetSizer()->Add(m_accumulatedTable, wxSizerFlags().Expand().Border(wxLEFT, FromDIP(8)));
    }
  }
  m_tables->Layout();
  m_tables->Thaw();
  Layout();
}

void SamplingPanel::SetResult(const wxString& text) {
  m_resultText = text;
  m_result->SetLabel(text);
  m_result->Wrap(FromDIP(480));
  Layout();
}

void SamplingPanel::SetProblem(const wxString& text, bool isNote) {
  m_problemText = text;
  // A note (customers without a stratum attribute) does not stop the plan: not in the error red.
  m_problem->SetForegroundColour(isNote ? wxColour(120, 80, 0) : wxColour(170, 0, 0));
  m_problem->SetLabel(text);
  m_problem->Wrap(FromDIP(480));
  Layout();
}

wxString SamplingPanel::ProblemText() const { return m_problemText; }
wxString SamplingPanel::ResultText() const { return m_resultText; }
wxString SamplingPanel::SummaryText() const { return m_summary->GetLabel(); }

int64_t SamplingPanel::Draw() {
  SetResult(wxString());
  if (!Recompute()) return 0;
  if (m_questionnaireIds.empty()) {
    SetProblem(_("The project has no questionnaire to send or ask. Add one first (Project ▸ Add Questionnaire from Template or Import Questionnaire)."));
    return 0;
  }
  uint64_t seed = 0;
  const std::string seedText(Trim(ToUtf8(m_seed->GetValue())));
  const auto parsed = ParseNumber(seedText);
  if (!parsed || *parsed < 0 || std::floor(*parsed) != *parsed || *parsed > 9.0e15) {
    SetProblem(wxString::Format(_("The seed \"%s\" is not a whole number of 0 or more."), m_seed->GetValue()));
    return 0;
  }
  seed = uint64_t(*parsed);
  const std::string date(Trim(ToUtf8(m_date->GetValue())));
  if (!IsDate(date)) {
    SetProblem(wxString::Format(_("The date \"%s\" is not a date: write it as 2026-11-24."), m_date->GetValue()));
    return 0;
  }
  io::DrawTarget target;
  target.questionnaireId = m_questionnaireIds[size_t(std::max(0, m_questionnaire->GetSelection()))];
  const std::string note = ToUtf8(m_note->GetValue());
  int64_t id = 0;
  try {
    if (m_target->GetSelection() == kCallList) {
      id = io::DrawCallList(m_project, *m_plan, seed, date, m_attempts->GetValue(), note, target);
      SetResult(ToWx(Message(N_("Drew {0} customers (seed {1}) into call list {2}.")).Arg(static_cast<long long>(m_plan->total))
                                  .Arg(std::to_string(seed)).Arg(static_cast<long long>(id)).Text()) +
                         "\n" + _("Fieldwork ▸ Telephone Interviews takes its cases."));
    } else {
      if (m_formLang->GetSelection() >= 0) target.formLang = m_formLangs[size_t(m_formLang->GetSelection())];
      id = io::DrawSample(m_project, *m_plan, seed, date, note, target);
      SetResult(ToWx(Message(N_("Drew {0} customers (seed {1}) into mailing batch {2}.")).Arg(static_cast<long long>(m_plan->total))
                                  .Arg(std::to_string(seed)).Arg(static_cast<long long>(id)).Text()) +
                         "\n" + _("Key the returned questionnaires in Fieldwork ▸ Mail Data Entry."));
    }
  } catch (...) {
    SetProblem(DescribeException());
    return 0;
  }
  SetProblem(wxString());
  return id;
}

void SamplingPanel::ImportFrame() {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kOpen;
  request.title = _("Import the customer list");
  request.wildcard = _("Customer lists (*.csv;*.xlsx;*.xls)|*.csv;*.xlsx;*.xls|All files (*.*)|*.*");
  const wxString file = ChooseFile(this, request);
  if (file.empty()) return;
  try {
    auto report = io::ImportFrame(m_project, ToPath(file), false);
    if (!report.Ok()) throw UserError(report.GetError());
    if (!report.Value().problems.empty()) {
      wxString text = _("Nothing was imported:");
      for (const Message& m : report.Value().problems) text += "\n" + ToWx(m.Text());
      SetProblem(text);
      return;
    }
    SetResult(wxString::Format(_("Imported %lld customers."), static_cast<long long>(report.Value().customersAdded)));
  } catch (...) {
    SetProblem(DescribeException());
    return;
  }
  Recompute();
}

}  // namespace manyi::gui

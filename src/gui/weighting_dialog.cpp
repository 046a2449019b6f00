// Analyses ▸ New weighting scheme (see weighting_dialog.h).
#include "gui/weighting_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cmath>

#include "core/text.h"
#include "gui/errors.h"
#include "gui/wx_text.h"
#include "io/sampling_plan.h"

namespace manyi::gui {

namespace {

/// A trimming bound typed in a field: nothing when empty, false when it is not a positive number.
bool BoundIn(const wxTextCtrl* field, std::optional<double>& bound) {
  bound.reset();
  if (field->GetValue().Strip(wxString::both).empty()) return true;
  bound = NumberIn(field->GetValue());
  return bound && std::isfinite(*bound) && *bound > 0;
}

}  // namespace

WeightingDialog::WeightingDialog(wxWindow* parent, storage::Project& project)
    : wxDialog(parent, wxID_ANY, _("New weighting scheme"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_project(project),
      m_attributes(io::FrameAttributes()) {
  SetName("weighting_dialog");
  const int gap = FromDIP(8);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* grid = new wxFlexGridSizer(2, wxSize(gap, gap));
  grid->AddGrowableCol(1);
  auto label = [&](const wxString& text) { grid->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().CentreVertical()); };

  label(_("Name:"));
  const int64_t schemes = project.Db().QueryInt("SELECT count(*) FROM weight_scheme");
  m_name = new wxTextCtrl(this, wxID_ANY, wxString::Format("scheme-%lld", static_cast<long long>(schemes + 1)));
  m_name->SetName("name");
  grid->Add(m_name, wxSizerFlags().Expand());

  label(_("Method:"));
  m_method = new wxChoice(this, wxID_ANY);
  m_method->SetName("method");
  m_method->Append(_("Post-stratification to the frame's counts of the crossed cells"));
  m_method->Append(_("Raking to the frame's counts of each variable (margins)"));
  m_method->Append(_("Design weights: frame customers ÷ customers drawn, per stratum"));
  m_method->SetSelection(kPostStratify);
  grid->Add(m_method, wxSizerFlags().Expand());

  grid->Add(new wxStaticText(this, wxID_ANY, _("Variables:")));
  m_variables = new wxCheckListBox(this, wxID_ANY);
  m_variables->SetName("variables");
  for (const std::string& a : m_attributes) m_variables->Append(ToWx(io::FrameAttributeLabel(a).Text()));
  m_variables->Check(0);  // region: the source survey's first breakdown
  grid->Add(m_variables, wxSizerFlags().Expand());

  label(_("Trim to (× the mean weight):"));
  auto* trim = new wxBoxSizer(wxHORIZONTAL);
  m_trimLower = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(60), -1));
  m_trimLower->SetName("trim_lower");
  m_trimUpper = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(FromDIP(60), -1));
  m_trimUpper->SetName("trim_upper");
  trim->Add(m_trimLower, wxSizerFlags().CentreVertical());
  trim->Add(new wxStaticText(this, wxID_ANY, _("to")), wxSizerFlags().CentreVertical().Border(wxLEFT | wxRIGHT, gap));
  trim->Add(m_trimUpper, wxSizerFlags().CentreVertical());
  trim->Add(new wxStaticText(this, wxID_ANY, _("(empty: no trimming; e.g. 0.3 to 3)")), wxSizerFlags().CentreVertical().Border(wxLEFT, gap));
  grid->Add(trim);
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxALL, gap));

  m_equalSpread = new wxCheckBox(this, wxID_ANY, _("Give the trimmed weight to the others in equal amounts (as R survey's trimWeights)"));
  m_equalSpread->SetName("equal_spread");
  m_perWave = new wxCheckBox(this, wxID_ANY, _("Weight each wave on its own to the full population"));
  m_perWave->SetName("per_wave");
  m_keepUnmatched = new wxCheckBox(this, wxID_ANY, _("Keep responses without a population cell at weight 1 instead of stopping"));
  m_keepUnmatched->SetName("keep_unmatched");
  m_activate = new wxCheckBox(this, wxID_ANY, _("Make it the active scheme (analyses and reports use it)"));
  m_activate->SetName("activate");
  m_activate->SetValue(true);
  for (wxCheckBox* box : {m_equalSpread, m_perWave, m_keepUnmatched, m_activate})
    sizer->Add(box, wxSizerFlags().Border(wxLEFT | wxRIGHT | wxBOTTOM, gap));

  m_problem = new wxStaticText(this, wxID_ANY, "");
  m_problem->SetName("problem");
  m_problem->SetForegroundColour(wxColour(170, 0, 0));
  sizer->Add(m_problem, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, gap));

  auto* buttons = new wxStdDialogButtonSizer();
  auto* create = new wxButton(this, wxID_OK, _("&Create"));
  create->SetName("create");
  buttons->AddButton(create);
  buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
  buttons->Realize();
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxALL, gap));
  SetSizerAndFit(sizer);

  create->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    // (Not modal only when a test drives the dialog in place of ShowModal.)
    if (CreateScheme() && IsModal()) EndModal(wxID_OK);
  });
}

std::optional<io::WeightSpec> WeightingDialog::SpecFromControls(wxString& problem) const {
  io::WeightSpec spec;
  const int method = m_method->GetSelection();
  spec.method = method == kRake ? io::WeightMethod::kRake : method == kDesign ? io::WeightMethod::kDesign : io::WeightMethod::kPostStratify;
  for (unsigned i = 0; i < m_variables->GetCount(); ++i)
    if (m_variables->IsChecked(i)) spec.variables.push_back(m_attributes[i]);
  if (spec.variables.empty()) {
    problem = _("Tick at least one variable to weight by.");
    return std::nullopt;
  }
  if (spec.method == io::WeightMethod::kRake && spec.variables.size() < 2) {
    problem = _("Raking needs two or more variables (one margin each); with one variable, use post-stratification.");
    return std::nullopt;
  }
  if (!BoundIn(m_trimLower, spec.trimLower) || !BoundIn(m_trimUpper, spec.trimUpper)) {
    problem = _("A trimming bound is a number above 0, a multiple of the mean weight (e.g. 0.3 and 3), or empty.");
    return std::nullopt;
  }
  if (spec.trimLower && spec.trimUpper && !(*spec.trimLower < *spec.trimUpper)) {
    problem = _("The lower trimming bound must be below the upper one.");
    return std::nullopt;
  }
  spec.trimEqualSpread = m_equalSpread->GetValue();
  spec.perWave = m_perWave->GetValue();
  spec.keepUnmatched = m_keepUnmatched->GetValue();
  return spec;
}

bool WeightingDialog::CreateScheme() {
  const std::string name(Trim(ToUtf8(m_name->GetValue())));
  if (name.empty()) {
    SetProblem(_("Give the scheme a name (analyses and reports show it)."));
    return false;
  }
  wxString problem;
  auto spec = SpecFromControls(problem);
  if (!spec) {
    SetProblem(problem);
    return false;
  }
  try {
    m_created = io::CreateWeightScheme(m_project, name, *spec);
    if (m_activate->GetValue()) {
      io::ActivateWeightScheme(m_project, name);
      m_created->active = true;
    }
  } catch (...) {
    m_created.reset();
    SetProblem(DescribeException());
    return false;
  }
  SetProblem(wxString());
  return true;
}

void WeightingDialog::SetProblem(const wxString& text) {
  m_problemText = text;
  m_problem->SetLabel(text);
  m_problem->Wrap(FromDIP(520));
  Fit();
  Layout();
}

std::optional<std::string> NewWeightingScheme(wxWindow* parent, storage::Project& project) {
  WeightingDialog dialog(parent, project);
  if (dialog.ShowModal() != wxID_OK || !dialog.Created()) return std::nullopt;
  const io::WeightSchemeInfo& scheme = *dialog.Created();
  const std::vector<std::string> warnings = io::WeightSchemeWarnings(scheme);
  if (!warnings.empty()) {
    wxString text = ToWx(io::DescribeWeightScheme(scheme)) + "\n";
    for (const std::string& w : warnings) text += "\n• " + ToWx(w);
    wxMessageBox(text, _("Weighting scheme stored, with warnings"), wxOK | wxICON_WARNING, parent);
  }
  return scheme.name;
}

}  // namespace manyi::gui

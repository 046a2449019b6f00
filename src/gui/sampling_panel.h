// The sampling plan screen (Fieldwork ▸ Sampling Plan): strata from the sample frame, a fixed
// fraction per stratum with a rounding rule or a total n allocated proportionally or by Neyman (n
// from a margin of error with finite-population correction), the plan table updated as the user
// types, and a seeded draw into a mailing batch or a telephone call list. It computes with the
// same io::PlanSample / DrawSample / DrawCallList and report::SamplePlanTables as
// `manyi-cli sample plan` (docs/fieldwork.md).
#pragma once

#include <wx/panel.h>

#include <optional>
#include <string>
#include <vector>

#include "io/sampling_plan.h"
#include "storage/project.h"

class wxButton;
class wxCheckListBox;
class wxChoice;
class wxSpinCtrl;
class wxStaticText;
class wxTextCtrl;

namespace manyi::gui {

class ResultTableView;

class SamplingPanel : public wxPanel {
 public:
  /// The allocation choices, in the order of the Allocation list.
  enum Allocation { kFixedFraction = 0, kProportional = 1, kNeyman = 2 };
  /// Where the draw goes, in the order of the Draw into list.
  enum Target { kMailBatch = 0, kCallList = 1 };

  SamplingPanel(wxWindow* parent, storage::Project& project);

  /// Ticks exactly these frame attributes (keys of io::FrameAttributes()) as strata.
  void SetStrata(const std::vector<std::string>& attributes);
  /// Sums by this attribute ("" = none).
  void SetAccumulateBy(const std::string& attribute);
  void SetAllocation(Allocation allocation);
  /// The source survey's rule: strata region × industry, 80 % rounded half up, summed by region.
  void UseSourceRule();
  /// Takes the sample size computed from the margin of error as the total n.
  bool UseMarginOfError();

  /// Recomputes the plan from the controls (each control does so as it changes). Returns whether
  /// there is a plan; otherwise ProblemText() says what is wrong.
  bool Recompute();
  /// Draws the plan into a mailing batch or a call list (one transaction). Returns the batch or
  /// list id, 0 when nothing was drawn (ProblemText() says why).
  int64_t Draw();

  const std::optional<io::SamplePlan>& Plan() const { return m_plan; }
  /// The plan by stratum and, when summed, the sample by the attribute (nullptr when none).
  ResultTableView* PlanTable() const { return m_planTable; }
  ResultTableView* AccumulatedTable() const { return m_accumulatedTable; }
  wxString ProblemText() const;
  wxString ResultText() const;
  wxString SummaryText() const;
  /// The sample size the margin of error asks for ("" when the inputs are not valid).
  wxString MarginText() const;

  wxTextCtrl* FractionField() const { return m_fraction; }
  wxTextCtrl* TotalField() const { return m_total; }
  wxTextCtrl* MarginField() const { return m_margin; }
  wxTextCtrl* ConfidenceField() const { return m_confidence; }
  wxTextCtrl* SeedField() const { return m_seed; }
  wxTextCtrl* DateField() const { return m_date; }
  wxTextCtrl* NoteField() const { return m_note; }
  wxChoice* RoundingChoice() const { return m_rounding; }
  wxChoice* TargetChoice() const { return m_target; }
  wxChoice* QuestionnaireChoice() const { return m_questionnaire; }
  wxChoice* FormLanguageChoice() const { return m_formLang; }
  wxSpinCtrl* AttemptsField() const { return m_attempts; }

 private:
  /// The spec the controls describe, or the problem with them.
  std::optional<io::SamplePlanSpec> SpecFromControls(wxString& problem) const;
  void ShowTables();
  /// What the plan does with customers that lack a stratum attribute ("" when all have it).
  wxString MissingAttributeNote() const;
  void UpdateMargin();
  void UpdateEnabled();
  /// Shows what stops the plan (red), or a note on a plan that stands (isNote, in a warning brown).
  void SetProblem(const wxString& text, bool isNote = false);
  void SetResult(const wxString& text);
  void ImportFrame();
  void FillQuestionnaires();
  void FillFormLanguages();

  storage::Project& m_project;
  std::optional<io::SamplePlan> m_plan;
  io::SamplePlanSpec m_spec;
  int64_t m_population = 0;  ///< customers in the frame
  wxString m_problemText, m_resultText;  ///< as set, before wrapping
  std::vector<int64_t> m_questionnaireIds;
  std::vector<std::string> m_formLangs;

  wxCheckListBox* m_strata = nullptr;
  wxChoice* m_accumulate = nullptr;
  wxChoice* m_allocation = nullptr;
  wxTextCtrl* m_fraction = nullptr;
  wxChoice* m_rounding = nullptr;
  wxTextCtrl* m_total = nullptr;
  wxTextCtrl* m_margin = nullptr;
  wxTextCtrl* m_confidence = nullptr;
  wxStaticText* m_marginResult = nullptr;
  wxButton* m_useMargin = nullptr;
  wxTextCtrl* m_seed = nullptr;
  wxChoice* m_target = nullptr;
  wxChoice* m_questionnaire = nullptr;
  wxTextCtrl* m_date = nullptr;
  wxChoice* m_formLang = nullptr;
  wxSpinCtrl* m_attempts = nullptr;
  wxTextCtrl* m_note = nullptr;
  wxButton* m_draw = nullptr;
  wxButton* m_importFrame = nullptr;
  wxStaticText* m_summary = nullptr;
  wxStaticText* m_problem = nullptr;
  wxStaticText* m_result = nullptr;
  wxPanel* m_tables = nullptr;
  ResultTableView* m_planTable = nullptr;
  ResultTableView* m_accumulatedTable = nullptr;
};

}  // namespace manyi::gui

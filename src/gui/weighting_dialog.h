// Analyses ▸ New weighting scheme: computes a scheme over the project's responses (design weights,
// post-stratification or raking to the sample frame's counts, optionally trimmed) with the same
// io::CreateWeightScheme as `manyi-cli weight`, and stores it in one transaction.
#pragma once

#include <wx/dialog.h>

#include <optional>
#include <string>
#include <vector>

#include "io/weight_scheme.h"
#include "storage/project.h"

class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace manyi::gui {

class WeightingDialog : public wxDialog {
 public:
  /// The methods in the order of the method choice.
  enum Method { kPostStratify, kRake, kDesign };

  WeightingDialog(wxWindow* parent, storage::Project& project);

  /// Computes and stores the scheme as the controls say; on failure shows why in the dialog
  /// (ProblemText) and returns false. The Create button does this and closes on success.
  bool CreateScheme();
  /// The scheme stored by CreateScheme.
  const std::optional<io::WeightSchemeInfo>& Created() const { return m_created; }
  wxString ProblemText() const { return m_problemText; }

  // The controls, for tests (they are driven as a user would: values set, then Create).
  wxTextCtrl* NameField() const { return m_name; }
  wxChoice* MethodChoice() const { return m_method; }
  wxCheckListBox* VariablesList() const { return m_variables; }
  wxTextCtrl* TrimLowerField() const { return m_trimLower; }
  wxTextCtrl* TrimUpperField() const { return m_trimUpper; }
  wxCheckBox* EqualSpreadBox() const { return m_equalSpread; }
  wxCheckBox* ActivateBox() const { return m_activate; }

 private:
  std::optional<io::WeightSpec> SpecFromControls(wxString& problem) const;
  void SetProblem(const wxString& text);

  storage::Project& m_project;
  std::vector<std::string> m_attributes;  ///< the frame attributes, in the order of m_variables
  std::optional<io::WeightSchemeInfo> m_created;
  wxString m_problemText;

  wxTextCtrl* m_name = nullptr;
  wxChoice* m_method = nullptr;
  wxCheckListBox* m_variables = nullptr;
  wxTextCtrl* m_trimLower = nullptr;
  wxTextCtrl* m_trimUpper = nullptr;
  wxCheckBox* m_equalSpread = nullptr;
  wxCheckBox* m_perWave = nullptr;
  wxCheckBox* m_keepUnmatched = nullptr;
  wxCheckBox* m_activate = nullptr;
  wxStaticText* m_problem = nullptr;
};

/// Shows the dialog; returns the name of the scheme stored, or nothing when cancelled. Warnings of
/// the computed scheme (raking not converged, very large weights…) are shown after it closes.
std::optional<std::string> NewWeightingScheme(wxWindow* parent, storage::Project& project);

}  // namespace manyi::gui

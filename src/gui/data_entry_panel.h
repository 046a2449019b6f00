// The mail data-entry screen: paper questionnaires keyed by respondent id on a layout that follows
// the printed form, every code checked as it is typed (keyboard only), skip logic applied, pass 1
// and 2 of double entry, and the discrepancy list with resolutions (docs/fieldwork.md).
#pragma once

#include <wx/panel.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/data_entry.h"
#include "storage/project.h"

class wxChoice;
class wxListCtrl;
class wxNotebook;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace manyi::gui {

class ResultTableView;

/// Keys paper questionnaires into a project. Self-contained: give it the open project, which
/// must outlive it.
class DataEntryPanel : public wxPanel {
 public:
  DataEntryPanel(wxWindow* parent, storage::Project& project);

  /// The code field of a variable (named "code_<variable>"), or nullptr.
  wxTextCtrl* Field(const std::string& variable) const;
  wxTextCtrl* OperatorField() const { return m_operator; }
  wxTextCtrl* RespondentField() const { return m_respondent; }
  wxChoice* PassChoice() const { return m_pass; }
  wxListCtrl* DiscrepancyList() const { return m_discrepancies; }
  wxNotebook* Pages() const { return m_pages; }
  /// The message line under the form (problems, what was stored).
  wxString Status() const;

  /// What Enter in a code field does: checks the code; valid → next field the skip logic asks,
  /// invalid → stays, marked, with the problem in the status line. Returns whether it was valid.
  bool CommitField(size_t index);
  /// Stores the keyed form as the chosen pass (Ctrl+S / the Store button). Returns success.
  bool StoreForm();
  /// Reloads the discrepancy list.
  void RefreshDiscrepancies();
  /// Resolves the selected discrepancy with the value typed beside the list.
  bool ResolveSelected();
  wxTextCtrl* ResolveField() const { return m_resolveValue; }
  /// Rebuilds the operator statistics page; returns its table view.
  ResultTableView* RefreshOperators();

 private:
  void BuildForm(wxWindow* parent);
  void ApplySkips();
  void ClearForm();
  void SetStatus(const wxString& text, bool problem);
  void FocusNext(size_t after);

  storage::Project& m_project;
  std::optional<io::EntryForm> m_form;
  std::unique_ptr<AnswerSheet> m_sheet;
  wxNotebook* m_pages = nullptr;
  wxTextCtrl* m_operator = nullptr;
  wxChoice* m_pass = nullptr;
  wxTextCtrl* m_respondent = nullptr;
  wxScrolledWindow* m_formArea = nullptr;
  std::vector<wxTextCtrl*> m_fields;
  std::vector<wxStaticText*> m_labels;
  wxStaticText* m_status = nullptr;
  wxButton* m_store = nullptr;
  wxListCtrl* m_discrepancies = nullptr;
  wxTextCtrl* m_resolveValue = nullptr;
  wxPanel* m_operatorsPage = nullptr;
  ResultTableView* m_operators = nullptr;
  std::vector<io::Discrepancy> m_listed;
  std::optional<std::chrono::steady_clock::time_point> m_started;
};

}  // namespace manyi::gui

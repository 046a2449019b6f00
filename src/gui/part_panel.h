// The panel of a project part that has no panel of its own: what the part holds (tables from
// report::PartTables) and the actions the main window offers for it.
#pragma once

#include <wx/panel.h>

#include <functional>
#include <vector>

#include "gui/explorer.h"
#include "report/section_facts.h"

class wxButton;
class wxSizer;

namespace manyi::gui {

class ResultTableView;

/// A button in an action row: runs action on a click, showing any error it throws in a message box.
wxButton* AddActionButton(wxWindow* parent, wxSizer* row, const wxString& label, const char* name, std::function<void()> action);

/// A titled summary of one part of the project, with its action buttons.
class PartPanel : public wxPanel {
 public:
  PartPanel(const PanelContext& context, report::ProjectPart part);

  const std::vector<ResultTableView*>& GetTables() const { return m_tables; }
  /// The table with this id, or nullptr.
  ResultTableView* FindTable(const std::string& id) const;

  /// Reports: New Report… (the report dialog; the list shows what it wrote), and Open for the
  /// chosen row of the reports written (row from 0, newest first). Open returns whether it opened.
  void WriteReport();
  bool OpenWrittenReport(int row);

  /// Analyses: the weighting schemes — New… (gui/weighting_dialog.h), and Make Active / Delete for
  /// the scheme chosen in the list (Delete asks first), No Active Scheme for none. Each returns
  /// whether it changed the project; the list shows the change at once.
  bool NewWeightingScheme();
  bool ActivateChosenScheme();
  bool DeactivateSchemes();
  bool DeleteChosenScheme();

 private:
  void AddQuestionnaireFromTemplate();
  void ImportQuestionnaire();
  /// The name of the scheme chosen in the weighting schemes list; "" (and why, shown) when none is.
  std::string ChosenScheme();

  PanelContext m_context;
  int m_wrappedTo = 0;
  std::vector<ResultTableView*> m_tables;
};

/// The explorer part of a node kind (kQuestionnaires → kQuestionnaires…); kProject and
/// kQuestionnaire have none.
report::ProjectPart PartOf(NodeKind kind);

}  // namespace manyi::gui

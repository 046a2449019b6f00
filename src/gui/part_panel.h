// The panel of a project part that has no panel of its own: what the part holds (tables from
// report::PartTables) and the actions the main window offers for it.
#pragma once

#include <wx/panel.h>

#include <vector>

#include "gui/explorer.h"
#include "report/section_facts.h"

namespace manyi::gui {

class ResultTableView;

/// A titled summary of one part of the project, with its action buttons.
class PartPanel : public wxPanel {
 public:
  PartPanel(const PanelContext& context, report::ProjectPart part);

  const std::vector<ResultTableView*>& GetTables() const { return m_tables; }
  /// The table with this id, or nullptr.
  ResultTableView* FindTable(const std::string& id) const;

 private:
  void AddQuestionnaireFromTemplate();
  void ImportQuestionnaire();
  void WriteReport();

  PanelContext m_context;
  int m_wrappedTo = 0;
  std::vector<ResultTableView*> m_tables;
};

/// The explorer part of a node kind (kQuestionnaires → kQuestionnaires…); kProject and
/// kQuestionnaire have none.
report::ProjectPart PartOf(NodeKind kind);

}  // namespace manyi::gui

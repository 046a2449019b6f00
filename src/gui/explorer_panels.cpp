// Which panel each explorer node shows. A new panel is wired in by changing its line here.
#include "gui/designer_panel.h"
#include "gui/explorer.h"
#include "gui/part_panel.h"
#include "gui/project_panel.h"
#include "gui/workspace_panels.h"

namespace manyi::gui {

void RegisterStandardPanels() {
  RegisterPanel(NodeKind::kProject, [](const PanelContext& c) {
    return new ProjectPanel(c.parent, c.project->Facts(), c.project->Path());
  });
  RegisterPanel(NodeKind::kQuestionnaire, [](const PanelContext& c) { return new DesignerPanel(c); });
  RegisterPanel(NodeKind::kQuestionnaires,
                [](const PanelContext& c) { return new PartPanel(c, report::ProjectPart::kQuestionnaires); });
  RegisterPanel(NodeKind::kSampleFrame,
                [](const PanelContext& c) { return new PartPanel(c, report::ProjectPart::kSampleFrame); });
  RegisterPanel(NodeKind::kFieldwork, [](const PanelContext& c) { return new FieldworkPanel(c); });
  RegisterPanel(NodeKind::kResponses, [](const PanelContext& c) { return new ResponsesPanel(c); });
  RegisterPanel(NodeKind::kAnalyses, [](const PanelContext& c) { return new AnalysesPanel(c); });
  RegisterPanel(NodeKind::kReports,
                [](const PanelContext& c) { return new PartPanel(c, report::ProjectPart::kReports); });
}

}  // namespace manyi::gui

// The project explorer: a tree of the project's parts on the left and, on the right, the panel of
// the selected part, made by a factory registered for its node kind — so that a new panel (data
// browser, import wizard, analysis views, data entry) plugs in with one RegisterPanel line in
// explorer_panels.cpp.
#pragma once

#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/treectrl.h>

#include <cstdint>
#include <functional>

#include "storage/project.h"

class wxSplitterWindow;

namespace manyi::gui {

/// The explorer's nodes.
enum class NodeKind {
  kProject,         ///< the root: the project overview
  kQuestionnaires,  ///< all questionnaires (versions, templates, import)
  kQuestionnaire,   ///< one questionnaire (the designer); PanelContext::id is its stored version
  kSampleFrame,
  kFieldwork,
  kResponses,
  kAnalyses,
  kReports,
};

/// What a panel factory gets: where to create the panel and the project it shows.
struct PanelContext {
  wxWindow* parent = nullptr;
  storage::Project* project = nullptr;
  NodeKind kind = NodeKind::kProject;
  int64_t id = 0;  ///< the node's object (a questionnaire version id for kQuestionnaire)
  /// A panel calls this after it committed a change to the project: the tree, the status bar and
  /// the title catch up (the panel itself stays).
  std::function<void()> projectChanged;
  /// Shows another node (e.g. a new questionnaire in the designer after an import).
  std::function<void(NodeKind kind, int64_t id)> show;
  /// Makes this node's panel again from the project, after the event that asked has returned
  /// (e.g. once an import has added responses the browser's model does not know of); the tree,
  /// the status bar and the title catch up too.
  std::function<void()> reload;
};

/// Creates the panel of a node as a child of context.parent.
using PanelFactory = std::function<wxWindow*(const PanelContext& context)>;

/// Installs the factory for a kind, replacing the one there was; returns the previous one.
PanelFactory RegisterPanel(NodeKind kind, PanelFactory factory);

/// The panel for a node, by the registered factory (the standard panels are registered on first use).
wxWindow* CreatePanel(const PanelContext& context);

/// The standard factories (explorer_panels.cpp): one line per node kind.
void RegisterStandardPanels();

/// The node's label in the tree, in the interface language.
wxString NodeLabel(NodeKind kind);

/// Implemented by a panel whose edits can be undone (Edit ▸ Undo / Redo reach it through the frame).
class UndoTarget {
 public:
  virtual ~UndoTarget() = default;
  virtual bool CanUndo() const = 0;
  virtual bool CanRedo() const = 0;
  virtual void Undo() = 0;
  virtual void Redo() = 0;
  /// What Undo / Redo would do ("Undo: edit the text of q3"), for the menu.
  virtual wxString UndoLabel() const = 0;
  virtual wxString RedoLabel() const = 0;
  /// Commits what is being typed (before the panel is closed or replaced).
  virtual void CommitPending() = 0;
};

/// The explorer: tree on the left, the selected node's panel on the right.
class ProjectExplorer : public wxPanel {
 public:
  /// projectChanged is called (after the explorer has refreshed its tree) whenever a panel
  /// committed a change.
  ProjectExplorer(wxWindow* parent, storage::Project& project, std::function<void()> projectChanged);
  ~ProjectExplorer() override;

  /// Selects a node and shows its panel; returns false when there is no such node.
  bool Select(NodeKind kind, int64_t id = 0);
  /// Re-reads the tree from the project (questionnaire titles and versions), keeping the selection.
  void RefreshTree();
  /// Makes the selected node's panel again from the project (what PanelContext::reload does, at once).
  void ReloadPanel();

  NodeKind SelectedKind() const { return m_kind; }
  int64_t SelectedId() const { return m_id; }
  /// The panel shown on the right.
  wxWindow* GetContent() const { return m_content; }
  wxTreeCtrl* GetTree() const { return m_tree; }

 private:
  struct NodeData;
  void ShowNode(NodeKind kind, int64_t id);
  void OnSelectionChanged(wxTreeEvent& event);
  wxTreeItemId FindNode(NodeKind kind, int64_t id) const;

  storage::Project& m_project;
  std::function<void()> m_projectChanged;
  wxSplitterWindow* m_splitter = nullptr;
  wxTreeCtrl* m_tree = nullptr;
  wxScrolledWindow* m_contentHolder = nullptr;
  wxWindow* m_content = nullptr;
  NodeKind m_kind = NodeKind::kProject;
  int64_t m_id = 0;
  bool m_rebuilding = false;
};

}  // namespace manyi::gui

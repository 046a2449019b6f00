// The project explorer and its panel registry.
#include "gui/explorer.h"

#include <wx/app.h>
#include <wx/artprov.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/scrolwin.h>
#include <wx/splitter.h>
#include <wx/wupdlock.h>

#include <map>

#include "gui/errors.h"
#include "gui/icons.h"
#include "gui/language.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {

std::map<NodeKind, PanelFactory>& Registry() {
  static std::map<NodeKind, PanelFactory> registry;
  return registry;
}

bool& StandardRegistered() {
  static bool registered = false;
  return registered;
}

constexpr NodeKind kTopLevelParts[] = {NodeKind::kQuestionnaires, NodeKind::kSampleFrame, NodeKind::kFieldwork,
                                       NodeKind::kResponses,      NodeKind::kAnalyses,    NodeKind::kReports};

}  // namespace

PanelFactory RegisterPanel(NodeKind kind, PanelFactory factory) {
  // The standard set first, so that a later registration replaces the standard panel.
  if (!StandardRegistered()) {
    StandardRegistered() = true;
    RegisterStandardPanels();
  }
  PanelFactory previous = std::move(Registry()[kind]);
  Registry()[kind] = std::move(factory);
  return previous;
}

wxWindow* CreatePanel(const PanelContext& context) {
  if (!StandardRegistered()) {
    StandardRegistered() = true;
    RegisterStandardPanels();
  }
  auto it = Registry().find(context.kind);
  return it != Registry().end() && it->second ? it->second(context) : nullptr;
}

wxString NodeLabel(NodeKind kind) {
  switch (kind) {
    case NodeKind::kProject: return _("Overview");
    case NodeKind::kQuestionnaires: return _("Questionnaires");
    case NodeKind::kQuestionnaire: return _("Questionnaire");
    case NodeKind::kSampleFrame: return _("Sample frame");
    case NodeKind::kFieldwork: return _("Fieldwork");
    case NodeKind::kResponses: return _("Responses");
    case NodeKind::kAnalyses: return _("Analyses");
    case NodeKind::kReports: return _("Reports");
  }
  return {};
}

struct ProjectExplorer::NodeData : public wxTreeItemData {
  NodeData(NodeKind k, int64_t i) : kind(k), id(i) {}
  NodeKind kind;
  int64_t id;
};

ProjectExplorer::ProjectExplorer(wxWindow* parent, storage::Project& project, std::function<void()> projectChanged)
    : wxPanel(parent, wxID_ANY), m_project(project), m_projectChanged(std::move(projectChanged)) {
  SetName("explorer");
  m_splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxSP_LIVE_UPDATE | wxSP_3DSASH);
  m_splitter->SetName("explorer_splitter");
  m_tree = new wxTreeCtrl(m_splitter, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxTR_DEFAULT_STYLE | wxTR_SINGLE | wxTR_HIDE_ROOT | wxTR_FULL_ROW_HIGHLIGHT);
  m_tree->SetName("explorer_tree");
  m_tree->SetImages(NodeIcons());
  // Scrolled: a panel that needs more room than there is beside the tree (a form made for a
  // window of its own, longer Chinese labels) scrolls instead of being squeezed and clipped.
  // Panels that scroll themselves (grids, charts) ask for little room and never make it scroll.
  m_contentHolder = new wxScrolledWindow(m_splitter, wxID_ANY);
  m_contentHolder->SetName("explorer_content");
  m_contentHolder->SetScrollRate(FromDIP(10), FromDIP(10));
  m_contentHolder->SetSizer(new wxBoxSizer(wxVERTICAL));
  m_splitter->SetMinimumPaneSize(FromDIP(120));
  m_splitter->SetSashGravity(0.0);  // a wider window widens the content, not the tree
  m_splitter->SplitVertically(m_tree, m_contentHolder, FromDIP(250));

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(m_splitter, wxSizerFlags(1).Expand());
  SetSizer(sizer);

  m_tree->Bind(wxEVT_TREE_SEL_CHANGED, &ProjectExplorer::OnSelectionChanged, this);
  RefreshTree();
  Select(NodeKind::kProject);
}

ProjectExplorer::~ProjectExplorer() {
  // Deleting the tree's items must not select (and build) another panel.
  m_rebuilding = true;
  m_tree->Unbind(wxEVT_TREE_SEL_CHANGED, &ProjectExplorer::OnSelectionChanged, this);
}

void ProjectExplorer::RefreshTree() {
  wxWindowUpdateLocker freeze(m_tree);
  m_rebuilding = true;
  m_tree->DeleteAllItems();
  const wxTreeItemId root = m_tree->AddRoot(wxString());
  auto add = [&](const wxTreeItemId& parent, const wxString& label, NodeKind kind, int64_t id) {
    return m_tree->AppendItem(parent, label, int(IconOf(kind)), -1, new NodeData(kind, id));
  };
  const storage::ProjectFacts facts = m_project.Facts();
  const wxTreeItemId project =
      add(root, facts.name.empty() ? NodeLabel(NodeKind::kProject) : ToWx(facts.name), NodeKind::kProject, 0);
  for (NodeKind part : kTopLevelParts) {
    const wxTreeItemId node = add(project, NodeLabel(part), part, 0);
    if (part != NodeKind::kQuestionnaires) continue;
    // Each questionnaire once, at its latest version: that is the one the designer edits.
    storage::Statement st(m_project.Db(),
                          "SELECT q.id, q.form_key, q.version, q.title_zh, q.title_en FROM questionnaire q "
                          "WHERE q.version = (SELECT MAX(version) FROM questionnaire o WHERE o.form_key = q.form_key) "
                          "ORDER BY q.form_key");
    const bool zh = CurrentLanguage() == "zh_CN";
    while (st.Step()) {
      std::string title = st.Text(zh ? 3 : 4);
      if (title.empty()) title = st.Text(zh ? 4 : 3);
      const wxString label = wxString::Format(_("%s (%s, version %lld)"), ToWx(title), ToWx(st.Text(1)),
                                              static_cast<long long>(st.Int(2)));
      add(node, label, NodeKind::kQuestionnaire, st.Int(0));
    }
  }
  m_tree->ExpandAll();
  m_rebuilding = false;
  // The same node again. An edit of a questionnaire in use stores a new version: the designer
  // goes on with that one.
  wxTreeItemId selected = FindNode(m_kind, m_id);
  if (!selected.IsOk() && m_kind == NodeKind::kQuestionnaire) {
    storage::Statement latest(m_project.Db(),
                              "SELECT n.id FROM questionnaire o JOIN questionnaire n ON n.form_key = o.form_key "
                              "WHERE o.id = ?1 ORDER BY n.version DESC LIMIT 1");
    latest.Bind(1, m_id);
    if (latest.Step()) {
      m_id = latest.Int(0);
      selected = FindNode(m_kind, m_id);
    }
  }
  if (!selected.IsOk() && m_kind == NodeKind::kQuestionnaire) selected = FindNode(NodeKind::kQuestionnaires, 0);
  if (selected.IsOk()) {
    m_rebuilding = true;
    m_tree->SelectItem(selected);
    m_rebuilding = false;
  }
}

wxTreeItemId ProjectExplorer::FindNode(NodeKind kind, int64_t id) const {
  std::function<wxTreeItemId(const wxTreeItemId&)> visit = [&](const wxTreeItemId& item) -> wxTreeItemId {
    if (auto* data = dynamic_cast<NodeData*>(m_tree->GetItemData(item)))
      if (data->kind == kind && (kind != NodeKind::kQuestionnaire || data->id == id)) return item;
    wxTreeItemIdValue cookie;
    for (wxTreeItemId child = m_tree->GetFirstChild(item, cookie); child.IsOk(); child = m_tree->GetNextChild(item, cookie))
      if (wxTreeItemId found = visit(child); found.IsOk()) return found;
    return {};
  };
  const wxTreeItemId root = m_tree->GetRootItem();
  return root.IsOk() ? visit(root) : wxTreeItemId();
}

bool ProjectExplorer::Select(NodeKind kind, int64_t id) {
  const wxTreeItemId item = FindNode(kind, id);
  if (!item.IsOk()) return false;
  if (m_tree->GetSelection() == item && m_content && m_kind == kind && m_id == id) return true;
  m_rebuilding = true;
  m_tree->SelectItem(item);
  m_rebuilding = false;
  ShowNode(kind, id);
  return true;
}

void ProjectExplorer::ReloadPanel() { ShowNode(m_kind, m_id); }

void ProjectExplorer::OnSelectionChanged(wxTreeEvent& event) {
  if (m_rebuilding) return;
  auto* data = dynamic_cast<NodeData*>(m_tree->GetItemData(event.GetItem()));
  if (!data) return;
  try {
    ShowNode(data->kind, data->id);
  } catch (...) {
    ShowError(this, DescribeException());
  }
}

void ProjectExplorer::ShowNode(NodeKind kind, int64_t id) {
  wxWindowUpdateLocker freeze(this);
  m_kind = kind;
  m_id = id;
  // What is being typed in the panel that goes is committed first (its refresh of the tree
  // already keeps the new node selected).
  if (auto* editing = dynamic_cast<UndoTarget*>(m_content)) editing->CommitPending();
  if (m_content) {
    // Deleted at idle time: we may be inside one of its event handlers (a panel asking to show
    // another node).
    m_contentHolder->GetSizer()->Detach(m_content);
    m_content->Hide();
    wxTheApp->ScheduleForDestruction(m_content);
    m_content = nullptr;
  }
  m_kind = kind;
  m_id = id;
  PanelContext context;
  context.parent = m_contentHolder;
  context.project = &m_project;
  context.kind = kind;
  context.id = id;
  context.projectChanged = [this] {
    RefreshTree();
    if (m_projectChanged) m_projectChanged();
  };
  context.show = [this](NodeKind k, int64_t i) {
    CallAfter([this, k, i] {
      RefreshTree();
      Select(k, i);
      if (m_projectChanged) m_projectChanged();
    });
  };
  context.reload = [this] {
    CallAfter([this] {
      try {
        RefreshTree();
        ReloadPanel();
        if (m_projectChanged) m_projectChanged();
      } catch (...) {
        ShowError(this, DescribeException());
      }
    });
  };
  m_content = CreatePanel(context);
  if (m_content) m_contentHolder->GetSizer()->Add(m_content, wxSizerFlags(1).Expand());
  m_contentHolder->Scroll(0, 0);
  m_contentHolder->FitInside();
  m_contentHolder->Layout();
}

}  // namespace manyi::gui

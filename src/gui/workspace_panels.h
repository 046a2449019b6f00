// The explorer's working panels: where the work of a part is done, in the main window, over the
// main window's connection to the project — Responses (the data browser, the rejected rows and
// Import…), Analyses (the analysis views) and Fieldwork (mail data entry, telephone interviews),
// each with the part's summary one tab away.
#pragma once

#include <wx/panel.h>

#include <functional>
#include <string>
#include <vector>

#include "gui/explorer.h"

class wxNotebook;
class wxStaticText;

namespace manyi::gui {

class AnalysisView;
class CatiPanel;
class DataBrowser;
class DataEntryPanel;
class PartPanel;

/// A panel of tabs whose screens are made when a tab is first shown (a screen costs only when the
/// user goes there). A screen that cannot be made over this project (no questionnaire yet…)
/// shows why in its tab instead.
class TabbedPanel : public wxPanel {
 public:
  /// Shows the tab named name, making its screen first; false when there is no such tab.
  bool ShowTab(const std::string& name);
  /// The screen of a tab (made if needed), or nullptr when there is no such tab or its screen
  /// could not be made.
  wxWindow* Tab(const std::string& name);
  /// The name of the tab shown.
  std::string CurrentTab() const;
  wxNotebook* GetNotebook() const { return m_book; }

 protected:
  TabbedPanel(const PanelContext& context, const wxString& windowName);
  using Factory = std::function<wxWindow*(wxWindow* parent)>;
  /// scrolled: the screen is a form made for a window of its own; it scrolls where the space
  /// beside the tree is smaller than it needs, instead of being squeezed.
  void AddTab(const std::string& name, const wxString& label, Factory make, bool scrolled = false);
  const PanelContext& Context() const { return m_context; }

 private:
  struct TabInfo {
    std::string name;
    Factory make;
    wxWindow* holder = nullptr;
    bool scrolled = false;
    wxWindow* screen = nullptr;
    bool made = false;
  };
  void Make(TabInfo& tab);

  PanelContext m_context;
  wxNotebook* m_book = nullptr;
  std::vector<TabInfo> m_tabs;
};

/// Responses: the data browser (filters, edits with the audit trail, the rejected rows) with the
/// part's summary as its last tab, and Import… above it.
class ResponsesPanel : public wxPanel {
 public:
  explicit ResponsesPanel(const PanelContext& context);

  /// The browser, or nullptr when the project has nothing to browse (the reason is shown).
  DataBrowser* GetBrowser() const { return m_browser; }
  /// The part's summary (its tab's content, made on first use).
  PartPanel* GetSummary();
  /// Import…: the import wizard over the project file; what it imported shows at once after.
  void ImportResponses();

 private:
  PanelContext m_context;
  DataBrowser* m_browser = nullptr;
  PartPanel* m_summary = nullptr;
  wxPanel* m_summaryHolder = nullptr;
};

/// Analyses: the analysis views (index heatmap, ranking, drivers, NPS, tests…) and the weighting
/// schemes and saved analyses.
class AnalysesPanel : public TabbedPanel {
 public:
  explicit AnalysesPanel(const PanelContext& context);
  /// The analysis views, or nullptr when the project has no data to analyse (the reason is shown).
  AnalysisView* GetView();
};

/// Fieldwork: the facts and rates, mail data entry (double entry) and the telephone interviewer's
/// screen.
class FieldworkPanel : public TabbedPanel {
 public:
  explicit FieldworkPanel(const PanelContext& context);
  /// The screens of the "mail" and "phone" tabs (made if needed).
  DataEntryPanel* GetDataEntry();
  CatiPanel* GetCati();
};

}  // namespace manyi::gui

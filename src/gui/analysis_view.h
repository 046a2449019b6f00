// The analysis views of a project: the satisfaction index by region × industry (heatmap), the
// region ranking with confidence intervals, drivers with the importance–performance quadrant,
// the NPS distribution, the index and item scores across waves, test results and the PLS index
// model (ECSI / ACSI / CCSI or the certification-service model, whichever the questionnaire
// binds). Everything is computed by one analysis spec run through
// report::RunAnalysisSpec (the CLI's `analyze`); the GUI only draws the result tables.
#pragma once

#include <wx/panel.h>

#include <optional>
#include <string>
#include <vector>

#include "io/dataset.h"
#include "report/result_table.h"
#include "storage/project.h"

class wxChoice;
class wxNotebook;

namespace manyi::gui {

class BarChart;
class HeatmapChart;
class QuadrantChart;
class RankingChart;
class TrendChart;

/// A table as tab-separated text, one line per row with the header first (what a spreadsheet
/// pastes into cells).
wxString TableAsTsv(const report::ResultTable& table);

/// Puts a table on the clipboard as tab-separated text; false when the clipboard cannot be opened.
bool CopyTableToClipboard(const report::ResultTable& table);

/// The analysis views over the project's newest questionnaire, with a weighting-scheme selector.
class AnalysisView : public wxPanel {
 public:
  AnalysisView(wxWindow* parent, storage::Project& project);

  /// The spec the views run (the JSON `manyi-cli analyze --spec` reads).
  const std::string& Spec() const { return m_spec; }
  /// The result tables of the last run, in spec order.
  const std::vector<report::ResultTable>& Tables() const { return m_tables; }
  /// The table of an analysis of the spec by its key, or nullptr when the questionnaire lacks what
  /// it needs: "csi_region", "csi_industry", "csi_region_industry", "drivers", "recommend_frequencies",
  /// "nps", "compare_means", "crosstab"; with waves "trend_csi" (and "trend_csi_changes") and
  /// "trend_item:<variable>" (and "…_changes") for each satisfaction item.
  const report::ResultTable* Table(const std::string& key) const;
  /// The tables of the "Index model" page: the first satisfaction model of models/ (ECSI, ACSI,
  /// CCSI, certification-service) that binds to the questionnaire, run as the `pls` analysis kind
  /// (empty when none binds).
  const std::vector<report::ResultTable>& ModelTables() const { return m_modelTables; }
  /// Copies a table to the clipboard as the Copy buttons do; returns the text copied.
  wxString CopyTable(const report::ResultTable& table);

  /// Selects a weighting ("" = unweighted, else a scheme's name) and recomputes.
  bool SetWeighting(const wxString& scheme);
  /// The weighting bar's New Weighting Scheme… (gui/weighting_dialog.h): the scheme stored is
  /// added to the choice and used at once. Returns its name, or nothing when cancelled.
  std::optional<std::string> NewScheme();
  wxChoice* GetWeightingChoice() const { return m_weighting; }
  wxNotebook* GetNotebook() const { return m_book; }

  HeatmapChart* GetHeatmap() const { return m_heatmap; }
  RankingChart* GetRanking() const { return m_ranking; }
  QuadrantChart* GetQuadrant() const { return m_quadrant; }
  BarChart* GetNpsChart() const { return m_nps; }
  TrendChart* GetTrendChart() const { return m_trend; }
  wxChoice* GetTrendChoice() const { return m_trendChoice; }
  /// Shows series `index` of the trend page (0 = the index, then the items); false when out of range.
  bool SetTrendSeries(int index);

 private:
  void BuildSpec();
  void Recompute();
  wxWindow* Page(const wxString& title);
  void AddTable(wxWindow* page, const report::ResultTable& table);
  void AddNote(wxWindow* page, const wxString& text);
  void Remeasure(wxWindow* page);
  void BuildHeatmapPage();
  void BuildRankingPage();
  void BuildDriversPage();
  void BuildNpsPage();
  void BuildTestsPage();
  void BuildTrendPage();
  void ShowTrend(wxWindow* holder, size_t series);
  void RelayoutTrend();
  void BuildModelPage(const io::Dataset& data);

  storage::Project& m_project;
  std::string m_spec;
  std::vector<std::string> m_schemes;  ///< stored weighting schemes, in the choice's order (after "unweighted")
  std::vector<report::ResultTable> m_tables;
  std::vector<report::ResultTable> m_modelTables;
  std::vector<std::string> m_keys;     ///< the key of each analysis of the spec (one table each)
  // What the questionnaire offers (variable names; empty when it has no such item).
  std::string m_region, m_industry, m_overall, m_recommend;
  std::vector<std::string> m_satisfaction, m_importance;
  bool m_hasWaves = false;
  /// The trend series: the key of its analysis and its name (the index, then each item).
  std::vector<std::pair<std::string, wxString>> m_trendSeries;

  wxChoice* m_weighting = nullptr;
  wxNotebook* m_book = nullptr;
  HeatmapChart* m_heatmap = nullptr;
  RankingChart* m_ranking = nullptr;
  QuadrantChart* m_quadrant = nullptr;
  BarChart* m_nps = nullptr;
  TrendChart* m_trend = nullptr;
  wxChoice* m_trendChoice = nullptr;
  wxWindow* m_trendHolder = nullptr;
};

}  // namespace manyi::gui

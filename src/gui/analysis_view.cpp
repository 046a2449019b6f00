// The analysis views.
#include "gui/analysis_view.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/dataobj.h>
#include <wx/notebook.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/wupdlock.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "gui/charts.h"
#include "gui/errors.h"
#include "gui/weighting_dialog.h"
#include "gui/language.h"
#include "gui/result_table_view.h"
#include "gui/wx_text.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "report/analysis.h"
#include "report/pls_analysis.h"
#include "core/error.h"

namespace manyi::gui {

using nlohmann::json;

namespace {

std::string LabelLanguage() { return CurrentLanguage() == kLanguageChinese ? "zh" : "en"; }

/// A statistic cell as a chart value: numbers only (missing and suppressed cells are not drawn).
std::optional<double> ValueOf(const report::Cell& cell) {
  switch (cell.kind) {
    case report::CellKind::kCount:
    case report::CellKind::kNumber:
    case report::CellKind::kIndex: return cell.value;
    case report::CellKind::kPercent: return cell.value * 100;
    default: return std::nullopt;
  }
}

/// The column whose header is `header` (as the analysis wrote it in this language), or −1.
int ColumnNamed(const report::ResultTable& t, const wxString& header) {
  for (size_t c = 0; c < t.columns.size(); ++c)
    if (ToWx(t.columns[c]) == header) return int(c);
  return -1;
}

}  // namespace

wxString TableAsTsv(const report::ResultTable& table) {
  // Tabs and line breaks inside a cell would split it; they become spaces.
  auto clean = [](const std::string& s) {
    wxString text = ToWx(s);
    text.Replace("\t", " ");
    text.Replace("\r", " ");
    text.Replace("\n", " ");
    return text;
  };
  wxString out;
  for (size_t c = 0; c < table.columns.size(); ++c) out += (c ? "\t" : "") + clean(table.columns[c]);
  out += "\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) out += (c ? "\t" : "") + clean(report::FormatCell(row[c]));
    out += "\n";
  }
  return out;
}

bool CopyTableToClipboard(const report::ResultTable& table) {
  wxClipboardLocker lock;
  if (!lock) return false;
  return wxTheClipboard->SetData(new wxTextDataObject(TableAsTsv(table)));
}

AnalysisView::AnalysisView(wxWindow* parent, storage::Project& project) : wxPanel(parent, wxID_ANY), m_project(project) {
  SetName("analysis_view");
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(this, wxID_ANY, _("Weighting:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(6)));
  m_weighting = new wxChoice(this, wxID_ANY);
  m_weighting->SetName("weighting");
  m_weighting->Append(_("Unweighted"));
  // The project's active scheme is chosen at first, as in `manyi-cli analyze`.
  int active = 0;
  storage::Statement st(project.Db(), "SELECT name, active FROM weight_scheme ORDER BY id");
  while (st.Step()) {
    m_schemes.push_back(st.Text(0));
    m_weighting->Append(ToWx(st.Text(0)));
    if (st.Int(1)) active = int(m_schemes.size());
  }
  m_weighting->SetSelection(active);
  bar->Add(m_weighting, wxSizerFlags().CentreVertical());
  auto* newScheme = new wxButton(this, wxID_ANY, _("&New Weighting Scheme…"));
  newScheme->SetName("new_scheme");
  bar->Add(newScheme, wxSizerFlags().CentreVertical().Border(wxLEFT, FromDIP(8)));
  newScheme->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    try {
      NewScheme();
    } catch (...) {
      ShowError(this, DescribeException());
    }
  });
  sizer->Add(bar, wxSizerFlags().Border(wxALL, FromDIP(8)));
  m_book = new wxNotebook(this, wxID_ANY);
  sizer->Add(m_book, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8)));
  SetSizer(sizer);
  m_weighting->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    try {
      Recompute();
    } catch (...) {
      ShowError(this, DescribeException());
    }
  });
  // Pages built while hidden may have measured their texts before GTK styled them (a bold title
  // comes out narrower): measure again when a page is shown, so nothing is clipped.
  m_book->Bind(wxEVT_NOTEBOOK_PAGE_CHANGED, [this](wxBookCtrlEvent& event) {
    event.Skip();
    if (auto* page = dynamic_cast<wxScrolledWindow*>(m_book->GetCurrentPage())) Remeasure(page);
  });
  BuildSpec();
  Recompute();
}

void AnalysisView::Remeasure(wxWindow* page) {
  std::function<void(wxWindow*)> invalidate = [&](wxWindow* w) {
    w->InvalidateBestSize();
    for (wxWindow* child : w->GetChildren()) invalidate(child);
  };
  invalidate(page);
  page->Layout();
  page->FitInside();
  page->Refresh();
}

void AnalysisView::BuildSpec() {
  const int64_t qid = m_project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
  if (qid == 0) throw UserError(Message(N_("The project has no questionnaire yet, so there is nothing to analyse. Import responses first.")));
  auto form = io::LoadQuestionnaire(m_project, qid);
  if (!form) throw UserError(Message(N_("The project's questionnaire {0} cannot be read. Run `manyi-cli check`.")).Arg(static_cast<long long>(qid)));
  // Items are found by role, so the views work for any questionnaire that declares them.
  auto first = [&](ItemRole role) {
    auto items = form->ItemsWithRole(role);
    return items.empty() ? std::string() : items.front()->id;
  };
  m_region = first(ItemRole::kRegion);
  m_industry = first(ItemRole::kIndustry);
  m_overall = first(ItemRole::kOverallSatisfaction);
  m_recommend = first(ItemRole::kRecommend);
  for (const Section& s : form->sections)
    for (const Item& item : s.items) {
      if (item.type == ItemType::kGrid) {
        for (const GridRow& r : item.rows)
          if (r.role == ItemRole::kAttributeSatisfaction) {
            m_satisfaction.push_back(r.id);
            m_importance.push_back(r.importanceId);
          }
      } else if (item.role == ItemRole::kAttributeSatisfaction && item.scale) {
        m_satisfaction.push_back(item.id);
        std::string importance;
        for (const Section& s2 : form->sections)
          for (const Item& other : s2.items)
            if (other.role == ItemRole::kAttributeImportance && !item.attribute.empty() && other.attribute == item.attribute) importance = other.id;
        m_importance.push_back(importance);
      }
    }
  const bool allImportance = !m_importance.empty() &&
                             std::all_of(m_importance.begin(), m_importance.end(), [](const std::string& s) { return !s.empty(); });
  m_hasWaves = m_project.Db().QueryInt("SELECT count(DISTINCT wave_id) FROM response WHERE wave_id IS NOT NULL") > 1;

  json analyses = json::array();
  m_keys.clear();
  auto add = [&](const std::string& key, json analysis) {
    m_keys.push_back(key);
    analyses.push_back(std::move(analysis));
  };
  // The index: importance-weighted CSI of the attributes, else the overall rating on 0–100.
  json csi = {{"type", "csi"}};
  if (!m_satisfaction.empty()) {
    csi["satisfaction"] = m_satisfaction;
    if (allImportance) csi["importance"] = m_importance;
  } else if (!m_overall.empty()) {
    csi["satisfaction"] = json::array({m_overall});
  }
  auto by = [&](json grouping) {
    json a = csi;
    a["by"] = std::move(grouping);
    return a;
  };
  if (csi.contains("satisfaction")) {
    if (!m_region.empty()) add("csi_region", by(m_region));
    if (!m_industry.empty()) add("csi_industry", by(m_industry));
    if (!m_region.empty() && !m_industry.empty()) add("csi_region_industry", by(json::array({m_region, m_industry})));
  }
  if (!m_overall.empty() && m_satisfaction.size() >= 2)
    add("drivers", {{"type", "drivers"}, {"dependent", m_overall}, {"attributes", m_satisfaction}});
  if (!m_recommend.empty()) {
    add("recommend_frequencies", {{"type", "frequencies"}, {"variable", m_recommend}});
    add("nps", {{"type", "nps"}, {"variable", m_recommend}});
  }
  const std::string tested = !m_overall.empty() ? m_overall : m_satisfaction.empty() ? std::string() : m_satisfaction.front();
  if (!tested.empty()) add("compare_means", {{"type", "compare_means"}, {"variable", tested}, {"by", m_hasWaves ? "wave" : "channel"}});
  if (m_hasWaves) add("crosstab", {{"type", "crosstab"}, {"rows", "channel"}, {"columns", "wave"}});
  // Across waves: the csi analysis by wave with its change table (one computation, two tables),
  // for the index and for each satisfaction item on its own (its mean on 0–100).
  m_trendSeries.clear();
  if (m_hasWaves && csi.contains("satisfaction")) {
    auto trend = [&](const std::string& key, json a, const wxString& name) {
      a["by"] = "wave";
      a["changes"] = true;
      m_keys.push_back(key);
      m_keys.push_back(key + "_changes");
      analyses.push_back(std::move(a));
      m_trendSeries.emplace_back(key, name);
    };
    trend("trend_csi", csi, _("Satisfaction index (CSI)"));
    std::vector<std::string> items = m_satisfaction;
    if (!m_overall.empty() && std::find(items.begin(), items.end(), m_overall) == items.end()) items.insert(items.begin(), m_overall);
    for (const std::string& id : items) {
      wxString name = ToWx(id);
      for (const Variable& v : form->Variables())
        if (v.name == id) name = ToWx(v.row ? v.row->text.Get(LabelLanguage()) : v.item->text.Get(LabelLanguage()));
      trend("trend_item:" + id, {{"type", "csi"}, {"satisfaction", json::array({id})}}, name);
    }
  }
  m_spec = json({{"confidence", 0.95}, {"min_n", 30}, {"suppress_below", 5}, {"analyses", analyses}}).dump(2);
}

const report::ResultTable* AnalysisView::Table(const std::string& key) const {
  for (size_t i = 0; i < m_keys.size() && i < m_tables.size(); ++i)
    if (m_keys[i] == key) return &m_tables[i];
  return nullptr;
}

void AnalysisView::Recompute() {
  wxBusyCursor busy;
  const int sel = m_weighting->GetSelection();
  const std::string scheme = sel > 0 ? m_schemes[size_t(sel - 1)] : std::string();
  const io::Dataset data = io::LoadProjectData(m_project, 0, LabelLanguage(), scheme);
  m_tables = report::RunAnalysisSpec(m_spec, data, ToUtf8(_("analysis view")));
  wxWindowUpdateLocker freeze(this);
  const int page = m_book->GetSelection();
  m_book->DeleteAllPages();
  m_heatmap = nullptr;
  m_ranking = nullptr;
  m_quadrant = nullptr;
  m_nps = nullptr;
  m_trend = nullptr;
  m_trendChoice = nullptr;
  m_trendHolder = nullptr;
  BuildHeatmapPage();
  BuildRankingPage();
  BuildDriversPage();
  BuildNpsPage();
  BuildTrendPage();
  BuildTestsPage();
  BuildModelPage(data);
  if (page >= 0 && size_t(page) < m_book->GetPageCount()) m_book->SetSelection(size_t(page));
  Layout();
  if (m_book->GetCurrentPage()) Remeasure(m_book->GetCurrentPage());
}

std::optional<std::string> AnalysisView::NewScheme() {
  std::optional<std::string> name = NewWeightingScheme(this, m_project);
  if (!name) return name;
  // A scheme computed again under its name keeps its place in the choice.
  if (std::find(m_schemes.begin(), m_schemes.end(), *name) == m_schemes.end()) {
    m_schemes.push_back(*name);
    m_weighting->Append(ToWx(*name));
  }
  SetWeighting(ToWx(*name));
  return name;
}

bool AnalysisView::SetWeighting(const wxString& scheme) {
  const int index = scheme.empty() ? 0 : m_weighting->FindString(scheme, true);
  if (index == wxNOT_FOUND) return false;
  m_weighting->SetSelection(index);
  Recompute();
  return true;
}

wxWindow* AnalysisView::Page(const wxString& title) {
  auto* page = new wxScrolledWindow(m_book, wxID_ANY);
  page->SetScrollRate(FromDIP(10), FromDIP(10));
  page->SetSizer(new wxBoxSizer(wxVERTICAL));
  m_book->AddPage(page, title);
  return page;
}

wxString AnalysisView::CopyTable(const report::ResultTable& table) {
  if (!CopyTableToClipboard(table)) ShowError(this, _("The clipboard is in use by another program; try again."));
  return TableAsTsv(table);
}

void AnalysisView::AddTable(wxWindow* page, const report::ResultTable& table) {
  auto* copy = new wxButton(page, wxID_ANY, _("Copy Table"));
  copy->SetName("copy_" + ToWx(table.id));
  const report::ResultTable copyOf = table;
  copy->Bind(wxEVT_BUTTON, [this, copyOf](wxCommandEvent&) { CopyTable(copyOf); });
  page->GetSizer()->Add(copy, wxSizerFlags().Border(wxLEFT | wxTOP, FromDIP(8)));
  page->GetSizer()->Add(new ResultTableView(page, table), wxSizerFlags().Border(wxALL, FromDIP(8)));
}

void AnalysisView::AddNote(wxWindow* page, const wxString& text) {
  auto* note = new wxStaticText(page, wxID_ANY, text);
  note->Wrap(FromDIP(700));
  page->GetSizer()->Add(note, wxSizerFlags().Border(wxALL, FromDIP(12)));
}

void AnalysisView::BuildHeatmapPage() {
  wxWindow* page = Page(_("Index by Region × Industry"));
  const report::ResultTable *byRegion = Table("csi_region"), *byIndustry = Table("csi_industry"), *cross = Table("csi_region_industry");
  if (!byRegion || !byIndustry || !cross) {
    AddNote(page, _("The questionnaire needs items with the roles region and industry, and satisfaction items, for this view."));
    return;
  }
  // The crossed table lists region 1 × every industry, region 2 × …: the same levels, in the same
  // order, as the two single tables.
  const size_t nr = byRegion->rows.size(), ni = byIndustry->rows.size();
  if (cross->rows.size() != nr * ni) {
    AddNote(page, _("The crossed table does not match its groupings."));
    return;
  }
  auto hasRespondents = [](const std::vector<report::Cell>& row) { return row.size() > 1 && row[1].value > 0; };
  std::vector<size_t> rows, cols;
  for (size_t i = 0; i < nr; ++i)
    if (hasRespondents(byRegion->rows[i])) rows.push_back(i);
  for (size_t j = 0; j < ni; ++j)
    if (hasRespondents(byIndustry->rows[j])) cols.push_back(j);
  HeatmapData data;
  data.title = wxString::Format(_("Satisfaction index (0–100) by %s × %s"), ToWx(byRegion->columns[0]), ToWx(byIndustry->columns[0]));
  for (size_t i : rows) data.rows.push_back(ToWx(byRegion->rows[i][0].text));
  for (size_t j : cols) data.columns.push_back(ToWx(byIndustry->rows[j][0].text));
  double lo = 100, hi = 0;
  for (size_t i : rows) {
    data.values.emplace_back();
    data.marks.emplace_back();
    for (size_t j : cols) {
      const report::Cell& c = cross->rows[i * ni + j][2];
      const auto v = c.kind == report::CellKind::kIndex ? std::optional<double>(c.value) : std::nullopt;
      data.values.back().push_back(v);
      data.marks.back().push_back(c.kind == report::CellKind::kSuppressed ? wxString("*") : c.flagged ? wxString::FromUTF8("†") : wxString());
      if (v) {
        lo = std::min(lo, *v);
        hi = std::max(hi, *v);
      }
    }
  }
  if (hi > lo) {
    data.low = std::floor(lo);
    data.high = std::ceil(hi);
  }
  m_heatmap = new HeatmapChart(page, std::move(data));
  page->GetSizer()->Add(m_heatmap, wxSizerFlags().Border(wxALL, FromDIP(8)));
  for (const std::string& note : cross->footnotes) AddNote(page, ToWx(note));
  // The crossed table itself is long; it can still be copied whole.
  auto* copy = new wxButton(page, wxID_ANY, _("Copy Table"));
  copy->SetName("copy_csi_region_industry");
  copy->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (const report::ResultTable* t = Table("csi_region_industry")) CopyTable(*t);
  });
  page->GetSizer()->Add(copy, wxSizerFlags().Border(wxLEFT | wxBOTTOM, FromDIP(8)));
}

void AnalysisView::BuildRankingPage() {
  wxWindow* page = Page(_("Region Ranking"));
  const report::ResultTable* t = Table("csi_region");
  if (!t) {
    AddNote(page, _("The questionnaire needs an item with the role region, and satisfaction items, for this view."));
    return;
  }
  struct Entry {
    wxString label;
    double value, lower, upper;
  };
  std::vector<Entry> entries;
  RankingData data;
  for (const auto& row : t->rows) {
    auto v = ValueOf(row[2]), lo = ValueOf(row[3]), hi = ValueOf(row[4]);
    if (v && lo && hi) entries.push_back({ToWx(row[0].text), *v, *lo, *hi});
    else if (row[1].value > 0) data.unshown.push_back(ToWx(row[0].text));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.value > b.value; });
  data.title = wxString::Format(_("Satisfaction index by %s, with 95%% confidence intervals"), ToWx(t->columns[0]));
  data.axis = _("Satisfaction index (0–100)");
  for (const Entry& e : entries) {
    data.labels.push_back(e.label);
    data.values.push_back(e.value);
    data.lower.push_back(e.lower);
    data.upper.push_back(e.upper);
  }
  data.unshownNote = _("Too few respondents for an estimate:");
  m_ranking = new RankingChart(page, std::move(data));
  page->GetSizer()->Add(m_ranking, wxSizerFlags().Border(wxALL, FromDIP(8)));
  AddTable(page, *t);
}

void AnalysisView::BuildDriversPage() {
  wxWindow* page = Page(_("Drivers"));
  const report::ResultTable* t = Table("drivers");
  if (!t) {
    AddNote(page, _("The questionnaire needs an overall satisfaction item and at least two satisfaction attributes for this view."));
    return;
  }
  QuadrantData data;
  data.title = _("Importance–performance quadrant");
  data.xAxis = _("Performance (mean satisfaction)");
  const bool weights = std::any_of(t->rows.begin(), t->rows.end(), [](const auto& r) { return r[2].kind == report::CellKind::kNumber; });
  data.yAxis = weights ?
                        // xgettext:no-c-format
                        _("Importance (relative weight, % of R²)")
                      : _("Importance (correlation)");
  for (const auto& row : t->rows) {
    auto x = ValueOf(row[3]), y = ValueOf(row[weights ? 2 : 1]);
    if (!x || !y) continue;
    data.labels.push_back(ToWx(row[0].text));
    data.performance.push_back(*x);
    data.importance.push_back(*y);
  }
  // The analysis cuts the quadrants at the mean importance and the mean performance.
  if (!data.labels.empty()) {
    for (double v : data.performance) data.xCut += v / double(data.performance.size());
    for (double v : data.importance) data.yCut += v / double(data.importance.size());
  }
  data.quadrantNames = {_("concentrate here"), _("keep up the good work"), _("low priority"), _("possible overkill")};
  m_quadrant = new QuadrantChart(page, std::move(data));
  page->GetSizer()->Add(m_quadrant, wxSizerFlags().Border(wxALL, FromDIP(8)));
  AddTable(page, *t);
}

void AnalysisView::BuildNpsPage() {
  wxWindow* page = Page(_("NPS"));
  const report::ResultTable *freq = Table("recommend_frequencies"), *nps = Table("nps");
  if (!freq || !nps) {
    AddNote(page, _("The questionnaire needs a recommendation item (0–10) for this view."));
    return;
  }
  BarData data;
  const int percent = ColumnNamed(*freq, _("Percent"));
  const int code = ColumnNamed(*freq, _("Code"));
  std::optional<double> score;
  if (!nps->rows.empty()) score = ValueOf(nps->rows[0][5]);
  data.title = score ? wxString::Format(_("Likelihood to recommend: NPS %s"), ChartNumber(*score)) : _("Likelihood to recommend");
  // xgettext:no-c-format
  data.axis = _("% of answers");
  data.categoryNames = {_("Detractors (0–6)"), _("Passives (7–8)"), _("Promoters (9–10)")};
  data.categoryColours = {wxColour(214, 39, 40), wxColour(170, 170, 170), wxColour(44, 160, 44)};
  for (const auto& row : freq->rows) {
    if (percent < 0 || code < 0) break;
    auto c = ValueOf(row[size_t(code)]), p = ValueOf(row[size_t(percent)]);
    if (!c || !p) continue;
    data.labels.push_back(ChartNumber(*c, 0));
    data.values.push_back(*p);
    data.category.push_back(*c <= 6 ? 0 : *c <= 8 ? 1 : 2);
  }
  m_nps = new BarChart(page, std::move(data));
  page->GetSizer()->Add(m_nps, wxSizerFlags().Border(wxALL, FromDIP(8)));
  AddTable(page, *nps);
  AddTable(page, *freq);
}

void AnalysisView::BuildTestsPage() {
  wxWindow* page = Page(_("Tests"));
  const report::ResultTable *compare = Table("compare_means"), *cross = Table("crosstab");
  if (!compare && !cross) {
    AddNote(page, _("The questionnaire needs a satisfaction item for this view."));
    return;
  }
  for (const report::ResultTable* t : {compare, cross})
    if (t) AddTable(page, *t);
}

void AnalysisView::BuildModelPage(const io::Dataset& data) {
  wxWindow* page = Page(_("Index model"));
  m_modelTables.clear();
  const std::optional<Questionnaire> form = io::LoadQuestionnaire(m_project, 0);
  // The first bundled model the questionnaire can bind (by item roles or ids) is the one shown.
  std::string chosen;
  io::PlsModelTemplate model;
  for (const char* name : {"ecsi", "acsi", "ccsi", "certification-service"}) {
    if (!form) break;
    try {
      model = report::LoadPlsModel(name);
    } catch (const UserError&) {
      continue;  // not installed
    }
    const io::PlsBinding bound = io::BindPlsModel(model, *form);
    if (bound.Ok() && std::all_of(bound.variables.begin(), bound.variables.end(), [&](const std::string& v) { return data.Find(v); })) {
      chosen = name;
      break;
    }
  }
  if (chosen.empty()) {
    AddNote(page, _("No satisfaction index model (ECSI, ACSI, CCSI) fits this questionnaire: give its items the roles image, expectation, perceived quality, perceived value, overall satisfaction and loyalty, or run your own model with manyi-cli index."));
    return;
  }
  const nlohmann::json spec = {{"confidence", 0.95}, {"min_n", 30}, {"suppress_below", 5},
                               {"analyses", {{{"type", "pls"}, {"model", chosen}, {"tables", {"pls_inner", "pls_latent", "pls_ipma", "pls_outer"}}}}}};
  report::AnalysisContext context;
  context.form = &*form;
  try {
    m_modelTables = report::RunAnalysisSpec(spec.dump(), data, ToUtf8(_("analysis view")), context);
  } catch (const UserError& e) {
    AddNote(page, ToWx(e.GetMessage().Text()));
    return;
  }
  AddNote(page, wxString::Format(_("Model: %s. Path coefficients, R², reliability and the 0–100 indices of the PLS path model; the importance–performance map of its target."),
                                 ToWx(model.label.Get(LabelLanguage()).empty() ? model.id : model.label.Get(LabelLanguage()))));
  for (const report::ResultTable& t : m_modelTables) AddTable(page, t);
}

void AnalysisView::BuildTrendPage() {
  wxWindow* page = Page(_("Trends"));
  if (m_trendSeries.empty()) {
    AddNote(page, m_hasWaves ? _("The questionnaire needs satisfaction items for this view.")
                             : _("The responses belong to one wave only; trends need responses of at least two waves."));
    return;
  }
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(page, wxID_ANY, _("Show:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(6)));
  m_trendChoice = new wxChoice(page, wxID_ANY);
  m_trendChoice->SetName("trend_series");
  for (const auto& series : m_trendSeries) m_trendChoice->Append(series.second);
  m_trendChoice->SetSelection(0);
  bar->Add(m_trendChoice, wxSizerFlags().CentreVertical());
  page->GetSizer()->Add(bar, wxSizerFlags().Border(wxLEFT | wxTOP | wxRIGHT, FromDIP(8)));
  m_trendHolder = new wxPanel(page, wxID_ANY);
  m_trendHolder->SetSizer(new wxBoxSizer(wxVERTICAL));
  page->GetSizer()->Add(m_trendHolder, wxSizerFlags(1).Expand());
  m_trendChoice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { SetTrendSeries(m_trendChoice->GetSelection()); });
  ShowTrend(m_trendHolder, 0);
}

bool AnalysisView::SetTrendSeries(int index) {
  if (!m_trendHolder || index < 0 || size_t(index) >= m_trendSeries.size()) return false;
  m_trendChoice->SetSelection(index);
  ShowTrend(m_trendHolder, size_t(index));
  return true;
}

void AnalysisView::ShowTrend(wxWindow* holder, size_t series) {
  holder->Freeze();
  holder->DestroyChildren();
  m_trend = nullptr;
  const auto& [key, name] = m_trendSeries[series];
  const report::ResultTable* t = Table(key + "_changes");
  if (!t) {
    holder->Thaw();
    return;
  }
  // The change table holds the index per wave with its interval, and the change with its p.
  TrendData data;
  data.title = wxString::Format(_("%s by wave, with 95%% confidence intervals"), name);
  data.axis = series == 0 ? _("Satisfaction index (0–100)") : _("Mean on 0–100");
  data.significantNote = _("Significant change from the previous wave (Welch t-test, p < 0.05)");
  for (const auto& row : t->rows) {
    data.labels.push_back(ToWx(row[0].text));
    data.values.push_back(ValueOf(row[2]));
    data.lower.push_back(ValueOf(row[3]));
    data.upper.push_back(ValueOf(row[4]));
    const auto p = ValueOf(row[8]);
    data.significant.push_back(p && *p < 0.05);
  }
  m_trend = new TrendChart(holder, std::move(data));
  holder->GetSizer()->Add(m_trend, wxSizerFlags().Border(wxALL, FromDIP(8)));
  AddTable(holder, *t);
  for (const std::string& note : t->footnotes) AddNote(holder, ToWx(note));
  holder->Thaw();
  RelayoutTrend();
  // GTK styles the new controls (the tables' bold titles) only once they are shown: measure again then.
  CallAfter([this] { RelayoutTrend(); });
}

void AnalysisView::RelayoutTrend() {
  wxWindow* holder = m_trendHolder;
  if (!holder) return;
  if (auto* page = holder->GetParent()) {
    Remeasure(page);
    // Panels that keep their size are not laid out again by their parent: lay out every one,
    // top down, then the page in the virtual size FitInside gives it.
    std::function<void(wxWindow*)> layout = [&](wxWindow* w) {
      if (w->GetSizer()) w->Layout();
      for (wxWindow* child : w->GetChildren()) layout(child);
    };
    layout(holder);
    page->FitInside();
    page->Layout();
  }
}

}  // namespace manyi::gui

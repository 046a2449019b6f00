// The analysis runner: spec JSON → stats over a dataset → result tables.
#include "report/analysis.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <limits>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "report/grouping.h"
#include "report/index_tables.h"
#include "report/pls_analysis.h"
#include "stats/correlation.h"
#include "stats/descriptives.h"
#include "stats/grouped.h"
#include "stats/hypothesis.h"
#include "stats/regression.h"
#include "stats/reliability.h"
#include "stats/satisfaction.h"

namespace manyi::report {

using nlohmann::json;

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }

class Runner {
 public:
  Runner(const io::Dataset& d, const json& spec, std::string name, const AnalysisContext& context)
      : m_d(d), m_spec(spec), m_name(std::move(name)), m_context(context) {
    m_confidence = spec.value("confidence", 0.95);
    m_minN = spec.value("min_n", 30);
    m_suppress = spec.value("suppress_below", 5);
    if (m_confidence <= 0 || m_confidence >= 1) Fail("confidence", Message(N_("must be between 0 and 1, such as 0.95")));
    if (!d.weights.empty()) m_w = d.weights;
  }

  std::vector<ResultTable> Run() {
    if (!m_spec.contains("analyses") || !m_spec["analyses"].is_array())
      Fail("analyses", Message(N_("the spec needs an \"analyses\" array")));
    std::vector<ResultTable> out;
    for (size_t i = 0; i < m_spec["analyses"].size(); ++i) {
      m_index = i;
      const json& a = m_spec["analyses"][i];
      if (!a.is_object() || !a.contains("type") || !a["type"].is_string())
        Fail("type", Message(N_("every analysis needs a \"type\"")));
      const std::string type = a["type"];
      std::vector<ResultTable> tables;
      if (type == "descriptives") tables = Descriptives(a);
      else if (type == "frequencies") tables = FrequencyTables(a);
      else if (type == "nps") tables = {Nps(a)};
      else if (type == "csat" || type == "ces") tables = {ScaleShare(a, type)};
      else if (type == "top_box") tables = {TopBoxes(a)};
      else if (type == "crosstab") tables = {Crosstab(a)};
      else if (type == "compare_means") tables = {CompareMeans(a)};
      else if (type == "reliability") tables = {Reliability(a)};
      else if (type == "correlations") tables = {CorrelationTable(a)};
      else if (type == "regression") tables = {Regression(a)};
      else if (type == "drivers") tables = {Drivers(a)};
      else if (type == "csi") tables = Csi(a);
      else if (type == "pls") tables = Pls(a);
      else
        Fail("type", Message(N_("\"{0}\" is not an analysis type; see docs/analysis-spec.md")).Arg(type));
      for (size_t k = 0; k < tables.size(); ++k) {
        ResultTable& t = tables[k];
        // A csi or pls analysis's extra tables (ranking, trend, matrix…) keep their own titles.
        if (a.contains("title") && (k == 0 || (type != "csi" && type != "pls"))) t.title = TextOf(a["title"]);
        if (type != "pls") t.footnotes.push_back(WeightNote());  // pls tables say themselves what is weighted
        out.push_back(std::move(t));
      }
      if (m_context.tablesPerAnalysis) m_context.tablesPerAnalysis->push_back(tables.size());
    }
    return out;
  }

 private:
  [[noreturn]] void Fail(const std::string& field, const Message& what) const {
    throw UserError(Message(N_("{0}, analysis {1}, field \"{2}\": {3}")).Arg(m_name).Arg(static_cast<long long>(m_index + 1)).Arg(field).Arg(what));
  }

  std::string TextOf(const json& j) const {
    if (j.is_string()) return j.get<std::string>();
    const std::string lang = CurrentLanguage() == "zh_CN" ? "zh" : "en";
    if (j.is_object()) {
      if (j.contains(lang)) return j[lang].get<std::string>();
      if (j.contains("en")) return j["en"].get<std::string>();
    }
    return {};
  }

  std::string WeightNote() const {
    if (m_w.empty()) return Tr(N_("Unweighted."));
    return Message(N_("Weighted by {0}; n is the number of respondents, percentages and means use the weights.")).Arg(m_d.weighting).Text();
  }

  const io::DataColumn& Column(const json& a, const char* field) const {
    if (!a.contains(field) || !a[field].is_string()) Fail(field, Message(N_("a variable name is required")));
    return ColumnNamed(a[field].get<std::string>(), field);
  }
  const io::DataColumn& ColumnNamed(const std::string& name, const char* field) const {
    const io::DataColumn* c = m_d.Find(name);
    if (!c) {
      std::vector<std::string> names;
      for (const io::DataColumn& col : m_d.columns) names.push_back(col.name);
      names.insert(names.end(), m_d.notLoaded.begin(), m_d.notLoaded.end());
      std::string known;
      for (size_t i = 0; i < names.size() && i < 12; ++i) known += (i ? ", " : "") + names[i];
      Fail(field, Message(N_("there is no variable \"{0}\" in the data (variables: {1}…)")).Arg(name).Arg(known));
    }
    return *c;
  }
  std::vector<const io::DataColumn*> Columns(const json& a, const char* field) const {
    if (!a.contains(field) || !a[field].is_array() || a[field].empty())
      Fail(field, Message(N_("a list of variable names is required")));
    std::vector<const io::DataColumn*> out;
    for (const json& n : a[field]) {
      if (!n.is_string()) Fail(field, Message(N_("variable names are texts in quotes")));
      out.push_back(&ColumnNamed(n.get<std::string>(), field));
    }
    return out;
  }

  static std::string ValueLabel(const io::DataColumn& c, double v) {
    auto it = c.valueLabels.find(v);
    return it != c.valueLabels.end() ? it->second : FormatNumber(v);
  }

  Grouping Groups(const json& a) const {
    std::vector<const io::DataColumn*> by;
    if (a.contains("by")) {
      if (a["by"].is_string()) by.push_back(&ColumnNamed(a["by"].get<std::string>(), "by"));
      else if (a["by"].is_array()) for (const json& n : a["by"]) by.push_back(&ColumnNamed(n.get<std::string>(), "by"));
      else Fail("by", Message(N_("a variable name or a list of up to two")));
    }
    if (by.size() > 2) Fail("by", Message(N_("at most two grouping variables")));
    return GroupRows(m_d, by);
  }

  std::vector<std::string> GroupHeader(const Grouping& g) const {
    if (g.names.empty()) return {Tr(N_("Group"))};
    std::string h;
    for (size_t i = 0; i < g.names.size(); ++i) h += (i ? " × " : "") + Label(g.names[i]);
    return {h};
  }
  std::string Label(const std::string& var) const {
    const io::DataColumn* c = m_d.Find(var);
    return c && !c->label.empty() && c->label != var ? c->label : var;
  }

  /// A statistic cell honouring the small-cell rules.
  Cell Guard(Cell c, size_t n) const {
    if (n < m_suppress) return Cell::Suppressed();
    if (n < m_minN && c.kind != CellKind::kMissing) c.flagged = true;
    return c;
  }
  void SmallCellNotes(ResultTable& t) const {
    t.footnotes.push_back(Message(N_("† fewer than {0} respondents: read with care. * fewer than {1}: suppressed.")).Arg(static_cast<long long>(m_minN)).Arg(static_cast<long long>(m_suppress)).Text());
  }

  std::vector<ResultTable> Descriptives(const json& a) {
    auto vars = Columns(a, "variables");
    Grouping g = Groups(a);
    stats::GroupedMoments acc(g.Count(), vars.size());
    std::vector<std::span<const double>> columns;
    for (const io::DataColumn* v : vars) columns.emplace_back(v->values);
    acc.AddColumns(columns, g.rowGroup, m_w);
    stats::GroupedOptions opt;
    opt.confidence = m_confidence;
    ResultTable t;
    t.id = "descriptives";
    t.title = Tr(N_("Descriptive statistics"));
    t.columns = GroupHeader(g);
    const int pct = int(std::lround(m_confidence * 100));
    for (const char* h : {N_("Variable"), N_("n")}) t.columns.push_back(Tr(h));
    if (!m_w.empty()) t.columns.push_back(Tr(N_("Sum of weights")));
    for (const char* h : {N_("Mean"), N_("SD"), N_("SE")}) t.columns.push_back(Tr(h));
    t.columns.push_back(Message(N_("{0}% CI lower")).Arg(pct).Text());
    t.columns.push_back(Message(N_("{0}% CI upper")).Arg(pct).Text());
    std::vector<std::string> labels;
    for (const io::DataColumn* v : vars) labels.push_back(Label(v->name));
    // Group-major like the rows; one t quantile per distinct df instead of one per cell.
    const std::vector<stats::GroupedCell> cells = acc.SummariseAll(opt);
    t.rows.reserve(cells.size());
    for (const stats::GroupedCell& c : cells) {
      std::vector<Cell> row{Cell::Text(g.labels[c.group]), Cell::Text(labels[c.item]), Cell::Count(double(c.n))};
      if (!m_w.empty()) row.push_back(Cell::Number(c.sumWeights, 1));
      for (const stats::Stat& s : {c.mean, c.sd, c.se, c.ciLower, c.ciUpper}) row.push_back(Guard(Cell::Maybe(s, 2), c.n));
      t.rows.push_back(std::move(row));
    }
    t.footnotes.push_back(Message(N_("SD with n − 1; CI from Student's t with n − 1 degrees of freedom at {0}%.")).Arg(pct).Text());
    SmallCellNotes(t);
    return {t};
  }

  std::vector<ResultTable> FrequencyTables(const json& a) {
    std::vector<const io::DataColumn*> vars;
    if (a.contains("variables")) vars = Columns(a, "variables");
    else vars.push_back(&Column(a, "variable"));
    std::vector<ResultTable> out;
    for (const auto* v : vars) {
      auto f = stats::Frequencies(v->values, m_w);
      ResultTable t;
      t.id = "frequencies_" + v->name;
      t.title = Message(N_("Frequencies: {0}")).Arg(Label(v->name)).Text();
      t.columns = {Tr(N_("Answer")), Tr(N_("Code")), Tr(N_("Count"))};
      if (!m_w.empty()) t.columns.push_back(Tr(N_("Weighted count")));
      t.columns.push_back(Tr(N_("Percent")));
      t.columns.push_back(Tr(N_("Cumulative percent")));
      for (const auto& r : f.rows) {
        std::vector<Cell> row{Cell::Text(ValueLabel(*v, r.value)), Cell::Number(r.value, 0), Cell::Count(double(r.count))};
        if (!m_w.empty()) row.push_back(Cell::Number(r.weightedCount, 1));
        row.push_back(Cell::Percent(r.percent / 100));
        row.push_back(Cell::Percent(r.cumulativePercent / 100));
        t.rows.push_back(std::move(row));
      }
      std::vector<Cell> total{Cell::Text(Tr(N_("Total"))), Cell::Missing(), Cell::Count(double(f.nValid))};
      if (!m_w.empty()) total.push_back(Cell::Number(f.sumWeights, 1));
      total.push_back(Cell::Percent(f.nValid ? 1.0 : 0.0));
      total.push_back(Cell::Missing());
      t.rows.push_back(std::move(total));
      t.footnotes.push_back(Message(N_("{0} not answered, {1} \"don't know\" or other missing codes; percentages of the answers given.")).Arg(static_cast<long long>(f.nMissing - std::min(f.nMissing, v->userMissing))).Arg(static_cast<long long>(v->userMissing)).Text());
      out.push_back(std::move(t));
    }
    return out;
  }

  /// Rows of one group (values and weights), for per-group measures.
  void Slice(const io::DataColumn& c, const Grouping& g, size_t grp, std::vector<double>& x, std::vector<double>& w) const {
    x.clear();
    w.clear();
    for (size_t r = 0; r < m_d.rows; ++r)
      if (g.rowGroup[r] == grp) {
        x.push_back(c.values[r]);
        if (!m_w.empty()) w.push_back(m_w[r]);
      }
  }

  ResultTable Nps(const json& a) {
    const io::DataColumn& v = Column(a, "variable");
    Grouping g = Groups(a);
    ResultTable t;
    t.id = "nps";
    t.title = Message(N_("Net Promoter Score: {0}")).Arg(Label(v.name)).Text();
    t.columns = GroupHeader(g);
    for (const char* h : {N_("n"), N_("Promoters (9–10)"), N_("Passives (7–8)"), N_("Detractors (0–6)"), N_("NPS"), N_("CI lower"), N_("CI upper")})
      t.columns.push_back(Tr(h));
    std::vector<double> x, w;
    for (size_t grp = 0; grp < g.Count(); ++grp) {
      Slice(v, g, grp, x, w);
      auto r = stats::NetPromoterScore(x, w, m_confidence);
      t.rows.push_back({Cell::Text(g.labels[grp]), Cell::Count(double(r.n)), Guard(PercentOf(r.promoters), r.n), Guard(PercentOf(r.passives), r.n),
                        Guard(PercentOf(r.detractors), r.n), Guard(Cell::Maybe(r.nps, 1), r.n), Guard(Cell::Maybe(r.ciLower, 1), r.n),
                        Guard(Cell::Maybe(r.ciUpper, 1), r.n)});
    }
    // xgettext:no-c-format (placeholders are {0}, not printf)
    t.footnotes.push_back(Tr(N_("NPS = % promoters − % detractors (−100…100); CI from the variance of the difference of two multinomial shares.")));
    SmallCellNotes(t);
    return t;
  }
  static Cell PercentOf(const stats::Stat& s) { return s ? Cell::Percent(*s) : Cell::Missing(); }

  ResultTable ScaleShare(const json& a, const std::string& type) {
    const io::DataColumn& v = Column(a, "variable");
    Grouping g = Groups(a);
    ResultTable t;
    t.id = type;
    t.title = (type == "csat" ? Message(N_("CSAT (share of 4–5 on 1–5): {0}")) : Message(N_("CES (share of 5–7 on 1–7): {0}"))).Arg(Label(v.name)).Text();
    t.columns = GroupHeader(g);
    for (const char* h : {N_("n"), N_("Share"), N_("CI lower"), N_("CI upper"), N_("Mean")}) t.columns.push_back(Tr(h));
    std::vector<double> x, w;
    for (size_t grp = 0; grp < g.Count(); ++grp) {
      Slice(v, g, grp, x, w);
      auto r = type == "csat" ? stats::Csat(x, w, m_confidence) : stats::Ces(x, w, m_confidence);
      t.rows.push_back({Cell::Text(g.labels[grp]), Cell::Count(double(r.n)), Guard(PercentOf(r.share), r.n), Guard(PercentOf(r.ciLower), r.n),
                        Guard(PercentOf(r.ciUpper), r.n), Guard(Cell::Maybe(r.mean, 2), r.n)});
    }
    t.footnotes.push_back(Tr(N_("Wilson interval for the share.")));
    SmallCellNotes(t);
    return t;
  }

  ResultTable TopBoxes(const json& a) {
    auto vars = Columns(a, "variables");
    const int k = a.value("top", 2);
    Grouping g = Groups(a);
    ResultTable t;
    t.id = "top_box";
    t.title = Message(N_("Top-{0} box")).Arg(k).Text();
    t.columns = GroupHeader(g);
    for (const char* h : {N_("Variable"), N_("n"), N_("Top box"), N_("Bottom box")}) t.columns.push_back(Tr(h));
    std::vector<double> x, w;
    for (size_t grp = 0; grp < g.Count(); ++grp)
      for (const auto* v : vars) {
        if (!v->scaleMax || !v->scaleMin) Fail("variables", Message(N_("\"{0}\" is not a rating scale")).Arg(v->name));
        Slice(*v, g, grp, x, w);
        auto top = stats::TopBox(x, *v->scaleMax, k, w), bottom = stats::BottomBox(x, *v->scaleMin, k, w);
        t.rows.push_back({Cell::Text(g.labels[grp]), Cell::Text(Label(v->name)), Cell::Count(double(top.n)),
                          Guard(PercentOf(top.proportion), top.n), Guard(PercentOf(bottom.proportion), top.n)});
      }
    SmallCellNotes(t);
    return t;
  }

  /// Category codes of a variable as 0..k−1 (kNoGroup for missing) and the labels of the levels.
  std::pair<std::vector<std::uint32_t>, std::vector<std::string>> Levels(const io::DataColumn& c) const {
    std::set<double> seen;
    for (double v : c.values)
      if (!std::isnan(v)) seen.insert(v);
    std::vector<double> codes(seen.begin(), seen.end());
    std::vector<std::string> labels;
    for (double v : codes) labels.push_back(ValueLabel(c, v));
    std::vector<std::uint32_t> out(c.values.size(), stats::kNoGroup);
    for (size_t r = 0; r < c.values.size(); ++r)
      if (!std::isnan(c.values[r])) out[r] = std::uint32_t(std::lower_bound(codes.begin(), codes.end(), c.values[r]) - codes.begin());
    return {out, labels};
  }

  static Cell P(const stats::Stat& p) { return p ? Cell::Number(*p, 4) : Cell::Missing(); }

  ResultTable Crosstab(const json& a) {
    const io::DataColumn& rv = Column(a, "rows");
    const io::DataColumn& cv = Column(a, "columns");
    auto [rc, rl] = Levels(rv);
    auto [cc, cl] = Levels(cv);
    auto table = stats::CrossTabulate(rc, cc, rl.size(), cl.size(), m_w);
    ResultTable t;
    t.id = "crosstab";
    t.title = Message(N_("{0} by {1}")).Arg(Label(rv.name)).Arg(Label(cv.name)).Text();
    t.columns = {Label(rv.name)};
    for (const auto& l : cl) t.columns.push_back(l);
    t.columns.push_back(Tr(N_("Total")));
    double grand = 0;
    for (double x : table) grand += x;
    for (size_t i = 0; i < rl.size(); ++i) {
      double rowTotal = 0;
      for (size_t j = 0; j < cl.size(); ++j) rowTotal += table[i * cl.size() + j];
      std::vector<Cell> row{Cell::Text(rl[i])};
      for (size_t j = 0; j < cl.size(); ++j) {
        Cell c = rowTotal > 0 ? Cell::Percent(table[i * cl.size() + j] / rowTotal) : Cell::Missing();
        row.push_back(c);
      }
      row.push_back(Cell::Count(rowTotal));
      t.rows.push_back(std::move(row));
    }
    auto chi = stats::ChiSquareIndependence(table, rl.size(), cl.size(), true);
    std::string test = chi.statistic ? Message(N_("Chi-square test of independence: X² = {0}, df = {1}, p = {2}; Cramér's V = {3}{4}."))
                                           .Arg(FormatNumber(*chi.statistic, 6)).Arg(static_cast<long long>(chi.df))
                                           .Arg(chi.p ? FormatNumber(*chi.p, 4) : "—").Arg(chi.cramersV ? FormatNumber(*chi.cramersV, 3) : "—")
                                           .Arg(chi.yates ? Tr(N_(" (with Yates' correction)")) : std::string()).Text()
                                     : Tr(N_("Chi-square test not possible (a margin is empty)."));
    t.footnotes.push_back(Tr(N_("Row percentages; the last column counts respondents.")));
    t.footnotes.push_back(test);
    if (rl.size() == 2 && cl.size() == 2 && chi.minExpected && *chi.minExpected < 5 && m_w.empty()) {
      auto p = stats::FisherExact2x2(std::uint64_t(table[0]), std::uint64_t(table[1]), std::uint64_t(table[2]), std::uint64_t(table[3]));
      t.footnotes.push_back(Message(N_("An expected count is below 5: Fisher's exact test p = {0}.")).Arg(p ? FormatNumber(*p, 4) : "—").Text());
    }
    return t;
  }

  ResultTable CompareMeans(const json& a) {
    const io::DataColumn& v = Column(a, "variable");
    const io::DataColumn& by = Column(a, "by");
    auto [codes, labels] = Levels(by);
    ResultTable t;
    t.id = "compare_means";
    t.title = Message(N_("{0} compared across {1}")).Arg(Label(v.name)).Arg(Label(by.name)).Text();
    t.columns = {Tr(N_("Comparison")), Tr(N_("Difference")), Tr(N_("t")), Tr(N_("df")), Tr(N_("p")), Tr(N_("p (Holm)")), Tr(N_("Cohen's d"))};
    auto anova = stats::OneWayAnova(v.values, codes, labels.size());
    auto kw = stats::KruskalWallis(v.values, codes, labels.size());
    // Pairwise Welch tests with Holm's adjustment.
    std::vector<std::vector<double>> groups(labels.size());
    for (size_t r = 0; r < m_d.rows; ++r)
      if (codes[r] != stats::kNoGroup) groups[codes[r]].push_back(v.values[r]);
    std::vector<std::pair<size_t, size_t>> pairs;
    std::vector<stats::TTestResult> tests;
    std::vector<stats::Stat> ps;
    for (size_t i = 0; i < labels.size(); ++i)
      for (size_t j = i + 1; j < labels.size(); ++j) {
        pairs.emplace_back(i, j);
        tests.push_back(stats::WelchTTest(groups[i], groups[j], m_confidence));
        ps.push_back(tests.back().p);
      }
    auto holm = stats::HolmAdjust(ps);
    for (size_t k = 0; k < pairs.size(); ++k) {
      const auto& r = tests[k];
      t.rows.push_back({Cell::Text(labels[pairs[k].first] + " − " + labels[pairs[k].second]), Cell::Maybe(r.difference, 2), Cell::Maybe(r.t, 3),
                        Cell::Maybe(r.df, 1), P(r.p), P(holm[k]), Cell::Maybe(r.cohensD, 2)});
    }
    t.footnotes.push_back(anova.f ? Message(N_("One-way ANOVA: F({0}, {1}) = {2}, p = {3}, η² = {4}."))
                                        .Arg(static_cast<long long>(anova.dfBetween)).Arg(static_cast<long long>(anova.dfWithin))
                                        .Arg(FormatNumber(*anova.f, 5)).Arg(anova.p ? FormatNumber(*anova.p, 4) : "—")
                                        .Arg(anova.etaSquared ? FormatNumber(*anova.etaSquared, 3) : "—").Text()
                                  : Tr(N_("One-way ANOVA not possible (fewer than two groups with answers, or no variation).")));
    t.footnotes.push_back(kw.h ? Message(N_("Kruskal–Wallis (tie-corrected): H = {0}, df = {1}, p = {2}."))
                                     .Arg(FormatNumber(*kw.h, 5)).Arg(static_cast<long long>(kw.df)).Arg(kw.p ? FormatNumber(*kw.p, 4) : "—").Text()
                               : Tr(N_("Kruskal–Wallis test not possible.")));
    t.footnotes.push_back(Tr(N_("Pairwise Welch t-tests; p (Holm) adjusts for the number of comparisons.")));
    if (!m_w.empty()) t.footnotes.push_back(Tr(N_("These tests treat the answers as a simple random sample and ignore the weights.")));
    return t;
  }

  std::vector<std::span<const double>> Spans(const std::vector<const io::DataColumn*>& vars) const {
    std::vector<std::span<const double>> s;
    for (const auto* v : vars) s.emplace_back(v->values);
    return s;
  }

  ResultTable Reliability(const json& a) {
    auto vars = Columns(a, "variables");
    auto spans = Spans(vars);
    auto r = stats::CronbachAlpha(spans, m_w);
    ResultTable t;
    t.id = "reliability";
    t.title = Tr(N_("Reliability (Cronbach's alpha)"));
    t.columns = {Tr(N_("Item")), Tr(N_("Item–total correlation")), Tr(N_("Corrected item–total correlation")), Tr(N_("Alpha if item deleted"))};
    for (size_t k = 0; k < vars.size(); ++k)
      t.rows.push_back({Cell::Text(Label(vars[k]->name)), Cell::Maybe(r.itemTotal[k], 3), Cell::Maybe(r.itemTotalCorrected[k], 3),
                        Cell::Maybe(r.alphaIfDeleted[k], 3)});
    t.footnotes.push_back(Message(N_("Alpha = {0} (standardised {1}) over {2} complete answers to {3} items.")).Arg(r.alpha ? FormatNumber(*r.alpha, 4) : "—")
                              .Arg(r.alphaStandardised ? FormatNumber(*r.alphaStandardised, 4) : "—").Arg(static_cast<long long>(r.n))
                              .Arg(static_cast<long long>(r.k)).Text());
    return t;
  }

  ResultTable CorrelationTable(const json& a) {
    auto vars = Columns(a, "variables");
    auto spans = Spans(vars);
    const bool listwise = a.value("missing", "pairwise") == "listwise";
    auto m = stats::Correlations(spans, listwise ? stats::MissingPolicy::Listwise : stats::MissingPolicy::Pairwise, m_w);
    ResultTable t;
    t.id = "correlations";
    t.title = Tr(N_("Correlations (Pearson)"));
    t.columns = {Tr(N_("Variable"))};
    for (const auto* v : vars) t.columns.push_back(v->name);
    for (size_t i = 0; i < vars.size(); ++i) {
      std::vector<Cell> row{Cell::Text(vars[i]->name)};
      for (size_t j = 0; j < vars.size(); ++j) row.push_back(Cell::Maybe(m.At(i, j), 3));
      t.rows.push_back(std::move(row));
    }
    t.footnotes.push_back(listwise ? Tr(N_("Listwise deletion: only respondents who answered every item.")) : Tr(N_("Pairwise deletion: each pair uses the respondents who answered both.")));
    return t;
  }

  ResultTable Regression(const json& a) {
    const io::DataColumn& y = Column(a, "dependent");
    auto xs = Columns(a, "independent");
    auto spans = Spans(xs);
    auto r = stats::LinearRegression(y.values, spans, true, m_w);
    ResultTable t;
    t.id = "regression";
    t.title = Message(N_("Linear regression of {0}")).Arg(Label(y.name)).Text();
    t.columns = {Tr(N_("Term")), Tr(N_("Estimate")), Tr(N_("SE")), Tr(N_("t")), Tr(N_("p"))};
    if (!r.ok) {
      t.footnotes.push_back(r.rankDeficient ? Tr(N_("Not estimable: the predictors are collinear.")) : Tr(N_("Not estimable: too few complete answers.")));
      return t;
    }
    for (size_t k = 0; k < r.coefficients.size(); ++k) {
      const auto& c = r.coefficients[k];
      t.rows.push_back({Cell::Text(k == 0 ? Tr(N_("(intercept)")) : xs[k - 1]->name), Cell::Number(c.estimate, 4), Cell::Maybe(c.se, 4),
                        Cell::Maybe(c.t, 3), P(c.p)});
    }
    t.footnotes.push_back(Message(N_("n = {0}, R² = {1}, adjusted R² = {2}, residual SD = {3}.")).Arg(static_cast<long long>(r.n))
                              .Arg(r.rSquared ? FormatNumber(*r.rSquared, 4) : "—").Arg(r.adjustedRSquared ? FormatNumber(*r.adjustedRSquared, 4) : "—")
                              .Arg(r.residualSd ? FormatNumber(*r.residualSd, 4) : "—").Text());
    return t;
  }

  ResultTable Drivers(const json& a) {
    const io::DataColumn& y = Column(a, "dependent");
    auto xs = Columns(a, "attributes");
    auto spans = Spans(xs);
    auto rw = stats::RelativeWeights(y.values, spans, m_w);
    std::vector<double> importance, performance;
    std::vector<stats::Stat> corr;
    for (const auto* x : xs) {
      corr.push_back(stats::PearsonCorrelation(x->values, y.values, m_w));
      auto s = stats::Describe(x->values, m_w);
      performance.push_back(s.mean.value_or(stats::kMissingValue));
    }
    for (size_t k = 0; k < xs.size(); ++k) importance.push_back(rw.ok ? rw.percent[k] : corr[k].value_or(stats::kMissingValue));
    auto quad = stats::ImportancePerformance(importance, performance);
    ResultTable t;
    t.id = "drivers";
    t.title = Message(N_("Drivers of {0}")).Arg(Label(y.name)).Text();
    t.columns = {Tr(N_("Attribute")), Tr(N_("Correlation")),
                 // xgettext:no-c-format (the comment applies to the next string only)
                 Tr(N_("Relative weight (% of R²)")), Tr(N_("Performance (mean)")), Tr(N_("Quadrant"))};
    for (size_t k = 0; k < xs.size(); ++k) {
      std::string q = "—";
      if (quad.quadrants[k]) switch (*quad.quadrants[k]) {
          case stats::Quadrant::ConcentrateHere: q = Tr(N_("concentrate here")); break;
          case stats::Quadrant::KeepUpTheGoodWork: q = Tr(N_("keep up the good work")); break;
          case stats::Quadrant::LowPriority: q = Tr(N_("low priority")); break;
          case stats::Quadrant::PossibleOverkill: q = Tr(N_("possible overkill")); break;
        }
      t.rows.push_back({Cell::Text(Label(xs[k]->name)), Cell::Maybe(corr[k], 3), rw.ok ? Cell::Number(rw.percent[k], 1) : Cell::Missing(),
                        std::isnan(performance[k]) ? Cell::Missing() : Cell::Number(performance[k], 2), Cell::Text(q)});
    }
    t.footnotes.push_back(rw.ok ? Message(N_("Johnson's relative weights; R² = {0} over {1} complete answers. Quadrants cut at the mean importance and mean performance."))
                                      .Arg(rw.rSquared ? FormatNumber(*rw.rSquared, 4) : "—").Arg(static_cast<long long>(rw.n)).Text()
                                : Tr(N_("Relative weights not estimable (collinear or constant attributes); quadrants use correlations.")));
    return t;
  }

  std::vector<ResultTable> Csi(const json& a) {
    auto sat = Columns(a, "satisfaction");
    Grouping g = Groups(a);
    std::vector<double> importance(sat.size(), 1.0);
    std::string how = Tr(N_("equal weights"));
    if (a.contains("importance")) {
      auto imp = Columns(a, "importance");
      if (imp.size() != sat.size()) Fail("importance", Message(N_("give one importance variable per satisfaction variable")));
      for (size_t k = 0; k < imp.size(); ++k) importance[k] = stats::Describe(imp[k]->values, m_w).mean.value_or(0.0);
      how = Tr(N_("mean stated importance"));
    } else if (a.contains("weights") && a["weights"].is_string()) {
      const std::string kind = a["weights"];
      if (kind == "regression" || kind == "relative") {
        const io::DataColumn& y = Column(a, "dependent");
        auto spans = Spans(sat);
        if (kind == "relative") {
          auto rw = stats::RelativeWeights(y.values, spans, m_w);
          if (!rw.ok) Fail("weights", Message(N_("relative weights cannot be derived (collinear or constant attributes, or too few complete answers); give fixed weights instead")));
          importance = rw.raw;
          how = Message(N_("Johnson's relative weights from {0}")).Arg(Label(y.name)).Text();
        } else {
          auto r = stats::LinearRegression(y.values, spans, true, m_w);
          if (!r.ok) Fail("weights", Message(N_("the regression weights cannot be derived (collinear attributes or too few complete answers); give fixed weights instead")));
          for (size_t k = 0; k < sat.size(); ++k) importance[k] = std::max(0.0, r.coefficients[k + 1].estimate);
          how = Message(N_("regression coefficients on {0} (negative ones set to 0)")).Arg(Label(y.name)).Text();
        }
      } else if (kind != "equal") {
        Fail("weights", Message(N_("\"{0}\" is not a kind of weights: use \"equal\", \"regression\", \"relative\" or a list of numbers")).Arg(kind));
      }
    } else if (a.contains("weights")) {
      if (!a["weights"].is_array() || a["weights"].size() != sat.size()) Fail("weights", Message(N_("give one weight per satisfaction variable")));
      for (size_t k = 0; k < sat.size(); ++k) {
        if (!a["weights"][k].is_number() || a["weights"][k].get<double>() < 0) Fail("weights", Message(N_("weights are numbers ≥ 0")));
        importance[k] = a["weights"][k].get<double>();
      }
      how = Tr(N_("fixed weights"));
    }
    double sum = 0;
    for (double w : importance) sum += w;
    if (!(sum > 0)) Fail("weights", Message(N_("at least one attribute needs a weight above 0")));
    double lo = sat[0]->scaleMin.value_or(a.value("scale_min", 1.0)), hi = sat[0]->scaleMax.value_or(a.value("scale_max", 10.0));
    std::string weightList;
    for (size_t k = 0; k < sat.size(); ++k) weightList += (k ? ", " : "") + sat[k]->name + " " + FormatNumber(importance[k] / sum, 4);
    const std::string formula = Message(N_("CSI = (Σ Wᵢ s̄ᵢ − min) / (max − min) × 100 on the scale {0}–{1}, attributes weighted by {2}.")).Arg(FormatNumber(lo)).Arg(FormatNumber(hi)).Arg(how).Text();
    const std::string weightNote = Message(N_("Normalised weights Wᵢ: {0}.")).Arg(weightList).Text();
    std::vector<std::span<const double>> spans = Spans(sat);
    const std::vector<double> scores = stats::CsiScores(spans, importance, lo, hi);
    CellRules rules{m_minN, m_suppress, m_confidence};
    // The interval: Student t on the respondent scores (linearisation, the default) or a seeded
    // percentile bootstrap of the group's respondents.
    const std::string ci = a.value("ci", std::string("linearisation"));
    if (ci != "linearisation" && ci != "bootstrap")
      Fail("ci", Message(N_("\"{0}\" is not a kind of interval: use \"linearisation\" or \"bootstrap\"")).Arg(ci));
    size_t resamples = 0;
    std::uint64_t seed = 1;
    if (ci == "bootstrap") {
      resamples = a.contains("bootstrap") ? Count(a, "bootstrap", 100000) : 1000;
      if (resamples < 100) Fail("bootstrap", Message(N_("at least 100 resamples for a percentile interval (1000 or more recommended)")));
      seed = a.contains("seed") ? Count(a, "seed", std::numeric_limits<std::uint32_t>::max()) : 1;
    }
    auto summarise = [&](std::span<const double> x, stats::Weights w) {
      std::vector<GroupIndex> gs = SummariseGroups(x, g, w, m_confidence);
      if (resamples > 0) BootstrapGroupIntervals(gs, x, g, w, m_confidence, resamples, seed);
      return gs;
    };
    // (Linearised intervals keep the footnotes they always had.)
    const std::string ciNote = resamples > 0
        ? Message(N_("CI: percentile bootstrap, {0} resamples of each group's respondents (seed {1}); the attribute weights are held fixed. Tests between groups use the linearised SE.")).Arg(static_cast<long long>(resamples)).Arg(std::to_string(seed)).Text()
        : std::string();
    const std::vector<GroupIndex> groups = summarise(scores, m_w);
    const std::string header = GroupHeader(g)[0];

    auto indexTable = [&](const std::vector<GroupIndex>& gs, const std::string& id, const std::string& title) {
      ResultTable t;
      t.id = id;
      t.title = title;
      t.columns = {header};
      for (const char* h : {N_("n"), N_("CSI"), N_("CI lower"), N_("CI upper")}) t.columns.push_back(Tr(h));
      for (const GroupIndex& x : gs) {
        const size_t n = x.summary.n;
        t.rows.push_back({Cell::Text(x.label), Cell::Count(double(n)), rules.Guard(x.summary.mean ? Cell::Index(*x.summary.mean) : Cell::Missing(), n),
                          rules.Guard(x.lower ? Cell::Index(*x.lower) : Cell::Missing(), n), rules.Guard(x.upper ? Cell::Index(*x.upper) : Cell::Missing(), n)});
      }
      t.footnotes.push_back(formula);
      if (!ciNote.empty()) t.footnotes.push_back(ciNote);
      if (a.contains("weights") || a.contains("importance")) t.footnotes.push_back(weightNote);
      t.footnotes.push_back(rules.Note());
      return t;
    };
    std::vector<ResultTable> out{indexTable(groups, "csi", Tr(N_("Customer satisfaction index (0–100)")))};
    if (a.contains("value_weight")) {
      // The 80/20 view: each respondent counts with the value of its customer (times the survey weight).
      const io::DataColumn& value = Column(a, "value_weight");
      std::vector<double> vw(m_d.rows), valued(scores);
      size_t noValue = 0;
      for (size_t r = 0; r < m_d.rows; ++r) {
        const double v = value.values[r];
        const bool ok = !std::isnan(v) && v >= 0;
        if (!ok && !std::isnan(scores[r])) ++noValue;
        vw[r] = ok ? v * (m_w.empty() ? 1.0 : m_w[r]) : 0.0;
        if (!ok) valued[r] = stats::kMissingValue;
      }
      ResultTable t = indexTable(summarise(valued, vw), "csi_value",
                                 Message(N_("Customer satisfaction index weighted by {0}")).Arg(Label(value.name)).Text());
      t.footnotes.push_back(Message(N_("Each respondent counts with its {0}; n counts respondents with a value. {1} respondent(s) with a CSI but no value (or a negative one) are left out of this table only.")).Arg(Label(value.name)).Arg(static_cast<long long>(noValue)).Text());
      out.push_back(std::move(t));
    }
    if (a.value("ranking", false)) out.push_back(IndexRankingTable(groups, header, rules));
    if (a.value("pairwise", false)) out.push_back(IndexPairwiseTable(groups, rules));
    if (a.value("changes", false)) out.push_back(IndexChangeTable(groups, header, rules));
    if (a.value("heatmap", false)) {
      if (g.levels.size() != 2) Fail("heatmap", Message(N_("a heatmap needs two grouping variables in \"by\", such as [\"region\", \"industry\"]")));
      out.push_back(IndexMatrixTable(groups, g, Label(g.names[0]) + " \\ " + Label(g.names[1]), rules));
    }
    return out;
  }

  /// A whole-number field from 0 to most.
  size_t Count(const json& a, const char* field, size_t most) const {
    if (!a[field].is_number_unsigned() || a[field].get<size_t>() > most)
      Fail(field, Message(N_("a whole number from 0 to {0}")).Arg(static_cast<long long>(most)));
    return a[field].get<size_t>();
  }

  std::vector<ResultTable> Pls(const json& a) {
    if (!a.contains("model") || !(a["model"].is_string() || a["model"].is_object()))
      Fail("model", Message(N_("give a model: the name of one in models/ (\"ecsi\"), the path of a model file, or the model itself as an object (docs/pls.md)")));
    PlsAnalysisOptions o;
    io::PlsModelTemplate model;
    if (a["model"].is_string()) {
      o.modelOrigin = a["model"].get<std::string>();
      model = LoadPlsModel(o.modelOrigin);
    } else {
      o.modelOrigin = m_name;
      auto parsed = io::ParsePlsModelJson(a["model"].dump(), m_name);
      if (!parsed) Fail("model", parsed.GetError());
      model = parsed.Value();
    }
    if (a.contains("scale_min") || a.contains("scale_max")) {
      if (!a.value("scale_min", json()).is_number() || !a.value("scale_max", json()).is_number() || !(a["scale_min"].get<double>() < a["scale_max"].get<double>()))
        Fail("scale_min", Message(N_("give both scale_min and scale_max as numbers, scale_min below scale_max")));
      o.scaleMin = a["scale_min"].get<double>();
      o.scaleMax = a["scale_max"].get<double>();
    }
    auto count = [&](const char* field, size_t fallback, size_t most) { return a.contains(field) ? Count(a, field, most) : fallback; };
    o.bootstrap = count("bootstrap", 0, 100000);
    o.seed = count("seed", 1, std::numeric_limits<uint32_t>::max());
    o.permutations = count("permutations", 1000, 100000);
    o.ipma = a.value("ipma", true);
    o.rules = CellRules{m_minN, m_suppress, m_confidence};
    if (a.contains("by")) {
      Grouping g = Groups(a);  // checks the names and the count
      for (const std::string& n : g.names) o.by.push_back(m_d.Find(n));
    }
    if (a.contains("trend")) o.trend = &Column(a, "trend");
    if (a.contains("compare")) {
      o.compare = &Column(a, "compare");
      if (!a.contains("groups") || !a["groups"].is_array() || a["groups"].size() != 2 || !a["groups"][0].is_string() || !a["groups"][1].is_string())
        Fail("groups", Message(N_("give the two groups to compare as a list of two labels, such as [\"Qingdao\", \"Jinan\"]")));
      o.groups = {a["groups"][0].get<std::string>(), a["groups"][1].get<std::string>()};
    }
    std::vector<ResultTable> tables = RunPlsAnalysis(m_d, model, m_context.form, o).tables;
    if (!a.contains("tables")) return tables;
    // Only the tables asked for (a report section may show just the IPMA); a failed estimation's
    // table always stays.
    static const std::set<std::string> known{"pls_outer", "pls_inner", "pls_latent", "pls_effects", "pls_bootstrap", "pls_ipma",
                                             "pls_group_indices", "index_ranking", "index_pairwise", "index_matrix", "pls_trend",
                                             "pls_group_comparison"};
    std::set<std::string> wanted;
    for (const json& id : a["tables"].is_array() ? a["tables"] : json::array({nullptr})) {
      if (!id.is_string() || !known.count(id.get<std::string>()))
        Fail("tables", Message(N_("a list of table ids from: pls_outer, pls_inner, pls_latent, pls_effects, pls_bootstrap, pls_ipma, pls_group_indices, index_ranking, index_pairwise, index_matrix, pls_trend, pls_group_comparison")));
      wanted.insert(id.get<std::string>());
    }
    std::vector<ResultTable> kept;
    for (ResultTable& t : tables)
      if (wanted.count(t.id) || t.id == "pls_failed") kept.push_back(std::move(t));
    return kept;
  }

  const io::Dataset& m_d;
  const json& m_spec;
  std::string m_name;
  AnalysisContext m_context;
  size_t m_index = 0;
  double m_confidence = 0.95;
  size_t m_minN = 30, m_suppress = 5;
  std::vector<double> m_w;
};

}  // namespace

std::vector<ResultTable> RunAnalysisSpec(const std::string& specJson, const io::Dataset& data, const std::string& specName) {
  return RunAnalysisSpec(specJson, data, specName, AnalysisContext{});
}

std::vector<ResultTable> RunAnalysisSpec(const std::string& specJson, const io::Dataset& data, const std::string& specName,
                                         const AnalysisContext& context) {
  json spec = json::parse(specJson, nullptr, false);
  if (spec.is_discarded() || !spec.is_object())
    throw UserError(Message(N_("{0} is not valid JSON. Check its syntax (commas, quotes, brackets).")).Arg(specName));
  return Runner(data, spec, specName, context).Run();
}

std::optional<std::set<std::string>> SpecVariableNames(const std::string& specJson) {
  std::set<std::string> names;
  json spec = json::parse(specJson, nullptr, false);
  if (spec.is_discarded()) return names;
  if (const auto analyses = spec.find("analyses"); analyses != spec.end() && analyses->is_array())
    for (const json& a : *analyses)
      if (a.is_object() && a.value("type", "") == "pls") return std::nullopt;
  // Any string may name a variable (variables, by, dependent, importance, …); a title that
  // happens to equal a variable name only loads one column more.
  auto walk = [&names](const json& j, auto& self) -> void {
    if (j.is_string()) names.insert(j.get<std::string>());
    else if (j.is_structured())
      for (const json& child : j) self(child, self);
  };
  walk(spec, walk);
  return names;
}

std::string RenderCsv(const std::vector<ResultTable>& tables) {
  auto field = [](const std::string& s) { return CsvField(s); };
  auto cellText = [&](const Cell& c) {
    switch (c.kind) {
      case CellKind::kText: return field(NeutraliseFormula(c.text));
      case CellKind::kMissing: return std::string();
      case CellKind::kSuppressed: return std::string("*");
      case CellKind::kPercent: return FormatNumber(c.value * 100, 15);  // numbers stay numbers (no "-" neutralising)
      default: return FormatNumber(c.value, 15);
    }
  };
  std::string out = "\xEF\xBB\xBF";
  for (size_t i = 0; i < tables.size(); ++i) {
    const ResultTable& t = tables[i];
    if (i) out += "\r\n";
    out += field(NeutraliseFormula(t.title)) + "\r\n";
    for (size_t c = 0; c < t.columns.size(); ++c) out += (c ? "," : "") + field(NeutraliseFormula(t.columns[c]));
    out += "\r\n";
    for (const auto& row : t.rows) {
      for (size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + cellText(row[c]);
      out += "\r\n";
    }
    for (const std::string& f : t.footnotes) out += field(NeutraliseFormula(f)) + "\r\n";
  }
  return out;
}

}  // namespace manyi::report

// Index-by-group tables (see index_tables.h).
#include "report/index_tables.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/message.h"
#include "core/text.h"
#include "stats/detail/random.h"
#include "stats/distributions.h"
#include "stats/intervals.h"

namespace manyi::report {

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }

Cell IndexCell(const stats::Stat& s) { return s ? Cell::Index(*s) : Cell::Missing(); }
Cell PCell(const stats::Stat& p) { return p ? Cell::Number(*p, 4) : Cell::Missing(); }

bool Usable(const GroupIndex& g, const CellRules& rules) { return g.summary.mean && g.summary.n >= rules.suppressBelow; }

}  // namespace

Cell CellRules::Guard(Cell c, size_t n) const {
  if (n < suppressBelow) return Cell::Suppressed();
  if (n < minN && c.kind != CellKind::kMissing) c.flagged = true;
  return c;
}

std::string CellRules::Note() const {
  return Message(N_("† fewer than {0} respondents: read with care. * fewer than {1}: suppressed.")).Arg(static_cast<long long>(minN)).Arg(static_cast<long long>(suppressBelow)).Text();
}

std::vector<GroupIndex> SummariseGroups(std::span<const double> scores, const Grouping& g, stats::Weights weights,
                                        double confidence) {
  std::vector<std::vector<double>> x(g.Count()), w(g.Count());
  for (size_t r = 0; r < scores.size(); ++r) {
    if (g.rowGroup[r] >= g.Count()) continue;
    x[g.rowGroup[r]].push_back(scores[r]);
    if (!weights.empty()) w[g.rowGroup[r]].push_back(weights[r]);
  }
  std::vector<GroupIndex> out(g.Count());
  for (size_t k = 0; k < g.Count(); ++k) {
    out[k].label = g.labels[k];
    out[k].summary = stats::Describe(x[k], w[k]);
    const stats::Summary& s = out[k].summary;
    if (s.mean && s.se && s.n > 1)
      if (const stats::Stat t = stats::StudentTCritical(confidence, double(s.n - 1))) {
        out[k].lower = *s.mean - *t * *s.se;
        out[k].upper = *s.mean + *t * *s.se;
      }
  }
  return out;
}

void BootstrapGroupIntervals(std::vector<GroupIndex>& groups, std::span<const double> scores, const Grouping& g,
                             stats::Weights weights, double confidence, std::size_t resamples, std::uint64_t seed) {
  std::vector<std::vector<double>> x(g.Count()), w(g.Count());
  for (size_t r = 0; r < scores.size(); ++r) {
    if (g.rowGroup[r] >= g.Count()) continue;
    x[g.rowGroup[r]].push_back(scores[r]);
    if (!weights.empty()) w[g.rowGroup[r]].push_back(weights[r]);
  }
  for (size_t k = 0; k < groups.size() && k < g.Count(); ++k) {
    std::uint64_t groupSeed = seed + k;
    const stats::BootstrapInterval b =
        stats::BootstrapMeanInterval(x[k], w[k], resamples, stats::detail::SplitMix64(groupSeed), confidence);
    groups[k].lower = b.lower;
    groups[k].upper = b.upper;
  }
}

stats::TTestResult IndexDifference(const stats::Summary& a, const stats::Summary& b, double confidence) {
  // WelchTTest uses variance / n as the squared SE; handing it se² · n makes it use the (possibly
  // weighted) SE of each mean while keeping Welch's degrees of freedom.
  stats::Summary x = a, y = b;
  if (x.se) x.variance = *x.se * *x.se * double(x.n);
  if (y.se) y.variance = *y.se * *y.se * double(y.n);
  stats::TTestResult r = stats::WelchTTest(x, y, confidence);
  r.cohensD.reset();  // not meaningful from inflated variances
  return r;
}

namespace {

// Ranked order of the usable groups (highest index first), ties broken by label order.
std::vector<size_t> RankOrder(const std::vector<GroupIndex>& groups, const CellRules& rules) {
  std::vector<size_t> order;
  for (size_t k = 0; k < groups.size(); ++k)
    if (Usable(groups[k], rules)) order.push_back(k);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return *groups[a].summary.mean > *groups[b].summary.mean; });
  return order;
}

struct Pairwise {
  std::vector<std::pair<size_t, size_t>> pairs;  // positions in the rank order
  std::vector<stats::TTestResult> tests;
  std::vector<stats::Stat> holm;
};

Pairwise Compare(const std::vector<GroupIndex>& groups, const std::vector<size_t>& order, double confidence) {
  Pairwise pw;
  std::vector<stats::Stat> ps;
  for (size_t i = 0; i < order.size(); ++i)
    for (size_t j = i + 1; j < order.size(); ++j) {
      pw.pairs.emplace_back(i, j);
      pw.tests.push_back(IndexDifference(groups[order[i]].summary, groups[order[j]].summary, confidence));
      ps.push_back(pw.tests.back().p);
    }
  pw.holm = stats::HolmAdjust(ps);
  return pw;
}

std::string JoinRanks(std::vector<size_t> ranks) {
  std::sort(ranks.begin(), ranks.end());
  std::string s;
  for (size_t r : ranks) s += (s.empty() ? "" : ", ") + std::to_string(r + 1);
  return s.empty() ? "—" : s;
}

}  // namespace

ResultTable IndexRankingTable(const std::vector<GroupIndex>& groups, const std::string& groupHeader, const CellRules& rules) {
  const std::vector<size_t> order = RankOrder(groups, rules);
  const Pairwise pw = Compare(groups, order, rules.confidence);
  const double alpha = 1.0 - rules.confidence;
  std::vector<std::vector<size_t>> higher(order.size()), lower(order.size());
  for (size_t k = 0; k < pw.pairs.size(); ++k) {
    if (!pw.holm[k] || *pw.holm[k] >= alpha) continue;
    auto [i, j] = pw.pairs[k];  // i ranks above j
    higher[i].push_back(j);
    lower[j].push_back(i);
  }
  ResultTable t;
  t.id = "index_ranking";
  t.title = Tr(N_("Ranking of the groups by index"));
  t.columns = {Tr(N_("Rank")), groupHeader, Tr(N_("n")), Tr(N_("Index")), Tr(N_("CI lower")), Tr(N_("CI upper")),
               Tr(N_("Significantly above ranks")), Tr(N_("Significantly below ranks"))};
  for (size_t i = 0; i < order.size(); ++i) {
    const GroupIndex& g = groups[order[i]];
    t.rows.push_back({Cell::Count(double(i + 1)), Cell::Text(g.label), Cell::Count(double(g.summary.n)),
                      rules.Guard(IndexCell(g.summary.mean), g.summary.n), rules.Guard(IndexCell(g.lower), g.summary.n),
                      rules.Guard(IndexCell(g.upper), g.summary.n), Cell::Text(JoinRanks(higher[i])), Cell::Text(JoinRanks(lower[i]))});
  }
  for (const GroupIndex& g : groups)
    if (!Usable(g, rules))
      t.rows.push_back({Cell::Missing(), Cell::Text(g.label), Cell::Count(double(g.summary.n)), rules.Guard(IndexCell(g.summary.mean), g.summary.n),
                        Cell::Missing(), Cell::Missing(), Cell::Missing(), Cell::Missing()});
  t.footnotes.push_back(Message(N_("Pairwise Welch t-tests of the index differences, Holm-adjusted over {0} comparisons; a rank is listed when adjusted p < {1}."))
                            .Arg(static_cast<long long>(pw.pairs.size())).Arg(FormatNumber(alpha)).Text());
  t.footnotes.push_back(Tr(N_("Groups with too few respondents or no index are listed last, without a rank.")));
  t.footnotes.push_back(rules.Note());
  return t;
}

ResultTable IndexPairwiseTable(const std::vector<GroupIndex>& groups, const CellRules& rules) {
  const std::vector<size_t> order = RankOrder(groups, rules);
  const Pairwise pw = Compare(groups, order, rules.confidence);
  ResultTable t;
  t.id = "index_pairwise";
  t.title = Tr(N_("Pairwise differences of the index"));
  t.columns = {Tr(N_("Comparison")), Tr(N_("Difference")), Tr(N_("SE")), Tr(N_("t")), Tr(N_("df")), Tr(N_("p")), Tr(N_("p (Holm)"))};
  for (size_t k = 0; k < pw.pairs.size(); ++k) {
    const auto& r = pw.tests[k];
    t.rows.push_back({Cell::Text(groups[order[pw.pairs[k].first]].label + " − " + groups[order[pw.pairs[k].second]].label),
                      Cell::Maybe(r.difference, 2), Cell::Maybe(r.se, 3), Cell::Maybe(r.t, 3), Cell::Maybe(r.df, 1), PCell(r.p), PCell(pw.holm[k])});
  }
  t.footnotes.push_back(Tr(N_("Welch t-tests from the SE of each group's index; p (Holm) adjusts for the number of comparisons.")));
  return t;
}

ResultTable IndexChangeTable(const std::vector<GroupIndex>& groups, const std::string& groupHeader, const CellRules& rules) {
  ResultTable t;
  t.id = "index_trend";
  t.title = Tr(N_("Index trend and change from the previous wave"));
  const int pct = int(std::lround(rules.confidence * 100));
  t.columns = {groupHeader, Tr(N_("n")), Tr(N_("Index")), Tr(N_("CI lower")), Tr(N_("CI upper")), Tr(N_("Change")),
               Message(N_("{0}% CI lower")).Arg(pct).Text() + " (" + Tr(N_("Change")) + ")",
               Message(N_("{0}% CI upper")).Arg(pct).Text() + " (" + Tr(N_("Change")) + ")", Tr(N_("p"))};
  const GroupIndex* previous = nullptr;
  for (const GroupIndex& g : groups) {
    const size_t n = g.summary.n;
    std::vector<Cell> row{Cell::Text(g.label), Cell::Count(double(n)), rules.Guard(IndexCell(g.summary.mean), n), rules.Guard(IndexCell(g.lower), n),
                          rules.Guard(IndexCell(g.upper), n)};
    if (previous && Usable(g, rules) && Usable(*previous, rules)) {
      const auto d = IndexDifference(g.summary, previous->summary, rules.confidence);
      row.insert(row.end(), {Cell::Maybe(d.difference, 2), Cell::Maybe(d.ciLower, 2), Cell::Maybe(d.ciUpper, 2), PCell(d.p)});
    } else {
      row.insert(row.end(), {Cell::Missing(), Cell::Missing(), Cell::Missing(), Cell::Missing()});
    }
    t.rows.push_back(std::move(row));
    if (Usable(g, rules)) previous = &g;
  }
  t.footnotes.push_back(Tr(N_("Change = index minus the index of the previous wave with enough respondents; Welch t-test (the waves are independent samples).")));
  t.footnotes.push_back(rules.Note());
  return t;
}

ResultTable IndexMatrixTable(const std::vector<GroupIndex>& groups, const Grouping& g, const std::string& rowHeader,
                             const CellRules& rules) {
  ResultTable t;
  t.id = "index_matrix";
  t.title = Tr(N_("Index matrix for a heatmap"));
  if (g.levels.size() != 2) return t;
  t.columns = {rowHeader};
  for (const std::string& c : g.levelLabels[1]) t.columns.push_back(c);
  for (const std::string& c : g.levelLabels[1]) t.columns.push_back(Message(N_("n: {0}")).Arg(c).Text());
  for (size_t i = 0; i < g.levels[0]; ++i) {
    std::vector<Cell> row{Cell::Text(g.levelLabels[0][i])};
    for (size_t j = 0; j < g.levels[1]; ++j) {
      const GroupIndex& x = groups[i * g.levels[1] + j];
      row.push_back(rules.Guard(IndexCell(x.summary.mean), x.summary.n));
    }
    for (size_t j = 0; j < g.levels[1]; ++j) row.push_back(Cell::Count(double(groups[i * g.levels[1] + j].summary.n)));
    t.rows.push_back(std::move(row));
  }
  t.footnotes.push_back(rules.Note());
  return t;
}

}  // namespace manyi::report

// PLS result tables (see pls_tables.h).
#include "report/pls_tables.h"

#include <cmath>

#include "core/message.h"
#include "core/text.h"
#include "stats/satisfaction.h"

namespace manyi::report {

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }
Cell Num(double v, int decimals = 4) { return std::isfinite(v) ? Cell::Number(v, decimals) : Cell::Missing(); }
Cell P(const stats::Stat& p) { return p ? Cell::Number(*p, 4) : Cell::Missing(); }
Cell Idx(const stats::Stat& s) { return s ? Cell::Index(*s) : Cell::Missing(); }

std::string PathName(const stats::PlsModel& model, std::size_t q) {
  return model.latents[model.paths[q].from].name + " → " + model.latents[model.paths[q].to].name;
}

std::string IndexProblemText(stats::PlsIndexProblem p) {
  switch (p) {
    case stats::PlsIndexProblem::None: return {};
    case stats::PlsIndexProblem::NoScale: return Tr(N_("no index: the items' scale is unknown (give \"scale\" in the model)"));
    case stats::PlsIndexProblem::NonPositiveWeight: return Tr(N_("no index: an outer weight of the block is not positive"));
  }
  return {};
}

}  // namespace

std::string DescribeStatus(stats::PlsStatus status, const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names) {
  auto lv = [&] { return r.latent < names.latents.size() ? names.latents[r.latent] : std::string("?"); };
  auto col = [&] { return r.column < names.columns.size() ? names.columns[r.column] : std::string("?"); };
  (void)model;
  switch (status) {
    case stats::PlsStatus::Ok: return Tr(N_("estimated"));
    case stats::PlsStatus::InvalidModel: return Tr(N_("the model is not valid (an empty block, or a path that does not go from an earlier to a later latent variable)"));
    case stats::PlsStatus::TooFewRows:
      return Message(N_("too few complete answers ({0}) for the {1} items of the model; every item must be answered")).Arg(static_cast<long long>(r.n)).Arg(static_cast<long long>(names.columns.size())).Text();
    case stats::PlsStatus::ConstantItem: return Message(N_("the item {0} has the same answer in every complete row; leave it out of the model")).Arg(col()).Text();
    case stats::PlsStatus::DegenerateBlock: return Message(N_("the block of {0} has no variance or its items are collinear")).Arg(lv()).Text();
    case stats::PlsStatus::CollinearLatents: return Message(N_("the predecessors of {0} are collinear; remove a path")).Arg(lv()).Text();
    case stats::PlsStatus::NotConverged:
      return Message(N_("the PLS iteration did not converge in {0} iterations; raise max_iterations in the model or check the model")).Arg(static_cast<long long>(r.iterations)).Text();
  }
  return {};
}

std::vector<ResultTable> PlsModelTables(const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names) {
  std::vector<ResultTable> out;
  const std::string missingNote = Message(N_("{0} complete answers used; {1} with a missing item left out (listwise, as plspm).")).Arg(static_cast<long long>(r.n)).Arg(static_cast<long long>(r.incompleteRows)).Text();
  if (!r.Ok()) {
    ResultTable t;
    t.id = "pls_failed";
    t.title = Tr(N_("PLS path model: not estimated"));
    t.columns = {Tr(N_("Problem"))};
    t.rows.push_back({Cell::Text(DescribeStatus(r.status, r, model, names))});
    t.footnotes.push_back(missingNote);
    out.push_back(std::move(t));
    return out;
  }
  {
    ResultTable t;
    t.id = "pls_outer";
    t.title = Tr(N_("Outer model"));
    t.columns = {Tr(N_("Latent variable")), Tr(N_("Item")), Tr(N_("Weight")), Tr(N_("Loading")), Tr(N_("Communality")), Tr(N_("Redundancy"))};
    for (const auto& it : r.outer)
      t.rows.push_back({Cell::Text(model.latents[it.latent].name), Cell::Text(it.column < names.columns.size() ? names.columns[it.column] : it.name),
                        Num(it.weight), Num(it.loading), Num(it.communality), Num(it.redundancy)});
    t.footnotes.push_back(Tr(N_("Weights as plspm reports them (before the sign rule); loadings are correlations of the items with their latent variable.")));
    out.push_back(std::move(t));
  }
  {
    ResultTable t;
    t.id = "pls_inner";
    t.title = Tr(N_("Inner model (path coefficients)"));
    t.columns = {Tr(N_("Path")), Tr(N_("Estimate")), Tr(N_("SE")), Tr(N_("t")), Tr(N_("p"))};
    for (std::size_t q = 0; q < r.paths.size(); ++q) {
      const auto& pc = r.paths[q];
      t.rows.push_back({Cell::Text(PathName(model, q)), Num(pc.estimate), Cell::Maybe(pc.se, 4), Cell::Maybe(pc.t, 3), P(pc.p)});
    }
    t.footnotes.push_back(Tr(N_("OLS of each endogenous latent variable on its predecessors; t and p with n − k − 1 degrees of freedom.")));
    out.push_back(std::move(t));
  }
  {
    ResultTable t;
    t.id = "pls_latent";
    t.title = Tr(N_("Latent variables: R², reliability and index"));
    t.columns = {Tr(N_("Latent variable")), Tr(N_("Mode")), Tr(N_("Items")), Tr(N_("R²")), Tr(N_("Block communality")), Tr(N_("Mean redundancy")),
                 Tr(N_("AVE")), Tr(N_("Cronbach's alpha (standardised)")), Tr(N_("Dillon–Goldstein rho")), Tr(N_("Eigenvalue 1")), Tr(N_("Eigenvalue 2")),
                 Tr(N_("Index (0–100)"))};
    for (std::size_t k = 0; k < r.latents.size(); ++k) {
      const auto& ls = r.latents[k];
      t.rows.push_back({Cell::Text(names.latents[k]), Cell::Text(ls.mode == stats::PlsMode::A ? "A" : "B"), Cell::Count(double(ls.items)),
                        ls.endogenous ? Num(ls.rSquared) : Cell::Missing(), Num(ls.blockCommunality), ls.endogenous ? Num(ls.meanRedundancy) : Cell::Missing(),
                        Cell::Maybe(ls.ave, 4), Cell::Maybe(ls.alpha, 4), Cell::Maybe(ls.rho, 4), Cell::Maybe(ls.eig1, 4), Cell::Maybe(ls.eig2, 4), Idx(ls.index)});
      if (ls.indexProblem != stats::PlsIndexProblem::None) t.footnotes.push_back(names.latents[k] + ": " + IndexProblemText(ls.indexProblem));
    }
    t.footnotes.push_back(Message(N_("GoF = {0}; converged in {1} iterations.")).Arg(r.gof ? FormatNumber(*r.gof, 6) : "—").Arg(static_cast<long long>(r.iterations)).Text());
    t.footnotes.push_back(Tr(N_("Index = (Σ ŵ x̄ − min) / (max − min) × 100 with the outer weights normalised to sum 1, applied to the raw item means.")));
    t.footnotes.push_back(missingNote);
    out.push_back(std::move(t));
  }
  {
    ResultTable t;
    t.id = "pls_effects";
    t.title = Tr(N_("Direct, indirect and total effects"));
    t.columns = {Tr(N_("Effect")), Tr(N_("Direct")), Tr(N_("Indirect")), Tr(N_("Total"))};
    for (const auto& e : r.effects) {
      if (e.total == 0.0 && e.direct == 0.0) continue;  // no path between the two: plspm lists zeros
      t.rows.push_back({Cell::Text(model.latents[e.from].name + " → " + model.latents[e.to].name), Num(e.direct), Num(e.indirect), Num(e.total)});
    }
    out.push_back(std::move(t));
  }
  return out;
}

ResultTable PlsBootstrapTable(const stats::PlsBootstrapResult& b, const stats::PlsResult& r, const stats::PlsModel& model,
                              const PlsNames& names, std::size_t requested, std::uint64_t seed) {
  ResultTable t;
  t.id = "pls_bootstrap";
  // xgettext:no-c-format
  t.title = Tr(N_("Bootstrap: means, SE and 95% percentile intervals"));
  t.columns = {Tr(N_("Parameter")), Tr(N_("Estimate")), Tr(N_("Bootstrap mean")), Tr(N_("SE")),
               // xgettext:no-c-format
               Tr(N_("2.5% percentile")),
               // xgettext:no-c-format
               Tr(N_("97.5% percentile"))};
  auto add = [&](const std::string& label, const stats::PlsBootstrapStat& s, bool index = false) {
    if (index) t.rows.push_back({Cell::Text(label), Idx(stats::Finite(s.original)), Idx(s.mean), Cell::Maybe(s.se, 2), Idx(s.lower), Idx(s.upper)});
    else t.rows.push_back({Cell::Text(label), Num(s.original), Cell::Maybe(s.mean, 4), Cell::Maybe(s.se, 4), Cell::Maybe(s.lower, 4), Cell::Maybe(s.upper, 4)});
  };
  if (b.status == stats::PlsStatus::Ok) {
    for (std::size_t i = 0; i < b.weights.size(); ++i) add(Message(N_("weight {0}")).Arg(names.columns[r.outer[i].column]).Text(), b.weights[i]);
    for (std::size_t i = 0; i < b.loadings.size(); ++i) add(Message(N_("loading {0}")).Arg(names.columns[r.outer[i].column]).Text(), b.loadings[i]);
    for (std::size_t q = 0; q < b.paths.size(); ++q) add(Message(N_("path {0}")).Arg(PathName(model, q)).Text(), b.paths[q]);
    for (std::size_t k = 0; k < b.rSquared.size(); ++k)
      if (r.latents[k].endogenous) add(Message(N_("R² {0}")).Arg(model.latents[k].name).Text(), b.rSquared[k]);
    for (std::size_t e = 0; e < b.totalEffects.size(); ++e)
      if (r.effects[e].total != 0.0)
        add(Message(N_("total effect {0}")).Arg(model.latents[r.effects[e].from].name + " → " + model.latents[r.effects[e].to].name).Text(), b.totalEffects[e]);
    for (std::size_t k = 0; k < b.indices.size(); ++k)
      if (r.latents[k].index) add(Message(N_("index {0}")).Arg(model.latents[k].name).Text(), b.indices[k], true);
  }
  t.footnotes.push_back(Message(N_("{0} resamples of the rows with replacement (seed {1}); {2} succeeded, {3} failed and were left out. Percentiles as R quantile type 7."))
                            .Arg(static_cast<long long>(requested)).Arg(std::to_string(seed)).Arg(static_cast<long long>(b.resamples)).Arg(static_cast<long long>(b.failed)).Text());
  return t;
}

ResultTable PlsIpmaTable(const stats::PlsIpmaResult& ipma, const PlsNames& names) {
  ResultTable t;
  t.id = "pls_ipma";
  t.title = Message(N_("Importance–performance map of {0}")).Arg(ipma.target < names.latents.size() ? names.latents[ipma.target] : "?").Text();
  t.columns = {Tr(N_("Driver")), Tr(N_("Importance (total effect)")), Tr(N_("Performance (index)")), Tr(N_("Quadrant"))};
  for (const auto& d : ipma.drivers) {
    std::string q = "—";
    if (d.quadrant) switch (*d.quadrant) {
        case stats::Quadrant::ConcentrateHere: q = Tr(N_("concentrate here")); break;
        case stats::Quadrant::KeepUpTheGoodWork: q = Tr(N_("keep up the good work")); break;
        case stats::Quadrant::LowPriority: q = Tr(N_("low priority")); break;
        case stats::Quadrant::PossibleOverkill: q = Tr(N_("possible overkill")); break;
      }
    t.rows.push_back({Cell::Text(names.latents[d.latent]), Num(d.importance), Idx(d.performance), Cell::Text(q)});
  }
  t.footnotes.push_back(Message(N_("Importance = total effect on the target (standardised); performance = the driver's 0–100 index. Quadrants cut at the mean importance {0} and mean performance {1}."))
                            .Arg(FormatNumber(ipma.importanceCut, 4)).Arg(FormatNumber(ipma.performanceCut, 4)).Text());
  return t;
}

std::vector<double> PlsIndexScores(stats::Columns data, const stats::PlsResult& r, const stats::PlsModel& model, std::size_t k,
                                   std::size_t dataRows) {
  std::vector<double> out(dataRows, stats::kMissingValue);
  if (!r.Ok() || !r.latents[k].index) return out;
  const stats::PlsLatent& lv = model.latents[k];
  std::vector<double> w;
  for (const auto& it : r.outer)
    if (it.latent == k) w.push_back(it.weight);
  std::vector<std::span<const double>> items;
  for (std::size_t c : lv.columns) items.push_back(data[c]);
  std::vector<double> scores = stats::CsiScores(items, w, *lv.scaleMin, *lv.scaleMax);
  if (r.rows.empty()) return scores;  // every row was complete
  for (std::size_t row : r.rows) out[row] = scores[row];
  return out;
}

ResultTable PlsGroupIndexTable(stats::Columns data, const stats::PlsResult& r, const stats::PlsModel& model, const PlsNames& names,
                               const Grouping& g, const std::string& groupHeader, stats::Weights weights, const CellRules& rules) {
  ResultTable t;
  t.id = "pls_group_indices";
  t.title = Tr(N_("Indices by group (0–100)"));
  t.columns = {groupHeader, Tr(N_("Latent variable")), Tr(N_("n")), Tr(N_("Index")), Tr(N_("CI lower")), Tr(N_("CI upper"))};
  const std::size_t rows = data.empty() ? 0 : data[0].size();
  std::vector<std::vector<GroupIndex>> per(model.latents.size());
  for (std::size_t k = 0; k < model.latents.size(); ++k)
    per[k] = SummariseGroups(PlsIndexScores(data, r, model, k, rows), g, weights, rules.confidence);
  for (std::size_t grp = 0; grp < g.Count(); ++grp)
    for (std::size_t k = 0; k < model.latents.size(); ++k) {
      const GroupIndex& x = per[k][grp];
      const std::size_t n = x.summary.n;
      t.rows.push_back({Cell::Text(g.labels[grp]), Cell::Text(names.latents[k]), Cell::Count(double(n)), rules.Guard(Idx(x.summary.mean), n),
                        rules.Guard(Idx(x.lower), n), rules.Guard(Idx(x.upper), n)});
    }
  t.footnotes.push_back(Tr(N_("The outer weights of the whole sample applied to each group's answers (one measurement model, comparable indices); respondents who answered every item of the model.")));
  t.footnotes.push_back(rules.Note());
  return t;
}

ResultTable PlsGroupComparisonTable(const stats::PlsGroupComparison& c, const stats::PlsModel& model, const PlsNames& names,
                                    const std::string& labelA, const std::string& labelB, std::size_t requested, std::uint64_t seed) {
  ResultTable t;
  t.id = "pls_group_comparison";
  t.title = Message(N_("Multi-group comparison: {0} vs {1}")).Arg(labelA).Arg(labelB).Text();
  t.columns = {Tr(N_("Parameter")), labelA, labelB, Tr(N_("Difference")), Tr(N_("p (permutation)"))};
  if (!c.Ok()) {
    stats::PlsResult ra, rb;  // only the counts the status words use
    ra.n = c.nA;
    rb.n = c.nB;
    t.footnotes.push_back(Message(N_("Not compared: in {0} {1}; in {2} {3}.")).Arg(labelA).Arg(DescribeStatus(c.statusA, ra, model, names))
                              .Arg(labelB).Arg(DescribeStatus(c.statusB, rb, model, names)).Text());
    return t;
  }
  for (std::size_t q = 0; q < c.paths.size(); ++q) {
    const auto& d = c.paths[q];
    t.rows.push_back({Cell::Text(Message(N_("path {0}")).Arg(PathName(model, q)).Text()), Cell::Maybe(d.a, 4), Cell::Maybe(d.b, 4), Cell::Maybe(d.difference, 4), P(d.p)});
  }
  for (std::size_t k = 0; k < c.rSquared.size(); ++k) {
    if (model.latents.empty() || !c.rSquared[k].a || (*c.rSquared[k].a == 0.0 && *c.rSquared[k].b == 0.0)) continue;  // exogenous
    const auto& d = c.rSquared[k];
    t.rows.push_back({Cell::Text(Message(N_("R² {0}")).Arg(model.latents[k].name).Text()), Cell::Maybe(d.a, 4), Cell::Maybe(d.b, 4), Cell::Maybe(d.difference, 4), P(d.p)});
  }
  for (std::size_t k = 0; k < c.indices.size(); ++k) {
    const auto& d = c.indices[k];
    t.rows.push_back({Cell::Text(Message(N_("index {0}")).Arg(model.latents[k].name).Text()), Idx(d.a), Idx(d.b), Cell::Maybe(d.difference, 2), P(d.p)});
  }
  t.footnotes.push_back(Message(N_("Model estimated in each group ({0}: n = {1}; {2}: n = {3}). Permutation test: the group labels shuffled {4} times (seed {5}), {6} succeeded; p = (1 + #|permuted difference| ≥ |observed|) / (1 + permutations)."))
                            .Arg(labelA).Arg(static_cast<long long>(c.nA)).Arg(labelB).Arg(static_cast<long long>(c.nB))
                            .Arg(static_cast<long long>(requested)).Arg(std::to_string(seed)).Arg(static_cast<long long>(c.permutations)).Text());
  return t;
}

}  // namespace manyi::report

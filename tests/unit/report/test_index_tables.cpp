// The csi analysis kind's group tables (value-weighted, derived weights, ranking, trend, heatmap
// matrix) on hand-checkable data, and PLS indices by region × industry on generated data with a
// known structure.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "io/dataset.h"
#include "report/analysis.h"
#include "report/grouping.h"
#include "report/pls_tables.h"
#include "stats/pls.h"
#include "support/normal_sequence.h"
#include "../storage/test_helpers.h"
#include "test_paths.h"

using namespace manyi;

namespace {
io::Dataset Csv(const std::string& text) {
  test::TempDir dir;
  test::WriteBytes(dir / "d.csv", text);
  return io::LoadCsvData(dir / "d.csv");
}
std::vector<report::ResultTable> RunSpec(const std::string& spec, const io::Dataset& d) { return report::RunAnalysisSpec(spec, d, "spec.json"); }
const report::ResultTable& Table(const std::vector<report::ResultTable>& ts, const std::string& id) {
  for (const auto& t : ts)
    if (t.id == id) return t;
  throw std::runtime_error("no table " + id);
}
}  // namespace

// Respondent CSIs with equal weights on 1–5: (mean − 1) / 4 × 100.
//   r1 A (5,3) value 3 → 75;  r2 A (1,3) value 1 → 25;  r3 B (4,4) value 1 → 75;  r4 B (5,4) value 5 → 87.5;
//   r5 no region (2,2) value 2 → 25.
const char* kTiny = "region,s1,s2,value\nA,5,3,3\nA,1,3,1\nB,4,4,1\nB,5,4,5\n,2,2,2\n";

TEST(CsiByGroup, PerHeadAndValueWeightedIndicesByHand) {
  auto ts = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "csi", "satisfaction": ["s1","s2"], "scale_min": 1, "scale_max": 5,
                      "by": "region", "value_weight": "value"}]})", Csv(kTiny));
  ASSERT_EQ(ts.size(), 2u);
  const auto& head = Table(ts, "csi");
  ASSERT_EQ(head.rows.size(), 3u);  // A, B and the unknown region, which is shown, not dropped
  EXPECT_EQ(head.rows[0][0].text, "A");
  EXPECT_DOUBLE_EQ(head.rows[0][2].value, 50.0);    // (75 + 25) / 2
  EXPECT_DOUBLE_EQ(head.rows[1][2].value, 81.25);   // (75 + 87.5) / 2
  EXPECT_EQ(head.rows[2][0].text, "(not answered)");
  EXPECT_DOUBLE_EQ(head.rows[2][1].value, 1);
  EXPECT_DOUBLE_EQ(head.rows[2][2].value, 25.0);
  const auto& value = Table(ts, "csi_value");
  EXPECT_DOUBLE_EQ(value.rows[0][2].value, 62.5);               // (3·75 + 1·25) / 4
  EXPECT_DOUBLE_EQ(value.rows[1][2].value, (75.0 + 5 * 87.5) / 6);  // 85.41667
  EXPECT_DOUBLE_EQ(value.rows[2][2].value, 25.0);
  // Student-t CI of A per head: scores 75, 25 → SE 25, t(0.975, 1) = 12.7062047361747 (R qt).
  EXPECT_NEAR(head.rows[0][3].value, 50 - 12.7062047361747 * 25, 1e-9);
}

TEST(CsiByGroup, RegressionWeightsAreTheOlsCoefficients) {
  // overall = 2 s1 + 1 s2 exactly → W = (2/3, 1/3); CSI = ((2/3)·mean s1 + (1/3)·mean s2 − 1) / 9 × 100.
  std::string csv = "s1,s2,overall\n";
  const double s1[] = {3, 5, 7, 9, 4, 6}, s2[] = {2, 8, 5, 5, 9, 1};
  double m1 = 0, m2 = 0;
  for (int i = 0; i < 6; ++i) {
    csv += std::to_string(int(s1[i])) + "," + std::to_string(int(s2[i])) + "," + std::to_string(int(2 * s1[i] + s2[i])) + "\n";
    m1 += s1[i] / 6;
    m2 += s2[i] / 6;
  }
  auto ts = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "csi", "satisfaction": ["s1","s2"], "weights": "regression",
                      "dependent": "overall", "scale_min": 1, "scale_max": 10}]})", Csv(csv));
  EXPECT_NEAR(ts[0].rows[0][2].value, (2.0 / 3 * m1 + 1.0 / 3 * m2 - 1) / 9 * 100, 1e-9);
  bool listed = false;
  for (const auto& f : ts[0].footnotes) listed = listed || f.find("s1 0.6667, s2 0.3333") != std::string::npos;
  EXPECT_TRUE(listed);
}

TEST(CsiByGroup, RankingHolmTrendAndMatrix) {
  // Three regions of 20: s1 means 7.95 (P), 8.05 (Q), 2.95 (R); P and Q do not differ, both differ from R.
  std::string csv = "region,industry,wave,s1\n";
  for (int i = 0; i < 20; ++i) {
    csv += std::string("P,") + (i % 2 ? "x" : "y") + ",1," + std::to_string(8 + i % 3 - 1) + "\n";
    csv += std::string("Q,") + (i % 2 ? "x" : "y") + ",2," + std::to_string(8 + (i + 1) % 3 - 1) + "\n";
    csv += std::string("R,") + (i % 2 ? "x" : "y") + ",3," + std::to_string(3 + i % 3 - 1) + "\n";
  }
  io::Dataset d = Csv(csv);
  auto ts = RunSpec(R"({"suppress_below": 0, "min_n": 0, "analyses": [{"type": "csi", "satisfaction": ["s1"], "scale_min": 1, "scale_max": 10,
                      "by": "region", "ranking": true, "pairwise": true}]})", d);
  const auto& rank = Table(ts, "index_ranking");
  ASSERT_EQ(rank.rows.size(), 3u);
  EXPECT_EQ(rank.rows[0][1].text, "Q");
  EXPECT_EQ(rank.rows[1][1].text, "P");
  EXPECT_EQ(rank.rows[2][1].text, "R");
  EXPECT_EQ(rank.rows[0][6].text, "3");     // Q significantly above R only
  EXPECT_EQ(rank.rows[1][6].text, "3");
  EXPECT_EQ(rank.rows[2][7].text, "1, 2");  // R below both
  const auto& pw = Table(ts, "index_pairwise");
  ASSERT_EQ(pw.rows.size(), 3u);
  // Holm: the largest raw p (Q − P) is adjusted by × 1, and never below the others' adjusted p.
  EXPECT_GE(pw.rows[0][6].value, pw.rows[0][5].value);
  EXPECT_GT(pw.rows[0][6].value, 0.05);
  // Welch on the respondent CSIs equals stats::WelchTTest on the same scores (unweighted).
  std::vector<double> p, q;
  for (size_t r = 0; r < d.rows; ++r) {
    const double s = (d.Find("s1")->values[r] - 1) / 9 * 100;
    (d.Find("region")->values[r] == 1 ? p : q).push_back(s);
    if (d.Find("region")->values[r] == 3) q.pop_back();
  }
  EXPECT_NEAR(pw.rows[0][5].value, *stats::WelchTTest(p, q).p, 1e-12);

  // Trend over waves: change from wave 1 to wave 2 is the difference of the two indices.
  auto tr = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "csi", "satisfaction": ["s1"], "scale_min": 1, "scale_max": 10,
                      "by": "wave", "changes": true}]})", d);
  const auto& trend = Table(tr, "index_trend");
  ASSERT_EQ(trend.rows.size(), 3u);
  EXPECT_EQ(trend.rows[0][5].kind, report::CellKind::kMissing);
  EXPECT_NEAR(trend.rows[1][5].value, trend.rows[1][2].value - trend.rows[0][2].value, 1e-12);
  EXPECT_LT(trend.rows[2][8].value, 0.001);

  // Region × industry matrix for a heatmap: industry y comes first (first seen); cell (R, y) is the
  // CSI of R's even rows.
  auto hm = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "csi", "satisfaction": ["s1"], "scale_min": 1, "scale_max": 10,
                      "by": ["region", "industry"], "heatmap": true}]})", d);
  const auto& m = Table(hm, "index_matrix");
  ASSERT_EQ(m.rows.size(), 3u);
  ASSERT_EQ(m.columns.size(), 5u);  // header, x, y, n: x, n: y
  EXPECT_EQ(m.columns[1], "y");
  double sum = 0;
  for (int i = 0; i < 20; i += 2) sum += (3 + i % 3 - 1 - 1) / 9.0 * 100;
  EXPECT_NEAR(m.rows[2][1].value, sum / 10, 1e-9);
  EXPECT_EQ(m.rows[2][3].value, 10);
}

TEST(CsiByGroup, HeatmapNeedsTwoGroupingVariables) {
  EXPECT_THROW(RunSpec(R"({"analyses": [{"type": "csi", "satisfaction": ["s1"], "by": "region", "heatmap": true}]})", Csv(kTiny)), UserError);
}


TEST(PlsIndicesByGroup, RecoverAKnownRegionByIndustryStructure) {
  // IMAG (3 items) → SAT (3 items); every SAT item = μ_cell + 1.2 (0.8 η_SAT + 0.6 ε) on 1–10, with
  // μ_cell = 6 + region effect (Qingdao 0, Jinan +1, Yantai −1) + industry effect (A 0, B +0.5).
  // The index applies weights summing to 1 to the item means, so the true SAT index of a cell is
  // (μ_cell − 1) / 9 × 100 whatever the weights. 300 respondents per cell; plus 40 with an unknown region.
  const char* regions[] = {"Qingdao", "Jinan", "Yantai"};
  const double regionEffect[] = {0.0, 1.0, -1.0}, industryEffect[] = {0.0, 0.5};
  io::Dataset d;
  d.columns.resize(8);
  const char* names[] = {"imag1", "imag2", "imag3", "sat1", "sat2", "sat3", "region", "industry"};
  for (int c = 0; c < 8; ++c) d.columns[c].name = names[c];
  for (int k = 0; k < 3; ++k) d.columns[6].valueLabels[k + 1] = regions[k];
  d.columns[6].missingLabel = "(region unknown)";
  d.columns[7].valueLabels = {{1, "A"}, {2, "B"}};
  manyi::test_support::NormalSequence z(7);
  auto add = [&](double region, double industry, double mu) {
    const double imag = z(), sat = 0.6 * imag + 0.8 * z();
    for (int j = 0; j < 3; ++j) d.columns[j].values.push_back(6 + 1.2 * (0.8 * imag + 0.6 * z()));
    for (int j = 0; j < 3; ++j) d.columns[3 + j].values.push_back(mu + 1.2 * (0.8 * sat + 0.6 * z()));
    d.columns[6].values.push_back(region);
    d.columns[7].values.push_back(industry);
  };
  for (int r = 0; r < 3; ++r)
    for (int i = 0; i < 2; ++i)
      for (int k = 0; k < 300; ++k) add(r + 1, i + 1, 6 + regionEffect[r] + industryEffect[i]);
  for (int k = 0; k < 40; ++k) add(stats::kMissingValue, 1, 6);
  d.rows = d.columns[0].values.size();
  stats::PlsModel model;
  model.latents = {{"IMAG", {0, 1, 2}, {}, stats::PlsMode::A, 1.0, 10.0}, {"SAT", {3, 4, 5}, {}, stats::PlsMode::A, 1.0, 10.0}};
  model.paths = {{0, 1}};
  std::vector<std::span<const double>> data;
  for (int c = 0; c < 6; ++c) data.emplace_back(d.columns[c].values);
  const stats::PlsResult fit = stats::EstimatePls(data, model, {});
  ASSERT_TRUE(fit.Ok());
  // Path = corr of the two composites: corr(η_IMAG, η_SAT) = 0.6, attenuated by each composite's
  // reliability (3 items of 1.2·(0.8 η + 0.6 ε): 0.9216 / (0.9216 + 0.5184/3) = 0.842, both blocks)
  // and by the cell means, which add variance to SAT that IMAG does not share (between-cell variance
  // 2/3 + 1/16 = 0.729 beside the within variance 1.094): 0.6 · 0.842 · √(1.094 / 1.823) = 0.391.
  // Sampling SD of the estimate with n = 1840 is about 0.02: tolerance 0.05.
  EXPECT_NEAR(fit.paths[0].estimate, 0.391, 0.05);

  report::Grouping g = report::GroupRows(d, {&d.columns[6], &d.columns[7]});
  ASSERT_EQ(g.Count(), 8u);  // 3 regions + unknown, × 2 industries
  EXPECT_EQ(g.labels[6], "(region unknown) × A");
  const auto scores = report::PlsIndexScores(data, fit, model, 1, d.rows);
  // The mean of the respondent scores is the model's own index.
  double mean = 0;
  for (double s : scores) mean += s / double(d.rows);
  EXPECT_NEAR(mean, *fit.latents[1].index, 1e-9);
  const auto groups = report::SummariseGroups(scores, g, {}, 0.95);
  for (int r = 0; r < 3; ++r)
    for (int i = 0; i < 2; ++i) {
      const auto& x = groups[size_t(r * 2 + i)];
      const double truth = (6 + regionEffect[r] + industryEffect[i] - 1) / 9 * 100;
      // SD of a respondent's SAT composite ≈ 1.2·√(0.64 + 0.36/3) ≈ 1.05 points = 11.6 index points,
      // SE over 300 ≈ 0.67; 4 SE ≈ 2.7 index points.
      EXPECT_NEAR(*x.summary.mean, truth, 2.7) << g.labels[size_t(r * 2 + i)];
      EXPECT_EQ(x.summary.n, 300u);
      EXPECT_LT(*x.lower, *x.summary.mean);
    }
  EXPECT_EQ(groups[6].summary.n, 40u);
  EXPECT_NEAR(*groups[6].summary.mean, 500.0 / 9, 4 * 11.6 / std::sqrt(40.0));
  // The table lists every group and latent variable, the unknown region included.
  report::PlsNames pn{{"IMAG", "SAT"}, {"imag1", "imag2", "imag3", "sat1", "sat2", "sat3"}};
  auto t = report::PlsGroupIndexTable(data, fit, model, pn, g, "Region × Industry", {}, {30, 5, 0.95});
  ASSERT_EQ(t.rows.size(), 16u);
  EXPECT_EQ(t.rows[12][0].text, "(region unknown) × A");
  EXPECT_EQ(t.rows[14][3].kind, report::CellKind::kSuppressed);  // unknown × B: nobody
  // Ranking of the region × industry cells: Jinan × B first, Yantai × A last (true 72.2 and 44.4).
  auto rank = report::IndexRankingTable(groups, "Region × Industry", {30, 5, 0.95});
  EXPECT_EQ(rank.rows[0][1].text, "Jinan × B");
  EXPECT_EQ(rank.rows[6][1].text, "Yantai × A");
}

TEST(CsiByGroup, BootstrapIntervalAgreesWithLinearisationOnALargeSample) {
  // 20,000 respondents in two regions, three attributes on 1–10. For a mean of this many scores the
  // percentile bootstrap and the Student-t interval estimate the same normal interval: their ends
  // differ by Monte Carlo error only (SE of a 2.5 % bootstrap quantile with 2000 resamples ≈ 0.1 SE
  // of the mean, here ≈ 0.02 index points): tolerance 0.06 points.
  io::Dataset d;
  d.columns.resize(4);
  const char* names[] = {"s1", "s2", "s3", "region"};
  for (int c = 0; c < 4; ++c) d.columns[c].name = names[c];
  for (int c = 0; c < 3; ++c) {
    d.columns[c].scaleMin = 1;
    d.columns[c].scaleMax = 10;
  }
  d.columns[3].valueLabels = {{1, "Qingdao"}, {2, "Jinan"}};
  manyi::test_support::NormalSequence z(99);
  for (int r = 0; r < 20000; ++r) {
    const double level = 6.5 + 1.2 * z();
    for (int c = 0; c < 3; ++c) d.columns[c].values.push_back(std::clamp(std::round(level + 0.8 * z()), 1.0, 10.0));
    d.columns[3].values.push_back(r % 4 == 0 ? 2 : 1);  // 15,000 and 5,000
  }
  d.rows = 20000;
  const std::string common = R"("satisfaction": ["s1", "s2", "s3"], "weights": [3, 2, 1], "by": "region")";
  const auto lin = RunSpec(R"({"analyses": [{"type": "csi", )" + common + "}]}", d);
  const auto boot = RunSpec(R"({"analyses": [{"type": "csi", "ci": "bootstrap", "bootstrap": 2000, "seed": 5, )" + common + "}]}", d);
  const auto again = RunSpec(R"({"analyses": [{"type": "csi", "ci": "bootstrap", "bootstrap": 2000, "seed": 5, )" + common + "}]}", d);
  const auto& l = Table(lin, "csi");
  const auto& b = Table(boot, "csi");
  for (size_t g = 0; g < 2; ++g) {
    EXPECT_DOUBLE_EQ(b.rows[g][2].value, l.rows[g][2].value);  // the index itself does not change
    EXPECT_NEAR(b.rows[g][3].value, l.rows[g][3].value, 0.06) << l.rows[g][0].text;
    EXPECT_NEAR(b.rows[g][4].value, l.rows[g][4].value, 0.06) << l.rows[g][0].text;
    EXPECT_NE(b.rows[g][3].value, l.rows[g][3].value);  // but it is another interval
    EXPECT_EQ(b.rows[g][3].value, Table(again, "csi").rows[g][3].value);  // seeded: reproducible
  }
  bool noted = false;
  for (const auto& f : b.footnotes) noted |= f.find("percentile bootstrap, 2000 resamples") != std::string::npos && f.find("seed 5") != std::string::npos;
  EXPECT_TRUE(noted);
  // Bad options are refused with the field named.
  EXPECT_THROW(RunSpec(R"({"analyses": [{"type": "csi", "ci": "jackknife", )" + common + "}]}", d), UserError);
  EXPECT_THROW(RunSpec(R"({"analyses": [{"type": "csi", "ci": "bootstrap", "bootstrap": 50, )" + common + "}]}", d), UserError);
  EXPECT_THROW(RunSpec(R"({"analyses": [{"type": "csi", "ci": "bootstrap", "seed": -1, )" + common + "}]}", d), UserError);
}

namespace {
io::Dataset Satisfaction() { return io::LoadCsvData(test::SourceDir() / "tests/data/reference/plspm/satisfaction.csv"); }
const report::Cell& CellOf(const report::ResultTable& t, const std::string& rowLabel, size_t column) {
  for (const auto& r : t.rows)
    if (r[0].text == rowLabel || (r.size() > 1 && r[1].text == rowLabel)) return r[column];
  throw std::runtime_error("no row " + rowLabel + " in " + t.id);
}
}  // namespace

TEST(PlsKind, TheModelTablesFromASpecMatchPlspm) {
  // The `pls` analysis kind runs the code of `manyi-cli index` (report::RunPlsAnalysis). Expected
  // values: R plspm 0.5 on its satisfaction data (../shared/reference/README.md, from
  // GoogleCloudPlatform/plspm-python tests/data): weight imag1 0.0982418501741741, path VAL → SAT
  // 0.589330650016017, R² SAT 0.707320949544597, GoF 0.609741624338411.
  const io::Dataset d = Satisfaction();
  const auto ts = RunSpec(R"({"analyses": [{"type": "pls", "model": "plspm-satisfaction", "by": "gender", "bootstrap": 50, "seed": 3}]})", d);
  std::vector<std::string> ids;
  for (const auto& t : ts) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"pls_outer", "pls_inner", "pls_latent", "pls_effects", "pls_bootstrap", "pls_ipma",
                                           "pls_group_indices", "index_ranking", "index_pairwise"}));
  EXPECT_NEAR(CellOf(Table(ts, "pls_outer"), "imag1", 2).value, 0.0982418501741741, 1e-9);
  EXPECT_NEAR(CellOf(Table(ts, "pls_inner"), "VAL → SAT", 1).value, 0.589330650016017, 1e-9);
  const auto& latent = Table(ts, "pls_latent");
  EXPECT_NEAR(latent.rows[4][3].value, 0.707320949544597, 1e-9);  // SAT
  bool gof = false;
  for (const auto& f : latent.footnotes) gof |= f.find("GoF = 0.609742") != std::string::npos;
  EXPECT_TRUE(gof);
  // The model's tables carry no survey-weight note of the spec runner (the model is unweighted).
  for (const auto& f : Table(ts, "pls_inner").footnotes) EXPECT_EQ(f.find("Weighted by"), std::string::npos);
  // Indices by gender: both groups and their n (plspm's data: 150 female, 100 male... counted here).
  const auto& byGender = Table(ts, "pls_group_indices");
  size_t female = 0, male = 0;
  for (double g : d.Find("gender")->values) (d.Find("gender")->valueLabels.at(g) == "female" ? female : male)++;
  EXPECT_EQ(CellOf(byGender, "female", 2).value, double(female));
  EXPECT_EQ(CellOf(byGender, "male", 2).value, double(male));
  EXPECT_EQ(female + male, 250u);

  // Only the tables asked for.
  const auto ipma = RunSpec(R"({"analyses": [{"type": "pls", "model": "plspm-satisfaction", "tables": ["pls_ipma"], "title": "IPMA"}]})", d);
  ASSERT_EQ(ipma.size(), 1u);
  EXPECT_EQ(ipma[0].id, "pls_ipma");
  EXPECT_EQ(ipma[0].title, "IPMA");
}

TEST(PlsKind, InlineModelsAndClearErrors) {
  const io::Dataset d = Satisfaction();
  // A model given in the spec itself (two blocks of the satisfaction data).
  const auto ts = RunSpec(R"({"analyses": [{"type": "pls", "model": {"format": "manyi-pls-model", "format_version": 1, "id": "mini",
      "latent_variables": [{"id": "QUAL", "items": ["qual1", "qual2", "qual3"], "scale": {"min": 0, "max": 10}},
                           {"id": "SAT", "items": ["sat1", "sat2", "sat3"], "scale": {"min": 0, "max": 10}}],
      "paths": [{"from": "QUAL", "to": "SAT"}]}}]})", d);
  ASSERT_GE(ts.size(), 4u);
  EXPECT_EQ(ts[1].rows.size(), 1u);  // one path
  auto message = [&](const std::string& spec) {
    try {
      RunSpec(spec, d);
    } catch (const UserError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message(R"({"analyses": [{"type": "pls", "model": "no-such-model"}]})").find("ecsi"), std::string::npos);  // lists the models
  EXPECT_NE(message(R"({"analyses": [{"type": "pls"}]})").find("\"model\""), std::string::npos);
  // ECSI binds by questionnaire roles: plain CSV columns cannot bind it.
  EXPECT_NE(message(R"({"analyses": [{"type": "pls", "model": "ecsi"}]})").find("does not fit"), std::string::npos);
  EXPECT_NE(message(R"({"analyses": [{"type": "pls", "model": "plspm-satisfaction", "tables": ["pls_nonsense"]}]})").find("\"tables\""), std::string::npos);
  EXPECT_NE(message(R"({"analyses": [{"type": "pls", "model": "plspm-satisfaction", "compare": "gender", "groups": ["female"]}]})").find("\"groups\""), std::string::npos);
}

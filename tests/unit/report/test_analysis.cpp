// Tests of the analysis-spec runner: each analysis wired to the statistics with the published
// reference values (sources named at each value), small-cell rules, errors, CSV output.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.h"
#include "io/dataset.h"
#include "report/analysis.h"
#include "../storage/test_helpers.h"

using namespace manyi;
using report::CellKind;

namespace {
io::Dataset Csv(const std::string& text, const std::string& weights = "") {
  test::TempDir dir;
  test::WriteBytes(dir / "d.csv", text);
  return io::LoadCsvData(dir / "d.csv", weights);
}
std::vector<report::ResultTable> RunSpec(const std::string& spec, const io::Dataset& d) { return report::RunAnalysisSpec(spec, d, "spec.json"); }
std::string Footnotes(const report::ResultTable& t) {
  std::string s;
  for (const auto& f : t.footnotes) s += f + "\n";
  return s;
}
/// A CSV with one row per observation of a two-way table given as counts.
std::string TableCsv(const std::vector<std::string>& rows, const std::vector<std::string>& cols, const std::vector<int>& counts) {
  std::string s = "r,c\n";
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < cols.size(); ++j)
      for (int k = 0; k < counts[i * cols.size() + j]; ++k) s += rows[i] + "," + cols[j] + "\n";
  return s;
}
}  // namespace

TEST(Analysis, CrosstabReproducesAgrestiChiSquare) {
  // Agresti (2007) p. 39, R chisq.test: X² = 30.0701490958, df 2, p = 2.953589e-07.
  io::Dataset d = Csv(TableCsv({"F", "M"}, {"Dem", "Ind", "Rep"}, {762, 327, 468, 484, 239, 477}));
  auto t = RunSpec(R"({"analyses": [{"type": "crosstab", "rows": "r", "columns": "c"}]})", d);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_NE(Footnotes(t[0]).find("X² = 30.0701, df = 2, p = 2.954e-07"), std::string::npos) << Footnotes(t[0]);
  ASSERT_EQ(t[0].rows.size(), 2u);
  EXPECT_EQ(t[0].rows[0][0].text, "F");
  EXPECT_NEAR(t[0].rows[0][1].value, 762.0 / 1557.0, 1e-12);
  EXPECT_EQ(t[0].rows[1][4].value, 1200);
}

TEST(Analysis, CompareMeansReproducesHollanderWolfeKruskalWallis) {
  // Hollander & Wolfe (1973) p. 116, R kruskal.test: H = 0.7714, df 2, p = 0.6800.
  std::string csv = "g,x\n";
  for (double v : {2.9, 3.0, 2.5, 2.6, 3.2}) csv += "a," + std::to_string(v) + "\n";
  for (double v : {3.8, 2.7, 4.0, 2.4}) csv += "b," + std::to_string(v) + "\n";
  for (double v : {2.8, 3.4, 3.7, 2.2, 2.0}) csv += "c," + std::to_string(v) + "\n";
  auto t = RunSpec(R"({"analyses": [{"type": "compare_means", "variable": "x", "by": "g"}]})", Csv(csv));
  EXPECT_NE(Footnotes(t[0]).find("H = 0.77143, df = 2, p = 0.68"), std::string::npos) << Footnotes(t[0]);
  EXPECT_EQ(t[0].rows.size(), 3u);  // a−b, a−c, b−c
}

TEST(Analysis, DescriptivesByGroupKeepUnansweredGroupAndApplySmallCellRules) {
  std::string csv = "region,q\n";
  for (int i = 0; i < 40; ++i) csv += "青岛," + std::to_string(1 + i % 10) + "\n";
  for (int i = 0; i < 10; ++i) csv += "济南," + std::to_string(5 + i % 2) + "\n";
  for (int i = 0; i < 3; ++i) csv += ",7\n";
  auto t = RunSpec(R"({"min_n": 30, "suppress_below": 5, "analyses": [{"type": "descriptives", "variables": ["q"], "by": "region"}]})", Csv(csv));
  ASSERT_EQ(t[0].rows.size(), 3u);
  EXPECT_EQ(t[0].rows[0][0].text, "青岛");
  EXPECT_DOUBLE_EQ(t[0].rows[0][3].value, 5.5);   // mean of 1..10 four times
  EXPECT_FALSE(t[0].rows[0][3].flagged);
  EXPECT_EQ(t[0].rows[1][0].text, "济南");
  EXPECT_DOUBLE_EQ(t[0].rows[1][3].value, 5.5);
  EXPECT_TRUE(t[0].rows[1][3].flagged);     // n = 10 < 30
  EXPECT_EQ(t[0].rows[2][0].text, "(not answered)");
  EXPECT_EQ(t[0].rows[2][2].value, 3);
  EXPECT_EQ(t[0].rows[2][3].kind, CellKind::kSuppressed);  // n = 3 < 5
}

TEST(Analysis, WeightedDescriptivesMatchTheWeightedMean) {
  auto t = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "descriptives", "variables": ["x"]}]})", Csv("x,w\n1,1\n2,1\n4,2\n", "w"));
  EXPECT_EQ(t[0].columns[3], "Sum of weights");
  EXPECT_EQ(t[0].rows[0][3].value, 4);
  EXPECT_DOUBLE_EQ(t[0].rows[0][4].value, 11.0 / 4.0);
  EXPECT_NE(Footnotes(t[0]).find("Weighted by w"), std::string::npos);
}

TEST(Analysis, CsiReproducesTheWorkedCheckOfDomainMd) {
  // DOMAIN.md §3: importance (7,5,9,3,6), satisfaction (8,4,8,3,4) on 1–10 → CSI 55.9259.
  auto t = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "csi", "satisfaction": ["s1","s2","s3","s4","s5"], "weights": [7,5,9,3,6],
                   "scale_min": 1, "scale_max": 10}]})", Csv("s1,s2,s3,s4,s5\n8,4,8,3,4\n8,4,8,3,4\n"));
  EXPECT_NEAR(t[0].rows[0][2].value, 55.9259259, 1e-6);
}

TEST(Analysis, NpsCountsPromotersAndDetractors) {
  // 4 promoters, 3 passives, 3 detractors of 10: NPS = 40 − 30 = 10.
  auto t = RunSpec(R"({"suppress_below": 0, "analyses": [{"type": "nps", "variable": "r"}]})", Csv("r\n10\n9\n9\n10\n7\n8\n7\n0\n6\n3\n"));
  EXPECT_EQ(t[0].rows[0][1].value, 10);
  EXPECT_DOUBLE_EQ(t[0].rows[0][5].value, 10.0);
}

TEST(Analysis, ErrorsNameTheAnalysisAndField) {
  io::Dataset d = Csv("x\n1\n");
  try {
    RunSpec(R"({"analyses": [{"type": "descriptives", "variables": ["x"]}, {"type": "descriptives", "variables": ["nope"]}]})", d);
    FAIL();
  } catch (const UserError& e) {
    EXPECT_NE(std::string(e.what()).find("spec.json, analysis 2, field \"variables\": there is no variable \"nope\""), std::string::npos) << e.what();
  }
  EXPECT_THROW(RunSpec(R"({"analyses": [{"type": "magic"}]})", d), UserError);
  EXPECT_THROW(RunSpec("{not json", d), UserError);
}

TEST(Analysis, DegenerateDataGivesMissingNotNaN) {
  auto t = RunSpec(R"({"suppress_below": 0, "min_n": 0, "analyses": [{"type": "descriptives", "variables": ["x"]}, {"type": "regression", "dependent": "x", "independent": ["y"]}]})",
               Csv("x,y\n5,1\n"));
  EXPECT_EQ(t[0].rows[0][4].kind, CellKind::kMissing);  // SD of one value
  EXPECT_EQ(report::FormatCell(t[0].rows[0][4]), "—");
  EXPECT_TRUE(t[1].rows.empty());
}

TEST(Analysis, CsvOutputNeutralisesFormulas) {
  report::ResultTable t;
  t.title = "=cmd|' /C calc'!A0";
  t.columns = {"a", "b"};
  t.rows = {{report::Cell::Text("@SUM(1)"), report::Cell::Number(-2.5)}, {report::Cell::Text("+1"), report::Cell::Missing()}};
  const std::string csv = report::RenderCsv({t});
  EXPECT_EQ(csv, "\xEF\xBB\xBF'=cmd|' /C calc'!A0\r\na,b\r\n'@SUM(1),-2.5\r\n'+1,\r\n");
}

// Tests of the Excel report writer: a golden workbook (byte-stable with a fixed creation time; on
// a mismatch the XML parts are unzipped and diffed), sheet names, CJK column widths, the small-
// base and suppression marks, and the comma-decimal locale.
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>

#include "../storage/test_helpers.h"
#include "core/error.h"
#include "io/zip_archive.h"
#include "report/xlsx_writer.h"
#include "test_paths.h"

using namespace manyi;
using report::Cell;
using report::ChartSpec;
using report::ChartType;
using report::ResultTable;
using report::Section;
using report::SectionKind;

namespace {

constexpr std::time_t kFixedTime = 1767225600;  // 2026-01-01T00:00:00Z

ResultTable GroupTable(const std::string& id, const std::vector<std::string>& columns) {
  ResultTable t;
  t.id = id;
  t.title = id + " table";
  t.columns = columns;
  return t;
}

/// A report that exercises every chart, the cover, the method-style tables and the data sheet.
report::Report SyntheticReport(const std::string& lang, bool withData = true) {
  const bool zh = lang == "zh";
  report::Report r;
  r.language = lang;
  r.title = zh ? "测试报告" : "Test report";

  Section cover;
  cover.kind = SectionKind::kCover;
  cover.id = "cover";
  cover.sheet = zh ? "封面" : "Cover";
  cover.title = r.title;
  cover.text = zh ? "为 客户 编制" : "Prepared for Client";
  cover.coverLines = {{zh ? "客户" : "Client", "ACME 有限公司"}};
  r.sections.push_back(cover);

  Section main;
  main.id = "main";
  main.sheet = zh ? "结果" : "Results";
  main.title = zh ? "主要结果" : "Key results";
  ResultTable csi = GroupTable("csi", {zh ? "地区" : "Region", "n", "CSI", zh ? "下限" : "CI lower", zh ? "上限" : "CI upper"});
  csi.rows.push_back({Cell::Text(zh ? "青岛" : "Qingdao"), Cell::Count(120), Cell::Index(78.25), Cell::Index(75.5), Cell::Index(81)});
  Cell small = Cell::Index(70.4);
  small.flagged = true;
  csi.rows.push_back({Cell::Text(zh ? "烟台" : "Yantai"), Cell::Count(12), small, Cell::Index(60.1), Cell::Index(80.7)});
  csi.rows.push_back({Cell::Text(zh ? "潍坊" : "Weifang"), Cell::Count(3), Cell::Suppressed(), Cell::Suppressed(), Cell::Suppressed()});
  csi.footnotes = {zh ? "† 少于 30 人。" : "† fewer than 30 respondents.", zh ? "未加权。" : "Unweighted."};
  main.tables.push_back(csi);
  main.charts.push_back({ChartType::kIndexBars, 0, zh ? "满意度指数" : "CSI by region"});
  main.charts.push_back({ChartType::kTrend, 0, zh ? "趋势" : "Trend"});
  ResultTable nps = GroupTable("nps", {zh ? "渠道" : "Channel", "n", "P", "Pa", "D", "NPS", "lo", "hi"});
  nps.rows.push_back({Cell::Text(zh ? "邮寄" : "mail"), Cell::Count(200), Cell::Percent(0.5), Cell::Percent(0.3), Cell::Percent(0.2), Cell::Number(30, 1),
                      Cell::Number(20, 1), Cell::Number(40, 1)});
  main.tables.push_back(nps);
  main.charts.push_back({ChartType::kNpsStacked, 1, "NPS"});
  r.sections.push_back(main);

  Section more;
  more.id = "more";
  more.sheet = "Drivers: a/b [x]";  // invalid characters are replaced
  more.title = "Drivers";
  ResultTable drivers = GroupTable("drivers", {"Attribute", "r", "RW", "Mean", "Quadrant"});
  drivers.rows.push_back({Cell::Text("A"), Cell::Number(0.5, 3), Cell::Number(40, 1), Cell::Number(7.2), Cell::Text("keep")});
  drivers.rows.push_back({Cell::Text("B"), Cell::Number(0.3, 3), Cell::Number(20, 1), Cell::Number(6.1), Cell::Text("low")});
  drivers.rows.push_back({Cell::Text("C"), Cell::Number(0.6, 3), Cell::Number(40, 1), Cell::Number(5.9), Cell::Text("concentrate")});
  more.tables.push_back(drivers);
  more.charts.push_back({ChartType::kQuadrant, 0, "Quadrants"});
  ResultTable heat = GroupTable("descriptives", {"Region × Industry", "Variable", "n", "Mean", "SD", "SE", "lo", "hi"});
  for (const char* a : {"R1", "R2"})
    for (const char* b : {"I1", "I2"}) {
      std::string label = std::string(a) + " × " + b;
      heat.rows.push_back({Cell::Text(label), Cell::Text("overall"), Cell::Count(40), Cell::Number(label.size() + (a[1] - '0') * 1.5), Cell::Number(1),
                           Cell::Number(0.1), Cell::Number(6), Cell::Number(8)});
    }
  heat.rows.back()[3] = Cell::Suppressed();
  more.tables.push_back(heat);
  more.charts.push_back({ChartType::kHeatmap, 1, ""});
  ResultTable rates = GroupTable("response_rates", {"Wave", "mail", "phone", "Total", "Frame", "Rate"});
  rates.rows.push_back({Cell::Text("2006"), Cell::Count(50), Cell::Count(30), Cell::Count(80), Cell::Count(200), Cell::Percent(0.4)});
  rates.rows.push_back({Cell::Text("2007"), Cell::Count(60), Cell::Count(30), Cell::Count(90), Cell::Count(200), Cell::Percent(0.45)});
  rates.rows.push_back({Cell::Text("All waves"), Cell::Count(110), Cell::Count(60), Cell::Count(170), Cell::Count(200), Cell::Percent(0.85)});
  more.tables.push_back(rates);
  more.charts.push_back({ChartType::kResponseRates, 2, "Rates"});
  r.sections.push_back(more);

  auto data = std::make_shared<io::Dataset>();
  data->rows = 3;
  io::DataColumn q;
  q.name = "q1";
  q.label = zh ? "总体满意度" : "Overall satisfaction";
  q.values = {1, std::nan(""), 3.5};
  data->columns.push_back(q);
  Section raw;
  raw.kind = SectionKind::kData;
  raw.id = "data";
  raw.sheet = zh ? "数据" : "Data";
  raw.title = raw.sheet;
  raw.data = data;
  if (withData) r.sections.push_back(raw);
  return r;
}

/// The XML of two workbooks side by side: the parts that differ, with their first differing lines.
std::string DiffWorkbooks(const std::filesystem::path& got, const std::filesystem::path& want) {
  auto a = io::ZipArchive::Open(got), b = io::ZipArchive::Open(want);
  if (!a || !b) return "one of the files is not a zip archive";
  std::ostringstream out;
  auto lines = [](const std::string& xml) {
    std::vector<std::string> v;
    std::string cur;
    for (char c : xml) {
      cur += c;
      if (c == '>') v.push_back(std::move(cur)), cur.clear();
    }
    if (!cur.empty()) v.push_back(cur);
    return v;
  };
  std::set<std::string> names;
  for (const auto& n : a->Names()) names.insert(n);
  for (const auto& n : b->Names()) names.insert(n);
  for (const std::string& n : names) {
    auto x = a->Read(n), y = b->Read(n);
    if (x == y) continue;
    out << "--- part " << n << (x ? "" : " (missing in output)") << (y ? "" : " (missing in golden)") << "\n";
    if (!x || !y) continue;
    auto lx = lines(*x), ly = lines(*y);
    int shown = 0;
    for (size_t i = 0; i < std::max(lx.size(), ly.size()) && shown < 12; ++i) {
      const std::string p = i < lx.size() ? lx[i] : "", q = i < ly.size() ? ly[i] : "";
      if (p == q) continue;
      out << "  got:  " << p << "\n  want: " << q << "\n";
      ++shown;
    }
  }
  return out.str();
}

}  // namespace

TEST(XlsxWriter, ColumnWidthCountsChineseDouble) {
  EXPECT_DOUBLE_EQ(report::ColumnWidthFor("abcd"), 4 * 1.1);
  EXPECT_DOUBLE_EQ(report::ColumnWidthFor("满意度"), 6 * 1.1);
  EXPECT_DOUBLE_EQ(report::ColumnWidthFor("CSI 指数"), 8 * 1.1);
}

TEST(XlsxWriter, SheetNamesAreValidAndUnique) {
  EXPECT_EQ(report::SheetName("a/b:c*d?[e]\\f", {}), "a-b-c-d--e--f");
  EXPECT_EQ(report::SheetName("'quoted'", {}), "quoted");  // Excel refuses a leading or trailing apostrophe
  EXPECT_EQ(report::SheetName("Summary", {"summary"}), "Summary (2)");
  const std::string longName(40, 'x');
  EXPECT_EQ(report::SheetName(longName, {}), std::string(31, 'x'));
  EXPECT_EQ(report::SheetName(longName, {std::string(31, 'x')}), std::string(27, 'x') + " (2)");
  // 31 characters, not bytes: 40 Chinese characters keep 31 of them (93 bytes).
  std::string zh;
  for (int i = 0; i < 40; ++i) zh += "满";
  EXPECT_EQ(report::SheetName(zh, {}).size(), 31u * 3);
  EXPECT_EQ(report::SheetName("", {}), "Sheet");
}

TEST(XlsxWriter, GoldenWorkbookIsByteStable) {
  test::TempDir dir;
  const auto out = dir / "synthetic.xlsx";
  report::WriteReportWorkbook({SyntheticReport("zh"), SyntheticReport("en")}, out, kFixedTime);
  const auto golden = test::SourceDir() / "tests/golden/report/synthetic-both.xlsx";
  const char* update = std::getenv("UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::filesystem::create_directories(golden.parent_path());
    std::filesystem::copy_file(out, golden, std::filesystem::copy_options::overwrite_existing);
    GTEST_SKIP() << "golden updated: " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden << " is missing; run the test with UPDATE_GOLDEN=1 once";
  EXPECT_TRUE(test::ReadBytes(out) == test::ReadBytes(golden)) << "the workbook differs from " << golden
                                                               << " (UPDATE_GOLDEN=1 accepts the new output):\n"
                                                               << DiffWorkbooks(out, golden);
  // Written twice, the bytes are the same.
  const auto again = dir / "again.xlsx";
  report::WriteReportWorkbook({SyntheticReport("zh"), SyntheticReport("en")}, again, kFixedTime);
  EXPECT_TRUE(test::ReadBytes(out) == test::ReadBytes(again));
}

TEST(XlsxWriter, MarksSmallBasesAndNeverShowsSuppressedNumbers) {
  test::TempDir dir;
  const auto out = dir / "en.xlsx";
  report::WriteReportWorkbook({SyntheticReport("en")}, out, kFixedTime);
  auto zip = io::ZipArchive::Open(out);
  ASSERT_TRUE(zip);
  const std::string styles = zip->Read("xl/styles.xml").value_or("");
  EXPECT_NE(styles.find("0.0&quot;†&quot;"), std::string::npos) << "the small-base format with its † mark";
  EXPECT_NE(styles.find("0.0%"), std::string::npos);
  EXPECT_NE(styles.find("#,##0"), std::string::npos);
  // Sheet 2 (results): Weifang's suppressed CSI cells are the text "*", not numbers (the data
  // sheet puts the workbook in constant_memory mode: inline strings); Yantai's small base is a
  // number in the † format.
  const std::string sheet = zip->Read("xl/worksheets/sheet2.xml").value_or("");
  ASSERT_FALSE(sheet.empty());
  for (const char* cell : {"C7", "D7", "E7"})
    EXPECT_TRUE(std::regex_search(sheet, std::regex(std::string("<c r=\"") + cell + "\"[^>]*t=\"inlineStr\"><is><t>\\*</t>"))) << cell;
  EXPECT_TRUE(std::regex_search(sheet, std::regex("<c r=\"C6\" s=\"[0-9]+\"><v>70.4")));
  // Frozen panes, landscape, fit to one page wide, repeated header rows.
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("orientation=\"landscape\""), std::string::npos);
  EXPECT_NE(sheet.find("fitToHeight=\"0\""), std::string::npos);
  const std::string workbook = zip->Read("xl/workbook.xml").value_or("");
  EXPECT_NE(workbook.find("_xlnm.Print_Titles"), std::string::npos);
  EXPECT_NE(workbook.find("Drivers- a-b -x-"), std::string::npos);
  // Six charts: bars, trend, NPS, quadrant, response rates (the heatmap is a colour scale).
  int charts = 0;
  for (const auto& n : zip->Names()) charts += n.rfind("xl/charts/chart", 0) == 0;
  EXPECT_EQ(charts, 5);
  EXPECT_NE(zip->Read("xl/worksheets/sheet3.xml").value_or("").find("colorScale"), std::string::npos);
}

TEST(XlsxWriter, CommaDecimalLocaleStillWritesDots) {
  const char* old = std::setlocale(LC_ALL, nullptr);
  const std::string saved = old ? old : "C";
  if (!std::setlocale(LC_ALL, "de_DE.UTF-8")) GTEST_SKIP() << "de_DE.UTF-8 is not generated (localedef -i de_DE -f UTF-8 de_DE.UTF-8)";
  test::TempDir dir;
  const auto out = dir / "de.xlsx";
  // Without the data sheet: constant_memory mode leaves the charts' value caches empty.
  report::WriteReportWorkbook({SyntheticReport("en", false)}, out, kFixedTime);
  std::setlocale(LC_ALL, saved.c_str());
  auto zip = io::ZipArchive::Open(out);
  ASSERT_TRUE(zip);
  const std::string sheet = zip->Read("xl/worksheets/sheet2.xml").value_or("");
  EXPECT_NE(sheet.find("<v>78.25</v>"), std::string::npos);
  EXPECT_EQ(sheet.find("<v>78,25</v>"), std::string::npos);
  const std::string chart = zip->Read("xl/charts/chart1.xml").value_or("");
  EXPECT_NE(chart.find("<c:v>78.25</c:v>"), std::string::npos);
  EXPECT_EQ(chart.find("78,25"), std::string::npos);
}

TEST(XlsxWriter, UnwritableOutputIsAUserError) {
  EXPECT_THROW(report::WriteReportWorkbook({SyntheticReport("en")}, "/nonexistent-folder/x.xlsx", kFixedTime), UserError);
}

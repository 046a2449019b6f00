// The streaming .xlsx reader on workbooks written by libxlsxwriter in the test, and on damaged
// input (not a zip, truncated, missing parts, malformed XML): a message, never a crash.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>

#include "io/import/response_import.h"
#include "io/xlsx_reader.h"
#include "io/zip_archive.h"
#include "storage/project.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

fs::path TempFile(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("manyi_xlsx_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

std::vector<SheetRow> ReadAll(WorkbookReader& wb, size_t sheet) {
  std::vector<SheetRow> rows;
  auto r = wb.ReadRows(sheet, [&](const SheetRow& row) {
    rows.push_back(row);
    return true;
  });
  EXPECT_TRUE(r.Ok()) << (r.Ok() ? "" : r.GetError().English());
  return rows;
}

/// A zip with the given members (name → bytes).
std::string MakeZip(const std::vector<std::pair<std::string, std::string>>& members) {
  const fs::path p = TempFile("made.zip");
  fs::remove(p);
  int err = 0;
  zip_t* z = zip_open(p.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  for (const auto& [name, bytes] : members) {
    zip_source_t* src = zip_source_buffer(z, bytes.data(), bytes.size(), 0);
    zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(XlsxReader, ReadsValuesWrittenByLibxlsxwriter) {
  const fs::path file = TempFile("values.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "数据");
  lxw_worksheet* second = workbook_add_worksheet(wb, "Second");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  worksheet_write_string(ws, 0, 0, "名称", nullptr);
  worksheet_write_string(ws, 0, 2, "skip B", nullptr);
  worksheet_write_number(ws, 1, 0, 4.5, nullptr);
  worksheet_write_boolean(ws, 1, 1, 1, nullptr);
  lxw_datetime dt = {2024, 2, 29, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 2, &dt, date);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_rich_string_tuple a = {nullptr, (char*)"满"}, b = {bold, (char*)"意"};
  lxw_rich_string_tuple* rich[] = {&a, &b, nullptr};
  worksheet_write_rich_string(ws, 4, 27, rich, nullptr);  // AB5, rows 3–4 missing
  worksheet_write_string(second, 0, 0, "x", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  auto opened = OpenXlsx(file);
  ASSERT_TRUE(opened.Ok()) << opened.GetError().English();
  WorkbookReader& r = *opened.Value();
  ASSERT_EQ(r.SheetNames(), (std::vector<std::string>{"数据", "Second"}));
  auto rows = ReadAll(r, 0);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].number, 1);
  EXPECT_EQ(rows[0].Text(0), "名称");
  EXPECT_EQ(rows[0].cells[1].type, CellType::kEmpty);  // a missing cell is empty
  EXPECT_EQ(rows[0].Text(2), "skip B");
  EXPECT_EQ(rows[1].cells[0].type, CellType::kNumber);
  EXPECT_DOUBLE_EQ(rows[1].cells[0].number, 4.5);
  EXPECT_EQ(rows[1].cells[1].type, CellType::kBool);
  EXPECT_EQ(rows[1].Text(1), "1");
  EXPECT_EQ(rows[1].cells[2].type, CellType::kDate);
  EXPECT_EQ(rows[1].Text(2), "2024-02-29");
  EXPECT_DOUBLE_EQ(rows[1].cells[2].number, 45351);
  EXPECT_EQ(rows[2].number, 5);
  ASSERT_EQ(rows[2].cells.size(), 28u);
  EXPECT_EQ(rows[2].Text(27), "满意");  // rich-text runs joined
  EXPECT_EQ(rows[2].Text(100), "");
  EXPECT_EQ(ReadAll(r, 1).at(0).Text(0), "x");
}

TEST(XlsxReader, StopsWhenTheCallbackSaysSo) {
  const fs::path file = TempFile("many.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  for (int i = 0; i < 1000; ++i) worksheet_write_number(ws, static_cast<lxw_row_t>(i), 0, i, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  auto opened = OpenXlsx(file);
  ASSERT_TRUE(opened.Ok());
  int seen = 0;
  auto r = opened.Value()->ReadRows(0, [&](const SheetRow&) { return ++seen < 10; });
  ASSERT_TRUE(r.Ok());
  EXPECT_EQ(seen, 10);
}

TEST(XlsxReader, CellReferencesAndSerialDates) {
  EXPECT_EQ(ColumnOfReference("A1"), 0);
  EXPECT_EQ(ColumnOfReference("Z9"), 25);
  EXPECT_EQ(ColumnOfReference("AB12"), 27);
  EXPECT_EQ(ColumnOfReference("XFD1048576"), 16383);
  EXPECT_EQ(ColumnOfReference("12"), -1);
  EXPECT_EQ(ExcelSerialToIso(1), "1899-12-31");
  EXPECT_EQ(ExcelSerialToIso(61), "1900-03-01");
  EXPECT_EQ(ExcelSerialToIso(45351.5), "2024-02-29 12:00:00");
  EXPECT_EQ(ExcelSerialToIso(0, true), "1904-01-01");
  EXPECT_TRUE(IsDateFormatCode("yyyy-mm-dd"));
  EXPECT_TRUE(IsDateFormatCode("[$-F800]dddd\\,\\ mmmm\\ dd\\,\\ yyyy"));
  EXPECT_FALSE(IsDateFormatCode("0.00"));
  EXPECT_FALSE(IsDateFormatCode("\"days\" 0"));
  EXPECT_FALSE(IsDateFormatCode("[Red]0.0"));
}

TEST(XlsxReader, NotAZipArchive) {
  auto r = OpenXlsxBytes("type,name\nselect_one x,q\n", "form.xlsx");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("form.xlsx is not an .xlsx file (not a zip archive)"), std::string::npos);
  auto missing = OpenXlsx(TempFile("does-not-exist.xlsx"));
  ASSERT_FALSE(missing.Ok());
  EXPECT_NE(missing.GetError().English().find("does not exist"), std::string::npos);
}

TEST(XlsxReader, TruncatedZip) {
  const fs::path file = TempFile("whole.xlsx");
  lxw_workbook* wb = workbook_new(file.c_str());
  worksheet_write_string(workbook_add_worksheet(wb, nullptr), 0, 0, "hello", nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (size_t cut : {size_t(10), bytes.size() / 2, bytes.size() - 30}) {
    auto r = OpenXlsxBytes(bytes.substr(0, cut), "cut.xlsx");
    if (r.Ok()) {  // the central directory survived: reading a damaged member must still fail cleanly
      auto rows = r.Value()->ReadRows(0, [](const SheetRow&) { return true; });
      (void)rows;
    } else {
      EXPECT_NE(r.GetError().English().find("cut.xlsx"), std::string::npos);
    }
  }
}

TEST(XlsxReader, ZipWithoutWorkbook) {
  auto r = OpenXlsxBytes(MakeZip({{"hello.txt", "hi"}}), "other.zip");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("the part xl/workbook.xml is missing"), std::string::npos);
}

TEST(XlsxReader, MalformedXmlNamesPartAndLine) {
  const std::string workbook =
      "<?xml version=\"1.0\"?>\n<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
  const std::string rels = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
  const std::string sheet = "<worksheet><sheetData>\n<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>ok</t></is></c></row>\n<row></c>";
  auto r = OpenXlsxBytes(MakeZip({{"xl/workbook.xml", workbook}, {"xl/_rels/workbook.xml.rels", rels}, {"xl/worksheets/sheet1.xml", sheet}}),
                         "bad.xlsx");
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_EQ(r.Value()->SheetNames(), std::vector<std::string>{"S"});
  auto rows = r.Value()->ReadRows(0, [](const SheetRow&) { return true; });
  ASSERT_FALSE(rows.Ok());
  const std::string msg = rows.GetError().English();
  EXPECT_NE(msg.find("xl/worksheets/sheet1.xml"), std::string::npos) << msg;
  EXPECT_NE(msg.find("line 3"), std::string::npos) << msg;

  auto badWorkbook = OpenXlsxBytes(MakeZip({{"xl/workbook.xml", "<workbook><sheets>"}}), "bad2.xlsx");
  ASSERT_FALSE(badWorkbook.Ok());
  EXPECT_NE(badWorkbook.GetError().English().find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxReader, MissingSheetPartAndIndex) {
  const std::string workbook = "<workbook><sheets><sheet name=\"Gone\" sheetId=\"1\"/></sheets></workbook>";
  auto r = OpenXlsxBytes(MakeZip({{"xl/workbook.xml", workbook}}), "gone.xlsx");
  ASSERT_TRUE(r.Ok());
  auto rows = r.Value()->ReadRows(0, [](const SheetRow&) { return true; });
  ASSERT_FALSE(rows.Ok());
  EXPECT_NE(rows.GetError().English().find("xl/worksheets/sheet1.xml is missing"), std::string::npos) << rows.GetError().English();
  auto none = r.Value()->ReadRows(5, [](const SheetRow&) { return true; });
  ASSERT_FALSE(none.Ok());
  EXPECT_NE(none.GetError().English().find("no sheet number 6"), std::string::npos);
}

TEST(XlsxReader, ManyDeclaredEmptyCellsCostNothing) {
  // 20000 rows of 256 style-only cells, as LibreOffice writes them: no row is passed on.
  std::string sheet = "<worksheet><sheetData>";
  for (int r = 1; r <= 20000; ++r) {
    sheet += "<row r=\"" + std::to_string(r) + "\">";
    for (int c = 0; c < 256; c += 64) sheet += "<c r=\"" + std::string(1, char('A' + c / 64)) + std::to_string(r) + "\" s=\"1\"/>";
    sheet += "</row>";
  }
  sheet += "<row r=\"20001\"><c r=\"XFD20001\" t=\"inlineStr\"><is><t>last</t></is></c></row></sheetData></worksheet>";
  const std::string workbook = "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>";
  auto r = OpenXlsxBytes(MakeZip({{"xl/workbook.xml", workbook}, {"xl/worksheets/sheet1.xml", sheet}}), "sparse.xlsx");
  ASSERT_TRUE(r.Ok());
  auto rows = ReadAll(*r.Value(), 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].number, 20001);
  EXPECT_EQ(rows[0].Text(16383), "last");
}

TEST(XlsxReader, CellOutsideAnySheetIsAnError) {
  const std::string workbook = "<workbook><sheets><sheet name=\"S\" sheetId=\"1\"/></sheets></workbook>";
  const std::string sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"ZZZZ1\"><v>1</v></c></row></sheetData></worksheet>";
  auto r = OpenXlsxBytes(MakeZip({{"xl/workbook.xml", workbook}, {"xl/worksheets/sheet1.xml", sheet}}), "wide.xlsx");
  ASSERT_TRUE(r.Ok());
  auto rows = r.Value()->ReadRows(0, [](const SheetRow&) { return true; });
  ASSERT_FALSE(rows.Ok());
  EXPECT_NE(rows.GetError().English().find("ZZZZ1"), std::string::npos);
}

// SurveyMonkey and Microsoft Forms also download responses as .xlsx: the same header rows as
// their CSV files, with dates and numbers as typed cells. Written here with libxlsxwriter as
// those tools lay them out (SurveyMonkey: two header rows, the continuation cells of a
// multiple-answer question empty; Microsoft Forms: ID, Start time, Completion time, Email, Name,
// choices joined with ";").
TEST(XlsxImport, SurveyMonkeyAndMicrosoftFormsWorkbooks) {
  const fs::path dir = TempFile("xlsx_import");
  fs::remove_all(dir);
  fs::create_directories(dir);
  {
    lxw_workbook* wb = workbook_new((dir / "sm.xlsx").c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "m/d/yyyy h:mm:ss AM/PM");
    const char* head[] = {"Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name",
                          "Last Name", "Custom Data 1", "Which channels do you use?", "", "", "How satisfied are you?"};
    const char* sub[] = {"", "", "", "", "", "", "", "", "", "Web", "Phone", "Other (please specify)", "Response"};
    for (int c = 0; c < 13; ++c) {
      worksheet_write_string(ws, 0, lxw_col_t(c), head[c], nullptr);
      worksheet_write_string(ws, 1, lxw_col_t(c), sub[c], nullptr);
    }
    const char* rows[][4] = {{"Web", "", "", "Very satisfied"}, {"Web", "Phone", "By letter", "Satisfied"}, {"", "Phone", "", "Very satisfied"}};
    for (int r = 0; r < 3; ++r) {
      worksheet_write_number(ws, lxw_row_t(2 + r), 0, 114000000001.0 + r, nullptr);
      worksheet_write_number(ws, lxw_row_t(2 + r), 1, 405000001, nullptr);
      lxw_datetime dt = {2024, 5, 1 + r, 10, 30, 0};
      worksheet_write_datetime(ws, lxw_row_t(2 + r), 2, &dt, date);
      worksheet_write_datetime(ws, lxw_row_t(2 + r), 3, &dt, date);
      for (int c = 0; c < 4; ++c)
        if (*rows[r][c]) worksheet_write_string(ws, lxw_row_t(2 + r), lxw_col_t(9 + c), rows[r][c], nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  {
    lxw_workbook* wb = workbook_new((dir / "msforms.xlsx").c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "m/d/yy h:mm:ss");
    const char* head[] = {"ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Which channels do you use?", "Rating"};
    for (int c = 0; c < 8; ++c) worksheet_write_string(ws, 0, lxw_col_t(c), head[c], nullptr);
    const char* channels[] = {"Web;Phone;", "Phone;", "Web;Shop, mall;"};
    for (int r = 0; r < 3; ++r) {
      worksheet_write_number(ws, lxw_row_t(1 + r), 0, 1 + r, nullptr);
      lxw_datetime dt = {2024, 9, 1, 11 + r, 27, 0};
      worksheet_write_datetime(ws, lxw_row_t(1 + r), 1, &dt, date);
      worksheet_write_datetime(ws, lxw_row_t(1 + r), 2, &dt, date);
      worksheet_write_string(ws, lxw_row_t(1 + r), 3, "anonymous", nullptr);
      worksheet_write_string(ws, lxw_row_t(1 + r), 6, channels[r], nullptr);
      worksheet_write_number(ws, lxw_row_t(1 + r), 7, 5 - r, nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  auto importInto = [&](const std::string& name, std::vector<std::string>& vars, std::vector<storage::ResponseRecord>& rows) {
    auto project = storage::Project::Create(dir / (name + ".manyi"), name).TakeOrThrow();
    auto r = import::ImportResponses(*project, dir / (name + ".xlsx"), import::ImportOptions{});
    EXPECT_TRUE(r.Ok()) << (r.Ok() ? "" : r.GetError().English());
    if (!r.Ok()) return import::ImportReport{};
    vars = project->Variables(r.Value().questionnaireId);
    project->ForEachResponse(r.Value().questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) { rows.push_back(rec); });
    return r.Value();
  };
  std::vector<std::string> vars;
  std::vector<storage::ResponseRecord> rows;
  import::ImportReport sm = importInto("sm", vars, rows);
  EXPECT_EQ(sm.format, "surveymonkey");
  EXPECT_EQ(sm.encoding, "xlsx");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].respondentKey, "114000000001");  // a number cell: no "1.14E+11"
  EXPECT_EQ(rows[1].submittedAt.substr(0, 10), "2024-05-02");
  // Which channels: Web, Phone (options) and the other text; how satisfied: a code list.
  EXPECT_EQ(vars, (std::vector<std::string>{"q10_Web", "q10_Phone", "q10_other", "q13"}));
  ASSERT_EQ(vars.size(), 4u);
  EXPECT_EQ(rows[0].values[0], 1);  // Web
  EXPECT_EQ(rows[0].values[1], 0);  // Phone
  EXPECT_EQ(rows[1].values[1], 1);
  ASSERT_EQ(rows[1].texts.size(), 1u);
  EXPECT_EQ(rows[1].texts[0].second, "By letter");
  EXPECT_EQ(rows[0].values[3], rows[2].values[3]);  // Very satisfied twice
  EXPECT_NE(rows[0].values[3], rows[1].values[3]);
  vars.clear();
  rows.clear();
  import::ImportReport ms = importInto("msforms", vars, rows);
  EXPECT_EQ(ms.format, "msforms");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].respondentKey, "3");
  EXPECT_EQ(rows[2].submittedAt.substr(0, 16), "2024-09-01 13:27");
  ASSERT_EQ(vars.size(), 4u);  // Web, Phone, "Shop, mall"; rating
  EXPECT_EQ(rows[0].values[0], 1);
  EXPECT_EQ(rows[0].values[1], 1);
  EXPECT_EQ(rows[2].values[2], 1);
  EXPECT_EQ(rows[2].values[3], 3);

  // KoboToolbox's .xlsx download: label headings, the HXL row, the select_multiple's own column
  // beside its 1/0 columns (as in kpi's expected exports, tests/data/real/SOURCES.md).
  {
    lxw_workbook* wb = workbook_new((dir / "kobo.xlsx").c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Identificación de animales");
    const char* head[] = {"start", "What kind of symmetry do you have?", "What kind of symmetry do you have?/Spherical",
                          "What kind of symmetry do you have?/Radial", "How many segments does your body have?", "_id", "_uuid",
                          "_submission_time", "_validation_status", "_index"};
    const char* tags[] = {"", "#symmetry", "", "", "#segments", "", "", "", "", ""};
    for (int c = 0; c < 10; ++c) {
      worksheet_write_string(ws, 0, lxw_col_t(c), head[c], nullptr);
      if (*tags[c]) worksheet_write_string(ws, 1, lxw_col_t(c), tags[c], nullptr);
    }
    const char* chosen[] = {"Spherical Radial", "Radial"};
    for (int r = 0; r < 2; ++r) {
      const lxw_row_t row = lxw_row_t(2 + r);
      worksheet_write_string(ws, row, 0, "2017-10-23T05:40:39.000-04:00", nullptr);
      worksheet_write_string(ws, row, 1, chosen[r], nullptr);
      worksheet_write_string(ws, row, 2, r == 0 ? "1" : "0", nullptr);
      worksheet_write_string(ws, row, 3, "1", nullptr);
      worksheet_write_string(ws, row, 4, r == 0 ? "6" : "3", nullptr);
      worksheet_write_number(ws, row, 5, 61 + r, nullptr);
      worksheet_write_string(ws, row, 6, r == 0 ? "48583952-1892-4931-8d9c-869e7b49bafb" : "317ba7b7-bea4-4a8c-8620-a483c3079c4b", nullptr);
      worksheet_write_string(ws, row, 7, "2017-10-23T09:41:19", nullptr);
      worksheet_write_number(ws, row, 9, 1 + r, nullptr);
    }
    ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  }
  vars.clear();
  rows.clear();
  import::ImportReport kobo = importInto("kobo", vars, rows);
  EXPECT_EQ(kobo.format, "kobo");
  ASSERT_EQ(rows.size(), 2u);  // the #hashtag row is a header
  EXPECT_EQ(rows[1].respondentKey, "317ba7b7-bea4-4a8c-8620-a483c3079c4b");
  ASSERT_EQ(vars.size(), 3u);  // Spherical, Radial, segments
  EXPECT_EQ(rows[0].values[0], 1);
  EXPECT_EQ(rows[1].values[0], 0);
  EXPECT_EQ(rows[1].values[1], 1);
  EXPECT_EQ(rows[1].values[2], 3);
}

}  // namespace
}  // namespace manyi::io

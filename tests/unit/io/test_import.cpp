// Unit tests of the response import: encodings, delimiters, splitting joined multi-selects,
// layout signatures, and the pipeline (validation, all-or-nothing commit, re-import, undo).
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "core/text.h"
#include "io/encoding.h"
#include "io/form_json.h"
#include "io/frame_import.h"
#include "io/import/layout.h"
#include "io/import/response_import.h"
#include "io/import/table_source.h"
#include "io/response_browser.h"
#include "io/response_export.h"
#include "io/xlsx_reader.h"
#include "storage/project.h"
#include "storage/response_codec.h"
#include "test_paths.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;
using import::ImportOptions;

fs::path TempDir(const std::string& name) {
  fs::path dir = test::BinaryDir() / "test_import" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void WriteBytes(const fs::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
}

std::string ReadBytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::vector<std::string>> AllRows(const fs::path& file) {
  auto source = import::TableSource::Open(file);
  EXPECT_TRUE(source.Ok()) << (source.Ok() ? "" : source.GetError().English());
  auto rows = import::ReadHead(*source.Value(), 1000);
  EXPECT_TRUE(rows.Ok());
  return rows.Value();
}

TEST(Encoding, DetectsBomsUtf16AndUtf8) {
  EXPECT_EQ(DetectEncoding("\xEF\xBB\xBF" "a,b\n", true), TextEncoding::kUtf8Bom);
  EXPECT_EQ(DetectEncoding(std::string("\xFF\xFE" "a\0,\0b\0", 8), true), TextEncoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding(std::string("a\0,\0b\0\n\0", 8), true), TextEncoding::kUtf16Le);
  EXPECT_EQ(DetectEncoding("满意,度\n", true), TextEncoding::kUtf8);
  // A sample that ends inside a character is still UTF-8 when it is not the whole file.
  EXPECT_EQ(DetectEncoding(std::string("满意") + "\xE5\xBA", false), TextEncoding::kUtf8);
}

TEST(Encoding, TellsGbkFromWindows1252) {
  // "满意度,很满意" in GBK.
  EXPECT_EQ(DetectEncoding("\xC2\xFA\xD2\xE2\xB6\xC8,\xBA\xDC\xC2\xFA\xD2\xE2\n", true), TextEncoding::kGb18030);
  // "don’t" and "café" in Windows-1252: single high bytes between ASCII letters.
  EXPECT_EQ(DetectEncoding("don\x92t,caf\xE9\n", true), TextEncoding::kWindows1252);
  // StarWars.csv's stray pair (0x8C 0xE6) is not a GB 2312 character.
  EXPECT_EQ(DetectEncoding("Universe?\x8C\xE6,Yes\n", true), TextEncoding::kWindows1252);
}

TEST(Encoding, ConvertsPiecewiseAcrossSplitCharacters) {
  Utf8Converter conv(TextEncoding::kGb18030);
  std::string out;
  conv.Feed("\xC2", out);  // half of 满
  conv.Feed("\xFA\xD2\xE2", out);
  conv.Finish(out);
  EXPECT_EQ(out, "满意");
  EXPECT_EQ(conv.Replaced(), 0u);
  Utf8Converter cp(TextEncoding::kWindows1252);
  std::string o2;
  cp.Feed("don\x92t \x80", o2);
  cp.Finish(o2);
  EXPECT_EQ(o2, "don\xE2\x80\x99t \xE2\x82\xAC");
}

TEST(Encoding, Delimiters) {
  EXPECT_EQ(DetectDelimiter("a;b;c\n1;2;3"), ';');
  EXPECT_EQ(DetectDelimiter("a\tb\tc\n"), '\t');
  EXPECT_EQ(DetectDelimiter("\"x;y\",b,c\n"), ',');
  EXPECT_EQ(DetectDelimiter("one"), ',');
}

TEST(TableSource, ReadsUtf16SemicolonAndGbkFiles) {
  const fs::path dir = TempDir("sources");
  // UTF-16LE with BOM, semicolons, a quoted newline, CRLF.
  std::u16string text = u"id;text\r\n1;\"two\r\nlines\"\r\n2;满意\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t c : text) { bytes.push_back(char(c & 0xFF)); bytes.push_back(char(c >> 8)); }
  WriteBytes(dir / "u16.csv", bytes);
  auto rows = AllRows(dir / "u16.csv");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "id");
  EXPECT_EQ(rows[1][1], "two\r\nlines");
  EXPECT_EQ(rows[2][1], "满意");
  WriteBytes(dir / "gbk.csv", "\xBF\xCD\xBB\xA7\xB1\xE0\xBA\xC5\t\xC2\xFA\xD2\xE2\xB6\xC8\nC1\t\xBA\xDC\xC2\xFA\xD2\xE2\n");
  rows = AllRows(dir / "gbk.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "客户编号");
  EXPECT_EQ(rows[1][1], "很满意");
}

// A workbook's rows as the importer reads them (text views, ReadTextRows) are the texts of the
// cell objects (ReadRows); and when the rows are kept from one pass (the derivation pass), the
// passes after it read the same rows back, whether the first pass stopped early or not.
TEST(TableSource, WorkbookRowsKeptFromOnePassAreReadBackUnchanged) {
  const fs::path file = test::SharedDir() / "fixtures/googleforms/Is hotdog a sandwich_ (Responses).xlsx";
  auto book = OpenXlsx(file);
  ASSERT_TRUE(book.Ok()) << book.GetError().English();
  std::vector<std::vector<std::string>> cells;
  ASSERT_TRUE(book.Value()->ReadRows(0, [&](const SheetRow& row) {
    cells.emplace_back();
    for (const Cell& c : row.cells) cells.back().push_back(c.text);
    return true;
  }).Ok());
  ASSERT_GT(cells.size(), 10u);
  auto plain = import::TableSource::Open(file);
  ASSERT_TRUE(plain.Ok());
  EXPECT_EQ(import::ReadHead(*plain.Value(), 100000).Value(), cells);

  auto kept = import::TableSource::Open(file);
  ASSERT_TRUE(kept.Ok());
  kept.Value()->KeepRowsForNextPasses();
  EXPECT_EQ(import::ReadHead(*kept.Value(), 2).Value().size(), 2u);  // stops early: nothing kept
  EXPECT_EQ(import::ReadHead(*kept.Value(), 100000).Value(), cells);  // parsed, and kept
  EXPECT_EQ(import::ReadHead(*kept.Value(), 100000).Value(), cells);  // read back
  const auto head = import::ReadHead(*kept.Value(), 3).Value();
  EXPECT_EQ(head, std::vector<std::vector<std::string>>(cells.begin(), cells.begin() + 3));
}

TEST(TableSource, XlsxThatIsNotAZipIsRefused) {
  const fs::path dir = TempDir("notzip");
  WriteBytes(dir / "responses.xlsx", "id,q1\n1,2\n");
  auto source = import::TableSource::Open(dir / "responses.xlsx");
  ASSERT_FALSE(source.Ok());
  EXPECT_NE(source.GetError().English().find("not a zip archive"), std::string::npos);
}

TEST(SplitAgainstOptions, NeverSplitsInsideAnOption) {
  std::set<std::string> options = {"Yes, often", "No", "Sometimes, when asked", "Rarely"};
  auto isOption = [&](std::string_view p) { return options.count(std::string(p)) > 0; };
  EXPECT_EQ(import::SplitAgainstOptions("Yes, often, Rarely", ", ", isOption), (std::vector<std::string>{"Yes, often", "Rarely"}));
  EXPECT_EQ(import::SplitAgainstOptions("Sometimes, when asked", ", ", isOption), (std::vector<std::string>{"Sometimes, when asked"}));
  EXPECT_EQ(import::SplitAgainstOptions("No, Rarely, my own, words", ", ", isOption),
            (std::vector<std::string>{"No", "Rarely", "my own, words"}));
  EXPECT_EQ(import::SplitAgainstOptions("运动┋看书", "┋", [](std::string_view) { return true; }),
            (std::vector<std::string>{"运动", "看书"}));
}

TEST(Timestamps, FormsDatesBecomeIso) {
  EXPECT_EQ(import::NormaliseTimestamp("8/21/2019 13:10:31"), "2019-08-21T13:10:31");
  EXPECT_EQ(import::NormaliseTimestamp("9/1/2024 11:27"), "2024-09-01T11:27:00");
  EXPECT_EQ(import::NormaliseTimestamp("2017-07-18 08:28:48"), "2017-07-18 08:28:48");
  // Google Forms of other locales: 12-hour clocks, the time zone, 上午/下午.
  EXPECT_EQ(import::NormaliseTimestamp("2022/06/22 11:07:29 AM AST"), "2022/06/22 11:07:29 AM AST");  // unknown zone: as written
  EXPECT_EQ(import::NormaliseTimestamp("2024/03/01 11:00:00 PM GMT+1"), "2024-03-01T23:00:00+01:00");
  EXPECT_EQ(import::NormaliseTimestamp("2024/03/01 12:05:00 AM GMT-05:30"), "2024-03-01T00:05:00-05:30");
  EXPECT_EQ(import::NormaliseTimestamp("2024/3/1 下午1:02:03"), "2024-03-01T13:02:03");
  EXPECT_EQ(import::NormaliseTimestamp("3/18/2020"), "2020-03-18");
  // A two-digit year or a day/month order that cannot be told stays as it was written.
  EXPECT_EQ(import::NormaliseTimestamp("3/18/20 18:42"), "3/18/20 18:42");
  EXPECT_EQ(import::NormaliseTimestamp("13/01/2024 10:00"), "13/01/2024 10:00");
  EXPECT_EQ(import::NormaliseTimestamp("2024/03/01 13:00 PM"), "2024/03/01 13:00 PM");
}

TEST(Timestamps, TheColumnDecidesTheDayMonthOrder) {
  using import::DateOrder;
  auto orderOf = [](std::initializer_list<const char*> cells) {
    import::DateOrderEvidence e;
    for (const char* c : cells) e.Add(c);
    return e.Order();
  };
  EXPECT_EQ(orderOf({"3/4/2024 10:00", "3/18/2024 9:00"}), DateOrder::kMonthFirst);
  EXPECT_EQ(orderOf({"3/4/2024 10:00", "18/3/2024 9:00"}), DateOrder::kDayFirst);
  EXPECT_EQ(orderOf({"3/4/2024", "9/1/2024"}), DateOrder::kUnknown);           // every day and month ≤ 12
  EXPECT_EQ(orderOf({"3/18/2024", "18/3/2024"}), DateOrder::kUnknown);         // a column mixing the two
  EXPECT_EQ(orderOf({"2024/03/18 10:00", "2024-03-19"}), DateOrder::kUnknown);  // year first: no question
  EXPECT_EQ(import::NormaliseTimestamp("3/4/2024 10:00", DateOrder::kDayFirst), "2024-04-03T10:00:00");
  EXPECT_EQ(import::NormaliseTimestamp("3/4/2024 10:00", DateOrder::kMonthFirst), "2024-03-04T10:00:00");
  EXPECT_EQ(import::NormaliseTimestamp("3/4/2024 10:00", DateOrder::kUnknown), "3/4/2024 10:00");
  EXPECT_EQ(import::NormaliseTimestamp("2024/3/4 10:00", DateOrder::kUnknown), "2024-03-04T10:00:00");
  EXPECT_EQ(import::NormaliseTimestamp("18/3/2024", DateOrder::kMonthFirst), "18/3/2024");  // no 18th month: as written
}

TEST(Formula, Neutralised) {
  EXPECT_EQ(NeutraliseFormula("=1+1"), "'=1+1");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("fine"), "fine");
  EXPECT_EQ(NeutraliseFormula("-1"), "'-1");
  EXPECT_EQ(NeutraliseFormula("+86 532"), "'+86 532");
  EXPECT_EQ(NeutraliseFormula("\tx"), "'\tx");
  EXPECT_EQ(CsvField("a,\"b\""), "\"a,\"\"b\"\"\"");
  EXPECT_EQ(TruncateUtf8("满意度", 4), "满");  // 3-byte characters: never half of one
  EXPECT_EQ(DecodeUtf8("满意 ok"), std::u32string(U"满意 ok"));
  EXPECT_EQ(EncodeUtf8(U"满意 ok 😀"), "满意 ok 😀");
}

TEST(Layout, LimeSurveyBothHeadingStyles) {
  auto l = import::RecogniseLayout({{"id", "submitdate", "lastpage", "startlanguage", "Q1", "Q2[SQ001]", "Q2[SQ002]", "Q2[other]"}}, "auto", "x");
  ASSERT_TRUE(l.Ok());
  EXPECT_EQ(l.Value().format, "limesurvey");
  EXPECT_EQ(l.Value().columns[0].role, import::ColumnRole::kRespondentId);
  EXPECT_EQ(l.Value().columns[5].group, "Q2");
  EXPECT_EQ(l.Value().columns[5].option, "SQ001");
  EXPECT_TRUE(l.Value().columns[7].otherText);
  auto vv = import::RecogniseLayout({{"Response ID", "Date submitted", "Last page", "Start language", "Q1", "Q2 SQ001"},
                                     {"id", "submitdate", "lastpage", "startlanguage", "Q1", "Q2_SQ001"}}, "auto", "x");
  ASSERT_TRUE(vv.Ok());
  EXPECT_EQ(vv.Value().headerRows, 2);
  EXPECT_EQ(vv.Value().columns[5].group, "Q2");
  EXPECT_EQ(vv.Value().columns[5].option, "SQ001");
}

TEST(Layout, NamedFormatThatDoesNotMatchIsAnError) {
  auto l = import::RecogniseLayout({{"a", "b"}}, "qualtrics", "f.csv");
  ASSERT_FALSE(l.Ok());
  EXPECT_NE(l.GetError().English().find("qualtrics"), std::string::npos);
}

/// A small questionnaire: q1 rating 1–5, q2 single choice (满意/不满意), q3 multiple (A, B, C), q4 text.
const char* kForm = R"({"format":"manyi-questionnaire","format_version":1,"id":"t","version":1,
 "title":{"zh":"测试","en":"Test"},"languages":["zh","en"],
 "sections":[{"id":"s","title":{"en":"S"},"items":[
  {"id":"q1","type":"rating","text":{"en":"Overall satisfaction"},"scale":{"min":1,"max":5,"labels":{"1":{"en":"bad"},"5":{"en":"good"}}}},
  {"id":"q2","type":"single","text":{"en":"Would you buy again"},"codes":[{"code":1,"label":{"zh":"会","en":"Yes"}},{"code":2,"label":{"zh":"不会","en":"No"}}]},
  {"id":"q3","type":"multiple","text":{"en":"Channels used"},"codes":[{"code":1,"key":"A","label":{"en":"Web, app"}},{"code":2,"key":"B","label":{"en":"Phone"}},{"code":3,"key":"C","label":{"en":"Shop"}}]},
  {"id":"q4","type":"long_text","text":{"en":"Comments"}}]}]})";

struct Fixture {
  fs::path dir, projectFile;
  std::unique_ptr<storage::Project> project;
  explicit Fixture(const std::string& name, bool withForm = true) {
    dir = TempDir(name);
    projectFile = dir / "p.manyi";
    project = storage::Project::Create(projectFile, "t").TakeOrThrow();
    if (withForm) {
      WriteBytes(dir / "form.json", kForm);
      Questionnaire q = ReadFormFile(dir / "form.json").TakeOrThrow();
      storage::Transaction tx(project->Db());
      StoreQuestionnaire(*project, q);
      tx.Commit();
    }
  }
  int64_t Count(const std::string& sql) { return project->Db().QueryInt(sql); }
};

TEST(Pipeline, ImportsValidatesAndRejectsRows) {
  Fixture f("pipeline");
  WriteBytes(f.dir / "r.csv",
             "respondent_id,q1,Would you buy again,q3,q4\n"
             "R1,5,Yes,\"Web, app, Shop\",great\n"
             "R2,7,No,Phone,\n"        // out of range
             "R3,4,Maybe,,\n"          // unknown code
             "R1,3,不会,Shop,\n"        // duplicate respondent
             "R5,x,No,Shop,\n"         // wrong type
             "R6,2,2,Fax,\n");         // unknown option
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_TRUE(r.Value().committed);
  EXPECT_EQ(r.Value().rowsRead, 6);
  EXPECT_EQ(r.Value().rowsImported, 1);
  EXPECT_EQ(r.Value().rowsRejected, 5);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kOutOfRange), 1);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kUnknownCode), 2);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kDuplicateRespondent), 1);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kWrongType), 1);
  EXPECT_EQ(r.Value().problems[0].row, 3);
  EXPECT_EQ(r.Value().problems[0].column, "q1");
  EXPECT_EQ(f.Count("SELECT count(*) FROM rejected_row"), 5);
  EXPECT_EQ(f.Count("SELECT rows_imported FROM import"), 1);
  // The one good row: q1=5, q2=1, q3 = A and C ("Web, app" is one option despite its comma).
  std::vector<double> v;
  f.project->ForEachResponse(1, [&](int64_t, const storage::ResponseRecord& rec) {
    v = rec.values;
    EXPECT_EQ(rec.respondentKey, "R1");
    ASSERT_EQ(rec.texts.size(), 1u);
    EXPECT_EQ(rec.texts[0].second, "great");
  });
  ASSERT_EQ(v.size(), 6u);  // q1, q2, q3_A, q3_B, q3_C, q4
  EXPECT_EQ(v[0], 5);
  EXPECT_EQ(v[1], 1);
  EXPECT_EQ(v[2], 1);
  EXPECT_EQ(v[3], 0);
  EXPECT_EQ(v[4], 1);
}

TEST(Pipeline, AbortAndDryRunLeaveTheFileByteIdentical) {
  Fixture f("abort");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1\nR1,5\nR2,9\n");
  f.project->Db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const std::string before = ReadBytes(f.projectFile);
  ImportOptions o;
  o.abortOnProblem = true;
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", o);
  ASSERT_TRUE(r.Ok());
  EXPECT_TRUE(r.Value().aborted);
  EXPECT_FALSE(r.Value().committed);
  o.abortOnProblem = false;
  o.dryRun = true;
  auto d = import::ImportResponses(*f.project, f.dir / "r.csv", o);
  ASSERT_TRUE(d.Ok());
  EXPECT_EQ(d.Value().rowsImported, 1);
  EXPECT_EQ(f.Count("SELECT count(*) FROM response") + f.Count("SELECT count(*) FROM import"), 0);
  f.project->Db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(ReadBytes(f.projectFile), before);
}

TEST(Pipeline, BrokenInputsGiveMessagesAndChangeNothing) {
  Fixture f("broken");
  WriteBytes(f.dir / "truncated.csv", "respondent_id,q4\nR1,\"an answer that never");
  WriteBytes(f.dir / "fake.xlsx", "not a zip");
  WriteBytes(f.dir / "empty.csv", "");
  for (const char* name : {"truncated.csv", "fake.xlsx", "empty.csv"}) {
    auto r = import::ImportResponses(*f.project, f.dir / name, ImportOptions{});
    ASSERT_FALSE(r.Ok()) << name;
    EXPECT_NE(r.GetError().English().find(name), std::string::npos) << r.GetError().English();
  }
  // Invalid UTF-8 in a UTF-8 file, and a ragged row: rejected rows with reasons.
  std::string big = "respondent_id,q1,q4\n";
  for (int i = 0; i < 3000; ++i) big += "R" + std::to_string(i) + ",3,fine\n";
  big += "Rbad,3,caf\xC3\n";
  big += "Rrag,3,x,extra\n";
  WriteBytes(f.dir / "late.csv", big);
  ImportOptions utf8;
  utf8.encoding = TextEncoding::kUtf8;  // as when the bad bytes lie beyond the detection sample
  auto r = import::ImportResponses(*f.project, f.dir / "late.csv", utf8);
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_EQ(r.Value().rowsImported, 3000);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kInvalidText), 1);
  EXPECT_EQ(r.Value().problemCounts.at(import::ProblemKind::kRaggedRow), 1);
  EXPECT_EQ(f.Count("SELECT count(*) FROM response"), 3000);
}

// Rows are checked on one thread and written on another, in batches: the rows must still arrive
// in file order, a duplicate thousands of rows after its first must be found (the keys are kept in
// SQLite, not in memory), a rejected row must keep its own cells, and an abort deep in the file
// must leave nothing behind.
TEST(Pipeline, ManyRowsKeepTheirOrderAcrossBatches) {
  Fixture f("batches");
  std::string csv = "respondent_id,q1,Would you buy again,q4\n";
  for (int i = 1; i <= 5000; ++i) csv += "R" + std::to_string(i) + "," + std::to_string(i % 5 + 1) + "," + (i % 2 ? "Yes" : "No") + ",c" + std::to_string(i) + "\n";
  csv += "R17,4,Yes,again\n";  // row 5002: the respondent of row 18
  WriteBytes(f.dir / "r.csv", csv);
  f.project->Db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const std::string before = ReadBytes(f.projectFile);
  ImportOptions abort;
  abort.abortOnProblem = true;
  auto a = import::ImportResponses(*f.project, f.dir / "r.csv", abort);
  ASSERT_TRUE(a.Ok()) << a.GetError().English();
  EXPECT_TRUE(a.Value().aborted);
  EXPECT_EQ(a.Value().rowsRead, 5001);  // stopped at the duplicate, the last row
  f.project->Db().Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  EXPECT_EQ(ReadBytes(f.projectFile), before);

  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_EQ(r.Value().rowsRead, 5001);
  EXPECT_EQ(r.Value().rowsImported, 5000);
  ASSERT_EQ(r.Value().problems.size(), 1u);
  EXPECT_EQ(r.Value().problems[0].kind, import::ProblemKind::kDuplicateRespondent);
  EXPECT_EQ(r.Value().problems[0].row, 5002);
  EXPECT_EQ(r.Value().problems[0].value, "R17");
  EXPECT_EQ(f.project->Db().QueryText("SELECT raw FROM rejected_row"), R"(["R17","4","Yes","again"])");
  // Response n holds respondent Rn, q1 = n mod 5 + 1, q2 = 1 for odd n, text "cn".
  int64_t n = 0;
  bool inOrder = true;
  f.project->ForEachResponse(1, [&](int64_t, const storage::ResponseRecord& rec) {
    ++n;
    inOrder = inOrder && rec.respondentKey == "R" + std::to_string(n) && rec.values[0] == double(n % 5 + 1) &&
              rec.values[1] == (n % 2 ? 1.0 : 2.0) && rec.texts.size() == 1 && rec.texts[0].second == "c" + std::to_string(n);
  });
  EXPECT_EQ(n, 5000);
  EXPECT_TRUE(inOrder);
}

TEST(Pipeline, ReimportIsRefusedUntilForcedOrUndone) {
  Fixture f("reimport");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1\nR1,5\nR2,4\n");
  auto first = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(first.Ok());
  auto again = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_FALSE(again.Ok());
  EXPECT_NE(again.GetError().English().find("imported before"), std::string::npos);
  auto undone = import::UndoImport(*f.project, first.Value().importId);
  ASSERT_TRUE(undone.Ok());
  EXPECT_EQ(undone.Value(), 2);
  EXPECT_EQ(f.Count("SELECT count(*) FROM response"), 0);
  EXPECT_EQ(f.Count("SELECT count(*) FROM import WHERE undone_at IS NOT NULL"), 1);
  EXPECT_FALSE(import::UndoImport(*f.project, first.Value().importId).Ok());
  auto third = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(third.Ok());
  EXPECT_EQ(third.Value().rowsImported, 2);
}

TEST(Pipeline, DerivesAQuestionnaireWhenThereIsNone) {
  Fixture f("derive", false);
  WriteBytes(f.dir / "r.csv",
             "Timestamp,How satisfied are you?,Which do you use?,Anything else?\n"
             "8/21/2019 13:10:31,5,\"Web, app, Phone\",good\n"
             "8/21/2019 13:11:00,3,Phone,\n"
             "8/21/2019 13:12:00,4,\"Web, app\",\"a, b\"\n");
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_EQ(r.Value().format, "googleforms");
  EXPECT_TRUE(r.Value().derivedQuestionnaire);
  EXPECT_EQ(r.Value().rowsImported, 3);
  auto vars = f.project->Variables(r.Value().questionnaireId);
  ASSERT_EQ(vars.size(), 4u);  // q2, q3_1 (Phone), q3_2 (Web, app), q4
  std::vector<std::vector<double>> rows;
  f.project->ForEachResponse(r.Value().questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) {
    rows.push_back(rec.values);
    EXPECT_EQ(rec.submittedAt.substr(0, 10), "2019-08-21");
  });
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], 5);
  EXPECT_EQ(rows[0][1], 1);
  EXPECT_EQ(rows[0][2], 1);
  EXPECT_EQ(rows[1][1], 1);
  EXPECT_EQ(rows[1][2], 0);
  EXPECT_EQ(rows[2][1], 0);
  EXPECT_EQ(rows[2][2], 1);
}

/// Imports bytes into a project without a questionnaire; the variables by name and the rows.
struct Derived {
  import::ImportReport report;
  std::vector<std::string> vars;
  std::vector<storage::ResponseRecord> rows;
  double Value(size_t row, const std::string& var) const {
    for (size_t i = 0; i < vars.size(); ++i)
      if (vars[i] == var) return rows.at(row).values.at(i);
    std::string all;
    for (const std::string& v : vars) all += v + " ";
    ADD_FAILURE() << "no variable " << var << " among " << all;
    return -99;
  }
  std::string Text(size_t row, const std::string& var) const {
    for (size_t i = 0; i < vars.size(); ++i)
      if (vars[i] == var)
        for (const auto& [index, text] : rows.at(row).texts)
          if (index == int(i)) return text;
    return "";
  }
};

Derived ImportDerived(const std::string& name, const std::string& bytes) {
  Fixture f(name, false);
  WriteBytes(f.dir / "r.csv", bytes);
  Derived d;
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  if (!r.Ok()) {
    ADD_FAILURE() << r.GetError().English();
    return d;
  }
  d.report = r.Value();
  d.vars = f.project->Variables(d.report.questionnaireId);
  f.project->ForEachResponse(d.report.questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) { d.rows.push_back(rec); });
  return d;
}

// Today's Qualtrics export writes a multiple answer question in one column, its choices joined
// by a bare "," ("Red,Blue"); "Yes, often" (comma and space) is one answer. Timing columns
// (Q5_First Click…) are not answers; Q3_4_TEXT is the other text of Q3.
TEST(Variants, QualtricsChoiceTextJoinedByComma) {
  const std::string meta = "StartDate,EndDate,Finished,ResponseId,ExternalReference";
  Derived d = ImportDerived("qualtrics_choice_text",
      meta + ",Q1,Q2,Q3,Q3_4_TEXT,Q4,Q5_First Click,Q5_Page Submit,Q6\n"
      "Start Date,End Date,Finished,Response ID,External Data Reference,How satisfied are you?,Which colours?,"
      "Which channels? - Selected Choice,Which channels? - Other - Text,Comments,Timing - First Click,Timing - Page Submit,Buy again?\n"
      "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"finished\"},{\"ImportId\":\"_recordId\"},"
      "{\"ImportId\":\"externalDataReference\"},{\"ImportId\":\"QID1\"},{\"ImportId\":\"QID2\"},{\"ImportId\":\"QID3\"},"
      "{\"ImportId\":\"QID3_4_TEXT\"},{\"ImportId\":\"QID4_TEXT\"},{\"ImportId\":\"QID5_FIRST_CLICK\"},"
      "{\"ImportId\":\"QID5_PAGE_SUBMIT\"},{\"ImportId\":\"QID6\"}\n"
      "2024-01-01 10:00:00,2024-01-01 10:05:00,True,R_1,C1,Extremely satisfied,\"Red,Blue\",\"Web,Phone\",,\"Good, fast\",1.2,5.6,\"Yes, often\"\n"
      "2024-01-01 11:00:00,2024-01-01 11:05:00,True,R_2,C2,Somewhat satisfied,Red,\"Phone,Other\",By letter,Slow,1.0,3.0,Yes\n"
      "2024-01-01 12:00:00,2024-01-01 12:05:00,True,R_3,C3,Extremely satisfied,Blue,Web,,,1.0,3.0,No\n"
      "2024-01-01 13:00:00,2024-01-01 13:05:00,True,R_4,C4,Somewhat satisfied,\"Blue,Green\",Phone,,\"Fine, thanks\",1.0,3.0,\"Yes, often\"\n");
  EXPECT_EQ(d.report.format, "qualtrics");
  ASSERT_EQ(d.rows.size(), 4u);
  EXPECT_EQ(d.rows[0].respondentKey, "R_1");
  // Q2: Red (1), Blue (2), Green (3) in order of appearance.
  EXPECT_EQ(d.Value(0, "Q2_1"), 1);
  EXPECT_EQ(d.Value(0, "Q2_2"), 1);
  EXPECT_EQ(d.Value(0, "Q2_3"), 0);
  EXPECT_EQ(d.Value(3, "Q2_1"), 0);
  EXPECT_EQ(d.Value(3, "Q2_3"), 1);
  // Q3: Web, Phone, Other, and the other text.
  EXPECT_EQ(d.Value(1, "Q3_2"), 1);
  EXPECT_EQ(d.Value(1, "Q3_3"), 1);
  EXPECT_EQ(d.Text(1, "Q3_other"), "By letter");
  EXPECT_EQ(d.Text(0, "Q4"), "Good, fast");
  // Q6 is one answer per respondent: "Yes, often" is a code of its own, not Yes + often.
  EXPECT_EQ(d.Value(0, "Q6"), d.Value(3, "Q6"));
  EXPECT_NE(d.Value(0, "Q6"), d.Value(1, "Q6"));
  for (const std::string& v : d.vars) EXPECT_EQ(v.find("Click"), std::string::npos) << v;
  // A number with thousands separators is one answer, not 1 and 000.
  Derived n = ImportDerived("qualtrics_thousands",
      "StartDate,EndDate,ResponseId,Q1\nStart Date,End Date,Response ID,How many employees?\n"
      "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1_TEXT\"}\n"
      "2024-01-01,2024-01-01,R_1,1\n2024-01-01,2024-01-01,R_2,\"1,000\"\n2024-01-01,2024-01-01,R_3,\"12,500\"\n2024-01-01,2024-01-01,R_4,1\n");
  ASSERT_EQ(n.rows.size(), 4u);
  EXPECT_EQ(n.vars, (std::vector<std::string>{"Q1"}));
  auto order = import::RecogniseLayout({{"ResponseId", "StartDate", "Q1", "Q1_DO", "Q2_DO_1", "Q2_DO_2"}, {}, {"{\"ImportId\":\"_recordId\"}"}}, "auto", "x");
  ASSERT_TRUE(order.Ok());
  EXPECT_EQ(order.Value().headerRows, 3);
  EXPECT_EQ(order.Value().columns[2].role, import::ColumnRole::kAnswer);
  for (size_t c = 3; c < 6; ++c) EXPECT_EQ(order.Value().columns[c].role, import::ColumnRole::kIgnore) << c;  // display order
}

// SurveyMonkey exports of single-answer questions may leave the second header row empty; rows
// with every cell empty are no responses; Collector ID and Custom Data are metadata.
TEST(Variants, SurveyMonkeyBlankSecondHeaderRowAndEmptyRows) {
  Derived d = ImportDerived("sm_condensed",
      "Respondent ID,Collector ID,Start Date,End Date,IP Address,Custom Data 1,How satisfied are you?,Age\n"
      ",,,,,,,\n"
      "1001,C1,2024-01-01,2024-01-02,1.2.3.4,x,4,28\n"
      ",,,,,,,\n"
      "1002,C1,2024-01-01,2024-01-03,1.2.3.4,y,3,35\n"
      "1003,C1,2024-01-01,2024-01-04,1.2.3.4,z,5,41\n");
  EXPECT_EQ(d.report.format, "surveymonkey");
  EXPECT_EQ(d.report.rowsRead, 3);
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.rows[0].respondentKey, "1001");
  EXPECT_EQ(d.rows[2].submittedAt, "2024-01-04");
  EXPECT_EQ(d.vars.size(), 2u);  // the question and age; no collector, no custom data
  bool noted = false;
  for (const Message& n : d.report.notes) noted = noted || n.English().find("1 row(s) have no cell filled in (the first is row 4)") != std::string::npos;
  EXPECT_TRUE(noted);
}

// LimeSurvey's code headings: timings (interviewtime, groupTime…, Q1Time) are not questions;
// "-oth-" means other, its text being in Q1[other].
TEST(Variants, LimeSurveyCodesTimingsAndOther) {
  Derived d = ImportDerived("lime_codes",
      "id,submitdate,lastpage,startlanguage,seed,Q1,Q1[other],Q2[SQ001],Q2[SQ002],interviewtime,groupTime12,Q1Time,Q2Time\n"
      "1,2024-01-01 10:00:00,2,en,123,A1,,Y,,30.5,20.1,5.2,3.1\n"
      "2,2024-01-01 11:00:00,2,en,124,-oth-,by letter,,Y,31.5,21.1,6.2,4.1\n"
      "3,2024-01-01 12:00:00,2,en,125,A2,,Y,Y,32.5,22.1,7.2,5.1\n"
      "4,2024-01-01 13:00:00,2,en,126,A1,,,,33.5,23.1,8.2,6.1\n");
  EXPECT_EQ(d.report.format, "limesurvey");
  ASSERT_EQ(d.rows.size(), 4u);
  EXPECT_EQ(d.vars, (std::vector<std::string>{"Q1", "Q1_other", "Q2_SQ001", "Q2_SQ002"}));
  EXPECT_EQ(d.Value(0, "Q1"), 1);  // A1
  EXPECT_TRUE(storage::IsSystemMissing(d.Value(1, "Q1")));
  EXPECT_EQ(d.Text(1, "Q1_other"), "by letter");
  EXPECT_EQ(d.Value(2, "Q1"), 2);  // A2
  EXPECT_EQ(d.Value(2, "Q2_SQ001"), 1);
  EXPECT_EQ(d.Value(2, "Q2_SQ002"), 1);
  EXPECT_EQ(d.Value(0, "Q2_SQ002"), 0);
  EXPECT_TRUE(storage::IsSystemMissing(d.Value(3, "Q2_SQ001")));  // nothing ticked: not answered
}

// LimeSurvey's question-text headings in German (as in the German exports read by public analysis
// scripts: "Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache", "[Sonstiges]").
TEST(Variants, LimeSurveyGermanHeadings) {
  Derived d = ImportDerived("lime_german",
      "Antwort ID;Datum Abgeschickt;Letzte Seite;Start-Sprache;Zufallsstartwert;Datum gestartet;Datum letzte Aktivität;"
      "Welchen Abschluss haben Sie?;Welchen Abschluss haben Sie? [Sonstiges];Wie zufrieden sind Sie? [Lehre]\n"
      "1;24.09.21 11:39;3;de;123;24.09.21 11:30;24.09.21 11:39;Bachelor;;4\n"
      "2;24.09.21 12:39;3;de;124;24.09.21 12:30;24.09.21 12:39;-oth-;Diplom;5\n"
      "3;24.09.21 13:39;3;de;125;24.09.21 13:30;24.09.21 13:39;Bachelor;;4\n");
  EXPECT_EQ(d.report.format, "limesurvey");
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.rows[1].respondentKey, "2");
  EXPECT_EQ(d.rows[1].submittedAt, "24.09.21 12:39");  // day first: kept as written
  ASSERT_EQ(d.vars.size(), 3u);  // the degree, its other text, the rating
  EXPECT_EQ(d.Text(1, d.vars[1]), "Diplom");
  EXPECT_TRUE(storage::IsSystemMissing(d.Value(1, d.vars[0])));
  EXPECT_EQ(d.Value(1, d.vars[2]), 5);
}

// LimeSurvey's question-text headings in Simplified Chinese, with the names from LimeSurvey's own
// catalogue (LimeSurvey/LimeSurvey locale/zh-Hans/zh-Hans.po at commit 71d334cc9098: "Response ID"
// 反馈 ID, "Date submitted" 提交的日期, "Last page" 末页, "Start language" 起始语言, "Seed" 种子,
// "Date started" 开始日期, "Date last action" 上次操作日期, "IP address" IP 地址, "Referrer URL"
// 来源网址, "Total time" 总计时长, "Group time" 组时间, "Question time" 问题时间, "Other" 其它).
TEST(Variants, LimeSurveyChineseHeadings) {
  Derived d = ImportDerived("lime_zh",
      "反馈 ID,提交的日期,末页,起始语言,种子,开始日期,上次操作日期,IP 地址,来源网址,"
      "您通过什么渠道联系我们？,您通过什么渠道联系我们？ [其它],您对以下方面满意吗？ [服务态度],您对以下方面满意吗？ [响应速度],"
      "总计时长,组时间: 满意度,问题时间: 渠道\n"
      "101,2025-03-01 09:15:00,2,zh-Hans,11,2025-03-01 09:10:00,2025-03-01 09:15:00,10.0.0.1,,电话,,4,5,300.5,200.1,20.2\n"
      "102,2025-03-02 10:20:00,2,zh-Hans,12,2025-03-02 10:10:00,2025-03-02 10:20:00,10.0.0.2,,-oth-,微信群,2,3,310.5,210.1,21.2\n"
      "103,2025-03-03 11:25:00,2,zh-Hans,13,2025-03-03 11:10:00,2025-03-03 11:25:00,10.0.0.3,,电话,,5,4,320.5,220.1,22.2\n"
      "104,2025-03-04 12:30:00,2,zh-Hans,14,2025-03-04 12:10:00,2025-03-04 12:30:00,10.0.0.4,,邮件,,3,,330.5,230.1,23.2\n");
  EXPECT_EQ(d.report.format, "limesurvey");
  ASSERT_EQ(d.rows.size(), 4u);
  EXPECT_EQ(d.report.rowsRead, 4);
  EXPECT_EQ(d.rows[0].respondentKey, "101");
  EXPECT_EQ(d.rows[3].respondentKey, "104");
  EXPECT_EQ(d.rows[1].submittedAt, "2025-03-02 10:20:00");
  // The channel, its other text and the two rows of the rating; no metadata, no timings.
  ASSERT_EQ(d.vars.size(), 4u);
  EXPECT_EQ(d.Text(1, d.vars[1]), "微信群");
  EXPECT_TRUE(storage::IsSystemMissing(d.Value(1, d.vars[0])));  // -oth-: the answer is the other text
  EXPECT_FALSE(storage::IsSystemMissing(d.Value(0, d.vars[0])));
  EXPECT_EQ(d.Value(0, d.vars[0]), d.Value(2, d.vars[0]));  // 电话 both times
  EXPECT_NE(d.Value(0, d.vars[0]), d.Value(3, d.vars[0]));  // 邮件
  EXPECT_EQ(d.Value(1, d.vars[2]), 2);
  EXPECT_EQ(d.Value(2, d.vars[3]), 4);
  EXPECT_TRUE(storage::IsSystemMissing(d.Value(3, d.vars[3])));
}

// A timing heading is the name and a colon ("组时间: …", LimeSurvey writes ": "; a full-width colon
// accepted too): a question whose text is just 问题时间 stays a question.
TEST(Variants, LimeSurveyChineseTimingPrefixNeedsItsColon) {
  auto l = import::RecogniseLayout({{"反馈 ID", "提交的日期", "末页", "起始语言", "问题时间", "组时间: A", "组时间：B"}}, "auto", "x");
  ASSERT_TRUE(l.Ok());
  const auto& c = l.Value().columns;
  EXPECT_EQ(l.Value().format, "limesurvey");
  EXPECT_EQ(c[0].role, import::ColumnRole::kRespondentId);
  EXPECT_EQ(c[1].role, import::ColumnRole::kSubmittedAt);
  EXPECT_EQ(c[2].role, import::ColumnRole::kIgnore);
  EXPECT_EQ(c[4].role, import::ColumnRole::kAnswer);  // a question named 问题时间, not a timing
  EXPECT_EQ(c[5].role, import::ColumnRole::kIgnore);
  EXPECT_EQ(c[6].role, import::ColumnRole::kIgnore);  // full-width colon
}

// KoboToolbox: "colors" beside "colors_other" (or_other) is a question and its other text, not a
// select_multiple's own column; "fav/a", "fav/b" beside "fav" are its options.
TEST(Variants, KoboOtherTextIsNotAnOption) {
  auto l = import::RecogniseLayout({{"colors", "colors_other", "fav", "fav/a", "fav/b", "age", "age.unit", "_uuid"}}, "auto", "x");
  ASSERT_TRUE(l.Ok());
  const auto& c = l.Value().columns;
  EXPECT_EQ(l.Value().format, "kobo");
  EXPECT_EQ(c[0].role, import::ColumnRole::kAnswer);
  EXPECT_TRUE(c[0].group.empty());
  EXPECT_TRUE(c[1].group.empty());
  EXPECT_TRUE(c[2].summaryOfOptions);
  EXPECT_EQ(c[3].group, "fav");
  EXPECT_EQ(c[4].option, "b");
  EXPECT_EQ(c[5].role, import::ColumnRole::kAnswer);  // one "age.…" column: no select_multiple
  EXPECT_TRUE(c[6].group.empty());
}

// A day-first export (Google Forms of a British account): read day first because one date shows
// it, every row alike — not 3 April for one row and "13/04" as written for the next.
TEST(Variants, GoogleFormsDayFirstDatesAreReadDayFirstEverywhere) {
  Derived d = ImportDerived("gforms_dayfirst",
      "Timestamp,How satisfied are you?\n"
      "03/04/2024 10:00:00,5\n"
      "13/04/2024 11:30:00,4\n");
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.rows[0].submittedAt, "2024-04-03T10:00:00");
  EXPECT_EQ(d.rows[1].submittedAt, "2024-04-13T11:30:00");
}

// A LimeSurvey VV export (texts, then codes): a question coded Q7 whose text is "Date started" —
// one of LimeSurvey's metadata names — is still a question, not a metadata column dropped.
TEST(Variants, LimeSurveyQuestionNamedLikeMetadataStaysAQuestion) {
  Derived d = ImportDerived("lime_vv_meta_text",
      "Response ID\tDate submitted\tLast page\tStart language\tDate started\n"
      "id\tsubmitdate\tlastpage\tstartlanguage\tQ7\n"
      "1\t2025-03-02 10:20:00\t2\ten\t4\n"
      "2\t2025-03-02 11:00:00\t2\ten\t5\n");
  EXPECT_EQ(d.report.format, "limesurvey");
  ASSERT_EQ(d.rows.size(), 2u);
  EXPECT_EQ(d.vars, (std::vector<std::string>{"Q7"}));
  EXPECT_EQ(d.Value(0, "Q7"), 4);
  EXPECT_EQ(d.Value(1, "Q7"), 5);
  EXPECT_EQ(d.rows[1].submittedAt, "2025-03-02 11:00:00");
}

// Microsoft Forms joins choices with ";" and ends with one; an option may hold ", ".
TEST(Variants, MicrosoftFormsSemicolonJoinedChoices) {
  Derived d = ImportDerived("msforms_joined",
      "Id,Start time,Completion time,Email,Name,Which channels do you use?,How satisfied are you?\n"
      "1,9/1/2024 11:20,9/1/2024 11:27,anonymous,,Web;Phone;,5\n"
      "2,9/1/2024 12:20,9/1/2024 12:27,anonymous,,Phone;,4\n"
      "3,9/1/2024 13:20,9/13/2024 1:27 PM,anonymous,,\"Web;Shop, mall;\",3\n");
  EXPECT_EQ(d.report.format, "msforms");
  ASSERT_EQ(d.rows.size(), 3u);
  // 9/13 can only be month first: the whole column is read so.
  EXPECT_EQ(d.rows[0].submittedAt, "2024-09-01T11:27:00");
  EXPECT_EQ(d.rows[2].submittedAt, "2024-09-13T13:27:00");
  EXPECT_EQ(d.vars, (std::vector<std::string>{"q6_1", "q6_2", "q6_3", "q7"}));  // Web, Phone, "Shop, mall"
  EXPECT_EQ(d.Value(0, "q6_1"), 1);
  EXPECT_EQ(d.Value(0, "q6_2"), 1);
  EXPECT_EQ(d.Value(0, "q6_3"), 0);
  EXPECT_EQ(d.Value(2, "q6_3"), 1);
  EXPECT_EQ(d.Value(2, "q7"), 3);
}

// Google Forms: a grid is one column per row, "Question [Row]"; a checkbox grid joins its
// columns with ", ".
TEST(Variants, GoogleFormsGridsAndTwelveHourTimestamps) {
  Derived z = ImportDerived("gforms_german", "Zeitstempel,Wie zufrieden sind Sie?\n3/18/2020 18:42:00,5\n3/19/2020 9:00:00,4\n");
  EXPECT_EQ(z.report.format, "googleforms");
  ASSERT_EQ(z.rows.size(), 2u);
  EXPECT_EQ(z.rows[1].submittedAt, "2020-03-19T09:00:00");
  Derived d = ImportDerived("gforms_grid",
      "Timestamp,Which channels do you use?,Rate us [Speed],Rate us [Quality],Which days? [Morning]\n"
      "2024/03/01 10:00:00 AM GMT+1,\"Web, Phone\",Good,Bad,\"Mon, Tue\"\n"
      "2024/03/01 11:00:00 PM GMT+1,Phone,Bad,Good,Mon\n"
      "2024/03/02 9:30:00 AM GMT+1,Web,Good,Good,\"Mon, Tue\"\n");
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.rows[1].submittedAt, "2024-03-01T23:00:00+01:00");
  EXPECT_EQ(d.Value(0, "q2_1"), 1);  // Phone (seen alone first)
  EXPECT_EQ(d.Value(0, "q2_2"), 1);  // Web
  EXPECT_EQ(d.Value(1, "q2_2"), 0);
  EXPECT_EQ(d.Value(2, "q5_2"), 1);  // Tue
  EXPECT_EQ(d.Value(1, "q5_2"), 0);
  EXPECT_NE(d.Value(0, "q3"), d.Value(1, "q3"));  // Rate us [Speed]: Good, Bad
  EXPECT_EQ(d.Value(0, "q3"), d.Value(2, "q3"));
}

// 问卷星 by-text file with a matrix: "3(服务态度)", "3(产品质量)" hold answers, not 0/1, so each
// row is a question of its own, numbered by its place (its text has no letters for an id).
TEST(Variants, WenjuanxingMatrixRows) {
  Derived d = ImportDerived("wjx_matrix",
      "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的性别,2、您使用过哪些渠道？,3(服务态度),3(产品质量),4、其他建议\n"
      "1,2024/5/1 10:00:00,120秒,手机提交,直接访问,1.2.3.4(北京-北京),男,网站┋电话,非常满意,满意,(空)\n"
      "2,2024/5/1 11:00:00,95秒,手机提交,直接访问,1.2.3.5(上海-上海),女,电话┋其他【请注明】〖邮件〗,满意,一般,价格太贵\n"
      "3,2024/5/1 12:00:00,60秒,链接,直接访问,1.2.3.6(广州-广东),女,网站,-3,非常满意,(空)\n");
  EXPECT_EQ(d.report.format, "wenjuanxing");
  ASSERT_EQ(d.rows.size(), 3u);
  EXPECT_EQ(d.vars, (std::vector<std::string>{"Q1", "Q2_1", "Q2_2", "Q2_3", "Q2_other", "Q3_1", "Q3_2", "Q4"}));
  EXPECT_EQ(d.rows[1].submittedAt, "2024-05-01T11:00:00");
  EXPECT_EQ(d.Value(1, "Q2_3"), 1);  // 其他
  EXPECT_EQ(d.Text(1, "Q2_other"), "邮件");
  // Three answers, all different: texts (a code list needs answers that recur).
  EXPECT_EQ(d.Text(0, "Q3_1"), "非常满意");
  EXPECT_EQ(d.Text(2, "Q3_2"), "非常满意");
  EXPECT_EQ(d.Text(2, "Q3_1"), "");  // -3: not shown
}

// Two columns that map to one question (here by the same code twice) would overwrite each
// other's answers: the second is left out, with a note naming both.
TEST(Variants, TwoColumnsOnOneQuestionAreNoted) {
  Fixture f("same_question");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1,Overall satisfaction\nR1,5,4\nR2,4,3\n");
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  bool noted = false;
  for (const Message& n : r.Value().notes)
    noted = noted || n.English().find("Column 3 (\"Overall satisfaction\") maps to the same question as column 2") != std::string::npos;
  EXPECT_TRUE(noted);
  EXPECT_EQ(f.Count("SELECT count(*) FROM response"), 2);
  std::vector<double> q1;
  f.project->ForEachResponse(r.Value().questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) { q1.push_back(rec.values[0]); });
  EXPECT_EQ(q1, (std::vector<double>{5, 4}));  // column 2's answers, not overwritten by column 3's
}

// A column without a heading cannot be mapped; its cells are not dropped silently: with a
// questionnaire the rows that hold something there are noted, without one it becomes an item.
TEST(Variants, ColumnsWithoutHeadingAreNotDroppedSilently) {
  Fixture f("unnamed");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1,\nR1,5,\nR2,4,oops\nR3,3,\nR4,2,again\n");
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_EQ(r.Value().rowsImported, 4);
  bool noted = false;
  for (const Message& n : r.Value().notes)
    noted = noted || n.English() == "Column 3 has no heading, so it matches no item and is not imported, but 2 row(s) hold something in it (the first is row 3). Give the column a heading and import the file again.";
  EXPECT_TRUE(noted);
  Derived d = ImportDerived("unnamed_derived", "respondent_id,q1,\nR1,5,\nR2,4,oops\n");
  EXPECT_EQ(d.Text(1, "q3"), "oops");
  // Trailing empty columns (a comma at the end of every line) make no item.
  Derived t = ImportDerived("trailing_comma", "respondent_id,q1,\nR1,5,\nR2,4,\n");
  EXPECT_EQ(t.vars, (std::vector<std::string>{"q1"}));
}

// Rejected rows keep their reasons untranslated, so that they are shown in the reader's language
// (issue 4: the GUI could only show the English of rows stored as English text); projects written
// before that hold English text only, which is still shown as it is.
TEST(Pipeline, RejectedReasonsAreShownInTheReadersLanguage) {
  Fixture f("rejected_language");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1\nR1,5\nR2,7\n");
  auto r = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  ASSERT_EQ(r.Value().rowsRejected, 1);
  const std::string file = (f.dir / "r.csv").string();
  const std::string english = file + ", row 3, column 2 \"q1\": 7 is outside the scale 1–5 of item q1. Correct the value or mark it as missing.";
  manyi::SetTranslator([](std::string_view id) -> std::string {
    if (id == "{0}, row {1}, column {2} \"{3}\"") return "{0}，第 {1} 行第 {2} 列“{3}”";
    if (id == "{0}: {1} is outside the scale {2}–{3} of item {4}. Correct the value or mark it as missing.")
      return "{0}：{1} 超出题目 {4} 的量表 {2}–{3}。请更正该值或将其标为缺失。";
    return std::string(id);
  });
  const std::string chinese = file + "，第 3 行第 2 列“q1”：7 超出题目 q1 的量表 1–5。请更正该值或将其标为缺失。";
  auto rows = LoadRejectedRows(*f.project, r.Value().importId);
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0].messages.size(), 1u);
  EXPECT_EQ(rows[0].messages[0], chinese);
  EXPECT_EQ(rows[0].kinds[0], "out_of_range");
  EXPECT_EQ(rows[0].values[0], "7");
  ASSERT_TRUE(import::ExportRejectedRows(*f.project, r.Value().importId, f.dir / "rejected.csv").Ok());
  EXPECT_NE(ReadBytes(f.dir / "rejected.csv").find(chinese), std::string::npos) << ReadBytes(f.dir / "rejected.csv");
  manyi::SetTranslator(nullptr);
  EXPECT_EQ(LoadRejectedRows(*f.project, r.Value().importId)[0].messages[0], english);

  // As an earlier version stored it: English only; and a damaged translatable part.
  f.project->Db().Exec(
      "INSERT INTO rejected_row(import_id, source_row, reasons, raw) VALUES (1, 10, "
      "'[{\"column\":\"q1\",\"value\":\"9\",\"kind\":\"out_of_range\",\"message\":\"row 10: 9 is outside the scale\"}]', '[\"R9\",\"9\"]'), "
      "(1, 11, '[{\"column\":\"q1\",\"value\":\"8\",\"kind\":\"out_of_range\",\"message\":\"row 11: 8 is outside the scale\",\"translatable\":{\"args\":3}}]', '[]')");
  manyi::SetTranslator([](std::string_view id) -> std::string { return id.empty() ? std::string() : "译文"; });
  rows = LoadRejectedRows(*f.project, r.Value().importId);
  manyi::SetTranslator(nullptr);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].messages[0], "row 10: 9 is outside the scale");
  EXPECT_EQ(rows[2].messages[0], "row 11: 8 is outside the scale");
}

TEST(Pipeline, ExportHasOneColumnPerOptionAndNoFormulas) {
  Fixture f("export");
  WriteBytes(f.dir / "r.csv", "respondent_id,q1,q2,q3,q4\nR1,5,Yes,\"Web, app, Shop\",=HYPERLINK(\"x\")\n");
  ASSERT_TRUE(import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{}).Ok());
  ResponseExportOptions options;
  options.lang = "zh";
  auto n = ExportResponses(*f.project, f.dir / "out.csv", ExportFormat::kCsv, options);
  ASSERT_TRUE(n.Ok());
  EXPECT_EQ(n.Value(), 1);
  const std::string out = ReadBytes(f.dir / "out.csv");
  EXPECT_NE(out.find("q3_A,q3_B,q3_C,q4"), std::string::npos) << out;
  EXPECT_NE(out.find(",5,会,1,0,1,\"'=HYPERLINK(\"\"x\"\")\""), std::string::npos) << out;
}

TEST(Frame, ImportsCustomersAndRefusesDuplicates) {
  Fixture f("frame");
  WriteBytes(f.dir / "c.csv", "客户编号,名称,地区,行业,重要性,忠诚度,营业额,电话,邮箱,备注\n"
                              "C1,青岛某公司,青岛,H,A,高,\"1,200,000\",0532-1,a@x.cn,老客户\n"
                              "C2,烟台某厂,烟台,E,B,中,800000,,b@x.cn,\n");
  auto r = ImportFrame(*f.project, f.dir / "c.csv", false);
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  EXPECT_TRUE(r.Value().problems.empty());
  EXPECT_EQ(r.Value().customersAdded, 2);
  EXPECT_EQ(f.project->Db().QueryText("SELECT region FROM customer WHERE external_id = 'C1'"), "青岛");
  EXPECT_EQ(f.Count("SELECT value FROM customer WHERE external_id = 'C1'"), 1200000);
  EXPECT_EQ(f.project->Db().QueryText("SELECT name FROM customer_contact JOIN customer ON customer.id = customer_id WHERE external_id = 'C2'"), "烟台某厂");
  EXPECT_EQ(f.project->Db().QueryText("SELECT attributes FROM customer WHERE external_id = 'C1'"), "{\"备注\":\"老客户\"}");
  WriteBytes(f.dir / "d.csv", "customer_id,name\nC3,x\nC3,y\nC1,z\n");
  auto d = ImportFrame(*f.project, f.dir / "d.csv", false);
  ASSERT_TRUE(d.Ok());
  EXPECT_EQ(d.Value().problems.size(), 2u);
  EXPECT_EQ(f.Count("SELECT count(*) FROM customer"), 2);
  // Responses are matched against the frame by e-mail.
  WriteBytes(f.dir / "r.csv", "respondent_id,Email Address,q1\nR1,A@x.cn,4\nR2,nobody@x.cn,3\n");
  auto imp = import::ImportResponses(*f.project, f.dir / "r.csv", ImportOptions{});
  ASSERT_TRUE(imp.Ok());
  EXPECT_EQ(imp.Value().rowsImported, 1);
  EXPECT_EQ(imp.Value().problemCounts.at(import::ProblemKind::kNotInFrame), 1);
  EXPECT_EQ(f.Count("SELECT count(*) FROM response WHERE customer_id IS NOT NULL"), 1);
}

}  // namespace
}  // namespace manyi::io

// Conformance of the response importers with real exports in ../shared/fixtures: each file is
// imported into a fresh project (questionnaire derived from the export) and the row counts and
// several actual cell values are checked.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "io/import/response_import.h"
#include "storage/project.h"
#include "storage/response_codec.h"
#include "test_paths.h"

namespace manyi::io::import {
namespace {

namespace fs = std::filesystem;

/// One imported fixture: the report, variable names and every response in file order.
struct Imported {
  ImportReport report;
  std::vector<std::string> vars;
  std::vector<storage::ResponseRecord> rows;
  std::unique_ptr<storage::Project> project;

  int Var(const std::string& name) const {
    for (size_t i = 0; i < vars.size(); ++i)
      if (vars[i] == name) return int(i);
    std::string all;
    for (const std::string& v : vars) all += v + " ";
    ADD_FAILURE() << "no variable " << name << " among " << all;
    return 0;
  }
  double Value(size_t row, const std::string& var) const { return rows.at(row).values.at(size_t(Var(var))); }
  std::string Text(size_t row, const std::string& var) const {
    const int v = Var(var);
    for (const auto& [index, text] : rows.at(row).texts)
      if (index == v) return text;
    return "";
  }
  /// The label of the code a single-choice item holds in row ("" when none).
  std::string Label(size_t row, const std::string& item) const {
    const auto doc = nlohmann::json::parse(project->Db().QueryText("SELECT definition FROM questionnaire ORDER BY id DESC LIMIT 1"));
    const double code = Value(row, item);
    for (const auto& s : doc.at("sections"))
      for (const auto& i : s.at("items"))
        if (i.at("id") == item && i.contains("codes"))
          for (const auto& c : i.at("codes"))
            if (c.at("code").get<double>() == code) {
              const auto& l = c.at("label");
              return l.contains("zh") ? l.at("zh").get<std::string>() : l.at("en").get<std::string>();
            }
    return "";
  }
  /// The definition of the stored questionnaire.
  nlohmann::json Definition() const {
    return nlohmann::json::parse(project->Db().QueryText("SELECT definition FROM questionnaire ORDER BY id DESC LIMIT 1"));
  }
  /// The id of the first item whose text starts with prefix ("" when none).
  std::string ItemWithText(const std::string& prefix) const {
    const nlohmann::json doc = Definition();  // kept alive: the loops refer into it
    for (const auto& s : doc.at("sections"))
      for (const auto& i : s.at("items"))
        for (const auto& text : i.at("text"))
          if (text.get<std::string>().rfind(prefix, 0) == 0) return i.at("id").get<std::string>();
    ADD_FAILURE() << "no item with text " << prefix;
    return "";
  }
  /// The 0/1 value of the option labelled label of multiple-choice item in row.
  double Option(size_t row, const std::string& item, const std::string& label) const {
    const nlohmann::json doc = Definition();
    for (const auto& s : doc.at("sections"))
      for (const auto& i : s.at("items"))
        if (i.at("id") == item)
          for (const auto& c : i.at("codes"))
            for (const auto& text : c.at("label"))
              if (text.get<std::string>() == label) return Value(row, item + "_" + c.at("key").get<std::string>());
    ADD_FAILURE() << "no option " << label << " in " << item;
    return -1;
  }
};

fs::path Fixture(const std::string& relative) { return test::SharedDir() / "fixtures" / relative; }

/// Excerpts of real exports kept in the repository (tests/data/real, sources in SOURCES.md).
fs::path RealExport(const std::string& relative) { return test::SourceDir() / "tests" / "data" / "real" / relative; }

Imported ImportFile(const fs::path& file, const std::string& name, const std::string& mappingText = "") {
  Imported out;
  const fs::path dir = test::BinaryDir() / "test_import_conformance" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  out.project = storage::Project::Create(dir / "p.manyi", name).TakeOrThrow();
  ImportOptions options;
  options.mappingText = mappingText;
  auto r = ImportResponses(*out.project, file, options);
  if (!r.Ok()) {
    ADD_FAILURE() << r.GetError().English();
    return out;
  }
  out.report = r.Value();
  out.vars = out.project->Variables(out.report.questionnaireId);
  out.project->ForEachResponse(out.report.questionnaireId, [&](int64_t, const storage::ResponseRecord& rec) { out.rows.push_back(rec); });
  return out;
}

Imported Import(const std::string& relative, const std::string& name) { return ImportFile(Fixture(relative), name); }

#define SKIP_WITHOUT_FIXTURES()                                                       \
  if (!fs::exists(Fixture("README.md"))) GTEST_SKIP() << "no fixtures at " << Fixture("");

bool Missing(double v) { return std::isnan(v); }

TEST(ImportFixtures, QualtricsThreeHeaderRows) {
  SKIP_WITHOUT_FIXTURES();
  Imported q = Import("qualtrics/sample.csv", "qualtrics");
  EXPECT_EQ(q.report.format, "qualtrics");
  EXPECT_EQ(q.report.rowsRead, 1);
  ASSERT_EQ(q.rows.size(), 1u);
  EXPECT_EQ(q.rows[0].respondentKey, "R_2YPOQ602ER1jkf1");
  EXPECT_EQ(q.rows[0].submittedAt, "2017-07-18 08:28:48");
  EXPECT_EQ(q.Value(0, "Q1"), 2);
  EXPECT_EQ(q.Text(0, "Q2"), "Hello World!");
}

TEST(ImportFixtures, QualtricsLegacy) {
  SKIP_WITHOUT_FIXTURES();
  Imported q = Import("qualtrics/sample_legacy.csv", "qualtrics_legacy");
  EXPECT_EQ(q.report.format, "qualtrics");
  EXPECT_EQ(q.report.encoding, "UTF-8 (BOM)");
  ASSERT_EQ(q.rows.size(), 1u);
  EXPECT_EQ(q.rows[0].respondentKey, "R_2YPOQ602ER1jkf1");
  EXPECT_EQ(q.Value(0, "Q1"), 2);
  EXPECT_EQ(q.Text(0, "Q2"), "Hello World!");
}

TEST(ImportFixtures, WenjuanxingByTextAndByCodeAgree) {
  SKIP_WITHOUT_FIXTURES();
  Imported t = Import("wenjuanxing/[问卷星数据]800_800_0.xls", "wjx_text");
  Imported c = Import("wenjuanxing/[问卷星数据]800_800_2.xls", "wjx_code");
  EXPECT_EQ(t.report.format, "wenjuanxing");
  EXPECT_EQ(c.report.format, "wenjuanxing");
  ASSERT_EQ(t.rows.size(), 800u);
  ASSERT_EQ(c.rows.size(), 800u);
  EXPECT_EQ(t.Label(0, "Q1"), "1部");
  EXPECT_EQ(t.Label(0, "Q3"), "男");
  EXPECT_EQ(t.Label(0, "Q5"), "5001-8000元");
  EXPECT_EQ(t.Option(0, "Q6", "运动"), 1);
  EXPECT_EQ(t.Option(0, "Q6", "阅读"), 0);
  EXPECT_EQ(t.Option(2, "Q6", "阅读"), 1);
  EXPECT_EQ(c.Value(0, "Q1"), 1);
  EXPECT_EQ(c.Value(0, "Q2"), 7);
  EXPECT_EQ(c.rows[0].respondentKey, "1");
  // The same 800 answers: every option of questions 6 and 8, row by row, in both files.
  const nlohmann::json codeForm = c.Definition();
  for (const char* q : {"Q6", "Q8"})
    for (const auto& s : codeForm.at("sections"))
      for (const auto& i : s.at("items")) {
        if (i.at("id") != q) continue;
        for (const auto& code : i.at("codes")) {
          const std::string label = code.at("label").begin()->get<std::string>();
          if (label.find("其他") != std::string::npos) continue;
          for (size_t row = 0; row < 800; ++row)
            ASSERT_EQ(t.Option(row, q, label), c.Option(row, q, label)) << q << " " << label << " row " << row;
        }
      }
}

TEST(ImportFixtures, SurveyMonkeyStarWarsIsWindows1252) {
  SKIP_WITHOUT_FIXTURES();
  Imported s = Import("surveymonkey/StarWars.csv", "starwars");
  EXPECT_EQ(s.report.format, "surveymonkey");
  EXPECT_EQ(s.report.encoding, "windows-1252");
  ASSERT_EQ(s.rows.size(), 1186u);
  EXPECT_EQ(s.rows[0].respondentKey, "3292879998");
  const std::string seen = s.ItemWithText("Have you seen any of the 6 films");
  EXPECT_EQ(s.Label(0, seen), "Yes");
  EXPECT_EQ(s.Label(1, seen), "No");
  const std::string films = s.ItemWithText("Which of the following Star Wars films");
  EXPECT_EQ(s.Option(0, films, "Star Wars: Episode I  The Phantom Menace"), 1);
  EXPECT_TRUE(Missing(s.Option(1, films, "Star Wars: Episode I  The Phantom Menace")));  // ticked nothing
  // The stray bytes 0x8C 0xE6 of a header, decoded as Windows-1252.
  EXPECT_NE(s.Definition().dump().find("Expanded Universe?\xC5\x92\xC3\xA6"), std::string::npos);
}

TEST(ImportFixtures, SurveyMonkeyThanksgivingSingleHeader) {
  SKIP_WITHOUT_FIXTURES();
  Imported s = Import("surveymonkey/thanksgiving-2015-poll-data.csv", "thanksgiving");
  ASSERT_EQ(s.rows.size(), 1058u);
  EXPECT_EQ(s.report.rowsRejected, 0);
  EXPECT_EQ(s.rows[0].respondentKey, "4337954960");
  const std::string sauce = s.ItemWithText("What type of cranberry sauce");
  EXPECT_EQ(s.Label(1, sauce), "Other (please specify)");
  EXPECT_EQ(s.Text(1, sauce + "_other"), "Homemade cranberry gelatin ring");
  const std::string sides = s.ItemWithText("Which of these side dishes");
  EXPECT_EQ(s.Option(0, sides, "Carrots"), 1);
  EXPECT_EQ(s.Option(1, sides, "Carrots"), 0);
  EXPECT_EQ(s.Option(1, sides, "Corn"), 1);
  EXPECT_EQ(s.Text(1, sides + "_other"), "Asian vinagrette salad");
  EXPECT_EQ(s.Label(0, s.ItemWithText("How much total combined money")), "$75,000 to $99,999");
}

TEST(ImportFixtures, SurveyMonkeySteak) {
  SKIP_WITHOUT_FIXTURES();
  Imported s = Import("surveymonkey/steak-risk-survey.csv", "steak");
  ASSERT_EQ(s.rows.size(), 550u);
  EXPECT_EQ(s.rows[0].respondentKey, "3237565956");
  EXPECT_EQ(s.Label(0, s.ItemWithText("Consider the following hypothetical")), "Lottery B");
  const std::string smoke = s.ItemWithText("Do you ever smoke cigarettes?");
  EXPECT_TRUE(Missing(s.Value(0, smoke)));
  EXPECT_EQ(s.Label(1, smoke), "No");
  EXPECT_EQ(s.Label(1, s.ItemWithText("How do you like your steak prepared?")), "Medium rare");
}

TEST(ImportFixtures, GoogleFormsCsvWithLineBreaksAndCheckboxes) {
  SKIP_WITHOUT_FIXTURES();
  Imported g = Import("googleforms/Autistica_Turing Citizen Science Platform (Responses) - Form Responses 1(3).csv", "autistica");
  EXPECT_EQ(g.report.format, "googleforms");
  ASSERT_EQ(g.rows.size(), 42u);
  EXPECT_EQ(g.rows[0].submittedAt, "2019-08-21T13:10:31");
  EXPECT_EQ(g.Label(0, "q2"), "Yes");
  EXPECT_EQ(g.Text(0, "q3").rfind("I would like to know what the project can offer.", 0), 0u);
  size_t withNewline = 0;
  for (size_t r = 0; r < g.rows.size(); ++r)
    if (g.Text(r, "q3").find('\n') != std::string::npos) ++withNewline;
  EXPECT_GE(withNewline, 1u);
  EXPECT_EQ(g.Option(0, "q4", "I am autistic"), 1);
}

TEST(ImportFixtures, GoogleFormsHotDogCsv) {
  SKIP_WITHOUT_FIXTURES();
  Imported g = Import("googleforms/hot_dog_survey_spring25.xlsx - Form Responses 1.csv", "hotdog_csv");
  ASSERT_EQ(g.rows.size(), 64u);
  EXPECT_EQ(g.rows[0].submittedAt, "2025-01-15T21:53:05");
  EXPECT_EQ(g.Label(0, "q2"), "No");
  EXPECT_EQ(g.Text(0, "q3"), "The content inside isn\xE2\x80\x99t covered u can see the sausage ");
  EXPECT_EQ(g.Label(0, "q8"), "Woman");
}

TEST(ImportFixtures, GoogleFormsXlsx) {
  SKIP_WITHOUT_FIXTURES();
  Imported g = Import("googleforms/Is hotdog a sandwich_ (Responses).xlsx", "hotdog_xlsx");
  EXPECT_EQ(g.report.format, "googleforms");
  EXPECT_EQ(g.report.encoding, "xlsx");
  ASSERT_EQ(g.rows.size(), 207u);
  EXPECT_EQ(g.rows[0].submittedAt, "2025-08-29 17:17:57");
  EXPECT_EQ(g.Value(0, "q2"), 4);  // stored as the number 4.0
  EXPECT_EQ(g.Label(0, "q3"), "Yes");
  EXPECT_EQ(g.Value(4, "q2"), 1);
}

TEST(ImportFixtures, MicrosoftFormsCp1252) {
  SKIP_WITHOUT_FIXTURES();
  Imported m = Import("msforms/Hot-Dog-Form-Fa24.csv", "msforms");
  EXPECT_EQ(m.report.format, "msforms");
  EXPECT_EQ(m.report.encoding, "windows-1252");
  ASSERT_EQ(m.rows.size(), 187u);
  EXPECT_EQ(m.rows[0].respondentKey, "1");
  // Its dates are 9/1, 9/2 and 9/3/2024 only: September (US) or the 9th of January to March? The
  // file does not tell, so they are kept as written and the report says so; a mapping decides.
  EXPECT_EQ(m.rows[0].submittedAt, "9/1/2024 11:27");
  bool noted = false;
  for (const Message& note : m.report.notes)
    noted = noted || note.English().find("The dates of column 3 (\"Completion time\", such as 9/1/2024 11:27) do not show") != std::string::npos;
  EXPECT_TRUE(noted);
  Imported us = ImportFile(Fixture("msforms/Hot-Dog-Form-Fa24.csv"), "msforms_us", R"({"date_order": "month-first"})");
  ASSERT_EQ(us.rows.size(), 187u);
  EXPECT_EQ(us.rows[0].submittedAt, "2024-09-01T11:27:00");
  EXPECT_EQ(m.Label(0, "q6"), "No");
  EXPECT_EQ(m.Text(1, "q8"), "Math, concentration in probability and statistics");
  EXPECT_EQ(m.Text(10, "q8"), "Economics");
  EXPECT_TRUE(Missing(m.Value(10, "q8")));  // a text variable holds no number
  bool apostrophe = false;
  for (size_t r = 0; r < m.rows.size(); ++r) apostrophe = apostrophe || m.Text(r, "q8").find("\xE2\x80\x99") != std::string::npos;
  EXPECT_TRUE(apostrophe);  // byte 0x92
}

TEST(ImportFixtures, KoboExports) {
  SKIP_WITHOUT_FIXTURES();
  Imported good = Import("kobo/kobocat_good.csv", "kobo_good");
  EXPECT_EQ(good.report.format, "kobo");
  ASSERT_EQ(good.rows.size(), 9u);
  EXPECT_EQ(good.rows[0].respondentKey, "685dd371-4831-4fdc-a205-f285337dd98d");
  EXPECT_EQ(good.Text(0, "name"), "Name_1");
  EXPECT_EQ(good.Value(0, "age"), 10);
  EXPECT_EQ(good.Option(1, "favorite_toppings", "cheese"), 1);
  EXPECT_TRUE(Missing(good.Option(0, "favorite_toppings", "cheese")));  // n/a
  Imported t = Import("kobo/kobocat_transportation.csv", "kobo_transport");
  ASSERT_EQ(t.rows.size(), 1u);
  Imported r = Import("kobo/kobocat_tutorial_w_repeats.csv", "kobo_repeats");
  ASSERT_EQ(r.rows.size(), 1u);
  EXPECT_EQ(r.Text(0, "children_1_childs_name"), "Tom");
  Imported n = Import("kobo/kobocat_nested_repeats.csv", "kobo_nested");
  ASSERT_EQ(n.rows.size(), 2u);
  EXPECT_EQ(n.Text(0, "kids_kids_details_1_kids_name"), "Hansel");
  EXPECT_EQ(n.Option(0, "web_browsers", "ie"), 1);
  EXPECT_EQ(n.Option(0, "web_browsers", "firefox"), 0);
}

TEST(ImportFixtures, ReimportMapsByCodeToTheDerivedQuestionnaire) {
  SKIP_WITHOUT_FIXTURES();
  Imported t = Import("wenjuanxing/[问卷星数据]800_800_0.xls", "wjx_twice");
  ImportOptions force;
  force.force = true;
  auto again = ImportResponses(*t.project, Fixture("wenjuanxing/[问卷星数据]800_800_0.xls"), force);
  ASSERT_TRUE(again.Ok());
  EXPECT_FALSE(again.Value().derivedQuestionnaire);
  EXPECT_EQ(again.Value().rowsImported, 0);  // every respondent is a duplicate now
  EXPECT_EQ(again.Value().problemCounts.at(ProblemKind::kDuplicateRespondent), 800);
}

// Real exports outside the shared folder (tests/data/real/SOURCES.md). The expected values were
// read off the files by hand.

TEST(ImportRealExports, Qualtrics2016ImportIdRowInSingleQuotes) {
  // The third header row is {'ImportId': 'responseId'},… (single quotes): a header, not a response.
  Imported q = ImportFile(RealExport("qualtrics/Multiple_Answer_MC_Questions_Insights.csv"), "real_qualtrics_multi");
  EXPECT_EQ(q.report.format, "qualtrics");
  EXPECT_EQ(q.report.rowsRead, 5);
  ASSERT_EQ(q.rows.size(), 5u);
  EXPECT_EQ(q.rows[0].respondentKey, "R_bIVJQDOvulWU4BL");
  EXPECT_EQ(q.rows[0].submittedAt, "2016-05-27 11:51:26");
  // Q2_1…Q2_3 are the options of one question; their texts follow the question after a "-".
  EXPECT_EQ(q.report.derivedItems, 5u);
  EXPECT_EQ(q.Option(0, "Q2", "Click to write Statement 1"), 0);  // empty cell: not ticked
  EXPECT_EQ(q.Option(0, "Q2", "Click to write Statement 2"), 1);
  EXPECT_EQ(q.Value(1, "Q2_1"), 1);  // the variable keeps the column's name
  EXPECT_EQ(q.Value(0, "Q4_10"), 1);
  EXPECT_EQ(q.Value(0, "Q4_11"), 0);
  EXPECT_EQ(q.Value(3, "Q5_12"), 1);
  // mc_question_five_2_TEXT is the other text of mc_question_five, not a question "mc".
  EXPECT_EQ(q.Text(1, "mc_question_five_other"), "Massa rutrum! Magna tempor sodales potenti augue mauris. Praesent viverra? Vitae, dapibus a.");
  EXPECT_TRUE(q.report.notes.empty());
}

TEST(ImportRealExports, Qualtrics2016MatrixKeepsColumnCodes) {
  Imported q = ImportFile(RealExport("qualtrics/Choice_Text_from_Response_Columns.csv"), "real_qualtrics_matrix");
  ASSERT_EQ(q.rows.size(), 5u);
  EXPECT_EQ(q.report.rowsRejected, 0);
  // Row R_7PZxT7ec15lgeEt: 1,2,2,1 | 3,7,6,6 | 7,3,2,1 | 7,2,2,4.
  EXPECT_EQ(q.rows[1].respondentKey, "R_7PZxT7ec15lgeEt");
  EXPECT_EQ(q.Value(1, "Q1_1"), 1);
  EXPECT_EQ(q.Value(1, "are_dashes_in_dexps_2"), 7);
  EXPECT_EQ(q.Value(1, "Q3_4"), 1);
  EXPECT_EQ(q.Value(1, "Q4_4"), 4);
  EXPECT_EQ(q.Value(4, "Q4_1"), 2);
}

TEST(ImportRealExports, QualtricsLegacyOptionTextsAfterADash) {
  Imported q = ImportFile(RealExport("qualtrics/No_Basis_for_Evaluation_Legacy.csv"), "real_qualtrics_legacy");
  ASSERT_EQ(q.rows.size(), 6u);
  EXPECT_EQ(q.rows[5].respondentKey, "R_0dH3DSZjRHe9fGl");
  EXPECT_EQ(q.Value(5, "Q1"), -1);
  EXPECT_EQ(q.Option(0, "Q2", "Squash are great"), 0);
  EXPECT_EQ(q.Option(0, "Q2", "Squash are tolerable"), 1);
  EXPECT_EQ(q.Option(3, "Q2", "I've never had squash"), 1);
  EXPECT_EQ(q.Option(0, "Q5_1", "2nd Year"), 1);  // matrix of check boxes: row 1, column 2
  EXPECT_EQ(q.Value(2, "Q3_2"), -1);
}

TEST(ImportRealExports, LimeSurveyQuestionTextHeadings) {
  // "Response ID","Date submitted","Last page","Start language"… instead of id, submitdate…
  Imported l = ImportFile(RealExport("limesurvey/survey_998192_R_data_file.csv"), "real_limesurvey_text");
  EXPECT_EQ(l.report.format, "limesurvey");
  ASSERT_EQ(l.rows.size(), 7u);
  EXPECT_EQ(l.rows[0].respondentKey, "1");
  EXPECT_EQ(l.rows[0].submittedAt, "2021-09-24 11:39:34");
  EXPECT_EQ(l.rows[6].respondentKey, "9");
  // Timings and metadata are not questions.
  for (const std::string& v : l.vars) {
    EXPECT_EQ(v.find("time"), std::string::npos) << v;
    EXPECT_NE(v, "Last_page");
    EXPECT_NE(v, "Seed");
  }
  const std::string gender = l.ItemWithText("How do you identify?");
  EXPECT_EQ(l.Label(1, gender), "man");
  EXPECT_TRUE(Missing(l.Value(2, gender)));  // -oth-: the answer is the other text
  EXPECT_EQ(l.Text(2, gender + "_other"), "4444");
  const std::string education = l.ItemWithText("Which educations");
  EXPECT_EQ(l.Option(2, education, "Primary School"), 1);
  EXPECT_EQ(l.Option(6, education, "Tertairy School"), 1);
  EXPECT_EQ(l.Option(6, education, "Quartiary School"), 0);
  // The five ranks are five questions (their ids cut to 40 characters alike), not one text
  // joined from them.
  EXPECT_EQ(l.ItemWithText("What are the best movies you have ever seen?"), "What_are_the_best_movies_you_have_ever_s");
  EXPECT_EQ(l.Text(0, "What_are_the_best_movies_you_have_ever_s"), "west");
  EXPECT_EQ(l.Text(0, "What_are_the_best_movies_you_have_ever_s_5"), "tita");
  EXPECT_EQ(l.Text(6, "What_are_the_best_movies_you_have_ever_s_5"), "it");
  EXPECT_EQ(l.Value(2, l.ItemWithText("Describe yourselves - Openness")), 3);
}

// Importing the same export again maps every column as the first import did (the questionnaire
// now exists): the five rank columns, whose ids were cut to the same 40 characters, keep their
// own items instead of all landing on the first.
TEST(ImportRealExports, ReimportMapsColumnsAsTheDerivation) {
  for (const char* file : {"limesurvey/survey_998192_R_data_file.csv", "qualtrics/Multiple_Answer_MC_Questions_Insights.csv",
                           "qualtrics/No_Basis_for_Evaluation_Legacy.csv", "kobo/kpi_hierarchy_in_labels.csv"}) {
    SCOPED_TRACE(file);
    Imported first = ImportFile(RealExport(file), std::string("real_again_") + fs::path(file).stem().string());
    ImportOptions again;
    again.force = true;
    again.dryRun = true;
    auto second = ImportResponses(*first.project, RealExport(file), again);
    ASSERT_TRUE(second.Ok()) << second.GetError().English();
    EXPECT_FALSE(second.Value().derivedQuestionnaire);
    EXPECT_EQ(second.Value().mappingJson, first.report.mappingJson);
    EXPECT_EQ(second.Value().problemCounts.at(ProblemKind::kDuplicateRespondent), first.report.rowsImported);
    for (const Message& n : second.Value().notes) EXPECT_EQ(n.English().find("same question"), std::string::npos) << n.English();
  }
}

TEST(ImportRealExports, KoboLabelsSemicolonsAndHxlRow) {
  for (const char* file : {"kobo/kpi_labels_hxl.csv", "kobo/kpi_hierarchy_in_labels.csv", "kobo/kpi_group_sep_percent.csv"}) {
    SCOPED_TRACE(file);
    Imported k = ImportFile(RealExport(file), std::string("real_") + fs::path(file).stem().string());
    EXPECT_EQ(k.report.format, "kobo");
    ASSERT_EQ(k.rows.size(), 3u);  // the #hashtag row is a header
    EXPECT_EQ(k.rows[0].respondentKey, "48583952-1892-4931-8d9c-869e7b49bafb");
    EXPECT_EQ(k.rows[2].submittedAt, "2017-10-23T09:42:11");
    // The space-joined column is noted and left out; the 1/0 columns make the multiple choice.
    ASSERT_FALSE(k.report.notes.empty());
    EXPECT_NE(k.report.notes[0].English().find("repeats the options"), std::string::npos);
    const std::string symmetry = k.ItemWithText(std::string(file).find("hierarchy") != std::string::npos ? "External Characteristics/What kind" : "What kind of symmetry");
    EXPECT_EQ(k.Option(0, symmetry, "Spherical"), 1);
    EXPECT_EQ(k.Option(1, symmetry, "Spherical"), 0);
    EXPECT_EQ(k.Option(1, symmetry, "Radial"), 1);
    EXPECT_EQ(k.Option(2, symmetry, "Bilateral"), 1);
    EXPECT_EQ(k.Value(1, k.ItemWithText(std::string(file).find("hierarchy") != std::string::npos ? "External Characteristics/How many" : "How many segments")), 3);
  }
  Imported es = ImportFile(RealExport("kobo/kpi_spanish_labels_hxl.csv"), "real_kobo_es");
  ASSERT_EQ(es.rows.size(), 3u);
  EXPECT_EQ(es.Option(0, es.ItemWithText("¿Qué tipo de simetría"), "Esférico"), 1);
  EXPECT_EQ(es.Text(2, es.ItemWithText("¿Tienes fluidos")), "No / Inseguro");
}

TEST(ImportRealExports, GoogleFormsWithoutFinalLineBreak) {
  Imported g = ImportFile(RealExport("googleforms/DS_Project_0_Form_Responses_1.csv"), "real_gforms");
  EXPECT_EQ(g.report.format, "googleforms");
  ASSERT_EQ(g.rows.size(), 6u);
  EXPECT_EQ(g.rows[5].submittedAt, "2026-08-30T15:21:56");
  EXPECT_EQ(g.Label(1, g.ItemWithText("What school are you in?")), "McIntire");
  EXPECT_EQ(g.Label(5, g.ItemWithText("Is a hotdog a sandwich?")), "Yes");
}

TEST(ImportRealExports, SurveyMonkeySingleHeaderWithQuotedInches) {
  Imported s = ImportFile(RealExport("surveymonkey/flying-etiquette-head.csv"), "real_sm_flying");
  EXPECT_EQ(s.report.format, "surveymonkey");
  ASSERT_EQ(s.rows.size(), 9u);
  EXPECT_EQ(s.rows[1].respondentKey, "3434278696");
  EXPECT_EQ(s.Text(1, s.ItemWithText("How tall are you?")), "6'3\"");
  EXPECT_EQ(s.Label(2, s.ItemWithText("Household Income")), "$100,000 - $149,999");
  EXPECT_TRUE(Missing(s.Value(0, s.ItemWithText("Do you ever recline"))));
}

}  // namespace
}  // namespace manyi::io::import

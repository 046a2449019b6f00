// Third-party questionnaire files (../shared/fixtures/xlsform, limesurvey, wenjuanxing): each
// imports with the expected items, texts in every language, codes and converted logic, or fails
// with a message that says what and where.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "core/questionnaire_check.h"
#include "io/limesurvey.h"
#include "io/xls_reader.h"
#include "io/xlsform.h"
#include "io/xlsx_reader.h"
#include "test_paths.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

fs::path Fixture(const std::string& rel) { return test::SharedDir() / "fixtures" / rel; }

ImportedForm Import(const std::string& rel) {
  const fs::path p = Fixture(rel);
  if (!fs::exists(p)) {
    ADD_FAILURE() << p << " is missing (set MANYI_SHARED_DIR)";
    return {};
  }
  auto r = ImportForm(p);
  if (!r.Ok()) {
    ADD_FAILURE() << rel << ": " << r.GetError().English();
    return {};
  }
  return std::move(r.Value());
}

std::string Failure(const std::string& rel) {
  auto r = ImportForm(Fixture(rel));
  if (r.Ok()) return "imported, but it should have failed";
  return r.GetError().English();
}

const Item& ItemOf(const Questionnaire& q, const std::string& id) {
  if (const Item* i = q.FindItem(id)) return *i;
  static const Item kNone;
  ADD_FAILURE() << "no item " << id;
  return kNone;
}

size_t Items(const Questionnaire& q) {
  size_t n = 0;
  for (const Section& s : q.sections) n += s.items.size();
  return n;
}

bool Reports(const ImportedForm& f, const std::string& text) {
  return std::any_of(f.report.begin(), f.report.end(), [&](const Message& m) { return m.English().find(text) != std::string::npos; });
}

/// No errors except missing translations (the files themselves lack some texts).
void ExpectStructurallyValid(const Questionnaire& q) {
  for (const FormFinding& f : CheckQuestionnaire(q))
    if (f.severity == FormFinding::Severity::kError && f.message.English().find("translation") == std::string::npos)
      ADD_FAILURE() << f.where << ": " << f.message.English();
}

std::vector<std::string> Keys(const Item& item) {
  std::vector<std::string> k;
  for (const Code& c : item.codes) k.push_back(c.key.empty() ? std::to_string(static_cast<long long>(c.value)) : c.key);
  return k;
}

TEST(XlsFormFixtures, FlatFormWithChineseLabels) {
  const auto f = Import("xlsform/flat_xlsform_test.xlsx");
  const Questionnaire& q = f.form;
  EXPECT_EQ(q.id, "Flat test");
  EXPECT_EQ(q.languages, (std::vector<std::string>{"zh", "en"}));
  EXPECT_EQ(q.sections.size(), 3u);
  EXPECT_EQ(Items(q), 32u);
  EXPECT_EQ(ItemOf(q, "address").text.Get("zh"), "您好");
  EXPECT_EQ(ItemOf(q, "address").text.Get("en"), "Enter an address");
  const Item& skip = ItemOf(q, "skip_to_end");
  EXPECT_EQ(skip.type, ItemType::kSingle);
  EXPECT_EQ(Keys(skip), (std::vector<std::string>{"yes", "no"}));
  EXPECT_EQ(skip.codes[0].label.Get("zh"), "是");
  EXPECT_EQ(skip.codes[1].label.Get("zh"), "没有");
  EXPECT_EQ(q.sections[1].id, "everything");
  EXPECT_EQ(q.sections[1].relevant, "not selected(skip_to_end, 1)");
  const Item& multi = ItemOf(q, "select_multiple_test");
  EXPECT_EQ(multi.type, ItemType::kMultiple);
  EXPECT_EQ(multi.constraint, "not (selected(., 1) and selected(., 2))");
  EXPECT_EQ(multi.constraintMessage.Get("zh"), "對不起 ${my_name}，你可以不選擇“是”和“否”。");
  EXPECT_EQ(ItemOf(q, "a_decimal").constraint, ". <= a_integer");
  EXPECT_TRUE(ItemOf(q, "required_text").required);
  EXPECT_EQ(ItemOf(q, "date_test").type, ItemType::kDate);
  EXPECT_EQ(ItemOf(q, "_0").text.Get("en"), "boolean name test");
  EXPECT_TRUE(Reports(f, "row 34, column A: question \"geopoint_test\" of type \"geopoint\" has no Manyi equivalent"));
  EXPECT_TRUE(Reports(f, "row 40, column A: calculation \"calculate_test\" is not supported"));
  EXPECT_TRUE(Reports(f, "the relevant condition \"regex(${address}"));
  ExpectStructurallyValid(q);
}

TEST(XlsFormFixtures, SpecTestWithRepeat) {
  const auto f = Import("xlsform/xlsform_spec_test.xlsx");
  EXPECT_EQ(Items(f.form), 31u);
  EXPECT_TRUE(Reports(f, "row 15, column A: repeat \"repeat_test\" is not supported"));
  EXPECT_EQ(ItemOf(f.form, "text_image_audio_video_test").text.Get("zh"), "您好");
  // Flattened group conditions reach the items: none here, the section carries it.
  EXPECT_EQ(f.form.sections.at(1).relevant, "not selected(skip_to_end, 1)");
  ExpectStructurallyValid(f.form);
}

TEST(XlsFormFixtures, BiomassFormSwahiliAndEnglishLargeDeclaredSheet) {
  const auto start = std::chrono::steady_clock::now();
  const auto f = Import("xlsform/UCL_Biomass_Plot_Form.xlsx");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  const Questionnaire& q = f.form;
  EXPECT_EQ(q.languages, (std::vector<std::string>{"en", "sw"}));
  EXPECT_EQ(Items(q), 45u);
  const Item& leader = ItemOf(q, "leader_name");
  EXPECT_EQ(Keys(leader), (std::vector<std::string>{"Aloyce", "Andrea", "other"}));
  EXPECT_EQ(leader.text.Get("sw"), "Jina Lako");
  EXPECT_EQ(leader.help.Get("en"), "Choose One");
  EXPECT_TRUE(leader.required);
  EXPECT_EQ(ItemOf(q, "leader_name_other").relevant, "leader_name = 3");  // ‘other’ in typographic quotes
  const Item& phase = ItemOf(q, "plant_phase");
  EXPECT_EQ(phase.codes.front().value, 2022);  // numeric choice names are the codes
  EXPECT_EQ(phase.codes.front().key, "");
  EXPECT_EQ(ItemOf(q, "monumented").codes[0].label.Get("sw"), "Ndiyo");
  EXPECT_TRUE(Reports(f, "question \"region_id\" (select_one_from_file UCL_regions.csv) takes its options from an external file"));
  EXPECT_TRUE(Reports(f, "repeat \"trees\" is not supported"));
  EXPECT_TRUE(Reports(f, "the constraint condition \". < ${slope_radius}\" of question \"tree_distance\" cannot be converted"));
  ExpectStructurallyValid(q);
}

TEST(XlsFormFixtures, CaseInsensitiveSheetsAndHeadersInXlsxAndCsv) {
  for (const char* file : {"xlsform/case_insensitivity.xlsx", "xlsform/case_insensitivity.csv"}) {
    SCOPED_TRACE(file);
    const auto f = Import(file);
    EXPECT_EQ(f.form.id, "YesNo");
    EXPECT_EQ(f.form.title.Get("en"), "Yes or no");
    ASSERT_EQ(Items(f.form), 1u);
    const Item& q1 = ItemOf(f.form, "q1");
    EXPECT_EQ(q1.text.Get("en"), "Are you good?");
    EXPECT_EQ(Keys(q1), (std::vector<std::string>{"n1-c", "n2-c"}));
    EXPECT_EQ(q1.codes[1].label.Get("en"), "l2-c");
    EXPECT_TRUE(Reports(f, "question \"q2\" (select_one_external c1) takes its options from an external file"));
    EXPECT_TRUE(Reports(f, "question \"q3\" of type \"osm c1\" has no Manyi equivalent"));
    EXPECT_TRUE(Reports(f, "sheet \"EXTERNAL_CHOICES\" is not used"));
    ExpectStructurallyValid(f.form);
  }
}

TEST(XlsFormFixtures, ChoiceFilterIsReported) {
  const auto f = Import("xlsform/choice_filter_test.xlsx");
  EXPECT_EQ(Items(f.form), 3u);
  EXPECT_EQ(ItemOf(f.form, "county").codes.size(), 4u);
  EXPECT_TRUE(Reports(f, "row 3, column D: choice_filter \"${state}=cf\" of question \"county\" is not supported"));
  EXPECT_TRUE(Reports(f, "has the name \"king\" more than once"));
  ExpectStructurallyValid(f.form);
}

TEST(XlsFormFixtures, OrOtherWithLegacyListNameHeader) {
  const auto f = Import("xlsform/or_other.xlsx");
  const Item& fav = ItemOf(f.form, "fav_color");
  EXPECT_TRUE(fav.allowOther);
  EXPECT_EQ(Keys(fav), (std::vector<std::string>{"red", "green", "blue", "mauve", "apricot"}));
  EXPECT_FALSE(ItemOf(f.form, "fav_pastel").allowOther);
  EXPECT_TRUE(Reports(f, "choice_filter \"pastel=yes\""));
}

TEST(XlsFormFixtures, OldSelectSyntaxInXlsxAndXls) {
  for (const char* file : {"xlsform/yes_or_no_question.xlsx", "xlsform/yes_or_no_question.xls"}) {
    SCOPED_TRACE(file);
    const auto f = Import(file);
    ASSERT_EQ(Items(f.form), 1u);
    const Item& q = ItemOf(f.form, "good_day");
    EXPECT_EQ(q.type, ItemType::kSingle);
    EXPECT_EQ(q.text.Get("en"), "have you had a good day today?");
    EXPECT_EQ(Keys(q), (std::vector<std::string>{"yes", "no"}));
    EXPECT_TRUE(f.report.empty());
    ExpectStructurallyValid(f.form);
  }
}

TEST(XlsFormFixtures, BadFiles) {
  EXPECT_EQ(Failure("xlsform/bad/duplicate_columns.xlsx"),
            "duplicate_columns.xlsx: sheet \"survey\" has the column header \"label\" twice (columns D and E). Each column header "
            "may appear once; rename or delete one of them.");

  const auto blank = Import("xlsform/bad/blank_second_row.xls");
  ASSERT_EQ(Items(blank.form), 1u);
  EXPECT_EQ(ItemOf(blank.form, "value").type, ItemType::kNumeric);
  EXPECT_EQ(blank.form.id, "ID");
  EXPECT_TRUE(Reports(blank, "blank_second_row.xls, sheet \"survey\", row 2: the row is blank; it is skipped."));
  EXPECT_TRUE(Reports(blank, "the choices sheet holds no choices"));

  const auto spaces = Import("xlsform/bad/spaces_in_choices_header.xls");
  ASSERT_EQ(Items(spaces.form), 2u);
  EXPECT_EQ(ItemOf(spaces.form, "my_select_all").constraint, "not (selected(., 3) and selected(., 4))");
  EXPECT_EQ(ItemOf(spaces.form, "my_select").codes.size(), 4u);
  EXPECT_TRUE(Reports(spaces, "sheet \"choices\", row 1, column D: the column header \"header with spaces\" is not an XLSForm column"));
  EXPECT_TRUE(Reports(spaces, "sheet \"choices\", row 3, column F: the value \"missing header\" is in a column without a header"));
}

TEST(LimeSurveyFixtures, OldSchemaLss) {
  const auto f = Import("limesurvey/a_rather_interesting_questionnaire_for_testing.lss");
  const Questionnaire& q = f.form;
  EXPECT_EQ(q.id, "limesurvey-772267");
  EXPECT_EQ(q.title.Get("en"), "A Rather Interesting Questionnaire for Testing");
  EXPECT_EQ(q.languages, std::vector<std::string>{"en"});
  ASSERT_EQ(q.sections.size(), 1u);
  EXPECT_EQ(q.sections[0].title.Get("en"), "Demographics");
  EXPECT_EQ(Items(q), 3u);
  EXPECT_EQ(ItemOf(q, "cob").type, ItemType::kLongText);
  const Item& yob = ItemOf(q, "yob");
  EXPECT_EQ(yob.type, ItemType::kNumeric);
  EXPECT_EQ(yob.min, 1850);
  EXPECT_EQ(yob.max, 2050);
  const Item& fcol = ItemOf(q, "fcol");
  EXPECT_TRUE(fcol.allowOther);
  ASSERT_EQ(fcol.codes.size(), 5u);
  EXPECT_EQ(fcol.codes[4].value, 5);
  EXPECT_EQ(fcol.codes[4].label.Get("en"), "Orange");
  ExpectStructurallyValid(q);
}

TEST(LimeSurveyFixtures, TabSeparatedTextGivesTheSameQuestionnaire) {
  const auto lss = Import("limesurvey/a_rather_interesting_questionnaire_for_testing.lss");
  const auto txt = Import("limesurvey/same_questionnaire_different_fileformat.txt");
  EXPECT_EQ(txt.form.title.Get("en"), "A Rather Interesting Questionnaire for Testing");
  ASSERT_EQ(Items(txt.form), 3u);
  for (const char* id : {"cob", "yob", "fcol"}) {
    EXPECT_EQ(ItemOf(txt.form, id).type, ItemOf(lss.form, id).type) << id;
    EXPECT_EQ(ItemOf(txt.form, id).text.byLang, ItemOf(lss.form, id).text.byLang) << id;
  }
  EXPECT_EQ(ItemOf(txt.form, "fcol").codes.size(), 5u);
  EXPECT_TRUE(ItemOf(txt.form, "fcol").allowOther);
  EXPECT_EQ(ItemOf(txt.form, "fcol").codes[1].label.Get("en"), "Green");
}

TEST(LimeSurveyFixtures, ArchiveWithGermanArraysAndRelevance) {
  const auto f = Import("limesurvey/an_other_questionnaire_different_fileformat.lsa");
  const Questionnaire& q = f.form;
  EXPECT_EQ(q.languages, std::vector<std::string>{"de-informal"});
  EXPECT_EQ(q.sections.size(), 6u);
  EXPECT_EQ(Items(q), 18u);
  const Item& lk = ItemOf(q, "lehrkompetenz");
  EXPECT_EQ(lk.type, ItemType::kGrid);
  EXPECT_EQ(lk.rows.size(), 7u);
  EXPECT_EQ(lk.scale->max, 6);
  EXPECT_EQ(lk.scale->pointLabels.at(1).Get("de-informal"), "trifft voll zu");
  const Item& a = ItemOf(q, "mitarbeitStudienkoll");
  EXPECT_EQ(a.type, ItemType::kGrid);  // A: 5-point array
  EXPECT_EQ(a.scale->max, 5);
  EXPECT_EQ(ItemOf(q, "engagementArt").type, ItemType::kMultiple);
  EXPECT_EQ(ItemOf(q, "engagementArt").codes.size(), 9u);
  EXPECT_EQ(Keys(ItemOf(q, "teilnahme")), (std::vector<std::string>{"Y", "N"}));
  EXPECT_EQ(ItemOf(q, "sinnvoll").relevant, "teilnahme = 1");  // ((293446X25X262.NAOK == "Y"))
  EXPECT_EQ(ItemOf(q, "nichtBesucht").relevant, "teilnahme = 2");
  EXPECT_EQ(ItemOf(q, "investierteZeit").text.Get("de-informal").find("<strong>"), std::string::npos);
  EXPECT_TRUE(Reports(f, "the answer codes are numbered in their order on the scale: voll = 1, zu = 2"));
  ExpectStructurallyValid(q);
}

TEST(LimeSurveyFixtures, NewSchemaOneAndTwoLanguages) {
  const auto blank = Import("limesurvey/blank-survey.lss");
  ASSERT_EQ(Items(blank.form), 1u);
  EXPECT_EQ(ItemOf(blank.form, "Q00").text.Get("en"), "this is an example question");
  EXPECT_EQ(blank.form.sections[0].title.Get("en"), "My first question group");
  EXPECT_EQ(blank.form.title.Get("en"), "blank survey one question one language");
  ExpectStructurallyValid(blank.form);

  const auto two = Import("limesurvey/survey-one-question-two-languages.lss");
  EXPECT_EQ(two.form.languages, (std::vector<std::string>{"et", "en"}));
  ASSERT_EQ(Items(two.form), 1u);
  EXPECT_EQ(two.form.sections[0].title.Get("et"), "G1");
  EXPECT_EQ(two.form.sections[0].title.Get("en"), "G1");
  EXPECT_TRUE(Reports(two, "question Q1 (type T): the question has no text in any language"));
}

TEST(LimeSurveyFixtures, QueXmlIsRefusedWithAMessage) {
  EXPECT_NE(Failure("limesurvey/same_questionnaire_different_fileformat.xml").find("is a queXML questionnaire"), std::string::npos);
}

TEST(SpreadsheetFixtures, WenjuanxingXlsInCodePage936) {
  for (const char* file : {"wenjuanxing/[问卷星数据]800_800_0.xls", "wenjuanxing/[问卷星数据]800_800_2.xls"}) {
    SCOPED_TRACE(file);
    auto wb = OpenXls(Fixture(file));
    ASSERT_TRUE(wb.Ok()) << wb.GetError().English();
    std::vector<SheetRow> rows;
    auto n = wb.Value()->ReadRows(0, [&](const SheetRow& r) {
      rows.push_back(r);
      return true;
    });
    ASSERT_TRUE(n.Ok());
    ASSERT_EQ(rows.size(), 801u);
    EXPECT_EQ(rows[0].Text(0), "序号");
    EXPECT_EQ(rows[0].Text(6), "1、手机部数");
    EXPECT_EQ(rows.back().Text(0), "800");
  }
  auto text = OpenXls(Fixture("wenjuanxing/[问卷星数据]800_800_0.xls"));
  ASSERT_TRUE(text.Ok());
  std::string second;
  text.Value()->ReadRows(0, [&](const SheetRow& r) {
    if (r.number == 2) second = r.Text(11);
    return r.number < 2;
  });
  EXPECT_EQ(second, "运动┋影视┋购物");
}

TEST(SpreadsheetFixtures, GoogleFormsXlsxDates) {
  auto wb = OpenXlsx(Fixture("googleforms/Is hotdog a sandwich_ (Responses).xlsx"));
  ASSERT_TRUE(wb.Ok()) << wb.GetError().English();
  std::vector<SheetRow> rows;
  ASSERT_TRUE(wb.Value()->ReadRows(0, [&](const SheetRow& r) {
    rows.push_back(r);
    return true;
  }).Ok());
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(rows[0].Text(0), "Timestamp");
  EXPECT_EQ(rows[1].cells.at(0).type, CellType::kDate);
  EXPECT_EQ(rows[1].Text(0).substr(0, 2), "20");
}

}  // namespace
}  // namespace manyi::io

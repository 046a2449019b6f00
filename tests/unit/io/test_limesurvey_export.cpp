// LimeSurvey .lss export: every template in forms/ and every shared LimeSurvey fixture goes
// through export and Manyi's own .lss reader and must come back as the same questionnaire; the
// tables and fields written are those of LimeSurvey 6 exports (the DBVersion 630 fixtures in
// ../shared/fixtures/limesurvey, exported by LimeSurvey itself); conditions that ExpressionScript
// cannot hold are named in the notes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "io/form_json.h"
#include "io/limesurvey.h"
#include "test_paths.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// The questionnaire as JSON without what the .lss cannot hold by design: the questionnaire id
/// (LimeSurvey numbers surveys) and the index definitions (analysis, not questions).
std::string Comparable(Questionnaire q) {
  q.id.clear();
  q.indices.clear();
  return WriteFormJson(q);
}

/// table name → field names, from the <fields> of each table of an .lss document.
std::map<std::string, std::set<std::string>> Fields(const std::string& xml) {
  std::map<std::string, std::set<std::string>> out;
  static const std::regex table(R"(\n <([a-z_0-9]+)>\n  <fields>([\s\S]*?)</fields>)");
  static const std::regex field(R"(<fieldname>([^<]+)</fieldname>)");
  for (std::sregex_iterator it(xml.begin(), xml.end(), table), end; it != end; ++it) {
    const std::string fields = (*it)[2];
    for (std::sregex_iterator f(fields.begin(), fields.end(), field); f != end; ++f) out[(*it)[1]].insert((*f)[1]);
  }
  return out;
}

std::string NotesText(const std::vector<Message>& notes) {
  std::string s;
  for (const Message& m : notes) s += m.English() + "\n";
  return s;
}

TEST(LimeSurveyExport, EveryTemplateComesBackUnchanged) {
  int templates = 0;
  for (const auto& entry : fs::directory_iterator(test::SourceDir() / "forms")) {
    if (entry.path().extension() != ".json") continue;
    ++templates;
    SCOPED_TRACE(entry.path().filename().string());
    Questionnaire form = ReadFormFile(entry.path()).TakeOrThrow();
    LimeSurveyExport e = ExportLimeSurveyLss(form);
    auto back = ImportLimeSurveyLss(e.xml, entry.path().stem().string() + ".lss");
    ASSERT_TRUE(back.Ok()) << back.GetError().English();
    EXPECT_EQ(Comparable(back.Value().form), Comparable(form));
    // Both languages, in LimeSurvey's codes.
    EXPECT_NE(e.xml.find("<language>zh-Hans</language>"), std::string::npos);
    EXPECT_NE(e.xml.find("<language>en</language>"), std::string::npos);
    // Nothing is dropped silently: every index definition is named in a note.
    for (const IndexDefinition& d : form.indices) EXPECT_NE(NotesText(e.notes).find(d.id), std::string::npos) << NotesText(e.notes);
    // Manyi's own file needs no note on re-import.
    EXPECT_EQ(NotesText(back.Value().report), "");
  }
  EXPECT_EQ(templates, 4);
}

TEST(LimeSurveyExport, EverySharedFixtureComesBackUnchanged) {
  int fixtures = 0;
  for (const auto& entry : fs::directory_iterator(test::SharedDir() / "fixtures" / "limesurvey")) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".lss" && ext != ".lsa" && ext != ".txt") continue;
    SCOPED_TRACE(entry.path().filename().string());
    auto first = ImportLimeSurvey(entry.path());
    if (!first.Ok()) continue;  // blank-survey.lss has no question Manyi can import
    ++fixtures;
    LimeSurveyExport e = ExportLimeSurveyLss(first.Value().form);
    auto back = ImportLimeSurveyLss(e.xml, "again.lss");
    ASSERT_TRUE(back.Ok()) << back.GetError().English();
    EXPECT_EQ(Comparable(back.Value().form), Comparable(first.Value().form));
  }
  EXPECT_GE(fixtures, 4);
}

TEST(LimeSurveyExport, TablesAndFieldsAreThoseOfLimeSurvey6) {
  // The DBVersion 630 fixture written by LimeSurvey 6; answers, answer_l10ns and subquestions
  // are not in it (one free-text question), their fields are those of LimeSurvey 6's schema
  // (tables answers / answer_l10ns; subquestions share the questions table's fields).
  auto reference = Fields(ReadAll(test::SharedDir() / "fixtures/limesurvey/survey-one-question-two-languages.lss"));
  reference["subquestions"] = reference["questions"];
  reference["answers"] = {"aid", "qid", "code", "sortorder", "assessment_value", "scale_id"};
  reference["answer_l10ns"] = {"id", "aid", "answer", "language"};
  Questionnaire form = ReadFormFile(test::SourceDir() / "forms/certification-customer.json").TakeOrThrow();
  const std::string xml = ExportLimeSurveyLss(form).xml;
  auto written = Fields(xml);
  for (const char* t : {"groups", "group_l10ns", "questions", "subquestions", "question_l10ns", "answers", "answer_l10ns",
                        "question_attributes", "surveys", "surveys_languagesettings"})
    EXPECT_TRUE(written.count(t)) << t;
  for (const auto& [table, fields] : written) {
    ASSERT_TRUE(reference.count(table)) << table;
    for (const std::string& f : fields) EXPECT_TRUE(reference[table].count(f)) << table << "." << f;
  }
  EXPECT_NE(xml.find("<DBVersion>630</DBVersion>"), std::string::npos);
  EXPECT_NE(xml.find("<LimeSurveyDocType>Survey</LimeSurveyDocType>"), std::string::npos);
  // Types: region single L, service dual-scale array 1, reasons multiple M, comment long text T.
  for (const char* q : {"<type><![CDATA[L]]></type>\n    <title><![CDATA[region]]>", "<type><![CDATA[1]]></type>\n    <title><![CDATA[service]]>",
                        "<type><![CDATA[M]]></type>\n    <title><![CDATA[reasons]]>", "<type><![CDATA[T]]></type>\n    <title><![CDATA[comment]]>"})
    EXPECT_NE(xml.find(q), std::string::npos) << q;
  // The skip logic of reasons in ExpressionScript.
  EXPECT_NE(xml.find("<relevance><![CDATA[overall.NAOK <= 6]]></relevance>"), std::string::npos);
}

TEST(LimeSurveyExport, ConditionsInExpressionScriptAndWhatCannotBe) {
  Questionnaire q;
  q.id = "t";
  q.title = LocalText::Of("测试", "Test");
  Section s;
  s.id = "s1";
  s.title = LocalText::Of("一", "One");
  Item a;
  a.id = "a";
  a.type = ItemType::kSingle;
  a.text = LocalText::Of("甲", "A");
  for (int v : {1, 2, 99}) a.codes.push_back(Code{static_cast<double>(v), "", LocalText::Of("选项" + std::to_string(v), "option " + std::to_string(v))});
  Item m;
  m.id = "m_1";
  m.type = ItemType::kMultiple;
  m.text = LocalText::Of("多", "Many");
  m.codes = {Code{1, "", LocalText::Of("一", "one")}, Code{2, "x", LocalText::Of("二", "two")}};
  m.relevant = "a in (1, 2) and not answered(b)";
  Item b;
  b.id = "b";
  b.type = ItemType::kNumeric;
  b.text = LocalText::Of("乙", "B");
  b.relevant = "selected(m_1, 2) or a = 99";
  b.constraint = ". >= 0 and . <= a";
  b.constraintMessage = LocalText::Of("不对", "wrong");
  Item c = b;
  c.id = "c";
  c.relevant = "count_selected(m_1) > 1";
  c.constraint = "";
  Item d = b;
  d.id = "d";
  d.relevant = "b mod 2 = 0";
  d.constraint = "";
  Item e = b;
  e.id = "e";
  e.relevant = "answered(m_1)";
  e.constraint = "";
  s.items = {a, m, b, c, d, e};
  q.sections = {s};
  LimeSurveyExport out = ExportLimeSurveyLss(q);
  // Expected ExpressionScript written by hand from LimeSurvey's manual (ExpressionScript: .NAOK,
  // == / !=, "Y" for a checked multiple-choice option, is_empty(), self in a validation).
  EXPECT_NE(out.xml.find("<relevance><![CDATA[(a.NAOK == \"1\" or a.NAOK == \"2\") and !(b.NAOK != \"\")]]>"), std::string::npos) << out.xml;
  EXPECT_NE(out.xml.find("<relevance><![CDATA[m1_x.NAOK == \"Y\" or a.NAOK == \"99\"]]>"), std::string::npos);
  EXPECT_NE(out.xml.find("<value><![CDATA[self.NAOK >= 0 and self.NAOK <= a.NAOK]]></value>"), std::string::npos);
  EXPECT_NE(out.xml.find("<value><![CDATA[wrong]]></value>\n    <language><![CDATA[en]]></language>"), std::string::npos);
  EXPECT_NE(out.xml.find("<value><![CDATA[不对]]></value>\n    <language><![CDATA[zh-Hans]]></language>"), std::string::npos);
  // What ExpressionScript cannot hold: named, with the item, and the question left always shown.
  const std::string notes = NotesText(out.notes);
  EXPECT_NE(notes.find("item c: the condition \"count_selected(m_1) > 1\" cannot be written"), std::string::npos) << notes;
  EXPECT_NE(notes.find("item d: the condition \"b mod 2 = 0\" cannot be written"), std::string::npos) << notes;
  EXPECT_NE(notes.find("item e: the condition \"answered(m_1)\" uses the answer of m_1 as a whole"), std::string::npos) << notes;
  EXPECT_NE(notes.find("Item m_1: LimeSurvey question codes hold only letters and digits; it is m1 in LimeSurvey."), std::string::npos);
  // Re-import: what was written comes back as it was; what was not, is absent (not altered).
  auto back = ImportLimeSurveyLss(out.xml, "t.lss");
  ASSERT_TRUE(back.Ok()) << back.GetError().English();
  const auto& items = back.Value().form.sections.at(0).items;
  ASSERT_EQ(items.size(), 6u);
  EXPECT_EQ(items[1].id, "m_1");
  EXPECT_EQ(items[1].relevant, "a in (1, 2) and not answered(b)");
  EXPECT_EQ(items[1].codes[1].key, "x");
  EXPECT_EQ(items[2].relevant, "selected(m_1, 2) or a = 99");
  EXPECT_EQ(items[2].constraint, ". >= 0 and . <= a");
  EXPECT_EQ(items[2].constraintMessage.Get("zh"), "不对");
  EXPECT_EQ(items[3].relevant, "");
  EXPECT_EQ(items[4].relevant, "");
}

TEST(LimeSurveyExport, MarkupInTextsIsEscaped) {
  Questionnaire q = ReadFormFile(test::SourceDir() / "forms/nps-csat-ces.json").TakeOrThrow();
  q.sections[0].items[1].text.byLang["en"] = "a < b & c > d ]]> end";
  LimeSurveyExport out = ExportLimeSurveyLss(q);
  auto back = ImportLimeSurveyLss(out.xml, "t.lss");
  ASSERT_TRUE(back.Ok()) << back.GetError().English();
  EXPECT_EQ(back.Value().form.sections[0].items[1].text.Get("en"), "a < b & c > d ]]> end");
}

TEST(LimeSurveyExport, WritesTheFileOrSaysWhy) {
  Questionnaire q = ReadFormFile(test::SourceDir() / "forms/nps-csat-ces.json").TakeOrThrow();
  const fs::path file = fs::temp_directory_path() / "manyi_lss_export_test.lss";
  ExportLimeSurvey(q, file);
  auto back = ImportLimeSurvey(file);
  ASSERT_TRUE(back.Ok());
  EXPECT_EQ(Comparable(back.Value().form), Comparable(q));
  fs::remove(file);
  EXPECT_THROW(ExportLimeSurvey(q, "/nonexistent-folder/x.lss"), UserError);
}

}  // namespace
}  // namespace manyi::io

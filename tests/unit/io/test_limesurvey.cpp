// LimeSurvey import on small .lss documents of both schemas, and ExpressionScript conversion.
#include <gtest/gtest.h>

#include "io/limesurvey.h"

namespace manyi::io {
namespace {

std::string FromLime(const std::string& e, const ExprMapping& m = {}) {
  auto r = ConvertExpression(e, ExprDialect::kLimeSurvey, ExprDialect::kManyi, m);
  if (auto* s = std::get_if<std::string>(&r)) return *s;
  return "ERROR: " + std::get<Message>(r).English();
}

TEST(LimeSurveyExpressions, ConvertsWhatMaps) {
  ExprMapping m;
  m.code = [](const std::string& item, const std::string& v) -> std::optional<std::string> {
    if (item == "Q1" && v == "A1") return "1";
    if (item == "Q1" && v == "A2") return "2";
    return std::nullopt;
  };
  m.option = [](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
    if (name == "M1_SQ002") return std::make_pair(std::string("M1"), std::string("2"));
    return std::nullopt;
  };
  EXPECT_EQ(FromLime("((Q1.NAOK == \"A1\"))", m), "Q1 = 1");
  EXPECT_EQ(FromLime("Q1 == \"A2\" && !is_empty(Q3)", m), "Q1 = 2 and not not answered(Q3)");
  EXPECT_EQ(FromLime("Q2 > 3 || Q2 lt 1"), "Q2 > 3 or Q2 < 1");
  EXPECT_EQ(FromLime("M1_SQ002 == \"Y\"", m), "selected(M1, 2)");
  EXPECT_EQ(FromLime("M1_SQ002.NAOK != \"Y\"", m), "not selected(M1, 2)");
  EXPECT_EQ(FromLime("{Q2 >= 18}"), "Q2 >= 18");
  EXPECT_NE(FromLime("Q1.shown == 'x'").find("no equivalent"), std::string::npos);
  EXPECT_NE(FromLime("regexMatch('/a/', Q1)").find("regexMatch() has no equivalent"), std::string::npos);
}

const char* kOldSchema = R"(<?xml version="1.0" encoding="UTF-8"?>
<document><LimeSurveyDocType>Survey</LimeSurveyDocType><DBVersion>261</DBVersion>
<languages><language>en</language><language>zh-Hans</language></languages>
<answers><rows>
<row><qid>11</qid><code>A1</code><answer>Yes</answer><sortorder>1</sortorder><language>en</language><scale_id>0</scale_id></row>
<row><qid>11</qid><code>A1</code><answer>是</answer><sortorder>1</sortorder><language>zh-Hans</language><scale_id>0</scale_id></row>
<row><qid>11</qid><code>A2</code><answer>No</answer><sortorder>2</sortorder><language>en</language><scale_id>0</scale_id></row>
<row><qid>11</qid><code>A2</code><answer>否</answer><sortorder>2</sortorder><language>zh-Hans</language><scale_id>0</scale_id></row>
</rows></answers>
<groups><rows>
<row><gid>5</gid><group_name>First</group_name><group_order>0</group_order><language>en</language></row>
<row><gid>5</gid><group_name>第一</group_name><group_order>0</group_order><language>zh-Hans</language></row>
</rows></groups>
<questions><rows>
<row><qid>11</qid><parent_qid>0</parent_qid><gid>5</gid><type>L</type><title>Q1</title><question><![CDATA[<p>Happy?</p>]]></question><other>N</other><mandatory>Y</mandatory><question_order>1</question_order><language>en</language><relevance>1</relevance></row>
<row><qid>11</qid><parent_qid>0</parent_qid><gid>5</gid><type>L</type><title>Q1</title><question>满意吗？</question><other>N</other><mandatory>Y</mandatory><question_order>1</question_order><language>zh-Hans</language><relevance>1</relevance></row>
<row><qid>12</qid><parent_qid>0</parent_qid><gid>5</gid><type>T</type><title>Q2</title><question>Why not?</question><mandatory>N</mandatory><question_order>2</question_order><language>en</language><relevance>((Q1.NAOK == "A2"))</relevance></row>
<row><qid>13</qid><parent_qid>0</parent_qid><gid>5</gid><type>*</type><title>Q3</title><question>calc</question><question_order>3</question_order><language>en</language><relevance>1</relevance></row>
</rows></questions>
<surveys><rows><row><sid>99</sid><language>en</language></row></rows></surveys>
<surveys_languagesettings><rows><row><surveyls_language>en</surveyls_language><surveyls_title>Old</surveyls_title></row></rows></surveys_languagesettings>
</document>)";

TEST(LimeSurveyImport, OldSchemaWithInlineLanguages) {
  auto r = ImportLimeSurveyLss(kOldSchema, "old.lss");
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  const Questionnaire& q = r.Value().form;
  EXPECT_EQ(q.id, "limesurvey-99");
  EXPECT_EQ(q.languages, (std::vector<std::string>{"en", "zh"}));
  ASSERT_EQ(q.sections.size(), 1u);
  EXPECT_EQ(q.sections[0].title.Get("zh"), "第一");
  ASSERT_EQ(q.sections[0].items.size(), 2u);
  const Item& q1 = q.sections[0].items[0];
  EXPECT_EQ(q1.text.Get("en"), "Happy?");  // HTML removed
  EXPECT_EQ(q1.text.Get("zh"), "满意吗？");
  EXPECT_TRUE(q1.required);
  ASSERT_EQ(q1.codes.size(), 2u);
  EXPECT_EQ(q1.codes[1].key, "A2");
  EXPECT_EQ(q1.codes[1].label.Get("zh"), "否");
  EXPECT_EQ(q.sections[0].items[1].type, ItemType::kLongText);
  EXPECT_EQ(q.sections[0].items[1].relevant, "Q1 = 2");
  ASSERT_EQ(r.Value().report.size(), 1u);
  EXPECT_NE(r.Value().report[0].English().find("question Q3 (type *): the equation"), std::string::npos);
}

const char* kNewSchema = R"(<?xml version="1.0" encoding="UTF-8"?>
<document><DBVersion>630</DBVersion><languages><language>et</language><language>en</language></languages>
<groups><rows><row><gid>1</gid><group_order>1</group_order><grelevance>1</grelevance></row></rows></groups>
<group_l10ns><rows><row><gid>1</gid><group_name>Rühm</group_name><language>et</language></row>
<row><gid>1</gid><group_name>Group</group_name><language>en</language></row></rows></group_l10ns>
<questions><rows>
<row><qid>1</qid><parent_qid>0</parent_qid><gid>1</gid><type>F</type><title>G1</title><mandatory>N</mandatory><question_order>1</question_order><relevance>1</relevance></row>
<row><qid>2</qid><parent_qid>0</parent_qid><gid>1</gid><type>M</type><title>M1</title><other>Y</other><question_order>2</question_order><relevance>G1_SQ1 == "B"</relevance></row>
</rows></questions>
<subquestions><rows>
<row><qid>3</qid><parent_qid>1</parent_qid><gid>1</gid><type>T</type><title>SQ1</title><question_order>1</question_order></row>
<row><qid>4</qid><parent_qid>2</parent_qid><gid>1</gid><type>T</type><title>SQ001</title><question_order>1</question_order></row>
<row><qid>5</qid><parent_qid>2</parent_qid><gid>1</gid><type>T</type><title>SQ002</title><question_order>2</question_order></row>
</rows></subquestions>
<question_l10ns><rows>
<row><qid>1</qid><question>Hinne</question><language>et</language></row><row><qid>1</qid><question>Rating</question><language>en</language></row>
<row><qid>2</qid><question>Vali</question><language>et</language></row><row><qid>2</qid><question>Choose</question><language>en</language></row>
<row><qid>3</qid><question>Kiirus</question><language>et</language></row><row><qid>3</qid><question>Speed</question><language>en</language></row>
<row><qid>4</qid><question>Üks</question><language>et</language></row><row><qid>5</qid><question>Kaks</question><language>et</language></row>
</rows></question_l10ns>
<answers><rows><row><aid>7</aid><qid>1</qid><code>A</code><sortorder>1</sortorder><scale_id>0</scale_id></row>
<row><aid>8</aid><qid>1</qid><code>B</code><sortorder>2</sortorder><scale_id>0</scale_id></row></rows></answers>
<answer_l10ns><rows><row><aid>7</aid><answer>Halb</answer><language>et</language></row><row><aid>7</aid><answer>Bad</answer><language>en</language></row>
<row><aid>8</aid><answer>Hea</answer><language>et</language></row><row><aid>8</aid><answer>Good</answer><language>en</language></row></rows></answer_l10ns>
<surveys><rows><row><sid>42</sid></row></rows></surveys>
</document>)";

TEST(LimeSurveyImport, NewSchemaWithL10nTables) {
  auto r = ImportLimeSurveyLss(kNewSchema, "new.lss");
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  const Questionnaire& q = r.Value().form;
  EXPECT_EQ(q.languages, (std::vector<std::string>{"et", "en"}));
  ASSERT_EQ(q.sections.at(0).items.size(), 2u);
  const Item& g = q.sections[0].items[0];
  EXPECT_EQ(g.type, ItemType::kGrid);
  EXPECT_EQ(g.text.Get("et"), "Hinne");
  ASSERT_EQ(g.rows.size(), 1u);
  EXPECT_EQ(g.rows[0].id, "G1_SQ1");
  EXPECT_EQ(g.rows[0].text.Get("en"), "Speed");
  ASSERT_TRUE(g.scale.has_value());
  EXPECT_EQ(g.scale->max, 2);
  EXPECT_EQ(g.scale->pointLabels.at(2).Get("et"), "Hea");
  const Item& m = q.sections[0].items[1];
  EXPECT_EQ(m.type, ItemType::kMultiple);
  EXPECT_TRUE(m.allowOther);
  ASSERT_EQ(m.codes.size(), 2u);
  EXPECT_EQ(m.codes[1].label.Get("et"), "Kaks");
  EXPECT_EQ(m.relevant, "G1_SQ1 = 2");
}

TEST(LimeSurveyImport, DamagedDocumentsGiveMessages) {
  auto bad = ImportLimeSurveyLss("<document><questions><rows><row>", "cut.lss");
  ASSERT_FALSE(bad.Ok());
  EXPECT_NE(bad.GetError().English().find("cut.lss is not well-formed XML (line 1"), std::string::npos) << bad.GetError().English();
  auto other = ImportLimeSurveyLss("<questionnaire/>", "x.xml");
  ASSERT_FALSE(other.Ok());
  EXPECT_NE(other.GetError().English().find("not <document>"), std::string::npos);
  auto empty = ImportLimeSurveyLss("<document><DBVersion>630</DBVersion></document>", "e.lss");
  ASSERT_FALSE(empty.Ok());
}

}  // namespace
}  // namespace manyi::io

// Tests of the questionnaire model's variable layout and of the questionnaire checks.
#include <gtest/gtest.h>

#include "core/questionnaire.h"
#include "core/questionnaire_check.h"

using namespace manyi;

namespace {
Scale TenPoint() {
  Scale s;
  s.min = 1;
  s.max = 10;
  s.pointLabels[1] = LocalText::Of("非常不满意", "very dissatisfied");
  s.pointLabels[10] = LocalText::Of("非常满意", "very satisfied");
  s.missing.push_back({99, MissingKind::kDontKnow, LocalText::Of("不知道", "don't know")});
  return s;
}

Questionnaire Sample() {
  Questionnaire q;
  q.id = "t";
  q.title = LocalText::Of("测试", "Test");
  Section s;
  s.id = "s1";
  Item region;
  region.id = "region";
  region.type = ItemType::kSingle;
  region.role = ItemRole::kRegion;
  region.text = LocalText::Of("地区", "Region");
  region.codes = {{1, "", LocalText::Of("青岛", "Qingdao")}, {2, "", LocalText::Of("济南", "Jinan")}};
  Item why;
  why.id = "why";
  why.type = ItemType::kMultiple;
  why.text = LocalText::Of("原因", "Reasons");
  why.codes = {{1, "slow", LocalText::Of("慢", "slow")}, {2, "", LocalText::Of("贵", "expensive")}};
  why.allowOther = true;
  Item grid;
  grid.id = "g";
  grid.type = ItemType::kGrid;
  grid.text = LocalText::Of("服务", "Service");
  grid.scale = TenPoint();
  grid.importanceScale = TenPoint();
  grid.rows = {{"g_speed", LocalText::Of("速度", "speed"), ItemRole::kAttributeSatisfaction, false, "g_speed_imp"},
               {"g_price", LocalText::Of("价格", "price"), ItemRole::kAttributeSatisfaction, false, "g_price_imp"}};
  Item overall;
  overall.id = "overall";
  overall.type = ItemType::kRating;
  overall.role = ItemRole::kOverallSatisfaction;
  overall.text = LocalText::Of("总体", "Overall");
  overall.scale = TenPoint();
  overall.relevant = "region in (1, 2)";
  Item note;
  note.id = "thanks";
  note.type = ItemType::kNote;
  note.text = LocalText::Of("谢谢", "Thanks");
  s.items = {region, why, grid, overall, note};
  q.sections = {s};
  IndexDefinition csi;
  csi.id = "csi";
  csi.weighting = IndexWeighting::kStatedImportance;
  csi.dimensions = {{"service", LocalText::Of("服务", "Service"), {"g_speed", "g_price"}, {}, {}}};
  q.indices = {csi};
  return q;
}

std::string All(const std::vector<FormFinding>& f) {
  std::string s;
  for (const auto& x : f) s += x.where + ": " + x.message.English() + "\n";
  return s;
}
}  // namespace

TEST(Questionnaire, VariablesExpandOptionsRowsAndOtherTexts) {
  Questionnaire q = Sample();
  std::vector<std::string> names;
  for (const Variable& v : q.Variables()) names.push_back(v.name);
  EXPECT_EQ(names, (std::vector<std::string>{"region", "why_slow", "why_2", "why_other", "g_speed", "g_speed_imp", "g_price",
                                             "g_price_imp", "overall"}));
  EXPECT_TRUE(q.Variables()[3].isText);
  EXPECT_TRUE(q.Variables()[5].isImportance);
}

TEST(Questionnaire, SampleIsValid) {
  auto f = CheckQuestionnaire(Sample());
  EXPECT_TRUE(NoErrors(f)) << All(f);
}

TEST(QuestionnaireCheck, FindsDuplicateIdsAndClashingVariables) {
  Questionnaire q = Sample();
  q.sections[0].items.push_back(q.sections[0].items[0]);
  Item clash;
  clash.id = "why_slow";
  clash.type = ItemType::kNumeric;
  clash.text = LocalText::Of("x", "x");
  q.sections[0].items.push_back(clash);
  std::string all = All(CheckQuestionnaire(q));
  EXPECT_NE(all.find("\"region\" is used twice"), std::string::npos) << all;
  EXPECT_NE(all.find("\"why_slow\""), std::string::npos) << all;
}

TEST(QuestionnaireCheck, FindsBadLogicUnknownItemsAndCycles) {
  Questionnaire q = Sample();
  q.sections[0].items[0].relevant = "overall > 5";       // region ← overall
  q.sections[0].items[3].relevant = "region = 1";        // overall ← region: a circle
  q.sections[0].items[1].relevant = "q99 = 1";           // unknown
  q.sections[0].items[2].constraint = ". >= ";           // does not parse
  std::string all = All(CheckQuestionnaire(q));
  EXPECT_NE(all.find("circle: "), std::string::npos) << all;
  EXPECT_NE(all.find("refers to \"q99\""), std::string::npos) << all;
  EXPECT_NE(all.find("does not parse"), std::string::npos) << all;
}

TEST(QuestionnaireCheck, FindsMissingTranslationsPerLanguage) {
  Questionnaire q = Sample();
  q.sections[0].items[0].codes[1].label.byLang.erase("zh");
  q.sections[0].items[3].text.byLang.erase("en");
  auto f = CheckQuestionnaire(q);
  std::string all = All(f);
  EXPECT_NE(all.find("language zh: 1 text(s) have no \"zh\" translation: item region code 2"), std::string::npos) << all;
  EXPECT_NE(all.find("language en: 1 text(s) have no \"en\" translation: item overall"), std::string::npos) << all;
}

TEST(QuestionnaireCheck, FindsScalesWithoutEndLabels) {
  Questionnaire q = Sample();
  q.sections[0].items[3].scale->pointLabels.erase(10);
  EXPECT_NE(All(CheckQuestionnaire(q)).find("item overall: The scale of item overall has no label at 10"), std::string::npos);
}

TEST(QuestionnaireCheck, FindsIndexDefinitionsMissingWhatTheyNeed) {
  Questionnaire q = Sample();
  q.sections[0].items[2].importanceScale.reset();  // stated importance without importance answers
  q.indices[0].dimensions[0].variables.push_back("nope");
  std::string all = All(CheckQuestionnaire(q));
  EXPECT_NE(all.find("no importance item"), std::string::npos) << all;
  EXPECT_NE(all.find("\"nope\", which is not a variable"), std::string::npos) << all;
  q = Sample();
  q.indices[0].weighting = IndexWeighting::kFixed;
  EXPECT_NE(All(CheckQuestionnaire(q)).find("has none"), std::string::npos);
  q = Sample();
  q.sections[0].items[2].rows[0].role = ItemRole::kNone;
  q.sections[0].items[2].rows[1].role = ItemRole::kNone;
  EXPECT_NE(All(CheckQuestionnaire(q)).find("no item with the role attribute_satisfaction"), std::string::npos);
}

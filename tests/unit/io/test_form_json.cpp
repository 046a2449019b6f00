// Tests of the questionnaire JSON format: round trips and located errors.
#include <gtest/gtest.h>

#include "core/questionnaire_check.h"
#include "io/form_json.h"
#include "test_paths.h"

using namespace manyi;

TEST(FormJson, DemoQuestionnaireRoundTripsLosslessly) {
  auto q = io::ReadFormFile(test::SourceDir() / "data" / "demo" / "questionnaire.json");
  ASSERT_TRUE(q.Ok()) << q.GetError().English();
  const std::string once = io::WriteFormJson(q.Value());
  auto again = io::ParseFormJson(once, "memory");
  ASSERT_TRUE(again.Ok()) << again.GetError().English();
  EXPECT_EQ(io::WriteFormJson(again.Value()), once);
  EXPECT_EQ(q.Value().Variables().size(), 21u);
  EXPECT_EQ(q.Value().FindItem("region")->codes[23].label.Get("zh"), "未署名");
}

TEST(FormJson, ErrorsNameThePlaceInTheDocument) {
  auto r = io::ParseFormJson(R"({"id": "x", "title": {"en": "t"}, "sections": [{"items": [{"id": "q1", "type": "rating", "text": "Q",
      "scale": {"min": 1, "max": "ten"}}]}]})", "f.json");
  ASSERT_FALSE(r.Ok());
  EXPECT_EQ(r.GetError().English(), "f.json, at sections[0].items[0].scale.max: expected a number");
  r = io::ParseFormJson(R"({"id": "x", "title": "t", "sections": [{"items": [{"id": "q1", "type": "slider"}]}]})", "f.json");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("sections[0].items[0].type: \"slider\" is not an item type"), std::string::npos);
  r = io::ParseFormJson("{\"id\": \"x\",\n  \"title\": }", "f.json");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("f.json, line 2, column 12"), std::string::npos) << r.GetError().English();
  r = io::ParseFormJson(R"({"id": "x", "title": "t", "sections": [{"items": [{"id": "q1", "type": "rating", "text": "Q",
      "scale": {"min": 1, "max": 5, "missing": [{"code": 3, "label": "dk"}]}}]}]})", "f.json");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("lies inside the scale"), std::string::npos);
}

TEST(FormJson, SharedCodeListsAndScalesStayShared) {
  const std::string text = R"({"id": "x", "title": {"zh": "标题", "en": "Title"},
    "code_lists": {"yn": [{"code": 1, "label": {"zh": "是", "en": "yes"}}, {"code": 2, "label": {"zh": "否", "en": "no"}}]},
    "scales": {"five": {"min": 1, "max": 5, "labels": {"1": {"zh": "差", "en": "poor"}, "5": {"zh": "好", "en": "good"}}}},
    "sections": [{"id": "s", "items": [
      {"id": "a", "type": "single", "codes": "yn", "text": {"zh": "甲", "en": "A"}},
      {"id": "b", "type": "rating", "scale": "five", "text": {"zh": "乙", "en": "B"}, "relevant": "a = 1"}]}]})";
  auto q = io::ParseFormJson(text, "t");
  ASSERT_TRUE(q.Ok()) << q.GetError().English();
  EXPECT_EQ(q.Value().FindItem("a")->codes.size(), 2u);
  EXPECT_EQ(q.Value().FindItem("b")->scale->max, 5);
  EXPECT_TRUE(NoErrors(CheckQuestionnaire(q.Value())));
  const std::string out = io::WriteFormJson(q.Value());
  EXPECT_NE(out.find("\"codes\": \"yn\""), std::string::npos);
  EXPECT_NE(out.find("\"scale\": \"five\""), std::string::npos);
}

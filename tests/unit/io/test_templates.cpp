// Tests of the questionnaire templates in forms/: each loads, passes the questionnaire checks,
// has every text in Chinese and English, and holds what the analysis binds to by role.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "core/expression.h"
#include "core/questionnaire_check.h"
#include "io/form_json.h"
#include "test_paths.h"

using namespace manyi;

namespace {

const char* const kTemplates[] = {"certification-customer", "acsi-ecsi-ccsi", "nps-csat-ces", "servqual"};

Questionnaire Load(const std::string& name) {
  auto q = io::ReadFormFile(test::SourceDir() / "forms" / (name + ".json"));
  if (!q.Ok()) throw std::runtime_error(q.GetError().English());
  return q.Value();
}

/// Every text of the questionnaire with where it is, for the translation check.
std::vector<std::pair<std::string, const LocalText*>> Texts(const Questionnaire& q) {
  std::vector<std::pair<std::string, const LocalText*>> out{{"title", &q.title}, {"description", &q.description}};
  auto scale = [&](const std::string& where, const Scale& s) {
    for (const auto& [p, t] : s.pointLabels) out.emplace_back(where + " point " + std::to_string(p), &t);
    for (const MissingCode& m : s.missing) out.emplace_back(where + " missing", &m.label);
  };
  for (const auto& [name, s] : q.scales) scale("scale " + name, s);
  for (const Section& s : q.sections) {
    out.emplace_back("section " + s.id, &s.title);
    for (const Item& item : s.items) {
      out.emplace_back("item " + item.id, &item.text);
      if (!item.help.Empty()) out.emplace_back("help " + item.id, &item.help);
      if (!item.constraintMessage.Empty()) out.emplace_back("constraint " + item.id, &item.constraintMessage);
      for (const Code& c : item.codes) out.emplace_back("code of " + item.id, &c.label);
      for (const GridRow& r : item.rows) out.emplace_back("row " + r.id, &r.text);
      if (item.scale) scale("scale of " + item.id, *item.scale);
      if (item.importanceScale) scale("importance scale of " + item.id, *item.importanceScale);
    }
  }
  for (const IndexDefinition& d : q.indices) {
    out.emplace_back("index " + d.id, &d.label);
    for (const IndexDimension& dim : d.dimensions) out.emplace_back("dimension " + dim.id, &dim.label);
  }
  return out;
}

/// Answers for evaluating skip logic.
class Answers : public ExprContext {
 public:
  std::map<std::string, double> values;
  ExprValue Value(const std::string& name) const override {
    auto it = values.find(name);
    return it == values.end() ? ExprValue::Missing() : ExprValue::Of(it->second);
  }
  ExprValue Selected(const std::string&, double) const override { return ExprValue::Missing(); }
  ExprValue CountSelected(const std::string&) const override { return ExprValue::Missing(); }
};

bool Shown(const Item& item, const Answers& a) {
  auto e = Expression::Parse(item.relevant);
  return std::get<Expression>(e).Evaluate(a).Truthy();
}

}  // namespace

TEST(Templates, EveryTemplateIsValidAndBilingual) {
  for (const char* name : kTemplates) {
    SCOPED_TRACE(name);
    Questionnaire q = Load(name);
    EXPECT_EQ(q.id, name);
    for (const FormFinding& f : CheckQuestionnaire(q))
      EXPECT_NE(f.severity, FormFinding::Severity::kError) << f.where << ": " << f.message.English();
    EXPECT_EQ(q.languages, (std::vector<std::string>{"zh", "en"}));
    for (const auto& [where, text] : Texts(q)) {
      EXPECT_TRUE(text->Has("zh")) << where << " has no Chinese text";
      EXPECT_TRUE(text->Has("en")) << where << " has no English text";
    }
  }
}

TEST(Templates, FormsFolderHoldsExactlyTheTestedTemplates) {
  std::set<std::string> found;
  for (const auto& entry : std::filesystem::directory_iterator(test::SourceDir() / "forms"))
    if (entry.path().extension() == ".json") found.insert(entry.path().stem().string());
  EXPECT_EQ(found, std::set<std::string>(std::begin(kTemplates), std::end(kTemplates)));
}

TEST(Templates, CertificationCustomerHasTheSourceListsAndLogic) {
  Questionnaire q = Load("certification-customer");
  const Item* region = q.FindItem("region");
  ASSERT_NE(region, nullptr);
  EXPECT_EQ(region->role, ItemRole::kRegion);
  ASSERT_EQ(region->codes.size(), 24u);
  EXPECT_EQ(region->codes.front().label.Get("zh"), "青岛");
  EXPECT_EQ(region->codes[12].label.Get("zh"), "荷泽");
  EXPECT_EQ(region->codes.back().label.Get("zh"), "未署名");
  EXPECT_EQ(region->codes.back().label.Get("en"), "unsigned / region unknown");

  const Item* industry = q.FindItem("industry");
  ASSERT_NE(industry, nullptr);
  EXPECT_EQ(industry->role, ItemRole::kIndustry);
  ASSERT_EQ(industry->codes.size(), 19u);
  for (size_t i = 0; i < industry->codes.size(); ++i) EXPECT_EQ(industry->codes[i].key, std::string(1, char('A' + i)));
  EXPECT_EQ(industry->codes[0].label.Get("zh"), "食品饮料和烟草");     // A and B are both food, as printed
  EXPECT_EQ(industry->codes[1].label.Get("zh"), "食品、饮料和烟草");
  EXPECT_EQ(industry->codes[12].label.Get("zh"), "批发零售业（汽车、摩托、个人及家庭用品修理业）");

  const Item* cls = q.FindItem("customer_class");
  ASSERT_NE(cls, nullptr);
  EXPECT_EQ(cls->role, ItemRole::kCustomerClass);
  EXPECT_EQ(cls->codes.size(), 3u);

  const Item* grid = q.FindItem("service");
  ASSERT_NE(grid, nullptr);
  ASSERT_TRUE(grid->importanceScale && grid->scale);
  EXPECT_EQ(grid->scale->min, 1);
  EXPECT_EQ(grid->scale->max, 10);
  EXPECT_TRUE(grid->scale->IsMissingCode(99));
  EXPECT_EQ(grid->rows.size(), 8u);
  EXPECT_EQ(grid->rows[0].importanceId, "imp1");

  EXPECT_EQ(q.FindItem("overall")->role, ItemRole::kOverallSatisfaction);
  EXPECT_EQ(q.FindItem("recommend")->type, ItemType::kNps);
  EXPECT_EQ(q.FindItem("recommend")->role, ItemRole::kRecommend);

  // Reasons for dissatisfaction only for overall satisfaction 1–6 (not for "don't know" = 99).
  const Item* reasons = q.FindItem("reasons");
  ASSERT_NE(reasons, nullptr);
  EXPECT_EQ(reasons->type, ItemType::kMultiple);
  EXPECT_TRUE(reasons->allowOther);
  Answers a;
  for (double overall : {1.0, 6.0}) {
    a.values["overall"] = overall;
    EXPECT_TRUE(Shown(*reasons, a)) << overall;
  }
  for (double overall : {7.0, 10.0, 99.0}) {
    a.values["overall"] = overall;
    EXPECT_FALSE(Shown(*reasons, a)) << overall;
  }
  a.values.erase("overall");
  EXPECT_FALSE(Shown(*reasons, a));

  ASSERT_EQ(q.indices.size(), 1u);
  EXPECT_EQ(q.indices[0].id, "csi");
  EXPECT_EQ(q.indices[0].weighting, IndexWeighting::kStatedImportance);
  EXPECT_EQ(q.indices[0].dimensions[0].variables.size(), 8u);
}

TEST(Templates, IndexQuestionnaireHasStableIdsByRole) {
  Questionnaire q = Load("acsi-ecsi-ccsi");
  const std::vector<std::pair<ItemRole, std::vector<std::string>>> expected = {
      {ItemRole::kImage, {"imag1", "imag2", "imag3", "imag4", "imag5"}},
      {ItemRole::kExpectation, {"expe1", "expe2", "expe3"}},
      {ItemRole::kPerceivedQuality, {"qual1", "qual2", "qual3", "qual4", "qual5"}},
      {ItemRole::kPerceivedValue, {"val1", "val2"}},
      {ItemRole::kOverallSatisfaction, {"sat1", "sat2", "sat3"}},
      {ItemRole::kComplaint, {"comp1", "comp2"}},
      {ItemRole::kLoyalty, {"loy1", "loy3"}},
      {ItemRole::kRecommend, {"loy2"}},
  };
  for (const auto& [role, ids] : expected) {
    std::vector<std::string> got;
    for (const Item* item : q.ItemsWithRole(role)) got.push_back(item->id);
    EXPECT_EQ(got, ids) << ItemRoleKey(role);
  }
  for (const char* id : {"sat1", "sat2", "sat3"}) {
    EXPECT_EQ(q.FindItem(id)->scale->min, 1);
    EXPECT_EQ(q.FindItem(id)->scale->max, 10);
  }
  Answers a;
  a.values["comp1"] = 1;
  EXPECT_TRUE(Shown(*q.FindItem("comp2"), a));
  a.values["comp1"] = 2;
  EXPECT_FALSE(Shown(*q.FindItem("comp2"), a));
}

TEST(Templates, ShortSurveyAsksDetractorsWhy) {
  Questionnaire q = Load("nps-csat-ces");
  EXPECT_EQ(q.FindItem("nps")->type, ItemType::kNps);
  EXPECT_EQ(q.FindItem("csat")->role, ItemRole::kOverallSatisfaction);
  EXPECT_EQ(q.FindItem("csat")->scale->max, 5);
  EXPECT_EQ(q.FindItem("ces")->role, ItemRole::kEffort);
  EXPECT_EQ(q.FindItem("ces")->scale->max, 7);
  Answers a;
  a.values["nps"] = 6;
  EXPECT_TRUE(Shown(*q.FindItem("why"), a));
  a.values["nps"] = 7;
  EXPECT_FALSE(Shown(*q.FindItem("why"), a));
}

TEST(Templates, ServqualHasFiveDimensionsOfExpectationAndPerception) {
  Questionnaire q = Load("servqual");
  ASSERT_EQ(q.indices.size(), 1u);
  ASSERT_EQ(q.indices[0].dimensions.size(), 5u);
  size_t statements = 0;
  for (const IndexDimension& d : q.indices[0].dimensions) statements += d.variables.size();
  EXPECT_EQ(statements, 22u);  // the 22 statements of SERVQUAL
  for (const char* dim : {"tan", "rel", "res", "ass", "emp"}) {
    const Item* e = q.FindItem(std::string("exp_") + dim);
    const Item* p = q.FindItem(std::string("per_") + dim);
    ASSERT_TRUE(e && p) << dim;
    EXPECT_EQ(e->rows.size(), p->rows.size());
    EXPECT_EQ(e->scale->min, 1);
    EXPECT_EQ(e->scale->max, 7);
    for (const GridRow& r : e->rows) EXPECT_EQ(r.role, ItemRole::kExpectation);
    for (const GridRow& r : p->rows) EXPECT_EQ(r.role, ItemRole::kAttributeSatisfaction);
  }
}

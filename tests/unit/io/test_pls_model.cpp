// Tests of the PLS model templates in models/: they parse, bind to a questionnaire by role, report
// unbound roles, and the plspm satisfaction model reproduces plspm's GoF end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "io/form_json.h"
#include "io/pls_model.h"
#include "test_paths.h"

using namespace manyi;

namespace {

io::PlsModelTemplate LoadModel(const std::string& name) {
  auto m = io::ReadPlsModelFile(test::SourceDir() / "models" / (name + ".json"));
  if (!m.Ok()) throw std::runtime_error(m.GetError().English());
  return m.Value();
}

Item Rating(const std::string& id, ItemRole role) {
  Item item;
  item.id = id;
  item.type = ItemType::kRating;
  item.role = role;
  Scale s;
  s.min = 1;
  s.max = 10;
  item.scale = s;
  return item;
}

// A small index questionnaire with the roles the templates bind to.
Questionnaire IndexForm(bool withComplaint) {
  Questionnaire q;
  Section s;
  s.id = "main";
  for (int i = 1; i <= 3; ++i) s.items.push_back(Rating("imag" + std::to_string(i), ItemRole::kImage));
  for (int i = 1; i <= 2; ++i) s.items.push_back(Rating("expe" + std::to_string(i), ItemRole::kExpectation));
  for (int i = 1; i <= 3; ++i) s.items.push_back(Rating("qual" + std::to_string(i), ItemRole::kPerceivedQuality));
  for (int i = 1; i <= 2; ++i) s.items.push_back(Rating("val" + std::to_string(i), ItemRole::kPerceivedValue));
  for (int i = 1; i <= 3; ++i) s.items.push_back(Rating("sat" + std::to_string(i), ItemRole::kOverallSatisfaction));
  if (withComplaint) {
    Item comp;
    comp.id = "comp1";
    comp.type = ItemType::kSingle;
    comp.role = ItemRole::kComplaint;
    comp.codes = {{1, "", LocalText::Of("是", "yes")}, {2, "", LocalText::Of("否", "no")}};
    s.items.push_back(comp);
    s.items.push_back(Rating("comp2", ItemRole::kComplaint));  // rating: not taken (item_types single)
  }
  s.items.push_back(Rating("loy1", ItemRole::kLoyalty));
  s.items.push_back(Rating("loy2", ItemRole::kRecommend));
  q.sections.push_back(s);
  return q;
}

TEST(PlsModel, TemplatesParse) {
  for (const char* name : {"acsi", "ecsi", "ccsi", "plspm-satisfaction"}) {
    auto m = io::ReadPlsModelFile(test::SourceDir() / "models" / (std::string(name) + ".json"));
    ASSERT_TRUE(m.Ok()) << name << ": " << m.GetError().English();
    EXPECT_EQ(m.Value().target, "SAT") << name;
    for (const auto& lv : m.Value().latents) {
      EXPECT_TRUE(lv.label.Has("zh") && lv.label.Has("en")) << name << " " << lv.id;
    }
  }
  const auto ecsi = LoadModel("ecsi");
  EXPECT_EQ(ecsi.latents.size(), 7u);
  EXPECT_EQ(ecsi.paths.size(), 12u);
  const auto sat = LoadModel("plspm-satisfaction");
  EXPECT_FALSE(sat.options.scaled);
  EXPECT_EQ(sat.latents[3].items.size(), 4u);
}

TEST(PlsModel, ErrorsSayWhereAndWhat) {
  const std::string head = R"({"format": "manyi-pls-model", "format_version": 1, "id": "x", "latent_variables": [)";
  auto bad = io::ParsePlsModelJson(
      head +
          R"({"id": "A", "roles": ["imagery"]}, {"id": "B", "roles": ["loyalty"]}], "paths": [{"from": "A", "to": "B"}]})",
      "m.json");
  ASSERT_FALSE(bad.Ok());
  EXPECT_EQ(bad.GetError().English(), "m.json, at latent_variables[0].roles[0]: \"imagery\" is not an item role");
  bad = io::ParsePlsModelJson(
      head +
          R"({"id": "A", "roles": ["image"]}, {"id": "B", "roles": ["loyalty"]}], "paths": [{"from": "B", "to": "A"}]})",
      "m.json");
  ASSERT_FALSE(bad.Ok());
  EXPECT_NE(bad.GetError().English().find("paths[0]: the path B → A goes backwards"), std::string::npos);
  bad = io::ParsePlsModelJson(R"({"format": "manyi-questionnaire"})", "m.json");
  EXPECT_FALSE(bad.Ok());
  bad = io::ParsePlsModelJson("{", "m.json");
  EXPECT_FALSE(bad.Ok());
}

TEST(PlsModel, EcsiBindsByRole) {
  const auto b = io::BindPlsModel(LoadModel("ecsi"), IndexForm(true));
  ASSERT_TRUE(b.Ok()) << b.problems.front().message.English();
  ASSERT_EQ(b.model.latents.size(), 7u);
  EXPECT_EQ(b.model.latents[0].itemNames, (std::vector<std::string>{"imag1", "imag2", "imag3"}));
  EXPECT_EQ(b.model.latents[5].itemNames, (std::vector<std::string>{"comp1"}));
  EXPECT_EQ(b.model.latents[6].itemNames, (std::vector<std::string>{"loy1", "loy2"}));
  EXPECT_EQ(b.variables.size(), 16u);
  EXPECT_EQ(b.variables[b.model.latents[4].columns[0]], "sat1");
  EXPECT_EQ(*b.model.latents[4].scaleMin, 1.0);
  EXPECT_EQ(*b.model.latents[4].scaleMax, 10.0);
  EXPECT_EQ(b.model.paths.size(), 12u);
}

TEST(PlsModel, UnboundRolesAreReported) {
  const auto b = io::BindPlsModel(LoadModel("acsi"), IndexForm(false));
  ASSERT_EQ(b.problems.size(), 1u);
  EXPECT_EQ(b.problems[0].latent, "COMP");
  EXPECT_NE(b.problems[0].message.English().find("complaint"), std::string::npos);
  // Without a questionnaire, role-defined latent variables cannot bind.
  const auto c = io::BindPlsModelToColumns(LoadModel("ccsi"), {"imag1", "sat1"});
  EXPECT_EQ(c.problems.size(), 6u);
}

TEST(PlsModel, IndexQuestionnaireTemplateBinds) {
  const auto path = test::SourceDir() / "forms" / "acsi-ecsi-ccsi.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "forms/acsi-ecsi-ccsi.json not present";
  auto form = io::ReadFormFile(path);
  ASSERT_TRUE(form.Ok()) << form.GetError().English();
  for (const char* name : {"acsi", "ecsi", "ccsi"}) {
    const auto b = io::BindPlsModel(LoadModel(name), form.Value());
    EXPECT_TRUE(b.Ok()) << name << ": " << (b.Ok() ? "" : b.problems.front().message.English());
    for (const auto& lv : b.model.latents) EXPECT_FALSE(lv.columns.empty()) << name << " " << lv.name;
  }
}

TEST(PlsModel, SatisfactionModelReproducesPlspmGof) {
  // The plspm satisfaction data (tests/data/reference/plspm) bound by column name.
  std::ifstream in(test::SourceDir() / "tests" / "data" / "reference" / "plspm" / "satisfaction.csv");
  ASSERT_TRUE(in.good());
  std::string line;
  std::getline(in, line);
  auto split = [](const std::string& l) {
    std::vector<std::string> out;
    std::stringstream ss(l);
    std::string field;
    while (std::getline(ss, field, ',')) {
      if (field.size() >= 2 && field.front() == '"') field = field.substr(1, field.size() - 2);
      out.push_back(field);
    }
    return out;
  };
  const auto header = split(line);
  std::vector<std::vector<double>> raw(header.size());
  while (std::getline(in, line)) {
    const auto f = split(line);
    for (std::size_t c = 1; c + 1 < f.size(); ++c) raw[c].push_back(std::stod(f[c]));
  }
  const auto b = io::BindPlsModelToColumns(LoadModel("plspm-satisfaction"), header);
  ASSERT_TRUE(b.Ok());
  std::vector<std::span<const double>> data;
  for (const auto& v : b.variables) {
    const auto at = std::find(header.begin(), header.end(), v) - header.begin();
    data.emplace_back(raw[static_cast<std::size_t>(at)]);
  }
  const auto r = stats::EstimatePls(data, b.model, b.options);
  ASSERT_TRUE(r.Ok());
  EXPECT_NEAR(*r.gof, 0.609741624338411, 1e-9);  // reference/README.md
  EXPECT_NEAR(*r.latents[4].index, 68.5979, 5e-5);
}

}  // namespace

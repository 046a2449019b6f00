// XLSForm import and export: expression conversion both ways, the CSV form, column and language
// headers, errors with places, and the round trip JSON → XLSForm (xlsx and csv) → JSON.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/questionnaire_check.h"
#include "io/form_json.h"
#include "io/xlsform.h"
#include "test_paths.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

std::string ToManyi(const std::string& xpath, const ExprMapping& m = {}) {
  auto r = ConvertExpression(xpath, ExprDialect::kXlsForm, ExprDialect::kManyi, m);
  if (auto* s = std::get_if<std::string>(&r)) return *s;
  return "ERROR: " + std::get<Message>(r).English();
}

std::string ToXpath(const std::string& manyi, const ExprMapping& m = {}) {
  auto r = ConvertExpression(manyi, ExprDialect::kManyi, ExprDialect::kXlsForm, m);
  if (auto* s = std::get_if<std::string>(&r)) return *s;
  return "ERROR: " + std::get<Message>(r).English();
}

ExprMapping Colors() {
  ExprMapping m;
  m.code = [](const std::string& item, const std::string& v) -> std::optional<std::string> {
    if (item != "color") return std::nullopt;
    if (v == "red") return "1";
    if (v == "blue") return "2";
    if (v == "1") return "red";
    if (v == "2") return "blue";
    return std::nullopt;
  };
  m.self = "color";
  return m;
}

TEST(XlsFormExpressions, XpathToManyi) {
  EXPECT_EQ(ToManyi("${age} >= 18 and ${region} != 'north'"), "age >= 18 and region != \"north\"");
  EXPECT_EQ(ToManyi("${color} = 'red'", Colors()), "color = 1");
  EXPECT_EQ(ToManyi("selected(${color}, 'blue')", Colors()), "selected(color, 2)");
  EXPECT_EQ(ToManyi("not(selected(., 'red') and selected (., 'blue'))", Colors()), "not (selected(., 1) and selected(., 2))");
  EXPECT_EQ(ToManyi("count-selected(${color}) > 1"), "count_selected(color) > 1");
  EXPECT_EQ(ToManyi("${q} != ''"), "answered(q)");
  EXPECT_EQ(ToManyi("${q} = ''"), "not answered(q)");
  EXPECT_EQ(ToManyi(". <= ${a_integer} div 2 + 1"), ". <= a_integer / 2 + 1");
  EXPECT_EQ(ToManyi("(${a} = 1 or ${b} = 2) and ${c} mod 2 = 0"), "(a = 1 or b = 2) and c mod 2 = 0");
  EXPECT_EQ(ToManyi("if(${a} > 1, 2, 3) = 2"), "if(a > 1, 2, 3) = 2");
  EXPECT_EQ(ToManyi("true()"), "true");
  // Typographic quotes from word processors are read as quotes.
  EXPECT_EQ(ToManyi("${color} = \xE2\x80\x98red\xE2\x80\x99", Colors()), "color = 1");
  EXPECT_NE(ToManyi("regex(., '[0-9]+')").find("regex() has no equivalent"), std::string::npos);
  EXPECT_NE(ToManyi("string-length(.) > 3").find("string-length() has no equivalent"), std::string::npos);
  EXPECT_NE(ToManyi("/data/q1 = 2").find("ERROR"), std::string::npos);
  EXPECT_NE(ToManyi("${q} = 'open").find("no closing quote"), std::string::npos);
  ExprMapping known;
  known.item = [](const std::string& n) -> std::optional<std::string> { return n == "q" ? std::optional<std::string>("q") : std::nullopt; };
  EXPECT_NE(ToManyi("${calc} > 2", known).find("\"calc\" is not a question"), std::string::npos);
}

TEST(XlsFormExpressions, ManyiToXpath) {
  EXPECT_EQ(ToXpath("q3 >= 7 and region != \"未署名\""), "${q3} >= 7 and ${region} != '未署名'");
  EXPECT_EQ(ToXpath("color = 1", Colors()), "${color} = 'red'");
  EXPECT_EQ(ToXpath("selected(color, 2)", Colors()), "selected(${color}, 'blue')");
  EXPECT_EQ(ToXpath("not answered(q)"), "not(${q} != '')");
  EXPECT_EQ(ToXpath("color in (1, 2)", Colors()), "(${color} = 'red' or ${color} = 'blue')");
  EXPECT_EQ(ToXpath("a / 2 > 1"), "${a} div 2 > 1");
  EXPECT_EQ(ToXpath("count_selected(m) >= 2"), "count-selected(${m}) >= 2");
  EXPECT_NE(ToXpath("max(a, b) > 2").find("no XLSForm equivalent"), std::string::npos);
}

TEST(XlsFormExpressions, RoundTripKeepsTheMeaning) {
  for (const char* e : {"q3 >= 7 and region != \"未署名\"", "not answered(q)", "selected(color, 2) or color = 1", "a - (b - c) > 0",
                        "not (a = 1 or b = 2)", ". > 0 and . <= 10", "count_selected(m) >= 2"}) {
    const std::string x = ToXpath(e, Colors());
    EXPECT_EQ(ToManyi(x, Colors()), e) << x;
  }
}

fs::path Write(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("manyi_xlsform_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

TEST(XlsFormImport, CsvFormWithLanguagesGroupsAndChoices) {
  const std::string csv =
      "survey,,,,,,\n"
      ",type,name,label::Chinese (zh),label::English (en),relevant,required\n"
      ",begin group,about,关于您,About you,,\n"
      ",select_one yn,likes,您喜欢吗？,Do you like it?,,yes\n"
      ",integer,times,几次？,How often?,${likes} = 'yes',\n"
      ",select_multiple colors or_other,colors,颜色,Colours,\"selected(${likes}, 'yes')\",\n"
      ",end group,,,,,\n"
      ",calculate,calc,,,,\n"
      ",text,why,为什么？,Why?,${calc} > 1,\n"
      "choices,,,,\n"
      ",list_name,name,label::Chinese (zh),label::English (en)\n"
      ",yn,yes,是,Yes\n"
      ",yn,no,否,No\n"
      ",colors,1,红,Red\n"
      ",colors,2,蓝,Blue\n"
      "settings,,\n"
      ",form_title,form_id,default_language\n"
      ",Test form,test_form,English (en)\n";
  auto r = ImportXlsForm(Write("form.csv", csv));
  ASSERT_TRUE(r.Ok()) << r.GetError().English();
  const Questionnaire& q = r.Value().form;
  EXPECT_EQ(q.id, "test_form");
  EXPECT_EQ(q.languages, (std::vector<std::string>{"zh", "en"}));
  ASSERT_EQ(q.sections.size(), 2u);
  EXPECT_EQ(q.sections[0].id, "about");
  EXPECT_EQ(q.sections[0].title.Get("zh"), "关于您");
  ASSERT_EQ(q.sections[0].items.size(), 3u);
  const Item& likes = q.sections[0].items[0];
  EXPECT_EQ(likes.type, ItemType::kSingle);
  EXPECT_TRUE(likes.required);
  ASSERT_EQ(likes.codes.size(), 2u);
  EXPECT_EQ(likes.codes[0].value, 1);
  EXPECT_EQ(likes.codes[0].key, "yes");
  EXPECT_EQ(likes.codes[1].label.Get("zh"), "否");
  EXPECT_EQ(q.sections[0].items[1].relevant, "likes = 1");
  const Item& colors = q.sections[0].items[2];
  EXPECT_EQ(colors.type, ItemType::kMultiple);
  EXPECT_TRUE(colors.allowOther);
  EXPECT_EQ(colors.codes[1].value, 2);
  EXPECT_EQ(colors.codes[1].key, "");
  EXPECT_EQ(colors.relevant, "selected(likes, 1)");
  const Item& why = q.sections[1].items[0];
  EXPECT_EQ(why.relevant, "");  // refers to a calculation that is not imported
  const auto& report = r.Value().report;
  auto has = [&](const std::string& what) {
    return std::any_of(report.begin(), report.end(), [&](const Message& m) { return m.English().find(what) != std::string::npos; });
  };
  EXPECT_TRUE(has("form.csv, sheet \"survey\", row 8, column B: calculation \"calc\" is not supported"));
  EXPECT_TRUE(has("row 9, column F: the relevant condition \"${calc} > 1\" of question \"why\" cannot be converted"));
}

TEST(XlsFormImport, ErrorsSayWhere) {
  auto noSurvey = ImportXlsForm(Write("nosurvey.csv", "choices,,\n,list_name,name\n,a,b\n"));
  ASSERT_FALSE(noSurvey.Ok());
  EXPECT_NE(noSurvey.GetError().English().find("no sheet named \"survey\""), std::string::npos);
  auto dup = ImportXlsForm(Write("dup.csv", "survey,,,\n,type,name,label,Label\n,text,a,A,B\n"));
  ASSERT_FALSE(dup.Ok());
  EXPECT_NE(dup.GetError().English().find("dup.csv: sheet \"survey\" has the column header \"Label\" twice (columns D and E)"),
            std::string::npos)
      << dup.GetError().English();
  auto noType = ImportXlsForm(Write("notype.csv", "survey,,\n,name,label\n,a,A\n"));
  ASSERT_FALSE(noType.Ok());
  EXPECT_NE(noType.GetError().English().find("has no \"type\" column"), std::string::npos);
  auto missingList = ImportXlsForm(Write("nolist.csv", "survey,,,\n,type,name,label\n,select_one nope,a,A\n,text,b,B\n"));
  ASSERT_TRUE(missingList.Ok());
  EXPECT_EQ(missingList.Value().form.sections.at(0).items.size(), 1u);
  EXPECT_NE(missingList.Value().report.at(0).English().find("row 3, column B: the choice list \"nope\" is not in the choices sheet"),
            std::string::npos)
      << missingList.Value().report.at(0).English();
}

Questionnaire Demo() {
  auto q = ReadFormFile(test::SourceDir() / "data/demo/questionnaire.json");
  EXPECT_TRUE(q.Ok()) << q.GetError().English();
  Questionnaire form = q.TakeOrThrow();
  // Logic and validation the demo lacks, so that the round trip carries them too.
  Section& s = form.sections.at(0);
  for (Item& item : s.items) {
    if (item.id == "sat1") item.relevant = "region in (1, 2) and industry != 3";
    if (item.id == "overall") item.constraint = ". >= 1 and . <= 10 or . = 99";
    if (item.id == "comment") {
      item.relevant = "overall <= 5 or not answered(overall)";
      item.required = true;
    }
  }
  return form;
}

/// The parts of a questionnaire XLSForm can carry, compared item by item.
void ExpectSameExpressible(const Questionnaire& a, const Questionnaire& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title.byLang, b.title.byLang);
  EXPECT_EQ(a.languages, b.languages);
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (size_t s = 0; s < a.sections.size(); ++s) {
    const Section& x = a.sections[s];
    const Section& y = b.sections[s];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.title.byLang, y.title.byLang);
    EXPECT_EQ(x.relevant, y.relevant);
    ASSERT_EQ(x.items.size(), y.items.size());
    for (size_t i = 0; i < x.items.size(); ++i) {
      const Item& p = x.items[i];
      const Item& q = y.items[i];
      SCOPED_TRACE(p.id);
      EXPECT_EQ(p.id, q.id);
      EXPECT_EQ(ItemTypeKey(p.type), std::string(ItemTypeKey(q.type)));
      EXPECT_EQ(p.text.byLang, q.text.byLang);
      EXPECT_EQ(p.help.byLang, q.help.byLang);
      EXPECT_EQ(p.role, q.role);
      EXPECT_EQ(p.attribute, q.attribute);
      EXPECT_EQ(p.required, q.required);
      EXPECT_EQ(p.relevant, q.relevant);
      EXPECT_EQ(p.constraint, q.constraint);
      ASSERT_EQ(p.codes.size(), q.codes.size());
      for (size_t c = 0; c < p.codes.size(); ++c) {
        EXPECT_EQ(p.codes[c].value, q.codes[c].value);
        EXPECT_EQ(p.codes[c].key, q.codes[c].key);
        EXPECT_EQ(p.codes[c].label.byLang, q.codes[c].label.byLang);
      }
      ASSERT_EQ(p.scale.has_value(), q.scale.has_value());
      if (p.scale) {
        EXPECT_EQ(p.scale->min, q.scale->min);
        EXPECT_EQ(p.scale->max, q.scale->max);
        ASSERT_EQ(p.scale->pointLabels.size(), q.scale->pointLabels.size());
        for (const auto& [point, label] : p.scale->pointLabels) EXPECT_EQ(label.byLang, q.scale->pointLabels.at(point).byLang);
        ASSERT_EQ(p.scale->missing.size(), q.scale->missing.size());
        for (size_t m = 0; m < p.scale->missing.size(); ++m) {
          EXPECT_EQ(p.scale->missing[m].value, q.scale->missing[m].value);
          EXPECT_EQ(p.scale->missing[m].kind, q.scale->missing[m].kind);
          EXPECT_EQ(p.scale->missing[m].label.byLang, q.scale->missing[m].label.byLang);
        }
      }
    }
  }
}

TEST(XlsFormRoundTrip, DemoQuestionnaireThroughXlsxAndCsv) {
  const Questionnaire demo = Demo();
  ASSERT_TRUE(NoErrors(CheckQuestionnaire(demo)));
  for (const char* ext : {".xlsx", ".csv"}) {
    SCOPED_TRACE(ext);
    const fs::path file = Write(std::string("demo") + ext, "");
    const auto exportReport = ExportXlsForm(demo, file);
    EXPECT_TRUE(exportReport.empty()) << exportReport.front().English();
    auto back = ImportXlsForm(file);
    ASSERT_TRUE(back.Ok()) << back.GetError().English();
    for (const Message& m : back.Value().report) ADD_FAILURE() << m.English();
    ExpectSameExpressible(demo, back.Value().form);
    EXPECT_TRUE(NoErrors(CheckQuestionnaire(back.Value().form)));
  }
}

TEST(XlsFormRoundTrip, GridsNumbersAndTexts) {
  Questionnaire q;
  q.id = "grid-test";
  q.title = LocalText::Of("网格", "Grid");
  Section s;
  s.id = "s1";
  s.title = LocalText::Of("第一部分", "Part one");
  Item grid;
  grid.id = "service";
  grid.type = ItemType::kGrid;
  grid.text = LocalText::Of("服务", "Service");
  Scale sc;
  sc.min = 1;
  sc.max = 5;
  sc.pointLabels[1] = LocalText::Of("很差", "poor");
  sc.pointLabels[5] = LocalText::Of("很好", "excellent");
  grid.scale = sc;
  grid.importanceScale = sc;
  grid.rows = {GridRow{"speed", LocalText::Of("速度", "Speed"), ItemRole::kAttributeSatisfaction, false, "speed_imp"},
               GridRow{"care", LocalText::Of("细心", "Care"), ItemRole::kAttributeSatisfaction, true, "care_imp"}};
  Item num;
  num.id = "staff";
  num.type = ItemType::kNumeric;
  num.text = LocalText::Of("员工人数", "Staff");
  num.min = 0;
  num.max = 100000;
  Item dec = num;
  dec.id = "share";
  dec.decimals = 3;
  Item text;
  text.id = "name";
  text.type = ItemType::kShortText;
  text.text = LocalText::Of("名称", "Name");
  Item date = text;
  date.id = "when";
  date.type = ItemType::kDate;
  s.items = {grid, num, dec, text, date};
  q.sections.push_back(s);
  const fs::path file = Write("grid.xlsx", "");
  ExportXlsForm(q, file);
  auto back = ImportXlsForm(file);
  ASSERT_TRUE(back.Ok()) << back.GetError().English();
  const Questionnaire& b = back.Value().form;
  ASSERT_EQ(b.sections.at(0).items.size(), 5u);
  const Item& g = b.sections[0].items[0];
  EXPECT_EQ(g.type, ItemType::kGrid);
  ASSERT_EQ(g.rows.size(), 2u);
  EXPECT_EQ(g.rows[1].id, "care");
  EXPECT_TRUE(g.rows[1].reversed);
  EXPECT_EQ(g.rows[1].importanceId, "care_imp");
  EXPECT_EQ(g.rows[0].text.Get("zh"), "速度");
  ASSERT_TRUE(g.importanceScale.has_value());
  EXPECT_EQ(g.scale->pointLabels.at(5).Get("zh"), "很好");
  EXPECT_EQ(b.sections[0].items[1].max, 100000);
  EXPECT_EQ(b.sections[0].items[2].decimals, 3);
  EXPECT_EQ(b.sections[0].items[4].type, ItemType::kDate);
  ExpectSameExpressible(q, b);
}

}  // namespace
}  // namespace manyi::io

// Tests of the expression language: parsing, errors that point at the character, evaluation.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "core/expression.h"

using namespace manyi;

namespace {
class MapContext : public ExprContext {
 public:
  std::map<std::string, ExprValue> values;
  std::map<std::string, std::set<double>> selected;
  ExprValue current;
  ExprValue Value(const std::string& name) const override {
    auto it = values.find(name);
    return it == values.end() ? ExprValue::Missing() : it->second;
  }
  ExprValue Selected(const std::string& name, double code) const override {
    auto it = selected.find(name);
    if (it == selected.end()) return ExprValue::Missing();
    return ExprValue::Of(it->second.count(code) ? 1.0 : 0.0);
  }
  ExprValue CountSelected(const std::string& name) const override {
    auto it = selected.find(name);
    return it == selected.end() ? ExprValue::Missing() : ExprValue::Of(double(it->second.size()));
  }
  ExprValue Current() const override { return current; }
};

Expression P(const std::string& s) {
  auto r = Expression::Parse(s);
  if (auto* e = std::get_if<ExprError>(&r)) ADD_FAILURE() << e->Describe(s);
  return std::get<Expression>(r);
}
ExprError E(const std::string& s) {
  auto r = Expression::Parse(s);
  EXPECT_TRUE(std::holds_alternative<ExprError>(r)) << s;
  return std::holds_alternative<ExprError>(r) ? std::get<ExprError>(r) : ExprError{};
}
}  // namespace

TEST(Expression, EvaluatesComparisonsLogicAndArithmetic) {
  MapContext c;
  c.values["q3"] = ExprValue::Of(8);
  c.values["region"] = ExprValue::Of(std::string("青岛"));
  EXPECT_TRUE(P("q3 >= 7 and region != \"未署名\"").Evaluate(c).Truthy());
  EXPECT_FALSE(P("q3 >= 7 and region = '未署名'").Evaluate(c).Truthy());
  EXPECT_TRUE(P("not (q3 < 5) or q9 = 1").Evaluate(c).Truthy());
  EXPECT_EQ(P("q3 * 2 + 1").Evaluate(c).Number(), 17);
  EXPECT_EQ(P("-q3 - -2").Evaluate(c).Number(), -6);
  EXPECT_EQ(P("7 mod 3").Evaluate(c).Number(), 1);
  EXPECT_TRUE(P("q3 in (1, 8, 9)").Evaluate(c).Truthy());
  EXPECT_TRUE(P("q3 not in (1, 2)").Evaluate(c).Truthy());
  EXPECT_TRUE(P("${q3} == 8").Evaluate(c).Truthy());
  EXPECT_EQ(P("if(q3 > 5, 'high', 'low')").Evaluate(c).String(), "high");
  EXPECT_EQ(P("max(q3, 3, q99)").Evaluate(c).Number(), 8);
}

TEST(Expression, MissingAnswersMakeComparisonsFalse) {
  MapContext c;
  EXPECT_FALSE(P("q1 = 1").Evaluate(c).Truthy());
  EXPECT_FALSE(P("q1 != 1").Evaluate(c).Truthy());
  EXPECT_TRUE(P("not answered(q1)").Evaluate(c).Truthy());
  EXPECT_TRUE(P("(q1 + 1)").Evaluate(c).IsMissing());
  EXPECT_TRUE(P("q1 / 0").Evaluate(c).IsMissing());
}

TEST(Expression, MultipleChoiceFunctions) {
  MapContext c;
  c.selected["q6"] = {2, 5};
  EXPECT_TRUE(P("selected(q6, 5)").Evaluate(c).Truthy());
  EXPECT_FALSE(P("selected(q6, 3)").Evaluate(c).Truthy());
  EXPECT_EQ(P("count_selected(q6)").Evaluate(c).Number(), 2);
}

TEST(Expression, ConstraintsSeeTheCurrentAnswer) {
  MapContext c;
  c.current = ExprValue::Of(12);
  Expression e = P(". >= 1 and . <= 10");
  EXPECT_TRUE(e.UsesCurrent());
  EXPECT_FALSE(e.Evaluate(c).Truthy());
  c.current = ExprValue::Of(3);
  EXPECT_TRUE(e.Evaluate(c).Truthy());
}

TEST(Expression, ListsReferences) {
  EXPECT_EQ(P("q1 = 1 and (q2 > q1 or selected(q6, 2))").References(), (std::vector<std::string>{"q1", "q2", "q6"}));
}

TEST(Expression, ErrorsPointAtTheOffendingCharacter) {
  EXPECT_EQ(E("q1 = = 2").position, 5u);
  EXPECT_EQ(E("(q1 = 2").position, 7u);
  EXPECT_EQ(E("q1 # 2").position, 3u);
  EXPECT_EQ(E("q1 = 'open").position, 5u);
  EXPECT_EQ(E("q1 = 2 q2").position, 7u);
  EXPECT_EQ(E("frob(q1)").position, 0u);
  EXPECT_EQ(E("selected(q6)").position, 0u);
  EXPECT_EQ(E("").position, 0u);
  ExprError err = E("地区 = = 1");
  EXPECT_EQ(err.Describe("地区 = = 1").substr(err.Describe("地区 = = 1").rfind('\n') + 1), "       ^");
}

TEST(Expression, HostileInputIsRefusedNotCrashed) {
  EXPECT_GT(E(std::string(500, '(') + "1" + std::string(500, ')')).message.English().size(), 0u);
  EXPECT_GT(E(std::string(5000, 'x')).message.English().size(), 0u);
  E(std::string(300, '-') + "1");
  E(std::string(200, 'n') + " not not");
}

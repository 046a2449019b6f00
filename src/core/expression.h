// The skip-logic and validation language (docs/expressions.md): a small expression language
// with a real parser whose errors point at the offending character.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/message.h"

namespace manyi {

/// A value during evaluation: missing (not answered), a number or a string. Booleans are 1 / 0.
struct ExprValue {
  std::variant<std::monostate, double, std::string> v;
  bool IsMissing() const { return v.index() == 0; }
  bool IsNumber() const { return v.index() == 1; }
  bool IsString() const { return v.index() == 2; }
  double Number() const { return std::get<1>(v); }
  const std::string& String() const { return std::get<2>(v); }
  /// True for a non-zero number or a non-empty string; missing is false.
  bool Truthy() const;
  static ExprValue Missing() { return {}; }
  static ExprValue Of(double d) { return {d}; }
  static ExprValue Of(std::string s) { return {std::move(s)}; }
};

/// What an expression can see: answers by item or variable name, and the answer being checked.
class ExprContext {
 public:
  virtual ~ExprContext() = default;
  /// The answer to item/variable `name` (a code, a number or a text), or missing.
  virtual ExprValue Value(const std::string& name) const = 0;
  /// Whether option `code` of multiple-choice item `name` is selected (missing when unanswered).
  virtual ExprValue Selected(const std::string& name, double code) const = 0;
  /// How many options of multiple-choice item `name` are selected.
  virtual ExprValue CountSelected(const std::string& name) const = 0;
  /// The answer being validated ("." in a constraint).
  virtual ExprValue Current() const { return ExprValue::Missing(); }
};

/// A parse error: the 0-based byte offset of the offending character and what was wrong.
struct ExprError {
  size_t position = 0;
  Message message;
  /// The message with the expression and a caret under the offending character.
  std::string Describe(const std::string& source) const;
};

struct ExprNode;

/// A parsed expression.
class Expression {
 public:
  /// Parses source; on failure returns the error (never throws for bad input).
  static std::variant<Expression, ExprError> Parse(const std::string& source);

  /// Evaluates against a context; comparisons with a missing operand are false.
  ExprValue Evaluate(const ExprContext& context) const;
  /// The item / variable names the expression refers to (for validation and cycle checks).
  std::vector<std::string> References() const;
  /// Whether "." (the current answer) is used.
  bool UsesCurrent() const;
  const std::string& Source() const { return m_source; }

 private:
  std::string m_source;
  std::shared_ptr<const ExprNode> m_root;
};

}  // namespace manyi

// One respondent's answers to a questionnaire while they are keyed or asked: checking a code
// against its item, skip logic (which items apply given the answers so far) and validation.
// Shared by keyed paper entry, the data-entry screen and telephone interviews.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/expression.h"
#include "core/message.h"
#include "core/questionnaire.h"

namespace manyi {

/// The answers of one respondent in questionnaire variable order (NaN = not answered; text
/// variables hold their text in Texts()). The questionnaire must outlive the sheet.
class AnswerSheet : public ExprContext {
 public:
  explicit AnswerSheet(const Questionnaire& form);

  const Questionnaire& Form() const { return m_form; }
  const std::vector<Variable>& Variables() const { return m_vars; }
  /// The index of a variable by name, or nullopt.
  std::optional<size_t> IndexOf(std::string_view name) const;

  bool Answered(size_t index) const;
  /// The stored answer: a number (NaN = none) or, for text variables, the text.
  double Value(size_t index) const { return m_values[index]; }
  const std::string& Text(size_t index) const;
  /// The answer as keyed: the number in the C locale or the text; "" when not answered.
  std::string Keyed(size_t index) const;
  const std::vector<double>& Values() const { return m_values; }
  const std::map<int, std::string>& Texts() const { return m_texts; }

  /// Checks what was keyed for a variable (a code, a number, a text; "" = not answered) without
  /// storing it: unknown code, out of range, not a number, constraint not met. Returns the problem
  /// (saying what is allowed) or nothing.
  std::optional<Message> Check(size_t index, std::string_view keyed) const;
  /// Stores what was keyed (after Check). "" clears the answer.
  void Set(size_t index, std::string_view keyed);
  void Clear(size_t index) { Set(index, ""); }
  /// Replaces all answers with stored ones (values in variable order, texts by variable index).
  void Load(const std::vector<double>& values, const std::vector<std::pair<int, std::string>>& texts);

  /// Whether the variable's item (and its section) is asked given the answers so far.
  bool Relevant(size_t index) const;
  /// Answered variables whose item the skip logic leaves out, in order.
  std::vector<size_t> AnsweredButSkipped() const;
  /// Why a variable is skipped, for messages: the condition that is false.
  std::string SkipCondition(size_t index) const;

  /// The question number of a variable's item as printed on the paper form (items other than notes
  /// numbered from 1 in order), 0 when unknown.
  int QuestionNumber(size_t index) const;

  // ExprContext: answers by item or variable name.
  ExprValue Value(const std::string& name) const override;
  ExprValue Selected(const std::string& name, double code) const override;
  ExprValue CountSelected(const std::string& name) const override;
  ExprValue Current() const override { return m_current; }

 private:
  bool Holds(const std::string& expression) const;

  const Questionnaire& m_form;
  std::vector<Variable> m_vars;
  std::vector<double> m_values;
  std::map<int, std::string> m_texts;
  std::map<std::string, int> m_numbers;  // item id → question number
  mutable ExprValue m_current;           // the answer a constraint is checked against
};

}  // namespace manyi

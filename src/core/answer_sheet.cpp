// Answer checking and skip logic over one respondent's answers.
#include "core/answer_sheet.h"

#include <cmath>
#include <limits>

#include "core/text.h"

namespace manyi {

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

const Scale* ScaleOf(const Variable& v) {
  if (v.isImportance && v.item->importanceScale) return &*v.item->importanceScale;
  return v.item->scale ? &*v.item->scale : nullptr;
}

std::string CodeList(const Item& item) {
  std::string s;
  for (const Code& c : item.codes) s += (s.empty() ? "" : ", ") + FormatNumber(c.value);
  return s;
}

std::string MissingList(const Scale& scale) {
  std::string s;
  for (const MissingCode& m : scale.missing) s += (s.empty() ? ", or " : ", ") + FormatNumber(m.value);
  return s;
}

}  // namespace

AnswerSheet::AnswerSheet(const Questionnaire& form) : m_form(form), m_vars(form.Variables()), m_values(m_vars.size(), kNone) {
  int n = 0;
  for (const Section& s : form.sections)
    for (const Item& item : s.items)
      if (item.type != ItemType::kNote && item.role != ItemRole::kRespondentId) m_numbers[item.id] = ++n;
}

std::optional<size_t> AnswerSheet::IndexOf(std::string_view name) const {
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (m_vars[i].name == name) return i;
  return std::nullopt;
}

bool AnswerSheet::Answered(size_t index) const {
  return m_vars[index].isText ? m_texts.count(int(index)) > 0 : !std::isnan(m_values[index]);
}

const std::string& AnswerSheet::Text(size_t index) const {
  static const std::string kEmpty;
  auto it = m_texts.find(int(index));
  return it == m_texts.end() ? kEmpty : it->second;
}

std::string AnswerSheet::Keyed(size_t index) const {
  if (m_vars[index].isText) return Text(index);
  return std::isnan(m_values[index]) ? std::string() : FormatNumber(m_values[index]);
}

std::optional<Message> AnswerSheet::Check(size_t index, std::string_view keyed) const {
  const Variable& v = m_vars[index];
  const Item& item = *v.item;
  const std::string text(Trim(keyed));
  if (text.empty()) return std::nullopt;
  if (v.isText) {
    m_current = ExprValue::Of(text);
  } else {
    auto number = ParseNumber(text);
    if (!number) return Message(N_("\"{0}\" is not a code: {1} takes a number.")).Arg(text).Arg(v.name);
    const double x = *number;
    switch (item.type) {
      case ItemType::kSingle: {
        bool known = false;
        for (const Code& c : item.codes) known = known || c.value == x;
        if (!known) return Message(N_("{0} is not a code of {1}; the codes are {2}.")).Arg(text).Arg(v.name).Arg(CodeList(item));
        break;
      }
      case ItemType::kMultiple:
        if (x != 0 && x != 1) return Message(N_("{0} is not allowed for {1}: key 1 when the box is ticked, 0 or nothing when not.")).Arg(text).Arg(v.name);
        break;
      case ItemType::kRanking:
        if (x != std::floor(x) || x < 1 || x > double(item.codes.size()))
          return Message(N_("{0} is out of range for {1}: a rank from 1 to {2}.")).Arg(text).Arg(v.name).Arg(static_cast<long long>(item.codes.size()));
        break;
      case ItemType::kRating:
      case ItemType::kGrid:
      case ItemType::kNps: {
        const Scale* scale = ScaleOf(v);
        const double lo = scale ? scale->min : 0, hi = scale ? scale->max : 10;
        const bool missingCode = scale && scale->IsMissingCode(x);
        if (!missingCode && (x != std::floor(x) || x < lo || x > hi))
          return Message(N_("{0} is out of range for {1}: the scale runs from {2} to {3}{4}.")).Arg(text).Arg(v.name)
              .Arg(FormatNumber(lo)).Arg(FormatNumber(hi)).Arg(scale ? MissingList(*scale) : std::string());
        break;
      }
      case ItemType::kNumeric:
        if ((item.min && x < *item.min) || (item.max && x > *item.max))
          return Message(N_("{0} is out of range for {1}: allowed {2} to {3}.")).Arg(text).Arg(v.name)
              .Arg(item.min ? FormatNumber(*item.min) : std::string("−∞")).Arg(item.max ? FormatNumber(*item.max) : std::string("∞"));
        if (item.decimals == 0 && x != std::floor(x))
          return Message(N_("{0} is not allowed for {1}: a whole number is expected.")).Arg(text).Arg(v.name);
        break;
      default: break;
    }
    m_current = ExprValue::Of(x);
  }
  if (!item.constraint.empty() && !v.isImportance && v.option == 0 && !Holds(item.constraint)) {
    const std::string why = item.constraintMessage.Get(CurrentLanguage() == "zh_CN" ? "zh" : "en");
    return Message(N_("{0} does not meet the rule of {1} ({2}){3}")).Arg(text).Arg(v.name).Arg(item.constraint)
        .Arg(why.empty() ? std::string(".") : ": " + why);
  }
  return std::nullopt;
}

void AnswerSheet::Set(size_t index, std::string_view keyed) {
  const std::string text(Trim(keyed));
  if (m_vars[index].isText) {
    if (text.empty()) m_texts.erase(int(index));
    else m_texts[int(index)] = text;
    return;
  }
  m_values[index] = text.empty() ? kNone : ParseNumber(text).value_or(kNone);
}

void AnswerSheet::Load(const std::vector<double>& values, const std::vector<std::pair<int, std::string>>& texts) {
  for (size_t i = 0; i < m_values.size(); ++i) m_values[i] = i < values.size() ? values[i] : kNone;
  m_texts.clear();
  for (const auto& [i, t] : texts)
    if (i >= 0 && size_t(i) < m_vars.size()) m_texts[i] = t;
}

bool AnswerSheet::Holds(const std::string& expression) const {
  auto parsed = Expression::Parse(expression);
  // An expression that does not parse was reported when the questionnaire was checked; it
  // never hides a question.
  if (!std::holds_alternative<Expression>(parsed)) return true;
  return std::get<Expression>(parsed).Evaluate(*this).Truthy();
}

bool AnswerSheet::Relevant(size_t index) const {
  const Item* item = m_vars[index].item;
  for (const Section& s : m_form.sections)
    for (const Item& i : s.items)
      if (&i == item) {
        if (!s.relevant.empty() && !Holds(s.relevant)) return false;
        return item->relevant.empty() || Holds(item->relevant);
      }
  return true;
}

std::vector<size_t> AnswerSheet::AnsweredButSkipped() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (Answered(i) && !Relevant(i)) out.push_back(i);
  return out;
}

std::string AnswerSheet::SkipCondition(size_t index) const {
  const Item* item = m_vars[index].item;
  for (const Section& s : m_form.sections)
    for (const Item& i : s.items)
      if (&i == item) return !s.relevant.empty() && !Holds(s.relevant) ? s.relevant : item->relevant;
  return {};
}

int AnswerSheet::QuestionNumber(size_t index) const {
  auto it = m_numbers.find(m_vars[index].item->id);
  return it == m_numbers.end() ? 0 : it->second;
}

ExprValue AnswerSheet::Value(const std::string& name) const {
  auto i = IndexOf(name);
  if (!i) return ExprValue::Missing();
  if (m_vars[*i].isText) return Answered(*i) ? ExprValue::Of(Text(*i)) : ExprValue::Missing();
  return std::isnan(m_values[*i]) ? ExprValue::Missing() : ExprValue::Of(m_values[*i]);
}

ExprValue AnswerSheet::Selected(const std::string& name, double code) const {
  bool any = false, selected = false;
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (m_vars[i].item->id == name && !m_vars[i].isText) {
      if (!std::isnan(m_values[i])) any = true;
      if (m_vars[i].option == code && m_values[i] == 1) selected = true;
      if (m_vars[i].item->type == ItemType::kSingle && m_values[i] == code) selected = true;
    }
  return any ? ExprValue::Of(selected ? 1.0 : 0.0) : ExprValue::Missing();
}

ExprValue AnswerSheet::CountSelected(const std::string& name) const {
  double n = 0;
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (m_vars[i].item->id == name && m_vars[i].item->type == ItemType::kMultiple && !m_vars[i].isText && m_values[i] == 1) n += 1;
  return ExprValue::Of(n);
}

}  // namespace manyi

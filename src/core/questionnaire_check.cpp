// The questionnaire checks (see questionnaire_check.h).
#include "core/questionnaire_check.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/expression.h"
#include "core/text.h"

namespace manyi {

namespace {

using Severity = FormFinding::Severity;

class Checker {
 public:
  explicit Checker(const Questionnaire& q) : m_q(q), m_vars(q.Variables()) {}

  std::vector<FormFinding> Run() {
    Ids();
    Items();
    Logic();
    Translations();
    Indices();
    std::stable_sort(m_out.begin(), m_out.end(), [](const FormFinding& a, const FormFinding& b) {
      return a.severity == Severity::kError && b.severity != Severity::kError;
    });
    return std::move(m_out);
  }

 private:
  void Add(Severity s, std::string where, Message m) { m_out.push_back({s, std::move(where), std::move(m)}); }
  static std::string ItemWhere(const std::string& id) { return "item " + id; }

  bool IsName(const std::string& name) const {
    if (m_q.FindItem(name)) return true;
    return std::any_of(m_vars.begin(), m_vars.end(), [&](const Variable& v) { return v.name == name; });
  }

  void Ids() {
    if (Trim(m_q.id).empty()) Add(Severity::kError, "questionnaire", Message(N_("The questionnaire has no id.")));
    std::map<std::string, int> seen;
    std::set<std::string> sections;
    for (const Section& s : m_q.sections) {
      if (!sections.insert(s.id).second)
        Add(Severity::kError, "section " + s.id, Message(N_("The section id \"{0}\" is used twice.")).Arg(s.id));
      for (const Item& item : s.items) {
        if (Trim(item.id).empty()) Add(Severity::kError, "section " + s.id, Message(N_("An item has no id.")));
        if (++seen[item.id] == 2)
          Add(Severity::kError, ItemWhere(item.id), Message(N_("The item id \"{0}\" is used twice; ids must be unique and stay the same across versions.")).Arg(item.id));
        if (!item.id.empty() && !(std::isalpha(static_cast<unsigned char>(item.id[0])) || item.id[0] == '_'))
          Add(Severity::kError, ItemWhere(item.id), Message(N_("The item id \"{0}\" must start with a letter or \"_\" so that logic can refer to it.")).Arg(item.id));
      }
    }
    std::map<std::string, int> varSeen;
    for (const Variable& v : m_vars)
      if (++varSeen[v.name] == 2 && seen[v.name] < 2)
        Add(Severity::kError, ItemWhere(v.item->id), Message(N_("The variable \"{0}\" (from item {1}) clashes with another item or variable of the same name.")).Arg(v.name).Arg(v.item->id));
  }

  void Items() {
    for (const Section& s : m_q.sections)
      for (const Item& item : s.items) {
        const std::string w = ItemWhere(item.id);
        const bool choice = item.type == ItemType::kSingle || item.type == ItemType::kMultiple || item.type == ItemType::kRanking;
        if (choice && item.codes.empty())
          Add(Severity::kError, w, Message(N_("Item {0} is a choice question without answer options.")).Arg(item.id));
        std::set<double> values;
        for (const Code& c : item.codes)
          if (!values.insert(c.value).second)
            Add(Severity::kError, w, Message(N_("Item {0} has the code {1} twice.")).Arg(item.id).Arg(FormatNumber(c.value)));
        const bool scaled = item.type == ItemType::kRating || item.type == ItemType::kGrid || item.type == ItemType::kNps;
        if (scaled && !item.scale) Add(Severity::kError, w, Message(N_("Item {0} needs a scale (min, max and end labels).")).Arg(item.id));
        for (const Scale* sc : {item.scale ? &*item.scale : nullptr, item.importanceScale ? &*item.importanceScale : nullptr}) {
          if (!sc || !scaled) continue;
          for (double end : {sc->min, sc->max})
            if (!sc->pointLabels.count(int(end)) || sc->pointLabels.at(int(end)).Empty())
              Add(Severity::kError, w, Message(N_("The scale of item {0} has no label at {1}; label both ends so respondents know which way it runs.")).Arg(item.id).Arg(FormatNumber(end)));
        }
        if (item.type == ItemType::kGrid && item.rows.empty())
          Add(Severity::kError, w, Message(N_("Grid item {0} has no rows (attributes).")).Arg(item.id));
        if ((item.role == ItemRole::kRegion || item.role == ItemRole::kIndustry || item.role == ItemRole::kCustomerClass) && item.type != ItemType::kSingle)
          Add(Severity::kError, w, Message(N_("Item {0} has the role {1} and must be a single-choice question.")).Arg(item.id).Arg(ItemRoleKey(item.role)));
        if (item.type == ItemType::kNumeric && item.min && item.max && *item.min > *item.max)
          Add(Severity::kError, w, Message(N_("Item {0}: the minimum is greater than the maximum.")).Arg(item.id));
        if (item.reversed && item.type != ItemType::kRating)
          Add(Severity::kWarning, w, Message(N_("Item {0} is marked reversed but only rating items are recoded.")).Arg(item.id));
        if (item.type != ItemType::kNote && item.text.Empty() && item.rows.empty())
          Add(Severity::kError, w, Message(N_("Item {0} has no question text.")).Arg(item.id));
      }
  }

  /// Parses one expression; reports errors and unknown names; returns the names it uses.
  std::vector<std::string> CheckExpr(const std::string& where, const char* what, const std::string& source) {
    if (Trim(source).empty()) return {};
    auto parsed = Expression::Parse(source);
    if (auto* err = std::get_if<ExprError>(&parsed)) {
      Add(Severity::kError, where, Message(N_("The {0} condition does not parse: {1}")).Arg(Message(what)).Arg(err->Describe(source)));
      return {};
    }
    const Expression& e = std::get<Expression>(parsed);
    std::vector<std::string> refs = e.References();
    for (const std::string& r : refs)
      if (!IsName(r))
        Add(Severity::kError, where, Message(N_("The {0} condition \"{1}\" refers to \"{2}\", which is not an item of this questionnaire.")).Arg(Message(what)).Arg(source).Arg(r));
    return refs;
  }

  void Logic() {
    // Dependencies: item → items its relevance (and its section's) depends on.
    std::map<std::string, std::set<std::string>> deps;
    auto itemOf = [&](const std::string& name) -> std::string {
      if (m_q.FindItem(name)) return name;
      for (const Variable& v : m_vars)
        if (v.name == name) return v.item->id;
      return {};
    };
    for (const Section& s : m_q.sections) {
      auto sectionRefs = CheckExpr("section " + s.id, N_("relevance"), s.relevant);
      for (const Item& item : s.items) {
        const std::string w = ItemWhere(item.id);
        auto refs = CheckExpr(w, N_("relevance"), item.relevant);
        refs.insert(refs.end(), sectionRefs.begin(), sectionRefs.end());
        for (const std::string& r : refs)
          if (auto it = itemOf(r); !it.empty()) deps[item.id].insert(it);
        CheckExpr(w, N_("validation"), item.constraint);
        if (deps[item.id].count(item.id))
          Add(Severity::kError, w, Message(N_("Item {0} is shown only depending on its own answer, which it cannot have before it is shown.")).Arg(item.id));
      }
    }
    // Cycles between different items: depth-first search with colours.
    std::map<std::string, int> colour;  // 0 new, 1 on the stack, 2 done
    std::vector<std::string> stack;
    std::set<std::string> reported;
    std::function<void(const std::string&)> visit = [&](const std::string& id) {
      colour[id] = 1;
      stack.push_back(id);
      for (const std::string& d : deps[id]) {
        if (d == id) continue;
        if (colour[d] == 1) {
          auto from = std::find(stack.begin(), stack.end(), d);
          std::string cycle;
          for (auto it = from; it != stack.end(); ++it) cycle += *it + " → ";
          cycle += d;
          if (reported.insert(d).second)
            Add(Severity::kError, ItemWhere(d), Message(N_("The skip logic goes round in a circle: {0}. Break the circle so that each item depends only on earlier answers.")).Arg(cycle));
        } else if (colour[d] == 0) {
          visit(d);
        }
      }
      stack.pop_back();
      colour[id] = 2;
    };
    for (const auto& [id, d] : deps)
      if (colour[id] == 0) visit(id);
  }

  void Translations() {
    for (const std::string& lang : m_q.languages) {
      std::vector<std::string> places;
      auto need = [&](const LocalText& t, const std::string& place) {
        if (!t.Has(lang)) places.push_back(place);
      };
      need(m_q.title, "title");
      for (const auto& [name, codes] : m_q.codeLists)
        for (const Code& c : codes) need(c.label, "code list " + name + " code " + FormatNumber(c.value));
      for (const Section& s : m_q.sections) {
        if (!s.title.Empty()) need(s.title, "section " + s.id);
        for (const Item& item : s.items) {
          if (item.rows.empty() || !item.text.Empty()) need(item.text, ItemWhere(item.id));
          if (item.codeListRef.empty())
            for (const Code& c : item.codes) need(c.label, ItemWhere(item.id) + " code " + FormatNumber(c.value));
          for (const GridRow& r : item.rows) need(r.text, ItemWhere(item.id) + " row " + r.id);
          if (item.scale && item.scaleRef.empty())
            for (const auto& [p, t] : item.scale->pointLabels) need(t, ItemWhere(item.id) + " scale point " + std::to_string(p));
          if (!item.constraintMessage.Empty()) need(item.constraintMessage, ItemWhere(item.id) + " validation message");
        }
      }
      for (const auto& [name, sc] : m_q.scales)
        for (const auto& [p, t] : sc.pointLabels) need(t, "scale " + name + " point " + std::to_string(p));
      if (places.empty()) continue;
      std::string list;
      for (size_t i = 0; i < places.size() && i < 12; ++i) list += (i ? ", " : "") + places[i];
      if (places.size() > 12) list += ", …";
      Add(Severity::kError, "language " + lang,
          Message(N_("{0} text(s) have no \"{1}\" translation: {2}")).Arg(static_cast<long long>(places.size())).Arg(lang).Arg(list));
    }
  }

  const Variable* FindVar(const std::string& name) const {
    for (const Variable& v : m_vars)
      if (v.name == name) return &v;
    return nullptr;
  }

  void Indices() {
    std::set<std::string> ids;
    for (const IndexDefinition& d : m_q.indices) {
      const std::string w = "index " + d.id;
      if (!ids.insert(d.id).second) Add(Severity::kError, w, Message(N_("The index id \"{0}\" is used twice.")).Arg(d.id));
      if (d.dimensions.empty()) Add(Severity::kError, w, Message(N_("Index {0} has no dimensions.")).Arg(d.id));
      bool anySatisfaction = false;
      for (const IndexDimension& dim : d.dimensions) {
        if (dim.variables.empty()) Add(Severity::kError, w, Message(N_("Dimension {0} of index {1} has no items.")).Arg(dim.id).Arg(d.id));
        for (const std::string& name : dim.variables) {
          const Variable* v = FindVar(name);
          if (!v) {
            Add(Severity::kError, w, Message(N_("Index {0} uses \"{1}\", which is not a variable of this questionnaire.")).Arg(d.id).Arg(name));
            continue;
          }
          const ItemType t = v->item->type;
          if (!(t == ItemType::kRating || t == ItemType::kGrid || t == ItemType::kNps || t == ItemType::kNumeric) || v->isImportance)
            Add(Severity::kError, w, Message(N_("Index {0} uses \"{1}\", which is not a rating of satisfaction.")).Arg(d.id).Arg(name));
          const ItemRole role = v->row ? v->row->role : v->item->role;
          if (role == ItemRole::kAttributeSatisfaction || role == ItemRole::kOverallSatisfaction) anySatisfaction = true;
          if (d.weighting == IndexWeighting::kFixed) {
            auto it = dim.fixedWeights.find(name);
            if (it == dim.fixedWeights.end() || it->second < 0)
              Add(Severity::kError, w, Message(N_("Index {0} is weighted by fixed weights but \"{1}\" has none (or a negative one).")).Arg(d.id).Arg(name));
          }
          if (d.weighting == IndexWeighting::kStatedImportance && ImportanceOf(dim, *v).empty())
            Add(Severity::kError, w, Message(N_("Index {0} is weighted by stated importance but \"{1}\" has no importance item (role attribute_importance with the same attribute, or a grid with an importance scale).")).Arg(d.id).Arg(name));
        }
      }
      if (!anySatisfaction && !d.dimensions.empty())
        Add(Severity::kError, w, Message(N_("Index {0} has no item with the role attribute_satisfaction or overall_satisfaction.")).Arg(d.id));
    }
  }

  /// The importance variable paired with a satisfaction variable, or "".
  std::string ImportanceOf(const IndexDimension& dim, const Variable& v) const {
    if (auto it = dim.importance.find(v.name); it != dim.importance.end()) return FindVar(it->second) ? it->second : "";
    if (v.row && !v.row->importanceId.empty() && v.item->importanceScale) return v.row->importanceId;
    if (!v.item->attribute.empty())
      for (const Item* imp : m_q.ItemsWithRole(ItemRole::kAttributeImportance))
        if (imp->attribute == v.item->attribute) return imp->id;
    return {};
  }

  const Questionnaire& m_q;
  std::vector<Variable> m_vars;
  std::vector<FormFinding> m_out;
};

}  // namespace

std::vector<FormFinding> CheckQuestionnaire(const Questionnaire& form) { return Checker(form).Run(); }

bool NoErrors(const std::vector<FormFinding>& findings) {
  return std::none_of(findings.begin(), findings.end(), [](const FormFinding& f) { return f.severity == FormFinding::Severity::kError; });
}

}  // namespace manyi

// The designer's document and its edit commands.
#include "gui/designer_model.h"

#include <chrono>
#include <set>

#include "core/error.h"
#include "io/form_json.h"
#include "storage/sqlite.h"

namespace manyi::gui {

namespace {

using Clock = std::chrono::steady_clock;

/// Edits of one field closer together than this are one undo step.
constexpr auto kTypingRun = std::chrono::seconds(4);

/// An edit that replaces one value of the form (an item, a section's own fields, the whole
/// form) by another. Edits of the same field at the same place in a quick run merge into one
/// undo step; placeMatters is false for form-wide edits, whose place only says what to show.
template <typename Value>
class ValueEdit : public EditCommand {
 public:
  bool Absorb(const EditCommand& next) override {
    auto* other = dynamic_cast<const ValueEdit*>(&next);
    if (!other || m_field.empty() || other->m_field != m_field || (m_placeMatters && other->m_where != m_where) ||
        other->m_at - m_at > kTypingRun)
      return false;
    m_after = other->m_after;
    m_at = other->m_at;
    return true;
  }
  FormPath Where() const override { return m_where; }

 protected:
  ValueEdit(Message label, FormPath where, Value before, Value after, std::string field, bool placeMatters = true)
      : EditCommand(std::move(label)), m_where(where), m_before(std::move(before)), m_after(std::move(after)),
        m_field(std::move(field)), m_placeMatters(placeMatters), m_at(Clock::now()) {}

  FormPath m_where;
  Value m_before, m_after;

 private:
  std::string m_field;
  bool m_placeMatters;
  Clock::time_point m_at;
};

class ItemEdit : public ValueEdit<Item> {
 public:
  ItemEdit(FormPath where, Item before, Item after, Message label, std::string field)
      : ValueEdit(std::move(label), where, std::move(before), std::move(after), std::move(field)) {}
  void Do(Questionnaire& form) const override { At(form) = m_after; }
  void Undo(Questionnaire& form) const override { At(form) = m_before; }

 private:
  Item& At(Questionnaire& form) const { return form.sections.at(size_t(m_where.section)).items.at(size_t(m_where.item)); }
};

class SectionEdit : public ValueEdit<Section> {
 public:
  SectionEdit(int section, Section before, Section after, Message label, std::string field)
      : ValueEdit(std::move(label), {section, -1}, std::move(before), std::move(after), std::move(field)) {
    // Only the section's own fields: its items are not this command's business.
    m_before.items.clear();
    m_after.items.clear();
  }
  void Do(Questionnaire& form) const override { Apply(form, m_after); }
  void Undo(Questionnaire& form) const override { Apply(form, m_before); }

 private:
  void Apply(Questionnaire& form, const Section& value) const {
    Section& s = form.sections.at(size_t(m_where.section));
    std::vector<Item> items = std::move(s.items);
    s = value;
    s.items = std::move(items);
  }
};

class FormEdit : public ValueEdit<Questionnaire> {
 public:
  FormEdit(Questionnaire before, Questionnaire after, Message label, FormPath at, std::string field)
      : ValueEdit(std::move(label), at, std::move(before), std::move(after), std::move(field), /*placeMatters=*/false) {}
  void Do(Questionnaire& form) const override { form = m_after; }
  void Undo(Questionnaire& form) const override { form = m_before; }
};

void AddTexts(std::vector<const LocalText*>& out, const Item& item) {
  out.push_back(&item.text);
  out.push_back(&item.help);
  out.push_back(&item.constraintMessage);
  for (const Code& c : item.codes) out.push_back(&c.label);
  for (const Scale* scale : {item.scale ? &*item.scale : nullptr, item.importanceScale ? &*item.importanceScale : nullptr}) {
    if (!scale) continue;
    for (const auto& [point, label] : scale->pointLabels) out.push_back(&label);
    for (const MissingCode& m : scale->missing) out.push_back(&m.label);
  }
  for (const GridRow& row : item.rows) out.push_back(&row.text);
}

}  // namespace

std::unique_ptr<EditCommand> ChangeItem(const Questionnaire& form, FormPath where, Item changed, Message label,
                                        std::string field) {
  const Item* before = ItemAt(form, where);
  if (!before) throw std::logic_error("ChangeItem: no item at the path");
  return std::make_unique<ItemEdit>(where, *before, std::move(changed), std::move(label), std::move(field));
}

std::unique_ptr<EditCommand> ChangeSection(const Questionnaire& form, int section, Section changed, Message label,
                                           std::string field) {
  const Section* before = SectionAt(form, {section, -1});
  if (!before) throw std::logic_error("ChangeSection: no such section");
  return std::make_unique<SectionEdit>(section, *before, std::move(changed), std::move(label), std::move(field));
}

std::unique_ptr<EditCommand> ChangeForm(const Questionnaire& before, Questionnaire after, Message label, FormPath at,
                                        std::string field) {
  return std::make_unique<FormEdit>(before, std::move(after), std::move(label), at, std::move(field));
}

DesignerDocument::DesignerDocument(storage::Project& project, int64_t id) : m_project(project), m_id(id) {
  auto form = io::LoadQuestionnaire(project, id);
  if (!form) throw UserError(Message(N_("Questionnaire version {0} is not in the project (any more).")).Arg(static_cast<long long>(id)));
  m_form = std::move(*form);
}

int DesignerDocument::StoredVersion() const {
  storage::Statement st(m_project.Db(), "SELECT version FROM questionnaire WHERE id = ?1");
  st.Bind(1, m_id);
  return st.Step() ? int(st.Int(0)) : 0;
}

bool DesignerDocument::InUse() const { return io::QuestionnaireInUse(m_project, m_id); }

void DesignerDocument::Commit() {
  storage::Transaction tx(m_project.Db());
  const int64_t id = io::StoreQuestionnaireEdit(m_project, m_id, m_form);
  tx.Commit();
  m_id = id;
}

void DesignerDocument::Execute(std::unique_ptr<EditCommand> command) {
  command->Do(m_form);
  try {
    Commit();
  } catch (...) {
    command->Undo(m_form);
    throw;
  }
  m_redo.clear();
  if (m_sealed || m_undo.empty() || !m_undo.back()->Absorb(*command)) m_undo.push_back(std::move(command));
  m_sealed = false;
  if (onChanged) onChanged();
}

FormPath DesignerDocument::Undo() { return Step(m_undo, m_redo, true); }

FormPath DesignerDocument::Redo() { return Step(m_redo, m_undo, false); }

FormPath DesignerDocument::Step(std::vector<std::unique_ptr<EditCommand>>& from,
                                std::vector<std::unique_ptr<EditCommand>>& to, bool undo) {
  if (from.empty()) return {};
  EditCommand& command = *from.back();
  undo ? command.Undo(m_form) : command.Do(m_form);
  try {
    Commit();
  } catch (...) {
    undo ? command.Do(m_form) : command.Undo(m_form);
    throw;
  }
  to.push_back(std::move(from.back()));
  from.pop_back();
  m_sealed = true;
  if (onChanged) onChanged();
  return to.back()->Where();
}

const Item* ItemAt(const Questionnaire& form, FormPath path) {
  if (!path.IsItem() || size_t(path.section) >= form.sections.size()) return nullptr;
  const Section& s = form.sections[size_t(path.section)];
  return size_t(path.item) < s.items.size() ? &s.items[size_t(path.item)] : nullptr;
}

const Section* SectionAt(const Questionnaire& form, FormPath path) {
  return path.section >= 0 && size_t(path.section) < form.sections.size() ? &form.sections[size_t(path.section)] : nullptr;
}

bool MissingTranslation(const LocalText& text) {
  auto has = [&](const char* lang) {
    auto it = text.byLang.find(lang);
    return it != text.byLang.end() && !it->second.empty();
  };
  return has("zh") != has("en");
}

bool ItemMissesTranslation(const Item& item) {
  std::vector<const LocalText*> texts;
  AddTexts(texts, item);
  for (const LocalText* t : texts)
    if (MissingTranslation(*t)) return true;
  return false;
}

std::string NewItemId(const Questionnaire& form, const std::string& prefix) {
  std::set<std::string> used;
  for (const Section& s : form.sections) {
    used.insert(s.id);
    for (const Item& item : s.items) used.insert(item.id);
  }
  for (const Variable& v : form.Variables()) used.insert(v.name);
  for (int n = 1;; ++n)
    if (std::string id = prefix + std::to_string(n); !used.count(id)) return id;
}

}  // namespace manyi::gui

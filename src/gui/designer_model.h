// The questionnaire designer's document: the questionnaire being edited, its edits as commands
// (undo / redo), and each edit committed to the project file at once, in a transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/message.h"
#include "core/questionnaire.h"
#include "storage/project.h"

namespace manyi::gui {

/// Where in the questionnaire: the questionnaire itself (section < 0), a section (item < 0) or an item.
struct FormPath {
  int section = -1;
  int item = -1;
  bool IsForm() const { return section < 0; }
  bool IsSection() const { return section >= 0 && item < 0; }
  bool IsItem() const { return section >= 0 && item >= 0; }
  bool operator==(const FormPath&) const = default;
};

/// One edit of a questionnaire (the command pattern). Commands keep the part they change as it
/// was and as it becomes, so that Undo restores exactly what was there.
class EditCommand {
 public:
  explicit EditCommand(Message label) : m_label(std::move(label)) {}
  virtual ~EditCommand() = default;
  virtual void Do(Questionnaire& form) const = 0;
  virtual void Undo(Questionnaire& form) const = 0;
  /// Folds a following edit of the same field into this one (typing pauses, not one undo step per
  /// pause); returns whether it did.
  virtual bool Absorb(const EditCommand& next) { (void)next; return false; }
  /// What the edit does ("Edit the texts of q3"), for Edit ▸ Undo.
  const Message& Label() const { return m_label; }
  /// Where the edit happened (the designer selects it again on undo).
  virtual FormPath Where() const = 0;

 private:
  Message m_label;
};

/// An item replaced by a changed copy. field names what changed: edits of the same field of the
/// same item in a row become one undo step.
std::unique_ptr<EditCommand> ChangeItem(const Questionnaire& form, FormPath where, Item changed, Message label,
                                        std::string field = {});
/// A section's own properties (id, title, relevance) changed; its items are left as they are.
std::unique_ptr<EditCommand> ChangeSection(const Questionnaire& form, int section, Section changed, Message label,
                                           std::string field = {});
/// Anything else (adding, deleting, moving, shared code lists and scales, the title): the whole
/// questionnaire before and after. at: what to select afterwards.
std::unique_ptr<EditCommand> ChangeForm(const Questionnaire& before, Questionnaire after, Message label, FormPath at,
                                        std::string field = {});

/// The questionnaire open in the designer.
class DesignerDocument {
 public:
  /// Loads stored version id; throws UserError when it cannot be read.
  DesignerDocument(storage::Project& project, int64_t id);

  const Questionnaire& Form() const { return m_form; }
  /// The stored version holding the questionnaire now (a new one once an edit of a used version
  /// was committed).
  int64_t StoredId() const { return m_id; }
  int StoredVersion() const;
  /// Whether the stored version is in use, so that the next edit becomes a new version.
  bool InUse() const;

  /// Applies an edit and commits it to the project; if the commit fails the edit is taken back
  /// and the error thrown (nothing half-done in memory or on disk).
  void Execute(std::unique_ptr<EditCommand> command);
  bool CanUndo() const { return !m_undo.empty(); }
  bool CanRedo() const { return !m_redo.empty(); }
  /// Undoes the last edit (committed like any edit); returns where it was.
  FormPath Undo();
  FormPath Redo();
  const EditCommand* NextUndo() const { return m_undo.empty() ? nullptr : m_undo.back().get(); }
  const EditCommand* NextRedo() const { return m_redo.empty() ? nullptr : m_redo.back().get(); }
  /// Ends the current typing run: the next edit of the same field is a step of its own.
  void Seal() { m_sealed = true; }

  /// Called after every committed change (edit, undo, redo).
  std::function<void()> onChanged;

 private:
  void Commit();
  /// Undoes (undo) or redoes the last command of from, committed, and moves it to to.
  FormPath Step(std::vector<std::unique_ptr<EditCommand>>& from, std::vector<std::unique_ptr<EditCommand>>& to, bool undo);

  storage::Project& m_project;
  int64_t m_id;
  Questionnaire m_form;
  std::vector<std::unique_ptr<EditCommand>> m_undo, m_redo;
  bool m_sealed = true;
};

/// The item or section at path, or nullptr.
const Item* ItemAt(const Questionnaire& form, FormPath path);
const Section* SectionAt(const Questionnaire& form, FormPath path);

/// Whether a text lacks one of the two languages while having the other ("" in both is not
/// missing a translation, only empty).
bool MissingTranslation(const LocalText& text);
/// Whether anything the respondent reads in an item lacks a translation (text, help, options,
/// scale labels, grid rows).
bool ItemMissesTranslation(const Item& item);

/// An item id not used yet in form ("q1", "q2"…).
std::string NewItemId(const Questionnaire& form, const std::string& prefix = "q");

}  // namespace manyi::gui

// The designer's editing controls: Chinese and English texts side by side with missing-translation
// markers, an expression editor validated as you type, and a table of labelled values (answer
// options, scale points, grid rows). Each commits through a callback when the user pauses,
// presses Enter or leaves the field — never on every keystroke, never only on "Save".
#pragma once

#include <wx/panel.h>
#include <wx/timer.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/questionnaire.h"

class wxDataViewListCtrl;
class wxDataViewEvent;
class wxStaticText;
class wxTextCtrl;
class wxButton;

namespace manyi::gui {

/// Calls commit for a text control when typing pauses, on Enter and when the focus leaves.
class PendingText {
 public:
  PendingText(wxTextCtrl* control, std::function<void()> commit);
  ~PendingText();
  /// Commits now if typing is pending.
  void Flush();
  bool Pending() const { return m_state->pending; }
  /// Sets the text without it counting as typing.
  void SetQuietly(const wxString& value);

 private:
  // Shared with the control's handlers, which may outlive this object by a focus event.
  struct State {
    std::function<void()> commit;
    wxTimer timer;
    bool pending = false;
    bool alive = true;
  };
  wxTextCtrl* m_control;
  std::shared_ptr<State> m_state;
};

/// One row of texts: a label and the text in zh and en.
struct TextRow {
  wxString label;
  LocalText value;
  bool multiline = false;
};

/// Rows of texts in two columns, Chinese | English, each with a marker when one language is given
/// and the other is not.
class TextPairEditor : public wxPanel {
 public:
  explicit TextPairEditor(wxWindow* parent);

  /// Shows these rows (replacing the ones there were).
  void SetRows(const std::vector<TextRow>& rows);
  /// Called with the row index and its new texts when the user changed one.
  std::function<void(size_t row, const LocalText& value)> onCommit;

  void CommitPending();
  wxTextCtrl* GetControl(size_t row, bool chinese) const;
  /// Whether the row shows the missing-translation marker.
  bool IsMarkedMissing(size_t row) const;

 private:
  struct Row;
  void UpdateMarker(size_t row);
  void Commit(size_t row);
  std::vector<std::unique_ptr<Row>> m_rows;
};

/// A relevance or constraint expression, parsed on every keystroke: the error is shown with a
/// caret under the offending character and that character is highlighted; only a valid
/// expression is committed.
class ExpressionEditor : public wxPanel {
 public:
  /// what: N_("relevance") or N_("validation") — the condition's name in messages.
  ExpressionEditor(wxWindow* parent, const wxString& label, const wxString& hint, const char* what, bool allowCurrent);

  /// The questionnaire whose names the expression may use, and the current text.
  void SetExpression(const Questionnaire& form, const std::string& expression);
  std::function<void(const std::string& expression)> onCommit;

  void CommitPending();
  bool IsValid() const { return m_error.empty(); }
  /// The problem shown ("" when valid).
  wxString ErrorText() const { return m_error; }
  /// The 0-based character (not byte) the error points at.
  std::optional<size_t> ErrorColumn() const { return m_errorColumn; }
  wxTextCtrl* GetText() const { return m_text; }
  wxStaticText* GetStatus() const { return m_status; }

 private:
  void CheckExpression();

  const char* m_what;
  bool m_allowCurrent;
  std::vector<std::string> m_names;
  std::string m_committed;
  wxTextCtrl* m_text = nullptr;
  wxStaticText* m_status = nullptr;
  std::unique_ptr<PendingText> m_pending;
  wxString m_error;
  std::optional<size_t> m_errorColumn;
};

/// One labelled value: a key (a code, a scale point or a row id) and its zh / en texts.
struct LabelRow {
  wxString key;
  LocalText text;
};

/// An editable table of labelled values with Add / Remove / Up / Down.
class LabelTable : public wxPanel {
 public:
  /// keyHeader names the first column ("Code", "Point", "Row id"); newKey makes the key of an added row.
  LabelTable(wxWindow* parent, const wxString& title, const wxString& keyHeader,
             std::function<wxString(const std::vector<LabelRow>&)> newKey);

  void SetRows(const std::vector<LabelRow>& rows);
  const std::vector<LabelRow>& GetRows() const { return m_rows; }
  /// Called with all rows after any change; returns false (and the table goes back) when the
  /// caller refused the change — it has told the user why.
  std::function<bool(const std::vector<LabelRow>& rows)> onCommit;
  /// Sets a cell as the user would (column 0 key, 1 zh, 2 en) and commits.
  void EditCell(size_t row, int column, const wxString& value);
  wxDataViewListCtrl* GetList() const { return m_list; }

 private:
  void Fill();
  void Changed(std::vector<LabelRow> rows);
  void OnEdited(wxDataViewEvent& event);

  std::function<wxString(const std::vector<LabelRow>&)> m_newKey;
  std::vector<LabelRow> m_rows;
  wxDataViewListCtrl* m_list = nullptr;
};

}  // namespace manyi::gui

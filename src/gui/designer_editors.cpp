// The designer's editing controls.
#include "gui/designer_editors.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <set>

#include "core/expression.h"
#include "gui/designer_model.h"
#include "gui/labels.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {

/// How long typing may pause before what was typed is committed.
constexpr int kPauseMs = 900;

wxColour WarningColour() { return wxColour(0xB0, 0x30, 0x00); }

wxString MissingMarker() { return wxString::FromUTF8("⚠ ") + _("translation missing"); }

void SetLang(LocalText& text, const char* lang, const wxString& value) {
  const std::string v = ToUtf8(value);
  if (v.empty())
    text.byLang.erase(lang);
  else
    text.byLang[lang] = v;
}

wxString GetLang(const LocalText& text, const char* lang) {
  auto it = text.byLang.find(lang);
  return it == text.byLang.end() ? wxString() : ToWx(it->second);
}

}  // namespace

// --- PendingText --------------------------------------------------------------------------

PendingText::PendingText(wxTextCtrl* control, std::function<void()> commit)
    : m_control(control), m_state(std::make_shared<State>()) {
  m_state->commit = std::move(commit);
  std::weak_ptr<State> weak = m_state;
  auto flush = [weak] {
    auto state = weak.lock();
    if (!state || !state->alive) return;
    state->timer.Stop();
    if (!state->pending) return;
    state->pending = false;
    state->commit();
  };
  m_state->timer.Bind(wxEVT_TIMER, [flush](wxTimerEvent&) { flush(); });
  control->Bind(wxEVT_TEXT, [weak](wxCommandEvent& event) {
    if (auto state = weak.lock(); state && state->alive) {
      state->pending = true;
      state->timer.StartOnce(kPauseMs);
    }
    event.Skip();
  });
  if (control->HasFlag(wxTE_PROCESS_ENTER))
    control->Bind(wxEVT_TEXT_ENTER, [flush](wxCommandEvent& event) {
      flush();
      event.Skip();
    });
  control->Bind(wxEVT_KILL_FOCUS, [flush](wxFocusEvent& event) {
    flush();
    event.Skip();
  });
}

PendingText::~PendingText() {
  m_state->alive = false;
  m_state->timer.Stop();
}

void PendingText::Flush() {
  m_state->timer.Stop();
  if (!m_state->pending) return;
  m_state->pending = false;
  m_state->commit();
}

void PendingText::SetQuietly(const wxString& value) {
  m_state->timer.Stop();
  m_control->ChangeValue(value);
  m_state->pending = false;
}

// --- TextPairEditor -------------------------------------------------------------------------

struct TextPairEditor::Row {
  LocalText value;
  wxTextCtrl* zh = nullptr;
  wxTextCtrl* en = nullptr;
  wxStaticText* marker = nullptr;
  std::unique_ptr<PendingText> zhPending, enPending;
};

TextPairEditor::TextPairEditor(wxWindow* parent) : wxPanel(parent, wxID_ANY) { SetName("texts"); }

void TextPairEditor::SetRows(const std::vector<TextRow>& rows) {
  // Rows are rebuilt only when their number or kind changes; otherwise the controls keep the
  // focus and caret while the values are refreshed.
  bool same = GetSizer() && rows.size() == m_rows.size();
  for (size_t i = 0; same && i < rows.size(); ++i)
    same = m_rows[i]->zh->IsMultiLine() == rows[i].multiline;
  if (same) {
    for (size_t i = 0; i < rows.size(); ++i) {
      Row& row = *m_rows[i];
      row.value = rows[i].value;
      if (!row.zhPending->Pending()) row.zhPending->SetQuietly(GetLang(row.value, "zh"));
      if (!row.enPending->Pending()) row.enPending->SetQuietly(GetLang(row.value, "en"));
      UpdateMarker(i);
    }
    Layout();
    return;
  }
  for (auto& row : m_rows) {
    row->zhPending.reset();
    row->enPending.reset();
  }
  m_rows.clear();
  DestroyChildren();
  const int gap = FromDIP(6);
  auto* grid = new wxFlexGridSizer(3, gap, 2 * gap);
  grid->AddGrowableCol(1, 1);
  grid->AddGrowableCol(2, 1);
  grid->Add(new wxStaticText(this, wxID_ANY, wxString()));
  for (const wxString& header : {_("Chinese (zh)"), _("English (en)")}) grid->Add(BoldLabel(this, header));
  for (size_t i = 0; i < rows.size(); ++i) {
    auto row = std::make_unique<Row>();
    row->value = rows[i].value;
    auto* label = new wxStaticText(this, wxID_ANY, rows[i].label);
    const long style = rows[i].multiline ? wxTE_MULTILINE : wxTE_PROCESS_ENTER;
    row->zh = new wxTextCtrl(this, wxID_ANY, GetLang(row->value, "zh"), wxDefaultPosition, wxDefaultSize, style);
    row->en = new wxTextCtrl(this, wxID_ANY, GetLang(row->value, "en"), wxDefaultPosition, wxDefaultSize, style);
    row->zh->SetName(wxString::Format("text_%zu_zh", i));
    row->en->SetName(wxString::Format("text_%zu_en", i));
    if (rows[i].multiline) {
      const wxSize lines(-1, row->zh->GetCharHeight() * 3 + FromDIP(10));
      row->zh->SetMinSize(lines);
      row->en->SetMinSize(lines);
    }
    row->zhPending = std::make_unique<PendingText>(row->zh, [this, i] { Commit(i); });
    row->enPending = std::make_unique<PendingText>(row->en, [this, i] { Commit(i); });
    row->zh->Bind(wxEVT_TEXT, [this, i](wxCommandEvent& e) { UpdateMarker(i); e.Skip(); });
    row->en->Bind(wxEVT_TEXT, [this, i](wxCommandEvent& e) { UpdateMarker(i); e.Skip(); });
    row->marker = new wxStaticText(this, wxID_ANY, MissingMarker());
    row->marker->SetForegroundColour(WarningColour());
    auto* labelBox = new wxBoxSizer(wxVERTICAL);
    labelBox->Add(label);
    labelBox->Add(row->marker, wxSizerFlags().Border(wxTOP, gap / 2));
    grid->Add(labelBox, wxSizerFlags().Top());
    grid->Add(row->zh, wxSizerFlags().Expand());
    grid->Add(row->en, wxSizerFlags().Expand());
    m_rows.push_back(std::move(row));
    UpdateMarker(i);
  }
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxALL, gap));
  SetSizer(sizer, true);
  Layout();
}

void TextPairEditor::UpdateMarker(size_t i) {
  Row& row = *m_rows[i];
  const bool zh = !row.zh->GetValue().Strip(wxString::both).empty();
  const bool en = !row.en->GetValue().Strip(wxString::both).empty();
  // Shown or hidden, never relabelled: the layout does not jump while typing.
  row.marker->Show(zh != en);
  row.marker->SetToolTip(zh ? _("The English text is missing.") : _("The Chinese text is missing."));
  Layout();
}

void TextPairEditor::Commit(size_t i) {
  Row& row = *m_rows[i];
  LocalText value = row.value;
  SetLang(value, "zh", row.zh->GetValue());
  SetLang(value, "en", row.en->GetValue());
  if (value.byLang == row.value.byLang) return;
  row.value = value;
  if (onCommit) onCommit(i, value);
}

void TextPairEditor::CommitPending() {
  for (size_t i = 0; i < m_rows.size(); ++i) {
    m_rows[i]->zhPending->Flush();
    m_rows[i]->enPending->Flush();
  }
}

wxTextCtrl* TextPairEditor::GetControl(size_t row, bool chinese) const {
  if (row >= m_rows.size()) return nullptr;
  return chinese ? m_rows[row]->zh : m_rows[row]->en;
}

bool TextPairEditor::IsMarkedMissing(size_t row) const { return row < m_rows.size() && m_rows[row]->marker->IsShown(); }

// --- ExpressionEditor -----------------------------------------------------------------------

ExpressionEditor::ExpressionEditor(wxWindow* parent, const wxString& label, const wxString& hint, const char* what,
                                   bool allowCurrent)
    : wxPanel(parent, wxID_ANY), m_what(what), m_allowCurrent(allowCurrent) {
  const int gap = FromDIP(4);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(BoldLabel(this, label));
  auto* hintText = new wxStaticText(this, wxID_ANY, wxString());
  hintText->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  SetWrappedLabel(hintText, hint, FromDIP(480));
  sizer->Add(hintText, wxSizerFlags().Border(wxTOP, gap));
  m_text = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER | wxTE_RICH2);
  m_text->SetName("expression");
  const wxFont mono(wxFontInfo(GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE));
  m_text->SetFont(mono);
  sizer->Add(m_text, wxSizerFlags().Expand().Border(wxTOP, gap));
  m_status = new wxStaticText(this, wxID_ANY, wxString());
  m_status->SetName("expression_status");
  m_status->SetFont(mono);
  sizer->Add(m_status, wxSizerFlags().Expand().Border(wxTOP, gap));
  SetSizer(sizer);
  m_pending = std::make_unique<PendingText>(m_text, [this] {
    const std::string value = ToUtf8(m_text->GetValue().Strip(wxString::both));
    if (IsValid() && value != m_committed) {
      m_committed = value;
      if (onCommit) onCommit(value);
    }
  });
  m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent& event) {
    CheckExpression();
    event.Skip();
  });
}

void ExpressionEditor::SetExpression(const Questionnaire& form, const std::string& expression) {
  m_names.clear();
  for (const Section& s : form.sections)
    for (const Item& item : s.items) m_names.push_back(item.id);
  for (const Variable& v : form.Variables()) m_names.push_back(v.name);
  m_committed = expression;
  if (!m_pending->Pending()) m_pending->SetQuietly(ToWx(expression));
  CheckExpression();
}

void ExpressionEditor::CommitPending() { m_pending->Flush(); }

void ExpressionEditor::CheckExpression() {
  const wxString shown = m_text->GetValue();
  const std::string source = ToUtf8(shown);
  m_error.clear();
  m_errorColumn.reset();
  std::optional<size_t> bytePosition;
  std::string trimmed = ToUtf8(shown.Strip(wxString::both));
  if (!trimmed.empty()) {
    auto parsed = Expression::Parse(source);
    if (auto* error = std::get_if<ExprError>(&parsed)) {
      m_error = ToWx(error->message.Text());
      bytePosition = error->position;
    } else {
      const Expression& e = std::get<Expression>(parsed);
      std::set<std::string> known(m_names.begin(), m_names.end());
      for (const std::string& name : e.References()) {
        if (known.count(name)) continue;
        m_error = ToWx(Message(N_("The {0} condition \"{1}\" refers to \"{2}\", which is not an item of this questionnaire."))
                           .Arg(Message(m_what)).Arg(trimmed).Arg(name).Text());
        const size_t at = source.find(name);
        if (at != std::string::npos) bytePosition = at;
        break;
      }
      if (m_error.empty() && e.UsesCurrent() && !m_allowCurrent)
        m_error = _("\".\" (the answer itself) can only be used in a validation condition.");
    }
  }
  // Highlight: the whole text plain, then the offending character on red.
  m_text->SetStyle(0, m_text->GetLastPosition(), wxTextAttr(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT),
                                                            wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW)));
  if (m_error.empty()) {
    m_status->SetForegroundColour(wxColour(0x1B, 0x7F, 0x3B));
    m_status->SetLabel(trimmed.empty() ? _("No condition.") : wxString::FromUTF8("✓ ") + _("The condition is valid."));
  } else {
    size_t column = 0;
    wxString caretLine;
    if (bytePosition) {
      // Characters up to the error; a wide (CJK) character takes two columns of the caret line.
      for (size_t i = 0; i < *bytePosition && i < source.size(); ++i)
        if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) ++column;
      m_errorColumn = column;
      for (size_t c = 0; c < column && c < shown.length(); ++c) caretLine += shown[c] >= 0x2E80 ? "  " : " ";
      caretLine += "^";
      const long from = long(column), to = long(std::min<size_t>(column + 1, shown.length()));
      if (to > from) m_text->SetStyle(from, to, wxTextAttr(*wxWHITE, wxColour(0xC0, 0x20, 0x20)));
      else if (from > 0) m_text->SetStyle(from - 1, from, wxTextAttr(*wxWHITE, wxColour(0xC0, 0x20, 0x20)));
    }
    m_status->SetForegroundColour(wxColour(0xC0, 0x20, 0x20));
    wxString text = wxString::FromUTF8("✗ ") + m_error;
    if (bytePosition) text += "\n" + shown + "\n" + caretLine;
    m_status->SetLabel(text);
  }
  GetParent()->Layout();
  Layout();
}

// --- LabelTable ----------------------------------------------------------------------------

LabelTable::LabelTable(wxWindow* parent, const wxString& title, const wxString& keyHeader,
                       std::function<wxString(const std::vector<LabelRow>&)> newKey)
    : wxPanel(parent, wxID_ANY), m_newKey(std::move(newKey)) {
  const int gap = FromDIP(4);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* heading = BoldLabel(this, title);
  sizer->Add(heading, wxSizerFlags().Border(wxBOTTOM, gap));
  m_list = new wxDataViewListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                  wxDV_ROW_LINES | wxDV_SINGLE | wxDV_HORIZ_RULES);
  m_list->SetName("labels");
  m_list->AppendTextColumn(keyHeader, wxDATAVIEW_CELL_EDITABLE, wxCOL_WIDTH_AUTOSIZE);
  m_list->AppendTextColumn(_("Chinese (zh)"), wxDATAVIEW_CELL_EDITABLE, FromDIP(200), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
  m_list->AppendTextColumn(_("English (en)"), wxDATAVIEW_CELL_EDITABLE, FromDIP(200), wxALIGN_LEFT, wxDATAVIEW_COL_RESIZABLE);
  m_list->AppendTextColumn(wxString(), wxDATAVIEW_CELL_INERT, wxCOL_WIDTH_AUTOSIZE);
  m_list->SetMinSize(FromDIP(wxSize(-1, 160)));
  sizer->Add(m_list, wxSizerFlags(1).Expand());

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto button = [&](const wxString& label, const char* name, std::function<void()> action) {
    auto* b = new wxButton(this, wxID_ANY, label);
    b->SetName(name);
    b->Bind(wxEVT_BUTTON, [action](wxCommandEvent&) { action(); });
    buttons->Add(b, wxSizerFlags().Border(wxRIGHT, gap));
  };
  button(_("Add"), "label_add", [this] {
    std::vector<LabelRow> rows = m_rows;
    rows.push_back({m_newKey ? m_newKey(rows) : wxString(), {}});
    Changed(std::move(rows));
  });
  button(_("Remove"), "label_remove", [this] {
    const int row = m_list->GetSelectedRow();
    if (row == wxNOT_FOUND) return;
    std::vector<LabelRow> rows = m_rows;
    rows.erase(rows.begin() + row);
    Changed(std::move(rows));
  });
  button(_("Up"), "label_up", [this] {
    const int row = m_list->GetSelectedRow();
    if (row <= 0) return;
    std::vector<LabelRow> rows = m_rows;
    std::swap(rows[size_t(row)], rows[size_t(row) - 1]);
    Changed(std::move(rows));
    m_list->SelectRow(unsigned(row - 1));
  });
  button(_("Down"), "label_down", [this] {
    const int row = m_list->GetSelectedRow();
    if (row == wxNOT_FOUND || size_t(row) + 1 >= m_rows.size()) return;
    std::vector<LabelRow> rows = m_rows;
    std::swap(rows[size_t(row)], rows[size_t(row) + 1]);
    Changed(std::move(rows));
    m_list->SelectRow(unsigned(row + 1));
  });
  sizer->Add(buttons, wxSizerFlags().Border(wxTOP, gap));
  SetSizer(sizer);
  m_list->Bind(wxEVT_DATAVIEW_ITEM_VALUE_CHANGED, &LabelTable::OnEdited, this);
  // The two text columns share what the key and marker columns leave: nothing cut while there is room.
  m_list->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    auto width = [this](unsigned column) { return std::max(FromDIP(60), m_list->GetColumn(column)->GetWidth()); };
    const int fixed = width(0) + width(3) + FromDIP(24);
    const int each = std::max(FromDIP(120), (event.GetSize().x - fixed) / 2);
    m_list->GetColumn(1)->SetWidth(each);
    m_list->GetColumn(2)->SetWidth(each);
  });
}

void LabelTable::SetRows(const std::vector<LabelRow>& rows) {
  m_rows = rows;
  Fill();
}

void LabelTable::Fill() {
  m_list->Unbind(wxEVT_DATAVIEW_ITEM_VALUE_CHANGED, &LabelTable::OnEdited, this);
  m_list->DeleteAllItems();
  for (const LabelRow& row : m_rows) {
    wxVector<wxVariant> values;
    values.push_back(row.key);
    values.push_back(GetLang(row.text, "zh"));
    values.push_back(GetLang(row.text, "en"));
    values.push_back(MissingTranslation(row.text) ? MissingMarker() : wxString());
    m_list->AppendItem(values);
  }
  m_list->Bind(wxEVT_DATAVIEW_ITEM_VALUE_CHANGED, &LabelTable::OnEdited, this);
}

void LabelTable::Changed(std::vector<LabelRow> rows) {
  if (onCommit && !onCommit(rows)) {
    Fill();
    return;
  }
  m_rows = std::move(rows);
  Fill();
}

void LabelTable::EditCell(size_t row, int column, const wxString& value) {
  if (row >= m_rows.size()) return;
  std::vector<LabelRow> rows = m_rows;
  if (column == 0) rows[row].key = value;
  else SetLang(rows[row].text, column == 1 ? "zh" : "en", value);
  Changed(std::move(rows));
}

void LabelTable::OnEdited(wxDataViewEvent& event) {
  const int row = m_list->ItemToRow(event.GetItem());
  const int column = event.GetColumn();
  if (row == wxNOT_FOUND || column < 0 || column > 2) return;
  const wxString value = m_list->GetTextValue(unsigned(row), unsigned(column));
  // After the event returns: the control is still finishing the edit.
  CallAfter([this, row, column, value] { EditCell(size_t(row), column, value); });
}

}  // namespace manyi::gui

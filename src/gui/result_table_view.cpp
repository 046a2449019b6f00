// The list rendering of result tables.
#include "gui/result_table_view.h"

#include <wx/listctrl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>

#include "gui/wx_text.h"

namespace manyi::gui {

namespace {
/// Longer tables scroll rather than push the window off the screen.
constexpr int kMaxVisibleRows = 20;

bool IsNumeric(report::CellKind kind) {
  return kind != report::CellKind::kText;
}
}  // namespace

ResultTableView::ResultTableView(wxWindow* parent, const report::ResultTable& table)
    : wxPanel(parent, wxID_ANY), m_id(table.id), m_title(ToWx(table.title)) {
  SetName(ToWx(table.id));
  auto* sizer = new wxBoxSizer(wxVERTICAL);

  if (!table.title.empty()) {
    auto* title = new wxStaticText(this, wxID_ANY, m_title);
    title->SetFont(title->GetFont().Bold());
    sizer->Add(title, wxSizerFlags().Border(wxBOTTOM, FromDIP(4)));
  }

  m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                          wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
  m_list->SetName(ToWx(table.id) + "_list");
  // A column is right-aligned when every non-missing cell in it is a number.
  for (size_t c = 0; c < table.columns.size(); ++c) {
    bool numeric = false, text = false;
    for (const auto& row : table.rows) {
      if (c >= row.size() || row[c].kind == report::CellKind::kMissing) continue;
      (IsNumeric(row[c].kind) ? numeric : text) = true;
    }
    m_list->AppendColumn(ToWx(table.columns[c]), numeric && !text ? wxLIST_FORMAT_RIGHT : wxLIST_FORMAT_LEFT);
  }
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    const long item = m_list->InsertItem(long(r), row.empty() ? wxString() : ToWx(report::FormatCell(row[0])));
    for (size_t c = 1; c < row.size() && c < table.columns.size(); ++c)
      m_list->SetItem(item, int(c), ToWx(report::FormatCell(row[c])));
  }
  // Wide enough for both the longest cell and the header, in whichever language is shown.
  int totalWidth = 0;
  for (int c = 0; c < m_list->GetColumnCount(); ++c) {
    m_list->SetColumnWidth(c, wxLIST_AUTOSIZE);
    const int content = m_list->GetColumnWidth(c);
    m_list->SetColumnWidth(c, wxLIST_AUTOSIZE_USEHEADER);
    const int header = m_list->GetColumnWidth(c);
    const int width = std::max(content, header) + FromDIP(12);
    m_list->SetColumnWidth(c, width);
    totalWidth += width;
  }
  // As tall as its rows (up to kMaxVisibleRows, then it scrolls) and as wide as its columns, in
  // whichever language is shown; measured, never fixed.
  int height = m_list->GetBestSize().y;
  if (m_list->GetItemCount() > 0) {
    wxRect first, last;
    m_list->GetItemRect(0, first);
    const int shown = std::min(m_list->GetItemCount(), kMaxVisibleRows);
    m_list->GetItemRect(shown - 1, last);
    // Item rectangles are relative to the rows area; the header sits above it.
    const int header = std::max(first.y, first.height + FromDIP(8));
    height = header + (last.GetBottom() - first.y + 1) + FromDIP(6);
  }
  m_list->SetMinSize(wxSize(totalWidth + FromDIP(4), height));
  // Given more height than that (a tall window), a long table shows more of its rows.
  sizer->Add(m_list, wxSizerFlags(1).Expand());

  for (const auto& note : table.footnotes) {
    auto* text = new wxStaticText(this, wxID_ANY, ToWx(note));
    text->SetFont(text->GetFont().Smaller());
    sizer->Add(text, wxSizerFlags().Border(wxTOP, FromDIP(2)));
  }
  SetSizer(sizer);
}

int ResultTableView::RowCount() const { return m_list->GetItemCount(); }

int ResultTableView::ColumnCount() const { return m_list->GetColumnCount(); }

wxString ResultTableView::CellText(int row, int column) const { return m_list->GetItemText(row, column); }

wxString ResultTableView::Title() const { return m_title; }

}  // namespace manyi::gui

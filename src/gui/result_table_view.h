// Shows a renderer-neutral report::ResultTable in a list: the GUI's renderer of result tables.
#pragma once

#include <wx/panel.h>

#include "report/result_table.h"

class wxListCtrl;

namespace manyi::gui {

/// A titled, read-only table view of a ResultTable (title, column headers, rows, footnotes).
/// Columns are sized to their content and headers; numbers are right-aligned.
class ResultTableView : public wxPanel {
 public:
  ResultTableView(wxWindow* parent, const report::ResultTable& table);

  /// The table's stable id ("project_facts").
  const std::string& TableId() const { return m_id; }
  int RowCount() const;
  int ColumnCount() const;
  /// The text shown in a cell (row and column from 0).
  wxString CellText(int row, int column) const;
  wxString Title() const;
  wxListCtrl* GetList() const { return m_list; }

 private:
  std::string m_id;
  wxString m_title;
  wxListCtrl* m_list = nullptr;
};

}  // namespace manyi::gui

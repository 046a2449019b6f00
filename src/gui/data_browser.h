// The data browser: a virtual grid over a project's responses (pages read on demand, never all),
// filters by region, industry, channel and wave, audited edits of single answers, and the
// rejected rows of imports with their export.
#pragma once

#include <wx/panel.h>

#include <memory>

#include "io/response_browser.h"
#include "storage/project.h"

class wxChoice;
class wxGrid;
class wxListCtrl;
class wxNotebook;
class wxStaticText;

namespace manyi::gui {

class ResponseGridTable;

/// The responses of the project's newest questionnaire in a grid, one row per response. An edit
/// of a cell is checked against the questionnaire and committed at once with its audit-log row;
/// a refused value is shown in a message and leaves the answer as it was.
class DataBrowser : public wxPanel {
 public:
  DataBrowser(wxWindow* parent, storage::Project& project);
  ~DataBrowser() override;

  wxGrid* GetGrid() const { return m_grid; }
  /// The tabs (responses, rejected rows); a host may add its own after them.
  wxNotebook* GetNotebook() const { return m_book; }
  /// The paging model (count, rows, the variables of the columns).
  io::ResponsePager& Pager() { return *m_pager; }
  /// Grid column of a variable (variables come after the fixed columns).
  int ColumnOfVariable(int variableIndex) const;
  /// Applies the filter choices (index 0 = all) as the filter controls do.
  void SetFilterChoices(int region, int industry, int channel, int wave);
  wxChoice* GetRegionChoice() const { return m_region; }
  wxChoice* GetIndustryChoice() const { return m_industry; }
  wxChoice* GetChannelChoice() const { return m_channel; }
  wxChoice* GetWaveChoice() const { return m_wave; }
  /// Sets a cell as typing into it does: parses, checks, commits with the audit trail, or shows
  /// why the value is refused (message box) and returns false.
  bool EditCell(int row, int column, const wxString& text);
  /// The text a cell shows.
  wxString CellText(int row, int column);

  /// The rejected-rows page.
  wxListCtrl* GetRejectedList() const { return m_rejectedList; }
  /// Writes the rejected rows of the selected import as CSV (asks for the file); returns rows written.
  int64_t ExportRejected(const wxString& file);
  /// Shows the rejected-rows page (true) or the responses (false).
  void ShowRejected(bool rejected);

 private:
  void BuildFilters(wxWindow* parent, wxSizer* sizer);
  void ApplyFilter();
  void UpdateCount();
  void LoadRejected();

  storage::Project& m_project;
  std::unique_ptr<io::ResponsePager> m_pager;
  wxNotebook* m_book = nullptr;
  wxGrid* m_grid = nullptr;
  ResponseGridTable* m_table = nullptr;
  wxChoice* m_region = nullptr;
  wxChoice* m_industry = nullptr;
  wxChoice* m_channel = nullptr;
  wxChoice* m_wave = nullptr;
  wxStaticText* m_count = nullptr;
  std::vector<double> m_regionCodes, m_industryCodes;
  std::vector<int64_t> m_waveIds;
  int m_regionVar = -1, m_industryVar = -1;

  wxChoice* m_rejectedImport = nullptr;
  wxListCtrl* m_rejectedList = nullptr;
  std::vector<io::RejectedRow> m_rejected;
  std::vector<int64_t> m_rejectedImportIds;
};

}  // namespace manyi::gui

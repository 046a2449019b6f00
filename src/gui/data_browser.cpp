// The data browser.
#include "gui/data_browser.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/dcclient.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/settings.h>
#include <wx/utils.h>
#include <wx/wrapsizer.h>

#include <algorithm>

#include "core/channel.h"
#include "core/i18n.h"
#include "core/text.h"
#include "gui/errors.h"
#include "gui/file_chooser.h"
#include "gui/language.h"
#include "gui/wx_text.h"
#include "io/import/response_import.h"
#include "storage/response_codec.h"

namespace manyi::gui {

namespace {

/// Columns before the variables: response id, respondent, wave, channel.
constexpr int kFixedColumns = 4;

std::string LabelLanguage() { return CurrentLanguage() == kLanguageChinese ? "zh" : "en"; }

/// Who edits: the operating-system account, as the audit log records it.
std::string Actor() {
  const wxString user = wxGetUserId();
  return user.empty() ? std::string("manyi") : ToUtf8(user);
}

/// A code with its label ("3 Weifang"), a number, or "" when not answered.
wxString ValueText(const Variable& variable, double value) {
  if (storage::IsSystemMissing(value)) return wxString();
  wxString text = ToWx(FormatNumber(value));
  const std::string lang = LabelLanguage();
  if (variable.item->type == ItemType::kSingle)
    for (const Code& c : variable.item->codes)
      if (c.value == value) return text + " " + ToWx(c.label.Get(lang));
  const Scale* scale = variable.isImportance && variable.item->importanceScale ? &*variable.item->importanceScale
                       : variable.item->scale                                   ? &*variable.item->scale
                                                                                : nullptr;
  if (scale)
    for (const MissingCode& m : scale->missing)
      if (m.value == value) return text + " " + ToWx(m.label.Get(lang));
  return text;
}

/// "3 Weifang" typed back (or left as the grid showed it) means code 3: the leading number wins
/// when the rest is the label of that code.
wxString StripShownLabel(const Variable& variable, const wxString& text, double value) {
  return ValueText(variable, value) == text.Strip(wxString::both) ? ToWx(FormatNumber(value)) : text;
}

}  // namespace

/// The grid's table: asks the pager for rows, so only visible pages are ever read.
class ResponseGridTable : public wxGridTableBase {
 public:
  explicit ResponseGridTable(DataBrowser& browser) : m_browser(browser) {}

  int GetNumberRows() override { return int(std::min<int64_t>(m_browser.Pager().Count(), INT32_MAX)); }
  int GetNumberCols() override { return kFixedColumns + int(m_browser.Pager().Variables().size()); }
  wxString GetValue(int row, int col) override {
    try {
      return m_browser.CellText(row, col);
    } catch (...) {
      return wxString();  // a row gone since the scan; the next refresh shows the truth
    }
  }
  void SetValue(int row, int col, const wxString& value) override {
    // The editor has closed; a refused value is explained after the grid has finished its event.
    const wxString text = value;
    m_browser.CallAfter([this, row, col, text] { m_browser.EditCell(row, col, text); });
  }
  bool IsEmptyCell(int, int) override { return false; }
  wxString GetColLabelValue(int col) override {
    switch (col) {
      case 0: return _("Response");
      case 1: return _("Respondent");
      case 2: return _("Wave");
      case 3: return _("Channel");
      default: return ToWx(m_browser.Pager().Variables()[size_t(col - kFixedColumns)].name);
    }
  }
  wxString GetRowLabelValue(int row) override { return wxString::Format("%d", row + 1); }
  /// Rows changed in number: tells the grid so it drops or adds rows without reading them.
  void Resize(int oldRows) {
    const int rows = GetNumberRows();
    if (!GetView()) return;
    if (rows < oldRows) {
      wxGridTableMessage msg(this, wxGRIDTABLE_NOTIFY_ROWS_DELETED, rows, oldRows - rows);
      GetView()->ProcessTableMessage(msg);
    } else if (rows > oldRows) {
      wxGridTableMessage msg(this, wxGRIDTABLE_NOTIFY_ROWS_APPENDED, rows - oldRows);
      GetView()->ProcessTableMessage(msg);
    }
  }

 private:
  DataBrowser& m_browser;
};

namespace {

/// The rejected rows, one line per reason (a row with three problems has three lines).
class RejectedList : public wxListCtrl {
 public:
  struct Line {
    size_t row;
    size_t reason;
  };
  RejectedList(wxWindow* parent, const std::vector<io::RejectedRow>& rows)
      : wxListCtrl(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_VIRTUAL | wxBORDER_THEME), m_rows(rows) {
    AppendColumn(_("Import"));
    AppendColumn(_("File"));
    AppendColumn(_("Row"), wxLIST_FORMAT_RIGHT);
    AppendColumn(_("Column"));
    AppendColumn(_("Value"));
    AppendColumn(_("Problem"));
  }
  void Reload() {
    m_lines.clear();
    for (size_t r = 0; r < m_rows.size(); ++r)
      for (size_t k = 0; k < std::max<size_t>(1, m_rows[r].messages.size()); ++k) m_lines.push_back({r, k});
    SetItemCount(long(m_lines.size()));
    // Widths from the headers and the first lines, in whichever language is shown.
    for (int c = 0; c < GetColumnCount(); ++c) {
      wxListItem header;
      header.SetMask(wxLIST_MASK_TEXT);
      GetColumn(c, header);
      int width = GetTextExtent(header.GetText()).x;
      for (long i = 0; i < std::min<long>(long(m_lines.size()), 200); ++i) width = std::max(width, GetTextExtent(OnGetItemText(i, c)).x);
      SetColumnWidth(c, width + FromDIP(16));
    }
    Refresh();
  }
  wxString OnGetItemText(long item, long column) const override {
    if (item < 0 || size_t(item) >= m_lines.size()) return wxString();
    const Line& line = m_lines[size_t(item)];
    const io::RejectedRow& row = m_rows[line.row];
    auto at = [&](const std::vector<std::string>& v) { return line.reason < v.size() ? ToWx(v[line.reason]) : wxString(); };
    switch (column) {
      case 0: return wxString::Format("%lld", static_cast<long long>(row.importId));
      case 1: return ToWx(row.fileName);
      case 2: return wxString::Format("%lld", static_cast<long long>(row.sourceRow));
      case 3: return at(row.columns);
      case 4: return at(row.values);
      default: {
        // The reason comes in the interface language (English as stored by projects written
        // before reasons were kept translatable); its kind has a translated name either way.
        const wxString kind = at(row.kinds);
        for (auto k : {io::import::ProblemKind::kUnknownCode, io::import::ProblemKind::kOutOfRange, io::import::ProblemKind::kWrongType,
                       io::import::ProblemKind::kDuplicateRespondent, io::import::ProblemKind::kNotInFrame,
                       io::import::ProblemKind::kRaggedRow, io::import::ProblemKind::kInvalidText})
          if (kind == io::import::ProblemKindKey(k)) return ToWx(io::import::ProblemKindLabel(k).Text()) + ": " + at(row.messages);
        return at(row.messages);
      }
    }
  }

 private:
  const std::vector<io::RejectedRow>& m_rows;
  std::vector<Line> m_lines;
};

}  // namespace

DataBrowser::DataBrowser(wxWindow* parent, storage::Project& project) : wxPanel(parent, wxID_ANY), m_project(project) {
  SetName("data_browser");
  m_pager = std::make_unique<io::ResponsePager>(project);
  m_regionVar = m_pager->VariableWithRole(ItemRole::kRegion);
  m_industryVar = m_pager->VariableWithRole(ItemRole::kIndustry);

  auto* top = new wxBoxSizer(wxVERTICAL);
  m_book = new wxNotebook(this, wxID_ANY);
  top->Add(m_book, wxSizerFlags(1).Expand());

  // Responses.
  auto* responses = new wxPanel(m_book, wxID_ANY);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  BuildFilters(responses, sizer);
  m_grid = new wxGrid(responses, wxID_ANY);
  m_grid->SetName("responses_grid");
  // The grid scrolls: it does not ask for room for all its columns.
  m_grid->SetMinSize(FromDIP(wxSize(400, 200)));
  m_table = new ResponseGridTable(*this);
  m_grid->SetTable(m_table, true, wxGrid::wxGridSelectCells);
  m_grid->DisableDragRowSize();
  m_grid->SetColLabelSize(wxGRID_AUTOSIZE);
  // Row labels as wide as the largest row number; columns as wide as their header or a sample
  // of the first page — never measured over every row.
  m_grid->SetRowLabelSize(m_grid->GetTextExtent(wxString::Format("%lld", static_cast<long long>(m_pager->Count()) + 1)).x + FromDIP(16));
  // One DC for all the measuring (a window's GetTextExtent makes a new one per call, which cost
  // most of the time to first paint), and the first rows only.
  constexpr int kSampleRows = 40;
  const int sample = int(std::min<int64_t>(m_pager->Count(), kSampleRows));
  wxClientDC dc(m_grid);
  dc.SetFont(m_grid->GetLabelFont());
  std::vector<int> widths(size_t(m_table->GetNumberCols()));
  for (int c = 0; c < m_table->GetNumberCols(); ++c) widths[size_t(c)] = dc.GetTextExtent(m_table->GetColLabelValue(c)).x;
  dc.SetFont(m_grid->GetDefaultCellFont());
  for (int c = 0; c < m_table->GetNumberCols(); ++c) {
    for (int r = 0; r < sample; ++r) widths[size_t(c)] = std::max(widths[size_t(c)], dc.GetTextExtent(CellText(r, c)).x);
    m_grid->SetColSize(c, std::min(widths[size_t(c)] + FromDIP(14), FromDIP(320)));
  }
  for (int c = 0; c < kFixedColumns; ++c) {
    auto* attr = new wxGridCellAttr();
    attr->SetReadOnly();
    attr->SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));
    m_grid->SetColAttr(c, attr);
  }
  for (size_t v = 0; v < m_pager->Variables().size(); ++v) {
    const Variable& var = m_pager->Variables()[v];
    if (var.isText) continue;
    auto* attr = new wxGridCellAttr();
    attr->SetAlignment(var.item->type == ItemType::kSingle ? wxALIGN_LEFT : wxALIGN_RIGHT, wxALIGN_CENTRE);
    m_grid->SetColAttr(kFixedColumns + int(v), attr);
  }
  sizer->Add(m_grid, wxSizerFlags(1).Expand().Border(wxALL, FromDIP(4)));
  responses->SetSizer(sizer);
  m_book->AddPage(responses, _("Responses"));

  // Rejected rows.
  auto* rejected = new wxPanel(m_book, wxID_ANY);
  auto* rsizer = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxBoxSizer(wxHORIZONTAL);
  bar->Add(new wxStaticText(rejected, wxID_ANY, _("Import:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
  m_rejectedImport = new wxChoice(rejected, wxID_ANY);
  m_rejectedImport->SetName("rejected_import");
  bar->Add(m_rejectedImport, wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(8)));
  auto* exportButton = new wxButton(rejected, wxID_ANY, _("Export as CSV…"));
  exportButton->SetName("export_rejected");
  bar->Add(exportButton, wxSizerFlags().CentreVertical());
  rsizer->Add(bar, wxSizerFlags().Border(wxALL, FromDIP(6)));
  m_rejectedList = new RejectedList(rejected, m_rejected);
  m_rejectedList->SetName("rejected_list");
  rsizer->Add(m_rejectedList, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(6)));
  rejected->SetSizer(rsizer);
  m_book->AddPage(rejected, _("Rejected rows"));
  LoadRejected();

  m_rejectedImport->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { LoadRejected(); });
  exportButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    ChooseFileThen(this, FileRequest::Purpose::kSave, _("Export Rejected Rows"), _("CSV files (*.csv)") + "|*.csv", "rejected.csv",
                   [this](const wxString& file) { ExportRejected(file); });
  });

  SetSizer(top);
  UpdateCount();
}

DataBrowser::~DataBrowser() = default;

void DataBrowser::BuildFilters(wxWindow* parent, wxSizer* sizer) {
  auto* row = new wxWrapSizer(wxHORIZONTAL);
  const std::string lang = LabelLanguage();
  auto addChoice = [&](const wxString& label, const wxString& name, const wxArrayString& items) {
    auto* text = new wxStaticText(parent, wxID_ANY, label);
    auto* choice = new wxChoice(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, items);
    choice->SetName(name);
    choice->SetSelection(0);
    auto* pair = new wxBoxSizer(wxHORIZONTAL);
    pair->Add(text, wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(4)));
    pair->Add(choice, wxSizerFlags().CentreVertical());
    row->Add(pair, wxSizerFlags().Border(wxALL, FromDIP(4)));
    choice->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ApplyFilter(); });
    return choice;
  };
  auto codes = [&](int var, std::vector<double>& values, const wxString& all) {
    wxArrayString items;
    items.push_back(all);
    if (var >= 0)
      for (const Code& c : m_pager->Variables()[size_t(var)].item->codes) {
        values.push_back(c.value);
        items.push_back(ToWx(c.label.Get(lang)));
      }
    return items;
  };
  m_region = addChoice(_("Region:"), "filter_region", codes(m_regionVar, m_regionCodes, _("All regions")));
  m_industry = addChoice(_("Industry:"), "filter_industry", codes(m_industryVar, m_industryCodes, _("All industries")));
  m_region->Enable(m_regionVar >= 0);
  m_industry->Enable(m_industryVar >= 0);
  wxArrayString channels;
  channels.push_back(_("All channels"));
  for (Channel c : kAllChannels) channels.push_back(ToWx(ChannelLabel(c).Text()));
  m_channel = addChoice(_("Channel:"), "filter_channel", channels);
  wxArrayString waves;
  waves.push_back(_("All waves"));
  for (const auto& [id, name] : m_pager->Waves()) {
    m_waveIds.push_back(id);
    waves.push_back(ToWx(name));
  }
  m_wave = addChoice(_("Wave:"), "filter_wave", waves);
  m_count = new wxStaticText(parent, wxID_ANY, wxString());
  m_count->SetName("response_count");
  row->Add(m_count, wxSizerFlags().CentreVertical().Border(wxALL, FromDIP(8)));
  sizer->Add(row, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxTOP, FromDIP(4)));
}

int DataBrowser::ColumnOfVariable(int variableIndex) const { return kFixedColumns + variableIndex; }

void DataBrowser::SetFilterChoices(int region, int industry, int channel, int wave) {
  m_region->SetSelection(region);
  m_industry->SetSelection(industry);
  m_channel->SetSelection(channel);
  m_wave->SetSelection(wave);
  ApplyFilter();
}

void DataBrowser::ApplyFilter() {
  io::ResponseFilter filter;
  const int region = m_region->GetSelection(), industry = m_industry->GetSelection();
  if (region > 0 && m_regionVar >= 0) filter.answers.emplace_back(m_regionVar, m_regionCodes[size_t(region - 1)]);
  if (industry > 0 && m_industryVar >= 0) filter.answers.emplace_back(m_industryVar, m_industryCodes[size_t(industry - 1)]);
  if (m_channel->GetSelection() > 0) filter.channel = std::string(ChannelKey(kAllChannels[m_channel->GetSelection() - 1]));
  if (m_wave->GetSelection() > 0) filter.waveId = m_waveIds[size_t(m_wave->GetSelection() - 1)];
  const int oldRows = m_table->GetNumberRows();
  wxBusyCursor busy;
  m_pager->SetFilter(filter);
  m_grid->ClearSelection();
  m_table->Resize(oldRows);
  m_grid->ForceRefresh();
  if (m_table->GetNumberRows() > 0) m_grid->MakeCellVisible(0, 0);
  UpdateCount();
}

void DataBrowser::UpdateCount() {
  m_count->SetLabel(wxString::Format(wxPLURAL("%lld response", "%lld responses", m_pager->Count()),
                                     static_cast<long long>(m_pager->Count())));
  Layout();
}

wxString DataBrowser::CellText(int row, int column) {
  const io::BrowsedResponse& r = m_pager->Row(row);
  switch (column) {
    case 0: return wxString::Format("%lld", static_cast<long long>(r.id));
    case 1: return ToWx(r.respondentKey);
    case 2: {
      if (!r.waveId) return wxString();
      for (size_t i = 0; i < m_waveIds.size(); ++i)
        if (m_waveIds[i] == *r.waveId) return m_wave->GetString(unsigned(i + 1));
      return wxString::Format("%lld", static_cast<long long>(*r.waveId));
    }
    case 3: {
      auto channel = ParseChannel(r.channel);
      return channel ? ToWx(ChannelLabel(*channel).Text()) : ToWx(r.channel);
    }
    default: {
      const size_t v = size_t(column - kFixedColumns);
      const Variable& var = m_pager->Variables()[v];
      if (var.isText) return r.texts[v] ? ToWx(*r.texts[v]) : wxString();
      return ValueText(var, r.values[v]);
    }
  }
}

bool DataBrowser::EditCell(int row, int column, const wxString& text) {
  if (column < kFixedColumns || row < 0 || row >= m_table->GetNumberRows()) return false;
  const int v = column - kFixedColumns;
  const Variable& var = m_pager->Variables()[size_t(v)];
  try {
    const io::BrowsedResponse& r = m_pager->Row(row);
    const int64_t id = r.id;
    std::optional<Result<int64_t>> done;
    if (var.isText) {
      done = io::EditTextAnswer(m_project, id, var, v, ToUtf8(text), Actor());
    } else {
      const wxString typed = storage::IsSystemMissing(r.values[size_t(v)]) ? text : StripShownLabel(var, text, r.values[size_t(v)]);
      auto value = io::ParseAnswerText(var, ToUtf8(typed));
      if (!value.Ok()) done = Error{value.GetError()};
      else done = io::EditAnswer(m_project, id, var, v, value.Value(), Actor());
    }
    m_pager->Invalidate();
    m_grid->RefreshBlock(row, column, row, column);
    if (!done->Ok()) {
      ShowError(this, ToWx(Message(N_("Response {0}, {1}: {2} The answer was not changed."))
                               .Arg(static_cast<long long>(id)).Arg(var.name).Arg(done->GetError().Text()).Text()));
      return false;
    }
    return true;
  } catch (...) {
    ShowError(this, DescribeException());
    return false;
  }
}

void DataBrowser::ShowRejected(bool rejected) { m_book->SetSelection(rejected ? 1 : 0); }

void DataBrowser::LoadRejected() {
  // The import list: every import with rejected rows ("all" first).
  const int chosen = m_rejectedImport->GetSelection();
  const int64_t importId = chosen > 0 && size_t(chosen) <= m_rejectedImportIds.size() ? m_rejectedImportIds[size_t(chosen - 1)] : 0;
  m_rejectedImport->Clear();
  m_rejectedImportIds.clear();
  m_rejectedImport->Append(_("All imports"));
  storage::Statement st(m_project.Db(), "SELECT id, file_name, rows_rejected FROM import WHERE undone_at IS NULL AND rows_rejected > 0 ORDER BY id");
  int select = 0;
  while (st.Step()) {
    m_rejectedImportIds.push_back(st.Int(0));
    m_rejectedImport->Append(wxString::Format(_("%lld: %s (%lld rejected)"), static_cast<long long>(st.Int(0)), ToWx(st.Text(1)),
                                              static_cast<long long>(st.Int(2))));
    if (st.Int(0) == importId) select = int(m_rejectedImportIds.size());
  }
  m_rejectedImport->SetSelection(select);
  m_rejected = io::LoadRejectedRows(m_project, importId);
  static_cast<RejectedList*>(m_rejectedList)->Reload();
  Layout();
}

int64_t DataBrowser::ExportRejected(const wxString& file) {
  const int chosen = m_rejectedImport->GetSelection();
  std::vector<int64_t> imports;
  if (chosen > 0) imports.push_back(m_rejectedImportIds[size_t(chosen - 1)]);
  else imports = m_rejectedImportIds;
  if (imports.empty()) {
    ShowError(this, _("No import has rejected rows, so there is nothing to export."));
    return 0;
  }
  if (imports.size() > 1) {
    ShowError(this, _("Rejected rows are exported one import at a time (their columns differ). Choose an import first."));
    return 0;
  }
  auto written = io::import::ExportRejectedRows(m_project, imports.front(), ToPath(file));
  if (!written.Ok()) {
    ShowError(this, ToWx(written.GetError().Text()));
    return 0;
  }
  return written.Value();
}

}  // namespace manyi::gui

// The import wizard.
#include "gui/import_wizard.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/radiobox.h>
#include <wx/settings.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <chrono>
#include <fstream>
#include <set>

#include "core/channel.h"
#include "gui/errors.h"
#include "gui/file_chooser.h"
#include "gui/wx_text.h"
#include "io/encoding.h"
#include "io/form_json.h"
#include "io/import/table_source.h"
#include "storage/project.h"

namespace manyi::gui {

namespace imp = io::import;
using nlohmann::json;

namespace {

constexpr int kPreviewRows = 6;

/// Role keys of the mapping file, in the order the role choice lists them.
const std::vector<std::string>& RoleKeys() {
  static const std::vector<std::string> kKeys = {"answer", "ignore", "respondent_id", "submitted_at", "customer_id", "email", "channel"};
  return kKeys;
}

wxArrayString Strings(std::initializer_list<wxString> items) {
  wxArrayString out;
  for (const wxString& item : items) out.push_back(item);
  return out;
}

wxArrayString RoleLabels() {
  return Strings({_("Answer"), _("Ignore"), _("Respondent id"), _("Submitted at"), _("Customer id"), _("E-mail"), _("Channel")});
}

constexpr io::TextEncoding kEncodings[] = {io::TextEncoding::kUtf8, io::TextEncoding::kUtf8Bom, io::TextEncoding::kGb18030,
                                            io::TextEncoding::kUtf16Le, io::TextEncoding::kUtf16Be, io::TextEncoding::kWindows1252};

std::string RoleKeyOf(imp::ColumnRole role) {
  switch (role) {
    case imp::ColumnRole::kIgnore: return "ignore";
    case imp::ColumnRole::kRespondentId: return "respondent_id";
    case imp::ColumnRole::kSubmittedAt: return "submitted_at";
    case imp::ColumnRole::kCustomerId: return "customer_id";
    case imp::ColumnRole::kEmail: return "email";
    case imp::ColumnRole::kChannel: return "channel";
    case imp::ColumnRole::kAnswer: return "answer";
  }
  return "answer";
}

wxString NotImported() { return _("(not imported)"); }

void AutosizeColumns(wxListCtrl* list) {
  for (int c = 0; c < list->GetColumnCount(); ++c) {
    list->SetColumnWidth(c, wxLIST_AUTOSIZE);
    const int content = list->GetColumnWidth(c);
    list->SetColumnWidth(c, wxLIST_AUTOSIZE_USEHEADER);
    list->SetColumnWidth(c, std::max(content, list->GetColumnWidth(c)) + list->FromDIP(8));
  }
}

}  // namespace

// One worker-thread message into the UI thread: posted with CallAfter, so it runs (or is dropped
// with the dialog) on the UI thread only.

ImportWizard::ImportWizard(wxWindow* parent, const std::filesystem::path& projectFile)
    : wxDialog(parent, wxID_ANY, _("Import Responses"), wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_projectFile(projectFile) {
  SetName("import_wizard");
  auto* top = new wxBoxSizer(wxVERTICAL);
  m_stepTitle = new wxStaticText(this, wxID_ANY, wxString());
  m_stepTitle->SetFont(m_stepTitle->GetFont().Bold().Larger());
  top->Add(m_stepTitle, wxSizerFlags().Border(wxALL, FromDIP(10)));

  m_book = new wxSimplebook(this, wxID_ANY);
  m_book->AddPage(BuildFilePage(m_book), wxString());
  m_book->AddPage(BuildMappingPage(m_book), wxString());
  m_book->AddPage(BuildValidationPage(m_book), wxString());
  m_book->AddPage(BuildCommitPage(m_book), wxString());
  top->Add(m_book, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));

  auto* progress = new wxBoxSizer(wxHORIZONTAL);
  m_gauge = new wxGauge(this, wxID_ANY, 1000);
  m_gauge->SetName("import_progress");
  progress->Add(m_gauge, wxSizerFlags(1).CentreVertical().Border(wxRIGHT, FromDIP(8)));
  m_status = new wxStaticText(this, wxID_ANY, wxString());
  m_status->SetName("import_status");
  progress->Add(m_status, wxSizerFlags(1).CentreVertical());
  top->Add(progress, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));

  top->Add(new wxStaticLine(this), wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, FromDIP(10)));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  buttons->AddStretchSpacer();
  m_back = new wxButton(this, wxID_BACKWARD, _("< &Back"));
  m_next = new wxButton(this, wxID_FORWARD, _("&Next >"));
  m_cancelButton = new wxButton(this, wxID_CANCEL, _("Cancel"));
  buttons->Add(m_back, wxSizerFlags().Border(wxRIGHT, FromDIP(4)));
  buttons->Add(m_next, wxSizerFlags().Border(wxRIGHT, FromDIP(12)));
  buttons->Add(m_cancelButton);
  top->Add(buttons, wxSizerFlags().Expand().Border(wxALL, FromDIP(10)));
  SetSizer(top);

  m_back->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { GoBack(); });
  m_next->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { GoNext(); });
  m_cancelButton->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (m_busy) CancelWork();
    else Close();
  });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent& event) {
    if (m_busy) {
      // Closing mid-work cancels it first; the rollback takes a moment, then the window goes.
      CancelWork();
      if (event.CanVeto()) {
        event.Veto();
        return;
      }
    }
    if (IsModal()) EndModal(wxID_CANCEL);
    else Destroy();
  });

  ShowStep(ImportStep::kFile);
  SetMinSize(wxDefaultSize);
  Fit();
  SetMinSize(GetSize());
  SetSize(wxSize(std::max(GetSize().x, FromDIP(820)), std::max(GetSize().y, FromDIP(600))));
  CentreOnParent();
}

ImportWizard::~ImportWizard() {
  if (m_worker.joinable()) {
    if (m_cancel) *m_cancel = true;
    m_worker.join();
  }
}

wxWindow* ImportWizard::BuildFilePage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(8));
  grid->AddGrowableCol(1);

  grid->Add(new wxStaticText(page, wxID_ANY, _("File:")), wxSizerFlags().CentreVertical());
  auto* fileRow = new wxBoxSizer(wxHORIZONTAL);
  m_fileText = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_READONLY);
  m_fileText->SetName("import_file");
  fileRow->Add(m_fileText, wxSizerFlags(1).CentreVertical().Border(wxRIGHT, FromDIP(4)));
  auto* browse = new wxButton(page, wxID_ANY, _("&Browse…"));
  fileRow->Add(browse, wxSizerFlags().CentreVertical());
  grid->Add(fileRow, wxSizerFlags().Expand());

  wxArrayString formats;
  formats.push_back(_("Detect automatically"));
  for (const std::string& key : imp::FormatKeys()) formats.push_back(ToWx(key));
  grid->Add(new wxStaticText(page, wxID_ANY, _("Format:")), wxSizerFlags().CentreVertical());
  m_format = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, formats);
  m_format->SetSelection(0);
  grid->Add(m_format);

  wxArrayString encodings;
  encodings.push_back(_("Detect automatically"));
  for (io::TextEncoding e : kEncodings) encodings.push_back(io::EncodingName(e));
  grid->Add(new wxStaticText(page, wxID_ANY, _("Encoding:")), wxSizerFlags().CentreVertical());
  m_encoding = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, encodings);
  m_encoding->SetSelection(0);
  grid->Add(m_encoding);

  wxArrayString channels;
  for (Channel c : kAllChannels) channels.push_back(ToWx(ChannelLabel(c).Text()));
  grid->Add(new wxStaticText(page, wxID_ANY, _("Channel:")), wxSizerFlags().CentreVertical());
  m_channel = new wxChoice(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, channels);
  m_channel->SetSelection(2);  // online: what exports of survey tools are
  grid->Add(m_channel);
  sizer->Add(grid, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(10)));

  m_detected = new wxStaticText(page, wxID_ANY, _("Choose the file a survey tool exported (CSV, Excel)."));
  m_detected->SetName("import_detected");
  sizer->Add(m_detected, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  m_preview = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxBORDER_THEME);
  m_preview->SetName("import_preview");
  m_preview->SetMinSize(FromDIP(wxSize(500, 160)));
  sizer->Add(m_preview, wxSizerFlags(1).Expand());
  page->SetSizer(sizer);

  browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    ChooseFileThen(this, FileRequest::Purpose::kOpen, _("Import Responses"),
                   _("Survey exports (*.csv;*.txt;*.tsv;*.xlsx;*.xls)") + "|*.csv;*.txt;*.tsv;*.xlsx;*.xls|" + _("All files") + "|*",
                   wxString(), [this](const wxString& file) { SetFile(file); });
  });
  auto redetect = [this](wxCommandEvent&) {
    if (!m_file.empty()) SetFile(m_file);
  };
  m_format->Bind(wxEVT_CHOICE, redetect);
  m_encoding->Bind(wxEVT_CHOICE, redetect);
  return page;
}

wxWindow* ImportWizard::BuildMappingPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  auto* help = new wxStaticText(page, wxID_ANY,
                                _("Each column of the file goes to an item of the questionnaire. Change a column's role or item "
                                  "where the automatic mapping is wrong; save the mapping to reuse it for the next file."));
  help->Wrap(FromDIP(760));
  sizer->Add(help, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  m_mappingGrid = new wxGrid(page, wxID_ANY);
  m_mappingGrid->SetName("mapping_grid");
  m_mappingGrid->CreateGrid(0, 4);
  m_mappingGrid->SetColLabelValue(0, _("Column"));
  m_mappingGrid->SetColLabelValue(1, _("Heading"));
  m_mappingGrid->SetColLabelValue(2, _("Role"));
  m_mappingGrid->SetColLabelValue(3, _("Item"));
  m_mappingGrid->SetRowLabelSize(0);
  m_mappingGrid->SetColLabelSize(wxGRID_AUTOSIZE);
  m_mappingGrid->SetMinSize(FromDIP(wxSize(600, 260)));
  sizer->Add(m_mappingGrid, wxSizerFlags(1).Expand());
  auto* dates = new wxBoxSizer(wxHORIZONTAL);
  dates->Add(new wxStaticText(page, wxID_ANY, _("Dates such as 3/4/2026:")), wxSizerFlags().CentreVertical().Border(wxRIGHT, FromDIP(6)));
  m_dateOrder = new wxChoice(page, wxID_ANY);
  m_dateOrder->SetName("date_order");
  m_dateOrder->Append(_("as the file shows (kept as written when it does not tell)"));
  m_dateOrder->Append(_("month first (3/4/2026 is March 4)"));
  m_dateOrder->Append(_("day first (3/4/2026 is 3 April)"));
  m_dateOrder->SetSelection(0);
  dates->Add(m_dateOrder, wxSizerFlags().CentreVertical());
  sizer->Add(dates, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  m_dateOrder->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { SetDateOrder(m_dateOrder->GetSelection()); });
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  auto* load = new wxButton(page, wxID_ANY, _("&Load Mapping…"));
  auto* save = new wxButton(page, wxID_ANY, _("&Save Mapping…"));
  buttons->Add(load, wxSizerFlags().Border(wxRIGHT, FromDIP(6)));
  buttons->Add(save);
  sizer->Add(buttons, wxSizerFlags().Border(wxTOP, FromDIP(6)));
  page->SetSizer(sizer);

  m_mappingGrid->Bind(wxEVT_GRID_CELL_CHANGED, [this](wxGridEvent&) { ReadMappingGrid(); });
  const wxString mappings = _("Column mappings (*.json)") + "|*.json";
  load->Bind(wxEVT_BUTTON, [this, mappings](wxCommandEvent&) {
    ChooseFileThen(this, FileRequest::Purpose::kOpen, _("Load Mapping"), mappings, wxString(),
                   [this](const wxString& file) { LoadMapping(file); });
  });
  save->Bind(wxEVT_BUTTON, [this, mappings](wxCommandEvent&) {
    ChooseFileThen(this, FileRequest::Purpose::kSave, _("Save Mapping"), mappings, "mapping.json",
                   [this](const wxString& file) { SaveMapping(file); });
  });
  return page;
}

wxWindow* ImportWizard::BuildValidationPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_summary = new wxStaticText(page, wxID_ANY, wxString());
  m_summary->SetName("validation_summary");
  sizer->Add(m_summary, wxSizerFlags().Border(wxBOTTOM, FromDIP(6)));
  m_counts = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxBORDER_THEME);
  m_counts->SetName("problem_counts");
  m_counts->AppendColumn(_("Problem"));
  m_counts->AppendColumn(_("Cells"), wxLIST_FORMAT_RIGHT);
  m_counts->SetMinSize(FromDIP(wxSize(300, 110)));
  sizer->Add(m_counts, wxSizerFlags().Expand().Border(wxBOTTOM, FromDIP(6)));
  m_problems = new wxListCtrl(page, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxBORDER_THEME);
  m_problems->SetName("problem_list");
  m_problems->AppendColumn(_("Row"), wxLIST_FORMAT_RIGHT);
  m_problems->AppendColumn(_("Column"));
  m_problems->AppendColumn(_("Value"));
  m_problems->AppendColumn(_("Problem"));
  m_problems->SetMinSize(FromDIP(wxSize(600, 160)));
  sizer->Add(m_problems, wxSizerFlags(1).Expand().Border(wxBOTTOM, FromDIP(6)));
  m_onProblem = new wxRadioBox(page, wxID_ANY, _("Rows with problems"), wxDefaultPosition, wxDefaultSize,
                               Strings({_("Skip them (kept as rejected rows, exportable)"), _("Abort: import nothing")}),
                               1, wxRA_SPECIFY_COLS);
  sizer->Add(m_onProblem, wxSizerFlags().Expand());
  m_onProblem->Bind(wxEVT_RADIOBOX, [this](wxCommandEvent&) { m_abortOnProblem = m_onProblem->GetSelection() == 1; });
  page->SetSizer(sizer);
  return page;
}

wxWindow* ImportWizard::BuildCommitPage(wxWindow* parent) {
  auto* page = new wxPanel(parent);
  auto* sizer = new wxBoxSizer(wxVERTICAL);
  m_result = new wxStaticText(page, wxID_ANY, wxString());
  m_result->SetName("import_result");
  sizer->Add(m_result, wxSizerFlags(1).Expand());
  page->SetSizer(sizer);
  return page;
}

wxString ImportWizard::TitleOf(ImportStep step) const {
  switch (step) {
    case ImportStep::kFile: return _("Step 1 of 4: the file");
    case ImportStep::kMapping: return _("Step 2 of 4: columns and items");
    case ImportStep::kValidation: return _("Step 3 of 4: check before importing");
    case ImportStep::kCommit: return _("Step 4 of 4: import");
  }
  return wxString();
}

void ImportWizard::ShowStep(ImportStep step) {
  m_step = step;
  m_stepTitle->SetLabel(TitleOf(step));
  m_book->SetSelection(size_t(step));
  UpdateButtons();
  Layout();
}

void ImportWizard::UpdateButtons() {
  m_back->Enable(!m_busy && m_step != ImportStep::kFile && !(m_step == ImportStep::kCommit && m_report && m_report->committed));
  const bool done = m_step == ImportStep::kCommit && m_report && (m_report->committed || m_report->aborted);
  m_next->SetLabel(m_step == ImportStep::kValidation ? _("&Import") : m_step == ImportStep::kCommit ? _("&Finish") : _("&Next >"));
  m_next->Enable(!m_busy && (m_step != ImportStep::kFile || !m_detectedFormat.empty()) &&
                 (m_step != ImportStep::kCommit || done || !m_report));
  m_cancelButton->SetLabel(m_busy ? _("Cancel") : done ? _("Close") : _("Cancel"));
  Layout();
}

bool ImportWizard::SetFile(const wxString& file) {
  m_file = file;
  m_fileText->SetValue(file);
  m_detectedFormat.clear();
  m_detectedEncoding.clear();
  m_preview->ClearAll();
  m_mapping = json::object();
  m_report.reset();
  std::optional<io::TextEncoding> encoding;
  if (m_encoding->GetSelection() > 0) encoding = kEncodings[m_encoding->GetSelection() - 1];
  const std::string format = m_format->GetSelection() > 0 ? imp::FormatKeys()[size_t(m_format->GetSelection() - 1)] : "auto";
  try {
    // Only the first rows are read here: cheap whatever the file's size.
    auto opened = imp::TableSource::Open(ToPath(file), encoding, 0);
    if (!opened.Ok()) throw UserError(opened.GetError());
    imp::TableSource& source = *opened.Value();
    auto head = imp::ReadHead(source, kPreviewRows);
    if (!head.Ok()) throw UserError(head.GetError());
    auto layout = imp::RecogniseLayout(head.Value(), format, ToPath(file).string());
    if (!layout.Ok()) throw UserError(layout.GetError());
    m_layout = layout.Value();
    m_detectedFormat = ToWx(m_layout.format);
    m_detectedEncoding = ToWx(source.EncodingLabel());
    wxString delimiter;
    switch (source.Delimiter()) {
      case ',': delimiter = _("comma"); break;
      case ';': delimiter = _("semicolon"); break;
      case '\t': delimiter = _("tab"); break;
      default: break;
    }
    wxString text = wxString::Format(_("Format: %s   Encoding: %s   Header rows: %d"), m_detectedFormat, m_detectedEncoding,
                                     m_layout.headerRows);
    if (!delimiter.empty()) text += wxString::Format(_("   Delimiter: %s"), delimiter);
    m_detected->SetLabel(text);
    const auto& rows = head.Value();
    size_t width = 0;
    for (const auto& r : rows) width = std::max(width, r.size());
    for (size_t c = 0; c < width && c < 40; ++c) m_preview->AppendColumn(wxString::Format("%zu", c + 1));
    for (size_t r = 0; r < rows.size(); ++r) {
      const long item = m_preview->InsertItem(long(r), rows[r].empty() ? wxString() : ToWx(rows[r][0]).Left(60));
      for (size_t c = 1; c < rows[r].size() && c < 40; ++c) m_preview->SetItem(item, int(c), ToWx(rows[r][c]).Left(60));
    }
    AutosizeColumns(m_preview);
  } catch (...) {
    m_detected->SetLabel(_("The file cannot be imported:") + "\n" + DescribeException());
    m_detected->Wrap(FromDIP(760));
    UpdateButtons();
    return false;
  }
  UpdateButtons();
  return true;
}

imp::ImportOptions ImportWizard::Options(bool dryRun) const {
  imp::ImportOptions options;
  options.format = m_format->GetSelection() > 0 ? imp::FormatKeys()[size_t(m_format->GetSelection() - 1)] : "auto";
  if (m_encoding->GetSelection() > 0) options.encoding = kEncodings[m_encoding->GetSelection() - 1];
  options.channel = kAllChannels[std::max(0, m_channel->GetSelection())];
  options.dryRun = dryRun;
  options.abortOnProblem = m_abortOnProblem;
  options.listProblems = 1000;
  if (!m_mapping.empty()) options.mappingText = m_mapping.dump();
  return options;
}

void ImportWizard::RunWorker(imp::ImportOptions options, std::function<void()> onDone) {
  if (m_worker.joinable()) m_worker.join();
  m_busy = true;
  m_lastError.clear();
  m_cancel = std::make_shared<std::atomic<bool>>(false);
  const int64_t expected = m_expectedRows;
  if (expected > 0) m_gauge->SetValue(0);
  else m_gauge->Pulse();
  m_status->SetLabel(options.dryRun ? _("Checking every row…") : _("Importing…"));
  UpdateButtons();
  auto cancel = m_cancel;
  auto lastPost = std::make_shared<std::chrono::steady_clock::time_point>();
  options.progress = [this, cancel, lastPost, expected](int64_t rows) {
    // At most ten updates a second reach the UI thread, however fast the rows go.
    const auto now = std::chrono::steady_clock::now();
    if (now - *lastPost >= std::chrono::milliseconds(100)) {
      *lastPost = now;
      CallAfter([this, rows, expected] {
        if (expected > 0) m_gauge->SetValue(int(std::min<int64_t>(1000, rows * 1000 / expected)));
        else m_gauge->Pulse();
        m_status->SetLabel(wxString::Format(_("%lld rows read"), static_cast<long long>(rows)));
        if (m_observer) m_observer(rows, expected);
      });
    }
    return !*cancel;
  };
  const std::filesystem::path project = m_projectFile, file = ToPath(m_file);
  m_worker = std::thread([this, project, file, options, onDone] {
    // The worker's own connection: the window's stays free, and nothing is shared across threads.
    std::shared_ptr<imp::ImportReport> report;
    std::shared_ptr<Message> error;
    try {
      auto opened = storage::Project::Open(project);
      if (!opened.Ok()) {
        error = std::make_shared<Message>(opened.GetError());
      } else {
        auto result = imp::ImportResponses(*opened.Value(), file, options);
        if (result.Ok()) report = std::make_shared<imp::ImportReport>(std::move(result.Value()));
        else error = std::make_shared<Message>(result.GetError());
      }
    } catch (const UserError& e) {
      error = std::make_shared<Message>(e.GetMessage());
    } catch (const std::exception& e) {
      error = std::make_shared<Message>(Message(N_("Internal error: {0}")).Arg(std::string(e.what())));
    }
    CallAfter([this, report, error, onDone] {
      if (m_worker.joinable()) m_worker.join();
      m_busy = false;
      m_gauge->SetValue(report && !report->cancelled ? 1000 : 0);
      if (error) {
        m_lastError = ToWx(error->Text());
        m_status->SetLabel(_("Stopped by an error."));
        ShowError(this, m_lastError);
      } else if (report->cancelled) {
        m_report = *report;
        m_status->SetLabel(_("Cancelled: nothing was written."));
      } else {
        m_report = *report;
        m_status->SetLabel(wxString::Format(_("%lld rows read"), static_cast<long long>(report->rowsRead)));
        if (report->rowsRead > 0) m_expectedRows = report->rowsRead;
      }
      UpdateButtons();
      if (!error && !report->cancelled) onDone();
    });
  });
}

void ImportWizard::GoNext() {
  if (m_busy) return;
  switch (m_step) {
    case ImportStep::kFile: {
      if (m_detectedFormat.empty()) return;
      m_mapping = json::object();
      // A first dry run finds the automatic mapping (and counts the rows for the progress bar).
      RunWorker(Options(true), [this] {
        try {
          m_mapping = json::parse(m_report->mappingJson);
        } catch (const json::exception&) {
          m_mapping = json::object();
        }
        m_dateOrder->SetSelection(0);  // a new mapping: the dates as the file shows them
        FillMappingGrid();
        ShowStep(ImportStep::kMapping);
      });
      break;
    }
    case ImportStep::kMapping:
      ReadMappingGrid();
      RunWorker(Options(true), [this] {
        FillValidation();
        ShowStep(ImportStep::kValidation);
      });
      break;
    case ImportStep::kValidation:
      ShowStep(ImportStep::kCommit);
      m_report.reset();
      m_result->SetLabel(wxString());
      RunWorker(Options(false), [this] {
        FillCommitResult();
        UpdateButtons();
      });
      break;
    case ImportStep::kCommit:
      if (IsModal()) EndModal(m_report && m_report->committed ? wxID_OK : wxID_CANCEL);
      else Close();
      break;
  }
}

void ImportWizard::GoBack() {
  if (m_busy || m_step == ImportStep::kFile) return;
  if (m_step == ImportStep::kCommit && m_report && m_report->committed) return;
  ShowStep(ImportStep(int(m_step) - 1));
}

void ImportWizard::CancelWork() {
  if (m_cancel) *m_cancel = true;
}

void ImportWizard::FillMappingGrid() {
  // What a column may go to: the questionnaire's variables and multiple-choice items, and
  // whatever the automatic mapping chose (variables of a questionnaire derived from the file).
  std::set<std::string> seen;
  m_targets.clear();
  auto add = [&](const std::string& t) {
    if (!t.empty() && seen.insert(t).second) m_targets.push_back(t);
  };
  try {
    auto opened = storage::Project::Open(m_projectFile);
    if (opened.Ok()) {
      storage::Project& project = *opened.Value();
      const int64_t qid = project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
      if (qid > 0)
        if (auto form = io::LoadQuestionnaire(project, qid)) {
          for (const Variable& v : form->Variables()) {
            if (v.item->type == ItemType::kMultiple) add(v.item->id);
            add(v.name);
          }
        }
    }
  } catch (...) {
    // The list then holds what the automatic mapping chose; the import itself reports problems.
  }
  if (m_mapping.contains("columns"))
    for (auto it = m_mapping["columns"].begin(); it != m_mapping["columns"].end(); ++it)
      if (it.value().is_string()) add(it.value().get<std::string>());
  wxArrayString targets;
  targets.push_back(NotImported());
  for (const std::string& t : m_targets) targets.push_back(ToWx(t));

  std::map<std::string, int> headerCount;
  for (const imp::SourceColumn& c : m_layout.columns) ++headerCount[c.header];
  wxGrid* g = m_mappingGrid;
  if (g->GetNumberRows() > 0) g->DeleteRows(0, g->GetNumberRows());
  g->AppendRows(int(m_layout.columns.size()));
  const wxArrayString roles = RoleLabels();
  for (size_t r = 0; r < m_layout.columns.size(); ++r) {
    const imp::SourceColumn& c = m_layout.columns[r];
    const int row = int(r);
    g->SetCellValue(row, 0, wxString::Format("%zu", c.index + 1));
    g->SetCellValue(row, 1, ToWx(c.header.empty() ? c.text : c.header));
    g->SetReadOnly(row, 0);
    g->SetReadOnly(row, 1);
    std::string role = RoleKeyOf(c.role);
    if (m_mapping.contains("roles") && m_mapping["roles"].contains(c.header)) role = m_mapping["roles"][c.header].get<std::string>();
    const size_t roleIndex = size_t(std::find(RoleKeys().begin(), RoleKeys().end(), role) - RoleKeys().begin());
    g->SetCellValue(row, 2, roles[roleIndex < roles.size() ? roleIndex : 0]);
    g->SetCellEditor(row, 2, new wxGridCellChoiceEditor(roles));
    wxString target = NotImported();
    if (m_mapping.contains("columns") && m_mapping["columns"].contains(c.header) && m_mapping["columns"][c.header].is_string())
      target = ToWx(m_mapping["columns"][c.header].get<std::string>());
    g->SetCellValue(row, 3, role == "answer" ? target : wxString());
    g->SetCellEditor(row, 3, new wxGridCellChoiceEditor(targets));
    // The mapping file keys columns by heading: a heading that is empty or repeated cannot be
    // mapped on its own (the tool's automatic mapping still applies to it).
    if (c.header.empty() || headerCount[c.header] > 1) {
      g->SetReadOnly(row, 2);
      g->SetReadOnly(row, 3);
      g->SetCellTextColour(row, 2, wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
      g->SetCellTextColour(row, 3, wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    }
  }
  g->AutoSizeColumns(false);
  for (int c = 0; c < 4; ++c) g->SetColSize(c, std::max(g->GetColSize(c), g->GetTextExtent(g->GetColLabelValue(c)).x + FromDIP(16)));
  int widest = 0;
  for (const wxString& t : targets) widest = std::max(widest, g->GetTextExtent(t).x);
  for (const wxString& t : roles) widest = std::max(widest, g->GetTextExtent(t).x);
  g->SetColSize(2, std::max(g->GetColSize(2), widest + FromDIP(40)));
  g->SetColSize(3, std::max(g->GetColSize(3), widest + FromDIP(40)));
  g->SetColSize(1, std::min(g->GetColSize(1), FromDIP(360)));
}

void ImportWizard::ReadMappingGrid() {
  const wxArrayString roles = RoleLabels();
  std::map<std::string, int> headerCount;
  for (const imp::SourceColumn& c : m_layout.columns) ++headerCount[c.header];
  json columns = json::object(), roleMap = json::object();
  for (size_t r = 0; r < m_layout.columns.size() && int(r) < m_mappingGrid->GetNumberRows(); ++r) {
    const imp::SourceColumn& c = m_layout.columns[r];
    if (c.header.empty() || headerCount[c.header] > 1) continue;
    const int roleIndex = roles.Index(m_mappingGrid->GetCellValue(int(r), 2));
    const std::string role = roleIndex >= 0 ? RoleKeys()[size_t(roleIndex)] : "answer";
    if (role != "answer") {
      roleMap[c.header] = role;
      continue;
    }
    roleMap[c.header] = "answer";
    const wxString target = m_mappingGrid->GetCellValue(int(r), 3);
    if (target.empty() || target == NotImported()) columns[c.header] = nullptr;
    else columns[c.header] = ToUtf8(target);
  }
  m_mapping["columns"] = columns;
  m_mapping["roles"] = roleMap;
  if (!m_mapping.contains("format")) m_mapping["format"] = m_layout.format;
  if (!m_mapping.contains("header_rows")) m_mapping["header_rows"] = m_layout.headerRows;
}

bool ImportWizard::MapColumn(const wxString& header, const wxString& target) {
  for (size_t r = 0; r < m_layout.columns.size(); ++r)
    if (ToWx(m_layout.columns[r].header) == header) {
      m_mappingGrid->SetCellValue(int(r), 3, target.empty() ? NotImported() : target);
      ReadMappingGrid();
      return true;
    }
  return false;
}

bool ImportWizard::SetColumnRole(const wxString& header, const std::string& role) {
  const auto it = std::find(RoleKeys().begin(), RoleKeys().end(), role);
  if (it == RoleKeys().end()) return false;
  for (size_t r = 0; r < m_layout.columns.size(); ++r)
    if (ToWx(m_layout.columns[r].header) == header) {
      m_mappingGrid->SetCellValue(int(r), 2, RoleLabels()[size_t(it - RoleKeys().begin())]);
      ReadMappingGrid();
      return true;
    }
  return false;
}

bool ImportWizard::SaveMapping(const wxString& file) {
  ReadMappingGrid();
  std::ofstream out(ToPath(file), std::ios::binary | std::ios::trunc);
  out << m_mapping.dump(2) << "\n";
  out.close();
  if (!out) {
    ShowError(this, wxString::Format(_("Cannot write the mapping to %s. Check the folder and its permissions."), file));
    return false;
  }
  return true;
}

void ImportWizard::SetDateOrder(int choice) {
  if (m_dateOrder->GetSelection() != choice) m_dateOrder->SetSelection(choice);
  if (choice == 1) m_mapping["date_order"] = "month-first";
  else if (choice == 2) m_mapping["date_order"] = "day-first";
  else m_mapping.erase("date_order");
}

bool ImportWizard::LoadMapping(const wxString& file) {
  std::ifstream in(ToPath(file), std::ios::binary);
  if (!in) {
    ShowError(this, wxString::Format(_("Cannot read the mapping file %s. Check the path."), file));
    return false;
  }
  try {
    json loaded = json::parse(in);
    if (!loaded.is_object()) throw json::type_error::create(302, "not an object", nullptr);
    m_mapping = loaded;
    const json order = m_mapping.value("date_order", json());
    m_dateOrder->SetSelection(order == "month-first" ? 1 : order == "day-first" ? 2 : 0);
  } catch (const json::exception& e) {
    ShowError(this, wxString::Format(_("The mapping file %s is not a column mapping (%s)."), file, ToWx(e.what())));
    return false;
  }
  FillMappingGrid();
  return true;
}

void ImportWizard::SetAbortOnProblem(bool abort) {
  m_abortOnProblem = abort;
  m_onProblem->SetSelection(abort ? 1 : 0);
}

void ImportWizard::FillValidation() {
  const imp::ImportReport& r = *m_report;
  wxString summary = wxString::Format(_("%lld rows read: %lld can be imported, %lld have problems."),
                                      static_cast<long long>(r.rowsRead), static_cast<long long>(r.rowsImported),
                                      static_cast<long long>(r.rowsRejected));
  if (r.derivedQuestionnaire)
    summary += "\n" + wxString::Format(_("The project has no questionnaire yet: one with %zu items will be made from the file's columns."),
                                       r.derivedItems);
  for (const Message& note : r.notes) summary += "\n" + ToWx(note.Text());
  m_summary->SetLabel(summary);
  m_summary->Wrap(FromDIP(760));
  m_counts->DeleteAllItems();
  long i = 0;
  for (const auto& [kind, count] : r.problemCounts) {
    const long item = m_counts->InsertItem(i++, ToWx(imp::ProblemKindLabel(kind).Text()));
    m_counts->SetItem(item, 1, wxString::Format("%lld", static_cast<long long>(count)));
  }
  if (r.problemCounts.empty()) m_counts->InsertItem(0, _("No problems found."));
  AutosizeColumns(m_counts);
  m_problems->DeleteAllItems();
  i = 0;
  for (const imp::RowProblem& p : r.problems) {
    const long item = m_problems->InsertItem(i++, wxString::Format("%lld", static_cast<long long>(p.row)));
    m_problems->SetItem(item, 1, ToWx(p.column));
    m_problems->SetItem(item, 2, ToWx(p.value));
    m_problems->SetItem(item, 3, ToWx(p.message.Text()));
  }
  AutosizeColumns(m_problems);
  m_onProblem->Enable(r.rowsRejected > 0);
}

void ImportWizard::FillCommitResult() {
  const imp::ImportReport& r = *m_report;
  wxString text;
  if (r.aborted)
    text = wxString::Format(_("Nothing was imported: %lld rows have problems and you chose to abort. Fix the file or the mapping and try again."),
                            static_cast<long long>(r.rowsRejected));
  else if (r.committed)
    text = wxString::Format(_("Import %lld done: %lld responses imported, %lld rows rejected (see the data browser's rejected rows)."),
                            static_cast<long long>(r.importId), static_cast<long long>(r.rowsImported), static_cast<long long>(r.rowsRejected));
  m_result->SetLabel(text);
  m_result->Wrap(FromDIP(760));
  Layout();
}

}  // namespace manyi::gui

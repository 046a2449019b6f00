// The report dialog.
#include "gui/report_dialog.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/filename.h>
#include <wx/gauge.h>
#include <wx/intl.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>

#include <algorithm>

#include "core/error.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "gui/errors.h"
#include "gui/file_chooser.h"
#include "gui/language.h"
#include "gui/wx_text.h"
#include "report/report_run.h"
#include "report/report_template.h"

namespace manyi::gui {

namespace {

ReportDialog::Opener& InstalledOpener() {
  static ReportDialog::Opener opener;
  return opener;
}

/// The template's title in the interface language, or its name.
wxString TemplateTitle(const std::string& name) {
  try {
    const report::ReportTemplate tmpl = report::LoadReportTemplate(name);
    const auto title = tmpl.json.find("title");
    const char* lang = CurrentLanguage() == kLanguageChinese ? "zh" : "en";
    if (title != tmpl.json.end() && title->is_object() && title->contains(lang))
      return ToWx((*title)[lang].get<std::string>()) + " (" + ToWx(name) + ")";
  } catch (...) {
    // A broken template is still listed by name; running it says what is wrong.
  }
  return ToWx(name);
}

}  // namespace

ReportDialog::Opener ReportDialog::SetOpener(Opener opener) {
  Opener previous = std::move(InstalledOpener());
  InstalledOpener() = std::move(opener);
  return previous;
}

ReportDialog::ReportDialog(wxWindow* parent, storage::Project& project)
    : wxDialog(parent, wxID_ANY, _("Write Report"), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER),
      m_project(project),
      m_templates(report::ListReportTemplates()) {
  SetName("report_dialog");
  const int gap = FromDIP(8);
  auto* form = new wxFlexGridSizer(2, gap, 2 * gap);
  form->AddGrowableCol(1, 1);
  auto label = [&](const wxString& text) {
    form->Add(new wxStaticText(this, wxID_ANY, text), wxSizerFlags().CentreVertical());
  };

  label(_("Template:"));
  wxArrayString templates;
  for (const std::string& name : m_templates) templates.push_back(TemplateTitle(name));
  m_template = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, templates);
  m_template->SetName("template");
  // The management review is what most users write first; otherwise the first template.
  const auto preferred = std::find(m_templates.begin(), m_templates.end(), "management-review");
  if (!m_templates.empty()) m_template->SetSelection(preferred != m_templates.end() ? int(preferred - m_templates.begin()) : 0);
  form->Add(m_template, wxSizerFlags().Expand());

  label(_("Language:"));
  wxArrayString languages;
  languages.push_back(_("Chinese"));
  languages.push_back(_("English"));
  languages.push_back(_("Chinese and English side by side"));
  m_language = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, languages);
  m_language->SetName("language");
  m_language->SetSelection(CurrentLanguage() == kLanguageChinese ? 0 : 1);
  form->Add(m_language, wxSizerFlags().Expand());

  label(_("Client:"));
  m_client = new wxTextCtrl(this, wxID_ANY);
  m_client->SetName("client");
  m_client->SetHint(_("the client's name, for the client report"));
  form->Add(m_client, wxSizerFlags().Expand());

  label(_("Weighting:"));
  wxArrayString schemes;
  schemes.push_back(_("Unweighted"));
  m_schemes.push_back({});
  int active = 0;  // the project's active scheme is chosen at first, as in `manyi-cli report`
  {
    storage::Statement st(project.Db(), "SELECT name, active FROM weight_scheme ORDER BY id");
    while (st.Step()) {
      m_schemes.push_back(st.Text(0));
      schemes.push_back(ToWx(st.Text(0)) + (st.Int(1) ? " " + _("(active)") : wxString()));
      if (st.Int(1)) active = int(m_schemes.size()) - 1;
    }
  }
  m_weighting = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, schemes);
  m_weighting->SetName("weighting");
  m_weighting->SetSelection(active);
  form->Add(m_weighting, wxSizerFlags().Expand());

  form->AddSpacer(0);
  m_dataSheet = new wxCheckBox(this, wxID_ANY, _("Add a sheet with the coded answers (never names or contact data)"));
  m_dataSheet->SetName("data_sheet");
  form->Add(m_dataSheet);

  label(_("Save as:"));
  auto* outputRow = new wxBoxSizer(wxHORIZONTAL);
  m_output = new wxTextCtrl(this, wxID_ANY);
  m_output->SetName("output");
  m_output->SetMinSize(wxSize(m_output->GetCharWidth() * 50, -1));
  outputRow->Add(m_output, wxSizerFlags(1).CentreVertical());
  auto* browse = new wxButton(this, wxID_ANY, _("Browse…"));
  browse->SetName("browse");
  outputRow->Add(browse, wxSizerFlags().Border(wxLEFT, gap));
  form->Add(outputRow, wxSizerFlags().Expand());

  m_gauge = new wxGauge(this, wxID_ANY, 100);
  m_gauge->SetName("progress");
  m_status = new wxStaticText(this, wxID_ANY, _("Choose a template and a file, then write the report."),
                              wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_MIDDLE);
  m_status->SetName("status");

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  m_write = new wxButton(this, wxID_ANY, _("&Write Report"));
  m_write->SetName("write");
  m_write->SetDefault();
  m_open = new wxButton(this, wxID_ANY, _("&Open the Result"));
  m_open->SetName("open");
  m_open->Disable();
  // Not wxID_CANCEL / wxID_CLOSE: GTK would show its stock labels, which are not in our catalogue.
  m_cancel = new wxButton(this, wxWindow::NewControlId(), _("C&ancel Report"));
  m_cancel->SetName("cancel");
  m_cancel->Disable();
  auto* close = new wxButton(this, wxWindow::NewControlId(), _("&Close"));
  close->SetName("close");
  m_close = close;
  buttons->Add(m_write);
  buttons->Add(m_cancel, wxSizerFlags().Border(wxLEFT, gap));
  buttons->Add(m_open, wxSizerFlags().Border(wxLEFT, gap));
  buttons->AddStretchSpacer();
  buttons->Add(close, wxSizerFlags().Border(wxLEFT, gap));
  // Escape and the window's close box go through Close(): a running report is stopped first.
  SetEscapeId(wxID_NONE);
  Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& event) {
    if (event.GetKeyCode() == WXK_ESCAPE) Close();
    else event.Skip();
  });
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) { Close(); });

  auto* sizer = new wxBoxSizer(wxVERTICAL);
  sizer->Add(form, wxSizerFlags().Expand().Border(wxALL, 2 * gap));
  sizer->Add(m_gauge, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, 2 * gap));
  sizer->Add(m_status, wxSizerFlags().Expand().Border(wxALL, 2 * gap));
  sizer->Add(buttons, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM, 2 * gap));
  SetSizer(sizer);

  SuggestOutput();
  m_template->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { SuggestOutput(); });
  m_output->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_outputEdited = true; });
  browse->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { BrowseOutput(); });
  m_write->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { WriteReport(); });
  m_open->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OpenResult(); });
  m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { CancelReport(); });
  close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
  Fit();
  SetMinSize(GetSize());
  Centre();
}

void ReportDialog::SuggestOutput() {
  if (m_outputEdited || m_templates.empty() || m_template->GetSelection() < 0) return;
  // Beside the project, named after it and the template: where a person would look for it.
  wxFileName file(FromPath(m_project.Path()));
  file.SetName(file.GetName() + "-" + ToWx(m_templates[size_t(m_template->GetSelection())]));
  file.SetExt("xlsx");
  m_output->ChangeValue(file.GetFullPath());
}

void ReportDialog::BrowseOutput() {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kSave;
  request.title = _("Save Report As");
  const wxFileName current(m_output->GetValue());
  request.folder = current.GetPath();
  request.defaultName = current.GetFullName();
  request.wildcard = _("Excel workbooks (*.xlsx)") + "|*.xlsx";
  wxString file = ChooseFile(this, request);
  if (file.empty()) return;
  if (!file.Lower().EndsWith(".xlsx")) file += ".xlsx";
  m_output->SetValue(file);
}

void ReportDialog::CancelReport() {
  if (!m_running) return;
  m_cancelRequested = true;
  m_cancel->Disable();
  m_status->SetLabel(_("Cancelling…"));
}

void ReportDialog::Close() {
  if (m_running) {
    // Closed once the report has stopped: the run is still on the stack below this event.
    m_closeWhenStopped = true;
    CancelReport();
    return;
  }
  if (IsModal()) EndModal(wxID_CLOSE);
  else Hide();
}

void ReportDialog::EnableInputs(bool enable) {
  for (wxWindow* child : GetChildren())
    if (child != m_cancel && child != m_close && child != m_gauge && child != m_status) child->Enable(enable);
  if (enable) m_open->Enable(!m_written.empty());
  m_cancel->Enable(!enable);
}

bool ReportDialog::WriteReport() {
  if (m_running) return false;
  m_open->Disable();
  m_written.clear();
  m_gauge->SetValue(0);
  m_cancelRequested = false;
  bool written = false;
  try {
    if (m_templates.empty() || m_template->GetSelection() < 0)
      throw UserError(Message(N_("There are no report templates. Manyi looks for them in {0}.")).Arg(ResourceDir("reports").string()));
    wxString output = m_output->GetValue().Strip(wxString::both);
    if (output.empty()) throw UserError(Message(N_("Give the file to write the report to (.xlsx).")));
    if (!output.Lower().EndsWith(".xlsx")) output += ".xlsx";
    const report::ReportTemplate tmpl = report::LoadReportTemplate(m_templates[size_t(m_template->GetSelection())]);
    report::ReportRequest request;
    const int language = m_language->GetSelection();
    request.language = language == 0 ? "zh" : language == 1 ? "en" : "both";
    request.output = ToPath(output);
    request.inputs.client = ToUtf8(m_client->GetValue().Strip(wxString::both));
    request.inputs.dataSheet = m_dataSheet->GetValue();
    request.inputs.weightScheme = m_schemes[size_t(std::max(0, m_weighting->GetSelection()))];
    request.inputs.created = report::ReportCreationTime();
    request.cancel = &m_cancelRequested;
    const std::string interfaceLanguage = CurrentLanguage();
    // The core's translator speaks each report language in turn; the interface's translator
    // (backed by wxTranslations) comes back whatever happens.
    struct Restore {
      std::string language;
      ~Restore() { ApplyLanguage(language); }
    } restore{interfaceLanguage};
    // The run is on this thread (it shares the project's connection and the process translator):
    // the progress steps, one per section, let events through so that Cancel and the main
    // window's painting keep working; wxSafeYield leaves only this dialog usable meanwhile.
    m_running = true;
    EnableInputs(false);
    struct Running {
      ReportDialog* dialog;
      ~Running() {
        dialog->m_running = false;
        dialog->EnableInputs(true);
      }
    } running{this};
    const report::ReportOutcome outcome = report::RunReport(
        tmpl, request, m_project, interfaceLanguage,
        [](const std::string& lang) { InstallCatalogTranslator(LocaleDir(), lang); },
        [this](int step, int steps, const Message& what) {
          m_gauge->SetValue(std::min(100, step * 100 / std::max(1, steps)));
          // Shown in the interface language, whichever language the report is being built in.
          if (!m_cancelRequested) m_status->SetLabel(wxGetTranslation(ToWx(what.Id())) + wxString::FromUTF8("…"));
          if (m_observer) m_observer(step, steps);
          wxSafeYield(this, true);
        });
    m_gauge->SetValue(100);
    m_written = output;
    m_status->SetLabel(wxString::Format(_("Written: %s (%zu sheets)."), output, outcome.sheets));
    written = true;
    ++m_writtenCount;
  } catch (const report::ReportCancelled&) {
    m_gauge->SetValue(0);
    m_status->SetLabel(_("Cancelled: no report was written."));
  } catch (...) {
    const wxString message = DescribeException();
    m_gauge->SetValue(0);
    m_status->SetLabel(_("The report was not written."));
    Layout();
    ShowError(this, message);
  }
  m_open->Enable(written);
  Layout();
  if (m_closeWhenStopped) {
    m_closeWhenStopped = false;
    CallAfter([this] { Close(); });
  }
  return written;
}

bool ReportDialog::OpenResult() { return !m_written.empty() && OpenReportFile(this, m_written); }

bool OpenReportFile(wxWindow* parent, const wxString& file) {
  if (!wxFileName::FileExists(file) && !wxFileName::DirExists(file)) {
    ShowError(parent, wxString::Format(_("%s is no longer there (moved or deleted). Write the report again."), file));
    return false;
  }
  const bool opened = InstalledOpener() ? InstalledOpener()(file) : wxLaunchDefaultApplication(file);
  if (!opened)
    ShowError(parent, wxString::Format(_("No program to open %s was found. Open the file from your spreadsheet program."), file));
  return opened;
}

bool ShowReportDialog(wxWindow* parent, storage::Project& project) {
  ReportDialog dialog(parent, project);
  dialog.ShowModal();
  return dialog.WrittenCount() > 0;
}

}  // namespace manyi::gui

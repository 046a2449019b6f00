// The main window.
#include "gui/main_frame.h"

#include <wx/app.h>
#include <wx/artprov.h>
#include <wx/config.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/menu.h>
#include <wx/sizer.h>
#include <wx/statusbr.h>
#include <wx/textdlg.h>
#include <wx/wupdlock.h>

#include <algorithm>
#include <atomic>
#include <system_error>
#include <thread>

#include "core/i18n.h"
#include "core/message.h"
#include "core/paths.h"
#include "core/version.h"
#include "gui/designer_gallery.h"
#include "gui/errors.h"
#include "gui/explorer.h"
#include "gui/fieldwork_dialogs.h"
#include "gui/file_chooser.h"
#include "gui/icons.h"
#include "gui/questionnaire_actions.h"
#include "gui/report_dialog.h"
#include "io/form_json.h"
#include "io/weight_scheme.h"
#include "report/section_facts.h"
#include "storage/sqlite.h"
#include "gui/language.h"
#include "gui/project_panel.h"
#include "gui/welcome_panel.h"
#include "gui/workspace_panels.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {
constexpr const char* kRecentFilesGroup = "/RecentFiles";
constexpr const char* kLastFolderKey = "/Interface/LastFolder";
constexpr const char* kExtension = "manyi";

wxString ProjectWildcard() {
  return _("Manyi projects (*.manyi)") + "|*.manyi|" + _("All files") + "|*";
}

/// Keeps a project open until the panels that showed it are gone: they are deleted at idle time,
/// after this (wxWidgets deletes scheduled objects in the order they were scheduled).
class RetiredProject : public wxObject {
 public:
  explicit RetiredProject(std::unique_ptr<storage::Project> project) : m_project(std::move(project)) {}

 private:
  std::unique_ptr<storage::Project> m_project;
};

/// The product name in the interface language ("满意" in Chinese).
wxString AppTitle() { return _("Manyi"); }
}  // namespace

template <typename F>
void MainFrame::Safely(F&& action) {
  try {
    action();
  } catch (...) {
    ShowError(this, DescribeException());
  }
}

MainFrame::MainFrame() : wxFrame(nullptr, wxID_ANY, wxString()), m_history(9) {
  SetName("manyi_main");
  if (wxConfigBase* config = wxConfigBase::Get()) {
    config->SetPath(kRecentFilesGroup);
    m_history.Load(*config);
    config->SetPath("/");
  }
  CreateStatusBar(1);
  SetSizer(new wxBoxSizer(wxVERTICAL));
  BuildMenuBar();
  ShowContent();
  UpdateStatusBar();
  UpdateTitle();
  SetClientSize(FromDIP(wxSize(1180, 740)));
  FitToContent();
  Centre();

  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { NewProjectInteractive(); }); }, wxID_NEW);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { OpenProjectInteractive(); }); }, wxID_OPEN);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { NewProjectFromTemplateInteractive(); }); }, kIdNewFromTemplate);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    Safely([this] {
      if (!m_project) return;
      if (auto id = AddQuestionnaireFromTemplate(this, *m_project)) GetExplorer()->RefreshTree(), GetExplorer()->Select(NodeKind::kQuestionnaire, *id);
      ProjectChanged();
    });
  }, kIdAddTemplate);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    Safely([this] {
      if (!m_project) return;
      if (auto id = ImportQuestionnaire(this, *m_project)) GetExplorer()->RefreshTree(), GetExplorer()->Select(NodeKind::kQuestionnaire, *id);
      ProjectChanged();
    });
  }, kIdImportQuestionnaire);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    Safely([this] {
      if (!m_project) return;
      CommitPending();
      // The Reports part lists what was written: it shows the new report at once.
      if (ShowReportDialog(this, *m_project) && GetExplorer()->SelectedKind() == NodeKind::kReports) GetExplorer()->ReloadPanel();
      ProjectChanged();
    });
  }, kIdWriteReport);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    Safely([this] {
      if (!m_project) return;
      CommitPending();
      ProjectExplorer* explorer = GetExplorer();
      const NodeKind kind = explorer->SelectedKind();
      const int64_t id = explorer->SelectedId();
      ShowContent();  // every panel re-reads the project
      GetExplorer()->Select(kind, id);
      ProjectChanged();
    });
  }, kIdRefresh);
  Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
    Safely([&] {
      static constexpr NodeKind kParts[] = {NodeKind::kProject,     NodeKind::kQuestionnaires, NodeKind::kSampleFrame,
                                            NodeKind::kFieldwork,   NodeKind::kResponses,      NodeKind::kAnalyses,
                                            NodeKind::kReports};
      if (ProjectExplorer* explorer = GetExplorer()) explorer->Select(kParts[event.GetId() - kIdGoOverview]);
    });
  }, kIdGoOverview, kIdGoReports);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { if (UndoTarget* t = CurrentUndoTarget()) t->Undo(); }); }, wxID_UNDO);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { if (UndoTarget* t = CurrentUndoTarget()) t->Redo(); }); }, wxID_REDO);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) {
    UndoTarget* target = CurrentUndoTarget();
    const bool can = target && target->CanUndo();
    event.Enable(can);
    event.SetText((can ? wxString::Format(_("&Undo: %s"), target->UndoLabel()) : _("&Undo")) + "\tCtrl+Z");
  }, wxID_UNDO);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) {
    UndoTarget* target = CurrentUndoTarget();
    const bool can = target && target->CanRedo();
    event.Enable(can);
    event.SetText((can ? wxString::Format(_("&Redo: %s"), target->RedoLabel()) : _("&Redo")) + "\tCtrl+Y");
  }, wxID_REDO);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdAddTemplate, kIdGoReports);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { CloseProject(); }); }, wxID_CLOSE);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Close(); }, wxID_EXIT);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { wxAboutBox(AboutInfo(), this); }, wxID_ABOUT);
  Bind(wxEVT_MENU, [this](wxCommandEvent& event) {
    const size_t index = size_t(event.GetId() - wxID_FILE1);
    if (index >= m_history.GetCount()) return;
    const wxString file = m_history.GetHistoryFile(index);
    Safely([&] {
      // A recent file that is gone is dropped from the list once the user has been told.
      if (!OpenProject(file) && !wxFileName::FileExists(file)) {
        m_history.RemoveFileFromHistory(index);
        SaveHistory();
        UpdateRecentMenu();
        if (!m_project) ShowContent();
      }
    });
  }, wxID_FILE1, wxID_FILE9);
  // The language switch replaces the menu bar, so it runs after the menu event has returned.
  auto changeLanguageLater = [this](std::string language) {
    CallAfter([this, language] { Safely([&] { ChangeLanguage(language); }); });
  };
  Bind(wxEVT_MENU, [=](wxCommandEvent&) { changeLanguageLater(""); }, kIdLanguageSystem);
  Bind(wxEVT_MENU, [=](wxCommandEvent&) { changeLanguageLater(kLanguageEnglish); }, kIdLanguageEnglish);
  Bind(wxEVT_MENU, [=](wxCommandEvent&) { changeLanguageLater(kLanguageChinese); }, kIdLanguageChinese);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, wxID_CLOSE);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) {
    Safely([this] {
      if (!m_project) return;
      ShowSamplingDialog(this, *m_project);
      // A draw adds a mailing batch or a call list, and the dialog may import the customer list:
      // the parts that show those facts are made again.
      ProjectExplorer* explorer = GetExplorer();
      if (explorer && (explorer->SelectedKind() == NodeKind::kFieldwork || explorer->SelectedKind() == NodeKind::kSampleFrame ||
                       explorer->SelectedKind() == NodeKind::kProject))
        explorer->ReloadPanel();
      ProjectChanged();
    });
  }, kIdFieldworkSampling);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdFieldworkSampling);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { if (m_project) PrintMailBatchForms(this, *m_project); }); }, kIdFieldworkPrint);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdFieldworkPrint);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { ShowFieldworkTab("mail"); }); }, kIdFieldworkDataEntry);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { ShowFieldworkTab("phone"); }); }, kIdFieldworkCati);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdFieldworkDataEntry, kIdFieldworkCati);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { ImportResponsesInteractive(); }); }, kIdImportResponses);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { OpenDataBrowser(); }); }, kIdBrowseResponses);
  Bind(wxEVT_MENU, [this](wxCommandEvent&) { Safely([this] { OpenAnalysis(); }); }, kIdAnalysis);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdImportResponses, kIdAnalysis);
  Bind(wxEVT_UPDATE_UI, [this](wxUpdateUIEvent& event) { event.Enable(m_project != nullptr); }, kIdBrowseResponses);
  Bind(wxEVT_CLOSE_WINDOW, [this](wxCloseEvent&) {
    m_pageCheck.reset();
    Safely([this] { CommitPending(); });
    SaveHistory();
    Destroy();
    if (m_project) wxTheApp->ScheduleForDestruction(new RetiredProject(std::move(m_project)));
  });
}

class MainFrame::PageCheckRun {
 public:
  PageCheckRun(MainFrame* frame, std::filesystem::path file)
      : m_thread([this, frame, file = std::move(file)] {
          std::optional<Message> problem = storage::CheckPages(file, m_stop);
          // The frame outlives the run (its destructor stops and joins it); a result that arrives
          // after another project was opened is ignored there.
          if (problem && !m_stop.load()) frame->CallAfter([frame, file, problem = *problem] { frame->PagesDamaged(file, problem); });
        }) {}
  ~PageCheckRun() {
    m_stop = true;
    m_thread.join();
  }

 private:
  std::atomic<bool> m_stop{false};
  std::thread m_thread;  ///< after m_stop, which it reads
};

void MainFrame::StartPageCheck() {
  m_pageCheck.reset();
  if (m_project) m_pageCheck = std::make_unique<PageCheckRun>(this, m_project->Path());
}

void MainFrame::PagesDamaged(const std::filesystem::path& file, const Message& problem) {
  if (!m_project || m_project->Path() != file) return;
  // Nothing more is read from or written to a damaged file: it closes, then says why.
  CloseProject();
  ShowError(this, ToWx(problem.Text()));
}

MainFrame::~MainFrame() {
  m_pageCheck.reset();
  if (m_recentMenu) m_history.RemoveMenu(m_recentMenu);
}

void MainFrame::BuildMenuBar() {
  auto item = [](wxMenu* menu, int id, const wxString& label, const wxString& help, const char* art = nullptr) {
    wxMenuItem* entry = new wxMenuItem(menu, id, label, help);
    if (art) entry->SetBitmap(MenuIcon(art));
    menu->Append(entry);
    return entry;
  };
  auto* file = new wxMenu();
  item(file, wxID_NEW, _("&New Project…") + "\tCtrl+N", _("Create a new project file"), wxART_NEW);
  item(file, kIdNewFromTemplate, _("New Project from &Template…") + "\tCtrl+Shift+N",
       _("Create a new project with a questionnaire from the template gallery"));
  item(file, wxID_OPEN, _("&Open Project…") + "\tCtrl+O", _("Open an existing project file"), wxART_FILE_OPEN);
  auto* recent = new wxMenu();
  m_recentItem = file->AppendSubMenu(recent, _("Open &Recent"), _("Open a project used recently"));
  item(file, wxID_CLOSE, _("&Close Project") + "\tCtrl+W", _("Close the open project"), wxART_CLOSE);
  file->AppendSeparator();
  item(file, kIdImportResponses, _("&Import Responses…") + "\tCtrl+I", _("Import the responses a survey tool exported"));
  file->AppendSeparator();
  item(file, wxID_EXIT, _("&Quit") + "\tCtrl+Q", _("Quit Manyi"), wxART_QUIT);

  auto* edit = new wxMenu();
  item(edit, wxID_UNDO, _("&Undo") + "\tCtrl+Z", _("Undo the last questionnaire edit"), wxART_UNDO);
  item(edit, wxID_REDO, _("&Redo") + "\tCtrl+Y", _("Redo the questionnaire edit undone last"), wxART_REDO);

  auto* project = new wxMenu();
  item(project, kIdAddTemplate, _("Add Questionnaire from &Template…"), _("Add a questionnaire from the template gallery"));
  item(project, kIdImportQuestionnaire, _("&Import Questionnaire…"),
       _("Import an XLSForm, a LimeSurvey structure or a Manyi questionnaire"));
  project->AppendSeparator();
  item(project, kIdWriteReport, _("&Write Report…") + "\tCtrl+R", _("Write an Excel report from a report template"),
       wxART_PRINT);

  auto* language = new wxMenu();
  language->AppendRadioItem(kIdLanguageSystem, _("&System Default"), _("Follow the language of the system"));
  // Each language is named in itself, so that a user lost in the other one finds their own.
  language->AppendRadioItem(kIdLanguageEnglish, "English");
  language->AppendRadioItem(kIdLanguageChinese, wxString::FromUTF8("中文（简体）"));
  const std::string stored = StoredLanguageOverride();
  language->Check(stored == kLanguageEnglish   ? kIdLanguageEnglish
                  : stored == kLanguageChinese ? kIdLanguageChinese
                                               : kIdLanguageSystem,
                  true);
  auto* view = new wxMenu();
  const NodeKind parts[] = {NodeKind::kProject,   NodeKind::kQuestionnaires, NodeKind::kSampleFrame, NodeKind::kFieldwork,
                            NodeKind::kResponses, NodeKind::kAnalyses,       NodeKind::kReports};
  for (int i = 0; i < 7; ++i)
    item(view, kIdGoOverview + i, NodeLabel(parts[i]) + wxString::Format("\tCtrl+%d", i + 1),
         wxString::Format(_("Show %s in the project explorer"), NodeLabel(parts[i])));
  view->AppendSeparator();
  item(view, kIdRefresh, _("Re&fresh") + "\tF5", _("Read the project file again"), wxART_REFRESH);
  item(view, kIdBrowseResponses, _("&Responses") + "\tCtrl+B", _("Browse, filter and correct the responses"));
  item(view, kIdAnalysis, _("&Analysis") + "\tCtrl+Shift+A", _("Indices, rankings, drivers, NPS and tests"));
  view->AppendSeparator();
  view->AppendSubMenu(language, _("&Language"), _("Choose the language of the interface"));

  auto* help = new wxMenu();
  item(help, wxID_ABOUT, _("&About Manyi"), _("Version and licence"), wxART_INFORMATION);

  auto* bar = new wxMenuBar();
  bar->Append(file, _("&File"));
  bar->Append(edit, _("&Edit"));
  bar->Append(view, _("&View"));
  bar->Append(project, _("&Project"));
  bar->Append(CreateFieldworkMenu(), _("Fie&ldwork"));
  bar->Append(help, _("&Help"));

  if (m_recentMenu) m_history.RemoveMenu(m_recentMenu);
  m_recentMenu = recent;
  m_history.UseMenu(m_recentMenu);
  m_history.AddFilesToMenu(m_recentMenu);
  UpdateRecentMenu();

  wxMenuBar* old = GetMenuBar();
  SetMenuBar(bar);
  delete old;  // SetMenuBar() detaches the old bar but leaves it to us
}

void MainFrame::ShowContent() {
  wxWindowUpdateLocker freeze(this);
  if (m_content) {
    // Deleted at idle time, not now: we may be inside one of its own event handlers.
    GetSizer()->Detach(m_content);
    m_content->Hide();
    wxTheApp->ScheduleForDestruction(m_content);
    m_content = nullptr;
  }
  if (m_project) {
    m_content = new ProjectExplorer(this, *m_project, [this] { ProjectChanged(); });
  } else {
    wxArrayString files;
    for (size_t i = 0; i < m_history.GetCount(); ++i) files.push_back(m_history.GetHistoryFile(i));
    WelcomePanel::Actions actions;
    // Each action replaces the panel that asked for it: run it after the click has returned.
    actions.newProject = [this] { CallAfter([this] { Safely([this] { NewProjectInteractive(); }); }); };
    actions.openProject = [this] { CallAfter([this] { Safely([this] { OpenProjectInteractive(); }); }); };
    actions.openRecent = [this](const wxString& file) {
      CallAfter([this, file] { Safely([&] { OpenProject(file); }); });
    };
    m_content = new WelcomePanel(this, files, std::move(actions));
  }
  GetSizer()->Add(m_content, wxSizerFlags(1).Expand());
  FitToContent();
  Layout();
}

void MainFrame::FitToContent() {
  // Never smaller than what the content needs in the current language: nothing clipped.
  SetMinClientSize(wxDefaultSize);
  const wxSize needed = GetSizer()->GetMinSize();
  SetMinClientSize(needed);
  const wxSize now = GetClientSize();
  if (now.x < needed.x || now.y < needed.y) SetClientSize(wxSize(std::max(now.x, needed.x), std::max(now.y, needed.y)));
}

void MainFrame::UpdateStatusBar() {
  wxStatusBar* bar = GetStatusBar();
  if (!bar) return;
  if (!m_project) {
    bar->SetFieldsCount(1);
    SetStatusText(_("No project open"), 0);
    return;
  }
  const storage::ProjectFacts facts = m_project->Facts();
  const std::optional<std::string> weighting = io::ActiveWeightScheme(*m_project);
  const wxString fields[] = {
      ToWx(facts.name),
      ToWx(Message(N_("Responses: {0}")).Arg(static_cast<long long>(facts.responses)).Text()),
      ToWx(Message(N_("Questionnaires: {0}")).Arg(static_cast<long long>(facts.questionnaires)).Text()),
      ToWx(Message(N_("Waves: {0}")).Arg(static_cast<long long>(facts.waves)).Text()),
      weighting ? ToWx(Message(N_("Weighting: {0}")).Arg(*weighting).Text()) : _("Unweighted"),
      FromPath(m_project->Path()),
  };
  // The facts are as wide as their text; the path takes the rest.
  const int margin = FromDIP(24);
  int widths[6];
  for (int i = 0; i < 5; ++i) widths[i] = bar->GetTextExtent(fields[i]).x + margin;
  widths[5] = -1;
  bar->SetFieldsCount(6, widths);
  for (int i = 0; i < 6; ++i) SetStatusText(fields[i], i);
}

void MainFrame::UpdateTitle() {
  if (m_project)
    SetTitle(wxFileName(FromPath(m_project->Path())).GetFullName() + wxString::FromUTF8(" — ") + AppTitle());
  else
    SetTitle(AppTitle());
}

ProjectExplorer* MainFrame::GetExplorer() const { return dynamic_cast<ProjectExplorer*>(m_content); }

ProjectPanel* MainFrame::GetProjectPanel() const {
  ProjectExplorer* explorer = GetExplorer();
  return explorer ? dynamic_cast<ProjectPanel*>(explorer->GetContent()) : nullptr;
}

UndoTarget* MainFrame::CurrentUndoTarget() const {
  ProjectExplorer* explorer = GetExplorer();
  return explorer ? dynamic_cast<UndoTarget*>(explorer->GetContent()) : nullptr;
}

void MainFrame::CommitPending() {
  if (UndoTarget* target = CurrentUndoTarget()) target->CommitPending();
}

void MainFrame::ProjectChanged() {
  UpdateStatusBar();
  UpdateTitle();
}

WelcomePanel* MainFrame::GetWelcomePanel() const { return dynamic_cast<WelcomePanel*>(m_content); }

wxString MainFrame::DialogFolder() const {
  wxConfigBase* config = wxConfigBase::Get();
  return config ? config->Read(kLastFolderKey, wxString()) : wxString();
}

void MainFrame::RememberDialogFolder(const wxString& file) {
  if (wxConfigBase* config = wxConfigBase::Get()) config->Write(kLastFolderKey, wxFileName(file).GetPath());
}

void MainFrame::NewProjectInteractive(const Questionnaire* form) {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kCreate;
  request.title = _("New Project");
  request.folder = DialogFolder();
  request.defaultName = _("survey") + "." + kExtension;
  request.wildcard = ProjectWildcard();
  wxString file = ChooseFile(this, request);
  if (file.empty()) return;
  if (!file.Lower().EndsWith(wxString(".") + kExtension)) file += wxString(".") + kExtension;
  RememberDialogFolder(file);
  // Checked before asking for the name: Project::Create refuses an existing file anyway.
  if (wxFileName::Exists(file)) {
    ShowError(this, wxString::Format(_("%s already exists; a new project never overwrites a file. "
                                       "Choose another name, or open the existing project."),
                                     file));
    return;
  }
  wxTextEntryDialog nameDialog(this, _("Name of the new project (for example the client or survey programme):"),
                               _("New Project"), wxFileName(file).GetName());
  if (nameDialog.ShowModal() != wxID_OK) return;
  wxString name = nameDialog.GetValue().Strip(wxString::both);
  if (name.empty()) name = wxFileName(file).GetName();
  CreateProject(file, name, form);
}

void MainFrame::OpenProjectInteractive() {
  FileRequest request;
  request.purpose = FileRequest::Purpose::kOpen;
  request.title = _("Open Project");
  request.folder = DialogFolder();
  request.wildcard = ProjectWildcard();
  const wxString file = ChooseFile(this, request);
  if (file.empty()) return;
  RememberDialogFolder(file);
  OpenProject(file);
}

bool MainFrame::CreateProject(const wxString& file, const wxString& name, const Questionnaire* form) {
  bool ok = false;
  Safely([&] {
    auto created = storage::Project::Create(ToPath(file), ToUtf8(name));
    if (!created.Ok()) {
      ShowError(this, ToWx(created.GetError().Text()));
      return;
    }
    auto project = created.TakeOrThrow();
    int64_t formId = 0;
    if (form) formId = StoreNewQuestionnaire(*project, *form);
    CommitPending();
    m_pageCheck.reset();  // the previous project's; a new file needs none
    if (m_project) wxTheApp->ScheduleForDestruction(new RetiredProject(std::move(m_project)));
    m_project = std::move(project);
    RememberFile(file);
    ShowContent();
    UpdateStatusBar();
    UpdateTitle();
    if (formId) GetExplorer()->Select(NodeKind::kQuestionnaire, formId);
    ok = true;
  });
  return ok;
}

void MainFrame::NewProjectFromTemplateInteractive() {
  TemplateGalleryDialog gallery(this);
  if (gallery.ShowModal() != wxID_OK || !gallery.GetChosen()) return;
  const Questionnaire form = gallery.GetChosen()->form;
  NewProjectInteractive(&form);
}

bool MainFrame::OpenProject(const wxString& file) {
  bool ok = false;
  Safely([&] {
    // The whole-file check reads every page (0.6 s per 100 MB): it runs beside the window.
    auto opened = storage::Project::Open(ToPath(file), storage::PageCheck::kLater);
    if (!opened.Ok()) {
      ShowError(this, ToWx(opened.GetError().Text()));
      return;
    }
    CommitPending();
    m_pageCheck.reset();
    if (m_project) wxTheApp->ScheduleForDestruction(new RetiredProject(std::move(m_project)));
    m_project = opened.TakeOrThrow();
    RememberFile(file);
    ShowContent();
    UpdateStatusBar();
    UpdateTitle();
    StartPageCheck();
    ok = true;
  });
  return ok;
}

void MainFrame::CloseProject() {
  if (!m_project) return;
  m_pageCheck.reset();
  CommitPending();
  auto project = std::move(m_project);
  ShowContent();
  // The panels go before the project they showed.
  wxTheApp->ScheduleForDestruction(new RetiredProject(std::move(project)));
  ShowContent();
  UpdateStatusBar();
  UpdateTitle();
}

void MainFrame::ChangeLanguage(const std::string& languageOverride) {
  StoreLanguageOverride(languageOverride);
  const std::string language = languageOverride.empty() ? DetectLanguage() : languageOverride;
  CommitPending();
  const bool loaded = ApplyLanguage(language);
  wxWindowUpdateLocker freeze(this);
  BuildMenuBar();
  // The explorer comes back in the new language showing the same node.
  ProjectExplorer* explorer = GetExplorer();
  const NodeKind kind = explorer ? explorer->SelectedKind() : NodeKind::kProject;
  const int64_t id = explorer ? explorer->SelectedId() : 0;
  ShowContent();
  if (ProjectExplorer* fresh = GetExplorer()) fresh->Select(kind, id);
  UpdateStatusBar();
  UpdateTitle();
  if (!loaded)
    ShowError(this, wxString::Format(_("The %s translation was not found in %s; the interface stays in English."),
                                     ToWx(language), FromPath(LocaleDir())));
}

void MainFrame::RememberFile(const wxString& file) {
  wxFileName name(file);
  name.MakeAbsolute();
  m_history.AddFileToHistory(name.GetFullPath());
  SaveHistory();
  UpdateRecentMenu();
}

void MainFrame::UpdateRecentMenu() {
  if (m_recentItem) m_recentItem->Enable(m_history.GetCount() > 0);
}

void MainFrame::SaveHistory() {
  wxConfigBase* config = wxConfigBase::Get();
  if (!config) return;
  config->DeleteGroup(kRecentFilesGroup);
  config->SetPath(kRecentFilesGroup);
  m_history.Save(*config);
  config->SetPath("/");
  config->Flush();
}

void MainFrame::ImportResponsesInteractive() {
  if (!m_project) return;
  if (auto* responses = dynamic_cast<ResponsesPanel*>(ShowPart(NodeKind::kResponses))) responses->ImportResponses();
}

DataBrowser* MainFrame::OpenDataBrowser() {
  auto* responses = dynamic_cast<ResponsesPanel*>(ShowPart(NodeKind::kResponses));
  return responses ? responses->GetBrowser() : nullptr;
}

AnalysisView* MainFrame::OpenAnalysis() {
  auto* analyses = dynamic_cast<AnalysesPanel*>(ShowPart(NodeKind::kAnalyses));
  return analyses ? analyses->GetView() : nullptr;
}

wxWindow* MainFrame::ShowPart(NodeKind kind) {
  ProjectExplorer* explorer = GetExplorer();
  if (!m_project || !explorer) return nullptr;
  CommitPending();
  if (!explorer->Select(kind)) return nullptr;
  explorer->GetContent()->SetFocus();
  return explorer->GetContent();
}

void MainFrame::ShowFieldworkTab(const std::string& tab) {
  if (auto* fieldwork = dynamic_cast<FieldworkPanel*>(ShowPart(NodeKind::kFieldwork))) fieldwork->ShowTab(tab);
}

wxAboutDialogInfo MainFrame::AboutInfo() {
  wxAboutDialogInfo info;
  info.SetName(AppTitle());
  info.SetVersion(kVersion);
  info.SetDescription(_("Customer-satisfaction surveys: questionnaires, fieldwork by mail, phone and online,\n"
                        "satisfaction indices by region and industry, and Excel reports."));
  info.SetCopyright(_("© The Manyi developers"));
  return info;
}

}  // namespace manyi::gui

// The main window: the empty start screen, creating and opening projects through the same code
// paths as the menus, errors for bad files, recent files, About; screenshots in English.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/filename.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>

#include <fstream>
#include <random>

#include "core/version.h"
#include "gui/main_frame.h"
#include "gui/project_panel.h"
#include "gui/result_table_view.h"
#include "gui/welcome_panel.h"
#include "gui/wx_text.h"
#include "gui_test_support.h"
#include "storage/sqlite.h"
#include "support/damaged_page.h"

namespace manyi::gui::test {
namespace {

namespace fs = std::filesystem;

class MainFrameTest : public GuiTest {
 protected:

  static wxString Status(wxFrame* frame, int field) { return frame->GetStatusBar()->GetStatusText(field); }

  /// A project file with responses in three channels, made with the storage library.
  fs::path MakeProjectWithResponses(const std::string& name) {
    fs::path file = m_folder / (name + ".manyi");
    auto project = storage::Project::Create(file, name).TakeOrThrow();
    storage::Transaction tx(project->Db());
    const int64_t q = project->AddQuestionnaire("csat", 1, "满意度", "Satisfaction", "{}", {"overall"});
    const Channel channels[] = {Channel::kMail, Channel::kMail, Channel::kPhone, Channel::kOnline, Channel::kOnline,
                                Channel::kOnline};
    for (Channel channel : channels) {
      storage::ResponseRecord r;
      r.questionnaireId = q;
      r.channel = channel;
      r.values = {8.0};
      project->AddResponse(r);
    }
    tx.Commit();
    return file;
  }

  /// The value next to `fact` in the facts table, or "" when the row is missing.
  static wxString FactValue(ProjectPanel* panel, const wxString& fact) {
    ResultTableView* view = panel->GetFactsView();
    for (int r = 0; r < view->RowCount(); ++r)
      if (view->CellText(r, 0) == fact) return view->CellText(r, 1);
    return {};
  }
};

std::string ReadAll(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST_F(MainFrameTest, StartsWithTheWelcomeScreen) {
  MainFrame* frame = ShowFrame();
  EXPECT_EQ(frame->GetTitle(), "Manyi");
  EXPECT_EQ(Status(frame, 0), "No project open");
  EXPECT_EQ(frame->GetProject(), nullptr);
  ASSERT_NE(frame->GetWelcomePanel(), nullptr);
  EXPECT_EQ(frame->GetProjectPanel(), nullptr);
  wxMenuBar* bar = frame->GetMenuBar();
  ASSERT_EQ(bar->GetMenuCount(), 6u);
  EXPECT_EQ(bar->GetMenuLabel(0), "&File");
  EXPECT_EQ(bar->GetMenuLabel(1), "&Edit");
  EXPECT_EQ(bar->GetMenuLabel(2), "&View");
  EXPECT_EQ(bar->GetMenuLabel(3), "&Project");
  EXPECT_EQ(bar->GetMenuLabel(4), "Fie&ldwork");
  EXPECT_EQ(bar->GetMenuLabel(5), "&Help");
  EXPECT_TRUE(bar->IsChecked(MainFrame::kIdLanguageSystem));
  // Non-ASCII in msgids ("…") survives whatever the C library's locale is.
  EXPECT_EQ(bar->FindItem(wxID_NEW)->GetItemLabelText(), wxString::FromUTF8("New Project…"));
  auto* newButton = dynamic_cast<wxButton*>(frame->FindWindow("new_project"));
  ASSERT_NE(newButton, nullptr);
  EXPECT_EQ(newButton->GetLabelText(), wxString::FromUTF8("New Project…"));
  int recentId = bar->FindMenuItem("&File", "Open &Recent");
  ASSERT_NE(recentId, wxNOT_FOUND);
  EXPECT_FALSE(bar->IsEnabled(recentId)) << "no recent files yet";

  wxImage shot = CaptureWindow(frame);
  ASSERT_TRUE(shot.IsOk());
  EXPECT_FALSE(SaveScreenshot(shot, "main_empty_en.png").empty());
  EXPECT_EQ(ClippedControls(frame), std::vector<std::string>());
  ImageStats stats = Analyse(shot);
  EXPECT_GT(stats.colours, 20u);
  EXPECT_GT(stats.foregroundShare, 0.02);
}

TEST_F(MainFrameTest, NewProjectFromTheMenu) {
  MainFrame* frame = ShowFrame();
  // The user types a name without the extension; Manyi adds it.
  const fs::path typed = m_folder / "acme";
  {
    ScriptedFiles files({FromPath(typed)});
    wxTEST_DIALOG(SendMenu(frame, wxID_NEW), ExpectTextEntry(wxString::FromUTF8("Acme 客户 2026")));
    ASSERT_EQ(files.Requests().size(), 1u);
    EXPECT_EQ(files.Requests()[0].purpose, FileRequest::Purpose::kCreate);
    EXPECT_EQ(files.Requests()[0].defaultName, "survey.manyi");
  }

  const fs::path file = m_folder / "acme.manyi";
  EXPECT_TRUE(fs::exists(file));
  ASSERT_NE(frame->GetProject(), nullptr);
  EXPECT_EQ(frame->GetProject()->Facts().name, "Acme 客户 2026");
  EXPECT_EQ(frame->GetTitle(), wxString::FromUTF8("acme.manyi — Manyi"));
  EXPECT_EQ(Status(frame, 0), wxString::FromUTF8("Acme 客户 2026"));
  EXPECT_EQ(Status(frame, 1), "Responses: 0");
  EXPECT_EQ(Status(frame, 2), "Questionnaires: 0");
  EXPECT_EQ(Status(frame, 3), "Waves: 0");
  EXPECT_EQ(Status(frame, 4), "Unweighted");
  EXPECT_EQ(Status(frame, 5), FromPath(file));

  ProjectPanel* panel = frame->GetProjectPanel();
  ASSERT_NE(panel, nullptr);
  EXPECT_EQ(FactValue(panel, "Name"), wxString::FromUTF8("Acme 客户 2026"));
  EXPECT_EQ(FactValue(panel, "Responses"), "0");
  EXPECT_EQ(panel->GetChannelView()->RowCount(), 5);  // four channels and the total

  ASSERT_EQ(frame->GetFileHistory().GetCount(), 1u);
  EXPECT_EQ(frame->GetFileHistory().GetHistoryFile(0), FromPath(file));
  EXPECT_TRUE(frame->GetMenuBar()->IsEnabled(frame->GetMenuBar()->FindMenuItem("&File", "Open &Recent")));

  // Close goes back to the start screen, which now lists the project.
  SendMenu(frame, wxID_CLOSE);
  EXPECT_EQ(frame->GetProject(), nullptr);
  EXPECT_EQ(frame->GetTitle(), "Manyi");
  ASSERT_NE(frame->GetWelcomePanel(), nullptr);
  ASSERT_NE(frame->GetWelcomePanel()->GetRecentList(), nullptr);
  EXPECT_EQ(frame->GetWelcomePanel()->GetRecentList()->GetCount(), 1u);
}

TEST_F(MainFrameTest, WelcomeButtonsCreateAndOpenProjects) {
  MainFrame* frame = ShowFrame();
  auto click = [frame](const char* name) {
    wxWindow* button = frame->FindWindow(name);
    ASSERT_NE(button, nullptr) << name;
    wxCommandEvent event(wxEVT_BUTTON, button->GetId());
    event.SetEventObject(button);
    button->ProcessWindowEvent(event);
  };
  // The button's action runs after the click returns (it replaces the panel holding the button).
  auto clickAndWaitForProject = [&](const char* name) {
    click(name);
    return WaitUntil([frame] { return frame->GetProject() != nullptr; });
  };
  {
    ScriptedFiles files({FromPath(m_folder / "from button.manyi")});
    bool created = false;
    wxTEST_DIALOG(created = clickAndWaitForProject("new_project"), ExpectTextEntry("Button"));
    EXPECT_TRUE(created);
  }
  EXPECT_EQ(Status(frame, 0), "Button");
  SendMenu(frame, wxID_CLOSE);
  ASSERT_EQ(frame->GetProject(), nullptr);
  {
    ScriptedFiles files({FromPath(m_folder / "from button.manyi")});
    EXPECT_TRUE(clickAndWaitForProject("open_project"));
  }
  EXPECT_EQ(Status(frame, 0), "Button");
}

TEST_F(MainFrameTest, NewProjectRefusesAnExistingFile) {
  MainFrame* frame = ShowFrame();
  const fs::path file = m_folder / "taken.manyi";
  std::ofstream(file) << "not to be overwritten";
  wxString message;
  ScriptedFiles files({FromPath(file)});
  wxTEST_DIALOG(frame->NewProjectInteractive(), ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("already exists")) << message;
  EXPECT_TRUE(message.Contains(FromPath(file))) << message;
  EXPECT_EQ(frame->GetProject(), nullptr);
  EXPECT_EQ(ReadAll(file), "not to be overwritten");
}

TEST_F(MainFrameTest, CancelledNewDoesNothing) {
  MainFrame* frame = ShowFrame();
  {
    ScriptedFiles files({wxString()});  // the user cancels the file dialog
    SendMenu(frame, wxID_NEW);
  }
  EXPECT_EQ(frame->GetProject(), nullptr);
  for (const auto& entry : fs::directory_iterator(m_folder)) EXPECT_NE(entry.path().extension(), ".manyi");
}

TEST_F(MainFrameTest, CorruptFileShowsAMessageAndChangesNothing) {
  MainFrame* frame = ShowFrame();
  const fs::path file = m_folder / "corrupt.manyi";
  {
    std::mt19937 random(20261123);
    std::ofstream out(file, std::ios::binary);
    for (int i = 0; i < 8192; ++i) out.put(char(random() & 0xff));
  }
  const std::string before = ReadAll(file);

  wxString message;
  ScriptedFiles files({FromPath(file)});
  wxTEST_DIALOG(SendMenu(frame, wxID_OPEN), ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("corrupt.manyi")) << message;
  EXPECT_TRUE(message.Contains("not a Manyi project") || message.Contains("damaged")) << message;
  EXPECT_EQ(frame->GetProject(), nullptr);
  EXPECT_NE(frame->GetWelcomePanel(), nullptr);
  EXPECT_EQ(frame->GetTitle(), "Manyi");
  EXPECT_EQ(frame->GetFileHistory().GetCount(), 0u);  // a file that failed is not "recent"
  EXPECT_EQ(ReadAll(file), before);
}

TEST_F(MainFrameTest, ADamagedPageFoundAfterTheOpenClosesTheProjectWithTheMessage) {
  // Sound header and schema, one damaged page of responses: File > Open shows the project at once
  // and the whole-file check beside the window finds the damage a moment later.
  const fs::path file = m_folder / "damaged.manyi";
  {
    auto project = storage::Project::Create(file, "damaged").TakeOrThrow();
    storage::Transaction tx(project->Db());
    const int64_t q = project->AddQuestionnaire("csat", 1, "满意度", "Satisfaction", "{}", {"overall"});
    for (int i = 0; i < 2000; ++i) {
      storage::ResponseRecord r;
      r.questionnaireId = q;
      r.channel = Channel::kMail;
      r.values = {double(i % 10)};
      project->AddResponse(r);
    }
    tx.Commit();
  }
  manyi::test::DamageLastResponsePage(file);
  MainFrame* frame = ShowFrame();
  wxString message;
  wxTEST_DIALOG(
      {
        ScriptedFiles files({FromPath(file)});
        SendMenu(frame, wxID_OPEN);
        EXPECT_TRUE(WaitUntil([frame] { return frame->GetProject() == nullptr; }));
      },
      ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("damaged.manyi is damaged")) << message;
  EXPECT_TRUE(message.Contains("manyi-cli check")) << message;
  EXPECT_NE(frame->GetWelcomePanel(), nullptr);
  EXPECT_EQ(frame->GetTitle(), "Manyi");
}

TEST_F(MainFrameTest, FailedOpenKeepsTheOpenProject) {
  MainFrame* frame = ShowFrame();
  const fs::path good = MakeProjectWithResponses("good");
  ASSERT_TRUE(frame->OpenProject(FromPath(good)));
  wxString message;
  wxTEST_DIALOG(EXPECT_FALSE(frame->OpenProject(FromPath(m_folder / "missing.manyi"))),
                ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("missing.manyi")) << message;
  ASSERT_NE(frame->GetProject(), nullptr);
  EXPECT_EQ(frame->GetProject()->Path(), good);
}

TEST_F(MainFrameTest, OpenShowsTheProjectFacts) {
  const fs::path file = MakeProjectWithResponses("Regional survey");
  MainFrame* frame = ShowFrame();
  {
    ScriptedFiles files({FromPath(file)});
    SendMenu(frame, wxID_OPEN);
  }
  ASSERT_NE(frame->GetProject(), nullptr);
  EXPECT_EQ(Status(frame, 0), "Regional survey");
  EXPECT_EQ(Status(frame, 1), "Responses: 6");
  EXPECT_EQ(frame->GetTitle(), wxString::FromUTF8("Regional survey.manyi — Manyi"));

  ProjectPanel* panel = frame->GetProjectPanel();
  ASSERT_NE(panel, nullptr);
  EXPECT_EQ(FactValue(panel, "Responses"), "6");
  EXPECT_EQ(FactValue(panel, "Questionnaires"), "1");
  ResultTableView* channels = panel->GetChannelView();
  ASSERT_EQ(channels->RowCount(), 5);
  EXPECT_EQ(channels->CellText(0, 0), "mail");
  EXPECT_EQ(channels->CellText(0, 1), "2");
  EXPECT_EQ(channels->CellText(2, 0), "online");
  EXPECT_EQ(channels->CellText(2, 1), "3");
  EXPECT_EQ(channels->CellText(4, 1), "6");

  wxImage shot = CaptureWindow(frame);
  ASSERT_TRUE(shot.IsOk());
  EXPECT_FALSE(SaveScreenshot(shot, "main_project_en.png").empty());
  EXPECT_EQ(ClippedControls(frame), std::vector<std::string>());
  ImageStats stats = Analyse(shot);
  EXPECT_GT(stats.colours, 20u);
  EXPECT_GT(stats.foregroundShare, 0.02);
}

TEST_F(MainFrameTest, RecentFilesSurviveARestart) {
  const fs::path file = MakeProjectWithResponses("recent");
  {
    MainFrame* frame = ShowFrame();
    ASSERT_TRUE(frame->OpenProject(FromPath(file)));
    ASSERT_TRUE(DestroyAllTopLevelWindows());
  }
  MainFrame* frame = ShowFrame();
  ASSERT_EQ(frame->GetFileHistory().GetCount(), 1u);
  EXPECT_EQ(frame->GetFileHistory().GetHistoryFile(0), FromPath(file));
  ASSERT_NE(frame->GetWelcomePanel(), nullptr);
  ASSERT_NE(frame->GetWelcomePanel()->GetRecentList(), nullptr);
  EXPECT_TRUE(frame->GetWelcomePanel()->GetRecentList()->GetString(0).StartsWith("recent.manyi"));
  wxImage shot = CaptureWindow(frame);
  EXPECT_FALSE(SaveScreenshot(shot, "main_welcome_recent_en.png").empty());
  EXPECT_EQ(ClippedControls(frame), std::vector<std::string>());
  EXPECT_GT(Analyse(shot).colours, 20u);

  SendMenu(frame, wxID_FILE1);  // File ▸ Open Recent ▸ 1
  ASSERT_NE(frame->GetProject(), nullptr);
  EXPECT_EQ(Status(frame, 1), "Responses: 6");
}

TEST_F(MainFrameTest, RecentFileThatIsGoneIsDropped) {
  const fs::path file = MakeProjectWithResponses("gone");
  {
    MainFrame* frame = ShowFrame();
    ASSERT_TRUE(frame->OpenProject(FromPath(file)));
    ASSERT_TRUE(DestroyAllTopLevelWindows());
  }
  fs::remove(file);
  MainFrame* frame = ShowFrame();
  ASSERT_EQ(frame->GetFileHistory().GetCount(), 1u);
  wxString message;
  wxTEST_DIALOG(SendMenu(frame, wxID_FILE1), ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("does not exist")) << message;
  EXPECT_EQ(frame->GetFileHistory().GetCount(), 0u);
  EXPECT_EQ(frame->GetWelcomePanel()->GetRecentList(), nullptr);
}

TEST_F(MainFrameTest, AboutNamesTheVersion) {
  wxAboutDialogInfo info = MainFrame::AboutInfo();
  EXPECT_EQ(info.GetName(), "Manyi");
  EXPECT_EQ(info.GetVersion(), kVersion);
  EXPECT_FALSE(info.GetDescription().empty());
}

TEST_F(MainFrameTest, QuitClosesTheWindow) {
  MainFrame* frame = ShowFrame();
  ASSERT_TRUE(frame->OpenProject(FromPath(MakeProjectWithResponses("quit"))));
  SendMenu(frame, wxID_EXIT);
  EXPECT_TRUE(WaitUntil([] { return wxTopLevelWindows.empty(); }));
}

}  // namespace
}  // namespace manyi::gui::test

namespace manyi::gui::test {
namespace {

// The clipping check itself must be able to fail.
TEST_F(GuiTest, ClippingCheckFindsASqueezedLabel) {
  auto* frame = new wxFrame(nullptr, wxID_ANY, "clip");
  auto* label = new wxStaticText(frame, wxID_ANY, "A label far too long for the room it is given", wxPoint(0, 0),
                                 wxSize(30, 10));
  frame->Show();
  ASSERT_TRUE(WaitUntil([frame] { return frame->IsShownOnScreen(); }));
  label->SetSize(wxSize(30, 10));
  const std::vector<std::string> clipped = ClippedControls(frame);
  ASSERT_EQ(clipped.size(), 1u);
  EXPECT_NE(clipped[0].find("far too long"), std::string::npos);
}

}  // namespace
}  // namespace manyi::gui::test

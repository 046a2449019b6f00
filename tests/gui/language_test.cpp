// The interface language: switching to Chinese at once (menus, panels, status bar and the core's
// deferred messages), persisting the choice, C numbers; screenshots in Chinese.
#include <gtest/gtest.h>
#include <wx/config.h>
#include <wx/menu.h>
#include <wx/statusbr.h>

#include <clocale>

#include "core/channel.h"
#include "core/i18n.h"
#include "core/message.h"
#include "gui/language.h"
#include "gui/main_frame.h"
#include "gui/project_panel.h"
#include "gui/settings.h"
#include "gui/result_table_view.h"
#include "gui/wx_text.h"
#include "gui_test_support.h"

namespace manyi::gui::test {
namespace {

namespace fs = std::filesystem;

class LanguageTest : public GuiTest {
 protected:
  /// Picks View ▸ Language ▸ item, and waits for the switch (it runs after the menu event).
  static void ChooseLanguage(wxFrame* frame, int item, const std::string& expected) {
    SendMenu(frame, item);
    EXPECT_TRUE(WaitUntil([&] { return CurrentLanguage() == expected; })) << expected;
  }
};

TEST_F(LanguageTest, ChineseCatalogueLoads) {
  ASSERT_TRUE(ApplyLanguage(kLanguageChinese));
  EXPECT_EQ(CurrentLanguage(), kLanguageChinese);
  EXPECT_EQ(wxGetTranslation("&File"), wxString::FromUTF8("文件(&F)"));
  // The core's deferred messages go through the same catalogue.
  EXPECT_EQ(Message(N_("Responses: {0}")).Arg(12).Text(), "答卷：12");
  EXPECT_EQ(Translate("No project open"), "未打开项目");
  ASSERT_TRUE(ApplyLanguage(kLanguageEnglish));
  EXPECT_EQ(wxGetTranslation("&File"), "&File");
  EXPECT_EQ(Message(N_("Responses: {0}")).Arg(12).Text(), "Responses: 12");
}

TEST_F(LanguageTest, NumbersStayInTheCLocale) {
  ApplyLanguage(kLanguageChinese);
  EXPECT_STREQ(std::localeconv()->decimal_point, ".");
  EXPECT_STREQ(std::setlocale(LC_NUMERIC, nullptr), "C");
}

TEST_F(LanguageTest, SwitchingToChineseAppliesAtOnce) {
  MainFrame* frame = ShowFrame();
  CheckScreenshot(frame, "main_empty_en_before_switch.png");
  ChooseLanguage(frame, MainFrame::kIdLanguageChinese, kLanguageChinese);

  EXPECT_EQ(CurrentLanguage(), kLanguageChinese);
  wxMenuBar* bar = frame->GetMenuBar();
  EXPECT_EQ(bar->GetMenuLabel(0), wxString::FromUTF8("文件(&F)"));
  EXPECT_EQ(bar->GetMenuLabel(4), wxString::FromUTF8("实地调查(&L)"));
  EXPECT_EQ(bar->GetMenuLabel(5), wxString::FromUTF8("帮助(&H)"));
  EXPECT_TRUE(bar->IsChecked(MainFrame::kIdLanguageChinese));
  EXPECT_EQ(bar->FindItem(wxID_NEW)->GetItemLabelText(), wxString::FromUTF8("新建项目(N)…"));
  EXPECT_EQ(frame->GetStatusBar()->GetStatusText(0), wxString::FromUTF8("未打开项目"));
  EXPECT_EQ(frame->GetTitle(), wxString::FromUTF8("满意"));
  CheckScreenshot(frame, "main_empty_zh_CN.png");

  // A project opened now shows its facts in Chinese, including the core's channel names.
  const fs::path file = m_folder / "zh.manyi";
  {
    auto project = storage::Project::Create(file, "华东区 2026 年客户满意度").TakeOrThrow();
    storage::Transaction tx(project->Db());
    const int64_t q = project->AddQuestionnaire("csat", 1, "满意度", "Satisfaction", "{}", {"overall"});
    for (Channel channel : {Channel::kMail, Channel::kPhone, Channel::kPhone, Channel::kFaceToFace}) {
      storage::ResponseRecord r;
      r.questionnaireId = q;
      r.channel = channel;
      r.values = {9.0};
      project->AddResponse(r);
    }
    tx.Commit();
  }
  ASSERT_TRUE(frame->OpenProject(FromPath(file)));
  EXPECT_EQ(frame->GetStatusBar()->GetStatusText(1), wxString::FromUTF8("答卷：4"));
  EXPECT_EQ(frame->GetTitle(), wxString::FromUTF8("zh.manyi — 满意"));
  ResultTableView* channels = frame->GetProjectPanel()->GetChannelView();
  EXPECT_EQ(channels->Title(), wxString::FromUTF8("按渠道统计的答卷"));
  EXPECT_EQ(channels->CellText(0, 0), ToWx(ChannelLabel(Channel::kMail).Text()));
  CheckScreenshot(frame, "main_project_zh_CN.png");

  // And back to English at once, with the project still open.
  ChooseLanguage(frame, MainFrame::kIdLanguageEnglish, kLanguageEnglish);
  EXPECT_EQ(frame->GetMenuBar()->GetMenuLabel(0), "&File");
  EXPECT_EQ(frame->GetStatusBar()->GetStatusText(1), "Responses: 4");
  EXPECT_EQ(frame->GetProjectPanel()->GetChannelView()->Title(), "Responses by channel");
}

TEST_F(LanguageTest, SettingsLiveInTheXdgConfigFolder) {
  setenv("XDG_CONFIG_HOME", (m_folder / "xdg").c_str(), 1);
  EXPECT_EQ(DefaultSettingsFile(), FromPath(m_folder / "xdg" / "manyi" / "manyi.conf"));
  unsetenv("XDG_CONFIG_HOME");
}

TEST_F(LanguageTest, TheChoicePersistsAndSystemDefaultFollowsTheEnvironment) {
  {
    MainFrame* frame = ShowFrame();
    ChooseLanguage(frame, MainFrame::kIdLanguageChinese, kLanguageChinese);
    ASSERT_TRUE(DestroyAllTopLevelWindows());
  }
  // What the next start of the program sees.
  EXPECT_EQ(StoredLanguageOverride(), kLanguageChinese);
  EXPECT_EQ(ChosenLanguage(), kLanguageChinese);
  wxConfigBase::Get()->Flush();
  EXPECT_EQ(wxConfigBase::Get()->Read(kLanguageConfigKey), "zh_CN");

  ApplyLanguage(ChosenLanguage());
  MainFrame* frame = ShowFrame();
  EXPECT_EQ(frame->GetMenuBar()->GetMenuLabel(0), wxString::FromUTF8("文件(&F)"));
  EXPECT_TRUE(frame->GetMenuBar()->IsChecked(MainFrame::kIdLanguageChinese));

  // "System default" clears the override and uses the environment's language.
  setenv("MANYI_LANG", "en", 1);
  ChooseLanguage(frame, MainFrame::kIdLanguageSystem, kLanguageEnglish);
  EXPECT_EQ(StoredLanguageOverride(), "");
  EXPECT_EQ(CurrentLanguage(), kLanguageEnglish);
  EXPECT_EQ(frame->GetMenuBar()->GetMenuLabel(0), "&File");
  setenv("MANYI_LANG", "zh_CN.UTF-8", 1);
  EXPECT_EQ(ChosenLanguage(), kLanguageChinese);
}

}  // namespace
}  // namespace manyi::gui::test

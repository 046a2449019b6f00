// The questionnaire designer and the project explorer, as a user drives them: a project created
// from a template, texts and logic edited (an invalid condition refused with the error pointing
// at the character), undo and redo, every edit in the project file at once; the explorer's parts
// and status bar; the report dialog writing a workbook. Screenshots of every screen in English
// and Chinese go to build/screenshots/.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/checkbox.h>
#include <wx/dataview.h>
#include <wx/gauge.h>
#include <wx/listbox.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/propgrid/propgrid.h>
#include <wx/stattext.h>
#include <wx/statusbr.h>
#include <wx/textctrl.h>
#include <wx/treectrl.h>

#include <fstream>

#include "core/i18n.h"
#include "core/paths.h"
#include "gui/designer_editors.h"
#include "gui/designer_gallery.h"
#include "gui/designer_model.h"
#include "gui/designer_panel.h"
#include "gui/designer_preview.h"
#include "gui/explorer.h"
#include "gui/language.h"
#include "gui/main_frame.h"
#include "gui/part_panel.h"
#include "gui/report_dialog.h"
#include "gui/result_table_view.h"
#include "gui/workspace_panels.h"
#include "gui/wx_text.h"
#include "gui_test_support.h"
#include "io/demo_project.h"
#include "io/form_json.h"
#include "storage/sqlite.h"

namespace manyi::gui::test {
namespace {

namespace fs = std::filesystem;

/// The shared screenshot check (gui_test_support.h), after the window has laid out its controls.
void CheckLaidOutScreenshot(wxWindow* window, const std::string& name) {
  window->Layout();
  CheckScreenshot(window, name);
}

/// The stored definition of the latest version of a questionnaire, read back from the file.
Questionnaire StoredForm(storage::Project& project, const std::string& key, int* version = nullptr) {
  storage::Statement st(project.Db(), "SELECT id, version FROM questionnaire WHERE form_key = ?1 ORDER BY version DESC LIMIT 1");
  st.Bind(1, key);
  EXPECT_TRUE(st.Step());
  if (version) *version = int(st.Int(1));
  return *io::LoadQuestionnaire(project, st.Int(0));
}

class DesignerTest : public GuiTest {
 protected:
  /// File ▸ New Project from Template…, choosing formId, as a user would.
  MainFrame* NewProjectFromTemplate(const std::string& formId, const std::string& name, const std::string& shot = {}) {
    MainFrame* frame = ShowFrame();
    ScriptedFiles files({FromPath(m_folder / (name + ".manyi"))});
    wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdNewFromTemplate),
                  WorkDialog<TemplateGalleryDialog>(
                      [&](TemplateGalleryDialog* gallery) {
                        EXPECT_GE(gallery->GetList()->GetCount(), 4u) << "the four templates of forms/";
                        EXPECT_TRUE(gallery->SelectTemplate(formId));
                        if (!shot.empty()) CheckLaidOutScreenshot(gallery, shot);
                      },
                      wxID_OK),
                  ExpectTextEntry(ToWx(name)));
    return frame;
  }

  /// The part's summary in the explorer's panel: the panel itself, or its Summary tab where the
  /// part is worked in (Responses, Analyses, Fieldwork).
  static PartPanel* Summary(ProjectExplorer* explorer) {
    wxWindow* content = explorer->GetContent();
    if (auto* responses = dynamic_cast<ResponsesPanel*>(content)) return responses->GetSummary();
    if (auto* tabs = dynamic_cast<TabbedPanel*>(content)) tabs->ShowTab("summary");
    return dynamic_cast<PartPanel*>(content->FindWindow("part"));
  }

  static DesignerPanel* Designer(MainFrame* frame) {
    ProjectExplorer* explorer = frame->GetExplorer();
    return explorer ? dynamic_cast<DesignerPanel*>(explorer->GetContent()) : nullptr;
  }

  /// Types into a control as a user would (text events), without committing.
  static void Type(wxTextCtrl* control, const wxString& text) {
    control->SetFocus();
    control->SetValue(text);  // sends wxEVT_TEXT like typing
  }
};

TEST_F(DesignerTest, ScriptedSessionFromTemplateToReport) {
  MainFrame* frame = NewProjectFromTemplate("nps-csat-ces", "session", "template_gallery_en.png");
  ASSERT_NE(frame->GetProject(), nullptr);
  storage::Project& project = *frame->GetProject();
  EXPECT_EQ(project.Facts().questionnaires, 1);
  // The status bar: name, responses, questionnaires, waves, weighting, file.
  wxStatusBar* bar = frame->GetStatusBar();
  ASSERT_EQ(bar->GetFieldsCount(), 6);
  EXPECT_EQ(bar->GetStatusText(1), "Responses: 0");
  EXPECT_EQ(bar->GetStatusText(2), "Questionnaires: 1");
  EXPECT_EQ(bar->GetStatusText(3), "Waves: 0");
  EXPECT_EQ(bar->GetStatusText(4), "Unweighted");

  // The new project opens on its questionnaire in the designer, first question selected.
  DesignerPanel* designer = Designer(frame);
  ASSERT_NE(designer, nullptr);
  const Questionnaire& form = designer->Document().Form();
  ASSERT_TRUE(designer->Selected().IsItem());
  const Item original = *ItemAt(form, designer->Selected());
  const FormPath first = designer->Selected();
  ASSERT_FALSE(original.text.Get("zh").empty());
  ASSERT_FALSE(original.text.Get("en").empty());
  CheckLaidOutScreenshot(frame, "designer_texts_en.png");

  // Edit the Chinese and English question text: in the file at once, in the same (unused) version.
  designer->ShowPage(DesignerPanel::kTextsPage);
  TextPairEditor* texts = designer->GetTexts();
  Type(texts->GetControl(0, true), wxString::FromUTF8("您向朋友推荐我们的可能性有多大？"));
  texts->CommitPending();
  Type(texts->GetControl(0, false), "How likely are you to recommend us to a friend?");
  texts->CommitPending();
  int version = 0;
  Questionnaire stored = StoredForm(project, form.id, &version);
  EXPECT_EQ(version, 1) << "an unused version is the draft: edited in place";
  EXPECT_EQ(ItemAt(stored, first)->text.Get("zh"), "您向朋友推荐我们的可能性有多大？");
  EXPECT_EQ(ItemAt(stored, first)->text.Get("en"), "How likely are you to recommend us to a friend?");
  // The two typing pauses on the same text are one undo step.
  ASSERT_TRUE(designer->CanUndo());
  EXPECT_EQ(designer->UndoLabel(), wxString::Format("Edit the texts of %s", ToWx(original.id)));

  // A missing translation is marked.
  EXPECT_FALSE(texts->IsMarkedMissing(1));
  Type(texts->GetControl(1, true), wxString::FromUTF8("请按 0–10 打分"));
  EXPECT_TRUE(texts->IsMarkedMissing(1)) << "help in Chinese only";
  texts->CommitPending();
  designer->Document().Seal();
  EXPECT_TRUE(ItemMissesTranslation(*ItemAt(designer->Document().Form(), first)));
  CheckLaidOutScreenshot(frame, "designer_missing_translation_en.png");

  // Logic: an invalid condition is refused with the error at its character; nothing is stored.
  designer->ShowPage(DesignerPanel::kLogicPage);
  ExpressionEditor* relevance = designer->GetRelevance();
  Type(relevance->GetText(), "q1 >= ");
  EXPECT_FALSE(relevance->IsValid());
  ASSERT_TRUE(relevance->ErrorColumn().has_value());
  EXPECT_EQ(*relevance->ErrorColumn(), 6u) << "the end of the text, where a value is missing";
  EXPECT_TRUE(relevance->GetStatus()->GetLabel().Contains("^")) << relevance->GetStatus()->GetLabel();
  relevance->CommitPending();
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->relevant, original.relevant) << "an invalid condition is never stored";
  CheckLaidOutScreenshot(frame, "designer_logic_error_en.png");

  // A name that is not in the questionnaire is refused too, pointing at the name.
  Type(relevance->GetText(), "nosuch = 1");
  EXPECT_FALSE(relevance->IsValid());
  EXPECT_TRUE(relevance->ErrorText().Contains("nosuch")) << relevance->ErrorText();
  EXPECT_EQ(relevance->ErrorColumn().value_or(99), 0u);

  // A valid one is accepted and stored.
  const std::string other = form.sections.back().items.back().id;
  const std::string condition = other + " >= 0";
  Type(relevance->GetText(), ToWx(condition));
  EXPECT_TRUE(relevance->IsValid()) << relevance->ErrorText();
  relevance->CommitPending();
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->relevant, condition);
  CheckLaidOutScreenshot(frame, "designer_logic_en.png");

  // Undo (Edit ▸ Undo, Ctrl+Z) takes the condition back, in memory and in the file; then the help,
  // then the question text. Redo brings the text again.
  SendMenu(frame, wxID_UNDO);
  EXPECT_EQ(ItemAt(designer->Document().Form(), first)->relevant, original.relevant);
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->relevant, original.relevant);
  SendMenu(frame, wxID_UNDO);
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->help.byLang, original.help.byLang);
  SendMenu(frame, wxID_UNDO);
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->text.byLang, original.text.byLang);
  EXPECT_EQ(texts->GetControl(0, false)->GetValue(), ToWx(original.text.Get("en"))) << "the page shows the undone text";
  EXPECT_FALSE(designer->CanUndo());
  SendMenu(frame, wxID_REDO);
  EXPECT_EQ(ItemAt(StoredForm(project, form.id), first)->text.Get("en"), "How likely are you to recommend us to a friend?");
  EXPECT_EQ(StoredForm(project, form.id, &version).id, form.id);
  EXPECT_EQ(version, 1);

  // The other pages.
  designer->ShowPage(DesignerPanel::kPropertiesPage);
  EXPECT_NE(designer->GetProperties()->GetPropertyByName("type"), nullptr);
  CheckLaidOutScreenshot(frame, "designer_properties_en.png");
  designer->ShowPage(DesignerPanel::kAnswersPage);
  CheckLaidOutScreenshot(frame, "designer_answers_en.png");
  designer->ShowPage(DesignerPanel::kPreviewPage);
  ASSERT_FALSE(designer->GetPreview()->Texts().empty());
  EXPECT_EQ(designer->GetPreview()->Texts()[0], "1. How likely are you to recommend us to a friend? *")
      << "the edited English text, numbered, required";
  CheckLaidOutScreenshot(frame, "designer_preview_en.png");

  // Project ▸ Write Report… on this project: the templates need the demo questionnaire's items, so
  // the dialog says which variable is missing and writes nothing.
  const fs::path refused = m_folder / "refused.xlsx";
  wxString error;
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdWriteReport),
                WorkDialog<ReportDialog>(
                    [&](ReportDialog* dialog) {
                      dialog->GetOutput()->SetValue(FromPath(refused));
                      wxTEST_DIALOG(EXPECT_FALSE(dialog->WriteReport()), ExpectMessageBox(&error));
                      EXPECT_FALSE(dialog->GetOpenButton()->IsEnabled());
                    },
                    wxID_CLOSE));
  EXPECT_TRUE(error.Contains("no variable")) << error;
  EXPECT_FALSE(fs::exists(refused));

  // The demo project (built by the CLI's code): the dialog writes the workbook with the CLI's
  // code, shows the progress and offers to open the result.
  const fs::path demo = io::BuildDemoProject(ResourceDir("demo"), m_folder / "demo");
  ASSERT_TRUE(frame->OpenProject(FromPath(demo)));
  const fs::path out = m_folder / "session report.xlsx";
  wxString opened;
  auto previous = ReportDialog::SetOpener([&](const wxString& file) {
    opened = file;
    return true;
  });
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdWriteReport),
                WorkDialog<ReportDialog>(
                    [&](ReportDialog* dialog) {
                      CheckLaidOutScreenshot(dialog, "report_dialog_en.png");
                      EXPECT_FALSE(dialog->GetOpenButton()->IsEnabled());
                      EXPECT_TRUE(dialog->GetOutput()->GetValue().EndsWith(".xlsx")) << "a name is suggested";
                      dialog->GetOutput()->SetValue(FromPath(out));
                      dialog->GetLanguage()->SetSelection(2);  // both
                      EXPECT_TRUE(dialog->WriteReport()) << dialog->GetStatus()->GetLabel();
                      EXPECT_EQ(dialog->GetGauge()->GetValue(), 100);
                      EXPECT_TRUE(dialog->GetOpenButton()->IsEnabled());
                      EXPECT_TRUE(dialog->GetStatus()->GetLabel().Contains("Written")) << dialog->GetStatus()->GetLabel();
                      CheckLaidOutScreenshot(dialog, "report_dialog_done_en.png");
                      EXPECT_TRUE(dialog->OpenResult());
                    },
                    wxID_CLOSE));
  ReportDialog::SetOpener(std::move(previous));
  EXPECT_TRUE(fs::exists(out));
  EXPECT_GT(fs::file_size(out), 10000u);
  EXPECT_EQ(opened, FromPath(out));
  EXPECT_EQ(CurrentLanguage(), kLanguageEnglish) << "the interface language came back after the report";
  EXPECT_EQ(Message(N_("Responses: {0}")).Arg(1).Text(), "Responses: 1");
}

TEST_F(DesignerTest, EditingAVersionInUseStoresANewVersion) {
  const fs::path file = m_folder / "used.manyi";
  int64_t id = 0;
  Questionnaire form = io::ReadFormFile(ResourceDir("forms") / "nps-csat-ces.json").TakeOrThrow();
  {
    auto project = storage::Project::Create(file, "used").TakeOrThrow();
    storage::Transaction tx(project->Db());
    id = io::StoreQuestionnaire(*project, form);
    project->AddWave("2026 Q1", id, "2026-01-01", "2026-03-31");
    tx.Commit();
  }
  auto project = storage::Project::Open(file).TakeOrThrow();
  DesignerDocument document(*project, id);
  EXPECT_TRUE(document.InUse());
  Item changed = form.sections[0].items[0];
  changed.text.byLang["en"] = "Changed";
  document.Execute(ChangeItem(document.Form(), {0, 0}, changed, Message(N_("Edit the texts of {0}")).Arg(changed.id)));
  EXPECT_NE(document.StoredId(), id);
  EXPECT_EQ(document.StoredVersion(), 2);
  // Version 1, which the wave uses, is untouched.
  EXPECT_EQ(io::LoadQuestionnaire(*project, id)->sections[0].items[0].text.Get("en"), form.sections[0].items[0].text.Get("en"));
  EXPECT_EQ(io::LoadQuestionnaire(*project, document.StoredId())->sections[0].items[0].text.Get("en"), "Changed");
  // Version 2 is unused: further edits and their undo rewrite it, no version 3.
  document.Undo();
  EXPECT_EQ(document.StoredVersion(), 2);
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM questionnaire"), 2);
  EXPECT_EQ(io::LoadQuestionnaire(*project, document.StoredId())->sections[0].items[0].text.Get("en"),
            form.sections[0].items[0].text.Get("en"));
}

TEST_F(DesignerTest, AFailedCommitLeavesNothingChanged) {
  const fs::path file = m_folder / "readonly.manyi";
  int64_t id = 0;
  Questionnaire form = io::ReadFormFile(ResourceDir("forms") / "nps-csat-ces.json").TakeOrThrow();
  {
    auto project = storage::Project::Create(file, "ro").TakeOrThrow();
    id = [&] {
      storage::Transaction tx(project->Db());
      const int64_t stored = io::StoreQuestionnaire(*project, form);
      tx.Commit();
      return stored;
    }();
  }
  auto project = storage::Project::Open(file).TakeOrThrow();
  DesignerDocument document(*project, id);
  // Another connection holds the write lock: the commit fails and the edit is taken back.
  storage::Connection other(file, storage::OpenMode::kReadWrite);
  other.SetBusyTimeout(0);
  other.Exec("BEGIN IMMEDIATE");
  project->Db().SetBusyTimeout(0);
  Item changed = form.sections[0].items[0];
  changed.text.byLang["en"] = "Never stored";
  EXPECT_ANY_THROW(document.Execute(ChangeItem(document.Form(), {0, 0}, changed, Message(N_("Edit the texts of {0}")).Arg(changed.id))));
  EXPECT_EQ(document.Form().sections[0].items[0].text.Get("en"), form.sections[0].items[0].text.Get("en"));
  EXPECT_FALSE(document.CanUndo());
  other.Exec("ROLLBACK");
}

TEST_F(DesignerTest, StructureEditsAndTheirUndo) {
  MainFrame* frame = NewProjectFromTemplate("nps-csat-ces", "structure");
  DesignerPanel* designer = Designer(frame);
  ASSERT_NE(designer, nullptr);
  storage::Project& project = *frame->GetProject();
  const Questionnaire before = designer->Document().Form();
  const size_t items = before.sections[0].items.size();

  designer->AddItem(ItemType::kSingle);
  const FormPath added = designer->Selected();
  ASSERT_TRUE(added.IsItem());
  const std::string newId = ItemAt(designer->Document().Form(), added)->id;
  EXPECT_EQ(StoredForm(project, before.id).sections[size_t(added.section)].items.size(),
            before.sections[size_t(added.section)].items.size() + 1);
  // Answer options through the code table: a duplicate code is refused and nothing changes.
  designer->ShowPage(DesignerPanel::kAnswersPage);
  LabelTable* codes = designer->GetCodes();
  ASSERT_TRUE(codes->IsShown());
  wxWindow* add = codes->FindWindow("label_add");
  ASSERT_NE(add, nullptr);
  for (int i = 0; i < 2; ++i) {
    wxCommandEvent click(wxEVT_BUTTON, add->GetId());
    click.SetEventObject(add);
    add->ProcessWindowEvent(click);
  }
  codes->EditCell(0, 1, wxString::FromUTF8("是"));
  codes->EditCell(0, 2, "Yes");
  codes->EditCell(1, 1, wxString::FromUTF8("否"));
  codes->EditCell(1, 2, "No");
  const Questionnaire withCodes = StoredForm(project, before.id);
  const Item* item = ItemAt(withCodes, added);
  ASSERT_EQ(item->codes.size(), 2u);
  EXPECT_EQ(item->codes[0].value, 1);
  EXPECT_EQ(item->codes[1].value, 2);
  EXPECT_EQ(item->codes[1].label.Get("zh"), "否");
  wxString message;
  wxTEST_DIALOG(codes->EditCell(1, 0, "1"), ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("used twice")) << message;
  EXPECT_EQ(ItemAt(StoredForm(project, before.id), added)->codes[1].value, 2);
  designer->ShowPage(DesignerPanel::kAnswersPage);
  CheckLaidOutScreenshot(frame, "designer_codes_en.png");

  // Moving and deleting; then undo everything back to the template, in the file too.
  designer->MoveSelected(-1);
  EXPECT_EQ(ItemAt(designer->Document().Form(), designer->Selected())->id, newId);
  designer->DeleteSelected();
  EXPECT_EQ(designer->Document().Form().FindItem(newId), nullptr);
  while (designer->CanUndo()) designer->Undo();
  EXPECT_EQ(io::WriteFormJson(StoredForm(project, before.id)), io::WriteFormJson(before));
  EXPECT_EQ(before.sections[0].items.size(), items);
  // And all of it again.
  while (designer->CanRedo()) designer->Redo();
  EXPECT_EQ(designer->Document().Form().FindItem(newId), nullptr) << "redone up to the delete";
}

TEST_F(DesignerTest, PropertyGridEditsTheItem) {
  MainFrame* frame = NewProjectFromTemplate("nps-csat-ces", "props");
  DesignerPanel* designer = Designer(frame);
  ASSERT_NE(designer, nullptr);
  designer->AddItem(ItemType::kNumeric);
  const FormPath at = designer->Selected();
  designer->ShowPage(DesignerPanel::kPropertiesPage);
  wxPropertyGrid* grid = designer->GetProperties();
  ASSERT_NE(grid->GetPropertyByName("max"), nullptr);
  // As the grid does after the user typed: the value changes, then wxEVT_PG_CHANGED.
  grid->ChangePropertyValue("max", wxString("100"));
  EXPECT_EQ(ItemAt(designer->Document().Form(), at)->max.value_or(-1), 100);
  grid->ChangePropertyValue("required", true);
  EXPECT_TRUE(ItemAt(designer->Document().Form(), at)->required);
  wxString message;
  wxTEST_DIALOG(grid->ChangePropertyValue("min", wxString("ten")), ExpectMessageBox(&message));
  EXPECT_TRUE(message.Contains("not a number")) << message;
  EXPECT_FALSE(ItemAt(designer->Document().Form(), at)->min.has_value());
  WaitUntil([] { return false; }, std::chrono::milliseconds(50));  // the grid refills after its event
  EXPECT_EQ(grid->GetPropertyValueAsString("min"), "");
}

TEST_F(DesignerTest, ExplorerShowsEveryPart) {
  MainFrame* frame = NewProjectFromTemplate("certification-customer", "parts");
  ProjectExplorer* explorer = frame->GetExplorer();
  ASSERT_NE(explorer, nullptr);
  struct Part {
    int menu;
    NodeKind kind;
    const char* shot;
    const char* table;
  };
  const Part parts[] = {{MainFrame::kIdGoQuestionnaires, NodeKind::kQuestionnaires, "questionnaires", "questionnaire_versions"},
                        {MainFrame::kIdGoSampleFrame, NodeKind::kSampleFrame, "sample_frame", "frame_facts"},
                        {MainFrame::kIdGoFieldwork, NodeKind::kFieldwork, "fieldwork", "fieldwork_facts"},
                        {MainFrame::kIdGoResponses, NodeKind::kResponses, "responses", "responses_by_channel"},
                        {MainFrame::kIdGoAnalyses, NodeKind::kAnalyses, "analyses", "weight_schemes"},
                        {MainFrame::kIdGoReports, NodeKind::kReports, "reports", "report_templates"}};
  for (const Part& part : parts) {
    SendMenu(frame, part.menu);  // View ▸ Ctrl+2…7
    EXPECT_EQ(explorer->SelectedKind(), part.kind) << part.shot;
    auto* panel = Summary(explorer);
    ASSERT_NE(panel, nullptr) << part.shot;
    EXPECT_NE(panel->FindTable(part.table), nullptr) << part.shot;
    CheckLaidOutScreenshot(frame, std::string("explorer_") + part.shot + "_en.png");
  }
  SendMenu(frame, MainFrame::kIdGoFieldwork);
  auto* fieldwork = Summary(explorer);
  ASSERT_NE(fieldwork, nullptr);
  EXPECT_NE(fieldwork->FindTable("dispositions"), nullptr) << "AAPOR dispositions by channel (report/response_rates)";
  EXPECT_NE(fieldwork->FindTable("response_rates"), nullptr) << "RR1–RR6 by channel, as `manyi-cli rates`";
  SendMenu(frame, MainFrame::kIdGoQuestionnaires);
  auto* questionnaires = dynamic_cast<PartPanel*>(explorer->GetContent());
  ASSERT_NE(questionnaires, nullptr);
  ResultTableView* versions = questionnaires->FindTable("questionnaire_versions");
  ASSERT_EQ(versions->RowCount(), 1);
  EXPECT_EQ(versions->CellText(0, 0), "certification-customer");
  EXPECT_EQ(versions->CellText(0, 1), "1");
  auto* reports = [&] {
    SendMenu(frame, MainFrame::kIdGoReports);
    return dynamic_cast<PartPanel*>(explorer->GetContent());
  }();
  ASSERT_NE(reports, nullptr);
  EXPECT_EQ(reports->FindTable("report_templates")->RowCount(), 5) << "the five templates in reports/";
  SendMenu(frame, MainFrame::kIdGoOverview);
  EXPECT_NE(frame->GetProjectPanel(), nullptr);
}

TEST_F(DesignerTest, EveryScreenInChinese) {
  ApplyLanguage(kLanguageChinese);
  StoreLanguageOverride(kLanguageChinese);
  MainFrame* frame = NewProjectFromTemplate("certification-customer", "zh", "template_gallery_zh_CN.png");
  ProjectExplorer* explorer = frame->GetExplorer();
  ASSERT_NE(explorer, nullptr);
  EXPECT_EQ(frame->GetMenuBar()->GetMenuLabel(1), wxString::FromUTF8("编辑(&E)"));
  EXPECT_EQ(frame->GetStatusBar()->GetStatusText(4), wxString::FromUTF8("未加权"));
  DesignerPanel* designer = Designer(frame);
  ASSERT_NE(designer, nullptr);
  CheckLaidOutScreenshot(frame, "designer_texts_zh_CN.png");
  designer->ShowPage(DesignerPanel::kPropertiesPage);
  CheckLaidOutScreenshot(frame, "designer_properties_zh_CN.png");
  designer->ShowPage(DesignerPanel::kAnswersPage);
  CheckLaidOutScreenshot(frame, "designer_answers_zh_CN.png");
  designer->ShowPage(DesignerPanel::kLogicPage);
  Type(designer->GetRelevance()->GetText(), wxString::FromUTF8("region = \"华东"));
  EXPECT_FALSE(designer->GetRelevance()->IsValid());
  CheckLaidOutScreenshot(frame, "designer_logic_error_zh_CN.png");
  designer->GetRelevance()->SetExpression(designer->Document().Form(), "");
  designer->ShowPage(DesignerPanel::kPreviewPage);
  designer->GetPreviewMode()->SetSelection(1);
  wxCommandEvent choice(wxEVT_CHOICE, designer->GetPreviewMode()->GetId());
  choice.SetEventObject(designer->GetPreviewMode());
  designer->GetPreviewMode()->ProcessWindowEvent(choice);
  CheckLaidOutScreenshot(frame, "designer_preview_interviewer_zh_CN.png");
  // A grid question's rows and scale.
  const Questionnaire& form = designer->Document().Form();
  for (size_t s = 0; s < form.sections.size(); ++s)
    for (size_t i = 0; i < form.sections[s].items.size(); ++i)
      if (form.sections[s].items[i].type == ItemType::kGrid && designer->Selected().section < 0 + 100) {
        designer->SelectPath({int(s), int(i)});
        s = form.sections.size() - 1;
        break;
      }
  designer->ShowPage(DesignerPanel::kAnswersPage);
  EXPECT_TRUE(designer->GetGridRows()->IsShown());
  CheckLaidOutScreenshot(frame, "designer_grid_zh_CN.png");
  designer->ShowPage(DesignerPanel::kPreviewPage);
  designer->GetPreviewMode()->SetSelection(0);
  designer->GetPreviewMode()->ProcessWindowEvent(choice);
  CheckLaidOutScreenshot(frame, "designer_preview_grid_zh_CN.png");

  const std::pair<int, const char*> parts[] = {{MainFrame::kIdGoOverview, "overview"},
                                               {MainFrame::kIdGoQuestionnaires, "questionnaires"},
                                               {MainFrame::kIdGoSampleFrame, "sample_frame"},
                                               {MainFrame::kIdGoFieldwork, "fieldwork"},
                                               {MainFrame::kIdGoResponses, "responses"},
                                               {MainFrame::kIdGoAnalyses, "analyses"},
                                               {MainFrame::kIdGoReports, "reports"}};
  for (const auto& [menu, name] : parts) {
    SendMenu(frame, menu);
    CheckLaidOutScreenshot(frame, std::string("explorer_") + name + "_zh_CN.png");
  }
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdWriteReport),
                WorkDialog<ReportDialog>([&](ReportDialog* dialog) { CheckLaidOutScreenshot(dialog, "report_dialog_zh_CN.png"); },
                                         wxID_CLOSE));
}

}  // namespace
}  // namespace manyi::gui::test

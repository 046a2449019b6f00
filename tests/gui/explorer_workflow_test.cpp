// The whole workflow in the main window's explorer (issue #9): each node chosen in the tree shows
// its working screen on the right — the data browser with filters and rejected rows under
// Responses (with Import…), the analysis views under Analyses, mail data entry and the telephone
// interviewer under Fieldwork, the reports written under Reports (New Report…, Open) — over the
// main window's own connection, with no window of its own. The report dialog's Cancel leaves no
// file (nor the partial one) and no history row; a finished report adds its report_history row
// (checked against the project's data fingerprint computed here with io::LoadProjectData).
// Screenshots of every panel in English and Chinese go to build/screenshots/.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/grid.h>
#include <wx/statusbr.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/treectrl.h>

#include <fstream>

#include "core/i18n.h"
#include "gui/analysis_view.h"
#include "gui/cati_panel.h"
#include "gui/data_browser.h"
#include "gui/data_entry_panel.h"
#include "gui/explorer.h"
#include "gui/fieldwork_dialogs.h"
#include "gui/import_wizard.h"
#include "gui/language.h"
#include "gui/part_panel.h"
#include "gui/report_dialog.h"
#include "gui/result_table_view.h"
#include "gui/workspace_panels.h"
#include "gui/wx_text.h"
#include "gui_test_support.h"
#include "io/dataset.h"
#include "io/demo_project.h"
#include "io/weight_scheme.h"
#include "storage/sqlite.h"
#include "test_paths.h"

namespace manyi::gui::test {
namespace {

namespace fs = std::filesystem;

class ExplorerWorkflowTest : public GuiTest {
 protected:
  /// The demo project (1,632 responses in data/demo) open in a shown main window.
  MainFrame* OpenDemo() {
    const fs::path file = io::BuildDemoProject(manyi::test::SourceDir() / "data" / "demo", m_folder);
    MainFrame* frame = ShowFrame();
    EXPECT_TRUE(frame->OpenProject(FromPath(file)));
    return frame;
  }

  /// Chooses a node in the explorer's tree as a click does (the tree's selection event).
  static wxWindow* Choose(MainFrame* frame, NodeKind kind) {
    ProjectExplorer* explorer = frame->GetExplorer();
    wxTreeCtrl* tree = explorer->GetTree();
    std::function<wxTreeItemId(const wxTreeItemId&)> find = [&](const wxTreeItemId& item) -> wxTreeItemId {
      if (item != tree->GetRootItem() && tree->GetItemText(item) == NodeLabel(kind)) return item;
      wxTreeItemIdValue cookie;
      for (wxTreeItemId child = tree->GetFirstChild(item, cookie); child.IsOk(); child = tree->GetNextChild(item, cookie))
        if (wxTreeItemId found = find(child); found.IsOk()) return found;
      return {};
    };
    const wxTreeItemId item = find(tree->GetRootItem());
    EXPECT_TRUE(item.IsOk()) << NodeLabel(kind).utf8_string();
    if (!item.IsOk()) return nullptr;
    tree->SelectItem(item);
    EXPECT_EQ(explorer->SelectedKind(), kind);
    WaitUntil([] { return false; }, std::chrono::milliseconds(100));  // layout and paint
    return explorer->GetContent();
  }

  static void Click(wxWindow* parent, const wxString& name) { ClickButton(parent, name); }

  static int64_t Count(MainFrame* frame, const char* sql) { return frame->GetProject()->Db().QueryInt(sql); }
};

TEST_F(ExplorerWorkflowTest, EachNodeShowsItsScreenInTheMainWindow) {
  MainFrame* frame = OpenDemo();
  const int64_t responses = Count(frame, "SELECT count(*) FROM response");
  ASSERT_GT(responses, 1000);

  // Responses: the browser over every response, its filters, the rejected rows and the summary.
  auto* responsesPanel = dynamic_cast<ResponsesPanel*>(Choose(frame, NodeKind::kResponses));
  ASSERT_NE(responsesPanel, nullptr);
  DataBrowser* browser = responsesPanel->GetBrowser();
  ASSERT_NE(browser, nullptr);
  EXPECT_EQ(browser->Pager().Count(), responses);
  EXPECT_EQ(browser->GetGrid()->GetNumberRows(), responses);
  EXPECT_GT(browser->GetRegionChoice()->GetCount(), 1u) << "regions of the demo questionnaire";
  EXPECT_TRUE(browser->GetRegionChoice()->IsEnabled());
  ASSERT_EQ(browser->GetNotebook()->GetPageCount(), 3u) << "responses, rejected rows, summary";
  EXPECT_EQ(browser->GetNotebook()->GetPageText(2), "Summary");
  ASSERT_NE(responsesPanel->GetSummary(), nullptr);
  EXPECT_NE(responsesPanel->GetSummary()->FindTable("responses_by_channel"), nullptr);
  EXPECT_NE(responsesPanel->FindWindow("import_responses"), nullptr);
  // A filter works on the main window's connection as in a window of its own.
  browser->SetFilterChoices(1, 0, 0, 0);
  EXPECT_LT(browser->Pager().Count(), responses);
  EXPECT_GT(browser->Pager().Count(), 0);

  // Analyses: the analysis views.
  auto* analyses = dynamic_cast<AnalysesPanel*>(Choose(frame, NodeKind::kAnalyses));
  ASSERT_NE(analyses, nullptr);
  EXPECT_EQ(analyses->CurrentTab(), "analysis");
  ASSERT_NE(analyses->GetView(), nullptr);
  EXPECT_NE(analyses->GetView()->Table("nps"), nullptr);
  ASSERT_TRUE(analyses->ShowTab("summary"));
  EXPECT_NE(analyses->FindWindow("weight_schemes_list"), nullptr);

  // Fieldwork: its facts first; the Fieldwork menu goes to mail data entry and to the interviewer.
  auto* fieldwork = dynamic_cast<FieldworkPanel*>(Choose(frame, NodeKind::kFieldwork));
  ASSERT_NE(fieldwork, nullptr);
  EXPECT_EQ(fieldwork->CurrentTab(), "summary");
  EXPECT_NE(fieldwork->FindWindow("fieldwork_facts_list"), nullptr);
  SendMenu(frame, kIdFieldworkDataEntry);
  fieldwork = dynamic_cast<FieldworkPanel*>(frame->GetExplorer()->GetContent());
  ASSERT_NE(fieldwork, nullptr);
  EXPECT_EQ(fieldwork->CurrentTab(), "mail");
  EXPECT_NE(fieldwork->GetDataEntry(), nullptr);
  SendMenu(frame, kIdFieldworkCati);
  EXPECT_EQ(fieldwork->CurrentTab(), "phone");
  EXPECT_NE(fieldwork->GetCati(), nullptr);

  // Reports: the templates, the reports written, New Report… and Open.
  auto* reports = dynamic_cast<PartPanel*>(Choose(frame, NodeKind::kReports));
  ASSERT_NE(reports, nullptr);
  EXPECT_NE(reports->FindTable("report_history"), nullptr);
  EXPECT_NE(reports->FindWindow("write_report"), nullptr);
  EXPECT_NE(reports->FindWindow("open_report"), nullptr);

  // The View menu's commands show the same panels in the explorer.
  SendMenu(frame, MainFrame::kIdBrowseResponses);
  EXPECT_EQ(frame->GetExplorer()->SelectedKind(), NodeKind::kResponses);
  EXPECT_NE(dynamic_cast<ResponsesPanel*>(frame->GetExplorer()->GetContent()), nullptr);
  SendMenu(frame, MainFrame::kIdAnalysis);
  EXPECT_EQ(frame->GetExplorer()->SelectedKind(), NodeKind::kAnalyses);
  // Everything lives in the one main window.
  WaitUntil([] { return false; }, std::chrono::milliseconds(100));
  EXPECT_EQ(wxTopLevelWindows.GetCount(), 1u);
}

TEST_F(ExplorerWorkflowTest, ImportFromTheResponsesPartShowsTheNewRowsAndTheRejectedOne) {
  MainFrame* frame = OpenDemo();
  const int64_t before = Count(frame, "SELECT count(*) FROM response");
  const fs::path csv = m_folder / "more.csv";
  {
    std::ofstream out(csv);
    // "overall" is 1–10 in data/demo/questionnaire.json: 12 is out of range, that row is rejected.
    out << "response_id,overall,recommend\nN1,7,9\nN2,12,3\nN3,9,10\n";
  }
  ASSERT_NE(Choose(frame, NodeKind::kResponses), nullptr);
  wxTEST_DIALOG(Click(frame->GetExplorer()->GetContent(), "import_responses"),
                WorkDialog<ImportWizard>(
                    [&](ImportWizard* wizard) {
                      ASSERT_TRUE(wizard->SetFile(FromPath(csv)));
                      for (int step = 0; step < 3; ++step) {
                        wizard->GoNext();
                        ASSERT_TRUE(WaitUntil([wizard] { return !wizard->IsBusy(); }, std::chrono::seconds(60)));
                      }
                      ASSERT_EQ(wizard->Step(), ImportStep::kCommit);
                      EXPECT_TRUE(wizard->LastReport()->committed);
                    },
                    wxID_OK));
  EXPECT_EQ(Count(frame, "SELECT count(*) FROM response"), before + 2);
  // The panel is made again after the import: the browser counts the new rows.
  ASSERT_TRUE(WaitUntil([&] {
    auto* panel = dynamic_cast<ResponsesPanel*>(frame->GetExplorer()->GetContent());
    return panel && panel->GetBrowser() && panel->GetBrowser()->Pager().Count() == before + 2;
  }));
  DataBrowser* browser = dynamic_cast<ResponsesPanel*>(frame->GetExplorer()->GetContent())->GetBrowser();
  browser->ShowRejected(true);
  EXPECT_EQ(browser->GetRejectedList()->GetItemCount(), 1);
  EXPECT_EQ(browser->GetRejectedList()->GetItemText(0, 2), "3") << "line 3 of more.csv: N2, overall 12";
  // The status bar follows.
  EXPECT_NE(frame->GetStatusBar()->GetStatusText(1).Find(wxString::Format("%lld", static_cast<long long>(before + 2))), wxNOT_FOUND);
}

TEST_F(ExplorerWorkflowTest, ReportCancelLeavesNothingAndAFinishedReportIsInTheHistory) {
  MainFrame* frame = OpenDemo();
  wxString opened;
  ReportDialog::Opener previous = ReportDialog::SetOpener([&](const wxString& file) {
    opened = file;
    return true;
  });
  ASSERT_NE(Choose(frame, NodeKind::kReports), nullptr);
  const fs::path cancelledEarly = m_folder / "cancelled-early.xlsx";
  const fs::path cancelledLate = m_folder / "cancelled-late.xlsx";
  const fs::path written = m_folder / "review.xlsx";
  wxTEST_DIALOG(
      Click(frame->GetExplorer()->GetContent(), "write_report"),
      WorkDialog<ReportDialog>(
          [&](ReportDialog* dialog) {
            // Cancel pressed while the first sections are computed.
            dialog->GetOutput()->SetValue(FromPath(cancelledEarly));
            dialog->SetProgressObserver([dialog](int step, int) {
              EXPECT_TRUE(dialog->IsRunning());
              EXPECT_TRUE(dialog->GetCancelButton()->IsEnabled());
              if (step == 2) {
                wxCommandEvent click(wxEVT_BUTTON, dialog->GetCancelButton()->GetId());
                click.SetEventObject(dialog->GetCancelButton());
                dialog->GetCancelButton()->ProcessWindowEvent(click);
              }
            });
            EXPECT_FALSE(dialog->WriteReport());
            EXPECT_FALSE(dialog->IsRunning());
            EXPECT_FALSE(dialog->GetCancelButton()->IsEnabled());
            EXPECT_EQ(dialog->GetStatus()->GetLabel(), "Cancelled: no report was written.");
            EXPECT_FALSE(fs::exists(cancelledEarly));
            // Cancel pressed while the last sheet is written: no workbook, nor its partial file.
            dialog->GetOutput()->SetValue(FromPath(cancelledLate));
            wxString doing;
            dialog->SetProgressObserver([&, dialog](int step, int steps) {
              if (step == steps - 1) {
                doing = dialog->GetStatus()->GetLabel();
                dialog->CancelReport();
              }
            });
            EXPECT_FALSE(dialog->WriteReport());
            EXPECT_EQ(doing, wxString::FromUTF8("Writing the workbook…")) << "cancelled while the sheets were written";
            EXPECT_FALSE(fs::exists(cancelledLate));
            EXPECT_FALSE(fs::exists(cancelledLate.string() + ".part"));
            EXPECT_EQ(Count(frame, "SELECT count(*) FROM report_history"), 0);
            // A finished report.
            dialog->SetProgressObserver({});
            dialog->GetOutput()->SetValue(FromPath(written));
            dialog->GetLanguage()->SetSelection(1);  // English
            EXPECT_TRUE(dialog->WriteReport());
            EXPECT_TRUE(fs::exists(written));
            EXPECT_TRUE(dialog->GetOpenButton()->IsEnabled());
          },
          wxID_CLOSE));
  // Its history row: what, in which language, where (absolute), from which data, when.
  storage::Statement row(frame->GetProject()->Db(), "SELECT template, language, output, fingerprint, created_at FROM report_history");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Text(0), "management-review");
  EXPECT_EQ(row.Text(1), "en");
  EXPECT_EQ(row.Text(2), written.string());
  // The same fingerprint as the data the report read (with the scheme the dialog starts with).
  const io::Dataset data =
      io::LoadProjectData(*frame->GetProject(), 0, "en", io::ActiveWeightScheme(*frame->GetProject()).value_or(""));
  EXPECT_EQ(row.Text(3), data.fingerprint);
  EXPECT_EQ(row.Text(3).size(), 64u);
  EXPECT_FALSE(row.Text(4).empty());
  EXPECT_FALSE(row.Step()) << "one row: the cancelled runs left none";

  // The Reports part shows it at once and opens it.
  ASSERT_TRUE(WaitUntil([&] {
    auto* panel = dynamic_cast<PartPanel*>(frame->GetExplorer()->GetContent());
    return panel && panel->FindTable("report_history") && panel->FindTable("report_history")->RowCount() == 1;
  }));
  auto* reports = dynamic_cast<PartPanel*>(frame->GetExplorer()->GetContent());
  EXPECT_EQ(reports->FindTable("report_history")->CellText(0, 2), FromPath(written));
  reports->FindTable("report_history")->GetList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  Click(reports, "open_report");
  EXPECT_EQ(opened, FromPath(written));
  ReportDialog::SetOpener(previous);
}

TEST_F(ExplorerWorkflowTest, EveryPanelInEnglishAndChinese) {
  MainFrame* frame = OpenDemo();
  for (const std::string language : {"en", "zh_CN"}) {
    if (language != "en") frame->ChangeLanguage(kLanguageChinese);
    const std::string suffix = "_" + language + ".png";
    frame->GetExplorer()->Select(NodeKind::kProject);
    CheckScreenshot(frame, "explorer_demo_overview" + suffix);
    const std::pair<NodeKind, const char*> parts[] = {{NodeKind::kQuestionnaires, "questionnaires"},
                                                      {NodeKind::kSampleFrame, "sample_frame"},
                                                      {NodeKind::kFieldwork, "fieldwork"},
                                                      {NodeKind::kResponses, "responses"},
                                                      {NodeKind::kAnalyses, "analyses"},
                                                      {NodeKind::kReports, "reports"}};
    for (const auto& [kind, name] : parts) {
      wxWindow* panel = Choose(frame, kind);
      ASSERT_NE(panel, nullptr) << name;
      CheckScreenshot(frame, std::string("explorer_demo_") + name + suffix);
      if (auto* fieldwork = dynamic_cast<FieldworkPanel*>(panel)) {
        for (const char* tab : {"mail", "phone"}) {
          ASSERT_TRUE(fieldwork->ShowTab(tab));
          WaitUntil([] { return false; }, std::chrono::milliseconds(100));
          CheckScreenshot(frame, std::string("explorer_demo_fieldwork_") + tab + suffix);
        }
      } else if (auto* responses = dynamic_cast<ResponsesPanel*>(panel)) {
        responses->GetBrowser()->ShowRejected(true);
        CheckScreenshot(frame, "explorer_demo_responses_rejected" + suffix);
        responses->GetBrowser()->GetNotebook()->SetSelection(2);
        CheckScreenshot(frame, "explorer_demo_responses_summary" + suffix);
      } else if (auto* analyses = dynamic_cast<AnalysesPanel*>(panel)) {
        ASSERT_TRUE(analyses->ShowTab("summary"));
        CheckScreenshot(frame, "explorer_demo_analyses_summary" + suffix);
      }
    }
  }
  // The panels speak Chinese after the switch.
  auto* responses = dynamic_cast<ResponsesPanel*>(Choose(frame, NodeKind::kResponses));
  ASSERT_NE(responses, nullptr);
  EXPECT_EQ(responses->GetBrowser()->GetNotebook()->GetPageText(2), wxString::FromUTF8("摘要"));
  EXPECT_EQ(wxTopLevelWindows.GetCount(), 1u);
}

}  // namespace
}  // namespace manyi::gui::test

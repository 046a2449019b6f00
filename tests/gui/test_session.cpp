// A scripted user session under Xvfb, through the menus and dialogs a user clicks (issue #9 §9):
// a project from the certification-customer template, responses imported with the wizard from a
// CSV written here, browsed, analysed, a report written; values asserted at every step against
// counts made here from the CSV, screenshots of every main screen in English and Chinese, no
// window left at the end. And the trend view across the demo project's two waves, its points
// checked against means computed here from the stored answers.
#include <gtest/gtest.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/dataobj.h>
#include <wx/gauge.h>
#include <wx/grid.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/notebook.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "gui/analysis_view.h"
#include "gui/workspace_panels.h"
#include "gui/charts.h"
#include "gui/data_browser.h"
#include "gui/designer_gallery.h"
#include "gui/designer_model.h"
#include "gui/designer_panel.h"
#include "gui/explorer.h"
#include "gui/import_wizard.h"
#include "gui/language.h"
#include "gui/part_panel.h"
#include "gui/report_dialog.h"
#include "gui/result_table_view.h"
#include "gui/weighting_dialog.h"
#include "gui/wx_text.h"
#include "gui_test_support.h"
#include "io/demo_project.h"
#include "io/form_json.h"
#include "io/limesurvey.h"
#include "io/weight_scheme.h"
#include "io/xlsx_reader.h"
#include "report/result_table.h"
#include "storage/response_codec.h"
#include "test_paths.h"

namespace manyi::gui::test {
namespace {

namespace fs = std::filesystem;

/// One respondent of the generated CSV.
struct Row {
  int region, industry, overall, recommend;
  int sat[8], imp[8];
};

/// 120 respondents from a fixed linear congruential sequence (so every run sees the same data).
std::vector<Row> MakeRows(const std::vector<double>& industries) {
  std::vector<Row> rows;
  uint32_t state = 20261124;
  auto next = [&](int lo, int hi) {
    state = state * 1664525u + 1013904223u;
    return lo + int((state >> 8) % uint32_t(hi - lo + 1));
  };
  for (int i = 0; i < 120; ++i) {
    Row r{};
    r.region = 1 + i % 3;
    r.industry = int(industries[size_t(i % 2)]);
    for (int k = 0; k < 8; ++k) {
      r.sat[k] = next(4, 10);
      r.imp[k] = next(5, 10);
    }
    if (i % 10 == 0) r.sat[0] = 99;  // don't know
    r.overall = next(3, 10);
    r.recommend = next(0, 10);
    rows.push_back(r);
  }
  return rows;
}

void WriteCsv(const fs::path& file, const std::vector<Row>& rows) {
  std::ofstream out(file, std::ios::binary);
  out << "response_id,region,industry";
  for (int k = 1; k <= 8; ++k) out << ",sat" << k << ",imp" << k;
  out << ",overall,recommend\n";
  int id = 1;
  for (const Row& r : rows) {
    out << "R" << id++ << "," << r.region << "," << r.industry;
    for (int k = 0; k < 8; ++k) out << "," << r.sat[k] << "," << r.imp[k];
    out << "," << r.overall << "," << r.recommend << "\n";
  }
}

/// The sheet titles a report template gives its sections, in one language.
std::vector<std::string> TemplateSheets(const std::string& name, const std::string& lang) {
  std::ifstream in(manyi::test::SourceDir() / "reports" / (name + ".json"));
  const nlohmann::json j = nlohmann::json::parse(in);
  std::vector<std::string> out;
  for (const auto& s : j["sections"]) out.push_back(s["sheet"][lang].get<std::string>());
  return out;
}

class SessionTest : public GuiTest {
 protected:
  /// The data browser of the explorer's Responses part, once the menu command has shown it.
  static DataBrowser* ShownBrowser(MainFrame* frame) {
    auto* panel = dynamic_cast<ResponsesPanel*>(frame->GetExplorer()->GetContent());
    EXPECT_NE(panel, nullptr);
    return panel ? panel->GetBrowser() : nullptr;
  }
  /// The analysis view of the explorer's Analyses part, once the menu command has shown it.
  static AnalysisView* ShownAnalysis(MainFrame* frame) {
    auto* panel = dynamic_cast<AnalysesPanel*>(frame->GetExplorer()->GetContent());
    EXPECT_NE(panel, nullptr);
    return panel ? panel->GetView() : nullptr;
  }

  /// The demo project (two waves, a sample frame) opened in frame, View ▸ Analysis: its view, or
  /// nullptr when something on the way failed (said as a test failure).
  AnalysisView* DemoAnalysis(MainFrame* frame) {
    const fs::path file = io::BuildDemoProject(manyi::test::SourceDir() / "data" / "demo", m_folder);
    if (!frame->OpenProject(FromPath(file))) {
      ADD_FAILURE() << "the demo project did not open";
      return nullptr;
    }
    SendMenu(frame, MainFrame::kIdAnalysis);
    return ShownAnalysis(frame);
  }

  /// Every page of the analysis view, one screenshot each.
  static void ShootAnalysis(AnalysisView* view, const std::string& suffix) {
    const char* names[] = {"heatmap", "ranking", "drivers", "nps", "trend", "tests", "model"};
    ASSERT_EQ(view->GetNotebook()->GetPageCount(), std::size(names));
    for (size_t p = 0; p < view->GetNotebook()->GetPageCount(); ++p) {
      view->GetNotebook()->SetSelection(p);
      CheckScreenshot(view->GetParent(), std::string("session_analysis_") + names[p] + "_" + suffix + ".png");
    }
  }
};

TEST_F(SessionTest, FromTemplateThroughImportBrowseAnalysisToReport) {
  const Questionnaire form =
      io::ReadFormFile(manyi::test::SourceDir() / "forms" / "certification-customer.json").TakeOrThrow();
  std::vector<double> industries;
  for (const Code& c : form.codeLists.at("industry")) industries.push_back(c.value);
  ASSERT_GE(industries.size(), 2u);
  const std::vector<Row> rows = MakeRows(industries);
  const fs::path csv = m_folder / "responses.csv";
  WriteCsv(csv, rows);

  // 1. File ▸ New Project from Template…: the gallery, a file name, a project name.
  MainFrame* frame = ShowFrame();
  CheckScreenshot(frame, "session_welcome_en.png");
  {
    ScriptedFiles files({FromPath(m_folder / "session.manyi")});
    wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdNewFromTemplate),
                  WorkDialog<TemplateGalleryDialog>(
                      [&](TemplateGalleryDialog* gallery) {
                        EXPECT_TRUE(gallery->SelectTemplate("certification-customer"));
                        CheckScreenshot(gallery, "session_gallery_en.png");
                      },
                      wxID_OK),
                  ExpectTextEntry("Session"));
  }
  ASSERT_NE(frame->GetProject(), nullptr);
  storage::Project& project = *frame->GetProject();
  EXPECT_EQ(project.Facts().questionnaires, 1);
  EXPECT_EQ(project.Db().QueryText("SELECT form_key FROM questionnaire"), "certification-customer");
  EXPECT_EQ(frame->GetStatusBar()->GetStatusText(1), "Responses: 0");
  CheckScreenshot(frame, "session_designer_en.png");

  // The designer's Export… as a LimeSurvey structure: what Manyi reads back is the questionnaire
  // (its index definitions aside, which LimeSurvey has no place for and the message lists).
  {
    auto* designer = dynamic_cast<DesignerPanel*>(frame->GetExplorer()->GetContent());
    ASSERT_NE(designer, nullptr) << "the new project opens on its questionnaire";
    const fs::path lss = m_folder / "session.lss";
    ScriptedFiles files({FromPath(lss)});
    wxString info;
    wxTEST_DIALOG(designer->ExportForm(), ExpectMessageBox(&info));
    EXPECT_TRUE(info.Contains("session.lss")) << info;
    auto back = io::ImportLimeSurvey(lss);
    ASSERT_TRUE(back.Ok()) << back.GetError().English();
    Questionnaire expected = designer->Document().Form(), got = back.Value().form;
    expected.id = got.id = "";
    expected.indices.clear();
    EXPECT_EQ(io::WriteFormJson(got), io::WriteFormJson(expected));
  }

  // 2. Data ▸ Import Responses…: the wizard, step by step, on the CSV.
  int64_t imported = -1;
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdImportResponses),
                WorkDialog<ImportWizard>(
                    [&](ImportWizard* wizard) {
                      ASSERT_TRUE(wizard->SetFile(FromPath(csv)));
                      CheckScreenshot(wizard, "session_import_file_en.png");
                      auto next = [wizard] {
                        wizard->GoNext();
                        ASSERT_TRUE(WaitUntil([wizard] { return !wizard->IsBusy(); }, std::chrono::seconds(60)));
                      };
                      next();
                      ASSERT_EQ(wizard->Step(), ImportStep::kMapping) << wizard->LastError();
                      CheckScreenshot(wizard, "session_import_mapping_en.png");
                      next();
                      ASSERT_EQ(wizard->Step(), ImportStep::kValidation) << wizard->LastError();
                      ASSERT_TRUE(wizard->LastReport().has_value());
                      EXPECT_EQ(wizard->LastReport()->rowsRead, 120);
                      EXPECT_EQ(wizard->LastReport()->rowsRejected, 0);
                      CheckScreenshot(wizard, "session_import_validation_en.png");
                      next();
                      ASSERT_TRUE(wizard->LastReport().has_value());
                      imported = wizard->LastReport()->rowsImported;
                      CheckScreenshot(wizard, "session_import_done_en.png");
                    },
                    wxID_OK));
  ASSERT_EQ(imported, 120);
  EXPECT_EQ(project.Db().QueryInt("SELECT count(*) FROM response"), 120);
  // The Responses part is made again after the import, once the wizard has closed.
  EXPECT_TRUE(WaitUntil([frame] { return frame->GetStatusBar()->GetStatusText(1) == "Responses: 120"; }))
      << frame->GetStatusBar()->GetStatusText(1).utf8_string();

  // 3. Data ▸ Browse Responses: 120 rows; a respondent's answer as imported.
  SendMenu(frame, MainFrame::kIdBrowseResponses);
  EXPECT_TRUE(WaitUntil([frame] {
    auto* panel = dynamic_cast<ResponsesPanel*>(frame->GetExplorer()->GetContent());
    return panel && panel->GetBrowser() && panel->GetBrowser()->Pager().Count() == 120;
  }));
  DataBrowser* browser = ShownBrowser(frame);
  ASSERT_NE(browser, nullptr);
  EXPECT_EQ(browser->Pager().Count(), 120);
  {
    const int64_t qid = project.Db().QueryInt("SELECT max(id) FROM questionnaire");
    const auto vars = project.Variables(qid);
    const int overall = int(std::find(vars.begin(), vars.end(), "overall") - vars.begin());
    ASSERT_LT(size_t(overall), vars.size());
    const int column = browser->ColumnOfVariable(overall);
    ASSERT_GE(column, 0);
    EXPECT_TRUE(browser->GetGrid()->GetCellValue(0, column).StartsWith(wxString::Format("%d", rows[0].overall)))
        << browser->GetGrid()->GetCellValue(0, column) << " vs " << rows[0].overall;
  }
  CheckScreenshot(browser->GetParent(), "session_browser_en.png");

  // 4. Data ▸ Analysis: NPS and the regions' counts as counted here from the CSV.
  SendMenu(frame, MainFrame::kIdAnalysis);
  AnalysisView* view = ShownAnalysis(frame);
  ASSERT_NE(view, nullptr);
  double promoters = 0, detractors = 0;
  std::map<int, int> byRegion;  // respondents with an index: every attribute rated (99 = don't know is not)
  for (const Row& r : rows) {
    promoters += r.recommend >= 9;
    detractors += r.recommend <= 6;
    if (r.sat[0] != 99) ++byRegion[r.region];
  }
  const double nps = 100 * (promoters - detractors) / double(rows.size());  // Reichheld (2003)
  ASSERT_NE(view->Table("nps"), nullptr);
  EXPECT_NEAR(view->Table("nps")->rows[0][5].value, nps, 1e-9);
  ASSERT_NE(view->GetNpsChart(), nullptr);
  EXPECT_NE(view->GetNpsChart()->Data().title.Find(ChartNumber(nps)), wxNOT_FOUND) << view->GetNpsChart()->Data().title;
  const report::ResultTable* regions = view->Table("csi_region");
  ASSERT_NE(regions, nullptr);
  for (const auto& row : regions->rows) {
    const std::string& label = row[0].text;
    for (const Code& c : form.codeLists.at("region"))
      if (c.label.Get("en") == label) {
        EXPECT_EQ(int(row[1].value), byRegion.count(int(c.value)) ? byRegion[int(c.value)] : 0) << label;
      }
  }
  ASSERT_NE(view->GetRanking(), nullptr);
  EXPECT_EQ(view->GetRanking()->Data().labels.size(), 3u);
  // One wave only (imports carry none): the trend page says why it has no chart.
  EXPECT_EQ(view->GetTrendChart(), nullptr);
  // The ranking table, copied as a user pastes it into a spreadsheet.
  const wxString copied = view->CopyTable(*regions);
  {
    wxClipboardLocker lock;
    ASSERT_TRUE(!!lock);
    wxTextDataObject data;
    ASSERT_TRUE(wxTheClipboard->GetData(data));
    EXPECT_EQ(data.GetText(), copied);
  }
  const std::string regionQuestion = form.FindItem("region")->text.Get("en");
  EXPECT_TRUE(copied.StartsWith(ToWx(regionQuestion) + "\tn\tCSI\t")) << copied;
  EXPECT_TRUE(copied.Contains(wxString::Format("\n%s\t%d\t", ToWx(form.codeLists.at("region")[0].label.Get("en")), byRegion[1]))) << copied;
  ShootAnalysis(view, "en");

  // 5. Project ▸ Write Report…: the workbook is written with the template's sheets.
  const fs::path out = m_folder / "session report.xlsx";
  std::string chosen;
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdWriteReport),
                WorkDialog<ReportDialog>(
                    [&](ReportDialog* dialog) {
                      dialog->GetOutput()->SetValue(FromPath(out));
                      chosen = "management-review";
                      EXPECT_TRUE(dialog->WriteReport()) << dialog->GetStatus()->GetLabel();
                      EXPECT_EQ(dialog->GetGauge()->GetValue(), 100);
                      CheckScreenshot(dialog, "session_report_done_en.png");
                    },
                    wxID_CLOSE));
  ASSERT_TRUE(fs::exists(out));
  {
    auto book = io::OpenXlsx(out).TakeOrThrow();
    const std::vector<std::string> expected = TemplateSheets(chosen, "en");
    const auto& sheets = book->SheetNames();
    EXPECT_EQ(sheets, expected);
  }

  // 6. View ▸ Language ▸ 中文: the main screens again, in Chinese.
  SendMenu(frame, MainFrame::kIdLanguageChinese);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageChinese; })) << "the switch happens after the menu closes";
  CheckScreenshot(frame, "session_designer_zh_CN.png");
  SendMenu(frame, MainFrame::kIdBrowseResponses);
  browser = ShownBrowser(frame);
  ASSERT_NE(browser, nullptr);
  EXPECT_EQ(browser->Pager().Count(), 120);
  CheckScreenshot(browser->GetParent(), "session_browser_zh_CN.png");
  SendMenu(frame, MainFrame::kIdAnalysis);
  view = ShownAnalysis(frame);
  ASSERT_NE(view, nullptr);
  EXPECT_NEAR(view->Table("nps")->rows[0][5].value, nps, 1e-9);
  ShootAnalysis(view, "zh_CN");
  wxTEST_DIALOG(SendMenu(frame, MainFrame::kIdWriteReport),
                WorkDialog<ReportDialog>([&](ReportDialog* dialog) { CheckScreenshot(dialog, "session_report_zh_CN.png"); }, wxID_CLOSE));
  SendMenu(frame, MainFrame::kIdLanguageEnglish);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageEnglish; }));

  // 7. Closing: the tool windows and the main window go; nothing is left behind.
  frame->Close(true);
  EXPECT_TRUE(WaitUntil([] { return wxTopLevelWindows.IsEmpty(); })) << "top-level windows left: " << wxTopLevelWindows.size();
}

TEST_F(SessionTest, NewWeightingSchemeFromTheAnalysisView) {
  MainFrame* frame = ShowFrame();
  AnalysisView* view = DemoAnalysis(frame);
  ASSERT_NE(view, nullptr);
  storage::Project& project = *frame->GetProject();
  const unsigned choicesBefore = view->GetWeightingChoice()->GetCount();

  // As a user: the weighting bar's New Weighting Scheme…, mistakes first, each explained in the
  // dialog, which stays open; then post-stratification by region, trimmed, made active.
  wxTEST_DIALOG(ClickButton(view, "new_scheme"),
                WorkDialog<WeightingDialog>(
                    [&](WeightingDialog* dialog) {
                      CheckScreenshot(dialog, "weighting_dialog_en.png");
                      dialog->VariablesList()->Check(0, false);
                      EXPECT_FALSE(dialog->CreateScheme());
                      EXPECT_TRUE(dialog->ProblemText().Contains("Tick at least one variable")) << dialog->ProblemText();
                      dialog->VariablesList()->Check(0, true);
                      dialog->MethodChoice()->SetSelection(WeightingDialog::kRake);
                      EXPECT_FALSE(dialog->CreateScheme());
                      EXPECT_TRUE(dialog->ProblemText().Contains("two or more variables")) << dialog->ProblemText();
                      dialog->MethodChoice()->SetSelection(WeightingDialog::kPostStratify);
                      dialog->TrimUpperField()->ChangeValue("three");
                      EXPECT_FALSE(dialog->CreateScheme());
                      EXPECT_TRUE(dialog->ProblemText().Contains("trimming bound")) << dialog->ProblemText();
                      dialog->NameField()->ChangeValue("frame-ps");
                      dialog->TrimUpperField()->ChangeValue("3");
                      dialog->EqualSpreadBox()->SetValue(true);
                      ClickButton(dialog, "create");
                    },
                    wxID_OK));
  // The view weights by it at once; it is the project's active scheme.
  ASSERT_EQ(view->GetWeightingChoice()->GetCount(), choicesBefore + 1);
  EXPECT_EQ(view->GetWeightingChoice()->GetStringSelection(), "frame-ps");
  EXPECT_EQ(io::ActiveWeightScheme(project), std::optional<std::string>("frame-ps"));
  const io::WeightSchemeInfo scheme = io::GetWeightScheme(project, "frame-ps");
  EXPECT_EQ(scheme.spec.value("trim_upper", 0.0), 3.0) << scheme.spec.dump();
  EXPECT_EQ(scheme.spec.value("trim_spread", std::string()), "equal") << scheme.spec.dump();
  // Post-stratification by definition: the weights of each region's responses add up to the
  // region's customers in the frame (no weight reached 3 × the mean, so trimming changed nothing).
  storage::Statement st(project.Db(),
                        "SELECT c.region, sum(w.weight), (SELECT count(*) FROM customer f WHERE f.region IS c.region) "
                        "FROM response_weight w JOIN weight_scheme s ON s.id = w.scheme_id AND s.name = 'frame-ps' "
                        "JOIN response r ON r.id = w.response_id JOIN customer c ON c.id = r.customer_id GROUP BY c.region");
  int regions = 0;
  while (st.Step()) {
    ++regions;
    EXPECT_NEAR(st.Double(1), double(st.Int(2)), 1e-9) << st.Text(0);
  }
  EXPECT_GT(regions, 10);

  // The part's "Weighting and saved analyses" tab: Unweighted, Make Active and Delete act on the
  // scheme chosen in its list, which shows each change at once.
  auto summary = [&]() -> PartPanel* {
    auto* panel = dynamic_cast<AnalysesPanel*>(frame->GetExplorer()->GetContent());
    return panel ? dynamic_cast<PartPanel*>(panel->Tab("summary")) : nullptr;
  };
  auto activeShown = [&]() -> wxString {
    PartPanel* part = summary();
    ResultTableView* list = part ? part->FindTable("weight_schemes") : nullptr;
    if (!list || list->RowCount() != 1) return "(no list of one scheme)";
    return list->CellText(0, 2);
  };
  ASSERT_NE(summary(), nullptr);
  EXPECT_EQ(activeShown(), "yes");
  ClickButton(summary(), "deactivate_schemes");
  EXPECT_TRUE(WaitUntil([&] { return activeShown() == "no"; })) << activeShown();
  EXPECT_EQ(io::ActiveWeightScheme(project), std::nullopt);
  wxString said;
  wxTEST_DIALOG(ClickButton(summary(), "activate_scheme"), ExpectMessageBox(&said));  // nothing chosen yet
  EXPECT_TRUE(said.Contains("Choose a scheme in the list")) << said;
  summary()->FindTable("weight_schemes")->GetList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  ClickButton(summary(), "activate_scheme");
  EXPECT_TRUE(WaitUntil([&] { return activeShown() == "yes"; })) << activeShown();
  summary()->FindTable("weight_schemes")->GetList()->SetItemState(0, wxLIST_STATE_SELECTED, wxLIST_STATE_SELECTED);
  wxTEST_DIALOG(ClickButton(summary(), "delete_scheme"), wxExpectModal<wxMessageDialog>(wxID_YES));
  EXPECT_TRUE(WaitUntil([&] {
    PartPanel* part = summary();
    return part && part->FindTable("weight_schemes") && part->FindTable("weight_schemes")->RowCount() == 0;
  }));
  EXPECT_EQ(project.Db().QueryInt("SELECT count(*) FROM weight_scheme"), 0);
  EXPECT_EQ(project.Db().QueryInt("SELECT count(*) FROM response_weight"), 0);

  // The dialog in Chinese, for the eye (and the screenshot check).
  SendMenu(frame, MainFrame::kIdLanguageChinese);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageChinese; }));
  SendMenu(frame, MainFrame::kIdAnalysis);
  view = ShownAnalysis(frame);
  ASSERT_NE(view, nullptr);
  wxTEST_DIALOG(ClickButton(view, "new_scheme"),
                WorkDialog<WeightingDialog>([&](WeightingDialog* dialog) { CheckScreenshot(dialog, "weighting_dialog_zh_CN.png"); }, wxID_CANCEL));
  SendMenu(frame, MainFrame::kIdLanguageEnglish);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageEnglish; }));
  frame->Close(true);
  EXPECT_TRUE(WaitUntil([] { return wxTopLevelWindows.IsEmpty(); }));
}

TEST_F(SessionTest, TrendAcrossTheDemoProjectsWaves) {
  MainFrame* frame = ShowFrame();
  AnalysisView* view = DemoAnalysis(frame);
  ASSERT_NE(view, nullptr);
  storage::Project& project = *frame->GetProject();
  ASSERT_TRUE(view->SetWeighting(""));
  ASSERT_NE(view->GetTrendChoice(), nullptr);
  // The index first, then overall satisfaction and the eight attributes.
  EXPECT_EQ(view->GetTrendChoice()->GetCount(), 10u);
  EXPECT_EQ(view->GetTrendChoice()->GetString(0), "Satisfaction index (CSI)");
  view->GetNotebook()->SetSelection(4);

  // The index: the chart draws the change table's numbers; a marked point is one whose change
  // has p < 0.05 in the table.
  const report::ResultTable* csi = view->Table("trend_csi_changes");
  ASSERT_NE(csi, nullptr);
  ASSERT_NE(view->GetTrendChart(), nullptr);
  const TrendData& d = view->GetTrendChart()->Data();
  ASSERT_EQ(d.labels.size(), 2u) << "the demo project has two waves";
  ASSERT_EQ(csi->rows.size(), 2u);
  for (size_t w = 0; w < 2; ++w) {
    EXPECT_EQ(ToUtf8(d.labels[w]), csi->rows[w][0].text);
    ASSERT_TRUE(d.values[w] && d.lower[w] && d.upper[w]);
    EXPECT_DOUBLE_EQ(*d.values[w], csi->rows[w][2].value);
    EXPECT_LT(*d.lower[w], *d.values[w]);
    EXPECT_GT(*d.upper[w], *d.values[w]);
  }
  EXPECT_NEAR(csi->rows[1][5].value, *d.values[1] - *d.values[0], 0.01) << "change = wave 2 − wave 1";
  EXPECT_EQ(d.significant[1], csi->rows[1][8].value < 0.05);
  EXPECT_FALSE(d.significant[0]);
  // The same csi analysis's own table (no second computation): the same index per wave.
  ASSERT_NE(view->Table("trend_csi"), nullptr);
  EXPECT_DOUBLE_EQ(view->Table("trend_csi")->rows[1][2].value, *d.values[1]);
  CheckScreenshot(view->GetParent(), "analysis_trend_csi_en.png");

  // Overall satisfaction: the mean per wave on 0–100, (mean − 1) / (10 − 1) × 100 for its 1–10
  // scale with 99 = don't know left out, computed here from the stored answers.
  ASSERT_TRUE(view->SetTrendSeries(1));
  const TrendData& o = view->GetTrendChart()->Data();
  const int64_t qid = project.Db().QueryInt("SELECT max(id) FROM questionnaire");
  const auto vars = project.Variables(qid);
  const size_t overall = size_t(std::find(vars.begin(), vars.end(), "overall") - vars.begin());
  ASSERT_LT(overall, vars.size());
  std::map<int64_t, std::pair<double, double>> sums;  // wave id → (sum, n)
  std::map<int64_t, int64_t> waveOf;
  {
    storage::Statement st(project.Db(), "SELECT id, wave_id FROM response");
    while (st.Step()) waveOf[st.Int(0)] = st.Int(1);
  }
  project.ForEachResponse(qid, [&](int64_t id, const storage::ResponseRecord& r) {
    const double v = overall < r.values.size() ? r.values[overall] : storage::kSystemMissing;
    if (storage::IsSystemMissing(v) || v == 99) return;
    sums[waveOf[id]].first += v;
    sums[waveOf[id]].second += 1;
  });
  ASSERT_EQ(sums.size(), 2u);
  size_t w = 0;
  for (const auto& [wave, s] : sums) {
    ASSERT_TRUE(o.values[w]);
    EXPECT_NEAR(*o.values[w], (s.first / s.second - 1) / 9 * 100, 1e-9) << "wave " << wave;
    ++w;
  }
  EXPECT_TRUE(o.title.StartsWith(view->GetTrendChoice()->GetString(1))) << o.title;
  // The change table of the series, copied as the other views copy theirs.
  const report::ResultTable* item = view->Table("trend_item:overall_changes");
  ASSERT_NE(item, nullptr);
  const wxString copied = view->CopyTable(*item);
  EXPECT_TRUE(copied.StartsWith("Wave\tn\tIndex\tCI lower\tCI upper\tChange\t")) << copied;
  CheckScreenshot(view->GetParent(), "analysis_trend_overall_en.png");

  // In Chinese.
  SendMenu(frame, MainFrame::kIdLanguageChinese);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageChinese; }));
  SendMenu(frame, MainFrame::kIdAnalysis);
  view = ShownAnalysis(frame);
  ASSERT_NE(view, nullptr);
  view->GetNotebook()->SetSelection(4);
  ASSERT_NE(view->GetTrendChart(), nullptr);
  EXPECT_EQ(view->GetTrendChoice()->GetString(0), wxString::FromUTF8("满意度指数（CSI）"));
  CheckScreenshot(view->GetParent(), "analysis_trend_csi_zh_CN.png");
  ASSERT_TRUE(view->SetTrendSeries(1));
  CheckScreenshot(view->GetParent(), "analysis_trend_overall_zh_CN.png");
  SendMenu(frame, MainFrame::kIdLanguageEnglish);
  ASSERT_TRUE(WaitUntil([] { return CurrentLanguage() == kLanguageEnglish; }));
  frame->Close(true);
  EXPECT_TRUE(WaitUntil([] { return wxTopLevelWindows.IsEmpty(); }));
}

}  // namespace
}  // namespace manyi::gui::test

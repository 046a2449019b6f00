// The fieldwork screens under Xvfb, driven as a new user, an interviewer and a keying operator
// would, with key events (Enter in the fields) and button presses: the sampling plan opened from
// the Fieldwork menu (the source survey's 979 questionnaires, bad input, n from a margin of error,
// the draw into a mailing batch or a call list); a scripted CATI interview with validation, skip
// logic, an interruption and a resumed interview on a call list drawn in that dialog; two
// interviewers' screens that never get the same case; a data-entry pass with a planted error
// caught, a second pass and a resolved discrepancy; screenshots in English and Chinese.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <wx/checklst.h>
#include <wx/dialog.h>
#include <wx/spinctrl.h>

#include <cmath>
#include <fstream>

#include "gui/cati_panel.h"
#include "gui/data_entry_panel.h"
#include "gui/explorer.h"
#include "gui/fieldwork_dialogs.h"
#include "gui/part_panel.h"
#include "gui/workspace_panels.h"
#include "gui/sampling_panel.h"
#include "gui/wx_text.h"
#include "gui/result_table_view.h"
#include "gui/language.h"
#include "gui_test_support.h"
#include "io/cati.h"
#include "io/form_json.h"
#include "io/sampling_plan.h"
#include "storage/project.h"
#include "frame_979.h"
#include "test_paths.h"

namespace manyi::gui::test {
namespace {

class FieldworkGuiTest : public GuiTest {
 protected:
  void SetUp() override {
    GuiTest::SetUp();
    m_project = storage::Project::Create(m_folder / "fieldwork.manyi", "fieldwork").TakeOrThrow();
    auto form = io::ReadFormFile(manyi::test::SourceDir() / "tests/data/fieldwork/fieldwork_form.json").TakeOrThrow();
    storage::Transaction tx(m_project->Db());
    m_questionnaire = io::StoreQuestionnaire(*m_project, form);
    const char* names[] = {"青岛海川机械有限公司", "济南泉城纺织有限公司", "Weihai Harbour Logistics"};
    for (int i = 1; i <= 3; ++i) {
      storage::Customer c;
      c.externalId = "K0" + std::to_string(i);
      c.region = i == 2 ? "济南" : "青岛";
      c.name = names[i - 1];
      c.contactPerson = i == 3 ? "Ms Lin" : "王经理";
      c.phone = "0532-8888000" + std::to_string(i);
      m_project->AddCustomer(c);
    }
    tx.Commit();
  }

  /// As a new user: opens the project in the main window, Fieldwork ▸ Sampling Plan, every
  /// customer (100 % by region), seed 5, and draws into a mailing batch or a call list. Returns
  /// the batch or list id.
  int64_t DrawThroughTheMenu(SamplingPanel::Target target, const std::string& date) {
    MainFrame* frame = ShowFrame();
    {
      ScriptedFiles files({FromPath(m_project->Path())});
      SendMenu(frame, wxID_OPEN);
    }
    // The Fieldwork part is shown behind the dialog: its facts must include the draw afterwards.
    EXPECT_TRUE(frame->GetExplorer()->Select(NodeKind::kFieldwork));
    auto mailBatchesShown = [&] {
      auto* fieldwork = dynamic_cast<FieldworkPanel*>(frame->GetExplorer()->GetContent());
      auto* summary = fieldwork ? dynamic_cast<PartPanel*>(fieldwork->Tab("summary")) : nullptr;
      ResultTableView* facts = summary ? summary->FindTable("fieldwork_facts") : nullptr;
      return facts ? facts->CellText(0, 1) : wxString("(no facts table)");
    };
    const wxString batchesBefore = mailBatchesShown();
    int64_t id = 0;
    wxTEST_DIALOG(SendMenu(frame, kIdFieldworkSampling),
                  WorkDialog<wxDialog>(
                      [&](wxDialog* dialog) {
                        auto* panel = dynamic_cast<SamplingPanel*>(dialog->FindWindow("sampling"));
                        ASSERT_NE(panel, nullptr);
                        panel->SetStrata({"region"});
                        panel->FractionField()->SetValue("100");  // SetValue sends the text event, as typing does
                        EXPECT_TRUE(panel->Plan()) << panel->ProblemText().utf8_string();
                        EXPECT_EQ(panel->Plan()->total, 3u);
                        panel->SeedField()->ChangeValue("5");
                        panel->DateField()->ChangeValue(date);
                        Choose(panel->TargetChoice(), target);
                        if (target == SamplingPanel::kMailBatch) Screenshot(dialog, "sampling_dialog_en.png");  // as the menu opens it
                        Click(panel, "draw");
                        EXPECT_TRUE(panel->ResultText().Contains(target == SamplingPanel::kMailBatch ? "into mailing batch" : "into call list"))
                            << panel->ResultText().utf8_string() << panel->ProblemText().utf8_string();
                        id = target == SamplingPanel::kMailBatch ? m_project->Db().QueryInt("SELECT coalesce(max(id), 0) FROM mail_batch")
                                                                 : io::cati::NewestCallList(*m_project);
                      },
                      wxID_CANCEL));
    const int64_t batches = m_project->Db().QueryInt("SELECT count(*) FROM mail_batch");
    EXPECT_EQ(mailBatchesShown(), wxString::Format("%lld", static_cast<long long>(batches))) << "before the draw: " << batchesBefore;
    if (target == SamplingPanel::kMailBatch) {
      // Fieldwork > Print Paper Forms: the only batch, one copy per mailed customer, to the PDF chosen.
      const std::filesystem::path pdf = m_folder / "batch.pdf";
      wxString said;
      {
        ScriptedFiles files({FromPath(pdf)});
        wxTEST_DIALOG(SendMenu(frame, kIdFieldworkPrint), ExpectMessageBox(&said));
      }
      EXPECT_TRUE(said.Contains("3 questionnaires of batch")) << said.utf8_string();
      EXPECT_GT(std::filesystem::file_size(pdf), 1000u);
    }
    frame->Destroy();
    WaitUntil([] { return wxTopLevelWindows.empty(); });
    return id;
  }
  void TearDown() override {
    GuiTest::TearDown();
    m_project.reset();
  }

  /// A frame holding one panel over project (default: the fixture's), shown and laid out.
  template <typename Panel>
  Panel* ShowPanel(wxFrame*& frame, const wxSize& size, storage::Project* project = nullptr) {
    frame = new wxFrame(nullptr, wxID_ANY, "fieldwork", wxDefaultPosition, size);
    auto* panel = new Panel(frame, project ? *project : *m_project);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(panel, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->Show();
    EXPECT_TRUE(WaitUntil([frame] { return frame->IsShownOnScreen(); }));
    frame->Layout();
    return panel;
  }

  /// What a key press of Enter in a text field sends.
  static void PressEnter(wxTextCtrl* field) {
    wxCommandEvent event(wxEVT_TEXT_ENTER, field->GetId());
    event.SetEventObject(field);
    event.SetString(field->GetValue());
    field->ProcessWindowEvent(event);
  }
  static void Type(wxTextCtrl* field, const wxString& text) {
    ASSERT_NE(field, nullptr);
    field->SetFocus();
    field->ChangeValue(text);
    PressEnter(field);
  }
  /// Chooses an entry of a choice control as a click would (the selection event included).
  static void Choose(wxChoice* choice, int selection) {
    choice->SetSelection(selection);
    wxCommandEvent event(wxEVT_CHOICE, choice->GetId());
    event.SetEventObject(choice);
    event.SetInt(selection);
    choice->ProcessWindowEvent(event);
  }
  static void Click(wxWindow* parent, const wxString& name) { ClickButton(parent, name); }
  /// Lets the screen settle (focus, layout) before the shared screenshot check.
  static void Screenshot(wxWindow* window, const std::string& name) {
    WaitUntil([] { return false; }, std::chrono::milliseconds(200));
    CheckScreenshot(window, name);
  }
  std::vector<double> Stored(const std::string& respondent) {
    std::vector<double> values;
    m_project->ForEachResponse(m_questionnaire, [&](int64_t, const storage::ResponseRecord& r) {
      if (r.respondentKey == respondent) values = r.values;
    });
    return values;
  }

  std::unique_ptr<storage::Project> m_project;
  int64_t m_questionnaire = 0, m_list = 0;
};

TEST_F(FieldworkGuiTest, ScriptedInterviewWithSkipLogicInterruptionAndResume) {
  m_list = DrawThroughTheMenu(SamplingPanel::kCallList, "2026-11-23");
  ASSERT_GT(m_list, 0);
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM call_list_member WHERE list_id = " + std::to_string(m_list)), 3);
  wxFrame* frame = nullptr;
  CatiPanel* cati = ShowPanel<CatiPanel>(frame, wxSize(760, 720));
  cati->SetNow([] { return std::string("2026-11-23T09:00:00Z"); });
  cati->InterviewerField()->ChangeValue("Zhou");
  Click(cati, "next_respondent");
  ASSERT_TRUE(cati->Case());
  const int64_t customer = cati->Case()->customerId;
  EXPECT_TRUE(cati->CaseLabel().Contains(wxString::FromUTF8(cati->Case()->externalId)));
  Click(cati, "start_interview");
  ASSERT_NE(cati->CurrentInterview(), nullptr);
  EXPECT_EQ(cati->CurrentVariable(), "used");
  EXPECT_TRUE(cati->QuestionLabel().Contains("service desk in the past year"));

  Type(cati->AnswerField(), "1");
  EXPECT_EQ(cati->CurrentVariable(), "service");
  Type(cati->AnswerField(), "7");  // the scale is 1–5 (9 = don't know)
  EXPECT_EQ(cati->CurrentVariable(), "service");
  EXPECT_TRUE(cati->ProblemLabel().Contains("out of range")) << cati->ProblemLabel().utf8_string();
  Type(cati->AnswerField(), "4");
  Type(cati->AnswerField(), "1");
  EXPECT_EQ(cati->CurrentVariable(), "channels_2");
  Screenshot(frame, "cati_interview_en.png");

  // The line drops: partial interview, call back at 15:00.
  ASSERT_TRUE(cati->RecordCall(io::cati::Disposition::kPartial, "2026-11-23 15:00"));
  EXPECT_EQ(cati->CurrentInterview(), nullptr);
  std::vector<double> saved;
  m_project->ForEachResponse(m_questionnaire, [&](int64_t, const storage::ResponseRecord& r) {
    if (r.customerId == customer) saved = r.values;
  });
  ASSERT_GE(saved.size(), 3u);
  EXPECT_EQ(saved[0], 1);
  EXPECT_EQ(saved[1], 4);
  EXPECT_EQ(saved[2], 1);

  // Before 15:00 another case comes up; at 15:01 the interrupted one, which resumes.
  ASSERT_TRUE(cati->NextRespondent());
  EXPECT_NE(cati->Case()->customerId, customer);
  ASSERT_TRUE(cati->RecordCall(io::cati::Disposition::kNoAnswer));
  cati->SetNow([] { return std::string("2026-11-23T15:01:00Z"); });
  ASSERT_TRUE(cati->NextRespondent());
  EXPECT_EQ(cati->Case()->customerId, customer);
  EXPECT_TRUE(cati->Case()->interrupted);
  Click(cati, "start_interview");
  ASSERT_NE(cati->CurrentInterview(), nullptr);
  EXPECT_TRUE(cati->CurrentInterview()->Resumed());
  EXPECT_EQ(cati->CurrentVariable(), "channels_2");

  // Skip logic: back to the first question; "no" skips questions 2 and 3 and clears them.
  EXPECT_TRUE(cati->Back());
  EXPECT_TRUE(cati->Back());
  EXPECT_TRUE(cati->Back());
  EXPECT_EQ(cati->CurrentVariable(), "used");
  EXPECT_EQ(cati->AnswerField()->GetValue(), "1");  // the answer given before is shown
  Type(cati->AnswerField(), "2");
  EXPECT_EQ(cati->CurrentVariable(), "overall");
  Type(cati->AnswerField(), "9");
  Type(cati->AnswerField(), "");  // orders: no answer; overall 9 skips the comment
  EXPECT_EQ(cati->CurrentVariable(), "");
  ASSERT_TRUE(cati->RecordCall(io::cati::Disposition::kComplete));
  m_project->ForEachResponse(m_questionnaire, [&](int64_t, const storage::ResponseRecord& r) {
    if (r.customerId == customer) {
      EXPECT_FALSE(r.partial);
      EXPECT_EQ(r.values[0], 2);
      EXPECT_TRUE(std::isnan(r.values[1]));
      EXPECT_EQ(r.values[4], 9);
    }
  });
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM call_attempt WHERE disposition = 'complete'"), 1);
  frame->Destroy();

  // The same screen in Chinese: the script in the interviewer's language.
  ASSERT_TRUE(ApplyLanguage("zh_CN"));
  cati = ShowPanel<CatiPanel>(frame, wxSize(760, 720));
  cati->SetNow([] { return std::string("2026-11-23T15:10:00Z"); });
  cati->InterviewerField()->ChangeValue(wxString::FromUTF8("周"));
  ASSERT_TRUE(cati->NextRespondent());
  Click(cati, "start_interview");
  EXPECT_TRUE(cati->QuestionLabel().Contains(wxString::FromUTF8("客服"))) << cati->QuestionLabel().utf8_string();
  Type(cati->AnswerField(), "1");
  Screenshot(frame, "cati_interview_zh_CN.png");
  ASSERT_TRUE(cati->RecordCall(io::cati::Disposition::kAppointment, "2026-11-24 10:00"));
  frame->Destroy();
}

TEST_F(FieldworkGuiTest, DataEntryCatchesAPlantedErrorAndResolvesADiscrepancy) {
  const int64_t batch = DrawThroughTheMenu(SamplingPanel::kMailBatch, "2026-11-01");
  ASSERT_GT(batch, 0);
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM mailing WHERE batch_id = " + std::to_string(batch)), 3);
  EXPECT_EQ(m_project->Db().QueryText("SELECT form_lang FROM mail_batch WHERE id = " + std::to_string(batch)), "en");
  wxFrame* frame = nullptr;
  DataEntryPanel* entry = ShowPanel<DataEntryPanel>(frame, wxSize(820, 760));
  entry->OperatorField()->ChangeValue("Li");
  entry->PassChoice()->SetSelection(0);
  Type(entry->RespondentField(), "K01");
  EXPECT_EQ(wxWindow::FindFocus(), entry->Field("used"));
  Type(entry->Field("used"), "3");  // planted: 3 is not a code of question 1
  EXPECT_TRUE(entry->Status().Contains("3 is not a code of used")) << entry->Status().utf8_string();
  EXPECT_EQ(wxWindow::FindFocus(), entry->Field("used"));
  Type(entry->Field("used"), "1");
  EXPECT_EQ(wxWindow::FindFocus(), entry->Field("service"));
  for (auto [var, code] : {std::pair{"service", "4"}, {"channels_1", "1"}, {"channels_2", "0"}, {"overall", "8"}, {"orders", "12"}})
    Type(entry->Field(var), code);
  EXPECT_FALSE(entry->Field("comment")->IsEnabled());  // overall 8: the comment is skipped
  Screenshot(frame, "data_entry_en.png");
  ASSERT_TRUE(entry->StoreForm()) << entry->Status().utf8_string();
  EXPECT_TRUE(entry->Status().Contains("stored as pass 1"));

  // Pass 2 by another operator, with overall keyed as 6.
  entry->OperatorField()->ChangeValue("Wang");
  entry->PassChoice()->SetSelection(1);
  Type(entry->RespondentField(), "K01");
  Type(entry->Field("used"), "2");
  EXPECT_FALSE(entry->Field("service")->IsEnabled());  // "no" skips questions 2 and 3
  Type(entry->Field("used"), "1");
  EXPECT_TRUE(entry->Field("service")->IsEnabled());
  for (auto [var, code] : {std::pair{"service", "4"}, {"channels_1", "1"}, {"channels_2", "0"}, {"overall", "6"}, {"orders", "12"}})
    Type(entry->Field(var), code);
  ASSERT_TRUE(entry->StoreForm()) << entry->Status().utf8_string();
  EXPECT_TRUE(entry->Status().Contains("1 discrepancies")) << entry->Status().utf8_string();
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM response WHERE channel = 'mail'"), 0);

  entry->Pages()->SetSelection(1);
  entry->RefreshDiscrepancies();
  wxListCtrl* list = entry->DiscrepancyList();
  ASSERT_EQ(list->GetItemCount(), 1);
  EXPECT_EQ(list->GetItemText(0, 1), "1");  // the whole test form fits page 1
  EXPECT_EQ(list->GetItemText(0, 2), "Q4");
  EXPECT_EQ(list->GetItemText(0, 4), "8");
  EXPECT_EQ(list->GetItemText(0, 5), "6");
  Screenshot(frame, "data_entry_discrepancies_en.png");
  entry->ResolveField()->ChangeValue("8");
  ASSERT_TRUE(entry->ResolveSelected());
  EXPECT_EQ(list->GetItemCount(), 0);
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM response WHERE channel = 'mail' AND status = 'complete'"), 1);
  EXPECT_EQ(Stored("K01")[4], 8);
  // Operators: Wang's keying of overall was wrong (1 error in 7 fields compared), Li's right.
  entry->Pages()->SetSelection(2);
  EXPECT_TRUE(WaitUntil([&] { return entry->Pages()->GetPage(2)->IsShownOnScreen(); }));
  WaitUntil([] { return false; }, std::chrono::milliseconds(200));
  ResultTableView* ops = entry->RefreshOperators();
  ASSERT_EQ(ops->RowCount(), 2);
  EXPECT_EQ(ops->CellText(0, 0), "Li");
  EXPECT_EQ(ops->CellText(0, 5), "0");
  EXPECT_EQ(ops->CellText(1, 0), "Wang");
  EXPECT_EQ(ops->CellText(1, 5), "1");
  EXPECT_EQ(ops->CellText(1, 4), "7");
  Screenshot(frame, "data_entry_operators_en.png");
  frame->Destroy();

  ASSERT_TRUE(ApplyLanguage("zh_CN"));
  entry = ShowPanel<DataEntryPanel>(frame, wxSize(820, 760));
  entry->OperatorField()->ChangeValue(wxString::FromUTF8("李"));
  Type(entry->RespondentField(), "K02");
  Type(entry->Field("used"), "5");
  EXPECT_FALSE(entry->Status().empty());
  Screenshot(frame, "data_entry_zh_CN.png");
  frame->Destroy();
}

// Two interviewers' screens on two connections to one project file: each Next respondent takes
// a different case, and a screen with nothing left to call says who holds the rest.
TEST_F(FieldworkGuiTest, TwoInterviewersNeverGetTheSameCase) {
  m_list = DrawThroughTheMenu(SamplingPanel::kCallList, "2026-11-23");
  auto other = storage::Project::Open(m_project->Path()).TakeOrThrow();
  wxFrame* frameA = nullptr;
  CatiPanel* zhou = ShowPanel<CatiPanel>(frameA, wxSize(760, 720));
  wxFrame* frameB = nullptr;
  CatiPanel* qian = ShowPanel<CatiPanel>(frameB, wxSize(760, 720), other.get());
  for (CatiPanel* c : {zhou, qian}) c->SetNow([] { return std::string("2026-11-23T09:00:00Z"); });
  zhou->InterviewerField()->ChangeValue("Zhou");
  qian->InterviewerField()->ChangeValue("Qian");
  Click(zhou, "next_respondent");
  Click(qian, "next_respondent");
  ASSERT_TRUE(zhou->Case() && qian->Case());
  EXPECT_NE(zhou->Case()->customerId, qian->Case()->customerId);
  Click(zhou, "start_interview");
  ASSERT_NE(zhou->CurrentInterview(), nullptr);
  Type(zhou->AnswerField(), "1");
  // Qian finishes two cases; the third is Zhou's, so nothing is due for Qian, and the screen says why.
  ASSERT_TRUE(qian->RecordCall(io::cati::Disposition::kRefusal));
  ASSERT_TRUE(qian->NextRespondent());
  EXPECT_NE(qian->Case()->customerId, zhou->Case()->customerId);
  ASSERT_TRUE(qian->RecordCall(io::cati::Disposition::kWrongNumber));
  EXPECT_FALSE(qian->NextRespondent());
  EXPECT_TRUE(qian->ProblemLabel().Contains("1 case is being called by another interviewer (Zhou)")) << qian->ProblemLabel().utf8_string();
  // Zhou's screen closes mid-interview (partial, nothing lost): the case is free again for Qian,
  // who resumes the interview where it stopped.
  const int64_t zhousCase = zhou->Case()->customerId;
  ASSERT_TRUE(zhou->RecordCall(io::cati::Disposition::kPartial));
  frameA->Destroy();
  WaitUntil([] { return false; }, std::chrono::milliseconds(100));
  ASSERT_TRUE(qian->NextRespondent());
  EXPECT_EQ(qian->Case()->customerId, zhousCase);
  Click(qian, "start_interview");
  ASSERT_NE(qian->CurrentInterview(), nullptr);
  EXPECT_TRUE(qian->CurrentInterview()->Resumed());
  EXPECT_EQ(qian->CurrentVariable(), "service");
  frameB->Destroy();
  WaitUntil([] { return false; }, std::chrono::milliseconds(100));
  EXPECT_EQ(m_project->Db().QueryInt("SELECT count(*) FROM call_list_member WHERE claim_token IS NOT NULL"), 0);
}

/// The customer list of tests/data/fieldwork/frame_979_strata.csv as a frame file a user would
/// import: one row per customer (C00001…), region empty for the unsigned questionnaires.
std::filesystem::path WriteFrame979(const std::filesystem::path& folder) {
  std::ofstream out(folder / "customers.csv");
  out << "customer_id,region,industry\n";
  for (const auto& c : manyi::test::Frame979Customers()) out << c.id << ',' << c.region << ',' << c.industry << '\n';
  return folder / "customers.csv";
}

/// The row of a result table view whose first cell is `key`, -1 when none.
int RowOf(ResultTableView* view, const wxString& key) {
  for (int r = 0; r < view->RowCount(); ++r)
    if (view->CellText(r, 0) == key) return r;
  return -1;
}

// A new user with an empty project: the dialog says the frame is missing and imports it; the
// source survey's rule gives the published 979 questionnaires and regions (DOMAIN.md); bad input
// is named; n for ±5 % at 95 % with the frame's N = 1222 is 293 (Cochran 1977 §4.4 with the
// finite-population correction: 1.96² · 0.25 · (1222/1221) / (0.05² + 1.96² · 0.25 / 1221) =
// 292.45, rounded up; the same formula gives PracTools nProp's 218 for N = 500 in
// ../shared/reference/README.md); the draw becomes a mailing batch in the chosen form language.
TEST_F(FieldworkGuiTest, SamplingPlanFromAnEmptyFrameToAMailingBatch) {
  auto project = storage::Project::Create(m_folder / "new.manyi", "new").TakeOrThrow();
  {
    auto form = io::ReadFormFile(manyi::test::SourceDir() / "tests/data/fieldwork/fieldwork_form.json").TakeOrThrow();
    storage::Transaction tx(project->Db());
    io::StoreQuestionnaire(*project, form);
    tx.Commit();
  }
  wxFrame* frame = nullptr;
  SamplingPanel* panel = ShowPanel<SamplingPanel>(frame, wxSize(1280, 900), project.get());
  EXPECT_FALSE(panel->Plan());
  EXPECT_TRUE(panel->ProblemText().Contains("no sample frame yet")) << panel->ProblemText().utf8_string();
  EXPECT_FALSE(panel->FindWindow("draw")->IsEnabled());
  {
    ScriptedFiles files({FromPath(WriteFrame979(m_folder))});
    Click(panel, "import_frame");
  }
  EXPECT_TRUE(panel->ResultText().Contains("Imported 1222 customers")) << panel->ResultText().utf8_string();
  ASSERT_TRUE(panel->Plan());
  EXPECT_EQ(panel->Plan()->population, 1222u);

  Click(panel, "source_rule");
  ASSERT_TRUE(panel->Plan());
  EXPECT_EQ(panel->Plan()->total, 979u);
  EXPECT_TRUE(panel->SummaryText().Contains("sample 979")) << panel->SummaryText().utf8_string();
  // 9 frame customers without a region (frame_979_strata.csv), of whom 80 % = 7 are sampled.
  EXPECT_EQ(panel->ProblemText(), "9 customers have no Region recorded: they form the stratum \"(not recorded)\".");
  ResultTableView* byRegion = panel->AccumulatedTable();
  ASSERT_NE(byRegion, nullptr);
  for (auto [region, n] : {std::pair{"青岛", "443"}, {"潍坊", "103"}, {"枣庄", "11"}, {"(not recorded)", "7"}, {"Total", "979"}}) {
    const int row = RowOf(byRegion, wxString::FromUTF8(region));
    ASSERT_GE(row, 0) << region;
    EXPECT_EQ(byRegion->CellText(row, 1), n) << region;
  }
  Screenshot(frame, "sampling_plan_en.png");

  // The plan follows every change as it is typed.
  panel->FractionField()->SetValue("150");
  EXPECT_FALSE(panel->Plan());
  EXPECT_TRUE(panel->ProblemText().Contains("\"150\" is not a percentage above 0 and at most 100")) << panel->ProblemText().utf8_string();
  EXPECT_FALSE(panel->FindWindow("draw")->IsEnabled());
  panel->FractionField()->SetValue("80");
  panel->SetStrata({"region"});  // rounding per region misses the published counts: Weifang 104
  EXPECT_EQ(panel->AccumulatedTable()->CellText(RowOf(panel->AccumulatedTable(), wxString::FromUTF8("潍坊")), 1), "104");
  const size_t regionTotal = panel->Plan()->total;
  panel->SetStrata({"region", "loyalty_class"});  // the frame has no loyalty class
  EXPECT_TRUE(panel->ProblemText().Contains("No customer in the frame has Loyalty class recorded")) << panel->ProblemText().utf8_string();
  ASSERT_TRUE(panel->Plan());
  EXPECT_EQ(panel->Plan()->total, regionTotal);  // nobody is dropped: the same strata as by region alone
  panel->SetStrata({"region"});
  panel->SetAllocation(SamplingPanel::kProportional);
  EXPECT_TRUE(panel->ProblemText().Contains("Type the total sample size")) << panel->ProblemText().utf8_string();
  panel->MarginField()->SetValue("5");
  panel->ConfidenceField()->SetValue("95");
  EXPECT_EQ(panel->MarginText(), "293");
  Click(panel, "use_margin");
  EXPECT_EQ(panel->TotalField()->GetValue(), "293");
  ASSERT_TRUE(panel->Plan());
  EXPECT_EQ(panel->Plan()->total, 293u);
  panel->TotalField()->SetValue("2000");
  EXPECT_TRUE(panel->ProblemText().Contains("between 1 and the frame's 1222 customers")) << panel->ProblemText().utf8_string();

  // Back to the source rule; a bad date draws nothing, a good one draws the mailing batch.
  Click(panel, "source_rule");
  panel->SeedField()->ChangeValue("7");
  panel->DateField()->ChangeValue("2026-13-01");
  EXPECT_EQ(panel->Draw(), 0);
  EXPECT_TRUE(panel->ProblemText().Contains("is not a date")) << panel->ProblemText().utf8_string();
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mail_batch"), 0);
  panel->DateField()->ChangeValue("2026-11-20");
  ASSERT_EQ(panel->FormLanguageChoice()->GetCount(), 2u);
  Choose(panel->FormLanguageChoice(), 0);  // the form's first language: Chinese
  panel->NoteField()->ChangeValue("first wave");
  Click(panel, "draw");
  EXPECT_TRUE(panel->ResultText().Contains("Drew 979 customers (seed 7) into mailing batch 1.")) << panel->ResultText().utf8_string();
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mailing WHERE batch_id = 1"), 979);
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mailing m JOIN customer c ON c.id = m.customer_id WHERE c.region = '潍坊'"), 103);
  EXPECT_EQ(project->Db().QueryText("SELECT form_lang || ' ' || sent_on || ' ' || note FROM mail_batch WHERE id = 1"), "zh 2026-11-20 first wave");
  Screenshot(frame, "sampling_plan_drawn_en.png");
  frame->Destroy();
  WaitUntil([] { return false; }, std::chrono::milliseconds(100));

  ASSERT_TRUE(ApplyLanguage("zh_CN"));
  panel = ShowPanel<SamplingPanel>(frame, wxSize(1280, 900), project.get());
  Click(panel, "source_rule");
  ASSERT_TRUE(panel->Plan());
  EXPECT_EQ(panel->Plan()->total, 979u);
  EXPECT_FALSE(panel->SummaryText().Contains("sample")) << panel->SummaryText().utf8_string();
  Choose(panel->TargetChoice(), SamplingPanel::kCallList);
  EXPECT_FALSE(panel->FormLanguageChoice()->IsEnabled());
  EXPECT_TRUE(panel->AttemptsField()->IsEnabled());
  Screenshot(frame, "sampling_plan_zh_CN.png");
  panel->FractionField()->SetValue("0");
  EXPECT_FALSE(panel->ProblemText().empty());
  EXPECT_FALSE(panel->ProblemText().Contains("percentage")) << "not translated: " << panel->ProblemText().utf8_string();
  frame->Destroy();
}

}  // namespace
}  // namespace manyi::gui::test

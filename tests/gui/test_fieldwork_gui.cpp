// The fieldwork screens under Xvfb, driven as an interviewer and a keying operator would, with key
// events (Enter in the fields) and button presses: a scripted CATI interview with validation, skip
// logic, an interruption and a resumed interview; a data-entry pass with a planted error caught,
// a second pass and a resolved discrepancy; screenshots in English and Chinese.
#include <gtest/gtest.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/frame.h>
#include <wx/listctrl.h>
#include <wx/notebook.h>
#include <wx/sizer.h>
#include <wx/textctrl.h>

#include <cmath>

#include "gui/cati_panel.h"
#include "gui/data_entry_panel.h"
#include "gui/result_table_view.h"
#include "gui/language.h"
#include "gui_test_support.h"
#include "io/cati.h"
#include "io/form_json.h"
#include "io/sampling_plan.h"
#include "storage/project.h"
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
    io::SamplePlanSpec spec;
    spec.strata = {"region"};
    spec.fraction = 1.0;
    auto plan = io::PlanSample(*m_project, spec);
    m_list = io::DrawCallList(*m_project, plan, 5, "2026-11-23", 6, "");
    io::DrawSample(*m_project, plan, 5, "2026-11-01", "");
  }
  void TearDown() override {
    GuiTest::TearDown();
    m_project.reset();
  }

  /// A frame holding one panel, shown and laid out.
  template <typename Panel>
  Panel* ShowPanel(wxFrame*& frame, const wxSize& size) {
    frame = new wxFrame(nullptr, wxID_ANY, "fieldwork", wxDefaultPosition, size);
    auto* panel = new Panel(frame, *m_project);
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

}  // namespace
}  // namespace manyi::gui::test

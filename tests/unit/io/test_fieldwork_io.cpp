// Fieldwork over a real project file: the source survey's 979 questionnaires reproduced from a
// sample frame (80 % per industry, rounded half up, accumulated by region; DOMAIN.md), mail
// returns, keyed double entry with discrepancies and resolutions, and telephone interviews.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include <sys/wait.h>
#include <unistd.h>

#include "core/error.h"
#include "io/cati.h"
#include "io/data_entry.h"
#include "io/form_json.h"
#include "io/paper_form.h"
#include "io/sampling_plan.h"
#include "report/response_rates.h"
#include "storage/project.h"
#include "storage/schema.h"
#include "frame_979.h"
#include "test_paths.h"
#include "unit/storage/test_helpers.h"

using namespace manyi;

namespace {

/// The frame of tests/data/fieldwork/frame_979_strata.csv: customers per region × industry, one
/// customer row per count (ids C00001…), region "" for the 7 unsigned questionnaires.
void AddFrame979(storage::Project& project) {
  const auto customers = test::Frame979Customers();
  ASSERT_EQ(customers.size(), 1222u) << "frame_979_strata.csv not found";
  storage::Transaction tx(project.Db());
  for (const auto& row : customers) {
    storage::Customer c;
    c.externalId = row.id;
    if (!row.region.empty()) c.region = row.region;
    c.industry = row.industry;
    project.AddCustomer(c);
  }
  tx.Commit();
}

}  // namespace

// The published questionnaires per region (DOMAIN.md, from the source document); "" = 未署名.
const std::map<std::string, size_t> kPublished979 = {
    {"青岛", 443}, {"烟台", 78}, {"潍坊", 103}, {"济南", 74}, {"济宁", 41}, {"威海", 36}, {"东营", 48}, {"江苏", 10},
    {"枣庄", 11},  {"临沂", 24}, {"淄博", 23},  {"日照", 29}, {"荷泽", 4},  {"德州", 6},  {"安徽", 7},  {"聊城", 7},
    {"泰安", 5},   {"滨州", 9},  {"莱芜", 2},   {"上海", 4},  {"北京", 2},  {"新疆", 4},  {"贵州", 2},  {"", 7}};

TEST(SamplePlan979, EightyPercentPerIndustryAccumulatedByRegionGives979) {
  test::TempDir dir;
  auto project = storage::Project::Create(dir / "p.manyi", "979").TakeOrThrow();
  AddFrame979(*project);
  io::SamplePlanSpec spec;
  spec.strata = {"region", "industry"};
  spec.fraction = 0.8;
  spec.rounding = stats::Rounding::kHalfUp;
  spec.accumulateBy = "region";
  io::SamplePlan plan = io::PlanSample(*project, spec);
  EXPECT_EQ(plan.population, 1222u);
  EXPECT_EQ(plan.total, 979u);
  ASSERT_EQ(plan.accumulated.size(), kPublished979.size());
  for (const auto& [region, n] : plan.accumulated) {
    ASSERT_TRUE(kPublished979.count(region)) << region;
    EXPECT_EQ(n, kPublished979.at(region)) << region;
  }
  // The rule matters: 80 % of the whole frame rounded once is 977.6 → 978, and 80 % of each region
  // rounded per region gives Weifang 130 → 104 and Zaozhuang 13 → 10 (published 103 and 11).
  const std::size_t whole[] = {plan.population};
  EXPECT_EQ(stats::FixedFractionAllocation(whole, 0.8, stats::Rounding::kHalfUp)[0], 978u);
  spec.strata = {"region"};
  io::SamplePlan byRegion = io::PlanSample(*project, spec);
  std::map<std::string, size_t> perRegion(byRegion.accumulated.begin(), byRegion.accumulated.end());
  EXPECT_EQ(perRegion["潍坊"], 104u);
  EXPECT_EQ(perRegion["枣庄"], 10u);

  // The draw sends exactly the planned questionnaires, reproducibly.
  storage::Transaction tx(project->Db());
  project->AddQuestionnaire("f", 1, "", "", "{}", {"q1"});
  tx.Commit();
  const int64_t batch = io::DrawSample(*project, plan, 42, "2026-11-23", "979");
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mailing WHERE batch_id = " + std::to_string(batch)), 979);
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mailing m JOIN customer c ON c.id = m.customer_id "
                                   "WHERE m.batch_id = " + std::to_string(batch) + " AND c.region = '潍坊'"), 103);
}

// ---------------------------------------------------------------------------------------------
// A small project: the fieldwork test questionnaire (tests/data/fieldwork/fieldwork_form.json:
// used → service, channels (asked when used = 1) → overall → orders (≤ 100 unless overall ≥ 5)
// → comment (asked when overall ≤ 6)) and customers K01…Kn.

namespace {

struct SmallProject {
  test::TempDir dir;
  std::unique_ptr<storage::Project> project;
  int64_t questionnaireId = 0;

  explicit SmallProject(int customers) {
    project = storage::Project::Create(dir / "small.manyi", "small").TakeOrThrow();
    auto form = io::ReadFormFile(test::SourceDir() / "tests/data/fieldwork/fieldwork_form.json").TakeOrThrow();
    storage::Transaction tx(project->Db());
    questionnaireId = io::StoreQuestionnaire(*project, form);
    for (int i = 1; i <= customers; ++i) {
      storage::Customer c;
      char id[8];
      std::snprintf(id, sizeof id, "K%02d", i);
      c.externalId = id;
      c.region = i % 2 ? "青岛" : "济南";
      c.phone = "1380000000" + std::to_string(i % 10);
      project->AddCustomer(c);
    }
    tx.Commit();
  }
  int64_t Int(const std::string& sql) { return project->Db().QueryInt(sql); }
  io::SamplePlan Everyone() {
    io::SamplePlanSpec spec;
    spec.strata = {"region"};
    spec.fraction = 1.0;
    return io::PlanSample(*project, spec);
  }
  std::filesystem::path Write(const std::string& name, const std::string& text) {
    test::WriteBytes(dir / name, text);
    return dir / name;
  }
};

std::string MessageText(const std::function<void()>& f) {
  try {
    f();
  } catch (const UserError& e) {
    return e.GetMessage().English();
  }
  return "(no error)";
}

}  // namespace

TEST(MailReturns, RecordedAllOrNothing) {
  SmallProject p(4);
  const int64_t batch = io::DrawSample(*p.project, p.Everyone(), 7, "2026-11-01", "");
  EXPECT_EQ(io::RecordMailStatus(*p.project, {"K01", "K02"}, "returned", "2026-11-10", 0), 2);
  EXPECT_EQ(io::RecordMailStatus(*p.project, {"K03"}, "undeliverable", "2026-11-05", batch), 1);
  EXPECT_EQ(io::RecordMailStatus(*p.project, {"K01"}, "returned", "2026-11-10", 0), 0);  // already returned
  // One unknown id: nothing changes, and the message names it.
  const std::string msg = MessageText([&] { io::RecordMailStatus(*p.project, {"K04", "X99"}, "returned", "2026-11-11", 0); });
  EXPECT_NE(msg.find("X99"), std::string::npos) << msg;
  EXPECT_EQ(p.Int("SELECT count(*) FROM mailing WHERE status = 'returned'"), 2);
  EXPECT_EQ(p.Int("SELECT count(*) FROM mailing WHERE status = 'undeliverable'"), 1);
  EXPECT_EQ(p.Int("SELECT count(*) FROM mailing WHERE status = 'sent'"), 1);
}

TEST(KeyedEntry, EveryProblemNamesFileRowColumnAndItem) {
  SmallProject p(3);
  auto form = io::LoadEntryForm(*p.project, std::nullopt);
  // Row 2 sound; row 3: code 3 is not a code of "used" (question 1, column 2); row 4: service 6 is
  // out of range; row 5: service answered although used = 2 skips it; row 6: 150 orders with an
  // overall rating of 3 breaks the constraint.
  auto file = p.Write("bad.csv",
                      "respondent_id,used,service,channels_1,channels_2,overall,orders,comment\n"
                      "K01,1,4,1,0,8,12,\n"
                      "K02,3,,,,8,,\n"
                      "K03,1,6,,,8,,\n"
                      "K04,2,4,,,8,,\n"
                      "K05,2,,,,3,150,slow\n");
  const std::string msg = MessageText([&] { io::ReadKeyedFile(form.form, file); });
  EXPECT_NE(msg.find("bad.csv, row 3, column 2, respondent K02, question 1 (used): 3 is not a code of used; the codes are 1, 2"), std::string::npos) << msg;
  EXPECT_NE(msg.find("row 4, column 3, respondent K03, question 2 (service): 6 is out of range for service: the scale runs from 1 to 5, or 9"), std::string::npos) << msg;
  EXPECT_NE(msg.find("row 5, column 3, respondent K04, question 2 (service): 4 is answered, but the form skips it unless used = 1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("row 6, column 7, respondent K05, question 5 (orders): 150 does not meet the rule of orders"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("K01"), std::string::npos) << "the sound row is not a problem";
  auto unknown = p.Write("unknown.csv", "respondent_id,used,sat9\nK01,1,3\n");
  EXPECT_NE(MessageText([&] { io::ReadKeyedFile(form.form, unknown); }).find("column 3 \"sat9\": not a variable"), std::string::npos);
  EXPECT_EQ(p.Int("SELECT count(*) FROM entry_pass"), 0);
}

TEST(KeyedEntry, DoubleEntryFindsPlantedDifferencesAndResolutionsMakeResponses) {
  SmallProject p(3);
  io::DrawSample(*p.project, p.Everyone(), 1, "2026-11-01", "");
  auto form = io::LoadEntryForm(*p.project, std::nullopt);
  const std::string header = "respondent_id,used,service,channels_1,channels_2,overall,orders,comment,keying_seconds\n";
  auto pass1 = p.Write("p1.csv", header + "K01,1,4,1,0,8,12,,30\nK02,2,,,,5,3,too slow,40\nK03,1,5,0,1,9,,,20\n");
  // Planted: K01 overall 8 → 3 (pass 2 wrong) and comment blank; K02 orders 3 → 8 (pass 2 wrong)
  // and comment "too slow" → "too slow" (same); K03 identical.
  auto pass2 = p.Write("p2.csv", header + "K01,1,4,1,0,6,12,,25\nK02,2,,,,5,8,too slow,35\nK03,1,5,0,1,9,,,15\n");
  auto out1 = io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, pass1), 1, "Li", "p1.csv");
  EXPECT_EQ(out1.forms, 3);
  EXPECT_EQ(out1.fields, 5 + 5 + 5);
  EXPECT_EQ(out1.compared, 0);
  // The same operator may not key pass 2; nothing is stored then.
  EXPECT_NE(MessageText([&] { io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, pass2), 2, "Li", "p2.csv"); })
                .find("Li keyed pass 1 of respondent K01; the other pass must be keyed by a different operator"),
            std::string::npos);
  EXPECT_EQ(p.Int("SELECT count(*) FROM entry_pass WHERE pass = 2"), 0);
  // Keying pass 1 again is refused.
  EXPECT_NE(MessageText([&] { io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, pass1), 1, "Zhao", "p1.csv"); })
                .find("was keyed in pass 1 already"),
            std::string::npos);

  auto out2 = io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, pass2), 2, "Wang", "p2.csv");
  EXPECT_EQ(out2.compared, 3);
  EXPECT_EQ(out2.discrepancies, 2);
  EXPECT_EQ(out2.verified, std::vector<std::string>{"K03"});
  auto list = io::ListDiscrepancies(*p.project, form, false);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].respondentKey, "K01");
  EXPECT_EQ(list[0].variable, "overall");
  EXPECT_EQ(list[0].question, 4);
  EXPECT_EQ(list[0].page, 1);
  EXPECT_EQ(list[0].value1, "8");
  EXPECT_EQ(list[0].value2, "6");
  EXPECT_EQ(list[0].operator1, "Li");
  EXPECT_EQ(list[0].operator2, "Wang");
  EXPECT_EQ(list[1].variable, "orders");
  // Only K03 is a response so far.
  EXPECT_EQ(p.Int("SELECT count(*) FROM response WHERE channel = 'mail'"), 1);

  // A resolution is checked like a keyed value.
  EXPECT_NE(MessageText([&] { io::ResolveDiscrepancy(*p.project, form, "K01", "overall", "11", "Chen"); }).find("out of range"), std::string::npos);
  EXPECT_TRUE(io::ResolveDiscrepancy(*p.project, form, "K01", "overall", "8", "Chen"));    // pass 2 was wrong
  EXPECT_TRUE(io::ResolveDiscrepancy(*p.project, form, "K02", "orders", "3", "Chen"));     // pass 2 was wrong
  EXPECT_EQ(p.Int("SELECT count(*) FROM response WHERE channel = 'mail' AND status = 'complete'"), 3);
  EXPECT_EQ(p.Int("SELECT count(*) FROM audit_log WHERE action = 'entry-resolve' AND actor = 'Chen'"), 2);
  EXPECT_EQ(p.Int("SELECT count(*) FROM mailing WHERE status = 'returned'"), 3);
  // K01's stored overall rating is the resolved 8 (variable 4 of used, service, channels_1, channels_2, overall…).
  std::map<std::string, std::vector<double>> stored;
  p.project->ForEachResponse(p.questionnaireId, [&](int64_t, const storage::ResponseRecord& r) { stored[r.respondentKey] = r.values; });
  EXPECT_EQ(stored["K01"][4], 8);
  EXPECT_EQ(stored["K02"][5], 3);
  EXPECT_TRUE(std::isnan(stored["K02"][1]));

  // Operators: Li keyed 15 fields in 90 s, Wang 15 in 75 s; each form has 7 variables, 3 forms
  // compared = 21 fields; Wang's 2 errors / 21 = 9.52 %, Li's 0.
  auto ops = io::OperatorStatistics(*p.project);
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].name, "Li");
  EXPECT_EQ(ops[0].fields, 15);
  EXPECT_DOUBLE_EQ(*ops[0].secondsPerField, 90.0 / 15.0);
  EXPECT_EQ(ops[0].comparedFields, 21);
  EXPECT_EQ(ops[0].errors, 0);
  EXPECT_DOUBLE_EQ(*ops[0].errorRate, 0.0);
  EXPECT_EQ(ops[1].name, "Wang");
  EXPECT_DOUBLE_EQ(*ops[1].secondsPerField, 75.0 / 15.0);
  EXPECT_EQ(ops[1].errors, 2);
  EXPECT_DOUBLE_EQ(*ops[1].errorRate, 2.0 / 21.0);
}

TEST(Cati, NextCaseTakesDueCallbacksFirstAndRespectsTheAttemptLimit) {
  SmallProject p(4);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 2, "");
  auto cases = io::cati::ListCases(*p.project, list);
  ASSERT_EQ(cases.size(), 4u);
  using io::cati::Disposition;
  const std::string morning = "2026-11-23T09:00:00Z";
  auto next = io::cati::NextCase(*p.project, list, morning);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->customerId, cases[0].customerId);  // never called: list order
  io::cati::RecordAttempt(*p.project, list, cases[0].customerId, "Zhou", Disposition::kNoAnswer, morning, std::nullopt, "");
  EXPECT_EQ(io::cati::NextCase(*p.project, list, morning)->customerId, cases[1].customerId);
  io::cati::RecordAttempt(*p.project, list, cases[1].customerId, "Zhou", Disposition::kAppointment, morning, "2026-11-24 10:00", "");
  EXPECT_NE(MessageText([&] { io::cati::RecordAttempt(*p.project, list, cases[2].customerId, "Zhou", Disposition::kAppointment, morning, std::nullopt, ""); })
                .find("needs the time"),
            std::string::npos);
  io::cati::RecordAttempt(*p.project, list, cases[2].customerId, "Zhou", Disposition::kRefusal, morning, std::nullopt, "");
  // The appointment is not due yet: the last never-called case, then the no-answer case.
  EXPECT_EQ(io::cati::NextCase(*p.project, list, morning)->customerId, cases[3].customerId);
  io::cati::RecordAttempt(*p.project, list, cases[3].customerId, "Zhou", Disposition::kBusy, morning, std::nullopt, "");
  EXPECT_EQ(io::cati::NextCase(*p.project, list, morning)->customerId, cases[0].customerId);
  // Next day, 10:30: the due appointment comes before everything else.
  EXPECT_EQ(io::cati::NextCase(*p.project, list, "2026-11-24T10:30:00Z")->customerId, cases[1].customerId);
  // The limit is 2 attempts: after a second no-answer case 0 is out; the refusal is final.
  io::cati::RecordAttempt(*p.project, list, cases[0].customerId, "Zhou", Disposition::kNoAnswer, morning, std::nullopt, "");
  io::cati::RecordAttempt(*p.project, list, cases[3].customerId, "Zhou", Disposition::kBusy, morning, std::nullopt, "");
  EXPECT_FALSE(io::cati::NextCase(*p.project, list, morning).has_value());
  EXPECT_EQ(io::cati::NextCase(*p.project, list, "2026-11-24T10:30:00Z")->customerId, cases[1].customerId);
}

TEST(Cati, InterruptedInterviewResumesWithNothingLost) {
  SmallProject p(2);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 6, "");
  const int64_t customer = io::cati::ListCases(*p.project, list)[0].customerId;
  int64_t responseId = 0;
  {
    auto iv = io::cati::Interview::Open(*p.project, list, customer, "Zhou");
    EXPECT_FALSE(iv->Resumed());
    responseId = iv->ResponseId();
    const auto& vars = iv->Sheet().Variables();
    ASSERT_TRUE(iv->Current());
    EXPECT_EQ(vars[*iv->Current()].name, "used");
    EXPECT_TRUE(iv->Answer("3").has_value());  // not a code
    EXPECT_FALSE(iv->Answer("1"));
    EXPECT_EQ(vars[*iv->Current()].name, "service");
    auto problem = iv->Answer("7");
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->English().find("out of range"), std::string::npos);
    EXPECT_FALSE(iv->Answer("4"));
    EXPECT_FALSE(iv->Answer("1"));  // channels_1
    EXPECT_EQ(vars[*iv->Current()].name, "channels_2");
    // The line drops: the interviewer records a partial interview with a callback.
    io::cati::RecordAttempt(*p.project, list, customer, "Zhou", io::cati::Disposition::kPartial, "2026-11-23T09:10:00Z", "2026-11-23 15:00", "");
  }  // the interview object is gone; only the project file remains
  // Everything given so far is in the file, status partial.
  auto stored = [&] {
    std::vector<double> v;
    p.project->ForEachResponse(p.questionnaireId, [&](int64_t id, const storage::ResponseRecord& r) { if (id == responseId) v = r.values; });
    return v;
  };
  EXPECT_EQ(p.Int("SELECT count(*) FROM response WHERE status = 'partial' AND channel = 'phone'"), 1);
  auto v = stored();
  EXPECT_EQ(v[0], 1);
  EXPECT_EQ(v[1], 4);
  EXPECT_EQ(v[2], 1);
  EXPECT_TRUE(std::isnan(v[3]));
  // The case comes back at 15:00 and resumes at channels_2.
  auto next = io::cati::NextCase(*p.project, list, "2026-11-23T15:01:00Z");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->customerId, customer);
  EXPECT_TRUE(next->interrupted);
  auto iv = io::cati::Interview::Open(*p.project, list, customer, "Qian");
  EXPECT_TRUE(iv->Resumed());
  EXPECT_EQ(iv->ResponseId(), responseId);
  const auto& vars = iv->Sheet().Variables();
  EXPECT_EQ(vars[*iv->Current()].name, "channels_2");
  EXPECT_EQ(iv->Sheet().Keyed(1), "4");
  EXPECT_FALSE(iv->Answer("0"));
  EXPECT_FALSE(iv->Answer("3"));  // overall 3: the comment will be asked
  EXPECT_EQ(vars[*iv->Current()].name, "orders");
  EXPECT_TRUE(iv->Answer("150").has_value());  // > 100 orders needs overall ≥ 5
  EXPECT_FALSE(iv->Answer("20"));
  EXPECT_EQ(vars[*iv->Current()].name, "comment");
  EXPECT_NE(MessageText([&] { iv->Complete("2026-11-23T15:05:00Z"); }).find("comment is still to ask"), std::string::npos);
  EXPECT_FALSE(iv->Answer("faster delivery"));
  EXPECT_FALSE(iv->Current());
  iv->Complete("2026-11-23T15:06:00Z");
  EXPECT_EQ(p.Int("SELECT count(*) FROM response WHERE status = 'complete' AND channel = 'phone'"), 1);
  EXPECT_EQ(p.Int("SELECT count(*) FROM response_text WHERE response_id = " + std::to_string(responseId)), 1);
  EXPECT_EQ(p.Int("SELECT count(*) FROM call_attempt WHERE disposition = 'complete'"), 1);
  EXPECT_EQ(p.Int("SELECT count(*) FROM cati_session WHERE finished_at IS NOT NULL"), 1);
  EXPECT_NE(MessageText([&] { io::cati::Interview::Open(*p.project, list, customer, "Qian"); }).find("complete already"), std::string::npos);
}

TEST(Cati, SkipLogicSkipsAndClearsAnswersThatNoLongerApply) {
  SmallProject p(1);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 6, "");
  auto iv = io::cati::Interview::Open(*p.project, list, io::cati::ListCases(*p.project, list)[0].customerId, "Zhou");
  const auto& vars = iv->Sheet().Variables();
  EXPECT_FALSE(iv->Answer("1"));
  EXPECT_FALSE(iv->Answer("5"));
  EXPECT_FALSE(iv->Answer("1"));
  EXPECT_FALSE(iv->Answer("1"));
  EXPECT_EQ(vars[*iv->Current()].name, "overall");
  // Back to the first question; the customer meant "no": service and channels no longer apply.
  EXPECT_TRUE(iv->Back());
  EXPECT_TRUE(iv->Back());
  EXPECT_TRUE(iv->Back());
  EXPECT_TRUE(iv->Back());
  EXPECT_EQ(vars[*iv->Current()].name, "used");
  EXPECT_FALSE(iv->Back());
  EXPECT_FALSE(iv->Answer("2"));
  EXPECT_EQ(vars[*iv->Current()].name, "overall");  // questions 2 and 3 skipped
  EXPECT_FALSE(iv->Sheet().Answered(1));
  EXPECT_EQ(p.Int("SELECT count(*) FROM audit_log WHERE action = 'cati-skip'"), 3);
  EXPECT_EQ(p.Int("SELECT count(*) FROM audit_log WHERE action = 'cati-change' AND old_value = '1' AND new_value = '2'"), 1);
  EXPECT_FALSE(iv->Answer("9"));
  EXPECT_EQ(vars[*iv->Current()].name, "orders");
  EXPECT_FALSE(iv->Answer(""));  // not required: no answer
  EXPECT_FALSE(iv->Current());   // overall 9: the comment is not asked
  iv->Complete("2026-11-23T10:00:00Z");
}

// Dispositions recorded through the fieldwork code, counted by report::FinalDispositions and
// turned into AAPOR rates (Standard Definitions, 10th ed. 2023). The table by hand:
//   phone: K01 complete (interview); K02 no-answer then complete; K03 partial; K04 refusal;
//          K05 no-answer then busy; K06 answering machine; K07 wrong number; K08 appointment;
//          K09 break-off; K10 ineligible
//   → I = 2, P = 1, R = 2 (refusal, break-off), NC = 1 (appointment), O = 0,
//     UH = 2 (busy, machine), UO = 0, NE = 2 (wrong number, ineligible)
//   e = (I+P+R+NC+O) / (I+P+R+NC+O+NE) = 6/8 = 0.75
//   RR1 = I/((I+P)+(R+NC+O)+(UH+UO)) = 2/8 = 0.25      RR2 = (I+P)/8 = 3/8 = 0.375
//   RR3 = I/((I+P)+(R+NC+O)+e(UH+UO)) = 2/7.5          RR4 = 3/7.5 = 0.4
//   RR5 = I/((I+P)+(R+NC+O)) = 2/6                     RR6 = 3/6 = 0.5
//   COOP1 = I/((I+P)+R+O) = 2/5 = 0.4   REF1 = R/8 = 0.25   CON1 = ((I+P)+R+O)/8 = 5/8
//   mail: K11 returned and keyed, K12 returned, K13 undeliverable, K14 no reply → I = 2, UO = 2:
//   RR1 = 2/4 = 0.5, RR3 = 2/(2 + e·2) with e = 1 (nothing known ineligible) = 0.5
TEST(Cati, DispositionsFeedAaporRatesAsComputedByHand) {
  SmallProject p(14);
  io::SamplePlanSpec spec;
  spec.strata = {"region"};
  spec.total = 14;
  auto plan = io::PlanSample(*p.project, spec);
  // Phone list: K01…K10; mail batch: K11…K14 (the plan's customers are cut by hand).
  auto only = [&](int from, int to) {
    io::SamplePlan q = plan;
    for (io::Stratum& s : q.strata) {
      std::vector<int64_t> keep;
      for (int64_t id : s.customers)
        if (id >= from && id <= to) keep.push_back(id);
      s.customers = keep;
      s.sample = keep.size();
    }
    return q;
  };
  const int64_t list = io::DrawCallList(*p.project, only(1, 10), 1, "2026-11-23", 6, "");
  io::DrawSample(*p.project, only(11, 14), 1, "2026-11-01", "");
  using D = io::cati::Disposition;
  auto call = [&](int customer, D d, const char* at, std::optional<std::string> callback = std::nullopt) {
    io::cati::RecordAttempt(*p.project, list, customer, "Zhou", d, at, callback, "");
  };
  auto interview = [&](int customer, const char* at) {
    auto iv = io::cati::Interview::Open(*p.project, list, customer, "Zhou");
    for (const char* a : {"2", "8", ""}) ASSERT_FALSE(iv->Answer(a));
    iv->Complete(at);
  };
  interview(1, "2026-11-23T09:00:00Z");
  call(2, D::kNoAnswer, "2026-11-23T09:00:00Z");
  interview(2, "2026-11-23T11:00:00Z");
  {
    auto iv = io::cati::Interview::Open(*p.project, list, 3, "Zhou");
    ASSERT_FALSE(iv->Answer("2"));
    call(3, D::kPartial, "2026-11-23T09:05:00Z");
  }
  call(4, D::kRefusal, "2026-11-23T09:10:00Z");
  call(5, D::kNoAnswer, "2026-11-23T09:15:00Z");
  call(5, D::kBusy, "2026-11-23T11:15:00Z");
  call(6, D::kAnsweringMachine, "2026-11-23T09:20:00Z");
  call(7, D::kWrongNumber, "2026-11-23T09:25:00Z");
  call(8, D::kAppointment, "2026-11-23T09:30:00Z", "2026-11-25 18:00");
  call(9, D::kBreakOff, "2026-11-23T09:35:00Z");
  call(10, D::kIneligible, "2026-11-23T09:40:00Z");
  io::RecordMailStatus(*p.project, {"K12"}, "returned", "2026-11-12", 0);
  io::RecordMailStatus(*p.project, {"K13"}, "undeliverable", "2026-11-06", 0);
  auto form = io::LoadEntryForm(*p.project, std::nullopt);
  auto keyed = p.Write("k.csv", "respondent_id,used,overall\nK11,2,7\n");
  io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, keyed), 1, "Li", "k.csv");
  io::StoreKeyedPass(*p.project, form, io::ReadKeyedFile(form.form, keyed), 2, "Wang", "k.csv");

  std::map<std::string, stats::DispositionCounts> by;
  for (const auto& [k, d] : report::FinalDispositions(*p.project, "channel")) by[k] = d;
  const stats::DispositionCounts& ph = by["phone"];
  EXPECT_EQ(ph.complete, 2);
  EXPECT_EQ(ph.partial, 1);
  EXPECT_EQ(ph.refusal, 2);
  EXPECT_EQ(ph.nonContact, 1);
  EXPECT_EQ(ph.other, 0);
  EXPECT_EQ(ph.unknownHousehold, 2);
  EXPECT_EQ(ph.unknownOther, 0);
  EXPECT_EQ(ph.notEligible, 2);
  const double e = stats::EstimatedEligibility(ph);
  EXPECT_DOUBLE_EQ(e, 0.75);
  auto r = stats::ComputeResponseRates(ph, e);
  EXPECT_DOUBLE_EQ(*r.rr1, 0.25);
  EXPECT_DOUBLE_EQ(*r.rr2, 0.375);
  EXPECT_DOUBLE_EQ(*r.rr3, 2 / 7.5);
  EXPECT_DOUBLE_EQ(*r.rr4, 0.4);
  EXPECT_DOUBLE_EQ(*r.rr5, 2.0 / 6.0);
  EXPECT_DOUBLE_EQ(*r.rr6, 0.5);
  EXPECT_DOUBLE_EQ(*r.coop1, 0.4);
  EXPECT_DOUBLE_EQ(*r.ref1, 0.25);
  EXPECT_DOUBLE_EQ(*r.con1, 5.0 / 8.0);
  const stats::DispositionCounts& ml = by["mail"];
  EXPECT_EQ(ml.complete, 2);
  EXPECT_EQ(ml.unknownOther, 2);
  auto m = stats::ComputeResponseRates(ml, stats::EstimatedEligibility(ml));
  EXPECT_DOUBLE_EQ(*m.rr1, 0.5);
  EXPECT_DOUBLE_EQ(*m.rr3, 0.5);
}

// Schema step 2 on a file written at step 1: the fieldwork tables appear, nothing is lost.
TEST(Schema, StepOneFileGainsTheFieldworkTables) {
  SmallProject p(2);
  io::DrawSample(*p.project, p.Everyone(), 1, "2026-11-01", "");
  const auto file = p.project->Path();
  {
    // Take the file back to what step 1 left: no step-2 tables, no call_attempt.list_id.
    storage::Connection& db = p.project->Db();
    db.Exec("INSERT INTO call_attempt(customer_id, called_at, disposition) VALUES (1, '2026-11-02T10:00:00Z', 'busy')");
    for (const char* t : {"cati_session", "call_list_member", "call_list", "entry_verified", "entry_discrepancy", "entry_value", "entry_pass"})
      db.Exec(std::string("DROP TABLE ") + t);
    db.Exec("ALTER TABLE call_attempt DROP COLUMN list_id");
    db.Exec("ALTER TABLE mail_batch DROP COLUMN form_lang");  // step 3 (field)
    db.Exec("DROP INDEX response_channel_status");         // step 4
    db.Exec("PRAGMA user_version = 1");
  }
  p.project.reset();
  auto reopened = storage::Project::Open(file).TakeOrThrow();
  EXPECT_EQ(reopened->Db().QueryInt("PRAGMA user_version"), storage::SchemaVersion());
  EXPECT_EQ(reopened->Db().QueryInt("SELECT count(*) FROM mailing"), 2);
  EXPECT_EQ(reopened->Db().QueryInt("SELECT count(*) FROM call_attempt WHERE disposition = 'busy' AND list_id IS NULL"), 1);
  EXPECT_EQ(reopened->Db().QueryInt("SELECT count(*) FROM entry_pass"), 0);
  EXPECT_EQ(reopened->Db().QueryInt("SELECT count(*) FROM cati_session"), 0);
  EXPECT_EQ(reopened->Db().QueryInt("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'response_channel_status'"), 1);
}

// The discrepancy list names the page of the printed form: items start on non-decreasing pages
// from 1 up to the copy's last page (the certification survey prints on several pages).
TEST(KeyedEntry, ItemPagesFollowThePrintedForm) {
  auto form = io::ReadFormFile(test::SourceDir() / "forms/certification-customer.json").TakeOrThrow();
  for (const char* lang : {"zh", "en"}) {
    auto pages = io::PaperFormItemPages(form, lang);
    const int copy = io::PaperFormPagesPerCopy(form, lang);
    ASSERT_GE(copy, 2) << lang;
    int last = 1, numbered = 0;
    for (const Section& s : form.sections)
      for (const Item& item : s.items) {
        if (item.role == ItemRole::kRespondentId) continue;
        auto it = pages.find(item.id);
        ASSERT_NE(it, pages.end()) << item.id;
        EXPECT_GE(it->second, last) << item.id;
        last = it->second;
        ++numbered;
      }
    EXPECT_EQ(pages.begin() != pages.end(), numbered > 0);
    EXPECT_GE(last, 2) << lang;
    EXPECT_LE(last, copy) << lang;
  }
}

// ---------------------------------------------------------------------------------------------
// Case claims: two interviewers' screens on one project file never get the same case.

TEST(CatiClaims, TwoConnectionsNeverGetTheSameCaseAndSeeWhoHoldsIt) {
  SmallProject p(3);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 6, "");
  const auto file = p.project->Path();
  auto second = storage::Project::Open(file).TakeOrThrow();  // another window on the same file
  const std::string zhou = io::cati::NewClaimToken(), qian = io::cati::NewClaimToken();
  ASSERT_NE(zhou, qian);
  const std::string nine = "2026-11-23T09:00:00Z";
  auto a = io::cati::ClaimNextCase(*p.project, list, nine, zhou, "Zhou");
  auto b = io::cati::ClaimNextCase(*second, list, nine, qian, "Qian");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->customerId, b->customerId);
  // Qian's screen sees who holds Zhou's case, cannot interview it, and the read-only choice
  // (manyi-cli calls --next) passes over it.
  auto cases = io::cati::ListCases(*second, list, nine);
  ASSERT_EQ(cases.size(), 3u);
  EXPECT_EQ(cases[0].customerId, a->customerId);
  EXPECT_EQ(cases[0].heldBy, "Zhou");
  EXPECT_EQ(cases[0].heldSince, "2026-11-23 09:00");
  EXPECT_EQ(cases[1].heldBy, "Qian");
  EXPECT_TRUE(cases[2].heldBy.empty());
  const std::string refused = MessageText([&] { io::cati::Interview::Open(*second, list, a->customerId, "Qian", qian, nine); });
  EXPECT_NE(refused.find("is being called by Zhou (since 2026-11-23 09:00)"), std::string::npos) << refused;
  EXPECT_EQ(io::cati::NextCase(*second, list, nine)->customerId, cases[2].customerId);
  // Taking the next case releases the screen's previous one.
  auto b2 = io::cati::ClaimNextCase(*second, list, nine, qian, "Qian");
  ASSERT_TRUE(b2);
  EXPECT_EQ(b2->customerId, b->customerId);  // its own claim does not hide the case from itself
  // Recording the call frees the case; a stale claim lapses after kClaimTimeoutMinutes.
  io::cati::RecordAttempt(*p.project, list, a->customerId, "Zhou", io::cati::Disposition::kNoAnswer, nine, std::nullopt, "", zhou);
  EXPECT_TRUE(io::cati::ListCases(*second, list, nine)[0].heldBy.empty());
  io::cati::ClaimCase(*p.project, list, cases[2].customerId, nine, zhou, "Zhou");
  EXPECT_NE(MessageText([&] { io::cati::ClaimCase(*second, list, cases[2].customerId, "2026-11-23T09:29:59Z", qian, "Qian"); }).find("Zhou"),
            std::string::npos);
  io::cati::ClaimCase(*second, list, cases[2].customerId, "2026-11-23T09:30:01Z", qian, "Qian");  // 30 min later: lapsed
  EXPECT_EQ(io::cati::ListCases(*p.project, list, "2026-11-23T09:30:01Z")[2].heldBy, "Qian");
  // Closing a screen releases everything it holds.
  io::cati::ReleaseClaims(*second, qian);
  EXPECT_EQ(p.Int("SELECT count(*) FROM call_list_member WHERE claim_token IS NOT NULL"), 0);
}

// Two processes take cases from one call list as fast as they can, each recording a final
// disposition: with atomic claims every case is called exactly once.
TEST(CatiClaims, TwoProcessesCallEveryCaseExactlyOnce) {
  SmallProject p(40);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 6, "");
  const auto file = p.project->Path();
  p.project.reset();  // no SQLite connection crosses the fork
  auto work = [&](const char* name) {
    auto project = storage::Project::Open(file).TakeOrThrow();
    const std::string token = io::cati::NewClaimToken();
    int taken = 0;
    while (auto c = io::cati::ClaimNextCase(*project, list, "2026-11-23T09:00:00Z", token, name)) {
      io::cati::RecordAttempt(*project, list, c->customerId, name, io::cati::Disposition::kRefusal, "2026-11-23T09:00:00Z", std::nullopt, "", token);
      ++taken;
    }
    return taken;
  };
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    int code = 0;
    try {
      code = work("Qian") > 0 ? 0 : 3;
    } catch (...) {
      code = 2;
    }
    _exit(code);
  }
  int mine = 0;
  EXPECT_NO_THROW(mine = work("Zhou"));
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_NE(WEXITSTATUS(status), 2) << "the second process failed";
  p.project = storage::Project::Open(file).TakeOrThrow();
  EXPECT_EQ(p.Int("SELECT count(*) FROM call_attempt"), 40);
  EXPECT_EQ(p.Int("SELECT count(*) FROM (SELECT customer_id FROM call_attempt GROUP BY customer_id HAVING count(*) > 1)"), 0);
  EXPECT_EQ(p.Int("SELECT count(DISTINCT customer_id) FROM call_attempt"), 40);
  EXPECT_EQ(p.Int("SELECT count(*) FROM call_attempt a JOIN operator o ON o.id = a.operator_id WHERE o.name = 'Zhou'"), mine);
  EXPECT_EQ(p.Int("SELECT count(*) FROM call_list_member WHERE claim_token IS NOT NULL"), 0);
}

// The discrepancy list's page is the page of the form as printed for the respondent: the ACSI
// form puts expe2 on page 1 in Chinese and page 2 in English (PaperFormItemPages), so a
// respondent mailed an English form is sent to page 2, one mailed a Chinese form to page 1, and a
// respondent of no recorded batch to the page of the questionnaire's first language (zh).
TEST(KeyedEntry, DiscrepancyPagesFollowTheBatchsPrintLanguage) {
  test::TempDir dir;
  auto project = storage::Project::Create(dir / "acsi.manyi", "acsi").TakeOrThrow();
  auto form = io::ReadFormFile(test::SourceDir() / "forms/acsi-ecsi-ccsi.json").TakeOrThrow();
  ASSERT_EQ(io::PaperFormItemPages(form, "zh").at("expe2"), 1);
  ASSERT_EQ(io::PaperFormItemPages(form, "en").at("expe2"), 2);
  int64_t qid = 0;
  {
    storage::Transaction tx(project->Db());
    qid = io::StoreQuestionnaire(*project, form);
    for (const char* id : {"1001", "1002"}) {
      storage::Customer c;
      c.externalId = id;
      c.region = std::string(id) == "1001" ? "A" : "B";
      project->AddCustomer(c);
    }
    tx.Commit();
  }
  io::SamplePlanSpec spec;
  spec.strata = {"region"};
  spec.fraction = 1.0;
  io::SamplePlan plan = io::PlanSample(*project, spec);
  io::SamplePlan onlyA = plan, onlyB = plan;
  onlyA.strata[1].sample = 0;
  onlyB.strata[0].sample = 0;
  io::DrawSample(*project, onlyA, 1, "2026-11-01", "", {qid, "en"});
  io::DrawSample(*project, onlyB, 1, "2026-11-01", "", {qid, "zh"});
  EXPECT_NE(MessageText([&] { io::DrawSample(*project, plan, 1, "2026-11-01", "", {qid, "fr"}); }).find("cannot be printed in \"fr\""),
            std::string::npos);
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM mail_batch"), 2);
  {
    storage::Transaction tx(project->Db());
    const int64_t li = project->OperatorId("Li"), wang = project->OperatorId("Wang");
    for (const char* key : {"1001", "1002", "9999"}) {
      for (int pass : {1, 2}) {
        storage::Statement ins(project->Db(), "INSERT INTO entry_pass(questionnaire_id, respondent_key, pass, operator_id, source, keyed_at) "
                                              "VALUES (?1, ?2, ?3, ?4, 'screen', '2026-11-10T10:00:00Z')");
        ins.Bind(1, qid).Bind(2, key).Bind(3, pass).Bind(4, pass == 1 ? li : wang).Run();
      }
      storage::Statement d(project->Db(), "INSERT INTO entry_discrepancy(questionnaire_id, respondent_key, variable, value1, value2) "
                                          "VALUES (?1, ?2, 'expe2', '7', '8')");
      d.Bind(1, qid).Bind(2, key).Run();
    }
    tx.Commit();
  }
  auto list = io::ListDiscrepancies(*project, io::LoadEntryForm(*project, qid), false);
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0].respondentKey, "1001");
  EXPECT_EQ(list[0].page, 2);
  EXPECT_EQ(list[1].respondentKey, "1002");
  EXPECT_EQ(list[1].page, 1);
  EXPECT_EQ(list[2].respondentKey, "9999");
  EXPECT_EQ(list[2].page, 1);

  // Fieldwork > Print Paper Forms: each batch prints in the language it was drawn for, one copy
  // per mailed customer, so the pages are the ones the discrepancy list points at.
  const int64_t english = project->Db().QueryInt("SELECT min(id) FROM mail_batch");
  const int64_t chinese = project->Db().QueryInt("SELECT max(id) FROM mail_batch");
  const io::PrintedBatch en = io::PrintMailBatch(*project, english, dir / "en.pdf");
  EXPECT_EQ(en.lang, "en");
  EXPECT_EQ(en.copies, 1u);
  EXPECT_EQ(en.pages, io::PaperFormPagesPerCopy(form, "en"));
  const io::PrintedBatch zh = io::PrintMailBatch(*project, chinese, dir / "zh.pdf");
  EXPECT_EQ(zh.lang, "zh");
  EXPECT_EQ(zh.pages, io::PaperFormPagesPerCopy(form, "zh"));
  std::ifstream pdf(dir / "zh.pdf", std::ios::binary);
  std::string magic(5, '\0');
  pdf.read(magic.data(), 5);
  EXPECT_EQ(magic, "%PDF-");
  EXPECT_NE(MessageText([&] { io::PrintMailBatch(*project, chinese + 7, dir / "x.pdf"); }).find("There is no mailing batch"),
            std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "x.pdf"));
}

// A screen whose claim lapsed while the case was taken by another screen cannot write into the
// interview any more: the answer is refused and nothing of it is stored.
TEST(CatiClaims, AnAnswerAfterTheClaimWasTakenOverIsRefused) {
  SmallProject p(2);
  const int64_t list = io::DrawCallList(*p.project, p.Everyone(), 3, "2026-11-23", 6, "");
  const int64_t customer = io::cati::ListCases(*p.project, list)[0].customerId;
  const std::string hourAgo = p.project->Db().QueryText("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 minutes')");
  const std::string now = p.project->Db().QueryText("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  const std::string zhou = io::cati::NewClaimToken(), qian = io::cati::NewClaimToken();
  auto iv = io::cati::Interview::Open(*p.project, list, customer, "Zhou", zhou, hourAgo);
  // An hour without activity: Zhou's claim has lapsed and Qian takes the case.
  io::cati::ClaimCase(*p.project, list, customer, now, qian, "Qian");
  const std::string refused = MessageText([&] { iv->Answer("1"); });
  EXPECT_NE(refused.find("is being called by Qian"), std::string::npos) << refused;
  EXPECT_EQ(p.Int("SELECT count(*) FROM audit_log"), 0);
  std::vector<double> values;
  p.project->ForEachResponse(p.questionnaireId, [&](int64_t, const storage::ResponseRecord& r) { values = r.values; });
  ASSERT_FALSE(values.empty());
  EXPECT_TRUE(std::isnan(values[0]));  // the refused answer is not in the file
  EXPECT_EQ(io::cati::ListCases(*p.project, list, now)[0].heldBy, "Qian");
}

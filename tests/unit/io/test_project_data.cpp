// Loading analysis data from a project opened for reading (storage::Project::OpenForReading and
// io::LoadProjectData): only the named columns, the file left untouched, and a damaged page met
// while reading reported as a UserError naming the file instead of an internal error or a crash.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <fstream>

#include "core/error.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "io/weight_scheme.h"
#include "storage/project.h"
#include "../storage/test_helpers.h"
#include "support/damaged_page.h"

namespace manyi::io {
namespace {

namespace fs = std::filesystem;

using test::ReadBytes;
using test::WriteBytes;

const char* kForm = R"({"format": "manyi-questionnaire", "format_version": 1, "id": "t", "version": 1,
  "title": {"zh": "测试", "en": "Test"}, "languages": ["zh", "en"],
  "sections": [{"id": "main", "title": {"zh": "问卷", "en": "Questionnaire"}, "items": [
    {"id": "region", "type": "single", "text": {"zh": "地区", "en": "Region"}, "codes": [
      {"code": 1, "label": {"zh": "青岛", "en": "Qingdao"}}, {"code": 2, "label": {"zh": "济南", "en": "Jinan"}}]},
    {"id": "q1", "type": "rating", "text": {"zh": "一", "en": "One"}, "scale": {"min": 1, "max": 10,
      "missing": [{"code": 99, "label": {"zh": "不知道", "en": "don't know"}}]}},
    {"id": "q2", "type": "rating", "text": {"zh": "二", "en": "Two"}, "scale": {"min": 1, "max": 10}}]}]})";

/// A closed project of n responses: region alternates, q1 = i % 10 + 1 (99 "don't know" every
/// 13th), q2 = 11 − q1; a post-stratification scheme "ps" to region is stored and active.
fs::path MakeProject(const fs::path& dir, int n) {
  const fs::path file = dir / "p.manyi";
  auto project = storage::Project::Create(file, "t").TakeOrThrow();
  {
    storage::Transaction tx(project->Db());
    const int64_t qid = StoreQuestionnaire(*project, ParseFormJson(kForm, "t").TakeOrThrow());
    for (int i = 0; i < n; ++i) {
      storage::ResponseRecord r;
      r.questionnaireId = qid;
      r.channel = i % 3 ? Channel::kOnline : Channel::kMail;
      const double q1 = i % 10 + 1;
      r.values = {double(i % 2 + 1), i % 13 == 0 ? 99.0 : q1, 11.0 - q1};
      project->AddResponse(r);
    }
    tx.Commit();
  }
  std::ofstream(dir / "targets.csv") << "region,count\nQingdao,600\nJinan,400\n";
  WeightSpec spec;
  spec.method = WeightMethod::kPostStratify;
  spec.variables = {"region"};
  spec.targetFiles = {dir / "targets.csv"};
  CreateWeightScheme(*project, "ps", spec);
  ActivateWeightScheme(*project, "ps");
  return file;
}

TEST(ProjectData, OnlyTheNamedColumnsAreLoadedWithTheSameValuesAndWeights) {
  test::TempDir tmp;
  const fs::path& dir = tmp.Path();
  const fs::path file = MakeProject(dir, 500);
  auto full = storage::Project::Open(file).TakeOrThrow();
  const Dataset all = LoadProjectData(*full, 0, "en", "ps");
  full.reset();
  const std::string before = ReadBytes(file);

  auto reading = storage::Project::OpenForReading(file).TakeOrThrow();
  const std::set<std::string> only = {"q1", "region", "Title of the analysis"};
  const Dataset some = LoadProjectData(*reading, 0, "en", "ps", /*fingerprint=*/false, &only);
  ASSERT_EQ(some.rows, 500u);
  ASSERT_EQ(some.columns.size(), 2u);
  EXPECT_EQ(some.columns[0].name, "region");
  EXPECT_EQ(some.columns[1].name, "q1");
  EXPECT_EQ(some.Find("q2"), nullptr);
  EXPECT_EQ(some.notLoaded, (std::vector<std::string>{"q2", "channel", "wave"}));
  for (const char* name : {"region", "q1"}) {
    const DataColumn& a = *all.Find(name);
    const DataColumn& b = *some.Find(name);
    ASSERT_EQ(a.values.size(), b.values.size());
    for (size_t i = 0; i < a.values.size(); ++i)
      if (std::isnan(a.values[i])) EXPECT_TRUE(std::isnan(b.values[i])) << name << " row " << i;
      else EXPECT_EQ(a.values[i], b.values[i]) << name << " row " << i;
    EXPECT_EQ(a.userMissing, b.userMissing);
    EXPECT_EQ(a.valueLabels, b.valueLabels);
  }
  // 99 is q1's "don't know" code: rows 0, 13, …, 494 — 39 of them.
  EXPECT_EQ(some.Find("q1")->userMissing, 39u);
  // Post-stratified to 600 / 400 from 250 / 250 responses: weights 2.4 and 1.6.
  ASSERT_EQ(some.weights, all.weights);
  EXPECT_DOUBLE_EQ(some.weights[0], 2.4);
  EXPECT_DOUBLE_EQ(some.weights[1], 1.6);
  reading.reset();
  EXPECT_EQ(ReadBytes(file), before) << "a read-only open changed the project file";
}

TEST(ProjectData, ADamagedResponsePageMetWhileLoadingIsAClearError) {
  test::TempDir tmp;
  const fs::path& dir = tmp.Path();
  const fs::path file = MakeProject(dir, 3000);
  test::DamageLastResponsePage(file);
  const std::string bytes = ReadBytes(file);

  // The open checks the header and schema only, so it succeeds; the damage is met while loading.
  auto project = storage::Project::OpenForReading(file);
  ASSERT_TRUE(project.Ok()) << project.GetError().English();
  std::string message;
  try {
    LoadProjectData(*project.Value(), 0, "en", "ps", false);
    ADD_FAILURE() << "the damaged page was not noticed";
  } catch (const UserError& e) {
    message = e.GetMessage().English();
  }
  EXPECT_NE(message.find("is damaged"), std::string::npos) << message;
  EXPECT_NE(message.find(file.string()), std::string::npos) << message;
  EXPECT_NE(message.find("manyi-cli check"), std::string::npos) << message;
  project.Value().reset();
  EXPECT_EQ(ReadBytes(file), bytes) << "reading the damaged file changed it";
  // The writing open checks every page and refuses the file before anything reads it.
  auto refused = storage::Project::Open(file);
  ASSERT_FALSE(refused.Ok());
  EXPECT_NE(refused.GetError().English().find("is damaged"), std::string::npos) << refused.GetError().English();
  // Asked to leave the check to the caller (the main window), it opens, and CheckPages run beside
  // it finds the damage with the same message; a stopped check says nothing.
  {
    auto opened = storage::Project::Open(file, storage::PageCheck::kLater);
    ASSERT_TRUE(opened.Ok()) << opened.GetError().English();
    std::atomic<bool> stop{false};
    const std::optional<Message> problem = storage::CheckPages(file, stop);
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->English(), refused.GetError().English());
    stop = true;
    EXPECT_FALSE(storage::CheckPages(file, stop).has_value());
  }
  EXPECT_EQ(ReadBytes(file), bytes) << "opening and checking the damaged file changed it";
}

TEST(ProjectData, CheckPagesPassesASoundProject) {
  test::TempDir tmp;
  const fs::path file = MakeProject(tmp.Path(), 3000);
  auto opened = storage::Project::Open(file, storage::PageCheck::kLater);
  ASSERT_TRUE(opened.Ok());
  std::atomic<bool> stop{false};
  const std::optional<Message> problem = storage::CheckPages(file, stop);
  EXPECT_FALSE(problem.has_value()) << problem->English();
}

TEST(ProjectData, ReadOnlyOpenRefusesWhatOpenRefuses) {
  test::TempDir tmp;
  const fs::path& dir = tmp.Path();
  WriteBytes(dir / "text.manyi", "region,count\nQingdao,600\n");
  auto text = storage::Project::OpenForReading(dir / "text.manyi");
  ASSERT_FALSE(text.Ok());
  EXPECT_NE(text.GetError().English().find("not an SQLite database"), std::string::npos);
  EXPECT_FALSE(storage::Project::OpenForReading(dir / "missing.manyi").Ok());
  {
    storage::Connection db(dir / "other.db", storage::OpenMode::kCreate);
    db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
  }
  auto other = storage::Project::OpenForReading(dir / "other.db");
  ASSERT_FALSE(other.Ok());
  EXPECT_NE(other.GetError().English().find("not a Manyi project"), std::string::npos);
  // Cut short: the header's page count says more than the file holds.
  const fs::path file = MakeProject(dir, 200);
  const std::string bytes = ReadBytes(file);
  WriteBytes(dir / "cut.manyi", bytes.substr(0, bytes.size() / 2));
  auto cut = storage::Project::OpenForReading(dir / "cut.manyi");
  ASSERT_FALSE(cut.Ok());
  EXPECT_NE(cut.GetError().English().find("truncated"), std::string::npos);
}

}  // namespace
}  // namespace manyi::io

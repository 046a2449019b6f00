// Tests that the bundled demo data builds a complete project with the right values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "core/error.h"
#include "io/demo_project.h"
#include "storage/project.h"
#include "../storage/test_helpers.h"
#include "test_paths.h"

namespace fs = std::filesystem;
using namespace manyi;

namespace {
fs::path DemoData() { return test::SourceDir() / "data" / "demo"; }
}  // namespace

TEST(DemoProject, BuildsEveryRowOfTheBundledData) {
  test::TempDir dir;
  fs::path file = io::BuildDemoProject(DemoData(), dir.Path());
  EXPECT_EQ(file, dir / "demo.manyi");
  EXPECT_FALSE(fs::exists(dir / "demo.manyi.building"));
  auto project = storage::Project::Open(file).TakeOrThrow();
  storage::ProjectFacts f = project->Facts();
  // Counts of data/demo/*.csv (records after the header, counted with Python's csv module).
  EXPECT_EQ(f.customers, 1223);
  EXPECT_EQ(f.responses, 1483);
  EXPECT_EQ(f.waves, 2);
  EXPECT_EQ(f.questionnaires, 1);
  int64_t byChannel = 0;
  for (auto [c, n] : f.responsesByChannel) byChannel += n;
  EXPECT_EQ(byChannel, 1483);
  // The first response: R00001,C1002,2006,mail,录入员李,2006-10-19,青岛,I,8,6,… overall 7, recommend 7.
  std::vector<std::string> vars = project->Variables(1);
  bool checked = false;
  project->ForEachResponse(1, [&](int64_t id, const storage::ResponseRecord& r) {
    if (r.respondentKey != "R00001") return;
    checked = true;
    EXPECT_EQ(r.channel, Channel::kMail);
    EXPECT_EQ(r.submittedAt, "2006-10-19");
    EXPECT_EQ(r.values[0], 1);  // 青岛 is code 1 of the region list
    EXPECT_EQ(r.values[1], 9);  // industry I is code 9
    EXPECT_EQ(r.values[2], 8);  // imp1
    EXPECT_EQ(r.values[3], 6);  // sat1
    auto overall = std::find(vars.begin(), vars.end(), "overall") - vars.begin();
    EXPECT_EQ(r.values[size_t(overall)], 7);
    EXPECT_EQ(r.values[size_t(overall) + 1], 7);
  });
  EXPECT_TRUE(checked);
  EXPECT_EQ(project->Db().QueryInt("SELECT count(*) FROM customer_contact WHERE email LIKE '%@example.com'"), 1223);
  EXPECT_TRUE(storage::CheckProjectFile(file).Ok());
}

TEST(DemoProject, RebuildingReplacesTheEarlierDemo) {
  test::TempDir dir;
  io::BuildDemoProject(DemoData(), dir.Path());
  fs::path again = io::BuildDemoProject(DemoData(), dir.Path());
  auto project = storage::Project::Open(again).TakeOrThrow();
  EXPECT_EQ(project->Facts().responses, 1483);
}

TEST(DemoProject, BadValueNamesFileRowAndColumnAndLeavesNothing) {
  test::TempDir dir;
  fs::create_directories(dir / "data");
  fs::copy(DemoData() / "questionnaire.json", dir / "data" / "questionnaire.json");
  fs::copy(DemoData() / "customers.csv", dir / "data" / "customers.csv");
  std::string responses = test::ReadBytes(DemoData() / "responses.csv");
  // Row 3 of the file (the second response): make sat1 (the 10th column) out of range.
  size_t line2 = responses.find('\n', responses.find('\n') + 1) + 1;
  size_t col = line2;
  for (int i = 0; i < 9; ++i) col = responses.find(',', col) + 1;
  responses.replace(col, responses.find(',', col) - col, "12");
  test::WriteBytes(dir / "data" / "responses.csv", responses);
  try {
    io::BuildDemoProject(dir / "data", dir / "out");
    FAIL() << "an out-of-range answer was accepted";
  } catch (const UserError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("row 3"), std::string::npos) << what;
    EXPECT_NE(what.find("column sat1"), std::string::npos) << what;
    EXPECT_NE(what.find("\"12\""), std::string::npos) << what;
  }
  EXPECT_FALSE(fs::exists(dir / "out" / "demo.manyi"));
}

// report::RunReport, the one run behind `manyi-cli report` and the report dialog: a written
// report has exactly one report_history row (template, language, absolute output, the data's
// fingerprint as io::LoadProjectData computes it, the time); a cancelled or failed run leaves no
// file, no partial file and no row.
#include <gtest/gtest.h>

#include <atomic>

#include "../storage/test_helpers.h"
#include "core/error.h"
#include "io/dataset.h"
#include "io/demo_project.h"
#include "report/report_run.h"
#include "report/report_template.h"
#include "storage/sqlite.h"
#include "test_paths.h"

using namespace manyi;

namespace {

namespace fs = std::filesystem;

class ReportRunTest : public testing::Test {
 protected:
  void SetUp() override {
    const fs::path file = io::BuildDemoProject(test::SourceDir() / "data" / "demo", m_dir.Path());
    m_project = storage::Project::Open(file).TakeOrThrow();
  }
  int64_t HistoryRows() { return m_project->Db().QueryInt("SELECT count(*) FROM report_history"); }
  report::ReportOutcome Run(const std::string& tmpl, report::ReportRequest request, const report::ReportProgress& progress = {}) {
    return report::RunReport(report::LoadReportTemplate(tmpl), request, *m_project, "en", [](const std::string&) {}, progress);
  }

  test::TempDir m_dir;
  std::unique_ptr<storage::Project> m_project;
};

TEST_F(ReportRunTest, AWrittenReportHasItsHistoryRow) {
  report::ReportRequest request;
  request.language = "both";
  request.output = m_dir / "review.xlsx";
  Run("management-review", request);
  ASSERT_TRUE(fs::exists(request.output));
  storage::Statement row(m_project->Db(), "SELECT template, language, output, fingerprint, created_at FROM report_history");
  ASSERT_TRUE(row.Step());
  EXPECT_EQ(row.Text(0), "management-review");
  EXPECT_EQ(row.Text(1), "both");
  EXPECT_EQ(row.Text(2), fs::absolute(request.output).lexically_normal().string());
  // The fingerprint of the data read, computed here by the loader (unweighted, as requested).
  EXPECT_EQ(row.Text(3), io::LoadProjectData(*m_project, 0, "zh", "").fingerprint);
  EXPECT_EQ(row.Text(3).size(), 64u) << "SHA-256 in hex";
  EXPECT_FALSE(row.Text(4).empty());
  EXPECT_FALSE(row.Step());

  // A relative output is stored absolute: "Open" must find it from anywhere later.
  const fs::path before = fs::current_path();
  fs::current_path(m_dir.Path());
  request.language = "zh";
  request.output = "relative.xlsx";
  Run("regional-comparison", request);
  fs::current_path(before);
  EXPECT_EQ(HistoryRows(), 2);
  EXPECT_EQ(m_project->Db().QueryText("SELECT output FROM report_history WHERE template = 'regional-comparison'"),
            (m_dir / "relative.xlsx").lexically_normal().string());
}

TEST_F(ReportRunTest, CancelledAtAnyStepWritesNothing) {
  // Every step at which a user could press Cancel: while computing, and while writing the sheets.
  int steps = 0;
  {
    report::ReportRequest probe;
    probe.language = "en";
    probe.output = m_dir / "probe.xlsx";
    Run("management-review", probe, [&](int, int n, const Message&) { steps = n; });
    m_project->Db().Exec("DELETE FROM report_history");
  }
  ASSERT_GT(steps, 4);
  for (int at = 0; at < steps; ++at) {
    SCOPED_TRACE(at);
    std::atomic<bool> cancel{false};
    report::ReportRequest request;
    request.language = "en";
    request.output = m_dir / ("cancelled-" + std::to_string(at) + ".xlsx");
    request.cancel = &cancel;
    EXPECT_THROW(Run("management-review", request, [&](int step, int, const Message&) { if (step == at) cancel = true; }),
                 report::ReportCancelled);
    EXPECT_FALSE(fs::exists(request.output));
    EXPECT_FALSE(fs::exists(request.output.string() + ".part"));
    EXPECT_EQ(HistoryRows(), 0);
  }
}

TEST_F(ReportRunTest, AFailedReportRecordsNothing) {
  report::ReportRequest request;
  request.language = "en";
  request.output = m_dir / "client.xlsx";
  EXPECT_THROW(Run("client-report", request), UserError) << "the client report needs the client's name";
  EXPECT_FALSE(fs::exists(request.output));
  EXPECT_EQ(HistoryRows(), 0);
}

}  // namespace

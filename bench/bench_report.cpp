// manyi-bench-report: times the Excel reports over N responses (default 1,000,000).
//
// The report templates name the demo questionnaire's variables (sat1…sat8, imp1…imp8, overall,
// recommend, region, industry), so the responses are the bundled demo project's 1,632 real-looking
// answers repeated until there are N (each copy under its own respondent key); the mail batches and
// call attempts of the frame stay as they are, so the response-rate sections have work to do.
//
// For each template it prints the analysis time (BuildReport: loading the data and running every
// analysis) and the writing time (WriteReportWorkbook) apart; the target is writing < 1 s. Then the
// optional data sheet (one row per response, constant_memory) is written alone, and in the same run
// a plain libxlsxwriter constant_memory loop writes the same cells (the anchor); target ≤ 1.1 ×.
// Figures only: it never fails on time.
//
// usage: manyi-bench-report SOURCE_DIR WORK_DIR [N]
#include <sys/resource.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <chrono>
#include <clocale>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <locale.h>
#include <string>
#include <vector>

#include "core/error.h"
#include "io/demo_project.h"
#include "report/report_template.h"
#include "report/xlsx_writer.h"
#include "storage/project.h"

namespace {

namespace fs = std::filesystem;
namespace report = manyi::report;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

/// CPU seconds of this process (user + system): steadier than wall time when other work shares
/// the machine.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

/// Wall and CPU seconds of one run of f.
struct Timing {
  double wall = 1e300, cpu = 1e300;
  template <class F>
  void Keep(F&& f) {  // the faster of the runs counts
    const auto w = Clock::now();
    const double c = CpuSeconds();
    f();
    wall = std::min(wall, Seconds(w));
    cpu = std::min(cpu, CpuSeconds() - c);
  }
};

/// Repeats the demo responses until the project holds n of them.
void GrowTo(manyi::storage::Project& project, long long n) {
  auto& db = project.Db();
  const long long have = db.QueryInt("SELECT count(*) FROM response");
  if (have >= n) return;
  manyi::storage::Transaction tx(db);
  const long long copies = (n - have + have - 1) / have;
  db.Exec("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < " + std::to_string(copies) + ") "
          "INSERT INTO response(questionnaire_id, wave_id, customer_id, respondent_key, channel, operator_id, import_id, status, submitted_at, answers) "
          "SELECT questionnaire_id, wave_id, customer_id, respondent_key || '#' || i, channel, operator_id, import_id, status, submitted_at, answers "
          "FROM k, response WHERE response.id <= " + std::to_string(have) + " LIMIT " + std::to_string(n - have));
  tx.Commit();
}

/// The anchor: the data sheet's cells (a header row of names, one of labels, then "#" and every
/// non-missing value per response) written by a plain libxlsxwriter loop in constant_memory mode.
void PlainLibxlsxwriter(const report::Section& data, const fs::path& file) {
  const manyi::io::Dataset& d = *data.data;
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::string tmp = fs::temp_directory_path().string();
  options.tmpdir = tmp.data();
  lxw_workbook* wb = workbook_new_opt(file.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  lxw_row_t r = 0;
  worksheet_write_string(ws, r, 0, "#", nullptr);
  for (size_t c = 0; c < d.columns.size(); ++c) worksheet_write_string(ws, r, lxw_col_t(c + 1), d.columns[c].name.c_str(), nullptr);
  ++r;
  for (size_t c = 0; c < d.columns.size(); ++c) worksheet_write_string(ws, r, lxw_col_t(c + 1), d.columns[c].label.c_str(), nullptr);
  ++r;
  for (size_t i = 0; i < d.rows; ++i, ++r) {
    worksheet_write_number(ws, r, 0, double(i + 1), nullptr);
    for (size_t c = 0; c < d.columns.size(); ++c) {
      const double v = d.columns[c].values[i];
      if (!std::isnan(v)) worksheet_write_number(ws, r, lxw_col_t(c + 1), v, nullptr);
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) throw std::runtime_error("anchor: cannot write " + file.string());
}

int Run(const fs::path& source, const fs::path& work, long long n) {
  fs::create_directories(work);
  const auto t0 = Clock::now();
  const fs::path projectFile = manyi::io::BuildDemoProject(source / "data" / "demo", work);
  auto project = manyi::storage::Project::Open(projectFile).TakeOrThrow();
  GrowTo(*project, n);
  n = project->Db().QueryInt("SELECT count(*) FROM response");
  std::printf("project: %lld responses (the demo's, repeated) made in %.1f s\n\n", n, Seconds(t0));

  report::ReportInputs inputs;
  inputs.client = "Benchmark client";
  inputs.created = 1767225600;  // 2026-01-01: fixed, as in the tests
  std::printf("%-22s %12s %12s %12s %8s\n", "template", "analysis s", "writing s", "total s", "sheets");
  double worstWriting = 0;
  for (const char* name : {"management-review", "regional-comparison", "client-report", "statistical-appendix"}) {
    const report::ReportTemplate tmpl = report::LoadReportTemplate((source / "reports" / (std::string(name) + ".json")).string());
    const auto a = Clock::now();
    std::vector<report::Report> reports{report::BuildReport(tmpl, *project, inputs, "zh")};
    const double analysis = Seconds(a);
    Timing w;
    w.Keep([&] { report::WriteReportWorkbook(reports, work / (std::string(name) + ".xlsx"), inputs.created); });
    const double writing = w.wall;
    worstWriting = std::max(worstWriting, writing);
    std::printf("%-22s %12.2f %12.3f %12.2f %8zu\n", name, analysis, writing, analysis + writing, reports[0].sections.size());
  }
  std::printf("writing beyond the analysis, slowest template: %.3f s (target < 1 s: %s)\n\n", worstWriting, worstWriting < 1 ? "met" : "MISSED");

  // The data sheet alone, against the anchor; each twice, alternating, the faster run counts.
  inputs.dataSheet = true;
  const report::ReportTemplate appendix = report::LoadReportTemplate((source / "reports" / "statistical-appendix.json").string());
  report::Report full = report::BuildReport(appendix, *project, inputs, "zh");
  report::Report dataOnly = full;
  dataOnly.sections.clear();
  for (const report::Section& s : full.sections)
    if (s.kind == report::SectionKind::kData) dataOnly.sections.push_back(s);
  const report::Section& data = dataOnly.sections.at(0);
  const size_t cells = data.data->rows * (data.data->columns.size() + 1);
  Timing manyi, anchor;
  for (int round = 0; round < 2; ++round) {
    anchor.Keep([&] {
      // libxlsxwriter formats numbers with the process locale; the report writer uses "C" too.
      locale_t c = newlocale(LC_NUMERIC_MASK, "C", nullptr);
      locale_t old = uselocale(c);
      PlainLibxlsxwriter(data, work / "anchor.xlsx");
      uselocale(old);
      freelocale(c);
    });
    manyi.Keep([&] { report::WriteReportWorkbook({dataOnly}, work / "data-sheet.xlsx", inputs.created); });
  }
  std::printf("data sheet: %zu rows × %zu columns (%zu cells), constant_memory; the faster of two runs each\n", data.data->rows,
              data.data->columns.size() + 1, cells);
  std::printf("%-44s %10s %10s %14s %10s\n", "what", "seconds", "CPU s", "cells/s", "file MiB");
  auto row = [&](const char* what, const Timing& t, const fs::path& f) {
    std::printf("%-44s %10.2f %10.2f %14.0f %10.1f\n", what, t.wall, t.cpu, double(cells) / t.wall, double(fs::file_size(f)) / 1048576.0);
  };
  row("plain libxlsxwriter constant_memory (anchor)", anchor, work / "anchor.xlsx");
  row("Manyi data sheet (WriteReportWorkbook)", manyi, work / "data-sheet.xlsx");
  std::printf("Manyi / anchor: %.3f × the wall time, %.3f × the CPU time (target ≤ 1.1: %s)\n", manyi.wall / anchor.wall, manyi.cpu / anchor.cpu,
              manyi.cpu / anchor.cpu <= 1.1 ? "met" : "MISSED");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: manyi-bench-report SOURCE_DIR WORK_DIR [N]\n");
    return 1;
  }
  const long long n = argc == 4 ? std::atoll(argv[3]) : 1000000;
  try {
    return Run(argv[1], argv[2], n);
  } catch (const manyi::UserError& e) {
    std::fprintf(stderr, "manyi-bench-report: %s\n", e.GetMessage().English().c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "manyi-bench-report: %s\n", e.what());
  }
  return 2;
}

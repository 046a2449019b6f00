// manyi-bench-import: imports a response file with the full response importer — detection,
// mapping, every cell checked, one transaction — and prints the time, rows/s and peak memory;
// never fails on time. bench/run_import_bench.sh runs it on the generator's CSV beside the sqlite3
// shell's `.import --csv` of the same file (the anchor) and on a 问卷星-style workbook.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "io/form_json.h"
#include "io/import/response_import.h"
#include "storage/project.h"
#include "synthetic.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

json Text(std::string_view zh, std::string_view en) { return {{"zh", zh}, {"en", en}}; }

/// The questionnaire the generated rows answer (columns named as the items, so the importer maps
/// them by code without a mapping file).
std::string GeneratorForm() {
  using namespace manyi::bench;
  json items = json::array();
  json regions = json::array();
  for (size_t i = 0; i < kRegions.size(); ++i) regions.push_back({{"code", i + 1}, {"label", Text(kRegions[i].zh, kRegions[i].en)}});
  items.push_back({{"id", "region"}, {"type", "single"}, {"role", "region"}, {"text", Text("地区", "Region")}, {"codes", regions}});
  json industries = json::array();
  for (size_t i = 0; i < kIndustries.size(); ++i)
    industries.push_back({{"code", i + 1}, {"key", std::string(1, kIndustries[i].key)}, {"label", Text(kIndustries[i].zh, kIndustries[i].en)}});
  items.push_back({{"id", "industry"}, {"type", "single"}, {"role", "industry"}, {"text", Text("行业", "Industry")}, {"codes", industries}});
  const json scale = {{"min", 1}, {"max", 10}, {"labels", {{"1", Text("非常不满意", "very dissatisfied")}, {"10", Text("非常满意", "very satisfied")}}}};
  for (int i = 1; i <= kRatingItems; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "q%02d", i);
    items.push_back({{"id", id}, {"type", "rating"}, {"text", Text("项目 " + std::to_string(i), "Item " + std::to_string(i))}, {"scale", scale}});
  }
  items.push_back({{"id", "overall"}, {"type", "rating"}, {"role", "overall_satisfaction"}, {"text", Text("总体满意度", "Overall")}, {"scale", scale}});
  items.push_back({{"id", "nps"}, {"type", "nps"}, {"role", "recommend"}, {"text", Text("推荐", "Recommend")}});
  items.push_back({{"id", "comment"}, {"type", "long_text"}, {"text", Text("意见", "Comments")}});
  return json{{"format", "manyi-questionnaire"}, {"format_version", 1}, {"id", "bench"}, {"version", 1},
              {"title", Text("基准", "Benchmark")}, {"languages", {"zh", "en"}},
              {"sections", {{{"id", "main"}, {"title", Text("问卷", "Questionnaire")}, {"items", items}}}}}
      .dump();
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv) {
  fs::path file, work;
  bool derive = false, bad = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--derive") derive = true;
    else if (file.empty()) file = arg;
    else if (work.empty()) work = arg;
    else bad = true;
  }
  if (file.empty() || bad) {
    std::fprintf(stderr,
                 "usage: manyi-bench-import RESPONSES.csv|.xlsx [WORK_DIR] [--derive]\n"
                 "Imports the file with the response importer into a new project in WORK_DIR (removed afterwards).\n"
                 "Without --derive the project holds the questionnaire of manyi-bench-generate's CSV; with it the\n"
                 "project is empty and the import derives the questionnaire from the file (as for a 问卷星 download\n"
                 "made by manyi-bench-generate-wjx).\n");
    return 1;
  }
  if (work.empty()) work = fs::temp_directory_path() / "manyi-bench-import";
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  try {
    auto project = manyi::storage::Project::Create(work / "bench.manyi", "bench").TakeOrThrow();
    if (!derive) {
      manyi::storage::Transaction tx(project->Db());
      manyi::io::StoreQuestionnaire(*project, manyi::io::ParseFormJson(GeneratorForm(), "bench").TakeOrThrow());
      tx.Commit();
    }
    const auto start = std::chrono::steady_clock::now();
    manyi::io::import::ImportOptions options;
    options.channel = manyi::Channel::kMail;
    auto report = manyi::io::import::ImportResponses(*project, file, options).TakeOrThrow();
    const double importSeconds = Seconds(start);
    project.reset();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peakMiB = double(usage.ru_maxrss) / 1024.0;  // KiB on Linux

    std::printf("manyi-bench-import: %s (%.1f MiB, %s, %s)\n", file.c_str(), double(fs::file_size(file)) / 1048576.0,
                report.format.c_str(), report.encoding.c_str());
    if (report.derivedQuestionnaire) std::printf("  questionnaire derived from the file: %zu items\n", report.derivedItems);
    std::printf("  rows read %lld, imported %lld, rejected %lld\n", static_cast<long long>(report.rowsRead),
                static_cast<long long>(report.rowsImported), static_cast<long long>(report.rowsRejected));
    std::printf("  import (detect, map, check every cell, one transaction)  %.2f s, %.0f rows/s\n", importSeconds,
                double(report.rowsRead) / importSeconds);
    std::printf("  peak memory  %.1f MiB\n", peakMiB);
    std::printf("RESULT rows=%lld imported=%lld seconds=%.3f peak_mib=%.1f\n", static_cast<long long>(report.rowsRead),
                static_cast<long long>(report.rowsImported), importSeconds, peakMiB);
  } catch (const manyi::UserError& e) {
    std::fprintf(stderr, "manyi-bench-import: %s\n", e.what());
    return 1;
  }
  fs::remove_all(work, ec);
  return 0;
}

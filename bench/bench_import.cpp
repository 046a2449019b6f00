// manyi-bench-import: imports the generator's CSV (manyi-bench-generate N OUT.csv) with the full
// response importer — detection, mapping, every cell checked, one transaction — and, in the same
// run, times the sqlite3 shell's `.import --csv` of the same file into a plain table as the
// anchor. Prints both side by side and the importer's peak memory; never fails on time.
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
  if (argc < 2) {
    std::fprintf(stderr, "usage: manyi-bench-import RESPONSES.csv [WORK_DIR]\n(make the file with manyi-bench-generate N RESPONSES.csv)\n");
    return 1;
  }
  const fs::path csv = argv[1];
  const fs::path work = argc > 2 ? fs::path(argv[2]) : fs::temp_directory_path() / "manyi-bench-import";
  std::error_code ec;
  fs::remove_all(work, ec);
  fs::create_directories(work);
  try {
    auto project = manyi::storage::Project::Create(work / "bench.manyi", "bench").TakeOrThrow();
    {
      manyi::storage::Transaction tx(project->Db());
      manyi::io::StoreQuestionnaire(*project, manyi::io::ParseFormJson(GeneratorForm(), "bench").TakeOrThrow());
      tx.Commit();
    }
    const auto start = std::chrono::steady_clock::now();
    manyi::io::import::ImportOptions options;
    options.channel = manyi::Channel::kMail;
    auto report = manyi::io::import::ImportResponses(*project, csv, options).TakeOrThrow();
    const double importSeconds = Seconds(start);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double peakMiB = double(usage.ru_maxrss) / 1024.0;

    // The anchor: sqlite3's own CSV import into a plain table, no checks, same file, same disk.
    const fs::path anchor = work / "anchor.db";
    const std::string command = "sqlite3 '" + anchor.string() + "' \".import --csv '" + csv.string() + "' responses\"";
    const auto anchorStart = std::chrono::steady_clock::now();
    const int rc = std::system(command.c_str());
    const double anchorSeconds = Seconds(anchorStart);

    std::printf("file                    %s (%.1f MiB)\n", csv.c_str(), double(fs::file_size(csv)) / (1024.0 * 1024.0));
    std::printf("rows read / imported   %lld / %lld (rejected %lld)\n", static_cast<long long>(report.rowsRead),
                static_cast<long long>(report.rowsImported), static_cast<long long>(report.rowsRejected));
    std::printf("%-24s %10s\n", "", "seconds");
    std::printf("%-24s %10.2f\n", "manyi import (checked)", importSeconds);
    if (rc == 0) std::printf("%-24s %10.2f\n", "sqlite3 .import --csv", anchorSeconds);
    else std::printf("%-24s %10s\n", "sqlite3 .import --csv", "(sqlite3 failed or is not installed)");
    if (rc == 0) std::printf("ratio manyi / sqlite3    %10.2f\n", importSeconds / anchorSeconds);
    std::printf("peak memory (importer)  %10.1f MiB\n", peakMiB);
  } catch (const manyi::UserError& e) {
    std::fprintf(stderr, "manyi-bench-import: %s\n", e.what());
    return 1;
  }
  fs::remove_all(work, ec);
  return 0;
}

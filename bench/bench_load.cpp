// manyi-bench-load: loads a CSV written by manyi-bench-generate into a new project file the way
// the response importer does — one transaction, every cell checked against the questionnaire,
// rejected rows recorded with their reason — and prints rows/s, elapsed time and peak memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.h"
#include "core/sha256.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "storage/project.h"
#include "storage/response_codec.h"
#include "synthetic.h"

namespace {

namespace fs = std::filesystem;
namespace bench = manyi::bench;
namespace storage = manyi::storage;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

double PeakMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

json Text(std::string_view zh, std::string_view en) { return {{"zh", zh}, {"en", en}}; }

/// The questionnaire the generated data answers, in the questionnaire JSON format of forms/.
json BenchQuestionnaire() {
  json items = json::array();
  json regions = json::array();
  for (size_t i = 0; i < bench::kRegions.size(); ++i)
    regions.push_back({{"code", i + 1}, {"label", Text(bench::kRegions[i].zh, bench::kRegions[i].en)}});
  items.push_back({{"id", "region"}, {"type", "single"}, {"role", "region"},
                   {"text", Text("贵公司所在地区", "Region of your company")}, {"codes", regions}});
  json industries = json::array();
  for (size_t i = 0; i < bench::kIndustries.size(); ++i)
    industries.push_back({{"code", i + 1}, {"key", std::string(1, bench::kIndustries[i].key)},
                          {"label", Text(bench::kIndustries[i].zh, bench::kIndustries[i].en)}});
  items.push_back({{"id", "industry"}, {"type", "single"}, {"role", "industry"},
                   {"text", Text("贵公司所属行业", "Industry of your company")}, {"codes", industries}});
  const json scale = {{"min", 1}, {"max", 10},
                      {"labels", {{"1", Text("非常不满意", "very dissatisfied")}, {"10", Text("非常满意", "very satisfied")}}}};
  for (int i = 1; i <= bench::kRatingItems; ++i) {
    char id[8];
    std::snprintf(id, sizeof id, "q%02d", i);
    items.push_back({{"id", id}, {"type", "rating"}, {"role", "attribute_satisfaction"},
                     {"text", Text("满意度项目 " + std::to_string(i), "Satisfaction item " + std::to_string(i))},
                     {"scale", scale}});
  }
  items.push_back({{"id", "overall"}, {"type", "rating"}, {"role", "overall_satisfaction"},
                   {"text", Text("总体而言，您对我们的服务满意吗？", "Overall, how satisfied are you with our service?")},
                   {"scale", scale}});
  items.push_back({{"id", "nps"}, {"type", "nps"}, {"role", "recommend"},
                   {"text", Text("您向同行推荐我们的可能性有多大？", "How likely are you to recommend us to a colleague?")}});
  items.push_back({{"id", "comment"}, {"type", "long_text"}, {"role", "complaint"},
                   {"text", Text("您对我们的意见和建议", "Your comments and suggestions")}});
  return {{"format", "manyi-questionnaire"}, {"format_version", 1}, {"id", "bench-satisfaction"}, {"version", 1},
          {"title", Text("客户满意度调查（基准测试）", "Customer satisfaction survey (benchmark)")},
          {"languages", {"zh", "en"}},
          {"sections", {{{"id", "main"}, {"title", Text("问卷", "Questionnaire")}, {"items", items}}}}};
}

/// Heterogeneous lookup, so that a code list is searched with the string_view of a CSV cell.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// What the importer knows about one variable: how to check a cell and turn it into a value.
struct Variable {
  std::string id, type;
  double min = 0, max = 0;
  std::unordered_map<std::string, double, StringHash, std::equal_to<>> codes;  // labels and keys → code
  bool IsText() const { return type == "long_text" || type == "short_text"; }
};

std::vector<Variable> VariablesOf(const json& form) {
  std::vector<Variable> vars;
  for (const json& section : form.at("sections"))
    for (const json& item : section.at("items")) {
      Variable v;
      v.id = item.at("id").get<std::string>();
      v.type = item.at("type").get<std::string>();
      if (item.contains("scale")) {
        v.min = item["scale"].at("min").get<double>();
        v.max = item["scale"].at("max").get<double>();
      } else if (v.type == "nps") {
        v.min = 0;
        v.max = 10;
      }
      for (const json& code : item.value("codes", json::array())) {
        const double c = code.at("code").get<double>();
        for (const auto& [lang, label] : code.at("label").items()) v.codes[label.get<std::string>()] = c;
        if (code.contains("key")) v.codes[code["key"].get<std::string>()] = c;
      }
      vars.push_back(std::move(v));
    }
  return vars;
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  const int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string RawRecord(const std::vector<std::string_view>& fields) {
  std::string raw;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) raw += ',';
    raw += fields[i];
  }
  return raw;
}

/// Adds "column: problem" to the reasons a row is rejected for.
void Reject(std::string& reasons, std::string_view column, std::string_view cell, std::string_view problem) {
  if (!reasons.empty()) reasons += "; ";
  reasons.append(column).append(": \"").append(cell).append("\" ").append(problem);
}

int Run(const fs::path& in, const fs::path& out) {
  const auto start = Clock::now();
  std::error_code ec;
  const auto inBytes = fs::file_size(in, ec);
  if (ec) throw manyi::UserError(manyi::Message(N_("Cannot read {0}: {1}.")).Arg(in.string()).Arg(ec.message()));

  // An import records the hash of its source file, so that a second import of it is recognised.
  const auto hashStart = Clock::now();
  const std::optional<std::string> sha = manyi::Sha256OfFile(in);
  if (!sha) throw manyi::UserError(manyi::Message(N_("Cannot read {0}.")).Arg(in.string()));
  const double hashSeconds = Seconds(hashStart);

  auto project = storage::Project::Create(out, "Manyi load benchmark").TakeOrThrow();
  storage::Connection& db = project->Db();
  const json form = BenchQuestionnaire();
  const std::vector<Variable> vars = VariablesOf(form);
  std::vector<std::string> varNames;
  for (const Variable& v : vars) varNames.push_back(v.id);

  const auto loadStart = Clock::now();
  double insertSeconds = 0;
  storage::Transaction tx(db);
  const int64_t qid = project->AddQuestionnaire(form["id"], form["version"], form["title"]["zh"], form["title"]["en"],
                                                form.dump(), varNames);
  const json mapping = {{"respondent_key", "respondent_id"}, {"wave", "wave"}, {"channel", "channel"},
                        {"submitted_at", "submitted_on"}, {"variables", "by name"}};
  storage::Statement(db,
                     "INSERT INTO import(file_name, sha256, format, encoding, mapping, imported_at) "
                     "VALUES (?1, ?2, 'csv', 'UTF-8', ?3, ?4)")
      .Bind(1, in.filename().string()).Bind(2, *sha).Bind(3, mapping.dump()).Bind(4, manyi::NowIso8601()).Run();
  const int64_t importId = db.LastInsertId();

  manyi::io::CsvReader reader(in);
  std::vector<std::string_view> f;
  if (!reader.Next(f)) throw manyi::UserError(manyi::Message(N_("{0} is empty: a header row was expected.")).Arg(in.string()));
  std::unordered_map<std::string, size_t, StringHash, std::equal_to<>> cols;
  for (size_t i = 0; i < f.size(); ++i) cols[std::string(manyi::Trim(f[i]))] = i;
  auto column = [&](std::string_view name) {
    auto it = cols.find(name);
    if (it == cols.end())
      throw manyi::UserError(manyi::Message(N_("{0}: the header has no column \"{1}\". Add the column or choose the right file."))
                                 .Arg(in.string()).Arg(name));
    return it->second;
  };
  const size_t cId = column("respondent_id"), cWave = column("wave"), cChannel = column("channel"), cDate = column("submitted_on");
  std::vector<size_t> varCol;
  for (const Variable& v : vars) varCol.push_back(column(v.id));
  const size_t width = cols.size();

  std::vector<std::pair<std::string, int64_t>> waves;
  storage::Statement& rejectRow = db.Cached("INSERT INTO rejected_row(import_id, source_row, reasons, raw) VALUES (?1, ?2, ?3, ?4)");
  storage::ResponseRecord r;
  r.questionnaireId = qid;
  r.importId = importId;
  std::string reasons;
  int64_t rowsRead = 0, imported = 0, rejected = 0;
  while (reader.Next(f)) {
    ++rowsRead;
    reasons.clear();
    if (f.size() != width) {
      reasons = std::to_string(f.size()) + " fields where the header has " + std::to_string(width);
    } else {
      r.respondentKey.assign(manyi::Trim(f[cId]));
      if (r.respondentKey.empty()) Reject(reasons, "respondent_id", "", "is empty");

      const std::string_view wave = manyi::Trim(f[cWave]);
      const auto year = manyi::ParseNumber(wave);
      if (!year || *year < 1900 || *year > 2100 || *year != int(*year)) {
        Reject(reasons, "wave", wave, "is not a year");
      } else {
        auto w = std::find_if(waves.begin(), waves.end(), [&](const auto& p) { return p.first == wave; });
        if (w == waves.end()) {
          const std::string name(wave);
          waves.emplace_back(name, project->AddWave(name, qid, name + "-10-01", name + "-12-31"));
          w = waves.end() - 1;
        }
        r.waveId = w->second;
      }

      const std::string_view channelText = manyi::Trim(f[cChannel]);
      if (auto channel = manyi::ParseChannel(channelText)) r.channel = *channel;
      else Reject(reasons, "channel", channelText, "is not mail, phone, online or face-to-face");

      const std::string_view date = manyi::Trim(f[cDate]);
      if (!IsIsoDate(date)) Reject(reasons, "submitted_on", date, "is not a date YYYY-MM-DD");
      r.submittedAt.assign(date);

      r.values.assign(vars.size(), storage::kSystemMissing);
      r.texts.clear();
      for (size_t i = 0; i < vars.size(); ++i) {
        const Variable& v = vars[i];
        const std::string_view raw = f[varCol[i]];
        if (v.IsText()) {
          if (!manyi::IsValidUtf8(raw)) Reject(reasons, v.id, "…", "is not valid UTF-8");
          else if (!manyi::Trim(raw).empty()) r.texts.emplace_back(int(i), std::string(raw));
          continue;
        }
        const std::string_view cell = manyi::Trim(raw);
        if (cell.empty()) continue;  // not answered
        if (!v.codes.empty()) {
          auto code = v.codes.find(cell);
          if (code == v.codes.end()) Reject(reasons, v.id, cell, "is not in the item's code list");
          else r.values[i] = code->second;
          continue;
        }
        const auto number = manyi::ParseNumber(cell);
        if (!number || *number != double(int64_t(*number)) || *number < v.min || *number > v.max)
          Reject(reasons, v.id, cell,
                 "is not a whole number from " + manyi::FormatNumber(v.min) + " to " + manyi::FormatNumber(v.max));
        else r.values[i] = *number;
      }
    }
    if (!reasons.empty()) {
      ++rejected;
      rejectRow.Bind(1, importId).Bind(2, reader.RecordNumber()).Bind(3, reasons).Bind(4, RawRecord(f)).Run();
      if (rejected <= 5) std::fprintf(stderr, "row %lld rejected: %s\n", static_cast<long long>(reader.RecordNumber()), reasons.c_str());
      continue;
    }
    const auto insertStart = Clock::now();
    project->AddResponse(r);
    insertSeconds += Seconds(insertStart);
    ++imported;
  }
  storage::Statement(db, "UPDATE import SET rows_read = ?1, rows_imported = ?2, rows_rejected = ?3 WHERE id = ?4")
      .Bind(1, rowsRead).Bind(2, imported).Bind(3, rejected).Bind(4, importId).Run();
  const auto commitStart = Clock::now();
  tx.Commit();
  // Fold the write-ahead log into the file, as the importer does at the end of a big import, so
  // that the file size below is the real one.
  db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  const double commitSeconds = Seconds(commitStart), loadSeconds = Seconds(loadStart), total = Seconds(start);
  project.reset();
  const auto outBytes = fs::file_size(out, ec);

  std::printf("manyi-bench-load: %s → %s\n", in.string().c_str(), out.string().c_str());
  std::printf("  rows read %lld, imported %lld, rejected %lld\n", static_cast<long long>(rowsRead),
              static_cast<long long>(imported), static_cast<long long>(rejected));
  std::printf("  sha-256 of the source  %8.2f s\n", hashSeconds);
  std::printf("  read + validate       %8.2f s\n", loadSeconds - insertSeconds - commitSeconds);
  std::printf("  insert (AddResponse)  %8.2f s\n", insertSeconds);
  std::printf("  commit + checkpoint   %8.2f s\n", commitSeconds);
  std::printf("  total                 %8.2f s   %.0f rows/s\n", total, double(rowsRead) / total);
  std::printf("  peak memory           %8.1f MiB\n", PeakMiB());
  std::printf("  input %.1f MiB, project file %.1f MiB\n", double(inBytes) / 1048576.0, double(outBytes) / 1048576.0);
  // One line for run_bench.sh.
  std::printf("RESULT rows=%lld seconds=%.3f peak_mib=%.1f bytes=%llu\n", static_cast<long long>(rowsRead), total, PeakMiB(),
              static_cast<unsigned long long>(outBytes));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: manyi-bench-load IN.csv OUT.manyi\n"
                         "Loads a file written by manyi-bench-generate into a new project (OUT must not exist).\n");
    return 1;
  }
  try {
    return Run(argv[1], argv[2]);
  } catch (const manyi::UserError& e) {
    std::fprintf(stderr, "manyi-bench-load: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "manyi-bench-load: internal error: %s\n", e.what());
    return 2;
  }
}

// manyi-bench-layout: measures the candidate storage layouts of survey responses side by side on
// the same synthetic data — long (EAV) rows, one column per variable, and the packed answer blob
// Manyi uses — for load time, file size and the scans a satisfaction report makes.
#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "storage/response_codec.h"
#include "storage/sqlite.h"
#include "synthetic.h"

namespace {

namespace fs = std::filesystem;
namespace bench = manyi::bench;
namespace storage = manyi::storage;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Variable order shared by every layout (and by the blob): region, industry, q01…q30, overall, nps.
constexpr int kRegionVar = 0, kFirstItemVar = 2, kVariables = 2 + bench::kRatingItems + 2;
constexpr int kOneItem = 7;  // q07 for the one-item scan
constexpr size_t kRegionCount = bench::kRegions.size();

std::string ItemName(int i) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "q%02d", i + 1);
  return buf;
}

/// The answers of one response as the values the project stores (NaN = missing).
void ValuesOf(const bench::SyntheticResponse& r, std::vector<double>& v) {
  v.assign(kVariables, storage::kSystemMissing);
  v[0] = r.region + 1;
  v[1] = r.industry + 1;
  for (int i = 0; i < bench::kRatingItems; ++i)
    if (r.items[size_t(i)] >= 0) v[size_t(kFirstItemVar + i)] = r.items[size_t(i)];
  if (r.overall >= 0) v[size_t(kVariables - 2)] = r.overall;
  if (r.nps >= 0) v[size_t(kVariables - 1)] = r.nps;
}

/// Means of the 30 items by region: what every method must reproduce.
struct Means {
  std::array<std::array<double, bench::kRatingItems>, kRegionCount> sum{};
  std::array<std::array<int64_t, bench::kRatingItems>, kRegionCount> n{};
  void Add(size_t region, size_t item, double v) {
    sum[region][item] += v;
    ++n[region][item];
  }
  double Mean(size_t region, size_t item) const { return n[region][item] ? sum[region][item] / double(n[region][item]) : NAN; }
};

/// The largest difference between two sets of means over the items a scan covered.
double MaxDifference(const Means& a, const Means& b, int firstItem, int lastItem) {
  double worst = 0;
  for (size_t r = 0; r < kRegionCount; ++r)
    for (int i = firstItem; i <= lastItem; ++i) {
      const double x = a.Mean(r, size_t(i)), y = b.Mean(r, size_t(i));
      if (std::isnan(x) != std::isnan(y)) return INFINITY;
      if (!std::isnan(x)) worst = std::max(worst, std::fabs(x - y));
    }
  return worst;
}

/// The same settings a project file is written with (storage/project.cpp).
void ConfigureLikeAProject(storage::Connection& db) {
  db.Exec("PRAGMA foreign_keys = ON");
  db.Exec("PRAGMA journal_mode = WAL");
  db.Exec("PRAGMA synchronous = NORMAL");
}

struct Layout {
  const char* name;
  const char* schema;
  std::function<void(storage::Connection&, const std::vector<bench::SyntheticResponse>&)> load;
  struct Scan {
    const char* what;
    int firstItem, lastItem;
    std::function<Means(storage::Connection&)> run;
  };
  std::vector<Scan> scans;
};

void LoadEav(storage::Connection& db, const std::vector<bench::SyntheticResponse>& data) {
  storage::Statement head(db, "INSERT INTO response(id, channel, wave) VALUES (?1, ?2, ?3)");
  storage::Statement answer(db, "INSERT INTO answer(response_id, variable, value) VALUES (?1, ?2, ?3)");
  std::vector<double> v;
  for (const auto& r : data) {
    head.Bind(1, r.number).Bind(2, bench::kChannels[size_t(r.channel)]).Bind(3, r.wave).Run();
    ValuesOf(r, v);
    for (int i = 0; i < kVariables; ++i)
      if (!storage::IsSystemMissing(v[size_t(i)])) answer.Bind(1, r.number).Bind(2, i).Bind(3, v[size_t(i)]).Run();
  }
}

void LoadWide(storage::Connection& db, const std::vector<bench::SyntheticResponse>& data) {
  std::string sql = "INSERT INTO response VALUES (?1, ?2, ?3";
  for (int i = 0; i < kVariables; ++i) sql += ", ?" + std::to_string(i + 4);
  storage::Statement st(db, sql + ")");
  std::vector<double> v;
  for (const auto& r : data) {
    st.Bind(1, r.number).Bind(2, bench::kChannels[size_t(r.channel)]).Bind(3, r.wave);
    ValuesOf(r, v);
    for (int i = 0; i < kVariables; ++i) {
      if (storage::IsSystemMissing(v[size_t(i)])) st.Bind(i + 4, nullptr);
      else st.Bind(i + 4, v[size_t(i)]);
    }
    st.Run();
  }
}

void LoadBlob(storage::Connection& db, const std::vector<bench::SyntheticResponse>& data) {
  storage::Statement st(db, "INSERT INTO response(id, channel, wave, answers) VALUES (?1, ?2, ?3, ?4)");
  std::vector<double> v;
  std::string blob;
  for (const auto& r : data) {
    ValuesOf(r, v);
    blob.clear();
    storage::EncodeAnswers(v, blob);
    st.Bind(1, r.number).Bind(2, bench::kChannels[size_t(r.channel)]).Bind(3, r.wave).BindBlob(4, blob.data(), blob.size()).Run();
  }
}

std::string WideSchema() {
  std::string sql = "CREATE TABLE response (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, wave INTEGER, region REAL, industry REAL";
  for (int i = 0; i < bench::kRatingItems; ++i) sql += ", " + ItemName(i) + " REAL";
  return sql + ", overall REAL, nps REAL);";
}

/// Reads rows of (region, per-item mean, count) into Means.
Means MeansFromGroups(storage::Statement& st, int firstItem, int lastItem) {
  Means m;
  while (st.Step()) {
    const size_t region = size_t(st.Int(0) - 1);
    for (int i = firstItem; i <= lastItem; ++i) {
      const int col = 1 + 2 * (i - firstItem);
      m.n[region][size_t(i)] = st.Int(col + 1);
      m.sum[region][size_t(i)] = st.IsNull(col) ? 0 : st.Double(col) * double(st.Int(col + 1));
    }
  }
  return m;
}

Means WideSql(storage::Connection& db, int firstItem, int lastItem) {
  std::string sql = "SELECT region";
  for (int i = firstItem; i <= lastItem; ++i) sql += ", avg(" + ItemName(i) + "), count(" + ItemName(i) + ")";
  storage::Statement st(db, sql + " FROM response GROUP BY region");
  return MeansFromGroups(st, firstItem, lastItem);
}

Means WideScan(storage::Connection& db) {
  std::string sql = "SELECT region";
  for (int i = 0; i < bench::kRatingItems; ++i) sql += ", " + ItemName(i);
  storage::Statement st(db, sql + " FROM response");
  Means m;
  while (st.Step()) {
    const size_t region = size_t(st.Int(0) - 1);
    for (int i = 0; i < bench::kRatingItems; ++i)
      if (!st.IsNull(i + 1)) m.Add(region, size_t(i), st.Double(i + 1));
  }
  return m;
}

Means EavSql(storage::Connection& db, int firstItem, int lastItem) {
  storage::Statement st(db,
                        "SELECT g.value, a.variable, avg(a.value), count(*) FROM answer a "
                        "JOIN answer g ON g.response_id = a.response_id AND g.variable = ?1 "
                        "WHERE a.variable BETWEEN ?2 AND ?3 GROUP BY g.value, a.variable");
  st.Bind(1, kRegionVar).Bind(2, kFirstItemVar + firstItem).Bind(3, kFirstItemVar + lastItem);
  Means m;
  while (st.Step()) {
    const size_t region = size_t(st.Int(0) - 1), item = size_t(st.Int(1) - kFirstItemVar);
    m.n[region][item] = st.Int(3);
    m.sum[region][item] = st.Double(2) * double(st.Int(3));
  }
  return m;
}

/// The EAV rows in key order: a response's region (variable 0) comes before its items.
Means EavScan(storage::Connection& db) {
  storage::Statement st(db, "SELECT response_id, variable, value FROM answer ORDER BY response_id, variable");
  Means m;
  int64_t current = -1;
  size_t region = 0;
  bool haveRegion = false;
  while (st.Step()) {
    const int64_t id = st.Int(0);
    const int var = int(st.Int(1));
    if (id != current) {
      current = id;
      haveRegion = false;
    }
    if (var == kRegionVar) {
      region = size_t(st.Int(2) - 1);
      haveRegion = true;
    } else if (haveRegion && var >= kFirstItemVar && var < kFirstItemVar + bench::kRatingItems) {
      m.Add(region, size_t(var - kFirstItemVar), st.Double(2));
    }
  }
  return m;
}

Means BlobScan(storage::Connection& db) {
  storage::Statement st(db, "SELECT answers FROM response");
  Means m;
  std::vector<double> v;
  while (st.Step()) {
    if (!storage::DecodeAnswers(st.Blob(0), v) || v.size() < size_t(kFirstItemVar + bench::kRatingItems)) continue;
    const size_t region = size_t(v[kRegionVar] - 1);
    for (int i = 0; i < bench::kRatingItems; ++i) {
      const double x = v[size_t(kFirstItemVar + i)];
      if (!storage::IsSystemMissing(x)) m.Add(region, size_t(i), x);
    }
  }
  return m;
}

Means BlobScanOne(storage::Connection& db, int item) {
  storage::Statement st(db, "SELECT answers FROM response");
  Means m;
  while (st.Step()) {
    const std::string_view blob = st.Blob(0);
    const auto region = storage::DecodeAnswer(blob, kRegionVar), x = storage::DecodeAnswer(blob, size_t(kFirstItemVar + item));
    if (region && x && !storage::IsSystemMissing(*x)) m.Add(size_t(*region - 1), size_t(item), *x);
  }
  return m;
}

struct Row {
  std::string layout, what;
  double seconds = 0, rowsPerSecond = 0, mib = 0, bytesPerResponse = 0, difference = 0;
  bool isLoad = false;
};

}  // namespace

int main(int argc, char** argv) {
  int64_t count = 200000;
  fs::path dir = fs::temp_directory_path() / "manyi-bench-layout";
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
      dir = argv[++i];
    } else {
      const char* end = argv[i] + std::strlen(argv[i]);
      auto [p, ec] = std::from_chars(argv[i], end, count);
      if (ec != std::errc() || p != end || count < 1) {
        std::fprintf(stderr, "usage: manyi-bench-layout [N] [--dir DIR]   (N defaults to 200000)\n");
        return 1;
      }
    }
  }
  try {
    fs::create_directories(dir);
    std::vector<bench::SyntheticResponse> data(static_cast<size_t>(count));
    bench::ResponseGenerator gen(2006);
    for (auto& r : data) gen.Next(r);
    Means expected;
    for (const auto& r : data)
      for (int i = 0; i < bench::kRatingItems; ++i)
        if (r.items[size_t(i)] >= 0) expected.Add(size_t(r.region), size_t(i), r.items[size_t(i)]);

    const int all0 = 0, allN = bench::kRatingItems - 1;
    const std::string wideSchema = WideSchema();
    std::vector<Layout> layouts = {
        {"long (EAV) rows",
         "CREATE TABLE response (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, wave INTEGER);"
         "CREATE TABLE answer (response_id INTEGER NOT NULL REFERENCES response(id), variable INTEGER NOT NULL, "
         "value REAL NOT NULL, PRIMARY KEY (response_id, variable)) WITHOUT ROWID;",
         LoadEav,
         {{"30 items by region, SQL GROUP BY", all0, allN, [&](storage::Connection& db) { return EavSql(db, all0, allN); }},
          {"30 items by region, C++ scan", all0, allN, EavScan},
          {"q07 by region, SQL GROUP BY", kOneItem - 1, kOneItem - 1,
           [](storage::Connection& db) { return EavSql(db, kOneItem - 1, kOneItem - 1); }}}},
        {"wide, one REAL column per variable", wideSchema.c_str(), LoadWide,
         {{"30 items by region, SQL GROUP BY", all0, allN, [&](storage::Connection& db) { return WideSql(db, all0, allN); }},
          {"30 items by region, C++ scan", all0, allN, WideScan},
          {"q07 by region, SQL GROUP BY", kOneItem - 1, kOneItem - 1,
           [](storage::Connection& db) { return WideSql(db, kOneItem - 1, kOneItem - 1); }}}},
        {"packed answer blob (Manyi)",
         "CREATE TABLE response (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, wave INTEGER, answers BLOB NOT NULL);",
         LoadBlob,
         {{"30 items by region, C++ decode", all0, allN, BlobScan},
          {"q07 by region, C++ decode", kOneItem - 1, kOneItem - 1,
           [](storage::Connection& db) { return BlobScanOne(db, kOneItem - 1); }}}},
    };

    std::printf("manyi-bench-layout: %lld synthetic responses, %d coded variables each (region, industry, 30 items, "
                "overall, NPS); files in %s\n\n", static_cast<long long>(count), kVariables, dir.string().c_str());
    std::vector<Row> rows;
    int index = 0;
    for (const Layout& layout : layouts) {
      const fs::path file = dir / ("layout-" + std::to_string(++index) + ".db");
      for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(file.string() + suffix);
      {
        storage::Connection db(file, storage::OpenMode::kCreate);
        ConfigureLikeAProject(db);
        db.Exec(layout.schema);
        const auto start = Clock::now();
        storage::Transaction tx(db);
        layout.load(db, data);
        tx.Commit();
        db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
        Row row{layout.name, "load (one transaction + checkpoint)"};
        row.isLoad = true;
        row.seconds = Seconds(start);
        row.rowsPerSecond = double(count) / row.seconds;
        rows.push_back(row);
      }
      const double bytes = double(fs::file_size(file));
      rows.back().mib = bytes / 1048576.0;
      rows.back().bytesPerResponse = bytes / double(count);
      storage::Connection db(file, storage::OpenMode::kReadOnly);
      for (const Layout::Scan& scan : layout.scans) {
        // Best of three: the machine is shared, and the first run also warms the page cache.
        double best = INFINITY;
        Means got;
        for (int repeat = 0; repeat < 3; ++repeat) {
          const auto start = Clock::now();
          got = scan.run(db);
          best = std::min(best, Seconds(start));
        }
        Row row{layout.name, scan.what};
        row.seconds = best;
        row.rowsPerSecond = double(count) / best;
        row.difference = MaxDifference(got, expected, scan.firstItem, scan.lastItem);
        rows.push_back(row);
      }
      std::fflush(stdout);
    }

    std::printf("%-36s %-38s %9s %12s %9s %8s\n", "layout", "operation", "seconds", "responses/s", "file MiB", "B/resp");
    for (const Row& row : rows) {
      std::printf("%-36s %-38s %9.3f %12.0f", row.layout.c_str(), row.what.c_str(), row.seconds, row.rowsPerSecond);
      if (row.isLoad) std::printf(" %9.1f %8.1f", row.mib, row.bytesPerResponse);
      else if (row.difference > 1e-9) std::printf("   WRONG: means differ by %g", row.difference);
      std::printf("\n");
    }
    std::printf("\nEvery scan's means were checked against the generated data (a difference is printed as WRONG).\n");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "manyi-bench-layout: %s\n", e.what());
    return 2;
  }
  return 0;
}

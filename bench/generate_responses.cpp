// manyi-bench-generate: writes N synthetic survey responses as a CSV file (RFC 4180, UTF-8),
// the input of the loading benchmark and of the sqlite3 anchor it is compared with.
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/text.h"
#include "synthetic.h"

namespace {

using manyi::bench::SyntheticResponse;

using manyi::bench::kDefaultSeed;

void Usage() {
  std::fprintf(stderr,
               "usage: manyi-bench-generate N OUT.csv [--seed S]\n"
               "Writes N synthetic responses (deterministic for a seed; default seed %llu).\n",
               static_cast<unsigned long long>(kDefaultSeed));
}

void AppendInt(std::string& out, long long v) {
  char buf[24];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, p);
}

void AppendTwoDigits(std::string& out, int v) {
  out.push_back(char('0' + v / 10));
  out.push_back(char('0' + v % 10));
}

/// A small answer (−1 = missing, written as an empty cell) followed by a comma.
void AppendAnswer(std::string& out, int8_t v) {
  if (v >= 10) out.push_back(char('0' + v / 10));
  if (v >= 0) out.push_back(char('0' + v % 10));
  out.push_back(',');
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t count = 0, seed = kDefaultSeed;
  const char* outPath = nullptr;
  if (!manyi::bench::ParseGeneratorArguments(argc, argv, "manyi-bench-generate", count, seed, outPath)) {
    Usage();
    return 1;
  }
  std::FILE* out = std::fopen(outPath, "wb");
  if (!out) {
    std::fprintf(stderr, "manyi-bench-generate: cannot write %s: %s\n", outPath, std::strerror(errno));
    return 1;
  }

  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> comments(size_t(manyi::bench::CommentCount()));
  for (int i = 0; i < manyi::bench::CommentCount(); ++i) comments[size_t(i)] = manyi::CsvField(manyi::bench::Comment(i));

  std::string buf = "respondent_id,wave,channel,submitted_on,region,industry,";
  for (int i = 1; i <= manyi::bench::kRatingItems; ++i) {
    buf += 'q';
    AppendTwoDigits(buf, i);
    buf += ',';
  }
  buf += "overall,nps,comment\n";

  manyi::bench::ResponseGenerator gen(seed);
  SyntheticResponse r;
  constexpr size_t kFlushAt = 1 << 20;
  buf.reserve(kFlushAt + 4096);
  bool ok = true;
  for (uint64_t n = 0; n < count && ok; ++n) {
    gen.Next(r);
    buf += 'R';
    char id[16];
    std::snprintf(id, sizeof id, "%07lld", static_cast<long long>(r.number));
    buf += id;
    buf += ',';
    AppendInt(buf, r.wave);
    buf += ',';
    buf += manyi::bench::kChannels[size_t(r.channel)];
    buf += ',';
    AppendInt(buf, r.wave);
    buf += '-';
    AppendTwoDigits(buf, r.month);
    buf += '-';
    AppendTwoDigits(buf, r.day);
    buf += ',';
    buf += manyi::bench::kRegions[size_t(r.region)].zh;
    buf += ',';
    buf += manyi::bench::kIndustries[size_t(r.industry)].key;
    buf += ',';
    for (int8_t v : r.items) AppendAnswer(buf, v);
    AppendAnswer(buf, r.overall);
    AppendAnswer(buf, r.nps);
    if (r.comment >= 0) buf += comments[size_t(r.comment)];
    buf += '\n';
    if (buf.size() >= kFlushAt) {
      ok = std::fwrite(buf.data(), 1, buf.size(), out) == buf.size();
      buf.clear();
    }
  }
  if (ok) ok = std::fwrite(buf.data(), 1, buf.size(), out) == buf.size();
  if (std::fclose(out) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "manyi-bench-generate: writing %s failed: %s\n", outPath, std::strerror(errno));
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %llu responses to %s (seed %llu) in %.2f s\n", static_cast<unsigned long long>(count), outPath,
              static_cast<unsigned long long>(seed), seconds);
  return 0;
}

// manyi-bench-generate-wjx: writes N synthetic responses as a 问卷星 (Wenjuanxing) "按选项文本"
// (answers as text) .xlsx download, the input of the workbook import benchmark. The columns copy
// the shared 问卷星 fixtures: 序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP, then one column per
// question headed "N、question text"; multi-select answers joined with "┋", other-specify texts as
// 其他【请注明】〖text〗, −3 for a question skipped by the survey's logic and −2 for one not shown.
// The answers come from the same synthetic model as the CSV generator (bench/synthetic.h).
//
// The sheet is written with libxlsxwriter's constant_memory mode: rows go to disk as they are
// made, so the generator itself needs little memory whatever N is.
#include <locale.h>
#include <xlsxwriter.h>

#include <cerrno>
#include <chrono>
#include <clocale>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "synthetic.h"

namespace {

namespace bench = manyi::bench;

using bench::kDefaultSeed;

// The options of the multi-select question "how did you hear of us" (the last one takes a text).
constexpr const char* kSources[] = {"公司网站", "行业展会", "同行推荐", "广告", "认证机构名录", "其他【请注明】"};
constexpr int kSourceCount = int(sizeof kSources / sizeof kSources[0]);
constexpr const char* kOtherTexts[] = {"朋友介绍", "微信公众号", "老客户"};
constexpr const char* kDevices[] = {"手机提交", "链接", "微信"};
constexpr const char* kDetails[] = {"直接访问", "微信", "N/A"};
constexpr const char* kIpPlaces[] = {"山东-青岛", "山东-济南", "山东-烟台", "江苏-南京", "上海-上海", "北京-北京"};

struct Writer {
  lxw_worksheet* sheet;
  lxw_error error = LXW_NO_ERROR;
  void Text(lxw_row_t row, lxw_col_t col, const std::string& text) {
    const lxw_error e = worksheet_write_string(sheet, row, col, text.c_str(), nullptr);
    if (e != LXW_NO_ERROR && error == LXW_NO_ERROR) error = e;
  }
  void Number(lxw_row_t row, lxw_col_t col, double value) {
    const lxw_error e = worksheet_write_number(sheet, row, col, value, nullptr);
    if (e != LXW_NO_ERROR && error == LXW_NO_ERROR) error = e;
  }
};

/// 问卷星 writes a skipped question as −3 and one that was not shown as −2; the synthetic model's
/// missing answers alternate between the two.
double MissingCode(int64_t number, int column) { return (number + column) % 4 == 0 ? -2 : -3; }

int Write(uint64_t count, uint64_t seed, const char* path) {
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path, &options);
  if (!book) {
    std::fprintf(stderr, "manyi-bench-generate-wjx: cannot create %s\n", path);
    return 1;
  }
  Writer w{workbook_add_worksheet(book, "Sheet1")};

  std::vector<std::string> header = {"序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
                                     "1、贵公司所在地区", "2、贵公司所属行业", "3、您通过哪些渠道了解我们？"};
  int question = 4;
  for (int i = 1; i <= bench::kRatingItems; ++i)
    header.push_back(std::to_string(question++) + "、请为以下方面的满意度打分（1-10分）：项目" + std::to_string(i));
  header.push_back(std::to_string(question++) + "、总体而言，您对我们的服务满意吗？");
  header.push_back(std::to_string(question++) + "、您向同行推荐我们的可能性有多大？（0-10分）");
  header.push_back(std::to_string(question++) + "、您对我们的意见和建议");
  for (size_t c = 0; c < header.size(); ++c) w.Text(0, lxw_col_t(c), header[c]);

  bench::ResponseGenerator gen(seed);
  bench::SplitMix64 extra(seed ^ 0x5A5A5A5A5A5A5A5Aull);
  bench::SyntheticResponse r;
  std::string cell;
  char buf[96];
  for (uint64_t n = 0; n < count && w.error == LXW_NO_ERROR; ++n) {
    gen.Next(r);
    const lxw_row_t row = lxw_row_t(n + 1);
    lxw_col_t col = 0;
    w.Number(row, col++, double(r.number));
    std::snprintf(buf, sizeof buf, "%d/%d/%d %d:%02d:%02d", r.wave, r.month, r.day, int(extra.Below(14)) + 8,
                  int(extra.Below(60)), int(extra.Below(60)));
    w.Text(row, col++, buf);
    std::snprintf(buf, sizeof buf, "%u秒", 60 + extra.Below(900));
    w.Text(row, col++, buf);
    w.Text(row, col++, kDevices[extra.Below(3)]);
    w.Text(row, col++, kDetails[extra.Below(3)]);
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u(%s)", 27 + extra.Below(200), extra.Below(256), extra.Below(256), 1 + extra.Below(254),
                  kIpPlaces[extra.Below(6)]);
    w.Text(row, col++, buf);
    w.Text(row, col++, std::string(bench::kRegions[size_t(r.region)].zh));
    w.Text(row, col++, std::string(bench::kIndustries[size_t(r.industry)].zh));
    // One to three channels, in the order of the options, joined as 问卷星 joins them.
    cell.clear();
    const uint32_t picks = 1 + extra.Below(3);
    uint32_t mask = 0;
    for (uint32_t k = 0; k < picks; ++k) mask |= 1u << extra.Below(kSourceCount);
    for (int k = 0; k < kSourceCount; ++k) {
      if (!(mask & (1u << k))) continue;
      if (!cell.empty()) cell += "┋";
      cell += kSources[k];
      if (k == kSourceCount - 1) cell += std::string("〖") + kOtherTexts[extra.Below(3)] + "〗";
    }
    w.Text(row, col++, cell);
    for (int8_t v : r.items) {
      w.Number(row, col, v >= 0 ? double(v) : MissingCode(r.number, col));
      ++col;
    }
    w.Number(row, col, r.overall >= 0 ? double(r.overall) : MissingCode(r.number, col));
    ++col;
    w.Number(row, col, r.nps >= 0 ? double(r.nps) : MissingCode(r.number, col));
    ++col;
    // 问卷星 writes an open question left blank as "(空)".
    w.Text(row, col++, r.comment >= 0 ? std::string(bench::Comment(r.comment)) : std::string("(空)"));
  }
  const lxw_error closed = workbook_close(book);
  if (w.error != LXW_NO_ERROR || closed != LXW_NO_ERROR) {
    std::fprintf(stderr, "manyi-bench-generate-wjx: writing %s failed: %s\n", path,
                 lxw_strerror(w.error != LXW_NO_ERROR ? w.error : closed));
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t count = 0, seed = kDefaultSeed;
  const char* outPath = nullptr;
  if (!bench::ParseGeneratorArguments(argc, argv, "manyi-bench-generate-wjx", count, seed, outPath) || count == 0 || count > 1048575) {
    std::fprintf(stderr,
                 "usage: manyi-bench-generate-wjx N OUT.xlsx [--seed S]\n"
                 "Writes N (1 to 1048575) synthetic responses as a 问卷星 answer-text .xlsx download "
                 "(deterministic for a seed; default seed %llu).\n",
                 static_cast<unsigned long long>(kDefaultSeed));
    return 1;
  }
  // libxlsxwriter formats numbers with the process locale: write in the C locale.
  locale_t c = newlocale(LC_ALL_MASK, "C", nullptr);
  locale_t previous = uselocale(c);
  const auto start = std::chrono::steady_clock::now();
  const int rc = Write(count, seed, outPath);
  uselocale(previous);
  freelocale(c);
  if (rc == 0)
    std::printf("wrote %llu 问卷星-style responses to %s (seed %llu) in %.2f s\n", static_cast<unsigned long long>(count), outPath,
                static_cast<unsigned long long>(seed),
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return rc;
}

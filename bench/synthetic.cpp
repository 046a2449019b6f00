// The synthetic response generator (see synthetic.h): a latent-factor model of satisfaction.
#include "synthetic.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace manyi::bench {

namespace {

static_assert([] {
  int total = 0;
  for (const Region& r : kRegions) total += r.sent;
  return total == 979;
}(), "the 2006 survey sent 979 questionnaires (DOMAIN.md §2)");

constexpr std::string_view kComments[] = {
    "审核员很专业，沟通顺畅。",
    "证书发放太慢,希望改进",
    "希望收费更合理一些,谢谢!",
    "总体满意",
    "审核员说\"下次再来\"，但一直没有回复。",
    "希望改进：\n1. 响应速度\n2. 收费标准",
    "服务态度好,沟通顺畅",
    "对\"年度监督审核\"的安排不满意,\n时间总是临时通知。",
    "无",
    "建议增加网上查询证书状态的功能。",
    "电话经常打不通，\"客服\"也不回邮件。",
    "审核时间安排合理,审核员认真负责,值得推荐",
    "价格偏高",
    "第一行\r\n第二行（Windows 换行）",
    "很好，继续保持！",
    "报告中的\"不符合项\"描述不清楚,希望写得具体一些，\n并给出整改期限。",
};

/// Cumulative weights, so that a draw below total picks an entry by binary search.
template <typename Weights>
void Cumulate(const Weights& weights, uint32_t* cdf) {
  uint32_t sum = 0;
  size_t i = 0;
  for (int w : weights) cdf[i++] = sum += uint32_t(w);
}

template <size_t N>
int Pick(SplitMix64& rng, const std::array<uint32_t, N>& cdf) {
  const uint32_t u = rng.Below(cdf[N - 1]);
  return int(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
}

int8_t Clamp(double x, int lo, int hi) { return int8_t(std::clamp(int(std::floor(x + 0.5)), lo, hi)); }

// Item means between 6.4 and 7.6, loadings on the latent factor between 0.6 and 0.9: typical of
// B2B satisfaction data, where most answers sit in the upper half of a 10-point scale.
double ItemMean(int i) { return 7.0 + double((i * 7) % 11 - 5) * 0.12; }
double Loading(int i) { return 0.6 + double(i % 4) * 0.1; }
double RegionEffect(int r) { return double((r * 5) % 9 - 4) * 0.08; }
double IndustryEffect(int k) { return double((k * 3) % 7 - 3) * 0.1; }

}  // namespace

std::string_view Comment(int index) { return kComments[index]; }
int CommentCount() { return int(std::size(kComments)); }

ResponseGenerator::ResponseGenerator(uint64_t seed) : m_rng(seed) {
  std::array<int, kRegions.size()> regionWeights{};
  for (size_t i = 0; i < kRegions.size(); ++i) regionWeights[i] = kRegions[i].sent;
  std::array<int, kIndustries.size()> industryWeights{};
  for (size_t i = 0; i < kIndustries.size(); ++i) industryWeights[i] = kIndustries[i].weight;
  Cumulate(regionWeights, m_regionCdf.data());
  Cumulate(industryWeights, m_industryCdf.data());
  Cumulate(kChannelWeights, m_channelCdf.data());
}

void ResponseGenerator::Next(SyntheticResponse& r) {
  r.number = ++m_count;
  r.wave = kFirstWave + int(m_rng.Below(kWaves));
  r.channel = Pick(m_rng, m_channelCdf);
  r.month = 10 + int(m_rng.Below(3));
  r.day = 1 + int(m_rng.Below(r.month == 11 ? 30 : 31));
  r.region = Pick(m_rng, m_regionCdf);
  r.industry = Pick(m_rng, m_industryCdf);

  // The respondent's general disposition: what makes the answers of one person correlate.
  const double latent = m_rng.Normal();
  const double shift = RegionEffect(r.region) + IndustryEffect(r.industry);
  for (int i = 0; i < kRatingItems; ++i) {
    const double x = ItemMean(i) + shift + 1.4 * Loading(i) * latent + 1.1 * m_rng.Normal();
    r.items[size_t(i)] = m_rng.Uniform() < kMissingRate ? int8_t(-1) : Clamp(x, 1, 10);
  }
  r.overall = m_rng.Uniform() < 0.01 ? int8_t(-1) : Clamp(7.2 + shift + 1.6 * latent + 0.8 * m_rng.Normal(), 1, 10);
  r.nps = m_rng.Uniform() < 0.01 ? int8_t(-1) : Clamp(7.4 + shift + 2.0 * latent + 1.2 * m_rng.Normal(), 0, 10);
  r.comment = m_rng.Uniform() < 0.25 ? int(m_rng.Below(uint32_t(CommentCount()))) : -1;
}

namespace {

bool ParseCount(const char* text, uint64_t& out) {
  const char* end = text + std::strlen(text);
  auto [p, ec] = std::from_chars(text, end, out);
  return ec == std::errc() && p == end;
}

}  // namespace

bool ParseGeneratorArguments(int argc, char** argv, const char* program, uint64_t& count, uint64_t& seed, const char*& out) {
  seed = kDefaultSeed;
  int positional = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
      if (!ParseCount(argv[++i], seed)) {
        std::fprintf(stderr, "%s: --seed %s is not a whole number\n", program, argv[i]);
        return false;
      }
    } else if (positional == 0 && ParseCount(argv[i], count)) {
      ++positional;
    } else if (positional == 1) {
      out = argv[i];
      ++positional;
    } else {
      return false;
    }
  }
  return positional == 2;
}

}  // namespace manyi::bench

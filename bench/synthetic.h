// Deterministic synthetic survey responses for the benchmarks: the regions and industries of the
// 2006 certification survey (DOMAIN.md §2) with skewed frequencies, 30 rating items correlated
// through a per-respondent latent factor, an overall item, NPS and Chinese comments.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace manyi::bench {

/// A region of the sample frame with the number of questionnaires sent there in 2006, which the
/// generator uses as its frequency weight (Qingdao 443 of 979 …).
struct Region {
  std::string_view zh, en;
  int sent;
};

/// The 24 regions in the order (and so with the codes 1…24) of data/demo/questionnaire.json.
inline constexpr std::array<Region, 24> kRegions = {{
    {"青岛", "Qingdao", 443}, {"烟台", "Yantai", 78},     {"潍坊", "Weifang", 103},   {"济南", "Jinan", 74},
    {"济宁", "Jining", 41},   {"威海", "Weihai", 36},     {"东营", "Dongying", 48},   {"江苏", "Jiangsu", 10},
    {"枣庄", "Zaozhuang", 11}, {"临沂", "Linyi", 24},      {"淄博", "Zibo", 23},       {"日照", "Rizhao", 29},
    {"荷泽", "Heze", 4},      {"德州", "Dezhou", 6},      {"安徽", "Anhui", 7},       {"聊城", "Liaocheng", 7},
    {"泰安", "Tai'an", 5},    {"滨州", "Binzhou", 9},     {"莱芜", "Laiwu", 2},       {"上海", "Shanghai", 4},
    {"北京", "Beijing", 2},   {"新疆", "Xinjiang", 4},    {"贵州", "Guizhou", 2},     {"未署名", "Unsigned (region unknown)", 7},
}};

/// An industry class of the certification body (letters A–S). The source publishes no counts
/// per industry, so the weights are invented: skewed towards manufacturing, as a certification
/// body's clients are.
struct Industry {
  char key;
  std::string_view zh, en;
  int weight;
};

inline constexpr std::array<Industry, 19> kIndustries = {{
    {'A', "食品饮料和烟草", "Food, beverages and tobacco", 40},
    {'B', "食品、饮料和烟草", "Food, beverages and tobacco (B)", 25},
    {'C', "纺织品及纺织制品", "Textiles and textile products", 60},
    {'D', "纸浆、纸及纸制品", "Pulp, paper and paper products", 20},
    {'E', "化学品、化学制品及纤维", "Chemicals, chemical products and fibres", 90},
    {'F', "橡胶和塑料制品", "Rubber and plastic products", 70},
    {'G', "基础金属及金属制品", "Basic metals and fabricated metal products", 110},
    {'H', "机械及设备", "Machinery and equipment", 150},
    {'I', "电和光学设备", "Electrical and optical equipment", 120},
    {'J', "其他运输业", "Other transport", 30},
    {'K', "其他未分类制造业", "Manufacturing not elsewhere classified", 45},
    {'L', "建设业", "Construction", 80},
    {'M', "批发零售业", "Wholesale and retail trade; repairs", 35},
    {'N', "运输仓储和通讯业", "Transport, storage and communication", 25},
    {'O', "金融中介、房地产和租赁", "Financial intermediation, real estate, renting", 10},
    {'P', "工程服务", "Engineering services", 30},
    {'Q', "其他服务业", "Other services", 40},
    {'R', "公共行政管理", "Public administration", 8},
    {'S', "采矿及采石、木材、皮革、印刷等", "Mining, wood, leather, printing, utilities, hotels, IT, education etc.", 55},
}};

/// The channels the generator uses (keys as storage writes them) and their weights.
inline constexpr std::array<std::string_view, 3> kChannels = {"mail", "phone", "online"};
inline constexpr std::array<int, 3> kChannelWeights = {55, 25, 20};

/// Survey waves: one per year, the autumn fieldwork of the 2006 survey repeated.
inline constexpr int kFirstWave = 2006, kWaves = 4;

inline constexpr int kRatingItems = 30;
inline constexpr double kMissingRate = 0.03;

/// splitmix64 (Steele, Lea, Flood 2014, "Fast splittable pseudorandom number generators"): tiny,
/// fast and specified bit for bit, so every platform produces the same data for a seed — which
/// the std::*_distribution classes do not promise.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : m_state(seed) {}
  uint64_t Next() {
    uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// A uniform double in [0, 1) from the top 53 bits.
  double Uniform() { return double(Next() >> 11) * 0x1.0p-53; }
  /// A uniform integer in [0, n) by multiply-shift (bias below 2^-32, irrelevant here).
  uint32_t Below(uint32_t n) { return uint32_t(((Next() >> 32) * n) >> 32); }
  /// An approximately standard normal number: the Irwin–Hall sum of four 16-bit uniforms taken
  /// from one draw, centred and scaled to variance 1. Pure integer/IEEE arithmetic, so it is
  /// reproducible everywhere (no libm calls whose last bit may differ).
  double Normal() {
    const uint64_t x = Next();
    const double sum = double((x & 0xFFFF) + ((x >> 16) & 0xFFFF) + ((x >> 32) & 0xFFFF) + (x >> 48)) + 2.0;
    // Each term (v + 0.5) / 65536 is uniform on (0, 1): mean 2 and variance 1/3 for the sum.
    return (sum / 65536.0 - 2.0) * 1.7320508075688772;
  }

 private:
  uint64_t m_state;
};

/// One synthetic response, as indices into the tables above; −1 marks a missing answer.
struct SyntheticResponse {
  int64_t number = 0;  ///< 1-based; the respondent id is "R" followed by it
  int wave = 0;        ///< year
  int channel = 0;     ///< index into kChannels
  int month = 10, day = 1;
  int region = 0;      ///< index into kRegions
  int industry = 0;    ///< index into kIndustries
  std::array<int8_t, kRatingItems> items{};
  int8_t overall = 0;  ///< 1–10 or −1
  int8_t nps = 0;      ///< 0–10 or −1
  int comment = -1;    ///< index into Comments(), −1 = none
};

/// The comments respondents write: Chinese text, some with ASCII commas, double quotes and line
/// breaks, so that a CSV writer must quote them and a reader must handle quoted newlines.
std::string_view Comment(int index);
int CommentCount();

/// Produces the same sequence of responses for the same seed; the first N responses do not
/// depend on how many follow.
class ResponseGenerator {
 public:
  explicit ResponseGenerator(uint64_t seed);
  void Next(SyntheticResponse& r);

 private:
  SplitMix64 m_rng;
  int64_t m_count = 0;
  std::array<uint32_t, kRegions.size()> m_regionCdf{};
  std::array<uint32_t, kIndustries.size()> m_industryCdf{};
  std::array<uint32_t, kChannels.size()> m_channelCdf{};
};

/// The default seed of the generators.
inline constexpr uint64_t kDefaultSeed = 2006;

/// The command line of the generators, `N OUT [--seed S]` (in any order). On a mistake, prints
/// what is wrong (when it is the seed) and returns false; the caller prints its usage.
bool ParseGeneratorArguments(int argc, char** argv, const char* program, uint64_t& count, uint64_t& seed, const char*& out);

}  // namespace manyi::bench

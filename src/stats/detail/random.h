// Seeded, portable random streams shared by the resampling methods (PLS bootstrap, permutation
// tests): the same seed gives the same sequence with every compiler and standard library, which
// std:: distributions do not guarantee.
#pragma once

#include <cstdint>
#include <limits>

namespace manyi::stats::detail {

// splitmix64 (Steele, Lea & Flood 2014): seeds the xoshiro state.
inline std::uint64_t SplitMix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256** 1.0 (Blackman & Vigna 2018): fixed, portable sequence for a given seed.
class Xoshiro256 {
 public:
  explicit Xoshiro256(std::uint64_t seed) {
    for (auto& word : m_s) word = SplitMix64(seed);
  }
  std::uint64_t Next() {
    const std::uint64_t result = Rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = Rotl(m_s[3], 45);
    return result;
  }
  /// Uniform integer in [0, bound), unbiased (rejection of the incomplete last interval).
  std::uint64_t Below(std::uint64_t bound) {
    const std::uint64_t limit =
        std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % bound;
    std::uint64_t x;
    do {
      x = Next();
    } while (x >= limit);
    return x % bound;
  }

 private:
  static std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t m_s[4];
};

}  // namespace manyi::stats::detail

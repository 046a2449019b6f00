// The generated data of the tests and benchmarks: standard normal numbers from splitmix64 and the
// Box–Muller transform, the same sequence for a seed on every machine (std:: distributions do not
// promise that). Used by tests/unit (stats, report) and bench/bench_pls.cpp.
#pragma once

#include <cmath>
#include <cstdint>

#include "stats/detail/random.h"

namespace manyi::test_support {

class NormalSequence {
 public:
  explicit NormalSequence(std::uint64_t seed) : m_state(seed) {}
  /// Uniform on the open interval (0, 1): the top 53 bits of a splitmix64 draw, plus half a step.
  double Uniform() { return (double(stats::detail::SplitMix64(m_state) >> 11) + 0.5) * 0x1.0p-53; }
  /// Standard normal: Box–Muller from two uniforms (the cosine branch only, so that every number
  /// costs the same two draws).
  double operator()() {
    const double u1 = Uniform(), u2 = Uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

 private:
  std::uint64_t m_state;
};

}  // namespace manyi::test_support

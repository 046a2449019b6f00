// Neumaier's compensated summation (improved Kahan–Babuška), for long sums of squares.
#pragma once

#include <cmath>

namespace manyi::stats::detail {

/// Running sum whose rounding error stays O(ε) instead of O(nε) (Neumaier 1974).
class CompensatedSum {
 public:
  void Add(double x) noexcept {
    const double t = m_sum + x;
    m_compensation += std::fabs(m_sum) >= std::fabs(x) ? (m_sum - t) + x : (x - t) + m_sum;
    m_sum = t;
  }
  double Value() const noexcept { return m_sum + m_compensation; }

 private:
  double m_sum = 0.0;
  double m_compensation = 0.0;
};

}  // namespace manyi::stats::detail

// Shared vocabulary of the statistics library: missing values, weights and intervals.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>

namespace manyi::stats {

/// A statistic that may be undefined ("missing", shown as "—" in reports); never holds NaN.
using Stat = std::optional<double>;

/// Input sentinel for a missing observation in a column of doubles; any NaN counts as missing.
inline constexpr double kMissingValue = std::numeric_limits<double>::quiet_NaN();

/// Group code of a row that belongs to no group (skipped by grouped computations).
inline constexpr std::uint32_t kNoGroup = std::numeric_limits<std::uint32_t>::max();

/// True when an input value is the missing sentinel.
inline bool IsMissing(double x) noexcept { return std::isnan(x); }

/// Wraps a computed double as a Stat: missing when it is not finite.
inline Stat Finite(double x) noexcept { return std::isfinite(x) ? Stat{x} : std::nullopt; }

/// A two-sided interval; both ends are finite.
struct Interval {
  double lower = 0.0;
  double upper = 0.0;
};

/// Weights of the rows; an empty span means "unweighted" (every weight 1).
using Weights = std::span<const double>;

}  // namespace manyi::stats

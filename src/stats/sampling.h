// Sample design helpers: sample size for a proportion, proportional and Neyman allocation, rounding.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Sample size to estimate a proportion p within ±e at confidence 1−α:
/// n = a z² p(1−p) / (e² + z² p(1−p)/(N−1)), a = N/(N−1); n₀ = z² p(1−p)/e² when N is absent
/// (Cochran 1977 §4.4; PracTools nProp). Rounded up. Missing for invalid input.
std::optional<std::size_t> SampleSizeProportion(double marginOfError, double confidence = 0.95, double p = 0.5,
                                                std::optional<double> populationSize = {});

/// Proportional allocation n_h = n N_h / Σ N (real-valued quotas).
std::vector<double> ProportionalAllocation(double n, std::span<const double> populationSizes);

/// Neyman allocation n_h = n N_h S_h / Σ N_k S_k (real-valued quotas); empty when Σ N_h S_h = 0.
std::vector<double> NeymanAllocation(double n, std::span<const double> populationSizes,
                                     std::span<const double> stratumSds);

/// Anticipated SE of the estimated population mean under stratified SRS with allocation n_h:
/// √(Σ N_h² (1 − n_h/N_h) S_h² / n_h) / N (Cochran 1977 eq. 5.6); missing if some n_h ≤ 0.
Stat AnticipatedSeOfMean(std::span<const double> populationSizes, std::span<const double> stratumSds,
                         std::span<const double> allocation);

/// Integer allocation by the largest-remainder (Hamilton) method: floors, then the units left go
/// one each to the largest fractional parts (ties to the earlier stratum). Sums to round(Σ quotas).
std::vector<std::size_t> LargestRemainder(std::span<const double> quotas);

}  // namespace manyi::stats

// Fieldwork arithmetic: fixed-fraction stratified sample plans with an explicit rounding rule,
// and AAPOR response, cooperation, refusal and contact rates from final dispositions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// How a fractional quota becomes a whole number of questionnaires.
enum class Rounding {
  kHalfUp,   ///< 0.5 goes up (the source survey's rule: 四舍五入)
  kHalfEven, ///< banker's rounding
  kUp,       ///< ceiling: never fewer than the fraction asks
  kDown,     ///< floor
};

/// n_h = round(fraction × N_h) per stratum with the given rule. Each n_h is at most N_h.
/// Computed on fraction × N_h rounded to 1e-9 first, so 0.8 × 5 is 4 and not 3.9999….
std::vector<std::size_t> FixedFractionAllocation(std::span<const std::size_t> populationSizes, double fraction, Rounding rule);

/// Final AAPOR (Standard Definitions, 10th ed. 2023) disposition counts.
struct DispositionCounts {
  double complete = 0;        ///< I
  double partial = 0;         ///< P
  double refusal = 0;         ///< R: refusals and break-offs
  double nonContact = 0;      ///< NC
  double other = 0;           ///< O
  double unknownHousehold = 0;  ///< UH: unknown whether reachable / a case at all (no answer, busy …)
  double unknownOther = 0;    ///< UO: unknown eligibility, other (mail never returned, undeliverable)
  double notEligible = 0;     ///< NE: not part of the target population (ineligible, wrong number)
};

/// The AAPOR rates; missing when a denominator is zero.
struct ResponseRates {
  Stat rr1, rr2, rr3, rr4, rr5, rr6;
  Stat coop1, coop2, coop3, coop4;
  Stat ref1, ref2, ref3;
  Stat con1, con2, con3;
  double e = 1.0;  ///< share of the unknown-eligibility cases estimated eligible (used by RR3, RR4, REF2, CON2)
};

/// The estimated eligible share e = eligible / (eligible + not eligible) among cases whose
/// eligibility is known (AAPOR's "proportional allocation" / CASRO estimate); 1 when nothing is known.
double EstimatedEligibility(const DispositionCounts& d);

/// AAPOR RR1–RR6, COOP1–4, REF1–3 and CON1–3 (formulas in docs/statistics.md). e ∈ [0, 1].
ResponseRates ComputeResponseRates(const DispositionCounts& d, double e);

}  // namespace manyi::stats

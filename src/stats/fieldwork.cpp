// Fixed-fraction allocation and AAPOR rates (The American Association for Public Opinion
// Research, Standard Definitions, 10th edition, 2023: RR1–RR6 p. 81ff, COOP1–4, REF1–3, CON1–3).
#include "stats/fieldwork.h"

#include <algorithm>
#include <cmath>

namespace manyi::stats {

std::vector<std::size_t> FixedFractionAllocation(std::span<const std::size_t> populationSizes, double fraction, Rounding rule) {
  std::vector<std::size_t> out;
  out.reserve(populationSizes.size());
  for (std::size_t n : populationSizes) {
    // Clean representation error: 0.8 × 5 = 4.000000000000001 or 3.9999999999999996.
    double q = std::round(fraction * double(n) * 1e9) / 1e9;
    double r = 0;
    switch (rule) {
      case Rounding::kHalfUp: r = std::floor(q + 0.5); break;
      case Rounding::kHalfEven: {
        double f = std::floor(q), diff = q - f;
        r = diff > 0.5 ? f + 1 : diff < 0.5 ? f : (std::fmod(f, 2.0) == 0 ? f : f + 1);
        break;
      }
      case Rounding::kUp: r = std::ceil(q); break;
      case Rounding::kDown: r = std::floor(q); break;
    }
    out.push_back(std::min<std::size_t>(n, std::size_t(std::max(0.0, r))));
  }
  return out;
}

double EstimatedEligibility(const DispositionCounts& d) {
  const double eligible = d.complete + d.partial + d.refusal + d.nonContact + d.other;
  const double known = eligible + d.notEligible;
  return known > 0 ? eligible / known : 1.0;
}

namespace {
Stat Ratio(double num, double den) { return den > 0 ? Stat(num / den) : std::nullopt; }
}  // namespace

ResponseRates ComputeResponseRates(const DispositionCounts& d, double e) {
  ResponseRates r;
  r.e = std::clamp(e, 0.0, 1.0);
  const double ip = d.complete + d.partial, rnco = d.refusal + d.nonContact + d.other, unknown = d.unknownHousehold + d.unknownOther;
  r.rr1 = Ratio(d.complete, ip + rnco + unknown);
  r.rr2 = Ratio(ip, ip + rnco + unknown);
  r.rr3 = Ratio(d.complete, ip + rnco + r.e * unknown);
  r.rr4 = Ratio(ip, ip + rnco + r.e * unknown);
  r.rr5 = Ratio(d.complete, ip + rnco);
  r.rr6 = Ratio(ip, ip + rnco);
  r.coop1 = Ratio(d.complete, ip + d.refusal + d.other);
  r.coop2 = Ratio(ip, ip + d.refusal + d.other);
  r.coop3 = Ratio(d.complete, ip + d.refusal);
  r.coop4 = Ratio(ip, ip + d.refusal);
  r.ref1 = Ratio(d.refusal, ip + rnco + unknown);
  r.ref2 = Ratio(d.refusal, ip + rnco + r.e * unknown);
  r.ref3 = Ratio(d.refusal, ip + rnco);
  r.con1 = Ratio(ip + d.refusal + d.other, ip + rnco + unknown);
  r.con2 = Ratio(ip + d.refusal + d.other, ip + rnco + r.e * unknown);
  r.con3 = Ratio(ip + d.refusal + d.other, ip + rnco);
  return r;
}

}  // namespace manyi::stats

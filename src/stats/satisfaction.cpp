// Satisfaction measures; formulas in docs/statistics.md §4.1 and DOMAIN.md §3.
#include "stats/satisfaction.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"
#include "stats/distributions.h"
#include "stats/intervals.h"

namespace manyi::stats {

namespace {

// Sums over valid in-range rows.
struct Tally {
  std::size_t n = 0;
  double sumW = 0.0;
  double sumW2 = 0.0;
};

double EffectiveN(const Tally& t) { return t.sumW2 > 0.0 ? t.sumW * t.sumW / t.sumW2 : 0.0; }

ScaleShareResult ShareOfScale(std::span<const double> values, Weights weights, double confidence, double scaleMin,
                              double scaleMax, double shareLow) {
  CheckWeights(values.size(), weights);
  ScaleShareResult r;
  r.weighted = !weights.empty();
  std::vector<double> inRange(values.size(), kMissingValue);
  Tally t;
  double hits = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    const double w = weights.empty() ? 1.0 : weights[i];
    if (IsMissing(x) || x < scaleMin || x > scaleMax || !(w > 0.0)) continue;
    inRange[i] = x;
    ++t.n;
    t.sumW += w;
    t.sumW2 += w * w;
    if (x >= shareLow) hits += w;
  }
  r.n = t.n;
  r.sumWeights = t.sumW;
  r.effectiveN = EffectiveN(t);
  if (t.n == 0) return r;
  const double p = hits / t.sumW;
  r.share = Finite(p);
  if (const auto ci = WilsonInterval(p * r.effectiveN, r.effectiveN, confidence)) {
    r.ciLower = ci->lower;
    r.ciUpper = ci->upper;
  }
  const Summary s = Describe(inRange, weights);
  r.mean = s.mean;
  r.meanSe = s.se;
  return r;
}

}  // namespace

NpsResult NetPromoterScore(std::span<const double> values, Weights weights, double confidence) {
  CheckWeights(values.size(), weights);
  NpsResult r;
  r.weighted = !weights.empty();
  Tally t;
  double promoters = 0.0;
  double detractors = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    const double w = weights.empty() ? 1.0 : weights[i];
    if (IsMissing(x) || x < 0.0 || x > 10.0 || !(w > 0.0)) continue;
    ++t.n;
    t.sumW += w;
    t.sumW2 += w * w;
    if (x >= 9.0) {
      promoters += w;
    } else if (x <= 6.0) {
      detractors += w;
    }
  }
  r.n = t.n;
  r.sumWeights = t.sumW;
  r.effectiveN = EffectiveN(t);
  if (t.n == 0) return r;
  const double pp = promoters / t.sumW;
  const double pd = detractors / t.sumW;
  r.promoters = pp;
  r.detractors = pd;
  r.passives = std::max(0.0, 1.0 - pp - pd);
  r.nps = 100.0 * (pp - pd);
  // Var(p̂_P − p̂_D) = (p_P + p_D − (p_P − p_D)²)/n for one multinomial sample.
  const double var = (pp + pd - (pp - pd) * (pp - pd)) / r.effectiveN;
  r.se = Finite(100.0 * std::sqrt(std::max(0.0, var)));
  if (r.se) {
    if (const Stat z = NormalCritical(confidence)) {
      r.ciLower = std::max(-100.0, *r.nps - *z * *r.se);
      r.ciUpper = std::min(100.0, *r.nps + *z * *r.se);
    }
  }
  return r;
}

ScaleShareResult Csat(std::span<const double> values, Weights weights, double confidence) {
  return ShareOfScale(values, weights, confidence, 1.0, 5.0, 4.0);
}

ScaleShareResult Ces(std::span<const double> values, Weights weights, double confidence) {
  return ShareOfScale(values, weights, confidence, 1.0, 7.0, 5.0);
}

CsiResult ImportanceWeightedCsi(std::span<const double> importance, std::span<const double> satisfactionMeans,
                                double scaleMin, double scaleMax) {
  if (importance.size() != satisfactionMeans.size()) throw std::invalid_argument("CSI: lengths differ");
  CsiResult r;
  double sum = 0.0;
  for (double w : importance) {
    if (!std::isfinite(w) || w < 0.0) return r;
    sum += w;
  }
  if (!(sum > 0.0) || !(scaleMax > scaleMin)) return r;
  double wm = 0.0;
  for (std::size_t i = 0; i < importance.size(); ++i) {
    r.normalisedWeights.push_back(importance[i] / sum);
    if (importance[i] > 0.0) {
      if (!std::isfinite(satisfactionMeans[i])) return r;  // a weighted attribute without a mean
      wm += importance[i] / sum * satisfactionMeans[i];
    }
  }
  r.weightedMean = Finite(wm);
  r.index = Finite((wm - scaleMin) / (scaleMax - scaleMin) * 100.0);
  return r;
}

std::vector<double> CsiScores(std::span<const std::span<const double>> attributes, std::span<const double> importance,
                              double scaleMin, double scaleMax) {
  if (attributes.size() != importance.size()) throw std::invalid_argument("CSI: attributes and importance differ");
  if (attributes.empty()) return {};
  const std::size_t rows = attributes[0].size();
  for (const auto& a : attributes) {
    if (a.size() != rows) throw std::invalid_argument("CSI: attribute columns differ in length");
  }
  std::vector<double> index(rows, kMissingValue);
  double sum = 0.0;
  for (double w : importance) {
    if (!std::isfinite(w) || w < 0.0) return index;
    sum += w;
  }
  if (!(sum > 0.0) || !(scaleMax > scaleMin)) return index;
  for (std::size_t i = 0; i < rows; ++i) {
    double s = 0.0;
    bool complete = true;
    for (std::size_t a = 0; a < attributes.size() && complete; ++a) {
      if (importance[a] == 0.0) continue;
      complete = !IsMissing(attributes[a][i]);
      s += importance[a] / sum * attributes[a][i];
    }
    if (complete) index[i] = (s - scaleMin) / (scaleMax - scaleMin) * 100.0;
  }
  return index;
}

CsiSampleResult ImportanceWeightedCsiSample(std::span<const std::span<const double>> attributes,
                                            std::span<const double> importance, double scaleMin, double scaleMax,
                                            Weights weights, double confidence) {
  CsiSampleResult r;
  if (attributes.empty()) {
    if (!importance.empty()) throw std::invalid_argument("CSI: attributes and importance differ");
    return r;
  }
  CheckWeights(attributes[0].size(), weights);
  const std::vector<double> index = CsiScores(attributes, importance, scaleMin, scaleMax);
  const Summary d = Describe(index, weights);
  r.n = d.n;
  r.sumWeights = d.sumWeights;
  r.index = d.mean;
  r.se = d.se;
  if (d.mean && d.se) {
    if (const Stat t = StudentTCritical(confidence, static_cast<double>(d.n - 1))) {
      r.ciLower = *d.mean - *t * *d.se;
      r.ciUpper = *d.mean + *t * *d.se;
    }
  }
  return r;
}

QuadrantResult ImportancePerformance(std::span<const double> importance, std::span<const double> performance,
                                     std::optional<double> importanceCut, std::optional<double> performanceCut) {
  if (importance.size() != performance.size()) throw std::invalid_argument("IPA: lengths differ");
  QuadrantResult r;
  auto meanOf = [](std::span<const double> v) {
    double s = 0.0;
    std::size_t n = 0;
    for (double x : v) {
      if (std::isfinite(x)) {
        s += x;
        ++n;
      }
    }
    return n > 0 ? s / static_cast<double>(n) : 0.0;
  };
  r.importanceCut = importanceCut.value_or(meanOf(importance));
  r.performanceCut = performanceCut.value_or(meanOf(performance));
  for (std::size_t i = 0; i < importance.size(); ++i) {
    if (!std::isfinite(importance[i]) || !std::isfinite(performance[i])) {
      r.quadrants.emplace_back(std::nullopt);
      continue;
    }
    const bool important = importance[i] >= r.importanceCut;
    const bool performing = performance[i] >= r.performanceCut;
    r.quadrants.emplace_back(important ? (performing ? Quadrant::KeepUpTheGoodWork : Quadrant::ConcentrateHere)
                                       : (performing ? Quadrant::PossibleOverkill : Quadrant::LowPriority));
  }
  return r;
}

}  // namespace manyi::stats

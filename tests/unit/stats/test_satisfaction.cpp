// NPS, CSAT, CES, importance-weighted CSI (DOMAIN.md worked check) and importance–performance quadrants.
#include <gtest/gtest.h>

#include <cmath>

#include "stats/descriptives.h"
#include "stats/satisfaction.h"

namespace manyi::stats {
namespace {

constexpr double kZ95 = 1.959963984540054;

TEST(Nps, SharesScoreAndMultinomialCi) {
  // 10 promoters, 5 passives, 5 detractors: NPS = 100 (0.5 − 0.25) = 25;
  // Var = (0.5 + 0.25 − 0.25²)/20 = 0.034375.
  std::vector<double> v;
  v.insert(v.end(), 6, 10);
  v.insert(v.end(), 4, 9);
  v.insert(v.end(), 3, 8);
  v.insert(v.end(), 2, 7);
  v.insert(v.end(), 3, 6);
  v.insert(v.end(), 2, 0);
  v.push_back(11);             // out of range: not counted
  v.push_back(kMissingValue);  // missing: not counted
  const NpsResult r = NetPromoterScore(v);
  EXPECT_EQ(r.n, 20u);
  EXPECT_DOUBLE_EQ(*r.promoters, 0.5);
  EXPECT_DOUBLE_EQ(*r.passives, 0.25);
  EXPECT_DOUBLE_EQ(*r.detractors, 0.25);
  EXPECT_DOUBLE_EQ(*r.nps, 25.0);
  const double se = 100.0 * std::sqrt(0.034375);
  EXPECT_NEAR(*r.se, se, 1e-12);
  EXPECT_NEAR(*r.ciLower, 25.0 - kZ95 * se, 1e-9);
  EXPECT_NEAR(*r.ciUpper, 25.0 + kZ95 * se, 1e-9);
}

TEST(Nps, WeightedUsesKishEffectiveN) {
  const double v[] = {10, 0, 8, 9};
  const double w[] = {2, 1, 1, 0};  // last row has zero weight
  const NpsResult r = NetPromoterScore(v, w);
  EXPECT_TRUE(r.weighted);
  EXPECT_EQ(r.n, 3u);
  EXPECT_DOUBLE_EQ(r.sumWeights, 4.0);
  EXPECT_NEAR(r.effectiveN, 16.0 / 6.0, 1e-15);
  EXPECT_DOUBLE_EQ(*r.nps, 100.0 * (0.5 - 0.25));
  EXPECT_NEAR(*r.se, 100.0 * std::sqrt((0.75 - 0.0625) / (16.0 / 6.0)), 1e-12);
}

TEST(Nps, Degenerate) {
  const NpsResult none = NetPromoterScore({});
  EXPECT_EQ(none.n, 0u);
  EXPECT_FALSE(none.nps.has_value());
  EXPECT_FALSE(none.se.has_value());
  const double all[] = {9, 10, 10};
  const NpsResult top = NetPromoterScore(all);
  EXPECT_DOUBLE_EQ(*top.nps, 100.0);
  EXPECT_DOUBLE_EQ(*top.se, 0.0);
  EXPECT_DOUBLE_EQ(*top.ciUpper, 100.0);
  const double one[] = {3};
  EXPECT_DOUBLE_EQ(*NetPromoterScore(one).nps, -100.0);
}

TEST(Csat, TopTwoBoxAndMean) {
  const double v[] = {5, 4, 3, 2, 1, 5, 4, 4, 0, kMissingValue};  // 0 is outside 1–5
  const auto r = Csat(v);
  EXPECT_EQ(r.n, 8u);
  EXPECT_DOUBLE_EQ(*r.share, 5.0 / 8.0);
  EXPECT_DOUBLE_EQ(*r.mean, 3.5);
  // Wilson at n = 8, p = 5/8.
  const double n = 8, p = 5.0 / 8.0, z2 = kZ95 * kZ95;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = kZ95 / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  EXPECT_NEAR(*r.ciLower, centre - half, 1e-12);
  EXPECT_NEAR(*r.ciUpper, centre + half, 1e-12);
  EXPECT_FALSE(Csat({}).share.has_value());
}

TEST(Ces, MeanAndShareFiveToSeven) {
  const double v[] = {7, 6, 5, 4, 3, 2, 1};
  const auto r = Ces(v);
  EXPECT_DOUBLE_EQ(*r.mean, 4.0);
  EXPECT_DOUBLE_EQ(*r.share, 3.0 / 7.0);
  EXPECT_NEAR(*r.meanSe, *Describe(v).se, 1e-15);
}

TEST(Csi, DomainWorkedCheck) {
  // DOMAIN.md §3: importance (7,5,9,3,6), satisfaction (8,4,8,3,4) on 1–10
  // → Σ W s̄ = 6.033333, CSI = 55.9259.
  const double imp[] = {7, 5, 9, 3, 6};
  const double sat[] = {8, 4, 8, 3, 4};
  const CsiResult r = ImportanceWeightedCsi(imp, sat, 1, 10);
  EXPECT_NEAR(*r.weightedMean, 6.033333, 5e-7);
  EXPECT_NEAR(*r.index, 55.9259, 5e-5);
  EXPECT_NEAR(*r.weightedMean, 181.0 / 30.0, 1e-14);
  EXPECT_NEAR(r.normalisedWeights[2], 0.3, 1e-15);
  const double zeros[] = {0, 0, 0, 0, 0};
  EXPECT_FALSE(ImportanceWeightedCsi(zeros, sat, 1, 10).index.has_value());
  EXPECT_FALSE(ImportanceWeightedCsi(imp, sat, 10, 10).index.has_value());
}

TEST(Csi, RespondentLevelWithInterval) {
  // Importance (1, 1) on 1–5: rows (5,3) → 75, (3,3) → 50, (1,1) → 0; the row with a missing
  // answer is dropped.
  const double a1[] = {5, 3, 1, 4};
  const double a2[] = {3, 3, 1, kMissingValue};
  const std::span<const double> cols[] = {a1, a2};
  const double imp[] = {1, 1};
  const auto r = ImportanceWeightedCsiSample(cols, imp, 1, 5);
  EXPECT_EQ(r.n, 3u);
  EXPECT_NEAR(*r.index, 125.0 / 3.0, 1e-12);
  const double idx[] = {75, 50, 0};
  const Summary s = Describe(idx);
  EXPECT_NEAR(*r.se, *s.se, 1e-12);
  EXPECT_NEAR(*r.ciLower, *s.mean - 4.302652730 * *s.se, 1e-7);  // t(0.975, 2) = 4.302652730 (R qt)
}

TEST(ImportancePerformance, QuadrantsByMeansAndByUserCuts) {
  const double imp[] = {7, 5, 9, 3, 6, kMissingValue};
  const double perf[] = {8, 4, 8, 3, 4, 5};
  const auto r = ImportancePerformance(imp, perf);
  EXPECT_DOUBLE_EQ(r.importanceCut, 6.0);  // mean of the non-missing importances
  EXPECT_DOUBLE_EQ(r.performanceCut, 32.0 / 6.0);
  EXPECT_EQ(r.quadrants[0], Quadrant::KeepUpTheGoodWork);
  EXPECT_EQ(r.quadrants[1], Quadrant::LowPriority);
  EXPECT_EQ(r.quadrants[2], Quadrant::KeepUpTheGoodWork);
  EXPECT_EQ(r.quadrants[3], Quadrant::LowPriority);
  EXPECT_EQ(r.quadrants[4], Quadrant::ConcentrateHere);
  EXPECT_FALSE(r.quadrants[5].has_value());
  const auto u = ImportancePerformance(imp, perf, 5.0, 3.5);
  EXPECT_EQ(u.quadrants[1], Quadrant::KeepUpTheGoodWork);
  EXPECT_EQ(u.quadrants[3], Quadrant::LowPriority);
  const double lowImp[] = {1};
  const double highPerf[] = {9};
  EXPECT_EQ(ImportancePerformance(lowImp, highPerf, 5.0, 5.0).quadrants[0], Quadrant::PossibleOverkill);
}

}  // namespace
}  // namespace manyi::stats

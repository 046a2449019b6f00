// The permutation multi-group test on generated data with a planted difference / no difference
// (the IPMA is checked against plspm in test_pls.cpp, which has the satisfaction fixture).
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "stats/pls_groups.h"
#include "support/normal_sequence.h"

namespace manyi::stats {
namespace {

using Normal = manyi::test_support::NormalSequence;

// Two groups of n rows, IMAG (3 items) → SAT (3 items): η_SAT = β_g η_IMAG + √(1 − β_g²) ζ,
// items = 5.5 + shift_g (SAT only) + 1.5 (0.85 η + 0.527 ε) on a 1–10 scale (not rounded).
struct TwoGroups {
  std::vector<std::vector<double>> columns = std::vector<std::vector<double>>(6);
  std::vector<std::uint8_t> group;
  PlsModel model;
  TwoGroups(std::size_t n, double betaA, double betaB, double satShiftB, std::uint64_t seed) {
    Normal z(seed);
    for (std::uint8_t g = 0; g < 2; ++g) {
      const double beta = g == 0 ? betaA : betaB;
      for (std::size_t r = 0; r < n; ++r) {
        const double imag = z();
        const double sat = beta * imag + std::sqrt(1 - beta * beta) * z();
        for (int j = 0; j < 3; ++j) columns[std::size_t(j)].push_back(5.5 + 1.5 * (0.85 * imag + 0.527 * z()));
        for (int j = 0; j < 3; ++j) columns[std::size_t(3 + j)].push_back(5.5 + (g ? satShiftB : 0.0) + 1.5 * (0.85 * sat + 0.527 * z()));
        group.push_back(g);
      }
    }
    model.latents = {{"IMAG", {0, 1, 2}, {}, PlsMode::A, 1.0, 10.0}, {"SAT", {3, 4, 5}, {}, PlsMode::A, 1.0, 10.0}};
    model.paths = {{0, 1}};
  }
  std::vector<std::span<const double>> Spans() const { return {columns.begin(), columns.end()}; }
};

TEST(PlsGroups, PermutationTestDetectsAPlantedPathAndIndexDifference) {
  // β 0.2 vs 0.7 with 250 rows per group: the difference (≈ 0.45 after attenuation) is about five
  // of its permutation SDs (≈ 0.08), so no permutation of 199 should reach it: p = 1/200.
  TwoGroups data(250, 0.2, 0.7, 1.0, 11);
  const auto spans = data.Spans();
  PlsPermutationOptions po;
  po.permutations = 199;
  po.seed = 5;
  const auto c = ComparePlsGroups(spans, data.model, {}, data.group, po);
  ASSERT_TRUE(c.Ok());
  EXPECT_EQ(c.nA, 250u);
  EXPECT_EQ(c.nB, 250u);
  EXPECT_EQ(c.permutations, 199u);
  ASSERT_EQ(c.paths.size(), 1u);
  EXPECT_LT(*c.paths[0].difference, -0.3);
  EXPECT_DOUBLE_EQ(*c.paths[0].p, 1.0 / 200.0);
  // SAT items are 1 point higher in B: index difference ≈ −100/9 = −11.1 (SE of each mean ≈ 0.09 points).
  EXPECT_NEAR(*c.indices[1].difference, -100.0 / 9.0, 1.5);
  EXPECT_DOUBLE_EQ(*c.indices[1].p, 1.0 / 200.0);
  // IMAG was generated alike in both groups.
  EXPECT_GT(*c.indices[0].p, 0.05);
}

TEST(PlsGroups, PermutationTestFindsNothingWhereNothingWasPlanted) {
  TwoGroups data(250, 0.5, 0.5, 0.0, 12);
  const auto spans = data.Spans();
  PlsPermutationOptions po;
  po.permutations = 199;
  po.seed = 5;
  const auto c = ComparePlsGroups(spans, data.model, {}, data.group, po);
  ASSERT_TRUE(c.Ok());
  // With this fixed seed and data the p-values are fixed numbers; any p above 0.05 passes (under
  // the null they are uniform, so a fresh seed fails 1 time in 20 — the seed here is not tuned:
  // it is the first one tried).
  EXPECT_GT(*c.paths[0].p, 0.05);
  EXPECT_GT(*c.indices[0].p, 0.05);
  EXPECT_GT(*c.indices[1].p, 0.05);
}

TEST(PlsGroups, PermutationsAreReproducibleWithTheSeedWhateverTheThreads) {
  TwoGroups data(120, 0.4, 0.55, 0.2, 13);
  const auto spans = data.Spans();
  PlsPermutationOptions po;
  po.permutations = 100;
  po.seed = 42;
  po.threads = 1;
  const auto one = ComparePlsGroups(spans, data.model, {}, data.group, po);
  po.threads = 2;
  const auto two = ComparePlsGroups(spans, data.model, {}, data.group, po);
  ASSERT_TRUE(one.Ok() && two.Ok());
  EXPECT_EQ(*one.paths[0].p, *two.paths[0].p);
  EXPECT_EQ(*one.indices[1].p, *two.indices[1].p);
  EXPECT_EQ(*one.rSquared[1].p, *two.rSquared[1].p);
  // A different seed draws other permutations (p differs unless it sits at a bound).
  po.seed = 43;
  const auto other = ComparePlsGroups(spans, data.model, {}, data.group, po);
  EXPECT_TRUE(*other.paths[0].p != *one.paths[0].p || *other.indices[1].p != *one.indices[1].p);
}

TEST(PlsGroups, RowsOutsideBothGroupsOrIncompleteAreLeftOut) {
  TwoGroups data(60, 0.5, 0.5, 0.0, 14);
  data.group[0] = 7;                       // neither group
  data.columns[3][1] = kMissingValue;      // incomplete
  const auto spans = data.Spans();
  PlsPermutationOptions po;
  po.permutations = 20;
  const auto c = ComparePlsGroups(spans, data.model, {}, data.group, po);
  ASSERT_TRUE(c.Ok());
  EXPECT_EQ(c.nA, 58u);
  EXPECT_EQ(c.nB, 60u);
  // A group too small to estimate is reported, not compared.
  std::vector<std::uint8_t> tiny(data.group.size(), 0);
  tiny[5] = tiny[6] = 1;
  const auto bad = ComparePlsGroups(spans, data.model, {}, tiny, po);
  EXPECT_FALSE(bad.Ok());
  EXPECT_EQ(bad.statusB, PlsStatus::TooFewRows);
  EXPECT_TRUE(bad.paths.empty());
}

}  // namespace
}  // namespace manyi::stats

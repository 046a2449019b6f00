// Sample sizes and stratified allocation against PracTools 1.7.5 (reference/README.md).
#include <gtest/gtest.h>

#include "stats/sampling.h"

namespace manyi::stats {
namespace {

TEST(Sampling, ProportionSampleSizesInfinitePopulation) {
  // PracTools nProp(moe.sw = 1, e, alpha = 0.05, pU = 0.5), ceilings: e = 0.01 … 0.08.
  const double e[] = {0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08};
  const std::size_t n[] = {9604, 2401, 1068, 601, 385, 267, 196, 151};
  for (int i = 0; i < 8; ++i) EXPECT_EQ(*SampleSizeProportion(e[i]), n[i]) << e[i];
}

TEST(Sampling, ProportionSampleSizesWithFpc) {
  // e = 0.05: N = 500 → 218, N = 1000 → 278 (DOMAIN.md §3), N = 5000 → 357.
  EXPECT_EQ(*SampleSizeProportion(0.05, 0.95, 0.5, 500.0), 218u);
  EXPECT_EQ(*SampleSizeProportion(0.05, 0.95, 0.5, 1000.0), 278u);
  EXPECT_EQ(*SampleSizeProportion(0.05, 0.95, 0.5, 5000.0), 357u);
  EXPECT_FALSE(SampleSizeProportion(0.0).has_value());
  EXPECT_FALSE(SampleSizeProportion(0.05, 0.95, 0.5, 1.0).has_value());
  EXPECT_FALSE(SampleSizeProportion(0.05, 1.5).has_value());
  EXPECT_EQ(*SampleSizeProportion(0.05, 0.95, 0.0), 0u);  // p = 0: no variance
}

constexpr double kNh[] = {215, 65, 252, 50, 149, 144};
constexpr double kSh[] = {26787207, 10645109, 6909676, 11085034, 9817762, 44553355};

TEST(Sampling, NeymanAllocationAndAnticipatedSe) {
  // PracTools strAlloc(n.tot = 100, Nh, Sh, alloc = "neyman").
  const auto nh = NeymanAllocation(100, kNh, kSh);
  const double expected[] = {34.641683, 4.161947, 10.473487, 3.333804, 8.798970, 38.590108};
  ASSERT_EQ(nh.size(), 6u);
  for (int h = 0; h < 6; ++h) EXPECT_NEAR(nh[h], expected[h], 5e-7) << h;
  EXPECT_NEAR(*AnticipatedSeOfMean(kNh, kSh, nh), 1727173.0, 0.5);  // "anticipated SE" 1727173
  const auto ints = LargestRemainder(nh);
  EXPECT_EQ(ints, (std::vector<std::size_t>{35, 4, 10, 3, 9, 39}));
}

TEST(Sampling, ProportionalAllocationLargestRemainder) {
  const auto q = ProportionalAllocation(100, kNh);
  EXPECT_NEAR(q[0], 100.0 * 215 / 875, 1e-12);
  EXPECT_EQ(LargestRemainder(q), (std::vector<std::size_t>{25, 7, 29, 6, 17, 16}));
}

TEST(Sampling, DegenerateAllocations) {
  const double zeros[] = {0, 0};
  EXPECT_TRUE(ProportionalAllocation(10, zeros).empty());
  EXPECT_TRUE(NeymanAllocation(10, zeros, zeros).empty());
  EXPECT_TRUE(LargestRemainder({}).empty());
  const double q[] = {0.5, 0.5};
  const auto tie = LargestRemainder(q);  // ties go to the earlier stratum
  EXPECT_EQ(tie, (std::vector<std::size_t>{1, 0}));
  const double n0[] = {10, 0};
  const double s[] = {1, 1};
  EXPECT_FALSE(AnticipatedSeOfMean(n0, s, n0).has_value());
}

}  // namespace
}  // namespace manyi::stats

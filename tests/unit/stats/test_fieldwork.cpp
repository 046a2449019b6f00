// Tests of fixed-fraction allocation (the source survey's 80 %, round half up) and AAPOR rates
// against a disposition table computed by hand from the Standard Definitions formulas.
#include <gtest/gtest.h>

#include "stats/fieldwork.h"

using namespace manyi::stats;

TEST(FixedFraction, EightyPercentRoundedHalfUpPerStratum) {
  std::vector<std::size_t> n{1, 2, 3, 4, 5, 10, 553};
  // 0.8, 1.6, 2.4, 3.2, 4.0, 8.0, 442.4 → 1, 2, 2, 3, 4, 8, 442
  EXPECT_EQ(FixedFractionAllocation(n, 0.8, Rounding::kHalfUp), (std::vector<std::size_t>{1, 2, 2, 3, 4, 8, 442}));
  // 0.5 × (1, 3, 5) = 0.5, 1.5, 2.5: half up 1, 2, 3; half even 0, 2, 2; down 0, 1, 2; up 1, 2, 3.
  std::vector<std::size_t> m{1, 3, 5};
  EXPECT_EQ(FixedFractionAllocation(m, 0.5, Rounding::kHalfUp), (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(FixedFractionAllocation(m, 0.5, Rounding::kHalfEven), (std::vector<std::size_t>{0, 2, 2}));
  EXPECT_EQ(FixedFractionAllocation(m, 0.5, Rounding::kDown), (std::vector<std::size_t>{0, 1, 2}));
  EXPECT_EQ(FixedFractionAllocation(m, 0.5, Rounding::kUp), (std::vector<std::size_t>{1, 2, 3}));
}

TEST(AaporRates, MatchAHandComputedTable) {
  DispositionCounts d;
  d.complete = 40; d.partial = 10; d.refusal = 20; d.nonContact = 10; d.other = 0;
  d.unknownHousehold = 15; d.unknownOther = 5; d.notEligible = 0;
  ResponseRates r = ComputeResponseRates(d, 0.5);
  EXPECT_DOUBLE_EQ(*r.rr1, 40.0 / 100.0);  // I / ((I+P)+(R+NC+O)+(UH+UO)) = 40 / (50 + 30 + 20)
  EXPECT_DOUBLE_EQ(*r.rr2, 50.0 / 100.0);
  EXPECT_DOUBLE_EQ(*r.rr3, 40.0 / 90.0);   // e(UH+UO) = 10
  EXPECT_DOUBLE_EQ(*r.rr4, 50.0 / 90.0);
  EXPECT_DOUBLE_EQ(*r.rr5, 40.0 / 80.0);
  EXPECT_DOUBLE_EQ(*r.rr6, 50.0 / 80.0);
  EXPECT_DOUBLE_EQ(*r.coop1, 40.0 / 70.0);  // I / ((I+P)+R+O)
  EXPECT_DOUBLE_EQ(*r.ref1, 20.0 / 100.0);
  EXPECT_DOUBLE_EQ(*r.con1, 70.0 / 100.0);
  EXPECT_DOUBLE_EQ(EstimatedEligibility(d), 1.0);
  d.notEligible = 20;  // eligible 80 of 100 known
  EXPECT_DOUBLE_EQ(EstimatedEligibility(d), 0.8);
  DispositionCounts empty;
  EXPECT_FALSE(ComputeResponseRates(empty, 1).rr1.has_value());
}

// Cronbach's alpha against plspm's published (standardised) alphas, plus item analysis identities.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "reference_data.h"
#include "stats/correlation.h"
#include "stats/reliability.h"

namespace manyi::stats {
namespace {

TEST(Reliability, StandardisedAlphaMatchesPlspmUnidim) {
  // plspm 0.5 unidim() on the satisfaction data (reference/plspm: satisfaction_unidim.csv);
  // its alpha is the standardised alpha (reference/README.md, convention 9). SAT = 0.894010912676559.
  const auto data = testing::ReadCsv(testing::ReferenceDir() / "plspm" / "satisfaction.csv");
  const auto unidim = testing::ReadCsv(testing::ReferenceDir() / "plspm" / "satisfaction_unidim.csv");
  const std::map<std::string, std::pair<std::string, int>> blocks = {{"IMAG", {"imag", 5}}, {"EXPE", {"expe", 5}},
                                                                     {"QUAL", {"qual", 5}}, {"VAL", {"val", 4}},
                                                                     {"SAT", {"sat", 4}},   {"LOY", {"loy", 4}}};
  const auto alphaCol = unidim.Column("cronbach_alpha");
  int checked = 0;
  for (const auto& row : unidim.rows) {
    const auto& [prefix, k] = blocks.at(row[0]);
    std::vector<std::vector<double>> items;
    for (int j = 1; j <= k; ++j) items.push_back(data.Numbers(prefix + std::to_string(j)));
    const std::vector<std::span<const double>> cols(items.begin(), items.end());
    const auto r = CronbachAlpha(cols);
    EXPECT_EQ(r.n, 250u);
    EXPECT_NEAR(*r.alphaStandardised, testing::ParseDouble(row[alphaCol]), 1e-12) << row[0];
    ++checked;
  }
  EXPECT_EQ(checked, 6);
}

TEST(Reliability, RawAlphaByHand) {
  // x1 = (1,2,3,4), x2 = (2,1,4,3): var 5/3 each, cov 1; total var 16/3;
  // α = 2 (1 − (10/3)/(16/3)) = 0.75; r = 0.6 → standardised 2·0.6/1.6 = 0.75.
  const double x1[] = {1, 2, 3, 4};
  const double x2[] = {2, 1, 4, 3};
  const std::span<const double> cols[] = {x1, x2};
  const auto r = CronbachAlpha(cols);
  EXPECT_NEAR(*r.alpha, 0.75, 1e-15);
  EXPECT_NEAR(*r.alphaStandardised, 0.75, 1e-15);
  EXPECT_NEAR(*r.meanInterItemCorrelation, 0.6, 1e-15);
  EXPECT_FALSE(r.alphaIfDeleted[0].has_value());      // one item left
  EXPECT_NEAR(*r.itemTotalCorrected[0], 0.6, 1e-15);  // rest score is the other item
}

TEST(Reliability, ItemAnalysisIdentities) {
  // Alpha-if-deleted equals alpha of the remaining items; the corrected item–total correlation
  // equals Pearson r of the item with the sum of the others (independent code paths).
  const auto data = testing::ReadCsv(testing::ReferenceDir() / "plspm" / "satisfaction.csv");
  std::vector<std::vector<double>> items;
  for (int j = 1; j <= 5; ++j) items.push_back(data.Numbers("qual" + std::to_string(j)));
  const std::vector<std::span<const double>> cols(items.begin(), items.end());
  const auto r = CronbachAlpha(cols);
  ASSERT_TRUE(r.alpha.has_value());
  for (std::size_t d = 0; d < 5; ++d) {
    std::vector<std::span<const double>> others;
    std::vector<double> rest(250, 0.0), total(250, 0.0);
    for (std::size_t j = 0; j < 5; ++j) {
      for (std::size_t i = 0; i < 250; ++i) total[i] += items[j][i];
      if (j == d) continue;
      others.push_back(items[j]);
      for (std::size_t i = 0; i < 250; ++i) rest[i] += items[j][i];
    }
    EXPECT_NEAR(*r.alphaIfDeleted[d], *CronbachAlpha(others).alpha, 1e-12);
    EXPECT_NEAR(*r.itemTotalCorrected[d], *PearsonCorrelation(items[d], rest), 1e-12);
    EXPECT_NEAR(*r.itemTotal[d], *PearsonCorrelation(items[d], total), 1e-12);
  }
}

TEST(Reliability, DegenerateInputs) {
  const double x[] = {1, 2, 3};
  const double flat[] = {2, 2, 2};
  const double one[] = {5};
  const std::span<const double> single[] = {x};
  EXPECT_FALSE(CronbachAlpha(single).alpha.has_value());  // one item
  const std::span<const double> twoFlat[] = {flat, flat};
  const auto f = CronbachAlpha(twoFlat);
  EXPECT_FALSE(f.alpha.has_value());  // zero total variance
  EXPECT_FALSE(f.alphaStandardised.has_value());
  const std::span<const double> oneRow[] = {one, one};
  EXPECT_FALSE(CronbachAlpha(oneRow).alpha.has_value());  // n = 1
  const std::span<const double> mixed[] = {x, flat};
  const auto m = CronbachAlpha(mixed);
  EXPECT_FALSE(m.alphaStandardised.has_value());  // correlation with a constant item undefined
  EXPECT_FALSE(m.itemTotalCorrected[0].has_value());
  const double miss[] = {kMissingValue, kMissingValue, kMissingValue};
  const std::span<const double> allMissing[] = {miss, x};
  const auto am = CronbachAlpha(allMissing);
  EXPECT_EQ(am.n, 0u);
  EXPECT_FALSE(am.alpha.has_value());
  EXPECT_FALSE(CronbachAlpha({}).alpha.has_value());
}

}  // namespace
}  // namespace manyi::stats

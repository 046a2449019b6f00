// The one-pass grouped engine against the two-pass Describe, merging, CIs and degenerate cells.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "stats/descriptives.h"
#include "stats/distributions.h"
#include "stats/grouped.h"

namespace manyi::stats {
namespace {

void ExpectNoNaN(const GroupedCell& c) {
  for (const Stat& s : {c.mean, c.sd, c.se, c.ciLower, c.ciUpper}) {
    if (s) {
      EXPECT_TRUE(std::isfinite(*s));
    }
  }
}

struct Table {
  std::size_t rows = 0, items = 0, groups = 0;
  std::vector<double> values;  // row-major
  std::vector<std::uint32_t> group;
  std::vector<double> weight;
};

Table MakeTable(std::size_t rows, std::size_t items, std::size_t groups, unsigned seed) {
  Table t{rows, items, groups, {}, {}, {}};
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> score(0, 10);
  std::uniform_int_distribution<std::uint32_t> g(0, static_cast<std::uint32_t>(groups - 1));
  std::uniform_real_distribution<double> w(0.2, 5.0);
  std::bernoulli_distribution missing(0.1);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t k = 0; k < items; ++k) {
      t.values.push_back(missing(rng) ? kMissingValue : 1e6 + score(rng));  // offset: cancellation trap
    }
    t.group.push_back(g(rng));
    t.weight.push_back(w(rng));
  }
  return t;
}

// Column `item` restricted to group `g` (other rows missing), for Describe.
std::vector<double> Slice(const Table& t, std::size_t item, std::uint32_t g) {
  std::vector<double> out(t.rows, kMissingValue);
  for (std::size_t r = 0; r < t.rows; ++r) {
    if (t.group[r] == g) out[r] = t.values[r * t.items + item];
  }
  return out;
}

class GroupedVsDescribe : public ::testing::TestWithParam<bool> {};

TEST_P(GroupedVsDescribe, EveryCellMatchesTwoPass) {
  const bool weighted = GetParam();
  const Table t = MakeTable(3000, 4, 7, 42);
  GroupedMoments gm(t.groups, t.items);
  gm.AddRows(t.values, t.group, weighted ? Weights(t.weight) : Weights());
  EXPECT_EQ(gm.Weighted(), weighted);
  for (std::uint32_t g = 0; g < t.groups; ++g) {
    for (std::size_t k = 0; k < t.items; ++k) {
      const auto col = Slice(t, k, g);
      const Summary s = Describe(col, weighted ? Weights(t.weight) : Weights());
      const GroupedCell c = gm.Summarise(g, k);
      EXPECT_EQ(c.n, s.n);
      EXPECT_NEAR(c.sumWeights, s.sumWeights, 1e-9 * s.sumWeights);
      EXPECT_NEAR(*c.mean, *s.mean, 1e-15 * *s.mean);
      EXPECT_NEAR(*c.sd, *s.sd, 1e-10 * *s.sd);
      EXPECT_NEAR(*c.se, *s.se, 1e-10 * *s.se);
      const double tcrit = *StudentTCritical(0.95, static_cast<double>(s.n - 1));
      EXPECT_NEAR(*c.ciLower, *s.mean - tcrit * *s.se, 1e-9);
      EXPECT_NEAR(*c.ciUpper, *s.mean + tcrit * *s.se, 1e-9);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Weighting, GroupedVsDescribe, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "Weighted" : "Unweighted"; });

TEST(Grouped, MergeOfChunksEqualsOnePass) {
  const Table t = MakeTable(2000, 3, 5, 7);
  GroupedMoments all(t.groups, t.items);
  all.AddRows(t.values, t.group, t.weight);
  GroupedMoments a(t.groups, t.items);
  GroupedMoments b(t.groups, t.items);
  const std::size_t half = 1234;
  a.AddRows(std::span(t.values).first(half * t.items), std::span(t.group).first(half), std::span(t.weight).first(half));
  b.AddRows(std::span(t.values).subspan(half * t.items), std::span(t.group).subspan(half),
            std::span(t.weight).subspan(half));
  a.Merge(b);
  for (std::size_t g = 0; g < t.groups; ++g) {
    for (std::size_t k = 0; k < t.items; ++k) {
      const auto x = all.Summarise(g, k);
      const auto y = a.Summarise(g, k);
      EXPECT_EQ(x.n, y.n);
      EXPECT_NEAR(*x.mean, *y.mean, 1e-9);
      EXPECT_NEAR(*x.sd, *y.sd, 1e-10 * *x.sd);
      EXPECT_NEAR(*x.se, *y.se, 1e-10 * *x.se);
    }
  }
}

TEST(Grouped, ColumnInputEqualsRowInput) {
  const Table t = MakeTable(500, 3, 4, 3);
  GroupedMoments rows(t.groups, t.items);
  rows.AddRows(t.values, t.group, t.weight);
  GroupedMoments cols(t.groups, t.items);
  for (std::size_t k = 0; k < t.items; ++k) {
    std::vector<double> c(t.rows);
    for (std::size_t r = 0; r < t.rows; ++r) c[r] = t.values[r * t.items + k];
    cols.AddColumn(k, c, t.group, t.weight);
  }
  const auto a = rows.SummariseAll();
  const auto b = cols.SummariseAll();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].n, b[i].n);
    EXPECT_DOUBLE_EQ(*a[i].mean, *b[i].mean);
    EXPECT_DOUBLE_EQ(*a[i].sd, *b[i].sd);
  }
}

TEST(Grouped, AllColumnsOnThreadsEqualOneColumnAtATime) {
  // 5000 rows: more than one row block of AddColumns; 7 items split unevenly over the threads.
  const Table t = MakeTable(5000, 7, 9, 11);
  std::vector<std::vector<double>> columns(t.items, std::vector<double>(t.rows));
  for (std::size_t r = 0; r < t.rows; ++r)
    for (std::size_t k = 0; k < t.items; ++k) columns[k][r] = t.values[r * t.items + k];
  std::vector<std::uint32_t> group = t.group;
  group[17] = kNoGroup;  // skipped rows: no group, weight 0
  std::vector<double> weight = t.weight;
  weight[18] = 0.0;
  GroupedMoments one(t.groups, t.items);
  for (std::size_t k = 0; k < t.items; ++k) one.AddColumn(k, columns[k], group, weight);
  std::vector<std::span<const double>> spans(columns.begin(), columns.end());
  for (unsigned threads : {1u, 2u, 3u, 0u}) {
    GroupedMoments all(t.groups, t.items);
    all.AddColumns(spans, group, weight, threads);
    EXPECT_TRUE(all.Weighted());
    for (std::size_t g = 0; g < t.groups; ++g)
      for (std::size_t k = 0; k < t.items; ++k) {
        const CellMoments& a = one.Cell(g, k);
        const CellMoments& b = all.Cell(g, k);
        // Each cell is accumulated in row order by one thread: the same bits, not just close.
        EXPECT_EQ(a.n, b.n) << threads;
        EXPECT_EQ(a.sumW, b.sumW) << threads;
        EXPECT_EQ(a.mean, b.mean) << threads;
        EXPECT_EQ(a.m2, b.m2) << threads;
        EXPECT_EQ(a.a, b.a) << threads;
      }
  }
  // Unweighted: every weight 1, so the cells are the unweighted ones of Describe.
  GroupedMoments plain(t.groups, t.items);
  plain.AddColumns(spans, t.group, {}, 2);
  EXPECT_FALSE(plain.Weighted());
  const Summary s = Describe(Slice(t, 3, 2));
  EXPECT_EQ(plain.Summarise(2, 3).n, s.n);
  EXPECT_NEAR(*plain.Summarise(2, 3).sd, *s.sd, 1e-10 * *s.sd);
  // Bad input is refused before any cell changes.
  std::vector<double> bad = t.weight;
  bad[4999] = -1.0;
  GroupedMoments refused(t.groups, t.items);
  EXPECT_THROW(refused.AddColumns(spans, t.group, bad), std::invalid_argument);
  std::vector<std::uint32_t> outOfRange = t.group;
  outOfRange[3] = static_cast<std::uint32_t>(t.groups);
  EXPECT_THROW(refused.AddColumns(spans, outOfRange, t.weight), std::out_of_range);
  EXPECT_THROW(refused.AddColumns(std::span(spans).first(2), t.group, t.weight), std::invalid_argument);
  for (std::size_t g = 0; g < t.groups; ++g) EXPECT_EQ(refused.Cell(g, 0).n, 0u);
}

TEST(Grouped, StudentTIntervalByHand) {
  // 1..10: mean 5.5, s² = 55/6, se = s/√10; t(0.975, 9) = 2.262157163 (R qt).
  GroupedMoments gm(1, 1);
  for (int i = 1; i <= 10; ++i) {
    const double v[] = {static_cast<double>(i)};
    gm.AddRow(v, 0);
  }
  const auto c = gm.Summarise(0, 0);
  const double se = std::sqrt(55.0 / 6.0 / 10.0);
  EXPECT_DOUBLE_EQ(*c.mean, 5.5);
  EXPECT_NEAR(*c.se, se, 1e-14);
  EXPECT_NEAR(*c.ciLower, 5.5 - 2.262157163 * se, 1e-8);
  EXPECT_NEAR(*c.ciUpper, 5.5 + 2.262157163 * se, 1e-8);
}

TEST(Grouped, DomainOfDesignSeConvention) {
  // Cells as domains of one with-replacement sample of N rows (R svyby/svymean convention):
  // SE² = N/(N−1) Σ_i∈d z_i², z_i = w_i (y_i − ȳ_d)/Σ_d w, t df N − 1.
  const double y[] = {4, 7, 5, 9, 2, 6, 8};
  const std::uint32_t g[] = {0, 0, 0, 1, 1, 1, 1};
  const double w[] = {1.5, 2, 1, 3, 1, 2, 1};
  GroupedMoments gm(2, 1);
  gm.AddColumn(0, y, g, w);
  const double N = 7;
  for (std::uint32_t d = 0; d < 2; ++d) {
    double sw = 0, swy = 0;
    for (int i = 0; i < 7; ++i) {
      if (g[i] == d) {
        sw += w[i];
        swy += w[i] * y[i];
      }
    }
    const double mean = swy / sw;
    double z2 = 0;
    for (int i = 0; i < 7; ++i) {
      if (g[i] == d) z2 += std::pow(w[i] * (y[i] - mean) / sw, 2);
    }
    const auto c = gm.Summarise(d, 0, GroupedOptions{0.95, 7});
    EXPECT_NEAR(*c.se, std::sqrt(N / (N - 1) * z2), 1e-14);
    EXPECT_NEAR(*c.ciUpper - *c.mean, *StudentTCritical(0.95, 6) * *c.se, 1e-12);
    const auto own = gm.Summarise(d, 0);  // own-sample convention: n_d/(n_d − 1)
    const double nd = d == 0 ? 3 : 4;
    EXPECT_NEAR(*own.se, std::sqrt(nd / (nd - 1) * z2), 1e-14);
  }
}

TEST(Grouped, DegenerateCellsAreMissing) {
  GroupedMoments gm(4, 2);
  const double a[] = {5, kMissingValue};
  const double b[] = {7, kMissingValue};
  const double c[] = {3, 4};
  gm.AddRow(a, 0);         // group 0: item 0 once → mean only
  gm.AddRow(c, 1, 0.0);    // zero weight: ignored
  gm.AddRow(b, kNoGroup);  // no group: ignored
  gm.AddRow(c, 2);
  gm.AddRow(c, 2);  // group 2: two equal values → SD 0, SE 0
  // group 3: empty
  const auto single = gm.Summarise(0, 0);
  EXPECT_EQ(single.n, 1u);
  EXPECT_DOUBLE_EQ(*single.mean, 5.0);
  EXPECT_FALSE(single.sd.has_value());
  EXPECT_FALSE(single.se.has_value());
  EXPECT_FALSE(single.ciLower.has_value());
  const auto allMissing = gm.Summarise(0, 1);
  EXPECT_EQ(allMissing.n, 0u);
  EXPECT_FALSE(allMissing.mean.has_value());
  const auto zeroWeight = gm.Summarise(1, 0);
  EXPECT_EQ(zeroWeight.n, 0u);
  EXPECT_FALSE(zeroWeight.mean.has_value());
  const auto flat = gm.Summarise(2, 1);
  EXPECT_DOUBLE_EQ(*flat.sd, 0.0);
  EXPECT_DOUBLE_EQ(*flat.ciLower, 4.0);
  const auto empty = gm.Summarise(3, 0);
  EXPECT_EQ(empty.n, 0u);
  EXPECT_FALSE(empty.mean.has_value());
  for (const auto& cell : gm.SummariseAll()) ExpectNoNaN(cell);
  EXPECT_THROW(gm.AddRow(a, 9), std::out_of_range);
  EXPECT_THROW(gm.AddRow(a, 0, -1.0), std::invalid_argument);
}

}  // namespace
}  // namespace manyi::stats

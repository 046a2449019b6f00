// Randomised degenerate inputs (tiny n, ties, constants, missing values, zero weights) through the
// whole public API: every result must be a value or missing — never NaN or infinity, never a crash.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "stats/correlation.h"
#include "stats/descriptives.h"
#include "stats/grouped.h"
#include "stats/hypothesis.h"
#include "stats/regression.h"
#include "stats/reliability.h"
#include "stats/satisfaction.h"
#include "stats/survey_design.h"
#include "stats/weighting.h"

namespace manyi::stats {
namespace {

void Ok(const Stat& s, const char* what, int round) {
  if (s) {
    EXPECT_TRUE(std::isfinite(*s)) << what << " round " << round;
  }
}

void OkAll(const std::vector<Stat>& v, const char* what, int round) {
  for (const auto& s : v) Ok(s, what, round);
}

TEST(DegenerateFuzz, NoNaNAnywhere) {
  std::mt19937_64 rng(2024);
  for (int round = 0; round < 400; ++round) {
    std::uniform_int_distribution<int> sizeDist(0, 6);
    const std::size_t n = static_cast<std::size_t>(sizeDist(rng));
    std::uniform_int_distribution<int> kind(0, 5);
    std::uniform_int_distribution<int> level(0, 2);  // few distinct values: many ties and constants
    std::vector<double> x(n), y(n), z(n), w(n);
    std::vector<std::uint32_t> g(n);
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = kind(rng) == 0 ? kMissingValue : level(rng);
      y[i] = kind(rng) == 0 ? kMissingValue : 5.0;  // constant
      z[i] = kind(rng) == 0 ? kMissingValue : 1e12 + level(rng);
      w[i] = kind(rng) <= 1 ? 0.0 : 1.0 + level(rng);
      g[i] = static_cast<std::uint32_t>(level(rng));
    }
    for (const Weights wt : {Weights(), Weights(w)}) {
      const Summary s = Describe(x, wt);
      Ok(s.mean, "mean", round);
      Ok(s.sd, "sd", round);
      Ok(s.se, "se", round);
      const double ps[] = {0, 0.3, 0.5, 1};
      OkAll(Percentiles(z, ps, wt), "percentiles", round);
      Ok(TopBox(x, 2, 2, wt).proportion, "topbox", round);
      const auto nps = NetPromoterScore(x, wt);
      Ok(nps.nps, "nps", round);
      Ok(nps.se, "nps se", round);
      Ok(nps.ciLower, "nps ci", round);
      const auto csat = Csat(x, wt);
      Ok(csat.ciLower, "csat ci", round);
      Ok(csat.meanSe, "csat se", round);
      Ok(PearsonCorrelation(x, z, wt), "r", round);
      const std::span<const double> cols[] = {x, y, z};
      for (const auto policy : {MissingPolicy::Pairwise, MissingPolicy::Listwise}) {
        OkAll(Correlations(cols, policy, wt).r, "corr matrix", round);
      }
      const auto rel = CronbachAlpha(cols, wt);
      Ok(rel.alpha, "alpha", round);
      Ok(rel.alphaStandardised, "std alpha", round);
      OkAll(rel.itemTotalCorrected, "item-total", round);
      OkAll(rel.alphaIfDeleted, "alpha if deleted", round);
      const std::span<const double> preds[] = {x, z};
      const auto reg = LinearRegression(y, preds, true, wt);
      for (const auto& c : reg.coefficients) {
        EXPECT_TRUE(std::isfinite(c.estimate));
        Ok(c.se, "coef se", round);
        Ok(c.p, "coef p", round);
      }
      Ok(reg.rSquared, "R²", round);
      const auto rw = RelativeWeights(x, preds, wt);
      Ok(rw.rSquared, "rw R²", round);
      GroupedMoments gm(3, 1);
      gm.AddColumn(0, z, g, wt);
      for (const auto& c : gm.SummariseAll()) {
        Ok(c.mean, "grouped mean", round);
        Ok(c.sd, "grouped sd", round);
        Ok(c.ciUpper, "grouped ci", round);
      }
      const auto design = StratifiedMean(StratifiedDesign{g, wt, {}, 3}, x);
      Ok(design.estimate, "design mean", round);
      Ok(design.se, "design se", round);
      Ok(KishDesignEffect(wt), "deff", round);
    }
    const auto a = OneWayAnova(z, g, 3);
    Ok(a.f, "F", round);
    Ok(a.p, "anova p", round);
    Ok(a.etaSquared, "eta²", round);
    const auto kw = KruskalWallis(x, g, 3);
    Ok(kw.h, "H", round);
    Ok(kw.p, "kw p", round);
    const auto t = WelchTTest(x, z);
    Ok(t.t, "t", round);
    Ok(t.p, "t p", round);
    Ok(t.cohensD, "d", round);
    const auto tab = CrossTabulate(g, g, 3, 3);
    const auto chi = ChiSquareIndependence(tab, 3, 3);
    Ok(chi.statistic, "X²", round);
    Ok(chi.p, "chi p", round);
    Ok(chi.cramersV, "V", round);
    for (double e : chi.expected) EXPECT_TRUE(std::isfinite(e));
    const std::uint32_t codes[] = {0, 1};
    const double targets[] = {static_cast<double>(level(rng)), 3.0};
    if (n > 0) {
      std::vector<std::uint32_t> cell(n);
      for (std::size_t i = 0; i < n; ++i) cell[i] = codes[g[i] % 2];
      const auto ps = PostStratify(cell, targets, w);
      for (double v : ps.weights) EXPECT_TRUE(std::isfinite(v));
      const RakingMargin m[] = {{cell, targets}};
      const auto rk = Rake(m, w);
      for (double v : rk.weights) EXPECT_TRUE(std::isfinite(v));
      EXPECT_TRUE(std::isfinite(rk.achievedTolerance));
      const auto cal = CalibrateLinear(m, w, CalibrationOptions{0.5, 2.0, 1e-10, 20});
      for (double v : cal.weights) EXPECT_TRUE(std::isfinite(v));
      EXPECT_TRUE(std::isfinite(cal.achievedTolerance));
      const auto tr = TrimWeights(w, TrimOptions{0.5, 1.5, true, 20});
      for (double v : tr.weights) EXPECT_TRUE(std::isfinite(v));
    }
  }
}

}  // namespace
}  // namespace manyi::stats

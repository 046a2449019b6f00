// Linear regression and relative weights; formulas and sources in docs/statistics.md §4.4–4.5.
#include "stats/regression.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "stats/descriptives.h"
#include "stats/detail/linalg.h"
#include "stats/distributions.h"

namespace manyi::stats {

namespace {

// Indices of rows with y, every predictor and a positive weight present.
std::vector<std::size_t> CompleteRows(std::span<const double> y, Columns x, Weights w) {
  for (const auto& col : x) {
    if (col.size() != y.size()) throw std::invalid_argument("regression: predictor length differs from y");
  }
  CheckWeights(y.size(), w);
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < y.size(); ++i) {
    if (IsMissing(y[i]) || (!w.empty() && !(w[i] > 0.0))) continue;
    bool complete = true;
    for (const auto& col : x) complete = complete && !IsMissing(col[i]);
    if (complete) rows.push_back(i);
  }
  return rows;
}

// Weighted mean over the given rows, corrected two-pass.
double Mean(std::span<const double> v, const std::vector<std::size_t>& rows, Weights w, double sumW) {
  double s = 0.0;
  for (auto i : rows) s += (w.empty() ? 1.0 : w[i]) * v[i];
  double m = s / sumW;
  double c = 0.0;
  for (auto i : rows) c += (w.empty() ? 1.0 : w[i]) * (v[i] - m);
  return m + c / sumW;
}

}  // namespace

RegressionResult LinearRegression(std::span<const double> y, Columns x, bool intercept, Weights weights) {
  const auto rows = CompleteRows(y, x, weights);
  RegressionResult r;
  r.intercept = intercept;
  r.weighted = !weights.empty();
  r.n = rows.size();
  const std::size_t k = x.size();
  const std::size_t p = k + (intercept ? 1 : 0);
  if (p == 0 || r.n <= p) return r;
  const std::size_t n = r.n;
  auto w = [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };
  double sumW = 0.0;
  for (auto i : rows) sumW += w(i);
  // Centre (when there is an intercept) so the QR sees only the deviations: this is what makes
  // Longley's nearly collinear columns tractable in double precision.
  std::vector<double> xMean(k, 0.0);
  double yMean = 0.0;
  if (intercept) {
    for (std::size_t j = 0; j < k; ++j) xMean[j] = Mean(x[j], rows, weights, sumW);
    yMean = Mean(y, rows, weights, sumW);
  }
  detail::Matrix design(n, k);
  std::vector<double> response(n);
  for (std::size_t r0 = 0; r0 < n; ++r0) {
    const std::size_t i = rows[r0];
    const double sw = std::sqrt(w(i));
    for (std::size_t j = 0; j < k; ++j) design(r0, j) = sw * (x[j][i] - xMean[j]);
    response[r0] = sw * (y[i] - yMean);
  }
  r.tss = 0.0;
  for (std::size_t r0 = 0; r0 < n; ++r0) r.tss += response[r0] * response[r0];
  std::vector<double> slopes;
  detail::Matrix inv;
  if (k > 0) {
    const auto ls = detail::SolveLeastSquares(design, response);
    if (!ls.fullRank) {
      r.rankDeficient = true;
      return r;
    }
    slopes = ls.beta;
    inv = ls.xtxInverse;
  }
  // Refinement in extended precision (Björck 1996 §2.9, corrected semi-normal equations): the
  // residuals of the raw, uncentred data are accumulated in long double and the step
  // δ = (XᶜᵀWXᶜ)⁻¹ Xᶜᵀ W r corrects the slopes, mean(r) the intercept. The QR solution alone loses
  // digits to cond(X)²·(residual size) on noisy polynomial fits (NIST Wampler4/5: 6 digits → 9+)
  // and b₀ = ȳ − Σx̄b to cancellation; a step is kept only while it shrinks ‖XᵀWr‖, so an
  // ill-conditioned fit (NIST Filip) is never made worse.
  std::vector<long double> b(k);
  for (std::size_t j = 0; j < k; ++j) b[j] = slopes[j];
  long double b0 = 0.0L;
  if (intercept) {
    b0 = static_cast<long double>(yMean);
    for (std::size_t j = 0; j < k; ++j) b0 -= static_cast<long double>(xMean[j]) * b[j];
  }
  std::vector<long double> e(n);
  auto residuals = [&](const std::vector<long double>& bb, long double bb0, std::vector<long double>& g,
                       long double& meanR) {
    long double sr = 0.0L;
    for (std::size_t r0 = 0; r0 < n; ++r0) {
      const std::size_t i = rows[r0];
      long double fit = bb0;
      for (std::size_t j = 0; j < k; ++j) fit += static_cast<long double>(x[j][i]) * bb[j];
      e[r0] = static_cast<long double>(y[i]) - fit;
      sr += static_cast<long double>(w(i)) * e[r0];
    }
    meanR = intercept ? sr / static_cast<long double>(sumW) : 0.0L;
    g.assign(k, 0.0L);
    long double norm = 0.0L;
    for (std::size_t j = 0; j < k; ++j) {
      for (std::size_t r0 = 0; r0 < n; ++r0) {
        const std::size_t i = rows[r0];
        g[j] += static_cast<long double>(w(i)) * (static_cast<long double>(x[j][i]) - xMean[j]) * (e[r0] - meanR);
      }
      // Scaled by the column norm so the criterion does not depend on the units of x.
      const long double scaled = g[j] * std::sqrt(static_cast<long double>(inv(j, j)));
      norm += scaled * scaled;
    }
    return norm + meanR * meanR * static_cast<long double>(sumW);
  };
  std::vector<long double> g;
  long double meanR = 0.0L;
  long double norm = residuals(b, b0, g, meanR);
  for (int iter = 0; iter < 3 && norm > 0.0L; ++iter) {
    std::vector<long double> nb = b;
    long double nb0 = b0 + meanR;
    for (std::size_t j = 0; j < k; ++j) {
      long double d = 0.0L;
      for (std::size_t l = 0; l < k; ++l) d += static_cast<long double>(inv(j, l)) * g[l];
      nb[j] += d;
      if (intercept) nb0 -= static_cast<long double>(xMean[j]) * d;
    }
    std::vector<long double> ng;
    long double nMeanR = 0.0L;
    const long double nNorm = residuals(nb, nb0, ng, nMeanR);
    if (!(nNorm < norm)) break;
    b = std::move(nb);
    b0 = nb0;
    g = std::move(ng);
    meanR = nMeanR;
    norm = nNorm;
  }
  residuals(b, b0, g, meanR);  // e[] of the kept solution
  r.rss = 0.0;
  {
    long double rss = 0.0L;
    for (std::size_t r0 = 0; r0 < n; ++r0) rss += static_cast<long double>(w(rows[r0])) * e[r0] * e[r0];
    r.rss = static_cast<double>(rss);
  }
  for (std::size_t j = 0; j < k; ++j) slopes[j] = static_cast<double>(b[j]);
  r.dfResidual = n - p;
  const double sigma2 = r.rss / static_cast<double>(r.dfResidual);
  r.residualSd = Finite(std::sqrt(sigma2));
  const double df = static_cast<double>(r.dfResidual);
  auto makeCoef = [&](double estimate, double variance) {
    Coefficient c;
    c.estimate = estimate;
    c.se = variance >= 0.0 ? Finite(std::sqrt(variance)) : std::nullopt;
    if (c.se && *c.se > 0.0) {
      c.t = Finite(estimate / *c.se);
      if (c.t) c.p = StudentTTwoSidedP(*c.t, df);
    }
    return c;
  };
  if (intercept) {
    // Var(b0) = σ² (1/Σw + x̄ᵀ (X_cᵀWX_c)⁻¹ x̄).
    double quad = 0.0;
    for (std::size_t a = 0; a < k; ++a) {
      for (std::size_t b = 0; b < k; ++b) quad += xMean[a] * inv(a, b) * xMean[b];
    }
    r.coefficients.push_back(makeCoef(static_cast<double>(b0), sigma2 * (1.0 / sumW + quad)));
  }
  for (std::size_t j = 0; j < k; ++j) r.coefficients.push_back(makeCoef(slopes[j], sigma2 * inv(j, j)));
  if (r.tss > 0.0) {
    r.rSquared = Finite(1.0 - r.rss / r.tss);
    const double dfTotal = static_cast<double>(intercept ? n - 1 : n);
    r.adjustedRSquared = Finite(1.0 - (1.0 - *r.rSquared) * dfTotal / df);
    if (k > 0 && r.rss > 0.0) {
      r.f = Finite(((r.tss - r.rss) / static_cast<double>(k)) / sigma2);
      if (r.f) r.fP = FisherFUpperP(*r.f, static_cast<double>(k), df);
    }
  }
  r.ok = true;
  return r;
}

RelativeWeightsResult RelativeWeights(std::span<const double> y, Columns x, Weights weights) {
  const auto rows = CompleteRows(y, x, weights);
  RelativeWeightsResult out;
  out.n = rows.size();
  const std::size_t k = x.size();
  if (k == 0 || out.n < k + 2) return out;
  auto w = [&](std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };
  double sumW = 0.0;
  for (auto i : rows) sumW += w(i);
  // Centred columns 0..k−1 = predictors, k = y.
  std::vector<std::vector<double>> c(k + 1, std::vector<double>(rows.size()));
  for (std::size_t j = 0; j <= k; ++j) {
    std::span<const double> v = j < k ? x[j] : y;
    const double m = Mean(v, rows, weights, sumW);
    for (std::size_t r0 = 0; r0 < rows.size(); ++r0) c[j][r0] = v[rows[r0]] - m;
  }
  std::vector<double> sd(k + 1, 0.0);
  for (std::size_t j = 0; j <= k; ++j) {
    double s = 0.0;
    for (std::size_t r0 = 0; r0 < rows.size(); ++r0) s += w(rows[r0]) * c[j][r0] * c[j][r0];
    sd[j] = std::sqrt(s);
    if (!(sd[j] > 0.0)) return out;  // constant variable: correlations undefined
  }
  auto corr = [&](std::size_t a, std::size_t b) {
    double s = 0.0;
    for (std::size_t r0 = 0; r0 < rows.size(); ++r0) s += w(rows[r0]) * c[a][r0] * c[b][r0];
    return s / (sd[a] * sd[b]);
  };
  detail::Matrix rxx(k, k);
  std::vector<double> rxy(k);
  for (std::size_t a = 0; a < k; ++a) {
    rxy[a] = corr(a, k);
    for (std::size_t b = a; b < k; ++b) rxx(a, b) = rxx(b, a) = a == b ? 1.0 : corr(a, b);
  }
  const auto eig = detail::EigenSymmetric(rxx);
  if (!(eig.values.back() > 1e-12 * eig.values.front())) return out;  // singular R_xx
  // Λ½ = V diag(√λ) Vᵀ and its inverse V diag(1/√λ) Vᵀ.
  detail::Matrix half(k, k);
  detail::Matrix halfInv(k, k);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) {
      double h = 0.0;
      double hi = 0.0;
      for (std::size_t e = 0; e < k; ++e) {
        const double vv = eig.vectors(a, e) * eig.vectors(b, e);
        h += vv * std::sqrt(eig.values[e]);
        hi += vv / std::sqrt(eig.values[e]);
      }
      half(a, b) = h;
      halfInv(a, b) = hi;
    }
  }
  std::vector<double> beta(k, 0.0);
  for (std::size_t a = 0; a < k; ++a) {
    for (std::size_t b = 0; b < k; ++b) beta[a] += halfInv(a, b) * rxy[b];
  }
  out.raw.assign(k, 0.0);
  double r2 = 0.0;
  for (std::size_t a = 0; a < k; ++a) r2 += beta[a] * beta[a];
  for (std::size_t j = 0; j < k; ++j) {
    for (std::size_t e = 0; e < k; ++e) out.raw[j] += half(j, e) * half(j, e) * beta[e] * beta[e];
  }
  out.rSquared = Finite(r2);
  if (!out.rSquared) return out;
  out.percent.resize(k);
  for (std::size_t j = 0; j < k; ++j) out.percent[j] = r2 > 0.0 ? 100.0 * out.raw[j] / r2 : 0.0;
  out.ok = true;
  return out;
}

}  // namespace manyi::stats

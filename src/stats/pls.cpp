// PLS path modelling as R plspm 0.5 (Sanchez, Trinchera & Russolillo), computed from the items'
// cross-product matrix: every step of Lohmöller's iteration is linear in the data, so one pass
// builds the p × p covariance and the iteration never touches the rows again.
#include "stats/pls.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "stats/detail/linalg.h"
#include "stats/detail/parallel.h"
#include "stats/detail/random.h"
#include "stats/distributions.h"

namespace manyi::stats {

using detail::Xoshiro256;

namespace {

// Row-major square matrix of doubles.
struct Square {
  std::size_t size = 0;
  std::vector<double> data;
  Square() = default;
  explicit Square(std::size_t s) : size(s), data(s * s, 0.0) {}
  double& operator()(std::size_t i, std::size_t j) { return data[i * size + j]; }
  double operator()(std::size_t i, std::size_t j) const { return data[i * size + j]; }
};

// The model checked and laid out: items in model order (block by block).
struct Layout {
  std::size_t p = 0;                           // items
  std::size_t lvs = 0;                         // latent variables
  std::vector<std::size_t> start;              // first item of each block; start[lvs] = p
  std::vector<std::size_t> columns;            // data column of each item
  std::vector<std::vector<std::size_t>> pred;  // predecessors of each latent variable (ascending)
  std::vector<std::vector<std::size_t>> succ;  // successors
  std::vector<std::size_t> endogenous;         // latent variables with predecessors
};

// Sample moments of the complete rows: means and the population covariance (divisor n) of the
// items in model order, plus each item's minimum and maximum.
struct Moments {
  std::size_t n = 0;
  std::vector<double> mean;
  Square cov;
  std::vector<bool> constant;
};

double Sign(double x) { return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0); }

// Cholesky factorisation in place (lower triangle); false when not numerically positive definite.
bool Cholesky(Square& a) {
  const std::size_t m = a.size;
  for (std::size_t j = 0; j < m; ++j) {
    const double diag = a(j, j);
    double s = diag;
    for (std::size_t k = 0; k < j; ++k) s -= a(j, k) * a(j, k);
    if (!(s > 1e-12 * std::fabs(diag)) || !(diag > 0)) return false;
    const double root = std::sqrt(s);
    a(j, j) = root;
    for (std::size_t i = j + 1; i < m; ++i) {
      double t = a(i, j);
      for (std::size_t k = 0; k < j; ++k) t -= a(i, k) * a(j, k);
      a(i, j) = t / root;
    }
  }
  return true;
}

// Solves L Lᵀ x = b with the factor from Cholesky().
std::vector<double> CholeskySolve(const Square& l, std::vector<double> b) {
  const std::size_t m = l.size;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t k = 0; k < i; ++k) b[i] -= l(i, k) * b[k];
    b[i] /= l(i, i);
  }
  for (std::size_t i = m; i-- > 0;) {
    for (std::size_t k = i + 1; k < m; ++k) b[i] -= l(k, i) * b[k];
    b[i] /= l(i, i);
  }
  return b;
}

// Sub-matrix of a square matrix on the given indices.
Square Pick(const Square& a, const std::vector<std::size_t>& idx) {
  Square out(idx.size());
  for (std::size_t i = 0; i < idx.size(); ++i) {
    for (std::size_t j = 0; j < idx.size(); ++j) out(i, j) = a(idx[i], idx[j]);
  }
  return out;
}

// Dot product with four accumulators (lets the compiler vectorise without reassociation flags).
double Dot(const double* a, const double* b, std::size_t len) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  std::size_t r = 0;
  for (; r + 4 <= len; r += 4) {
    s0 += a[r] * b[r];
    s1 += a[r + 1] * b[r + 1];
    s2 += a[r + 2] * b[r + 2];
    s3 += a[r + 3] * b[r + 3];
  }
  for (; r < len; ++r) s0 += a[r] * b[r];
  return (s0 + s1) + (s2 + s3);
}

PlsResult Failure(PlsStatus status, std::size_t latent = 0, std::size_t column = 0) {
  PlsResult r;
  r.status = status;
  r.latent = latent;
  r.column = column;
  return r;
}

std::optional<PlsResult> MakeLayout(Columns data, const PlsModel& model, Layout& layout) {
  layout.lvs = model.latents.size();
  if (layout.lvs == 0) return Failure(PlsStatus::InvalidModel);
  const std::size_t rows = data.empty() ? 0 : data[0].size();
  layout.start.push_back(0);
  for (std::size_t k = 0; k < layout.lvs; ++k) {
    const auto& lv = model.latents[k];
    if (lv.columns.empty()) return Failure(PlsStatus::InvalidModel, k);
    if (!lv.itemNames.empty() && lv.itemNames.size() != lv.columns.size()) {
      return Failure(PlsStatus::InvalidModel, k);
    }
    for (std::size_t c : lv.columns) {
      if (c >= data.size() || data[c].size() != rows) return Failure(PlsStatus::InvalidModel, k, c);
      layout.columns.push_back(c);
    }
    layout.start.push_back(layout.columns.size());
  }
  layout.p = layout.columns.size();
  layout.pred.assign(layout.lvs, {});
  layout.succ.assign(layout.lvs, {});
  std::vector<std::vector<bool>> seen(layout.lvs, std::vector<bool>(layout.lvs, false));
  for (const auto& path : model.paths) {
    if (path.from >= path.to || path.to >= layout.lvs || seen[path.to][path.from]) {
      return Failure(PlsStatus::InvalidModel, std::min(path.to, layout.lvs - 1));
    }
    seen[path.to][path.from] = true;
  }
  for (std::size_t to = 0; to < layout.lvs; ++to) {
    for (std::size_t from = 0; from < to; ++from) {
      if (!seen[to][from]) continue;
      layout.pred[to].push_back(from);
      layout.succ[from].push_back(to);
    }
    if (!layout.pred[to].empty()) layout.endogenous.push_back(to);
  }
  // Every latent variable must take part in the inner model (plspm: no isolated LV), else its
  // inner estimate would be zero.
  if (layout.lvs > 1) {
    for (std::size_t k = 0; k < layout.lvs; ++k) {
      if (layout.pred[k].empty() && layout.succ[k].empty()) return Failure(PlsStatus::InvalidModel, k);
    }
  }
  if (layout.endogenous.empty()) return Failure(PlsStatus::InvalidModel);
  return std::nullopt;
}

// Complete rows (every item of the model present); empty `rows` when all are complete.
std::size_t CompleteRows(Columns data, const Layout& layout, std::vector<std::size_t>& rows) {
  const std::size_t total = data.empty() ? 0 : data[0].size();
  std::vector<unsigned char> ok(total, 1);
  for (std::size_t c : layout.columns) {
    const auto col = data[c];
    for (std::size_t r = 0; r < total; ++r) {
      if (IsMissing(col[r])) ok[r] = 0;
    }
  }
  const auto n = static_cast<std::size_t>(std::count(ok.begin(), ok.end(), 1));
  rows.clear();
  if (n != total) {
    rows.reserve(n);
    for (std::size_t r = 0; r < total; ++r) {
      if (ok[r]) rows.push_back(r);
    }
  }
  return n;
}

constexpr std::size_t kChunk = 256;

// Two-pass moments over the complete rows: means (with min/max), then centred cross-products
// accumulated chunk by chunk, with the usual correction term for the rounding of the mean.
Moments ComputeMoments(Columns data, const Layout& layout, const std::vector<std::size_t>& rows, std::size_t n) {
  const std::size_t p = layout.p;
  Moments m;
  m.n = n;
  m.mean.assign(p, 0.0);
  m.constant.assign(p, false);
  m.cov = Square(p);
  auto rowAt = [&](std::size_t i) { return rows.empty() ? i : rows[i]; };
  for (std::size_t i = 0; i < p; ++i) {
    const auto col = data[layout.columns[i]];
    double sum = 0.0;
    double lo = std::numeric_limits<double>::infinity();
    double hi = -lo;
    for (std::size_t r = 0; r < n; ++r) {
      const double x = col[rowAt(r)];
      sum += x;
      lo = std::min(lo, x);
      hi = std::max(hi, x);
    }
    m.mean[i] = sum / static_cast<double>(n);
    m.constant[i] = !(hi > lo);
  }
  std::vector<double> buf(p * kChunk);
  std::vector<double> dev(p, 0.0);
  for (std::size_t r0 = 0; r0 < n; r0 += kChunk) {
    const std::size_t len = std::min(kChunk, n - r0);
    for (std::size_t i = 0; i < p; ++i) {
      const auto col = data[layout.columns[i]];
      double* out = buf.data() + i * kChunk;
      const double mu = m.mean[i];
      if (rows.empty()) {
        for (std::size_t r = 0; r < len; ++r) out[r] = col[r0 + r] - mu;
      } else {
        for (std::size_t r = 0; r < len; ++r) out[r] = col[rows[r0 + r]] - mu;
      }
      for (std::size_t r = 0; r < len; ++r) dev[i] += out[r];
    }
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t j = i; j < p; ++j) m.cov(i, j) += Dot(buf.data() + i * kChunk, buf.data() + j * kChunk, len);
    }
  }
  const double dn = static_cast<double>(n);
  for (std::size_t i = 0; i < p; ++i) {
    m.mean[i] += dev[i] / dn;
    for (std::size_t j = i; j < p; ++j) {
      const double v = (m.cov(i, j) - dev[i] * dev[j] / dn) / dn;
      m.cov(i, j) = v;
      m.cov(j, i) = v;
    }
  }
  return m;
}

// The estimation on given moments; fills everything but the scores.
PlsResult FitMoments(const Layout& layout, const PlsModel& model, const Moments& mom, const PlsOptions& options,
                     std::vector<double>* effectiveWeights) {
  const std::size_t p = layout.p;
  const std::size_t lvs = layout.lvs;
  const std::size_t n = mom.n;
  const double dn = static_cast<double>(n);
  if (n < 3 || n <= p) return Failure(PlsStatus::TooFewRows);
  for (std::size_t i = 0; i < p; ++i) {
    if (mom.constant[i] || !(mom.cov(i, i) > 0)) {
      std::size_t k = 0;
      while (layout.start[k + 1] <= i) ++k;
      return Failure(PlsStatus::ConstantItem, k, layout.columns[i]);
    }
  }
  // X: centred items, standardised with the population SD when scaled (plspm convention 1).
  Square s = mom.cov;
  if (options.scaled) {
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t j = 0; j < p; ++j) s(i, j) = mom.cov(i, j) / std::sqrt(mom.cov(i, i) * mom.cov(j, j));
    }
  }
  auto block = [&](std::size_t k) {
    std::vector<std::size_t> idx(layout.start[k + 1] - layout.start[k]);
    std::iota(idx.begin(), idx.end(), layout.start[k]);
    return idx;
  };
  std::vector<std::size_t> blockOf(p);
  for (std::size_t k = 0; k < lvs; ++k) {
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) blockOf[i] = k;
  }
  // Cholesky factors of the mode-B blocks (their weights are a regression on the block).
  std::vector<Square> chol(lvs);
  for (std::size_t k = 0; k < lvs; ++k) {
    if (model.latents[k].mode != PlsMode::B) continue;
    chol[k] = Pick(s, block(k));
    if (!Cholesky(chol[k])) return Failure(PlsStatus::DegenerateBlock, k);
  }
  // M = S W (p × lvs, row-major) and G = Wᵀ S W (lvs × lvs) for weights w (model order).
  std::vector<double> mmat(p * lvs);
  Square g(lvs);
  auto project = [&](const std::vector<double>& w) {
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t k = 0; k < lvs; ++k) {
        double acc = 0.0;
        for (std::size_t j = layout.start[k]; j < layout.start[k + 1]; ++j) acc += s(i, j) * w[j];
        mmat[i * lvs + k] = acc;
      }
    }
    for (std::size_t k = 0; k < lvs; ++k) {
      for (std::size_t l = 0; l < lvs; ++l) {
        double acc = 0.0;
        for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) acc += w[i] * mmat[i * lvs + l];
        g(k, l) = acc;
      }
    }
  };
  // Initial weights: 1 per item, scaled so the block composite has population variance 1 (conv. 2).
  std::vector<double> w(p, 1.0);
  for (std::size_t k = 0; k < lvs; ++k) {
    double v = 0.0;
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) {
      for (std::size_t j = layout.start[k]; j < layout.start[k + 1]; ++j) v += s(i, j);
    }
    if (!(v > 0) || !std::isfinite(v)) return Failure(PlsStatus::DegenerateBlock, k);
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) w[i] = 1.0 / std::sqrt(v);
  }
  std::vector<bool> adjacent(lvs * lvs, false);
  for (std::size_t k = 0; k < lvs; ++k) {
    for (std::size_t j : layout.pred[k]) adjacent[k * lvs + j] = adjacent[j * lvs + k] = true;
  }
  // Lohmöller iteration (conv. 3, 4). Y_k = X w_k standardised with the sample SD and multiplied
  // by √((n−1)/n): Y_k = c_k X w_k with c_k = (n−1)/(n √(w_kᵀ S w_k)).
  const double sdv2 = (dn - 1.0) / dn;
  std::vector<double> c(lvs);
  Square e(lvs);
  Square cor(lvs);
  int iter = 1;
  bool converged = false;
  for (;;) {
    project(w);
    for (std::size_t k = 0; k < lvs; ++k) {
      if (!(g(k, k) > 0) || !std::isfinite(g(k, k))) return Failure(PlsStatus::DegenerateBlock, k);
      c[k] = sdv2 / std::sqrt(g(k, k));
    }
    for (std::size_t k = 0; k < lvs; ++k) {
      for (std::size_t l = 0; l < lvs; ++l) cor(k, l) = g(k, l) / std::sqrt(g(k, k) * g(l, l));
    }
    std::fill(e.data.begin(), e.data.end(), 0.0);
    switch (options.scheme) {
      case PlsScheme::Centroid:
        for (std::size_t i = 0; i < lvs * lvs; ++i) e.data[i] = adjacent[i] ? Sign(cor.data[i]) : 0.0;
        break;
      case PlsScheme::Factorial:
        for (std::size_t i = 0; i < lvs * lvs; ++i) e.data[i] = adjacent[i] ? cor.data[i] : 0.0;
        break;
      case PlsScheme::Path:
        for (std::size_t k = 0; k < lvs; ++k) {
          const auto& pr = layout.pred[k];
          if (!pr.empty()) {
            // OLS without intercept of Y_k on its predecessors; all Y have equal variance, so the
            // coefficients come from their correlations.
            Square a = Pick(cor, pr);
            if (!Cholesky(a)) return Failure(PlsStatus::CollinearLatents, k);
            std::vector<double> rhs(pr.size());
            for (std::size_t q = 0; q < pr.size(); ++q) rhs[q] = cor(pr[q], k);
            const auto beta = CholeskySolve(a, rhs);
            for (std::size_t q = 0; q < pr.size(); ++q) e(pr[q], k) = beta[q];
          }
          for (std::size_t su : layout.succ[k]) e(su, k) = cor(k, su);
        }
        break;
    }
    // Z_j = Σ_k E_kj Y_k; mode A: w_j = (1/n) X_jᵀ Z_j; mode B: w_j = (X_jᵀX_j)⁻¹ X_jᵀ Z_j.
    std::vector<double> wNew(p);
    for (std::size_t j = 0; j < lvs; ++j) {
      for (std::size_t i = layout.start[j]; i < layout.start[j + 1]; ++i) {
        double acc = 0.0;
        for (std::size_t k = 0; k < lvs; ++k) acc += e(k, j) * c[k] * mmat[i * lvs + k];
        wNew[i] = acc;
      }
      if (model.latents[j].mode == PlsMode::B) {
        std::vector<double> t(wNew.begin() + static_cast<std::ptrdiff_t>(layout.start[j]),
                              wNew.begin() + static_cast<std::ptrdiff_t>(layout.start[j + 1]));
        t = CholeskySolve(chol[j], std::move(t));
        std::copy(t.begin(), t.end(), wNew.begin() + static_cast<std::ptrdiff_t>(layout.start[j]));
      }
    }
    double dif = 0.0;
    for (std::size_t i = 0; i < p; ++i) {
      const double d = std::fabs(w[i]) - std::fabs(wNew[i]);
      dif += d * d;
    }
    w = std::move(wNew);
    if (!std::isfinite(dif)) return Failure(PlsStatus::DegenerateBlock);
    // plspm stops on convergence or at maxiter, and treats stopping at maxiter as a failure.
    if (dif < options.tolerance || iter >= options.maxIterations) {
      converged = iter < options.maxIterations;
      break;
    }
    ++iter;
  }
  if (!converged) {
    PlsResult r = Failure(PlsStatus::NotConverged);
    r.n = n;
    r.iterations = iter;
    return r;
  }
  // Final weights: block composite with population variance 1 (conv. 5).
  project(w);
  for (std::size_t k = 0; k < lvs; ++k) {
    if (!(g(k, k) > 0)) return Failure(PlsStatus::DegenerateBlock, k);
    const double f = 1.0 / std::sqrt(g(k, k));
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) w[i] *= f;
  }
  project(w);
  // Sign rule (conv. 6): sign of the sum of the signs of cor(item, LV) over the block's items with
  // a non-zero weight; a tie counts as −1. Scores flip, reported weights do not.
  std::vector<double> sgn(lvs, 1.0);
  for (std::size_t k = 0; k < lvs; ++k) {
    double sum = 0.0;
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) {
      if (w[i] != 0.0) sum += Sign(mmat[i * lvs + k]);
    }
    sgn[k] = sum > 0 ? 1.0 : -1.0;
  }
  // Covariance of the (signed) scores and item–score correlations.
  Square phi(lvs);
  for (std::size_t k = 0; k < lvs; ++k) {
    for (std::size_t l = 0; l < lvs; ++l) phi(k, l) = sgn[k] * sgn[l] * g(k, l);
  }

  PlsResult r;
  r.status = PlsStatus::Ok;
  r.n = n;
  r.iterations = iter;
  r.converged = true;
  r.latents.resize(lvs);
  for (std::size_t k = 0; k < lvs; ++k) {
    auto& ls = r.latents[k];
    ls.name = model.latents[k].name;
    ls.mode = model.latents[k].mode;
    ls.items = layout.start[k + 1] - layout.start[k];
    ls.endogenous = !layout.pred[k].empty();
    ls.sign = sgn[k] > 0 ? 1 : -1;
  }
  // Inner model (conv. 7): OLS with intercept on the scores, from their covariance matrix. The
  // scores are centred, so the intercept is 0 and (XᵀX)⁻¹ of the slopes is Φ_PP⁻¹ / n.
  r.paths.resize(model.paths.size());
  Square coef(lvs);  // coef(to, from)
  for (std::size_t k : layout.endogenous) {
    const auto& pr = layout.pred[k];
    Square a = Pick(phi, pr);
    if (!Cholesky(a)) return Failure(PlsStatus::CollinearLatents, k);
    std::vector<double> rhs(pr.size());
    for (std::size_t q = 0; q < pr.size(); ++q) rhs[q] = phi(pr[q], k);
    const auto beta = CholeskySolve(a, rhs);
    double explained = 0.0;
    for (std::size_t q = 0; q < pr.size(); ++q) explained += beta[q] * rhs[q];
    const double r2 = explained / phi(k, k);
    r.latents[k].rSquared = r2;
    const double df = dn - static_cast<double>(pr.size()) - 1.0;
    const double rss = dn * (phi(k, k) - explained);
    const Stat sigma2 = df > 0 && rss > 0 ? Stat{rss / df} : std::nullopt;
    r.latents[k].intercept = 0.0;
    if (sigma2) r.latents[k].interceptSe = std::sqrt(*sigma2 / dn);
    for (std::size_t q = 0; q < pr.size(); ++q) {
      coef(k, pr[q]) = beta[q];
      PlsPathCoefficient pc;
      pc.from = pr[q];
      pc.to = k;
      pc.estimate = beta[q];
      if (sigma2) {
        std::vector<double> unit(pr.size(), 0.0);
        unit[q] = 1.0;
        const double inv = CholeskySolve(a, unit)[q];
        pc.se = Finite(std::sqrt(*sigma2 * inv / dn));
        if (pc.se && *pc.se > 0) {
          pc.t = beta[q] / *pc.se;
          pc.p = StudentTTwoSidedP(*pc.t, df);
        }
      }
      for (std::size_t e2 = 0; e2 < model.paths.size(); ++e2) {
        if (model.paths[e2].from == pr[q] && model.paths[e2].to == k) r.paths[e2] = pc;
      }
    }
  }
  // Outer model (conv. 8).
  r.outer.resize(p);
  for (std::size_t i = 0; i < p; ++i) {
    auto& it = r.outer[i];
    const std::size_t k = blockOf[i];
    it.latent = k;
    it.column = layout.columns[i];
    const auto& lv = model.latents[k];
    if (!lv.itemNames.empty()) it.name = lv.itemNames[i - layout.start[k]];
    it.weight = w[i];
    it.crossLoadings.resize(lvs);
    for (std::size_t l = 0; l < lvs; ++l) {
      it.crossLoadings[l] = sgn[l] * mmat[i * lvs + l] / std::sqrt(s(i, i) * phi(l, l));
    }
    it.loading = it.crossLoadings[k];
    it.communality = it.loading * it.loading;
    it.redundancy = it.communality * r.latents[k].rSquared;
  }
  // Inner summary.
  double comSum = 0.0;
  std::size_t comCount = 0;
  for (std::size_t k = 0; k < lvs; ++k) {
    auto& ls = r.latents[k];
    double com = 0.0;
    double red = 0.0;
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) {
      com += r.outer[i].communality;
      red += r.outer[i].redundancy;
    }
    ls.blockCommunality = com / static_cast<double>(ls.items);
    ls.meanRedundancy = red / static_cast<double>(ls.items);
    if (ls.mode == PlsMode::A) ls.ave = com / static_cast<double>(ls.items);
    if (ls.items > 1) {
      comSum += com;
      comCount += ls.items;
    }
  }
  // GoF (conv. 10).
  double r2Sum = 0.0;
  for (std::size_t k : layout.endogenous) r2Sum += r.latents[k].rSquared;
  if (comCount > 0) {
    r.gof = Finite(
        std::sqrt(comSum / static_cast<double>(comCount) * r2Sum / static_cast<double>(layout.endogenous.size())));
  }
  // Effects: indirect = Σ_{m=2}^{L−1} Bᵐ, total = B + indirect (plspm get_effects).
  {
    Square power = coef;
    Square indirect(lvs);
    for (std::size_t m = 2; m < lvs; ++m) {
      Square next(lvs);
      for (std::size_t i = 0; i < lvs; ++i) {
        for (std::size_t j = 0; j < lvs; ++j) {
          double acc = 0.0;
          for (std::size_t q = 0; q < lvs; ++q) acc += power(i, q) * coef(q, j);
          next(i, j) = acc;
        }
      }
      power = std::move(next);
      for (std::size_t i = 0; i < lvs * lvs; ++i) indirect.data[i] += power.data[i];
    }
    for (std::size_t from = 0; from < lvs; ++from) {
      for (std::size_t to = from + 1; to < lvs; ++to) {
        r.effects.push_back({from, to, coef(to, from), indirect(to, from), coef(to, from) + indirect(to, from)});
      }
    }
  }
  // Unidimensionality on the raw block (conv. 9): correlation matrix of the block's items.
  if (options.unidimensionality) {
    for (std::size_t k = 0; k < lvs; ++k) {
      auto& ls = r.latents[k];
      const std::size_t q = ls.items;
      if (q == 1) {
        ls.alpha = 1.0;
        ls.rho = 1.0;
        ls.eig1 = 1.0;
        ls.eig2 = 0.0;
        continue;
      }
      detail::Matrix rm(q, q);
      double offSum = 0.0;
      for (std::size_t a = 0; a < q; ++a) {
        for (std::size_t b = 0; b < q; ++b) {
          const std::size_t ia = layout.start[k] + a;
          const std::size_t ib = layout.start[k] + b;
          rm(a, b) = a == b ? 1.0 : mom.cov(ia, ib) / std::sqrt(mom.cov(ia, ia) * mom.cov(ib, ib));
          if (a < b) offSum += rm(a, b);
        }
      }
      const auto eig = detail::EigenSymmetric(rm);
      ls.eig1 = eig.values[0];
      ls.eig2 = eig.values[1];
      if (ls.mode == PlsMode::A) {
        const double dq = static_cast<double>(q);
        const double alpha = (2.0 * offSum / (dq + 2.0 * offSum)) * (dq / (dq - 1.0));
        ls.alpha = Finite(std::max(alpha, 0.0));
        // Loadings on the first principal component: c = v₁ √λ₁; Σc² = λ₁.
        double sumC = 0.0;
        for (std::size_t a = 0; a < q; ++a) sumC += eig.vectors(a, 0) * std::sqrt(std::max(eig.values[0], 0.0));
        const double num = sumC * sumC;
        ls.rho = Finite(num / (num + dq - eig.values[0]));
      }
    }
  }
  // 0–100 index (conv. 11): normalised weights on the raw item means.
  for (std::size_t k = 0; k < lvs; ++k) {
    auto& ls = r.latents[k];
    const auto& lv = model.latents[k];
    if (!lv.scaleMin || !lv.scaleMax || !(*lv.scaleMin < *lv.scaleMax)) {
      ls.indexProblem = PlsIndexProblem::NoScale;
      continue;
    }
    double wSum = 0.0;
    bool positive = true;
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) {
      positive = positive && w[i] > 0;
      wSum += w[i];
    }
    if (!positive) {
      ls.indexProblem = PlsIndexProblem::NonPositiveWeight;
      continue;
    }
    double level = 0.0;
    for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) level += w[i] / wSum * mom.mean[i];
    ls.index = Finite((level - *lv.scaleMin) / (*lv.scaleMax - *lv.scaleMin) * 100.0);
  }
  if (effectiveWeights) {
    effectiveWeights->resize(p);
    for (std::size_t i = 0; i < p; ++i) (*effectiveWeights)[i] = sgn[blockOf[i]] * w[i];
  }
  return r;
}


}  // namespace

void PlsModel::SetPathMatrix(const std::vector<std::vector<int>>& matrix) {
  paths.clear();
  for (std::size_t to = 0; to < matrix.size(); ++to) {
    for (std::size_t from = 0; from < matrix[to].size(); ++from) {
      if (matrix[to][from] != 0) paths.push_back({from, to});
    }
  }
}

Stat PlsResult::Path(std::size_t from, std::size_t to) const {
  for (const auto& pc : paths) {
    if (pc.from == from && pc.to == to) return pc.estimate;
  }
  return std::nullopt;
}

std::string DescribePlsStatus(const PlsResult& result, const PlsModel& model) {
  auto lvName = [&](std::size_t k) {
    return k < model.latents.size() ? "'" + model.latents[k].name + "'" : std::string("?");
  };
  std::string text;
  switch (result.status) {
    case PlsStatus::Ok:
      text = "estimated in " + std::to_string(result.iterations) + " iterations";
      break;
    case PlsStatus::InvalidModel:
      text = "the model is invalid near latent variable " + lvName(result.latent) +
             ": every block needs items that exist in the data, every path must go from an earlier to a later "
             "latent variable, and every latent variable must be connected";
      break;
    case PlsStatus::TooFewRows:
      text = "too few complete rows (" + std::to_string(result.n) +
             "): PLS needs more complete rows than items in the model";
      break;
    case PlsStatus::ConstantItem:
      text = "item in data column " + std::to_string(result.column) + " of latent variable " + lvName(result.latent) +
             " has the same value in every complete row; remove it from the block";
      break;
    case PlsStatus::DegenerateBlock:
      text = "the block of latent variable " + lvName(result.latent) +
             " is degenerate (its items cancel out, or a mode-B block has collinear items)";
      break;
    case PlsStatus::CollinearLatents:
      text = "the predecessors of latent variable " + lvName(result.latent) + " are collinear";
      break;
    case PlsStatus::NotConverged:
      text = "the PLS iteration did not converge in " + std::to_string(result.iterations) +
             " iterations; raise the iteration limit or check the model";
      break;
  }
  if (result.incompleteRows > 0) {
    text += " (" + std::to_string(result.incompleteRows) + " incomplete rows left out)";
  }
  return text;
}

PlsResult EstimatePls(Columns data, const PlsModel& model, const PlsOptions& options) {
  Layout layout;
  if (auto bad = MakeLayout(data, model, layout)) return *bad;
  std::vector<std::size_t> rows;
  const std::size_t n = CompleteRows(data, layout, rows);
  const std::size_t total = data[0].size();
  if (n < 3 || n <= layout.p) {
    PlsResult r = Failure(PlsStatus::TooFewRows);
    r.n = n;
    r.incompleteRows = total - n;
    return r;
  }
  const Moments mom = ComputeMoments(data, layout, rows, n);
  std::vector<double> effective;
  PlsResult r = FitMoments(layout, model, mom, options, &effective);
  r.n = n;
  r.incompleteRows = total - n;
  if (!r.Ok()) return r;
  r.rows = std::move(rows);
  if (options.keepScores) {
    // Scores = X W with the sign rule; X centred (and standardised with the population SD).
    r.scores.assign(n * layout.lvs, 0.0);
    for (std::size_t k = 0; k < layout.lvs; ++k) {
      double* out = r.scores.data() + k * n;
      for (std::size_t i = layout.start[k]; i < layout.start[k + 1]; ++i) {
        const auto col = data[layout.columns[i]];
        const double mu = mom.mean[i];
        const double f = effective[i] / (options.scaled ? std::sqrt(mom.cov(i, i)) : 1.0);
        if (r.rows.empty()) {
          for (std::size_t row = 0; row < n; ++row) out[row] += f * (col[row] - mu);
        } else {
          for (std::size_t row = 0; row < n; ++row) out[row] += f * (col[r.rows[row]] - mu);
        }
      }
    }
  }
  return r;
}

double QuantileType7(std::span<const double> sorted, double probability) {
  const std::size_t m = sorted.size();
  if (m == 0) return kMissingValue;
  const double h = static_cast<double>(m - 1) * probability;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, m - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

PlsBootstrapResult BootstrapPls(Columns data, const PlsModel& model, const PlsOptions& options,
                                const PlsBootstrapOptions& bootstrap) {
  PlsBootstrapResult out;
  Layout layout;
  if (auto bad = MakeLayout(data, model, layout)) {
    out.status = bad->status;
    return out;
  }
  std::vector<std::size_t> rows;
  const std::size_t n = CompleteRows(data, layout, rows);
  if (n < 3 || n <= layout.p) {
    out.status = PlsStatus::TooFewRows;
    return out;
  }
  const std::size_t p = layout.p;
  const Moments mom = ComputeMoments(data, layout, rows, n);
  PlsOptions fitOptions = options;
  fitOptions.keepScores = false;
  fitOptions.unidimensionality = false;
  const PlsResult original = FitMoments(layout, model, mom, fitOptions, nullptr);
  out.status = original.status;
  if (!original.Ok()) return out;

  // Parameters in one vector: weights, loadings, paths, R², total effects, 0–100 indices (NaN where a
  // resample has no index, e.g. a weight turned negative; such values are left out of that index's
  // distribution).
  auto flatten = [&](const PlsResult& r) {
    std::vector<double> v;
    for (const auto& it : r.outer) v.push_back(it.weight);
    for (const auto& it : r.outer) v.push_back(it.loading);
    for (const auto& pc : r.paths) v.push_back(pc.estimate);
    for (const auto& ls : r.latents) v.push_back(ls.rSquared);
    for (const auto& ef : r.effects) v.push_back(ef.total);
    for (const auto& ls : r.latents) v.push_back(ls.index.value_or(kMissingValue));
    return v;
  };
  const std::vector<double> base = flatten(original);
  const std::size_t params = base.size();

  // Items centred at the full-sample means, contiguous by column.
  std::vector<double> xc(p * n);
  for (std::size_t i = 0; i < p; ++i) {
    const auto col = data[layout.columns[i]];
    for (std::size_t r = 0; r < n; ++r) xc[i * n + r] = col[rows.empty() ? r : rows[r]] - mom.mean[i];
  }
  const std::size_t resamples = bootstrap.resamples;
  std::vector<std::vector<double>> estimates(resamples);
  auto runOne = [&](std::size_t b, std::vector<double>& counts, std::vector<double>& weighted) {
    Xoshiro256 rng(bootstrap.seed ^ (0xD1B54A32D192ED03ULL * (static_cast<std::uint64_t>(b) + 1)));
    std::fill(counts.begin(), counts.end(), 0.0);
    for (std::size_t d = 0; d < n; ++d) counts[rng.Below(n)] += 1.0;
    Moments mb;
    mb.n = n;
    mb.mean.assign(p, 0.0);
    mb.constant.assign(p, false);
    mb.cov = Square(p);
    const double dn = static_cast<double>(n);
    for (std::size_t i = 0; i < p; ++i) {
      const double* x = xc.data() + i * n;
      double* y = weighted.data() + i * n;
      double lo = std::numeric_limits<double>::infinity();
      double hi = -lo;
      double sum = 0.0;
      for (std::size_t r = 0; r < n; ++r) {
        y[r] = counts[r] * x[r];
        sum += y[r];
        if (counts[r] > 0) {
          lo = std::min(lo, x[r]);
          hi = std::max(hi, x[r]);
        }
      }
      mb.mean[i] = sum / dn;  // shift from the full-sample mean
      mb.constant[i] = !(hi > lo);
    }
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t j = i; j < p; ++j) {
        const double v = Dot(weighted.data() + i * n, xc.data() + j * n, n) / dn - mb.mean[i] * mb.mean[j];
        mb.cov(i, j) = v;
        mb.cov(j, i) = v;
      }
    }
    for (std::size_t i = 0; i < p; ++i) mb.mean[i] += mom.mean[i];
    const PlsResult r = FitMoments(layout, model, mb, fitOptions, nullptr);
    if (r.Ok()) estimates[b] = flatten(r);
  };
  detail::RunStrided(resamples, bootstrap.threads, [&](unsigned t, unsigned threads) {
    std::vector<double> counts(n);
    std::vector<double> weighted(p * n);
    for (std::size_t b = t; b < resamples; b += threads) runOne(b, counts, weighted);
  });

  std::vector<std::size_t> good;
  for (std::size_t b = 0; b < resamples; ++b) {
    if (!estimates[b].empty()) good.push_back(b);
  }
  out.resamples = good.size();
  out.failed = resamples - good.size();
  std::vector<PlsBootstrapStat> stats(params);
  std::vector<double> values;
  values.reserve(good.size());
  for (std::size_t q = 0; q < params; ++q) {
    stats[q].original = base[q];
    values.clear();
    for (std::size_t g = 0; g < good.size(); ++g) {
      if (!IsMissing(estimates[good[g]][q])) values.push_back(estimates[good[g]][q]);
    }
    if (values.size() < 2) continue;
    const double m = static_cast<double>(values.size());
    double mean = 0.0;
    for (double v : values) mean += v;
    mean /= m;
    double ss = 0.0;
    for (double v : values) ss += (v - mean) * (v - mean);
    stats[q].mean = mean;
    stats[q].se = std::sqrt(ss / (m - 1.0));
    std::sort(values.begin(), values.end());
    stats[q].lower = QuantileType7(values, 0.025);
    stats[q].upper = QuantileType7(values, 0.975);
  }
  auto take = [&](std::size_t& pos, std::size_t count) {
    std::vector<PlsBootstrapStat> part(stats.begin() + static_cast<std::ptrdiff_t>(pos),
                                       stats.begin() + static_cast<std::ptrdiff_t>(pos + count));
    pos += count;
    return part;
  };
  std::size_t pos = 0;
  out.weights = take(pos, p);
  out.loadings = take(pos, p);
  out.paths = take(pos, original.paths.size());
  out.rSquared = take(pos, original.latents.size());
  out.totalEffects = take(pos, original.effects.size());
  out.indices = take(pos, original.latents.size());
  return out;
}

}  // namespace manyi::stats

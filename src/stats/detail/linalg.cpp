// Householder QR least squares and Jacobi eigen-decomposition (Golub & Van Loan 2013, §5.2, §8.5).
#include "stats/detail/linalg.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace manyi::stats::detail {

namespace {

// Euclidean norm with scaling against overflow/underflow.
double Norm(const double* x, std::size_t n) {
  double scale = 0.0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, std::fabs(x[i]));
  if (scale == 0.0) return 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = x[i] / scale;
    sum += v * v;
  }
  return scale * std::sqrt(sum);
}

}  // namespace

LeastSquares SolveLeastSquares(Matrix x, std::vector<double> y) {
  const std::size_t n = x.rows;
  const std::size_t p = x.cols;
  LeastSquares out;
  if (n < p || p == 0 || y.size() != n) return out;
  std::vector<double> colNorm(p);
  for (std::size_t j = 0; j < p; ++j) colNorm[j] = Norm(x.Column(j), n);
  std::vector<double> diag(p);
  std::vector<double> v(n);
  for (std::size_t k = 0; k < p; ++k) {
    double* xk = x.Column(k);
    const double norm = Norm(xk + k, n - k);
    if (!(norm > 1e-10 * colNorm[k]) || colNorm[k] == 0.0) return out;  // collinear column
    const double alpha = xk[k] > 0.0 ? -norm : norm;
    // Householder vector v = x − αe₁ (sign chosen to avoid cancellation); H = I − 2vvᵀ/vᵀv.
    for (std::size_t i = k; i < n; ++i) v[i] = xk[i];
    v[k] -= alpha;
    double vtv = 0.0;
    for (std::size_t i = k; i < n; ++i) vtv += v[i] * v[i];
    auto reflect = [&](double* col) {
      double dot = 0.0;
      for (std::size_t i = k; i < n; ++i) dot += v[i] * col[i];
      const double f = 2.0 * dot / vtv;
      for (std::size_t i = k; i < n; ++i) col[i] -= f * v[i];
    };
    for (std::size_t j = k + 1; j < p; ++j) reflect(x.Column(j));
    reflect(y.data());
    diag[k] = alpha;
    xk[k] = alpha;
    for (std::size_t i = k + 1; i < n; ++i) xk[i] = 0.0;
  }
  // Back substitution R β = (Qᵀy)[0..p).
  out.beta.assign(p, 0.0);
  for (std::size_t kk = p; kk-- > 0;) {
    double s = y[kk];
    for (std::size_t j = kk + 1; j < p; ++j) s -= x(kk, j) * out.beta[j];
    out.beta[kk] = s / x(kk, kk);
  }
  // R⁻¹ (upper triangular) column by column, then (XᵀX)⁻¹ = R⁻¹R⁻ᵀ.
  Matrix rinv(p, p);
  for (std::size_t c = 0; c < p; ++c) {
    for (std::size_t kk = c + 1; kk-- > 0;) {
      double s = kk == c ? 1.0 : 0.0;
      for (std::size_t j = kk + 1; j <= c; ++j) s -= x(kk, j) * rinv(j, c);
      rinv(kk, c) = s / x(kk, kk);
    }
  }
  out.xtxInverse = Matrix(p, p);
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < p; ++j) {
      double s = 0.0;
      for (std::size_t k = std::max(i, j); k < p; ++k) s += rinv(i, k) * rinv(j, k);
      out.xtxInverse(i, j) = s;
    }
  }
  out.fullRank = true;
  return out;
}

SymmetricEigen EigenSymmetric(const Matrix& input) {
  const std::size_t p = input.rows;
  Matrix a(p, p);
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t j = 0; j < p; ++j) a(i, j) = 0.5 * (input(i, j) + input(j, i));
  }
  Matrix v(p, p);
  for (std::size_t i = 0; i < p; ++i) v(i, i) = 1.0;
  double total = 0.0;
  for (double x : a.data) total += x * x;
  for (int sweep = 0; sweep < 100; ++sweep) {
    double off = 0.0;
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t j = i + 1; j < p; ++j) off += a(i, j) * a(i, j);
    }
    if (off <= 1e-30 * total || off == 0.0) break;
    for (std::size_t i = 0; i < p; ++i) {
      for (std::size_t j = i + 1; j < p; ++j) {
        if (a(i, j) == 0.0) continue;
        // Rotation angle that zeroes a(i, j) (Golub & Van Loan Alg. 8.5.1, stable form).
        const double theta = (a(j, j) - a(i, i)) / (2.0 * a(i, j));
        const double t = (theta >= 0 ? 1.0 : -1.0) / (std::fabs(theta) + std::sqrt(theta * theta + 1.0));
        const double c = 1.0 / std::sqrt(t * t + 1.0);
        const double s = t * c;
        for (std::size_t k = 0; k < p; ++k) {
          const double aki = a(k, i);
          const double akj = a(k, j);
          a(k, i) = c * aki - s * akj;
          a(k, j) = s * aki + c * akj;
        }
        for (std::size_t k = 0; k < p; ++k) {
          const double aik = a(i, k);
          const double ajk = a(j, k);
          a(i, k) = c * aik - s * ajk;
          a(j, k) = s * aik + c * ajk;
        }
        for (std::size_t k = 0; k < p; ++k) {
          const double vki = v(k, i);
          const double vkj = v(k, j);
          v(k, i) = c * vki - s * vkj;
          v(k, j) = s * vki + c * vkj;
        }
      }
    }
  }
  std::vector<std::size_t> order(p);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return a(x, x) > a(y, y); });
  SymmetricEigen out;
  out.vectors = Matrix(p, p);
  for (std::size_t k = 0; k < p; ++k) {
    out.values.push_back(a(order[k], order[k]));
    for (std::size_t i = 0; i < p; ++i) out.vectors(i, k) = v(i, order[k]);
  }
  return out;
}

}  // namespace manyi::stats::detail

// Small dense linear algebra for the statistics library: Householder QR least squares and the
// Jacobi eigen-decomposition of symmetric matrices (internal; not part of the public API).
#pragma once

#include <cstddef>
#include <vector>

namespace manyi::stats::detail {

/// Dense matrix stored column by column (a(i, j) = data[j * rows + i]).
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> data;

  Matrix() = default;
  Matrix(std::size_t r, std::size_t c) : rows(r), cols(c), data(r * c, 0.0) {}
  double& operator()(std::size_t i, std::size_t j) { return data[j * rows + i]; }
  double operator()(std::size_t i, std::size_t j) const { return data[j * rows + i]; }
  double* Column(std::size_t j) { return data.data() + j * rows; }
  const double* Column(std::size_t j) const { return data.data() + j * rows; }
};

/// Least-squares solution of min ‖y − Xβ‖ by Householder QR (Golub & Van Loan 2013, §5.2).
struct LeastSquares {
  bool fullRank = false;
  std::vector<double> beta;  ///< p coefficients
  Matrix xtxInverse;         ///< (XᵀX)⁻¹ = R⁻¹R⁻ᵀ, p × p
};

/// Solves the least-squares problem; X is n × p with n ≥ p. A column whose part orthogonal to the
/// previous columns is below 1e−10 of its norm makes the problem rank deficient (fullRank = false).
LeastSquares SolveLeastSquares(Matrix x, std::vector<double> y);

/// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations: A = V diag(λ) Vᵀ.
struct SymmetricEigen {
  std::vector<double> values;  ///< eigenvalues, descending
  Matrix vectors;              ///< column k is the eigenvector of values[k]
};

/// Jacobi eigen-decomposition of the symmetric p × p matrix a (only the symmetric part is used).
SymmetricEigen EigenSymmetric(const Matrix& a);

}  // namespace manyi::stats::detail

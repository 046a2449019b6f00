// PLS path modelling (Lohmöller's algorithm) reproducing R plspm 0.5, with a seeded row bootstrap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "stats/common.h"
#include "stats/regression.h"

namespace manyi::stats {

/// Outer (measurement) mode of a block: A = reflective (correlation weights), B = formative
/// (multiple-regression weights).
enum class PlsMode { A, B };

/// Inner weighting scheme of the iteration (plspm `scheme`).
enum class PlsScheme { Centroid, Factorial, Path };

/// One latent variable: its block of manifest variables (column indices into the data) and mode.
struct PlsLatent {
  std::string name;
  std::vector<std::size_t> columns;    ///< data columns of the block's items, in block order
  std::vector<std::string> itemNames;  ///< optional, one per column (reported back as given)
  PlsMode mode = PlsMode::A;
  std::optional<double> scaleMin;  ///< lowest possible item value (for the 0–100 index)
  std::optional<double> scaleMax;  ///< highest possible item value
};

/// A structural path from → to between latent variables (indices into PlsModel::latents).
struct PlsPath {
  std::size_t from = 0;
  std::size_t to = 0;
};

/// A path model. Latent variables are listed in causal order: every path goes from a lower to a
/// higher index (plspm's lower-triangular path matrix); each path is listed once.
struct PlsModel {
  std::vector<PlsLatent> latents;
  std::vector<PlsPath> paths;

  /// Builds `paths` from a lower-triangular 0/1 matrix (row = endogenous, column = predecessor),
  /// as plspm's `path_matrix`; entries other than 0 count as 1.
  void SetPathMatrix(const std::vector<std::vector<int>>& matrix);
};

/// Options of the estimation (plspm defaults: centroid, scaled = TRUE, tol 1e-6, maxiter 100).
struct PlsOptions {
  PlsScheme scheme = PlsScheme::Centroid;
  bool scaled = true;             ///< standardise items (population SD); false = centre only
  double tolerance = 1e-6;        ///< on Σ(|w_old| − |w_new|)² of the outer weights
  int maxIterations = 100;        ///< reaching it is a failure (as plspm), never a silent result
  bool keepScores = true;         ///< fill PlsResult::scores (n × latents)
  bool unidimensionality = true;  ///< compute alpha, rho and eigenvalues of each block
};

/// Outcome of an estimation. Anything but Ok leaves the numeric parts of the result empty.
enum class PlsStatus {
  Ok,
  InvalidModel,      ///< no latent variable, empty block, bad column index, path not from lower to higher
  TooFewRows,        ///< complete rows n ≤ number of items in the model (or n < 3)
  ConstantItem,      ///< an item has no variance in the complete rows (`column`)
  DegenerateBlock,   ///< a block's composite has no variance or a mode-B block is singular (`latent`)
  CollinearLatents,  ///< the predecessors of an endogenous latent variable are collinear (`latent`)
  NotConverged,      ///< maxIterations reached (plspm returns no result then)
};

/// Why a 0–100 index is missing.
enum class PlsIndexProblem {
  None,
  NoScale,            ///< scaleMin / scaleMax not given, or not scaleMin < scaleMax
  NonPositiveWeight,  ///< plspm rescale() requires every outer weight of the block to be > 0
};

/// One manifest variable of the outer model (in model order: block by block).
struct PlsOuterItem {
  std::size_t latent = 0;
  std::size_t column = 0;
  std::string name;
  double weight = 0.0;                ///< outer weight as plspm reports it (before the sign rule)
  double loading = 0.0;               ///< cor(item, latent score)
  double communality = 0.0;           ///< loading²
  double redundancy = 0.0;            ///< communality × R² of its latent variable (0 when exogenous)
  std::vector<double> crossLoadings;  ///< cor(item, score of every latent variable)
};

/// A structural coefficient: OLS with intercept of the endogenous score on its predecessors;
/// t and p with n − k − 1 degrees of freedom (k = number of predecessors).
struct PlsPathCoefficient {
  std::size_t from = 0;
  std::size_t to = 0;
  double estimate = 0.0;
  Stat se;
  Stat t;
  Stat p;
};

/// Per latent variable: inner summary, unidimensionality and the rescaled index.
struct PlsLatentSummary {
  std::string name;
  PlsMode mode = PlsMode::A;
  std::size_t items = 0;
  bool endogenous = false;
  double rSquared = 0.0;          ///< 0 for exogenous latent variables (as plspm)
  double blockCommunality = 0.0;  ///< mean communality of the block's items
  double meanRedundancy = 0.0;
  Stat ave;        ///< average variance extracted; missing for mode B (plspm prints NA)
  Stat intercept;  ///< of the structural regression (0 up to rounding: scores are centred)
  Stat interceptSe;
  // Unidimensionality of the raw block (plspm unidim): missing when not computed.
  Stat alpha;    ///< standardised Cronbach alpha truncated at 0; 1 for one item; missing for mode B
  Stat rho;      ///< Dillon–Goldstein rho from the first principal component; 1 for one item
  Stat eig1;     ///< first eigenvalue of the block's correlation matrix (1 for one item)
  Stat eig2;     ///< second eigenvalue (0 for one item)
  int sign = 1;  ///< the sign applied to the scores by plspm's sign rule (+1 or −1)
  Stat index;    ///< 0–100 index: (Σ ŵ x̄ − min) / (max − min) × 100, ŵ = w / Σw
  PlsIndexProblem indexProblem = PlsIndexProblem::None;
};

/// Direct, indirect and total effect of `from` on `to` (every pair from < to, as plspm).
struct PlsEffect {
  std::size_t from = 0;
  std::size_t to = 0;
  double direct = 0.0;
  double indirect = 0.0;
  double total = 0.0;
};

/// Everything plspm reports for a model.
struct PlsResult {
  PlsStatus status = PlsStatus::InvalidModel;
  std::size_t latent = 0;          ///< latent variable concerned by a problem status
  std::size_t column = 0;          ///< data column concerned by ConstantItem / InvalidModel
  std::size_t n = 0;               ///< complete rows used
  std::size_t incompleteRows = 0;  ///< rows dropped because an item of the model was missing
  int iterations = 0;
  bool converged = false;

  std::vector<PlsOuterItem> outer;
  std::vector<PlsPathCoefficient> paths;  ///< in PlsModel::paths order
  std::vector<PlsLatentSummary> latents;
  std::vector<PlsEffect> effects;
  Stat gof;  ///< √(mean communality of items in blocks of > 1 item × mean R² of endogenous LVs)

  /// Latent scores, column-major: scores[k * n + i] is latent k of complete row i (after the sign
  /// rule). Empty unless PlsOptions::keepScores.
  std::vector<double> scores;
  /// Data row of each complete row; empty when no row was dropped (complete row i = data row i).
  std::vector<std::size_t> rows;

  bool Ok() const { return status == PlsStatus::Ok; }
  double Score(std::size_t row, std::size_t latentIndex) const { return scores[latentIndex * n + row]; }
  /// Path coefficient from → to, or missing when the model has no such path.
  Stat Path(std::size_t from, std::size_t to) const;
};

/// English description of a result's status (for logs and tests; the GUI and CLI translate the
/// status kind themselves). Names the latent variable, item or row count concerned.
std::string DescribePlsStatus(const PlsResult& result, const PlsModel& model);

/// Estimates the model on the data columns (all the same length). Rows where any item of the model
/// is missing are dropped (listwise deletion; plspm requires complete data) and counted.
/// The algorithm works on the items' cross-product matrix, so the data are read twice (moments)
/// plus once for the scores.
PlsResult EstimatePls(Columns data, const PlsModel& model, const PlsOptions& options = {});

/// Bootstrap of the estimation (plspm boot.val): rows resampled with replacement, every resample
/// re-centred (and re-standardised when scaled) and re-estimated.
struct PlsBootstrapOptions {
  std::size_t resamples = 500;
  std::uint64_t seed = 1;  ///< same seed, same data → same figures, whatever the thread count
  unsigned threads = 1;    ///< 0 = one per hardware thread
};

/// Bootstrap distribution of one parameter. Missing when fewer than 2 resamples succeeded.
struct PlsBootstrapStat {
  double original = 0.0;
  Stat mean;
  Stat se;     ///< standard deviation of the resample estimates (n − 1)
  Stat lower;  ///< 2.5 % percentile (R quantile type 7)
  Stat upper;  ///< 97.5 % percentile
};

struct PlsBootstrapResult {
  PlsStatus status = PlsStatus::InvalidModel;  ///< of the estimation on the full data
  std::size_t resamples = 0;                   ///< resamples that succeeded
  std::size_t failed = 0;                      ///< resamples that did not converge or were degenerate
  std::vector<PlsBootstrapStat> weights;       ///< per outer item (model order)
  std::vector<PlsBootstrapStat> loadings;      ///< per outer item
  std::vector<PlsBootstrapStat> paths;         ///< per PlsModel::paths
  std::vector<PlsBootstrapStat> rSquared;      ///< per latent variable (exogenous: always 0)
  std::vector<PlsBootstrapStat> totalEffects;  ///< per PlsResult::effects entry
  /// 0–100 index per latent variable; `original` is NaN and the rest missing when the estimate has
  /// no index (no scale, a non-positive weight); resamples without an index are left out.
  std::vector<PlsBootstrapStat> indices;
};

/// Seeded, reproducible bootstrap (xoshiro256** streams seeded by splitmix64 from seed and the
/// resample number, so the figures do not depend on the thread count).
PlsBootstrapResult BootstrapPls(Columns data, const PlsModel& model, const PlsOptions& options = {},
                                const PlsBootstrapOptions& bootstrap = {});

/// R's quantile type 7 of sorted values (linear interpolation between order statistics).
double QuantileType7(std::span<const double> sorted, double probability);

}  // namespace manyi::stats

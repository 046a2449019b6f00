// Satisfaction measures: NPS, CSAT, CES, the importance-weighted CSI and importance–performance quadrants.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "stats/common.h"

namespace manyi::stats {

/// Net Promoter Score of a 0–10 item (values outside 0–10 are not counted).
struct NpsResult {
  std::size_t n = 0;  ///< valid answers
  double sumWeights = 0.0;
  double effectiveN = 0.0;  ///< Kish (Σw)²/Σw² (= n unweighted), used for the variance
  bool weighted = false;
  Stat promoters;   ///< share 9–10, in [0, 1]
  Stat passives;    ///< share 7–8
  Stat detractors;  ///< share 0–6
  Stat nps;         ///< 100 (promoters − detractors), −100…100
  Stat se;          ///< 100 √((p_P + p_D − (p_P − p_D)²) / n_eff)
  Stat ciLower;     ///< nps ∓ z · se, clipped to [−100, 100]
  Stat ciUpper;
};

/// NPS with a normal CI from the variance of the difference of two multinomial proportions.
NpsResult NetPromoterScore(std::span<const double> values, Weights weights = {}, double confidence = 0.95);

/// A "share of the scale" measure with the item mean (CSAT, CES).
struct ScaleShareResult {
  std::size_t n = 0;
  double sumWeights = 0.0;
  double effectiveN = 0.0;
  bool weighted = false;
  Stat share;    ///< in [0, 1]
  Stat ciLower;  ///< Wilson interval at n_eff
  Stat ciUpper;
  Stat mean;
  Stat meanSe;
};

/// CSAT: share of 4–5 (top-2 box) of a 1–5 item, and its mean; values outside 1–5 not counted.
ScaleShareResult Csat(std::span<const double> values, Weights weights = {}, double confidence = 0.95);

/// CES: mean of a 1–7 "made it easy" item and the share of 5–7; values outside 1–7 not counted.
ScaleShareResult Ces(std::span<const double> values, Weights weights = {}, double confidence = 0.95);

/// Importance-weighted customer satisfaction index (DOMAIN.md §3).
struct CsiResult {
  std::vector<double> normalisedWeights;  ///< W_i = w_i / Σw
  Stat weightedMean;                      ///< Σ W_i s̄_i on the item scale
  Stat index;                             ///< (Σ W_i s̄_i − s_min) / (s_max − s_min) × 100
};

/// CSI from importance weights (w_i ≥ 0, not all 0) and attribute satisfaction means.
CsiResult ImportanceWeightedCsi(std::span<const double> importance, std::span<const double> satisfactionMeans,
                                double scaleMin, double scaleMax);

/// Respondent-level CSI: index_r = (Σ W_i x_ri − s_min)/(s_max − s_min) × 100 over respondents who
/// answered every attribute, with its mean, SE and Student-t CI.
struct CsiSampleResult {
  std::size_t n = 0;
  double sumWeights = 0.0;
  Stat index;
  Stat se;
  Stat ciLower;
  Stat ciUpper;
};

/// Respondent-level CSI scores (0–100 when the answers are on the scale): NaN for respondents who
/// missed an attribute of positive weight; all NaN when the weights or the scale are unusable.
std::vector<double> CsiScores(std::span<const std::span<const double>> attributes, std::span<const double> importance,
                              double scaleMin, double scaleMax);

/// CSI with a confidence interval from respondent-level answers (attributes as columns).
CsiSampleResult ImportanceWeightedCsiSample(std::span<const std::span<const double>> attributes,
                                            std::span<const double> importance, double scaleMin, double scaleMax,
                                            Weights weights = {}, double confidence = 0.95);

/// Quadrant of the importance–performance map (Martilla & James 1977).
enum class Quadrant {
  ConcentrateHere,    ///< importance ≥ cut, performance < cut
  KeepUpTheGoodWork,  ///< importance ≥ cut, performance ≥ cut
  LowPriority,        ///< importance < cut, performance < cut
  PossibleOverkill,   ///< importance < cut, performance ≥ cut
};

/// Importance–performance quadrants of attributes.
struct QuadrantResult {
  double importanceCut = 0.0;
  double performanceCut = 0.0;
  std::vector<std::optional<Quadrant>> quadrants;  ///< missing for attributes with missing input
};

/// Assigns each attribute to a quadrant. Cut points default to the means of the (non-missing)
/// importances and performances; pass them to use the user's own. Importance may be stated (mean
/// rating) or derived (e.g. PearsonCorrelation with overall satisfaction, or relative weights).
QuadrantResult ImportancePerformance(std::span<const double> importance, std::span<const double> performance,
                                     std::optional<double> importanceCut = {},
                                     std::optional<double> performanceCut = {});

}  // namespace manyi::stats

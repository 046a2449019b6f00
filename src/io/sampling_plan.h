// Sample plans over a project's sample frame: strata by frame attributes, allocation (a fixed
// fraction with a rounding rule, or a total n split proportionally or by Neyman), totals
// accumulated by an attribute, and a seeded, reproducible draw that becomes a mailing batch.
#pragma once

#include <filesystem>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "stats/fieldwork.h"
#include "storage/project.h"

namespace manyi::io {

/// What to plan.
struct SamplePlanSpec {
  std::vector<std::string> strata;     ///< frame attributes: region, industry, importance_class, loyalty_class
  std::optional<double> fraction;      ///< a fixed fraction per stratum (e.g. 0.8) …
  stats::Rounding rounding = stats::Rounding::kHalfUp;
  std::optional<double> total;         ///< … or a total n to allocate
  bool neyman = false;                 ///< with total: Neyman (S_h of the customers' value) instead of proportional
  std::string accumulateBy;            ///< an attribute to sum the stratum samples over (e.g. region)
};

struct Stratum {
  std::vector<std::string> key;  ///< attribute values ("" = not recorded)
  std::vector<int64_t> customers;  ///< customer ids, ascending
  double quota = 0;                ///< real-valued allocation
  size_t sample = 0;               ///< whole questionnaires
};

struct SamplePlan {
  std::vector<Stratum> strata;
  std::vector<std::pair<std::string, size_t>> accumulated;  ///< accumulateBy value → sample, in frame order of first appearance
  size_t population = 0;
  size_t total = 0;
};

/// The sample-frame attributes strata can be formed by, as PlanSample accepts them.
const std::vector<std::string>& FrameAttributes();

/// The readable name of a frame attribute ("Region", "地区"); the key itself when unknown.
Message FrameAttributeLabel(const std::string& attribute);

/// The rounding rules by name: half-up (the source survey's), half-even, up, down.
std::optional<stats::Rounding> ParseRounding(std::string_view name);

/// Where a drawn sample goes beyond the date and note.
struct DrawTarget {
  int64_t questionnaireId = 0;  ///< the questionnaire version sent or asked; 0 = the newest
  std::string formLang;         ///< mail: the language the forms are printed in, zh or en ("" = not recorded)
};

/// Computes the plan over the project's customers. Throws UserError for an unknown attribute,
/// an empty frame, or a spec with neither or both of fraction and total.
SamplePlan PlanSample(storage::Project& project, const SamplePlanSpec& spec);

/// Draws the planned number of customers from each stratum (seeded; the same seed and frame give
/// the same sample) and records them as a mailing batch sent on `sentOn` for the newest
/// questionnaire (or target's), in one transaction. Returns the batch id. Throws UserError for a
/// questionnaire that is not in the project, or a form language that is not one of its languages.
int64_t DrawSample(storage::Project& project, const SamplePlan& plan, uint64_t seed, const std::string& sentOn, const std::string& note,
                   const DrawTarget& target = {});

/// Draws like DrawSample (the same seed draws the same customers) into a telephone call list for
/// the newest questionnaire (or target's), each case to be tried at most maxAttempts times.
/// Returns the list id.
int64_t DrawCallList(storage::Project& project, const SamplePlan& plan, uint64_t seed, const std::string& createdOn,
                     int maxAttempts, const std::string& note, const DrawTarget& target = {});

/// Records what became of mailed questionnaires: status "returned" or "undeliverable" (or "sent"
/// to undo) on date `on`, for customers by their frame id. batch 0 = each customer's newest batch.
/// All or nothing: a customer not in the frame or not mailed in the batch is an error listing
/// every such id. Returns how many mailings changed.
int64_t RecordMailStatus(storage::Project& project, const std::vector<std::string>& customerIds, const std::string& status,
                         const std::string& on, int64_t batch);

/// What PrintMailBatch wrote.
struct PrintedBatch {
  int pages = 0;
  size_t copies = 0;
  std::string lang;  ///< the batch's print language, or the questionnaire's first one when not recorded
};

/// Prints the paper questionnaires of mailing batch `batch` to a PDF: one copy per mailed customer
/// (its id from the sample frame on every page, in id order) in the batch's print language.
/// Throws UserError when there is no such batch or it holds no mailing.
PrintedBatch PrintMailBatch(storage::Project& project, int64_t batch, const std::filesystem::path& path);

}  // namespace manyi::io

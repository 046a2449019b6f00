// The method statement of a report (ARCHITECTURE.md §6): population, sample, responses per
// channel, weighting, margins of error, significance rules, software version, data fingerprint.
#pragma once

#include <ctime>
#include <string>
#include <vector>

#include "io/dataset.h"
#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::report {

/// The rules and provenance the method sheet states besides the data and the project.
struct MethodInputs {
  double confidence = 0.95;
  size_t minN = 30;
  size_t suppressBelow = 5;
  std::string templateName;
  std::time_t created = 0;
};

/// The method statement as tables (in the current language): survey and sample, margins of error
/// by wave and channel, significance and small-base rules, software and data provenance.
std::vector<ResultTable> MethodTables(const io::Dataset& data, const storage::ProjectFacts& facts, const MethodInputs& in);

}  // namespace manyi::report

// Summary tables of a project: its facts, and the demo's first look at the answers.
#pragma once

#include <vector>

#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::report {

/// The facts of a project as tables (file, counts, responses by channel).
std::vector<ResultTable> FactsTables(const storage::ProjectFacts& facts);

/// Responses by wave and channel, and by region with the mean overall satisfaction, for every
/// questionnaire that has a region and an overall-satisfaction item.
std::vector<ResultTable> DemoSummaryTables(storage::Project& project);

}  // namespace manyi::report

// What each part of a project holds, as result tables: the GUI's project explorer shows them for
// a part that has no panel of its own, and they tell anyone what is there at a glance.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::report {

/// The parts of a project (the project explorer's nodes).
enum class ProjectPart { kQuestionnaires, kSampleFrame, kFieldwork, kResponses, kAnalyses, kReports };

/// The tables describing one part, in the current language; a part with nothing in it yet still
/// gets its tables (with zero counts), so that the user sees what would be there.
std::vector<ResultTable> PartTables(storage::Project& project, ProjectPart part);

}  // namespace manyi::report

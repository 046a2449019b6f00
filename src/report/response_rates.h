// Response rates of a project's fieldwork (AAPOR RR1–RR6, cooperation, refusal and contact
// rates) from the recorded call dispositions and mail returns, as result tables.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report/result_table.h"
#include "stats/fieldwork.h"
#include "storage/project.h"

namespace manyi::report {

/// Final disposition counts per group. by: "channel", "region", "industry" or "wave".
/// Phone cases: a complete anywhere wins, then a partial, else the last attempt's disposition.
/// Mail cases: a keyed response (complete or partial) or a return is I (P), undeliverable and
/// nothing returned are unknown eligibility (UO).
std::vector<std::pair<std::string, stats::DispositionCounts>> FinalDispositions(storage::Project& project, const std::string& by);

/// Two tables: dispositions and rates per group plus a total row. e: the eligible share of the
/// unknown cases (default: estimated from the cases whose eligibility is known).
std::vector<ResultTable> ResponseRateTables(storage::Project& project, const std::string& by, std::optional<double> e);

}  // namespace manyi::report

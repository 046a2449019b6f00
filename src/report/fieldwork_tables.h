// Result tables of keyed double entry: the discrepancy list and the operator statistics, for the
// command line and the data-entry screen alike.
#pragma once

#include <vector>

#include "io/data_entry.h"
#include "report/result_table.h"

namespace manyi::report {

/// Discrepancies: respondent, page, question, variable, both keyings, operators (and the resolved
/// value when withResolved).
ResultTable DiscrepancyTable(const std::vector<io::Discrepancy>& list, bool withResolved);

/// Keying statistics per operator: forms, fields, seconds per field, fields compared, errors,
/// error rate, open discrepancies.
ResultTable OperatorTable(const std::vector<io::OperatorStats>& list);

}  // namespace manyi::report

// Result tables of keyed double entry: the discrepancy list and the operator statistics, for the
// command line and the data-entry screen alike.
#pragma once

#include <vector>

#include "io/data_entry.h"
#include "io/sampling_plan.h"
#include "report/result_table.h"

namespace manyi::report {

/// Discrepancies: respondent, page, question, variable, both keyings, operators (and the resolved
/// value when withResolved).
ResultTable DiscrepancyTable(const std::vector<io::Discrepancy>& list, bool withResolved);

/// Keying statistics per operator: forms, fields, seconds per field, fields compared, errors,
/// error rate, open discrepancies.
ResultTable OperatorTable(const std::vector<io::OperatorStats>& list);

/// A sample plan as result tables, for the command line and the sampling dialog alike: the plan by
/// stratum (attribute values, customers, real-valued quota, sample) with a total row, and, when
/// the plan accumulates by an attribute, the sample by that attribute.
std::vector<ResultTable> SamplePlanTables(const io::SamplePlan& plan, const io::SamplePlanSpec& spec);

}  // namespace manyi::report

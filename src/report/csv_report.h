// The CSV renderer of reports: every result table of a report as its own CSV file in a folder.
#pragma once

#include <filesystem>
#include <vector>

#include "report/report_template.h"

namespace manyi::report {

/// Writes each result table of the reports into folder (created when missing) as
/// "NN-SECTION-K.csv": NN the section's position, SECTION its template id, K the table's position
/// in the section; with two reports (`--lang both`) the names end in ".zh.csv" and ".en.csv".
/// Cover and data sections have no result table (`manyi-cli export --responses` writes the data).
/// Returns the files written. Throws UserError when the folder cannot be made or written.
std::vector<std::filesystem::path> WriteReportCsv(const std::vector<Report>& reports, const std::filesystem::path& folder);

}  // namespace manyi::report

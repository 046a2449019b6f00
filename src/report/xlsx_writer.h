// The Excel renderer of reports: a workbook with a sheet per section, styled result tables and
// native charts, written with libxlsxwriter in the C numeric locale.
#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <vector>

#include "report/report_template.h"

namespace manyi::report {

/// Writes a report to an .xlsx file. reports holds one report, or the same report in two languages
/// (zh first, en second: `--lang both`), whose texts then stand side by side: a header row per
/// language, "中文 / English" in text cells. created is the workbook's creation time (fixed for
/// byte-stable output). The file appears only when complete (written beside it, then renamed).
/// Throws UserError when the file cannot be written or the logo is not a PNG/JPEG/BMP image.
/// beforeSection, when given, is called before each section's sheet is written; an exception it
/// throws stops the writing and leaves no file (nor the partial one).
void WriteReportWorkbook(const std::vector<Report>& reports, const std::filesystem::path& file, std::time_t created,
                         const std::function<void(size_t section, size_t sections)>& beforeSection = {});

/// The column width (in Excel character units) that fits text: CJK characters count double.
double ColumnWidthFor(std::string_view text);

/// A valid, unique sheet name from text: at most 31 characters, none of []:*?/\, not taken.
std::string SheetName(const std::string& text, const std::vector<std::string>& taken);

}  // namespace manyi::report

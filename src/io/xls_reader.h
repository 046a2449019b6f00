// Reading old Excel 97–2003 workbooks (.xls, BIFF in an OLE2 container) row by row with FreeXL,
// which converts the workbook's code page (e.g. 936 for GBK) to UTF-8.
#pragma once

#include <filesystem>
#include <memory>

#include "io/xlsx_reader.h"

namespace manyi::io {

/// Opens an .xls workbook. Errors: not an .xls file, encrypted or damaged workbook.
Result<std::unique_ptr<WorkbookReader>> OpenXls(const std::filesystem::path& file);

/// Whether bytes start with the OLE2 compound-document signature (.xls, .doc…).
bool HasOle2Signature(std::string_view head);

}  // namespace manyi::io

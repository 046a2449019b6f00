// Reading spreadsheets row by row: the common workbook interface and the streaming .xlsx reader
// (libzip + expat; a sheet is never held as a DOM). The BIFF .xls reader is in io/xls_reader.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace manyi::io {

/// What a spreadsheet cell holds.
enum class CellType { kEmpty, kText, kNumber, kBool, kDate, kError };

/// One cell. `text` is always filled: the string, the number as written in the file ("4",
/// "0.5"), "1"/"0" for booleans, the ISO date or date-time for dates, the error code ("#N/A").
struct Cell {
  CellType type = CellType::kEmpty;
  std::string text;
  double number = 0;  ///< numbers and booleans; dates: the serial number (days since 1899-12-30)
  bool Empty() const { return type == CellType::kEmpty || (type == CellType::kText && text.empty()); }
};

/// One row of a sheet: its 1-based number and its cells by 0-based column (cells missing in the
/// file are empty; trailing empty cells are left out).
struct SheetRow {
  int64_t number = 0;
  std::vector<Cell> cells;
  /// The cell's text, or "" beyond the end of the row.
  const std::string& Text(size_t column) const;
};

/// Called for each row holding at least one non-empty cell, in sheet order; return false to stop.
using RowCallback = std::function<bool(const SheetRow& row)>;

/// A row as text only: its 1-based number and the `text` of each cell (as in Cell), by 0-based
/// column, trailing empty cells left out. The views are valid during the callback only.
using TextRowCallback = std::function<bool(int64_t number, const std::vector<std::string_view>& cells)>;

/// A workbook opened for reading (xlsx or xls): sheet names, then the rows of any sheet.
class WorkbookReader {
 public:
  virtual ~WorkbookReader() = default;
  /// Sheet names in workbook order.
  virtual const std::vector<std::string>& SheetNames() const = 0;
  /// Streams the rows of sheet `index` to onRow; returns the number of rows passed, or an error
  /// naming the file and the damaged part. Rows with only empty cells are skipped.
  virtual Result<int64_t> ReadRows(size_t index, const RowCallback& onRow) = 0;
  /// The same rows as text only, for readers of large sheets (the response import): no cell
  /// objects are made, and a reader may hand out its shared strings without copying them.
  virtual Result<int64_t> ReadTextRows(size_t index, const TextRowCallback& onRow);
  /// The name used in messages (the file name).
  virtual const std::string& Origin() const = 0;
};

/// Opens an .xlsx (Office Open XML) workbook. Errors: not a zip archive, no workbook part,
/// malformed XML (with part name and line).
Result<std::unique_ptr<WorkbookReader>> OpenXlsx(const std::filesystem::path& file);
/// The same over bytes in memory (`origin` names them in messages).
Result<std::unique_ptr<WorkbookReader>> OpenXlsxBytes(std::string bytes, const std::string& origin);

/// An Excel serial day number as "YYYY-MM-DD" (with " HH:MM:SS" when it has a time of day).
std::string ExcelSerialToIso(double serial, bool date1904 = false);
/// Whether a number format code shows a date or time (d, m, y, h, s outside quotes and brackets).
bool IsDateFormatCode(const std::string& code);
/// The 0-based column of a cell reference ("AB12" → 27), or -1 when it does not start with letters.
int ColumnOfReference(const std::string& ref);

}  // namespace manyi::io

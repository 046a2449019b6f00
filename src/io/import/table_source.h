// A table of cells read row by row from whatever file a survey tool gave: delimited text in any
// of the recognised encodings (converted to UTF-8 first), an .xlsx or an .xls workbook.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "io/encoding.h"

namespace manyi::io::import {

/// One row: its 1-based number in the file (the physical line where a CSV record starts, the
/// sheet row of a workbook) and its cells as UTF-8 text, valid during the callback only.
struct TableRow {
  int64_t number = 0;
  const std::vector<std::string_view>* cells = nullptr;
  size_t Size() const { return cells->size(); }
  std::string_view operator[](size_t i) const { return i < cells->size() ? (*cells)[i] : std::string_view(); }
};

/// Called for each row in order; return false to stop early.
using TableRowCallback = std::function<bool(const TableRow& row)>;

/// A source file opened for reading rows. The file's kind is found from its bytes, not its name.
class TableSource {
 public:
  virtual ~TableSource() = default;
  /// Opens file. `encoding` forces a text encoding (nullopt = detect); `delimiter` 0 = detect.
  static Result<std::unique_ptr<TableSource>> Open(const std::filesystem::path& file,
                                                   std::optional<TextEncoding> encoding = std::nullopt, char delimiter = 0);
  /// Streams the rows from the first; may be called again to read the file once more.
  /// Returns an error naming the file and the place when the file cannot be read.
  virtual std::optional<Message> ForEachRow(const TableRowCallback& onRow) = 0;
  /// Asks that the next complete pass keep the rows it reads (in a temporary file), so that the
  /// passes after it do not parse the file again; workbooks do, delimited text is read as fast
  /// from the file itself.
  virtual void KeepRowsForNextPasses() {}
  /// "csv", "xlsx" or "xls".
  virtual std::string Kind() const = 0;
  /// The text encoding ("UTF-8", "GB18030"…; workbooks: "xlsx"/"xls").
  virtual std::string EncodingLabel() const = 0;
  /// The delimiter of delimited text (0 for workbooks).
  virtual char Delimiter() const { return 0; }
  /// The file name used in messages.
  const std::string& Origin() const { return m_origin; }

 protected:
  std::string m_origin;
};

/// Reads the first `count` rows (fewer when the file is shorter) as owned strings.
Result<std::vector<std::vector<std::string>>> ReadHead(TableSource& source, size_t count);

}  // namespace manyi::io::import

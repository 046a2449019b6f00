// A streaming reader of delimited text (RFC 4180 and the variants survey tools write): quoted
// fields with embedded delimiters, quotes and newlines, CRLF or LF, an optional UTF-8 BOM.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace manyi::io {

/// Reads records one at a time from a file through a fixed-size buffer, so memory does not grow
/// with the file. Fields are returned as views valid until the next call to Next().
class CsvReader {
 public:
  /// Opens file; delimiter ',' ';' or '\t'.
  explicit CsvReader(const std::filesystem::path& file, char delimiter = ',');
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Reads the next record into fields; false at the end of the file. Throws UserError for a
  /// quoted field that never ends (naming the line where it started).
  bool Next(std::vector<std::string_view>& fields);
  /// The 1-based physical line on which the last record started.
  int64_t RecordLine() const { return m_recordLine; }
  /// The 1-based number of the last record (header included).
  int64_t RecordNumber() const { return m_recordNumber; }
  /// Bytes consumed so far (for progress).
  uint64_t BytesRead() const { return m_consumed; }

 private:
  bool Fill();
  std::filesystem::path m_path;
  std::FILE* m_file = nullptr;
  char m_delim;
  std::vector<char> m_buf;
  size_t m_pos = 0, m_end = 0;
  bool m_eof = false;
  std::string m_record;                 // unquoted bytes of the current record
  std::vector<size_t> m_bounds;         // field start/end offsets into m_record
  int64_t m_line = 1, m_recordLine = 0, m_recordNumber = 0;
  uint64_t m_consumed = 0;
  bool m_first = true;
};

}  // namespace manyi::io

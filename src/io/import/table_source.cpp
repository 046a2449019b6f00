// Table sources over delimited text (any recognised encoding) and workbooks.
#include "io/import/table_source.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "io/csv_reader.h"
#include "io/xls_reader.h"
#include "io/xlsx_reader.h"

namespace manyi::io::import {

namespace fs = std::filesystem;

namespace {

std::string LowerExtension(const fs::path& file) {
  std::string ext = file.extension().string();
  for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

/// Delimited text. Files not in UTF-8 are converted once into a private temporary file, so the
/// CSV reader always sees UTF-8 and memory stays fixed whatever the file's size.
class CsvSource final : public TableSource {
 public:
  CsvSource(fs::path file, TextEncoding encoding) : m_file(std::move(file)), m_encoding(encoding) { m_origin = m_file.string(); }
  ~CsvSource() override {
    std::error_code ec;
    if (!m_tempDir.empty()) fs::remove_all(m_tempDir, ec);
  }

  std::optional<Message> Prepare(char delimiter) {
    m_utf8File = m_file;
    if (m_encoding != TextEncoding::kUtf8 && m_encoding != TextEncoding::kUtf8Bom) {
      static std::atomic<int> counter{0};
      std::error_code ec;
      m_tempDir = fs::temp_directory_path(ec) / ("manyi-import-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
      fs::create_directories(m_tempDir, ec);
      if (ec)
        return Message(N_("Cannot create the temporary folder {0}: {1}. Check that the temporary folder is writable."))
            .Arg(m_tempDir.string()).Arg(ec.message());
      m_utf8File = m_tempDir / m_file.filename();
      auto converted = ConvertFileToUtf8(m_file, m_encoding, m_utf8File);
      if (!converted) return converted.GetError();
      m_replaced = converted.Value();
    }
    m_delimiter = delimiter;
    if (!m_delimiter) {
      std::ifstream in(m_utf8File, std::ios::binary);
      std::string head(64 * 1024, '\0');
      in.read(head.data(), std::streamsize(head.size()));
      head.resize(size_t(in.gcount()));
      m_delimiter = DetectDelimiter(head);
    }
    return std::nullopt;
  }

  std::optional<Message> ForEachRow(const TableRowCallback& onRow) override {
    CsvReader reader(m_utf8File, m_delimiter);
    std::vector<std::string_view> fields;
    TableRow row;
    row.cells = &fields;
    while (reader.Next(fields)) {
      // A blank line (one empty field) is not a row.
      if (fields.size() == 1 && fields[0].empty()) continue;
      row.number = reader.RecordLine();
      if (!onRow(row)) break;
    }
    return std::nullopt;
  }
  std::string Kind() const override { return "csv"; }
  std::string EncodingLabel() const override { return EncodingName(m_encoding); }
  char Delimiter() const override { return m_delimiter; }

 private:
  fs::path m_file, m_utf8File, m_tempDir;
  TextEncoding m_encoding;
  char m_delimiter = ',';
  uint64_t m_replaced = 0;
};

/// The rows of one pass kept in an anonymous temporary file (gone with the process, however it
/// ends): per row its number, its cell count, each cell's length, then the cells' bytes.
class RowSpool {
 public:
  RowSpool() {
    // In the temporary folder the user chose (TMPDIR), unlinked at once.
    std::error_code ec;
    std::string name = (fs::temp_directory_path(ec) / "manyi-rows-XXXXXX").string();
    const int fd = ec ? -1 : ::mkstemp(name.data());
    if (fd < 0) return;
    ::unlink(name.c_str());
    m_file = ::fdopen(fd, "w+b");
    if (!m_file) ::close(fd);
    else std::setvbuf(m_file, nullptr, _IOFBF, size_t(1) << 20);
  }
  ~RowSpool() {
    if (m_file) std::fclose(m_file);
  }
  RowSpool(const RowSpool&) = delete;
  RowSpool& operator=(const RowSpool&) = delete;
  bool Usable() const { return m_file && !m_failed; }

  void Add(int64_t number, const std::vector<std::string_view>& cells) {
    if (!Usable()) return;
    m_record.clear();
    Put(m_record, uint64_t(number));
    Put(m_record, uint32_t(cells.size()));
    for (std::string_view c : cells) Put(m_record, uint32_t(c.size()));
    for (std::string_view c : cells) m_record.append(c);
    // A full disk: the next pass parses the file again.
    if (std::fwrite(m_record.data(), 1, m_record.size(), m_file) != m_record.size()) m_failed = true;
  }
  /// Starts a pass: what an earlier pass left is thrown away.
  void Begin() {
    if (!Usable()) return;
    std::rewind(m_file);
    if (::ftruncate(::fileno(m_file), 0) != 0) m_failed = true;
    m_complete = false;
  }
  /// Marks the rows written since Begin() as one complete pass (or not: a pass stopped early).
  void Finish(bool complete) {
    if (!Usable()) return;
    if (std::fflush(m_file) != 0) m_failed = true;
    m_complete = complete;
  }
  bool Complete() const { return Usable() && m_complete; }

  bool Replay(const TableRowCallback& onRow) {
    std::rewind(m_file);
    std::vector<uint32_t> sizes;
    std::string bytes;
    std::vector<std::string_view> cells;
    TableRow row;
    row.cells = &cells;
    for (;;) {
      uint64_t number = 0;
      uint32_t count = 0;
      if (std::fread(&number, sizeof number, 1, m_file) != 1) return std::feof(m_file) != 0;
      if (std::fread(&count, sizeof count, 1, m_file) != 1) return false;
      sizes.resize(count);
      if (count && std::fread(sizes.data(), sizeof(uint32_t), count, m_file) != count) return false;
      size_t total = 0;
      for (uint32_t n : sizes) total += n;
      bytes.resize(total);
      if (total && std::fread(bytes.data(), 1, total, m_file) != total) return false;
      cells.clear();
      for (size_t i = 0, at = 0; i < sizes.size(); at += sizes[i++]) cells.emplace_back(bytes.data() + at, sizes[i]);
      row.number = int64_t(number);
      if (!onRow(row)) return true;
    }
  }

 private:
  template <typename T>
  static void Put(std::string& out, T value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
  }
  std::FILE* m_file = nullptr;
  std::string m_record;  // one row as written, built whole for one write
  bool m_failed = false, m_complete = false;
};

/// The first sheet of a workbook (the responses sheet of every tool's download).
class WorkbookSource final : public TableSource {
 public:
  WorkbookSource(std::unique_ptr<WorkbookReader> book, std::string kind) : m_book(std::move(book)), m_kind(std::move(kind)) {
    m_origin = m_book->Origin();
  }
  void KeepRowsForNextPasses() override {
    if (!m_spool) m_spool = std::make_unique<RowSpool>();
  }
  std::optional<Message> ForEachRow(const TableRowCallback& onRow) override {
    if (m_spool && m_spool->Complete()) {
      if (m_spool->Replay(onRow)) return std::nullopt;
      // Some rows may have been passed already, so the workbook is not read again instead.
      return Message(N_("{0}: the rows kept in the temporary folder while importing cannot be read back. Check the temporary folder (free space, the disk), then import again."))
          .Arg(m_origin);
    }
    RowSpool* spool = m_spool && m_spool->Usable() ? m_spool.get() : nullptr;
    if (spool) spool->Begin();
    TableRow row;
    bool stopped = false;
    auto read = m_book->ReadTextRows(0, [&](int64_t number, const std::vector<std::string_view>& cells) {
      if (spool) spool->Add(number, cells);
      row.number = number;
      row.cells = &cells;
      stopped = !onRow(row);
      return !stopped;
    });
    if (spool) spool->Finish(read.Ok() && !stopped);
    if (!read) return read.GetError();
    return std::nullopt;
  }
  std::string Kind() const override { return m_kind; }
  std::string EncodingLabel() const override { return m_kind; }

 private:
  std::unique_ptr<WorkbookReader> m_book;
  std::string m_kind;
  std::unique_ptr<RowSpool> m_spool;
};

}  // namespace

Result<std::unique_ptr<TableSource>> TableSource::Open(const fs::path& file, std::optional<TextEncoding> encoding, char delimiter) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    return Error{Message(N_("The file {0} does not exist or is not a file. Check the path.")).Arg(file.string())};
  std::string head(8, '\0');
  {
    std::ifstream in(file, std::ios::binary);
    if (!in)
      return Error{Message(N_("Cannot open {0} for reading: {1}. Check the path and the file's permissions."))
                       .Arg(file.string()).Arg(std::strerror(errno))};
    in.read(head.data(), std::streamsize(head.size()));
    head.resize(size_t(in.gcount()));
  }
  const std::string ext = LowerExtension(file);
  const bool zip = head.rfind("PK\x03\x04", 0) == 0;
  if (zip || ext == ".xlsx" || ext == ".xlsm") {
    if (!zip)
      return Error{Message(N_("{0} has the extension {1} but is not an Excel workbook (it is not a zip archive); it may be damaged or renamed. Export the file again, or rename it to .csv if it is text."))
                       .Arg(file.string()).Arg(ext)};
    auto book = OpenXlsx(file);
    if (!book) return Error{book.GetError()};
    return std::unique_ptr<TableSource>(new WorkbookSource(std::move(book.Value()), "xlsx"));
  }
  if (HasOle2Signature(head) || ext == ".xls") {
    if (!HasOle2Signature(head)) {
      // 问卷星 and others sometimes name HTML or text tables .xls: read them as text.
    } else {
      auto book = OpenXls(file);
      if (!book) return Error{book.GetError()};
      return std::unique_ptr<TableSource>(new WorkbookSource(std::move(book.Value()), "xls"));
    }
  }
  TextEncoding enc;
  if (encoding) {
    enc = *encoding;
  } else {
    auto detected = DetectFileEncoding(file);
    if (!detected) return Error{detected.GetError()};
    enc = detected.Value();
  }
  auto source = std::make_unique<CsvSource>(file, enc);
  if (auto problem = source->Prepare(delimiter)) return Error{*problem};
  return std::unique_ptr<TableSource>(std::move(source));
}

Result<std::vector<std::vector<std::string>>> ReadHead(TableSource& source, size_t count) {
  std::vector<std::vector<std::string>> rows;
  try {
    auto problem = source.ForEachRow([&](const TableRow& row) {
      rows.emplace_back(row.cells->begin(), row.cells->end());
      return rows.size() < count;
    });
    if (problem) return Error{*problem};
  } catch (const UserError& e) {
    return Error{e.GetMessage()};
  }
  return rows;
}

}  // namespace manyi::io::import

// The streaming .xlsx reader: workbook.xml and its relationships for sheet names and parts,
// sharedStrings.xml (rich-text runs joined, phonetic runs left out), styles.xml for date
// formats, and each worksheet parsed by expat chunk by chunk as it is decompressed.
#include "io/xlsx_reader.h"

#include <expat.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "io/zip_archive.h"

namespace manyi::io {

const std::string& SheetRow::Text(size_t column) const {
  static const std::string kEmpty;
  return column < cells.size() ? cells[column].text : kEmpty;
}

int ColumnOfReference(const std::string& ref) {
  long col = 0;
  size_t i = 0;
  for (; i < ref.size() && i < 4; ++i) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
  }
  if (i == 0 || (i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])))) return -1;
  return static_cast<int>(col - 1);
}

namespace {

// The largest sheet Excel allows: 16384 columns, 1048576 rows.
constexpr int kMaxColumns = 16384;
constexpr int64_t kMaxRows = 1048576;

std::string_view LocalName(const XML_Char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? colon + 1 : name;
}

/// The value of attribute `local` (any prefix), or nullptr.
const char* Attr(const XML_Char** attrs, const char* local) {
  for (size_t i = 0; attrs[i]; i += 2) {
    const char* colon = std::strrchr(attrs[i], ':');
    const char* n = colon ? colon + 1 : attrs[i];
    if (std::strcmp(n, local) == 0) return attrs[i + 1];
  }
  return nullptr;
}

/// A SAX handler fed by ParsePart.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void Start(std::string_view name, const XML_Char** attrs) = 0;
  virtual void End(std::string_view name) = 0;
  virtual void Text(const char* s, int len) {}
  XML_Parser parser = nullptr;
  bool stopped = false;
  void Stop() {
    stopped = true;
    XML_StopParser(parser, XML_FALSE);
  }
};

Error MalformedPart(const std::string& origin, const std::string& part, long line, const std::string& what) {
  return Error{Message(N_("{0}: the part {1} of the workbook is not well-formed XML (line {2}: {3}). The file is damaged; "
                          "open it in Excel or LibreOffice and save it again."))
                   .Arg(origin).Arg(part).Arg(static_cast<long long>(line)).Arg(what)};
}

Error MissingPart(const std::string& origin, const std::string& part) {
  return Error{Message(N_("{0}: the workbook part {1} is missing or cannot be decompressed. The file is damaged or not "
                          "an Excel workbook; open it in Excel or LibreOffice and save it again as .xlsx."))
                   .Arg(origin).Arg(part)};
}

/// Streams a zip member through expat into handler; an error names the part and line.
std::optional<Error> ParsePart(const ZipArchive& zip, const std::string& origin, const std::string& part, XmlHandler& handler) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  handler.parser = p;
  XML_SetUserData(p, &handler);
  XML_SetElementHandler(
      p,
      [](void* ud, const XML_Char* name, const XML_Char** attrs) { static_cast<XmlHandler*>(ud)->Start(LocalName(name), attrs); },
      [](void* ud, const XML_Char* name) { static_cast<XmlHandler*>(ud)->End(LocalName(name)); });
  XML_SetCharacterDataHandler(p, [](void* ud, const XML_Char* s, int len) { static_cast<XmlHandler*>(ud)->Text(s, len); });
  std::optional<Error> error;
  const bool ok = zip.Stream(part, [&](std::string_view chunk) {
    if (XML_Parse(p, chunk.data(), static_cast<int>(chunk.size()), XML_FALSE) == XML_STATUS_ERROR) {
      if (!handler.stopped)
        error = MalformedPart(origin, part, static_cast<long>(XML_GetCurrentLineNumber(p)), XML_ErrorString(XML_GetErrorCode(p)));
      return false;
    }
    return true;
  });
  if (!ok && !error) error = MissingPart(origin, part);
  if (!error && !handler.stopped && XML_Parse(p, "", 0, XML_TRUE) == XML_STATUS_ERROR)
    error = MalformedPart(origin, part, static_cast<long>(XML_GetCurrentLineNumber(p)), XML_ErrorString(XML_GetErrorCode(p)));
  XML_ParserFree(p);
  return error;
}

// workbook.xml: sheet names and relationship ids; the 1904 date system flag.
struct WorkbookHandler : XmlHandler {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  bool date1904 = false;
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "sheet") {
      const char* n = Attr(attrs, "name");
      const char* id = Attr(attrs, "id");
      sheets.emplace_back(n ? n : "", id ? id : "");
    } else if (name == "workbookPr") {
      const char* d = Attr(attrs, "date1904");
      date1904 = d && (std::strcmp(d, "1") == 0 || std::strcmp(d, "true") == 0);
    }
  }
  void End(std::string_view) override {}
};

// xl/_rels/workbook.xml.rels: relationship id → target part.
struct RelsHandler : XmlHandler {
  std::map<std::string, std::string> targets;
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name != "Relationship") return;
    const char* id = Attr(attrs, "Id");
    const char* target = Attr(attrs, "Target");
    if (id && target) targets[id] = target;
  }
  void End(std::string_view) override {}
};

// sharedStrings.xml: <si> with <t> or runs <r><t>; <rPh> phonetic hints are not part of the text.
struct SharedStringsHandler : XmlHandler {
  std::vector<std::string> strings;
  std::string current;
  bool inSi = false, inT = false;
  int phonetic = 0;
  void Start(std::string_view name, const XML_Char**) override {
    if (name == "si") {
      inSi = true;
      current.clear();
    } else if (name == "rPh") {
      ++phonetic;
    } else if (name == "t" && inSi && !phonetic) {
      inT = true;
    }
  }
  void End(std::string_view name) override {
    if (name == "si") {
      strings.push_back(std::move(current));
      current.clear();
      inSi = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      inT = false;
    }
  }
  void Text(const char* s, int len) override {
    if (!inT) return;
    current.append(s, static_cast<size_t>(len));
    total += static_cast<size_t>(len);
    if (total > kMaxSharedBytes) {
      tooLarge = true;
      Stop();
    }
  }
  // A bound on the text kept in memory, so that a crafted archive cannot exhaust it.
  static constexpr size_t kMaxSharedBytes = size_t(512) << 20;
  size_t total = 0;
  bool tooLarge = false;
};

// styles.xml: custom number formats and, per cell format (xf) index, whether it shows a date.
struct StylesHandler : XmlHandler {
  std::map<int, std::string> customFormats;
  std::vector<int> xfFormats;
  bool inCellXfs = false;
  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "numFmt") {
      const char* id = Attr(attrs, "numFmtId");
      const char* code = Attr(attrs, "formatCode");
      if (id && code) customFormats[std::atoi(id)] = code;
    } else if (name == "cellXfs") {
      inCellXfs = true;
    } else if (name == "xf" && inCellXfs) {
      const char* id = Attr(attrs, "numFmtId");
      xfFormats.push_back(id ? std::atoi(id) : 0);
    }
  }
  void End(std::string_view name) override {
    if (name == "cellXfs") inCellXfs = false;
  }
};

bool IsBuiltinDateFormat(int id) {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

std::string FormatNumberText(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// A worksheet: rows of cells, resolved against shared strings and date styles. A row is kept as
// one slot per column whose text is a shared string (not copied) or lies in a buffer used again
// for every row; cell objects are only made for readers that ask for them (ReadRows).
struct SheetHandler : XmlHandler {
  const std::vector<std::string>* strings = nullptr;
  const std::vector<bool>* dateXf = nullptr;
  bool date1904 = false;
  const RowCallback* onRow = nullptr;          // exactly one of the two is set
  const TextRowCallback* onTextRow = nullptr;
  std::string badReference;  // set when a cell lies outside any sheet

  struct Slot {
    CellType type = CellType::kEmpty;
    double number = 0;
    const std::string* shared = nullptr;  // the text, when it is a shared string
    size_t at = 0, size = 0;              // otherwise where it lies in `texts`
  };
  std::vector<Slot> slots;
  std::string texts;
  std::vector<std::string_view> views;
  SheetRow row;
  int64_t rowNumber = 0, lastRow = 0, rowsPassed = 0;
  int nextColumn = 0;
  bool inRow = false, inCell = false, inValue = false, inInline = false, inInlineT = false;
  int phonetic = 0;
  // The cell's t attribute: 's' shared string, 'i' inline or formula string, 'b', 'e', 'd', 'n'.
  char cellType = 'n';
  std::string value;
  int cellColumn = 0, cellStyle = 0;

  void Start(std::string_view name, const XML_Char** attrs) override {
    if (name == "row") {
      const char* r = Attr(attrs, "r");
      int64_t n = lastRow + 1;
      if (r) {
        int64_t v = 0;
        auto res = std::from_chars(r, r + std::strlen(r), v);
        if (res.ec == std::errc() && v > 0) n = v;
      }
      if (n > kMaxRows) return Fail(std::string("row ") + (r ? r : ""));
      rowNumber = n;
      slots.clear();
      texts.clear();
      lastRow = n;
      nextColumn = 0;
      inRow = true;
    } else if (name == "c" && inRow) {
      const char* r = Attr(attrs, "r");
      int col = nextColumn;
      if (r) {
        col = ColumnOfReference(r);
        if (col < 0 || col >= kMaxColumns) return Fail(r);
      }
      if (col >= kMaxColumns) return Fail("column " + std::to_string(col + 1));
      cellColumn = col;
      nextColumn = col + 1;
      const char* t = Attr(attrs, "t");
      cellType = !t ? 'n'
                 : std::strcmp(t, "s") == 0 ? 's'
                 : std::strcmp(t, "inlineStr") == 0 || std::strcmp(t, "str") == 0 ? 'i'
                 : std::strcmp(t, "b") == 0 ? 'b'
                 : std::strcmp(t, "e") == 0 ? 'e'
                 : std::strcmp(t, "d") == 0 ? 'd'
                                            : 'n';
      const char* s = Attr(attrs, "s");
      cellStyle = s ? std::atoi(s) : 0;
      value.clear();
      inCell = true;
    } else if (inCell && name == "v") {
      inValue = true;
    } else if (inCell && name == "is") {
      inInline = true;
    } else if (inInline && name == "rPh") {
      ++phonetic;
    } else if (inInline && name == "t" && !phonetic) {
      inInlineT = true;
    }
  }

  void Fail(const std::string& ref) {
    badReference = ref;
    Stop();
  }

  void End(std::string_view name) override {
    if (name == "v") {
      inValue = false;
    } else if (name == "t") {
      inInlineT = false;
    } else if (name == "rPh") {
      if (phonetic) --phonetic;
    } else if (name == "is") {
      inInline = false;
    } else if (name == "c" && inCell) {
      inCell = false;
      FinishCell();
    } else if (name == "row" && inRow) {
      inRow = false;
      while (!slots.empty() && slots.back().type == CellType::kEmpty) slots.pop_back();
      if (!slots.empty()) {
        ++rowsPassed;
        if (!PassRow()) Stop();
      }
    }
  }

  void Text(const char* s, int len) override {
    if (inValue || inInlineT) value.append(s, static_cast<size_t>(len));
  }

  std::string_view TextOf(const Slot& slot) const {
    return slot.shared ? std::string_view(*slot.shared) : std::string_view(texts).substr(slot.at, slot.size);
  }

  bool PassRow() {
    if (onTextRow) {
      views.clear();
      for (const Slot& slot : slots) views.push_back(TextOf(slot));
      return (*onTextRow)(rowNumber, views);
    }
    row.number = rowNumber;
    row.cells.resize(slots.size());  // cells kept from the last row keep their buffers
    for (size_t i = 0; i < slots.size(); ++i) {
      Cell& cell = row.cells[i];
      cell.type = slots[i].type;
      cell.number = slots[i].number;
      cell.text.assign(TextOf(slots[i]));
    }
    return (*onRow)(row);
  }

  void FinishCell() {
    Slot slot;
    auto put = [&](CellType type, std::string_view text) {
      slot.type = type;
      slot.at = texts.size();
      slot.size = text.size();
      texts.append(text);
    };
    switch (cellType) {
      case 's': {
        int64_t idx = -1;
        std::from_chars(value.data(), value.data() + value.size(), idx);
        if (idx >= 0 && static_cast<size_t>(idx) < strings->size()) {
          slot.type = CellType::kText;
          slot.shared = &(*strings)[static_cast<size_t>(idx)];
        }
        break;
      }
      case 'i':
        put(CellType::kText, value);
        break;
      case 'b':
        slot.number = value == "1" || value == "true";
        put(CellType::kBool, slot.number ? "1" : "0");
        break;
      case 'e':
        put(CellType::kError, value);
        break;
      case 'd':  // ISO 8601 date cell (strict OOXML)
        put(CellType::kDate, value);
        break;
      default:
        if (!value.empty()) {
          double d = 0;
          auto res = std::from_chars(value.data(), value.data() + value.size(), d);
          if (res.ec == std::errc()) {
            slot.number = d;
            const bool isDate = cellStyle >= 0 && static_cast<size_t>(cellStyle) < dateXf->size() && (*dateXf)[static_cast<size_t>(cellStyle)];
            if (isDate) put(CellType::kDate, ExcelSerialToIso(d, date1904));
            else put(CellType::kNumber, value);
          } else {
            put(CellType::kText, value);
          }
        }
        break;
    }
    // Style-only cells and empty texts take no memory, however many a sheet declares.
    if (slot.type == CellType::kEmpty || (slot.type == CellType::kText && TextOf(slot).empty())) return;
    if (slots.size() <= static_cast<size_t>(cellColumn)) slots.resize(static_cast<size_t>(cellColumn) + 1);
    slots[static_cast<size_t>(cellColumn)] = slot;
  }
};

std::string ResolveTarget(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  std::string t = target;
  std::string base = "xl/";
  while (t.rfind("../", 0) == 0) {
    t = t.substr(3);
    base = "";
  }
  return base + t;
}

class XlsxReader final : public WorkbookReader {
 public:
  const std::vector<std::string>& SheetNames() const override { return m_names; }
  const std::string& Origin() const override { return m_origin; }

  Result<int64_t> ReadRows(size_t index, const RowCallback& onRow) override { return ReadSheet(index, &onRow, nullptr); }
  Result<int64_t> ReadTextRows(size_t index, const TextRowCallback& onRow) override { return ReadSheet(index, nullptr, &onRow); }

  Result<int64_t> ReadSheet(size_t index, const RowCallback* onRow, const TextRowCallback* onTextRow) {
    if (index >= m_parts.size())
      return Error{Message(N_("{0}: the workbook has no sheet number {1}.")).Arg(m_origin).Arg(static_cast<long long>(index + 1))};
    if (auto e = LoadShared()) return *e;
    SheetHandler h;
    h.strings = &m_strings;
    h.dateXf = &m_dateXf;
    h.date1904 = m_date1904;
    h.onRow = onRow;
    h.onTextRow = onTextRow;
    if (auto e = ParsePart(*m_zip, m_origin, m_parts[index], h)) return *e;
    if (!h.badReference.empty())
      return Error{Message(N_("{0}: sheet \"{1}\" has a cell at {2}, outside the largest possible sheet. The file is damaged; "
                              "open it in Excel or LibreOffice and save it again."))
                       .Arg(m_origin).Arg(m_names[index]).Arg(h.badReference)};
    return h.rowsPassed;
  }

  static Result<std::unique_ptr<WorkbookReader>> Make(std::unique_ptr<ZipArchive> zip, const std::string& origin) {
    if (!zip)
      return Error{Message(N_("{0} is not an .xlsx file (not a zip archive). Choose an Excel workbook saved as .xlsx, or save "
                              "the file again from Excel or LibreOffice.")).Arg(origin)};
    std::unique_ptr<XlsxReader> r(new XlsxReader());
    r->m_origin = origin;
    r->m_zip = std::move(zip);
    const std::string wbPart = "xl/workbook.xml";
    if (!r->m_zip->Has(wbPart))
      return Error{Message(N_("{0} is a zip archive but not an Excel workbook: the part {1} is missing. Save the file as "
                              ".xlsx from Excel or LibreOffice.")).Arg(origin).Arg(wbPart)};
    WorkbookHandler wb;
    if (auto e = ParsePart(*r->m_zip, origin, wbPart, wb)) return *e;
    RelsHandler rels;
    const std::string relsPart = "xl/_rels/workbook.xml.rels";
    if (r->m_zip->Has(relsPart))
      if (auto e = ParsePart(*r->m_zip, origin, relsPart, rels)) return *e;
    r->m_date1904 = wb.date1904;
    for (size_t i = 0; i < wb.sheets.size(); ++i) {
      auto it = rels.targets.find(wb.sheets[i].second);
      std::string part = it != rels.targets.end() ? ResolveTarget(it->second) : "xl/worksheets/sheet" + std::to_string(i + 1) + ".xml";
      r->m_names.push_back(wb.sheets[i].first);
      r->m_parts.push_back(part);
    }
    return std::unique_ptr<WorkbookReader>(std::move(r));
  }

 private:
  // Shared strings and styles are read on the first sheet read, once.
  std::optional<Error> LoadShared() {
    if (m_sharedLoaded) return std::nullopt;
    m_sharedLoaded = true;
    if (m_zip->Has("xl/sharedStrings.xml")) {
      SharedStringsHandler h;
      if (auto e = ParsePart(*m_zip, m_origin, "xl/sharedStrings.xml", h)) return e;
      if (h.tooLarge)
        return Error{Message(N_("{0}: the workbook holds more than 512 MB of text, more than Manyi reads from one workbook. "
                                "Split it into smaller files.")).Arg(m_origin)};
      m_strings = std::move(h.strings);
    }
    if (m_zip->Has("xl/styles.xml")) {
      StylesHandler h;
      if (auto e = ParsePart(*m_zip, m_origin, "xl/styles.xml", h)) return e;
      for (int f : h.xfFormats) {
        auto it = h.customFormats.find(f);
        m_dateXf.push_back(it != h.customFormats.end() ? IsDateFormatCode(it->second) : IsBuiltinDateFormat(f));
      }
    }
    return std::nullopt;
  }

  std::string m_origin;
  std::unique_ptr<ZipArchive> m_zip;
  std::vector<std::string> m_names, m_parts;
  bool m_date1904 = false, m_sharedLoaded = false;
  std::vector<std::string> m_strings;
  std::vector<bool> m_dateXf;
};

}  // namespace

Result<int64_t> WorkbookReader::ReadTextRows(size_t index, const TextRowCallback& onRow) {
  std::vector<std::string_view> views;
  return ReadRows(index, [&](const SheetRow& row) {
    views.clear();
    for (const Cell& c : row.cells) views.emplace_back(c.text);
    return onRow(row.number, views);
  });
}

bool IsDateFormatCode(const std::string& code) {
  bool quoted = false, bracket = false;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (quoted) {
      if (c == '"') quoted = false;
      continue;
    }
    if (bracket) {
      if (c == ']') bracket = false;
      continue;
    }
    if (c == '"') quoted = true;
    else if (c == '[') bracket = true;
    else if (c == '\\' || c == '_' || c == '*') ++i;  // escaped / padding character
    else if (c == ';') break;                         // only the first section decides
    else if (std::strchr("dmyhsDMYHS", c)) return true;
  }
  return false;
}

std::string ExcelSerialToIso(double serial, bool date1904) {
  if (!std::isfinite(serial) || serial < -1e7 || serial > 1e7) return FormatNumberText(serial);
  if (date1904) serial += 1462;
  long days = static_cast<long>(std::floor(serial));
  double frac = serial - static_cast<double>(days);
  long secs = std::lround(frac * 86400.0);
  if (secs >= 86400) {
    ++days;
    secs -= 86400;
  }
  // Serial 0 is 1899-12-30 in the 1900 system (Excel's fictitious 1900-02-29 included): civil
  // date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
  long z = days - 25569 + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  char buf[96];
  if (secs == 0)
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  else
    std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld %02ld:%02ld:%02ld", y, m, d, secs / 3600, secs / 60 % 60, secs % 60);
  return buf;
}

Result<std::unique_ptr<WorkbookReader>> OpenXlsx(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error{Message(N_("{0} does not exist or is not a file. Check the path.")).Arg(file.string())};
  return XlsxReader::Make(ZipArchive::Open(file), file.filename().string());
}

Result<std::unique_ptr<WorkbookReader>> OpenXlsxBytes(std::string bytes, const std::string& origin) {
  return XlsxReader::Make(ZipArchive::OpenBytes(std::move(bytes)), origin);
}

}  // namespace manyi::io

// FreeXL behind the WorkbookReader interface: the handle is opened once, sheets selected on demand.
#include "io/xls_reader.h"

#include <freexl.h>

#include <charconv>
#include <cstring>

namespace manyi::io {

bool HasOle2Signature(std::string_view head) {
  static const unsigned char kSig[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
  return head.size() >= 8 && std::memcmp(head.data(), kSig, 8) == 0;
}

namespace {

std::string NumberText(double v) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

class XlsReader final : public WorkbookReader {
 public:
  ~XlsReader() override {
    if (m_handle) freexl_close(m_handle);
  }
  const std::vector<std::string>& SheetNames() const override { return m_names; }
  const std::string& Origin() const override { return m_origin; }

  Result<int64_t> ReadRows(size_t index, const RowCallback& onRow) override {
    if (index >= m_names.size())
      return Error{Message(N_("{0}: the workbook has no sheet number {1}.")).Arg(m_origin).Arg(static_cast<long long>(index + 1))};
    unsigned rows = 0;
    unsigned short cols = 0;
    if (freexl_select_active_worksheet(m_handle, static_cast<unsigned short>(index)) != FREEXL_OK ||
        freexl_worksheet_dimensions(m_handle, &rows, &cols) != FREEXL_OK)
      return Damaged();
    int64_t passed = 0;
    SheetRow row;
    for (unsigned r = 0; r < rows; ++r) {
      row.number = static_cast<int64_t>(r) + 1;
      row.cells.clear();
      for (unsigned short c = 0; c < cols; ++c) {
        FreeXL_CellValue v;
        if (freexl_get_cell_value(m_handle, r, c, &v) != FREEXL_OK) return Damaged();
        Cell cell;
        switch (v.type) {
          case FREEXL_CELL_INT:
            cell.type = CellType::kNumber;
            cell.number = v.value.int_value;
            cell.text = std::to_string(v.value.int_value);
            break;
          case FREEXL_CELL_DOUBLE:
            cell.type = CellType::kNumber;
            cell.number = v.value.double_value;
            cell.text = NumberText(v.value.double_value);
            break;
          case FREEXL_CELL_TEXT:
          case FREEXL_CELL_SST_TEXT:
            cell.type = CellType::kText;
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          case FREEXL_CELL_DATE:
          case FREEXL_CELL_DATETIME:
          case FREEXL_CELL_TIME:
            cell.type = CellType::kDate;
            cell.text = v.value.text_value ? v.value.text_value : "";
            break;
          default:
            break;
        }
        if (cell.Empty()) continue;
        if (row.cells.size() <= c) row.cells.resize(size_t(c) + 1);
        row.cells[c] = std::move(cell);
      }
      if (row.cells.empty()) continue;
      ++passed;
      if (!onRow(row)) break;
    }
    return passed;
  }

  static Result<std::unique_ptr<WorkbookReader>> Make(const std::filesystem::path& file) {
    std::unique_ptr<XlsReader> r(new XlsReader());
    r->m_origin = file.filename().string();
    const int rc = freexl_open(file.c_str(), &r->m_handle);
    if (rc != FREEXL_OK) {
      r->m_handle = nullptr;
      return Error{Message(N_("{0} is not a readable .xls workbook (Excel 97–2003). Open it in Excel or LibreOffice and save "
                              "it as .xlsx.")).Arg(r->m_origin)};
    }
    unsigned count = 0;
    if (freexl_get_info(r->m_handle, FREEXL_BIFF_SHEET_COUNT, &count) != FREEXL_OK) return r->Damaged();
    for (unsigned i = 0; i < count; ++i) {
      const char* name = nullptr;
      if (freexl_get_worksheet_name(r->m_handle, static_cast<unsigned short>(i), &name) != FREEXL_OK) return r->Damaged();
      r->m_names.emplace_back(name ? name : "");
    }
    return std::unique_ptr<WorkbookReader>(std::move(r));
  }

 private:
  Error Damaged() const {
    return Error{Message(N_("{0}: the .xls workbook is damaged and cannot be read. Open it in Excel or LibreOffice and save "
                            "it as .xlsx.")).Arg(m_origin)};
  }
  std::string m_origin;
  const void* m_handle = nullptr;
  std::vector<std::string> m_names;
};

}  // namespace

Result<std::unique_ptr<WorkbookReader>> OpenXls(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error{Message(N_("{0} does not exist or is not a file. Check the path.")).Arg(file.string())};
  return XlsReader::Make(file);
}

}  // namespace manyi::io

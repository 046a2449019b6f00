// libFuzzer target: any bytes given as an .xlsx workbook — the zip container, the workbook,
// relationship, shared-string, style and sheet parts, and recognising the survey tool from the
// first rows — must give rows or a message, never crash, hang or take unbounded memory.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "io/import/layout.h"
#include "io/xlsx_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto book = manyi::io::OpenXlsxBytes(std::string(reinterpret_cast<const char*>(data), size), "fuzz.xlsx");
  if (!book) {
    (void)book.GetError().English();
    return 0;
  }
  const size_t sheets = book.Value()->SheetNames().size();
  for (size_t s = 0; s < sheets && s < 4; ++s) {
    std::vector<std::vector<std::string>> head;
    auto rows = book.Value()->ReadRows(s, [&](const manyi::io::SheetRow& row) {
      if (head.size() < 3) {
        head.emplace_back();
        for (const manyi::io::Cell& c : row.cells) head.back().push_back(c.text);
      }
      return true;
    });
    if (!rows) {
      (void)rows.GetError().English();
      continue;
    }
    if (head.empty()) continue;
    auto layout = manyi::io::import::RecogniseLayout(head, "auto", "fuzz.xlsx");
    if (!layout) (void)layout.GetError().English();
  }
  return 0;
}

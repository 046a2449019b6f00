// libFuzzer target: any bytes given as a response file that is not a workbook — encoding
// detection and conversion, delimiter detection, the CSV reader, and recognising the survey
// tool from the header rows — must give rows or a message, never crash or hang.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "io/csv_reader.h"
#include "io/encoding.h"
#include "io/import/layout.h"
#include "io/import/table_source.h"

namespace {

const std::string& TempFile() {
  static const std::string path = "/tmp/manyi-fuzz-csv-" + std::to_string(::getpid()) + ".csv";
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)manyi::io::DetectEncoding(bytes, true);
  (void)manyi::io::DetectDelimiter(bytes);
  {
    std::FILE* f = std::fopen(TempFile().c_str(), "wb");
    if (!f) return 0;
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
  }
  // The reader on its own, with each delimiter: every field must lie inside the record.
  for (char delimiter : {',', ';', '\t'}) {
    try {
      manyi::io::CsvReader reader(TempFile(), delimiter);
      std::vector<std::string_view> fields;
      size_t cells = 0;
      while (reader.Next(fields))
        for (std::string_view f : fields) cells += f.size() > 0;
      (void)cells;
    } catch (const manyi::UserError& e) {
      (void)e.GetMessage().English();
    }
  }
  // The whole front of an import: open (detect and convert), head rows, layout, every row.
  auto source = manyi::io::import::TableSource::Open(TempFile());
  if (!source) {
    (void)source.GetError().English();
    return 0;
  }
  auto head = manyi::io::import::ReadHead(*source.Value(), 3);
  if (!head) {
    (void)head.GetError().English();
    return 0;
  }
  for (const char* format : {"auto", "wenjuanxing", "surveymonkey"}) {
    auto layout = manyi::io::import::RecogniseLayout(head.Value(), format, "fuzz.csv");
    if (!layout) (void)layout.GetError().English();
  }
  try {
    size_t rows = 0;
    auto problem = source.Value()->ForEachRow([&](const manyi::io::import::TableRow& row) {
      for (size_t c = 0; c < row.Size() + 2; ++c) (void)row[c];
      return ++rows < 100000;
    });
    if (problem) (void)problem->English();
  } catch (const manyi::UserError& e) {
    (void)e.GetMessage().English();
  }
  return 0;
}

// libFuzzer target: an XLSForm as xlsx bytes (input starting with "PK") or as a CSV form, and the
// expression conversions between the three dialects, must give a form or a message, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/xlsform.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const bool xlsx = bytes.rfind("PK", 0) == 0;
  auto r = manyi::io::ImportXlsFormBytes(bytes, !xlsx, xlsx ? "fuzz.xlsx" : "fuzz.csv");
  if (r.Ok()) {
    for (const auto& m : r.Value().report) (void)m.English();
  } else {
    (void)r.GetError().English();
  }
  if (size < 4096) {
    using manyi::io::ExprDialect;
    for (auto from : {ExprDialect::kManyi, ExprDialect::kXlsForm, ExprDialect::kLimeSurvey})
      for (auto to : {ExprDialect::kManyi, ExprDialect::kXlsForm})
        (void)manyi::io::ConvertExpression(bytes, from, to, {});
  }
  return 0;
}

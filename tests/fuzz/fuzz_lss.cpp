// libFuzzer target: a LimeSurvey .lss document must give a questionnaire or a message, never crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "io/limesurvey.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string xml(reinterpret_cast<const char*>(data), size);
  auto r = manyi::io::ImportLimeSurveyLss(xml, "fuzz.lss");
  if (r.Ok()) {
    for (const auto& m : r.Value().report) (void)m.English();
  } else {
    (void)r.GetError().English();
  }
  return 0;
}

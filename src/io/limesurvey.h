// LimeSurvey survey structure import: .lss XML (the 2.x schema with texts inline and the 4–6
// schema with *_l10ns tables), the .lss inside an .lsa archive, and the tab-separated .txt
// structure export. queXML files are recognised and refused with a message.
#pragma once

#include <filesystem>
#include <string>

#include "io/xlsform.h"

namespace manyi::io {

/// Imports a LimeSurvey survey structure; groups become sections, question types are mapped
/// (docs/interchange.md) and whatever has no equivalent is listed in the report.
Result<ImportedForm> ImportLimeSurvey(const std::filesystem::path& file);
/// The same over the text of an .lss document (for tests and fuzzing).
Result<ImportedForm> ImportLimeSurveyLss(const std::string& xml, const std::string& origin);

}  // namespace manyi::io

// LimeSurvey survey structure import: .lss XML (the 2.x schema with texts inline and the 4–6
// schema with *_l10ns tables), the .lss inside an .lsa archive, and the tab-separated .txt
// structure export. queXML files are recognised and refused with a message.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "io/xlsform.h"

namespace manyi::io {

/// Imports a LimeSurvey survey structure; groups become sections, question types are mapped
/// (docs/interchange.md) and whatever has no equivalent is listed in the report.
Result<ImportedForm> ImportLimeSurvey(const std::filesystem::path& file);
/// The same over the text of an .lss document (for tests and fuzzing).
Result<ImportedForm> ImportLimeSurveyLss(const std::string& xml, const std::string& origin);

/// A questionnaire written as a LimeSurvey 6 survey structure, with what LimeSurvey could not hold.
struct LimeSurveyExport {
  std::string xml;
  /// What is not in the file or is written differently (conditions not expressible in
  /// ExpressionScript, renamed question codes, index definitions…), each naming the item.
  std::vector<Message> notes;
};

/// The questionnaire as a LimeSurvey 6 .lss document (groups, questions, sub-questions, answers,
/// texts in every language of the questionnaire, relevance and validation in ExpressionScript).
/// Manyi's own details go into a `manyi` question attribute so that ImportLimeSurvey restores them.
LimeSurveyExport ExportLimeSurveyLss(const Questionnaire& form);
/// Writes ExportLimeSurveyLss to a file and returns its notes; throws UserError when it cannot be written.
std::vector<Message> ExportLimeSurvey(const Questionnaire& form, const std::filesystem::path& file);

}  // namespace manyi::io

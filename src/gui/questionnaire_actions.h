// Adding questionnaires to a project (from a template, by importing another tool's format) and
// exporting one: the actions the Questionnaires panel, the designer and the menus share.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/message.h"
#include "core/questionnaire.h"
#include "storage/project.h"

class wxWindow;
class wxString;

namespace manyi::gui {

/// Stores form in the project in one transaction (a new version when a questionnaire with its id
/// differs) and returns the stored version's id.
int64_t StoreNewQuestionnaire(storage::Project& project, const Questionnaire& form);

/// Shows the template gallery and stores the chosen template; nullopt when cancelled.
std::optional<int64_t> AddQuestionnaireFromTemplate(wxWindow* parent, storage::Project& project);

/// Asks for an XLSForm (.xlsx, .xls, .csv), a LimeSurvey structure (.lss, .lsa, .txt) or a Manyi
/// questionnaire (.json), imports it, tells what could not be taken over and stores it; nullopt
/// when cancelled.
std::optional<int64_t> ImportQuestionnaire(wxWindow* parent, storage::Project& project);

/// Asks for a file and writes the questionnaire as an XLSForm (.xlsx or .csv), a LimeSurvey .lss or Manyi JSON,
/// by the extension; tells what the XLSForm had to simplify. Returns whether a file was written.
bool ExportQuestionnaire(wxWindow* parent, const Questionnaire& form);

/// An information box (a wxMessageDialog, so tests can answer it) with optional details.
void ShowInfo(wxWindow* parent, const wxString& message, const std::vector<Message>& details = {});

}  // namespace manyi::gui

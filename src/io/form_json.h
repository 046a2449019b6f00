// Reading and writing questionnaires in Manyi's JSON format (forms/schema/questionnaire.schema.json).
#pragma once

#include <filesystem>
#include <string>

#include "core/error.h"
#include "core/questionnaire.h"
#include "storage/project.h"

namespace manyi::io {

/// Parses a questionnaire from JSON text. Errors name the place in the document
/// ("sections[0].items[3].scale.min") and what was expected; `origin` names the file in messages.
Result<Questionnaire> ParseFormJson(const std::string& text, const std::string& origin);
/// Reads a questionnaire file (UTF-8 JSON).
Result<Questionnaire> ReadFormFile(const std::filesystem::path& file);
/// The questionnaire as JSON text (2-space indent, UTF-8, keys in a fixed order).
std::string WriteFormJson(const Questionnaire& form);
/// Writes a questionnaire file; throws UserError when it cannot be written.
void WriteFormFile(const Questionnaire& form, const std::filesystem::path& file);

/// Stores a questionnaire in a project as a new version when its content changed (the same
/// content returns the existing version); returns the questionnaire row id. Call inside a
/// transaction.
int64_t StoreQuestionnaire(storage::Project& project, const Questionnaire& form);
/// Stores an edit of the questionnaire version `editedId` (the designer's commit; call inside a
/// transaction). A version nothing uses yet — the latest of its questionnaire, with no wave, mail
/// batch or response referring to it — is the draft and is rewritten in place; a version in use
/// is never changed: the edit becomes a new version. Returns the id now holding the questionnaire.
int64_t StoreQuestionnaireEdit(storage::Project& project, int64_t editedId, const Questionnaire& form);
/// Whether a stored version is in use (a wave, mail batch or response refers to it).
bool QuestionnaireInUse(storage::Project& project, int64_t id);
/// Reads a stored questionnaire version back (0: the newest, as LoadProjectData; nullopt when the
/// id is unknown or the project has none).
std::optional<Questionnaire> LoadQuestionnaire(storage::Project& project, int64_t id);

}  // namespace manyi::io

// How the fieldwork screens show a questionnaire variable: its question text and the codes that
// may be keyed, in the interface language.
#pragma once

#include <wx/string.h>

#include "core/questionnaire.h"

namespace manyi::gui {

/// "zh" when the interface is Chinese, else "en": the language of questionnaire texts.
std::string FormLanguage();

/// The question of a variable: the item's text, with the option or grid row for multiple choice,
/// rankings and grids.
wxString QuestionText(const Variable& variable);

/// The codes that may be keyed, e.g. "1 = yes   2 = no" or "1–5 (1 = very dissatisfied … 5 = very
/// satisfied), 9 = don't know".
wxString CodeHint(const Variable& variable);

}  // namespace manyi::gui

// Checks a questionnaire for what would break fieldwork or analysis: duplicate ids, logic that
// does not parse or refers to unknown items, cycles, missing translations, unlabelled scales,
// and index definitions missing what their weighting needs.
#pragma once

#include <string>
#include <vector>

#include "core/message.h"
#include "core/questionnaire.h"

namespace manyi {

struct FormFinding {
  enum class Severity { kError, kWarning };
  Severity severity = Severity::kError;
  std::string where;  ///< the item, section or index concerned ("item q3", "index csi")
  Message message;
};

/// All findings, errors first in questionnaire order. No errors = fit for fieldwork.
std::vector<FormFinding> CheckQuestionnaire(const Questionnaire& form);

/// True when no finding is an error.
bool NoErrors(const std::vector<FormFinding>& findings);

}  // namespace manyi

// Keyed entry of paper questionnaires with double-entry verification (docs/fieldwork.md): two
// independent keyings by different operators, the variables where they differ, resolutions from
// the paper form, and a response (channel mail) only for respondents whose keyings agree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/answer_sheet.h"
#include "core/error.h"
#include "core/questionnaire.h"
#include "stats/common.h"
#include "storage/project.h"

namespace manyi::io {

/// One paper questionnaire as keyed: its respondent id and the keyed text of each variable
/// (in questionnaire order, "" = left blank), with the keying time when it was measured.
struct KeyedForm {
  std::string respondentKey;
  std::vector<std::string> values;  ///< one per questionnaire variable
  std::optional<double> seconds;
  int64_t sourceRow = 0;            ///< the line of the keyed file (0 = keyed on screen)
};

/// A questionnaire version to key, with its row id.
struct EntryForm {
  int64_t id = 0;
  Questionnaire form;
};

/// The questionnaire keyed forms follow: the given version, or the newest. Throws UserError.
EntryForm LoadEntryForm(storage::Project& project, std::optional<int64_t> questionnaireId);

/// Checks one keyed form against the questionnaire: every value (unknown code, out of range,
/// constraint) and the skip logic (an answer to a question the answers before it skip). Returns
/// the problems, each naming the variable and its question number; empty when it is sound.
std::vector<Message> CheckKeyedForm(const Questionnaire& form, const KeyedForm& keyed);

/// Reads a keyed file: UTF-8 CSV with a header `respondent_id,<variable>,…[,keying_seconds]` in
/// any column order (columns as printed in grey beside each question). Every row is checked; any
/// problem throws UserError naming file, row, column and item (all problems, the first 50).
std::vector<KeyedForm> ReadKeyedFile(const Questionnaire& form, const std::filesystem::path& file);

/// What storing a pass did.
struct EntryOutcome {
  int64_t forms = 0, fields = 0;
  int64_t compared = 0;        ///< forms whose other pass exists
  int64_t discrepancies = 0;   ///< variables that differ between the passes
  std::vector<std::string> verified;  ///< respondents that became responses
};

/// Stores keyed forms as pass 1 or 2 by operator, in one transaction (all or nothing). Refuses a
/// respondent already keyed in that pass, and an operator who keyed the other pass of the same
/// respondent. Where both passes exist the values are compared: differences become
/// discrepancies; a respondent without any becomes a response (channel mail).
EntryOutcome StoreKeyedPass(storage::Project& project, const EntryForm& form, const std::vector<KeyedForm>& forms, int pass,
                            const std::string& operatorName, const std::string& source);

/// A variable whose keyings differ.
struct Discrepancy {
  int64_t id = 0;
  std::string respondentKey, variable;
  int question = 0;  ///< question number on the paper form (0 = unknown)
  int page = 0;      ///< page of the printed form where it is: in the language of the respondent's mailing batch (else the questionnaire's first)
  std::string value1, value2, operator1, operator2;
  std::optional<std::string> resolved;
  int wrongPass = 0;  ///< once resolved: 1, 2 or 3 (both)
};

/// Discrepancies in respondent and questionnaire order; unresolved only unless all.
std::vector<Discrepancy> ListDiscrepancies(storage::Project& project, const EntryForm& form, bool all);

/// Records the value read on the paper form for a discrepancy (checked like a keyed value;
/// "" = blank on the form) and who resolved it, with an audit_log entry. When it was the
/// respondent's last open discrepancy, the respondent becomes a response. Returns whether it did.
/// Throws UserError when there is no such discrepancy or the value is not valid.
bool ResolveDiscrepancy(storage::Project& project, const EntryForm& form, const std::string& respondentKey,
                        const std::string& variable, const std::string& value, const std::string& operatorName);

/// Keying statistics of one operator.
struct OperatorStats {
  std::string name;
  int64_t forms = 0, fields = 0;   ///< keyed forms and non-blank fields
  stats::Stat secondsPerField;     ///< from the passes whose keying time was measured
  int64_t comparedFields = 0;      ///< fields of forms whose other pass exists
  int64_t errors = 0;              ///< resolved discrepancies attributed to this operator
  int64_t open = 0;                ///< unresolved discrepancies on this operator's forms
  stats::Stat errorRate;           ///< errors / comparedFields
};

/// Statistics of every operator who keyed a pass, by name.
std::vector<OperatorStats> OperatorStatistics(storage::Project& project);

}  // namespace manyi::io

// Recognising which survey tool wrote a response export, from its header rows (never its file
// name), and what each column holds: metadata, an answer, one option of a multi-select question.
#pragma once

#include <string>
#include <vector>

#include "core/error.h"

namespace manyi::io::import {

/// What a source column is for.
enum class ColumnRole {
  kIgnore,        ///< tool metadata that is not an answer (IP address, duration, progress…)
  kRespondentId,  ///< the tool's response id (duplicates are refused)
  kSubmittedAt,   ///< when the response was submitted
  kCustomerId,    ///< a sample-frame id (Qualtrics ExternalReference, token…)
  kEmail,         ///< the respondent's e-mail: matched against the frame, never stored
  kChannel,       ///< mail / phone / online / face-to-face per row
  kAnswer,        ///< an answer (or one option / row of a question when group is set)
};

/// One column of the source as the recogniser understood it.
struct SourceColumn {
  size_t index = 0;
  ColumnRole role = ColumnRole::kAnswer;
  std::string header;     ///< the first header cell as written (for messages)
  std::string code;       ///< the tool's variable code ("Q1", "q01"); may be empty (Google Forms)
  std::string text;       ///< the question text
  std::string group;      ///< set when this column is one option (or row) of question `group`
  std::string option;     ///< the option's text or code within the group
  bool otherText = false; ///< the "other, please specify" text of its question
  bool summaryOfOptions = false;  ///< ignored: repeats the answers of the option columns that follow it (Kobo)
};

/// The recognised layout of a response export.
struct SourceLayout {
  std::string format;            ///< "qualtrics", "surveymonkey", "wenjuanxing", … or "generic"
  int headerRows = 1;
  std::vector<SourceColumn> columns;
  std::string multiJoin;         ///< separator of multi-select answers in one cell ("" = none)
  std::vector<std::string> missing;  ///< cells that mean "no answer" (−2/−3 of 问卷星, "n/a" of Kobo)
  bool answersAreCodes = false;  ///< answers are numeric codes (问卷星 by-code file)
  /// The answer that means "other" was chosen, its text being in the question's other-text
  /// column (LimeSurvey's "-oth-"); "" = none.
  std::string otherMarker;
  /// Whether the separator also occurs in free text (", " of Google Forms, "," of Qualtrics): a
  /// column is a multiple choice only when answers given alone recur inside the joined ones.
  bool AmbiguousJoin() const { return multiJoin == ", " || multiJoin == ","; }
  /// The column with a role, or nullptr.
  const SourceColumn* Find(ColumnRole role) const;
};

/// The format keys accepted by --format (besides "auto").
const std::vector<std::string>& FormatKeys();

/// Recognises the layout from the first rows of the file (at least three when it has them).
/// format "auto" tries every signature and falls back to "generic"; a named format that does
/// not match is an error naming the file and what was expected.
Result<SourceLayout> RecogniseLayout(const std::vector<std::vector<std::string>>& head, const std::string& format,
                                     const std::string& origin);

/// Splits "Question - Option" at the last " - " (SurveyMonkey single-header exports).
bool SplitQuestionOption(const std::string& header, std::string& question, std::string& option);

}  // namespace manyi::io::import

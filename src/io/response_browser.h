// Browsing and editing a project's stored responses a page at a time (the data browser's model):
// keyset pages by response id with filters on answers, channel and wave, and single-answer edits
// checked against the questionnaire and written with their audit-log row in one transaction.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/message.h"
#include "core/questionnaire.h"
#include "storage/project.h"

namespace manyi::io {

/// Which responses to show. Empty fields do not filter.
struct ResponseFilter {
  /// (variable index, code): the answer of the variable must be the code (region, industry…).
  std::vector<std::pair<int, double>> answers;
  std::optional<std::string> channel;  ///< a channel key ("mail"…)
  std::optional<int64_t> waveId;
};

/// One response as the browser shows it.
struct BrowsedResponse {
  int64_t id = 0;
  std::optional<int64_t> waveId;
  std::string channel;
  std::string respondentKey;
  std::vector<double> values;  ///< by variable index; NaN = not answered
  std::vector<std::optional<std::string>> texts;  ///< by variable index (text variables only)
};

/// Pages over the responses of one questionnaire version. Opening scans the matching ids once
/// (ids only) to know the count and where every page starts; pages are then read by id range
/// (never OFFSET) and a window of them is cached, so any row is reached in one indexed query.
class ResponsePager {
 public:
  static constexpr int kPageRows = 256;

  /// The newest questionnaire when questionnaireId is 0. Throws UserError when the project has no
  /// questionnaire or it cannot be read.
  ResponsePager(storage::Project& project, int64_t questionnaireId = 0);

  const Questionnaire& Form() const { return *m_form; }
  const std::vector<Variable>& Variables() const { return m_vars; }
  int64_t QuestionnaireId() const { return m_questionnaireId; }

  /// Applies a filter (re-scans the ids).
  void SetFilter(const ResponseFilter& filter);
  const ResponseFilter& Filter() const { return m_filter; }
  /// Matching responses.
  int64_t Count() const { return m_count; }
  /// The row-th matching response (0-based, in id order); row < Count().
  const BrowsedResponse& Row(int64_t row);
  /// The row of a response id among the matching ones, or nullopt.
  std::optional<int64_t> RowOf(int64_t responseId) const;
  /// Forgets cached pages (after an edit made elsewhere).
  void Invalidate();
  /// Pages read from the database so far (for tests and the benchmark).
  int64_t PagesRead() const { return m_pagesRead; }

  /// The (wave id, name) pairs of the project's waves, in id order.
  std::vector<std::pair<int64_t, std::string>> Waves();
  /// The variable index of the first item with a role (region, industry…), or −1.
  int VariableWithRole(ItemRole role) const;

 private:
  struct Page {
    int64_t index = 0;
    std::vector<BrowsedResponse> rows;
  };
  const Page& LoadPage(int64_t page);
  std::string WhereClause() const;
  void BindFilter(storage::Statement& st, int first) const;

  storage::Project& m_project;
  int64_t m_questionnaireId = 0;
  std::unique_ptr<Questionnaire> m_form;
  std::vector<Variable> m_vars;
  std::vector<int> m_textVars;
  ResponseFilter m_filter;
  int64_t m_count = 0;
  std::vector<int64_t> m_pageStart;  ///< the first id of every page
  std::list<Page> m_cache;           ///< most recently used first
  int64_t m_pagesRead = 0;
};

/// Checks a new value for a coded variable against its item: a code of the list (or a missing
/// code of the scale), a whole number on the scale, within a numeric item's bounds, 0/1 for an
/// option of a multiple-choice item. NaN (clearing the answer) is always allowed. Returns what is
/// wrong (naming the item and what is allowed), or nullopt when it is fine.
std::optional<Message> CheckAnswerValue(const Variable& variable, double value);

/// Parses what a user typed for a variable: a number, or a code's label or key in any language
/// ("" = not answered). Returns the value or the message saying why it is refused.
Result<double> ParseAnswerText(const Variable& variable, const std::string& text);

/// Sets one coded answer of a response (NaN clears it) after CheckAnswerValue, writing the
/// answer and an audit_log row (who, when, variable, old and new value) in one transaction.
/// Returns the audit_log id; nothing is written when the value is refused or unchanged (0).
Result<int64_t> EditAnswer(storage::Project& project, int64_t responseId, const Variable& variable, int variableIndex,
                           double value, const std::string& actor);

/// Sets (or, when empty, deletes) one text answer, with its audit_log row, in one transaction.
Result<int64_t> EditTextAnswer(storage::Project& project, int64_t responseId, const Variable& variable, int variableIndex,
                               const std::string& text, const std::string& actor);

/// One row of rejected_row, with its reasons as messages.
struct RejectedRow {
  int64_t importId = 0;
  int64_t sourceRow = 0;
  std::string fileName;
  std::vector<std::string> columns, values, kinds, messages;  ///< per reason
  std::vector<std::string> raw;                                ///< the row's cells
};

/// The rejected rows of every import that is not undone (importId 0) or of one import, in import
/// and row order.
std::vector<RejectedRow> LoadRejectedRows(storage::Project& project, int64_t importId = 0);

}  // namespace manyi::io

// Importing survey responses from online tools into a project: recognising the export, mapping
// its columns to the questionnaire (or deriving a questionnaire from it), checking every cell,
// and writing the whole import in one transaction with its provenance — or nothing at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.h"
#include "core/error.h"
#include "io/encoding.h"
#include "storage/project.h"

namespace manyi::io::import {

/// The kinds of problems a row can have; a row with any of them is rejected (or aborts).
enum class ProblemKind {
  kUnknownCode,          ///< an answer that is not one of the item's codes or labels
  kOutOfRange,           ///< a number outside the item's scale or bounds
  kWrongType,            ///< text where a number was expected
  kDuplicateRespondent,  ///< a respondent id seen before (in the file or the project)
  kNotInFrame,           ///< a customer id or e-mail the sample frame does not hold
  kRaggedRow,            ///< more cells than the header has columns
  kInvalidText,          ///< bytes that are not valid UTF-8
};

/// A stable key for a problem kind ("unknown_code"…), used in rejected_row and reports.
const char* ProblemKindKey(ProblemKind kind);
/// The kind's name for people.
Message ProblemKindLabel(ProblemKind kind);

/// One problem of one cell.
struct RowProblem {
  int64_t row = 0;         ///< 1-based row (line) of the source file
  std::string column;      ///< the column's header
  std::string value;       ///< the cell as read
  ProblemKind kind = ProblemKind::kUnknownCode;
  Message message;         ///< what, where and what to do
};

/// How to import.
struct ImportOptions {
  std::string format = "auto";              ///< a key of FormatKeys() or "auto"
  std::optional<TextEncoding> encoding;     ///< nullopt = detect
  char delimiter = 0;                       ///< 0 = detect
  std::filesystem::path mappingFile;        ///< a saved column mapping (JSON), optional
  Channel channel = Channel::kOnline;       ///< unless the file has a channel column
  bool dryRun = false;                      ///< check and report; write nothing
  bool abortOnProblem = false;              ///< any problem aborts instead of rejecting the row
  bool force = false;                       ///< import a file whose SHA-256 was imported before
  size_t listProblems = 200;                ///< how many problems to keep in the report
  std::string mappingText;                  ///< a column mapping as JSON text; used instead of mappingFile when set
  /// Called every few hundred data rows with the rows read so far (and once at the end); returning
  /// false cancels the import: nothing is written (the transaction rolls back) and the report
  /// says cancelled. Called on the importing thread.
  std::function<bool(int64_t rowsRead)> progress;
};

/// What an import did (or, on a dry run, would do).
struct ImportReport {
  std::string file, sha256, format, encoding;
  int64_t importId = 0;                      ///< 0 when nothing was written
  int64_t questionnaireId = 0;               ///< 0 on a dry run that would derive one
  bool derivedQuestionnaire = false;
  size_t derivedItems = 0;
  int64_t rowsRead = 0, rowsImported = 0, rowsRejected = 0;
  std::map<ProblemKind, int64_t> problemCounts;
  std::vector<RowProblem> problems;          ///< the first ImportOptions::listProblems
  std::vector<Message> notes;                ///< columns not imported, short rows, replaced bytes
  std::string mappingJson;                   ///< the column mapping used (reusable with --mapping)
  bool committed = false;
  bool aborted = false;                      ///< abortOnProblem and problems were found
  bool cancelled = false;                    ///< ImportOptions::progress asked to stop; nothing was written
};

/// Imports the responses of file into project. Fails (with nothing written) when the file cannot
/// be read or recognised, or was imported before (unless forced). Rows with problems are kept in
/// rejected_row, or abort the import when options.abortOnProblem.
Result<ImportReport> ImportResponses(storage::Project& project, const std::filesystem::path& file, const ImportOptions& options);

/// Deletes the responses of an import in one transaction and marks it undone; returns how many
/// responses were deleted.
Result<int64_t> UndoImport(storage::Project& project, int64_t importId);

/// One stored reason of a rejected row (an element of rejected_row.reasons) in the user's language.
/// Reasons keep their message untranslated ("translatable", Message::ToJson); rows written
/// before that hold only the English "message", which is shown as it is.
std::string RejectedReasonText(const nlohmann::json& reason);

/// Writes the rejected rows of an import as CSV: source row, reasons (in the user's language),
/// then the row's cells.
Result<int64_t> ExportRejectedRows(storage::Project& project, int64_t importId, const std::filesystem::path& out);

/// Splits a cell of joined multi-select answers against the known options: only at a separator
/// where the parts are options, fewest unknown parts first (an option may contain the separator:
/// "Yes, often"). Unknown stretches come back as one part each.
std::vector<std::string> SplitAgainstOptions(std::string_view cell, std::string_view separator,
                                             const std::function<bool(std::string_view)>& isOption);

/// Which comes first in a slash date that does not start with the year (3/4/2026).
enum class DateOrder {
  kMonthFirst,  ///< M/D/YYYY (US English)
  kDayFirst,    ///< D/M/YYYY (most other locales)
  kUnknown,     ///< not told by the file: such dates are kept as written
};

/// What a column of timestamps tells about its date order: a first number over 12 can only be a
/// day, a second number over 12 only a day too. One kind of evidence decides; none, or both
/// (a column mixing the two), leaves the order unknown.
class DateOrderEvidence {
 public:
  void Add(std::string_view cell);
  DateOrder Order() const;
  /// A slash date that the order decides (not YYYY/MM/DD), as met first ("" when none).
  const std::string& Example() const { return m_example; }

 private:
  bool m_dayFirst = false, m_monthFirst = false;
  std::string m_example;
};

/// M/D/YYYY or D/M/YYYY (by order) H:MM[:SS] [AM/PM] [GMT±H] (Google and Microsoft Forms) and
/// YYYY/MM/DD as ISO 8601; with an unknown order only YYYY/MM/DD; others unchanged.
std::string NormaliseTimestamp(std::string_view text, DateOrder order = DateOrder::kMonthFirst);

}  // namespace manyi::io::import

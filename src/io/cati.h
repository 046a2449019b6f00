// Telephone interviewing (CATI): which case an interviewer calls next, call attempts with AAPOR
// dispositions and callbacks, and an interview that saves every answer as it is given so that an
// interrupted interview resumes where it stopped (docs/fieldwork.md).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/answer_sheet.h"
#include "core/message.h"
#include "core/questionnaire.h"
#include "storage/project.h"

namespace manyi::io::cati {

/// The outcome of one call attempt (AAPOR Standard Definitions; stored as in call_attempt).
enum class Disposition {
  kComplete, kPartial, kRefusal, kBreakOff, kNoAnswer, kBusy, kAnsweringMachine, kWrongNumber, kIneligible, kAppointment,
};

/// All dispositions in the order an interviewer sees them.
const std::vector<Disposition>& AllDispositions();
const char* DispositionKey(Disposition d);
std::optional<Disposition> ParseDisposition(std::string_view key);
Message DispositionLabel(Disposition d);
/// Whether the case is finished after this outcome (complete, refusal, break-off, wrong number,
/// ineligible): it is not called again.
bool IsFinal(Disposition d);

/// "2026-11-24 10:00", "2026-11-24T10:00" or a full ISO time as "2026-11-24T10:00:00Z"; nullopt
/// when it is not such a time.
std::optional<std::string> NormaliseTime(std::string_view text);

/// A case of a call list as the interviewer needs it.
struct CallCase {
  int64_t customerId = 0;
  std::string externalId, name, contactPerson, phone, region;
  int attempts = 0;
  std::string lastDisposition;          ///< "" when never called
  std::optional<std::string> callbackAt;
  bool interrupted = false;             ///< an interview was started and not finished
};

/// The newest call list, or 0 when there is none.
int64_t NewestCallList(storage::Project& project);

/// The case to call next at time `now` (ISO 8601): appointments and callbacks that are due first
/// (earliest first), then interrupted interviews, then cases never called (in list order), then
/// cases tried before (fewest attempts first, then in list order). Finished cases, cases at the attempt
/// limit and cases with a callback still to come are left out. nullopt when nothing is to call.
std::optional<CallCase> NextCase(storage::Project& project, int64_t listId, const std::string& now);

/// Every case of a list with its state, in list order.
std::vector<CallCase> ListCases(storage::Project& project, int64_t listId);

/// Records a call attempt (one transaction). An appointment needs a callback time; any other
/// disposition may carry one ("call back at 3"). Throws UserError for a bad time or a customer not
/// on the list.
void RecordAttempt(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName, Disposition d,
                   const std::string& at, const std::optional<std::string>& callbackAt, const std::string& note);

/// One telephone interview: a partial response row written answer by answer.
class Interview {
 public:
  /// Starts the interview of a case, or resumes it where it stopped.
  static std::unique_ptr<Interview> Open(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName);

  const AnswerSheet& Sheet() const { return *m_sheet; }
  const Questionnaire& Form() const { return *m_form; }
  int64_t ResponseId() const { return m_responseId; }
  /// Whether this interview was started before (and is now resumed).
  bool Resumed() const { return m_resumed; }

  /// The variable being asked, nullopt when every question that applies has been asked.
  std::optional<size_t> Current() const { return m_current; }
  /// Checks and saves the answer to the current question ("" = no answer, allowed unless the
  /// question is required) and moves to the next question the skip logic asks. Answers that the
  /// new answer makes inapplicable are cleared (audit_log). Returns the problem, saving nothing,
  /// when the answer is not valid.
  std::optional<Message> Answer(std::string_view keyed);
  /// Goes back to the question asked before the current one; false at the first.
  bool Back();
  /// Ends the interview: status complete and a "complete" call attempt. Throws UserError while a
  /// question is still to ask.
  void Complete(const std::string& at);

 private:
  Interview(storage::Project& project) : m_project(project) {}
  std::optional<size_t> NextFrom(size_t start) const;
  void Save(const std::vector<size_t>& changed, const std::string& now, const std::function<void()>& alsoWrite);

  storage::Project& m_project;
  std::unique_ptr<Questionnaire> m_form;
  std::unique_ptr<AnswerSheet> m_sheet;
  int64_t m_listId = 0, m_customerId = 0, m_sessionId = 0, m_responseId = 0;
  std::string m_operator;
  std::optional<size_t> m_current;
  std::vector<size_t> m_asked;  ///< questions asked in this sitting and before, in order
  bool m_resumed = false;
};

}  // namespace manyi::io::cati

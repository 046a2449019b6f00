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
  std::string heldBy;                   ///< the interviewer whose screen holds the case ("" = free)
  std::string heldSince;                ///< when that claim was taken or last refreshed
  std::string claimToken;               ///< the holding screen's token ("" = free)
};

/// A claim on a case expires when its screen has not refreshed it (by taking the case or saving
/// an answer) for this long: a crashed or abandoned screen frees its case after at most this time.
inline constexpr int kClaimTimeoutMinutes = 30;

/// A token that identifies one interviewer's screen (process id, time and randomness): every
/// screen claims the cases it takes under its own token.

std::string NewClaimToken();

/// The newest call list, or 0 when there is none.
int64_t NewestCallList(storage::Project& project);

/// The case to call next at time `now` (ISO 8601): appointments and callbacks that are due first
/// (earliest first), then interrupted interviews, then cases never called (in list order), then
/// cases tried before (fewest attempts first, then in list order). Finished cases, cases at the attempt
/// limit, cases with a callback still to come and cases held by another screen (a claim younger
/// than kClaimTimeoutMinutes under a token other than claimToken) are left out. nullopt when
/// nothing is to call. Reads only.
std::optional<CallCase> NextCase(storage::Project& project, int64_t listId, const std::string& now, const std::string& claimToken = "");

/// Takes the next case for an interviewer's screen: chooses it like NextCase and claims it for
/// claimToken in the same write transaction, so that two screens (or processes) on one project
/// never get the same case. The screen's other claims on the list are released.
std::optional<CallCase> ClaimNextCase(storage::Project& project, int64_t listId, const std::string& now, const std::string& claimToken,
                                      const std::string& interviewer);

/// Claims one case for claimToken (refreshing the screen's own claim). Throws UserError naming
/// the interviewer when another screen holds it.
void ClaimCase(storage::Project& project, int64_t listId, int64_t customerId, const std::string& now, const std::string& claimToken,
               const std::string& interviewer);

/// Releases every claim of a screen (on closing it); nothing happens for an empty token.
void ReleaseClaims(storage::Project& project, const std::string& claimToken);

/// Every case of a list with its state, in list order; a claim counts as held when it is younger
/// than kClaimTimeoutMinutes at `now` (default: the clock).
std::vector<CallCase> ListCases(storage::Project& project, int64_t listId, const std::string& now = "");

/// Records a call attempt (one transaction). An appointment needs a callback time; any other
/// disposition may carry one ("call back at 3"). Throws UserError for a bad time or a customer not
/// on the list. The screen's claim on the case (claimToken) is released with it.
void RecordAttempt(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName, Disposition d,
                   const std::string& at, const std::optional<std::string>& callbackAt, const std::string& note,
                   const std::string& claimToken = "");

/// One telephone interview: a partial response row written answer by answer.
class Interview {
 public:
  /// Starts the interview of a case, or resumes it where it stopped. With a claimToken the case
  /// is claimed for that screen first (UserError when another screen holds it), the claim is
  /// refreshed with every answer and released when the interview completes. `now` is the time of
  /// the claim (default: the clock).
  static std::unique_ptr<Interview> Open(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName,
                                         const std::string& claimToken = "", const std::string& now = "");

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
  std::string m_operator, m_claimToken;
  std::optional<size_t> m_current;
  std::vector<size_t> m_asked;  ///< questions asked in this sitting and before, in order
  bool m_resumed = false;
};

}  // namespace manyi::io::cati

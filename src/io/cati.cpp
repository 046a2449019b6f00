// Call lists, call attempts and resumable telephone interviews.
#include "io/cati.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>

#include "core/error.h"
#include "core/text.h"
#include "io/form_json.h"
#include "storage/response_codec.h"

namespace manyi::io::cati {

namespace {

struct DispositionInfo {
  Disposition d;
  const char* key;
  const char* label;
  bool final;
};

constexpr DispositionInfo kDispositions[] = {
    {Disposition::kComplete, "complete", N_("Complete interview"), true},
    {Disposition::kPartial, "partial", N_("Partial interview (to be continued)"), false},
    {Disposition::kAppointment, "appointment", N_("Appointment (call back)"), false},
    {Disposition::kNoAnswer, "no-answer", N_("No answer"), false},
    {Disposition::kBusy, "busy", N_("Busy"), false},
    {Disposition::kAnsweringMachine, "answering-machine", N_("Answering machine"), false},
    {Disposition::kRefusal, "refusal", N_("Refusal"), true},
    {Disposition::kBreakOff, "break-off", N_("Break-off"), true},
    {Disposition::kWrongNumber, "wrong-number", N_("Wrong number"), true},
    {Disposition::kIneligible, "ineligible", N_("Not eligible"), true},
};

const DispositionInfo& Info(Disposition d) {
  for (const auto& i : kDispositions)
    if (i.d == d) return i;
  return kDispositions[0];
}

std::string FinalList() {
  std::string s;
  for (const auto& i : kDispositions)
    if (i.final) s += std::string(s.empty() ? "" : " OR ") + "a.disposition = '" + i.key + "'";
  return s;
}

}  // namespace

const std::vector<Disposition>& AllDispositions() {
  static const std::vector<Disposition> all = [] {
    std::vector<Disposition> v;
    for (const auto& i : kDispositions) v.push_back(i.d);
    return v;
  }();
  return all;
}

const char* DispositionKey(Disposition d) { return Info(d).key; }

std::optional<Disposition> ParseDisposition(std::string_view key) {
  for (const auto& i : kDispositions)
    if (key == i.key) return i.d;
  return std::nullopt;
}

Message DispositionLabel(Disposition d) { return Message(Info(d).label); }

bool IsFinal(Disposition d) { return Info(d).final; }

std::optional<std::string> NormaliseTime(std::string_view text) {
  std::string t(Trim(text));
  if (t.size() >= 16 && t[10] == ' ') t[10] = 'T';
  auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i)
      if (i >= t.size() || t[i] < '0' || t[i] > '9') return false;
    return true;
  };
  if (t.size() < 16 || !digits(0, 4) || t[4] != '-' || !digits(5, 2) || t[7] != '-' || !digits(8, 2) || t[10] != 'T' ||
      !digits(11, 2) || t[13] != ':' || !digits(14, 2))
    return std::nullopt;
  std::string seconds = "00";
  if (t.size() >= 19 && t[16] == ':' && digits(17, 2)) seconds = t.substr(17, 2);
  const int month = std::stoi(t.substr(5, 2)), day = std::stoi(t.substr(8, 2)), hour = std::stoi(t.substr(11, 2)),
            minute = std::stoi(t.substr(14, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return std::nullopt;
  return t.substr(0, 16) + ":" + seconds + "Z";
}

namespace {

/// SQL for the time a claim must be younger than to hold its case, given the time ?N.
std::string ClaimCutoff(int param) {
  return "strftime('%Y-%m-%dT%H:%M:%SZ', ?" + std::to_string(param) + ", '-" + std::to_string(kClaimTimeoutMinutes) + " minutes')";
}

std::string ShownTime(std::string t) {
  if (t.size() >= 16) {
    t[10] = ' ';
    t.resize(16);
  }
  return t;
}

}  // namespace

std::string NewClaimToken() {
  std::random_device rd;
  std::mt19937_64 gen((uint64_t(rd()) << 32) ^ rd() ^ uint64_t(std::chrono::steady_clock::now().time_since_epoch().count()));
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(gen()), static_cast<unsigned long long>(gen()));
  return buf;
}

int64_t NewestCallList(storage::Project& project) { return project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM call_list"); }

std::vector<CallCase> ListCases(storage::Project& project, int64_t listId, const std::string& now) {
  const std::string live = "m.claim_token IS NOT NULL AND m.claimed_at > " + ClaimCutoff(2);
  const std::string sql =
      "SELECT m.customer_id, c.external_id, coalesce(k.name, ''), coalesce(k.contact_person, ''), coalesce(k.phone, ''), "
      "  coalesce(c.region, ''), "
      "  (SELECT count(*) FROM call_attempt a WHERE a.list_id = m.list_id AND a.customer_id = m.customer_id), "
      "  (SELECT a.disposition FROM call_attempt a WHERE a.list_id = m.list_id AND a.customer_id = m.customer_id ORDER BY a.called_at DESC, a.id DESC LIMIT 1), "
      "  (SELECT a.callback_at FROM call_attempt a WHERE a.list_id = m.list_id AND a.customer_id = m.customer_id ORDER BY a.called_at DESC, a.id DESC LIMIT 1), "
      "  EXISTS (SELECT 1 FROM cati_session s WHERE s.list_id = m.list_id AND s.customer_id = m.customer_id AND s.finished_at IS NULL), "
      "  CASE WHEN " + live + " THEN m.claim_token END, CASE WHEN " + live + " THEN coalesce(m.claimed_by, '') END, "
      "  CASE WHEN " + live + " THEN m.claimed_at END "
      "FROM call_list_member m JOIN customer c ON c.id = m.customer_id LEFT JOIN customer_contact k ON k.customer_id = m.customer_id "
      "WHERE m.list_id = ?1 ORDER BY m.position";
  storage::Statement st(project.Db(), sql);
  st.Bind(1, listId).Bind(2, now.empty() ? NowIso8601() : now);
  std::vector<CallCase> out;
  while (st.Step()) {
    CallCase c;
    c.customerId = st.Int(0);
    c.externalId = st.Text(1);
    c.name = st.Text(2);
    c.contactPerson = st.Text(3);
    c.phone = st.Text(4);
    c.region = st.Text(5);
    c.attempts = int(st.Int(6));
    c.lastDisposition = st.IsNull(7) ? "" : st.Text(7);
    if (!st.IsNull(8)) c.callbackAt = st.Text(8);
    c.interrupted = st.Int(9) != 0;
    if (!st.IsNull(10)) {
      c.claimToken = st.Text(10);
      c.heldBy = st.Text(11);
      c.heldSince = ShownTime(st.Text(12));
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<CallCase> NextCase(storage::Project& project, int64_t listId, const std::string& now, const std::string& claimToken) {
  storage::Statement lim(project.Db(), "SELECT max_attempts FROM call_list WHERE id = ?1");
  lim.Bind(1, listId);
  if (!lim.Step()) throw UserError(Message(N_("There is no call list {0}. Draw one with `manyi-cli sample plan … --draw --mode phone`.")).Arg(static_cast<long long>(listId)));
  const int maxAttempts = int(lim.Int(0));
  storage::Statement fin(project.Db(), "SELECT DISTINCT a.customer_id FROM call_attempt a WHERE a.list_id = ?1 AND (" + FinalList() + ")");
  fin.Bind(1, listId);
  std::vector<int64_t> finished;
  while (fin.Step()) finished.push_back(fin.Int(0));
  // Rank: 0 due callback, 1 interrupted interview, 2 never called, 3 tried before.
  std::optional<CallCase> best;
  std::tuple<int, std::string, int, int> bestKey;
  int position = 0;
  for (CallCase& c : ListCases(project, listId, now)) {
    ++position;
    if (!c.claimToken.empty() && c.claimToken != claimToken) continue;
    if (std::find(finished.begin(), finished.end(), c.customerId) != finished.end()) continue;
    if (c.attempts >= maxAttempts) continue;
    if (c.callbackAt && *c.callbackAt > now) continue;
    std::tuple<int, std::string, int, int> key;
    if (c.callbackAt) key = {0, *c.callbackAt, 0, position};
    else if (c.interrupted) key = {1, "", 0, position};
    else if (c.attempts == 0) key = {2, "", 0, position};
    else key = {3, "", c.attempts, position};
    if (!best || key < bestKey) {
      best = c;
      bestKey = key;
    }
  }
  return best;
}

namespace {

/// Claims a case; the caller holds the write transaction, so no other screen claims in between.
void ClaimIn(storage::Project& project, int64_t listId, int64_t customerId, const std::string& now, const std::string& token,
             const std::string& interviewer) {
  storage::Connection& db = project.Db();
  storage::Statement st(db, "SELECT c.external_id, coalesce(m.claimed_by, ''), m.claimed_at, "
                            "  m.claim_token IS NOT NULL AND m.claimed_at > " + ClaimCutoff(3) + " AND m.claim_token <> ?4 "
                            "FROM call_list_member m JOIN customer c ON c.id = m.customer_id WHERE m.list_id = ?1 AND m.customer_id = ?2");
  st.Bind(1, listId).Bind(2, customerId).Bind(3, now).Bind(4, token);
  if (!st.Step()) throw UserError(Message(N_("Customer {0} is not on call list {1}.")).Arg(static_cast<long long>(customerId)).Arg(static_cast<long long>(listId)));
  if (st.Int(3)) {
    Message m(N_("Customer {0} is being called by {1} (since {2}). Take the next respondent instead; a claim lapses after {3} minutes without activity."));
    m.Arg(st.Text(0));
    if (st.Text(1).empty()) m.Arg(Message(N_("another interviewer"))); else m.Arg(st.Text(1));
    throw UserError(m.Arg(ShownTime(st.Text(2))).Arg(kClaimTimeoutMinutes));
  }
  if (token.empty()) return;
  storage::Statement release(db, "UPDATE call_list_member SET claim_token = NULL, claimed_by = NULL, claimed_at = NULL "
                                 "WHERE list_id = ?1 AND claim_token = ?2 AND customer_id <> ?3");
  release.Bind(1, listId).Bind(2, token).Bind(3, customerId).Run();
  storage::Statement claim(db, "UPDATE call_list_member SET claim_token = ?3, claimed_by = ?4, claimed_at = ?5 WHERE list_id = ?1 AND customer_id = ?2");
  claim.Bind(1, listId).Bind(2, customerId).Bind(3, token).Bind(4, std::string(Trim(interviewer))).Bind(5, NormaliseTime(now).value_or(now)).Run();
}

/// Releases a screen's claim on one case; the caller holds the transaction.
void ReleaseIn(storage::Project& project, int64_t listId, int64_t customerId, const std::string& token) {
  if (token.empty()) return;
  storage::Statement st(project.Db(), "UPDATE call_list_member SET claim_token = NULL, claimed_by = NULL, claimed_at = NULL "
                                      "WHERE list_id = ?1 AND customer_id = ?2 AND claim_token = ?3");
  st.Bind(1, listId).Bind(2, customerId).Bind(3, token).Run();
}

}  // namespace

std::optional<CallCase> ClaimNextCase(storage::Project& project, int64_t listId, const std::string& now, const std::string& claimToken,
                                      const std::string& interviewer) {
  if (claimToken.empty()) return NextCase(project, listId, now);
  // BEGIN IMMEDIATE takes the write lock before the choice: a second screen waits and then sees
  // this claim.
  storage::Transaction tx(project.Db());
  auto next = NextCase(project, listId, now, claimToken);
  if (next) {
    ClaimIn(project, listId, next->customerId, now, claimToken, interviewer);
    next->claimToken = claimToken;
    next->heldBy = std::string(Trim(interviewer));
    next->heldSince = ShownTime(NormaliseTime(now).value_or(now));
  } else {
    storage::Statement release(project.Db(), "UPDATE call_list_member SET claim_token = NULL, claimed_by = NULL, claimed_at = NULL "
                                             "WHERE list_id = ?1 AND claim_token = ?2");
    release.Bind(1, listId).Bind(2, claimToken).Run();
  }
  tx.Commit();
  return next;
}

void ClaimCase(storage::Project& project, int64_t listId, int64_t customerId, const std::string& now, const std::string& claimToken,
               const std::string& interviewer) {
  storage::Transaction tx(project.Db());
  ClaimIn(project, listId, customerId, now, claimToken, interviewer);
  tx.Commit();
}

void ReleaseClaims(storage::Project& project, const std::string& claimToken) {
  if (claimToken.empty()) return;
  storage::Transaction tx(project.Db());
  storage::Statement st(project.Db(), "UPDATE call_list_member SET claim_token = NULL, claimed_by = NULL, claimed_at = NULL WHERE claim_token = ?1");
  st.Bind(1, claimToken).Run();
  tx.Commit();
}

namespace {

/// Inserts an attempt; the caller holds the transaction.
void InsertAttempt(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName, Disposition d,
                   const std::string& at, const std::optional<std::string>& callbackAt, const std::string& note) {
  storage::Connection& db = project.Db();
  std::optional<std::string> callback;
  if (callbackAt && !Trim(*callbackAt).empty()) {
    callback = NormaliseTime(*callbackAt);
    if (!callback)
      throw UserError(Message(N_("\"{0}\" is not a time for the callback; write it as 2026-11-24 15:30.")).Arg(*callbackAt));
  }
  if (d == Disposition::kAppointment && !callback)
    throw UserError(Message(N_("An appointment needs the time to call back (e.g. 2026-11-24 15:30).")));
  storage::Statement member(db, "SELECT 1 FROM call_list_member WHERE list_id = ?1 AND customer_id = ?2");
  member.Bind(1, listId).Bind(2, customerId);
  if (!member.Step()) throw UserError(Message(N_("Customer {0} is not on call list {1}.")).Arg(static_cast<long long>(customerId)).Arg(static_cast<long long>(listId)));
  std::optional<int64_t> op;
  if (!Trim(operatorName).empty()) op = project.OperatorId(std::string(Trim(operatorName)));
  storage::Statement ins(db, "INSERT INTO call_attempt(wave_id, customer_id, operator_id, called_at, disposition, callback_at, note, list_id) "
                             "VALUES ((SELECT wave_id FROM call_list WHERE id = ?7), ?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  ins.Bind(1, customerId).Bind(2, op).Bind(3, NormaliseTime(at).value_or(at)).Bind(4, DispositionKey(d)).Bind(5, callback);
  if (note.empty()) ins.Bind(6, nullptr); else ins.Bind(6, note);
  ins.Bind(7, listId).Run();
}

}  // namespace

void RecordAttempt(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName, Disposition d,
                   const std::string& at, const std::optional<std::string>& callbackAt, const std::string& note,
                   const std::string& claimToken) {
  storage::Transaction tx(project.Db());
  InsertAttempt(project, listId, customerId, operatorName, d, at, callbackAt, note);
  ReleaseIn(project, listId, customerId, claimToken);
  tx.Commit();
}

std::unique_ptr<Interview> Interview::Open(storage::Project& project, int64_t listId, int64_t customerId, const std::string& operatorName,
                                           const std::string& claimToken, const std::string& at) {
  storage::Connection& db = project.Db();
  const std::string now = at.empty() ? NowIso8601() : at;
  // Also without a token: an interview never starts on a case another screen holds.
  ClaimCase(project, listId, customerId, now, claimToken, operatorName);
  storage::Statement list(db, "SELECT questionnaire_id, wave_id FROM call_list WHERE id = ?1");
  list.Bind(1, listId);
  if (!list.Step()) throw UserError(Message(N_("There is no call list {0}. Draw one with `manyi-cli sample plan … --draw --mode phone`.")).Arg(static_cast<long long>(listId)));
  const int64_t qid = list.Int(0);
  const std::optional<int64_t> wave = list.OptInt(1);
  auto form = LoadQuestionnaire(project, qid);
  if (!form) throw UserError(Message(N_("{0} has no questionnaire {1}.")).Arg(project.Path().string()).Arg(static_cast<long long>(qid)));
  std::unique_ptr<Interview> iv(new Interview(project));
  iv->m_form = std::make_unique<Questionnaire>(std::move(*form));
  iv->m_sheet = std::make_unique<AnswerSheet>(*iv->m_form);
  iv->m_listId = listId;
  iv->m_customerId = customerId;
  iv->m_operator = std::string(Trim(operatorName));
  iv->m_claimToken = claimToken;
  storage::Statement find(db, "SELECT s.id, s.response_id, s.position, s.finished_at IS NOT NULL, r.answers FROM cati_session s "
                              "JOIN response r ON r.id = s.response_id WHERE s.list_id = ?1 AND s.customer_id = ?2");
  find.Bind(1, listId).Bind(2, customerId);
  if (find.Step()) {
    if (find.Int(3)) throw UserError(Message(N_("The interview of this customer is complete already.")));
    iv->m_sessionId = find.Int(0);
    iv->m_responseId = find.Int(1);
    const std::string position = find.IsNull(2) ? "" : find.Text(2);
    std::vector<double> values;
    storage::DecodeAnswers(find.Blob(4), values);
    std::vector<std::pair<int, std::string>> texts;
    storage::Statement tt(db, "SELECT variable, text FROM response_text WHERE response_id = ?1");
    tt.Bind(1, iv->m_responseId);
    while (tt.Step()) texts.emplace_back(int(tt.Int(0)), tt.Text(1));
    iv->m_sheet->Load(values, texts);
    iv->m_resumed = true;
    // The questions asked before: those answered, in order, up to where it stopped.
    auto stop = iv->m_sheet->IndexOf(position);
    for (size_t i = 0; i < iv->m_sheet->Variables().size(); ++i)
      if (iv->m_sheet->Answered(i) && (!stop || i < *stop)) iv->m_asked.push_back(i);
    iv->m_current = stop && iv->m_sheet->Relevant(*stop) ? stop : iv->NextFrom(iv->m_asked.empty() ? 0 : iv->m_asked.back() + 1);
    return iv;
  }
  storage::Transaction tx(db);
  storage::ResponseRecord r;
  r.questionnaireId = qid;
  r.waveId = wave;
  r.customerId = customerId;
  storage::Statement key(db, "SELECT external_id FROM customer WHERE id = ?1");
  key.Bind(1, customerId);
  if (key.Step()) r.respondentKey = key.Text(0);
  r.channel = Channel::kPhone;
  r.partial = true;
  if (!iv->m_operator.empty()) r.operatorId = project.OperatorId(iv->m_operator);
  r.values = iv->m_sheet->Values();
  iv->m_responseId = project.AddResponse(r);
  iv->m_current = iv->NextFrom(0);
  storage::Statement ins(db, "INSERT INTO cati_session(list_id, customer_id, response_id, operator_id, position, started_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
  ins.Bind(1, listId).Bind(2, customerId).Bind(3, iv->m_responseId).Bind(4, r.operatorId);
  if (iv->m_current) ins.Bind(5, iv->m_sheet->Variables()[*iv->m_current].name); else ins.Bind(5, nullptr);
  ins.Bind(6, now).Run();
  iv->m_sessionId = db.LastInsertId();
  tx.Commit();
  return iv;
}

std::optional<size_t> Interview::NextFrom(size_t start) const {
  for (size_t i = start; i < m_sheet->Variables().size(); ++i)
    if (m_sheet->Relevant(i)) return i;
  return std::nullopt;
}

void Interview::Save(const std::vector<size_t>& changed, const std::string& now, const std::function<void()>& alsoWrite) {
  storage::Connection& db = m_project.Db();
  storage::Transaction tx(db);
  storage::Statement upd(db, "UPDATE response SET answers = ?2 WHERE id = ?1");
  const std::string blob = storage::EncodeAnswers(m_sheet->Values());
  upd.Bind(1, m_responseId).BindBlob(2, blob.data(), blob.size()).Run();
  for (size_t i : changed)
    if (m_sheet->Variables()[i].isText) {
      storage::Statement del(db, "DELETE FROM response_text WHERE response_id = ?1 AND variable = ?2");
      del.Bind(1, m_responseId).Bind(2, int64_t(i)).Run();
      if (m_sheet->Answered(i)) {
        storage::Statement ins(db, "INSERT INTO response_text(response_id, variable, text) VALUES (?1, ?2, ?3)");
        ins.Bind(1, m_responseId).Bind(2, int64_t(i)).Bind(3, m_sheet->Text(i)).Run();
      }
    }
  storage::Statement ses(db, "UPDATE cati_session SET position = ?2, updated_at = ?3 WHERE id = ?1");
  ses.Bind(1, m_sessionId);
  if (m_current) ses.Bind(2, m_sheet->Variables()[*m_current].name); else ses.Bind(2, nullptr);
  ses.Bind(3, now).Run();
  if (!m_claimToken.empty()) {
    // Each answer keeps the screen's claim alive. A claim that lapsed and was taken by another
    // screen is not overwritten: this answer is refused (rolled back) rather than mixed into the
    // interview the other interviewer resumed.
    storage::Statement claim(db, "UPDATE call_list_member SET claimed_at = ?3, claim_token = ?4, claimed_by = ?5 "
                                 "WHERE list_id = ?1 AND customer_id = ?2 AND (claim_token IS NULL OR claim_token = ?4 OR claimed_at <= " +
                                     ClaimCutoff(3) + ")");
    claim.Bind(1, m_listId).Bind(2, m_customerId).Bind(3, now).Bind(4, m_claimToken).Bind(5, m_operator).Run();
    if (db.Changes() == 0) ClaimIn(m_project, m_listId, m_customerId, now, m_claimToken, m_operator);  // throws, naming the holder
  }
  if (alsoWrite) alsoWrite();
  tx.Commit();
}

std::optional<Message> Interview::Answer(std::string_view keyed) {
  if (!m_current) return Message(N_("Every question has been asked; finish the interview."));
  const size_t i = *m_current;
  const Variable& v = m_sheet->Variables()[i];
  if (Trim(keyed).empty() && v.item->required && v.option == 0)
    return Message(N_("{0} is required: enter the answer or the code for \"don't know\".")).Arg(v.name);
  if (auto problem = m_sheet->Check(i, keyed)) return problem;
  const std::string before = m_sheet->Keyed(i);
  m_sheet->Set(i, keyed);
  std::vector<size_t> changed{i};
  const std::string now = NowIso8601();
  // Answers the new answer makes inapplicable are cleared, and the clearing is logged.
  std::vector<std::pair<size_t, std::string>> cleared;
  for (size_t k : m_sheet->AnsweredButSkipped()) {
    cleared.emplace_back(k, m_sheet->Keyed(k));
    m_sheet->Clear(k);
    changed.push_back(k);
  }
  if (std::find(m_asked.begin(), m_asked.end(), i) == m_asked.end()) m_asked.push_back(i);
  m_asked.erase(std::remove_if(m_asked.begin(), m_asked.end(), [&](size_t k) { return !m_sheet->Relevant(k); }), m_asked.end());
  m_current = NextFrom(i + 1);
  Save(changed, now, [&] {
    if (cleared.empty() && (before.empty() || before == m_sheet->Keyed(i))) return;
    storage::Statement audit(m_project.Db(), "INSERT INTO audit_log(at, actor, action, response_id, variable, old_value, new_value, detail) "
                                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!before.empty() && before != m_sheet->Keyed(i))
      audit.Bind(1, now).Bind(2, m_operator).Bind(3, "cati-change").Bind(4, m_responseId).Bind(5, v.name).Bind(6, before)
          .Bind(7, m_sheet->Keyed(i)).Bind(8, "answer changed during the interview").Run();
    for (const auto& [k, old] : cleared)
      audit.Bind(1, now).Bind(2, m_operator).Bind(3, "cati-skip").Bind(4, m_responseId).Bind(5, m_sheet->Variables()[k].name).Bind(6, old)
          .Bind(7, "").Bind(8, "cleared: skipped after " + v.name + " changed").Run();
  });
  return std::nullopt;
}

bool Interview::Back() {
  if (m_asked.empty()) return false;
  size_t prev;
  if (m_current) {
    auto it = std::find(m_asked.begin(), m_asked.end(), *m_current);
    if (it == m_asked.begin()) return false;
    prev = it == m_asked.end() ? m_asked.back() : *(it - 1);
  } else {
    prev = m_asked.back();
  }
  m_current = prev;
  return true;
}

void Interview::Complete(const std::string& at) {
  if (m_current) {
    // Skipping forward over already answered questions is allowed: only unasked ones block.
    for (size_t i = *m_current; i < m_sheet->Variables().size(); ++i)
      if (m_sheet->Relevant(i) && !m_sheet->Answered(i) && std::find(m_asked.begin(), m_asked.end(), i) == m_asked.end())
        throw UserError(Message(N_("The interview is not finished: {0} is still to ask.")).Arg(m_sheet->Variables()[i].name));
  }
  storage::Connection& db = m_project.Db();
  storage::Transaction tx(db);
  storage::Statement r(db, "UPDATE response SET status = 'complete', submitted_at = ?2 WHERE id = ?1");
  r.Bind(1, m_responseId).Bind(2, at).Run();
  storage::Statement s(db, "UPDATE cati_session SET finished_at = ?2, updated_at = ?2, position = NULL WHERE id = ?1");
  s.Bind(1, m_sessionId).Bind(2, at).Run();
  InsertAttempt(m_project, m_listId, m_customerId, m_operator, Disposition::kComplete, at, std::nullopt, "");
  ReleaseIn(m_project, m_listId, m_customerId, m_claimToken);
  tx.Commit();
}

}  // namespace manyi::io::cati

// Keyed paper entry, double-entry comparison, resolution and operator statistics.
#include "io/data_entry.h"

#include <cmath>
#include <map>
#include <set>

#include "core/text.h"
#include "io/csv_reader.h"
#include "io/form_json.h"
#include "io/paper_form.h"

namespace manyi::io {

namespace {

constexpr size_t kMaxListed = 50;

/// The comparable form of a keyed value: numbers as the C locale writes them ("07" = "7"),
/// texts trimmed.
std::string Normal(const Variable& v, std::string_view keyed) {
  std::string_view t = Trim(keyed);
  if (!v.isText)
    if (auto x = ParseNumber(t)) return FormatNumber(*x);
  return std::string(t);
}

/// "question 5 (sat2)" or "sat2" when the variable's item is not numbered.
Message Where(const AnswerSheet& sheet, size_t i) {
  if (int q = sheet.QuestionNumber(i)) return Message(N_("question {0} ({1})")).Arg(q).Arg(sheet.Variables()[i].name);
  return Message(N_("item {0}")).Arg(sheet.Variables()[i].name);
}

/// Problems of a filled sheet as (variable index, message): each value, then the skip logic.
std::vector<std::pair<size_t, Message>> CheckSheet(AnswerSheet& sheet, const std::vector<std::string>& values) {
  std::vector<std::pair<size_t, Message>> problems;
  for (size_t i = 0; i < values.size() && i < sheet.Variables().size(); ++i) {
    if (auto p = sheet.Check(i, values[i])) problems.emplace_back(i, *p);
    else sheet.Set(i, values[i]);
  }
  // Constraints that refer to later answers are checked once everything is in.
  for (size_t i = 0; i < values.size() && i < sheet.Variables().size(); ++i)
    if (sheet.Answered(i))
      if (auto p = sheet.Check(i, values[i])) {
        bool seen = false;
        for (const auto& [k, m] : problems) seen = seen || k == i;
        if (!seen) problems.emplace_back(i, *p);
      }
  for (size_t i : sheet.AnsweredButSkipped())
    problems.emplace_back(i, Message(N_("{0} is answered, but the form skips it unless {1}; leave it blank (the respondent should not have answered it) or check the answers it depends on."))
                                 .Arg(sheet.Keyed(i)).Arg(sheet.SkipCondition(i)));
  return problems;
}

/// Nested messages one per line (each translated at the edge).
Message Lines(const std::vector<Message>& lines, size_t from = 0) {
  if (from + 1 >= lines.size()) return from < lines.size() ? lines[from] : Message();
  return Message(N_("{0}\n{1}")).Arg(lines[from]).Arg(Lines(lines, from + 1));
}

std::optional<int64_t> CustomerOf(storage::Connection& db, const std::string& key) {
  storage::Statement st(db, "SELECT id FROM customer WHERE external_id = ?1");
  st.Bind(1, key);
  if (st.Step()) return st.Int(0);
  return std::nullopt;
}

struct PassRow {
  int64_t id = 0, operatorId = 0;
  std::string operatorName;
};

std::optional<PassRow> FindPass(storage::Connection& db, int64_t qid, const std::string& key, int pass) {
  storage::Statement st(db, "SELECT p.id, p.operator_id, o.name FROM entry_pass p JOIN operator o ON o.id = p.operator_id "
                            "WHERE p.questionnaire_id = ?1 AND p.respondent_key = ?2 AND p.pass = ?3");
  st.Bind(1, qid).Bind(2, key).Bind(3, pass);
  if (!st.Step()) return std::nullopt;
  return PassRow{st.Int(0), st.Int(1), st.Text(2)};
}

std::map<std::string, std::string> PassValues(storage::Connection& db, int64_t passId) {
  std::map<std::string, std::string> out;
  storage::Statement st(db, "SELECT variable, value FROM entry_value WHERE pass_id = ?1");
  st.Bind(1, passId);
  while (st.Step()) out[st.Text(0)] = st.Text(1);
  return out;
}

/// Writes the respondent's response from pass 1 with the resolutions applied; returns its id.
/// Throws UserError when the resolved answers break the skip logic.
int64_t Verify(storage::Project& project, const EntryForm& form, const std::string& key) {
  storage::Connection& db = project.Db();
  auto p1 = FindPass(db, form.id, key, 1);
  auto values = PassValues(db, p1->id);
  storage::Statement res(db, "SELECT variable, resolved_value FROM entry_discrepancy WHERE questionnaire_id = ?1 AND respondent_key = ?2");
  res.Bind(1, form.id).Bind(2, key);
  while (res.Step()) values[res.Text(0)] = res.Text(1);
  AnswerSheet sheet(form.form);
  std::vector<std::string> keyed(sheet.Variables().size());
  for (size_t i = 0; i < keyed.size(); ++i) keyed[i] = values[sheet.Variables()[i].name];
  auto problems = CheckSheet(sheet, keyed);
  if (!problems.empty()) {
    std::vector<Message> lines;
    for (const auto& [i, m] : problems) lines.push_back(Message(N_("{0}: {1}")).Arg(Where(sheet, i)).Arg(m));
    throw UserError(Message(N_("The resolved answers of respondent {0} do not fit together; nothing was stored. Check these on the paper form and resolve again:\n{1}"))
                        .Arg(key).Arg(Lines(lines)));
  }
  storage::ResponseRecord r;
  r.questionnaireId = form.id;
  r.customerId = CustomerOf(db, key);
  r.respondentKey = key;
  r.channel = Channel::kMail;
  r.operatorId = p1->operatorId;
  r.submittedAt = NowIso8601();
  r.values = sheet.Values();
  for (const auto& [i, t] : sheet.Texts()) r.texts.emplace_back(i, t);
  // Required questions the form asks but the respondent left blank make it a partial response.
  for (size_t i = 0; i < sheet.Variables().size(); ++i) {
    const Variable& v = sheet.Variables()[i];
    if (v.item->required && v.option == 0 && !sheet.Answered(i) && sheet.Relevant(i)) r.partial = true;
  }
  if (r.customerId) {
    storage::Statement wave(db, "SELECT b.wave_id FROM mailing m JOIN mail_batch b ON b.id = m.batch_id "
                                "WHERE m.customer_id = ?1 ORDER BY b.sent_on DESC, b.id DESC LIMIT 1");
    wave.Bind(1, *r.customerId);
    if (wave.Step() && !wave.IsNull(0)) r.waveId = wave.Int(0);
  }
  const int64_t responseId = project.AddResponse(r);
  storage::Statement ver(db, "INSERT INTO entry_verified(questionnaire_id, respondent_key, response_id, verified_at) VALUES (?1, ?2, ?3, ?4)");
  ver.Bind(1, form.id).Bind(2, key).Bind(3, responseId).Bind(4, r.submittedAt).Run();
  if (r.customerId) {
    storage::Statement ret(db, "UPDATE mailing SET status = 'returned', status_on = ?2 WHERE customer_id = ?1 AND status = 'sent'");
    ret.Bind(1, *r.customerId).Bind(2, r.submittedAt.substr(0, 10)).Run();
  }
  storage::Statement audit(db, "INSERT INTO audit_log(at, actor, action, response_id, detail) VALUES (?1, ?2, 'entry-verified', ?3, ?4)");
  audit.Bind(1, r.submittedAt).Bind(2, p1->operatorName).Bind(3, responseId).Bind(4, "respondent " + key).Run();
  return responseId;
}

bool Verified(storage::Connection& db, int64_t qid, const std::string& key) {
  storage::Statement st(db, "SELECT 1 FROM entry_verified WHERE questionnaire_id = ?1 AND respondent_key = ?2");
  st.Bind(1, qid).Bind(2, key);
  return st.Step();
}

}  // namespace

EntryForm LoadEntryForm(storage::Project& project, std::optional<int64_t> questionnaireId) {
  const int64_t id = questionnaireId ? *questionnaireId : project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
  if (id == 0)
    throw UserError(Message(N_("{0} has no questionnaire to key. Add one with `manyi-cli form add` first.")).Arg(project.Path().string()));
  auto form = LoadQuestionnaire(project, id);
  if (!form) throw UserError(Message(N_("{0} has no questionnaire {1}.")).Arg(project.Path().string()).Arg(static_cast<long long>(id)));
  return {id, std::move(*form)};
}

std::vector<Message> CheckKeyedForm(const Questionnaire& form, const KeyedForm& keyed) {
  AnswerSheet sheet(form);
  std::vector<Message> out;
  for (const auto& [i, m] : CheckSheet(sheet, keyed.values)) out.push_back(Message(N_("{0}: {1}")).Arg(Where(sheet, i)).Arg(m));
  return out;
}

std::vector<KeyedForm> ReadKeyedFile(const Questionnaire& form, const std::filesystem::path& file) {
  CsvReader csv(file);
  std::vector<std::string_view> fields;
  const std::string name = file.string();
  if (!csv.Next(fields))
    throw UserError(Message(N_("{0} is empty. A keyed file starts with the header respondent_id,<variable>,… as printed beside each question.")).Arg(name));
  AnswerSheet layout(form);
  std::vector<std::optional<size_t>> columnVar(fields.size());
  std::vector<std::string> headers;
  std::optional<size_t> idCol, secondsCol;
  std::vector<Message> problems;
  for (size_t c = 0; c < fields.size(); ++c) {
    std::string h(Trim(fields[c]));
    if (c == 0 && h.starts_with("\xEF\xBB\xBF")) h = h.substr(3);
    headers.push_back(h);
    if (h == "respondent_id") idCol = c;
    else if (h == "keying_seconds") secondsCol = c;
    else if (auto v = layout.IndexOf(h)) columnVar[c] = v;
    else problems.push_back(Message(N_("{0}, column {1} \"{2}\": not a variable of the questionnaire. Use the variable names printed beside the questions.")).Arg(name).Arg(static_cast<long long>(c + 1)).Arg(h));
  }
  if (!idCol) problems.push_back(Message(N_("{0}: there is no respondent_id column; the first row must name it.")).Arg(name));
  std::vector<KeyedForm> out;
  std::set<std::string> seen;
  while (problems.size() < kMaxListed && csv.Next(fields)) {
    const long long row = csv.RecordLine();
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;
    if (fields.size() != headers.size()) {
      problems.push_back(Message(N_("{0}, row {1}: {2} cells where the header has {3} columns.")).Arg(name).Arg(row)
                             .Arg(static_cast<long long>(fields.size())).Arg(static_cast<long long>(headers.size())));
      continue;
    }
    if (!idCol) continue;
    KeyedForm k;
    k.sourceRow = row;
    k.respondentKey = std::string(Trim(fields[*idCol]));
    if (k.respondentKey.empty()) {
      problems.push_back(Message(N_("{0}, row {1}: the respondent id is empty.")).Arg(name).Arg(row));
      continue;
    }
    if (!seen.insert(k.respondentKey).second)
      problems.push_back(Message(N_("{0}, row {1}: respondent {2} is keyed twice in this file.")).Arg(name).Arg(row).Arg(k.respondentKey));
    if (secondsCol && !Trim(fields[*secondsCol]).empty()) {
      auto s = ParseNumber(Trim(fields[*secondsCol]));
      if (!s || *s < 0) problems.push_back(Message(N_("{0}, row {1}, column keying_seconds: \"{2}\" is not a number of seconds.")).Arg(name).Arg(row).Arg(fields[*secondsCol]));
      else k.seconds = *s;
    }
    k.values.assign(layout.Variables().size(), "");
    std::vector<size_t> colOfVar(layout.Variables().size(), 0);
    for (size_t c = 0; c < fields.size(); ++c)
      if (columnVar[c]) {
        k.values[*columnVar[c]] = std::string(Trim(fields[c]));
        colOfVar[*columnVar[c]] = c;
      }
    AnswerSheet sheet(form);
    for (const auto& [i, m] : CheckSheet(sheet, k.values))
      problems.push_back(Message(N_("{0}, row {1}, column {2}, respondent {3}, {4}: {5}")).Arg(name).Arg(row)
                             .Arg(static_cast<long long>(colOfVar[i] + 1)).Arg(k.respondentKey).Arg(Where(sheet, i)).Arg(m));
    out.push_back(std::move(k));
  }
  if (!problems.empty()) {
    if (problems.size() > kMaxListed) problems.resize(kMaxListed);
    throw UserError(Message(N_("The keyed file has problems; nothing was stored. Correct them on the keyed file (compare with the paper forms) and run the entry again:\n{0}"))
                        .Arg(Lines(problems)));
  }
  if (out.empty()) throw UserError(Message(N_("{0} holds no keyed questionnaires below its header.")).Arg(name));
  return out;
}

EntryOutcome StoreKeyedPass(storage::Project& project, const EntryForm& form, const std::vector<KeyedForm>& forms, int pass,
                            const std::string& operatorName, const std::string& source) {
  if (pass != 1 && pass != 2) throw UserError(Message(N_("The pass is 1 (first keying) or 2 (independent second keying).")));
  if (Trim(operatorName).empty()) throw UserError(Message(N_("Name the operator who keyed the forms (--operator NAME).")));
  storage::Connection& db = project.Db();
  AnswerSheet layout(form.form);
  const auto& vars = layout.Variables();
  storage::Transaction tx(db);
  const int64_t op = project.OperatorId(std::string(Trim(operatorName)));
  const std::string now = NowIso8601();
  EntryOutcome out;
  std::vector<Message> problems;
  for (const KeyedForm& k : forms) {
    if (k.values.size() != vars.size()) throw std::logic_error("keyed form does not match the questionnaire");
    if (auto mine = FindPass(db, form.id, k.respondentKey, pass)) {
      problems.push_back(Message(N_("Respondent {0} was keyed in pass {1} already (by {2}). Each pass is keyed once; fix its values through the discrepancy list."))
                             .Arg(k.respondentKey).Arg(pass).Arg(mine->operatorName));
      continue;
    }
    auto other = FindPass(db, form.id, k.respondentKey, 3 - pass);
    if (other && other->operatorId == op) {
      problems.push_back(Message(N_("{0} keyed pass {1} of respondent {2}; the other pass must be keyed by a different operator."))
                             .Arg(other->operatorName).Arg(3 - pass).Arg(k.respondentKey));
      continue;
    }
    storage::Statement ins(db, "INSERT INTO entry_pass(questionnaire_id, respondent_key, customer_id, pass, operator_id, source, keyed_at, seconds) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.Bind(1, form.id).Bind(2, k.respondentKey).Bind(3, CustomerOf(db, k.respondentKey)).Bind(4, pass).Bind(5, op).Bind(6, source)
        .Bind(7, now).Bind(8, k.seconds).Run();
    const int64_t passId = db.LastInsertId();
    storage::Statement val(db, "INSERT INTO entry_value(pass_id, variable, value) VALUES (?1, ?2, ?3)");
    for (size_t i = 0; i < vars.size(); ++i) {
      val.Bind(1, passId).Bind(2, vars[i].name).Bind(3, k.values[i]).Run();
      if (!Trim(k.values[i]).empty()) ++out.fields;
    }
    ++out.forms;
    if (!other) continue;
    ++out.compared;
    auto otherValues = PassValues(db, other->id);
    int64_t differ = 0;
    storage::Statement dis(db, "INSERT INTO entry_discrepancy(questionnaire_id, respondent_key, variable, value1, value2) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (size_t i = 0; i < vars.size(); ++i) {
      const std::string& mineV = k.values[i];
      const std::string& otherV = otherValues[vars[i].name];
      if (Normal(vars[i], mineV) == Normal(vars[i], otherV)) continue;
      dis.Bind(1, form.id).Bind(2, k.respondentKey).Bind(3, vars[i].name).Bind(4, pass == 1 ? mineV : otherV).Bind(5, pass == 1 ? otherV : mineV).Run();
      ++differ;
    }
    out.discrepancies += differ;
    if (differ == 0) {
      Verify(project, form, k.respondentKey);
      out.verified.push_back(k.respondentKey);
    }
  }
  if (!problems.empty()) {
    if (problems.size() > kMaxListed) problems.resize(kMaxListed);
    throw UserError(Message(N_("Nothing was stored:\n{0}")).Arg(Lines(problems)));
  }
  tx.Commit();
  return out;
}

std::vector<Discrepancy> ListDiscrepancies(storage::Project& project, const EntryForm& form, bool all) {
  AnswerSheet layout(form.form);
  std::vector<Discrepancy> out;
  // The pages are those of the form as printed for the respondent's mailing batch (its form
  // language); the questionnaire's first printable language when the batch does not say.
  std::string firstLang = "zh";
  for (const std::string& l : form.form.languages)
    if (l == "zh" || l == "en") {
      firstLang = l;
      break;
    }
  storage::Statement printed(project.Db(),
      "SELECT b.form_lang FROM mailing m JOIN mail_batch b ON b.id = m.batch_id JOIN customer c ON c.id = m.customer_id "
      "WHERE c.external_id = ?1 AND b.questionnaire_id = ?2 AND b.form_lang IS NOT NULL ORDER BY b.sent_on DESC, b.id DESC LIMIT 1");
  auto langOf = [&](const std::string& respondent) {
    printed.Bind(1, respondent).Bind(2, form.id);
    std::string lang = printed.Step() ? printed.Text(0) : firstLang;
    printed.Reset();
    return lang;
  };
  std::map<std::string, std::map<std::string, int>> pagesByLang;
  storage::Statement st(project.Db(),
      "SELECT d.id, d.respondent_key, d.variable, d.value1, d.value2, o1.name, o2.name, d.resolved_value, coalesce(d.wrong_pass, 0) "
      "FROM entry_discrepancy d "
      "JOIN entry_pass p1 ON p1.questionnaire_id = d.questionnaire_id AND p1.respondent_key = d.respondent_key AND p1.pass = 1 "
      "JOIN entry_pass p2 ON p2.questionnaire_id = d.questionnaire_id AND p2.respondent_key = d.respondent_key AND p2.pass = 2 "
      "JOIN operator o1 ON o1.id = p1.operator_id JOIN operator o2 ON o2.id = p2.operator_id "
      "WHERE d.questionnaire_id = ?1 AND (?2 OR d.resolved_at IS NULL) ORDER BY d.respondent_key, d.id");
  st.Bind(1, form.id).Bind(2, all ? 1 : 0);
  while (st.Step()) {
    Discrepancy d;
    d.id = st.Int(0);
    d.respondentKey = st.Text(1);
    d.variable = st.Text(2);
    d.value1 = st.Text(3);
    d.value2 = st.Text(4);
    d.operator1 = st.Text(5);
    d.operator2 = st.Text(6);
    if (!st.IsNull(7)) d.resolved = st.Text(7);
    d.wrongPass = int(st.Int(8));
    if (auto i = layout.IndexOf(d.variable)) {
      d.question = layout.QuestionNumber(*i);
      const std::string lang = langOf(d.respondentKey);
      auto [it, added] = pagesByLang.try_emplace(lang);
      if (added) it->second = PaperFormItemPages(form.form, lang);
      const auto& pages = it->second;
      if (auto p = pages.find(layout.Variables()[*i].item->id); p != pages.end()) d.page = p->second;
    }
    out.push_back(std::move(d));
  }
  // Questionnaire order within a respondent, so the checker turns the pages forward.
  std::stable_sort(out.begin(), out.end(), [&](const Discrepancy& a, const Discrepancy& b) {
    if (a.respondentKey != b.respondentKey) return a.respondentKey < b.respondentKey;
    return layout.IndexOf(a.variable).value_or(0) < layout.IndexOf(b.variable).value_or(0);
  });
  return out;
}

bool ResolveDiscrepancy(storage::Project& project, const EntryForm& form, const std::string& respondentKey,
                        const std::string& variable, const std::string& value, const std::string& operatorName) {
  storage::Connection& db = project.Db();
  AnswerSheet sheet(form.form);
  auto index = sheet.IndexOf(variable);
  if (!index) throw UserError(Message(N_("\"{0}\" is not a variable of the questionnaire.")).Arg(variable));
  storage::Transaction tx(db);
  storage::Statement find(db, "SELECT id, value1, value2 FROM entry_discrepancy WHERE questionnaire_id = ?1 AND respondent_key = ?2 AND variable = ?3");
  find.Bind(1, form.id).Bind(2, respondentKey).Bind(3, variable);
  if (!find.Step())
    throw UserError(Message(N_("Respondent {0} has no discrepancy in {1}. List them with `manyi-cli entry PROJECT --discrepancies`.")).Arg(respondentKey).Arg(variable));
  const int64_t id = find.Int(0);
  const std::string v1 = find.Text(1), v2 = find.Text(2);
  if (Verified(db, form.id, respondentKey))
    throw UserError(Message(N_("Respondent {0} is verified and stored as a response already; correct the response instead.")).Arg(respondentKey));
  // Check the value with the respondent's other answers as keyed in pass 1 (constraints may refer to them).
  auto p1 = FindPass(db, form.id, respondentKey, 1);
  auto values = PassValues(db, p1->id);
  for (size_t i = 0; i < sheet.Variables().size(); ++i) sheet.Set(i, values[sheet.Variables()[i].name]);
  if (auto p = sheet.Check(*index, value))
    throw UserError(Message(N_("Respondent {0}, {1}: {2}")).Arg(respondentKey).Arg(Where(sheet, *index)).Arg(*p));
  const Variable& var = sheet.Variables()[*index];
  const bool first = Normal(var, v1) == Normal(var, value), second = Normal(var, v2) == Normal(var, value);
  const int wrong = first ? 2 : second ? 1 : 3;
  const std::string now = NowIso8601();
  const std::string actor(Trim(operatorName).empty() ? std::string("unknown") : std::string(Trim(operatorName)));
  storage::Statement upd(db, "UPDATE entry_discrepancy SET resolved_value = ?2, wrong_pass = ?3, resolved_by = ?4, resolved_at = ?5 WHERE id = ?1");
  upd.Bind(1, id).Bind(2, std::string(Trim(value))).Bind(3, wrong).Bind(4, project.OperatorId(actor)).Bind(5, now).Run();
  storage::Statement audit(db, "INSERT INTO audit_log(at, actor, action, variable, old_value, new_value, detail) VALUES (?1, ?2, 'entry-resolve', ?3, ?4, ?5, ?6)");
  audit.Bind(1, now).Bind(2, actor).Bind(3, variable).Bind(4, "pass 1: " + v1 + " / pass 2: " + v2).Bind(5, std::string(Trim(value)))
      .Bind(6, "respondent " + respondentKey).Run();
  storage::Statement open(db, "SELECT count(*) FROM entry_discrepancy WHERE questionnaire_id = ?1 AND respondent_key = ?2 AND resolved_at IS NULL");
  open.Bind(1, form.id).Bind(2, respondentKey);
  open.Step();
  const bool verify = open.Int(0) == 0;
  if (verify) Verify(project, form, respondentKey);
  tx.Commit();
  return verify;
}

std::vector<OperatorStats> OperatorStatistics(storage::Project& project) {
  std::vector<OperatorStats> out;
  storage::Statement st(project.Db(), R"SQL(
    SELECT o.name,
      count(DISTINCT p.id),
      (SELECT count(*) FROM entry_value v JOIN entry_pass q ON q.id = v.pass_id WHERE q.operator_id = o.id AND v.value <> ''),
      (SELECT sum(q.seconds) FROM entry_pass q WHERE q.operator_id = o.id AND q.seconds IS NOT NULL),
      (SELECT count(*) FROM entry_value v JOIN entry_pass q ON q.id = v.pass_id WHERE q.operator_id = o.id AND q.seconds IS NOT NULL AND v.value <> ''),
      (SELECT count(*) FROM entry_value v JOIN entry_pass q ON q.id = v.pass_id WHERE q.operator_id = o.id AND EXISTS
         (SELECT 1 FROM entry_pass r WHERE r.questionnaire_id = q.questionnaire_id AND r.respondent_key = q.respondent_key AND r.pass <> q.pass)),
      (SELECT count(*) FROM entry_discrepancy d JOIN entry_pass q ON q.questionnaire_id = d.questionnaire_id AND q.respondent_key = d.respondent_key
         WHERE q.operator_id = o.id AND (d.wrong_pass = q.pass OR d.wrong_pass = 3)),
      (SELECT count(*) FROM entry_discrepancy d JOIN entry_pass q ON q.questionnaire_id = d.questionnaire_id AND q.respondent_key = d.respondent_key
         WHERE q.operator_id = o.id AND d.resolved_at IS NULL)
    FROM operator o JOIN entry_pass p ON p.operator_id = o.id GROUP BY o.id ORDER BY o.name)SQL");
  while (st.Step()) {
    OperatorStats s;
    s.name = st.Text(0);
    s.forms = st.Int(1);
    s.fields = st.Int(2);
    if (!st.IsNull(3) && st.Int(4) > 0) s.secondsPerField = st.Double(3) / double(st.Int(4));
    s.comparedFields = st.Int(5);
    s.errors = st.Int(6);
    s.open = st.Int(7);
    if (s.comparedFields > 0) s.errorRate = double(s.errors) / double(s.comparedFields);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace manyi::io

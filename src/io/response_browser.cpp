// The data browser's model: keyset pages over stored responses, answer checks and audited edits.
#include "io/response_browser.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "io/form_json.h"
#include "io/import/response_import.h"
#include "storage/response_codec.h"

namespace manyi::io {

namespace {

using nlohmann::json;

/// How many pages stay cached: a few screens either side of the visible one.
constexpr size_t kCachedPages = 48;

/// manyi_answer(blob, index): one decoded answer of a response, NULL when not answered. Lets a
/// filter on an answer run inside SQLite without decoding whole responses in C++.
void AnswerFunction(sqlite3_context* context, int, sqlite3_value** args) {
  const void* data = sqlite3_value_blob(args[0]);
  const int size = sqlite3_value_bytes(args[0]);
  const sqlite3_int64 index = sqlite3_value_int64(args[1]);
  if (!data || index < 0) {
    sqlite3_result_null(context);
    return;
  }
  auto value = storage::DecodeAnswer(std::string_view(static_cast<const char*>(data), size_t(size)), size_t(index));
  if (!value || storage::IsSystemMissing(*value)) sqlite3_result_null(context);
  else sqlite3_result_double(context, *value);
}

std::string ValueText(double v) { return storage::IsSystemMissing(v) ? std::string() : FormatNumber(v); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

int64_t WriteAudit(storage::Connection& db, int64_t responseId, const std::string& variable, const std::optional<std::string>& oldValue,
                   const std::optional<std::string>& newValue, const std::string& actor) {
  storage::Statement st(db, "INSERT INTO audit_log(at, actor, action, response_id, variable, old_value, new_value) "
                            "VALUES (?1, ?2, 'edit_answer', ?3, ?4, ?5, ?6)");
  st.Bind(1, NowIso8601()).Bind(2, actor).Bind(3, responseId).Bind(4, variable).Bind(5, oldValue).Bind(6, newValue).Run();
  return db.LastInsertId();
}

}  // namespace

ResponsePager::ResponsePager(storage::Project& project, int64_t questionnaireId) : m_project(project) {
  storage::Connection& db = project.Db();
  m_questionnaireId = questionnaireId ? questionnaireId : db.QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
  if (m_questionnaireId == 0)
    throw UserError(Message(N_("The project has no questionnaire yet, so there are no responses to browse. Import responses or add a questionnaire first.")));
  auto form = LoadQuestionnaire(project, m_questionnaireId);
  if (!form)
    throw UserError(Message(N_("The project's questionnaire {0} cannot be read. Run `manyi-cli check`.")).Arg(static_cast<long long>(m_questionnaireId)));
  m_form = std::make_unique<Questionnaire>(std::move(*form));
  m_vars = m_form->Variables();
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (m_vars[i].isText) m_textVars.push_back(int(i));
  sqlite3_create_function_v2(db.Handle(), "manyi_answer", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, AnswerFunction,
                             nullptr, nullptr, nullptr);
  SetFilter(ResponseFilter{});
}

std::string ResponsePager::WhereClause() const {
  std::string where = "questionnaire_id = ?1";
  int p = 2;
  for (size_t i = 0; i < m_filter.answers.size(); ++i, p += 2)
    where += " AND manyi_answer(answers, ?" + std::to_string(p) + ") = ?" + std::to_string(p + 1);
  if (m_filter.channel) where += " AND channel = ?" + std::to_string(p++);
  if (m_filter.waveId) where += " AND wave_id = ?" + std::to_string(p++);
  return where;
}

void ResponsePager::BindFilter(storage::Statement& st, int first) const {
  st.Bind(first, m_questionnaireId);
  int p = first + 1;
  for (const auto& [var, code] : m_filter.answers) {
    st.Bind(p++, static_cast<int64_t>(var));
    st.Bind(p++, code);
  }
  if (m_filter.channel) st.Bind(p++, *m_filter.channel);
  if (m_filter.waveId) st.Bind(p++, *m_filter.waveId);
}

void ResponsePager::SetFilter(const ResponseFilter& filter) {
  m_filter = filter;
  m_cache.clear();
  m_pageStart.clear();
  m_count = 0;
  // Ids only: the scan touches every matching row once and keeps one id per page.
  storage::Statement st(m_project.Db(), "SELECT id FROM response WHERE " + WhereClause() + " ORDER BY id");
  BindFilter(st, 1);
  while (st.Step()) {
    if (m_count % kPageRows == 0) m_pageStart.push_back(st.Int(0));
    ++m_count;
  }
}

void ResponsePager::Invalidate() { m_cache.clear(); }

const ResponsePager::Page& ResponsePager::LoadPage(int64_t page) {
  for (auto it = m_cache.begin(); it != m_cache.end(); ++it)
    if (it->index == page) {
      if (it != m_cache.begin()) m_cache.splice(m_cache.begin(), m_cache, it);
      return m_cache.front();
    }
  Page loaded;
  loaded.index = page;
  storage::Connection& db = m_project.Db();
  // The filter's parameters come first (?1…); the page's start id is the last one.
  const int startParam = 2 + int(m_filter.answers.size()) * 2 + (m_filter.channel ? 1 : 0) + (m_filter.waveId ? 1 : 0);
  storage::Statement st(db, "SELECT id, wave_id, channel, coalesce(respondent_key, ''), answers FROM response WHERE " + WhereClause() +
                                " AND id >= ?" + std::to_string(startParam) + " ORDER BY id LIMIT " + std::to_string(kPageRows));
  BindFilter(st, 1);
  st.Bind(startParam, m_pageStart[size_t(page)]);
  while (st.Step()) {
    BrowsedResponse r;
    r.id = st.Int(0);
    r.waveId = st.OptInt(1);
    r.channel = st.Text(2);
    r.respondentKey = st.Text(3);
    storage::DecodeAnswers(st.Blob(4), r.values);
    r.values.resize(m_vars.size(), storage::kSystemMissing);
    r.texts.resize(m_vars.size());
    loaded.rows.push_back(std::move(r));
  }
  if (!m_textVars.empty() && !loaded.rows.empty()) {
    storage::Statement texts(db, "SELECT response_id, variable, text FROM response_text WHERE response_id BETWEEN ?1 AND ?2");
    texts.Bind(1, loaded.rows.front().id).Bind(2, loaded.rows.back().id);
    while (texts.Step()) {
      const int64_t id = texts.Int(0);
      auto it = std::lower_bound(loaded.rows.begin(), loaded.rows.end(), id, [](const BrowsedResponse& r, int64_t v) { return r.id < v; });
      const int64_t var = texts.Int(1);
      if (it != loaded.rows.end() && it->id == id && var >= 0 && size_t(var) < it->texts.size()) it->texts[size_t(var)] = texts.Text(2);
    }
  }
  ++m_pagesRead;
  m_cache.push_front(std::move(loaded));
  if (m_cache.size() > kCachedPages) m_cache.pop_back();
  return m_cache.front();
}

const BrowsedResponse& ResponsePager::Row(int64_t row) {
  const Page& page = LoadPage(row / kPageRows);
  const size_t at = size_t(row % kPageRows);
  if (at >= page.rows.size()) {
    // Rows deleted since the scan (an import undone elsewhere): rescan and try once more.
    SetFilter(m_filter);
    if (row >= m_count) throw UserError(Message(N_("The responses changed while they were shown. Reopen the data browser.")));
    return Row(row);
  }
  return page.rows[at];
}

std::optional<int64_t> ResponsePager::RowOf(int64_t responseId) const {
  auto it = std::upper_bound(m_pageStart.begin(), m_pageStart.end(), responseId);
  if (it == m_pageStart.begin()) return std::nullopt;
  const int64_t page = int64_t(it - m_pageStart.begin()) - 1;
  const int next = 2 + int(m_filter.answers.size()) * 2 + (m_filter.channel ? 1 : 0) + (m_filter.waveId ? 1 : 0);
  storage::Statement member(m_project.Db(), "SELECT 1 FROM response WHERE " + WhereClause() + " AND id = ?" + std::to_string(next));
  BindFilter(member, 1);
  member.Bind(next, responseId);
  if (!member.Step()) return std::nullopt;
  storage::Statement st(m_project.Db(), "SELECT count(*) FROM response WHERE " + WhereClause() + " AND id >= ?" + std::to_string(next) +
                                            " AND id <= ?" + std::to_string(next + 1));
  BindFilter(st, 1);
  st.Bind(next, m_pageStart[size_t(page)]).Bind(next + 1, responseId);
  st.Step();
  return page * kPageRows + st.Int(0) - 1;
}

std::vector<std::pair<int64_t, std::string>> ResponsePager::Waves() {
  // Every wave: responses may point at a wave of an earlier questionnaire version, and finding out
  // which would scan every response; a wave without responses here just filters to none.
  std::vector<std::pair<int64_t, std::string>> waves;
  storage::Statement st(m_project.Db(), "SELECT id, name FROM wave ORDER BY id");
  while (st.Step()) waves.emplace_back(st.Int(0), st.Text(1));
  return waves;
}

int ResponsePager::VariableWithRole(ItemRole role) const {
  for (size_t i = 0; i < m_vars.size(); ++i)
    if (m_vars[i].item && m_vars[i].item->role == role && !m_vars[i].isText) return int(i);
  return -1;
}

std::optional<Message> CheckAnswerValue(const Variable& variable, double value) {
  if (storage::IsSystemMissing(value)) return std::nullopt;
  const Item& item = *variable.item;
  const std::string& id = variable.name;
  if (variable.isText) return Message(N_("{0} is a text answer; type the text itself.")).Arg(id);
  if (item.type == ItemType::kMultiple) {
    if (value == 0 || value == 1) return std::nullopt;
    return Message(N_("{0} is one option of a multiple-choice question: 1 (chosen) or 0 (not chosen), not {1}.")).Arg(id).Arg(FormatNumber(value));
  }
  const Scale* scale = variable.isImportance && item.importanceScale ? &*item.importanceScale : item.scale ? &*item.scale : nullptr;
  if (item.type == ItemType::kSingle && !item.codes.empty()) {
    for (const Code& c : item.codes)
      if (c.value == value) return std::nullopt;
    if (scale && scale->IsMissingCode(value)) return std::nullopt;
    std::string codes;
    for (const Code& c : item.codes) codes += (codes.empty() ? "" : ", ") + FormatNumber(c.value);
    return Message(N_("{0} is not a code of item {1}; its codes are {2}.")).Arg(FormatNumber(value)).Arg(id).Arg(codes);
  }
  if (item.type == ItemType::kRanking) {
    const double options = double(item.codes.size());
    if (value >= 1 && value <= options && value == std::floor(value)) return std::nullopt;
    return Message(N_("{0} is outside the ranks 1–{1} of item {2}.")).Arg(FormatNumber(value)).Arg(FormatNumber(options)).Arg(id);
  }
  if (scale) {
    if (scale->IsMissingCode(value)) return std::nullopt;
    if (value < scale->min || value > scale->max || value != std::floor(value))
      return Message(N_("{0} is outside the scale {1}–{2} of item {3} (whole numbers, or one of its missing codes)."))
          .Arg(FormatNumber(value)).Arg(FormatNumber(scale->min)).Arg(FormatNumber(scale->max)).Arg(id);
    return std::nullopt;
  }
  if (item.type == ItemType::kNumeric) {
    if ((item.min && value < *item.min) || (item.max && value > *item.max))
      return Message(N_("{0} is outside the bounds {1}–{2} of item {3}."))
          .Arg(FormatNumber(value)).Arg(item.min ? FormatNumber(*item.min) : std::string("−∞"))
          .Arg(item.max ? FormatNumber(*item.max) : std::string("∞")).Arg(id);
  }
  return std::nullopt;
}

Result<double> ParseAnswerText(const Variable& variable, const std::string& text) {
  const std::string_view trimmed = Trim(text);
  if (trimmed.empty()) return storage::kSystemMissing;
  if (auto n = ParseNumber(trimmed)) return *n;
  const Item& item = *variable.item;
  const std::string key = Lower(trimmed);
  for (const Code& c : item.codes) {
    if (!c.key.empty() && Lower(c.key) == key) return c.value;
    for (const auto& [lang, label] : c.label.byLang)
      if (Lower(label) == key) return c.value;
  }
  const Scale* scale = variable.isImportance && item.importanceScale ? &*item.importanceScale : item.scale ? &*item.scale : nullptr;
  if (scale)
    for (const MissingCode& m : scale->missing)
      for (const auto& [lang, label] : m.label.byLang)
        if (Lower(label) == key) return m.value;
  return Error{Message(N_("\"{0}\" is neither a number nor an answer of item {1}. Type a code or its label.")).Arg(std::string(trimmed)).Arg(variable.name)};
}

Result<int64_t> EditAnswer(storage::Project& project, int64_t responseId, const Variable& variable, int variableIndex, double value,
                           const std::string& actor) {
  if (auto problem = CheckAnswerValue(variable, value)) return Error{*problem};
  storage::Connection& db = project.Db();
  try {
    storage::Transaction tx(db);
    storage::Statement read(db, "SELECT answers FROM response WHERE id = ?1");
    read.Bind(1, responseId);
    if (!read.Step()) return Error{Message(N_("Response {0} no longer exists; it may have been removed by undoing its import.")).Arg(static_cast<long long>(responseId))};
    std::vector<double> values;
    if (!storage::DecodeAnswers(read.Blob(0), values))
      return Error{Message(N_("The answers of response {0} cannot be decoded. Run `manyi-cli check`.")).Arg(static_cast<long long>(responseId))};
    if (values.size() <= size_t(variableIndex)) values.resize(size_t(variableIndex) + 1, storage::kSystemMissing);
    const double old = values[size_t(variableIndex)];
    if ((storage::IsSystemMissing(old) && storage::IsSystemMissing(value)) || old == value) return int64_t(0);
    values[size_t(variableIndex)] = value;
    storage::Statement write(db, "UPDATE response SET answers = ?1 WHERE id = ?2");
    const std::string blob = storage::EncodeAnswers(values);
    write.BindBlob(1, blob.data(), blob.size()).Bind(2, responseId).Run();
    auto opt = [](double v) { return storage::IsSystemMissing(v) ? std::optional<std::string>() : std::optional<std::string>(ValueText(v)); };
    const int64_t audit = WriteAudit(db, responseId, variable.name, opt(old), opt(value), actor);
    tx.Commit();
    return audit;
  } catch (const storage::SqliteError& e) {
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
}

Result<int64_t> EditTextAnswer(storage::Project& project, int64_t responseId, const Variable& variable, int variableIndex,
                               const std::string& text, const std::string& actor) {
  if (!variable.isText) return Error{Message(N_("{0} is not a text answer.")).Arg(variable.name)};
  if (!IsValidUtf8(text)) return Error{Message(N_("The text for {0} is not valid UTF-8.")).Arg(variable.name)};
  storage::Connection& db = project.Db();
  try {
    storage::Transaction tx(db);
    storage::Statement exists(db, "SELECT 1 FROM response WHERE id = ?1");
    exists.Bind(1, responseId);
    if (!exists.Step()) return Error{Message(N_("Response {0} no longer exists; it may have been removed by undoing its import.")).Arg(static_cast<long long>(responseId))};
    storage::Statement read(db, "SELECT text FROM response_text WHERE response_id = ?1 AND variable = ?2");
    read.Bind(1, responseId).Bind(2, static_cast<int64_t>(variableIndex));
    std::optional<std::string> old;
    if (read.Step()) old = read.Text(0);
    const std::optional<std::string> now = text.empty() ? std::nullopt : std::optional<std::string>(text);
    if (old == now) return int64_t(0);
    if (now) {
      storage::Statement write(db, "INSERT INTO response_text(response_id, variable, text) VALUES (?1, ?2, ?3) "
                                   "ON CONFLICT(response_id, variable) DO UPDATE SET text = excluded.text");
      write.Bind(1, responseId).Bind(2, static_cast<int64_t>(variableIndex)).Bind(3, *now).Run();
    } else {
      storage::Statement del(db, "DELETE FROM response_text WHERE response_id = ?1 AND variable = ?2");
      del.Bind(1, responseId).Bind(2, static_cast<int64_t>(variableIndex)).Run();
    }
    const int64_t audit = WriteAudit(db, responseId, variable.name, old, now, actor);
    tx.Commit();
    return audit;
  } catch (const storage::SqliteError& e) {
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
}

std::vector<RejectedRow> LoadRejectedRows(storage::Project& project, int64_t importId) {
  std::vector<RejectedRow> rows;
  storage::Statement st(project.Db(), "SELECT r.import_id, r.source_row, r.reasons, r.raw, i.file_name FROM rejected_row r "
                                      "JOIN import i ON i.id = r.import_id WHERE i.undone_at IS NULL AND (?1 = 0 OR r.import_id = ?1) "
                                      "ORDER BY r.import_id, r.source_row");
  st.Bind(1, importId);
  while (st.Step()) {
    RejectedRow row;
    row.importId = st.Int(0);
    row.sourceRow = st.Int(1);
    row.fileName = st.Text(4);
    try {
      for (const json& reason : json::parse(st.Text(2))) {
        row.columns.push_back(reason.value("column", ""));
        row.values.push_back(reason.value("value", ""));
        row.kinds.push_back(reason.value("kind", ""));
        row.messages.push_back(import::RejectedReasonText(reason));
      }
      for (const json& cell : json::parse(st.Text(3))) row.raw.push_back(cell.is_string() ? cell.get<std::string>() : cell.dump());
    } catch (const json::exception&) {
      row.messages.push_back(st.Text(2));  // shown as stored rather than hidden
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace manyi::io

// RAII wrappers over the SQLite C API.
#include "storage/sqlite.h"

#include <sqlite3.h>

namespace manyi::storage {

Connection::Connection(const std::filesystem::path& file, OpenMode mode) {
  // Nothing reads SQLite's memory statistics; keeping them takes a global mutex on every
  // allocation (measurable in a bulk import). Only possible before SQLite initialises.
  static const int kNoMemStatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)kNoMemStatus;
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
  switch (mode) {
    case OpenMode::kReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case OpenMode::kReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case OpenMode::kCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  int rc = sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
    sqlite3_close(m_db);
    m_db = nullptr;
    throw SqliteError(rc, msg);
  }
  sqlite3_extended_result_codes(m_db, 1);
}

Connection::~Connection() {
  m_cache.clear();
  if (m_db) sqlite3_close_v2(m_db);
}

void Connection::Fail(int rc, std::string_view context) const {
  std::string msg = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
  if (!context.empty()) msg += " (" + std::string(context.substr(0, 200)) + ")";
  throw SqliteError(rc, msg);
}

void Connection::Exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errstr(rc);
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(m_db), msg);
  }
}

int64_t Connection::QueryInt(std::string_view sql) {
  Statement st(*this, sql);
  return st.Step() ? st.Int(0) : 0;
}

std::string Connection::QueryText(std::string_view sql) {
  Statement st(*this, sql);
  return st.Step() ? st.Text(0) : std::string();
}

Statement& Connection::Cached(const std::string& sql) {
  auto it = m_cache.find(sql);
  if (it == m_cache.end()) it = m_cache.emplace(sql, std::make_unique<Statement>(*this, sql)).first;
  it->second->Reset();
  return *it->second;
}

int64_t Connection::LastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Connection::Changes() const { return sqlite3_changes(m_db); }
void Connection::SetBusyTimeout(int milliseconds) { sqlite3_busy_timeout(m_db, milliseconds); }

Statement::Statement(Connection& db, std::string_view sql) : m_db(db) {
  int rc = sqlite3_prepare_v3(db.Handle(), sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
  if (rc != SQLITE_OK) db.Fail(rc, sql);
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::Bind(int index, std::nullptr_t) {
  if (int rc = sqlite3_bind_null(m_stmt, index); rc != SQLITE_OK) m_db.Fail(rc, "bind");
  return *this;
}
Statement& Statement::Bind(int index, int64_t value) {
  if (int rc = sqlite3_bind_int64(m_stmt, index, value); rc != SQLITE_OK) m_db.Fail(rc, "bind");
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  if (int rc = sqlite3_bind_double(m_stmt, index, value); rc != SQLITE_OK) m_db.Fail(rc, "bind");
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  if (int rc = sqlite3_bind_text64(m_stmt, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8); rc != SQLITE_OK)
    m_db.Fail(rc, "bind");
  return *this;
}
Statement& Statement::BindBlob(int index, const void* data, size_t size) {
  if (int rc = sqlite3_bind_blob64(m_stmt, index, data ? data : "", size, SQLITE_TRANSIENT); rc != SQLITE_OK)
    m_db.Fail(rc, "bind");
  return *this;
}

bool Statement::Step() {
  int rc = sqlite3_step(m_stmt);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(m_stmt);
  sqlite3_reset(m_stmt);
  m_db.Fail(rc, sql ? sql : "");
}

void Statement::Run() {
  while (Step()) {
  }
  Reset();
}

void Statement::Reset() {
  sqlite3_reset(m_stmt);
  sqlite3_clear_bindings(m_stmt);
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
int64_t Statement::Int(int col) const { return sqlite3_column_int64(m_stmt, col); }
double Statement::Double(int col) const { return sqlite3_column_double(m_stmt, col); }
std::string Statement::Text(int col) const { return std::string(TextView(col)); }
std::string_view Statement::TextView(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
}
std::string_view Statement::Blob(int col) const {
  const auto* p = static_cast<const char*>(sqlite3_column_blob(m_stmt, col));
  return p ? std::string_view(p, size_t(sqlite3_column_bytes(m_stmt, col))) : std::string_view();
}
std::optional<int64_t> Statement::OptInt(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
}
std::optional<double> Statement::OptDouble(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<double>(Double(col));
}
std::optional<std::string> Statement::OptText(int col) const {
  return IsNull(col) ? std::nullopt : std::optional<std::string>(Text(col));
}

Transaction::Transaction(Connection& db) : m_db(db) { m_db.Exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!m_done) {
    try {
      m_db.Exec("ROLLBACK");
    } catch (...) {
      // The transaction may already have been rolled back by SQLite (e.g. after SQLITE_FULL).
    }
  }
}

void Transaction::Commit() {
  m_db.Exec("COMMIT");
  m_done = true;
}

}  // namespace manyi::storage

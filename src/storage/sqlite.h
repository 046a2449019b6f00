// RAII wrappers over the SQLite C API: connection, prepared statement and transaction.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <memory>

struct sqlite3;
struct sqlite3_stmt;

namespace manyi::storage {

/// An SQLite failure: the result code and SQLite's own message. Callers at the edge turn the
/// codes a user can act on (busy, corrupt, not a database) into user messages.
class SqliteError : public std::runtime_error {
 public:
  SqliteError(int code, const std::string& what) : std::runtime_error(what), m_code(code) {}
  /// The primary result code (SQLITE_BUSY, SQLITE_CORRUPT, SQLITE_NOTADB, …).
  int Code() const { return m_code & 0xff; }
  int ExtendedCode() const { return m_code; }

 private:
  int m_code;
};

class Connection;

/// A prepared statement; reset and rebound for every use. Columns and parameters count from 0
/// for columns (as sqlite3_column_*) and from 1 for parameters (as sqlite3_bind_*).
class Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& Bind(int index, std::nullptr_t);
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
  Statement& Bind(int index, const std::string& text) { return Bind(index, std::string_view(text)); }
  Statement& BindBlob(int index, const void* data, size_t size);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : Bind(index, nullptr);
  }

  /// Advances to the next row; false when done.
  bool Step();
  /// Runs a statement that returns no rows, then resets it.
  void Run();
  void Reset();

  bool IsNull(int col) const;
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string Text(int col) const;
  std::string_view TextView(int col) const;
  std::string_view Blob(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::optional<double> OptDouble(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  Connection& m_db;
  sqlite3_stmt* m_stmt = nullptr;
};

/// How to open a database file.
enum class OpenMode {
  kReadOnly,        ///< never writes, never creates
  kReadWrite,       ///< the file must exist
  kCreate,          ///< creates the file when missing
};

/// One SQLite connection; closed on destruction.
class Connection {
 public:
  Connection(const std::filesystem::path& file, OpenMode mode);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// Runs one or more statements that return no rows.
  void Exec(std::string_view sql);
  /// The first column of the first row of a query, as an integer (0 when no row).
  int64_t QueryInt(std::string_view sql);
  std::string QueryText(std::string_view sql);
  /// A cached prepared statement for sql (reset, bindings cleared).
  Statement& Cached(const std::string& sql);
  int64_t LastInsertId() const;
  int Changes() const;
  void SetBusyTimeout(int milliseconds);

  sqlite3* Handle() const { return m_db; }
  /// Throws SqliteError for a failed result code rc.
  [[noreturn]] void Fail(int rc, std::string_view context) const;

 private:
  sqlite3* m_db = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> m_cache;
};

/// A transaction that rolls back unless Commit() is called (BEGIN IMMEDIATE: writers wait for
/// the write lock up front instead of failing half-way).
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void Commit();

 private:
  Connection& m_db;
  bool m_done = false;
};

}  // namespace manyi::storage

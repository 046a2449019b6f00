// Writing many responses in a row (an import's writing loop) without copying each row's texts
// and answers into SQLite first.
#pragma once

#include <cstdint>
#include <string_view>

#include "storage/project.h"

struct sqlite3_stmt;

namespace manyi::storage {

/// Project::AddResponse for a loop of a million rows: the statements are prepared once and the
/// record's texts and answer blob are bound without copies (SQLITE_STATIC), so the record and
/// blob need only outlive each Add(). Use inside the caller's transaction; same SQL, same result
/// as AddResponse.
class ResponseWriter {
 public:
  explicit ResponseWriter(Connection& db);
  ~ResponseWriter();
  ResponseWriter(const ResponseWriter&) = delete;
  ResponseWriter& operator=(const ResponseWriter&) = delete;
  /// Inserts the response (and its texts); returns its id. Throws SqliteError.
  int64_t Add(const ResponseRecord& response, std::string_view encodedAnswers);

 private:
  Connection& m_db;
  sqlite3_stmt* m_response = nullptr;
  sqlite3_stmt* m_text = nullptr;
};

}  // namespace manyi::storage

// A Manyi project file (.manyi): opening, creating and checking it, and the writes every part
// of the program shares (questionnaire versions, frame, responses).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/channel.h"
#include "core/error.h"
#include "storage/sqlite.h"

namespace manyi::storage {

/// Counts a person wants to see about a project (status bar, `manyi-cli check`, demo summary).
struct ProjectFacts {
  int schemaVersion = 0;
  std::string createdBy;
  std::string createdAt;
  std::string name;
  int64_t questionnaires = 0;
  int64_t waves = 0;
  int64_t customers = 0;
  int64_t responses = 0;
  int64_t imports = 0;
  std::map<Channel, int64_t> responsesByChannel;
};

/// One customer of the sample frame; the contact fields are personal data (own table).
struct Customer {
  std::string externalId;
  std::optional<std::string> region, industry, importanceClass, loyaltyClass;
  std::optional<double> value;
  std::optional<std::string> name, contactPerson, phone, email, address;
};

/// One response as it is stored: coded answers in questionnaire variable order.
struct ResponseRecord {
  int64_t questionnaireId = 0;
  std::optional<int64_t> waveId, customerId, operatorId, importId;
  std::string respondentKey;
  Channel channel = Channel::kOnline;
  bool partial = false;
  std::string submittedAt;
  std::vector<double> values;                        ///< NaN = not answered
  std::vector<std::pair<int, std::string>> texts;    ///< (variable index, text) of text answers
};

/// The result of an integrity check: problems found (empty = sound) and facts when readable.
struct CheckReport {
  std::vector<Message> problems;
  std::optional<ProjectFacts> facts;
  bool Ok() const { return problems.empty(); }
};

/// When Open reads every page of the file (PRAGMA quick_check).
enum class PageCheck {
  kNow,    ///< before Open returns: a damaged file is refused
  kLater,  ///< by the caller, with CheckPages on a thread of its own, so that a large project shows
           ///< at once (the check reads the whole file: 0.6 s per 100 MB). A file that needs a
           ///< schema upgrade is still checked before it is written.
};

/// The whole-file check of Open (PRAGMA quick_check) over a read-only connection of its own, for a
/// project opened with PageCheck::kLater; safe to run on another thread while the project is in
/// use. Returns the problem ("damaged", with what to do), or nothing when the pages are sound or
/// stop was set (which ends the check at once with SQLite 3.43 or later; before, at its end).
std::optional<Message> CheckPages(const std::filesystem::path& file, const std::atomic<bool>& stop);

/// An open project file. Every write happens in a transaction (storage::Transaction).
class Project {
 public:
  /// Creates a new project file; fails when the path exists.
  static Result<std::unique_ptr<Project>> Create(const std::filesystem::path& file, const std::string& name);
  /// Opens an existing project for reading and writing, upgrading an older schema step by step.
  /// A non-SQLite, truncated, damaged, locked or newer file is refused and left untouched.
  static Result<std::unique_ptr<Project>> Open(const std::filesystem::path& file, PageCheck pages = PageCheck::kNow);
  /// Opens an existing project for reading only (analyses, exports), without writing a byte.
  /// Checks the header, the Manyi marks and the schema, not every page: that whole-file check
  /// costs about as long as reading the file once, and SQLite still reports damage on any page
  /// it reads (LoadProjectData turns that into a clear UserError). `manyi-cli check` and Open
  /// check the whole file. A project in an older file format is opened with Open, which upgrades it.
  static Result<std::unique_ptr<Project>> OpenForReading(const std::filesystem::path& file);

  Connection& Db() { return *m_db; }
  const std::filesystem::path& Path() const { return m_path; }
  ProjectFacts Facts();

  /// Stores a questionnaire version; returns its id. variables: names in answer-blob order.
  int64_t AddQuestionnaire(const std::string& formKey, int version, const std::string& titleZh,
                           const std::string& titleEn, const std::string& definitionJson,
                           const std::vector<std::string>& variables);
  /// Variable names of a questionnaire version, in answer-blob order.
  std::vector<std::string> Variables(int64_t questionnaireId);
  int64_t AddWave(const std::string& name, int64_t questionnaireId, const std::string& startsOn, const std::string& endsOn);
  int64_t AddCustomer(const Customer& customer);
  /// The id of the operator called name, created when new.
  int64_t OperatorId(const std::string& name);
  int64_t AddResponse(const ResponseRecord& response);
  /// The same with the answers already packed by EncodeAnswers (an importer packs them on its
  /// reading thread); response.values is not looked at.
  int64_t AddResponse(const ResponseRecord& response, std::string_view encodedAnswers);
  /// Calls visit for every response of a questionnaire in id order (values decoded).
  void ForEachResponse(int64_t questionnaireId, const std::function<void(int64_t id, const ResponseRecord&)>& visit);

 private:
  Project(std::filesystem::path path, std::unique_ptr<Connection> db) : m_path(std::move(path)), m_db(std::move(db)) {}
  std::filesystem::path m_path;
  std::unique_ptr<Connection> m_db;
};

/// Checks a project file without changing a byte of it: the SQLite header (not SQLite, truncated),
/// locks held by another process, the Manyi marks and version, PRAGMA integrity_check and
/// foreign_key_check, and that every response's answers decode.
CheckReport CheckProjectFile(const std::filesystem::path& file);

/// Turns an SQLite failure on file into a message saying what happened and what to do.
Message DescribeSqliteError(const SqliteError& error, const std::filesystem::path& file);

}  // namespace manyi::storage

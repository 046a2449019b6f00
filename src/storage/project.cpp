// Opening, creating and checking project files, and the shared writes.
#include "storage/project.h"

#include <sqlite3.h>

#include <array>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/version.h"
#include "storage/response_codec.h"
#include "storage/response_writer.h"
#include "storage/schema.h"

namespace manyi::storage {

namespace fs = std::filesystem;

namespace {

constexpr int kBusyTimeoutMs = 1500;

std::string PathText(const fs::path& file) { return file.string(); }

uint32_t BigEndian32(const unsigned char* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }

/// Reads the 100-byte SQLite header (https://www.sqlite.org/fileformat.html §1.3) and refuses
/// files that are not SQLite databases or are shorter than the header says, before SQLite
/// itself touches them.
std::optional<Message> PreflightHeader(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec))
    return Message(N_("The project file {0} does not exist. Check the path, or create a project with `manyi-cli new`.")).Arg(PathText(file));
  if (!fs::is_regular_file(file, ec))
    return Message(N_("{0} is not a file. Give the path of a .manyi project file.")).Arg(PathText(file));
  const uintmax_t size = fs::file_size(file, ec);
  std::ifstream in(file, std::ios::binary);
  if (ec || !in)
    return Message(N_("Cannot read {0}: permission denied or the file is unavailable. Check the file's permissions.")).Arg(PathText(file));
  std::array<unsigned char, 100> h{};
  in.read(reinterpret_cast<char*>(h.data()), h.size());
  const size_t got = size_t(in.gcount());
  static const char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f', 'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  if (got < 16 || std::memcmp(h.data(), kMagic, 16) != 0)
    return Message(N_("{0} is not a Manyi project: it is not an SQLite database (the first bytes do not match). Choose a .manyi file created by Manyi."))
        .Arg(PathText(file));
  if (got < 100)
    return Message(N_("The project file {0} is truncated: it has {1} bytes, less than the 100-byte database header. Restore it from a backup."))
        .Arg(PathText(file)).Arg(static_cast<long long>(size));
  uint32_t pageSize = uint32_t(h[16]) << 8 | h[17];
  if (pageSize == 1) pageSize = 65536;
  const uint32_t changeCounter = BigEndian32(&h[24]), pageCount = BigEndian32(&h[28]), validFor = BigEndian32(&h[92]);
  if (pageSize < 512 || (pageSize & (pageSize - 1)) != 0)
    return Message(N_("The project file {0} is damaged: its header gives an impossible page size ({1}). Restore it from a backup."))
        .Arg(PathText(file)).Arg(static_cast<long long>(pageSize));
  // The in-header page count is valid only when the change counter matches (fileformat §1.3.9).
  // With a non-empty -wal file the database may legitimately be shorter than its header says (a
  // checkpoint interrupted by a crash): SQLite completes it from the WAL, so that is not truncation.
  std::error_code walEc;
  const fs::path wal = file.string() + "-wal";
  const bool walPending = fs::exists(wal, walEc) && fs::file_size(wal, walEc) > 0;
  if (!walPending && changeCounter == validFor && pageCount > 0 && uint64_t(pageCount) * pageSize > size)
    return Message(N_("The project file {0} is truncated: its header says {1} bytes but the file has only {2}. It was probably cut short while being copied; restore it from a backup or copy it again."))
        .Arg(PathText(file)).Arg(static_cast<long long>(uint64_t(pageCount) * pageSize)).Arg(static_cast<long long>(size));
  if (!walPending && size % pageSize != 0)
    return Message(N_("The project file {0} is truncated: its size ({1} bytes) is not a whole number of {2}-byte pages. Restore it from a backup or copy it again."))
        .Arg(PathText(file)).Arg(static_cast<long long>(size)).Arg(static_cast<long long>(pageSize));
  return std::nullopt;
}

/// Fails when another process holds the write lock (it is importing or editing right now).
void ProbeWriteLock(Connection& db) {
  db.Exec("BEGIN IMMEDIATE");
  db.Exec("ROLLBACK");
}

/// The Manyi marks: application id and a schema version this build can read.
std::optional<Message> CheckMarks(Connection& db, const fs::path& file) {
  const int64_t appId = db.QueryInt("PRAGMA application_id");
  const int64_t version = db.QueryInt("PRAGMA user_version");
  if (appId != kApplicationId) {
    return Message(N_("{0} is an SQLite database but not a Manyi project (it lacks Manyi's application id). Open a .manyi file created by Manyi, or create one with `manyi-cli new`."))
        .Arg(PathText(file));
  }
  if (version > SchemaVersion()) {
    std::string writer;
    try {
      writer = db.QueryText("SELECT value FROM meta WHERE key = 'schema_written_by'");
    } catch (const SqliteError&) {
    }
    if (writer.empty()) writer = "?";
    return Message(N_("{0} was written by Manyi {1} (file format {2}); this is Manyi {3}, which reads file formats up to {4}. Open it with Manyi {1} or newer."))
        .Arg(PathText(file)).Arg(writer).Arg(static_cast<long long>(version)).Arg(kVersion).Arg(SchemaVersion());
  }
  return std::nullopt;
}

void ConfigureForWriting(Connection& db) {
  db.Exec("PRAGMA foreign_keys = ON");
  db.Exec("PRAGMA journal_mode = WAL");
  db.Exec("PRAGMA synchronous = NORMAL");
}

Message DamagedMessage(const fs::path& file) {
  return Message(N_("The project file {0} is damaged. Run `manyi-cli check {0}` for details and restore it from a backup.")).Arg(PathText(file));
}

ProjectFacts ReadFacts(Connection& db) {
  ProjectFacts f;
  f.schemaVersion = int(db.QueryInt("PRAGMA user_version"));
  Statement meta(db, "SELECT key, value FROM meta");
  while (meta.Step()) {
    std::string k = meta.Text(0);
    if (k == "created_by") f.createdBy = meta.Text(1);
    else if (k == "created_at") f.createdAt = meta.Text(1);
    else if (k == "name") f.name = meta.Text(1);
  }
  f.questionnaires = db.QueryInt("SELECT count(*) FROM questionnaire");
  f.waves = db.QueryInt("SELECT count(*) FROM wave");
  f.customers = db.QueryInt("SELECT count(*) FROM customer");
  f.responses = db.QueryInt("SELECT count(*) FROM response");
  f.imports = db.QueryInt("SELECT count(*) FROM import WHERE undone_at IS NULL");
  Statement ch(db, "SELECT channel, count(*) FROM response GROUP BY channel");
  while (ch.Step())
    if (auto c = ParseChannel(ch.TextView(0))) f.responsesByChannel[*c] = ch.Int(1);
  return f;
}

}  // namespace

Message DescribeSqliteError(const SqliteError& error, const fs::path& file) {
  switch (error.Code()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Message(N_("The project file {0} is being written by another program (another Manyi window or an import). Wait for it to finish or close it there, then try again."))
          .Arg(PathText(file));
    case SQLITE_NOTADB:
      return Message(N_("{0} is not a Manyi project: it is not an SQLite database. Choose a .manyi file created by Manyi.")).Arg(PathText(file));
    case SQLITE_CORRUPT:
      return Message(N_("The project file {0} is damaged ({1}). Restore it from a backup; `manyi-cli check` lists what is wrong."))
          .Arg(PathText(file)).Arg(error.what());
    case SQLITE_CANTOPEN:
      return Message(N_("Cannot open {0}: the file or its folder cannot be accessed. Check the path and its permissions.")).Arg(PathText(file));
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Message(N_("Cannot write to {0}: the file or its folder is read-only. Copy the project somewhere you can write, or change the permissions."))
          .Arg(PathText(file));
    case SQLITE_FULL:
      return Message(N_("The disk holding {0} is full; nothing was changed. Free some space and try again.")).Arg(PathText(file));
    case SQLITE_IOERR:
      return Message(N_("Reading or writing {0} failed ({1}). Check the disk or network drive and try again."))
          .Arg(PathText(file)).Arg(error.what());
    default:
      return Message(N_("The project file {0} could not be used: {1}.")).Arg(PathText(file)).Arg(error.what());
  }
}

Result<std::unique_ptr<Project>> Project::Create(const fs::path& file, const std::string& name) {
  std::error_code ec;
  if (fs::exists(file, ec))
    return Error{Message(N_("{0} already exists; a new project never overwrites a file. Choose another name, or open the existing project.")).Arg(PathText(file))};
  try {
    auto db = std::make_unique<Connection>(file, OpenMode::kCreate);
    db->SetBusyTimeout(kBusyTimeoutMs);
    ConfigureForWriting(*db);
    db->Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    Migrate(*db, kVersion);
    Transaction tx(*db);
    Statement st(*db, "INSERT INTO meta(key, value) VALUES (?1, ?2)");
    for (auto [k, v] : {std::pair<std::string, std::string>{"name", name},
                        {"created_by", std::string(kProductName) + " " + kVersion},
                        {"created_at", NowIso8601()}}) {
      st.Bind(1, k).Bind(2, v).Run();
    }
    tx.Commit();
    return std::unique_ptr<Project>(new Project(file, std::move(db)));
  } catch (const SqliteError& e) {
    fs::remove(file, ec);
    return Error{DescribeSqliteError(e, file)};
  }
}

Result<std::unique_ptr<Project>> Project::Open(const fs::path& file, PageCheck pages) {
  if (auto problem = PreflightHeader(file)) return Error{*problem};
  try {
    auto db = std::make_unique<Connection>(file, OpenMode::kReadWrite);
    db->SetBusyTimeout(kBusyTimeoutMs);
    ProbeWriteLock(*db);
    if (auto problem = CheckMarks(*db, file)) return Error{*problem};
    // An upgrade writes: the pages are checked before, whatever the caller asked.
    const bool upgrade = db->QueryInt("PRAGMA user_version") < SchemaVersion();
    if ((pages == PageCheck::kNow || upgrade) && db->QueryText("PRAGMA quick_check(1)") != "ok") return Error{DamagedMessage(file)};
    // Reading the schema parses every CREATE statement: a damaged schema page fails here.
    db->QueryInt("SELECT count(*) FROM sqlite_schema");
    ConfigureForWriting(*db);
    Migrate(*db, kVersion);
    return std::unique_ptr<Project>(new Project(file, std::move(db)));
  } catch (const SqliteError& e) {
    return Error{DescribeSqliteError(e, file)};
  }
}

Result<std::unique_ptr<Project>> Project::OpenForReading(const fs::path& file) {
  if (auto problem = PreflightHeader(file)) return Error{*problem};
  try {
    auto db = std::make_unique<Connection>(file, OpenMode::kReadOnly);
    db->SetBusyTimeout(kBusyTimeoutMs);
    if (auto problem = CheckMarks(*db, file)) return Error{*problem};
    if (db->QueryInt("PRAGMA user_version") < SchemaVersion()) {
      db.reset();
      return Open(file);  // the upgrade writes
    }
    // Reading the schema parses every CREATE statement: a damaged schema page fails here.
    db->QueryInt("SELECT count(*) FROM sqlite_schema");
    return std::unique_ptr<Project>(new Project(file, std::move(db)));
  } catch (const SqliteError& e) {
    return Error{DescribeSqliteError(e, file)};
  }
}

std::optional<Message> CheckPages(const fs::path& file, const std::atomic<bool>& stop) {
  if (stop.load()) return std::nullopt;
  try {
    Connection db(file, OpenMode::kReadOnly);
    db.SetBusyTimeout(kBusyTimeoutMs);
    // A set stop interrupts the check (SQLITE_INTERRUPT). SQLite asks the progress handler inside
    // quick_check only from 3.43; with an older library a stop waits for the check to end.
    sqlite3_progress_handler(
        db.Handle(), 1000, [](void* flag) { return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0; },
        const_cast<std::atomic<bool>*>(&stop));
    const bool sound = db.QueryText("PRAGMA quick_check(1)") == "ok";
    sqlite3_progress_handler(db.Handle(), 0, nullptr, nullptr);
    if (!sound) return DamagedMessage(file);
    return std::nullopt;
  } catch (const SqliteError& e) {
    if (stop.load() || e.Code() == SQLITE_INTERRUPT) return std::nullopt;
    if (e.Code() == SQLITE_CORRUPT || e.Code() == SQLITE_NOTADB) return DamagedMessage(file);
    return DescribeSqliteError(e, file);
  }
}

ProjectFacts Project::Facts() { return ReadFacts(*m_db); }

int64_t Project::AddQuestionnaire(const std::string& formKey, int version, const std::string& titleZh,
                                  const std::string& titleEn, const std::string& definitionJson,
                                  const std::vector<std::string>& variables) {
  Statement st(*m_db,
               "INSERT INTO questionnaire(form_key, version, title_zh, title_en, definition, variables, created_at) "
               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.Bind(1, formKey).Bind(2, version).Bind(3, titleZh).Bind(4, titleEn).Bind(5, definitionJson)
      .Bind(6, nlohmann::json(variables).dump()).Bind(7, NowIso8601()).Run();
  return m_db->LastInsertId();
}

std::vector<std::string> Project::Variables(int64_t questionnaireId) {
  Statement st(*m_db, "SELECT variables FROM questionnaire WHERE id = ?1");
  st.Bind(1, questionnaireId);
  if (!st.Step()) return {};
  return nlohmann::json::parse(st.TextView(0)).get<std::vector<std::string>>();
}

int64_t Project::AddWave(const std::string& name, int64_t questionnaireId, const std::string& startsOn, const std::string& endsOn) {
  Statement st(*m_db, "INSERT INTO wave(name, questionnaire_id, starts_on, ends_on) VALUES (?1, ?2, ?3, ?4)");
  st.Bind(1, name).Bind(2, questionnaireId).Bind(3, startsOn).Bind(4, endsOn).Run();
  return m_db->LastInsertId();
}

int64_t Project::AddCustomer(const Customer& c) {
  Statement& st = m_db->Cached(
      "INSERT INTO customer(external_id, region, industry, importance_class, loyalty_class, value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  st.Bind(1, c.externalId).Bind(2, c.region).Bind(3, c.industry).Bind(4, c.importanceClass)
      .Bind(5, c.loyaltyClass).Bind(6, c.value).Run();
  const int64_t id = m_db->LastInsertId();
  if (c.name || c.contactPerson || c.phone || c.email || c.address) {
    Statement& ct = m_db->Cached(
        "INSERT INTO customer_contact(customer_id, name, contact_person, phone, email, address) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    ct.Bind(1, id).Bind(2, c.name).Bind(3, c.contactPerson).Bind(4, c.phone).Bind(5, c.email).Bind(6, c.address).Run();
  }
  return id;
}

int64_t Project::OperatorId(const std::string& name) {
  Statement& find = m_db->Cached("SELECT id FROM operator WHERE name = ?1");
  find.Bind(1, name);
  if (find.Step()) {
    int64_t id = find.Int(0);
    find.Reset();
    return id;
  }
  Statement& add = m_db->Cached("INSERT INTO operator(name) VALUES (?1)");
  add.Bind(1, name).Run();
  return m_db->LastInsertId();
}

int64_t Project::AddResponse(const ResponseRecord& r) {
  thread_local std::string blob;
  blob.clear();
  EncodeAnswers(r.values, blob);
  return AddResponse(r, blob);
}

namespace {
// OR FAIL rather than the default ABORT: for one row they do the same (the constraints are
// checked before anything is written), but ABORT makes SQLite open a statement journal for every
// row because the insert also updates indexes, which cost a tenth of a bulk import. The SQL is
// kept as a string once, not built again for the statement cache's lookup of every row.
const std::string kInsertResponse =
    "INSERT OR FAIL INTO response(questionnaire_id, wave_id, customer_id, respondent_key, channel, operator_id, import_id, "
    "status, submitted_at, answers) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
const std::string kInsertResponseText = "INSERT INTO response_text(response_id, variable, text) VALUES (?1, ?2, ?3)";
}  // namespace

int64_t Project::AddResponse(const ResponseRecord& r, std::string_view blob) {
  Statement& st = m_db->Cached(kInsertResponse);
  st.Bind(1, r.questionnaireId).Bind(2, r.waveId).Bind(3, r.customerId);
  if (r.respondentKey.empty()) st.Bind(4, nullptr); else st.Bind(4, r.respondentKey);
  st.Bind(5, ChannelKey(r.channel)).Bind(6, r.operatorId).Bind(7, r.importId)
      .Bind(8, r.partial ? "partial" : "complete");
  if (r.submittedAt.empty()) st.Bind(9, nullptr); else st.Bind(9, r.submittedAt);
  st.BindBlob(10, blob.data(), blob.size()).Run();
  const int64_t id = m_db->LastInsertId();
  if (!r.texts.empty()) {
    Statement& tt = m_db->Cached(kInsertResponseText);
    for (const auto& [var, text] : r.texts) tt.Bind(1, id).Bind(2, var).Bind(3, text).Run();
  }
  return id;
}

ResponseWriter::ResponseWriter(Connection& db) : m_db(db) {
  for (auto [sql, stmt] : {std::pair{&kInsertResponse, &m_response}, std::pair{&kInsertResponseText, &m_text}}) {
    const int rc = sqlite3_prepare_v3(db.Handle(), sql->data(), int(sql->size()), SQLITE_PREPARE_PERSISTENT, stmt, nullptr);
    if (rc != SQLITE_OK) {
      sqlite3_finalize(m_response);
      db.Fail(rc, *sql);
    }
  }
}

ResponseWriter::~ResponseWriter() {
  sqlite3_finalize(m_response);
  sqlite3_finalize(m_text);
}

int64_t ResponseWriter::Add(const ResponseRecord& r, std::string_view blob) {
  sqlite3_stmt* st = m_response;
  auto text = [&](sqlite3_stmt* s, int i, std::string_view v) {
    return v.empty() ? sqlite3_bind_null(s, i) : sqlite3_bind_text64(s, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
  };
  auto integer = [&](int i, const std::optional<int64_t>& v) { return v ? sqlite3_bind_int64(st, i, *v) : sqlite3_bind_null(st, i); };
  int rc = sqlite3_bind_int64(st, 1, r.questionnaireId);
  if (rc == SQLITE_OK) rc = integer(2, r.waveId);
  if (rc == SQLITE_OK) rc = integer(3, r.customerId);
  if (rc == SQLITE_OK) rc = text(st, 4, r.respondentKey);
  if (rc == SQLITE_OK) rc = text(st, 5, ChannelKey(r.channel));
  if (rc == SQLITE_OK) rc = integer(6, r.operatorId);
  if (rc == SQLITE_OK) rc = integer(7, r.importId);
  if (rc == SQLITE_OK) rc = text(st, 8, r.partial ? "partial" : "complete");
  if (rc == SQLITE_OK) rc = text(st, 9, r.submittedAt);
  if (rc == SQLITE_OK) rc = sqlite3_bind_blob64(st, 10, blob.data() ? blob.data() : "", blob.size(), SQLITE_STATIC);
  if (rc == SQLITE_OK) {
    const int stepped = sqlite3_step(st);
    rc = stepped == SQLITE_DONE ? SQLITE_OK : stepped;
  }
  // Reset at once: the bound bytes belong to the caller and may change after this call.
  sqlite3_reset(st);
  if (rc != SQLITE_OK) m_db.Fail(rc, kInsertResponse);
  const int64_t id = m_db.LastInsertId();
  for (const auto& [var, value] : r.texts) {
    rc = sqlite3_bind_int64(m_text, 1, id);
    if (rc == SQLITE_OK) rc = sqlite3_bind_int64(m_text, 2, var);
    if (rc == SQLITE_OK) rc = sqlite3_bind_text64(m_text, 3, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (rc == SQLITE_OK) {
      const int stepped = sqlite3_step(m_text);
      rc = stepped == SQLITE_DONE ? SQLITE_OK : stepped;
    }
    sqlite3_reset(m_text);
    if (rc != SQLITE_OK) m_db.Fail(rc, kInsertResponseText);
  }
  return id;
}

void Project::ForEachResponse(int64_t questionnaireId, const std::function<void(int64_t, const ResponseRecord&)>& visit) {
  Statement st(*m_db,
               "SELECT id, wave_id, customer_id, respondent_key, channel, operator_id, import_id, status, submitted_at, answers "
               "FROM response WHERE questionnaire_id = ?1 ORDER BY id");
  st.Bind(1, questionnaireId);
  Statement texts(*m_db, "SELECT variable, text FROM response_text WHERE response_id = ?1");
  ResponseRecord r;
  r.questionnaireId = questionnaireId;
  while (st.Step()) {
    const int64_t id = st.Int(0);
    r.waveId = st.OptInt(1);
    r.customerId = st.OptInt(2);
    r.respondentKey = st.Text(3);
    r.channel = ParseChannel(st.TextView(4)).value_or(Channel::kOnline);
    r.operatorId = st.OptInt(5);
    r.importId = st.OptInt(6);
    r.partial = st.TextView(7) == "partial";
    r.submittedAt = st.Text(8);
    DecodeAnswers(st.Blob(9), r.values);
    r.texts.clear();
    texts.Bind(1, id);
    while (texts.Step()) r.texts.emplace_back(int(texts.Int(0)), texts.Text(1));
    texts.Reset();
    visit(id, r);
  }
}

CheckReport CheckProjectFile(const fs::path& file) {
  CheckReport report;
  if (auto problem = PreflightHeader(file)) {
    report.problems.push_back(*problem);
    return report;
  }
  try {
    // Read-write without creating, so that the write-lock probe sees a busy writer; nothing is
    // written: the journal mode and schema are left exactly as they are.
    Connection db(file, OpenMode::kReadWrite);
    db.SetBusyTimeout(kBusyTimeoutMs);
    ProbeWriteLock(db);
    if (auto problem = CheckMarks(db, file)) {
      report.problems.push_back(*problem);
      return report;
    }
    Statement integrity(db, "PRAGMA integrity_check(20)");
    while (integrity.Step()) {
      std::string line = integrity.Text(0);
      if (line != "ok")
        report.problems.push_back(Message(N_("SQLite integrity check: {0}")).Arg(line));
    }
    if (!report.problems.empty()) return report;
    Statement fk(db, "PRAGMA foreign_key_check");
    while (fk.Step())
      report.problems.push_back(Message(N_("Row {0} of table {1} refers to a missing row of table {2}."))
                                    .Arg(static_cast<long long>(fk.Int(1))).Arg(fk.Text(0)).Arg(fk.Text(2)));
    // Every response's answers must decode to as many values as its questionnaire has variables.
    Statement q(db, "SELECT id, variables FROM questionnaire");
    std::map<int64_t, size_t> varCount;
    while (q.Step()) {
      try {
        varCount[q.Int(0)] = nlohmann::json::parse(q.TextView(1)).size();
      } catch (const nlohmann::json::exception&) {
        report.problems.push_back(Message(N_("Questionnaire {0} has an unreadable variable list.")).Arg(static_cast<long long>(q.Int(0))));
      }
    }
    Statement r(db, "SELECT id, questionnaire_id, answers FROM response");
    std::vector<double> values;
    size_t bad = 0;
    while (r.Step()) {
      auto it = varCount.find(r.Int(1));
      if (!DecodeAnswers(r.Blob(2), values) || (it != varCount.end() && values.size() != it->second)) {
        if (++bad <= 20)
          report.problems.push_back(Message(N_("Response {0} has answers that do not match its questionnaire.")).Arg(static_cast<long long>(r.Int(0))));
      }
    }
    if (bad > 20)
      report.problems.push_back(Message(N_("… and {0} more responses with the same problem.")).Arg(static_cast<long long>(bad - 20)));
    report.facts = ReadFacts(db);
  } catch (const SqliteError& e) {
    report.problems.push_back(DescribeSqliteError(e, file));
  }
  return report;
}

}  // namespace manyi::storage

// Tests of project files: creation, schema marks, refusal of bad files without changing them,
// and the integrity check.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/version.h"
#include "storage/project.h"
#include "storage/response_codec.h"
#include "storage/schema.h"
#include "test_helpers.h"

using namespace manyi;
using namespace manyi::storage;
using manyi::test::ReadBytes;
using manyi::test::TempDir;
using manyi::test::WriteBytes;

namespace {

/// A project with one questionnaire, a customer and `n` responses, closed again.
void MakeProject(const std::filesystem::path& file, int n = 50) {
  auto project = Project::Create(file, "test").TakeOrThrow();
  Transaction tx(project->Db());
  int64_t q = project->AddQuestionnaire("f", 1, "问卷", "Form", "{}", {"q1", "q2", "comment"});
  Customer c;
  c.externalId = "C1";
  c.region = "青岛";
  c.email = "a@example.com";
  int64_t cust = project->AddCustomer(c);
  for (int i = 0; i < n; ++i) {
    ResponseRecord r;
    r.questionnaireId = q;
    r.customerId = i == 0 ? std::optional<int64_t>(cust) : std::nullopt;
    r.channel = i % 2 ? Channel::kMail : Channel::kOnline;
    r.values = {double(i % 10 + 1), i % 7 ? 5.0 : kSystemMissing, kSystemMissing};
    if (i % 5 == 0) r.texts.emplace_back(2, "意见, \"quoted\"\nline");
    project->AddResponse(r);
  }
  tx.Commit();
}

std::string AllText(const std::vector<Message>& messages) {
  std::string s;
  for (const Message& m : messages) s += m.English() + "\n";
  return s;
}

}  // namespace

TEST(Project, CreateSetsMarksWalAndForeignKeys) {
  TempDir dir;
  auto project = Project::Create(dir / "p.manyi", "Survey 2026").TakeOrThrow();
  Connection& db = project->Db();
  EXPECT_EQ(db.QueryInt("PRAGMA application_id"), kApplicationId);
  EXPECT_EQ(db.QueryInt("PRAGMA user_version"), SchemaVersion());
  EXPECT_EQ(db.QueryText("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.QueryInt("PRAGMA foreign_keys"), 1);
  ProjectFacts f = project->Facts();
  EXPECT_EQ(f.name, "Survey 2026");
  EXPECT_EQ(f.createdBy, std::string("Manyi ") + kVersion);
}

TEST(Project, CreateNeverOverwritesAFile) {
  TempDir dir;
  WriteBytes(dir / "p.manyi", "precious");
  auto result = Project::Create(dir / "p.manyi", "x");
  ASSERT_FALSE(result.Ok());
  EXPECT_NE(result.GetError().English().find("already exists"), std::string::npos);
  EXPECT_EQ(ReadBytes(dir / "p.manyi"), "precious");
}

TEST(Project, ResponsesRoundTripWithTextsAndChannels) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 20);
  auto project = Project::Open(dir / "p.manyi").TakeOrThrow();
  ProjectFacts f = project->Facts();
  EXPECT_EQ(f.responses, 20);
  EXPECT_EQ(f.customers, 1);
  EXPECT_EQ(f.responsesByChannel[Channel::kMail], 10);
  EXPECT_EQ(f.responsesByChannel[Channel::kOnline], 10);
  int seen = 0;
  project->ForEachResponse(1, [&](int64_t id, const ResponseRecord& r) {
    ASSERT_EQ(r.values.size(), 3u);
    EXPECT_EQ(r.values[0], double(seen % 10 + 1));
    EXPECT_EQ(IsSystemMissing(r.values[1]), seen % 7 == 0);
    if (seen % 5 == 0) {
      ASSERT_EQ(r.texts.size(), 1u);
      EXPECT_EQ(r.texts[0].second, "意见, \"quoted\"\nline");
    } else {
      EXPECT_TRUE(r.texts.empty());
    }
    ++seen;
  });
  EXPECT_EQ(seen, 20);
  EXPECT_EQ(project->Variables(1), (std::vector<std::string>{"q1", "q2", "comment"}));
}

TEST(Project, ForeignKeysAreEnforced) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 1);
  auto project = Project::Open(dir / "p.manyi").TakeOrThrow();
  ResponseRecord r;
  r.questionnaireId = 999;  // no such questionnaire
  EXPECT_THROW(project->AddResponse(r), SqliteError);
}

TEST(Project, PersonalDataLivesInItsOwnTable) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 1);
  auto project = Project::Open(dir / "p.manyi").TakeOrThrow();
  EXPECT_EQ(project->Db().QueryText("SELECT email FROM customer_contact"), "a@example.com");
  Statement cols(project->Db(), "SELECT name FROM pragma_table_info('customer')");
  while (cols.Step()) {
    EXPECT_NE(cols.Text(0), "email");
    EXPECT_NE(cols.Text(0), "phone");
    EXPECT_NE(cols.Text(0), "name");
  }
}

TEST(Project, NewerFileIsRefusedNamingBothVersionsAndLeftUnchanged) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 3);
  {
    Connection db(dir / "p.manyi", OpenMode::kReadWrite);
    db.Exec("UPDATE meta SET value = 'Manyi 9.4.0' WHERE key = 'schema_written_by'");
    db.Exec("PRAGMA user_version = " + std::to_string(SchemaVersion() + 3));
  }
  const std::string before = ReadBytes(dir / "p.manyi");
  auto result = Project::Open(dir / "p.manyi");
  ASSERT_FALSE(result.Ok());
  const std::string text = result.GetError().English();
  EXPECT_NE(text.find("Manyi 9.4.0"), std::string::npos) << text;
  EXPECT_NE(text.find(std::string("this is Manyi ") + kVersion), std::string::npos) << text;
  EXPECT_NE(text.find("file format " + std::to_string(SchemaVersion() + 3)), std::string::npos) << text;
  EXPECT_EQ(ReadBytes(dir / "p.manyi"), before);
  CheckReport report = CheckProjectFile(dir / "p.manyi");
  EXPECT_FALSE(report.Ok());
  EXPECT_EQ(ReadBytes(dir / "p.manyi"), before);
}

TEST(Project, OlderFileIsMigratedStepByStep) {
  TempDir dir;
  {
    // A file as an earlier build would have left it before any step ran: marked, version 0.
    Connection db(dir / "old.manyi", OpenMode::kCreate);
    db.Exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    db.Exec("CREATE TABLE keep(x)");  // something of the user's that migration must not lose
    db.Exec("INSERT INTO keep VALUES (42)");
  }
  auto project = Project::Open(dir / "old.manyi").TakeOrThrow();
  EXPECT_EQ(project->Db().QueryInt("PRAGMA user_version"), SchemaVersion());
  EXPECT_EQ(project->Db().QueryInt("SELECT x FROM keep"), 42);
  EXPECT_EQ(project->Db().QueryText("SELECT value FROM meta WHERE key = 'schema_written_by'"), kVersion);
}

TEST(Check, SoundProjectPassesAndIsByteIdentical) {
  TempDir dir;
  MakeProject(dir / "p.manyi");
  const std::string before = ReadBytes(dir / "p.manyi");
  CheckReport report = CheckProjectFile(dir / "p.manyi");
  EXPECT_TRUE(report.Ok()) << AllText(report.problems);
  ASSERT_TRUE(report.facts.has_value());
  EXPECT_EQ(report.facts->responses, 50);
  EXPECT_EQ(ReadBytes(dir / "p.manyi"), before);
  EXPECT_FALSE(std::filesystem::exists(dir / "p.manyi-wal"));
}

TEST(Check, NonSqliteFileIsRefusedAndUnchanged) {
  TempDir dir;
  const std::string bytes = "customer_id,region\nC1,青岛\n";
  WriteBytes(dir / "x.manyi", bytes);
  CheckReport report = CheckProjectFile(dir / "x.manyi");
  ASSERT_EQ(report.problems.size(), 1u);
  EXPECT_NE(report.problems[0].English().find("not an SQLite database"), std::string::npos);
  EXPECT_EQ(ReadBytes(dir / "x.manyi"), bytes);
  auto open = Project::Open(dir / "x.manyi");
  EXPECT_FALSE(open.Ok());
  EXPECT_EQ(ReadBytes(dir / "x.manyi"), bytes);
}

TEST(Check, EmptyFileIsRefusedNotTurnedIntoAProject) {
  TempDir dir;
  WriteBytes(dir / "e.manyi", "");
  EXPECT_FALSE(Project::Open(dir / "e.manyi").Ok());
  EXPECT_FALSE(CheckProjectFile(dir / "e.manyi").Ok());
  EXPECT_EQ(std::filesystem::file_size(dir / "e.manyi"), 0u);
}

TEST(Check, TruncatedFileIsReportedAsTruncated) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 2000);
  std::string bytes = ReadBytes(dir / "p.manyi");
  ASSERT_GT(bytes.size(), 8192u);
  for (size_t cut : {bytes.size() / 2, size_t(4096 + 100), size_t(60)}) {
    WriteBytes(dir / "t.manyi", bytes.substr(0, cut));
    const std::string before = ReadBytes(dir / "t.manyi");
    CheckReport report = CheckProjectFile(dir / "t.manyi");
    ASSERT_FALSE(report.Ok()) << cut;
    EXPECT_NE(AllText(report.problems).find("truncated"), std::string::npos) << AllText(report.problems);
    EXPECT_FALSE(Project::Open(dir / "t.manyi").Ok());
    EXPECT_EQ(ReadBytes(dir / "t.manyi"), before);
  }
}

TEST(Check, CorruptPagesAreReportedAndTheFileIsUnchanged) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 3000);
  std::string bytes = ReadBytes(dir / "p.manyi");
  const size_t page = 4096;
  ASSERT_GT(bytes.size(), 10 * page);
  // Overwrite the middle of several b-tree pages (not the header page) with garbage.
  for (size_t p = 2; p < bytes.size() / page; p += 3)
    for (size_t i = 0; i < 64; ++i) bytes[p * page + 8 + i] = char(0xA5 ^ i);
  WriteBytes(dir / "c.manyi", bytes);
  CheckReport report = CheckProjectFile(dir / "c.manyi");
  EXPECT_FALSE(report.Ok());
  EXPECT_EQ(ReadBytes(dir / "c.manyi"), bytes);
  EXPECT_FALSE(Project::Open(dir / "c.manyi").Ok());
  EXPECT_EQ(ReadBytes(dir / "c.manyi"), bytes);
}

TEST(Check, SqliteFileOfAnotherProgramIsNotAProject) {
  TempDir dir;
  { Connection db(dir / "other.db", OpenMode::kCreate); db.Exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)"); }
  const std::string before = ReadBytes(dir / "other.db");
  CheckReport report = CheckProjectFile(dir / "other.db");
  ASSERT_FALSE(report.Ok());
  EXPECT_NE(AllText(report.problems).find("not a Manyi project"), std::string::npos);
  EXPECT_FALSE(Project::Open(dir / "other.db").Ok());
  EXPECT_EQ(ReadBytes(dir / "other.db"), before);
}

TEST(Check, FileBeingWrittenByAnotherProcessIsReported) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 10);
  int ready[2], release[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(release), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The other process: holds a write transaction until told to stop.
    try {
      Connection db(dir / "p.manyi", OpenMode::kReadWrite);
      db.Exec("BEGIN IMMEDIATE");
      db.Exec("INSERT INTO operator(name) VALUES ('other process')");
      char c = 1;
      (void)!write(ready[1], &c, 1);
      (void)!read(release[0], &c, 1);
      db.Exec("ROLLBACK");
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  char c;
  ASSERT_EQ(read(ready[0], &c, 1), 1);
  CheckReport report = CheckProjectFile(dir / "p.manyi");
  auto open = Project::Open(dir / "p.manyi");
  c = 1;
  (void)!write(release[1], &c, 1);
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  ASSERT_FALSE(report.Ok());
  EXPECT_NE(AllText(report.problems).find("being written by another program"), std::string::npos) << AllText(report.problems);
  ASSERT_FALSE(open.Ok());
  EXPECT_NE(open.GetError().English().find("being written by another program"), std::string::npos);
  // Once the other process is done the file opens normally and its rolled-back row is absent.
  auto later = Project::Open(dir / "p.manyi").TakeOrThrow();
  EXPECT_EQ(later->Db().QueryInt("SELECT count(*) FROM operator WHERE name = 'other process'"), 0);
}

TEST(Check, ResponsesThatDoNotMatchTheirQuestionnaireAreReported) {
  TempDir dir;
  MakeProject(dir / "p.manyi", 5);
  {
    Connection db(dir / "p.manyi", OpenMode::kReadWrite);
    db.Exec("UPDATE response SET answers = x'0203' WHERE id = 2");  // two values, three variables
  }
  CheckReport report = CheckProjectFile(dir / "p.manyi");
  ASSERT_EQ(report.problems.size(), 1u) << AllText(report.problems);
  EXPECT_NE(report.problems[0].English().find("Response 2"), std::string::npos);
}

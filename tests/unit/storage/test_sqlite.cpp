// Tests of the RAII SQLite wrappers: statements, cached statements and transactions.
#include <gtest/gtest.h>

#include "storage/sqlite.h"
#include "test_helpers.h"

using namespace manyi::storage;

TEST(Sqlite, TransactionRollsBackUnlessCommitted) {
  manyi::test::TempDir dir;
  Connection db(dir / "t.db", OpenMode::kCreate);
  db.Exec("CREATE TABLE t(x INTEGER)");
  {
    Transaction tx(db);
    db.Exec("INSERT INTO t VALUES (1)");
  }
  EXPECT_EQ(db.QueryInt("SELECT count(*) FROM t"), 0);
  {
    Transaction tx(db);
    db.Exec("INSERT INTO t VALUES (2)");
    tx.Commit();
  }
  EXPECT_EQ(db.QueryInt("SELECT sum(x) FROM t"), 2);
}

TEST(Sqlite, TransactionRollsBackWhenAnExceptionUnwinds) {
  manyi::test::TempDir dir;
  Connection db(dir / "t.db", OpenMode::kCreate);
  db.Exec("CREATE TABLE t(x INTEGER NOT NULL)");
  try {
    Transaction tx(db);
    db.Exec("INSERT INTO t VALUES (1)");
    db.Exec("INSERT INTO t VALUES (NULL)");  // violates NOT NULL
    tx.Commit();
    FAIL() << "the constraint violation did not throw";
  } catch (const SqliteError& e) {
    EXPECT_EQ(e.Code(), 19);  // SQLITE_CONSTRAINT
  }
  EXPECT_EQ(db.QueryInt("SELECT count(*) FROM t"), 0);
}

TEST(Sqlite, StatementsBindAndReadEveryType) {
  manyi::test::TempDir dir;
  Connection db(dir / "t.db", OpenMode::kCreate);
  db.Exec("CREATE TABLE t(i INTEGER, d REAL, s TEXT, b BLOB, n TEXT)");
  Statement ins(db, "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)");
  const std::string blob("\0\x01\xF0", 3);
  ins.Bind(1, int64_t{1} << 40).Bind(2, 0.1).Bind(3, "青岛").BindBlob(4, blob.data(), blob.size()).Bind(5, nullptr).Run();
  Statement sel(db, "SELECT i, d, s, b, n FROM t");
  ASSERT_TRUE(sel.Step());
  EXPECT_EQ(sel.Int(0), int64_t{1} << 40);
  EXPECT_EQ(sel.Double(1), 0.1);
  EXPECT_EQ(sel.Text(2), "青岛");
  EXPECT_EQ(sel.Blob(3), blob);
  EXPECT_EQ(sel.OptText(4), std::nullopt);
  EXPECT_FALSE(sel.Step());
}

TEST(Sqlite, CachedStatementsAreReusedAndReset) {
  manyi::test::TempDir dir;
  Connection db(dir / "t.db", OpenMode::kCreate);
  db.Exec("CREATE TABLE t(x INTEGER)");
  for (int i = 1; i <= 3; ++i) db.Cached("INSERT INTO t VALUES (?1)").Bind(1, i).Run();
  Statement& a = db.Cached("SELECT x FROM t ORDER BY x");
  ASSERT_TRUE(a.Step());
  EXPECT_EQ(a.Int(0), 1);
  Statement& b = db.Cached("SELECT x FROM t ORDER BY x");  // same object, reset to the start
  EXPECT_EQ(&a, &b);
  ASSERT_TRUE(b.Step());
  EXPECT_EQ(b.Int(0), 1);
}

TEST(Sqlite, BadSqlThrowsWithSqlitesMessage) {
  manyi::test::TempDir dir;
  Connection db(dir / "t.db", OpenMode::kCreate);
  try {
    Statement st(db, "SELEC 1");
    FAIL();
  } catch (const SqliteError& e) {
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
}

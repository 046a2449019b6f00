// Tests of the streaming CSV reader on the layouts survey tools write.
#include <gtest/gtest.h>

#include "core/error.h"
#include "io/csv_reader.h"
#include "../storage/test_helpers.h"

using manyi::io::CsvReader;

namespace {
std::vector<std::vector<std::string>> ReadAll(const std::string& bytes, char delim = ',') {
  manyi::test::TempDir dir;
  manyi::test::WriteBytes(dir / "f.csv", bytes);
  CsvReader reader(dir / "f.csv", delim);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string_view> f;
  while (reader.Next(f)) rows.emplace_back(f.begin(), f.end());
  return rows;
}
using Rows = std::vector<std::vector<std::string>>;
}  // namespace

TEST(CsvReader, ReadsQuotedDelimitersQuotesAndNewlines) {
  Rows rows = ReadAll("id,comment\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,\r\n");
  EXPECT_EQ(rows, (Rows{{"id", "comment"}, {"1", "a, \"b\"\r\nc"}, {"2", ""}}));
}

TEST(CsvReader, SkipsUtf8BomAndHandlesLastLineWithoutNewline) {
  Rows rows = ReadAll("\xEF\xBB\xBFq1;q2\n1;满意");
  EXPECT_EQ(ReadAll("\xEF\xBB\xBFq1;q2\n1;满意", ';'), (Rows{{"q1", "q2"}, {"1", "满意"}}));
  EXPECT_EQ(rows[0][0], "q1;q2");
}

TEST(CsvReader, KeepsTrailingEmptyFieldsAndTabs) {
  EXPECT_EQ(ReadAll("a\tb\t\n", '\t'), (Rows{{"a", "b", ""}}));
  EXPECT_EQ(ReadAll("V1,V2,\n"), (Rows{{"V1", "V2", ""}}));
}

TEST(CsvReader, ReportsAnUnterminatedQuoteWithItsLine) {
  manyi::test::TempDir dir;
  manyi::test::WriteBytes(dir / "f.csv", "a,b\n1,2\n3,\"never\nends\n");
  CsvReader reader(dir / "f.csv");
  std::vector<std::string_view> f;
  ASSERT_TRUE(reader.Next(f));
  ASSERT_TRUE(reader.Next(f));
  try {
    reader.Next(f);
    FAIL() << "no error for an unterminated quote";
  } catch (const manyi::UserError& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST(CsvReader, ReadsRecordsLongerThanItsBuffer) {
  std::string big(3 << 20, 'x');
  Rows rows = ReadAll("h\n\"" + big + "\"\nend\n");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0].size(), big.size());
  EXPECT_EQ(rows[2][0], "end");
}

TEST(CsvReader, MissingFileIsAUserError) {
  EXPECT_THROW(CsvReader("/nonexistent/x.csv"), manyi::UserError);
}

// Tests of the text helpers and of SHA-256 (test vectors from FIPS 180-2 appendix B).
#include <gtest/gtest.h>

#include <clocale>
#include <cmath>

#include "core/sha256.h"
#include "core/text.h"

TEST(Sha256, MatchesPublishedTestVectors) {
  manyi::Sha256 abc;
  abc.Update("abc");
  EXPECT_EQ(abc.HexDigest(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  manyi::Sha256 two;
  two.Update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  EXPECT_EQ(two.HexDigest(), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  manyi::Sha256 empty;
  EXPECT_EQ(empty.HexDigest(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  manyi::Sha256 million;  // one million 'a', fed in uneven pieces
  std::string chunk(997, 'a');
  size_t left = 1000000;
  while (left) {
    size_t n = std::min(left, chunk.size());
    million.Update(chunk.data(), n);
    left -= n;
  }
  EXPECT_EQ(million.HexDigest(), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Utf8, AcceptsWellFormedAndRejectsMalformedText) {
  EXPECT_TRUE(manyi::IsValidUtf8("满意 survey ✓"));
  EXPECT_FALSE(manyi::IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(manyi::IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(manyi::IsValidUtf8("caf\xE9"));           // Windows-1252 é
  EXPECT_FALSE(manyi::IsValidUtf8("\xE6\xBB"));          // truncated
}

TEST(Numbers, ParseInTheCLocaleWhateverTheProcessLocale) {
  std::setlocale(LC_NUMERIC, "de_DE.UTF-8");  // may not exist; from_chars ignores it anyway
  EXPECT_EQ(manyi::ParseNumber(" 3.5 "), 3.5);
  EXPECT_EQ(manyi::ParseNumber("+7"), 7.0);
  EXPECT_EQ(manyi::ParseNumber("-2e3"), -2000.0);
  EXPECT_EQ(manyi::ParseNumber("3,5"), std::nullopt);
  EXPECT_EQ(manyi::ParseNumber(""), std::nullopt);
  EXPECT_EQ(manyi::ParseNumber("nan"), std::nullopt);
  EXPECT_EQ(manyi::ParseNumber("7 days"), std::nullopt);
  std::setlocale(LC_NUMERIC, "C");
}

TEST(Text, MeasuresChineseAsDoubleWidth) {
  EXPECT_EQ(manyi::DisplayWidth("abc"), 3u);
  EXPECT_EQ(manyi::DisplayWidth("青岛"), 4u);
  EXPECT_EQ(manyi::Trim("  x y \r\n"), "x y");
}

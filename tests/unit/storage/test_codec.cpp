// Tests of the packed answer encoding: exact round trips and rejection of malformed blobs.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "storage/response_codec.h"

using namespace manyi::storage;

TEST(Codec, SmallIntegersTakeOneByte) {
  std::vector<double> v{1, 10, 0, -3, 99, 223, -16};
  EXPECT_EQ(EncodeAnswers(v).size(), v.size());
}

TEST(Codec, RoundTripsEveryKindOfValueExactly) {
  std::vector<double> in{1, kSystemMissing, -17, 224, 1e9, -2147483648.0, 2147483648.0, 0.1, -0.0, 1234567.89, 3.5e300};
  std::string blob = EncodeAnswers(in);
  std::vector<double> out;
  ASSERT_TRUE(DecodeAnswers(blob, out));
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (std::isnan(in[i])) {
      EXPECT_TRUE(std::isnan(out[i])) << i;
    } else {
      EXPECT_EQ(out[i], in[i]) << i;
      EXPECT_EQ(std::signbit(out[i]), std::signbit(in[i])) << i;
    }
    auto one = DecodeAnswer(blob, i);
    ASSERT_TRUE(one.has_value());
    if (!std::isnan(in[i])) {
      EXPECT_EQ(*one, in[i]);
    }
  }
  EXPECT_EQ(DecodeAnswer(blob, in.size()), std::nullopt);
}

TEST(Codec, RandomValuesRoundTrip) {
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> u(-1e6, 1e6);
  std::vector<double> in, out;
  for (int i = 0; i < 10000; ++i) in.push_back(i % 3 == 0 ? std::floor(u(rng)) : i % 3 == 1 ? u(rng) : double(i % 300 - 20));
  ASSERT_TRUE(DecodeAnswers(EncodeAnswers(in), out));
  EXPECT_EQ(out, in);
}

TEST(Codec, RejectsTruncatedAndUnknownTags) {
  std::vector<double> out;
  std::string blob = EncodeAnswers(std::vector<double>{0.25});
  EXPECT_FALSE(DecodeAnswers(blob.substr(0, blob.size() - 1), out));
  EXPECT_FALSE(DecodeAnswers(std::string(1, '\xF7'), out));
  EXPECT_TRUE(DecodeAnswers("", out));
  EXPECT_TRUE(out.empty());
}

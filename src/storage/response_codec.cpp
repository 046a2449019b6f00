// The packed answer encoding of response.answers (see response_codec.h for the layout).
#include "storage/response_codec.h"

#include <cstdint>
#include <cstring>

namespace manyi::storage {

namespace {
constexpr unsigned char kMissing = 0xF0, kInt32 = 0xF1, kDouble = 0xF2;
constexpr int kSmallBias = 16, kSmallMax = 0xEF - kSmallBias;  // −16…223
}  // namespace

void EncodeAnswers(const std::vector<double>& values, std::string& out) {
  out.reserve(out.size() + values.size());
  for (double v : values) {
    if (std::isnan(v)) {
      out.push_back(char(kMissing));
      continue;
    }
    // A small value is an integer when it survives the trip through int (cheaper than floor, and
    // this runs for every answer of an import).
    if (v >= -kSmallBias && v <= kSmallMax && double(int(v)) == v && !(v == 0 && std::signbit(v))) {
      out.push_back(char(int(v) + kSmallBias));
    } else if (v >= INT32_MIN && v <= INT32_MAX && v == std::floor(v) && !(v == 0 && std::signbit(v))) {
      int32_t i = int32_t(v);
      out.push_back(char(kInt32));
      out.append(reinterpret_cast<const char*>(&i), 4);  // little-endian hosts only (x86, ARM)
    } else {
      out.push_back(char(kDouble));
      out.append(reinterpret_cast<const char*>(&v), 8);
    }
  }
}

std::string EncodeAnswers(const std::vector<double>& values) {
  std::string out;
  out.reserve(values.size() + 8);
  EncodeAnswers(values, out);
  return out;
}

bool DecodeAnswers(std::string_view blob, std::vector<double>& values) {
  values.clear();
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  const auto* end = p + blob.size();
  while (p < end) {
    unsigned char b = *p++;
    if (b < kMissing) {
      values.push_back(double(int(b) - kSmallBias));
    } else if (b == kMissing) {
      values.push_back(kSystemMissing);
    } else if (b == kInt32) {
      if (end - p < 4) return false;
      int32_t i;
      std::memcpy(&i, p, 4);
      p += 4;
      values.push_back(double(i));
    } else if (b == kDouble) {
      if (end - p < 8) return false;
      double d;
      std::memcpy(&d, p, 8);
      p += 8;
      values.push_back(d);
    } else {
      return false;
    }
  }
  return true;
}

std::optional<double> DecodeAnswer(std::string_view blob, size_t index) {
  const auto* p = reinterpret_cast<const unsigned char*>(blob.data());
  const auto* end = p + blob.size();
  for (size_t i = 0; p < end; ++i) {
    unsigned char b = *p++;
    size_t extra = b == kInt32 ? 4 : b == kDouble ? 8 : 0;
    if (b > kDouble || size_t(end - p) < extra) return std::nullopt;
    if (i == index) {
      if (b < kMissing) return double(int(b) - kSmallBias);
      if (b == kMissing) return kSystemMissing;
      if (b == kInt32) {
        int32_t v;
        std::memcpy(&v, p, 4);
        return double(v);
      }
      double d;
      std::memcpy(&d, p, 8);
      return d;
    }
    p += extra;
  }
  return std::nullopt;
}

}  // namespace manyi::storage

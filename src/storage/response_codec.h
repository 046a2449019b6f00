// Packs a response's coded answers into one compact blob (and back), the storage layout of
// response.answers. Small integers — the bulk of survey answers — take one byte each.
#pragma once

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manyi::storage {

/// The value of an unanswered variable (system missing). User missing codes such as "don't
/// know" are ordinary codes that the questionnaire declares as missing.
inline constexpr double kSystemMissing = std::numeric_limits<double>::quiet_NaN();
inline bool IsSystemMissing(double v) { return std::isnan(v); }

/// Appends the encoding of values to out. Layout per value: a byte b < 0xF0 is the integer
/// b − 16 (−16…223); 0xF0 = missing; 0xF1 + 4 bytes = int32 (little-endian); 0xF2 + 8 bytes =
/// IEEE double. Doubles round-trip exactly.
void EncodeAnswers(const std::vector<double>& values, std::string& out);
std::string EncodeAnswers(const std::vector<double>& values);

/// Decodes a blob into values (cleared first). Returns false when the blob is malformed.
bool DecodeAnswers(std::string_view blob, std::vector<double>& values);

/// Decodes only variable `index` (nullopt when the blob is malformed or too short).
std::optional<double> DecodeAnswer(std::string_view blob, size_t index);

}  // namespace manyi::storage

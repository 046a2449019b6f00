// Small text helpers shared by the libraries: UTF-8 checks, trimming, locale-independent numbers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manyi {

/// True when text is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
/// Removes ASCII white space at both ends.
std::string_view Trim(std::string_view text);
/// Parses a number in the C locale ("3.5", "-2", "1e3"); nullopt unless the whole text is one.
std::optional<double> ParseNumber(std::string_view text);
/// Formats a number in the C locale with up to `digits` significant digits, no trailing zeros.
std::string FormatNumber(double value, int digits = 15);
/// The display width of UTF-8 text in a terminal (CJK wide characters count 2).
size_t DisplayWidth(std::string_view text);
/// The code points of UTF-8 text (no validation: check IsValidUtf8 first where it matters).
std::u32string DecodeUtf8(std::string_view text);
/// UTF-8 of code points.
std::string EncodeUtf8(std::u32string_view codePoints);
/// A text as a spreadsheet may show it without running it: one starting with = + - @ tab or CR
/// gets a leading ' (as LimeSurvey does against CSV formula injection).
std::string NeutraliseFormula(std::string text);
/// One CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
std::string CsvField(std::string_view text);
/// A CSV record of fields, ended by CRLF.
std::string CsvLine(const std::vector<std::string>& fields);
/// Text cut to at most maxBytes bytes without splitting a UTF-8 character.
std::string_view TruncateUtf8(std::string_view text, size_t maxBytes);

}  // namespace manyi

namespace manyi {
/// The current time as ISO 8601 UTC ("2026-11-23T18:00:00Z"); $MANYI_FIXED_TIME replaces it so
/// that golden outputs are byte-stable.
std::string NowIso8601();
}  // namespace manyi

// Character encodings of the text files survey tools export: detecting UTF-8 (with or without a
// BOM), UTF-16, GB18030/GBK and Windows-1252, and converting them to UTF-8 with glibc's iconv.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace manyi::io {

/// The encodings Manyi recognises in delimited text files.
enum class TextEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030, kWindows1252 };

/// The name shown to people and stored with an import ("UTF-8", "GB18030", "windows-1252"…).
const char* EncodingName(TextEncoding encoding);
/// Parses a name as given on the command line ("utf-8", "gbk", "gb18030", "cp1252", "utf-16").
std::optional<TextEncoding> ParseEncodingName(std::string_view name);

/// Guesses the encoding of the first bytes of a file. `complete` says the sample is the whole
/// file (otherwise a multi-byte character cut at the end of the sample is not held against UTF-8).
/// Order: BOM; UTF-16 by the zero bytes of ASCII text; valid UTF-8; GB18030 when the non-ASCII
/// bytes pair up as GB 2312 characters; otherwise Windows-1252 (which decodes any byte).
TextEncoding DetectEncoding(std::string_view sample, bool complete);

/// Reads the first 4 MiB of a file and guesses its encoding.
Result<TextEncoding> DetectFileEncoding(const std::filesystem::path& file);

/// The delimiter of delimited text (',' ';' or '\t'): the one most frequent outside quotes in the
/// first line of a UTF-8 sample (',' when none occurs).
char DetectDelimiter(std::string_view utf8Sample);

/// Converts bytes of one encoding to UTF-8 piece by piece (a character split across two pieces is
/// carried over). Bytes that are not valid in the encoding become U+FFFD and are counted.
class Utf8Converter {
 public:
  explicit Utf8Converter(TextEncoding from);
  ~Utf8Converter();
  Utf8Converter(const Utf8Converter&) = delete;
  Utf8Converter& operator=(const Utf8Converter&) = delete;
  /// Appends the UTF-8 of in (after any bytes carried over) to out.
  void Feed(std::string_view in, std::string& out);
  /// Ends the input; an incomplete last character becomes U+FFFD.
  void Finish(std::string& out);
  /// How many bytes could not be decoded.
  uint64_t Replaced() const { return m_replaced; }

 private:
  void Convert(std::string& out, bool final);
  TextEncoding m_from;
  void* m_cd = nullptr;  // iconv_t
  std::string m_pending;
  uint64_t m_replaced = 0;
  bool m_first = true;
};

/// Converts a whole file to UTF-8 in `to` (streaming, fixed memory); the BOM is dropped.
/// Returns the number of undecodable bytes replaced by U+FFFD, or an error naming the file.
Result<uint64_t> ConvertFileToUtf8(const std::filesystem::path& from, TextEncoding encoding, const std::filesystem::path& to);

}  // namespace manyi::io

// Encoding detection and conversion to UTF-8 (glibc iconv).
#include "io/encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "core/text.h"

namespace manyi::io {

namespace {

constexpr size_t kSampleSize = 4u << 20;
constexpr size_t kChunk = 1u << 16;
constexpr char kUtf8Replacement[] = "\xEF\xBF\xBD";      // U+FFFD

const char* IconvName(TextEncoding e) {
  switch (e) {
    case TextEncoding::kUtf16Le: return "UTF-16LE";
    case TextEncoding::kUtf16Be: return "UTF-16BE";
    case TextEncoding::kGb18030: return "GB18030";
    case TextEncoding::kWindows1252: return "CP1252";
    default: return "UTF-8";
  }
}

/// Drops up to three trailing bytes that start a UTF-8 character the sample cut short.
std::string_view WithoutCutCharacter(std::string_view s) {
  for (size_t back = 1; back <= 3 && back <= s.size(); ++back) {
    const auto c = static_cast<unsigned char>(s[s.size() - back]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: keep looking for the lead
    if (c >= 0xC0) {
      const size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      if (need > back) return s.substr(0, s.size() - back);
    }
    break;
  }
  return s;
}

/// Whether the non-ASCII bytes read as GB18030 with mostly GB 2312 (common Chinese) characters.
bool LooksLikeGb18030(std::string_view s, bool complete) {
  size_t gb2312 = 0, other = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  for (size_t i = 0; i < n;) {
    const unsigned char c = p[i];
    if (c < 0x80) { ++i; continue; }
    if (c == 0x80 || c == 0xFF) return false;
    if (i + 1 >= n) return !complete && gb2312 > 0;
    const unsigned char d = p[i + 1];
    if (d >= 0x30 && d <= 0x39) {  // four-byte sequence
      if (i + 3 >= n) return !complete && gb2312 > 0;
      if (p[i + 2] < 0x81 || p[i + 2] > 0xFE || p[i + 3] < 0x30 || p[i + 3] > 0x39) return false;
      ++other;
      i += 4;
      continue;
    }
    if (d < 0x40 || d == 0x7F || d == 0xFF) return false;
    if (c >= 0xA1 && d >= 0xA1) ++gb2312; else ++other;
    i += 2;
  }
  return gb2312 >= 2 && gb2312 >= 4 * other;
}

}  // namespace

const char* EncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kUtf8: return "UTF-8";
    case TextEncoding::kUtf8Bom: return "UTF-8 (BOM)";
    case TextEncoding::kUtf16Le: return "UTF-16LE";
    case TextEncoding::kUtf16Be: return "UTF-16BE";
    case TextEncoding::kGb18030: return "GB18030";
    case TextEncoding::kWindows1252: return "windows-1252";
  }
  return "UTF-8";
}

std::optional<TextEncoding> ParseEncodingName(std::string_view name) {
  std::string n;
  for (char c : name)
    if (c != '-' && c != '_' && c != ' ') n.push_back(char(std::tolower(static_cast<unsigned char>(c))));
  if (n == "utf8") return TextEncoding::kUtf8;
  if (n == "utf8bom" || n == "utf8sig") return TextEncoding::kUtf8Bom;
  if (n == "utf16" || n == "utf16le") return TextEncoding::kUtf16Le;
  if (n == "utf16be") return TextEncoding::kUtf16Be;
  if (n == "gbk" || n == "gb2312" || n == "gb18030" || n == "cp936") return TextEncoding::kGb18030;
  if (n == "cp1252" || n == "windows1252" || n == "latin1" || n == "iso88591") return TextEncoding::kWindows1252;
  return std::nullopt;
}

TextEncoding DetectEncoding(std::string_view s, bool complete) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") return TextEncoding::kUtf8Bom;
  if (s.size() >= 2 && s.substr(0, 2) == "\xFF\xFE") return TextEncoding::kUtf16Le;
  if (s.size() >= 2 && s.substr(0, 2) == "\xFE\xFF") return TextEncoding::kUtf16Be;
  // UTF-16 without a BOM: ASCII characters leave every other byte zero.
  size_t zeroEven = 0, zeroOdd = 0;
  const size_t probe = std::min<size_t>(s.size(), 4096);
  for (size_t i = 0; i < probe; ++i)
    if (s[i] == '\0') (i % 2 ? zeroOdd : zeroEven)++;
  if (probe >= 4) {
    if (zeroOdd * 3 > probe / 2 && zeroEven * 20 < probe / 2) return TextEncoding::kUtf16Le;
    if (zeroEven * 3 > probe / 2 && zeroOdd * 20 < probe / 2) return TextEncoding::kUtf16Be;
  }
  if (IsValidUtf8(complete ? s : WithoutCutCharacter(s))) return TextEncoding::kUtf8;
  if (LooksLikeGb18030(s, complete)) return TextEncoding::kGb18030;
  return TextEncoding::kWindows1252;
}

Result<TextEncoding> DetectFileEncoding(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return Error{Message(N_("Cannot open {0} for reading: {1}. Check the path and the file's permissions."))
                     .Arg(file.string()).Arg(std::strerror(errno))};
  std::string sample(kSampleSize, '\0');
  in.read(sample.data(), std::streamsize(sample.size()));
  sample.resize(size_t(in.gcount()));
  const bool complete = in.eof();
  return DetectEncoding(sample, complete);
}

char DetectDelimiter(std::string_view s) {
  size_t comma = 0, semicolon = 0, tab = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') quoted = !quoted;
    else if (!quoted && (c == '\n' || c == '\r')) break;
    else if (!quoted && c == ',') ++comma;
    else if (!quoted && c == ';') ++semicolon;
    else if (!quoted && c == '\t') ++tab;
  }
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma) return ';';
  return ',';
}

Utf8Converter::Utf8Converter(TextEncoding from) : m_from(from) {
  iconv_t cd = iconv_open("UTF-8", IconvName(from));
  if (cd == reinterpret_cast<iconv_t>(-1))
    throw std::runtime_error(std::string("iconv cannot convert from ") + IconvName(from));
  m_cd = cd;
}

Utf8Converter::~Utf8Converter() { iconv_close(static_cast<iconv_t>(m_cd)); }

void Utf8Converter::Feed(std::string_view in, std::string& out) {
  m_pending.append(in);
  Convert(out, false);
}

void Utf8Converter::Finish(std::string& out) { Convert(out, true); }

void Utf8Converter::Convert(std::string& out, bool final) {
  const size_t unit = (m_from == TextEncoding::kUtf16Le || m_from == TextEncoding::kUtf16Be) ? 2 : 1;
  char* inPtr = m_pending.data();
  size_t inLeft = m_pending.size();
  const size_t startSize = out.size();
  while (inLeft > 0) {
    const size_t before = out.size();
    out.resize(before + inLeft * 4 + 16);
    char* outPtr = out.data() + before;
    size_t outLeft = out.size() - before;
    const size_t rc = iconv(static_cast<iconv_t>(m_cd), &inPtr, &inLeft, &outPtr, &outLeft);
    out.resize(size_t(outPtr - out.data()));
    if (rc != size_t(-1)) break;
    if (errno == E2BIG) continue;
    if (errno == EINVAL && !final) break;  // a character continues in the next piece
    // An invalid (or, at the end, incomplete) sequence: one replacement character per unit.
    const size_t skip = std::min(unit, inLeft);
    inPtr += skip;
    inLeft -= skip;
    out.append(kUtf8Replacement);
    ++m_replaced;
  }
  m_pending.erase(0, m_pending.size() - inLeft);
  if (m_first && out.size() > startSize) {
    m_first = false;
    if (out.compare(startSize, 3, "\xEF\xBB\xBF") == 0) out.erase(startSize, 3);
  }
}

Result<uint64_t> ConvertFileToUtf8(const std::filesystem::path& from, TextEncoding encoding, const std::filesystem::path& to) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(from.c_str(), "rb"), &std::fclose);
  if (!in)
    return Error{Message(N_("Cannot open {0} for reading: {1}. Check the path and the file's permissions."))
                     .Arg(from.string()).Arg(std::strerror(errno))};
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(to.c_str(), "wb"), &std::fclose);
  if (!out)
    return Error{Message(N_("Cannot write the temporary file {0}: {1}. Check that the temporary folder is writable."))
                     .Arg(to.string()).Arg(std::strerror(errno))};
  Utf8Converter conv(encoding);
  std::vector<char> buf(kChunk);
  std::string converted;
  bool ok = true;
  for (;;) {
    const size_t got = std::fread(buf.data(), 1, buf.size(), in.get());
    converted.clear();
    if (got == 0) conv.Finish(converted);
    else conv.Feed(std::string_view(buf.data(), got), converted);
    if (!converted.empty() && std::fwrite(converted.data(), 1, converted.size(), out.get()) != converted.size()) ok = false;
    if (got == 0 || !ok) break;
  }
  if (std::ferror(in.get()))
    return Error{Message(N_("Reading {0} failed: {1}. Check the disk and try again.")).Arg(from.string()).Arg(std::strerror(errno))};
  if (!ok || std::fflush(out.get()) != 0)
    return Error{Message(N_("Cannot write the temporary file {0}: {1}. Free some disk space and try again."))
                     .Arg(to.string()).Arg(std::strerror(errno))};
  return conv.Replaced();
}

}  // namespace manyi::io

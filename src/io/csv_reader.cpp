// The streaming delimited-text reader.
#include "io/csv_reader.h"

#include <cstring>

namespace manyi::io {

namespace {
constexpr size_t kBufferSize = 1 << 20;
}

CsvReader::CsvReader(const std::filesystem::path& file, char delimiter) : m_path(file), m_delim(delimiter) {
  m_file = std::fopen(file.c_str(), "rb");
  if (!m_file)
    throw UserError(Message(N_("Cannot open {0} for reading: {1}. Check the path and the file's permissions."))
                        .Arg(file.string()).Arg(std::strerror(errno)));
  m_buf.resize(kBufferSize);
}

CsvReader::~CsvReader() {
  if (m_file) std::fclose(m_file);
}

bool CsvReader::Fill() {
  if (m_eof) return false;
  m_end = std::fread(m_buf.data(), 1, m_buf.size(), m_file);
  m_pos = 0;
  if (m_end == 0) {
    m_eof = true;
    return false;
  }
  return true;
}

bool CsvReader::Next(std::vector<std::string_view>& fields) {
  fields.clear();
  m_record.clear();
  m_bounds.clear();
  if (m_pos >= m_end && !Fill()) return false;
  if (m_first) {
    m_first = false;
    if (m_end - m_pos >= 3 && std::memcmp(m_buf.data() + m_pos, "\xEF\xBB\xBF", 3) == 0) {
      m_pos += 3;
      m_consumed += 3;
    }
  }
  m_recordLine = m_line;
  ++m_recordNumber;
  enum { kStart, kUnquoted, kQuoted, kQuoteInQuoted } state = kStart;
  size_t fieldStart = 0;
  // The text between delimiters, quotes and line ends is copied a stretch at a time, not byte by byte.
  for (;;) {
    if (m_pos >= m_end && !Fill()) break;
    const char* const begin = m_buf.data() + m_pos;
    const char* const end = m_buf.data() + m_end;
    switch (state) {
      case kStart:
        if (*begin == '"') {
          ++m_pos;
          ++m_consumed;
          state = kQuoted;
          break;
        }
        state = kUnquoted;
        [[fallthrough]];
      case kUnquoted: {
        const char* q = begin;
        while (q < end && *q != m_delim && *q != '\n' && *q != '\r') ++q;
        m_record.append(begin, size_t(q - begin));
        m_pos += size_t(q - begin);
        m_consumed += uint64_t(q - begin);
        if (q == end) break;  // the buffer ends inside the field: refill and go on
        const char c = *q;
        ++m_pos;
        ++m_consumed;
        if (c == m_delim) {
          m_bounds.push_back(fieldStart);
          m_bounds.push_back(m_record.size());
          fieldStart = m_record.size();
          state = kStart;
          break;
        }
        if (c == '\r') {
          if (m_pos >= m_end) Fill();
          if (m_pos < m_end && m_buf[m_pos] == '\n') {
            ++m_pos;
            ++m_consumed;
          }
        }
        ++m_line;
        goto done;
      }
      case kQuoted: {
        const char* q = begin;
        while (q < end && *q != '"' && *q != '\n') ++q;
        m_record.append(begin, size_t(q - begin));
        m_pos += size_t(q - begin);
        m_consumed += uint64_t(q - begin);
        if (q == end) break;
        ++m_pos;
        ++m_consumed;
        if (*q == '\n') {
          ++m_line;
          m_record.push_back('\n');
        } else {
          state = kQuoteInQuoted;
        }
        break;
      }
      case kQuoteInQuoted:
        if (*begin == '"') {  // a doubled quote is one quote
          m_record.push_back('"');
          ++m_pos;
          ++m_consumed;
          state = kQuoted;
        } else {
          // The closing quote: what follows belongs to the field unquoted (lenient, as Excel).
          state = kUnquoted;
        }
        break;
    }
  }
  if (state == kQuoted)
    throw UserError(Message(N_("{0}, line {1}: a quoted field starts here and never ends. The file is probably truncated or has an unbalanced quote; fix it or export it again."))
                        .Arg(m_path.string()).Arg(static_cast<long long>(m_recordLine)));
done:
  m_bounds.push_back(fieldStart);
  m_bounds.push_back(m_record.size());
  for (size_t i = 0; i < m_bounds.size(); i += 2)
    fields.emplace_back(m_record.data() + m_bounds[i], m_bounds[i + 1] - m_bounds[i]);
  return true;
}

}  // namespace manyi::io

// Deferred translatable messages: formatting and the process-wide translator.
#include "core/message.h"

#include <charconv>

namespace manyi {

namespace {
Translator& CurrentTranslator() {
  static Translator translator;
  return translator;
}
std::string& LanguageSlot() {
  static std::string language = "en";
  return language;
}
}  // namespace

const std::string& CurrentLanguage() { return LanguageSlot(); }
void SetCurrentLanguage(std::string language) { LanguageSlot() = std::move(language); }

void SetTranslator(Translator translator) { CurrentTranslator() = std::move(translator); }

std::string Translate(std::string_view msgid) {
  const Translator& t = CurrentTranslator();
  if (!t || msgid.empty()) return std::string(msgid);
  return t(msgid);
}

Message& Message::Arg(std::string_view value) {
  m_args.push_back({std::string(value), {}});
  return *this;
}

Message& Message::Arg(long long value) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  m_args.push_back({std::string(buf, end), {}});
  return *this;
}

Message& Message::Arg(const Message& nested) {
  m_args.push_back({std::string(), {nested}});
  return *this;
}

std::string Message::Text() const { return Render(true); }
std::string Message::English() const { return Render(false); }

std::string Message::Render(bool translate) const {
  std::vector<std::string> args;
  args.reserve(m_args.size());
  for (const Argument& a : m_args) {
    if (!a.nested.empty())
      args.push_back(translate ? a.nested.front().Text() : a.nested.front().English());
    else
      args.push_back(a.text);
  }
  return FormatPlaceholders(translate ? Translate(m_id) : m_id, args);
}

std::string FormatPlaceholders(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 16 * args.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (c == '}' && i + 1 < pattern.size() && pattern[i + 1] == '}') {
      out += '}';
      ++i;
    } else if (c == '{') {
      size_t close = pattern.find('}', i);
      unsigned index = 0;
      auto [p, ec] = std::from_chars(pattern.data() + i + 1, pattern.data() + (close == std::string_view::npos ? i + 1 : close), index);
      if (close != std::string_view::npos && ec == std::errc() && p == pattern.data() + close && index < args.size()) {
        out += args[index];
        i = close;
      } else {
        out += c;  // not a placeholder we know: keep it visible rather than drop it
      }
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace manyi

// Deferred translatable messages: an English msgid and its arguments, translated at the edge.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

/// Marks a string literal for extraction into locale/manyi.pot without translating it here
/// (wxWidgets defines the same macro; either definition does the same).
#ifndef N_
#define N_(s) s
#endif

namespace manyi {

/// The function that turns an msgid into the user's language. The CLI installs one backed by
/// MoCatalog, the GUI one backed by wxTranslations; by default messages stay in English.
using Translator = std::function<std::string(std::string_view msgid)>;

/// Installs the process-wide translator (not thread-safe: call once at start-up).
void SetTranslator(Translator translator);

/// The language messages are translated into ("en" or "zh_CN"); set with the translator, so
/// that data labels (code lists in zh and en) follow the interface language.
const std::string& CurrentLanguage();
/// Records the language of the installed translator (the GUI calls it when it switches).
void SetCurrentLanguage(std::string language);

/// Translates an msgid with the installed translator (returns it unchanged when none is set).
std::string Translate(std::string_view msgid);

/// A message whose text is chosen later: msgid with `{0}`, `{1}`… placeholders, and arguments.
/// Arguments that are themselves messages are translated with the outer message.
class Message {
 public:
  Message() = default;
  /// msgid must be a literal wrapped in N_() so that xgettext finds it.
  explicit Message(const char* msgid) : m_id(msgid) {}

  /// Appends a plain-text argument (file names, values: never translated).
  Message& Arg(std::string_view value);
  Message& Arg(const char* value) { return Arg(std::string_view(value)); }
  Message& Arg(const std::string& value) { return Arg(std::string_view(value)); }
  Message& Arg(long long value);
  Message& Arg(int value) { return Arg(static_cast<long long>(value)); }
  Message& Arg(long value) { return Arg(static_cast<long long>(value)); }
  Message& Arg(unsigned long value) { return Arg(static_cast<long long>(value)); }
  Message& Arg(unsigned value) { return Arg(static_cast<long long>(value)); }
  /// Appends a message argument, translated together with this one.
  Message& Arg(const Message& nested);

  /// The untranslated msgid.
  const std::string& Id() const { return m_id; }
  bool Empty() const { return m_id.empty(); }

  /// The text in the user's language (via the installed translator), arguments substituted.
  std::string Text() const;
  /// The text in English, arguments substituted (for logs and the audit trail).
  std::string English() const;

 private:
  struct Argument {
    std::string text;
    std::vector<Message> nested;  // empty or one element
  };
  std::string Render(bool translate) const;

  std::string m_id;
  std::vector<Argument> m_args;
};

/// Substitutes `{0}`, `{1}`… in pattern; `{{` and `}}` are literal braces.
std::string FormatPlaceholders(std::string_view pattern, const std::vector<std::string>& args);

}  // namespace manyi

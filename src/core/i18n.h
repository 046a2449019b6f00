// Language selection and a reader for gettext .mo catalogues, used by the CLI and core tests.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace manyi {

/// The languages Manyi ships, as gettext locale names.
inline constexpr const char* kLanguageEnglish = "en";
inline constexpr const char* kLanguageChinese = "zh_CN";

/// The gettext domain of every Manyi catalogue (manyi.mo).
inline constexpr const char* kTextDomain = "manyi";

/// The user's language from LANGUAGE, LC_ALL, LC_MESSAGES and LANG (in that order, as gettext
/// does): "zh_CN" for any Chinese setting, otherwise "en". MANYI_LANG overrides all of them.
std::string DetectLanguage();

/// Maps a locale name ("zh_CN.UTF-8", "zh", "en_GB") to a shipped language, or nullopt.
std::optional<std::string> NormaliseLanguage(std::string_view locale);

/// A compiled gettext catalogue (.mo). Parsing is ours rather than glibc's so that translations
/// work even when the system has no zh_CN locale generated.
class MoCatalog {
 public:
  /// Loads a .mo file; returns false (catalogue left empty) when it is missing or malformed.
  bool Load(const std::filesystem::path& file);
  /// The translation of msgid, or msgid itself when the catalogue has none.
  std::string_view Lookup(std::string_view msgid) const;
  size_t Size() const { return m_entries.size(); }

 private:
  std::string m_data;  // the file's bytes; entries point into it
  std::unordered_map<std::string_view, std::string_view> m_entries;
};

/// Loads <localeDir>/<language>/LC_MESSAGES/manyi.mo and installs it as the process translator.
/// Returns false when the catalogue is not found (messages then stay in English).
bool InstallCatalogTranslator(const std::filesystem::path& localeDir, const std::string& language);

}  // namespace manyi

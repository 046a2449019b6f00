// The user interface language: the stored View ▸ Language choice, and switching the whole
// program (wx strings and the core's deferred messages) to a language through wxTranslations.
#pragma once

#include <string>

namespace manyi::gui {

/// The wxConfig key holding the language override ("" = follow the system, "en", "zh_CN").
inline constexpr const char* kLanguageConfigKey = "/Interface/Language";

/// The stored language override: "" (follow the system), "en" or "zh_CN".
std::string StoredLanguageOverride();

/// Stores the language override ("" = follow the system) and flushes the configuration.
void StoreLanguageOverride(const std::string& language);

/// The language to use now: the stored override, else the system's (manyi::DetectLanguage()).
std::string ChosenLanguage();

/// Makes the C library's character type UTF-8 (C.UTF-8 when the environment's is not) and its
/// numbers "C". wx converts narrow strings with LC_CTYPE, so without this any non-ASCII literal
/// or file name turns empty on a system whose locale is "C" or not generated. ApplyLanguage calls it.
void UseUtf8Locale();

/// Makes `language` ("en" or "zh_CN") the language of the whole program: installs a new
/// wxTranslations with Manyi's catalogue (and wx's own, when installed) looked up in LocaleDir(),
/// and a core translator backed by it, so that `_()` and manyi::Message::Text() agree.
/// It needs no system locale for the language (wxLocale is not used); see UseUtf8Locale().
/// Returns false when language has no catalogue (texts then stay in English).
bool ApplyLanguage(const std::string& language);

/// The language last passed to ApplyLanguage ("en" before any call).
std::string CurrentLanguage();

}  // namespace manyi::gui

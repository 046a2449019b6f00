// Language set-up with wxTranslations, after Poedit's SetupLanguage(): catalogues are found by
// path, so Chinese works on a system without a zh_CN locale.
#include "gui/language.h"

#include <wx/config.h>
#include <wx/intl.h>
#include <wx/translation.h>

#include <langinfo.h>

#include <clocale>
#include <cstring>

#include "core/i18n.h"
#include "core/message.h"
#include "core/paths.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {
std::string& Current() {
  static std::string language = kLanguageEnglish;
  return language;
}
}  // namespace

std::string StoredLanguageOverride() {
  wxConfigBase* config = wxConfigBase::Get();
  if (!config) return {};
  const std::string stored = ToUtf8(config->Read(kLanguageConfigKey, wxString()));
  // Anything we do not ship (a hand-edited file, a language dropped later) means "system".
  if (stored == kLanguageEnglish || stored == kLanguageChinese) return stored;
  return {};
}

void StoreLanguageOverride(const std::string& language) {
  wxConfigBase* config = wxConfigBase::Get();
  if (!config) return;
  config->Write(kLanguageConfigKey, ToWx(language));
  config->Flush();
}

std::string ChosenLanguage() {
  std::string stored = StoredLanguageOverride();
  return stored.empty() ? DetectLanguage() : stored;
}

void UseUtf8Locale() {
  // wx converts every narrow string (including _("…") literals) with the C library's LC_CTYPE;
  // under "C" — or a zh_CN.UTF-8 that is not generated — non-ASCII text would come out empty.
  // Manyi's text is UTF-8 everywhere, so the character type is UTF-8 whatever the environment.
  const char* codeset = nl_langinfo(CODESET);
  if (!codeset || std::strcmp(codeset, "UTF-8") != 0) {
    if (!std::setlocale(LC_CTYPE, "C.UTF-8")) std::setlocale(LC_CTYPE, "en_US.UTF-8");
  }
  // GTK sets the whole locale from the environment at start-up; data I/O needs C numbers.
  std::setlocale(LC_NUMERIC, "C");
}

bool ApplyLanguage(const std::string& language) {
  UseUtf8Locale();
  static bool pathAdded = false;
  if (!pathAdded) {
    wxFileTranslationsLoader::AddCatalogLookupPathPrefix(FromPath(LocaleDir()));
    pathAdded = true;
  }
  const bool english = language != kLanguageChinese;
  auto* translations = new wxTranslations();
  translations->SetLanguage(ToWx(english ? kLanguageEnglish : kLanguageChinese));
  translations->AddStdCatalog();  // wx's own strings, if the wx catalogues are installed
  // msgids are English: for English there is nothing to load.
  const bool loaded = english || translations->AddCatalog(kTextDomain, wxLANGUAGE_ENGLISH_US);
  wxTranslations::Set(translations);  // deletes the previous one
  Current() = english ? kLanguageEnglish : kLanguageChinese;
  SetCurrentLanguage(Current());  // code-list labels and report texts follow the interface

  // The core's deferred messages go through the same catalogue as the GUI's _().
  SetTranslator([](std::string_view msgid) {
    return ToUtf8(wxGetTranslation(ToWx(msgid), wxString::FromAscii(kTextDomain)));
  });
  return loaded;
}

std::string CurrentLanguage() { return Current(); }

}  // namespace manyi::gui

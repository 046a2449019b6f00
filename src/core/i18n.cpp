// Language selection and the .mo catalogue reader (format: GNU gettext manual, "MO Files").
#include "core/i18n.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>

#include "core/message.h"

namespace manyi {

std::optional<std::string> NormaliseLanguage(std::string_view locale) {
  if (locale.empty() || locale == "C" || locale == "POSIX" || locale.starts_with("C.")) return std::nullopt;
  if (locale.starts_with("zh")) return std::string(kLanguageChinese);
  if (locale.starts_with("en")) return std::string(kLanguageEnglish);
  return std::string(kLanguageEnglish);
}

std::string DetectLanguage() {
  if (const char* forced = std::getenv("MANYI_LANG"); forced && *forced)
    if (auto lang = NormaliseLanguage(forced)) return *lang;
  // gettext consults LANGUAGE only when the locale is not "C"; we follow the usual order but
  // accept LANGUAGE's first entry too, since minimal systems often have no locales generated.
  for (const char* var : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(var);
    if (!value || !*value) continue;
    auto lang = NormaliseLanguage(value);
    if (!lang) return kLanguageEnglish;  // "C" set explicitly
    if (const char* language = std::getenv("LANGUAGE"); language && *language) {
      std::string_view first(language);
      first = first.substr(0, first.find(':'));
      if (auto l = NormaliseLanguage(first)) return *l;
    }
    return *lang;
  }
  return kLanguageEnglish;
}

namespace {
uint32_t ReadU32(const std::string& data, size_t offset, bool swap) {
  uint32_t v;
  std::memcpy(&v, data.data() + offset, 4);
  if (swap) v = __builtin_bswap32(v);
  return v;
}
}  // namespace

bool MoCatalog::Load(const std::filesystem::path& file) {
  m_entries.clear();
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  m_data = ss.str();
  if (m_data.size() < 28) return false;
  uint32_t magic;
  std::memcpy(&magic, m_data.data(), 4);
  bool swap;
  if (magic == 0x950412deu) swap = false;
  else if (magic == 0xde120495u) swap = true;
  else return false;
  const uint32_t count = ReadU32(m_data, 8, swap);
  const uint32_t origTable = ReadU32(m_data, 12, swap);
  const uint32_t transTable = ReadU32(m_data, 16, swap);
  if (uint64_t(origTable) + 8ull * count > m_data.size() || uint64_t(transTable) + 8ull * count > m_data.size())
    return false;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t olen = ReadU32(m_data, origTable + 8 * i, swap), ooff = ReadU32(m_data, origTable + 8 * i + 4, swap);
    uint32_t tlen = ReadU32(m_data, transTable + 8 * i, swap), toff = ReadU32(m_data, transTable + 8 * i + 4, swap);
    if (uint64_t(ooff) + olen > m_data.size() || uint64_t(toff) + tlen > m_data.size()) {
      m_entries.clear();
      return false;
    }
    std::string_view orig(m_data.data() + ooff, olen);
    std::string_view trans(m_data.data() + toff, tlen);
    // Plural entries hold "singular\0plural"; we key on the singular and keep the first form.
    orig = orig.substr(0, orig.find('\0'));
    trans = trans.substr(0, trans.find('\0'));
    if (orig.empty() || trans.empty()) continue;  // the header entry, or untranslated
    m_entries.emplace(orig, trans);
  }
  return true;
}

std::string_view MoCatalog::Lookup(std::string_view msgid) const {
  auto it = m_entries.find(msgid);
  return it == m_entries.end() ? msgid : it->second;
}

bool InstallCatalogTranslator(const std::filesystem::path& localeDir, const std::string& language) {
  if (language == kLanguageEnglish) {
    SetTranslator(nullptr);
    SetCurrentLanguage(kLanguageEnglish);
    return true;
  }
  auto catalog = std::make_shared<MoCatalog>();
  if (!catalog->Load(localeDir / language / "LC_MESSAGES" / (std::string(kTextDomain) + ".mo"))) return false;
  SetTranslator([catalog](std::string_view msgid) { return std::string(catalog->Lookup(msgid)); });
  SetCurrentLanguage(language);
  return true;
}

}  // namespace manyi

// Tests of language detection and of the compiled Chinese catalogue as the CLI uses it.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/i18n.h"
#include "core/message.h"
#include "test_paths.h"

namespace fs = std::filesystem;

namespace {
fs::path BuildLocaleDir() { return manyi::test::BinaryDir() / "locale"; }

class EnvGuard {
 public:
  explicit EnvGuard(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (auto [k, v] : vars) {
      const char* old = std::getenv(k);
      m_saved.emplace_back(k, old ? std::optional<std::string>(old) : std::nullopt);
      if (v) setenv(k, v, 1); else unsetenv(k);
    }
  }
  ~EnvGuard() {
    for (auto& [k, v] : m_saved) {
      if (v) setenv(k.c_str(), v->c_str(), 1); else unsetenv(k.c_str());
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> m_saved;
};
}  // namespace

TEST(Language, NormalisesLocaleNames) {
  EXPECT_EQ(manyi::NormaliseLanguage("zh_CN.UTF-8"), "zh_CN");
  EXPECT_EQ(manyi::NormaliseLanguage("zh_TW"), "zh_CN");
  EXPECT_EQ(manyi::NormaliseLanguage("en_GB.UTF-8"), "en");
  EXPECT_EQ(manyi::NormaliseLanguage("de_DE"), "en");
  EXPECT_EQ(manyi::NormaliseLanguage("C"), std::nullopt);
  EXPECT_EQ(manyi::NormaliseLanguage("C.UTF-8"), std::nullopt);
}

TEST(Language, FollowsTheEnvironmentInGettextOrder) {
  {
    EnvGuard env{{"MANYI_LANG", nullptr}, {"LANGUAGE", nullptr}, {"LC_ALL", nullptr}, {"LC_MESSAGES", nullptr}, {"LANG", "zh_CN.UTF-8"}};
    EXPECT_EQ(manyi::DetectLanguage(), "zh_CN");
  }
  {
    EnvGuard env{{"MANYI_LANG", nullptr}, {"LANGUAGE", nullptr}, {"LC_ALL", "en_US.UTF-8"}, {"LC_MESSAGES", nullptr}, {"LANG", "zh_CN.UTF-8"}};
    EXPECT_EQ(manyi::DetectLanguage(), "en");
  }
  {
    EnvGuard env{{"MANYI_LANG", nullptr}, {"LANGUAGE", "zh_CN:en"}, {"LC_ALL", nullptr}, {"LC_MESSAGES", nullptr}, {"LANG", "en_US.UTF-8"}};
    EXPECT_EQ(manyi::DetectLanguage(), "zh_CN");
  }
  {
    EnvGuard env{{"MANYI_LANG", "en"}, {"LANGUAGE", nullptr}, {"LC_ALL", "zh_CN.UTF-8"}, {"LC_MESSAGES", nullptr}, {"LANG", nullptr}};
    EXPECT_EQ(manyi::DetectLanguage(), "en");
  }
}

TEST(Catalogue, ChineseCatalogueLoadsAndTranslatesDeferredMessages) {
  manyi::MoCatalog catalog;
  ASSERT_TRUE(catalog.Load(BuildLocaleDir() / "zh_CN" / "LC_MESSAGES" / "manyi.mo"));
  EXPECT_GT(catalog.Size(), 20u);
  EXPECT_EQ(catalog.Lookup("Usage"), "用法");
  EXPECT_EQ(catalog.Lookup("no such msgid"), "no such msgid");

  ASSERT_TRUE(manyi::InstallCatalogTranslator(BuildLocaleDir(), "zh_CN"));
  manyi::Message m(N_("Created the project {0}."));
  m.Arg("a.manyi");
  EXPECT_EQ(m.Text(), "已创建项目 a.manyi。");
  EXPECT_EQ(m.English(), "Created the project a.manyi.");
  ASSERT_TRUE(manyi::InstallCatalogTranslator(BuildLocaleDir(), "en"));
  EXPECT_EQ(m.Text(), "Created the project a.manyi.");
}

TEST(Catalogue, RejectsFilesThatAreNotCatalogues) {
  fs::path bad = fs::temp_directory_path() / "manyi-test-bad.mo";
  std::ofstream(bad) << "this is not a catalogue at all, just text";
  manyi::MoCatalog catalog;
  EXPECT_FALSE(catalog.Load(bad));
  EXPECT_FALSE(catalog.Load(bad.string() + ".missing"));
  fs::remove(bad);
}

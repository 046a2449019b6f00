// Tests of deferred messages: placeholders, nesting and translation at the edge.
#include <gtest/gtest.h>

#include "core/message.h"

using manyi::FormatPlaceholders;
using manyi::Message;

TEST(FormatPlaceholders, SubstitutesByIndexInAnyOrder) {
  EXPECT_EQ(FormatPlaceholders("{1} before {0}", {"a", "b"}), "b before a");
  EXPECT_EQ(FormatPlaceholders("{0}{0}", {"x"}), "xx");
}

TEST(FormatPlaceholders, KeepsUnknownAndEscapedBraces) {
  EXPECT_EQ(FormatPlaceholders("{{literal}} {2} {x} {", {"a"}), "{literal} {2} {x} {");
}

TEST(Message, TranslatesMsgidAndNestedArgumentsButNotPlainArguments) {
  manyi::SetTranslator([](std::string_view id) -> std::string {
    if (id == "{0} of {1}") return "{1}的{0}";
    if (id == "mail") return "邮寄";
    return std::string(id);
  });
  Message m(N_("{0} of {1}"));
  m.Arg(Message(N_("mail"))).Arg("mail");
  EXPECT_EQ(m.Text(), "mail的邮寄");
  EXPECT_EQ(m.English(), "mail of mail");
  manyi::SetTranslator(nullptr);
  EXPECT_EQ(m.Text(), "mail of mail");
}

TEST(Message, FormatsIntegersInTheCLocale) {
  EXPECT_EQ(Message(N_("{0} rows")).Arg(1234567).English(), "1234567 rows");
  EXPECT_EQ(Message(N_("{0} rows")).Arg(-3).English(), "-3 rows");
}

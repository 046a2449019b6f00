// Tests of the paper questionnaire: respondent-id parsing, conditions in words, and the PDF of
// every template in both languages (valid PDF, page count, ids on every page, not blank).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "io/form_json.h"
#include "io/paper_form.h"
#include "test_paths.h"

using namespace manyi;
namespace fs = std::filesystem;

namespace {

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Page objects in the PDF ("/Type /Page", not "/Type /Pages").
int CountPages(const std::string& pdf) {
  int n = 0;
  for (size_t pos = pdf.find("/Type /Page"); pos != std::string::npos; pos = pdf.find("/Type /Page", pos + 1))
    if (pos + 11 >= pdf.size() || pdf[pos + 11] != 's') ++n;
  return n;
}

fs::path OutDir() {
  fs::path dir = test::BinaryDir() / "paper_forms";
  fs::create_directories(dir);
  return dir;
}

bool HaveTool(const char* tool) { return fs::exists(fs::path("/usr/bin") / tool); }

/// Standard output of a shell command.
std::string Shell(const std::string& command) {
  std::string out;
  FILE* p = popen(command.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

/// Share of dark pixels (< 128) in a binary PGM (P5, 8 bit) file; -1 when unreadable.
double DarkShare(const fs::path& pgm) {
  std::ifstream in(pgm, std::ios::binary);
  std::string magic;
  int w = 0, h = 0, maxval = 0;
  in >> magic >> w >> h >> maxval;
  in.get();
  if (magic != "P5" || w <= 0 || h <= 0 || maxval != 255) return -1;
  std::string pixels(size_t(w) * size_t(h), '\0');
  in.read(pixels.data(), std::streamsize(pixels.size()));
  if (!in) return -1;
  size_t dark = 0;
  for (char c : pixels) dark += static_cast<unsigned char>(c) < 128;
  return double(dark) / double(pixels.size());
}

Questionnaire Template(const std::string& name) {
  auto q = io::ReadFormFile(test::SourceDir() / "forms" / (name + ".json"));
  if (!q.Ok()) throw std::runtime_error(q.GetError().English());
  return q.Value();
}

}  // namespace

TEST(RespondentIds, RangesListsAndLeadingZeros) {
  auto r = io::ParseRespondentIds("1001-1979");
  ASSERT_TRUE(r.Ok());
  ASSERT_EQ(r.Value().size(), 979u);
  EXPECT_EQ(r.Value().front(), "1001");
  EXPECT_EQ(r.Value().back(), "1979");
  r = io::ParseRespondentIds("0008-0011");
  ASSERT_TRUE(r.Ok());
  EXPECT_EQ(r.Value(), (std::vector<std::string>{"0008", "0009", "0010", "0011"}));
  r = io::ParseRespondentIds(" 5, 7-8 ,12");
  ASSERT_TRUE(r.Ok());
  EXPECT_EQ(r.Value(), (std::vector<std::string>{"5", "7", "8", "12"}));
}

TEST(RespondentIds, InvalidSpecsSayWhatIsWrong) {
  auto r = io::ParseRespondentIds("1001-abc");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("\"1001-abc\""), std::string::npos) << r.GetError().English();
  r = io::ParseRespondentIds("20-10");
  ASSERT_FALSE(r.Ok());
  EXPECT_NE(r.GetError().English().find("backwards"), std::string::npos);
  r = io::ParseRespondentIds("1,,2");
  ASSERT_FALSE(r.Ok());
  EXPECT_FALSE(io::ParseRespondentIds("").Ok());
  EXPECT_FALSE(io::ParseRespondentIds("1-2-3").Ok());
  EXPECT_FALSE(io::ParseRespondentIds("0-100000").Ok());  // more than 100 000 copies
  EXPECT_TRUE(io::ParseRespondentIds("1-100000").Ok());
}

TEST(PaperForm, ConditionsReadAsQuestionNumbersAndSymbols) {
  const std::vector<std::pair<std::string, int>> numbers{{"overall", 4}, {"region", 1}, {"reasons_3", 5}};
  EXPECT_EQ(io::ReadableCondition("overall >= 7 and region != 24", "en", numbers), "Q4 ≥ 7 and Q1 ≠ 24");
  EXPECT_EQ(io::ReadableCondition("overall >= 7 and region != 24", "zh", numbers), "第4题≥7且第1题≠24");
  EXPECT_EQ(io::ReadableCondition("${reasons_3} = 1 or not answered(overall)", "en", numbers), "Q5 = 1 or not answered(Q4)");
  EXPECT_EQ(io::ReadableCondition("region = \"and\"", "en", numbers), "Q1 = \"and\"");  // texts stay as written
}

TEST(PaperForm, EveryTemplatePrintsInBothLanguages) {
  const bool render = HaveTool("pdftoppm");
  for (const char* name : {"certification-customer", "acsi-ecsi-ccsi", "nps-csat-ces", "servqual"}) {
    const Questionnaire q = Template(name);
    for (const char* lang : {"zh", "en"}) {
      SCOPED_TRACE(std::string(name) + " " + lang);
      const fs::path pdf = OutDir() / (std::string(name) + "-" + lang + ".pdf");
      const int pages = io::PrintPaperForm(q, lang, {}, pdf);
      EXPECT_EQ(pages, io::PaperFormPagesPerCopy(q, lang));
      EXPECT_GE(pages, 1);
      EXPECT_LE(pages, 6);
      const std::string bytes = ReadAll(pdf);
      ASSERT_TRUE(bytes.starts_with("%PDF-"));
      EXPECT_NE(bytes.find("%%EOF"), std::string::npos);
      EXPECT_EQ(CountPages(bytes), pages);
      EXPECT_FALSE(fs::exists(pdf.string() + ".tmp"));
      if (!render) continue;
      // Page 1 as a picture: a form has plenty of ink, but is mostly paper. The PNG stays in
      // the build tree for a person to look at.
      const fs::path base = OutDir() / (std::string(name) + "-" + lang);
      Shell("pdftoppm -r 50 -gray -f 1 -l 1 -singlefile '" + pdf.string() + "' '" + base.string() + "'");
      Shell("pdftoppm -r 72 -png -f 1 -l 1 -singlefile '" + pdf.string() + "' '" + base.string() + "'");
      const double dark = DarkShare(base.string() + ".pgm");
      EXPECT_GT(dark, 0.01);
      EXPECT_LT(dark, 0.30);
    }
  }
}

TEST(PaperForm, EachCopyCarriesItsIdOnEveryPage) {
  const Questionnaire q = Template("certification-customer");
  const fs::path pdf = OutDir() / "certification-customer-ids.pdf";
  const int perCopy = io::PaperFormPagesPerCopy(q, "en");
  const int pages = io::PrintPaperForm(q, "en", {"1001", "1002", "1003"}, pdf);
  EXPECT_EQ(pages, 3 * perCopy);
  EXPECT_EQ(CountPages(ReadAll(pdf)), pages);
  if (!HaveTool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  for (int copy = 0; copy < 3; ++copy)
    for (int p = 1; p <= perCopy; ++p) {
      const int page = copy * perCopy + p;
      const std::string text = Shell("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf.string() + "' -");
      EXPECT_NE(text.find("No. 100" + std::to_string(copy + 1)), std::string::npos) << "page " << page;
      EXPECT_NE(text.find("Page " + std::to_string(p) + " of " + std::to_string(perCopy)), std::string::npos) << "page " << page;
    }
  // Skip instructions derived from the relevance "overall <= 6".
  const std::string all = Shell("pdftotext '" + pdf.string() + "' -");
  EXPECT_NE(all.find("If you answered 1–6, please continue with question 5; otherwise go to question 6."), std::string::npos);
  EXPECT_NE(all.find("(Answer only if you answered 1–6 in question 4.)"), std::string::npos);
}

TEST(PaperForm, ChineseTextIsRealText) {
  if (!HaveTool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  const Questionnaire q = Template("certification-customer");
  const fs::path pdf = OutDir() / "certification-customer-zh-ids.pdf";
  io::PrintPaperForm(q, "zh", {"0042"}, pdf);
  const std::string text = Shell("pdftotext '" + pdf.string() + "' -");
  for (const char* expected : {"认证客户满意度调查问卷", "未署名", "第 1 页，共", "编号 0042", "如果选择1–6，请继续回答第5题；否则请跳至第6题。"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
}

TEST(PaperForm, EveryItemTypeAndLongGridsPrint) {
  // A questionnaire with every item type, a complex condition and a grid longer than a page.
  std::string rows;
  for (int i = 1; i <= 60; ++i)
    rows += std::string(i > 1 ? "," : "") + R"({"id": "g)" + std::to_string(i) + R"(", "text": {"zh": "属性)" + std::to_string(i) +
            R"(", "en": "Attribute )" + std::to_string(i) + R"("}})";
  const std::string json = R"J({"id": "all", "title": {"zh": "全部题型", "en": "All item types"},
    "scales": {"five": {"min": 1, "max": 5, "labels": {"1": {"zh": "差", "en": "poor"}, "5": {"zh": "好", "en": "good"}}}},
    "sections": [{"id": "s", "title": {"zh": "第一部分", "en": "Part one"}, "items": [
      {"id": "note", "type": "note", "text": {"zh": "说明", "en": "A note"}},
      {"id": "a", "type": "single", "text": {"zh": "甲", "en": "A"}, "codes": [{"code": 1, "label": {"zh": "是", "en": "yes"}}, {"code": 2, "label": {"zh": "否", "en": "no"}}], "other": true},
      {"id": "b", "type": "ranking", "text": {"zh": "乙", "en": "B"}, "codes": [{"code": 1, "label": {"zh": "价格", "en": "price"}}, {"code": 2, "label": {"zh": "质量", "en": "quality"}}]},
      {"id": "c", "type": "numeric", "text": {"zh": "丙", "en": "C"}, "min": 0, "max": 999, "decimals": 1, "relevant": "a = 1 and b_1 >= 1"},
      {"id": "d", "type": "date", "text": {"zh": "丁", "en": "D"}},
      {"id": "e", "type": "short_text", "text": {"zh": "戊", "en": "E"}, "relevant": "a in (2)"},
      {"id": "f", "type": "rating", "scale": "five", "text": {"zh": "己", "en": "F"}},
      {"id": "g", "type": "grid", "scale": "five", "text": {"zh": "庚", "en": "G"}, "rows": [)J" + rows + R"J(]},
      {"id": "rid", "type": "numeric", "role": "respondent_id", "text": {"zh": "编号", "en": "Id"}}]}]})J";
  auto q = io::ParseFormJson(json, "test");
  ASSERT_TRUE(q.Ok()) << q.GetError().English();
  for (const char* lang : {"zh", "en"}) {
    const fs::path pdf = OutDir() / (std::string("all-types-") + lang + ".pdf");
    const int pages = io::PrintPaperForm(q.Value(), lang, {}, pdf);
    EXPECT_GE(pages, 3) << "a 60-row grid cannot fit on the first page";
    EXPECT_EQ(CountPages(ReadAll(pdf)), pages);
    if (!HaveTool("pdftotext")) continue;
    const std::string text = Shell("pdftotext '" + pdf.string() + "' -");
    if (std::string(lang) == "en") {
      EXPECT_NE(text.find("(Answer only if: Q1 = 1 and Q2 ≥ 1)"), std::string::npos);
      EXPECT_NE(text.find("(Answer only if you answered \"no\" (2) in question 1.)"), std::string::npos);
      EXPECT_NE(text.find("Attribute 60"), std::string::npos);
      EXPECT_EQ(text.find("Id"), std::string::npos) << "the respondent-id item is the header's boxes, not a question";
    }
  }
}

TEST(PaperForm, UnwritableFileAndUnknownLanguageAreUserErrors) {
  const Questionnaire q = Template("nps-csat-ces");
  EXPECT_THROW(io::PrintPaperForm(q, "zh", {}, "/nonexistent-folder/x.pdf"), UserError);
  EXPECT_THROW(io::PrintPaperForm(q, "de", {}, OutDir() / "x.pdf"), UserError);
}

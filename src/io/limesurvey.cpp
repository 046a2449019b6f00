// LimeSurvey structure import. The three inputs (.lss of either schema, the .lss inside an .lsa,
// the tab-separated .txt) are first read into one neutral survey (groups, questions with
// sub-questions and answers, texts by language), which is then mapped onto Manyi's model.
#include "io/limesurvey.h"

#include <expat.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/text.h"
#include "io/zip_archive.h"

namespace manyi::io {

namespace {

using Row = std::map<std::string, std::string>;

struct LsAnswer {
  std::string code;
  int scale = 0;
  double sort = 0;
  LocalText text;
};

struct LsSub {
  std::string title;
  int scale = 0;
  double sort = 0;
  LocalText text;
};

struct LsQuestion {
  std::string qid, gid, type, title, relevance, other, mandatory;
  double order = 0;
  LocalText text, help;
  std::vector<LsSub> subs;
  std::vector<LsAnswer> answers;
  std::map<std::string, std::string> attrs;
  std::map<std::string, LocalText> langAttrs;  // attributes given per language (em_validation_q_tip)
  int64_t line = 0;  // .txt: the line of the Q row
};

struct LsGroup {
  std::string gid, relevance;
  double order = 0;
  LocalText name, description;
};

struct LsSurvey {
  std::string sid;
  LocalText title, description;
  std::vector<std::string> languages;
  std::vector<LsGroup> groups;
  std::vector<LsQuestion> questions;
  bool hasConditions = false;
};

std::string Get(const Row& r, const char* k) {
  auto it = r.find(k);
  return it != r.end() ? it->second : std::string();
}

double Num(const std::string& s) { return ParseNumber(Trim(s)).value_or(0); }

/// A scale id (LimeSurvey uses 0 and 1; dual-scale arrays). A value no int can hold, or a fraction,
/// becomes -1, which no question asks for, instead of an undefined conversion.
int ScaleId(const std::string& s) {
  const double v = Num(s);
  if (!(v >= 0 && v <= 1000) || v != static_cast<double>(static_cast<int>(v))) return -1;
  return static_cast<int>(v);
}

std::string NormLang(const std::string& l) {
  std::string t(Trim(l));
  if (t == "zh-Hans" || t == "zh-CN" || t == "zh_CN" || t == "zh-Hans-CN") return "zh";
  return t;
}

/// Plain text from LimeSurvey's HTML texts: tags dropped, common entities decoded, spaces collapsed.
std::string PlainText(const std::string& html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      const size_t end = html.find('>', i);
      if (end == std::string::npos) {
        out += html.substr(i);
        break;
      }
      const std::string tag = html.substr(i + 1, std::min<size_t>(end - i - 1, 4));
      if (tag.rfind("br", 0) == 0 || tag.rfind("p", 0) == 0 || tag.rfind("/p", 0) == 0 || tag.rfind("li", 0) == 0) out += ' ';
      i = end;
    } else if (c == '&') {
      static const std::pair<const char*, const char*> ents[] = {{"&nbsp;", " "}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
                                                                {"&quot;", "\""}, {"&#39;", "'"}, {"&apos;", "'"}};
      bool done = false;
      for (const auto& [e, r] : ents)
        if (html.compare(i, std::strlen(e), e) == 0) {
          out += r;
          i += std::strlen(e) - 1;
          done = true;
          break;
        }
      if (!done) out += c;
    } else {
      out += c;
    }
  }
  std::string collapsed;
  for (char c : out) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
    } else {
      collapsed += c;
    }
  }
  return std::string(Trim(collapsed));
}

void SetText(LocalText& t, const std::string& lang, const std::string& html) {
  std::string p = PlainText(html);
  if (!p.empty()) t.byLang[NormLang(lang)] = p;
}

// ---------------------------------------------------------------------------------------------
// .lss

/// The tables of an .lss document: <document><table><rows><row><field>value</field>…
struct LssTables {
  std::map<std::string, std::vector<Row>> tables;
  std::vector<std::string> languages;
  std::string dbVersion;
};

struct LssParser {
  LssTables out;
  std::vector<std::string> path;
  std::string text;
  Row row;
  std::string rootName;
};

std::optional<Error> ParseLss(const std::string& xml, const std::string& origin, LssTables& tables) {
  XML_Parser p = XML_ParserCreate("UTF-8");
  LssParser st;
  XML_SetUserData(p, &st);
  XML_SetElementHandler(
      p,
      [](void* ud, const XML_Char* name, const XML_Char**) {
        auto& s = *static_cast<LssParser*>(ud);
        if (s.path.empty()) s.rootName = name;
        s.path.emplace_back(name);
        s.text.clear();
        if (s.path.size() == 4 && s.path[3] == "row") s.row.clear();
      },
      [](void* ud, const XML_Char*) {
        auto& s = *static_cast<LssParser*>(ud);
        const size_t d = s.path.size();
        if (d == 5 && s.path[2] == "rows") s.row[s.path[4]] = s.text;
        else if (d == 4 && s.path[3] == "row" && s.path[2] == "rows") s.out.tables[s.path[1]].push_back(std::move(s.row));
        else if (d == 3 && s.path[1] == "languages" && s.path[2] == "language") s.out.languages.push_back(std::string(Trim(s.text)));
        else if (d == 2 && s.path[1] == "DBVersion") s.out.dbVersion = std::string(Trim(s.text));
        s.text.clear();
        s.path.pop_back();
      });
  XML_SetCharacterDataHandler(p, [](void* ud, const XML_Char* s, int len) {
    auto& st = *static_cast<LssParser*>(ud);
    if (st.text.size() < (size_t(16) << 20)) st.text.append(s, static_cast<size_t>(len));
  });
  std::optional<Error> error;
  if (XML_Parse(p, xml.data(), static_cast<int>(std::min<size_t>(xml.size(), INT32_MAX)), XML_TRUE) == XML_STATUS_ERROR)
    error = Error{Message(N_("{0} is not well-formed XML (line {1}: {2}). The LimeSurvey export is damaged; export the survey "
                             "structure (.lss) again."))
                      .Arg(origin).Arg(static_cast<long long>(XML_GetCurrentLineNumber(p))).Arg(XML_ErrorString(XML_GetErrorCode(p)))};
  XML_ParserFree(p);
  if (error) return error;
  if (st.rootName != "document")
    return Error{Message(N_("{0} is XML but not a LimeSurvey survey structure (its root element is <{1}>, not <document>).")).Arg(origin).Arg(st.rootName)};
  tables = std::move(st.out);
  return std::nullopt;
}

LsSurvey SurveyFromLss(const LssTables& t) {
  LsSurvey s;
  auto table = [&](const char* name) -> const std::vector<Row>& {
    static const std::vector<Row> kNone;
    auto it = t.tables.find(name);
    return it != t.tables.end() ? it->second : kNone;
  };
  for (const std::string& l : t.languages)
    if (!l.empty()) s.languages.push_back(NormLang(l));
  for (const Row& r : table("surveys")) {
    s.sid = Get(r, "sid");
    if (s.languages.empty()) {
      s.languages.push_back(NormLang(Get(r, "language")));
      std::istringstream extra(Get(r, "additional_languages"));
      for (std::string l; extra >> l;) s.languages.push_back(NormLang(l));
    }
  }
  for (const Row& r : table("surveys_languagesettings")) {
    SetText(s.title, Get(r, "surveyls_language"), Get(r, "surveyls_title"));
    SetText(s.description, Get(r, "surveyls_language"), Get(r, "surveyls_description"));
  }
  s.hasConditions = !table("conditions").empty();

  std::map<std::string, size_t> groupIndex;
  auto group = [&](const std::string& gid) -> LsGroup& {
    auto it = groupIndex.find(gid);
    if (it != groupIndex.end()) return s.groups[it->second];
    groupIndex[gid] = s.groups.size();
    s.groups.push_back(LsGroup{gid, {}, 0, {}, {}});
    return s.groups.back();
  };
  for (const Row& r : table("groups")) {
    LsGroup& g = group(Get(r, "gid"));
    g.order = Num(Get(r, "group_order"));
    if (g.relevance.empty()) g.relevance = Get(r, "grelevance");
    SetText(g.name, Get(r, "language"), Get(r, "group_name"));
    SetText(g.description, Get(r, "language"), Get(r, "description"));
  }
  for (const Row& r : table("group_l10ns")) {
    LsGroup& g = group(Get(r, "gid"));
    SetText(g.name, Get(r, "language"), Get(r, "group_name"));
    SetText(g.description, Get(r, "language"), Get(r, "description"));
    if (g.relevance.empty()) g.relevance = Get(r, "grelevance");
  }

  std::map<std::string, size_t> qIndex;                     // top-level qid → question
  std::map<std::string, std::pair<size_t, size_t>> subIndex; // sub-question qid → (question, sub)
  for (const Row& r : table("questions")) {
    if (Num(Get(r, "parent_qid")) != 0) continue;
    const std::string qid = Get(r, "qid");
    auto it = qIndex.find(qid);
    if (it == qIndex.end()) {
      LsQuestion q;
      q.qid = qid;
      q.gid = Get(r, "gid");
      q.type = Get(r, "type");
      q.title = std::string(Trim(Get(r, "title")));
      q.relevance = Get(r, "relevance");
      q.other = Get(r, "other");
      q.mandatory = Get(r, "mandatory");
      q.order = Num(Get(r, "question_order"));
      qIndex[qid] = s.questions.size();
      s.questions.push_back(std::move(q));
      it = qIndex.find(qid);
    }
    LsQuestion& q = s.questions[it->second];
    if (r.count("language")) {
      SetText(q.text, Get(r, "language"), Get(r, "question"));
      SetText(q.help, Get(r, "language"), Get(r, "help"));
    }
  }
  auto addSub = [&](const Row& r) {
    auto parent = qIndex.find(Get(r, "parent_qid"));
    if (parent == qIndex.end()) return;
    LsQuestion& q = s.questions[parent->second];
    const std::string qid = Get(r, "qid");
    auto it = subIndex.find(qid);
    if (it == subIndex.end()) {
      LsSub sub;
      sub.title = std::string(Trim(Get(r, "title")));
      sub.scale = ScaleId(Get(r, "scale_id"));
      sub.sort = Num(Get(r, "question_order"));
      subIndex[qid] = {parent->second, q.subs.size()};
      q.subs.push_back(std::move(sub));
      it = subIndex.find(qid);
    }
    if (r.count("language")) SetText(s.questions[it->second.first].subs[it->second.second].text, Get(r, "language"), Get(r, "question"));
  };
  for (const Row& r : table("subquestions")) addSub(r);
  for (const Row& r : table("questions"))
    if (Num(Get(r, "parent_qid")) != 0) addSub(r);
  for (const Row& r : table("question_l10ns")) {
    const std::string qid = Get(r, "qid");
    if (auto it = qIndex.find(qid); it != qIndex.end()) {
      SetText(s.questions[it->second].text, Get(r, "language"), Get(r, "question"));
      SetText(s.questions[it->second].help, Get(r, "language"), Get(r, "help"));
    } else if (auto st = subIndex.find(qid); st != subIndex.end()) {
      SetText(s.questions[st->second.first].subs[st->second.second].text, Get(r, "language"), Get(r, "question"));
    }
  }
  // Answers: inline texts (old schema) or answer_l10ns by aid (new schema).
  std::map<std::string, std::pair<size_t, size_t>> byAid;
  std::map<std::tuple<std::string, std::string, int>, size_t> answerIndex;
  for (const Row& r : table("answers")) {
    auto q = qIndex.find(Get(r, "qid"));
    if (q == qIndex.end()) continue;
    LsQuestion& question = s.questions[q->second];
    const int scale = ScaleId(Get(r, "scale_id"));
    const auto key = std::make_tuple(Get(r, "qid"), Get(r, "code"), scale);
    auto it = answerIndex.find(key);
    if (it == answerIndex.end()) {
      LsAnswer a;
      a.code = std::string(Trim(Get(r, "code")));
      a.scale = scale;
      a.sort = Num(Get(r, "sortorder"));
      answerIndex[key] = question.answers.size();
      question.answers.push_back(std::move(a));
      it = answerIndex.find(key);
    }
    if (r.count("language")) SetText(question.answers[it->second].text, Get(r, "language"), Get(r, "answer"));
    if (r.count("aid")) byAid[Get(r, "aid")] = {q->second, it->second};
  }
  for (const Row& r : table("answer_l10ns")) {
    auto it = byAid.find(Get(r, "aid"));
    if (it != byAid.end()) SetText(s.questions[it->second.first].answers[it->second.second].text, Get(r, "language"), Get(r, "answer"));
  }
  for (const Row& r : table("question_attributes")) {
    auto q = qIndex.find(Get(r, "qid"));
    if (q == qIndex.end() || Get(r, "value").empty()) continue;
    if (!Trim(Get(r, "language")).empty()) SetText(s.questions[q->second].langAttrs[Get(r, "attribute")], Get(r, "language"), Get(r, "value"));
    else s.questions[q->second].attrs[Get(r, "attribute")] = Get(r, "value");
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Tab-separated .txt

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return out;
}

Result<LsSurvey> SurveyFromTxt(const std::string& text, const std::string& origin) {
  LsSurvey s;
  std::vector<std::string> header;
  std::map<std::string, size_t> col;
  LsQuestion* q = nullptr;
  LsGroup* g = nullptr;
  std::string gLang;
  bool questionSinceGroup = false;
  int64_t lineNo = 0;
  size_t pos = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  std::map<std::string, std::string> settings;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNo;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (end == text.size()) break;
      continue;
    }
    auto cells = SplitTabs(line);
    if (header.empty()) {
      header = cells;
      for (size_t i = 0; i < header.size(); ++i) col[std::string(Trim(header[i]))] = i;
      if (!col.count("class") || !col.count("name") || !col.count("text"))
        return Error{Message(N_("{0} is not a LimeSurvey tab-separated survey structure: the first line must name the columns "
                                "class, type/scale, name, relevance, text…")).Arg(origin)};
      continue;
    }
    auto c = [&](const char* name) -> std::string {
      auto it = col.find(name);
      return it != col.end() && it->second < cells.size() ? cells[it->second] : std::string();
    };
    const std::string cls = c("class");
    const std::string lang = NormLang(c("language"));
    if (cls == "S") {
      settings[c("name")] = c("text");
    } else if (cls == "SL") {
      if (c("name") == "surveyls_title") SetText(s.title, lang, c("text"));
    } else if (cls == "G") {
      if (g && !questionSinceGroup && lang != gLang && !lang.empty()) {
        SetText(g->name, lang, c("name"));  // the same group in another language
        SetText(g->description, lang, c("text"));
        continue;
      }
      s.groups.push_back(LsGroup{std::to_string(s.groups.size() + 1), c("relevance"), static_cast<double>(s.groups.size()), {}, {}});
      g = &s.groups.back();
      gLang = lang;
      SetText(g->name, lang, c("name"));
      SetText(g->description, lang, c("text"));
      questionSinceGroup = false;
      q = nullptr;
    } else if (cls == "Q") {
      questionSinceGroup = true;
      if (q && q->title == c("name") && !lang.empty() && !q->text.Has(lang)) {
        SetText(q->text, lang, c("text"));
        SetText(q->help, lang, c("help"));
        continue;
      }
      if (!g) {
        s.groups.push_back(LsGroup{"1", "", 0, {}, {}});
        g = &s.groups.back();
      }
      LsQuestion nq;
      nq.qid = std::to_string(s.questions.size() + 1);
      nq.gid = g->gid;
      nq.type = c("type/scale");
      nq.title = std::string(Trim(c("name")));
      nq.relevance = c("relevance");
      nq.mandatory = c("mandatory");
      nq.other = c("other");
      nq.order = static_cast<double>(s.questions.size());
      nq.line = lineNo;
      SetText(nq.text, lang, c("text"));
      SetText(nq.help, lang, c("help"));
      for (const char* a : {"min_num_value_n", "max_num_value_n", "hidden", "equation"})
        if (!c(a).empty()) nq.attrs[a] = c(a);
      s.questions.push_back(std::move(nq));
      q = &s.questions.back();
    } else if (cls == "SQ" || cls == "A") {
      if (!q) continue;
      const int scale = ScaleId(c("type/scale"));
      const std::string name = std::string(Trim(c("name")));
      if (cls == "SQ") {
        auto it = std::find_if(q->subs.begin(), q->subs.end(), [&](const LsSub& x) { return x.title == name && x.scale == scale; });
        if (it == q->subs.end()) {
          q->subs.push_back(LsSub{name, scale, static_cast<double>(q->subs.size()), {}});
          it = q->subs.end() - 1;
        }
        SetText(it->text, lang, c("text"));
      } else {
        auto it = std::find_if(q->answers.begin(), q->answers.end(), [&](const LsAnswer& x) { return x.code == name && x.scale == scale; });
        if (it == q->answers.end()) {
          q->answers.push_back(LsAnswer{name, scale, static_cast<double>(q->answers.size()), {}});
          it = q->answers.end() - 1;
        }
        SetText(it->text, lang, c("text"));
      }
    }
    if (end == text.size()) break;
  }
  if (header.empty()) return Error{Message(N_("{0} is empty.")).Arg(origin)};
  s.sid = settings["sid"];
  if (!settings["language"].empty()) s.languages.push_back(NormLang(settings["language"]));
  std::istringstream extra(settings["additional_languages"]);
  for (std::string l; extra >> l;) s.languages.push_back(NormLang(l));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Mapping onto the model

class LsBuilder {
 public:
  LsBuilder(LsSurvey s, std::string origin) : m_s(std::move(s)), m_origin(std::move(origin)) {}

  Result<ImportedForm> Run() {
    std::stable_sort(m_s.groups.begin(), m_s.groups.end(), [](const LsGroup& a, const LsGroup& b) { return a.order < b.order; });
    std::stable_sort(m_s.questions.begin(), m_s.questions.end(), [](const LsQuestion& a, const LsQuestion& b) { return a.order < b.order; });
    m_q.id = m_s.sid.empty() ? std::filesystem::path(m_origin).stem().string() : "limesurvey-" + m_s.sid;
    m_q.title = m_s.title;
    m_q.description = m_s.description;
    if (m_q.title.Empty()) m_q.title.byLang[BaseLang()] = m_q.id;
    if (m_s.hasConditions)
      Note(Message(N_("{0}: the survey has old-style conditions; Manyi uses the relevance equations LimeSurvey derived from them.")).Arg(m_origin));
    for (const LsGroup& g : m_s.groups) {
      Section sec;
      sec.id = "g" + g.gid;
      sec.title = g.name;
      if (sec.title.Empty()) sec.title = m_q.title;
      const size_t index = m_q.sections.size();
      m_q.sections.push_back(std::move(sec));
      m_groupRelevance.emplace_back(index, g.relevance);
      for (LsQuestion& q : m_s.questions)
        if (q.gid == g.gid) AddQuestion(q, index);
    }
    ConvertRelevance();
    m_q.sections.erase(std::remove_if(m_q.sections.begin(), m_q.sections.end(), [](const Section& s) { return s.items.empty(); }),
                       m_q.sections.end());
    if (m_q.sections.empty())
      return Error{Message(N_("{0}: the survey has no question Manyi can import (see the notes above).")).Arg(m_origin)};
    // Every language the survey declares, then any other found in its texts.
    m_q.languages.clear();
    for (const std::string& l : m_s.languages)
      if (!l.empty() && std::find(m_q.languages.begin(), m_q.languages.end(), l) == m_q.languages.end()) m_q.languages.push_back(l);
    if (m_q.languages.empty()) m_q.languages.push_back("en");
    return ImportedForm{std::move(m_q), std::move(m_report)};
  }

 private:
  std::string BaseLang() const { return m_s.languages.empty() ? "en" : m_s.languages.front(); }
  void Note(Message m) { m_report.push_back(std::move(m)); }
  Message About(const LsQuestion& q, Message what) const {
    if (q.line)
      return std::move(Message(N_("{0}, line {1}, question {2} (type {3}): {4}")).Arg(m_origin).Arg(static_cast<long long>(q.line)).Arg(q.title).Arg(q.type).Arg(what));
    return std::move(Message(N_("{0}, question {1} (type {2}): {3}")).Arg(m_origin).Arg(q.title).Arg(q.type).Arg(what));
  }

  std::string Id(const std::string& wanted) {
    std::string id;
    for (char c : wanted) id += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80) ? c : '_';
    if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0]))) id = "q" + id;
    std::string base = id;
    for (int k = 2; m_ids.count(id); ++k) id = base + "_" + std::to_string(k);
    m_ids.insert(id);
    return id;
  }

  std::vector<LsAnswer> Answers(const LsQuestion& q, int scale) const {
    std::vector<LsAnswer> a;
    for (const LsAnswer& x : q.answers)
      if (x.scale == scale) a.push_back(x);
    std::stable_sort(a.begin(), a.end(), [](const LsAnswer& x, const LsAnswer& y) { return x.sort < y.sort; });
    return a;
  }
  std::vector<LsSub> Subs(const LsQuestion& q, int scale) const {
    std::vector<LsSub> a;
    for (const LsSub& x : q.subs)
      if (x.scale == scale && x.title != "other") a.push_back(x);
    std::stable_sort(a.begin(), a.end(), [](const LsSub& x, const LsSub& y) { return x.sort < y.sort; });
    return a;
  }

  /// Codes from answers: numeric answer codes are the values, others are numbered 1..n and kept as keys.
  std::vector<Code> CodesFrom(const std::vector<LsAnswer>& answers) const {
    bool numeric = true;
    std::set<double> seen;
    for (const LsAnswer& a : answers) {
      auto v = ParseNumber(a.code);
      if (!v || !seen.insert(*v).second) numeric = false;
    }
    std::vector<Code> codes;
    double next = 1;
    for (const LsAnswer& a : answers) {
      Code c;
      c.value = numeric ? *ParseNumber(a.code) : next++;
      if (!numeric) c.key = a.code;
      c.label = a.text;
      if (c.label.Empty()) c.label.byLang[BaseLang()] = a.code;
      codes.push_back(std::move(c));
    }
    return codes;
  }

  static LocalText Plain(const std::string& lang, const std::string& text) {
    LocalText t;
    t.byLang[lang] = text;
    return t;
  }

  Scale NumberScale(int min, int max) const {
    Scale sc;
    sc.min = min;
    sc.max = max;
    for (const std::string& l : m_s.languages) {
      sc.pointLabels[min].byLang[l] = std::to_string(min);
      sc.pointLabels[max].byLang[l] = std::to_string(max);
    }
    if (m_s.languages.empty()) {
      sc.pointLabels[min] = Plain("en", std::to_string(min));
      sc.pointLabels[max] = Plain("en", std::to_string(max));
    }
    return sc;
  }

  /// A scale from answer options in sort order: points 1..n labelled with the answers.
  Scale ScaleFromAnswers(const LsQuestion& q, const std::vector<LsAnswer>& answers, const std::string& itemId) {
    Scale sc;
    sc.min = 1;
    sc.max = std::max<double>(1, static_cast<double>(answers.size()));
    std::string mapping;
    for (size_t i = 0; i < answers.size(); ++i) {
      LocalText label = answers[i].text;
      if (label.Empty()) label.byLang[BaseLang()] = answers[i].code;
      sc.pointLabels[static_cast<int>(i + 1)] = label;
      m_answerKeys[itemId][answers[i].code] = FormatNumber(static_cast<double>(i + 1));
      mapping += (mapping.empty() ? "" : ", ") + answers[i].code + " = " + std::to_string(i + 1);
    }
    // Manyi's own export keeps the values in the `manyi` attribute (restored after this).
    if (!answers.empty() && !q.attrs.count("manyi") && std::any_of(answers.begin(), answers.end(), [&](const LsAnswer& a) {
          return ParseNumber(a.code) != std::optional<double>(static_cast<double>(&a - &answers[0] + 1));
        }))
      Note(About(q, Message(N_("the answer codes are numbered in their order on the scale: {0}.")).Arg(mapping)));
    return sc;
  }

  void Push(size_t section, Item item, const LsQuestion& q) {
    m_titleToItem[q.title] = item.id;
    m_qidToTitle[q.qid] = q.title;
    m_pending.push_back({section, m_q.sections[section].items.size(), q.relevance, &q, {}});
    if (auto v = q.attrs.find("em_validation_q"); v != q.attrs.end()) m_pending.back().validation = v->second;
    m_q.sections[section].items.push_back(std::move(item));
  }

  void AddQuestion(const LsQuestion& q, size_t section) {
    Item item;
    const nlohmann::json manyi = ManyiDetails(q);
    item.id = Id(manyi.contains("id") && manyi["id"].is_string() ? manyi["id"].get<std::string>() : q.title);
    item.text = q.text;
    if (item.text.Empty() && q.type != "*") {
      item.text.byLang[BaseLang()] = q.title;
      Note(About(q, Message(N_("the question has no text in any language; its code is used as its text."))));
    }
    item.help = q.help;
    item.required = q.mandatory == "Y";
    const bool other = q.other == "Y";
    const std::string& t = q.type;
    if (q.attrs.count("hidden") && q.attrs.at("hidden") == "1")
      Note(About(q, Message(N_("the question is hidden in LimeSurvey; it is imported as a normal question."))));
    if (t == "L" || t == "!" || t == "O") {
      item.type = ItemType::kSingle;
      item.codes = CodesFrom(Answers(q, 0));
      item.allowOther = other;
      if (t == "O") Note(About(q, Message(N_("the comment box of the list is not imported."))));
      if (item.codes.empty()) return Note(About(q, Message(N_("the list has no answer options; it is skipped."))));
      RecordKeys(item);
    } else if (t == "M" || t == "P") {
      item.type = ItemType::kMultiple;
      auto subs = Subs(q, 0);
      double n = 1;
      for (const LsSub& s : subs) {
        Code c;
        c.value = n++;
        c.key = s.title;
        c.label = s.text.Empty() ? Plain(BaseLang(), s.title) : s.text;
        item.codes.push_back(std::move(c));
        m_options[q.title + "_" + s.title] = {item.id, FormatNumber(c.value)};
        m_options[q.title + s.title] = {item.id, FormatNumber(c.value)};
      }
      item.allowOther = other;
      if (t == "P") Note(About(q, Message(N_("the comment boxes of the options are not imported."))));
      if (item.codes.empty()) return Note(About(q, Message(N_("the question has no options; it is skipped."))));
    } else if (t == "Y") {
      item.type = ItemType::kSingle;
      Code yes{1, "Y", LocalText{}}, no{2, "N", LocalText{}};
      for (const std::string& l : m_s.languages.empty() ? std::vector<std::string>{"en"} : m_s.languages) {
        const bool de = l.rfind("de", 0) == 0, zh = l == "zh";
        yes.label.byLang[l] = zh ? "是" : de ? "Ja" : "Yes";
        no.label.byLang[l] = zh ? "否" : de ? "Nein" : "No";
      }
      item.codes = {yes, no};
      RecordKeys(item);
    } else if (t == "G") {
      item.type = ItemType::kSingle;
      Code f{1, "F", {}}, m{2, "M", {}};
      for (const std::string& l : m_s.languages.empty() ? std::vector<std::string>{"en"} : m_s.languages) {
        f.label.byLang[l] = l == "zh" ? "女" : "Female";
        m.label.byLang[l] = l == "zh" ? "男" : "Male";
      }
      item.codes = {f, m};
      RecordKeys(item);
    } else if (t == "5") {
      item.type = ItemType::kRating;
      item.scale = NumberScale(1, 5);
    } else if (t == "N") {
      item.type = ItemType::kNumeric;
      if (auto v = ParseNumber(q.attrs.count("min_num_value_n") ? q.attrs.at("min_num_value_n") : "")) item.min = *v;
      if (auto v = ParseNumber(q.attrs.count("max_num_value_n") ? q.attrs.at("max_num_value_n") : "")) item.max = *v;
    } else if (t == "S") {
      item.type = ItemType::kShortText;
    } else if (t == "T" || t == "U") {
      item.type = ItemType::kLongText;
    } else if (t == "D") {
      item.type = ItemType::kDate;
    } else if (t == "X") {
      item.type = ItemType::kNote;
    } else if (t == "R") {
      item.type = ItemType::kRanking;
      item.codes = CodesFrom(Answers(q, 0));
      if (item.codes.empty()) return Note(About(q, Message(N_("the ranking has no answer options; it is skipped."))));
      RecordKeys(item);
    } else if (t == "F" || t == "H" || t == "A" || t == "B" || t == "1" || t == "C" || t == "E") {
      item.type = ItemType::kGrid;
      if (t == "A") item.scale = NumberScale(1, 5);
      else if (t == "B") item.scale = NumberScale(1, 10);
      else if (t == "C" || t == "E") {
        LsQuestion fixed = q;
        fixed.answers.clear();
        const char* codes = t == "C" ? "YUN" : "ISD";
        const char* en[] = {"Yes", "Uncertain", "No", "Increase", "Same", "Decrease"};
        for (int i = 0; i < 3; ++i) {
          LsAnswer a;
          a.code = std::string(1, codes[i]);
          a.sort = i;
          for (const std::string& l : m_s.languages) a.text.byLang[l] = en[(t == "C" ? 0 : 3) + i];
          fixed.answers.push_back(a);
        }
        item.scale = ScaleFromAnswers(fixed, fixed.answers, item.id);
      } else {
        item.scale = ScaleFromAnswers(q, Answers(q, 0), item.id);
      }
      if (t == "1") {
        item.importanceScale = ScaleFromAnswers(q, Answers(q, 1), item.id + "#1");
        // Manyi's own export writes dual-scale arrays only for grids with an importance scale.
        if (!q.attrs.count("manyi")) Note(About(q, Message(N_("the dual-scale array is imported as a grid whose second scale is the importance scale; check "
                                 "that the second scale of the survey measures importance."))));
      }
      const auto gridSubs = Subs(q, 0);
      const bool rowIds = manyi.contains("rows") && manyi["rows"].is_array() && manyi["rows"].size() == gridSubs.size();
      for (const LsSub& s : gridSubs) {
        GridRow r;
        const auto* jr = rowIds ? &manyi["rows"][static_cast<size_t>(&s - gridSubs.data())] : nullptr;
        r.id = Id(jr && jr->contains("id") ? (*jr)["id"].get<std::string>() : q.title + "_" + s.title);
        r.text = s.text.Empty() ? Plain(BaseLang(), s.title) : s.text;
        if (t == "1")
          r.importanceId = Id(jr && jr->contains("importance") ? (*jr)["importance"].get<std::string>() : q.title + "_" + s.title + "_2");
        m_titleToItem[q.title + "_" + s.title] = r.id;
        m_titleToItem[q.title + s.title] = r.id;
        m_answerKeys[r.id] = m_answerKeys[item.id];
        item.rows.push_back(std::move(r));
      }
      if (item.rows.empty()) return Note(About(q, Message(N_("the array has no sub-questions; it is skipped."))));
      if (!item.scale || item.scale->pointLabels.empty()) return Note(About(q, Message(N_("the array has no answer options; it is skipped."))));
    } else if (t == "K" || t == "Q") {
      // Several numbers / short texts: one item per sub-question.
      const auto subs = Subs(q, 0);
      if (subs.empty()) return Note(About(q, Message(N_("the question has no sub-questions; it is skipped."))));
      Note(About(q, Message(N_("the question is imported as {0} separate items, one per sub-question.")).Arg(static_cast<long long>(subs.size()))));
      for (const LsSub& s : subs) {
        Item part = item;
        part.id = Id(q.title + "_" + s.title);
        part.type = t == "K" ? ItemType::kNumeric : ItemType::kShortText;
        for (const auto& [l, text] : s.text.byLang) part.text.byLang[l] = item.text.Get(l) + " — " + text;
        m_titleToItem[q.title + "_" + s.title] = part.id;
        Push(section, std::move(part), q);
      }
      m_qidToTitle[q.qid] = q.title;
      return;
    } else if (t == "*") {
      return Note(About(q, Message(N_("the equation \"{0}\" is computed by LimeSurvey, not asked; it is not imported."))
                             .Arg(q.attrs.count("equation") ? q.attrs.at("equation") : PlainText(q.text.Get(BaseLang())))));
    } else {
      static const std::map<std::string, const char*> names = {
          {":", N_("array of numbers")}, {";", N_("array of texts")}, {"|", N_("file upload")}, {"I", N_("language switch")},
          {"$", N_("ranking (advanced)")}, {"K", N_("multiple numbers")}};
      auto it = names.find(t);
      return Note(About(q, Message(N_("this question type ({0}) has no Manyi equivalent; the question is not imported."))
                             .Arg(it != names.end() ? Message(it->second) : Message(N_("unknown type")))));
    }
    if (!manyi.is_null()) Restore(item, q, manyi, section);
    Push(section, std::move(item), q);
  }

  /// The `manyi` attribute Manyi's own LimeSurvey export writes (what LimeSurvey has no field
  /// for); null when absent. A damaged one is reported and ignored.
  nlohmann::json ManyiDetails(const LsQuestion& q) {
    auto it = q.attrs.find("manyi");
    if (it == q.attrs.end()) return nullptr;
    auto j = nlohmann::json::parse(it->second, nullptr, false);
    if (j.is_object()) return j;
    Note(About(q, Message(N_("the attribute \"manyi\" (written by Manyi's LimeSurvey export) is damaged; the question is imported "
                             "from its LimeSurvey fields only."))));
    return nullptr;
  }

  /// Scale points and missing codes from the answers of one scale, in the order the export wrote
  /// them (points min..max, then the missing codes); records the answer codes for expressions.
  std::optional<Scale> ScaleBack(const LsQuestion& q, const nlohmann::json& js, int scaleId, const std::vector<std::string>& ids) {
    if (!js.is_object() || !js.contains("min") || !js.contains("max")) return std::nullopt;
    Scale sc;
    sc.min = js["min"].get<double>();
    sc.max = js["max"].get<double>();
    std::set<int> labelled;
    if (js.contains("labelled"))
      for (const auto& p : js["labelled"]) labelled.insert(p.get<int>());
    const auto answers = Answers(q, scaleId);
    const size_t points = static_cast<size_t>(std::max(0.0, sc.max - sc.min + 1));
    const size_t missing = js.contains("missing") ? js["missing"].size() : 0;
    if (answers.size() != points + missing) return std::nullopt;
    for (const std::string& id : ids) m_answerKeys[id].clear();
    for (size_t i = 0; i < answers.size(); ++i) {
      double v;
      if (i < points) {
        v = sc.min + static_cast<double>(i);
        if (labelled.count(static_cast<int>(v))) sc.pointLabels[static_cast<int>(v)] = answers[i].text;
      } else {
        const auto& jm = js["missing"][i - points];
        v = jm[0].get<double>();
        sc.missing.push_back(MissingCode{v, ParseMissingKind(jm[1].get<std::string>()).value_or(MissingKind::kDontKnow), answers[i].text});
      }
      for (const std::string& id : ids) m_answerKeys[id][answers[i].code] = FormatNumber(v);
    }
    return sc;
  }

  /// Puts back what Manyi's export kept in the `manyi` attribute: the item type LimeSurvey shows as
  /// a list, option values and keys, scales with missing codes, roles, shared scale names.
  void Restore(Item& item, const LsQuestion& q, const nlohmann::json& j, size_t section) {
    try {
      if (j.contains("section") && j["section"].is_string()) m_q.sections[section].id = j["section"].get<std::string>();
      const auto type = j.contains("type") ? ParseItemType(j["type"].get<std::string>()) : std::nullopt;
      if (type && (*type == ItemType::kRating || *type == ItemType::kNps) && q.type == "L") {
        if (auto sc = ScaleBack(q, j["scale"], 0, {item.id})) {
          item.type = *type;
          item.codes.clear();
          item.allowOther = false;
          item.scale = sc;
        }
      }
      if (j.contains("codes") && j["codes"].size() == item.codes.size() &&
          (item.type == ItemType::kSingle || item.type == ItemType::kRanking || item.type == ItemType::kMultiple)) {
        const auto answers = Answers(q, 0);
        const auto subs = Subs(q, 0);
        m_answerKeys[item.id].clear();
        for (size_t i = 0; i < item.codes.size(); ++i) {
          const auto& jc = j["codes"][i];
          item.codes[i].value = jc[0].get<double>();
          item.codes[i].key = jc.size() > 1 ? jc[1].get<std::string>() : std::string();
          const std::string v = FormatNumber(item.codes[i].value);
          if (item.type == ItemType::kMultiple && i < subs.size()) {
            m_options[q.title + "_" + subs[i].title] = {item.id, v};
            m_options[q.title + subs[i].title] = {item.id, v};
          } else if (i < answers.size()) {
            m_answerKeys[item.id][answers[i].code] = v;
          }
        }
      }
      if (item.type == ItemType::kGrid) {
        std::vector<std::string> ids{item.id};
        for (const GridRow& r : item.rows) ids.push_back(r.id);
        if (auto sc = ScaleBack(q, j["scale"], 0, ids)) item.scale = sc;
        if (j.contains("importance_scale"))
          if (auto sc = ScaleBack(q, j["importance_scale"], 1, {item.id + "#1"})) item.importanceScale = sc;
        if (j.contains("rows") && j["rows"].size() == item.rows.size())
          for (size_t i = 0; i < item.rows.size(); ++i) {
            const auto& jr = j["rows"][i];
            item.rows[i].role = jr.contains("role") ? ParseItemRole(jr["role"].get<std::string>()).value_or(ItemRole::kAttributeSatisfaction)
                                                    : ItemRole::kAttributeSatisfaction;
            item.rows[i].reversed = jr.value("reversed", false);
            if (!jr.contains("importance")) item.rows[i].importanceId.clear();
          }
      }
      if (j.contains("role")) item.role = ParseItemRole(j["role"].get<std::string>()).value_or(ItemRole::kNone);
      item.attribute = j.value("attribute", std::string());
      item.reversed = j.value("reversed", false);
      item.decimals = j.value("decimals", 0);
      item.codeListRef = j.value("code_list", std::string());
      item.scaleRef = j.value("scale_ref", std::string());
      if (!item.codeListRef.empty() && !m_q.codeLists.count(item.codeListRef)) m_q.codeLists[item.codeListRef] = item.codes;
      if (!item.scaleRef.empty() && item.scale && !m_q.scales.count(item.scaleRef)) m_q.scales[item.scaleRef] = *item.scale;
      if (const std::string ref = j.value("importance_scale_ref", std::string()); !ref.empty() && item.importanceScale && !m_q.scales.count(ref))
        m_q.scales[ref] = *item.importanceScale;
    } catch (const nlohmann::json::exception&) {
      Note(About(q, Message(N_("the attribute \"manyi\" (written by Manyi's LimeSurvey export) is damaged; the question is imported "
                               "from its LimeSurvey fields only."))));
    }
  }

  void RecordKeys(const Item& item) {
    for (const Code& c : item.codes) m_answerKeys[item.id][c.key.empty() ? FormatNumber(c.value) : c.key] = FormatNumber(c.value);
  }

  ExprMapping Mapping() {
    ExprMapping m;
    static const std::regex sgqa(R"(^(\d+)X(\d+)X(\d+)(.*)$)");
    auto resolve = [this](const std::string& name) -> std::string {
      std::smatch mm;
      if (std::regex_match(name, mm, sgqa)) {
        auto t = m_qidToTitle.find(mm[3].str());
        if (t != m_qidToTitle.end()) return t->second + (mm[4].str().empty() ? "" : "_" + mm[4].str());
      }
      return name;
    };
    m.item = [this, resolve](const std::string& name) -> std::optional<std::string> {
      auto it = m_titleToItem.find(resolve(name));
      if (it == m_titleToItem.end()) return std::nullopt;
      return it->second;
    };
    m.code = [this](const std::string& item, const std::string& value) -> std::optional<std::string> {
      auto it = m_answerKeys.find(item);
      if (it == m_answerKeys.end()) return std::nullopt;
      auto v = it->second.find(value);
      if (v == it->second.end()) return std::nullopt;
      return v->second;
    };
    m.option = [this, resolve](const std::string& name) -> std::optional<std::pair<std::string, std::string>> {
      auto it = m_options.find(resolve(name));
      if (it == m_options.end()) return std::nullopt;
      return it->second;
    };
    return m;
  }

  std::optional<std::string> Relevance(const std::string& text, const std::string& where) {
    const std::string t(Trim(text));
    if (t.empty() || t == "1" || t == "(1)") return std::nullopt;
    auto r = ConvertExpression(t, ExprDialect::kLimeSurvey, ExprDialect::kManyi, Mapping());
    if (auto* s = std::get_if<std::string>(&r)) return *s;
    Note(Message(N_("{0}, {1}: the relevance equation \"{2}\" cannot be converted ({3}); it was left out. Add the condition again "
                    "in Manyi's expression language if it is needed."))
             .Arg(m_origin).Arg(where).Arg(t).Arg(std::get<Message>(r)));
    return std::nullopt;
  }

  void ConvertRelevance() {
    for (const auto& [sec, text] : m_groupRelevance)
      if (auto r = Relevance(text, "group " + m_q.sections[sec].id)) m_q.sections[sec].relevant = *r;
    for (const auto& p : m_pending) {
      Item& item = m_q.sections[p.section].items[p.index];
      if (auto r = Relevance(p.relevance, "question " + p.question->title)) item.relevant = *r;
      if (!Trim(p.validation).empty()) {
        ExprMapping m = Mapping();
        m.self = item.id;
        auto r = ConvertExpression(std::string(Trim(p.validation)), ExprDialect::kLimeSurvey, ExprDialect::kManyi, m);
        if (auto* v = std::get_if<std::string>(&r)) {
          item.constraint = *v;
          if (auto tip = p.question->langAttrs.find("em_validation_q_tip"); tip != p.question->langAttrs.end()) item.constraintMessage = tip->second;
        } else {
          Note(Message(N_("{0}, question {1}: the validation equation \"{2}\" cannot be converted ({3}); it was left out. Add the "
                          "check again in Manyi's expression language if it is needed."))
                   .Arg(m_origin).Arg(p.question->title).Arg(p.validation).Arg(std::get<Message>(r)));
        }
      }
    }
  }

  struct Pending {
    size_t section, index;
    std::string relevance;
    const LsQuestion* question;
    std::string validation;  // em_validation_q
  };

  LsSurvey m_s;
  std::string m_origin;
  Questionnaire m_q;
  std::vector<Message> m_report;
  std::set<std::string> m_ids;
  std::map<std::string, std::string> m_titleToItem, m_qidToTitle;
  std::map<std::string, std::map<std::string, std::string>> m_answerKeys;  // item → LimeSurvey code → Manyi code
  std::map<std::string, std::pair<std::string, std::string>> m_options;   // Q_SQ → (item, code)
  std::vector<Pending> m_pending;
  std::vector<std::pair<size_t, std::string>> m_groupRelevance;
};

Result<std::string> ReadFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Error{Message(N_("{0} cannot be opened. Check that the file exists and that you may read it.")).Arg(file.string())};
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (out.size() > (size_t(256) << 20)) return Error{Message(N_("{0} is too large for a survey structure.")).Arg(file.string())};
  return out;
}

}  // namespace

Result<ImportedForm> ImportLimeSurveyLss(const std::string& xml, const std::string& origin) {
  LssTables tables;
  if (auto e = ParseLss(xml, origin, tables)) return *e;
  if (!tables.tables.count("questions"))
    return Error{Message(N_("{0} is a LimeSurvey document without questions (is it a survey structure .lss, not a .lsr "
                            "response file?).")).Arg(origin)};
  return LsBuilder(SurveyFromLss(tables), origin).Run();
}

Result<ImportedForm> ImportLimeSurvey(const std::filesystem::path& file) {
  const std::string origin = file.filename().string();
  switch (DetectFormFormat(file)) {
    case FormFormat::kLimeSurveyLsa: {
      auto zip = ZipArchive::Open(file);
      if (!zip) return Error{Message(N_("{0} is not a readable .lsa archive.")).Arg(origin)};
      for (const std::string& n : zip->Names())
        if (n.size() > 4 && n.compare(n.size() - 4, 4, ".lss") == 0) {
          auto xml = zip->Read(n);
          if (!xml) return Error{Message(N_("{0}: the member {1} cannot be decompressed; the archive is damaged.")).Arg(origin).Arg(n)};
          auto r = ImportLimeSurveyLss(*xml, origin + " (" + n + ")");
          if (r) r.Value().report.push_back(Message(N_("{0}: only the survey structure was imported; the responses (.lsr) in the "
                                                       "archive are not read by this command.")).Arg(origin));
          return r;
        }
      return Error{Message(N_("{0} is a zip archive without a LimeSurvey survey structure (.lss) in it.")).Arg(origin)};
    }
    case FormFormat::kLimeSurveyTxt: {
      auto text = ReadFile(file);
      if (!text) return Error{text.GetError()};
      auto s = SurveyFromTxt(text.Value(), origin);
      if (!s) return Error{s.GetError()};
      return LsBuilder(std::move(s.Value()), origin).Run();
    }
    case FormFormat::kQueXml:
      return Error{Message(N_("{0} is a queXML questionnaire (a layout format for printing). Manyi does not import queXML; export "
                              "the survey structure from LimeSurvey as .lss (or .txt) and import that.")).Arg(origin)};
    case FormFormat::kLimeSurveyLss: {
      auto text = ReadFile(file);
      if (!text) return Error{text.GetError()};
      return ImportLimeSurveyLss(text.Value(), origin);
    }
    default: break;
  }
  return Error{Message(N_("{0} is not a LimeSurvey survey structure (.lss, .lsa or tab-separated .txt).")).Arg(origin)};
}

}  // namespace manyi::io

// LimeSurvey 6 survey structure (.lss) export. Groups are sections; every item becomes the
// LimeSurvey question type that shows it the same way (docs/interchange.md), with its texts in
// every language of the questionnaire (zh as LimeSurvey's zh-Hans). Relevance and validation are
// converted to ExpressionScript. What LimeSurvey has no field for (the Manyi type of a list,
// roles, option values it cannot hold as codes, missing-value kinds, shared scale names) goes into
// one `manyi` question attribute that LimeSurvey keeps and ignores, so that importing the file
// again in Manyi restores the questionnaire.
#include <nlohmann/json.hpp>

#include <cctype>
#include <cmath>
#include <fstream>
#include <set>

#include "core/error.h"
#include "core/text.h"
#include "io/limesurvey.h"

namespace manyi::io {

namespace {

using Json = nlohmann::ordered_json;

/// One row of an .lss table: field name → value, in the table's field order.
using LssRow = std::vector<std::pair<std::string, std::string>>;

struct LssTable {
  std::string name;
  std::vector<std::string> fields;
  std::vector<LssRow> rows;
};

std::string Cdata(const std::string& value) {
  // "]]>" cannot stand inside one CDATA section: split it across two.
  std::string out = "<![CDATA[";
  size_t start = 0;
  for (size_t at; (at = value.find("]]>", start)) != std::string::npos; start = at + 2) out += value.substr(start, at + 2 - start) + "]]><![CDATA[";
  return out + value.substr(start) + "]]>";
}

/// Plain text as LimeSurvey's HTML: markup characters escaped, line breaks as <br />.
std::string Html(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '\n') out += "<br />";
    else if (c != '\r') out += c;
  }
  return out;
}

std::string LsLanguage(const std::string& lang) { return lang == "zh" ? "zh-Hans" : lang; }

bool IsLsCode(const std::string& s, size_t maxLen, bool letterFirst) {
  if (s.empty() || s.size() > maxLen) return false;
  if (letterFirst && !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  for (unsigned char c : s)
    if (!std::isalnum(c)) return false;
  return true;
}

/// The LimeSurvey answer code of an option value: the number itself when LimeSurvey can hold it
/// (0–99999, no fraction), else "" (the caller numbers it).
std::string NumericCode(double v) {
  if (v < 0 || v > 99999 || std::floor(v) != v) return {};
  return FormatNumber(v);
}

class LssWriter {
 public:
  explicit LssWriter(const Questionnaire& form) : m_form(form) {
    for (const std::string& l : form.languages)
      if (!l.empty()) m_langs.push_back(l);
    if (m_langs.empty()) m_langs = {"zh", "en"};
  }

  std::string Run() {
    AssignTitles();
    int64_t gid = 1;
    int groupOrder = 0;
    for (const Section& s : m_form.sections) {
      m_groups.rows.push_back({{"gid", std::to_string(gid)}, {"sid", kSid}, {"group_order", std::to_string(groupOrder++)},
                               {"randomization_group", ""}, {"grelevance", Relevance(s.relevant, Message(N_("section {0}")).Arg(s.id), "")}});
      for (const std::string& l : m_langs)
        m_groupL10n.rows.push_back({{"id", std::to_string(++m_l10nId)}, {"gid", std::to_string(gid)}, {"group_name", Html(s.title.Get(l))},
                                    {"description", ""}, {"language", LsLanguage(l)}});
      int order = 0;
      bool first = true;
      for (const Item& item : s.items) {
        AddItem(item, gid, order++, first ? s.id : std::string());
        first = false;
      }
      ++gid;
    }
    if (!m_form.indices.empty()) {
      std::string names;
      for (const IndexDefinition& d : m_form.indices) names += (names.empty() ? "" : ", ") + d.id;
      Note(Message(N_("The index definitions ({0}) are Manyi's analysis and have no place in a LimeSurvey survey; they are not in the "
                      "file. Importing it again gives a questionnaire without them.")).Arg(names));
    }
    return Document();
  }

  std::vector<Message> TakeNotes() { return std::move(m_notes); }

 private:
  static constexpr const char* kSid = "100000";

  void Note(Message m) { m_notes.push_back(std::move(m)); }

  /// LimeSurvey question codes: letters and digits only, starting with a letter, at most 20
  /// characters, unique. Item and grid-row ids are made to fit; expressions use the new codes.
  void AssignTitles() {
    std::set<std::string> used;
    auto fit = [&](const std::string& id) {
      std::string t;
      for (unsigned char c : id)
        if (std::isalnum(c)) t += static_cast<char>(c);
      if (t.empty() || !std::isalpha(static_cast<unsigned char>(t[0]))) t = "Q" + t;
      if (t.size() > 20) t.resize(20);
      std::string base = t;
      for (int k = 2; used.count(t); ++k) {
        const std::string suffix = std::to_string(k);
        t = base.substr(0, std::min(base.size(), 20 - suffix.size())) + suffix;
      }
      used.insert(t);
      return t;
    };
    for (const Section& s : m_form.sections)
      for (const Item& item : s.items) {
        m_title[item.id] = fit(item.id);
        if (m_title[item.id] != item.id)
          Note(Message(N_("Item {0}: LimeSurvey question codes hold only letters and digits; it is {1} in LimeSurvey.")).Arg(item.id).Arg(m_title[item.id]));
      }
    for (const Section& s : m_form.sections)
      for (const Item& item : s.items) {
        const std::string& title = m_title[item.id];
        if (item.type == ItemType::kMultiple || item.type == ItemType::kRanking || item.type == ItemType::kSingle) {
          auto& codes = m_codes[title];
          std::set<std::string> sub;
          size_t n = 0;
          for (const Code& c : item.codes) {
            ++n;
            std::string code;
            if (item.type == ItemType::kMultiple) {
              // Sub-question codes: the option's key when it fits, else SQ + value.
              code = IsLsCode(c.key, 20, false) ? c.key : NumericCode(c.value).empty() ? "SQ" + std::to_string(n) : "SQ" + NumericCode(c.value);
            } else {
              code = NumericCode(c.value);
              if (code.empty()) code = "A" + std::to_string(n);
            }
            while (sub.count(code)) code += "x";
            sub.insert(code);
            codes[FormatNumber(c.value)] = code;
          }
        }
        if (item.type == ItemType::kRating || item.type == ItemType::kNps || item.type == ItemType::kGrid) {
          for (const auto& [value, code] : ScaleCodes(item.scale)) m_codes[title][value] = code;
        }
        if (item.type == ItemType::kGrid) {
          std::set<std::string> sub;
          size_t n = 0;
          for (const GridRow& r : item.rows) {
            ++n;
            std::string want = r.id.rfind(item.id + "_", 0) == 0 ? r.id.substr(item.id.size() + 1) : r.id;
            std::string code;
            for (unsigned char c : want)
              if (std::isalnum(c)) code += static_cast<char>(c);
            if (code.empty() || code.size() > 20) code = "SQ" + std::to_string(n);
            while (sub.count(code)) code += "x";
            sub.insert(code);
            m_rowCode[&r] = code;
            m_title[r.id] = title + "_" + code;
          }
        }
      }
  }

  /// Answer codes of a scale's points and missing codes, by value.
  static std::vector<std::pair<std::string, std::string>> ScaleCodes(const std::optional<Scale>& scale) {
    std::vector<std::pair<std::string, std::string>> out;
    if (!scale) return out;
    size_t n = 0;
    auto add = [&](double v) {
      ++n;
      std::string code = NumericCode(v);
      out.emplace_back(FormatNumber(v), code.empty() ? "A" + std::to_string(n) : code);
    };
    for (double v = scale->min; v <= scale->max + 1e-9; v += 1) add(v);
    for (const MissingCode& m : scale->missing) add(m.value);
    return out;
  }

  ExprMapping Mapping(const std::string& self) const {
    ExprMapping m;
    m.item = [this](const std::string& name) -> std::optional<std::string> {
      auto it = m_title.find(name);
      if (it == m_title.end()) return std::nullopt;
      return it->second;
    };
    m.code = [this](const std::string& item, const std::string& value) -> std::optional<std::string> {
      auto it = m_codes.find(item);
      if (it == m_codes.end()) return std::nullopt;
      auto parsed = ParseNumber(value);
      auto v = it->second.find(parsed ? FormatNumber(*parsed) : value);
      if (v == it->second.end()) return std::nullopt;
      return v->second;
    };
    m.self = self;
    return m;
  }

  /// An expression in ExpressionScript, or `fallback` with a note saying what was not converted.
  std::string Relevance(const std::string& expr, const Message& where, const std::string& self, bool validation = false) {
    if (Trim(expr).empty()) return validation ? "" : "1";
    auto r = ConvertExpression(expr, ExprDialect::kManyi, ExprDialect::kLimeSurvey, Mapping(self));
    if (auto* s = std::get_if<std::string>(&r)) {
      // A multiple choice or grid has no single value in ExpressionScript (only its options do).
      for (const auto& [title, whole] : m_wholeOnly) {
        const std::string var = title + ".NAOK";
        for (size_t at = s->find(var); at != std::string::npos; at = s->find(var, at + 1))
          if (at == 0 || !(std::isalnum(static_cast<unsigned char>((*s)[at - 1])) || (*s)[at - 1] == '_')) {
            Note(Message(validation ? N_("{0}: the validation \"{1}\" uses the answer of {2} as a whole, which LimeSurvey keeps "
                                         "per option; it is NOT in the LimeSurvey file. Write it there by hand.")
                                    : N_("{0}: the condition \"{1}\" uses the answer of {2} as a whole, which LimeSurvey keeps per "
                                         "option; it is NOT in the LimeSurvey file (the question is always shown there). Write it "
                                         "there by hand."))
                     .Arg(where).Arg(expr).Arg(whole));
            return validation ? "" : "1";
          }
      }
      return *s;
    }
    Note(Message(validation ? N_("{0}: the validation \"{1}\" cannot be written in ExpressionScript ({2}); it is NOT in the LimeSurvey "
                                 "file. Write it there by hand.")
                            : N_("{0}: the condition \"{1}\" cannot be written in ExpressionScript ({2}); it is NOT in the LimeSurvey "
                                 "file (the question is always shown there). Write it there by hand."))
             .Arg(where).Arg(expr).Arg(std::get<Message>(r)));
    return validation ? "" : "1";
  }

  static Json ScaleJson(const Scale& sc) {
    Json j;
    j["min"] = sc.min;
    j["max"] = sc.max;
    Json labelled = Json::array();
    for (const auto& [point, label] : sc.pointLabels) labelled.push_back(point);
    j["labelled"] = labelled;
    if (!sc.missing.empty()) {
      Json missing = Json::array();
      for (const MissingCode& m : sc.missing) missing.push_back({m.value, MissingKindKey(m.kind)});
      j["missing"] = missing;
    }
    return j;
  }

  /// The text in exactly this language: a missing translation stays missing (LimeSurvey shows it
  /// empty, as the designer marks it), it is not filled from another language.
  static std::string Own(const LocalText& t, const std::string& lang) { return t.Has(lang) ? t.byLang.at(lang) : std::string(); }

  static bool LabelsEqual(const Scale& a, const Scale& b) {
    if (a.pointLabels.size() != b.pointLabels.size() || a.missing.size() != b.missing.size()) return false;
    for (const auto& [p, t] : a.pointLabels)
      if (!b.pointLabels.count(p) || b.pointLabels.at(p).byLang != t.byLang) return false;
    for (size_t i = 0; i < a.missing.size(); ++i)
      if (a.missing[i].label.byLang != b.missing[i].label.byLang) return false;
    return true;
  }

  void Attribute(int64_t qid, const std::string& name, const std::string& value, const std::string& lang = "") {
    m_attributes.rows.push_back({{"qid", std::to_string(qid)}, {"attribute", name}, {"value", value}, {"language", lang}});
  }

  void Texts(int64_t qid, const LocalText& text, const LocalText& help) {
    for (const std::string& l : m_langs)
      m_questionL10n.rows.push_back({{"id", std::to_string(++m_l10nId)}, {"qid", std::to_string(qid)}, {"question", Html(Own(text, l))},
                                     {"help", Html(Own(help, l))}, {"script", ""}, {"language", LsLanguage(l)}});
  }

  LssRow QuestionRow(int64_t qid, int64_t parent, int64_t gid, const std::string& type, const std::string& title, const std::string& other,
                     bool mandatory, int order, int scaleId, const std::string& relevance, const std::string& theme) {
    return {{"qid", std::to_string(qid)}, {"parent_qid", std::to_string(parent)}, {"sid", kSid}, {"gid", std::to_string(gid)},
            {"type", type}, {"title", title}, {"preg", ""}, {"other", other}, {"mandatory", mandatory ? "Y" : "N"},
            {"encrypted", "N"}, {"question_order", std::to_string(order)}, {"scale_id", std::to_string(scaleId)},
            {"same_default", "0"}, {"relevance", relevance}, {"question_theme_name", theme}, {"modulename", ""}, {"same_script", "0"}};
  }

  void Answer(int64_t qid, const std::string& code, int sort, int scaleId, const LocalText& label, const std::string& fallback) {
    const int64_t aid = ++m_aid;
    m_answers.rows.push_back({{"aid", std::to_string(aid)}, {"qid", std::to_string(qid)}, {"code", code}, {"sortorder", std::to_string(sort)},
                              {"assessment_value", "0"}, {"scale_id", std::to_string(scaleId)}});
    for (const std::string& l : m_langs)
      m_answerL10n.rows.push_back({{"id", std::to_string(++m_l10nId)}, {"aid", std::to_string(aid)},
                                   {"answer", Html(label.Empty() ? fallback : Own(label, l))}, {"language", LsLanguage(l)}});
  }

  /// The answers of a scale: every point from min to max (labelled with its label, else its
  /// number) and the missing codes.
  void ScaleAnswers(int64_t qid, const std::string& title, const Scale& sc, int scaleId) {
    int sort = 0;
    const auto codes = ScaleCodes(sc);
    for (double v = sc.min; v <= sc.max + 1e-9; v += 1) {
      auto it = sc.pointLabels.find(static_cast<int>(v));
      Answer(qid, codes[sort].second, sort, scaleId, it != sc.pointLabels.end() ? it->second : LocalText{}, FormatNumber(v));
      ++sort;
    }
    for (const MissingCode& m : sc.missing) {
      Answer(qid, codes[sort].second, sort, scaleId, m.label, FormatNumber(m.value));
      ++sort;
    }
    if (std::any_of(codes.begin(), codes.end(), [](const auto& c) { return c.second[0] == 'A'; }))
      Note(Message(N_("Question {0}: LimeSurvey answer codes are whole numbers 0–99999 or letters; the scale's values are coded A1, "
                      "A2… in LimeSurvey (in scale order).")).Arg(title));
  }

  void AddItem(const Item& item, int64_t gid, int order, const std::string& sectionStart) {
    const std::string& title = m_title[item.id];
    const int64_t qid = ++m_qid;
    Json manyi;
    manyi["id"] = item.id;
    manyi["type"] = ItemTypeKey(item.type);
    if (!sectionStart.empty()) manyi["section"] = sectionStart;
    if (item.role != ItemRole::kNone) manyi["role"] = ItemRoleKey(item.role);
    if (!item.attribute.empty()) manyi["attribute"] = item.attribute;
    if (item.reversed) manyi["reversed"] = true;
    if (!item.codeListRef.empty()) manyi["code_list"] = item.codeListRef;
    if (!item.scaleRef.empty()) manyi["scale_ref"] = item.scaleRef;

    std::string type, theme, other = "N";
    switch (item.type) {
      case ItemType::kSingle:
        type = "L", theme = "listradio";
        break;
      case ItemType::kRating:
      case ItemType::kNps:
        type = "L", theme = "listradio";
        break;
      case ItemType::kMultiple: type = "M", theme = "multiplechoice"; break;
      case ItemType::kRanking: type = "R", theme = "ranking"; break;
      case ItemType::kGrid:
        type = item.importanceScale ? "1" : "F", theme = item.importanceScale ? "arrays/dualscale" : "arrays/array";
        break;
      case ItemType::kNumeric: type = "N", theme = "numerical"; break;
      case ItemType::kShortText: type = "S", theme = "shortfreetext"; break;
      case ItemType::kLongText: type = "T", theme = "longfreetext"; break;
      case ItemType::kDate: type = "D", theme = "date"; break;
      case ItemType::kNote: type = "X", theme = "boilerplate"; break;
    }
    if (item.allowOther && (item.type == ItemType::kSingle || item.type == ItemType::kMultiple)) other = "Y";
    const std::string relevance = Relevance(item.relevant, Message(N_("item {0}")).Arg(item.id), "");
    m_questions.rows.push_back(QuestionRow(qid, 0, gid, type, title, other, item.required, order, 0, relevance, theme));
    Texts(qid, item.text, item.help);

    if (item.type == ItemType::kSingle || item.type == ItemType::kRanking) {
      Json codes = Json::array();
      int sort = 0;
      for (const Code& c : item.codes) {
        Answer(qid, m_codes[title][FormatNumber(c.value)], sort++, 0, c.label, FormatNumber(c.value));
        codes.push_back(c.key.empty() ? Json::array({c.value}) : Json::array({c.value, c.key}));
      }
      manyi["codes"] = codes;
    } else if (item.type == ItemType::kMultiple) {
      Json codes = Json::array();
      int sort = 0;
      for (const Code& c : item.codes) {
        const int64_t sq = ++m_qid;
        m_subquestions.rows.push_back(QuestionRow(sq, qid, gid, "T", m_codes[title][FormatNumber(c.value)], "N", false, sort++, 0, "1", ""));
        Texts(sq, c.label.Empty() ? LocalText::Of(FormatNumber(c.value), FormatNumber(c.value)) : c.label, {});
        codes.push_back(c.key.empty() ? Json::array({c.value}) : Json::array({c.value, c.key}));
      }
      manyi["codes"] = codes;
    } else if (item.type == ItemType::kRating || item.type == ItemType::kNps) {
      const Scale sc = item.scale.value_or(item.type == ItemType::kNps ? Scale{0, 10, {}, {}} : Scale{});
      ScaleAnswers(qid, title, sc, 0);
      manyi["scale"] = ScaleJson(sc);
    } else if (item.type == ItemType::kGrid) {
      const Scale sc = item.scale.value_or(Scale{});
      ScaleAnswers(qid, title, sc, 0);
      manyi["scale"] = ScaleJson(sc);
      if (item.importanceScale) {
        ScaleAnswers(qid, title, *item.importanceScale, 1);
        manyi["importance_scale"] = ScaleJson(*item.importanceScale);
        // The model names only the satisfaction scale; a shared scale equal to the importance
        // scale is named so that the shared definition comes back too.
        for (const auto& [name, shared] : m_form.scales)
          if (ScaleJson(shared) == ScaleJson(*item.importanceScale) && LabelsEqual(shared, *item.importanceScale)) {
            manyi["importance_scale_ref"] = name;
            break;
          }
      }
      Json rows = Json::array();
      int sort = 0;
      for (const GridRow& r : item.rows) {
        const int64_t sq = ++m_qid;
        m_subquestions.rows.push_back(QuestionRow(sq, qid, gid, "T", m_rowCode[&r], "N", false, sort++, 0, "1", ""));
        Texts(sq, r.text, {});
        Json jr;
        jr["id"] = r.id;
        if (r.role != ItemRole::kAttributeSatisfaction) jr["role"] = ItemRoleKey(r.role);
        if (r.reversed) jr["reversed"] = true;
        if (!r.importanceId.empty()) jr["importance"] = r.importanceId;
        rows.push_back(jr);
      }
      manyi["rows"] = rows;
    } else if (item.type == ItemType::kNumeric) {
      if (item.min) Attribute(qid, "min_num_value_n", FormatNumber(*item.min));
      if (item.max) Attribute(qid, "max_num_value_n", FormatNumber(*item.max));
      Attribute(qid, "num_value_int_only", item.decimals == 0 ? "1" : "0");
      if (item.decimals) manyi["decimals"] = item.decimals;
    }
    if (!Trim(item.constraint).empty()) {
      const std::string v = Relevance(item.constraint, Message(N_("item {0}")).Arg(item.id), item.id, true);
      if (!v.empty()) {
        Attribute(qid, "em_validation_q", v);
        for (const std::string& l : m_langs)
          if (item.constraintMessage.Has(l)) Attribute(qid, "em_validation_q_tip", Html(item.constraintMessage.byLang.at(l)), LsLanguage(l));
      }
    }
    if (item.type == ItemType::kMultiple || item.type == ItemType::kGrid || item.type == ItemType::kRanking) m_wholeOnly[title] = item.id;
    Attribute(qid, "manyi", manyi.dump());
  }

  std::string Document() {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<document>\n <LimeSurveyDocType>Survey</LimeSurveyDocType>\n"
                      " <DBVersion>630</DBVersion>\n <languages>\n";
    for (const std::string& l : m_langs) out += "  <language>" + LsLanguage(l) + "</language>\n";
    out += " </languages>\n";
    LssTable surveys{"surveys", {}, {}};
    std::string additional;
    for (size_t i = 1; i < m_langs.size(); ++i) additional += (i > 1 ? " " : "") + LsLanguage(m_langs[i]);
    surveys.rows.push_back({{"sid", kSid}, {"gsid", "1"}, {"admin", "inherit"}, {"adminemail", "inherit"}, {"anonymized", "N"},
                            {"format", "G"}, {"savetimings", "N"}, {"template", "inherit"}, {"language", LsLanguage(m_langs.front())},
                            {"additional_languages", additional}, {"datestamp", "Y"}, {"usecookie", "N"}, {"allowregister", "N"},
                            {"allowsave", "Y"}, {"autonumber_start", "0"}, {"autoredirect", "N"}, {"allowprev", "Y"},
                            {"printanswers", "N"}, {"ipaddr", "N"}, {"refurl", "N"}, {"publicstatistics", "N"}, {"publicgraphs", "N"},
                            {"listpublic", "N"}, {"htmlemail", "Y"}, {"sendconfirmation", "N"}, {"tokenanswerspersistence", "N"},
                            {"assessments", "N"}, {"usecaptcha", "N"}, {"usetokens", "N"}, {"showxquestions", "Y"},
                            {"showgroupinfo", "B"}, {"shownoanswer", "N"}, {"showqnumcode", "X"}, {"showwelcome", "Y"},
                            {"showprogress", "Y"}, {"questionindex", "0"}, {"navigationdelay", "0"}, {"nokeyboard", "N"},
                            {"alloweditaftercompletion", "N"}});
    LssTable settings{"surveys_languagesettings", {}, {}};
    for (const std::string& l : m_langs)
      settings.rows.push_back({{"surveyls_survey_id", kSid}, {"surveyls_language", LsLanguage(l)}, {"surveyls_title", Html(Own(m_form.title, l))},
                               {"surveyls_description", Html(m_form.description.Has(l) ? m_form.description.byLang.at(l) : "")},
                               {"surveyls_welcometext", ""}, {"surveyls_endtext", ""}, {"surveyls_dateformat", l == "zh" ? "6" : "9"},
                               {"surveyls_numberformat", "0"}});
    for (LssTable* t : {&m_groups, &m_groupL10n, &m_questions, &m_subquestions, &m_questionL10n, &m_answers, &m_answerL10n,
                        &m_attributes, &surveys, &settings})
      out += Table(*t);
    return out + "</document>\n";
  }

  static std::string Table(const LssTable& t) {
    if (t.rows.empty()) return {};
    std::string out = " <" + t.name + ">\n  <fields>\n";
    for (const auto& [field, value] : t.rows.front()) out += "   <fieldname>" + field + "</fieldname>\n";
    out += "  </fields>\n  <rows>\n";
    for (const LssRow& row : t.rows) {
      out += "   <row>\n";
      for (const auto& [field, value] : row)
        out += value.empty() ? "    <" + field + "/>\n" : "    <" + field + ">" + Cdata(value) + "</" + field + ">\n";
      out += "   </row>\n";
    }
    return out + "  </rows>\n </" + t.name + ">\n";
  }

  const Questionnaire& m_form;
  std::vector<std::string> m_langs;
  std::vector<Message> m_notes;
  std::map<std::string, std::string> m_title;                       // item / grid-row id → LimeSurvey variable
  std::map<std::string, std::map<std::string, std::string>> m_codes; // LimeSurvey title → value → answer / sub-question code
  std::map<const GridRow*, std::string> m_rowCode;
  std::map<std::string, std::string> m_wholeOnly;                   // title → item id of questions with per-option answers
  LssTable m_groups{"groups", {}, {}}, m_groupL10n{"group_l10ns", {}, {}}, m_questions{"questions", {}, {}},
      m_subquestions{"subquestions", {}, {}}, m_questionL10n{"question_l10ns", {}, {}}, m_answers{"answers", {}, {}},
      m_answerL10n{"answer_l10ns", {}, {}}, m_attributes{"question_attributes", {}, {}};
  int64_t m_qid = 0, m_aid = 0, m_l10nId = 0;
};

}  // namespace

LimeSurveyExport ExportLimeSurveyLss(const Questionnaire& form) {
  LssWriter writer(form);
  LimeSurveyExport out;
  out.xml = writer.Run();
  out.notes = writer.TakeNotes();
  return out;
}

std::vector<Message> ExportLimeSurvey(const Questionnaire& form, const std::filesystem::path& file) {
  LimeSurveyExport e = ExportLimeSurveyLss(form);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  if (!out || !out.write(e.xml.data(), static_cast<std::streamsize>(e.xml.size())) || !out.flush())
    throw UserError(Message(N_("{0} cannot be written. Check that the folder exists, that you may write there and that the disk is not "
                               "full.")).Arg(file.string()));
  return std::move(e.notes);
}

}  // namespace manyi::io

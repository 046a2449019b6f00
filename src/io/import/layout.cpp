// Signatures of the response exports of LimeSurvey, Qualtrics, SurveyMonkey, 问卷星, Google
// Forms, Microsoft Forms and KoboToolbox, and the generic fallback.
#include "io/import/layout.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string_view>
#include <vector>

#include "core/text.h"

namespace manyi::io::import {

namespace {

using Head = std::vector<std::vector<std::string>>;

std::string Lower(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::string& Cell(const Head& head, size_t row, size_t col) {
  static const std::string kEmpty;
  return row < head.size() && col < head[row].size() ? head[row][col] : kEmpty;
}

bool RowHas(const Head& head, size_t row, std::initializer_list<const char*> names) {
  if (row >= head.size()) return false;
  std::set<std::string> cells;
  for (const std::string& c : head[row]) cells.insert(Lower(c));
  for (const char* n : names)
    if (!cells.count(Lower(n))) return false;
  return true;
}

size_t Width(const Head& head) { return head.empty() ? 0 : head[0].size(); }

/// "Timestamp" (lower-case ASCII) in the languages of Google Sheets' response sheets.
bool IsGoogleFormsTimestamp(const std::string& lowerName) {
  static const std::set<std::string> kTimestamp = {"timestamp", "时间戳记", "时间戳", "時間戳記", "marca temporal", "horodateur",
                                                   "zeitstempel", "タイムスタンプ", "carimbo de data/hora", "informazioni cronologiche",
                                                   "tijdstempel", "타임스탬프", "Отметка времени", "znacznik czasu"};
  return kTimestamp.count(lowerName) > 0;
}

/// The names LimeSurvey gives its metadata, timing and "other" columns in exports with question
/// text headings, in the language of the export. English and German as they appear in real
/// exports; Simplified Chinese from LimeSurvey's own catalogue (LimeSurvey/LimeSurvey,
/// locale/zh-Hans/zh-Hans.po at commit 71d334cc90989c3aae60f618b794dd521a56ddc8, "LimeSurvey 6.x",
/// PO-Revision-Date 2025-05-19). An empty name is one not known for that language.
struct LimeSurveyHeadings {
  const char* responseId;
  const char* dateSubmitted;
  const char* lastPage;
  const char* startLanguage;
  std::vector<const char*> ignored;  // seed, date started, date last action, IP, referrer, total time
  const char* groupTime;             // "Group time: <group>"
  const char* questionTime;          // "Question time: <question>"
  const char* other;                 // "Question [Other]": the other text
};
const std::vector<LimeSurveyHeadings>& LimeSurveyLanguages() {
  static const std::vector<LimeSurveyHeadings> kLanguages = {
      {"Response ID", "Date submitted", "Last page", "Start language",
       {"Seed", "Date started", "Date last action", "IP address", "Referrer URL", "Total time"}, "Group time", "Question time",
       "Other"},
      {"Antwort ID", "Datum Abgeschickt", "Letzte Seite", "Start-Sprache",
       {"Zufallsstartwert", "Datum gestartet", "Datum letzte Aktivität"}, "", "", "Sonstiges"},
      {"反馈 ID", "提交的日期", "末页", "起始语言", {"种子", "开始日期", "上次操作日期", "IP 地址", "来源网址", "总计时长"}, "组时间",
       "问题时间", "其它"},
  };
  return kLanguages;
}

/// The role of a LimeSurvey question-text heading in any of the languages above, or kAnswer.
ColumnRole LimeSurveyTextRole(const std::string& lowerName) {
  static const std::map<std::string, ColumnRole> kRoles = [] {
    std::map<std::string, ColumnRole> roles;
    for (const LimeSurveyHeadings& l : LimeSurveyLanguages()) {
      roles[Lower(l.responseId)] = ColumnRole::kRespondentId;
      roles[Lower(l.dateSubmitted)] = ColumnRole::kSubmittedAt;
      roles[Lower(l.lastPage)] = ColumnRole::kIgnore;
      roles[Lower(l.startLanguage)] = ColumnRole::kIgnore;
      for (const char* n : l.ignored) roles[Lower(n)] = ColumnRole::kIgnore;
    }
    return roles;
  }();
  if (auto it = kRoles.find(lowerName); it != kRoles.end()) return it->second;
  // Timings: one column per group and question, "Group time: …" (a full-width colon accepted too).
  for (const LimeSurveyHeadings& l : LimeSurveyLanguages())
    for (const char* prefix : {l.groupTime, l.questionTime}) {
      const std::string p = Lower(prefix);
      if (p.empty() || lowerName.rfind(p, 0) != 0) continue;
      const std::string_view rest = Trim(std::string_view(lowerName).substr(p.size()));
      if (rest.rfind(":", 0) == 0 || rest.rfind("：", 0) == 0) return ColumnRole::kIgnore;
    }
  return ColumnRole::kAnswer;
}

bool IsLimeSurveyOtherOption(const std::string& lowerOption) {
  if (lowerOption == "comment") return true;
  for (const LimeSurveyHeadings& l : LimeSurveyLanguages())
    if (lowerOption == Lower(l.other)) return true;
  return false;
}

/// Metadata column names of every tool, lower-case, with the role they play.
ColumnRole MetaRole(const std::string& lowerName, const std::string& format) {
  static const std::map<std::string, ColumnRole> kCommon = {
      {"respondentid", ColumnRole::kRespondentId}, {"respondent id", ColumnRole::kRespondentId},
      {"responseid", ColumnRole::kRespondentId},   {"response id", ColumnRole::kRespondentId},
      {"respondent_id", ColumnRole::kRespondentId}, {"response_id", ColumnRole::kRespondentId},
      {"_uuid", ColumnRole::kRespondentId},        {"序号", ColumnRole::kRespondentId},
      {"enddate", ColumnRole::kSubmittedAt},       {"end date", ColumnRole::kSubmittedAt},
      {"date submitted", ColumnRole::kSubmittedAt},  {"datum abgeschickt", ColumnRole::kSubmittedAt},
      {"antwort id", ColumnRole::kRespondentId},
      {"recordeddate", ColumnRole::kSubmittedAt},  {"submitdate", ColumnRole::kSubmittedAt},
      {"_submission_time", ColumnRole::kSubmittedAt}, {"提交答卷时间", ColumnRole::kSubmittedAt},
      {"timestamp", ColumnRole::kSubmittedAt},     {"时间戳记", ColumnRole::kSubmittedAt},
      {"completion time", ColumnRole::kSubmittedAt}, {"完成时间", ColumnRole::kSubmittedAt},
      {"submitted_on", ColumnRole::kSubmittedAt},  {"submitted_at", ColumnRole::kSubmittedAt},
      {"externalreference", ColumnRole::kCustomerId}, {"externaldatareference", ColumnRole::kCustomerId},
      {"token", ColumnRole::kCustomerId},          {"customer_id", ColumnRole::kCustomerId},
      {"客户编号", ColumnRole::kCustomerId},
      {"recipientemail", ColumnRole::kEmail},      {"emailaddress", ColumnRole::kEmail},
      {"email address", ColumnRole::kEmail},       {"email", ColumnRole::kEmail},
      {"电子邮件地址", ColumnRole::kEmail},          {"电子邮件", ColumnRole::kEmail},
      {"channel", ColumnRole::kChannel},           {"渠道", ColumnRole::kChannel},
  };
  static const std::set<std::string> kIgnored = {
      // Qualtrics
      "startdate", "status", "ipaddress", "progress", "duration (in seconds)", "finished", "recipientlastname",
      "recipientfirstname", "locationlatitude", "locationlongitude", "locationaccuracy", "distributionchannel",
      "userlanguage", "responseset", "name",
      // SurveyMonkey
      "collectorid", "collector id", "start date", "ip address", "first name", "last name", "lastname", "firstname",
      "custom data",
      // LimeSurvey (codes, and the English headings of its "question text" exports)
      "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl", "interviewtime",
      "last page", "start language", "date started", "date last action", "referrer url", "total time",
      "letzte seite", "start-sprache", "zufallsstartwert", "datum gestartet", "datum letzte aktivität",
      // 问卷星
      "所用时间", "来源", "来源详情", "来自ip", "总分",
      // Microsoft Forms
      "id", "start time", "开始时间", "名称", "last modified time",
      // Kobo
      "meta/instanceid", "_id", "_tags", "_notes", "_validation_status", "_status", "_submitted_by", "_index",
      "_parent_table_name", "_parent_index", "formhub/uuid", "start", "end", "today", "deviceid", "imei",
      "subscriberid", "simserial", "phonenumber", "start_time", "end_time", "__version__", "_version_",
      // the bench generator
      "wave",
  };
  if (format == "googleforms" && IsGoogleFormsTimestamp(lowerName)) return ColumnRole::kSubmittedAt;
  auto it = kCommon.find(lowerName);
  if (it != kCommon.end()) {
    if (lowerName == "email" && format != "msforms" && format != "generic") return ColumnRole::kAnswer;
    return it->second;
  }
  if (kIgnored.count(lowerName)) {
    if (lowerName == "id" && (format == "limesurvey" || format == "msforms")) return ColumnRole::kRespondentId;
    if (lowerName == "name" && format != "qualtrics" && format != "msforms") return ColumnRole::kAnswer;
    if (lowerName == "id" && format != "msforms") return ColumnRole::kAnswer;
    return ColumnRole::kIgnore;
  }
  if (format == "kobo" && (lowerName.rfind("_gps_", 0) == 0 || (lowerName.size() > 1 && lowerName[0] == '_')))
    return ColumnRole::kIgnore;
  // SurveyMonkey numbers its custom data columns; LimeSurvey's timings export one column per
  // group and question ("Group time: …", "Question time: …").
  if (lowerName.rfind("custom data ", 0) == 0) return ColumnRole::kIgnore;
  if (format == "limesurvey") return LimeSurveyTextRole(lowerName);
  return ColumnRole::kAnswer;
}

/// "Q2[SQ001]" → ("Q2", "SQ001"); "Q2_SQ001" when the part before the underscore is a known code.
/// Headings of question text ("Which do you use? [Bus]") split at their brackets only.
bool SplitLimeCode(const std::string& code, const std::set<std::string>& plainCodes, bool textHeadings, std::string& group,
                   std::string& option) {
  const size_t open = code.find('[');
  if (open != std::string::npos && open > 0 && code.back() == ']') {
    group = std::string(Trim(std::string_view(code).substr(0, open)));
    // Q4[SQ001][1] (dual scale): the option is "SQ001][1", made an id of later.
    option = std::string(Trim(std::string_view(code).substr(open + 1, code.size() - open - 2)));
    return !group.empty() && !option.empty();
  }
  if (textHeadings) return false;
  const size_t us = code.find('_');
  if (us != std::string::npos && us > 0) {
    group = code.substr(0, us);
    option = code.substr(us + 1);
    return !plainCodes.count(code);
  }
  return false;
}

void AddColumns(SourceLayout& layout, const Head& head, size_t codeRow, size_t textRow) {
  for (size_t c = 0; c < Width(head); ++c) {
    SourceColumn col;
    col.index = c;
    col.header = Cell(head, 0, c);
    col.code = std::string(Trim(Cell(head, codeRow, c)));
    // Tools that write question texts as headings have no codes.
    if (layout.format == "surveymonkey" || layout.format == "googleforms" || layout.format == "msforms") col.code.clear();
    col.text = std::string(Trim(Cell(head, textRow, c)));
    if (col.text.empty()) col.text = col.code;
    col.role = col.header.empty() && col.code.empty() ? ColumnRole::kIgnore : MetaRole(Lower(col.code.empty() ? col.header : col.code), layout.format);
    // A column's text names its metadata only where there is no code of its own to go by: a
    // question coded Q7 whose text happens to be "Date started" (开始日期) stays a question.
    if (col.role == ColumnRole::kAnswer && layout.format != "generic" && (col.code.empty() || col.code == col.text)) {
      const ColumnRole byText = MetaRole(Lower(col.text), layout.format);
      if (byText != ColumnRole::kAnswer) col.role = byText;
    }
    layout.columns.push_back(col);
  }
}

/// Whether a cell is one of Qualtrics' import ids: {"ImportId":"QID1"} in today's exports,
/// {'ImportId': 'QID1'} in those of 2016–2017.
bool IsImportIdCell(std::string_view cell) {
  cell = Trim(cell);
  return cell.rfind("{\"ImportId\"", 0) == 0 || cell.rfind("{'ImportId'", 0) == 0;
}
bool IsQualtrics3(const Head& h) {
  if (h.size() < 3 || !(RowHas(h, 0, {"ResponseId"}) || RowHas(h, 1, {"ResponseId"}))) return false;
  // The first column is not always the response id (custom exports reorder them).
  for (size_t c = 0; c < h[2].size() && c < 8; ++c)
    if (IsImportIdCell(h[2][c])) return true;
  return false;
}
bool IsQualtrics2(const Head& h) { return RowHas(h, 0, {"ResponseId", "StartDate"}) || RowHas(h, 0, {"ResponseID", "StartDate"}); }
bool IsQualtricsLegacy(const Head& h) {
  return h.size() >= 2 && Lower(Cell(h, 0, 0)) == "v1" && RowHas(h, 1, {"ResponseID", "ResponseSet"});
}
bool IsSurveyMonkey(const Head& h) {
  const std::string first = Lower(Cell(h, 0, 0));
  return first == "respondentid" || first == "respondent id";
}
bool IsSurveyMonkey2Row(const Head& h) {
  if (h.size() < 2) return false;
  bool blank = true;
  for (const std::string& c : h[1]) {
    if (c == "Response" || c == "Open-Ended Response") return true;
    blank = blank && Trim(c).empty();
  }
  // An export of single-answer questions only may leave the second header row empty.
  return blank && h.size() >= 3;
}
bool IsWenjuanxing(const Head& h) { return RowHas(h, 0, {"序号", "提交答卷时间"}); }
bool IsGoogleForms(const Head& h) {
  const std::string first = Lower(Cell(h, 0, 0));
  return IsGoogleFormsTimestamp(first);
}
bool IsMsForms(const Head& h) {
  return (RowHas(h, 0, {"Id", "Start time", "Completion time"}) || RowHas(h, 0, {"ID", "开始时间", "完成时间"}));
}
bool IsKobo(const Head& h) {
  return RowHas(h, 0, {"_uuid"}) || RowHas(h, 0, {"_submission_time"}) || RowHas(h, 0, {"meta/instanceID"});
}
bool IsLimeSurveyCsv(const Head& h) { return RowHas(h, 0, {"id", "submitdate", "lastpage", "startlanguage"}); }
/// The "question text" heading style (and the R data file): LimeSurvey's names of its metadata
/// columns, in the export's language, instead of their codes.
bool IsLimeSurveyText(const Head& h) {
  for (const LimeSurveyHeadings& l : LimeSurveyLanguages())
    if (RowHas(h, 0, {l.responseId, l.dateSubmitted, l.lastPage, l.startLanguage})) return true;
  return false;
}
bool IsLimeSurveyVv(const Head& h) { return RowHas(h, 1, {"id", "submitdate", "lastpage", "startlanguage"}); }

void LayoutLimeSurvey(SourceLayout& l, const Head& h, bool vv, bool textHeadings = false) {
  l.format = "limesurvey";
  l.headerRows = vv ? 2 : 1;
  l.missing = {"N/A"};
  l.otherMarker = "-oth-";
  AddColumns(l, h, vv ? 1 : 0, 0);
  std::set<std::string> plain, lowerCodes;
  for (const SourceColumn& c : l.columns) {
    if (c.code.find('[') == std::string::npos && c.code.find('_') == std::string::npos) plain.insert(c.code);
    lowerCodes.insert(Lower(c.code));
    if (const size_t open = c.code.find('['); open != std::string::npos && open > 0) lowerCodes.insert(Lower(c.code.substr(0, open)));
  }
  for (SourceColumn& c : l.columns) {
    if (c.role != ColumnRole::kAnswer) continue;
    // Timings: groupTime12, and Q1Time beside a column Q1.
    const std::string lower = Lower(c.code);
    if (!textHeadings && (lower.rfind("grouptime", 0) == 0 ||
                          (lower.size() > 4 && lower.compare(lower.size() - 4, 4, "time") == 0 && lowerCodes.count(lower.substr(0, lower.size() - 4))))) {
      c.role = ColumnRole::kIgnore;
      continue;
    }
    std::string group, option;
    if (!SplitLimeCode(c.code, plain, textHeadings, group, option)) continue;
    // The text heading "Question [Option]" (or "[Row][Scale 1]"): the question's text.
    if (const size_t bracket = c.text.find(" ["); bracket != std::string::npos && bracket > 0 && c.text.back() == ']')
      c.text = std::string(Trim(std::string_view(c.text).substr(0, bracket)));
    if (IsLimeSurveyOtherOption(Lower(option))) {
      c.code = group;
      c.otherText = true;
    } else {
      c.group = group;
      c.option = option;
    }
  }
}

void LayoutQualtrics(SourceLayout& l, const Head& h, int headerRows, bool legacy) {
  l.format = "qualtrics";
  l.headerRows = headerRows;
  // Today's exports write a multiple answer question in one column: "1,3" or "Red,Blue".
  if (!legacy) l.multiJoin = ",";
  if (legacy) {
    AddColumns(l, h, 0, 1);
    for (SourceColumn& c : l.columns) {
      // V1…V10 are metadata named in the second row.
      if (c.code.size() >= 2 && c.code[0] == 'V' && std::all_of(c.code.begin() + 1, c.code.end(), ::isdigit)) {
        c.role = MetaRole(Lower(c.text), l.format);
        if (c.role == ColumnRole::kAnswer) c.role = ColumnRole::kIgnore;
      }
    }
  } else {
    AddColumns(l, h, 0, 1);
  }
  static const std::set<std::string> kTimingTails = {"first click", "last click", "page submit", "click count", "do"};
  for (SourceColumn& c : l.columns) {
    const size_t us = c.code.rfind('_');
    if (c.role != ColumnRole::kAnswer || us == std::string::npos || us == 0) continue;
    const std::string tail = c.code.substr(us + 1);
    if (kTimingTails.count(Lower(tail)) || Lower(c.code).find("_do_") != std::string::npos) {
      c.role = ColumnRole::kIgnore;  // Q3_First Click… (timing), Q3_DO, Q3_DO_1 (display order): not answers
    } else if (Lower(tail) == "text") {
      // Q5_TEXT, Q5_4_TEXT: the other text of Q5 (whose code may hold underscores itself).
      std::string code = c.code.substr(0, us);
      const size_t inner = code.rfind('_');
      if (inner != std::string::npos && inner > 0 && inner + 1 < code.size() &&
          std::all_of(code.begin() + long(inner) + 1, code.end(), ::isdigit))
        code = code.substr(0, inner);
      c.otherText = true;
      c.code = code;
    } else if (!tail.empty() && std::all_of(tail.begin(), tail.end(), ::isdigit)) {
      c.group = c.code.substr(0, us);  // Q3_1, Q3_2: rows or options of Q3
      c.option = tail;
    }
  }
  // The question and option texts of a group's columns: what all of them start with is the
  // question, up to the last separator, " - " in today's exports and "-" in those before 2018
  // ("Check all that apply-Squash are great"); a lone column splits at its last " - ".
  std::map<std::string, std::vector<SourceColumn*>> groups;
  for (SourceColumn& c : l.columns)
    if (!c.group.empty() && !c.otherText) groups[c.group].push_back(&c);
  for (auto& [group, members] : groups) {
    bool split = false;
    if (members.size() >= 2) {
      std::string prefix = members[0]->text;
      for (const SourceColumn* m : members) {
        size_t n = 0;
        while (n < prefix.size() && n < m->text.size() && prefix[n] == m->text[n]) ++n;
        prefix.resize(n);
      }
      const size_t dash = prefix.rfind('-');
      if (dash != std::string::npos && dash > 0) {
        const std::string question(Trim(std::string_view(prefix).substr(0, dash)));
        bool allHaveOption = !question.empty();
        for (const SourceColumn* m : members) allHaveOption = allHaveOption && !Trim(std::string_view(m->text).substr(dash + 1)).empty();
        if (allHaveOption) {
          for (SourceColumn* m : members) {
            m->option = std::string(Trim(std::string_view(m->text).substr(dash + 1)));
            m->text = question;
          }
          split = true;
        }
      }
    }
    if (!split)
      for (SourceColumn* m : members) {
        std::string q, o;
        if (SplitQuestionOption(m->text, q, o)) {
          m->text = q;
          m->option = o;
        }
      }
  }
}

void LayoutSurveyMonkey(SourceLayout& l, const Head& h, bool twoRows) {
  l.format = "surveymonkey";
  l.headerRows = twoRows ? 2 : 1;
  AddColumns(l, h, 0, 0);
  std::string question;
  std::map<std::string, size_t> questions;  // question text → column (single-header "Q - Other")
  for (SourceColumn& c : l.columns) {
    if (twoRows) {
      const std::string sub(Trim(Cell(h, 1, c.index)));
      if (!c.header.empty()) question = std::string(Trim(c.header));
      else if (c.index > 0) c.role = ColumnRole::kAnswer;
      c.text = question;
      if (c.role != ColumnRole::kAnswer) continue;
      const bool continued = c.header.empty() || (c.index + 1 < Width(h) && Cell(h, 0, c.index + 1).empty());
      if (sub == "Other (please specify)" && continued && c.header.empty()) {
        c.otherText = true;
      } else if (sub != "Response" && sub != "Open-Ended Response" && !sub.empty() && continued) {
        c.group = question;
        c.option = sub;
      }
    } else {
      std::string q, o;
      if (c.role == ColumnRole::kAnswer && SplitQuestionOption(c.header, q, o)) {
        c.text = q;
        const bool repeated = c.index + 1 < Width(h) && Cell(h, 0, c.index + 1) == c.header;
        if (Lower(o).rfind("other (please specify)", 0) == 0 && !repeated) c.otherText = true;
        else {
          c.group = q;
          c.option = o;
        }
      }
    }
  }
  if (!twoRows) {
    // A "Question - Option" column whose question also has a column of its own is that
    // question's other text, not an option; lone "Q - X" columns are ordinary answers.
    std::map<std::string, int> groupSize;
    for (const SourceColumn& c : l.columns) {
      if (!c.group.empty()) groupSize[c.group]++;
      if (c.group.empty() && c.role == ColumnRole::kAnswer && !c.otherText) questions[c.text] = c.index;
    }
    for (SourceColumn& c : l.columns)
      if (!c.group.empty() && groupSize[c.group] < 2) {
        c.text = c.header;
        c.group.clear();
        c.option.clear();
      }
  }
}

void LayoutWenjuanxing(SourceLayout& l, const Head& h) {
  l.format = "wenjuanxing";
  l.multiJoin = "┋";
  l.missing = {"-2", "-3", "(跳过)", "(空)"};
  AddColumns(l, h, 0, 0);
  bool anyNumbered = false;
  for (SourceColumn& c : l.columns) {
    if (c.role != ColumnRole::kAnswer) continue;
    const std::string& t = c.header;
    // "1、手机部数" (question 1); "6(运动)" or "第6题(运动)" (option 运动 of question 6, 0/1).
    size_t i = t.rfind("第", 0) == 0 ? std::string("第").size() : 0;
    const size_t digits = i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) ++i;
    if (i == digits) continue;
    const std::string number = t.substr(digits, i - digits);
    std::string rest = t.substr(i);
    if (rest.rfind("题", 0) == 0) rest = rest.substr(std::string("题").size());
    if (rest.rfind("、", 0) == 0) {
      c.code = "Q" + number;
      c.text = std::string(Trim(rest.substr(std::string("、").size())));
      anyNumbered = true;
    } else if (!rest.empty() && (rest[0] == '(' || rest.rfind("（", 0) == 0)) {
      const size_t open = rest[0] == '(' ? 1 : std::string("（").size();
      size_t close = rest.rfind(')');
      if (close == std::string::npos) close = rest.rfind("）");
      c.group = "Q" + number;
      c.code = c.group;
      c.text = "第" + number + "题";
      c.option = rest.substr(open, close == std::string::npos ? std::string::npos : close - open);
      anyNumbered = true;
    }
  }
  // The by-code file writes numbers only; detected by its data in the pipeline, noted here when
  // option columns show it.
  for (const SourceColumn& c : l.columns)
    if (!c.group.empty()) l.answersAreCodes = true;
  (void)anyNumbered;
}

void LayoutPlain(SourceLayout& l, const Head& h, const std::string& format) {
  l.format = format;
  AddColumns(l, h, 0, 0);
  if (format == "googleforms") l.multiJoin = ", ";
  if (format == "msforms") l.multiJoin = ";";
  if (format == "kobo") {
    l.missing = {"n/a"};
    // select_multiple expanded into "question/option" columns; the pipeline confirms from the
    // data that they hold True/False (or 1/0) before treating them as options.
    // KoboToolbox writes HXL hashtags (#symmetry) under the headings when the form has them.
    if (h.size() >= 2) {
      bool tags = false, other = false;
      for (const std::string& cell : h[1]) {
        const std::string_view t = Trim(cell);
        if (t.empty()) continue;
        (t[0] == '#' && t.size() > 1 && t.find(' ') == std::string_view::npos ? tags : other) = true;
      }
      if (tags && !other) l.headerRows = 2;
    }
    std::map<std::string, int> members;
    std::set<std::string> codes;
    for (const SourceColumn& c : l.columns)
      if (c.role == ColumnRole::kAnswer) codes.insert(c.code);
    // A select_multiple with a column of its own ("Q" beside "Q/a", "Q/b"; or "Q%a" when the
    // export's group separator was changed): the longest heading that another one starts with,
    // followed by one punctuation character, is the question.
    // Not '_' or '-', which names hold ("colors" beside "colors_other", its other text).
    static const std::string kGroupSeparators = "/%:.|>\\";
    std::map<size_t, size_t> cut;  // column → where its question's heading ends
    std::map<std::string, int> optionColumns;
    for (const SourceColumn& c : l.columns) {
      if (c.role != ColumnRole::kAnswer) continue;
      for (size_t k = c.code.size(); k-- > 1;) {
        if (kGroupSeparators.find(c.code[k]) == std::string::npos || k + 1 >= c.code.size()) continue;
        if (!codes.count(c.code.substr(0, k))) continue;
        cut[c.index] = k;
        optionColumns[c.code.substr(0, k)]++;
        break;
      }
    }
    std::set<std::string> summaries;
    for (SourceColumn& c : l.columns) {
      auto at = cut.find(c.index);
      if (at == cut.end() || optionColumns[c.code.substr(0, at->second)] < 2) continue;
      c.group = c.code.substr(0, at->second);
      c.option = c.code.substr(at->second + 1);
      summaries.insert(c.group);
      members[c.group]++;
    }
    for (SourceColumn& c : l.columns) {
      if (c.role != ColumnRole::kAnswer) continue;
      if (summaries.count(c.code)) {
        // The select_multiple's own column ("Spherical Radial Bilateral": the chosen options
        // joined with spaces, which labels may contain too) repeats its option columns.
        c.role = ColumnRole::kIgnore;
        c.summaryOfOptions = true;
        continue;
      }
      const size_t slash = c.code.rfind('/');
      if (c.group.empty() && slash != std::string::npos && slash > 0 && slash + 1 < c.code.size()) {
        c.group = c.code.substr(0, slash);
        c.option = c.code.substr(slash + 1);
        members[c.group]++;
      }
    }
    for (SourceColumn& c : l.columns) {
      if (c.role != ColumnRole::kAnswer) continue;
      if (!c.group.empty() && members[c.group] < 2 && !summaries.count(c.group)) {
        // A lone "group/question" (or a label with a "/") is a question, not an option.
        c.group.clear();
        c.option.clear();
      }
    }
  }
}

}  // namespace

const SourceColumn* SourceLayout::Find(ColumnRole role) const {
  for (const SourceColumn& c : columns)
    if (c.role == role) return &c;
  return nullptr;
}

const std::vector<std::string>& FormatKeys() {
  static const std::vector<std::string> kKeys = {"limesurvey", "qualtrics", "surveymonkey", "wenjuanxing",
                                                 "googleforms", "msforms", "kobo", "generic"};
  return kKeys;
}

bool SplitQuestionOption(const std::string& header, std::string& question, std::string& option) {
  const size_t at = header.rfind(" - ");
  if (at == std::string::npos || at == 0 || at + 3 >= header.size()) return false;
  question = std::string(Trim(std::string_view(header).substr(0, at)));
  option = std::string(Trim(std::string_view(header).substr(at + 3)));
  return !question.empty() && !option.empty();
}

Result<SourceLayout> RecogniseLayout(const Head& head, const std::string& format, const std::string& origin) {
  if (head.empty() || Width(head) == 0)
    return Error{Message(N_("{0} is empty: a header row was expected. Export the responses again.")).Arg(origin)};
  SourceLayout l;
  const bool any = format == "auto" || format.empty();
  auto wants = [&](const char* key) { return any || format == key; };
  if (wants("qualtrics") && IsQualtrics3(head)) LayoutQualtrics(l, head, 3, false);
  else if (wants("qualtrics") && IsQualtricsLegacy(head)) LayoutQualtrics(l, head, 2, true);
  else if (wants("qualtrics") && IsQualtrics2(head)) LayoutQualtrics(l, head, 2, false);
  else if (wants("limesurvey") && IsLimeSurveyVv(head)) LayoutLimeSurvey(l, head, true);
  else if (wants("limesurvey") && IsLimeSurveyCsv(head)) LayoutLimeSurvey(l, head, false);
  else if (wants("limesurvey") && IsLimeSurveyText(head)) LayoutLimeSurvey(l, head, false, true);
  else if (wants("surveymonkey") && IsSurveyMonkey(head)) LayoutSurveyMonkey(l, head, IsSurveyMonkey2Row(head));
  else if (wants("wenjuanxing") && IsWenjuanxing(head)) LayoutWenjuanxing(l, head);
  else if (wants("msforms") && IsMsForms(head)) LayoutPlain(l, head, "msforms");
  else if (wants("googleforms") && IsGoogleForms(head)) LayoutPlain(l, head, "googleforms");
  else if (wants("kobo") && IsKobo(head)) LayoutPlain(l, head, "kobo");
  else if (any || format == "generic") LayoutPlain(l, head, "generic");
  else {
    return Error{Message(N_("{0} does not look like a {1} export: its header rows lack the columns that tool writes. Use --format auto, or check that this is the right file."))
                     .Arg(origin).Arg(format)};
  }
  return l;
}

}  // namespace manyi::io::import

// The response import pipeline: recognise → map (or derive a questionnaire) → check every row →
// write in one transaction with the import's provenance; undo and export.
#include "io/import/response_import.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>

#include "core/sha256.h"
#include "core/text.h"
#include "io/form_json.h"
#include "io/import/layout.h"
#include "io/import/table_source.h"
#include "storage/response_codec.h"
#include "storage/response_writer.h"

namespace manyi::io::import {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr size_t kDistinctCap = 100;
constexpr double kSimilarityThreshold = 0.85;

std::string Lower(std::string_view s) {
  std::string out(Trim(s));
  for (char& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// Code points of UTF-8 text, lower-cased (ASCII), without white space and punctuation.
std::vector<uint32_t> Normalised(std::string_view s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp < 0x80) {
      if (!std::isalnum(static_cast<int>(cp))) continue;
      cp = uint32_t(std::tolower(static_cast<int>(cp)));
    } else if ((cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0x2026 || cp == 0x2019 || cp == 0x201C || cp == 0x201D) {
      continue;  // CJK and typographic punctuation
    }
    out.push_back(cp);
  }
  return out;
}

/// Sørensen–Dice coefficient over character bigrams of the normalised texts (1 = same text).
double Similarity(std::string_view a, std::string_view b) {
  const auto x = Normalised(a), y = Normalised(b);
  if (x.empty() || y.empty()) return 0;
  if (x == y) return 1;
  if (x.size() < 2 || y.size() < 2) return 0;
  std::multiset<uint64_t> bx;
  for (size_t i = 0; i + 1 < x.size(); ++i) bx.insert(uint64_t(x[i]) << 32 | x[i + 1]);
  size_t common = 0;
  for (size_t i = 0; i + 1 < y.size(); ++i) {
    auto it = bx.find(uint64_t(y[i]) << 32 | y[i + 1]);
    if (it != bx.end()) { ++common; bx.erase(it); }
  }
  return 2.0 * double(common) / double(x.size() - 1 + y.size() - 1);
}

/// A variable or item id from a tool's code or header: letters, digits and '_', not starting
/// with a digit; empty when nothing usable is left (Chinese headers).
std::string SanitiseId(std::string_view code) {
  std::string id;
  for (char c : code) {
    if (std::isalnum(static_cast<unsigned char>(c))) id.push_back(c);
    else if (!id.empty() && id.back() != '_') id.push_back('_');
  }
  while (!id.empty() && id.back() == '_') id.pop_back();
  if (!id.empty() && std::isdigit(static_cast<unsigned char>(id[0]))) id = "q" + id;
  if (id.size() > 40) id.resize(40);
  return id;
}

bool IsTruthy(std::string_view v) {
  const std::string l = Lower(v);
  return l == "1" || l == "true" || l == "yes" || l == "y" || l == "是" || l == "选中";
}
bool IsFalsy(std::string_view v) {
  const std::string l = Lower(v);
  return l.empty() || l == "0" || l == "false" || l == "no" || l == "n" || l == "否";
}

std::string LangOf(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0xE3 && c <= 0xE9) return "zh";
  return "en";
}

LocalText TextIn(const std::string& text) {
  LocalText t;
  t.byLang[LangOf(text)] = text;
  return t;
}

/// 问卷星 writes other-specify answers as 其他【请注明】〖the text〗.
bool SplitOtherText(std::string_view part, std::string& option, std::string& other) {
  const size_t open = part.find("〖");
  if (open == std::string_view::npos) return false;
  size_t close = part.rfind("〗");
  if (close == std::string_view::npos || close < open) close = part.size();
  option = std::string(Trim(part.substr(0, open)));
  other = std::string(part.substr(open + std::string_view("〖").size(), close - open - std::string_view("〖").size()));
  return true;
}

/// Hashes std::string and std::string_view alike, so that maps keyed by strings are searched
/// with a view of a cell without building a string.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// What the derivation pass learned about one column.
struct ColumnStats {
  int64_t nonEmpty = 0, numeric = 0, integer = 0;
  double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();
  size_t maxLen = 0;
  std::vector<std::string> order;
  std::unordered_map<std::string, int64_t, TextHash, std::equal_to<>> counts;
  bool overflow = false, containsJoin = false;
  std::vector<std::string> parts;  // distinct parts of cells joined with an unambiguous separator
  std::unordered_set<std::string, TextHash, std::equal_to<>> partSet;
};

using CodeMap = std::unordered_map<std::string, double, TextHash, std::equal_to<>>;

/// The code of a cell's text, found without building a string when the cell is already in the
/// map's normal form (no surrounding space, no capitals) — nearly every cell of a large file.
CodeMap::const_iterator FindCode(const CodeMap& map, std::string_view cell);

/// How one source column becomes answers.
struct ColumnPlan {
  enum Kind { kMeta, kValue, kText, kFlag, kJoined, kOther } kind = kMeta;
  size_t column = 0;
  int variable = -1;            // kValue, kText, kFlag, kOther
  const Item* item = nullptr;
  std::vector<int> optionVars;  // kJoined: the variable of each of item->codes
  int otherVar = -1;            // kJoined: the item's _other variable
  CodeMap codeByText;           // kValue / kJoined: normalised label → code
};

std::string Key(std::string_view s) { return Lower(s); }

/// Trim for every cell of a file: a cell without surrounding space (nearly all) is kept as it
/// is without a call.
inline std::string_view FastTrim(std::string_view cell) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
  return cell.empty() || (!space(cell.front()) && !space(cell.back())) ? cell : Trim(cell);
}

/// ParseNumber of a trimmed cell into out (false: not a number), with the answers of rating
/// scales (one to three digits) read on the spot.
inline bool ParseCellNumber(std::string_view cell, double& out) {
  if (!cell.empty() && cell.size() <= 3) {
    int n = 0;
    size_t i = 0;
    for (; i < cell.size() && cell[i] >= '0' && cell[i] <= '9'; ++i) n = n * 10 + (cell[i] - '0');
    if (i == cell.size()) {
      out = double(n);
      return true;
    }
  }
  const std::optional<double> v = ParseNumber(cell);
  if (v) out = *v;
  return v.has_value();
}

/// Whether x is one of the scale's declared missing codes (most scales declare none).
inline bool IsMissingCodeOf(const Scale& scale, double x) { return !scale.missing.empty() && scale.IsMissingCode(x); }

/// Whether every cell of a row is valid UTF-8. The cells of a delimited-text row lie back to
/// back in the reader's buffer: then one pass over all of them tells, unless a cell starts with a
/// continuation byte (a character cut by the cell boundary).
bool RowIsValidUtf8(const TableRow& row) {
  const size_t n = row.Size();
  if (n == 0) return true;
  bool adjacent = true;
  for (size_t c = 0; c + 1 < n && adjacent; ++c) adjacent = row[c].data() + row[c].size() == row[c + 1].data();
  if (adjacent) {
    if (!IsValidUtf8(std::string_view(row[0].data(), size_t(row[n - 1].data() + row[n - 1].size() - row[0].data())))) return false;
    for (size_t c = 0; c < n; ++c)
      if (!row[c].empty() && (static_cast<unsigned char>(row[c][0]) & 0xC0) == 0x80) return false;
    return true;
  }
  for (size_t c = 0; c < n; ++c)
    if (!IsValidUtf8(row[c])) return false;
  return true;
}

CodeMap::const_iterator FindCode(const CodeMap& map, std::string_view cell) {
  const std::string_view trimmed = FastTrim(cell);
  if (trimmed.size() == cell.size() && std::none_of(cell.begin(), cell.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return map.find(cell);
  return map.find(Key(cell));
}

void AddCodeTexts(const Item& item, CodeMap& map, const json* extra) {
  for (const Code& c : item.codes) {
    for (const auto& [lang, label] : c.label.byLang) map.emplace(Key(label), c.value);
    if (!c.key.empty()) map.emplace(Key(c.key), c.value);
    map.emplace(FormatNumber(c.value), c.value);
  }
  const Scale* scale = item.scale ? &*item.scale : nullptr;
  if (scale)
    for (const auto& [point, label] : scale->pointLabels)
      for (const auto& [lang, text] : label.byLang) map.emplace(Key(text), double(point));
  if (extra && extra->is_object())
    for (auto it = extra->begin(); it != extra->end(); ++it)
      if (it.value().is_number()) map[Key(it.key())] = it.value().get<double>();
}

}  // namespace

std::vector<std::string> SplitAgainstOptions(std::string_view cell, std::string_view sep,
                                             const std::function<bool(std::string_view)>& isOption) {
  // Candidate cut points: after each separator. dp[i] = (unknown parts, parts) of the best
  // segmentation of cell[0, bound[i]).
  std::vector<size_t> starts = {0}, ends;
  for (size_t at = cell.find(sep); at != std::string_view::npos; at = cell.find(sep, at + sep.size())) {
    ends.push_back(at);
    starts.push_back(at + sep.size());
  }
  ends.push_back(cell.size());
  const size_t n = starts.size();
  std::vector<std::pair<int, int>> best(n + 1, {std::numeric_limits<int>::max(), 0});
  std::vector<size_t> from(n + 1, 0);
  best[0] = {0, 0};
  for (size_t j = 1; j <= n; ++j)
    for (size_t i = 0; i < j; ++i) {
      if (best[i].first == std::numeric_limits<int>::max()) continue;
      std::string_view part = Trim(cell.substr(starts[i], ends[j - 1] - starts[i]));
      const int unknown = part.empty() ? 0 : (isOption(part) ? 0 : 1);
      std::pair<int, int> cost = {best[i].first + unknown, best[i].second + (part.empty() ? 0 : 1)};
      // Fewer unknown parts first; then more known parts (finer) — which keeps options apart.
      if (cost.first < best[j].first || (cost.first == best[j].first && cost.second > best[j].second)) {
        best[j] = cost;
        from[j] = i;
      }
    }
  std::vector<std::string> parts;
  for (size_t j = n; j > 0; j = from[j]) {
    std::string_view part = Trim(cell.substr(starts[from[j]], ends[j - 1] - starts[from[j]]));
    if (!part.empty()) parts.emplace_back(part);
  }
  std::reverse(parts.begin(), parts.end());
  return parts;
}

namespace {

/// 3/4/2026 or 13/04/2026, not 2026/04/13, ISO or text: one or two digits before the first slash.
bool SlashDateWithoutYearFirst(std::string_view cell) {
  cell = Trim(cell);
  const size_t slash = cell.find('/');
  return slash == 1 || slash == 2;
}

}  // namespace

void DateOrderEvidence::Add(std::string_view cell) {
  cell = Trim(cell);
  if (!SlashDateWithoutYearFirst(cell)) return;
  const size_t slash = cell.find('/');
  const size_t second = cell.find('/', slash + 1);
  if (second == std::string_view::npos || second - slash - 1 == 0 || second - slash - 1 > 2) return;
  const auto a = ParseNumber(cell.substr(0, slash)), b = ParseNumber(cell.substr(slash + 1, second - slash - 1));
  if (!a || !b) return;
  if (m_example.empty()) m_example = std::string(cell);
  if (*a > 12 && *a <= 31) m_dayFirst = true;
  if (*b > 12 && *b <= 31) m_monthFirst = true;
}

DateOrder DateOrderEvidence::Order() const {
  if (m_dayFirst == m_monthFirst) return DateOrder::kUnknown;
  return m_dayFirst ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
}

std::string NormaliseTimestamp(std::string_view text, DateOrder order) {
  text = Trim(text);
  // ISO dates and everything else without a slash come back as they are (most rows of most files).
  if (text.find('/') == std::string_view::npos) return std::string(text);
  const std::string original(text);
  size_t i = 0;
  auto number = [&](int& out) {
    const size_t from = i;
    out = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - from < 4) out = out * 10 + (text[i++] - '0');
    return i > from;
  };
  auto skip = [&](std::string_view word) {
    if (text.substr(i, word.size()) != word) return false;
    i += word.size();
    return true;
  };
  auto spaces = [&] {
    while (i < text.size() && text[i] == ' ') ++i;
  };
  int a = 0, b = 0, c = 0, h = 0, m = 0, sec = 0;
  if (!number(a) || !skip("/") || !number(b) || !skip("/") || !number(c)) return original;
  int year, month, day;
  if (a > 31) { year = a; month = b; day = c; }                               // YYYY/MM/DD
  else if (order == DateOrder::kUnknown) return original;                        // 3/4/2026: which is the day?
  else if (order == DateOrder::kMonthFirst) { month = a; day = b; year = c; }  // M/D/YYYY (US)
  else { day = a; month = b; year = c; }                                         // D/M/YYYY
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31) return original;
  char buf[48];
  spaces();
  if (i == text.size()) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  // Google Forms in other locales: "2024/03/01 11:00:00 PM GMT+1", "2024/3/1 下午11:00:00".
  int half = 0;  // 1 = a.m., 2 = p.m.
  if (skip("上午")) half = 1;
  else if (skip("下午")) half = 2;
  if (!number(h) || !skip(":") || !number(m)) return original;
  if (skip(":") && !number(sec)) return original;
  spaces();
  if (skip("AM") || skip("am") || skip("a.m.")) half = 1;
  else if (skip("PM") || skip("pm") || skip("p.m.")) half = 2;
  if (half != 0) {
    if (h < 1 || h > 12) return original;
    h = h % 12 + (half == 2 ? 12 : 0);
  }
  if (h > 23 || m > 59 || sec > 60) return original;
  spaces();
  std::string zone;
  if (skip("GMT") || skip("UTC")) {
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      const char sign = text[i++];
      int zh = 0, zm = 0;
      if (!number(zh) || zh > 14) return original;
      if (skip(":") && (!number(zm) || zm > 59)) return original;
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, zh, zm);
      zone = buf;
    } else {
      zone = "Z";
    }
  }
  spaces();
  if (i != text.size()) return original;  // something this does not know: kept as written
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, h, m, sec);
  return buf + zone;
}

const char* ProblemKindKey(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kUnknownCode: return "unknown_code";
    case ProblemKind::kOutOfRange: return "out_of_range";
    case ProblemKind::kWrongType: return "wrong_type";
    case ProblemKind::kDuplicateRespondent: return "duplicate_respondent";
    case ProblemKind::kNotInFrame: return "not_in_frame";
    case ProblemKind::kRaggedRow: return "ragged_row";
    case ProblemKind::kInvalidText: return "invalid_text";
  }
  return "unknown";
}

Message ProblemKindLabel(ProblemKind kind) {
  switch (kind) {
    case ProblemKind::kUnknownCode: return Message(N_("unknown code"));
    case ProblemKind::kOutOfRange: return Message(N_("out of range"));
    case ProblemKind::kWrongType: return Message(N_("wrong type"));
    case ProblemKind::kDuplicateRespondent: return Message(N_("duplicate respondent"));
    case ProblemKind::kNotInFrame: return Message(N_("not in the sample frame"));
    case ProblemKind::kRaggedRow: return Message(N_("too many cells"));
    case ProblemKind::kInvalidText: return Message(N_("invalid text encoding"));
  }
  return Message(N_("problem"));
}

namespace {

/// Builds a questionnaire from the export's structure and the answers seen in it.
/// itemOfColumn receives, for each source column, the id of the item it became (or feeds: an
/// option column its multiple-choice item, an other text its question) — the import maps the
/// columns by it, not by codes or texts that several columns may share.
Questionnaire DeriveQuestionnaire(const SourceLayout& layout, const std::vector<ColumnStats>& stats, const std::string& title,
                                  std::vector<std::string>& itemOfColumn) {
  itemOfColumn.assign(layout.columns.size(), std::string());
  auto record = [&](const SourceColumn& col, const std::string& id) {
    if (col.index < itemOfColumn.size()) itemOfColumn[col.index] = id;
  };
  // Questions that have an "other, please specify" column are lists of options, however few
  // answers the file holds.
  std::set<std::string> withOther;
  for (const SourceColumn& col : layout.columns)
    if (col.role == ColumnRole::kAnswer && col.otherText) withOther.insert(col.code.empty() ? col.text : col.code);
  Questionnaire q;
  q.id = "imported-" + layout.format;
  q.title = TextIn(title);
  Section section;
  section.id = "main";
  section.title = TextIn(title);
  std::set<std::string> used;
  auto uniqueId = [&](std::string id, size_t column) {
    if (id.empty()) id = "q" + std::to_string(column + 1);
    std::string candidate = id;
    for (int k = 2; used.count(Lower(candidate)); ++k) candidate = id + "_" + std::to_string(k);
    used.insert(Lower(candidate));
    return candidate;
  };
  auto isMissing = [&](const std::string& v) {
    return std::find(layout.missing.begin(), layout.missing.end(), v) != layout.missing.end();
  };
  std::map<std::string, size_t> itemByCode;  // tool code / question text → item index
  std::set<size_t> done;
  for (const SourceColumn& col : layout.columns) {
    if (col.role != ColumnRole::kAnswer || done.count(col.index) || col.otherText) continue;
    if (!col.group.empty()) {
      std::vector<const SourceColumn*> members;
      for (const SourceColumn& m : layout.columns)
        if (m.role == ColumnRole::kAnswer && m.group == col.group && !m.otherText) members.push_back(&m);
      bool flags = members.size() >= 2 || layout.format == "wenjuanxing";
      for (const SourceColumn* m : members)
        for (const std::string& v : stats[m->index].order)
          if (!IsTruthy(v) && !IsFalsy(v) && v != m->option && !isMissing(v)) flags = false;
      for (const SourceColumn* m : members)
        if (stats[m->index].overflow) flags = false;
      if (flags) {
        Item item;
        item.id = uniqueId(SanitiseId(col.code.empty() ? "" : col.group), col.index);
        item.type = ItemType::kMultiple;
        item.text = TextIn(col.text);
        double code = 1;
        std::set<std::string> keys;
        for (const SourceColumn* m : members) {
          Code c;
          c.value = code++;
          // The key: the column code's own part when the tool has one (Q2_3 → "3", Q2[SQ001] →
          // "SQ001"), so that the variables are named as in the tool; else the option's text.
          std::string key;
          if (!m->code.empty() && m->code != m->group && m->code.size() > m->group.size() && m->code.rfind(m->group, 0) == 0) {
            std::string tail = m->code.substr(m->group.size());
            while (!tail.empty() && (tail.front() == '_' || tail.front() == '[' || tail.front() == '/')) tail.erase(tail.begin());
            while (!tail.empty() && tail.back() == ']') tail.pop_back();
            if (!tail.empty() && std::all_of(tail.begin(), tail.end(), [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; }))
              key = tail;
          }
          const bool ascii = std::all_of(m->option.begin(), m->option.end(), [](char ch) { return static_cast<unsigned char>(ch) < 0x80; });
          if (key.empty() && ascii) key = SanitiseId(m->option);
          if (key.empty() || keys.count(key)) key = FormatNumber(c.value);
          keys.insert(key);
          c.key = key;
          c.label = TextIn(m->option);
          item.codes.push_back(c);
          done.insert(m->index);
          record(*m, item.id);
        }
        itemByCode[col.group] = section.items.size();
        section.items.push_back(std::move(item));
        continue;
      }
      // Not options: every column is a question of its own (a matrix row, a rank).
    }
    const ColumnStats& st = stats[col.index];
    Item item;
    // A column with a code of its own (Qualtrics Q4_1) keeps it; options of a group that has
    // none (SurveyMonkey, 问卷星) are named after the group and the option.
    const bool ownCode = !col.code.empty() && col.code != col.group;
    std::string option = col.option;
    if (!ownCode && !col.group.empty() && SanitiseId(option).empty()) {
      // A row in Chinese (问卷星 "3(服务态度)"): numbered by its place in the question.
      int place = 1;
      for (const SourceColumn& m : layout.columns)
        if (m.index < col.index && m.group == col.group && !m.otherText) ++place;
      option = std::to_string(place);
    }
    item.id = uniqueId(SanitiseId(ownCode || col.group.empty() ? col.code : col.group + "_" + option), col.index);
    item.text = TextIn(col.group.empty() ? col.text : col.text + " - " + col.option);
    done.insert(col.index);
    const int64_t distinct = int64_t(st.order.size());
    bool joined = false;
    if (!layout.multiJoin.empty() && !layout.AmbiguousJoin() && st.containsJoin) {
      joined = true;
    } else if (!layout.multiJoin.empty() && st.containsJoin && !st.overflow) {
      joined = !layout.AmbiguousJoin() || (distinct <= std::max<int64_t>(12, st.nonEmpty / 3) && st.maxLen <= 300);
      if (joined && layout.AmbiguousJoin()) {
        // Free text has commas too: require an answer given alone that recurs inside a joined one.
        std::set<std::string> alone;
        for (const std::string& v : st.order)
          if (v.find(layout.multiJoin) == std::string::npos) alone.insert(v);
        // Qualtrics joins with a bare ",": "Yes, often" (a comma and a space) is one answer.
        const std::string& sep = layout.multiJoin;
        // Nor is "1,000" (a number with thousands separators) two answers.
        auto isGroupedNumber = [](const std::string& v) {
          size_t i = 0, digits = 0;
          while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i]))) ++i, ++digits;
          if (digits == 0 || digits > 3 || i == v.size()) return false;
          while (i < v.size() && v[i] == ',') {
            size_t group = 0;
            for (++i; i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])); ++i) ++group;
            if (group != 3) return false;
          }
          return i == v.size() || (v[i] == '.' && i + 1 < v.size() &&
                                   std::all_of(v.begin() + long(i) + 1, v.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }));
        };
        auto startsJoined = [&](const std::string& v, const std::string& a) {
          return v.rfind(a + sep, 0) == 0 && (sep != "," || (v.size() > a.size() + 1 && v[a.size() + 1] != ' '));
        };
        bool reused = false;
        for (const std::string& v : st.order)
          if (v.find(layout.multiJoin) != std::string::npos && !(sep == "," && isGroupedNumber(v)))
            for (const std::string& a : alone)
              if (startsJoined(v, a) || (v.size() > a.size() && v.compare(v.size() - a.size(), a.size(), a) == 0 &&
                                                              v.compare(v.size() - a.size() - layout.multiJoin.size(), layout.multiJoin.size(), layout.multiJoin) == 0) ||
                  v.find(layout.multiJoin + a + layout.multiJoin) != std::string::npos)
                reused = true;
        joined = reused;
      }
    }
    if (joined) {
      item.type = ItemType::kMultiple;
      std::vector<std::string> options;
      std::set<std::string> known;
      auto addOption = [&](const std::string& o) {
        if (!o.empty() && !isMissing(o) && known.insert(Key(o)).second) options.push_back(o);
      };
      std::vector<const std::string*> combined;
      for (const std::string& v : (layout.AmbiguousJoin() ? st.order : st.parts)) {
        if (v.find(layout.multiJoin) == std::string::npos) {
          std::string option = v, other;
          if (SplitOtherText(v, option, other)) item.allowOther = true;
          addOption(option);
        } else {
          combined.push_back(&v);
        }
      }
      for (const std::string* v : combined)
        for (const std::string& part : SplitAgainstOptions(*v, layout.multiJoin, [&](std::string_view p) { return known.count(Key(p)) > 0; })) {
          std::string option = part, other;
          if (SplitOtherText(part, option, other)) item.allowOther = true;
          addOption(option);
        }
      double code = 1;
      for (const std::string& o : options) {
        Code c;
        c.value = code++;
        c.key = FormatNumber(c.value);
        c.label = TextIn(o);
        item.codes.push_back(c);
      }
    } else if (st.nonEmpty > 0 && st.numeric == st.nonEmpty) {
      if (st.integer == st.numeric && st.min >= 0 && st.max - st.min <= 10 && st.max > st.min) {
        item.type = st.min == 0 && st.max == 10 ? ItemType::kNps : ItemType::kRating;
        Scale sc;
        sc.min = st.min;
        sc.max = st.max;
        item.scale = sc;
      } else {
        item.type = ItemType::kNumeric;
        item.decimals = st.integer == st.numeric ? 0 : 2;
      }
    } else if (st.nonEmpty > 0 && !st.overflow && st.maxLen <= 120 &&
               ((distinct < st.nonEmpty && distinct <= std::max<int64_t>(12, st.nonEmpty / 4)) ||
                (col.group.empty() && withOther.count(col.code.empty() ? col.text : col.code)))) {
      // A code list needs answers that recur; answers all different are free text.
      item.type = ItemType::kSingle;
      double code = 1;
      for (const std::string& v : st.order) {
        if (isMissing(v)) continue;
        if (!layout.otherMarker.empty() && v == layout.otherMarker) {
          item.allowOther = true;  // the text is in the question's other column
          continue;
        }
        Code c;
        c.value = code++;
        c.key = FormatNumber(c.value);
        c.label = TextIn(v);
        item.codes.push_back(c);
      }
    } else {
      item.type = st.maxLen <= 60 ? ItemType::kShortText : ItemType::kLongText;
    }
    itemByCode[col.group.empty() ? (col.code.empty() ? col.text : col.code) : col.group + "_" + col.option] = section.items.size();
    record(col, item.id);
    section.items.push_back(std::move(item));
  }
  // Other-specify texts belong to their question.
  for (const SourceColumn& col : layout.columns) {
    if (col.role != ColumnRole::kAnswer || !col.otherText) continue;
    auto it = itemByCode.find(col.code.empty() ? col.text : col.code);
    if (it == itemByCode.end()) it = itemByCode.find(col.text);
    if (it != itemByCode.end() && (section.items[it->second].type == ItemType::kSingle || section.items[it->second].type == ItemType::kMultiple)) {
      section.items[it->second].allowOther = true;
      record(col, section.items[it->second].id);
    } else {
      Item item;
      item.id = uniqueId(SanitiseId(col.code) + "_other", col.index);
      item.type = ItemType::kShortText;
      item.text = TextIn(col.text + " (other)");
      record(col, item.id);
      section.items.push_back(std::move(item));
    }
  }
  q.sections.push_back(std::move(section));
  q.languages = {LangOf(title)};
  for (const SourceColumn& col : layout.columns)
    if (col.role == ColumnRole::kAnswer && LangOf(col.text) != q.languages[0]) {
      // Mixed languages: keep both, the texts stay as written.
      q.languages = {"zh", "en"};
      break;
    }
  return q;
}

/// The mapping of source columns onto the questionnaire's variables.
class Mapper {
 public:
  /// derived: the item of each column when the questionnaire was derived from this file.
  Mapper(const Questionnaire& form, const SourceLayout& layout, const json& mapping, const std::vector<std::string>* derived = nullptr)
      : m_form(form), m_layout(layout), m_mapping(mapping), m_derived(derived) {
    m_vars = form.Variables();
    for (size_t i = 0; i < m_vars.size(); ++i) m_varByName.emplace(Lower(m_vars[i].name), int(i));
  }

  const std::vector<Variable>& Vars() const { return m_vars; }

  /// The plan of col for the variable var (see ImportResponses: numbered items).
  ColumnPlan PlanVariable(const SourceColumn& col, int var) const {
    ColumnPlan p;
    p.column = col.index;
    return Finish(p, var, nullptr);
  }

  int VarOf(const std::string& name) const {
    auto it = m_varByName.find(Lower(name));
    return it == m_varByName.end() ? -1 : it->second;
  }

  const Item* ItemByCodeOrText(const std::string& code, const std::string& text) const {
    for (const std::string& candidate : {code, SanitiseId(code)}) {
      if (candidate.empty()) continue;
      if (const Item* item = FindItemCI(candidate)) return item;
    }
    const Item* best = nullptr;
    double bestScore = kSimilarityThreshold;
    for (const Section& s : m_form.sections)
      for (const Item& item : s.items)
        for (const auto& [lang, t] : item.text.byLang) {
          const double score = Similarity(text, t);
          if (score >= bestScore) { bestScore = score; best = &item; }
        }
    return best;
  }

  const Item* FindItemCI(const std::string& id) const {
    for (const Section& s : m_form.sections)
      for (const Item& item : s.items)
        if (Lower(item.id) == Lower(id)) return &item;
    return nullptr;
  }

  int OptionVar(const Item& item, const std::string& option) const {
    for (size_t i = 0; i < m_vars.size(); ++i) {
      const Variable& v = m_vars[i];
      if (v.item != &item || v.isText) continue;
      if (item.type == ItemType::kGrid) {
        if (v.row && !v.isImportance && (Lower(v.row->id) == Lower(option) || Similarity(v.row->text.Get("en"), option) >= kSimilarityThreshold ||
                                          Similarity(v.row->text.Get("zh"), option) >= kSimilarityThreshold))
          return int(i);
        continue;
      }
      for (const Code& c : item.codes) {
        if (c.value != v.option) continue;
        bool match = Lower(c.key) == Lower(option) || FormatNumber(c.value) == option || SanitiseId(option) == c.key;
        for (const auto& [lang, label] : c.label.byLang) match = match || Key(label) == Key(option);
        if (match) return int(i);
      }
    }
    return -1;
  }

  ColumnPlan Plan(const SourceColumn& col) const {
    ColumnPlan p;
    p.column = col.index;
    if (col.role != ColumnRole::kAnswer) return p;
    const json* values = nullptr;
    // A saved mapping names the variable (or item) of a column by its header.
    std::string target;
    if (m_mapping.contains("columns") && m_mapping["columns"].contains(col.header)) {
      const json& t = m_mapping["columns"][col.header];
      if (t.is_null()) return p;
      target = t.is_string() ? t.get<std::string>() : "";
    }
    if (!target.empty()) {
      int v = VarOf(target);
      if (v >= 0) return Finish(p, v, values);
      if (const Item* item = FindItemCI(target)) return ForItem(p, *item, col);
      return p;
    }
    if (m_derived && col.index < m_derived->size() && !(*m_derived)[col.index].empty())
      if (const Item* item = FindItemCI((*m_derived)[col.index])) {
        if (col.otherText) {
          const int v = VarOf(item->id + "_other");
          if (v >= 0) {
            p.kind = ColumnPlan::kOther;
            p.variable = v;
            p.item = item;
            return p;
          }
          return ForItem(p, *item, col);  // an other text that became an item of its own
        }
        if (!col.group.empty() && item->type == ItemType::kMultiple) {
          const int v = OptionVar(*item, col.option);
          if (v >= 0) {
            p.kind = ColumnPlan::kFlag;
            p.variable = v;
            p.item = item;
            return p;
          }
        }
        return ForItem(p, *item, col);
      }
    if (col.otherText) {
      const Item* item = ItemByCodeOrText(col.code, col.text);
      if (item) {
        int v = VarOf(item->id + "_other");
        if (v >= 0) { p.kind = ColumnPlan::kOther; p.variable = v; p.item = item; }
      }
      return p;
    }
    if (!col.group.empty()) {
      const Item* item = ItemByCodeOrText(col.group, col.text);
      if (item && (item->type == ItemType::kMultiple || item->type == ItemType::kGrid || item->type == ItemType::kRanking)) {
        const int v = OptionVar(*item, col.option);
        if (v >= 0) {
          if (item->type == ItemType::kMultiple) {
            p.kind = ColumnPlan::kFlag;
            p.variable = v;
            p.item = item;
            return p;
          }
          return Finish(p, v, values);
        }
      }
      if (!col.code.empty() && col.code != col.group)
        for (const std::string& candidate : {col.code, SanitiseId(col.code)})
          if (const Item* own = candidate.empty() ? nullptr : FindItemCI(candidate)) return ForItem(p, *own, col);
      if (const Item* own = ItemByCodeOrText(col.group + "_" + col.option, col.text + " - " + col.option)) return ForItem(p, *own, col);
      return p;
    }
    const int v = VarOf(col.code.empty() ? std::string("\x01") : col.code);
    if (v >= 0 && m_vars[size_t(v)].item->type != ItemType::kMultiple) return Finish(p, v, values);
    if (const Item* item = ItemByCodeOrText(col.code, col.text)) return ForItem(p, *item, col);
    return p;
  }

 private:
  ColumnPlan ForItem(ColumnPlan p, const Item& item, const SourceColumn&) const {
    if (item.type == ItemType::kMultiple) {
      p.kind = ColumnPlan::kJoined;
      p.item = &item;
      for (const Code& c : item.codes) {
        int var = -1;
        for (size_t i = 0; i < m_vars.size(); ++i)
          if (m_vars[i].item == &item && !m_vars[i].isText && m_vars[i].option == c.value) var = int(i);
        p.optionVars.push_back(var);
      }
      p.otherVar = VarOf(item.id + "_other");
      AddCodeTexts(item, p.codeByText, ValuesFor(item.id));
      return p;
    }
    const int v = VarOf(item.id);
    if (v < 0) return p;
    return Finish(p, v, ValuesFor(item.id));
  }

  const json* ValuesFor(const std::string& id) const {
    if (m_mapping.contains("values") && m_mapping["values"].contains(id)) return &m_mapping["values"][id];
    return nullptr;
  }

  ColumnPlan Finish(ColumnPlan p, int v, const json* values) const {
    const Variable& var = m_vars[size_t(v)];
    p.variable = v;
    p.item = var.item;
    p.kind = var.isText ? ColumnPlan::kText : ColumnPlan::kValue;
    if (!values) values = ValuesFor(var.item->id);
    AddCodeTexts(*var.item, p.codeByText, values);
    return p;
  }

  const Questionnaire& m_form;
  const SourceLayout& m_layout;
  const json& m_mapping;
  const std::vector<std::string>* m_derived;
  std::vector<Variable> m_vars;
  std::unordered_map<std::string, int> m_varByName;
};

/// The newest questionnaire of the project (0 when there is none).
int64_t NewestQuestionnaire(storage::Project& project) {
  return project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
}

/// A row's problem as a message and as what rejected_row.reasons keeps of it: the msgid and its
/// arguments (nested messages as objects of their own), never the English text alone, so that
/// the reason can be shown later in the language of whoever reads it (RejectedReasonText).
class Reason {
 public:
  explicit Reason(const char* msgid) : m_message(msgid), m_stored{{"id", msgid}, {"args", json::array()}} {}
  Reason& Arg(std::string_view value) {
    m_message.Arg(value);
    m_stored["args"].push_back(std::string(value));
    return *this;
  }
  Reason& Arg(long long value) {
    m_message.Arg(value);
    m_stored["args"].push_back(std::to_string(value));
    return *this;
  }
  Reason& Arg(const Reason& nested) {
    m_message.Arg(nested.m_message);
    m_stored["args"].push_back(nested.m_stored);
    return *this;
  }
  const Message& GetMessage() const { return m_message; }
  const json& Stored() const { return m_stored; }

 private:
  Message m_message;
  json m_stored;
};

/// The message kept by Reason; nullopt when stored is not one (damaged or edited by hand).
std::optional<Message> StoredMessage(const json& stored, int depth = 0) {
  // Reasons nest one level; anything much deeper was not written by Manyi.
  if (depth > 8 || !stored.is_object()) return std::nullopt;
  auto id = stored.find("id");
  if (id == stored.end() || !id->is_string() || id->get_ref<const std::string&>().empty()) return std::nullopt;
  Message m(id->get_ref<const std::string&>().c_str());
  auto args = stored.find("args");
  if (args == stored.end() || !args->is_array()) return std::nullopt;
  for (const json& a : *args) {
    if (a.is_string()) {
      m.Arg(a.get_ref<const std::string&>());
    } else {
      auto nested = StoredMessage(a, depth + 1);
      if (!nested) return std::nullopt;
      m.Arg(*nested);
    }
  }
  return m;
}

/// "FILE, row R, column C "HEADER"" for messages about one cell (column 0-based).
Reason CellPlace(const std::string& origin, int64_t row, size_t column, const std::string& header) {
  return Reason(N_("{0}, row {1}, column {2} \"{3}\"")).Arg(origin).Arg(static_cast<long long>(row)).Arg(static_cast<long long>(column + 1)).Arg(header);
}

/// The SHA-256 of a file, computed on a thread of its own from construction; abandoned when the
/// hasher is destroyed first (an import that fails early does not wait for a large file's hash).
class FileHasher {
 public:
  explicit FileHasher(fs::path file) {
    m_result = std::async(std::launch::async, [this, file = std::move(file)]() -> std::optional<std::string> {
      std::FILE* f = std::fopen(file.c_str(), "rb");
      if (!f) return std::nullopt;
      Sha256 sha;
      std::vector<char> buf(size_t(1) << 20);
      size_t got;
      while (!m_cancel.load(std::memory_order_relaxed) && (got = std::fread(buf.data(), 1, buf.size(), f)) > 0) sha.Update(buf.data(), got);
      const bool failed = std::ferror(f) != 0;
      std::fclose(f);
      if (failed || m_cancel.load()) return std::nullopt;
      return sha.HexDigest();
    });
  }
  ~FileHasher() {
    m_cancel = true;
    if (m_result.valid()) m_result.wait();
  }
  FileHasher(const FileHasher&) = delete;
  FileHasher& operator=(const FileHasher&) = delete;
  bool Ready() const { return m_result.wait_for(std::chrono::seconds(0)) == std::future_status::ready; }
  /// Waits for the hash; nullopt when the file could not be read.
  std::optional<std::string> Get() { return m_result.get(); }

 private:
  std::atomic<bool> m_cancel{false};
  std::future<std::optional<std::string>> m_result;
};

/// A row as the checking thread leaves it for the writer.
struct CheckedRow {
  int64_t row = 0;
  storage::ResponseRecord rec;
  std::vector<RowProblem> problems;
  std::vector<json> reasons;    // each problem as rejected_row.reasons keeps its message (Reason::Stored)
  std::string raw;              // the row's cells back to back (cells that are not valid UTF-8 as "")
  std::vector<size_t> rawEnds;  // where each cell of raw ends
  std::string blob;             // the answers packed (EncodeAnswers), for a row without problems
};

/// Checking rows and writing them, overlapped: `produce` runs on a thread of its own and fills
/// rows through Next() and Commit(); the calling thread hands each row to `consume`, in file order.
/// Rows travel in a few batches that are used again and again, so memory stays the same whatever
/// the file's size, and SQLite is only ever used from the calling thread.
class RowPipeline {
 public:
  /// The row to fill next (checking thread).
  CheckedRow& Next() {
    if (!m_fill) m_fill = TakeFree();
    return m_fill->rows[m_fill->used];
  }
  /// Hands the row filled last to the writer (checking thread).
  void Commit() {
    if (++m_fill->used == kBatchRows) {
      PushFull(m_fill);
      m_fill = nullptr;
    }
  }
  /// Whether the writer has stopped (an abort or an error): the checking thread should stop too.
  bool Stopped() const { return m_stop.load(std::memory_order_relaxed); }

  /// Runs produce on a second thread and consume on this one until produce returns or consume
  /// returns false; then returns what produce returned. An exception of either side is rethrown
  /// here once both have stopped.
  std::optional<Message> Run(const std::function<std::optional<Message>()>& produce, const std::function<bool(CheckedRow&)>& consume) {
    for (size_t k = 0; k < kBatches; ++k) {
      m_batches.push_back(std::make_unique<Batch>());
      m_free.push_back(m_batches.back().get());
    }
    std::optional<Message> problem;
    std::exception_ptr produceError, consumeError;
    std::thread producer([&] {
      try {
        problem = produce();
      } catch (...) {
        produceError = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_fill && m_fill->used > 0) m_full.push_back(m_fill);
        else if (m_fill) m_free.push_back(m_fill);
        m_fill = nullptr;
        m_done = true;
      }
      m_cv.notify_all();
    });
    for (Batch* b; (b = PopFull()) != nullptr;) {
      if (!Stopped()) {
        try {
          for (size_t i = 0; i < b->used; ++i)
            if (!consume(b->rows[i])) {
              m_stop = true;
              break;
            }
        } catch (...) {
          consumeError = std::current_exception();
          m_stop = true;
        }
      }
      b->used = 0;
      {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_free.push_back(b);
      }
      m_cv.notify_all();
    }
    producer.join();
    if (consumeError) std::rethrow_exception(consumeError);
    if (produceError) std::rethrow_exception(produceError);
    return problem;
  }

 private:
  static constexpr size_t kBatchRows = 256, kBatches = 4;
  struct Batch {
    std::vector<CheckedRow> rows = std::vector<CheckedRow>(kBatchRows);
    size_t used = 0;
  };
  Batch* TakeFree() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [&] { return !m_free.empty(); });
    Batch* b = m_free.front();
    m_free.pop_front();
    return b;
  }
  void PushFull(Batch* b) {
    {
      std::lock_guard<std::mutex> lock(m_mutex);
      m_full.push_back(b);
    }
    m_cv.notify_all();
  }
  /// The next full batch, or nullptr when the producer has finished and all were handed out.
  Batch* PopFull() {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_cv.wait(lock, [&] { return !m_full.empty() || m_done; });
    if (m_full.empty()) return nullptr;
    Batch* b = m_full.front();
    m_full.pop_front();
    return b;
  }

  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::deque<Batch*> m_free, m_full;
  std::vector<std::unique_ptr<Batch>> m_batches;
  Batch* m_fill = nullptr;  // the checking thread's
  bool m_done = false;
  std::atomic<bool> m_stop{false};
};

/// The respondent keys an import has met, in a private temporary SQLite database of its own
/// rather than in the process: SQLite keeps 8 MiB of its pages in memory and the rest in its
/// temporary file, so memory stays the same however many responses the file holds, and every key
/// is compared exactly (no hashes that could collide). Having its own connection, it is used by
/// the checking thread while the writing thread uses the project's.
class SeenKeys {
 public:
  SeenKeys() : m_db("", storage::OpenMode::kCreate) {
    m_db.Exec("PRAGMA cache_size = -8192; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
              "CREATE TABLE seen(k TEXT PRIMARY KEY) WITHOUT ROWID; BEGIN");
    m_insert.emplace(m_db, "INSERT OR IGNORE INTO seen(k) VALUES (?1)");
  }
  SeenKeys(const SeenKeys&) = delete;
  SeenKeys& operator=(const SeenKeys&) = delete;

  /// The keys of the questionnaire's responses already in the project.
  void AddExisting(storage::Connection& project, int64_t questionnaireId) {
    storage::Statement st(project, "SELECT respondent_key FROM response WHERE questionnaire_id = ?1 AND respondent_key IS NOT NULL");
    st.Bind(1, questionnaireId);
    while (st.Step()) Insert(st.TextView(0));
  }
  /// False when key was met before.
  bool Insert(std::string_view key) {
    m_insert->Bind(1, key).Run();
    return m_db.Changes() > 0;
  }

 private:
  storage::Connection m_db;
  std::optional<storage::Statement> m_insert;
};

}  // namespace

Result<ImportReport> ImportResponses(storage::Project& project, const fs::path& file, const ImportOptions& options) {
  ImportReport report;
  report.file = file.filename().string();
  const std::string origin = file.string();
  storage::Connection& db = project.Db();
  // The file's SHA-256, which recognises a second import of the same bytes, is computed on a
  // thread of its own while the rows are read and written; the check runs (and refuses the file,
  // writing nothing) as soon as the hash is known.
  FileHasher hasher(file);
  std::optional<Message> hashProblem;
  bool hashChecked = false;
  auto checkHash = [&] {
    hashChecked = true;
    std::optional<std::string> sha = hasher.Get();
    if (!sha) {
      hashProblem = Message(N_("Cannot read {0}. Check the path and the file's permissions.")).Arg(origin);
      return;
    }
    report.sha256 = *sha;
    storage::Statement same(db, "SELECT id, imported_at, file_name FROM import WHERE sha256 = ?1 AND undone_at IS NULL ORDER BY id LIMIT 1");
    same.Bind(1, report.sha256);
    if (same.Step() && !options.force)
      hashProblem = Message(N_("{0} was imported before (import {1}, {2}, as \"{3}\"): the same bytes would be counted twice. Undo that import first (`manyi-cli import --undo {1}`), or use --force if you really want a second copy."))
                        .Arg(origin).Arg(static_cast<long long>(same.Int(0))).Arg(same.Text(1)).Arg(same.Text(2));
  };
  json mapping = json::object();
  if (!options.mappingText.empty()) {
    try {
      mapping = json::parse(options.mappingText);
    } catch (const json::exception& e) {
      return Error{Message(N_("The column mapping is not valid JSON ({0}). Fix it, or save a new one.")).Arg(e.what())};
    }
  } else if (!options.mappingFile.empty()) {
    std::ifstream in(options.mappingFile);
    if (!in) return Error{Message(N_("Cannot read the mapping file {0}. Check the path.")).Arg(options.mappingFile.string())};
    try {
      mapping = json::parse(in);
    } catch (const json::exception& e) {
      return Error{Message(N_("The mapping file {0} is not valid JSON ({1}). Fix it, or save a new one with --save-mapping."))
                       .Arg(options.mappingFile.string()).Arg(e.what())};
    }
  }

  auto opened = TableSource::Open(file, options.encoding, options.delimiter);
  if (!opened) return Error{opened.GetError()};
  TableSource& source = *opened.Value();
  report.encoding = source.EncodingLabel();
  auto head = ReadHead(source, 3);
  if (!head) return Error{head.GetError()};
  std::string format = options.format;
  if (mapping.contains("format") && (format.empty() || format == "auto")) format = mapping["format"].get<std::string>();
  auto recognised = RecogniseLayout(head.Value(), format, origin);
  if (!recognised) return Error{recognised.GetError()};
  SourceLayout layout = std::move(recognised.Value());
  if (mapping.contains("header_rows")) layout.headerRows = mapping["header_rows"].get<int>();
  if (mapping.contains("roles"))
    for (auto it = mapping["roles"].begin(); it != mapping["roles"].end(); ++it)
      for (SourceColumn& c : layout.columns)
        if (c.header == it.key()) {
          const std::string r = it.value().get<std::string>();
          c.role = r == "respondent_id" ? ColumnRole::kRespondentId : r == "submitted_at" ? ColumnRole::kSubmittedAt
                 : r == "customer_id" ? ColumnRole::kCustomerId : r == "email" ? ColumnRole::kEmail
                 : r == "channel" ? ColumnRole::kChannel : r == "ignore" ? ColumnRole::kIgnore : ColumnRole::kAnswer;
        }
  report.format = layout.format;
  const size_t width = layout.columns.size();

  try {
    // The questionnaire: the project's newest, else one derived from this export.
    Questionnaire form;
    std::vector<std::string> itemOfColumn;  // set when the questionnaire is derived from this file
    int64_t qid = NewestQuestionnaire(project);
    if (qid > 0) {
      auto loaded = LoadQuestionnaire(project, qid);
      if (!loaded) return Error{Message(N_("The project's questionnaire {0} cannot be read. Run `manyi-cli check`.")).Arg(static_cast<long long>(qid))};
      form = std::move(*loaded);
    } else {
      std::vector<ColumnStats> stats(width);
      int64_t index = 0;
      // The rows are read again to import them: a workbook keeps them from this pass rather
      // than being unzipped and parsed twice.
      source.KeepRowsForNextPasses();
      auto problem = source.ForEachRow([&](const TableRow& row) {
        if (index++ < layout.headerRows) return true;
        for (size_t c = 0; c < width && c < row.Size(); ++c) {
          std::string_view cell = Trim(row[c]);
          if (cell.empty()) continue;
          ColumnStats& st = stats[c];
          ++st.nonEmpty;
          st.maxLen = std::max(st.maxLen, cell.size());
          if (!layout.multiJoin.empty() && cell.find(layout.multiJoin) != std::string_view::npos) st.containsJoin = true;
          if (!layout.multiJoin.empty() && !layout.AmbiguousJoin() && st.partSet.size() < kDistinctCap) {
            for (size_t start = 0; start <= cell.size();) {
              size_t at = cell.find(layout.multiJoin, start);
              if (at == std::string_view::npos) at = cell.size();
              const std::string_view part = Trim(cell.substr(start, at - start));
              start = at + layout.multiJoin.size();
              // Most parts were met before: looked up without building a string.
              if (part.empty() || (part.find("〖") == std::string_view::npos && st.partSet.find(part) != st.partSet.end())) continue;
              std::string key(part), option, other;
              if (SplitOtherText(part, option, other)) key = option + "〖〗";
              if (st.partSet.insert(key).second) st.parts.push_back(key);
            }
          }
          if (std::find(layout.missing.begin(), layout.missing.end(), cell) == layout.missing.end()) {
            if (auto n = ParseNumber(cell)) {
              ++st.numeric;
              if (*n == std::floor(*n)) ++st.integer;
              st.min = std::min(st.min, *n);
              st.max = std::max(st.max, *n);
            }
          }
          if (!st.overflow) {
            if (auto it = st.counts.find(cell); it != st.counts.end()) {
              ++it->second;
            } else {
              st.counts.emplace(std::string(cell), 1);
              st.order.emplace_back(cell);
              if (st.order.size() > kDistinctCap) st.overflow = true;
            }
          }
        }
        return true;
      });
      if (problem) return Error{*problem};
      // A column without a heading that holds answers (LimeSurvey writes "" for a question
      // without text) becomes an item named after its place, rather than being left out.
      for (SourceColumn& col : layout.columns)
        if (col.role == ColumnRole::kIgnore && col.header.empty() && col.code.empty() && col.text.empty() && col.index < width &&
            stats[col.index].nonEmpty > 0) {
          col.role = ColumnRole::kAnswer;
          col.text = "#" + std::to_string(col.index + 1);
        }
      std::string title = fs::path(file).stem().string();
      form = DeriveQuestionnaire(layout, stats, title, itemOfColumn);
      report.derivedQuestionnaire = true;
      for (const Section& s : form.sections) report.derivedItems += s.items.size();
    }

    Mapper mapper(form, layout, mapping, itemOfColumn.empty() ? nullptr : &itemOfColumn);
    std::vector<ColumnPlan> plans;
    json mapOut = {{"format", layout.format}, {"header_rows", layout.headerRows}, {"columns", json::object()}};
    if (mapping.contains("date_order")) mapOut["date_order"] = mapping["date_order"];
    // Which column took each variable (and each multiple-choice item joined in one cell): a
    // second column on the same one would overwrite the first's answers.
    std::map<int, size_t> columnOfVar;
    std::map<const Item*, size_t> columnOfJoined;
    for (const SourceColumn& col : layout.columns) {
      ColumnPlan p = mapper.Plan(col);
      if (p.kind == ColumnPlan::kValue || p.kind == ColumnPlan::kText || p.kind == ColumnPlan::kFlag || p.kind == ColumnPlan::kJoined) {
        auto taken = [&]() -> std::optional<size_t> {
          if (p.kind == ColumnPlan::kJoined) {
            auto it = columnOfJoined.find(p.item);
            if (it != columnOfJoined.end()) return it->second;
          } else if (auto it = columnOfVar.find(p.variable); it != columnOfVar.end()) {
            return it->second;
          }
          return std::nullopt;
        };
        if (p.kind == ColumnPlan::kValue || p.kind == ColumnPlan::kText) {
          // Derived items whose ids were cut to the same 40 characters are numbered X, X_2, X_3…
          // in column order: the next free one of those is this column's.
          const std::string base = mapper.Vars()[size_t(p.variable)].name;
          for (int k = 2; taken() && k < 1000; ++k) {
            const int next = mapper.VarOf(base + "_" + std::to_string(k));
            if (next < 0) break;
            if (!columnOfVar.count(next)) p = mapper.PlanVariable(col, next);
          }
        }
        if (const auto other = taken()) {
          report.notes.push_back(Message(N_("Column {0} (\"{1}\") maps to the same question as column {2}, whose answers it would overwrite, so it is not imported. Map it to its own item in a mapping file."))
                                     .Arg(static_cast<long long>(col.index + 1)).Arg(col.header.empty() ? col.text : col.header)
                                     .Arg(static_cast<long long>(*other + 1)));
          p = ColumnPlan{};
          p.column = col.index;
          mapOut["columns"][col.header] = nullptr;
          plans.push_back(std::move(p));
          continue;
        }
        if (p.kind == ColumnPlan::kJoined) columnOfJoined[p.item] = col.index;
        else columnOfVar[p.variable] = col.index;
      }
      static const char* kRoleKeys[] = {"ignore", "respondent_id", "submitted_at", "customer_id", "email", "channel", "answer"};
      if (col.summaryOfOptions)
        report.notes.push_back(Message(N_("Column {0} (\"{1}\") repeats the options ticked in its option columns, which are imported; this one is not."))
                                   .Arg(static_cast<long long>(col.index + 1)).Arg(col.header));
      if (col.role != ColumnRole::kAnswer && !col.header.empty()) mapOut["roles"][col.header] = kRoleKeys[int(col.role)];
      if (col.role == ColumnRole::kAnswer) {
        if (p.kind == ColumnPlan::kMeta) {
          if (!col.header.empty() || !col.text.empty())
            report.notes.push_back(Message(N_("Column {0} (\"{1}\") matches no item of the questionnaire and is not imported. Add the item, or map the column in a mapping file."))
                                       .Arg(static_cast<long long>(col.index + 1)).Arg(col.header.empty() ? col.text : col.header));
          mapOut["columns"][col.header] = nullptr;
        } else {
          mapOut["columns"][col.header] = p.kind == ColumnPlan::kJoined ? p.item->id : mapper.Vars()[size_t(p.variable)].name;
        }
      }
      plans.push_back(std::move(p));
    }
    report.mappingJson = mapOut.dump(2);

    const SourceColumn* idCol = layout.Find(ColumnRole::kRespondentId);
    const SourceColumn* timeCol = layout.Find(ColumnRole::kSubmittedAt);
    const SourceColumn* custCol = layout.Find(ColumnRole::kCustomerId);
    const SourceColumn* mailCol = layout.Find(ColumnRole::kEmail);
    const SourceColumn* channelCol = layout.Find(ColumnRole::kChannel);

    // Slash dates (3/4/2026) are read in the order the whole column shows — a first number over
    // 12 is a day — never row by row; a column that does not tell keeps them as written. Only
    // files whose first timestamp has a slash pay for this pass over the rows.
    DateOrder dateOrder = DateOrder::kUnknown;
    if (mapping.contains("date_order")) {
      const json& given = mapping["date_order"];
      if (given == "month-first") dateOrder = DateOrder::kMonthFirst;
      else if (given == "day-first") dateOrder = DateOrder::kDayFirst;
      else
        return Error{Message(N_("The mapping's \"date_order\" is {0}: write \"month-first\" (3/4/2026 is March 4) or \"day-first\" (3/4/2026 is 3 April)."))
                         .Arg(given.dump())};
    } else if (timeCol && head.Value().size() > size_t(layout.headerRows) && timeCol->index < head.Value()[size_t(layout.headerRows)].size() &&
               SlashDateWithoutYearFirst(head.Value()[size_t(layout.headerRows)][timeCol->index])) {
      DateOrderEvidence evidence;
      int64_t index = 0;
      source.KeepRowsForNextPasses();
      if (auto problem = source.ForEachRow([&](const TableRow& row) {
            if (index++ >= layout.headerRows && timeCol->index < row.Size()) evidence.Add(row[timeCol->index]);
            return true;
          }))
        return Error{*problem};
      dateOrder = evidence.Order();
      if (dateOrder == DateOrder::kUnknown && !evidence.Example().empty())
        report.notes.push_back(Message(N_("The dates of column {0} (\"{1}\", such as {2}) do not show whether the day or the month comes first, "
                                          "so they are kept as written. To have them read, add \"date_order\": \"month-first\" or \"day-first\" to a mapping file (--mapping)."))
                                   .Arg(static_cast<long long>(timeCol->index + 1)).Arg(timeCol->header).Arg(evidence.Example()));
    }

    // The sample frame, when there is one: ids and e-mails.
    std::unordered_map<std::string, int64_t> frameIds, frameMails;
    {
      storage::Statement st(db, "SELECT id, external_id FROM customer");
      while (st.Step()) frameIds.emplace(st.Text(1), st.Int(0));
      storage::Statement mails(db, "SELECT customer_id, lower(email) FROM customer_contact WHERE email IS NOT NULL");
      while (mails.Step()) frameMails.emplace(mails.Text(1), mails.Int(0));
    }
    // Respondent keys already in the project and earlier in the file.
    std::optional<SeenKeys> seen;
    if (idCol) {
      seen.emplace();
      if (qid > 0) seen->AddExisting(db, qid);
    }

    struct CheckpointRestorer {
      explicit CheckpointRestorer(storage::Connection& c) : db(c) {}
      ~CheckpointRestorer() {
        try {
          db.Exec("PRAGMA wal_autocheckpoint = 1000");
          db.Exec("PRAGMA cache_size = -2000");
          db.Exec("PRAGMA foreign_keys = ON");
        } catch (const storage::SqliteError&) {
        }
      }
      storage::Connection& db;
    };
    std::optional<CheckpointRestorer> restoreCheckpoints;  // declared before tx: outlives it
    std::optional<storage::Transaction> tx;
    std::optional<storage::ResponseWriter> responses;  // the rows, bound without copies
    if (!options.dryRun) {
      // The importing process never checkpoints the WAL (neither after the commit nor when it
      // closes): if it is killed, the database file itself was never being rewritten, and the
      // next program to open the project moves the pages over.
      db.Exec("PRAGMA wal_autocheckpoint = 0");
      db.Exec("PRAGMA cache_size = -32768");  // 32 MiB of pages: index updates stay in memory
      // Every key the import writes is one it has just made or looked up (the questionnaire,
      // this import, customers of the frame, the response it has just inserted): checking each
      // of them against its table again for every row costs seconds on a large file. The
      // setting cannot change inside a transaction, so it is made (and undone) outside.
      db.Exec("PRAGMA foreign_keys = OFF");
      sqlite3_db_config(db.Handle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
      restoreCheckpoints.emplace(db);
      tx.emplace(db);
      if (report.derivedQuestionnaire) qid = StoreQuestionnaire(project, form);
      storage::Statement ins(db, "INSERT INTO import(file_name, sha256, format, encoding, mapping, channel, imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
      ins.Bind(1, report.file).Bind(2, report.sha256).Bind(3, report.format).Bind(4, report.encoding).Bind(5, report.mappingJson)
          .Bind(6, ChannelKey(options.channel)).Bind(7, NowIso8601()).Run();
      report.importId = db.LastInsertId();
      responses.emplace(db);
    }
    report.questionnaireId = qid;

    const std::vector<Variable>& vars = mapper.Vars();
    std::vector<const Item*> flagItems;
    for (const ColumnPlan& p : plans)
      if (p.kind == ColumnPlan::kFlag && std::find(flagItems.begin(), flagItems.end(), p.item) == flagItems.end()) flagItems.push_back(p.item);
    const bool checkUtf8 = source.Kind() == "csv";
    std::vector<char> flagAnswered(flagItems.size());
    int64_t index = 0, shortRows = 0, firstShortRow = 0;
    storage::Statement* rejectSt = options.dryRun ? nullptr : &db.Cached("INSERT INTO rejected_row(import_id, source_row, reasons, raw) VALUES (?1, ?2, ?3, ?4)");

    auto isMissing = [&](std::string_view v) { return std::find(layout.missing.begin(), layout.missing.end(), v) != layout.missing.end(); };

    // Reading and checking the rows (the `check` thread) and writing them (this thread) overlap:
    // `check` fills batches of rows while this thread writes the previous ones.
    RowPipeline pipeline;
    int64_t emptyRows = 0, firstEmptyRow = 0;
    // Columns without a heading are not imported; the rows that hold something in one are noted.
    std::vector<size_t> unnamed;
    for (const SourceColumn& col : layout.columns)
      if (col.role == ColumnRole::kIgnore && col.header.empty() && col.code.empty() && col.text.empty()) unnamed.push_back(col.index);
    std::vector<std::pair<int64_t, int64_t>> unnamedUse(unnamed.size());  // rows with a value, the first of them
    auto check = [&](const TableRow& row) {
      if (index++ < layout.headerRows) return true;
      if (pipeline.Stopped()) return false;
      // A row of empty cells (",,,,", a spreadsheet's formatted but unused row) holds no response.
      bool empty = true;
      for (size_t c = 0; c < row.Size() && empty; ++c) empty = FastTrim(row[c]).empty();
      if (empty) {
        if (emptyRows++ == 0) firstEmptyRow = row.number;
        return true;
      }
      for (size_t k = 0; k < unnamed.size(); ++k)
        if (!FastTrim(row[unnamed[k]]).empty() && unnamedUse[k].first++ == 0) unnamedUse[k].second = row.number;
      CheckedRow& out = pipeline.Next();
      out.row = row.number;
      std::vector<RowProblem>& rowProblems = out.problems;
      rowProblems.clear();
      out.reasons.clear();
      storage::ResponseRecord& rec = out.rec;
      rec.questionnaireId = qid;
      rec.importId = report.importId ? std::optional<int64_t>(report.importId) : std::nullopt;
      const long long rowNo = static_cast<long long>(row.number);
      auto add = [&](size_t column, std::string_view value, ProblemKind kind, const Reason& m) {
        RowProblem rp;
        rp.row = row.number;
        rp.column = column < width ? layout.columns[column].header : std::to_string(column + 1);
        rp.value = std::string(value);
        rp.kind = kind;
        rp.message = m.GetMessage();
        out.reasons.push_back(m.Stored());
        rowProblems.push_back(std::move(rp));
      };
      auto where = [&](size_t column) { return CellPlace(origin, row.number, column, column < width ? layout.columns[column].header : std::string()); };
      if (row.Size() > width) {
        for (size_t c = width; c < row.Size(); ++c)
          if (!Trim(row[c]).empty()) {
            add(c, row[c], ProblemKind::kRaggedRow,
                Reason(N_("{0}, row {1}: {2} cells where the header has {3} columns; the row is probably broken (an unquoted delimiter or line break). Fix the row or export the file again."))
                    .Arg(origin).Arg(rowNo).Arg(static_cast<long long>(row.Size())).Arg(static_cast<long long>(width)));
            break;
          }
      } else if (row.Size() < width && checkUtf8) {
        if (shortRows++ == 0) firstShortRow = row.number;
      }
      if (checkUtf8 && !RowIsValidUtf8(row))
        for (size_t c = 0; c < row.Size(); ++c)
          if (!IsValidUtf8(row[c])) {
            add(c, "", ProblemKind::kInvalidText,
                Reason(N_("{0}: the cell is not valid {1} text. Save the file as UTF-8, or give its encoding with --encoding."))
                    .Arg(where(c)).Arg(report.encoding));
          }
      rec.values.assign(vars.size(), storage::kSystemMissing);
      rec.texts.clear();
      // Two columns may feed one text (an option's other text and a separate text column).
      auto addText = [&](int var, std::string text) {
        for (auto& [v, t] : rec.texts)
          if (v == var) {
            t += "; " + text;
            return;
          }
        rec.texts.emplace_back(var, std::move(text));
      };
      std::fill(flagAnswered.begin(), flagAnswered.end(), 0);
      if (idCol) rec.respondentKey.assign(Trim(row[idCol->index]));
      else rec.respondentKey.clear();
      rec.submittedAt = timeCol ? NormaliseTimestamp(row[timeCol->index], dateOrder) : std::string();
      rec.channel = options.channel;
      if (channelCol) {
        auto ch = ParseChannel(Trim(row[channelCol->index]));
        if (ch) rec.channel = *ch;
        else if (!Trim(row[channelCol->index]).empty())
          add(channelCol->index, row[channelCol->index], ProblemKind::kUnknownCode,
              Reason(N_("{0}: \"{1}\" is not a channel; use mail, phone, online or face-to-face.")).Arg(where(channelCol->index)).Arg(std::string(row[channelCol->index])));
      }
      rec.customerId.reset();
      if (!frameIds.empty()) {
        if (custCol && !Trim(row[custCol->index]).empty()) {
          auto it = frameIds.find(std::string(Trim(row[custCol->index])));
          if (it != frameIds.end()) rec.customerId = it->second;
          else add(custCol->index, row[custCol->index], ProblemKind::kNotInFrame,
                   Reason(N_("{0}: customer \"{1}\" is not in the sample frame. Import the customer with `manyi-cli frame import`, or correct the id."))
                       .Arg(where(custCol->index)).Arg(std::string(row[custCol->index])));
        } else if (mailCol && !Trim(row[mailCol->index]).empty()) {
          auto it = frameMails.find(Lower(row[mailCol->index]));
          if (it != frameMails.end()) rec.customerId = it->second;
          else add(mailCol->index, row[mailCol->index], ProblemKind::kNotInFrame,
                   Reason(N_("{0}: the e-mail address is not in the sample frame. Import the customer with `manyi-cli frame import`, or correct the address."))
                       .Arg(where(mailCol->index)));
        }
      }
      if (!rec.respondentKey.empty() && !seen->Insert(rec.respondentKey))
        add(idCol->index, rec.respondentKey, ProblemKind::kDuplicateRespondent,
            Reason(N_("{0}: respondent \"{1}\" appears more than once (in this file or an earlier import). Remove the duplicate, or undo the earlier import."))
                .Arg(where(idCol->index)).Arg(rec.respondentKey));
      for (const ColumnPlan& p : plans) {
        if (p.kind == ColumnPlan::kMeta) continue;
        std::string_view raw = row[p.column];
        std::string_view cell = FastTrim(raw);
        if (cell.empty() || isMissing(cell)) continue;
        const Variable* var = p.variable >= 0 ? &vars[size_t(p.variable)] : nullptr;
        switch (p.kind) {
          case ColumnPlan::kText:
          case ColumnPlan::kOther:
            addText(p.variable, std::string(raw));
            break;
          case ColumnPlan::kFlag: {
            const size_t fi = size_t(std::find(flagItems.begin(), flagItems.end(), p.item) - flagItems.begin());
            flagAnswered[fi] = 1;
            const Code* code = nullptr;
            for (const Code& c : p.item->codes)
              if (c.value == var->option) code = &c;
            bool chosen = IsTruthy(cell);
            if (!chosen && !IsFalsy(cell)) {
              for (const auto& [lang, label] : code ? code->label.byLang : std::map<std::string, std::string>{})
                if (Key(label) == Key(cell)) chosen = true;
              if (!chosen) chosen = true;  // SurveyMonkey writes the option's text; any text means ticked
            }
            rec.values[size_t(p.variable)] = chosen ? 1 : 0;
            break;
          }
          case ColumnPlan::kJoined: {
            for (int v : p.optionVars)
              if (v >= 0) rec.values[size_t(v)] = 0;
            const std::string_view sep = layout.multiJoin.empty() ? std::string_view(",") : std::string_view(layout.multiJoin);
            // The option of a part, without its other-specify text (SplitOtherText), looked up
            // without building strings: this runs for every way of cutting every cell.
            auto optionOf = [](std::string_view part) {
              const size_t open = part.find("〖");
              return open == std::string_view::npos ? part : Trim(part.substr(0, open));
            };
            auto isOption = [&](std::string_view part) { return FindCode(p.codeByText, optionOf(part)) != p.codeByText.end(); };
            for (const std::string& part : SplitAgainstOptions(cell, sep, isOption)) {
              std::string option, other;
              const bool hasOther = SplitOtherText(part, option, other);
              auto it = FindCode(p.codeByText, optionOf(part));
              if (it != p.codeByText.end()) {
                for (size_t k = 0; k < p.item->codes.size(); ++k)
                  if (p.item->codes[k].value == it->second && p.optionVars[k] >= 0) rec.values[size_t(p.optionVars[k])] = 1;
                if (hasOther && p.otherVar >= 0) addText(p.otherVar, other);
              } else if (p.otherVar >= 0) {
                addText(p.otherVar, hasOther ? other : part);
              } else {
                add(p.column, part, ProblemKind::kUnknownCode,
                    Reason(N_("{0}: \"{1}\" is not one of the options of item {2}. Add the option to the item, map it in the mapping file, or skip the row."))
                        .Arg(where(p.column)).Arg(part).Arg(p.item->id));
              }
            }
            break;
          }
          case ColumnPlan::kValue: {
            const Item& item = *var->item;
            const Scale* scale = var->isImportance && item.importanceScale ? &*item.importanceScale : item.scale ? &*item.scale : nullptr;
            // A plain double and a flag, not std::optional: its copies stalled the processor
            // (store forwarding) for every cell of a large import.
            double x = 0;
            bool number = false;
            if (item.type == ItemType::kSingle) {
              // Labels first: an answer "19" in a list of texts is the label 19, not code 19.
              auto it = FindCode(p.codeByText, cell);
              if (it != p.codeByText.end()) { x = it->second; number = true; }
            }
            if (!number) number = ParseCellNumber(cell, x);
            if (!number) {
              auto it = FindCode(p.codeByText, cell);
              if (it != p.codeByText.end()) { x = it->second; number = true; }
            }
            if (!number && (scale || item.type == ItemType::kNumeric)) {
              // "5 - Very satisfied", "4 = agree": a leading number.
              size_t k = 0;
              while (k < cell.size() && (std::isdigit(static_cast<unsigned char>(cell[k])) || cell[k] == '.' || (k == 0 && cell[k] == '-'))) ++k;
              if (k > 0 && k < cell.size() && (cell[k] == ' ' || cell[k] == '-' || cell[k] == '=')) {
                if (auto lead = ParseNumber(cell.substr(0, k))) {
                  x = *lead;
                  number = true;
                }
              }
            }
            if (!number) {
              if (item.type == ItemType::kSingle || item.type == ItemType::kMultiple) {
                // LimeSurvey's "-oth-": other was chosen; its text comes from the other column.
                if (item.allowOther && !layout.otherMarker.empty() && cell == layout.otherMarker) break;
                if (item.allowOther) {
                  int ov = mapper.VarOf(item.id + "_other");
                  if (ov >= 0) { addText(ov, std::string(raw)); break; }
                }
                add(p.column, cell, ProblemKind::kUnknownCode,
                    Reason(N_("{0}: \"{1}\" is not one of the answers of item {2}. Add it to the item's code list, map it in the mapping file (\"values\"), or skip the row."))
                        .Arg(where(p.column)).Arg(std::string(cell)).Arg(item.id));
              } else {
                add(p.column, cell, ProblemKind::kWrongType,
                    Reason(N_("{0}: \"{1}\" is not a number, but item {2} expects one. Correct the value or mark it as missing."))
                        .Arg(where(p.column)).Arg(std::string(cell)).Arg(item.id));
              }
              break;
            }
            if (item.type == ItemType::kSingle && !item.codes.empty()) {
              bool known = false;
              for (const Code& c : item.codes) known = known || c.value == x;
              if (!known && !(scale && IsMissingCodeOf(*scale, x))) {
                add(p.column, cell, ProblemKind::kUnknownCode,
                    Reason(N_("{0}: {1} is not a code of item {2}. Correct the value, or add the code to the item."))
                        .Arg(where(p.column)).Arg(std::string(cell)).Arg(item.id));
                break;
              }
            } else if (scale && (x < scale->min || x > scale->max || x != std::floor(x)) && !IsMissingCodeOf(*scale, x)) {
              add(p.column, cell, ProblemKind::kOutOfRange,
                  Reason(N_("{0}: {1} is outside the scale {2}–{3} of item {4}. Correct the value or mark it as missing."))
                      .Arg(where(p.column)).Arg(std::string(cell)).Arg(FormatNumber(scale->min)).Arg(FormatNumber(scale->max)).Arg(item.id));
              break;
            } else if (item.type == ItemType::kNumeric && ((item.min && x < *item.min) || (item.max && x > *item.max))) {
              add(p.column, cell, ProblemKind::kOutOfRange,
                  Reason(N_("{0}: {1} is outside the bounds of item {2}. Correct the value or mark it as missing."))
                      .Arg(where(p.column)).Arg(std::string(cell)).Arg(item.id));
              break;
            }
            rec.values[size_t(p.variable)] = x;
            break;
          }
          case ColumnPlan::kMeta:
            break;
        }
      }
      // Multi-select by option columns: ticked nothing at all = not answered.
      for (size_t fi = 0; fi < flagItems.size(); ++fi) {
        if (flagAnswered[fi]) {
          for (const ColumnPlan& p : plans)
            if (p.kind == ColumnPlan::kFlag && p.item == flagItems[fi] && storage::IsSystemMissing(rec.values[size_t(p.variable)]))
              rec.values[size_t(p.variable)] = 0;
        }
      }
      // A rejected row keeps its cells for the rejected-rows table; a good one goes packed.
      out.raw.clear();
      out.rawEnds.clear();
      out.blob.clear();
      if (!rowProblems.empty()) {
        for (size_t c = 0; c < row.Size(); ++c) {
          if (!checkUtf8 || IsValidUtf8(row[c])) out.raw.append(row[c]);
          out.rawEnds.push_back(out.raw.size());
        }
      } else {
        storage::EncodeAnswers(rec.values, out.blob);
      }
      pipeline.Commit();
      return true;
    };

    // The writer: counts, rejected rows and responses, in file order.
    int64_t sinceHashPoll = 0;
    auto write = [&](CheckedRow& r) {
      if (!hashChecked && ++sinceHashPoll >= 256) {
        sinceHashPoll = 0;
        if (hasher.Ready()) checkHash();
        if (hashProblem) return false;
      }
      ++report.rowsRead;
      if (options.progress && report.rowsRead % 512 == 0 && !options.progress(report.rowsRead)) {
        report.cancelled = true;
        return false;
      }
      std::vector<RowProblem>& rowProblems = r.problems;
      storage::ResponseRecord& rec = r.rec;
      if (!rowProblems.empty()) {
        ++report.rowsRejected;
        for (RowProblem& rp : rowProblems) {
          report.problemCounts[rp.kind]++;
          if (report.problems.size() < options.listProblems) report.problems.push_back(rp);
        }
        if (options.abortOnProblem) {
          report.aborted = true;
          return options.dryRun;  // a dry run goes on to list every problem
        }
        if (rejectSt) {
          json reasons = json::array(), rawCells = json::array();
          for (size_t k = 0; k < rowProblems.size(); ++k) {
            const RowProblem& rp = rowProblems[k];
            // "message" (English) is what versions before "translatable" show.
            reasons.push_back({{"column", rp.column}, {"value", IsValidUtf8(rp.value) ? rp.value : ""}, {"kind", ProblemKindKey(rp.kind)},
                               {"message", rp.message.English()}, {"translatable", r.reasons[k]}});
          }
          for (size_t c = 0, from = 0; c < r.rawEnds.size(); from = r.rawEnds[c++]) rawCells.push_back(r.raw.substr(from, r.rawEnds[c] - from));
          rejectSt->Bind(1, report.importId).Bind(2, r.row).Bind(3, reasons.dump()).Bind(4, rawCells.dump()).Run();
        }
        return true;
      }
      ++report.rowsImported;
      if (responses) responses->Add(rec, r.blob);
      return true;
    };

    std::optional<Message> problem = pipeline.Run([&] { return source.ForEachRow(check); }, write);
    if (!hashChecked) checkHash();
    if (hashProblem) return Error{*hashProblem};
    if (problem) return Error{*problem};
    for (size_t k = 0; k < unnamed.size(); ++k)
      if (unnamedUse[k].first > 0)
        report.notes.push_back(Message(N_("Column {0} has no heading, so it matches no item and is not imported, but {1} row(s) hold something in it (the first is row {2}). Give the column a heading and import the file again."))
                                   .Arg(static_cast<long long>(unnamed[k] + 1)).Arg(static_cast<long long>(unnamedUse[k].first))
                                   .Arg(static_cast<long long>(unnamedUse[k].second)));
    if (emptyRows > 0)
      report.notes.push_back(Message(N_("{0} row(s) have no cell filled in (the first is row {1}) and are not responses; they were skipped."))
                                 .Arg(static_cast<long long>(emptyRows)).Arg(static_cast<long long>(firstEmptyRow)));
    if (shortRows > 0)
      report.notes.push_back(Message(N_("{0} row(s) have fewer cells than the header (the first is row {1}); the missing cells were read as unanswered."))
                                 .Arg(static_cast<long long>(shortRows)).Arg(static_cast<long long>(firstShortRow)));
    if (report.aborted || report.cancelled) {
      report.importId = 0;
      return report;  // the transaction rolls back: the project is unchanged
    }
    if (options.progress) options.progress(report.rowsRead);
    if (tx) {
      storage::Statement upd(db, "UPDATE import SET rows_read = ?1, rows_imported = ?2, rows_rejected = ?3, sha256 = ?5 WHERE id = ?4");
      upd.Bind(1, report.rowsRead).Bind(2, report.rowsImported).Bind(3, report.rowsRejected).Bind(4, report.importId)
          .Bind(5, report.sha256).Run();
      tx->Commit();
      report.committed = true;
    }
  } catch (const UserError& e) {
    return Error{e.GetMessage()};
  } catch (const storage::SqliteError& e) {
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
  return report;
}

Result<int64_t> UndoImport(storage::Project& project, int64_t importId) {
  storage::Connection& db = project.Db();
  try {
    storage::Statement find(db, "SELECT file_name, undone_at FROM import WHERE id = ?1");
    find.Bind(1, importId);
    if (!find.Step())
      return Error{Message(N_("There is no import {0} in {1}. `manyi-cli import --list` shows the imports."))
                       .Arg(static_cast<long long>(importId)).Arg(project.Path().string())};
    if (!find.IsNull(1))
      return Error{Message(N_("Import {0} ({1}) was already undone on {2}.")).Arg(static_cast<long long>(importId)).Arg(find.Text(0)).Arg(find.Text(1))};
    storage::Transaction tx(db);
    storage::Statement del(db, "DELETE FROM response WHERE import_id = ?1");
    del.Bind(1, importId).Run();
    const int64_t deleted = db.Changes();
    storage::Statement mark(db, "UPDATE import SET undone_at = ?1 WHERE id = ?2");
    mark.Bind(1, NowIso8601()).Bind(2, importId).Run();
    storage::Statement audit(db, "INSERT INTO audit_log(at, actor, action, detail) VALUES (?1, 'manyi', 'undo_import', ?2)");
    audit.Bind(1, NowIso8601()).Bind(2, "import " + std::to_string(importId) + ": " + std::to_string(deleted) + " responses deleted").Run();
    tx.Commit();
    return deleted;
  } catch (const storage::SqliteError& e) {
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
}

namespace {

void WriteLine(std::FILE* f, const std::vector<std::string>& cells) {
  const std::string line = CsvLine(cells);
  std::fwrite(line.data(), 1, line.size(), f);
}

}  // namespace

std::string RejectedReasonText(const json& reason) {
  if (!reason.is_object()) return reason.is_string() ? reason.get<std::string>() : reason.dump();
  if (auto stored = reason.find("translatable"); stored != reason.end())
    if (auto message = StoredMessage(*stored)) return message->Text();
  return reason.value("message", std::string());
}

Result<int64_t> ExportRejectedRows(storage::Project& project, int64_t importId, const fs::path& out) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(out.c_str(), "wb"), &std::fclose);
  if (!f) return Error{Message(N_("Cannot write {0}. Check the folder and its permissions.")).Arg(out.string())};
  std::fwrite("\xEF\xBB\xBF", 1, 3, f.get());
  WriteLine(f.get(), {"source_row", "reasons", "cells"});
  storage::Statement st(project.Db(), "SELECT source_row, reasons, raw FROM rejected_row WHERE import_id = ?1 ORDER BY source_row");
  st.Bind(1, importId);
  int64_t count = 0;
  while (st.Step()) {
    std::vector<std::string> cells = {std::to_string(st.Int(0))};
    std::string reasons;
    for (const json& r : json::parse(st.TextView(1))) reasons += (reasons.empty() ? "" : "; ") + RejectedReasonText(r);
    cells.push_back(NeutraliseFormula(reasons));
    for (const json& c : json::parse(st.TextView(2))) cells.push_back(NeutraliseFormula(c.get<std::string>()));
    WriteLine(f.get(), cells);
    ++count;
  }
  return count;
}

}  // namespace manyi::io::import

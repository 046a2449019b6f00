// Lays a questionnaire out on A4 pages with pango and writes it as PDF with cairo (paper_form.h).
//
// One copy is laid out once into blocks (a heading, an option list, a table…) that never split;
// blocks are paginated so that an item stays on one page when it fits, and each page is recorded
// once. Every copy then replays the recorded pages and adds its own header (respondent id in
// code boxes) and footer ("page 2 of 4"), so a thousand copies cost little time and file size.
#include "io/paper_form.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>

#include "core/expression.h"
#include "core/text.h"

namespace manyi::io {

namespace {

// ---------------------------------------------------------------------------------------------
// Page geometry (points, 1/72 inch) and type sizes.

constexpr double kPageW = 595.276;  // A4
constexpr double kPageH = 841.890;
constexpr double kMarginL = 50, kMarginR = 46;
constexpr double kTop = 30, kBottom = 28;
constexpr double kHeaderH = 48;  // title line and id boxes
constexpr double kFooterH = 20;
constexpr double kBodyTop = kTop + kHeaderH + 8;
constexpr double kBodyBottom = kPageH - kBottom - kFooterH - 6;
constexpr double kContentW = kPageW - kMarginL - kMarginR;
constexpr double kNumberW = 24;  // the question number column
constexpr double kItemX = kMarginL + kNumberW;
constexpr double kItemW = kContentW - kNumberW;
constexpr double kGroupGap = 12;
constexpr double kBox = 9;  // answer box / circle size

constexpr double kTextSize = 9.5;
constexpr double kSmallSize = 8.2;
constexpr double kTinySize = 6.2;

/// The fixed words of the form, in the form's language (not the interface language: a Chinese
/// user may print the English form for a foreign customer).
std::string Say(const std::string& lang, const char* zh, const char* en) { return lang == "zh" ? zh : en; }

// ---------------------------------------------------------------------------------------------
// Text with pango.

struct Style {
  double size = kTextSize;
  bool bold = false;
  bool mono = false;
  double grey = 0;  // 0 black … 1 white
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Typesetter {
 public:
  /// One family for both languages so that the Chinese and English forms look alike; DejaVu
  /// Sans covers the few symbols WenQuanYi Micro Hei lacks.
  Typesetter() : m_family("WenQuanYi Micro Hei, DejaVu Sans") {}

  /// A layout of text; width > 0 wraps at that width.
  LayoutPtr Layout(cairo_t* cr, const std::string& text, const Style& s, double width = 0) const {
    PangoLayout* l = pango_cairo_create_layout(cr);
    PangoFontDescription* fd = pango_font_description_from_string(s.mono ? "DejaVu Sans Mono" : m_family.c_str());
    pango_font_description_set_absolute_size(fd, s.size * PANGO_SCALE);
    if (s.bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
      pango_layout_set_width(l, int(width * PANGO_SCALE));
      pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, s.align);
    pango_layout_set_text(l, text.data(), int(text.size()));
    return LayoutPtr(l);
  }
  static double Width(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return double(w) / PANGO_SCALE;
  }
  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return double(h) / PANGO_SCALE;
  }
  /// Height of text wrapped at width.
  double Measure(cairo_t* cr, const std::string& text, const Style& s, double width) const {
    return Height(Layout(cr, text, s, width).get());
  }
  double MeasureWidth(cairo_t* cr, const std::string& text, const Style& s) const {
    return Width(Layout(cr, text, s).get());
  }
  /// Draws text with its top-left corner at (x, y); returns its height.
  double Draw(cairo_t* cr, double x, double y, const std::string& text, const Style& s, double width = 0) const {
    LayoutPtr l = Layout(cr, text, s, width);
    cairo_set_source_rgb(cr, s.grey, s.grey, s.grey);
    cairo_move_to(cr, x, y);
    pango_cairo_show_layout(cr, l.get());
    return Height(l.get());
  }

 private:
  std::string m_family;
};

void Square(cairo_t* cr, double x, double y, double size, double line = 0.7) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, line);
  cairo_rectangle(cr, x, y, size, size);
  cairo_stroke(cr);
}

void Circle(cairo_t* cr, double cx, double cy, double r) {
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 0.7);
  cairo_new_sub_path(cr);
  cairo_arc(cr, cx, cy, r, 0, 2 * M_PI);
  cairo_stroke(cr);
}

void HLine(cairo_t* cr, double x0, double x1, double y, double grey = 0, double width = 0.5) {
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_set_line_width(cr, width);
  cairo_move_to(cr, x0, y);
  cairo_line_to(cr, x1, y);
  cairo_stroke(cr);
}

void Fill(cairo_t* cr, double x, double y, double w, double h, double grey) {
  cairo_set_source_rgb(cr, grey, grey, grey);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
}

// ---------------------------------------------------------------------------------------------
// Conditions in words.

std::string FormatValue(double v) { return FormatNumber(v); }

/// "1–6", "1, 3, 5–7": consecutive integer runs joined.
std::string DescribeRuns(const std::vector<double>& values) {
  std::string out;
  for (size_t i = 0; i < values.size();) {
    size_t j = i;
    while (j + 1 < values.size() && values[j + 1] == values[j] + 1) ++j;
    if (!out.empty()) out += ", ";
    out += FormatValue(values[i]);
    if (j > i + 1) out += "–" + FormatValue(values[j]);
    else if (j == i + 1) out += ", " + FormatValue(values[j]);
    i = j + 1;
  }
  return out;
}

/// A relevance condition simple enough to say in words: one item, the answers that satisfy it.
struct SimpleCondition {
  std::string item;
  std::vector<double> accepted;  // sorted
  bool selectedOption = false;   // selected(item, code): accepted holds the one code
  bool operator==(const SimpleCondition& o) const {
    return item == o.item && accepted == o.accepted && selectedOption == o.selectedOption;
  }
};

/// The answers an item can have that a condition can test: scale points or codes.
std::vector<double> AnswerDomain(const Item& item) {
  std::vector<double> out;
  if ((item.type == ItemType::kRating || item.type == ItemType::kNps) && item.scale)
    for (double v = item.scale->min; v <= item.scale->max; ++v) out.push_back(v);
  else if (item.type == ItemType::kSingle)
    for (const Code& c : item.codes) out.push_back(c.value);
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<double> Number(const std::string& s) { return ParseNumber(s); }

std::optional<SimpleCondition> ParseSimple(const std::string& source, const Questionnaire& q) {
  static const std::string kName = R"((?:\$\{([A-Za-z_][\w.\-]*)\}|([A-Za-z_][\w.\-]*)))";
  static const std::string kNum = R"((-?\d+(?:\.\d+)?))";
  static const std::regex compare("^\\s*" + kName + "\\s*(<=|>=|!=|<>|==|=|<|>)\\s*" + kNum + "\\s*$");
  static const std::regex inList("^\\s*" + kName + "\\s+(not\\s+)?in\\s*\\(([-0-9.,\\s]+)\\)\\s*$");
  static const std::regex selected("^\\s*selected\\s*\\(\\s*" + kName + "\\s*,\\s*[\"']?" + kNum + "[\"']?\\s*\\)\\s*$");
  std::smatch m;
  auto itemOf = [&](const std::smatch& mm) { return mm[1].matched ? mm[1].str() : mm[2].str(); };
  if (std::regex_match(source, m, selected)) {
    const Item* item = q.FindItem(itemOf(m));
    auto v = Number(m[3].str());
    if (!item || item->type != ItemType::kMultiple || !v) return std::nullopt;
    return SimpleCondition{item->id, {*v}, true};
  }
  std::function<bool(double)> test;
  std::string name;
  if (std::regex_match(source, m, compare)) {
    name = itemOf(m);
    const std::string op = m[3].str();
    auto v = Number(m[4].str());
    if (!v) return std::nullopt;
    const double x = *v;
    if (op == "<=") test = [x](double a) { return a <= x; };
    else if (op == ">=") test = [x](double a) { return a >= x; };
    else if (op == "<") test = [x](double a) { return a < x; };
    else if (op == ">") test = [x](double a) { return a > x; };
    else if (op == "!=" || op == "<>") test = [x](double a) { return a != x; };
    else test = [x](double a) { return a == x; };
  } else if (std::regex_match(source, m, inList)) {
    name = itemOf(m);
    const bool negated = m[3].matched;
    std::set<double> values;
    std::string list = m[4].str();
    size_t start = 0;
    while (start <= list.size()) {
      size_t comma = list.find(',', start);
      auto v = Number(std::string(Trim(list.substr(start, comma == std::string::npos ? std::string::npos : comma - start))));
      if (!v) return std::nullopt;
      values.insert(*v);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    test = [values, negated](double a) { return values.count(a) != negated; };
  } else {
    return std::nullopt;
  }
  const Item* item = q.FindItem(name);
  if (!item) return std::nullopt;
  std::vector<double> domain = AnswerDomain(*item), accepted;
  for (double v : domain)
    if (test(v)) accepted.push_back(v);
  if (accepted.empty() || accepted.size() == domain.size()) return std::nullopt;
  return SimpleCondition{item->id, accepted, false};
}

/// "1–6" for a scale, "“yes” (1)" for codes.
std::string DescribeAccepted(const SimpleCondition& c, const Questionnaire& q, const std::string& lang) {
  const Item* item = q.FindItem(c.item);
  if (item->type == ItemType::kRating || item->type == ItemType::kNps) return DescribeRuns(c.accepted);
  std::string out;
  for (size_t i = 0; i < c.accepted.size(); ++i) {
    std::string label;
    for (const Code& code : item->codes)
      if (code.value == c.accepted[i]) label = code.label.Get(lang);
    if (i) out += i + 1 == c.accepted.size() ? Say(lang, "或", " or ") : Say(lang, "、", ", ");
    out += Say(lang, "“", "\"") + label + Say(lang, "”", "\"") + " (" + FormatValue(c.accepted[i]) + ")";
  }
  return out;
}

bool IsNameStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsNameChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '.' || c == '-' || c >= 0x80; }

std::string QuestionRef(int n, const std::string& lang) {
  return lang == "zh" ? "第" + std::to_string(n) + "题" : "Q" + std::to_string(n);
}

/// Question number of an item, 0 when not numbered.
int NumberOf(const std::vector<std::pair<std::string, int>>& numbers, const std::string& name) {
  for (const auto& [n, k] : numbers)
    if (n == name) return k;
  return 0;
}

}  // namespace

std::string ReadableCondition(const std::string& expression, const std::string& lang,
                              const std::vector<std::pair<std::string, int>>& numbers) {
  static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
      {"and", {"且", "and"}}, {"or", {"或", "or"}},        {"not", {"非", "not"}},
      {"in", {"属于", "in"}}, {"true", {"是", "true"}},    {"false", {"否", "false"}},
      {"div", {"÷", "÷"}},   {"mod", {"除余", "mod"}},    {"answered", {"已回答", "answered"}},
      {"selected", {"已选", "selected"}}, {"count_selected", {"所选项数", "count_selected"}}};
  static const std::map<std::string, const char*> kOps = {{"<=", "≤"}, {">=", "≥"}, {"!=", "≠"}, {"<>", "≠"}, {"==", "="}};
  std::string out;
  const std::string& s = expression;
  size_t i = 0;
  auto nameText = [&](const std::string& name) {
    int n = NumberOf(numbers, name);
    return n ? QuestionRef(n, lang) : name;
  };
  while (i < s.size()) {
    const unsigned char c = s[i];
    if (c == '"' || c == '\'') {
      size_t j = s.find(char(c), i + 1);
      j = j == std::string::npos ? s.size() : j + 1;
      out += s.substr(i, j - i);
      i = j;
    } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      size_t j = s.find('}', i);
      if (j == std::string::npos) j = s.size() - 1;
      out += nameText(s.substr(i + 2, j - i - 2));
      i = j + 1;
    } else if (IsNameStart(c)) {
      size_t j = i;
      while (j < s.size() && IsNameChar(static_cast<unsigned char>(s[j]))) ++j;
      const std::string word = s.substr(i, j - i);
      if (auto it = kWords.find(word); it != kWords.end()) out += lang == "zh" ? it->second.first : it->second.second;
      else out += nameText(word);
      i = j;
    } else {
      bool op = false;
      for (const auto& [from, to] : kOps)
        if (s.compare(i, from.size(), from) == 0) {
          out += to;
          i += from.size();
          op = true;
          break;
        }
      if (!op) out += s[i++];
    }
  }
  // Chinese has no spaces around the joining words.
  if (lang == "zh") {
    std::string tight;
    for (size_t k = 0; k < out.size(); ++k) {
      if (out[k] == ' ' && (k == 0 || k + 1 == out.size() || static_cast<unsigned char>(out[k - 1]) >= 0x80 ||
                            static_cast<unsigned char>(out[k + 1]) >= 0x80))
        continue;
      tight += out[k];
    }
    out = tight;
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Blocks and pagination.

/// A piece of the page that is never split: it knows its height and draws itself at a top y.
struct Block {
  double height = 0;
  std::function<void(cairo_t*, double)> draw;
};

/// Blocks that belong together (an item); kept on one page when they fit. A group marked
/// keepWithNext (a section title) goes onto the page of the group after it.
struct Group {
  std::vector<Block> blocks;
  bool keepWithNext = false;
  std::string item;  // the item the group prints ("" for titles and notes)
  double Height() const {
    double h = 0;
    for (const Block& b : blocks) h += b.height;
    return h;
  }
};

struct Placed {
  double y;
  const Block* block;
};

std::vector<std::vector<Placed>> Paginate(const std::vector<Group>& groups) {
  std::vector<std::vector<Placed>> pages(1);
  double y = kBodyTop;
  const double bodyH = kBodyBottom - kBodyTop;
  for (size_t g = 0; g < groups.size(); ++g) {
    // The unit that must start on one page: this group and any it is kept with.
    size_t last = g;
    while (groups[last].keepWithNext && last + 1 < groups.size()) ++last;
    double unitH = 0;
    for (size_t k = g; k <= last; ++k) unitH += groups[k].Height() + (k > g ? kGroupGap : 0);
    if (y > kBodyTop && y + unitH > kBodyBottom && unitH <= bodyH) {
      pages.emplace_back();
      y = kBodyTop;
    }
    for (size_t k = g; k <= last; ++k) {
      const Group& grp = groups[k];
      // A group taller than the rest of the page moves on when it fits a page by itself.
      if (y > kBodyTop && y + grp.Height() > kBodyBottom && grp.Height() <= bodyH) {
        pages.emplace_back();
        y = kBodyTop;
      }
      for (size_t i = 0; i < grp.blocks.size(); ++i) {
        const Block& b = grp.blocks[i];
        // A question's heading stays with the first piece of its answer.
        const double need = b.height + (i == 0 && grp.blocks.size() > 1 ? grp.blocks[1].height : 0);
        if (y > kBodyTop && y + need > kBodyBottom) {
          pages.emplace_back();
          y = kBodyTop;
        }
        pages.back().push_back({y, &b});
        y += b.height;
      }
      y += kGroupGap;
    }
    g = last;
  }
  return pages;
}

// ---------------------------------------------------------------------------------------------
// The form: items to blocks.

class FormLayout {
 public:
  FormLayout(const Questionnaire& q, std::string lang, PaperFormOptions options)
      : m_q(q), m_lang(std::move(lang)), m_options(std::move(options)) {
    cairo_rectangle_t extents{0, 0, kPageW, kPageH};
    m_measureSurface = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    m_measure = cairo_create(m_measureSurface);
    Number();
    Build();
    m_pages = Paginate(m_groups);
  }
  ~FormLayout() {
    cairo_destroy(m_measure);
    cairo_surface_destroy(m_measureSurface);
  }
  FormLayout(const FormLayout&) = delete;
  FormLayout& operator=(const FormLayout&) = delete;

  int Pages() const { return int(m_pages.size()); }

  /// The page (1-based) on which each printed item starts.
  std::map<std::string, int> ItemPages() const {
    std::map<const Block*, const std::string*> itemOf;
    for (const Group& g : m_groups)
      if (!g.item.empty() && !g.blocks.empty()) itemOf[&g.blocks.front()] = &g.item;
    std::map<std::string, int> out;
    for (size_t p = 0; p < m_pages.size(); ++p)
      for (const Placed& pl : m_pages[p])
        if (auto it = itemOf.find(pl.block); it != itemOf.end()) out.emplace(*it->second, int(p) + 1);
    return out;
  }

  /// Draws the body of page p (0-based) without header and footer.
  void DrawBody(cairo_t* cr, int p) const {
    for (const Placed& pl : m_pages[size_t(p)]) pl.block->draw(cr, pl.y);
  }

  /// Header and footer of a page of a copy with this id ("" = empty boxes); `boxes` id boxes,
  /// the same on every copy of a print run, with the digits right-aligned in them.
  void DrawFrame(cairo_t* cr, const std::string& id, int page, int pages, size_t boxes) const {
    const Typesetter& t = m_type;
    // Left: the survey's title and the form's id; right: the respondent id in code boxes.
    t.Draw(cr, kMarginL, kTop + 4, m_q.title.Get(m_lang), Style{kSmallSize, true, false, 0.25}, kContentW * 0.55);
    t.Draw(cr, kMarginL, kTop + 20, m_q.id + " · v" + std::to_string(m_q.version), Style{kTinySize, false, true, 0.45});
    const size_t digits = std::max(boxes, id.size());
    const size_t pad = digits - id.size();
    const double boxW = 15, boxH = 19;
    const double boxesX = kPageW - kMarginR - boxW * double(digits);
    const double boxesY = kTop + 2;
    const std::string label = Say(m_lang, "问卷编号", "Respondent no.");
    const Style labelStyle{kSmallSize, true};
    const double lw = t.MeasureWidth(cr, label, labelStyle);
    t.Draw(cr, boxesX - lw - 6, boxesY + 4, label, labelStyle);
    for (size_t i = 0; i < digits; ++i) {
      const double x = boxesX + boxW * double(i);
      cairo_set_source_rgb(cr, 0, 0, 0);
      cairo_set_line_width(cr, 0.9);
      cairo_rectangle(cr, x, boxesY, boxW, boxH);
      cairo_stroke(cr);
      if (i >= pad) {
        const Style d{12, true, true, 0, PANGO_ALIGN_CENTER};
        t.Draw(cr, x, boxesY + 2.5, id.substr(i - pad, 1), d, boxW);
      }
    }
    const double noteW = std::max(boxW * double(digits), 90.0);
    t.Draw(cr, kPageW - kMarginR - noteW, boxesY + boxH + 2, Say(m_lang, "（请勿填写）", "(office use)"),
           Style{kTinySize, false, false, 0.45, PANGO_ALIGN_RIGHT}, noteW);
    HLine(cr, kMarginL, kPageW - kMarginR, kTop + kHeaderH, 0.3, 0.8);
    // Footer.
    const double fy = kPageH - kBottom - kFooterH + 6;
    HLine(cr, kMarginL, kPageW - kMarginR, fy - 4, 0.6, 0.4);
    const std::string pageText = m_lang == "zh" ? "第 " + std::to_string(page) + " 页，共 " + std::to_string(pages) + " 页"
                                                : "Page " + std::to_string(page) + " of " + std::to_string(pages);
    t.Draw(cr, kMarginL, fy, pageText, Style{kSmallSize, false, false, 0.2, PANGO_ALIGN_CENTER}, kContentW);
    if (!id.empty())
      t.Draw(cr, kMarginL, fy, Say(m_lang, "编号 ", "No. ") + id, Style{kTinySize, false, true, 0.45, PANGO_ALIGN_RIGHT}, kContentW);
    t.Draw(cr, kMarginL, fy, page < pages ? Say(m_lang, "请翻页 →", "Please turn over →") : Say(m_lang, "谢谢！", "Thank you!"),
           Style{kTinySize, false, false, 0.45}, kContentW / 3);
  }

 private:
  const Typesetter& T() const { return m_type; }
  cairo_t* M() const { return m_measure; }
  std::string Text(const LocalText& t) const { return t.Get(m_lang); }
  /// A missing code's label, breakable after "/" ("不了解/不适用" wraps as two words).
  std::string MissingLabel(const MissingCode& m) const {
    std::string out;
    for (char c : Text(m.label)) {
      out += c;
      if (c == '/') out += "\u200B";
    }
    return out;
  }

  static bool Printed(const Item& item) { return item.role != ItemRole::kRespondentId; }

  void Number() {
    int n = 0;
    for (const Section& s : m_q.sections)
      for (const Item& item : s.items)
        if (item.type != ItemType::kNote && Printed(item)) m_numbers.emplace_back(item.id, ++n);
    // Variables (options of multiple choice, grid rows) refer to their item's number.
    for (const Variable& v : m_q.Variables())
      if (int k = NumberOf(m_numbers, v.item->id); k && v.name != v.item->id) m_numbers.emplace_back(v.name, k);
  }
  int Num(const std::string& id) const { return NumberOf(m_numbers, id); }

  /// The printed items in order (for "go to question n").
  std::vector<const Item*> PrintedItems() const {
    std::vector<const Item*> out;
    for (const Section& s : m_q.sections)
      for (const Item& item : s.items)
        if (item.type != ItemType::kNote && Printed(item)) out.push_back(&item);
    return out;
  }

  /// Instructions derived from relevance: at the source item ("if 1–6, continue; otherwise go to
  /// question n") and at each dependent item ("answer only if …").
  void SkipInstructions() {
    const std::vector<const Item*> items = PrintedItems();
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& item = *items[i];
      if (item.relevant.empty()) continue;
      auto cond = ParseSimple(item.relevant, m_q);
      if (!cond) {
        m_onlyIf[item.id] = Say(m_lang, "（仅在以下条件成立时回答：", "(Answer only if: ") + ReadableCondition(item.relevant, m_lang, m_numbers) +
                            Say(m_lang, "）", ")");
        continue;
      }
      const std::string what = DescribeAccepted(*cond, m_q, m_lang);
      const int src = Num(cond->item);
      if (cond->selectedOption)
        m_onlyIf[item.id] = m_lang == "zh" ? "（仅在第" + std::to_string(src) + "题选了" + what + "时回答）"
                                           : "(Answer only if you ticked " + what + " in question " + std::to_string(src) + ".)";
      else
        m_onlyIf[item.id] = m_lang == "zh" ? "（仅在第" + std::to_string(src) + "题选择" + what + "时回答）"
                                           : "(Answer only if you answered " + what + " in question " + std::to_string(src) + ".)";
      // A run of items with this condition right after its source: a "go to" at the source.
      if (cond->selectedOption || i == 0 || items[i - 1]->id != cond->item) continue;
      size_t end = i;
      while (end < items.size() && !items[end]->relevant.empty()) {
        auto c = ParseSimple(items[end]->relevant, m_q);
        if (!c || !(*c == *cond)) break;
        ++end;
      }
      const std::string next = std::to_string(Num(items[i]->id));
      if (end < items.size()) {
        const std::string skip = std::to_string(Num(items[end]->id));
        m_goTo[cond->item] = m_lang == "zh" ? "如果选择" + what + "，请继续回答第" + next + "题；否则请跳至第" + skip + "题。"
                                            : "If you answered " + what + ", please continue with question " + next +
                                                  "; otherwise go to question " + skip + ".";
      } else {
        m_goTo[cond->item] = m_lang == "zh" ? "如果选择" + what + "，请继续回答第" + next + "题；否则问卷到此结束，谢谢！"
                                            : "If you answered " + what + ", please continue with question " + next +
                                                  "; otherwise you have finished – thank you.";
      }
    }
  }

  void Build() {
    SkipInstructions();
    TitleBlock();
    for (const Section& s : m_q.sections) {
      bool any = std::any_of(s.items.begin(), s.items.end(), [](const Item& i) { return Printed(i); });
      if (!any) continue;
      SectionBlock(s);
      for (const Item& item : s.items)
        if (Printed(item)) ItemGroup(item);
    }
    ClosingBlock();
  }

  // --- title, introduction, section headings ---------------------------------------------------

  void TitleBlock() {
    Group g;
    const std::string title = Text(m_q.title);
    const Style titleStyle{17, true, false, 0, PANGO_ALIGN_CENTER};
    const double th = T().Measure(M(), title, titleStyle, kContentW);
    std::string intro = Text(m_q.description);
    const std::string date = m_options.returnBy.empty() ? Say(m_lang, "____年____月____日", "__________") : m_options.returnBy;
    std::string thanks = m_lang == "zh"
                             ? "感谢您抽出宝贵时间填写本问卷。请在所选答案的○或□内打“√”，或按题目要求填写；填好后请于" + date +
                                   "前装入随附的回邮信封寄回（邮资已付）。"
                             : "Thank you for taking the time to fill in this questionnaire. Please tick (√) the ○ or □ of your answer, "
                               "or write your answer where asked, and return the completed form in the enclosed prepaid envelope by " +
                                   date + ".";
    std::string legend = Say(m_lang, "○ 只选一项　　□ 可选多项　　方框旁的小号数字为录入代码，供我们录入数据使用。",
                             "○ choose one    □ tick all that apply    The small numbers beside the boxes are codes for our data entry.");
    const double boxW = kContentW - 20;
    const Style introStyle{kTextSize};
    const Style legendStyle{kSmallSize, false, false, 0.35};
    const double ih = intro.empty() ? 0 : T().Measure(M(), intro, introStyle, boxW) + 6;
    const double hh = T().Measure(M(), thanks, introStyle, boxW);
    const double lh = T().Measure(M(), legend, legendStyle, boxW);
    const double frameH = ih + hh + lh + 24;
    g.blocks.push_back({th + 12 + frameH, [=, this](cairo_t* cr, double y) {
                          T().Draw(cr, kMarginL, y, title, titleStyle, kContentW);
                          const double fy = y + th + 10;
                          Fill(cr, kMarginL, fy, kContentW, frameH, 0.955);
                          cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
                          cairo_set_line_width(cr, 0.5);
                          cairo_rectangle(cr, kMarginL, fy, kContentW, frameH);
                          cairo_stroke(cr);
                          double yy = fy + 9;
                          if (!intro.empty()) yy += T().Draw(cr, kMarginL + 10, yy, intro, introStyle, boxW) + 6;
                          yy += T().Draw(cr, kMarginL + 10, yy, thanks, introStyle, boxW) + 5;
                          T().Draw(cr, kMarginL + 10, yy, legend, legendStyle, boxW);
                        }});
    m_groups.push_back(std::move(g));
  }

  void SectionBlock(const Section& s) {
    Group g;
    g.keepWithNext = true;
    const std::string title = Text(s.title);
    std::string note;
    if (!s.relevant.empty()) {
      auto cond = ParseSimple(s.relevant, m_q);
      note = cond ? (m_lang == "zh" ? "（仅在第" + std::to_string(Num(cond->item)) + "题选择" + DescribeAccepted(*cond, m_q, m_lang) + "时回答本部分）"
                                    : "(Answer this part only if you answered " + DescribeAccepted(*cond, m_q, m_lang) + " in question " +
                                          std::to_string(Num(cond->item)) + ".)")
                  : Say(m_lang, "（仅在以下条件成立时回答本部分：", "(Answer this part only if: ") +
                        ReadableCondition(s.relevant, m_lang, m_numbers) + Say(m_lang, "）", ")");
    }
    if (title.empty() && note.empty()) return;
    const Style st{11, true};
    const Style ns{kSmallSize, false, false, 0.3};
    const double th = title.empty() ? 0 : T().Measure(M(), title, st, kContentW - 12);
    const double nh = note.empty() ? 0 : T().Measure(M(), note, ns, kContentW - 12) + 2;
    g.blocks.push_back({th + nh + 10, [=, this](cairo_t* cr, double y) {
                          Fill(cr, kMarginL, y, kContentW, th + nh + 6, 0.88);
                          Fill(cr, kMarginL, y, 3, th + nh + 6, 0.3);
                          if (!title.empty()) T().Draw(cr, kMarginL + 9, y + 3, title, st, kContentW - 12);
                          if (!note.empty()) T().Draw(cr, kMarginL + 9, y + 3 + th + 1, note, ns, kContentW - 12);
                        }});
    m_groups.push_back(std::move(g));
  }

  void ClosingBlock() {
    Group g;
    const std::string text = Say(m_lang, "问卷到此结束。再次感谢您的支持与配合！请将问卷装入随附的回邮信封寄回。",
                                 "This is the end of the questionnaire. Thank you again for your help! Please return it in the enclosed envelope.");
    const Style s{kTextSize, true, false, 0.15, PANGO_ALIGN_CENTER};
    const double h = T().Measure(M(), text, s, kContentW);
    g.blocks.push_back({h + 14, [=, this](cairo_t* cr, double y) {
                          HLine(cr, kMarginL + kContentW * 0.3, kMarginL + kContentW * 0.7, y + 3, 0.5);
                          T().Draw(cr, kMarginL, y + 9, text, s, kContentW);
                        }});
    m_groups.push_back(std::move(g));
  }

  // --- items ---------------------------------------------------------------------------------

  /// The question line: number, text, the variable name in small grey at the right, help and
  /// skip instructions below.
  Block Heading(const Item& item) {
    const int n = Num(item.id);
    const std::string number = n ? std::to_string(n) + "." : "";
    std::string text = Text(item.text);
    if (item.required && item.type != ItemType::kNote) text += Say(m_lang, "（必答）", " (required)");
    const Style qs{kTextSize + 0.5, item.type != ItemType::kNote};
    const Style ns{kTextSize + 0.5, true};
    const Style vs{kTinySize, false, true, 0.5, PANGO_ALIGN_RIGHT};
    const Style hs{kSmallSize, false, false, 0.3};
    const double varW = 62;
    const double textW = kItemW - varW - 4;
    const double th = text.empty() ? 0 : T().Measure(M(), text, qs, textW);
    std::vector<std::string> notes;
    if (!item.help.Empty()) notes.push_back(Text(item.help));
    if (auto it = m_onlyIf.find(item.id); it != m_onlyIf.end()) notes.push_back(it->second);
    // "(Tick all that apply)" is in many question texts already; do not say it twice.
    if (item.type == ItemType::kMultiple && text.find("多选") == std::string::npos && text.find("all that apply") == std::string::npos)
      notes.push_back(Say(m_lang, "（可多选）", "(Tick all that apply.)"));
    if (item.type == ItemType::kRanking)
      notes.push_back(Say(m_lang, "（请在方框内填写名次：最重要的填1，其次填2，依此类推）",
                          "(Write 1 in the box of your first choice, 2 for the second, and so on.)"));
    std::string noteText;
    for (const std::string& s : notes) noteText += (noteText.empty() ? "" : "\n") + s;
    const double nh = noteText.empty() ? 0 : T().Measure(M(), noteText, hs, kItemW) + 2;
    const std::string var = item.type == ItemType::kNote ? "" : item.id;
    const double h = std::max(th, 10.0) + nh + 4;
    return {h, [=, this](cairo_t* cr, double y) {
              if (!number.empty()) T().Draw(cr, kMarginL, y, number, ns);
              if (!text.empty()) T().Draw(cr, kItemX, y, text, qs, textW);
              if (!var.empty()) T().Draw(cr, kPageW - kMarginR - varW, y + 2, var, vs, varW);
              if (!noteText.empty()) T().Draw(cr, kItemX, y + std::max(th, 10.0) + 1, noteText, hs, kItemW);
            }};
  }

  /// A "go to" instruction after the answer of a skip source.
  void GoTo(Group& g, const Item& item) {
    auto it = m_goTo.find(item.id);
    if (it == m_goTo.end()) return;
    const std::string text = "→ " + it->second;
    const Style s{kSmallSize, true, false, 0.15};
    const double h = T().Measure(M(), text, s, kItemW);
    g.blocks.push_back({h + 4, [=, this](cairo_t* cr, double y) { T().Draw(cr, kItemX, y + 2, text, s, kItemW); }});
  }

  void ItemGroup(const Item& item) {
    Group g;
    g.item = item.id;
    g.blocks.push_back(Heading(item));
    switch (item.type) {
      case ItemType::kSingle:
      case ItemType::kMultiple:
      case ItemType::kRanking: Options(g, item); break;
      case ItemType::kRating:
      case ItemType::kNps: ScaleRow(g, item); break;
      case ItemType::kGrid: Grid(g, item); break;
      case ItemType::kNumeric: NumberBoxes(g, item); break;
      case ItemType::kShortText: Lines(g, 1); break;
      case ItemType::kLongText: Lines(g, 4); break;
      case ItemType::kDate: DateBoxes(g); break;
      case ItemType::kNote: break;
    }
    GoTo(g, item);
    m_groups.push_back(std::move(g));
  }

  /// Options in columns: code (small), a circle (one answer) or square (several), the label.
  void Options(Group& g, const Item& item) {
    struct Opt {
      std::string code, label;
      bool other = false;
    };
    std::vector<Opt> opts;
    for (const Code& c : item.codes)
      opts.push_back({FormatValue(c.value), (c.key.empty() || item.role != ItemRole::kIndustry ? "" : c.key + "  ") + Text(c.label)});
    if (item.allowOther && item.type != ItemType::kRanking)
      opts.push_back({"", Say(m_lang, "其他（请注明）：", "Other (please specify):"), true});
    const Style ls{kTextSize};
    const double codeW = 13, gap = 4;
    const double markW = item.type == ItemType::kRanking ? 16 : kBox;
    const double lead = codeW + 3 + markW + gap;
    double widest = 0;
    for (const Opt& o : opts) widest = std::max(widest, T().MeasureWidth(M(), o.label, ls) + (o.other ? 120 : 0));
    int cols = int(std::floor(kItemW / (lead + widest + 14)));
    cols = std::clamp(cols, 1, 4);
    if (cols == 1 && opts.size() > 8) cols = 2;  // long lists wrap their labels in two columns
    const double colW = kItemW / cols;
    const size_t rows = (opts.size() + size_t(cols) - 1) / size_t(cols);
    const bool single = item.type == ItemType::kSingle;
    const bool ranking = item.type == ItemType::kRanking;
    for (size_t r = 0; r < rows; ++r) {
      double h = 0;
      for (int c = 0; c < cols; ++c) {
        const size_t k = r * size_t(cols) + size_t(c);
        if (k >= opts.size()) break;
        const double labelW = colW - lead - 6 - (opts[k].other ? 0 : 0);
        h = std::max(h, T().Measure(M(), opts[k].label, ls, labelW));
      }
      h = std::max(h, kBox + 3) + 4;
      std::vector<Opt> row(opts.begin() + long(r * size_t(cols)), opts.begin() + long(std::min(opts.size(), (r + 1) * size_t(cols))));
      const std::string otherVar = item.id + "_other";
      g.blocks.push_back({h, [=, this](cairo_t* cr, double y) {
                            for (size_t c = 0; c < row.size(); ++c) {
                              const double x = kItemX + colW * double(c);
                              const Opt& o = row[c];
                              if (!o.code.empty())
                                T().Draw(cr, x, y + 2.2, o.code, Style{kTinySize, false, true, 0.4, PANGO_ALIGN_RIGHT}, codeW);
                              const double mx = x + codeW + 3;
                              if (ranking) {
                                cairo_set_source_rgb(cr, 0, 0, 0);
                                cairo_set_line_width(cr, 0.7);
                                cairo_rectangle(cr, mx, y + 0.5, markW, kBox + 2);
                                cairo_stroke(cr);
                              } else if (single) {
                                Circle(cr, mx + kBox / 2, y + 1.5 + kBox / 2, kBox / 2);
                              } else {
                                Square(cr, mx, y + 1.5, kBox);
                              }
                              const double lx = mx + markW + gap;
                              T().Draw(cr, lx, y, o.label, ls, colW - lead - 6);
                              if (o.other) {
                                const double w = T().MeasureWidth(cr, o.label, ls);
                                HLine(cr, lx + w + 2, x + colW - 8, y + 11, 0.2, 0.5);
                                T().Draw(cr, x + colW - 8 - 60, y + 12, otherVar, Style{kTinySize, false, true, 0.5, PANGO_ALIGN_RIGHT}, 60);
                              }
                            }
                          }});
    }
  }

  /// Labels of a scale's points in the form's language.
  std::string PointLabel(const Scale& s, int p) const {
    auto it = s.pointLabels.find(p);
    return it == s.pointLabels.end() ? "" : Text(it->second);
  }

  /// A row of boxes with point numbers above and labels below (ends, or every point when all
  /// are labelled), then the missing codes after a gap.
  void ScaleRow(Group& g, const Item& item) {
    const Scale& s = *item.scale;
    const int lo = int(s.min), hi = int(s.max);
    const int n = hi - lo + 1;
    bool allLabelled = true;
    for (int p = lo; p <= hi; ++p) allLabelled = allLabelled && !PointLabel(s, p).empty();
    const double missW = s.missing.empty() ? 0 : 22 + 62 * double(s.missing.size());
    const double pitch = std::min(allLabelled ? 66.0 : 34.0, (kItemW - missW) / n);
    const Style num{kSmallSize, false, false, 0.1, PANGO_ALIGN_CENTER};
    const Style lab{kSmallSize - 0.6, false, false, 0.25, PANGO_ALIGN_CENTER};
    const Style labL{kSmallSize - 0.6, false, false, 0.25, PANGO_ALIGN_LEFT};
    const Style labR{kSmallSize - 0.6, false, false, 0.25, PANGO_ALIGN_RIGHT};
    const double box = 11;
    double labelsH = 0;
    const double endW = std::max(pitch * n / 2 - 4, pitch);
    if (allLabelled)
      for (int p = lo; p <= hi; ++p) labelsH = std::max(labelsH, T().Measure(M(), PointLabel(s, p), lab, pitch - 2));
    else
      labelsH = std::max(T().Measure(M(), PointLabel(s, lo), labL, endW), T().Measure(M(), PointLabel(s, hi), labR, endW));
    for (const MissingCode& m : s.missing) labelsH = std::max(labelsH, T().Measure(M(), MissingLabel(m), lab, 60));
    const double h = 11 + box + 3 + labelsH + 4;
    g.blocks.push_back({h, [=, this](cairo_t* cr, double y) {
                          const double by = y + 11;
                          for (int p = lo; p <= hi; ++p) {
                            const double cx = kItemX + pitch * (p - lo) + pitch / 2;
                            T().Draw(cr, cx - pitch / 2, y, std::to_string(p), num, pitch);
                            Square(cr, cx - box / 2, by, box);
                            if (allLabelled) T().Draw(cr, cx - pitch / 2 + 1, by + box + 3, PointLabel(s, p), lab, pitch - 2);
                          }
                          if (!allLabelled) {
                            const double x0 = kItemX + pitch / 2 - box / 2;
                            const double x1 = kItemX + pitch * n - pitch / 2 + box / 2;
                            T().Draw(cr, x0, by + box + 3, "← " + PointLabel(s, lo), labL, endW);
                            T().Draw(cr, x1 - endW, by + box + 3, PointLabel(s, hi) + " →", labR, endW);
                          }
                          double mx = kItemX + pitch * n + 22;
                          for (const MissingCode& m : s.missing) {
                            cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
                            cairo_set_line_width(cr, 0.4);
                            cairo_move_to(cr, mx - 11, y + 2);
                            cairo_line_to(cr, mx - 11, by + box + 2);
                            cairo_stroke(cr);
                            T().Draw(cr, mx, y, FormatValue(m.value), num, 60);
                            Square(cr, mx + 30 - box / 2, by, box);
                            T().Draw(cr, mx, by + box + 3, MissingLabel(m), lab, 60);
                            mx += 62;
                          }
                        }});
  }

  /// One table of a grid: rows are the attributes, columns the scale points (and missing codes).
  /// Long tables are cut into pieces that each repeat the column heads.
  /// `layoutCols` (at least the table's own columns) lets the importance and the satisfaction
  /// table of one grid share their column positions.
  void GridTable(Group& g, const Item& item, const Scale& s, bool importance, const std::string& caption, int layoutCols) {
    const int lo = int(s.min), hi = int(s.max);
    const int n = hi - lo + 1;
    const int cols = n + int(s.missing.size());
    layoutCols = std::max(layoutCols, cols);
    const double pitch = std::min(n <= 7 ? 30.0 : 22.0, (kItemW - 150) / layoutCols);
    const double missGap = s.missing.empty() ? 0 : 6;
    const double tableW = kItemW;
    const double labelW = tableW - pitch * layoutCols - 6;
    const Style cap{kTextSize, true};
    const Style num{kSmallSize, true, false, 0.1, PANGO_ALIGN_CENTER};
    const Style endL{kSmallSize - 0.8, false, false, 0.25, PANGO_ALIGN_LEFT};
    const Style endR{kSmallSize - 0.8, false, false, 0.25, PANGO_ALIGN_RIGHT};
    const Style missS{kTinySize, false, false, 0.25, PANGO_ALIGN_CENTER};
    const Style rowS{kTextSize - 0.5};
    const Style varS{kTinySize, false, true, 0.5, PANGO_ALIGN_RIGHT};
    const double endW = pitch * n / 2;
    const std::string left = PointLabel(s, lo), right = PointLabel(s, hi);
    double endH = std::max(T().Measure(M(), left, endL, endW), T().Measure(M(), right, endR, endW));
    // A missing code's label may reach into the right margin: its column is narrow.
    const double missLabelW = pitch + 30;
    for (const MissingCode& m : s.missing) endH = std::max(endH, T().Measure(M(), MissingLabel(m), missS, missLabelW));
    const double capH = caption.empty() ? 0 : T().Measure(M(), caption, cap, kItemW) + 3;
    const double headH = capH + endH + 2 + 13;
    auto head = [=, this](cairo_t* cr, double y) {
      if (!caption.empty()) T().Draw(cr, kItemX, y, caption, cap, kItemW);
      const double x0 = kItemX + labelW;
      const double ey = y + capH;
      T().Draw(cr, x0, ey + endH - T().Measure(cr, left, endL, endW), "← " + left, endL, endW);
      T().Draw(cr, x0 + pitch * n - endW, ey + endH - T().Measure(cr, right, endR, endW), right + " →", endR, endW);
      for (size_t k = 0; k < s.missing.size(); ++k)
        T().Draw(cr, x0 + pitch * n + missGap + pitch * double(k) + pitch / 2 - missLabelW / 2, ey, MissingLabel(s.missing[k]), missS, missLabelW);
      const double ny = ey + endH + 2;
      Fill(cr, kItemX, ny, tableW, 13, 0.82);
      for (int p = lo; p <= hi; ++p) T().Draw(cr, x0 + pitch * (p - lo), ny + 1.5, std::to_string(p), num, pitch);
      for (size_t k = 0; k < s.missing.size(); ++k)
        T().Draw(cr, x0 + pitch * n + missGap + pitch * double(k), ny + 1.5, FormatValue(s.missing[k].value), num, pitch);
    };
    struct Row {
      std::string text, var;
      double h;
    };
    std::vector<Row> rows;
    for (const GridRow& r : item.rows) {
      const std::string var = importance ? r.importanceId : r.id;
      const std::string text = Text(r.text);
      const double h = std::max(T().Measure(M(), text, rowS, labelW - 44), 10.0) + 6;
      rows.push_back({text, var, h});
    }
    // Cut into pieces that fit a page, each with the heads.
    const double bodyH = kBodyBottom - kBodyTop - 30;
    size_t start = 0;
    while (start < rows.size()) {
      double h = headH;
      size_t end = start;
      while (end < rows.size() && (end == start || h + rows[end].h <= bodyH)) h += rows[end++].h;
      std::vector<Row> piece(rows.begin() + long(start), rows.begin() + long(end));
      const size_t firstIndex = start;
      g.blocks.push_back({h + 4, [=, this](cairo_t* cr, double y) {
                            head(cr, y);
                            double yy = y + headH;
                            const double x0 = kItemX + labelW;
                            for (size_t i = 0; i < piece.size(); ++i) {
                              const Row& r = piece[i];
                              if ((firstIndex + i) % 2 == 1) Fill(cr, kItemX, yy, tableW, r.h, 0.94);
                              T().Draw(cr, kItemX + 3, yy + 3, r.text, rowS, labelW - 44);
                              T().Draw(cr, x0 - 42, yy + 4, r.var, varS, 38);
                              for (int c = 0; c < cols; ++c) {
                                const double cx = x0 + pitch * c + (c >= n ? missGap : 0) + pitch / 2;
                                Circle(cr, cx, yy + r.h / 2, 4.3);
                              }
                              yy += r.h;
                            }
                            HLine(cr, kItemX, kItemX + tableW, yy, 0.4, 0.6);
                            if (!s.missing.empty()) {
                              cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
                              cairo_set_line_width(cr, 0.4);
                              cairo_move_to(cr, x0 + pitch * n + missGap / 2, y + headH - 13);
                              cairo_line_to(cr, x0 + pitch * n + missGap / 2, yy);
                              cairo_stroke(cr);
                            }
                          }});
      start = end;
    }
  }

  void Grid(Group& g, const Item& item) {
    if (!item.scale) return;
    if (item.importanceScale) {
      const Scale& imp = *item.importanceScale;
      const Scale& sat = *item.scale;
      const int cols = int(std::max(imp.max - imp.min + 1 + double(imp.missing.size()), sat.max - sat.min + 1 + double(sat.missing.size())));
      GridTable(g, item, imp, true,
                Say(m_lang, "A　重要程度：下列各项对贵公司有多重要？", "A   Importance: how important is each of these to you?"), cols);
      g.blocks.push_back({8, [](cairo_t*, double) {}});
      GridTable(g, item, sat, false,
                Say(m_lang, "B　满意程度：您对我们在各项上的表现满意吗？", "B   Satisfaction: how satisfied are you with our performance?"), cols);
    } else {
      GridTable(g, item, *item.scale, false, "", 0);
    }
  }

  void NumberBoxes(Group& g, const Item& item) {
    int digits = 6;
    if (item.max) digits = std::max(1, int(std::to_string(static_cast<long long>(std::fabs(*item.max))).size()));
    const int decimals = std::clamp(item.decimals, 0, 4);
    std::string hint;
    if (item.min && item.max) hint = FormatValue(*item.min) + "–" + FormatValue(*item.max);
    g.blocks.push_back({22, [=, this](cairo_t* cr, double y) {
                          const double w = 14, h = 17;
                          double x = kItemX;
                          for (int i = 0; i < digits; ++i, x += w) {
                            cairo_set_source_rgb(cr, 0, 0, 0);
                            cairo_set_line_width(cr, 0.7);
                            cairo_rectangle(cr, x, y + 2, w, h);
                            cairo_stroke(cr);
                          }
                          if (decimals) {
                            T().Draw(cr, x + 1, y + 4, ".", Style{12, true});
                            x += 8;
                            for (int i = 0; i < decimals; ++i, x += w) {
                              cairo_rectangle(cr, x, y + 2, w, h);
                              cairo_stroke(cr);
                            }
                          }
                          if (!hint.empty()) T().Draw(cr, x + 8, y + 5, "(" + hint + ")", Style{kSmallSize, false, false, 0.4});
                        }});
  }

  void Lines(Group& g, int n) {
    const double step = 21;
    g.blocks.push_back({step * n + 4, [=](cairo_t* cr, double y) {
                          for (int i = 1; i <= n; ++i) HLine(cr, kItemX, kItemX + kItemW, y + step * i, 0.35, 0.5);
                        }});
  }

  void DateBoxes(Group& g) {
    g.blocks.push_back({24, [this](cairo_t* cr, double y) {
                          const double w = 14, h = 17;
                          double x = kItemX;
                          auto boxes = [&](int n, const std::string& after) {
                            cairo_set_source_rgb(cr, 0, 0, 0);
                            cairo_set_line_width(cr, 0.7);
                            for (int i = 0; i < n; ++i, x += w) {
                              cairo_rectangle(cr, x, y + 2, w, h);
                              cairo_stroke(cr);
                            }
                            x += 3;
                            T().Draw(cr, x, y + 5, after, Style{kTextSize});
                            x += T().MeasureWidth(cr, after, Style{kTextSize}) + 6;
                          };
                          if (m_lang == "zh") {
                            boxes(4, "年");
                            boxes(2, "月");
                            boxes(2, "日");
                          } else {
                            boxes(4, "year");
                            boxes(2, "month");
                            boxes(2, "day");
                          }
                        }});
  }

  const Questionnaire& m_q;
  std::string m_lang;
  PaperFormOptions m_options;
  Typesetter m_type;
  cairo_surface_t* m_measureSurface = nullptr;
  cairo_t* m_measure = nullptr;
  std::vector<std::pair<std::string, int>> m_numbers;
  std::map<std::string, std::string> m_onlyIf, m_goTo;
  std::vector<Group> m_groups;
  std::vector<std::vector<Placed>> m_pages;
};

void CheckLanguage(const std::string& lang) {
  if (lang != "zh" && lang != "en")
    throw UserError(Message(N_("\"{0}\" is not a language of the printed form; use zh or en.")).Arg(lang));
}

}  // namespace

Result<std::vector<std::string>> ParseRespondentIds(const std::string& spec) {
  constexpr size_t kMaxIds = 100000;
  std::vector<std::string> ids;
  if (Trim(spec).empty()) return Error{Message(N_("No respondent ids given; write a range such as 1001-1979 or a list such as 1001,1002."))};
  size_t start = 0;
  auto digits = [](const std::string& s) { return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }); };
  while (start <= spec.size()) {
    size_t comma = spec.find(',', start);
    const std::string part(Trim(spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    const size_t dash = part.find('-');
    if (dash == std::string::npos) {
      if (!digits(part))
        return Error{Message(N_("\"{0}\" in the respondent ids \"{1}\" is not a number; ids are digits, e.g. 1001-1979 or 1001,1002.")).Arg(part).Arg(spec)};
      ids.push_back(part);
    } else {
      const std::string a(Trim(part.substr(0, dash))), b(Trim(part.substr(dash + 1)));
      if (!digits(a) || !digits(b))
        return Error{Message(N_("\"{0}\" in the respondent ids \"{1}\" is not a range of numbers such as 1001-1979.")).Arg(part).Arg(spec)};
      const long long from = std::stoll(a), to = std::stoll(b);
      if (from > to)
        return Error{Message(N_("The range \"{0}\" in the respondent ids runs backwards; write the smaller id first.")).Arg(part)};
      if (to - from >= static_cast<long long>(kMaxIds))
        return Error{Message(N_("The respondent ids \"{0}\" are more than {1}; print them in several files.")).Arg(spec).Arg(static_cast<long long>(kMaxIds))};
      for (long long v = from; v <= to; ++v) {
        std::string s = std::to_string(v);
        if (s.size() < a.size()) s.insert(0, a.size() - s.size(), '0');
        ids.push_back(std::move(s));
      }
    }
    if (ids.size() > kMaxIds)
      return Error{Message(N_("The respondent ids \"{0}\" are more than {1}; print them in several files.")).Arg(spec).Arg(static_cast<long long>(kMaxIds))};
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return ids;
}

std::map<std::string, int> PaperFormItemPages(const Questionnaire& form, const std::string& lang) {
  CheckLanguage(lang);
  return FormLayout(form, lang, {}).ItemPages();
}

int PaperFormPagesPerCopy(const Questionnaire& form, const std::string& lang) {
  CheckLanguage(lang);
  return FormLayout(form, lang, {}).Pages();
}

int PrintPaperForm(const Questionnaire& form, const std::string& lang, const std::vector<std::string>& ids,
                   const std::filesystem::path& path, const PaperFormOptions& options) {
  CheckLanguage(lang);
  FormLayout layout(form, lang, options);
  const int pages = layout.Pages();

  // Record each page's body once; every copy replays it.
  std::vector<cairo_surface_t*> recorded;
  cairo_rectangle_t extents{0, 0, kPageW, kPageH};
  for (int p = 0; p < pages; ++p) {
    cairo_surface_t* rec = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents);
    cairo_t* cr = cairo_create(rec);
    layout.DrawBody(cr, p);
    cairo_destroy(cr);
    recorded.push_back(rec);
  }

  const std::string tmp = path.string() + ".tmp";
  cairo_surface_t* pdf = cairo_pdf_surface_create(tmp.c_str(), kPageW, kPageH);
  if (cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(pdf);
    for (cairo_surface_t* r : recorded) cairo_surface_destroy(r);
    throw UserError(Message(N_("Cannot write {0}. Check that the folder exists and is writable.")).Arg(path.string()));
  }
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, form.title.Get(lang).c_str());
  cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "Manyi");
  cairo_t* cr = cairo_create(pdf);
  const std::vector<std::string> copies = ids.empty() ? std::vector<std::string>{""} : ids;
  size_t boxes = size_t(std::max(1, options.blankIdDigits));
  if (!ids.empty()) {
    boxes = 4;
    for (const std::string& id : ids) boxes = std::max(boxes, id.size());
  }
  int written = 0;
  for (const std::string& id : copies)
    for (int p = 0; p < pages; ++p) {
      cairo_set_source_surface(cr, recorded[size_t(p)], 0, 0);
      cairo_paint(cr);
      layout.DrawFrame(cr, id, p + 1, pages, boxes);
      cairo_show_page(cr);
      ++written;
    }
  cairo_destroy(cr);
  cairo_surface_finish(pdf);
  const cairo_status_t status = cairo_surface_status(pdf);
  cairo_surface_destroy(pdf);
  for (cairo_surface_t* r : recorded) cairo_surface_destroy(r);
  std::error_code ec;
  if (status != CAIRO_STATUS_SUCCESS) {
    std::filesystem::remove(tmp, ec);
    throw UserError(Message(N_("Writing {0} failed ({1}). Nothing was changed.")).Arg(path.string()).Arg(cairo_status_to_string(status)));
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw UserError(Message(N_("Cannot write {0}: {1}.")).Arg(path.string()).Arg(ec.message()));
  return written;
}

}  // namespace manyi::io

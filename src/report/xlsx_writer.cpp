// Report workbooks: result tables as styled sheets, native charts fed from small data blocks on
// the same sheet, the cover and the data sheet. Everything is written in row order so that the
// optional data sheet can use libxlsxwriter's constant_memory mode.
#include "report/xlsx_writer.h"

#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <clocale>
#include <cmath>
#include <deque>
#include <functional>
#include <fstream>
#include <locale.h>
#include <map>
#include <set>
#include <stdexcept>

#include "core/error.h"
#include "core/text.h"

namespace manyi::report {

namespace fs = std::filesystem;

namespace {

/// libxlsxwriter formats numbers with the thread's locale: a comma-decimal locale would write
/// "0,5" into the XML and Excel would call the file corrupt. Holds the C locale for the thread.
class CNumericLocale {
 public:
  CNumericLocale() : m_c(newlocale(LC_ALL_MASK, "C", nullptr)), m_old(m_c ? uselocale(m_c) : nullptr) {
    if (!m_c) throw std::runtime_error("newlocale(C) failed");
  }
  ~CNumericLocale() {
    uselocale(m_old);
    freelocale(m_c);
  }
  CNumericLocale(const CNumericLocale&) = delete;
  CNumericLocale& operator=(const CNumericLocale&) = delete;

 private:
  locale_t m_c;
  locale_t m_old;
};

constexpr lxw_color_t kHeaderFill = 0xDCE6F1;
constexpr lxw_color_t kTitleColour = 0x1F3864;
constexpr lxw_color_t kNoteColour = 0x595959;
constexpr lxw_color_t kFlagColour = 0x9C5700;
constexpr lxw_color_t kGrid = 0xBFBFBF;
constexpr lxw_row_t kMaxRows = 1048576;
constexpr lxw_row_t kRowsPerPage = 34;  ///< 15-pt rows on landscape A4 at 100 % (fit-to-width only shrinks)

/// Texts of the languages joined: equal texts once, different ones "中文 / English".
std::string Join(const std::vector<std::string>& texts) {
  std::string out;
  std::vector<std::string> seen;
  for (const std::string& t : texts) {
    if (t.empty() || std::find(seen.begin(), seen.end(), t) != seen.end()) continue;
    seen.push_back(t);
    out += (out.empty() ? "" : " / ") + t;
  }
  return out;
}

/// Which columns of a table carry the figure a chart draws, by table id (analysis.cpp layouts).
struct Roles {
  int variable = -1;  ///< descriptives: the variable column (several variables per group)
  int value = -1, lower = -1, upper = -1;
};
Roles RolesOf(const ResultTable& t) {
  const int n = int(t.columns.size());
  Roles r;
  if (t.id == "csi" || t.id == "csat" || t.id == "ces") r = {-1, 2, 3, 4};
  else if (t.id == "nps") r = {-1, 5, 6, 7};
  else if (t.id == "descriptives") r = {1, n - 5, n - 2, n - 1};
  return r;
}

std::optional<double> Numeric(const Cell& c) {
  switch (c.kind) {
    case CellKind::kCount:
    case CellKind::kNumber:
    case CellKind::kPercent:
    case CellKind::kIndex: return c.value;
    default: return std::nullopt;
  }
}

std::string XmlEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

/// Replaces placeholder fixed-value error bars in the written charts by custom plus/minus ranges
/// (ECMA-376 CT_ErrBars: errValType "cust" with plus and minus number references). Entries keep
/// libxlsxwriter's fixed 1980-01-01 date, so the file stays byte-stable.
template <typename Patch>
void PatchErrorBars(const std::string& file, const std::vector<Patch>& patches) {
  if (patches.empty()) return;
  int err = 0;
  zip_t* z = zip_open(file.c_str(), 0, &err);
  if (!z) throw std::runtime_error("cannot reopen " + file + " to add error bars");
  std::deque<std::string> buffers;  // libzip reads them at zip_close
  std::tm epoch{};
  epoch.tm_year = 80;
  epoch.tm_mday = 1;
  epoch.tm_isdst = -1;
  const std::time_t dosEpoch = std::mktime(&epoch);  // local time, as libzip converts it back
  const zip_int64_t n = zip_get_num_entries(z, 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* name = zip_get_name(z, zip_uint64_t(i), 0);
    if (!name || std::string_view(name).rfind("xl/charts/chart", 0) != 0) continue;
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0) continue;
    std::string xml(size_t(st.size), '\0');
    zip_file_t* f = zip_fopen_index(z, zip_uint64_t(i), 0);
    if (!f) continue;
    const zip_int64_t got = zip_fread(f, xml.data(), st.size);
    zip_fclose(f);
    if (got != zip_int64_t(st.size)) continue;
    bool changed = false;
    for (const Patch& p : patches) {
      const std::string val = "<c:val val=\"" + p.placeholder + "\"/>";
      const size_t end = xml.find(val);
      if (end == std::string::npos) continue;
      const size_t begin = xml.rfind("<c:errValType val=\"fixedVal\"/>", end);
      if (begin == std::string::npos) continue;
      auto ref = [](const std::string& r) { return "<c:numRef><c:f>" + XmlEscape(r) + "</c:f></c:numRef>"; };
      xml.replace(begin, end + val.size() - begin,
                  "<c:errValType val=\"cust\"/><c:noEndCap val=\"0\"/><c:plus>" + ref(p.plus) + "</c:plus><c:minus>" + ref(p.minus) + "</c:minus>");
      changed = true;
    }
    if (!changed) continue;
    buffers.push_back(std::move(xml));
    zip_source_t* src = zip_source_buffer(z, buffers.back().data(), buffers.back().size(), 0);
    if (!src || zip_file_replace(z, zip_uint64_t(i), src, 0) != 0) {
      if (src) zip_source_free(src);
      zip_discard(z);
      throw std::runtime_error("cannot add error bars to " + file);
    }
    zip_file_set_mtime(z, zip_uint64_t(i), dosEpoch, 0);
  }
  if (zip_close(z) != 0) {
    zip_discard(z);
    throw std::runtime_error("cannot rewrite " + file + " with error bars");
  }
}

/// Labels without the words they all share ("How satisfied are you with: …?", "您对…的满意程度"),
/// for chart labels where the long question texts would cover each other.
std::vector<std::string> WithoutCommonWords(const std::vector<std::string>& labels) {
  if (labels.size() < 2) return labels;
  std::vector<std::u32string> u;
  for (const std::string& l : labels) u.push_back(DecodeUtf8(l));
  size_t prefix = u[0].size(), suffix = u[0].size();
  for (const auto& x : u) {
    size_t p = 0;
    while (p < prefix && p < x.size() && x[p] == u[0][p]) ++p;
    prefix = p;
    size_t q = 0;
    while (q < suffix && q < x.size() && q < u[0].size() && x[x.size() - 1 - q] == u[0][u[0].size() - 1 - q]) ++q;
    suffix = q;
  }
  // Cut Latin text only at a word boundary; CJK text has none.
  auto latinWord = [](char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'\''; };
  while (prefix > 0 && prefix < u[0].size() && latinWord(u[0][prefix - 1]) && latinWord(u[0][prefix])) --prefix;
  while (suffix > 0 && suffix < u[0].size() && latinWord(u[0][u[0].size() - suffix]) && latinWord(u[0][u[0].size() - suffix - 1])) --suffix;
  if (prefix < 2) prefix = 0;
  if (suffix < 2 && !(suffix == 1 && (u[0].back() == U'?' || u[0].back() == U'？'))) suffix = 0;
  std::vector<std::string> out;
  for (const auto& x : u) {
    if (prefix + suffix >= x.size()) return labels;
    std::u32string core = x.substr(prefix, x.size() - prefix - suffix);
    while (!core.empty() && (core.front() == U' ' || core.front() == U':' || core.front() == U'：')) core.erase(core.begin());
    if (core.empty()) return labels;
    out.push_back(EncodeUtf8(core));
  }
  return out;
}

class Writer {
 public:
  Writer(const std::vector<Report>& reports, std::time_t created) : m_reports(reports), m_created(created) {}

  void Write(const fs::path& file, const std::function<void(size_t, size_t)>& beforeSection) {
    bool constantMemory = false;
    for (const Section& s : m_reports[0].sections) constantMemory |= s.kind == SectionKind::kData;
    lxw_workbook_options options{};
    options.constant_memory = constantMemory;
    m_tmpdir = fs::temp_directory_path().string();
    options.tmpdir = m_tmpdir.data();
    m_partial = file.string() + ".part";
    m_wb = workbook_new_opt(m_partial.c_str(), &options);
    if (!m_wb) throw UserError(Message(N_("Cannot create the workbook {0}. Check that the folder exists and is writable.")).Arg(file.string()));
    std::vector<std::string> titles;
    for (const Report& r : m_reports) titles.push_back(r.title);
    m_title = Join(titles);
    lxw_doc_properties props{};
    props.title = m_title.data();
    props.author = const_cast<char*>("Manyi");
    props.company = const_cast<char*>("");
    props.created = m_created;
    workbook_set_properties(m_wb, &props);
    try {
      for (size_t i = 0; i < m_reports[0].sections.size(); ++i) {
        if (beforeSection) beforeSection(i, m_reports[0].sections.size());
        std::vector<const Section*> langs;
        for (const Report& r : m_reports) langs.push_back(&r.sections.at(i));
        WriteSection(langs);
      }
    } catch (...) {
      workbook_close(m_wb);
      std::error_code ec;
      fs::remove(m_partial, ec);
      throw;
    }
    lxw_error err = workbook_close(m_wb);
    if (err != LXW_NO_ERROR) {
      std::error_code ec;
      fs::remove(m_partial, ec);
      throw UserError(Message(N_("Cannot write {0} ({1}). Check that the folder exists, is writable and has free space.")).Arg(file.string()).Arg(lxw_strerror(err)));
    }
    std::error_code ec;
    try {
      PatchErrorBars(m_partial, m_errorBars);
    } catch (...) {
      fs::remove(m_partial, ec);
      throw;
    }
    fs::rename(m_partial, file, ec);
    if (ec) {
      fs::remove(m_partial, ec);
      throw UserError(Message(N_("Cannot write {0}. Check that it is not open in another program and that the folder is writable.")).Arg(file.string()));
    }
  }

 private:
  /// One of the writer's own texts in every language of the report, with its argument per language.
  std::string Texts(std::string WriterTexts::*text, const std::vector<std::string>& args) const {
    std::vector<std::string> out;
    for (size_t l = 0; l < m_reports.size(); ++l)
      out.push_back(FormatPlaceholders(m_reports[l].texts.*text, {l < args.size() ? args[l] : std::string()}));
    return Join(out);
  }

  // ---- formats -------------------------------------------------------------------------------
  lxw_format* Format(const std::string& key, const std::function<void(lxw_format*)>& setUp) {
    auto it = m_formats.find(key);
    if (it != m_formats.end()) return it->second;
    lxw_format* f = workbook_add_format(m_wb);
    setUp(f);
    m_formats[key] = f;
    return f;
  }
  lxw_format* TitleFormat() {
    return Format("title", [](lxw_format* f) { format_set_bold(f); format_set_font_size(f, 16); format_set_font_color(f, kTitleColour); });
  }
  lxw_format* TableTitleFormat() {
    return Format("table_title", [](lxw_format* f) { format_set_bold(f); format_set_font_size(f, 12); format_set_font_color(f, kTitleColour); });
  }
  lxw_format* NoteFormat() {
    return Format("note", [](lxw_format* f) { format_set_italic(f); format_set_font_size(f, 9); format_set_font_color(f, kNoteColour); });
  }
  lxw_format* TextFormat() { return Format("text", [](lxw_format*) {}); }
  lxw_format* HeaderFormat(bool rotated = false) {
    return Format(rotated ? "header_rot" : "header", [rotated](lxw_format* f) {
      format_set_bold(f);
      format_set_bg_color(f, kHeaderFill);
      format_set_border(f, LXW_BORDER_THIN);
      format_set_border_color(f, kGrid);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
      if (rotated) format_set_rotation(f, 90);
    });
  }
  /// The number format of a cell kind: counts integers, percentages as %, indices one decimal.
  static std::string NumFormat(const Cell& c) {
    std::string fmt;
    switch (c.kind) {
      case CellKind::kCount: fmt = "#,##0"; break;
      case CellKind::kPercent: fmt = c.decimals > 0 ? "0." + std::string(size_t(c.decimals), '0') + "%" : "0%"; break;
      case CellKind::kIndex: fmt = "0.0"; break;
      default: fmt = c.decimals > 0 ? "0." + std::string(size_t(std::min(c.decimals, 10)), '0') : "0"; break;
    }
    // A small base keeps the number (it is a valid estimate) but shows the † marker.
    return c.flagged ? fmt + "\"†\"" : fmt;
  }
  lxw_format* CellFormat(const Cell& c, bool bold = false) {
    const std::string key = "cell:" + std::to_string(int(c.kind)) + ":" + (Numeric(c) ? NumFormat(c) : "") + (c.flagged ? ":f" : "") + (bold ? ":b" : "");
    return Format(key, [&](lxw_format* f) {
      format_set_border(f, LXW_BORDER_THIN);
      format_set_border_color(f, kGrid);
      if (bold) format_set_bold(f);
      if (Numeric(c)) format_set_num_format(f, NumFormat(c).c_str());
      if (c.flagged) {
        format_set_italic(f);
        format_set_font_color(f, kFlagColour);
      }
      if (c.kind == CellKind::kSuppressed || c.kind == CellKind::kMissing) {
        format_set_align(f, LXW_ALIGN_CENTER);
        format_set_font_color(f, kNoteColour);
      }
    });
  }

  // ---- cells ---------------------------------------------------------------------------------
  void Widen(lxw_col_t col, const std::string& text, double cap = 60) {
    if (m_widths.size() <= col) m_widths.resize(size_t(col) + 1, 0);
    m_widths[col] = std::max(m_widths[col], std::min(cap, ColumnWidthFor(text)));
  }
  void WriteText(lxw_row_t r, lxw_col_t c, const std::string& text, lxw_format* f) {
    worksheet_write_string(m_ws, r, c, text.c_str(), f);
  }
  /// One table cell: numbers stay numbers, suppressed cells are "*" and missing ones "—".
  void WriteCell(lxw_row_t r, lxw_col_t col, const std::vector<const Cell*>& langs, bool bold = false) {
    const Cell& c = *langs[0];
    lxw_format* f = CellFormat(c, bold);
    if (auto v = Numeric(c)) {
      worksheet_write_number(m_ws, r, col, std::isfinite(*v) ? *v : 0, f);
      Widen(col, FormatCell(c) + (c.flagged ? "†" : ""));
      return;
    }
    std::string text;
    if (c.kind == CellKind::kText) {
      std::vector<std::string> texts;
      for (const Cell* l : langs) texts.push_back(l->text);
      text = Join(texts);
    } else {
      text = c.kind == CellKind::kSuppressed ? "*" : "—";
    }
    WriteText(r, col, text, f);
    Widen(col, text);
  }

  void SetColumns(lxw_col_t first = 0) {
    for (size_t c = first; c < m_widths.size(); ++c)
      if (m_widths[c] > 0) worksheet_set_column(m_ws, lxw_col_t(c), lxw_col_t(c), std::max(6.0, m_widths[c] + 1.5), nullptr);
  }

  lxw_worksheet* AddSheet(const std::vector<const Section*>& s) {
    std::vector<std::string> names;
    for (const Section* l : s) names.push_back(l->sheet);
    std::string joined = Join(names);
    if (joined.find(" / ") != std::string::npos) {
      std::string spaced = names[0] + " " + names.back();
      joined = ColumnWidthFor(spaced) <= 40 ? spaced : names[0];
    }
    const std::string name = SheetName(joined, m_sheetNames);
    m_sheetNames.push_back(name);
    m_sheet = name;
    m_ws = workbook_add_worksheet(m_wb, name.c_str());
    if (!m_ws) throw std::runtime_error("workbook_add_worksheet failed for " + name);
    m_widths.clear();
    m_breaks.clear();
    return m_ws;
  }

  void PrintSetUp(lxw_row_t repeatFirst, lxw_row_t repeatLast) {
    worksheet_set_landscape(m_ws);
    worksheet_set_paper(m_ws, 9);  // A4
    worksheet_fit_to_pages(m_ws, 1, 0);
    worksheet_set_margins(m_ws, 0.5, 0.5, 0.6, 0.6);
    worksheet_repeat_rows(m_ws, repeatFirst, repeatLast);
    const std::string footer = "&L" + EscapeAmp(m_title) + "&R&P / &N";
    worksheet_set_footer(m_ws, footer.c_str());
  }
  static std::string EscapeAmp(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '&' ? std::string("&&") : std::string(1, c);
    return out;
  }

  // ---- sections ------------------------------------------------------------------------------
  void WriteSection(const std::vector<const Section*>& s) {
    AddSheet(s);
    switch (s[0]->kind) {
      case SectionKind::kCover: WriteCover(s); break;
      case SectionKind::kData: WriteData(s); break;
      case SectionKind::kTables: WriteTables(s); break;
    }
  }

  /// Title and introduction rows; returns the next free row.
  lxw_row_t WriteHeading(const std::vector<const Section*>& s) {
    lxw_row_t r = 0;
    std::vector<std::string> titles, texts;
    for (const Section* l : s) {
      titles.push_back(l->title);
      texts.push_back(l->text);
    }
    for (size_t i = 0; i < titles.size(); ++i)
      if (i == 0 || titles[i] != titles[0]) WriteText(r++, 0, titles[i], TitleFormat());
    for (size_t i = 0; i < texts.size(); ++i)
      if (!texts[i].empty() && (i == 0 || texts[i] != texts[0])) WriteText(r++, 0, texts[i], NoteFormat());
    return r + 1;
  }

  void WriteTables(const std::vector<const Section*>& s) {
    lxw_row_t r = WriteHeading(s);
    const lxw_row_t headingEnd = r - 1;
    lxw_row_t firstHeaderLast = 0;
    const size_t nTables = s[0]->tables.size();
    const bool heatmapOnly = std::all_of(s[0]->charts.begin(), s[0]->charts.end(), [](const ChartSpec& c) { return c.type == ChartType::kHeatmap; });
    for (size_t ti = 0; ti < nTables; ++ti) {
      std::vector<const ResultTable*> t;
      for (const Section* l : s) t.push_back(&l->tables.at(ti));
      for (const ResultTable* l : t)
        if (l->rows.size() != t[0]->rows.size() || l->columns.size() != t[0]->columns.size())
          throw std::logic_error("report languages differ in the shape of table " + t[0]->id);
      std::vector<ChartSpec> charts;
      std::vector<std::vector<std::string>> chartTitles;
      for (size_t k = 0; k < s[0]->charts.size(); ++k)
        if (s[0]->charts[k].table == ti) {
          charts.push_back(s[0]->charts[k]);
          std::vector<std::string> ct;
          for (const Section* l : s) ct.push_back(l->charts[k].title);
          chartTitles.push_back(ct);
        }
      const bool heatmap = std::any_of(charts.begin(), charts.end(), [](const ChartSpec& c) { return c.type == ChartType::kHeatmap; });
      // A heatmap that would not fit under the tables already on the page starts a new page: two
      // region × industry matrices on one sheet otherwise spill a few rows onto a nearly empty page.
      if (heatmap && ti > 0) {
        const lxw_row_t pageStart = m_breaks.empty() ? 0 : m_breaks.back();
        if (r - pageStart + HeatmapRows(t) > kRowsPerPage) m_breaks.push_back(r);
      }
      lxw_row_t headerLast = heatmap ? WriteHeatmap(r, t) : WriteTable(r, t);
      if (ti == 0) firstHeaderLast = headerLast;
      bool charted = false;
      for (size_t k = 0; k < charts.size(); ++k)
        if (charts[k].type != ChartType::kHeatmap) {
          // A chart that would not fit under what is on the page starts a new printed page, and
          // so does what follows it: charts are never cut in two.
          const lxw_row_t pageStart = m_breaks.empty() ? 0 : m_breaks.back();
          if (r - pageStart + ChartRowsFor(ChartYScale(charts[k], t)) > kRowsPerPage) m_breaks.push_back(r + 1);
          r = WriteChart(r, charts[k], t, chartTitles[k]);
          charted = true;
        }
      ++r;
      if (charted && ti + 1 < nTables) m_breaks.push_back(r);
    }
    SetColumns();
    if (!m_breaks.empty()) {
      m_breaks.push_back(0);
      worksheet_set_h_pagebreaks(m_ws, m_breaks.data());
    }
    if (nTables == 1) {
      worksheet_freeze_panes(m_ws, firstHeaderLast + 1, 1);
      // Printed pages repeat the table header, unless charts and their data follow the table:
      // a header above a chart-data block with other columns would mislead.
      PrintSetUp(0, s[0]->charts.empty() || heatmapOnly ? firstHeaderLast : (headingEnd > 0 ? headingEnd - 1 : 0));
    } else {
      worksheet_freeze_panes(m_ws, headingEnd, 0);
      PrintSetUp(0, headingEnd > 0 ? headingEnd - 1 : 0);
    }
  }

  /// Writes a table title, header rows, body and footnotes from row r (advanced past them).
  /// Returns the last header row.
  lxw_row_t WriteTable(lxw_row_t& r, const std::vector<const ResultTable*>& t) {
    WriteTableTitle(r, t);
    const lxw_row_t headerLast = WriteHeader(r, t, 0, [&](size_t lang, size_t c) { return t[lang]->columns[c]; }, t[0]->columns.size());
    const bool hasTotal = !t[0]->rows.empty() && t[0]->rows.back().size() > 0 && t[0]->rows.back()[0].kind == CellKind::kText;
    for (size_t i = 0; i < t[0]->rows.size(); ++i) {
      const bool totalRow = hasTotal && i + 1 == t[0]->rows.size() && IsTotalLabel(t, i);
      for (size_t c = 0; c < t[0]->rows[i].size(); ++c) {
        std::vector<const Cell*> langs;
        for (const ResultTable* l : t) langs.push_back(&l->rows[i][c]);
        WriteCell(r, lxw_col_t(c), langs, totalRow);
      }
      ++r;
    }
    WriteFootnotes(r, t);
    return headerLast;
  }
  /// Whether a last row is a total (bold): its label in any language (the translator may speak
  /// another language than the table by now).
  static bool IsTotalLabel(const std::vector<const ResultTable*>& t, size_t i) {
    static const std::set<std::string> totals{"Total", "合计", "总计", "All waves", "全部轮次", "All respondents", "全部受访者"};
    for (const ResultTable* l : t)
      if (totals.count(l->rows[i][0].text)) return true;
    return false;
  }

  void WriteTableTitle(lxw_row_t& r, const std::vector<const ResultTable*>& t) {
    for (size_t i = 0; i < t.size(); ++i)
      if (i == 0 || t[i]->title != t[0]->title) WriteText(r++, 0, t[i]->title, TableTitleFormat());
  }

  /// A header row per language (the second only where its text differs). Returns the last row.
  lxw_row_t WriteHeader(lxw_row_t& r, const std::vector<const ResultTable*>& t, lxw_col_t firstCol,
                        const std::function<std::string(size_t, size_t)>& text, size_t n, bool rotated = false) {
    const size_t langs = t.size();
    bool differs = false;
    for (size_t c = 0; c < n; ++c)
      for (size_t l = 1; l < langs; ++l) differs |= text(l, c) != text(0, c);
    const size_t rows = differs ? langs : 1;
    if (rotated) worksheet_set_row(m_ws, r, 120, nullptr);
    for (size_t l = 0; l < rows; ++l) {
      for (size_t c = 0; c < n; ++c) {
        const std::string h = text(l, c);
        const bool repeat = l > 0 && h == text(0, c);
        WriteText(r, lxw_col_t(firstCol + c), repeat ? std::string() : h, HeaderFormat(rotated && c > 0));
        if (!rotated || c == 0) Widen(lxw_col_t(firstCol + c), h, 28);
      }
      ++r;
    }
    return r - 1;
  }

  void WriteFootnotes(lxw_row_t& r, const std::vector<const ResultTable*>& t) {
    for (size_t k = 0; k < t[0]->footnotes.size(); ++k)
      for (size_t l = 0; l < t.size(); ++l)
        if (l == 0 || (k < t[l]->footnotes.size() && t[l]->footnotes[k] != t[0]->footnotes[k]))
          WriteText(r++, 0, t[l]->footnotes[k], NoteFormat());
  }

  /// The rows WriteHeatmap will take: titles, the rotated header (120 pt, 8 rows of 15 pt), one row
  /// per level of the first variable, the note and the footnotes.
  static lxw_row_t HeatmapRows(const std::vector<const ResultTable*>& t) {
    const Roles roles = RolesOf(*t[0]);
    std::set<std::string> rowKeys;
    const std::string firstVariable = roles.variable >= 0 && !t[0]->rows.empty() ? t[0]->rows[0][size_t(roles.variable)].text : "";
    for (const auto& row : t[0]->rows)
      if (roles.variable < 0 || row[size_t(roles.variable)].text == firstVariable) rowKeys.insert(row[0].text.substr(0, row[0].text.find(" × ")));
    return lxw_row_t(t.size() + 8 + rowKeys.size() + 1 + t[0]->footnotes.size() * t.size());
  }

  /// A two-variable table ("A × B" groups) pivoted to A rows × B columns of its figure, coloured
  /// from red (low) to green (high) by a conditional-format colour scale. Replaces the long table.
  lxw_row_t WriteHeatmap(lxw_row_t& r, const std::vector<const ResultTable*>& t) {
    const Roles roles = RolesOf(*t[0]);
    std::vector<std::vector<std::string>> rowKeys(t.size()), colKeys(t.size());
    std::map<std::pair<size_t, size_t>, size_t> at;  // (row key, col key) → table row
    const std::string firstVariable = roles.variable >= 0 && !t[0]->rows.empty() ? t[0]->rows[0][size_t(roles.variable)].text : "";
    for (size_t i = 0; i < t[0]->rows.size(); ++i) {
      if (roles.variable >= 0 && t[0]->rows[i][size_t(roles.variable)].text != firstVariable) continue;
      size_t rk = 0, ck = 0;
      for (size_t l = 0; l < t.size(); ++l) {
        const std::string& label = t[l]->rows[i][0].text;
        const size_t cut = label.find(" × ");
        const std::string a = label.substr(0, cut), b = cut == std::string::npos ? "" : label.substr(cut + std::string(" × ").size());
        auto pos = [](std::vector<std::string>& keys, const std::string& k) {
          auto it = std::find(keys.begin(), keys.end(), k);
          if (it != keys.end()) return size_t(it - keys.begin());
          keys.push_back(k);
          return keys.size() - 1;
        };
        rk = pos(rowKeys[l], a);
        ck = pos(colKeys[l], b);
      }
      at[{rk, ck}] = i;
    }
    WriteTableTitle(r, t);
    std::vector<std::string> corner;
    for (const ResultTable* l : t) corner.push_back(l->columns[0]);
    const lxw_row_t headerLast = WriteHeader(r, t, 0, [&](size_t lang, size_t c) { return c == 0 ? t[lang]->columns[0] : colKeys[lang][c - 1]; },
                                             colKeys[0].size() + 1, true);
    const lxw_row_t first = r;
    for (size_t a = 0; a < rowKeys[0].size(); ++a) {
      std::vector<std::string> labels;
      for (size_t l = 0; l < t.size(); ++l) labels.push_back(rowKeys[l][a]);
      const std::string label = Join(labels);
      WriteText(r, 0, label, CellFormat(Cell::Text("")));
      Widen(0, label);
      for (size_t b = 0; b < colKeys[0].size(); ++b) {
        auto it = at.find({a, b});
        Cell missing = Cell::Missing();
        std::vector<const Cell*> langs{it == at.end() ? &missing : &t[0]->rows[it->second][size_t(roles.value)]};
        WriteCell(r, lxw_col_t(b + 1), langs);
      }
      ++r;
    }
    if (r > first && !colKeys[0].empty()) {
      lxw_conditional_format scale{};
      scale.type = LXW_CONDITIONAL_3_COLOR_SCALE;
      scale.min_color = 0xF8696B;
      scale.mid_color = 0xFFEB84;
      scale.max_color = 0x63BE7B;
      worksheet_conditional_format_range(m_ws, first, 1, r - 1, lxw_col_t(colKeys[0].size()), &scale);
    }
    for (size_t b = 0; b < colKeys[0].size(); ++b) Widen(lxw_col_t(b + 1), "100.0†");
    std::vector<std::string> what;
    for (const ResultTable* l : t) what.push_back(l->columns[size_t(roles.value)]);
    WriteText(r++, 0, Texts(&WriterTexts::heatmapNote, what), NoteFormat());
    WriteFootnotes(r, t);
    return headerLast;
  }

  // ---- charts --------------------------------------------------------------------------------
  /// A chart's own data block (what it plots, visible for checking) and the chart below it.
  lxw_row_t WriteChart(lxw_row_t r, const ChartSpec& spec, const std::vector<const ResultTable*>& t, const std::vector<std::string>& titles) {
    const std::string title = Join(titles);
    // The chart first, right under its table; its data block below it.
    m_chartRow = r + 1;
    m_chartYScale = ChartYScale(spec, t);
    r = m_chartRow + ChartRowsFor(m_chartYScale);
    WriteText(r++, 0, Texts(&WriterTexts::chartData, titles), NoteFormat());
    switch (spec.type) {
      case ChartType::kIndexBars: return IndexBars(r, t, title);
      case ChartType::kTrend: return Trend(r, t, title);
      case ChartType::kNpsStacked: return NpsStacked(r, t, title);
      case ChartType::kQuadrant: return Quadrant(r, t, title);
      case ChartType::kResponseRates: return ResponseRates(r, t, title);
      case ChartType::kHeatmap: break;
    }
    return r;
  }

  /// Category labels of row i joined over the languages.
  static std::string RowLabel(const std::vector<const ResultTable*>& t, size_t i, size_t col = 0) {
    std::vector<std::string> labels;
    for (const ResultTable* l : t) labels.push_back(l->rows[i][col].text);
    return Join(labels);
  }
  static std::string ColumnLabel(const std::vector<const ResultTable*>& t, size_t c) {
    std::vector<std::string> labels;
    for (const ResultTable* l : t) labels.push_back(l->columns[c]);
    return Join(labels);
  }

  /// Writes a block: a header row of names, then per row a label and numbers (nullopt = blank,
  /// so that suppressed and missing figures leave a gap instead of a zero).
  struct Block {
    lxw_row_t firstRow = 0, lastRow = 0;  ///< data rows
    size_t series = 0;
  };
  Block WriteBlock(lxw_row_t& r, const std::vector<std::string>& names, const std::vector<std::string>& labels,
                   const std::vector<std::vector<std::optional<double>>>& values, const char* numFormat) {
    lxw_format* head = Format("block_head", [](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 9);
      format_set_bottom(f, LXW_BORDER_THIN);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    });
    lxw_format* label = Format("block_label", [](lxw_format* f) { format_set_font_size(f, 9); });
    lxw_format* num = Format(std::string("block_num:") + numFormat, [numFormat](lxw_format* f) { format_set_font_size(f, 9); format_set_num_format(f, numFormat); });
    double lines = 1;
    for (size_t c = 0; c < names.size(); ++c) {
      WriteText(r, lxw_col_t(c), names[c], head);
      if (c > 0) {
        Widen(lxw_col_t(c), names[c], 12);  // long series names wrap
        lines = std::max(lines, std::ceil(ColumnWidthFor(names[c]) / 12));
      }
    }
    // Readers do not grow a row for wrapped text on opening: give it the lines it needs (9 pt).
    if (lines > 1) worksheet_set_row(m_ws, r, 12 * lines + 3, nullptr);
    ++r;
    Block b;
    b.firstRow = r;
    b.series = names.size() - 1;
    for (size_t i = 0; i < labels.size(); ++i) {
      WriteText(r, 0, labels[i], label);
      Widen(0, labels[i]);
      for (size_t c = 0; c < values[i].size(); ++c)
        if (values[i][c]) worksheet_write_number(m_ws, r, lxw_col_t(c + 1), *values[i][c], num);
      ++r;
    }
    b.lastRow = r > b.firstRow ? r - 1 : r;
    return b;
  }

  lxw_chart* NewChart(uint8_t type, const std::string& title) {
    lxw_chart* chart = workbook_add_chart(m_wb, type);
    Keep(title);
    chart_title_set_name(chart, m_kept.back().c_str());
    lxw_chart_font font{};
    font.size = 12;
    font.bold = 1;
    chart_title_set_name_font(chart, &font);
    return chart;
  }
  const char* Keep(const std::string& s) {
    m_kept.push_back(s);
    return m_kept.back().c_str();
  }
  lxw_chart_series* Series(lxw_chart* chart, const Block& b, size_t col, const std::string& name, bool categories = true) {
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    if (categories) chart_series_set_categories(s, m_sheet.c_str(), b.firstRow, 0, b.lastRow, 0);
    chart_series_set_values(s, m_sheet.c_str(), b.firstRow, lxw_col_t(col), b.lastRow, lxw_col_t(col));
    chart_series_set_name(s, Keep(name));
    return s;
  }
  /// Rows a chart of the default 480 × 288 px size scaled by yScale covers (20 px rows), plus one.
  static lxw_row_t ChartRowsFor(double yScale) { return lxw_row_t(std::ceil(288.0 * yScale / 20.0)) + 1; }
  /// Inserts a chart at the rows WriteChart kept free for it; returns r (the row after its data).
  lxw_row_t Place(lxw_row_t r, lxw_chart* chart, double xScale = 1.6) {
    lxw_chart_options o{};
    o.x_scale = xScale;
    o.y_scale = m_chartYScale;
    o.x_offset = 4;
    o.y_offset = 6;
    worksheet_insert_chart_opt(m_ws, m_chartRow, 0, chart, &o);
    return r;
  }
  /// The height of a chart (as a scale of 288 px): taller for many categories.
  static double ChartYScale(const ChartSpec& spec, const std::vector<const ResultTable*>& t) {
    const size_t rows = t[0]->rows.size();
    switch (spec.type) {
      case ChartType::kIndexBars: return rows > 8 ? 1.6 : 1.25;
      case ChartType::kNpsStacked: return rows > 6 ? 1.6 : 1.1;
      case ChartType::kQuadrant: return 1.6;
      default: return 1.25;
    }
  }

  /// Rows of a table that a per-group chart uses (the first variable of descriptives).
  static std::vector<size_t> ChartRows(const std::vector<const ResultTable*>& t, const Roles& roles) {
    std::vector<size_t> rows;
    for (size_t i = 0; i < t[0]->rows.size(); ++i)
      if (roles.variable < 0 || t[0]->rows[i][size_t(roles.variable)].text == t[0]->rows[0][size_t(roles.variable)].text) rows.push_back(i);
    return rows;
  }

  /// Bars of the figure per group with its confidence interval as error bars. libxlsxwriter 1.1
  /// (Debian 12) has no custom error-bar ranges, so the bars get fixed-value error bars with a
  /// unique placeholder value that PatchErrorBars() replaces by the block's "+" and "−" columns
  /// once the file is written.
  lxw_row_t IndexBars(lxw_row_t r, const std::vector<const ResultTable*>& t, const std::string& title) {
    const Roles roles = RolesOf(*t[0]);
    std::vector<std::string> labels;
    std::vector<std::vector<std::optional<double>>> values;
    for (size_t i : ChartRows(t, roles)) {
      labels.push_back(RowLabel(t, i));
      const auto& row = t[0]->rows[i];
      values.push_back({Numeric(row[size_t(roles.value)]), Numeric(row[size_t(roles.lower)]), Numeric(row[size_t(roles.upper)])});
    }
    const std::string valueName = ColumnLabel(t, size_t(roles.value));
    lxw_chart* chart = NewChart(LXW_CHART_COLUMN, title);
    Block b = WriteBlock(r, {ColumnLabel(t, 0), valueName, ColumnLabel(t, size_t(roles.lower)), ColumnLabel(t, size_t(roles.upper)), "+", "−"},
                         labels, values, t[0]->id == "descriptives" ? "0.00" : "0.0");
    // The error-bar lengths as formulas over the block (with their values, so no recalculation is needed).
    lxw_format* num = Format(std::string("block_num:") + (t[0]->id == "descriptives" ? "0.00" : "0.0"), [](lxw_format*) {});
    for (size_t i = 0; i < labels.size(); ++i) {
      const auto& v = values[i];
      if (!v[0] || !v[1] || !v[2]) continue;
      const lxw_row_t row = b.firstRow + lxw_row_t(i);
      const std::string n = std::to_string(row + 1);
      worksheet_write_formula_num(m_ws, row, 4, ("=D" + n + "-B" + n).c_str(), num, *v[2] - *v[0]);
      worksheet_write_formula_num(m_ws, row, 5, ("=B" + n + "-C" + n).c_str(), num, *v[0] - *v[1]);
    }
    lxw_chart_series* s = Series(chart, b, 1, valueName);
    lxw_chart_fill fill{};
    fill.color = 0x4472C4;
    chart_series_set_fill(s, &fill);
    const double placeholder = 987654.0 + double(m_errorBars.size());
    chart_series_set_error_bars(s->y_error_bars, LXW_CHART_ERROR_BAR_TYPE_FIXED, placeholder);
    lxw_chart_line whisker{};
    whisker.color = 0x262626;
    whisker.width = 1.25;
    chart_series_set_error_bars_line(s->y_error_bars, &whisker);
    m_errorBars.push_back({FormatNumber(placeholder), RangeRef(b.firstRow, 4, b.lastRow), RangeRef(b.firstRow, 5, b.lastRow)});
    chart_set_series_gap(chart, 60);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_num_format(chart->y_axis, t[0]->id == "descriptives" ? "0.0" : "0");
    if (t[0]->id != "nps") chart_axis_set_min(chart->y_axis, 0);  // bars start at zero; NPS runs −100…100
    if (t[0]->id == "csi") chart_axis_set_max(chart->y_axis, 100);
    if (labels.size() > 8) chart_axis_set_num_font(chart->x_axis, &m_smallAxisFont);
    return Place(r, chart, labels.size() > 8 ? 2.0 : 1.6);
  }

  /// 'Sheet name'!$C$5:$C$9 for the current sheet.
  std::string RangeRef(lxw_row_t first, lxw_col_t col, lxw_row_t last) const {
    std::string quoted = "'";
    for (char c : m_sheet) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    quoted += "'";
    char colName[4] = {char('A' + col), 0, 0, 0};
    return quoted + "!$" + colName + "$" + std::to_string(first + 1) + ":$" + colName + "$" + std::to_string(last + 1);
  }

  /// Lines across the groups (waves): one line per variable of a descriptives table, else one.
  lxw_row_t Trend(lxw_row_t r, const std::vector<const ResultTable*>& t, const std::string& title) {
    const Roles roles = RolesOf(*t[0]);
    std::vector<std::string> groups, variables;
    std::vector<std::vector<std::optional<double>>> values;
    for (size_t i = 0; i < t[0]->rows.size(); ++i) {
      const std::string g = RowLabel(t, i);
      const std::string v = roles.variable >= 0 ? RowLabel(t, i, size_t(roles.variable)) : ColumnLabel(t, size_t(roles.value));
      auto gi = std::find(groups.begin(), groups.end(), g);
      if (gi == groups.end()) {
        groups.push_back(g);
        values.emplace_back();
        gi = groups.end() - 1;
      }
      auto vi = std::find(variables.begin(), variables.end(), v);
      if (vi == variables.end()) {
        variables.push_back(v);
        vi = variables.end() - 1;
      }
      auto& row = values[size_t(gi - groups.begin())];
      row.resize(variables.size());
      row[size_t(vi - variables.begin())] = Numeric(t[0]->rows[i][size_t(roles.value)]);
    }
    for (auto& row : values) row.resize(variables.size());
    const std::vector<std::string> seriesNames = WithoutCommonWords(variables);
    std::vector<std::string> names{ColumnLabel(t, 0)};
    names.insert(names.end(), seriesNames.begin(), seriesNames.end());
    Block b = WriteBlock(r, names, groups, values, t[0]->id == "descriptives" ? "0.00" : "0.0");
    lxw_chart* chart = NewChart(LXW_CHART_LINE, title);
    for (size_t k = 0; k < variables.size(); ++k) {
      lxw_chart_series* s = Series(chart, b, k + 1, seriesNames[k]);
      chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
      chart_series_set_marker_size(s, 7);
      if (variables.size() == 1) chart_series_set_labels(s);
    }
    chart_legend_set_position(chart, variables.size() > 1 ? LXW_CHART_LEGEND_RIGHT : LXW_CHART_LEGEND_NONE);
    if (variables.size() > 1) for (size_t c = 1; c < names.size(); ++c) Widen(lxw_col_t(c), "0.00");
    return Place(r, chart);
  }

  /// Promoters, passives and detractors per group as 100 % stacked bars (green, grey, red).
  lxw_row_t NpsStacked(lxw_row_t r, const std::vector<const ResultTable*>& t, const std::string& title) {
    std::vector<std::string> labels;
    std::vector<std::vector<std::optional<double>>> values;
    for (size_t i = 0; i < t[0]->rows.size(); ++i) {
      labels.push_back(RowLabel(t, i));
      const auto& row = t[0]->rows[i];
      values.push_back({Numeric(row[2]), Numeric(row[3]), Numeric(row[4])});
    }
    Block b = WriteBlock(r, {ColumnLabel(t, 0), ColumnLabel(t, 2), ColumnLabel(t, 3), ColumnLabel(t, 4)}, labels, values, "0.0%");
    lxw_chart* chart = NewChart(LXW_CHART_BAR_STACKED, title);
    const lxw_color_t colours[] = {0x2E7D32, 0xBDBDBD, 0xC62828};
    for (size_t k = 0; k < 3; ++k) {
      lxw_chart_series* s = Series(chart, b, k + 1, ColumnLabel(t, k + 2));
      lxw_chart_fill fill{};
      fill.color = colours[k];
      chart_series_set_fill(s, &fill);
      chart_series_set_labels(s);
      chart_series_set_labels_num_format(s, "0%");
    }
    chart_set_series_gap(chart, 50);
    // A bar chart lies on its side: x_axis is the categories, y_axis the values (libxlsxwriter).
    chart_axis_set_num_format(chart->x_axis, "0%");
    chart_axis_set_max(chart->x_axis, 1);
    chart_axis_set_reverse(chart->y_axis);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return Place(r, chart, 1.6);
  }

  /// Importance (relative weight) against performance (mean) per attribute, with the two cut
  /// lines at the means as two extra line series: the four quadrants of the table.
  lxw_row_t Quadrant(lxw_row_t r, const std::vector<const ResultTable*>& t, const std::string& title) {
    std::vector<std::string> labels;
    std::vector<std::vector<std::optional<double>>> values;
    double sx = 0, sy = 0, minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
    size_t n = 0;
    // Importance and performance: drivers (relative weight, mean) or pls_ipma (total effect, index).
    const size_t xc = t[0]->id == "pls_ipma" ? 1 : 2, yc = xc + 1;
    for (size_t i = 0; i < t[0]->rows.size(); ++i) {
      const auto& row = t[0]->rows[i];
      std::optional<double> x = Numeric(row[xc]), y = Numeric(row[yc]);
      if (!x && xc == 2) x = Numeric(row[1]);  // relative weights not estimable: the table's quadrants use correlations
      if (!x || !y) continue;
      labels.push_back(RowLabel(t, i));
      values.push_back({x, y});
      sx += *x;
      sy += *y;
      minX = std::min(minX, *x), maxX = std::max(maxX, *x), minY = std::min(minY, *y), maxY = std::max(maxY, *y);
      ++n;
    }
    std::vector<std::string> names{ColumnLabel(t, 0), ColumnLabel(t, xc), ColumnLabel(t, yc)};
    Block points = WriteBlock(r, names, labels, values, "0.00");
    if (n == 0) return r;
    const double mx = sx / double(n), my = sy / double(n);
    const double padX = (maxX - minX) * 0.1 + 1e-9, padY = (maxY - minY) * 0.1 + 1e-9;
    const std::string cut = Texts(&WriterTexts::cutAtMean, {});
    Block lines = WriteBlock(r, {cut, ColumnLabel(t, xc), ColumnLabel(t, yc)}, {"│", "│", "─", "─"},
                             {{mx, minY - padY}, {mx, maxY + padY}, {minX - padX, my}, {maxX + padX, my}}, "0.00");
    lxw_chart* chart = NewChart(LXW_CHART_SCATTER_STRAIGHT, title);
    lxw_chart_series* s = chart_add_series(chart, nullptr, nullptr);
    chart_series_set_categories(s, m_sheet.c_str(), points.firstRow, 1, points.lastRow, 1);
    chart_series_set_values(s, m_sheet.c_str(), points.firstRow, 2, points.lastRow, 2);
    chart_series_set_name(s, Keep(ColumnLabel(t, 0)));
    lxw_chart_line none{};
    none.none = 1;
    chart_series_set_line(s, &none);
    chart_series_set_marker_type(s, LXW_CHART_MARKER_CIRCLE);
    chart_series_set_marker_size(s, 8);
    m_labels.emplace_back();
    std::vector<lxw_chart_data_label>& custom = m_labels.back();
    custom.resize(labels.size());
    m_labelPtrs.emplace_back();
    const std::vector<std::string> shortLabels = WithoutCommonWords(labels);
    for (size_t i = 0; i < labels.size(); ++i) {
      custom[i].value = const_cast<char*>(Keep(shortLabels[i]));
      m_labelPtrs.back().push_back(&custom[i]);
    }
    m_labelPtrs.back().push_back(nullptr);
    chart_series_set_labels(s);
    chart_series_set_labels_custom(s, m_labelPtrs.back().data());
    chart_series_set_labels_position(s, LXW_CHART_LABEL_POSITION_RIGHT);
    for (lxw_row_t first : {lines.firstRow, lxw_row_t(lines.firstRow + 2)}) {
      lxw_chart_series* l = chart_add_series(chart, nullptr, nullptr);
      chart_series_set_categories(l, m_sheet.c_str(), first, 1, first + 1, 1);
      chart_series_set_values(l, m_sheet.c_str(), first, 2, first + 1, 2);
      chart_series_set_name(l, Keep(cut));
      lxw_chart_line dashed{};
      dashed.color = 0x7F7F7F;
      dashed.dash_type = LXW_CHART_LINE_DASH_DASH;
      dashed.width = 1.25;
      chart_series_set_line(l, &dashed);
      chart_series_set_marker_type(l, LXW_CHART_MARKER_NONE);
    }
    chart_axis_set_name(chart->x_axis, Keep(ColumnLabel(t, xc)));
    chart_axis_set_name(chart->y_axis, Keep(ColumnLabel(t, yc)));
    chart_axis_set_min(chart->x_axis, std::floor(minX - padX));
    chart_axis_set_max(chart->x_axis, std::ceil(maxX + padX));
    chart_axis_set_min(chart->y_axis, std::floor((minY - padY) * 10) / 10);
    chart_axis_set_max(chart->y_axis, std::ceil((maxY + padY) * 10) / 10);
    chart_axis_major_gridlines_set_visible(chart->x_axis, LXW_FALSE);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    return Place(r, chart, 1.6);
  }

  /// Response rate per wave, stacked by channel (each channel's share of the frame).
  lxw_row_t ResponseRates(lxw_row_t r, const std::vector<const ResultTable*>& t, const std::string& title) {
    const size_t cols = t[0]->columns.size();
    const size_t channels = cols >= 4 ? cols - 4 : 0;
    const size_t frameCol = cols - 2;
    std::vector<std::string> labels;
    std::vector<std::vector<std::optional<double>>> values;
    const size_t rows = t[0]->rows.size() > 1 ? t[0]->rows.size() - 1 : t[0]->rows.size();  // without "All waves"
    for (size_t i = 0; i < rows; ++i) {
      labels.push_back(RowLabel(t, i));
      std::vector<std::optional<double>> v;
      const auto frame = Numeric(t[0]->rows[i][frameCol]);
      for (size_t c = 1; c <= channels; ++c) {
        auto n = Numeric(t[0]->rows[i][c]);
        v.push_back(n && frame && *frame > 0 ? std::optional<double>(*n / *frame) : std::nullopt);
      }
      values.push_back(v);
    }
    std::vector<std::string> names{ColumnLabel(t, 0)};
    for (size_t c = 1; c <= channels; ++c) names.push_back(ColumnLabel(t, c));
    Block b = WriteBlock(r, names, labels, values, "0.0%");
    lxw_chart* chart = NewChart(LXW_CHART_COLUMN_STACKED, title);
    const lxw_color_t colours[] = {0x4472C4, 0xED7D31, 0x70AD47, 0xFFC000, 0x7F7F7F};
    for (size_t c = 0; c < channels; ++c) {
      lxw_chart_series* s = Series(chart, b, c + 1, names[c + 1]);
      lxw_chart_fill fill{};
      fill.color = colours[c % 5];
      chart_series_set_fill(s, &fill);
      chart_series_set_labels(s);
      chart_series_set_labels_num_format(s, "0.0%");
    }
    chart_set_series_gap(chart, 80);
    chart_axis_set_num_format(chart->y_axis, "0%");
    chart_axis_set_name(chart->y_axis, Keep(ColumnLabel(t, cols - 1)));
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    return Place(r, chart, 1.4);
  }

  // ---- cover and data ------------------------------------------------------------------------
  /// PNG size from its IHDR chunk (for scaling the logo to a fixed height); 0 when unknown.
  static std::pair<uint32_t, uint32_t> PngSize(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    unsigned char h[24] = {};
    in.read(reinterpret_cast<char*>(h), 24);
    if (!in || h[1] != 'P' || h[2] != 'N' || h[3] != 'G') return {0, 0};
    auto be = [&](int o) { return uint32_t(h[o]) << 24 | uint32_t(h[o + 1]) << 16 | uint32_t(h[o + 2]) << 8 | uint32_t(h[o + 3]); };
    return {be(16), be(20)};
  }

  void WriteCover(const std::vector<const Section*>& s) {
    worksheet_gridlines(m_ws, LXW_HIDE_ALL_GRIDLINES);
    worksheet_set_column(m_ws, 0, 0, 3, nullptr);
    worksheet_set_column(m_ws, 1, 1, 22, nullptr);
    worksheet_set_column(m_ws, 2, 2, 70, nullptr);
    lxw_row_t r = 1;
    if (!s[0]->logo.empty()) {
      lxw_image_options o{};
      auto [w, h] = PngSize(s[0]->logo);
      o.x_scale = o.y_scale = h > 0 ? 90.0 / double(h) : 1.0;
      const std::string logo = s[0]->logo.string();
      if (worksheet_insert_image_opt(m_ws, r, 1, logo.c_str(), &o) != LXW_NO_ERROR)
        throw UserError(Message(N_("Cannot use the logo {0}: it must be a PNG, JPEG or BMP image.")).Arg(logo));
      r += 6;
    } else {
      r += 2;
    }
    lxw_format* big = Format("cover_title", [](lxw_format* f) { format_set_bold(f); format_set_font_size(f, 24); format_set_font_color(f, kTitleColour); });
    lxw_format* sub = Format("cover_sub", [](lxw_format* f) { format_set_font_size(f, 14); format_set_font_color(f, kTitleColour); });
    lxw_format* label = Format("cover_label", [](lxw_format* f) { format_set_bold(f); format_set_font_size(f, 12); format_set_font_color(f, kNoteColour); });
    lxw_format* value = Format("cover_value", [](lxw_format* f) { format_set_font_size(f, 12); });
    for (size_t l = 0; l < s.size(); ++l) {
      if (l > 0 && s[l]->title == s[0]->title) continue;
      worksheet_set_row(m_ws, r, l == 0 ? 36 : 24, nullptr);
      WriteText(r++, 1, s[l]->title, l == 0 ? big : sub);
    }
    r += 1;
    for (size_t l = 0; l < s.size(); ++l)
      if (!s[l]->text.empty() && (l == 0 || s[l]->text != s[0]->text)) WriteText(r++, 1, s[l]->text, sub);
    r += 1;
    for (size_t i = 0; i < s[0]->coverLines.size(); ++i) {
      std::vector<std::string> labels, values;
      for (const Section* l : s) {
        labels.push_back(l->coverLines[i].first);
        values.push_back(l->coverLines[i].second);
      }
      worksheet_set_row(m_ws, r, 20, nullptr);
      WriteText(r, 1, Join(labels), label);
      WriteText(r++, 2, Join(values), value);
    }
    PrintSetUp(0, 0);
    worksheet_set_portrait(m_ws);
  }

  /// The coded answers, one row per response (constant_memory mode: written strictly in order).
  void WriteData(const std::vector<const Section*>& s) {
    const io::Dataset& d = *s[0]->data;
    lxw_row_t r = WriteHeading(s);
    std::vector<const io::Dataset*> langs;
    for (const Section* l : s) langs.push_back(l->data.get());
    if (d.rows + r + 1 + langs.size() > kMaxRows)
      throw UserError(Message(N_("The data sheet would need {0} rows, more than Excel's 1,048,576. Export the responses as CSV instead.")).Arg(static_cast<long long>(d.rows + r + 2)));
    lxw_format* head = HeaderFormat();
    const lxw_row_t headerFirst = r;
    WriteText(r, 0, "#", head);
    for (size_t c = 0; c < d.columns.size(); ++c) {
      WriteText(r, lxw_col_t(c + 1), d.columns[c].name, head);
      Widen(lxw_col_t(c + 1), d.columns[c].name);
    }
    ++r;
    for (const io::Dataset* l : langs) {
      WriteText(r, 0, "", head);
      for (size_t c = 0; c < l->columns.size(); ++c) WriteText(r, lxw_col_t(c + 1), l->columns[c].label, head);
      ++r;
    }
    const lxw_row_t headerLast = r - 1;
    worksheet_set_row(m_ws, headerLast, 45, nullptr);
    for (size_t c = 0; c < d.columns.size(); ++c) Widen(lxw_col_t(c + 1), "0000", 14);
    Widen(0, std::to_string(d.rows));
    SetColumns();
    worksheet_freeze_panes(m_ws, headerLast + 1, 1);
    for (size_t i = 0; i < d.rows; ++i, ++r) {
      worksheet_write_number(m_ws, r, 0, double(i + 1), nullptr);
      for (size_t c = 0; c < d.columns.size(); ++c) {
        const double v = d.columns[c].values[i];
        if (!std::isnan(v)) worksheet_write_number(m_ws, r, lxw_col_t(c + 1), v, nullptr);
      }
    }
    PrintSetUp(headerFirst, headerLast);
  }

  static lxw_chart_font SmallAxisFont() {
    lxw_chart_font f{};
    f.size = 8;
    f.rotation = -45;
    return f;
  }

  const std::vector<Report>& m_reports;
  std::time_t m_created;
  lxw_workbook* m_wb = nullptr;
  lxw_worksheet* m_ws = nullptr;
  std::string m_sheet, m_title, m_tmpdir, m_partial;
  std::vector<std::string> m_sheetNames;
  std::vector<double> m_widths;
  std::vector<lxw_row_t> m_breaks;
  lxw_row_t m_chartRow = 0;     ///< where WriteChart put the chart being written
  double m_chartYScale = 1.25;  ///< printed page breaks of the current sheet (0-terminated when set)
  std::map<std::string, lxw_format*> m_formats;
  lxw_chart_font m_smallAxisFont = SmallAxisFont();
  struct ErrorBarPatch {
    std::string placeholder, plus, minus;
  };
  std::vector<ErrorBarPatch> m_errorBars;
  std::deque<std::string> m_kept;  // strings libxlsxwriter may point at until workbook_close
  std::deque<std::vector<lxw_chart_data_label>> m_labels;
  std::deque<std::vector<lxw_chart_data_label*>> m_labelPtrs;
};

}  // namespace

double ColumnWidthFor(std::string_view text) {
  // DisplayWidth counts CJK characters double, as Excel's default fonts draw them.
  return double(DisplayWidth(text)) * 1.1;
}

std::string SheetName(const std::string& text, const std::vector<std::string>& taken) {
  std::u32string chars = DecodeUtf8(text);
  for (char32_t& cp : chars)
    if (std::u32string_view(U"[]:*?/\\").find(cp) != std::u32string_view::npos) cp = U'-';
  while (!chars.empty() && (chars.front() == U'\'' || chars.front() == U' ')) chars.erase(chars.begin());
  if (chars.empty()) chars = U"Sheet";
  auto lower = [](std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (int k = 1;; ++k) {
    std::u32string suffix;
    if (k > 1)
      for (char c : " (" + std::to_string(k) + ")") suffix.push_back(char32_t(c));
    std::u32string base = chars.substr(0, 31 - suffix.size());
    while (!base.empty() && (base.back() == U'\'' || base.back() == U' ')) base.pop_back();
    std::string name = EncodeUtf8(base + suffix);
    bool used = false;
    for (const std::string& t : taken) used |= lower(t) == lower(name);
    if (!used) return name;
  }
}

void WriteReportWorkbook(const std::vector<Report>& reports, const fs::path& file, std::time_t created,
                         const std::function<void(size_t section, size_t sections)>& beforeSection) {
  if (reports.empty()) throw std::logic_error("WriteReportWorkbook: no report");
  for (const Report& r : reports)
    if (r.sections.size() != reports[0].sections.size()) throw std::logic_error("WriteReportWorkbook: languages differ in their sections");
  CNumericLocale cLocale;
  Writer(reports, created).Write(file, beforeSection);
}

}  // namespace manyi::report

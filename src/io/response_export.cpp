// Response export to CSV and SPSS .sav (ReadStat).
#include "io/response_export.h"

#include <readstat.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <set>
#include <unordered_map>

#include "core/text.h"
#include "io/dataset.h"
#include "io/form_json.h"
#include "storage/response_codec.h"

namespace manyi::io {

namespace fs = std::filesystem;

ExportFormat ChooseExportFormat(const std::string& format, const fs::path& out) {
  std::string f = format;
  if (f.empty()) {
    f = out.extension().string();
    if (!f.empty()) f.erase(0, 1);
    std::transform(f.begin(), f.end(), f.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  }
  if (f == "csv" || f == "txt") return ExportFormat::kCsv;
  if (f == "sav") return ExportFormat::kSav;
  throw UserError(Message(N_("Cannot tell the format of {0}: name it .csv or .sav, or give --format csv|sav.")).Arg(out.string()));
}

namespace {

enum class Source { kResponseId, kRespondentKey, kWave, kChannel, kSubmittedAt, kImportId, kAnswer, kText, kContact };
enum class Measure { kNominal, kOrdinal, kScale };

/// One exported column; everything both formats need to write it.
struct Column {
  std::string name;
  std::string label;
  Source source = Source::kAnswer;
  size_t index = 0;  ///< kAnswer / kText: index into the stored variables; kContact: field 0–4
  bool text = false;
  Measure measure = Measure::kNominal;
  std::map<double, std::string> valueLabels;
  std::set<double> csvLabelled;  ///< codes a CSV in label mode writes as their label
  std::vector<double> missing;   ///< user-missing codes (don't know, not applicable, refused)
  size_t width = 1;              ///< .sav string width in bytes
  int decimals = 0;              ///< .sav print format F<w>.<decimals> of a numeric column
};

// The customer_contact fields --include-personal adds, in table order.
constexpr std::array<const char*, 5> kContactFields = {"name", "contact_person", "phone", "email", "address"};

Measure MeasureOf(const Variable& v) {
  switch (v.item->type) {
    case ItemType::kRating:
    case ItemType::kGrid:
    case ItemType::kNps:
    case ItemType::kRanking: return Measure::kOrdinal;
    case ItemType::kNumeric: return Measure::kScale;
    default: return Measure::kNominal;
  }
}

/// The columns of an export: response facts, every questionnaire variable, contact fields on request.
std::vector<Column> BuildColumns(storage::Project& project, int64_t qid, const Questionnaire& form, const ResponseExportOptions& options) {
  std::vector<Column> cols;
  cols.reserve(form.Variables().size() + 16);  // meta() hands out references into cols
  auto meta = [&](const char* name, const char* label, Source source, bool text, Measure measure) -> Column& {
    Column c;
    c.name = name;
    c.label = Translate(label);
    c.source = source;
    c.text = text;
    c.measure = measure;
    cols.push_back(std::move(c));
    return cols.back();
  };
  meta("response_id", N_("Response number"), Source::kResponseId, false, Measure::kNominal);
  meta("respondent_key", N_("Respondent"), Source::kRespondentKey, true, Measure::kNominal);
  Column& wave = meta("wave", N_("Wave"), Source::kWave, false, Measure::kNominal);
  storage::Statement waves(project.Db(), "SELECT id, name FROM wave");
  while (waves.Step()) wave.valueLabels[double(waves.Int(0))] = waves.Text(1);
  Column& channel = meta("channel", N_("Channel"), Source::kChannel, false, Measure::kNominal);
  for (Channel c : kAllChannels) channel.valueLabels[double(int(c) + 1)] = ChannelLabel(c).Text();
  meta("submitted_at", N_("Submitted at"), Source::kSubmittedAt, true, Measure::kNominal);
  meta("import_id", N_("Import"), Source::kImportId, false, Measure::kNominal);

  const std::vector<std::string> stored = project.Variables(qid);
  const std::string lang = options.lang.empty() ? std::string("en") : options.lang;
  for (const Variable& v : form.Variables()) {
    auto pos = std::find(stored.begin(), stored.end(), v.name);
    if (pos == stored.end()) continue;
    Column c;
    c.name = v.name;
    c.label = VariableLabel(v, lang);
    c.source = v.isText ? Source::kText : Source::kAnswer;
    c.index = size_t(pos - stored.begin());
    c.text = v.isText;
    if (!v.isText) {
      c.measure = MeasureOf(v);
      if (v.item->type == ItemType::kNumeric) c.decimals = v.item->decimals;
      c.valueLabels = VariableValueLabels(v, lang);
      if (v.item->type == ItemType::kSingle)
        for (const Code& code : v.item->codes) c.csvLabelled.insert(code.value);
      if (v.item->type == ItemType::kMultiple) {
        c.valueLabels[0] = Translate(N_("Not selected"));
        c.valueLabels[1] = Translate(N_("Selected"));
      }
      if (const Scale* scale = VariableScale(v))
        for (const MissingCode& m : scale->missing) {
          c.missing.push_back(m.value);
          if (!m.label.Empty()) c.valueLabels[m.value] = m.label.Get(lang);
          c.csvLabelled.insert(m.value);
        }
    }
    cols.push_back(std::move(c));
  }
  if (options.includePersonal) {
    static constexpr std::array<const char*, 5> labels = {N_("Customer name"), N_("Contact person"), N_("Phone"), N_("E-mail"), N_("Address")};
    for (size_t i = 0; i < kContactFields.size(); ++i) meta(kContactFields[i], labels[i], Source::kContact, true, Measure::kNominal).index = i;
  }
  return cols;
}

/// One response as cells: a number (NaN = missing) for numeric columns, a text for the others.
struct Row {
  std::vector<double> numbers;
  std::vector<std::string> texts;
};

/// Walks the responses and hands each to write as a Row of cols.
void ForEachRow(storage::Project& project, int64_t qid, const std::vector<Column>& cols, bool includePersonal,
                const std::function<void(const Row&)>& write) {
  std::unordered_map<int64_t, std::array<std::string, 5>> contacts;
  if (includePersonal) {
    storage::Statement st(project.Db(), "SELECT customer_id, name, contact_person, phone, email, address FROM customer_contact");
    while (st.Step()) {
      auto& c = contacts[st.Int(0)];
      for (int i = 0; i < 5; ++i) c[size_t(i)] = st.IsNull(i + 1) ? std::string() : st.Text(i + 1);
    }
  }
  std::unordered_map<int, size_t> textColumn;  // stored variable index → column
  for (size_t i = 0; i < cols.size(); ++i)
    if (cols[i].source == Source::kText) textColumn[int(cols[i].index)] = i;
  Row row;
  row.numbers.assign(cols.size(), storage::kSystemMissing);
  row.texts.assign(cols.size(), std::string());
  project.ForEachResponse(qid, [&](int64_t id, const storage::ResponseRecord& r) {
    for (size_t i = 0; i < cols.size(); ++i) {
      const Column& c = cols[i];
      double& x = row.numbers[i];
      std::string& t = row.texts[i];
      x = storage::kSystemMissing;
      t.clear();
      switch (c.source) {
        case Source::kResponseId: x = double(id); break;
        case Source::kRespondentKey: t = r.respondentKey; break;
        case Source::kWave: if (r.waveId) x = double(*r.waveId); break;
        case Source::kChannel: x = double(int(r.channel) + 1); break;
        case Source::kSubmittedAt: t = r.submittedAt; break;
        case Source::kImportId: if (r.importId) x = double(*r.importId); break;
        case Source::kAnswer: if (c.index < r.values.size()) x = r.values[c.index]; break;
        case Source::kText: break;
        case Source::kContact:
          if (r.customerId)
            if (auto it = contacts.find(*r.customerId); it != contacts.end()) t = it->second[c.index];
          break;
      }
    }
    for (const auto& [var, text] : r.texts)
      if (auto it = textColumn.find(var); it != textColumn.end()) row.texts[it->second] = text;
    write(row);
  });
}

using File = std::unique_ptr<std::FILE, int (*)(std::FILE*)>;

Error WriteFailed(const fs::path& out) {
  return Error{Message(N_("Writing {0} failed. Free some disk space and try again.")).Arg(out.string())};
}

int64_t WriteCsv(storage::Project& project, int64_t qid, const std::vector<Column>& cols, const ResponseExportOptions& options, std::FILE* f) {
  std::fwrite("\xEF\xBB\xBF", 1, 3, f);
  std::vector<std::string> cells;
  for (const Column& c : cols) cells.push_back(c.name);
  std::string line = CsvLine(cells);
  std::fwrite(line.data(), 1, line.size(), f);
  const bool labels = !options.lang.empty();
  int64_t count = 0;
  ForEachRow(project, qid, cols, options.includePersonal, [&](const Row& row) {
    cells.clear();
    for (size_t i = 0; i < cols.size(); ++i) {
      const Column& c = cols[i];
      const double x = row.numbers[i];
      if (c.text) {
        cells.push_back(NeutraliseFormula(row.texts[i]));
      } else if (std::isnan(x)) {
        cells.emplace_back();
      } else if (c.source == Source::kWave) {
        auto it = c.valueLabels.find(x);  // a wave is known by its name
        cells.push_back(it == c.valueLabels.end() ? FormatNumber(x) : NeutraliseFormula(it->second));
      } else if (c.source == Source::kChannel) {
        const Channel ch = kAllChannels[size_t(x) - 1];
        cells.push_back(labels ? ChannelLabel(ch).Text() : std::string(ChannelKey(ch)));
      } else if (labels && c.csvLabelled.count(x) && c.valueLabels.count(x) && !c.valueLabels.at(x).empty()) {
        cells.push_back(NeutraliseFormula(c.valueLabels.at(x)));
      } else {
        cells.push_back(FormatNumber(x));
      }
    }
    line = CsvLine(cells);
    std::fwrite(line.data(), 1, line.size(), f);
    ++count;
  });
  return count;
}

// SPSS names: at most 64 bytes, a letter first, then letters, digits and . _ @ # $, not ending in
// a period, no reserved word, unique regardless of case.
std::string SavName(const std::string& name, std::set<std::string>& taken) {
  std::string s;
  for (unsigned char c : name) s.push_back(std::isalnum(c) || c == '_' || c == '.' || c == '@' || c == '#' || c == '$' ? char(c) : '_');
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) s = "v" + s;
  while (s.size() > 1 && s.back() == '.') s.back() = '_';
  s = s.substr(0, 60);
  auto upper = [](std::string t) {
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return t;
  };
  static const std::set<std::string> reserved = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"};
  if (reserved.count(upper(s))) s += "_";
  std::string candidate = s;
  for (int k = 2; taken.count(upper(candidate)); ++k) candidate = s + "_" + std::to_string(k);
  taken.insert(upper(candidate));
  return candidate;
}

ssize_t WriteBytes(const void* data, size_t len, void* ctx) {
  return std::fwrite(data, 1, len, static_cast<std::FILE*>(ctx)) == len ? ssize_t(len) : -1;
}

/// The byte length of the longest text of each string column, which .sav needs before any row.
void MeasureStringWidths(storage::Project& project, int64_t qid, std::vector<Column>& cols) {
  storage::Connection& db = project.Db();
  const std::string q = std::to_string(qid);
  auto longest = [&](const std::string& sql) { return size_t(db.QueryInt(sql)); };
  std::unordered_map<int64_t, size_t> textWidth;
  storage::Statement st(db, "SELECT variable, max(length(CAST(text AS BLOB))) FROM response_text JOIN response ON response.id = response_id "
                            "WHERE questionnaire_id = ?1 GROUP BY variable");
  st.Bind(1, qid);
  while (st.Step()) textWidth[st.Int(0)] = size_t(st.Int(1));
  for (Column& c : cols) {
    if (!c.text) continue;
    size_t w = 0;
    switch (c.source) {
      case Source::kRespondentKey: w = longest("SELECT coalesce(max(length(CAST(respondent_key AS BLOB))), 0) FROM response WHERE questionnaire_id = " + q); break;
      case Source::kSubmittedAt: w = longest("SELECT coalesce(max(length(CAST(submitted_at AS BLOB))), 0) FROM response WHERE questionnaire_id = " + q); break;
      case Source::kText: if (auto it = textWidth.find(int64_t(c.index)); it != textWidth.end()) w = it->second; break;
      case Source::kContact:
        w = longest(std::string("SELECT coalesce(max(length(CAST(") + kContactFields[c.index] + " AS BLOB))), 0) FROM customer_contact");
        break;
      default: break;
    }
    c.width = std::max<size_t>(w, 1);
  }
}

// SPSS limits: variable labels 255 bytes here (older readers), value labels 120 bytes.
constexpr size_t kMaxVariableLabel = 255, kMaxValueLabel = 120, kMaxStringWidth = 32767;

int64_t WriteSav(storage::Project& project, int64_t qid, const Questionnaire& form, std::vector<Column>& cols,
                 const ResponseExportOptions& options, std::FILE* f, const fs::path& out) {
  MeasureStringWidths(project, qid, cols);
  for (const Column& c : cols)
    if (c.text && c.width > kMaxStringWidth)
      throw UserError(Message(N_("{0}: the longest answer of {1} has {2} bytes; SPSS files hold at most 32767 per value. Export CSV instead."))
                          .Arg(out.string()).Arg(c.name).Arg(static_cast<long long>(c.width)));
  const long rows = long(project.Db().QueryInt("SELECT count(*) FROM response WHERE questionnaire_id = " + std::to_string(qid)));

  std::unique_ptr<readstat_writer_t, void (*)(readstat_writer_t*)> w(readstat_writer_init(), &readstat_writer_free);
  readstat_set_data_writer(w.get(), &WriteBytes);
  readstat_writer_set_compression(w.get(), READSTAT_COMPRESS_ROWS);
  const std::string title(TruncateUtf8(form.title.Get(options.lang.empty() ? "en" : options.lang), 64));
  readstat_writer_set_file_label(w.get(), title.c_str());
  std::set<std::string> taken;
  std::vector<readstat_variable_t*> vars;
  for (size_t i = 0; i < cols.size(); ++i) {
    const Column& c = cols[i];
    const std::string name = SavName(c.name, taken);
    readstat_variable_t* v = readstat_add_variable(w.get(), name.c_str(), c.text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, c.text ? c.width : 0);
    // A renamed variable keeps its questionnaire name at the front of its label.
    const std::string label(TruncateUtf8(name == c.name ? c.label : c.name + ": " + c.label, kMaxVariableLabel));
    readstat_variable_set_label(v, label.c_str());
    readstat_variable_set_measure(v, c.measure == Measure::kScale ? READSTAT_MEASURE_SCALE
                                     : c.measure == Measure::kOrdinal ? READSTAT_MEASURE_ORDINAL : READSTAT_MEASURE_NOMINAL);
    readstat_variable_set_alignment(v, c.text ? READSTAT_ALIGNMENT_LEFT : READSTAT_ALIGNMENT_RIGHT);
    if (!c.text) {
      // Codes are whole numbers: F10.0 rather than ReadStat's default F8.2 ("3.00").
      const std::string format = "F" + std::to_string(10 + c.decimals) + "." + std::to_string(c.decimals);
      readstat_variable_set_format(v, format.c_str());
    }
    if (!c.valueLabels.empty()) {
      const std::string setName = "labels" + std::to_string(i);
      readstat_label_set_t* set = readstat_add_label_set(w.get(), READSTAT_TYPE_DOUBLE, setName.c_str());
      for (const auto& [value, text] : c.valueLabels) {
        const std::string l(TruncateUtf8(text, kMaxValueLabel));
        readstat_label_double_value(set, value, l.c_str());
      }
      readstat_variable_set_label_set(v, set);
    }
    // SPSS keeps three discrete missing values, or a range and one value.
    std::vector<double> m = c.missing;
    std::sort(m.begin(), m.end());
    if (m.size() <= 3) {
      for (double x : m) readstat_variable_add_missing_double_value(v, x);
    } else {
      readstat_variable_add_missing_double_range(v, m.front(), m[m.size() - 2]);
      readstat_variable_add_missing_double_value(v, m.back());
    }
    vars.push_back(v);
  }
  auto check = [&](readstat_error_t e) {
    if (e != READSTAT_OK)
      throw UserError(Message(N_("Writing the SPSS file {0} failed: {1}.")).Arg(out.string()).Arg(readstat_error_message(e)));
  };
  check(readstat_begin_writing_sav(w.get(), f, rows));
  int64_t count = 0;
  ForEachRow(project, qid, cols, options.includePersonal, [&](const Row& row) {
    if (count == rows) return;  // rows cannot grow under us: the project is open by this process only
    check(readstat_begin_row(w.get()));
    for (size_t i = 0; i < cols.size(); ++i) {
      if (cols[i].text) check(readstat_insert_string_value(w.get(), vars[i], row.texts[i].c_str()));
      else if (std::isnan(row.numbers[i])) check(readstat_insert_missing_value(w.get(), vars[i]));
      else check(readstat_insert_double_value(w.get(), vars[i], row.numbers[i]));
    }
    check(readstat_end_row(w.get()));
    ++count;
  });
  check(readstat_end_writing(w.get()));
  return count;
}

}  // namespace

Result<int64_t> ExportResponses(storage::Project& project, const fs::path& out, ExportFormat format, const ResponseExportOptions& options) {
  const int64_t qid = project.Db().QueryInt("SELECT coalesce(max(id), 0) FROM questionnaire");
  if (qid == 0) return Error{Message(N_("{0} has no questionnaire and no responses to export.")).Arg(project.Path().string())};
  auto form = LoadQuestionnaire(project, qid);
  if (!form) return Error{Message(N_("The project's questionnaire {0} cannot be read. Run `manyi-cli check`.")).Arg(static_cast<long long>(qid))};
  std::vector<Column> cols = BuildColumns(project, qid, *form, options);
  // Written beside the target and renamed: a failed export leaves no half file behind.
  fs::path part = out;
  part += ".part";
  int64_t count = 0;
  try {
    File f(std::fopen(part.c_str(), "wb"), &std::fclose);
    if (!f) return Error{Message(N_("Cannot write {0}. Check the folder and its permissions.")).Arg(out.string())};
    count = format == ExportFormat::kSav ? WriteSav(project, qid, *form, cols, options, f.get(), out) : WriteCsv(project, qid, cols, options, f.get());
    if (std::fflush(f.get()) != 0 || std::ferror(f.get())) {
      f.reset();
      std::error_code ec;
      fs::remove(part, ec);
      return WriteFailed(out);
    }
  } catch (const UserError& e) {
    std::error_code ec;
    fs::remove(part, ec);
    return Error{e.GetMessage()};
  } catch (const storage::SqliteError& e) {
    std::error_code ec;
    fs::remove(part, ec);
    return Error{storage::DescribeSqliteError(e, project.Path())};
  }
  std::error_code ec;
  fs::rename(part, out, ec);
  if (ec) {
    fs::remove(part, ec);
    return Error{Message(N_("Cannot write {0}. Check the folder and its permissions.")).Arg(out.string())};
  }
  return count;
}

}  // namespace manyi::io

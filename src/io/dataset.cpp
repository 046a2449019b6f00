// Loading analysis data from projects and CSV files.
#include "io/dataset.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <unordered_map>

#include "core/sha256.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/form_json.h"
#include "io/weight_scheme.h"
#include "storage/response_codec.h"

namespace manyi::io {

namespace fs = std::filesystem;

const DataColumn* Dataset::Find(const std::string& name) const {
  for (const DataColumn& c : columns)
    if (c.name == name) return &c;
  return nullptr;
}

namespace {

void Fingerprint(Dataset& d) {
  Sha256 sha;
  for (const DataColumn& c : d.columns) {
    sha.Update(c.name);
    sha.Update(c.values.data(), c.values.size() * sizeof(double));
  }
  if (!d.weights.empty()) sha.Update(d.weights.data(), d.weights.size() * sizeof(double));
  d.fingerprint = sha.HexDigest();
}

}  // namespace

std::string VariableLabel(const Variable& v, const std::string& lang) {
  std::string label = v.row ? v.item->text.Get(lang) + " — " + v.row->text.Get(lang) : v.item->text.Get(lang);
  if (v.item->type == ItemType::kMultiple || v.item->type == ItemType::kRanking)
    for (const Code& code : v.item->codes)
      if (code.value == v.option) label += " — " + code.label.Get(lang);
  return label;
}

const Scale* VariableScale(const Variable& v) {
  const std::optional<Scale>& scale = v.isImportance ? v.item->importanceScale : v.item->scale;
  return scale ? &*scale : nullptr;
}

std::map<double, std::string> VariableValueLabels(const Variable& v, const std::string& lang) {
  std::map<double, std::string> labels;
  if (v.item->type != ItemType::kMultiple && v.item->type != ItemType::kRanking)
    for (const Code& code : v.item->codes) labels[code.value] = code.label.Get(lang);
  if (const Scale* scale = VariableScale(v))
    for (const auto& [p, t] : scale->pointLabels) labels[p] = t.Get(lang);
  return labels;
}

namespace {

/// The sample-frame facts of each response's customer (region, industry, classes, value), when the
/// responses are linked to customers: customer_region, customer_industry, customer_class,
/// customer_loyalty (categorical, coded in sorted order of their texts) and customer_value. A
/// response without a customer, or a customer without a region, is in the group "(region unknown)".
void AddCustomerColumns(storage::Connection& db, int64_t questionnaireId, Dataset& d, const std::set<std::string>* only) {
  storage::Statement linked(db, "SELECT 1 FROM response WHERE customer_id IS NOT NULL AND questionnaire_id = ?1 LIMIT 1");
  linked.Bind(1, questionnaireId);
  if (!linked.Step()) return;
  struct Text {
    const char* name;
    const char* label;
    const char* missing;
  };
  const Text texts[] = {{"customer_region", N_("Region"), N_("(region unknown)")},
                        {"customer_industry", N_("Industry"), N_("(industry unknown)")},
                        {"customer_class", N_("Customer class"), N_("(class unknown)")},
                        {"customer_loyalty", N_("Loyalty class"), N_("(class unknown)")}};
  if (only) {
    bool any = only->count("customer_value") > 0;
    for (const Text& t : texts) any = any || only->count(t.name) > 0;
    if (!any) {  // the join over every response is skipped; columns are all or nothing below
      for (const Text& t : texts) d.notLoaded.emplace_back(t.name);
      d.notLoaded.emplace_back("customer_value");
      return;
    }
  }
  std::vector<std::vector<std::optional<std::string>>> raw(std::size(texts));
  DataColumn value;
  value.name = "customer_value";
  value.label = Translate(N_("Customer value"));
  value.values.reserve(d.rows);
  storage::Statement st(db, "SELECT c.region, c.industry, c.importance_class, c.loyalty_class, c.value FROM response r "
                            "LEFT JOIN customer c ON c.id = r.customer_id WHERE r.questionnaire_id = ?1 ORDER BY r.id");
  st.Bind(1, questionnaireId);
  while (st.Step()) {
    for (size_t k = 0; k < std::size(texts); ++k) {
      if (st.IsNull(int(k)) || st.Text(int(k)).empty()) raw[k].push_back(std::nullopt);
      else raw[k].push_back(st.Text(int(k)));
    }
    value.values.push_back(st.IsNull(4) ? storage::kSystemMissing : st.Double(4));
  }
  for (size_t k = 0; k < std::size(texts); ++k) {
    DataColumn c;
    c.name = texts[k].name;
    c.label = Translate(texts[k].label);
    c.categorical = true;
    c.missingLabel = Translate(texts[k].missing);
    std::map<std::string, double> codes;
    for (const auto& t : raw[k])
      if (t) codes.emplace(*t, 0.0);
    double next = 1;
    for (auto& [text, code] : codes) {
      code = next++;
      c.valueLabels[code] = text;
    }
    c.values.reserve(raw[k].size());
    for (const auto& t : raw[k]) c.values.push_back(t ? codes[*t] : storage::kSystemMissing);
    d.columns.push_back(std::move(c));
  }
  d.columns.push_back(std::move(value));
}

}  // namespace

namespace {

Dataset ReadProjectData(storage::Project& project, int64_t questionnaireId, const std::string& lang, const std::string& weightScheme,
                        bool fingerprint, const std::set<std::string>* only) {
  storage::Connection& db = project.Db();
  if (questionnaireId == 0) questionnaireId = db.QueryInt("SELECT id FROM questionnaire ORDER BY id DESC LIMIT 1");
  auto form = LoadQuestionnaire(project, questionnaireId);
  if (!form)
    throw UserError(Message(N_("{0} holds no questionnaire yet. Add one with `manyi-cli form add` or import responses first.")).Arg(project.Path().string()));
  const std::vector<Variable> vars = form->Variables();
  const std::vector<std::string> stored = project.Variables(questionnaireId);

  Dataset d;
  d.source = project.Path().string();
  // Room for every response of the file: an upper bound when it holds several questionnaires,
  // but SQLite counts a whole table without reading its rows, unlike a count WHERE questionnaire_id.
  const size_t n = size_t(db.QueryInt("SELECT count(*) FROM response"));
  const auto wanted = [only](const std::string& name) { return !only || only->count(name) > 0; };
  // Columns: every numeric variable of the questionnaire, then channel and wave.
  std::vector<int> storedIndex;  // per column: index into the stored blob
  std::vector<const Scale*> scales;
  for (const Variable& v : vars) {
    if (v.isText) continue;
    auto pos = std::find(stored.begin(), stored.end(), v.name);
    if (pos == stored.end()) continue;
    if (!wanted(v.name)) {
      d.notLoaded.push_back(v.name);
      continue;
    }
    DataColumn c;
    c.name = v.name;
    c.label = VariableLabel(v, lang);
    c.valueLabels = VariableValueLabels(v, lang);
    c.categorical = v.item->type == ItemType::kSingle;
    const Scale* scale = VariableScale(v);
    if (scale) {
      c.scaleMin = scale->min;
      c.scaleMax = scale->max;
    }
    c.values.reserve(n);
    d.columns.push_back(std::move(c));
    storedIndex.push_back(int(pos - stored.begin()));
    scales.push_back(scale);
  }
  DataColumn channel, wave;
  channel.name = "channel";
  channel.label = Translate(N_("Channel"));
  channel.categorical = true;
  for (Channel c : kAllChannels) channel.valueLabels[double(int(c) + 1)] = ChannelLabel(c).Text();
  wave.name = "wave";
  wave.label = Translate(N_("Wave"));
  wave.categorical = true;
  storage::Statement waves(db, "SELECT id, name FROM wave");
  while (waves.Step()) wave.valueLabels[double(waves.Int(0))] = waves.Text(1);
  const bool withChannel = wanted(channel.name), withWave = wanted(wave.name);
  if (withChannel) channel.values.reserve(n);
  if (withWave) wave.values.reserve(n);

  // Weights are read in response order beside the responses (both tables are ordered by the
  // response id), a merge instead of a hash table of a million entries.
  std::optional<storage::Statement> weightRows;
  bool weightLeft = false;
  if (!weightScheme.empty()) {
    const WeightSchemeInfo scheme = GetWeightScheme(project, weightScheme);
    weightRows.emplace(db, "SELECT response_id, weight FROM response_weight WHERE scheme_id = ?1 ORDER BY response_id");
    weightRows->Bind(1, scheme.id);
    weightLeft = weightRows->Step();
    d.weighting = DescribeWeightScheme(scheme);
    d.weights.reserve(n);
  } else {
    d.weighting = "none";
  }
  // Only scales with missing codes need the per-value check.
  std::vector<const Scale*> missingCodes(scales.size());
  for (size_t i = 0; i < scales.size(); ++i) missingCodes[i] = scales[i] && !scales[i]->missing.empty() ? scales[i] : nullptr;

  size_t unweighted = 0;  // responses added after the scheme was computed
  storage::Statement st(db, "SELECT id, channel, wave_id, answers FROM response WHERE questionnaire_id = ?1 ORDER BY id");
  st.Bind(1, questionnaireId);
  std::vector<double> values;
  size_t rows = 0;
  std::string lastChannelKey;
  double lastChannel = storage::kSystemMissing;
  while (st.Step()) {
    const int64_t id = st.Int(0);
    if (!storage::DecodeAnswers(st.Blob(3), values) || values.size() != stored.size())
      throw UserError(Message(N_("Response {0} in {1} is damaged. Run `manyi-cli check` on the project.")).Arg(static_cast<long long>(id)).Arg(project.Path().string()));
    for (size_t i = 0; i < d.columns.size(); ++i) {
      double x = values[size_t(storedIndex[i])];
      if (missingCodes[i] && !std::isnan(x) && missingCodes[i]->IsMissingCode(x)) {
        ++d.columns[i].userMissing;
        x = storage::kSystemMissing;
      }
      d.columns[i].values.push_back(x);
    }
    ++rows;
    if (withChannel) {
      const std::string_view channelKey = st.TextView(1);
      if (channelKey != lastChannelKey) {  // a handful of keys over a million rows
        auto ch = ParseChannel(channelKey);
        lastChannel = ch ? double(int(*ch) + 1) : storage::kSystemMissing;
        lastChannelKey.assign(channelKey);
      }
      channel.values.push_back(lastChannel);
    }
    if (withWave) wave.values.push_back(st.IsNull(2) ? storage::kSystemMissing : double(st.Int(2)));
    if (weightRows) {
      while (weightLeft && weightRows->Int(0) < id) weightLeft = weightRows->Step();
      if (weightLeft && weightRows->Int(0) == id) {
        d.weights.push_back(weightRows->Double(1));
      } else {
        ++unweighted;
        d.weights.push_back(0.0);
      }
    }
  }
  if (unweighted > 0)
    throw UserError(Message(N_("The weighting scheme \"{0}\" has no weight for {1} response(s) added after it was computed. Compute it again with --replace, or analyse with --unweighted."))
                        .Arg(weightScheme).Arg(static_cast<long long>(unweighted)));
  d.rows = rows;
  for (DataColumn* c : {&channel, &wave}) {
    if (c == &channel ? withChannel : withWave) d.columns.push_back(std::move(*c));
    else d.notLoaded.push_back(c->name);
  }
  AddCustomerColumns(db, questionnaireId, d, only);
  if (fingerprint) Fingerprint(d);
  return d;
}

}  // namespace

Dataset LoadProjectData(storage::Project& project, int64_t questionnaireId, const std::string& lang, const std::string& weightScheme,
                        bool fingerprint, const std::set<std::string>* onlyColumns) {
  try {
    return ReadProjectData(project, questionnaireId, lang, weightScheme, fingerprint, onlyColumns);
  } catch (const storage::SqliteError& e) {
    // A read-only open checks the schema only, so a damaged page is first met here.
    throw UserError(storage::DescribeSqliteError(e, project.Path()));
  }
}

Dataset LoadCsvData(const fs::path& file, const std::string& weightColumn) {
  CsvReader reader(file);
  std::vector<std::string_view> f;
  if (!reader.Next(f)) throw UserError(Message(N_("{0} is empty: a header row was expected.")).Arg(file.string()));
  Dataset d;
  d.source = file.string();
  std::vector<std::string> names;
  for (auto h : f) names.emplace_back(Trim(h));
  std::vector<std::vector<std::string>> texts(names.size());
  std::vector<bool> numeric(names.size(), true);
  size_t rows = 0;
  std::vector<std::vector<double>> numbers(names.size());
  // One pass: keep numbers; keep texts only for columns that turn out not to be numeric.
  while (reader.Next(f)) {
    if (f.size() == 1 && Trim(f[0]).empty()) continue;  // blank line
    if (f.size() != names.size())
      throw UserError(Message(N_("{0}, row {1}: {2} fields where the header has {3}. Fix the row or export the file again."))
                          .Arg(file.string()).Arg(static_cast<long long>(reader.RecordNumber()))
                          .Arg(static_cast<long long>(f.size())).Arg(static_cast<long long>(names.size())));
    for (size_t i = 0; i < names.size(); ++i) {
      std::string_view cell = Trim(f[i]);
      if (numeric[i]) {
        if (cell.empty()) {
          numbers[i].push_back(storage::kSystemMissing);
        } else if (auto v = ParseNumber(cell)) {
          numbers[i].push_back(*v);
        } else {
          numeric[i] = false;  // from now on keep texts; rebuild earlier rows from numbers
          texts[i].reserve(rows + 1);
          for (double x : numbers[i]) texts[i].push_back(std::isnan(x) ? std::string() : FormatNumber(x));
          numbers[i].clear();
        }
      }
      if (!numeric[i]) {
        if (!IsValidUtf8(cell))
          throw UserError(Message(N_("{0}, row {1}, column {2}: the text is not UTF-8. Save the file as UTF-8 and try again."))
                              .Arg(file.string()).Arg(static_cast<long long>(reader.RecordNumber())).Arg(names[i]));
        texts[i].emplace_back(cell);
      }
    }
    ++rows;
  }
  d.rows = rows;
  for (size_t i = 0; i < names.size(); ++i) {
    DataColumn c;
    c.name = names[i];
    c.label = names[i];
    if (numeric[i]) {
      c.values = std::move(numbers[i]);
    } else {
      c.categorical = true;
      std::unordered_map<std::string, double> code;
      c.values.reserve(rows);
      for (const std::string& t : texts[i]) {
        if (t.empty()) {
          c.values.push_back(storage::kSystemMissing);
          continue;
        }
        auto [it, added] = code.emplace(t, double(code.size() + 1));
        if (added) c.valueLabels[it->second] = t;
        c.values.push_back(it->second);
      }
    }
    if (!weightColumn.empty() && c.name == weightColumn) {
      if (c.categorical)
        throw UserError(Message(N_("{0}: the weight column \"{1}\" holds text, not numbers.")).Arg(file.string()).Arg(weightColumn));
      for (double w : c.values)
        if (std::isnan(w) || w < 0)
          throw UserError(Message(N_("{0}: the weight column \"{1}\" has an empty or negative weight. Every row needs a weight ≥ 0.")).Arg(file.string()).Arg(weightColumn));
      d.weights = c.values;
      d.weighting = weightColumn;
      continue;
    }
    d.columns.push_back(std::move(c));
  }
  if (!weightColumn.empty() && d.weights.empty())
    throw UserError(Message(N_("{0} has no column \"{1}\" for the weights.")).Arg(file.string()).Arg(weightColumn));
  if (d.weighting.empty()) d.weighting = "none";
  Fingerprint(d);
  return d;
}

}  // namespace manyi::io

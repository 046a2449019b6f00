// Weighting schemes: classification of responses into population cells, the weighting itself
// (stats/weighting.h) and storage in weight_scheme / response_weight.
#include "io/weight_scheme.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <unordered_map>

#include "core/error.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/form_json.h"
#include "io/sampling_plan.h"
#include "stats/weighting.h"
#include "storage/response_codec.h"

namespace manyi::io {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Columns of the customer table that can classify responses (schema v1).
constexpr const char* kFrameColumns[] = {"region", "industry", "importance_class", "loyalty_class"};
constexpr const char* kMissingCategory = "(missing)";
// Listing every problem cell of a 475-cell table helps nobody; the first ones and a count do.
constexpr size_t kListAtMost = 8;

int FrameColumn(const std::string& name) {
  for (int i = 0; i < 4; ++i)
    if (name == kFrameColumns[i]) return i;
  return -1;
}

const char* MethodKey(WeightMethod m) {
  switch (m) {
    case WeightMethod::kDesign: return "design";
    case WeightMethod::kPostStratify: return "poststratify";
    case WeightMethod::kRake: return "rake";
  }
  return "";
}

std::string Lang() { return CurrentLanguage() == "zh_CN" ? "zh" : "en"; }

/// The categories of one classification variable: those with a population count first, then
/// those met only in the responses (no population count: "unmatched").
struct Categories {
  std::string variable;
  int frameColumn = -1;
  std::vector<std::string> names;
  std::unordered_map<std::string, uint32_t> index;
  size_t withPopulation = 0;

  uint32_t Of(const std::string& name) {
    auto [it, added] = index.emplace(name, uint32_t(names.size()));
    if (added) names.push_back(name);
    return it->second;
  }
  std::optional<uint32_t> Find(const std::string& name) const {
    auto it = index.find(name);
    return it == index.end() ? std::nullopt : std::optional<uint32_t>(it->second);
  }
};

/// Population counts: cells of the crossed variables (one per variable for a raking margin).
struct Population {
  std::map<std::vector<uint32_t>, double> cells;
  std::string source;  ///< "frame" or the file name
};

std::string CellName(const std::vector<const Categories*>& vars, const std::vector<uint32_t>& cell) {
  std::string out;
  for (size_t v = 0; v < cell.size(); ++v) {
    if (v) out += " × ";
    out += vars[v]->variable + " = " + vars[v]->names[cell[v]];
  }
  return out;
}

std::string CellName(const std::vector<Categories>& vars, const std::vector<uint32_t>& cell) {
  std::vector<const Categories*> p;
  for (const Categories& c : vars) p.push_back(&c);
  return CellName(p, cell);
}

/// Reads population counts from a CSV file: one column per variable and a column `count`.
Population ReadTargets(const fs::path& file, std::vector<Categories*> vars) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec))
    throw UserError(Message(N_("Cannot read the population counts {0}. Check the path.")).Arg(file.string()));
  CsvReader reader(file);
  std::vector<std::string_view> f;
  if (!reader.Next(f)) throw UserError(Message(N_("{0} is empty: a header row was expected.")).Arg(file.string()));
  std::vector<int> col(vars.size(), -1);
  int countCol = -1;
  for (size_t i = 0; i < f.size(); ++i) {
    const std::string h(Trim(f[i]));
    if (h == "count") countCol = int(i);
    for (size_t v = 0; v < vars.size(); ++v)
      if (h == vars[v]->variable) col[v] = int(i);
  }
  std::string wanted;
  for (const Categories* v : vars) wanted += v->variable + ",";
  wanted += "count";
  for (size_t v = 0; v < vars.size(); ++v)
    if (col[v] < 0)
      throw UserError(Message(N_("{0}: the header has no column \"{1}\". Population counts need the columns {2}."))
                          .Arg(file.string()).Arg(vars[v]->variable).Arg(wanted));
  if (countCol < 0)
    throw UserError(Message(N_("{0}: the header has no column \"{1}\". Population counts need the columns {2}."))
                        .Arg(file.string()).Arg("count").Arg(wanted));
  Population pop;
  pop.source = file.filename().string();
  while (reader.Next(f)) {
    if (f.size() == 1 && Trim(f[0]).empty()) continue;
    const long long row = static_cast<long long>(reader.RecordNumber());
    std::vector<uint32_t> cell;
    for (size_t v = 0; v < vars.size(); ++v) {
      const std::string_view text = size_t(col[v]) < f.size() ? Trim(f[size_t(col[v])]) : std::string_view();
      if (text.empty())
        throw UserError(Message(N_("{0}, row {1}, column {2}: the category is empty. Write the category (use \"(missing)\" for responses without one)."))
                            .Arg(file.string()).Arg(row).Arg(vars[v]->variable));
      cell.push_back(vars[v]->Of(std::string(text)));
    }
    const std::string_view countText = size_t(countCol) < f.size() ? Trim(f[size_t(countCol)]) : std::string_view();
    const auto count = ParseNumber(countText);
    if (!count || !std::isfinite(*count) || *count < 0)
      throw UserError(Message(N_("{0}, row {1}, column count: \"{2}\" is not a population count (a number ≥ 0)."))
                          .Arg(file.string()).Arg(row).Arg(countText));
    if (!pop.cells.emplace(cell, *count).second)
      throw UserError(Message(N_("{0}, row {1}: the cell {2} appears twice. Give each cell once."))
                          .Arg(file.string()).Arg(row).Arg(CellName(std::vector<const Categories*>(vars.begin(), vars.end()), cell)));
  }
  if (pop.cells.empty())
    throw UserError(Message(N_("{0} holds no population counts below its header.")).Arg(file.string()));
  return pop;
}

/// Counts customers of the frame per cell of the crossed frame columns (optionally only those
/// drawn into the sample: mailed or called, in one wave or in any).
Population FramePopulation(storage::Connection& db, std::vector<Categories*> vars, bool drawnOnly,
                           std::optional<int64_t> wave) {
  std::string cols;
  for (const Categories* v : vars) {
    if (v->frameColumn < 0)
      throw UserError(Message(N_("\"{0}\" is not a column of the sample frame (region, industry, importance_class, loyalty_class). Give its population counts in a file: --targets FILE.csv (weight poststratify) or --margin {0}=FILE.csv (weight rake).")).Arg(v->variable));
    cols += std::string(cols.empty() ? "" : ", ") + kFrameColumns[v->frameColumn];
  }
  std::string sql = "SELECT " + cols + ", count(*) FROM customer";
  if (drawnOnly) {
    const std::string waveMail = wave ? " JOIN mail_batch b ON b.id = m.batch_id WHERE b.wave_id = ?1" : "";
    const std::string waveCall = wave ? " WHERE wave_id = ?1" : "";
    sql += " WHERE id IN (SELECT m.customer_id FROM mailing m" + waveMail +
           " UNION SELECT customer_id FROM call_attempt" + waveCall + ")";
  }
  sql += " GROUP BY " + cols;
  storage::Statement st(db, sql);
  if (wave) st.Bind(1, *wave);
  Population pop;
  pop.source = "frame";
  while (st.Step()) {
    std::vector<uint32_t> cell;
    for (size_t v = 0; v < vars.size(); ++v) {
      std::string text = st.IsNull(int(v)) ? std::string() : std::string(Trim(st.TextView(int(v))));
      cell.push_back(vars[v]->Of(text.empty() ? kMissingCategory : text));
    }
    pop.cells[cell] += double(st.Int(int(vars.size())));
  }
  return pop;
}

/// How one questionnaire's answers give a variable's category.
struct AnswerSource {
  int stored = -1;                                  ///< index into the packed answers, -1 = not asked
  std::vector<std::pair<double, uint32_t>> codes;   ///< code value → category
};

/// The response table, classified: per row the category of each variable, its wave and id.
struct Classified {
  std::vector<int64_t> ids;
  std::vector<int64_t> waves;                 ///< wave id, 0 = none
  std::vector<uint32_t> categories;           ///< rows × variables
};

Classified ClassifyResponses(storage::Project& project, std::vector<Categories>& vars) {
  storage::Connection& db = project.Db();
  const std::string lang = Lang();
  // Per questionnaire and variable, where the answer is and which category each code means.
  std::map<int64_t, std::vector<AnswerSource>> sources;
  auto sourcesOf = [&](int64_t qid) -> const std::vector<AnswerSource>& {
    auto it = sources.find(qid);
    if (it != sources.end()) return it->second;
    std::vector<AnswerSource> out(vars.size());
    auto form = LoadQuestionnaire(project, qid);
    const std::vector<std::string> stored = project.Variables(qid);
    if (form) {
      for (const Variable& var : form->Variables()) {
        for (size_t v = 0; v < vars.size(); ++v) {
          if (var.name != vars[v].variable || var.isText) continue;
          auto pos = std::find(stored.begin(), stored.end(), var.name);
          if (pos == stored.end()) continue;
          out[v].stored = int(pos - stored.begin());
          for (const Code& code : var.item->codes) {
            // A code matches a population category by its key, either label or its number.
            std::optional<uint32_t> cat;
            for (const std::string& alias : {code.key, code.label.Get("zh"), code.label.Get("en"), FormatNumber(code.value)})
              if (!cat && !alias.empty()) cat = vars[v].Find(alias);
            if (!cat) {
              std::string label = code.label.Get(lang);
              cat = vars[v].Of(label.empty() ? FormatNumber(code.value) : label);
            }
            out[v].codes.emplace_back(code.value, *cat);
          }
        }
      }
    }
    return sources.emplace(qid, std::move(out)).first->second;
  };

  std::string frameCols;
  for (const char* c : kFrameColumns) frameCols += std::string(", c.") + c;
  storage::Statement st(db, "SELECT r.id, r.questionnaire_id, r.wave_id, r.answers, r.customer_id IS NOT NULL" + frameCols +
                                " FROM response r LEFT JOIN customer c ON c.id = r.customer_id ORDER BY r.id");
  Classified out;
  const uint32_t missingCat = UINT32_MAX;
  std::vector<uint32_t> missing(vars.size());
  for (size_t v = 0; v < vars.size(); ++v) missing[v] = missingCat;
  std::vector<double> values;
  while (st.Step()) {
    out.ids.push_back(st.Int(0));
    out.waves.push_back(st.IsNull(2) ? 0 : st.Int(2));
    bool decoded = false;
    for (size_t v = 0; v < vars.size(); ++v) {
      const int fc = vars[v].frameColumn;
      // The frame's value when the response is linked to a customer whose value is known.
      if (fc >= 0 && st.Int(4) != 0 && !st.IsNull(5 + fc)) {
        const std::string text(Trim(st.TextView(5 + fc)));
        if (!text.empty()) {
          out.categories.push_back(vars[v].Of(text));
          continue;
        }
      }
      // Otherwise the respondent's own answer to the question of that name.
      const AnswerSource& src = sourcesOf(st.Int(1))[v];
      uint32_t cat = missingCat;
      if (src.stored >= 0) {
        if (!decoded) {
          if (!storage::DecodeAnswers(st.Blob(3), values))
            throw UserError(Message(N_("Response {0} in {1} is damaged. Run `manyi-cli check` on the project.")).Arg(static_cast<long long>(st.Int(0))).Arg(project.Path().string()));
          decoded = true;
        }
        const double x = size_t(src.stored) < values.size() ? values[size_t(src.stored)] : storage::kSystemMissing;
        if (!std::isnan(x)) {
          for (const auto& [code, c] : src.codes)
            if (code == x) cat = c;
          if (cat == missingCat) cat = vars[v].Of(FormatNumber(x));  // a code outside the list: shown as is
        }
      }
      if (cat == missingCat) {
        if (missing[v] == missingCat) missing[v] = vars[v].Of(kMissingCategory);
        cat = missing[v];
      }
      out.categories.push_back(cat);
    }
  }
  return out;
}

std::vector<double> LoadSchemeWeights(storage::Connection& db, const std::string& name, const std::vector<int64_t>& ids,
                                      const fs::path& file) {
  storage::Statement ws(db, "SELECT id FROM weight_scheme WHERE name = ?1");
  ws.Bind(1, name);
  if (!ws.Step())
    throw UserError(Message(N_("{0} has no weighting scheme called \"{1}\". Create it with `manyi-cli weight` or choose another.")).Arg(file.string()).Arg(name));
  std::unordered_map<int64_t, double> byId;
  storage::Statement w(db, "SELECT response_id, weight FROM response_weight WHERE scheme_id = ?1");
  w.Bind(1, ws.Int(0));
  while (w.Step()) byId[w.Int(0)] = w.Double(1);
  std::vector<double> out;
  out.reserve(ids.size());
  size_t lacking = 0;
  for (int64_t id : ids) {
    auto it = byId.find(id);
    if (it == byId.end()) ++lacking;
    out.push_back(it == byId.end() ? 0.0 : it->second);
  }
  if (lacking > 0)
    throw UserError(Message(N_("The weighting scheme \"{0}\" has no weight for {1} response(s) added after it was computed. Compute it again with --replace first.")).Arg(name).Arg(static_cast<long long>(lacking)));
  return out;
}

/// Errors collected over cells; thrown together so the user fixes them in one go.
struct Problems {
  std::vector<Message> errors;
  json warnings = json::array();

  void Error(Message m) { errors.push_back(std::move(m)); }
  void ThrowIfAny() const {
    if (errors.empty()) return;
    std::string text;
    for (size_t i = 0; i < errors.size() && i < kListAtMost; ++i) text += (i ? "\n" : "") + errors[i].Text();
    if (errors.size() > kListAtMost)
      text += "\n" + Message(N_("… and {0} more.")).Arg(static_cast<long long>(errors.size() - kListAtMost)).Text();
    throw UserError(Message(N_("The weights cannot be computed; nothing was stored:\n{0}")).Arg(text));
  }
};

std::string WaveSuffix(storage::Connection& db, bool perWave, int64_t wave) {
  if (!perWave) return {};
  if (wave == 0) return " [" + Translate(N_("no wave")) + "]";
  storage::Statement st(db, "SELECT name FROM wave WHERE id = ?1");
  st.Bind(1, wave);
  return st.Step() ? " [" + st.Text(0) + "]" : std::string();
}

}  // namespace

WeightSchemeInfo CreateWeightScheme(storage::Project& project, const std::string& name, const WeightSpec& spec, bool replace) {
  storage::Connection& db = project.Db();
  if (Trim(name).empty()) throw UserError(Message(N_("A weighting scheme needs a name: --name NAME.")));
  if (spec.variables.empty())
    throw UserError(Message(N_("Name the variables to weight by (for example --by region,industry).")));
  for (size_t i = 0; i < spec.variables.size(); ++i)
    for (size_t j = 0; j < i; ++j)
      if (spec.variables[i] == spec.variables[j])
        throw UserError(Message(N_("The variable \"{0}\" is given twice.")).Arg(spec.variables[i]));
  if (spec.trimLower && spec.trimUpper && !(*spec.trimLower < *spec.trimUpper))
    throw UserError(Message(N_("The trimming bounds {0} and {1} are not an interval: the lower must be below the upper.")).Arg(FormatNumber(*spec.trimLower)).Arg(FormatNumber(*spec.trimUpper)));
  if ((spec.trimLower && *spec.trimLower < 0) || (spec.trimUpper && *spec.trimUpper <= 0))
    throw UserError(Message(N_("Trimming bounds are multiples of the mean weight: the lower ≥ 0, the upper > 0.")));
  if (spec.trimEqualSpread && !spec.trimLower && !spec.trimUpper)
    throw UserError(Message(N_("--trim-spread says how trimmed weight is handed out, so it needs trimming bounds: add --trim MIN,MAX (or --trim-lower / --trim-upper).")));
  if (!(spec.tolerance > 0) || spec.maxIterations < 1)
    throw UserError(Message(N_("Raking needs a tolerance > 0 and at least one iteration.")));
  {
    storage::Statement exists(db, "SELECT count(*) FROM weight_scheme WHERE name = ?1");
    exists.Bind(1, name);
    exists.Step();
    if (exists.Int(0) > 0 && !replace)
      throw UserError(Message(N_("{0} already has a weighting scheme called \"{1}\". Choose another name, or add --replace to compute it again.")).Arg(project.Path().string()).Arg(name));
  }
  if (db.QueryInt("SELECT count(*) FROM response") == 0)
    throw UserError(Message(N_("{0} holds no responses to weight yet. Import responses first.")).Arg(project.Path().string()));

  std::vector<Categories> vars(spec.variables.size());
  for (size_t v = 0; v < vars.size(); ++v) {
    vars[v].variable = spec.variables[v];
    vars[v].frameColumn = FrameColumn(spec.variables[v]);
  }
  auto pointers = [&](size_t from, size_t to) {
    std::vector<Categories*> p;
    for (size_t v = from; v < to; ++v) p.push_back(&vars[v]);
    return p;
  };
  const bool needFrame = spec.method == WeightMethod::kDesign ||
                         (spec.method == WeightMethod::kPostStratify && (spec.targetFiles.empty() || spec.targetFiles[0].empty())) ||
                         (spec.method == WeightMethod::kRake && std::any_of(vars.begin(), vars.end(), [&](const Categories& c) {
                            const size_t v = size_t(&c - vars.data());
                            return v >= spec.targetFiles.size() || spec.targetFiles[v].empty();
                          }));
  if (needFrame && db.QueryInt("SELECT count(*) FROM customer") == 0)
    throw UserError(Message(N_("{0} has no sample frame (no customers) to take population counts from. Import the frame, or give the counts in a file (--targets / --margin VARIABLE=FILE.csv).")).Arg(project.Path().string()));

  // Population counts, before the responses, so that answers can be matched to their categories.
  std::vector<Population> pops;  // post-stratify / design: one (crossed); rake: one per margin
  if (spec.method == WeightMethod::kRake) {
    if (vars.size() < 2) throw UserError(Message(N_("Raking needs at least two margins (--margin VARIABLE[=FILE.csv], twice or more). For one variable use weight poststratify.")));
    for (size_t v = 0; v < vars.size(); ++v) {
      const bool fromFile = v < spec.targetFiles.size() && !spec.targetFiles[v].empty();
      pops.push_back(fromFile ? ReadTargets(spec.targetFiles[v], pointers(v, v + 1)) : FramePopulation(db, pointers(v, v + 1), false, std::nullopt));
    }
  } else {
    const bool fromFile = spec.method == WeightMethod::kPostStratify && !spec.targetFiles.empty() && !spec.targetFiles[0].empty();
    pops.push_back(fromFile ? ReadTargets(spec.targetFiles[0], pointers(0, vars.size())) : FramePopulation(db, pointers(0, vars.size()), false, std::nullopt));
  }
  for (Categories& c : vars) c.withPopulation = c.names.size();

  Classified rows = ClassifyResponses(project, vars);
  const size_t n = rows.ids.size(), k = vars.size();
  std::vector<double> base = spec.baseScheme.empty() ? std::vector<double>(n, 1.0)
                                                     : LoadSchemeWeights(db, spec.baseScheme, rows.ids, project.Path());
  if (spec.baseScheme == name)
    throw UserError(Message(N_("A scheme cannot start from its own weights: choose another --base.")));
  std::vector<double> weights(n, 0.0);

  // Dense cell ids for the crossed variables: population cells first.
  std::map<std::vector<uint32_t>, uint32_t> cellIds;
  std::vector<std::vector<uint32_t>> cellKeys;
  std::vector<double> cellTotals;
  if (spec.method != WeightMethod::kRake) {
    for (const auto& [key, count] : pops[0].cells) {
      cellIds.emplace(key, uint32_t(cellKeys.size()));
      cellKeys.push_back(key);
      cellTotals.push_back(count);
    }
  }
  const size_t populationCells = cellKeys.size();
  std::vector<uint32_t> cellOf(spec.method == WeightMethod::kRake ? 0 : n);
  std::vector<uint32_t> key(k);
  for (size_t r = 0; r < cellOf.size(); ++r) {
    for (size_t v = 0; v < k; ++v) key[v] = rows.categories[r * k + v];
    auto [it, added] = cellIds.emplace(key, uint32_t(cellKeys.size()));
    if (added) cellKeys.push_back(key);
    cellOf[r] = it->second;
  }

  // Partitions: every wave on its own, or all responses together.
  std::map<int64_t, std::vector<size_t>> parts;
  for (size_t r = 0; r < n; ++r) parts[spec.perWave ? rows.waves[r] : 0].push_back(r);

  Problems problems;
  json partReports = json::array();
  size_t unmatchedRows = 0;
  for (const auto& [wave, members] : parts) {
    const std::string where = WaveSuffix(db, spec.perWave, wave);
    json part = {{"responses", members.size()}};
    if (spec.perWave) part["wave"] = where.size() > 3 ? where.substr(2, where.size() - 3) : where;
    // Rows without a population cell (or category) are an error unless kept at their base weight.
    std::vector<size_t> used;
    std::map<std::vector<uint32_t>, size_t> unmatched;
    for (size_t r : members) {
      bool matched = true;
      std::vector<uint32_t> what;
      if (spec.method == WeightMethod::kRake) {
        for (size_t v = 0; v < k; ++v) {
          const uint32_t c = rows.categories[r * k + v];
          if (c >= vars[v].withPopulation || !pops[v].cells.count({c})) {
            matched = false;
            what = {uint32_t(v), c};
          }
        }
      } else if (cellOf[r] >= populationCells) {
        matched = false;
        what = cellKeys[cellOf[r]];
      }
      if (matched) used.push_back(r);
      else {
        ++unmatched[what];
        weights[r] = base[r];
      }
    }
    for (const auto& [what, count] : unmatched) {
      const std::string cell = spec.method == WeightMethod::kRake
                                   ? vars[what[0]].variable + " = " + vars[what[0]].names[what[1]]
                                   : CellName(vars, what);
      unmatchedRows += count;
      if (spec.keepUnmatched) {
        problems.warnings.push_back({{"kind", "unmatched_kept"}, {"cell", cell + where}, {"responses", count}});
      } else {
        problems.Error(Message(N_("{0} response(s) fall in {1}{2}, which has no population count. Add it to the population counts, correct those responses, or keep them at their base weight with --keep-unmatched."))
                           .Arg(static_cast<long long>(count)).Arg(cell).Arg(where));
      }
    }

    std::vector<double> sub(used.size());
    std::vector<double> subBase(used.size());
    for (size_t i = 0; i < used.size(); ++i) subBase[i] = base[used[i]];
    if (spec.method == WeightMethod::kDesign) {
      // w = N_h / n_h, n_h the customers drawn from stratum h (fieldwork) or the responses from it.
      std::vector<double> sampleSize(populationCells, 0.0), responding(populationCells, 0.0);
      for (size_t r : used) responding[cellOf[r]] += 1;
      bool anyDrawn = true;
      if (spec.drawnSample) {
        Population drawn = FramePopulation(db, pointers(0, k), true, spec.perWave ? std::optional<int64_t>(wave) : std::nullopt);
        double total = 0;
        for (const auto& [cell, count] : drawn.cells) {
          auto it = cellIds.find(cell);
          if (it != cellIds.end() && it->second < populationCells) sampleSize[it->second] = count;
          total += count;
        }
        anyDrawn = total > 0;
        if (!anyDrawn)
          problems.Error(Message(N_("No customer of the frame is recorded as drawn{0} (no mailings or call attempts), so inclusion probabilities are unknown. Record the fieldwork, or use --sample responding (n_h = responding customers).")).Arg(where));
      } else {
        sampleSize = responding;
      }
      for (size_t h = 0; h < populationCells; ++h) {
        if (responding[h] > 0 && sampleSize[h] == 0 && spec.drawnSample && anyDrawn)
          problems.Error(Message(N_("{0} response(s) in the stratum {1}{2}, but no customer of it is recorded as drawn. Record the mailings or calls of that stratum, or use --sample responding."))
                             .Arg(static_cast<long long>(responding[h])).Arg(CellName(vars, cellKeys[h])).Arg(where));
        else if (responding[h] > 0 && cellTotals[h] == 0)
          problems.warnings.push_back({{"kind", "zero_target"}, {"cell", CellName(vars, cellKeys[h]) + where}, {"responses", responding[h]}});
        else if (responding[h] == 0 && cellTotals[h] > 0)
          problems.warnings.push_back({{"kind", "empty_stratum"}, {"cell", CellName(vars, cellKeys[h]) + where}, {"population", cellTotals[h]}});
      }
      for (size_t i = 0; i < used.size(); ++i) {
        const uint32_t h = cellOf[used[i]];
        sub[i] = sampleSize[h] > 0 ? cellTotals[h] / sampleSize[h] : 0.0;
      }
      part["strata"] = populationCells;
    } else if (spec.method == WeightMethod::kPostStratify) {
      std::vector<uint32_t> cells(used.size());
      for (size_t i = 0; i < used.size(); ++i) cells[i] = cellOf[used[i]];
      stats::WeightingResult res = stats::PostStratify(cells, cellTotals, subBase);
      for (const stats::WeightingProblem& p : res.problems) {
        const std::string cell = CellName(vars, cellKeys[p.category]);
        if (p.kind == stats::WeightingProblem::Kind::EmptySampleCell)
          problems.Error(Message(N_("The cell {0}{1} has a population count of {2} but no responses with a weight above 0, so its weight cannot be computed (it would divide by zero). Merge it with a neighbouring cell in a --targets file, or rake on the margins instead (weight rake)."))
                             .Arg(cell).Arg(where).Arg(FormatNumber(cellTotals[p.category])));
        else if (p.kind == stats::WeightingProblem::Kind::ZeroTargetCell)
          problems.warnings.push_back({{"kind", "zero_target"}, {"cell", cell + where}});
      }
      sub = std::move(res.weights);
      part["cells"] = populationCells;
    } else {
      std::vector<std::vector<uint32_t>> codes(k, std::vector<uint32_t>(used.size()));
      std::vector<std::vector<double>> targets(k);
      std::vector<stats::RakingMargin> margins;
      for (size_t v = 0; v < k; ++v) {
        targets[v].assign(vars[v].withPopulation, 0.0);
        for (const auto& [cell, count] : pops[v].cells) targets[v][cell[0]] = count;
        for (size_t i = 0; i < used.size(); ++i) codes[v][i] = rows.categories[used[i] * k + v];
        margins.push_back({codes[v], targets[v]});
      }
      stats::WeightingResult res = stats::Rake(margins, subBase, {spec.tolerance, spec.maxIterations});
      for (const stats::WeightingProblem& p : res.problems) {
        const std::string category = p.margin < k ? vars[p.margin].variable + " = " + (p.category < vars[p.margin].names.size() ? vars[p.margin].names[p.category] : std::string()) : std::string();
        if (p.kind == stats::WeightingProblem::Kind::EmptySampleCell) {
          problems.Error(Message(N_("The category {0}{1} has a population count of {2} but no responses with a weight above 0, so raking cannot reach it (it would divide by zero). Merge it with a neighbouring category in the margin's file."))
                             .Arg(category).Arg(where).Arg(FormatNumber(targets[p.margin][p.category])));
        } else if (p.kind == stats::WeightingProblem::Kind::InconsistentMargins) {
          double t0 = 0, tm = 0;
          for (double t : targets[0]) t0 += t;
          for (double t : targets[p.margin]) tm += t;
          problems.Error(Message(N_("The margins do not add up to the same population: {0} totals {1}, {2} totals {3}. Correct the counts so that every margin has the same total."))
                             .Arg(vars[0].variable).Arg(FormatNumber(t0)).Arg(vars[p.margin].variable).Arg(FormatNumber(tm)));
        } else if (p.kind == stats::WeightingProblem::Kind::ZeroTargetCell) {
          problems.warnings.push_back({{"kind", "zero_target"}, {"cell", category + where}});
        } else if (p.kind == stats::WeightingProblem::Kind::NotConverged) {
          problems.warnings.push_back({{"kind", "not_converged"}, {"cell", where}, {"iterations", res.iterations},
                                       {"tolerance", res.achievedTolerance}});
        }
      }
      part["iterations"] = res.iterations;
      part["converged"] = res.converged;
      part["achieved_tolerance"] = res.achievedTolerance;
      sub = std::move(res.weights);
    }
    for (size_t i = 0; i < used.size(); ++i) weights[used[i]] = sub[i];

    if (spec.trimLower || spec.trimUpper) {
      std::vector<double> w;
      for (size_t r : members) w.push_back(weights[r]);
      stats::TrimOptions topt;
      topt.lower = spec.trimLower.value_or(0.0);
      topt.upper = spec.trimUpper.value_or(std::numeric_limits<double>::infinity());
      topt.spread = spec.trimEqualSpread ? stats::TrimSpread::Equal : stats::TrimSpread::Proportional;
      stats::WeightingResult res = stats::TrimWeights(w, topt);
      for (const stats::WeightingProblem& p : res.problems)
        if (p.kind == stats::WeightingProblem::Kind::InfeasibleTrimBounds)
          problems.Error(Message(N_("Trimming to {0}–{1} × the mean weight{2} is impossible while keeping the weight total: widen the bounds (the lower must be ≤ 1 ≤ the upper)."))
                             .Arg(FormatNumber(topt.lower)).Arg(FormatNumber(topt.upper)).Arg(where));
      size_t changed = 0;
      for (size_t i = 0; i < members.size(); ++i) {
        if (std::fabs(res.weights[i] - w[i]) > 1e-12 * std::max(1.0, w[i])) ++changed;
        weights[members[i]] = res.weights[i];
      }
      part["trim_rounds"] = res.iterations;
      part["trimmed_or_rescaled"] = changed;
    }
    partReports.push_back(std::move(part));
  }
  problems.ThrowIfAny();

  // Never store a weight that is not a finite number ≥ 0 (the schema also refuses negatives).
  for (size_t r = 0; r < n; ++r)
    if (!std::isfinite(weights[r]) || weights[r] < 0)
      throw std::logic_error("weighting produced a weight that is not finite and ≥ 0");

  double sum = 0, minW = std::numeric_limits<double>::infinity(), maxW = 0, minPositive = std::numeric_limits<double>::infinity();
  size_t zero = 0;
  for (double w : weights) {
    sum += w;
    minW = std::min(minW, w);
    maxW = std::max(maxW, w);
    if (w > 0) minPositive = std::min(minPositive, w);
    else ++zero;
  }
  if (zero > 0) problems.warnings.push_back({{"kind", "zero_weights"}, {"responses", zero}});
  json report = {{"responses", n}, {"sum", sum}, {"min", minW}, {"max", maxW}, {"zero_weights", zero},
                 {"unmatched", unmatchedRows}, {"parts", partReports}, {"warnings", problems.warnings}};
  if (auto deff = stats::KishDesignEffect(weights)) report["kish_deff"] = *deff;
  if (auto neff = stats::EffectiveSampleSize(weights)) report["effective_n"] = *neff;
  if (std::isfinite(minPositive) && minPositive > 0) report["max_min_ratio"] = maxW / minPositive;

  json specJson = {{"method", MethodKey(spec.method)}, {"variables", spec.variables}, {"per_wave", spec.perWave},
                   {"keep_unmatched", spec.keepUnmatched}};
  json sources = json::array();
  json popJson = json::array();
  for (size_t i = 0; i < pops.size(); ++i) {
    sources.push_back(pops[i].source);
    json cells = json::array();
    const size_t from = spec.method == WeightMethod::kRake ? i : 0;
    for (const auto& [cell, count] : pops[i].cells) {
      json names = json::array();
      for (size_t v = 0; v < cell.size(); ++v) names.push_back(vars[from + v].names[cell[v]]);
      cells.push_back({{"cell", names}, {"count", count}});
    }
    popJson.push_back(std::move(cells));
  }
  specJson["population_sources"] = sources;
  specJson["population"] = popJson;  // the counts used, so the scheme documents itself
  if (!spec.baseScheme.empty()) specJson["base"] = spec.baseScheme;
  if (spec.method == WeightMethod::kDesign) specJson["sample"] = spec.drawnSample ? "drawn" : "responding";
  if (spec.method == WeightMethod::kRake) {
    specJson["tolerance"] = spec.tolerance;
    specJson["max_iterations"] = spec.maxIterations;
  }
  if (spec.trimLower) specJson["trim_lower"] = *spec.trimLower;
  if (spec.trimUpper) specJson["trim_upper"] = *spec.trimUpper;
  if (spec.trimEqualSpread) specJson["trim_spread"] = "equal";

  storage::Transaction tx(db);
  bool wasActive = false;
  {
    storage::Statement old(db, "SELECT active FROM weight_scheme WHERE name = ?1");
    old.Bind(1, name);
    if (old.Step()) wasActive = old.Int(0) != 0;
    storage::Statement del(db, "DELETE FROM weight_scheme WHERE name = ?1");
    del.Bind(1, name).Run();
  }
  storage::Statement ins(db, "INSERT INTO weight_scheme(name, method, spec, report, active, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  ins.Bind(1, name).Bind(2, MethodKey(spec.method)).Bind(3, specJson.dump()).Bind(4, report.dump()).Bind(5, wasActive ? 1 : 0).Bind(6, NowIso8601()).Run();
  const int64_t schemeId = db.LastInsertId();
  storage::Statement& put = db.Cached("INSERT INTO response_weight(scheme_id, response_id, weight) VALUES (?1, ?2, ?3)");
  for (size_t r = 0; r < n; ++r) put.Bind(1, schemeId).Bind(2, rows.ids[r]).Bind(3, weights[r]).Run();
  tx.Commit();
  return GetWeightScheme(project, name);
}

namespace {

WeightSchemeInfo InfoOf(storage::Statement& st) {
  WeightSchemeInfo s;
  s.id = st.Int(0);
  s.name = st.Text(1);
  s.method = st.Text(2);
  s.spec = json::parse(st.Text(3), nullptr, false);
  s.report = st.IsNull(4) ? json::object() : json::parse(st.Text(4), nullptr, false);
  if (s.spec.is_discarded()) s.spec = json::object();
  if (s.report.is_discarded()) s.report = json::object();
  s.active = st.Int(5) != 0;
  s.createdAt = st.Text(6);
  return s;
}

constexpr const char* kSchemeColumns = "SELECT id, name, method, spec, report, active, created_at FROM weight_scheme";

}  // namespace

std::vector<WeightSchemeInfo> ListWeightSchemes(storage::Project& project) {
  storage::Statement st(project.Db(), std::string(kSchemeColumns) + " ORDER BY name");
  std::vector<WeightSchemeInfo> out;
  while (st.Step()) out.push_back(InfoOf(st));
  return out;
}

WeightSchemeInfo GetWeightScheme(storage::Project& project, const std::string& name) {
  storage::Statement st(project.Db(), std::string(kSchemeColumns) + " WHERE name = ?1");
  st.Bind(1, name);
  if (st.Step()) return InfoOf(st);
  std::string known;
  for (const WeightSchemeInfo& s : ListWeightSchemes(project)) known += (known.empty() ? "" : ", ") + s.name;
  if (known.empty())
    throw UserError(Message(N_("{0} has no weighting scheme called \"{1}\"; it has none yet. Create one with `manyi-cli weight poststratify`, `rake` or `design`.")).Arg(project.Path().string()).Arg(name));
  throw UserError(Message(N_("{0} has no weighting scheme called \"{1}\". Its schemes: {2}.")).Arg(project.Path().string()).Arg(name).Arg(known));
}

void ActivateWeightScheme(storage::Project& project, const std::string& name) {
  const WeightSchemeInfo s = GetWeightScheme(project, name);
  storage::Transaction tx(project.Db());
  storage::Statement st(project.Db(), "UPDATE weight_scheme SET active = (id = ?1)");
  st.Bind(1, s.id).Run();
  tx.Commit();
}

void DeactivateWeightSchemes(storage::Project& project) {
  storage::Transaction tx(project.Db());
  project.Db().Exec("UPDATE weight_scheme SET active = 0 WHERE active = 1");
  tx.Commit();
}

void DeleteWeightScheme(storage::Project& project, const std::string& name) {
  const WeightSchemeInfo s = GetWeightScheme(project, name);
  storage::Transaction tx(project.Db());
  // response_weight rows go with the scheme (ON DELETE CASCADE), in the same transaction.
  storage::Statement(project.Db(), "DELETE FROM response_weight WHERE scheme_id = ?1").Bind(1, s.id).Run();
  storage::Statement(project.Db(), "DELETE FROM weight_scheme WHERE id = ?1").Bind(1, s.id).Run();
  tx.Commit();
}

std::optional<std::string> ActiveWeightScheme(storage::Project& project) {
  storage::Statement st(project.Db(), "SELECT name FROM weight_scheme WHERE active = 1 ORDER BY id LIMIT 1");
  if (st.Step()) return st.Text(0);
  return std::nullopt;
}

std::string DescribeWeightScheme(const WeightSchemeInfo& s) {
  // Frame attributes by their label in the user's language (地区, not region); questions by name.
  auto label = [](const json& v) { return FrameAttributeLabel(v.get<std::string>()).Text(); };
  std::string vars;
  for (const json& v : s.spec.value("variables", json::array())) vars += (vars.empty() ? "" : " × ") + label(v);
  Message method;
  if (s.method == "design") method = Message(N_("design weights N_h / n_h by {0}")).Arg(vars);
  else if (s.method == "poststratify") method = Message(N_("post-stratification to {0}")).Arg(vars);
  else if (s.method == "rake") {
    std::string margins;
    for (const json& v : s.spec.value("variables", json::array())) margins += (margins.empty() ? "" : ", ") + label(v);
    method = Message(N_("raking to the margins {0}")).Arg(margins);
  } else method = Message(N_("method {0}")).Arg(s.method);
  std::string text = method.Text();
  if (s.spec.contains("trim_lower") || s.spec.contains("trim_upper"))
    text += Message(N_(", trimmed to {0}–{1} × the mean weight"))
                .Arg(FormatNumber(s.spec.value("trim_lower", 0.0)))
                .Arg(s.spec.contains("trim_upper") ? FormatNumber(s.spec["trim_upper"].get<double>()) : std::string("∞"))
                .Text();
  if (s.spec.value("trim_spread", std::string()) == "equal") text += Message(N_(", the trimmed weight shared out equally")).Text();
  if (s.report.contains("kish_deff"))
    text += Message(N_("; Kish design effect {0}")).Arg(FormatNumber(s.report["kish_deff"].get<double>(), 3)).Text();
  return Message(N_("scheme \"{0}\" ({1})")).Arg(s.name).Arg(text).Text();
}

std::vector<std::string> WeightSchemeWarnings(const WeightSchemeInfo& s) {
  std::vector<std::string> out;
  for (const json& w : s.report.value("warnings", json::array())) {
    const std::string kind = w.value("kind", "");
    const std::string cell = w.value("cell", "");
    const long long responses = w.value("responses", 0LL);
    if (kind == "zero_target")
      out.push_back(Message(N_("{0} has a population count of 0: its responses get weight 0.")).Arg(cell).Text());
    else if (kind == "unmatched_kept")
      out.push_back(Message(N_("{0} response(s) in {1} have no population count and keep their base weight (--keep-unmatched).")).Arg(responses).Arg(cell).Text());
    else if (kind == "empty_stratum")
      out.push_back(Message(N_("The stratum {0} ({1} customers) has no responses: weighted totals leave it out.")).Arg(cell).Arg(FormatNumber(w.value("population", 0.0))).Text());
    else if (kind == "not_converged")
      out.push_back(Message(N_("Raking{0} did not converge in {1} iterations (largest relative margin error {2}). Raise --max-iterations, loosen --tolerance, or merge small categories."))
                        .Arg(cell).Arg(w.value("iterations", 0LL)).Arg(FormatNumber(w.value("tolerance", 0.0), 3)).Text());
    else if (kind == "zero_weights")
      out.push_back(Message(N_("{0} response(s) have weight 0 and count in no weighted estimate.")).Arg(responses).Text());
  }
  return out;
}

}  // namespace manyi::io

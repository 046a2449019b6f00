// Report templates: finding and checking them, and running their analyses over a project.
#include "report/report_template.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/paths.h"
#include "core/text.h"
#include "io/form_json.h"
#include "report/analysis.h"
#include "report/method_sheet.h"

namespace manyi::report {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }

const std::map<std::string, ChartType>& ChartTypes() {
  static const std::map<std::string, ChartType> types{
      {"index_bars", ChartType::kIndexBars}, {"heatmap", ChartType::kHeatmap},   {"quadrant", ChartType::kQuadrant},
      {"trend", ChartType::kTrend},          {"nps_stacked", ChartType::kNpsStacked}, {"response_rates", ChartType::kResponseRates}};
  return types;
}

const std::set<std::string>& SectionKinds() {
  static const std::set<std::string> kinds{"tables", "cover", "responses", "method", "data"};
  return kinds;
}

/// The table ids a chart type can draw.
bool ChartFits(ChartType type, const std::string& tableId) {
  static const std::set<std::string> indexed{"csi", "csi_value", "descriptives", "nps", "csat", "ces"};
  switch (type) {
    case ChartType::kIndexBars:
    case ChartType::kHeatmap:
    case ChartType::kTrend: return indexed.count(tableId) > 0;
    case ChartType::kQuadrant: return tableId == "drivers" || tableId == "pls_ipma";
    case ChartType::kNpsStacked: return tableId == "nps";
    case ChartType::kResponseRates: return tableId == "response_rates";
  }
  return false;
}

[[noreturn]] void Bad(const ReportTemplate& t, const std::string& where, const Message& what) {
  throw UserError(Message(N_("Report template {0}, {1}: {2}")).Arg(t.file.string()).Arg(where).Arg(what));
}

bool IsText(const json& j) {
  if (j.is_string()) return true;
  if (!j.is_object() || j.empty()) return false;
  for (const auto& [k, v] : j.items())
    if ((k != "zh" && k != "en") || !v.is_string()) return false;
  return true;
}

/// Checks what the schema (reports/schema/report.schema.json) says, with messages a person can act on.
void CheckTemplate(const ReportTemplate& t) {
  const json& j = t.json;
  if (!j.is_object()) Bad(t, "top level", Message(N_("the template must be a JSON object")));
  if (!j.contains("title") || !IsText(j["title"])) Bad(t, "\"title\"", Message(N_("a title (text or {\"zh\": …, \"en\": …}) is required")));
  if (j.contains("requires")) {
    if (!j["requires"].is_array()) Bad(t, "\"requires\"", Message(N_("a list of variable names such as [\"client\"]")));
    for (const json& r : j["requires"])
      if (!r.is_string() || (r != "client" && r != "logo")) Bad(t, "\"requires\"", Message(N_("only \"client\" and \"logo\" can be required")));
  }
  if (!j.contains("sections") || !j["sections"].is_array() || j["sections"].empty())
    Bad(t, "\"sections\"", Message(N_("a non-empty list of sections is required")));
  std::set<std::string> ids;
  for (size_t i = 0; i < j["sections"].size(); ++i) {
    const json& s = j["sections"][i];
    const std::string where = "section " + std::to_string(i + 1);
    if (!s.is_object() || !s.contains("id") || !s["id"].is_string()) Bad(t, where, Message(N_("every section needs an \"id\"")));
    if (!ids.insert(s["id"].get<std::string>()).second) Bad(t, where, Message(N_("the id \"{0}\" is used twice")).Arg(s["id"].get<std::string>()));
    const std::string kind = s.value("kind", "tables");
    if (!SectionKinds().count(kind))
      Bad(t, where, Message(N_("\"{0}\" is not a section kind (tables, cover, responses, method, data)")).Arg(kind));
    if (!s.contains("sheet") || !IsText(s["sheet"])) Bad(t, where, Message(N_("a sheet name (text or {\"zh\": …, \"en\": …}) is required")));
    for (const char* f : {"title", "text"})
      if (s.contains(f) && !IsText(s[f])) Bad(t, where + ", \"" + f + "\"", Message(N_("a text or {\"zh\": …, \"en\": …}")));
    size_t analyses = 0;
    if (kind == "tables") {
      if (!s.contains("analyses") || !s["analyses"].is_array() || s["analyses"].empty())
        Bad(t, where, Message(N_("a tables section needs a non-empty \"analyses\" list (see docs/analysis-spec.md)")));
      analyses = s["analyses"].size();
    } else if (kind == "responses") {
      analyses = 1;
    }
    if (s.contains("charts")) {
      if (!s["charts"].is_array()) Bad(t, where + ", \"charts\"", Message(N_("a list of charts")));
      for (const json& c : s["charts"]) {
        if (!c.is_object() || !c.contains("type") || !c["type"].is_string() || !ChartTypes().count(c["type"].get<std::string>()))
          Bad(t, where + ", \"charts\"", Message(N_("every chart needs a \"type\": index_bars, heatmap, quadrant, trend, nps_stacked or response_rates")));
        const size_t a = c.value("analysis", 0);
        if (a >= analyses)
          Bad(t, where + ", \"charts\"", Message(N_("\"analysis\": {0} is not the number of an analysis of this section (0 is the first)")).Arg(static_cast<long long>(a)));
        if (c.contains("title") && !IsText(c["title"])) Bad(t, where + ", \"charts\"", Message(N_("a chart title is a text or {\"zh\": …, \"en\": …}")));
      }
    }
  }
}

std::string TextIn(const json& j, const std::string& lang) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_object()) {
    if (j.contains(lang)) return j[lang].get<std::string>();
    if (j.contains("en")) return j["en"].get<std::string>();
    if (j.contains("zh")) return j["zh"].get<std::string>();
  }
  return {};
}

std::string Replace(std::string s, const std::map<std::string, std::string>& vars) {
  for (const auto& [key, value] : vars) {
    const std::string token = "{" + key + "}";
    for (size_t p = s.find(token); p != std::string::npos; p = s.find(token, p + value.size())) s.replace(p, token.size(), value);
  }
  return s;
}

std::string DateOf(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

/// Responses by wave and channel against the frame (the customers of the project).
ResultTable ResponseTable(const io::Dataset& d, const storage::ProjectFacts& facts) {
  ResultTable t;
  t.id = "response_rates";
  t.title = Tr(N_("Responses and response rate by wave and channel"));
  const io::DataColumn* wave = d.Find("wave");
  const io::DataColumn* channel = d.Find("channel");
  std::vector<double> channels;
  std::set<double> used;
  if (channel)
    for (double v : channel->values)
      if (!std::isnan(v)) used.insert(v);
  channels.assign(used.begin(), used.end());
  std::vector<double> waves;
  if (wave) {
    std::set<double> w;
    for (double v : wave->values)
      if (!std::isnan(v)) w.insert(v);
    waves.assign(w.begin(), w.end());
  }
  t.columns = {Tr(N_("Wave"))};
  for (double c : channels) t.columns.push_back(channel->valueLabels.count(c) ? channel->valueLabels.at(c) : FormatNumber(c));
  for (const char* h : {N_("Total"), N_("Customers invited"), N_("Response rate")}) t.columns.push_back(Tr(h));
  auto label = [&](double w) { return wave && wave->valueLabels.count(w) ? wave->valueLabels.at(w) : FormatNumber(w); };
  const double frame = double(facts.customers);
  auto addRow = [&](const std::string& name, double invited, auto inRow) {
    std::vector<Cell> row{Cell::Text(name)};
    double total = 0;
    for (double c : channels) {
      double n = 0;
      for (size_t r = 0; r < d.rows; ++r)
        if (inRow(r) && channel->values[r] == c) ++n;
      total += n;
      row.push_back(Cell::Count(n));
    }
    row.push_back(Cell::Count(total));
    row.push_back(Cell::Count(invited));
    row.push_back(invited > 0 ? Cell::Percent(total / invited) : Cell::Missing());
    t.rows.push_back(std::move(row));
  };
  for (double w : waves) addRow(label(w), frame, [&](size_t r) { return wave->values[r] == w; });
  // Over all waves the frame was invited once per wave.
  if (waves.size() != 1) addRow(Tr(N_("All waves")), frame * double(std::max<size_t>(1, waves.size())), [](size_t) { return true; });
  t.footnotes.push_back(Tr(N_("Response rate = responses ÷ customers invited: every customer of the sample frame is invited in each wave.")));
  return t;
}

}  // namespace

std::time_t ReportCreationTime() {
  if (const char* fixed = std::getenv("MANYI_FIXED_TIME"); fixed && *fixed) {
    std::string s(fixed);
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::time_t(std::stoll(s));
    std::tm tm{};
    if (sscanf(s.c_str(), "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) >= 3) {
      tm.tm_year -= 1900;
      tm.tm_mon -= 1;
      return timegm(&tm);
    }
  }
  return std::time(nullptr);
}

std::vector<std::string> ListReportTemplates() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(ResourceDir("reports"), ec))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

ReportTemplate LoadReportTemplate(const std::string& nameOrPath) {
  ReportTemplate t;
  fs::path p(nameOrPath);
  std::error_code ec;
  if (nameOrPath.find('/') != std::string::npos || (p.extension() == ".json" && fs::is_regular_file(p, ec))) {
    t.file = p;
  } else {
    t.file = ResourceDir("reports") / (p.extension() == ".json" ? p : fs::path(nameOrPath + ".json"));
  }
  t.name = t.file.stem().string();
  std::ifstream in(t.file, std::ios::binary);
  if (!in) {
    std::string known;
    for (const std::string& n : ListReportTemplates()) known += (known.empty() ? "" : ", ") + n;
    throw UserError(Message(N_("There is no report template \"{0}\" ({1} not found). Templates: {2}; or give the path of a template file.")).Arg(nameOrPath).Arg(t.file.string()).Arg(known));
  }
  std::stringstream ss;
  ss << in.rdbuf();
  t.json = json::parse(ss.str(), nullptr, false);
  if (t.json.is_discarded())
    throw UserError(Message(N_("Report template {0} is not valid JSON. Check its syntax (commas, quotes, brackets).")).Arg(t.file.string()));
  CheckTemplate(t);
  return t;
}

Report BuildReport(const ReportTemplate& tmpl, storage::Project& project, const ReportInputs& inputs, const std::string& lang,
                   const std::function<void(size_t section, size_t sections)>& beforeSection) {
  const json& j = tmpl.json;
  for (const json& r : j.value("requires", json::array())) {
    if (r == "client" && inputs.client.empty())
      throw UserError(Message(N_("The report template \"{0}\" needs the client's name: add --client \"NAME\".")).Arg(tmpl.name));
    if (r == "logo" && inputs.logo.empty())
      throw UserError(Message(N_("The report template \"{0}\" needs a logo: add --logo FILE.png.")).Arg(tmpl.name));
  }
  std::error_code ec;
  if (!inputs.logo.empty() && !fs::is_regular_file(inputs.logo, ec))
    throw UserError(Message(N_("Cannot read the logo {0}. Give the path of a PNG or JPEG file.")).Arg(inputs.logo.string()));

  auto data = std::make_shared<io::Dataset>(io::LoadProjectData(project, 0, lang, inputs.weightScheme));
  const storage::ProjectFacts facts = project.Facts();
  const json settings = j.value("settings", json::object());
  MethodInputs method;
  method.confidence = settings.value("confidence", 0.95);
  method.minN = settings.value("min_n", 30);
  method.suppressBelow = settings.value("suppress_below", 5);
  method.templateName = tmpl.name;
  method.created = inputs.created;

  const std::map<std::string, std::string> vars{
      {"client", inputs.client}, {"project", facts.name}, {"date", DateOf(inputs.created)}};
  auto text = [&](const json& s, const char* field) { return s.contains(field) ? Replace(TextIn(s[field], lang), vars) : std::string(); };

  Report report;
  report.language = lang;
  report.texts.chartData = Tr(N_("Chart data: {0}"));
  report.texts.cutAtMean = Tr(N_("Cut at the mean"));
  report.texts.heatmapNote = Tr(N_("Figure shown: {0}. Colours run from red (lowest) through yellow to green (highest)."));
  report.title = Replace(TextIn(j["title"], lang), vars);
  report.fingerprint = data->fingerprint;
  bool hasData = false;
  std::optional<Questionnaire> form;  // loaded once, for the sections that run analyses
  size_t sectionIndex = 0;
  for (const json& s : j["sections"]) {
    if (beforeSection) beforeSection(sectionIndex++, j["sections"].size());
    std::vector<size_t> tablesPerAnalysis;
    Section sec;
    sec.id = s["id"].get<std::string>();
    sec.sheet = text(s, "sheet");
    sec.title = s.contains("title") ? text(s, "title") : sec.sheet;
    sec.text = text(s, "text");
    const std::string kind = s.value("kind", "tables");
    const std::string where = tmpl.file.filename().string() + ", section \"" + sec.id + "\"";
    if (kind == "cover") {
      sec.kind = SectionKind::kCover;
      sec.title = report.title;
      if (!inputs.client.empty()) sec.coverLines.push_back({Tr(N_("Client")), inputs.client});
      sec.coverLines.push_back({Tr(N_("Survey")), facts.name});
      sec.coverLines.push_back({Tr(N_("Responses")), std::to_string(data->rows)});
      sec.coverLines.push_back({Tr(N_("Date")), DateOf(inputs.created)});
      sec.logo = inputs.logo;
    } else if (kind == "data") {
      sec.kind = SectionKind::kData;
      sec.data = data;
      hasData = true;
    } else if (kind == "method") {
      sec.tables = MethodTables(*data, facts, method);
    } else if (kind == "responses") {
      sec.tables = {ResponseTable(*data, facts)};
    } else {
      json spec{{"confidence", method.confidence}, {"min_n", method.minN}, {"suppress_below", method.suppressBelow}, {"analyses", s["analyses"]}};
      if (!form) form = io::LoadQuestionnaire(project, 0);
      AnalysisContext context;
      context.form = form ? &*form : nullptr;
      context.tablesPerAnalysis = &tablesPerAnalysis;
      sec.tables = RunAnalysisSpec(spec.dump(), *data, where, context);
    }
    // Charts: "analysis" counts analyses; map it to the first table that analysis produced.
    std::vector<size_t> firstTable;
    if (kind == "tables") {
      size_t k = 0;
      for (size_t n : tablesPerAnalysis) {
        firstTable.push_back(k);
        k += n;
      }
    } else {
      firstTable.push_back(0);
    }
    for (const json& c : s.value("charts", json::array())) {
      ChartSpec chart;
      chart.type = ChartTypes().at(c["type"].get<std::string>());
      chart.table = firstTable.at(c.value("analysis", size_t(0)));
      // A model that could not be estimated has only the table saying why: nothing to draw.
      if (chart.table < sec.tables.size() && sec.tables[chart.table].id == "pls_failed") continue;
      chart.title = c.contains("title") ? Replace(TextIn(c["title"], lang), vars) : std::string();
      if (chart.table >= sec.tables.size() || !ChartFits(chart.type, sec.tables[chart.table].id))
        throw UserError(Message(N_("Report template {0}: a \"{1}\" chart cannot show the \"{2}\" table of analysis {3}.")).Arg(where)
                            .Arg(c["type"].get<std::string>()).Arg(chart.table < sec.tables.size() ? sec.tables[chart.table].id : "?")
                            .Arg(static_cast<long long>(c.value("analysis", 0))));
      if (chart.title.empty()) chart.title = sec.tables[chart.table].title;
      sec.charts.push_back(chart);
    }
    report.sections.push_back(std::move(sec));
  }
  if (inputs.dataSheet && !hasData) {
    Section sec;
    sec.kind = SectionKind::kData;
    sec.id = "data";
    sec.sheet = sec.title = Tr(N_("Responses"));
    sec.data = data;
    report.sections.push_back(std::move(sec));
  }
  for (Section& sec : report.sections)
    if (sec.kind == SectionKind::kData) {
      sec.title = Tr(N_("Responses (coded answers)"));
      sec.text = Tr(N_("One row per response: answer codes as stored, missing answers empty. Contact details (names, phone numbers, e-mail addresses) are never exported here."));
    }
  return report;
}

}  // namespace manyi::report

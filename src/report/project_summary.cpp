// Summary tables of a project.
#include "report/project_summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "core/message.h"
#include "storage/response_codec.h"

namespace manyi::report {

namespace {
std::string Tr(const char* msgid) { return Translate(msgid); }

/// True when the current translation is Chinese (labels of code lists follow it).
bool ChineseOutput() { return CurrentLanguage() == kLanguageChinese; }
}  // namespace

std::vector<ResultTable> FactsTables(const storage::ProjectFacts& facts) {
  ResultTable t;
  t.id = "project_facts";
  t.title = Tr(N_("Project"));
  t.columns = {Tr(N_("Fact")), Tr(N_("Value"))};
  auto row = [&](const char* label, Cell value) { t.rows.push_back({Cell::Text(Tr(label)), value}); };
  if (!facts.name.empty()) row(N_("Name"), Cell::Text(facts.name));
  if (!facts.createdBy.empty()) row(N_("Created by"), Cell::Text(facts.createdBy + ", " + facts.createdAt));
  row(N_("File format"), Cell::Count(facts.schemaVersion));
  row(N_("Questionnaires"), Cell::Count(double(facts.questionnaires)));
  row(N_("Waves"), Cell::Count(double(facts.waves)));
  row(N_("Customers in the sample frame"), Cell::Count(double(facts.customers)));
  row(N_("Responses"), Cell::Count(double(facts.responses)));
  for (const auto& [channel, n] : facts.responsesByChannel)
    t.rows.push_back({Cell::Text("  " + Message(N_("by {0}")).Arg(ChannelLabel(channel)).Text()), Cell::Count(double(n))});
  row(N_("Imports"), Cell::Count(double(facts.imports)));
  return {t};
}

std::vector<ResultTable> DemoSummaryTables(storage::Project& project) {
  std::vector<ResultTable> tables;
  storage::Connection& db = project.Db();
  const bool zh = ChineseOutput();

  // Responses by wave × channel.
  {
    ResultTable t;
    t.id = "responses_by_wave_channel";
    t.title = Tr(N_("Responses by wave and channel"));
    t.columns = {Tr(N_("Wave"))};
    for (Channel c : kAllChannels) t.columns.push_back(ChannelLabel(c).Text());
    t.columns.push_back(Tr(N_("Total")));
    storage::Statement st(db, "SELECT w.name, r.channel, count(*) FROM response r LEFT JOIN wave w ON w.id = r.wave_id GROUP BY 1, 2 ORDER BY 1");
    std::map<std::string, std::map<Channel, int64_t>> counts;
    while (st.Step())
      if (auto c = ParseChannel(st.TextView(1))) counts[st.IsNull(0) ? Tr(N_("(no wave)")) : st.Text(0)][*c] += st.Int(2);
    for (const auto& [wave, byChannel] : counts) {
      std::vector<Cell> row{Cell::Text(wave)};
      int64_t total = 0;
      for (Channel c : kAllChannels) {
        auto it = byChannel.find(c);
        row.push_back(Cell::Count(it == byChannel.end() ? 0.0 : double(it->second)));
        total += it == byChannel.end() ? 0 : it->second;
      }
      row.push_back(Cell::Count(double(total)));
      t.rows.push_back(std::move(row));
    }
    tables.push_back(std::move(t));
  }

  // Mean overall satisfaction by region, per questionnaire with those roles.
  storage::Statement qs(db, "SELECT id, definition, variables FROM questionnaire ORDER BY id");
  while (qs.Step()) {
    const int64_t qid = qs.Int(0);
    nlohmann::json def = nlohmann::json::parse(qs.TextView(1), nullptr, false);
    std::vector<std::string> vars = nlohmann::json::parse(qs.TextView(2)).get<std::vector<std::string>>();
    if (def.is_discarded()) continue;
    int regionVar = -1, overallVar = -1;
    std::map<double, std::string> regionLabels;
    std::vector<double> overallMissing;
    for (const auto& section : def.value("sections", nlohmann::json::array()))
      for (const auto& item : section.value("items", nlohmann::json::array())) {
        const std::string role = item.value("role", ""), id = item.value("id", "");
        auto pos = std::find(vars.begin(), vars.end(), id);
        if (pos == vars.end()) continue;
        if (role == "region") {
          regionVar = int(pos - vars.begin());
          for (const auto& code : item.value("codes", nlohmann::json::array()))
            regionLabels[code.value("code", 0.0)] = code["label"].value(zh ? "zh" : "en", "");
        } else if (role == "overall_satisfaction") {
          overallVar = int(pos - vars.begin());
          if (item.contains("scale"))
            for (const auto& m : item["scale"].value("missing", nlohmann::json::array())) overallMissing.push_back(m.value("code", 0.0));
        }
      }
    if (regionVar < 0 || overallVar < 0) continue;
    struct Acc { int64_t n = 0, answered = 0; double sum = 0; };
    std::map<double, Acc> byRegion;
    Acc missingRegion;
    storage::Statement rs(db, "SELECT answers FROM response WHERE questionnaire_id = ?1");
    rs.Bind(1, qid);
    std::vector<double> values;
    while (rs.Step()) {
      if (!storage::DecodeAnswers(rs.Blob(0), values) || values.size() != vars.size()) continue;
      const double region = values[size_t(regionVar)], overall = values[size_t(overallVar)];
      Acc& acc = storage::IsSystemMissing(region) ? missingRegion : byRegion[region];
      ++acc.n;
      if (!storage::IsSystemMissing(overall) && std::find(overallMissing.begin(), overallMissing.end(), overall) == overallMissing.end()) {
        ++acc.answered;
        acc.sum += overall;
      }
    }
    ResultTable t;
    t.id = "overall_by_region";
    t.title = Tr(N_("Overall satisfaction by region (mean of answers, don't-know excluded)"));
    t.columns = {Tr(N_("Region")), Tr(N_("Responses")), Tr(N_("Answered")), Tr(N_("Mean"))};
    auto add = [&](const std::string& label, const Acc& a) {
      t.rows.push_back({Cell::Text(label), Cell::Count(double(a.n)), Cell::Count(double(a.answered)),
                        a.answered ? Cell::Number(a.sum / double(a.answered), 2) : Cell::Missing()});
    };
    for (const auto& [code, acc] : byRegion) add(regionLabels.count(code) ? regionLabels[code] : std::to_string(int(code)), acc);
    if (missingRegion.n) add(Tr(N_("(region not answered)")), missingRegion);
    t.footnotes.push_back(Tr(N_("Unweighted means; \"don't know\" answers are not counted.")));
    tables.push_back(std::move(t));
  }
  return tables;
}

}  // namespace manyi::report

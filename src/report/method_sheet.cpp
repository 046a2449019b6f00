// The method statement: what a reader needs to judge the figures of a report.
#include "report/method_sheet.h"

#include <cmath>
#include <filesystem>
#include <set>

#include "core/channel.h"
#include "core/message.h"
#include "core/text.h"
#include "core/version.h"
#include "stats/distributions.h"

namespace manyi::report {

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }

Cell Percent100(double share) { return Cell::Percent(share, share < 0.1 ? 1 : 0); }

}  // namespace

std::vector<ResultTable> MethodTables(const io::Dataset& data, const storage::ProjectFacts& facts, const MethodInputs& in) {
  std::vector<ResultTable> out;
  const double frame = double(facts.customers);
  const long long confidencePct = std::llround(in.confidence * 100);

  ResultTable survey;
  survey.id = "method_survey";
  survey.title = Tr(N_("Survey, sample and responses"));
  survey.columns = {Tr(N_("Item")), Tr(N_("Value"))};
  auto row = [](ResultTable& t, const std::string& label, Cell value) { t.rows.push_back({Cell::Text(label), std::move(value)}); };
  row(survey, Tr(N_("Survey")), Cell::Text(facts.name));
  row(survey, Tr(N_("Population (customers in the sample frame)")), Cell::Count(frame));
  row(survey, Tr(N_("Sample (customers invited in each wave)")), Cell::Count(frame));
  row(survey, Tr(N_("Waves")), Cell::Count(double(facts.waves)));
  row(survey, Tr(N_("Responses analysed")), Cell::Count(double(data.rows)));
  for (const auto& [channel, n] : facts.responsesByChannel) {
    row(survey, "  " + Message(N_("by {0}")).Arg(ChannelLabel(channel)).Text(), Cell::Count(double(n)));
  }
  for (const auto& [channel, n] : facts.responsesByChannel)
    if (frame > 0) row(survey, "  " + Message(N_("Response rate by {0}")).Arg(ChannelLabel(channel)).Text(), Percent100(double(n) / frame / std::max<double>(1, double(facts.waves))));
  if (frame > 0) row(survey, Tr(N_("Response rate per wave")), Percent100(double(data.rows) / frame / std::max<double>(1, double(facts.waves))));
  row(survey, Tr(N_("Weighting")), Cell::Text(data.weighting == "none" || data.weighting.empty() ? Tr(N_("none: every response counts once")) : data.weighting));
  survey.footnotes.push_back(Tr(N_("Response rates per wave: responses ÷ (customers in the frame × waves). Per channel: the share of the frame that answered by that channel.")));
  out.push_back(std::move(survey));

  // Margins of error for a 50 % share (the widest), simple random sampling.
  ResultTable moe;
  moe.id = "method_margins";
  // xgettext:no-c-format (placeholders are {0}, not printf)
  moe.title = Message(N_("Margins of error at {0}% confidence")).Arg(confidencePct).Text();
  moe.columns = {Tr(N_("Group")), Tr(N_("n")), Tr(N_("± for a share of 50%"))};
  const double z = stats::NormalQuantile(0.5 + in.confidence / 2).value_or(1.96);
  auto moeRow = [&](const std::string& label, size_t n) {
    Cell c = n > 0 ? Cell::Percent(z * std::sqrt(0.25 / double(n)), 1) : Cell::Missing();
    if (n < in.suppressBelow) c = Cell::Suppressed();
    else if (n < in.minN) c.flagged = true;
    moe.rows.push_back({Cell::Text(label), Cell::Count(double(n)), c});
  };
  moeRow(Tr(N_("All respondents")), data.rows);
  for (const char* name : {"wave", "channel"}) {
    const io::DataColumn* col = data.Find(name);
    if (!col) continue;
    std::set<double> codes;
    for (double v : col->values)
      if (!std::isnan(v)) codes.insert(v);
    for (double code : codes) {
      size_t n = 0;
      for (double v : col->values) n += v == code;
      auto it = col->valueLabels.find(code);
      moeRow(col->label + ": " + (it != col->valueLabels.end() ? it->second : FormatNumber(code)), n);
    }
  }
  moe.footnotes.push_back(Message(N_("± z × √(0.25 / n) with z for {0}%, assuming simple random sampling; weighting widens it by the design effect. Each table gives the exact interval of its own figures.")).Arg(confidencePct).Text());
  out.push_back(std::move(moe));

  ResultTable rules;
  rules.id = "method_rules";
  rules.title = Tr(N_("Significance and small-base rules"));
  rules.columns = {Tr(N_("Rule")), Tr(N_("Value"))};
  row(rules, Tr(N_("Confidence level of every interval")), Cell::Percent(in.confidence, 0));
  row(rules, Message(N_("† fewer than {0} respondents: read with care")).Arg(static_cast<long long>(in.minN)).Text(), Cell::Count(double(in.minN)));
  row(rules, Message(N_("* fewer than {0} respondents: suppressed, never shown as a number")).Arg(static_cast<long long>(in.suppressBelow)).Text(), Cell::Count(double(in.suppressBelow)));
  row(rules, Tr(N_("Differences of means")), Cell::Text(Tr(N_("Welch t-tests, Holm-adjusted p; ANOVA and Kruskal–Wallis"))));
  row(rules, Tr(N_("Differences of shares")), Cell::Text(Tr(N_("chi-square (Yates for 2 × 2), Fisher's exact test for small 2 × 2 tables"))));
  out.push_back(std::move(rules));

  ResultTable soft;
  soft.id = "method_provenance";
  soft.title = Tr(N_("Software and data"));
  soft.columns = {Tr(N_("Item")), Tr(N_("Value"))};
  row(soft, Tr(N_("Software")), Cell::Text(std::string(kProductName) + " " + kVersion));
  row(soft, Tr(N_("Report template")), Cell::Text(in.templateName));
  row(soft, Tr(N_("Data file")), Cell::Text(std::filesystem::path(data.source).filename().string()));
  row(soft, Tr(N_("Data fingerprint (SHA-256)")), Cell::Text(data.fingerprint));
  std::tm tm{};
  gmtime_r(&in.created, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  row(soft, Tr(N_("Report created")), Cell::Text(buf));
  soft.footnotes.push_back(Tr(N_("The fingerprint changes when any answer changes: the same fingerprint means the same data.")));
  out.push_back(std::move(soft));
  return out;
}

}  // namespace manyi::report

// The double-entry result tables.
#include "report/fieldwork_tables.h"

#include <algorithm>
#include <string>

#include "core/message.h"

namespace manyi::report {

namespace {
std::string Tr(const char* msgid) { return Translate(msgid); }
}  // namespace

ResultTable DiscrepancyTable(const std::vector<io::Discrepancy>& list, bool withResolved) {
  ResultTable t;
  t.id = "entry_discrepancies";
  t.title = Tr(N_("Double-entry discrepancies: check these on the paper form"));
  t.columns = {Tr(N_("Respondent")), Tr(N_("Page")), Tr(N_("Question")), Tr(N_("Variable")), Tr(N_("Pass 1")), Tr(N_("Pass 2")), Tr(N_("Keyed by"))};
  if (withResolved) t.columns.push_back(Tr(N_("Resolved")));
  auto shown = [](const std::string& v) { return v.empty() ? Tr(N_("(blank)")) : v; };
  for (const io::Discrepancy& d : list) {
    std::vector<Cell> row{Cell::Text(d.respondentKey), d.page ? Cell::Count(d.page) : Cell::Missing(),
                          d.question ? Cell::Text("Q" + std::to_string(d.question)) : Cell::Missing(), Cell::Text(d.variable),
                          Cell::Text(shown(d.value1)), Cell::Text(shown(d.value2)), Cell::Text(d.operator1 + " / " + d.operator2)};
    if (withResolved) row.push_back(d.resolved ? Cell::Text(shown(*d.resolved)) : Cell::Missing());
    t.rows.push_back(std::move(row));
  }
  t.footnotes.push_back(Tr(N_("Resolve each with: manyi-cli entry PROJECT --resolve RESPONDENT VARIABLE VALUE --operator NAME (\"\" for a blank).")));
  return t;
}

ResultTable OperatorTable(const std::vector<io::OperatorStats>& list) {
  ResultTable t;
  t.id = "entry_operators";
  t.title = Tr(N_("Keying operators"));
  t.columns = {Tr(N_("Operator")), Tr(N_("Forms")), Tr(N_("Fields keyed")), Tr(N_("Seconds per field")), Tr(N_("Fields compared")),
               Tr(N_("Errors")), Tr(N_("Error rate")), Tr(N_("Open discrepancies"))};
  for (const io::OperatorStats& s : list)
    t.rows.push_back({Cell::Text(s.name), Cell::Count(double(s.forms)), Cell::Count(double(s.fields)), Cell::Maybe(s.secondsPerField, 2),
                      Cell::Count(double(s.comparedFields)), Cell::Count(double(s.errors)),
                      s.errorRate ? Cell::Percent(*s.errorRate, 2) : Cell::Missing(), Cell::Count(double(s.open))});
  t.footnotes.push_back(Tr(N_("An error is a discrepancy resolved against the operator's keying; the rate is errors per field compared with the other pass.")));
  return t;
}

}  // namespace manyi::report

namespace manyi::report {

std::vector<ResultTable> SamplePlanTables(const io::SamplePlan& plan, const io::SamplePlanSpec& spec) {
  std::vector<ResultTable> out;
  ResultTable t;
  t.id = "sample_plan";
  t.title = Tr(N_("Sample plan by stratum"));
  for (const std::string& s : spec.strata) t.columns.push_back(io::FrameAttributeLabel(s).Text());
  const bool whole = spec.strata.empty();  // no strata: the frame is one stratum
  if (whole) t.columns.push_back(Tr(N_("Stratum")));
  for (const char* h : {N_("Customers"), N_("Quota"), N_("Sample")}) t.columns.push_back(Tr(h));
  for (const io::Stratum& s : plan.strata) {
    std::vector<Cell> row;
    for (const std::string& k : s.key) row.push_back(Cell::Text(k.empty() ? Tr(N_("(not recorded)")) : k));
    if (whole) row.push_back(Cell::Text(Tr(N_("All customers"))));
    row.push_back(Cell::Count(double(s.customers.size())));
    row.push_back(Cell::Number(s.quota, 2));
    row.push_back(Cell::Count(double(s.sample)));
    t.rows.push_back(std::move(row));
  }
  std::vector<Cell> total(std::max<size_t>(spec.strata.size(), 1), Cell::Text(""));
  total[0] = Cell::Text(Tr(N_("Total")));
  total.push_back(Cell::Count(double(plan.population)));
  total.push_back(Cell::Missing());
  total.push_back(Cell::Count(double(plan.total)));
  t.rows.push_back(std::move(total));
  out.push_back(std::move(t));
  if (!plan.accumulated.empty()) {
    ResultTable a;
    a.id = "sample_plan_accumulated";
    const Message label = io::FrameAttributeLabel(spec.accumulateBy);
    a.title = Message(N_("Sample by {0}")).Arg(label).Text();
    a.columns = {label.Text(), Tr(N_("Sample"))};
    for (const auto& [k, n] : plan.accumulated) a.rows.push_back({Cell::Text(k.empty() ? Tr(N_("(not recorded)")) : k), Cell::Count(double(n))});
    a.rows.push_back({Cell::Text(Tr(N_("Total"))), Cell::Count(double(plan.total))});
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace manyi::report

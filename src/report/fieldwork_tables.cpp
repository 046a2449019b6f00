// The double-entry result tables.
#include "report/fieldwork_tables.h"

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

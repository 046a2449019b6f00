// Final dispositions from call attempts and mailings, and the AAPOR rate tables.
#include "report/response_rates.h"

#include <functional>
#include <map>

#include "core/error.h"
#include "core/text.h"

namespace manyi::report {

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }

void Count(stats::DispositionCounts& d, const std::string& disposition) {
  if (disposition == "complete") d.complete += 1;
  else if (disposition == "partial") d.partial += 1;
  else if (disposition == "refusal" || disposition == "break-off") d.refusal += 1;
  else if (disposition == "appointment") d.nonContact += 1;
  else if (disposition == "no-answer" || disposition == "busy" || disposition == "answering-machine") d.unknownHousehold += 1;
  else if (disposition == "wrong-number" || disposition == "ineligible") d.notEligible += 1;
  else d.other += 1;
}

std::string GroupExpr(const std::string& by, const char* channel) {
  if (by == "channel") return std::string("'") + channel + "'";
  if (by == "region") return "coalesce(c.region, '')";
  if (by == "industry") return "coalesce(c.industry, '')";
  if (by == "wave") return "coalesce(w.name, '')";
  throw UserError(Message(N_("\"{0}\" cannot group response rates; use channel, region, industry or wave.")).Arg(by));
}

/// Counts the cases a query returns (column 0: the group) into groups, one classify per row.
void CountCases(storage::Connection& db, const std::string& by, const char* channel, const std::string& casesSql,
                std::map<std::string, stats::DispositionCounts>& groups,
                const std::function<void(storage::Statement&, stats::DispositionCounts&)>& classify) {
  storage::Statement st(db, "SELECT " + GroupExpr(by, channel) + ", " + casesSql);
  while (st.Step()) classify(st, groups[st.Text(0)]);
}

}  // namespace

std::vector<std::pair<std::string, stats::DispositionCounts>> FinalDispositions(storage::Project& project, const std::string& by) {
  std::map<std::string, stats::DispositionCounts> groups;
  // Phone: one case per customer and wave, decided by a completed interview or else the last call.
  CountCases(project.Db(), by, "phone",
             "a.customer_id, a.wave_id, max(a.disposition = 'complete'), max(a.disposition = 'partial'), "
             "(SELECT b.disposition FROM call_attempt b WHERE b.customer_id = a.customer_id AND b.wave_id IS a.wave_id "
             " ORDER BY b.called_at DESC, b.id DESC LIMIT 1) "
             "FROM call_attempt a JOIN customer c ON c.id = a.customer_id LEFT JOIN wave w ON w.id = a.wave_id "
             "GROUP BY a.customer_id, a.wave_id",
             groups, [](storage::Statement& st, stats::DispositionCounts& d) {
               if (st.Int(3)) Count(d, "complete");
               else if (st.Int(4)) Count(d, "partial");
               else Count(d, st.Text(5));
             });
  // Mail: one case per mailing; a keyed mail response of the customer decides complete/partial.
  CountCases(project.Db(), by, "mail",
             "m.status, (SELECT r.status FROM response r WHERE r.customer_id = m.customer_id AND r.channel = 'mail' "
             "AND r.wave_id IS b.wave_id ORDER BY r.status = 'complete' DESC LIMIT 1) "
             "FROM mailing m JOIN mail_batch b ON b.id = m.batch_id JOIN customer c ON c.id = m.customer_id "
             "LEFT JOIN wave w ON w.id = b.wave_id",
             groups, [](storage::Statement& st, stats::DispositionCounts& d) {
               if (!st.IsNull(2)) Count(d, st.Text(2) == "partial" ? "partial" : "complete");
               else if (st.Text(1) == "returned") Count(d, "complete");
               else d.unknownOther += 1;  // undeliverable or nothing returned
             });
  return {groups.begin(), groups.end()};
}

std::vector<ResultTable> ResponseRateTables(storage::Project& project, const std::string& by, std::optional<double> e) {
  auto groups = FinalDispositions(project, by);
  stats::DispositionCounts total;
  for (const auto& [k, d] : groups) {
    total.complete += d.complete; total.partial += d.partial; total.refusal += d.refusal; total.nonContact += d.nonContact;
    total.other += d.other; total.unknownHousehold += d.unknownHousehold; total.unknownOther += d.unknownOther;
    total.notEligible += d.notEligible;
  }
  groups.emplace_back(Tr(N_("Total")), total);
  auto label = [&](const std::string& k) {
    if (k.empty()) return Tr(N_("(not recorded)"));
    if (by == "channel") if (auto c = ParseChannel(k)) return ChannelLabel(*c).Text();
    return k;
  };
  ResultTable disp;
  disp.id = "dispositions";
  disp.title = Tr(N_("Final dispositions (AAPOR)"));
  disp.columns = {Tr(N_("Group")), Tr(N_("Cases")), "I", "P", "R", "NC", "O", "UH", "UO", "NE"};
  ResultTable rates;
  rates.id = "response_rates";
  rates.title = Tr(N_("Response rates (AAPOR Standard Definitions)"));
  rates.columns = {Tr(N_("Group")), "e", "RR1", "RR2", "RR3", "RR4", "RR5", "RR6", "COOP1", "COOP3", "REF1", "CON1"};
  for (const auto& [k, d] : groups) {
    const double cases = d.complete + d.partial + d.refusal + d.nonContact + d.other + d.unknownHousehold + d.unknownOther + d.notEligible;
    disp.rows.push_back({Cell::Text(label(k)), Cell::Count(cases), Cell::Count(d.complete), Cell::Count(d.partial), Cell::Count(d.refusal),
                         Cell::Count(d.nonContact), Cell::Count(d.other), Cell::Count(d.unknownHousehold), Cell::Count(d.unknownOther),
                         Cell::Count(d.notEligible)});
    const double ek = e.value_or(stats::EstimatedEligibility(d));
    auto r = stats::ComputeResponseRates(d, ek);
    auto pc = [](const stats::Stat& s) { return s ? Cell::Percent(*s) : Cell::Missing(); };
    rates.rows.push_back({Cell::Text(label(k)), Cell::Number(r.e, 3), pc(r.rr1), pc(r.rr2), pc(r.rr3), pc(r.rr4), pc(r.rr5), pc(r.rr6),
                          pc(r.coop1), pc(r.coop3), pc(r.ref1), pc(r.con1)});
  }
  disp.footnotes.push_back(Tr(N_("I complete, P partial, R refusal and break-off, NC non-contact, O other, UH/UO unknown eligibility, NE not eligible.")));
  rates.footnotes.push_back(e ? Message(N_("e = {0}, as given.")).Arg(FormatNumber(*e)).Text()
                              : Tr(N_("e = the eligible share among cases whose eligibility is known.")));
  rates.footnotes.push_back(Tr(N_("RR1 = I/((I+P)+(R+NC+O)+(UH+UO)); RR3 counts e(UH+UO); RR5/RR6 leave the unknown cases out; RR2/4/6 count partials as responses.")));
  return {disp, rates};
}

}  // namespace manyi::report

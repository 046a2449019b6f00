// The tables of each project part.
#include "report/section_facts.h"

#include <nlohmann/json.hpp>

#include "core/channel.h"
#include "core/i18n.h"
#include "core/message.h"
#include "report/report_template.h"
#include "report/response_rates.h"

namespace manyi::report {

namespace {

std::string Tr(const char* msgid) { return Translate(msgid); }
bool Chinese() { return CurrentLanguage() == kLanguageChinese; }

Cell TextOrMissing(storage::Statement& st, int col) {
  return st.IsNull(col) || st.TextView(col).empty() ? Cell::Missing() : Cell::Text(st.Text(col));
}

/// A two-column "what / how many" table from (label, SQL count) pairs.
ResultTable Counts(std::string id, const char* title, storage::Connection& db,
                   const std::vector<std::pair<const char*, const char*>>& rows) {
  ResultTable t;
  t.id = std::move(id);
  t.title = Tr(title);
  t.columns = {Tr(N_("Fact")), Tr(N_("Value"))};
  for (const auto& [label, sql] : rows) t.rows.push_back({Cell::Text(Tr(label)), Cell::Count(double(db.QueryInt(sql)))});
  return t;
}

/// Counts of one column's values (NULL shown as "(not given)"), largest first.
ResultTable Breakdown(std::string id, const char* title, const char* what, storage::Connection& db, const std::string& sql) {
  ResultTable t;
  t.id = std::move(id);
  t.title = Tr(title);
  t.columns = {Tr(what), Tr(N_("Count"))};
  storage::Statement st(db, sql);
  while (st.Step())
    t.rows.push_back({st.IsNull(0) ? Cell::Text(Tr(N_("(not given)"))) : Cell::Text(st.Text(0)), Cell::Count(double(st.Int(1)))});
  return t;
}

std::vector<ResultTable> Questionnaires(storage::Connection& db) {
  ResultTable t;
  t.id = "questionnaire_versions";
  t.title = Tr(N_("Questionnaire versions"));
  t.columns = {Tr(N_("Questionnaire")), Tr(N_("Version")), Tr(N_("Title")), Tr(N_("Variables")), Tr(N_("Responses")),
               Tr(N_("Stored"))};
  storage::Statement st(db,
                        "SELECT q.form_key, q.version, q.title_zh, q.title_en, q.variables, "
                        "(SELECT count(*) FROM response r WHERE r.questionnaire_id = q.id), q.created_at "
                        "FROM questionnaire q ORDER BY q.form_key, q.version");
  const bool zh = Chinese();
  while (st.Step()) {
    const std::string title = st.Text(zh ? 2 : 3).empty() ? st.Text(zh ? 3 : 2) : st.Text(zh ? 2 : 3);
    const size_t variables = nlohmann::json::parse(st.TextView(4), nullptr, false).size();
    t.rows.push_back({Cell::Text(st.Text(0)), Cell::Count(double(st.Int(1))), Cell::Text(title),
                      Cell::Count(double(variables)), Cell::Count(double(st.Int(5))), Cell::Text(st.Text(6))});
  }
  return {t};
}

std::vector<ResultTable> SampleFrame(storage::Connection& db) {
  return {Counts("frame_facts", N_("Sample frame"), db,
                 {{N_("Customers"), "SELECT count(*) FROM customer"},
                  {N_("With contact data"), "SELECT count(*) FROM customer_contact"},
                  {N_("Regions"), "SELECT count(DISTINCT region) FROM customer"},
                  {N_("Industries"), "SELECT count(DISTINCT industry) FROM customer"},
                  {N_("Customers who answered"), "SELECT count(DISTINCT customer_id) FROM response"}}),
          Breakdown("frame_by_region", N_("Customers by region"), N_("Region"), db,
                    "SELECT region, count(*) FROM customer GROUP BY region ORDER BY count(*) DESC, region"),
          Breakdown("frame_by_industry", N_("Customers by industry"), N_("Industry"), db,
                    "SELECT industry, count(*) FROM customer GROUP BY industry ORDER BY count(*) DESC, industry")};
}

std::vector<ResultTable> Fieldwork(storage::Connection& db) {
  std::vector<ResultTable> tables;
  ResultTable waves;
  waves.id = "waves";
  waves.title = Tr(N_("Waves"));
  waves.columns = {Tr(N_("Wave")), Tr(N_("Questionnaire")), Tr(N_("Starts")), Tr(N_("Ends")), Tr(N_("Responses"))};
  storage::Statement st(db,
                        "SELECT w.name, q.form_key || ' v' || q.version, w.starts_on, w.ends_on, "
                        "(SELECT count(*) FROM response r WHERE r.wave_id = w.id) "
                        "FROM wave w JOIN questionnaire q ON q.id = w.questionnaire_id ORDER BY w.id");
  while (st.Step())
    waves.rows.push_back({Cell::Text(st.Text(0)), Cell::Text(st.Text(1)), TextOrMissing(st, 2), TextOrMissing(st, 3),
                          Cell::Count(double(st.Int(4)))});
  tables.push_back(std::move(waves));
  tables.push_back(Counts("fieldwork_facts", N_("Mail and phone"), db,
                          {{N_("Mail batches"), "SELECT count(*) FROM mail_batch"},
                           {N_("Questionnaires mailed"), "SELECT count(*) FROM mailing"},
                           {N_("Returned"), "SELECT count(*) FROM mailing WHERE status = 'returned'"},
                           {N_("Undeliverable"), "SELECT count(*) FROM mailing WHERE status = 'undeliverable'"},
                           {N_("Call attempts"), "SELECT count(*) FROM call_attempt"},
                           {N_("Interviewers and operators"), "SELECT count(*) FROM operator"}}));
  tables.push_back(Breakdown("calls_by_disposition", N_("Call attempts by disposition"), N_("Disposition"), db,
                             "SELECT disposition, count(*) FROM call_attempt GROUP BY 1 ORDER BY 2 DESC, 1"));
  return tables;
}

std::vector<ResultTable> Responses(storage::Connection& db) {
  std::vector<ResultTable> tables;
  ResultTable byChannel;
  byChannel.id = "responses_by_channel";
  byChannel.title = Tr(N_("Responses by channel"));
  byChannel.columns = {Tr(N_("Channel")), Tr(N_("Complete")), Tr(N_("Partial"))};
  for (Channel c : kAllChannels) {
    storage::Statement st(db, "SELECT count(*) FILTER (WHERE status = 'complete'), count(*) FILTER (WHERE status = 'partial') "
                              "FROM response WHERE channel = ?1");
    st.Bind(1, ChannelKey(c));
    st.Step();
    byChannel.rows.push_back({Cell::Text(ChannelLabel(c).Text()), Cell::Count(double(st.Int(0))), Cell::Count(double(st.Int(1)))});
  }
  tables.push_back(std::move(byChannel));
  ResultTable imports;
  imports.id = "imports";
  imports.title = Tr(N_("Imports"));
  imports.columns = {Tr(N_("File")), Tr(N_("Format")), Tr(N_("Rows read")), Tr(N_("Imported")), Tr(N_("Rejected")),
                     Tr(N_("Imported at"))};
  storage::Statement st(db,
                        "SELECT file_name, format, rows_read, rows_imported, rows_rejected, imported_at, undone_at "
                        "FROM import ORDER BY id");
  while (st.Step()) {
    std::string when = st.Text(5);
    if (!st.IsNull(6)) when += " (" + Message(N_("undone {0}")).Arg(st.Text(6)).Text() + ")";
    imports.rows.push_back({Cell::Text(st.Text(0)), Cell::Text(st.Text(1)), Cell::Count(double(st.Int(2))),
                            Cell::Count(double(st.Int(3))), Cell::Count(double(st.Int(4))), Cell::Text(when)});
  }
  tables.push_back(std::move(imports));
  tables.push_back(Counts("response_edits", N_("Edits"), db,
                          {{N_("Answers edited (audit trail)"), "SELECT count(*) FROM audit_log WHERE response_id IS NOT NULL"},
                           {N_("Rejected rows kept for review"), "SELECT count(*) FROM rejected_row"}}));
  return tables;
}

std::vector<ResultTable> Analyses(storage::Connection& db) {
  ResultTable schemes;
  schemes.id = "weight_schemes";
  schemes.title = Tr(N_("Weighting schemes"));
  schemes.columns = {Tr(N_("Scheme")), Tr(N_("Method")), Tr(N_("Active")), Tr(N_("Weighted responses")), Tr(N_("Created"))};
  storage::Statement st(db,
                        "SELECT s.name, s.method, s.active, (SELECT count(*) FROM response_weight w WHERE w.scheme_id = s.id), "
                        "s.created_at FROM weight_scheme s ORDER BY s.id");
  while (st.Step())
    schemes.rows.push_back({Cell::Text(st.Text(0)), Cell::Text(st.Text(1)),
                            Cell::Text(st.Int(2) ? Tr(N_("yes")) : Tr(N_("no"))), Cell::Count(double(st.Int(3))),
                            Cell::Text(st.Text(4))});
  ResultTable specs;
  specs.id = "analysis_specs";
  specs.title = Tr(N_("Saved analyses"));
  specs.columns = {Tr(N_("Name")), Tr(N_("Created"))};
  storage::Statement sp(db, "SELECT name, created_at FROM analysis_spec ORDER BY name");
  while (sp.Step()) specs.rows.push_back({Cell::Text(sp.Text(0)), Cell::Text(sp.Text(1))});
  return {schemes, specs};
}

std::vector<ResultTable> Reports(storage::Connection& db) {
  ResultTable templates;
  templates.id = "report_templates";
  templates.title = Tr(N_("Report templates"));
  templates.columns = {Tr(N_("Template")), Tr(N_("Sheets"))};
  for (const std::string& name : ListReportTemplates()) {
    const ReportTemplate tmpl = LoadReportTemplate(name);
    const auto sections = tmpl.json.find("sections");
    templates.rows.push_back({Cell::Text(name), sections != tmpl.json.end() ? Cell::Count(double(sections->size())) : Cell::Missing()});
  }
  ResultTable history;
  history.id = "report_history";
  history.title = Tr(N_("Reports written"));
  history.columns = {Tr(N_("Template")), Tr(N_("Language")), Tr(N_("File")), Tr(N_("Written"))};
  storage::Statement st(db, "SELECT template, language, output, created_at FROM report_history ORDER BY id DESC");
  while (st.Step())
    history.rows.push_back({Cell::Text(st.Text(0)), Cell::Text(st.Text(1)), Cell::Text(st.Text(2)), Cell::Text(st.Text(3))});
  return {templates, history};
}

}  // namespace

std::vector<ResultTable> PartTables(storage::Project& project, ProjectPart part) {
  storage::Connection& db = project.Db();
  switch (part) {
    case ProjectPart::kQuestionnaires: return Questionnaires(db);
    case ProjectPart::kSampleFrame: return SampleFrame(db);
    case ProjectPart::kFieldwork: {
      // The AAPOR rates by channel follow the fieldwork facts, as `manyi-cli rates` shows them.
      std::vector<ResultTable> tables = Fieldwork(db);
      for (ResultTable& t : ResponseRateTables(project, "channel", std::nullopt)) tables.push_back(std::move(t));
      return tables;
    }
    case ProjectPart::kResponses: return Responses(db);
    case ProjectPart::kAnalyses: return Analyses(db);
    case ProjectPart::kReports: return Reports(db);
  }
  return {};
}


}  // namespace manyi::report

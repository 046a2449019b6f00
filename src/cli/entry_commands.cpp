// `manyi-cli mail …`, `manyi-cli entry` and `manyi-cli calls`: mail returns, keyed double entry
// of paper questionnaires, and the state of telephone call lists (docs/fieldwork.md).
#include "cli/entry_commands.h"

#include "cli/translate_help.h"
#include "core/error.h"
#include "core/text.h"
#include "io/cati.h"
#include "io/data_entry.h"
#include "io/sampling_plan.h"
#include "report/fieldwork_tables.h"
#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::cli {

void AddEntryCommands(CLI::App& app, Action& chosen) {
  // mail return|undeliverable|sent
  auto* mail = app.add_subcommand("mail", Tr(N_("Record what became of mailed questionnaires")));
  mail->require_subcommand(1);
  struct MailArgs {
    std::string project, on;
    std::vector<std::string> ids;
    int64_t batch = 0;
  };
  const std::pair<const char*, const char*> statuses[] = {
      {"return", N_("Record questionnaires that came back (customer ids of the frame)")},
      {"undeliverable", N_("Record questionnaires the post could not deliver")},
      {"sent", N_("Set questionnaires back to sent (undo a return or undeliverable)")},
  };
  for (const auto& [name, help] : statuses) {
    auto a = std::make_shared<MailArgs>();
    auto* cmd = mail->add_subcommand(name, Tr(help));
    cmd->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")))->required();
    cmd->add_option("IDS", a->ids, Tr(N_("Customer ids (as in the frame)")))->required();
    cmd->add_option("--on", a->on, Tr(N_("Date it happened (YYYY-MM-DD; default today)")));
    cmd->add_option("--batch", a->batch, Tr(N_("Mailing batch (default: each customer's newest)")));
    const std::string status = std::string(name) == "return" ? "returned" : name;
    cmd->callback([&chosen, a, status] {
      chosen = [a, status] {
        auto project = storage::Project::Open(a->project).TakeOrThrow();
        const std::string on = a->on.empty() ? NowIso8601().substr(0, 10) : a->on;
        const int64_t n = io::RecordMailStatus(*project, a->ids, status, on, a->batch);
        Out(Message(N_("{0} mailings now {1}; {2} were so already.")).Arg(static_cast<long long>(n)).Arg(status)
                .Arg(static_cast<long long>(a->ids.size()) - n).Text() + "\n");
        return 0;
      };
    });
  }

  // entry
  struct EntryArgs {
    std::string project, file, op;
    int pass = 1;
    int64_t questionnaire = 0;
    bool discrepancies = false, all = false, operators = false;
    std::vector<std::string> resolve;
  };
  auto e = std::make_shared<EntryArgs>();
  auto* entry = app.add_subcommand("entry", Tr(N_("Key paper questionnaires from a keyed file (double entry), list and resolve discrepancies, operator statistics")));
  entry->add_option("PROJECT", e->project, Tr(N_("The .manyi project file")))->required();
  entry->add_option("FILE", e->file, Tr(N_("Keyed file: CSV with respondent_id and one column per variable as printed on the form")));
  entry->add_option("--operator", e->op, Tr(N_("Who keyed the file (or resolves)")));
  entry->add_option("--pass", e->pass, Tr(N_("1 = first keying (default), 2 = independent second keying by another operator")))->check(CLI::Range(1, 2));
  entry->add_option("--questionnaire", e->questionnaire, Tr(N_("Questionnaire version id (default: the newest)")));
  entry->add_flag("--discrepancies", e->discrepancies, Tr(N_("List the variables where the two passes differ")));
  entry->add_flag("--all", e->all, Tr(N_("With --discrepancies: resolved ones too")));
  entry->add_option("--resolve", e->resolve, Tr(N_("RESPONDENT VARIABLE VALUE: the value read on the paper form")))->expected(3);
  entry->add_flag("--operators", e->operators, Tr(N_("Keying statistics per operator (speed, error rate)")));
  entry->callback([&chosen, e] {
    chosen = [e] {
      auto project = storage::Project::Open(e->project).TakeOrThrow();
      io::EntryForm form = io::LoadEntryForm(*project, e->questionnaire > 0 ? std::optional<int64_t>(e->questionnaire) : std::nullopt);
      const int modes = int(!e->file.empty()) + int(e->discrepancies) + int(!e->resolve.empty()) + int(e->operators);
      if (modes != 1)
        throw UserError(Message(N_("Give one of: a keyed FILE with --operator, --discrepancies, --resolve RESPONDENT VARIABLE VALUE, or --operators.")));
      if (e->discrepancies) {
        auto list = io::ListDiscrepancies(*project, form, e->all);
        Out(report::RenderText(report::DiscrepancyTable(list, e->all)) + "\n");
        return 0;
      }
      if (e->operators) {
        Out(report::RenderText(report::OperatorTable(io::OperatorStatistics(*project))) + "\n");
        return 0;
      }
      if (Trim(e->op).empty()) throw UserError(Message(N_("Name the operator with --operator NAME.")));
      if (!e->resolve.empty()) {
        const bool verified = io::ResolveDiscrepancy(*project, form, e->resolve[0], e->resolve[1], e->resolve[2], e->op);
        Out(Message(N_("Respondent {0}, {1}: resolved as \"{2}\".")).Arg(e->resolve[0]).Arg(e->resolve[1]).Arg(e->resolve[2]).Text() + "\n");
        if (verified) Out(Message(N_("Respondent {0} is verified and stored as a mail response.")).Arg(e->resolve[0]).Text() + "\n");
        return 0;
      }
      auto forms = io::ReadKeyedFile(form.form, e->file);
      io::EntryOutcome out = io::StoreKeyedPass(*project, form, forms, e->pass, e->op, std::filesystem::path(e->file).filename().string());
      Out(Message(N_("Pass {0}: {1} questionnaires, {2} fields keyed by {3}.")).Arg(e->pass).Arg(static_cast<long long>(out.forms))
              .Arg(static_cast<long long>(out.fields)).Arg(e->op).Text() + "\n");
      if (out.compared > 0)
        Out(Message(N_("Compared with the other pass: {0} questionnaires, {1} discrepancies, {2} verified and stored as responses.")).Arg(static_cast<long long>(out.compared))
                .Arg(static_cast<long long>(out.discrepancies)).Arg(static_cast<long long>(out.verified.size())).Text() + "\n");
      if (out.discrepancies > 0) Out(Tr(N_("List the discrepancies with: manyi-cli entry PROJECT --discrepancies")) + "\n");
      return 0;
    };
  });

  // calls
  struct CallArgs {
    std::string project;
    int64_t list = 0;
    bool next = false;
  };
  auto c = std::make_shared<CallArgs>();
  auto* calls = app.add_subcommand("calls", Tr(N_("Show a telephone call list: each case's attempts, last disposition and callback")));
  calls->add_option("PROJECT", c->project, Tr(N_("The .manyi project file")))->required();
  calls->add_option("--list", c->list, Tr(N_("Call list id (default: the newest)")));
  calls->add_flag("--next", c->next, Tr(N_("Only the case to call next")));
  calls->callback([&chosen, c] {
    chosen = [c] {
      auto project = storage::Project::Open(c->project).TakeOrThrow();
      const int64_t list = c->list > 0 ? c->list : io::cati::NewestCallList(*project);
      if (list == 0) throw UserError(Message(N_("{0} has no call list. Draw one with `manyi-cli sample plan … --draw --mode phone`.")).Arg(c->project));
      std::vector<io::cati::CallCase> cases;
      if (c->next) {
        auto n = io::cati::NextCase(*project, list, NowIso8601());
        if (!n) {
          Out(Tr(N_("No case is due: every case is finished, at its attempt limit or has a later callback.")) + "\n");
          return 0;
        }
        cases.push_back(*n);
      } else {
        cases = io::cati::ListCases(*project, list);
      }
      report::ResultTable t;
      t.id = "call_list";
      t.title = Message(N_("Call list {0}")).Arg(static_cast<long long>(list)).Text();
      t.columns = {Tr(N_("Customer")), Tr(N_("Region")), Tr(N_("Attempts")), Tr(N_("Last disposition")), Tr(N_("Callback")), Tr(N_("Interview")),
                   Tr(N_("Held by"))};
      for (const auto& k : cases) {
        auto d = io::cati::ParseDisposition(k.lastDisposition);
        t.rows.push_back({report::Cell::Text(k.externalId), report::Cell::Text(k.region), report::Cell::Count(k.attempts),
                          d ? report::Cell::Text(io::cati::DispositionLabel(*d).Text()) : report::Cell::Missing(),
                          k.callbackAt ? report::Cell::Text(*k.callbackAt) : report::Cell::Missing(),
                          report::Cell::Text(k.interrupted ? Tr(N_("interrupted")) : ""),
                          report::Cell::Text(k.claimToken.empty() ? std::string()
                                                                  : Message(N_("{0} since {1}")).Arg(k.heldBy).Arg(k.heldSince).Text())});
      }
      Out(report::RenderText(t) + "\n");
      return 0;
    };
  });
}

}  // namespace manyi::cli

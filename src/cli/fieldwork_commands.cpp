// `manyi-cli sample plan|size` and `manyi-cli rates`: sample plans, draws and response rates.
#include <charconv>

#include "cli/commands.h"
#include "cli/entry_commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/text.h"
#include "io/sampling_plan.h"
#include "report/fieldwork_tables.h"
#include "report/response_rates.h"
#include "report/result_table.h"
#include "stats/sampling.h"
#include "storage/project.h"

namespace manyi::cli {

namespace {

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string part(Trim(std::string_view(s).substr(start, end - start)));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

}  // namespace

void AddFieldworkCommands(CLI::App& app, Action& chosen) {
  auto* sample = app.add_subcommand("sample", Tr(N_("Sample plans and sample sizes")));
  sample->require_subcommand(1);

  struct PlanArgs {
    std::string project, strata = "region,industry", rounding = "half-up", accumulate, allocation = "proportional", sentOn, note, mode = "mail",
                formLang;
    int maxAttempts = 6;
    int64_t questionnaire = 0;
    double fraction = 0, total = 0;
    bool draw = false;
    uint64_t seed = 1;
  };
  auto a = std::make_shared<PlanArgs>();
  auto* plan = sample->add_subcommand("plan", Tr(N_("Plan a stratified sample from the sample frame, and optionally draw it as a mailing batch")));
  plan->add_option("PROJECT", a->project, Tr(N_("The .manyi project file")))->required();
  plan->add_option("--strata", a->strata, Tr(N_("Frame attributes that form the strata, comma-separated (default: region,industry)")));
  auto* fr = plan->add_option("--fraction", a->fraction, Tr(N_("Fixed fraction per stratum, e.g. 0.8")));
  auto* tot = plan->add_option("--total", a->total, Tr(N_("Total sample size to allocate over the strata")));
  fr->excludes(tot);
  plan->add_option("--rounding", a->rounding, Tr(N_("Rounding of a fixed fraction: half-up (default), half-even, up, down")))
      ->check(CLI::IsMember({"half-up", "half-even", "up", "down"}));
  plan->add_option("--allocation", a->allocation, Tr(N_("Allocation of a total: proportional (default) or neyman (by the spread of customer value)")))
      ->check(CLI::IsMember({"proportional", "neyman"}));
  plan->add_option("--accumulate", a->accumulate, Tr(N_("Sum the stratum samples by this attribute (e.g. region)")));
  plan->add_flag("--draw", a->draw, Tr(N_("Draw the sample and record it as a mailing batch")));
  plan->add_option("--mode", a->mode, Tr(N_("What the drawn sample becomes: mail (a mailing batch, default) or phone (a call list)")))
      ->check(CLI::IsMember({"mail", "phone"}));
  plan->add_option("--max-attempts", a->maxAttempts, Tr(N_("Phone: call attempts per case at most (default 6)")))->check(CLI::Range(1, 99));
  plan->add_option("--seed", a->seed, Tr(N_("Seed of the random draw (the same seed gives the same sample)")));
  plan->add_option("--sent-on", a->sentOn, Tr(N_("Date the batch is sent (YYYY-MM-DD; default today)")));
  plan->add_option("--note", a->note, Tr(N_("A note stored with the mailing batch")));
  plan->add_option("--questionnaire", a->questionnaire, Tr(N_("Questionnaire version id sent or asked (default: the newest)")));
  plan->add_option("--form-lang", a->formLang, Tr(N_("Mail: the language the forms are printed in, zh or en (the discrepancy list's pages follow it)")))
      ->check(CLI::IsMember({"zh", "en"}));
  plan->callback([&chosen, a] {
    chosen = [a] {
      io::SamplePlanSpec spec;
      spec.strata = SplitComma(a->strata);
      if (a->fraction > 0) spec.fraction = a->fraction;
      if (a->total > 0) spec.total = a->total;
      spec.rounding = io::ParseRounding(a->rounding).value_or(stats::Rounding::kHalfUp);
      spec.neyman = a->allocation == "neyman";
      spec.accumulateBy = a->accumulate;
      auto project = storage::Project::Open(a->project).TakeOrThrow();
      io::SamplePlan p = io::PlanSample(*project, spec);
      for (const report::ResultTable& t : report::SamplePlanTables(p, spec)) Out(report::RenderText(t) + "\n");
      if (a->draw) {
        const std::string sentOn = a->sentOn.empty() ? NowIso8601().substr(0, 10) : a->sentOn;
        if (a->mode == "phone") {
          int64_t list = io::DrawCallList(*project, p, a->seed, sentOn, a->maxAttempts, a->note, {a->questionnaire, ""});
          Out(Message(N_("Drew {0} customers (seed {1}) into call list {2}.")).Arg(static_cast<long long>(p.total))
                  .Arg(std::to_string(a->seed)).Arg(static_cast<long long>(list)).Text() + "\n");
          return 0;
        }
        int64_t batch = io::DrawSample(*project, p, a->seed, sentOn, a->note, {a->questionnaire, a->formLang});
        Out(Message(N_("Drew {0} customers (seed {1}) into mailing batch {2}.")).Arg(static_cast<long long>(p.total))
                .Arg(std::to_string(a->seed)).Arg(static_cast<long long>(batch)).Text() + "\n");
      }
      return 0;
    };
  });

  struct SizeArgs {
    double moe = 0.05, confidence = 0.95, p = 0.5, population = 0;
  };
  auto s = std::make_shared<SizeArgs>();
  auto* size = sample->add_subcommand("size", Tr(N_("Sample size for a proportion with a margin of error (finite-population corrected)")));
  size->add_option("--moe", s->moe, Tr(N_("Margin of error, e.g. 0.05 for ±5 points")));
  size->add_option("--confidence", s->confidence, Tr(N_("Confidence level (default 0.95)")));
  size->add_option("--p", s->p, Tr(N_("Anticipated proportion (default 0.5, the most cautious)")));
  size->add_option("--population", s->population, Tr(N_("Population size N (omit for an infinite population)")));
  size->callback([&chosen, s] {
    chosen = [s] {
      auto n = stats::SampleSizeProportion(s->moe, s->confidence, s->p, s->population > 0 ? std::optional<double>(s->population) : std::nullopt);
      if (!n) throw UserError(Message(N_("No sample size for these values: the margin and p must be between 0 and 1, the confidence below 1, and N at least 2.")));
      Out(Message(N_("Sample size: {0}")).Arg(static_cast<long long>(*n)).Text() + "\n");
      return 0;
    };
  });

  struct RateArgs {
    std::string project, by = "channel";
    double e = -1;
  };
  auto r = std::make_shared<RateArgs>();
  auto* rates = app.add_subcommand("rates", Tr(N_("Response rates (AAPOR RR1–RR6, cooperation, refusal, contact) from the fieldwork records")));
  rates->add_option("PROJECT", r->project, Tr(N_("The .manyi project file")))->required();
  rates->add_option("--by", r->by, Tr(N_("Group by channel (default), region, industry or wave")))->check(CLI::IsMember({"channel", "region", "industry", "wave"}));
  rates->add_option("--e", r->e, Tr(N_("Eligible share of the cases of unknown eligibility (default: estimated)")))->check(CLI::Range(0.0, 1.0));
  rates->callback([&chosen, r] {
    chosen = [r] {
      auto project = storage::Project::Open(r->project).TakeOrThrow();
      for (const auto& t : report::ResponseRateTables(*project, r->by, r->e >= 0 ? std::optional<double>(r->e) : std::nullopt))
        Out(report::RenderText(t) + "\n");
      return 0;
    };
  });

  AddEntryCommands(app, chosen);
}

}  // namespace manyi::cli

// `manyi-cli weight …`: computes, stores, shows and activates weighting schemes (io/weight_scheme.h).
#include <cmath>
#include <functional>
#include <sstream>

#include "cli/commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/text.h"
#include "io/weight_scheme.h"
#include "storage/project.h"

namespace manyi::cli {

namespace {

using nlohmann::json;

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',') {
      std::string t(Trim(cur));
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

std::optional<double> BoundOf(const std::string& text, const char* option) {
  if (Trim(text).empty()) return std::nullopt;
  auto v = ParseNumber(Trim(text));
  if (!v || !std::isfinite(*v))
    throw UserError(Message(N_("{0}: \"{1}\" is not a number. Give the bound as a multiple of the mean weight, e.g. 0.3.")).Arg(option).Arg(text));
  return v;
}

std::string Number(const json& j, int digits = 6) { return j.is_number() ? FormatNumber(j.get<double>(), digits) : std::string("—"); }

void PrintScheme(const io::WeightSchemeInfo& s) {
  std::ostringstream out;
  out << io::DescribeWeightScheme(s) << (s.active ? "  [" + Translate(N_("active")) + "]" : std::string()) << "\n";
  auto line = [&](const char* label, const std::string& value) { out << "  " << Translate(label) << ": " << value << "\n"; };
  line(N_("Method"), s.method);
  line(N_("Created"), s.createdAt);
  std::string sources;
  for (const json& src : s.spec.value("population_sources", json::array()))
    sources += (sources.empty() ? "" : ", ") + (src == "frame" ? Translate(N_("the sample frame (customers)")) : src.get<std::string>());
  line(N_("Population counts from"), sources);
  if (s.spec.contains("base")) line(N_("Base weights"), s.spec["base"].get<std::string>());
  if (s.spec.contains("sample")) line(N_("n_h counts"), s.spec["sample"].get<std::string>() == "drawn" ? Translate(N_("customers drawn (mailed or called)")) : Translate(N_("responses")));
  line(N_("Weighted each wave on its own"), s.spec.value("per_wave", false) ? Translate(N_("yes")) : Translate(N_("no")));
  const json& r = s.report;
  line(N_("Responses"), Number(r.value("responses", json()), 15));
  line(N_("Sum of weights"), Number(r.value("sum", json()), 10));
  line(N_("Smallest / largest weight"), Number(r.value("min", json())) + " / " + Number(r.value("max", json())));
  if (r.contains("max_min_ratio")) line(N_("Largest ÷ smallest positive weight"), Number(r["max_min_ratio"], 4));
  line(N_("Kish design effect"), Number(r.value("kish_deff", json()), 4));
  line(N_("Effective sample size"), Number(r.value("effective_n", json()), 6));
  line(N_("Responses with weight 0"), Number(r.value("zero_weights", json()), 15));
  line(N_("Responses without a population cell"), Number(r.value("unmatched", json()), 15));
  for (const json& part : r.value("parts", json::array())) {
    std::string prefix = part.contains("wave") ? part["wave"].get<std::string>() + ": " : std::string();
    if (part.contains("iterations"))
      line(N_("Raking"), prefix + Message(N_("{0} iteration(s), converged: {1}, largest relative margin error {2}"))
                                   .Arg(Number(part["iterations"], 15))
                                   .Arg(part.value("converged", false) ? Translate(N_("yes")) : Translate(N_("no")))
                                   .Arg(Number(part.value("achieved_tolerance", json()), 3)).Text());
    if (part.contains("trim_rounds"))
      line(N_("Trimming"), prefix + Message(N_("{0} round(s), {1} weight(s) trimmed or rescaled")).Arg(Number(part["trim_rounds"], 15))
                                    .Arg(Number(part.value("trimmed_or_rescaled", json()), 15)).Text());
  }
  for (const std::string& w : io::WeightSchemeWarnings(s)) out << "  " << Translate(N_("Warning")) << ": " << w << "\n";
  Out(out.str());
}

/// Options shared by the computing subcommands.
struct ComputeArgs {
  std::string project, name, by, targets, base, sample = "drawn", trim, trimLower, trimUpper, trimSpread;
  std::vector<std::string> margins;
  double tolerance = 1e-7;
  int maxIterations = 100;
  bool replace = false, perWave = false, keepUnmatched = false, activate = false;
};

void AddCommon(CLI::App* cmd, ComputeArgs& a) {
  cmd->add_option("PROJECT", a.project, Tr(N_("The .manyi project file")))->required();
  cmd->add_option("--name", a.name, Tr(N_("Name of the scheme to store")))->required();
  cmd->add_option("--trim", a.trim, Tr(N_("Trim the weights to MIN,MAX × the mean weight (the total is kept), e.g. 0.3,3")));
  cmd->add_option("--trim-lower", a.trimLower, Tr(N_("Lower trimming bound as a multiple of the mean weight")));
  cmd->add_option("--trim-upper", a.trimUpper, Tr(N_("Upper trimming bound as a multiple of the mean weight")));
  cmd->add_option("--trim-spread", a.trimSpread, Tr(N_("How trimmed weight goes to the other weights: proportional (default) or equal (as R survey's trimWeights)")));
  cmd->add_flag("--per-wave", a.perWave, Tr(N_("Weight each wave on its own to the full population")));
  cmd->add_flag("--keep-unmatched", a.keepUnmatched, Tr(N_("Keep responses without a population cell at their base weight instead of stopping")));
  cmd->add_flag("--replace", a.replace, Tr(N_("Compute a scheme of the same name again")));
  cmd->add_flag("--activate", a.activate, Tr(N_("Make the new scheme the active one")));
}

int RunCompute(const ComputeArgs& a, io::WeightSpec spec) {
  if (!a.trim.empty()) {
    const std::vector<std::string> parts = SplitList(a.trim);
    if (parts.size() != 2 || a.trim.find(',') == std::string::npos)
      throw UserError(Message(N_("--trim takes two numbers MIN,MAX (multiples of the mean weight), e.g. --trim 0.3,3.")));
    spec.trimLower = BoundOf(parts[0], "--trim");
    spec.trimUpper = BoundOf(parts[1], "--trim");
  }
  if (auto v = BoundOf(a.trimLower, "--trim-lower")) spec.trimLower = v;
  if (auto v = BoundOf(a.trimUpper, "--trim-upper")) spec.trimUpper = v;
  if (a.trimSpread == "equal") spec.trimEqualSpread = true;
  else if (!a.trimSpread.empty() && a.trimSpread != "proportional")
    throw UserError(Message(N_("--trim-spread is \"{0}\": use proportional or equal.")).Arg(a.trimSpread));
  spec.perWave = a.perWave;
  spec.keepUnmatched = a.keepUnmatched;
  spec.baseScheme = a.base;
  auto project = storage::Project::Open(a.project).TakeOrThrow();
  io::WeightSchemeInfo s = io::CreateWeightScheme(*project, a.name, spec, a.replace);
  if (a.activate) {
    io::ActivateWeightScheme(*project, a.name);
    s.active = true;
  }
  Out(Message(N_("Stored the weighting scheme \"{0}\" in {1}.")).Arg(a.name).Arg(a.project).Text() + "\n");
  PrintScheme(s);
  if (!s.active)
    Out(Message(N_("Analyses use it when it is active: manyi-cli weight activate {0} {1}")).Arg(a.project).Arg(a.name).Text() + "\n");
  return 0;
}

/// Adds a subcommand that computes a scheme: the common options, its own, and the spec it makes.
void AddComputeCommand(CLI::App* weight, Action& chosen, const char* name, const std::string& help,
                       const std::function<void(CLI::App*, ComputeArgs&)>& options,
                       std::function<io::WeightSpec(const ComputeArgs&)> makeSpec) {
  auto* cmd = weight->add_subcommand(name, help);
  auto a = std::make_shared<ComputeArgs>();
  AddCommon(cmd, *a);
  options(cmd, *a);
  cmd->callback([&chosen, a, makeSpec] {
    chosen = [a, makeSpec] { return RunCompute(*a, makeSpec(*a)); };
  });
}

/// Adds a subcommand taking PROJECT and the NAME of a scheme.
void AddSchemeCommand(CLI::App* weight, Action& chosen, const char* name, const std::string& help,
                      std::function<void(storage::Project&, const std::string& file, const std::string& scheme)> run) {
  auto* cmd = weight->add_subcommand(name, help);
  auto a = std::make_shared<std::pair<std::string, std::string>>();
  cmd->add_option("PROJECT", a->first, Tr(N_("The .manyi project file")))->required();
  cmd->add_option("NAME", a->second, Tr(N_("Name of the scheme")))->required();
  cmd->callback([&chosen, a, run] {
    chosen = [a, run] {
      auto p = storage::Project::Open(a->first).TakeOrThrow();
      run(*p, a->first, a->second);
      return 0;
    };
  });
}

/// Adds a subcommand taking PROJECT only.
void AddProjectCommand(CLI::App* weight, Action& chosen, const char* name, const std::string& help,
                       std::function<void(storage::Project&, const std::string& file)> run) {
  auto* cmd = weight->add_subcommand(name, help);
  auto project = std::make_shared<std::string>();
  cmd->add_option("PROJECT", *project, Tr(N_("The .manyi project file")))->required();
  cmd->callback([&chosen, project, run] {
    chosen = [project, run] {
      auto p = storage::Project::Open(*project).TakeOrThrow();
      run(*p, *project);
      return 0;
    };
  });
}

}  // namespace

void AddWeightCommand(CLI::App& app, Action& chosen) {
  auto* weight = app.add_subcommand("weight", Tr(N_("Compute, store and choose the weighting schemes of a project")));
  weight->require_subcommand(1);
  const std::string baseHelp = Tr(N_("Start from the weights of this scheme (e.g. design weights)"));

  AddComputeCommand(
      weight, chosen, "design", Tr(N_("Design weights N_h / n_h of a stratified sample from the sample frame")),
      [](CLI::App* cmd, ComputeArgs& a) {
        cmd->add_option("--strata", a.by, Tr(N_("Frame columns whose crossed categories are the strata, e.g. region")))->required();
        cmd->add_option("--sample", a.sample, Tr(N_("n_h: drawn = customers mailed or called (default), responding = responses")))
            ->check(CLI::IsMember({"drawn", "responding"}));
      },
      [](const ComputeArgs& a) {
        io::WeightSpec spec;
        spec.method = io::WeightMethod::kDesign;
        spec.variables = SplitList(a.by);
        spec.drawnSample = a.sample == "drawn";
        return spec;
      });
  AddComputeCommand(
      weight, chosen, "poststratify", Tr(N_("Post-stratify the responses to population counts of crossed cells")),
      [&baseHelp](CLI::App* cmd, ComputeArgs& a) {
        cmd->add_option("--by", a.by, Tr(N_("Variables whose crossed categories are the cells, e.g. region,industry")))->required();
        cmd->add_option("--targets", a.targets, Tr(N_("CSV with a column per variable and a column count (default: counts of the sample frame)")));
        cmd->add_option("--base", a.base, baseHelp);
      },
      [](const ComputeArgs& a) {
        io::WeightSpec spec;
        spec.method = io::WeightMethod::kPostStratify;
        spec.variables = SplitList(a.by);
        if (!a.targets.empty()) spec.targetFiles = {a.targets};
        return spec;
      });
  AddComputeCommand(
      weight, chosen, "rake", Tr(N_("Rake the responses to several margins (iterative proportional fitting)")),
      [&baseHelp](CLI::App* cmd, ComputeArgs& a) {
        cmd->add_option("--margin", a.margins, Tr(N_("VARIABLE=FILE.csv (columns VARIABLE,count) or VARIABLE alone for the sample frame's counts; twice or more")))->required();
        cmd->add_option("--tolerance", a.tolerance, Tr(N_("Stop when every margin is met within this relative error (default 1e-7)")));
        cmd->add_option("--max-iterations", a.maxIterations, Tr(N_("At most this many sweeps over the margins (default 100)")));
        cmd->add_option("--base", a.base, baseHelp);
      },
      [](const ComputeArgs& a) {
        io::WeightSpec spec;
        spec.method = io::WeightMethod::kRake;
        for (const std::string& m : a.margins) {
          const size_t eq = m.find('=');
          spec.variables.push_back(std::string(Trim(m.substr(0, eq))));
          spec.targetFiles.emplace_back(eq == std::string::npos ? std::string() : std::string(Trim(m.substr(eq + 1))));
          if (spec.variables.back().empty())
            throw UserError(Message(N_("--margin \"{0}\": give VARIABLE=FILE.csv or VARIABLE.")).Arg(m));
        }
        spec.tolerance = a.tolerance;
        spec.maxIterations = a.maxIterations;
        return spec;
      });

  AddProjectCommand(weight, chosen, "list", Tr(N_("List the weighting schemes of a project")), [](storage::Project& p, const std::string& file) {
    const auto schemes = io::ListWeightSchemes(p);
    if (schemes.empty()) {
      Out(Message(N_("{0} has no weighting schemes; analyses are unweighted.")).Arg(file).Text() + "\n");
      return;
    }
    bool anyActive = false;
    for (const auto& s : schemes) {
      anyActive = anyActive || s.active;
      Out(std::string(s.active ? "* " : "  ") + io::DescribeWeightScheme(s) + "\n");
    }
    Out(anyActive ? Translate(N_("* = active: analyses and reports use it unless given --weights or --unweighted.")) + "\n"
                  : Translate(N_("No scheme is active: analyses are unweighted unless given --weights.")) + "\n");
  });
  AddSchemeCommand(weight, chosen, "show", Tr(N_("Show a scheme: method, population counts used, design effect, convergence")),
                   [](storage::Project& p, const std::string&, const std::string& name) { PrintScheme(io::GetWeightScheme(p, name)); });
  AddSchemeCommand(weight, chosen, "activate", Tr(N_("Make a scheme the active one: analyses and reports use it by default")),
                   [](storage::Project& p, const std::string& file, const std::string& name) {
                     io::ActivateWeightScheme(p, name);
                     Out(Message(N_("\"{0}\" is now the active weighting scheme of {1}.")).Arg(name).Arg(file).Text() + "\n");
                   });
  AddProjectCommand(weight, chosen, "deactivate", Tr(N_("Leave no scheme active: analyses are unweighted by default")),
                    [](storage::Project& p, const std::string& file) {
                      io::DeactivateWeightSchemes(p);
                      Out(Message(N_("No weighting scheme of {0} is active now; analyses are unweighted by default.")).Arg(file).Text() + "\n");
                    });
  AddSchemeCommand(weight, chosen, "delete", Tr(N_("Delete a scheme and its weights")),
                   [](storage::Project& p, const std::string& file, const std::string& name) {
                     io::DeleteWeightScheme(p, name);
                     Out(Message(N_("Deleted the weighting scheme \"{0}\" of {1}.")).Arg(name).Arg(file).Text() + "\n");
                   });
}

}  // namespace manyi::cli

// `manyi-cli form …`: validate, show and store questionnaires.
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/form_interchange_commands.h"
#include "cli/form_print_command.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/questionnaire_check.h"
#include "core/text.h"
#include "io/form_json.h"
#include "storage/project.h"

namespace manyi::cli {

namespace {

std::string Indent(int n) { return std::string(size_t(n), ' '); }

std::string ShowForm(const Questionnaire& q, const std::string& lang) {
  std::string out = q.title.Get(lang) + "  (" + q.id + ", " + Message(N_("version {0}")).Arg(q.version).Text() + ")\n";
  for (const Section& s : q.sections) {
    out += "\n[" + s.id + "] " + s.title.Get(lang) + (s.relevant.empty() ? "" : "  ⟨" + Tr(N_("if")) + " " + s.relevant + "⟩") + "\n";
    for (const Item& item : s.items) {
      out += Indent(2) + item.id + "  (" + ItemTypeKey(item.type);
      if (item.scale) out += " " + FormatNumber(item.scale->min) + "–" + FormatNumber(item.scale->max);
      if (item.role != ItemRole::kNone) out += ", " + std::string(ItemRoleKey(item.role));
      if (item.reversed) out += ", " + Tr(N_("reversed"));
      out += ")  " + item.text.Get(lang) + "\n";
      if (!item.relevant.empty()) out += Indent(6) + Tr(N_("shown if")) + ": " + item.relevant + "\n";
      if (!item.constraint.empty()) out += Indent(6) + Tr(N_("valid if")) + ": " + item.constraint + "\n";
      for (const Code& c : item.codes) out += Indent(6) + FormatNumber(c.value) + "  " + c.label.Get(lang) + "\n";
      if (item.scale) {
        for (const auto& [p, t] : item.scale->pointLabels) out += Indent(6) + std::to_string(p) + " = " + t.Get(lang) + "\n";
        for (const MissingCode& m : item.scale->missing)
          out += Indent(6) + FormatNumber(m.value) + " = " + m.label.Get(lang) + "  (" + Tr(N_("missing")) + ")\n";
      }
      for (const GridRow& r : item.rows)
        out += Indent(6) + r.id + (r.importanceId.empty() || !item.importanceScale ? "" : " / " + r.importanceId) + "  " + r.text.Get(lang) + "\n";
    }
  }
  for (const IndexDefinition& d : q.indices) {
    out += "\n" + Message(N_("Index {0}: {1} (weighting: {2})")).Arg(d.id).Arg(d.label.Get(lang)).Arg(IndexWeightingKey(d.weighting)).Text() + "\n";
    for (const IndexDimension& dim : d.dimensions) {
      std::string vars;
      for (const std::string& v : dim.variables) vars += (vars.empty() ? "" : ", ") + v;
      out += Indent(2) + dim.id + "  " + dim.label.Get(lang) + ": " + vars + "\n";
    }
  }
  return out;
}

Questionnaire LoadValid(const std::string& file) {
  Questionnaire q = io::ReadFormFile(file).TakeOrThrow();
  auto findings = CheckQuestionnaire(q);
  if (!NoErrors(findings)) {
    for (const FormFinding& f : findings)
      if (f.severity == FormFinding::Severity::kError) Err("  - " + f.where + ": " + f.message.Text() + "\n");
    throw UserError(Message(N_("{0} has errors (listed above). Fix them; `manyi-cli form validate {0}` checks again.")).Arg(file));
  }
  return q;
}

}  // namespace

void AddFormCommands(CLI::App& app, Action& chosen) {
  auto* form = app.add_subcommand("form", Tr(N_("Questionnaires: validate, show, store")));
  form->require_subcommand(1);

  auto* validate = form->add_subcommand("validate", Tr(N_("Check a questionnaire file and list every problem")));
  auto vfile = std::make_shared<std::string>();
  validate->add_option("FILE", *vfile, Tr(N_("The questionnaire (.json)")))->required();
  validate->callback([&chosen, vfile] {
    chosen = [vfile] {
      Questionnaire q = io::ReadFormFile(*vfile).TakeOrThrow();
      auto findings = CheckQuestionnaire(q);
      size_t errors = 0, warnings = 0;
      for (const FormFinding& f : findings) {
        const bool error = f.severity == FormFinding::Severity::kError;
        (error ? errors : warnings)++;
        (error ? Err : Out)((error ? Tr(N_("error")) : Tr(N_("warning"))) + ": " + f.where + ": " + f.message.Text() + "\n");
      }
      const size_t vars = q.Variables().size();
      if (errors) {
        Err(Message(N_("{0}: {1} error(s), {2} warning(s).")).Arg(*vfile).Arg(static_cast<long long>(errors)).Arg(static_cast<long long>(warnings)).Text() + "\n");
        return 1;
      }
      Out(Message(N_("{0}: valid ({1} items, {2} variables, {3} warning(s)).")).Arg(*vfile)
              .Arg(static_cast<long long>([&] { size_t n = 0; for (const Section& s : q.sections) n += s.items.size(); return n; }()))
              .Arg(static_cast<long long>(vars)).Arg(static_cast<long long>(warnings)).Text() + "\n");
      return 0;
    };
  });

  auto* show = form->add_subcommand("show", Tr(N_("Print a questionnaire as text in one language")));
  auto sfile = std::make_shared<std::string>();
  auto lang = std::make_shared<std::string>();
  show->add_option("FILE", *sfile, Tr(N_("The questionnaire (.json)")))->required();
  show->add_option("--lang", *lang, Tr(N_("Language of the texts: zh or en (default: the interface language)")))
      ->check(CLI::IsMember({"zh", "en"}));
  show->callback([&chosen, sfile, lang] {
    chosen = [sfile, lang] {
      Questionnaire q = io::ReadFormFile(*sfile).TakeOrThrow();
      std::string l = !lang->empty() ? *lang : (CurrentLanguage() == "zh_CN" ? "zh" : "en");
      Out(ShowForm(q, l));
      return 0;
    };
  });

  auto* add = form->add_subcommand("add", Tr(N_("Store a questionnaire in a project (a new version when it changed)")));
  auto project = std::make_shared<std::string>();
  auto afile = std::make_shared<std::string>();
  add->add_option("PROJECT", *project, Tr(N_("The .manyi project file")))->required();
  add->add_option("FILE", *afile, Tr(N_("The questionnaire (.json)")))->required();
  add->callback([&chosen, project, afile] {
    chosen = [project, afile] {
      Questionnaire q = LoadValid(*afile);
      auto p = storage::Project::Open(*project).TakeOrThrow();
      storage::Transaction tx(p->Db());
      int64_t id = io::StoreQuestionnaire(*p, q);
      const long long version = p->Db().QueryInt("SELECT version FROM questionnaire WHERE id = " + std::to_string(id));
      tx.Commit();
      Out(Message(N_("Questionnaire {0} is stored in {1} as version {2}.")).Arg(q.id).Arg(*project).Arg(version).Text() + "\n");
      return 0;
    };
  });

  AddFormPrintCommand(form, chosen);
  AddFormInterchangeCommands(form, chosen);
}

/// Loads and checks a questionnaire for `manyi-cli new --form`.
Questionnaire LoadValidForm(const std::string& file) { return LoadValid(file); }

}  // namespace manyi::cli

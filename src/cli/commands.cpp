// The subcommands of manyi-cli.
#include "cli/commands.h"

#include <cstdio>
#include <iostream>

#include "cli/report_command.h"
#include "cli/import_commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/paths.h"
#include "io/demo_project.h"
#include "io/form_json.h"
#include "report/project_summary.h"
#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::cli {

namespace fs = std::filesystem;

void Out(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stdout);
  std::fflush(stdout);
}
void Err(const std::string& text) {
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::fflush(stderr);
}

namespace {

void PrintFacts(const storage::ProjectFacts& facts) {
  for (const report::ResultTable& t : report::FactsTables(facts)) Out(report::RenderText(t) + "\n");
}

void AddCheck(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("check", Tr(N_("Check a project file's integrity without changing it")));
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, Tr(N_("The .manyi project file to check")))->required();
  cmd->callback([&chosen, file] {
    chosen = [file] {
      storage::CheckReport report = storage::CheckProjectFile(*file);
      if (!report.Ok()) {
        Err(Message(N_("{0}: the check found {1} problem(s):")).Arg(*file).Arg(static_cast<long long>(report.problems.size())).Text() + "\n");
        for (const Message& m : report.problems) Err("  - " + m.Text() + "\n");
        Err(Tr(N_("The file was not changed. Restore it from a backup if it is damaged.")) + "\n");
        return 1;
      }
      Out(Message(N_("{0}: no problems found.")).Arg(*file).Text() + "\n\n");
      if (report.facts) PrintFacts(*report.facts);
      return 0;
    };
  });
}

void AddNew(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("new", Tr(N_("Create a new, empty project file")));
  auto file = std::make_shared<std::string>();
  auto name = std::make_shared<std::string>();
  auto form = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, Tr(N_("The .manyi project file to create (must not exist)")))->required();
  cmd->add_option("--name", *name, Tr(N_("A name for the survey programme (default: the file name)")));
  cmd->add_option("--form", *form, Tr(N_("A questionnaire (.json) to store in the new project")));
  cmd->callback([&chosen, file, name, form] {
    chosen = [file, name, form] {
      std::string projectName = name->empty() ? fs::path(*file).stem().string() : *name;
      std::optional<Questionnaire> q;
      if (!form->empty()) q = LoadValidForm(*form);  // before creating anything
      auto project = storage::Project::Create(*file, projectName).TakeOrThrow();
      if (q) {
        storage::Transaction tx(project->Db());
        io::StoreQuestionnaire(*project, *q);
        tx.Commit();
      }
      Out(Message(N_("Created the project {0}.")).Arg(*file).Text() + "\n");
      return 0;
    };
  });
}

void AddDemo(CLI::App& app, Action& chosen) {
  auto* cmd = app.add_subcommand("demo", Tr(N_("Build the demo project from the bundled data and print a summary")));
  auto out = std::make_shared<std::string>("manyi-demo");
  cmd->add_option("--out", *out, Tr(N_("Folder for the demo project (default: ./manyi-demo)")));
  cmd->callback([&chosen, out] {
    chosen = [out] {
      fs::path path = io::BuildDemoProject(ResourceDir("demo"), *out);
      auto project = storage::Project::Open(path).TakeOrThrow();
      Out(Message(N_("Demo project written to {0}")).Arg(fs::absolute(path).lexically_normal().string()).Text() + "\n\n");
      PrintFacts(project->Facts());
      for (const report::ResultTable& t : report::DemoSummaryTables(*project)) Out(report::RenderText(t) + "\n");
      return 0;
    };
  });
}

}  // namespace

void AddCommands(CLI::App& app, Action& chosen) {
  AddCheck(app, chosen);
  AddDemo(app, chosen);
  AddNew(app, chosen);
  AddFormCommands(app, chosen);
  AddAnalyzeCommand(app, chosen);
  AddIndexCommand(app, chosen);
  AddReportCommand(app, chosen);
  AddFieldworkCommands(app, chosen);
  AddImportCommands(app, chosen);
  AddWeightCommand(app, chosen);
}

}  // namespace manyi::cli

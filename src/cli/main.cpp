// manyi-cli: entry point — language set-up, argument parsing, and the exit-code contract
// (0 ok, 1 user error, 2 internal error).
#include <clocale>
#include <iostream>

#include "cli/commands.h"
#include "cli/translate_help.h"
#include "core/error.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/version.h"

int main(int argc, char** argv) {
  using namespace manyi;
  std::setlocale(LC_ALL, "");
  std::setlocale(LC_NUMERIC, "C");  // all numbers we read and write use '.' whatever the user's locale
  InstallCatalogTranslator(LocaleDir(), DetectLanguage());

  CLI::App app(cli::Tr(N_("Manyi (满意): customer-satisfaction surveys from questionnaire to Excel report.")), "manyi-cli");
  app.set_help_flag("-h,--help", cli::Tr(N_("Print this help message and exit")));
  bool showVersion = false;
  app.add_flag("-V,--version", showVersion, cli::Tr(N_("Print the version and exit")));
  app.footer(cli::Tr(N_("Run `manyi-cli COMMAND --help` for the options of a command. Documentation: docs/cli.md.")));
  cli::Action action;
  cli::AddCommands(app, action);
  cli::TranslateHelp(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    if (showVersion) {
      cli::Out(std::string("manyi-cli ") + kVersion + "\n");
      return 0;
    }
    cli::Err(Message(N_("Error: {0}")).Arg(e.what()).Text() + "\n" +
             cli::Tr(N_("Run `manyi-cli --help` to see the commands and their options.")) + "\n");
    return 1;
  }
  if (showVersion) {
    cli::Out(std::string("manyi-cli ") + kVersion + "\n");
    return 0;
  }
  if (!action) {
    cli::Err(cli::Tr(N_("No command given. Run `manyi-cli --help` to see the commands.")) + "\n");
    return 1;
  }
  try {
    return action();
  } catch (const UserError& e) {
    cli::Err(Message(N_("Error: {0}")).Arg(e.GetMessage()).Text() + "\n");
    return 1;
  } catch (const std::exception& e) {
    cli::Err(Message(N_("Internal error: {0}. This is a bug in Manyi; please report it with the command you ran.")).Arg(e.what()).Text() + "\n");
    return 2;
  }
}

// Translated help output for CLI11.
#include "cli/translate_help.h"

#include "core/message.h"

namespace manyi::cli {

std::string Tr(const char* msgid) { return Translate(msgid); }

namespace {
void TranslateGroups(CLI::App& app) {
  for (CLI::Option* opt : app.get_options()) {
    if (opt->get_group() == "Options") opt->group(Tr(N_("Options")));
  }
  for (CLI::App* sub : app.get_subcommands({})) {
    if (sub->get_group() == "Subcommands") sub->group(Tr(N_("Subcommands")));
    TranslateGroups(*sub);
  }
}
}  // namespace

void TranslateHelp(CLI::App& app) {
  auto fmt = std::make_shared<CLI::Formatter>();
  fmt->label("Usage", Tr(N_("Usage")));
  fmt->label("OPTIONS", Tr(N_("OPTIONS")));
  fmt->label("SUBCOMMAND", Tr(N_("SUBCOMMAND")));
  fmt->label("SUBCOMMANDS", Tr(N_("SUBCOMMANDS")));
  fmt->label("Positionals", Tr(N_("Positionals")));
  fmt->label("REQUIRED", Tr(N_("REQUIRED")));
  fmt->label("TEXT", Tr(N_("TEXT")));
  fmt->label("FILE", Tr(N_("FILE")));
  fmt->label("DIR", Tr(N_("DIR")));
  fmt->label("Excludes", Tr(N_("Excludes")));
  fmt->label("Needs", Tr(N_("Needs")));
  fmt->column_width(34);
  app.formatter(fmt);
  TranslateGroups(app);
}

}  // namespace manyi::cli

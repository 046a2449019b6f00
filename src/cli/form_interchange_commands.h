// `manyi-cli form import` and `manyi-cli form export`: XLSForm and LimeSurvey interchange.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/commands.h"

namespace manyi::cli {

/// Adds `import` and `export` under the `form` subcommand.
void AddFormInterchangeCommands(CLI::App* form, Action& chosen);

}  // namespace manyi::cli

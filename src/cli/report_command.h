// `manyi-cli report`: an Excel report of a project from a template in reports/.
#pragma once

#include "cli/commands.h"

namespace manyi::cli {

/// Adds `manyi-cli report PROJECT --template NAME [--lang zh|en|both] [--client NAME] [--logo FILE]
/// [--data-sheet] -o OUT.xlsx`.
void AddReportCommand(CLI::App& app, Action& chosen);

}  // namespace manyi::cli

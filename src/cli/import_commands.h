// `manyi-cli frame import`, `manyi-cli import` (responses, dry run, undo, list) and
// `manyi-cli export --responses / --rejected`.
#pragma once

#include "cli/commands.h"

namespace manyi::cli {

/// Adds the frame, import and export commands.
void AddImportCommands(CLI::App& app, Action& chosen);

}  // namespace manyi::cli

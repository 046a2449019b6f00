// `manyi-cli mail`, `entry` and `calls` (entry_commands.cpp), registered with the fieldwork commands.
#pragma once

#include "cli/commands.h"

namespace manyi::cli {

/// Adds `mail return|undeliverable|sent`, `entry` and `calls` to app.
void AddEntryCommands(CLI::App& app, Action& chosen);

}  // namespace manyi::cli

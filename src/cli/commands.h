// The subcommands of manyi-cli: each registers its options and runs with translated output.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "core/questionnaire.h"
#include "storage/project.h"

namespace manyi::cli {

/// What a subcommand does once parsing succeeded; returns the exit code.
using Action = std::function<int()>;

/// Adds every subcommand to app; the chosen one stores its action in `chosen`.
void AddCommands(CLI::App& app, Action& chosen);

/// `manyi-cli analyze` (analyze_command.cpp).
void AddAnalyzeCommand(CLI::App& app, Action& chosen);

/// `manyi-cli index` (index_command.cpp).
void AddIndexCommand(CLI::App& app, Action& chosen);

/// `manyi-cli sample …` and `manyi-cli rates` (fieldwork_commands.cpp).
void AddFieldworkCommands(CLI::App& app, Action& chosen);

/// `manyi-cli form …` (form_commands.cpp).
void AddFormCommands(CLI::App& app, Action& chosen);

/// `manyi-cli weight …` (weight_command.cpp).
void AddWeightCommand(CLI::App& app, Action& chosen);

/// Reads a questionnaire and throws UserError listing its errors when it is not valid.
Questionnaire LoadValidForm(const std::string& file);

/// Writes text to standard output / error (UTF-8).
void Out(const std::string& text);
void Err(const std::string& text);

}  // namespace manyi::cli

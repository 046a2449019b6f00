// Makes CLI11's help output speak the user's language (labels, group names, help flag).
#pragma once

#include <CLI/CLI.hpp>

namespace manyi::cli {

/// Shorthand for translating a literal marked for extraction.
std::string Tr(const char* msgid);

/// Installs translated labels on app's formatter and translated group names / help flags on app
/// and its subcommands (call after all options are added).
void TranslateHelp(CLI::App& app);

}  // namespace manyi::cli

// Builds the demo project from the data bundled with Manyi (data/demo: questionnaire, sample
// frame and a two-wave mixed-mode set of responses).
#pragma once

#include <filesystem>

namespace manyi::io {

/// Creates <outDir>/demo.manyi from the CSV and JSON files in dataDir, replacing an earlier demo
/// project there (it is built under a temporary name and renamed, so a failure leaves nothing
/// half-written). Returns the project's path. Throws UserError naming file, row and column when
/// the bundled data is unreadable.
std::filesystem::path BuildDemoProject(const std::filesystem::path& dataDir, const std::filesystem::path& outDir);

}  // namespace manyi::io

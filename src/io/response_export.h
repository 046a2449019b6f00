// Exporting a project's raw responses: CSV (codes or labels) and SPSS .sav (through ReadStat), one
// column per variable, multi-select as one 0/1 column per option, personal data only on request.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/error.h"
#include "storage/project.h"

namespace manyi::io {

enum class ExportFormat { kCsv, kSav };

/// The format of an export from `--format` ("csv", "sav"; "" = from the extension of out).
/// Throws UserError for an unknown format or an extension that says none.
ExportFormat ChooseExportFormat(const std::string& format, const std::filesystem::path& out);

struct ResponseExportOptions {
  /// CSV: answer labels in this language ("zh"/"en") instead of codes, "" = codes.
  /// SAV: the language of variable and value labels (codes are always the values).
  std::string lang;
  /// Adds the customer's name, contact person, phone, e-mail and address (customer_contact).
  bool includePersonal = false;
};

/// Writes the responses of the project's newest questionnaire to out (CSV: UTF-8 with BOM, text
/// cells a spreadsheet would run as a formula neutralised; SAV: UTF-8 character encoding, variable
/// and value labels, measurement levels, user-missing codes, strings for free text). The file
/// appears only when complete. Returns the number of responses written.
Result<int64_t> ExportResponses(storage::Project& project, const std::filesystem::path& out, ExportFormat format,
                                const ResponseExportOptions& options);

}  // namespace manyi::io

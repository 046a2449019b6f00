// XLSForm (ODK / KoBoToolbox form definitions) import and export: survey, choices and settings
// sheets in .xlsx, .xls or pyxform's one-file CSV form; expressions converted between XLSForm's
// XPath dialect and Manyi's expression language. Also the format-detecting ImportForm.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/error.h"
#include "core/questionnaire.h"

namespace manyi::io {

/// A questionnaire read from another tool's format, with what could not be taken over.
struct ImportedForm {
  Questionnaire form;
  /// Warnings and features not converted, each saying what and where (file, sheet, row, column).
  std::vector<Message> report;
};

/// Reads an XLSForm (.xlsx, .xls, or the CSV form with sheet names in the first column).
/// Fails with a message for files that are not forms (no survey sheet, duplicate column header,
/// no type/name column); anything that is imported partially is listed in the report.
Result<ImportedForm> ImportXlsForm(const std::filesystem::path& file);
/// The same over the bytes of an .xlsx workbook or a CSV form (`csv` selects which), for tests
/// and fuzzing; `origin` names the input in messages.
Result<ImportedForm> ImportXlsFormBytes(const std::string& bytes, bool csv, const std::string& origin);

/// Writes the questionnaire as an XLSForm: .xlsx (survey, choices, settings sheets) or .csv (the
/// one-file CSV form), chosen by the extension. Texts go to `label::Chinese (zh)` /
/// `label::English (en)` columns; Manyi types and roles that XLSForm lacks go to `manyi_*`
/// columns so that importing the file again restores them. Returns the export report (what had
/// to be simplified); throws UserError when the file cannot be written.
std::vector<Message> ExportXlsForm(const Questionnaire& form, const std::filesystem::path& file);

/// The formats ImportForm recognises by content.
enum class FormFormat { kUnknown, kXlsx, kXls, kXlsFormCsv, kLimeSurveyLss, kLimeSurveyTxt, kLimeSurveyLsa, kQueXml };
/// Looks at the bytes (zip members, OLE2 signature, XML root element, first line), not the name.
FormFormat DetectFormFormat(const std::filesystem::path& file);
/// Imports any questionnaire format Manyi reads (XLSForm, LimeSurvey .lss/.lsa/.txt).
Result<ImportedForm> ImportForm(const std::filesystem::path& file);

/// The expression dialects converted between.
enum class ExprDialect {
  kManyi,       ///< core/expression.h
  kXlsForm,     ///< ODK XPath: ${q} = 'a', selected(${q}, 'a'), not(…), count-selected(…)
  kLimeSurvey,  ///< ExpressionScript: Q1.NAOK == "A1", !is_empty(Q2), &&, ||
};

/// How names and answer values are translated during a conversion.
struct ExprMapping {
  /// Source item name → target item name; nullopt when the item is not known (not convertible).
  std::function<std::optional<std::string>(const std::string& name)> item;
  /// A choice value of `item` (already mapped) written in the source → in the target (choice
  /// name ↔ numeric code); nullopt leaves the value as it is.
  std::function<std::optional<std::string>(const std::string& item, const std::string& value)> code;
  /// LimeSurvey: a sub-question variable (Q2_SQ001) → {item, option code} of a multiple choice.
  std::function<std::optional<std::pair<std::string, std::string>>(const std::string& name)> option;
  /// The item a constraint belongs to ("." in selected(., 'a') refers to it).
  std::string self;
};

/// Converts an expression; on failure the message says what could not be converted.
std::variant<std::string, Message> ConvertExpression(const std::string& text, ExprDialect from, ExprDialect to,
                                                     const ExprMapping& mapping);

}  // namespace manyi::io

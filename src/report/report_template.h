// Report templates (reports/*.json, docs/reports.md): which sheets a report has, which analyses
// feed each sheet and which charts it shows; and the report content built from a project in one
// language, ready for the Excel writer.
#pragma once

#include <ctime>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "io/dataset.h"
#include "report/result_table.h"
#include "storage/project.h"

namespace manyi::report {

/// The native charts a section can show; each reads one table of its section.
enum class ChartType {
  kIndexBars,      ///< bars of an index or mean per group with CI whiskers (csi, descriptives, nps, csat, ces)
  kHeatmap,        ///< the table pivoted to rows × columns of a two-variable `by`, coloured by value
  kQuadrant,       ///< importance–performance scatter with the two cut lines (drivers)
  kTrend,          ///< lines across the groups (waves), one per variable (descriptives, csi, nps)
  kNpsStacked,     ///< promoters / passives / detractors as stacked bars (nps)
  kResponseRates,  ///< responses per frame customer, stacked by channel (the response table)
};

/// One chart of a section: its type, the index of the table it reads and its title.
struct ChartSpec {
  ChartType type = ChartType::kIndexBars;
  size_t table = 0;
  std::string title;
};

/// What a sheet holds.
enum class SectionKind { kTables, kCover, kData };

/// One sheet of a report, all texts in the report's language.
struct Section {
  SectionKind kind = SectionKind::kTables;
  std::string id;     ///< the template's section id (stable across languages)
  std::string sheet;  ///< sheet name: at most 31 characters, none of []:*?/\ (the writer enforces it)
  std::string title;
  std::string text;   ///< an introduction under the title (may be empty)
  std::vector<ResultTable> tables;
  std::vector<ChartSpec> charts;
  std::vector<std::pair<std::string, std::string>> coverLines;  ///< kCover: label and value
  std::filesystem::path logo;                                    ///< kCover: image file (PNG/JPEG), may be empty
  std::shared_ptr<const io::Dataset> data;                       ///< kData: the responses (no personal data)
};

/// The texts the workbook writer adds itself, in the report's language ({0}: an argument).
struct WriterTexts {
  std::string chartData = "Chart data: {0}";
  std::string cutAtMean = "Cut at the mean";
  std::string heatmapNote = "Figure shown: {0}. Colours run from red (lowest) through yellow to green (highest).";
};

/// A report in one language.
struct Report {
  std::string language;  ///< "zh" or "en"
  std::string title;
  std::string fingerprint;  ///< SHA-256 of the data the report was built from (io::Dataset)
  std::vector<Section> sections;
  WriterTexts texts;
};

/// A parsed template and where it came from.
struct ReportTemplate {
  std::string name;             ///< file stem ("management-review")
  std::filesystem::path file;
  nlohmann::json json;
};

/// What the user supplies beyond the project (command-line options).
struct ReportInputs {
  std::string client;                ///< --client (templates may require it)
  std::filesystem::path logo;        ///< --logo
  bool dataSheet = false;            ///< include the raw-response sheet even when the template does not
  std::time_t created = 0;           ///< the report's date (fixed for byte-stable output)
  std::string weightScheme;          ///< a stored weighting scheme ("" = unweighted)
};

/// Finds a template: a path to a .json file, or the name of a file in ResourceDir("reports")
/// ("management-review" or "management-review.json"). Parses and checks it; throws UserError
/// naming the template and the field that is wrong, or listing the templates there are.
ReportTemplate LoadReportTemplate(const std::string& nameOrPath);

/// The names of the templates in ResourceDir("reports"), sorted.
std::vector<std::string> ListReportTemplates();

/// Builds the report content of a template over a project in one language ("zh" or "en"). The
/// process translator must already speak that language (the CLI switches it for `--lang both`).
/// Throws UserError for a missing variable (--client), an unreadable logo or a failing analysis.
/// beforeSection, when given, is called before each section is computed (section from 0 of
/// sections): the run's progress, and where it may stop by throwing.
Report BuildReport(const ReportTemplate& tmpl, storage::Project& project, const ReportInputs& inputs, const std::string& lang,
                   const std::function<void(size_t section, size_t sections)>& beforeSection = {});

/// The report creation time: $MANYI_FIXED_TIME (seconds since 1970, or YYYY-MM-DDTHH:MM:SSZ) when
/// set, so that output is byte-stable, else now.
std::time_t ReportCreationTime();

}  // namespace manyi::report

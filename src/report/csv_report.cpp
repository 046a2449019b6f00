// Report tables as CSV files.
#include "report/csv_report.h"

#include <cstdio>
#include <fstream>

#include "core/error.h"
#include "report/analysis.h"

namespace manyi::report {

namespace fs = std::filesystem;

std::vector<fs::path> WriteReportCsv(const std::vector<Report>& reports, const fs::path& folder) {
  std::error_code ec;
  fs::create_directories(folder, ec);
  if (ec || !fs::is_directory(folder))
    throw UserError(Message(N_("Cannot make the folder {0} for the CSV files. Choose a folder you can write to.")).Arg(folder.string()));
  std::vector<fs::path> written;
  for (const Report& report : reports) {
    const std::string suffix = reports.size() > 1 ? "." + report.language + ".csv" : ".csv";
    for (size_t s = 0; s < report.sections.size(); ++s) {
      const Section& sec = report.sections[s];
      for (size_t t = 0; t < sec.tables.size(); ++t) {
        char number[24];
        std::snprintf(number, sizeof number, "%02zu", s + 1);
        const fs::path file = folder / (std::string(number) + "-" + sec.id + "-" + std::to_string(t + 1) + suffix);
        const std::string csv = RenderCsv({sec.tables[t]});
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(csv.data(), std::streamsize(csv.size()));
        out.close();
        if (!out)
          throw UserError(Message(N_("Cannot write {0}. Check the folder, its permissions and the free disk space.")).Arg(file.string()));
        written.push_back(file);
      }
    }
  }
  return written;
}

}  // namespace manyi::report

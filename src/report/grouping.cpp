// Grouping of rows by categorical variables (see grouping.h).
#include "report/grouping.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/message.h"
#include "core/text.h"

namespace manyi::report {

namespace {

std::string ValueLabel(const io::DataColumn& c, double v) {
  auto it = c.valueLabels.find(v);
  return it != c.valueLabels.end() ? it->second : FormatNumber(v);
}

}  // namespace

Grouping GroupRows(const io::Dataset& d, const std::vector<const io::DataColumn*>& by) {
  Grouping g;
  for (const auto* c : by) g.names.push_back(c->name);
  g.rowGroup.assign(d.rows, 0);
  if (by.empty()) {
    g.labels = {Translate(N_("All respondents"))};
    return g;
  }
  // Codes of each grouping variable in order; missing last.
  std::vector<std::vector<double>> codes(by.size());
  std::vector<bool> hasMissing(by.size(), false);
  for (size_t k = 0; k < by.size(); ++k) {
    // A sorted vector of the codes seen, and the last code looked up: a grouping variable has a
    // few dozen codes over up to a million rows, where a std::set insert per row cost 0.1 s.
    std::vector<double>& seen = codes[k];
    for (const auto& [code, label] : by[k]->valueLabels) seen.push_back(code);  // empty groups shown too
    double last = std::numeric_limits<double>::quiet_NaN();
    for (double v : by[k]->values) {
      if (std::isnan(v)) {
        hasMissing[k] = true;
      } else if (v != last) {
        auto at = std::lower_bound(seen.begin(), seen.end(), v);
        if (at == seen.end() || *at != v) seen.insert(at, v);
        last = v;
      }
    }
    g.levels.push_back(codes[k].size() + (hasMissing[k] ? 1 : 0));
    std::vector<std::string> labels;
    for (double code : codes[k]) labels.push_back(ValueLabel(*by[k], code));
    if (hasMissing[k]) labels.push_back(by[k]->missingLabel.empty() ? Translate(N_("(not answered)")) : by[k]->missingLabel);
    g.levelLabels.push_back(std::move(labels));
  }
  const size_t second = by.size() > 1 ? g.levels[1] : 1;
  for (size_t i = 0; i < g.levels[0]; ++i)
    for (size_t j = 0; j < second; ++j)
      g.labels.push_back(by.size() > 1 ? g.levelLabels[0][i] + " × " + g.levelLabels[1][j] : g.levelLabels[0][i]);
  auto levelOf = [&](size_t k, double v) -> size_t {
    if (std::isnan(v)) return codes[k].size();
    return size_t(std::lower_bound(codes[k].begin(), codes[k].end(), v) - codes[k].begin());
  };
  for (size_t r = 0; r < d.rows; ++r) {
    size_t l0 = levelOf(0, by[0]->values[r]);
    size_t l1 = by.size() > 1 ? levelOf(1, by[1]->values[r]) : 0;
    g.rowGroup[r] = std::uint32_t(l0 * second + l1);
  }
  return g;
}

}  // namespace manyi::report

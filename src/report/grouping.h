// Rows split into groups by up to two categorical variables (crossed), shared by the analysis specs
// and `manyi-cli index`: every labelled code is a group (empty groups too) and rows whose grouping
// value is missing form their own group instead of being dropped (an unknown region is shown).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "io/dataset.h"

namespace manyi::report {

struct Grouping {
  std::vector<std::string> names;       ///< the grouping variables
  std::vector<std::string> labels;      ///< per group: "青岛 × H"
  std::vector<std::uint32_t> rowGroup;  ///< per row
  /// Per grouping variable: the number of levels (codes, then the missing level when present), so
  /// group g of a crossed grouping is level g / levels[1] of the first and g % levels[1] of the second.
  std::vector<std::size_t> levels;
  std::vector<std::vector<std::string>> levelLabels;  ///< per grouping variable, per level
  std::size_t Count() const { return labels.size(); }
};

/// Groups the rows of d by the given columns (none: one group "All respondents"). The missing level
/// is labelled with the column's missingLabel, else "(not answered)".
Grouping GroupRows(const io::Dataset& d, const std::vector<const io::DataColumn*>& by);

}  // namespace manyi::report

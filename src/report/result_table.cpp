// Plain-text rendering of result tables for the command line.
#include "report/result_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/text.h"

namespace manyi::report {

namespace {
std::string Fixed(double v, int decimals) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  return std::string(buf, p);
}
}  // namespace

std::string FormatCell(const Cell& cell) {
  std::string s;
  switch (cell.kind) {
    case CellKind::kText: s = cell.text; break;
    case CellKind::kCount: s = Fixed(std::round(cell.value), 0); break;
    case CellKind::kNumber: s = Fixed(cell.value, cell.decimals); break;
    case CellKind::kPercent: s = Fixed(cell.value * 100, cell.decimals) + "%"; break;
    case CellKind::kIndex: s = Fixed(cell.value, cell.decimals); break;
    case CellKind::kMissing: s = "—"; break;
    case CellKind::kSuppressed: s = "*"; break;
  }
  if (cell.flagged) s += " †";
  return s;
}

std::string RenderText(const ResultTable& table) {
  const size_t ncol = table.columns.size();
  std::vector<std::vector<std::string>> grid;
  grid.push_back(table.columns);
  for (const auto& row : table.rows) {
    std::vector<std::string> line;
    for (const Cell& c : row) line.push_back(FormatCell(c));
    line.resize(ncol);
    grid.push_back(std::move(line));
  }
  std::vector<size_t> width(ncol, 0);
  for (const auto& line : grid)
    for (size_t i = 0; i < ncol; ++i) width[i] = std::max(width[i], DisplayWidth(line[i]));
  // A column is right-aligned (header included) when its cells are numbers.
  std::vector<bool> numericColumn(ncol, false);
  for (const auto& row : table.rows)
    for (size_t i = 1; i < ncol && i < row.size(); ++i)
      if (row[i].kind != CellKind::kText) numericColumn[i] = true;
  std::string out = table.title + "\n";
  auto rule = [&] {
    for (size_t i = 0; i < ncol; ++i) out += std::string(width[i] + (i ? 2 : 0), '-');
    out += "\n";
  };
  for (size_t r = 0; r < grid.size(); ++r) {
    if (r == 0) rule();
    for (size_t i = 0; i < ncol; ++i) {
      const std::string& s = grid[r][i];
      const size_t pad = width[i] - DisplayWidth(s);
      const bool numeric = numericColumn[i];
      if (i) out += "  ";
      if (numeric) out += std::string(pad, ' ') + s;
      else out += s + (i + 1 < ncol ? std::string(pad, ' ') : "");
    }
    out += "\n";
    if (r == 0) rule();
  }
  rule();
  for (const std::string& f : table.footnotes) out += f + "\n";
  return out;
}

}  // namespace manyi::report

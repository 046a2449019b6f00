// Renderer-neutral result tables (PSPP's pivot-table idea, flattened): a title, column headers,
// rows of typed cells and footnotes, rendered later to text, CSV, Excel or the GUI.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/message.h"

namespace manyi::report {

/// What a cell holds; the renderer chooses the format from the kind.
enum class CellKind { kText, kCount, kNumber, kPercent, kIndex, kMissing, kSuppressed };

/// One cell. Numbers keep full precision; `decimals` is the display precision.
struct Cell {
  CellKind kind = CellKind::kMissing;
  std::string text;  ///< kText (already in the output language)
  double value = 0;  ///< kCount, kNumber, kPercent (0–1), kIndex (0–100)
  int decimals = 2;
  bool flagged = false;  ///< small base: shown with a marker and a footnote

  static Cell Text(std::string t) { Cell c; c.kind = CellKind::kText; c.text = std::move(t); return c; }
  static Cell Count(double v) { Cell c; c.kind = CellKind::kCount; c.value = v; c.decimals = 0; return c; }
  static Cell Number(double v, int decimals = 2) { Cell c; c.kind = CellKind::kNumber; c.value = v; c.decimals = decimals; return c; }
  static Cell Percent(double share, int decimals = 1) { Cell c; c.kind = CellKind::kPercent; c.value = share; c.decimals = decimals; return c; }
  static Cell Index(double v) { Cell c; c.kind = CellKind::kIndex; c.value = v; c.decimals = 1; return c; }
  static Cell Missing() { return Cell(); }
  static Cell Suppressed() { Cell c; c.kind = CellKind::kSuppressed; return c; }
  /// A number, or missing when v is empty.
  static Cell Maybe(const std::optional<double>& v, int decimals = 2) { return v ? Number(*v, decimals) : Missing(); }
};

/// A result table. Header texts and row cells are already in the output language.
struct ResultTable {
  std::string id;                    ///< stable key ("responses_by_channel")
  std::string title;
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::string> footnotes;
};

/// The display text of a cell in C-locale digits ("—" for missing, "*" for suppressed).
std::string FormatCell(const Cell& cell);

/// Renders a table as aligned plain text for a terminal (CJK characters count double width).
std::string RenderText(const ResultTable& table);

}  // namespace manyi::report

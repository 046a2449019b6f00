// Tests of result-table cell formatting and plain-text rendering.
#include <gtest/gtest.h>

#include "report/result_table.h"

using namespace manyi::report;

TEST(Cells, FormatByKindInTheCLocale) {
  EXPECT_EQ(FormatCell(Cell::Count(1483)), "1483");
  EXPECT_EQ(FormatCell(Cell::Number(7.256, 2)), "7.26");
  EXPECT_EQ(FormatCell(Cell::Percent(0.4567)), "45.7%");
  EXPECT_EQ(FormatCell(Cell::Index(55.92593)), "55.9");
  EXPECT_EQ(FormatCell(Cell::Missing()), "—");
  EXPECT_EQ(FormatCell(Cell::Suppressed()), "*");
  EXPECT_EQ(FormatCell(Cell::Maybe(std::nullopt)), "—");
  Cell small = Cell::Number(6.5, 1);
  small.flagged = true;
  EXPECT_EQ(FormatCell(small), "6.5 †");
}

TEST(RenderText, AlignsChineseAndNumbers) {
  ResultTable t;
  t.title = "T";
  t.columns = {"地区", "n"};
  t.rows = {{Cell::Text("青岛"), Cell::Count(443)}, {Cell::Text("Jinan"), Cell::Count(74)}};
  t.footnotes = {"note"};
  EXPECT_EQ(RenderText(t),
            "T\n"
            "----------\n"
            "地区     n\n"
            "----------\n"
            "青岛   443\n"
            "Jinan   74\n"
            "----------\n"
            "note\n");
}

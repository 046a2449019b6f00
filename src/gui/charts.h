// Charts of analysis results drawn with wxGraphicsContext: a heatmap of an index over two
// groupings, a ranking with confidence intervals (error bars), the importance–performance
// quadrant, a bar chart and a trend line across waves. Each chart keeps the numbers it draws, so tests assert on values.
#pragma once

#include <wx/colour.h>
#include <wx/window.h>

#include <optional>
#include <string>
#include <vector>

class wxGraphicsContext;

namespace manyi::gui {

/// A value of a heatmap cell, ranking row or bar; nullopt = missing or suppressed (shown as text).
using ChartValue = std::optional<double>;

/// An index by two groupings (rows × columns).
struct HeatmapData {
  wxString title;
  std::vector<wxString> rows, columns;
  std::vector<std::vector<ChartValue>> values;  ///< [row][column]
  std::vector<std::vector<wxString>> marks;     ///< "*" suppressed, "†" small base, "" otherwise
  double low = 0, high = 100;                   ///< the colour scale's ends
};

/// Groups ranked by a value with its confidence interval.
struct RankingData {
  wxString title, axis;
  std::vector<wxString> labels;  ///< best first
  std::vector<double> values, lower, upper;
  wxString unshownNote;           ///< what the groups without an estimate have in common
  std::vector<wxString> unshown;  ///< groups with respondents but without an estimate (suppressed)
};

/// Attributes placed by performance (x) and importance (y), cut into four quadrants.
struct QuadrantData {
  wxString title, xAxis, yAxis;
  std::vector<wxString> labels;
  std::vector<double> performance, importance;
  double xCut = 0, yCut = 0;  ///< the means: where the quadrants meet
  std::vector<wxString> quadrantNames;  ///< top-left, top-right, bottom-left, bottom-right
};

/// Bars with a category each (the colour).
struct BarData {
  wxString title, axis;
  std::vector<wxString> labels;
  std::vector<double> values;
  std::vector<int> category;              ///< index into categoryNames / colours
  std::vector<wxString> categoryNames;
  std::vector<wxColour> categoryColours;
};

/// A value followed across waves: the estimate with its confidence interval per wave, and whether
/// it changed significantly from the previous wave.
struct TrendData {
  wxString title, axis;
  std::vector<wxString> labels;          ///< the waves, in order
  std::vector<ChartValue> values, lower, upper;
  std::vector<bool> significant;         ///< change from the previous wave significant
  wxString significantNote;              ///< the legend of the significance marker
};

/// The base of the charts: sizes itself from its text (nothing clipped in either language),
/// paints with a wxGraphicsContext.
class Chart : public wxWindow {
 public:
  Chart(wxWindow* parent, const wxString& name);

 protected:
  virtual void Draw(wxGraphicsContext& gc, const wxSize& size) = 0;
  /// Text size in the chart's font.
  wxSize Extent(const wxString& text) const;
  /// Text size in the bold font the titles are drawn in.
  wxSize TitleExtent(const wxString& text) const;
  wxSize DoGetBestClientSize() const override = 0;

 private:
  void OnPaint(wxPaintEvent& event);
};

class HeatmapChart : public Chart {
 public:
  HeatmapChart(wxWindow* parent, HeatmapData data);
  const HeatmapData& Data() const { return m_data; }
  /// The fill colour of a value (low red → high green).
  wxColour ColourOf(double value) const;

 protected:
  void Draw(wxGraphicsContext& gc, const wxSize& size) override;
  wxSize DoGetBestClientSize() const override;

 private:
  int CellWidth() const;
  int RowLabelWidth() const;
  int ColumnLabelHeight() const;
  HeatmapData m_data;
};

class RankingChart : public Chart {
 public:
  RankingChart(wxWindow* parent, RankingData data);
  const RankingData& Data() const { return m_data; }

 protected:
  void Draw(wxGraphicsContext& gc, const wxSize& size) override;
  wxSize DoGetBestClientSize() const override;

 private:
  RankingData m_data;
};

class QuadrantChart : public Chart {
 public:
  QuadrantChart(wxWindow* parent, QuadrantData data);
  const QuadrantData& Data() const { return m_data; }

 protected:
  void Draw(wxGraphicsContext& gc, const wxSize& size) override;
  wxSize DoGetBestClientSize() const override;

 private:
  /// The number a point is labelled with (its place in the legend).
  static wxString Key(size_t i);
  int LegendWidth() const;
  int LegendHeight() const;
  QuadrantData m_data;
};

class BarChart : public Chart {
 public:
  BarChart(wxWindow* parent, BarData data);
  const BarData& Data() const { return m_data; }

 protected:
  void Draw(wxGraphicsContext& gc, const wxSize& size) override;
  wxSize DoGetBestClientSize() const override;

 private:
  BarData m_data;
};

/// A line over the waves with the confidence interval of each point as an error bar; points whose
/// change from the previous wave is significant are drawn as rings around the dot.
class TrendChart : public Chart {
 public:
  TrendChart(wxWindow* parent, TrendData data);
  const TrendData& Data() const { return m_data; }

 protected:
  void Draw(wxGraphicsContext& gc, const wxSize& size) override;
  wxSize DoGetBestClientSize() const override;

 private:
  int AxisLabelWidth() const;
  int SlotWidth() const;
  TrendData m_data;
};

/// "12.3" for a chart label (one decimal, C locale digits like the tables).
wxString ChartNumber(double value, int decimals = 1);

}  // namespace manyi::gui

// Chart drawing.
#include "gui/charts.h"

#include <wx/dcbuffer.h>
#include <wx/dcclient.h>
#include <wx/geometry.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>

#include "core/text.h"
#include "gui/wx_text.h"

namespace manyi::gui {

namespace {

/// Round numbers for an axis from lo to hi: about `count` steps of 1, 2 or 5 × 10^k.
struct Axis {
  double lo = 0, hi = 1, step = 1;
};

Axis NiceAxis(double lo, double hi, int count = 6) {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const double raw = (hi - lo) / count;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * magnitude) {
      step = m * magnitude;
      break;
    }
  return {std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

wxColour Text() { return wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT); }
wxColour Grey() { return wxColour(160, 160, 160); }

}  // namespace

wxString ChartNumber(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);  // the GUI keeps the C numeric locale
  return wxString::FromUTF8(buffer);
}

Chart::Chart(wxWindow* parent, const wxString& name) : wxWindow(parent, wxID_ANY) {
  SetName(name);
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
  Bind(wxEVT_PAINT, &Chart::OnPaint, this);
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    Refresh();
    event.Skip();
  });
}

wxSize Chart::Extent(const wxString& text) const {
  wxClientDC dc(const_cast<Chart*>(this));
  dc.SetFont(GetFont());
  return dc.GetMultiLineTextExtent(text);
}

wxSize Chart::TitleExtent(const wxString& text) const {
  wxClientDC dc(const_cast<Chart*>(this));
  dc.SetFont(GetFont().Bold());
  return dc.GetMultiLineTextExtent(text);
}

void Chart::OnPaint(wxPaintEvent&) {
  wxAutoBufferedPaintDC dc(this);
  dc.SetBackground(wxBrush(GetBackgroundColour()));
  dc.Clear();
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  gc->SetAntialiasMode(wxANTIALIAS_DEFAULT);
  Draw(*gc, GetClientSize());
}

// ---- heatmap ----

HeatmapChart::HeatmapChart(wxWindow* parent, HeatmapData data) : Chart(parent, "heatmap_chart"), m_data(std::move(data)) {
  SetInitialSize(DoGetBestClientSize());
}

int HeatmapChart::CellWidth() const { return std::max(Extent("100.0†").x + FromDIP(8), FromDIP(36)); }

int HeatmapChart::RowLabelWidth() const {
  int w = 0;
  for (const wxString& r : m_data.rows) w = std::max(w, Extent(r).x);
  return w + FromDIP(12);
}

int HeatmapChart::ColumnLabelHeight() const {
  // Column labels are drawn turned by 90°: their length is the height they need.
  int h = 0;
  for (const wxString& c : m_data.columns) h = std::max(h, Extent(c).x);
  return h + FromDIP(12);
}

wxSize HeatmapChart::DoGetBestClientSize() const {
  const int lineH = Extent("Ag").y;
  const int cellH = lineH + FromDIP(8);
  return wxSize(RowLabelWidth() + CellWidth() * int(m_data.columns.size()) + FromDIP(16),
                lineH + FromDIP(10) + ColumnLabelHeight() + cellH * int(m_data.rows.size()) + lineH * 2 + FromDIP(24));
}

wxColour HeatmapChart::ColourOf(double value) const {
  // A diverging red–yellow–green scale over the observed range.
  const double span = m_data.high - m_data.low;
  double t = span > 0 ? (value - m_data.low) / span : 0.5;
  t = std::clamp(t, 0.0, 1.0);
  auto mix = [](int a, int b, double f) { return (unsigned char)std::lround(a + (b - a) * f); };
  if (t < 0.5) {
    const double f = t / 0.5;
    return wxColour(mix(215, 254, f), mix(48, 224, f), mix(39, 139, f));
  }
  const double f = (t - 0.5) / 0.5;
  return wxColour(mix(254, 26, f), mix(224, 152, f), mix(139, 80, f));
}

void HeatmapChart::Draw(wxGraphicsContext& gc, const wxSize&) {
  const wxFont font = GetFont();
  gc.SetFont(font, Text());
  const int lineH = Extent("Ag").y;
  const int cellW = CellWidth(), cellH = lineH + FromDIP(8);
  const int left = RowLabelWidth();
  int y = FromDIP(4);
  gc.SetFont(font.Bold(), Text());
  gc.DrawText(m_data.title, FromDIP(4), y);
  gc.SetFont(font, Text());
  y += lineH + FromDIP(6);
  const int top = y + ColumnLabelHeight();
  for (size_t c = 0; c < m_data.columns.size(); ++c) {
    // Turned text reads bottom to top, its baseline at the cell's centre.
    const double x = left + cellW * double(c) + (cellW - lineH) / 2.0;
    gc.DrawText(m_data.columns[c], x, top - FromDIP(6), M_PI / 2);
  }
  for (size_t r = 0; r < m_data.rows.size(); ++r) {
    const double ry = top + cellH * double(r);
    gc.DrawText(m_data.rows[r], FromDIP(4), ry + (cellH - lineH) / 2.0);
    for (size_t c = 0; c < m_data.columns.size(); ++c) {
      const double x = left + cellW * double(c);
      const ChartValue& v = m_data.values[r][c];
      gc.SetPen(wxPen(GetBackgroundColour()));
      gc.SetBrush(v ? wxBrush(ColourOf(*v)) : wxBrush(wxColour(235, 235, 235)));
      gc.DrawRectangle(x, ry, cellW, cellH);
      const wxString mark = r < m_data.marks.size() && c < m_data.marks[r].size() ? m_data.marks[r][c] : wxString();
      const wxString text = v ? ChartNumber(*v) + mark : (mark.empty() ? wxString::FromUTF8("—") : mark);
      double tw = 0, th = 0;
      gc.SetFont(font, v ? *wxBLACK : Grey());
      gc.GetTextExtent(text, &tw, &th);
      gc.DrawText(text, x + (cellW - tw) / 2, ry + (cellH - th) / 2);
      gc.SetFont(font, Text());
    }
  }
  // Legend: the scale's ends.
  const double ly = top + cellH * double(m_data.rows.size()) + FromDIP(10);
  const int steps = 10, swatch = FromDIP(18);
  gc.DrawText(ChartNumber(m_data.low), left - Extent(ChartNumber(m_data.low)).x - FromDIP(4), ly);
  for (int i = 0; i < steps; ++i) {
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(ColourOf(m_data.low + (m_data.high - m_data.low) * (i + 0.5) / steps)));
    gc.DrawRectangle(left + swatch * i, ly, swatch, lineH);
  }
  gc.DrawText(ChartNumber(m_data.high), left + swatch * steps + FromDIP(4), ly);
}

// ---- ranking with error bars ----

RankingChart::RankingChart(wxWindow* parent, RankingData data) : Chart(parent, "ranking_chart"), m_data(std::move(data)) {
  SetInitialSize(DoGetBestClientSize());
}

wxSize RankingChart::DoGetBestClientSize() const {
  int labelW = 0;
  for (const wxString& l : m_data.labels) labelW = std::max(labelW, Extent(l).x);
  const int lineH = Extent("Ag").y;
  const int rowH = lineH + FromDIP(6);
  int notes = m_data.unshown.empty() ? 0 : lineH * 2;
  return wxSize(std::max(labelW + FromDIP(460), TitleExtent(m_data.title).x + FromDIP(16)),
                lineH * 3 + FromDIP(30) + rowH * int(m_data.labels.size()) + notes);
}

void RankingChart::Draw(wxGraphicsContext& gc, const wxSize& size) {
  const wxFont font = GetFont();
  const int lineH = Extent("Ag").y;
  const int rowH = lineH + FromDIP(6);
  int labelW = 0;
  for (const wxString& l : m_data.labels) labelW = std::max(labelW, Extent(l).x);
  gc.SetFont(font.Bold(), Text());
  gc.DrawText(m_data.title, FromDIP(4), FromDIP(4));
  gc.SetFont(font, Text());
  if (m_data.labels.empty()) return;
  double lo = *std::min_element(m_data.lower.begin(), m_data.lower.end());
  double hi = *std::max_element(m_data.upper.begin(), m_data.upper.end());
  const Axis axis = NiceAxis(lo, hi);
  const double left = labelW + FromDIP(16), right = size.x - FromDIP(24);
  const double top = lineH + FromDIP(14);
  const double bottom = top + rowH * double(m_data.labels.size());
  auto X = [&](double v) { return left + (v - axis.lo) / (axis.hi - axis.lo) * (right - left); };
  // Grid and axis labels.
  gc.SetPen(wxPen(wxColour(225, 225, 225)));
  for (double t = axis.lo; t <= axis.hi + axis.step / 2; t += axis.step) {
    gc.StrokeLine(X(t), top, X(t), bottom);
    const wxString label = ChartNumber(t, axis.step < 1 ? 1 : 0);
    gc.DrawText(label, X(t) - Extent(label).x / 2.0, bottom + FromDIP(4));
  }
  gc.DrawText(m_data.axis, left + (right - left - Extent(m_data.axis).x) / 2, bottom + lineH + FromDIP(8));
  const wxColour bar(49, 130, 189);
  for (size_t i = 0; i < m_data.labels.size(); ++i) {
    const double cy = top + rowH * (double(i) + 0.5);
    gc.DrawText(m_data.labels[i], left - FromDIP(8) - Extent(m_data.labels[i]).x, cy - lineH / 2.0);
    // The interval as a line with end ticks, the estimate as a dot.
    gc.SetPen(wxPen(bar, FromDIP(2)));
    gc.StrokeLine(X(m_data.lower[i]), cy, X(m_data.upper[i]), cy);
    gc.StrokeLine(X(m_data.lower[i]), cy - rowH / 4.0, X(m_data.lower[i]), cy + rowH / 4.0);
    gc.StrokeLine(X(m_data.upper[i]), cy - rowH / 4.0, X(m_data.upper[i]), cy + rowH / 4.0);
    gc.SetBrush(wxBrush(bar));
    const double r = FromDIP(4);
    gc.DrawEllipse(X(m_data.values[i]) - r, cy - r, 2 * r, 2 * r);
  }
  if (!m_data.unshown.empty()) {
    wxString text = m_data.unshownNote;
    for (size_t i = 0; i < m_data.unshown.size(); ++i) text += (i ? ", " : " ") + m_data.unshown[i];
    gc.SetFont(font, Grey());
    gc.DrawText(text, FromDIP(4), bottom + lineH * 2 + FromDIP(14));
  }
}

// ---- importance–performance quadrant ----

QuadrantChart::QuadrantChart(wxWindow* parent, QuadrantData data) : Chart(parent, "quadrant_chart"), m_data(std::move(data)) {
  SetInitialSize(DoGetBestClientSize());
}

wxSize QuadrantChart::DoGetBestClientSize() const {
  int nameW = 0;
  for (const wxString& q : m_data.quadrantNames) nameW = std::max(nameW, Extent(q).x);
  const int lineH = Extent("Ag").y;
  const int side = std::max(FromDIP(420), nameW * 2 + FromDIP(40));
  return wxSize(side + lineH * 2 + FromDIP(56) + LegendWidth(), std::max(side + lineH * 4 + FromDIP(30), LegendHeight()));
}

wxString QuadrantChart::Key(size_t i) { return wxString::Format("%zu", i + 1); }

int QuadrantChart::LegendWidth() const {
  int w = 0;
  for (size_t i = 0; i < m_data.labels.size(); ++i) w = std::max(w, Extent(Key(i) + "  " + m_data.labels[i]).x);
  return w + FromDIP(24);
}

int QuadrantChart::LegendHeight() const { return (Extent("Ag").y + FromDIP(4)) * int(m_data.labels.size() + 2); }

void QuadrantChart::Draw(wxGraphicsContext& gc, const wxSize& size) {
  const wxFont font = GetFont();
  const int lineH = Extent("Ag").y;
  gc.SetFont(font.Bold(), Text());
  gc.DrawText(m_data.title, FromDIP(4), FromDIP(4));
  gc.SetFont(font, Text());
  if (m_data.labels.empty()) return;
  auto range = [](const std::vector<double>& v, double cut) {
    double lo = std::min(cut, *std::min_element(v.begin(), v.end())), hi = std::max(cut, *std::max_element(v.begin(), v.end()));
    const double pad = (hi - lo) * 0.15 + 1e-9;
    return NiceAxis(lo - pad, hi + pad, 5);
  };
  const Axis ax = range(m_data.performance, m_data.xCut), ay = range(m_data.importance, m_data.yCut);
  const double left = lineH * 2 + FromDIP(40), right = size.x - FromDIP(16) - LegendWidth();
  const double top = lineH + FromDIP(16), bottom = size.y - lineH * 2 - FromDIP(16);
  auto X = [&](double v) { return left + (v - ax.lo) / (ax.hi - ax.lo) * (right - left); };
  auto Y = [&](double v) { return bottom - (v - ay.lo) / (ay.hi - ay.lo) * (bottom - top); };
  gc.SetPen(wxPen(Grey()));
  gc.SetBrush(*wxTRANSPARENT_BRUSH);
  gc.DrawRectangle(left, top, right - left, bottom - top);
  for (double t = ax.lo; t <= ax.hi + ax.step / 2; t += ax.step) {
    const wxString l = ChartNumber(t, ax.step < 1 ? 1 : 0);
    gc.DrawText(l, X(t) - Extent(l).x / 2.0, bottom + FromDIP(2));
  }
  for (double t = ay.lo; t <= ay.hi + ay.step / 2; t += ay.step) {
    const wxString l = ChartNumber(t, ay.step < 1 ? 1 : 0);
    gc.DrawText(l, left - Extent(l).x - FromDIP(4), Y(t) - lineH / 2.0);
  }
  gc.DrawText(m_data.xAxis, left + (right - left - Extent(m_data.xAxis).x) / 2, bottom + lineH + FromDIP(6));
  gc.DrawText(m_data.yAxis, FromDIP(4), top + (bottom - top + Extent(m_data.yAxis).x) / 2, M_PI / 2);
  // The cuts at the means, and the quadrants' names in their corners.
  gc.SetPen(wxPen(wxColour(120, 120, 120), 1, wxPENSTYLE_SHORT_DASH));
  gc.StrokeLine(X(m_data.xCut), top, X(m_data.xCut), bottom);
  gc.StrokeLine(left, Y(m_data.yCut), right, Y(m_data.yCut));
  if (m_data.quadrantNames.size() == 4) {
    gc.SetFont(font.Italic(), Grey());
    const double pad = FromDIP(4);
    gc.DrawText(m_data.quadrantNames[0], left + pad, top + pad);
    gc.DrawText(m_data.quadrantNames[1], right - pad - Extent(m_data.quadrantNames[1]).x, top + pad);
    gc.DrawText(m_data.quadrantNames[2], left + pad, bottom - pad - lineH);
    gc.DrawText(m_data.quadrantNames[3], right - pad - Extent(m_data.quadrantNames[3]).x, bottom - pad - lineH);
    gc.SetFont(font, Text());
  }
  // Points carry numbers; the legend beside the plot names them (attribute texts are long).
  const wxColour dot(214, 39, 40);
  std::vector<wxRect2DDouble> taken;
  for (size_t i = 0; i < m_data.labels.size(); ++i) {
    const double x = X(m_data.performance[i]), y = Y(m_data.importance[i]);
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(dot));
    const double r = FromDIP(4);
    gc.DrawEllipse(x - r, y - r, 2 * r, 2 * r);
    const int w = Extent(Key(i)).x;
    const double lx = x + r + FromDIP(3) + w > right ? x - r - FromDIP(3) - w : x + r + FromDIP(3);
    // Points that (nearly) coincide would print their numbers on top of each other: the later
    // number moves down until it has room.
    wxRect2DDouble box(lx, y - lineH / 2.0, w, lineH);
    for (bool moved = true; moved;) {
      moved = false;
      for (const wxRect2DDouble& other : taken)
        if (box.Intersects(other)) {
          box.m_y = other.GetBottom() + 1;
          moved = true;
        }
    }
    taken.push_back(box);
    gc.DrawText(Key(i), box.m_x, box.m_y);
    gc.DrawText(Key(i) + "  " + m_data.labels[i], right + FromDIP(16), top + (lineH + FromDIP(4)) * double(i));
  }
}

// ---- bars ----

BarChart::BarChart(wxWindow* parent, BarData data) : Chart(parent, "bar_chart"), m_data(std::move(data)) {
  SetInitialSize(DoGetBestClientSize());
}

wxSize BarChart::DoGetBestClientSize() const {
  int labelW = 0;
  for (const wxString& l : m_data.labels) labelW = std::max(labelW, Extent(l).x);
  int legendW = 0;
  for (const wxString& n : m_data.categoryNames) legendW += Extent(n).x + FromDIP(36);
  const int lineH = Extent("Ag").y;
  const int barW = std::max(labelW + FromDIP(10), Extent("100.0%").x + FromDIP(6));
  return wxSize(std::max({barW * int(m_data.labels.size()) + FromDIP(80), legendW + FromDIP(20), TitleExtent(m_data.title).x + FromDIP(16)}),
                FromDIP(300) + lineH * 5);
}

void BarChart::Draw(wxGraphicsContext& gc, const wxSize& size) {
  const wxFont font = GetFont();
  const int lineH = Extent("Ag").y;
  gc.SetFont(font.Bold(), Text());
  gc.DrawText(m_data.title, FromDIP(4), FromDIP(4));
  gc.SetFont(font, Text());
  if (m_data.values.empty()) return;
  const Axis axis = NiceAxis(0, *std::max_element(m_data.values.begin(), m_data.values.end()), 5);
  const double left = Extent(ChartNumber(axis.hi, 0)).x + FromDIP(14), right = size.x - FromDIP(10);
  const double top = lineH * 3 + FromDIP(18), bottom = size.y - lineH * 2 - FromDIP(14);
  auto Y = [&](double v) { return bottom - (v - axis.lo) / (axis.hi - axis.lo) * (bottom - top); };
  gc.SetPen(wxPen(wxColour(225, 225, 225)));
  for (double t = axis.lo; t <= axis.hi + axis.step / 2; t += axis.step) {
    gc.StrokeLine(left, Y(t), right, Y(t));
    const wxString l = ChartNumber(t, axis.step < 1 ? 1 : 0);
    gc.DrawText(l, left - Extent(l).x - FromDIP(4), Y(t) - lineH / 2.0);
  }
  gc.DrawText(m_data.axis, left, bottom + lineH + FromDIP(6));
  // Legend under the title.
  double lx = FromDIP(4);
  for (size_t k = 0; k < m_data.categoryNames.size(); ++k) {
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(m_data.categoryColours[k]));
    gc.DrawRectangle(lx, lineH + FromDIP(10), FromDIP(14), lineH - FromDIP(2));
    gc.DrawText(m_data.categoryNames[k], lx + FromDIP(18), lineH + FromDIP(8));
    lx += Extent(m_data.categoryNames[k]).x + FromDIP(36);
  }
  const double slot = (right - left) / double(m_data.values.size());
  for (size_t i = 0; i < m_data.values.size(); ++i) {
    const double x = left + slot * double(i);
    const int category = i < m_data.category.size() ? m_data.category[i] : 0;
    gc.SetPen(*wxTRANSPARENT_PEN);
    gc.SetBrush(wxBrush(size_t(category) < m_data.categoryColours.size() ? m_data.categoryColours[size_t(category)] : wxColour(49, 130, 189)));
    gc.DrawRectangle(x + slot * 0.15, Y(m_data.values[i]), slot * 0.7, bottom - Y(m_data.values[i]));
    const wxString v = ChartNumber(m_data.values[i]);
    gc.DrawText(v, x + (slot - Extent(v).x) / 2, Y(m_data.values[i]) - lineH - FromDIP(2));
    gc.DrawText(m_data.labels[i], x + (slot - Extent(m_data.labels[i]).x) / 2, bottom + FromDIP(3));
  }
}

// ---- trend across waves ----

TrendChart::TrendChart(wxWindow* parent, TrendData data) : Chart(parent, "trend_chart"), m_data(std::move(data)) {
  SetInitialSize(DoGetBestClientSize());
}

int TrendChart::AxisLabelWidth() const { return Extent("100.0").x + FromDIP(10); }

int TrendChart::SlotWidth() const {
  int w = FromDIP(90);
  for (const wxString& l : m_data.labels) w = std::max(w, Extent(l).x + FromDIP(16));
  return w;
}

wxSize TrendChart::DoGetBestClientSize() const {
  const int lineH = Extent("Ag").y;
  const int plotW = std::max(FromDIP(420), SlotWidth() * int(std::max<size_t>(m_data.labels.size(), 1)));
  // The axis title runs along the plot's height.
  const int titleW = TitleExtent(m_data.title).x;
  const int width = std::max({lineH + AxisLabelWidth() + plotW + FromDIP(24), titleW + FromDIP(16),
                              // the legend starts where the plot does, after its ring
                              lineH + FromDIP(8) + AxisLabelWidth() + FromDIP(16 + 8 + 16) + Extent(m_data.significantNote).x});
  const int plotH = std::max(FromDIP(260), Extent(m_data.axis).x + FromDIP(20));
  return wxSize(width, lineH * 5 + FromDIP(40) + plotH);
}

void TrendChart::Draw(wxGraphicsContext& gc, const wxSize& size) {
  const wxFont font = GetFont();
  const int lineH = Extent("Ag").y;
  gc.SetFont(font.Bold(), Text());
  gc.DrawText(m_data.title, FromDIP(4), FromDIP(4));
  gc.SetFont(font, Text());
  double lo = 100, hi = 0;
  bool any = false;
  for (size_t i = 0; i < m_data.labels.size(); ++i) {
    if (!m_data.values[i]) continue;
    any = true;
    lo = std::min(lo, m_data.lower[i].value_or(*m_data.values[i]));
    hi = std::max(hi, m_data.upper[i].value_or(*m_data.values[i]));
  }
  if (!any) return;
  const Axis axis = NiceAxis(lo, hi, 5);
  // The axis title is drawn turned by 90° left of the axis numbers.
  const double left = lineH + FromDIP(8) + AxisLabelWidth(), right = size.x - FromDIP(16);
  const double top = lineH + FromDIP(20), bottom = size.y - lineH * 3 - FromDIP(24);
  auto Y = [&](double v) { return bottom - (v - axis.lo) / (axis.hi - axis.lo) * (bottom - top); };
  const double slot = (right - left) / double(std::max<size_t>(m_data.labels.size(), 1));
  auto X = [&](size_t i) { return left + slot * (double(i) + 0.5); };
  gc.SetPen(wxPen(wxColour(225, 225, 225)));
  for (double t = axis.lo; t <= axis.hi + axis.step / 2; t += axis.step) {
    gc.StrokeLine(left, Y(t), right, Y(t));
    const wxString label = ChartNumber(t, axis.step < 1 ? 1 : 0);
    gc.DrawText(label, left - FromDIP(6) - Extent(label).x, Y(t) - lineH / 2.0);
  }
  gc.DrawText(m_data.axis, FromDIP(4), (top + bottom + Extent(m_data.axis).x) / 2, M_PI / 2);
  for (size_t i = 0; i < m_data.labels.size(); ++i)
    gc.DrawText(m_data.labels[i], X(i) - Extent(m_data.labels[i]).x / 2.0, bottom + FromDIP(6));
  const wxColour line(49, 130, 189), marked(230, 85, 13);
  // The line joins the waves that have an estimate (a wave without one leaves a gap).
  gc.SetPen(wxPen(line, FromDIP(2)));
  for (size_t i = 1; i < m_data.labels.size(); ++i)
    if (m_data.values[i - 1] && m_data.values[i]) gc.StrokeLine(X(i - 1), Y(*m_data.values[i - 1]), X(i), Y(*m_data.values[i]));
  const double tick = FromDIP(6), r = FromDIP(4);
  for (size_t i = 0; i < m_data.labels.size(); ++i) {
    if (!m_data.values[i]) {
      gc.SetFont(font, Grey());
      gc.DrawText("—", X(i) - Extent("—").x / 2.0, bottom - lineH - FromDIP(4));
      gc.SetFont(font, Text());
      continue;
    }
    gc.SetPen(wxPen(line, FromDIP(1)));
    if (m_data.lower[i] && m_data.upper[i]) {
      gc.StrokeLine(X(i), Y(*m_data.lower[i]), X(i), Y(*m_data.upper[i]));
      gc.StrokeLine(X(i) - tick, Y(*m_data.lower[i]), X(i) + tick, Y(*m_data.lower[i]));
      gc.StrokeLine(X(i) - tick, Y(*m_data.upper[i]), X(i) + tick, Y(*m_data.upper[i]));
    }
    const bool sig = i < m_data.significant.size() && m_data.significant[i];
    gc.SetBrush(wxBrush(sig ? marked : line));
    gc.SetPen(wxPen(sig ? marked : line, FromDIP(1)));
    gc.DrawEllipse(X(i) - r, Y(*m_data.values[i]) - r, 2 * r, 2 * r);
    if (sig) {
      gc.SetBrush(*wxTRANSPARENT_BRUSH);
      gc.SetPen(wxPen(marked, FromDIP(2)));
      gc.DrawEllipse(X(i) - 2 * r, Y(*m_data.values[i]) - 2 * r, 4 * r, 4 * r);
    }
    const wxString v = ChartNumber(*m_data.values[i]);
    gc.DrawText(v, X(i) + tick + FromDIP(2), Y(*m_data.values[i]) - lineH - FromDIP(2));
  }
  // Legend of the significance marker.
  const double ly = bottom + lineH + FromDIP(16);
  gc.SetBrush(*wxTRANSPARENT_BRUSH);
  gc.SetPen(wxPen(marked, FromDIP(2)));
  gc.DrawEllipse(left, ly + lineH / 2.0 - 2 * r, 4 * r, 4 * r);
  gc.DrawText(m_data.significantNote, left + 4 * r + FromDIP(8), ly);
}

}  // namespace manyi::gui

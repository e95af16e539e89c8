#include "ui/charts.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <memory>

#include "ui/wxutil.h"

namespace sb::ui {

namespace {

double TextWidth(wxGraphicsContext* gc, const wxString& s) {
  double w = 0, h = 0;
  gc->GetTextExtent(s, &w, &h);
  return w;
}

// Pixel position of `value` on an axis of `extent` pixels for values 0..max: integer
// arithmetic, so money never passes through floating point.
int Scale(int64_t value, int64_t max, int extent) {
  if (max <= 0) return 0;
  __int128 v = static_cast<__int128>(std::max<int64_t>(0, value)) * extent;
  return static_cast<int>(v / max);
}

// A "nice" axis maximum ≥ v: 1, 2 or 5 × 10^k (in fen for money).
int64_t NiceMax(int64_t v) {
  int64_t step = 1;
  while (step * 10 <= v) step *= 10;
  for (int64_t m : {1, 2, 5, 10})
    if (step * m >= v) return step * m;
  return step * 10;
}

void DrawLegend(wxGraphicsContext* gc, int x, int y, const wxString& name, const wxColour& c,
                bool dashed) {
  gc->SetPen(wxPen(c, 3, dashed ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
  gc->StrokeLine(x, y + 8, x + 24, y + 8);
  gc->DrawText(name, x + 30, y);
}

}  // namespace

LineChart::LineChart(wxWindow* parent, const wxString& title)
    : wxPanel(parent, wxID_ANY), title_(title) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(420, 240)));
  Bind(wxEVT_PAINT, &LineChart::OnPaint, this);
}

void LineChart::SetData(std::vector<wxString> xLabels, std::vector<Series> series) {
  x_ = std::move(xLabels);
  series_ = std::move(series);
  Refresh();
}

void LineChart::OnPaint(wxPaintEvent&) {
  wxAutoBufferedPaintDC dc(this);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  wxSize sz = GetClientSize();
  wxFont font = GetFont();
  gc->SetFont(font, *wxBLACK);
  double tw, th;
  gc->GetTextExtent(U8("100%"), &tw, &th);
  int left = static_cast<int>(tw) + 12, top = static_cast<int>(th) * 3 + 14;  // room for two legend lines
  int bottom = sz.y - static_cast<int>(th) * 2 - 10, right = sz.x - 12;
  gc->SetFont(font.Bold(), *wxBLACK);
  gc->DrawText(title_, left, 4);
  gc->SetFont(font, *wxBLACK);
  if (bottom <= top || right <= left) return;
  int h = bottom - top, w = right - left;

  for (int pct = 0; pct <= 100; pct += 20) {
    int y = bottom - h * pct / 100;
    gc->SetPen(wxPen(wxColour(220, 220, 220), 1));
    gc->StrokeLine(left, y, right, y);
    wxString label = wxString::Format("%d%%", pct);
    double lw, lh;
    gc->GetTextExtent(label, &lw, &lh);
    gc->DrawText(label, left - lw - 4, y - lh / 2);
  }
  gc->SetPen(wxPen(*wxBLACK, 1));
  gc->StrokeLine(left, bottom, right, bottom);
  gc->StrokeLine(left, top, left, bottom);
  if (x_.empty()) {
    gc->DrawText(TR("暂无进度数据"), left + 10, top + h / 2);
    return;
  }
  size_t n = x_.size();
  auto xAt = [&](size_t i) { return n == 1 ? left + w / 2 : left + static_cast<int>(w * i / (n - 1)); };
  // As many month labels as fit without touching, the first and last inside the panel.
  double labelW = 0, lh = 0;
  for (const auto& label : x_) labelW = std::max(labelW, TextWidth(gc.get(), label));
  gc->GetTextExtent(U8("0"), &tw, &lh);
  size_t fit = std::max<size_t>(1, static_cast<size_t>(w / (labelW + 16)));
  size_t every = std::max<size_t>(1, (n + fit - 1) / fit);
  for (size_t i = 0; i < n; i += every) {
    double lw = TextWidth(gc.get(), x_[i]);
    double x = std::clamp(xAt(i) - lw / 2, 2.0, std::max(2.0, sz.x - lw - 2));
    gc->DrawText(x_[i], x, bottom + 4);
  }
  for (const auto& s : series_) {
    gc->SetPen(wxPen(s.colour, 2, s.dashed ? wxPENSTYLE_SHORT_DASH : wxPENSTYLE_SOLID));
    wxGraphicsPath path = gc->CreatePath();
    bool started = false;
    for (size_t i = 0; i < n && i < s.tenths.size(); ++i) {
      if (!s.tenths[i]) {
        started = false;  // a month without an entry is a gap, not a straight line across
        continue;
      }
      int y = bottom - static_cast<int>(static_cast<int64_t>(h) * *s.tenths[i] / 1000);
      if (!started) path.MoveToPoint(xAt(i), y);
      else path.AddLineToPoint(xAt(i), y);
      started = true;
    }
    gc->StrokePath(path);
  }
  // The legend after the title, continued on the next line when the panel is narrow.
  int lx = left + 8 + static_cast<int>(TextWidth(gc.get(), title_)) + 30;
  int ly = 4;
  for (const auto& s : series_) {
    int width = static_cast<int>(TextWidth(gc.get(), s.name)) + 30;
    if (lx + width > sz.x - 4 && lx > left) {
      lx = left;
      ly += static_cast<int>(th) + 4;
    }
    DrawLegend(gc.get(), lx, ly, s.name, s.colour, s.dashed);
    lx += width + 20;
  }
}

BarChart::BarChart(wxWindow* parent, const wxString& title)
    : wxPanel(parent, wxID_ANY), title_(title) {
  SetBackgroundStyle(wxBG_STYLE_PAINT);
  SetMinSize(FromDIP(wxSize(480, 160)));
  Bind(wxEVT_PAINT, &BarChart::OnPaint, this);
}

int BarChart::RowHeight() const {
  // One thin bar per series and a gap: the labels beside the bars set the bar height.
  int line = GetCharHeight();
  return static_cast<int>(std::max<size_t>(series_.size(), 1)) * (line + 2) + line / 2 + 6;
}

void BarChart::SetData(std::vector<wxString> categories, std::vector<Series> series) {
  // Largest first by the first series; equal ones keep their order.
  std::vector<size_t> order(categories.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto first = [&](size_t i) {
    return series.empty() || i >= series[0].values.size() ? int64_t{0} : series[0].values[i].fen();
  };
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return first(a) > first(b); });
  categories_.clear();
  for (size_t i : order) {
    wxString c = categories[i];
    c.Replace("\n", " ");
    categories_.push_back(c);
  }
  series_ = std::move(series);
  for (auto& s : series_) {
    std::vector<Money> v;
    for (size_t i : order) v.push_back(i < s.values.size() ? s.values[i] : Money());
    s.values = std::move(v);
  }
  int head = GetCharHeight() * 3 + FromDIP(12);
  SetMinSize(wxSize(FromDIP(480), head + RowHeight() * static_cast<int>(std::max<size_t>(categories_.size(), 1))));
  InvalidateBestSize();
  if (GetParent()) GetParent()->Layout();
  Refresh();
}

wxString BarChart::ValueLabel(size_t c, size_t s) const {
  if (s >= series_.size() || c >= series_[s].values.size()) return wxString();
  Money v = series_[s].values[c];
  wxString text = U8(v.FormatWan(2, 2)) + TR("万");
  if (s == 0) {
    int64_t total = 0;
    for (Money m : series_[0].values) total += std::max<int64_t>(m.fen(), 0);
    if (total > 0) {
      // Tenths of a percent, rounded, in integers: money never passes through floating point.
      __int128 tenths = (static_cast<__int128>(std::max<int64_t>(v.fen(), 0)) * 2000 + total) / (2 * total);
      text += wxString::Format(TR("（%lld.%lld%%）"), static_cast<long long>(tenths / 10),
                               static_cast<long long>(tenths % 10));
    }
  }
  return text;
}

void BarChart::OnPaint(wxPaintEvent&) {
  wxAutoBufferedPaintDC dc(this);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
  if (!gc) return;
  wxSize sz = GetClientSize();
  wxFont font = GetFont();
  double tw, th;
  gc->SetFont(font.Bold(), *wxBLACK);
  gc->GetTextExtent(title_, &tw, &th);
  const int pad = FromDIP(8);
  gc->DrawText(title_, pad, 4);
  gc->SetFont(font, *wxBLACK);
  // The legend under the title.
  int lx = pad, ly = static_cast<int>(th) + 8;
  for (const auto& s : series_) {
    gc->SetBrush(wxBrush(s.colour));
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->DrawRectangle(lx, ly + 2, 14, th - 4);
    gc->DrawText(s.name, lx + 18, ly);
    lx += static_cast<int>(TextWidth(gc.get(), s.name)) + 40;
  }
  const int top = ly + static_cast<int>(th) * 2;
  size_t nc = categories_.size(), ns = series_.size();
  if (nc == 0 || ns == 0) {
    gc->DrawText(TR("暂无数据"), pad + 10, top + 10);
    return;
  }
  // Category labels in a column of their own; the widest value label is kept free at the right.
  double labelW = 0, valueW = 0;
  for (size_t c = 0; c < nc; ++c) {
    labelW = std::max(labelW, TextWidth(gc.get(), categories_[c]));
    for (size_t s = 0; s < ns; ++s) valueW = std::max(valueW, TextWidth(gc.get(), ValueLabel(c, s)));
  }
  labelW = std::min<double>(labelW, sz.x / 3.0);
  const int left = pad + static_cast<int>(labelW) + pad;
  const int right = sz.x - pad - static_cast<int>(valueW) - 6;
  if (right <= left) return;
  int64_t maxFen = 1;
  for (const auto& s : series_)
    for (Money m : s.values) maxFen = std::max(maxFen, m.fen());
  const int w = right - left, row = RowHeight(), barH = static_cast<int>(th);
  const int bottom = top + row * static_cast<int>(nc);
  // Quarter lines of the scale, labelled above the bars.
  int64_t axisMax = NiceMax(maxFen);
  for (int k = 0; k <= 4; ++k) {
    int x = left + Scale(axisMax / 4 * k, maxFen, w);
    if (x > right) break;
    gc->SetPen(wxPen(wxColour(225, 225, 225), 1));
    gc->StrokeLine(x, top - 2, x, bottom);
    wxString label = U8(Money::FromFen(axisMax / 4 * k).FormatWan(0, 0)) + TR("万");
    double aw = TextWidth(gc.get(), label);
    gc->DrawText(label, std::max<double>(left, x - aw / 2), top - th - 4);
  }
  for (size_t c = 0; c < nc; ++c) {
    int y = top + row * static_cast<int>(c) + 3;
    wxString label = categories_[c];
    double lw = TextWidth(gc.get(), label);
    while (lw > labelW && label.length() > 2) {
      label = label.Left(label.length() - 2) + TR("…");
      lw = TextWidth(gc.get(), label);
    }
    gc->DrawText(label, left - pad - lw, y + (row - 6 - th) / 2);
    for (size_t s = 0; s < ns; ++s) {
      Money v = series_[s].values[c];
      int bw = std::max(1, Scale(v.fen(), maxFen, w));
      int by = y + static_cast<int>(s) * (barH + 2);
      gc->SetPen(*wxTRANSPARENT_PEN);
      gc->SetBrush(wxBrush(series_[s].colour));
      if (v.fen() > 0) gc->DrawRectangle(left, by, bw, barH);
      gc->DrawText(ValueLabel(c, s), left + (v.fen() > 0 ? bw : 0) + 4, by);
    }
  }
  gc->SetPen(wxPen(*wxBLACK, 1));
  gc->StrokeLine(left, top - 2, left, bottom);
}

}  // namespace sb::ui

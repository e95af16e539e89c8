#pragma once
/// Small charts drawn with wxGraphicsContext: clean, labelled, readable when printed.
#include <wx/colour.h>
#include <wx/panel.h>

#include <optional>
#include <vector>

#include "core/money.h"

namespace sb::ui {

/// Percentages over months: % complete, 序时进度, paid/budget.
class LineChart : public wxPanel {
 public:
  struct Series {
    wxString name;
    wxColour colour;
    std::vector<std::optional<int>> tenths;  ///< one per x label; nullopt = no point
    bool dashed = false;
  };
  LineChart(wxWindow* parent, const wxString& title);
  void SetData(std::vector<wxString> xLabels, std::vector<Series> series);

 private:
  void OnPaint(wxPaintEvent&);
  wxString title_;
  std::vector<wxString> x_;
  std::vector<Series> series_;
};

/// Money per category (e.g. per funding source: committed, received, paid) as horizontal
/// bars, one group per category, sorted by the first series (largest first), each bar
/// labelled with its amount (万元) and the first series with its share of the total: one
/// 30,000万 loan beside a 100万 fund leaves the small one readable.
class BarChart : public wxPanel {
 public:
  struct Series {
    wxString name;
    wxColour colour;
    std::vector<Money> values;  ///< one per category
  };
  BarChart(wxWindow* parent, const wxString& title);
  void SetData(std::vector<wxString> categories, std::vector<Series> series);
  /// The categories in the order drawn (top to bottom).
  const std::vector<wxString>& categories() const { return categories_; }
  /// The text beside bar `s` of category `c` ("2,400.00万（5.4%）").
  wxString ValueLabel(size_t c, size_t s) const;

 private:
  void OnPaint(wxPaintEvent&);
  int RowHeight() const;
  wxString title_;
  std::vector<wxString> categories_;
  std::vector<Series> series_;
};

}  // namespace sb::ui

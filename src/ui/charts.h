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

/// Grouped bars of money per category (e.g. per funding source: committed, received, paid).
class BarChart : public wxPanel {
 public:
  struct Series {
    wxString name;
    wxColour colour;
    std::vector<Money> values;  ///< one per category
  };
  BarChart(wxWindow* parent, const wxString& title);
  void SetData(std::vector<wxString> categories, std::vector<Series> series);

 private:
  void OnPaint(wxPaintEvent&);
  wxString title_;
  std::vector<wxString> categories_;
  std::vector<Series> series_;
};

}  // namespace sb::ui

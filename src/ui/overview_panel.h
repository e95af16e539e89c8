#pragma once
/// 县域总览: county totals, the four KPIs, funding gaps by cost category and township,
/// and a chart of funds committed, received and paid per funding source.
#include <wx/scrolwin.h>

#include "core/gaps.h"
#include "core/ledger.h"
#include "core/portfolio.h"

class wxStaticText;
class wxDataViewListCtrl;

namespace sb::ui {

class BarChart;

class OverviewPanel : public wxScrolledWindow {
 public:
  explicit OverviewPanel(wxWindow* parent);
  /// `ledger` is the portfolio's (the session's analysis): computed once, not again here.
  void Show(const Portfolio& portfolio, const Ledger& ledger, const GapSummary& gaps, Date asOf);
  void Clear();

  /// For tests: the texts shown.
  wxString KpiText(int index) const;
  wxString TotalsText() const;
  /// For tests: the by-county list (hidden with one county).
  wxDataViewListCtrl* countyList() const { return byCounty_; }
  BarChart* chart() { return chart_; }

 private:
  wxStaticText* title_ = nullptr;
  wxStaticText* totals_ = nullptr;
  wxString totalsText_;  ///< the sentence before wrapping to the panel's width
  void WrapTotals();
  wxStaticText* kpis_[4] = {};
  wxStaticText* kpiDetails_[4] = {};
  wxDataViewListCtrl* byCategory_ = nullptr;
  wxDataViewListCtrl* byTownship_ = nullptr;
  /// 按县（区）: shown only when the database holds several counties (a city's server).
  wxStaticText* countyHeading_ = nullptr;
  wxDataViewListCtrl* byCounty_ = nullptr;
  BarChart* chart_ = nullptr;
};

}  // namespace sb::ui

#include "ui/overview_panel.h"

#include <wx/dataview.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>

#include <map>

#include "core/kpi.h"
#include "core/ledger.h"
#include "core/rules.h"
#include "report/model.h"
#include "ui/charts.h"
#include "ui/list_util.h"
#include "ui/units.h"

namespace sb::ui {

namespace {
Money IdleTotal(const Portfolio& pf, const Ledger& ledger, Date asOf) {
  Money total;
  try {
    for (const IdleMoney& m : IdleMoneyOf(pf, ledger, asOf)) total += m.idle;
  } catch (const Error&) {
    // An unusable rule setting is reported by the warnings tab.
  }
  return total;
}
}  // namespace

namespace {
std::string Wan(Money m) { return Amount(m); }
const char* kKpiNames[4] = {TRN("开工率"), TRN("投资完成率"), TRN("资金到位率"), TRN("按期完工率")};
}  // namespace

OverviewPanel::OverviewPanel(wxWindow* parent) : wxScrolledWindow(parent, wxID_ANY) {
  SetScrollRate(0, 10);
  auto* top = new wxBoxSizer(wxVERTICAL);
  title_ = new wxStaticText(this, wxID_ANY, "");
  title_->SetFont(title_->GetFont().Bold().Larger());
  top->Add(title_, 0, wxALL, FromDIP(10));
  totals_ = new wxStaticText(this, wxID_ANY, "");
  top->Add(totals_, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(10));

  auto* kpiRow = new wxBoxSizer(wxHORIZONTAL);
  for (int i = 0; i < 4; ++i) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, this, TR(kKpiNames[i]));
    kpis_[i] = new wxStaticText(box->GetStaticBox(), wxID_ANY, TR("—"), wxDefaultPosition, wxDefaultSize,
                                wxALIGN_CENTER_HORIZONTAL | wxST_NO_AUTORESIZE);
    kpis_[i]->SetFont(kpis_[i]->GetFont().Bold().Scaled(1.6f));
    box->Add(kpis_[i], 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
    // The figure's detail ("（时间进度 83.3%）") on its own line: beside the large figure it
    // was cut off in a quarter of a 1024 px window.
    kpiDetails_[i] = new wxStaticText(box->GetStaticBox(), wxID_ANY, "", wxDefaultPosition, wxDefaultSize,
                                      wxALIGN_CENTER_HORIZONTAL | wxST_NO_AUTORESIZE);
    box->Add(kpiDetails_[i], 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(4));
    kpiRow->Add(box, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  }
  top->Add(kpiRow, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(10));

  auto* lists = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  auto* h1 = BoldHeading(this, TR("资金缺口（按费用类别，按已下达资金）"));
  left->Add(h1, 0, wxBOTTOM, FromDIP(4));
  byCategory_ = MakeList(this, {{TRN("费用类别"), 10}, {TRN("概算"), 13, true}, {TRN("已落实资金"), 13, true},
                                {TRN("缺口"), 13, true}});
  byCategory_->SetMinSize(FromDIP(wxSize(-1, 200)));
  left->Add(byCategory_, 1, wxEXPAND);
  lists->Add(left, 1, wxEXPAND | wxRIGHT, FromDIP(10));
  auto* right = new wxBoxSizer(wxVERTICAL);
  auto* h2 = BoldHeading(this, TR("资金缺口（按乡镇）"));
  right->Add(h2, 0, wxBOTTOM, FromDIP(4));
  byTownship_ = MakeList(this, {{TRN("乡镇"), 10}, {TRN("项目数"), 6, true}, {TRN("概算"), 13, true},
                                {TRN("缺口"), 12, true}, {TRN("用途受限缺口"), 15, true}});
  byTownship_->SetMinSize(FromDIP(wxSize(-1, 200)));
  right->Add(byTownship_, 1, wxEXPAND);
  lists->Add(right, 1, wxEXPAND);
  top->Add(lists, 0, wxEXPAND | wxALL, FromDIP(10));

  countyHeading_ = BoldHeading(this, TR("按县（区）"));
  top->Add(countyHeading_, 0, wxLEFT | wxRIGHT, FromDIP(10));
  byCounty_ = MakeList(this, {{TRN("县（区）"), 10}, {TRN("行政区划代码"), 8}, {TRN("项目数"), 6, true},
                              {TRN("概算"), 13, true}, {TRN("已下达"), 13, true}, {TRN("已到位"), 13, true},
                              {TRN("已拨付"), 13, true}, {TRN("开工率"), 8, true}, {TRN("投资完成率"), 8, true},
                              {TRN("资金到位率"), 8, true}, {TRN("按期完工率"), 8, true}});
  byCounty_->SetMinSize(FromDIP(wxSize(-1, 140)));
  top->Add(byCounty_, 0, wxEXPAND | wxALL, FromDIP(10));
  countyHeading_->Hide();
  byCounty_->Hide();

  chart_ = new BarChart(this, TR("各资金来源：已下达、已到位、已拨付（万元）"));
  top->Add(chart_, 1, wxEXPAND | wxALL, FromDIP(10));
  SetSizer(top);
  // The totals are one long sentence: wrapped to the width, not running past a 1024 px window.
  Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
    WrapTotals();
    e.Skip();
  });
}

void OverviewPanel::WrapTotals() {
  int width = GetClientSize().x - FromDIP(20);
  if (width <= 0) return;
  totals_->SetLabel(totalsText_);
  WrapText(totals_, width);
  Layout();
  FitInside();
}

void OverviewPanel::Clear() {
  title_->SetLabel(TR("县域总览"));
  totalsText_ = TR("未打开数据库");
  WrapTotals();
  for (auto* k : kpis_) k->SetLabel(TR("—"));
  for (auto* k : kpiDetails_) k->SetLabel("");
  byCategory_->DeleteAllItems();
  byTownship_->DeleteAllItems();
  byCounty_->DeleteAllItems();
  countyHeading_->Hide();
  byCounty_->Hide();
  chart_->SetData({}, {});
}

void OverviewPanel::Show(const Portfolio& pf, const Ledger& ledger, const GapSummary& gaps, Date asOf) {
  // A city's database: every county together (the list by county is below).
  wxString county = pf.counties.size() > 1 ? TR("各县（区）") : U8(pf.settings.Text("county_name", ""));
  title_->SetLabel(wxString::Format(TR("%s教育系统基建项目总览（截至 %s）"), county, FormatDate(asOf)));
  Money received, paid;  // the ledger's, as the list and the report show them
  for (const auto& p : ledger.projects) {
    received += p.received;
    paid += p.paid;
  }
  const GapTotals& c = gaps.county;
  wxString u = UnitName();
  totalsText_ = (wxString::Format(
      TR("项目 %zu 个；概算总投资 %s %s；已下达 %s %s；已到位 %s %s；已拨付 %s %s；"
         "资金缺口 %s %s（%d 个项目有费用无资金可付，合计 %s %s）"),
      pf.projects.size(), Wan(c.budget), u, Wan(c.funds), u, Wan(received), u, Wan(paid), u,
      Wan(c.shortfall), u, c.projectsWithGap, Wan(c.uncovered), u) +
      // Money that arrived long ago and lies unspent: the audit finding 资金闲置 (IDLE_FUNDS).
      wxString::Format(TR("；闲置资金 %s %s"), Wan(IdleTotal(pf, ledger, asOf)), u));
  WrapTotals();
  Kpis k = ComputeKpis(pf, asOf);
  const Ratio* rs[4] = {&k.startRate, &k.investmentRate, &k.fundsReceivedRate, &k.onTimeRate};
  for (int i = 0; i < 4; ++i) {
    wxString detail = i == 0 || i == 3 ? wxString::Format(TR("（%lld/%lld）"),
                                                          static_cast<long long>(rs[i]->numerator),
                                                          static_cast<long long>(rs[i]->denominator))
                                       : wxString();
    // The year's plan is judged against the time elapsed (N/12), as a bulletin says it.
    if (i == 1) detail = wxString::Format(TR("（时间进度 %s）"), U8(k.TimeElapsed().Format()));
    kpis_[i]->SetLabel(U8(rs[i]->Format()));
    kpiDetails_[i]->SetLabel(detail);
  }

  byCategory_->DeleteAllItems();
  for (size_t i = 0; i < kCostCategoryCount; ++i) {
    if (c.budgetByCategory[i].IsZero() && c.uncoveredByCategory[i].IsZero()) continue;
    AppendRow(byCategory_, {ListCell::Named(EnumAt<CostCategory>(i)), c.budgetByCategory[i],
                            c.coveredByCategory[i], c.uncoveredByCategory[i]});
  }
  byTownship_->DeleteAllItems();
  for (const auto& t : gaps.townships)
    AppendRow(byTownship_, {t.township, ListCell::Count(t.totals.projects), t.totals.budget,
                            t.totals.shortfall, t.totals.uncovered});

  // By county, where there are several: each county's money and its own 四率.
  byCounty_->DeleteAllItems();
  const bool several = pf.counties.size() > 1;
  countyHeading_->Show(several);
  byCounty_->Show(several);
  if (several) {
    for (const County& county : pf.counties) {
      Money budget, committed, gotten, spent;
      int projects = 0;
      for (size_t i = 0; i < pf.projects.size() && i < ledger.projects.size(); ++i) {
        if (pf.projects[i].countyCode != county.code) continue;
        ++projects;
        budget += ledger.projects[i].budget;
        committed += ledger.projects[i].committed;
        gotten += ledger.projects[i].received;
        spent += ledger.projects[i].paid;
      }
      report::ReportScope scope;
      scope.county = county.code;
      Kpis ck = ComputeKpis(report::PortfolioOf(pf, scope), asOf);
      AppendRow(byCounty_, {county.name, county.code, ListCell::Count(projects), budget, committed, gotten, spent,
                            ck.startRate.Format(), ck.investmentRate.Format(), ck.fundsReceivedRate.Format(),
                            ck.onTimeRate.Format()});
    }
  }

  // One pass per table: totals per source.
  std::map<Id, Money> committed, got, spent;
  for (const auto& a : pf.allocations) committed[a.sourceId] += a.amount;
  for (const auto& r : pf.receipts) got[r.sourceId] += r.amount;
  for (const auto& p : ledger.projects)
    for (const auto& [sourceId, amount] : p.paidBySource) spent[sourceId] += amount;
  std::vector<wxString> names;
  BarChart::Series s1{TR("已下达"), wxColour(158, 202, 225), {}};
  BarChart::Series s2{TR("已到位"), wxColour(49, 130, 189), {}};
  BarChart::Series s3{TR("已拨付"), wxColour(230, 85, 13), {}};
  for (const auto& s : pf.sources) {
    if (committed[s.id].IsZero() && got[s.id].IsZero() && spent[s.id].IsZero()) continue;
    names.push_back(TR(s.kind.c_str()) + " " + U8(s.code));
    s1.values.push_back(committed[s.id]);
    s2.values.push_back(got[s.id]);
    s3.values.push_back(spent[s.id]);
  }
  chart_->SetData(names, {s1, s2, s3});
  Layout();
  FitInside();
}

wxString OverviewPanel::KpiText(int index) const {
  return kpis_[index]->GetLabel() + kpiDetails_[index]->GetLabel();
}
wxString OverviewPanel::TotalsText() const { return totalsText_; }

}  // namespace sb::ui

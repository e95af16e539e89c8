#include "ui/warnings_panel.h"

#include <wx/choice.h>
#include <wx/dataview.h>
#include <wx/srchctrl.h>
#include <wx/sizer.h>
#include <wx/wrapsizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>
#include <cctype>

#include "ui/list_util.h"
#include "ui/units.h"

namespace sb::ui {

namespace {
struct SettingName {
  const char* key;
  const char* words;
};
// TRANSLATORS: the county settings of the rules, as a finding's basis names them.
const SettingName kSettingNames[] = {
    {"rule.underpaid_percent_before_2022", TRN("2022年8月前签订合同的应付比例（%）")},
    {"rule.underpaid_percent", TRN("竣工验收后的应付比例（%）")},
    {"rule.stalled_months", TRN("进度停滞月数")},
    {"rule.behind_schedule_points", TRN("落后序时进度的百分点")},
    {"rule.permit_start_months", TRN("领取施工许可后的开工期限（月）")},
    {"rule.accounts_months", TRN("竣工财务决算期限（月）")},
    {"rule.settlement_days_by_wan", TRN("结算审核期限（按合同金额）")},
    {"rule.payment_due_days", TRN("付款期限（天）")},
    {"rule.default_retention_bp", TRN("默认质保金比例（万分之）")},
    {"rule.idle_months", TRN("资金闲置月数")},
    {"rule.idle_paid_percent", TRN("闲置判定的支付比例（%）")},
    {"rule.not_arrived_months", TRN("下达后未到位的月数")},
    {"rule.permit_exempt_wan", TRN("免办施工许可的投资额（万元）")},
    {"rule.permit_exempt_m2", TRN("免办施工许可的建筑面积（㎡）")},
    {"rule.behind_annual_plan_points", TRN("落后年度计划的百分点")},
    {"rule.tender_works_wan", TRN("施工必须招标的金额（万元）")},
    {"rule.tender_goods_wan", TRN("货物必须招标的金额（万元）")},
    {"rule.tender_services_wan", TRN("服务必须招标的金额（万元）")},
    {"rule.defects_months", TRN("缺陷责任期（月）")},
};
}  // namespace

wxString BasisInWords(const std::string& rule) {
  std::string out = rule;
  // Longest keys first: rule.underpaid_percent_before_2022 before rule.underpaid_percent.
  for (const auto& s : kSettingNames) {
    std::string key = s.key;
    for (size_t at = out.find(key); at != std::string::npos; at = out.find(key, at)) {
      size_t end = at + key.size();
      if (end < out.size() && (std::isalnum(static_cast<unsigned char>(out[end])) || out[end] == '_')) {
        at = end;
        continue;
      }
      std::string words = ToStd(TR(s.words));
      if (end < out.size() && out[end] == '=') {
        words += " ";
        ++end;  // the value follows in place of "="
      }
      out.replace(at, end - at, words);
      at += words.size();
    }
  }
  return U8(out);
}

void ErrorsFirst(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
}

wxColour SeverityColour(Severity s) {
  return s == Severity::Error ? ErrorColour() : s == Severity::Warning ? WarningColour() : wxColour();
}

WarningsPanel::WarningsPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY) {
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* bar = new wxWrapSizer(wxHORIZONTAL);  // a second line at 1024 px, nothing outside the window
  bar->Add(new wxStaticText(this, wxID_ANY, TR("级别(&L)：")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
  severity_ = new wxChoice(this, wxID_ANY);
  severity_->Append(TR("全部"));
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Notice}) severity_->Append(TR(SeverityLabel(s).data()));
  severity_->SetSelection(0);
  bar->Add(severity_, 0, wxRIGHT, FromDIP(12));
  bar->Add(new wxStaticText(this, wxID_ANY, TR("预警类型(&T)：")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(4));
  rule_ = new wxChoice(this, wxID_ANY);
  rule_->Append(TR("全部"));
  for (const auto& r : RuleCatalog()) rule_->Append(TR(std::string(r.title).c_str()) + " " + U8(r.code));
  rule_->SetSelection(0);
  bar->Add(rule_, 0, wxRIGHT, FromDIP(12));
  search_ = new wxSearchCtrl(this, wxID_ANY);
  search_->SetDescriptiveText(TR("搜索项目、说明"));
  search_->SetMinSize(wxSize(FromDIP(200), -1));
  bar->Add(search_, 1, wxRIGHT, FromDIP(12));
  count_ = new wxStaticText(this, wxID_ANY, "");
  bar->Add(count_, 0, wxALIGN_CENTER_VERTICAL);
  top->Add(bar, 0, wxEXPAND | wxALL, FromDIP(8));
  list_ = MakeList(this, {{TRN("级别"), 6}, {TRN("项目编号"), 11}, {TRN("项目名称"), 22}, {TRN("预警"), 14},
                          {TRN("金额"), 12, true}, {TRN("说明"), 70}, {TRN("依据"), 50}});
  top->Add(list_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
  detail_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, FromDIP(wxSize(-1, 90)),
                           wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
  top->Add(detail_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
  SetSizer(top);
  list_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) {
    size_t i = SelectedData(list_);
    if (i == 0 || i > findings_.size()) {
      detail_->Clear();
      return;
    }
    const Finding& f = findings_[i - 1];
    // TRANSLATORS: a finding's title in the detail pane, e.g. 【资金缺口】; English [Funding gap].
    detail_->ChangeValue(U8(f.projectCode + " " + f.projectName) + wxString::Format(TR("　【%s】"), U8(f.title)) +
                         "\n" + U8(f.message) +
                         "\n" + TR("依据：") + BasisInWords(f.rule));
  });

  Bind(wxEVT_IDLE, [this](wxIdleEvent& e) {
    if (listStale_ && IsShownOnScreen()) FillList();
    e.Skip();
  });
  severity_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Refill(); });
  rule_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { Refill(); });
  search_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { Refill(); });
  list_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) {
    size_t i = SelectedData(list_);
    if (i > 0 && i <= findings_.size() && onShowFinding) onShowFinding(findings_[i - 1]);
  });
}

wxString WarningsPanel::DetailText() const { return detail_->GetValue(); }

void WarningsPanel::SelectShown(size_t n) {
  if (n >= shown_.size()) return;
  FillList();
  list_->SelectRow(static_cast<unsigned>(n));
  wxDataViewEvent e(wxEVT_DATAVIEW_SELECTION_CHANGED, list_, list_->RowToItem(static_cast<int>(n)));
  list_->ProcessWindowEvent(e);
}

void WarningsPanel::SetFindings(std::vector<Finding> findings) {
  findings_ = std::move(findings);
  ErrorsFirst(findings_);
  Refill();
}

void WarningsPanel::Refill() {
  shown_.clear();
  int sev = severity_->GetSelection();
  int rule = rule_->GetSelection();
  std::string needle = ToStd(search_->GetValue());
  for (size_t i = 0; i < findings_.size(); ++i) {
    const Finding& f = findings_[i];
    if (sev > 0 && static_cast<int>(f.severity) != sev - 1) continue;
    if (rule > 0 && f.code != RuleCatalog()[rule - 1].code) continue;
    if (!needle.empty() && f.projectCode.find(needle) == std::string::npos &&
        f.projectName.find(needle) == std::string::npos && f.message.find(needle) == std::string::npos)
      continue;
    shown_.push_back(i);
  }
  count_->SetLabel(wxString::Format(TR("显示 %zu / %zu 条"), shown_.size(), findings_.size()));
  listStale_ = true;
  // A province's tens of thousands of rows are built when the tab is looked at, not while
  // the window opens on the project list.
  if (IsShownOnScreen()) FillList();
  else {
    list_->DeleteAllItems();
    detail_->Clear();
  }
  Layout();
}

void WarningsPanel::FillList() {
  if (!listStale_) return;
  listStale_ = false;
  list_->DeleteAllItems();
  detail_->Clear();
  for (size_t i : shown_) {
    const Finding& f = findings_[i];
    AppendRow(list_, {ListCell::Choice(TRs(SeverityLabel(f.severity).data()), f.severity).Marked(SeverityColour(f.severity), f.severity == Severity::Error),
                      f.projectCode, f.projectName, f.title, f.amount, f.message, ToStd(BasisInWords(f.rule))},
              static_cast<wxUIntPtr>(i + 1), SeverityColour(f.severity));
  }
}

}  // namespace sb::ui

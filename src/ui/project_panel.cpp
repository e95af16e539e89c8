#include "ui/project_panel.h"

#include "app/actions.h"
#include "app/audit.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <map>

#include "core/schedule.h"
#include "ui/charts.h"
#include "ui/dialog_classes.h"
#include "ui/dialogs.h"
#include "ui/list_util.h"
#include "ui/undo.h"
#include "ui/units.h"
#include "ui/warnings_panel.h"

namespace sb::ui {

namespace {

std::string Wan(Money m) { return Amount(m); }

wxButton* AddButton(wxWindow* parent, wxSizer* sizer, const char* label,
                    std::vector<wxButton*>& all) {
  auto* b = new wxButton(parent, wxID_ANY, TR(label));
  sizer->Add(b, 0, wxRIGHT, parent->FromDIP(6));
  all.push_back(b);
  return b;
}

wxStaticText* Heading(wxWindow* parent, const char* text) { return BoldHeading(parent, TR(text)); }

const char* kDetailLabels[] = {TRN("项目编号"), TRN("项目名称"), TRN("建设单位"), TRN("乡镇"),
                               TRN("学段"),     TRN("建设类别"), TRN("建设性质"), TRN("建筑面积(㎡)"),
                               TRN("计划开工"), TRN("计划竣工"), TRN("实际开工"), TRN("实际竣工"),
                               TRN("状态"),     TRN("备注")};

}  // namespace

ProjectPanel::ProjectPanel(wxWindow* parent) : wxNotebook(parent, wxID_ANY) {
  AddPage(BuildDetails(), TR("概况"));
  AddPage(BuildFunds(), TR("概算与资金"));
  AddPage(BuildProcedures(), TR("前期手续"));
  AddPage(BuildProgress(), TR("进度"));
  AddPage(BuildContracts(), TR("合同与拨付"));
  AddPage(BuildWarnings(), TR("预警"));
  AddPage(BuildHistory(), TR("历史"));
  Clear();
}

wxWindow* ProjectPanel::BuildDetails() {
  auto* page = new wxScrolledWindow(this, wxID_ANY);
  page->SetScrollRate(0, 10);
  auto* top = new wxBoxSizer(wxVERTICAL);
  auto* grid = new wxFlexGridSizer(4, FromDIP(wxSize(12, 6)));
  grid->AddGrowableCol(1, 1);
  grid->AddGrowableCol(3, 1);
  for (const char* label : kDetailLabels) {
    grid->Add(new wxStaticText(page, wxID_ANY, TR(label) + TR("：")), 0, wxALIGN_RIGHT);
    auto* v = new wxStaticText(page, wxID_ANY, "");
    detailValues_.push_back(v);
    grid->Add(v, 1, wxEXPAND);
  }
  top->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, TRN("编辑项目(&E)…"), actions_)
      ->Bind(wxEVT_BUTTON, &ProjectPanel::OnEditProject, this);
  top->Add(buttons, 0, wxLEFT | wxBOTTOM, FromDIP(12));
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildFunds() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  fundsSummary_ = new wxStaticText(page, wxID_ANY, "");
  top->Add(fundsSummary_, 0, wxALL | wxEXPAND, FromDIP(6));
  // Three lists side by side: stacked, the receipts were cut off in a 700 px window.
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto column = [&](const char* heading, wxDataViewListCtrl* list, int proportion) {
    auto* col = new wxBoxSizer(wxVERTICAL);
    col->Add(Heading(page, heading), 0, wxBOTTOM, FromDIP(4));
    col->Add(list, 1, wxEXPAND);
    row->Add(col, proportion, wxEXPAND | wxRIGHT, FromDIP(6));
  };
  coverage_ = MakeList(page, {{TRN("费用类别"), 10}, {TRN("概算"), 13, true}, {TRN("已落实资金"), 13, true},
                              {TRN("缺口"), 13, true}});
  column(TRN("概算与资金覆盖（按各来源可用范围）"), coverage_, 4);
  // The amount and date before the fund's kind: at 1280 px the three lists share the width,
  // and what a clerk reads first must not need scrolling.
  allocations_ = MakeList(page, {{TRN("资金来源"), 20}, {TRN("金额"), 11, true}, {TRN("下达日期"), 11}, {TRN("类型"), 10}});
  column(TRN("资金下达"), allocations_, 3);
  receipts_ = MakeList(page, {{TRN("资金来源"), 20}, {TRN("金额"), 11, true}, {TRN("到位日期"), 11}, {TRN("类型"), 10}});
  column(TRN("资金到位"), receipts_, 3);
  top->Add(row, 1, wxEXPAND | wxLEFT, FromDIP(6));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, TRN("编辑概算(&B)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnEditBudget, this);
  AddButton(page, buttons, TRN("新增下达(&A)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddAllocation, this);
  AddButton(page, buttons, TRN("新增到位(&R)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddReceipt, this);
  AddButton(page, buttons, TRN("修改所选(&M)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    if (lastFundList_ == receipts_) OnEditReceipt();
    else OnEditAllocation();
  });
  AddButton(page, buttons, TRN("删除所选(&L)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDeleteFundRow(); });
  top->Add(buttons, 0, wxALL, FromDIP(6));
  for (auto* list : {allocations_, receipts_})
    list->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this, list](wxDataViewEvent& e) {
      if (list->GetSelectedRow() != wxNOT_FOUND) lastFundList_ = list;
      e.Skip();
    });
  allocations_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditAllocation(); });
  receipts_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditReceipt(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildProcedures() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  steps_ = MakeList(page, {{TRN("序"), 4, true}, {TRN("手续"), 24}, {TRN("办理部门"), 16}, {TRN("状态"), 8}, {TRN("计划日期"), 11},
                           {TRN("完成日期"), 11}, {TRN("文号"), 18}, {TRN("提示"), 24}});
  top->Add(steps_, 1, wxEXPAND | wxALL, FromDIP(8));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, row, TRN("办理/修改所选手续(&E)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnEditStep(); });
  row->Add(new wxStaticText(page, wxID_ANY, TR("或双击一行；“逾期”表示计划日期已过仍未办结。")), 0,
           wxALIGN_CENTER_VERTICAL | wxLEFT, FromDIP(8));
  top->Add(row, 0, wxLEFT | wxBOTTOM, FromDIP(8));
  steps_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditStep(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildProgress() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  progress_ = MakeList(page, {{TRN("月份"), 8}, {TRN("形象进度(%)"), 10, true}, {TRN("累计完成投资"), 15, true},
                              {TRN("形象进度"), 14}, {TRN("存在问题"), 24}, {TRN("下步计划"), 18}});
  left->Add(progress_, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, TRN("录入进度(&P)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddProgress, this);
  AddButton(page, buttons, TRN("修改所选(&M)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnEditProgress(); });
  AddButton(page, buttons, TRN("删除所选(&L)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDeleteProgress(); });
  AddButton(page, buttons, TRN("年度计划(&Y)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnEditPlan, this);
  left->Add(buttons, 0);
  top->Add(left, 1, wxEXPAND | wxALL, FromDIP(8));
  chart_ = new LineChart(page, TR("形象进度与序时进度"));
  top->Add(chart_, 1, wxEXPAND | wxALL, FromDIP(8));
  progress_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditProgress(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildContracts() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  // The buttons share the heading's line, and the payments get twice the contracts' room:
  // in a 700 px window the payments list must still show five rows to pick one to reverse.
  auto* head = new wxBoxSizer(wxHORIZONTAL);
  head->Add(Heading(page, TRN("合同")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(16));
  AddButton(page, head, TRN("新增合同(&C)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddContract, this);
  AddButton(page, head, TRN("修改合同(&M)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnEditContract(); });
  AddButton(page, head, TRN("删除合同(&L)…"), actions_)->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDeleteContract(); });
  AddButton(page, head, TRN("新增拨付(&Y)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddPayment, this);
  AddButton(page, head, TRN("红字冲销(&V)…"), actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnReversePayment, this);
  top->Add(head, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(6));
  contracts_ = MakeList(page, {{TRN("合同编号"), 18}, {TRN("类型"), 8}, {TRN("施工单位"), 28}, {TRN("合同金额"), 13, true},
                               {TRN("已付"), 12, true}, {TRN("已付比例"), 8, true}, {TRN("质保金"), 11, true},
                               {TRN("余额"), 12, true}, {TRN("签订日期"), 11}, {TRN("采购方式"), 10}});
  contracts_->SetMinSize(wxSize(-1, contracts_->GetCharHeight() * 5));  // a project has few
  top->Add(contracts_, 1, wxEXPAND | wxALL, FromDIP(6));
  top->Add(Heading(page, TRN("拨付（已确认的拨付不能修改，更正请用红字冲销）")), 0, wxLEFT, FromDIP(6));
  payments_ = MakeList(page, {{TRN("拨付日期"), 11}, {TRN("凭证号"), 14}, {TRN("金额"), 12, true}, {TRN("款项性质"), 8},
                              {TRN("资金来源"), 24}, {TRN("费用类别"), 9}, {TRN("收款单位"), 24}, {TRN("合同"), 18}, {TRN("备注"), 20}});
  top->Add(payments_, 3, wxEXPAND | wxALL, FromDIP(6));
  contracts_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditContract(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildWarnings() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  warnings_ = MakeList(page, {{TRN("级别"), 6}, {TRN("预警"), 14}, {TRN("金额"), 12, true}, {TRN("说明"), 70}, {TRN("依据"), 50}});
  top->Add(warnings_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(8));
  // The selected finding in full: the list cuts long sentences.
  warningDetail_ = new wxTextCtrl(page, wxID_ANY, "", wxDefaultPosition, wxSize(-1, GetCharHeight() * 4),
                                  wxTE_MULTILINE | wxTE_READONLY | wxTE_WORDWRAP);
  top->Add(warningDetail_, 0, wxEXPAND | wxALL, FromDIP(8));
  warnings_->Bind(wxEVT_DATAVIEW_SELECTION_CHANGED, [this](wxDataViewEvent&) { ShowWarningDetail(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildHistory() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  history_ = MakeList(page, {{TRN("时间"), 16}, {TRN("操作人"), 10}, {TRN("操作"), 18}, {TRN("说明"), 90}});
  top->Add(history_, 1, wxEXPAND | wxALL, FromDIP(8));
  page->SetSizer(top);
  return page;
}

std::vector<std::string> ProjectPanel::HistoryTexts() const {
  std::vector<std::string> out;
  for (unsigned i = 0; i < history_->GetItemCount(); ++i) out.push_back(ToStd(history_->GetTextValue(i, 3)));
  return out;
}

void ProjectPanel::Clear() {
  session_ = nullptr;
  analysis_.reset();
  portfolio_ = nullptr;
  file_ = storage::ProjectFile();
  findings_.clear();
  gap_.reset();
  Fill();
}

void ProjectPanel::ShowProject(app::Session& session, std::shared_ptr<const app::Analysis> analysis,
                               Id projectId) {
  session_ = &session;
  analysis_ = std::move(analysis);
  portfolio_ = &analysis_->portfolio;
  asOf_ = analysis_->asOf;
  file_ = storage::LoadProjectFile(session.db(), projectId);
  findings_.clear();
  for (const auto& f : analysis_->findings)
    if (f.projectId == projectId) findings_.push_back(f);
  gap_.reset();
  for (const auto& g : analysis_->gaps)
    if (g.projectId == projectId) gap_ = g;
  Fill();
}

void ProjectPanel::Fill() {
  for (auto* b : actions_) b->Enable(Ready());
  for (auto* list : {coverage_, allocations_, receipts_, steps_, progress_, contracts_, payments_, warnings_, history_})
    list->DeleteAllItems();
  const Project& p = file_.project;
  if (!Ready()) {
    for (auto* v : detailValues_) v->SetLabel("");
    fundsSummary_->SetLabel(TR("请在上方列表中选择一个项目。"));
    chart_->SetData({}, {});
    SetPageText(kWarnings, TR("预警"));  // not the last project's count
    return;
  }
  std::string values[] = {p.code, p.name, p.school, p.township, TRs(Name(p.stage).data()),
                          TRs(Name(p.category).data()), TRs(Name(p.nature).data()),
                          p.floorArea.Format(), FormatDate(p.plannedStart), FormatDate(p.plannedFinish),
                          FormatDate(p.actualStart), FormatDate(p.actualFinish),
                          TRs(Name(p.status).data()), p.note};
  for (size_t i = 0; i < detailValues_.size(); ++i) detailValues_[i]->SetLabel(U8(values[i]));
  GetPage(kDetails)->Layout();

  auto sourceName = [&](Id id) -> std::pair<std::string, std::string> {
    if (const FundingSource* s = portfolio_->FindSource(id)) return {s->name, TRs(s->kind.c_str())};
    return {ToStd(wxString::Format(TR("（来源 %lld）"), static_cast<long long>(id))), ""};
  };

  // Funds.
  // The ledger's figures: what the list, the rules and the report show for this project.
  ProjectPosition none;
  const ProjectPosition* pos = analysis_->ledger.Project(p.id);
  if (!pos) pos = &none;
  Money budget = pos->budget, committed = pos->committed, received = pos->received, paid = pos->paid;
  wxString unit = UnitName();
  wxString summary = wxString::Format(
      TR("概算 %s %s；已下达 %s %s；已到位 %s %s；已拨付 %s %s；资金缺口 %s %s"), Wan(budget), unit,
      Wan(committed), unit, Wan(received), unit, Wan(paid), unit, Wan(Max(budget - committed, Money())),
      unit);
  if (gap_ && gap_->uncovered > Max(gap_->totalGap, Money()))
    summary += wxString::Format(TR("；另有 %s %s资金因用途限制不能用于有缺口的费用（如征地）"),
                                Wan(gap_->uncovered - Max(gap_->totalGap, Money())), unit);
  fundsSummary_->SetLabel(summary);
  if (gap_) {
    Money tb, tc, tu;
    for (const auto& c : gap_->categories) {
      AppendRow(coverage_, {ListCell::Named(c.category), c.budget, c.covered, c.uncovered});
      tb += c.budget;
      tc += c.covered;
      tu += c.uncovered;
    }
    AppendTotalRow(coverage_, {TRs("合计"), tb, tc, tu});
  }
  for (const auto& a : file_.allocations) {
    auto [name, kind] = sourceName(a.sourceId);
    AppendRow(allocations_, {name, a.amount, a.date, kind}, static_cast<wxUIntPtr>(a.id));
  }
  for (const auto& r : file_.receipts) {
    auto [name, kind] = sourceName(r.sourceId);
    AppendRow(receipts_, {name, r.amount, r.date, kind}, static_cast<wxUIntPtr>(r.id));
  }

  // Procedures.
  for (size_t i = 0; i < file_.procedureSteps.size(); ++i) {
    const ProcedureStep& s = file_.procedureSteps[i];
    const ProcedureTemplateStep* t = portfolio_->FindTemplateStep(s.templateId);
    std::string hint;
    long overdueDays = -1;  // the hint sorts by it
    bool open = s.status == StepStatus::NotStarted || s.status == StepStatus::InProgress;
    if (open && s.plannedDate && *s.plannedDate < asOf_) {
      overdueDays = static_cast<long>((asOf_ - *s.plannedDate).days());
      hint = ToStd(wxString::Format(TR("逾期 %ld 天"), overdueDays));
    }
    if (open && t && t->requiredBeforeStart && p.actualStart)
      hint += (hint.empty() ? "" : "; ") + TRs("开工前应办结");
    AppendRow(steps_, {t ? ListCell::Count(t->order) : ListCell(), t ? TRs(t->name.c_str()) : "",
                       t ? TRs(t->issuer.c_str()) : "", ListCell::Named(s.status), s.plannedDate, s.doneDate, s.docNo,
                       overdueDays >= 0 ? ListCell::SortedBy(hint, overdueDays) : ListCell(hint)},
              static_cast<wxUIntPtr>(i + 1));
  }

  // Progress and its chart: % complete, 序时进度 at each month end, paid / budget.
  std::vector<wxString> months;
  LineChart::Series pct{TR("形象进度"), wxColour(31, 119, 180), {}, false};
  LineChart::Series sched{TR("序时进度"), wxColour(150, 150, 150), {}, true};
  LineChart::Series paidShare{TR("拨付/概算"), wxColour(214, 96, 40), {}, false};
  std::vector<std::pair<Date, Money>> paidByDate;
  for (size_t i = 0; i < file_.progress.size(); ++i) {
    const ProgressEntry& e = file_.progress[i];
    AppendRow(progress_, {e.month, e.percent, e.invested, e.description, e.problems,
                          e.nextSteps},
              static_cast<wxUIntPtr>(i + 1));
  }
  // Every month from the first entry to the last: a month without an entry is a gap in
  // the % complete line, not a straight line across it.
  if (!file_.progress.empty()) {
    size_t next = 0;
    for (YearMonth m = file_.progress.front().month; m <= file_.progress.back().month; m = m.Next()) {
      const ProgressEntry* e = next < file_.progress.size() && file_.progress[next].month == m ? &file_.progress[next++] : nullptr;
      months.push_back(U8(m.Format()));
      pct.tenths.push_back(e ? std::optional<int>(e->percent.tenths()) : std::nullopt);
      auto s = SchedulePercent(p, m.LastDay());
      sched.tenths.push_back(s ? std::optional<int>(s->tenths()) : std::nullopt);
      Money upTo;
      for (const auto& pay : file_.payments)
        if (pay.date <= m.LastDay()) upTo += pay.amount;
      paidShare.tenths.push_back(budget.IsZero() ? std::nullopt
                                                 : std::optional<int>(std::min<int64_t>(
                                                       1000, upTo.MulDiv(1000, budget.fen()).fen())));
      if (months.size() > 600) break;  // a mistyped month must not hang the chart
    }
  }
  chart_->SetData(months, {pct, sched, paidShare});

  // Contracts with paid-to-date, retention and balance; payments.
  // Paid, retention (the county default where the contract states none, as
  // RETENTION_NOT_HELD holds it) and balance from the ledger.
  std::map<Id, std::string> contractCode;
  for (const auto& c : file_.contracts) {
    const ContractPosition* k = analysis_->ledger.Contract(c.id);
    Money cp = k ? k->paid : Money(), retention = k ? k->retention : Money();
    int64_t ratioTenths = cp.MulDiv(1000, c.amount.fen()).fen();
    ListCell ratio = ListCell::SortedBy(FormatFixed(ratioTenths, 1) + "%", ratioTenths);
    Money balance = c.amount - cp;
    ListCell balanceCell = balance.IsNegative() ? ListCell(balance).Marked(ErrorColour()) : ListCell(balance);
    AppendRow(contracts_, {c.code, ListCell::Named(c.kind), c.counterparty, c.amount, cp, ratio, retention,
                           balanceCell, c.signedDate,
                           c.procurement ? ListCell::Named(*c.procurement) : ListCell(std::string())},
              static_cast<wxUIntPtr>(c.id));
    contractCode[c.id] = c.code;
  }
  // A reversal (红字冲销) in red; the payment it reverses greyed and marked 已冲销.
  std::map<Id, std::string> reversedBy;
  for (const auto& pay : file_.payments)
    if (pay.reversesId) reversedBy[*pay.reversesId] = pay.voucher;
  for (const auto& pay : file_.payments) {
    std::string note = pay.note;
    wxColour colour;
    if (pay.reversesId) {
      note = TRs("红字冲销") + (note.empty() ? "" : ": ") + note;
      colour = ErrorColour();
    } else if (auto r = reversedBy.find(pay.id); r != reversedBy.end()) {
      note = ToStd(wxString::Format(TR("已冲销（%s）"), U8(r->second))) + (note.empty() ? "" : ": ") + note;
      colour = MutedColour();
    }
    AppendRow(payments_, {pay.date, pay.voucher, pay.amount, ListCell::Named(pay.kind),
                          sourceName(pay.sourceId).first, ListCell::Named(pay.category), pay.payee,
                          pay.contractId ? contractCode[*pay.contractId] : TRs("（无合同）"), note},
              static_cast<wxUIntPtr>(pay.id), colour);
  }
  // The newest payment (a reversal just made) in view, not below the list's edge.
  if (payments_->GetItemCount() > 0) payments_->EnsureVisible(payments_->RowToItem(payments_->GetItemCount() - 1));

  // Warnings, errors first and coloured.
  warningDetail_->Clear();
  ErrorsFirst(findings_);
  for (size_t i = 0; i < findings_.size(); ++i) {
    const Finding& f = findings_[i];
    AppendRow(warnings_, {ListCell::Choice(TRs(SeverityLabel(f.severity).data()), f.severity)
                              .Marked(SeverityColour(f.severity), f.severity == Severity::Error),
                          f.title, f.amount, f.message, ToStd(BasisInWords(f.rule))},
              static_cast<wxUIntPtr>(i + 1), SeverityColour(f.severity));
  }
  SetPageText(kWarnings, findings_.empty() ? TR("预警") : wxString::Format(TR("预警 (%zu)"), findings_.size()));

  // History: who changed what of this project, newest first, in words.
  try {
    storage::HistoryFilter filter;
    filter.projectId = p.id;
    filter.limit = 500;
    auto lines = app::History(*session_, filter);
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) {
      std::string text = it->text;
      // The sentence starts with the time and the user, shown in their own columns.
      std::string lead = EntryTime(it->entry) + " " + it->entry.who + " ";
      if (text.rfind(lead, 0) == 0) text = text.substr(lead.size());
      AppendRow(history_, {EntryTime(it->entry), it->entry.who,
                           it->entry.action.empty() ? TRs("（程序外修改）") : it->entry.action, text},
                static_cast<wxUIntPtr>(it->entry.id));
    }
  } catch (const Error& e) {
    AppendRow(history_, {"", "", "", e.detail()});
  }

  // The row just edited stays selected (the procedures list lost it after every save).
  if (reselect_) {
    auto [list, data] = *reselect_;
    reselect_.reset();
    for (int row = 0; row < list->GetItemCount(); ++row)
      if (list->GetItemData(list->RowToItem(row)) == data) {
        list->SelectRow(static_cast<unsigned>(row));
        list->EnsureVisible(list->RowToItem(row));
        break;
      }
  }
}

// ---- actions ----------------------------------------------------------------------

namespace {
// After an undo or redo the frame reloads and shows the project again.
std::function<void()> Refresher(ProjectPanel* panel, Id id) {
  return [panel, id] { if (panel->onChanged) panel->onChanged(id); };
}
}  // namespace

void ProjectPanel::OnEditProject(wxCommandEvent&) {
  if (!Ready()) return;
  Project before = file_.project, p = before;
  if (!EditProjectDialog(this, *session_, p)) return;
  RecordEdit<Project>(commands_, session_, before, p, app::SaveProject, TR("编辑项目 ") + U8(p.code),
                      Refresher(this, p.id));
  Changed();
}

void ProjectPanel::OnEditBudget(wxCommandEvent&) {
  if (Ready() && EditBudgetDialog(this, *session_, file_.project.id)) Changed();
}

void ProjectPanel::OnAddAllocation(wxCommandEvent&) {
  if (!Ready()) return;
  Allocation a;
  a.projectId = file_.project.id;
  a.date = asOf_;
  if (!EditAllocationDialog(this, *session_, a)) return;
  RecordCreation<Allocation>(commands_, session_, {{std::nullopt, a}},
                             [](app::Session& s, const Allocation& x) { app::DeleteAllocation(s, x.id, x.rowVersion); },
                             app::SaveAllocation, TR("录入资金下达"), Refresher(this, a.projectId));
  Changed();
}

void ProjectPanel::OnAddReceipt(wxCommandEvent&) {
  if (!Ready()) return;
  Receipt r;
  r.projectId = file_.project.id;
  r.date = asOf_;
  if (!EditReceiptDialog(this, *session_, r)) return;
  RecordCreation<Receipt>(commands_, session_, {{std::nullopt, r}},
                          [](app::Session& s, const Receipt& x) { app::DeleteReceipt(s, x.id, x.rowVersion); },
                          app::SaveReceipt, TR("录入资金到位"), Refresher(this, r.projectId));
  Changed();
}

void ProjectPanel::OnEditAllocation() {
  Id id = static_cast<Id>(SelectedData(allocations_));
  for (auto a : file_.allocations) {
    if (a.id != id) continue;
    Allocation before = a;
    if (!EditAllocationDialog(this, *session_, a)) return;
    RecordEdit<Allocation>(commands_, session_, before, a, app::SaveAllocation, TR("修改资金下达"),
                           Refresher(this, a.projectId));
    return Changed();
  }
}

void ProjectPanel::OnEditReceipt() {
  Id id = static_cast<Id>(SelectedData(receipts_));
  for (auto r : file_.receipts) {
    if (r.id != id) continue;
    Receipt before = r;
    if (!EditReceiptDialog(this, *session_, r)) return;
    RecordEdit<Receipt>(commands_, session_, before, r, app::SaveReceipt, TR("修改资金到位"),
                        Refresher(this, r.projectId));
    return Changed();
  }
}

void ProjectPanel::OnEditStep() {
  size_t i = SelectedData(steps_);
  if (i == 0 || i > file_.procedureSteps.size()) return;
  ProcedureStep before = file_.procedureSteps[i - 1], s = before;
  if (!EditProcedureStepDialog(this, *session_, s)) return;
  KeepSelection(steps_);
  RecordEdit<ProcedureStep>(commands_, session_, before, s, app::SaveProcedureStep, TR("修改前期手续"),
                            Refresher(this, s.projectId));
  Changed();
}

void ProjectPanel::OnEditPlan(wxCommandEvent&) {
  if (!Ready()) return;
  AnnualPlan plan;
  plan.projectId = file_.project.id;
  plan.year = asOf_.year();
  for (const auto& a : portfolio_->plans)
    if (a.projectId == plan.projectId && a.year == plan.year) plan = a;
  if (EditPlanDialog(this, *session_, plan)) Changed();
}

void ProjectPanel::OnAddProgress(wxCommandEvent&) {
  if (!Ready()) return;
  ProgressEntry e;
  e.projectId = file_.project.id;
  e.month = YearMonth::Of(asOf_);
  const ProgressEntry* previous = nullptr;
  for (const auto& x : file_.progress) {
    if (x.month == e.month) e = x;
    else if (x.month < e.month) previous = &x;
  }
  if (e.id == 0 && previous) {
    e.percent = previous->percent;
    e.invested = previous->invested;
  }
  std::optional<ProgressEntry> before;
  if (e.id != 0) before = e;
  if (!EditProgressDialog(this, *session_, e, previous)) return;
  RecordCreation<ProgressEntry>(commands_, session_, {{before, e}},
                                [](app::Session& s, const ProgressEntry& x) { app::DeleteProgress(s, x.id, x.rowVersion); },
                                app::SaveProgress, TR("录入进度 ") + U8(e.month.Format()), Refresher(this, e.projectId));
  Changed();
}

void ProjectPanel::OnEditProgress() {
  size_t i = SelectedData(progress_);
  if (i == 0 || i > file_.progress.size()) return;
  ProgressEntry before = file_.progress[i - 1], e = before;
  const ProgressEntry* previous = i >= 2 ? &file_.progress[i - 2] : nullptr;
  if (!EditProgressDialog(this, *session_, e, previous)) return;
  KeepSelection(progress_);
  RecordEdit<ProgressEntry>(commands_, session_, before, e, app::SaveProgress,
                            TR("修改进度 ") + U8(e.month.Format()), Refresher(this, e.projectId));
  Changed();
}

void ProjectPanel::OnAddContract(wxCommandEvent&) {
  if (!Ready()) return;
  Contract c;
  c.projectId = file_.project.id;
  if (!EditContractDialog(this, *session_, c)) return;
  RecordCreation<Contract>(commands_, session_, {{std::nullopt, c}},
                           [](app::Session& s, const Contract& x) { app::DeleteContract(s, x.id, x.rowVersion); },
                           app::SaveContract, TR("新签合同 ") + U8(c.code), Refresher(this, c.projectId));
  Changed();
}

void ProjectPanel::OnEditContract() {
  Id id = static_cast<Id>(SelectedData(contracts_));
  for (auto c : file_.contracts) {
    if (c.id != id) continue;
    Contract before = c;
    if (!EditContractDialog(this, *session_, c)) return;
    KeepSelection(contracts_);
    RecordEdit<Contract>(commands_, session_, before, c, app::SaveContract, TR("修改合同 ") + U8(c.code),
                         Refresher(this, c.projectId));
    return Changed();
  }
}

void ProjectPanel::OnAddPayment(wxCommandEvent&) {
  if (!Ready()) return;
  Payment p;
  p.projectId = file_.project.id;
  p.date = asOf_;
  if (!NewPaymentDialog(this, *session_, p)) return;
  // TRANSLATORS: an undo-list entry that cannot be undone (a payment is reversed instead).
  RecordBarrier(commands_, TR("录入拨付（不能撤销，请用红字冲销）"));
  Changed();
}

void ProjectPanel::OnReversePayment(wxCommandEvent&) {
  if (!Ready()) return;
  Id id = static_cast<Id>(SelectedData(payments_));
  if (id == 0) {
    SetSelection(kContracts);
    ShowError(this, TR("请先在拨付列表中选中要冲销的那笔拨付"), "");
    return;
  }
  for (const auto& p : file_.payments)
    if (p.id == id && ReversePaymentDialog(this, *session_, p)) {
      RecordBarrier(commands_, TR("红字冲销（不能撤销）"));
      return Changed();
    }
}

void ProjectPanel::ShowWarningDetail() {
  size_t i = SelectedData(warnings_);
  if (i == 0 || i > findings_.size()) {
    warningDetail_->Clear();
    return;
  }
  const Finding& f = findings_[i - 1];
  warningDetail_->ChangeValue(wxString::Format(TR("【%s】"), U8(f.title)) + U8(f.message) + "\n" + TR("依据：") +
                              BasisInWords(f.rule));
}

wxString ProjectPanel::WarningDetailText() const { return warningDetail_->GetValue(); }

bool ProjectPanel::SelectFinding(const Finding& finding) {
  for (size_t i = 0; i < findings_.size(); ++i) {
    const Finding& f = findings_[i];
    if (f.code != finding.code || f.message != finding.message) continue;
    for (int row = 0; row < warnings_->GetItemCount(); ++row)
      if (warnings_->GetItemData(warnings_->RowToItem(row)) == i + 1) {
        SetSelection(kWarnings);
        warnings_->SelectRow(static_cast<unsigned>(row));
        warnings_->EnsureVisible(warnings_->RowToItem(row));
        ShowWarningDetail();
        return true;
      }
  }
  return false;
}

void ProjectPanel::KeepSelection(wxDataViewListCtrl* list) {
  wxUIntPtr data = SelectedData(list);
  if (data) reselect_ = std::make_pair(list, data);
}

namespace {
// Asked before a row is deleted: what it is, and that the history keeps it.
bool ConfirmDelete(wxWindow* parent, const wxString& what) {
  return CurrentPrompter().Confirm(parent, wxString::Format(TR("删除%s？"), what),
                                   TR("删除会记入历史，可以用 编辑 → 撤销 恢复之前的操作。"));
}
}  // namespace

void ProjectPanel::OnDeleteFundRow() {
  if (!Ready()) return;
  bool receipt = lastFundList_ == receipts_;
  Id id = static_cast<Id>(SelectedData(receipt ? receipts_ : allocations_));
  if (id == 0) {
    ShowError(this, TR("请先在“资金下达”或“资金到位”列表中选中一行"), "");
    return;
  }
  try {
    if (receipt) {
      for (const auto& r : file_.receipts)
        if (r.id == id) {
          if (!ConfirmDelete(this, wxString::Format(TR("这笔资金到位（%s %s）"), U8(Amount(r.amount)), UnitName())))
            return;
          app::DeleteReceipt(*session_, r.id, r.rowVersion);
        }
    } else {
      for (const auto& a : file_.allocations)
        if (a.id == id) {
          if (!ConfirmDelete(this, wxString::Format(TR("这笔资金下达（%s %s）"), U8(Amount(a.amount)), UnitName())))
            return;
          app::DeleteAllocation(*session_, a.id, a.rowVersion);
        }
    }
  } catch (const Error& e) {
    CurrentPrompter().Error(this, TR("不能删除"), U8(e.detail()));
    return;
  }
  Changed();
}

void ProjectPanel::OnDeleteProgress() {
  size_t i = SelectedData(progress_);
  if (!Ready() || i == 0 || i > file_.progress.size()) {
    ShowError(this, TR("请先在进度列表中选中一个月"), "");
    return;
  }
  const ProgressEntry e = file_.progress[i - 1];
  if (!ConfirmDelete(this, wxString::Format(TR("%s的进度"), MonthLabel(e.month)))) return;
  try {
    app::DeleteProgress(*session_, e.id, e.rowVersion);
  } catch (const Error& err) {
    CurrentPrompter().Error(this, TR("不能删除"), U8(err.detail()));
    return;
  }
  Changed();
}

void ProjectPanel::OnDeleteContract() {
  Id id = static_cast<Id>(SelectedData(contracts_));
  if (!Ready() || id == 0) {
    ShowError(this, TR("请先在合同列表中选中一份合同"), "");
    return;
  }
  for (const auto& c : file_.contracts) {
    if (c.id != id) continue;
    try {
      app::CheckDeleteContract(*session_, c.id);  // refused before it asks
    } catch (const Error& e) {
      CurrentPrompter().Error(this, wxString::Format(TR("不能删除合同 %s"), U8(c.code)), U8(e.detail()));
      return;
    }
    if (!ConfirmDelete(this, wxString::Format(TR("合同 %s"), U8(c.code)))) return;
    try {
      app::DeleteContract(*session_, c.id, c.rowVersion);
    } catch (const Error& e) {
      CurrentPrompter().Error(this, wxString::Format(TR("不能删除合同 %s"), U8(c.code)), U8(e.detail()));
      return;
    }
    return Changed();
  }
}

}  // namespace sb::ui

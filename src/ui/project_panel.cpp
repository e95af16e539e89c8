#include "ui/project_panel.h"

#include <wx/button.h>
#include <wx/dataview.h>
#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/stattext.h>

#include <map>

#include "core/schedule.h"
#include "ui/charts.h"
#include "ui/dialogs.h"
#include "ui/list_util.h"

namespace sb::ui {

namespace {

std::string Wan(Money m) { return m.FormatWan(2, 4); }

wxButton* AddButton(wxWindow* parent, wxSizer* sizer, const char* label,
                    std::vector<wxButton*>& all) {
  auto* b = new wxButton(parent, wxID_ANY, U8(label));
  sizer->Add(b, 0, wxRIGHT, parent->FromDIP(6));
  all.push_back(b);
  return b;
}

wxStaticText* Heading(wxWindow* parent, const char* text) {
  auto* t = new wxStaticText(parent, wxID_ANY, U8(text));
  t->SetFont(t->GetFont().Bold());
  return t;
}

const char* kDetailLabels[] = {"项目编号", "项目名称", "建设单位", "乡镇", "学段", "建设类别",
                               "建设性质", "建筑面积(㎡)", "计划开工", "计划竣工", "实际开工",
                               "实际竣工", "状态", "备注"};

}  // namespace

ProjectPanel::ProjectPanel(wxWindow* parent) : wxNotebook(parent, wxID_ANY) {
  AddPage(BuildDetails(), U8("概况"));
  AddPage(BuildFunds(), U8("概算与资金"));
  AddPage(BuildProcedures(), U8("前期手续"));
  AddPage(BuildProgress(), U8("进度"));
  AddPage(BuildContracts(), U8("合同与拨付"));
  AddPage(BuildWarnings(), U8("预警"));
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
    grid->Add(new wxStaticText(page, wxID_ANY, U8(label) + U8("：")), 0, wxALIGN_RIGHT);
    auto* v = new wxStaticText(page, wxID_ANY, "");
    detailValues_.push_back(v);
    grid->Add(v, 1, wxEXPAND);
  }
  top->Add(grid, 0, wxEXPAND | wxALL, FromDIP(12));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, "编辑项目(&E)…", actions_)
      ->Bind(wxEVT_BUTTON, &ProjectPanel::OnEditProject, this);
  top->Add(buttons, 0, wxLEFT | wxBOTTOM, FromDIP(12));
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildFunds() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  fundsSummary_ = new wxStaticText(page, wxID_ANY, "");
  top->Add(fundsSummary_, 0, wxALL, FromDIP(8));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  left->Add(Heading(page, "概算与资金覆盖（按下达资金和各来源可用范围计算）"), 0, wxBOTTOM, FromDIP(4));
  coverage_ = MakeList(page, {{"费用类别", 10}, {"概算(万元)", 13, true}, {"可覆盖(万元)", 13, true},
                              {"缺口(万元)", 13, true}});
  left->Add(coverage_, 1, wxEXPAND);
  row->Add(left, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  auto* right = new wxBoxSizer(wxVERTICAL);
  right->Add(Heading(page, "资金下达"), 0, wxBOTTOM, FromDIP(4));
  allocations_ = MakeList(page, {{"资金来源", 30}, {"类型", 12}, {"金额(万元)", 12, true}, {"下达日期", 11}});
  right->Add(allocations_, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
  right->Add(Heading(page, "资金到位"), 0, wxBOTTOM, FromDIP(4));
  receipts_ = MakeList(page, {{"资金来源", 30}, {"类型", 12}, {"金额(万元)", 12, true}, {"到位日期", 11}});
  right->Add(receipts_, 1, wxEXPAND);
  row->Add(right, 1, wxEXPAND);
  top->Add(row, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, "编辑概算(&B)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnEditBudget, this);
  AddButton(page, buttons, "新增下达(&A)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddAllocation, this);
  AddButton(page, buttons, "新增到位(&R)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddReceipt, this);
  top->Add(buttons, 0, wxALL, FromDIP(8));
  allocations_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditAllocation(); });
  receipts_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditReceipt(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildProcedures() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  steps_ = MakeList(page, {{"序", 4, true}, {"手续", 24}, {"办理部门", 16}, {"状态", 8}, {"计划日期", 11},
                           {"完成日期", 11}, {"文号", 18}, {"提示", 24}});
  top->Add(steps_, 1, wxEXPAND | wxALL, FromDIP(8));
  top->Add(new wxStaticText(page, wxID_ANY, U8("双击一行修改该项手续；“逾期”表示计划日期已过仍未办结。")),
           0, wxLEFT | wxBOTTOM, FromDIP(8));
  steps_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditStep(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildProgress() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxHORIZONTAL);
  auto* left = new wxBoxSizer(wxVERTICAL);
  progress_ = MakeList(page, {{"月份", 8}, {"形象进度(%)", 10, true}, {"累计完成投资(万元)", 15, true},
                              {"形象进度", 14}, {"存在问题", 24}, {"下步计划", 18}});
  left->Add(progress_, 1, wxEXPAND | wxBOTTOM, FromDIP(6));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, "录入进度(&P)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddProgress, this);
  left->Add(buttons, 0);
  top->Add(left, 1, wxEXPAND | wxALL, FromDIP(8));
  chart_ = new LineChart(page, U8("形象进度与序时进度"));
  top->Add(chart_, 1, wxEXPAND | wxALL, FromDIP(8));
  progress_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditProgress(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildContracts() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  top->Add(Heading(page, "合同"), 0, wxLEFT | wxTOP, FromDIP(8));
  contracts_ = MakeList(page, {{"合同编号", 18}, {"类型", 8}, {"乙方", 28}, {"合同金额(万元)", 13, true},
                               {"已付(万元)", 12, true}, {"已付比例", 8, true}, {"质保金(万元)", 11, true},
                               {"余额(万元)", 12, true}, {"签订日期", 11}});
  top->Add(contracts_, 1, wxEXPAND | wxALL, FromDIP(8));
  top->Add(Heading(page, "拨付（已确认的拨付不能修改，更正请用红字冲销）"), 0, wxLEFT, FromDIP(8));
  payments_ = MakeList(page, {{"拨付日期", 11}, {"凭证号", 14}, {"金额(万元)", 12, true}, {"款项性质", 8},
                              {"资金来源", 24}, {"费用类别", 9}, {"收款单位", 24}, {"合同", 18}, {"备注", 20}});
  top->Add(payments_, 2, wxEXPAND | wxALL, FromDIP(8));
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  AddButton(page, buttons, "新增合同(&C)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddContract, this);
  AddButton(page, buttons, "新增拨付(&Y)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnAddPayment, this);
  AddButton(page, buttons, "红字冲销(&V)…", actions_)->Bind(wxEVT_BUTTON, &ProjectPanel::OnReversePayment, this);
  top->Add(buttons, 0, wxLEFT | wxBOTTOM, FromDIP(8));
  contracts_->Bind(wxEVT_DATAVIEW_ITEM_ACTIVATED, [this](wxDataViewEvent&) { OnEditContract(); });
  page->SetSizer(top);
  return page;
}

wxWindow* ProjectPanel::BuildWarnings() {
  auto* page = new wxPanel(this);
  auto* top = new wxBoxSizer(wxVERTICAL);
  warnings_ = MakeList(page, {{"级别", 6}, {"预警", 14}, {"金额(万元)", 12, true}, {"说明", 70}, {"依据", 50}});
  top->Add(warnings_, 1, wxEXPAND | wxALL, FromDIP(8));
  page->SetSizer(top);
  return page;
}

void ProjectPanel::Clear() {
  db_ = nullptr;
  portfolio_ = nullptr;
  file_ = storage::ProjectFile();
  findings_.clear();
  gap_.reset();
  Fill();
}

void ProjectPanel::ShowProject(storage::Database& db, const Portfolio& portfolio, Id projectId,
                               const std::vector<Finding>& findings, const ProjectGap* gap,
                               Date asOf) {
  db_ = &db;
  portfolio_ = &portfolio;
  asOf_ = asOf;
  file_ = storage::LoadProjectFile(db, projectId);
  findings_.clear();
  for (const auto& f : findings)
    if (f.projectId == projectId) findings_.push_back(f);
  gap_.reset();
  if (gap) gap_ = *gap;
  Fill();
}

void ProjectPanel::Fill() {
  for (auto* b : actions_) b->Enable(Ready());
  for (auto* list : {coverage_, allocations_, receipts_, steps_, progress_, contracts_, payments_, warnings_})
    list->DeleteAllItems();
  const Project& p = file_.project;
  if (!Ready()) {
    for (auto* v : detailValues_) v->SetLabel("");
    fundsSummary_->SetLabel(U8("请在上方列表中选择一个项目。"));
    chart_->SetData({}, {});
    return;
  }
  std::string values[] = {p.code, p.name, p.school, p.township, std::string(Name(p.stage)),
                          std::string(Name(p.category)), std::string(Name(p.nature)),
                          p.floorArea.Format(), FormatDate(p.plannedStart), FormatDate(p.plannedFinish),
                          FormatDate(p.actualStart), FormatDate(p.actualFinish),
                          std::string(Name(p.status)), p.note};
  for (size_t i = 0; i < detailValues_.size(); ++i) detailValues_[i]->SetLabel(U8(values[i]));
  GetPage(kDetails)->Layout();

  auto sourceName = [&](Id id) -> std::pair<std::string, std::string> {
    if (const FundingSource* s = portfolio_->FindSource(id)) return {s->name, s->kind};
    return {"（来源 " + std::to_string(id) + "）", ""};
  };

  // Funds.
  Money budget, committed, received, paid;
  for (const auto& b : file_.budgetLines) budget += b.amount;
  for (const auto& a : file_.allocations) committed += a.amount;
  for (const auto& r : file_.receipts) received += r.amount;
  for (const auto& pay : file_.payments) paid += pay.amount;
  std::string summary = "概算 " + Wan(budget) + " 万元；已下达 " + Wan(committed) + " 万元；已到位 " +
                        Wan(received) + " 万元；已拨付 " + Wan(paid) + " 万元；资金缺口 " +
                        Wan(Max(budget - committed, Money())) + " 万元";
  if (gap_ && gap_->uncovered > Max(gap_->totalGap, Money()))
    summary += "；其中有 " + Wan(gap_->uncovered - Max(gap_->totalGap, Money())) +
               " 万元资金因用途限制不能用于有缺口的费用";
  fundsSummary_->SetLabel(U8(summary));
  if (gap_) {
    Money tb, tc, tu;
    for (const auto& c : gap_->categories) {
      AppendRow(coverage_, {std::string(Name(c.category)), Wan(c.budget), Wan(c.covered), Wan(c.uncovered)});
      tb += c.budget;
      tc += c.covered;
      tu += c.uncovered;
    }
    AppendRow(coverage_, {"合计", Wan(tb), Wan(tc), Wan(tu)});
  }
  for (const auto& a : file_.allocations) {
    auto [name, kind] = sourceName(a.sourceId);
    AppendRow(allocations_, {name, kind, Wan(a.amount), FormatDate(a.date)}, static_cast<wxUIntPtr>(a.id));
  }
  for (const auto& r : file_.receipts) {
    auto [name, kind] = sourceName(r.sourceId);
    AppendRow(receipts_, {name, kind, Wan(r.amount), FormatDate(r.date)}, static_cast<wxUIntPtr>(r.id));
  }

  // Procedures.
  for (size_t i = 0; i < file_.procedureSteps.size(); ++i) {
    const ProcedureStep& s = file_.procedureSteps[i];
    const ProcedureTemplateStep* t = portfolio_->FindTemplateStep(s.templateId);
    std::string hint;
    bool open = s.status == StepStatus::NotStarted || s.status == StepStatus::InProgress;
    if (open && s.plannedDate && *s.plannedDate < asOf_)
      hint = "逾期 " + std::to_string((asOf_ - *s.plannedDate).days()) + " 天";
    if (open && t && t->requiredBeforeStart && p.actualStart)
      hint += std::string(hint.empty() ? "" : "；") + "开工前应办结";
    AppendRow(steps_, {t ? std::to_string(t->order) : "", t ? t->name : "", t ? t->issuer : "",
                       std::string(Name(s.status)), FormatDate(s.plannedDate), FormatDate(s.doneDate),
                       s.docNo, hint},
              static_cast<wxUIntPtr>(i + 1));
  }

  // Progress and its chart: % complete, 序时进度 at each month end, paid / budget.
  std::vector<wxString> months;
  LineChart::Series pct{U8("形象进度"), wxColour(31, 119, 180), {}, false};
  LineChart::Series sched{U8("序时进度"), wxColour(150, 150, 150), {}, true};
  LineChart::Series paidShare{U8("拨付/概算"), wxColour(214, 96, 40), {}, false};
  std::vector<std::pair<Date, Money>> paidByDate;
  for (size_t i = 0; i < file_.progress.size(); ++i) {
    const ProgressEntry& e = file_.progress[i];
    AppendRow(progress_, {e.month.Format(), e.percent.Format(), Wan(e.invested), e.description, e.problems,
                          e.nextSteps},
              static_cast<wxUIntPtr>(i + 1));
    months.push_back(U8(e.month.Format()));
    pct.tenths.push_back(e.percent.tenths());
    auto s = SchedulePercent(p, e.month.LastDay());
    sched.tenths.push_back(s ? std::optional<int>(s->tenths()) : std::nullopt);
    Money upTo;
    for (const auto& pay : file_.payments)
      if (pay.date <= e.month.LastDay()) upTo += pay.amount;
    paidShare.tenths.push_back(budget.IsZero() ? std::nullopt
                                               : std::optional<int>(std::min<int64_t>(
                                                     1000, upTo.MulDiv(1000, budget.fen()).fen())));
  }
  chart_->SetData(months, {pct, sched, paidShare});

  // Contracts with paid-to-date, retention and balance; payments.
  std::map<Id, Money> paidByContract;
  for (const auto& pay : file_.payments)
    if (pay.contractId) paidByContract[*pay.contractId] += pay.amount;
  std::map<Id, std::string> contractCode;
  for (const auto& c : file_.contracts) {
    Money cp = paidByContract[c.id];
    Money retention = c.amount.MulDiv(c.retentionRate.basisPoints(), 10000);
    std::string ratio = FormatFixed(cp.MulDiv(1000, c.amount.fen()).fen(), 1) + "%";
    AppendRow(contracts_, {c.code, std::string(Name(c.kind)), c.counterparty, Wan(c.amount), Wan(cp), ratio,
                           Wan(retention), Wan(c.amount - cp), FormatDate(c.signedDate)},
              static_cast<wxUIntPtr>(c.id));
    contractCode[c.id] = c.code;
  }
  for (const auto& pay : file_.payments) {
    std::string note = pay.note;
    if (pay.reversesId) note = "红字冲销" + std::string(note.empty() ? "" : "：") + note;
    AppendRow(payments_, {FormatDate(pay.date), pay.voucher, Wan(pay.amount), std::string(Name(pay.kind)),
                          sourceName(pay.sourceId).first, std::string(Name(pay.category)), pay.payee,
                          pay.contractId ? contractCode[*pay.contractId] : "（无合同）", note},
              static_cast<wxUIntPtr>(pay.id));
  }

  // Warnings.
  for (const auto& f : findings_)
    AppendRow(warnings_, {std::string(SeverityLabel(f.severity)), f.title, f.amount ? Wan(*f.amount) : "",
                          f.message, f.rule});
  SetPageText(kWarnings, findings_.empty() ? U8("预警") : wxString::Format(U8("预警 (%zu)"), findings_.size()));
}

// ---- actions ----------------------------------------------------------------------

void ProjectPanel::OnEditProject(wxCommandEvent&) {
  if (!Ready()) return;
  Project p = file_.project;
  if (EditProjectDialog(this, *db_, p)) Changed();
}

void ProjectPanel::OnEditBudget(wxCommandEvent&) {
  if (Ready() && EditBudgetDialog(this, *db_, file_.project.id)) Changed();
}

void ProjectPanel::OnAddAllocation(wxCommandEvent&) {
  if (!Ready()) return;
  Allocation a;
  a.projectId = file_.project.id;
  a.date = asOf_;
  if (EditAllocationDialog(this, *db_, a)) Changed();
}

void ProjectPanel::OnAddReceipt(wxCommandEvent&) {
  if (!Ready()) return;
  Receipt r;
  r.projectId = file_.project.id;
  r.date = asOf_;
  if (EditReceiptDialog(this, *db_, r)) Changed();
}

void ProjectPanel::OnEditAllocation() {
  Id id = static_cast<Id>(SelectedData(allocations_));
  for (auto a : file_.allocations)
    if (a.id == id && EditAllocationDialog(this, *db_, a)) return Changed();
}

void ProjectPanel::OnEditReceipt() {
  Id id = static_cast<Id>(SelectedData(receipts_));
  for (auto r : file_.receipts)
    if (r.id == id && EditReceiptDialog(this, *db_, r)) return Changed();
}

void ProjectPanel::OnEditStep() {
  size_t i = SelectedData(steps_);
  if (i == 0 || i > file_.procedureSteps.size()) return;
  ProcedureStep s = file_.procedureSteps[i - 1];
  if (EditProcedureStepDialog(this, *db_, s)) Changed();
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
  if (EditProgressDialog(this, *db_, e, previous)) Changed();
}

void ProjectPanel::OnEditProgress() {
  size_t i = SelectedData(progress_);
  if (i == 0 || i > file_.progress.size()) return;
  ProgressEntry e = file_.progress[i - 1];
  const ProgressEntry* previous = i >= 2 ? &file_.progress[i - 2] : nullptr;
  if (EditProgressDialog(this, *db_, e, previous)) Changed();
}

void ProjectPanel::OnAddContract(wxCommandEvent&) {
  if (!Ready()) return;
  Contract c;
  c.projectId = file_.project.id;
  if (EditContractDialog(this, *db_, c)) Changed();
}

void ProjectPanel::OnEditContract() {
  Id id = static_cast<Id>(SelectedData(contracts_));
  for (auto c : file_.contracts)
    if (c.id == id && EditContractDialog(this, *db_, c)) return Changed();
}

void ProjectPanel::OnAddPayment(wxCommandEvent&) {
  if (!Ready()) return;
  Payment p;
  p.projectId = file_.project.id;
  p.date = asOf_;
  if (NewPaymentDialog(this, *db_, p)) Changed();
}

void ProjectPanel::OnReversePayment(wxCommandEvent&) {
  if (!Ready()) return;
  Id id = static_cast<Id>(SelectedData(payments_));
  if (id == 0) {
    SetSelection(kContracts);
    ShowError(this, U8("请先在拨付列表中选中要冲销的那笔拨付"), "");
    return;
  }
  for (const auto& p : file_.payments)
    if (p.id == id && ReversePaymentDialog(this, *db_, p)) return Changed();
}

}  // namespace sb::ui

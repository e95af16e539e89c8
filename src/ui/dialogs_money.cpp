// Funding source, allocation/receipt, contract, payment and reversal dialogs.
#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/valgen.h>
#include <wx/xrc/xmlres.h>

#include <map>
#include <set>

#include "core/rules.h"
#include "core/text.h"
#include "app/actions.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {

std::string ProjectLine(const Project& p) { return p.name + "（" + p.code + "）"; }

std::string Wan(Money m) { return m.FormatWan(2, 6) + " 万元"; }

std::string SourceLabel(const FundingSource& s) {
  return s.code + "  " + s.name + "（" + s.kind + "，" + std::to_string(s.year) + "年）";
}

void SetInfo(EditDialog* dlg, const char* name, const std::string& text) {
  if (auto* t = XRCCTRL(*dlg, name, wxStaticText)) {
    t->SetLabelText(U8(text));
    t->Wrap(std::max(dlg->GetClientSize().x - dlg->FromDIP(24), dlg->FromDIP(300)));
  }
  dlg->Layout();
}

}  // namespace

// ---- funding source ----------------------------------------------------------------

SourceDialog::SourceDialog(wxWindow* parent, app::Session& session, const FundingSource& source)
    : EditDialog(session), work_(source), saved_(source) {
  kinds_ = storage::FundKinds(db_);
  if (work_.id == 0) {
    if (work_.year == 0) work_.year = session_.today().year();
    if (work_.kind.empty() && !kinds_.empty()) {
      work_.kind = kinds_.front().name;
      work_.eligible = kinds_.front().defaultEligible;
    }
  }
  for (size_t i = 0; i < kinds_.size(); ++i)
    if (kinds_[i].name == work_.kind) kindIndex_ = static_cast<int>(i);
  if (kindIndex_ < 0 && !work_.kind.empty()) {  // a kind the county has since removed
    FundKind k;
    k.name = work_.kind;
    k.defaultEligible = work_.eligible;
    kinds_.push_back(k);
    kindIndex_ = static_cast<int>(kinds_.size() - 1);
  }
  for (size_t i = 0; i < eligible_.size(); ++i)
    eligible_[i] = work_.eligible.Contains(EnumAt<CostCategory>(i));
  year_ = work_.year;

  LoadForm(parent, "SourceDialog");
  SetTitle(work_.id == 0 ? TR("新建资金来源") : TR("编辑资金来源") + " — " + U8(work_.code));
  wxChoice* kind = Choice("Kind");
  for (const auto& k : kinds_) kind->Append(TR(k.name.c_str()));

  BindText("Code", "来源编号", work_.code);
  BindParsed(
      "Year", "年度", [this] { return year_ ? wxString::Format("%d", year_) : wxString(); },
      [this](const std::string& s) { year_ = ParseYear(s); });
  BindText("Name", "来源名称", work_.name);
  BindChoice("Kind", "来源类型", [this] { return kindIndex_; },
             [this](int i) { kindIndex_ = i; });
  BindMoney("Amount", "金额", work_.amount);
  BindText("DocNo", "文号", work_.docNo);
  for (size_t i = 0; i < eligible_.size(); ++i) {
    std::string name = "Eligible" + std::to_string(i);
    CheckBox(name.c_str())->SetValidator(wxGenericValidator(&eligible_[i]));
  }
  NameField("费用类别", CheckBox("Eligible0"));
  BindText("Note", "备注", work_.note);
  kind->Bind(wxEVT_CHOICE, &SourceDialog::OnKind, this);

  TransferDataToWindow();
  FinishLayout(76);
  Text("Code")->SetFocus();
}

void SourceDialog::OnKind(wxCommandEvent&) {
  int i = Choice("Kind")->GetSelection();
  if (i < 0 || i >= static_cast<int>(kinds_.size())) return;
  // A new kind brings its default eligibility; the clerk adjusts it as the notice says.
  for (size_t c = 0; c < eligible_.size(); ++c) {
    std::string name = "Eligible" + std::to_string(c);
    CheckBox(name.c_str())->SetValue(kinds_[static_cast<size_t>(i)].defaultEligible.Contains(EnumAt<CostCategory>(c)));
  }
}

bool SourceDialog::Write() {
  FundingSource s = work_;
  s.kind = kinds_.at(static_cast<size_t>(kindIndex_)).name;
  s.year = year_;
  s.eligible = CategorySet();
  for (size_t i = 0; i < eligible_.size(); ++i)
    if (eligible_[i]) s.eligible.Add(EnumAt<CostCategory>(i));
  app::SaveSource(session_, s);
  saved_ = s;
  work_.id = s.id;
  work_.rowVersion = s.rowVersion;
  return true;
}

// ---- allocation and receipt --------------------------------------------------------

FundFlowDialog::FundFlowDialog(wxWindow* parent, app::Session& session, Kind kind, const Row& row)
    : EditDialog(session), kind_(kind), work_(row), saved_(row) {
  bool alloc = kind == Kind::Allocation;
  const Portfolio& pf = session_.analysis().portfolio;
  const Project* project = pf.FindProject(row.projectId);
  if (!project) Fail(ErrorCode::NotFound, "项目不存在（编号 " + std::to_string(row.projectId) + "）");
  sources_ = pf.sources;
  std::map<Id, Money> others;
  auto count = [&](const auto& rows) {
    for (const auto& r : rows)
      if (!(r.id == row.id && row.id != 0)) others[r.sourceId] += r.amount;
  };
  if (alloc) count(pf.allocations); else count(pf.receipts);
  for (size_t i = 0; i < sources_.size(); ++i) {
    committedElsewhere_.push_back(others[sources_[i].id]);
    if (sources_[i].id == row.sourceId) sourceIndex_ = static_cast<int>(i);
  }
  if (work_.id == 0 && work_.date.is_special()) work_.date = session_.today();
  // A new row of a project funded from one source only: that source, preselected.
  if (work_.id == 0 && sourceIndex_ < 0) {
    std::set<Id> own;
    for (const auto& a : pf.allocations)
      if (a.projectId == row.projectId) own.insert(a.sourceId);
    if (own.size() == 1)
      for (size_t i = 0; i < sources_.size(); ++i)
        if (sources_[i].id == *own.begin()) {
          sourceIndex_ = static_cast<int>(i);
          work_.sourceId = sources_[i].id;
        }
  }

  LoadForm(parent, "FundFlowDialog");
  wxString what = alloc ? TR("资金下达") : TR("资金到位");
  SetTitle((work_.id == 0 ? (alloc ? TR("新增资金下达") : TR("新增资金到位"))
                          : (alloc ? TR("编辑资金下达") : TR("编辑资金到位"))) +
           " — " + U8(project->code));
  SetHeader(U8(ProjectLine(*project)) + " · " + what);
  wxChoice* src = Choice("Source");
  for (const auto& s : sources_) src->Append(U8(SourceLabel(s)));

  BindChoice("Source", "资金来源", [this] { return sourceIndex_; },
             [this](int i) {
               sourceIndex_ = i;
               work_.sourceId = sources_.at(static_cast<size_t>(i)).id;
             });
  BindMoney("Amount", alloc ? "下达金额" : "到位金额", work_.amount);
  BindDate("Date", alloc ? "下达日期" : "到位日期", work_.date);
  BindText("Note", "备注", work_.note);
  src->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { UpdateSourceInfo(); });

  TransferDataToWindow();
  FinishLayout(76);
  UpdateSourceInfo();
  src->SetFocus();
}

void FundFlowDialog::UpdateSourceInfo() {
  int i = Choice("Source")->GetSelection();
  if (i < 0) {
    SetInfo(this, "SourceInfo", "请选择这笔资金的来源。");
    return;
  }
  const FundingSource& s = sources_[static_cast<size_t>(i)];
  Money other = committedElsewhere_[static_cast<size_t>(i)];
  std::string eligible = s.eligible.Empty() ? "（未设定）" : s.eligible.Format();
  std::string text = "来源总额 " + Wan(s.amount) + "，可支付：" + eligible + "。\n" +
                     (kind_ == Kind::Allocation ? "已下达各项目（不含本条）" : "已到位各项目（不含本条）") +
                     " " + Wan(other) + "，余 " + Wan(s.amount - other) + "。";
  SetInfo(this, "SourceInfo", text);
}

bool FundFlowDialog::Write() {
  auto write = [this](auto entity, auto save) {
    entity.id = work_.id;
    entity.projectId = work_.projectId;
    entity.sourceId = work_.sourceId;
    entity.amount = work_.amount;
    entity.date = work_.date;
    entity.note = work_.note;
    entity.rowVersion = work_.rowVersion;
    save(session_, entity);
    work_.id = entity.id;
    work_.rowVersion = entity.rowVersion;
  };
  if (kind_ == Kind::Allocation)
    write(Allocation{}, [](app::Session& s, Allocation& a) { app::SaveAllocation(s, a); });
  else
    write(Receipt{}, [](app::Session& s, Receipt& r) { app::SaveReceipt(s, r); });
  saved_ = work_;
  return true;
}

// ---- contract ----------------------------------------------------------------------

ContractDialog::ContractDialog(wxWindow* parent, app::Session& session, const Contract& contract)
    : EditDialog(session), work_(contract), saved_(contract) {
  Project p = storage::ProjectById(db_, contract.projectId);

  LoadForm(parent, "ContractDialog");
  SetTitle(work_.id == 0 ? TR("新建合同") + " — " + U8(p.code) : TR("编辑合同") + " — " + U8(work_.code));
  SetHeader(U8(ProjectLine(p)));

  BindText("Code", "合同编号", work_.code);
  BindEnum("Kind", work_.kind);
  BindText("Counterparty", "施工单位", work_.counterparty);
  BindMoney("Amount", "合同金额", work_.amount);
  BindOptionalDate("SignedDate", "签订日期", work_.signedDate);
  BindParsed(
      "AdvanceRate", "预付款比例",
      [this] { return work_.advanceRate.basisPoints() ? U8(work_.advanceRate.Format()) : wxString(); },
      [this](const std::string& s) {
        work_.advanceRate = Trim(s).empty() ? Rate() : Rate::Parse(s, kMaxAdvanceBp, TrNoopC("field", "预付款比例（%）"));
      });
  // Empty: the contract states none (the county default applies); 0: stated 0%.
  BindParsed(
      "RetentionRate", "质保金比例",
      [this] { return work_.retentionRate ? U8(work_.retentionRate->Format()) : wxString(); },
      [this](const std::string& s) {
        work_.retentionRate.reset();
        if (!Trim(s).empty()) work_.retentionRate = Rate::Parse(s, kMaxRetentionBp, TrNoopC("field", "质保金比例（%）"));
      });
  // 采购方式: the first entry is "not entered".
  {
    wxChoice* how = Choice("Procurement");
    how->Clear();
    how->Append(TR("（未填写）"));
    for (auto name : EnumInfo<Procurement>::names) how->Append(TR(name));
    BindChoice(
        "Procurement", "采购方式",
        [this] { return work_.procurement ? static_cast<int>(*work_.procurement) + 1 : 0; },
        [this](int i) {
          work_.procurement.reset();
          if (i > 0) work_.procurement = static_cast<Procurement>(i - 1);
        });
  }
  BindText("AwardNo", "中标通知书", work_.awardNo);
  auto point = [this](const char* ctrl, const char* label, std::optional<Percent>& target) {
    BindParsed(
        ctrl, label, [&target] { return target ? U8(target->Format()) : wxString(); },
        [&target](const std::string& s) {
          target.reset();
          if (!Trim(s).empty()) target = Percent::Parse(s);
        });
  };
  point("RecoverFrom", "预付款扣回起点", work_.advanceRecoverFrom);
  point("RecoverTo", "终点", work_.advanceRecoverTo);
  BindText("Note", "备注", work_.note);

  TransferDataToWindow();
  FinishLayout(76);
  Text("Code")->SetFocus();
}

bool ContractDialog::Write() {
  Contract c = work_;
  app::SaveContract(session_, c);
  saved_ = c;
  work_.id = c.id;
  work_.rowVersion = c.rowVersion;
  return true;
}

// ---- payment -----------------------------------------------------------------------


PaymentDialog::PaymentDialog(wxWindow* parent, app::Session& session, const Payment& payment)
    : EditDialog(session), work_(payment), saved_(payment) {
  storage::ProjectFile file = storage::LoadProjectFile(db_, payment.projectId);
  project_ = file.project;
  contracts_ = file.contracts;
  ownContracts_ = contracts_.size();
  payments_ = file.payments;
  if (work_.contractId) {
    bool own = false;
    for (size_t i = 0; i < ownContracts_; ++i)
      if (contracts_[i].id == *work_.contractId) {
        own = true;
        contractIndex_ = static_cast<int>(i) + 1;
      }
    if (!own) {
      // Preset by the caller with a contract of another project: shown as such, refused
      // on save rather than silently dropped.
      Contract foreign;
      foreign.id = *work_.contractId;
      if (auto c = storage::ContractById(db_, foreign.id)) foreign = *c;
      contracts_.push_back(foreign);
      contractIndex_ = static_cast<int>(contracts_.size());
    }
  }

  // Sources allocated to this project first, with what it has had from them.
  std::map<Id, Money> allocated, received;
  for (const auto& a : file.allocations) allocated[a.sourceId] += a.amount;
  for (const auto& r : file.receipts) received[r.sourceId] += r.amount;
  std::vector<FundingSource> all = storage::FundingSources(db_);
  for (const auto& s : all)
    if (allocated.count(s.id) || received.count(s.id)) sources_.push_back(s);
  size_t withFunds = sourcesWithFunds_ = sources_.size();
  for (const auto& s : all)
    if (!allocated.count(s.id) && !received.count(s.id)) sources_.push_back(s);
  for (size_t i = 0; i < sources_.size(); ++i)
    if (sources_[i].id == work_.sourceId) sourceIndex_ = static_cast<int>(i);
  if (work_.date.is_special()) work_.date = session_.today();

  LoadForm(parent, "PaymentDialog");
  SetTitle(TR("新增拨付") + " — " + U8(project_.code));
  SetHeader(U8(ProjectLine(project_)));
  wxChoice* contract = Choice("Contract");
  contract->Append(TR("无合同（如征地补偿直接拨付）"));
  for (size_t i = 0; i < contracts_.size(); ++i) {
    const Contract& c = contracts_[i];
    if (i < ownContracts_)
      contract->Append(U8(c.code + "  " + TRs(Name(c.kind).data()) + " · " + c.counterparty));
    else
      contract->Append(U8("合同 " + (c.code.empty() ? "#" + std::to_string(c.id) : c.code) +
                          "（不属于本项目）"));
  }
  wxChoice* source = Choice("Source");
  for (size_t i = 0; i < sources_.size(); ++i) {
    const FundingSource& s = sources_[i];
    std::string label = SourceLabel(s);
    if (i < withFunds)
      label += " — 本项目已下达 " + Wan(allocated[s.id]) + "，已到位 " + Wan(received[s.id]);
    else
      label += " — 未下达本项目";
    source->Append(U8(label));
  }

  BindChoice("Contract", "合同", [this] { return contractIndex_; },
             [this](int i) {
               contractIndex_ = i;
               if (i == 0)
                 work_.contractId.reset();
               else
                 work_.contractId = contracts_.at(static_cast<size_t>(i - 1)).id;
             });
  BindChoice("Source", "资金来源", [this] { return sourceIndex_; },
             [this](int i) {
               sourceIndex_ = i;
               work_.sourceId = sources_.at(static_cast<size_t>(i)).id;
             });
  BindEnum("Category", work_.category);
  BindEnum("Kind", work_.kind);
  BindDate("Date", "拨付日期", work_.date);
  BindMoney("Amount", "拨付金额", work_.amount);
  BindText("Voucher", "凭证号", work_.voucher);
  BindText("Payee", "收款单位", work_.payee);
  BindText("Note", "备注", work_.note);
  contract->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { OnContract(); });
  Text("Amount")->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateAmountEcho(); });

  TransferDataToWindow();
  FinishLayout(84);
  SetInfo(this, "Immutable",
          "拨付确认后不能修改或删除；如有错误，请对原拨付做红字冲销，再重新录入。");
  UpdateContractInfo();
  UpdateAmountEcho();
  contract->SetFocus();
}

void PaymentDialog::SelectContract(std::optional<Id> contractId) {
  int index = 0;
  for (size_t i = 0; i < contracts_.size(); ++i)
    if (contractId && contracts_[i].id == *contractId) index = static_cast<int>(i) + 1;
  Choice("Contract")->SetSelection(index);
  OnContract();
}

void PaymentDialog::SelectSource(Id sourceId) {
  for (size_t i = 0; i < sources_.size(); ++i)
    if (sources_[i].id == sourceId) Choice("Source")->SetSelection(static_cast<int>(i));
}

void PaymentDialog::OnContract() {
  int i = Choice("Contract")->GetSelection();
  if (i > 0 && static_cast<size_t>(i) <= ownContracts_) {
    // Fill what follows from the contract, leaving what the clerk already typed alone.
    const Contract& c = contracts_[static_cast<size_t>(i - 1)];
    wxTextCtrl* payee = Text("Payee");
    bool payeeFromContract = false;
    for (const auto& other : contracts_)
      if (payee->GetValue() == U8(other.counterparty)) payeeFromContract = true;
    if (payee->IsEmpty() || payeeFromContract) payee->ChangeValue(U8(c.counterparty));
    Choice("Category")->SetSelection(static_cast<int>(ContractCategory(c.kind)));
    if (c.kind == ContractKind::LandCompensation)
      Choice("Kind")->SetSelection(static_cast<int>(PaymentKind::LandCompensation));
  }
  UpdateContractInfo();
}

void PaymentDialog::UpdateContractInfo() {
  int i = Choice("Contract")->GetSelection();
  if (i <= 0) {
    SetInfo(this, "ContractInfo", "不关联合同的拨付：只用于征地补偿等没有合同的支出。");
    return;
  }
  const Contract& c = contracts_[static_cast<size_t>(i - 1)];
  if (static_cast<size_t>(i) > ownContracts_) {
    SetInfo(this, "ContractInfo", "这份合同不属于本项目，不能在此项目下拨付。");
    return;
  }
  // The ledger's position: the figures the rules test this payment against.
  const ContractPosition* k = session_.analysis().ledger.Contract(c.id);
  if (!k) {
    SetInfo(this, "ContractInfo", "合同金额 " + Wan(c.amount) + "。");
    return;
  }
  std::string text = "合同金额 " + Wan(k->amount) + "，已付 " + Wan(k->paid) + "，未付 " +
                     Wan(k->balance);
  if (k->retentionBp > 0)
    text += "；质保金 " + Rate::FromBasisPoints(k->retentionBp).Format() + "%（" + Wan(k->retention) +
            (k->retentionStated ? "" : "，合同未约定，按县设置") + "）";
  SetInfo(this, "ContractInfo", text + "。");
}

void PaymentDialog::UpdateAmountEcho() {
  std::string text = ToStd(Text("Amount")->GetValue());
  std::string echo;
  if (!Trim(text).empty()) {
    try {
      echo = "＝ " + Money::Parse(text, MoneyUnit::Wan).FormatYuan() + " 元";
    } catch (const Error& e) {
      echo = e.detail();
    }
  }
  SetInfo(this, "AmountEcho", echo);
}

bool PaymentDialog::Write() {
  Payment p = work_;
  p.id = 0;
  p.projectId = project_.id;
  p.reversesId.reset();
  const Contract* contract = nullptr;
  if (contractIndex_ > 0) {
    contract = &contracts_.at(static_cast<size_t>(contractIndex_ - 1));
    if (static_cast<size_t>(contractIndex_) > ownContracts_)
      Fail(ErrorCode::InvalidInput,
           "合同" + (contract->code.empty() ? "" : "“" + contract->code + "”") + "不属于项目“" +
               project_.name + "”，不能在此项目下拨付；请选择本项目的合同或“无合同”");
  }
  sb::Check(p);
  const FundingSource& source = sources_.at(static_cast<size_t>(sourceIndex_));

  std::string detail = "项目：" + ProjectLine(project_) + "\n合同：" +
                       (contract ? contract->code + " " + contract->counterparty : "无合同") +
                       "\n资金来源：" + source.code + " " + source.name + "\n费用类别：" +
                       TRs(Name(p.category).data()) + "　款项性质：" + TRs(Name(p.kind).data()) +
                       "\n日期：" + FormatDate(p.date) + "\n金额：" + Wan(p.amount) + "（" +
                       p.amount.FormatYuan() + " 元）\n凭证号：" + p.voucher + "　收款单位：" +
                       (p.payee.empty() ? "（未填）" : p.payee);
  // What can never be right is refused before anything is asked; what the rules will
  // flag is shown as the findings the saved payment raises, all of them, with figures.
  app::CheckPayment(session_, p);
  std::vector<Finding> findings = app::PaymentFindings(session_, p);
  std::string errors, notes;
  for (const auto& f : findings) {
    std::string line = "\n• [" + TRs(std::string(SeverityLabel(f.severity)).c_str()) + "] " +
                       f.title + "：" + f.message;
    (f.severity == Severity::Error ? errors : notes) += line;
  }
  if (!errors.empty()) detail += "\n\n保存后将产生以下严重问题：" + errors;
  if (!notes.empty()) detail += "\n\n请注意：" + notes;
  if (!CurrentPrompter().Confirm(this, TR("确认这笔拨付？保存后不能修改或删除，只能红字冲销。"),
                                 U8(detail)))
    return false;
  if (!errors.empty() &&
      !CurrentPrompter().Confirm(
          this, TR("这笔拨付违反资金管理规定，确实要保存吗？"),
          U8("预警规则认定以下问题为“错误”：" + errors +
             "\n\n如确有依据（如已批准的调整），请在备注中写明后再保存；否则请取消。")))
    return false;

  app::RecordPayment(session_, p);
  saved_ = p;
  return true;
}

// ---- reversal (红字冲销) --------------------------------------------------------------

ReversalDialog::ReversalDialog(wxWindow* parent, app::Session& session, const Payment& payment)
    : EditDialog(session), original_(payment), date_(session_.today()) {
  if (payment.reversesId) Fail(ErrorCode::Refused, "这是一笔冲销记录，不能再冲销");
  for (const auto& p : storage::PaymentsByProject(db_, payment.projectId))
    if (p.reversesId == payment.id)
      Fail(ErrorCode::Refused, "凭证号 " + payment.voucher + " 的拨付已于 " + FormatDate(p.date) +
                                   " 冲销（凭证号 " + p.voucher + "），不能重复冲销");
  Project project = storage::ProjectById(db_, payment.projectId);

  LoadForm(parent, "ReversalDialog");
  SetTitle(TR("红字冲销") + " — " + U8(payment.voucher));
  SetHeader(U8(ProjectLine(project)));
  std::string text = "原拨付：" + FormatDate(payment.date) + "　凭证号 " + payment.voucher +
                     "　金额 " + Wan(payment.amount) + "\n" + TRs(Name(payment.kind).data()) +
                     " · " + TRs(Name(payment.category).data()) +
                     (payment.payee.empty() ? "" : " · 收款单位 " + payment.payee) +
                     "\n冲销将记录一笔 " + Wan(-payment.amount) + " 的红字拨付，原拨付保留不变。";
  SetInfo(this, "Original", text);

  BindDate("Date", "冲销日期", date_);
  BindText("Voucher", "凭证号", voucher_);
  BindText("Reason", "冲销原因", reason_);

  TransferDataToWindow();
  FinishLayout(72);
  SetInfo(this, "Original", text);
  Text("Voucher")->SetFocus();
}

bool ReversalDialog::Write() {
  app::CheckReversal(session_, original_.id, date_, voucher_, reason_);
  if (!CurrentPrompter().Confirm(
          this, TR("确认红字冲销？冲销后不能撤销。"),
          U8("将记录一笔 " + Wan(-original_.amount) + " 的冲销，凭证号 " + voucher_ + "，日期 " +
             FormatDate(date_) + "。")))
    return false;
  reversalId_ = app::ReversePayment(session_, original_.id, date_, voucher_, reason_);
  return true;
}

}  // namespace sb::ui

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
#include "core/translate.h"
#include "app/actions.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {

std::string ProjectLine(const Project& p) { return Tr("%s（%s）", p.name.c_str(), p.code.c_str()); }

std::string Wan(Money m) { return Tr("%s 万元", m.FormatWan(2, 6).c_str()); }

std::string SourceLabel(const FundingSource& s) {
  // TRANSLATORS: a funding source in a list: code, name, fund kind and year.
  return Tr("%s  %s（%s，%d年）", s.code.c_str(), s.name.c_str(), TRs(s.kind.c_str()).c_str(), s.year);
}

// `width`: the column the text stands in, when it is not the dialog's whole width.
void SetInfo(EditDialog* dlg, const char* name, const std::string& text, int width = 0) {
  if (auto* t = XRCCTRL(*dlg, name, wxStaticText)) {
    t->SetLabelText(U8(text));
    WrapText(t, width > 0 ? width : std::max(dlg->GetClientSize().x - dlg->FromDIP(24), dlg->FromDIP(300)));
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
  if (!project) Fail(ErrorCode::NotFound, Tr("项目不存在（编号 %lld）", static_cast<long long>(row.projectId)));
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
    SetInfo(this, "SourceInfo", Tr("请选择这笔资金的来源。"));
    return;
  }
  const FundingSource& s = sources_[static_cast<size_t>(i)];
  Money other = committedElsewhere_[static_cast<size_t>(i)];
  std::string eligible;
  for (size_t k = 0; k < kCostCategoryCount; ++k)
    if (s.eligible.Contains(EnumAt<CostCategory>(k)))
      eligible += (eligible.empty() ? "" : Tr("、")) + TRs(Name(EnumAt<CostCategory>(k)).data());
  if (eligible.empty()) eligible = Tr("（未设定）");
  // TRANSLATORS: a source's amount, what it may pay for, then what other projects already have and what is left.
  std::string text =
      kind_ == Kind::Allocation
          ? Tr("来源总额 %s，可支付：%s。\n已下达各项目（不含本条） %s，余 %s。", Wan(s.amount).c_str(), eligible.c_str(),
               Wan(other).c_str(), Wan(s.amount - other).c_str())
          : Tr("来源总额 %s，可支付：%s。\n已到位各项目（不含本条） %s，余 %s。", Wan(s.amount).c_str(), eligible.c_str(),
               Wan(other).c_str(), Wan(s.amount - other).c_str());
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
      contract->Append(U8(Tr("合同 %s（不属于本项目）", (c.code.empty() ? "#" + std::to_string(c.id) : c.code).c_str())));
  }
  wxChoice* source = Choice("Source");
  for (size_t i = 0; i < sources_.size(); ++i) {
    const FundingSource& s = sources_[i];
    std::string label = SourceLabel(s);
    if (i < withFunds)
      label += Tr(" — 本项目已下达 %s，已到位 %s", Wan(allocated[s.id]).c_str(), Wan(received[s.id]).c_str());
    else
      label += Tr(" — 未下达本项目");
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
  SetInfo(this, "Immutable", Tr("拨付确认后不能修改或删除；如有错误，请对原拨付做红字冲销，再重新录入。"));
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
    SetInfo(this, "ContractInfo", Tr("不关联合同的拨付：只用于征地补偿等没有合同的支出。"));
    return;
  }
  const Contract& c = contracts_[static_cast<size_t>(i - 1)];
  if (static_cast<size_t>(i) > ownContracts_) {
    SetInfo(this, "ContractInfo", Tr("这份合同不属于本项目，不能在此项目下拨付。"));
    return;
  }
  // The ledger's position: the figures the rules test this payment against.
  const ContractPosition* k = session_.analysis().ledger.Contract(c.id);
  if (!k) {
    SetInfo(this, "ContractInfo", Tr("合同金额 %s。", Wan(c.amount).c_str()));
    return;
  }
  std::string text = Tr("合同金额 %s，已付 %s，未付 %s", Wan(k->amount).c_str(), Wan(k->paid).c_str(),
                        Wan(k->balance).c_str());
  if (k->retentionBp > 0)
    text += k->retentionStated
                ? Tr("；质保金 %s%%（%s）", Rate::FromBasisPoints(k->retentionBp).Format().c_str(), Wan(k->retention).c_str())
                : Tr("；质保金 %s%%（%s，合同未约定，按县设置）", Rate::FromBasisPoints(k->retentionBp).Format().c_str(),
                     Wan(k->retention).c_str());
  SetInfo(this, "ContractInfo", text + Tr("。"));
}

void PaymentDialog::UpdateAmountEcho() {
  std::string text = ToStd(Text("Amount")->GetValue());
  std::string echo;
  if (!Trim(text).empty()) {
    try {
      echo = Tr("＝ %s 元", Money::Parse(text, MoneyUnit::Wan).FormatYuan().c_str());
    } catch (const Error& e) {
      echo = e.detail();
    }
  }
  // Under the amount, in its column: a refusal as long as the column, not the dialog, so
  // that it does not push the column past the dialog's edge.
  SetInfo(this, "AmountEcho", echo, std::max(Text("Amount")->GetSize().x, FromDIP(150)));
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
           Tr("合同%s不属于项目“%s”，不能在此项目下拨付；请选择本项目的合同或“无合同”",
              (contract->code.empty() ? std::string() : "“" + contract->code + "”").c_str(), project_.name.c_str()));
  }
  sb::Check(p);
  const FundingSource& source = sources_.at(static_cast<size_t>(sourceIndex_));

  // TRANSLATORS: the payment to confirm, one line per field.
  std::string detail = Tr("项目：%s\n合同：%s\n资金来源：%s %s\n费用类别：%s　款项性质：%s\n日期：%s\n金额：%s（%s 元）\n凭证号：%s　收款单位：%s",
                          ProjectLine(project_).c_str(),
                          (contract ? contract->code + " " + contract->counterparty : Tr("无合同")).c_str(),
                          source.code.c_str(), source.name.c_str(), TRs(Name(p.category).data()).c_str(),
                          TRs(Name(p.kind).data()).c_str(), FormatDate(p.date).c_str(), Wan(p.amount).c_str(),
                          p.amount.FormatYuan().c_str(), p.voucher.c_str(),
                          (p.payee.empty() ? Tr("（未填）") : p.payee).c_str());
  // What can never be right is refused before anything is asked; what the rules will
  // flag is shown as the findings the saved payment raises, all of them, with figures.
  app::CheckPayment(session_, p);
  std::vector<Finding> findings = app::PaymentFindings(session_, p);
  std::string errors, notes;
  for (const auto& f : findings) {
    std::string line = "\n• [" + TRs(std::string(SeverityLabel(f.severity)).c_str()) + "] " +
                       Tr("%s：%s", f.title.c_str(), f.message.c_str());
    (f.severity == Severity::Error ? errors : notes) += line;
  }
  if (!errors.empty()) detail += Tr("\n\n保存后将产生以下严重问题：") + errors;
  if (!notes.empty()) detail += Tr("\n\n请注意：") + notes;
  if (!CurrentPrompter().Confirm(this, TR("确认这笔拨付？保存后不能修改或删除，只能红字冲销。"),
                                 U8(detail)))
    return false;
  if (!errors.empty() &&
      !CurrentPrompter().Confirm(
          this, TR("这笔拨付违反资金管理规定，确实要保存吗？"),
          U8(Tr("预警规则认定以下问题为“错误”：%s\n\n如确有依据（如已批准的调整），请在备注中写明后再保存；否则请取消。",
                errors.c_str()))))
    return false;

  app::RecordPayment(session_, p);
  saved_ = p;
  return true;
}

// ---- reversal (红字冲销) --------------------------------------------------------------

ReversalDialog::ReversalDialog(wxWindow* parent, app::Session& session, const Payment& payment)
    : EditDialog(session), original_(payment), date_(session_.today()) {
  if (payment.reversesId) Fail(ErrorCode::Refused, Tr("这是一笔冲销记录，不能再冲销"));
  for (const auto& p : storage::PaymentsByProject(db_, payment.projectId))
    if (p.reversesId == payment.id)
      Fail(ErrorCode::Refused, Tr("凭证号 %s 的拨付已于 %s 冲销（凭证号 %s），不能重复冲销", payment.voucher.c_str(),
                                  FormatDate(p.date).c_str(), p.voucher.c_str()));
  Project project = storage::ProjectById(db_, payment.projectId);

  LoadForm(parent, "ReversalDialog");
  SetTitle(TR("红字冲销") + " — " + U8(payment.voucher));
  SetHeader(U8(ProjectLine(project)));
  std::string text = Tr("原拨付：%s　凭证号 %s　金额 %s", FormatDate(payment.date).c_str(), payment.voucher.c_str(),
                        Wan(payment.amount).c_str()) +
                     "\n" + TRs(Name(payment.kind).data()) + " · " + TRs(Name(payment.category).data()) +
                     (payment.payee.empty() ? std::string() : Tr(" · 收款单位 %s", payment.payee.c_str())) +
                     Tr("\n冲销将记录一笔 %s 的红字拨付，原拨付保留不变。", Wan(-payment.amount).c_str());
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
          U8(Tr("将记录一笔 %s 的冲销，凭证号 %s，日期 %s。", Wan(-original_.amount).c_str(), voucher_.c_str(),
                FormatDate(date_).c_str()))))
    return false;
  reversalId_ = app::ReversePayment(session_, original_.id, date_, voucher_, reason_);
  return true;
}

}  // namespace sb::ui

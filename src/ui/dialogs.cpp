// The dialog functions the main frame calls: each runs one modal dialog class from
// dialog_classes.h and reports what it could not even open.
#include "ui/dialogs.h"

#include "core/translate.h"
#include "ui/dialog_classes.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {
/// Runs `make()`'s dialog modally; true when it saved. A dialog that cannot be opened
/// (its project was deleted meanwhile, the database is unreadable) says why.
template <class Make, class Done>
bool Run(wxWindow* parent, const char* what, Make make, Done done) {
  try {
    auto dlg = make();
    if (dlg->ShowModal() != wxID_OK) return false;
    done(*dlg);
    return true;
  } catch (const Error& e) {
    CurrentPrompter().Error(parent, U8(Tr("无法打开%s", TRs(what).c_str())), U8(e.detail()));
  } catch (const std::exception& e) {
    CurrentPrompter().Error(parent, U8(Tr("无法打开%s", TRs(what).c_str())), U8(e.what()));
  }
  return false;
}

template <class D, class... A> std::unique_ptr<D> Make(A&&... a) {
  return std::make_unique<D>(std::forward<A>(a)...);
}
}  // namespace

bool EditProjectDialog(wxWindow* parent, app::Session& session, Project& project) {
  return Run(parent, "项目", [&] { return Make<ProjectDialog>(parent, session, project); },
             [&](ProjectDialog& d) { project = d.project(); });
}

bool EditBudgetDialog(wxWindow* parent, app::Session& session, Id projectId) {
  return Run(parent, "概算", [&] { return Make<BudgetDialog>(parent, session, projectId); },
             [](BudgetDialog&) {});
}

bool EditSourceDialog(wxWindow* parent, app::Session& session, FundingSource& source) {
  return Run(parent, "资金来源", [&] { return Make<SourceDialog>(parent, session, source); },
             [&](SourceDialog& d) { source = d.source(); });
}

namespace {
template <class T> FundFlowDialog::Row ToRow(const T& t) {
  return {t.id, t.projectId, t.sourceId, t.amount, t.date, t.note, t.rowVersion};
}
template <class T> void FromRow(const FundFlowDialog::Row& r, T& t) {
  t.id = r.id;
  t.projectId = r.projectId;
  t.sourceId = r.sourceId;
  t.amount = r.amount;
  t.date = r.date;
  t.note = r.note;
  t.rowVersion = r.rowVersion;
}
}  // namespace

bool EditAllocationDialog(wxWindow* parent, app::Session& session, Allocation& allocation) {
  return Run(
      parent, "资金下达",
      [&] { return Make<FundFlowDialog>(parent, session, FundFlowDialog::Kind::Allocation, ToRow(allocation)); },
      [&](FundFlowDialog& d) { FromRow(d.row(), allocation); });
}

bool EditReceiptDialog(wxWindow* parent, app::Session& session, Receipt& receipt) {
  return Run(
      parent, "资金到位",
      [&] { return Make<FundFlowDialog>(parent, session, FundFlowDialog::Kind::Receipt, ToRow(receipt)); },
      [&](FundFlowDialog& d) { FromRow(d.row(), receipt); });
}

bool EditProcedureStepDialog(wxWindow* parent, app::Session& session, ProcedureStep& step) {
  return Run(parent, "前期手续", [&] { return Make<ProcedureStepDialog>(parent, session, step); },
             [&](ProcedureStepDialog& d) { step = d.step(); });
}

bool EditProgressDialog(wxWindow* parent, app::Session& session, ProgressEntry& entry,
                        const ProgressEntry* previous) {
  return Run(parent, "月度进度",
             [&] { return Make<ProgressDialog>(parent, session, entry, previous); },
             [&](ProgressDialog& d) { entry = d.entry(); });
}

bool EditContractDialog(wxWindow* parent, app::Session& session, Contract& contract) {
  return Run(parent, "合同", [&] { return Make<ContractDialog>(parent, session, contract); },
             [&](ContractDialog& d) { contract = d.contract(); });
}

bool EditPlanDialog(wxWindow* parent, app::Session& session, AnnualPlan& plan) {
  return Run(parent, "年度计划", [&] { return Make<PlanDialog>(parent, session, plan); },
             [&](PlanDialog& d) { plan = d.plan(); });
}

bool NewPaymentDialog(wxWindow* parent, app::Session& session, Payment& payment) {
  return Run(parent, "拨付", [&] { return Make<PaymentDialog>(parent, session, payment); },
             [&](PaymentDialog& d) { payment = d.payment(); });
}

bool ReversePaymentDialog(wxWindow* parent, app::Session& session, const Payment& payment) {
  return Run(parent, "红字冲销", [&] { return Make<ReversalDialog>(parent, session, payment); },
             [](ReversalDialog&) {});
}

int RecordMonthlyProgress(wxWindow* parent, app::Session& session, YearMonth month,
                          std::vector<RowChange<ProgressEntry>>* changes) {
  try {
    MonthlyProgressDialog dlg(parent, session, month);
    if (dlg.projectCount() == 0) {
      CurrentPrompter().Info(parent, TR("没有需要填报进度的项目"),
                             TR("只有状态为“在建”或“停工”的项目需要填报月度进度。"));
      return 0;
    }
    dlg.ShowModal();
    if (changes) *changes = dlg.changes();
    return dlg.saved();
  } catch (const Error& e) {
    CurrentPrompter().Error(parent, TR("无法打开月度进度录入"), U8(e.detail()));
  } catch (const std::exception& e) {
    CurrentPrompter().Error(parent, TR("无法打开月度进度录入"), U8(e.what()));
  }
  return 0;
}

}  // namespace sb::ui

#pragma once
/// The editing dialogs of the workbench. Each form lives in forms/*.xrc; the class behind
/// it only moves data (TransferDataToWindow/FromWindow) and validates. Every function
/// returns true when the user saved; the write happens inside, through one action of src/app,
/// and a refused save (invalid input, conflict) shows the reason and keeps the dialog open
/// with what the user typed — nothing is saved half.
#include <optional>
#include <vector>

#include "core/model.h"
#include "app/session.h"

class wxWindow;

namespace sb::ui {

/// A row a user action saved: the stored row it replaced (none when it created one) and
/// the row as stored now — what undo needs.
template <class T>
struct RowChange {
  std::optional<T> before;
  T after;
};

/// New when project.id == 0. On success `project` holds the stored row.
bool EditProjectDialog(wxWindow* parent, app::Session& session, Project& project);
/// The six cost categories of one project's budget in one form.
bool EditBudgetDialog(wxWindow* parent, app::Session& session, Id projectId);
bool EditSourceDialog(wxWindow* parent, app::Session& session, FundingSource& source);
bool EditAllocationDialog(wxWindow* parent, app::Session& session, Allocation& allocation);
bool EditReceiptDialog(wxWindow* parent, app::Session& session, Receipt& receipt);
bool EditProcedureStepDialog(wxWindow* parent, app::Session& session, ProcedureStep& step);
/// `previous` is last month's entry, shown for reference; a lower % complete than it
/// needs a note in 存在问题.
bool EditProgressDialog(wxWindow* parent, app::Session& session, ProgressEntry& entry,
                        const ProgressEntry* previous);
bool EditContractDialog(wxWindow* parent, app::Session& session, Contract& contract);
/// 年度计划投资 of a project for a year.
bool EditPlanDialog(wxWindow* parent, app::Session& session, AnnualPlan& plan);
/// Records a new payment (payments are never edited).
bool NewPaymentDialog(wxWindow* parent, app::Session& session, Payment& payment);
/// Offers the reversing entry (红字冲销) for a confirmed payment.
bool ReversePaymentDialog(wxWindow* parent, app::Session& session, const Payment& payment);
/// "Record this month's progress": walks project by project (those under construction)
/// with last month's values shown; Enter accepts and moves on. Returns entries saved;
/// `changes` (if given) receives each of them, for undo.
int RecordMonthlyProgress(wxWindow* parent, app::Session& session, YearMonth month,
                          std::vector<RowChange<ProgressEntry>>* changes = nullptr);

}  // namespace sb::ui

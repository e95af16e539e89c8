#pragma once
/// The editing dialogs of the workbench. Each form lives in forms/*.xrc; the class behind
/// it only moves data (TransferDataToWindow/FromWindow) and validates. Every function
/// returns true when the user saved; the write happens inside, in one WriteTransaction,
/// and a refused save (invalid input, conflict) shows the reason and keeps the dialog open
/// with what the user typed — nothing is saved half.
#include <optional>

#include "core/model.h"
#include "storage/database.h"

class wxWindow;

namespace sb::ui {

/// New when project.id == 0. On success `project` holds the stored row.
bool EditProjectDialog(wxWindow* parent, storage::Database& db, Project& project);
/// The six cost categories of one project's budget in one form.
bool EditBudgetDialog(wxWindow* parent, storage::Database& db, Id projectId);
bool EditSourceDialog(wxWindow* parent, storage::Database& db, FundingSource& source);
bool EditAllocationDialog(wxWindow* parent, storage::Database& db, Allocation& allocation);
bool EditReceiptDialog(wxWindow* parent, storage::Database& db, Receipt& receipt);
bool EditProcedureStepDialog(wxWindow* parent, storage::Database& db, ProcedureStep& step);
/// `previous` is last month's entry, shown for reference; a lower % complete than it
/// needs a note in 存在问题.
bool EditProgressDialog(wxWindow* parent, storage::Database& db, ProgressEntry& entry,
                        const ProgressEntry* previous);
bool EditContractDialog(wxWindow* parent, storage::Database& db, Contract& contract);
/// Records a new payment (payments are never edited).
bool NewPaymentDialog(wxWindow* parent, storage::Database& db, Payment& payment);
/// Offers the reversing entry (红字冲销) for a confirmed payment.
bool ReversePaymentDialog(wxWindow* parent, storage::Database& db, const Payment& payment);
/// "Record this month's progress": walks project by project (those under construction)
/// with last month's values shown; Enter accepts and moves on. Returns entries saved.
int RecordMonthlyProgress(wxWindow* parent, storage::Database& db, YearMonth month);

}  // namespace sb::ui

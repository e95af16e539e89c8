#pragma once
/// One function per user action. Each runs in one transaction: the actor's permission,
/// then core's validation (the entity's own Check() and the cross-row checks of
/// core/validate.h, with figures read inside the transaction), then the repository
/// writes; it commits and marks the session's analysis stale. Throws Error with a
/// sentence for the user; on any throw nothing was written.
#include <array>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include "app/session.h"
#include "core/model.h"

namespace sb::app {

// ---- projects (基建股) -------------------------------------------------------------
/// Inserts (id 0) or updates (row_version checked) a project.
void SaveProject(Session& s, Project& project);
/// Refused while money rows refer to it; its budget, steps and progress go with it.
void DeleteProject(Session& s, Id projectId, int64_t rowVersion);
/// The refusal DeleteProject() would make, asked before the clerk is asked to confirm.
void CheckDeleteProject(Session& s, Id projectId);
/// The budget (概算) of one project, one amount per cost category: lines whose amount
/// changed are written, an absent category with 0 is not stored. `lines` are the stored
/// lines (by category) and come back as stored.
void SaveBudget(Session& s, Id projectId, const std::array<Money, kCostCategoryCount>& amounts,
                std::array<std::optional<BudgetLine>, kCostCategoryCount>& lines);
void SaveBudgetLine(Session& s, BudgetLine& line);
void SaveProcedureStep(Session& s, ProcedureStep& step);
void SaveProgress(Session& s, ProgressEntry& entry);
/// A month's progress entry removed (nothing refers to one).
void DeleteProgress(Session& s, Id id, int64_t rowVersion);
/// The annual plan (年度计划投资) of a project for a year: inserted or updated by (project, year).
void SavePlan(Session& s, AnnualPlan& plan);
/// A works contract's own progress for a month (several works contracts in one project):
/// inserted or updated by (contract, month); only for a 施工 contract, not for a month
/// that has not begun. From then on the contract's certified work is measured by its own
/// entries instead of the project's progress.
void SaveContractProgress(Session& s, const std::string& contractCode, ContractProgress& entry);
/// Removes one month of a contract's own progress; false when there was none.
bool DeleteContractProgress(Session& s, const std::string& contractCode, YearMonth month);

// ---- funds, contracts and payments (计财股) ------------------------------------------
void SaveSource(Session& s, FundingSource& source);
/// Refused while an allocation, receipt or payment refers to the source (the message
/// says how many of each); otherwise removed.
void DeleteSource(Session& s, Id id, int64_t rowVersion);
/// The refusal DeleteSource() would make, asked before the clerk is asked to confirm.
void CheckDeleteSource(Session& s, Id id);
void SaveAllocation(Session& s, Allocation& allocation);
void DeleteAllocation(Session& s, Id id, int64_t rowVersion);
void SaveReceipt(Session& s, Receipt& receipt);
void DeleteReceipt(Session& s, Id id, int64_t rowVersion);
void SaveContract(Session& s, Contract& contract);
/// Refused while payments are booked on the contract.
void DeleteContract(Session& s, Id id, int64_t rowVersion);
void CheckDeleteContract(Session& s, Id id);

/// What the rules will say about the payment's project once `payment` is recorded:
/// the findings it raises or makes larger, errors first, each with its figures. The
/// payment dialog shows them before the clerk confirms.
std::vector<Finding> PaymentFindings(Session& s, const Payment& payment);
/// The refusals RecordPayment() would make, without writing anything: a dialog shows
/// them before it asks the clerk to confirm.
void CheckPayment(Session& s, const Payment& payment);
/// Records a new payment (never edited afterwards). Validation as for every row; the
/// findings of PaymentFindings() are the caller's to show and confirm, not a refusal.
Id RecordPayment(Session& s, Payment& payment);
/// 红字冲销 of payment `paymentId`: a negative copy dated `date` with its own voucher.
Id ReversePayment(Session& s, Id paymentId, Date date, const std::string& voucher,
                  const std::string& reason);
/// The refusals ReversePayment() would make, without writing anything.
void CheckReversal(Session& s, Id paymentId, Date date, const std::string& voucher,
                   const std::string& reason);

// ---- settings and data --------------------------------------------------------------
void SaveSetting(Session& s, const std::string& key, const std::string& value);
/// Fills an empty database with the demo county.
void LoadDemo(Session& s, const std::string& county = "芦溪");
/// Names the county with 行政区划代码 `code`: renames it when the database has it; when the
/// database's only county is the placeholder 000000 (a new or upgraded database), gives it
/// this code (every project and source moves with it); otherwise adds a county. The name of
/// a database's only county is also its report title (county_name).
void SetCounty(Session& s, const std::string& code, const std::string& name);
/// Makes a new database at `path` (which must not exist), with the demo county if `demo`:
/// built in a temporary file in the same folder and renamed into place only when schema
/// and data are complete, so a failure or a kill leaves no file at `path` (no 0-byte or
/// schema-only file that would later pass for an empty county). Throws Error(Refused)
/// if `path` exists, Error(Io) on a full disk or an unwritable folder.
void CreateDatabase(const std::string& path, bool demo, const std::string& county = "芦溪");
/// A new database file at `path` (which must not exist) filled by `fill` (a copy, the
/// demo), built under a temporary name and put in place only when complete: a failure
/// or a kill leaves no file at all.
void CreateDatabaseFile(const std::string& path, const std::function<void(storage::Database&)>& fill);

/// The findings in `after` that are new against `before`, or whose amount grew: what a
/// change raised. Matched by code, project, contract, source, category and payment.
std::vector<Finding> RaisedFindings(const std::vector<Finding>& before, const std::vector<Finding>& after);

}  // namespace sb::app

#pragma once
/// Every query the program makes, one function each, named for what it answers. They
/// are implemented by aggregate (reference_, project_, funds_, payments_ and
/// portfolio_repository.cpp) over one reader per table (rows.h) and one INSERT per table
/// (inserts.h).
/// Writes expect the caller to hold a WriteTransaction (one per user action) and throw
/// Error: InvalidInput (Check() failed), Duplicate, NotFound, Conflict (the row changed
/// since it was read: row_version), Refused.
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/portfolio.h"
#include "storage/database.h"

namespace sb::storage {

// ---- settings and reference data -------------------------------------------------
Settings LoadSettings(Database& db);
void SaveSetting(Database& db, const std::string& key, const std::string& value);
std::vector<FundKind> FundKinds(Database& db);
void SaveFundKind(Database& db, FundKind& kind);  ///< insert or update by name
std::vector<ProcedureTemplateStep> ProcedureTemplate(Database& db);
void SaveTemplateStep(Database& db, ProcedureTemplateStep& step);  ///< insert or update by id

// ---- counties (县（区）, 行政区划) ------------------------------------------------------
std::vector<County> Counties(Database& db);  ///< by code
void InsertCounty(Database& db, County& c);
/// Removes a county that no project and no funding source belongs to (else refused).
void DeleteCounty(Database& db, const std::string& code);
/// Renames a county (its code stays).
void RenameCounty(Database& db, County& c);
/// Gives the county `from` another code (and name): `to` is inserted, every project and
/// funding source of `from` moves to it, and `from` is removed.
void ReplaceCounty(Database& db, const std::string& from, County& to);
/// The county a server's user is limited to (user_counties), "" for the city and on a file.
std::string UserCounty(Database& db);

// ---- projects ---------------------------------------------------------------------
/// All projects (by code) with budget, committed, received, paid and latest % complete:
/// one statement, however many projects.
std::vector<ProjectSummary> ProjectSummaries(Database& db);
/// How many projects the database holds (that this user may see).
size_t ProjectCount(Database& db);
std::optional<Project> FindProjectByCode(Database& db, const std::string& code);
Project ProjectById(Database& db, Id id);
Id InsertProject(Database& db, Project& p);
void UpdateProject(Database& db, Project& p);
/// Refused while money rows (allocations, receipts, contracts, payments) refer to it.
void DeleteProject(Database& db, Id id, int64_t rowVersion);
/// Does any allocation, receipt, contract or payment refer to the project?
bool ProjectHasMoneyRows(Database& db, Id id);

/// One project in full, for its notebook.
struct ProjectFile {
  Project project;
  std::vector<BudgetLine> budgetLines;
  std::vector<Allocation> allocations;
  std::vector<Receipt> receipts;
  std::vector<ProcedureStep> procedureSteps;  ///< one per template step (未办 when not stored)
  std::vector<ProgressEntry> progress;        ///< by month
  std::vector<Contract> contracts;
  std::vector<Payment> payments;              ///< by date, then id
};
ProjectFile LoadProjectFile(Database& db, Id projectId);
/// A project's file with what the rules read beside it: the settings, the fund kinds, the
/// procedure template, and the sources its rows name or `alsoSource` (by code). One round
/// trip to a server, where the reads one by one took fourteen.
struct ProjectWithReference {
  ProjectFile file;
  Settings settings;
  std::vector<FundKind> fundKinds;
  std::vector<ProcedureTemplateStep> procedureTemplate;
  std::vector<FundingSource> sources;
};
ProjectWithReference LoadProjectWithReference(Database& db, Id projectId, Id alsoSource);

// ---- budget, sources, allocations, receipts ---------------------------------------
/// Insert or update the line for (project, category).
void SaveBudgetLine(Database& db, BudgetLine& line);
std::vector<BudgetLine> BudgetLinesByProject(Database& db, Id projectId);

std::vector<FundingSource> FundingSources(Database& db);
/// The sources with these ids (duplicates and unknown ids ignored), in code order like
/// FundingSources: what one project's rows refer to.
std::vector<FundingSource> FundingSourcesById(Database& db, const std::vector<Id>& ids);
std::optional<FundingSource> FindSourceByCode(Database& db, const std::string& code);
Id InsertSource(Database& db, FundingSource& s);
void UpdateSource(Database& db, FundingSource& s);
/// How many rows refer to a funding source: while any does, it cannot be deleted.
struct SourceUse {
  int allocations = 0, receipts = 0, payments = 0;
  bool Any() const { return allocations + receipts + payments > 0; }
};
SourceUse SourceUses(Database& db, Id sourceId);
/// The caller (app::DeleteSource) refuses first while SourceUses() is not empty; the
/// database's foreign keys refuse too.
void DeleteSource(Database& db, Id id, int64_t rowVersion);

Id InsertAllocation(Database& db, Allocation& a);
void UpdateAllocation(Database& db, Allocation& a);
void DeleteAllocation(Database& db, Id id, int64_t rowVersion);
Id InsertReceipt(Database& db, Receipt& r);
void UpdateReceipt(Database& db, Receipt& r);
void DeleteReceipt(Database& db, Id id, int64_t rowVersion);

// ---- procedures and progress ------------------------------------------------------
/// Insert or update the step for (project, template step).
void SaveProcedureStep(Database& db, ProcedureStep& step);
/// Insert or update the plan for (project, year).
void SaveAnnualPlan(Database& db, AnnualPlan& plan);
std::vector<AnnualPlan> AnnualPlansByProject(Database& db, Id projectId);
/// Insert or update the entry for (project, month).
void SaveProgress(Database& db, ProgressEntry& entry);
void DeleteProgress(Database& db, Id id, int64_t rowVersion);
/// Insert or update a works contract's progress for (contract, month); its project is the
/// contract's, whatever `entry.projectId` says.
void SaveContractProgress(Database& db, ContractProgress& entry);
/// Removes a contract's progress of one month (the contract then falls back on its
/// project's progress when it has no other entry); false when there was none.
bool DeleteContractProgress(Database& db, Id contractId, YearMonth month);

// ---- contracts and payments -------------------------------------------------------
std::optional<Contract> FindContractByCode(Database& db, const std::string& code);
Id InsertContract(Database& db, Contract& c);
void UpdateContract(Database& db, Contract& c);
/// How many payments (reversals included) are booked on the contract.
int PaymentsOfContract(Database& db, Id contractId);
/// Refused by the database while a payment refers to it (app checks PaymentsOfContract first).
void DeleteContract(Database& db, Id id, int64_t rowVersion);

/// Records a payment (never updated afterwards). The cross-row checks are core's
/// (validate.h), run by src/app (app::RecordPayment, app::ReversePayment) before this.
Id InsertPayment(Database& db, Payment& p);
std::vector<Payment> PaymentsByProject(Database& db, Id projectId);

// ---- everything at once -----------------------------------------------------------
/// The whole database in memory, one query per table (rules, report).
Portfolio LoadPortfolio(Database& db);
/// One whole table each, in LoadPortfolio's order (which is what they serve): projects
/// and contracts by code, the others by project (or contract), then their own key.
std::vector<Project> AllProjects(Database& db);
std::vector<BudgetLine> AllBudgetLines(Database& db);
std::vector<ProcedureStep> AllProcedureSteps(Database& db);
std::vector<AnnualPlan> AllAnnualPlans(Database& db);
std::vector<ProgressEntry> AllProgress(Database& db);
std::vector<Contract> AllContracts(Database& db);
std::vector<ContractProgress> AllContractProgress(Database& db);
/// The same without the payment rows: the payments summed in SQL instead
/// (Portfolio::paymentTotals: PaymentGroups, and NetPaymentsOfProjects of the projects
/// ProjectsWithPaymentsToCheck names). What the analysis (ledger, gaps, rules, the project
/// list) reads; the same figures and findings as LoadPortfolio's rows give.
Portfolio LoadAnalysisPortfolio(Database& db);
/// The same for these projects only: their rows, with every source, setting, fund kind,
/// template step and county. Every rule looks at one project at a time (RuleContext), so
/// the analysis of this part gives exactly these projects' findings of the whole — what an
/// import of a few rows compares before and after, instead of the whole province twice.
Portfolio LoadAnalysisPortfolioOf(Database& db, const std::vector<Id>& projectIds);
/// The same as LoadAnalysisPortfolio with only the payments dated up to `upTo` summed
/// (PaymentTotals::upTo): what a month's report reads (report::BuildReport cuts the rest
/// of the portfolio at the month's end itself).
Portfolio LoadReportPortfolio(Database& db, Date upTo);
/// The payments dated up to `upTo` summed, with the single payments of `checkProjects`
/// (their net after the reversals dated up to then): a report's baseline month. Any
/// superset of the projects ProjectsWithPaymentsToCheck names at `upTo` gives the same
/// findings, e.g. those of a later day.
PaymentTotals PaymentTotalsUpTo(Database& db, Date upTo, const std::vector<Id>& checkProjects);
/// Only what the funding gaps read (ComputeGaps): settings, fund kinds, projects, budget
/// lines, sources, allocations and receipts.
Portfolio LoadFundingPortfolio(Database& db);
/// The payments summed by project, contract, source, category, kind and payee
/// (core/payment_totals.h), as the database keeps them with every payment (payment_groups,
/// schema 17): tens of thousands of rows for a province's million payments.
std::vector<PaymentGroup> PaymentGroups(Database& db);
/// The same of the payments dated up to `upTo` only: the kept sums less the payments dated
/// later, or (when those are most of them) the earlier payments summed.
std::vector<PaymentGroup> PaymentGroupsUpTo(Database& db, Date upTo);
/// The same of these projects only, in the same order.
std::vector<PaymentGroup> PaymentGroupsOfProjects(Database& db, const std::vector<Id>& projectIds);
/// Where the kept sums differ from the payments summed again (verify): one sentence per
/// group, at most `limit`; empty when they agree.
std::vector<std::string> PaymentGroupsDisagreeing(Database& db, size_t limit = 10);
/// Adds the payments with ids above `lastBefore` to payment_groups: what their trigger,
/// standing aside while an import's history is deferred (SQLite), did not (the import's
/// DeferredInsertHistory::Write). SQLite only.
void AddPaymentGroupsAfter(Database& db, Id lastBefore);
/// Sums the payments into payment_groups again, inside the caller's transaction (after
/// rows were copied with the triggers off: migrate, a server's backup).
void RebuildPaymentGroups(Database& db);
/// These projects' original payments with a positive net after reversals, by id: one
/// statement per 500 projects.
std::vector<NetPayment> NetPaymentsOfProjects(Database& db, const std::vector<Id>& projectIds);
/// The same as they stood on `upTo`: payments and reversals dated later left out.
std::vector<NetPayment> NetPaymentsOfProjectsUpTo(Database& db, const std::vector<Id>& projectIds, Date upTo);
/// True when the database holds no projects and no funding sources.
bool IsEmpty(Database& db);
/// The demo counties: "芦溪" (db/demo.sql, the default) and "建始" (db/demo_jianshi.sql).
std::vector<std::string> DemoCounties();
/// Fills an empty database with a demo county (DemoCounties; "建始县" is "建始"); refused if
/// not empty, or when there is no such demo county.
void LoadDemo(Database& db, const std::string& county = "芦溪");

}  // namespace sb::storage

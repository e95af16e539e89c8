// Keyed reads for the import (import_lookups.h): every one is "SELECT … WHERE column IN
// (:k0, :k1, …)" over the table's one column list and reader (rows.h), in chunks.
#include "storage/import_lookups.h"

#include <soci/soci.h>

#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

namespace {

const std::string kProjects = std::string("SELECT ") + kProjectColumns + " FROM projects p";

}  // namespace

std::vector<Project> ProjectsByCodes(Database& db, const std::vector<std::string>& codes) {
  return ByKeys<Project>(db, kProjects, "p.code", codes, ReadProject);
}
std::vector<Project> ProjectsByIds(Database& db, const std::vector<Id>& ids) {
  return ByKeys<Project>(db, kProjects, "p.id", ids, ReadProject);
}
std::vector<FundingSource> SourcesByCodes(Database& db, const std::vector<std::string>& codes) {
  return ByKeys<FundingSource>(db, kFundingSourceSelect, "code", codes, ReadFundingSource);
}
std::vector<FundingSource> SourcesByIds(Database& db, const std::vector<Id>& ids) {
  return ByKeys<FundingSource>(db, kFundingSourceSelect, "id", ids, ReadFundingSource);
}
std::vector<std::pair<Id, Money>> AllocatedBySources(Database& db, const std::vector<Id>& sourceIds) {
  return ByKeys<std::pair<Id, Money>>(
      db, "SELECT source_id, CAST(SUM(amount) AS BIGINT) FROM allocations", "source_id", sourceIds,
      [](const Row& r) { return std::pair<Id, Money>(r.Int(0), Money::FromFen(r.Int(1))); },
      " GROUP BY source_id");
}

std::vector<Contract> ContractsByCodes(Database& db, const std::vector<std::string>& codes) {
  return ByKeys<Contract>(db, kContractSelect, "code", codes, ReadContract);
}
std::vector<Contract> ContractsByIds(Database& db, const std::vector<Id>& ids) {
  return ByKeys<Contract>(db, kContractSelect, "id", ids, ReadContract);
}
std::vector<Contract> ContractsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<Contract>(db, kContractSelect, "project_id", projectIds, ReadContract);
}
std::vector<Id> ContractsHavingPayments(Database& db, const std::vector<Id>& contractIds) {
  return ByKeys<Id>(db, "SELECT DISTINCT contract_id FROM payments", "contract_id", contractIds,
                    [](const Row& r) { return static_cast<Id>(r.Int(0)); });
}

std::vector<BudgetLine> BudgetLinesOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<BudgetLine>(db, kBudgetLineSelect, "project_id", projectIds, ReadBudgetLine);
}
std::vector<Allocation> AllocationsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<Allocation>(db, kAllocationSelect, "project_id", projectIds, ReadAllocation, " ORDER BY id");
}
std::vector<Receipt> ReceiptsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<Receipt>(db, kReceiptSelect, "project_id", projectIds, ReadReceipt, " ORDER BY id");
}
std::vector<ProcedureStep> ProcedureStepsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<ProcedureStep>(db, kProcedureStepSelect, "project_id", projectIds, ReadProcedureStep);
}
std::vector<ProgressEntry> ProgressOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<ProgressEntry>(db, kProgressSelect, "project_id", projectIds, ReadProgress);
}
std::vector<AnnualPlan> AnnualPlansOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return ByKeys<AnnualPlan>(db, kAnnualPlanSelect, "project_id", projectIds, ReadAnnualPlan);
}
std::vector<ContractProgress> ContractProgressOfContracts(Database& db, const std::vector<Id>& contractIds) {
  return ByKeys<ContractProgress>(db, kContractProgressSelect, "contract_id", contractIds, ReadContractProgress);
}

std::vector<Payment> PaymentsByVouchers(Database& db, const std::vector<std::string>& vouchers) {
  return ByKeys<Payment>(db, kPaymentSelect, "voucher", vouchers, ReadPayment, " ORDER BY id");
}
std::vector<Payment> PaymentsByIds(Database& db, const std::vector<Id>& ids) {
  return ByKeys<Payment>(db, kPaymentSelect, "id", ids, ReadPayment, " ORDER BY id");
}
std::vector<Payment> ReversalsOfPayments(Database& db, const std::vector<Id>& paymentIds) {
  return ByKeys<Payment>(db, kPaymentSelect, "reverses_id", paymentIds, ReadPayment, " ORDER BY id");
}

}  // namespace sb::storage

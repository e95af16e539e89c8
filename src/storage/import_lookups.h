#pragma once
/// The stored rows an import batch refers to, read by their keys (a few hundred keys a
/// statement), so that importing a one-line file reads a handful of rows however large
/// the database is, and a large file never holds more of the database than its own keys
/// bring (exchange/import.cpp).
#include <string>
#include <utility>
#include <vector>

#include "core/model.h"
#include "storage/database.h"

namespace sb::storage {

std::vector<Project> ProjectsByCodes(Database& db, const std::vector<std::string>& codes);
std::vector<Project> ProjectsByIds(Database& db, const std::vector<Id>& ids);
std::vector<FundingSource> SourcesByCodes(Database& db, const std::vector<std::string>& codes);
std::vector<FundingSource> SourcesByIds(Database& db, const std::vector<Id>& ids);
/// Σ allocations per source, for the sources given (sources without any are left out).
std::vector<std::pair<Id, Money>> AllocatedBySources(Database& db, const std::vector<Id>& sourceIds);

std::vector<Contract> ContractsByCodes(Database& db, const std::vector<std::string>& codes);
std::vector<Contract> ContractsByIds(Database& db, const std::vector<Id>& ids);
std::vector<Contract> ContractsOfProjects(Database& db, const std::vector<Id>& projectIds);
/// The contracts, among those given, that have at least one payment.
std::vector<Id> ContractsHavingPayments(Database& db, const std::vector<Id>& contractIds);

std::vector<BudgetLine> BudgetLinesOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<Allocation> AllocationsOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<Receipt> ReceiptsOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<ProcedureStep> ProcedureStepsOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<ProgressEntry> ProgressOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<AnnualPlan> AnnualPlansOfProjects(Database& db, const std::vector<Id>& projectIds);
std::vector<ContractProgress> ContractProgressOfContracts(Database& db, const std::vector<Id>& contractIds);

/// Payments (reversals included) by id order.
std::vector<Payment> PaymentsByVouchers(Database& db, const std::vector<std::string>& vouchers);
std::vector<Payment> PaymentsByIds(Database& db, const std::vector<Id>& ids);
/// The reversals of the payments given.
std::vector<Payment> ReversalsOfPayments(Database& db, const std::vector<Id>& paymentIds);

}  // namespace sb::storage

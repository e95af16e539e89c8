#pragma once
/// What the write checks of core/validate.h need to know about the rows around a row,
/// read inside the writing transaction (so two clerks cannot both pass a limit).
#include <optional>
#include <string>

#include "core/model.h"
#include "storage/database.h"

namespace sb::storage {

/// Σ allocations of a source to every project, leaving out allocation `excluding`.
Money AllocatedFromSource(Database& db, Id sourceId, Id excluding = 0);

/// One project's money from one source.
struct ProjectSourceFlows {
  Money allocated, received;              ///< leaving out the rows excluded
  std::optional<Date> firstAllocation;    ///< earliest allocation (not excluded)
};
ProjectSourceFlows FlowsOf(Database& db, Id projectId, Id sourceId, Id excludingAllocation = 0,
                           Id excludingReceipt = 0);

std::optional<FundingSource> SourceById(Database& db, Id id);
std::optional<Contract> ContractById(Database& db, Id id);
std::optional<Allocation> AllocationById(Database& db, Id id);
std::optional<Receipt> ReceiptById(Database& db, Id id);
std::optional<Payment> PaymentById(Database& db, Id id);
/// The payment (or reversal) that carries this voucher number, if any.
std::optional<Payment> PaymentByVoucher(Database& db, const std::string& voucher);
/// The reversal (红字冲销) of payment `id`, if it has one.
std::optional<Payment> ReversalOf(Database& db, Id id);

}  // namespace sb::storage

// Look-ups for the write checks of core/validate.h (lookups.h).
#include "storage/lookups.h"

#include <soci/soci.h>

#include "core/translate.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

using soci::into;
using soci::use;

namespace sb::storage {

namespace {
template <class T, class Read>
std::optional<T> One(Database& db, const std::string& query, Read read, Id id) {
  auto rows = Query<T>(db, query, read, id);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

Money SumWhere(Database& db, const std::string& query, Id a, Id b, Id c) {
  long long x = a, y = b, z = c, total = 0;
  soci::indicator ind = soci::i_null;
  try {
    Sql(db) << query, use(x, "a"), use(y, "b"), use(z, "c"), into(total, ind);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取金额合计"));
  }
  return Money::FromFen(ind == soci::i_ok ? total : 0);
}
}  // namespace

Money AllocatedFromSource(Database& db, Id sourceId, Id excluding) {
  return SumWhere(db, "SELECT CAST(SUM(amount) AS BIGINT) FROM allocations WHERE source_id = :a AND id <> :b AND :c = :c",
                  sourceId, excluding, 0);
}

ProjectSourceFlows FlowsOf(Database& db, Id projectId, Id sourceId, Id excludingAllocation,
                           Id excludingReceipt) {
  ProjectSourceFlows f;
  f.allocated = SumWhere(db,
                         "SELECT CAST(SUM(amount) AS BIGINT) FROM allocations WHERE project_id = :a AND source_id = :b "
                         "AND id <> :c",
                         projectId, sourceId, excludingAllocation);
  f.received = SumWhere(db,
                        "SELECT CAST(SUM(amount) AS BIGINT) FROM receipts WHERE project_id = :a AND source_id = :b "
                        "AND id <> :c",
                        projectId, sourceId, excludingReceipt);
  long long p = projectId, s = sourceId, x = excludingAllocation;
  std::string first;
  soci::indicator ind = soci::i_null;
  try {
    Sql(db) << "SELECT MIN(date) FROM allocations WHERE project_id = :a AND source_id = :b "
                    "AND id <> :c",
        use(p, "a"), use(s, "b"), use(x, "c"), into(first, ind);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取资金下达"));
  }
  if (ind == soci::i_ok && !first.empty()) f.firstAllocation = DateFromColumn(first, "allocations.date");
  return f;
}

std::optional<FundingSource> SourceById(Database& db, Id id) {
  return One<FundingSource>(db, std::string(kFundingSourceSelect) + " WHERE id = :id", ReadFundingSource, id);
}
std::optional<Contract> ContractById(Database& db, Id id) {
  return One<Contract>(db, std::string(kContractSelect) + " WHERE id = :id", ReadContract, id);
}
std::optional<Allocation> AllocationById(Database& db, Id id) {
  return One<Allocation>(db, std::string(kAllocationSelect) + " WHERE id = :id",
                         ReadAllocation, id);
}
std::optional<Receipt> ReceiptById(Database& db, Id id) {
  return One<Receipt>(db, std::string(kReceiptSelect) + " WHERE id = :id", ReadReceipt, id);
}
std::optional<Payment> PaymentById(Database& db, Id id) {
  return One<Payment>(db, std::string(kPaymentSelect) + " WHERE id = :id", ReadPayment, id);
}
std::optional<Payment> ReversalOf(Database& db, Id id) {
  return One<Payment>(db, std::string(kPaymentSelect) + " WHERE reverses_id = :id", ReadPayment, id);
}
std::optional<Payment> PaymentByVoucher(Database& db, const std::string& voucher) {
  std::vector<Payment> v;
  try {
    EachRow(db, std::string(kPaymentSelect) + " WHERE voucher = :v ORDER BY id",
            [&](const Row& r) { v.push_back(ReadPayment(r)); }, {{":v", voucher}});
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("查找凭证号 %s", voucher.c_str()));
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

}  // namespace sb::storage

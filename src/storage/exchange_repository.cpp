#include "storage/exchange_repository.h"

#include <soci/soci.h>

#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/history_repository.h"
#include "storage/inserts.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

// The import's rows go through the Database's insert statements, the same ones the
// dialogs' Insert* functions use: one INSERT per table, prepared once, reused per row.
// On the server every row costs a round trip: there they are kept and sent in batches
// through COPY (CopyInserts). SQLite, in process, runs the prepared INSERT per row.
// On SQLite the history triggers of those tables stand aside while the rows go in, and
// Flush writes their entries a batch at a time (DeferredInsertHistory): a trigger per row
// cost as much as the row itself.
struct BulkInserter::Impl {
  Database& db;
  std::unique_ptr<CopyInserts> copy;
  std::unique_ptr<DeferredInsertHistory> history;
};

BulkInserter::BulkInserter(Database& db) {
  const bool server = dialect::EngineOf(Sql(db)) == dialect::Engine::Postgresql;
  impl_ = std::make_unique<Impl>(Impl{db, server ? std::make_unique<CopyInserts>(db) : nullptr,
                                      server ? nullptr : std::make_unique<DeferredInsertHistory>(db)});
}
BulkInserter::~BulkInserter() = default;

namespace {
template <class T> Id CheckAndInsert(BulkInserter::Impl& impl, T& row) {
  Check(row);
  if (impl.copy) return impl.copy->Insert(row);
  impl.history->Arm();
  return Inserts(impl.db).Insert(row);
}
}  // namespace

Id BulkInserter::Insert(Project& p) { return CheckAndInsert(*impl_, p); }
Id BulkInserter::Insert(BudgetLine& b) { return CheckAndInsert(*impl_, b); }
Id BulkInserter::Insert(FundingSource& s) { return CheckAndInsert(*impl_, s); }
Id BulkInserter::Insert(Allocation& a) { return CheckAndInsert(*impl_, a); }
Id BulkInserter::Insert(Receipt& r) { return CheckAndInsert(*impl_, r); }
Id BulkInserter::Insert(ProcedureStep& s) { return CheckAndInsert(*impl_, s); }
Id BulkInserter::Insert(ProgressEntry& e) { return CheckAndInsert(*impl_, e); }
Id BulkInserter::Insert(Contract& c) { return CheckAndInsert(*impl_, c); }
Id BulkInserter::Insert(Payment& p) { return CheckAndInsert(*impl_, p); }

void BulkInserter::Flush() {
  if (impl_->copy) impl_->copy->Flush();
  if (impl_->history) impl_->history->Write();
}

void BulkInserter::Discard() {
  // The rows inserted stay unrecorded, and the transaction cannot commit: it rolls back.
  if (impl_->copy) impl_->copy->Discard();
}

namespace {
template <class Read> void Each(Database& db, const std::string& query, Read read) {
  try {
    soci::rowset<soci::row> rows = (Sql(db).prepare << query);
    for (const auto& r : rows) read(r);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取数据"));
  }
}
}  // namespace

void EachAllocation(Database& db, const std::function<void(const Allocation&)>& row) {
  Each(db, std::string(kAllocationSelect) + " ORDER BY id", [&](const soci::row& r) { row(ReadAllocation(r)); });
}

void EachReceipt(Database& db, const std::function<void(const Receipt&)>& row) {
  Each(db, std::string(kReceiptSelect) + " ORDER BY id", [&](const soci::row& r) { row(ReadReceipt(r)); });
}

void EachPayment(Database& db, const std::function<void(const Payment&, const std::string&)>& row) {
  // kPaymentSelect's twelve columns, then the reversed payment's voucher.
  Each(db,
       std::string("SELECT q.*, r.voucher FROM (") + kPaymentSelect +
           ") q LEFT JOIN payments r ON r.id = q.reverses_id ORDER BY q.id",
       [&](const soci::row& r) { row(ReadPayment(r), RowText(r, 12)); });
}

size_t ExportRowCount(Database& db) {
  long long n = 0;
  try {
    Sql(db) << "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM budget_lines) + "
               "(SELECT COUNT(*) FROM funding_sources) + (SELECT COUNT(*) FROM allocations) + "
               "(SELECT COUNT(*) FROM receipts) + (SELECT COUNT(*) FROM procedure_steps) + "
               "(SELECT COUNT(*) FROM progress_entries) + (SELECT COUNT(*) FROM contracts) + "
               "(SELECT COUNT(*) FROM payments)",
        soci::into(n);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("统计行数"));
  }
  return static_cast<size_t>(n);
}

}  // namespace sb::storage

#include "storage/exchange_repository.h"

#include <soci/soci.h>

#include <limits>

#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/history_repository.h"
#include "storage/inserts.h"
#include "storage/repository.h"
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
  bool sumsLater = false;  ///< the payments' sums are added at Finish
  size_t waiting = 0;      ///< rows inserted whose history entries are not written yet (SQLite)
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
  ++impl.waiting;
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
  impl_->waiting = 0;
}

void BulkInserter::FlushBatch() {
  if (impl_->copy || impl_->waiting >= kHistoryRows) Flush();
}

void BulkInserter::ExpectRows(const std::string& table, size_t rows) {
  // Only inside a transaction: there the commit waits for Finish, and a rollback undoes all.
  if (impl_->copy || rows < kAsideRows || !impl_->db.InTransaction()) return;
  try {
    long long stored = 0;  // ids are dense enough: the largest counts them without a scan
    Sql(impl_->db) << "SELECT COALESCE(MAX(id), 0) FROM " + table, soci::into(stored);
    if (static_cast<long long>(rows) < stored) return;
    SetIndexesAside(impl_->db, table);
    // The payments' sums too: one grouped statement over all of them at the end instead of
    // one per batch, which rewrote each of a province's 20,000 sums fifty times (4.6 s).
    if (table == "payments" && !impl_->sumsLater && impl_->history && impl_->db.SchemaVersion() >= 18) {
      impl_->sumsLater = true;
      impl_->history->LeavePaymentSums();
      Database& db = impl_->db;
      FinishBeforeCommit(db, Tr("汇总拨付"), [&db, stored] { AddPaymentGroupsAfter(db, stored); });
    }
    // What the table's INSERT triggers do is then done here: its history entries by the
    // deferral, the payments' sums at the end, integer money by binding.
    if (impl_->history && impl_->history->supported() && (table != "payments" || impl_->sumsLater))
      SetInsertTriggersAside(impl_->db, table);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(impl_->db, e, Tr("准备批量写入"));
  }
}

void BulkInserter::Finish() {
  Flush();
  RestoreIndexes(impl_->db);
}

void BulkInserter::Discard() {
  // The rows inserted stay unrecorded, and the transaction cannot commit: it rolls back.
  if (impl_->copy) impl_->copy->Discard();
}

namespace {
// The rows of `select` (no WHERE, no ORDER BY; the first column is `id`) in id order. On
// a server a chunk at a time from the last id read: its client library holds a statement's
// whole result, which for a province's million payments was most of the export's memory.
constexpr size_t kServerChunk = 20000;
template <class Read> void EachById(Database& db, const std::string& select, const std::string& id, Read read) {
  try {
    if (!db.IsServer()) {
      EachRow(db, select + " ORDER BY " + id, read);
      return;
    }
    const std::string chunk = select + " WHERE " + id + " > :id ORDER BY " + id + " LIMIT " +
                              std::to_string(kServerChunk);
    // The chunks see the table at one moment, as the single statement did: an import that
    // commits meanwhile is in the export whole or not at all. A read-only snapshot, not a
    // write transaction (those are src/app's).
    auto& sql = Sql(db);
    const bool own = !db.InTransaction();
    if (own) sql << "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    try {
      Id after = std::numeric_limits<Id>::min();
      for (size_t n = kServerChunk; n == kServerChunk;) {
        n = 0;
        EachRow(db, chunk, [&](const Row& r) {
          after = r.Int(0);
          read(r);
          ++n;
        }, after);
      }
    } catch (...) {
      if (own) {
        try {
          sql << "ROLLBACK";
        } catch (...) {
          // The connection is gone: so is the snapshot.
        }
      }
      throw;
    }
    if (own) sql << "COMMIT";
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取数据"));
  }
}
}  // namespace

void EachAllocation(Database& db, const std::function<void(const Allocation&)>& row) {
  EachById(db, kAllocationSelect, "id", [&](const Row& r) { row(ReadAllocation(r)); });
}

void EachReceipt(Database& db, const std::function<void(const Receipt&)>& row) {
  EachById(db, kReceiptSelect, "id", [&](const Row& r) { row(ReadReceipt(r)); });
}

void EachPayment(Database& db, const std::function<void(const Payment&, const std::string&)>& row) {
  // kPaymentSelect's twelve columns, then the reversed payment's voucher.
  EachById(db, std::string("SELECT q.*, r.voucher FROM (") + kPaymentSelect + ") q LEFT JOIN payments r ON r.id = q.reverses_id",
           "q.id", [&](const Row& r) { row(ReadPayment(r), r.Text(12)); });
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

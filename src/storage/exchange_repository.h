#pragma once
/// Fast inserts for spreadsheet import. SQLite: one prepared statement per table,
/// compiled on first use and reused for every row, so 100,000 payments cost 100,000
/// executions and not 100,000 compilations — the Database's own insert statements, which
/// the single-row Insert* functions of repository.h use too, so both paths fail with the
/// same messages. PostgreSQL: each row gets its id at once and is kept until Flush, which
/// sends the kept rows in one COPY per table (a refused batch is retried row by row for
/// the same messages). Either way every row gets its history entry: on the server through
/// the trigger, on SQLite written by Flush a batch at a time (DeferredInsertHistory,
/// history_repository.h; until then the transaction cannot commit). The caller holds
/// one WriteTransaction for the whole import and calls Flush before it reads or changes
/// rows that may refer to the kept ones, and before it commits.
#include <functional>
#include <memory>
#include <string>

#include "core/model.h"
#include "storage/database.h"

namespace sb::storage {

class BulkInserter {
 public:
  explicit BulkInserter(Database& db);
  ~BulkInserter();
  BulkInserter(const BulkInserter&) = delete;
  BulkInserter& operator=(const BulkInserter&) = delete;

  /// Each runs Check(), inserts, sets id (and rowVersion = 1 where the entity has one)
  /// and returns the id. Throws Error like the single-row repository functions
  /// (Duplicate for a taken code, InvalidInput, Database).
  Id Insert(Project& p);
  Id Insert(BudgetLine& b);
  Id Insert(FundingSource& s);
  Id Insert(Allocation& a);
  Id Insert(Receipt& r);
  Id Insert(ProcedureStep& s);
  Id Insert(ProgressEntry& e);
  Id Insert(Contract& c);
  /// Like InsertPayment: the importer has run core's checks (validate.h) against its
  /// running view. The database still enforces foreign keys, the sign of the amount and
  /// one reversal per payment.
  Id Insert(Payment& p);
  /// Before a file's rows go in: about `rows` rows are coming for `table` (payments; or
  /// history, one entry per row of the whole import). When they are many (kAsideRows or
  /// more) and at least as many as the table holds, SQLite writes them without the
  /// table's read-only indexes (SetIndexesAside, database.h) and Finish builds those again:
  /// a province's payments went in 4 times faster. Nothing on a server.
  void ExpectRows(const std::string& table, size_t rows);
  static constexpr size_t kAsideRows = 20000;
  /// Sends the rows kept (PostgreSQL); throws Error as the refused row's insert says it.
  void Flush();
  /// Between batches of one file: Flush, except that SQLite writes the history entries
  /// only once kHistoryRows are waiting — a statement for each table's entries, not one per
  /// thousand rows. The file's rows are not changed again while it is read; at its end the
  /// caller calls Flush.
  void FlushBatch();
  static constexpr size_t kHistoryRows = 20000;
  /// Flush, then the indexes set aside built again: before the import commits. Without
  /// it the transaction cannot commit (and rolls back with its indexes).
  void Finish();
  /// Forgets the rows kept: the import failed and writes nothing.
  void Discard();

  struct Impl;  // exchange_repository.cpp

 private:
  std::unique_ptr<Impl> impl_;
};

/// The export's large tables, read with a cursor in id order: one row in memory at a time.
void EachAllocation(Database& db, const std::function<void(const Allocation&)>& row);
void EachReceipt(Database& db, const std::function<void(const Receipt&)>& row);
/// With the voucher of the payment a reversal reverses ("" for a payment).
void EachPayment(Database& db, const std::function<void(const Payment&, const std::string& reversesVoucher)>& row);
/// How many rows the export writes: projects, budget lines, sources, allocations,
/// receipts, procedure steps, progress entries, contracts and payments together.
size_t ExportRowCount(Database& db);

}  // namespace sb::storage

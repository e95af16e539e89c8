#pragma once
// Private to src/storage: the one INSERT of each table. Each is prepared on first use and
// kept by the Database while it is open, so a dialog's single row (InsertProject …) and
// an import's 100,000 rows (BulkInserter) run the same statement, compiled once, and a
// failure says the same thing on both paths.
#include <memory>

#include "core/model.h"

namespace sb::storage {

class Database;

class InsertStatements {
 public:
  explicit InsertStatements(Database& db);
  ~InsertStatements();
  InsertStatements(const InsertStatements&) = delete;
  InsertStatements& operator=(const InsertStatements&) = delete;

  /// Each inserts the row as it is (the caller has run Check() and its look-ups), sets
  /// its id (and rowVersion = 1 where the entity has one) and returns the id. A failure
  /// throws Error as every save of that table says it (RethrowProjectSave …).
  Id Insert(Project& p);
  Id Insert(BudgetLine& line);
  Id Insert(FundingSource& s);
  Id Insert(Allocation& a);
  Id Insert(Receipt& r);
  Id Insert(ProcedureStep& s);
  Id Insert(ProgressEntry& e);
  Id Insert(Contract& c);
  Id Insert(Payment& p);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// PostgreSQL, for an import: each Insert gives the row its id at once (drawn from the
/// table's sequence, a thousand at a time) and keeps it; Flush sends what is kept,
/// table by table in the order rows refer to each other, one COPY each, every row through
/// the history trigger as an INSERT would be. A refused batch is tried again row by row,
/// so the error says which row and why, as InsertStatements would.
class CopyInserts {
 public:
  explicit CopyInserts(Database& db);
  ~CopyInserts();
  CopyInserts(const CopyInserts&) = delete;
  CopyInserts& operator=(const CopyInserts&) = delete;

  Id Insert(Project& p);
  Id Insert(BudgetLine& line);
  Id Insert(FundingSource& s);
  Id Insert(Allocation& a);
  Id Insert(Receipt& r);
  Id Insert(ProcedureStep& s);
  Id Insert(ProgressEntry& e);
  Id Insert(Contract& c);
  Id Insert(Payment& p);
  void Flush();
  /// Forgets the rows kept (an import that failed writes nothing).
  void Discard();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The insert statements of `db`, created on first use.
InsertStatements& Inserts(Database& db);

}  // namespace sb::storage

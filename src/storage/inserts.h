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

/// The insert statements of `db`, created on first use.
InsertStatements& Inserts(Database& db);

}  // namespace sb::storage

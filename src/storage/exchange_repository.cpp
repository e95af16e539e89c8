#include "storage/exchange_repository.h"

#include "storage/inserts.h"

namespace sb::storage {

// The import's rows go through the Database's insert statements, the same ones the
// dialogs' Insert* functions use: one INSERT per table, prepared once, reused per row.
struct BulkInserter::Impl {
  Database& db;
};

BulkInserter::BulkInserter(Database& db) : impl_(std::make_unique<Impl>(Impl{db})) {}
BulkInserter::~BulkInserter() = default;

namespace {
template <class T> Id CheckAndInsert(Database& db, T& row) {
  Check(row);
  return Inserts(db).Insert(row);
}
}  // namespace

Id BulkInserter::Insert(Project& p) { return CheckAndInsert(impl_->db, p); }
Id BulkInserter::Insert(BudgetLine& b) { return CheckAndInsert(impl_->db, b); }
Id BulkInserter::Insert(FundingSource& s) { return CheckAndInsert(impl_->db, s); }
Id BulkInserter::Insert(Allocation& a) { return CheckAndInsert(impl_->db, a); }
Id BulkInserter::Insert(Receipt& r) { return CheckAndInsert(impl_->db, r); }
Id BulkInserter::Insert(ProcedureStep& s) { return CheckAndInsert(impl_->db, s); }
Id BulkInserter::Insert(ProgressEntry& e) { return CheckAndInsert(impl_->db, e); }
Id BulkInserter::Insert(Contract& c) { return CheckAndInsert(impl_->db, c); }
Id BulkInserter::Insert(Payment& p) { return CheckAndInsert(impl_->db, p); }

}  // namespace sb::storage

// Funding sources, allocations (资金下达) and receipts (资金到位).
#include "storage/repository.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/error.h"
#include "core/translate.h"
#include "storage/inserts.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

std::vector<FundingSource> FundingSources(Database& db) {
  return Query<FundingSource>(db, std::string(kFundingSourceSelect) + " ORDER BY code", ReadFundingSource);
}

std::vector<FundingSource> FundingSourcesById(Database& db, const std::vector<Id>& ids) {
  auto out = ByKeys<FundingSource>(db, kFundingSourceSelect, "id", ids, ReadFundingSource, " ORDER BY code");
  // More than one statement (over 500 sources): each is in order, the whole is not.
  std::stable_sort(out.begin(), out.end(), [](const FundingSource& a, const FundingSource& b) { return a.code < b.code; });
  return out;
}

std::optional<FundingSource> FindSourceByCode(Database& db, const std::string& code) {
  for (auto& s : FundingSources(db))
    if (s.code == code) return s;
  return std::nullopt;
}

namespace {
struct SourceBind {
  long long year, amount;
  std::string eligible;
  explicit SourceBind(const FundingSource& s)
      : year(s.year), amount(s.amount.fen()), eligible(s.eligible.Format()) {}
};
}  // namespace

Id InsertSource(Database& db, FundingSource& s) {
  Check(s);
  return Inserts(db).Insert(s);
}

void UpdateSource(Database& db, FundingSource& s) {
  Check(s);
  try {
    SourceBind b(s);
    long long id = s.id, rv = s.rowVersion;
    soci::statement st =
        (Sql(db).prepare << "UPDATE funding_sources SET code = :code, name = :name, "
                                 "kind = :kind, year = :year, amount = :amount, doc_no = :doc, "
                                 "eligible = :elig, note = :note, "
                                 "county_code = COALESCE(NULLIF(:county, ''), county_code), "
                                 "row_version = row_version + 1 "
                                 "WHERE id = :id AND row_version = :rv",
         use(s.code, "code"), use(s.name, "name"), use(s.kind, "kind"), use(b.year, "year"),
         use(b.amount, "amount"), use(s.docNo, "doc"), use(b.eligible, "elig"),
         use(s.note, "note"), use(s.countyCode, "county"), use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "funding_sources", s.id, Tr("资金来源“%s”", s.code.c_str()));
    ++s.rowVersion;
  } catch (const std::exception& e) {
    RethrowSourceSave(db, e, s);
  }
}

namespace {
template <class T> void UpdateMoneyRow(Database& db, T& a, const char* table, const char* what) {
  Check(a);
  try {
    long long pid = a.projectId, sid = a.sourceId, amount = a.amount.fen(), id = a.id,
              rv = a.rowVersion;
    std::string date = FormatDate(a.date);
    soci::statement st =
        (Sql(db).prepare << std::string("UPDATE ") + table +
                                     " SET project_id = :p, source_id = :s, amount = :a, "
                                     "date = :d, note = :n, row_version = row_version + 1 "
                                     "WHERE id = :id AND row_version = :rv",
         use(pid, "p"), use(sid, "s"), use(amount, "a"), use(date, "d"), use(a.note, "n"),
         use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, table, a.id, TrC("row", what));
    ++a.rowVersion;
  } catch (const std::exception& e) {
    // TRANSLATORS: %s names what is saved (资金下达, 资金到位).
    Rethrow(db, e, Tr("保存%s", TrC("row", what).c_str()));
  }
}

}  // namespace

SourceUse SourceUses(Database& db, Id sourceId) {
  long long sid = sourceId;
  SourceUse u;
  try {
    Sql(db) << "SELECT (SELECT COUNT(*) FROM allocations WHERE source_id = :s), "
               "(SELECT COUNT(*) FROM receipts WHERE source_id = :s), "
               "(SELECT COUNT(*) FROM payments WHERE source_id = :s)",
        use(sid, "s"), into(u.allocations), into(u.receipts), into(u.payments);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取资金来源的使用情况"));
  }
  return u;
}

void DeleteSource(Database& db, Id id, int64_t rv) {
  DeleteVersioned(db, "funding_sources", id, rv, TrNoopC("row", "资金来源"));
}

Id InsertAllocation(Database& db, Allocation& a) {
  Check(a);
  return Inserts(db).Insert(a);
}
void UpdateAllocation(Database& db, Allocation& a) { UpdateMoneyRow(db, a, "allocations", TrNoopC("row", "资金下达")); }
void DeleteAllocation(Database& db, Id id, int64_t rv) { DeleteVersioned(db, "allocations", id, rv, TrNoopC("row", "资金下达")); }
Id InsertReceipt(Database& db, Receipt& r) {
  Check(r);
  return Inserts(db).Insert(r);
}
void UpdateReceipt(Database& db, Receipt& r) { UpdateMoneyRow(db, r, "receipts", TrNoopC("row", "资金到位")); }
void DeleteReceipt(Database& db, Id id, int64_t rv) { DeleteVersioned(db, "receipts", id, rv, TrNoopC("row", "资金到位")); }

}  // namespace sb::storage

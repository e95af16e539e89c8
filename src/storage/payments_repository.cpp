// Contracts and payments (拨付), which are never updated.
#include "storage/repository.h"

#include <soci/soci.h>

#include "core/error.h"
#include "core/translate.h"
#include "storage/inserts.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

std::optional<Contract> FindContractByCode(Database& db, const std::string& code) {
  std::vector<Contract> v;
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << std::string(kContractSelect) + " WHERE code = :c", use(code, "c"));
    for (const auto& r : rows) v.push_back(ReadContract(r));
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("查找合同 %s", code.c_str()));
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

namespace {
struct ContractBind {
  std::string kind, procurement;
  long long pid, amount, adv, ret, stated, from, to;
  soci::indicator fromInd, toInd;
  OptText signedDate;
  explicit ContractBind(const Contract& c)
      : kind(Name(c.kind)), procurement(c.procurement ? std::string(Name(*c.procurement)) : std::string()),
        pid(c.projectId), amount(c.amount.fen()), adv(c.advanceRate.basisPoints()),
        ret(c.retentionRate ? c.retentionRate->basisPoints() : 0), stated(c.retentionRate ? 1 : 0),
        from(c.advanceRecoverFrom ? c.advanceRecoverFrom->tenths() : 0),
        to(c.advanceRecoverTo ? c.advanceRecoverTo->tenths() : 0),
        fromInd(c.advanceRecoverFrom ? soci::i_ok : soci::i_null),
        toInd(c.advanceRecoverTo ? soci::i_ok : soci::i_null), signedDate(DateText(c.signedDate)) {}
};
}  // namespace

int PaymentsOfContract(Database& db, Id contractId) {
  long long cid = contractId;
  int n = 0;
  try {
    Sql(db) << "SELECT COUNT(*) FROM payments WHERE contract_id = :c", use(cid, "c"), into(n);
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取合同的拨付"));
  }
  return n;
}

void DeleteContract(Database& db, Id id, int64_t rv) { DeleteVersioned(db, "contracts", id, rv, TrNoopC("row", "合同")); }

Id InsertContract(Database& db, Contract& c) {
  Check(c);
  return Inserts(db).Insert(c);
}

void UpdateContract(Database& db, Contract& c) {
  Check(c);
  try {
    ContractBind b(c);
    long long id = c.id, rv = c.rowVersion;
    soci::statement st =
        (Sql(db).prepare << "UPDATE contracts SET code = :code, project_id = :p, kind = :k, "
                                 "counterparty = :cp, amount = :a, signed_date = :sd, "
                                 "advance_bp = :adv, retention_bp = :ret, note = :n, "
                                 "procurement = :how, award_no = :award, retention_stated = :stated, "
                                 "advance_recover_from_tenths = :rfrom, advance_recover_to_tenths = :rto, "
                                 "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
         use(c.code, "code"), use(b.pid, "p"), use(b.kind, "k"), use(c.counterparty, "cp"),
         use(b.amount, "a"), use(b.signedDate.value, b.signedDate.ind, "sd"), use(b.adv, "adv"),
         use(b.ret, "ret"), use(c.note, "n"), use(b.procurement, "how"), use(c.awardNo, "award"),
         use(b.stated, "stated"), use(b.from, b.fromInd, "rfrom"), use(b.to, b.toInd, "rto"),
         use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "contracts", c.id, Tr("合同“%s”", c.code.c_str()));
    ++c.rowVersion;
  } catch (const std::exception& e) {
    RethrowContractSave(db, e, c);
  }
}

Id InsertPayment(Database& db, Payment& p) {
  // The cross-row checks (its contract's project, a reversal mirroring its original, the
  // voucher) are core's (validate.h), run by src/app before this; the database itself
  // still refuses a missing reference, a wrong sign and a second reversal.
  Check(p);
  try {
    return Inserts(db).Insert(p);
  } catch (const std::exception& e) {
    RethrowPaymentSave(db, e, p);
  }
}

std::vector<Payment> PaymentsByProject(Database& db, Id projectId) {
  return Query<Payment>(db, PaymentsOfProjectQuery(), ReadPayment, projectId);
}

}  // namespace sb::storage

// Contracts and payments (拨付), which are never updated.
#include "storage/repository.h"

#include <soci/soci.h>

#include "core/error.h"
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
    Rethrow(db, e, "查找合同 " + code);
  }
  if (v.empty()) return std::nullopt;
  return v.front();
}

namespace {
struct ContractBind {
  std::string kind;
  long long pid, amount, adv, ret;
  OptText signedDate;
  explicit ContractBind(const Contract& c)
      : kind(Name(c.kind)), pid(c.projectId), amount(c.amount.fen()),
        adv(c.advanceRate.basisPoints()), ret(c.retentionRate.basisPoints()),
        signedDate(DateText(c.signedDate)) {}
};
}  // namespace

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
                                 "row_version = row_version + 1 WHERE id = :id AND row_version = :rv",
         use(c.code, "code"), use(b.pid, "p"), use(b.kind, "k"), use(c.counterparty, "cp"),
         use(b.amount, "a"), use(b.signedDate.value, b.signedDate.ind, "sd"), use(b.adv, "adv"),
         use(b.ret, "ret"), use(c.note, "n"), use(id, "id"), use(rv, "rv"));
    if (Affected(st) == 0) VersionMismatch(db, "contracts", c.id, "合同“" + c.code + "”");
    ++c.rowVersion;
  } catch (const std::exception& e) {
    RethrowContractSave(db, e, c);
  }
}

Id InsertPayment(Database& db, Payment& p) {
  Check(p);
  try {
    auto& sql = Sql(db);
    if (p.contractId) {
      long long cid = *p.contractId, owner = 0;
      soci::indicator ind = soci::i_null;
      sql << "SELECT project_id FROM contracts WHERE id = :c", use(cid, "c"), into(owner, ind);
      if (ind != soci::i_ok) Fail(ErrorCode::NotFound, "拨付引用的合同不存在");
      if (owner != p.projectId) Fail(ErrorCode::InvalidInput, "合同不属于该项目，不能在此项目下拨付");
    }
    if (p.reversesId) {
      auto orig = Query<Payment>(db, std::string(kPaymentSelect) + " WHERE id = :id", ReadPayment,
                                 *p.reversesId);
      if (orig.empty()) Fail(ErrorCode::NotFound, "要冲销的拨付不存在");
      const Payment& o = orig.front();
      if (o.reversesId) Fail(ErrorCode::Refused, "冲销记录本身不能再冲销");
      if (o.projectId != p.projectId || o.sourceId != p.sourceId || o.contractId != p.contractId ||
          o.category != p.category || p.amount != -o.amount)
        Fail(ErrorCode::InvalidInput, "冲销记录必须与原拨付的项目、合同、资金来源、费用类别和金额（取负）一致");
    }
    return Inserts(db).Insert(p);
  } catch (const std::exception& e) {
    RethrowPaymentSave(db, e, p);
  }
}

Id ReversePayment(Database& db, Id id, Date date, const std::string& voucher,
                  const std::string& note) {
  auto orig = Query<Payment>(db, std::string(kPaymentSelect) + " WHERE id = :id", ReadPayment, id);
  if (orig.empty()) Fail(ErrorCode::NotFound, "要冲销的拨付不存在");
  // Checked here, before the copy is negated: a reversal's negative copy would be positive
  // and fail Check() with a message about the sign instead of the real reason.
  if (orig.front().reversesId) Fail(ErrorCode::Refused, "冲销记录本身不能再冲销");
  Payment r = orig.front();
  r.id = 0;
  r.reversesId = id;
  r.amount = -orig.front().amount;
  r.date = date;
  r.voucher = voucher;
  r.note = note.empty() ? "红字冲销 " + orig.front().voucher : note;
  return InsertPayment(db, r);
}

std::vector<Payment> PaymentsByProject(Database& db, Id projectId) {
  return Query<Payment>(db, std::string(kPaymentSelect) + " WHERE project_id = :id ORDER BY date, id",
                        ReadPayment, projectId);
}

}  // namespace sb::storage

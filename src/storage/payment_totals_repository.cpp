// The payments summed for the ledger and the rules (core/payment_totals.h): what the
// analysis reads instead of every payment row. Both engines run the same SQL; a county
// column (issue 11) comes with the project, so these stay grouped by project id.
#include <soci/soci.h>

#include <algorithm>

#include "core/enums.h"
#include "core/rules.h"
#include "core/translate.h"
#include "storage/repository.h"
#include "storage/rows.h"
#include "storage/sql_util.h"

namespace sb::storage {

namespace {

template <class E>
E EnumText(const Row& r, size_t i, const char* column) {
  const std::string text = r.Text(i);
  auto e = TryParseEnum<E>(text);
  if (!e) Fail(ErrorCode::Database, Tr("数据库中 %s 的值“%s”无效", column, text.c_str()));
  return *e;
}

// One row per project, contract, source, cost category, kind and payee: a province's
// million payments are a few tens of thousands of groups, read in one scan of the table.
// Read in the order of the index payments_groups (db/0013_payment_groups.sql): no sort.
const char* const kGroupsSelect =
    "SELECT project_id, contract_id, source_id, cost_category, kind, payee, CAST(SUM(amount) AS BIGINT), "
    "COUNT(*), MIN(date) FROM payments";
const char* const kGroupsTail =
    " GROUP BY project_id, contract_id, source_id, cost_category, kind, payee "
    "ORDER BY project_id, contract_id, source_id, cost_category, kind, payee";

PaymentGroup ReadGroup(const Row& r) {
  PaymentGroup g;
  g.projectId = r.Int(0);
  if (!r.IsNull(1)) g.contractId = r.Int(1);
  g.sourceId = r.Int(2);
  g.category = EnumText<CostCategory>(r, 3, "payments.cost_category");
  g.kind = EnumText<PaymentKind>(r, 4, "payments.kind");
  g.payee = r.Text(5);
  g.amount = Money::FromFen(r.Int(6));
  g.count = r.Int(7);
  g.first = DateFromColumn(r.Text(8), "payments.date");
  return g;
}

// The originals (a reversal names the one payment it reverses: reverses_id is UNIQUE) with
// what is left of each after its reversal, when that is more than nothing; ByKeys adds
// "WHERE p.project_id IN (…)" between the two parts.
const std::string kNetPaymentsSelect = std::string("SELECT ") + kPaymentColumns +
                                       ", p.amount + COALESCE(rv.amount, 0) FROM payments p "
                                       "LEFT JOIN payments rv ON rv.reverses_id = p.id";
const char* const kNetPaymentsTail = " AND p.reverses_id IS NULL AND p.amount + COALESCE(rv.amount, 0) > 0";

}  // namespace

std::vector<PaymentGroup> PaymentGroups(Database& db) {
  return Query<PaymentGroup>(db, std::string(kGroupsSelect) + kGroupsTail, ReadGroup);
}

std::vector<PaymentGroup> PaymentGroupsUpTo(Database& db, Date upTo) {
  // The date is the index's next column after the grouped ones: still read from the index
  // alone, in its order. A formatted Date is digits and dashes: safe as a literal.
  return Query<PaymentGroup>(db, std::string(kGroupsSelect) + " WHERE date <= '" + FormatDate(upTo) + "'" + kGroupsTail,
                             ReadGroup);
}

std::vector<PaymentGroup> PaymentGroupsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  auto out = ByKeys<PaymentGroup>(db, kGroupsSelect, "project_id", projectIds, ReadGroup, kGroupsTail);
  // More than one statement (over 500 projects): each is in order, the whole is not.
  std::stable_sort(out.begin(), out.end(), [](const PaymentGroup& a, const PaymentGroup& b) {
    return a.projectId < b.projectId;
  });
  return out;
}

namespace {
std::vector<NetPayment> NetPayments(Database& db, const std::vector<Id>& projectIds, const std::string& select,
                                    const std::string& tail) {
  auto out = ByKeys<NetPayment>(
      db, select, "p.project_id", projectIds,
      [](const soci::row& r) {
        NetPayment n;
        n.payment = ReadPayment(r);
        n.net = Money::FromFen(RowInt64(r, 12));
        return n;
      },
      tail);
  std::sort(out.begin(), out.end(), [](const NetPayment& a, const NetPayment& b) { return a.payment.id < b.payment.id; });
  return out;
}
}  // namespace

std::vector<NetPayment> NetPaymentsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  return NetPayments(db, projectIds, kNetPaymentsSelect, kNetPaymentsTail);
}

std::vector<NetPayment> NetPaymentsOfProjectsUpTo(Database& db, const std::vector<Id>& projectIds, Date upTo) {
  const std::string day = "'" + FormatDate(upTo) + "'";
  return NetPayments(db, projectIds, kNetPaymentsSelect + " AND rv.date <= " + day,
                     " AND p.date <= " + day + kNetPaymentsTail);
}

PaymentTotals PaymentTotalsUpTo(Database& db, Date upTo, const std::vector<Id>& checkProjects) {
  PaymentTotals paid;
  paid.upTo = upTo;
  paid.groups = PaymentGroupsUpTo(db, upTo);
  for (const auto& g : paid.groups) paid.count += g.count;
  paid.singles = NetPaymentsOfProjectsUpTo(db, checkProjects, upTo);
  return paid;
}

}  // namespace sb::storage

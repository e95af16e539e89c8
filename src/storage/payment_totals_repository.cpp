// The payments summed for the ledger and the rules (core/payment_totals.h): what the
// analysis reads instead of every payment row. Both engines run the same SQL; a county
// column (issue 11) comes with the project, so these stay grouped by project id.
#include <soci/soci.h>

#include <algorithm>
#include <tuple>

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

// One row per project, contract, source, cost category, kind and payee, summed from the
// payments themselves: what payment_groups holds (db/sqlite/0017_payment_group_totals.sql),
// read from the index payments_groups (db/0013_payment_groups.sql). A payment without a
// contract is in the group of contract 0, as in the table.
const char* const kSumsSelect =
    "SELECT project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee, "
    "CAST(SUM(amount) AS BIGINT), COUNT(*), MIN(date), MAX(date) FROM payments";
const char* const kSumsTail =
    " GROUP BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee "
    "ORDER BY project_id, COALESCE(contract_id, 0), source_id, cost_category, kind, payee";
// The same kept with every payment: tens of thousands of rows, in the order of its key.
const char* const kGroupsSelect =
    "SELECT project_id, contract_id, source_id, cost_category, kind, payee, amount, count, first_date, last_date "
    "FROM payment_groups";
const char* const kGroupsOrder = " ORDER BY project_id, contract_id, source_id, cost_category, kind, payee";

// A group as summed from the payments or as kept (payment_groups): a bad value names its table.
PaymentGroup ReadGroupOf(const Row& r, bool kept) {
  PaymentGroup g;
  g.projectId = r.Int(0);
  if (const Id c = r.Int(1); c != 0) g.contractId = c;
  g.sourceId = r.Int(2);
  g.category = EnumText<CostCategory>(r, 3, kept ? "payment_groups.cost_category" : "payments.cost_category");
  g.kind = EnumText<PaymentKind>(r, 4, kept ? "payment_groups.kind" : "payments.kind");
  g.payee = r.Text(5);
  g.amount = Money::FromFen(r.Int(6));
  g.count = r.Int(7);
  g.first = DateFromColumn(r.Text(8), kept ? "payment_groups.first_date" : "payments.date");
  g.last = DateFromColumn(r.Text(9), kept ? "payment_groups.last_date" : "payments.date");
  return g;
}
PaymentGroup ReadGroup(const Row& r) { return ReadGroupOf(r, false); }
PaymentGroup ReadKeptGroup(const Row& r) { return ReadGroupOf(r, true); }

// A group's key in the order SQL reads them: the category and kind by their names, text
// compared byte by byte (SQLite's BINARY, PostgreSQL's "C", std::string's compare).
auto GroupKey(const PaymentGroup& g) {
  return std::make_tuple(g.projectId, g.contractId.value_or(0), g.sourceId, Name(g.category), Name(g.kind),
                         std::string_view(g.payee));
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
  return Query<PaymentGroup>(db, std::string(kGroupsSelect) + kGroupsOrder, ReadKeptGroup);
}

std::vector<PaymentGroup> PaymentGroupsUpTo(Database& db, Date upTo) {
  // A formatted Date is digits and dashes: safe as a literal.
  const std::string day = "'" + FormatDate(upTo) + "'";
  std::vector<PaymentGroup> kept = PaymentGroups(db);
  // The projects with a payment dated later (a group's last date says so): their groups are
  // summed again up to the day, every other project's are as kept. `kept` is by project.
  std::vector<Id> later;
  size_t projects = 0;
  for (size_t i = 0; i < kept.size(); ++i) {
    const bool first = i == 0 || kept[i].projectId != kept[i - 1].projectId;
    projects += first;
    if (kept[i].last > upTo && (later.empty() || later.back() != kept[i].projectId)) later.push_back(kept[i].projectId);
  }
  if (later.empty()) return kept;
  // An old month, most projects paid since: summing the payments up to it is the shorter way.
  if (later.size() * 4 > projects)
    return Query<PaymentGroup>(db, std::string(kSumsSelect) + " WHERE date <= " + day + kSumsTail, ReadGroup);
  std::vector<PaymentGroup> again =
      ByKeys<PaymentGroup>(db, kSumsSelect, "project_id", later, ReadGroup, " AND date <= " + day + kSumsTail);
  std::stable_sort(again.begin(), again.end(),
                   [](const PaymentGroup& a, const PaymentGroup& b) { return a.projectId < b.projectId; });
  std::vector<PaymentGroup> out;
  out.reserve(kept.size());
  size_t k = 0;
  for (PaymentGroup& g : kept) {
    while (k < again.size() && again[k].projectId < g.projectId) out.push_back(std::move(again[k++]));
    if (!std::binary_search(later.begin(), later.end(), g.projectId)) out.push_back(std::move(g));
  }
  while (k < again.size()) out.push_back(std::move(again[k++]));
  return out;
}

std::vector<PaymentGroup> PaymentGroupsOfProjects(Database& db, const std::vector<Id>& projectIds) {
  auto out = ByKeys<PaymentGroup>(db, kGroupsSelect, "project_id", projectIds, ReadKeptGroup, kGroupsOrder);
  // More than one statement (over 500 projects): each is in order, the whole is not.
  std::stable_sort(out.begin(), out.end(), [](const PaymentGroup& a, const PaymentGroup& b) {
    return a.projectId < b.projectId;
  });
  return out;
}

std::vector<std::string> PaymentGroupsDisagreeing(Database& db, size_t limit) {
  std::vector<PaymentGroup> kept;
  try {
    kept = PaymentGroups(db);
  } catch (const Error& e) {
    if (e.code() != ErrorCode::Database) throw;
    return {e.detail()};  // a value no payment could have put there, named by its column
  }
  std::vector<PaymentGroup> summed = Query<PaymentGroup>(db, std::string(kSumsSelect) + kSumsTail, ReadGroup);
  std::vector<std::string> out;
  auto describe = [](const PaymentGroup& g) {
    // TRANSLATORS: a group of payments: project id, contract id (0: none), source id, category, kind, payee.
    const std::string category = Tr(std::string(Name(g.category)).c_str()), kind = Tr(std::string(Name(g.kind)).c_str());
    return Tr("项目 id=%lld、合同 id=%lld、来源 id=%lld、%s、%s、收款人“%s”", static_cast<long long>(g.projectId),
              static_cast<long long>(g.contractId.value_or(0)), static_cast<long long>(g.sourceId), category.c_str(),
              kind.c_str(), g.payee.c_str());
  };
  auto figures = [](const PaymentGroup* g) {
    // TRANSLATORS: a sum of payments in fen, how many payments, the earliest and the latest date.
    return g ? Tr("%lld 分 %lld 笔 %s 至 %s", static_cast<long long>(g->amount.fen()), static_cast<long long>(g->count),
                  FormatDate(g->first).c_str(), FormatDate(g->last).c_str())
             : Tr("没有");
  };
  size_t i = 0, j = 0;
  while ((i < kept.size() || j < summed.size()) && out.size() < limit) {
    const PaymentGroup* a = i < kept.size() ? &kept[i] : nullptr;
    const PaymentGroup* b = j < summed.size() ? &summed[j] : nullptr;
    if (a && b && GroupKey(*a) == GroupKey(*b)) {
      ++i, ++j;
      if (a->amount == b->amount && a->count == b->count && a->first == b->first && a->last == b->last) continue;
    } else if (a && (!b || GroupKey(*a) < GroupKey(*b))) {
      ++i, b = nullptr;
    } else {
      ++j, a = nullptr;
    }
    const PaymentGroup& g = a ? *a : *b;
    // TRANSLATORS: the group, what the kept sums say, then what the payments add up to.
    out.push_back(Tr("%s：汇总 %s，拨付明细 %s", describe(g).c_str(), figures(a).c_str(), figures(b).c_str()));
  }
  return out;
}

void AddPaymentGroupsAfter(Database& db, Id lastBefore) {
  long long after = lastBefore;
  try {
    // NOT INDEXED: the batch's rows by their ids (the rowid), then grouped. Through the index
    // payments_groups, in the order the GROUP BY wants, SQLite read every payment per batch.
    Sql(db) << std::string("INSERT INTO payment_groups ") + kSumsSelect + " NOT INDEXED WHERE id > :m" + kSumsTail +
                   " ON CONFLICT (project_id, contract_id, source_id, cost_category, kind, payee) DO UPDATE SET "
                   "amount = amount + excluded.amount, count = count + excluded.count, "
                   "first_date = min(first_date, excluded.first_date), last_date = max(last_date, excluded.last_date)",
        soci::use(after, "m");
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("汇总拨付"));
  }
}

void RebuildPaymentGroups(Database& db) {
  try {
    Sql(db) << "DELETE FROM payment_groups";
    Sql(db) << std::string("INSERT INTO payment_groups ") + kSumsSelect + kSumsTail;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("汇总拨付"));
  }
}

namespace {
std::vector<NetPayment> NetPayments(Database& db, const std::vector<Id>& projectIds, const std::string& select,
                                    const std::string& tail) {
  auto out = ByKeys<NetPayment>(
      db, select, "p.project_id", projectIds,
      [](const Row& r) {
        NetPayment n;
        n.payment = ReadPayment(r);
        n.net = Money::FromFen(r.Int(12));
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

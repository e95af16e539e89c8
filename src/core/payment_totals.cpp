#include "core/payment_totals.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

namespace sb {

std::optional<Date> PaymentTotals::First() const {
  std::optional<Date> first;
  for (const auto& t : groups)
    if (!first || t.first < *first) first = t.first;
  return first;
}

std::vector<NetPayment> NetOriginals(const std::vector<Payment>& payments) {
  std::unordered_set<Id> exists;
  for (const auto& p : payments) exists.insert(p.id);
  std::unordered_map<Id, Money> reversal;
  for (const auto& p : payments)
    if (p.reversesId && exists.count(*p.reversesId)) reversal[*p.reversesId] += p.amount;
  std::vector<NetPayment> out;
  for (const auto& p : payments) {
    if (p.reversesId && exists.count(*p.reversesId)) continue;
    auto r = reversal.find(p.id);
    out.push_back({p, p.amount + (r == reversal.end() ? Money() : r->second)});
  }
  return out;
}

PaymentTotals TotalPayments(const std::vector<Payment>& payments) {
  PaymentTotals out;
  std::map<std::tuple<Id, Id, Id, int, int, std::string>, PaymentGroup> groups;
  for (const auto& p : payments) {
    PaymentGroup& g = groups[{p.projectId, p.contractId.value_or(0), p.sourceId, static_cast<int>(p.category),
                              static_cast<int>(p.kind), p.payee}];
    if (g.count == 0) {
      g.projectId = p.projectId;
      g.sourceId = p.sourceId;
      g.contractId = p.contractId;
      g.category = p.category;
      g.kind = p.kind;
      g.payee = p.payee;
      g.first = g.last = p.date;
    }
    g.amount += p.amount;
    g.first = std::min(g.first, p.date);
    g.last = std::max(g.last, p.date);
    ++g.count;
  }
  out.groups.reserve(groups.size());
  for (auto& [key, g] : groups) out.groups.push_back(g);
  for (auto& n : NetOriginals(payments))
    if (n.net.fen() > 0) out.singles.push_back(std::move(n));
  out.count = static_cast<int64_t>(payments.size());
  return out;
}

}  // namespace sb

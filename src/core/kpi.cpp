#include "core/kpi.h"

#include <unordered_map>

namespace sb {

std::optional<int64_t> Ratio::Tenths() const {
  if (denominator <= 0) return std::nullopt;
  __int128 n = static_cast<__int128>(numerator) * 1000 * 2 + denominator;
  return static_cast<int64_t>(n / (2 * static_cast<__int128>(denominator)));
}

std::string Ratio::Format() const {
  auto t = Tenths();
  return t ? FormatFixed(*t, 1) + "%" : "—";
}

Kpis ComputeKpis(const Portfolio& pf, Date asOf) {
  Kpis k;
  std::unordered_map<Id, const ProgressEntry*> latest;
  for (const auto& e : pf.progress) {
    if (e.month.FirstDay() > asOf) continue;
    auto& cur = latest[e.projectId];
    if (!cur || cur->month < e.month) cur = &e;
  }
  for (const auto& p : pf.projects) {
    if (p.plannedStart && *p.plannedStart <= asOf) {
      ++k.startRate.denominator;
      if (p.actualStart && *p.actualStart <= asOf) ++k.startRate.numerator;
    }
    if (p.plannedFinish && *p.plannedFinish <= asOf) {
      ++k.onTimeRate.denominator;
      if (p.actualFinish && *p.actualFinish <= *p.plannedFinish) ++k.onTimeRate.numerator;
    }
    if (auto it = latest.find(p.id); it != latest.end())
      k.investmentRate.numerator += it->second->invested.fen();
  }
  for (const auto& b : pf.budgetLines) k.investmentRate.denominator += b.amount.fen();
  for (const auto& a : pf.allocations)
    if (a.date <= asOf) k.fundsReceivedRate.denominator += a.amount.fen();
  for (const auto& r : pf.receipts)
    if (r.date <= asOf) k.fundsReceivedRate.numerator += r.amount.fen();
  return k;
}

}  // namespace sb

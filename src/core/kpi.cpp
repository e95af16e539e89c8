#include "core/kpi.h"

#include <algorithm>
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

int MonthsElapsed(Date asOf) {
  int m = asOf.month();
  return asOf == asOf.end_of_month() ? m : m - 1;
}

std::vector<AnnualFigures> AnnualFiguresOf(const Portfolio& pf, YearMonth month) {
  std::unordered_map<Id, size_t> at;
  std::vector<AnnualFigures> out(pf.projects.size());
  for (size_t i = 0; i < pf.projects.size(); ++i) at[pf.projects[i].id] = i;
  for (const auto& a : pf.plans)
    if (auto it = at.find(a.projectId); it != at.end() && a.year == month.year())
      out[it->second].plan = a.amount;
  const YearMonth january(month.year(), 1);
  struct Latest {
    const ProgressEntry *now = nullptr, *before = nullptr;
  };
  std::vector<Latest> latest(pf.projects.size());
  for (const auto& e : pf.progress) {
    auto it = at.find(e.projectId);
    if (it == at.end() || month < e.month) continue;
    Latest& l = latest[it->second];
    if (!l.now || l.now->month < e.month) l.now = &e;
    if (e.month < january && (!l.before || l.before->month < e.month)) l.before = &e;
  }
  for (size_t i = 0; i < out.size(); ++i) {
    const Latest& l = latest[i];
    Money now = l.now ? l.now->invested : Money(), before = l.before ? l.before->invested : Money();
    out[i].ytdInvested = now - before;
  }
  return out;
}

std::string Kpis::AnnualSentence() const {
  auto done = investmentRate.Tenths();
  if (!done) return "";
  int64_t time = *TimeElapsed().Tenths();
  int64_t diff = *done - time;
  std::string s = "完成年度计划" + FormatFixed(*done, 1) + "%";
  if (diff == 0) return s + "，与时间进度持平";
  return s + (diff < 0 ? "，慢于时间进度" : "，快于时间进度") + FormatFixed(diff < 0 ? -diff : diff, 1) + "个百分点";
}

Kpis ComputeKpis(const Portfolio& pf, Date asOf) {
  Kpis k;
  k.year = asOf.year();
  k.monthsElapsed = MonthsElapsed(asOf);
  for (const auto& p : pf.projects) {
    if (p.plannedStart && p.plannedStart->year() == k.year) {
      ++k.startRate.denominator;
      if (p.actualStart && *p.actualStart <= asOf) ++k.startRate.numerator;
    }
    if (p.plannedFinish && p.plannedFinish->year() == k.year) {
      ++k.onTimeRate.denominator;
      if (p.actualFinish && *p.actualFinish <= *p.plannedFinish) ++k.onTimeRate.numerator;
    }
  }
  YearMonth through(k.year, std::max(k.monthsElapsed, 1));
  if (k.monthsElapsed == 0) through = YearMonth(k.year, 1);
  for (const auto& f : AnnualFiguresOf(pf, through)) {
    if (!f.plan) continue;
    k.investmentRate.denominator += f.plan->fen();
    if (k.monthsElapsed > 0) k.investmentRate.numerator += f.ytdInvested.fen();
  }
  for (const auto& a : pf.allocations)
    if (a.date <= asOf) k.fundsReceivedRate.denominator += a.amount.fen();
  for (const auto& r : pf.receipts)
    if (r.date <= asOf) k.fundsReceivedRate.numerator += r.amount.fen();
  return k;
}

}  // namespace sb

// Progress (形象进度) against the schedule and against itself.
#include "core/rules/context.h"

#include "core/kpi.h"
#include "core/schedule.h"

namespace sb::rules {

void BehindSchedule(RuleContext& c) {
  const Project& p = c.project;
  if (c.WorksFinished()) return;
  // The same 序时进度 the monthly report prints (rounded to 0.1%), so the figures in the
  // warning are the ones the clerk sees in the table.
  std::optional<Percent> expected = SchedulePercent(p, c.asOf);
  if (!expected || !(*p.plannedStart < c.asOf)) return;
  Percent pct = c.LatestPercent();
  int64_t behind = int64_t{expected->tenths()} - pct.tenths();
  if (behind <= c.rs.behindSchedulePoints * 10) return;
  Finding& f = c.Add(
      "BEHIND_SCHEDULE", Severity::Warning,
      "计划" + Day(*p.plannedStart) + "开工、" + Day(*p.plannedFinish) + "竣工，截至" + Day(c.asOf) +
          "序时进度" + Pct(*expected) + "，形象进度" + Pct(pct) + "，落后" + FormatFixed(behind, 1) +
          "个百分点（允许" + std::to_string(c.rs.behindSchedulePoints) + "个）。",
      "序时进度 = 计划开工至计划竣工已过时间的比例；县设置 " +
          std::string(kSetBehindSchedulePoints) + "=" + std::to_string(c.rs.behindSchedulePoints));
  f.percent = pct;
  f.expected = expected;
  f.date = p.plannedStart;
  f.deadline = p.plannedFinish;
}

void BehindAnnualPlan(RuleContext& c) {
  if (c.Closed()) return;
  const int year = c.asOf.year();
  const int n = MonthsElapsed(c.asOf);
  if (n == 0) return;
  const AnnualPlan* plan = nullptr;
  for (const AnnualPlan* a : c.rows.plans)
    if (a->year == year) plan = a;
  if (!plan || plan->amount.fen() <= 0) return;
  // 本年（1–N月）完成投资, as core/kpi.h counts it for the 四率.
  const YearMonth through(year, n), january(year, 1);
  const ProgressEntry *now = nullptr, *before = nullptr;
  for (const ProgressEntry* e : c.rows.progress) {
    if (!(through < e->month)) now = e;
    if (e->month < january) before = e;
  }
  Money ytd = (now ? now->invested : Money()) - (before ? before->invested : Money());
  int64_t done = *Ratio{ytd.fen(), plan->amount.fen()}.Tenths();
  int64_t time = *Ratio{n, 12}.Tenths();
  int64_t behind = time - done;
  if (behind <= c.rs.behindAnnualPlanPoints * 10) return;
  Finding& f = c.Add(
      "BEHIND_ANNUAL_PLAN", Severity::Warning,
      std::to_string(year) + "年计划投资" + Wan(plan->amount) + "，1–" + std::to_string(n) + "月完成投资" + Wan(ytd) +
          "，完成年度计划" + FormatFixed(done, 1) + "%，慢于时间进度（" + FormatFixed(time, 1) + "%）" +
          FormatFixed(behind, 1) + "个百分点（允许" + std::to_string(c.rs.behindAnnualPlanPoints) + "个）。",
      "年度投资计划按时间进度考核；县设置 " + std::string(kSetBehindAnnualPlanPoints) + "=" +
          std::to_string(c.rs.behindAnnualPlanPoints));
  f.amount = plan->amount.MulDiv(time, 1000) - ytd;
  f.actual = ytd;
  f.limit = plan->amount;
}

void Stalled(RuleContext& c) {
  if (c.project.status != ProjectStatus::UnderConstruction) return;
  if (c.LatestPercent().tenths() >= 1000) return;
  const ProgressEntry* lastRise = nullptr;
  int prev = 0;
  for (const ProgressEntry* e : c.rows.progress) {
    if (e->percent.tenths() > prev) lastRise = e;
    prev = e->percent.tenths();
  }
  Date since;
  std::string from;
  if (lastRise) {
    since = lastRise->month.LastDay();
    from = "自" + lastRise->month.FormatChinese() + "（" + Pct(lastRise->percent) + "）以来";
  } else if (c.project.actualStart) {
    since = *c.project.actualStart;
    from = "自" + Day(since) + "开工以来";
  } else {
    return;
  }
  int n = static_cast<int>(c.rs.stalledMonths);
  // From a month's report, count whole months: March's report stalls after June's end.
  Date deadline = lastRise ? AddMonths(lastRise->month.FirstDay(), n).end_of_month()
                           : AddMonths(since, n);
  if (!(deadline < c.asOf)) return;
  Finding& f = c.Add("STALLED", Severity::Warning,
                     "项目在建，形象进度" + from + "已超过" + std::to_string(n) + "个月没有增长（目前" +
                         Pct(c.LatestPercent()) + "）。",
                     "县设置 " + std::string(kSetStalledMonths) + "=" + std::to_string(n) +
                         "：在建项目连续" + std::to_string(n) + "个月形象进度无增长即为停滞");
  f.percent = c.LatestPercent();
  f.date = since;
  f.deadline = deadline;
  f.daysLate = static_cast<int>((c.asOf - deadline).days());
}

void ProgressDecreased(RuleContext& c) {
  const ProgressEntry* prev = nullptr;
  for (const ProgressEntry* e : c.rows.progress) {
    if (prev && e->percent < prev->percent) {
      std::string problems = Trim(e->problems);
      Finding& f = c.Add(
          "PROGRESS_DECREASED", problems.empty() ? Severity::Warning : Severity::Notice,
          e->month.FormatChinese() + "形象进度" + Pct(e->percent) + "，低于上次填报（" +
              prev->month.FormatChinese() + "）的" + Pct(prev->percent) +
              (problems.empty() ? "，且未在“存在问题”中说明原因。" : "；说明：" + problems),
          "形象进度只增不减；确需下调的应在当月“存在问题”中说明原因");
      f.percent = e->percent;
      f.expected = prev->percent;
      f.date = e->month.FirstDay();
    }
    prev = e;
  }
}

}  // namespace sb::rules

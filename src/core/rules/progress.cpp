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
      Tr("计划%s开工、%s竣工，截至%s序时进度%s，形象进度%s，落后%s个百分点（允许%s个）。", Day(*p.plannedStart).c_str(),
         Day(*p.plannedFinish).c_str(), Day(c.asOf).c_str(), Pct(*expected).c_str(), Pct(pct).c_str(),
         FormatFixed(behind, 1).c_str(), Num(c.rs.behindSchedulePoints).c_str()),
      Tr("序时进度 = 计划开工至计划竣工已过时间的比例；县设置 %s=%s", kSetBehindSchedulePoints,
         Num(c.rs.behindSchedulePoints).c_str()));
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
      Tr("%s年计划投资%s，1–%s月完成投资%s，完成年度计划%s%%，慢于时间进度（%s%%）%s个百分点（允许%s个）。",
         Num(year).c_str(), Wan(plan->amount).c_str(), Num(n).c_str(), Wan(ytd).c_str(), FormatFixed(done, 1).c_str(),
         FormatFixed(time, 1).c_str(), FormatFixed(behind, 1).c_str(), Num(c.rs.behindAnnualPlanPoints).c_str()),
      Tr("年度投资计划按时间进度考核；县设置 %s=%s", kSetBehindAnnualPlanPoints,
         Num(c.rs.behindAnnualPlanPoints).c_str()));
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
    from = Tr("自%s（%s）以来", Month(lastRise->month).c_str(), Pct(lastRise->percent).c_str());
  } else if (c.project.actualStart) {
    since = *c.project.actualStart;
    from = Tr("自%s开工以来", Day(since).c_str());
  } else {
    return;
  }
  int n = static_cast<int>(c.rs.stalledMonths);
  // From a month's report, count whole months: March's report stalls after June's end.
  Date deadline = lastRise ? AddMonths(lastRise->month.FirstDay(), n).end_of_month()
                           : AddMonths(since, n);
  if (!(deadline < c.asOf)) return;
  Finding& f = c.Add("STALLED", Severity::Warning,
                     Tr("项目在建，形象进度%s已超过%s个月没有增长（目前%s）。", from.c_str(), Num(n).c_str(),
                        Pct(c.LatestPercent()).c_str()),
                     Tr("县设置 %s=%s：在建项目连续%s个月形象进度无增长即为停滞", kSetStalledMonths, Num(n).c_str(),
                        Num(n).c_str()));
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
          Tr("%s形象进度%s，低于上次填报（%s）的%s", Month(e->month).c_str(), Pct(e->percent).c_str(),
             Month(prev->month).c_str(), Pct(prev->percent).c_str()) +
              (problems.empty() ? Tr("，且未在“存在问题”中说明原因。") : Tr("；说明：%s", problems.c_str())),
          Tr("形象进度只增不减；确需下调的应在当月“存在问题”中说明原因"));
      f.percent = e->percent;
      f.expected = prev->percent;
      f.date = e->month.FirstDay();
    }
    prev = e;
  }
}

}  // namespace sb::rules

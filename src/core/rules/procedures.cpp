// Pre-construction procedures (前期手续) and the building permit.
#include "core/rules/context.h"

#include "core/schedule.h"

namespace sb::rules {

void NoPermitStart(RuleContext& c) {
  if (!c.Started()) return;
  std::vector<std::string> missing;
  for (const auto& t : c.pf.procedureTemplate)
    if (t.requiredBeforeStart && !Settled(c.StatusOf(&t))) missing.push_back(t.name);
  if (missing.empty()) return;
  std::string how = c.project.actualStart
      ? "已于" + Day(*c.project.actualStart) + "开工"
      : "已填报形象进度" + Pct(c.LatestPercent());
  Finding& f = c.Add("NO_PERMIT_START", Severity::Error,
                     "项目" + how + "，但开工前应办结的手续尚未办结：" + Join(missing, "、") +
                         "，属手续不全（无证）施工。",
                     "《中华人民共和国建筑法》第七条：开工前应领取施工许可证；前期手续模板中标为开工前须办结的手续");
  f.date = c.project.actualStart;
  if (!c.project.actualStart) f.percent = c.LatestPercent();
}

void ProcedureOverdue(RuleContext& c) {
  if (c.Closed()) return;
  for (const auto& t : c.pf.procedureTemplate) {
    const ProcedureStep* s = c.Step(&t);
    if (!s || !s->plannedDate || Settled(s->status) || !(*s->plannedDate < c.asOf)) continue;
    int late = static_cast<int>((c.asOf - *s->plannedDate).days());
    Finding& f = c.Add("PROCEDURE_OVERDUE", Severity::Warning,
                       "前期手续“" + t.name + "”计划" + Day(*s->plannedDate) + "办结，目前" +
                           std::string(Name(s->status)) + "，已逾期" + std::to_string(late) + "天。",
                       "项目前期手续计划（计划办结日期）");
    f.stepTemplateId = t.id;
    f.date = s->plannedDate;
    f.deadline = s->plannedDate;
    f.daysLate = late;
  }
}

void PermitNotStarted(RuleContext& c) {
  std::optional<Date> issued = c.DoneOn(kStepBuildingPermit);
  if (!issued || c.Started()) return;
  Date deadline = AddMonths(*issued, static_cast<int>(c.rs.permitStartMonths));
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "PERMIT_NOT_STARTED", Severity::Warning,
      "施工许可证已于" + Day(*issued) + "领取，应在" + Day(deadline) + "前开工，至今未开工，已超过" +
          std::to_string(late) + "天；应申请延期，否则许可证自行废止。",
      "《中华人民共和国建筑法》第九条：自领取施工许可证之日起三个月内开工，因故不能按期开工的应申请延期；县设置 " +
          std::string(kSetPermitStartMonths) + "=" + std::to_string(c.rs.permitStartMonths));
  const ProcedureTemplateStep* t = c.Template(kStepBuildingPermit);
  f.stepTemplateId = t->id;
  f.date = issued;
  f.deadline = deadline;
  f.daysLate = late;
}

}  // namespace sb::rules

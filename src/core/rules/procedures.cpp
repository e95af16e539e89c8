// Pre-construction procedures (前期手续) and the building permit.
#include "core/rules/context.h"

#include "core/schedule.h"

namespace sb::rules {

namespace {
// A permit marked 不适用 stands only for works the exemption covers (施工许可管理办法
// 第二条: 30万元 or 300㎡ and below, county settings). An area of 0 is not entered.
std::optional<std::string> PermitWronglyExempt(const RuleContext& c) {
  Money works = c.pos.budgetByCategory[static_cast<size_t>(CostCategory::Construction)];
  Money limit = Money::FromFen(c.rs.permitExemptWan * 1000000);
  bool smallWorks = works <= limit;
  bool smallArea = c.project.floorArea.centi() > 0 && c.project.floorArea.centi() <= c.rs.permitExemptM2 * 100;
  if (smallWorks || smallArea) return std::nullopt;
  return Tr("施工许可证标为“不适用”，但建安工程概算%s", Wan(works).c_str()) +
         (c.project.floorArea.centi() > 0 ? Tr("、建筑面积%s㎡", c.project.floorArea.Format().c_str()) : std::string()) +
         Tr("，不在豁免范围内（%s万元或%s㎡以下可不办理）", Num(c.rs.permitExemptWan).c_str(),
            Num(c.rs.permitExemptM2).c_str());
}
}  // namespace

void NoPermitStart(RuleContext& c) {
  if (!c.Started()) return;
  std::vector<std::string> missing;
  bool permitMissing = false;
  std::string exemptNote;
  // 招标 is required only of a project with a contract that must be tendered.
  const bool tenderNeeded = TenderNeeded(c);
  for (const auto& t : c.pf.procedureTemplate) {
    if (!t.requiredBeforeStart) continue;
    if (t.name == kStepTender && !tenderNeeded) continue;
    StepStatus st = c.StatusOf(&t);
    bool isPermit = t.name == kStepBuildingPermit;
    if (isPermit && st == StepStatus::NotApplicable)
      if (auto why = PermitWronglyExempt(c)) {
        exemptNote = *why;
        st = StepStatus::NotStarted;
      }
    if (Settled(st)) continue;
    missing.push_back(Tr(t.name.c_str()));
    permitMissing = permitMissing || isPermit;
  }
  if (missing.empty()) return;
  std::string how = c.project.actualStart
      ? Tr("已于%s开工", Day(*c.project.actualStart).c_str())
      : Tr("已填报形象进度%s", Pct(c.LatestPercent()).c_str());
  // 无证施工 is only the building permit (建筑法 第七条); any other step missing is
  // 未批先建 — not meeting the conditions to start (政府投资条例 第二十条).
  std::string what = permitMissing ? Tr("未取得施工许可证施工（无证施工）") : Tr("手续不全开工（未批先建）");
  std::string rule = permitMissing
      ? Tr("《中华人民共和国建筑法》第七条：建筑工程开工前，建设单位应当申请领取施工许可证")
      : Tr("《政府投资条例》第二十条：不符合建设条件的，不得开工建设");
  if (permitMissing && missing.size() > 1) rule += Tr("；《政府投资条例》第二十条：不符合建设条件的，不得开工建设");
  Finding& f = c.Add("NO_PERMIT_START", Severity::Error,
                     Tr("项目%s，但开工前应办结的手续尚未办结：%s，属%s。", how.c_str(), Items(missing).c_str(),
                        what.c_str()) +
                         (exemptNote.empty() ? "" : exemptNote + Tr("。")),
                     rule);
  f.title = permitMissing ? Tr("无证施工") : Tr("未批先建");
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
                       Tr("前期手续“%s”计划%s办结，目前%s，已逾期%s天。", Tr(t.name.c_str()).c_str(),
                          Day(*s->plannedDate).c_str(), Named(s->status).c_str(), Num(late).c_str()),
                       Tr("项目前期手续计划（计划办结日期）"));
    f.stepTemplateId = t.id;
    f.date = s->plannedDate;
    f.deadline = s->plannedDate;
    f.daysLate = late;
  }
}

void PermitNotStarted(RuleContext& c) {
  std::optional<Date> issued = c.DoneOn(kStepBuildingPermit);
  if (!issued || c.Started()) return;
  // Each extension recorded on the step (at most two) adds another period.
  const ProcedureStep* step = c.Step(c.Template(kStepBuildingPermit));
  const int extensions = step ? step->extensions : 0;
  const int months = static_cast<int>(c.rs.permitStartMonths) * (1 + extensions);
  Date deadline = AddMonths(*issued, months);
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  std::string extended = extensions > 0 ? Tr("（已延期%s次）", Num(extensions).c_str()) : std::string();
  std::string next = extensions < kMaxPermitExtensions ? Tr("；应申请延期，否则许可证自行废止。")
                                                       : Tr("；延期已满两次，许可证自行废止，应重新领取。");
  Finding& f = c.Add(
      "PERMIT_NOT_STARTED", Severity::Warning,
      Tr("施工许可证已于%s领取%s，应在%s前开工，至今未开工，已超过%s天", Day(*issued).c_str(), extended.c_str(),
         Day(deadline).c_str(), Num(late).c_str()) +
          next,
      Tr("《中华人民共和国建筑法》第九条：自领取施工许可证之日起三个月内开工，因故不能按期开工的应申请延期，"
         "延期以两次为限，每次不超过三个月；县设置 %s=%s",
         kSetPermitStartMonths, Num(c.rs.permitStartMonths).c_str()));
  const ProcedureTemplateStep* t = c.Template(kStepBuildingPermit);
  f.stepTemplateId = t->id;
  f.date = issued;
  f.deadline = deadline;
  f.daysLate = late;
}

}  // namespace sb::rules

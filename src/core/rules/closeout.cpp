// Close-out: settlement audit and final accounts after completion.
#include "core/rules/context.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include "core/schedule.h"

namespace sb::rules {

void SettlementOverdue(RuleContext& c) {
  std::optional<Date> accepted = c.DoneOn(kStepAcceptance);
  if (!accepted || c.StepSettled(kStepSettlementAudit)) return;
  // The limits go by the size of the works; without works contracts, by all contracts,
  // and failing those by the approved budget.
  Money size;
  for (size_t ci : c.pos.contracts)
    if (c.ContractAt(ci).kind == ContractKind::Works)
      size += c.ContractAt(ci).amount;
  std::string basis = Tr("施工合同额");
  if (size.IsZero()) {
    size = c.pos.contractsTotal;
    basis = Tr("合同总额");
  }
  if (size.IsZero()) {
    size = c.pos.budget;
    basis = Tr("概算总投资");
  }
  int days = c.rs.SettlementDaysFor(size);
  Date deadline = *accepted + boost::gregorian::days(days);
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "SETTLEMENT_OVERDUE", Severity::Warning,
      Tr("项目于%s竣工验收，%s%s，结算审核应在%s天内（%s前）办结，至今未办结，已逾期%s天。", Day(*accepted).c_str(),
         basis.c_str(), Wan(size).c_str(), Num(days).c_str(), Day(deadline).c_str(), Num(late).c_str()),
      Tr("《建设工程价款结算暂行办法》（财建〔2004〕369号）第十四条：结算审查期限按金额500万元以下（含）20天、"
         "500万–2000万元（含）30天、2000万–5000万元（含）45天、5000万元以上60天（本工具自竣工验收日起算）；县设置 %s=%s",
         kSetSettlementDays, c.rs.settlementDaysText.c_str()));
  if (const ProcedureTemplateStep* t = c.Template(kStepSettlementAudit)) f.stepTemplateId = t->id;
  f.actual = size;
  f.date = accepted;
  f.deadline = deadline;
  f.daysLate = late;
}

void AccountsOverdue(RuleContext& c) {
  if (c.StepSettled(kStepFinalAccounts)) return;
  std::optional<Date> finished = c.project.actualFinish;
  if (!finished) finished = c.DoneOn(kStepAcceptance);
  if (!finished) return;
  int n = static_cast<int>(c.rs.accountsMonths);
  Date deadline = AddMonths(*finished, n);
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "ACCOUNTS_OVERDUE", Severity::Warning,
      Tr("项目于%s完工，应在%s个月内（%s前）编报竣工财务决算，至今未办结，已逾期%s天。", Day(*finished).c_str(),
         Num(n).c_str(), Day(deadline).c_str(), Num(late).c_str()),
      Tr("《基本建设项目竣工财务决算管理暂行办法》（财建〔2016〕503号）第二条：项目完工后3个月内编报竣工财务决算，"
         "特殊情况确需延长的，中小型项目不超过2个月、大型项目不超过6个月；县设置 %s=%s",
         kSetAccountsMonths, Num(n).c_str()));
  if (const ProcedureTemplateStep* t = c.Template(kStepFinalAccounts)) f.stepTemplateId = t->id;
  f.date = finished;
  f.deadline = deadline;
  f.daysLate = late;
}

}  // namespace sb::rules

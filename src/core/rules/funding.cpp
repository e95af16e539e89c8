// Funding: gaps, eligibility of each fund, money paid beyond what arrived, the 概算.
#include "core/rules/context.h"

#include "core/schedule.h"

namespace sb::rules {

void FundingGap(RuleContext& c) {
  if (c.Closed() || c.gap.totalGap.fen() <= 0) return;
  Finding& f = c.Add("FUNDING_GAP", c.FundingSeverity(),
                     "概算总投资" + Wan(c.gap.budget) + "，各来源已下达" + Wan(c.gap.funds) +
                         "（已到位" + Wan(c.pos.received) + "），资金缺口" +
                         Wan(c.gap.totalGap) + "。",
                     "资金缺口 = 批复概算 − 各资金来源已下达资金；项目建设资金应足额落实");
  f.amount = c.gap.totalGap;
  f.actual = c.gap.funds;
  f.limit = c.gap.budget;
}

void CategoryGap(RuleContext& c) {
  if (c.Closed()) return;
  for (const auto& g : c.gap.categories) {
    if (g.uncovered.fen() <= 0) continue;
    std::vector<std::string> able;
    for (const auto& u : c.gap.sources) {
      const FundingSource* s = c.Source(u.sourceId);
      if (s && s->eligible.Contains(g.category) && u.amount.fen() > 0)
        able.push_back(s->name + Wan(u.amount));
    }
    std::string why = able.empty()
        ? "本项目已下达的资金中没有可用于" + Cat(g.category) + "的来源。"
        : "本项目可用于" + Cat(g.category) + "的只有：" + Join(able, "、") +
              "，其余来源不得用于" + Cat(g.category) + "。";
    Finding& f = c.Add("CATEGORY_GAP", c.FundingSeverity(),
                       Cat(g.category) + "概算" + Wan(g.budget) + "，按各资金来源的允许用途分配后只有" +
                           Wan(g.covered) + "有资金可付，缺口" + Wan(g.uncovered) + "；" + why,
                       "专款专用：各资金来源只能用于下达文件允许的费用类别（资金来源的“可用于”设置），"
                       "按缺口最小的方式分配");
    f.category = g.category;
    f.amount = g.uncovered;
    f.actual = g.covered;
    f.limit = g.budget;
  }
}

void IneligiblePayment(RuleContext& c) {
  for (const auto& [p, net] : c.rows.originals) {
    if (net.fen() <= 0) continue;
    const FundingSource* s = c.Source(p->sourceId);
    if (!s || s->eligible.Contains(p->category)) continue;
    std::string uses = s->eligible.Empty() ? "（未设置任何可用类别）" : s->eligible.Format();
    Finding& f = c.Add(
        "INELIGIBLE_PAYMENT", Severity::Error,
        "凭证号" + p->voucher + "（" + Day(p->date) + "）从“" + s->name + "”拨付" +
            Cat(p->category) + Wan(net) + "，该资金只能用于" + uses + "。",
        "专款专用：资金来源“" + s->name + "”" + (s->docNo.empty() ? "" : "（" + s->docNo + "）") +
            "允许用途为" + uses);
    f.paymentId = p->id;
    f.contractId = p->contractId;
    f.sourceId = s->id;
    f.category = p->category;
    f.amount = net;
    f.date = p->date;
  }
}

void SourceOverdrawn(RuleContext& c) {
  for (Id sid : c.ix.InSourceOrder(c.pos.paidBySource)) {
    Money paid = c.pos.paidBySource.at(sid);
    auto r = c.pos.receivedBySource.find(sid);
    Money received = r == c.pos.receivedBySource.end() ? Money() : r->second;
    if (paid <= received) continue;
    Finding& f = c.Add("SOURCE_OVERDRAWN", Severity::Error,
                       "“" + c.SourceName(sid) + "”为本项目到位" + Wan(received) + "，已拨付" +
                           Wan(paid) + "，超出到位资金" + Wan(paid - received) + "。",
                       "拨付以该资金来源实际到位的资金为限，不得超到位支付");
    f.sourceId = sid;
    f.amount = paid - received;
    f.actual = paid;
    f.limit = received;
  }
}

void OverBudget(RuleContext& c) {
  const std::string rule =
      "《政府投资条例》第二十三条：建设投资原则上不得超过经核定的投资概算，确需增加的应报原审批部门核定";
  // Without any budget line the 概算 is simply not entered yet: one finding says so,
  // rather than one per category against zero.
  for (size_t i = 0; c.pos.hasBudget && i < kCostCategoryCount; ++i) {
    Money budget = c.pos.budgetByCategory[i], contracts = c.pos.contractsByCategory[i],
          paid = c.pos.paidByCategory[i];
    Money used = Max(contracts, paid);
    if (used <= budget) continue;
    CostCategory cat = EnumAt<CostCategory>(i);
    Finding& f = c.Add("OVER_BUDGET", Severity::Error,
                       Cat(cat) + "概算" + Wan(budget) + "，合同合计" + Wan(contracts) + "、已拨付" +
                           Wan(paid) + "，超出概算" + Wan(used - budget) + "。",
                       rule);
    f.category = cat;
    f.amount = used - budget;
    f.actual = used;
    f.limit = budget;
  }
  Money used = Max(c.pos.contractsTotal, c.pos.paid);
  if (used > c.pos.budget) {
    std::string head = c.pos.hasBudget ? "项目概算总投资" + Wan(c.pos.budget)
                                         : std::string("项目尚未录入概算");
    Finding& f = c.Add("OVER_BUDGET", Severity::Error,
                       head + "，合同合计" +
                           Wan(c.pos.contractsTotal) + "、已拨付" + Wan(c.pos.paid) +
                           (c.pos.hasBudget ? "，超出概算总投资" + Wan(used - c.pos.budget) + "。"
                                              : std::string("，请先录入批复概算。")),
                       rule);
    f.amount = used - c.pos.budget;
    f.actual = used;
    f.limit = c.pos.budget;
  }
}

}  // namespace sb::rules

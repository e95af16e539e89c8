// Funding: gaps, eligibility of each fund, money paid beyond what arrived, the 概算.
#include "core/rules/context.h"

#include "core/schedule.h"

namespace sb::rules {

std::vector<IdleMoney> IdleOfProject(const Project& project, const ProjectPosition& pos, const ProjectRows& rows,
                                     const Index& ix, const RuleSettings& rs, Date asOf) {
  std::vector<IdleMoney> out;
  if (project.status == ProjectStatus::Closed) return out;
  const Date cutoff = AddMonths(asOf, -static_cast<int>(rs.idleMonths));
  const Date twoYears = AddMonths(asOf, -24);
  for (Id sid : ix.InSourceOrder(pos.receivedBySource)) {
    IdleMoney m;
    m.projectId = project.id;
    m.sourceId = sid;
    Money older;
    std::optional<Date> first;
    for (const Receipt* r : rows.receipts) {
      // "More than N months ago": received before the same day N months back.
      if (r->sourceId != sid || !(r->date < cutoff)) continue;
      m.old += r->amount;
      if (r->date < twoYears) older += r->amount;
      if (!first || r->date < *first) first = r->date;
    }
    if (m.old.fen() <= 0) continue;
    auto p = pos.paidBySource.find(sid);
    m.paid = Max(p == pos.paidBySource.end() ? Money() : p->second, Money());
    // Less than the setting's share of the old money paid: it has been lying idle.
    if (m.paid.MulDiv(100, 1).fen() >= m.old.MulDiv(rs.idlePaidPercent, 1).fen()) continue;
    m.idle = m.old - Min(m.paid, m.old);
    m.olderThanTwoYears = Max(older - m.paid, Money());
    m.since = *first;
    out.push_back(m);
  }
  return out;
}

void FundingGap(RuleContext& c) {
  if (c.Closed() || c.gap.totalGap.fen() <= 0) return;
  Finding& f = c.Add("FUNDING_GAP", c.FundingSeverity(),
                     Tr("概算总投资%s，各来源已下达%s（已到位%s），资金缺口%s。", Wan(c.gap.budget).c_str(),
                        Wan(c.gap.funds).c_str(), Wan(c.pos.received).c_str(), Wan(c.gap.totalGap).c_str()),
                     Tr("《政府投资条例》第二十二条：政府投资项目所需资金应当按照国家有关规定确保落实到位；"
                        "资金缺口 = 批复概算 − 各资金来源已下达（已落实）资金"));
  f.amount = c.gap.totalGap;
  f.actual = c.gap.funds;
  f.limit = c.gap.budget;
}

void CategoryGap(RuleContext& c) {
  if (c.Closed()) return;
  for (const auto& g : c.gap.categories) {
    if (g.uncovered.fen() <= 0) continue;
    // The sources that could pay this category are already spent on others: say where
    // their money went, so the clerk sees what re-allocating would take.
    std::vector<std::string> used;
    for (const auto& u : c.gap.sources) {
      const FundingSource* s = c.Source(u.sourceId);
      if (!s || !s->eligible.Contains(g.category) || u.amount.fen() <= 0) continue;
      std::vector<std::string> parts;
      for (size_t k = 0; k < kCostCategoryCount; ++k)
        if (EnumAt<CostCategory>(k) != g.category && u.toCategory[k].fen() > 0)
          // TRANSLATORS: a cost category and the amount a source gave it: 建安工程100.00万元.
          parts.push_back(Tr("%s%s", Cat(EnumAt<CostCategory>(k)).c_str(), Wan(u.toCategory[k]).c_str()));
      Money here = u.toCategory[static_cast<size_t>(g.category)];
      used.push_back(Tr("%s%s", s->name.c_str(), Wan(u.amount).c_str()) +
                     (here.fen() > 0 ? Tr("（本类已用%s）", Wan(here).c_str()) : "") +
                     (parts.empty() ? "" : Tr("已用于%s", Items(parts).c_str())));
    }
    std::string why = used.empty()
        ? Tr("本项目已下达的资金中没有可用于%s的来源。", Cat(g.category).c_str())
        // TRANSLATORS: the separator between the sources listed (；).
        : Tr("可用于%s的来源已分配：%s；其余来源不得用于%s。", Cat(g.category).c_str(), Join(used, Tr("；")).c_str(),
             Cat(g.category).c_str());
    Finding& f = c.Add("CATEGORY_GAP", c.FundingSeverity(),
                       Tr("%s概算%s，按各资金来源的允许用途分配后只有%s有资金可付，缺口%s；", Cat(g.category).c_str(),
                          Wan(g.budget).c_str(), Wan(g.covered).c_str(), Wan(g.uncovered).c_str()) +
                           why,
                       Tr("专款专用：各资金来源只能用于下达文件允许的费用类别（资金来源的“可用于”设置），"
                          "按缺口最小的方式分配"));
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
    std::string uses = s->eligible.Empty() ? Tr("（未设置任何可用类别）") : Categories(s->eligible);
    Finding& f = c.Add(
        "INELIGIBLE_PAYMENT", Severity::Error,
        Tr("凭证号%s（%s）从“%s”拨付%s%s，该资金只能用于%s。", p->voucher.c_str(), Day(p->date).c_str(),
           s->name.c_str(), Cat(p->category).c_str(), Wan(net).c_str(), uses.c_str()),
        Tr("专款专用：资金来源“%s”%s允许用途为%s", s->name.c_str(),
           (s->docNo.empty() ? std::string() : Tr("（%s）", s->docNo.c_str())).c_str(), uses.c_str()));
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
                       Tr("“%s”为本项目到位%s，已拨付%s，超出到位资金%s。", c.SourceName(sid).c_str(),
                          Wan(received).c_str(), Wan(paid).c_str(), Wan(paid - received).c_str()),
                       Tr("拨付以该资金来源实际到位的资金为限，不得超到位支付"));
    f.sourceId = sid;
    f.amount = paid - received;
    f.actual = paid;
    f.limit = received;
  }
}

void IdleFunds(RuleContext& c) {
  for (const IdleMoney& m : IdleOfProject(c.project, c.pos, c.rows, c.ix, c.rs, c.asOf)) {
    int months = (c.asOf.year() - m.since.year()) * 12 + (c.asOf.month() - m.since.month());
    Percent share = Percent::FromTenths(static_cast<int>(m.paid.MulDiv(1000, m.old.fen()).fen()));
    std::string twoYearNote;
    if (m.olderThanTwoYears.fen() > 0)
      twoYearNote = Tr("其中%s到位已超过两年仍未支付，按规定可能被收回统筹使用。", Wan(m.olderThanTwoYears).c_str());
    Finding& f = c.Add(
        "IDLE_FUNDS", Severity::Warning,
        Tr("“%s”最早于%s到位，%s个月前到位的%s至今只支付%s（%s），%s已闲置约%s个月。", c.SourceName(m.sourceId).c_str(),
           Day(m.since).c_str(), Num(c.rs.idleMonths).c_str(), Wan(m.old).c_str(), Wan(m.paid).c_str(),
           Pct(share).c_str(), Wan(m.idle).c_str(), Num(months).c_str()) +
            twoYearNote,
        Tr("国务院办公厅关于进一步做好盘活财政存量资金工作的通知：结转两年以上的资金收回统筹使用；县设置 %s=%s，%s=%s",
           kSetIdleMonths, Num(c.rs.idleMonths).c_str(), kSetIdlePaidPercent, Num(c.rs.idlePaidPercent).c_str()));
    f.sourceId = m.sourceId;
    f.amount = m.idle;
    f.actual = m.paid;
    f.limit = m.old.MulDiv(c.rs.idlePaidPercent, 100);
    f.date = m.since;
  }
}

void FundsNotArrived(RuleContext& c) {
  if (c.Closed()) return;
  const Date cutoff = AddMonths(c.asOf, -static_cast<int>(c.rs.notArrivedMonths));
  for (Id sid : c.ix.InSourceOrder(c.pos.committedBySource)) {
    Money old;
    std::optional<Date> first;
    for (const Allocation* a : c.rows.allocations) {
      if (a->sourceId != sid || !(a->date < cutoff)) continue;
      old += a->amount;
      if (!first || a->date < *first) first = a->date;
    }
    auto r = c.pos.receivedBySource.find(sid);
    Money received = r == c.pos.receivedBySource.end() ? Money() : r->second;
    if (old <= received) continue;
    Finding& f = c.Add(
        "FUNDS_NOT_ARRIVED", Severity::Warning,
        Tr("“%s”自%s起向本项目下达%s，超过%s个月仍有%s未到位（已到位%s）。", c.SourceName(sid).c_str(),
           Day(*first).c_str(), Wan(old).c_str(), Num(c.rs.notArrivedMonths).c_str(), Wan(old - received).c_str(),
           Wan(received).c_str()),
        Tr("《政府投资条例》第二十二条：政府投资项目所需资金应当按照国家有关规定确保落实到位；县设置 %s=%s",
           kSetNotArrivedMonths, Num(c.rs.notArrivedMonths).c_str()));
    f.sourceId = sid;
    f.amount = old - received;
    f.actual = received;
    f.limit = old;
    f.date = first;
  }
}

void OverBudget(RuleContext& c) {
  const std::string rule =
      Tr("《政府投资条例》第二十三条：建设投资原则上不得超过经核定的投资概算，确需增加的应报原审批部门核定");
  // Without any budget line the 概算 is simply not entered yet: one finding says so,
  // rather than one per category against zero. One category over while the total holds
  // is a warning (the contingency may absorb it); over the total is an error.
  Money usedTotal = Max(c.pos.contractsTotal, c.pos.paid);
  bool totalWithin = usedTotal <= c.pos.budget;
  const size_t reserve = static_cast<size_t>(CostCategory::Contingency);
  Money reserveLeft = c.pos.budgetByCategory[reserve] -
                      Max(c.pos.contractsByCategory[reserve], c.pos.paidByCategory[reserve]);
  for (size_t i = 0; c.pos.hasBudget && i < kCostCategoryCount; ++i) {
    Money budget = c.pos.budgetByCategory[i], contracts = c.pos.contractsByCategory[i],
          paid = c.pos.paidByCategory[i];
    Money used = Max(contracts, paid);
    if (used <= budget) continue;
    CostCategory cat = EnumAt<CostCategory>(i);
    std::string note = totalWithin
        ? Tr("项目总额仍在概算内，预备费尚余%s；调整应按规定报批。", Wan(Max(reserveLeft, Money())).c_str())
        : "";
    Finding& f = c.Add("OVER_BUDGET", totalWithin ? Severity::Warning : Severity::Error,
                       Tr("%s概算%s，合同合计%s、已拨付%s，超出概算%s。", Cat(cat).c_str(), Wan(budget).c_str(),
                          Wan(contracts).c_str(), Wan(paid).c_str(), Wan(used - budget).c_str()) +
                           note,
                       rule);
    f.category = cat;
    f.amount = used - budget;
    f.actual = used;
    f.limit = budget;
  }
  Money used = usedTotal;
  if (used > c.pos.budget) {
    std::string head = c.pos.hasBudget ? Tr("项目概算总投资%s", Wan(c.pos.budget).c_str()) : Tr("项目尚未录入概算");
    Finding& f = c.Add("OVER_BUDGET", Severity::Error,
                       head + Tr("，合同合计%s、已拨付%s", Wan(c.pos.contractsTotal).c_str(), Wan(c.pos.paid).c_str()) +
                           (c.pos.hasBudget ? Tr("，超出概算总投资%s。", Wan(used - c.pos.budget).c_str())
                                            : Tr("，请先录入批复概算。")),
                       rule);
    f.amount = used - c.pos.budget;
    f.actual = used;
    f.limit = c.pos.budget;
  }
}

}  // namespace sb::rules

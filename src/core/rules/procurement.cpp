// Procurement: contracts that must be tendered (必须招标的工程项目规定, 发改委令2018年第16号),
// alone or merged with the others of their kind in the project (化整为零).
#include "core/rules/context.h"

namespace sb::rules {

namespace {

std::string ThresholdRule(ContractKind kind, const RuleSettings& rs) {
  const char* key = TenderThresholdKey(kind);
  return std::string(key) + "=" + std::to_string(TenderThreshold(kind, rs)->fen() / 1000000);
}

bool Tendered(const Contract& k) { return k.procurement && IsTender(*k.procurement); }

// The contracts of one kind in the project that each stay below the threshold.
struct BelowThreshold {
  ContractKind kind = ContractKind::Works;
  Money threshold, sum, untenderedSum;
  std::vector<const Contract*> contracts, untendered;
};

std::vector<BelowThreshold> SmallContractsByKind(const RuleContext& c) {
  std::vector<BelowThreshold> out;
  for (size_t k = 0; k < EnumCount<ContractKind>(); ++k) {
    BelowThreshold g;
    g.kind = EnumAt<ContractKind>(k);
    auto threshold = TenderThreshold(g.kind, c.rs);
    if (!threshold) continue;
    g.threshold = *threshold;
    for (size_t ci : c.pos.contracts) {
      const Contract& ct = c.ContractAt(ci);
      if (ct.kind != g.kind || ct.amount >= g.threshold) continue;
      g.contracts.push_back(&ct);
      g.sum += ct.amount;
      if (!Tendered(ct)) {
        g.untendered.push_back(&ct);
        g.untenderedSum += ct.amount;
      }
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace

bool TenderNeeded(const RuleContext& c) {
  bool anyWorks = false;
  for (size_t ci : c.pos.contracts) {
    const Contract& ct = c.ContractAt(ci);
    anyWorks = anyWorks || ct.kind == ContractKind::Works;
    if (auto t = TenderThreshold(ct.kind, c.rs); t && ct.amount >= *t) return true;
  }
  for (const auto& g : SmallContractsByKind(c))
    if (g.contracts.size() > 1 && g.sum >= g.threshold) return true;
  // The works are still to be let: their budget says whether they must be tendered.
  Money works = c.pos.budgetByCategory[static_cast<size_t>(CostCategory::Construction)];
  return !anyWorks && works >= *TenderThreshold(ContractKind::Works, c.rs);
}

void TenderRequired(RuleContext& c) {
  for (size_t ci : c.pos.contracts) {
    const Contract& ct = c.ContractAt(ci);
    auto threshold = TenderThreshold(ct.kind, c.rs);
    if (!threshold || ct.amount < *threshold || Tendered(ct)) continue;
    const std::string head =
        Tr("%s达到必须招标的限额%s（以上含本数），", ContractLabel(ct).c_str(), Wan(*threshold).c_str());
    const std::string rule =
        Tr("《必须招标的工程项目规定》（国家发展改革委令2018年第16号）第五条：施工单项合同估算价400万元以上、"
           "重要设备材料等货物200万元以上、勘察设计监理等服务100万元以上的必须招标；“以上”含本数"
           "（《民法典》第一千二百五十九条）；县设置 %s",
           ThresholdRule(ct.kind, c.rs).c_str());
    Finding& f = ct.procurement
        ? c.Add("TENDER_REQUIRED", Severity::Error,
                head + Tr("采购方式却是“%s”，应当公开招标或邀请招标。", Named(*ct.procurement).c_str()), rule)
        : c.Add("TENDER_REQUIRED", Severity::Notice,
                head + Tr("未填写采购方式，无法确认是否依法招标；请填写采购方式和中标通知书编号。"), rule);
    f.contractId = ct.id;
    f.amount = ct.amount;
    f.actual = ct.amount;
    f.limit = *threshold;
  }
}

void TenderSplit(RuleContext& c) {
  for (const auto& g : SmallContractsByKind(c)) {
    // Merged they reach the threshold; tendered ones are no evasion.
    if (g.untendered.size() < 2 || g.untenderedSum < g.threshold) continue;
    std::vector<std::string> parts;
    for (const Contract* k : g.untendered)
      // TRANSLATORS: a contract in a list: its code, counterparty and amount.
      parts.push_back(Tr("%s（%s，%s）", k->code.c_str(), k->counterparty.c_str(), Wan(k->amount).c_str()));
    Finding& f = c.Add(
        "TENDER_SPLIT", Severity::Warning,
        Tr("本项目%s份%s合同每份都低于招标限额%s、均未招标，合计%s，达到限额，可能化整为零规避招标：%s。",
           Num(static_cast<int64_t>(g.untendered.size())).c_str(), Named(g.kind).c_str(), Wan(g.threshold).c_str(),
           Wan(g.untenderedSum).c_str(), Items(parts).c_str()),
        Tr("《必须招标的工程项目规定》（国家发展改革委令2018年第16号）第五条：同一项目中可以合并进行的勘察、设计、施工、"
           "监理以及与工程建设有关的重要设备、材料等的采购，合同估算价合计达到规定标准的，必须招标；"
           "《中华人民共和国招标投标法》第四条：不得将依法必须进行招标的项目化整为零规避招标；县设置 %s",
           ThresholdRule(g.kind, c.rs).c_str()));
    f.amount = g.untenderedSum;
    f.actual = g.untenderedSum;
    f.limit = g.threshold;
  }
}

}  // namespace sb::rules

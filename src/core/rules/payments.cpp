// Contracts and payments: the contract amount, certified work, retention, progress payments.
#include "core/rules/context.h"

#include <optional>
#include <tuple>

#include <boost/date_time/gregorian/gregorian.hpp>
#include "core/schedule.h"

namespace sb::rules {

std::string ContractLabel(const Contract& k) {
  return Tr("%s合同%s（%s，合同额%s）", Named(k.kind).c_str(), k.code.c_str(), k.counterparty.c_str(),
            Wan(k.amount).c_str());
}

void OverContract(RuleContext& c) {
  for (size_t ci : c.pos.contracts) {
    const ContractPosition& k = c.PositionAt(ci);
    const Contract& kc = c.ContractAt(ci);
    if (k.paid <= kc.amount) continue;
    Money excess = k.paid - kc.amount;
    Finding& f = c.Add("OVER_CONTRACT", Severity::Error,
                       Tr("%s已累计拨付%s，超出合同金额%s。", ContractLabel(kc).c_str(), Wan(k.paid).c_str(),
                          Wan(excess).c_str()),
                       Tr("拨付不得超过合同金额；有设计变更的应先签订补充协议调整合同金额"));
    f.contractId = kc.id;
    f.amount = excess;
    f.actual = k.paid;
    f.limit = kc.amount;
  }
}

void PayAheadOfProgress(RuleContext& c) {
  for (size_t ci : c.pos.contracts) {
    const ContractPosition& k = c.PositionAt(ci);
    const Contract& ct = c.ContractAt(ci);
    if (ct.kind != ContractKind::Works) continue;
    // The contract's own progress when it has any (several works contracts in one
    // project), else the project's (the ledger's k.percent).
    Percent pct = k.percent;
    Money certified = k.certified;
    // The advance is paid before any work and recovered from later progress payments,
    // so it is allowed on top of certified work up to the contract's advance rate; once
    // the contract says how it is recovered, only the part not yet recovered.
    Money advanceAllowed =
        Min(Max(k.advancePaid, Money()), ct.amount.MulDiv(ct.advanceRate.basisPoints(), 10000));
    Money recovered = AdvanceRecovered(ct, advanceAllowed, pct);
    advanceAllowed -= recovered;
    Money limit = certified + advanceAllowed;
    if (k.paid <= limit) continue;
    std::string when = k.ownPercentMonth ? Tr("%s本合同", Month(*k.ownPercentMonth).c_str())
                       : c.Latest()    ? Month(c.Latest()->month)
                                       : Tr("尚未填报进度，");
    Finding& f = c.Add(
        "PAY_AHEAD_OF_PROGRESS", Severity::Warning,
        Tr("%s：%s形象进度%s，已完工程价值%s；已累计拨付%s", ContractLabel(ct).c_str(), when.c_str(), Pct(pct).c_str(),
           Wan(certified).c_str(), Wan(k.paid).c_str()) +
            (k.advancePaid.IsZero() ? "" : Tr("（其中预付款%s）", Wan(k.advancePaid).c_str())) +
            (recovered.IsZero() ? "" : Tr("，预付款按合同应已扣回%s", Wan(recovered).c_str())) +
            Tr("，超进度拨付%s。", Wan(k.paid - limit).c_str()),
        Tr("《建设工程价款结算暂行办法》（财建〔2004〕369号）：进度款按已完工程价值（合同额×形象进度）拨付，"
           "预付款在进度款中扣回；合同约定的预付款（%s%%）",
           BpPercent(ct.advanceRate.basisPoints()).c_str()) +
            (ct.advanceRecoverFrom ? Tr("按合同自形象进度%s至%s均匀扣回，未扣回部分", Pct(*ct.advanceRecoverFrom).c_str(),
                                        Pct(*ct.advanceRecoverTo).c_str())
                                   : std::string()) +
            Tr("除外"));
    f.contractId = ct.id;
    f.amount = k.paid - limit;
    f.actual = k.paid;
    f.limit = limit;
    f.percent = pct;
  }
}

Money AdvanceRecovered(const Contract& ct, Money advance, Percent pct) {
  if (!ct.advanceRecoverFrom || !ct.advanceRecoverTo || advance.fen() <= 0) return Money();
  int from = ct.advanceRecoverFrom->tenths(), to = ct.advanceRecoverTo->tenths();
  if (pct.tenths() <= from) return Money();
  if (pct.tenths() >= to) return advance;
  return advance.MulDiv(pct.tenths() - from, to - from);
}

void PaymentBeforeContract(RuleContext& c) {
  for (const auto& [p, net] : c.rows.originals) {
    if (net.fen() <= 0 || !p->contractId) continue;
    auto it = c.ledger.contractAt.find(*p->contractId);
    if (it == c.ledger.contractAt.end()) continue;
    const Contract& ct = c.ContractAt(it->second);
    if (!ct.signedDate || !(p->date < *ct.signedDate)) continue;
    Finding& f = c.Add("PAYMENT_BEFORE_CONTRACT", Severity::Error,
                       Tr("凭证号%s于%s按%s拨付%s，但该合同%s才签订。", p->voucher.c_str(), Day(p->date).c_str(),
                          ContractLabel(ct).c_str(), Wan(net).c_str(), Day(*ct.signedDate).c_str()),
                       Tr("拨付应以已签订的合同为依据；合同签订前不得按合同付款"));
    f.paymentId = p->id;
    f.contractId = ct.id;
    f.amount = net;
    f.date = p->date;
    f.deadline = ct.signedDate;
  }
}

void PayeeMismatch(RuleContext& c) {
  for (const auto& [p, net] : c.rows.originals) {
    if (net.fen() <= 0 || !p->contractId) continue;
    auto it = c.ledger.contractAt.find(*p->contractId);
    if (it == c.ledger.contractAt.end()) continue;
    const Contract& ct = c.ContractAt(it->second);
    if (PayeeAccepted(p->payee, ct.counterparty)) continue;
    Finding& f = c.Add("PAYEE_MISMATCH", Severity::Error,
                       Tr("凭证号%s（%s）按%s拨付%s，收款单位却是“%s”，不是合同的施工单位。", p->voucher.c_str(),
                          Day(p->date).c_str(), ContractLabel(ct).c_str(), Wan(net).c_str(), p->payee.c_str()),
                       Tr("按合同付款应支付给合同相对方；拨入农民工工资专用账户的请在收款单位中写明"));
    f.paymentId = p->id;
    f.contractId = ct.id;
    f.amount = net;
    f.date = p->date;
  }
}

}  // namespace sb::rules

namespace sb {
namespace {
// Payee and counterparty compared as written by different clerks: no spaces, narrow forms.
std::string Party(std::string_view s) { return StripSpaces(NarrowFullWidth(s)); }
}  // namespace

bool PayeeAccepted(std::string_view payee, std::string_view counterparty) {
  // As written on the contract (the common case, checked for every payment and its
  // contract): the same text is the same party, without normalising either.
  if (payee == counterparty) return true;
  if (Trim(payee).empty()) return true;  // not entered
  std::string p = Party(payee);
  if (p == Party(counterparty)) return true;
  // Wages paid into the migrant workers' wage account are the lawful exception; the
  // payee says so (e.g. "某公司农民工工资专用账户").
  return p.find("农民工工资专用账户") != std::string::npos || p.find("农民工工资专户") != std::string::npos;
}
}  // namespace sb

namespace sb::rules {

void RetentionNotHeld(RuleContext& c) {
  if (c.StepSettled(kStepSettlementAudit)) return;
  for (size_t ci : c.pos.contracts) {
    const ContractPosition& k = c.PositionAt(ci);
    const Contract& ct = c.ContractAt(ci);
    if (ct.kind != ContractKind::Works) continue;
    // The ledger's figures: the panel shows the same retention and limit.
    bool stated = k.retentionStated;
    int64_t bp = k.retentionBp;
    Money limit = k.payableBeforeSettlement;
    if (k.paid <= limit) continue;
    std::string rule = Tr("结算审核办结前，累计拨付不得超过合同额扣除质保金（%s%%）；《建设工程质量保证金管理办法》"
                          "（建质〔2017〕138号）第七条：保证金总预留比例不得高于工程价款结算总额的3%%；"
                          "财建〔2022〕183号：结算前累计支付不超过合同价款扣除质保金",
                          BpPercent(bp).c_str());
    if (!stated)
      rule += Tr("；合同未约定比例时按县设置 %s=%s", kSetDefaultRetentionBp, Num(c.rs.defaultRetentionBp).c_str());
    Finding& f = c.Add("RETENTION_NOT_HELD", Severity::Warning,
                       Tr("%s结算审核尚未办结，已累计拨付%s，超过合同额的%s%%（%s）%s，未留足%s%%质保金。",
                          ContractLabel(ct).c_str(), Wan(k.paid).c_str(), BpPercent(10000 - bp).c_str(),
                          Wan(limit).c_str(), Wan(k.paid - limit).c_str(), BpPercent(bp).c_str()),
                       rule);
    f.contractId = ct.id;
    f.amount = k.paid - limit;
    f.actual = k.paid;
    f.limit = limit;
  }
}

void RetentionNotReturned(RuleContext& c) {
  std::optional<Date> accepted = c.DoneOn(kStepAcceptance);
  if (!accepted) return;
  Date due = AddMonths(*accepted, static_cast<int>(c.rs.defectsMonths));
  if (!(due < c.asOf)) return;
  int late = static_cast<int>((c.asOf - due).days());
  for (size_t ci : c.pos.contracts) {
    const ContractPosition& k = c.PositionAt(ci);
    const Contract& ct = c.ContractAt(ci);
    if (ct.kind != ContractKind::Works || k.retention.fen() <= 0) continue;
    // What is still unpaid of the contract, up to its retention, is the retention held.
    Money held = Min(k.retention, Max(ct.amount - k.paid, Money()));
    if (held.fen() <= 0) continue;
    Finding& f = c.Add(
        "RETENTION_NOT_RETURNED", Severity::Warning,
        Tr("%s：项目于%s竣工验收，缺陷责任期%s个月已于%s届满，质保金%s（%s%%）中仍有%s未返还，已超过%s天。",
           ContractLabel(ct).c_str(), Day(*accepted).c_str(), Num(c.rs.defectsMonths).c_str(), Day(due).c_str(),
           Wan(k.retention).c_str(), BpPercent(k.retentionBp).c_str(), Wan(held).c_str(), Num(late).c_str()),
        Tr("《建设工程质量保证金管理办法》（建质〔2017〕138号）：缺陷责任期一般为1年、最长不超过2年，自竣工验收之日起计，"
           "期满后发包人应按合同约定返还保证金；县设置 %s=%s",
           kSetDefectsMonths, Num(c.rs.defectsMonths).c_str()));
    f.contractId = ct.id;
    f.amount = held;
    f.actual = k.paid;
    f.limit = ct.amount;
    f.date = accepted;
    f.deadline = due;
    f.daysLate = late;
  }
}

namespace {
// The latest (month, % complete) already due: work certified in a month is owed once the
// payment term after that month has run.
template <class Entry>
std::optional<std::pair<const Entry*, Date>> LatestDue(const std::vector<const Entry*>& entries, const RuleContext& c) {
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    Date d = (*it)->month.LastDay() + boost::gregorian::days(c.rs.paymentDueDays);
    if (d < c.asOf) return std::pair{*it, d};
  }
  return std::nullopt;
}
}  // namespace

void UnderpaidProgress(RuleContext& c) {
  for (size_t ci : c.pos.contracts) {
    const ContractPosition& k = c.PositionAt(ci);
    const Contract& ct = c.ContractAt(ci);
    if (ct.kind != ContractKind::Works) continue;
    // Measured by the contract's own progress when it has any, else by the project's.
    YearMonth dueMonth;
    Percent duePercent;
    Date dueDate;
    std::string whose;
    auto own = c.rows.contractProgress.find(ct.id);
    if (own != c.rows.contractProgress.end() && !own->second.empty()) {
      auto due = LatestDue(own->second, c);
      if (!due) continue;
      std::tie(dueMonth, duePercent, dueDate) = std::tuple{due->first->month, due->first->percent, due->second};
      whose = Tr("本合同");
    } else {
      auto due = LatestDue(c.rows.progress, c);
      if (!due) continue;
      std::tie(dueMonth, duePercent, dueDate) = std::tuple{due->first->month, due->first->percent, due->second};
    }
    Money certified = ct.amount.MulDiv(duePercent.tenths(), 1000);
    // 183号 (80%) governs contracts signed from 2022-08-01; older ones 369号 (60%).
    bool older = ct.signedDate && *ct.signedDate < Date(2022, 8, 1);
    int64_t floor = older ? c.rs.underpaidPercentBefore2022 : c.rs.underpaidPercent;
    Money minimum = certified.MulDiv(floor, 100);
    if (k.paid >= minimum) continue;
    std::string rule = older
        ? Tr("《建设工程价款结算暂行办法》（财建〔2004〕369号）：进度款按已完工程价款的60%%–90%%支付"
             "（合同于2022年8月1日前签订）；县设置 %s=%s",
             kSetUnderpaidPercentBefore2022, Num(floor).c_str())
        : Tr("财建〔2022〕183号：进度款支付应不低于已完成工程价款的80%%；县设置 %s=%s", kSetUnderpaidPercent,
             Num(floor).c_str());
    Finding& f = c.Add(
        "UNDERPAID_PROGRESS", Severity::Warning,
        Tr("%s：%s%s形象进度%s，已完工程价值%s，应至少拨付%s%%即%s，实际累计拨付%s，少付%s（应于%s前支付）。",
           ContractLabel(ct).c_str(), Month(dueMonth).c_str(), whose.c_str(), Pct(duePercent).c_str(),
           Wan(certified).c_str(), Num(floor).c_str(), Wan(minimum).c_str(), Wan(k.paid).c_str(),
           Wan(minimum - k.paid).c_str(), Day(dueDate).c_str()),
        rule + Tr("，%s=%s", kSetPaymentDueDays, Num(c.rs.paymentDueDays).c_str()));
    f.contractId = ct.id;
    f.amount = minimum - k.paid;
    f.actual = k.paid;
    f.limit = minimum;
    f.percent = duePercent;
    f.deadline = dueDate;
  }
}

}  // namespace sb::rules

#include "core/ledger.h"

#include "core/rules.h"

namespace sb {

const ProjectPosition* Ledger::Project(Id id) const {
  auto it = projectAt.find(id);
  return it == projectAt.end() ? nullptr : &projects[it->second];
}

const ContractPosition* Ledger::Contract(Id id) const {
  auto it = contractAt.find(id);
  return it == contractAt.end() ? nullptr : &contracts[it->second];
}

int64_t RetentionBasisPoints(const sb::Contract& c, int64_t defaultRetentionBp, bool* stated) {
  // A stated rate, 0% included (a guarantee in its place), is the contract's own.
  bool own = c.retentionRate.has_value();
  if (stated) *stated = own;
  if (own) return c.retentionRate->basisPoints();
  return c.kind == ContractKind::Works ? defaultRetentionBp : 0;
}

Ledger BuildLedger(const Portfolio& pf, int64_t defaultRetentionBp) {
  Ledger l;
  l.projects.resize(pf.projects.size());
  for (size_t i = 0; i < pf.projects.size(); ++i) {
    l.projects[i].projectId = pf.projects[i].id;
    l.projectAt[pf.projects[i].id] = i;
  }
  auto project = [&](Id id) -> ProjectPosition* {
    auto it = l.projectAt.find(id);
    return it == l.projectAt.end() ? nullptr : &l.projects[it->second];
  };

  for (const auto& b : pf.budgetLines)
    if (ProjectPosition* p = project(b.projectId)) {
      p->budget += b.amount;
      p->budgetByCategory[static_cast<size_t>(b.category)] += b.amount;
      p->hasBudget = true;
    }
  for (const auto& a : pf.allocations)
    if (ProjectPosition* p = project(a.projectId)) {
      p->committed += a.amount;
      p->committedBySource[a.sourceId] += a.amount;
    }
  for (const auto& r : pf.receipts)
    if (ProjectPosition* p = project(r.projectId)) {
      p->received += r.amount;
      p->receivedBySource[r.sourceId] += r.amount;
    }
  for (const auto& e : pf.progress)
    if (ProjectPosition* p = project(e.projectId))
      if (!p->percentMonth || *p->percentMonth < e.month) {
        p->percent = e.percent;
        p->percentMonth = e.month;
        p->invested = e.invested;
      }

  l.contracts.resize(pf.contracts.size());
  for (size_t i = 0; i < pf.contracts.size(); ++i) {
    const sb::Contract& c = pf.contracts[i];
    ContractPosition& k = l.contracts[i];
    k.contractId = c.id;
    k.projectId = c.projectId;
    k.kind = c.kind;
    k.amount = c.amount;
    k.retentionBp = RetentionBasisPoints(c, defaultRetentionBp, &k.retentionStated);
    l.contractAt[c.id] = i;
    if (ProjectPosition* p = project(c.projectId)) {
      p->contracts.push_back(i);
      p->contractsByCategory[static_cast<size_t>(ContractCategory(c.kind))] += c.amount;
      p->contractsTotal += c.amount;
    }
  }

  // Payments come summed by project, contract, source, category and kind (SQL at
  // province size): never a pass over every payment row here.
  std::optional<PaymentTotals> computed;
  for (const PaymentGroup& g : PaymentTotalsOf(pf, computed).groups) {
    if (g.contractId)
      if (auto it = l.contractAt.find(*g.contractId); it != l.contractAt.end()) {
        l.contracts[it->second].paid += g.amount;
        if (g.kind == PaymentKind::Advance) l.contracts[it->second].advancePaid += g.amount;
      }
    if (ProjectPosition* p = project(g.projectId)) {
      p->paid += g.amount;
      p->paidBySource[g.sourceId] += g.amount;
      p->paidByCategory[static_cast<size_t>(g.category)] += g.amount;
    }
  }

  // A contract's own progress (entries by contract, month: the last one is the latest).
  for (const auto& e : pf.contractProgress)
    if (auto it = l.contractAt.find(e.contractId); it != l.contractAt.end()) {
      ContractPosition& k = l.contracts[it->second];
      if (!k.ownPercentMonth || !(e.month < *k.ownPercentMonth)) {
        k.ownPercent = e.percent;
        k.ownPercentMonth = e.month;
      }
    }

  for (ContractPosition& k : l.contracts) {
    const ProjectPosition* p = project(k.projectId);
    k.percent = k.ownPercent ? *k.ownPercent : p && p->percent ? *p->percent : Percent();
    if (k.kind == ContractKind::Works) k.certified = k.amount.MulDiv(k.percent.tenths(), 1000);
    k.advanceOutstanding = Min(Max(k.advancePaid, Money()), Max(k.paid - k.certified, Money()));
    k.retention = k.amount.MulDiv(k.retentionBp, 10000);
    k.payableBeforeSettlement = k.amount - k.retention;
    k.balance = k.amount - k.paid;
  }
  return l;
}

Ledger BuildLedger(const Portfolio& pf) {
  return BuildLedger(pf, ReadRuleSettings(pf.settings).defaultRetentionBp);
}

std::vector<ProjectSummary> SummarizeProjects(const Portfolio& pf, const Ledger& l) {
  std::vector<ProjectSummary> out(pf.projects.size());
  for (size_t i = 0; i < pf.projects.size(); ++i) {
    const ProjectPosition& p = l.projects[i];
    out[i].project = pf.projects[i];
    out[i].budget = p.budget;
    out[i].committed = p.committed;
    out[i].received = p.received;
    out[i].paid = p.paid;
    out[i].percent = p.percent;
    out[i].percentMonth = p.percentMonth;
  }
  return out;
}

}  // namespace sb

namespace sb {
std::vector<ProjectSummary> SummarizeProjects(const Portfolio& pf) {
  return SummarizeProjects(pf, BuildLedger(pf));
}
}  // namespace sb

#pragma once
/// One computation per figure: each project's and each contract's money position,
/// computed once from the loaded rows. The project list, the project panel, the payment
/// dialog, the rules and the monthly report all read these figures, so a number shown in
/// one place is the number tested in another.
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/gaps.h"
#include "core/portfolio.h"

namespace sb {

/// Where a contract stands. Reversals (红字冲销) are netted: `paid` is what has really
/// gone out against the contract.
struct ContractPosition {
  Id contractId = 0, projectId = 0;
  ContractKind kind = ContractKind::Works;
  Money amount;               ///< contract amount
  Money paid;                 ///< Σ payments against it, net of reversals
  Money advancePaid;          ///< the part paid as 预付款, net
  /// Advance not yet covered by certified work: min(advancePaid, paid − certified), ≥ 0.
  Money advanceOutstanding;
  /// The contract's own latest % complete (ContractProgress) and its month, if it has any.
  std::optional<Percent> ownPercent;
  std::optional<YearMonth> ownPercentMonth;
  /// What its work is measured by: its own latest % complete, else the project's.
  Percent percent;
  /// Value of certified work: amount × `percent` (works only).
  Money certified;
  /// Retention (质保金) in basis points: the contract's stated rate (0% included), or for
  /// a works contract that states none the county default (rule.default_retention_bp).
  int64_t retentionBp = 0;
  bool retentionStated = false;  ///< the contract states a rate of its own
  Money retention;               ///< amount × retentionBp: held until the settlement audit
  Money payableBeforeSettlement; ///< amount − retention
  Money balance;                 ///< amount − paid (negative: paid beyond the contract)
};

/// Where a project stands.
struct ProjectPosition {
  Id projectId = 0;
  Money budget;                 ///< Σ budget lines (概算总投资)
  CategoryAmounts budgetByCategory{};
  bool hasBudget = false;       ///< any budget line, even a zero one
  Money committed, received, paid;  ///< 已下达, 已到位, 已拨付 (net of reversals)
  std::map<Id, Money> committedBySource, receivedBySource, paidBySource;
  CategoryAmounts paidByCategory{}, contractsByCategory{};
  Money contractsTotal;
  std::optional<Percent> percent;        ///< latest % complete, if any recorded
  std::optional<YearMonth> percentMonth;
  Money invested;                        ///< latest cumulative completed investment
  std::vector<size_t> contracts;         ///< into Ledger::contracts, portfolio order
  Money Gap() const { return Max(budget - committed, Money()); }
};

struct Ledger {
  std::vector<ProjectPosition> projects;    ///< portfolio order
  std::vector<ContractPosition> contracts;  ///< portfolio order
  const ProjectPosition* Project(Id projectId) const;
  const ContractPosition* Contract(Id contractId) const;

  std::unordered_map<Id, size_t> projectAt, contractAt;
};

/// The retention a contract is held to: its own rate when it states one, else for works
/// the county default. One rule for the panel, the dialogs and RETENTION_NOT_HELD.
int64_t RetentionBasisPoints(const Contract& c, int64_t defaultRetentionBp, bool* stated = nullptr);

/// Positions of every project and contract. `defaultRetentionBp` is the county setting
/// (ReadRuleSettings(...).defaultRetentionBp).
Ledger BuildLedger(const Portfolio& portfolio, int64_t defaultRetentionBp);
/// The same, reading the default retention from the portfolio's settings.
Ledger BuildLedger(const Portfolio& portfolio);

/// The project list's rows (portfolio order) from a ledger already built.
std::vector<ProjectSummary> SummarizeProjects(const Portfolio& portfolio, const Ledger& ledger);

}  // namespace sb

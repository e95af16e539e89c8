#pragma once
// Private to src/core/rules: what every rule function sees of one project.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/gaps.h"
#include "core/ledger.h"
#include "core/rules.h"
#include "core/text.h"
#include "core/translate.h"

namespace sb::rules {

// Figures as a clerk reads them in a sentence, in the user's language (sb::Tr; the
// Chinese originals where nothing is installed: the command line, files).
// TRANSLATORS: an amount in 万元 (ten thousand yuan) in a sentence: 1,234.50万元.
inline std::string Wan(Money m) { return Tr("%s万元", m.FormatWan(2, 6).c_str()); }
inline std::string Pct(Percent p) { return p.Format() + "%"; }
// TRANSLATORS: a date in a warning's sentence: year, month, day.
inline std::string Day(Date d) { return Tr("%d年%d月%d日", int(d.year()), int(d.month()), int(d.day())); }
// TRANSLATORS: a month in a warning's sentence: year, month.
inline std::string Month(YearMonth m) { return Tr("%d年%d月", m.year(), m.month()); }
/// A canonical value (cost category, status, kind) in the user's language.
template <class E>
std::string Named(E value) {
  return Tr(std::string(Name(value)).c_str());
}
inline std::string Cat(CostCategory c) { return Named(c); }
inline std::string Num(int64_t n) { return std::to_string(n); }
/// Items of a list in a sentence ("、").
// TRANSLATORS: the separator of items listed in a sentence (建安工程、设备购置).
inline std::string Items(const std::vector<std::string>& items) { return Join(items, Tr("、")); }
/// The cost categories of a set, in the user's language.
std::string Categories(const CategorySet& set);
/// 300 bp → "3", 250 → "2.5": percentages as a clerk writes them.
std::string BpPercent(int64_t bp);
inline bool Settled(StepStatus s) { return s == StepStatus::Done || s == StepStatus::NotApplicable; }
/// "施工合同HT-01（某公司，合同额100.00万元）"
std::string ContractLabel(const Contract& k);

/// The rows only some rules need, bucketed by project once per evaluation; the money
/// figures themselves come from the ledger.
struct ProjectRows {
  /// Original payments with a positive net after reversals that a per-payment rule may
  /// flag (PaymentTotals::singles).
  std::vector<std::pair<const Payment*, Money>> originals;
  std::unordered_map<Id, const ProcedureStep*> steps;  ///< by template id
  std::vector<const Allocation*> allocations;          ///< entry order
  std::vector<const Receipt*> receipts;                ///< entry order
  std::vector<const AnnualPlan*> plans;                ///< by year
  std::vector<const ProgressEntry*> progress;          ///< by month
  /// Works contracts' own progress (ContractProgress), by contract id, each by month.
  std::unordered_map<Id, std::vector<const ContractProgress*>> contractProgress;
};

struct Index {
  std::unordered_map<Id, size_t> sourceAt;
  std::vector<ProjectRows> projects;  ///< portfolio order
  std::unordered_map<std::string, const ProcedureTemplateStep*> stepByName;
  explicit Index(const Portfolio& pf);
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;
  /// Payment totals computed from the portfolio's rows when it came without them: the
  /// originals point into it.
  std::optional<PaymentTotals> computedPayments;
  /// Source ids of `m` ordered as the portfolio lists sources; unknown ids last.
  std::vector<Id> InSourceOrder(const std::map<Id, Money>& m) const;
};

}  // namespace sb::rules

namespace sb {

struct RuleContext {
  const Portfolio& pf;
  const RuleSettings& rs;
  const Ledger& ledger;
  const rules::Index& ix;
  Date asOf;
  const Project& project;
  const ProjectPosition& pos;      ///< the project's money (ledger)
  const rules::ProjectRows& rows;  ///< its payments, steps and progress
  const ProjectGap& gap;
  std::vector<Finding>& out;

  /// Appends a finding of `code`, its title from the registry.
  Finding& Add(std::string_view code, Severity severity, std::string message, std::string rule);

  const Contract& ContractAt(size_t i) const { return pf.contracts[i]; }
  const ContractPosition& PositionAt(size_t i) const { return ledger.contracts[i]; }
  const FundingSource* Source(Id id) const;
  std::string SourceName(Id id) const;
  const ProcedureTemplateStep* Template(const char* name) const;
  const ProcedureStep* Step(const ProcedureTemplateStep* t) const;
  StepStatus StatusOf(const ProcedureTemplateStep* t) const;
  /// The done date of a named step, when it is done and dated.
  std::optional<Date> DoneOn(const char* name) const;
  bool StepSettled(const char* name) const;
  const ProgressEntry* Latest() const { return rows.progress.empty() ? nullptr : rows.progress.back(); }
  Percent LatestPercent() const { return Latest() ? Latest()->percent : Percent(); }
  bool AnyProgress() const;
  bool Started() const { return project.actualStart.has_value() || AnyProgress(); }
  bool Closed() const { return project.status == ProjectStatus::Closed; }
  bool WorksFinished() const;
  /// A reserve project (储备) is expected to be unfunded: worth knowing, not alarming.
  Severity FundingSeverity() const;
};

// The rules, one function per code, by family (one file each).
namespace rules {
/// Idle money of one project (IDLE_FUNDS and IdleMoneyOf()).
std::vector<IdleMoney> IdleOfProject(const Project& project, const ProjectPosition& pos, const ProjectRows& rows,
                                     const Index& ix, const RuleSettings& rs, Date asOf);
void FundingGap(RuleContext& c);
void CategoryGap(RuleContext& c);
void IneligiblePayment(RuleContext& c);
void SourceOverdrawn(RuleContext& c);
void IdleFunds(RuleContext& c);
void FundsNotArrived(RuleContext& c);
void OverBudget(RuleContext& c);
/// Some contract of the project must be tendered (alone or merged with others of its
/// kind), or it has no works contract yet while its 建安 budget reaches the threshold: its
/// 招标 step is then required before 开工.
bool TenderNeeded(const RuleContext& c);
void TenderRequired(RuleContext& c);
void TenderSplit(RuleContext& c);
void OverContract(RuleContext& c);
void PaymentBeforeContract(RuleContext& c);
void PayeeMismatch(RuleContext& c);
/// The part of `advance` a contract recovering it linearly between two % complete points
/// has recovered at `percent`; 0 when the contract says nothing of it.
Money AdvanceRecovered(const Contract& contract, Money advance, Percent percent);
void PayAheadOfProgress(RuleContext& c);
void RetentionNotHeld(RuleContext& c);
void RetentionNotReturned(RuleContext& c);
void UnderpaidProgress(RuleContext& c);
void NoPermitStart(RuleContext& c);
void ProcedureOverdue(RuleContext& c);
void PermitNotStarted(RuleContext& c);
void BehindSchedule(RuleContext& c);
void BehindAnnualPlan(RuleContext& c);
void Stalled(RuleContext& c);
void ProgressDecreased(RuleContext& c);
void SettlementOverdue(RuleContext& c);
void AccountsOverdue(RuleContext& c);
}  // namespace rules

}  // namespace sb

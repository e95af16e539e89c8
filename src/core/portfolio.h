#pragma once
/// Everything the rules, the report and the export need, loaded once (one query per
/// table) and then read in memory: no query per project.
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/payment_totals.h"

namespace sb {

/// County settings (key → value text) with typed, defaulted access.
class Settings {
 public:
  Settings() = default;
  explicit Settings(std::map<std::string, std::string> values) : values_(std::move(values)) {}
  const std::map<std::string, std::string>& values() const { return values_; }
  std::string Text(const std::string& key, const std::string& fallback) const;
  /// Throws Error(InvalidInput) naming the key when the stored text is not an integer.
  int64_t Integer(const std::string& key, int64_t fallback) const;
  void Set(const std::string& key, std::string value) { values_[key] = std::move(value); }

 private:
  std::map<std::string, std::string> values_;
};

struct Portfolio {
  Settings settings;
  std::vector<County> counties;                          ///< by code

  std::vector<FundKind> fundKinds;
  std::vector<ProcedureTemplateStep> procedureTemplate;  ///< by step order
  std::vector<Project> projects;                         ///< by code
  std::vector<BudgetLine> budgetLines;
  std::vector<FundingSource> sources;                    ///< by code
  std::vector<Allocation> allocations;
  std::vector<Receipt> receipts;
  std::vector<ProcedureStep> procedureSteps;             ///< only steps stored; others are 未办
  std::vector<ProgressEntry> progress;                   ///< by project, month
  std::vector<Contract> contracts;                       ///< by code
  std::vector<Payment> payments;                         ///< by id (entry order)
  /// The payments summed, when they were read that way (storage::LoadAnalysisPortfolio):
  /// `payments` is then empty. The ledger and the rules read these, else TotalPayments
  /// of `payments` (PaymentTotalsOf).
  std::optional<PaymentTotals> paymentTotals;
  std::vector<AnnualPlan> plans;                         ///< by project, year
  std::vector<ContractProgress> contractProgress;        ///< by contract, month

  /// Index from id to position, built on demand; call Reindex() after changing vectors.
  void Reindex();
  const Project* FindProject(Id id) const;
  const FundingSource* FindSource(Id id) const;
  const Contract* FindContract(Id id) const;
  const FundKind* FindFundKind(const std::string& name) const;
  const County* FindCounty(const std::string& code) const;
  const ProcedureTemplateStep* FindTemplateStep(Id id) const;

 private:
  std::unordered_map<Id, size_t> projectIndex_, sourceIndex_, contractIndex_, templateIndex_;
};

/// The portfolio's payment totals: `paymentTotals` when it holds them, else computed from
/// `payments` into `computed`.
const PaymentTotals& PaymentTotalsOf(const Portfolio& portfolio, std::optional<PaymentTotals>& computed);

/// Every project (in portfolio order) with its money totals and latest % complete,
/// from the ledger (core/ledger.h) of the loaded rows: what storage::ProjectSummaries
/// answers in SQL, for a caller that has the portfolio already and must not read it twice.
std::vector<ProjectSummary> SummarizeProjects(const Portfolio& portfolio);

}  // namespace sb

#pragma once
/// Funding gaps (资金缺口): per project and cost category, how much of the budget no
/// source allowed to pay for it can cover.
///
/// Money is not interchangeable: a central fund may pay for construction but not for
/// land. Sources are therefore allocated to categories by an exact integer max-flow
/// (source → category it may pay for → category budget), which leaves the least budget
/// uncovered; a greedy pass per source gets this wrong when eligibilities overlap.
///
/// The least total uncovered is unique, but how it splits across categories may not be
/// (land 100 + construction 100 with one 150 loan for any use leaves 50 uncovered on
/// either). The split reported here is fixed and explainable: categories are covered in
/// the canonical order 征地拆迁 → 前期费用 → 建安工程 → 设备购置 → 其他费用 → 预备费, each as
/// fully as possible without reducing the ones before it (a lexicographic max-flow). That
/// is the order the costs fall due, and special funds can usually pay only for the later
/// ones, so flexible money goes first to land and pre-construction costs and any gap is
/// shown where the most kinds of money could still fill it; contingency comes last.
/// Which source pays which category (SourceUse) is one allocation achieving those
/// figures (restricted sources are tried first); it is not unique.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/portfolio.h"

namespace sb {

/// What counts as a project's money: 已下达 (sum of allocations) or 已到位 (sum of receipts).
enum class GapBasis { Committed, Received };

/// "committed" / "received" (command line and files).
std::string_view GapBasisName(GapBasis basis);
/// "已下达" / "已到位".
std::string_view GapBasisLabel(GapBasis basis);
/// Accepts "committed"/"received" and the Chinese labels; nullopt otherwise.
std::optional<GapBasis> ParseGapBasis(std::string_view text);

inline constexpr size_t kCostCategoryCount = EnumCount<CostCategory>();
using CategoryAmounts = std::array<Money, kCostCategoryCount>;  ///< indexed by CostCategory

/// One source's money for one project and the categories it may pay for.
struct SourceFunds {
  Id sourceId = 0;
  Money amount;  ///< committed or received for this project (negative counts as none)
  CategorySet eligible;
};

/// How the funds of one source are spread over the categories.
struct SourceUse {
  Id sourceId = 0;
  Money amount;                ///< the source's money for this project
  CategoryAmounts toCategory;  ///< one allocation achieving the least uncovered
  Money unused;                ///< amount − Σ toCategory (no eligible budget left for it)
};

/// The exact allocation for one project: covered[c] ≤ budget[c], Σ covered is the
/// largest possible, split in the canonical category order described above.
struct Coverage {
  CategoryAmounts covered;
  std::vector<SourceUse> sources;  ///< in the order given
};

/// The max-flow itself, on plain figures (budgets per category must not be negative).
Coverage SolveCoverage(const CategoryAmounts& budget, const std::vector<SourceFunds>& funds);

struct CategoryGap {
  CostCategory category = CostCategory::Construction;
  Money budget;
  Money covered;
  Money uncovered;  ///< budget − covered: no eligible source has money left for it
};

struct ProjectGap {
  Id projectId = 0;
  std::string projectCode, projectName, township;
  GapBasis basis = GapBasis::Committed;
  Money budget;     ///< approved budget (Σ budget lines)
  Money funds;      ///< Σ committed or received from all sources
  Money totalGap;   ///< budget − funds (DOMAIN: 资金缺口); negative = surplus
  Money uncovered;  ///< Σ categories' uncovered; always ≥ totalGap
  /// Every category that has a budget line (even a zero one), in canonical order.
  std::vector<CategoryGap> categories;
  /// Sources with money for the project, in portfolio order.
  std::vector<SourceUse> sources;

  Money Shortfall() const { return Max(totalGap, Money()); }
  Money Surplus() const { return Max(-totalGap, Money()); }
  const CategoryGap* Find(CostCategory c) const;
};

/// One ProjectGap per project, in portfolio order. Uses every allocation/receipt loaded;
/// rows naming a source missing from the portfolio count as money with no eligible use.
std::vector<ProjectGap> ComputeGaps(const Portfolio& portfolio, GapBasis basis);

/// Totals of a group of projects (the county or one township).
struct GapTotals {
  int projects = 0;
  int projectsWithGap = 0;  ///< projects with any uncovered budget
  Money budget, funds;
  Money shortfall;  ///< Σ of projects' positive totalGap (one project's surplus cannot pay another's)
  Money surplus;    ///< Σ of projects' surplus
  Money uncovered;  ///< Σ of projects' uncovered
  CategoryAmounts budgetByCategory, coveredByCategory, uncoveredByCategory;
};

struct TownshipGaps {
  std::string township;
  GapTotals totals;
};

/// The county view: by category (in county.*ByCategory) and by township.
struct GapSummary {
  GapBasis basis = GapBasis::Committed;
  GapTotals county;
  std::vector<TownshipGaps> townships;  ///< in order of first appearance among the projects
};

GapSummary SummarizeGaps(const std::vector<ProjectGap>& gaps);

}  // namespace sb

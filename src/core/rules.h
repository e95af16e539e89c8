#pragma once
/// The rules engine: what is wrong with each project, how much is involved and which
/// rule says so. Pure: a Portfolio and a date in, findings out; no storage, no GUI.
///
/// Every threshold is a county setting (Settings, keys below) with the DOMAIN.md
/// default; `asOf` is "today" for every time rule, so a test or a reprint can pin it.
/// All loaded rows count whatever their date (a payment keyed with a future date still
/// counts), and reversals (红字冲销) are netted with what they reverse.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/gaps.h"
#include "core/ledger.h"
#include "core/portfolio.h"

namespace sb {

enum class Severity { Error, Warning, Notice };

/// "error" / "warning" / "notice" (csv, json, command line).
std::string_view SeverityName(Severity s);
/// "严重" / "一般" / "提示", as a county's 预警 bulletin grades them (红/黄/蓝色预警).
std::string_view SeverityLabel(Severity s);
std::optional<Severity> ParseSeverity(std::string_view text);

/// One thing wrong with a project. Optional figures are set when the rule involves them.
struct Finding {
  std::string code;   ///< stable: FUNDING_GAP, OVER_CONTRACT, …
  std::string title;  ///< short Chinese name of the rule, e.g. "超合同拨付"
  Severity severity = Severity::Warning;
  Id projectId = 0;
  std::string projectCode, projectName;
  std::optional<Id> contractId, paymentId, sourceId;
  std::optional<Id> stepTemplateId;       ///< the procedure step concerned
  std::optional<CostCategory> category;
  std::optional<Money> amount;    ///< the money at issue: the gap, the excess, what is owed
  std::optional<Money> actual;    ///< the figure tested (paid, committed, contracts)
  std::optional<Money> limit;     ///< what it is tested against (budget, contract × 97%, …)
  std::optional<Date> date;       ///< the date the rule counts from (permit issued, accepted, …)
  std::optional<Date> deadline;   ///< when it should have happened
  std::optional<int> daysLate;    ///< asOf − deadline, in days
  std::optional<Percent> percent;   ///< % complete involved
  std::optional<Percent> expected;  ///< what it is compared with (序时进度, the month before)
  std::string message;  ///< a sentence for the clerk, with the figures (万元, dates, %)
  std::string rule;     ///< the regulation or county setting (with its value) it rests on
};

struct RuleContext;  // core/rules/context.h: what a rule function sees of one project

/// The families the rules are kept in (one file each under core/rules/).
enum class RuleFamily { Funding, ContractsPayments, Procedures, Progress, Closeout, Report };
std::string_view RuleFamilyName(RuleFamily f);  ///< "资金", "合同与拨付", …

/// One row of the registry: everything about a code in one place. The order of the
/// registry is the order findings of one project are listed in.
struct RuleInfo {
  std::string_view code;
  std::string_view title;  ///< e.g. "资金缺口"
  Severity severity;       ///< usual severity (a few rules soften it, see their files)
  std::string_view when;   ///< one line: when it is raised
  std::string_view basis;  ///< the regulation it rests on, or "县设置 …"
  RuleFamily family;
  /// The rule over one project; nullptr for a code found elsewhere (CLOSED_MONTH_CHANGED,
  /// by the monthly report against a closed month's snapshot).
  void (*evaluate)(RuleContext&);
};
/// Every code in listing order.
const std::vector<RuleInfo>& RuleCatalog();
/// The registry row of `code`, or nullptr.
const RuleInfo* FindRule(std::string_view code);

/// The code the monthly report raises for a closed month changed afterwards.
inline constexpr const char* kClosedMonthChanged = "CLOSED_MONTH_CHANGED";

/// Setting keys and their defaults (DOMAIN.md). The first six are in db/sqlite/0001_schema.sql.
inline constexpr const char* kSetUnderpaidPercent = "rule.underpaid_percent";          // 80
inline constexpr const char* kSetStalledMonths = "rule.stalled_months";                // 3
inline constexpr const char* kSetBehindSchedulePoints = "rule.behind_schedule_points"; // 20
inline constexpr const char* kSetPermitStartMonths = "rule.permit_start_months";       // 3
inline constexpr const char* kSetAccountsMonths = "rule.accounts_months";              // 3
inline constexpr const char* kSetSettlementDays = "rule.settlement_days_by_wan";
inline constexpr const char* kSetPaymentDueDays = "rule.payment_due_days";             // 30
inline constexpr const char* kSetDefaultRetentionBp = "rule.default_retention_bp";     // 300
/// Contracts signed before 2022-08-01 fall under 财建〔2004〕369号 (60%), not 183号 (80%).
inline constexpr const char* kSetUnderpaidPercentBefore2022 = "rule.underpaid_percent_before_2022";  // 60
inline constexpr const char* kSetIdleMonths = "rule.idle_months";                      // 6
inline constexpr const char* kSetIdlePaidPercent = "rule.idle_paid_percent";           // 30
inline constexpr const char* kSetNotArrivedMonths = "rule.not_arrived_months";         // 3
/// 施工许可管理办法 第二条: works of at most 30万元 or 300㎡ need no building permit.
inline constexpr const char* kSetPermitExemptWan = "rule.permit_exempt_wan";           // 30
inline constexpr const char* kSetPermitExemptM2 = "rule.permit_exempt_m2";             // 300
inline constexpr const char* kSetBehindAnnualPlanPoints = "rule.behind_annual_plan_points"; // 20
/// 必须招标的工程项目规定 (发改委令2018年第16号) 第五条, single contract estimates in 万元:
/// works 400, goods 200, survey/design/supervision 100 ("以上" includes the amount).
inline constexpr const char* kSetTenderWorksWan = "rule.tender_works_wan";             // 400
inline constexpr const char* kSetTenderGoodsWan = "rule.tender_goods_wan";             // 200
inline constexpr const char* kSetTenderServicesWan = "rule.tender_services_wan";       // 100
/// The defects liability period (缺陷责任期) after acceptance, after which the retention
/// is returned (建质〔2017〕138号: usually 1 year, at most 2).
inline constexpr const char* kSetDefectsMonths = "rule.defects_months";                // 24

/// Canonical names of the procedure template steps the time rules look for.
inline constexpr const char* kStepBuildingPermit = "施工许可证";
inline constexpr const char* kStepTender = "招标";
inline constexpr const char* kStepAcceptance = "竣工验收";
inline constexpr const char* kStepSettlementAudit = "结算审核";
inline constexpr const char* kStepFinalAccounts = "竣工财务决算";

/// Settlement audit time limits by contract size: "500:20;2000:30;5000:45;*:60" means
/// 500万元 and below ("以下" includes the amount, 民法典 第一千二百五十九条) 20 days,
/// up to 2000万元 30 days, … and 60 days for anything larger.
struct SettlementTier {
  std::optional<Money> below;  ///< up to and including; nullopt: "*", every larger size
  int days = 0;
};

struct RuleSettings {
  int64_t underpaidPercent = 80;     ///< progress payments at least this % of certified work
  int64_t stalledMonths = 3;
  int64_t behindSchedulePoints = 20; ///< percentage points behind 序时进度
  int64_t permitStartMonths = 3;
  int64_t accountsMonths = 3;
  int64_t paymentDueDays = 30;       ///< certified work is owed this many days after month end
  int64_t defaultRetentionBp = 300;  ///< retention held when a contract states none
  int64_t underpaidPercentBefore2022 = 60;  ///< the floor for contracts signed before 2022-08-01
  int64_t idleMonths = 6;            ///< money received this long ago …
  int64_t idlePaidPercent = 30;      ///< … of which less than this % is paid, is idle
  int64_t notArrivedMonths = 3;      ///< committed this long ago and not arrived
  int64_t permitExemptWan = 30;      ///< 建安 at most this (万元) needs no permit …
  int64_t permitExemptM2 = 300;      ///< … nor a building of at most this floor area
  int64_t behindAnnualPlanPoints = 20;  ///< percentage points behind the year's time elapsed
  int64_t tenderWorksWan = 400;      ///< works contracts from this (万元, inclusive) are tendered
  int64_t tenderGoodsWan = 200;      ///< equipment and goods
  int64_t tenderServicesWan = 100;   ///< survey, design, supervision
  int64_t defectsMonths = 24;        ///< retention is returned this long after acceptance
  std::vector<SettlementTier> settlementDays;
  std::string settlementDaysText;

  /// Days allowed for the settlement audit of works of this size.
  int SettlementDaysFor(Money size) const;
};

/// Reads the settings, filling defaults for missing keys. Throws Error(InvalidInput)
/// naming the key when a value is not usable (not an integer, out of range, bad tiers).
RuleSettings ReadRuleSettings(const Settings& settings);
/// Parses "500:20;2000:30;5000:45;*:60" (thresholds ascending, 万元, days > 0).
std::vector<SettlementTier> ParseSettlementTiers(std::string_view text);

/// The cost category a contract of this kind is charged to (DOMAIN.md): works →
/// 建安工程, design/survey → 前期费用, equipment → 设备购置, land → 征地拆迁,
/// supervision and other → 其他费用.
CostCategory ContractCategory(ContractKind kind);

/// The single-contract amount from which a contract of this kind must be tendered
/// (必须招标的工程项目规定 第五条, county settings); nullopt for land compensation and other
/// contracts, which the rule does not cover.
std::optional<Money> TenderThreshold(ContractKind kind, const RuleSettings& settings);
/// The setting key of that threshold ("rule.tender_works_wan", …), nullptr when none.
const char* TenderThresholdKey(ContractKind kind);
/// 公开招标 or 邀请招标.
bool IsTender(Procurement p);

/// Same day `months` later, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28).
Date AddMonths(Date d, int months);

/// Idle money (资金闲置) of one project from one source: what arrived more than
/// `rule.idle_months` ago and is paid below `rule.idle_paid_percent` of it. One computation
/// for IDLE_FUNDS and for the report's and the overview's idle money by source.
struct IdleMoney {
  Id projectId = 0, sourceId = 0;
  Money old;        ///< received before the cutoff
  Money paid;       ///< paid from the source for the project (net, not below 0)
  Money idle;       ///< old − paid: lying idle
  Money olderThanTwoYears;  ///< of it, received more than two years ago and not paid
  Date since;       ///< the earliest of those receipts
};
/// Every idle amount of the portfolio as of `asOf`, projects in portfolio order, sources
/// in portfolio order; closed projects (已决算) have none.
std::vector<IdleMoney> IdleMoneyOf(const Portfolio& portfolio, const Ledger& ledger, Date asOf);

/// A payment to `payee` on a contract with `counterparty` goes where it should: the same
/// party as written (spaces and full-width forms aside), the migrant workers' wage account
/// (农民工工资专用账户), or no payee entered. PAYEE_MISMATCH flags the others.
bool PayeeAccepted(std::string_view payee, std::string_view counterparty);

/// The projects (ascending ids) whose single payments INELIGIBLE_PAYMENT,
/// PAYMENT_BEFORE_CONTRACT or PAYEE_MISMATCH may flag, judged from the portfolio's payment
/// groups: a group from a source not allowed its category, one on a contract paid before the
/// contract was signed, one to a payee PayeeAccepted refuses. Storage reads only these
/// projects' payments (PaymentTotals::singles) for the analysis.
std::vector<Id> ProjectsWithPaymentsToCheck(const Portfolio& portfolio);

/// All findings for all projects, projects in portfolio order, each project's findings
/// in RuleCatalog order. One pass over the loaded rows (indexed by project first).
/// Throws Error(InvalidInput) when a rule setting is unusable.
std::vector<Finding> Evaluate(const Portfolio& portfolio, Date asOf);
/// The same with the ledger and the gaps (committed basis) already computed, so a caller
/// that shows them too (the window, the report) computes each once.
std::vector<Finding> Evaluate(const Portfolio& portfolio, const Ledger& ledger,
                              const std::vector<ProjectGap>& gaps, Date asOf);

}  // namespace sb

#pragma once
/// The entities of a county's school-building portfolio (see the glossary in README.md).
/// Value members (Money, Percent, Rate, Area, enums, dates) cannot hold an invalid value;
/// the rules that tie several fields together are checked by Check(), which every write
/// path calls before anything is stored and which throws Error(InvalidInput) naming the
/// field and the reason.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/enums.h"
#include "core/money.h"

namespace sb {

using Id = int64_t;  ///< database row id; 0 = not stored yet

/// 县（区）: one county of a database that may hold several (a city's or province's server).
struct County {
  std::string code;  ///< 行政区划代码, six digits ("422822"); 000000 = not set yet
  std::string name;  ///< "建始县"
  int64_t rowVersion = 0;
};

/// The placeholder code of a database whose county's 行政区划代码 was never given (an
/// upgraded file): `schoolbuild-cli county set CODE NAME` replaces it.
inline constexpr const char* kUnsetCountyCode = "000000";

struct Project {
  Id id = 0;
  std::string code;      ///< 项目编号, unique
  /// 行政区划代码 of the project's county; "" when saving = the database's only county.
  std::string countyCode;
  std::string name;      ///< 项目名称
  std::string school;    ///< 建设单位(学校)
  std::string township;  ///< 乡镇
  /// 项目批次/计划 the project was approved under ("2019年寄宿制学校建设"); "" = none.
  std::string programme;
  Stage stage = Stage::Primary;
  BuildingCategory category = BuildingCategory::TeachingBuilding;
  Nature nature = Nature::NewBuild;
  Area floorArea;
  std::optional<Date> plannedStart, plannedFinish, actualStart, actualFinish;
  ProjectStatus status = ProjectStatus::Planned;
  std::string note;
  int64_t rowVersion = 0;
};

/// 概算 of one project in one cost category.
struct BudgetLine {
  Id id = 0;
  Id projectId = 0;
  CostCategory category = CostCategory::Construction;
  Money amount;
  int64_t rowVersion = 0;
};

/// A kind of fund (来源类型) with its default eligibility; data, editable per county.
struct FundKind {
  std::string name;
  SourceLevel level = SourceLevel::Other;
  CategorySet defaultEligible;
  int sortOrder = 0;
  std::string note;
  int64_t rowVersion = 0;
};

/// 资金来源: one fund (a document assigning money), with what it may pay for.
struct FundingSource {
  Id id = 0;
  std::string code;
  /// 行政区划代码 of the county the fund was assigned to; "" when saving = the only county.
  std::string countyCode;
  std::string name;
  std::string kind;  ///< a FundKind name
  int year = 0;
  Money amount;
  std::string docNo;
  CategorySet eligible;
  std::string note;
  int64_t rowVersion = 0;
};

/// 资金下达: a source commits an amount to a project.
struct Allocation {
  Id id = 0;
  Id projectId = 0;
  Id sourceId = 0;
  Money amount;
  Date date;
  std::string note;
  int64_t rowVersion = 0;
};

/// 资金到位: money from a source actually arrives for a project.
struct Receipt {
  Id id = 0;
  Id projectId = 0;
  Id sourceId = 0;
  Money amount;
  Date date;
  std::string note;
  int64_t rowVersion = 0;
};

/// One step of the county's procedure template (前期手续模板).
struct ProcedureTemplateStep {
  Id id = 0;
  int order = 0;
  std::string name;    ///< canonical step name used in files
  std::string issuer;  ///< 办理部门
  bool requiredBeforeStart = true;
  std::string note;
  int64_t rowVersion = 0;
};

/// The state of one template step for one project.
struct ProcedureStep {
  Id id = 0;
  Id projectId = 0;
  Id templateId = 0;
  StepStatus status = StepStatus::NotStarted;
  std::optional<Date> plannedDate, doneDate;
  std::string docNo;
  std::string note;
  /// Extensions of the building permit (建筑法 第九条: at most two, three months each);
  /// 0 for every other step.
  int extensions = 0;
  int64_t rowVersion = 0;
};

/// Monthly progress of a project (形象进度).
struct ProgressEntry {
  Id id = 0;
  Id projectId = 0;
  YearMonth month;
  Percent percent;
  Money invested;  ///< cumulative completed investment
  std::string description, problems, nextSteps;
  int64_t rowVersion = 0;
};

/// 形象进度 of one works contract in a month, where a project has several (the building and
/// the sports ground). A works contract with entries of its own is measured by them
/// (certified work = 合同额 × its 形象进度); one without any by its project's progress.
struct ContractProgress {
  Id id = 0;
  Id contractId = 0;
  Id projectId = 0;  ///< the contract's project
  YearMonth month;
  Percent percent;
  std::string note;
  int64_t rowVersion = 0;
};

/// 年度计划投资: what a project is planned to invest in one year.
struct AnnualPlan {
  Id id = 0;
  Id projectId = 0;
  int year = 0;
  Money amount;
  std::string note;
  int64_t rowVersion = 0;
};

struct Contract {
  Id id = 0;
  std::string code;
  Id projectId = 0;
  ContractKind kind = ContractKind::Works;
  std::string counterparty;  ///< 施工单位 (the contractor, supplier or consultant)
  Money amount;
  std::optional<Date> signedDate;
  Rate advanceRate;    ///< 预付款比例, at most 30%
  /// 质保金比例, at most 3%; nullopt when the contract states none (the county default
  /// applies). A stated 0% is a contract whose 履约保证金 or guarantee replaces retention
  /// (建质〔2017〕138号).
  std::optional<Rate> retentionRate;
  /// 采购方式; nullopt when not entered.
  std::optional<Procurement> procurement;
  std::string awardNo;  ///< 中标通知书编号
  /// How the advance is recovered from progress payments: linearly while % complete goes
  /// from `advanceRecoverFrom` to `advanceRecoverTo` (both or neither).
  std::optional<Percent> advanceRecoverFrom, advanceRecoverTo;
  std::string note;
  int64_t rowVersion = 0;
};

/// 拨付. Never edited once stored: a mistake is corrected by a reversing payment
/// (红字冲销) whose amount is negative and which names the payment it reverses.
struct Payment {
  Id id = 0;
  Id projectId = 0;
  std::optional<Id> contractId;
  Id sourceId = 0;
  CostCategory category = CostCategory::Construction;
  Date date;
  Money amount;
  PaymentKind kind = PaymentKind::Progress;
  std::string voucher;  ///< 凭证号
  std::string payee;    ///< 收款单位
  std::optional<Id> reversesId;
  std::string note;
};

/// The year a programme names by its leading "2019年" ("2019年寄宿制学校建设" → 2019);
/// nullopt when it does not begin with a four-digit year followed by 年.
std::optional<int> ProgrammeYear(const std::string& programme);

/// Limits the model enforces (DOMAIN.md).
inline constexpr int64_t kMaxAdvanceBp = 3000;    ///< 预付款 ≤ 30%
inline constexpr int64_t kMaxRetentionBp = 300;   ///< 质保金 ≤ 3%
inline constexpr int kMaxPermitExtensions = 2;    ///< 建筑法 第九条: 延期以两次为限

/// True when `code` is a 行政区划代码: exactly six ASCII digits.
bool IsCountyCode(const std::string& code);

void Check(const County&);
void Check(const Project&);
void Check(const BudgetLine&);
void Check(const FundKind&);
void Check(const FundingSource&);
void Check(const Allocation&);
void Check(const Receipt&);
void Check(const ProcedureTemplateStep&);
void Check(const ProcedureStep&);
void Check(const ProgressEntry&);
void Check(const ContractProgress&);
void Check(const Contract&);
void Check(const AnnualPlan&);
void Check(const Payment&);

/// One row of the project list: a project with its money totals and latest progress.
struct ProjectSummary {
  Project project;
  Money budget, committed, received, paid;
  std::optional<Percent> percent;           ///< latest % complete, if any progress recorded
  std::optional<YearMonth> percentMonth;
};

}  // namespace sb

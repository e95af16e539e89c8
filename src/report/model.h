#pragma once
/// The monthly progress report (月报) as data: one row per project with the columns of
/// DOMAIN.md, the summary pages (四率, counts and amounts by building category and stage,
/// funding by source, funding gaps by cost category, warnings) and the page header and
/// footer texts. Everything is computed from a Portfolio and a month; nothing here knows
/// about pages, fonts or files (layout.h, the renderers) or about the database
/// (service.h). A closed month stores this model (snapshot.h) and is reprinted from it.
///
/// Figures are cumulative to the last day of the report month: allocations, receipts and
/// payments dated on or before it, and the latest progress entry of a month not after it.
/// Budgets, procedure steps and project attributes are as they are now (they carry no
/// date). "本月" (this month) is the difference between the month and the last closed
/// month before it (its stored snapshot); with no closed month before, the month before.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enums.h"
#include "core/gaps.h"
#include "core/kpi.h"
#include "core/model.h"
#include "core/portfolio.h"
#include "core/rules.h"
#include "core/rules.h"

namespace sb::report {

struct ReportModel;

/// Which projects a report covers: all of them, or those of one year, one programme or
/// both.
struct ReportScope {
  /// The projects of this year: the year its programme names ("2019年寄宿制学校建设",
  /// core ProgrammeYear), else the year of its planned start.
  std::optional<int> year;
  /// The projects of this programme (项目批次), exactly as written.
  std::optional<std::string> programme;
  /// The projects of one county (行政区划代码), where a database holds several.
  std::optional<std::string> county;
  bool All() const { return !year && !programme && !county; }
  bool Includes(const Project& project) const;
  /// "2019年度" / "2019年寄宿制学校建设" / "2019年度、2019年寄宿制学校建设"; "" for all.
  std::string Text() const;
  friend bool operator==(const ReportScope&, const ReportScope&) = default;
};

inline constexpr size_t kLevelCount = EnumCount<SourceLevel>();
using LevelAmounts = std::array<Money, kLevelCount>;  ///< indexed by SourceLevel

/// How the project rows are grouped into subtotals.
enum class GroupBy { Township, Stage, Category, Source, Programme, County };
/// "township" | "stage" | "category" | "source" | "programme" | "county" (command line).
std::string_view GroupByName(GroupBy g);
/// "乡镇" | "学段" | "建设类别" | "主要资金来源" | "项目批次" | "县（区）".
std::string_view GroupByLabel(GroupBy g);
std::optional<GroupBy> ParseGroupBy(std::string_view text);

/// One project in the report.
struct ReportRow {
  std::string code, name, school, township;
  std::string programme;  ///< 项目批次; "" = none
  std::string countyCode, countyName;  ///< 行政区划代码 and name of the project's county
  Stage stage = Stage::Primary;
  BuildingCategory category = BuildingCategory::TeachingBuilding;
  Nature nature = Nature::NewBuild;
  ProjectStatus status = ProjectStatus::Planned;
  Area floorArea;
  /// The source with the largest commitment to the project (ties: the first by code);
  /// "" when nothing is committed. Grouping by source uses it, so every project sits in
  /// exactly one group and the subtotals add up to the total.
  std::string mainSource;
  Money budget;                 ///< 概算总投资: Σ budget lines
  LevelAmounts committedByLevel;  ///< 资金来源（已下达）by the level of each source's fund kind
  Money committed;              ///< Σ committedByLevel
  Money received;               ///< 累计到位
  Money paid;                   ///< 累计拨付 (reversals netted)
  Money gap;                    ///< 资金缺口 = max(0, budget − committed)
  Money monthInvested;          ///< 本月完成投资 = invested − invested of the baseline
  Money invested;               ///< 累计完成投资
  std::optional<Money> annualPlan;  ///< 年度计划投资 of the month's year, if the project has one
  Money ytdInvested;            ///< 本年完成投资 (1月 to the month)
  std::optional<Percent> percent;          ///< 形象进度, latest entry up to the month
  std::optional<Percent> schedulePercent;  ///< 序时进度 at the evaluation date
  int proceduresDone = 0;      ///< required-before-start steps 已办结 or 不适用
  int proceduresRequired = 0;  ///< required-before-start steps in the template
  std::optional<Date> plannedStart, actualStart, plannedFinish, actualFinish;
  std::string problems, nextSteps;  ///< of the latest progress entry up to the month
};

/// Sums over a set of rows (a group or the whole report).
struct Totals {
  int projects = 0;
  int64_t floorAreaCenti = 0;
  Money budget;
  LevelAmounts committedByLevel;
  Money committed, received, paid, gap, monthInvested, invested;
  Money annualPlan, ytdInvested;  ///< over the rows with a plan, so that their ratio means something
  void Add(const ReportRow& r);
  friend bool operator==(const Totals&, const Totals&) = default;
};

struct Group {
  std::string label;         ///< "芦溪镇", "初中", "教学楼", a source name, "未下达资金"
  std::vector<size_t> rows;  ///< indexes into ReportModel::rows, by project code
  Totals totals;
};

struct Grouping {
  GroupBy by = GroupBy::Township;
  std::vector<Group> groups;
  Totals total;
};

/// 四率 are core's Kpis (core/kpi.h), computed on the month's data as of its last day, so
/// the report and the county overview agree. Each is an exact Ratio of integers:
/// - 开工率 (startRate): projects whose actual start is on or before the month's last day,
///   among the projects whose planned start is on or before it (projects with no planned
///   start are not counted; an early start of a project planned later is not counted).
/// - 投资完成率 (investmentRate): Σ cumulative completed investment (latest progress entry
///   up to the month) ÷ Σ approved budget of all projects, in fen.
/// - 资金到位率 (fundsReceivedRate): Σ received up to the month's last day ÷ Σ committed up
///   to it, in fen.
/// - 按期完工率 (onTimeRate): projects whose actual finish is on or before their planned
///   finish, among the projects whose planned finish is on or before the month's last day.
/// Printed as percent with one decimal, rounded half up ("—" when nothing to rate).

/// Projects and money of one building category or one stage.
struct CountAmount {
  std::string label;
  int projects = 0;
  Money budget, committed, invested, monthInvested;
  void Add(const CountAmount& c);
};

/// 义务教育 is 小学, 初中 and 九年一贯制; 非义务教育 is 学前教育, 高中 and 中职 (the county's
/// summary: "11个非义务教育项目：学前3个、高中4个、中职4个"). 特殊教育 and 其他 are in neither.
enum class Schooling { Compulsory, NonCompulsory, Neither };
Schooling SchoolingOf(Stage s);
/// "义务教育" | "非义务教育" | "".
std::string_view SchoolingName(Schooling s);

/// A line of the by-stage table: a stage, or the subtotal of 义务教育 / 非义务教育 that
/// leads its stages.
struct StageLine {
  CountAmount figures;
  bool subtotal = false;
};
/// The by-stage table: "义务教育小计" followed by its stages, "非义务教育小计" followed by
/// its stages, then 特殊教育 and 其他 (a subtotal only when one of its stages has projects).
/// The stage lines add up to the report's total; the subtotals are not added again.
std::vector<StageLine> StageTable(const ReportModel& model);

/// One building category by nature (建设性质): project counts and 概算 per nature.
inline constexpr size_t kNatureCount = EnumCount<Nature>();
struct CategoryNatureLine {
  std::string label;  ///< the category, or "合计"
  std::array<int, kNatureCount> projects{};
  std::array<Money, kNatureCount> budget{};
  int totalProjects = 0;
  Money totalBudget;
};
/// 项目类别 × 建设性质: a line per building category with projects (canonical order) and
/// the "合计" line last. From the rows, so a closed month's snapshot prints it too.
std::vector<CategoryNatureLine> CategoryNatureTable(const ReportModel& model);

/// One funding source: what it committed, delivered and what was paid from it.
struct SourceLine {
  std::string code, name, kind;
  SourceLevel level = SourceLevel::Other;
  Money committed, received, paid;
  Money idle;  ///< 闲置资金: received long ago and not paid (core IdleMoneyOf, as IDLE_FUNDS)
  Ratio ReceivedRate() const { return {received.fen(), committed.fen()}; }  ///< 到位率
  Ratio PaidRate() const { return {paid.fen(), received.fen()}; }           ///< 拨付率
};

/// The county's funding gap in one cost category (basis: committed funds).
struct GapCategoryLine {
  CostCategory category = CostCategory::Construction;
  Money budget, covered, uncovered;
  int projectsWithGap = 0;
};

/// A project with budget that no eligible committed source can cover.
struct GapProjectLine {
  std::string code, name;
  CategoryAmounts uncovered;
  Money totalUncovered;
};

/// One warning as printed.
struct WarningLine {
  std::string projectCode, projectName;
  std::string code, title;
  Severity severity = Severity::Warning;
  std::optional<Money> amount;
  std::string message;
};

/// Code of the warning raised when data of a closed month changed after closing.
inline constexpr const char* kBackdatedCode = kClosedMonthChanged;  // core/rules.h registry

struct ReportHeader {
  std::string county;    ///< settings county_name
  std::string bureau;    ///< settings bureau_name: 填报单位
  std::string preparer;  ///< settings report.preparer (填报人), may be empty
  std::string reviewer;  ///< settings report.reviewer (审核人)
  std::string approver;  ///< settings report.approver (负责人)
  YearMonth month;
  Date reportDate;       ///< 填报日期
  Date evaluationDate;   ///< the date 序时进度 and the warnings are computed for
  std::optional<YearMonth> baselineMonth;  ///< the closed month "本月" is measured from
  /// 校验码 of a closed month (core/history.h CheckCode), printed in the footer; "" for a
  /// month not closed. Not part of the snapshot: it is derived from it.
  std::string checkCode;
  /// The projects the report covers (ReportRequest::scope).
  ReportScope scope;
  /// "芦溪县教育系统基建项目建设进度月报（2026年10月）"; of a scope
  /// "建始县教育系统基建项目建设进度月报（2019年12月·2019年寄宿制学校建设）".
  std::string Title() const;
};

struct ReportModel {
  static constexpr int kFormatVersion = 1;
  ReportHeader header;
  std::vector<ReportRow> rows;  ///< by project code
  Kpis kpis;
  std::vector<CountAmount> byCategory;  ///< canonical category order, only those present
  std::vector<CountAmount> byStage;     ///< canonical stage order, only those present
  std::vector<SourceLine> sources;      ///< by code, only sources with money up to the month
  std::vector<GapCategoryLine> gapCategories;  ///< canonical order, categories with budget
  std::vector<GapProjectLine> gapProjects;     ///< by project code, uncovered > 0
  std::vector<WarningLine> warnings;           ///< projects in code order, then rule order

  Totals Total() const;
};

/// Settings keys for the footer names.
inline constexpr const char* kSetPreparer = "report.preparer";
inline constexpr const char* kSetReviewer = "report.reviewer";
inline constexpr const char* kSetApprover = "report.approver";

/// The portfolio as it stood on `cutoff`: allocations, receipts and payments dated after
/// it and progress entries (projects' and contracts') of later months removed; everything
/// else unchanged. Payments summed in SQL (Portfolio::paymentTotals) cannot be cut: they
/// must have been summed up to `cutoff` (PaymentTotals::upTo; std::logic_error if not).
Portfolio PortfolioAsOf(Portfolio portfolio, Date cutoff);

/// The portfolio reduced to the projects of `scope` and their rows; funding sources, fund
/// kinds, the template and the settings stay whole; summed payments too are reduced.
Portfolio PortfolioOf(Portfolio portfolio, const ReportScope& scope);

struct ReportRequest {
  YearMonth month;
  Date reportDate;  ///< 填报日期 (usually today)
  /// The last closed month before `month` and its stored model, if any.
  const ReportModel* baseline = nullptr;
  /// When the portfolio holds summed payments (storage::LoadReportPortfolio, up to the
  /// month's last day): the same summed up to the baseline month's last day.
  const PaymentTotals* baselineTotals = nullptr;
  /// Only these projects: every section, the 四率 included, is computed on them alone.
  ReportScope scope;
};

/// Builds the report. The evaluation date is the month's last day, or the report date if
/// that is earlier (a report printed during its own month). When a baseline is given,
/// the figures of its month are recomputed from the current data and every difference
/// from the snapshot (a back-dated entry after closing) becomes a CLOSED_MONTH_CHANGED
/// warning. Throws Error(InvalidInput) when a rule setting is unusable.
ReportModel BuildReport(const Portfolio& portfolio, const ReportRequest& request);

/// Groups the rows; groups in a fixed order (townships and sources by first appearance
/// in code order with "未下达资金" last, stages and categories in canonical order,
/// programmes by name — "2019年…" before "2020年…" — with "未列入批次" last).
Grouping GroupRows(const ReportModel& model, GroupBy by);

/// 市级汇总 (issue 11): a database holding several counties (a city's server), one line per
/// county with the report's summary money columns and its 四率, and the total line.
struct RollupLine {
  std::string code;  ///< 行政区划代码; "" for the total line
  std::string name;  ///< 县（区）; "合计" for the total line
  Totals totals;     ///< the county's report total (ReportModel::Total)
  Kpis kpis;         ///< the county's 四率, computed on its projects alone
};
struct RollupModel {
  ReportHeader header;             ///< month and dates, 填报单位, signatures (county: the city's title)
  std::vector<RollupLine> counties;  ///< by code, every county of the database
  /// Money: the sum of the county lines. 四率: over every project of the database (the
  /// ratios of the summed numerators and denominators), as the city's own report has them.
  RollupLine total;
  /// "各县（区）教育系统基建项目建设情况汇总（2026年10月）", with the setting city_name before it.
  std::string Title() const;
};
/// Each county's report of `request.month` (its projects alone), one line each, and the
/// total. `request.scope` other than a county narrows every county alike.
RollupModel BuildRollup(const Portfolio& portfolio, const ReportRequest& request);

/// "一", "二", … "九十九" for group headings.
std::string ChineseNumber(int n);

/// A rate as printed in a "（%）" column: "85.7", or "—" when there is nothing to rate.
std::string PercentText(const Ratio& r);

/// "2025.3" (print) for a date; "" when absent.
std::string ShortMonthDate(const std::optional<Date>& d);

}  // namespace sb::report

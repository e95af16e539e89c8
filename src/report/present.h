#pragma once
/// The report as printed tables of text: the main table (columns with their two-level
/// headers, one row per project, group subtotal rows and the total) and the summary
/// sections. The page layout (layout.h) and the HTML page draw these same tables, so
/// what is printed and what is shown in a browser say the same thing.
#include <string>
#include <vector>

#include "report/model.h"

namespace sb::report {

enum class Align { Left, Center, Decimal };

struct PColumn {
  std::string group;  ///< upper header cell shared by adjacent columns; "" = one cell over both levels
  std::string title;  ///< with its unit, e.g. "形象进度（%）"
  Align align = Align::Left;
  bool wrap = false;    ///< long text breaks inside the cell (names, problems)
  double minEm = 2;     ///< narrowest width in characters of the body font
  double weight = 0;    ///< share of spare width given to wrapping columns
};

struct PCell {
  std::string text;
  int span = 1;  ///< columns covered (labels of subtotal rows)
  /// Overrides the column's alignment (a spanned label is left-aligned).
  std::optional<Align> align;
};

struct PRow {
  std::vector<PCell> cells;  ///< spans add up to the column count
  bool bold = false;         ///< subtotal and total rows
  bool keepWithNext = false; ///< a group heading is never the last row of a page
  int modelRow = -1;         ///< index into ReportModel::rows for project rows
};

struct PTable {
  std::vector<PColumn> cols;
  std::vector<PRow> rows;
};

struct PSection {
  std::string heading;  ///< "一、主要指标（四率）"
  std::string note;     ///< a line under the heading (definitions), may be empty
  PTable table;
};

/// One number of decimals in each decimal-aligned column of `t`: the most its figures need
/// (amounts 2–4), the other figures padded with zeros. MainTable and SummarySections do it.
void UniformDecimals(PTable& t);
/// 万元 with 2–4 decimals and thousands separators: "2,644.2375".
std::string WanText(Money m);
/// Floor area in m², thousands separators, decimals only when needed: "32,500".
std::string AreaText(int64_t centi);
/// State of the procedures required before 开工: "齐全" or "缺2项".
std::string ProceduresText(const ReportRow& r);
/// The source levels the printed table shows: those with money anywhere in the report
/// (a level nobody uses would be an empty column on every page). At least one.
std::vector<SourceLevel> PrintedLevels(const ReportModel& model);

/// The main table for a grouping: group subtotal rows lead their group ("一、芦溪镇小计
/// （5个）"), projects are numbered 1…n across groups, the total row ("合计") comes last.
PTable MainTable(const ReportModel& model, const Grouping& grouping);

/// 四率 with their computation and definition, as printed.
struct KpiLine {
  std::string name;         ///< "开工率"
  Ratio ratio;
  std::string computation;  ///< "已开工 12 个 ÷ 应开工 14 个"
  std::string definition;
};
std::vector<KpiLine> KpiLines(const ReportModel& model);

/// A county's warnings and funding-gap projects are printed one by one; a city's or a
/// province's (tens of thousands) would be a book: beyond kListedInFull lines the printed
/// report lists only the kTopListed with the largest amounts — after the counts of
/// warnings by type and by township — and says where the full list is (the report
/// xlsx's 预警 and 资金缺口 sheets, `schoolbuild-cli warnings|gaps --format csv`).
inline constexpr size_t kListedInFull = 200;
inline constexpr size_t kTopListed = 50;
/// The warnings the printed detail lists: every one, in the model's order, while there
/// are at most kListedInFull; else the kTopListed with the largest amounts (ties, and
/// warnings without an amount, in severity order, then the model's).
std::vector<const WarningLine*> PrintedWarnings(const ReportModel& model);
/// The funding-gap projects printed: all (by code) while at most kListedInFull, else
/// the kTopListed with the largest uncovered total (ties by code).
std::vector<const GapProjectLine*> PrintedGapProjects(const ReportModel& model);

/// The summary pages: 四率, by category, by stage, funding by source, funding gaps by cost
/// category and by project, warnings by type (code) and by township, the warnings
/// themselves (PrintedWarnings).
std::vector<PSection> SummarySections(const ReportModel& model);

/// 市级汇总 as printed: a line per county (序号, 行政区划代码, 县（区）, the money of the
/// report's summary in 万元, the 四率 in %), the 合计 line last, bold.
PTable RollupTable(const RollupModel& rollup);
/// The column names of the roll-up's CSV, in order (English snake_case).
std::vector<std::string> RollupCsvColumns();

/// "填报人：张三" etc. and the date for the footer.
std::string FooterSignatures(const ReportHeader& h);

}  // namespace sb::report

#pragma once
/// The report as data files: an Excel workbook, CSV for programs, and an HTML page.
/// (The PDF is drawn from the page layout: draw.h.)
#include <ostream>
#include <string>

#include "report/model.h"

namespace sb::report {

/// .xlsx (libxlsxwriter): sheets 月报 (grouped, subtotal and total rows as SUBTOTAL
/// formulas stored with their computed values, two-level merged header, frozen header
/// rows and name columns), 汇总 (四率, by category, by stage), 资金来源, 资金缺口, 预警.
/// Amounts are numbers in 万元 with the format #,##0.00##; dates are dates.
/// Throws Error(Io) when the file cannot be written.
void WriteXlsx(const ReportModel& model, GroupBy by, const std::string& path);

/// CSV for programs: one row per project, no subtotal rows, English snake_case columns
/// (project,name,…,budget,committed,received,paid,gap,month_invested,invested,percent,
/// schedule_percent,…), amounts in 元 with two decimals, ISO dates, UTF-8 without BOM.
void WriteCsv(const ReportModel& model, std::ostream& out);
void WriteCsvFile(const ReportModel& model, const std::string& path);

/// A standalone HTML page: the same tables as the printed report (present.h).
void WriteHtml(const ReportModel& model, GroupBy by, std::ostream& out);
void WriteHtmlFile(const ReportModel& model, GroupBy by, const std::string& path);

/// 市级汇总: a workbook with one sheet (市级汇总): title, two-level header, a row per
/// county and the 合计 row; amounts in 万元, the 四率 as percentages.
void WriteRollupXlsx(const RollupModel& rollup, const std::string& path);
/// 市级汇总 for programs: RollupCsvColumns() (present.h), a row per county then the total
/// (county_code empty, county 合计); amounts in 元 with two decimals, rates in percent with
/// one decimal ("" when nothing to rate).
void WriteRollupCsv(const RollupModel& rollup, std::ostream& out);
void WriteRollupCsvFile(const RollupModel& rollup, const std::string& path);

}  // namespace sb::report

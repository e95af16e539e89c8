#pragma once
/// What the command line and the window do with reports, in one place: build a month's
/// report (or read it back when the month is closed), write it in a format, close and
/// reopen months. Thin: the figures come from model.h, the SQL from storage.
#include <optional>
#include <string>
#include <string_view>

#include "app/session.h"
#include "report/layout.h"
#include "report/model.h"
#include "storage/database.h"

namespace sb::app {

using report::GroupBy;
using report::ReportModel;

enum class FileFormat { Pdf, Xlsx, Csv, Html };
/// "pdf" | "xlsx" | "csv" | "html".
std::optional<FileFormat> ParseFileFormat(std::string_view text);
std::string_view FileFormatName(FileFormat f);

struct PreparedReport {
  ReportModel model;
  bool closed = false;      ///< read from the month's snapshot
  std::string closedAt, closedBy;
};

/// The report of `month` built from the database now, closed or not (report date
/// `reportDate`; "本月" and the back-dated entries against the last month closed before
/// it). The payments are read summed (storage::LoadReportPortfolio), not row by row.
report::ReportModel BuildMonthReport(storage::Database& db, YearMonth month, Date reportDate,
                                     const report::ReportScope& scope = {});

/// The report of `month`: the stored snapshot when the month is closed, otherwise built
/// from the database now (report date `today`, "本月" against the last closed month).
/// With a scope, only its projects (a year, a programme); a closed month is reprinted only
/// whole, as it was closed, so a scope of a closed month is refused.
PreparedReport PrepareReport(storage::Database& db, YearMonth month, Date today,
                             const report::ReportScope& scope = {});

/// 市级汇总 of `month`: each county's figures as of the month's end, from the database now
/// (closed months included: a county's snapshot holds no 四率 of its own), report date
/// `today`. Refused when the database has only one county: the monthly report is its
/// summary.
report::RollupModel PrepareRollup(storage::Database& db, YearMonth month, Date today);
/// Writes the roll-up as pdf, xlsx or csv through a temporary file (as WriteReport).
void WriteRollup(const report::RollupModel& rollup, FileFormat format, const std::string& path);

/// Writes the report grouped by `by` to `path`, through a temporary file renamed into
/// place when complete: a failure (a full disk) leaves an earlier `path` as it was and no
/// 0-byte file. Throws Error(Io) on write failure.
void WriteReport(const ReportModel& model, GroupBy by, FileFormat format, const std::string& path);
/// The same for a PDF already laid out (the caller wants its page count).
void WritePdfReport(const report::DocumentLayout& doc, const std::string& path);

/// Closes `month`: builds its report as of `today` and stores it as the month's snapshot,
/// in one transaction. Refused when the month is already closed or has not begun.
/// Returns the stored model.
ReportModel CloseMonth(Session& session, YearMonth month, Date today, const std::string& by);

/// Reopens a closed month; the reason is required and recorded with the old snapshot.
void ReopenMonth(Session& session, YearMonth month, const std::string& by, const std::string& reason);

/// Local time as "2026-11-03T09:30:00".
std::string NowTimestamp();


}  // namespace sb::app

#include "app/report_service.h"

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/history.h"
#include "core/rules.h"
#include "core/translate.h"
#include "report/draw.h"
#include "report/export.h"
#include "report/layout.h"
#include "report/snapshot.h"
#include "storage/history_repository.h"
#include "storage/report_repository.h"
#include "storage/repository.h"

namespace sb::app {

using namespace sb::report;

std::optional<FileFormat> ParseFileFormat(std::string_view text) {
  for (FileFormat f : {FileFormat::Pdf, FileFormat::Xlsx, FileFormat::Csv, FileFormat::Html})
    if (text == FileFormatName(f)) return f;
  return std::nullopt;
}

std::string_view FileFormatName(FileFormat f) {
  switch (f) {
    case FileFormat::Pdf: return "pdf";
    case FileFormat::Xlsx: return "xlsx";
    case FileFormat::Csv: return "csv";
    case FileFormat::Html: return "html";
  }
  return "pdf";
}

std::string NowTimestamp() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

namespace {

// A month in a message, in the user's language ("2026年11月" in Chinese).
std::string MonthWords(YearMonth m) { return Tr("%d年%d月", m.year(), m.month()); }

}  // namespace

// The portfolio with its payments summed in SQL up to the month's end (a province's
// million payment rows are never loaded), and up to the baseline month's end for the
// figures of a closed month recomputed.
ReportModel BuildMonthReport(storage::Database& db, YearMonth month, Date today, const ReportScope& scope) {
  Portfolio p = storage::LoadReportPortfolio(db, month.LastDay());
  std::optional<ReportModel> baseline;
  std::optional<PaymentTotals> baselineTotals;
  if (auto last = storage::LastClosingBefore(db, month)) {
    baseline = SnapshotFromJson(last->snapshot);
    baselineTotals = storage::PaymentTotalsUpTo(db, baseline->header.month.LastDay(), ProjectsWithPaymentsToCheck(p));
  }
  ReportRequest request{month, today, baseline ? &*baseline : nullptr,
                        baselineTotals ? &*baselineTotals : nullptr, scope};
  return BuildReport(p, request);
}

PreparedReport PrepareReport(storage::Database& db, YearMonth month, Date today, const ReportScope& scope) {
  PreparedReport r;
  if (auto closing = storage::FindMonthClosing(db, month)) {
    if (!scope.All())
      // TRANSLATORS: the month, then the projects chosen (a township, a programme …).
      Fail(ErrorCode::Refused, Tr("%s已定稿，定稿的月报只按定稿时的全部项目原样重印，不能只印“%s”的项目；需要时请先重新打开该月",
                                  MonthWords(month).c_str(), scope.Text().c_str()));
    r.model = SnapshotFromJson(closing->snapshot);
    r.model.header.checkCode = CheckCode(month, closing->chainHead, closing->snapshot);
    r.closed = true;
    r.closedAt = closing->closedAt;
    r.closedBy = closing->closedBy;
    return r;
  }
  r.model = BuildMonthReport(db, month, today, scope);
  return r;
}

void WriteReport(const ReportModel& model, GroupBy by, FileFormat format, const std::string& path) {
  WriteThroughTemporary(path, [&](const std::string& temp) {
    switch (format) {
      case FileFormat::Pdf: WritePdf(LayoutReport(model, by), temp); break;
      case FileFormat::Xlsx: WriteXlsx(model, by, temp); break;
      case FileFormat::Csv: WriteCsvFile(model, temp); break;
      case FileFormat::Html: WriteHtmlFile(model, by, temp); break;
    }
  });
}

report::RollupModel PrepareRollup(storage::Database& db, YearMonth month, Date today) {
  Portfolio p = storage::LoadReportPortfolio(db, month.LastDay());
  if (p.counties.size() < 2)
    // TRANSLATORS: 市级汇总 is the city's roll-up of its counties; %zu how many counties the database has.
    Fail(ErrorCode::Refused, Tr("市级汇总按县（区）汇总，本数据库只有 %zu 个县（区）；请用月报（report --month）", p.counties.size()));
  return BuildRollup(p, {month, today, nullptr, nullptr, {}});
}

void WriteRollup(const report::RollupModel& rollup, FileFormat format, const std::string& path) {
  WriteThroughTemporary(path, [&](const std::string& temp) {
    switch (format) {
      case FileFormat::Pdf: WritePdf(LayoutRollup(rollup), temp); break;
      case FileFormat::Xlsx: WriteRollupXlsx(rollup, temp); break;
      case FileFormat::Csv: WriteRollupCsvFile(rollup, temp); break;
      case FileFormat::Html:
        Fail(ErrorCode::InvalidInput, Tr("市级汇总没有 html 格式：请用 pdf、xlsx、csv（或命令行的 table）"));
    }
  });
}

void WritePdfReport(const report::DocumentLayout& doc, const std::string& path) {
  WriteThroughTemporary(path, [&](const std::string& temp) { WritePdf(doc, temp); });
}

ReportModel CloseMonth(Session& session, YearMonth month, Date today, const std::string& by) {
  session.Require(Area::Closing);
  if (YearMonth::Of(today) < month)
    Fail(ErrorCode::Refused, Tr("%s还没有到，不能定稿", MonthWords(month).c_str()));
  storage::Database& db = session.db();
  storage::WriteTransaction tx(db);
  storage::SetHistoryContext(db, session.actor().user, "月报定稿 " + month.Format());
  if (storage::FindMonthClosing(db, month))
    Fail(ErrorCode::Refused, Tr("%s已经定稿；要重新定稿请先重新打开该月", MonthWords(month).c_str()));
  ReportModel m = BuildMonthReport(db, month, today);
  storage::MonthClosing c;
  c.month = month;
  c.closedAt = NowTimestamp();
  c.closedBy = by.empty() ? session.actor().user : by;
  c.reportDate = m.header.reportDate;
  c.formatVersion = ReportModel::kFormatVersion;
  c.snapshot = SnapshotToJson(m);
  // The printout's check code stands on the history as it is at this moment.
  storage::SealHistory(db);
  if (auto head = storage::HistoryHead(db)) c.chainHead = head->hash.value_or("");
  storage::InsertMonthClosing(db, c);
  tx.Commit();
  m.header.checkCode = CheckCode(month, c.chainHead, c.snapshot);
  session.Invalidate();
  return m;
}

void ReopenMonth(Session& session, YearMonth month, const std::string& by, const std::string& reason) {
  session.Require(Area::Closing);
  storage::WriteTransaction tx(session.db());
  storage::SetHistoryContext(session.db(), session.actor().user, "重新打开 " + month.Format());
  storage::DeleteMonthClosing(session.db(), month, by.empty() ? session.actor().user : by, NowTimestamp(),
                              reason);
  tx.Commit();
  session.Invalidate();
}

}  // namespace sb::app

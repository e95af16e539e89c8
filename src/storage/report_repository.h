#pragma once
/// Closed months of the monthly report (db/sqlite/0003_month_closings.sql). The snapshot is
/// opaque text here (the report model as JSON, written and read by src/report); storage
/// only keeps it, with who closed the month and when, and the record of every close and
/// reopen. Writes expect the caller to hold a WriteTransaction.
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "storage/database.h"

namespace sb::storage {

struct MonthClosing {
  YearMonth month;
  std::string closedAt;  ///< local time "2026-11-03T09:30:00"
  std::string closedBy;
  Date reportDate;       ///< 填报日期 printed on the closed report
  int formatVersion = 1;
  std::string snapshot;  ///< empty in the lists below (MonthClosings), full in Find*
  std::string chainHead; ///< the history's head hash when the month was closed ("" before 0006)
};

struct MonthClosingEvent {
  int64_t id = 0;
  YearMonth month;
  std::string action;  ///< "close" | "reopen"
  std::string at, by, reason;
};

/// The closing of `month` with its snapshot, if the month is closed.
std::optional<MonthClosing> FindMonthClosing(Database& db, YearMonth month);
/// The latest closed month strictly before `month`, with its snapshot.
std::optional<MonthClosing> LastClosingBefore(Database& db, YearMonth month);
/// Every closed month, newest first, without the snapshot text.
std::vector<MonthClosing> MonthClosings(Database& db);
/// Every close and reopen, oldest first.
std::vector<MonthClosingEvent> MonthClosingEvents(Database& db);

/// Stores the closing and records a "close" event. Refused when the month is closed.
void InsertMonthClosing(Database& db, const MonthClosing& closing);
/// Deletes the closing and records a "reopen" event keeping the discarded snapshot.
/// Refused when the month is not closed or the reason is empty.
void DeleteMonthClosing(Database& db, YearMonth month, const std::string& by, const std::string& at,
                        const std::string& reason);

}  // namespace sb::storage

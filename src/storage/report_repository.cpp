#include "storage/report_repository.h"

#include <soci/soci.h>

#include "core/error.h"
#include "core/text.h"
#include "core/translate.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

namespace {

int64_t I64(const soci::row& r, size_t i) { return RowInt64(r, i); }
std::string Str(const soci::row& r, size_t i) { return RowText(r, i); }

YearMonth MonthCol(const std::string& s) {
  try {
    return YearMonth::Parse(s);
  } catch (const Error&) {
    Fail(ErrorCode::Database, Tr("数据库中定稿月份“%s”已损坏", s.c_str()));
  }
}

// A month in a message, in the user's language ("2026年11月" in Chinese).
std::string MonthWords(YearMonth m) { return Tr("%d年%d月", m.year(), m.month()); }

const char* kClosingCols = "month, closed_at, closed_by, report_date, format_version, chain_head";

MonthClosing ReadClosing(const soci::row& r, bool withSnapshot) {
  MonthClosing c;
  c.month = MonthCol(Str(r, 0));
  c.closedAt = Str(r, 1);
  c.closedBy = Str(r, 2);
  c.reportDate = DateFromColumn(Str(r, 3), "month_closings.report_date");
  c.formatVersion = static_cast<int>(I64(r, 4));
  c.chainHead = Str(r, 5);
  if (withSnapshot) c.snapshot = Str(r, 6);
  return c;
}

std::optional<MonthClosing> One(Database& db, const std::string& where, const std::string& month) {
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << std::string("SELECT ") + kClosingCols + ", snapshot FROM month_closings " +
                                     where,
         use(month, "m"));
    for (const auto& r : rows) return ReadClosing(r, true);
    return std::nullopt;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取定稿记录"));
  }
}

void RecordEvent(Database& db, const std::string& month, const char* action, const std::string& at,
                 const std::string& by, const std::string& reason, OptText snapshot) {
  std::string act = action;
  Sql(db) << "INSERT INTO month_closing_events (month, action, at, by_user, reason, snapshot) "
                  "VALUES (:m, :a, :at, :by, :r, :s)",
      use(month, "m"), use(act, "a"), use(at, "at"), use(by, "by"), use(reason, "r"),
      use(snapshot.value, snapshot.ind, "s");
}

}  // namespace

std::optional<MonthClosing> FindMonthClosing(Database& db, YearMonth month) {
  return One(db, "WHERE month = :m", month.Format());
}

std::optional<MonthClosing> LastClosingBefore(Database& db, YearMonth month) {
  // 'YYYY-MM' text sorts like the months it names.
  return One(db, "WHERE month < :m ORDER BY month DESC LIMIT 1", month.Format());
}

std::vector<MonthClosing> MonthClosings(Database& db) {
  std::vector<MonthClosing> out;
  try {
    soci::rowset<soci::row> rows =
        Sql(db).prepare << std::string("SELECT ") + kClosingCols + " FROM month_closings ORDER BY month DESC";
    for (const auto& r : rows) out.push_back(ReadClosing(r, false));
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取定稿记录"));
  }
  return out;
}

std::vector<MonthClosingEvent> MonthClosingEvents(Database& db) {
  std::vector<MonthClosingEvent> out;
  try {
    soci::rowset<soci::row> rows = Sql(db).prepare
                                   << "SELECT id, month, action, at, by_user, reason FROM month_closing_events "
                                      "ORDER BY id";
    for (const auto& r : rows)
      out.push_back({I64(r, 0), MonthCol(Str(r, 1)), Str(r, 2), Str(r, 3), Str(r, 4), Str(r, 5)});
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("读取定稿记录"));
  }
  return out;
}

void InsertMonthClosing(Database& db, const MonthClosing& c) {
  std::string month = c.month.Format();
  try {
    int n = 0;
    Sql(db) << "SELECT COUNT(*) FROM month_closings WHERE month = :m", use(month, "m"), into(n);
    // TRANSLATORS: 定稿 is closing a month: its report is final and its figures frozen.
    if (n > 0) Fail(ErrorCode::Refused, Tr("%s已经定稿；要重新定稿请先重新打开该月", MonthWords(c.month).c_str()));
    std::string date = FormatDate(c.reportDate);
    long long format = c.formatVersion;
    Sql(db) << "INSERT INTO month_closings (month, closed_at, closed_by, report_date, format_version, "
                    "snapshot, chain_head) VALUES (:m, :at, :by, :d, :f, :s, :h)",
        use(month, "m"), use(c.closedAt, "at"), use(c.closedBy, "by"), use(date, "d"), use(format, "f"),
        use(c.snapshot, "s"), use(c.chainHead, "h");
    RecordEvent(db, month, "close", c.closedAt, c.closedBy, "", OptText());
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("定稿 %s", MonthWords(c.month).c_str()));
  }
}

void DeleteMonthClosing(Database& db, YearMonth month, const std::string& by, const std::string& at,
                        const std::string& reason) {
  if (Trim(reason).empty())
    Fail(ErrorCode::InvalidInput, Tr("重新打开已定稿的月份必须写明原因"));
  std::string m = month.Format();
  try {
    auto closing = FindMonthClosing(db, month);
    if (!closing) Fail(ErrorCode::Refused, Tr("%s没有定稿，不需要重新打开", MonthWords(month).c_str()));
    Sql(db) << "DELETE FROM month_closings WHERE month = :m", use(m, "m");
    RecordEvent(db, m, "reopen", at, by, Trim(reason), OptText(closing->snapshot));
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("重新打开 %s", MonthWords(month).c_str()));
  }
}

}  // namespace sb::storage

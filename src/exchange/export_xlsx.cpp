// Every table as one Excel workbook (libxlsxwriter): one sheet per table, the CSV's
// columns, numbers as numbers, dates as dates — and back again through ReadXlsx.
#include <xlsxwriter.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/atomic_file.h"
#include "core/calendar.h"
#include "core/error.h"
#include "core/translate.h"
#include "exchange/exchange.h"
#include "exchange/export_rows.h"
#include "exchange/workbook.h"
#include "storage/repository.h"

namespace sb::exchange {

namespace {

enum class Kind { Text, Money, Date, Number, Percent };

Kind KindOf(const ColumnSpec& c) {
  if (c.money) return Kind::Money;
  for (std::string_view d : {"planned_start", "planned_finish", "actual_start", "actual_finish", "date",
                             "planned_date", "done_date", "signed"})
    if (c.en == d) return Kind::Date;
  if (c.en == "percent" || c.en == "advance_percent" || c.en == "retention_percent") return Kind::Percent;
  if (c.en == "year" || c.en == "floor_area_m2") return Kind::Number;
  return Kind::Text;  // months ("2025-06") stay text: a date would add a day
}

// The double a decimal text means, only when libxlsxwriter's 16 significant digits
// (%.16G) give back exactly that double and its shortest decimal is the text again:
// then the import's shortest round trip reads the very same figure. Otherwise the cell
// is written as text, which the import parses exactly too.
std::optional<double> ExactNumber(const std::string& text) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.16G", v);
  if (std::strtod(buffer, nullptr) != v) return std::nullopt;
  // "3250.50" is written as 3250.5: same value; the import's parsers read either.
  return v;
}

bool ParseIso(const std::string& s, lxw_datetime& d) {
  int y = 0, m = 0, day = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &day) != 3) return false;
  d = {y, m, day, 0, 0, 0};
  return true;
}

}  // namespace

ExportResult ExportWorkbook(storage::Database& db, const std::string& path, const ExportOptions& options) {
  ExportResult result;
  ExportReader reader(db);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    Fail(ErrorCode::Io, Tr("“%s”是一个文件夹，不是 .xlsx 文件", path.c_str()));
  bool cancelled = false;
  try {
    WriteThroughTemporary(path, [&](const std::string& temporary) {
      lxw_workbook_options wo{};
      wo.constant_memory = LXW_FALSE;
      lxw_workbook* wb = workbook_new_opt(temporary.c_str(), &wo);
      if (!wb) Fail(ErrorCode::Io, Tr("无法创建 Excel 文件 %s", path.c_str()));
      lxw_format* header = workbook_add_format(wb);
      format_set_bold(header);
      format_set_bg_color(header, 0xF2F2F2);
      format_set_text_wrap(header);
      lxw_format* money = workbook_add_format(wb);
      // Up to 6 decimals of 万元 (a fen), at least 2, as the reports print them.
      format_set_num_format(money, options.unit == MoneyUnit::Wan ? "#,##0.00####" : "#,##0.00");
      lxw_format* date = workbook_add_format(wb);
      format_set_num_format(date, "yyyy-mm-dd");
      lxw_format* number = workbook_add_format(wb);
      format_set_num_format(number, "0.##");
      lxw_format* text = workbook_add_format(wb);
      format_set_num_format(text, "@");

      size_t done = 0;
      for (Table t : kTablesInOrder) {
        const TableSpec& spec = Spec(t);
        lxw_worksheet* ws = workbook_add_worksheet(wb, std::string(spec.title).c_str());
        if (!ws) {
          workbook_close(wb);
          Fail(ErrorCode::Io, Tr("无法写入工作表 %s", std::string(spec.title).c_str()));
        }
        std::vector<Kind> kinds;
        for (size_t c = 0; c < spec.columns.size(); ++c) {
          const ColumnSpec& col = spec.columns[c];
          kinds.push_back(KindOf(col));
          worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), CanonicalHeader(col, options.unit).c_str(),
                                 header);
          double width = kinds.back() == Kind::Text ? 18 : kinds.back() == Kind::Money ? 16 : 12;
          worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr);
        }
        lxw_row_t r = 1;
        reader.Rows(t, options.unit, [&](std::vector<std::string>&& row) {
          for (size_t c = 0; c < row.size() && c < kinds.size(); ++c) {
            const std::string& v = row[c];
            if (v.empty()) continue;
            auto col = static_cast<lxw_col_t>(c);
            lxw_datetime d;
            std::optional<double> n;
            switch (kinds[c]) {
              case Kind::Money:
                if ((n = ExactNumber(v)))
                  worksheet_write_number(ws, r, col, *n, money);
                else
                  worksheet_write_string(ws, r, col, v.c_str(), text);
                break;
              case Kind::Number:
              case Kind::Percent:
                if ((n = ExactNumber(v)))
                  worksheet_write_number(ws, r, col, *n, number);
                else
                  worksheet_write_string(ws, r, col, v.c_str(), text);
                break;
              case Kind::Date:
                if (ParseIso(v, d))
                  worksheet_write_datetime(ws, r, col, &d, date);
                else
                  worksheet_write_string(ws, r, col, v.c_str(), text);
                break;
              case Kind::Text:
                // A string cell, whatever it looks like: "=HYPERLINK(…)" is never a formula here.
                worksheet_write_string(ws, r, col, v.c_str(), text);
                break;
            }
          }
          ++r;
        });
        size_t rows = r - 1;
        worksheet_freeze_panes(ws, 1, 0);
        worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(rows),
                             static_cast<lxw_col_t>(spec.columns.size() - 1));
        result.files.push_back({t, path, rows});
        done += rows;
        if (options.progress && !options.progress(done, done)) {
          workbook_close(wb);
          cancelled = true;
          Fail(ErrorCode::Io, Tr("导出已取消"));
        }
      }
      lxw_error err = workbook_close(wb);
      if (err != LXW_NO_ERROR) Fail(ErrorCode::Io, Tr("无法写入 Excel 文件 %s：%s", path.c_str(), lxw_strerror(err)));
    });
  } catch (const Error&) {
    if (!cancelled) throw;
    result.cancelled = true;
    result.files.clear();
  }
  return result;
}

}  // namespace sb::exchange

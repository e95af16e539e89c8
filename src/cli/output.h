#pragma once
/// The three output formats every command offers: `table` for people (Chinese headers,
/// formatted amounts), `csv` and `json` for programs (English snake_case keys, amounts in
/// 元 with exactly two decimals and no separators, ISO dates, plain percentages).
#include <optional>
#include <ostream>
#include <functional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/money.h"

namespace sb::cli {

enum class Format { Table, Csv, Json };
/// "table" | "csv" | "json"; throws Error(InvalidInput) otherwise.
Format ParseFormat(const std::string& text);

struct Column {
  std::string key;     ///< csv/json name
  std::string header;  ///< table header (Chinese)
  bool right = false;  ///< right-align in tables (numbers)
};

/// One value, as a program and as a person should see it.
struct Cell {
  std::string machine;
  std::string human;
  enum class Kind { Text, Number, Null } kind = Kind::Text;
};

Cell TextCell(std::string s);
Cell MoneyCell(Money m);  ///< machine "26442375.00"; human "2,644.2375" (万元)
Cell PercentCell(const std::optional<Percent>& p);
Cell IntCell(int64_t v);
Cell DateCell(const std::optional<Date>& d);

using Row = std::vector<Cell>;

void WriteTable(std::ostream& out, Format format, const std::vector<Column>& columns,
                const std::vector<Row>& rows);

/// The rows of a table made as they are written, visited in order as often as the writer
/// needs (a table for people: once for the widths, once to write): a province's 65,000
/// findings are not all held as cells at once.
using RowVisitor = std::function<void(const Row&)>;
using RowSource = std::function<void(const RowVisitor&)>;
void WriteTable(std::ostream& out, Format format, const std::vector<Column>& columns, const RowSource& rows);

/// JSON string literal with escapes.
std::string JsonString(const std::string& s);

}  // namespace sb::cli

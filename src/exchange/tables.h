#pragma once
/// The ten spreadsheet tables: file names, columns with their Chinese and English
/// headers, and the mapping of a file's header row onto them.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "exchange/csv.h"

namespace sb::exchange {

/// In dependency order: a table only refers to tables before it.
/// The tables in the order they are written (files, workbook sheets). counties.csv (县（区）,
/// issue 11) came last; the import reads it first all the same (ImportOrder), since
/// projects and funding sources name their county.
enum class Table {
  Projects, Budget, Sources, Allocations, Receipts, Procedures, Progress, Contracts, Payments, Plans,
  ContractProgress, Counties
};
inline constexpr std::array kTablesInOrder = {
    Table::Projects,   Table::Budget,   Table::Sources,   Table::Allocations, Table::Receipts,
    Table::Procedures, Table::Progress, Table::Contracts, Table::Payments,    Table::Plans,
    Table::ContractProgress, Table::Counties};
/// The order an import writes the tables in: what a row refers to before the row.
inline constexpr int ImportOrder(Table t) { return t == Table::Counties ? -1 : static_cast<int>(t); }

struct ColumnSpec {
  std::string_view zh;      ///< Chinese header, without the unit of an amount: "概算金额"
  std::string_view en;      ///< English alias, without _wan/_yuan for an amount
  bool money = false;       ///< the header must say (万元)/(元) or _wan/_yuan
  bool required = false;    ///< must be in the header row
  std::string_view suffix;  ///< fixed unit in the canonical header, optional when reading: "(㎡)"
};

struct TableSpec {
  Table table;
  std::string_view file;   ///< "projects.csv"
  std::string_view title;  ///< "项目"
  std::vector<std::string_view> names;  ///< file names recognised, without .csv, lower case
  std::vector<ColumnSpec> columns;      ///< in export order
};

const TableSpec& Spec(Table t);
/// A column of free text or codes (names, notes, vouchers, payees…), as opposed to an
/// amount, a number, a percentage, a year, a month or a date: the cells a spreadsheet
/// could take for a formula, guarded on export (GuardFormula) and unguarded on import.
bool IsTextColumn(const ColumnSpec& c);
/// The table a file holds, from its name ("projects.csv", "项目.csv", "PROJECTS.CSV").
std::optional<Table> TableForFileName(std::string_view fileName);
/// "projects.csv、budget.csv、…" for messages.
std::string KnownFileNames();

/// The canonical Chinese header of a column: "概算金额(万元)", "建筑面积(㎡)", "项目编号".
std::string CanonicalHeader(const ColumnSpec& c, MoneyUnit unit);

/// Where each column of the spec sits in a file.
struct HeaderMap {
  std::vector<int> position;     ///< per spec column: index in the record, -1 when absent
  std::vector<MoneyUnit> unit;   ///< per spec column (amounts only)
  std::vector<std::string> written;  ///< per spec column: the header as the file writes it
  std::vector<bool> unnamed;     ///< per file column: header cell empty (data must be too)
  bool Has(size_t col) const { return position[col] >= 0; }
};

struct HeaderProblem {
  size_t fileColumn = 0;  ///< 1-based; 0 = the header row as a whole
  std::string column;     ///< the header as written (may be empty)
  std::string message;
};

/// Maps a header row. Unknown, duplicate and unit-less amount columns and missing
/// required columns are reported; a column with an empty header is allowed (trailing
/// empty columns of a sheet) as long as its cells are empty, which the reader checks.
HeaderMap MapHeader(const TableSpec& spec, const CsvRecord& header,
                    std::vector<HeaderProblem>& problems);

}  // namespace sb::exchange

#pragma once
/// Finding the table in a worksheet as a clerk keeps it: title rows, 填报单位, the
/// 单位：万元 line, a one- or two-row (merged) header, merged project names, blank rows,
/// 合计/小计/总计 rows (recognised, not imported, checked against the sum of their rows),
/// 序号, notes under the table (制表人：…, 注：…) that end it. Columns are matched by the
/// program's names, their English aliases and a synonym table a county can extend; names
/// instead of codes are marked for lookup by the importer. No business decision is taken
/// here: a row is only turned into text cells, each as the CSV reader would give it.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "exchange/csv.h"
#include "exchange/tables.h"
#include "exchange/workbook.h"

namespace sb::exchange {

/// A county's words for the program's: header texts → a field ("支付金额" → "金额",
/// "资金渠道" → "来源名称"), and values → canonical values ("工程款" → "进度款"). Built-in
/// ones first; the county's (setting `import.synonyms`) and a --map file's add to them.
/// JSON: {"synonyms": {"支付金额": "金额"}, "values": {"工程款": "进度款"}}.
struct Synonyms {
  std::map<std::string, std::string> columns;  ///< normalised header → target header
  std::map<std::string, std::string> values;   ///< normalised value → canonical value
  static const Synonyms& BuiltIn();
  /// Adds `other`'s entries, replacing equal keys.
  void Add(const Synonyms& other);
  /// Parses the JSON above; throws Error(InvalidInput) naming `what` and the offset.
  static Synonyms FromJson(std::string_view json, std::string_view what);
};

/// What a user may choose instead of what is found: the sheet, the table, the header row
/// and the field of any column. Written by --map FILE.json and remembered per layout:
/// {"sheet": "拨付", "table": "payments", "header_row": 3, "header_rows": 2,
///  "columns": {"B": "项目名称", "F": "金额(万元)", "H": ""},   ("" = ignore the column)
///  "synonyms": {…}, "values": {…}}
struct SheetLayout {
  std::string sheet;
  std::optional<Table> table;
  size_t headerRow = 0;   ///< 1-based first header row; 0 = find it
  size_t headerRows = 0;  ///< 1 or 2; 0 = find it
  std::map<std::string, std::string> columns;  ///< column letter → target header ("" ignore)
  Synonyms synonyms;
  static SheetLayout FromJson(std::string_view json, std::string_view what);
  std::string ToJson() const;
};

/// One column of the sheet and what it becomes.
struct ColumnMapping {
  size_t fileColumn = 0;   ///< 0-based
  std::string header;      ///< as the sheet writes it; two rows joined "拨付情况/金额"
  int field = -1;          ///< index into Spec(table).columns; -1 = ignored
  bool byName = false;     ///< names (项目名称, 来源名称 or 文号) looked up instead of codes
  MoneyUnit unit = MoneyUnit::Wan;  ///< amounts: from the header, else the unit line
  std::string ignored;     ///< why it is ignored: "序号", "不认识的列", "与第3列重复"
  bool chosen = false;     ///< set by the layout (a --map file or the remembered choice)
};

/// A note on the sheet that is no problem: ignored columns, hidden rows, rows skipped.
struct SheetNote {
  size_t line = 0;  ///< 1-based sheet row; 0 = the sheet
  std::string column;
  std::string message;
};

/// The table found in one sheet, ready for the importer.
struct SheetTable {
  std::string sheet;
  Table table = Table::Payments;
  size_t headerRow = 0;   ///< 1-based first header row
  size_t headerRows = 1;  ///< 1 or 2
  std::optional<MoneyUnit> unitLine;   ///< from "单位：万元" above the header
  std::vector<ColumnMapping> columns;  ///< every column of the header, in sheet order
  HeaderMap header;                    ///< per field: its position in `rows`' cells
  std::vector<bool> byName;            ///< per field: looked up by name
  std::vector<CsvRecord> rows;         ///< data rows; line = sheet row; cells as text
  size_t blankRows = 0, totalRows = 0;
  std::vector<SheetNote> notes;
  std::vector<SheetNote> problems;     ///< a wrong 合计, a missing unit, an error cell …
  std::string signature;               ///< the layout's: table + header texts (remembering)
};

struct FindOptions {
  std::string sheet;            ///< --sheet; empty = every visible sheet whose table is recognised
  std::optional<Table> table;   ///< --table
  Synonyms synonyms;            ///< built-in + county + --map
  std::optional<SheetLayout> layout;  ///< --map: applied to the sheet it names (or the only one)
  /// Remembered layouts by signature (setting import.layout.<signature>): applied when
  /// a sheet's layout has that signature and no --map is given.
  std::map<std::string, SheetLayout> remembered;
};

struct FoundTables {
  std::vector<SheetTable> tables;
  std::vector<SheetNote> notes;     ///< sheets skipped and why
  std::vector<SheetNote> problems;  ///< no table found, a sheet not there …
};

/// Finds the tables of a workbook. `fileName` (without folder) may name the table
/// ("拨付.xlsx"); otherwise sheet names, then the columns decide.
FoundTables FindTables(const Workbook& book, std::string_view fileName, const FindOptions& options);

/// The table named by a word ("payments", "拨付", "拨付台账" is not one).
std::optional<Table> TableForName(std::string_view name);
/// The field a header text means in a table, as FindTables matches it.
struct FieldMatch {
  int field = -1;
  bool byName = false;
  std::optional<MoneyUnit> unit;
  bool serial = false;  ///< 序号
};
FieldMatch MatchField(const TableSpec& spec, const Synonyms& synonyms, std::string_view header);

}  // namespace sb::exchange

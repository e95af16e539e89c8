#pragma once
/// Workbooks as county offices keep their ledgers: .xlsx (read with libzip and pugixml,
/// from a file or from bytes in memory) and .xls of old Excel and WPS (read with libfreexl).
/// What is read is what the file holds, cell by cell: text, the number as stored (a binary
/// double, never rounded to what the cell displays), whether its number format makes it a
/// date or a percentage, a formula's cached value, merged ranges, hidden rows and sheets.
/// No business decision is taken here: finding the table in a sheet is sheet_table.h's.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sb::exchange {

struct WorkbookCell {
  enum class Kind { Empty, Text, Number, Bool, Error };
  Kind kind = Kind::Empty;
  std::string text;         ///< Text: the string; Error: "#N/A" …; Bool: "TRUE"/"FALSE"
  double number = 0;        ///< Number: the value exactly as stored
  bool date = false;        ///< Number: its number format shows a date (a serial day number)
  bool percent = false;     ///< Number: its number format shows a percentage (0.93 → 93%)
  bool formula = false;     ///< the cell holds a formula (its cached value is what is read)
  bool noCachedValue = false;  ///< a formula whose result the file does not hold
  bool IsEmpty() const { return kind == Kind::Empty || (kind == Kind::Text && text.empty()); }
};

/// A merged range, 0-based and inclusive; its value is the top-left cell's.
struct MergedRange {
  uint32_t firstRow = 0, firstColumn = 0, lastRow = 0, lastColumn = 0;
  bool Covers(uint32_t r, uint32_t c) const {
    return r >= firstRow && r <= lastRow && c >= firstColumn && c <= lastColumn;
  }
};

struct Worksheet {
  std::string name;
  bool hidden = false;  ///< hidden or very hidden in the workbook
  std::vector<std::vector<WorkbookCell>> rows;  ///< rows[r][c], 0-based; ragged
  std::vector<bool> hiddenRows;                 ///< per row in `rows`
  std::vector<MergedRange> merges;
  bool mergesKnown = true;  ///< false for .xls (libfreexl does not report merged cells)

  size_t RowCount() const { return rows.size(); }
  size_t ColumnCount() const;
  /// The cell as stored (an empty one outside the data).
  const WorkbookCell& Stored(size_t r, size_t c) const;
  /// The cell as a reader sees it: inside a merged range, the range's top-left cell.
  const WorkbookCell& At(size_t r, size_t c) const;
  /// The merged range covering the cell, if any.
  const MergedRange* MergeAt(size_t r, size_t c) const;
  bool RowHidden(size_t r) const { return r < hiddenRows.size() && hiddenRows[r]; }
};

struct Workbook {
  std::string format;    ///< "xlsx" or "xls"
  bool date1904 = false; ///< serial day numbers count from 1904-01-01 (old Mac Excel)
  std::vector<Worksheet> sheets;
};

/// Limits against hostile files: a 10 MB cell is fine, a zip bomb is not.
inline constexpr size_t kMaxWorkbookPartBytes = 256u << 20;  ///< one decompressed XML part
inline constexpr size_t kMaxWorkbookCells = 20'000'000;

/// Reads an .xlsx from its bytes (a libFuzzer harness calls this). Throws Error(InvalidInput)
/// with a Chinese sentence: not a zip, a broken zip, a part missing or not XML, a
/// password-protected (encrypted) workbook, an .xls given as .xlsx, limits exceeded.
Workbook ReadXlsx(std::string_view bytes);
/// Reads an .xls (BIFF, through libfreexl). Throws Error(InvalidInput) like ReadXlsx.
Workbook ReadXls(const std::string& path);
/// Reads a workbook file, whatever its extension says, by its first bytes.
Workbook ReadWorkbookFile(const std::string& path);
/// True for names ending .xlsx, .xlsm or .xls (any case).
bool IsWorkbookFileName(std::string_view name);

/// "A", "Z", "AA" for 0, 25, 26.
std::string ColumnLetter(size_t column);
/// The shortest decimal text that reads back to exactly this double ("356.7823", "0.1",
/// "1e+20" is never produced: plain digits). Empty for NaN or infinity.
std::string ShortestDecimal(double v);
/// The day an Excel serial number means (1900 system: 1 = 1900-01-01, with Excel's
/// phantom 1900-02-29 as 60; 1904 system: 0 = 1904-01-01), as "YYYY-MM-DD"; the time of
/// day, if any, is dropped. nullopt outside 1900–9999.
std::optional<std::string> SerialToIsoDate(double serial, bool date1904);
/// Whether an Excel number format shows a date (built-in ids 14–22, 27–36, 45–58, or a
/// format with y/m/d/h/s outside quotes and brackets).
bool IsDateFormat(int numFmtId, std::string_view formatCode);

}  // namespace sb::exchange

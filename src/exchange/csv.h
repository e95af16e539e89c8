#pragma once
/// RFC 4180 CSV, as Excel and WPS write it: comma separated, fields in double quotes when
/// they hold commas, quotes or line breaks ("" is a quote), CRLF or LF line ends.
#include <string>

#include "core/text.h"
#include <string_view>
#include <vector>

namespace sb::exchange {

struct CsvCell {
  std::string text;     ///< unquoted content, exactly as in the file
  bool quoted = false;  ///< written in quotes: spaces inside are meant, not padding
};

struct CsvRecord {
  size_t line = 0;  ///< 1-based physical line where the record starts
  /// The fields up to the last one that is not empty: empty fields at the end of a line
  /// (a sheet with a stray far-right cell writes thousands) are not stored, so that a
  /// wide file costs memory for its text only. A blank line has no cells.
  std::vector<CsvCell> cells;
  /// True when every cell is empty or only white space (an empty row of a sheet).
  bool IsBlank() const;
};

struct CsvSyntaxError {
  size_t line = 0;
  size_t column = 0;  ///< 1-based field number
  std::string message;
};

struct CsvDocument {
  std::vector<CsvRecord> records;
  std::vector<CsvSyntaxError> errors;
};

/// Parses UTF-8 text (BOM already removed). Never throws: a quote left open, or text
/// after a closing quote, is reported in `errors` with its line and field.
CsvDocument ParseCsv(std::string_view text);

/// The same parse one record at a time, so that a large file is held as text and never
/// as a whole vector of records. The text must outlive the reader.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : s_(text) {}
  /// Reads the next record into `record` (blank lines too, as records without cells);
  /// false at the end of the text. Syntax errors are appended to `errors`.
  bool Next(CsvRecord& record, std::vector<CsvSyntaxError>& errors);

 private:
  std::string_view s_;
  size_t i_ = 0, line_ = 1;
  size_t width_ = 0;  // cells of the previous record: rows of a sheet are alike
};

using sb::CsvQuote;  // quoting lives in core/text.h, shared with the CLI and the report
/// Appends fields joined by commas and a CRLF.
void AppendCsvRecord(std::string& out, const std::vector<std::string>& fields);

/// Excel and LibreOffice run a cell that begins with = + - @ (or a tab or CR before one)
/// as a formula (=HYPERLINK(…), =cmd|…). A text cell that would begin so — after any
/// apostrophes — gets one more apostrophe in front, which spreadsheets show as text and
/// UnguardFormula() takes away again: Unguard(Guard(s)) == s for every s, so the round
/// trip stays exact. For text columns only: a negative amount stays a number.
std::string GuardFormula(std::string text);
/// Removes the one apostrophe GuardFormula() adds (an apostrophe before = + - @ tab CR).
std::string UnguardFormula(std::string text);

}  // namespace sb::exchange

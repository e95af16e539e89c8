#pragma once
/// Spreadsheet exchange: import and export every table as CSV, the way county offices
/// keep their ledgers (台账). One engine for the command line and the window.
///
/// Import is all or nothing: every file is read and every row checked, and only when
/// there is no problem at all is anything written — in one transaction. Problems are
/// collected (up to a limit), each with the file, the line and the column, so that a
/// clerk can fix them all in one pass.
///
/// Keys: a row whose key already exists is refused unless `update` is set, in which case
/// it replaces the stored row (columns missing from the file keep their stored values).
///   projects.csv     项目编号
///   budget.csv       项目编号 + 费用类别
///   sources.csv      来源编号
///   allocations.csv  项目编号 + 来源编号 + 下达日期
///   receipts.csv     项目编号 + 来源编号 + 到位日期
///   procedures.csv   项目编号 + 手续
///   progress.csv     项目编号 + 月份
///   contracts.csv    合同编号
///   payments.csv     凭证号 — a confirmed payment is never changed: with `update` a row
///                    identical to the stored payment is skipped, a different one refused
///                    (corrections are reversing rows, 冲销凭证号).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/money.h"
#include "core/portfolio.h"
#include "core/validate.h"
#include "exchange/sheet_table.h"
#include "exchange/tables.h"
#include "storage/database.h"

namespace sb::exchange {

/// Called now and then with the work done so far; return false to cancel. Called on
/// the caller's thread (the window may pump its event loop from it).
using ProgressFn = std::function<bool(size_t done, size_t total)>;

/// One thing wrong with an input file.
struct Problem {
  std::string file;    ///< path as given
  size_t line = 0;     ///< 1-based line where the record starts; 0 = the file as a whole
  std::string column;  ///< the header as the file writes it; empty = the row or the file
  std::string message; ///< Chinese sentence naming the value and what is wrong with it
  /// "FILE:LINE: column: message" (line and column left out when not known).
  std::string ToString() const;
};

struct ImportOptions {
  bool update = false;       ///< replace rows whose key exists (--update)
  /// Dates that may not lie in the future (core/validate.h); no check while today is
  /// not a date. src/app fills it from the county settings.
  InputLimits limits;
  size_t maxProblems = 200;  ///< problems listed; the rest are only counted
  ProgressFn progress;
  /// Workbooks (.xlsx, .xls): which sheet and table (--sheet, --table), a layout chosen
  /// by the user (--map FILE.json or the window), the words of the county (built-in
  /// synonyms plus the setting import.synonyms, which src/app adds) and the layouts
  /// remembered by signature (settings import.layout.<signature>).
  FindOptions workbook{"", std::nullopt, Synonyms::BuiltIn(), std::nullopt, {}};
  /// Read and check everything, write nothing (--dry-run); src/app rolls back.
  bool dryRun = false;
};

struct TableCounts {
  Table table = Table::Projects;
  std::string file;      ///< path it came from
  size_t inserted = 0;   ///< new rows
  size_t updated = 0;    ///< existing rows replaced (update only)
  size_t unchanged = 0;  ///< existing rows identical to the file (update, or a workbook ledger re-imported)
  size_t rows = 0;       ///< data rows read
};

struct ImportResult {
  bool committed = false;        ///< true: everything written; false: nothing written
  bool cancelled = false;        ///< the progress callback said stop
  std::vector<Problem> problems; ///< at most maxProblems
  size_t omittedProblems = 0;    ///< further problems found but not listed
  std::vector<TableCounts> counts;  ///< one per file, in load (dependency) order
  /// Not problems: columns ignored, total rows checked, hidden rows and sheets, rows
  /// already imported — what a clerk should know about a workbook.
  std::vector<Problem> notes;
  /// What was found in each workbook sheet: header row, column → field, the first rows
  /// (at most kPreviewRows) — for --dry-run and the window's mapping.
  std::vector<SheetTable> sheets;
  std::vector<std::string> sheetFiles;  ///< per entry of `sheets`: the workbook's path
  size_t ProblemCount() const { return problems.size() + omittedProblems; }
  /// One line per problem, then "……另有 N 个问题未列出" when some were left out.
  std::vector<std::string> ProblemLines() const;
};

inline constexpr size_t kPreviewRows = 20;

/// Imports files and folders (a folder: every *.csv in it). A workbook (.xlsx, .xls —
/// recognised by its first bytes too) brings every visible sheet whose table is recognised
/// (sheet_table.h), each checked row by row like a CSV file; names stand for codes where
/// the header says so; a row identical to one already stored is counted as already there,
/// a different one is refused with the difference (payments: record a reversal). Tables are recognised by
/// file name (projects.csv or 项目.csv …) and loaded in dependency order. Every row is
/// checked by core (model.h and the cross-row checks of validate.h) exactly as the
/// dialogs check it. Never throws for bad data — that is what `problems` is for; a
/// database that cannot be written at all is reported as a problem too.
///
/// The caller holds the write transaction and commits it only when there is no problem
/// and the import was not cancelled (app::Import does); `committed` is left false here.
ImportResult Import(storage::Database& db, const std::vector<std::string>& paths,
                    const ImportOptions& options = {});
/// What a dry run found in result.sheets[i], as lines for people (the command line's
/// --dry-run and the window): the sheet, table and header row, each column → field, the
/// first rows as they will be imported with their problems (✗), the counts.
std::vector<std::string> DescribeSheet(const ImportResult& result, size_t i);
/// Is this file name one a folder's import takes (".csv", any case)?
bool IsCsvName(const std::string& name);
/// The tables the files and folders would import, by their names (unknown names left out).
std::vector<Table> TablesIn(const std::vector<std::string>& paths, const ImportOptions& options = {});

struct ExportOptions {
  MoneyUnit unit = MoneyUnit::Wan;  ///< amounts in 万元 (up to 6 decimals) or 元 (2)
  ProgressFn progress;
};

struct ExportedFile {
  Table table = Table::Projects;
  std::string path;
  size_t rows = 0;
};

struct ExportResult {
  bool cancelled = false;  ///< nothing written when cancelled
  std::vector<ExportedFile> files;
};

/// The file Export keeps in a folder while it replaces an earlier set; Import refuses a
/// folder (or a file in a folder) that has it.
inline constexpr std::string_view kIncompleteExportMarker = ".schoolbuild-export-incomplete";

/// Writes all nine tables into `dir` (a new folder: written beside it under a temporary
/// name and renamed as a whole; an existing one: every file written under a temporary
/// name, then renamed under kIncompleteExportMarker; files of the same name are
/// replaced; a failure leaves the earlier set whole and no temporary file): UTF-8 with BOM, CRLF, canonical Chinese headers, amounts exact without
/// thousands separators, ISO dates. Export → import into an empty database → export
/// gives byte-identical files. Throws Error(Io) when a file cannot be written.
ExportResult Export(storage::Database& db, const std::string& dir, const ExportOptions& options = {});

/// The text of one table's file (BOM included), as Export writes it.
std::string ExportTableText(const Portfolio& portfolio, Table table, MoneyUnit unit);

/// The rows of a table as Export writes them (text per column of Spec(table), unguarded).
std::vector<std::vector<std::string>> ExportTableRows(const Portfolio& portfolio, Table table, MoneyUnit unit);

/// Writes one workbook (`path`, .xlsx) with one sheet per table, named by the table's
/// Chinese title, the same columns as the CSV; amounts as numbers in 万元 with a 万元
/// number format (元 columns when `unit` is 元), dates as dates, percentages and years as
/// numbers, every text as a string cell (formula-looking text too), the header frozen
/// with an autofilter. Written under a temporary name and renamed. Imports back
/// identically. Throws Error(Io).
ExportResult ExportWorkbook(storage::Database& db, const std::string& path, const ExportOptions& options = {});

}  // namespace sb::exchange

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
};

struct TableCounts {
  Table table = Table::Projects;
  std::string file;      ///< path it came from
  size_t inserted = 0;   ///< new rows
  size_t updated = 0;    ///< existing rows replaced (update only)
  size_t unchanged = 0;  ///< existing rows identical to the file (update only)
};

struct ImportResult {
  bool committed = false;        ///< true: everything written; false: nothing written
  bool cancelled = false;        ///< the progress callback said stop
  std::vector<Problem> problems; ///< at most maxProblems
  size_t omittedProblems = 0;    ///< further problems found but not listed
  std::vector<TableCounts> counts;  ///< one per file, in load (dependency) order
  size_t ProblemCount() const { return problems.size() + omittedProblems; }
  /// One line per problem, then "……另有 N 个问题未列出" when some were left out.
  std::vector<std::string> ProblemLines() const;
};

/// Imports files and folders (a folder: every *.csv in it). Tables are recognised by
/// file name (projects.csv or 项目.csv …) and loaded in dependency order. Every row is
/// checked by core (model.h and the cross-row checks of validate.h) exactly as the
/// dialogs check it. Never throws for bad data — that is what `problems` is for; a
/// database that cannot be written at all is reported as a problem too.
///
/// The caller holds the write transaction and commits it only when there is no problem
/// and the import was not cancelled (app::Import does); `committed` is left false here.
ImportResult Import(storage::Database& db, const std::vector<std::string>& paths,
                    const ImportOptions& options = {});
/// The tables the files and folders would import, by their names (unknown names left out).
std::vector<Table> TablesIn(const std::vector<std::string>& paths);

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

}  // namespace sb::exchange

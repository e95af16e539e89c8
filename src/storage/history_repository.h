#pragma once
/// The history table (db/sqlite/0006_history.sql, db/postgresql/0008_baseline.sql): who changed what, chained by SHA-256.
/// Entries are written by the database's triggers; the program says who and why for its
/// own transactions (SetHistoryContext) and seals entries into the chain before each of
/// its commits (WriteTransaction does) and at open (entries others made meanwhile).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/history.h"
#include "storage/database.h"

namespace sb::storage {

/// Who acts and the label of the action, for the entries the current transaction makes.
/// Lives only inside the transaction (emptied before it commits).
void SetHistoryContext(Database& db, const std::string& who, const std::string& action);
void ClearHistoryContext(Database& db);
/// Seals the unsealed entries, in id order, into the chain; returns how many. Reads them
/// `chunk` at a time (a province's import holds a million entries).
size_t SealHistory(Database& db, size_t chunk = 20000);

/// An import's inserts joining the history a batch at a time (SQLite, schema 14 on:
/// db/sqlite/0014_deferred_history.sql). Arm stops the insert triggers of the tables an
/// import writes and notes where each table ends; Write records every row inserted into
/// them since, one sealed insert entry each — the entry the trigger would have written,
/// with the context of that moment — and re-arms nothing: the triggers are back. A
/// transaction cannot commit while armed (WriteTransaction::Commit refuses). Between Arm
/// and Write the caller changes none of the rows it inserted (their update would reach the
/// history before their insert).
class DeferredInsertHistory {
 public:
  /// Only SQLite files at schema 14 or later defer; elsewhere Arm and Write do nothing.
  explicit DeferredInsertHistory(Database& db);
  void Arm();
  /// Writes the entries (and seals what the triggers wrote meanwhile, first); returns how many.
  size_t Write();
  bool armed() const { return armed_; }
  /// Does this file defer (SQLite, schema 14 on)?
  bool supported() const { return supported_; }
  /// From now on Write leaves the payments' sums (payment_groups) alone: the caller has them
  /// added at the end, all at once (FinishBeforeCommit), and inserts every payment through
  /// this deferral until then.
  void LeavePaymentSums() { leaveSums_ = true; }

 private:
  Database& db_;
  bool supported_ = false;
  bool armed_ = false;
  bool leaveSums_ = false;
  std::vector<long long> marks_;  ///< per table of kDeferredTables: the largest id before Arm
};

/// Is an import's deferred history still to be written in this transaction?
bool InsertHistoryDeferred(Database& db);

struct HistoryFilter {
  std::optional<Id> projectId;
  std::optional<std::string> since;  ///< "YYYY-MM-DD": entries on or after that day
  std::optional<std::string> table;
  size_t limit = 0;                  ///< 0: all; else the newest `limit`, still oldest first
  std::optional<Id> afterId = std::nullopt;  ///< entries newer than this one (LastHistoryId before a write)
  size_t chunk = 20000;  ///< without a limit, on a server: entries read per statement
};
/// Entries matching the filter, oldest first.
std::vector<HistoryEntry> HistoryEntries(Database& db, const HistoryFilter& filter = {});
/// The same, one entry at a time as read (newest first with a limit), none kept.
void ForEachHistoryEntry(Database& db, const HistoryFilter& filter, const std::function<void(const HistoryEntry&)>& visit);
/// The id of the newest entry, sealed or not (0: none yet).
Id LastHistoryId(Database& db);
/// A row an import inserted, as its history entry names it.
struct InsertedRow {
  std::string table;
  std::string rowKey;
  /// The row_version its values hold (none for a table without, such as payments).
  std::optional<int64_t> rowVersion;
};
/// The insert entries after `afterId` written under one of `actions`, oldest first, a chunk
/// at a time: what an import created, read without each entry's other columns.
void ForEachInsertedRow(Database& db, Id afterId, const std::vector<std::string>& actions,
                        const std::function<void(const InsertedRow&)>& visit);
/// The projects whose rows the history records changes of after `afterId`, and whether it
/// records any change of a row that belongs to no project (a source, a setting, a fund
/// kind): what a transaction touched, from inside it.
struct TouchedRows {
  std::vector<Id> projects;  ///< ascending
  bool others = false;
};
TouchedRows TouchedSince(Database& db, Id afterId);
/// Deletes a row one import created, for the undo of that import (app::UndoImport):
/// `table` one of the tables an import writes, payments excepted (they are reversed,
/// never deleted); `rowVersion` the version the import stored, so a row changed since is
/// refused, and so is one that another row refers to now.
void DeleteImportedRow(Database& db, const std::string& table, Id id, int64_t rowVersion);
/// The names an entry is described with (project code and name, source name, contract
/// code), three small statements instead of the whole portfolio.
HistoryNames LoadHistoryNames(Database& db);
/// Every entry, oldest first, one at a time (the chain check of a large file).
void ForEachHistoryEntry(Database& db, const std::function<void(const HistoryEntry&)>& visit);
/// The newest sealed entry: its hash is the chain's head.
std::optional<HistoryEntry> HistoryHead(Database& db);
/// Does the head's hash follow from the entry before it? (The whole chain: verify.)
bool HeadLinkIntact(Database& db);

/// The tables the history records, with the column their key is.
struct AuditedTable {
  const char* name;
  const char* key;
};
const std::vector<AuditedTable>& AuditedTables();
/// Every row of an audited table as (key text, canonical JSON of its columns), the same
/// JSON the history's triggers record for it.
std::vector<std::pair<std::string, std::string>> TableRowsAsJson(Database& db, const AuditedTable& table);

/// `PRAGMA integrity_check`: "ok" or the engine's first complaints.
std::string IntegrityCheck(Database& db);

}  // namespace sb::storage

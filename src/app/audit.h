#pragma once
/// What finance and auditors rely on: the history in words, the check of the whole
/// record (the hash chain, every row against its last history entry, the file's own
/// integrity), the check code of a printed month, and backups that can be checked before
/// they replace anything.
#include <optional>
#include <string>
#include <vector>

#include "app/session.h"
#include "core/history.h"
#include "storage/history_repository.h"

namespace sb::app {

// ---- the history --------------------------------------------------------------------------

struct HistoryLine {
  HistoryEntry entry;
  std::string text;  ///< DescribeEntry with the names of projects, sources and contracts
};
/// Entries matching the filter, oldest first, in words.
std::vector<HistoryLine> History(Session& session, const storage::HistoryFilter& filter = {});

// ---- verify -------------------------------------------------------------------------------

struct VerifyResult {
  std::string integrity;              ///< "ok", or what the engine found wrong with the file
  size_t entries = 0, rows = 0;       ///< history entries and table rows checked
  size_t outside = 0;                 ///< entries made outside the program (recorded, sealed later)
  std::string head;                   ///< the chain's head hash
  std::vector<std::string> problems;  ///< in the order found: the first broken link first
  bool ok() const { return integrity == "ok" && problems.empty(); }
};
/// Recomputes the chain, compares every row of every table with the last history entry
/// for it, and runs the engine's integrity check. Reads only.
VerifyResult Verify(storage::Database& db);

struct CodeCheck {
  bool ok = false;
  std::string message;  ///< a sentence for the clerk either way
};
/// Does the database still hold exactly what the printout of `month` with `code` showed?
CodeCheck VerifyCheckCode(Session& session, YearMonth month, const std::string& code);

// ---- backups ------------------------------------------------------------------------------

/// Setting: how many backups the backups folder keeps (default 20).
inline constexpr const char* kSetBackupKeep = "backup.keep";

/// The backups folder beside a database file: <folder>/backups.
std::string BackupFolder(const std::string& databasePath);
/// Writes an online backup (to `path`, or to backups/<name>-YYYYMMDD-HHMMSS.db) and keeps
/// the newest `backup.keep` in the folder. Returns the file written.
std::string Backup(Session& session, const std::string& path = "");

struct BackupInfo {
  std::string path;
  bool opens = false;           ///< it is a SchoolBuild database that opens
  std::string problem;          ///< why not, when it does not
  size_t projects = 0, payments = 0;
  std::string lastChange;       ///< the newest history entry in words
  bool verified = false;        ///< Verify() passed on it
  std::vector<std::string> verifyProblems;
};
/// What a backup holds, read from a copy of it (the backup itself is never written).
BackupInfo InspectBackup(const std::string& path);
/// The backups of a database, newest first.
std::vector<std::string> Backups(const std::string& databasePath);
/// The newest backup that opens and verifies, if any.
std::optional<BackupInfo> NewestGoodBackup(const std::string& databasePath);
/// Replaces the (closed) database at `databasePath` by the backup, after checking that
/// the backup opens and verifies; the file it replaces is kept as a backup first (a
/// damaged one as a byte copy). Returns the path the replaced file was kept under.
std::string RestoreBackup(const std::string& databasePath, const std::string& backupPath);

}  // namespace sb::app

#pragma once
/// Copies of a database file: an online backup of an open database (SQLite's backup API,
/// consistent while others read), and the replacement of a closed file by a copy. Every
/// file is written under a temporary name in the same folder and renamed into place, so a
/// full disk or a crash never leaves a half-written file under the real name.
#include <string>

#include "storage/database.h"

namespace sb::storage {

/// Writes a consistent copy of `db` to `path` (replaced if present).
void BackupDatabase(Database& db, const std::string& path);
/// Replaces the (closed) database file `target` by a copy of `source`; the old file's
/// -wal and -shm files go with it.
void ReplaceDatabaseFile(const std::string& target, const std::string& source);
/// Copies a file byte for byte (temporary name, then rename).
void CopyFileAtomically(const std::string& from, const std::string& to);

}  // namespace sb::storage

#pragma once
// Private to src/storage: what differs between database engines, in one place. This is
// the SQLite dialect (dialect_sqlite.cpp); a PostgreSQL one would answer the same
// questions with its own SQL and SQLSTATE codes. The repository files say what they
// mean ("begin a write", "this insert's id", "was that a duplicate key?") and never
// spell the engine's answer themselves.
#include <soci/soci.h>

#include <string>

#include "core/model.h"

namespace sb::storage::dialect {

// ---- transactions ----------------------------------------------------------------
/// The outermost write transaction takes the write lock at once, so two writers wait
/// for each other instead of failing half-way through.
std::string BeginWrite();
std::string Commit();
std::string Rollback();
/// Nested transactions are savepoints named by their depth (1, 2, …).
std::string Savepoint(int depth);
std::string ReleaseSavepoint(int depth);
std::string RollbackToSavepoint(int depth);

// ---- ids of inserted rows --------------------------------------------------------
/// Executes a prepared INSERT and returns the new row's id. SQLite reports the id of the
/// connection's last insert, so no INSERT carries a RETURNING id clause: RETURNING costs
/// more than the insert itself in an import (1.8 s instead of 1.0 s for 100,000
/// payments). The statement may be executed again. (PostgreSQL would read lastval().)
Id ExecuteInsert(soci::statement& st);

// ---- errors ----------------------------------------------------------------------
/// What went wrong, as the engine's code says, in the terms storage translates for the
/// user (sql_util.cpp). Never derived from the engine's message text.
enum class Failure {
  None,                 ///< the engine reports no error: the exception came from SOCI itself
  UniqueViolation,      ///< a UNIQUE or PRIMARY KEY constraint: the key is taken
  ForeignKeyViolation,  ///< a row refers to a missing one, or is still referred to
  CheckViolation,       ///< a CHECK or NOT NULL constraint
  TriggerAbort,         ///< one of our triggers refused (RAISE(ABORT, …) in db/*.sql)
  Busy,                 ///< another connection holds the lock
  ReadOnly,             ///< the file (or its folder) cannot be written
  DiskFull,
  NotADatabase,         ///< not a database file, or a damaged one
  CantOpen,             ///< the file cannot be opened (missing folder, permissions)
  IoError,              ///< reading or writing the file failed
  Other,                ///< any other engine error: only then is its message shown
};

struct EngineError {
  Failure failure = Failure::None;
  int code = 0;         ///< the engine's extended result code
  std::string message;  ///< the engine's message: for TriggerAbort and Other only
};

/// The error of the last call on `sql`'s connection. Read it first thing in the catch
/// block: any statement run in between replaces it.
EngineError LastError(soci::session& sql);

/// Runs a script of several statements (migrations, demo data); Failure::None when
/// every statement ran.
EngineError RunScript(soci::session& sql, const std::string& script);

/// The sentence a user reads from one of our triggers' messages, which are written
/// "english tag: 中文句子" (db/0002, db/0003): the part after the tag.
std::string TriggerSentence(const std::string& message);

}  // namespace sb::storage::dialect

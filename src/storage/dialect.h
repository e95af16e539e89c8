#pragma once
// Private to src/storage: what differs between database engines, in one place. SQLite
// (dialect_sqlite.cpp) and PostgreSQL (dialect_postgresql.cpp) answer the same questions
// with their own SQL and error codes (SQLite's extended result codes, PostgreSQL's
// SQLSTATE); dialect.cpp dispatches on the session's backend. The repository files say
// what they mean ("begin a write", "this insert's id", "was that a duplicate key?") and
// never spell the engine's answer themselves.
#include <soci/soci.h>

#include <exception>
#include <string>
#include <vector>

#include "core/model.h"

namespace sb::storage::dialect {

enum class Engine { Sqlite, Postgresql };
/// The engine behind an open session.
Engine EngineOf(soci::session& sql);

// ---- transactions ----------------------------------------------------------------
/// Begins the outermost write transaction and takes the write lock at once, so two
/// writers wait for each other instead of failing half-way through (SQLite: BEGIN
/// IMMEDIATE; PostgreSQL: BEGIN and the transaction-level advisory lock that the history
/// trigger takes too, so history ids follow the commit order).
void BeginWrite(soci::session& sql);
std::string Commit();
std::string Rollback();
/// Nested transactions are savepoints named by their depth (1, 2, …).
std::string Savepoint(int depth);
std::string ReleaseSavepoint(int depth);
std::string RollbackToSavepoint(int depth);
/// PostgreSQL refuses every statement after an error until the transaction rolls back:
/// a follow-up question about the failure cannot be asked then. SQLite: always false.
bool InFailedTransaction(soci::session& sql);

// ---- ids of inserted rows --------------------------------------------------------
/// Executes a prepared INSERT into `table` and returns the new row's id. SQLite reports
/// the id of the connection's last insert, so no INSERT carries a RETURNING id clause:
/// RETURNING costs more than the insert itself in an import (1.8 s instead of 1.0 s for
/// 100,000 payments). PostgreSQL reads the current value of the table's identity
/// sequence (not lastval(): the history trigger draws from its own sequence after it).
/// The statement may be executed again.
Id ExecuteInsert(soci::session& sql, soci::statement& st, const char* table);

// ---- the history's context -------------------------------------------------------
/// Who acts and why, for the history triggers, until the transaction ends (SQLite: the
/// history_context row; PostgreSQL: the transaction-local setting sb.action, the user
/// being the server's own session_user). `keepExisting`: only when none is set yet.
void SetHistoryContext(soci::session& sql, const std::string& who, const std::string& action,
                       bool keepExisting = false);
void ClearHistoryContext(soci::session& sql);

// ---- errors ----------------------------------------------------------------------
/// What went wrong, as the engine's code says, in the terms storage translates for the
/// user (sql_util.cpp). Never derived from the engine's message text.
enum class Failure {
  None,                 ///< the engine reports no error: the exception came from SOCI itself
  UniqueViolation,      ///< a UNIQUE or PRIMARY KEY constraint: the key is taken
  ForeignKeyViolation,  ///< a row refers to a missing one, or is still referred to
  CheckViolation,       ///< a CHECK or NOT NULL constraint
  TriggerAbort,         ///< one of our triggers refused (RAISE in db/**/*.sql)
  Busy,                 ///< another connection holds the lock (or a deadlock was broken)
  ReadOnly,             ///< the file (or its folder) cannot be written
  PermissionDenied,     ///< the server refused: the user's role may not change this table
  ConnectionLost,       ///< the connection to the server broke
  DiskFull,
  NotADatabase,         ///< not a database file, or a damaged one
  CantOpen,             ///< the file cannot be opened (missing folder, permissions)
  IoError,              ///< reading or writing the file failed
  Other,                ///< any other engine error: only then is its message shown
};

struct EngineError {
  Failure failure = Failure::None;
  int code = 0;         ///< SQLite's extended result code (0 on PostgreSQL)
  std::string sqlstate; ///< PostgreSQL's SQLSTATE ("" on SQLite)
  std::string message;  ///< the engine's message: for TriggerAbort and Other only
};

/// The error behind `e`, thrown by a call on `sql`'s connection. Read it first thing in
/// the catch block: any statement run in between replaces it.
EngineError LastError(soci::session& sql, const std::exception& e);

/// Runs a script of several statements (migrations, demo data); Failure::None when
/// every statement ran.
EngineError RunScript(soci::session& sql, const std::string& script);

/// The sentence a user reads from one of our triggers' messages, which are written
/// "english tag: 中文句子" (db/sqlite/0002, db/postgresql/0008): the part after the tag.
std::string TriggerSentence(const std::string& message);

// The engines' own implementations, behind the functions above.
namespace sqlite {
void BeginWrite(soci::session& sql);
Id ExecuteInsert(soci::statement& st);
void SetHistoryContext(soci::session& sql, const std::string& who, const std::string& action, bool keep);
void ClearHistoryContext(soci::session& sql);
EngineError LastError(soci::session& sql);
EngineError RunScript(soci::session& sql, const std::string& script);
}  // namespace sqlite
namespace postgresql {
/// Session settings at connect: a 10 s lock timeout (SQLite: busy_timeout), no NOTICE
/// lines on the terminal.
void Configure(soci::session& sql);
void BeginWrite(soci::session& sql);
bool InFailedTransaction(soci::session& sql);
Id ExecuteInsert(soci::session& sql, soci::statement& st, const char* table);
void SetHistoryContext(soci::session& sql, const std::string& action, bool keep);
void ClearHistoryContext(soci::session& sql);
EngineError LastError(soci::session& sql, const std::exception& e);
EngineError RunScript(soci::session& sql, const std::string& script);
/// `n` ids drawn from `table`'s identity sequence in one round trip, for rows the caller
/// inserts with their id given (CopyIn).
std::vector<Id> NextIds(soci::session& sql, const char* table, size_t n);
/// Runs `command` (a COPY … FROM STDIN) and sends `data` (COPY's text format) as its
/// input: many rows in one round trip, every row still through the table's triggers.
EngineError CopyIn(soci::session& sql, const std::string& command, const std::string& data);
/// The SCRAM-SHA-256 verifier of a password, made by libpq on this side ("" on failure).
std::string EncryptPassword(soci::session& sql, const std::string& user, const std::string& password);
}  // namespace postgresql

}  // namespace sb::storage::dialect

#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/dialect.h"

namespace sb::storage::dialect::sqlite {

namespace {

sqlite_api::sqlite3* Handle(soci::session& sql) {
  return static_cast<soci::sqlite3_session_backend*>(sql.get_backend())->conn_;
}

Failure Classify(int code) {
  switch (code & 0xff) {  // the primary code; the extended one refines constraints
    case SQLITE_OK:
    case SQLITE_ROW:
    case SQLITE_DONE: return Failure::None;
    case SQLITE_CONSTRAINT:
      switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
        case SQLITE_CONSTRAINT_ROWID: return Failure::UniqueViolation;
        case SQLITE_CONSTRAINT_FOREIGNKEY: return Failure::ForeignKeyViolation;
        case SQLITE_CONSTRAINT_TRIGGER: return Failure::TriggerAbort;
        default: return Failure::CheckViolation;  // CHECK, NOT NULL and the rare others
      }
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return Failure::Busy;
    case SQLITE_READONLY: return Failure::ReadOnly;
    case SQLITE_FULL: return Failure::DiskFull;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT: return Failure::NotADatabase;
    case SQLITE_CANTOPEN: return Failure::CantOpen;
    case SQLITE_IOERR: return Failure::IoError;
    default: return Failure::Other;
  }
}

EngineError FromCode(int code, const char* message) {
  EngineError e;
  e.code = code;
  e.failure = Classify(code);
  if ((e.failure == Failure::TriggerAbort || e.failure == Failure::Other) && message)
    e.message = message;
  return e;
}

}  // namespace

void BeginWrite(soci::session& sql) { sql << "BEGIN IMMEDIATE"; }

void SetHistoryContext(soci::session& sql, const std::string& who, const std::string& action, bool keep) {
  sql << (keep ? "INSERT OR IGNORE" : "INSERT OR REPLACE") +
             std::string(" INTO history_context (id, who, action) VALUES (1, :w, :a)"),
      soci::use(who, "w"), soci::use(action, "a");
}

void ClearHistoryContext(soci::session& sql) { sql << "DELETE FROM history_context"; }

Id ExecuteInsert(soci::statement& st) {
  st.execute(true);
  auto* be = static_cast<soci::sqlite3_statement_backend*>(st.get_backend());
  return sqlite_api::sqlite3_last_insert_rowid(be->session_.conn_);
}

EngineError LastError(soci::session& sql) {
  if (!sql.get_backend()) return EngineError{Failure::CantOpen, 0, "", ""};
  auto* h = Handle(sql);
  return FromCode(sqlite_api::sqlite3_extended_errcode(h), sqlite_api::sqlite3_errmsg(h));
}

EngineError RunScript(soci::session& sql, const std::string& script) {
  // sqlite3_prepare compiles one statement at a time; a script (triggers included)
  // needs sqlite3_exec on the native handle.
  auto* h = Handle(sql);
  char* message = nullptr;
  int rc = sqlite_api::sqlite3_exec(h, script.c_str(), nullptr, nullptr, &message);
  EngineError e;
  if (rc != SQLITE_OK) {
    e = FromCode(sqlite_api::sqlite3_extended_errcode(h), message);
    // A failure the engine reports without an error code of its own is still one.
    if (e.failure == Failure::None) e = {Failure::Other, rc, "", message ? message : ""};
  }
  sqlite_api::sqlite3_free(message);
  return e;
}

}  // namespace sb::storage::dialect::sqlite

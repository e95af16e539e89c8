#include "storage/dialect.h"

namespace sb::storage::dialect {

Engine EngineOf(soci::session& sql) {
  return sql.get_backend_name() == "postgresql" ? Engine::Postgresql : Engine::Sqlite;
}

void BeginWrite(soci::session& sql) {
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::BeginWrite(sql);
  sqlite::BeginWrite(sql);
}

std::string Commit() { return "COMMIT"; }
std::string Rollback() { return "ROLLBACK"; }
std::string Savepoint(int depth) { return "SAVEPOINT sb_" + std::to_string(depth); }
std::string ReleaseSavepoint(int depth) { return "RELEASE SAVEPOINT sb_" + std::to_string(depth); }
std::string RollbackToSavepoint(int depth) { return "ROLLBACK TO SAVEPOINT sb_" + std::to_string(depth); }

bool InFailedTransaction(soci::session& sql) {
  return EngineOf(sql) == Engine::Postgresql && postgresql::InFailedTransaction(sql);
}

Id ExecuteInsert(soci::session& sql, soci::statement& st, const char* table) {
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::ExecuteInsert(sql, st, table);
  return sqlite::ExecuteInsert(st);
}

void SetHistoryContext(soci::session& sql, const std::string& who, const std::string& action, bool keepExisting) {
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::SetHistoryContext(sql, action, keepExisting);
  sqlite::SetHistoryContext(sql, who, action, keepExisting);
}

void ClearHistoryContext(soci::session& sql) {
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::ClearHistoryContext(sql);
  sqlite::ClearHistoryContext(sql);
}

EngineError LastError(soci::session& sql, const std::exception& e) {
  if (!sql.get_backend()) return EngineError{Failure::CantOpen, 0, "", ""};
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::LastError(sql, e);
  return sqlite::LastError(sql);
}

EngineError RunScript(soci::session& sql, const std::string& script) {
  if (EngineOf(sql) == Engine::Postgresql) return postgresql::RunScript(sql, script);
  return sqlite::RunScript(sql, script);
}

std::string TriggerSentence(const std::string& message) {
  auto colon = message.find(": ");
  return colon == std::string::npos ? message : message.substr(colon + 2);
}

}  // namespace sb::storage::dialect

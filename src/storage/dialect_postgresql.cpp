// The PostgreSQL dialect (issue 11): SQLSTATE codes, identity sequences, the advisory
// write lock and the transaction-local history context. See dialect.h.
#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>

#include <algorithm>
#include <memory>

#include "storage/dialect.h"

namespace sb::storage::dialect::postgresql {

namespace {

// 0x5342544A, "SBTJ": the same number as the history trigger's (db/postgresql/0008).
constexpr const char* kWriteLock = "SELECT pg_advisory_xact_lock(1397904458)";

PGconn* Handle(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

Failure Classify(const std::string& state) {
  if (state.empty()) return Failure::None;
  if (state == "23505" || state == "42710") return Failure::UniqueViolation;  // 42710: a role that exists
  if (state == "23503") return Failure::ForeignKeyViolation;
  if (state == "23514" || state == "23502" || state == "22003" || state == "22001") return Failure::CheckViolation;
  if (state == "P0001") return Failure::TriggerAbort;  // RAISE EXCEPTION in our functions
  if (state == "55P03" || state == "40001" || state == "40P01" || state == "57014") return Failure::Busy;
  if (state == "25006") return Failure::ReadOnly;
  if (state == "42501") return Failure::PermissionDenied;
  if (state == "53100") return Failure::DiskFull;
  if (state.rfind("08", 0) == 0 || state == "57P01" || state == "57P02" || state == "57P03")
    return Failure::ConnectionLost;
  if (state == "42P01" || state == "42703") return Failure::NotADatabase;  // not our tables
  if (state.rfind("58", 0) == 0 || state == "XX001" || state == "XX002") return Failure::IoError;
  return Failure::Other;
}

// The server's primary message without "ERROR:  " and the CONTEXT lines: our triggers'
// sentences, or the text shown for Failure::Other.
std::string Primary(const char* message) {
  std::string m = message ? message : "";
  for (const char* prefix : {"ERROR:  ", "FATAL:  "})
    if (m.rfind(prefix, 0) == 0) m = m.substr(std::char_traits<char>::length(prefix));
  auto end = m.find('\n');
  return end == std::string::npos ? m : m.substr(0, end);
}

EngineError Make(const std::string& state, const std::string& message) {
  EngineError e;
  e.sqlstate = state;
  e.failure = Classify(state);
  if (e.failure == Failure::TriggerAbort || e.failure == Failure::Other) e.message = message;
  return e;
}

}  // namespace

void Configure(soci::session& sql) {
  PQsetNoticeProcessor(Handle(sql), [](void*, const char*) {}, nullptr);
  sql << "SET lock_timeout = '10s'";
}

void BeginWrite(soci::session& sql) {
  sql << "BEGIN";
  try {
    sql << kWriteLock;
  } catch (...) {
    // Another writer held the lock past lock_timeout: no transaction is left open.
    std::unique_ptr<PGresult, decltype(&PQclear)> r(PQexec(Handle(sql), "ROLLBACK"), PQclear);
    throw;
  }
}

bool InFailedTransaction(soci::session& sql) {
  return PQtransactionStatus(Handle(sql)) == PQTRANS_INERROR;
}

Id ExecuteInsert(soci::session& sql, soci::statement& st, const char* table) {
  st.execute(true);
  long long id = 0;
  const std::string name = table;
  sql << "SELECT currval(pg_get_serial_sequence(:t, 'id'))", soci::use(name, "t"), soci::into(id);
  return id;
}

void SetHistoryContext(soci::session& sql, const std::string& action, bool keep) {
  if (keep) {
    std::string current;
    soci::indicator ind = soci::i_null;
    sql << "SELECT current_setting('sb.action', true)", soci::into(current, ind);
    if (ind == soci::i_ok && !current.empty()) return;
  }
  std::string ignored;
  sql << "SELECT set_config('sb.action', :a, true)", soci::use(action, "a"), soci::into(ignored);
}

void ClearHistoryContext(soci::session& sql) {
  std::string ignored;
  sql << "SELECT set_config('sb.action', '', true)", soci::into(ignored);
}

EngineError LastError(soci::session& sql, const std::exception& e) {
  PGconn* conn = Handle(sql);
  if (!conn || PQstatus(conn) == CONNECTION_BAD) return Make("08006", "");
  if (auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    // The statement's own message, which SOCI keeps in the exception ("Cannot execute
    // query. ERROR:  …"): the connection's may already be that of a later statement (SOCI
    // deallocates a failed prepared statement while the exception unwinds, which fails
    // with "current transaction is aborted").
    const std::string what = pg->what();
    const auto at = what.find("ERROR:  ");
    return Make(pg->sqlstate(), Primary(at == std::string::npos ? PQerrorMessage(conn) : what.c_str() + at));
  }
  return EngineError{};
}

std::string EncryptPassword(soci::session& sql, const std::string& user, const std::string& password) {
  char* hashed = PQencryptPasswordConn(Handle(sql), password.c_str(), user.c_str(), "scram-sha-256");
  if (!hashed) return "";
  std::string out = hashed;
  PQfreemem(hashed);
  return out;
}

namespace {
EngineError ResultError(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  EngineError err = Make(state ? state : "XX000", primary ? primary : "");
  if (err.failure == Failure::None) err = {Failure::Other, 0, "XX000", primary ? primary : ""};
  return err;
}
}  // namespace

EngineError RunScript(soci::session& sql, const std::string& script) {
  // The simple query protocol runs a whole script (functions with $$ bodies included)
  // in one call, as one implicit transaction unless the caller holds one.
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(Handle(sql), script.c_str()), PQclear);
  if (!result) return Make("08006", "");
  const auto status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return {};
  return ResultError(result.get());
}

std::vector<Id> NextIds(soci::session& sql, const char* table, size_t n) {
  std::vector<long long> ids(n);
  const std::string name = table;
  const long long count = static_cast<long long>(n);
  sql << "SELECT nextval(pg_get_serial_sequence(:t, 'id')) FROM generate_series(1, :n)", soci::use(name, "t"),
      soci::use(count, "n"), soci::into(ids);
  return {ids.begin(), ids.end()};
}

EngineError CopyIn(soci::session& sql, const std::string& command, const std::string& data) {
  PGconn* conn = Handle(sql);
  std::unique_ptr<PGresult, decltype(&PQclear)> start(PQexec(conn, command.c_str()), PQclear);
  if (!start) return Make("08006", "");
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) return ResultError(start.get());
  bool sent = true;
  // PQputCopyData takes an int: the data goes in pieces well below its limit.
  constexpr size_t kPiece = 1 << 20;
  for (size_t at = 0; sent && at < data.size(); at += kPiece)
    sent = PQputCopyData(conn, data.data() + at, static_cast<int>(std::min(kPiece, data.size() - at))) == 1;
  if (PQputCopyEnd(conn, sent ? nullptr : "校建通未能送出全部数据") != 1) return Make("08006", "");
  EngineError err;
  while (PGresult* r = PQgetResult(conn)) {
    if (PQresultStatus(r) != PGRES_COMMAND_OK && err.failure == Failure::None) err = ResultError(r);
    PQclear(r);
  }
  if (!sent && err.failure == Failure::None) err = Make("08006", "");
  return err;
}

}  // namespace sb::storage::dialect::postgresql

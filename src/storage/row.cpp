#include "storage/row.h"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <cctype>
#include <memory>
#include <stdexcept>

#include "core/error.h"
#include "core/translate.h"
#include "storage/sql_util.h"

namespace sb::storage {

using namespace sqlite_api;

bool Row::IsNull(size_t i) const {
  if (soci_) return soci_->get_indicator(i) == soci::i_null;
  if (result_) return PQgetisnull(result_, row_, static_cast<int>(i)) != 0;
  return sqlite3_column_type(stmt_, static_cast<int>(i)) == SQLITE_NULL;
}

int64_t Row::Int(size_t i) const {
  if (soci_) return RowInt64(*soci_, i);
  const int c = static_cast<int>(i);
  if (result_) return IsNull(i) ? 0 : IntegerText(Text(i), Name(i));  // the server sends text
  switch (sqlite3_column_type(stmt_, c)) {
    case SQLITE_NULL: return 0;
    case SQLITE_INTEGER: return sqlite3_column_int64(stmt_, c);
    case SQLITE_TEXT: return IntegerText(Text(i), Name(i));  // as RowInt64 reads a text column
    default:
      Fail(ErrorCode::Damaged, Tr("数据库列 %s 的值类型不对（应为整数，文件已损坏？）", Name(i).c_str()));
  }
}

std::string Row::Text(size_t i) const {
  if (soci_) return RowText(*soci_, i);
  const int c = static_cast<int>(i);
  if (result_)
    return std::string(PQgetvalue(result_, row_, c), static_cast<size_t>(PQgetlength(result_, row_, c)));
  const unsigned char* text = sqlite3_column_text(stmt_, c);
  if (!text) return "";
  return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt_, c)));
}

std::string Row::Name(size_t i) const {
  if (soci_) return soci_->get_properties(i).get_name();
  if (result_) return PQfname(result_, static_cast<int>(i));
  const char* name = sqlite3_column_name(stmt_, static_cast<int>(i));
  return name ? name : "";
}

namespace {
// Where `name` stands as a whole parameter in `query` (not the start of a longer name).
std::vector<size_t> ParamAt(const std::string& query, const std::string& name) {
  std::vector<size_t> at;
  for (size_t i = query.find(name); i != std::string::npos; i = query.find(name, i + name.size())) {
    const size_t end = i + name.size();
    if (end < query.size() && (std::isalnum(static_cast<unsigned char>(query[end])) || query[end] == '_')) continue;
    at.push_back(i);
  }
  return at;
}

[[noreturn]] void ServerFailure(const PGresult* result) {
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  // As SOCI words a failed statement, for the dialect to read its SQLSTATE.
  throw soci::postgresql_soci_error(std::string("Cannot execute query. ") + PQresultErrorMessage(result),
                                    state ? state : "XX000");
}

void EachSqliteRow(Database& db, const std::string& query, const std::function<void(const Row&)>& each,
                   const std::vector<RowParam>& params) {
  sqlite3* h = static_cast<soci::sqlite3_session_backend*>(Sql(db).get_backend())->conn_;
  sqlite3_stmt* raw = nullptr;
  // The engine's own message: Rethrow reads the connection's error code, as after SOCI's.
  auto fail = [&] { throw std::runtime_error(sqlite3_errmsg(h)); };
  if (sqlite3_prepare_v2(h, query.c_str(), static_cast<int>(query.size()), &raw, nullptr) != SQLITE_OK) fail();
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> stmt(raw, sqlite3_finalize);
  for (const auto& p : params) {
    const int at = sqlite3_bind_parameter_index(raw, p.name.c_str());
    if (at == 0) throw std::logic_error("EachRow: no " + p.name + " in " + query);
    const int rc = p.integer ? sqlite3_bind_int64(raw, at, *p.integer)
                             : sqlite3_bind_text(raw, at, p.text.data(), static_cast<int>(p.text.size()), SQLITE_STATIC);
    if (rc != SQLITE_OK) fail();
  }
  const Row row(raw);
  for (;;) {
    const int rc = sqlite3_step(raw);
    if (rc == SQLITE_DONE) return;
    if (rc != SQLITE_ROW) fail();
    each(row);
  }
}

// libpq's one-shot PQexecParams: one round trip, where SOCI prepares a statement, runs it
// and deallocates it (three).
void EachServerRow(Database& db, std::string query, const std::function<void(const Row&)>& each,
                   const std::vector<RowParam>& params) {
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(Sql(db).get_backend())->conn_;
  std::vector<std::string> texts;
  std::vector<const char*> values;
  texts.reserve(params.size());
  for (const auto& p : params) {
    // SOCI's :name is libpq's $n.
    const auto at = query.find(p.name);
    if (at == std::string::npos) throw std::logic_error("EachRow: no " + p.name + " in " + query);
    query.replace(at, p.name.size(), "$" + std::to_string(texts.size() + 1));
    texts.push_back(p.integer ? std::to_string(*p.integer) : p.text);
  }
  for (const auto& t : texts) values.push_back(t.c_str());
  std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexecParams(conn, query.c_str(), static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr, 0),
      PQclear);
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) ServerFailure(result.get());
  const int rows = PQntuples(result.get());
  for (int r = 0; r < rows; ++r) each(Row(result.get(), r));
}
}  // namespace

void EachRows(Database& db, const std::vector<RowRead>& reads, const std::vector<RowParam>& params) {
  for (const auto& p : params)
    if (!p.integer) throw std::logic_error("EachRows: " + p.name + " is not an integer");
  if (!db.IsServer()) {
    for (const auto& r : reads) {
      std::vector<RowParam> named;
      for (const auto& p : params)
        if (!ParamAt(r.query, p.name).empty()) named.push_back(p);
      EachSqliteRow(db, r.query, r.each, named);
    }
    return;
  }
  std::string text;
  for (const auto& r : reads) {
    std::string q = r.query;
    for (const auto& p : params) {
      const auto at = ParamAt(q, p.name);
      for (auto it = at.rbegin(); it != at.rend(); ++it) q.replace(*it, p.name.size(), std::to_string(*p.integer));
    }
    text += q + ";\n";
  }
  PGconn* conn = static_cast<soci::postgresql_session_backend*>(Sql(db).get_backend())->conn_;
  if (!PQsendQuery(conn, text.c_str()))
    throw soci::postgresql_soci_error(std::string("Cannot execute query. ") + PQerrorMessage(conn), "08000");
  // Every result is taken, also after a failure: the connection is free again only then.
  std::vector<std::unique_ptr<PGresult, decltype(&PQclear)>> results;
  while (PGresult* r = PQgetResult(conn)) results.emplace_back(r, PQclear);
  size_t i = 0;
  for (const auto& r : results) {
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) ServerFailure(r.get());
    if (i >= reads.size()) throw std::logic_error("EachRows: more results than reads");
    const int rows = PQntuples(r.get());
    for (int row = 0; row < rows; ++row) reads[i].each(Row(r.get(), row));
    ++i;
  }
  if (i != reads.size()) throw std::logic_error("EachRows: fewer results than reads");
}

void EachRow(Database& db, const std::string& query, const std::function<void(const Row&)>& each,
             std::optional<Id> id) {
  std::vector<RowParam> params;
  if (id) params.push_back({":id", "", *id});
  EachRow(db, query, each, params);
}

void EachRow(Database& db, const std::string& query, const std::function<void(const Row&)>& each,
             const std::vector<RowParam>& params) {
  if (db.IsServer())
    EachServerRow(db, query, each, params);
  else
    EachSqliteRow(db, query, each, params);
}

}  // namespace sb::storage

#pragma once
// Private to src/storage: one result row, read the same way whichever way it was fetched.
// The readers of rows.h take a Row. A soci::row converts to one; on SQLite, Query (rows.h)
// steps its own prepared statement instead and reads the columns straight from it: the
// analysis of a province reads some 900,000 rows, and SOCI's row (a holder, a type switch
// and a std::string per column) was about a third of the time spent reading them. On a
// server, Query reads libpq's result itself in the same way.
#include <soci/soci.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "storage/database.h"

namespace sqlite_api {
struct sqlite3_stmt;
}
struct pg_result;

namespace sb::storage {

class Row {
 public:
  Row(const soci::row& r) : soci_(&r) {}  // NOLINT: every reader takes a SOCI row as it is
  explicit Row(sqlite_api::sqlite3_stmt* s) : stmt_(s) {}
  Row(const pg_result* result, int row) : result_(result), row_(row) {}

  bool IsNull(size_t i) const;
  /// An integer column: NULL reads 0; the exact decimal text of an integer is one; anything
  /// else (a REAL, a BLOB, "12abc") is damage naming the column.
  int64_t Int(size_t i) const;
  /// A text column: NULL reads ""; an integer reads as its decimal digits.
  std::string Text(size_t i) const;
  /// The column's name in the result, for a message about its value.
  std::string Name(size_t i) const;

 private:
  const soci::row* soci_ = nullptr;
  sqlite_api::sqlite3_stmt* stmt_ = nullptr;
  const pg_result* result_ = nullptr;
  int row_ = 0;
};

/// Runs `query` through the engine's own interface (binding :id to `id` when one is given:
/// SQLite's prepared statement, libpq's text result) and calls `each` with every row.
/// Errors throw as a SOCI statement's would, for Rethrow to word them.
void EachRow(Database& db, const std::string& query, const std::function<void(const Row&)>& each,
             std::optional<Id> id = std::nullopt);

/// A parameter of EachRow by its name in the query (":v"): a text, or an integer.
struct RowParam {
  std::string name;
  std::string text;
  std::optional<int64_t> integer = std::nullopt;
};
/// The same with any number of parameters, each named once in the query.
void EachRow(Database& db, const std::string& query, const std::function<void(const Row&)>& each,
             const std::vector<RowParam>& params);

/// One read of EachRows: a query and what reads each of its rows.
struct RowRead {
  std::string query;
  std::function<void(const Row&)> each;
};
/// Several reads sent together, in order: on a server one round trip (the statements in
/// one query of libpq's simple protocol, integer parameters written into the text), on
/// SQLite one after the other. `params` are integers only; each query binds those it names
/// (":id" is not ":ids"). A failed read throws as EachRow's, the later ones unread.
void EachRows(Database& db, const std::vector<RowRead>& reads, const std::vector<RowParam>& params);

}  // namespace sb::storage

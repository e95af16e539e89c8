#pragma once
// Private to src/storage: SOCI helpers shared by the repository files.
#include <soci/soci.h>

#include <optional>
#include <string>

#include "core/calendar.h"
#include "core/error.h"
#include "core/model.h"

namespace sb::storage {

class Database;

/// The SOCI session of an open database, for the repository files.
soci::session& Sql(Database& db);

/// Runs a script of several statements (migrations, demo data); `what` says what the
/// script does, for the message if it fails.
void ExecScript(soci::session& sql, const std::string& script, const std::string& what);

/// Turns an exception from a statement on `sql` into an Error the user can read: an
/// Error passes unchanged; a database error is classified by the engine's code (see
/// dialect.h) and said in Chinese as "<what>失败：<reason>", without the engine's text.
/// `what` says what was being done ("保存项目“X”"). Call it in the catch block, before
/// anything else runs on the connection.
[[noreturn]] void Rethrow(soci::session& sql, const std::exception& e, const std::string& what);
[[noreturn]] void Rethrow(Database& db, const std::exception& e, const std::string& what);

/// The same failures say the same thing whichever path saved the row (a dialog, an
/// import): a taken key names the key, a missing reference names what is missing.
[[noreturn]] void RethrowProjectSave(Database& db, const std::exception& e, const Project& p);
[[noreturn]] void RethrowSourceSave(Database& db, const std::exception& e, const FundingSource& s);
[[noreturn]] void RethrowContractSave(Database& db, const std::exception& e, const Contract& c);
[[noreturn]] void RethrowPaymentSave(Database& db, const std::exception& e, const Payment& p);

/// Executes a prepared write and returns how many rows it touched.
long long Affected(soci::statement& st);
/// A row-versioned write touched nothing: NotFound when the row is gone, else Conflict
/// (someone changed it since it was read). `what` names the row ("项目“X”").
[[noreturn]] void VersionMismatch(Database& db, const char* table, Id id, const std::string& what);
/// Deletes row `id` of `table` if it still has `rowVersion` (else VersionMismatch); `what`
/// names the kind of row, marked with TrNoopC("row", …) ("合同").
void DeleteVersioned(Database& db, const char* table, Id id, int64_t rowVersion, const char* what);

/// SOCI 4.0 has no std::optional: nullable columns go through these adapters.
struct OptText {
  std::string value;
  soci::indicator ind = soci::i_null;
  OptText() = default;
  explicit OptText(const std::optional<std::string>& v)
      : value(v.value_or("")), ind(v ? soci::i_ok : soci::i_null) {}
  std::optional<std::string> get() const {
    return ind == soci::i_ok ? std::optional<std::string>(value) : std::nullopt;
  }
};

inline std::optional<std::string> DateText(const std::optional<Date>& d) {
  return d ? std::optional<std::string>(FormatDate(*d)) : std::nullopt;
}

/// Column readers for soci::row. SOCI's sqlite3 backend reports INTEGER columns as int
/// and BIGINT as long long: RowInt64 reads both, so ids and money come out as int64 alike.
int64_t RowInt64(const soci::row& r, size_t i);
/// The exact decimal text of an integer ("12abc" or "1e3" is not one), or damage naming `column`.
int64_t IntegerText(const std::string& text, const std::string& column);
/// Text of a column; NULL reads as "".
std::string RowText(const soci::row& r, size_t i);

/// Dates in the file were written by this program; a bad one means a damaged file.
std::optional<Date> DateFromColumn(const OptText& t, const char* column);
Date DateFromColumn(const std::string& t, const char* column);

}  // namespace sb::storage

#pragma once
/// What only a database server has (issue 11): moving a county onto it with every row and
/// its history, its login users and their roles, and the changes other users make.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "storage/database.h"

namespace sb::storage {

/// Rows copied per table, in copy order (history last).
using CopyCounts = std::vector<std::pair<std::string, long long>>;

/// Copies every row of every table of `from`, the history included and verbatim (hashes,
/// who and when), into `to`: a database just built at the same schema version that holds
/// no projects or sources — a PostgreSQL one (migrate a county onto a server) or a new
/// SQLite file (a server's backup, or a county leaving it). Runs inside the caller's
/// write transaction on `to` (src/app), on a server as the schema's owner: the target's
/// own starting rows (settings, fund kinds, the procedure template and their history)
/// are replaced, its triggers are off while the copy runs (the copied history already
/// records every row) and on again before it returns, and a server's id sequences
/// continue after the copied ids. `progress(done, total)`
/// is called now and then; returning false cancels (throws Error Refused; the caller rolls back).
CopyCounts CopyAllRows(Database& from, Database& to,
                       const std::function<bool(long long, long long)>& progress = {});

/// The four roles of SchoolBuild on a server.
enum class ServerRole { Admin, Infra, Finance, Reader };
/// "sb_admin", "sb_infra", "sb_finance", "sb_reader".
const char* ServerRoleName(ServerRole role);

/// Creates the login user `name` in `role` (needs CREATEROLE: the database's owner or a
/// superuser), with `password` unless it is empty (the user then cannot log in with a
/// password until an administrator sets one). The password is hashed (SCRAM-SHA-256) by
/// libpq before it is sent: the server, and its log, never see it. Throws Error
/// Duplicate when the user exists, Refused without the right.
void CreateServerUser(Database& db, const std::string& name, ServerRole role, const std::string& password);

struct ServerUserInfo {
  std::string name;
  std::vector<std::string> roles;  ///< among sb_admin, sb_infra, sb_finance, sb_reader
  bool canLogin = false;
  std::string county;  ///< 行政区划代码 the user is limited to; "" = every county (the city)
};
/// Limits server user `name` to the county `code` (row-level security,
/// db/postgresql/0012_counties.sql); refused when the database has no such county.
void SetServerUserCounty(Database& db, const std::string& name, const std::string& code);
/// Every server user in one of SchoolBuild's roles, by name.
std::vector<ServerUserInfo> ListServerUsers(Database& db);

}  // namespace sb::storage

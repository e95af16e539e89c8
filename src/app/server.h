#pragma once
/// The use cases only a server has (issue 11): moving a county's file onto it, and the
/// server's users in SchoolBuild's four roles.
#include <functional>
#include <string>
#include <vector>

#include "app/audit.h"
#include "app/session.h"
#include "storage/server.h"

namespace sb::app {

struct MigrateResult {
  storage::CopyCounts counts;  ///< rows per table, history last
  VerifyResult verify;         ///< of the server's database afterwards
};
/// Moves a county with every row and its whole history between a file and a server:
/// the SQLite file `fromLocation` into the empty PostgreSQL database `toLocation`
/// ("postgresql: …", its schema built first; one transaction there: a failure leaves it
/// as it was), or a server's database into a new file (complete or not there at all).
/// The source is only read. Then verifies the copy.
MigrateResult Migrate(const std::string& fromLocation, const std::string& toLocation,
                      const std::function<bool(long long, long long)>& progress = {});

/// What 文件 → 连接服务器… asks for.
struct ServerLogin {
  std::string host, port = "5432", database, user, password;
};
/// "postgresql: host=… port=… dbname=… user=…", each value quoted as libpq wants; the
/// password only when `withPassword` (for this connection only, never stored by us).
/// Refuses (InvalidInput, naming the field) an empty host, database or user, or a port
/// that is not 1–65535.
std::string ServerLocation(const ServerLogin& login, bool withPassword);
/// The field ServerLocation would refuse ("Host", "Port", "Database", "User"), or nullptr.
const char* ServerLoginProblemField(const ServerLogin& login);
/// The fields of a location (the password, if it holds one, too).
ServerLogin ParseServerLocation(const std::string& location);
/// Stores the password where libpq looks for it: a line for this host, port, database and
/// user in ~/.pgpass (or $PGPASSFILE), replaced if there was one, the file readable by
/// its owner only (0600). Returns the file's path.
std::string RememberServerPassword(const ServerLogin& login);

/// Adds a login user to the server in a role (an administrator's action: Area::Settings);
/// with a `county` (行政区划代码) the user sees and changes only that county's rows, the
/// server enforcing it (row-level security). The role and the limit are made together.
void AddUser(Session& session, const std::string& name, Role role, const std::string& password,
             const std::string& county = "");
/// The county the session's server user is limited to, as "422822 建始县"; "" for the city
/// (every county) and on a file.
std::string UserCountyText(Session& session);
/// The server's SchoolBuild users.
std::vector<storage::ServerUserInfo> Users(Session& session);

}  // namespace sb::app

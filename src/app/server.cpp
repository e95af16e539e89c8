#include "app/server.h"

#include "app/actions.h"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/model.h"
#include "core/translate.h"
#include "storage/database.h"
#include "storage/repository.h"

namespace sb::app {

MigrateResult Migrate(const std::string& fromLocation, const std::string& toLocation,
                      const std::function<bool(long long, long long)>& progress) {
  const bool fromServer = storage::Database::IsServerLocation(fromLocation),
             toServer = storage::Database::IsServerLocation(toLocation);
  if (fromServer == toServer)
    Fail(ErrorCode::Refused, Tr("迁移是在单机数据库文件和服务器之间：--from 和 --to 应一个是 .db 文件，一个是 \"postgresql: …\""));
  auto from = storage::Database::Open(fromLocation, storage::OpenMode::MustExist);
  MigrateResult r;
  auto copy = [&](storage::Database& to) {
    storage::WriteTransaction tx(to);
    r.counts = storage::CopyAllRows(*from, to, progress);
    tx.Commit();
  };
  if (toServer) {
    auto to = storage::Database::Open(toLocation, storage::OpenMode::Create);
    copy(*to);
    r.verify = Verify(*to);
  } else {
    CreateDatabaseFile(toLocation, copy);  // a new file, complete or not there at all
    r.verify = Verify(*storage::Database::Open(toLocation, storage::OpenMode::MustExist));
  }
  return r;
}

namespace {
storage::ServerRole ServerRoleOf(Role role) {
  switch (role) {
    case Role::Admin: return storage::ServerRole::Admin;
    case Role::Infra: return storage::ServerRole::Infra;
    case Role::Finance: return storage::ServerRole::Finance;
    case Role::Reader: return storage::ServerRole::Reader;
  }
  return storage::ServerRole::Reader;
}
}  // namespace

namespace {

// A .pgpass field: ':' and '\' escaped with a backslash.
std::string PassFileField(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == ':' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

const char* ServerLoginProblemField(const ServerLogin& login) {
  if (login.host.empty()) return "Host";
  if (login.database.empty()) return "Database";
  if (login.user.empty()) return "User";
  if (!login.port.empty() && (login.port.find_first_not_of("0123456789") != std::string::npos ||
                              login.port.size() > 5 || std::stoi(login.port) == 0 || std::stoi(login.port) > 65535))
    return "Port";
  return nullptr;
}

std::string ServerLocation(const ServerLogin& login, bool withPassword) {
  if (const char* field = ServerLoginProblemField(login)) {
    const std::string f = field;
    if (f == "Host") Fail(ErrorCode::InvalidInput, Tr("服务器地址不能为空"));
    if (f == "Database") Fail(ErrorCode::InvalidInput, Tr("数据库名不能为空"));
    if (f == "User") Fail(ErrorCode::InvalidInput, Tr("用户名不能为空"));
    // TRANSLATORS: %s is the server's port as typed.
    Fail(ErrorCode::InvalidInput, Tr("端口“%s”不是 1–65535 之间的数字", login.port.c_str()));
  }
  std::string out = std::string(storage::Database::kServerPrefix) + " host=" + storage::ConninfoValue(login.host);
  if (!login.port.empty()) out += " port=" + login.port;
  out += " dbname=" + storage::ConninfoValue(login.database) + " user=" + storage::ConninfoValue(login.user);
  if (withPassword && !login.password.empty()) out += " password=" + storage::ConninfoValue(login.password);
  return out;
}

ServerLogin ParseServerLocation(const std::string& location) {
  ServerLogin login;
  login.port.clear();
  std::string text = location.rfind(storage::Database::kServerPrefix, 0) == 0
                         ? location.substr(std::char_traits<char>::length(storage::Database::kServerPrefix))
                         : location;
  for (const auto& [key, value] : storage::ParseConninfo(text)) {
    if (key == "host") login.host = value;
    else if (key == "port") login.port = value;
    else if (key == "dbname") login.database = value;
    else if (key == "user") login.user = value;
    else if (key == "password") login.password = value;
  }
  if (login.port.empty()) login.port = "5432";
  return login;
}

std::string RememberServerPassword(const ServerLogin& login) {
  namespace fs = std::filesystem;
  std::string file;
  if (const char* env = std::getenv("PGPASSFILE"); env && *env) file = env;
  else if (const char* home = std::getenv("HOME"); home && *home) file = std::string(home) + "/.pgpass";
  else Fail(ErrorCode::Io, Tr("找不到主目录，无法保存密码（可设置 PGPASSFILE）"));
  const std::string prefix = PassFileField(login.host) + ":" + PassFileField(login.port.empty() ? "5432" : login.port) +
                             ":" + PassFileField(login.database) + ":" + PassFileField(login.user) + ":";
  std::string kept;
  {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
      if (line.rfind(prefix, 0) != 0) kept += line + "\n";
  }
  kept += prefix + PassFileField(login.password) + "\n";
  // libpq ignores a password file that others can read: written 0600 from the start.
  const mode_t previous = ::umask(077);
  try {
    WriteFileAtomically(file, kept);
  } catch (...) {
    ::umask(previous);
    throw;
  }
  ::umask(previous);
  ::chmod(file.c_str(), 0600);
  return file;
}

void AddUser(Session& session, const std::string& name, Role role, const std::string& password,
             const std::string& county) {
  session.Require(Area::Settings);
  if (county.empty()) {
    storage::CreateServerUser(session.db(), name, ServerRoleOf(role), password);
    return;
  }
  if (!session.db().IsServer())
    Fail(ErrorCode::Refused, Tr("--county 只用于 PostgreSQL 服务器上的数据库：单机的数据库文件 %s 没有用户，打开它的人可以查看和修改其中每个县（区）的数据",
                                session.db().path().c_str()));
  if (!IsCountyCode(county))
    Fail(ErrorCode::InvalidInput, Tr("--county “%s”不是行政区划代码：应为6位数字（如 422822）", county.c_str()));
  // CREATE ROLE is transactional on PostgreSQL: the user and its county come together.
  storage::WriteTransaction tx(session.db());
  storage::CreateServerUser(session.db(), name, ServerRoleOf(role), password);
  storage::SetServerUserCounty(session.db(), name, county);
  tx.Commit();
}

std::string UserCountyText(Session& session) {
  const std::string code = storage::UserCounty(session.db());
  if (code.empty()) return "";
  for (const auto& c : storage::Counties(session.db()))
    if (c.code == code) return c.code + " " + c.name;
  return code;
}

std::vector<storage::ServerUserInfo> Users(Session& session) { return storage::ListServerUsers(session.db()); }

}  // namespace sb::app

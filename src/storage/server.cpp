#include "storage/server.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/error.h"
#include "storage/dialect.h"
#include "storage/history_repository.h"
#include "storage/repository.h"
#include "storage/sql_util.h"

namespace sb::storage {

using soci::into;
using soci::use;

namespace {

void RequireServer(Database& db, const std::string& what) {
  if (!db.IsServer())
    Fail(ErrorCode::Refused, what + "只用于 PostgreSQL 服务器上的数据库；" + db.path() + " 是单机的数据库文件");
}

// The tables in the order their references need (a payment's reversal after it: by id),
// the history last.
std::vector<std::pair<std::string, std::string>> CopyOrder() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& t : AuditedTables()) out.emplace_back(t.name, t.key);
  out.emplace_back("history", "id");
  return out;
}

}  // namespace

CopyCounts CopyAllRows(Database& from, Database& to, const std::function<bool(long long, long long)>& progress) {
  if (from.SchemaVersion() != to.SchemaVersion())
    Fail(ErrorCode::Refused, "迁移失败：两个数据库的结构版本不同（" + std::to_string(from.SchemaVersion()) + " 和 " +
                                 std::to_string(to.SchemaVersion()) + "）");
  if (!IsEmpty(to))
    Fail(ErrorCode::Refused, "迁移失败：目标数据库 " + to.path() +
                                 " 已有项目或资金来源；迁移只进入新建的空数据库，不会与已有数据合并");
  auto& src = Sql(from);
  auto& dst = Sql(to);
  const auto order = CopyOrder();
  CopyCounts counts;
  std::string table;
  try {
    long long total = 0, done = 0;
    for (const auto& [name, key] : order) {
      long long n = 0;
      src << "SELECT COUNT(*) FROM " + name, into(n);
      total += n;
    }
    // The copied history already records every row: the target's triggers are off while
    // the rows go in. PostgreSQL switches them off (the owner's right); SQLite has no such
    // switch, so they are dropped and made again from their own CREATE statements.
    std::vector<std::string> savedTriggers;
    if (to.IsServer()) {
      for (const auto& [name, key] : order) dst << "ALTER TABLE " + name + " DISABLE TRIGGER USER";
    } else {
      std::vector<std::string> names;
      soci::rowset<soci::row> triggers =
          (dst.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid");
      for (const auto& t : triggers) {
        names.push_back(RowText(t, 0));
        savedTriggers.push_back(RowText(t, 1));
      }
      for (const auto& n : names) dst << "DROP TRIGGER " + n;
    }
    for (auto it = order.rbegin(); it != order.rend(); ++it) dst << "DELETE FROM " + it->first;
    for (const auto& [name, key] : order) {
      table = name;
      long long copied = 0;
      soci::rowset<soci::row> rows = (src.prepare << "SELECT * FROM " + name + " ORDER BY " + key);
      std::vector<std::string> values;
      std::vector<soci::indicator> nulls;
      std::unique_ptr<soci::statement> insert;
      for (const auto& r : rows) {
        if (!insert) {
          std::string columns, params;
          values.resize(r.size());
          nulls.resize(r.size());
          insert = std::make_unique<soci::statement>(dst);
          for (size_t i = 0; i < r.size(); ++i) {
            columns += (i ? ", " : "") + r.get_properties(i).get_name();
            params += (i ? ", :c" : ":c") + std::to_string(i);
            insert->exchange(use(values[i], nulls[i]));
          }
          insert->alloc();
          insert->prepare("INSERT INTO " + name + " (" + columns + ") VALUES (" + params + ")");
          insert->define_and_bind();
        }
        for (size_t i = 0; i < r.size(); ++i) {
          nulls[i] = r.get_indicator(i) == soci::i_null ? soci::i_null : soci::i_ok;
          if (nulls[i] == soci::i_null) {
            values[i].clear();
            continue;
          }
          switch (r.get_properties(i).get_data_type()) {
            case soci::dt_string: values[i] = r.get<std::string>(i); break;
            case soci::dt_integer:
            case soci::dt_long_long:
            case soci::dt_unsigned_long_long: values[i] = std::to_string(RowInt64(r, i)); break;
            default:
              Fail(ErrorCode::Damaged, "迁移失败：" + name + " 表的列 " + r.get_properties(i).get_name() +
                                           " 的值类型不对（应为整数或文字），源数据库可能已损坏");
          }
        }
        insert->execute(true);
        ++copied;
        if (progress && ++done % 2000 == 0 && !progress(done, total)) Fail(ErrorCode::Refused, "迁移已取消，目标数据库没有改动");
      }
      counts.emplace_back(name, copied);
      if (to.IsServer() && key == std::string("id"))
        dst << "SELECT setval(pg_get_serial_sequence('" + name + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " +
                   name + "), false)";
    }
    // The payments' kept sums were not added to with the triggers off.
    RebuildPaymentGroups(to);
    if (to.IsServer()) {
      for (const auto& [name, key] : order) dst << "ALTER TABLE " + name + " ENABLE TRIGGER USER";
    } else {
      for (const auto& create : savedTriggers) ExecScript(dst, create, "恢复触发器");
    }
    if (progress) progress(total, total);
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(dst, e, "迁移 " + table + " 表");
  }
  return counts;
}

const char* ServerRoleName(ServerRole role) {
  switch (role) {
    case ServerRole::Admin: return "sb_admin";
    case ServerRole::Infra: return "sb_infra";
    case ServerRole::Finance: return "sb_finance";
    case ServerRole::Reader: return "sb_reader";
  }
  return "sb_reader";
}

void CreateServerUser(Database& db, const std::string& name, ServerRole role, const std::string& password) {
  RequireServer(db, "添加用户");
  if (name.empty()) Fail(ErrorCode::InvalidInput, "用户名不能为空");
  auto& sql = Sql(db);
  try {
    std::string ident;
    sql << "SELECT quote_ident(:n)", use(name, "n"), into(ident);
    std::string statement = "CREATE ROLE " + ident + " LOGIN";
    if (!password.empty()) {
      const std::string verifier = dialect::postgresql::EncryptPassword(sql, name, password);
      if (verifier.empty()) Fail(ErrorCode::Database, "添加用户 " + name + " 失败：无法加密密码");
      std::string literal;
      sql << "SELECT quote_literal(:p)", use(verifier, "p"), into(literal);
      statement += " PASSWORD " + literal;
    }
    statement += std::string(" IN ROLE ") + ServerRoleName(role);
    sql << statement;
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    if (dialect::LastError(sql, e).failure == dialect::Failure::UniqueViolation)
      Fail(ErrorCode::Duplicate, "服务器上已有用户“" + name + "”");
    if (dialect::LastError(sql, e).failure == dialect::Failure::PermissionDenied)
      Fail(ErrorCode::Refused, "添加用户 " + name + " 失败：您的数据库用户“" + db.ServerUser() +
                                   "”没有建立用户的权限（CREATEROLE）；请用数据库的所有者或管理员账号执行");
    Rethrow(sql, e, "添加用户 " + name);
  }
}

void SetServerUserCounty(Database& db, const std::string& name, const std::string& code) {
  RequireServer(db, "限定用户所属的县（区）");
  auto& sql = Sql(db);
  try {
    int known = 0;
    sql << "SELECT COUNT(*) FROM counties WHERE code = :c", use(code, "c"), into(known);
    if (!known)
      Fail(ErrorCode::InvalidInput, "--county " + code + "：本数据库没有行政区划代码为 " + code +
                                        " 的县（区）；先用 schoolbuild-cli county set " + code + " 名称 添加");
    sql << "DELETE FROM user_counties WHERE user_name = :n", use(name, "n");
    sql << "INSERT INTO user_counties (user_name, county_code) VALUES (:n, :c)", use(name, "n"), use(code, "c");
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(sql, e, "限定用户 " + name + " 所属的县（区）");
  }
}

std::vector<ServerUserInfo> ListServerUsers(Database& db) {
  RequireServer(db, "用户列表");
  std::vector<ServerUserInfo> out;
  try {
    soci::rowset<soci::row> rows =
        (Sql(db).prepare << "SELECT u.rolname, CASE WHEN u.rolcanlogin THEN 1 ELSE 0 END, g.rolname, "
                            "COALESCE(c.county_code, '') "
                            "FROM pg_roles u JOIN pg_auth_members m ON m.member = u.oid "
                            "JOIN pg_roles g ON g.oid = m.roleid "
                            "LEFT JOIN user_counties c ON c.user_name = u.rolname "
                            "WHERE g.rolname IN ('sb_admin', 'sb_infra', 'sb_finance', 'sb_reader') "
                            "ORDER BY u.rolname, g.rolname");
    for (const auto& r : rows) {
      std::string name = RowText(r, 0);
      if (out.empty() || out.back().name != name) out.push_back({name, {}, RowInt64(r, 1) != 0, RowText(r, 3)});
      out.back().roles.push_back(RowText(r, 2));
    }
  } catch (const std::exception& e) {
    Rethrow(db, e, "读取用户列表");
  }
  return out;
}

}  // namespace sb::storage

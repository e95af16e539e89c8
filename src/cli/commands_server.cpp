// migrate, user: a county's file onto a PostgreSQL server, and the server's users.
#include <termios.h>
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "app/server.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/history.h"
#include "storage/repository.h"

namespace sb::cli {

namespace {

int Migrate(Invocation& inv) {
  if (!inv.args.Has("from") || !inv.args.Has("to")) {
    inv.err << "错误：要给出 --from 数据库文件 和 --to \"postgresql: host=… dbname=… user=…\"\n";
    return kExitUsage;
  }
  app::MigrateResult r = app::Migrate(inv.args.Get("from"), inv.args.Get("to"));
  const std::string to = inv.args.Get("to");
  inv.out << "已迁移到 "
          << (storage::Database::IsServerLocation(to)
                  ? std::string(storage::Database::kServerPrefix) + " " +
                        storage::WithoutPassword(to.substr(std::strlen(storage::Database::kServerPrefix)))
                  : to)
          << "：\n";
  for (const auto& [table, n] : r.counts) inv.out << "  " << TableWord(table) << "（" << table << "）" << n << " 行\n";
  if (!r.verify.ok()) {
    for (const auto& p : r.verify.problems) inv.err << p << "\n";
    inv.err << "迁移后的核对未通过：发现 " << r.verify.problems.size() << " 处问题。\n";
    return kExitFailed;
  }
  inv.out << "核对通过：" << r.verify.entries << " 条历史记录的记录链完整，" << r.verify.rows
          << " 行数据都与其最后一条历史记录一致。记录链末端：" << r.verify.head.substr(0, 16) << "\n";
  return kExitOk;
}

std::string CountyName(Invocation& inv, const std::string& code) {
  for (const auto& c : storage::Counties(*inv.db))
    if (c.code == code) return c.name;
  return "";
}

// The new user's password: typed twice on a terminal (not shown), or one line from a pipe
// with --password-stdin.
std::string ReadPassword(Invocation& inv, bool fromStdin) {
  if (fromStdin) {
    std::string line;
    std::getline(std::cin, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (!isatty(STDIN_FILENO)) return "";
  termios saved{};
  tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  std::string first, second;
  inv.out << "新用户的密码（不显示）：" << std::flush;
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::getline(std::cin, first);
  inv.out << "\n再输入一次：" << std::flush;
  std::getline(std::cin, second);
  tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  inv.out << "\n";
  if (first != second) Fail(ErrorCode::InvalidInput, "两次输入的密码不一致，没有添加用户");
  return first;
}

int User(Invocation& inv) {
  const std::string& verb = inv.args.positional[0];
  if (verb == "list") {
    for (const auto& u : app::Users(*inv.session)) {
      inv.out << u.name << "  ";
      for (size_t i = 0; i < u.roles.size(); ++i) inv.out << (i ? "、" : "") << u.roles[i];
      inv.out << "  " << (u.county.empty() ? "全部县（区）" : "只限 " + u.county + " " + CountyName(inv, u.county));
      inv.out << (u.canLogin ? "" : "（不能登录）") << "\n";
    }
    return kExitOk;
  }
  if (verb != "add" || inv.args.positional.size() != 2) {
    inv.err << "错误：用法 user add 用户名 --role infra|finance|reader|admin，或 user list\n";
    return kExitUsage;
  }
  const std::string& name = inv.args.positional[1];
  auto role = app::ParseRole(inv.args.Get("role"));
  if (!role) {
    inv.err << "错误：--role 应是 infra（基建股）、finance（计财股）、reader（领导，只读）或 admin（管理员）\n";
    return kExitUsage;
  }
  const std::string county = inv.args.Has("county") ? inv.args.Get("county") : "";
  if (!county.empty() && !inv.db->IsServer())
    Fail(ErrorCode::Refused, "--county 只用于 PostgreSQL 服务器上的数据库：单机的数据库文件 " + inv.db->path() +
                                 " 没有用户，打开它的人可以查看和修改其中每个县（区）的数据");
  std::string password = ReadPassword(inv, inv.args.Has("password-stdin"));
  app::AddUser(*inv.session, name, *role, password, county);
  inv.out << "已添加用户 " << name << "（" << app::RoleLabel(*role) << "，服务器角色 sb_" << app::RoleName(*role) << "）";
  if (!county.empty()) inv.out << "，只能查看和修改 " << county << " " << CountyName(inv, county) << " 的数据";
  if (password.empty())
    inv.out << "；没有设置密码，在设置密码之前不能用密码登录（管理员可用 psql 的 \\password " << name << "）";
  inv.out << "\n";
  return kExitOk;
}

}  // namespace

void AddServerCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"migrate", "把单机数据库文件连同全部历史记录迁移到 PostgreSQL 服务器",
       "migrate --from 数据库文件 --to \"postgresql: host=… port=… dbname=… user=…\"",
       "目标须是服务器上新建的空数据库（createdb），由其所有者执行；每一行数据和每一条历史记录"
       "（连同记录链的校验值、操作人和时间）原样迁移，全部成功才提交，失败则服务器上的数据库保持原样。"
       "迁移后自动核对（同 verify）。源文件只读不改。密码请放在 ~/.pgpass 中。",
       {{"from", true, "单机数据库文件"}, {"to", true, "服务器上的数据库，如 \"postgresql: host=10.0.0.5 dbname=county user=admin\""}},
       0, 0, DbUse::None, Migrate});
  commands.push_back(
      {"user", "服务器用户：添加（指定角色，可限定一个县）或列出",
       "user add 用户名 --role infra|finance|reader|admin [--county 行政区划代码] [--password-stdin] | user list",
       "只用于 PostgreSQL 服务器上的数据库，须由管理员执行（数据库所有者或有 CREATEROLE 权限的用户）。"
       "角色由服务器强制执行：infra 基建股（项目、概算、手续、进度、年度计划），finance 计财股（资金来源、下达、到位、"
       "合同、拨付、月报定稿），reader 领导（只读），admin 管理员（县设置、用户）。\n"
       "在终端中会要求输入两次新密码（不显示）；脚本中用 --password-stdin 从标准输入读一行。"
       "密码在本机用 SCRAM-SHA-256 加密后才发给服务器。\n"
       "--county 把用户限定在一个县（区）：服务器的行级安全策略只让他查看和修改该县的项目、资金来源及其下的全部数据"
       "（概算、下达、到位、手续、进度、合同、拨付、年度计划）和历史记录；不限定的用户（市级）看到全部县。"
       "user list 显示每个用户所属的县。单机数据库文件没有用户，--county 被拒绝。",
       {{"role", true, "infra、finance、reader 或 admin"},
        {"county", true, "行政区划代码（6位数字）：只能查看和修改这个县（区）的数据"},
        {"password-stdin", false, "从标准输入读取新密码"}},
       1, 2, DbUse::MustExist, User});
}

}  // namespace sb::cli

#include "cli/cli.h"

#include <algorithm>

#include "app/audit.h"
#include "cli/commands.h"
#include "core/error.h"
#include "core/paths.h"
#include "schoolbuild_version.h"

namespace sb::cli {

std::string Args::Get(const std::string& name, const std::string& fallback) const {
  auto it = options.find(name);
  return it == options.end() ? fallback : it->second;
}

Format Invocation::format() const { return ParseFormat(args.Get("format", "table")); }

OptionSpec FormatOption() {
  return {"format", true, "输出格式：table（默认，给人看）、csv 或 json（给程序用）"};
}

const std::vector<Command>& AllCommands() {
  static const std::vector<Command> commands = [] {
    std::vector<Command> v;
    AddBasicCommands(v);
    AddExchangeCommands(v);
    AddRuleCommands(v);
    AddReportCommands(v);
    AddAuditCommands(v);
    AddServerCommands(v);
    return v;
  }();
  return commands;
}

namespace {

void PrintOverview(std::ostream& os) {
  os << "校建通 SchoolBuild 命令行\n\n用法：schoolbuild-cli [--db 路径] 命令 [参数…]\n\n命令：\n";
  size_t w = 0;
  for (const auto& c : AllCommands()) w = std::max(w, c.name.size());
  for (const auto& c : AllCommands())
    os << "  " << c.name << std::string(w - c.name.size() + 2, ' ') << c.summary << "\n";
  os << "\n通用选项：\n  --db 路径   数据库文件（默认 " << DefaultDatabasePath()
     << "，与窗口程序相同）\n  --help      显示帮助；“命令 --help”显示该命令的帮助\n"
     << "  --version   显示版本号\n"
     << "\n退出码：0 成功；1 数据或请求被拒绝（原因见标准错误）；2 命令行写错\n";
}

void PrintCommandHelp(std::ostream& os, const Command& c) {
  os << "用法：schoolbuild-cli [--db 路径] " << c.usage << "\n\n" << c.summary << "\n";
  if (!c.description.empty()) os << "\n" << c.description << "\n";
  if (!c.options.empty()) {
    os << "\n选项：\n";
    for (const auto& o : c.options)
      os << "  --" << o.name << (o.takesValue ? " 值" : "") << "\n      " << o.help << "\n";
  }
}

}  // namespace

int Run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err) {
  std::string dbPath;
  bool help = false;
  std::vector<std::string> rest;
  // Global options may stand before or after the command name.
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--db") {
      if (i + 1 >= argv.size()) {
        err << "错误：--db 后面需要数据库文件路径\n";
        return kExitUsage;
      }
      dbPath = argv[++i];
    } else if (a.rfind("--db=", 0) == 0) {
      dbPath = a.substr(5);
    } else if (a == "--help" || a == "-h") {
      help = true;
    } else if (a == "--version") {
      out << "schoolbuild-cli (校建通 SchoolBuild) " << kVersion << "\n";
      return kExitOk;
    } else {
      rest.push_back(a);
    }
  }
  if (rest.empty() || rest[0] == "help") {
    if (rest.size() > 1) {
      for (const auto& c : AllCommands())
        if (c.name == rest[1]) {
          PrintCommandHelp(out, c);
          return kExitOk;
        }
    }
    PrintOverview(help || !rest.empty() ? out : err);
    return help || !rest.empty() ? kExitOk : kExitUsage;
  }
  const Command* cmd = nullptr;
  for (const auto& c : AllCommands())
    if (c.name == rest[0]) cmd = &c;
  if (!cmd) {
    err << "错误：没有“" << rest[0] << "”这个命令。\n\n";
    PrintOverview(err);
    return kExitUsage;
  }
  if (help) {
    PrintCommandHelp(out, *cmd);
    return kExitOk;
  }

  Args args;
  for (size_t i = 1; i < rest.size(); ++i) {
    const std::string& a = rest[i];
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      bool inlineValue = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name = name.substr(0, eq);
        inlineValue = true;
      }
      auto spec = std::find_if(cmd->options.begin(), cmd->options.end(),
                               [&](const OptionSpec& o) { return o.name == name; });
      if (spec == cmd->options.end()) {
        err << "错误：命令 " << cmd->name << " 没有选项 --" << name << "\n用法：schoolbuild-cli "
            << cmd->usage << "\n";
        return kExitUsage;
      }
      if (spec->takesValue && !inlineValue) {
        if (i + 1 >= rest.size()) {
          err << "错误：选项 --" << name << " 后面需要一个值\n";
          return kExitUsage;
        }
        value = rest[++i];
      }
      args.options[name] = value;
    } else {
      args.positional.push_back(a);
    }
  }
  if (args.positional.size() < cmd->minPositional || args.positional.size() > cmd->maxPositional) {
    err << "错误：参数个数不对\n用法：schoolbuild-cli " << cmd->usage << "\n";
    return kExitUsage;
  }

  Invocation inv{args, out, err, dbPath.empty() ? DefaultDatabasePath() : dbPath};
  try {
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<app::Session> session;
    if (cmd->db != DbUse::None) {
      db = storage::Database::Open(inv.dbPath, cmd->db == DbUse::Create ? storage::OpenMode::Create
                                                                      : storage::OpenMode::MustExist);
      inv.db = db.get();
      if (!db->ReadOnlyReason().empty())
        err << "注意：数据库以只读方式打开（" << db->ReadOnlyReason() << "）：可以查看和导出，不能修改。\n";
      if (!db->NetworkNotice().empty()) err << "注意：" << db->NetworkNotice() << "\n";
      session = std::make_unique<app::Session>(*db);
      inv.session = session.get();
    }
    return cmd->run(inv);
  } catch (const Error& e) {
    err << "错误：" << e.detail() << "\n";
    if (e.code() == ErrorCode::Damaged && !storage::Database::IsServerLocation(inv.dbPath)) {
      // Never written; point to the newest backup that still checks out.
      if (auto good = app::NewestGoodBackup(inv.dbPath))
        err << "最新的完好备份：" << good->path << "（项目 " << good->projects << " 个；最后一次改动："
            << good->lastChange << "）\n恢复：schoolbuild-cli --db " << inv.dbPath << " restore " << good->path
            << "\n";
      else
        err << "在 " << app::BackupFolder(inv.dbPath) << " 中没有找到核对通过的备份。\n";
    }
    return kExitFailed;
  } catch (const std::exception& e) {
    err << "错误：" << e.what() << "\n";
    return kExitFailed;
  }
}

}  // namespace sb::cli

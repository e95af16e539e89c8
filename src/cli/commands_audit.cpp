// history, verify, backup, restore: the record finance signs and auditors check.
#include <unistd.h>

#include <iostream>

#include "app/audit.h"
#include "cli/commands.h"
#include "core/error.h"
#include "storage/repository.h"

namespace sb::cli {

namespace {

int History(Invocation& inv) {
  Format format = inv.format();
  storage::HistoryFilter filter;
  if (inv.args.Has("project")) {
    std::string code = inv.args.Get("project");
    auto p = storage::FindProjectByCode(*inv.db, code);
    if (!p) Fail(ErrorCode::NotFound, "项目编号“" + code + "”不存在");
    filter.projectId = p->id;
  }
  if (inv.args.Has("since")) filter.since = FormatDate(ParseDate(inv.args.Get("since")));
  if (inv.args.Has("table")) filter.table = inv.args.Get("table");
  std::vector<app::HistoryLine> lines = app::History(*inv.session, filter);
  if (format == Format::Table) {
    for (const auto& l : lines) inv.out << l.text << "\n";
    inv.out << "共 " << lines.size() << " 条历史记录\n";
    return kExitOk;
  }
  std::vector<Column> cols = {{"id", "序号", true}, {"at", "时间"},       {"who", "操作人"},
                              {"action", "操作"},   {"table", "表"},        {"row", "行"},
                              {"op", "类型"},       {"outside", "程序外"},  {"text", "说明"}};
  std::vector<Row> rows;
  for (const auto& l : lines)
    rows.push_back({IntCell(l.entry.id), TextCell(l.entry.at), TextCell(l.entry.who), TextCell(l.entry.action),
                    TextCell(l.entry.table), TextCell(l.entry.rowKey), TextCell(l.entry.op),
                    IntCell(l.entry.outside ? 1 : 0), TextCell(l.text)});
  WriteTable(inv.out, format, cols, rows);
  return kExitOk;
}

int Verify(Invocation& inv) {
  if (inv.args.Has("code") != inv.args.Has("month")) {
    inv.err << "错误：--code 和 --month 要一起给出，如 verify --code 9F3A-21C7 --month 2026-10\n";
    return kExitUsage;
  }
  if (inv.args.Has("code")) {
    app::CodeCheck c = app::VerifyCheckCode(*inv.session, YearMonth::Parse(inv.args.Get("month")),
                                            inv.args.Get("code"));
    (c.ok ? inv.out : inv.err) << c.message << "\n";
    return c.ok ? kExitOk : kExitFailed;
  }
  app::VerifyResult r = app::Verify(*inv.db);
  if (r.ok()) {
    inv.out << "核对通过：" << r.entries << " 条历史记录的记录链完整，" << r.rows
            << " 行数据都与其最后一条历史记录一致，文件完整性检查通过。\n记录链末端："
            << r.head.substr(0, 16) << "\n";
    if (r.outside > 0)
      inv.out << "其中 " << r.outside << " 条是在本程序以外对数据库文件所做的改动，已记入历史并标明"
              << "（history 中带“程序外修改”）。\n";
    return kExitOk;
  }
  if (r.integrity != "ok") inv.err << "文件完整性检查未通过：" << r.integrity << "\n";
  for (const auto& p : r.problems) inv.err << p << "\n";
  inv.err << "核对未通过：发现 " << r.problems.size() + (r.integrity != "ok" ? 1 : 0)
          << " 处问题（已核对 " << r.entries << " 条历史记录、" << r.rows << " 行数据）。\n";
  return kExitFailed;
}

int Backup(Invocation& inv) {
  std::string path = inv.args.positional.empty() ? "" : inv.args.positional[0];
  std::string written = app::Backup(*inv.session, path);
  inv.out << "已备份到 " << written << "\n";
  return kExitOk;
}

void PrintBackup(std::ostream& out, const app::BackupInfo& info) {
  out << "备份文件：" << info.path << "\n";
  if (!info.opens) {
    out << "  不能使用：" << info.problem << "\n";
    return;
  }
  out << "  项目 " << info.projects << " 个，拨付 " << info.payments << " 笔\n"
      << "  最后一次改动：" << (info.lastChange.empty() ? "（无历史记录）" : info.lastChange) << "\n"
      << "  核对：" << (info.verified ? "通过" : "未通过") << "\n";
  for (const auto& p : info.verifyProblems) out << "    " << p << "\n";
}

int Restore(Invocation& inv) {
  const std::string& backup = inv.args.positional[0];
  app::BackupInfo info = app::InspectBackup(backup);
  PrintBackup(inv.out, info);
  if (!info.opens || !info.verified) {
    inv.err << "错误：这个备份不能用来恢复，数据库没有任何改动。\n";
    return kExitFailed;
  }
  if (!inv.args.Has("yes")) {
    if (!isatty(STDIN_FILENO)) {
      inv.err << "要用这个备份替换 " << inv.dbPath << "，请加 --yes 确认（当前文件会先另存为备份）。\n";
      return kExitFailed;
    }
    inv.out << "用这个备份替换 " << inv.dbPath << "？当前文件会先另存为备份。输入 y 确认：" << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "是") {
      inv.out << "已取消，数据库没有任何改动。\n";
      return kExitFailed;
    }
  }
  std::string kept = app::RestoreBackup(inv.dbPath, backup);
  inv.out << "已恢复。" << (kept.empty() ? "" : "原文件另存为 " + kept) << "\n";
  return kExitOk;
}

}  // namespace

void AddAuditCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"history", "历史记录：谁在什么时候改了什么，用文字说明",
       "history [--project 项目编号] [--since 日期] [--table 表] [--format table|csv|json]",
       "每一次新增、修改、删除（包括在本程序以外对数据库文件所做的改动）都由数据库自己记入历史，"
       "并用 SHA-256 串成记录链（见 verify）。table 格式每条一行，如“2026-11-03 10:12 张会计 录入拨付 "
       "记-202611-0042 85.00万元 → 萍乡市城建集团”。\n表名：projects budget_lines funding_sources allocations "
       "receipts procedure_steps progress_entries contracts payments settings fund_kinds procedure_template "
       "month_closings month_closing_events。\ncsv/json 列：id,at,who,action,table,row,op,outside,text。",
       {{"project", true, "只看这个项目"},
        {"since", true, "只看这一天及以后，如 2026-11-01"},
        {"table", true, "只看这张表，如 payments"},
        FormatOption()},
       0, 0, DbUse::MustExist, History});
  commands.push_back(
      {"verify", "核对：历史记录链、每行数据与历史记录、文件完整性；或核对打印件的校验码",
       "verify [--code 校验码 --month 月份]",
       "不带选项：重新计算历史记录链，逐行比对每张表与其最后一条历史记录，并做完整性检查；"
       "有任何问题退出码为 1，并指出第一处断开的记录及其时间。\n"
       "--code/--month：已定稿月报页脚上的校验码（如 9F3A-21C7）是否仍与数据库一致——"
       "数据库中该月的数据若在定稿后有改动，核对不通过。",
       {{"code", true, "月报页脚的校验码，如 9F3A-21C7"}, {"month", true, "打印件的月份，如 2026-10"}},
       0, 0, DbUse::MustExist, Verify});
  commands.push_back({"backup", "备份数据库（在线备份，可边用边备）", "backup [文件]",
                      "不给文件名时写到数据库旁的 backups 文件夹，文件名带日期时间，保留最近 20 个"
                      "（县设置 backup.keep）。",
                      {}, 0, 1, DbUse::MustExist, Backup});
  commands.push_back({"restore", "从备份恢复（先显示备份内容并核对，当前文件先另存为备份）",
                      "restore 备份文件 [--yes]",
                      "先列出备份中的项目数、最后一次改动和核对结果；只有核对通过的备份才能恢复。"
                      "当前数据库先另存到 backups 文件夹（损坏的文件按原样复制），再被替换。"
                      "在终端中会要求输入 y 确认；脚本中请加 --yes。",
                      {{"yes", false, "不再询问，直接恢复"}}, 1, 1, DbUse::None, Restore});
}

}  // namespace sb::cli

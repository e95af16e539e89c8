#include "app/audit.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>

#include "app/actions.h"
#include "app/report_service.h"
#include "app/server.h"
#include "core/paths.h"
#include "core/error.h"
#include "core/json.h"
#include "core/translate.h"
#include "report/snapshot.h"
#include "storage/backup.h"
#include "storage/server.h"
#include "storage/report_repository.h"
#include "storage/repository.h"

namespace sb::app {

namespace fs = std::filesystem;

// ---- the history --------------------------------------------------------------------------

std::vector<HistoryLine> History(Session& session, const storage::HistoryFilter& filter) {
  // The window has the portfolio in memory already; the command line reads just the names.
  HistoryNames names;
  if (auto a = session.cached()) {
    for (const auto& p : a->portfolio.projects) names.projects[p.id] = p.code + " " + p.name;
    for (const auto& s : a->portfolio.sources) names.sources[s.id] = s.name;
    for (const auto& c : a->portfolio.contracts) names.contracts[c.id] = c.code;
  } else {
    names = storage::LoadHistoryNames(session.db());
  }
  std::vector<HistoryLine> out;
  for (auto& e : storage::HistoryEntries(session.db(), filter)) {
    std::string text = DescribeEntry(e, names);
    out.push_back({std::move(e), std::move(text)});
  }
  return out;
}

// ---- verify -------------------------------------------------------------------------------

namespace {

std::string Canon(const std::optional<std::string>& text) {
  if (!text) return "";
  try {
    return json::CanonicalText(*text, "历史记录的数据");
  } catch (const Error&) {
    return *text;
  }
}

// "拨付 记-202509-0017（id 17）", "项目 LX2025-01（id 1）", "设置 county_name"
std::string RowLabel(const std::string& table, const std::string& key, const std::string& rowJson) {
  std::string label = Tr(std::string(TableWord(table)).c_str());
  try {
    json::Value v = json::Parse(rowJson, "行数据");
    for (const char* field : {"voucher", "code", "month"})
      if (const json::Value* f = v.Find(field); f && std::holds_alternative<std::string>(f->v))
        // TRANSLATORS: a row in the audit: what it is (拨付), its voucher or code, then the
        // database table and its key (payments 17).
        return Tr("%s %s（%s %s）", label.c_str(), f->AsString().c_str(), table.c_str(), key.c_str());
  } catch (const Error&) {
  }
  // TRANSLATORS: a row in the audit: what it is (设置), its key, then the database table.
  return Tr("%s %s（%s）", label.c_str(), key.c_str(), table.c_str());
}

struct LastEntry {
  Id id = 0;
  std::string at, op;
  std::optional<std::string> values;
};

}  // namespace

VerifyResult Verify(storage::Database& db) {
  VerifyResult r;
  r.integrity = storage::IntegrityCheck(db);
  std::string previous(kChainStart);
  std::map<std::pair<std::string, std::string>, LastEntry> last;
  storage::ForEachHistoryEntry(db, [&](const HistoryEntry& e) {
    ++r.entries;
    if (e.outside) ++r.outside;
    auto where = [&] {
      // TRANSLATORS: a history entry by its number, then its time, what it changed and the row's key.
      return Tr("第 %lld 条（%s，%s %s）", static_cast<long long>(e.id), EntryTime(e).c_str(),
                Tr(std::string(TableWord(e.table)).c_str()).c_str(), e.rowKey.c_str());
    };
    if (!e.hash) {
      r.problems.push_back(Tr("历史记录%s尚未封存进记录链", where().c_str()));
    } else {
      if (ChainHash(previous, e) != *e.hash)
        r.problems.push_back(Tr("历史记录链在%s断开：这条记录的内容与它的校验值不符，已被改动", where().c_str()));
      previous = *e.hash;
    }
    last[{e.table, e.rowKey}] = {e.id, EntryTime(e), e.op, e.op == "delete" ? e.oldValues : e.newValues};
  });
  r.head = previous;
  for (const auto& table : storage::AuditedTables()) {
    for (const auto& [key, rowJson] : storage::TableRowsAsJson(db, table)) {
      ++r.rows;
      auto it = last.find({table.name, key});
      std::string label = RowLabel(table.name, key, rowJson);
      if (it == last.end()) {
        r.problems.push_back(Tr("%s 没有任何历史记录：它是绕过历史记录写入的", label.c_str()));
        continue;
      }
      const LastEntry& l = it->second;
      if (l.op == "delete") {
        // TRANSLATORS: the row, when the history deleted it, then the history entry's number.
        r.problems.push_back(Tr("%s 按历史记录已于 %s 删除（第 %lld 条），却仍在数据库中", label.c_str(), l.at.c_str(),
                                static_cast<long long>(l.id)));
      } else if (Canon(l.values) != rowJson) {
        std::string diff = ChangedFields(l.values.value_or(""), rowJson);
        // TRANSLATORS: the row, the number and time of its last history entry, then what
        // differs ("：金额 …", or nothing).
        r.problems.push_back(Tr("%s 的当前内容与最后一条历史记录（第 %lld 条，%s）不一致%s", label.c_str(),
                                static_cast<long long>(l.id), l.at.c_str(),
                                (diff.empty() ? std::string() : Tr("：") + diff).c_str()));
      }
      last.erase(it);
    }
  }
  for (const std::string& group : storage::PaymentGroupsDisagreeing(db))
    // TRANSLATORS: a group of payments, what the kept sums say and what the payments add up to.
    r.problems.push_back(Tr("拨付汇总与拨付明细不符（%s）：汇总随每笔拨付记下，两者不符说明拨付或汇总被绕过程序改动过（如删除了触发器）", group.c_str()));
  for (const auto& [row, l] : last)
    if (l.op != "delete")
      // TRANSLATORS: the row, then the number and time of its last history entry.
      r.problems.push_back(Tr("%s 已不在数据库中，但历史记录里没有删除它的记录（最后一条：第 %lld 条，%s）",
                              RowLabel(row.first, row.second, l.values.value_or("")).c_str(),
                              static_cast<long long>(l.id), l.at.c_str()));
  return r;
}

namespace {

std::string NormalizeCode(std::string code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == ' ') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out.size() == 8 ? out.substr(0, 4) + "-" + out.substr(4) : code;
}

std::string Wan(Money m) { return m.FormatWan(2, 6) + "万元"; }

}  // namespace

CodeCheck VerifyCheckCode(Session& session, YearMonth month, const std::string& code) {
  storage::Database& db = session.db();
  auto closing = storage::FindMonthClosing(db, month);
  if (!closing)
    return {false, month.FormatChinese() + "没有定稿，它的打印件上没有校验码；请核对月份"};
  std::string given = NormalizeCode(code);
  std::string expected = CheckCode(month, closing->chainHead, closing->snapshot);
  if (given != expected)
    return {false, "校验码 " + given + " 不是本数据库" + month.FormatChinese() + "定稿的校验码：这份打印件不是由这份数据"
                   "打印的，或月份、校验码抄错了"};
  VerifyResult v = Verify(db);
  if (!v.ok())
    return {false, "校验码相符，但数据库的记录已被改动：" +
                       (v.integrity != "ok" ? "文件完整性检查未通过（" + v.integrity + "）" : v.problems.front())};
  // The month as the data say it now, against the printout's snapshot.
  report::ReportModel printed = report::SnapshotFromJson(closing->snapshot);
  report::ReportModel now = BuildMonthReport(db, month, closing->reportDate);
  std::map<std::string, const report::ReportRow*> byCode;
  for (const auto& row : now.rows) byCode[row.code] = &row;
  std::vector<std::string> changes;
  for (const auto& was : printed.rows) {
    auto it = byCode.find(was.code);
    if (it == byCode.end()) {
      changes.push_back(was.code + " 已不在数据库中");
      continue;
    }
    const report::ReportRow& is = *it->second;
    auto money = [&](const char* what, Money a, Money b) {
      if (a != b) changes.push_back(was.code + " " + what + " 打印件 " + Wan(a) + "，现在 " + Wan(b));
    };
    money("概算", was.budget, is.budget);
    money("累计下达", was.committed, is.committed);
    money("累计到位", was.received, is.received);
    money("累计拨付", was.paid, is.paid);
    money("累计完成投资", was.invested, is.invested);
    if (was.percent != is.percent)
      changes.push_back(was.code + " 形象进度 打印件 " + (was.percent ? was.percent->Format() + "%" : "无") + "，现在 " +
                        (is.percent ? is.percent->Format() + "%" : "无"));
    byCode.erase(it);
  }
  for (const auto& [codeNow, row] : byCode) changes.push_back(codeNow + " 是定稿之后才有的属于该月的项目");
  if (!changes.empty()) {
    std::string list;
    for (size_t i = 0; i < changes.size() && i < 10; ++i) list += (i ? "；" : "") + changes[i];
    if (changes.size() > 10) list += "……共 " + std::to_string(changes.size()) + " 处";
    return {false, "校验码相符，但" + month.FormatChinese() + "定稿后，属于该月的数据有了改动：" + list};
  }
  return {true, "校验通过：数据库中" + month.FormatChinese() + "的数据与校验码为 " + expected + " 的打印件完全一致（" +
                    closing->closedAt.substr(0, 10) + " 由 " + closing->closedBy + " 定稿）"};
}

// ---- backups ------------------------------------------------------------------------------

std::string BackupFolder(const std::string& databasePath) {
  // A server's backups are files on this PC, in the program's own data folder.
  if (storage::Database::IsServerLocation(databasePath))
    return (fs::path(BuiltInDatabasePath()).parent_path() / "backups").string();
  fs::path p = fs::absolute(databasePath).parent_path() / "backups";
  return p.string();
}

namespace {

std::string Stem(const std::string& databasePath) {
  if (storage::Database::IsServerLocation(databasePath)) {
    ServerLogin login = ParseServerLocation(databasePath);
    return login.database + "@" + login.host;
  }
  return fs::path(databasePath).stem().string();
}

// "20261201-193005" from local time now.
std::string FileTime() {
  std::string t = NowTimestamp();  // 2026-12-01T19:30:05
  std::string out;
  for (char c : t)
    if (c != '-' && c != ':') out += c == 'T' ? '-' : c;
  return out;
}

std::string UniqueName(const std::string& folder, const std::string& base) {
  std::string path = (fs::path(folder) / (base + ".db")).string();
  for (int n = 2; fs::exists(path); ++n) path = (fs::path(folder) / (base + "-" + std::to_string(n) + ".db")).string();
  return path;
}

}  // namespace

std::vector<std::string> Backups(const std::string& databasePath) {
  std::vector<std::string> out;
  std::error_code ec;
  std::string prefix = Stem(databasePath) + "-";
  for (const auto& e : fs::directory_iterator(BackupFolder(databasePath), ec)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file(ec) && name.rfind(prefix, 0) == 0 && e.path().extension() == ".db")
      out.push_back(e.path().string());
  }
  // Named by time: the newest sorts last by name.
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return fs::path(a).filename().string() > fs::path(b).filename().string();
  });
  return out;
}

std::string Backup(Session& session, const std::string& path) {
  const std::string& dbPath = session.db().path();
  std::string target = path;
  if (target.empty()) {
    std::error_code ec;
    fs::create_directories(BackupFolder(dbPath), ec);
    target = UniqueName(BackupFolder(dbPath), Stem(dbPath) + "-" + FileTime());
  }
  if (session.db().IsServer()) {
    // A server's database into a SQLite file of its own, every row and the history as
    // they are: it opens, verifies and restores (migrate) like any county's file.
    CreateDatabaseFile(target, [&](storage::Database& file) {
      storage::WriteTransaction tx(file);
      storage::CopyAllRows(session.db(), file);
      tx.Commit();
    });
  } else {
    storage::BackupDatabase(session.db(), target);
  }
  if (path.empty()) {
    int64_t keep = storage::LoadSettings(session.db()).Integer(kSetBackupKeep, 20);
    std::vector<std::string> all = Backups(dbPath);
    std::error_code ec;
    for (size_t i = static_cast<size_t>(std::max<int64_t>(keep, 1)); i < all.size(); ++i) fs::remove(all[i], ec);
  }
  return target;
}

BackupInfo InspectBackup(const std::string& path) {
  BackupInfo info;
  info.path = path;
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() /
                 ("sb_inspect_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir, ec);
  try {
    if (!fs::is_regular_file(path, ec)) Fail(ErrorCode::FileMissing, Tr("备份文件不存在：%s", path.c_str()));
    std::string copy = (dir / "backup.db").string();
    storage::CopyFileAtomically(path, copy);
    auto db = storage::Database::Open(copy, storage::OpenMode::MustExist);
    info.opens = true;
    Portfolio pf = storage::LoadPortfolio(*db);
    info.projects = pf.projects.size();
    info.payments = pf.payments.size();
    if (auto head = storage::HistoryHead(*db)) info.lastChange = DescribeEntry(*head);
    VerifyResult v = Verify(*db);
    info.verified = v.ok();
    // TRANSLATORS: %s is what SQLite's integrity check found (in English).
    if (v.integrity != "ok") info.verifyProblems.push_back(Tr("完整性检查：%s", v.integrity.c_str()));
    info.verifyProblems.insert(info.verifyProblems.end(), v.problems.begin(), v.problems.end());
  } catch (const Error& e) {
    info.problem = e.detail();
  }
  fs::remove_all(dir, ec);
  return info;
}

std::optional<BackupInfo> NewestGoodBackup(const std::string& databasePath) {
  for (const auto& path : Backups(databasePath)) {
    BackupInfo info = InspectBackup(path);
    if (info.opens && info.verified) return info;
  }
  return std::nullopt;
}

std::string RestoreBackup(const std::string& databasePath, const std::string& backupPath) {
  if (storage::Database::IsServerLocation(databasePath))
    // TRANSLATORS: %s is the backup file, in a command line to keep as it is.
    Fail(ErrorCode::Refused, Tr("服务器上的数据库不能直接用备份文件替换（其他人正在使用）。请管理员新建一个空数据库，"
                                "再执行 schoolbuild-cli migrate --from %s --to \"postgresql: …\"，"
                                "核对无误后让各科室改连新数据库。",
                                backupPath.c_str()));
  BackupInfo info = InspectBackup(backupPath);
  if (!info.opens) Fail(ErrorCode::Refused, Tr("备份 %s 不能使用：%s", backupPath.c_str(), info.problem.c_str()));
  if (!info.verified)
    Fail(ErrorCode::Refused, Tr("备份 %s 没有通过核对：%s", backupPath.c_str(),
                                (info.verifyProblems.empty() ? Tr("未知原因") : info.verifyProblems.front()).c_str()));
  std::string kept;
  std::error_code ec;
  if (fs::exists(databasePath, ec)) {
    fs::create_directories(BackupFolder(databasePath), ec);
    try {
      auto current = storage::Database::Open(databasePath, storage::OpenMode::MustExist);
      Session s(*current);
      kept = Backup(s, UniqueName(BackupFolder(databasePath), Stem(databasePath) + "-" + FileTime() + "-恢复前"));
    } catch (const Error&) {
      // Damaged or not ours: kept byte for byte, never opened for writing.
      kept = UniqueName(BackupFolder(databasePath), Stem(databasePath) + "-" + FileTime() + "-损坏");
      storage::CopyFileAtomically(databasePath, kept);
    }
  }
  storage::ReplaceDatabaseFile(databasePath, backupPath);
  return kept;
}

}  // namespace sb::app

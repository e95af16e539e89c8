#include "storage/database.h"

#include <soci/soci.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <iterator>
#include <set>

#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "core/error.h"
#include "core/translate.h"
#include "storage/dialect.h"
#include "storage/history_repository.h"
#include "storage/embedded.h"
#include "storage/inserts.h"
#include "storage/sql_util.h"

namespace sb::storage {

namespace fs = std::filesystem;

namespace {

struct Migration {
  int version;
  std::string_view name;
  std::string_view text;
  bool baseline = false;  ///< builds the whole schema at `version` from nothing
};

// The migrations of an engine, in order: files named NNNN_*.sql in db/ (shared: portable
// SQL) and in db/sqlite/ or db/postgresql/ (that engine's own); their number is the
// schema version they produce, and where a version has both, the shared one runs first.
// An engine's NNNN_baseline.sql creates the schema of version NNNN in an empty database,
// which then skips every earlier step (PostgreSQL starts at version 8).
std::vector<Migration> Migrations(dialect::Engine engine) {
  const std::string own = engine == dialect::Engine::Postgresql ? "postgresql/" : "sqlite/";
  std::vector<Migration> out;
  for (const auto& f : EmbeddedFiles()) {
    std::string_view name = f.name;
    bool shared = name.find('/') == std::string_view::npos;
    if (!shared) {
      if (name.substr(0, own.size()) != own) continue;
      name.remove_prefix(own.size());
    }
    if (name.size() < 6 || name[4] != '_' ||
        !std::all_of(name.begin(), name.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }))
      continue;
    Migration m{std::stoi(std::string(name.substr(0, 4))), f.name, f.text};
    m.baseline = !shared && name.substr(4) == "_baseline.sql";
    out.push_back(m);
  }
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) {
    if (a.version != b.version) return a.version < b.version;
    return a.name.find('/') == std::string_view::npos && b.name.find('/') != std::string_view::npos;
  });
  return out;
}

// The steps that take a database from `from` to the newest version: after the newest
// baseline when the database is empty (from = 0), else every later step.
std::vector<Migration> PendingMigrations(dialect::Engine engine, int from) {
  auto all = Migrations(engine);
  int start = 0;
  if (from == 0)
    for (const auto& m : all)
      if (m.baseline) start = m.version;
  std::vector<Migration> out;
  for (const auto& m : all) {
    if (m.version <= from) continue;
    if (start > 0 && (m.version < start || (m.version == start && !m.baseline))) continue;
    if (m.baseline && !(from == 0 && m.version == start)) continue;
    out.push_back(m);
  }
  return out;
}

// The tables every SchoolBuild file has had since version 1 (db/sqlite/0001_schema.sql): how a
// file written before the application id (an earlier SchoolBuild) is recognised.
const char* const kCoreTables[] = {
    "settings",        "fund_kinds",      "procedure_template", "projects",
    "budget_lines",    "funding_sources", "allocations",        "receipts",
    "procedure_steps", "progress_entries", "contracts",         "payments",
};

// What a file says of itself, read without writing anything.
struct FileIdentity {
  int applicationId = 0;
  int schemaVersion = 0;
  std::set<std::string> tables;
};

FileIdentity ReadIdentity(soci::session& sql) {
  FileIdentity f;
  sql << "PRAGMA application_id", soci::into(f.applicationId);
  sql << "PRAGMA user_version", soci::into(f.schemaVersion);
  soci::rowset<std::string> names =
      sql.prepare << "SELECT name FROM sqlite_master WHERE type = 'table'";
  for (const auto& n : names) f.tables.insert(n);
  return f;
}

// Every money column (db/sqlite/0007_integer_money.sql, 0008_annual_plans.sql): an integer
// of 分, or the file is damaged. The schema version from which the table exists.
struct MoneyColumn {
  const char* table;
  const char* column;
  int since;
};
const MoneyColumn kMoneyColumns[] = {
    {"budget_lines", "amount", 1}, {"funding_sources", "amount", 1}, {"allocations", "amount", 1},
    {"receipts", "amount", 1},     {"progress_entries", "invested", 1}, {"contracts", "amount", 1},
    {"payments", "amount", 1},     {"annual_plans", "amount", 8}};

// A REAL, TEXT or BLOB in a money column (written by another program) would be read as a
// truncated or zero amount: refused as damage, naming the rows, before anything is written.
void RefuseWrongTypedMoney(soci::session& sql, const std::string& path, int schemaVersion) {
  std::string found;
  int shown = 0;
  for (const auto& [table, column, since] : kMoneyColumns) {
    if (schemaVersion < since) continue;
    soci::rowset<soci::row> rows = sql.prepare << std::string("SELECT id, typeof(") + column +
                                                      ") FROM " + table + " WHERE typeof(" + column +
                                                      ") <> 'integer' ORDER BY id LIMIT 5";
    for (const auto& r : rows) {
      if (shown++ < 5)
        // TRANSLATORS: a table, a row's id, a money column and the SQLite type it holds (real, text).
        found += (found.empty() ? std::string() : Tr("；")) + Tr("%s 表 id=%lld 的 %s 是 %s，不是整数（分）", table,
                                                                 static_cast<long long>(RowInt64(r, 0)), column,
                                                                 r.get<std::string>(1).c_str());
    }
  }
  if (shown > 0)
    // TRANSLATORS: the file, the rows found (each "payments 表 id=3 的 amount 是 real…"),
    // then " 等" (and more) when there are more than five.
    Fail(ErrorCode::Damaged, Tr("数据库文件 %s 已损坏（金额列的值类型不对：%s%s）。这样的值会被误读为截断的金额或 0，文件没有被改动；请从备份恢复。",
                                path.c_str(), found.c_str(), shown > 5 ? Tr(" 等").c_str() : ""));
}

// Before the voucher index of schema 7 is built: a file with duplicate vouchers is refused
// naming them, rather than failing half-way with the engine's words.
void RefuseDuplicateVouchers(soci::session& sql, const std::string& path) {
  soci::rowset<soci::row> rows = sql.prepare
                                 << "SELECT voucher, COUNT(*) FROM payments GROUP BY voucher "
                                    "HAVING COUNT(*) > 1 ORDER BY voucher LIMIT 11";
  std::string list;
  int n = 0;
  for (const auto& r : rows) {
    if (n++ == 10) break;
    // TRANSLATORS: a voucher number, then how many payments use it.
    list += (list.empty() ? std::string() : Tr("、")) + Tr("“%s”（%lld 笔）", RowText(r, 0).c_str(),
                                                         static_cast<long long>(RowInt64(r, 1)));
  }
  if (n == 0) return;
  // TRANSLATORS: the file, the vouchers used twice, then " 等" (and more) when there are more.
  Fail(ErrorCode::Database, Tr("数据库文件 %s 中有重复的凭证号：%s%s。本版本要求每笔拨付的凭证号唯一，不能升级这个文件；文件未作任何改动。"
                               "请用原来的程序核对这些拨付（重复录入的用红字冲销并改用新凭证号）后再打开。",
                               path.c_str(), list.c_str(), n > 10 ? Tr(" 等").c_str() : ""));
}

// Why `path` can only be read, or "" when it can be written: the file or its folder has
// no write permission (for root, which writes anyway, no write bit counts: the owner
// made it read-only on purpose), or the file system is mounted read-only. The folder
// matters because SQLite keeps its -wal and -shm files beside the database.
std::string WhyReadOnly(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  std::string folder = fs::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  struct statvfs vfs {};
  if (::statvfs(path.c_str(), &vfs) == 0) {
    // TRANSLATORS: why a database file can only be read (shown after its name).
    if (vfs.f_flag & ST_RDONLY) return Tr("所在的磁盘或分区是只读挂载的");
    // Even reading needs a little room beside the file (the -shm index of the WAL).
    if (static_cast<unsigned long long>(vfs.f_bavail) * vfs.f_frsize < 64 * 1024)
      return Tr("所在的磁盘已满");
  }
  if ((st.st_mode & 0222) == 0 || ::access(path.c_str(), W_OK) != 0) return Tr("文件没有写入权限");
  struct stat dir {};
  if (::stat(folder.c_str(), &dir) == 0 && ((dir.st_mode & 0222) == 0 || ::access(folder.c_str(), W_OK) != 0))
    return Tr("所在的文件夹 %s 没有写入权限", folder.c_str());
  return "";
}

// SQLite keeps a WAL file's index in a -shm file beside it; where none can be created (a
// read-only folder or mount) a file without pending WAL content is opened as immutable.
bool FolderWritable(const std::string& path) {
  std::string folder = fs::path(path).parent_path().string();
  if (folder.empty()) folder = ".";
  struct statvfs vfs {};
  if (::statvfs(folder.c_str(), &vfs) == 0 &&
      ((vfs.f_flag & ST_RDONLY) || static_cast<unsigned long long>(vfs.f_bavail) * vfs.f_frsize < 64 * 1024))
    return false;
  struct stat dir {};
  return ::stat(folder.c_str(), &dir) == 0 && (dir.st_mode & 0222) != 0 && ::access(folder.c_str(), W_OK) == 0;
}

// The network file system a path lives on ("SMB/CIFS", "NFS", …), or "" for a local one.
// SQLite's WAL needs shared memory that such file systems do not provide across PCs.
// SB_ASSUME_NETWORK_FS=1 makes any path count as one (for tests and for a share the
// kernel reports as local, e.g. through FUSE).
std::string NetworkFileSystem(const std::string& path) {
  if (const char* assume = std::getenv("SB_ASSUME_NETWORK_FS"); assume && std::string(assume) == "1")
    return Tr("网络共享");
  std::string probe = path;
  std::error_code ec;
  if (!fs::exists(probe, ec)) probe = fs::path(path).parent_path().string();
  if (probe.empty()) probe = ".";
  struct statfs st {};
  if (::statfs(probe.c_str(), &st) != 0) return "";
  switch (static_cast<unsigned long>(st.f_type)) {
    case 0x6969UL: return "NFS";
    case 0x517BUL: return "SMB";
    case 0xFF534D42UL: return "SMB/CIFS";
    case 0xFE534D42UL: return "SMB2";
    case 0x5346414FUL: return "AFS";
    case 0x00C36400UL: return "CephFS";
    case 0x01161970UL: return "GFS2";
    case 0x47504653UL: return "GPFS";
    case 0x0BD00BD0UL: return "Lustre";
    case 0x564C0000UL: return "NCP";
    default: return "";
  }
}

std::string UriPath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
      out += hex;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string Hex(int id) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", static_cast<unsigned>(id));
  return text;
}

// The last history entry of the file no longer matches its hash.
std::string BrokenChain(const std::string& path) {
  return Tr("数据库文件 %s 的历史记录链末端与其校验值不符（最后一条历史记录被改动过）。"
            "文件没有被改动；请用 schoolbuild-cli verify 查看，或从备份恢复。",
            path.c_str());
}

// Refuses a file that is not a SchoolBuild database this program can open; returns when
// it is one (or an empty file, to be created). Nothing has been written yet, so every
// refusal can say the file is unchanged.
void RefuseUnlessOurs(const std::string& path, const FileIdentity& f, int latest, bool existed) {
  const std::string unchanged = Tr("文件未作任何改动。");
  const bool marked = f.applicationId == Database::kApplicationId;
  if (f.applicationId != 0 && !marked)
    Fail(ErrorCode::Database, Tr("文件 %s 是其他程序的 SQLite 数据库（应用标识 %s），不是校建通的数据库；%s", path.c_str(),
                                 Hex(f.applicationId).c_str(), unchanged.c_str()));
  auto newer = [&] {
    // TRANSLATORS: the file, its schema version, the newest version this program knows,
    // then "文件未作任何改动。" (the file is unchanged).
    Fail(ErrorCode::NewerSchema, Tr("数据库文件 %s 由较新版本的校建通创建（结构版本 %d，本程序只支持到 %d）。请升级程序后再打开，%s",
                                    path.c_str(), f.schemaVersion, latest, unchanged.c_str()));
  };
  // A newer SchoolBuild may have changed its tables: its mark is enough to say so.
  if (marked && f.schemaVersion > latest) newer();
  // `why` says what is wrong with its tables.
  auto notOurs = [&](const std::string& why) {
    if (marked)
      // TRANSLATORS: the file, what is wrong with its tables, then "文件未作任何改动。".
      Fail(ErrorCode::Database, Tr("文件 %s 标记为校建通数据库，但已损坏（%s）；%s", path.c_str(), why.c_str(),
                                   unchanged.c_str()));
    // TRANSLATORS: the file, what is wrong with its tables, then "文件未作任何改动。".
    Fail(ErrorCode::Database, Tr("文件 %s 是 SQLite 数据库，但不是校建通的数据库（%s）；%s", path.c_str(), why.c_str(),
                                 unchanged.c_str()));
  };
  if (f.tables.empty()) {
    // Only a file this call created is a new database; one that was there with nothing in
    // it is a database that lost its contents (or never got them), not a new county.
    if (f.schemaVersion == 0 && !existed) return;
    if (f.schemaVersion == 0)
      // TRANSLATORS: init and demo are commands of schoolbuild-cli: keep them.
      Fail(ErrorCode::Damaged, Tr("数据库文件 %s 是空的或已损坏（SQLite 文件里没有任何数据表），不是校建通的数据库；%s"
                                  "若它本应是您的数据库，请从备份恢复；要新建数据库请用 init 或 demo 命令指定一个新的文件名。",
                                  path.c_str(), unchanged.c_str()));
    notOurs(Tr("没有数据表，结构版本却是 %d", f.schemaVersion));
  }
  std::vector<std::string> missing;
  for (const char* t : kCoreTables)
    if (!f.tables.count(t)) missing.push_back(t);
  if (missing.size() == std::size(kCoreTables))
    notOurs(Tr("没有校建通的数据表"));
  if (!missing.empty()) {
    std::string list;
    for (size_t i = 0; i < missing.size() && i < 3; ++i) list += (i ? Tr("、") : std::string()) + missing[i];
    // TRANSLATORS: after the first three missing tables: how many tables are missing in all.
    if (missing.size() > 3) list += Tr(" 等 %zu 张", missing.size());
    notOurs(Tr("缺少数据表 %s", list.c_str()));
  }
  if (f.schemaVersion < 1)
    notOurs(Tr("有校建通的数据表，但没有结构版本：user_version = %d", f.schemaVersion));
  if (f.schemaVersion > latest) newer();
}

}  // namespace

// Refuses a file that fails SQLite's quick_check, leaving it as it was.
void RefuseIfDamaged(soci::session& sql, const std::string& path) {
  std::string check;
  sql << "PRAGMA quick_check(1)", soci::into(check);
  if (check != "ok")
    // TRANSLATORS: the file, then what SQLite's integrity check found (in English).
    // "文件 → 从备份恢复" is the window's menu File → Restore from backup.
    Fail(ErrorCode::Damaged, Tr("数据库文件 %s 已损坏（完整性检查未通过：%s）。文件没有被改动；请从备份恢复（schoolbuild-cli restore 备份文件，"
                                "或窗口中 文件 → 从备份恢复）。",
                                path.c_str(), check.c_str()));
}

// A large file's check before its first write: once a day. The day it last passed is kept
// in the file (integrity_checks, db/sqlite/0013_integrity_checks.sql) by the first
// transaction after the check that commits a change (RememberCheck): a dry run, or an
// import that finds everything already there, leaves the file exactly as it was.
bool CheckedToday(soci::session& sql) {
  std::string passed;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(passed_on) FROM integrity_checks WHERE passed_on = date('now', 'localtime')",
      soci::into(passed, ind);
  return ind == soci::i_ok;
}
long long TotalChanges(soci::session& sql) {
  long long n = 0;
  sql << "SELECT total_changes()", soci::into(n);
  return n;
}

// Files up to this size are checked at every open; SB_CHECK_AT_OPEN_BYTES overrides it
// (tests: 0 defers every file's check).
uintmax_t CheckAtOpenBytes() {
  if (const char* v = std::getenv("SB_CHECK_AT_OPEN_BYTES"); v && *v) {
    char* end = nullptr;
    unsigned long long n = std::strtoull(v, &end, 10);
    if (end && *end == '\0') return n;
  }
  return uintmax_t{256} << 20;  // 256 MiB: a county's file is a few MB, a province's a GB
}

// The bytes of a file beside the database (its -wal or -journal); 0 when there is none.
static uintmax_t SidecarBytes(const std::string& path) {
  std::error_code ec;
  const uintmax_t n = fs::file_size(path, ec);
  return ec ? 0 : n;
}

// Whether the integrity check of a file may wait for its first write: it is large, and
// opening it writes nothing (`unchanged`: no migration, writable) — WAL already on and no
// network share, so no journal mode changes either.
bool CheckBeforeFirstWrite(soci::session& sql, const std::string& path, bool unchanged) {
  if (!unchanged) return false;
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  if (ec || bytes <= CheckAtOpenBytes()) return false;
  std::string journal;
  sql << "PRAGMA journal_mode", soci::into(journal);
  return journal == "wal" && NetworkFileSystem(path).empty();
}

struct Database::Impl {
  std::string path;     ///< the file, or for a server "postgresql: …" without the password
  std::string reopen;   ///< the file, or the server's location as given (ReopenLocation)
  bool server = false;  ///< PostgreSQL
  std::string user;     ///< the server's user name (server only)
  soci::session sql;
  int depth = 0;
  bool history = false;  ///< the file has the history table (schema 6 on): commits seal it
  std::string readOnly;  ///< why the file was opened read-only; empty when it can be written
  std::vector<std::string> roles;  ///< server roles (server only)
  std::string network;             ///< the notice for a file on a network share
  bool integrityPending = false;   ///< a large file's quick_check waits for its first write
  bool rememberCheck = false;      ///< it passed in this transaction: say so in the file if it commits a change
  long long changesAtBegin = 0;    ///< SQLite's total_changes() when that transaction began
  long committedWrites = 0;        ///< outermost write transactions committed on this connection
  /// What the open transaction must still do before it commits, in order: the indexes
  /// SetIndexesAside dropped (built again from their CREATE statements), then what
  /// FinishBeforeCommit was given; with the transaction level at which each was added (a
  /// rollback to it undoes the need).
  struct AsideIndex {
    std::string what;  ///< for the refusal of a commit
    std::function<void()> finish;
    int level = 0;  ///< the level that added it: rolled back to, the need goes
    int done = 0;   ///< 0 until finished, then the level at which it ran: rolled back to, it is due again
  };
  std::vector<AsideIndex> aside;
  // Declared after the session: its prepared statements are finalized before it closes.
  std::unique_ptr<InsertStatements> inserts;
};

Database::Database() : impl_(std::make_unique<Impl>()) {}
Database::~Database() = default;

const std::string& Database::path() const { return impl_->path; }
const std::string& Database::ReopenLocation() const { return impl_->reopen.empty() ? impl_->path : impl_->reopen; }
soci::session& Database::session() { return impl_->sql; }
int& Database::transactionDepth() { return impl_->depth; }
bool Database::InTransaction() const { return impl_->depth > 0; }
long Database::CommittedWrites() const { return impl_->committedWrites; }
soci::session& Sql(Database& db) { return db.session(); }

InsertStatements& Inserts(Database& db) {
  auto& inserts = db.impl_->inserts;
  if (!inserts) inserts = std::make_unique<InsertStatements>(db);
  return *inserts;
}

// The newest version either engine has a step for: a version may be one engine's alone
// (14 is SQLite's, 15 the server's), and the other reaches it with nothing to run.
int Database::LatestSchemaVersion() {
  int latest = 0;
  for (auto engine : {dialect::Engine::Sqlite, dialect::Engine::Postgresql})
    for (const auto& m : Migrations(engine)) latest = std::max(latest, m.version);
  return latest;
}

int Database::SchemaVersion() {
  int v = 0;
  if (impl_->server)
    impl_->sql << "SELECT version FROM schema_version WHERE id = 1", soci::into(v);
  else
    impl_->sql << "PRAGMA user_version", soci::into(v);
  return v;
}

bool Database::IsServerLocation(const std::string& location) {
  return location.rfind(kServerPrefix, 0) == 0;
}

bool Database::IsServer() const { return impl_->server; }

std::unique_ptr<Database> Database::Open(const std::string& path, OpenMode mode) {
  if (path.empty()) Fail(ErrorCode::FileMissing, Tr("没有指定数据库文件"));
  if (IsServerLocation(path)) return OpenServer(path.substr(std::strlen(kServerPrefix)), mode);
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  if (!exists && mode == OpenMode::MustExist)
    Fail(ErrorCode::FileMissing, Tr("数据库文件不存在：%s\n（请检查路径；新建数据库请用 init 或 demo 命令）", path.c_str()));
  if (exists) {
    auto status = fs::status(path, ec);
    if (fs::is_directory(status))
      Fail(ErrorCode::Io, Tr("“%s”是一个文件夹，不是数据库文件", path.c_str()));
    if (!fs::is_regular_file(status)) {
      const char* what = fs::is_fifo(status)            ? TrNoop("一个命名管道（FIFO）")
                         : fs::is_socket(status)        ? TrNoop("一个套接字（socket）")
                         : fs::is_character_file(status) ? TrNoop("一个字符设备")
                         : fs::is_block_file(status)    ? TrNoop("一个块设备")
                                                        : TrNoop("一个特殊文件");
      // TRANSLATORS: the path, then what it is ("一个命名管道（FIFO）", a named pipe).
      Fail(ErrorCode::Io, Tr("“%s”是%s，不是数据库文件；没有读写它。", path.c_str(), Tr(what).c_str()));
    }
    if (fs::file_size(path, ec) == 0 && !ec)
      Fail(ErrorCode::Damaged, Tr("数据库文件 %s 是空的或已损坏（0 字节），不是校建通的数据库；文件未作任何改动。"
                                  "若它本应是您的数据库，请从备份恢复；要新建数据库请用 init 或 demo 命令指定一个新的文件名。",
                                  path.c_str()));
  }
  if (!exists) {
    fs::path parent = fs::path(path).parent_path();
    if (!parent.empty()) fs::create_directories(parent, ec);
    // TRANSLATORS: a folder, then the system's reason (in English).
    if (ec) Fail(ErrorCode::Io, Tr("无法创建文件夹 %s：%s", parent.string().c_str(), ec.message().c_str()));
  }

  std::unique_ptr<Database> db(new Database());
  db->impl_->path = path;
  auto& sql = db->impl_->sql;
  try {
    // A bare path: SOCI's sqlite3 backend takes the whole string as the file name when it
    // has no '='. Options go through PRAGMAs instead.
    if (path.find('=') != std::string::npos)
      Fail(ErrorCode::Io, Tr("数据库文件名不能包含“=”：%s", path.c_str()));
    db->impl_->readOnly = exists ? WhyReadOnly(path) : "";
    if (db->impl_->readOnly.empty()) {
      sql.open(soci::sqlite3, path);
    } else {
      // Opened with SQLITE_OPEN_READONLY: reads work even where SQLite could not create
      // its -shm file, and nothing at all can be written.
      if (path.find('"') != std::string::npos)
        Fail(ErrorCode::Io, Tr("只读的数据库文件名不能包含双引号：%s", path.c_str()));
      const bool pendingWal = SidecarBytes(path + "-wal") > 0;
      // A rollback journal left by a write that never finished (a large import, killed or
      // stopped by a full disk): an immutable open would ignore it and show the half-written
      // file; SQLite must see it (and refuses to read what it cannot roll back).
      const bool pendingJournal = SidecarBytes(path + "-journal") > 0;
      const std::string target = !FolderWritable(path) && !pendingWal && !pendingJournal
                                     ? "file:" + UriPath(path) + "?immutable=1"
                                     : path;
      sql.open(soci::sqlite3, "db=\"" + target + "\" readonly=true");
    }
    sql << "PRAGMA busy_timeout = 5000";
    sql << "PRAGMA foreign_keys = ON";
    // Only read until the file is known to be ours: switching to WAL rewrites the file
    // header, and a newer or a foreign file must be left exactly as it was.
    FileIdentity identity = ReadIdentity(sql);
    const int latest = LatestSchemaVersion();
    RefuseUnlessOurs(path, identity, latest, exists);
    // A damaged file is never written to: not even the journal mode is changed. quick_check
    // reads the whole file (a province's 1 GB, mostly history: 3 s warm, 40 s cold), so a
    // large file that this open will not write to (current schema, already in WAL, not on
    // a share) is checked before its first write instead (WriteTransaction); reading a
    // damaged file changes nothing, and a damaged page read says so.
    if (identity.schemaVersion > 0) {
      if (CheckBeforeFirstWrite(sql, path, identity.schemaVersion == latest && db->impl_->readOnly.empty()))
        db->impl_->integrityPending = true;
      else
        RefuseIfDamaged(sql, path);
    }
    if (identity.schemaVersion > 0) {
      // SQLite reads a file cut inside its last page without complaint (the page is just
      // missing); a database file is always whole pages long.
      int pageSize = 0;
      sql << "PRAGMA page_size", soci::into(pageSize);
      std::error_code sizeEc;
      const auto bytes = fs::file_size(path, sizeEc);
      if (!sizeEc && pageSize > 0 && bytes % static_cast<unsigned>(pageSize) != 0)
        Fail(ErrorCode::Damaged, Tr("数据库文件 %s 已损坏（长度 %llu 字节不是页大小 %d 的整数倍：文件被截断或末尾多了数据）。文件没有被改动；请从备份恢复。",
                                    path.c_str(), static_cast<unsigned long long>(bytes), pageSize));
      RefuseWrongTypedMoney(sql, path, identity.schemaVersion);
      if (identity.schemaVersion < 7) RefuseDuplicateVouchers(sql, path);
    }
    const std::string& readOnly = db->impl_->readOnly;
    if (!readOnly.empty()) {
      if (identity.schemaVersion < latest)
        // TRANSLATORS: the file, why it can only be read, its schema version and the one needed.
        Fail(ErrorCode::Refused, Tr("数据库文件 %s 是只读的（%s），而它的结构版本 %d 需要升级到 %d 才能打开；请先复制到可写的位置再打开。文件未作任何改动。",
                                    path.c_str(), readOnly.c_str(), identity.schemaVersion, latest));
      db->impl_->history = true;
      if (!HeadLinkIntact(*db))
        Fail(ErrorCode::Damaged, BrokenChain(path));
      return db;  // nothing is sealed: the file cannot be written
    }
    std::string journal;
    const std::string network = NetworkFileSystem(path);
    if (!network.empty()) {
      // WAL keeps its index in shared memory, which PCs sharing a folder do not share: a
      // second PC could read a half-written page. The rollback journal locks the file
      // itself, so one PC writes at a time and readers wait.
      sql << "PRAGMA journal_mode = DELETE", soci::into(journal);
      sql << "PRAGMA synchronous = FULL";
      // TRANSLATORS: %s is the network file system (SMB/CIFS, NFS). "文件 → 连接服务器…" is the
      // window's menu File → Connect to server….
      db->impl_->network = Tr("数据库文件在网络共享文件夹上（%s）：为保证数据安全，已改用回滚日志，一次只能有一人保存。多个科室同时使用请改用数据库服务器"
                              "（文件 → 连接服务器…，或 schoolbuild-cli migrate 迁移到 PostgreSQL）。",
                              network.c_str());
    } else {
      sql << "PRAGMA journal_mode = WAL", soci::into(journal);
      // FULL: the WAL is synced at every commit, so a payment acknowledged on screen
      // survives a power cut (NORMAL may lose the last commits). Costs about 0.5 ms per
      // save (README).
      sql << "PRAGMA synchronous = FULL";
    }
    if (identity.schemaVersion < latest) {
      // The migrations, the mark and the version in one transaction: a file is either
      // still what it was or fully upgraded and marked as ours.
      const std::string what =
          identity.schemaVersion == 0 ? Tr("创建数据库 %s", path.c_str()) : Tr("升级数据库 %s", path.c_str());
      WriteTransaction tx(*db);
      try {
        for (const auto& m : PendingMigrations(dialect::Engine::Sqlite, identity.schemaVersion)) {
          // Once the history exists, what a migration changes is the program's own doing.
          int hasHistory = 0;
          sql << "SELECT COUNT(*) FROM sqlite_master WHERE name = 'history_context'", soci::into(hasHistory);
          if (hasHistory) SetHistoryContext(*db, "校建通", "升级数据库结构到版本 " + std::to_string(m.version));
          // TRANSLATORS: "创建数据库 F" or "升级数据库 F", then the schema version a migration makes.
          ExecScript(sql, std::string(m.text), Tr("%s 到结构版本 %d", what.c_str(), m.version));
        }
        sql << "PRAGMA application_id = " + std::to_string(kApplicationId);
        sql << "PRAGMA user_version = " + std::to_string(latest);
      } catch (const std::exception& e) {
        Rethrow(sql, e, what);  // before the rollback replaces the engine's error
      }
      db->impl_->history = true;
      tx.Commit();
    }
    db->impl_->history = true;
    // Entries another program made since (the sqlite3 shell) are sealed now, marked as
    // made outside the program by the triggers themselves.
    if (!HeadLinkIntact(*db)) Fail(ErrorCode::Damaged, BrokenChain(path));
    int unsealed = 0;
    sql << "SELECT COUNT(*) FROM history WHERE hash IS NULL", soci::into(unsealed);
    if (unsealed > 0) {
      WriteTransaction tx(*db);
      tx.Commit();  // Commit seals
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(sql, e, Tr("打开数据库 %s", path.c_str()));
  }
  return db;
}

const std::string& Database::ReadOnlyReason() const { return impl_->readOnly; }
const std::string& Database::ServerUser() const { return impl_->user; }
const std::string& Database::NetworkNotice() const { return impl_->network; }
const std::vector<std::string>& Database::ServerRoles() const { return impl_->roles; }

namespace {

// The mark of a SchoolBuild database on a server (schema_version.application).
constexpr const char* kServerApplication = "SchoolBuild 校建通";

// The first line of libpq's or SOCI's message, without SOCI's own lead-in.
std::string ConnectReason(const std::string& what) {
  std::string m = what;
  for (const char* lead : {"Cannot establish connection to the database.", "\n"})
    if (m.rfind(lead, 0) == 0) m = m.substr(std::strlen(lead));
  while (!m.empty() && (m.front() == ' ' || m.front() == '\n')) m.erase(m.begin());
  auto nl = m.find('\n');
  if (nl != std::string::npos) m = m.substr(0, nl);
  return m;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ParseConninfo(const std::string& conninfo) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t i = 0;
  while (i < conninfo.size()) {
    while (i < conninfo.size() && conninfo[i] == ' ') ++i;
    size_t eq = conninfo.find('=', i);
    if (eq == std::string::npos) break;
    std::string key = conninfo.substr(i, eq - i), value;
    while (!key.empty() && key.back() == ' ') key.pop_back();
    i = eq + 1;
    while (i < conninfo.size() && conninfo[i] == ' ') ++i;
    if (i < conninfo.size() && conninfo[i] == '\'') {
      for (++i; i < conninfo.size() && conninfo[i] != '\''; ++i) {
        if (conninfo[i] == '\\' && i + 1 < conninfo.size()) ++i;
        value.push_back(conninfo[i]);
      }
      ++i;
    } else {
      while (i < conninfo.size() && conninfo[i] != ' ') value.push_back(conninfo[i++]);
    }
    out.emplace_back(key, value);
  }
  return out;
}

std::string WithoutPassword(const std::string& conninfo) {
  std::string out;
  for (const auto& [key, value] : ParseConninfo(conninfo))
    if (key != "password") out += (out.empty() ? "" : " ") + key + "=" + ConninfoValue(value);
  return out;
}

std::string ConninfoValue(const std::string& v) {
  if (!v.empty() && v.find_first_of(" '\\") == std::string::npos) return v;
  std::string out = "'";
  for (char c : v) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

std::unique_ptr<Database> Database::OpenServer(const std::string& conninfo, OpenMode mode) {
  std::unique_ptr<Database> db(new Database());
  auto& impl = *db->impl_;
  impl.server = true;
  impl.path = std::string(kServerPrefix) + " " + WithoutPassword(conninfo);
  impl.reopen = std::string(kServerPrefix) + " " + conninfo;
  const std::string& where = impl.path;
  auto& sql = impl.sql;
  try {
    sql.open(soci::postgresql, conninfo);
  } catch (const std::exception& e) {
    // TRANSLATORS: the server's connection string, then libpq's reason (in English).
    Fail(ErrorCode::Io, Tr("无法连接数据库服务器（%s）：%s。请检查服务器地址、端口、数据库名和用户名，密码是否已存入 ~/.pgpass，以及服务器是否在运行。",
                           where.c_str(), ConnectReason(e.what()).c_str()));
  }
  try {
    dialect::postgresql::Configure(sql);
    sql << "SELECT current_user", soci::into(impl.user);
    long long tables = 0;
    sql << "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()", soci::into(tables);
    int version = 0;
    const int latest = LatestSchemaVersion();
    if (tables == 0) {
      if (mode == OpenMode::MustExist)
        Fail(ErrorCode::FileMissing, Tr("服务器上的数据库（%s）还没有校建通的数据表。请由数据库的所有者先执行一次 schoolbuild-cli --db \"%s\" init 建立结构；数据库未作任何改动。",
                                        where.c_str(), where.c_str()));
    } else {
      std::string application;
      soci::indicator ind = soci::i_null;
      sql << "SELECT CAST(to_regclass('schema_version') AS TEXT)", soci::into(application, ind);
      if (ind != soci::i_ok)
        Fail(ErrorCode::Database, Tr("服务器上的数据库（%s）已有其他数据表，不是校建通的数据库；数据库未作任何改动。请为校建通新建一个空数据库。",
                                     where.c_str()));
      sql << "SELECT application, version FROM schema_version WHERE id = 1", soci::into(application),
          soci::into(version);
      if (application != kServerApplication)
        Fail(ErrorCode::Database, Tr("服务器上的数据库（%s）属于其他程序（%s），不是校建通的数据库；数据库未作任何改动。",
                                     where.c_str(), application.c_str()));
      if (version > latest)
        Fail(ErrorCode::NewerSchema, Tr("服务器上的数据库（%s）由较新版本的校建通建立（结构版本 %d，本程序只支持到 %d）。请升级程序后再连接，数据库未作任何改动。",
                                        where.c_str(), version, latest));
    }
    if (version < latest) {
      const std::string what = version == 0 ? Tr("在服务器上建立校建通数据库") : Tr("升级服务器上的数据库");
      WriteTransaction tx(*db);
      try {
        for (const auto& m : PendingMigrations(dialect::Engine::Postgresql, version)) {
          dialect::SetHistoryContext(sql, impl.user, version == 0 && m.baseline
                                                         ? "建立数据库（结构版本 " + std::to_string(m.version) + "）"
                                                         : "升级数据库结构到版本 " + std::to_string(m.version));
          ExecScript(sql, std::string(m.text), Tr("%s 到结构版本 %d", what.c_str(), m.version));
          const long long v = m.version;
          sql << "UPDATE schema_version SET version = :v WHERE id = 1", soci::use(v, "v");
        }
        // A version with no step for the server (14 is SQLite's alone) is reached all the same.
        const long long v = latest;
        sql << "UPDATE schema_version SET version = :v WHERE id = 1", soci::use(v, "v");
      } catch (const std::exception& e) {
        Rethrow(sql, e, what);
      }
      impl.history = true;
      tx.Commit();
    }
    impl.history = true;
    // The user's part in SchoolBuild, as the server grants it.
    int admin = 0;
    sql << "SELECT CASE WHEN r.rolsuper OR d.datdba = r.oid THEN 1 ELSE 0 END FROM pg_roles r, pg_database d "
           "WHERE r.rolname = current_user AND d.datname = current_database()",
        soci::into(admin);
    if (admin) impl.roles.push_back("sb_admin");
    soci::rowset<std::string> roles =
        sql.prepare << "SELECT rolname FROM pg_roles WHERE rolname IN ('sb_admin', 'sb_infra', 'sb_finance', "
                       "'sb_reader') AND pg_has_role(current_user, oid, 'member') ORDER BY rolname";
    for (const auto& r : roles)
      if (std::find(impl.roles.begin(), impl.roles.end(), r) == impl.roles.end()) impl.roles.push_back(r);
    if (impl.roles.empty())
      // TRANSLATORS: the database user (twice); sb_admin … are role names and the end is a
      // command line: keep both as they are.
      Fail(ErrorCode::Refused, Tr("数据库用户“%s”不属于校建通的任何角色（sb_admin 管理员、sb_infra 基建股、"
                                  "sb_finance 计财股、sb_reader 领导只读），不能使用这个数据库。请管理员执行 "
                                  "schoolbuild-cli user add %s --role …",
                                  impl.user.c_str(), impl.user.c_str()));
    if (impl.roles.size() == 1 && impl.roles.front() == "sb_reader") {
      impl.readOnly = Tr("数据库用户“%s”是只读角色 sb_reader（领导）", impl.user.c_str());
    }
    if (!HeadLinkIntact(*db))
      Fail(ErrorCode::Damaged, Tr("服务器上的数据库（%s）的历史记录链末端与其校验值不符（最后一条历史记录被改动过）。"
                                  "请用 schoolbuild-cli verify 查看。",
                                  where.c_str()));
    long long unsealed = 0;
    sql << "SELECT COUNT(*) FROM history WHERE hash IS NULL", soci::into(unsealed);
    if (unsealed > 0 && impl.readOnly.empty()) {
      WriteTransaction tx(*db);
      tx.Commit();  // Commit seals what others (psql) wrote since
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(sql, e, Tr("打开服务器上的数据库 %s", where.c_str()));
  }
  return db;
}


BulkWriting::BulkWriting(Database& db, uintmax_t incomingBytes) : db_(db) {
  if (db.IsServer() || db.transactionDepth() > 0 || !db.ReadOnlyReason().empty()) return;
  try {
    db.session() << "PRAGMA temp_store", soci::into(tempStore_);
    db.session() << "PRAGMA temp_store = MEMORY";
    active_ = true;
    // WAL writes every page twice, once into the log and once more when the commit copies
    // it home; a rollback journal writes only the pages the file had before, and a
    // province's new ones once. SQLite switches only when no other connection has the file
    // open (else it stays WAL, only slower); Open switches back if this one is killed.
    // Not before a large file's pending integrity check: a damaged file is never written,
    // not even its journal mode (the first write transaction checks it). And only for a
    // load at least as large as the file: rows the file already held would take more room
    // in it than in their CSV, so a monthly ledger read again (every row there) leaves
    // the file's bytes as they were.
    // The file's size counts what its WAL still holds.
    std::error_code ec;
    const uintmax_t fileBytes = fs::file_size(db.path(), ec);
    if (db.impl_->network.empty() && !db.impl_->integrityPending && !ec &&
        incomingBytes >= fileBytes + SidecarBytes(db.path() + "-wal")) {
      std::string journal;
      db.session() << "PRAGMA journal_mode", soci::into(journal);
      if (journal == "wal") {
        db.session() << "PRAGMA journal_mode = DELETE", soci::into(journal);
        rollbackJournal_ = journal == "delete";
      }
    }
  } catch (const std::exception&) {
    // Only slower without it.
  }
}

BulkWriting::~BulkWriting() {
  if (!active_) return;
  try {  // as they were
    db_.session() << "PRAGMA temp_store = " + std::to_string(tempStore_);
  } catch (...) {
  }
  // Refused when another program has opened the file meanwhile and still reads it: the
  // file stays in a rollback journal (safe, readers wait) until the next Open sets WAL.
  try {
    if (rollbackJournal_) db_.session() << "PRAGMA journal_mode = WAL";
  } catch (...) {
  }
}

WriteTransaction::WriteTransaction(Database& db) : db_(db), level_(db.transactionDepth()) {
  if (!db.ReadOnlyReason().empty())
    // TRANSLATORS: why the database can only be read, then the database.
    Fail(ErrorCode::Refused, Tr("数据库以只读方式打开（%s），不能保存修改：%s。要修改请把文件复制到可写的位置，或请管理员给它写入权限后重新打开。",
                                db.ReadOnlyReason().c_str(), db.path().c_str()));
  bool checked = false;
  if (level_ == 0 && db.impl_->integrityPending) {
    if (!CheckedToday(db.session())) {
      RefuseIfDamaged(db.session(), db.path());  // throws, and stays pending: every write is refused
      checked = true;
    }
    db.impl_->integrityPending = false;
  }
  try {
    if (level_ == 0)
      dialect::BeginWrite(db_.session());
    else
      db_.session() << dialect::Savepoint(level_);
    if (checked) {
      db.impl_->rememberCheck = true;
      db.impl_->changesAtBegin = TotalChanges(db.session());
    }
  } catch (const std::exception& e) {
    Rethrow(db_, e, Tr("开始保存"));
  }
  ++db_.transactionDepth();
}

void WriteTransaction::Commit() {
  if (done_) return;
  if (level_ == 0 && db_.impl_->history) {
    // Every change of this transaction joins the chain before it becomes visible, and the
    // actor's name stays inside the transaction. An import's rows whose entries are
    // still to be written (BulkInserter writes them at each Flush) would commit unrecorded.
    if (InsertHistoryDeferred(db_))
      Fail(ErrorCode::Database, Tr("导入的行尚未记入历史记录，不能提交；数据库未作改动"));
    const auto pending = std::find_if(db_.impl_->aside.begin(), db_.impl_->aside.end(),
                                      [](const Database::Impl::AsideIndex& a) { return a.done == 0; });
    if (pending != db_.impl_->aside.end())
      // TRANSLATORS: %s is what a large import left to its end (重建索引 payments_contract, 汇总拨付).
      Fail(ErrorCode::Database, Tr("批量写入的最后一步（%s）尚未完成，不能提交；数据库未作改动",
                                   pending->what.c_str()));
    SealHistory(db_);
    ClearHistoryContext(db_);
  }
  try {
    if (level_ == 0 && db_.impl_->rememberCheck) {
      db_.impl_->rememberCheck = false;
      if (TotalChanges(db_.session()) > db_.impl_->changesAtBegin)
        db_.session() << "INSERT INTO integrity_checks (id, passed_on) VALUES (1, date('now', 'localtime')) "
                         "ON CONFLICT (id) DO UPDATE SET passed_on = excluded.passed_on";
    }
    db_.session() << (level_ == 0 ? dialect::Commit() : dialect::ReleaseSavepoint(level_));
  } catch (const std::exception& e) {
    Rethrow(db_, e, Tr("提交保存"));
  }
  done_ = true;
  --db_.transactionDepth();
  if (level_ == 0) ++db_.impl_->committedWrites;
  // A savepoint released: what it set aside is the enclosing level's to bring back.
  for (auto& a : db_.impl_->aside) {
    a.level = std::min(a.level, level_);
    if (a.done) a.done = std::min(a.done, level_);
  }
  if (level_ == 0) db_.impl_->aside.clear();
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  // What was set aside since this level began comes back with the rollback.
  auto& aside = db_.impl_->aside;
  std::erase_if(aside, [&](const Database::Impl::AsideIndex& a) { return a.level > level_; });
  for (auto& a : aside)
    if (a.done > level_) a.done = 0;  // what it did inside is undone: due again
  try {
    if (level_ == 0) {
      db_.impl_->rememberCheck = false;
      db_.session() << dialect::Rollback();
    } else {
      db_.session() << dialect::RollbackToSavepoint(level_);
      db_.session() << dialect::ReleaseSavepoint(level_);
    }
  } catch (...) {
    // Rolling back after a failed statement must not throw out of a destructor; SQLite
    // has already undone the transaction if the error was fatal.
  }
  --db_.transactionDepth();
}

size_t SetIndexesAside(Database& db, const std::string& table) {
  if (db.IsServer() || !db.InTransaction()) return 0;
  size_t n = 0;
  try {
    auto& sql = db.session();
    std::vector<std::pair<std::string, std::string>> found;
    {
      // sql is NULL for the indexes of UNIQUE and PRIMARY KEY constraints.
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t "
                          "AND sql IS NOT NULL ORDER BY name",
           soci::use(table, "t"));
      for (const auto& r : rows) found.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    }
    std::vector<std::string> names;
    for (const auto& [name, create] : found) {
      long long unique = 0, partial = 0;
      // PRAGMA index_list: whether an index is unique and whether it is partial.
      soci::rowset<soci::row> list = (sql.prepare << "SELECT \"unique\", partial FROM pragma_index_list(:t) WHERE name = :n",
                                      soci::use(table, "t"), soci::use(name, "n"));
      for (const auto& r : list) {
        unique = RowInt64(r, 0);
        partial = RowInt64(r, 1);
      }
      if (unique || partial) continue;
      sql << "DROP INDEX \"" + name + "\"";
      // (A named copy: a structured binding cannot be captured before C++20's clang 16.)
      db.impl_->aside.push_back(
          {Tr("重建索引 %s", name.c_str()), [&db, statement = create] { db.session() << statement; }, db.impl_->depth});
      ++n;
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("准备批量写入"));
  }
  return n;
}

size_t SetInsertTriggersAside(Database& db, const std::string& table) {
  if (db.IsServer() || !db.InTransaction()) return 0;
  try {
    auto& sql = db.session();
    std::vector<std::pair<std::string, std::string>> found;
    {
      // The event is in the statement's head, before its body's own INSERTs.
      soci::rowset<soci::row> rows =
          (sql.prepare << "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t "
                          "AND instr(upper(substr(sql, 1, instr(upper(sql), 'BEGIN'))), ' INSERT ON ') > 0 "
                          "ORDER BY name",
           soci::use(table, "t"));
      for (const auto& r : rows) found.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    }
    for (const auto& [name, create] : found) {
      sql << "DROP TRIGGER \"" + name + "\"";
      db.impl_->aside.push_back(
          {Tr("重建触发器 %s", name.c_str()), [&db, statement = create] { db.session() << statement; }, db.impl_->depth});
    }
    return found.size();
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("准备批量写入"));
  }
}

void FinishBeforeCommit(Database& db, const std::string& what, std::function<void()> finish) {
  if (!db.InTransaction()) return finish();  // nothing to wait for
  db.impl_->aside.push_back({what, std::move(finish), db.impl_->depth});
}

void RestoreIndexes(Database& db) {
  auto& aside = db.impl_->aside;
  try {
    // Marked with the level it ran at: a savepoint rolled back undoes it, and it is due again.
    for (auto& a : aside) {
      if (a.done) continue;
      a.finish();
      a.done = std::max(db.impl_->depth, 1);
    }
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    Rethrow(db, e, Tr("重建索引"));
  }
}

}  // namespace sb::storage

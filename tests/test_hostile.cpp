// Hostile conditions (issue 13): empty and foreign files, full disks, interrupted outputs.
// Every refusal leaves the file byte for byte as it was (sha256 before and after); every
// failed output leaves the earlier output whole and no temporary or 0-byte file.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <sstream>

#include "app/actions.h"
#include "cli/cli.h"
#include "core/atomic_file.h"
#include "core/sha256.h"
#include "exchange/exchange.h"
#include "storage/database.h"
#include "raw_sqlite.h"
#include "test_support.h"

namespace fs = std::filesystem;
using sb::test::Contains;
using sb::test::Refusal;

namespace {

// Each suite's folders are named for it, so a leftover says whose it is.
struct TempDir : sb::test::TempDir {
  TempDir() : sb::test::TempDir("sb_hostile") {}
};

/// A small tmpfs: a full disk on demand. Needs root; a test that needs one fails loudly
/// when it cannot be mounted (a skipped disk-full test would prove nothing).
class SmallDisk {
 public:
  SmallDisk(const fs::path& dir, const std::string& size) : dir_(dir) {
    fs::create_directories(dir_);
    std::string options = "size=" + size;
    mounted_ = ::mount("tmpfs", dir_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    REQUIRE_MESSAGE(mounted_, "cannot mount a tmpfs of " << size << " on " << dir_.string()
                                                          << " (needs root): " << std::strerror(errno));
  }
  ~SmallDisk() {
    if (mounted_) ::umount2(dir_.c_str(), MNT_DETACH);
  }
  /// Fills what is left with one file, so the next write fails with ENOSPC.
  void Fill() {
    std::ofstream f(dir_ / "filler", std::ios::binary);
    std::string block(4096, 'x');
    while (f.write(block.data(), static_cast<std::streamsize>(block.size()))) f.flush();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  fs::path dir_;
  bool mounted_ = false;
};

struct Result {
  int code = -1;
  std::string out, err;
};

Result Cli(std::vector<std::string> words) {
  words.insert(words.begin(), "schoolbuild-cli");
  std::ostringstream out, err;
  Result r;
  r.code = sb::cli::Run(words, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string FileHash(const fs::path& path) { return sb::Sha256Hex(FileBytes(path)); }

/// Every name in `dir` (files and folders, one level), for "nothing was left behind".
std::set<std::string> Names(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

/// An SQLite file made by "another program" with `sql` run on it.
void RawSqlite(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  INFO((error ? error : ""));
  sqlite3_free(error);
  sqlite3_close(db);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

// ---- 1. an empty file is not a new county ------------------------------------------

TEST_CASE("a 0-byte file is refused as empty or damaged in both open modes and left as it was") {
  TempDir t;
  const std::string path = t.Path();
  { std::ofstream f(path); }
  for (auto mode : {sb::storage::OpenMode::MustExist, sb::storage::OpenMode::Create}) {
    auto e = Refusal([&] { sb::storage::Database::Open(path, mode); });
    REQUIRE(e);
    CHECK(e->code() == sb::ErrorCode::Damaged);
    CHECK(Contains(e->detail(), "空的或已损坏"));
    CHECK(Contains(e->detail(), "文件未作任何改动"));
  }
  CHECK(fs::file_size(path) == 0);
  CHECK(Names(t.dir()) == std::set<std::string>{"county.db"});  // no -wal, no -shm
  for (auto words : std::vector<std::vector<std::string>>{
           {"projects"}, {"export", t.Path("out")}, {"import", t.Path("none.csv")}, {"demo"}}) {
    words.insert(words.begin(), {"--db", path});
    Result r = Cli(words);
    INFO(words[2]);
    CHECK(r.code == 1);
    CHECK(Contains(r.err, "空的或已损坏"));
  }
  CHECK(fs::file_size(path) == 0);
  CHECK(Names(t.dir()) == std::set<std::string>{"county.db"});
}

TEST_CASE("an SQLite file with no tables is refused as empty or damaged with its sha256 unchanged") {
  TempDir t;
  const std::string path = t.Path();
  RawSqlite(path, "CREATE TABLE t(x); DROP TABLE t;");
  const std::string before = FileHash(path);
  for (auto mode : {sb::storage::OpenMode::MustExist, sb::storage::OpenMode::Create}) {
    auto e = Refusal([&] { sb::storage::Database::Open(path, mode); });
    REQUIRE(e);
    CHECK(e->code() == sb::ErrorCode::Damaged);
    CHECK(Contains(e->detail(), "没有任何数据表"));
  }
  Result r = Cli({"--db", path, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "空的或已损坏"));
  CHECK(FileHash(path) == before);
  CHECK(Names(t.dir()) == std::set<std::string>{"county.db"});
}

TEST_CASE("only a path that does not exist is created and init or demo leave only the finished file") {
  TempDir t;
  Result init = Cli({"--db", t.Path("a.db"), "init"});
  CHECK(init.code == 0);
  Result demo = Cli({"--db", t.Path("b.db"), "demo"});
  CHECK(demo.code == 0);
  CHECK(Contains(demo.out, "19 个项目"));
  // No temporary file, and the WAL of the build is folded into the file.
  CHECK(Names(t.dir()) == std::set<std::string>{"a.db", "b.db"});
  Result list = Cli({"--db", t.Path("b.db"), "projects"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "共 19 个项目"));
  auto e = Refusal([&] { sb::app::CreateDatabase(t.Path("a.db"), false); });
  REQUIRE(e);
  CHECK(e->code() == sb::ErrorCode::Refused);
}

TEST_CASE("demo on a full disk fails with 磁盘已满 and leaves no file at all") {
  TempDir t;
  SmallDisk disk(t.dir() / "disk", "800k");  // the schema and its WAL fit (just over 760 KB at schema 17), the demo county (836 KB) does not
  const std::string path = disk.Path("county.db");
  Result r = Cli({"--db", path, "demo"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "磁盘已满"));
  CHECK(Contains(r.err, "没有留下任何文件"));
  CHECK(Names(t.dir() / "disk").empty());
  Result init = Cli({"--db", path, "init"});  // the schema alone fits
  CHECK(init.code == 0);
  CHECK(Names(t.dir() / "disk") == std::set<std::string>{"county.db"});
}

// ---- 2. outputs appear whole or not at all ----------------------------------------

TEST_CASE("report --out on a full disk keeps the earlier report byte for byte and leaves nothing behind") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  SmallDisk disk(t.dir() / "disk", "4m");
  for (std::string format : {"pdf", "xlsx", "csv", "html"}) {
    INFO(format);
    const std::string out = disk.Path("月报." + format);
    Result first = Cli({"--db", db, "report", "--month", "2026-10", "--format", format, "--out", out,
                        "--date", "2026-11-03"});
    REQUIRE(first.code == 0);
    const std::string before = FileHash(out);
    REQUIRE(fs::file_size(out) > 0);
    disk.Fill();
    Result again = Cli({"--db", db, "report", "--month", "2026-10", "--format", format, "--out", out,
                        "--date", "2026-11-04"});
    CHECK(again.code == 1);
    CHECK(Contains(again.err, out));
    CHECK(Contains(again.err, "没有改动"));
    CHECK(FileHash(out) == before);
    // A new name on the full disk: no 0-byte file is left either.
    Result fresh = Cli({"--db", db, "report", "--month", "2026-10", "--format", format, "--out",
                        disk.Path("new." + format), "--date", "2026-11-04"});
    CHECK(fresh.code == 1);
    fs::remove(disk.Path("filler"));
    std::set<std::string> names = Names(t.dir() / "disk");
    CHECK(names.count("月报." + format) == 1);
    CHECK(names.count("new." + format) == 0);
    for (const auto& n : names) CHECK_MESSAGE(n.rfind(".", 0) != 0, "leftover " << n);
  }
}

TEST_CASE("export on a full disk keeps the earlier set whole and a new folder appears whole or not at all") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  SmallDisk disk(t.dir() / "disk", "1m");
  const fs::path out = disk.Path("export");
  REQUIRE(Cli({"--db", db, "export", out.string()}).code == 0);
  std::map<std::string, std::string> before;
  for (const auto& n : Names(out)) before[n] = FileHash(out / n);
  REQUIRE(before.size() == 12);
  // The earlier set is changed in the database, then exported again onto a full disk.
  REQUIRE(Cli({"--db", db, "export", out.string(), "--unit", "元"}).code == 0);
  for (const auto& n : Names(out)) before[n] = FileHash(out / n);
  disk.Fill();
  Result r = Cli({"--db", db, "export", out.string()});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "磁盘已满"));
  std::map<std::string, std::string> after;
  for (const auto& n : Names(out)) after[n] = FileHash(out / n);
  CHECK(after == before);  // no marker, no temporary file, every old file as it was
  Result fresh = Cli({"--db", db, "export", disk.Path("second")});
  CHECK(fresh.code == 1);
  CHECK(!fs::exists(disk.Path("second")));
  fs::remove(disk.Path("filler"));
  CHECK(Names(t.dir() / "disk") == std::set<std::string>{"export"});
}

TEST_CASE("an export interrupted while renaming its files does not import") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  const fs::path out = t.dir() / "export";
  REQUIRE(Cli({"--db", db, "export", out.string()}).code == 0);
  CHECK(!fs::exists(out / std::string(sb::exchange::kIncompleteExportMarker)));
  // What a kill between the renames leaves: the marker among the files.
  { std::ofstream(out / std::string(sb::exchange::kIncompleteExportMarker)) << "x"; }
  const std::string fresh = t.Path("fresh.db");
  REQUIRE(Cli({"--db", fresh, "init"}).code == 0);
  for (const auto& what : {out.string(), (out / "payments.csv").string()}) {
    Result r = Cli({"--db", fresh, "import", what});
    CHECK(r.code == 1);
    CHECK(Contains(r.err, "导出没有完成"));
  }
  // Exporting again completes the set and removes the marker; then it imports.
  REQUIRE(Cli({"--db", db, "export", out.string()}).code == 0);
  CHECK(!fs::exists(out / std::string(sb::exchange::kIncompleteExportMarker)));
  CHECK(Cli({"--db", fresh, "import", out.string()}).code == 0);
}

// ---- 3. formula injection ----------------------------------------------------------

TEST_CASE("the report xlsx writes formula-looking text as a string cell, never as a formula") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  const std::string name = "=HYPERLINK(\"http://x\",\"点我\")";
  RawSqlite(db, "UPDATE projects SET name = '" + name + "' WHERE code = 'LX2025-01'");
  const std::string xlsx = t.Path("月报.xlsx");
  REQUIRE(Cli({"--db", db, "report", "--month", "2026-10", "--format", "xlsx", "--out", xlsx, "--date",
               "2026-11-03"})
              .code == 0);
  std::string dump = std::string("python3 '") + SB_TEST_SOURCE + "/xlsx_dump.py' '" + xlsx + "' 月报";
  std::string cells;
  {
    FILE* p = ::popen(dump.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) cells.append(buf, n);
    REQUIRE(::pclose(p) == 0);
  }
  // CELL <tab> ref <tab> value <tab> formula: the text is the value, the formula empty.
  CHECK(Contains(cells, "\t" + name + "\t\n"));
  // A formula would be stored without its "=" in the formula column (<f>).
  CHECK(!Contains(cells, "HYPERLINK(\"http://x\",\"点我\")\n"));
  CHECK(!Contains(cells, "\tHYPERLINK"));
}

// ---- 5. wrong-typed values and duplicate vouchers ------------------------------------

namespace {
/// The result of another program's statement: SQLITE_OK, or its error text.
std::string RawSqliteResult(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
  char* error = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string text = rc == SQLITE_OK ? "ok" : (error ? error : "error");
  sqlite3_free(error);
  sqlite3_close(db);
  return text;
}
}  // namespace

TEST_CASE("another program cannot store a REAL, TEXT or BLOB in any money column") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  const std::vector<std::pair<std::string, std::string>> columns = {
      {"budget_lines", "amount"}, {"funding_sources", "amount"}, {"allocations", "amount"},
      {"receipts", "amount"},     {"progress_entries", "invested"}, {"contracts", "amount"}};
  for (const auto& [table, column] : columns)
    for (std::string value : {"100.7", "'abc'", "x'00'", "9.3e18"}) {
      CAPTURE(table);
      CAPTURE(value);
      std::string r = RawSqliteResult(db, "UPDATE " + table + " SET " + column + " = " + value +
                                              " WHERE id = (SELECT MIN(id) FROM " + table + ")");
      CHECK(Contains(r, "必须是以分为单位的整数"));
    }
  // payments cannot be updated at all; an insert with a REAL amount is refused too.
  std::string r = RawSqliteResult(
      db, "INSERT INTO payments (project_id, contract_id, source_id, cost_category, date, amount, kind, "
          "voucher, payee, note) SELECT project_id, contract_id, source_id, cost_category, date, 100.7, "
          "kind, 'NEW-1', payee, note FROM payments WHERE id = (SELECT MIN(id) FROM payments)");
  CHECK(Contains(r, "拨付金额必须是以分为单位的整数"));
  CHECK(Cli({"--db", db, "verify"}).code == 0);  // nothing of it was stored
}

TEST_CASE("a wrong-typed amount already in a file is damage naming table and row and the file is untouched") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  // The open finds them through a partial index of the wrong-typed rows (schema 16); a
  // program that drops that index too is found by the scan of every row.
  for (bool dropIndex : {false, true})
  for (std::string value : {"100.7", "'abc'", "x'0102'"}) {
    CAPTURE(value);
    CAPTURE(dropIndex);
    const std::string copy = t.Path("copy.db");
    fs::copy_file(db, copy, fs::copy_options::overwrite_existing);
    // A program that drops the guard first (sqlite3 shell, another tool); for a BLOB the
    // history trigger too (its JSON cannot hold one).
    const std::string dropHistory = value[0] == 'x' ? "DROP TRIGGER history_budget_lines_update; " : "";
    REQUIRE(RawSqliteResult(copy, dropHistory + (dropIndex ? "DROP INDEX budget_lines_amount_not_integer; " : "") +
                                  "DROP TRIGGER budget_lines_amount_integer_update; "
                                  "UPDATE budget_lines SET amount = " + value + " WHERE id = 3") == "ok");
    const std::string before = FileHash(copy);
    auto e = Refusal([&] { sb::storage::Database::Open(copy, sb::storage::OpenMode::MustExist); });
    REQUIRE(e);
    CHECK(e->code() == sb::ErrorCode::Damaged);
    CHECK(Contains(e->detail(), "budget_lines 表 id=3 的 amount"));
    CHECK(Contains(e->detail(), "文件没有被改动"));
    Result r = Cli({"--db", copy, "projects"});
    CHECK(r.code == 1);
    CHECK(Contains(r.err, "budget_lines 表 id=3"));
    CHECK(FileHash(copy) == before);
    fs::remove(copy);
  }
  // The annual plans' amount as well (schema 8 added it, the open's check did not read it).
  const std::string copy = t.Path("copy.db");
  fs::copy_file(db, copy, fs::copy_options::overwrite_existing);
  REQUIRE(RawSqliteResult(copy, "DROP TRIGGER annual_plans_amount_integer_update; "
                                "UPDATE annual_plans SET amount = 100.7 WHERE id = 1") == "ok");
  auto e = Refusal([&] { sb::storage::Database::Open(copy, sb::storage::OpenMode::MustExist); });
  REQUIRE(e);
  CHECK(e->code() == sb::ErrorCode::Damaged);
  CHECK(Contains(e->detail(), "annual_plans 表 id=1 的 amount 是 real"));
}

TEST_CASE("a wrong-typed value in a column that is not money is damage naming the column, not a number made up") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  // An area of 12.5 hundredths and a row version "12abc", written with the sqlite3 shell:
  // each read of the rows (the list, the analysis, the export) refuses them by name instead
  // of reading 12 and 0.
  struct Case {
    const char* sql;
    const char* column;
    const char* why;
  };
  for (const Case& c : {Case{"UPDATE projects SET floor_area_centi = 12.5 WHERE code = 'LX2025-01'", "floor_area_centi",
                             "值类型不对"},
                        Case{"UPDATE projects SET row_version = '12abc' WHERE code = 'LX2025-02'", "row_version",
                             "“12abc”不是整数"}}) {
    CAPTURE(c.sql);
    const std::string copy = t.Path("copy.db");
    fs::copy_file(db, copy, fs::copy_options::overwrite_existing);
    REQUIRE(RawSqliteResult(copy, c.sql) == "ok");
    for (const char* command : {"projects", "warnings"}) {
      CAPTURE(command);
      Result r = Cli({"--db", copy, command});
      CHECK(r.code == 1);
      CHECK(Contains(r.err, std::string("数据库列 ") + c.column));
      CHECK(Contains(r.err, c.why));
    }
    fs::remove(copy);
  }
}

TEST_CASE("an older file with duplicate vouchers is refused naming them and left unchanged") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  // What a schema-6 file may hold: no unique index, a voucher used twice.
  REQUIRE(RawSqliteResult(db, "DROP INDEX payments_voucher_unique; "
                              "INSERT INTO payments (project_id, contract_id, source_id, cost_category, date, "
                              "amount, kind, voucher, payee, note) SELECT project_id, contract_id, source_id, "
                              "cost_category, date, amount, kind, voucher, payee, note FROM payments "
                              "WHERE voucher = '记-202501-0002'; PRAGMA user_version = 6;") == "ok");
  const std::string before = FileHash(db);
  Result r = Cli({"--db", db, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "重复的凭证号：“记-202501-0002”（2 笔）"));
  CHECK(Contains(r.err, "文件未作任何改动"));
  CHECK(FileHash(db) == before);
  CHECK(Names(t.dir()) == std::set<std::string>{"county.db"});
}

TEST_CASE("a schema-7 file refuses a duplicate voucher in the database itself") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  std::string r = RawSqliteResult(
      db, "INSERT INTO payments (project_id, contract_id, source_id, cost_category, date, amount, kind, "
          "voucher, payee, note) SELECT project_id, contract_id, source_id, cost_category, date, amount, "
          "kind, voucher, payee, note FROM payments WHERE voucher = '记-202501-0002'");
  CHECK(Contains(r, "UNIQUE constraint failed: payments.voucher"));
}

// ---- 6. read-only files, folders and mounts; what a path is --------------------------

namespace {
/// `dir` seen again at `view`, mounted read-only (a read-only USB stick or share): root
/// cannot write there either. Fails loudly when it cannot be mounted.
class ReadOnlyView {
 public:
  ReadOnlyView(const fs::path& dir, const fs::path& view) : view_(view) {
    fs::create_directories(view_);
    bool bound = ::mount(dir.c_str(), view_.c_str(), nullptr, MS_BIND, nullptr) == 0;
    REQUIRE_MESSAGE(bound, "cannot bind-mount " << dir.string() << ": " << std::strerror(errno));
    mounted_ = true;
    bool ro = ::mount(nullptr, view_.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) == 0;
    REQUIRE_MESSAGE(ro, "cannot remount " << view_.string() << " read-only: " << std::strerror(errno));
  }
  ~ReadOnlyView() {
    if (mounted_) ::umount2(view_.c_str(), MNT_DETACH);
  }
  std::string Path(const std::string& name) const { return (view_ / name).string(); }

 private:
  fs::path view_;
  bool mounted_ = false;
};
}  // namespace

TEST_CASE("a database file without write permission opens read-only: reads work and writes are refused") {
  TempDir t;
  const std::string db = t.Path();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  fs::permissions(db, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const std::string before = FileHash(db);
  {
    auto opened = sb::storage::Database::Open(db, sb::storage::OpenMode::MustExist);
    CHECK(opened->ReadOnlyReason() == "文件没有写入权限");
    auto e = Refusal([&] { sb::storage::WriteTransaction tx(*opened); });
    REQUIRE(e);
    CHECK(Contains(e->detail(), "数据库以只读方式打开（文件没有写入权限）"));
  }
  Result list = Cli({"--db", db, "projects"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "共 19 个项目"));
  CHECK(Contains(list.err, "数据库以只读方式打开"));
  CHECK(Cli({"--db", db, "export", t.Path("out")}).code == 0);
  Result close = Cli({"--db", db, "close-month", "2026-10"});
  CHECK(close.code == 1);
  CHECK(Contains(close.err, "数据库以只读方式打开（文件没有写入权限），不能保存修改"));
  Result import = Cli({"--db", db, "import", t.Path("out")});
  CHECK(import.code == 1);
  CHECK(Contains(import.err, "数据库以只读方式打开"));
  CHECK(FileHash(db) == before);
}

TEST_CASE("a database in a folder without write permission opens read-only") {
  TempDir t;
  const fs::path folder = t.dir() / "folder";
  fs::create_directories(folder);
  const std::string db = (folder / "county.db").string();
  REQUIRE(Cli({"--db", db, "demo"}).code == 0);
  const std::string before = FileHash(db);
  fs::permissions(folder, fs::perms::owner_read | fs::perms::owner_exec);
  Result list = Cli({"--db", db, "projects"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "共 19 个项目"));
  CHECK(Contains(list.err, "所在的文件夹"));
  CHECK(Contains(list.err, "没有写入权限"));
  Result close = Cli({"--db", db, "close-month", "2026-10"});
  CHECK(close.code == 1);
  CHECK(Contains(close.err, "数据库以只读方式打开"));
  fs::permissions(folder, fs::perms::owner_all);
  CHECK(FileHash(db) == before);
  CHECK(Names(folder) == std::set<std::string>{"county.db"});
}

TEST_CASE("a database on a read-only mount opens read-only with no -shm file: reads and export work") {
  TempDir t;
  const fs::path folder = t.dir() / "stick";
  fs::create_directories(folder);
  REQUIRE(Cli({"--db", (folder / "county.db").string(), "demo"}).code == 0);
  const std::string before = FileHash(folder / "county.db");
  ReadOnlyView view(folder, t.dir() / "view");
  const std::string db = view.Path("county.db");
  Result list = Cli({"--db", db, "projects"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "共 19 个项目"));
  CHECK(Contains(list.err, "只读挂载"));
  CHECK(Cli({"--db", db, "verify"}).code == 0);
  CHECK(Cli({"--db", db, "export", t.Path("out")}).code == 0);
  Result import = Cli({"--db", db, "import", t.Path("out"), "--update"});
  CHECK(import.code == 1);
  CHECK(Contains(import.err, "数据库以只读方式打开（所在的磁盘或分区是只读挂载的）"));
  CHECK(FileHash(folder / "county.db") == before);
  CHECK(Names(folder) == std::set<std::string>{"county.db"});
}

TEST_CASE("a FIFO or a folder given as the database says what it is and is not opened") {
  TempDir t;
  const std::string fifo = t.Path("pipe.db");
  REQUIRE(::mkfifo(fifo.c_str(), 0644) == 0);
  Result r = Cli({"--db", fifo, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "命名管道（FIFO）"));
  CHECK(!Contains(r.err, "不存在"));
  Result d = Cli({"--db", t.dir().string(), "projects"});
  CHECK(d.code == 1);
  CHECK(Contains(d.err, "是一个文件夹"));
}

TEST_CASE("a database on a full disk opens read-only saying the disk is full and refuses writes in Chinese") {
  TempDir t;
  SmallDisk disk(t.dir() / "disk", "1m");
  const std::string db = disk.Path("county.db");
  REQUIRE(Cli({"--db", db, "init"}).code == 0);
  disk.Fill();
  const std::string before = FileHash(db);
  Result list = Cli({"--db", db, "projects"});
  CHECK(list.code == 0);
  CHECK(Contains(list.out, "共 0 个项目"));
  CHECK(Contains(list.err, "数据库以只读方式打开（所在的磁盘已满）"));
  Result close = Cli({"--db", db, "close-month", "2026-10"});
  CHECK(close.code == 1);
  CHECK(Contains(close.err, "数据库以只读方式打开（所在的磁盘已满），不能保存修改"));
  CHECK(!Contains(close.err, "disk I/O error"));
  CHECK(FileHash(db) == before);
}

// ---- 7. the damaged-file table --------------------------------------------------------

namespace {

struct HostileFile {
  std::string name;
  std::string bytes;
  bool mustRefuse;  ///< false: an undetectable change (a flip in free space) may open
};

std::string SqliteFileBytes(const fs::path& dir, const std::string& name, const std::string& sql) {
  const std::string path = (dir / name).string();
  RawSqlite(path, sql);
  std::string bytes = FileBytes(path);
  fs::remove(path);
  return bytes;
}

std::vector<HostileFile> HostileFiles(const fs::path& dir, const std::string& good) {
  std::vector<HostileFile> files;
  files.push_back({"empty", "", true});
  files.push_back({"text", "项目编号,项目名称\r\nLX-1,某小学\r\n", true});
  files.push_back({"png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + std::string(4000, '\0'), true});
  files.push_back({"sqlite header only", good.substr(0, 100), true});
  for (size_t cut : {size_t{100}, size_t{4096}, good.size() / 2, good.size() - 4096, good.size() - 1})
    files.push_back({"truncated to " + std::to_string(cut), good.substr(0, cut), true});
  for (int v : {0, 1, 2, 3, 4, 5, -1}) {
    const std::string version = "PRAGMA user_version = " + std::to_string(v) + ";";
    files.push_back({"other program, user_version " + std::to_string(v),
                     SqliteFileBytes(dir, "other.db", "CREATE TABLE notes(id INTEGER PRIMARY KEY, text TEXT); "
                                                      "INSERT INTO notes(text) VALUES ('hello'); " + version),
                     true});
    files.push_back({"other program with a settings table, user_version " + std::to_string(v),
                     SqliteFileBytes(dir, "other.db", "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT); " +
                                                          version),
                     true});
  }
  files.push_back({"a newer SchoolBuild",
                   SqliteFileBytes(dir, "newer.db", "PRAGMA application_id = " +
                                                        std::to_string(sb::storage::Database::kApplicationId) +
                                                        "; PRAGMA user_version = 99; CREATE TABLE future(x);"),
                   true});
  // Flipped bytes: the header's fields, then offsets spread over the whole file.
  std::vector<size_t> offsets = {0, 5, 16, 17, 18, 19, 21, 24, 28, 40, 44, 52, 56, 60, 68, 92, 96, 100, 105};
  std::mt19937 random(13);
  for (int i = 0; i < 40; ++i) offsets.push_back(random() % good.size());
  for (size_t at : offsets) {
    std::string bytes = good;
    bytes[at] = static_cast<char>(bytes[at] ^ 0x5A);
    // Header fields SQLite must trust (magic, page size, read format) are refused; a
    // write format above 2 (offset 18) makes SQLite itself open the file read-only; a flip
    // elsewhere may fall in free space or a text cell and stay undetectable.
    files.push_back({"byte flipped at " + std::to_string(at), bytes, at < 22 && at != 18});
  }
  return files;
}

}  // namespace

TEST_CASE("the damaged-file table: every hostile file is refused or only read and its sha256 never changes") {
  TempDir t;
  const std::string demo = t.Path("demo.db");
  REQUIRE(Cli({"--db", demo, "demo"}).code == 0);
  REQUIRE(Cli({"--db", demo, "export", t.Path("set")}).code == 0);
  const std::string good = FileBytes(demo);
  int refused = 0, opened = 0;
  for (const auto& file : HostileFiles(t.dir(), good)) {
    CAPTURE(file.name);
    const fs::path folder = t.dir() / "case";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string db = (folder / "county.db").string();
    { std::ofstream(db, std::ios::binary) << file.bytes; }
    const std::string before = sb::Sha256Hex(file.bytes);
    for (std::vector<std::string> words : {std::vector<std::string>{"projects"},
                                           {"export", (t.dir() / "out").string()},
                                           {"import", t.Path("set")}}) {
      const std::string command = words[0];
      CAPTURE(command);
      fs::remove_all(t.dir() / "out");
      words.insert(words.begin(), {"--db", db});
      Result r = Cli(words);
      CHECK(FileHash(db) == before);
      if (r.code == 0) {
        ++opened;
        CHECK_MESSAGE(!file.mustRefuse, r.out);
      } else {
        ++refused;
        CHECK(r.code == 1);
        CHECK((Contains(r.err, "错误") || Contains(r.err, "导入失败")));
        // The engine's raw words never reach the user.
        CHECK(!Contains(r.err, "sqlite3_statement_backend"));
        CHECK(!Contains(r.err, "while preparing"));
        if (command == "export") CHECK(!fs::exists(t.dir() / "out"));
      }
    }
    for (const auto& n : Names(folder))  // at most SQLite's own -wal/-shm of a read
      CHECK_MESSAGE((n == "county.db" || n == "county.db-wal" || n == "county.db-shm"), n);
  }
  MESSAGE("hostile files: " << refused << " runs refused, " << opened << " opened (undetectable flips)");
  CHECK(refused > 0);
}

TEST_CASE("a large file is checked before its first write instead of at open: no hostile file is ever written") {
  // Every file counts as large here (SB_CHECK_AT_OPEN_BYTES=0): the open reads without
  // quick_check, the import's write transaction runs it first.
  TempDir t;
  const std::string demo = t.Path("demo.db");
  REQUIRE(Cli({"--db", demo, "demo"}).code == 0);
  REQUIRE(Cli({"--db", demo, "export", t.Path("set")}).code == 0);
  const std::string good = FileBytes(demo);
  ::setenv("SB_CHECK_AT_OPEN_BYTES", "0", 1);
  struct Restore {
    ~Restore() { ::unsetenv("SB_CHECK_AT_OPEN_BYTES"); }
  } restore;
  int refusedAtWrite = 0;
  for (const auto& file : HostileFiles(t.dir(), good)) {
    CAPTURE(file.name);
    const fs::path folder = t.dir() / "case";
    fs::remove_all(folder);
    fs::create_directories(folder);
    const std::string db = (folder / "county.db").string();
    { std::ofstream(db, std::ios::binary) << file.bytes; }
    const std::string before = sb::Sha256Hex(file.bytes);
    Result read = Cli({"--db", db, "projects"});
    CHECK(FileHash(db) == before);
    Result import = Cli({"--db", db, "import", t.Path("set")});
    CHECK(FileHash(db) == before);
    if (import.code == 0) CHECK_MESSAGE(!file.mustRefuse, import.out);
    if (read.code == 0 && import.code != 0 && Contains(import.err, "完整性检查未通过")) ++refusedAtWrite;
  }
  MESSAGE("damaged files that opened and were refused at their first write: " << refusedAtWrite);
  CHECK(refusedAtWrite > 0);
  // An undamaged large file opens and is written as before.
  const std::string copy = t.Path("large.db");
  { std::ofstream(copy, std::ios::binary) << good; }
  auto checkedOn = [&] {
    sb::test::RawDb raw(copy);
    return raw.Text("SELECT COALESCE(MAX(passed_on), '') FROM integrity_checks");
  };
  // A dry run checks and changes nothing, not even the day of the check.
  CHECK(Cli({"--db", copy, "import", "--dry-run", "--update", t.Path("set")}).code == 0);
  CHECK(FileBytes(copy) == good);
  CHECK(checkedOn() == "");
  // The first change of the day is checked first and keeps the day of the check, so the
  // day's next writes do not read the whole file again.
  CHECK(Cli({"--db", copy, "county", "set", "360323", "芦溪县（检查）"}).code == 0);
  const std::string today = checkedOn();
  CHECK(today.size() == 10);
  CHECK(today.rfind("20", 0) == 0);
  {
    sb::test::RawDb raw(copy);
    REQUIRE(raw.Exec("UPDATE integrity_checks SET passed_on = '2000-01-01'") == "");
  }
  // A check of an earlier day does not count: the next write checks again and says so.
  CHECK(Cli({"--db", copy, "county", "set", "360323", "芦溪县"}).code == 0);
  CHECK(checkedOn() == today);
}

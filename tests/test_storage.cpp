// Storage: migrations, refusing files that are not ours, repository round trips, row
// versions, transactions, the immutability of payments and the demo county's totals.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <tuple>

#include "core/model.h"
#include "storage/database.h"
#include "storage/exchange_repository.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "storage/row.h"  // private to storage: EachRows
#include "storage/sql_util.h"  // private to storage: for statements no repository function makes
#include "raw_sqlite.h"
#include "test_db.h"
#include "test_support.h"

using namespace sb;
using namespace sb::storage;
using sb::test::RawDb;
namespace fs = std::filesystem;

namespace {

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

/// A folder of its own under the system temp directory, removed with everything in it
/// (the database and its -wal/-shm companions).
// Each suite's folders are named for it, so a leftover says whose it is.
struct TempDir : sb::test::TempDir {
  TempDir() : sb::test::TempDir("sb_storage") {}
};

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// A second, plain SQLite connection: what any other program writing to the file does.

// ---- sample data with every field set, amounts beyond 32 bits of fen ------------

Project SampleProject(const std::string& code = "LX2025-01") {
  Project p;
  p.code = code;
  p.name = "濂溪中学新建工程";
  p.school = "濂溪中学";
  p.township = "芦溪镇";
  p.stage = Stage::Junior;
  p.category = BuildingCategory::TeachingBuilding;
  p.nature = Nature::NewBuild;
  p.floorArea = Area::FromCenti(3250050);
  p.plannedStart = D(2025, 3, 1);
  p.plannedFinish = D(2027, 2, 28);
  p.actualStart = D(2025, 3, 18);
  p.status = ProjectStatus::UnderConstruction;
  p.note = "含征地 86 亩；\"引号\", 逗号";
  p.programme = "2025年义务教育薄弱环节改善与能力提升";
  return p;
}

Project BareProject(const std::string& code) {
  Project p;
  p.code = code;
  p.name = "宣风中心幼儿园";
  p.school = "宣风中心幼儿园";
  p.township = "宣风镇";
  p.stage = Stage::Preschool;
  p.category = BuildingCategory::Kindergarten;
  p.nature = Nature::Renovation;
  p.status = ProjectStatus::Planned;
  return p;
}

FundingSource SampleSource(const std::string& code, const std::string& kind, Money amount,
                           CategorySet eligible) {
  FundingSource s;
  s.code = code;
  s.name = kind + "（" + code + "）";
  s.kind = kind;
  s.year = 2025;
  s.amount = amount;
  s.docNo = "芦府字〔2025〕12号";
  s.eligible = eligible;
  s.note = "按下达文件使用";
  return s;
}

CategorySet Works() {
  return CategorySet().Add(CostCategory::Construction).Add(CostCategory::Equipment);
}

Contract SampleContract(Id projectId, const std::string& code, ContractKind kind) {
  Contract c;
  c.code = code;
  c.projectId = projectId;
  c.kind = kind;
  c.counterparty = "萍乡市城建集团有限公司";
  c.amount = Money::Parse("6,412.3456万元", MoneyUnit::Yuan);
  c.signedDate = D(2025, 3, 10);
  c.advanceRate = Rate::FromBasisPoints(2000);
  c.retentionRate = Rate::FromBasisPoints(300);
  c.procurement = Procurement::OpenTender;
  c.awardNo = "萍公资交中〔2025〕018号";
  c.advanceRecoverFrom = Percent::FromTenths(200);
  c.advanceRecoverTo = Percent::FromTenths(800);
  c.note = "总价合同";
  return c;
}

Payment SamplePayment(Id projectId, std::optional<Id> contractId, Id sourceId, Money amount,
                      const std::string& voucher) {
  Payment p;
  p.projectId = projectId;
  p.contractId = contractId;
  p.sourceId = sourceId;
  p.category = CostCategory::Construction;
  p.date = D(2025, 3, 28);
  p.amount = amount;
  p.kind = PaymentKind::Advance;
  p.voucher = voucher;
  p.payee = "萍乡市城建集团有限公司";
  p.note = "首笔预付款";
  return p;
}

// ---- field-by-field comparison -------------------------------------------------

void CheckSame(const Project& a, const Project& b) {
  CHECK(a.id == b.id);
  CHECK(a.code == b.code);
  CHECK(a.name == b.name);
  CHECK(a.school == b.school);
  CHECK(a.township == b.township);
  CHECK(a.programme == b.programme);
  CHECK(a.stage == b.stage);
  CHECK(a.category == b.category);
  CHECK(a.nature == b.nature);
  CHECK(a.floorArea.centi() == b.floorArea.centi());
  CHECK(a.plannedStart == b.plannedStart);
  CHECK(a.plannedFinish == b.plannedFinish);
  CHECK(a.actualStart == b.actualStart);
  CHECK(a.actualFinish == b.actualFinish);
  CHECK(a.status == b.status);
  CHECK(a.note == b.note);
  CHECK(a.rowVersion == b.rowVersion);
}

void CheckSame(const BudgetLine& a, const BudgetLine& b) {
  CHECK(a.id == b.id);
  CHECK(a.projectId == b.projectId);
  CHECK(a.category == b.category);
  CHECK(a.amount == b.amount);
  CHECK(a.rowVersion == b.rowVersion);
}

void CheckSame(const FundingSource& a, const FundingSource& b) {
  CHECK(a.id == b.id);
  CHECK(a.code == b.code);
  CHECK(a.name == b.name);
  CHECK(a.kind == b.kind);
  CHECK(a.year == b.year);
  CHECK(a.amount == b.amount);
  CHECK(a.docNo == b.docNo);
  CHECK(a.eligible.Format() == b.eligible.Format());
  CHECK(a.note == b.note);
  CHECK(a.rowVersion == b.rowVersion);
}

template <class T> void CheckSameMoneyRow(const T& a, const T& b) {
  CHECK(a.id == b.id);
  CHECK(a.projectId == b.projectId);
  CHECK(a.sourceId == b.sourceId);
  CHECK(a.amount == b.amount);
  CHECK(a.date == b.date);
  CHECK(a.note == b.note);
  CHECK(a.rowVersion == b.rowVersion);
}
void CheckSame(const Allocation& a, const Allocation& b) { CheckSameMoneyRow(a, b); }
void CheckSame(const Receipt& a, const Receipt& b) { CheckSameMoneyRow(a, b); }

void CheckSame(const ProcedureStep& a, const ProcedureStep& b) {
  CHECK(a.id == b.id);
  CHECK(a.projectId == b.projectId);
  CHECK(a.templateId == b.templateId);
  CHECK(a.status == b.status);
  CHECK(a.plannedDate == b.plannedDate);
  CHECK(a.doneDate == b.doneDate);
  CHECK(a.docNo == b.docNo);
  CHECK(a.note == b.note);
  CHECK(a.extensions == b.extensions);
  CHECK(a.rowVersion == b.rowVersion);
}

void CheckSame(const ProgressEntry& a, const ProgressEntry& b) {
  CHECK(a.id == b.id);
  CHECK(a.projectId == b.projectId);
  CHECK(a.month == b.month);
  CHECK(a.percent == b.percent);
  CHECK(a.invested == b.invested);
  CHECK(a.description == b.description);
  CHECK(a.problems == b.problems);
  CHECK(a.nextSteps == b.nextSteps);
  CHECK(a.rowVersion == b.rowVersion);
}

void CheckSame(const Contract& a, const Contract& b) {
  CHECK(a.id == b.id);
  CHECK(a.code == b.code);
  CHECK(a.projectId == b.projectId);
  CHECK(a.kind == b.kind);
  CHECK(a.counterparty == b.counterparty);
  CHECK(a.amount == b.amount);
  CHECK(a.signedDate == b.signedDate);
  CHECK(a.advanceRate.basisPoints() == b.advanceRate.basisPoints());
  CHECK(a.retentionRate == b.retentionRate);
  CHECK(a.procurement == b.procurement);
  CHECK(a.awardNo == b.awardNo);
  CHECK(a.advanceRecoverFrom == b.advanceRecoverFrom);
  CHECK(a.advanceRecoverTo == b.advanceRecoverTo);
  CHECK(a.note == b.note);
  CHECK(a.rowVersion == b.rowVersion);
}

void CheckSame(const Payment& a, const Payment& b) {
  CHECK(a.id == b.id);
  CHECK(a.projectId == b.projectId);
  CHECK(a.contractId == b.contractId);
  CHECK(a.sourceId == b.sourceId);
  CHECK(a.category == b.category);
  CHECK(a.date == b.date);
  CHECK(a.amount == b.amount);
  CHECK(a.kind == b.kind);
  CHECK(a.voucher == b.voucher);
  CHECK(a.payee == b.payee);
  CHECK(a.reversesId == b.reversesId);
  CHECK(a.note == b.note);
}

template <class T> void CheckSameList(const std::vector<T>& got, const std::vector<T>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CheckSame(got[i], want[i]);
  }
}

/// The row with this id in a list, for comparing what LoadPortfolio returns.
template <class T> const T& ById(const std::vector<T>& v, Id id) {
  for (const auto& x : v)
    if (x.id == id) return x;
  FAIL("no row with id " << id);
  throw std::logic_error("unreachable");
}

/// Runs `write` inside a savepoint that is always rolled back, so that a refused write
/// leaves the surrounding transaction usable on both engines: after an error PostgreSQL
/// refuses every statement until the transaction (or a savepoint) rolls back, where SQLite
/// goes on. The program itself never goes on: an action that fails is rolled back whole.
template <class F> void Undone(Database& db, F&& write) {
  WriteTransaction savepoint(db);
  write();
}

std::unique_ptr<Database> NewDb(const TempDir& t, const std::string& name = "county.db") {
  return Database::Open(test::Db(t.Path(name)), OpenMode::Create);
}

/// Runs `statement` on the storage's own connection and translates a failure as every
/// repository function does: for what no repository function does (update a payment).
std::optional<Error> RefusalOfStatement(Database& db, const std::string& statement,
                                        const std::string& what) {
  return test::Refusal([&] {
    Undone(db, [&] {
      try {
        Sql(db) << statement;
      } catch (const std::exception& e) {
        Rethrow(db, e, what);
      }
    });
  });
}

/// What another program (the sqlite3 shell, psql) gets when it runs `statement` on the
/// database a case calls `file`: "" or the engine's message.
std::string OtherProgram(const std::string& file, const std::string& statement) {
  if (test::OnServer()) return test::ServerExec(test::Db(file), statement);
  return RawDb(file).Exec(statement);
}

/// True when a message shows nothing of SQLite's own English text.
bool NoEngineText(const std::string& message) {
  for (const char* engine : {"constraint", "UNIQUE", "FOREIGN KEY", "CHECK", "failed", "immutable",
                             "sqlite", "SQLITE"})
    if (test::Contains(message, engine)) return false;
  return true;
}

}  // namespace

// ---- opening and migrating -------------------------------------------------------

// About SQLite files themselves: their format, versions and other programs' files.
TEST_SUITE("sqlite-file") {

TEST_CASE("a new file is migrated to the latest version with 14 procedure steps and 13 fund kinds") {
  TempDir t;
  const std::string path = t.Path("data/county/new.db");  // the folder is created too
  auto db = Database::Open(path, OpenMode::Create);
  CHECK(fs::exists(path));
  CHECK(db->path() == path);
  CHECK(Database::LatestSchemaVersion() >= 2);
  CHECK(db->SchemaVersion() == Database::LatestSchemaVersion());
  CHECK(IsEmpty(*db));
  CHECK(ProjectSummaries(*db).empty());

  auto steps = ProcedureTemplate(*db);
  REQUIRE(steps.size() == 14);
  for (size_t i = 0; i < steps.size(); ++i) {
    CAPTURE(steps[i].name);
    CHECK(steps[i].order == static_cast<int>(i + 1));
    CHECK(steps[i].requiredBeforeStart == (i < 11));  // steps 1–11 come before 开工
  }
  CHECK(steps[0].name == "立项批复");
  CHECK(steps[0].issuer == "发改局");
  CHECK(steps[9].name == "招标");
  CHECK(steps[10].name == "施工许可证");
  CHECK(steps[13].name == "竣工财务决算");

  auto kinds = FundKinds(*db);
  REQUIRE(kinds.size() == 13);
  CHECK(kinds[0].name == "中央预算内投资");
  CHECK(kinds[0].level == SourceLevel::Central);
  CHECK(kinds[0].defaultEligible == Works());  // construction only, never land
  std::map<std::string, FundKind> byName;
  for (const auto& k : kinds) byName[k.name] = k;
  CHECK(byName.at("县级财政").defaultEligible == CategorySet::All());
  CHECK(byName.at("政策性贷款").defaultEligible == CategorySet::All());
  CHECK(byName.at("政策性贷款").level == SourceLevel::Loan);
  CHECK(byName.at("专项债券").level == SourceLevel::Bond);
  CHECK_FALSE(byName.at("中央专项").defaultEligible.Contains(CostCategory::Land));

  CHECK(LoadSettings(*db).Text("county_name", "") == "XX县");
  CHECK(RawDb(path).Text("PRAGMA journal_mode") == "wal");
  CHECK(RawDb(path).Int("PRAGMA application_id") == Database::kApplicationId);
  CHECK(Database::kApplicationId == 0x5342544A);
}

TEST_CASE("every commit is synced before it is acknowledged: WAL with synchronous=FULL") {
  // A payment the dialog said was saved must survive a power cut (README, Power loss).
  TempDir t;
  auto db = NewDb(t);
  std::string journal;
  int synchronous = -1;
  Sql(*db) << "PRAGMA journal_mode", soci::into(journal);
  Sql(*db) << "PRAGMA synchronous", soci::into(synchronous);
  CHECK(journal == "wal");
  CHECK(synchronous == 2);  // FULL
  db.reset();
  auto again = Database::Open(t.Path(), OpenMode::MustExist);
  Sql(*again) << "PRAGMA synchronous", soci::into(synchronous);
  CHECK(synchronous == 2);
}

TEST_CASE("reopening an existing file keeps its data and runs no migration again") {
  TempDir t;
  const std::string path = t.Path();
  Id id = 0;
  {
    auto db = NewDb(t);
    WriteTransaction tx(*db);
    Project p = SampleProject();
    id = InsertProject(*db, p);
    SaveSetting(*db, "county_name", "芦溪县");
    auto steps = ProcedureTemplate(*db);
    steps[3].issuer = "萍乡市生态环境局芦溪分局";
    SaveTemplateStep(*db, steps[3]);
    tx.Commit();
  }
  CHECK(RawDb(path).Int("PRAGMA user_version") == Database::LatestSchemaVersion());
  for (int round = 0; round < 2; ++round) {
    CAPTURE(round);
    auto db = Database::Open(path, OpenMode::MustExist);
    CHECK(db->SchemaVersion() == Database::LatestSchemaVersion());
    auto p = FindProjectByCode(*db, "LX2025-01");
    REQUIRE(p.has_value());
    CHECK(p->id == id);
    CHECK(ProcedureTemplate(*db).size() == 14);  // the defaults were not inserted twice
    CHECK(ProcedureTemplate(*db)[3].issuer == "萍乡市生态环境局芦溪分局");
    CHECK(FundKinds(*db).size() == 13);
    CHECK(LoadSettings(*db).Text("county_name", "") == "芦溪县");
  }
}

TEST_CASE("a version 1 file is upgraded in place: data kept, payment guards added") {
  TempDir t;
  const std::string path = t.Path();
  {
    RawDb raw(path);
    REQUIRE(raw.Exec(ReadBytes(std::string(SB_DB_DIR) + "/sqlite/0001_schema.sql")) == "");
    REQUIRE(raw.Exec("PRAGMA user_version = 1") == "");
    REQUIRE(raw.Exec("INSERT INTO projects (code, name, school, township, stage, category, "
                     "nature, status) VALUES ('OLD-1', '芦溪中学改造', '芦溪中学', '芦溪镇', "
                     "'初中', '教学楼', '改扩建', '前期')") == "");
    REQUIRE(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'") == 0);
  }
  auto db = Database::Open(path, OpenMode::MustExist);
  CHECK(db->SchemaVersion() == Database::LatestSchemaVersion());
  auto p = FindProjectByCode(*db, "OLD-1");
  REQUIRE(p.has_value());
  CHECK(p->name == "芦溪中学改造");
  CHECK(ProcedureTemplate(*db).size() == 14);
  RawDb raw(path);
  CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND "
                "name IN ('payments_no_update', 'payments_no_delete')") == 2);
  CHECK(raw.Int("PRAGMA application_id") == Database::kApplicationId);
}

TEST_CASE("a file from a newer version is refused and left byte for byte unchanged") {
  TempDir t;
  const std::string path = t.Path();
  const int newer = Database::LatestSchemaVersion() + 1;
  NewDb(t).reset();
  {
    // As a newer program (or a backup copy of its file) would leave it: rollback journal.
    RawDb raw(path);
    REQUIRE(raw.Text("PRAGMA journal_mode = DELETE") == "delete");
    REQUIRE(raw.Exec("PRAGMA user_version = " + std::to_string(newer)) == "");
  }
  const std::string before = ReadBytes(path);
  const auto filesBefore = t.Files();
  REQUIRE(filesBefore == std::vector<std::string>{"county.db"});

  for (OpenMode mode : {OpenMode::MustExist, OpenMode::Create}) {
    auto e = test::Refusal([&] { Database::Open(path, mode); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::NewerSchema);
    CHECK(test::Contains(e->detail(), path));
    CHECK(test::Contains(e->detail(), "结构版本 " + std::to_string(newer)));
    CHECK(test::Contains(e->detail(), "请升级程序"));
  }
  CHECK(ReadBytes(path) == before);
  CHECK(t.Files() == filesBefore);
  CHECK(RawDb(path).Int("PRAGMA user_version") == newer);
}

TEST_CASE("a file that is not an SQLite database is refused and left unchanged") {
  TempDir t;
  const std::string path = t.Path("notes.db");
  {
    std::ofstream out(path, std::ios::binary);
    for (int i = 0; i < 200; ++i) out << "项目名称,概算(万元)\n濂溪中学新建工程,9800\n";
  }
  const std::string before = ReadBytes(path);
  CHECK_REFUSED(Database::Open(path, OpenMode::MustExist), ErrorCode::Database,
                "不是校建通数据库");
  CHECK_REFUSED(Database::Open(path, OpenMode::Create), ErrorCode::Database, path);
  CHECK(ReadBytes(path) == before);
  CHECK(t.Files() == std::vector<std::string>{"notes.db"});
}

TEST_CASE("another program's SQLite database is refused and left unchanged") {
  TempDir t;
  const std::string path = t.Path("other.sqlite");
  {
    RawDb raw(path);
    REQUIRE(raw.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                     "INSERT INTO notes (text) VALUES ('不是校建通的数据');") == "");
  }
  const std::string before = ReadBytes(path);
  CHECK_REFUSED(Database::Open(path, OpenMode::MustExist), ErrorCode::Database,
                "是 SQLite 数据库，但不是校建通的数据库");
  CHECK(ReadBytes(path) == before);
  CHECK(t.Files() == std::vector<std::string>{"other.sqlite"});
  RawDb raw(path);
  CHECK(raw.Text("PRAGMA journal_mode") == "delete");
  CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'projects'") == 0);
}

namespace {
/// Opening `path` in either mode is refused as not a SchoolBuild database, with a
/// message naming the file, `fragment` and that the file is unchanged, and the file is
/// byte for byte what it was, with no companion file (-wal, -shm, -journal) left behind.
void CheckRefusedUnchanged(const TempDir& t, const std::string& path, const std::string& fragment) {
  const std::string before = ReadBytes(path);
  const auto filesBefore = t.Files();
  REQUIRE_FALSE(before.empty());
  for (OpenMode mode : {OpenMode::MustExist, OpenMode::Create}) {
    auto e = test::Refusal([&] { Database::Open(path, mode); });
    REQUIRE(e.has_value());
    CHECK(e->code() == ErrorCode::Database);
    CHECK(test::Contains(e->detail(), path));
    CHECK_MESSAGE(test::Contains(e->detail(), fragment), e->detail());
    CHECK(test::Contains(e->detail(), "文件未作任何改动"));
  }
  CHECK(ReadBytes(path) == before);
  CHECK(t.Files() == filesBefore);
}
}  // namespace

TEST_CASE("a SQLite file with another program's application id is refused and left byte for byte "
          "unchanged, even with SchoolBuild's tables") {
  TempDir t;
  const std::string path = t.Path("other.db");
  {
    RawDb raw(path);
    REQUIRE(raw.Exec(ReadBytes(std::string(SB_DB_DIR) + "/sqlite/0001_schema.sql")) == "");
    REQUIRE(raw.Exec("PRAGMA user_version = 1; PRAGMA application_id = 1179603796") == "");
  }
  CheckRefusedUnchanged(t, path, "其他程序的 SQLite 数据库（应用标识 0x464F5354）");

  const std::string empty = t.Path("empty-other.db");
  RawDb(empty).Exec("PRAGMA application_id = -2");  // no tables at all, but someone's file
  CheckRefusedUnchanged(t, empty, "应用标识 0xFFFFFFFE");
}

TEST_CASE("a file with user_version 3 and a settings table, but not SchoolBuild's schema, is "
          "refused unchanged") {
  TempDir t;
  const std::string path = t.Path("settings.db");
  {
    RawDb raw(path);
    REQUIRE(raw.Exec("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);"
                     "INSERT INTO settings VALUES ('theme', 'dark');"
                     "PRAGMA user_version = 3") == "");
  }
  CheckRefusedUnchanged(t, path, "缺少数据表 fund_kinds、procedure_template、projects 等 11 张");
  RawDb raw(path);
  CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE name = 'projects'") == 0);
  CHECK(raw.Int("PRAGMA user_version") == 3);
  CHECK(raw.Int("PRAGMA application_id") == 0);
}

TEST_CASE("a file with an unrelated table is refused unchanged whatever its user_version (2, 4, -1)") {
  for (int version : {2, 4, -1, Database::LatestSchemaVersion(), Database::LatestSchemaVersion() + 7}) {
    CAPTURE(version);
    TempDir t;
    const std::string path = t.Path("notes.sqlite");
    {
      RawDb raw(path);
      REQUIRE(raw.Exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                       "INSERT INTO notes (text) VALUES ('不是校建通的数据');"
                       "PRAGMA user_version = " + std::to_string(version)) == "");
    }
    CheckRefusedUnchanged(t, path, "是 SQLite 数据库，但不是校建通的数据库（没有校建通的数据表）");
    CHECK(RawDb(path).Int("PRAGMA user_version") == version);
  }
  // No table at all but a version: nobody's new file, not ours either.
  TempDir t;
  const std::string bare = t.Path("bare.db");
  RawDb(bare).Exec("PRAGMA user_version = 4");
  CheckRefusedUnchanged(t, bare, "没有数据表，结构版本却是 4");
}

TEST_CASE("SchoolBuild's tables without a schema version are refused unchanged") {
  TempDir t;
  const std::string path = t.Path("unversioned.db");
  REQUIRE(RawDb(path).Exec(ReadBytes(std::string(SB_DB_DIR) + "/sqlite/0001_schema.sql")) == "");
  CheckRefusedUnchanged(t, path, "没有结构版本：user_version = 0");
}

TEST_CASE("a version-4 file of an earlier SchoolBuild, without the application id, opens, migrates "
          "and carries the id") {
  TempDir t;
  const std::string path = t.Path();
  {
    // What SchoolBuild up to schema version 4 left: its migrations 0001–0004, no
    // application id, and a project.
    RawDb raw(path);
    for (const char* m : {"0001_schema.sql", "0002_payment_guards.sql", "0003_month_closings.sql",
                          "0004_rule_settings.sql"})
      REQUIRE(raw.Exec(ReadBytes(std::string(SB_DB_DIR) + "/sqlite/" + m)) == "");
    REQUIRE(raw.Exec("INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                     "VALUES ('LX2025-01', '濂溪中学新建工程', '濂溪中学', '芦溪镇', '初中', '教学楼', '新建', '在建');"
                     "PRAGMA user_version = 4") == "");
    REQUIRE(raw.Int("PRAGMA application_id") == 0);
  }
  auto db = Database::Open(path, OpenMode::MustExist);
  CHECK(db->SchemaVersion() == Database::LatestSchemaVersion());
  CHECK(Database::LatestSchemaVersion() >= 5);
  REQUIRE(FindProjectByCode(*db, "LX2025-01").has_value());
  CHECK(FindProjectByCode(*db, "LX2025-01")->name == "濂溪中学新建工程");
  CHECK(ProcedureTemplate(*db).size() == 14);
  RawDb raw(path);
  CHECK(raw.Int("PRAGMA application_id") == Database::kApplicationId);
  CHECK(raw.Int("PRAGMA user_version") == Database::LatestSchemaVersion());
  db.reset();
  // Marked now: it opens again as ours, with no migration left to run.
  CHECK(Database::Open(path, OpenMode::MustExist)->SchemaVersion() ==
        Database::LatestSchemaVersion());
}

TEST_CASE("opening a missing file with MustExist fails with FileMissing and creates nothing") {
  TempDir t;
  const std::string path = t.Path("typo/county.db");
  CHECK_REFUSED(Database::Open(path, OpenMode::MustExist), ErrorCode::FileMissing, path);
  CHECK_REFUSED(Database::Open(path, OpenMode::MustExist), ErrorCode::FileMissing, "init");
  CHECK_FALSE(fs::exists(path));
  CHECK_FALSE(fs::exists(t.dir() / "typo"));
  CHECK(t.Files().empty());
  CHECK_REFUSED(Database::Open("", OpenMode::Create), ErrorCode::FileMissing, "没有指定");
  CHECK_REFUSED(Database::Open(t.dir().string(), OpenMode::Create), ErrorCode::Io, "文件夹");
}

TEST_CASE("schema 19: no CHECK compares with a list of more than two values, and each still refuses what it did") {
  TempDir t;
  Database::Open(t.Path(), OpenMode::Create).reset();
  RawDb raw(t.Path());
  CHECK(raw.Int("PRAGMA user_version") >= 19);
  CHECK(raw.Text("PRAGMA integrity_check") == "ok");
  // A list of three or more values made SQLite build a b-tree of it at every INSERT.
  CHECK(raw.Text("SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' AND "
                 "sql LIKE '% IN (''%'',''%'',''%'" ) == "");
  CHECK(raw.Text("SELECT group_concat(name) FROM sqlite_master WHERE type = 'table' AND "
                 "sql LIKE '% IN (''%'', ''%'', ''%'" ) == "");
  CHECK(raw.Exec("INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                 "VALUES ('X-1', '新校', '新校', '芦溪镇', '大学', '教学楼', '新建', '在建')")
            .find("CHECK constraint failed: stage =") != std::string::npos);
  CHECK(raw.Exec("INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                 "VALUES ('X-1', '新校', '新校', '芦溪镇', '小学', '教室', '新建', '在建')")
            .find("CHECK constraint failed: category =") != std::string::npos);
  CHECK(raw.Exec("INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                 "VALUES ('X-1', '新校', '新校', '芦溪镇', '小学', '校门围墙', '新建', '在建')") == "");
  CHECK(raw.Exec("INSERT INTO procedure_steps (project_id, template_id, status) SELECT 1, id, '已完成' "
                 "FROM procedure_template LIMIT 1")
            .find("CHECK constraint failed: status =") != std::string::npos);
  CHECK(raw.Exec("INSERT INTO history (at, who, action, tbl, row_key, op) VALUES ('2026-12-04T10:00:00', 'x', '', "
                 "'projects', '1', 'upsert')")
            .find("CHECK constraint failed: op =") != std::string::npos);
}

TEST_CASE("schema 19: the connection that made or upgraded the file checks the new conditions at once") {
  TempDir t;
  auto db = Database::Open(t.Path(), OpenMode::Create);
  std::string message;
  try {
    Sql(*db) << "INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                "VALUES ('X-1', '新校', '新校', '芦溪镇', '大学', '教学楼', '新建', '在建')";
  } catch (const std::exception& e) {
    message = e.what();
  }
  CHECK_MESSAGE(message.find("CHECK constraint failed: stage = '学前教育' OR") != std::string::npos, message);
}

TEST_CASE("indexes set aside for a large write: no commit until they are built again, a rollback brings them back") {
  TempDir t;
  auto db = Database::Open(t.Path(), OpenMode::Create);
  auto indexes = [&] {
    std::string list;
    soci::indicator ind = soci::i_null;
    Sql(*db) << "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'payments' ORDER BY name)",
        soci::into(list, ind);
    return list;
  };
  const std::string all = indexes();
  REQUIRE(all == "payments_amount_not_integer payments_contract payments_groups payments_source "
                 "payments_voucher_unique sqlite_autoindex_payments_1");
  {
    WriteTransaction tx(*db);
    // Unique and partial indexes check rows and stay; the three that only speed reads go.
    CHECK(SetIndexesAside(*db, "payments") == 3);
    CHECK(indexes() == "payments_amount_not_integer payments_voucher_unique sqlite_autoindex_payments_1");
    CHECK(SetIndexesAside(*db, "payments") == 0);  // already aside
    CHECK_REFUSED(tx.Commit(), ErrorCode::Database, "批量写入的最后一步（重建索引 payments_contract）尚未完成");
  }
  CHECK(indexes() == all);
  {
    WriteTransaction tx(*db);
    {
      WriteTransaction inner(*db);  // a savepoint rolled back takes its own back
      CHECK(SetIndexesAside(*db, "payments") == 3);
    }
    CHECK(indexes() == all);
    tx.Commit();
  }
  {
    WriteTransaction tx(*db);
    {
      WriteTransaction inner(*db);  // released: the outer transaction still has them aside
      CHECK(SetIndexesAside(*db, "payments") == 3);
      inner.Commit();
    }
    CHECK_REFUSED(tx.Commit(), ErrorCode::Database, "尚未完成");
    RestoreIndexes(*db);
    tx.Commit();
  }
  CHECK(indexes() == all);
  {
    WriteTransaction tx(*db);
    CHECK(SetIndexesAside(*db, "payments") == 3);
    bool summed = false;
    FinishBeforeCommit(*db, "汇总拨付", [&] { summed = true; });
    {
      WriteTransaction inner(*db);  // built again inside a savepoint that is rolled back
      RestoreIndexes(*db);
      CHECK(summed);
      CHECK(indexes() == all);
    }
    CHECK(indexes() == "payments_amount_not_integer payments_voucher_unique sqlite_autoindex_payments_1");
    CHECK_REFUSED(tx.Commit(), ErrorCode::Database, "重建索引 payments_contract");  // due again
    summed = false;
    RestoreIndexes(*db);
    CHECK(summed);
    tx.Commit();
  }
  CHECK(indexes() == all);
  {
    bool ran = false;  // outside a transaction there is nothing to wait for
    FinishBeforeCommit(*db, "x", [&] { ran = true; });
    CHECK(ran);
    WriteTransaction tx(*db);
    tx.Commit();  // and nothing left over refuses a later commit
  }
  db.reset();
  // What another program sees: the indexes as the schema made them.
  RawDb raw(t.Path());
  CHECK(raw.Int("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'payments'") == 6);
}

// ---- round trips -----------------------------------------------------------------

}  // TEST_SUITE("sqlite-file")

TEST_CASE("every entity reads back with every field equal, optional dates and money included") {
  TempDir t;
  auto db = NewDb(t);
  Project p1 = SampleProject(), p2 = BareProject("LX2025-13");
  std::vector<BudgetLine> lines;
  FundingSource loan = SampleSource("ZJ2025-01", "政策性贷款", Money::FromWan(30000),
                                    CategorySet::All());
  FundingSource central = SampleSource("ZJ2025-02", "中央预算内投资", Money::FromWan(2400), Works());
  Allocation a1, a2;
  Receipt r1;
  ProcedureStep done, exempt, ongoing;
  ProgressEntry may, june;
  Contract works, supervision;
  Payment advance, land;
  {
    WriteTransaction tx(*db);
    InsertProject(*db, p1);
    InsertProject(*db, p2);
    CHECK(p1.id > 0);
    CHECK(p1.rowVersion == 1);
    const int64_t fen[] = {1800000000, 420000000, 6500000000, 650000000, 280000000, 150000001};
    for (size_t i = 0; i < EnumCount<CostCategory>(); ++i) {
      BudgetLine b;
      b.projectId = p1.id;
      b.category = EnumAt<CostCategory>(i);
      b.amount = Money::FromFen(fen[i]);
      SaveBudgetLine(*db, b);
      lines.push_back(b);
    }
    InsertSource(*db, loan);
    InsertSource(*db, central);

    a1.projectId = p1.id, a1.sourceId = loan.id, a1.date = D(2025, 3, 1);
    a1.amount = Money::Parse("2,644.2375万元", MoneyUnit::Yuan);
    a1.note = "芦府字〔2025〕12号";
    a2.projectId = p1.id, a2.sourceId = central.id, a2.date = D(2025, 2, 15);
    a2.amount = Money::FromWan(1200);
    InsertAllocation(*db, a1);
    InsertAllocation(*db, a2);
    r1.projectId = p1.id, r1.sourceId = loan.id, r1.date = D(2025, 3, 20);
    r1.amount = Money::Parse("2,000.000001万元", MoneyUnit::Yuan);
    r1.note = "第一批到位";
    InsertReceipt(*db, r1);

    auto tpl = ProcedureTemplate(*db);
    done.projectId = p1.id, done.templateId = tpl[0].id, done.status = StepStatus::Done;
    done.plannedDate = D(2024, 10, 1), done.doneDate = D(2024, 11, 5);
    done.docNo = "芦发改字〔2024〕35号", done.note = "已批复";
    exempt.projectId = p1.id, exempt.templateId = tpl[3].id;
    exempt.status = StepStatus::NotApplicable, exempt.note = "豁免环评";
    ongoing.projectId = p1.id, ongoing.templateId = tpl[9].id;
    ongoing.status = StepStatus::InProgress, ongoing.plannedDate = D(2025, 2, 28);
    SaveProcedureStep(*db, done);
    SaveProcedureStep(*db, exempt);
    SaveProcedureStep(*db, ongoing);

    june.projectId = may.projectId = p1.id;
    june.month = YearMonth(2025, 6), may.month = YearMonth(2025, 5);
    june.percent = Percent::FromTenths(410), may.percent = Percent::FromTenths(355);
    june.invested = Money::FromFen(4017654321), may.invested = Money::FromWan(3100);
    june.description = "主体三层封顶", june.problems = "征地款未到位", june.nextSteps = "四层砌体";
    SaveProgress(*db, june);  // stored out of order on purpose
    SaveProgress(*db, may);

    works = SampleContract(p1.id, "HT-LX2025-01-SG", ContractKind::Works);
    supervision = SampleContract(p1.id, "HT-LX2025-01-JL", ContractKind::Supervision);
    supervision.signedDate = std::nullopt;
    supervision.advanceRate = Rate();
    supervision.retentionRate.reset();
    supervision.amount = Money::FromFen(98765432);
    InsertContract(*db, works);
    InsertContract(*db, supervision);

    advance = SamplePayment(p1.id, works.id, central.id, Money::FromFen(1248000000), "记-202503-0001");
    land = SamplePayment(p1.id, std::nullopt, loan.id, Money::FromWan(900), "记-202502-0007");
    land.date = D(2025, 2, 20);
    land.kind = PaymentKind::LandCompensation;
    land.category = CostCategory::Land;
    land.payee = "";
    InsertPayment(*db, advance);
    InsertPayment(*db, land);
    tx.Commit();
  }

  ProjectFile f = LoadProjectFile(*db, p1.id);
  CheckSame(f.project, p1);
  CheckSameList(f.budgetLines, lines);  // in category order
  CheckSameList(f.allocations, {a2, a1});  // by date
  CheckSameList(f.receipts, {r1});
  REQUIRE(f.procedureSteps.size() == 14);
  CheckSame(f.procedureSteps[0], done);
  CheckSame(f.procedureSteps[3], exempt);
  CheckSame(f.procedureSteps[9], ongoing);
  for (size_t i : {1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13}) {
    CAPTURE(i);
    CHECK(f.procedureSteps[i].id == 0);  // not stored: shown as 未办
    CHECK(f.procedureSteps[i].status == StepStatus::NotStarted);
    CHECK(f.procedureSteps[i].projectId == p1.id);
    CHECK_FALSE(f.procedureSteps[i].doneDate.has_value());
  }
  CheckSameList(f.progress, {may, june});  // by month
  CheckSameList(f.contracts, {supervision, works});  // by code: JL < SG
  CheckSameList(f.payments, {land, advance});  // by date
  CheckSame(LoadProjectFile(*db, p2.id).project, p2);
  CHECK(LoadProjectFile(*db, p2.id).budgetLines.empty());

  CheckSame(*FindProjectByCode(*db, "LX2025-13"), p2);
  CheckSame(ProjectById(*db, p1.id), p1);
  CheckSame(*FindSourceByCode(*db, "ZJ2025-01"), loan);
  CheckSame(*FindContractByCode(*db, "HT-LX2025-01-JL"), supervision);
  CHECK_FALSE(FindProjectByCode(*db, "LX2025-99").has_value());
  CHECK_REFUSED(ProjectById(*db, 999999), ErrorCode::NotFound, "项目不存在");
  CHECK_REFUSED(LoadProjectFile(*db, 999999), ErrorCode::NotFound, "项目不存在");

  Portfolio all = LoadPortfolio(*db);
  CheckSameList(all.projects, {p1, p2});  // by code
  CheckSameList(all.sources, {loan, central});
  REQUIRE(all.budgetLines.size() == 6);
  for (const auto& b : lines) CheckSame(ById(all.budgetLines, b.id), b);
  CheckSame(ById(all.allocations, a1.id), a1);
  CheckSame(ById(all.allocations, a2.id), a2);
  CheckSame(ById(all.receipts, r1.id), r1);
  REQUIRE(all.procedureSteps.size() == 3);  // only the stored ones
  CheckSame(ById(all.procedureSteps, done.id), done);
  CheckSame(ById(all.procedureSteps, ongoing.id), ongoing);
  CheckSameList(all.progress, {may, june});
  CheckSameList(all.contracts, {supervision, works});
  CheckSameList(all.payments, {advance, land});  // by id: entry order
  REQUIRE(all.FindProject(p2.id) != nullptr);
  CHECK(all.FindProject(p2.id)->code == "LX2025-13");
  CHECK(all.FindContract(works.id)->amount.FormatWan() == "6,412.3456");
  CHECK(all.FindTemplateStep(done.templateId)->name == "立项批复");

  auto summaries = ProjectSummaries(*db);
  REQUIRE(summaries.size() == 2);
  const ProjectSummary& s = summaries[0];
  CheckSame(s.project, p1);
  CHECK(s.budget.FormatYuan() == "98,000,000.01");
  CHECK(s.committed == a1.amount + a2.amount);
  CHECK(s.committed.FormatWan() == "3,844.2375");
  CHECK(s.received.fen() == 2000000001);
  CHECK(s.paid.fen() == int64_t{1248000000} + 900000000);
  REQUIRE(s.percent.has_value());
  CHECK(s.percent->tenths() == 410);  // the latest month, not the last stored
  CHECK(s.percentMonth == YearMonth(2025, 6));
  CHECK(summaries[1].budget.IsZero());
  CHECK_FALSE(summaries[1].percent.has_value());

  // The window sums the same figures from the loaded rows: they must agree with the SQL.
  auto inMemory = SummarizeProjects(all);
  REQUIRE(inMemory.size() == summaries.size());
  for (size_t i = 0; i < summaries.size(); ++i) {
    CAPTURE(summaries[i].project.code);
    CHECK(inMemory[i].project.id == summaries[i].project.id);
    CHECK(inMemory[i].budget == summaries[i].budget);
    CHECK(inMemory[i].committed == summaries[i].committed);
    CHECK(inMemory[i].received == summaries[i].received);
    CHECK(inMemory[i].paid == summaries[i].paid);
    CHECK(inMemory[i].percent == summaries[i].percent);
    CHECK(inMemory[i].percentMonth == summaries[i].percentMonth);
  }
}

TEST_CASE("a project and what its rules read, in one round trip, are what the reads one by one give") {
  TempDir t;
  auto db = NewDb(t);
  LoadDemo(*db);
  const Settings settings = LoadSettings(*db);
  const auto kinds = FundKinds(*db);
  const auto steps = ProcedureTemplate(*db);
  const auto all = FundingSources(*db);
  REQUIRE(all.size() >= 2);
  size_t payments = 0;
  for (const auto& project : AllProjects(*db)) {
    CAPTURE(project.code);
    // A source none of the project's rows names is read too when asked for (a row about to
    // be added); 0 asks for none.
    for (Id also : {Id{0}, all.back().id}) {
      ProjectWithReference r = LoadProjectWithReference(*db, project.id, also);
      ProjectFile f = LoadProjectFile(*db, project.id);
      CHECK(r.file.project.code == project.code);
      CHECK(f.project.code == project.code);
      auto ids = [](const auto& rows) {
        std::vector<Id> v;
        for (const auto& x : rows) v.push_back(x.id);
        return v;
      };
      CHECK(ids(r.file.payments) == ids(PaymentsByProject(*db, project.id)));
      CHECK(ids(f.payments) == ids(r.file.payments));
      CHECK(ids(f.budgetLines) == ids(r.file.budgetLines));
      CHECK(ids(f.allocations) == ids(r.file.allocations));
      CHECK(ids(f.receipts) == ids(r.file.receipts));
      CHECK(ids(f.progress) == ids(r.file.progress));
      CHECK(ids(f.contracts) == ids(r.file.contracts));
      CHECK(f.procedureSteps.size() == steps.size());
      CHECK(r.file.procedureSteps.size() == steps.size());
      std::vector<Id> named{also};
      for (const auto& a : r.file.allocations) named.push_back(a.sourceId);
      for (const auto& x : r.file.receipts) named.push_back(x.sourceId);
      for (const auto& p : r.file.payments) named.push_back(p.sourceId);
      std::sort(named.begin(), named.end());
      named.erase(std::unique(named.begin(), named.end()), named.end());
      CHECK(ids(r.sources) == ids(FundingSourcesById(*db, named)));
      CHECK(r.settings.values() == settings.values());
      CHECK(r.fundKinds.size() == kinds.size());
      CHECK(r.procedureTemplate.size() == steps.size());
      payments += r.file.payments.size();
    }
  }
  CHECK(payments > 0);
  CHECK_REFUSED(LoadProjectWithReference(*db, 999999, 0), ErrorCode::NotFound, "项目不存在（编号 999999）");
}

TEST_CASE("EachRows: reads sent together bind whole parameter names and leave the connection usable after a failure") {
  TempDir t;
  auto db = NewDb(t);
  LoadDemo(*db);
  std::vector<std::string> got;
  // ":id" is not the start of ":ids"; both stand twice.
  EachRows(*db,
           {{"SELECT :id + :ids, :id", [&](const Row& r) { got.push_back(r.Text(0) + "/" + r.Text(1)); }},
            {"SELECT code FROM projects WHERE id = :ids OR id = :ids ORDER BY code",
             [&](const Row& r) { got.push_back(r.Text(0)); }},
            {"SELECT 'x' WHERE 1 = 0", [&](const Row&) { got.push_back("none"); }}},
           {RowParam{":id", "", 40}, RowParam{":ids", "", 2}});
  REQUIRE(got.size() == 2);
  CHECK(got[0] == "42/40");
  CHECK(got[1] == ProjectById(*db, 2).code);
  CHECK_THROWS_AS(EachRows(*db, {{"SELECT 1", [](const Row&) {}}, {"SELECT no_such_column FROM projects", [](const Row&) {}},
                                 {"SELECT 2", [](const Row&) {}}},
                           {}),
                  std::exception);
  CHECK_THROWS_AS(EachRows(*db, {{"SELECT :t", [](const Row&) {}}}, {RowParam{":t", "text", std::nullopt}}),
                  std::logic_error);
  // The connection answers again, in and out of a transaction.
  CHECK(AllProjects(*db).size() == 19);
  {
    WriteTransaction tx(*db);
    long long n = 0;
    EachRows(*db, {{"SELECT COUNT(*) FROM projects WHERE id > :id", [&](const Row& r) { n = r.Int(0); }}},
             {RowParam{":id", "", 0}});
    CHECK(n == 19);
  }
}

TEST_CASE("the demo county's project totals are the same summed in SQL and in memory") {
  TempDir t;
  auto db = NewDb(t);
  LoadDemo(*db);
  auto sql = ProjectSummaries(*db);
  auto mem = SummarizeProjects(LoadPortfolio(*db));
  REQUIRE(sql.size() == 19);
  REQUIRE(mem.size() == 19);
  Money paidSql, paidMem;
  for (size_t i = 0; i < sql.size(); ++i) {
    CAPTURE(sql[i].project.code);
    CHECK(mem[i].project.code == sql[i].project.code);
    CHECK(mem[i].budget == sql[i].budget);
    CHECK(mem[i].committed == sql[i].committed);
    CHECK(mem[i].received == sql[i].received);
    CHECK(mem[i].paid == sql[i].paid);
    CHECK(mem[i].percent == sql[i].percent);
    paidSql += sql[i].paid;
    paidMem += mem[i].paid;
  }
  CHECK(paidMem == paidSql);
  CHECK(paidMem.fen() > 0);
}

TEST_CASE("updates read back with the new values and a bumped row version") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject();
  InsertProject(*db, p);
  p.name = "濂溪中学新建工程（一期）";
  p.actualStart = D(2025, 4, 1);
  p.actualFinish = D(2026, 12, 30);
  p.plannedStart = std::nullopt;
  p.status = ProjectStatus::Finished;
  p.floorArea = Area::Parse("33,000.5");
  p.programme = "2026年县城学校扩容";
  UpdateProject(*db, p);
  CHECK(p.rowVersion == 2);
  CheckSame(ProjectById(*db, p.id), p);

  FundingSource s = SampleSource("ZJ2025-03", "中央专项", Money::FromWan(1800), Works());
  InsertSource(*db, s);
  s.amount = Money::Parse("1,836.49万元", MoneyUnit::Yuan);
  s.eligible = CategorySet().Add(CostCategory::Equipment);
  s.docNo = "赣财教〔2025〕21号";
  UpdateSource(*db, s);
  CHECK(s.rowVersion == 2);
  CheckSame(*FindSourceByCode(*db, "ZJ2025-03"), s);

  BudgetLine b;
  b.projectId = p.id;
  b.category = CostCategory::Land;
  b.amount = Money::FromWan(1800);
  SaveBudgetLine(*db, b);
  BudgetLine again = b;
  again.amount = Money::FromWan(1950);
  SaveBudgetLine(*db, again);  // the same (project, category): an update, not a second line
  CHECK(again.id == b.id);
  CHECK(again.rowVersion == 2);
  CheckSameList(BudgetLinesByProject(*db, p.id), {again});

  Allocation a;
  a.projectId = p.id, a.sourceId = s.id, a.date = D(2025, 3, 1), a.amount = Money::FromWan(500);
  InsertAllocation(*db, a);
  a.amount = Money::FromWan(600), a.date = D(2025, 3, 2), a.note = "追加";
  UpdateAllocation(*db, a);
  Receipt r;
  r.projectId = p.id, r.sourceId = s.id, r.date = D(2025, 4, 1), r.amount = Money::FromWan(100);
  InsertReceipt(*db, r);
  r.amount = Money::FromWan(150);
  UpdateReceipt(*db, r);
  auto f = LoadProjectFile(*db, p.id);
  CheckSameList(f.allocations, {a});
  CheckSameList(f.receipts, {r});
  CHECK(a.rowVersion == 2);

  ProgressEntry e;
  e.projectId = p.id, e.month = YearMonth(2025, 6), e.percent = Percent::FromTenths(500);
  SaveProgress(*db, e);
  ProgressEntry e2 = e;
  e2.percent = Percent::FromTenths(520);
  e2.problems = "雨季停工 5 天";
  SaveProgress(*db, e2);  // the same month: an update
  CheckSameList(LoadProjectFile(*db, p.id).progress, {e2});

  ProcedureStep st;
  st.projectId = p.id, st.templateId = ProcedureTemplate(*db)[10].id;
  st.status = StepStatus::InProgress, st.plannedDate = D(2025, 3, 1);
  SaveProcedureStep(*db, st);
  st.status = StepStatus::Done, st.doneDate = D(2025, 3, 15), st.docNo = "施字〔2025〕07号";
  st.extensions = 1;
  SaveProcedureStep(*db, st);
  CHECK(st.rowVersion == 2);
  CheckSame(LoadProjectFile(*db, p.id).procedureSteps[10], st);

  Contract c = SampleContract(p.id, "HT-01", ContractKind::Works);
  InsertContract(*db, c);
  c.signedDate = std::nullopt;
  c.amount = Money::FromFen(5000000001);
  c.retentionRate = Rate::FromBasisPoints(250);
  UpdateContract(*db, c);
  CheckSame(*FindContractByCode(*db, "HT-01"), c);
  // A stated 0% (a guarantee instead) stays stated; none stated stays none; the
  // procurement and the recovery points can be cleared.
  c.retentionRate = Rate();
  c.procurement = Procurement::SingleSource;
  c.advanceRecoverFrom.reset();
  c.advanceRecoverTo.reset();
  UpdateContract(*db, c);
  CheckSame(*FindContractByCode(*db, "HT-01"), c);
  CHECK(FindContractByCode(*db, "HT-01")->retentionRate == Rate());
  c.retentionRate.reset();
  c.procurement.reset();
  UpdateContract(*db, c);
  CheckSame(*FindContractByCode(*db, "HT-01"), c);
  CHECK(!FindContractByCode(*db, "HT-01")->retentionRate);

  FundKind k;
  k.name = "省级债券";
  k.level = SourceLevel::Bond;
  k.defaultEligible = Works();
  k.sortOrder = 20;
  SaveFundKind(*db, k);
  k.defaultEligible.Add(CostCategory::Preliminary);
  k.note = "按批准用途";
  SaveFundKind(*db, k);
  auto kinds = FundKinds(*db);
  REQUIRE(kinds.size() == 14);
  CHECK(kinds.back().name == "省级债券");
  CHECK(kinds.back().defaultEligible.Format() == "前期费用、建安工程、设备购置");
  CHECK(kinds.back().note == "按批准用途");
  CHECK(kinds.back().rowVersion == 2);

  ProcedureTemplateStep extra;
  extra.order = 15;
  extra.name = "档案移交";
  extra.issuer = "城建档案馆";
  extra.requiredBeforeStart = false;
  SaveTemplateStep(*db, extra);
  extra.issuer = "县档案馆";
  SaveTemplateStep(*db, extra);
  auto tpl = ProcedureTemplate(*db);
  REQUIRE(tpl.size() == 15);
  CHECK(tpl.back().issuer == "县档案馆");
  CHECK_FALSE(tpl.back().requiredBeforeStart);
  CHECK(LoadProjectFile(*db, p.id).procedureSteps.size() == 15);
  tx.Commit();
}

TEST_CASE("deleting: allocations and receipts go, a project with money rows is refused") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject(), empty = BareProject("LX2026-01");
  InsertProject(*db, p);
  InsertProject(*db, empty);
  BudgetLine b;
  b.projectId = empty.id, b.amount = Money::FromWan(600);
  SaveBudgetLine(*db, b);
  FundingSource s = SampleSource("S1", "县级财政", Money::FromWan(1000), CategorySet::All());
  InsertSource(*db, s);
  Allocation a;
  a.projectId = p.id, a.sourceId = s.id, a.date = D(2025, 1, 1), a.amount = Money::FromWan(1);
  InsertAllocation(*db, a);
  CHECK_REFUSED(DeleteProject(*db, p.id, p.rowVersion), ErrorCode::Refused, "不能删除");
  DeleteAllocation(*db, a.id, a.rowVersion);
  CHECK(LoadProjectFile(*db, p.id).allocations.empty());
  Receipt r;
  r.projectId = p.id, r.sourceId = s.id, r.date = D(2025, 1, 1), r.amount = Money::FromWan(1);
  InsertReceipt(*db, r);
  DeleteReceipt(*db, r.id, r.rowVersion);
  CHECK(LoadProjectFile(*db, p.id).receipts.empty());
  DeleteProject(*db, p.id, p.rowVersion);  // no money rows left
  DeleteProject(*db, empty.id, empty.rowVersion);
  CHECK(ProjectSummaries(*db).empty());
  CHECK(LoadPortfolio(*db).budgetLines.empty());  // its budget went with it
  tx.Commit();
}

// ---- uniqueness and row versions -------------------------------------------------

TEST_CASE("a duplicate project, source or contract code is refused as Duplicate") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject(), same = SampleProject(), other = BareProject("LX2025-13");
  InsertProject(*db, p);
  InsertProject(*db, other);
  CHECK_REFUSED(Undone(*db, [&] { InsertProject(*db, same); }), ErrorCode::Duplicate, "项目编号“LX2025-01”已存在");
  other.code = "LX2025-01";
  CHECK_REFUSED(Undone(*db, [&] { UpdateProject(*db, other); }), ErrorCode::Duplicate, "已存在");
  CHECK(ProjectSummaries(*db).size() == 2);
  CHECK(FindProjectByCode(*db, "LX2025-13").has_value());

  FundingSource s = SampleSource("ZJ2025-01", "政策性贷款", Money::FromWan(30000), CategorySet::All());
  InsertSource(*db, s);
  FundingSource s2 = s;
  CHECK_REFUSED(Undone(*db, [&] { InsertSource(*db, s2); }), ErrorCode::Duplicate, "来源编号“ZJ2025-01”已存在");
  FundingSource unknownKind = SampleSource("ZJ2025-09", "不存在的类型", Money::FromWan(1), Works());
  CHECK_INVALID(Undone(*db, [&] { InsertSource(*db, unknownKind); }), "来源类型“不存在的类型”不存在");

  Contract c = SampleContract(p.id, "HT-01", ContractKind::Works), c2 = c;
  InsertContract(*db, c);
  CHECK_REFUSED(Undone(*db, [&] { InsertContract(*db, c2); }), ErrorCode::Duplicate, "合同编号“HT-01”已存在");
}

TEST_CASE("a dialog's insert and the import's insert of a table say the same thing; the server's import sends its "
          "rows at Flush") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  BulkInserter bulk(*db);
  Project byDialog = SampleProject("LX2025-01"), byImport = SampleProject("LX2025-02");
  InsertProject(*db, byDialog);
  bulk.Insert(byImport);
  CHECK(byImport.id > byDialog.id);  // the id is known at once, before the row is sent
  CHECK(byImport.rowVersion == 1);
  bulk.Flush();
  CHECK(ProjectById(*db, byImport.id).code == "LX2025-02");
  Project again = SampleProject("LX2025-02"), againByImport = SampleProject("LX2025-01");
  auto fromDialog = test::Refusal([&] { Undone(*db, [&] { InsertProject(*db, again); }); });
  auto fromImport = test::Refusal([&] {
    Undone(*db, [&] {
      bulk.Insert(againByImport);
      bulk.Flush();
    });
  });
  REQUIRE(fromDialog.has_value());
  REQUIRE(fromImport.has_value());
  CHECK(fromDialog->code() == ErrorCode::Duplicate);
  CHECK(fromImport->code() == ErrorCode::Duplicate);
  CHECK(fromDialog->detail() == "项目编号“LX2025-02”已存在");
  CHECK(fromImport->detail() == "项目编号“LX2025-01”已存在");
  // Either path inserts again after a refusal.
  Project third = BareProject("LX2025-03"), fourth = BareProject("LX2025-04");
  bulk.Insert(third);
  bulk.Flush();
  InsertProject(*db, fourth);
  CHECK(fourth.id > third.id);

  FundingSource s = SampleSource("S1", "县级财政", Money::FromWan(100), CategorySet::All());
  bulk.Insert(s);
  Payment paid = SamplePayment(third.id, std::nullopt, s.id, Money::FromWan(3), "记-1");
  bulk.Insert(paid);  // refers to the source kept before it: sent after it
  bulk.Flush();
  Payment reversal = paid;
  reversal.id = 0, reversal.reversesId = paid.id, reversal.amount = -paid.amount;
  reversal.voucher = "记-2";
  InsertPayment(*db, reversal);
  Payment twice = reversal;
  twice.id = 0, twice.voucher = "记-3";
  auto reversedTwice = test::Refusal([&] {
    Undone(*db, [&] {
      bulk.Insert(twice);
      bulk.Flush();
    });
  });
  REQUIRE(reversedTwice.has_value());
  CHECK(reversedTwice->code() == ErrorCode::Duplicate);
  CHECK(reversedTwice->detail().rfind("该拨付已经冲销过，不能重复冲销", 0) == 0);
  tx.Commit();  // a cached statement holds nothing open
  CHECK(PaymentsByProject(*db, third.id).size() == 2);
  CHECK(ProjectSummaries(*Database::Open(test::Db(t.Path()), OpenMode::MustExist)).size() == 4);
}

TEST_CASE("saving a row someone else changed since it was read is refused as Conflict") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project mine = SampleProject();
  InsertProject(*db, mine);
  Project theirs = ProjectById(*db, mine.id);  // a second window read the same row
  theirs.name = "濂溪中学新建工程（变更）";
  UpdateProject(*db, theirs);
  mine.name = "濂溪中学新建工程（我的修改）";
  CHECK_REFUSED(UpdateProject(*db, mine), ErrorCode::Conflict, "已被其他人修改");
  CHECK(ProjectById(*db, mine.id).name == "濂溪中学新建工程（变更）");  // theirs stands
  CHECK(mine.rowVersion == 1);  // a refused save does not pretend it happened
  CHECK_REFUSED(DeleteProject(*db, mine.id, 1), ErrorCode::Conflict, "已被其他人修改");
  DeleteProject(*db, mine.id, 2);
  CHECK_REFUSED(UpdateProject(*db, theirs), ErrorCode::NotFound, "不存在");

  Project p = SampleProject("LX2025-02");
  InsertProject(*db, p);
  FundingSource s = SampleSource("S1", "县级财政", Money::FromWan(100), CategorySet::All());
  InsertSource(*db, s);
  FundingSource s2 = s;
  s.amount = Money::FromWan(120);
  UpdateSource(*db, s);
  CHECK_REFUSED(UpdateSource(*db, s2), ErrorCode::Conflict, "资金来源“S1”");

  BudgetLine b;
  b.projectId = p.id, b.amount = Money::FromWan(10);
  SaveBudgetLine(*db, b);
  BudgetLine stale = b;
  b.amount = Money::FromWan(11);
  SaveBudgetLine(*db, b);
  stale.amount = Money::FromWan(12);
  CHECK_REFUSED(SaveBudgetLine(*db, stale), ErrorCode::Conflict, "概算");
  CHECK(BudgetLinesByProject(*db, p.id).at(0).amount == Money::FromWan(11));

  Allocation a;
  a.projectId = p.id, a.sourceId = s.id, a.date = D(2025, 1, 1), a.amount = Money::FromWan(5);
  InsertAllocation(*db, a);
  Allocation a2 = a;
  UpdateAllocation(*db, a);
  CHECK_REFUSED(UpdateAllocation(*db, a2), ErrorCode::Conflict, "资金下达");
  CHECK_REFUSED(DeleteAllocation(*db, a.id, 1), ErrorCode::Conflict, "资金下达");

  Contract c = SampleContract(p.id, "HT-02", ContractKind::Design);
  InsertContract(*db, c);
  Contract c2 = c;
  UpdateContract(*db, c);
  CHECK_REFUSED(UpdateContract(*db, c2), ErrorCode::Conflict, "合同“HT-02”");

  ProgressEntry e;
  e.projectId = p.id, e.month = YearMonth(2025, 6), e.percent = Percent::FromTenths(100);
  SaveProgress(*db, e);
  ProgressEntry e2 = e;
  SaveProgress(*db, e);
  CHECK_REFUSED(SaveProgress(*db, e2), ErrorCode::Conflict, "进度 2025-06");
}

TEST_CASE("foreign keys are enforced: rows must point at existing projects and sources") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  BudgetLine b;
  b.projectId = 424242, b.amount = Money::FromWan(1);
  CHECK_REFUSED(Undone(*db, [&] { SaveBudgetLine(*db, b); }), ErrorCode::Refused, "引用的数据不存在");
  Project p = SampleProject();
  InsertProject(*db, p);
  Allocation a;
  a.projectId = p.id, a.sourceId = 4242, a.date = D(2025, 1, 1), a.amount = Money::FromWan(1);
  CHECK_REFUSED(Undone(*db, [&] { InsertAllocation(*db, a); }), ErrorCode::Refused, "资金下达");
  CHECK(LoadPortfolio(*db).allocations.empty());
}

// ---- transactions ----------------------------------------------------------------

TEST_CASE("a write transaction rolls back unless committed") {
  TempDir t;
  auto db = NewDb(t);
  {
    WriteTransaction tx(*db);
    Project p = SampleProject();
    InsertProject(*db, p);
    CHECK(FindProjectByCode(*db, "LX2025-01").has_value());  // visible inside
  }
  CHECK_FALSE(FindProjectByCode(*db, "LX2025-01").has_value());
  CHECK_FALSE(db->InTransaction());

  // An error half-way through one user action leaves nothing of it behind.
  auto e = test::Refusal([&] {
    WriteTransaction tx(*db);
    Project a = SampleProject("A-1"), dup = SampleProject("A-1");
    InsertProject(*db, a);
    InsertProject(*db, dup);
    tx.Commit();
  });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::Duplicate);
  CHECK(ProjectSummaries(*db).empty());

  {
    WriteTransaction tx(*db);
    Project p = SampleProject();
    InsertProject(*db, p);
    tx.Commit();
    tx.Commit();  // a second commit is harmless
  }
  CHECK(FindProjectByCode(*db, "LX2025-01").has_value());
  auto reopened = Database::Open(test::Db(t.Path()), OpenMode::MustExist);
  CHECK(FindProjectByCode(*reopened, "LX2025-01").has_value());  // on disk, not just in memory
}

TEST_CASE("nested transactions are savepoints: each rolls back only its own part") {
  TempDir t;
  auto db = NewDb(t);
  {
    WriteTransaction outer(*db);
    Project a = SampleProject("A");
    InsertProject(*db, a);
    {
      WriteTransaction cancelled(*db);  // a dialog the user cancels
      Project b = SampleProject("B");
      InsertProject(*db, b);
      {
        WriteTransaction innermost(*db);
        Project b2 = SampleProject("B2");
        InsertProject(*db, b2);
        innermost.Commit();  // released into `cancelled`, so it goes with it
      }
      CHECK(FindProjectByCode(*db, "B2").has_value());
    }
    CHECK_FALSE(FindProjectByCode(*db, "B").has_value());
    CHECK_FALSE(FindProjectByCode(*db, "B2").has_value());
    CHECK(FindProjectByCode(*db, "A").has_value());
    {
      WriteTransaction kept(*db);
      Project c = SampleProject("C");
      InsertProject(*db, c);
      kept.Commit();
    }
    CHECK(db->InTransaction());
    outer.Commit();
  }
  CHECK_FALSE(db->InTransaction());
  std::vector<std::string> codes;
  for (const auto& s : ProjectSummaries(*db)) codes.push_back(s.project.code);
  CHECK(codes == std::vector<std::string>{"A", "C"});

  {
    WriteTransaction outer(*db);
    {
      WriteTransaction inner(*db);
      Project d = SampleProject("D");
      InsertProject(*db, d);
      inner.Commit();
    }
  }  // the outer one is not committed: the committed savepoint goes too
  CHECK_FALSE(FindProjectByCode(*db, "D").has_value());
  CHECK(ProjectSummaries(*db).size() == 2);
}

TEST_CASE("a second writer waits for the write lock, then gives up with a clear message "
          "while readers go on") {
  TempDir t;
  auto first = NewDb(t);
  auto second = Database::Open(test::Db(t.Path()), OpenMode::MustExist);
  WriteTransaction tx(*first);
  Project p = SampleProject();
  InsertProject(*first, p);
  CHECK(ProjectSummaries(*second).empty());  // WAL: reads the last committed state
  CHECK_REFUSED(WriteTransaction(*second), ErrorCode::Database, "正被其他人使用");
  CHECK_FALSE(second->InTransaction());
  tx.Commit();
  CHECK(ProjectSummaries(*second).size() == 1);
  WriteTransaction now(*second);  // the lock is free again
  now.Commit();
}

// ---- payments --------------------------------------------------------------------

namespace {
struct PaymentFixture {
  TempDir t;
  std::unique_ptr<Database> db = NewDb(t);
  Project p = SampleProject(), other = SampleProject("LX2025-02");
  FundingSource s = SampleSource("ZJ2025-01", "政策性贷款", Money::FromWan(30000), CategorySet::All());
  Contract c, otherContract;
  Payment pay;
  PaymentFixture() {
    WriteTransaction tx(*db);
    InsertProject(*db, p);
    InsertProject(*db, other);
    InsertSource(*db, s);
    c = SampleContract(p.id, "HT-LX01-SG", ContractKind::Works);
    otherContract = SampleContract(other.id, "HT-LX02-SG", ContractKind::Works);
    InsertContract(*db, c);
    InsertContract(*db, otherContract);
    pay = SamplePayment(p.id, c.id, s.id, Money::Parse("1,282.46912万元", MoneyUnit::Yuan),
                        "记-202503-0001");
    InsertPayment(*db, pay);
    tx.Commit();
  }
};
}  // namespace

TEST_CASE("the database itself refuses to update or delete a payment") {
  PaymentFixture f;
  const std::string file = f.t.Path(), id = std::to_string(f.pay.id);
  CHECK(test::Contains(OtherProgram(file, "UPDATE payments SET amount = amount + 1 WHERE id = " + id),
                       "已确认的拨付不能修改"));
  CHECK(test::Contains(OtherProgram(file, "UPDATE payments SET voucher = 'X' WHERE id = " + id),
                       "请用红字冲销更正"));
  CHECK(test::Contains(OtherProgram(file, "DELETE FROM payments WHERE id = " + id), "已确认的拨付不能删除"));
  CHECK(test::Contains(OtherProgram(file, "DELETE FROM payments"), "不能删除"));
  CheckSameList(PaymentsByProject(*f.db, f.p.id), {f.pay});
  CHECK(f.pay.amount.fen() == 1282469120);
}

// ---- database errors, classified by the engine's codes ---------------------------

TEST_CASE("a duplicate project code is Duplicate by SQLite's code, naming 项目编号 and no engine text") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject(), same = SampleProject();
  InsertProject(*db, p);
  auto e = test::Refusal([&] { Undone(*db, [&] { InsertProject(*db, same); }); });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::Duplicate);
  CHECK(e->detail() == "项目编号“LX2025-01”已存在");
  CHECK(same.id == 0);
  // A key no specific message knows: the general sentence, still without SQLite's text.
  auto again = RefusalOfStatement(*db, "INSERT INTO settings (key, value) VALUES ('county_name', 'X')",
                                  "保存设置 county_name");
  REQUIRE(again.has_value());
  CHECK(again->code() == ErrorCode::Duplicate);
  CHECK(test::Contains(again->detail(), "保存设置 county_name失败：与已有的数据重复"));
  CHECK(NoEngineText(again->detail()));
}

TEST_CASE("a payment UPDATE refused by the database's trigger is Refused with the trigger's Chinese "
          "sentence") {
  PaymentFixture f;
  WriteTransaction tx(*f.db);
  auto e = RefusalOfStatement(*f.db,
                              "UPDATE payments SET amount = amount + 1 WHERE id = " +
                                  std::to_string(f.pay.id),
                              "修改拨付 记-202503-0001");
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::Refused);
  CHECK(e->detail() == "修改拨付 记-202503-0001失败：已确认的拨付不能修改，请用红字冲销更正");
  CHECK(NoEngineText(e->detail()));
  auto del = RefusalOfStatement(*f.db, "DELETE FROM payments", "删除拨付");
  REQUIRE(del.has_value());
  CHECK(del->code() == ErrorCode::Refused);
  CHECK(del->detail() == "删除拨付失败：已确认的拨付不能删除，请用红字冲销更正");
  CheckSameList(PaymentsByProject(*f.db, f.p.id), {f.pay});
}

TEST_CASE("a foreign-key violation is Refused by SQLite's code, without the engine's text") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject();
  InsertProject(*db, p);
  Allocation a;
  a.projectId = p.id, a.sourceId = 4242, a.date = D(2025, 1, 1), a.amount = Money::FromWan(1);
  auto e = test::Refusal([&] { Undone(*db, [&] { InsertAllocation(*db, a); }); });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::Refused);
  CHECK(e->detail() == "保存资金下达失败：还有数据引用它，或它引用的数据不存在");
  CHECK(NoEngineText(e->detail()));
  // A source's one reference is its kind: named as such.
  FundingSource s = SampleSource("S-9", "不存在的类型", Money::FromWan(1), Works());
  CHECK_INVALID(Undone(*db, [&] { InsertSource(*db, s); }), "来源类型“不存在的类型”不存在");
  // A CHECK constraint is invalid input, also by its code.
  auto check = RefusalOfStatement(*db, "UPDATE projects SET floor_area_centi = -1", "保存项目");
  REQUIRE(check.has_value());
  CHECK(check->code() == ErrorCode::InvalidInput);
  CHECK(NoEngineText(check->detail()));
}

TEST_CASE("an engine message that reads like another error is classified by its code, not its text") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  // A trigger whose message mimics a UNIQUE failure (SQLite: temporary, on this connection
  // only; PostgreSQL: in this transaction, which is never committed).
  const std::string mimic =
      test::OnServer()
          ? "CREATE FUNCTION mimic() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
            "'duplicate key value violates unique constraint \"projects_code_key\"'; END $$; "
            "CREATE TRIGGER mimic BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION mimic()"
          : "CREATE TEMP TRIGGER mimic BEFORE INSERT ON projects BEGIN "
            "SELECT RAISE(ABORT, 'UNIQUE constraint failed: projects.code'); END";
  REQUIRE_NOTHROW(ExecScript(Sql(*db), mimic, "准备测试"));
  Project p = SampleProject();
  auto e = test::Refusal([&] { InsertProject(*db, p); });
  REQUIRE(e.has_value());
  CHECK(e->code() == ErrorCode::Refused);  // a trigger refused: not Duplicate
  CHECK_FALSE(test::Contains(e->detail(), "已存在"));
}

// Reversals and the contract of a payment are checked by core/validate.h through src/app:
// tests/test_app.cpp.

// ---- the demo county -------------------------------------------------------------

TEST_CASE("demo: project totals equal sums computed independently from the whole portfolio") {
  TempDir t;
  auto db = NewDb(t);
  LoadDemo(*db);
  auto summaries = ProjectSummaries(*db);
  Portfolio all = LoadPortfolio(*db);
  REQUIRE(summaries.size() == 19);
  REQUIRE(all.projects.size() == 19);

  std::map<Id, Money> budget, committed, received, paid;
  std::map<Id, ProgressEntry> latest;
  for (const auto& b : all.budgetLines) budget[b.projectId] += b.amount;
  for (const auto& a : all.allocations) committed[a.projectId] += a.amount;
  for (const auto& r : all.receipts) received[r.projectId] += r.amount;
  for (const auto& p : all.payments) paid[p.projectId] += p.amount;
  for (const auto& e : all.progress)
    if (!latest.count(e.projectId) || latest[e.projectId].month < e.month) latest[e.projectId] = e;

  Money lx13, largest;
  for (size_t i = 0; i < summaries.size(); ++i) {
    const ProjectSummary& s = summaries[i];
    CAPTURE(s.project.code);
    CheckSame(s.project, all.projects[i]);  // both by code
    CHECK(s.budget == budget[s.project.id]);
    CHECK(s.committed == committed[s.project.id]);
    CHECK(s.received == received[s.project.id]);
    CHECK(s.paid == paid[s.project.id]);
    if (latest.count(s.project.id)) {
      REQUIRE(s.percent.has_value());
      CHECK(*s.percent == latest[s.project.id].percent);
      CHECK(s.percentMonth == latest[s.project.id].month);
    } else {
      CHECK_FALSE(s.percent.has_value());
    }
    if (s.project.code.rfind("LX2025-", 0) == 0 && s.project.code.size() == 9 &&
        s.project.code.substr(7) >= "01" && s.project.code.substr(7) <= "13")
      lx13 += s.budget;
    largest = Max(largest, s.budget);
  }
  // "13 projects … 3.762亿 planned" (DOMAIN.md).
  CHECK(lx13 == Money::FromWan(37620));
  CHECK(lx13.FormatYuan() == "376,200,000.00");
  CHECK(largest.fen() > int64_t{1} << 31);  // totals beyond 32 bits come through whole
  CHECK(summaries[0].project.code == "LX2025-01");
  CHECK(summaries[0].project.name == "濂溪中学新建工程");
  CHECK(summaries[0].budget.FormatWan() == "9,800.00");

  Money totalCommitted;
  for (const auto& s : summaries) totalCommitted += s.committed;
  Money sumAllocations;
  for (const auto& a : all.allocations) sumAllocations += a.amount;
  CHECK(totalCommitted == sumAllocations);
  CHECK(all.sources.size() == 10);
  CHECK(all.FindFundKind("政策性贷款") != nullptr);
}

TEST_CASE("demo: the same demo county twice is refused; into a database with data of another county it is a county of its own") {
  TempDir t;
  auto db = NewDb(t);
  LoadDemo(*db);
  CHECK_FALSE(IsEmpty(*db));
  CHECK_REFUSED(LoadDemo(*db), ErrorCode::Refused, "已有芦溪县（360323）的数据，不能再装入一次它的演示数据");
  CHECK(ProjectSummaries(*db).size() == 19);

  auto other = NewDb(t, "one-source.db");
  {
    WriteTransaction tx(*other);
    FundingSource s = SampleSource("S1", "县级财政", Money::FromWan(1), CategorySet::All());
    InsertSource(*other, s);
    tx.Commit();
  }
  LoadDemo(*other);  // 芦溪县 beside the county the source belongs to
  CHECK(ProjectSummaries(*other).size() == 19);
  auto counties = Counties(*other);
  REQUIRE(counties.size() == 2);
  CHECK(counties[0].code == "000000");
  CHECK(counties[1].code == "360323");
  CHECK(FindSourceByCode(*other, "S1")->countyCode == "000000");
}

// ---- the hidden differences of the engines (issue 11): each checked on both ----------

TEST_CASE("engines agree: text sorts byte for byte — codes, Latin case and Chinese names in the same order") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  for (const char* code : {"lx2025-02", "LX2025-10", "LX2025-02", "芦溪-1", "Z-1", "a-1"}) {
    Project p = BareProject(code);
    InsertProject(*db, p);
  }
  std::vector<std::string> codes;
  for (const auto& s : ProjectSummaries(*db)) codes.push_back(s.project.code);
  // Byte order (SQLite's BINARY, PostgreSQL's "C"): upper case before lower, CJK after ASCII.
  CHECK(codes == std::vector<std::string>{"LX2025-02", "LX2025-10", "Z-1", "a-1", "lx2025-02", "芦溪-1"});
  CHECK(FindProjectByCode(*db, "lx2025-02")->code == "lx2025-02");  // equality is exact too
  CHECK_FALSE(FindProjectByCode(*db, "Lx2025-02").has_value());
}

TEST_CASE("engines agree: integer division truncates toward zero and sums of money stay integers") {
  TempDir t;
  auto db = NewDb(t);
  long long a = 0, b = 0, c = 0;
  Sql(*db) << "SELECT 7 / 2, -7 / 2, CAST(SUM(x) AS BIGINT) FROM (SELECT 900719925474099 AS x UNION ALL "
              "SELECT 900719925474099) AS two",
      soci::into(a), soci::into(b), soci::into(c);
  CHECK(a == 3);
  CHECK(b == -3);
  CHECK(c == 1801439850948198);  // PostgreSQL's SUM(bigint) is NUMERIC: cast back, never a double
}

TEST_CASE("engines agree: dates are ISO text, so ranges and order are text comparisons on both") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  Project p = SampleProject();
  InsertProject(*db, p);
  FundingSource s = SampleSource("S1", "县级财政", Money::FromWan(100), CategorySet::All());
  InsertSource(*db, s);
  for (auto [y, m, d] : {std::tuple{2025, 12, 31}, {2026, 1, 1}, {2026, 2, 28}, {2026, 10, 1}}) {
    Allocation a;
    a.projectId = p.id, a.sourceId = s.id, a.date = D(y, m, d), a.amount = Money::FromWan(1);
    InsertAllocation(*db, a);
  }
  long long n = 0;
  Sql(*db) << "SELECT COUNT(*) FROM allocations WHERE date >= '2026-01-01' AND date < '2026-03-01'", soci::into(n);
  CHECK(n == 2);
  std::string first;
  Sql(*db) << "SELECT MIN(date) FROM allocations", soci::into(first);
  CHECK(first == "2025-12-31");
  CHECK(FlowsOf(*db, p.id, s.id).firstAllocation == D(2025, 12, 31));
}

TEST_CASE("engines agree: a new row's id is the one stored, also when a trigger inserted elsewhere in between") {
  TempDir t;
  auto db = NewDb(t);
  WriteTransaction tx(*db);
  std::vector<Id> ids;
  for (const char* code : {"A", "B", "C"}) {
    Project p = BareProject(code);
    ids.push_back(InsertProject(*db, p));  // each insert also writes a history row
  }
  CHECK(ids[1] == ids[0] + 1);
  CHECK(ids[2] == ids[1] + 1);
  for (size_t i = 0; i < ids.size(); ++i) CHECK(ProjectById(*db, ids[i]).code == std::string(1, char('A' + i)));
}

TEST_CASE("engines agree: flags are 0 and 1 in both, and anything else is refused by the schema") {
  TempDir t;
  auto db = NewDb(t);
  auto steps = ProcedureTemplate(*db);
  REQUIRE(steps.size() == 14);
  CHECK(steps.front().requiredBeforeStart);
  CHECK_FALSE(steps.back().requiredBeforeStart);
  auto refused = RefusalOfStatement(*db, "UPDATE procedure_template SET required_before_start = 2", "修改手续模板");
  REQUIRE(refused.has_value());
  CHECK(refused->code() == ErrorCode::InvalidInput);
}

TEST_CASE("a file on a network share is opened with a rollback journal and says why" * doctest::test_suite("sqlite-file")) {
  TempDir t;
  const std::string path = t.Path();
  NewDb(t);
  CHECK(RawDb(path).Text("PRAGMA journal_mode") == "wal");
  setenv("SB_ASSUME_NETWORK_FS", "1", 1);
  auto db = Database::Open(path, OpenMode::MustExist);
  unsetenv("SB_ASSUME_NETWORK_FS");
  CHECK(test::Contains(db->NetworkNotice(), "网络共享文件夹"));
  CHECK(test::Contains(db->NetworkNotice(), "数据库服务器"));
  CHECK(RawDb(path).Text("PRAGMA journal_mode") == "delete");
  {
    WriteTransaction tx(*db);
    Project p = SampleProject();
    InsertProject(*db, p);
    tx.Commit();
  }
  CHECK_FALSE(fs::exists(path + "-wal"));
  CHECK(ProjectSummaries(*db).size() == 1);
  CHECK(Database::Open(path, OpenMode::MustExist)->NetworkNotice().empty());  // a local file again
}

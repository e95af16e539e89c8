// What only a server does (issue 11): migrate a county's file onto PostgreSQL, users in
// roles the server itself enforces. Runs against the test cluster only (ctest's
// "server (postgresql)" entry); without it every case fails, saying so.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/actions.h"
#include "app/audit.h"
#include "app/import.h"
#include "app/server.h"
#include "cli/cli.h"
#include "exchange/exchange.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "cli_run.h"
#include "test_db.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::test::Contains;
using sb::test::Refusal;

namespace {

void NeedServer() {
  REQUIRE_MESSAGE(test::OnServer(), "these cases run against the PostgreSQL test cluster: ctest sets SB_TEST_PG");
}

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The location of `location`'s database as another server user.
std::string As(const std::string& location, const std::string& user) {
  std::string out = location;
  auto at = out.find("user=");
  auto end = out.find(' ', at);
  return out.replace(at, (end == std::string::npos ? out.size() : end) - at, "user=" + user);
}

using Cli = test::CliResult;
inline Cli Run(std::vector<std::string> words) { return test::RunCli(std::move(words)); }

}  // namespace

TEST_CASE("server: migrate moves the demo county's file with every row and its history; verify passes and export is byte-identical") {
  NeedServer();
  test::TempDir t;
  const std::string file = t.Path("county.db");
  app::CreateDatabase(file, true);
  {
    // Some history of its own before the move: an edit and a reversal.
    auto db = storage::Database::Open(file, storage::OpenMode::MustExist);
    app::Session s(*db, {"张会计", app::Role::Admin});
    Project p = *storage::FindProjectByCode(*db, "LX2025-03");
    p.note = "迁移前的修改";
    app::SaveProject(s, p);
  }
  const std::string server = test::Db(t.Path("server"));
  Cli moved = Run({"migrate", "--from", file, "--to", server});
  INFO(moved.err);
  REQUIRE(moved.code == 0);
  CHECK(Contains(moved.out, "项目（projects）19 行"));
  CHECK(Contains(moved.out, "拨付（payments）103 行"));
  CHECK(Contains(moved.out, "核对通过"));
  // The same chain on both: same number of entries and the same head.
  app::VerifyResult there = app::Verify(*storage::Database::Open(server, storage::OpenMode::MustExist));
  app::VerifyResult here = app::Verify(*storage::Database::Open(file, storage::OpenMode::MustExist));
  CHECK(there.ok());
  CHECK(there.entries == here.entries);
  CHECK(there.head == here.head);
  CHECK(Run({"--db", server, "verify"}).code == 0);
  // export gives the same bytes from both.
  REQUIRE(Run({"--db", file, "export", t.Path("from_file")}).code == 0);
  REQUIRE(Run({"--db", server, "export", t.Path("from_server")}).code == 0);
  size_t compared = 0;
  for (const auto& e : fs::directory_iterator(t.Path("from_file"))) {
    const std::string name = e.path().filename().string();
    CHECK_MESSAGE(Bytes(e.path().string()) == Bytes(t.Path("from_server/" + name)), name);
    ++compared;
  }
  CHECK(compared >= 10);
  // The history says who made the edit before the move, and new edits go on the chain.
  auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
  app::Session s(*db);
  auto lines = app::History(s, {.table = "projects"});
  REQUIRE(!lines.empty());
  CHECK(lines.back().entry.who == "张会计");
  Project p = *storage::FindProjectByCode(*db, "LX2025-04");
  p.note = "迁移后的修改";
  app::SaveProject(s, p);
  CHECK(app::Verify(*db).ok());
  CHECK(storage::FindProjectByCode(*db, "LX2025-04")->id == storage::FindProjectByCode(
                                                                 *storage::Database::Open(file, storage::OpenMode::MustExist),
                                                                 "LX2025-04")->id);
}

TEST_CASE("server: migrate refuses a database that already holds a county, and changes nothing there") {
  NeedServer();
  test::TempDir t;
  const std::string file = t.Path("county.db");
  app::CreateDatabase(file, true);
  const std::string server = test::Db(t.Path("server"));
  app::CreateDatabase(server, true);
  size_t before = app::Verify(*storage::Database::Open(server, storage::OpenMode::MustExist)).entries;
  auto e = Refusal([&] { app::Migrate(file, server); });
  REQUIRE(e.has_value());
  CHECK(Contains(e->detail(), "已有项目或资金来源"));
  CHECK(app::Verify(*storage::Database::Open(server, storage::OpenMode::MustExist)).entries == before);
}

TEST_CASE("server: roles are the server's — a reader's write and an infra clerk's payment are refused by the server itself") {
  NeedServer();
  test::TempDir t;
  const std::string server = test::Db(t.Path("server"));
  app::CreateDatabase(server, true);
  {
    auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
    app::Session admin(*db);
    CHECK(admin.actor().role == app::Role::Admin);  // the owner
    // Roles are the cluster's: a name per case keeps cases apart.
    app::AddUser(admin, "lingdao_" + std::to_string(::getpid()), app::Role::Reader, "pw-1");
    app::AddUser(admin, "jijian_" + std::to_string(::getpid()), app::Role::Infra, "");
    CHECK_REFUSED(app::AddUser(admin, "jijian_" + std::to_string(::getpid()), app::Role::Infra, ""),
                  ErrorCode::Duplicate, "已有用户");
    auto users = app::Users(admin);
    bool listed = false;
    for (const auto& u : users) listed = listed || (u.name == "lingdao_" + std::to_string(::getpid()) &&
                                                    u.roles == std::vector<std::string>{"sb_reader"} && u.canLogin);
    CHECK(listed);
  }
  const std::string reader = As(server, "lingdao_" + std::to_string(::getpid()));
  const std::string infra = As(server, "jijian_" + std::to_string(::getpid()));

  // The reader sees everything and the window is read-only…
  auto rdb = storage::Database::Open(reader, storage::OpenMode::MustExist);
  app::Session r(*rdb);
  CHECK(r.actor().role == app::Role::Reader);
  CHECK(r.analysis().portfolio.projects.size() == 19);
  CHECK(Contains(rdb->ReadOnlyReason(), "sb_reader"));
  // …and with psql, bypassing the program, the server refuses the write.
  CHECK(Contains(test::ServerExec(reader, "UPDATE projects SET note = 'x'"), "permission denied"));
  CHECK(Contains(test::ServerExec(reader, "INSERT INTO history (at, who, action, tbl, row_key, op) "
                                          "VALUES ('2026-01-01T00:00:00', 'x', 'x', 'projects', '1', 'insert')"),
                 "permission denied"));

  // An infra clerk edits projects, but the server refuses them a payment even when the
  // program's own check is bypassed (storage called directly).
  auto idb = storage::Database::Open(infra, storage::OpenMode::MustExist);
  app::Session i(*idb);
  CHECK(i.actor().role == app::Role::Infra);
  Project p = *storage::FindProjectByCode(*idb, "LX2025-03");
  p.note = "基建股的修改";
  app::SaveProject(i, p);
  CHECK(storage::FindProjectByCode(*idb, "LX2025-03")->note == "基建股的修改");
  auto history = app::History(i, {.table = "projects"});
  CHECK(history.back().entry.who == "jijian_" + std::to_string(::getpid()));
  Payment pay;
  pay.projectId = p.id;
  pay.sourceId = storage::FindSourceByCode(*idb, "ZJ2025-01")->id;
  pay.category = CostCategory::Construction;
  pay.kind = PaymentKind::Progress;
  pay.date = Date(2026, 11, 2);
  pay.amount = Money::FromWan(1);
  pay.voucher = "记-202611-8001";
  CHECK_REFUSED(app::RecordPayment(i, pay), ErrorCode::Refused, "只有计财股");  // the program says so first
  auto server_says = Refusal([&] {
    storage::WriteTransaction tx(*idb);
    storage::InsertPayment(*idb, pay);
    tx.Commit();
  });
  REQUIRE(server_says.has_value());
  CHECK(server_says->code() == ErrorCode::Refused);
  CHECK(Contains(server_says->detail(), "数据库服务器拒绝"));
  CHECK(Contains(server_says->detail(), "计财股 sb_finance"));
  CHECK(storage::PaymentsByProject(*idb, p.id).size() == storage::PaymentsByProject(*rdb, p.id).size());
}

TEST_CASE("server: init builds an empty server database once; a database of another program is refused untouched") {
  NeedServer();
  test::TempDir t;
  const std::string server = test::Db(t.Path("server"));
  CHECK_REFUSED(storage::Database::Open(server, storage::OpenMode::MustExist), ErrorCode::FileMissing, "init");
  Cli init = Run({"--db", server, "init"});
  CHECK(init.code == 0);
  CHECK(Contains(init.out, "结构版本"));
  CHECK(Run({"--db", server, "init"}).code == 1);  // once only
  CHECK(storage::Database::Open(server, storage::OpenMode::MustExist)->SchemaVersion() ==
        storage::Database::LatestSchemaVersion());
  const std::string foreign = test::Db(t.Path("foreign"));
  REQUIRE(test::ServerExec(foreign, "CREATE TABLE invoices (id BIGINT PRIMARY KEY)") == "");
  CHECK_REFUSED(storage::Database::Open(foreign, storage::OpenMode::Create), ErrorCode::Database, "不是校建通的数据库");
  CHECK(test::ServerExec(foreign, "SELECT 1 FROM invoices") == "");
  CHECK(Contains(test::ServerExec(foreign, "SELECT 1 FROM projects"), "does not exist"));
}

TEST_CASE("server: a database of schema 16 with payments gets their sums when the program upgrades it; verify passes") {
  NeedServer();
  test::TempDir t;
  const std::string server = test::Db(t.Path("upgrade17"));
  app::CreateDatabase(server, true);  // 芦溪's demo, 300-odd payments
  // What a server database of version 16 was: no sums, no trigger.
  REQUIRE(test::ServerExec(server, "DROP TRIGGER payment_groups_add ON payments; DROP FUNCTION sb_add_payment_groups(); "
                                   "DROP TABLE payment_groups; "
                                   "UPDATE schema_version SET version = 16") == "");
  auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
  CHECK(db->SchemaVersion() == storage::Database::LatestSchemaVersion());
  CHECK(storage::PaymentGroupsDisagreeing(*db).empty());
  long long counted = 0;
  for (const auto& g : storage::PaymentGroups(*db)) counted += g.count;
  CHECK(std::to_string(counted) == test::ServerValue(server, "SELECT COUNT(*) FROM payments"));
  CHECK(counted > 100);
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

TEST_CASE("server: backup copies the server's database into a file that verifies, and migrate brings it back whole") {
  NeedServer();
  test::TempDir t;
  const std::string server = test::Db(t.Path("server"));
  app::CreateDatabase(server, true);
  auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
  app::Session s(*db);
  Project p = *storage::FindProjectByCode(*db, "LX2025-05");
  p.note = "备份前的修改";
  app::SaveProject(s, p);
  const std::string file = app::Backup(s, t.Path("backup.db"));
  CHECK(file == t.Path("backup.db"));
  app::BackupInfo info = app::InspectBackup(file);
  CHECK(info.opens);
  CHECK(info.verified);
  CHECK(info.projects == 19);
  CHECK(app::Verify(*storage::Database::Open(file, storage::OpenMode::MustExist)).head == app::Verify(*db).head);
  CHECK(storage::FindProjectByCode(*storage::Database::Open(file, storage::OpenMode::MustExist), "LX2025-05")->note ==
        "备份前的修改");
  // The file works as a county's own: a change goes on its chain.
  {
    auto f = storage::Database::Open(file, storage::OpenMode::MustExist);
    app::Session fs_(*f);
    Project q = *storage::FindProjectByCode(*f, "LX2025-06");
    q.note = "单机上的修改";
    app::SaveProject(fs_, q);
    CHECK(app::Verify(*f).ok());
  }
  // Restoring onto a server: into a new database with migrate, never over the one in use.
  CHECK_REFUSED(app::RestoreBackup(server, file), ErrorCode::Refused, "migrate");
  const std::string fresh = test::Db(t.Path("fresh"));
  app::MigrateResult back = app::Migrate(file, fresh);
  CHECK(back.verify.ok());
  CHECK(storage::FindProjectByCode(*storage::Database::Open(fresh, storage::OpenMode::MustExist), "LX2025-06")->note ==
        "单机上的修改");
  // And a county leaving the server takes its file with it.
  CHECK(app::Migrate(server, t.Path("leaving.db")).verify.ok());
  CHECK_REFUSED(app::Migrate(server, t.Path("leaving.db")), ErrorCode::Refused, "已存在");
}

TEST_CASE("server: a county clerk reads and changes only their county, the server refuses the rest naming it; the city reads both; verify passes") {
  NeedServer();
  test::TempDir t;
  const std::string server = test::Db(t.Path("counties"));
  app::CreateDatabase(server, true);  // 芦溪县 360323
  const std::string pid = std::to_string(::getpid());
  const std::string clerk = "jianshi_" + pid, city = "shiji_" + pid;
  Id luxiProject = 0;
  {
    auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
    app::Session admin(*db);
    app::LoadDemo(admin, "建始");  // a second county, 422822
    app::AddUser(admin, clerk, app::Role::Infra, "", "422822");
    app::AddUser(admin, city, app::Role::Reader, "");
    CHECK_REFUSED(app::AddUser(admin, "nowhere_" + pid, app::Role::Infra, "", "999999"), ErrorCode::InvalidInput,
                  "没有行政区划代码为 999999 的县（区）");
    luxiProject = storage::FindProjectByCode(*db, "LX2025-03")->id;
  }
  Cli list = Run({"--db", server, "user", "list"});
  REQUIRE(list.code == 0);
  CHECK(Contains(list.out, clerk + "  sb_infra  只限 422822 建始县"));
  CHECK(Contains(list.out, city + "  sb_reader  全部县（区）"));

  // The clerk of 建始 sees 建始's 32 projects, its sources and their rows, nothing of 芦溪.
  auto cdb = storage::Database::Open(As(server, clerk), storage::OpenMode::MustExist);
  app::Session c(*cdb);
  CHECK(storage::UserCounty(*cdb) == "422822");
  const Portfolio& seen = c.analysis().portfolio;
  CHECK(seen.projects.size() == 32);
  CHECK(seen.sources.size() == 9);
  for (const auto& p : seen.projects) CHECK(p.countyCode == "422822");
  for (const auto& pay : seen.payments) CHECK(seen.FindProject(pay.projectId) != nullptr);
  // The payments' kept sums, too: 建始's only.
  const auto clerkGroups = storage::PaymentGroups(*cdb);
  CHECK(!clerkGroups.empty());
  for (const auto& g : clerkGroups) CHECK(seen.FindProject(g.projectId) != nullptr);
  CHECK(!storage::FindProjectByCode(*cdb, "LX2025-03"));
  CHECK(storage::PaymentsByProject(*cdb, luxiProject).empty());
  for (const auto& e : app::History(c, {.projectId = luxiProject})) CHECK(e.entry.projectId != luxiProject);
  for (const auto& e : app::History(c, {.table = "funding_sources"}))
    CHECK(Contains(e.entry.newValues.value_or(*e.entry.oldValues), "422822"));

  // Their own county: saved, in the history under their name.
  Project js = *storage::FindProjectByCode(*cdb, "JS2019-01");
  js.note = "建始县基建股核实";
  app::SaveProject(c, js);
  CHECK(storage::FindProjectByCode(*cdb, "JS2019-01")->note == "建始县基建股核实");

  // Another county's project: refused by the server, saying which county is theirs — through
  // storage past the program's checks, and with psql.
  ProgressEntry e;
  e.projectId = luxiProject;
  e.month = YearMonth(2026, 10);
  e.percent = Percent::FromTenths(500);
  e.invested = Money::FromWan(100);
  auto refused = Refusal([&] {
    storage::WriteTransaction tx(*cdb);
    storage::SaveProgress(*cdb, e);
    tx.Commit();
  });
  REQUIRE(refused);
  CHECK(Contains(refused->detail(), "只能修改本县（422822 建始县）的数据"));
  CHECK(Contains(refused->detail(), "360323 芦溪县"));
  Project moved = js;
  moved.countyCode = "360323";
  CHECK_REFUSED(app::SaveProject(c, moved), ErrorCode::Refused, "只能修改本县（422822 建始县）的数据");
  CHECK(Contains(test::ServerExec(As(server, clerk), "INSERT INTO progress_entries (project_id, month, percent_tenths, "
                                                     "invested) VALUES (" + std::to_string(luxiProject) +
                                                     ", '2026-10', 500, 1000000)"),
                 "只能修改本县（422822 建始县）的数据"));
  CHECK(test::ServerExec(As(server, clerk), "UPDATE projects SET note = '改了' WHERE code = 'LX2025-03'") == "");
  // The program's own save of a 芦溪 project read elsewhere: not there for them, and why.
  {
    auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
    Project lx = *storage::FindProjectByCode(*db, "LX2025-03");
    CHECK(lx.note != "改了");  // the psql UPDATE found no row of theirs
    lx.note = "越权";
    CHECK_REFUSED(app::SaveProject(c, lx), ErrorCode::Refused, "不属于本县（区）422822");
  }

  // A project of their own made and deleted again, with its budget and a progress entry: the
  // deletes' entries name a project that is gone, which row security then hides from the
  // clerk; they are sealed all the same, and the clerk's next save chains after them.
  {
    Project extra;
    extra.code = "JS2026-99";
    extra.name = "建始县临时项目";
    extra.school = "某小学";
    extra.township = "业州镇";
    extra.countyCode = "422822";
    app::SaveProject(c, extra);
    std::array<Money, kCostCategoryCount> budget{};
    budget[static_cast<size_t>(CostCategory::Construction)] = Money::FromWan(120);
    std::array<std::optional<BudgetLine>, kCostCategoryCount> lines{};
    app::SaveBudget(c, extra.id, budget, lines);
    ProgressEntry pe;
    pe.projectId = extra.id;
    pe.month = YearMonth(2026, 10);
    pe.percent = Percent::FromTenths(100);
    pe.invested = Money::FromWan(10);
    app::SaveProgress(c, pe);
    app::DeleteProject(c, extra.id, storage::FindProjectByCode(*cdb, "JS2026-99")->rowVersion);
    CHECK(!storage::FindProjectByCode(*cdb, "JS2026-99"));
    Project again = *storage::FindProjectByCode(*cdb, "JS2019-01");
    again.note = "删除临时项目之后";
    app::SaveProject(c, again);
    CHECK(test::ServerValue(server, "SELECT COUNT(*) FROM history WHERE hash IS NULL") == "0");
  }

  // 建始's finance clerk records a payment: the sums (which they have no right to write) are
  // added to by the server as the owner, in the same transaction.
  {
    const std::string finance = "jianshi_cw_" + pid;
    {
      auto db = storage::Database::Open(server, storage::OpenMode::MustExist);
      app::Session admin(*db);
      app::AddUser(admin, finance, app::Role::Finance, "", "422822");
    }
    auto fdb = storage::Database::Open(As(server, finance), storage::OpenMode::MustExist);
    app::Session f(*fdb);
    f.SetToday(Date(2026, 11, 30));
    const Project project = *storage::FindProjectByCode(*fdb, "JS2019-01");
    const FundingSource& source = f.analysis().portfolio.sources.front();
    Payment pay;
    pay.projectId = project.id;
    pay.sourceId = source.id;
    pay.category = CostCategory::Other;
    pay.kind = PaymentKind::Other;
    pay.date = Date(2026, 11, 27);
    pay.amount = Money::FromFen(123456);
    pay.voucher = "记-202611-4228";
    pay.payee = "建始县某检测中心";
    app::RecordPayment(f, pay);
    int found = 0;
    for (const auto& g : storage::PaymentGroups(*fdb))
      if (g.projectId == project.id && g.payee == pay.payee) {
        ++found;
        CHECK(g.amount == Money::FromFen(123456));
        CHECK(g.count == 1);
        CHECK(g.first == Date(2026, 11, 27));
        CHECK(!g.contractId);
      }
    CHECK(found == 1);
    CHECK(Contains(test::ServerExec(As(server, finance), "UPDATE payment_groups SET amount = 0"), "permission denied"));
    // Nor through the owner's trigger functions, from a trigger of a table of their own.
    for (const char* function : {"sb_add_payment_groups", "sb_record_history", "sb_record_inserted"}) {
      CAPTURE(function);
      CHECK(Contains(test::ServerExec(As(server, finance),
                                      std::string("CREATE TEMP TABLE forged (id BIGINT); CREATE TRIGGER forge AFTER INSERT ON "
                                                  "forged REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE "
                                                  "FUNCTION public.") + function + "()"),
                     "permission denied for function"));
    }
  }

  // The city reads both counties.
  auto rdb = storage::Database::Open(As(server, city), storage::OpenMode::MustExist);
  app::Session r(*rdb);
  CHECK(storage::UserCounty(*rdb).empty());
  CHECK(r.analysis().portfolio.projects.size() == 51);
  CHECK(!app::History(r, {.projectId = luxiProject}).empty());

  // The chain is whole for the admin after the clerk's writes (sealed through the owner's
  // functions, past the rows hidden from the clerk).
  auto adb = storage::Database::Open(server, storage::OpenMode::MustExist);
  app::VerifyResult v = app::Verify(*adb);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  CHECK(storage::FindProjectByCode(*adb, "JS2019-01")->note == "删除临时项目之后");
}

TEST_CASE("server: an import's entries, written a statement at a time, are the row trigger's own, byte for byte, in every table") {
  NeedServer();
  test::TempDir t;
  const std::string file = t.Path("county.db");
  app::CreateDatabase(file, true);
  exchange::Export(*storage::Database::Open(file, storage::OpenMode::MustExist), t.Path("export"));
  // Two empty databases. In "both" the row trigger of before schema 15 records every
  // inserted row as well: each row then has the row trigger's entry and the statement's.
  const std::string stmt = test::Db(t.Path("stmt")), both = test::Db(t.Path("both"));
  for (const auto& location : {stmt, both}) storage::Database::Open(location, storage::OpenMode::Create);
  const char* const tables[][2] = {{"projects", "id"},          {"budget_lines", "project_id"},
                                   {"funding_sources", ""},     {"allocations", "project_id"},
                                   {"receipts", "project_id"},  {"procedure_steps", "project_id"},
                                   {"progress_entries", "project_id"}, {"contracts", "project_id"},
                                   {"payments", "project_id"}};
  std::string rowTriggers, rowCount = "SELECT 0", inImport = "(";
  for (const auto& [table, project] : tables) {
    rowTriggers += std::string("CREATE TRIGGER row_insert AFTER INSERT ON ") + table +
                   " FOR EACH ROW EXECUTE FUNCTION sb_record_history('id', '" + project + "');";
    rowCount += std::string(" + (SELECT COUNT(*) FROM ") + table + ")";
    inImport += std::string(inImport.size() > 1 ? ", '" : "'") + table + "'";
  }
  inImport += ")";
  REQUIRE(test::ServerExec(both, rowTriggers) == "");
  for (const auto& location : {stmt, both}) {
    auto db = storage::Database::Open(location, storage::OpenMode::MustExist);
    app::Session s(*db, {"张会计", app::Role::Admin});
    auto out = app::Import(s, {t.Path("export")});
    REQUIRE_MESSAGE(out.result.committed, (out.result.problems.empty() ? "" : out.result.problems.front().ToString()));
  }
  app::VerifyResult v = app::Verify(*storage::Database::Open(stmt, storage::OpenMode::MustExist));
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  CHECK(v.outside == 0);
  const long long stored = std::stoll(test::ServerValue(stmt, rowCount));
  REQUIRE(stored > 300);
  const std::string inserts = "SELECT COUNT(*) FROM history WHERE op = 'insert' AND tbl IN " + inImport;
  // One entry per row of the nine tables, sealed, under the import's label and the user.
  CHECK(std::stoll(test::ServerValue(stmt, inserts)) == stored);
  CHECK(test::ServerValue(stmt, "SELECT COUNT(DISTINCT tbl) FROM history WHERE op = 'insert' AND tbl IN " +
                                    inImport) == "9");
  CHECK(test::ServerValue(stmt, "SELECT COUNT(*) FROM history WHERE hash IS NULL") == "0");
  CHECK(test::ServerValue(stmt, inserts + " AND (action NOT LIKE '导入 %' OR who <> 'postgres' OR outside <> 0)") ==
        "0");
  // Each row's two entries in "both": the same JSON, key, project, time, user and action.
  CHECK(std::stoll(test::ServerValue(both, inserts)) == 2 * stored);
  const std::string pairs =
      "SELECT COUNT(*) FROM history r JOIN history s ON s.tbl = r.tbl AND s.row_key = r.row_key "
      "AND s.op = 'insert' AND s.id > r.id WHERE r.op = 'insert' AND r.tbl IN " + inImport;
  CHECK(std::stoll(test::ServerValue(both, pairs)) == stored);
  CHECK(std::stoll(test::ServerValue(
            both, pairs + " AND s.new_values = r.new_values AND s.project_id IS NOT DISTINCT FROM r.project_id "
                          "AND s.at = r.at AND s.who = r.who AND s.action = r.action AND s.outside = r.outside "
                          "AND s.old_values IS NULL AND r.old_values IS NULL")) == stored);
  // The statement's entries keep the rows' order: ids ascend with the rows' own ids.
  CHECK(test::ServerValue(stmt, "SELECT COUNT(*) FROM history a JOIN history b ON b.tbl = a.tbl AND b.op = 'insert' "
                                "AND b.id > a.id AND CAST(b.row_key AS BIGINT) < CAST(a.row_key AS BIGINT) "
                                "WHERE a.op = 'insert' AND a.tbl IN " + inImport) == "0");
  // And the same JSON as the other database's, row by row.
  const std::string json = "SELECT md5(string_agg(new_values, '|' ORDER BY tbl, CAST(row_key AS BIGINT))) FROM history "
                           "WHERE op = 'insert' AND tbl IN " + inImport;
  CHECK(test::ServerValue(stmt, json) ==
        test::ServerValue(both, json + " AND id IN (SELECT MAX(id) FROM history WHERE op = 'insert' GROUP BY tbl, row_key)"));
  // A payment's entry comes after its contract's: an undo deletes newest first.
  CHECK(test::ServerValue(stmt, "SELECT COUNT(*) FROM history p JOIN payments x ON p.tbl = 'payments' AND "
                                "p.row_key = CAST(x.id AS TEXT) JOIN history c ON c.tbl = 'contracts' AND "
                                "c.row_key = CAST(x.contract_id AS TEXT) AND c.op = 'insert' "
                                "WHERE p.op = 'insert' AND p.id < c.id") == "0");
  // Updates still go through the row trigger, and verify still holds after one.
  {
    auto db = storage::Database::Open(stmt, storage::OpenMode::MustExist);
    app::Session s(*db, {"张会计", app::Role::Admin});
    Project p = *storage::FindProjectByCode(*db, "LX2025-03");
    p.note = "导入后的修改";
    app::SaveProject(s, p);
    CHECK(app::Verify(*db).ok());
  }
  CHECK(test::ServerValue(stmt, "SELECT COUNT(*) FROM history WHERE op = 'update' AND tbl = 'projects'") == "1");
}

// The history nobody can quietly rewrite (issue 10): changes made inside and outside the
// program are recorded, tampering is found by verify, a printout's check code is checked,
// and backups restore exactly.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "app/actions.h"
#include "app/audit.h"
#include "app/import.h"
#include "app/report_service.h"
#include "core/ledger.h"
#include "cli/cli.h"
#include "raw_sqlite.h"
#include "storage/history_repository.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "cli_run.h"
#include "test_db.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::test::Contains;
using sb::test::RawDb;
using sb::test::Refusal;

namespace {

struct Dir {
  fs::path path;
  explicit Dir(const std::string& name) {
    path = fs::temp_directory_path() / ("sb_audit_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~Dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

// A demo county in `dir` (on PostgreSQL: a database of its own), closed again (every
// change checkpointed into the file).
std::string DemoFile(const Dir& dir) {
  std::string p = test::Db(dir / "county.db");
  auto db = storage::Database::Open(p, storage::OpenMode::Create);
  app::Session s(*db, {"张会计", app::Role::Admin});
  app::LoadDemo(s);
  return p;
}

using Cli = test::CliResult;

// What an older SchoolBuild left: its migration files (under db/) run in order, as another
// program would, before the case adds its rows and the version.
// The files that made a database of schema 8, in the order SchoolBuild ran them.
const std::vector<const char*> kSchema8 = {
    "sqlite/0001_schema.sql",      "sqlite/0002_payment_guards.sql", "sqlite/0003_month_closings.sql",
    "sqlite/0004_rule_settings.sql", "sqlite/0005_application_id.sql", "sqlite/0006_history.sql",
    "sqlite/0007_integer_money.sql", "sqlite/0008_annual_plans.sql"};

void RunMigrationFiles(RawDb& raw, std::vector<const char*> files) {
  for (const char* m : files) {
    std::ifstream in(std::string(SB_DB_DIR) + "/" + m, std::ios::binary);
    REQUIRE_MESSAGE(in, m);
    std::stringstream text;
    text << in.rdbuf();
    REQUIRE(raw.Exec(text.str()) == "");
  }
}
inline Cli Run(std::vector<std::string> words) { return test::RunCli(std::move(words)); }

std::string Bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Money Wan(const char* text) { return Money::Parse(text, MoneyUnit::Wan); }

// What another program (the sqlite3 shell, psql) gets running `sql` on the database at
// `location` (a DemoFile): "" or the engine's message.
std::string Shell(const std::string& location, const std::string& sql) {
  if (test::OnServer()) return test::ServerExec(location, sql);
  return RawDb(location).Exec(sql);
}

// A land payment of LX2025-01 from the county fund, recorded through the app layer.
void RecordLandPayment(const std::string& path, Date date, Money amount, const std::string& voucher) {
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  app::Session s(*db);
  s.SetToday(Date(2026, 11, 30));
  Payment p;
  p.projectId = storage::FindProjectByCode(*db, "LX2025-01")->id;
  p.sourceId = storage::FindSourceByCode(*db, "ZJ2025-07")->id;
  p.category = CostCategory::Land;
  p.kind = PaymentKind::LandCompensation;
  p.date = date;
  p.amount = amount;
  p.voucher = voucher;
  app::RecordPayment(s, p);
}

}  // namespace

TEST_CASE("history: an UPDATE and a DELETE made with the sqlite3 shell (or psql) appear in the history, marked outside the program") {
  Dir dir("shell");
  std::string path = DemoFile(dir);
  REQUIRE(Shell(path, "UPDATE allocations SET amount = amount + 1 WHERE id = 1;"
                     "DELETE FROM receipts WHERE id = 2;") == "");
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);  // seals them
  app::Session s(*db);
  auto changed = app::History(s, {.table = "allocations"});
  REQUIRE(!changed.empty());
  const auto& update = changed.back();
  CHECK(update.entry.op == "update");
  CHECK(update.entry.outside);
  // SQLite cannot tell who; the server records its user, which a client cannot pretend.
  CHECK(update.entry.who == (test::OnServer() ? "postgres" : "（程序外）"));
  CHECK(update.entry.hash.has_value());
  CHECK(Contains(update.text, "修改资金下达"));
  CHECK(Contains(update.text, "金额 8,500.00万元→8,500.000001万元"));
  CHECK(Contains(update.text, "（程序外修改）"));
  auto removed = app::History(s, {.table = "receipts"});
  REQUIRE(!removed.empty());
  CHECK(removed.back().entry.op == "delete");
  CHECK(removed.back().entry.outside);
  // Recorded and sealed: the record is whole, and says how many changes came from outside.
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  CHECK(v.outside == 2);
}

TEST_CASE("an import of a whole county is in the history row by row, sealed, and verifies (the server's in batches)") {
  Dir dir("import");
  std::string demoPath = DemoFile(dir);
  auto demo = storage::Database::Open(demoPath, storage::OpenMode::MustExist);
  exchange::Export(*demo, dir / "export");
  Portfolio source = storage::LoadPortfolio(*demo);
  REQUIRE(source.payments.size() > 50);

  auto db = storage::Database::Open(test::Db(dir / "empty.db"), storage::OpenMode::Create);
  app::Session s(*db, {"张会计", app::Role::Admin});
  auto out = app::Import(s, {dir / "export"});
  REQUIRE_MESSAGE(out.result.committed, (out.result.problems.empty() ? "" : out.result.problems.front().ToString()));
  Portfolio imported = storage::LoadPortfolio(*db);
  CHECK(imported.payments.size() == source.payments.size());
  CHECK(imported.contracts.size() == source.contracts.size());
  // Every imported payment has its insert in the history, under the import's label.
  auto entries = app::History(s, {.table = "payments"});
  size_t inserts = 0;
  for (const auto& e : entries) {
    inserts += e.entry.op == "insert";
    CHECK(Contains(e.entry.action, "导入 "));
  }
  CHECK(inserts == imported.payments.size());
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  CHECK(v.outside == 0);
  CHECK(v.entries >= imported.payments.size() + imported.projects.size());
  // Read back a few entries per statement (the server's way with a million): the same entries.
  std::vector<Id> whole, chunked;
  storage::ForEachHistoryEntry(*db, {}, [&](const HistoryEntry& e) { whole.push_back(e.id); });
  storage::ForEachHistoryEntry(*db, {.chunk = 7}, [&](const HistoryEntry& e) { chunked.push_back(e.id); });
  CHECK(whole.size() == v.entries);
  CHECK(chunked == whole);
  std::vector<Id> payments, fewAtATime;
  const Id middle = whole[whole.size() / 2];
  storage::ForEachHistoryEntry(*db, {.table = "payments", .afterId = middle},
                               [&](const HistoryEntry& e) { payments.push_back(e.id); });
  storage::ForEachHistoryEntry(*db, {.table = "payments", .afterId = middle, .chunk = 5},
                               [&](const HistoryEntry& e) { fewAtATime.push_back(e.id); });
  CHECK(payments.size() > 10);
  CHECK(fewAtATime == payments);
  CHECK(payments.front() > middle);
  CHECK(std::is_sorted(payments.begin(), payments.end()));
}

namespace {
const char* const kImportTables =
    "('projects', 'budget_lines', 'funding_sources', 'allocations', 'receipts', 'procedure_steps', "
    "'progress_entries', 'contracts', 'payments')";
}  // namespace

TEST_CASE("an import's entries written a batch at a time are the triggers' own, byte for byte, in every table" *
          doctest::test_suite("sqlite-file")) {
  Dir dir("deferred");
  std::string demoPath = DemoFile(dir);
  {
    auto demo = storage::Database::Open(demoPath, storage::OpenMode::MustExist);
    exchange::Export(*demo, dir / "export");
  }
  // Two empty files. In "both" the importer's switch is made to do nothing (a trigger
  // ignores its row), so the triggers record every row as before — and the importer
  // writes its own entries beside theirs: each row then has two insert entries to compare.
  const std::string deferred = dir / "deferred.db", both = dir / "both.db";
  for (const auto& p : {deferred, both}) storage::Database::Open(p, storage::OpenMode::Create);
  REQUIRE(RawDb(both).Exec("CREATE TRIGGER ignore_switch BEFORE INSERT ON history_deferred "
                           "BEGIN SELECT RAISE(IGNORE); END;") == "");
  size_t rows = 0;
  for (const auto& p : {deferred, both}) {
    auto db = storage::Database::Open(p, storage::OpenMode::MustExist);
    app::Session s(*db, {"张会计", app::Role::Admin});
    auto out = app::Import(s, {dir / "export"});
    REQUIRE_MESSAGE(out.result.committed, (out.result.problems.empty() ? "" : out.result.problems.front().ToString()));
    if (p == deferred) {
      rows = out.undo.created.size();
      app::VerifyResult v = app::Verify(*db);
      CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
      CHECK(v.outside == 0);
    }
  }
  RawDb d(deferred), b(both);
  const std::string inImport = std::string(" tbl IN ") + kImportTables;
  const int64_t stored = d.Int(
      "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM budget_lines) + (SELECT COUNT(*) FROM "
      "funding_sources) + (SELECT COUNT(*) FROM allocations) + (SELECT COUNT(*) FROM receipts) + (SELECT COUNT(*) "
      "FROM procedure_steps) + (SELECT COUNT(*) FROM progress_entries) + (SELECT COUNT(*) FROM contracts) + "
      "(SELECT COUNT(*) FROM payments)");
  REQUIRE(stored > 300);
  // The import made one insert entry per row of the nine tables, sealed; the undo reads them.
  CHECK(d.Int("SELECT COUNT(*) FROM history WHERE op = 'insert' AND" + inImport) == stored);
  CHECK(d.Int("SELECT COUNT(DISTINCT tbl) FROM history WHERE op = 'insert' AND" + inImport) == 9);
  CHECK(d.Int("SELECT COUNT(*) FROM history WHERE hash IS NULL") == 0);
  CHECK(d.Int("SELECT COUNT(*) FROM history_deferred") == 0);
  CHECK(rows >= static_cast<size_t>(stored));
  // The trigger's entry and the importer's of each row: same JSON, project, key, actor,
  // action; the trigger's first.
  CHECK(b.Int("SELECT COUNT(*) FROM history WHERE op = 'insert' AND" + inImport) == 2 * stored);
  const std::string pairs =
      "SELECT COUNT(*) FROM history t JOIN history i ON i.tbl = t.tbl AND i.row_key = t.row_key AND i.op = 'insert' "
      "AND i.id > t.id WHERE t.op = 'insert' AND t." + inImport.substr(1);
  CHECK(b.Int(pairs) == stored);
  CHECK(b.Int(pairs + " AND i.new_values IS t.new_values AND i.project_id IS t.project_id AND i.who = t.who AND "
                      "i.action = t.action AND i.outside = t.outside AND i.old_values IS NULL AND t.old_values IS NULL "
                      "AND i.hash IS NOT NULL AND t.hash IS NOT NULL") == stored);
  // And the same JSON as in the file that deferred.
  CHECK(b.Int("SELECT COUNT(*) FROM history t WHERE t.op = 'insert' AND t." + inImport.substr(1)) == 2 * stored);
  CHECK(d.Text("SELECT group_concat(new_values, '|') FROM (SELECT new_values FROM history WHERE op = 'insert' AND" +
               inImport + " ORDER BY tbl, CAST(row_key AS INTEGER))") ==
        b.Text("SELECT group_concat(new_values, '|') FROM (SELECT new_values FROM history WHERE op = 'insert' AND" +
               inImport + " AND id IN (SELECT MAX(id) FROM history WHERE op = 'insert' GROUP BY tbl, row_key) "
               "ORDER BY tbl, CAST(row_key AS INTEGER))"));
  // A payment's entry comes after its contract's: an undo deletes newest first.
  CHECK(d.Int("SELECT COUNT(*) FROM history p JOIN payments x ON p.tbl = 'payments' AND p.row_key = CAST(x.id AS TEXT) "
              "JOIN history c ON c.tbl = 'contracts' AND c.row_key = CAST(x.contract_id AS TEXT) AND c.op = 'insert' "
              "WHERE p.op = 'insert' AND p.id < c.id") == 0);
}

TEST_CASE("a transaction whose import's entries are not yet written cannot commit" * doctest::test_suite("sqlite-file")) {
  Dir dir("armed");
  std::string path = DemoFile(dir);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  const Id before = storage::LastHistoryId(*db);
  auto InsertNewProject = [&] {
    Project p;
    p.code = "LX2099-01";
    p.name = "测试楼";
    p.school = "测试学校";
    p.township = "芦溪镇";
    p.countyCode = storage::FindProjectByCode(*db, "LX2025-01")->countyCode;
    storage::InsertProject(*db, p);
  };
  {
    storage::WriteTransaction tx(*db);
    storage::SetHistoryContext(*db, "张会计", "测试");
    storage::DeferredInsertHistory history(*db);
    history.Arm();
    REQUIRE(history.armed());
    InsertNewProject();
    CHECK(storage::LastHistoryId(*db) == before);  // the trigger stood aside
    CHECK_REFUSED(tx.Commit(), ErrorCode::Database, "尚未记入历史记录");
  }
  // Rolled back: the project is not there, nor any entry.
  CHECK_FALSE(storage::FindProjectByCode(*db, "LX2099-01"));
  CHECK(storage::LastHistoryId(*db) == before);
  {
    storage::WriteTransaction tx(*db);
    storage::SetHistoryContext(*db, "张会计", "测试");
    storage::DeferredInsertHistory history(*db);
    history.Arm();
    InsertNewProject();
    // An update of a row that was there before, between the insert and the write.
    Project old = *storage::FindProjectByCode(*db, "LX2025-01");
    old.note = "补记";
    storage::UpdateProject(*db, old);
    CHECK(history.Write() == 1);
    CHECK_FALSE(history.armed());
    tx.Commit();
  }
  auto entries = storage::HistoryEntries(*db, {.afterId = before});
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].op == "update");
  CHECK(entries[1].op == "insert");
  CHECK(entries[1].table == "projects");
  CHECK(entries[1].who == "张会计");
  CHECK(entries[1].action == "测试");
  CHECK(entries[1].projectId == storage::FindProjectByCode(*db, "LX2099-01")->id);
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

TEST_CASE("history: entries sealed a chunk at a time form one chain that verifies") {
  Dir dir("chunks");
  auto db = storage::Database::Open(test::Db(dir / "chunks.db"), storage::OpenMode::Create);
  app::Session s(*db, {"张会计", app::Role::Admin});
  app::LoadDemo(s);
  {
    storage::WriteTransaction tx(*db);
    storage::SetHistoryContext(*db, "张会计", "测试");
    for (int i = 0; i < 23; ++i) storage::SaveSetting(*db, "test.chunk" + std::to_string(i), std::to_string(i));
    // 23 entries 5 at a time: four full chunks and a last of 3.
    CHECK(storage::SealHistory(*db, 5) == 23);
    CHECK(storage::SealHistory(*db, 5) == 0);
    tx.Commit();
  }
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

TEST_CASE("verify: a tampered history entry breaks the chain at that entry and exits 1") {
  Dir dir("tamper");
  std::string path = DemoFile(dir);
  REQUIRE(Shell(path, "UPDATE history SET who = '某人' WHERE id = 500;").find("append-only") != std::string::npos);
  // The owner (a superuser) can still switch the guard off: the chain then tells.
  REQUIRE(Shell(path, std::string(test::OnServer() ? "ALTER TABLE history DISABLE TRIGGER history_seal_only;"
                                                   : "DROP TRIGGER history_seal_only;") +
                          "UPDATE history SET who = '某人' WHERE id = 500;") == "");
  Cli r = Run({"--db", path, "verify"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "历史记录链在第 500 条（"));
  CHECK(Contains(r.err, "已被改动"));
}

TEST_CASE("verify: a payment changed with the history triggers dropped is named, and exits 1") {
  Dir dir("dropped");
  std::string path = DemoFile(dir);
  REQUIRE(Shell(path, std::string(test::OnServer()
                                      ? "ALTER TABLE payments DISABLE TRIGGER payments_no_update;"
                                        "ALTER TABLE payments DISABLE TRIGGER history_payments;"
                                      : "DROP TRIGGER payments_no_update; DROP TRIGGER history_payments_update;") +
                          "UPDATE payments SET amount = amount + 100 WHERE voucher = '记-202509-0017';") == "");
  Cli r = Run({"--db", path, "verify"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "拨付 记-202509-0017（payments "));
  CHECK(Contains(r.err, "的当前内容与最后一条历史记录"));
  CHECK(Contains(r.err, "金额 112.0665万元→112.0666万元"));
}

TEST_CASE("verify: a payment written with the sums' trigger switched off is named with both figures, and exits 1") {
  Dir dir("groups");
  std::string path = DemoFile(dir);
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    CHECK(storage::PaymentGroupsDisagreeing(*db).empty());
    CHECK(app::Verify(*db).ok());
  }
  // 5 万元 more on LX2025-01's land from the county fund, behind the program's back.
  REQUIRE(Shell(path, std::string(test::OnServer() ? "ALTER TABLE payments DISABLE TRIGGER payment_groups_add;"
                                                   : "DROP TRIGGER payment_groups_add;") +
                          "INSERT INTO payments (project_id, source_id, cost_category, date, amount, kind, voucher) "
                          "SELECT p.id, s.id, '征地拆迁', '2026-11-02', 5000000, '征地补偿', '记-202611-7001' "
                          "FROM projects p, funding_sources s WHERE p.code = 'LX2025-01' AND s.code = 'ZJ2025-07';") == "");
  Cli r = Run({"--db", path, "verify"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "拨付汇总与拨付明细不符（项目 id="));
  CHECK(Contains(r.err, "征地拆迁、征地补偿、收款人“”："));
  CHECK(Contains(r.err, "，拨付明细 "));
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  auto problems = storage::PaymentGroupsDisagreeing(*db);
  REQUIRE(problems.size() == 1);
  // The group had the demo's land payments only, or none: the payments say 5,000,000 fen more.
  const std::string& line = problems.front();
  CAPTURE(line);
  const size_t kept = line.find("：汇总 "), summed = line.find("，拨付明细 ");
  REQUIRE(kept != std::string::npos);
  REQUIRE(summed != std::string::npos);
  auto fen = [](const std::string& text) { return text.rfind("没有", 0) == 0 ? 0LL : std::stoll(text); };
  CHECK(fen(line.substr(summed + std::string("，拨付明细 ").size())) - fen(line.substr(kept + std::string("：汇总 ").size())) ==
        5000000);
}

TEST_CASE("verify: a value no payment could give, written into the kept sums, is named by its column, and exits 1") {
  Dir dir("groupkind");
  std::string path = DemoFile(dir);
  REQUIRE(Shell(path, "UPDATE payment_groups SET kind = '回扣' WHERE (project_id, contract_id, source_id, cost_category, "
                      "kind, payee) IN (SELECT project_id, contract_id, source_id, cost_category, kind, payee FROM "
                      "payment_groups ORDER BY project_id, contract_id, source_id, cost_category, kind, payee LIMIT 1);") ==
          "");
  Cli r = Run({"--db", path, "verify"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "拨付汇总与拨付明细不符（数据库中 payment_groups.kind 的值“回扣”无效）"));
  // The analysis refuses the file the same way rather than counting a kind it does not know.
  Cli w = Run({"--db", path, "warnings"});
  CHECK(w.code != 0);
  CHECK(Contains(w.err, "payment_groups.kind"));
}

TEST_CASE("upgrade: a file of schema 16 gets its payments' sums, and they are kept from then on" *
          doctest::test_suite("sqlite-file")) {
  Dir dir("upgrade17");
  std::string path = DemoFile(dir);
  // What a file of version 16 was: no sums, no trigger.
  REQUIRE(RawDb(path).Exec("DROP TRIGGER payment_groups_add; DROP TABLE payment_groups; "
                           "PRAGMA user_version = 16;") == "");
  RecordLandPayment(path, Date(2026, 11, 20), Money::FromFen(123400), "记-202611-7002");  // opens: upgrades first
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  CHECK(db->SchemaVersion() == storage::Database::LatestSchemaVersion());
  CHECK(storage::PaymentGroupsDisagreeing(*db).empty());
  long long groups = 0, payments = 0;
  {
    auto rows = storage::LoadPortfolio(*db).payments.size();
    payments = static_cast<long long>(rows);
  }
  for (const auto& g : storage::PaymentGroups(*db)) groups += g.count;
  CHECK(groups == payments);
  CHECK(payments > 10);
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

TEST_CASE("verify: one bit flipped inside a payment amount on disk is found" * doctest::test_suite("sqlite-file")) {
  Dir dir("bitflip");
  std::string path = DemoFile(dir);
  // An amount whose bytes are unlikely anywhere else: 1,234,567,890.12 元 = 123456789012 fen.
  RecordLandPayment(path, Date(2026, 11, 30), Money::FromFen(123456789012), "记-202611-9999");
  std::string bytes = Bytes(path);
  const std::string pattern("\x00\x1c\xbe\x99\x1a\x14", 6);  // 123456789012 as SQLite stores it
  // The amount is stored three times: in the payment's row, in the index on the groups
  // (payments_groups) and as the sum of its group, which has no other payment
  // (payment_groups). The row is the one with the voucher a few bytes after the amount
  // (the row's columns: … date, amount, kind, voucher …; the others have no voucher).
  const std::string voucher = "记-202611-9999";
  size_t at = std::string::npos;
  int inRows = 0, copies = 0;
  for (size_t i = bytes.find(pattern); i != std::string::npos; i = bytes.find(pattern, i + 1)) {
    ++copies;
    size_t v = bytes.find(voucher, i);
    if (v != std::string::npos && v - i < 64) {
      at = i;
      ++inRows;
    }
  }
  CHECK(copies == 3);
  REQUIRE(inRows == 1);
  bytes[at + 5] ^= 0x01;  // …013 fen
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  Cli r = Run({"--db", path, "verify"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "拨付 记-202611-9999"));
  CHECK(Contains(r.err, "金额 123,456.789012万元→123,456.789013万元"));
}

TEST_CASE("history: a session of edits reads back in words, the project's and the fund's") {
  Dir dir("session");
  std::string path = DemoFile(dir);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  app::Session s(*db, {"张会计", app::Role::Admin});
  // A server records its own user for every change (a client cannot claim another name).
  const std::string who = test::OnServer() ? "postgres" : "张会计";
  s.SetToday(Date(2026, 11, 30));
  Project p = *storage::FindProjectByCode(*db, "LX2025-03");
  p.status = ProjectStatus::Finished;
  app::SaveProject(s, p);
  Payment pay;
  pay.projectId = p.id;
  pay.contractId = storage::FindContractByCode(*db, "HT-LX2025-03-SG")->id;
  pay.sourceId = storage::FindSourceByCode(*db, "ZJ2025-01")->id;
  pay.category = CostCategory::Construction;
  pay.date = Date(2026, 11, 3);
  pay.amount = Wan("85");
  pay.voucher = "记-202611-0042";
  pay.payee = "芦溪县第一建筑工程有限公司";
  Id id = app::RecordPayment(s, pay);
  app::ReversePayment(s, id, Date(2026, 11, 5), "记-202611-0050", "收款单位有误");
  auto lines = app::History(s, {.projectId = p.id, .since = std::string("2026-01-01")});
  REQUIRE(lines.size() >= 3);
  auto n = lines.size();
  CHECK(Contains(lines[n - 3].text, " " + who + " 修改项目 LX2025-03 南坑镇中学综合楼建设：状态 在建→完工"));
  CHECK(lines[n - 3].entry.action == "修改项目 LX2025-03");
  CHECK(Contains(lines[n - 2].text, " " + who + " 录入拨付 记-202611-0042 85.00万元 → 芦溪县第一建筑工程有限公司"));
  CHECK(lines[n - 2].entry.action == "录入拨付 记-202611-0042");
  CHECK(Contains(lines[n - 1].text, " " + who + " 录入红字冲销 记-202611-0050 -85.00万元 → 芦溪县第一建筑工程有限公司"));
  CHECK(lines[n - 1].entry.action == "红字冲销 记-202611-0050");
  for (const auto& l : lines) CHECK_FALSE(l.entry.outside);
  // The command line says the same.
  Cli r = Run({"--db", path, "history", "--project", "LX2025-03", "--since", "2026-11-01"});
  CHECK(r.code == 0);
  CHECK(Contains(r.out, who + " 录入拨付 记-202611-0042 85.00万元 → 芦溪县第一建筑工程有限公司"));
  Cli csv = Run({"--db", path, "history", "--table", "payments", "--format", "csv"});
  CHECK(csv.code == 0);
  CHECK(csv.out.rfind("id,at,who,action,table,row,op,outside,text", 0) == 0);
}

TEST_CASE("verify --code passes for a fresh printout and fails after a back-dated change to that month") {
  Dir dir("code");
  std::string path = DemoFile(dir);
  std::string code;
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    report::ReportModel m = app::CloseMonth(s, YearMonth(2026, 10), Date(2026, 11, 3), "王会计");
    code = m.header.checkCode;
    REQUIRE(code.size() == 9);
    // The reprint carries the same code.
    CHECK(app::PrepareReport(*db, YearMonth(2026, 10), Date(2026, 12, 1)).model.header.checkCode == code);
  }
  Cli fresh = Run({"--db", path, "verify", "--code", code, "--month", "2026-10"});
  CHECK_MESSAGE(fresh.code == 0, fresh.err);
  CHECK(Contains(fresh.out, "校验通过"));
  CHECK(Run({"--db", path, "verify", "--code", "0000-0000", "--month", "2026-10"}).code == 1);
  CHECK(Contains(Run({"--db", path, "verify", "--code", code, "--month", "2026-09"}).err, "没有定稿"));
  RecordLandPayment(path, Date(2026, 10, 20), Wan("12.3456"), "记-202610-补01");  // back into October
  Cli after = Run({"--db", path, "verify", "--code", code, "--month", "2026-10"});
  CHECK(after.code == 1);
  CHECK(Contains(after.err, "定稿后，属于该月的数据有了改动"));
  CHECK(Contains(after.err, "LX2025-01 累计拨付"));
}

TEST_CASE("backup → restore gives back exactly what was backed up, byte for byte in export" * doctest::test_suite("sqlite-file")) {
  Dir dir("restore");
  std::string path = DemoFile(dir);
  std::string backup;
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    backup = app::Backup(s);
  }
  CHECK(fs::path(backup).parent_path() == fs::path(dir / "backups"));
  REQUIRE(Run({"--db", path, "export", dir / "before"}).code == 0);
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    Project p = *storage::FindProjectByCode(*db, "LX2025-01");
    p.note = "备份之后的改动";
    app::SaveProject(s, p);
  }
  app::BackupInfo info = app::InspectBackup(backup);
  CHECK(info.opens);
  CHECK(info.verified);
  CHECK(info.projects == 19);
  CHECK(Contains(info.lastChange, "新增年度计划 2026年"));  // the demo's last row
  Cli refused = Run({"--db", path, "restore", backup});  // no terminal, no --yes: nothing replaced
  CHECK(refused.code == 1);
  CHECK(Contains(refused.out, "项目 19 个"));
  CHECK(storage::FindProjectByCode(*storage::Database::Open(path, storage::OpenMode::MustExist), "LX2025-01")->note ==
        "备份之后的改动");
  Cli restored = Run({"--db", path, "restore", backup, "--yes"});
  REQUIRE_MESSAGE(restored.code == 0, restored.err);
  CHECK(Contains(restored.out, "恢复前"));
  REQUIRE(Run({"--db", path, "export", dir / "after"}).code == 0);
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir.path / "before")) {
    ++files;
    CHECK_MESSAGE(Bytes(e.path().string()) == Bytes((dir.path / "after" / e.path().filename()).string()),
                  e.path().filename().string());
  }
  CHECK(files == 12);
}

TEST_CASE("a damaged file is refused unwritten and pointed to its newest good backup" * doctest::test_suite("sqlite-file")) {
  Dir dir("damaged");
  std::string path = DemoFile(dir);
  std::string good;
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    good = app::Backup(s);
  }
  std::string bytes = Bytes(path);
  REQUIRE(bytes.size() > 40 * 4096);
  for (size_t i = 0; i < 3000; ++i) bytes[20 * 4096 + 200 + i] = '\xff';  // inside a b-tree page
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  auto e = Refusal([&] { storage::Database::Open(path, storage::OpenMode::MustExist); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::Damaged);
  CHECK(Contains(e->detail(), "已损坏"));
  CHECK(Contains(e->detail(), "文件没有被改动"));
  Cli r = Run({"--db", path, "projects"});
  CHECK(r.code == 1);
  CHECK(Contains(r.err, "最新的完好备份：" + good));
  CHECK(Bytes(path) == bytes);  // never written, not even its journal mode
  CHECK(!fs::exists(path + "-wal"));
  auto offered = app::NewestGoodBackup(path);
  REQUIRE(offered);
  CHECK(offered->path == good);
  app::RestoreBackup(path, good);
  CHECK(storage::Database::Open(path, storage::OpenMode::MustExist)->SchemaVersion() > 0);
  bool keptDamaged = false;
  for (const auto& b : app::Backups(path)) keptDamaged = keptDamaged || Contains(b, "损坏");
  CHECK(keptDamaged);
}

TEST_CASE("a schema-8 file upgraded to 9 keeps retention as it meant it and still verifies" *
          doctest::test_suite("sqlite-file")) {
  Dir dir("upgrade9");
  std::string path = dir / "county.db";
  {
    // What SchoolBuild of schema 8 left, written as another program would: its
    // migrations, a project with a works contract stating 3% and a supervision contract
    // stating none (0 meant "none" then), and one procedure step.
    RawDb raw(path);
    RunMigrationFiles(raw, kSchema8);
    REQUIRE(raw.Exec(
                "INSERT INTO projects (code, name, school, township, stage, category, nature, status) "
                "VALUES ('LX2025-01', '濂溪中学新建工程', '濂溪中学', '芦溪镇', '初中', '教学楼', '新建', '在建');"
                "INSERT INTO contracts (code, project_id, kind, counterparty, amount, advance_bp, retention_bp) "
                "VALUES ('HT-SG', 1, '施工', '萍乡市城建集团有限公司', 624000000000, 2000, 300),"
                "       ('HT-JL', 1, '监理', '江西恒信工程监理有限公司', 14000000000, 0, 0);"
                "INSERT INTO procedure_steps (project_id, template_id, status, done_date) "
                "VALUES (1, 11, '已办结', '2025-03-01');"
                "PRAGMA user_version = 8;") == "");
  }
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  CHECK(db->SchemaVersion() == storage::Database::LatestSchemaVersion());  // 9 and every later step
  auto works = storage::FindContractByCode(*db, "HT-SG");
  auto supervision = storage::FindContractByCode(*db, "HT-JL");
  REQUIRE(works);
  REQUIRE(supervision);
  CHECK(works->retentionRate == Rate::FromBasisPoints(300));
  CHECK(!supervision->retentionRate);  // none stated, as before
  CHECK(!works->procurement);
  CHECK(works->awardNo.empty());
  CHECK(!works->advanceRecoverFrom);
  Settings settings = storage::LoadPortfolio(*db).settings;
  CHECK(settings.Text("rule.tender_works_wan", "") == "400");
  CHECK(settings.Text("rule.defects_months", "") == "24");
  // Every row equals its last history entry, the new columns included.
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  app::Session s(*db);
  auto changed = app::History(s, {.table = "contracts"});
  REQUIRE(!changed.empty());
  CHECK(changed.back().entry.action == "升级数据库结构到版本 9");
  CHECK(!changed.back().entry.outside);
  // Schema 11 gave every project an empty programme, recorded as the program's own step.
  CHECK(storage::FindProjectByCode(*db, "LX2025-01")->programme.empty());
  auto projects = app::History(s, {.table = "projects"});
  REQUIRE(!projects.empty());
  CHECK(std::any_of(projects.begin(), projects.end(),
                    [](auto& e) { return e.entry.action == "升级数据库结构到版本 11"; }));
  CHECK(projects.back().entry.action == "升级数据库结构到版本 12");  // the county column
  CHECK(!projects.back().entry.outside);
}

TEST_CASE("a works contract's own progress is saved through the app, recorded in the history and verifies") {
  Dir dir("contract_progress");
  std::string path = test::Db(dir / "county.db");
  auto db = storage::Database::Open(path, storage::OpenMode::Create);
  app::Session s(*db, {"李工", app::Role::Admin});
  app::LoadDemo(s, "建始");
  // The demo's dormitory has two works contracts; the outdoor works record their own.
  Portfolio p = storage::LoadPortfolio(*db);
  REQUIRE(p.contractProgress.size() == 3);
  Contract outdoor = *storage::FindContractByCode(*db, "HT-JS2019-09-SW");
  Contract building = *storage::FindContractByCode(*db, "HT-JS2019-09-SG");
  CHECK(outdoor.projectId == building.projectId);

  ContractProgress e;
  e.month = YearMonth(2019, 12);
  e.percent = Percent::FromTenths(655);
  e.note = "室外管网完成";
  app::SaveContractProgress(s, "HT-JS2019-09-SW", e);
  CHECK(e.projectId == outdoor.projectId);
  CHECK(e.rowVersion == 2);  // December's entry was there: updated
  ContractProgress first;
  first.month = YearMonth(2019, 11);
  first.percent = Percent::FromTenths(300);
  app::SaveContractProgress(s, "HT-JS2019-09-SG", first);
  CHECK(first.rowVersion == 1);
  Ledger l = BuildLedger(storage::LoadPortfolio(*db));
  CHECK(l.Contract(outdoor.id)->ownPercent == Percent::FromTenths(655));
  CHECK(l.Contract(outdoor.id)->certified == outdoor.amount.MulDiv(655, 1000));
  CHECK(l.Contract(building.id)->certified == building.amount.MulDiv(300, 1000));

  // Only a works contract is measured by % complete; a month not begun is refused.
  ContractProgress wrong;
  wrong.month = YearMonth(2019, 12);
  wrong.percent = Percent::FromTenths(500);
  Contract design = building;
  design.id = 0;
  design.code = "HT-JS2019-09-SJ";
  design.kind = ContractKind::Design;
  design.amount = Money::FromWan(5);
  app::SaveContract(s, design);
  auto refused = test::Refusal([&] { app::SaveContractProgress(s, "HT-JS2019-09-SJ", wrong); });
  REQUIRE(refused);
  CHECK(Contains(refused->detail(), "只有施工合同按形象进度计量"));
  wrong.month = YearMonth(2099, 1);
  refused = test::Refusal([&] { app::SaveContractProgress(s, "HT-JS2019-09-SW", wrong); });
  REQUIRE(refused);
  CHECK(Contains(refused->detail(), "还没有到"));

  CHECK(app::DeleteContractProgress(s, "HT-JS2019-09-SG", YearMonth(2019, 11)));
  CHECK_FALSE(app::DeleteContractProgress(s, "HT-JS2019-09-SG", YearMonth(2019, 11)));
  auto changed = app::History(s, {.table = "contract_progress"});
  REQUIRE(changed.size() >= 3);
  CHECK(changed.back().entry.op == "delete");
  CHECK(changed.back().entry.projectId == building.projectId);
  CHECK(changed.back().entry.action == "删除合同进度 HT-JS2019-09-SG 2019-11");
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

TEST_CASE("a version-11 file upgraded to 12 keeps every row in one county and verifies; county set fixes its code" *
          doctest::test_suite("sqlite-file")) {
  Dir dir("upgrade12");
  std::string path = dir / "county.db";
  {
    // What SchoolBuild of schema 11 left: its migrations in the order it ran them, two
    // projects, a funding source with an allocation and a payment, the county's name.
    RawDb raw(path);
    std::vector<const char*> schema11 = kSchema8;
    schema11.insert(schema11.end(), {"0009_auditors.sql", "sqlite/0009_auditors.sql",
                                     "0011_programmes_contract_progress.sql",
                                     "sqlite/0011_programmes_contract_progress.sql"});
    RunMigrationFiles(raw, schema11);
    REQUIRE(raw.Exec(
                "UPDATE settings SET value = '建始县' WHERE key = 'county_name';"
                "INSERT INTO projects (code, name, school, township, stage, category, nature, status, programme) "
                "VALUES ('JS2019-01', '景阳镇民族中学食堂新建', '景阳镇民族中学', '景阳镇', '初中', '食堂', '新建', '在建', ''),"
                "       ('JS2019-02', '官店镇民族中学食堂新建', '官店镇民族中学', '官店镇', '初中', '食堂', '新建', '储备', '');"
                "INSERT INTO funding_sources (code, name, kind, year, amount, eligible) "
                "VALUES ('JS-XJ-01', '县级配套', '县级财政', 2019, 900000000, '建安工程');"
                "INSERT INTO allocations (project_id, source_id, amount, date) VALUES (1, 1, 100000000, '2019-03-01');"
                "INSERT INTO receipts (project_id, source_id, amount, date) VALUES (1, 1, 100000000, '2019-04-01');"
                "INSERT INTO payments (project_id, source_id, cost_category, date, amount, kind, voucher) "
                "VALUES (1, 1, '建安工程', '2019-05-01', 25000000, '进度款', '记-201905-0001');"
                "PRAGMA user_version = 11;") == "");
  }
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  CHECK(db->SchemaVersion() == storage::Database::LatestSchemaVersion());  // 12 and every later step
  // One county, named from county_name, with the placeholder code until it is given.
  auto counties = storage::Counties(*db);
  REQUIRE(counties.size() == 1);
  CHECK(counties[0].code == "000000");
  CHECK(counties[0].name == "建始县");
  Portfolio p = storage::LoadPortfolio(*db);
  REQUIRE(p.projects.size() == 2);
  REQUIRE(p.sources.size() == 1);
  CHECK(p.allocations.size() == 1);
  CHECK(p.receipts.size() == 1);
  REQUIRE(p.payments.size() == 1);
  CHECK(p.payments[0].amount == Money::FromYuan(250000));
  for (const auto& pr : p.projects) CHECK(pr.countyCode == "000000");
  CHECK(p.sources[0].countyCode == "000000");
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  app::Session s(*db);
  auto history = app::History(s, {.table = "projects"});
  REQUIRE(!history.empty());
  CHECK(history.back().entry.action == "升级数据库结构到版本 12");

  // county set gives the county its 行政区划代码: every project and source moves with it.
  Cli set = test::RunCli({"--db", path, "county", "set", "422822", "建始县"});
  REQUIRE_MESSAGE(set.code == 0, set.err);
  counties = storage::Counties(*db);
  REQUIRE(counties.size() == 1);
  CHECK(counties[0].code == "422822");
  p = storage::LoadPortfolio(*db);
  for (const auto& pr : p.projects) CHECK(pr.countyCode == "422822");
  CHECK(p.sources[0].countyCode == "422822");
  v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
  Cli list = test::RunCli({"--db", path, "county", "list", "--format", "csv"});
  CHECK(list.out == "code,name,projects\n422822,建始县,2\n");
  // A file has no users to limit to a county.
  Cli user = test::RunCli({"--db", path, "user", "add", "zhang", "--role", "infra", "--county", "422822"});
  CHECK(user.code == 1);
  CHECK(Contains(user.err, "--county 只用于 PostgreSQL 服务器上的数据库"));
}

TEST_CASE("init --county-code sets the county of a new database; demo --county 建始 then adds a second one beside 芦溪") {
  Dir dir("counties_init");
  std::string path = test::Db(dir / "county.db");
  Cli init = test::RunCli({"--db", path, "init", "--county-code", "360323", "--county-name", "芦溪县"});
  REQUIRE_MESSAGE(init.code == 0, init.err);
  CHECK(Contains(init.out, "360323 芦溪县"));
  Cli half = test::RunCli({"--db", test::Db(dir / "other.db"), "init", "--county-code", "360323"});
  CHECK(half.code == 2);
  Cli bad = test::RunCli({"--db", test::Db(dir / "bad.db"), "init", "--county-code", "36032", "--county-name", "芦溪县"});
  CHECK(bad.code == 1);
  CHECK(Contains(bad.err, "应为6位数字"));
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    auto counties = storage::Counties(*db);
    REQUIRE(counties.size() == 1);
    CHECK(counties[0].code == "360323");
    CHECK(storage::LoadSettings(*db).Text("county_name", "") == "芦溪县");
  }
  REQUIRE(test::RunCli({"--db", path, "demo"}).code == 0);
  Cli second = test::RunCli({"--db", path, "demo", "--county", "建始"});
  REQUIRE_MESSAGE(second.code == 0, second.err);
  Cli again = test::RunCli({"--db", path, "demo", "--county", "建始"});
  CHECK(again.code == 1);
  CHECK(Contains(again.err, "已有建始县（422822）的数据"));
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  auto counties = storage::Counties(*db);
  REQUIRE(counties.size() == 2);
  CHECK(counties[0].code == "360323");
  CHECK(counties[1].code == "422822");
  CHECK(counties[1].name == "建始县");
  std::map<std::string, int> projects;
  for (const auto& pr : storage::LoadPortfolio(*db).projects) ++projects[pr.countyCode];
  CHECK(projects["360323"] == 19);
  CHECK(projects["422822"] == 32);
  // The first county still names the reports of the database.
  CHECK(storage::LoadSettings(*db).Text("county_name", "") == "芦溪县");
  Cli listed = test::RunCli({"--db", path, "projects", "--county", "422822", "--format", "csv"});
  REQUIRE(listed.code == 0);
  CHECK(Contains(listed.out, "code,county,name,"));
  CHECK(Contains(listed.out, "\nJS2019-01,422822,景阳镇民族中学食堂新建,"));
  CHECK(!Contains(listed.out, "LX2025-01"));
  app::VerifyResult v = app::Verify(*db);
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? v.integrity : v.problems.front()));
}

// The app layer (src/app): permissions, the findings a payment would raise, the import's
// raised findings, and that every action leaves the database as it was when refused.
#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <thread>
#include <filesystem>
#include <map>
#include <tuple>
#include <set>
#include <fstream>

#include "app/actions.h"
#include "app/import.h"
#include "app/server.h"
#include "storage/lookups.h"
#include "storage/repository.h"
#include "test_db.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::test::Contains;
using sb::test::Refusal;

namespace {

struct Demo {
  fs::path dir;
  std::unique_ptr<storage::Database> db;
  explicit Demo(const std::string& name) {
    dir = fs::temp_directory_path() / ("sb_app_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    db = storage::Database::Open(test::Db((dir / "county.db").string()), storage::OpenMode::Create);
    storage::LoadDemo(*db);
  }
  ~Demo() {
    db.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  Project P(const std::string& code) { return *storage::FindProjectByCode(*db, code); }
  FundingSource S(const std::string& code) { return *storage::FindSourceByCode(*db, code); }
  Contract C(const std::string& code) { return *storage::FindContractByCode(*db, code); }
  std::string File(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
  size_t Payments() { return storage::LoadPortfolio(*db).payments.size(); }
};

Money Wan(const char* text) { return Money::Parse(text, MoneyUnit::Wan); }

std::vector<std::string> Codes(const std::vector<Finding>& findings) {
  std::vector<std::string> v;
  for (const auto& f : findings) v.push_back(f.code);
  return v;
}
bool HasCode(const std::vector<Finding>& findings, const std::string& code) {
  auto v = Codes(findings);
  return std::find(v.begin(), v.end(), code) != v.end();
}

// Land from a construction-only central fund that has sent nothing to this project,
// beyond what is left of the works contract: three errors in one payment.
Payment BadPayment(Demo& d) {
  Payment p;
  p.projectId = d.P("LX2025-03").id;
  p.contractId = d.C("HT-LX2025-03-SG").id;  // 1,228.80万, 983.04万 paid
  p.sourceId = d.S("ZJ2025-02").id;           // 中央预算内投资: 建安工程、设备购置 only
  p.category = CostCategory::Land;
  p.kind = PaymentKind::Progress;
  p.date = Date(2026, 6, 30);
  p.amount = Wan("300");
  p.voucher = "记-2026-06-900";
  p.payee = "芦溪县第一建筑工程有限公司";
  return p;
}

}  // namespace

TEST_CASE("app: a payment's findings name every problem it raises, with figures, errors first") {
  Demo d("findings");
  app::Session s(*d.db);
  s.SetToday(Date(2026, 11, 23));
  std::vector<Finding> raised = app::PaymentFindings(s, BadPayment(d));
  CHECK(HasCode(raised, "INELIGIBLE_PAYMENT"));
  CHECK(HasCode(raised, "SOURCE_OVERDRAWN"));
  CHECK(HasCode(raised, "OVER_CONTRACT"));
  REQUIRE(!raised.empty());
  CHECK(raised.front().severity == Severity::Error);
  CHECK(std::is_sorted(raised.begin(), raised.end(),
                       [](const Finding& a, const Finding& b) { return a.severity < b.severity; }));
  for (const auto& f : raised)
    if (f.code == "OVER_CONTRACT") {
      CHECK(Contains(f.message, "已累计拨付1,283.04万元，超出合同金额54.24万元"));
      CHECK(*f.amount == Wan("54.24"));
    }
  // Nothing was written by asking.
  CHECK(d.Payments() == storage::LoadPortfolio(*d.db).payments.size());
}

TEST_CASE("app: the import lists the same findings for the same payment after it is in") {
  Demo d("import_findings");
  app::Session s(*d.db);
  s.SetToday(Date(2026, 11, 23));
  std::vector<Finding> expected = app::PaymentFindings(s, BadPayment(d));
  size_t before = d.Payments();
  auto out = app::Import(s, {d.File("payments.csv",
                                    "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
                                    "LX2025-03,HT-LX2025-03-SG,ZJ2025-02,征地拆迁,2026-06-30,300,进度款,"
                                    "记-2026-06-900,芦溪县第一建筑工程有限公司\n")});
  REQUIRE_MESSAGE(out.result.committed, out.result.ProblemLines().front());
  CHECK(d.Payments() == before + 1);
  // The import's payment is in its sums (on a file added by the import itself, its trigger
  // standing aside while the history is deferred), and taken back, so is its reversal.
  CHECK(storage::PaymentGroupsDisagreeing(*d.db).empty());
  app::UndoImport(s, out.undo);
  CHECK(d.Payments() == before + 2);
  CHECK(storage::PaymentGroupsDisagreeing(*d.db).empty());
  CHECK(Codes(out.raised) == Codes(expected));
  for (size_t i = 0; i < std::min(out.raised.size(), expected.size()); ++i)
    CHECK(out.raised[i].message == expected[i].message);
}

TEST_CASE("app: a small import into a session without an analysis compares only its projects, and lists the same findings") {
  const std::string csv =
      "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
      "LX2025-03,HT-LX2025-03-SG,ZJ2025-02,征地拆迁,2026-06-30,300,进度款,记-2026-06-900,芦溪县第一建筑工程有限公司\n";
  // The whole compared: the session has its analysis already (a window's).
  Demo whole("import_whole");
  app::Session ws(*whole.db);
  ws.SetToday(Date(2026, 11, 23));
  (void)ws.analysis();
  auto byWhole = app::Import(ws, {whole.File("payments.csv", csv)});
  REQUIRE(byWhole.result.committed);
  // Only LX2025-03 compared: a fresh session (the command line's), a one-line file.
  Demo part("import_part");
  app::Session ps(*part.db);
  ps.SetToday(Date(2026, 11, 23));
  REQUIRE(ps.cached() == nullptr);
  size_t before = part.Payments();
  auto byPart = app::Import(ps, {part.File("payments.csv", csv)});
  REQUIRE(byPart.result.committed);
  CHECK(part.Payments() == before + 1);  // the trial run left nothing behind
  CHECK(byPart.undo.created.size() == 1);
  REQUIRE(!byPart.raised.empty());
  CHECK(Codes(byPart.raised) == Codes(byWhole.raised));
  for (size_t i = 0; i < std::min(byPart.raised.size(), byWhole.raised.size()); ++i)
    CHECK(byPart.raised[i].message == byWhole.raised[i].message);
  // A small file with a problem: the trial's problem is the import's, nothing written.
  auto bad = app::Import(ps, {part.File("payments2.csv",
                                        "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
                                        "LX2025-03,HT-LX2025-03-SG,ZJ2025-02,征地拆迁,2026-06-30,abc,进度款,"
                                        "记-2026-06-901,芦溪县第一建筑工程有限公司\n")});
  CHECK(!bad.result.committed);
  CHECK(bad.result.ProblemCount() == 1);
  CHECK(bad.raised.empty());
  CHECK(part.Payments() == before + 1);
}

TEST_CASE("app: roles — a reader changes nothing, infra keeps projects, finance keeps money") {
  Demo d("roles");
  app::Session reader(*d.db, {"王局长", app::Role::Reader});
  Project p = d.P("LX2025-03");
  auto e = Refusal([&] { app::SaveProject(reader, p); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::Refused);
  CHECK(Contains(e->detail(), "用户“王局长”（只读（领导））不能修改项目、概算、前期手续和进度：只有基建股（或管理员）可以"));

  app::Session infra(*d.db, {"李工", app::Role::Infra});
  p.note = "基建股核对";
  app::SaveProject(infra, p);
  CHECK(d.P("LX2025-03").note == "基建股核对");
  Payment pay = BadPayment(d);
  pay.category = CostCategory::Construction;
  pay.sourceId = d.S("ZJ2025-01").id;
  auto money = Refusal([&] { app::RecordPayment(infra, pay); });
  REQUIRE(money);
  CHECK(Contains(money->detail(), "只有计财股（或管理员）可以"));

  app::Session finance(*d.db, {"张会计", app::Role::Finance});
  CHECK(Refusal([&] { app::SaveProject(finance, p); }));
  auto imp = app::Import(finance, {d.File("projects.csv", "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态\n"
                                                           "X-1,某项目,某校,某镇,小学,教学楼,新建,储备\n")});
  CHECK_FALSE(imp.result.committed);
  REQUIRE(imp.result.problems.size() == 1);
  CHECK(Contains(imp.result.problems[0].message, "只有基建股（或管理员）可以"));
  CHECK_FALSE(storage::FindProjectByCode(*d.db, "X-1"));
}

TEST_CASE("app: a source cannot be cut below what it has committed; an allocation not below what arrived") {
  Demo d("source_cut");
  app::Session s(*d.db);
  FundingSource src = d.S("ZJ2026-03");  // 1,500万, all committed
  src.amount = Wan("1000");
  auto e = Refusal([&] { app::SaveSource(s, src); });
  REQUIRE(e);
  CHECK(e->detail() == "资金来源“ZJ2026-03”的金额 1,000.00 万元 少于已下达各项目的合计 1,500.00 万元；请先核减或删除资金下达");
  CHECK(d.S("ZJ2026-03").amount == Wan("1500"));
}

TEST_CASE("ledger: a works contract that states no retention is held to the county default, as RETENTION_NOT_HELD holds it") {
  Demo d("retention");
  app::Session s(*d.db);
  Contract c = d.C("HT-LX2025-03-SG");
  c.retentionRate.reset();  // states none
  app::SaveContract(s, c);
  const auto& a = s.analysis();
  const ContractPosition* k = a.ledger.Contract(c.id);
  REQUIRE(k);
  CHECK_FALSE(k->retentionStated);
  CHECK(k->retentionBp == 300);
  CHECK(k->retention == Wan("36.864"));  // 3% of 1,228.80万
  CHECK(k->payableBeforeSettlement == Wan("1191.936"));
  for (const auto& f : a.findings)
    if (f.code == "RETENTION_NOT_HELD" && f.contractId == c.id) CHECK(*f.limit == k->payableBeforeSettlement);
}

// ---- payments and reversals (红字冲销), checked by core through the app layer ---------------

namespace {
Payment Stored(Demo& d, const std::string& voucher) {
  auto p = storage::PaymentByVoucher(*d.db, voucher);
  REQUIRE(p);
  return *p;
}
}  // namespace

TEST_CASE("app: reversing a payment stores its negative copy (红字冲销) and leaves the original") {
  Demo d("reverse");
  app::Session s(*d.db);
  Payment original = Stored(d, "记-202509-0017");
  Money paidBefore = s.analysis().ledger.Project(original.projectId)->paid;
  Id rid = app::ReversePayment(s, original.id, Date(2025, 9, 25), "记-202509-0099", "录错金额");
  Payment r = Stored(d, "记-202509-0099");
  CHECK(r.id == rid);
  CHECK(r.reversesId == original.id);
  CHECK(r.amount == -original.amount);
  CHECK(r.amount.FormatYuan() == "-1,120,665.00");
  CHECK(r.date == Date(2025, 9, 25));
  CHECK(r.note == "录错金额");
  CHECK(r.projectId == original.projectId);
  CHECK(r.contractId == original.contractId);
  CHECK(r.sourceId == original.sourceId);
  CHECK(r.category == original.category);
  CHECK(r.kind == original.kind);
  CHECK(r.payee == original.payee);
  CHECK(Stored(d, "记-202509-0017").amount == original.amount);  // the original stays as it was
  CHECK(s.analysis().ledger.Project(original.projectId)->paid == paidBefore - original.amount);
}

TEST_CASE("app: a payment can be reversed only once, a reversal not at all, and only with voucher and reason") {
  Demo d("reverse_once");
  app::Session s(*d.db);
  Payment original = Stored(d, "记-202509-0017");
  auto empty = Refusal([&] { app::ReversePayment(s, original.id, Date(2025, 9, 25), "记-1", "  "); });
  REQUIRE(empty);
  CHECK(empty->detail() == "冲销原因不能为空");
  Id rid = app::ReversePayment(s, original.id, Date(2025, 9, 25), "记-202509-0099", "录错金额");
  auto twice = Refusal([&] { app::ReversePayment(s, original.id, Date(2025, 9, 26), "记-202509-0100", "再冲"); });
  REQUIRE(twice);
  CHECK(twice->code() == ErrorCode::Refused);
  CHECK(twice->detail() == "凭证号“记-202509-0017”的拨付已经冲销过（冲销凭证号“记-202509-0099”），不能重复冲销");
  auto ofReversal = Refusal([&] { app::ReversePayment(s, rid, Date(2025, 9, 26), "记-202509-0101", "冲销冲销"); });
  REQUIRE(ofReversal);
  CHECK(ofReversal->detail() == "凭证号“记-202509-0099”本身是冲销记录，不能再冲销");
  auto missing = Refusal([&] { app::ReversePayment(s, 999999, Date(2025, 9, 26), "记-202509-0102", "无"); });
  REQUIRE(missing);
  CHECK(missing->code() == ErrorCode::NotFound);
  CHECK(!storage::PaymentByVoucher(*d.db, "记-202509-0100"));
}

TEST_CASE("app: a hand-made reversal must mirror the payment it reverses, to the fen") {
  Demo d("mirror");
  app::Session s(*d.db);
  Payment original = Stored(d, "记-202509-0017");
  Payment r = original;
  r.id = 0;
  r.reversesId = original.id;
  r.voucher = "记-202509-0099";
  r.date = Date(2025, 9, 25);
  r.amount = -original.amount + Money::FromFen(1);  // one fen short
  auto e = Refusal([&] { app::RecordPayment(s, r); });
  REQUIRE(e);
  CHECK(e->detail() ==
        "冲销记录必须与原拨付（凭证号“记-202509-0017”）的项目、合同、资金来源、费用类别一致，金额为其相反数 -112.0665 万元");
  r.amount = -original.amount;
  r.category = CostCategory::Equipment;
  CHECK(Refusal([&] { app::RecordPayment(s, r); }));
  r.category = original.category;
  CHECK(app::RecordPayment(s, r) > 0);
}

TEST_CASE("app: a payment on another project's contract, a missing contract or source, or a negative amount is refused") {
  Demo d("contract_project");
  app::Session s(*d.db);
  size_t before = d.Payments();
  Payment p = BadPayment(d);
  p.sourceId = d.S("ZJ2025-01").id;
  p.category = CostCategory::Construction;
  p.contractId = d.C("HT-LX2025-02-SG").id;  // another project's works contract
  auto foreign = Refusal([&] { app::RecordPayment(s, p); });
  REQUIRE(foreign);
  CHECK(foreign->detail() == "合同“HT-LX2025-02-SG”属于另一个项目，不能在此项目下拨付；请选择本项目的合同或“无合同”");
  p.contractId = 987654;
  auto missing = Refusal([&] { app::RecordPayment(s, p); });
  REQUIRE(missing);
  CHECK(missing->code() == ErrorCode::NotFound);
  p.contractId = d.C("HT-LX2025-03-SG").id;
  p.sourceId = 987654;
  auto source = Refusal([&] { app::RecordPayment(s, p); });
  REQUIRE(source);
  CHECK(source->code() == ErrorCode::Refused);  // the database's foreign key
  p.sourceId = d.S("ZJ2025-01").id;
  p.amount = Wan("-10");
  auto negative = Refusal([&] { app::RecordPayment(s, p); });
  REQUIRE(negative);
  CHECK(negative->detail() == "拨付金额必须大于零；更正请用红字冲销");
  CHECK(d.Payments() == before);
}

// ---- several clerks at once (issue 11): on SQLite two connections to one file, on
// PostgreSQL two clients of one server database -------------------------------------

TEST_CASE("app: two clerks edit one project — the second save is refused with what the first changed, nothing lost") {
  Demo d("two_clerks");
  auto other = storage::Database::Open(test::Db((d.dir / "county.db").string()), storage::OpenMode::MustExist);
  app::Session mine(*d.db, {"李基建", app::Role::Infra});
  app::Session theirs(*other, {"王基建", app::Role::Infra});
  Project a = *storage::FindProjectByCode(*d.db, "LX2025-03");
  Project b = *storage::FindProjectByCode(*other, "LX2025-03");  // both windows show the same row
  a.status = ProjectStatus::Finished;
  app::SaveProject(mine, a);
  b.name = "南坑镇中学综合楼建设（改名）";
  auto refused = Refusal([&] { app::SaveProject(theirs, b); });
  REQUIRE(refused.has_value());
  CHECK(refused->code() == ErrorCode::Conflict);
  CHECK(Contains(refused->detail(), "项目“LX2025-03”已被其他人修改"));
  CHECK(Contains(refused->detail(), "状态 在建→完工"));  // what the other clerk saved
  CHECK(Contains(refused->detail(), "您的修改没有保存"));
  Project now = *storage::FindProjectByCode(*other, "LX2025-03");
  CHECK(now.status == ProjectStatus::Finished);          // the first save stands
  CHECK(now.name == "南坑镇中学综合楼建设");             // the second changed nothing
  // Re-read and saved again, the second clerk's edit goes in on top.
  now.name = "南坑镇中学综合楼建设（改名）";
  app::SaveProject(theirs, now);
  CHECK(storage::FindProjectByCode(*d.db, "LX2025-03")->name == "南坑镇中学综合楼建设（改名）");
}

TEST_CASE("app: live — a payment another client saves is seen by the first within 5 seconds, naming its project") {
  Demo d("live");
  app::Session watching(*d.db);
  const Id project = d.P("LX2025-03").id;
  const Money paidBefore = watching.analysis().ledger.Project(project)->paid;
  CHECK_FALSE(watching.OthersChanged().has_value());  // starts watching
  CHECK_FALSE(watching.OthersChanged().has_value());  // nothing yet
  auto other = storage::Database::Open(test::Db((d.dir / "county.db").string()), storage::OpenMode::MustExist);
  app::Session saving(*other, {"张会计", app::Role::Finance});
  saving.SetToday(Date(2026, 11, 30));
  Payment p = BadPayment(d);
  p.category = CostCategory::Construction;
  p.sourceId = d.S("ZJ2025-01").id;
  p.amount = Wan("1");
  p.voucher = "记-202611-7001";
  app::RecordPayment(saving, p);
  std::optional<storage::Changes> seen;
  auto start = std::chrono::steady_clock::now();
  while (!seen && std::chrono::steady_clock::now() - start < std::chrono::seconds(5)) {
    seen = watching.OthersChanged();
    if (!seen) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  REQUIRE(seen.has_value());
  CHECK(seen->projects.count(p.projectId) == 1);
  // The first client's next analysis has the payment (its payments come summed).
  CHECK(watching.analysis().ledger.Project(project)->paid - paidBefore == Wan("1"));
  // Its own saves are not reported back to it.
  Project own = d.P("LX2025-04");
  own.note = "自己的修改";
  app::SaveProject(watching, own);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK_FALSE(watching.OthersChanged().has_value());
}

TEST_CASE("app: a server location is built from the connect dialog's fields, quoted, and read back") {
  app::ServerLogin login;
  login.host = "192.168.1.10";
  login.database = "luxi county";
  login.user = "zhang";
  login.password = "it's s3cret";
  const std::string with = app::ServerLocation(login, true);
  CHECK(with == "postgresql: host=192.168.1.10 port=5432 dbname='luxi county' user=zhang password='it\\'s s3cret'");
  CHECK(app::ServerLocation(login, false) == "postgresql: host=192.168.1.10 port=5432 dbname='luxi county' user=zhang");
  app::ServerLogin back = app::ParseServerLocation(with);
  CHECK(back.host == login.host);
  CHECK(back.port == "5432");
  CHECK(back.database == login.database);
  CHECK(back.user == login.user);
  CHECK(back.password == login.password);
  login.port = "99999";
  CHECK_INVALID(app::ServerLocation(login, false), "端口“99999”");
  login.port = "5432";
  login.host = "";
  CHECK_INVALID(app::ServerLocation(login, false), "服务器地址不能为空");
}

TEST_CASE("app: a remembered password goes into libpq's password file, readable by its owner only") {
  test::TempDir t;
  const std::string file = t.Path("pgpass");
  setenv("PGPASSFILE", file.c_str(), 1);
  app::ServerLogin login;
  login.host = "db.jyj.local";
  login.database = "luxi";
  login.user = "zhang";
  login.password = "a:b\\c";
  CHECK(app::RememberServerPassword(login) == file);
  login.password = "new";
  app::RememberServerPassword(login);  // replaces its own line
  login.user = "li";
  login.password = "other";
  app::RememberServerPassword(login);
  unsetenv("PGPASSFILE");
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "db.jyj.local:5432:luxi:zhang:new\ndb.jyj.local:5432:luxi:li:other\n");
  CHECK((fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
}

TEST_CASE("app: a funding source is deleted only while no allocation, receipt or payment refers to it") {
  Demo d("source_delete");
  app::Session s(*d.db);
  FundingSource used = d.S("ZJ2026-03");
  auto e = Refusal([&] { app::DeleteSource(s, used.id, used.rowVersion); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::Refused);
  CHECK(e->detail().find("笔资金下达") != std::string::npos);
  CHECK(storage::FindSourceByCode(*d.db, "ZJ2026-03").has_value());

  FundingSource typo = used;
  typo.id = 0;
  typo.rowVersion = 0;
  typo.code = "ZJ2026-99";
  typo.name = "县级财政（错字）";
  app::SaveSource(s, typo);
  CHECK_NOTHROW(app::CheckDeleteSource(s, typo.id));
  app::DeleteSource(s, typo.id, typo.rowVersion);
  CHECK_FALSE(storage::FindSourceByCode(*d.db, "ZJ2026-99").has_value());
}

TEST_CASE("app: a contract with payments cannot be deleted; a progress entry can") {
  Demo d("contract_delete");
  app::Session s(*d.db);
  Contract works = d.C("HT-LX2025-03-SG");
  auto e = Refusal([&] { app::DeleteContract(s, works.id, works.rowVersion); });
  REQUIRE(e);
  CHECK(e->code() == ErrorCode::Refused);
  CHECK(storage::FindContractByCode(*d.db, "HT-LX2025-03-SG").has_value());
  storage::ProjectFile file = storage::LoadProjectFile(*d.db, d.P("LX2025-03").id);
  ProgressEntry last = file.progress.back();
  app::DeleteProgress(s, last.id, last.rowVersion);
  CHECK(storage::LoadProjectFile(*d.db, d.P("LX2025-03").id).progress.size() == file.progress.size() - 1);
}

TEST_CASE("app: undo of an import deletes the contract it created and reverses its payment, all or nothing") {
  Demo d("undo_import");
  app::Session s(*d.db);
  s.SetToday(Date(2026, 11, 23));
  size_t before = d.Payments();
  auto out = app::Import(s, {d.File("contracts.csv",
                                    "合同编号,项目编号,合同类型,乙方,合同金额(万元),签订日期,预付款比例(%),质保金比例(%)\n"
                                    "HT-UNDO-01,LX2025-01,监理,江西华杰工程监理有限公司,50,2026-01-10,0,0\n"),
                             d.File("payments.csv",
                                    "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
                                    "LX2025-01,HT-UNDO-01,ZJ2025-01,其他费用,2026-11-20,12.5,进度款,记-UNDO-01,"
                                    "江西华杰工程监理有限公司\n")});
  REQUIRE_MESSAGE(out.result.committed, out.result.ProblemLines().front());
  CHECK(out.undo.label == "导入 contracts.csv、payments.csv（2 行）");
  REQUIRE(out.undo.created.size() == 2);
  CHECK(out.undo.created[0].table == "contracts");
  CHECK(out.undo.created[1].table == "payments");
  // While a payment entered later refers to the imported contract, nothing is undone.
  Payment later;
  later.projectId = d.P("LX2025-01").id;
  later.contractId = d.C("HT-UNDO-01").id;
  later.sourceId = d.S("ZJ2025-01").id;
  later.category = CostCategory::Other;
  later.kind = PaymentKind::Progress;
  later.date = Date(2026, 11, 21);
  later.amount = Wan("1");
  later.voucher = "记-UNDO-02";
  later.payee = "江西华杰工程监理有限公司";
  app::RecordPayment(s, later);
  CHECK_THROWS_AS(app::UndoImport(s, out.undo), Error);
  CHECK(d.Payments() == before + 2);  // no reversal left behind by the refused undo
  CHECK(storage::FindContractByCode(*d.db, "HT-UNDO-01").has_value());
}

TEST_CASE("app: undo of an import of payments records one reversal per payment, dated today") {
  Demo d("undo_import_payments");
  app::Session s(*d.db);
  s.SetToday(Date(2026, 11, 23));
  Id project = d.P("LX2025-01").id;
  int64_t paid = 0;
  for (const auto& p : storage::PaymentsByProject(*d.db, project)) paid += p.amount.fen();
  auto out = app::Import(s, {d.File("payments.csv",
                                    "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n"
                                    "LX2025-01,HT-LX2025-01-SG,ZJ2025-01,建安工程,2026-11-20,10,进度款,记-UNDO-11,萍乡市城建集团有限公司\n"
                                    "LX2025-01,HT-LX2025-01-SG,ZJ2025-01,建安工程,2026-11-21,20,进度款,记-UNDO-12,萍乡市城建集团有限公司\n")});
  REQUIRE_MESSAGE(out.result.committed, out.result.ProblemLines().front());
  app::UndoImport(s, out.undo);
  int64_t after = 0, reversals = 0;
  for (const auto& p : storage::PaymentsByProject(*d.db, project)) {
    after += p.amount.fen();
    if (p.reversesId && p.voucher.rfind("冲记-UNDO-1", 0) == 0) {
      ++reversals;
      CHECK(p.date == Date(2026, 11, 23));
    }
  }
  CHECK(reversals == 2);
  CHECK(after == paid);
  // Undone once: a second undo of the same import is refused (a payment is reversed once).
  CHECK_THROWS_AS(app::UndoImport(s, out.undo), Error);
}

// ---- the analysis from SQL aggregates (issue 12) -----------------------------------------

namespace {

std::string Fen(Money m) { return std::to_string(m.fen()); }
std::string Fen(const std::optional<Money>& m) { return m ? Fen(*m) : "-"; }
template <class T>
std::string Opt(const std::optional<T>& v) {
  return v ? std::to_string(*v) : "-";
}
std::string Opt(const std::optional<Date>& d) { return d ? FormatDate(*d) : "-"; }
std::string Opt(const std::optional<Percent>& p) { return p ? p->Format() : "-"; }
std::string Opt(const std::optional<YearMonth>& m) { return m ? m->Format() : "-"; }
std::string Opt(const std::optional<CostCategory>& c) { return c ? std::string(Name(*c)) : "-"; }
template <class Map>
std::string Sums(const Map& m) {
  std::string s;
  for (const auto& [id, amount] : m) s += std::to_string(id) + ":" + Fen(amount) + ",";
  return s;
}
std::string Sums(const CategoryAmounts& a) {
  std::string s;
  for (Money m : a) s += Fen(m) + ",";
  return s;
}

// Everything a user reads of an analysis, as lines: the findings with every figure and
// the sentence, the gaps, the list's summaries, the ledger, the idle money.
std::vector<std::string> Lines(const app::Analysis& a) {
  std::vector<std::string> out;
  for (const Finding& f : a.findings)
    out.push_back("finding " + f.code + " " + f.title + " " + std::string(SeverityName(f.severity)) + " " +
                  f.projectCode + " " + Opt(f.contractId) + " " + Opt(f.paymentId) + " " + Opt(f.sourceId) + " " +
                  Opt(f.stepTemplateId) + " " + Opt(f.category) + " " + Fen(f.amount) + " " + Fen(f.actual) + " " +
                  Fen(f.limit) + " " + Opt(f.date) + " " + Opt(f.deadline) + " " + Opt(f.daysLate) + " " +
                  Opt(f.percent) + " " + Opt(f.expected) + " " + f.message + " | " + f.rule);
  for (const ProjectGap& g : a.gaps) {
    std::string s = "gap " + g.projectCode + " " + Fen(g.budget) + " " + Fen(g.funds) + " " + Fen(g.totalGap) +
                    " " + Fen(g.uncovered);
    for (const auto& c : g.categories)
      s += " " + std::string(Name(c.category)) + ":" + Fen(c.budget) + "/" + Fen(c.covered) + "/" + Fen(c.uncovered);
    for (const auto& u : g.sources) s += " src" + std::to_string(u.sourceId) + ":" + Fen(u.amount) + "/" + Sums(u.toCategory);
    out.push_back(s);
  }
  for (const ProjectSummary& s : a.summaries)
    out.push_back("summary " + s.project.code + " " + Fen(s.budget) + " " + Fen(s.committed) + " " + Fen(s.received) +
                  " " + Fen(s.paid) + " " + Opt(s.percent) + " " + Opt(s.percentMonth));
  for (const ProjectPosition& p : a.ledger.projects)
    out.push_back("project " + std::to_string(p.projectId) + " " + Fen(p.paid) + " " + Sums(p.paidBySource) + " " +
                  Sums(p.paidByCategory) + " " + Sums(p.receivedBySource) + " " + Sums(p.contractsByCategory));
  for (const ContractPosition& k : a.ledger.contracts)
    out.push_back("contract " + std::to_string(k.contractId) + " " + Fen(k.paid) + " " + Fen(k.advancePaid) + " " +
                  Fen(k.advanceOutstanding) + " " + Fen(k.certified) + " " + Fen(k.retention) + " " + Fen(k.balance));
  for (const IdleMoney& m : IdleMoneyOf(a.portfolio, a.ledger, a.asOf))
    out.push_back("idle " + std::to_string(m.projectId) + " " + std::to_string(m.sourceId) + " " + Fen(m.old) + " " +
                  Fen(m.paid) + " " + Fen(m.idle) + " " + Fen(m.olderThanTwoYears) + " " + FormatDate(m.since));
  return out;
}

Id AddPayment(storage::Database& db, Payment p) {
  storage::WriteTransaction tx(db);
  Id id = storage::InsertPayment(db, p);
  tx.Commit();
  return id;
}

}  // namespace

TEST_CASE("app: the analysis from SQL aggregates equals the analysis from every payment row, on both demo counties") {
  const Date asOf(2026, 11, 23);
  for (const char* county : {"芦溪", "建始"}) {
    CAPTURE(county);
    fs::path dir = fs::temp_directory_path() / ("sb_app_aggregates_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto db = storage::Database::Open(test::Db((dir / (std::string(county) + ".db")).string()), storage::OpenMode::Create);
    storage::LoadDemo(*db, county);

    std::vector<std::string> added;  // vouchers of the payments added on 芦溪
    if (std::string(county) == "芦溪") {
      // Every case of a single payment the rules read, each on a project of its own, so
      // that each reason to read a project's payments is needed: the demo's works contracts
      // HT-LX2025-03-SG, -07-SG and -11-SG (芦溪县第一建筑工程有限公司, signed 2025-03-05,
      // 2025-04-18 and 2025-04-05).
      auto on = [&](const char* contract) {
        Contract works = *storage::FindContractByCode(*db, contract);
        Payment p;
        p.projectId = works.projectId;
        p.contractId = works.id;
        p.sourceId = storage::FindSourceByCode(*db, "ZJ2025-01")->id;
        p.category = CostCategory::Construction;
        p.kind = PaymentKind::Progress;
        p.date = Date(2026, 6, 30);
        p.amount = Wan("1");
        p.payee = works.counterparty;
        return p;
      };
      Payment land = on("HT-LX2025-03-SG");  // ineligible, then reversed in full: no finding at all
      land.sourceId = storage::FindSourceByCode(*db, "ZJ2025-02")->id;  // 中央预算内投资: 建安、设备 only
      land.category = CostCategory::Land;
      land.amount = Wan("20");
      land.voucher = "记-2026-06-901";
      Id landId = AddPayment(*db, land);
      Payment undo = land;
      undo.amount = -land.amount;
      undo.voucher = "记-2026-07-901";
      undo.date = Date(2026, 7, 2);
      undo.reversesId = landId;
      AddPayment(*db, undo);

      Payment part = land;  // ineligible, partly reversed: flagged with what is left, 7万元
      part.amount = Wan("10");
      part.voucher = "记-2026-06-902";
      Id partId = AddPayment(*db, part);
      Payment partUndo = part;
      partUndo.amount = -Wan("3");
      partUndo.voucher = "记-2026-07-902";
      partUndo.reversesId = partId;
      AddPayment(*db, partUndo);

      Payment early = on("HT-LX2025-07-SG");  // before the contract was signed
      early.date = Date(2025, 4, 1);
      early.voucher = "记-2025-04-903";
      AddPayment(*db, early);

      Payment other = on("HT-LX2025-11-SG");  // to someone else than the contractor
      other.payee = "某劳务派遣公司";
      other.voucher = "记-2026-06-904";
      AddPayment(*db, other);

      Payment spaced = on("HT-LX2025-11-SG");  // the contractor with a space: not a mismatch
      spaced.payee = "芦溪县第一建筑工程 有限公司";
      spaced.voucher = "记-2026-06-905";
      AddPayment(*db, spaced);
      added = {"记-2026-06-902", "记-2025-04-903", "记-2026-06-904"};
    }

    auto rows = app::Analyse(storage::LoadPortfolio(*db), asOf);
    auto sums = app::Analyse(storage::LoadAnalysisPortfolio(*db), asOf);
    CHECK(sums->portfolio.payments.empty());
    REQUIRE(sums->portfolio.paymentTotals);
    CHECK(sums->portfolio.paymentTotals->count == static_cast<int64_t>(rows->portfolio.payments.size()));
    // SQL hands over only the payments of projects where a rule may flag one.
    std::optional<PaymentTotals> all;
    CHECK(sums->portfolio.paymentTotals->singles.size() < PaymentTotalsOf(rows->portfolio, all).singles.size());

    std::vector<std::string> a = Lines(*rows), b = Lines(*sums);
    CHECK(a.size() == b.size());
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
      CAPTURE(i);
      CHECK(a[i] == b[i]);
    }
    CHECK(rows->findings.size() > 10);

    // A part — a project, or three at once — analysed alone gives exactly its findings of
    // the whole, payments read one by one included: what a small import compares.
    auto findingLines = [](const std::vector<Finding>& findings, const std::set<Id>& of) {
      app::Analysis only;
      for (const Finding& f : findings)
        if (of.count(f.projectId)) only.findings.push_back(f);
      return Lines(only);
    };
    std::vector<std::set<Id>> parts;
    for (const Project& p : sums->portfolio.projects) parts.push_back({p.id});
    parts.push_back({sums->portfolio.projects[0].id, sums->portfolio.projects[3].id, sums->portfolio.projects[7].id});
    size_t partFindings = 0;
    for (const auto& part : parts) {
      auto alone = app::Analyse(storage::LoadAnalysisPortfolioOf(*db, {part.begin(), part.end()}), asOf);
      CHECK(alone->portfolio.projects.size() == part.size());
      std::vector<std::string> whole = findingLines(sums->findings, part);
      CHECK(findingLines(alone->findings, part) == whole);
      CHECK(alone->findings.size() == whole.size());  // nothing of any other project
      if (part.size() == 1) partFindings += whole.size();
    }
    CHECK(partFindings == sums->findings.size());

    // `gaps` reads only the funding tables, on either basis.
    for (GapBasis basis : {GapBasis::Committed, GapBasis::Received}) {
      app::Analysis full, funding;
      full.gaps = ComputeGaps(rows->portfolio, basis);
      funding.gaps = ComputeGaps(storage::LoadFundingPortfolio(*db), basis);
      CHECK(Lines(full) == Lines(funding));
    }

    // The list's figures are the project summaries SQL sums itself.
    auto listed = storage::ProjectSummaries(*db);
    REQUIRE(listed.size() == sums->summaries.size());
    for (size_t i = 0; i < listed.size(); ++i) {
      CHECK(listed[i].paid == sums->summaries[i].paid);
      CHECK(listed[i].received == sums->summaries[i].received);
    }

    if (!added.empty()) {
      auto flagged = [&](const std::string& code, const std::string& voucher) {
        for (const Finding& f : sums->findings)
          if (f.code == code && f.message.find(voucher) != std::string::npos) return f.amount.value_or(Money());
        return Money::FromFen(-1);
      };
      CHECK(flagged("INELIGIBLE_PAYMENT", "记-2026-06-901") == Money::FromFen(-1));
      CHECK(flagged("INELIGIBLE_PAYMENT", "记-2026-06-902") == Wan("7"));
      CHECK(flagged("PAYMENT_BEFORE_CONTRACT", "记-2025-04-903") == Wan("1"));
      CHECK(flagged("PAYEE_MISMATCH", "记-2026-06-904") == Wan("1"));
      CHECK(flagged("PAYEE_MISMATCH", "记-2026-06-905") == Money::FromFen(-1));
    }

    // The sums kept with every payment are the payments summed. A month's sums are the
    // payment rows up to that day grouped here: the kept ones when nothing is later, the
    // projects paid later summed again (one project after a payment dated 2026-11-20), or
    // every payment up to the day summed when most projects were paid later.
    CHECK(storage::PaymentGroupsDisagreeing(*db).empty());
    {
      Payment late = rows->portfolio.payments.front();
      late.id = 0;
      late.reversesId.reset();
      late.amount = Wan("3");
      late.date = Date(2026, 11, 20);
      late.voucher = "记-2026-11-999";
      AddPayment(*db, late);
    }
    CHECK(storage::PaymentGroupsDisagreeing(*db).empty());
    const Portfolio now = storage::LoadPortfolio(*db);
    for (Date upTo : {Date(2030, 1, 1), Date(2026, 11, 20), Date(2026, 11, 19), Date(2026, 7, 1), Date(2026, 6, 30),
                      Date(2025, 12, 31), Date(2025, 4, 30), Date(2020, 1, 1)}) {
      CAPTURE(FormatDate(upTo));
      std::map<std::tuple<Id, Id, Id, std::string, std::string, std::string>, std::tuple<int64_t, int64_t, Date, Date>> want;
      for (const Payment& p : now.payments) {
        if (p.date > upTo) continue;
        auto& [fen, count, first, last] = want[{p.projectId, p.contractId.value_or(0), p.sourceId,
                                                std::string(Name(p.category)), std::string(Name(p.kind)), p.payee}];
        if (count == 0 || p.date < first) first = p.date;
        if (count == 0 || p.date > last) last = p.date;
        fen += p.amount.fen();
        ++count;
      }
      std::vector<std::string> expected, got;
      for (const auto& [k, v] : want)
        expected.push_back(std::to_string(std::get<0>(k)) + " " + std::to_string(std::get<1>(k)) + " " +
                           std::to_string(std::get<2>(k)) + " " + std::get<3>(k) + " " + std::get<4>(k) + " " +
                           std::get<5>(k) + " " + std::to_string(std::get<0>(v)) + " " + std::to_string(std::get<1>(v)) +
                           " " + FormatDate(std::get<2>(v)) + " " + FormatDate(std::get<3>(v)));
      const std::vector<PaymentGroup> groups = storage::PaymentGroupsUpTo(*db, upTo);
      for (size_t i = 1; i < groups.size(); ++i) CHECK(groups[i - 1].projectId <= groups[i].projectId);
      for (const PaymentGroup& g : groups)
        got.push_back(std::to_string(g.projectId) + " " + std::to_string(g.contractId.value_or(0)) + " " +
                      std::to_string(g.sourceId) + " " + std::string(Name(g.category)) + " " + std::string(Name(g.kind)) +
                      " " + g.payee + " " + std::to_string(g.amount.fen()) + " " + std::to_string(g.count) + " " +
                      FormatDate(g.first) + " " + FormatDate(g.last));
      std::sort(got.begin(), got.end());
      std::sort(expected.begin(), expected.end());
      CHECK(got == expected);
      if (upTo.year() == 2030) CHECK(got.size() > 20);
    }
    db.reset();
    fs::remove_all(dir);
  }
}

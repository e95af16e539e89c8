// Spreadsheet exchange: CSV reading, encodings, header mapping, every import error with
// its line and message, all-or-nothing writing, --update, and the demo round trip.
#include <doctest/doctest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "cli/cli.h"
#include "exchange/csv.h"
#include "exchange/encoding.h"
#include "app/actions.h"
#include "app/audit.h"
#include "app/import.h"
#include "exchange/exchange.h"
#include "storage/repository.h"
#include "raw_sqlite.h"
#include "storage/exchange_repository.h"
#include "test_db.h"

namespace fs = std::filesystem;
using namespace sb;
using namespace sb::exchange;

namespace {

const std::string kBom = "\xEF\xBB\xBF";

// A fresh folder under the system temp dir, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path = fs::temp_directory_path() /
           ("sb_exchange_" + std::to_string(rd()) + "_" + std::to_string(counter++));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string operator/(const std::string& name) const { return (path / name).string(); }
};

void WriteBytes(const std::string& path, const std::string& bytes) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// An empty database (as after `init`) in its own folder, with file helpers.
struct Fixture {
  TempDir dir;
  std::unique_ptr<storage::Database> db;
  Fixture() { db = storage::Database::Open(test::Db(dir / "county.db"), storage::OpenMode::Create); }

  std::string File(const std::string& name, const std::string& text) {
    std::string path = dir / name;
    WriteBytes(path, text);
    return path;
  }
  ImportResult Import(const std::vector<std::string>& paths, bool update = false, ProgressFn progress = nullptr) {
    ImportOptions o;
    o.update = update;
    o.progress = std::move(progress);
    app::Session session(*db);
    return app::Import(session, paths, o).result;
  }
  /// Whether SQLite kept a rollback journal (not the WAL) at some point of the import.
  bool JournalSeenDuring(const std::vector<std::string>& paths, ImportResult& result) {
    bool seen = false;
    result = Import(paths, false, [&](size_t, size_t) {
      std::error_code ec;
      seen |= fs::exists(dir / "county.db-journal", ec);
      return true;
    });
    return seen;
  }
  size_t Projects() { return storage::LoadPortfolio(*db).projects.size(); }
};

const char* kProjectsHeader =
    "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,建筑面积(㎡),计划开工,计划竣工,状态\n";
const char* kProjectRow1 = "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,3250,2025-03-01,2027-02-28,在建\n";
const char* kProjectRow2 = "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,2860,2025-04-01,2027-03-31,在建\n";

// A problem as the user reads it, with the file named by its name only (the tests write
// into a temporary folder).
std::string Show(const Problem& p) {
  Problem q = p;
  q.file = fs::path(p.file).filename().string();
  return q.ToString();
}

// Two projects and a county loan, so that money tables have something to refer to.
void Seed(Fixture& fx) {
  auto r = fx.Import({fx.File("seed/projects.csv", std::string(kProjectsHeader) + kProjectRow1 + kProjectRow2),
                      fx.File("seed/sources.csv",
                              "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\n"
                              "ZJ-01,教育扶贫贷款,政策性贷款,2025,30000,芦府字〔2025〕12号,征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费\n"
                              "ZJ-02,中央预算内投资,中央预算内投资,2025,2400,,建安工程、设备购置\n"),
                      fx.File("seed/contracts.csv",
                              "合同编号,项目编号,合同类型,乙方,合同金额(万元),签订日期,预付款比例(%),质保金比例(%)\n"
                              "HT-01,P-01,施工,萍乡市城建集团有限公司,6240,2025-02-26,20,3\n"
                              "HT-02,P-02,施工,江西中恒建设集团有限公司,5472,2025-03-20,20,3\n")});
  REQUIRE_MESSAGE(r.committed, (r.problems.empty() ? "" : Show(r.problems[0])));
}

// The single problem of a failed import.
std::string OnlyProblem(const ImportResult& r) {
  REQUIRE_FALSE(r.committed);
  REQUIRE_MESSAGE(r.problems.size() == 1, (r.problems.empty() ? "" : Show(r.problems[0])));
  return Show(r.problems[0]);
}

bool HasProblem(const ImportResult& r, const std::string& text) {
  for (const auto& p : r.problems)
    if (p.ToString().find(text) != std::string::npos) return true;
  return false;
}

std::string AllProblems(const ImportResult& r) {
  std::string s;
  for (const auto& l : r.ProblemLines()) s += l + "\n";
  return s;
}

}  // namespace

// ---- CSV -------------------------------------------------------------------------------

TEST_CASE("csv: a quoted field keeps commas, quotes and line breaks — line numbers follow the file") {
  auto doc = ParseCsv("a,b,c\r\n\"1,5\",\"he said \"\"hi\"\"\",\"two\r\nlines\"\r\nx,y,z\r\n");
  REQUIRE(doc.errors.empty());
  REQUIRE(doc.records.size() == 3);
  CHECK(doc.records[1].cells[0].text == "1,5");
  CHECK(doc.records[1].cells[0].quoted);
  CHECK(doc.records[1].cells[1].text == "he said \"hi\"");
  CHECK(doc.records[1].cells[2].text == "two\r\nlines");
  CHECK(doc.records[1].line == 2);
  CHECK(doc.records[2].line == 4);  // the record after a two-line field starts on line 4
}

TEST_CASE("csv: LF, CRLF and a missing final newline read alike") {
  auto lf = ParseCsv("a,b\n1,2\n");
  auto crlf = ParseCsv("a,b\r\n1,2\r\n");
  auto bare = ParseCsv("a,b\r\n1,2");
  for (auto* d : {&lf, &crlf, &bare}) {
    REQUIRE(d->records.size() == 2);
    CHECK(d->records[1].cells.size() == 2);
    CHECK(d->records[1].cells[1].text == "2");
  }
}

TEST_CASE("csv: empty fields at the end of a line are not stored, inner ones are") {
  // A sheet with a stray far-right cell: 1,000 empty columns must cost no memory per cell.
  std::string wide = "a,b" + std::string(1000, ',') + "\r\n1,,3" + std::string(1000, ',') + "\r\n,,\r\n";
  auto doc = ParseCsv(wide);
  REQUIRE(doc.errors.empty());
  REQUIRE(doc.records.size() == 3);
  CHECK(doc.records[0].cells.size() == 2);
  REQUIRE(doc.records[1].cells.size() == 3);
  CHECK(doc.records[1].cells[1].text == "");
  CHECK(doc.records[1].cells[2].text == "3");
  CHECK(doc.records[1].cells.capacity() < 100);
  CHECK(doc.records[2].cells.empty());
  CHECK(doc.records[2].IsBlank());
  // A syntax error after empty fields still names its field by position.
  auto late = ParseCsv("a,,,\"x\"y\n");
  REQUIRE(late.errors.size() == 1);
  CHECK(late.errors[0].column == 4);
}

TEST_CASE("import: a file with 1,000 empty columns after its data imports like the narrow one") {
  Fixture fx;
  std::string pad(1000, ','), header = kProjectsHeader, row = kProjectRow1;
  header.insert(header.size() - 1, pad);
  row.insert(row.size() - 1, pad);
  auto r = fx.Import({fx.File("projects.csv", header + row)});
  INFO(AllProblems(r));
  CHECK(r.committed);
  CHECK(fx.Projects() == 1);
}

TEST_CASE("csv: an unterminated quote and text after a closing quote are reported with their line") {
  auto open = ParseCsv("a,b\n1,\"never closed\n2,3\n");
  REQUIRE(open.errors.size() == 1);
  CHECK(open.errors[0].line == 2);
  CHECK(open.errors[0].column == 2);
  CHECK(open.errors[0].message.find("引号没有结束") != std::string::npos);
  auto after = ParseCsv("a,b\n\"x\"y,2\n");
  REQUIRE(after.errors.size() == 1);
  CHECK(after.errors[0].line == 2);
}

TEST_CASE("csv: writing quotes only what needs it, and reading gives the same text back") {
  CHECK(CsvQuote("plain") == "plain");
  CHECK(CsvQuote("1,5") == "\"1,5\"");
  CHECK(CsvQuote("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(CsvQuote(" padded") == "\" padded\"");
  CHECK(CsvQuote("") == "");
  std::string out;
  AppendCsvRecord(out, {"a,b", "line1\nline2", " x ", "", "普通"});
  CHECK(out.substr(out.size() - 2) == "\r\n");
  auto doc = ParseCsv(out);
  REQUIRE(doc.records.size() == 1);
  CHECK(doc.records[0].cells[0].text == "a,b");
  CHECK(doc.records[0].cells[1].text == "line1\nline2");
  CHECK(doc.records[0].cells[2].text == " x ");
  CHECK(doc.records[0].cells[3].text == "");
}

// ---- encodings ---------------------------------------------------------------------------

TEST_CASE("encoding: BOM, plain UTF-8 and GB18030 are told apart and converted") {
  auto bom = DecodeText(kBom + "项目编号\n");
  CHECK(bom.encoding == TextEncoding::Utf8Bom);
  CHECK(bom.text == "项目编号\n");
  auto plain = DecodeText("项目编号\n");
  CHECK(plain.encoding == TextEncoding::Utf8);
  std::string gbk = EncodeGb18030("濂溪中学，芦溪镇\n");
  CHECK(gbk != "濂溪中学，芦溪镇\n");
  auto d = DecodeText(gbk);
  CHECK(d.encoding == TextEncoding::Gb18030);
  CHECK(d.text == "濂溪中学，芦溪镇\n");
}

TEST_CASE("encoding: UTF-16, workbooks and undecodable bytes are refused with a reason") {
  CHECK_THROWS_WITH_AS(DecodeText("\xFF\xFE\x41\x00"), doctest::Contains("UTF-16"), Error);
  CHECK_THROWS_WITH_AS(DecodeText(std::string("PK\x03\x04rest", 8)), doctest::Contains("xlsx"), Error);
  // 0x80 alone is neither UTF-8 nor a GB18030 lead byte followed by a valid trail.
  CHECK_THROWS_WITH_AS(DecodeText("ok\nok\n\x80\xFF\n"), doctest::Contains("第3行"), Error);
}

TEST_CASE("encoding: a GBK file saved by Excel imports as proper UTF-8, never mojibake") {
  Fixture fx;
  auto r = fx.Import({std::string(SB_TEST_DATA) + "/gbk/projects.csv"});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto p = storage::FindProjectByCode(*fx.db, "GB-01");
  REQUIRE(p);
  CHECK(p->name == "濂溪中学新建工程");
  CHECK(p->township == "芦溪镇");
  CHECK(p->floorArea.centi() == 325000);
  CHECK(FormatDate(p->plannedStart) == "2025-03-01");
  CHECK(FormatDate(p->plannedFinish) == "2027-02-28");
  auto q = storage::FindProjectByCode(*fx.db, "GB-02");
  REQUIRE(q);
  CHECK(q->note == "“引号”与、顿号");
}

// ---- headers -----------------------------------------------------------------------------

TEST_CASE("header: English aliases, free column order, full-width brackets and 元 units") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv",
                              "Amount_Yuan, cost_category ,PROJECT\n"
                              "\"1,234.50\",建安工程,P-01\n"),
                      fx.File("allocations.csv", "项目编号,来源编号,下达金额(万元),下达日期\nP-01,ZJ-01,100,2025-06-01\n"),
                      fx.File("receipts.csv",
                              "到位日期,项目编号,来源编号,到位金额（万元）\n"
                              "2025年6月30日,P-01,ZJ-01,１２.５\n")});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto pf = storage::LoadPortfolio(*fx.db);
  REQUIRE(pf.budgetLines.size() == 1);
  CHECK(pf.budgetLines[0].amount.fen() == 123450);
  REQUIRE(pf.receipts.size() == 1);
  CHECK(pf.receipts[0].amount.fen() == 12500000);  // 12.5 万元 typed in full-width digits
  CHECK(FormatDate(pf.receipts[0].date) == "2025-06-30");
}

TEST_CASE("header: an unknown column is refused by name, with the columns allowed") {
  Fixture fx;
  auto r = fx.Import({fx.File("projects.csv", std::string("项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态,负责人\n") +
                                                  "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,在建,张三\n")});
  std::string p = OnlyProblem(r);
  CHECK(p.find("projects.csv:1: 负责人: 不认识的列") != std::string::npos);
  CHECK(p.find("项目编号、项目名称") != std::string::npos);
  CHECK(fx.Projects() == 0);
}

TEST_CASE("header: an amount column without its unit, a duplicate and a missing column") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额\nP-01,建安工程,100\n")});
  CHECK(OnlyProblem(r).find("budget.csv:1: 概算金额: 金额列必须在列名中注明单位：概算金额(万元) 或 概算金额(元)") !=
        std::string::npos);
  r = fx.Import({fx.File("budget.csv", "项目编号,project,费用类别,概算金额(万元)\nP-01,P-01,建安工程,100\n")});
  CHECK(OnlyProblem(r).find("budget.csv:1: project: 与第1列“项目编号”重复") != std::string::npos);
  r = fx.Import({fx.File("budget.csv", "项目编号,概算金额(万元)\nP-01,100\n")});
  CHECK(OnlyProblem(r).find("budget.csv:1: 缺少必需的列“费用类别”") != std::string::npos);
}

// ---- rows: every error class with its line and message ----------------------------------

TEST_CASE("row: a bad amount, 3 decimals in 元 and 7 decimals in 万元 are refused, never rounded") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv",
                              "项目编号,费用类别,概算金额(万元)\n"
                              "P-01,建安工程,六千五百\n"
                              "P-01,征地拆迁,1800.1234567\n"
                              "P-01,设备购置,650.123456\n")});
  REQUIRE(r.problems.size() == 2);
  CHECK(Show(r.problems[0]).find("budget.csv:2: 概算金额(万元): 金额“六千五百”不是数字") == 0);
  CHECK(Show(r.problems[1]) ==
        "budget.csv:3: 概算金额(万元): 金额“1800.1234567”的小数超过6位（万元的第6位小数即为1分）");
  auto yuan = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(元)\nP-01,建安工程,65000000.125\n")});
  CHECK(OnlyProblem(yuan) == "budget.csv:2: 概算金额(元): 金额“65000000.125”的小数超过2位（最小单位为分）");
  CHECK(storage::LoadPortfolio(*fx.db).budgetLines.empty());
}

TEST_CASE("row: thousands separators are accepted, misplaced ones refused") {
  Fixture fx;
  Seed(fx);
  auto ok = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(元)\nP-01,建安工程,\"1,234.50\"\n")});
  REQUIRE_MESSAGE(ok.committed, AllProblems(ok));
  auto bad = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(元)\nP-02,建安工程,\"12,34.50\"\n")});
  CHECK(OnlyProblem(bad).find("budget.csv:2: 概算金额(元): 金额“12,34.50”的千分位逗号位置不对") == 0);
}

TEST_CASE("row: a value outside the canonical list is refused, listing the allowed values") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(万元)\nP-01,土建工程,100\n")});
  CHECK(OnlyProblem(r) ==
        "budget.csv:2: 费用类别: 费用类别“土建工程”不是规定的取值（可选：征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费）");
  auto kind = fx.Import({fx.File("sources.csv", "来源编号,来源名称,来源类型,年度,金额(万元)\nZJ-09,某基金,国际援助,2025,10\n")});
  CHECK(OnlyProblem(kind).find("sources.csv:2: 来源类型: 来源类型“国际援助”不是规定的取值（可选：中央预算内投资、") == 0);
  auto step = fx.Import({fx.File("procedures.csv", "项目编号,手续,状态\nP-01,规划许可,已办结\n")});
  CHECK(OnlyProblem(step).find("procedures.csv:2: 手续: 手续“规划许可”不是前期手续模板中的名称（可选：立项批复、") == 0);
}

TEST_CASE("row: an unknown project code is refused on its line") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("progress.csv",
                              "项目编号,月份,完成比例(%),累计完成投资(万元)\n"
                              "P-01,2025-06,10.3,1009.4\n"
                              "P-99,2025-06,5,100\n")});
  CHECK(OnlyProblem(r) == "progress.csv:3: 项目编号: 项目编号“P-99”不存在（数据库和 projects.csv 中都没有）");
  CHECK(storage::LoadPortfolio(*fx.db).progress.empty());
}

TEST_CASE("row: a key that exists is refused without --update, and twice in one file always") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("projects.csv", std::string(kProjectsHeader) + kProjectRow1)});
  CHECK(OnlyProblem(r) ==
        "projects.csv:2: 项目编号: 项目“P-01”已存在；要用文件内容更新已有数据，请加 --update（窗口中勾选“更新已有数据”）");
  auto twice = fx.Import({fx.File("sources.csv",
                                  "来源编号,来源名称,来源类型,年度,金额(万元)\n"
                                  "ZJ-05,县级配套,县级财政,2025,100\n"
                                  "ZJ-05,县级配套二,县级财政,2025,200\n")});
  CHECK(OnlyProblem(twice) == "sources.csv:3: 来源编号: 来源编号“ZJ-05”与第2行重复");
  auto alloc = fx.Import({fx.File("allocations.csv",
                                  "项目编号,来源编号,下达金额(万元),下达日期\n"
                                  "P-01,ZJ-01,100,2025-02-20\n"
                                  "P-01,ZJ-01,50,2025/2/20\n")});
  CHECK(OnlyProblem(alloc) ==
        "allocations.csv:3: 下达日期: 资金下达（项目“P-01”、来源“ZJ-01”、2025-02-20）与第2行重复");
}

TEST_CASE("row: a bad date and a bad month are refused with the text typed") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("allocations.csv",
                              "项目编号,来源编号,下达金额(万元),下达日期\n"
                              "P-01,ZJ-01,100,2025-02-30\n"
                              "P-01,ZJ-01,100,下个月\n")});
  REQUIRE(r.problems.size() == 2);
  CHECK(Show(r.problems[0]) == "allocations.csv:2: 下达日期: 日期“2025-02-30”不存在");
  CHECK(Show(r.problems[1]) == "allocations.csv:3: 下达日期: 日期“下个月”格式不对，应为 2020-06-30");
  auto m = fx.Import({fx.File("progress.csv", "项目编号,月份,完成比例(%),累计完成投资(万元)\nP-01,2025-13,10,1\n")});
  CHECK(OnlyProblem(m) == "progress.csv:2: 月份: 月份“2025-13”不存在");
}

TEST_CASE("row: a cell with only spaces is empty — a required one says so") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(万元)\nP-01,   ,100\nP-01,建安工程,\u3000 \n")});
  REQUIRE(r.problems.size() == 2);
  CHECK(Show(r.problems[0]) == "budget.csv:2: 费用类别: 不能为空");
  CHECK(Show(r.problems[1]) == "budget.csv:3: 概算金额(万元): 不能为空");
}

TEST_CASE("row: full-width digits and ideographic spaces in numbers and dates are read") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("progress.csv",
                              "项目编号,月份,完成比例(%),累计完成投资(万元),形象进度\n"
                              "P-01,２０２５年６月,９３．５,\u3000１００９．４,主体封顶\n")});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto pf = storage::LoadPortfolio(*fx.db);
  REQUIRE(pf.progress.size() == 1);
  CHECK(pf.progress[0].month.Format() == "2025-06");
  CHECK(pf.progress[0].percent.tenths() == 935);
  CHECK(pf.progress[0].invested.fen() == 1009400000);
  CHECK(pf.progress[0].description == "主体封顶");
}

TEST_CASE("row: quoted fields with commas and line breaks, CRLF, trailing empty rows and columns") {
  Fixture fx;
  Seed(fx);
  std::string text = kBom +
                     "项目编号,月份,完成比例(%),累计完成投资(万元),形象进度,存在问题,,\r\n"
                     "P-01,2025-06,10.3,\"1,009.40\",\"主体施工，三层\r\n已封顶\",\"征地款未到位, 待协调\",,\r\n"
                     "P-02,2025-06,5,100,基础施工,,,\r\n"
                     ",,,,,,,\r\n"
                     "\r\n"
                     ",,,,,,,\r\n";
  auto r = fx.Import({fx.File("progress.csv", text)});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto pf = storage::LoadPortfolio(*fx.db);
  REQUIRE(pf.progress.size() == 2);
  CHECK(pf.progress[0].invested.fen() == 1009400000);
  CHECK(pf.progress[0].description == "主体施工，三层\r\n已封顶");
  CHECK(pf.progress[0].problems == "征地款未到位, 待协调");

  // The line of a problem after a two-line field is the line in the file.
  std::string bad = "项目编号,月份,完成比例(%),累计完成投资(万元),形象进度\r\n"
                    "P-01,2025-07,11,1100,\"two\r\nlines\"\r\n"
                    "P-01,2025-08,120,1200,\r\n";
  auto b = fx.Import({fx.File("progress.csv", bad)});
  CHECK(OnlyProblem(b) == "progress.csv:4: 完成比例(%): 完成比例(%)“120”应在 0.0 到 100.0 之间");
}

TEST_CASE("row: data under a column with no header is refused") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("budget.csv", "项目编号,费用类别,概算金额(万元),\nP-01,建安工程,100,多出来的\n")});
  CHECK(OnlyProblem(r) == "budget.csv:2: 第4列: 这一列没有列名，却有数据“多出来的”");
}

TEST_CASE("row: the model's own checks are reported on the row") {
  Fixture fx;
  auto r = fx.Import({fx.File("projects.csv", std::string(kProjectsHeader) +
                                                  "P-03,南坑镇中学综合楼建设,南坑镇中学,南坑镇,初中,综合楼,新建,5200,2026-06-30,2025-03-15,在建\n")});
  CHECK(OnlyProblem(r) == "projects.csv:2: 计划竣工 2025-03-15 早于计划开工 2026-06-30");
  Seed(fx);
  auto c = fx.Import({fx.File("contracts.csv",
                              "合同编号,项目编号,合同类型,乙方,合同金额(万元),预付款比例(%)\n"
                              "HT-09,P-01,施工,某公司,100,35\n")});
  CHECK(OnlyProblem(c) == "contracts.csv:2: 预付款比例(%): 预付款比例(%)“35”应在 0.00 到 30.00 之间");
}

// ---- all or nothing -----------------------------------------------------------------------

TEST_CASE("all or nothing: one bad row in the last file and nothing at all is written") {
  Fixture fx;
  auto r = fx.Import({fx.File("in/projects.csv", std::string(kProjectsHeader) + kProjectRow1 + kProjectRow2),
                      fx.File("in/budget.csv",
                              "项目编号,费用类别,概算金额(万元)\n"
                              "P-01,建安工程,6500\n"
                              "P-02,建安工程,5700\n"
                              "P-02,征地拆迁,-1\n")});
  CHECK(HasProblem(r, "budget.csv:4: 概算金额不能为负数"));
  CHECK(fx.Projects() == 0);
  CHECK(storage::LoadPortfolio(*fx.db).budgetLines.empty());
  CHECK(r.counts.empty());
}

TEST_CASE("all or nothing: every problem is listed, up to the limit, then counted") {
  Fixture fx;
  Seed(fx);
  std::string text = "项目编号,费用类别,概算金额(万元)\n";
  for (int i = 0; i < 250; ++i) text += "P-01,建安工程,x" + std::to_string(i) + "\n";
  auto r = fx.Import({fx.File("budget.csv", text)});
  CHECK(r.problems.size() == 200);
  CHECK(r.omittedProblems == 50);
  CHECK(r.ProblemCount() == 250);
  CHECK(r.problems[199].line == 201);
  CHECK(r.ProblemLines().back() == "……另有 50 个问题未列出");
}

TEST_CASE("all or nothing: a cancel from the progress callback writes nothing") {
  Fixture fx;
  std::string text = kProjectsHeader;
  for (int i = 0; i < 3000; ++i)
    text += "C-" + std::to_string(i) + ",学校" + std::to_string(i) + "教学楼,学校,城关镇,小学,教学楼,新建,100,,,储备\n";
  ImportOptions o;
  size_t calls = 0;
  o.progress = [&](size_t done, size_t total) {
    ++calls;
    CHECK(total == 3000);
    return done < 2000;
  };
  app::Session session(*fx.db);
  auto r = app::Import(session, {fx.File("projects.csv", text)}, o).result;
  CHECK(r.cancelled);
  CHECK_FALSE(r.committed);
  CHECK(calls >= 2);
  CHECK(fx.Projects() == 0);
}

// ---- files ---------------------------------------------------------------------------------

TEST_CASE("files: a folder, Chinese file names and dependency order whatever the order given") {
  Fixture fx;
  fx.File("in/概算.csv", "项目编号,费用类别,概算金额(万元)\nP-01,建安工程,6500\n");
  fx.File("in/项目.csv", std::string(kProjectsHeader) + kProjectRow1);
  fx.File("in/readme.txt", "not a table");
  auto r = fx.Import({fx.dir / "in"});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  REQUIRE(r.counts.size() == 2);
  CHECK(r.counts[0].table == Table::Projects);
  CHECK(r.counts[1].table == Table::Budget);
}

TEST_CASE("files: an unknown file name, a missing path, an empty file and a table given twice") {
  Fixture fx;
  auto r = fx.Import({fx.File("台账2024.csv", "x\n"), fx.dir / "nope.csv", fx.File("a/projects.csv", ""),
                      fx.File("b/项目.csv", "")});
  CHECK(HasProblem(r, "台账2024.csv: 不认识的文件名“台账2024.csv”：表由文件名识别，应为 projects.csv、budget.csv"));
  CHECK(HasProblem(r, "nope.csv: 文件不存在"));
  CHECK(HasProblem(r, "a/projects.csv: 文件是空的"));
  CHECK(HasProblem(r, "b/项目.csv: 与 "));
}

// ---- update ---------------------------------------------------------------------------------

TEST_CASE("update: changed rows are updated, identical ones left alone, missing columns kept") {
  Fixture fx;
  Seed(fx);
  auto r = fx.Import({fx.File("projects.csv",
                              "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态\n"
                              "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,竣工验收\n"
                              "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,在建\n"
                              "P-03,新泉乡综合楼建设,新泉乡中心学校,新泉乡,小学,综合楼,新建,前期\n")},
                     true);
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  REQUIRE(r.counts.size() == 1);
  CHECK(r.counts[0].inserted == 1);
  CHECK(r.counts[0].updated == 1);
  CHECK(r.counts[0].unchanged == 1);
  auto p1 = storage::FindProjectByCode(*fx.db, "P-01");
  CHECK(p1->status == ProjectStatus::Accepted);
  CHECK(p1->floorArea.centi() == 325000);               // no 建筑面积 column: kept
  CHECK(FormatDate(p1->plannedStart) == "2025-03-01");  // no 计划开工 column: kept
  CHECK(p1->rowVersion == 2);
  CHECK(storage::FindProjectByCode(*fx.db, "P-02")->rowVersion == 1);
}

TEST_CASE("update: vouchers with quotes, a backslash, commas and braces are found again by their key") {
  // The look-up sends the keys as one JSON array (SQLite) or one array literal (the server).
  Fixture fx;
  Seed(fx);
  std::string header = "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n";
  std::string rows = "P-01,HT-01,ZJ-01,建安工程,2025-03-28,1,进度款,\"记\"\"1\\2,{x}\",萍乡市城建集团有限公司\n"
                     "P-01,HT-01,ZJ-01,建安工程,2025-03-29,2,进度款,\"NULL\",萍乡市城建集团有限公司\n"
                     "P-01,HT-01,ZJ-01,建安工程,2025-03-30,3,进度款,记 [\\\"] ',萍乡市城建集团有限公司\n";
  auto first = fx.Import({fx.File("payments.csv", header + rows)});
  REQUIRE_MESSAGE(first.committed, AllProblems(first));
  auto same = fx.Import({fx.File("payments.csv", header + rows)}, true);
  REQUIRE_MESSAGE(same.committed, AllProblems(same));
  CHECK(same.counts[0].unchanged == 3);
  CHECK(same.counts[0].inserted == 0);
  auto again = fx.Import({fx.File("payments.csv", header + rows)});
  CHECK(again.ProblemCount() == 3);
  CHECK(HasProblem(again, "凭证号“记\"1\\2,{x}”的拨付已存在"));
  CHECK(storage::LoadPortfolio(*fx.db).payments.size() == 3);
}

TEST_CASE("update: a stored payment is never changed — identical skipped, different refused") {
  Fixture fx;
  Seed(fx);
  std::string header = "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位\n";
  std::string row = "P-01,HT-01,ZJ-01,建安工程,2025-03-28,1248,预付款,记-202503-0001,萍乡市城建集团有限公司\n";
  REQUIRE(fx.Import({fx.File("payments.csv", header + row)}).committed);
  auto again = fx.Import({fx.File("payments.csv", header + row)});
  CHECK(OnlyProblem(again).find("payments.csv:2: 凭证号: 凭证号“记-202503-0001”的拨付已存在") == 0);
  auto same = fx.Import({fx.File("payments.csv", header + row)}, true);
  REQUIRE(same.committed);
  CHECK(same.counts[0].unchanged == 1);
  auto changed = fx.Import(
      {fx.File("payments.csv", header + "P-01,HT-01,ZJ-01,建安工程,2025-03-28,1250,预付款,记-202503-0001,萍乡市城建集团有限公司\n")},
      true);
  CHECK(OnlyProblem(changed) ==
        "payments.csv:2: 凭证号“记-202503-0001”已用于 2025-03-28 的另一笔拨付（1,248.00 万元）；凭证号不能重复，已确认的拨付不能修改，如需更正请用红字冲销");
  CHECK(storage::LoadPortfolio(*fx.db).payments.size() == 1);
}

TEST_CASE("payments: a reversal mirrors its original — a contract belongs to the payment's project") {
  Fixture fx;
  Seed(fx);
  std::string header =
      "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";
  std::string original = "P-01,HT-01,ZJ-01,建安工程,2025-08-01,36.5,进度款,记-0101,错收单位,,\n";
  auto wrongAmount = fx.Import({fx.File("payments.csv", header + original +
                                                            "P-01,HT-01,ZJ-01,建安工程,2025-08-09,-30,进度款,记-0102,错收单位,记-0101,红字冲销\n")});
  CHECK(OnlyProblem(wrongAmount).find("payments.csv:3: 冲销记录必须与原拨付（凭证号“记-0101”）") == 0);
  auto ok = fx.Import({fx.File("payments.csv", header + original +
                                                   "P-01,HT-01,ZJ-01,建安工程,2025-08-09,-36.5,进度款,记-0102,错收单位,记-0101,红字冲销\n")});
  REQUIRE_MESSAGE(ok.committed, AllProblems(ok));
  auto pf = storage::LoadPortfolio(*fx.db);
  REQUIRE(pf.payments.size() == 2);
  CHECK(pf.payments[1].reversesId == pf.payments[0].id);
  auto twice = fx.Import({fx.File("payments.csv", header +
                                                      "P-01,HT-01,ZJ-01,建安工程,2025-08-10,-36.5,进度款,记-0103,错收单位,记-0101,\n")});
  CHECK(OnlyProblem(twice) == "payments.csv:2: 凭证号“记-0101”的拨付已经冲销过（冲销凭证号“记-0102”），不能重复冲销");
  auto negative = fx.Import({fx.File("payments.csv", header + "P-01,HT-01,ZJ-01,建安工程,2025-08-10,-5,进度款,记-0104,某单位,,\n")});
  CHECK(OnlyProblem(negative) == "payments.csv:2: 拨付金额必须大于零；更正请用红字冲销");
  auto foreign = fx.Import({fx.File("payments.csv", header + "P-01,HT-02,ZJ-01,建安工程,2025-08-10,5,进度款,记-0105,某单位,,\n")});
  CHECK(OnlyProblem(foreign) ==
        "payments.csv:2: 合同“HT-02”属于另一个项目，不能在此项目下拨付；请选择本项目的合同或“无合同”");
}

TEST_CASE("payments: a file longer than one batch is checked against the stored rows and its own earlier rows") {
  Fixture fx;
  Seed(fx);
  std::string header =
      "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";
  REQUIRE(fx.Import({fx.File("payments.csv", header + "P-01,HT-01,ZJ-01,建安工程,2025-08-01,10,进度款,记-S1,萍乡市城建集团有限公司,,\n")})
              .committed);
  // 2,500 rows: the reversal of the stored payment far into the file, and the reversal of
  // the file's own row 4 (记-0003) two batches after it.
  std::string body;
  for (int i = 1; i <= 2500; ++i) {
    std::string voucher = "记-" + std::to_string(10000 + i).substr(1);
    if (i == 2300)
      body += "P-01,HT-01,ZJ-01,建安工程,2025-09-02,-10,进度款," + voucher + ",萍乡市城建集团有限公司,记-S1,红字冲销\n";
    else if (i == 2400)
      body += "P-01,HT-01,ZJ-01,建安工程,2025-09-02,-0.01,进度款," + voucher + ",萍乡市城建集团有限公司,记-0003,红字冲销\n";
    else if (i % 2)
      body += "P-01,HT-01,ZJ-01,建安工程,2025-09-01,0.01,进度款," + voucher + ",萍乡市城建集团有限公司,,\n";
    else
      body += "P-02,HT-02,ZJ-01,建安工程,2025-09-01,0.01,进度款," + voucher + ",江西中恒建设集团有限公司,,\n";
  }
  auto r = fx.Import({fx.File("payments.csv", header + body)});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(r.counts[0].inserted == 2500);
  auto pf = storage::LoadPortfolio(*fx.db);
  REQUIRE(pf.payments.size() == 2501);
  auto byVoucher = [&](const std::string& v) {
    return *std::find_if(pf.payments.begin(), pf.payments.end(), [&](const Payment& p) { return p.voucher == v; });
  };
  CHECK(byVoucher("记-2300").reversesId == byVoucher("记-S1").id);
  CHECK(byVoucher("记-2400").reversesId == byVoucher("记-0003").id);
  Money paid;
  for (const auto& p : pf.payments) paid += p.amount;
  CHECK(paid == Money::FromWan(10) - Money::FromWan(10) + Money::FromFen(10000LL * 2498) - Money::FromFen(10000));

  // A stored reversal is found by key too; so are a stored voucher and a repeat far apart.
  auto twice = fx.Import({fx.File("payments.csv", header + "P-01,HT-01,ZJ-01,建安工程,2025-09-03,-10,进度款,记-T1,萍乡市城建集团有限公司,记-S1,\n")});
  CHECK(OnlyProblem(twice) == "payments.csv:2: 凭证号“记-S1”的拨付已经冲销过（冲销凭证号“记-2300”），不能重复冲销");
  std::string repeat = header;
  for (int i = 1; i <= 1600; ++i)
    repeat += "P-01,HT-01,ZJ-01,建安工程,2025-09-05,0.01,进度款,记-R" + std::to_string(i == 1500 ? 1 : i) + ",萍乡市城建集团有限公司,,\n";
  repeat += "P-01,HT-01,ZJ-01,建安工程,2025-09-05,0.01,进度款,记-1234,萍乡市城建集团有限公司,,\n";
  auto bad = fx.Import({fx.File("payments.csv", repeat)});
  CHECK(HasProblem(bad, "payments.csv:1501: 凭证号: 凭证号“记-R1”与第2行重复"));
  CHECK_MESSAGE(HasProblem(bad, "payments.csv:1602: 凭证号“记-1234”已用于 2025-09-01 的另一笔拨付（0.01 万元）"), AllProblems(bad));
  CHECK(bad.ProblemCount() == 2);
  CHECK(storage::LoadPortfolio(*fx.db).payments.size() == 2501);

  // A payment of this file reversed a batch after it, then again two batches later: the
  // rows written leave memory, and the second reversal still learns of the first.
  std::string again = header;
  for (int i = 1; i <= 2300; ++i) {
    const std::string v = "记-A" + std::to_string(i);
    if (i == 1200 || i == 2250)
      again += "P-01,HT-01,ZJ-01,建安工程,2025-09-07,-0.01,进度款," + v + ",萍乡市城建集团有限公司,记-A4,红字冲销\n";
    else
      again += "P-01,HT-01,ZJ-01,建安工程,2025-09-06,0.01,进度款," + v + ",萍乡市城建集团有限公司,,\n";
  }
  auto reversedTwice = fx.Import({fx.File("payments.csv", again)});
  CHECK(OnlyProblem(reversedTwice) ==
        "payments.csv:2251: 凭证号“记-A4”的拨付已经冲销过（冲销凭证号“记-A1200”），不能重复冲销");
  CHECK(storage::LoadPortfolio(*fx.db).payments.size() == 2501);
}

TEST_CASE("payments: 20,001 payments go in without the read-only indexes and INSERT triggers, which come back exactly as they were") {
  Fixture fx;
  Seed(fx);
  // The indexes and triggers of payments and history as the schema made them.
  auto indexes = [&] {
    if (test::OnServer()) return std::string("server");  // SQLite alone sets them aside
    test::RawDb raw(fx.dir / "county.db");
    return raw.Text("SELECT group_concat(name || ':' || COALESCE(sql, ''), char(10)) FROM "
                    "(SELECT name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name IN "
                    "('payments', 'history') ORDER BY name)");
  };
  // The file is back in WAL after each import (a large load goes through a rollback journal).
  auto journal = [&] { return test::OnServer() ? std::string("wal") : test::RawDb(fx.dir / "county.db").Text("PRAGMA journal_mode"); };
  const std::string before = indexes();
  if (!test::OnServer()) {
    CHECK(before.find("payments_groups:CREATE INDEX") != std::string::npos);
    CHECK(before.find("history_row:CREATE INDEX") != std::string::npos);
    CHECK(before.find("history_payments_insert:CREATE TRIGGER") != std::string::npos);
    CHECK(before.find("payment_groups_add:CREATE TRIGGER") != std::string::npos);
    CHECK(before.find("payments_amount_integer_insert:CREATE TRIGGER") != std::string::npos);
  }
  std::string header = "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";
  const size_t n = storage::BulkInserter::kAsideRows + 1;
  std::string body;
  for (size_t i = 1; i <= n; ++i)
    body += i % 2 ? "P-01,HT-01,ZJ-01,建安工程,2025-09-01,0.01,进度款,记-B" + std::to_string(i) + ",萍乡市城建集团有限公司,,\n"
                  : "P-02,HT-02,ZJ-01,建安工程,2025-09-01,0.02,进度款,记-B" + std::to_string(i) + ",江西中恒建设集团有限公司,,\n";
  // The same file with a bad last row: nothing written, and the indexes are all there.
  auto bad = fx.Import({fx.File("payments.csv", header + body + "P-01,HT-01,ZJ-01,建安工程,2025-09-01,0.01x,进度款,记-X,萍乡市城建集团有限公司,,\n")});
  CHECK(HasProblem(bad, "金额“0.01x”不是数字"));
  CHECK(indexes() == before);
  ImportResult r;
  const bool rollbackJournal = fx.JournalSeenDuring({fx.File("payments.csv", header + body)}, r);
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(r.counts[0].inserted == n);
  CHECK(indexes() == before);
  // A load larger than the file went through a rollback journal, and the file is in WAL again.
  if (!test::OnServer()) CHECK(rollbackJournal);
  CHECK(journal() == "wal");
  std::map<std::string, Money> paid;
  for (const auto& s : storage::ProjectSummaries(*fx.db)) paid[s.project.code] = s.paid;
  CHECK(paid["P-01"] == Money::FromFen(10000LL * 10001));  // 10,001 payments of 0.01 万元
  CHECK(paid["P-02"] == Money::FromFen(20000LL * 10000));
  const auto verified = app::Verify(*fx.db);
  CHECK_MESSAGE(verified.ok(), (verified.problems.empty() ? verified.integrity : verified.problems[0]));
  CHECK(verified.entries >= n);

  // As many again into the stored ones: the sums added at the end are the new payments' only.
  std::string more = body;
  for (size_t at = more.find("记-B"); at != std::string::npos; at = more.find("记-B", at)) more.replace(at, 5, "记-C");
  // A file already larger than the load stays in WAL.
  ImportResult again;
  const bool journalAgain = fx.JournalSeenDuring({fx.File("payments.csv", header + more)}, again);
  REQUIRE_MESSAGE(again.committed, AllProblems(again));
  CHECK(again.counts[0].inserted == n);
  CHECK(indexes() == before);
  CHECK_FALSE(journalAgain);
  CHECK(journal() == "wal");
  paid.clear();
  for (const auto& s : storage::ProjectSummaries(*fx.db)) paid[s.project.code] = s.paid;
  CHECK(paid["P-01"] == Money::FromFen(2 * 10000LL * 10001));
  CHECK(paid["P-02"] == Money::FromFen(2 * 20000LL * 10000));
  const auto twice = app::Verify(*fx.db);
  CHECK_MESSAGE(twice.ok(), (twice.problems.empty() ? twice.integrity : twice.problems[0]));
}

TEST_CASE("payments: a dry run of a load larger than the file leaves the file's bytes as they were" *
          doctest::test_suite("sqlite-file")) {
  Fixture fx;
  Seed(fx);
  std::string csv = "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";
  for (size_t i = 1; i <= storage::BulkInserter::kAsideRows + 1; ++i)
    csv += "P-01,HT-01,ZJ-01,建安工程,2025-09-01,0.01,进度款,记-D" + std::to_string(i) + ",萍乡市城建集团有限公司,,\n";
  const std::string path = fx.File("payments.csv", csv);
  auto bytes = [&](const std::string& name) {
    std::error_code ec;
    return fs::exists(fx.dir / name, ec) ? ReadBytes(fx.dir / name) : std::string("(none)");
  };
  const std::string file = bytes("county.db");
  ImportOptions o;
  o.dryRun = true;
  app::Session session(*fx.db);
  auto r = app::Import(session, {path}, o).result;
  CHECK(r.ProblemCount() == 0);
  CHECK_FALSE(r.committed);
  // No checkpoint and no header rewritten by a journal switch (the WAL may hold the dry
  // run's uncommitted pages: SQLite ignores them).
  CHECK(bytes("county.db") == file);
}

TEST_CASE("payments: a large load with another connection open stays in WAL, and that connection reads on" *
          doctest::test_suite("sqlite-file")) {
  Fixture fx;
  Seed(fx);
  test::RawDb other(fx.dir / "county.db");  // the window of another section
  CHECK(other.Text("SELECT COUNT(*) FROM projects") == "2");
  std::string csv = "项目编号,合同编号,来源编号,费用类别,拨付日期,金额(万元),款项性质,凭证号,收款单位,冲销凭证号,备注\n";
  const size_t n = storage::BulkInserter::kAsideRows + 1;
  for (size_t i = 1; i <= n; ++i)
    csv += "P-01,HT-01,ZJ-01,建安工程,2025-09-01,0.01,进度款,记-W" + std::to_string(i) + ",萍乡市城建集团有限公司,,\n";
  bool readDuring = false, journal = false;
  auto r = fx.Import({fx.File("payments.csv", csv)}, false, [&](size_t done, size_t total) {
    std::error_code ec;
    journal |= fs::exists(fx.dir / "county.db-journal", ec);
    // Under WAL the other connection reads the file as it was, while the import writes.
    if (done > 0 && done < total && !readDuring) readDuring = other.Text("SELECT COUNT(*) FROM payments") == "0";
    return true;
  });
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(r.counts[0].inserted == n);
  CHECK_FALSE(journal);
  CHECK(readDuring);
  CHECK(other.Text("SELECT COUNT(*) FROM payments") == std::to_string(n));
  CHECK(other.Text("PRAGMA journal_mode") == "wal");
}

// ---- export and the round trip ----------------------------------------------------------------

TEST_CASE("export: the demo county exports, imports into an empty database and exports byte-identical") {
  for (const char* county : {"芦溪", "建始"})
  for (MoneyUnit unit : {MoneyUnit::Wan, MoneyUnit::Yuan}) {
    CAPTURE(county);
    CAPTURE(static_cast<int>(unit));
    TempDir dir;
    auto demo = storage::Database::Open(test::Db(dir / "demo.db"), storage::OpenMode::Create);
    storage::LoadDemo(*demo, county);
    ExportOptions o;
    o.unit = unit;
    auto first = Export(*demo, dir / "first", o);
    REQUIRE(first.files.size() == 12);
    // Read table by table, written as read: the same bytes as the whole portfolio gives.
    Portfolio whole = storage::LoadPortfolio(*demo);
    for (Table t : kTablesInOrder) {
      CAPTURE(Spec(t).file);
      CHECK(ReadBytes(dir / ("first/" + std::string(Spec(t).file))) == ExportTableText(whole, t, unit));
    }

    auto empty = storage::Database::Open(test::Db(dir / "empty.db"), storage::OpenMode::Create);
    app::Session session(*empty);
    auto r = app::Import(session, {dir / "first"}).result;
    REQUIRE_MESSAGE(r.committed, AllProblems(r));
    // The payments' sums the import added (a batch at a time on a file) are the demo's.
    CHECK(storage::PaymentGroupsDisagreeing(*empty).empty());
    {
      // The rows have new ids: the groups compared by their figures.
      auto figures = [](storage::Database& db) {
        std::vector<std::string> out;
        for (const PaymentGroup& g : storage::PaymentGroups(db))
          out.push_back(std::to_string(g.amount.fen()) + " " + std::to_string(g.count) + " " + FormatDate(g.first) +
                        " " + FormatDate(g.last) + " " + g.payee);
        std::sort(out.begin(), out.end());
        return out;
      };
      const auto original = figures(*demo);
      CHECK(original.size() > 20);
      CHECK(figures(*empty) == original);
    }
    Export(*empty, dir / "second", o);
    for (Table t : kTablesInOrder) {
      std::string name(Spec(t).file);
      CAPTURE(name);
      std::string a = ReadBytes(dir / ("first/" + name)), b = ReadBytes(dir / ("second/" + name));
      // 芦溪's works contracts follow their projects' progress: only 建始 has contract progress.
      if (t == Table::Counties) CHECK(a.size() > 30);  // one county
      else if (t != Table::ContractProgress || std::string(county) == "建始") CHECK(a.size() > 100);
      CHECK(a == b);
    }
  }
}

TEST_CASE("export: the programme (项目批次) is a column of projects.csv and round-trips exactly") {
  TempDir dir;
  auto demo = storage::Database::Open(test::Db(dir / "demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo, "建始");
  REQUIRE(Export(*demo, dir / "first").files.size() == 12);
  std::string projects = ReadBytes(dir / "first/projects.csv");
  CHECK(projects.find(",状态,项目批次,备注,行政区划代码\r\n") != std::string::npos);
  CHECK(projects.find("JS2019-01,景阳镇民族中学食堂新建,景阳镇民族中学,景阳镇,初中,食堂,新建,1200.00,2019-04-01,"
                      "2019-09-30,2019-04-11,2019-11-15,完工,2019年寄宿制学校建设,,422822\r\n") != std::string::npos);

  auto copy = storage::Database::Open(test::Db(dir / "copy.db"), storage::OpenMode::Create);
  app::Session session(*copy);
  auto r = app::Import(session, {dir / "first"}).result;
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  std::map<std::string, int> count;
  for (const auto& p : storage::LoadPortfolio(*copy).projects) ++count[p.programme];
  CHECK(count["2019年寄宿制学校建设"] == 18);
  CHECK(count["2019年非义务教育学校建设"] == 11);
  CHECK(count["2019年农村教师周转宿舍建设"] == 1);
  CHECK(count["2020年寄宿制学校建设"] == 2);
  REQUIRE(Export(*copy, dir / "second").files.size() == 12);
  CHECK(ReadBytes(dir / "second/projects.csv") == projects);
}

TEST_CASE("import: a programme is optional, kept when its column is absent, and refused with a space at its end") {
  Fixture fx;
  auto r = fx.Import({fx.File("a/projects.csv",
                              "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态,项目批次\n"
                              "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,在建,2019年寄宿制学校建设\n"
                              "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,在建,\n")});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(storage::FindProjectByCode(*fx.db, "P-01")->programme == "2019年寄宿制学校建设");
  CHECK(storage::FindProjectByCode(*fx.db, "P-02")->programme.empty());
  // An update without the column leaves the programme as it was.
  r = fx.Import({fx.File("b/projects.csv", std::string(kProjectsHeader) + kProjectRow1)}, true);
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(storage::FindProjectByCode(*fx.db, "P-01")->programme == "2019年寄宿制学校建设");
  // Two spellings would be two groups of the report: a space at either end is refused.
  r = fx.Import({fx.File("c/projects.csv",
                         "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态,项目批次\n"
                         "P-03,新泉乡综合楼建设,新泉乡中心小学,新泉乡,小学,综合楼,新建,在建,\"2019年寄宿制学校建设 \"\n")});
  CHECK(OnlyProblem(r).find("项目批次“2019年寄宿制学校建设 ”的首尾不能有空格") != std::string::npos);
}

TEST_CASE("export: procurement, a stated 0% retention, advance recovery and permit extensions round-trip exactly") {
  TempDir dir;
  auto demo = storage::Database::Open(dir / "demo.db", storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  Contract works = *storage::FindContractByCode(*demo, "HT-LX2025-01-SG");
  works.retentionRate = Rate();  // stated 0%: a guarantee instead
  works.advanceRecoverFrom = Percent::FromTenths(200);
  works.advanceRecoverTo = Percent::FromTenths(755);
  storage::UpdateContract(*demo, works);
  Contract design = *storage::FindContractByCode(*demo, "HT-LX2025-01-SJ");
  design.retentionRate.reset();  // none stated
  design.procurement = Procurement::SingleSource;
  design.awardNo.clear();
  storage::UpdateContract(*demo, design);
  ProcedureStep permit;
  for (const auto& s : storage::LoadPortfolio(*demo).procedureSteps)
    if (s.projectId == works.projectId && s.templateId == 11) permit = s;
  REQUIRE(permit.id != 0);
  permit.extensions = 2;
  storage::SaveProcedureStep(*demo, permit);
  REQUIRE(Export(*demo, dir / "first").files.size() == 12);
  std::string contracts = ReadBytes(dir / "first/contracts.csv");
  CHECK(contracts.find("质保金比例(%),采购方式,中标通知书,预付款扣回起点(%),预付款扣回终点(%),备注") != std::string::npos);
  CHECK(contracts.find(",20.00,0.00,公开招标,芦公资交中〔2025〕") != std::string::npos);
  CHECK(contracts.find(",20.0,75.5,") != std::string::npos);
  CHECK(contracts.find(",0.00,,单一来源,,,,") != std::string::npos);
  CHECK(ReadBytes(dir / "first/procedures.csv").find("文号,延期次数,备注") != std::string::npos);

  auto copy = storage::Database::Open(dir / "copy.db", storage::OpenMode::Create);
  app::Session session(*copy);
  auto r = app::Import(session, {dir / "first"}).result;
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  Contract w = *storage::FindContractByCode(*copy, "HT-LX2025-01-SG");
  CHECK(w.retentionRate == Rate());
  CHECK(w.procurement == Procurement::OpenTender);
  CHECK(!w.awardNo.empty());
  CHECK(w.advanceRecoverTo == Percent::FromTenths(755));
  CHECK(!storage::FindContractByCode(*copy, "HT-LX2025-01-SJ")->retentionRate);
  int extended = 0;
  for (const auto& s : storage::LoadPortfolio(*copy).procedureSteps) extended += s.extensions;
  CHECK(extended == 2);
  REQUIRE(Export(*copy, dir / "second").files.size() == 12);
  for (Table t : kTablesInOrder) {
    std::string name(Spec(t).file);
    CAPTURE(name);
    CHECK(ReadBytes(dir / ("first/" + name)) == ReadBytes(dir / ("second/" + name)));
  }
}

TEST_CASE("formula-looking text gets one apostrophe and loses exactly that one again") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"}, {"+86 0799", "'+86 0799"},
      {"-开头", "'-开头"}, {"@SUM(A1)", "'@SUM(A1)"}, {"\t=x", "'\t=x"}, {"\r=x", "'\r=x"},
      {"'=x", "''=x"}, {"''-x", "'''-x"}, {"=", "'="},
      // not formulas: unchanged, and an apostrophe before plain text is the user's own
      {"'", "'"}, {"''", "''"}, {"'abc", "'abc"}, {"", ""}, {"abc", "abc"}, {"a=b", "a=b"}};
  for (const auto& [text, guarded] : cases) {
    CAPTURE(text);
    CHECK(GuardFormula(text) == guarded);
    CHECK(UnguardFormula(guarded) == text);
  }
}

TEST_CASE("export: formula-looking text cells are neutralised and the round trip stays byte-identical") {
  TempDir dir;
  auto demo = storage::Database::Open(test::Db(dir / "demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  REQUIRE(Export(*demo, dir / "first").files.size() == 12);
  // What someone typed into the spreadsheet: formulas as names, payees and notes.
  auto replace = [&](const std::string& file, const std::string& from, const std::string& to) {
    std::string text = ReadBytes(dir / file);
    auto at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
    WriteBytes(dir / file, text);
  };
  replace("first/projects.csv", ",濂溪中学新建工程,", ",\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",");
  replace("first/payments.csv", ",芦溪镇人民政府,,", ",@SUM(1+1),,+86 0799 电话");
  replace("first/payments.csv", "收款单位错误，红字冲销", "-收款单位错误 '=x");

  auto a = storage::Database::Open(test::Db(dir / "a.db"), storage::OpenMode::Create);
  app::Session sa(*a);
  auto ra = app::Import(sa, {dir / "first"}).result;
  REQUIRE_MESSAGE(ra.committed, AllProblems(ra));
  bool stored = false;
  for (const auto& p : storage::ProjectSummaries(*a))
    stored |= p.project.name == "=HYPERLINK(\"http://x\",\"点我\")";
  CHECK(stored);  // stored as typed: the guard belongs to the file, not the data
  REQUIRE(Export(*a, dir / "second").files.size() == 12);
  std::string projects = ReadBytes(dir / "second/projects.csv");
  std::string payments = ReadBytes(dir / "second/payments.csv");
  CHECK(projects.find(",\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",") != std::string::npos);
  CHECK(payments.find(",'@SUM(1+1),,'+86 0799 电话\r\n") != std::string::npos);
  CHECK(payments.find(",'-收款单位错误 '=x\r\n") != std::string::npos);
  CHECK(payments.find(",-36.50,") != std::string::npos);  // a negative amount stays a number
  CHECK(payments.find(",'-36.50,") == std::string::npos);

  auto b = storage::Database::Open(test::Db(dir / "b.db"), storage::OpenMode::Create);
  app::Session sb(*b);
  auto rb = app::Import(sb, {dir / "second"}).result;
  REQUIRE_MESSAGE(rb.committed, AllProblems(rb));
  REQUIRE(Export(*b, dir / "third").files.size() == 12);
  for (Table t : kTablesInOrder) {
    std::string name(Spec(t).file);
    CAPTURE(name);
    CHECK(ReadBytes(dir / ("second/" + name)) == ReadBytes(dir / ("third/" + name)));
  }
}

TEST_CASE("import: a payment dated outside the plausible years or a voucher with a control character is refused") {
  TempDir dir;
  auto demo = storage::Database::Open(test::Db(dir / "demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  REQUIRE(Export(*demo, dir / "set").files.size() == 12);
  std::string payments = ReadBytes(dir / "set/payments.csv");
  auto at = payments.find(",2024-12-18,1008.00,");
  REQUIRE(at != std::string::npos);
  payments.replace(at, std::string(",1999-12-18,").size(), ",1999-12-18,");
  const std::string voucher = ",记-202501-0002,";
  at = payments.find(voucher);
  REQUIRE(at != std::string::npos);
  payments.replace(at, voucher.size(), ",\x1f,");
  WriteBytes(dir / "set/payments.csv", payments);
  auto empty = storage::Database::Open(test::Db(dir / "empty.db"), storage::OpenMode::Create);
  app::Session session(*empty);
  auto r = app::Import(session, {dir / "set"}).result;
  CHECK_FALSE(r.committed);
  const std::string all = AllProblems(r);
  CHECK(all.find("payments.csv:2:") != std::string::npos);
  CHECK(all.find("拨付日期 1999-12-18 的年份不在 2000–2100 之间") != std::string::npos);
  CHECK(all.find("payments.csv:3:") != std::string::npos);
  CHECK(all.find("控制字符（0x1F）") != std::string::npos);
}

TEST_CASE("export: UTF-8 with BOM, CRLF, canonical headers, exact amounts without separators") {
  TempDir dir;
  auto demo = storage::Database::Open(test::Db(dir / "demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  auto pf = storage::LoadPortfolio(*demo);
  std::string budget = ExportTableText(pf, Table::Budget, MoneyUnit::Wan);
  CHECK(budget.rfind(kBom + "项目编号,费用类别,概算金额(万元)\r\n", 0) == 0);
  CHECK(budget.find("LX2025-01,征地拆迁,1800.00\r\n") != std::string::npos);
  std::string yuan = ExportTableText(pf, Table::Budget, MoneyUnit::Yuan);
  CHECK(yuan.find("概算金额(元)") != std::string::npos);
  CHECK(yuan.find("LX2025-01,征地拆迁,18000000.00\r\n") != std::string::npos);
  std::string payments = ExportTableText(pf, Table::Payments, MoneyUnit::Wan);
  // The reversal names the voucher it reverses; amounts keep every significant decimal.
  CHECK(payments.find(",-36.50,进度款,记-202608-0103,芦溪县第一建筑工程有限公司,记-202608-0102,"
                      "收款单位错误，红字冲销\r\n") != std::string::npos);
  CHECK(payments.find(",628.992,进度款,记-202603-0005,") != std::string::npos);
  for (const std::string& t : {budget, payments}) CHECK(t.find("\n") == t.find("\r\n") + 1);
}

// ---- the command line ---------------------------------------------------------------------------

TEST_CASE("cli: import prints counts — errors go to stderr as FILE:LINE: column: reason with exit 1") {
  TempDir dir;
  std::ostringstream out, err;
  REQUIRE(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "c.db"), "init"}, out, err) == cli::kExitOk);
  WriteBytes(dir / "in/projects.csv", std::string(kProjectsHeader) + kProjectRow1);
  out.str("");
  CHECK(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "c.db"), "import", dir / "in/projects.csv"}, out, err) ==
        cli::kExitOk);
  CHECK(out.str().find("项目（" + dir / "in/projects.csv" + "）：新增 1 行") != std::string::npos);

  WriteBytes(dir / "bad/budget.csv", "项目编号,费用类别,概算金额(元)\nP-01,建安工程,1.005\nP-09,建安工程,1\n");
  out.str("");
  err.str("");
  CHECK(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "c.db"), "import", dir / "bad"}, out, err) == cli::kExitFailed);
  std::string e = err.str();
  CHECK(e.find(dir / "bad/budget.csv" + ":2: 概算金额(元): 金额“1.005”的小数超过2位") != std::string::npos);
  CHECK(e.find(dir / "bad/budget.csv" + ":3: 项目编号: 项目编号“P-09”不存在") != std::string::npos);
  CHECK(e.find("导入失败：共 2 个问题，数据库没有任何改动。") != std::string::npos);
  CHECK(out.str().empty());
}

TEST_CASE("cli: export --unit 元 writes 元 headers — an unknown unit is refused") {
  TempDir dir;
  std::ostringstream out, err;
  REQUIRE(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "d.db"), "demo"}, out, err) == cli::kExitOk);
  CHECK(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "d.db"), "export", dir / "x", "--unit", "元"}, out, err) ==
        cli::kExitOk);
  CHECK(ReadBytes(dir / "x/payments.csv").find("金额(元)") != std::string::npos);
  CHECK(cli::Run({"schoolbuild-cli", "--db", test::Db(dir / "d.db"), "export", dir / "y", "--unit", "千元"}, out, err) ==
        cli::kExitFailed);
  CHECK(err.str().find("--unit 只能是 万元 或 元") != std::string::npos);
}

TEST_CASE("import: the county column of projects.csv may be left out with one county and is required with two") {
  Fixture fx;
  // One county (the database's own): a file without the column, as before schema 12.
  auto r = fx.Import({fx.File("projects.csv", std::string(kProjectsHeader) + kProjectRow1)});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto only = storage::Counties(*fx.db);
  REQUIRE(only.size() == 1);
  CHECK(only[0].code == "000000");  // not set yet
  CHECK(storage::FindProjectByCode(*fx.db, "P-01")->countyCode == "000000");

  // The county's real code (P-01 moves with it), then a second county: a new project must
  // now say which, naming the file's line and column.
  {
    app::Session session(*fx.db);
    app::SetCounty(session, "360323", "芦溪县");
    CHECK(storage::Counties(*fx.db).size() == 1);
    CHECK(storage::FindProjectByCode(*fx.db, "P-01")->countyCode == "360323");
    app::SetCounty(session, "422822", "建始县");
    CHECK(storage::Counties(*fx.db).size() == 2);
  }
  only = storage::Counties(*fx.db);
  r = fx.Import({fx.File("projects.csv", std::string(kProjectsHeader) + kProjectRow2)});
  CHECK_FALSE(r.committed);
  REQUIRE(r.problems.size() == 1);
  CHECK(Show(r.problems[0]) == "projects.csv:2: 行政区划代码: 本数据库有 2 个县（区）（360323 芦溪县、422822 建始县），"
                               "每个项目都要填写所属县（区）的行政区划代码");
  CHECK(fx.Projects() == 1);

  // With the column: the code given is the project's; an unknown one is refused.
  const std::string header = "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态,行政区划代码\n";
  r = fx.Import({fx.File("projects.csv", header + "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,在建,360399\n")});
  CHECK_FALSE(r.committed);
  REQUIRE(r.problems.size() == 1);
  CHECK(Show(r.problems[0]).starts_with("projects.csv:2: 行政区划代码: “360399”不是本数据库的县（区）"));
  r = fx.Import({fx.File("projects.csv", header + "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,在建,422822\n")});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(storage::FindProjectByCode(*fx.db, "P-02")->countyCode == "422822");
  // A stored project keeps its county when a later file has no column (or an empty cell).
  r = fx.Import({fx.File("projects.csv", std::string(kProjectsHeader) + kProjectRow1)}, true);
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(storage::FindProjectByCode(*fx.db, "P-01")->countyCode == "360323");

  // sources.csv the same way.
  const std::string sources = "来源编号,来源名称,来源类型,年度,金额(万元)\nS-01,县级配套,县级财政,2025,100\n";
  r = fx.Import({fx.File("sources.csv", sources)});
  CHECK_FALSE(r.committed);
  REQUIRE(r.problems.size() == 1);
  CHECK(Show(r.problems[0]).starts_with("sources.csv:2: 行政区划代码: 本数据库有 2 个县（区）"));
  r = fx.Import({fx.File("sources.csv", "来源编号,来源名称,来源类型,年度,金额(万元),行政区划代码\n"
                                        "S-01,县级配套,县级财政,2025,100,422822\n")});
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  CHECK(storage::FindSourceByCode(*fx.db, "S-01")->countyCode == "422822");
}

TEST_CASE("export: two counties export with counties.csv and the county column, and round-trip byte-identical") {
  TempDir dir;
  auto city = storage::Database::Open(test::Db(dir / "city.db"), storage::OpenMode::Create);
  storage::LoadDemo(*city, "芦溪");
  storage::LoadDemo(*city, "建始");
  REQUIRE(Export(*city, dir / "first").files.size() == 12);
  CHECK(ReadBytes(dir / "first/counties.csv") == kBom + "行政区划代码,县（区）\r\n360323,芦溪县\r\n422822,建始县\r\n");
  std::string sources = ReadBytes(dir / "first/sources.csv");
  CHECK(sources.find(",可用于,备注,行政区划代码\r\n") != std::string::npos);
  CHECK(sources.find(",360323\r\n") != std::string::npos);
  CHECK(sources.find(",422822\r\n") != std::string::npos);

  // Into an empty database (its own placeholder county 000000): the file's two counties.
  auto copy = storage::Database::Open(test::Db(dir / "copy.db"), storage::OpenMode::Create);
  app::Session session(*copy);
  auto r = app::Import(session, {dir / "first"}).result;
  REQUIRE_MESSAGE(r.committed, AllProblems(r));
  auto counties = storage::Counties(*copy);
  REQUIRE(counties.size() == 2);
  CHECK(counties[0].code == "360323");
  CHECK(counties[1].code == "422822");
  REQUIRE(Export(*copy, dir / "second").files.size() == 12);
  for (Table t : kTablesInOrder) {
    std::string name(Spec(t).file);
    CAPTURE(name);
    CHECK(ReadBytes(dir / ("first/" + name)) == ReadBytes(dir / ("second/" + name)));
  }
}

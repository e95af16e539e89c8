// The monthly report: figures, grouping, pages, the files it writes, closed months.
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/cli.h"
#include "core/text.h"
#include "report/draw.h"
#include "report/export.h"
#include "report/layout.h"
#include "report/present.h"
#include "app/actions.h"
#include "app/report_service.h"
#include "report/snapshot.h"
#include "report/text_engine.h"
#include "cli_run.h"
#include "report_fixture.h"
#include "storage/report_repository.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace sb;
using namespace sb::report;
using app::PrepareReport;
using app::PreparedReport;
using app::FileFormat;
using app::WriteReport;

namespace {
// Months are closed and reopened through src/app, as the local administrator.
ReportModel CloseMonth(storage::Database& db, YearMonth month, Date today, const std::string& by) {
  app::Session session(db);
  return app::CloseMonth(session, month, today, by);
}
void ReopenMonth(storage::Database& db, YearMonth month, const std::string& by, const std::string& reason) {
  app::Session session(db);
  app::ReopenMonth(session, month, by, reason);
}
}  // namespace

namespace {

const YearMonth kOctober(2026, 10);
const Date kPrinted(2026, 11, 3);

std::string Shell(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string Tmp(const std::string& name) {
  return (fs::temp_directory_path() / ("sb_report_" + std::to_string(getpid()) + "_" + name)).string();
}

// Independent figures straight from the file, not through the repositories.
class Sql {
 public:
  explicit Sql(const std::string& path) { REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK); }
  ~Sql() { sqlite3_close(db_); }
  int64_t Int(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(st) == SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
  }
  std::map<std::string, int64_t> ByKey(const std::string& sql) {
    std::map<std::string, int64_t> out;
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
      out[reinterpret_cast<const char*>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return out;
  }

 private:
  sqlite3* db_ = nullptr;
};

Money Fen(int64_t v) { return Money::FromFen(v); }

// A number cell of the xlsx holds an IEEE double, written with 16 significant digits
// ("606.1727979999999" for 606.172798万元). Excel shows and computes with 15 digits; read
// exactly as decimal text and rounded to the fen (6 decimals of 万元), it must be the
// database's amount.
Money WanCell(const std::string& text) {
  REQUIRE(text.find_first_of("eE") == std::string::npos);
  bool neg = !text.empty() && text[0] == '-';
  std::string t = neg ? text.substr(1) : text;
  size_t dot = t.find('.');
  std::string ip = t.substr(0, dot), fp = dot == std::string::npos ? "" : t.substr(dot + 1);
  fp.resize(std::max<size_t>(fp.size(), 7), '0');
  __int128 v = 0;
  for (char c : ip + fp.substr(0, 7)) v = v * 10 + (c - '0');
  int64_t fen = static_cast<int64_t>((v + 5) / 10);  // half away from zero on the 7th decimal
  REQUIRE(std::abs(static_cast<double>(v) - static_cast<double>(fen) * 10) <= 1.0);  // off by < 1e-7 万元
  return Money::FromFen(neg ? -fen : fen);
}

const char* kCommittedSql = "SELECT COALESCE(SUM(amount),0) FROM allocations WHERE date <= '2026-10-31'";
const char* kLatestInvestedSql =
    "SELECT COALESCE(SUM(invested),0) FROM progress_entries e WHERE month = (SELECT MAX(month) FROM "
    "progress_entries x WHERE x.project_id = e.project_id AND x.month <= '2026-10')";

ReportModel Prepared(const std::string& path, YearMonth month = kOctober, Date printed = kPrinted) {
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  return PrepareReport(*db, month, printed).model;
}

// A database shared by the cases that only read it (generating it is the slow part).
const std::string& County200() {
  static const std::string path = test::MakeCountyDb("county200", 200);
  return path;
}

std::string PageText(const std::string& pdf, size_t page) {
  return Shell("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" + pdf +
               "' -");
}

}  // namespace

TEST_CASE("report totals add up: rows = group subtotals = grand total = SQL sums") {
  const std::string& path = County200();
  ReportModel m = Prepared(path);
  Sql sql(path);
  REQUIRE(m.rows.size() == 219);
  Totals t = m.Total();
  CHECK(t.budget == Fen(sql.Int("SELECT SUM(amount) FROM budget_lines")));
  CHECK(t.committed == Fen(sql.Int(kCommittedSql)));
  CHECK(t.received == Fen(sql.Int("SELECT SUM(amount) FROM receipts WHERE date <= '2026-10-31'")));
  CHECK(t.paid == Fen(sql.Int("SELECT SUM(amount) FROM payments WHERE date <= '2026-10-31'")));
  CHECK(t.invested == Fen(sql.Int(kLatestInvestedSql)));
  CHECK(t.gap == Fen(sql.Int("SELECT SUM(MAX(b - c, 0)) FROM (SELECT "
                             "(SELECT COALESCE(SUM(amount),0) FROM budget_lines WHERE project_id = p.id) b, "
                             "(SELECT COALESCE(SUM(amount),0) FROM allocations WHERE project_id = p.id AND "
                             "date <= '2026-10-31') c FROM projects p)")));
  auto byLevel = sql.ByKey(
      "SELECT k.level, SUM(a.amount) FROM allocations a JOIN funding_sources s ON s.id = a.source_id "
      "JOIN fund_kinds k ON k.name = s.kind WHERE a.date <= '2026-10-31' GROUP BY k.level");
  for (size_t i = 0; i < kLevelCount; ++i)
    CHECK_MESSAGE(t.committedByLevel[i] == Fen(byLevel[std::string(Name(EnumAt<SourceLevel>(i)))]),
                  Name(EnumAt<SourceLevel>(i)));

  // Row by row against the database.
  auto budget = sql.ByKey("SELECT p.code, SUM(b.amount) FROM budget_lines b JOIN projects p ON p.id = "
                          "b.project_id GROUP BY p.code");
  auto paid = sql.ByKey("SELECT p.code, SUM(x.amount) FROM payments x JOIN projects p ON p.id = x.project_id "
                        "WHERE x.date <= '2026-10-31' GROUP BY p.code");
  for (const auto& r : m.rows) {
    CHECK(r.budget == Fen(budget[r.code]));
    CHECK(r.paid == Fen(paid[r.code]));
  }

  for (GroupBy by : {GroupBy::Township, GroupBy::Stage, GroupBy::Category, GroupBy::Source, GroupBy::Programme}) {
    CAPTURE(GroupByName(by));
    Grouping g = GroupRows(m, by);
    CHECK(g.total == t);
    Totals sumOfGroups;
    std::set<size_t> seen;
    for (const auto& grp : g.groups) {
      Totals own;
      for (size_t i : grp.rows) {
        own.Add(m.rows[i]);
        CHECK(seen.insert(i).second);  // every project in exactly one group
      }
      CHECK(own == grp.totals);
      sumOfGroups.projects += grp.totals.projects;
      sumOfGroups.budget += grp.totals.budget;
      sumOfGroups.paid += grp.totals.paid;
      sumOfGroups.invested += grp.totals.invested;
      sumOfGroups.monthInvested += grp.totals.monthInvested;
    }
    CHECK(seen.size() == m.rows.size());
    CHECK(sumOfGroups.projects == t.projects);
    CHECK(sumOfGroups.budget == t.budget);
    CHECK(sumOfGroups.paid == t.paid);
    CHECK(sumOfGroups.invested == t.invested);
    CHECK(sumOfGroups.monthInvested == t.monthInvested);
  }

  // The printed table's subtotal and total rows say the same.
  PTable table = MainTable(m, GroupRows(m, GroupBy::Township));
  const PRow& total = table.rows.back();
  CHECK(total.bold);
  CHECK(total.cells[0].text == "合计（219个）");
  CHECK(total.cells[2].text == WanText(t.budget));
}

TEST_CASE("本月 is this month minus the last closed month or else minus the month before") {
  std::string path = test::MakeCountyDb("month", 0);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  Sql sql(path);
  // No closed month: October against September's progress.
  ReportModel open = PrepareReport(*db, kOctober, kPrinted).model;
  int64_t sept = sql.Int(
      "SELECT COALESCE(SUM(invested),0) FROM progress_entries e WHERE month = (SELECT MAX(month) FROM "
      "progress_entries x WHERE x.project_id = e.project_id AND x.month <= '2026-09')");
  CHECK(open.Total().monthInvested == open.Total().invested - Fen(sept));
  CHECK_FALSE(open.header.baselineMonth);

  // August closed, September not: October's 本月 covers September and October.
  CloseMonth(*db, YearMonth(2026, 8), Date(2026, 9, 2), "测试员");
  ReportModel since = PrepareReport(*db, kOctober, kPrinted).model;
  REQUIRE(since.header.baselineMonth);
  CHECK(*since.header.baselineMonth == YearMonth(2026, 8));
  int64_t aug = sql.Int(
      "SELECT COALESCE(SUM(invested),0) FROM progress_entries e WHERE month = (SELECT MAX(month) FROM "
      "progress_entries x WHERE x.project_id = e.project_id AND x.month <= '2026-08')");
  CHECK(since.Total().monthInvested == since.Total().invested - Fen(aug));
}

TEST_CASE("四率 follow their definitions on the month's data: the year's starts, completions and annual plan") {
  std::string path = test::MakeCountyDb("kpi", 0);
  {
    // An annual plan for 2026 for every project, 1000万 … : what the county is measured on.
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    int n = 0;
    for (const auto& p : storage::LoadPortfolio(*db).projects) {
      AnnualPlan a;
      a.projectId = p.id;
      a.year = 2026;
      a.amount = Money::FromWan(1000 + 100 * n++);
      app::SavePlan(s, a);
    }
  }
  ReportModel m = Prepared(path);
  Sql sql(path);
  CHECK(m.kpis.year == 2026);
  CHECK(m.kpis.monthsElapsed == 10);
  CHECK(m.kpis.startRate.denominator ==
        sql.Int("SELECT COUNT(*) FROM projects WHERE planned_start BETWEEN '2026-01-01' AND '2026-12-31'"));
  CHECK(m.kpis.startRate.numerator ==
        sql.Int("SELECT COUNT(*) FROM projects WHERE planned_start BETWEEN '2026-01-01' AND '2026-12-31' "
                "AND actual_start <= '2026-10-31'"));
  CHECK(m.kpis.onTimeRate.denominator ==
        sql.Int("SELECT COUNT(*) FROM projects WHERE planned_finish BETWEEN '2026-01-01' AND '2026-12-31'"));
  CHECK(m.kpis.onTimeRate.numerator ==
        sql.Int("SELECT COUNT(*) FROM projects WHERE planned_finish BETWEEN '2026-01-01' AND '2026-12-31' "
                "AND actual_finish <= planned_finish"));
  // 本年完成投资: the latest cumulative figure up to October less the last one of 2025.
  const char* ytd =
      "SELECT COALESCE(SUM(COALESCE((SELECT invested FROM progress_entries x WHERE x.project_id = p.id AND "
      "x.month <= '2026-10' ORDER BY month DESC LIMIT 1), 0) - COALESCE((SELECT invested FROM progress_entries x "
      "WHERE x.project_id = p.id AND x.month < '2026-01' ORDER BY month DESC LIMIT 1), 0)), 0) FROM projects p";
  CHECK(m.kpis.investmentRate.numerator == sql.Int(ytd));
  CHECK(m.kpis.investmentRate.denominator == sql.Int("SELECT SUM(amount) FROM annual_plans WHERE year = 2026"));
  CHECK(m.Total().ytdInvested.fen() == sql.Int(ytd));
  CHECK(m.Total().annualPlan.fen() == sql.Int("SELECT SUM(amount) FROM annual_plans WHERE year = 2026"));
  CHECK(m.kpis.fundsReceivedRate.denominator == sql.Int(kCommittedSql));
  // The sentence a bulletin prints: 10/12 = 83.3% of the year has passed.
  CHECK(m.kpis.TimeElapsed().Format() == "83.3%");
  std::string sentence = m.kpis.AnnualSentence();
  CHECK(sentence.rfind("完成年度计划" + m.kpis.investmentRate.Format(), 0) == 0);
  CHECK((test::Contains(sentence, "慢于时间进度") || test::Contains(sentence, "快于时间进度") ||
         test::Contains(sentence, "持平")));
  // And in the report's CSV: the year's columns, equal to independent sums.
  std::ostringstream csv;
  WriteCsv(m, csv);
  CHECK(test::Contains(csv.str(), ",invested,annual_plan,ytd_invested,annual_percent,percent,"));
  // Printed with one decimal, rounded half up: 17 of 19 started = 89.47… → 89.5.
  CHECK(PercentText({17, 19}) == "89.5");
  CHECK(PercentText({0, 0}) == "—");
  auto lines = KpiLines(m);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].name == "开工率");
  CHECK(test::Contains(lines[0].computation, "已开工 " + std::to_string(m.kpis.startRate.numerator) + " 个"));
}

TEST_CASE("a 200-project report paginates with the column header on every page") {
  ReportModel m = Prepared(County200());
  DocumentLayout doc = LayoutReport(m, GroupBy::Township);
  std::vector<size_t> tablePages;
  std::vector<int> rowsSeen;
  for (size_t i = 0; i < doc.pages.size(); ++i) {
    const PageLayout& p = doc.pages[i];
    auto has = [&](const std::string& s) {
      return std::any_of(p.texts.begin(), p.texts.end(), [&](const TextItem& t) { return t.text == s; });
    };
    CHECK(has("第 " + std::to_string(i + 1) + " 页 共 " + std::to_string(doc.pages.size()) + " 页"));
    CHECK(has(doc.title));
    for (const auto& t : p.texts) {  // nothing leaves the paper
      CHECK(t.x >= 0);
      CHECK(t.y + 8 <= doc.height);
    }
    if (p.kind != PageLayout::Kind::Table) continue;
    tablePages.push_back(i);
    CHECK(p.headerRepeats == 1);
    CHECK(has("项目名称"));
    CHECK(has("资金来源（已下达）"));
    CHECK(has("存在问题"));
    rowsSeen.insert(rowsSeen.end(), p.modelRows.begin(), p.modelRows.end());
  }
  CHECK(tablePages.size() >= 8);
  std::vector<int> sorted = rowsSeen;
  std::sort(sorted.begin(), sorted.end());
  REQUIRE(sorted.size() == m.rows.size());
  for (size_t i = 0; i < sorted.size(); ++i) CHECK(sorted[i] == static_cast<int>(i));  // each row once
  CHECK(doc.bodySize >= 5);

  // The same, read back from the PDF page by page.
  std::string pdf = Tmp("county200.pdf");
  WritePdf(doc, pdf);
  std::string info = Shell("pdfinfo '" + pdf + "'");
  size_t at = info.find("Pages:");
  REQUIRE(at != std::string::npos);
  CHECK(std::stoul(info.substr(at + 6)) == doc.pages.size());
  for (size_t i : tablePages) {
    std::string text = PageText(pdf, i + 1);
    CAPTURE(i + 1);
    CHECK(test::Contains(text, "项目名称"));
    CHECK(test::Contains(text, "资金来源（已下达）"));
    CHECK(test::Contains(text, "第 " + std::to_string(i + 1) + " 页 共 " + std::to_string(doc.pages.size()) + " 页"));
    CHECK(test::Contains(text, "填报人："));
  }
  // For the reviewer: the first and last table pages as pictures.
  fs::path shots = fs::path(SB_BUILD_DIR) / "screenshots";
  fs::create_directories(shots);
  Shell("pdftoppm -r 110 -png -f 1 -l 1 '" + pdf + "' '" + (shots / "report_200_first").string() + "'");
  Shell("pdftoppm -r 110 -png -f " + std::to_string(tablePages.back() + 1) + " -l " +
        std::to_string(tablePages.back() + 1) + " '" + pdf + "' '" + (shots / "report_200_last").string() + "'");
  fs::remove(pdf);
}

TEST_CASE("a report with more findings than it lists in full prints counts by code and township and the top 50 by amount") {
  const std::string& path = County200();
  ReportModel m = Prepared(path);
  REQUIRE(m.warnings.size() > kListedInFull);
  std::vector<PSection> sections = SummarySections(m);
  const PSection *byType = nullptr, *byTownship = nullptr, *detail = nullptr;
  for (const auto& s : sections) {
    if (test::Contains(s.heading, "预警汇总（按类型）")) byType = &s;
    if (test::Contains(s.heading, "预警汇总（按乡镇）")) byTownship = &s;
    if (test::Contains(s.heading, "预警明细")) detail = &s;
  }
  REQUIRE(byType);
  REQUIRE(byTownship);
  REQUIRE(detail);
  const std::string total = std::to_string(m.warnings.size());

  // By code: each line's count is the number of findings of that code; the total is all.
  std::map<std::string, int> perCode;
  for (const auto& w : m.warnings) ++perCode[w.code];
  REQUIRE(byType->table.rows.size() == perCode.size() + 1);
  for (size_t i = 0; i + 1 < byType->table.rows.size(); ++i) {
    const auto& cells = byType->table.rows[i].cells;
    CAPTURE(cells[1].text);
    CHECK(cells[3].text == std::to_string(perCode[cells[1].text]));
  }
  CHECK(byType->table.rows.back().cells[1].text == total);

  // By township: the severities of each township's projects' findings.
  std::map<std::string, std::string> townshipOf;
  for (const auto& r : m.rows) townshipOf[r.code] = r.township;
  std::map<std::string, std::array<int, 3>> perTownship;
  for (const auto& w : m.warnings) ++perTownship[townshipOf.count(w.projectCode) ? townshipOf[w.projectCode] : "（不属于某个项目）"][static_cast<size_t>(w.severity)];
  REQUIRE(byTownship->table.rows.size() == perTownship.size() + 1);
  int sum = 0;
  for (size_t i = 0; i + 1 < byTownship->table.rows.size(); ++i) {
    const auto& cells = byTownship->table.rows[i].cells;
    CAPTURE(cells[0].text);
    REQUIRE(perTownship.count(cells[0].text));
    const auto& n = perTownship[cells[0].text];
    for (size_t v = 0; v < 3; ++v) CHECK(cells[1 + v].text == (n[v] ? std::to_string(n[v]) : ""));
    CHECK(cells[4].text == std::to_string(n[0] + n[1] + n[2]));
    sum += n[0] + n[1] + n[2];
  }
  CHECK(sum == static_cast<int>(m.warnings.size()));
  CHECK(byTownship->table.rows.back().cells[0].text == "合计");
  CHECK(byTownship->table.rows.back().cells[4].text == total);

  // The detail: the 50 largest amounts, largest first, and where the rest is.
  CHECK(test::Contains(detail->heading, "、预警明细（涉及金额最大的前 50 条，共 " + total + " 条）"));
  CHECK(test::Contains(detail->note, "xlsx 文件的“预警”工作表"));
  CHECK(test::Contains(detail->note, "schoolbuild-cli warnings --as-of 2026-10-31 --format csv"));
  REQUIRE(detail->table.rows.size() == kTopListed);
  std::vector<Money> amounts;
  for (const auto& w : m.warnings) amounts.push_back(w.amount.value_or(Money()));
  std::sort(amounts.rbegin(), amounts.rend());
  for (size_t i = 0; i < kTopListed; ++i) {
    CAPTURE(i);
    CHECK(detail->table.rows[i].cells[0].text == std::to_string(i + 1));
    // One number of decimals per column (issue 16): the figure as printed, whatever its padding.
    const std::string& shown = detail->table.rows[i].cells[4].text;
    if (amounts[i].IsZero()) CHECK(shown.empty());
    else CHECK(Money::Parse(shown, MoneyUnit::Wan) == Money::Parse(WanText(amounts[i]), MoneyUnit::Wan));
  }

  // Printed: a few pages of findings instead of hundreds; the xlsx keeps every one.
  std::string pdf = Tmp("summary.pdf"), xlsx = Tmp("summary.xlsx");
  WriteReport(m, GroupBy::Township, FileFormat::Pdf, pdf);
  std::string text = StripSpaces(Shell("pdftotext -raw '" + pdf + "' -"));
  CHECK(test::Contains(text, StripSpaces("预警明细（涉及金额最大的前 50 条，共 " + total + " 条）")));
  CHECK(test::Contains(text, "预警汇总（按乡镇）"));
  CHECK(test::Contains(text, "schoolbuild-cliwarnings--as-of2026-10-31--formatcsv"));
  fs::path shots = fs::path(SB_BUILD_DIR) / "screenshots";
  fs::create_directories(shots);
  DocumentLayout doc = LayoutReport(m, GroupBy::Township);
  Shell("pdftoppm -r 80 -png -f " + std::to_string(doc.pages.size() - 1) + " '" + pdf + "' '" +
        (shots / "report_findings_summary").string() + "'");
  WriteReport(m, GroupBy::Township, FileFormat::Xlsx, xlsx);
  std::string strings = Shell("unzip -p '" + xlsx + "' xl/sharedStrings.xml");
  CHECK(test::Contains(strings, "预警信息（" + total + "条）"));
  fs::remove(pdf);
  fs::remove(xlsx);
}

TEST_CASE("a province's 300 funding-gap projects print as the 50 largest gaps with the total of all 300") {
  ReportModel m;
  Money all;
  for (int i = 1; i <= 300; ++i) {
    GapProjectLine g;
    g.code = "P-" + std::to_string(1000 + i);
    g.name = "第" + std::to_string(i) + "号项目";
    g.uncovered[static_cast<size_t>(CostCategory::Land)] = Money::FromWan((i * 37) % 301 + 1);  // 1–301 万元, shuffled
    g.totalUncovered = g.uncovered[static_cast<size_t>(CostCategory::Land)];
    all += g.totalUncovered;
    m.gapProjects.push_back(g);
  }
  std::vector<const GapProjectLine*> printed = PrintedGapProjects(m);
  REQUIRE(printed.size() == kTopListed);
  for (size_t i = 0; i < printed.size(); ++i) CHECK(printed[i]->totalUncovered == Money::FromWan(301 - static_cast<int64_t>(i)));
  const PSection* gaps = nullptr;
  std::vector<PSection> sections = SummarySections(m);
  for (const auto& s : sections)
    if (test::Contains(s.heading, "资金缺口项目")) gaps = &s;
  REQUIRE(gaps);
  CHECK(test::Contains(gaps->heading, "资金缺口项目（缺口最大的前 50 个，共 300 个）"));
  CHECK(test::Contains(gaps->note, "schoolbuild-cli gaps --format csv"));
  REQUIRE(gaps->table.rows.size() == kTopListed + 1);
  CHECK(gaps->table.rows[0].cells[1].text == printed[0]->name);
  CHECK(gaps->table.rows.back().cells[0].text == "合计（全部 300 个）");
  CHECK(gaps->table.rows.back().cells.back().text == WanText(all));
}

TEST_CASE("a county's few findings are all printed, in the model's order") {
  std::string path = test::MakeCountyDb("fewfindings", 0);
  ReportModel m = Prepared(path);
  REQUIRE(!m.warnings.empty());
  REQUIRE(m.warnings.size() <= kListedInFull);
  std::vector<const WarningLine*> printed = PrintedWarnings(m);
  REQUIRE(printed.size() == m.warnings.size());
  for (size_t i = 0; i < printed.size(); ++i) CHECK(printed[i] == &m.warnings[i]);
  std::vector<PSection> sections = SummarySections(m);
  CHECK(sections.back().heading.find("预警明细（" + std::to_string(m.warnings.size()) + "条）") != std::string::npos);
  CHECK(sections.back().table.rows.size() == m.warnings.size());
  CHECK(sections.back().note.empty());
}

TEST_CASE("the PDF holds every project name and the totals as real text") {
  std::string path = test::MakeCountyDb("pdftext", 0);
  ReportModel m = Prepared(path);
  std::string pdf = Tmp("demo.pdf");
  WriteReport(m, GroupBy::Township, FileFormat::Pdf, pdf);
  // Drawn in order, a wrapped name's lines follow each other in the content stream.
  std::string raw = StripSpaces(Shell("pdftotext -raw '" + pdf + "' -"));
  for (const auto& r : m.rows) CHECK_MESSAGE(test::Contains(raw, StripSpaces(r.name)), r.name);
  Totals t = m.Total();
  for (Money total : {t.budget, t.committed, t.received, t.paid, t.invested})
    CHECK_MESSAGE(test::Contains(raw, WanText(total)), WanText(total));
  CHECK(test::Contains(raw, "芦溪县教育系统基建项目建设进度月报（2026年10月）"));
  CHECK(test::Contains(raw, "合计（19个）"));
  CHECK(test::Contains(raw, "填报日期：2026年11月3日"));
  std::string fonts = Shell("pdffonts '" + pdf + "'");
  CHECK(test::Contains(fonts, "WenQuanYiMicroHei"));
  CHECK(test::Contains(fonts, "yes yes yes"));  // embedded, subset, with a Unicode map

  // Same layout, same bytes (the creation date is the report date).
  std::string again = Tmp("demo2.pdf");
  WriteReport(m, GroupBy::Township, FileFormat::Pdf, again);
  CHECK(Slurp(pdf) == Slurp(again));
  fs::path shots = fs::path(SB_BUILD_DIR) / "screenshots";
  fs::create_directories(shots);
  Shell("pdftoppm -r 110 -png '" + pdf + "' '" + (shots / "report_demo").string() + "'");
  fs::remove(pdf);
  fs::remove(again);
}

TEST_CASE("subtotal rows are bold and amounts line up on the decimal point") {
  ReportModel m = Prepared(test::MakeCountyDb("align", 0));
  DocumentLayout doc = LayoutReport(m, GroupBy::Township);
  const PageLayout& p = doc.pages[0];
  TextEngine& tx = TextEngine::Get();
  bool sawBoldSubtotal = false;
  for (const auto& t : p.texts) sawBoldSubtotal |= t.bold && test::Contains(t.text, "小计（");
  CHECK(sawBoldSubtotal);
  // 累计拨付 needs 2 to 4 decimals ("644.9164", "1,008.24"): the column shows them all with
  // the most any of its figures needs ("1,008.2400"), and each row's decimal point is where
  // every other row of the page has it (the same figure may also stand in another column).
  std::set<std::string> decimals;
  size_t most = 0;
  for (const auto& r : m.rows) {
    std::string s = WanText(r.paid);
    most = std::max(most, s.size() - s.find('.') - 1);
  }
  std::map<long, std::set<int>> rowsAt;
  for (int i : p.modelRows) {
    std::string s = WanText(m.rows[static_cast<size_t>(i)].paid);
    decimals.insert(s.substr(s.find('.')));
    s.append(most - (s.size() - s.find('.') - 1), '0');  // as printed: one number of decimals
    for (const auto& t : p.texts)
      if (t.text == s && !t.bold)
        rowsAt[std::lround((t.x + tx.Width(s.substr(0, s.find('.')), t.size)) * 100)].insert(i);
  }
  CHECK(decimals.size() >= 2);  // the page really mixes 2- and 4-decimal figures
  size_t best = 0;
  for (const auto& [x, rows] : rowsAt) best = std::max(best, rows.size());
  CHECK(best == p.modelRows.size());
}

TEST_CASE("the xlsx opens and its numbers equal the database") {
  const std::string& path = County200();
  ReportModel m = Prepared(path);
  std::string xlsx = Tmp("county.xlsx");
  WriteXlsx(m, GroupBy::Township, xlsx);
  std::string dump = std::string("python3 '") + SB_TEST_SOURCE + "/xlsx_dump.py' '" + xlsx + "'";
  std::string sheets = Shell(dump);
  for (const char* s : {"月报", "汇总", "资金来源", "资金缺口", "预警"})
    CHECK(test::Contains(sheets, std::string("SHEET\t") + s + "\n"));

  std::map<std::string, std::pair<std::string, std::string>> cell;  // ref → value, formula
  std::vector<std::string> merges;
  std::string pane;
  std::istringstream in(Shell(dump + " 月报"));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> f;
    size_t s = 0;
    for (size_t tab; (tab = line.find('\t', s)) != std::string::npos; s = tab + 1) f.push_back(line.substr(s, tab - s));
    f.push_back(line.substr(s));
    if (f[0] == "CELL") cell[f[1]] = {f[2], f.size() > 3 ? f[3] : ""};
    if (f[0] == "MERGE") merges.push_back(f[1]);
    if (f[0] == "PANE") pane = f[1] + "," + f[2];
  }
  CHECK(pane == "3,4");  // 序号/编号/名称 and the title + two header rows stay in view
  CHECK(std::find(merges.begin(), merges.end(), "A3:A4") != merges.end());  // 序号 over both header rows
  CHECK(std::find(merges.begin(), merges.end(), "K3:R3") != merges.end());  // 资金来源（已下达）
  CHECK(cell["K3"].first == "资金来源（已下达）");
  CHECK(cell["K4"].first == "中央");
  CHECK(cell["J3"].first == "概算总投资");

  Sql sql(path);
  auto budget = sql.ByKey("SELECT p.code, SUM(b.amount) FROM budget_lines b JOIN projects p ON p.id = "
                          "b.project_id GROUP BY p.code");
  auto paid = sql.ByKey("SELECT p.code, SUM(x.amount) FROM payments x JOIN projects p ON p.id = x.project_id "
                        "WHERE x.date <= '2026-10-31' GROUP BY p.code");
  // Column B holds the code, J the budget, T the paid amount, both in 万元.
  int projects = 0;
  std::string totalRow;
  for (int row = 5; row < 5 + 219 + 20 + 1; ++row) {
    std::string r = std::to_string(row);
    const std::string& code = cell["B" + r].first;
    if (cell["A" + r].first.rfind("合计", 0) == 0) totalRow = r;
    if (code.empty()) continue;
    ++projects;
    CAPTURE(code);
    CHECK(WanCell(cell["J" + r].first) == Fen(budget[code]));
    CHECK(WanCell(cell["T" + r].first) == Fen(paid[code]));
  }
  CHECK(projects == 219);
  REQUIRE_FALSE(totalRow.empty());
  CHECK(cell["J" + totalRow].second == "SUBTOTAL(9,J5:J" + std::to_string(std::stoi(totalRow) - 1) + ")");
  CHECK(WanCell(cell["J" + totalRow].first) == Fen(sql.Int("SELECT SUM(amount) FROM budget_lines")));
  CHECK(WanCell(cell["R" + totalRow].first) == Fen(sql.Int(kCommittedSql)));
  fs::remove(xlsx);
}

TEST_CASE("csv is one row per project with English columns and 元 with two decimals") {
  ReportModel m = Prepared(test::MakeCountyDb("csv", 0));
  std::ostringstream out;
  WriteCsv(m, out);
  std::istringstream in(out.str());
  std::string header;
  std::getline(in, header);
  CHECK(header.rfind("project,name,school,township,stage,category,nature,status,floor_area,budget,", 0) == 0);
  for (const char* col : {",committed,", ",received,", ",paid,", ",gap,", ",month_invested,", ",invested,",
                          ",percent,", ",schedule_percent,"})
    CHECK(test::Contains(header, col));
  int rows = 0;
  for (std::string line; std::getline(in, line);) ++rows;
  CHECK(rows == 19);  // no subtotal rows
  CHECK(test::Contains(out.str(), "\nLX2025-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,在建,32500.00,98000000.00,"));
}

TEST_CASE("a closed month reprints byte for byte after later edits and the back-dated entry is a warning next month") {
  std::string path = test::MakeCountyDb("closed", 0);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  std::string before = Tmp("before.pdf"), closed = Tmp("closed.pdf"), after = Tmp("after.pdf");

  ReportModel live = PrepareReport(*db, kOctober, kPrinted).model;
  CHECK(live.header.checkCode.empty());  // not closed: the footer says 未定稿
  ReportModel stored = CloseMonth(*db, kOctober, kPrinted, "计财股 王会计");
  CHECK(SnapshotToJson(stored) == SnapshotToJson(live));
  CHECK(stored.header.checkCode.size() == 9);  // "9F3A-21C7", printed from now on
  WriteReport(stored, GroupBy::Township, FileFormat::Pdf, before);
  CHECK(test::Contains(Shell("pdftotext -raw '" + before + "' -"), "校验码：" + stored.header.checkCode));
  PreparedReport reprint = PrepareReport(*db, kOctober, Date(2026, 12, 20));
  CHECK(reprint.closed);
  CHECK(reprint.closedBy == "计财股 王会计");
  WriteReport(reprint.model, GroupBy::Township, FileFormat::Pdf, closed);
  CHECK(Slurp(closed) == Slurp(before));

  // Later edits: a payment back-dated into October, a renamed project, October's progress.
  auto lx1 = *storage::FindProjectByCode(*db, "LX2025-01");
  {
    storage::WriteTransaction tx(*db);
    Payment p;
    p.projectId = lx1.id;
    p.sourceId = storage::FundingSources(*db).front().id;
    p.amount = Money::FromYuan(123456);
    p.date = Date(2026, 10, 15);
    p.voucher = "记-202610-补01";
    storage::InsertPayment(*db, p);
    auto lx3 = *storage::FindProjectByCode(*db, "LX2025-03");
    lx3.name = "改名后的项目";
    storage::UpdateProject(*db, lx3);
    ProgressEntry e;
    e.projectId = lx1.id;
    e.month = kOctober;
    e.percent = Percent::FromTenths(999);
    e.invested = Money::FromWan(9000);
    e.problems = "补录";
    storage::SaveProgress(*db, e);
    tx.Commit();
  }
  ReportModel again = PrepareReport(*db, kOctober, Date(2026, 12, 20)).model;
  WriteReport(again, GroupBy::Township, FileFormat::Pdf, after);
  CHECK(Slurp(after) == Slurp(before));
  CHECK(test::Contains(StripSpaces(Shell("pdftotext -raw '" + after + "' -")), "南坑镇中学综合楼建设"));

  // November's report shows the late entry as a warning and counts it in 本月.
  ReportModel nov = PrepareReport(*db, YearMonth(2026, 11), Date(2026, 12, 2)).model;
  auto w = std::find_if(nov.warnings.begin(), nov.warnings.end(), [](const WarningLine& x) {
    return x.code == kBackdatedCode && x.projectCode == "LX2025-01";
  });
  REQUIRE(w != nov.warnings.end());
  CHECK(test::Contains(w->message, "2026年10月已定稿"));
  CHECK(test::Contains(w->message, "累计拨付"));
  CHECK(test::Contains(w->message, "形象进度"));
  CHECK(w->amount == Money::FromYuan(123456));
  int backdated = 0;
  for (const auto& x : nov.warnings) backdated += x.code == kBackdatedCode;
  CHECK(backdated == 1);  // only the project that changed
  const ReportRow* row = nullptr;
  for (const auto& r : nov.rows)
    if (r.code == "LX2025-01") row = &r;
  REQUIRE(row);
  const ReportRow* closedRow = nullptr;
  for (const auto& r : reprint.model.rows)
    if (r.code == "LX2025-01") closedRow = &r;
  CHECK(row->monthInvested == row->invested - closedRow->invested);

  // Closing twice, or a month still to come, is refused.
  CHECK_REFUSED(CloseMonth(*db, kOctober, kPrinted, "x"), ErrorCode::Refused, "已经定稿");
  CHECK_REFUSED(CloseMonth(*db, YearMonth(2027, 1), kPrinted, "x"), ErrorCode::Refused, "还没有到");
  for (auto& f : {before, closed, after}) fs::remove(f);
}

namespace {
// The report from every payment row (LoadPortfolio), as the report was built before it read
// the payments summed in SQL.
std::string FromRows(storage::Database& db, YearMonth month, Date printed, const ReportScope& scope = {}) {
  std::optional<ReportModel> baseline;
  if (auto last = storage::LastClosingBefore(db, month)) baseline = SnapshotFromJson(last->snapshot);
  return SnapshotToJson(BuildReport(storage::LoadPortfolio(db), {month, printed, baseline ? &*baseline : nullptr,
                                                                 nullptr, scope}));
}
std::string Summed(storage::Database& db, YearMonth month, Date printed, const ReportScope& scope = {}) {
  return SnapshotToJson(app::BuildMonthReport(db, month, printed, scope));
}
}  // namespace

TEST_CASE("the report from payments summed in SQL equals the report from every payment row, month by month") {
  std::string path = test::MakeCountyDb("summed", 0);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  for (YearMonth m(2024, 1); m < YearMonth(2026, 12); m = m.Next()) {
    CAPTURE(m.Format());
    CHECK(Summed(*db, m, m.LastDay()) == FromRows(*db, m, m.LastDay()));
  }
  // A payment of October reversed in November; one paid from a source not allowed land costs
  // (a single payment a rule reads) and reversed in November too.
  auto lx1 = *storage::FindProjectByCode(*db, "LX2025-01");
  const auto sources = storage::FundingSources(*db);
  auto special = std::find_if(sources.begin(), sources.end(),
                              [](const FundingSource& s) { return !s.eligible.Contains(CostCategory::Land); });
  REQUIRE(special != sources.end());
  Payment land;
  land.projectId = lx1.id;
  land.sourceId = special->id;
  land.category = CostCategory::Land;
  land.kind = PaymentKind::LandCompensation;
  land.amount = Money::FromYuan(80000);
  land.date = Date(2026, 10, 12);
  land.voucher = "记-202610-征01";
  land.payee = "某村委会";
  {
    storage::WriteTransaction tx(*db);
    storage::InsertPayment(*db, land);
    Payment back = land;
    back.id = 0;
    back.amount = Money() - land.amount;
    back.date = Date(2026, 11, 5);
    back.voucher = "记-202611-红01";
    back.reversesId = land.id;
    storage::InsertPayment(*db, back);
    tx.Commit();
  }
  for (YearMonth m : {YearMonth(2026, 9), YearMonth(2026, 10), YearMonth(2026, 11)}) {
    CAPTURE(m.Format());
    CHECK(Summed(*db, m, m.LastDay()) == FromRows(*db, m, m.LastDay()));
  }
  CHECK(test::Contains(Summed(*db, YearMonth(2026, 10), Date(2026, 10, 31)), "INELIGIBLE"));
  // A closed month and a payment back-dated into it: 本月 and the CLOSED_MONTH_CHANGED lines.
  CloseMonth(*db, YearMonth(2026, 9), Date(2026, 10, 3), "计财股 王会计");
  {
    storage::WriteTransaction tx(*db);
    Payment late = land;
    late.id = 0;
    late.reversesId.reset();
    late.category = CostCategory::Construction;
    late.kind = PaymentKind::Progress;
    late.sourceId = sources.front().id;
    late.amount = Money::FromYuan(4321);
    late.date = Date(2026, 9, 20);
    late.voucher = "记-202609-补01";
    storage::InsertPayment(*db, late);
    tx.Commit();
  }
  const std::string october = Summed(*db, YearMonth(2026, 10), Date(2026, 11, 3));
  CHECK(october == FromRows(*db, YearMonth(2026, 10), Date(2026, 11, 3)));
  CHECK(test::Contains(october, "CLOSED_MONTH_CHANGED"));
  // Part of the projects: a year, a programme.
  ReportScope year;
  year.year = 2026;
  CHECK(Summed(*db, YearMonth(2026, 10), Date(2026, 11, 3), year) ==
        FromRows(*db, YearMonth(2026, 10), Date(2026, 11, 3), year));
}

TEST_CASE("the report of one county of several from summed payments equals the report from every payment row") {
  auto city = storage::Database::Open(test::FreshPath("summed_city"), storage::OpenMode::Create);
  storage::LoadDemo(*city, "芦溪");
  storage::LoadDemo(*city, "建始");
  for (const char* county : {"360323", "422822"}) {
    CAPTURE(county);
    ReportScope one;
    one.county = county;
    for (YearMonth m : {YearMonth(2019, 12), YearMonth(2026, 10)})
      CHECK(Summed(*city, m, m.LastDay(), one) == FromRows(*city, m, m.LastDay(), one));
  }
  CHECK(Summed(*city, YearMonth(2026, 10), Date(2026, 11, 3)) == FromRows(*city, YearMonth(2026, 10), Date(2026, 11, 3)));
}

TEST_CASE("reopening a month needs a reason and is recorded and shows the data as it is now") {
  std::string path = test::MakeCountyDb("reopen", 0);
  auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
  CloseMonth(*db, kOctober, kPrinted, "王会计");
  CHECK_INVALID(ReopenMonth(*db, kOctober, "李股长", "  "), "原因");
  CHECK_REFUSED(ReopenMonth(*db, YearMonth(2026, 9), "李股长", "误操作"), ErrorCode::Refused, "没有定稿");
  auto lx1 = *storage::FindProjectByCode(*db, "LX2025-01");
  {
    storage::WriteTransaction tx(*db);
    Payment p;
    p.projectId = lx1.id;
    p.sourceId = storage::FundingSources(*db).front().id;
    p.amount = Money::FromYuan(1000);
    p.date = Date(2026, 10, 20);
    p.voucher = "记-202610-补02";
    storage::InsertPayment(*db, p);
    tx.Commit();
  }
  Money paidClosed = PrepareReport(*db, kOctober, kPrinted).model.rows[0].paid;
  ReopenMonth(*db, kOctober, "李股长", "补录10月拨付凭证");
  auto events = storage::MonthClosingEvents(*db);
  REQUIRE(events.size() == 2);
  CHECK(events[0].action == "close");
  CHECK(events[0].by == "王会计");
  CHECK(events[1].action == "reopen");
  CHECK(events[1].by == "李股长");
  CHECK(events[1].reason == "补录10月拨付凭证");
  CHECK_FALSE(storage::FindMonthClosing(*db, kOctober));
  PreparedReport now = PrepareReport(*db, kOctober, kPrinted);
  CHECK_FALSE(now.closed);
  CHECK(now.model.rows[0].paid == paidClosed + Money::FromYuan(1000));
  // The record of closings cannot be rewritten.
  Sql sql(path);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
  CHECK(sqlite3_exec(raw, "DELETE FROM month_closing_events", nullptr, nullptr, nullptr) != SQLITE_OK);
  sqlite3_close(raw);
}

TEST_CASE("the snapshot text reads back to the same model and damaged text is refused") {
  ReportModel m = Prepared(test::MakeCountyDb("snap", 0));
  std::string json = SnapshotToJson(m);
  ReportModel back = SnapshotFromJson(json);
  CHECK(SnapshotToJson(back) == json);
  CHECK(back.rows.size() == m.rows.size());
  CHECK(back.Total() == m.Total());
  CHECK(back.warnings.size() == m.warnings.size());
  CHECK_REFUSED(SnapshotFromJson(json.substr(0, json.size() / 2)), ErrorCode::Database, "快照已损坏");
  CHECK_REFUSED(SnapshotFromJson("{\"format\":99}"), ErrorCode::NewerSchema, "较新版本");
  CHECK_REFUSED(SnapshotFromJson("{\"format\":1,\"header\":{}}"), ErrorCode::Database, "缺少字段");
}

TEST_CASE("report command line: formats and closed months and usage errors") {
  std::string path = test::MakeCountyDb("cli", 0);
  auto run = [&](std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
    args.insert(args.begin(), {"schoolbuild-cli", "--db", path});
    std::ostringstream o, e;
    int rc = cli::Run(args, o, e);
    if (out) *out = o.str();
    if (err) *err = e.str();
    return rc;
  };
  std::string out, err;
  std::string pdf = Tmp("cli.pdf"), xlsx = Tmp("cli.xlsx"), html = Tmp("cli.html");
  CHECK(run({"report", "--month", "2026-10", "--out", pdf, "--date", "2026-11-03"}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, "2026年10月月报（19 个项目，共 "));
  CHECK(Slurp(pdf).rfind("%PDF-", 0) == 0);
  CHECK(run({"report", "--month", "2026-10", "--group-by", "stage", "--format", "xlsx", "--out", xlsx}) ==
        cli::kExitOk);
  CHECK(Slurp(xlsx).rfind("PK", 0) == 0);
  CHECK(run({"report", "--month", "2026-10", "--out", html, "--group-by", "source"}) == cli::kExitOk);
  CHECK(test::Contains(Slurp(html), "按主要资金来源分组"));
  CHECK(run({"report", "--month", "2026-10", "--format", "csv"}, &out) == cli::kExitOk);
  CHECK(out.rfind("project,name,", 0) == 0);

  CHECK(run({"report", "--format", "pdf", "--out", pdf}, nullptr, &err) == cli::kExitUsage);
  CHECK(test::Contains(err, "--month"));
  CHECK(run({"report", "--month", "2026-10", "--format", "doc", "--out", pdf}) == cli::kExitUsage);
  CHECK(run({"report", "--month", "2026-10", "--group-by", "village", "--out", pdf}) == cli::kExitUsage);
  CHECK(run({"report", "--month", "2026-10", "--format", "pdf"}) == cli::kExitUsage);
  CHECK(run({"report", "--month", "2026-13", "--out", pdf}, nullptr, &err) == cli::kExitFailed);
  CHECK(test::Contains(err, "YYYY-MM"));

  CHECK(run({"close-month", "2026-10", "--date", "2026-11-03", "--by", "王会计"}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, "已定稿：2026年10月"));
  CHECK(run({"close-month", "2026-10"}, nullptr, &err) == cli::kExitFailed);
  CHECK(test::Contains(err, "已经定稿"));
  CHECK(run({"report", "--month", "2026-10", "--out", pdf}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, "定稿时的快照"));
  CHECK(run({"reopen-month", "2026-10"}, nullptr, &err) == cli::kExitUsage);
  CHECK(test::Contains(err, "--reason"));
  CHECK(run({"reopen-month", "2026-10", "--reason", "补录凭证", "--by", "李股长"}) == cli::kExitOk);
  CHECK(run({"closings", "--format", "csv"}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, "month,action,at,by,reason,closed\n2026-10,close,"));
  CHECK(test::Contains(out, ",李股长,补录凭证,false\n"));
  for (auto& f : {pdf, xlsx, html}) fs::remove(f);
}

TEST_CASE("the report's idle money by source adds up to its IDLE_FUNDS warnings") {
  std::string path = test::MakeCountyDb("idle", 0);
  ReportModel m = Prepared(path);
  Money bySource, byWarning;
  for (const auto& s : m.sources) bySource += s.idle;
  for (const auto& w : m.warnings)
    if (w.code == "IDLE_FUNDS") byWarning += *w.amount;
  CHECK(bySource == byWarning);
  // The closed month keeps it: written into and read back from the snapshot.
  CHECK(SnapshotFromJson(SnapshotToJson(m)).sources.size() == m.sources.size());
  Money again;
  for (const auto& s : SnapshotFromJson(SnapshotToJson(m)).sources) again += s.idle;
  CHECK(again == bySource);
}

// ---- programmes, the category × nature table, 义务教育 subtotals, the year filter ------

namespace {

// The 建始 demo county (db/demo_jianshi.sql), built once for the cases that read it.
const std::string& Jianshi() {
  static const std::string path = [] {
    std::string p = test::FreshPath("jianshi");
    app::CreateDatabase(p, true, "建始");
    return p;
  }();
  return path;
}

ReportModel JianshiReport(const ReportScope& scope = {}) {
  auto db = storage::Database::Open(Jianshi(), storage::OpenMode::MustExist);
  return PrepareReport(*db, YearMonth(2019, 12), Date(2020, 1, 6), scope).model;
}

const Group* FindGroup(const Grouping& g, const std::string& label) {
  for (const auto& grp : g.groups)
    if (grp.label == label) return &grp;
  return nullptr;
}

const StageLine* FindStage(const std::vector<StageLine>& v, const std::string& label) {
  for (const auto& l : v)
    if (l.figures.label == label) return &l;
  return nullptr;
}

const CategoryNatureLine* FindCategory(const std::vector<CategoryNatureLine>& v, const std::string& label) {
  for (const auto& l : v)
    if (l.label == label) return &l;
  return nullptr;
}

size_t N(Nature n) { return static_cast<size_t>(n); }

}  // namespace

TEST_CASE("the 建始 demo's report for 2019-12 shows the county's 2019 figures") {
  ReportModel m = JianshiReport();
  CHECK(m.header.Title() == "建始县教育系统基建项目建设进度月报（2019年12月）");
  REQUIRE(m.rows.size() == 32);

  // By programme: 18 boarding-school projects for 1,798万元, 11 non-compulsory for 2,269万元,
  // the teacher flats (36套) for 262万元; the 2020 programme last by name.
  Grouping g = GroupRows(m, GroupBy::Programme);
  REQUIRE(g.groups.size() == 4);
  CHECK(g.groups[0].label == "2019年农村教师周转宿舍建设");
  CHECK(g.groups[3].label == "2020年寄宿制学校建设");
  const Group* board = FindGroup(g, "2019年寄宿制学校建设");
  const Group* nonCompulsory = FindGroup(g, "2019年非义务教育学校建设");
  const Group* flats = FindGroup(g, "2019年农村教师周转宿舍建设");
  REQUIRE(board);
  REQUIRE(nonCompulsory);
  REQUIRE(flats);
  CHECK(board->totals.projects == 18);
  CHECK(board->totals.budget == Money::FromWan(1798));
  CHECK(nonCompulsory->totals.projects == 11);
  CHECK(nonCompulsory->totals.budget == Money::FromWan(2269));
  CHECK(flats->totals.projects == 1);
  CHECK(flats->totals.budget == Money::FromWan(262));
  CHECK(test::Contains(m.rows[g.groups[0].rows[0]].name, "36套"));
  PTable table = MainTable(m, g);
  CHECK(table.rows[0].cells[0].text == "一、2019年农村教师周转宿舍建设小计（1个）");

  // The by-stage table: pre-school 3 for 925万, senior high 4 for 962万, vocational 4 for
  // 382万 under 非义务教育小计 11 for 2,269万; the stage lines add up to the total.
  std::vector<StageLine> stages = StageTable(m);
  const StageLine* nc = FindStage(stages, "非义务教育小计");
  REQUIRE(nc);
  CHECK(nc->subtotal);
  CHECK(nc->figures.projects == 11);
  CHECK(nc->figures.budget == Money::FromWan(2269));
  for (auto [stage, n, wan] : {std::tuple{"学前教育", 3, 925}, std::tuple{"高中", 4, 962}, std::tuple{"中职", 4, 382}}) {
    CAPTURE(stage);
    const StageLine* l = FindStage(stages, stage);
    REQUIRE(l);
    CHECK_FALSE(l->subtotal);
    CHECK(l->figures.projects == n);
    CHECK(l->figures.budget == Money::FromWan(wan));
  }
  CountAmount sum;
  for (const auto& l : stages)
    if (!l.subtotal) sum.Add(l.figures);
  CHECK(sum.projects == 32);
  CHECK(sum.budget == m.Total().budget);
  // 义务教育 has the two projects of the 2020 programme as well; 其他 (the flats) has no subtotal.
  CHECK(FindStage(stages, "义务教育小计")->figures.projects == 20);
  CHECK(FindStage(stages, "小计") == nullptr);
  CHECK(stages.front().figures.label == "义务教育小计");

  // East–west cooperation: 527万元, of which donations 307万元, for 14 projects in 11 schools.
  Money eastWest, donations;
  for (const auto& s : m.sources) {
    if (s.kind == "东西部协作" || s.kind == "社会捐赠") eastWest += s.committed;
    if (s.kind == "社会捐赠") donations += s.committed;
  }
  CHECK(eastWest == Money::FromWan(527));
  CHECK(donations == Money::FromWan(307));
  auto db = storage::Database::Open(Jianshi(), storage::OpenMode::MustExist);
  Portfolio p = storage::LoadPortfolio(*db);
  std::set<Id> ewProjects;
  std::set<std::string> ewSchools;
  for (const auto& a : p.allocations)
    if (const FundingSource* s = p.FindSource(a.sourceId); s->kind == "东西部协作" || s->kind == "社会捐赠") {
      ewProjects.insert(a.projectId);
      ewSchools.insert(p.FindProject(a.projectId)->school);
    }
  CHECK(ewProjects.size() == 14);
  CHECK(ewSchools.size() == 11);
}

TEST_CASE("the category × nature table of the boarding-school programme: 15 new, 2 extensions, 1 repair") {
  ReportScope scope;
  scope.programme = "2019年寄宿制学校建设";
  ReportModel m = JianshiReport(scope);
  CHECK(m.header.Title() == "建始县教育系统基建项目建设进度月报（2019年12月·2019年寄宿制学校建设）");
  REQUIRE(m.rows.size() == 18);
  std::vector<CategoryNatureLine> t = CategoryNatureTable(m);
  for (auto [category, n] : {std::pair{"食堂", 3}, std::pair{"厕所", 5}, std::pair{"学生宿舍", 1}, std::pair{"教学楼", 2},
                             std::pair{"综合楼", 1}, std::pair{"运动场", 2}, std::pair{"校门围墙", 1}}) {
    CAPTURE(category);
    const CategoryNatureLine* l = FindCategory(t, category);
    REQUIRE(l);
    CHECK(l->projects[N(Nature::NewBuild)] == n);
  }
  CHECK(FindCategory(t, "运动场")->projects[N(Nature::Extension)] == 2);
  CHECK(FindCategory(t, "运动场")->budget[N(Nature::Extension)] == Money::FromWan(105));
  CHECK(FindCategory(t, "学生宿舍")->projects[N(Nature::Renovation)] == 1);
  CHECK(FindCategory(t, "食堂")->budget[N(Nature::NewBuild)] == Money::FromWan(325));
  const CategoryNatureLine& total = t.back();
  CHECK(total.label == "合计");
  CHECK(total.projects[N(Nature::NewBuild)] == 15);
  CHECK(total.projects[N(Nature::Extension)] == 2);
  CHECK(total.projects[N(Nature::Relocation)] == 0);
  CHECK(total.projects[N(Nature::Renovation)] == 1);
  CHECK(total.totalProjects == 18);
  CHECK(total.totalBudget == Money::FromWan(1798));
  // Every line's own total is the sum of its natures.
  for (const auto& l : t) {
    int n = 0;
    Money b;
    for (size_t i = 0; i < kNatureCount; ++i) {
      n += l.projects[i];
      b += l.budget[i];
    }
    CHECK(n == l.totalProjects);
    CHECK(b == l.totalBudget);
  }
  // Only its projects count: the 四率, sources and warnings too.
  Money committed;
  for (const auto& s : m.sources) committed += s.committed;
  CHECK(committed == m.Total().committed);
  CHECK(committed == Money::FromWan(1798));
  for (const auto& w : m.warnings) CHECK(w.projectCode.rfind("JS2019-", 0) == 0);
}

TEST_CASE("the year filter keeps a year's projects: the programme's year, else the planned start's") {
  Project planned2019;
  planned2019.plannedStart = Date(2019, 4, 1);
  Project programme2019 = planned2019;
  programme2019.plannedStart = Date(2020, 3, 1);
  programme2019.programme = "2019年寄宿制学校建设";
  Project none;
  ReportScope y2019;
  y2019.year = 2019;
  CHECK(y2019.Includes(planned2019));
  CHECK(y2019.Includes(programme2019));  // approved in 2019's programme, started in 2020
  CHECK_FALSE(y2019.Includes(none));
  ReportScope y2020;
  y2020.year = 2020;
  CHECK_FALSE(y2020.Includes(programme2019));
  CHECK(ReportScope{}.Includes(none));

  ReportModel m = JianshiReport(y2019);
  CHECK(m.header.Title() == "建始县教育系统基建项目建设进度月报（2019年12月·2019年度）");
  CHECK(m.rows.size() == 30);  // the 2020 programme's two projects are left out
  std::vector<StageLine> stages = StageTable(m);
  CHECK(FindStage(stages, "义务教育小计")->figures.projects == 18);
  CHECK(FindStage(stages, "义务教育小计")->figures.budget == Money::FromWan(1798));
  CHECK(FindStage(stages, "非义务教育小计")->figures.budget == Money::FromWan(2269));
  CHECK(m.Total().budget == Money::FromWan(1798 + 2269 + 262));
  CHECK(m.kpis.year == 2019);
}

TEST_CASE("the printed report has the category × nature table and the 义务教育/非义务教育 subtotals in bold") {
  ReportModel m = JianshiReport();
  std::vector<PSection> sections = SummarySections(m);
  const PSection* cross = nullptr;
  const PSection* stage = nullptr;
  for (const auto& s : sections) {
    if (test::Contains(s.heading, "按建设类别和建设性质统计")) cross = &s;
    if (test::Contains(s.heading, "按学段统计")) stage = &s;
  }
  REQUIRE(cross);
  REQUIRE(stage);
  CHECK(cross->table.cols.size() == 1 + 2 * kNatureCount + 2);
  CHECK(cross->table.cols[1].group == "新建");
  const PRow& total = cross->table.rows.back();
  CHECK(total.bold);
  CHECK(total.cells.front().text == "合计");
  CHECK(total.cells[total.cells.size() - 2].text == "32");
  CHECK(total.cells.back().text == WanText(m.Total().budget));
  bool subtotal = false;
  for (const auto& r : stage->table.rows)
    if (r.cells[0].text == "非义务教育小计") {
      subtotal = true;
      CHECK(r.bold);
      CHECK(r.cells[1].text == "11");
      CHECK(r.cells[2].text == "2,269.00");
    }
  CHECK(subtotal);

  std::string html = Tmp("jianshi.html"), csv = Tmp("jianshi.csv"), pdf = Tmp("jianshi.pdf"),
              xlsx = Tmp("jianshi.xlsx");
  WriteReport(m, GroupBy::Programme, FileFormat::Html, html);
  CHECK(test::Contains(Slurp(html), "按项目批次分组"));
  CHECK(test::Contains(Slurp(html), "<tr class=sum><td class=mid>义务教育小计</td>"));
  WriteReport(m, GroupBy::Programme, FileFormat::Csv, csv);
  std::string text = Slurp(csv);
  CHECK(test::Contains(text, ",next_steps,programme,schooling\n"));
  CHECK(test::Contains(text, ",2019年寄宿制学校建设,义务教育\n"));
  CHECK(test::Contains(text, ",2019年非义务教育学校建设,非义务教育\n"));
  WriteReport(m, GroupBy::Programme, FileFormat::Pdf, pdf);
  std::string all = Shell("pdftotext -layout '" + pdf + "' -");
  CHECK(test::Contains(all, "按建设类别和建设性质统计"));
  CHECK(test::Contains(all, "非义务教育小计"));
  CHECK(test::Contains(all, "2019年寄宿制学校建设小计（18个）"));
  WriteReport(m, GroupBy::Programme, FileFormat::Xlsx, xlsx);
  std::string strings = Shell("unzip -p '" + xlsx + "' xl/sharedStrings.xml");
  CHECK(test::Contains(strings, "义务教育小计"));
  CHECK(test::Contains(strings, "三、按建设类别和建设性质统计"));
  for (auto& f : {html, csv, pdf, xlsx}) fs::remove(f);
}

TEST_CASE("a closed month is reprinted whole: a year or programme of it is refused; the command line takes both") {
  std::string path = test::FreshPath("jianshi_cli");
  app::CreateDatabase(path, true, "建始");
  auto run = [&](std::vector<std::string> args, std::string* out = nullptr, std::string* err = nullptr) {
    args.insert(args.begin(), {"schoolbuild-cli", "--db", path});
    std::ostringstream o, e;
    int rc = cli::Run(args, o, e);
    if (out) *out = o.str();
    if (err) *err = e.str();
    return rc;
  };
  std::string out, err;
  CHECK(run({"report", "--month", "2019-12", "--year", "2019", "--format", "csv"}, &out) == cli::kExitOk);
  CHECK(std::count(out.begin(), out.end(), '\n') == 31);  // header and 30 projects
  CHECK(run({"report", "--month", "2019-12", "--programme", "2019年寄宿制学校建设", "--format", "csv"}, &out) ==
        cli::kExitOk);
  CHECK(std::count(out.begin(), out.end(), '\n') == 19);
  CHECK(run({"report", "--month", "2019-12", "--group-by", "programme", "--format", "html"}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, "按项目批次分组"));
  CHECK(run({"report", "--month", "2019-12", "--year", "19", "--format", "csv"}, nullptr, &err) == cli::kExitUsage);
  CHECK(test::Contains(err, "--year 应为四位年份"));

  CHECK(run({"close-month", "2019-12", "--date", "2020-01-06"}) == cli::kExitOk);
  CHECK(run({"report", "--month", "2019-12", "--year", "2019", "--format", "csv"}, nullptr, &err) ==
        cli::kExitFailed);
  CHECK(test::Contains(err, "2019年12月已定稿，定稿的月报只按定稿时的全部项目原样重印，不能只印“2019年度”的项目"));
  CHECK(run({"report", "--month", "2019-12", "--format", "csv"}, &out) == cli::kExitOk);
  CHECK(test::Contains(out, ",2019年寄宿制学校建设,义务教育\n"));  // the snapshot keeps the programme

  CHECK(run({"demo", "--county", "恩施"}, nullptr, &err) == cli::kExitUsage);
  CHECK(test::Contains(err, "没有“恩施”的演示数据；--county 可选：芦溪、建始"));
}

TEST_CASE("city roll-up: demo 芦溪 and demo --county 建始 give two county rows, each county's own 四率 and a total equal to their sum") {
  const YearMonth month(2026, 10);
  const Date printed(2026, 11, 3);
  const std::string cityPath = test::FreshPath("rollup_city");
  auto city = storage::Database::Open(cityPath, storage::OpenMode::Create);
  storage::LoadDemo(*city, "芦溪");
  storage::LoadDemo(*city, "建始");
  RollupModel rollup = app::PrepareRollup(*city, month, printed);
  REQUIRE(rollup.counties.size() == 2);
  CHECK(rollup.counties[0].code == "360323");
  CHECK(rollup.counties[0].name == "芦溪县");
  CHECK(rollup.counties[1].code == "422822");
  CHECK(rollup.counties[1].name == "建始县");
  CHECK(rollup.counties[0].totals.projects == 19);
  CHECK(rollup.counties[1].totals.projects == 32);

  // Each line is what that county's own database reports for the month.
  const char* demos[] = {"芦溪", "建始"};
  for (size_t i = 0; i < 2; ++i) {
    CAPTURE(demos[i]);
    auto alone = storage::Database::Open(test::FreshPath(std::string("rollup_") + std::to_string(i)),
                                         storage::OpenMode::Create);
    storage::LoadDemo(*alone, demos[i]);
    ReportModel own = BuildReport(storage::LoadPortfolio(*alone), {month, printed, nullptr, {}});
    const RollupLine& line = rollup.counties[i];
    CHECK(line.totals == own.Total());
    for (auto [a, b] : {std::pair{line.kpis.startRate, own.kpis.startRate},
                        std::pair{line.kpis.onTimeRate, own.kpis.onTimeRate},
                        std::pair{line.kpis.investmentRate, own.kpis.investmentRate},
                        std::pair{line.kpis.fundsReceivedRate, own.kpis.fundsReceivedRate}}) {
      CHECK(a.numerator == b.numerator);
      CHECK(a.denominator == b.denominator);
    }
  }

  // The total: the sum of the two lines; its 四率 over all 51 projects.
  const Totals &a = rollup.counties[0].totals, &b = rollup.counties[1].totals, &t = rollup.total.totals;
  CHECK(rollup.total.name == "合计");
  CHECK(t.projects == 51);
  CHECK(t.budget == a.budget + b.budget);
  CHECK(t.committed == a.committed + b.committed);
  CHECK(t.received == a.received + b.received);
  CHECK(t.paid == a.paid + b.paid);
  CHECK(t.gap == a.gap + b.gap);
  CHECK(t.invested == a.invested + b.invested);
  CHECK(t.annualPlan == a.annualPlan + b.annualPlan);
  CHECK(t.ytdInvested == a.ytdInvested + b.ytdInvested);
  const Kpis &ka = rollup.counties[0].kpis, &kb = rollup.counties[1].kpis;
  CHECK(rollup.total.kpis.fundsReceivedRate.numerator == ka.fundsReceivedRate.numerator + kb.fundsReceivedRate.numerator);
  CHECK(rollup.total.kpis.fundsReceivedRate.denominator ==
        ka.fundsReceivedRate.denominator + kb.fundsReceivedRate.denominator);
  CHECK(rollup.total.kpis.startRate.denominator == ka.startRate.denominator + kb.startRate.denominator);

  // The command line: csv with the figures in 元, and the table a user reads.
  auto csv = test::RunCli({"--db", cityPath, "report", "--rollup", "county", "--month", "2026-10", "--date",
                           "2026-11-03", "--format", "csv"});
  REQUIRE_MESSAGE(csv.code == 0, csv.err);
  std::istringstream lines(csv.out);
  std::string header, lx, js, total;
  std::getline(lines, header);
  std::getline(lines, lx);
  std::getline(lines, js);
  std::getline(lines, total);
  CHECK(header == "county_code,county,projects,budget,committed,received,paid,gap,annual_plan,ytd_invested,invested,"
                  "start_rate,on_time_rate,investment_rate,funds_received_rate");
  CHECK(lx.starts_with("360323,芦溪县,19," + a.budget.FormatYuanPlain() + "," + a.committed.FormatYuanPlain() + ","));
  CHECK(js.starts_with("422822,建始县,32," + b.budget.FormatYuanPlain() + ","));
  CHECK(total.starts_with(",合计,51," + t.budget.FormatYuanPlain() + ","));
  CHECK(total.ends_with("," + PercentText(rollup.total.kpis.fundsReceivedRate)));
  auto table = test::RunCli({"--db", cityPath, "report", "--rollup", "county", "--month", "2026-10"});
  REQUIRE_MESSAGE(table.code == 0, table.err);
  CHECK(table.out.find("芦溪县") != std::string::npos);
  CHECK(table.out.find("合计") != std::string::npos);

  // PDF and xlsx as the monthly report's.
  DocumentLayout doc = LayoutRollup(rollup);
  REQUIRE(doc.pages.size() == 1);
  bool totalShown = false, titled = false;
  for (const auto& item : doc.pages[0].texts) {
    totalShown |= item.text == "合计";
    titled |= item.text.find("各县（区）教育系统基建项目建设情况汇总（2026年10月）") != std::string::npos;
  }
  CHECK(totalShown);
  CHECK(titled);
  const std::string pdf = test::FreshPath("rollup_pdf") + ".pdf", xlsx = test::FreshPath("rollup_xlsx") + ".xlsx";
  app::WriteRollup(rollup, FileFormat::Pdf, pdf);
  app::WriteRollup(rollup, FileFormat::Xlsx, xlsx);
  CHECK(fs::file_size(pdf) > 1000);
  CHECK(fs::file_size(xlsx) > 1000);
  fs::remove(pdf);
  fs::remove(xlsx);

  // One county alone has no roll-up: its monthly report is its summary.
  auto single = storage::Database::Open(test::FreshPath("rollup_single"), storage::OpenMode::Create);
  storage::LoadDemo(*single, "芦溪");
  auto refused = test::Refusal([&] { app::PrepareRollup(*single, month, printed); });
  REQUIRE(refused);
  CHECK(refused->detail().find("只有 1 个县（区）") != std::string::npos);
}

TEST_CASE("report --county: one county's report, titled with its name; grouping by county gives one group each") {
  const std::string path = test::FreshPath("county_report");
  auto city = storage::Database::Open(path, storage::OpenMode::Create);
  storage::LoadDemo(*city, "芦溪");
  storage::LoadDemo(*city, "建始");
  Portfolio p = storage::LoadPortfolio(*city);
  ReportRequest request{YearMonth(2019, 12), Date(2020, 1, 5), nullptr, {}};
  request.scope.county = "422822";
  ReportModel js = BuildReport(p, request);
  CHECK(js.rows.size() == 32);
  CHECK(js.header.Title() == "建始县教育系统基建项目建设进度月报（2019年12月）");
  ReportModel all = BuildReport(p, {YearMonth(2019, 12), Date(2020, 1, 5), nullptr, {}});
  Grouping g = GroupRows(all, GroupBy::County);
  REQUIRE(g.groups.size() == 2);
  CHECK(g.groups[0].label == "芦溪县");
  CHECK(g.groups[0].totals.projects == 19);
  CHECK(g.groups[1].label == "建始县");
  CHECK(g.groups[1].totals == js.Total());
  auto cli = test::RunCli({"--db", path, "report", "--month", "2019-12", "--county", "422822", "--format", "csv"});
  REQUIRE_MESSAGE(cli.code == 0, cli.err);
  size_t js2019 = 0, lx = 0;
  for (size_t at = cli.out.find("\nJS"); at != std::string::npos; at = cli.out.find("\nJS", at + 1)) ++js2019;
  for (size_t at = cli.out.find("\nLX"); at != std::string::npos; at = cli.out.find("\nLX", at + 1)) ++lx;
  CHECK(js2019 == 32);
  CHECK(lx == 0);
  auto unknown = test::RunCli({"--db", path, "report", "--month", "2019-12", "--county", "999999", "--format", "csv"});
  CHECK(unknown.code == 1);
  CHECK(unknown.err.find("没有这个行政区划代码") != std::string::npos);
}

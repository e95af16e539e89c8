// Excel workbooks in and out (issue 15): the clerk's own ledger as it really looks — a
// title row, 填报单位 and 单位：万元, a two-row merged header, merged project names, blank
// rows, 合计 rows, 序号, notes under the table, names instead of codes, their own words —
// read from .xlsx (fixtures written by tests/xlsx_writer.h) and .xls (tests/data, saved by
// LibreOffice), and the workbook export that imports back identically.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/import.h"
#include "cli/cli.h"
#include "exchange/exchange.h"
#include "exchange/sheet_table.h"
#include "exchange/workbook.h"
#include "storage/repository.h"
#include "test_support.h"
#include "xlsx_writer.h"

namespace fs = std::filesystem;
using namespace sb;
using namespace sb::exchange;
using sb::test::D;
using sb::test::F;
using sb::test::N;
using sb::test::N2;
using sb::test::XlsxWriter;

namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& path, const std::string& bytes) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << bytes;
}

// A county with the two projects, the loan and the two works contracts the ledgers pay.
struct LedgerCounty {
  test::TempDir dir{"sb_workbook"};
  std::unique_ptr<storage::Database> db;
  LedgerCounty() {
    db = storage::Database::Open(dir.Path("county.db"), storage::OpenMode::Create);
    WriteAll(dir.Path("projects.csv"),
             "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,建筑面积(㎡),计划开工,计划竣工,状态\n"
             "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,3250,2025-03-01,2027-02-28,在建\n"
             "P-02,芦溪小学整体搬迁工程,芦溪小学,芦溪镇,小学,整体搬迁,迁建,2860,2025-04-01,2027-03-31,在建\n"
             "P-03,宣风中心幼儿园,宣风中心幼儿园,宣风镇,学前教育,幼儿园,新建,1200,2025-04-01,2026-12-31,在建\n"
             "P-04,宣风中心幼儿园,宣风镇中心小学,宣风镇,学前教育,幼儿园,改扩建,800,2025-04-01,2026-12-31,在建\n");
    WriteAll(dir.Path("sources.csv"),
             "来源编号,来源名称,来源类型,年度,金额(万元),文号,可用于\n"
             "ZJ-01,教育扶贫贷款,政策性贷款,2025,30000,芦府字〔2025〕12号,征地拆迁、前期费用、建安工程、设备购置、其他费用、预备费\n"
             "ZJ-02,中央预算内投资,中央预算内投资,2025,2400,发改投资〔2025〕88号,建安工程、设备购置\n");
    WriteAll(dir.Path("contracts.csv"),
             "合同编号,项目编号,合同类型,乙方,合同金额(万元),签订日期,预付款比例(%),质保金比例(%)\n"
             "HT-01,P-01,施工,萍乡市城建集团有限公司,6240,2025-02-26,20,3\n"
             "HT-02,P-02,施工,江西中恒建设集团有限公司,5472,2025-03-20,20,3\n"
             "HT-03,P-01,监理,江西华杰工程监理有限公司,120,2025-02-20,0,0\n");
    auto r = Import({dir.Path("projects.csv"), dir.Path("sources.csv"), dir.Path("contracts.csv")});
    REQUIRE_MESSAGE(r.committed, Problems(r));
  }
  ImportResult Import(const std::vector<std::string>& paths, ImportOptions o = {}) {
    app::Session session(*db);
    return app::Import(session, paths, o).result;
  }
  static std::string Problems(const ImportResult& r) {
    std::string s;
    for (const auto& l : r.ProblemLines()) s += l + "\n";
    return s;
  }
  std::string Path(const std::string& name) const { return dir.Path(name); }
  std::vector<Payment> Payments() { return storage::LoadPortfolio(*db).payments; }
};

bool Has(const std::vector<Problem>& list, const std::string& text) {
  for (const auto& p : list)
    if (p.ToString().find(text) != std::string::npos) return true;
  return false;
}
std::string Lines(const std::vector<Problem>& list) {
  std::string s;
  for (const auto& p : list) s += p.ToString() + "\n";
  return s;
}

// The payments ledger as a 计财股 clerk keeps it in Excel: 2026 payments, amounts in 万元.
XlsxWriter::Sheet& LedgerSheet(XlsxWriter& book, const std::string& total = "556.7823") {
  auto& s = book.AddSheet("Sheet1");
  s.Row(1, {"芦溪县教育局基建项目资金拨付台账（2026年）"}).Merge("A1:J1");
  s.Row(2, {"填报单位：芦溪县教育局（盖章）", "", "", "", "", "", "", "", "单位：万元"});
  s.Row(3, {"序号", "项目名称", "收款单位", "拨付情况", "", "", "资金来源", "款项性质", "凭证号", "建设单位"});
  s.Row(4, {"", "", "", "拨付日期", "拨付金额", "费用类别"});
  s.Merge("A3:A4").Merge("B3:B4").Merge("C3:C4").Merge("D3:F3").Merge("G3:G4").Merge("H3:H4").Merge("I3:I4").Merge("J3:J4");
  // 356.7823万元 shown as 356.78 (format 0.00): Excel stores the full value.
  s.Row(5, {N("1"), "濂溪中学新建工程", "萍乡市城建集团有限公司", D("46109"), N2("356.7823"), "建安费", "教育扶贫贷款", "工程款", "记-202603-0012", "濂溪中学"});
  s.Row(6, {N("2"), "", "萍乡市城建集团有限公司", D("46127"), N2("100"), "", "教育扶贫贷款", "进度款", "记-202604-0007", "濂溪中学"});
  s.Merge("B5:B6").Merge("J5:J6");
  s.Row(7, {});
  s.Row(8, {N("3"), "芦溪小学整体搬迁工程", "江西中恒建设集团有限公司", D("46162"), N2("100"), "建安工程", "芦府字〔2025〕12号", "预付款", "记-202605-0003", "芦溪小学"});
  s.Row(9, {"合计", "", "", "", F("SUM(E5:E8)", total)});
  s.Merge("A9:D9");
  s.Row(11, {"制表人：张敏", "", "", "审核人：刘建国", "", "", "填报日期：2026年6月3日"});
  return s;
}

}  // namespace

// ---- reading the file -------------------------------------------------------------------------

TEST_CASE("xlsx: Excel serial dates in the 1900 system (with its phantom 29 February) and the 1904 system") {
  CHECK(SerialToIsoDate(1, false) == "1900-01-01");
  CHECK(SerialToIsoDate(59, false) == "1900-02-28");
  CHECK_FALSE(SerialToIsoDate(60, false));  // 1900-02-29 never was
  CHECK(SerialToIsoDate(61, false) == "1900-03-01");
  CHECK(SerialToIsoDate(46109, false) == "2026-03-28");
  CHECK(SerialToIsoDate(46109.75, false) == "2026-03-28");  // 18:00 that day
  CHECK(SerialToIsoDate(0, true) == "1904-01-01");
  CHECK(SerialToIsoDate(44647, true) == "2026-03-28");
  CHECK(IsDateFormat(14, ""));
  CHECK(IsDateFormat(164, "yyyy\"年\"m\"月\"d\"日\""));
  CHECK_FALSE(IsDateFormat(164, "0.00\"万元\""));
  CHECK_FALSE(IsDateFormat(164, "[Red]#,##0.00"));
  CHECK(ShortestDecimal(356.7823) == "356.7823");
  CHECK(ShortestDecimal(0.1 + 0.2) == "0.30000000000000004");
  CHECK(ShortestDecimal(26442375) == "26442375");
}

TEST_CASE("xlsx: shared and inline strings, numbers, merged ranges, formulas' cached values, hidden rows and sheets") {
  test::TempDir dir("sb_workbook");
  XlsxWriter book;
  auto& s = book.AddSheet("台账");
  s.Row(1, {"项目", sb::test::Inline("  带空格的行内文字 "), N("2644.2375"), F("C1*2", "5288.475"), F("C1*3", "")});
  s.Row(2, {"合并", "", "", sb::test::E("#N/A")}).Merge("A2:B3").HideRow(2);
  book.AddSheet("旧表").hidden = true;
  book.Save(dir.Path("a.xlsx"));
  Workbook wb = ReadWorkbookFile(dir.Path("a.xlsx"));
  REQUIRE(wb.sheets.size() == 2);
  const Worksheet& w = wb.sheets[0];
  CHECK(w.At(0, 0).text == "项目");
  CHECK(w.At(0, 1).text == "  带空格的行内文字 ");
  CHECK(w.At(0, 2).number == 2644.2375);
  CHECK(w.At(0, 3).formula);
  CHECK(w.At(0, 3).number == 5288.475);
  CHECK(w.At(0, 4).noCachedValue);
  CHECK(w.At(1, 3).kind == WorkbookCell::Kind::Error);
  CHECK(w.At(2, 1).text == "合并");  // B3 lies in A2:B3
  CHECK(w.RowHidden(1));
  CHECK(wb.sheets[1].hidden);
}

TEST_CASE("xlsx: a broken zip, a truncated file, a password-protected workbook and text are refused by name") {
  test::TempDir dir("sb_workbook");
  XlsxWriter book;
  book.AddSheet("拨付").Row(1, {"凭证号"});
  book.Save(dir.Path("ok.xlsx"));
  std::string bytes = ReadAll(dir.Path("ok.xlsx"));
  auto refusal = [](std::string_view b) {
    auto e = test::Refusal([&] { ReadXlsx(b); });
    return e ? e->detail() : std::string("accepted");
  };
  CHECK(refusal(bytes.substr(0, bytes.size() / 2)).find("压缩包已损坏或不完整") != std::string::npos);
  std::string flipped = bytes;
  flipped[flipped.size() / 3] ^= 0x5A;
  CHECK(refusal(flipped) != "accepted");
  CHECK(refusal("项目编号,金额\n").find("不是 zip 压缩包") != std::string::npos);
  CHECK(refusal("").find("不是 zip 压缩包") != std::string::npos);
  // Saved by LibreOffice with the password 1234 (tests/data/make_fixtures.py).
  std::string encrypted = ReadAll(std::string(SB_TEST_DATA) + "/xlsx/encrypted.xlsx");
  REQUIRE(encrypted.size() > 1000);
  CHECK(refusal(encrypted).find("设置了打开密码（已加密）") != std::string::npos);
  auto e = test::Refusal([&] { ReadWorkbookFile(std::string(SB_TEST_DATA) + "/xlsx/encrypted.xls"); });
  REQUIRE(e);
  CHECK(e->detail().find("设置了打开密码") != std::string::npos);
}

TEST_CASE("xlsx: a 10 MB cell is read whole, and the import refuses it as too long for a project's note") {
  LedgerCounty c;
  XlsxWriter book;
  std::string huge(10 << 20, 'x');
  book.AddSheet("项目")
      .Row(1, {"项目编号", "项目名称", "建设单位", "乡镇", "学段", "建设类别", "建设性质", "状态", "备注"})
      .Row(2, {"P-09", "银河镇二中教学楼拆除重建", "银河镇二中", "银河镇", "初中", "教学楼", "新建", "前期", huge});
  book.Save(c.Path("big.xlsx"));
  Workbook wb = ReadWorkbookFile(c.Path("big.xlsx"));
  CHECK(wb.sheets[0].At(1, 8).text.size() == huge.size());
  auto r = c.Import({c.Path("big.xlsx")});
  CHECK_FALSE(r.committed);
  CHECK(Has(r.problems, "big.xlsx[项目]:2: 备注太长"));
  CHECK(storage::LoadPortfolio(*c.db).projects.size() == 4);
}

// ---- finding the table --------------------------------------------------------------------------

TEST_CASE("xlsx: the clerk's payments ledger imports as it is — title, unit line, two-row header, merged names, 合计, 序号, notes") {
  LedgerCounty c;
  XlsxWriter book;
  LedgerSheet(book);
  book.Save(c.Path("拨付台账.xlsx"));
  auto r = c.Import({c.Path("拨付台账.xlsx")});
  REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
  REQUIRE(r.sheets.size() == 1);
  const SheetTable& t = r.sheets[0];
  CHECK(t.table == Table::Payments);
  CHECK(t.headerRow == 3);
  CHECK(t.headerRows == 2);
  CHECK(t.unitLine == MoneyUnit::Wan);
  CHECK(t.totalRows == 1);
  CHECK(t.blankRows == 2);  // row 7, and row 10 above the notes
  CHECK(r.counts.at(0).inserted == 3);
  std::string notes = Lines(r.notes);
  CHECK(notes.find("A列“序号”: 序号列不导入") != std::string::npos);
  CHECK(notes.find("J列“建设单位”: 不认识的列，已忽略") != std::string::npos);
  CHECK(notes.find(":9: “合计”行已核对，不导入") != std::string::npos);
  CHECK(notes.find(":11: 第11行起是表下的说明（“制表人：张敏”），表到此结束") != std::string::npos);

  auto pf = storage::LoadPortfolio(*c.db);
  REQUIRE(pf.payments.size() == 3);
  const Payment& first = pf.payments[0];
  CHECK(first.amount == Money::Parse("356.7823万元", MoneyUnit::Wan));  // not the 356.78 on screen
  CHECK(first.amount.fen() == 356782300);
  CHECK(FormatDate(first.date) == "2026-03-28");
  CHECK(first.category == CostCategory::Construction);  // 建安费
  CHECK(first.kind == PaymentKind::Progress);             // 工程款
  REQUIRE(first.contractId);                              // payee = HT-01's counterparty
  CHECK(*first.contractId == pf.contracts[0].id);
  const Payment& second = pf.payments[1];
  CHECK(second.projectId == first.projectId);            // the merged 项目名称 covers row 6
  CHECK(second.category == CostCategory::Construction);  // from the works contract
  CHECK(FormatDate(second.date) == "2026-04-15");
  const Payment& third = pf.payments[2];
  CHECK(third.projectId == pf.projects[1].id);
  CHECK(third.sourceId == pf.sources[0].id);  // the source by its 文号
  CHECK(third.amount.fen() == 100000000);
}

TEST_CASE("xlsx: a 合计 that is not the sum of its rows is a problem with both figures, nothing written") {
  LedgerCounty c;
  XlsxWriter book;
  LedgerSheet(book, "556.78");
  book.Save(c.Path("拨付台账.xlsx"));
  auto r = c.Import({c.Path("拨付台账.xlsx")});
  CHECK_FALSE(r.committed);
  CHECK(Has(r.problems, "拨付台账.xlsx[Sheet1]:9: 拨付情况/拨付金额: “合计”行的金额为 556.78 万元，而它所合计的各行之和为 556.7823 万元，相差 -0.0023 万元；请核对台账"));
  CHECK(c.Payments().empty());
}

TEST_CASE("xlsx: an amount needing more than 6 decimals of 万元 is refused, never rounded; a formula without its result too") {
  LedgerCounty c;
  XlsxWriter book;
  book.AddSheet("拨付")
      .Row(1, {"项目编号", "来源编号", "费用类别", "拨付日期", "金额(万元)", "款项性质", "凭证号"})
      .Row(2, {"P-01", "ZJ-01", "建安工程", D("46109"), N2("356.7823456"), "进度款", "记-1"})
      .Row(3, {"P-01", "ZJ-01", "建安工程", D("46109"), F("0.1+0.2", "0.30000000000000004"), "进度款", "记-2"})
      .Row(4, {"P-01", "ZJ-01", "建安工程", D("46109"), F("E2*2", ""), "进度款", "记-3"});
  book.Save(c.Path("x.xlsx"));
  auto r = c.Import({c.Path("x.xlsx")});
  CHECK_FALSE(r.committed);
  std::string all = LedgerCounty::Problems(r);
  CHECK(all.find("x.xlsx[拨付]:2: 金额(万元): 金额“356.7823456”的小数超过6位") != std::string::npos);
  CHECK(all.find("x.xlsx[拨付]:3: 金额(万元): 金额“0.30000000000000004”的小数超过6位") != std::string::npos);
  CHECK(all.find("x.xlsx[拨付]:4: 金额(万元): 公式没有保存计算结果") != std::string::npos);
  CHECK(c.Payments().empty());
}

TEST_CASE("xlsx: dates of a workbook in the 1904 system, percentages shown as % and 元 from the header") {
  LedgerCounty c;
  XlsxWriter book;
  book.date1904 = true;
  book.AddSheet("进度")
      .Row(1, {"项目编号", "月份", "完成比例", "累计完成投资(元)"})
      .Row(2, {"P-01", D("44647"), sb::test::P("0.935"), N("12480000.5")});
  book.Save(c.Path("p.xlsx"));
  auto r = c.Import({c.Path("p.xlsx")});
  REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
  auto pf = storage::LoadPortfolio(*c.db);
  REQUIRE(pf.progress.size() == 1);
  CHECK(pf.progress[0].month.Format() == "2026-03");
  CHECK(pf.progress[0].percent.Format() == "93.5");
  CHECK(pf.progress[0].invested.fen() == 1248000050);
}

TEST_CASE("xlsx: names for codes — exact, then unique after full-width and spaces; ambiguous and unknown list candidates") {
  LedgerCounty c;
  XlsxWriter book;
  book.AddSheet("2026年")
      .Row(1, {"项目名称", "资金渠道", "费用类别", "支付日期", "支付金额（万元）", "款项性质", "凭证编号", "合同编号"})
      .Row(2, {"濂溪中学 新建工程", "中央预算内投资", "建安工程", D("46109"), N("12"), "进度款", "记-1", "HT-01"})
      .Row(3, {"宣风中心幼儿园", "教育扶贫贷款", "建安工程", D("46109"), N("1"), "进度款", "记-2", ""})
      .Row(4, {"濂溪中学", "教育扶贫", "建安工程", D("46109"), N("1"), "进度款", "记-3", ""});
  book.Save(c.Path("2026年台账.xlsx"));
  auto r = c.Import({c.Path("2026年台账.xlsx")});
  CHECK_FALSE(r.committed);
  std::string all = LedgerCounty::Problems(r);
  CHECK(all.find("2026年台账.xlsx[2026年]:3: 项目名称: 名称“宣风中心幼儿园”对应 2 个项目：宣风中心幼儿园（P-03，宣风中心幼儿园）、宣风中心幼儿园（P-04，宣风镇中心小学）；请写全名称，或在台账中加上项目编号列") != std::string::npos);
  CHECK(all.find(":4: 项目名称: 没有名称为“濂溪中学”的项目（也不是项目编号）；名称相近的有：濂溪中学新建工程（P-01，濂溪中学）") != std::string::npos);
  CHECK(all.find(":4: 资金渠道: 没有名称或文号为“教育扶贫”的资金来源（也不是来源编号）；名称相近的有：教育扶贫贷款（ZJ-01，芦府字〔2025〕12号）") != std::string::npos);
  CHECK(all.find(":2:") == std::string::npos);  // row 2: full-width and spaces normalised, unique
  REQUIRE(r.sheets.size() == 1);
  CHECK(r.sheets[0].table == Table::Payments);  // by its columns: neither name says so
}

TEST_CASE("xlsx: a table is recognised by its columns; --table and --sheet override; a hidden sheet is noticed") {
  LedgerCounty c;
  XlsxWriter book;
  book.AddSheet("说明").Row(1, {"本台账由计财股维护"});
  book.AddSheet("数据").Row(1, {"项目编号", "来源编号", "到位金额(万元)", "到位日期"}).Row(2, {"P-01", "ZJ-01", N("500"), D("46109")});
  book.AddSheet("旧数据").hidden = true;
  book.Save(c.Path("资金.xlsx"));
  ImportOptions dry;
  dry.dryRun = true;
  auto r = c.Import({c.Path("资金.xlsx")}, dry);
  REQUIRE(r.sheets.size() == 1);
  CHECK(r.sheets[0].table == Table::Receipts);
  CHECK(Has(r.notes, "工作表“说明”中没有认出可导入的表，跳过"));
  CHECK(Has(r.notes, "工作表“旧数据”是隐藏的，没有导入"));
  // A receipt needs an allocation first; that problem shows the rows were really checked.
  CHECK(Has(r.problems, "资金.xlsx[数据]:2:"));
  ImportOptions forced;
  forced.workbook.table = Table::Allocations;
  forced.workbook.sheet = "数据";
  forced.dryRun = true;
  auto f = c.Import({c.Path("资金.xlsx")}, forced);
  CHECK(Has(f.problems, "工作表“数据”中找不到资金下达表的表头：缺少必需的列 下达金额(万元)、下达日期"));
}

TEST_CASE("xlsx: a --map layout chooses the header row and columns; the county's synonyms add words") {
  LedgerCounty c;
  XlsxWriter book;
  book.AddSheet("拨付")
      .Row(1, {"项目", "渠道", "类", "日", "付款额(万元)", "性质", "号"})
      .Row(2, {"P-01", "ZJ-01", "建安工程", D("46109"), N("8"), "工程进度款", "记-9"});
  book.Save(c.Path("m.xlsx"));
  ImportOptions o;
  o.workbook.layout = SheetLayout::FromJson(
      R"({"table": "payments", "header_row": 1, "columns": {"B": "来源编号", "C": "费用类别", "D": "拨付日期", "F": "款项性质", "G": "凭证号"},
          "synonyms": {"付款额": "金额"}})",
      "映射文件");
  auto r = c.Import({c.Path("m.xlsx")}, o);
  REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
  auto p = c.Payments();
  REQUIRE(p.size() == 1);
  CHECK(p[0].amount.fen() == 8000000);
  CHECK(p[0].kind == PaymentKind::Progress);
}

TEST_CASE("xlsx: next month's cumulative ledger adds the new rows, the unchanged are already there, a changed payment is refused with the difference") {
  LedgerCounty c;
  {
    XlsxWriter book;
    LedgerSheet(book);
    book.Save(c.Path("拨付台账.xlsx"));
    REQUIRE(c.Import({c.Path("拨付台账.xlsx")}).committed);
  }
  XlsxWriter book;
  auto& s = LedgerSheet(book, "656.7823");
  s.Row(9, {N("4"), "芦溪小学整体搬迁工程", "江西中恒建设集团有限公司", D("46170"), N2("100"), "建安工程", "教育扶贫贷款", "进度款", "记-202605-0020", "芦溪小学"});
  s.merges.erase(std::find(s.merges.begin(), s.merges.end(), "A9:D9"));
  s.Row(10, {"合计", "", "", "", F("SUM(E5:E9)", "656.7823")}).Merge("A10:D10");
  s.Row(11, {"制表人：张敏"});
  book.Save(c.Path("拨付台账.xlsx"));
  auto r = c.Import({c.Path("拨付台账.xlsx")});
  REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
  CHECK(r.counts.at(0).inserted == 1);
  CHECK(r.counts.at(0).unchanged == 3);
  CHECK(Has(r.notes, "3 行已在数据库中、内容相同，跳过（第 5、6、8 行）"));
  CHECK(c.Payments().size() == 4);

  XlsxWriter changed;
  auto& t = LedgerSheet(changed, "566.7823");
  t.Row(8, {N("3"), "芦溪小学整体搬迁工程", "江西中恒建设集团有限公司", D("46162"), N2("110"), "建安工程", "芦府字〔2025〕12号", "预付款", "记-202605-0003", "芦溪小学"});
  changed.Save(c.Path("拨付台账.xlsx"));
  auto bad = c.Import({c.Path("拨付台账.xlsx")});
  CHECK_FALSE(bad.committed);
  CHECK(Has(bad.problems, "拨付台账.xlsx[Sheet1]:8: 凭证号: 凭证号“记-202605-0003”的拨付已导入过，但与数据库中的不同（金额：数据库 100.00 万元，台账 110.00 万元）；已入账的拨付不能修改：如确有错误，请录入一笔红字冲销（冲销凭证号填“记-202605-0003”），再以新的凭证号录入正确的拨付"));
  CHECK(c.Payments().size() == 4);
}

// ---- .xls and LibreOffice's own files -------------------------------------------------------------

TEST_CASE("xls: a ledger saved by LibreOffice as .xls imports exactly (libfreexl); as .xlsx with formulas' cached values too") {
  for (std::string name : {"拨付台账.xls", "拨付台账_libreoffice.xlsx"}) {
    CAPTURE(name);
    LedgerCounty c;
    auto r = c.Import({std::string(SB_TEST_DATA) + "/xlsx/" + name});
    REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
    auto pf = storage::LoadPortfolio(*c.db);
    REQUIRE(pf.payments.size() == 3);
    CHECK(pf.payments[0].amount.fen() == 356782300);
    CHECK(FormatDate(pf.payments[0].date) == "2026-03-28");
    CHECK(pf.payments[1].amount.fen() == 100000000);
    CHECK(pf.payments[2].amount.fen() == 12345600);
    CHECK(pf.payments[2].kind == PaymentKind::Advance);
    CHECK(r.sheets.at(0).totalRows == 1);  // its 合计 is a formula: the cached 469.1279 checked
  }
}

// ---- writing ----------------------------------------------------------------------------------------

TEST_CASE("export xlsx: the demo county as one workbook imports into an empty database and exports the same CSV") {
  test::TempDir dir("sb_workbook");
  auto demo = storage::Database::Open(dir.Path("demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  auto written = ExportWorkbook(*demo, dir.Path("县.xlsx"));
  REQUIRE(written.files.size() == 12);
  Export(*demo, dir.Path("from-db"));

  auto empty = storage::Database::Open(dir.Path("empty.db"), storage::OpenMode::Create);
  app::Session session(*empty);
  auto r = app::Import(session, {dir.Path("县.xlsx")}).result;
  REQUIRE_MESSAGE(r.committed, LedgerCounty::Problems(r));
  Export(*empty, dir.Path("from-xlsx"));
  for (Table t : kTablesInOrder) {
    std::string name(Spec(t).file);
    CAPTURE(name);
    std::string a = ReadAll(dir.Path("from-db/" + name)), b = ReadAll(dir.Path("from-xlsx/" + name));
    if (t != Table::ContractProgress) CHECK(a.size() > 30);  // the demo has none: a header only
    CHECK(a == b);
  }
  // Numbers are numbers, dates are dates, text is text (a formula-looking note too).
  Workbook wb = ReadWorkbookFile(dir.Path("县.xlsx"));
  const Worksheet& payments = wb.sheets[8];
  CHECK(payments.name == "拨付");
  CHECK(payments.At(1, 4).kind == WorkbookCell::Kind::Number);
  CHECK(payments.At(1, 4).date);
  CHECK(payments.At(1, 5).kind == WorkbookCell::Kind::Number);
  CHECK(payments.At(1, 7).kind == WorkbookCell::Kind::Text);
}

TEST_CASE("export xlsx: formula-looking text is a string cell and comes back as the same text") {
  test::TempDir dir("sb_workbook");
  auto db = storage::Database::Open(dir.Path("c.db"), storage::OpenMode::Create);
  WriteAll(dir.Path("projects.csv"),
           "项目编号,项目名称,建设单位,乡镇,学段,建设类别,建设性质,状态,备注\n"
           "P-01,濂溪中学新建工程,濂溪中学,芦溪镇,初中,教学楼,新建,在建,\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"\n");
  app::Session session(*db);
  REQUIRE(app::Import(session, {dir.Path("projects.csv")}).result.committed);
  ExportWorkbook(*db, dir.Path("x.xlsx"));
  std::string sheet;
  Workbook wb = ReadWorkbookFile(dir.Path("x.xlsx"));
  CHECK(wb.sheets[0].At(1, 14).kind == WorkbookCell::Kind::Text);
  CHECK(wb.sheets[0].At(1, 14).text == "=HYPERLINK(\"http://x\",\"点我\")");
  CHECK_FALSE(wb.sheets[0].At(1, 14).formula);
}

TEST_CASE("export xlsx: LibreOffice opens the workbook and its CSV has the same numbers") {
  if (std::system("command -v soffice >/dev/null 2>&1") != 0) {
    FAIL("soffice (libreoffice-calc-nogui) is not installed: ./test.sh installs it");
  }
  test::TempDir dir("sb_workbook");
  auto demo = storage::Database::Open(dir.Path("demo.db"), storage::OpenMode::Create);
  storage::LoadDemo(*demo);
  ExportWorkbook(*demo, dir.Path("county.xlsx"));
  // Sheet 9 (拨付) as CSV; LibreOffice's own profile in the temp folder, no prompts.
  std::string cmd = "cd " + dir.dir().string() + " && HOME=" + dir.dir().string() +
                    " timeout 120 soffice --headless --norestore -env:UserInstallation=file://" + dir.dir().string() +
                    "/lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,9' "
                    "--outdir out county.xlsx >lo.log 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string csv = ReadAll(dir.Path("out/county.csv"));
  if (csv.empty())
    for (const auto& e : fs::directory_iterator(dir.dir() / "out")) csv = ReadAll(e.path().string());
  REQUIRE(!csv.empty());
  // The demo's first payment as LibreOffice shows it: 1,248.00 (万元 format), the date.
  std::string ours = ExportTableText(storage::LoadPortfolio(*demo), Table::Payments, MoneyUnit::Wan);
  CHECK(csv.find("拨付日期") != std::string::npos);
  CHECK(csv.find(ours.substr(ours.find('\n') + 1, 20)) != std::string::npos);
}

TEST_CASE("cli: import --dry-run shows sheet, header row, column → field, first rows with problems and counts, writes nothing") {
  LedgerCounty c;
  XlsxWriter book;
  auto& s = LedgerSheet(book);
  s.Row(8, {N("3"), "芦溪小学", "江西中恒建设集团有限公司", D("46162"), N2("100"), "建安工程", "芦府字〔2025〕12号", "预付款", "记-202605-0003", "芦溪小学"});
  book.Save(c.Path("拨付台账.xlsx"));
  c.db.reset();
  std::ostringstream out, err;
  int rc = cli::Run({"schoolbuild-cli", "--db", c.Path("county.db"), "import", c.Path("拨付台账.xlsx"), "--dry-run"}, out, err);
  CHECK(rc == cli::kExitFailed);
  std::string o = out.str();
  CHECK(o.find("试导入（--dry-run，数据库没有任何改动）") != std::string::npos);
  CHECK(o.find("工作表“Sheet1”：拨付表（--table payments），表头在第 3–4 行（两行表头），单位行：万元") != std::string::npos);
  CHECK(o.find("    B 项目名称 → 项目编号（按名称查找）") != std::string::npos);
  CHECK(o.find("    E 拨付情况/拨付金额 → 金额(万元)") != std::string::npos);
  CHECK(o.find("    A 序号 → （不导入：序号）") != std::string::npos);
  CHECK(o.find("    第5行  项目编号=濂溪中学新建工程，来源编号=教育扶贫贷款，费用类别=建安工程，拨付日期=2026-03-28，金额=356.7823，款项性质=进度款，凭证号=记-202603-0012，收款单位=萍乡市城建集团有限公司") != std::string::npos);
  CHECK(o.find("      ✗ 项目名称：没有名称为“芦溪小学”的项目") != std::string::npos);
  CHECK(o.find("  数据 3 行，合计/小计行 1 行，空行 2 行") != std::string::npos);
  CHECK(err.str().find("不能导入：共 1 个问题。") != std::string::npos);
  auto db = storage::Database::Open(c.Path("county.db"), storage::OpenMode::MustExist);
  CHECK(storage::LoadPortfolio(*db).payments.empty());
}

namespace {
std::string ZipPart(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) return "";
  std::string out;
  if (zip_file_t* f = zip_fopen(z, name.c_str(), 0)) {
    char buf[65536];
    for (zip_int64_t n; (n = zip_fread(f, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
    zip_fclose(f);
  }
  zip_close(z);
  return out;
}
}  // namespace

TEST_CASE("report xlsx: every sheet fits the page width with page numbers and the signature line; long rows get their height; LibreOffice reads the totals") {
  test::TempDir dir("sb_workbook");
  std::ostringstream out, err;
  REQUIRE(cli::Run({"schoolbuild-cli", "--db", dir.Path("d.db"), "demo"}, out, err) == cli::kExitOk);
  REQUIRE(cli::Run({"schoolbuild-cli", "--db", dir.Path("d.db"), "report", "--month", "2026-10", "--format", "xlsx",
                    "--out", dir.Path("月报.xlsx")},
                   out, err) == cli::kExitOk);
  for (int i = 1; i <= 5; ++i) {
    CAPTURE(i);
    std::string sheet = ZipPart(dir.Path("月报.xlsx"), "xl/worksheets/sheet" + std::to_string(i) + ".xml");
    REQUIRE(!sheet.empty());
    CHECK(sheet.find("<pageSetUpPr fitToPage=\"1\"/>") != std::string::npos);
    CHECK(sheet.find("fitToHeight=\"0\"") != std::string::npos);
    CHECK(sheet.find("orientation=\"landscape\"") != std::string::npos);
    CHECK(sheet.find("<oddFooter>&amp;L&amp;9填报人：") != std::string::npos);
    CHECK(sheet.find("负责人：") != std::string::npos);
    CHECK(sheet.find("第 &amp;P 页 共 &amp;N 页</oddFooter>") != std::string::npos);
  }
  std::string main = ZipPart(dir.Path("月报.xlsx"), "xl/worksheets/sheet1.xml");
  CHECK(main.find("customHeight=\"1\"") != std::string::npos);  // a project with long 存在问题
  Workbook wb = ReadWorkbookFile(dir.Path("月报.xlsx"));
  bool signature = false;
  for (size_t r = 0; r < wb.sheets[0].RowCount(); ++r)
    signature |= wb.sheets[0].At(r, 0).text.rfind("填报人：", 0) == 0;
  CHECK(signature);

  // LibreOffice opens it (no repair prompt in headless mode means it converts) and shows
  // the exact total budget of the county in the 合计 row.
  std::string cmd = "cd " + dir.dir().string() + " && HOME=" + dir.dir().string() +
                    " timeout 120 soffice --headless --norestore -env:UserInstallation=file://" + dir.dir().string() +
                    "/lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir out 月报.xlsx >lo.log 2>&1";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string csv = ReadAll(dir.Path("out/月报.csv"));
  REQUIRE(!csv.empty());
  auto db = storage::Database::Open(dir.Path("d.db"), storage::OpenMode::MustExist);
  Money budget;
  for (const auto& b : storage::LoadPortfolio(*db).budgetLines) budget += b.amount;
  size_t total = csv.find("合计（19个）");
  REQUIRE(total != std::string::npos);
  std::string line = csv.substr(total, csv.find('\n', total) - total);
  CAPTURE(line);
  // One number of decimals for every amount: the demo's paid total 22,673.0039 needs four,
  // so the budget reads 51,870.0000 too.
  CHECK(line.find("\"" + budget.FormatWan(4, 4) + "\"") != std::string::npos);
  CHECK(line.find("\"22,673.0039\"") != std::string::npos);
}

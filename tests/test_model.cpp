// The invariants Check() enforces on every entity before it is stored, and the text helpers
// they rely on. Each refusal must name the field the clerk has to correct.
#include <doctest/doctest.h>

#include "core/model.h"
#include "core/text.h"
#include "core/translate.h"
#include "core/portfolio.h"
#include "core/validate.h"
#include "test_support.h"

using namespace sb;

namespace {

Date D(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
              static_cast<unsigned short>(d));
}

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

Project ValidProject() {
  Project p;
  p.code = "LX2025-01";
  p.name = "濂溪中学新建工程";
  p.school = "濂溪中学";
  p.township = "芦溪镇";
  p.stage = Stage::Junior;
  p.category = BuildingCategory::TeachingBuilding;
  p.nature = Nature::NewBuild;
  p.floorArea = Area::FromCenti(3250000);
  p.plannedStart = D(2025, 3, 1);
  p.plannedFinish = D(2027, 2, 28);
  p.actualStart = D(2025, 3, 18);
  p.status = ProjectStatus::UnderConstruction;
  return p;
}

FundingSource ValidSource() {
  FundingSource s;
  s.code = "LOAN-2025";
  s.name = "教育扶贫贷款";
  s.kind = "政策性贷款";
  s.year = 2025;
  s.amount = Money::FromWan(30000);
  s.eligible = CategorySet::All();
  return s;
}

Contract ValidContract() {
  Contract c;
  c.code = "HT-LX01-SG";
  c.projectId = 1;
  c.kind = ContractKind::Works;
  c.counterparty = "江西建工集团";
  c.amount = Money::FromWan(6500);
  c.advanceRate = Rate::FromBasisPoints(3000);
  c.retentionRate = Rate::FromBasisPoints(300);
  return c;
}

Payment ValidPayment() {
  Payment p;
  p.projectId = 1;
  p.sourceId = 1;
  p.contractId = 1;
  p.date = D(2025, 5, 10);
  p.amount = Money::FromWan(650);
  p.kind = PaymentKind::Advance;
  p.voucher = "记-2025-05-017";
  p.payee = "江西建工集团";
  return p;
}

}  // namespace

// ---- Project ---------------------------------------------------------------------

TEST_CASE("project: a complete project is accepted, also with equal start and finish") {
  CHECK_NOTHROW(Check(ValidProject()));
  Project p = ValidProject();
  p.plannedFinish = p.plannedStart;
  p.actualFinish = p.actualStart;
  CHECK_NOTHROW(Check(p));
  Project bare = ValidProject();
  bare.plannedStart = bare.plannedFinish = bare.actualStart = std::nullopt;
  CHECK_NOTHROW(Check(bare));
}

TEST_CASE("project: code is required and may not contain spaces or commas") {
  Project p = ValidProject();
  p.code = "";
  CHECK_INVALID(Check(p), "项目编号不能为空");
  p.code = "\u3000 ";
  CHECK_INVALID(Check(p), "项目编号不能为空");
  p.code = "LX 2025";
  CHECK_INVALID(Check(p), "项目编号“LX 2025”不能包含空格或逗号");
  p.code = "LX,01";
  CHECK_INVALID(Check(p), "项目编号");
  p.code = "LX\t01";
  CHECK_INVALID(Check(p), "项目编号");
}

TEST_CASE("project: code is at most 40 characters") {
  Project p = ValidProject();
  p.code = std::string(40, 'A');
  CHECK_NOTHROW(Check(p));
  p.code = std::string(41, 'A');
  CHECK_INVALID(Check(p), "项目编号太长（最多40个字）");
}

TEST_CASE("project: name is required, at most 200 characters, valid UTF-8") {
  Project p = ValidProject();
  p.name = "";
  CHECK_INVALID(Check(p), "项目名称不能为空");
  p.name = "\u3000\u3000";
  CHECK_INVALID(Check(p), "项目名称不能为空");
  p.name = Repeat("校", 200);  // 600 bytes, 200 characters: still fine
  CHECK_NOTHROW(Check(p));
  p.name = Repeat("校", 201);
  CHECK_INVALID(Check(p), "项目名称太长");
  p.name = "濂溪\xE4\xB8";  // cut in the middle of a character
  CHECK_INVALID(Check(p), "项目名称含有无效字符");
}

TEST_CASE("project: school is required") {
  Project p = ValidProject();
  p.school = " ";
  CHECK_INVALID(Check(p), "建设单位不能为空");
}

TEST_CASE("project: township is required and at most 40 characters") {
  Project p = ValidProject();
  p.township = "";
  CHECK_INVALID(Check(p), "乡镇不能为空");
  p.township = Repeat("镇", 41);
  CHECK_INVALID(Check(p), "乡镇太长");
}

TEST_CASE("project: a programme is optional, at most 60 characters, with no space at its ends or control character") {
  Project p = ValidProject();
  CHECK_NOTHROW(Check(p));
  p.programme = "2019年寄宿制学校建设";
  CHECK_NOTHROW(Check(p));
  p.programme = Repeat("批", 60);
  CHECK_NOTHROW(Check(p));
  p.programme = Repeat("批", 61);
  CHECK_INVALID(Check(p), "项目批次太长（最多60个字）");
  p.programme = " 2019年寄宿制学校建设";
  CHECK_INVALID(Check(p), "项目批次“ 2019年寄宿制学校建设”的首尾不能有空格");
  p.programme = "2019年\t寄宿制";
  CHECK_INVALID(Check(p), "项目批次“2019年�寄宿制”含有控制字符（0x09）");
}

TEST_CASE("project: the year a programme names is its leading four digits and 年") {
  CHECK(ProgrammeYear("2019年寄宿制学校建设") == 2019);
  CHECK(ProgrammeYear("2020年") == 2020);
  CHECK_FALSE(ProgrammeYear(""));
  CHECK_FALSE(ProgrammeYear("寄宿制学校建设（2019年）"));
  CHECK_FALSE(ProgrammeYear("19年寄宿制"));
  CHECK_FALSE(ProgrammeYear("2019寄宿制"));
  CHECK_FALSE(ProgrammeYear("２０１９年寄宿制"));  // full-width digits are not read as a year
}

TEST_CASE("project: planned finish may not be before planned start") {
  Project p = ValidProject();
  p.plannedFinish = D(2025, 2, 28);
  CHECK_INVALID(Check(p), "计划竣工 2025-02-28 早于计划开工 2025-03-01");
}

TEST_CASE("project: actual finish may not be before actual start") {
  Project p = ValidProject();
  p.actualFinish = D(2025, 3, 17);
  CHECK_INVALID(Check(p), "实际竣工 2025-03-17 早于实际开工 2025-03-18");
}

TEST_CASE("project: an actual finish needs an actual start") {
  Project p = ValidProject();
  p.actualStart = std::nullopt;
  p.actualFinish = D(2026, 12, 1);
  CHECK_INVALID(Check(p), "实际开工");
}

TEST_CASE("project: note is at most 4000 bytes") {
  Project p = ValidProject();
  p.note = std::string(4000, 'x');
  CHECK_NOTHROW(Check(p));
  p.note = std::string(4001, 'x');
  CHECK_INVALID(Check(p), "备注太长");
}

// ---- budget, fund kinds, sources -------------------------------------------------

TEST_CASE("budget line: belongs to a project and is never negative, zero is allowed") {
  BudgetLine b;
  b.projectId = 1;
  b.category = CostCategory::Land;
  b.amount = Money::FromWan(1800);
  CHECK_NOTHROW(Check(b));
  b.amount = Money();
  CHECK_NOTHROW(Check(b));
  b.amount = Money::FromFen(-1);
  CHECK_INVALID(Check(b), "概算金额不能为负数");
  b.amount = Money::FromWan(1);
  b.projectId = 0;
  CHECK_INVALID(Check(b), "概算必须属于一个项目");
}

TEST_CASE("fund kind: name is required and at most 40 characters") {
  FundKind k;
  k.name = "政策性贷款";
  CHECK_NOTHROW(Check(k));
  k.name = "";
  CHECK_INVALID(Check(k), "来源类型不能为空");
  k.name = Repeat("款", 41);
  CHECK_INVALID(Check(k), "来源类型太长");
}

TEST_CASE("funding source: code, name and kind are required") {
  CHECK_NOTHROW(Check(ValidSource()));
  FundingSource s = ValidSource();
  s.code = "";
  CHECK_INVALID(Check(s), "来源编号不能为空");
  s = ValidSource();
  s.code = "LOAN 2025";
  CHECK_INVALID(Check(s), "来源编号");
  s = ValidSource();
  s.name = "";
  CHECK_INVALID(Check(s), "来源名称不能为空");
  s = ValidSource();
  s.kind = "";
  CHECK_INVALID(Check(s), "来源类型不能为空");
}

TEST_CASE("funding source: year between 1990 and 2100") {
  FundingSource s = ValidSource();
  s.year = 1990;
  CHECK_NOTHROW(Check(s));
  s.year = 2100;
  CHECK_NOTHROW(Check(s));
  s.year = 1989;
  CHECK_INVALID(Check(s), "年度 1989 不合理");
  s.year = 2101;
  CHECK_INVALID(Check(s), "年度 2101 不合理");
  s.year = 0;
  CHECK_INVALID(Check(s), "年度");
}

TEST_CASE("funding source: amount is never negative") {
  FundingSource s = ValidSource();
  s.amount = Money();
  CHECK_NOTHROW(Check(s));
  s.amount = Money::FromFen(-1);
  CHECK_INVALID(Check(s), "资金来源金额不能为负数");
}

// ---- allocations and receipts ----------------------------------------------------

TEST_CASE("allocation: names a project and a source, amount above zero") {
  Allocation a;
  a.projectId = 1;
  a.sourceId = 2;
  a.amount = Money::FromWan(3000);
  a.date = D(2025, 3, 1);
  CHECK_NOTHROW(Check(a));
  a.projectId = 0;
  CHECK_INVALID(Check(a), "资金下达必须指明项目和资金来源");
  a.projectId = 1;
  a.sourceId = 0;
  CHECK_INVALID(Check(a), "资金下达必须指明项目和资金来源");
  a.sourceId = 2;
  a.amount = Money();
  CHECK_INVALID(Check(a), "下达金额必须大于零");
  a.amount = Money::FromFen(-100);
  CHECK_INVALID(Check(a), "下达金额必须大于零");
}

TEST_CASE("receipt: names a project and a source, amount above zero") {
  Receipt r;
  r.projectId = 1;
  r.sourceId = 2;
  r.amount = Money::FromFen(1);
  r.date = D(2025, 4, 1);
  CHECK_NOTHROW(Check(r));
  r.sourceId = 0;
  CHECK_INVALID(Check(r), "资金到位必须指明项目和资金来源");
  r.sourceId = 2;
  r.projectId = -1;
  CHECK_INVALID(Check(r), "资金到位必须指明项目和资金来源");
  r.projectId = 1;
  r.amount = Money();
  CHECK_INVALID(Check(r), "到位金额必须大于零");
}

// ---- procedures and progress -----------------------------------------------------

TEST_CASE("procedure template step: name required, order above zero") {
  ProcedureTemplateStep t;
  t.order = 1;
  t.name = "立项批复";
  CHECK_NOTHROW(Check(t));
  t.name = "";
  CHECK_INVALID(Check(t), "手续名称不能为空");
  t.name = Repeat("审", 61);
  CHECK_INVALID(Check(t), "手续名称太长");
  t.name = "立项批复";
  t.order = 0;
  CHECK_INVALID(Check(t), "手续序号必须大于零");
}

TEST_CASE("procedure step: names a project and a template step") {
  ProcedureStep s;
  s.projectId = 1;
  s.templateId = 0;
  CHECK_INVALID(Check(s), "前期手续必须指明项目和手续");
  s.templateId = 1;
  s.projectId = 0;
  CHECK_INVALID(Check(s), "前期手续必须指明项目和手续");
}

TEST_CASE("procedure step: only a step 已办结 has a done date, and it must have one") {
  ProcedureStep s;
  s.projectId = 1;
  s.templateId = 3;
  s.status = StepStatus::InProgress;
  s.plannedDate = D(2025, 1, 15);
  CHECK_NOTHROW(Check(s));
  s.doneDate = D(2025, 1, 20);
  CHECK_INVALID(Check(s), "只有“已办结”的手续才能填写完成日期");
  s.status = StepStatus::Done;
  CHECK_NOTHROW(Check(s));
  s.doneDate = std::nullopt;
  CHECK_INVALID(Check(s), "“已办结”的手续必须填写完成日期");
  s.status = StepStatus::NotApplicable;
  CHECK_NOTHROW(Check(s));
  s.doneDate = D(2025, 1, 20);
  CHECK_INVALID(Check(s), "完成日期");
}

TEST_CASE("progress entry: belongs to a project, completed investment never negative") {
  ProgressEntry e;
  e.projectId = 1;
  e.month = YearMonth(2025, 6);
  e.percent = Percent::FromTenths(935);
  e.invested = Money::FromWan(2205);
  CHECK_NOTHROW(Check(e));
  e.invested = Money::FromFen(-1);
  CHECK_INVALID(Check(e), "累计完成投资不能为负数");
  e.invested = Money();
  e.projectId = 0;
  CHECK_INVALID(Check(e), "进度必须属于一个项目");
}

// ---- contracts and payments ------------------------------------------------------

TEST_CASE("contract: code, project and counterparty are required, amount above zero") {
  CHECK_NOTHROW(Check(ValidContract()));
  Contract c = ValidContract();
  c.code = "";
  CHECK_INVALID(Check(c), "合同编号不能为空");
  c = ValidContract();
  c.code = "HT 01";
  CHECK_INVALID(Check(c), "合同编号“HT 01”不能包含空格或逗号");
  c = ValidContract();
  c.projectId = 0;
  CHECK_INVALID(Check(c), "合同必须属于一个项目");
  c = ValidContract();
  c.counterparty = "";
  CHECK_INVALID(Check(c), "施工单位不能为空");
  c = ValidContract();
  c.amount = Money();
  CHECK_INVALID(Check(c), "合同金额必须大于零");
}

TEST_CASE("contract: advance at most 30%, retention at most 3%") {
  Contract c = ValidContract();  // exactly 30% and 3%
  CHECK_NOTHROW(Check(c));
  c.advanceRate = Rate::FromBasisPoints(3001);
  CHECK_INVALID(Check(c), "预付款比例 30.01% 超过30%");
  c = ValidContract();
  c.retentionRate = Rate::FromBasisPoints(301);
  CHECK_INVALID(Check(c), "质保金比例 3.01% 超过3%");
}

TEST_CASE("payment: a positive payment with a voucher is accepted, with or without contract") {
  CHECK_NOTHROW(Check(ValidPayment()));
  Payment land = ValidPayment();
  land.contractId = std::nullopt;  // land compensation may have no contract
  land.kind = PaymentKind::LandCompensation;
  land.category = CostCategory::Land;
  CHECK_NOTHROW(Check(land));
}

TEST_CASE("payment: names a project and a source") {
  Payment p = ValidPayment();
  p.sourceId = 0;
  CHECK_INVALID(Check(p), "拨付必须指明项目和资金来源");
  p = ValidPayment();
  p.projectId = 0;
  CHECK_INVALID(Check(p), "拨付必须指明项目和资金来源");
}

TEST_CASE("payment: amount is never zero") {
  Payment p = ValidPayment();
  p.amount = Money();
  CHECK_INVALID(Check(p), "拨付金额不能为零");
}

TEST_CASE("payment: a negative amount is only allowed as a reversal (红字冲销)") {
  Payment p = ValidPayment();
  p.amount = Money::FromWan(-650);
  CHECK_INVALID(Check(p), "更正请用红字冲销");
  p.reversesId = 7;
  CHECK_NOTHROW(Check(p));
  p.amount = Money::FromWan(650);
  CHECK_INVALID(Check(p), "冲销（红字）拨付的金额必须为负数");
}

TEST_CASE("payment: voucher number is required, payee at most 200 characters") {
  Payment p = ValidPayment();
  p.voucher = " ";
  CHECK_INVALID(Check(p), "凭证号不能为空");
  p = ValidPayment();
  p.voucher = std::string(41, '9');
  CHECK_INVALID(Check(p), "凭证号太长");
  p = ValidPayment();
  p.payee = Repeat("司", 200);
  CHECK_NOTHROW(Check(p));
  p.payee = Repeat("司", 201);
  CHECK_INVALID(Check(p), "收款单位太长");
}

// ---- text helpers ----------------------------------------------------------------

TEST_CASE("NarrowFullWidth maps full-width ASCII to ASCII and U+3000 to a space") {
  CHECK(NarrowFullWidth("ＬＸ２０２５－０１") == "LX2025-01");
  CHECK(NarrowFullWidth("！～") == "!~");           // U+FF01 and U+FF5E, the ends of the range
  CHECK(NarrowFullWidth("１２３，４５６．７８") == "123,456.78");
  CHECK(NarrowFullWidth("ａｂｃ｛｝") == "abc{}");
  CHECK(NarrowFullWidth("\u3000") == " ");
  CHECK(NarrowFullWidth("芦溪镇") == "芦溪镇");     // CJK is left alone
  CHECK(NarrowFullWidth("￥") == "￥");             // U+FFE5 is not in the ASCII block
  CHECK(NarrowFullWidth("｟") == "｟");             // U+FF5F is past it
  CHECK(NarrowFullWidth("a\xEF\xBC") == "a\xEF\xBC");  // a truncated sequence is kept as is
  CHECK(NarrowFullWidth("") == "");
}

TEST_CASE("Trim removes ASCII white space, U+3000 and U+00A0 at both ends only") {
  CHECK(Trim("\u3000 芦溪镇\t\u3000") == "芦溪镇");
  CHECK(Trim("\u00A0芦溪 镇\u00A0\n") == "芦溪 镇");
  CHECK(Trim("芦溪\u3000镇") == "芦溪\u3000镇");
  CHECK(Trim("\u3000\u3000") == "");
  CHECK(Trim("") == "");
  CHECK(Trim("镇") == "镇");  // the last byte of 镇 is not the end of a space
  CHECK(Trim(" a ") == "a");
}

TEST_CASE("StripSpaces removes every space, ideographic ones included") {
  CHECK(StripSpaces(" 2 644\u3000万元\u00A0") == "2644万元");
  CHECK(StripSpaces("\t\r\n") == "");
}

TEST_CASE("IsValidUtf8 accepts well-formed UTF-8 and refuses broken sequences") {
  CHECK(IsValidUtf8(""));
  CHECK(IsValidUtf8("LX2025-01"));
  CHECK(IsValidUtf8("濂溪中学新建工程"));
  CHECK(IsValidUtf8("\xF0\x9F\x98\x80"));  // U+1F600, 4 bytes
  CHECK(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF, the last code point
  CHECK_FALSE(IsValidUtf8("\xE6\xBF"));            // truncated at the end
  CHECK_FALSE(IsValidUtf8("\xE6\xBF" "a"));        // continuation byte missing
  CHECK_FALSE(IsValidUtf8("\x80"));                // lone continuation byte
  CHECK_FALSE(IsValidUtf8("\xC0\xAF"));            // overlong '/'
  CHECK_FALSE(IsValidUtf8("\xE0\x80\xAF"));        // overlong, 3 bytes
  CHECK_FALSE(IsValidUtf8("\xED\xA0\x80"));        // UTF-16 surrogate
  CHECK_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));    // above U+10FFFF
  CHECK_FALSE(IsValidUtf8("\xFF"));
  CHECK_FALSE(IsValidUtf8("\xB9\xFA"));            // GBK bytes for 国
}

TEST_CASE("Utf8Length counts code points") {
  CHECK(Utf8Length("芦溪镇ab") == 5);
  CHECK(Utf8Length("") == 0);
  CHECK(Utf8Length("\xF0\x9F\x98\x80") == 1);
}

TEST_CASE("DisplayWidth counts CJK and full-width characters as two columns") {
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("芦溪镇") == 6);
  CHECK(DisplayWidth("LX2025-01") == 9);
  CHECK(DisplayWidth("概算(万元)") == 10);
  CHECK(DisplayWidth("２０２５") == 8);
  CHECK(DisplayWidth("，") == 2);
  CHECK(DisplayWidth("\u3000") == 2);
  CHECK(DisplayWidth("é") == 1);
  CHECK(DisplayWidth("2,644.2375") == 10);
  CHECK(DisplayWidth("") == 0);
}

TEST_CASE("SplitAny splits on any separator, trims parts and drops empty ones, Join joins") {
  auto parts = SplitAny(" 建安工程 、设备购置；;征地拆迁 ", {"、", ";", "；"});
  REQUIRE(parts.size() == 3);
  CHECK(parts[0] == "建安工程");
  CHECK(parts[1] == "设备购置");
  CHECK(parts[2] == "征地拆迁");
  CHECK(SplitAny("", {","}).empty());
  CHECK(Join(parts, "、") == "建安工程、设备购置、征地拆迁");
  CHECK(Join({}, "、") == "");
}

// ---- hostile input (issue 13) -------------------------------------------------------

TEST_CASE("a voucher or a code containing a control character is refused naming the character") {
  Payment p = ValidPayment();
  p.voucher = "\x1f";
  CHECK_INVALID(Check(p), "凭证号");
  CHECK_INVALID(Check(p), "控制字符（0x1F）");
  p.voucher = "记-2025\x07-017";
  CHECK_INVALID(Check(p), "控制字符（0x07）");
  Project project = ValidProject();
  project.code = "LX\x1b" "2025";
  CHECK_INVALID(Check(project), "项目编号");
  Contract c = ValidContract();
  c.code = "HT\x7f" "1";
  CHECK_INVALID(Check(c), "控制字符（0x7F）");
  CHECK_NOTHROW(Check(ValidPayment()));
}

TEST_CASE("payment and progress dates outside the county's plausible years 2000..2100 are refused") {
  InputLimits limits;
  limits.today = D(2026, 12, 1);
  Payment p = ValidPayment();
  p.contractId.reset();
  p.date = D(1999, 12, 31);
  CHECK_INVALID(Check(p, PaymentContext{}, limits), "拨付日期 1999-12-31 的年份不在 2000–2100 之间");
  p.date = D(2000, 1, 1);
  CHECK_NOTHROW(Check(p, PaymentContext{}, limits));
  limits.today = D(2999, 12, 31);  // so the future-date check is not what refuses it
  p.date = D(2999, 12, 31);
  CHECK_INVALID(Check(p, PaymentContext{}, limits), "check.year_max=2100");
  limits.yearMax = 3000;
  CHECK_NOTHROW(Check(p, PaymentContext{}, limits));

  limits = InputLimits{};
  limits.today = D(2026, 12, 1);
  ProgressEntry e;
  e.projectId = 1;
  e.month = YearMonth(1999, 12);
  CHECK_INVALID(Check(e, limits), "进度月份");
  e.month = YearMonth(2026, 11);
  CHECK_NOTHROW(Check(e, limits));
  CHECK_INVALID(CheckPlausibleYear(D(2101, 1, 1), limits, "到位日期"), "到位日期 2101-01-01");
  CHECK_NOTHROW(CheckPlausibleYear(std::nullopt, limits, "到位日期"));
}

TEST_CASE("the plausible years are county settings check.year_min and check.year_max") {
  InputLimits l = ReadInputLimits(Settings(), D(2026, 12, 1));
  CHECK(l.yearMin == 2000);
  CHECK(l.yearMax == 2100);
  l = ReadInputLimits(Settings({{kSetYearMin, "1990"}, {kSetYearMax, "2050"}}), D(2026, 12, 1));
  CHECK(l.yearMin == 1990);
  CHECK(l.yearMax == 2050);
  CHECK_INVALID(ReadInputLimits(Settings({{kSetYearMin, "2060"}, {kSetYearMax, "2050"}}), D(2026, 12, 1)),
                "check.year_min");
}

// ---- the user's language ------------------------------------------------------------

namespace {

// A translator that knows three msgids, as the window's catalog would: a message, a field
// name in its context, and the format of a message naming a field.
std::string TestTranslator(const char* utf8) {
  const std::string s = utf8;
  if (s == "%s %s 晚于今天（%s）超过 %lld 天：还没有发生的事不能登记（县设置 %s=%lld）")
    return "%s %s is later than today (%s) by more than %lld days (county setting %s=%lld)";
  if (s == std::string("field") + '\x04' + "拨付日期") return "Payment date";
  if (s == std::string("field") + '\x04' + "凭证号") return "Voucher no.";
  if (s == "%s不能为空") return "%s cannot be empty";
  return s;
}

struct TranslatorInstalled {
  TranslatorInstalled() { SetTranslator(&TestTranslator); }
  ~TranslatorInstalled() { SetTranslator(nullptr); }
};

std::string RefusalOf(const Payment& p, const InputLimits& limits) {
  try {
    Check(p, PaymentContext{}, limits);
  } catch (const Error& e) {
    return e.detail();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("a refusal is in the user's language: translated by the translator installed, the Chinese original without one") {
  InputLimits limits;
  limits.today = D(2026, 12, 1);
  Payment p = ValidPayment();
  p.contractId.reset();
  p.date = D(2026, 12, 20);
  const std::string chinese =
      "拨付日期 2026-12-20 晚于今天（2026-12-01）超过 7 天：还没有发生的事不能登记（县设置 check.max_future_days=7）";
  // The command line installs none: the message is the Chinese original, byte for byte.
  CHECK(RefusalOf(p, limits) == chinese);
  {
    TranslatorInstalled english;
    CHECK(RefusalOf(p, limits) ==
          "Payment date 2026-12-20 is later than today (2026-12-01) by more than 7 days (county setting "
          "check.max_future_days=7)");
    Payment noVoucher = ValidPayment();
    noVoucher.voucher = "";
    CHECK(RefusalOf(noVoucher, InputLimits{}) == "Voucher no. cannot be empty");
    // A msgid the catalog lacks stays Chinese; what goes into a file stays Chinese.
    Payment zero = ValidPayment();
    zero.amount = Money();
    CHECK(RefusalOf(zero, InputLimits{}) == "拨付金额不能为零");
    Untranslated canonical;
    CHECK(RefusalOf(p, limits) == chinese);
  }
  CHECK(RefusalOf(p, limits) == chinese);
}

#include "core/model.h"

#include <cstdio>

#include "core/text.h"
#include "core/translate.h"

namespace sb {

namespace {

// `message` is a msgid marked with TrNoop: translated only when the check fails, so that
// an import's million good rows cost no lookup.
void Require(bool ok, const char* message) {
  if (!ok) Fail(ErrorCode::InvalidInput, Tr(message));
}

// `field` is the field's Chinese name marked with TrNoopC("field", …); the message names
// it in the user's language.
void RequireText(const std::string& value, const char* field, size_t maxLen = 200) {
  // TRANSLATORS: %s is a field's name (项目名称, 凭证号 …).
  if (Trim(value).empty()) Fail(ErrorCode::InvalidInput, Tr("%s不能为空", TrC("field", field).c_str()));
  if (Utf8Length(value) > maxLen)
    // TRANSLATORS: a field's name, then how many characters it may hold.
    Fail(ErrorCode::InvalidInput, Tr("%s太长（最多%zu个字）", TrC("field", field).c_str(), maxLen));
  // TRANSLATORS: %s is a field's name; the text is not valid UTF-8.
  if (!IsValidUtf8(value)) Fail(ErrorCode::InvalidInput, Tr("%s含有无效字符", TrC("field", field).c_str()));
}

// A key a person types and reads back: a control character (a stray 0x1F from a scanner
// or a pasted cell) is invisible on screen and in print, so two "equal" vouchers would
// differ.
void RequireNoControl(const std::string& value, const char* field) {
  std::string shown;
  for (char c : value) shown += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? std::string("�") : std::string(1, c);
  for (unsigned char c : value)
    if (c < 0x20 || c == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      Fail(ErrorCode::InvalidInput,
           // TRANSLATORS: a field's name, its value (� marks the control character), and the
           // character's code (0x1F).
           Tr("%s“%s”含有控制字符（%s），不能保存；请重新输入", TrC("field", field).c_str(), shown.c_str(), hex));
    }
}

void RequireCode(const std::string& code, const char* field) {
  RequireText(code, field, 40);
  RequireNoControl(code, field);
  for (char c : code)
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',')
      // TRANSLATORS: a code's field name (项目编号 …) and the code.
      Fail(ErrorCode::InvalidInput, Tr("%s“%s”不能包含空格或逗号", TrC("field", field).c_str(), code.c_str()));
}

// `first` and `second` are field names marked with TrNoopC("field", …).
void RequireOrder(const std::optional<Date>& a, const std::optional<Date>& b, const char* first,
                  const char* second) {
  if (a && b && !(*a <= *b))
    // TRANSLATORS: the later field (计划竣工) and its date come first, then the earlier
    // field (计划开工) and its date: "Planned finish 2025-01-01 is before planned start …".
    Fail(ErrorCode::InvalidInput, Tr("%s %s 早于%s %s", TrC("field", second).c_str(), FormatDate(*b).c_str(),
                                     TrC("field", first).c_str(), FormatDate(*a).c_str()));
}

}  // namespace

bool IsCountyCode(const std::string& code) {
  if (code.size() != 6) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

void Check(const County& c) {
  if (!IsCountyCode(c.code))
    // TRANSLATORS: 行政区划代码 is the six-digit administrative division code of a county.
    Fail(ErrorCode::InvalidInput, Tr("行政区划代码“%s”不对：应为6位数字（如 422822）", c.code.c_str()));
  RequireText(c.name, TrNoopC("field", "县（区）名称"), 40);
  RequireNoControl(c.name, TrNoopC("field", "县（区）名称"));
  if (Trim(c.name) != c.name)
    Fail(ErrorCode::InvalidInput, Tr("县（区）名称“%s”的首尾不能有空格", c.name.c_str()));
}

void Check(const Project& p) {
  RequireCode(p.code, TrNoopC("field", "项目编号"));
  if (!p.countyCode.empty() && !IsCountyCode(p.countyCode))
    // TRANSLATORS: the project's code, then its county code.
    Fail(ErrorCode::InvalidInput, Tr("项目“%s”的行政区划代码“%s”不对：应为6位数字（如 422822）", p.code.c_str(),
                                     p.countyCode.c_str()));
  RequireText(p.name, TrNoopC("field", "项目名称"));
  // TRANSLATORS: the school or unit that builds (the project owner), a field's name.
  RequireText(p.school, TrNoopC("field", "建设单位"));
  // TRANSLATORS: the township (乡镇) a project is in, a field's name.
  RequireText(p.township, TrNoopC("field", "乡镇"), 40);
  // A programme groups and filters projects: two spellings that look the same would be
  // two groups, so it holds no control character and no space at either end.
  // TRANSLATORS: 项目批次 is the programme (batch) a project belongs to, e.g. 2025年薄改项目.
  Require(Utf8Length(p.programme) <= 60, TrNoop("项目批次太长（最多60个字）"));
  Require(IsValidUtf8(p.programme), TrNoop("项目批次含有无效字符"));
  RequireNoControl(p.programme, TrNoopC("field", "项目批次"));
  if (Trim(p.programme) != p.programme)
    Fail(ErrorCode::InvalidInput, Tr("项目批次“%s”的首尾不能有空格", p.programme.c_str()));
  RequireOrder(p.plannedStart, p.plannedFinish, TrNoopC("field", "计划开工"), TrNoopC("field", "计划竣工"));
  RequireOrder(p.actualStart, p.actualFinish, TrNoopC("field", "实际开工"), TrNoopC("field", "实际竣工"));
  Require(!p.actualFinish || p.actualStart, TrNoop("有实际竣工日期时必须填写实际开工日期"));
  Require(p.note.size() <= 4000, TrNoop("备注太长"));
}

void Check(const BudgetLine& b) {
  // TRANSLATORS: 概算 is the approved budget (estimate) of a project, by cost category.
  Require(b.projectId > 0, TrNoop("概算必须属于一个项目"));
  Require(!b.amount.IsNegative(), TrNoop("概算金额不能为负数"));
}

// TRANSLATORS: 来源类型 is the kind of a funding source (中央专项, 县级财政 …), a field's name.
void Check(const FundKind& k) { RequireText(k.name, TrNoopC("field", "来源类型"), 40); }

void Check(const FundingSource& s) {
  RequireCode(s.code, TrNoopC("field", "来源编号"));
  if (!s.countyCode.empty() && !IsCountyCode(s.countyCode))
    // TRANSLATORS: the funding source's code, then its county code.
    Fail(ErrorCode::InvalidInput, Tr("资金来源“%s”的行政区划代码“%s”不对：应为6位数字（如 422822）",
                                     s.code.c_str(), s.countyCode.c_str()));
  RequireText(s.name, TrNoopC("field", "来源名称"));
  RequireText(s.kind, TrNoopC("field", "来源类型"), 40);
  // TRANSLATORS: the budget year of a fund.
  if (s.year < 1990 || s.year > 2100) Fail(ErrorCode::InvalidInput, Tr("年度 %d 不合理", s.year));
  Require(!s.amount.IsNegative(), TrNoop("资金来源金额不能为负数"));
  Require(!s.eligible.Empty(), TrNoop("可支付的费用类别至少要选一项，否则这笔资金不能支付任何费用"));
}

void Check(const Allocation& a) {
  // TRANSLATORS: 资金下达 is an allocation: a funding source commits an amount to a project.
  Require(a.projectId > 0 && a.sourceId > 0, TrNoop("资金下达必须指明项目和资金来源"));
  Require(a.amount.fen() > 0, TrNoop("下达金额必须大于零"));
}

void Check(const Receipt& r) {
  // TRANSLATORS: 资金到位 is a receipt: allocated money that has actually arrived.
  Require(r.projectId > 0 && r.sourceId > 0, TrNoop("资金到位必须指明项目和资金来源"));
  Require(r.amount.fen() > 0, TrNoop("到位金额必须大于零"));
}

void Check(const ProcedureTemplateStep& t) {
  // TRANSLATORS: 手续 is a pre-construction procedure (a permit or approval to obtain).
  RequireText(t.name, TrNoopC("field", "手续名称"), 60);
  Require(t.order > 0, TrNoop("手续序号必须大于零"));
}

void Check(const ProcedureStep& s) {
  Require(s.projectId > 0 && s.templateId > 0, TrNoop("前期手续必须指明项目和手续"));
  // TRANSLATORS: 已办结 is the status "done" of a procedure.
  Require(s.status == StepStatus::Done || !s.doneDate, TrNoop("只有“已办结”的手续才能填写完成日期"));
  Require(s.status != StepStatus::Done || s.doneDate, TrNoop("“已办结”的手续必须填写完成日期"));
  if (s.extensions < 0 || s.extensions > kMaxPermitExtensions)
    // TRANSLATORS: %d is how many times the construction permit was extended.
    Fail(ErrorCode::InvalidInput, Tr("延期次数 %d 不合理：施工许可证延期以两次为限", s.extensions));
}

void Check(const ProgressEntry& e) {
  Require(e.projectId > 0, TrNoop("进度必须属于一个项目"));
  // TRANSLATORS: 累计完成投资 is the investment completed to date (a cumulative amount).
  Require(!e.invested.IsNegative(), TrNoop("累计完成投资不能为负数"));
}

void Check(const ContractProgress& e) {
  Require(e.contractId > 0, TrNoop("合同进度必须属于一个合同"));
  Require(e.projectId > 0, TrNoop("合同进度必须属于合同所在的项目"));
  Require(e.note.size() <= 4000, TrNoop("备注太长"));
}

void Check(const Contract& c) {
  RequireCode(c.code, TrNoopC("field", "合同编号"));
  Require(c.projectId > 0, TrNoop("合同必须属于一个项目"));
  // TRANSLATORS: the contract's other party (乙方), a field's name.
  RequireText(c.counterparty, TrNoopC("field", "施工单位"));
  Require(c.amount.fen() > 0, TrNoop("合同金额必须大于零"));
  if (c.advanceRate.basisPoints() > kMaxAdvanceBp)
    // TRANSLATORS: %s%% is the advance payment rate typed (35%).
    Fail(ErrorCode::InvalidInput, Tr("预付款比例 %s%% 超过30%%", c.advanceRate.Format().c_str()));
  if (c.retentionRate && c.retentionRate->basisPoints() > kMaxRetentionBp)
    // TRANSLATORS: %s%% is the retention rate typed (5%); 质保金 is the retention money.
    Fail(ErrorCode::InvalidInput, Tr("质保金比例 %s%% 超过3%%", c.retentionRate->Format().c_str()));
  // TRANSLATORS: 中标通知书 is the notice of award of a tender.
  Require(c.awardNo.size() <= 200, TrNoop("中标通知书编号太长"));
  Require(c.advanceRecoverFrom.has_value() == c.advanceRecoverTo.has_value(),
          // TRANSLATORS: the advance is recovered (deducted) from progress payments between two
          // percentages of completion.
          TrNoop("预付款扣回起点和终点要么都填，要么都不填"));
  if (c.advanceRecoverFrom && c.advanceRecoverTo && !(*c.advanceRecoverFrom < *c.advanceRecoverTo))
    Fail(ErrorCode::InvalidInput, Tr("预付款扣回起点 %s%% 必须小于终点 %s%%", c.advanceRecoverFrom->Format().c_str(),
                                     c.advanceRecoverTo->Format().c_str()));
}

void Check(const AnnualPlan& a) {
  Require(a.projectId > 0, TrNoop("年度计划必须属于一个项目"));
  if (a.year < 1990 || a.year > 2100) Fail(ErrorCode::InvalidInput, Tr("年度 %d 不合理", a.year));
  Require(!a.amount.IsNegative(), TrNoop("年度计划投资不能为负数"));
  Require(a.note.size() <= 4000, TrNoop("备注太长"));
}

void Check(const Payment& p) {
  // TRANSLATORS: 拨付 is a payment (a disbursement) out of received funds.
  Require(p.projectId > 0 && p.sourceId > 0, TrNoop("拨付必须指明项目和资金来源"));
  Require(!p.amount.IsZero(), TrNoop("拨付金额不能为零"));
  if (p.reversesId)
    Require(p.amount.IsNegative(), TrNoop("冲销（红字）拨付的金额必须为负数"));
  else
    Require(!p.amount.IsNegative(), TrNoop("拨付金额必须大于零；更正请用红字冲销"));
  // TRANSLATORS: 凭证号 is the accounting voucher number of a payment.
  RequireText(p.voucher, TrNoopC("field", "凭证号"), 40);
  RequireNoControl(p.voucher, TrNoopC("field", "凭证号"));
  // TRANSLATORS: 收款单位 is the payee.
  Require(Utf8Length(p.payee) <= 200, TrNoop("收款单位太长"));
}

std::optional<int> ProgrammeYear(const std::string& programme) {
  static const std::string kYear = "年";
  if (programme.size() < 4 + kYear.size() || programme.compare(4, kYear.size(), kYear) != 0) return std::nullopt;
  int year = 0;
  for (size_t i = 0; i < 4; ++i) {
    if (programme[i] < '0' || programme[i] > '9') return std::nullopt;
    year = year * 10 + (programme[i] - '0');
  }
  return year;
}

}  // namespace sb

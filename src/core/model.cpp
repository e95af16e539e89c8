#include "core/model.h"

#include <cstdio>

#include "core/text.h"

namespace sb {

namespace {

void Require(bool ok, const std::string& message) {
  if (!ok) Fail(ErrorCode::InvalidInput, message);
}

void RequireText(const std::string& value, const char* field, size_t maxLen = 200) {
  Require(!Trim(value).empty(), std::string(field) + "不能为空");
  Require(Utf8Length(value) <= maxLen,
          std::string(field) + "太长（最多" + std::to_string(maxLen) + "个字）");
  Require(IsValidUtf8(value), std::string(field) + "含有无效字符");
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
      Fail(ErrorCode::InvalidInput, std::string(field) + "“" + shown + "”含有控制字符（" + hex +
                                        "），不能保存；请重新输入");
    }
}

void RequireCode(const std::string& code, const char* field) {
  RequireText(code, field, 40);
  RequireNoControl(code, field);
  for (char c : code)
    Require(c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != ',',
            std::string(field) + "“" + code + "”不能包含空格或逗号");
}

void RequireOrder(const std::optional<Date>& a, const std::optional<Date>& b, const char* first,
                  const char* second) {
  if (a && b)
    Require(*a <= *b, std::string(second) + " " + FormatDate(*b) + " 早于" + first + " " +
                          FormatDate(*a));
}

void RequireCountyCode(const std::string& code, const std::string& what) {
  if (!code.empty() && !IsCountyCode(code))
    Fail(ErrorCode::InvalidInput, what + "的行政区划代码“" + code + "”不对：应为6位数字（如 422822）");
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
    Fail(ErrorCode::InvalidInput, "行政区划代码“" + c.code + "”不对：应为6位数字（如 422822）");
  RequireText(c.name, "县（区）名称", 40);
  RequireNoControl(c.name, "县（区）名称");
  Require(Trim(c.name) == c.name, "县（区）名称“" + c.name + "”的首尾不能有空格");
}

void Check(const Project& p) {
  RequireCode(p.code, "项目编号");
  RequireCountyCode(p.countyCode, "项目“" + p.code + "”");
  RequireText(p.name, "项目名称");
  RequireText(p.school, "建设单位");
  RequireText(p.township, "乡镇", 40);
  // A programme groups and filters projects: two spellings that look the same would be
  // two groups, so it holds no control character and no space at either end.
  Require(Utf8Length(p.programme) <= 60, "项目批次太长（最多60个字）");
  Require(IsValidUtf8(p.programme), "项目批次含有无效字符");
  RequireNoControl(p.programme, "项目批次");
  Require(Trim(p.programme) == p.programme, "项目批次“" + p.programme + "”的首尾不能有空格");
  RequireOrder(p.plannedStart, p.plannedFinish, "计划开工", "计划竣工");
  RequireOrder(p.actualStart, p.actualFinish, "实际开工", "实际竣工");
  Require(!p.actualFinish || p.actualStart, "有实际竣工日期时必须填写实际开工日期");
  Require(p.note.size() <= 4000, "备注太长");
}

void Check(const BudgetLine& b) {
  Require(b.projectId > 0, "概算必须属于一个项目");
  Require(!b.amount.IsNegative(), "概算金额不能为负数");
}

void Check(const FundKind& k) { RequireText(k.name, "来源类型", 40); }

void Check(const FundingSource& s) {
  RequireCode(s.code, "来源编号");
  RequireCountyCode(s.countyCode, "资金来源“" + s.code + "”");
  RequireText(s.name, "来源名称");
  RequireText(s.kind, "来源类型", 40);
  Require(s.year >= 1990 && s.year <= 2100, "年度 " + std::to_string(s.year) + " 不合理");
  Require(!s.amount.IsNegative(), "资金来源金额不能为负数");
  Require(!s.eligible.Empty(), "可支付的费用类别至少要选一项，否则这笔资金不能支付任何费用");
}

void Check(const Allocation& a) {
  Require(a.projectId > 0 && a.sourceId > 0, "资金下达必须指明项目和资金来源");
  Require(a.amount.fen() > 0, "下达金额必须大于零");
}

void Check(const Receipt& r) {
  Require(r.projectId > 0 && r.sourceId > 0, "资金到位必须指明项目和资金来源");
  Require(r.amount.fen() > 0, "到位金额必须大于零");
}

void Check(const ProcedureTemplateStep& t) {
  RequireText(t.name, "手续名称", 60);
  Require(t.order > 0, "手续序号必须大于零");
}

void Check(const ProcedureStep& s) {
  Require(s.projectId > 0 && s.templateId > 0, "前期手续必须指明项目和手续");
  Require(s.status == StepStatus::Done || !s.doneDate,
          "只有“已办结”的手续才能填写完成日期");
  Require(s.status != StepStatus::Done || s.doneDate, "“已办结”的手续必须填写完成日期");
  Require(s.extensions >= 0 && s.extensions <= kMaxPermitExtensions,
          "延期次数 " + std::to_string(s.extensions) + " 不合理：施工许可证延期以两次为限");
}

void Check(const ProgressEntry& e) {
  Require(e.projectId > 0, "进度必须属于一个项目");
  Require(!e.invested.IsNegative(), "累计完成投资不能为负数");
}

void Check(const ContractProgress& e) {
  Require(e.contractId > 0, "合同进度必须属于一个合同");
  Require(e.projectId > 0, "合同进度必须属于合同所在的项目");
  Require(e.note.size() <= 4000, "备注太长");
}

void Check(const Contract& c) {
  RequireCode(c.code, "合同编号");
  Require(c.projectId > 0, "合同必须属于一个项目");
  RequireText(c.counterparty, "施工单位");
  Require(c.amount.fen() > 0, "合同金额必须大于零");
  Require(c.advanceRate.basisPoints() <= kMaxAdvanceBp,
          "预付款比例 " + c.advanceRate.Format() + "% 超过30%");
  Require(!c.retentionRate || c.retentionRate->basisPoints() <= kMaxRetentionBp,
          "质保金比例 " + (c.retentionRate ? c.retentionRate->Format() : std::string()) + "% 超过3%");
  Require(c.awardNo.size() <= 200, "中标通知书编号太长");
  Require(c.advanceRecoverFrom.has_value() == c.advanceRecoverTo.has_value(),
          "预付款扣回起点和终点要么都填，要么都不填");
  if (c.advanceRecoverFrom && c.advanceRecoverTo)
    Require(*c.advanceRecoverFrom < *c.advanceRecoverTo,
            "预付款扣回起点 " + c.advanceRecoverFrom->Format() + "% 必须小于终点 " +
                c.advanceRecoverTo->Format() + "%");
}

void Check(const AnnualPlan& a) {
  Require(a.projectId > 0, "年度计划必须属于一个项目");
  Require(a.year >= 1990 && a.year <= 2100, "年度 " + std::to_string(a.year) + " 不合理");
  Require(!a.amount.IsNegative(), "年度计划投资不能为负数");
  Require(a.note.size() <= 4000, "备注太长");
}

void Check(const Payment& p) {
  Require(p.projectId > 0 && p.sourceId > 0, "拨付必须指明项目和资金来源");
  Require(!p.amount.IsZero(), "拨付金额不能为零");
  if (p.reversesId)
    Require(p.amount.IsNegative(), "冲销（红字）拨付的金额必须为负数");
  else
    Require(!p.amount.IsNegative(), "拨付金额必须大于零；更正请用红字冲销");
  RequireText(p.voucher, "凭证号", 40);
  RequireNoControl(p.voucher, "凭证号");
  Require(Utf8Length(p.payee) <= 200, "收款单位太长");
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

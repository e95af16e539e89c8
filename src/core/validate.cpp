#include "core/validate.h"

#include "core/text.h"

namespace sb {

namespace {

std::string Wan(Money m) { return m.FormatWan(2, 6) + " 万元"; }

void Require(bool ok, ErrorCode code, const std::string& message) {
  if (!ok) Fail(code, message);
}

}  // namespace

InputLimits ReadInputLimits(const Settings& settings, Date today) {
  InputLimits l;
  l.today = today;
  l.maxFutureDays = settings.Integer(kSetMaxFutureDays, 7);
  if (l.maxFutureDays < 0 || l.maxFutureDays > 3650)
    Fail(ErrorCode::InvalidInput, std::string("设置项 ") + kSetMaxFutureDays + " 的值 " +
                                      std::to_string(l.maxFutureDays) + " 超出范围（0–3650）");
  l.yearMin = settings.Integer(kSetYearMin, 2000);
  l.yearMax = settings.Integer(kSetYearMax, 2100);
  if (l.yearMin < 1900 || l.yearMax > 2999 || l.yearMin > l.yearMax)
    Fail(ErrorCode::InvalidInput, std::string("设置项 ") + kSetYearMin + "、" + kSetYearMax + " 的值 " +
                                      std::to_string(l.yearMin) + "、" + std::to_string(l.yearMax) +
                                      " 不合理（应在 1900–2999 之间，且前者不大于后者）");
  return l;
}

void CheckPlausibleYear(const std::optional<Date>& date, const InputLimits& limits, std::string_view field) {
  if (!date || date->is_special()) return;
  const int64_t year = date->year();
  if (year >= limits.yearMin && year <= limits.yearMax) return;
  Fail(ErrorCode::InvalidInput, std::string(field) + " " + FormatDate(*date) + " 的年份不在 " +
                                    std::to_string(limits.yearMin) + "–" + std::to_string(limits.yearMax) +
                                    " 之间，多半是输入错误（县设置 " + kSetYearMin + "=" +
                                    std::to_string(limits.yearMin) + "，" + kSetYearMax + "=" +
                                    std::to_string(limits.yearMax) + "）");
}

void CheckNotFuture(const std::optional<Date>& date, const InputLimits& limits, std::string_view field) {
  if (!date || limits.today.is_special()) return;
  Date latest = limits.today + boost::gregorian::days(limits.maxFutureDays);
  if (!(latest < *date)) return;
  Fail(ErrorCode::InvalidInput,
       std::string(field) + " " + FormatDate(*date) + " 晚于今天（" + FormatDate(limits.today) +
           "）" + (limits.maxFutureDays ? "超过 " + std::to_string(limits.maxFutureDays) + " 天" : "") +
           "：还没有发生的事不能登记（县设置 " + kSetMaxFutureDays + "=" +
           std::to_string(limits.maxFutureDays) + "）");
}

int ParseYear(std::string_view text) {
  std::string t = StripSpaces(NarrowFullWidth(text));
  if (t.size() > 3 && t.compare(t.size() - 3, 3, "年") == 0) t.resize(t.size() - 3);
  if (t.empty()) Fail(ErrorCode::InvalidInput, "年度不能为空");
  if (t.size() != 4 || t.find_first_not_of("0123456789") != std::string::npos)
    Fail(ErrorCode::InvalidInput, "年度“" + std::string(text) + "”应为四位数字的年份，如 2025");
  return std::stoi(t);
}

void Check(const FundingSource& s, const SourceContext& ctx) {
  Check(s);
  Require(s.amount >= ctx.allocated, ErrorCode::InvalidInput,
          "资金来源“" + s.code + "”的金额 " + Wan(s.amount) + " 少于已下达各项目的合计 " +
              Wan(ctx.allocated) + "；请先核减或删除资金下达");
}

void Check(const Allocation& a, const AllocationContext& ctx, const InputLimits& limits) {
  Check(a);
  if (!ctx.source) Fail(ErrorCode::NotFound, "资金下达的资金来源不存在");
  const FundingSource& s = *ctx.source;
  Money total = ctx.allocatedElsewhere + a.amount;
  Require(total <= s.amount, ErrorCode::InvalidInput,
          "下达金额超过资金来源“" + s.name + "”（" + s.code + "）的总额：来源总额 " + Wan(s.amount) +
              "，已下达（不含本条）" + Wan(ctx.allocatedElsewhere) + "，本条 " + Wan(a.amount) +
              "，超出 " + Wan(total - s.amount));
  Money forProject = ctx.allocatedForProjectElsewhere + a.amount;
  Require(forProject >= ctx.receivedForProject, ErrorCode::InvalidInput,
          "资金来源“" + s.name + "”已为本项目到位 " + Wan(ctx.receivedForProject) +
              "，下达合计不能少于到位金额（本条之后为 " + Wan(forProject) + "）");
  CheckPlausibleYear(a.date, limits, "下达日期");
  CheckNotFuture(a.date, limits, "下达日期");
}

void Check(const Receipt& r, const ReceiptContext& ctx, const InputLimits& limits) {
  Check(r);
  if (!ctx.source) Fail(ErrorCode::NotFound, "资金到位的资金来源不存在");
  const FundingSource& s = *ctx.source;
  Require(ctx.firstAllocation.has_value(), ErrorCode::InvalidInput,
          "资金来源“" + s.name + "”（" + s.code + "）还没有向本项目下达资金，不能登记到位；请先录入资金下达");
  Require(!(r.date < *ctx.firstAllocation), ErrorCode::InvalidInput,
          "到位日期 " + FormatDate(r.date) + " 早于资金来源“" + s.name + "”首次向本项目下达的日期 " +
              FormatDate(*ctx.firstAllocation));
  Money total = ctx.receivedForProjectElsewhere + r.amount;
  Require(total <= ctx.allocatedForProject, ErrorCode::InvalidInput,
          "到位金额超过资金来源“" + s.name + "”向本项目下达的金额：已下达 " +
              Wan(ctx.allocatedForProject) + "，已到位（不含本条）" +
              Wan(ctx.receivedForProjectElsewhere) + "，本条 " + Wan(r.amount) + "，超出 " +
              Wan(total - ctx.allocatedForProject));
  CheckPlausibleYear(r.date, limits, "到位日期");
  CheckNotFuture(r.date, limits, "到位日期");
}

void Check(const ProcedureStep& s, const InputLimits& limits) {
  Check(s);
  CheckNotFuture(s.doneDate, limits, "完成日期");
}

void Check(const ProgressEntry& e, const InputLimits& limits) {
  Check(e);
  CheckPlausibleYear(e.month.FirstDay(), limits, "进度月份");
  if (limits.today.is_special()) return;
  YearMonth latest = YearMonth::Of(limits.today + boost::gregorian::days(limits.maxFutureDays));
  Require(!(latest < e.month), ErrorCode::InvalidInput,
          "月份 " + e.month.Format() + " 还没有到（今天是 " + FormatDate(limits.today) +
              "），不能填报该月的进度");
}

void Check(const ContractProgress& e, const Contract& contract, const InputLimits& limits) {
  Check(e);
  Require(contract.kind == ContractKind::Works, ErrorCode::InvalidInput,
          "合同" + contract.code + "是" + std::string(Name(contract.kind)) + "合同；只有施工合同按形象进度计量");
  Require(e.contractId == contract.id && e.projectId == contract.projectId, ErrorCode::InvalidInput,
          "合同进度必须属于合同" + contract.code + "所在的项目");
  CheckPlausibleYear(e.month.FirstDay(), limits, "进度月份");
  if (limits.today.is_special()) return;
  YearMonth latest = YearMonth::Of(limits.today + boost::gregorian::days(limits.maxFutureDays));
  Require(!(latest < e.month), ErrorCode::InvalidInput,
          "月份 " + e.month.Format() + " 还没有到（今天是 " + FormatDate(limits.today) +
              "），不能填报该月的进度");
}

void Check(const Payment& p, const PaymentContext& ctx, const InputLimits& limits) {
  Check(p);
  if (ctx.contract)
    Require(ctx.contract->projectId == p.projectId, ErrorCode::InvalidInput,
            "合同“" + ctx.contract->code + "”属于另一个项目，不能在此项目下拨付；请选择本项目的合同或“无合同”");
  if (p.reversesId) {
    if (!ctx.original) Fail(ErrorCode::NotFound, "要冲销的拨付不存在");
    const Payment& o = *ctx.original;
    Require(!o.reversesId, ErrorCode::Refused, "凭证号“" + o.voucher + "”本身是冲销记录，不能再冲销");
    Require(!ctx.originalReversedBy, ErrorCode::Refused,
            "凭证号“" + o.voucher + "”的拨付已经冲销过（冲销凭证号“" +
                ctx.originalReversedBy.value_or("") + "”），不能重复冲销");
    Require(o.projectId == p.projectId && o.sourceId == p.sourceId && o.contractId == p.contractId &&
                o.category == p.category && p.amount == -o.amount,
            ErrorCode::InvalidInput,
            "冲销记录必须与原拨付（凭证号“" + o.voucher +
                "”）的项目、合同、资金来源、费用类别一致，金额为其相反数 " +
                (-o.amount).FormatWanExact() + " 万元");
    Require(!(p.date < o.date), ErrorCode::InvalidInput,
            "冲销日期 " + FormatDate(p.date) + " 早于原拨付（凭证号“" + o.voucher + "”）的日期 " +
                FormatDate(o.date));
  }
  if (ctx.sameVoucher)
    Fail(ErrorCode::Duplicate,
         "凭证号“" + p.voucher + "”已用于 " + FormatDate(ctx.sameVoucher->date) + " 的另一笔拨付（" +
             Wan(ctx.sameVoucher->amount) + "）；凭证号不能重复，已确认的拨付不能修改，如需更正请用红字冲销");
  CheckPlausibleYear(p.date, limits, "拨付日期");
  CheckNotFuture(p.date, limits, "拨付日期");
}

}  // namespace sb

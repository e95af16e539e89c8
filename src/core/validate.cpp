#include "core/validate.h"

#include "core/text.h"
#include "core/translate.h"

namespace sb {

namespace {

// TRANSLATORS: an amount in 万元 (ten thousand yuan) in a message: "1,234.50 万元".
std::string Wan(Money m) { return Tr("%s 万元", m.FormatWan(2, 6).c_str()); }

std::string Day(Date d) { return FormatDate(d); }

// A canonical value (a contract's kind) in the user's language; files keep the original.
template <class E>
std::string Named(E value) {
  return Tr(std::string(Name(value)).c_str());
}

}  // namespace

InputLimits ReadInputLimits(const Settings& settings, Date today) {
  InputLimits l;
  l.today = today;
  l.maxFutureDays = settings.Integer(kSetMaxFutureDays, 7);
  if (l.maxFutureDays < 0 || l.maxFutureDays > 3650)
    // TRANSLATORS: %s is the key of a county setting, %lld its value.
    Fail(ErrorCode::InvalidInput, Tr("设置项 %s 的值 %lld 超出范围（0–3650）", kSetMaxFutureDays,
                                     static_cast<long long>(l.maxFutureDays)));
  l.yearMin = settings.Integer(kSetYearMin, 2000);
  l.yearMax = settings.Integer(kSetYearMax, 2100);
  if (l.yearMin < 1900 || l.yearMax > 2999 || l.yearMin > l.yearMax)
    Fail(ErrorCode::InvalidInput,
         Tr("设置项 %s、%s 的值 %lld、%lld 不合理（应在 1900–2999 之间，且前者不大于后者）", kSetYearMin,
            kSetYearMax, static_cast<long long>(l.yearMin), static_cast<long long>(l.yearMax)));
  return l;
}

void CheckPlausibleYear(const std::optional<Date>& date, const InputLimits& limits, const char* field) {
  if (!date || date->is_special()) return;
  const int64_t year = date->year();
  if (year >= limits.yearMin && year <= limits.yearMax) return;
  const long long lo = limits.yearMin, hi = limits.yearMax;
  // TRANSLATORS: the field (拨付日期) and its date, then the plausible years and the two
  // county settings that set them.
  Fail(ErrorCode::InvalidInput, Tr("%s %s 的年份不在 %lld–%lld 之间，多半是输入错误（县设置 %s=%lld，%s=%lld）",
                                   TrC("field", field).c_str(), Day(*date).c_str(), lo, hi, kSetYearMin, lo, kSetYearMax, hi));
}

void CheckNotFuture(const std::optional<Date>& date, const InputLimits& limits, const char* field) {
  if (!date || limits.today.is_special()) return;
  Date latest = limits.today + boost::gregorian::days(limits.maxFutureDays);
  if (!(latest < *date)) return;
  const long long days = limits.maxFutureDays;
  if (days)
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: the field (拨付日期) and its date, today, the days allowed ahead, then
         // the county setting that allows them.
         Tr("%s %s 晚于今天（%s）超过 %lld 天：还没有发生的事不能登记（县设置 %s=%lld）", TrC("field", field).c_str(),
            Day(*date).c_str(), Day(limits.today).c_str(), days, kSetMaxFutureDays, days));
  Fail(ErrorCode::InvalidInput,
       Tr("%s %s 晚于今天（%s）：还没有发生的事不能登记（县设置 %s=%lld）", TrC("field", field).c_str(), Day(*date).c_str(),
          Day(limits.today).c_str(), kSetMaxFutureDays, days));
}

int ParseYear(std::string_view text) {
  std::string t = StripSpaces(NarrowFullWidth(text));
  if (t.size() > 3 && t.compare(t.size() - 3, 3, "年") == 0) t.resize(t.size() - 3);
  // TRANSLATORS: 年度 is the year a fund belongs to (a budget year).
  if (t.empty()) Fail(ErrorCode::InvalidInput, Tr("年度不能为空"));
  if (t.size() != 4 || t.find_first_not_of("0123456789") != std::string::npos)
    Fail(ErrorCode::InvalidInput, Tr("年度“%s”应为四位数字的年份，如 2025", std::string(text).c_str()));
  return std::stoi(t);
}

void Check(const FundingSource& s, const SourceContext& ctx) {
  Check(s);
  if (s.amount < ctx.allocated)
    Fail(ErrorCode::InvalidInput, Tr("资金来源“%s”的金额 %s 少于已下达各项目的合计 %s；请先核减或删除资金下达",
                                     s.code.c_str(), Wan(s.amount).c_str(), Wan(ctx.allocated).c_str()));
}

void Check(const Allocation& a, const AllocationContext& ctx, const InputLimits& limits) {
  Check(a);
  if (!ctx.source) Fail(ErrorCode::NotFound, Tr("资金下达的资金来源不存在"));
  const FundingSource& s = *ctx.source;
  Money total = ctx.allocatedElsewhere + a.amount;
  if (s.amount < total)
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: the source's name and code, its total, what it allocated before this
         // allocation, this allocation, and the excess.
         Tr("下达金额超过资金来源“%s”（%s）的总额：来源总额 %s，已下达（不含本条）%s，本条 %s，超出 %s",
            s.name.c_str(), s.code.c_str(), Wan(s.amount).c_str(), Wan(ctx.allocatedElsewhere).c_str(),
            Wan(a.amount).c_str(), Wan(total - s.amount).c_str()));
  Money forProject = ctx.allocatedForProjectElsewhere + a.amount;
  if (forProject < ctx.receivedForProject)
    Fail(ErrorCode::InvalidInput,
         Tr("资金来源“%s”已为本项目到位 %s，下达合计不能少于到位金额（本条之后为 %s）", s.name.c_str(),
            Wan(ctx.receivedForProject).c_str(), Wan(forProject).c_str()));
  CheckPlausibleYear(a.date, limits, TrNoopC("field", "下达日期"));
  CheckNotFuture(a.date, limits, TrNoopC("field", "下达日期"));
}

void Check(const Receipt& r, const ReceiptContext& ctx, const InputLimits& limits) {
  Check(r);
  if (!ctx.source) Fail(ErrorCode::NotFound, Tr("资金到位的资金来源不存在"));
  const FundingSource& s = *ctx.source;
  if (!ctx.firstAllocation)
    Fail(ErrorCode::InvalidInput, Tr("资金来源“%s”（%s）还没有向本项目下达资金，不能登记到位；请先录入资金下达",
                                     s.name.c_str(), s.code.c_str()));
  if (r.date < *ctx.firstAllocation)
    Fail(ErrorCode::InvalidInput, Tr("到位日期 %s 早于资金来源“%s”首次向本项目下达的日期 %s", Day(r.date).c_str(),
                                     s.name.c_str(), Day(*ctx.firstAllocation).c_str()));
  Money total = ctx.receivedForProjectElsewhere + r.amount;
  if (ctx.allocatedForProject < total)
    Fail(ErrorCode::InvalidInput,
         // TRANSLATORS: the source's name, what it allocated to the project, what arrived
         // before this receipt, this receipt, and the excess.
         Tr("到位金额超过资金来源“%s”向本项目下达的金额：已下达 %s，已到位（不含本条）%s，本条 %s，超出 %s",
            s.name.c_str(), Wan(ctx.allocatedForProject).c_str(), Wan(ctx.receivedForProjectElsewhere).c_str(),
            Wan(r.amount).c_str(), Wan(total - ctx.allocatedForProject).c_str()));
  CheckPlausibleYear(r.date, limits, TrNoopC("field", "到位日期"));
  CheckNotFuture(r.date, limits, TrNoopC("field", "到位日期"));
}

void Check(const ProcedureStep& s, const InputLimits& limits) {
  Check(s);
  // TRANSLATORS: the date a pre-construction procedure was completed.
  CheckNotFuture(s.doneDate, limits, TrNoopC("field", "完成日期"));
}

namespace {

void CheckProgressMonth(YearMonth month, const InputLimits& limits) {
  CheckPlausibleYear(month.FirstDay(), limits, TrNoopC("field", "进度月份"));
  if (limits.today.is_special()) return;
  YearMonth latest = YearMonth::Of(limits.today + boost::gregorian::days(limits.maxFutureDays));
  if (latest < month)
    Fail(ErrorCode::InvalidInput, Tr("月份 %s 还没有到（今天是 %s），不能填报该月的进度", month.Format().c_str(),
                                     Day(limits.today).c_str()));
}

}  // namespace

void Check(const ProgressEntry& e, const InputLimits& limits) {
  Check(e);
  CheckProgressMonth(e.month, limits);
}

void Check(const ContractProgress& e, const Contract& contract, const InputLimits& limits) {
  Check(e);
  if (contract.kind != ContractKind::Works)
    // TRANSLATORS: the contract's code, then its kind (监理, 设计 …): only works contracts
    // (施工) are measured by progress.
    Fail(ErrorCode::InvalidInput, Tr("合同%s是%s合同；只有施工合同按形象进度计量", contract.code.c_str(),
                                     Named(contract.kind).c_str()));
  if (e.contractId != contract.id || e.projectId != contract.projectId)
    Fail(ErrorCode::InvalidInput, Tr("合同进度必须属于合同%s所在的项目", contract.code.c_str()));
  CheckProgressMonth(e.month, limits);
}

void Check(const Payment& p, const PaymentContext& ctx, const InputLimits& limits) {
  Check(p);
  if (ctx.contract && ctx.contract->projectId != p.projectId)
    Fail(ErrorCode::InvalidInput,
         Tr("合同“%s”属于另一个项目，不能在此项目下拨付；请选择本项目的合同或“无合同”", ctx.contract->code.c_str()));
  if (p.reversesId) {
    if (!ctx.original) Fail(ErrorCode::NotFound, Tr("要冲销的拨付不存在"));
    const Payment& o = *ctx.original;
    // TRANSLATORS: 冲销 is a reversing entry (红字冲销): a payment is never edited, a
    // mistake is corrected by a negative entry that mirrors it.
    if (o.reversesId) Fail(ErrorCode::Refused, Tr("凭证号“%s”本身是冲销记录，不能再冲销", o.voucher.c_str()));
    if (ctx.originalReversedBy)
      Fail(ErrorCode::Refused, Tr("凭证号“%s”的拨付已经冲销过（冲销凭证号“%s”），不能重复冲销", o.voucher.c_str(),
                                  ctx.originalReversedBy->c_str()));
    if (!(o.projectId == p.projectId && o.sourceId == p.sourceId && o.contractId == p.contractId &&
          o.category == p.category && p.amount == -o.amount))
      Fail(ErrorCode::InvalidInput,
           Tr("冲销记录必须与原拨付（凭证号“%s”）的项目、合同、资金来源、费用类别一致，金额为其相反数 %s 万元",
              o.voucher.c_str(), (-o.amount).FormatWanExact().c_str()));
    if (p.date < o.date)
      Fail(ErrorCode::InvalidInput, Tr("冲销日期 %s 早于原拨付（凭证号“%s”）的日期 %s", Day(p.date).c_str(),
                                       o.voucher.c_str(), Day(o.date).c_str()));
  }
  if (ctx.sameVoucher)
    Fail(ErrorCode::Duplicate,
         Tr("凭证号“%s”已用于 %s 的另一笔拨付（%s）；凭证号不能重复，已确认的拨付不能修改，如需更正请用红字冲销",
            p.voucher.c_str(), Day(ctx.sameVoucher->date).c_str(), Wan(ctx.sameVoucher->amount).c_str()));
  CheckPlausibleYear(p.date, limits, TrNoopC("field", "拨付日期"));
  CheckNotFuture(p.date, limits, TrNoopC("field", "拨付日期"));
}

}  // namespace sb

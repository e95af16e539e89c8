// The rules engine: names, settings, the registry of codes and Evaluate().
// The rule functions themselves live in one file per family beside this one.
#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <unordered_set>

#include "core/error.h"
#include "core/rules/context.h"
#include "core/schedule.h"

namespace sb {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Notice: return "notice";
  }
  return "warning";
}

std::string_view SeverityLabel(Severity s) {
  switch (s) {
    case Severity::Error: return "严重";
    case Severity::Warning: return "一般";
    case Severity::Notice: return "提示";
  }
  return "一般";
}

std::optional<Severity> ParseSeverity(std::string_view text) {
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Notice})
    if (text == SeverityName(s) || text == SeverityLabel(s)) return s;
  // The words of earlier versions and the colours of a 预警 bulletin are understood too.
  if (text == "错误" || text == "红" || text == "红色预警") return Severity::Error;
  if (text == "警告" || text == "黄" || text == "黄色预警") return Severity::Warning;
  if (text == "蓝" || text == "蓝色预警") return Severity::Notice;
  return std::nullopt;
}

std::string_view RuleFamilyName(RuleFamily f) {
  switch (f) {
    case RuleFamily::Funding: return "资金";
    case RuleFamily::ContractsPayments: return "合同与拨付";
    case RuleFamily::Procedures: return "前期手续";
    case RuleFamily::Progress: return "进度";
    case RuleFamily::Closeout: return "结算决算";
    case RuleFamily::Report: return "月报";
  }
  return "";
}

const std::vector<RuleInfo>& RuleCatalog() {
  using F = RuleFamily;
  using S = Severity;
  static const std::vector<RuleInfo> catalog = {
      {"FUNDING_GAP", TrNoop("资金缺口"), S::Warning, "已下达资金少于批复概算",
       "《政府投资条例》第二十二条：政府投资项目所需资金应当按照国家有关规定确保落实到位", F::Funding,
       rules::FundingGap},
      {"CATEGORY_GAP", TrNoop("分类资金缺口"), S::Warning,
       "某费用类别的概算没有允许支付它的资金可以覆盖（尤其是征地拆迁）",
       "专款专用：各资金来源只能用于下达文件允许的费用类别（资金来源的“可支付费用类别”）", F::Funding,
       rules::CategoryGap},
      {"INELIGIBLE_PAYMENT", TrNoop("资金用途不符"), S::Error, "拨付的费用类别不在该资金来源的允许用途内",
       "专款专用：资金来源下达文件规定的用途（资金来源的“可支付费用类别”）", F::Funding,
       rules::IneligiblePayment},
      {"SOURCE_OVERDRAWN", TrNoop("超到位资金拨付"), S::Error,
       "某来源为项目拨付的金额超过该来源实际到位的金额", "拨付以该资金来源实际到位的资金为限",
       F::Funding, rules::SourceOverdrawn},
      {"IDLE_FUNDS", TrNoop("资金闲置"), S::Warning,
       "资金到位超过规定月数，支付不足规定比例（县设置 rule.idle_months、rule.idle_paid_percent）",
       "国务院办公厅关于进一步做好盘活财政存量资金工作的通知：结转两年以上的资金收回统筹使用；"
       "县设置 rule.idle_months、rule.idle_paid_percent",
       F::Funding, rules::IdleFunds},
      {"FUNDS_NOT_ARRIVED", TrNoop("资金未到位"), S::Warning,
       "资金下达超过规定月数仍未到位（县设置 rule.not_arrived_months）",
       "《政府投资条例》第二十二条：所需资金应当确保落实到位；县设置 rule.not_arrived_months", F::Funding,
       rules::FundsNotArrived},
      {"OVER_BUDGET", TrNoop("超概算"), S::Error, "某费用类别或项目总额的合同、拨付超过概算",
       "《政府投资条例》第二十三条：建设投资原则上不得超过经核定的投资概算", F::Funding,
       rules::OverBudget},
      {"TENDER_REQUIRED", TrNoop("应招标未招标"), S::Error,
       "施工合同400万元、货物200万元、勘察设计监理100万元以上（含本数），采购方式不是公开招标或邀请招标"
       "（未填写采购方式的为提示）",
       "《必须招标的工程项目规定》（国家发展改革委令2018年第16号）第五条；“以上”含本数"
       "（《民法典》第一千二百五十九条）；县设置 rule.tender_works_wan、rule.tender_goods_wan、rule.tender_services_wan",
       F::ContractsPayments, rules::TenderRequired},
      {"TENDER_SPLIT", TrNoop("化整为零规避招标"), S::Warning,
       "同一项目同类合同每份都低于招标限额、未招标，合计却达到限额",
       "《必须招标的工程项目规定》第五条：同一项目中可以合并进行的采购，合同估算价合计达到规定标准的必须招标；"
       "《中华人民共和国招标投标法》第四条：不得将依法必须进行招标的项目化整为零规避招标",
       F::ContractsPayments, rules::TenderSplit},
      {"OVER_CONTRACT", TrNoop("超合同拨付"), S::Error, "合同累计拨付超过合同金额",
       "拨付不得超过合同金额；有设计变更的应先签订补充协议调整合同金额", F::ContractsPayments,
       rules::OverContract},
      {"PAYMENT_BEFORE_CONTRACT", TrNoop("合同签订前付款"), S::Error, "按合同拨付的日期早于合同签订日期",
       "拨付应以已签订的合同为依据", F::ContractsPayments, rules::PaymentBeforeContract},
      {"PAYEE_MISMATCH", TrNoop("收款人与合同不符"), S::Error,
       "按合同拨付的收款单位不是合同的施工单位（农民工工资专用账户除外）",
       "按合同付款应支付给合同相对方；农民工工资按《保障农民工工资支付条例》拨入农民工工资专用账户的除外",
       F::ContractsPayments, rules::PayeeMismatch},
      {"PAY_AHEAD_OF_PROGRESS", TrNoop("超进度拨付"), S::Warning,
       "施工合同累计拨付超过合同额×形象进度（约定比例内的预付款除外）",
       "《建设工程价款结算暂行办法》（财建〔2004〕369号）关于预付款和进度款的规定",
       F::ContractsPayments, rules::PayAheadOfProgress},
      {"RETENTION_NOT_HELD", TrNoop("未留足质保金"), S::Warning,
       "结算审核办结前，施工合同累计拨付超过合同额扣除质保金",
       "《建设工程质量保证金管理办法》（建质〔2017〕138号）第七条；财建〔2022〕183号",
       F::ContractsPayments, rules::RetentionNotHeld},
      {"RETENTION_NOT_RETURNED", TrNoop("质保金到期未返还"), S::Warning,
       "竣工验收后超过缺陷责任期（县设置 rule.defects_months），施工合同仍有质保金未支付",
       "《建设工程质量保证金管理办法》（建质〔2017〕138号）：缺陷责任期一般为1年、最长不超过2年，"
       "自竣工验收之日起计，期满后返还保证金；县设置 rule.defects_months",
       F::ContractsPayments, rules::RetentionNotReturned},
      {"UNDERPAID_PROGRESS", TrNoop("拖欠进度款"), S::Warning, "施工合同累计拨付低于已完工程价值的规定比例",
       "财建〔2022〕183号：进度款支付应不低于已完成工程价款的80%", F::ContractsPayments,
       rules::UnderpaidProgress},
      {"NO_PERMIT_START", TrNoop("无证施工"), S::Error, "已开工或已有进度，但开工前应办结的手续未办结",
       "《政府投资条例》第二十条；《中华人民共和国建筑法》第七条", F::Procedures, rules::NoPermitStart},
      {"PROCEDURE_OVERDUE", TrNoop("手续逾期"), S::Warning, "前期手续已过计划办结日期仍未办结",
       "县设置：各项手续的计划办结日期", F::Procedures, rules::ProcedureOverdue},
      {"PERMIT_NOT_STARTED", TrNoop("领证未开工"), S::Warning, "施工许可证领取超过规定月数仍未开工",
       "《中华人民共和国建筑法》第九条", F::Procedures, rules::PermitNotStarted},
      {"BEHIND_SCHEDULE", TrNoop("进度滞后"), S::Warning, "形象进度落后序时进度超过规定百分点",
       "县设置 rule.behind_schedule_points", F::Progress, rules::BehindSchedule},
      {"BEHIND_ANNUAL_PLAN", TrNoop("慢于年度计划"), S::Warning,
       "本年完成投资占年度计划投资的比例落后时间进度（N/12）超过规定百分点",
       "年度投资计划按时间进度考核（投资完成率与时间进度对比）；县设置 rule.behind_annual_plan_points", F::Progress,
       rules::BehindAnnualPlan},
      {"STALLED", TrNoop("进度停滞"), S::Warning, "在建项目形象进度连续数月没有增长",
       "县设置 rule.stalled_months", F::Progress, rules::Stalled},
      {"PROGRESS_DECREASED", TrNoop("进度倒退"), S::Warning, "形象进度低于上次填报",
       "形象进度只增不减；确需下调的应在当月“存在问题”中说明原因", F::Progress,
       rules::ProgressDecreased},
      {"SETTLEMENT_OVERDUE", TrNoop("结算审核逾期"), S::Warning,
       "竣工验收后结算审核超过按合同额规定的期限仍未办结",
       "《建设工程价款结算暂行办法》（财建〔2004〕369号）第十四条", F::Closeout,
       rules::SettlementOverdue},
      {"ACCOUNTS_OVERDUE", TrNoop("决算逾期"), S::Warning, "完工超过规定月数仍未办结竣工财务决算",
       "《基本建设项目竣工财务决算管理暂行办法》（财建〔2016〕503号）第二条", F::Closeout,
       rules::AccountsOverdue},
      // Found by the monthly report, which compares a closed month's snapshot with the
      // same month recomputed now (report/model.cpp); registered here like every code.
      {kClosedMonthChanged, TrNoop("定稿后补录"), S::Warning,
       "月报已定稿的月份的数据在定稿后被补录或更改",
       "月报定稿后，属于该月及以前的数据不应再改动；确需更正的应重新打开该月并说明原因",
       F::Report, nullptr},
  };
  return catalog;
}

const RuleInfo* FindRule(std::string_view code) {
  for (const auto& r : RuleCatalog())
    if (r.code == code) return &r;
  return nullptr;
}

namespace {

int64_t ParseInteger(std::string_view text, int64_t lo, int64_t hi, const std::string& what) {
  std::string t = Trim(NarrowFullWidth(text));
  int64_t v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (ec != std::errc() || p != t.data() + t.size() || t.empty())
    Fail(ErrorCode::InvalidInput, what + "“" + std::string(text) + "”不是整数");
  if (v < lo || v > hi)
    Fail(ErrorCode::InvalidInput, what + " " + std::to_string(v) + " 超出范围（" +
                                      std::to_string(lo) + "–" + std::to_string(hi) + "）");
  return v;
}

int64_t SettingInRange(const Settings& s, const char* key, int64_t fallback, int64_t lo,
                       int64_t hi) {
  return ParseInteger(s.Text(key, std::to_string(fallback)), lo, hi,
                      std::string("设置项 ") + key + " 的值");
}

}  // namespace

std::vector<SettlementTier> ParseSettlementTiers(std::string_view text) {
  const std::string where = std::string("设置项 ") + kSetSettlementDays;
  std::vector<SettlementTier> tiers;
  for (const std::string& part : SplitAny(NarrowFullWidth(text), {";"})) {
    size_t colon = part.find(':');
    if (colon == std::string::npos)
      Fail(ErrorCode::InvalidInput,
           where + " 的“" + part + "”应写成“合同额万元:天数”，如 500:20");
    std::string size = Trim(std::string_view(part).substr(0, colon));
    SettlementTier tier;
    tier.days = static_cast<int>(ParseInteger(std::string_view(part).substr(colon + 1), 1, 3650,
                                              where + " 的天数"));
    if (!tiers.empty() && !tiers.back().below)
      Fail(ErrorCode::InvalidInput, where + " 中“*”必须是最后一档");
    if (size != "*") {
      tier.below = Money::Parse(size, MoneyUnit::Wan);
      if (!tiers.empty() && *tier.below <= *tiers.back().below)
        Fail(ErrorCode::InvalidInput, where + " 的合同额档次必须从小到大排列");
    }
    tiers.push_back(tier);
  }
  if (tiers.empty()) Fail(ErrorCode::InvalidInput, where + " 不能为空");
  return tiers;
}

int RuleSettings::SettlementDaysFor(Money size) const {
  for (const auto& t : settlementDays)
    if (!t.below || size <= *t.below) return t.days;
  return settlementDays.empty() ? 60 : settlementDays.back().days;
}

RuleSettings ReadRuleSettings(const Settings& s) {
  RuleSettings r;
  r.underpaidPercent = SettingInRange(s, kSetUnderpaidPercent, 80, 0, 100);
  r.stalledMonths = SettingInRange(s, kSetStalledMonths, 3, 1, 120);
  r.behindSchedulePoints = SettingInRange(s, kSetBehindSchedulePoints, 20, 0, 100);
  r.permitStartMonths = SettingInRange(s, kSetPermitStartMonths, 3, 1, 120);
  r.accountsMonths = SettingInRange(s, kSetAccountsMonths, 3, 1, 120);
  r.paymentDueDays = SettingInRange(s, kSetPaymentDueDays, 30, 0, 3650);
  r.defaultRetentionBp = SettingInRange(s, kSetDefaultRetentionBp, 300, 0, 10000);
  r.underpaidPercentBefore2022 = SettingInRange(s, kSetUnderpaidPercentBefore2022, 60, 0, 100);
  r.idleMonths = SettingInRange(s, kSetIdleMonths, 6, 1, 120);
  r.idlePaidPercent = SettingInRange(s, kSetIdlePaidPercent, 30, 0, 100);
  r.notArrivedMonths = SettingInRange(s, kSetNotArrivedMonths, 3, 1, 120);
  r.permitExemptWan = SettingInRange(s, kSetPermitExemptWan, 30, 0, 100000);
  r.permitExemptM2 = SettingInRange(s, kSetPermitExemptM2, 300, 0, 1000000);
  r.behindAnnualPlanPoints = SettingInRange(s, kSetBehindAnnualPlanPoints, 20, 0, 100);
  r.tenderWorksWan = SettingInRange(s, kSetTenderWorksWan, 400, 1, 1000000);
  r.tenderGoodsWan = SettingInRange(s, kSetTenderGoodsWan, 200, 1, 1000000);
  r.tenderServicesWan = SettingInRange(s, kSetTenderServicesWan, 100, 1, 1000000);
  r.defectsMonths = SettingInRange(s, kSetDefectsMonths, 24, 1, 120);
  r.settlementDaysText = s.Text(kSetSettlementDays, "500:20;2000:30;5000:45;*:60");
  r.settlementDays = ParseSettlementTiers(r.settlementDaysText);
  return r;
}

CostCategory ContractCategory(ContractKind kind) {
  switch (kind) {
    case ContractKind::Works: return CostCategory::Construction;
    case ContractKind::Design:
    case ContractKind::Survey: return CostCategory::Preliminary;
    case ContractKind::EquipmentPurchase: return CostCategory::Equipment;
    case ContractKind::LandCompensation: return CostCategory::Land;
    case ContractKind::Supervision:
    case ContractKind::Other: return CostCategory::Other;
  }
  return CostCategory::Other;
}

const char* TenderThresholdKey(ContractKind kind) {
  switch (kind) {
    case ContractKind::Works: return kSetTenderWorksWan;
    case ContractKind::EquipmentPurchase: return kSetTenderGoodsWan;
    case ContractKind::Supervision:
    case ContractKind::Design:
    case ContractKind::Survey: return kSetTenderServicesWan;
    case ContractKind::LandCompensation:
    case ContractKind::Other: return nullptr;
  }
  return nullptr;
}

std::optional<Money> TenderThreshold(ContractKind kind, const RuleSettings& rs) {
  int64_t wan = 0;
  switch (kind) {
    case ContractKind::Works: wan = rs.tenderWorksWan; break;
    case ContractKind::EquipmentPurchase: wan = rs.tenderGoodsWan; break;
    case ContractKind::Supervision:
    case ContractKind::Design:
    case ContractKind::Survey: wan = rs.tenderServicesWan; break;
    case ContractKind::LandCompensation:
    case ContractKind::Other: return std::nullopt;
  }
  return Money::FromWan(wan);
}

bool IsTender(Procurement p) { return p == Procurement::OpenTender || p == Procurement::InvitedTender; }

Date AddMonths(Date d, int months) {
  // boost's month arithmetic snaps month-end dates to month-end (Feb 28 + 3 months =
  // May 31); the statutory "three months from the date of issue" means the same day.
  int index = d.year() * 12 + (d.month() - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  Date first(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
  int day = std::min<int>(d.day(), first.end_of_month().day());
  return Date(first.year(), first.month(), static_cast<unsigned short>(day));
}

// ---------------------------------------------------------------------------------------
// What the rule functions share.

namespace rules {

std::string Categories(const CategorySet& set) {
  std::vector<std::string> names;
  for (size_t i = 0; i < EnumCount<CostCategory>(); ++i)
    if (set.Contains(EnumAt<CostCategory>(i))) names.push_back(Cat(EnumAt<CostCategory>(i)));
  return Items(names);
}

std::string BpPercent(int64_t bp) {
  std::string s = FormatFixed(bp, 2);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

Index::Index(const Portfolio& pf) : projects(pf.projects.size()) {
  std::unordered_map<Id, size_t> projectAt;
  for (size_t i = 0; i < pf.projects.size(); ++i) projectAt[pf.projects[i].id] = i;
  for (size_t i = 0; i < pf.sources.size(); ++i) sourceAt[pf.sources[i].id] = i;
  for (const auto& t : pf.procedureTemplate) stepByName.emplace(t.name, &t);
  auto find = [&](Id id) -> ProjectRows* {
    auto it = projectAt.find(id);
    return it == projectAt.end() ? nullptr : &projects[it->second];
  };
  // A reversal folds into the payment it reverses, so per-payment rules see the net
  // and a fully reversed payment disappears (PaymentTotals::singles).
  const PaymentTotals& paid = PaymentTotalsOf(pf, computedPayments);
  for (const NetPayment& n : paid.singles)
    if (ProjectRows* f = find(n.payment.projectId)) f->originals.emplace_back(&n.payment, n.net);
  for (const auto& s : pf.procedureSteps)
    if (ProjectRows* f = find(s.projectId)) f->steps[s.templateId] = &s;
  for (const auto& a : pf.allocations)
    if (ProjectRows* f = find(a.projectId)) f->allocations.push_back(&a);
  for (const auto& r : pf.receipts)
    if (ProjectRows* f = find(r.projectId)) f->receipts.push_back(&r);
  for (const auto& a : pf.plans)
    if (ProjectRows* f = find(a.projectId)) f->plans.push_back(&a);
  for (const auto& e : pf.progress)
    if (ProjectRows* f = find(e.projectId)) f->progress.push_back(&e);
  for (const auto& e : pf.contractProgress)
    if (ProjectRows* f = find(e.projectId)) f->contractProgress[e.contractId].push_back(&e);
  for (auto& f : projects) {
    std::stable_sort(f.progress.begin(), f.progress.end(),
                     [](const ProgressEntry* a, const ProgressEntry* b) { return a->month < b->month; });
    for (auto& [contract, entries] : f.contractProgress)
      std::stable_sort(entries.begin(), entries.end(),
                       [](const ContractProgress* a, const ContractProgress* b) { return a->month < b->month; });
  }
}

std::vector<Id> Index::InSourceOrder(const std::map<Id, Money>& m) const {
  std::vector<std::pair<size_t, Id>> keys;
  for (const auto& [id, amount] : m) {
    auto it = sourceAt.find(id);
    keys.emplace_back(it == sourceAt.end() ? sourceAt.size() : it->second, id);
  }
  std::sort(keys.begin(), keys.end());
  std::vector<Id> ids;
  for (const auto& k : keys) ids.push_back(k.second);
  return ids;
}

}  // namespace rules

Finding& RuleContext::Add(std::string_view code, Severity severity, std::string message,
                          std::string rule) {
  Finding f;
  f.code = std::string(code);
  if (const RuleInfo* r = FindRule(code)) f.title = Tr(std::string(r->title).c_str());
  f.severity = severity;
  f.projectId = project.id;
  f.projectCode = project.code;
  f.projectName = project.name;
  f.message = std::move(message);
  f.rule = std::move(rule);
  out.push_back(std::move(f));
  return out.back();
}

const FundingSource* RuleContext::Source(Id id) const {
  auto it = ix.sourceAt.find(id);
  return it == ix.sourceAt.end() ? nullptr : &pf.sources[it->second];
}

std::string RuleContext::SourceName(Id id) const {
  const FundingSource* s = Source(id);
  return s ? s->name : Tr("来源#%s", std::to_string(id).c_str());
}

const ProcedureTemplateStep* RuleContext::Template(const char* name) const {
  auto it = ix.stepByName.find(name);
  return it == ix.stepByName.end() ? nullptr : it->second;
}

const ProcedureStep* RuleContext::Step(const ProcedureTemplateStep* t) const {
  if (!t) return nullptr;
  auto it = rows.steps.find(t->id);
  return it == rows.steps.end() ? nullptr : it->second;
}

StepStatus RuleContext::StatusOf(const ProcedureTemplateStep* t) const {
  const ProcedureStep* s = Step(t);
  return s ? s->status : StepStatus::NotStarted;
}

std::optional<Date> RuleContext::DoneOn(const char* name) const {
  const ProcedureStep* s = Step(Template(name));
  if (s && s->status == StepStatus::Done) return s->doneDate;
  return std::nullopt;
}

bool RuleContext::StepSettled(const char* name) const {
  return project.status == ProjectStatus::Closed || rules::Settled(StatusOf(Template(name)));
}

bool RuleContext::AnyProgress() const {
  for (const ProgressEntry* e : rows.progress)
    if (e->percent.tenths() > 0) return true;
  return false;
}

bool RuleContext::WorksFinished() const {
  return project.actualFinish || project.status == ProjectStatus::Finished ||
         project.status == ProjectStatus::Accepted || Closed();
}

Severity RuleContext::FundingSeverity() const {
  return project.status == ProjectStatus::Planned ? Severity::Notice : Severity::Warning;
}

// ---------------------------------------------------------------------------------------

std::vector<Finding> Evaluate(const Portfolio& pf, const Ledger& ledger,
                              const std::vector<ProjectGap>& gaps, Date asOf) {
  const RuleSettings rs = ReadRuleSettings(pf.settings);
  const rules::Index ix(pf);
  std::vector<Finding> out;
  for (size_t i = 0; i < pf.projects.size(); ++i) {
    RuleContext c{pf, rs, ledger, ix, asOf, pf.projects[i], ledger.projects[i], ix.projects[i],
                  gaps[i], out};
    for (const RuleInfo& r : RuleCatalog())
      if (r.evaluate) r.evaluate(c);
  }
  return out;
}

std::vector<IdleMoney> IdleMoneyOf(const Portfolio& pf, const Ledger& ledger, Date asOf) {
  const RuleSettings rs = ReadRuleSettings(pf.settings);
  const rules::Index ix(pf);
  std::vector<IdleMoney> out;
  for (size_t i = 0; i < pf.projects.size(); ++i)
    for (auto& m : rules::IdleOfProject(pf.projects[i], ledger.projects[i], ix.projects[i], ix, rs, asOf))
      out.push_back(m);
  return out;
}

std::vector<Id> ProjectsWithPaymentsToCheck(const Portfolio& pf) {
  std::optional<PaymentTotals> computed;
  std::set<Id> out;
  for (const PaymentGroup& g : PaymentTotalsOf(pf, computed).groups) {
    if (out.count(g.projectId)) continue;
    const FundingSource* s = pf.FindSource(g.sourceId);
    bool flag = s && !s->eligible.Contains(g.category);
    if (const Contract* k = g.contractId ? pf.FindContract(*g.contractId) : nullptr)
      flag = flag || (k->signedDate && g.first < *k->signedDate) || !PayeeAccepted(g.payee, k->counterparty);
    if (flag) out.insert(g.projectId);
  }
  return {out.begin(), out.end()};
}

std::vector<Finding> Evaluate(const Portfolio& pf, Date asOf) {
  const RuleSettings rs = ReadRuleSettings(pf.settings);
  return Evaluate(pf, BuildLedger(pf, rs.defaultRetentionBp), ComputeGaps(pf, GapBasis::Committed), asOf);
}

}  // namespace sb

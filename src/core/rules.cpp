#include "core/rules.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/gaps.h"
#include "core/schedule.h"
#include "core/text.h"

namespace sb {

// ---------------------------------------------------------------------------------------
// Names, settings, helpers

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
    case Severity::Error: return "错误";
    case Severity::Warning: return "警告";
    case Severity::Notice: return "提示";
  }
  return "警告";
}

std::optional<Severity> ParseSeverity(std::string_view text) {
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Notice})
    if (text == SeverityName(s) || text == SeverityLabel(s)) return s;
  return std::nullopt;
}

const std::vector<RuleInfo>& RuleCatalog() {
  static const std::vector<RuleInfo> catalog = {
      {"FUNDING_GAP", "资金缺口", Severity::Warning, "已下达资金少于批复概算"},
      {"CATEGORY_GAP", "分类资金缺口", Severity::Warning,
       "某费用类别的概算没有允许支付它的资金可以覆盖（尤其是征地拆迁）"},
      {"INELIGIBLE_PAYMENT", "资金用途不符", Severity::Error,
       "拨付的费用类别不在该资金来源的允许用途内"},
      {"SOURCE_OVERDRAWN", "超到位资金拨付", Severity::Error,
       "某来源为项目拨付的金额超过该来源实际到位的金额"},
      {"OVER_BUDGET", "超概算", Severity::Error, "某费用类别或项目总额的合同、拨付超过概算"},
      {"OVER_CONTRACT", "超合同拨付", Severity::Error, "合同累计拨付超过合同金额"},
      {"PAY_AHEAD_OF_PROGRESS", "超进度拨付", Severity::Warning,
       "施工合同累计拨付超过合同额×形象进度（约定比例内的预付款除外）"},
      {"RETENTION_NOT_HELD", "未留质保金", Severity::Warning,
       "结算审核办结前，施工合同累计拨付超过合同额扣除质保金"},
      {"UNDERPAID_PROGRESS", "拖欠进度款", Severity::Warning,
       "施工合同累计拨付低于已完工程价值的规定比例"},
      {"NO_PERMIT_START", "无证施工", Severity::Error,
       "已开工或已有进度，但开工前应办结的手续未办结"},
      {"PROCEDURE_OVERDUE", "手续逾期", Severity::Warning, "前期手续已过计划办结日期仍未办结"},
      {"PERMIT_NOT_STARTED", "领证未开工", Severity::Warning,
       "施工许可证领取超过规定月数仍未开工"},
      {"BEHIND_SCHEDULE", "进度滞后", Severity::Warning, "形象进度落后序时进度超过规定百分点"},
      {"STALLED", "进度停滞", Severity::Warning, "在建项目形象进度连续数月没有增长"},
      {"PROGRESS_DECREASED", "进度倒退", Severity::Warning, "形象进度低于上次填报"},
      {"SETTLEMENT_OVERDUE", "结算审核逾期", Severity::Warning,
       "竣工验收后结算审核超过按合同额规定的期限仍未办结"},
      {"ACCOUNTS_OVERDUE", "决算逾期", Severity::Warning,
       "完工超过规定月数仍未办结竣工财务决算"},
  };
  return catalog;
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
    if (!t.below || size < *t.below) return t.days;
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

Date AddMonths(Date d, int months) {
  // boost's month arithmetic snaps month-end dates to month-end (Feb 28 + 3 months =
  // May 31); the statutory "three months from the date of issue" means the same day.
  int index = d.year() * 12 + (d.month() - 1) + months;
  int year = index / 12, month = index % 12 + 1;
  Date first(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
  int day = std::min<int>(d.day(), first.end_of_month().day());
  return Date(first.year(), first.month(), static_cast<unsigned short>(day));
}

namespace {

std::string Wan(Money m) { return m.FormatWan(2, 6) + "万元"; }
std::string Pct(Percent p) { return p.Format() + "%"; }
std::string Day(Date d) { return FormatDateChinese(d); }
std::string Cat(CostCategory c) { return std::string(Name(c)); }

// 300 bp → "3", 250 → "2.5": percentages as a clerk writes them.
std::string BpPercent(int64_t bp) {
  std::string s = FormatFixed(bp, 2);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

bool Settled(StepStatus s) { return s == StepStatus::Done || s == StepStatus::NotApplicable; }

// ---------------------------------------------------------------------------------------
// Indexes: every table is read once and bucketed by project (or contract).

struct ContractFacts {
  const Contract* contract = nullptr;
  Money paid;         // net of reversals
  Money advancePaid;  // kind 预付款, net
};

struct ProjectFacts {
  CategoryAmounts budget;
  Money budgetTotal;
  std::unordered_map<Id, Money> received, paidFromSource;
  Money receivedTotal;
  CategoryAmounts paidByCategory, contractsByCategory;
  Money paidTotal, contractsTotal;
  std::vector<size_t> contracts;                   // into Index::contracts
  std::vector<std::pair<const Payment*, Money>> originals;  // payment, net of its reversal
  std::unordered_map<Id, const ProcedureStep*> steps;      // by template id
  std::vector<const ProgressEntry*> progress;               // by month
  bool hasBudget = false;                                   // any budget line, even zero
};

struct Index {
  std::unordered_map<Id, size_t> projectAt, sourceAt, contractAt;
  std::vector<ProjectFacts> projects;
  std::vector<ContractFacts> contracts;
  std::unordered_map<std::string, const ProcedureTemplateStep*> stepByName;

  explicit Index(const Portfolio& pf) : projects(pf.projects.size()) {
    for (size_t i = 0; i < pf.projects.size(); ++i) projectAt[pf.projects[i].id] = i;
    for (size_t i = 0; i < pf.sources.size(); ++i) sourceAt[pf.sources[i].id] = i;
    for (const auto& t : pf.procedureTemplate) stepByName.emplace(t.name, &t);

    for (const auto& b : pf.budgetLines)
      if (ProjectFacts* f = Find(b.projectId)) {
        f->budget[static_cast<size_t>(b.category)] += b.amount;
        f->budgetTotal += b.amount;
        f->hasBudget = true;
      }
    for (const auto& r : pf.receipts)
      if (ProjectFacts* f = Find(r.projectId)) {
        f->received[r.sourceId] += r.amount;
        f->receivedTotal += r.amount;
      }
    for (const auto& c : pf.contracts) {
      contractAt[c.id] = contracts.size();
      contracts.push_back({&c, {}, {}});
      if (ProjectFacts* f = Find(c.projectId)) {
        f->contracts.push_back(contracts.size() - 1);
        f->contractsByCategory[static_cast<size_t>(ContractCategory(c.kind))] += c.amount;
        f->contractsTotal += c.amount;
      }
    }

    // A reversal folds into the payment it reverses, so per-payment rules see the net
    // and a fully reversed payment disappears; sums simply add the negative rows.
    std::unordered_map<Id, Money> reversal;
    std::unordered_set<Id> exists;
    for (const auto& p : pf.payments) exists.insert(p.id);
    for (const auto& p : pf.payments)
      if (p.reversesId && exists.count(*p.reversesId)) reversal[*p.reversesId] += p.amount;
    for (const auto& p : pf.payments) {
      if (p.contractId) {
        auto it = contractAt.find(*p.contractId);
        if (it != contractAt.end()) {
          contracts[it->second].paid += p.amount;
          if (p.kind == PaymentKind::Advance) contracts[it->second].advancePaid += p.amount;
        }
      }
      ProjectFacts* f = Find(p.projectId);
      if (!f) continue;
      f->paidFromSource[p.sourceId] += p.amount;
      f->paidByCategory[static_cast<size_t>(p.category)] += p.amount;
      f->paidTotal += p.amount;
      if (!p.reversesId || !exists.count(*p.reversesId)) {
        auto r = reversal.find(p.id);
        f->originals.emplace_back(&p, p.amount + (r == reversal.end() ? Money() : r->second));
      }
    }

    for (const auto& s : pf.procedureSteps)
      if (ProjectFacts* f = Find(s.projectId)) f->steps[s.templateId] = &s;
    for (const auto& e : pf.progress)
      if (ProjectFacts* f = Find(e.projectId)) f->progress.push_back(&e);
    for (auto& f : projects)
      std::stable_sort(f.progress.begin(), f.progress.end(),
                       [](const ProgressEntry* a, const ProgressEntry* b) { return a->month < b->month; });
  }

  ProjectFacts* Find(Id projectId) {
    auto it = projectAt.find(projectId);
    return it == projectAt.end() ? nullptr : &projects[it->second];
  }

  // Source ids ordered as the portfolio lists sources; unknown ids last.
  std::vector<Id> InSourceOrder(const std::unordered_map<Id, Money>& m, size_t nSources) const {
    std::vector<std::pair<size_t, Id>> keys;
    for (const auto& [id, amount] : m) {
      auto it = sourceAt.find(id);
      keys.emplace_back(it == sourceAt.end() ? nSources : it->second, id);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<Id> ids;
    for (const auto& k : keys) ids.push_back(k.second);
    return ids;
  }
};

// ---------------------------------------------------------------------------------------
// The rules, one function per code, each over one project's facts.

struct Ctx {
  const Portfolio& pf;
  const RuleSettings& rs;
  const Index& ix;
  Date asOf;
  const Project& project;
  const ProjectFacts& facts;
  const ProjectGap& gap;
  std::vector<Finding>& out;

  Finding& Add(std::string_view code, Severity severity, std::string message, std::string rule) {
    Finding f;
    f.code = std::string(code);
    for (const auto& r : RuleCatalog())
      if (r.code == code) f.title = std::string(r.title);
    f.severity = severity;
    f.projectId = project.id;
    f.projectCode = project.code;
    f.projectName = project.name;
    f.message = std::move(message);
    f.rule = std::move(rule);
    out.push_back(std::move(f));
    return out.back();
  }

  const FundingSource* Source(Id id) const {
    auto it = ix.sourceAt.find(id);
    return it == ix.sourceAt.end() ? nullptr : &pf.sources[it->second];
  }
  std::string SourceName(Id id) const {
    const FundingSource* s = Source(id);
    return s ? s->name : "来源#" + std::to_string(id);
  }
  const ProcedureTemplateStep* Template(const char* name) const {
    auto it = ix.stepByName.find(name);
    return it == ix.stepByName.end() ? nullptr : it->second;
  }
  const ProcedureStep* Step(const ProcedureTemplateStep* t) const {
    if (!t) return nullptr;
    auto it = facts.steps.find(t->id);
    return it == facts.steps.end() ? nullptr : it->second;
  }
  StepStatus StatusOf(const ProcedureTemplateStep* t) const {
    const ProcedureStep* s = Step(t);
    return s ? s->status : StepStatus::NotStarted;
  }
  // The done date of a named step, when it is done and dated.
  std::optional<Date> DoneOn(const char* name) const {
    const ProcedureStep* s = Step(Template(name));
    if (s && s->status == StepStatus::Done) return s->doneDate;
    return std::nullopt;
  }
  bool StepSettled(const char* name) const {
    return project.status == ProjectStatus::Closed || Settled(StatusOf(Template(name)));
  }
  const ProgressEntry* Latest() const {
    return facts.progress.empty() ? nullptr : facts.progress.back();
  }
  Percent LatestPercent() const { return Latest() ? Latest()->percent : Percent(); }
  bool AnyProgress() const {
    for (const ProgressEntry* e : facts.progress)
      if (e->percent.tenths() > 0) return true;
    return false;
  }
  bool Started() const { return project.actualStart.has_value() || AnyProgress(); }
  bool Closed() const { return project.status == ProjectStatus::Closed; }
  bool WorksFinished() const {
    return project.actualFinish || project.status == ProjectStatus::Finished ||
           project.status == ProjectStatus::Accepted || Closed();
  }
  Severity FundingSeverity() const {
    // A reserve project (储备) is expected to be unfunded: worth knowing, not alarming.
    return project.status == ProjectStatus::Planned ? Severity::Notice : Severity::Warning;
  }
};

void RuleFundingGap(Ctx& c) {
  if (c.Closed() || c.gap.totalGap.fen() <= 0) return;
  Finding& f = c.Add("FUNDING_GAP", c.FundingSeverity(),
                     "概算总投资" + Wan(c.gap.budget) + "，各来源已下达" + Wan(c.gap.funds) +
                         "（已到位" + Wan(c.facts.receivedTotal) + "），资金缺口" +
                         Wan(c.gap.totalGap) + "。",
                     "资金缺口 = 批复概算 − 各资金来源已下达资金；项目建设资金应足额落实");
  f.amount = c.gap.totalGap;
  f.actual = c.gap.funds;
  f.limit = c.gap.budget;
}

void RuleCategoryGap(Ctx& c) {
  if (c.Closed()) return;
  for (const auto& g : c.gap.categories) {
    if (g.uncovered.fen() <= 0) continue;
    std::vector<std::string> able;
    for (const auto& u : c.gap.sources) {
      const FundingSource* s = c.Source(u.sourceId);
      if (s && s->eligible.Contains(g.category) && u.amount.fen() > 0)
        able.push_back(s->name + Wan(u.amount));
    }
    std::string why = able.empty()
        ? "本项目已下达的资金中没有可用于" + Cat(g.category) + "的来源。"
        : "本项目可用于" + Cat(g.category) + "的只有：" + Join(able, "、") +
              "，其余来源不得用于" + Cat(g.category) + "。";
    Finding& f = c.Add("CATEGORY_GAP", c.FundingSeverity(),
                       Cat(g.category) + "概算" + Wan(g.budget) + "，按各资金来源的允许用途分配后只有" +
                           Wan(g.covered) + "有资金可付，缺口" + Wan(g.uncovered) + "；" + why,
                       "专款专用：各资金来源只能用于下达文件允许的费用类别（资金来源的“可用于”设置），"
                       "按缺口最小的方式分配");
    f.category = g.category;
    f.amount = g.uncovered;
    f.actual = g.covered;
    f.limit = g.budget;
  }
}

void RuleIneligiblePayment(Ctx& c) {
  for (const auto& [p, net] : c.facts.originals) {
    if (net.fen() <= 0) continue;
    const FundingSource* s = c.Source(p->sourceId);
    if (!s || s->eligible.Contains(p->category)) continue;
    std::string uses = s->eligible.Empty() ? "（未设置任何可用类别）" : s->eligible.Format();
    Finding& f = c.Add(
        "INELIGIBLE_PAYMENT", Severity::Error,
        "凭证号" + p->voucher + "（" + Day(p->date) + "）从“" + s->name + "”拨付" +
            Cat(p->category) + Wan(net) + "，该资金只能用于" + uses + "。",
        "专款专用：资金来源“" + s->name + "”" + (s->docNo.empty() ? "" : "（" + s->docNo + "）") +
            "允许用途为" + uses);
    f.paymentId = p->id;
    f.contractId = p->contractId;
    f.sourceId = s->id;
    f.category = p->category;
    f.amount = net;
    f.date = p->date;
  }
}

void RuleSourceOverdrawn(Ctx& c) {
  for (Id sid : c.ix.InSourceOrder(c.facts.paidFromSource, c.pf.sources.size())) {
    Money paid = c.facts.paidFromSource.at(sid);
    auto r = c.facts.received.find(sid);
    Money received = r == c.facts.received.end() ? Money() : r->second;
    if (paid <= received) continue;
    Finding& f = c.Add("SOURCE_OVERDRAWN", Severity::Error,
                       "“" + c.SourceName(sid) + "”为本项目到位" + Wan(received) + "，已拨付" +
                           Wan(paid) + "，超出到位资金" + Wan(paid - received) + "。",
                       "拨付以该资金来源实际到位的资金为限，不得超到位支付");
    f.sourceId = sid;
    f.amount = paid - received;
    f.actual = paid;
    f.limit = received;
  }
}

void RuleOverBudget(Ctx& c) {
  const std::string rule =
      "《政府投资条例》第二十三条：建设投资原则上不得超过经核定的投资概算，确需增加的应报原审批部门核定";
  // Without any budget line the 概算 is simply not entered yet: one finding says so,
  // rather than one per category against zero.
  for (size_t i = 0; c.facts.hasBudget && i < kCostCategoryCount; ++i) {
    Money budget = c.facts.budget[i], contracts = c.facts.contractsByCategory[i],
          paid = c.facts.paidByCategory[i];
    Money used = Max(contracts, paid);
    if (used <= budget) continue;
    CostCategory cat = EnumAt<CostCategory>(i);
    Finding& f = c.Add("OVER_BUDGET", Severity::Error,
                       Cat(cat) + "概算" + Wan(budget) + "，合同合计" + Wan(contracts) + "、已拨付" +
                           Wan(paid) + "，超出概算" + Wan(used - budget) + "。",
                       rule);
    f.category = cat;
    f.amount = used - budget;
    f.actual = used;
    f.limit = budget;
  }
  Money used = Max(c.facts.contractsTotal, c.facts.paidTotal);
  if (used > c.facts.budgetTotal) {
    std::string head = c.facts.hasBudget ? "项目概算总投资" + Wan(c.facts.budgetTotal)
                                         : std::string("项目尚未录入概算");
    Finding& f = c.Add("OVER_BUDGET", Severity::Error,
                       head + "，合同合计" +
                           Wan(c.facts.contractsTotal) + "、已拨付" + Wan(c.facts.paidTotal) +
                           (c.facts.hasBudget ? "，超出概算总投资" + Wan(used - c.facts.budgetTotal) + "。"
                                              : std::string("，请先录入批复概算。")),
                       rule);
    f.amount = used - c.facts.budgetTotal;
    f.actual = used;
    f.limit = c.facts.budgetTotal;
  }
}

std::string ContractLabel(const Contract& k) {
  return std::string(Name(k.kind)) + "合同" + k.code + "（" + k.counterparty + "，合同额" +
         Wan(k.amount) + "）";
}

void RuleOverContract(Ctx& c) {
  for (size_t ci : c.facts.contracts) {
    const ContractFacts& k = c.ix.contracts[ci];
    if (k.paid <= k.contract->amount) continue;
    Money excess = k.paid - k.contract->amount;
    Finding& f = c.Add("OVER_CONTRACT", Severity::Error,
                       ContractLabel(*k.contract) + "已累计拨付" + Wan(k.paid) + "，超出合同金额" +
                           Wan(excess) + "。",
                       "拨付不得超过合同金额；有设计变更的应先签订补充协议调整合同金额");
    f.contractId = k.contract->id;
    f.amount = excess;
    f.actual = k.paid;
    f.limit = k.contract->amount;
  }
}

void RulePayAheadOfProgress(Ctx& c) {
  Percent pct = c.LatestPercent();
  for (size_t ci : c.facts.contracts) {
    const ContractFacts& k = c.ix.contracts[ci];
    const Contract& ct = *k.contract;
    if (ct.kind != ContractKind::Works) continue;
    Money certified = ct.amount.MulDiv(pct.tenths(), 1000);
    // The advance is paid before any work and recovered from later progress payments,
    // so it is allowed on top of certified work up to the contract's advance rate.
    Money advanceAllowed =
        Min(Max(k.advancePaid, Money()), ct.amount.MulDiv(ct.advanceRate.basisPoints(), 10000));
    Money limit = certified + advanceAllowed;
    if (k.paid <= limit) continue;
    std::string when = c.Latest() ? c.Latest()->month.FormatChinese() : std::string("尚未填报进度，");
    Finding& f = c.Add(
        "PAY_AHEAD_OF_PROGRESS", Severity::Warning,
        ContractLabel(ct) + "：" + when + "形象进度" + Pct(pct) + "，已完工程价值" + Wan(certified) +
            "；已累计拨付" + Wan(k.paid) +
            (k.advancePaid.IsZero() ? "" : "（其中预付款" + Wan(k.advancePaid) + "）") + "，超进度拨付" +
            Wan(k.paid - limit) + "。",
        "进度款按已完工程价值（合同额×形象进度）拨付，合同约定的预付款（" +
            BpPercent(ct.advanceRate.basisPoints()) + "%）除外");
    f.contractId = ct.id;
    f.amount = k.paid - limit;
    f.actual = k.paid;
    f.limit = limit;
    f.percent = pct;
  }
}

void RuleRetentionNotHeld(Ctx& c) {
  if (c.StepSettled(kStepSettlementAudit)) return;
  for (size_t ci : c.facts.contracts) {
    const ContractFacts& k = c.ix.contracts[ci];
    const Contract& ct = *k.contract;
    if (ct.kind != ContractKind::Works) continue;
    bool stated = ct.retentionRate.basisPoints() > 0;
    int64_t bp = stated ? ct.retentionRate.basisPoints() : c.rs.defaultRetentionBp;
    Money limit = ct.amount.MulDiv(10000 - bp, 10000);
    if (k.paid <= limit) continue;
    std::string rule = "结算审核办结前，累计拨付不得超过合同额扣除质保金（" + BpPercent(bp) +
                       "%）；《建设工程质量保证金管理办法》：质保金不高于工程价款结算总额的3%";
    if (!stated)
      rule += "；合同未约定比例时按县设置 " + std::string(kSetDefaultRetentionBp) + "=" +
              std::to_string(c.rs.defaultRetentionBp);
    Finding& f = c.Add("RETENTION_NOT_HELD", Severity::Warning,
                       ContractLabel(ct) + "结算审核尚未办结，已累计拨付" + Wan(k.paid) +
                           "，超过合同额的" + BpPercent(10000 - bp) + "%（" + Wan(limit) + "）" +
                           Wan(k.paid - limit) + "，未留足" + BpPercent(bp) + "%质保金。",
                       rule);
    f.contractId = ct.id;
    f.amount = k.paid - limit;
    f.actual = k.paid;
    f.limit = limit;
  }
}

void RuleUnderpaidProgress(Ctx& c) {
  // Work certified in a month is owed once the payment term after that month has run,
  // so the latest progress entry already due is what the payments must match.
  const ProgressEntry* due = nullptr;
  Date dueDate;
  for (auto it = c.facts.progress.rbegin(); it != c.facts.progress.rend(); ++it) {
    Date d = (*it)->month.LastDay() + boost::gregorian::days(c.rs.paymentDueDays);
    if (d < c.asOf) {
      due = *it;
      dueDate = d;
      break;
    }
  }
  if (!due) return;
  for (size_t ci : c.facts.contracts) {
    const ContractFacts& k = c.ix.contracts[ci];
    const Contract& ct = *k.contract;
    if (ct.kind != ContractKind::Works) continue;
    Money certified = ct.amount.MulDiv(due->percent.tenths(), 1000);
    Money minimum = certified.MulDiv(c.rs.underpaidPercent, 100);
    if (k.paid >= minimum) continue;
    Finding& f = c.Add(
        "UNDERPAID_PROGRESS", Severity::Warning,
        ContractLabel(ct) + "：" + due->month.FormatChinese() + "形象进度" + Pct(due->percent) +
            "，已完工程价值" + Wan(certified) + "，应至少拨付" +
            std::to_string(c.rs.underpaidPercent) + "%即" + Wan(minimum) + "，实际累计拨付" +
            Wan(k.paid) + "，少付" + Wan(minimum - k.paid) + "（应于" + Day(dueDate) + "前支付）。",
        "财建〔2022〕183号：进度款支付应不低于已完成工程价款的80%；县设置 " +
            std::string(kSetUnderpaidPercent) + "=" + std::to_string(c.rs.underpaidPercent) + "，" +
            kSetPaymentDueDays + "=" + std::to_string(c.rs.paymentDueDays));
    f.contractId = ct.id;
    f.amount = minimum - k.paid;
    f.actual = k.paid;
    f.limit = minimum;
    f.percent = due->percent;
    f.deadline = dueDate;
  }
}

void RuleNoPermitStart(Ctx& c) {
  if (!c.Started()) return;
  std::vector<std::string> missing;
  for (const auto& t : c.pf.procedureTemplate)
    if (t.requiredBeforeStart && !Settled(c.StatusOf(&t))) missing.push_back(t.name);
  if (missing.empty()) return;
  std::string how = c.project.actualStart
      ? "已于" + Day(*c.project.actualStart) + "开工"
      : "已填报形象进度" + Pct(c.LatestPercent());
  Finding& f = c.Add("NO_PERMIT_START", Severity::Error,
                     "项目" + how + "，但开工前应办结的手续尚未办结：" + Join(missing, "、") +
                         "，属手续不全（无证）施工。",
                     "《中华人民共和国建筑法》第七条：开工前应领取施工许可证；前期手续模板中标为开工前须办结的手续");
  f.date = c.project.actualStart;
  if (!c.project.actualStart) f.percent = c.LatestPercent();
}

void RuleProcedureOverdue(Ctx& c) {
  if (c.Closed()) return;
  for (const auto& t : c.pf.procedureTemplate) {
    const ProcedureStep* s = c.Step(&t);
    if (!s || !s->plannedDate || Settled(s->status) || !(*s->plannedDate < c.asOf)) continue;
    int late = static_cast<int>((c.asOf - *s->plannedDate).days());
    Finding& f = c.Add("PROCEDURE_OVERDUE", Severity::Warning,
                       "前期手续“" + t.name + "”计划" + Day(*s->plannedDate) + "办结，目前" +
                           std::string(Name(s->status)) + "，已逾期" + std::to_string(late) + "天。",
                       "项目前期手续计划（计划办结日期）");
    f.stepTemplateId = t.id;
    f.date = s->plannedDate;
    f.deadline = s->plannedDate;
    f.daysLate = late;
  }
}

void RulePermitNotStarted(Ctx& c) {
  std::optional<Date> issued = c.DoneOn(kStepBuildingPermit);
  if (!issued || c.Started()) return;
  Date deadline = AddMonths(*issued, static_cast<int>(c.rs.permitStartMonths));
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "PERMIT_NOT_STARTED", Severity::Warning,
      "施工许可证已于" + Day(*issued) + "领取，应在" + Day(deadline) + "前开工，至今未开工，已超过" +
          std::to_string(late) + "天；应申请延期，否则许可证自行废止。",
      "《中华人民共和国建筑法》第九条：自领取施工许可证之日起三个月内开工，因故不能按期开工的应申请延期；县设置 " +
          std::string(kSetPermitStartMonths) + "=" + std::to_string(c.rs.permitStartMonths));
  const ProcedureTemplateStep* t = c.Template(kStepBuildingPermit);
  f.stepTemplateId = t->id;
  f.date = issued;
  f.deadline = deadline;
  f.daysLate = late;
}

void RuleBehindSchedule(Ctx& c) {
  const Project& p = c.project;
  if (c.WorksFinished()) return;
  // The same 序时进度 the monthly report prints (rounded to 0.1%), so the figures in the
  // warning are the ones the clerk sees in the table.
  std::optional<Percent> expected = SchedulePercent(p, c.asOf);
  if (!expected || !(*p.plannedStart < c.asOf)) return;
  Percent pct = c.LatestPercent();
  int64_t behind = int64_t{expected->tenths()} - pct.tenths();
  if (behind <= c.rs.behindSchedulePoints * 10) return;
  Finding& f = c.Add(
      "BEHIND_SCHEDULE", Severity::Warning,
      "计划" + Day(*p.plannedStart) + "开工、" + Day(*p.plannedFinish) + "竣工，截至" + Day(c.asOf) +
          "序时进度" + Pct(*expected) + "，形象进度" + Pct(pct) + "，落后" + FormatFixed(behind, 1) +
          "个百分点（允许" + std::to_string(c.rs.behindSchedulePoints) + "个）。",
      "序时进度 = 计划开工至计划竣工已过时间的比例；县设置 " +
          std::string(kSetBehindSchedulePoints) + "=" + std::to_string(c.rs.behindSchedulePoints));
  f.percent = pct;
  f.expected = expected;
  f.date = p.plannedStart;
  f.deadline = p.plannedFinish;
}

void RuleStalled(Ctx& c) {
  if (c.project.status != ProjectStatus::UnderConstruction) return;
  if (c.LatestPercent().tenths() >= 1000) return;
  const ProgressEntry* lastRise = nullptr;
  int prev = 0;
  for (const ProgressEntry* e : c.facts.progress) {
    if (e->percent.tenths() > prev) lastRise = e;
    prev = e->percent.tenths();
  }
  Date since;
  std::string from;
  if (lastRise) {
    since = lastRise->month.LastDay();
    from = "自" + lastRise->month.FormatChinese() + "（" + Pct(lastRise->percent) + "）以来";
  } else if (c.project.actualStart) {
    since = *c.project.actualStart;
    from = "自" + Day(since) + "开工以来";
  } else {
    return;
  }
  int n = static_cast<int>(c.rs.stalledMonths);
  // From a month's report, count whole months: March's report stalls after June's end.
  Date deadline = lastRise ? AddMonths(lastRise->month.FirstDay(), n).end_of_month()
                           : AddMonths(since, n);
  if (!(deadline < c.asOf)) return;
  Finding& f = c.Add("STALLED", Severity::Warning,
                     "项目在建，形象进度" + from + "已超过" + std::to_string(n) + "个月没有增长（目前" +
                         Pct(c.LatestPercent()) + "）。",
                     "县设置 " + std::string(kSetStalledMonths) + "=" + std::to_string(n) +
                         "：在建项目连续" + std::to_string(n) + "个月形象进度无增长即为停滞");
  f.percent = c.LatestPercent();
  f.date = since;
  f.deadline = deadline;
  f.daysLate = static_cast<int>((c.asOf - deadline).days());
}

void RuleProgressDecreased(Ctx& c) {
  const ProgressEntry* prev = nullptr;
  for (const ProgressEntry* e : c.facts.progress) {
    if (prev && e->percent < prev->percent) {
      std::string problems = Trim(e->problems);
      Finding& f = c.Add(
          "PROGRESS_DECREASED", problems.empty() ? Severity::Warning : Severity::Notice,
          e->month.FormatChinese() + "形象进度" + Pct(e->percent) + "，低于上次填报（" +
              prev->month.FormatChinese() + "）的" + Pct(prev->percent) +
              (problems.empty() ? "，且未在“存在问题”中说明原因。" : "；说明：" + problems),
          "形象进度只增不减；确需下调的应在当月“存在问题”中说明原因");
      f.percent = e->percent;
      f.expected = prev->percent;
      f.date = e->month.FirstDay();
    }
    prev = e;
  }
}

void RuleSettlementOverdue(Ctx& c) {
  std::optional<Date> accepted = c.DoneOn(kStepAcceptance);
  if (!accepted || c.StepSettled(kStepSettlementAudit)) return;
  // The limits go by the size of the works; without works contracts, by all contracts,
  // and failing those by the approved budget.
  Money size;
  for (size_t ci : c.facts.contracts)
    if (c.ix.contracts[ci].contract->kind == ContractKind::Works)
      size += c.ix.contracts[ci].contract->amount;
  std::string basis = "施工合同额";
  if (size.IsZero()) {
    size = c.facts.contractsTotal;
    basis = "合同总额";
  }
  if (size.IsZero()) {
    size = c.facts.budgetTotal;
    basis = "概算总投资";
  }
  int days = c.rs.SettlementDaysFor(size);
  Date deadline = *accepted + boost::gregorian::days(days);
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "SETTLEMENT_OVERDUE", Severity::Warning,
      "项目于" + Day(*accepted) + "竣工验收，" + basis + Wan(size) + "，结算审核应在" +
          std::to_string(days) + "天内（" + Day(deadline) + "前）办结，至今未办结，已逾期" +
          std::to_string(late) + "天。",
      "《建设工程价款结算暂行办法》（财建〔2004〕369号）第十四条：结算审查期限按金额500万元以下20天、"
      "500万–2000万元30天、2000万–5000万元45天、5000万元以上60天（本工具自竣工验收日起算）；县设置 " +
          std::string(kSetSettlementDays) + "=" + c.rs.settlementDaysText);
  if (const ProcedureTemplateStep* t = c.Template(kStepSettlementAudit)) f.stepTemplateId = t->id;
  f.actual = size;
  f.date = accepted;
  f.deadline = deadline;
  f.daysLate = late;
}

void RuleAccountsOverdue(Ctx& c) {
  if (c.StepSettled(kStepFinalAccounts)) return;
  std::optional<Date> finished = c.project.actualFinish;
  if (!finished) finished = c.DoneOn(kStepAcceptance);
  if (!finished) return;
  int n = static_cast<int>(c.rs.accountsMonths);
  Date deadline = AddMonths(*finished, n);
  if (!(deadline < c.asOf)) return;
  int late = static_cast<int>((c.asOf - deadline).days());
  Finding& f = c.Add(
      "ACCOUNTS_OVERDUE", Severity::Warning,
      "项目于" + Day(*finished) + "完工，应在" + std::to_string(n) + "个月内（" + Day(deadline) +
          "前）办结竣工财务决算，至今未办结，已逾期" + std::to_string(late) + "天。",
      "《基本建设项目竣工财务决算管理暂行办法》（财建〔2016〕503号）：项目完工后3个月内编报竣工财务决算；县设置 " +
          std::string(kSetAccountsMonths) + "=" + std::to_string(n));
  if (const ProcedureTemplateStep* t = c.Template(kStepFinalAccounts)) f.stepTemplateId = t->id;
  f.date = finished;
  f.deadline = deadline;
  f.daysLate = late;
}

}  // namespace

std::vector<Finding> Evaluate(const Portfolio& pf, Date asOf) {
  const RuleSettings rs = ReadRuleSettings(pf.settings);
  const Index ix(pf);
  const std::vector<ProjectGap> gaps = ComputeGaps(pf, GapBasis::Committed);

  std::vector<Finding> out;
  for (size_t i = 0; i < pf.projects.size(); ++i) {
    Ctx c{pf, rs, ix, asOf, pf.projects[i], ix.projects[i], gaps[i], out};
    RuleFundingGap(c);
    RuleCategoryGap(c);
    RuleIneligiblePayment(c);
    RuleSourceOverdrawn(c);
    RuleOverBudget(c);
    RuleOverContract(c);
    RulePayAheadOfProgress(c);
    RuleRetentionNotHeld(c);
    RuleUnderpaidProgress(c);
    RuleNoPermitStart(c);
    RuleProcedureOverdue(c);
    RulePermitNotStarted(c);
    RuleBehindSchedule(c);
    RuleStalled(c);
    RuleProgressDecreased(c);
    RuleSettlementOverdue(c);
    RuleAccountsOverdue(c);
  }
  return out;
}

}  // namespace sb

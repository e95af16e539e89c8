#include "report/model.h"

#include "core/translate.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "core/ledger.h"
#include "core/schedule.h"

namespace sb::report {

namespace {
// The group of the projects with no programme, after every programme.
constexpr const char* kNoProgramme = "未列入批次";
}  // namespace

std::string_view GroupByName(GroupBy g) {
  switch (g) {
    case GroupBy::Township: return "township";
    case GroupBy::Stage: return "stage";
    case GroupBy::Category: return "category";
    case GroupBy::Source: return "source";
    case GroupBy::Programme: return "programme";
    case GroupBy::County: return "county";
  }
  return "township";
}

std::string_view GroupByLabel(GroupBy g) {
  switch (g) {
    case GroupBy::Township: return "乡镇";
    case GroupBy::Stage: return "学段";
    case GroupBy::Category: return "建设类别";
    case GroupBy::Source: return "主要资金来源";
    case GroupBy::Programme: return "项目批次";
    case GroupBy::County: return "县（区）";
  }
  return "乡镇";
}

std::optional<GroupBy> ParseGroupBy(std::string_view text) {
  for (GroupBy g : {GroupBy::Township, GroupBy::Stage, GroupBy::Category, GroupBy::Source, GroupBy::Programme,
                    GroupBy::County})
    if (text == GroupByName(g) || text == GroupByLabel(g)) return g;
  return std::nullopt;
}

void Totals::Add(const ReportRow& r) {
  ++projects;
  floorAreaCenti += r.floorArea.centi();
  budget += r.budget;
  for (size_t i = 0; i < kLevelCount; ++i) committedByLevel[i] += r.committedByLevel[i];
  committed += r.committed;
  received += r.received;
  paid += r.paid;
  gap += r.gap;
  monthInvested += r.monthInvested;
  invested += r.invested;
  if (r.annualPlan) {
    annualPlan += *r.annualPlan;
    ytdInvested += r.ytdInvested;
  }
}

std::string PercentText(const Ratio& r) {
  auto t = r.Tenths();
  return t ? FormatFixed(*t, 1) : "—";
}

std::string ReportHeader::Title() const {
  std::string what = scope.Text();
  return county + "教育系统基建项目建设进度月报（" + month.FormatChinese() + (what.empty() ? "" : "·" + what) + "）";
}

void CountAmount::Add(const CountAmount& c) {
  projects += c.projects;
  budget += c.budget;
  committed += c.committed;
  invested += c.invested;
  monthInvested += c.monthInvested;
}

Schooling SchoolingOf(Stage s) {
  switch (s) {
    case Stage::Primary:
    case Stage::Junior:
    case Stage::NineYear: return Schooling::Compulsory;
    case Stage::Preschool:
    case Stage::Senior:
    case Stage::Vocational: return Schooling::NonCompulsory;
    case Stage::Special:
    case Stage::Other: return Schooling::Neither;
  }
  return Schooling::Neither;
}

std::string_view SchoolingName(Schooling s) {
  switch (s) {
    case Schooling::Compulsory: return "义务教育";
    case Schooling::NonCompulsory: return "非义务教育";
    case Schooling::Neither: return "";
  }
  return "";
}

std::vector<StageLine> StageTable(const ReportModel& model) {
  std::vector<StageLine> out;
  for (Schooling s : {Schooling::Compulsory, Schooling::NonCompulsory, Schooling::Neither}) {
    StageLine subtotal{{std::string(SchoolingName(s)) + "小计", 0, {}, {}, {}, {}}, true};
    std::vector<StageLine> stages;
    for (const CountAmount& c : model.byStage) {
      auto stage = TryParseEnum<Stage>(c.label);
      if (!stage || SchoolingOf(*stage) != s) continue;
      subtotal.figures.Add(c);
      stages.push_back({c, false});
    }
    if (stages.empty()) continue;
    if (s != Schooling::Neither) out.push_back(subtotal);
    out.insert(out.end(), stages.begin(), stages.end());
  }
  return out;
}

std::vector<CategoryNatureLine> CategoryNatureTable(const ReportModel& model) {
  std::vector<CategoryNatureLine> lines(EnumCount<BuildingCategory>());
  CategoryNatureLine total;
  total.label = "合计";
  for (const ReportRow& r : model.rows) {
    size_t n = static_cast<size_t>(r.nature);
    for (CategoryNatureLine* l : {&lines[static_cast<size_t>(r.category)], &total}) {
      ++l->projects[n];
      l->budget[n] += r.budget;
      ++l->totalProjects;
      l->totalBudget += r.budget;
    }
  }
  std::vector<CategoryNatureLine> out;
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].totalProjects > 0) {
      lines[i].label = std::string(Name(EnumAt<BuildingCategory>(i)));
      out.push_back(lines[i]);
    }
  out.push_back(total);
  return out;
}

bool ReportScope::Includes(const Project& project) const {
  if (programme && project.programme != *programme) return false;
  if (county && project.countyCode != *county) return false;
  if (year) {
    if (auto y = ProgrammeYear(project.programme)) return *y == *year;
    return project.plannedStart && static_cast<int>(project.plannedStart->year()) == *year;
  }
  return true;
}

std::string ReportScope::Text() const {
  std::string out = year ? std::to_string(*year) + "年度" : std::string();
  if (programme) out += (out.empty() ? "" : "、") + *programme;
  // A county's report has the county in its title already (ReportHeader::county).
  return out;
}

Portfolio PortfolioOf(Portfolio p, const ReportScope& scope) {
  if (scope.All()) return p;
  std::unordered_set<Id> keep;
  for (const Project& pr : p.projects)
    if (scope.Includes(pr)) keep.insert(pr.id);
  auto out = [&](Id project) { return !keep.contains(project); };
  std::erase_if(p.projects, [&](const Project& x) { return out(x.id); });
  std::erase_if(p.budgetLines, [&](const BudgetLine& x) { return out(x.projectId); });
  std::erase_if(p.allocations, [&](const Allocation& x) { return out(x.projectId); });
  std::erase_if(p.receipts, [&](const Receipt& x) { return out(x.projectId); });
  std::erase_if(p.procedureSteps, [&](const ProcedureStep& x) { return out(x.projectId); });
  std::erase_if(p.progress, [&](const ProgressEntry& x) { return out(x.projectId); });
  std::erase_if(p.contracts, [&](const Contract& x) { return out(x.projectId); });
  std::erase_if(p.payments, [&](const Payment& x) { return out(x.projectId); });
  std::erase_if(p.plans, [&](const AnnualPlan& x) { return out(x.projectId); });
  std::erase_if(p.contractProgress, [&](const ContractProgress& x) { return out(x.projectId); });
  if (p.paymentTotals) {
    PaymentTotals& t = *p.paymentTotals;
    std::erase_if(t.groups, [&](const PaymentGroup& g) { return out(g.projectId); });
    std::erase_if(t.singles, [&](const NetPayment& n) { return out(n.payment.projectId); });
    t.count = 0;
    for (const auto& g : t.groups) t.count += g.count;
  }
  p.Reindex();
  return p;
}

Totals ReportModel::Total() const {
  Totals t;
  for (const auto& r : rows) t.Add(r);
  return t;
}

std::string ChineseNumber(int n) {
  static const char* digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
  if (n <= 0) return std::to_string(n);
  if (n < 10) return digits[n];
  if (n < 20) return std::string("十") + (n % 10 ? digits[n % 10] : "");
  if (n < 100) return std::string(digits[n / 10]) + "十" + (n % 10 ? digits[n % 10] : "");
  return std::to_string(n);
}

std::string ShortMonthDate(const std::optional<Date>& d) {
  if (!d) return "";
  return std::to_string(static_cast<int>(d->year())) + "." + std::to_string(static_cast<int>(d->month()));
}

Portfolio PortfolioAsOf(Portfolio p, Date cutoff) {
  // Summed payments cannot be cut by date: they must have been summed up to this very day.
  if (p.paymentTotals && p.paymentTotals->upTo != cutoff)
    throw std::logic_error("PortfolioAsOf: the payment totals were not summed up to " + FormatDate(cutoff));
  YearMonth last = YearMonth::Of(cutoff);
  std::erase_if(p.allocations, [&](const Allocation& a) { return cutoff < a.date; });
  std::erase_if(p.receipts, [&](const Receipt& r) { return cutoff < r.date; });
  std::erase_if(p.payments, [&](const Payment& x) { return cutoff < x.date; });
  std::erase_if(p.progress, [&](const ProgressEntry& e) { return last < e.month; });
  std::erase_if(p.contractProgress, [&](const ContractProgress& e) { return last < e.month; });
  p.Reindex();
  return p;
}

namespace {

// Per-project figures computed from a portfolio already cut off at the month's end.
struct RowBuilder {
  const Portfolio& p;
  const Ledger& ledger;  ///< of `p`
  YearMonth month;
  Date cutoff;
  Date evalDate;

  std::vector<ReportRow> Build() const {
    std::unordered_map<Id, size_t> at;
    std::vector<ReportRow> rows(p.projects.size());
    for (size_t i = 0; i < p.projects.size(); ++i) at[p.projects[i].id] = i;
    auto row = [&](Id project) -> ReportRow* {
      auto it = at.find(project);
      return it == at.end() ? nullptr : &rows[it->second];
    };

    // Money and % complete from the ledger: the figures the list and the rules show.
    std::vector<std::map<Id, Money>> bySource(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      const ProjectPosition& pos = ledger.projects[i];
      ReportRow& r = rows[i];
      r.budget = pos.budget;
      r.committed = pos.committed;
      r.received = pos.received;
      r.paid = pos.paid;
      for (const auto& [sourceId, amount] : pos.committedBySource) {
        SourceLevel level = SourceLevel::Other;
        if (const FundingSource* s = p.FindSource(sourceId))
          if (const FundKind* k = p.FindFundKind(s->kind)) level = k->level;
        r.committedByLevel[static_cast<size_t>(level)] += amount;
      }
      bySource[i] = pos.committedBySource;
      if (pos.percent) {
        r.percent = pos.percent;
        r.invested = pos.invested;
      }
    }
    // The year: the plan and what was invested since January (core/kpi.h).
    std::vector<AnnualFigures> annual = AnnualFiguresOf(p, month);
    for (size_t i = 0; i < rows.size(); ++i) {
      rows[i].annualPlan = annual[i].plan;
      rows[i].ytdInvested = annual[i].ytdInvested;
    }
    // The latest entry's texts (entries are by project, month).
    for (const auto& e : p.progress) {
      auto* r = row(e.projectId);
      if (!r || month < e.month) continue;
      r->problems = e.problems;
      r->nextSteps = e.nextSteps;
    }

    int required = 0;
    std::unordered_map<Id, bool> requiredStep;
    for (const auto& t : p.procedureTemplate) {
      requiredStep[t.id] = t.requiredBeforeStart;
      if (t.requiredBeforeStart) ++required;
    }
    for (const auto& s : p.procedureSteps) {
      auto* r = row(s.projectId);
      auto req = requiredStep.find(s.templateId);
      if (!r || req == requiredStep.end() || !req->second) continue;
      if (s.status == StepStatus::Done || s.status == StepStatus::NotApplicable) ++r->proceduresDone;
    }

    for (size_t i = 0; i < rows.size(); ++i) {
      const Project& pr = p.projects[i];
      ReportRow& r = rows[i];
      r.code = pr.code;
      r.name = pr.name;
      r.school = pr.school;
      r.township = pr.township;
      r.programme = pr.programme;
      r.countyCode = pr.countyCode;
      if (const County* c = p.FindCounty(pr.countyCode)) r.countyName = c->name;
      r.stage = pr.stage;
      r.category = pr.category;
      r.nature = pr.nature;
      r.status = pr.status;
      r.floorArea = pr.floorArea;
      r.plannedStart = pr.plannedStart;
      r.plannedFinish = pr.plannedFinish;
      // What happened after the month is not part of its report.
      if (pr.actualStart && !(cutoff < *pr.actualStart)) r.actualStart = pr.actualStart;
      if (pr.actualFinish && !(cutoff < *pr.actualFinish)) r.actualFinish = pr.actualFinish;
      r.proceduresRequired = required;
      r.gap = Max(r.budget - r.committed, Money());
      r.schedulePercent = SchedulePercent(pr, evalDate);
      // Main source: largest commitment, ties to the first source by code.
      Money best;
      for (const auto& s : p.sources) {
        auto it = bySource[i].find(s.id);
        if (it != bySource[i].end() && it->second > best) {
          best = it->second;
          r.mainSource = s.name;
        }
      }
    }
    return rows;
  }

};

std::string MoneyText(Money m) { return m.FormatWan(2, 4) + "万元"; }

// Differences between the snapshot of a closed month and the same month recomputed now.
void AddBackdatedWarnings(const ReportModel& baseline, const std::vector<ReportRow>& now,
                          std::vector<WarningLine>& out) {
  std::unordered_map<std::string, const ReportRow*> then;
  for (const auto& r : baseline.rows) then[r.code] = &r;
  std::string month = baseline.header.month.FormatChinese();
  for (const auto& r : now) {
    auto it = then.find(r.code);
    const ReportRow* b = it == then.end() ? nullptr : it->second;
    ReportRow empty;
    const ReportRow& old = b ? *b : empty;
    std::vector<std::string> changes;
    std::optional<Money> amount;
    auto money = [&](const char* what, Money was, Money is) {
      if (was == is) return;
      changes.push_back(std::string(what) + "由" + MoneyText(was) + "变为" + MoneyText(is));
      if (!amount) amount = is - was;
    };
    money("累计下达", old.committed, r.committed);
    money("累计到位", old.received, r.received);
    money("累计拨付", old.paid, r.paid);
    money("累计完成投资", old.invested, r.invested);
    if (old.percent != r.percent)
      changes.push_back("形象进度由" + (old.percent ? old.percent->Format() + "%" : std::string("无")) +
                        "变为" + (r.percent ? r.percent->Format() + "%" : std::string("无")));
    if (changes.empty()) continue;
    WarningLine w;
    w.projectCode = r.code;
    w.projectName = r.name;
    w.code = kBackdatedCode;
    w.title = std::string(FindRule(kBackdatedCode)->title);
    w.severity = Severity::Warning;
    w.amount = amount;
    std::string list;
    for (size_t i = 0; i < changes.size(); ++i) list += (i ? "；" : "") + changes[i];
    w.message = month + "已定稿，定稿后补录或更改了属于该月及以前的数据：" + list +
                "。差额计入本月，请核实。";
    out.push_back(std::move(w));
  }
}

}  // namespace

ReportModel BuildReport(const Portfolio& portfolio, const ReportRequest& request) {
  const YearMonth month = request.month;
  const Date cutoff = month.LastDay();
  const Date evalDate = std::min(cutoff, request.reportDate);

  ReportModel m;
  ReportHeader& h = m.header;
  h.county = portfolio.settings.Text("county_name", "XX县");
  // One county of several: its own name heads the report.
  if (request.scope.county)
    if (const County* c = portfolio.FindCounty(*request.scope.county)) h.county = c->name;
  h.bureau = portfolio.settings.Text("bureau_name", h.county + "教育局");
  h.preparer = portfolio.settings.Text(kSetPreparer, "");
  h.reviewer = portfolio.settings.Text(kSetReviewer, "");
  h.approver = portfolio.settings.Text(kSetApprover, "");
  h.month = month;
  h.reportDate = request.reportDate;
  h.evaluationDate = evalDate;
  h.scope = request.scope;
  if (request.baseline) h.baselineMonth = request.baseline->header.month;

  Portfolio asOf = PortfolioAsOf(PortfolioOf(portfolio, request.scope), cutoff);
  const Ledger ledger = BuildLedger(asOf);
  m.rows = RowBuilder{asOf, ledger, month, cutoff, evalDate}.Build();

  // 本月: against the closed month's snapshot, or else against the month before.
  if (request.baseline) {
    std::unordered_map<std::string, Money> before;
    for (const auto& r : request.baseline->rows) before[r.code] = r.invested;
    for (auto& r : m.rows) {
      auto it = before.find(r.code);
      r.monthInvested = r.invested - (it == before.end() ? Money() : it->second);
    }
  } else {
    YearMonth prev = month.Prev();
    std::unordered_map<Id, Money> before;
    for (const auto& e : asOf.progress)
      if (!(prev < e.month)) before[e.projectId] = e.invested;
    for (size_t i = 0; i < m.rows.size(); ++i) {
      auto it = before.find(asOf.projects[i].id);
      m.rows[i].monthInvested = m.rows[i].invested - (it == before.end() ? Money() : it->second);
    }
  }

  // 四率: the same definitions as the county overview (core/kpi.h).
  m.kpis = ComputeKpis(asOf, cutoff);

  // By building category and by stage, canonical order.
  auto countBy = [&](auto key, size_t n, auto label) {
    std::vector<CountAmount> v(n);
    for (const auto& r : m.rows) {
      CountAmount& c = v[key(r)];
      ++c.projects;
      c.budget += r.budget;
      c.committed += r.committed;
      c.invested += r.invested;
      c.monthInvested += r.monthInvested;
    }
    std::vector<CountAmount> out;
    for (size_t i = 0; i < n; ++i)
      if (v[i].projects > 0) {
        v[i].label = label(i);
        out.push_back(v[i]);
      }
    return out;
  };
  m.byCategory = countBy([](const ReportRow& r) { return static_cast<size_t>(r.category); },
                         EnumCount<BuildingCategory>(),
                         [](size_t i) { return std::string(Name(EnumAt<BuildingCategory>(i))); });
  m.byStage = countBy([](const ReportRow& r) { return static_cast<size_t>(r.stage); },
                      EnumCount<Stage>(), [](size_t i) { return std::string(Name(EnumAt<Stage>(i))); });

  // Funding by source.
  std::unordered_map<Id, size_t> srcAt;
  std::vector<SourceLine> lines(asOf.sources.size());
  for (size_t i = 0; i < asOf.sources.size(); ++i) {
    const FundingSource& s = asOf.sources[i];
    srcAt[s.id] = i;
    lines[i].code = s.code;
    lines[i].name = s.name;
    lines[i].kind = s.kind;
    if (const FundKind* k = asOf.FindFundKind(s.kind)) lines[i].level = k->level;
  }
  auto src = [&](Id id) -> SourceLine* {
    auto it = srcAt.find(id);
    return it == srcAt.end() ? nullptr : &lines[it->second];
  };
  for (const auto& a : asOf.allocations)
    if (auto* l = src(a.sourceId)) l->committed += a.amount;
  for (const auto& r : asOf.receipts)
    if (auto* l = src(r.sourceId)) l->received += r.amount;
  std::optional<PaymentTotals> computed;
  for (const PaymentGroup& g : PaymentTotalsOf(asOf, computed).groups)
    if (auto* l = src(g.sourceId)) l->paid += g.amount;
  for (const IdleMoney& i : IdleMoneyOf(asOf, ledger, evalDate))
    if (auto* l = src(i.sourceId)) l->idle += i.idle;
  for (auto& l : lines)
    if (!l.committed.IsZero() || !l.received.IsZero() || !l.paid.IsZero()) m.sources.push_back(l);

  // Funding gaps by cost category (committed money, exact max-flow of gaps.h).
  const std::vector<ProjectGap> gaps = ComputeGaps(asOf, GapBasis::Committed);
  GapSummary sum = SummarizeGaps(gaps);
  for (size_t c = 0; c < kCostCategoryCount; ++c) {
    GapCategoryLine g;
    g.category = EnumAt<CostCategory>(c);
    g.budget = sum.county.budgetByCategory[c];
    g.covered = sum.county.coveredByCategory[c];
    g.uncovered = sum.county.uncoveredByCategory[c];
    for (const auto& pg : gaps)
      if (const CategoryGap* cg = pg.Find(g.category); cg && cg->uncovered > Money()) ++g.projectsWithGap;
    if (!g.budget.IsZero() || !g.uncovered.IsZero()) m.gapCategories.push_back(g);
  }
  for (const auto& pg : gaps) {
    if (!(pg.uncovered > Money())) continue;
    GapProjectLine l;
    l.code = pg.projectCode;
    l.name = pg.projectName;
    for (const auto& cg : pg.categories) l.uncovered[static_cast<size_t>(cg.category)] = cg.uncovered;
    l.totalUncovered = pg.uncovered;
    m.gapProjects.push_back(l);
  }

  // Warnings: the rules engine on the month's data, then back-dated entries — in Chinese,
  // whatever language the window speaks: the report is a file, and its snapshot reprints.
  Untranslated canonical;
  for (const Finding& f : Evaluate(asOf, ledger, gaps, evalDate)) {
    WarningLine w;
    w.projectCode = f.projectCode;
    w.projectName = f.projectName;
    w.code = f.code;
    w.title = f.title;
    w.severity = f.severity;
    w.amount = f.amount;
    w.message = f.message;
    m.warnings.push_back(std::move(w));
  }
  if (request.baseline) {
    YearMonth closed = request.baseline->header.month;
    Portfolio whole = portfolio;
    if (whole.paymentTotals) {
      if (!request.baselineTotals)
        throw std::logic_error("BuildReport: summed payments need the baseline month's totals");
      whole.paymentTotals = *request.baselineTotals;
    }
    Portfolio then = PortfolioAsOf(PortfolioOf(std::move(whole), request.scope), closed.LastDay());
    Date thenEval = std::min(closed.LastDay(), request.baseline->header.evaluationDate);
    const Ledger thenLedger = BuildLedger(then);
    AddBackdatedWarnings(*request.baseline,
                         RowBuilder{then, thenLedger, closed, closed.LastDay(), thenEval}.Build(),
                         m.warnings);
  }
  std::stable_sort(m.warnings.begin(), m.warnings.end(),
                   [](const WarningLine& a, const WarningLine& b) { return a.projectCode < b.projectCode; });
  return m;
}

Grouping GroupRows(const ReportModel& model, GroupBy by) {
  Grouping g;
  g.by = by;
  auto keyOf = [&](const ReportRow& r) -> std::string {
    switch (by) {
      case GroupBy::Township: return r.township;
      case GroupBy::Stage: return std::string(Name(r.stage));
      case GroupBy::Category: return std::string(Name(r.category));
      case GroupBy::Source: return r.mainSource.empty() ? "未下达资金" : r.mainSource;
      case GroupBy::Programme: return r.programme.empty() ? kNoProgramme : r.programme;
      case GroupBy::County: return r.countyName.empty() ? r.countyCode : r.countyName;
    }
    return "";
  };
  std::vector<std::string> order;
  if (by == GroupBy::Stage)
    for (size_t i = 0; i < EnumCount<Stage>(); ++i) order.emplace_back(Name(EnumAt<Stage>(i)));
  if (by == GroupBy::Category)
    for (size_t i = 0; i < EnumCount<BuildingCategory>(); ++i)
      order.emplace_back(Name(EnumAt<BuildingCategory>(i)));
  if (by == GroupBy::County) {  // counties by their code
    std::vector<const ReportRow*> byCode;
    for (const auto& r : model.rows) byCode.push_back(&r);
    std::stable_sort(byCode.begin(), byCode.end(), [](auto* a, auto* b) { return a->countyCode < b->countyCode; });
    for (const auto* r : byCode)
      if (std::find(order.begin(), order.end(), keyOf(*r)) == order.end()) order.push_back(keyOf(*r));
  }
  bool unfunded = false;
  for (const auto& r : model.rows) {
    std::string k = keyOf(r);
    if ((by == GroupBy::Source && r.mainSource.empty()) || (by == GroupBy::Programme && r.programme.empty())) {
      unfunded = true;
      continue;
    }
    if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
  }
  if (by == GroupBy::Programme) std::sort(order.begin(), order.end());
  if (unfunded) order.push_back(by == GroupBy::Programme ? kNoProgramme : "未下达资金");
  std::map<std::string, size_t> at;
  for (const auto& k : order) {
    at[k] = g.groups.size();
    g.groups.push_back({k, {}, {}});
  }
  for (size_t i = 0; i < model.rows.size(); ++i) {
    Group& grp = g.groups[at[keyOf(model.rows[i])]];
    grp.rows.push_back(i);
    grp.totals.Add(model.rows[i]);
    g.total.Add(model.rows[i]);
  }
  std::erase_if(g.groups, [](const Group& x) { return x.rows.empty(); });
  return g;
}

std::string RollupModel::Title() const {
  return header.county + "各县（区）教育系统基建项目建设情况汇总（" + header.month.FormatChinese() + "）";
}

RollupModel BuildRollup(const Portfolio& portfolio, const ReportRequest& request) {
  RollupModel m;
  ReportRequest all = request;
  all.scope.county.reset();
  ReportModel whole = BuildReport(portfolio, all);
  m.header = whole.header;
  m.header.county = portfolio.settings.Text("city_name", "");
  m.header.checkCode.clear();
  for (const County& c : portfolio.counties) {
    ReportRequest one = all;
    one.scope.county = c.code;
    ReportModel report = BuildReport(portfolio, one);
    m.counties.push_back({c.code, c.name, report.Total(), report.kpis});
  }
  // Money: the county lines added up, so that the total row is their sum to the fen.
  Totals& t = m.total.totals;
  t = Totals();
  for (const auto& line : m.counties) {
    const Totals& c = line.totals;
    t.projects += c.projects;
    t.floorAreaCenti += c.floorAreaCenti;
    t.budget += c.budget;
    for (size_t i = 0; i < kLevelCount; ++i) t.committedByLevel[i] += c.committedByLevel[i];
    t.committed += c.committed;
    t.received += c.received;
    t.paid += c.paid;
    t.gap += c.gap;
    t.monthInvested += c.monthInvested;
    t.invested += c.invested;
    t.annualPlan += c.annualPlan;
    t.ytdInvested += c.ytdInvested;
  }
  m.total.name = "合计";
  m.total.kpis = whole.kpis;
  return m;
}

}  // namespace sb::report

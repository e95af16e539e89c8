#include "report/present.h"

#include <algorithm>
#include <map>
#include <cctype>
#include <set>
#include <unordered_map>

namespace sb::report {

namespace {

std::string Thousands(std::string digits) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out += ',';
    out += digits[static_cast<size_t>(i)];
  }
  return out;
}

std::string Count(int n, const char* unit = "个") { return std::to_string(n) + " " + unit; }

PCell Text(std::string s) { return {std::move(s), 1, std::nullopt}; }
PCell Label(std::string s, int span) { return {std::move(s), span, Align::Left}; }
PCell Wan(Money m) { return Text(WanText(m)); }
PCell WanOrBlank(Money m) { return Text(m.IsZero() ? "" : WanText(m)); }
PCell Pct(const std::optional<Percent>& p) { return Text(p ? p->Format() : ""); }

const char* LevelTitle(SourceLevel l) { return EnumInfo<SourceLevel>::names[static_cast<size_t>(l)]; }

// Every money column of the main table after the label, for project and subtotal rows.
void AddMoneyCells(std::vector<PCell>& c, const ReportModel& m, const std::vector<SourceLevel>& levels,
                   Money budget, const LevelAmounts& byLevel, Money received, Money paid, Money gap,
                   Money month, Money invested, std::optional<Money> plan, Money ytd) {
  c.push_back(Wan(budget));
  for (SourceLevel l : levels) c.push_back(WanOrBlank(byLevel[static_cast<size_t>(l)]));
  c.push_back(Wan(received));
  c.push_back(Wan(paid));
  c.push_back(Wan(gap));
  c.push_back(Wan(month));
  c.push_back(Wan(invested));
  // The year: 年度计划投资, 本年完成投资, 完成年度计划(%).
  c.push_back(plan ? Wan(*plan) : Text(""));
  c.push_back(plan ? Wan(ytd) : Text(""));
  c.push_back(Text(plan ? PercentText({ytd.fen(), plan->fen()}) : ""));
  (void)m;
}

PColumn Num(std::string title, std::string group = "") {
  return {std::move(group), std::move(title), Align::Decimal, false, 2, 0};
}
PColumn Mid(std::string title, std::string group = "", double minEm = 2) {
  return {std::move(group), std::move(title), Align::Center, true, minEm, 0};
}
// Short text that must not break (dates, "缺2项").
PColumn Fixed(std::string title, std::string group = "") {
  return {std::move(group), std::move(title), Align::Center, false, 2, 0};
}
PColumn Wrap(std::string title, double minEm, double weight) {
  return {"", std::move(title), Align::Left, true, minEm, weight};
}

// A figure as the tables print it: "-1,234.5", "93.5", "12".
bool IsFigure(const std::string& s) {
  if (s.empty()) return false;
  size_t i = s[0] == '-' ? 1 : 0, dots = 0, digits = 0;
  for (; i < s.size(); ++i) {
    if (s[i] == '.') ++dots;
    else if (std::isdigit(static_cast<unsigned char>(s[i]))) ++digits;
    else if (s[i] != ',') return false;
  }
  return digits > 0 && dots <= 1;
}
size_t DecimalsOf(const std::string& s) {
  size_t dot = s.find('.');
  return dot == std::string::npos ? 0 : s.size() - dot - 1;
}

}  // namespace

void UniformDecimals(PTable& t) {
  // One number of decimals per column: the most any of its figures needs to stay exact
  // (amounts come with 2–4); the others get trailing zeros, so that the decimal points
  // line up and no figure changes its value.
  for (size_t col = 0; col < t.cols.size(); ++col) {
    if (t.cols[col].align != Align::Decimal) continue;
    auto cellAt = [&](PRow& row) -> PCell* {
      size_t at = 0;
      for (PCell& c : row.cells) {
        if (at == col) return c.span == 1 ? &c : nullptr;
        at += static_cast<size_t>(std::max(c.span, 1));
        if (at > col) return nullptr;
      }
      return nullptr;
    };
    size_t most = 0;
    for (PRow& row : t.rows)
      if (PCell* c = cellAt(row); c && IsFigure(c->text)) most = std::max(most, DecimalsOf(c->text));
    if (most == 0) continue;
    for (PRow& row : t.rows) {
      PCell* c = cellAt(row);
      if (!c || !IsFigure(c->text)) continue;
      size_t has = DecimalsOf(c->text);
      if (has == 0) c->text += '.';
      c->text.append(most - has, '0');
    }
  }
}

namespace {

}  // namespace

std::string WanText(Money m) { return m.FormatWan(2, 4); }

std::string AreaText(int64_t centi) {
  bool neg = centi < 0;
  uint64_t a = neg ? static_cast<uint64_t>(-(centi + 1)) + 1 : static_cast<uint64_t>(centi);
  std::string s = Thousands(std::to_string(a / 100));
  if (a % 100) {
    std::string frac = std::to_string(100 + a % 100).substr(1);
    if (frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return (neg ? "-" : "") + s;
}

std::string ProceduresText(const ReportRow& r) {
  int missing = r.proceduresRequired - r.proceduresDone;
  return missing <= 0 ? "齐全" : "缺" + std::to_string(missing) + "项";
}

std::vector<SourceLevel> PrintedLevels(const ReportModel& model) {
  Totals t = model.Total();
  std::vector<SourceLevel> out;
  for (size_t i = 0; i < kLevelCount; ++i)
    if (!t.committedByLevel[i].IsZero()) out.push_back(EnumAt<SourceLevel>(i));
  if (out.empty()) out.push_back(SourceLevel::County);
  return out;
}

PTable MainTable(const ReportModel& m, const Grouping& g) {
  PTable t;
  const std::string src = "资金来源（已下达）";
  std::vector<SourceLevel> levels = PrintedLevels(m);
  t.cols = {Mid("序号", "", 1.5), Wrap("项目名称", 9, 3), Wrap("建设单位", 5, 2), Mid("建设\n性质"),
            Num("建设规模\n（㎡）"), Num("概算\n总投资")};
  for (SourceLevel l : levels) t.cols.push_back(Num(LevelTitle(l), src));
  for (const char* s : {"累计到位\n资金", "累计拨付\n资金", "资金\n缺口"}) t.cols.push_back(Num(s));
  t.cols.push_back(Num("本月", "完成投资"));
  t.cols.push_back(Num("累计", "完成投资"));
  t.cols.push_back(Num("年度计划\n投资"));
  t.cols.push_back(Num("本年完成\n投资"));
  t.cols.push_back(Num("完成年度\n计划(%)"));
  t.cols.push_back(Num("形象\n进度\n(%)"));
  t.cols.push_back(Num("序时\n进度\n(%)"));
  t.cols.push_back(Fixed("前期\n手续"));
  t.cols.push_back(Fixed("计划", "开工时间"));
  t.cols.push_back(Fixed("实际", "开工时间"));
  t.cols.push_back(Fixed("计划", "竣工时间"));
  t.cols.push_back(Fixed("实际", "竣工时间"));
  t.cols.push_back(Wrap("存在问题", 9, 3));
  const size_t trailing = 7;  // percent … problems: empty on subtotal rows

  auto subtotal = [&](std::string label, const Totals& s, bool keep) {
    PRow r;
    r.bold = true;
    r.keepWithNext = keep;
    r.cells.push_back(Label(std::move(label), 4));
    r.cells.push_back(Text(AreaText(s.floorAreaCenti)));
    AddMoneyCells(r.cells, m, levels, s.budget, s.committedByLevel, s.received, s.paid, s.gap,
                  s.monthInvested, s.invested,
                  s.annualPlan.IsZero() ? std::nullopt : std::optional<Money>(s.annualPlan), s.ytdInvested);
    for (size_t i = 0; i < trailing; ++i) r.cells.push_back(Text(""));
    return r;
  };

  int n = 0;
  for (size_t gi = 0; gi < g.groups.size(); ++gi) {
    const Group& grp = g.groups[gi];
    t.rows.push_back(subtotal(ChineseNumber(static_cast<int>(gi + 1)) + "、" + grp.label + "小计（" +
                                  std::to_string(grp.totals.projects) + "个）",
                              grp.totals, true));
    for (size_t idx : grp.rows) {
      const ReportRow& x = m.rows[idx];
      PRow r;
      r.modelRow = static_cast<int>(idx);
      r.cells = {Text(std::to_string(++n)), Text(x.name), Text(x.school), Text(std::string(Name(x.nature))),
                 Text(AreaText(x.floorArea.centi()))};
      AddMoneyCells(r.cells, m, levels, x.budget, x.committedByLevel, x.received, x.paid, x.gap,
                    x.monthInvested, x.invested, x.annualPlan, x.ytdInvested);
      r.cells.push_back(Pct(x.percent));
      r.cells.push_back(Pct(x.schedulePercent));
      r.cells.push_back(Text(ProceduresText(x)));
      r.cells.push_back(Text(ShortMonthDate(x.plannedStart)));
      r.cells.push_back(Text(ShortMonthDate(x.actualStart)));
      r.cells.push_back(Text(ShortMonthDate(x.plannedFinish)));
      r.cells.push_back(Text(ShortMonthDate(x.actualFinish)));
      r.cells.push_back(Text(x.problems));
      t.rows.push_back(std::move(r));
    }
  }
  t.rows.push_back(subtotal("合计（" + std::to_string(g.total.projects) + "个）", g.total, false));
  UniformDecimals(t);
  return t;
}

std::vector<KpiLine> KpiLines(const ReportModel& m) {
  const Kpis& k = m.kpis;
  Totals t = m.Total();
  std::string end = m.header.month.FormatChinese() + "末";
  return {
      {"开工率", k.startRate,
       "已开工 " + Count(static_cast<int>(k.startRate.numerator)) + " ÷ 应开工 " +
           Count(static_cast<int>(k.startRate.denominator)),
       "计划于" + std::to_string(k.year) + "年开工的项目中，" + end + "以前已实际开工的项目所占比例"},
      {"投资完成率", k.investmentRate,
       "本年完成投资 " + WanText(t.ytdInvested) + " 万元 ÷ 年度计划投资 " + WanText(t.annualPlan) + " 万元" +
           (k.AnnualSentence().empty() ? std::string("（未录入年度计划）") : "；" + k.AnnualSentence()),
       "本年1–" + std::to_string(k.monthsElapsed) + "月完成投资占年度计划投资的比例，对照时间进度 " +
           std::to_string(k.monthsElapsed) + "/12（" + PercentText(k.TimeElapsed()) + "%）"},
      {"资金到位率", k.fundsReceivedRate,
       "累计到位 " + WanText(t.received) + " 万元 ÷ 累计下达 " + WanText(t.committed) + " 万元",
       "截至" + end + "已到位资金占已下达资金的比例"},
      {"按期完工率", k.onTimeRate,
       "按期完工 " + Count(static_cast<int>(k.onTimeRate.numerator)) + " ÷ 应完工 " +
           Count(static_cast<int>(k.onTimeRate.denominator)),
       "计划于" + std::to_string(k.year) + "年竣工的项目中，实际竣工不晚于计划竣工的项目所占比例"},
  };
}

std::vector<PSection> SummarySections(const ReportModel& m) {
  std::vector<PSection> out;
  int sec = 0;
  auto heading = [&](const std::string& s) { return ChineseNumber(++sec) + "、" + s; };

  {
    PSection s{heading("主要指标（四率）"), "", {}};
    s.table.cols = {Mid("指标", "", 4), Num("比率\n（%）"), Wrap("计算", 12, 2), Wrap("口径", 12, 3)};
    for (const auto& k : KpiLines(m))
      s.table.rows.push_back({{Text(k.name), Text(PercentText(k.ratio)), Text(k.computation),
                               Text(k.definition)}});
    out.push_back(std::move(s));
  }

  auto byTable = [&](const std::string& title, const char* what, const std::vector<StageLine>& v,
                     const std::string& note) {
    PSection s{heading(title), note, {}};
    s.table.cols = {Mid(what, "", 4), Num("项目数\n（个）"), Num("概算\n总投资"), Num("已下达\n资金"),
                    Num("累计完成\n投资"), Num("本月完成\n投资")};
    auto cells = [](const CountAmount& c) {
      return std::vector<PCell>{Text(c.label), Text(std::to_string(c.projects)), Wan(c.budget),
                                Wan(c.committed), Wan(c.invested), Wan(c.monthInvested)};
    };
    CountAmount sum;
    sum.label = "合计";
    for (const auto& l : v) {
      s.table.rows.push_back({cells(l.figures), l.subtotal});
      if (!l.subtotal) sum.Add(l.figures);
    }
    s.table.rows.push_back({cells(sum), true});
    out.push_back(std::move(s));
  };
  std::vector<StageLine> categories;
  for (const auto& c : m.byCategory) categories.push_back({c, false});
  byTable("按建设类别统计", "建设类别", categories, "");

  {
    PSection s{heading("按建设类别和建设性质统计"), "项目数（个）与概算总投资（万元）。", {}};
    s.table.cols = {Mid("建设类别", "", 4)};
    for (size_t n = 0; n < kNatureCount; ++n) {
      std::string nature(Name(EnumAt<Nature>(n)));
      s.table.cols.push_back(Num("项目数", nature));
      s.table.cols.push_back(Num("概算", nature));
    }
    s.table.cols.push_back(Num("项目数", "合计"));
    s.table.cols.push_back(Num("概算", "合计"));
    for (const auto& l : CategoryNatureTable(m)) {
      PRow r{{Text(l.label)}, l.label == "合计"};
      for (size_t n = 0; n < kNatureCount; ++n) {
        r.cells.push_back(Text(l.projects[n] ? std::to_string(l.projects[n]) : ""));
        r.cells.push_back(l.projects[n] ? Wan(l.budget[n]) : Text(""));
      }
      r.cells.push_back(Text(std::to_string(l.totalProjects)));
      r.cells.push_back(Wan(l.totalBudget));
      s.table.rows.push_back(std::move(r));
    }
    out.push_back(std::move(s));
  }

  byTable("按学段统计", "学段", StageTable(m), "义务教育：小学、初中、九年一贯制；非义务教育：学前教育、高中、中职。");

  {
    PSection s{heading("资金来源及到位情况"),
               "到位率 = 已到位 ÷ 已下达；拨付率 = 已拨付 ÷ 已到位；闲置资金 = 到位已久（县设置 rule.idle_months）而支付不足"
               "规定比例的部分，结转两年以上的可能被收回。",
               {}};
    s.table.cols = {Mid("序号", "", 1.5), Wrap("资金来源", 8, 3), Mid("来源类型", "", 4), Mid("层级"),
                    Num("已下达"), Num("已到位"), Num("已拨付"), Num("闲置\n资金"), Num("到位率\n（%）"),
                    Num("拨付率\n（%）")};
    Money c, r, p, idle;
    int i = 0;
    for (const auto& l : m.sources) {
      s.table.rows.push_back({{Text(std::to_string(++i)), Text(l.name), Text(l.kind),
                               Text(LevelTitle(l.level)), Wan(l.committed), Wan(l.received), Wan(l.paid),
                               Wan(l.idle), Text(PercentText(l.ReceivedRate())), Text(PercentText(l.PaidRate()))}});
      c += l.committed;
      r += l.received;
      p += l.paid;
      idle += l.idle;
    }
    SourceLine all{"", "", "", SourceLevel::Other, c, r, p, idle};
    s.table.rows.push_back({{Label("合计", 4), Wan(c), Wan(r), Wan(p), Wan(idle),
                             Text(PercentText(all.ReceivedRate())), Text(PercentText(all.PaidRate()))},
                            true});
    out.push_back(std::move(s));
  }

  {
    PSection s{heading("资金缺口（按费用类别）"),
               "按每笔资金允许支付的费用类别精确分配已下达资金后，仍无资金可以覆盖的概算。", {}};
    s.table.cols = {Mid("费用类别", "", 4), Num("概算"), Num("已落实资金"), Num("资金缺口"),
                    Num("有缺口项目\n（个）")};
    Money b, c, u;
    for (const auto& g : m.gapCategories) {
      s.table.rows.push_back({{Text(std::string(Name(g.category))), Wan(g.budget), Wan(g.covered),
                               Wan(g.uncovered), Text(std::to_string(g.projectsWithGap))}});
      b += g.budget;
      c += g.covered;
      u += g.uncovered;
    }
    s.table.rows.push_back(
        {{Text("合计"), Wan(b), Wan(c), Wan(u), Text(std::to_string(m.gapProjects.size()))}, true});
    out.push_back(std::move(s));

    std::vector<const GapProjectLine*> printed = PrintedGapProjects(m);
    const std::string count = std::to_string(m.gapProjects.size());
    const bool all = printed.size() == m.gapProjects.size();
    PSection p{heading(all ? "资金缺口项目（" + count + "个）"
                           : "资金缺口项目（缺口最大的前 " + std::to_string(printed.size()) + " 个，共 " + count + " 个）"),
               all ? ""
                   : "资金缺口项目超过 " + std::to_string(kListedInFull) + " 个，打印稿只列缺口最大的 " +
                         std::to_string(kTopListed) + " 个，合计行为全部 " + count + " 个项目；全部项目见本月报 xlsx 文件的“资金缺口”工作表，或运行 schoolbuild-cli gaps --format csv。",
               {}};
    p.table.cols = {Mid("序号", "", 1.5), Wrap("项目名称", 8, 3)};
    for (size_t i = 0; i < kCostCategoryCount; ++i)
      p.table.cols.push_back(Num(std::string(Name(EnumAt<CostCategory>(i)))));
    p.table.cols.push_back(Num("合计"));
    CategoryAmounts sum{};
    Money total;
    for (const auto& g : m.gapProjects) {
      for (size_t c2 = 0; c2 < kCostCategoryCount; ++c2) sum[c2] += g.uncovered[c2];
      total += g.totalUncovered;
    }
    int i = 0;
    for (const GapProjectLine* g : printed) {
      PRow r{{Text(std::to_string(++i)), Text(g->name)}};
      for (size_t c2 = 0; c2 < kCostCategoryCount; ++c2) r.cells.push_back(WanOrBlank(g->uncovered[c2]));
      r.cells.push_back(Wan(g->totalUncovered));
      p.table.rows.push_back(std::move(r));
    }
    PRow r{{Label(all ? "合计" : "合计（全部 " + count + " 个）", 2)}, true};
    for (size_t c2 = 0; c2 < kCostCategoryCount; ++c2) r.cells.push_back(Wan(sum[c2]));
    r.cells.push_back(Wan(total));
    p.table.rows.push_back(std::move(r));
    out.push_back(std::move(p));
  }

  {
    // By rule first: a manager reads one short table; the list follows.
    PSection s{heading("预警汇总（按类型）"), "", {}};
    s.table.cols = {Mid("预警类型", "", 6), Mid("代码", "", 5), Mid("级别"), Num("条数"), Num("涉及项目\n（个）"),
                    Num("涉及金额\n（万元）")};
    struct Count { std::string code, title; Severity severity; int n = 0; std::set<std::string> projects; Money amount; };
    std::vector<Count> counts;
    std::unordered_map<std::string, size_t> byCode;
    for (const auto& w : m.warnings) {
      auto [it, fresh] = byCode.emplace(w.code, counts.size());
      if (fresh) counts.push_back(Count{w.code, w.title, w.severity, 0, {}, Money()});
      Count& c = counts[it->second];
      ++c.n;
      c.projects.insert(w.projectCode);
      if (w.amount) c.amount += *w.amount;
      c.severity = std::min(c.severity, w.severity);
    }
    std::stable_sort(counts.begin(), counts.end(),
                     [](const Count& a, const Count& b) { return a.severity < b.severity; });
    std::set<std::string> all;
    for (const auto& c : counts) {
      s.table.rows.push_back({{Text(c.title), Text(c.code), Text(std::string(SeverityLabel(c.severity))),
                               Text(std::to_string(c.n)), Text(std::to_string(c.projects.size())),
                               Text(c.amount.IsZero() ? "" : WanText(c.amount))}});
      all.insert(c.projects.begin(), c.projects.end());
    }
    s.table.rows.push_back({{Label("合计", 3), Text(std::to_string(m.warnings.size())),
                             Text(std::to_string(all.size())), Text("")},
                            true});
    if (!m.warnings.empty()) out.push_back(std::move(s));
  }

  if (!m.warnings.empty()) {
    constexpr size_t kSeverityCount = static_cast<size_t>(Severity::Notice) + 1;
    // Where the warnings are: townships in the order of the project table's groups.
    PSection s{heading("预警汇总（按乡镇）"), "", {}};
    s.table.cols = {Mid("乡镇", "", 6)};
    for (size_t v = 0; v < kSeverityCount; ++v) s.table.cols.push_back(Num(std::string(SeverityLabel(static_cast<Severity>(v))), "级别"));
    s.table.cols.push_back(Num("合计"));
    s.table.cols.push_back(Num("涉及项目\n（个）"));
    s.table.cols.push_back(Num("涉及金额\n（万元）"));
    struct Count { std::string label; std::array<int, kSeverityCount> n{}; std::set<std::string> projects; Money amount; };
    std::vector<Count> counts;
    std::unordered_map<std::string, size_t> byTownship;
    std::unordered_map<std::string, const ReportRow*> rowOf;
    for (const auto& r : m.rows) {
      rowOf.emplace(r.code, &r);
      if (byTownship.emplace(r.township, counts.size()).second) counts.push_back({r.township.empty() ? "（未填乡镇）" : r.township, {}, {}, Money()});
    }
    const std::string kNoProject = "\x01";
    for (const auto& w : m.warnings) {
      auto row = rowOf.find(w.projectCode);
      const std::string& township = row == rowOf.end() ? kNoProject : row->second->township;
      auto [it, fresh] = byTownship.emplace(township, counts.size());
      if (fresh) counts.push_back({"（不属于某个项目）", {}, {}, Money()});
      Count& c = counts[it->second];
      ++c.n[static_cast<size_t>(w.severity)];
      if (row != rowOf.end()) c.projects.insert(w.projectCode);
      if (w.amount) c.amount += *w.amount;
    }
    Count sum{"合计", {}, {}, Money()};
    auto cells = [](const Count& c) {
      int total = 0;
      std::vector<PCell> v{Text(c.label)};
      for (int n : c.n) {
        v.push_back(Text(n ? std::to_string(n) : ""));
        total += n;
      }
      v.push_back(Text(std::to_string(total)));
      v.push_back(Text(std::to_string(c.projects.size())));
      v.push_back(Text(c.amount.IsZero() ? "" : WanText(c.amount)));
      return std::make_pair(v, total);
    };
    for (const auto& c : counts) {
      auto [row, total] = cells(c);
      if (total == 0) continue;
      s.table.rows.push_back({std::move(row)});
      for (size_t v = 0; v < kSeverityCount; ++v) sum.n[v] += c.n[v];
      sum.projects.insert(c.projects.begin(), c.projects.end());
      sum.amount += c.amount;
    }
    s.table.rows.push_back({cells(sum).first, true});
    out.push_back(std::move(s));
  }

  {
    std::vector<const WarningLine*> printed = PrintedWarnings(m);
    std::string count = std::to_string(m.warnings.size());
    bool all = printed.size() == m.warnings.size();
    PSection s{heading(all ? "预警明细（" + count + "条）"
                           : "预警明细（涉及金额最大的前 " + std::to_string(printed.size()) + " 条，共 " + count + " 条）"),
               all ? ""
                   : "预警超过 " + std::to_string(kListedInFull) + " 条，打印稿只列涉及金额最大的 " +
                         std::to_string(kTopListed) + " 条；全部 " + count +
                         " 条见本月报 xlsx 文件的“预警”工作表，或运行 schoolbuild-cli warnings --as-of " +
                         FormatDate(m.header.evaluationDate) + " --format csv。",
               {}};
    s.table.cols = {Mid("序号", "", 1.5), Wrap("项目名称", 6, 2), Mid("级别"), Mid("预警类型", "", 4),
                    Num("涉及金额\n（万元）"), Wrap("说明", 16, 6)};
    int i = 0;
    for (const WarningLine* w : printed)
      s.table.rows.push_back({{Text(std::to_string(++i)), Text(w->projectName),
                               Text(std::string(SeverityLabel(w->severity))), Text(w->title),
                               Text(w->amount ? WanText(*w->amount) : ""), Text(w->message)}});
    if (m.warnings.empty()) s.table.rows.push_back({{Label("本月无预警", 6)}});
    out.push_back(std::move(s));
  }
  for (PSection& section : out) UniformDecimals(section.table);
  return out;
}

std::vector<const GapProjectLine*> PrintedGapProjects(const ReportModel& m) {
  std::vector<const GapProjectLine*> out;
  for (const auto& g : m.gapProjects) out.push_back(&g);
  if (out.size() <= kListedInFull) return out;
  std::stable_sort(out.begin(), out.end(),
                   [](const GapProjectLine* a, const GapProjectLine* b) { return b->totalUncovered < a->totalUncovered; });
  out.resize(kTopListed);
  return out;
}

std::vector<const WarningLine*> PrintedWarnings(const ReportModel& m) {
  std::vector<const WarningLine*> out;
  for (const auto& w : m.warnings) out.push_back(&w);
  if (out.size() <= kListedInFull) return out;
  auto larger = [](const WarningLine* a, const WarningLine* b) {
    Money x = a->amount.value_or(Money()), y = b->amount.value_or(Money());
    if (x != y) return y < x;
    return a->severity < b->severity;
  };
  std::stable_sort(out.begin(), out.end(), larger);
  out.resize(kTopListed);
  return out;
}

std::string FooterSignatures(const ReportHeader& h) {
  auto name = [](const std::string& s) { return s.empty() ? std::string("　　　　　") : s; };
  return "填报人：" + name(h.preparer) + "　　审核人：" + name(h.reviewer) + "　　负责人：" +
         name(h.approver) + "　　填报日期：" + FormatDateChinese(h.reportDate) +
         (h.checkCode.empty() ? std::string("　　（未定稿）") : "　　校验码：" + h.checkCode);
}

PTable RollupTable(const RollupModel& rollup) {
  PTable t;
  t.cols = {Mid("序号"),           Mid("行政区划\n代码", "", 4), Mid("县（区）", "", 5),
            Num("项目数\n（个）"), Num("概算\n总投资"),         Num("已下达\n资金"),
            Num("累计\n到位"),     Num("累计\n拨付"),           Num("资金\n缺口"),
            Num("年度计划\n投资"), Num("本年完成\n投资"),       Num("累计完成\n投资"),
            Num("开工率", "四率（%）"), Num("按期\n完工率", "四率（%）"), Num("投资\n完成率", "四率（%）"),
            Num("资金\n到位率", "四率（%）")};
  auto cells = [](std::string no, const RollupLine& l) {
    const Totals& x = l.totals;
    return std::vector<PCell>{Text(std::move(no)),     Text(l.code),          Text(l.name),
                              Text(std::to_string(x.projects)), Wan(x.budget), Wan(x.committed),
                              Wan(x.received),          Wan(x.paid),           Wan(x.gap),
                              Wan(x.annualPlan),        Wan(x.ytdInvested),    Wan(x.invested),
                              Text(PercentText(l.kpis.startRate)), Text(PercentText(l.kpis.onTimeRate)),
                              Text(PercentText(l.kpis.investmentRate)), Text(PercentText(l.kpis.fundsReceivedRate))};
  };
  int n = 0;
  for (const auto& l : rollup.counties) t.rows.push_back({cells(std::to_string(++n), l)});
  PRow total{cells("", rollup.total)};
  total.bold = true;
  t.rows.push_back(std::move(total));
  return t;
}

std::vector<std::string> RollupCsvColumns() {
  return {"county_code", "county", "projects", "budget", "committed", "received", "paid", "gap",
          "annual_plan", "ytd_invested", "invested", "start_rate", "on_time_rate", "investment_rate",
          "funds_received_rate"};
}

}  // namespace sb::report

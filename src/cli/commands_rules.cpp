// gaps, warnings: the funding gaps and the rules engine on the command line.
#include <algorithm>
#include <array>
#include <set>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "core/error.h"
#include "core/gaps.h"
#include "core/rules.h"
#include "core/text.h"
#include "storage/repository.h"

namespace sb::cli {

namespace {

/// Tables only: an amount that is zero shows as "-", so the gaps stand out.
Cell GapCell(Money m) {
  Cell c = MoneyCell(m);
  if (m.IsZero()) c.human = "-";
  return c;
}

Cell BlankCell() { return {"", "", Cell::Kind::Text}; }
/// A cell of a table for people only: the text once (a table for people shows `human`).
Cell PeopleCell(std::string text) { return {"", std::move(text), Cell::Kind::Text}; }

/// WriteTable for people, tidied: no trailing spaces (blank cells at the end of a row),
/// and the rule under a last, left-aligned column of long sentences is only as long as
/// its header instead of the longest sentence (which would wrap in any terminal).
// The table's text a line at a time on its way out, tidied as WritePeopleTable says.
class TidyLines : public std::streambuf {
 public:
  TidyLines(std::ostream& out, bool cutRule) : out_(out), cutRule_(cutRule) {}
  ~TidyLines() override {
    if (!line_.empty()) Emit();
  }

 protected:
  int_type overflow(int_type c) override {
    if (c == traits_type::eof()) return traits_type::not_eof(c);
    if (c == '\n')
      Emit();
    else
      line_ += static_cast<char>(c);
    return c;
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    std::string_view rest(s, static_cast<size_t>(n));
    for (size_t end; (end = rest.find('\n')) != std::string_view::npos; rest.remove_prefix(end + 1)) {
      line_.append(rest.substr(0, end));
      Emit();
    }
    line_.append(rest);
    return n;
  }

 private:
  void Emit() {
    std::string_view line = line_;
    line = line.substr(0, line.find_last_not_of(' ') + 1);
    if (n_ == 0) headerWidth_ = DisplayWidth(line);
    if (n_ == 1 && cutRule_) line = line.substr(0, std::min(line.size(), headerWidth_));
    out_ << line << "\n";
    line_.clear();
    ++n_;
  }
  std::ostream& out_;
  bool cutRule_;
  std::string line_;
  size_t headerWidth_ = 0;
  int n_ = 0;
};

void WritePeopleTable(std::ostream& out, const std::vector<Column>& columns, const RowSource& rows) {
  TidyLines tidy(out, !columns.empty() && !columns.back().right);
  std::ostream text(&tidy);
  WriteTable(text, Format::Table, columns, rows);
}

void WritePeopleTable(std::ostream& out, const std::vector<Column>& columns, const std::vector<Row>& rows) {
  WritePeopleTable(out, columns, [&](const RowVisitor& visit) {
    for (const auto& r : rows) visit(r);
  });
}

GapBasis BasisOption(const Invocation& inv) {
  std::string text = inv.args.Get("basis", "committed");
  if (auto b = ParseGapBasis(text)) return *b;
  Fail(ErrorCode::InvalidInput,
       "--basis 只能是 committed（按已下达资金）或 received（按已到位资金），不能是“" + text + "”");
}

void WriteGapSummary(std::ostream& out, const GapSummary& summary) {
  const std::string funds = std::string(GapBasisLabel(summary.basis));
  const GapTotals& county = summary.county;

  out << "\n全县按费用类别汇总：\n";
  std::vector<Column> catCols = {{"category", "费用类别"},
                                 {"budget", "概算(万元)", true},
                                 {"covered", "已落实资金(万元)", true},
                                 {"uncovered", "资金缺口(万元)", true}};
  std::vector<Row> catRows;
  Money budget, covered, uncovered;
  for (size_t i = 0; i < kCostCategoryCount; ++i) {
    if (county.budgetByCategory[i].IsZero() && county.coveredByCategory[i].IsZero() &&
        county.uncoveredByCategory[i].IsZero())
      continue;
    catRows.push_back({TextCell(std::string(Name(EnumAt<CostCategory>(i)))),
                       MoneyCell(county.budgetByCategory[i]), MoneyCell(county.coveredByCategory[i]),
                       GapCell(county.uncoveredByCategory[i])});
    budget += county.budgetByCategory[i];
    covered += county.coveredByCategory[i];
    uncovered += county.uncoveredByCategory[i];
  }
  catRows.push_back({TextCell("合计"), MoneyCell(budget), MoneyCell(covered), GapCell(uncovered)});
  WritePeopleTable(out, catCols, catRows);

  out << "\n按乡镇汇总：\n";
  std::vector<Column> townCols = {{"township", "乡镇"},
                                  {"projects", "项目数", true},
                                  {"with_gap", "有资金缺口", true},
                                  {"budget", "概算(万元)", true},
                                  {"funds", funds + "(万元)", true},
                                  {"shortfall", "资金缺口(万元)", true},
                                  {"uncovered", "资金缺口(万元)", true}};
  auto totalsRow = [](const std::string& name, const GapTotals& t) -> Row {
    return {TextCell(name),         IntCell(t.projects),  IntCell(t.projectsWithGap),
            MoneyCell(t.budget),    MoneyCell(t.funds),   GapCell(t.shortfall),
            GapCell(t.uncovered)};
  };
  std::vector<Row> townRows;
  for (const auto& t : summary.townships) townRows.push_back(totalsRow(t.township, t.totals));
  townRows.push_back(totalsRow("全县", county));
  WritePeopleTable(out, townCols, townRows);

  out << "\n全县 " << county.projects << " 个项目，概算 " << county.budget.FormatWan(2, 4)
      << " 万元，" << funds << " " << county.funds.FormatWan(2, 4) << " 万元；资金缺口 "
      << county.shortfall.FormatWan(2, 4) << " 万元";
  if (!county.surplus.IsZero())
    out << "（另有 " << county.surplus.FormatWan(2, 4) << " 万元超出概算，不能调剂给别的项目）";
  out << "；按费用类别无可用来源的资金缺口 " << county.uncovered.FormatWan(2, 4) << " 万元，涉及 "
      << county.projectsWithGap << " 个项目。\n"
      << "资金缺口 = 概算 − " << funds << "资金；分类缺口 = 某类费用没有任何可用于该类的"
      << "资金来源能够支付的部分（总额够也可能有，例如专项资金不能用于征地）。\n";
}

int Gaps(Invocation& inv) {
  Format format = inv.format();
  GapBasis basis = BasisOption(inv);
  std::vector<ProjectGap> gaps = ComputeGaps(storage::LoadFundingPortfolio(*inv.db), basis);

  if (format != Format::Table) {
    std::vector<Column> cols = {{"project", "项目编号"},
                                {"category", "费用类别"},
                                {"budget", "概算", true},
                                {"covered", "已落实资金", true},
                                {"uncovered", "资金缺口", true}};
    std::vector<Row> rows;
    for (const auto& g : gaps)
      for (const auto& c : g.categories)
        rows.push_back({TextCell(g.projectCode), TextCell(std::string(Name(c.category))),
                        MoneyCell(c.budget), MoneyCell(c.covered), MoneyCell(c.uncovered)});
    WriteTable(inv.out, format, cols, rows);
    return kExitOk;
  }

  // For people: the project's code and name on its first row, then a subtotal row with
  // the total gap (budget − funds), which can be zero while a category is uncovered.
  const std::string funds = std::string(GapBasisLabel(basis));
  inv.out << "资金缺口（按" << funds << "资金计算，金额单位万元）\n\n";
  std::vector<Column> cols = {{"project", "项目编号"},
                              {"name", "项目名称"},
                              {"category", "费用类别"},
                              {"budget", "概算(万元)", true},
                              {"covered", "已落实资金(万元)", true},
                              {"uncovered", "资金缺口(万元)", true},
                              {"funds", funds + "(万元)", true},
                              {"gap", "资金缺口(万元)", true}};
  std::vector<Row> rows;
  for (const auto& g : gaps) {
    bool first = true;
    for (const auto& c : g.categories) {
      rows.push_back({first ? TextCell(g.projectCode) : BlankCell(),
                      first ? TextCell(g.projectName) : BlankCell(),
                      TextCell(std::string(Name(c.category))), MoneyCell(c.budget),
                      MoneyCell(c.covered), GapCell(c.uncovered), BlankCell(), BlankCell()});
      first = false;
    }
    Money covered;
    for (const auto& c : g.categories) covered += c.covered;
    Cell gapCell = GapCell(g.totalGap);
    if (g.totalGap.IsNegative()) gapCell.human = "结余 " + (-g.totalGap).FormatWan(2, 4);
    rows.push_back({first ? TextCell(g.projectCode) : BlankCell(),
                    first ? TextCell(g.projectName) : BlankCell(), TextCell("小计"),
                    MoneyCell(g.budget), MoneyCell(covered), GapCell(g.uncovered),
                    MoneyCell(g.funds), gapCell});
  }
  WritePeopleTable(inv.out, cols, rows);
  WriteGapSummary(inv.out, SummarizeGaps(gaps));
  return kExitOk;
}

Date AsOfOption(const Invocation& inv) {
  if (!inv.args.Has("as-of")) return Today();
  try {
    return ParseDate(inv.args.Get("as-of"));
  } catch (const Error& e) {
    Fail(ErrorCode::InvalidInput, "--as-of 的日期不对：" + e.detail());
  }
}

int Warnings(Invocation& inv) {
  Format format = inv.format();
  Date asOf = AsOfOption(inv);
  inv.session->SetToday(asOf);
  const std::vector<Finding>& findings = inv.session->analysis().findings;

  if (format != Format::Table) {
    std::vector<Column> cols = {{"project", "项目编号"}, {"code", "代码"},
                                {"severity", "级别"},    {"amount", "金额", true},
                                {"message", "说明"},     {"rule", "依据"}};
    WriteTable(inv.out, format, cols, [&](const RowVisitor& visit) {
      for (const auto& f : findings)
        visit({TextCell(f.projectCode), TextCell(f.code), TextCell(std::string(SeverityName(f.severity))),
               f.amount ? MoneyCell(*f.amount) : Cell{"", "", Cell::Kind::Null}, TextCell(f.message),
               TextCell(f.rule)});
    });
    return kExitOk;
  }

  inv.out << "预警（截至 " << FormatDateChinese(asOf) << "）\n\n";
  std::vector<Column> cols = {{"project", "项目编号"},
                              {"severity", "级别"},
                              {"title", "预警"},
                              {"amount", "金额(万元)", true},
                              {"message", "说明"}};
  std::array<int, 3> count{};
  std::set<std::string> projects;
  for (const auto& f : findings) {
    ++count[static_cast<size_t>(f.severity)];
    projects.insert(f.projectCode);
  }
  if (findings.empty()) {
    inv.out << "没有预警。\n";
    return kExitOk;
  }
  // Each row made as it is written (twice: the widths, then the text), not held.
  WritePeopleTable(inv.out, cols, [&](const RowVisitor& visit) {
    for (const auto& f : findings)
      visit({PeopleCell(f.projectCode), PeopleCell(std::string(SeverityLabel(f.severity))), PeopleCell(f.title),
             f.amount ? MoneyCell(*f.amount) : BlankCell(), PeopleCell(f.message)});
  });
  inv.out << "\n共 " << findings.size() << " 条预警，涉及 " << projects.size() << " 个项目：";
  for (Severity s : {Severity::Error, Severity::Warning, Severity::Notice})
    inv.out << (s == Severity::Error ? "" : "，") << SeverityLabel(s) << " "
            << count[static_cast<size_t>(s)] << " 条";
  inv.out << "。各条所依据的规定见 --format csv 的 rule 列。\n";
  return kExitOk;
}

// The codes from the registry (core/rules.h), one line each.
std::string RuleCodesHelp() {
  std::string s = "预警代码（共 " + std::to_string(RuleCatalog().size()) + " 个）：\n";
  for (const auto& r : RuleCatalog())
    s += "  " + std::string(r.code) + "  " + std::string(r.title) + "（" +
         std::string(SeverityLabel(r.severity)) + "）：" + std::string(r.when) + "。依据：" +
         std::string(r.basis) + "\n";
  return s;
}

}  // namespace

void AddRuleCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"gaps", "资金缺口：每个项目每类费用有多少没有可用资金来源能够支付",
       "gaps [--basis committed|received] [--format table|csv|json]",
       "按各资金来源可支付的费用类别，把资金精确分配到各类费用（使缺口最少），列出每个项目"
       "每类费用的概算、已落实资金和资金缺口。总额够也可能有分类缺口：例如中央专项不能用于征地。\n"
       "table 格式（给人看）：金额单位万元，每个项目后有小计（含资金缺口 = 概算 − 资金），"
       "表后是全县按费用类别和按乡镇的汇总。\n"
       "csv/json 列：project,category,budget,covered,uncovered（项目编号、费用类别、概算、"
       "已落实资金、资金缺口），每个项目每类费用一行；金额单位元，两位小数，无千位分隔符。",
       {{"basis", true, "资金口径：committed（默认，已下达）或 received（已到位）"}, FormatOption()},
       0, 0, DbUse::MustExist, Gaps});
  commands.push_back(
      {"warnings", "预警：资金缺口、违规拨付、超概算超合同、无证施工、进度滞后等",
       "warnings [--as-of 日期] [--format table|csv|json]",
       "对全部项目逐条检查规则（阈值取自数据库中的县级设置），每条预警一行。\n"
       "table 格式（给人看）列：项目编号、级别、预警、金额(万元)、说明，表后按级别计数。\n"
       "csv/json 列：project,code,severity,amount,message,rule（项目编号；预警代码，如 "
       "FUNDING_GAP、CATEGORY_GAP；级别 error/warning/notice；涉及金额，元，两位小数，没有则为空；"
       "说明；所依据的规定或县级设置），每条预警一行。\n\n" + RuleCodesHelp(),
       {{"as-of", true, "按哪一天检查（默认今天），如 2026-11-23、2026/11/23、2026年11月23日"},
        FormatOption()},
       0, 0, DbUse::MustExist, Warnings});
}

}  // namespace sb::cli

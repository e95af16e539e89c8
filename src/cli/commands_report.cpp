// report, close-month, reopen-month, closings: the monthly report from the command line.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "report/draw.h"
#include "report/export.h"
#include "report/layout.h"
#include "app/report_service.h"
#include "report/present.h"
#include "storage/report_repository.h"
#include "storage/repository.h"

namespace sb::cli {

namespace {

int Usage(Invocation& inv, const std::string& message, const char* usage) {
  inv.err << "错误：" << message << "\n用法：schoolbuild-cli " << usage << "\n";
  return kExitUsage;
}

YearMonth MonthArg(const std::string& text) {
  try {
    return YearMonth::Parse(text);
  } catch (const Error&) {
    Fail(ErrorCode::InvalidInput, "月份“" + text + "”写得不对，应为 YYYY-MM，如 2020-06");
  }
}

Date DateOption(const Invocation& inv) {
  return inv.args.Has("date") ? ParseDate(inv.args.Get("date")) : Today();
}

constexpr const char* kReportUsage =
    "report --month YYYY-MM [--group-by township|stage|category|source|programme|county] [--year YYYY] "
    "[--programme 批次] [--county 行政区划代码] [--format pdf|xlsx|csv|html] --out 文件 [--date YYYY-MM-DD]\n"
    "       report --rollup county [--month YYYY-MM] [--format pdf|xlsx|csv|table] [--out 文件] [--date YYYY-MM-DD]";

// 市级汇总: a line per county with the money and the 四率, the total last.
int Rollup(Invocation& inv) {
  if (inv.args.Get("rollup") != "county")
    return Usage(inv, "--rollup 只能是 county（按县（区）汇总），不能是“" + inv.args.Get("rollup") + "”", kReportUsage);
  const Date today = DateOption(inv);
  const YearMonth month = inv.args.Has("month") ? MonthArg(inv.args.Get("month")) : YearMonth::Of(today);
  std::string out = inv.args.Get("out");
  std::string formatText = inv.args.Get("format");
  if (formatText.empty() && !out.empty() && out != "-") {
    std::string ext = std::filesystem::path(out).extension().string();
    if (!ext.empty()) formatText = ext.substr(1);
  }
  if (formatText.empty()) formatText = "table";
  const bool toStdout = out.empty() || out == "-";
  report::RollupModel rollup = app::PrepareRollup(*inv.db, month, today);
  if (formatText == "table" || (formatText == "csv" && toStdout)) {
    if (!toStdout) return Usage(inv, "table 输出到屏幕，不用 --out", kReportUsage);
    if (formatText == "csv") {
      report::WriteRollupCsv(rollup, inv.out);
      return kExitOk;
    }
    std::vector<Column> cols = {{"code", "行政区划代码"},   {"county", "县（区）"},
                                {"projects", "项目数", true}, {"budget", "概算(万元)", true},
                                {"committed", "已下达(万元)", true}, {"received", "已到位(万元)", true},
                                {"paid", "已拨付(万元)", true}, {"gap", "资金缺口(万元)", true},
                                {"start", "开工率(%)", true}, {"on_time", "按期完工率(%)", true},
                                {"investment", "投资完成率(%)", true}, {"received_rate", "资金到位率(%)", true}};
    std::vector<Row> rows;
    auto add = [&](const report::RollupLine& l) {
      const report::Totals& t = l.totals;
      rows.push_back({TextCell(l.code), TextCell(l.name), TextCell(std::to_string(t.projects)), MoneyCell(t.budget),
                      MoneyCell(t.committed), MoneyCell(t.received), MoneyCell(t.paid), MoneyCell(t.gap),
                      TextCell(report::PercentText(l.kpis.startRate)), TextCell(report::PercentText(l.kpis.onTimeRate)),
                      TextCell(report::PercentText(l.kpis.investmentRate)),
                      TextCell(report::PercentText(l.kpis.fundsReceivedRate))});
    };
    for (const auto& l : rollup.counties) add(l);
    add(rollup.total);
    inv.out << rollup.Title() << "\n";
    WriteTable(inv.out, Format::Table, cols, rows);
    return kExitOk;
  }
  auto format = app::ParseFileFormat(formatText);
  if (!format || *format == app::FileFormat::Html)
    return Usage(inv, "市级汇总的 --format 只能是 pdf、xlsx、csv 或 table，不能是“" + formatText + "”", kReportUsage);
  if (toStdout) return Usage(inv, "pdf 和 xlsx 需要用 --out 指定文件", kReportUsage);
  app::WriteRollup(rollup, *format, out);
  inv.out << "已生成" << month.FormatChinese() << "市级汇总（" << rollup.counties.size() << " 个县（区），"
          << rollup.total.totals.projects << " 个项目）→ " << out << "\n";
  return kExitOk;
}

int Report(Invocation& inv) {
  if (inv.args.Has("rollup")) return Rollup(inv);
  if (!inv.args.Has("month")) return Usage(inv, "需要 --month", kReportUsage);
  YearMonth month = MonthArg(inv.args.Get("month"));
  report::GroupBy by = report::GroupBy::Township;
  if (inv.args.Has("group-by")) {
    auto g = report::ParseGroupBy(inv.args.Get("group-by"));
    if (!g) return Usage(inv, "--group-by 只能是 township、stage、category、source、programme 或 county", kReportUsage);
    by = *g;
  }
  report::ReportScope scope;
  if (inv.args.Has("year")) {
    const std::string y = inv.args.Get("year");
    if (y.size() != 4 || !std::all_of(y.begin(), y.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return Usage(inv, "--year 应为四位年份，如 2019，不能是“" + y + "”", kReportUsage);
    scope.year = std::stoi(y);
  }
  if (inv.args.Has("programme")) scope.programme = inv.args.Get("programme");
  if (inv.args.Has("county")) {
    const std::string code = inv.args.Get("county");
    const auto counties = storage::Counties(*inv.db);
    if (std::none_of(counties.begin(), counties.end(), [&](const County& c) { return c.code == code; }))
      Fail(ErrorCode::InvalidInput, "--county " + code + "：本数据库没有这个行政区划代码的县（区）（schoolbuild-cli county list 列出全部）");
    scope.county = code;
  }
  std::string out = inv.args.Get("out");
  std::string formatText = inv.args.Get("format");
  if (formatText.empty() && !out.empty() && out != "-") {
    std::string ext = std::filesystem::path(out).extension().string();
    if (!ext.empty()) formatText = ext.substr(1);
  }
  if (formatText.empty()) return Usage(inv, "需要 --format（或带扩展名的 --out 文件）", kReportUsage);
  auto format = app::ParseFileFormat(formatText);
  if (!format) return Usage(inv, "--format 只能是 pdf、xlsx、csv 或 html，不能是“" + formatText + "”", kReportUsage);
  bool toStdout = out.empty() || out == "-";
  if (toStdout && (*format == app::FileFormat::Pdf || *format == app::FileFormat::Xlsx))
    return Usage(inv, "pdf 和 xlsx 需要用 --out 指定文件", kReportUsage);

  app::PreparedReport r = app::PrepareReport(*inv.db, month, DateOption(inv), scope);
  if (toStdout) {
    if (*format == app::FileFormat::Csv) report::WriteCsv(r.model, inv.out);
    else report::WriteHtml(r.model, by, inv.out);
    return kExitOk;
  }
  std::string pages;
  if (*format == app::FileFormat::Pdf) {
    report::DocumentLayout doc = report::LayoutReport(r.model, by);
    app::WritePdfReport(doc, out);
    pages = "，共 " + std::to_string(doc.pages.size()) + " 页";
  } else {
    app::WriteReport(r.model, by, *format, out);
  }
  inv.out << "已生成" << month.FormatChinese() << (scope.All() ? std::string() : "（" + scope.Text() + "）")
          << "月报（" << r.model.rows.size() << " 个项目" << pages
          << (r.closed ? "，按 " + r.closedAt.substr(0, 10) + " 定稿时的快照" : std::string()) << "）→ " << out
          << "\n";
  return kExitOk;
}

int CloseMonthCmd(Invocation& inv) {
  YearMonth month = MonthArg(inv.args.positional[0]);
  report::ReportModel m = app::CloseMonth(*inv.session, month, DateOption(inv), inv.args.Get("by"));
  inv.out << "已定稿：" << month.FormatChinese() << "（" << m.rows.size() << " 个项目，" << m.warnings.size()
          << " 条预警；以后重印该月按此快照）\n";
  return kExitOk;
}

int ReopenMonthCmd(Invocation& inv) {
  YearMonth month = MonthArg(inv.args.positional[0]);
  if (!inv.args.Has("reason"))
    return Usage(inv, "重新打开必须用 --reason 写明原因", "reopen-month YYYY-MM --reason 原因");
  app::ReopenMonth(*inv.session, month, inv.args.Get("by"), inv.args.Get("reason"));
  inv.out << "已重新打开：" << month.FormatChinese() << "（原快照和原因已记录）\n";
  return kExitOk;
}

int Closings(Invocation& inv) {
  Format format = inv.format();
  std::vector<Column> cols = {{"month", "月份"}, {"action", "操作"}, {"at", "时间"},
                              {"by", "操作人"}, {"reason", "原因"}, {"closed", "当前已定稿"}};
  std::vector<Row> rows;
  auto closed = storage::MonthClosings(*inv.db);
  for (const auto& e : storage::MonthClosingEvents(*inv.db)) {
    bool isClosed = false;
    for (const auto& c : closed) isClosed |= c.month == e.month;
    bool human = format == Format::Table;
    std::string action = human ? (e.action == "close" ? "定稿" : "重新打开") : e.action;
    std::string now = human ? (isClosed ? "是" : "否") : (isClosed ? "true" : "false");
    Cell nowCell = human ? TextCell(now) : Cell{now, now, Cell::Kind::Number};
    rows.push_back({TextCell(e.month.Format()), TextCell(action), TextCell(e.at), TextCell(e.by),
                    TextCell(e.reason), nowCell});
  }
  WriteTable(inv.out, format, cols, rows);
  return kExitOk;
}

}  // namespace

void AddReportCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"report", "生成月报（PDF、Excel、CSV 或 HTML）", kReportUsage,
       "按月生成建设进度月报：每个项目一行，按乡镇/学段/建设类别/主要资金来源/项目批次分组小计和合计，"
       "附四率、分类统计（建设类别、建设类别×建设性质、学段及义务教育/非义务教育小计）、资金来源、资金缺口和预警。"
       "--year 只统计该年度的项目（项目批次以“2019年”开头的按批次年度，否则按计划开工年份），"
       "--programme 只统计该批次的项目；四率和各汇总表也只算这些项目。已定稿的月份按定稿时的快照重印，与当时完全相同。\n"
       "csv 供程序读取：每个项目一行、没有小计行，列名为英文（project,name,…,budget,committed,received,"
       "paid,gap,month_invested,invested,percent,schedule_percent,…,programme,schooling），金额单位元、两位小数。"
       "csv/html 不给 --out 时输出到标准输出。\n"
       "--county 只统计一个县（区）的项目（一个数据库有多个县时）。--rollup county 生成市级汇总：每个县（区）一行，"
       "列为项目数、概算总投资、已下达、累计到位、累计拨付、资金缺口、年度计划投资、本年完成投资、累计完成投资和四率"
       "（各县按其自己的项目计算），最后是合计行（金额为各县之和，四率按全部项目计算）；--month 默认本月，"
       "按当前数据计算到该月末；csv 列为 county_code,county,projects,budget,committed,received,paid,gap,"
       "annual_plan,ytd_invested,invested,start_rate,on_time_rate,investment_rate,funds_received_rate。",
       {{"month", true, "报表月份 YYYY-MM（必填）"},
        {"group-by", true,
         "分组：township（乡镇，默认）、stage（学段）、category（建设类别）、source（主要资金来源）、programme（项目批次）、"
         "county（县（区））"},
        {"year", true, "只统计该年度的项目 YYYY（批次年度，无批次年度的按计划开工年份）"},
        {"county", true, "只统计这个县（区）的项目（行政区划代码）；标题用该县的名称"},
        {"rollup", true, "county：市级汇总，每个县（区）一行（金额、四率）和合计行；格式 pdf、xlsx、csv 或 table"},
        {"programme", true, "只统计该项目批次的项目（如 2019年寄宿制学校建设）"},
        {"format", true, "pdf、xlsx、csv 或 html（默认按 --out 的扩展名）"},
        {"out", true, "输出文件"},
        {"date", true, "填报日期 YYYY-MM-DD（默认今天；已定稿月份用定稿时的日期）"}},
       0, 0, DbUse::MustExist, Report});
  commands.push_back({"close-month", "月报定稿：保存该月月报快照，以后重印不再变化",
                      "close-month YYYY-MM [--date YYYY-MM-DD] [--by 姓名]",
                      "把该月月报（全部数字、汇总和预警）保存为快照。定稿后补录属于该月的数据不会改变"
                      "该月的报表，而会在下一期月报中作为“定稿后补录”预警列出。",
                      {{"date", true, "填报日期（默认今天）"}, {"by", true, "操作人（默认当前系统用户）"}},
                      1, 1, DbUse::MustExist, CloseMonthCmd});
  commands.push_back({"reopen-month", "重新打开已定稿的月份（须写明原因，留有记录）",
                      "reopen-month YYYY-MM --reason 原因 [--by 姓名]",
                      "删除该月的定稿快照；原因、操作人、时间和被删除的快照都记入定稿记录。",
                      {{"reason", true, "重新打开的原因（必填）"}, {"by", true, "操作人（默认当前系统用户）"}},
                      1, 1, DbUse::MustExist, ReopenMonthCmd});
  commands.push_back({"closings", "列出定稿和重新打开的记录", "closings [--format table|csv|json]",
                      "csv/json 列：month,action,at,by,reason,closed。", {FormatOption()}, 0, 0,
                      DbUse::MustExist, Closings});
}

}  // namespace sb::cli

// CSV and HTML renderings of the report.
#include <fstream>

#include "core/error.h"
#include "core/text.h"
#include "report/export.h"
#include "report/present.h"

namespace sb::report {

namespace {

std::string Html(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\n': out += "<br>"; break;
      default: out += c;
    }
  }
  return out;
}

std::ofstream OpenOut(const std::string& path) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f) Fail(ErrorCode::Io, "无法写入文件 " + path);
  return f;
}

void Close(std::ofstream& f, const std::string& path) {
  f.close();
  if (!f) Fail(ErrorCode::Io, "写入文件 " + path + " 失败（磁盘已满或没有权限？）");
}

// A decimal-aligned number: the fraction sits in a fixed-width box (see the CSS).
std::string NumberCell(const std::string& text) {
  size_t dot = text.find('.');
  if (dot == std::string::npos)
    return "<span class=i>" + Html(text) + "</span><span class=f></span>";
  return "<span class=i>" + Html(text.substr(0, dot)) + "</span><span class=f>" + Html(text.substr(dot)) +
         "</span>";
}

void Table(std::ostream& out, const PTable& t) {
  out << "<table>\n<thead>\n";
  bool anyGroup = false;
  for (const auto& c : t.cols) anyGroup |= !c.group.empty();
  out << "<tr>";
  for (size_t c = 0; c < t.cols.size();) {
    const PColumn& col = t.cols[c];
    if (col.group.empty()) {
      out << "<th" << (anyGroup ? " rowspan=2" : "") << ">" << Html(col.title) << "</th>";
      ++c;
      continue;
    }
    size_t e = c;
    while (e + 1 < t.cols.size() && t.cols[e + 1].group == col.group) ++e;
    out << "<th colspan=" << (e - c + 1) << ">" << Html(col.group) << "</th>";
    c = e + 1;
  }
  out << "</tr>\n";
  if (anyGroup) {
    out << "<tr>";
    for (const auto& col : t.cols)
      if (!col.group.empty()) out << "<th>" << Html(col.title) << "</th>";
    out << "</tr>\n";
  }
  out << "</thead>\n<tbody>\n";
  for (const auto& r : t.rows) {
    out << (r.bold ? "<tr class=sum>" : "<tr>");
    size_t c = 0;
    for (const auto& cell : r.cells) {
      Align a = cell.align.value_or(t.cols[c].align);
      const char* cls = a == Align::Decimal ? "num" : a == Align::Center ? "mid" : "txt";
      out << "<td class=" << cls;
      if (cell.span > 1) out << " colspan=" << cell.span;
      out << ">" << (a == Align::Decimal ? NumberCell(cell.text) : Html(cell.text)) << "</td>";
      c += static_cast<size_t>(cell.span);
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

void WriteCsv(const ReportModel& m, std::ostream& out) {
  out << "project,name,school,township,stage,category,nature,status,floor_area,budget,central,provincial,"
         "municipal,county,bond,loan,other,committed,received,paid,gap,month_invested,invested,annual_plan,"
         "ytd_invested,annual_percent,percent,"
         "schedule_percent,procedures_done,procedures_required,planned_start,actual_start,planned_finish,"
         "actual_finish,main_source,problems,next_steps,programme,schooling\n";
  auto pct = [](const std::optional<Percent>& p) { return p ? p->Format() : std::string(); };
  for (const auto& r : m.rows) {
    std::vector<std::string> f = {r.code, r.name, r.school, r.township, std::string(Name(r.stage)),
                                  std::string(Name(r.category)), std::string(Name(r.nature)),
                                  std::string(Name(r.status)), FormatFixed(r.floorArea.centi(), 2),
                                  r.budget.FormatYuanPlain()};
    for (Money l : r.committedByLevel) f.push_back(l.FormatYuanPlain());
    for (Money x : {r.committed, r.received, r.paid, r.gap, r.monthInvested, r.invested})
      f.push_back(x.FormatYuanPlain());
    f.push_back(r.annualPlan ? r.annualPlan->FormatYuanPlain() : "");
    f.push_back(r.annualPlan ? r.ytdInvested.FormatYuanPlain() : "");
    f.push_back(r.annualPlan ? PercentText({r.ytdInvested.fen(), r.annualPlan->fen()}) : "");
    f.push_back(pct(r.percent));
    f.push_back(pct(r.schedulePercent));
    f.push_back(std::to_string(r.proceduresDone));
    f.push_back(std::to_string(r.proceduresRequired));
    for (const auto& d : {r.plannedStart, r.actualStart, r.plannedFinish, r.actualFinish})
      f.push_back(FormatDate(d));
    f.push_back(r.mainSource);
    f.push_back(r.problems);
    f.push_back(r.nextSteps);
    f.push_back(r.programme);
    f.push_back(std::string(SchoolingName(SchoolingOf(r.stage))));
    for (size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << CsvQuote(f[i]);
    out << "\n";
  }
}

void WriteRollupCsv(const RollupModel& rollup, std::ostream& out) {
  const auto columns = RollupCsvColumns();
  for (size_t i = 0; i < columns.size(); ++i) out << (i ? "," : "") << columns[i];
  out << "\n";
  auto rate = [](const Ratio& r) { return r.Tenths() ? PercentText(r) : std::string(); };
  auto line = [&](const RollupLine& l) {
    const Totals& x = l.totals;
    std::vector<std::string> f = {l.code, l.name, std::to_string(x.projects)};
    for (Money m : {x.budget, x.committed, x.received, x.paid, x.gap, x.annualPlan, x.ytdInvested, x.invested})
      f.push_back(m.FormatYuanPlain());
    for (const Ratio* r : {&l.kpis.startRate, &l.kpis.onTimeRate, &l.kpis.investmentRate, &l.kpis.fundsReceivedRate})
      f.push_back(rate(*r));
    for (size_t i = 0; i < f.size(); ++i) out << (i ? "," : "") << CsvQuote(f[i]);
    out << "\n";
  };
  for (const auto& l : rollup.counties) line(l);
  line(rollup.total);
}

void WriteRollupCsvFile(const RollupModel& rollup, const std::string& path) {
  auto f = OpenOut(path);
  WriteRollupCsv(rollup, f);
  Close(f, path);
}

void WriteCsvFile(const ReportModel& m, const std::string& path) {
  auto f = OpenOut(path);
  WriteCsv(m, f);
  Close(f, path);
}

void WriteHtml(const ReportModel& m, GroupBy by, std::ostream& out) {
  const ReportHeader& h = m.header;
  out << "<!DOCTYPE html>\n<html lang=zh-CN>\n<head>\n<meta charset=utf-8>\n<title>" << Html(h.Title())
      << "</title>\n<style>\n"
         "@page { size: A4 landscape; margin: 10mm; }\n"
         "body { font-family: 'WenQuanYi Micro Hei', 'Microsoft YaHei', sans-serif; font-size: 9pt; }\n"
         "h1 { font-size: 15pt; text-align: center; margin: 0 0 4pt; }\n"
         "h2 { font-size: 11pt; margin: 14pt 0 4pt; }\n"
         ".sub { display: flex; justify-content: space-between; margin-bottom: 3pt; }\n"
         "table { border-collapse: collapse; border: 1.2pt solid #000; }\n"
         "th, td { border: 0.5pt solid #000; padding: 1pt 3pt; vertical-align: middle; }\n"
         "th { font-weight: bold; text-align: center; }\n"
         "thead { display: table-header-group; }\n"
         "tr { page-break-inside: avoid; }\n"
         "td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }\n"
         "td.num .f { display: inline-block; width: 2.6em; text-align: left; }\n"
         "td.mid { text-align: center; }\n"
         "tr.sum td { font-weight: bold; }\n"
         ".note { margin: 0 0 4pt; }\n"
         ".foot { margin-top: 8pt; }\n"
         "</style>\n</head>\n<body>\n";
  out << "<h1>" << Html(h.Title()) << "</h1>\n";
  out << "<div class=sub><span>填报单位：" << Html(h.bureau) << "（盖章）</span><span>按"
      << Html(std::string(GroupByLabel(by))) << "分组　　单位：万元、㎡、%</span></div>\n";
  Table(out, MainTable(m, GroupRows(m, by)));
  for (const auto& s : SummarySections(m)) {
    out << "<h2>" << Html(s.heading) << "</h2>\n";
    if (!s.note.empty()) out << "<p class=note>" << Html(s.note) << "</p>\n";
    Table(out, s.table);
  }
  out << "<p class=foot>" << Html(FooterSignatures(h)) << "</p>\n</body>\n</html>\n";
}

void WriteHtmlFile(const ReportModel& m, GroupBy by, const std::string& path) {
  auto f = OpenOut(path);
  WriteHtml(m, by, f);
  Close(f, path);
}

}  // namespace sb::report

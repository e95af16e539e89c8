// The report as an Excel workbook (libxlsxwriter).
#include <xlsxwriter.h>

#include <algorithm>
#include <string>

#include "core/error.h"
#include "core/text.h"
#include "report/export.h"
#include "report/present.h"

namespace sb::report {

namespace {

// The one place money leaves exact integers: an Excel number cell is an IEEE double by
// definition. fen / 10^6 is the double nearest the exact 万元 amount; libxlsxwriter writes
// it with 16 significant digits (606.172798 may appear as 606.1727979999999 in the XML),
// and Excel shows and computes with 15, which is the exact amount for anything below
// 10^15 fen. The exact figures are in the PDF, the CSV and the stored snapshot.
double WanNumber(Money m) { return static_cast<double>(m.fen()) / 1e6; }
double RatioNumber(const Ratio& r) { return r.denominator == 0 ? 0.0 : static_cast<double>(r.numerator) / static_cast<double>(r.denominator); }

std::string Cell(lxw_row_t row, lxw_col_t col) {
  char buf[32];
  lxw_rowcol_to_cell(buf, row, col);
  return buf;
}
std::string Range(lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2) {
  char buf[64];
  lxw_rowcol_to_range(buf, r1, c1, r2, c2);
  return buf;
}

class Book {
 public:
  explicit Book(const std::string& path) : path_(path) {
    lxw_workbook_options opts{};
    opts.constant_memory = LXW_FALSE;
    wb_ = workbook_new_opt(path.c_str(), &opts);
    if (!wb_) Fail(ErrorCode::Io, "无法创建 Excel 文件 " + path);
    title = Fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 14);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    });
    plain = Fmt([](lxw_format*) {});
    right = Fmt([](lxw_format* f) { format_set_align(f, LXW_ALIGN_RIGHT); });
    section = Fmt([](lxw_format* f) {
      format_set_bold(f);
      format_set_font_size(f, 12);
    });
    header = Fmt([](lxw_format* f) {
      Bordered(f);
      format_set_bold(f);
      format_set_text_wrap(f);
      format_set_align(f, LXW_ALIGN_CENTER);
      format_set_bg_color(f, 0xF2F2F2);
    });
    for (int b = 0; b < 2; ++b) {
      auto bold = [b](lxw_format* f) {
        Bordered(f);
        if (b) format_set_bold(f);
      };
      text[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_text_wrap(f);
      });
      center[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_align(f, LXW_ALIGN_CENTER);
      });
      wan[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "#,##0.00##");
      });
      area[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "#,##0.##");
      });
      count[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "0");
        format_set_align(f, LXW_ALIGN_CENTER);
      });
      pct[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "0.0");
      });
      rate[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "0.0%");
      });
      date[b] = Fmt([&](lxw_format* f) {
        bold(f);
        format_set_num_format(f, "yyyy-mm-dd");
        format_set_align(f, LXW_ALIGN_CENTER);
      });
    }
  }
  ~Book() {
    if (wb_) workbook_close(wb_);  // only after an exception: the file is incomplete anyway
  }

  /// Every printed page of every sheet: A4 landscape, as wide as the page (as many pages
  /// down as it takes), the 填报人/审核人/负责人/填报日期 line and 第 n 页 共 m 页 in the
  /// footer, as the PDF has them.
  lxw_worksheet* Sheet(const char* name) {
    lxw_worksheet* ws = workbook_add_worksheet(wb_, name);
    if (!ws) Fail(ErrorCode::Io, std::string("无法在 Excel 文件中添加工作表 ") + name);
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.7);
    worksheet_set_footer(ws, footer_.c_str());
    return ws;
  }
  void SetFooter(const std::string& signatures) {
    std::string escaped;
    for (char c : signatures) escaped += c == '&' ? std::string("&&") : std::string(1, c);
    footer_ = "&L&9" + escaped + "&R&9第 &P 页 共 &N 页";
    if (footer_.size() > 250) footer_ = "&R&9第 &P 页 共 &N 页";  // Excel's limit is 255 characters
  }

  void Close() {
    lxw_error e = workbook_close(wb_);
    wb_ = nullptr;
    if (e != LXW_NO_ERROR)
      Fail(ErrorCode::Io, "写入 Excel 文件 " + path_ + " 失败：" + lxw_strerror(e));
  }

  /// Every 万元 cell with `decimals` decimals (2–4): the most any amount of the report
  /// needs to be exact, so that each column shows one number of decimals, aligned.
  void SetWanDecimals(int decimals) {
    std::string format = "#,##0." + std::string(static_cast<size_t>(decimals), '0');
    for (int b = 0; b < 2; ++b)
      wan[b] = Fmt([&](lxw_format* f) {
        Bordered(f);
        if (b) format_set_bold(f);
        format_set_num_format(f, format.c_str());
      });
  }

  lxw_format *title, *plain, *right, *section, *header;
  lxw_format *text[2], *center[2], *wan[2], *area[2], *count[2], *pct[2], *rate[2], *date[2];

 private:
  static void Bordered(lxw_format* f) {
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
  }
  template <class F> lxw_format* Fmt(F setup) {
    lxw_format* f = workbook_add_format(wb_);
    format_set_font_name(f, "宋体");
    format_set_font_size(f, 10);
    setup(f);
    return f;
  }

  std::string path_;
  std::string footer_ = "&R&9第 &P 页 共 &N 页";
  lxw_workbook* wb_ = nullptr;
};

void Str(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
  if (s.empty()) worksheet_write_blank(ws, r, c, f);
  else worksheet_write_string(ws, r, c, s.c_str(), f);
}
void Wan(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, Money m, lxw_format* f) {
  worksheet_write_number(ws, r, c, WanNumber(m), f);
}
void Int(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, int64_t v, lxw_format* f) {
  worksheet_write_number(ws, r, c, static_cast<double>(v), f);
}
void DateCell(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::optional<Date>& d, lxw_format* f,
              lxw_format* blank) {
  if (!d) {
    worksheet_write_blank(ws, r, c, blank);
    return;
  }
  lxw_datetime dt{static_cast<int>(d->year()), static_cast<int>(d->month()), static_cast<int>(d->day()), 0, 0, 0};
  worksheet_write_datetime(ws, r, c, &dt, f);
}
void Formula(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& formula, double value,
             lxw_format* f) {
  worksheet_write_formula_num(ws, r, c, formula.c_str(), f, value);
}
// Excel does not grow a row for wrapped text it did not lay out itself: the row gets the
// height of its longest wrapped cell (about one line per column width of text).
void FitRowHeight(lxw_worksheet* ws, lxw_row_t r, std::initializer_list<std::pair<double, std::string_view>> cells) {
  size_t lines = 1;
  for (const auto& [width, text] : cells) {
    size_t perLine = width > 2 ? static_cast<size_t>(width) - 1 : 1;
    size_t n = 0;
    std::string_view rest = text;
    while (!rest.empty()) {  // a line break in the text starts a new line
      size_t nl = rest.find('\n');
      std::string_view part = rest.substr(0, nl);
      n += std::max<size_t>(1, (DisplayWidth(part) + perLine - 1) / perLine);
      if (nl == std::string_view::npos) break;
      rest.remove_prefix(nl + 1);
    }
    lines = std::max(lines, n);
  }
  if (lines > 1) worksheet_set_row(ws, r, 13.5 * static_cast<double>(std::min<size_t>(lines, 30)), nullptr);
}

// A header row of single-level titles.
void Header(Book& b, lxw_worksheet* ws, lxw_row_t r, const std::vector<std::string>& titles) {
  for (size_t c = 0; c < titles.size(); ++c)
    worksheet_write_string(ws, r, static_cast<lxw_col_t>(c), titles[c].c_str(), b.header);
}

// ---- 月报 -------------------------------------------------------------------------
enum Col : lxw_col_t {
  kNo, kCode, kName, kSchool, kTownship, kStage, kCategory, kNature, kArea, kBudget,
  kLevel0,  // seven source levels
  kCommitted = kLevel0 + kLevelCount, kReceived, kPaid, kGap, kMonth, kInvested, kPercent, kSchedule,
  kProcedures, kPlannedStart, kActualStart, kPlannedFinish, kActualFinish, kStatus, kMainSource,
  kProblems, kNextSteps, kColCount
};

void MainSheet(Book& b, const ReportModel& m, GroupBy by) {
  lxw_worksheet* ws = b.Sheet("月报");
  const lxw_col_t last = kColCount - 1;
  worksheet_set_row(ws, 0, 28, nullptr);
  worksheet_merge_range(ws, 0, 0, 0, last, m.header.Title().c_str(), b.title);
  worksheet_merge_range(ws, 1, 0, 1, kNature, ("填报单位：" + m.header.bureau + "（盖章）").c_str(), b.plain);
  worksheet_merge_range(ws, 1, kPercent, 1, last,
                        ("按" + std::string(GroupByLabel(by)) + "分组　　单位：万元、㎡、%").c_str(), b.right);

  struct H { lxw_col_t col; const char* title; double width; };
  const H singles[] = {{kNo, "序号", 5},           {kCode, "项目编号", 11},      {kName, "项目名称", 26},
                       {kSchool, "建设单位", 14},  {kTownship, "乡镇", 9},       {kStage, "学段", 9},
                       {kCategory, "建设类别", 10}, {kNature, "建设性质", 8},    {kArea, "建设规模（㎡）", 11},
                       {kBudget, "概算总投资", 12}, {kReceived, "累计到位资金", 12}, {kPaid, "累计拨付资金", 12},
                       {kGap, "资金缺口", 12},      {kPercent, "形象进度（%）", 9}, {kSchedule, "序时进度（%）", 9},
                       {kProcedures, "前期手续", 8}, {kStatus, "项目状态", 8},   {kMainSource, "主要资金来源", 18},
                       {kProblems, "存在问题", 30}, {kNextSteps, "下步计划", 30}};
  for (const auto& h : singles) {
    worksheet_merge_range(ws, 2, h.col, 3, h.col, h.title, b.header);
    worksheet_set_column(ws, h.col, h.col, h.width, nullptr);
  }
  worksheet_merge_range(ws, 2, kLevel0, 2, kCommitted, "资金来源（已下达）", b.header);
  for (size_t i = 0; i < kLevelCount; ++i)
    worksheet_write_string(ws, 3, static_cast<lxw_col_t>(kLevel0 + i), EnumInfo<SourceLevel>::names[i], b.header);
  worksheet_write_string(ws, 3, kCommitted, "合计", b.header);
  worksheet_set_column(ws, kLevel0, kCommitted, 11, nullptr);
  worksheet_merge_range(ws, 2, kMonth, 2, kInvested, "完成投资", b.header);
  worksheet_write_string(ws, 3, kMonth, "本月", b.header);
  worksheet_write_string(ws, 3, kInvested, "累计", b.header);
  worksheet_set_column(ws, kMonth, kInvested, 12, nullptr);
  worksheet_merge_range(ws, 2, kPlannedStart, 2, kActualStart, "开工时间", b.header);
  worksheet_merge_range(ws, 2, kPlannedFinish, 2, kActualFinish, "竣工时间", b.header);
  for (lxw_col_t c : {kPlannedStart, kPlannedFinish}) worksheet_write_string(ws, 3, c, "计划", b.header);
  for (lxw_col_t c : {kActualStart, kActualFinish}) worksheet_write_string(ws, 3, c, "实际", b.header);
  worksheet_set_column(ws, kPlannedStart, kActualFinish, 11, nullptr);
  worksheet_freeze_panes(ws, 4, kName + 1);
  worksheet_repeat_rows(ws, 2, 3);
  worksheet_fit_to_pages(ws, 1, 0);

  // Subtotal/total rows: SUBTOTAL(9, …) over the project rows (SUBTOTAL skips nested
  // SUBTOTAL cells, so the total over every data row is not double-counted), stored with
  // the value computed here.
  auto sums = [&](lxw_row_t r, lxw_row_t first, lxw_row_t lastRow, const Totals& t, const std::string& label) {
    worksheet_merge_range(ws, r, kNo, r, kNature, label.c_str(), b.text[1]);
    auto f = [&](lxw_col_t c, double v, lxw_format* fmt) {
      if (lastRow < first) worksheet_write_number(ws, r, c, v, fmt);
      else Formula(ws, r, c, "=SUBTOTAL(9," + Range(first, c, lastRow, c) + ")", v, fmt);
    };
    f(kArea, static_cast<double>(t.floorAreaCenti) / 100, b.area[1]);
    f(kBudget, WanNumber(t.budget), b.wan[1]);
    for (size_t i = 0; i < kLevelCount; ++i)
      f(static_cast<lxw_col_t>(kLevel0 + i), WanNumber(t.committedByLevel[i]), b.wan[1]);
    f(kCommitted, WanNumber(t.committed), b.wan[1]);
    f(kReceived, WanNumber(t.received), b.wan[1]);
    f(kPaid, WanNumber(t.paid), b.wan[1]);
    f(kGap, WanNumber(t.gap), b.wan[1]);
    f(kMonth, WanNumber(t.monthInvested), b.wan[1]);
    f(kInvested, WanNumber(t.invested), b.wan[1]);
    for (lxw_col_t c = kPercent; c <= kNextSteps; ++c) worksheet_write_blank(ws, r, c, b.text[1]);
  };

  Grouping g = GroupRows(m, by);
  lxw_row_t r = 4;
  const lxw_row_t firstData = r;
  int n = 0;
  for (size_t gi = 0; gi < g.groups.size(); ++gi) {
    const Group& grp = g.groups[gi];
    lxw_row_t head = r++;
    sums(head, head + 1, head + static_cast<lxw_row_t>(grp.rows.size()), grp.totals,
         ChineseNumber(static_cast<int>(gi + 1)) + "、" + grp.label + "小计（" + std::to_string(grp.totals.projects) +
             "个）");
    for (size_t idx : grp.rows) {
      const ReportRow& x = m.rows[idx];
      Int(ws, r, kNo, ++n, b.count[0]);
      Str(ws, r, kCode, x.code, b.text[0]);
      Str(ws, r, kName, x.name, b.text[0]);
      Str(ws, r, kSchool, x.school, b.text[0]);
      Str(ws, r, kTownship, x.township, b.center[0]);
      Str(ws, r, kStage, std::string(Name(x.stage)), b.center[0]);
      Str(ws, r, kCategory, std::string(Name(x.category)), b.center[0]);
      Str(ws, r, kNature, std::string(Name(x.nature)), b.center[0]);
      worksheet_write_number(ws, r, kArea, static_cast<double>(x.floorArea.centi()) / 100, b.area[0]);
      Wan(ws, r, kBudget, x.budget, b.wan[0]);
      for (size_t i = 0; i < kLevelCount; ++i)
        Wan(ws, r, static_cast<lxw_col_t>(kLevel0 + i), x.committedByLevel[i], b.wan[0]);
      Wan(ws, r, kCommitted, x.committed, b.wan[0]);
      Wan(ws, r, kReceived, x.received, b.wan[0]);
      Wan(ws, r, kPaid, x.paid, b.wan[0]);
      Wan(ws, r, kGap, x.gap, b.wan[0]);
      Wan(ws, r, kMonth, x.monthInvested, b.wan[0]);
      Wan(ws, r, kInvested, x.invested, b.wan[0]);
      for (auto [c, p] : {std::pair{kPercent, x.percent}, std::pair{kSchedule, x.schedulePercent}}) {
        if (p) worksheet_write_number(ws, r, c, static_cast<double>(p->tenths()) / 10, b.pct[0]);
        else worksheet_write_blank(ws, r, c, b.pct[0]);
      }
      Str(ws, r, kProcedures, ProceduresText(x), b.center[0]);
      DateCell(ws, r, kPlannedStart, x.plannedStart, b.date[0], b.center[0]);
      DateCell(ws, r, kActualStart, x.actualStart, b.date[0], b.center[0]);
      DateCell(ws, r, kPlannedFinish, x.plannedFinish, b.date[0], b.center[0]);
      DateCell(ws, r, kActualFinish, x.actualFinish, b.date[0], b.center[0]);
      Str(ws, r, kStatus, std::string(Name(x.status)), b.center[0]);
      Str(ws, r, kMainSource, x.mainSource, b.text[0]);
      Str(ws, r, kProblems, x.problems, b.text[0]);
      Str(ws, r, kNextSteps, x.nextSteps, b.text[0]);
      FitRowHeight(ws, r, {{26, x.name}, {14, x.school}, {18, x.mainSource}, {30, x.problems}, {30, x.nextSteps}});
      ++r;
    }
  }
  sums(r, firstData, r - 1, g.total, "合计（" + std::to_string(g.total.projects) + "个）");
  // The signature line under the table, as on the printed page (and in every footer).
  worksheet_merge_range(ws, r + 2, 0, r + 2, last, FooterSignatures(m.header).c_str(), b.plain);
}

// ---- 汇总 -------------------------------------------------------------------------
void SummarySheet(Book& b, const ReportModel& m) {
  lxw_worksheet* ws = b.Sheet("汇总");
  worksheet_merge_range(ws, 0, 0, 0, 6, (m.header.Title() + "——汇总").c_str(), b.title);
  worksheet_set_column(ws, 0, 0, 14, nullptr);
  worksheet_set_column(ws, 1, 5, 14, nullptr);
  worksheet_set_column(ws, 6, 6, 60, nullptr);
  lxw_row_t r = 2;
  worksheet_write_string(ws, r++, 0, "一、主要指标（四率）", b.section);
  Header(b, ws, r++, {"指标", "比率", "分子", "分母", "单位", "计算", "口径"});
  int i = 0;
  for (const auto& k : KpiLines(m)) {
    bool money = i == 1 || i == 2;  // 投资完成率, 资金到位率 are amounts; the others counts
    ++i;
    Str(ws, r, 0, k.name, b.center[0]);
    if (k.ratio.denominator == 0) worksheet_write_blank(ws, r, 1, b.rate[0]);
    else Formula(ws, r, 1, "=" + Cell(r, 2) + "/" + Cell(r, 3), RatioNumber(k.ratio), b.rate[0]);
    if (money) {
      Wan(ws, r, 2, Money::FromFen(k.ratio.numerator), b.wan[0]);
      Wan(ws, r, 3, Money::FromFen(k.ratio.denominator), b.wan[0]);
    } else {
      Int(ws, r, 2, k.ratio.numerator, b.count[0]);
      Int(ws, r, 3, k.ratio.denominator, b.count[0]);
    }
    Str(ws, r, 4, money ? "万元" : "个", b.center[0]);
    Str(ws, r, 5, k.computation, b.text[0]);
    Str(ws, r, 6, k.definition, b.text[0]);
    ++r;
  }
  // A subtotal line (义务教育小计) is bold and holds its figures; the 合计 adds up the
  // other lines only.
  auto table = [&](const char* heading, const char* what, const std::vector<StageLine>& v) {
    ++r;
    worksheet_write_string(ws, r++, 0, heading, b.section);
    Header(b, ws, r++, {what, "项目数（个）", "概算总投资", "已下达资金", "累计完成投资", "本月完成投资"});
    CountAmount sum;
    std::vector<lxw_row_t> counted;
    for (const auto& l : v) {
      const CountAmount& c = l.figures;
      int bold = l.subtotal ? 1 : 0;
      Str(ws, r, 0, c.label, b.center[bold]);
      Int(ws, r, 1, c.projects, b.count[bold]);
      Wan(ws, r, 2, c.budget, b.wan[bold]);
      Wan(ws, r, 3, c.committed, b.wan[bold]);
      Wan(ws, r, 4, c.invested, b.wan[bold]);
      Wan(ws, r, 5, c.monthInvested, b.wan[bold]);
      if (!l.subtotal) {
        sum.Add(c);
        counted.push_back(r);
      }
      ++r;
    }
    auto total = [&](lxw_col_t c) {
      if (counted.empty()) return std::string("=0");
      std::string f = "=";
      for (size_t i = 0; i < counted.size(); ++i) f += (i ? "+" : "") + Cell(counted[i], c);
      return f;
    };
    Str(ws, r, 0, "合计", b.center[1]);
    Formula(ws, r, 1, total(1), sum.projects, b.count[1]);
    Money vals[] = {sum.budget, sum.committed, sum.invested, sum.monthInvested};
    for (lxw_col_t c = 2; c <= 5; ++c) Formula(ws, r, c, total(c), WanNumber(vals[c - 2]), b.wan[1]);
    ++r;
  };
  std::vector<StageLine> categories;
  for (const auto& c : m.byCategory) categories.push_back({c, false});
  table("二、按建设类别统计", "建设类别", categories);

  // 建设类别 × 建设性质: a count and a 概算 column per nature, then the row's total.
  ++r;
  worksheet_write_string(ws, r++, 0, "三、按建设类别和建设性质统计（项目数：个；概算：万元）", b.section);
  {
    std::vector<std::string> head = {"建设类别"};
    for (size_t n = 0; n < kNatureCount; ++n) {
      std::string nature(Name(EnumAt<Nature>(n)));
      head.push_back(nature + "项目数");
      head.push_back(nature + "概算");
    }
    head.push_back("合计项目数");
    head.push_back("合计概算");
    Header(b, ws, r++, head);
  }
  for (const auto& l : CategoryNatureTable(m)) {
    int bold = l.label == "合计" ? 1 : 0;
    Str(ws, r, 0, l.label, b.center[bold]);
    lxw_col_t c = 1;
    for (size_t n = 0; n < kNatureCount; ++n) {
      Int(ws, r, c++, l.projects[n], b.count[bold]);
      Wan(ws, r, c++, l.budget[n], b.wan[bold]);
    }
    Int(ws, r, c++, l.totalProjects, b.count[bold]);
    Wan(ws, r, c++, l.totalBudget, b.wan[bold]);
    ++r;
  }

  table("四、按学段统计（义务教育：小学、初中、九年一贯制；非义务教育：学前教育、高中、中职）", "学段", StageTable(m));
}

// ---- 资金来源 -----------------------------------------------------------------------
void SourceSheet(Book& b, const ReportModel& m) {
  lxw_worksheet* ws = b.Sheet("资金来源");
  worksheet_merge_range(ws, 0, 0, 0, 9, "资金来源及到位情况", b.title);
  worksheet_set_column(ws, 0, 0, 5, nullptr);
  worksheet_set_column(ws, 1, 1, 11, nullptr);
  worksheet_set_column(ws, 2, 2, 34, nullptr);
  worksheet_set_column(ws, 3, 4, 12, nullptr);
  worksheet_set_column(ws, 5, 9, 13, nullptr);
  lxw_row_t r = 2;
  Header(b, ws, r++, {"序号", "编号", "资金来源", "来源类型", "层级", "已下达", "已到位", "已拨付", "到位率", "拨付率"});
  worksheet_freeze_panes(ws, r, 0);
  lxw_row_t first = r;
  Money c, rc, p;
  auto rates = [&](lxw_row_t row, const SourceLine& l, int bold) {
    for (auto [col, num, den, ratio] :
         {std::tuple{lxw_col_t{8}, lxw_col_t{6}, lxw_col_t{5}, l.ReceivedRate()},
          std::tuple{lxw_col_t{9}, lxw_col_t{7}, lxw_col_t{6}, l.PaidRate()}}) {
      if (ratio.denominator == 0) worksheet_write_blank(ws, row, col, b.rate[bold]);
      else Formula(ws, row, col, "=" + Cell(row, num) + "/" + Cell(row, den), RatioNumber(ratio), b.rate[bold]);
    }
  };
  int i = 0;
  for (const auto& l : m.sources) {
    Int(ws, r, 0, ++i, b.count[0]);
    Str(ws, r, 1, l.code, b.text[0]);
    Str(ws, r, 2, l.name, b.text[0]);
    Str(ws, r, 3, l.kind, b.center[0]);
    Str(ws, r, 4, EnumInfo<SourceLevel>::names[static_cast<size_t>(l.level)], b.center[0]);
    Wan(ws, r, 5, l.committed, b.wan[0]);
    Wan(ws, r, 6, l.received, b.wan[0]);
    Wan(ws, r, 7, l.paid, b.wan[0]);
    rates(r, l, 0);
    c += l.committed;
    rc += l.received;
    p += l.paid;
    ++r;
  }
  worksheet_merge_range(ws, r, 0, r, 4, "合计", b.center[1]);
  Money vals[] = {c, rc, p};
  for (lxw_col_t col = 5; col <= 7; ++col) {
    if (r == first) Wan(ws, r, col, vals[col - 5], b.wan[1]);
    else Formula(ws, r, col, "=SUM(" + Range(first, col, r - 1, col) + ")", WanNumber(vals[col - 5]), b.wan[1]);
  }
  rates(r, SourceLine{"", "", "", SourceLevel::Other, c, rc, p}, 1);
}

// ---- 资金缺口 -----------------------------------------------------------------------
void GapSheet(Book& b, const ReportModel& m) {
  lxw_worksheet* ws = b.Sheet("资金缺口");
  const lxw_col_t lastCol = 2 + kCostCategoryCount + 1;
  worksheet_merge_range(ws, 0, 0, 0, lastCol, "资金缺口（按费用类别）", b.title);
  worksheet_set_column(ws, 0, 1, 12, nullptr);
  worksheet_set_column(ws, 2, 2, 28, nullptr);
  worksheet_set_column(ws, 3, lastCol, 13, nullptr);
  lxw_row_t r = 2;
  worksheet_write_string(ws, r++, 0, "一、按费用类别（已下达资金按可支付类别精确分配后仍无法覆盖的概算）", b.section);
  Header(b, ws, r++, {"费用类别", "概算", "已落实资金", "资金缺口", "有缺口项目（个）"});
  lxw_row_t first = r;
  Money sb, sc, su;
  for (const auto& g : m.gapCategories) {
    Str(ws, r, 0, std::string(Name(g.category)), b.center[0]);
    Wan(ws, r, 1, g.budget, b.wan[0]);
    Wan(ws, r, 2, g.covered, b.wan[0]);
    Wan(ws, r, 3, g.uncovered, b.wan[0]);
    Int(ws, r, 4, g.projectsWithGap, b.count[0]);
    sb += g.budget;
    sc += g.covered;
    su += g.uncovered;
    ++r;
  }
  Str(ws, r, 0, "合计", b.center[1]);
  Money vals[] = {sb, sc, su};
  for (lxw_col_t c = 1; c <= 3; ++c) {
    if (r == first) Wan(ws, r, c, vals[c - 1], b.wan[1]);
    else Formula(ws, r, c, "=SUM(" + Range(first, c, r - 1, c) + ")", WanNumber(vals[c - 1]), b.wan[1]);
  }
  Int(ws, r, 4, static_cast<int64_t>(m.gapProjects.size()), b.count[1]);
  r += 2;

  worksheet_write_string(ws, r++, 0, "二、有资金缺口的项目", b.section);
  std::vector<std::string> titles = {"序号", "项目编号", "项目名称"};
  for (size_t i = 0; i < kCostCategoryCount; ++i) titles.emplace_back(Name(EnumAt<CostCategory>(i)));
  titles.emplace_back("合计");
  Header(b, ws, r++, titles);
  first = r;
  CategoryAmounts sum{};
  Money total;
  int i = 0;
  for (const auto& g : m.gapProjects) {
    Int(ws, r, 0, ++i, b.count[0]);
    Str(ws, r, 1, g.code, b.text[0]);
    Str(ws, r, 2, g.name, b.text[0]);
    for (size_t c = 0; c < kCostCategoryCount; ++c) {
      Wan(ws, r, static_cast<lxw_col_t>(3 + c), g.uncovered[c], b.wan[0]);
      sum[c] += g.uncovered[c];
    }
    Wan(ws, r, lastCol, g.totalUncovered, b.wan[0]);
    total += g.totalUncovered;
    ++r;
  }
  worksheet_merge_range(ws, r, 0, r, 2, "合计", b.center[1]);
  for (lxw_col_t c = 3; c <= lastCol; ++c) {
    Money v = c == lastCol ? total : sum[c - 3];
    if (r == first) Wan(ws, r, c, v, b.wan[1]);
    else Formula(ws, r, c, "=SUM(" + Range(first, c, r - 1, c) + ")", WanNumber(v), b.wan[1]);
  }
}

// ---- 预警 ---------------------------------------------------------------------------
void WarningSheet(Book& b, const ReportModel& m) {
  lxw_worksheet* ws = b.Sheet("预警");
  worksheet_merge_range(ws, 0, 0, 0, 7, ("预警信息（" + std::to_string(m.warnings.size()) + "条）").c_str(), b.title);
  const double widths[] = {5, 11, 26, 6, 22, 14, 12, 70};
  for (lxw_col_t c = 0; c < 8; ++c) worksheet_set_column(ws, c, c, widths[c], nullptr);
  lxw_row_t r = 2;
  Header(b, ws, r++, {"序号", "项目编号", "项目名称", "级别", "代码", "预警类型", "涉及金额（万元）", "说明"});
  worksheet_freeze_panes(ws, r, 0);
  int i = 0;
  for (const auto& w : m.warnings) {
    Int(ws, r, 0, ++i, b.count[0]);
    Str(ws, r, 1, w.projectCode, b.text[0]);
    Str(ws, r, 2, w.projectName, b.text[0]);
    Str(ws, r, 3, std::string(SeverityLabel(w.severity)), b.center[0]);
    Str(ws, r, 4, w.code, b.text[0]);
    Str(ws, r, 5, w.title, b.text[0]);
    if (w.amount) Wan(ws, r, 6, *w.amount, b.wan[0]);
    else worksheet_write_blank(ws, r, 6, b.wan[0]);
    Str(ws, r, 7, w.message, b.text[0]);
    FitRowHeight(ws, r, {{26, w.projectName}, {14, w.title}, {70, w.message}});
    ++r;
  }
}

}  // namespace

void WriteRollupXlsx(const RollupModel& rollup, const std::string& path) {
  Book b(path);
  b.SetFooter(FooterSignatures(rollup.header));
  lxw_worksheet* ws = b.Sheet("市级汇总");
  const PTable t = RollupTable(rollup);
  const lxw_col_t last = static_cast<lxw_col_t>(t.cols.size() - 1);
  worksheet_merge_range(ws, 0, 0, 0, last, rollup.Title().c_str(), b.title);
  worksheet_write_string(ws, 1, 0, ("填报单位：" + rollup.header.bureau + "（盖章）").c_str(), b.plain);
  worksheet_write_string(ws, 1, last, "单位：万元、%", b.right);
  worksheet_set_column(ws, 0, 0, 6, nullptr);
  worksheet_set_column(ws, 1, 2, 12, nullptr);
  worksheet_set_column(ws, 3, last, 13, nullptr);
  // Two header rows: the 四率 share an upper cell, the others span both.
  for (lxw_col_t c = 0; c <= last; ++c) {
    std::string title = t.cols[c].title;
    std::replace(title.begin(), title.end(), '\n', ' ');
    title.erase(std::remove(title.begin(), title.end(), ' '), title.end());
    if (t.cols[c].group.empty()) worksheet_merge_range(ws, 2, c, 3, c, title.c_str(), b.header);
    else worksheet_write_string(ws, 3, c, title.c_str(), b.header);
  }
  const lxw_col_t firstRate = static_cast<lxw_col_t>(t.cols.size() - 4);
  worksheet_merge_range(ws, 2, firstRate, 2, last, t.cols[firstRate].group.c_str(), b.header);
  lxw_row_t r = 4;
  auto write = [&](const std::string& no, const RollupLine& l, int bold) {
    const Totals& x = l.totals;
    Str(ws, r, 0, no, b.center[bold]);
    Str(ws, r, 1, l.code, b.center[bold]);
    Str(ws, r, 2, l.name, b.text[bold]);
    Int(ws, r, 3, x.projects, b.count[bold]);
    lxw_col_t c = 4;
    for (Money m : {x.budget, x.committed, x.received, x.paid, x.gap, x.annualPlan, x.ytdInvested, x.invested})
      Wan(ws, r, c++, m, b.wan[bold]);
    for (const Ratio* q : {&l.kpis.startRate, &l.kpis.onTimeRate, &l.kpis.investmentRate, &l.kpis.fundsReceivedRate}) {
      if (q->denominator == 0) worksheet_write_blank(ws, r, c, b.rate[bold]);
      else worksheet_write_number(ws, r, c, RatioNumber(*q), b.rate[bold]);
      ++c;
    }
    ++r;
  };
  int n = 0;
  for (const auto& l : rollup.counties) write(std::to_string(++n), l, 0);
  write("", rollup.total, 1);
  worksheet_freeze_panes(ws, 4, 3);
  b.Close();
}

namespace {
// The decimals (2–4) the report's amounts need to be exact, as the printed tables show them.
int WanDecimals(const ReportModel& m) {
  size_t most = 2;
  auto see = [&](Money x) {
    std::string t = WanText(x);
    size_t dot = t.find('.');
    if (dot != std::string::npos) most = std::max(most, t.size() - dot - 1);
  };
  for (const ReportRow& r : m.rows) {
    for (Money x : {r.budget, r.committed, r.received, r.paid, r.gap, r.monthInvested, r.invested, r.ytdInvested})
      see(x);
    for (Money x : r.committedByLevel) see(x);
    if (r.annualPlan) see(*r.annualPlan);
  }
  for (const auto& l : m.byCategory) for (Money x : {l.budget, l.committed, l.invested, l.monthInvested}) see(x);
  for (const auto& l : m.byStage) for (Money x : {l.budget, l.committed, l.invested, l.monthInvested}) see(x);
  for (const auto& l : m.sources) for (Money x : {l.committed, l.received, l.paid, l.idle}) see(x);
  for (const auto& l : m.gapCategories) for (Money x : {l.budget, l.covered, l.uncovered}) see(x);
  for (const auto& l : m.gapProjects) {
    see(l.totalUncovered);
    for (Money x : l.uncovered) see(x);
  }
  for (const auto& w : m.warnings)
    if (w.amount) see(*w.amount);
  return static_cast<int>(std::min<size_t>(most, 4));
}
}  // namespace

void WriteXlsx(const ReportModel& model, GroupBy by, const std::string& path) {
  Book b(path);
  b.SetWanDecimals(WanDecimals(model));
  b.SetFooter(FooterSignatures(model.header));
  MainSheet(b, model, by);
  SummarySheet(b, model);
  SourceSheet(b, model);
  GapSheet(b, model);
  WarningSheet(b, model);
  b.Close();
}

}  // namespace sb::report

#include "report/layout.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "report/present.h"
#include "report/text_engine.h"

namespace sb::report {

namespace {

constexpr double kMargin = 28.35;  // 10 mm
constexpr double kTitleSize = 15;
constexpr double kSubSize = 8;
constexpr double kSectionSize = 10;
constexpr double kThin = 0.4;
constexpr double kThick = 0.9;
// Column headers in regular weight: bold is drawn as glyph outlines (the font has no bold
// face), which on every page of a long report would multiply the size of the PDF.
constexpr bool kHeaderBold = false;
const double kMainSizes[] = {7.5, 7, 6.5, 6, 5.5, 5};
const double kSummarySizes[] = {8, 7.5, 7, 6.5, 6};

TextEngine& Tx() { return TextEngine::Get(); }

// A table measured for one font size, with every text placed relative to its row's top
// (or the header's top) and its left edge at x = 0.
struct TableGeom {
  double size = 0, pad = 0, vpad = 0, lh = 0;
  std::vector<double> x;  ///< column edges, cols + 1 of them
  double width() const { return x.back(); }

  double headerHeight = 0;
  std::vector<TextItem> headerTexts;
  std::vector<LineItem> headerLines;

  struct Row {
    double height = 0;
    std::vector<TextItem> texts;
    std::vector<double> inner;  ///< x of the cell edges inside the table
    bool keepWithNext = false;
    int modelRow = -1;
  };
  std::vector<Row> rows;
};

std::pair<std::string, std::string> SplitDecimal(const std::string& s) {
  size_t dot = s.find('.');
  if (dot == std::string::npos) return {s, ""};
  return {s.substr(0, dot), s.substr(dot)};
}

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) return out;
    start = nl + 1;
  }
}

// Column widths at `size`, or empty when the table cannot fit `avail` at that size.
std::vector<double> Widths(const PTable& t, double size, double avail, bool fill,
                           std::vector<double>& maxFrac) {
  const size_t n = t.cols.size();
  const double pad = std::max(1.8, 0.45 * size);
  const double em = Tx().Width("国", size);
  std::vector<double> natural(n, 0), minimum(n, 0), maxInt(n, 0);
  maxFrac.assign(n, 0);
  for (const auto& r : t.rows) {
    size_t c = 0;
    for (const auto& cell : r.cells) {
      if (cell.span == 1 && c < n) {
        if (cell.align.value_or(t.cols[c].align) == Align::Decimal) {
          auto [i, f] = SplitDecimal(cell.text);
          maxInt[c] = std::max(maxInt[c], Tx().Width(i, size));
          maxFrac[c] = std::max(maxFrac[c], Tx().Width(f, size));
        } else {
          natural[c] = std::max(natural[c], Tx().Width(cell.text, size));
        }
      }
      c += static_cast<size_t>(cell.span);
    }
  }
  double fixed = 0, wrapMin = 0;
  for (size_t c = 0; c < n; ++c) {
    const PColumn& col = t.cols[c];
    // Titles carry their own line breaks ("概算\n总投资"): the widest line must fit.
    double headerMin = 2 * em;
    for (const auto& line : SplitLines(col.title)) headerMin = std::max(headerMin, Tx().Width(line, size));
    headerMin += 2 * pad;
    if (col.align == Align::Decimal) natural[c] = std::max(natural[c], maxInt[c] + maxFrac[c]);
    natural[c] += 2 * pad;
    minimum[c] = std::max(headerMin, col.minEm * em + 2 * pad);
    if (!col.wrap) {
      natural[c] = std::max(natural[c], headerMin);
      minimum[c] = natural[c];
      fixed += natural[c];
    } else {
      natural[c] = std::max(natural[c], minimum[c]);
      wrapMin += minimum[c];
    }
  }
  if (fixed + wrapMin > avail + 1e-6) return {};
  std::vector<double> w = minimum;
  double extra = avail - fixed - wrapMin;
  // Water-filling: spare width goes to wrapping columns until they need no wrapping.
  for (int round = 0; round < 20 && extra > 1e-6; ++round) {
    double weights = 0;
    for (size_t c = 0; c < n; ++c)
      if (t.cols[c].wrap && w[c] < natural[c] - 1e-9) weights += std::max(t.cols[c].weight, 0.5);
    if (weights == 0) break;
    double given = 0;
    for (size_t c = 0; c < n; ++c) {
      if (!t.cols[c].wrap || w[c] >= natural[c] - 1e-9) continue;
      double add = std::min(extra * std::max(t.cols[c].weight, 0.5) / weights, natural[c] - w[c]);
      w[c] += add;
      given += add;
    }
    extra -= given;
  }
  if (fill && extra > 1e-6) {
    double weights = 0;
    for (const auto& col : t.cols)
      if (col.wrap) weights += col.weight;
    for (size_t c = 0; c < n; ++c)
      if (t.cols[c].wrap && weights > 0) w[c] += extra * t.cols[c].weight / weights;
  }
  return w;
}

// Lines of a text in a box, centred vertically; appends them to `out`.
void PlaceLines(const std::vector<std::string>& lines, Align align, double x0, double x1, double boxTop,
                double boxHeight, double size, double lh, double pad, bool bold, std::vector<TextItem>& out) {
  double top = boxTop + (boxHeight - lh * static_cast<double>(lines.size())) / 2;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    double w = Tx().Width(lines[i], size);
    double x = align == Align::Center ? x0 + (x1 - x0 - w) / 2 : x0 + pad;
    out.push_back({x, top + lh * static_cast<double>(i), size, bold, lines[i]});
  }
}

TableGeom Measure(const PTable& t, const double* sizes, size_t nSizes, double avail, bool fill,
                  double maxRowHeight) {
  TableGeom g;
  std::vector<double> w, maxFrac;
  for (size_t i = 0; i < nSizes; ++i) {
    g.size = sizes[i];
    w = Widths(t, g.size, avail, fill, maxFrac);
    if (!w.empty()) break;
  }
  if (w.empty()) {
    // Too many columns even at the smallest size: squeeze proportionally.
    w = Widths(t, g.size, 1e9, false, maxFrac);
    double total = 0;
    for (double v : w) total += v;
    for (double& v : w) v *= avail / total;
  }
  const size_t n = t.cols.size();
  g.pad = std::max(1.8, 0.45 * g.size);
  g.vpad = std::max(1.2, 0.3 * g.size);
  g.lh = Tx().LineHeight(g.size);
  g.x.assign(n + 1, 0);
  for (size_t c = 0; c < n; ++c) g.x[c + 1] = g.x[c] + w[c];
  const double innerW = 2 * g.pad;

  // Header: groups of adjacent columns sharing a group title get a merged upper cell.
  struct Span { size_t first, last; };
  std::vector<Span> groups;
  bool anyGroup = false;
  for (size_t c = 0; c < n;) {
    size_t e = c;
    if (!t.cols[c].group.empty())
      while (e + 1 < n && t.cols[e + 1].group == t.cols[c].group) ++e;
    groups.push_back({c, e});
    anyGroup |= !t.cols[c].group.empty();
    c = e + 1;
  }
  auto wrapIn = [&](const std::string& s, double width) { return Tx().Wrap(s, g.size, width - innerW + 0.01); };
  double topH = 0, leafH = 0, singleH = 0;
  for (const auto& s : groups) {
    if (t.cols[s.first].group.empty()) {
      singleH = std::max(singleH, wrapIn(t.cols[s.first].title, w[s.first]).size() * g.lh + 2 * g.vpad);
    } else {
      topH = std::max(topH, wrapIn(t.cols[s.first].group, g.x[s.last + 1] - g.x[s.first]).size() * g.lh +
                                2 * g.vpad);
      for (size_t c = s.first; c <= s.last; ++c)
        leafH = std::max(leafH, wrapIn(t.cols[c].title, w[c]).size() * g.lh + 2 * g.vpad);
    }
  }
  if (anyGroup) {
    if (singleH > topH + leafH) leafH = singleH - topH;
    g.headerHeight = topH + leafH;
  } else {
    g.headerHeight = singleH;
  }
  for (const auto& s : groups) {
    double x0 = g.x[s.first], x1 = g.x[s.last + 1];
    if (t.cols[s.first].group.empty()) {
      PlaceLines(wrapIn(t.cols[s.first].title, x1 - x0), Align::Center, x0, x1, 0, g.headerHeight, g.size,
                 g.lh, g.pad, kHeaderBold, g.headerTexts);
    } else {
      PlaceLines(wrapIn(t.cols[s.first].group, x1 - x0), Align::Center, x0, x1, 0, topH, g.size, g.lh, g.pad,
                 kHeaderBold, g.headerTexts);
      g.headerLines.push_back({x0, topH, x1, topH, kThin});
      for (size_t c = s.first; c <= s.last; ++c) {
        PlaceLines(wrapIn(t.cols[c].title, w[c]), Align::Center, g.x[c], g.x[c + 1], topH, leafH, g.size, g.lh,
                   g.pad, kHeaderBold, g.headerTexts);
        if (c > s.first) g.headerLines.push_back({g.x[c], topH, g.x[c], g.headerHeight, kThin});
      }
    }
    if (s.first > 0) g.headerLines.push_back({x0, 0, x0, g.headerHeight, kThin});
  }
  g.headerLines.push_back({0, g.headerHeight, g.width(), g.headerHeight, kThin});

  // Body rows.
  const int maxLines = std::max(1, static_cast<int>((maxRowHeight - 2 * g.vpad) / g.lh));
  for (const auto& r : t.rows) {
    TableGeom::Row row;
    row.keepWithNext = r.keepWithNext;
    row.modelRow = r.modelRow;
    struct Pending { std::vector<std::string> lines; Align align; double x0, x1; };
    std::vector<Pending> cells;
    size_t c = 0;
    int most = 1;
    for (const auto& cell : r.cells) {
      size_t e = std::min(n, c + static_cast<size_t>(cell.span));
      double x0 = g.x[c], x1 = g.x[e];
      if (c > 0) row.inner.push_back(x0);
      Align a = cell.align.value_or(t.cols[c].align);
      if (a == Align::Decimal && cell.span == 1) {
        auto [ip, fp] = SplitDecimal(cell.text);
        double dec = x1 - g.pad - maxFrac[c];
        cells.push_back({{cell.text}, a, dec - Tx().Width(ip, g.size), x1});
      } else {
        if (a == Align::Decimal) a = Align::Center;
        std::vector<std::string> lines = wrapIn(cell.text, x1 - x0);
        if (static_cast<int>(lines.size()) > maxLines) {
          lines.resize(static_cast<size_t>(maxLines));
          lines.back() += "…";
        }
        most = std::max(most, static_cast<int>(lines.size()));
        cells.push_back({std::move(lines), a, x0, x1});
      }
      c = e;
    }
    row.height = most * g.lh + 2 * g.vpad;
    for (const auto& p : cells) {
      if (p.align == Align::Decimal) {
        if (!p.lines[0].empty())
          row.texts.push_back({p.x0, (row.height - g.lh) / 2, g.size, r.bold, p.lines[0]});
      } else {
        PlaceLines(p.lines, p.align, p.x0, p.x1, 0, row.height, g.size, g.lh, g.pad, r.bold, row.texts);
      }
    }
    g.rows.push_back(std::move(row));
  }
  return g;
}

class Layouter {
 public:
  Layouter(const ReportModel& m, GroupBy by, std::string title = "") : m_(m), by_(by) {
    doc_.title = title.empty() ? m.header.Title() : std::move(title);
    doc_.creationDate = m.header.reportDate;
    titleH_ = Tx().LineHeight(kTitleSize);
    subH_ = Tx().LineHeight(kSubSize);
    contentTop_ = kMargin + titleH_ + 4 + subH_ + 4;
    footerY_ = doc_.height - kMargin - subH_;
    bottom_ = footerY_ - 6;
  }

  DocumentLayout Run() {
    Grouping grouping = GroupRows(m_, by_);
    PTable main = MainTable(m_, grouping);
    TableGeom g = Measure(main, kMainSizes, std::size(kMainSizes), Avail(), true, bottom_ - contentTop_ - 40);
    doc_.bodySize = g.size;
    NewPage(PageLayout::Kind::Table);
    PlaceTable(g, "");

    PlaceSections(SummarySections(m_));
    Finish();
    return std::move(doc_);
  }

  /// Pages of sections alone (the city roll-up).
  DocumentLayout RunSections(const std::vector<PSection>& sections) {
    PlaceSections(sections);
    Finish();
    return std::move(doc_);
  }

 private:
  void PlaceSections(const std::vector<PSection>& sections) {
    NewPage(PageLayout::Kind::Summary);
    bool first = true;
    for (const auto& s : sections) {
      TableGeom sg = Measure(s.table, kSummarySizes, std::size(kSummarySizes), Avail(), false,
                             bottom_ - contentTop_ - 40);
      double headingH = Tx().LineHeight(kSectionSize) + 4;
      double noteH = s.note.empty() ? 0 : subH_ + 3;
      // A table that fits on one page is not split; a longer one starts where it is if
      // its heading keeps at least three rows.
      double firstRows = 0, all = 0;
      for (size_t k = 0; k < sg.rows.size(); ++k) {
        all += sg.rows[k].height;
        if (k < 3) firstRows += sg.rows[k].height;
      }
      double whole = headingH + noteH + sg.headerHeight + all;
      if (!first) y_ += 10;
      bool fitsAPage = whole <= bottom_ - contentTop_;
      if (y_ + (fitsAPage ? whole : headingH + noteH + sg.headerHeight + firstRows) > bottom_)
        NewPage(PageLayout::Kind::Summary);
      first = false;
      Page().texts.push_back({kMargin, y_, kSectionSize, true, s.heading});
      y_ += headingH;
      if (!s.note.empty()) {
        Page().texts.push_back({kMargin, y_, kSubSize, false, s.note});
        y_ += noteH;
      }
      PlaceTable(sg, s.heading + "（续）");
    }
  }

  double Avail() const { return doc_.width - 2 * kMargin; }
  PageLayout& Page() { return doc_.pages.back(); }

  void NewPage(PageLayout::Kind kind) {
    doc_.pages.emplace_back();
    Page().kind = kind;
    auto& tx = Page().texts;
    double tw = Tx().Width(doc_.title, kTitleSize);
    tx.push_back({(doc_.width - tw) / 2, kMargin, kTitleSize, true, doc_.title});
    double sy = kMargin + titleH_ + 4;
    tx.push_back({kMargin, sy, kSubSize, false, "填报单位：" + m_.header.bureau + "（盖章）"});
    std::string right = kind == PageLayout::Kind::Table
                            ? "按" + std::string(GroupByLabel(by_)) + "分组　　单位：万元、㎡、%"
                            : "单位：万元、%";
    tx.push_back({doc_.width - kMargin - Tx().Width(right, kSubSize), sy, kSubSize, false, right});
    y_ = contentTop_;
  }

  // Places a measured table from y_, continuing on new pages (header repeated).
  void PlaceTable(const TableGeom& g, const std::string& continued) {
    const double left = kMargin;
    double top = 0;
    auto header = [&] {
      top = y_;
      for (auto t : g.headerTexts) {
        t.x += left;
        t.y += y_;
        Page().texts.push_back(std::move(t));
      }
      for (auto l : g.headerLines) {
        l.x1 += left;
        l.x2 += left;
        l.y1 += y_;
        l.y2 += y_;
        Page().lines.push_back(l);
      }
      ++Page().headerRepeats;
      y_ += g.headerHeight;
    };
    auto border = [&] {
      auto& L = Page().lines;
      L.push_back({left, top, left + g.width(), top, kThick});
      L.push_back({left, y_, left + g.width(), y_, kThick});
      L.push_back({left, top, left, y_, kThick});
      L.push_back({left + g.width(), top, left + g.width(), y_, kThick});
    };
    header();
    for (size_t i = 0; i < g.rows.size(); ++i) {
      const auto& r = g.rows[i];
      double need = r.height;
      if (r.keepWithNext && i + 1 < g.rows.size()) need += g.rows[i + 1].height;
      if (y_ + need > bottom_ && y_ > top + g.headerHeight + 0.01) {
        border();
        NewPage(Page().kind);
        if (!continued.empty()) {
          Page().texts.push_back({kMargin, y_, kSectionSize, true, continued});
          y_ += Tx().LineHeight(kSectionSize) + 4;
        }
        header();
      }
      for (auto t : r.texts) {
        t.x += left;
        t.y += y_;
        Page().texts.push_back(std::move(t));
      }
      for (double x : r.inner) Page().lines.push_back({left + x, y_, left + x, y_ + r.height, kThin});
      y_ += r.height;
      Page().lines.push_back({left, y_, left + g.width(), y_, kThin});
      if (r.modelRow >= 0) Page().modelRows.push_back(r.modelRow);
    }
    border();
  }

  // Footers need the page count; vertical rules of consecutive rows are joined.
  void Finish() {
    const std::string sig = FooterSignatures(m_.header);
    const size_t total = doc_.pages.size();
    for (size_t i = 0; i < total; ++i) {
      PageLayout& p = doc_.pages[i];
      p.texts.push_back({kMargin, footerY_, kSubSize, false, sig});
      std::string num = "第 " + std::to_string(i + 1) + " 页 共 " + std::to_string(total) + " 页";
      p.texts.push_back({doc_.width - kMargin - Tx().Width(num, kSubSize), footerY_, kSubSize, false, num});
      JoinVerticals(p.lines);
    }
  }

  static void JoinVerticals(std::vector<LineItem>& lines) {
    std::vector<LineItem> out, vert;
    for (const auto& l : lines) (l.x1 == l.x2 && l.y1 != l.y2 ? vert : out).push_back(l);
    std::sort(vert.begin(), vert.end(), [](const LineItem& a, const LineItem& b) {
      if (a.x1 != b.x1) return a.x1 < b.x1;
      if (a.width != b.width) return a.width < b.width;
      return a.y1 < b.y1;
    });
    for (const auto& l : vert) {
      if (!out.empty()) {
        LineItem& last = out.back();
        if (last.x1 == last.x2 && last.x1 == l.x1 && last.width == l.width && std::abs(last.y2 - l.y1) < 1e-6) {
          last.y2 = l.y2;
          continue;
        }
      }
      out.push_back(l);
    }
    lines = std::move(out);
  }

  const ReportModel& m_;
  GroupBy by_;
  DocumentLayout doc_;
  double titleH_ = 0, subH_ = 0, contentTop_ = 0, footerY_ = 0, bottom_ = 0;
  double y_ = 0;
};

}  // namespace

DocumentLayout LayoutReport(const ReportModel& model, GroupBy groupBy) {
  return Layouter(model, groupBy).Run();
}

DocumentLayout LayoutRollup(const RollupModel& rollup) {
  ReportModel header;  // the page frame: 填报单位, signatures, dates
  header.header = rollup.header;
  PSection s{"", "", RollupTable(rollup)};
  s.heading = "各县（区）汇总（" + std::to_string(rollup.counties.size()) + "个县（区））";
  s.note = "金额为截至" + rollup.header.month.FormatChinese() + "末的累计数（年度计划与本年完成投资为" +
           std::to_string(rollup.header.month.year()) + "年）；四率口径同各县月报，合计行的四率按全部项目计算";
  return Layouter(header, GroupBy::County, rollup.Title()).RunSections({s});
}

}  // namespace sb::report

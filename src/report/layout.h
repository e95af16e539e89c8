#pragma once
/// The printed report, laid out once: A4 landscape pages as lists of positioned text
/// and rules (a display list). Everything that depends on fonts — column widths, line
/// breaks of long names and problems, row heights, where each page ends — is decided
/// here; draw.h only paints the list, so the PDF, the print preview and the printer show
/// the same pages.
///
/// Units are PostScript points (1/72 inch), origin at the top left of the paper.
/// Each table page repeats the title, the unit line and the two-level column header;
/// every page has the footer (填报人/审核人/负责人/填报日期) and "第 n 页 共 m 页".
/// The main table picks the largest body font (7.5 pt down to 5 pt) with which all its
/// columns fit the width; the summary tables use 8 pt.
#include <string>
#include <vector>

#include "report/model.h"

namespace sb::report {

struct TextItem {
  double x = 0, y = 0;  ///< left and top of the line box
  double size = 8;      ///< font size, pt
  bool bold = false;
  std::string text;
};

struct LineItem {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.4;
};

struct PageLayout {
  enum class Kind { Table, Summary };
  Kind kind = Kind::Table;
  std::vector<TextItem> texts;
  std::vector<LineItem> lines;
  std::vector<int> modelRows;  ///< ReportModel rows on this page (table pages), in order
  int headerRepeats = 0;       ///< column headers drawn on this page
};

struct DocumentLayout {
  double width = 841.89;   ///< A4 landscape
  double height = 595.28;
  std::string title;
  Date creationDate;       ///< the report date: written into the PDF metadata
  double bodySize = 0;     ///< font size chosen for the main table
  std::vector<PageLayout> pages;
};

/// Lays out the whole report: the grouped main table, then the summary pages.
DocumentLayout LayoutReport(const ReportModel& model, GroupBy groupBy);
/// Lays out the city roll-up (市级汇总): its one table, on as many pages as it takes.
DocumentLayout LayoutRollup(const RollupModel& rollup);

}  // namespace sb::report

#pragma once
/// 报表 menu: the monthly report in the window — print preview, printing, PDF and Excel
/// export, closing and reopening months. The pages are the ones the command line writes
/// to PDF: the same layout (report/layout.h) drawn by the same routine (report/draw.h)
/// on the cairo context under wx's graphics context.
#include <wx/print.h>

#include <memory>
#include <optional>
#include <vector>

#include "core/calendar.h"
#include "report/layout.h"
#include "report/model.h"

namespace sb::storage {
class Database;
struct MonthClosing;
}

namespace sb::ui {

class MainFrame;

/// Appends 报表(&R) (月报预览…, 打印…, 导出 PDF…, 导出 Excel…, 关闭月份…, 重新打开月份…)
/// to the frame's menu bar, before 帮助 when there is one, and binds its commands.
/// Call once from the MainFrame constructor.
void AddReportMenu(MainFrame* frame);

/// The month the report and the monthly walker start from: the month before `today`,
/// unless it is closed already — then `today`'s own month.
YearMonth DefaultReportMonth(Date today, const std::vector<storage::MonthClosing>& closings);
/// 录入本月进度 asks first which month it records (DefaultReportMonth preselected, Enter
/// accepts); nullopt when cancelled.
std::optional<YearMonth> AskProgressMonth(MainFrame* frame);

/// The report of `month` laid out for printing: the closed month's snapshot when it is
/// closed, otherwise built now with `today` as the report date.
std::shared_ptr<const report::DocumentLayout> LayoutMonth(storage::Database& db, YearMonth month,
                                                          report::GroupBy by, Date today);

/// Prints (or previews) a laid-out report. Each page is scaled to the paper of the DC
/// and drawn with report::DrawPage on the DC's cairo context (wxGCDC on GTK).
class ReportPrintout : public wxPrintout {
 public:
  ReportPrintout(std::shared_ptr<const report::DocumentLayout> doc, const wxString& title);
  bool HasPage(int page) override;
  void GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) override;
  bool OnPrintPage(int page) override;

 private:
  std::shared_ptr<const report::DocumentLayout> doc_;
};

/// A4 landscape, kept between print and preview commands.
wxPrintData& ReportPrintData();

}  // namespace sb::ui

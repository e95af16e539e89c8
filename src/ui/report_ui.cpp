#include "ui/report_ui.h"

#include <wx/busyinfo.h>
#include <wx/choice.h>
#include <wx/dcgraph.h>
#include <wx/dcmemory.h>
#include <wx/dcprint.h>
#include <wx/dialog.h>
#include <wx/filedlg.h>
#include <wx/graphics.h>
#include <wx/menu.h>
#include <wx/msgdlg.h>
#include <wx/printdlg.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>
#include <wx/utils.h>
#include <wx/xrc/xmlres.h>

#include <cairo.h>

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "report/draw.h"
#include "report/layout.h"
#include "app/report_service.h"
#include "storage/report_repository.h"
#include "ui/main_frame.h"
#include "ui/units.h"
#include "ui/wxutil.h"

namespace sb::ui {

namespace {

constexpr report::GroupBy kGroups[] = {report::GroupBy::Township, report::GroupBy::Stage,
                                       report::GroupBy::Category, report::GroupBy::Source,
                                       report::GroupBy::Programme, report::GroupBy::County};

// The months a report can be asked for: from the first month with money or progress to
// this month, newest first.
std::vector<YearMonth> ReportMonths(const Portfolio& p, Date today) {
  YearMonth last = YearMonth::Of(today), first = last;
  auto see = [&](YearMonth m) { first = std::min(first, m); };
  for (const auto& e : p.progress) see(e.month);
  for (const auto& a : p.allocations) see(YearMonth::Of(a.date));
  std::optional<PaymentTotals> computed;
  if (auto d = PaymentTotalsOf(p, computed).First()) see(YearMonth::Of(*d));
  std::vector<YearMonth> out;
  for (YearMonth m = last; first <= m; m = m.Prev()) {
    out.push_back(m);
    if (out.size() >= 240) break;
  }
  return out;
}

std::string ClosedText(const storage::MonthClosing& c) {
  return TRs("该月已于 ") + c.closedAt.substr(0, 10) + " " + TRs("由 ") + c.closedBy +
         TRs(" 定稿：按定稿时的快照输出，与当时打印的完全相同。");
}

// 报表月份 and 分组方式 (forms/report_dialogs.xrc).
class ReportOptionsDialog : public wxDialog {
 public:
  ReportOptionsDialog(wxWindow* parent, const wxString& title, std::vector<YearMonth> months,
                      std::vector<storage::MonthClosing> closings, YearMonth preferred, bool withGroups)
      : months_(std::move(months)), closings_(std::move(closings)) {
    wxXmlResource::Get()->LoadDialog(this, parent, "ReportOptionsDialog");
    SetTitle(title);
    month_ = XRCCTRL(*this, "Month", wxChoice);
    group_ = XRCCTRL(*this, "GroupBy", wxChoice);
    state_ = XRCCTRL(*this, "MonthState", wxStaticText);
    for (const auto& m : months_) month_->Append(MonthLabel(m));
    auto at = std::find(months_.begin(), months_.end(), preferred);
    month_->SetSelection(at == months_.end() ? 0 : static_cast<int>(at - months_.begin()));
    for (auto g : kGroups) group_->Append(TR(("按" + std::string(report::GroupByLabel(g))).c_str()));
    group_->SetSelection(0);
    if (!withGroups) {
      group_->Hide();
      XRCCTRL(*this, "GroupByLabel", wxStaticText)->Hide();
    }
    month_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { ShowState(); });
    // Enter is OK here, even on the month's drop-down (which GTK would otherwise open).
    Bind(wxEVT_CHAR_HOOK, [this](wxKeyEvent& e) {
      if ((e.GetKeyCode() == WXK_RETURN || e.GetKeyCode() == WXK_NUMPAD_ENTER) && !e.HasModifiers() &&
          IsModal()) {
        EndModal(wxID_OK);
        return;
      }
      e.Skip();
    });
    ShowState();
    Fit();
    FindWindow(wxID_OK)->SetFocus();
  }

  YearMonth month() const { return months_[static_cast<size_t>(std::max(0, month_->GetSelection()))]; }
  report::GroupBy groupBy() const { return kGroups[std::max(0, group_->GetSelection())]; }
  const storage::MonthClosing* Closing() const {
    for (const auto& c : closings_)
      if (c.month == month()) return &c;
    return nullptr;
  }

 private:
  void ShowState() {
    const storage::MonthClosing* c = Closing();
    state_->SetLabel(c ? U8(ClosedText(*c)) : TR("该月尚未定稿：按数据库中的当前数据生成。"));
    WrapText(state_, FromDIP(420));
    Layout();
    Fit();
  }

  std::vector<YearMonth> months_;
  std::vector<storage::MonthClosing> closings_;
  wxChoice *month_ = nullptr, *group_ = nullptr;
  wxStaticText* state_ = nullptr;
};

class ReopenMonthDialog : public wxDialog {
 public:
  ReopenMonthDialog(wxWindow* parent, std::vector<storage::MonthClosing> closings)
      : closings_(std::move(closings)) {
    wxXmlResource::Get()->LoadDialog(this, parent, "ReopenMonthDialog");
    month_ = XRCCTRL(*this, "Month", wxChoice);
    reason_ = XRCCTRL(*this, "Reason", wxTextCtrl);
    for (const auto& c : closings_)
      month_->Append(MonthLabel(c.month) + TR("（") + U8(c.closedAt.substr(0, 10) + " " + c.closedBy) + TR("）"));
    month_->SetSelection(0);
    Fit();
  }

  bool TransferDataFromWindow() override {
    if (reason_->GetValue().Strip(wxString::both).empty()) {
      ShowError(this, TR("请填写重新打开的原因"), TR("原因：重新打开已定稿的月份必须写明原因，它会记入定稿记录。"));
      reason_->SetFocus();
      return false;
    }
    return true;
  }
  YearMonth month() const { return closings_[static_cast<size_t>(std::max(0, month_->GetSelection()))].month; }
  std::string reason() const { return ToStd(reason_->GetValue()); }

 private:
  std::vector<storage::MonthClosing> closings_;
  wxChoice* month_ = nullptr;
  wxTextCtrl* reason_ = nullptr;
};

struct Choice {
  YearMonth month;
  report::GroupBy by = report::GroupBy::Township;
};

bool HaveDatabase(MainFrame* frame) {
  if (frame->database()) return true;
  ShowError(frame, TR("没有打开数据库"), TR("请先用“文件 → 打开数据库”打开一个校建通数据库。"));
  return false;
}

std::optional<Choice> AskMonth(MainFrame* frame, const wxString& title, bool withGroups) {
  if (!HaveDatabase(frame)) return std::nullopt;
  std::vector<storage::MonthClosing> closings;
  try {
    closings = storage::MonthClosings(*frame->database());
  } catch (const Error& e) {
    ShowError(frame, TR("读取定稿记录失败"), U8(e.detail()));
    return std::nullopt;
  }
  YearMonth preferred = DefaultReportMonth(frame->asOf(), closings);
  ReportOptionsDialog dlg(frame, title, ReportMonths(frame->portfolio(), frame->asOf()), closings, preferred,
                          withGroups);
  if (dlg.ShowModal() != wxID_OK) return std::nullopt;
  return Choice{dlg.month(), dlg.groupBy()};
}

}  // namespace

YearMonth DefaultReportMonth(Date today, const std::vector<storage::MonthClosing>& closings) {
  YearMonth last = YearMonth::Of(today).Prev();
  for (const auto& c : closings)
    if (c.month == last) return YearMonth::Of(today);
  return last;
}

std::optional<YearMonth> AskProgressMonth(MainFrame* frame) {
  if (!HaveDatabase(frame)) return std::nullopt;
  std::vector<storage::MonthClosing> closings;
  try {
    closings = storage::MonthClosings(*frame->database());
  } catch (const Error& e) {
    ShowError(frame, TR("读取定稿记录失败"), U8(e.detail()));
    return std::nullopt;
  }
  ReportOptionsDialog dlg(frame, TR("录入哪个月的进度？"), ReportMonths(frame->portfolio(), frame->asOf()), closings,
                          DefaultReportMonth(frame->asOf(), closings), false);
  dlg.SetName("ProgressMonthDialog");
  if (dlg.ShowModal() != wxID_OK) return std::nullopt;
  return dlg.month();
}

namespace {

wxString DocTitle(const report::DocumentLayout& doc) { return U8(doc.title); }

// The print preview of laid-out pages, in a frame titled `title` + the document's title.
void ShowPreview(MainFrame* frame, std::shared_ptr<const report::DocumentLayout> doc, const wxString& title) {
  wxPrintDialogData data(ReportPrintData());
  auto* preview = new wxPrintPreview(new ReportPrintout(doc, DocTitle(*doc)),
                                     new ReportPrintout(doc, DocTitle(*doc)), &data);
  if (!preview->IsOk()) {
    delete preview;
    ShowError(frame, TR("无法打开打印预览"), TR("打印系统没有准备好；可以先导出 PDF 再打印。"));
    return;
  }
  auto* pf = new wxPreviewFrame(preview, frame, title + DocTitle(*doc), wxDefaultPosition,
                                frame->FromDIP(wxSize(1180, 860)));
  pf->Initialize();
  pf->Show();
}

// Laid-out pages to the printer the user chooses (the choice is kept for the next time).
void PrintDocument(MainFrame* frame, std::shared_ptr<const report::DocumentLayout> doc) {
  wxPrintDialogData data(ReportPrintData());
  wxPrinter printer(&data);
  ReportPrintout printout(doc, DocTitle(*doc));
  if (printer.Print(frame, &printout, true)) {
    ReportPrintData() = printer.GetPrintDialogData().GetPrintData();
  } else if (wxPrinter::GetLastError() == wxPRINTER_ERROR) {
    ShowError(frame, TR("打印失败"), TR("打印机报告了错误；可以先导出 PDF 再打印。"));
  }
}

void Preview(MainFrame* frame) {
  auto c = AskMonth(frame, TR("月报预览"), true);
  if (!c) return;
  try {
    std::shared_ptr<const report::DocumentLayout> doc;
    {
      wxBusyCursor busy;
      doc = LayoutMonth(*frame->database(), c->month, c->by, frame->asOf());
    }
    ShowPreview(frame, doc, TR("月报预览 — "));
  } catch (const Error& e) {
    ShowError(frame, TR("生成月报失败"), U8(e.detail()));
  }
}

void Print(MainFrame* frame) {
  auto c = AskMonth(frame, TR("打印月报"), true);
  if (!c) return;
  try {
    std::shared_ptr<const report::DocumentLayout> doc;
    {
      wxBusyCursor busy;
      doc = LayoutMonth(*frame->database(), c->month, c->by, frame->asOf());
    }
    PrintDocument(frame, doc);
  } catch (const Error& e) {
    ShowError(frame, TR("生成月报失败"), U8(e.detail()));
  }
}

void Export(MainFrame* frame, app::FileFormat format) {
  bool pdf = format == app::FileFormat::Pdf;
  auto c = AskMonth(frame, pdf ? TR("导出 PDF") : TR("导出 Excel"), true);
  if (!c) return;
  std::string county = frame->portfolio().settings.Text("county_name", "");
  wxString name = U8(county + "月报_" + c->month.Format() + (pdf ? ".pdf" : ".xlsx"));
  wxFileDialog dlg(frame, pdf ? TR("导出 PDF") : TR("导出 Excel"), "", name,
                   pdf ? TR("PDF 文件 (*.pdf)|*.pdf") : TR("Excel 工作簿 (*.xlsx)|*.xlsx"),
                   wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
  if (dlg.ShowModal() != wxID_OK) return;
  std::string path = ToStd(dlg.GetPath());
  try {
    wxBusyCursor busy;
    app::PreparedReport r = app::PrepareReport(*frame->database(), c->month, frame->asOf());
    app::WriteReport(r.model, c->by, format, path);
  } catch (const Error& e) {
    ShowError(frame, TR("导出月报失败"), U8(e.detail()));
    return;
  }
  frame->SetStatusText(TR("已导出：") + U8(path), 0);
}

void CloseMonth(MainFrame* frame) {
  auto c = AskMonth(frame, TR("月报定稿"), false);
  if (!c) return;
  wxMessageDialog confirm(frame, U8(TRs("关闭 ") + c->month.FormatChinese() + TRs("？")), TR("校建通"),
                          wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
  confirm.SetExtendedMessage(
      TR("定稿会保存该月月报的全部数字、汇总和预警。以后重印该月与现在完全相同；定稿后补录属于该月的数据，"
         "会在下一期月报中作为“定稿后补录”预警列出。重新打开需要写明原因并留有记录。"));
  confirm.SetYesNoLabels(TR("定稿(&Y)"), TR("取消(&N)"));
  if (confirm.ShowModal() != wxID_YES) return;
  try {
    wxBusyCursor busy;
    report::ReportModel m =
        app::CloseMonth(*frame->session(), c->month, frame->asOf(), ToStd(wxGetUserName()));
    wxMessageBox(U8(c->month.FormatChinese() + TRs("已定稿：") + std::to_string(m.rows.size()) + TRs(" 个项目，") +
                    std::to_string(m.warnings.size()) + TRs(" 条预警。")),
                 TR("校建通"), wxOK | wxICON_INFORMATION, frame);
  } catch (const Error& e) {
    ShowError(frame, TR("定稿失败"), U8(e.detail()));
  }
}

void ReopenMonth(MainFrame* frame) {
  if (!HaveDatabase(frame)) return;
  std::vector<storage::MonthClosing> closings;
  try {
    closings = storage::MonthClosings(*frame->database());
  } catch (const Error& e) {
    ShowError(frame, TR("读取定稿记录失败"), U8(e.detail()));
    return;
  }
  if (closings.empty()) {
    wxMessageBox(TR("还没有已定稿的月份。"), TR("校建通"), wxOK | wxICON_INFORMATION, frame);
    return;
  }
  ReopenMonthDialog dlg(frame, closings);
  if (dlg.ShowModal() != wxID_OK) return;
  try {
    app::ReopenMonth(*frame->session(), dlg.month(), ToStd(wxGetUserName()), dlg.reason());
    frame->SetStatusText(U8(TRs("已重新打开：") + dlg.month().FormatChinese()), 0);
  } catch (const Error& e) {
    ShowError(frame, TR("重新打开失败"), U8(e.detail()));
  }
}

// 市级汇总: a line per county. What: 0 preview, 1 print, 2 PDF, 3 Excel.
void Rollup(MainFrame* frame, int what) {
  static const char* const kTitles[] = {TRN("市级汇总预览"), TRN("打印市级汇总"), TRN("市级汇总导出 PDF"), TRN("市级汇总导出 Excel")};
  auto c = AskMonth(frame, TR(kTitles[what]), false);
  if (!c) return;
  try {
    report::RollupModel rollup;
    {
      wxBusyCursor busy;
      rollup = app::PrepareRollup(*frame->database(), c->month, frame->asOf());
    }
    if (what >= 2) {
      const bool pdf = what == 2;
      wxString name = U8(TRs("市级汇总_") + c->month.Format() + (pdf ? ".pdf" : ".xlsx"));
      wxFileDialog dlg(frame, TR(kTitles[what]), "", name,
                       pdf ? TR("PDF 文件 (*.pdf)|*.pdf") : TR("Excel 工作簿 (*.xlsx)|*.xlsx"),
                       wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
      if (dlg.ShowModal() != wxID_OK) return;
      std::string path = ToStd(dlg.GetPath());
      wxBusyCursor busy;
      app::WriteRollup(rollup, pdf ? app::FileFormat::Pdf : app::FileFormat::Xlsx, path);
      frame->SetStatusText(TR("已导出：") + U8(path), 0);
      return;
    }
    auto doc = std::make_shared<const report::DocumentLayout>(report::LayoutRollup(rollup));
    if (what == 1) PrintDocument(frame, doc);
    else ShowPreview(frame, doc, TR("市级汇总预览 — "));
  } catch (const Error& e) {
    ShowError(frame, TR("生成市级汇总失败"), U8(e.detail()));
  }
}

}  // namespace

wxPrintData& ReportPrintData() {
  static wxPrintData data = [] {
    wxPrintData d;
    d.SetOrientation(wxLANDSCAPE);
    d.SetPaperId(wxPAPER_A4);
    return d;
  }();
  return data;
}

std::shared_ptr<const report::DocumentLayout> LayoutMonth(storage::Database& db, YearMonth month,
                                                          report::GroupBy by, Date today) {
  app::PreparedReport r = app::PrepareReport(db, month, today);
  return std::make_shared<const report::DocumentLayout>(report::LayoutReport(r.model, by));
}

ReportPrintout::ReportPrintout(std::shared_ptr<const report::DocumentLayout> doc, const wxString& title)
    : wxPrintout(title), doc_(std::move(doc)) {}

bool ReportPrintout::HasPage(int page) { return page >= 1 && page <= static_cast<int>(doc_->pages.size()); }

void ReportPrintout::GetPageInfo(int* minPage, int* maxPage, int* selFrom, int* selTo) {
  *minPage = *selFrom = 1;
  *maxPage = *selTo = static_cast<int>(doc_->pages.size());
}

bool ReportPrintout::OnPrintPage(int page) {
  wxDC* dc = GetDC();
  if (!dc || !HasPage(page)) return false;
  // Logical units of a tenth of a point, the whole A4 sheet mapped onto the paper.
  constexpr double kUnits = 10;
  FitThisSizeToPaper(wxSize(static_cast<int>(std::lround(doc_->width * kUnits)),
                            static_cast<int>(std::lround(doc_->height * kUnits))));
  // On GTK every DC but the printer's draws through a cairo graphics context already;
  // the printer DC gets a wxGCDC over its own cairo context, with the DC's scaling.
  wxGraphicsContext* gc = dc->GetGraphicsContext();
  std::unique_ptr<wxGCDC> own;
  if (!gc) {
    if (auto* p = wxDynamicCast(dc, wxPrinterDC)) own = std::make_unique<wxGCDC>(*p);
    else if (auto* m = wxDynamicCast(dc, wxMemoryDC)) own = std::make_unique<wxGCDC>(*m);
    if (own) gc = own->GetGraphicsContext();
  }
  if (!gc || gc->GetRenderer() != wxGraphicsRenderer::GetCairoRenderer()) return false;
  auto* cr = static_cast<cairo_t*>(gc->GetNativeContext());
  if (!cr) return false;
  cairo_save(cr);
  cairo_scale(cr, kUnits, kUnits);
  report::DrawPage(cr, *doc_, static_cast<size_t>(page - 1));
  cairo_restore(cr);
  gc->Flush();
  return true;
}

void AddReportMenu(MainFrame* frame) {
  wxMenuBar* bar = frame->GetMenuBar();
  if (!bar || bar->FindMenu(TR("报表")) != wxNOT_FOUND) return;  // once per frame
  auto* menu = new wxMenu;
  const int preview = XRCID("ReportPreview"), print = XRCID("ReportPrint"), pdf = XRCID("ReportPdf"),
            xlsx = XRCID("ReportXlsx"), close = XRCID("ReportCloseMonth"), reopen = XRCID("ReportReopenMonth");
  menu->Append(preview, TR("月报预览(&V)...\tCtrl+Shift+V"), TR("按 A4 横向预览某月的建设进度月报"));
  menu->Append(print, TR("打印(&P)...\tCtrl+P"), TR("打印某月的建设进度月报"));
  menu->AppendSeparator();
  menu->Append(pdf, TR("导出 PDF(&D)..."), TR("把月报保存为 PDF 文件（中文可选中、可搜索）"));
  menu->Append(xlsx, TR("导出 Excel(&X)..."), TR("把月报保存为 Excel 工作簿（数字可计算，小计为公式）"));
  menu->AppendSeparator();
  // TRANSLATORS: the city's roll-up report, one line per county (several counties in one database).
  auto* rollup = new wxMenu;
  const int rollupIds[] = {XRCID("RollupPreview"), XRCID("RollupPrint"), XRCID("RollupPdf"), XRCID("RollupXlsx")};
  rollup->Append(rollupIds[0], TR("预览(&V)..."), TR("按 A4 横向预览各县（区）的汇总表"));
  rollup->Append(rollupIds[1], TR("打印(&P)..."), TR("打印各县（区）的汇总表"));
  rollup->Append(rollupIds[2], TR("导出 PDF(&D)..."), TR("把各县（区）的汇总表保存为 PDF 文件"));
  rollup->Append(rollupIds[3], TR("导出 Excel(&X)..."), TR("把各县（区）的汇总表保存为 Excel 工作簿"));
  menu->AppendSubMenu(rollup, TR("市级汇总(&U)"), TR("每个县（区）一行：金额和四率，最后是合计（数据库有多个县时）"));
  menu->AppendSeparator();
  menu->Append(close, TR("月报定稿(&C)..."), TR("月报定稿：保存该月月报快照，以后重印不再变化"));
  menu->Append(reopen, TR("重新打开月份(&O)..."), TR("重新打开已定稿的月份（须写明原因，留有记录）"));

  int help = wxNOT_FOUND;
  for (size_t i = 0; i < bar->GetMenuCount(); ++i)
    if (bar->GetMenuLabelText(i).Contains(U8("帮助")) || bar->GetMenuLabelText(i).Contains("Help"))
      help = static_cast<int>(i);
  if (help == wxNOT_FOUND) bar->Append(menu, TR("报表(&R)"));
  else bar->Insert(static_cast<size_t>(help), menu, TR("报表(&R)"));

  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { Preview(frame); }, preview);
  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { Print(frame); }, print);
  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { Export(frame, app::FileFormat::Pdf); }, pdf);
  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { Export(frame, app::FileFormat::Xlsx); }, xlsx);
  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { CloseMonth(frame); }, close);
  for (int i = 0; i < 4; ++i) frame->Bind(wxEVT_MENU, [frame, i](wxCommandEvent&) { Rollup(frame, i); }, rollupIds[i]);
  frame->Bind(wxEVT_MENU, [frame](wxCommandEvent&) { ReopenMonth(frame); }, reopen);
}

}  // namespace sb::ui

// The 报表 menu and the printout: the page the preview and the printer get is the PDF's
// page, drawn through wx's cairo graphics context.
#include <doctest/doctest.h>
#include <wx/dcmemory.h>
#include <wx/menu.h>
#include <wx/print.h>

#include <filesystem>

#include "gui_util.h"
#include "report_fixture.h"
#include "storage/repository.h"
#include "ui/main_frame.h"
#include "ui/report_ui.h"

namespace fs = std::filesystem;

namespace {

// Renders one page of the printout into a bitmap the size of an A4 sheet at `dpi`, the
// way wxPrintPreview does (a memory DC with the page and paper sizes in pixels).
wxBitmap RenderPage(sb::ui::ReportPrintout& printout, int page, int dpi) {
  int w = static_cast<int>(297.0 / 25.4 * dpi), h = static_cast<int>(210.0 / 25.4 * dpi);
  wxBitmap bmp(w, h, 24);
  wxMemoryDC dc(bmp);
  dc.SetBackground(*wxWHITE_BRUSH);
  dc.Clear();
  printout.SetDC(&dc);
  printout.SetPPIScreen(dpi, dpi);
  printout.SetPPIPrinter(dpi, dpi);
  printout.SetPageSizePixels(w, h);
  printout.SetPaperRectPixels(wxRect(0, 0, w, h));
  printout.SetPageSizeMM(297, 210);
  CHECK(printout.OnPrintPage(page));
  printout.SetDC(nullptr);
  dc.SelectObject(wxNullBitmap);
  return bmp;
}

// Share of dark pixels in a horizontal band of the image (rules and text).
double Ink(const wxImage& img, int y0, int y1) {
  long dark = 0, all = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = 0; x < img.GetWidth(); ++x, ++all)
      if (img.GetRed(x, y) < 128) ++dark;
  return all ? static_cast<double>(dark) / static_cast<double>(all) : 0;
}

}  // namespace

TEST_CASE("报表 menu has its six commands and 市级汇总, and the printout draws the PDF's page") {
  std::string path = sb::test::MakeCountyDb("gui", 0);
  auto* frame = new sb::ui::MainFrame();
  frame->SetAsOf(sb::Date(2026, 11, 3));
  frame->SetDatabase(sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist));
  sb::ui::AddReportMenu(frame);
  frame->Show();
  sb::test::Pump();

  wxMenuBar* bar = frame->GetMenuBar();
  int at = bar->FindMenu(wxString::FromUTF8("报表"));
  REQUIRE(at != wxNOT_FOUND);
  wxMenu* menu = bar->GetMenu(static_cast<size_t>(at));
  std::vector<wxString> labels;
  for (const auto* item : menu->GetMenuItems())
    if (!item->IsSeparator()) labels.push_back(item->GetItemLabelText());
  REQUIRE(labels.size() == 7);
  CHECK(labels[0].StartsWith(wxString::FromUTF8("月报预览")));
  CHECK(labels[1].StartsWith(wxString::FromUTF8("打印")));
  CHECK(labels[2].StartsWith(wxString::FromUTF8("导出 PDF")));
  CHECK(labels[3].StartsWith(wxString::FromUTF8("导出 Excel")));
  CHECK(labels[4].StartsWith(wxString::FromUTF8("市级汇总")));
  CHECK(labels[5].StartsWith(wxString::FromUTF8("月报定稿")));
  CHECK(labels[6].StartsWith(wxString::FromUTF8("重新打开月份")));
  // 市级汇总 (several counties in one database): preview, print, PDF and Excel.
  wxMenu* rollup = nullptr;
  for (const auto* item : menu->GetMenuItems())
    if (item->GetSubMenu()) rollup = item->GetSubMenu();
  REQUIRE(rollup);
  CHECK(rollup->GetMenuItemCount() == 4);

  auto doc = sb::ui::LayoutMonth(*frame->database(), sb::YearMonth(2026, 10), sb::report::GroupBy::Township,
                                 frame->asOf());
  REQUIRE(doc->pages.size() >= 2);
  sb::ui::ReportPrintout printout(doc, "test");
  int minPage = 0, maxPage = 0, from = 0, to = 0;
  printout.GetPageInfo(&minPage, &maxPage, &from, &to);
  CHECK(minPage == 1);
  CHECK(maxPage == static_cast<int>(doc->pages.size()));
  CHECK_FALSE(printout.HasPage(maxPage + 1));

  wxBitmap page1 = RenderPage(printout, 1, 110);
  wxImage img = page1.ConvertToImage();
  // The title band, the table and the footer all carry ink; the margins stay white.
  int h = img.GetHeight();
  CHECK(Ink(img, h * 3 / 100, h * 8 / 100) > 0.01);   // title
  CHECK(Ink(img, h * 15 / 100, h * 80 / 100) > 0.03);  // table rules and figures
  CHECK(Ink(img, 0, h * 2 / 100) == 0);               // top margin
  fs::path shots = fs::path(SB_BUILD_DIR) / "screenshots";
  fs::create_directories(shots);
  CHECK(img.SaveFile((shots / "report_printout_page1.png").string(), wxBITMAP_TYPE_PNG));

  // The preview window, as 月报预览 opens it.
  wxPrintDialogData data(sb::ui::ReportPrintData());
  auto* preview = new wxPrintPreview(new sb::ui::ReportPrintout(doc, "p"), new sb::ui::ReportPrintout(doc, "q"), &data);
  REQUIRE(preview->IsOk());
  auto* pf = new wxPreviewFrame(preview, frame, "preview", wxDefaultPosition, wxSize(1100, 780));
  pf->Initialize();
  pf->Show();
  sb::test::Pump(30);
  CHECK(preview->GetMaxPage() == static_cast<int>(doc->pages.size()));
  CHECK(fs::file_size(sb::test::SaveScreenshot(pf, "report_preview")) > 10000);
  // Closed as the user closes it: its close handler re-enables the windows it disabled
  // and frees what did that (Destroy() alone leaks it, as LeakSanitizer showed).
  CHECK(!frame->IsEnabled());
  pf->Close(true);
  sb::test::Pump(3);
  CHECK(frame->IsEnabled());
  sb::test::Pump(3);

  frame->Destroy();
  sb::test::Pump(3);
}

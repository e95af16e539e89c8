// Times the monthly report of a county with 1,000 projects (plus the 19 demo ones):
// loading, building the model, laying out the pages, and writing PDF and xlsx.
// Usage: bench_report [PROJECTS]   — prints one line per step; the figure is in README.md.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "report/draw.h"
#include "report/export.h"
#include "report/layout.h"
#include "app/report_service.h"
#include "report_fixture.h"
#include "storage/repository.h"

int main(int argc, char** argv) {
  using Clock = std::chrono::steady_clock;
  int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  std::string path = sb::test::MakeCountyDb("bench", n);
  auto db = sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist);
  auto ms = [](Clock::time_point a, Clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
  };
  std::string pdf = path + ".pdf", xlsx = path + ".xlsx";
  auto t0 = Clock::now();
  sb::report::ReportModel m = sb::app::PrepareReport(*db, sb::YearMonth(2026, 10), sb::Date(2026, 11, 3)).model;
  auto t1 = Clock::now();
  sb::report::DocumentLayout doc = sb::report::LayoutReport(m, sb::report::GroupBy::Township);
  auto t2 = Clock::now();
  sb::report::WritePdf(doc, pdf);
  auto t3 = Clock::now();
  sb::report::WriteXlsx(m, sb::report::GroupBy::Township, xlsx);
  auto t4 = Clock::now();
  size_t tablePages = 0;
  for (const auto& p : doc.pages) tablePages += p.kind == sb::report::PageLayout::Kind::Table;
  std::printf("projects %zu, pages %zu (%zu of the project table), warnings %zu\n", m.rows.size(),
              doc.pages.size(), tablePages, m.warnings.size());
  std::printf("load + model  %8.0f ms\nlayout        %8.0f ms\npdf           %8.0f ms (%ju KB)\n"
              "xlsx          %8.0f ms\ntotal (pdf)   %8.0f ms\n",
              ms(t0, t1), ms(t1, t2), ms(t2, t3), static_cast<uintmax_t>(std::filesystem::file_size(pdf) / 1024),
              ms(t3, t4), ms(t0, t3));
  for (const auto& f : {path, pdf, xlsx}) std::filesystem::remove(f);
  return 0;
}

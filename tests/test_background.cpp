// A province's window (issue 12): the list is shown from SQL's summaries at once and the
// analysis — findings, the overview, the project pane — comes from a thread with a
// connection of its own. Forced on the demo county here (SB_BACKGROUND_ANALYSIS_PROJECTS=0).
// Case names start with "province" for -tc filters.
#include <doctest/doctest.h>
#include <wx/dataview.h>
#include <wx/notebook.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "app/actions.h"
#include "gui_util.h"
#include "storage/repository.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/project_panel.h"
#include "ui/warnings_panel.h"
#include "ui/wxutil.h"

namespace fs = std::filesystem;
using namespace sb;
using sb::ui::ToStd;

namespace {

struct Background {
  Background() { ::setenv("SB_BACKGROUND_ANALYSIS_PROJECTS", "0", 1); }
  ~Background() { ::unsetenv("SB_BACKGROUND_ANALYSIS_PROJECTS"); }
};

std::string DemoCopy(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sb_bg_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = storage::Database::Open(p.string(), storage::OpenMode::Create);
  storage::LoadDemo(*db);
  return p.string();
}

// Pumps events until the frame shows its whole analysis; false after 20 s.
bool WaitForAnalysis(ui::MainFrame* frame) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (frame->AnalysisPending() && std::chrono::steady_clock::now() < until) sb::test::Pump(1);
  return !frame->AnalysisPending();
}

size_t Warned(const ui::ProjectListModel& model) {
  size_t n = 0;
  for (const auto& r : model.rows()) n += r.warnings;
  return n;
}

}  // namespace

TEST_CASE("province: the list shows SQL's summaries at once, the findings come from a thread, the same as computed here") {
  Background on;
  const std::string path = DemoCopy("list");
  const Date asOf(2026, 11, 23);
  size_t expected = 0;
  {
    auto db = storage::Database::Open(path, storage::OpenMode::MustExist);
    app::Session s(*db);
    s.SetToday(asOf);
    expected = s.analysis().findings.size();
  }
  REQUIRE(expected > 10);
  auto* frame = new ui::MainFrame();
  frame->SetAsOf(asOf);
  frame->SetDatabase(storage::Database::Open(path, storage::OpenMode::MustExist));
  frame->Show();
  // Before any event is handled: the list is there with its money, the findings are not.
  CHECK(frame->AnalysisPending());
  CHECK(frame->model().rows().size() == 19);
  bool paid = false;
  for (const auto& r : frame->model().rows()) paid |= r.summary.paid.fen() > 0;
  CHECK(paid);
  CHECK(Warned(frame->model()) == 0);
  CHECK(ToStd(frame->book()->GetPageText(2)).find("计算中") != std::string::npos);
  REQUIRE(WaitForAnalysis(frame));
  CHECK(frame->session()->cached() != nullptr);
  CHECK(Warned(frame->model()) == expected);
  CHECK(ToStd(frame->book()->GetPageText(2)) == "预警 (" + std::to_string(expected) + ")");
  // The project pane shows the selected project once the analysis is there.
  CHECK(frame->projectPanel()->projectId() == frame->model().rows().front().summary.project.id);

  // A change while a thread computes: what it brings is stale and is computed again.
  Project p = *storage::FindProjectByCode(*frame->database(), "LX2025-03");
  frame->session()->Invalidate();
  frame->Reload();
  REQUIRE(frame->AnalysisPending());
  p.note = "线程计算时的修改";
  app::SaveProject(*frame->session(), p);  // invalidates: the running thread's result is stale
  frame->Reload();
  REQUIRE(WaitForAnalysis(frame));
  bool seen = false;
  for (const auto& q : frame->portfolio().projects) seen |= q.id == p.id && q.note == "线程计算时的修改";
  CHECK(seen);
  CHECK(Warned(frame->model()) == expected);
  frame->Destroy();
  sb::test::Pump(3);
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(path + ext);
}

TEST_CASE("province: a window closed or given another database while its thread computes") {
  Background on;
  const std::string a = DemoCopy("close_a"), b = DemoCopy("close_b");
  auto* frame = new ui::MainFrame();
  frame->SetDatabase(storage::Database::Open(a, storage::OpenMode::MustExist));
  REQUIRE(frame->AnalysisPending());
  // Another file before the first one's analysis is in: the first's result is not taken.
  frame->SetDatabase(storage::Database::Open(b, storage::OpenMode::MustExist));
  REQUIRE(WaitForAnalysis(frame));
  CHECK(frame->database()->path() == b);
  CHECK(!frame->findings().empty());
  frame->session()->Invalidate();
  frame->Reload();
  REQUIRE(frame->AnalysisPending());
  frame->Destroy();  // joins the thread
  sb::test::Pump(3);
  for (const auto& path : {a, b})
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(path + ext);
}

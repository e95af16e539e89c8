#include <doctest/doctest.h>
#include <wx/dataview.h>

#include <filesystem>

#include "gui_util.h"
#include "storage/repository.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"

namespace fs = std::filesystem;

namespace {
std::string FreshDemoDb(const std::string& name) {
  fs::path p = fs::temp_directory_path() / ("sb_gui_" + name + "_" + std::to_string(getpid()) + ".db");
  for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
  auto db = sb::storage::Database::Open(p.string(), sb::storage::OpenMode::Create);
  sb::storage::LoadDemo(*db);
  return p.string();
}
}  // namespace

TEST_CASE("main window opens on the demo database and lists its 19 projects") {
  std::string path = FreshDemoDb("main");
  auto* frame = new sb::ui::MainFrame();
  frame->SetDatabase(sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist));
  frame->Show();
  sb::test::Pump();

  CHECK(frame->model().GetCount() == 19);
  CHECK(frame->list()->GetColumnCount() == 11);
  CHECK(frame->GetStatusBar()->GetStatusText(0) == wxString::FromUTF8("共 19 个项目"));
  CHECK(frame->GetStatusBar()->GetStatusText(1).Contains(wxString::FromUTF8(path)));

  // The first row is the first project by code, with its budget in 万元.
  wxVariant v;
  frame->model().GetValueByRow(v, 0, sb::ui::ProjectListModel::kName);
  CHECK(v.GetString() == wxString::FromUTF8("濂溪中学新建工程"));
  frame->model().GetValueByRow(v, 0, sb::ui::ProjectListModel::kBudget);
  CHECK(v.GetString() == "9,800.00");

  // Sorting by budget compares money, not text: 9,800.00 sorts above 980.00 descending.
  auto& m = frame->model();
  wxDataViewItem big = m.GetItem(0), small = m.GetItem(3);  // LX2025-01 9800, LX2025-04 980
  CHECK(m.Compare(big, small, sb::ui::ProjectListModel::kBudget, true) > 0);
  CHECK(m.Compare(small, big, sb::ui::ProjectListModel::kBudget, true) < 0);

  auto shot = sb::test::SaveScreenshot(frame, "main_window");
  CHECK(fs::file_size(shot) > 10000);
  frame->Destroy();
  sb::test::Pump(3);
}

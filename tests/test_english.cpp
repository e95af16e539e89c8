// The window in English: po/en.po compiled into build/locale is found and used. These
// cases assert only when the suite runs with SCHOOLBUILD_LANG=en (the "gui: English"
// ctest entry, where gui_main.cpp calls InitTranslations); otherwise they say so and pass.
#include <doctest/doctest.h>
#include <wx/dataview.h>
#include <wx/menu.h>
#include <wx/notebook.h>
#include <wx/statusbr.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "gui_util.h"
#include "storage/repository.h"
#include "ui/main_frame.h"
#include "ui/project_list_model.h"
#include "ui/units.h"

namespace fs = std::filesystem;
using sb::ui::ProjectListModel;

namespace {

bool EnglishRun() {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  if (lang && std::string(lang).rfind("en", 0) == 0) return true;
  MESSAGE("SCHOOLBUILD_LANG is not en: the English cases check nothing in this run");
  return false;
}

// True when the text has no CJK ideograph and no full-width punctuation left.
bool NoChinese(const wxString& s) {
  for (wxUniChar c : s) {
    auto v = c.GetValue();
    if ((v >= 0x4E00 && v <= 0x9FFF) || (v >= 0x3000 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFFEF))
      return false;
  }
  return true;
}

// The main window on a fresh demo database, "today" pinned as in test_ui.cpp.
struct EnglishWindow {
  std::string path;
  sb::ui::MainFrame* frame = nullptr;
  EnglishWindow() {
    fs::path p = fs::temp_directory_path() / ("sb_gui_english_" + std::to_string(getpid()) + ".db");
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(p.string() + ext);
    sb::storage::LoadDemo(*sb::storage::Database::Open(p.string(), sb::storage::OpenMode::Create));
    path = p.string();
    sb::ui::SetDisplayUnit(sb::MoneyUnit::Wan);
    frame = new sb::ui::MainFrame();
    frame->SetAsOf(sb::Date(2026, 11, 23));
    frame->SetDatabase(sb::storage::Database::Open(path, sb::storage::OpenMode::MustExist));
    frame->Show();
    sb::test::Pump();
  }
  ~EnglishWindow() {
    frame->Destroy();
    sb::test::Pump(3);
    for (auto ext : {"", "-wal", "-shm"}) fs::remove(path + ext);
  }
};

}  // namespace

TEST_CASE("English: the menu bar reads File, Edit, Project, View, Reports, Help") {
  if (!EnglishRun()) return;
  EnglishWindow w;
  wxMenuBar* bar = w.frame->GetMenuBar();
  REQUIRE(bar);
  CHECK(bar->GetMenuLabel(0) == "&File");
  for (size_t i = 0; i < bar->GetMenuCount(); ++i) {
    INFO("menu ", i, ": ", bar->GetMenuLabel(i).utf8_string());
    CHECK(NoChinese(bar->GetMenuLabel(i)));
    for (wxMenuItem* item : bar->GetMenu(i)->GetMenuItems()) {
      if (item->IsSeparator()) continue;
      INFO("item: ", item->GetItemLabel().utf8_string());
      CHECK(NoChinese(item->GetItemLabel()));
    }
  }
  wxMenuItem* open = bar->FindItem(wxID_OPEN);
  REQUIRE(open);
  CHECK(open->GetItemLabel() == "&Open database...\tCtrl+O");
}

TEST_CASE("English: the project list's column titles and the tabs are English") {
  if (!EnglishRun()) return;
  EnglishWindow w;
  wxDataViewCtrl* list = w.frame->list();
  REQUIRE(list->GetColumnCount() == ProjectListModel::kColumnCount);
  for (unsigned i = 0; i < list->GetColumnCount(); ++i) {
    wxString title = list->GetColumn(i)->GetTitle();
    INFO("column ", i, ": ", title.utf8_string());
    CHECK(!title.empty());
    CHECK(NoChinese(title));
  }
  auto titleOf = [&](unsigned modelColumn) {
    for (unsigned i = 0; i < list->GetColumnCount(); ++i)
      if (list->GetColumn(i)->GetModelColumn() == modelColumn) return list->GetColumn(i)->GetTitle();
    return wxString();
  };
  CHECK(titleOf(ProjectListModel::kSchool) == "School");
  CHECK(titleOf(ProjectListModel::kTownship) == "Township");
  CHECK(titleOf(ProjectListModel::kStage) == "Stage");
  CHECK(titleOf(ProjectListModel::kBudget) == "Budget");
  CHECK(titleOf(ProjectListModel::kCommitted) == "Committed");
  CHECK(titleOf(ProjectListModel::kReceived) == "Received");
  CHECK(titleOf(ProjectListModel::kPaid) == "Paid");
  CHECK(titleOf(ProjectListModel::kGap) == "Funding gap");

  // A canonical value is shown translated in the list (the database keeps 初中 etc.).
  wxVariant v;
  w.frame->model().GetValueByRow(v, 0, ProjectListModel::kStage);
  CHECK(NoChinese(v.GetString()));

  wxNotebook* book = w.frame->book();
  CHECK(book->GetPageText(sb::ui::MainFrame::kProjectsTab) == "Projects");
  CHECK(book->GetPageText(sb::ui::MainFrame::kOverviewTab) == "County overview");
  CHECK(book->GetPageText(sb::ui::MainFrame::kWarningsTab).StartsWith("Alerts ("));
  sb::test::SaveScreenshot(w.frame, "english_main");
}

TEST_CASE("English: the status bar counts projects and names the unit in English") {
  if (!EnglishRun()) return;
  EnglishWindow w;
  wxStatusBar* status = w.frame->GetStatusBar();
  REQUIRE(status);
  wxString counts = status->GetStatusText(0), db = status->GetStatusText(1);
  INFO("status: ", counts.utf8_string(), " | ", db.utf8_string());
  CHECK(counts.StartsWith("19 projects"));
  CHECK(counts.Contains("Amounts in 10k yuan"));
  CHECK(NoChinese(counts));
  CHECK(db.StartsWith("Database: "));
  CHECK(db.Contains(wxString::FromUTF8(w.path)));
}

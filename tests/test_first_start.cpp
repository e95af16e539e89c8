// The first start (src/ui/app.cpp, forms/first_start.xrc): the demo county is offered,
// not forced. Each case points the default database at a scratch folder, so nothing here
// touches the user's own files; the dialog is only ever shown non-modally or unattended.
#include <doctest/doctest.h>
#include <wx/commandlinkbutton.h>
#include <wx/stattext.h>
#include <wx/xrc/xmlres.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <string>

#include "core/error.h"
#include "core/paths.h"
#include "gui_util.h"
#include "storage/repository.h"
#include "ui/app.h"

namespace fs = std::filesystem;
using sb::ui::StartChoice;

namespace {

/// A scratch data folder: XDG_DATA_HOME points into it and SCHOOLBUILD_DB is unset for
/// the case's lifetime, so DefaultDatabasePath() and DemoDatabasePath() land in it.
class ScratchHome {
 public:
  ScratchHome() {
    dir_ = fs::temp_directory_path() /
           ("sb_first_start_" + std::to_string(getpid()) + "_" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    Save("XDG_DATA_HOME", xdg_);
    Save("SCHOOLBUILD_DB", db_);
    setenv("XDG_DATA_HOME", dir_.c_str(), 1);
    unsetenv("SCHOOLBUILD_DB");
  }
  ~ScratchHome() {
    Restore("XDG_DATA_HOME", xdg_);
    Restore("SCHOOLBUILD_DB", db_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  const fs::path& dir() const { return dir_; }

 private:
  static void Save(const char* name, std::optional<std::string>& into) {
    if (const char* v = std::getenv(name)) into = v;
  }
  static void Restore(const char* name, const std::optional<std::string>& value) {
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
  fs::path dir_;
  std::optional<std::string> xdg_, db_;
};

wxCommandLinkButton* Choice(wxWindow& dlg, const char* name) {
  auto* b = dynamic_cast<wxCommandLinkButton*>(wxWindow::FindWindowById(wxXmlResource::GetXRCID(name), &dlg));
  REQUIRE_MESSAGE(b, name);
  return b;
}

}  // namespace

TEST_CASE("first start: empty, demo and file are offered; the server choice is shown disabled") {
  ScratchHome home;
  auto* dlg = new sb::ui::FirstStartDialog(nullptr, sb::DefaultDatabasePath());
  dlg->Show();
  sb::test::Pump();
  CHECK(Choice(*dlg, "StartEmpty")->IsEnabled());
  CHECK(Choice(*dlg, "StartDemo")->IsEnabled());
  CHECK(Choice(*dlg, "StartOpen")->IsEnabled());
  auto* server = Choice(*dlg, "StartServer");
  CHECK_FALSE(server->IsEnabled());
  CHECK(server->GetNote().Contains(wxString::FromUTF8("将在后续版本提供")));
  auto* where = XRCCTRL(*dlg, "Where", wxStaticText);
  REQUIRE(where);
  CHECK(where->GetLabel().Contains(wxString::FromUTF8(sb::DefaultDatabasePath())));
  // Nothing is created by showing the question.
  CHECK(fs::is_empty(home.dir()));
  sb::test::SaveScreenshot(dlg, "first_start");
  dlg->Destroy();
  sb::test::Pump(3);
}

TEST_CASE("first start: unattended (--exit-when-ready), the dialog answers Not now by itself") {
  ScratchHome home;
  sb::ui::FirstStartDialog dlg(nullptr, sb::DefaultDatabasePath(), true);
  CHECK(dlg.ShowModal() == wxID_CANCEL);
  CHECK(dlg.choice() == StartChoice::Later);
}

TEST_CASE("first start: with no database, an unattended start opens nothing and creates nothing") {
  ScratchHome home;
  CHECK(sb::ui::OpenStartupDatabase("", true) == nullptr);
  CHECK(fs::is_empty(home.dir()));
}

TEST_CASE("first start: the demo county goes to demo.db, never into the default database") {
  ScratchHome home;
  std::string demo = sb::ui::DemoDatabasePath();
  CHECK(fs::path(demo).parent_path() == fs::path(sb::BuiltInDatabasePath()).parent_path());
  {
    auto db = sb::ui::StartWith(StartChoice::Demo, demo);
    REQUIRE(db);
    CHECK(sb::storage::ProjectSummaries(*db).size() == 19);
  }
  CHECK_FALSE(fs::exists(sb::BuiltInDatabasePath()));
  // Choosing the demo again opens the earlier one as it is (LoadDemo would refuse it).
  auto again = sb::ui::StartWith(StartChoice::Demo, demo);
  CHECK(sb::storage::ProjectSummaries(*again).size() == 19);
}

TEST_CASE("first start: an empty database has no projects and never overwrites a file") {
  ScratchHome home;
  std::string path = sb::DefaultDatabasePath();
  {
    auto db = sb::ui::StartWith(StartChoice::EmptyDatabase, path);
    REQUIRE(db);
    CHECK(sb::storage::ProjectSummaries(*db).empty());
  }
  try {
    sb::ui::StartWith(StartChoice::EmptyDatabase, path);
    FAIL("an existing file was accepted as a new empty database");
  } catch (const sb::Error& e) {
    CHECK(e.code() == sb::ErrorCode::Refused);
    CHECK(e.detail().find(path) != std::string::npos);
  }
  CHECK(sb::ui::StartWith(StartChoice::Later, path) == nullptr);
}

TEST_CASE("first start: a default database that exists is opened without asking") {
  ScratchHome home;
  std::string path = (home.dir() / "county.db").string();
  sb::storage::Database::Open(path, sb::storage::OpenMode::Create);
  setenv("SCHOOLBUILD_DB", path.c_str(), 1);
  // Unattended, so that a dialog shown by mistake would return nullptr instead of waiting.
  auto db = sb::ui::OpenStartupDatabase("", true);
  REQUIRE(db);
  CHECK(db->path() == path);
  // A path named on the command line must exist: no dialog, no new file.
  std::string missing = (home.dir() / "typo" / "county.db").string();
  CHECK_THROWS_AS(sb::ui::OpenStartupDatabase(missing, true), sb::Error);
  CHECK_FALSE(fs::exists(home.dir() / "typo"));
}

TEST_CASE("English: the first-start dialog") {
  const char* lang = std::getenv("SCHOOLBUILD_LANG");
  if (!lang || std::string(lang).rfind("en", 0) != 0) {
    MESSAGE("SCHOOLBUILD_LANG is not en: the English cases check nothing in this run");
    return;
  }
  ScratchHome home;
  auto* dlg = new sb::ui::FirstStartDialog(nullptr, sb::DefaultDatabasePath());
  dlg->Show();
  sb::test::Pump();
  CHECK(dlg->GetTitle() == "Welcome to SchoolBuild");
  CHECK(Choice(*dlg, "StartDemo")->GetMainLabel().Contains("demo county"));
  CHECK(Choice(*dlg, "StartServer")->GetNote().Contains("coming in a later version"));
  sb::test::SaveScreenshot(dlg, "first_start_english");
  dlg->Destroy();
  sb::test::Pump(3);
}

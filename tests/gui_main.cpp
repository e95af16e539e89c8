// GUI tests: a real wx application under Xvfb (tests/CMakeLists.txt runs it through
// xvfb-run). With no display at all the suite fails at once, saying so, instead of hanging.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <wx/app.h>
#include <wx/fileconf.h>

#include <filesystem>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "ui/app.h"

int main(int argc, char** argv) {
  if (!std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
    std::cerr << "GUI tests need a display: run them through xvfb-run (ctest does)\n";
    return 1;
  }
  setenv("SCHOOLBUILD_ABORT_ON_ASSERT", "1", 1);
  sb::ui::InstallAssertHandler();
  wxApp::SetInstance(new wxApp());
  int wxArgc = 1;
  if (!wxEntryStart(wxArgc, argv)) {
    std::cerr << "cannot initialise wxWidgets\n";
    return 1;
  }
  wxTheApp->CallOnInit();
  // SCHOOLBUILD_LANG=en runs the window in English (the "gui: English" ctest entry); with
  // it unset the suite sees the Chinese originals, as a Chinese desktop would.
  if (const char* lang = std::getenv("SCHOOLBUILD_LANG"); lang && *lang) sb::ui::InitTranslations();
  // The database the window last opened is recorded under XDG_DATA_HOME: a scratch
  // folder, so that no test's file becomes the user's default (test_first_start sets its own).
  std::string data = std::filesystem::temp_directory_path() / ("sb_gui_data_" + std::to_string(getpid()));
  std::filesystem::create_directories(data);
  setenv("XDG_DATA_HOME", data.c_str(), 1);
  // Settings go to a scratch file, never to the user's own configuration.
  std::string cfg = std::filesystem::temp_directory_path() / ("sb_gui_test_" + std::to_string(getpid()) + ".ini");
  std::filesystem::remove(cfg);
  delete wxConfigBase::Set(new wxFileConfig("schoolbuild-test", "", wxString::FromUTF8(cfg), "",
                                            wxCONFIG_USE_LOCAL_FILE));
  sb::ui::InitResources();
  doctest::Context ctx(argc, argv);
  int rc = ctx.run();
  wxEntryCleanup();
  std::filesystem::remove(cfg);
  std::error_code ec;
  std::filesystem::remove_all(data, ec);
  return rc;
}

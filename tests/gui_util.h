#pragma once
// Helpers for GUI tests: let the window paint, and save what it shows.
#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/utils.h>
#include <wx/dcclient.h>
#include <wx/window.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace sb::test {

inline void Pump(int rounds = 20) {
  for (int i = 0; i < rounds; ++i) {
    wxTheApp->ProcessPendingEvents();
    wxYield();
    wxMilliSleep(20);
  }
}

/// Saves what the X server shows of the window (menus and status bar included) as
/// build/screenshots/NAME.png, so a reviewer sees exactly what a user would.
inline std::string SaveScreenshot(wxWindow* win, const std::string& name) {
  win->Raise();
  win->Refresh();
  win->Update();
  Pump(30);
  std::filesystem::path dir = std::filesystem::path(SB_BUILD_DIR) / "screenshots";
  std::filesystem::create_directories(dir);
  std::string file = (dir / (name + ".png")).string();
  wxRect r = win->GetScreenRect();
  std::string cmd = "import -window root -crop " + std::to_string(r.width) + "x" +
                    std::to_string(r.height) + "+" + std::to_string(std::max(0, r.x)) + "+" +
                    std::to_string(std::max(0, r.y)) + " " + file;
  // wxExecute, not system(): wx's SIGCHLD handler makes system() report failure.
  std::filesystem::remove(file);
  wxExecute(wxString::FromUTF8(cmd), wxEXEC_SYNC | wxEXEC_NOEVENTS);
  if (!std::filesystem::exists(file)) {
    // No imagemagick: fall back to copying the window's client area.
    wxSize size = win->GetClientSize();
    wxBitmap bmp(size.x, size.y, 24);
    {
      wxClientDC src(win);
      wxMemoryDC dst(bmp);
      dst.Blit(0, 0, size.x, size.y, &src, 0, 0);
    }
    bmp.SaveFile(file, wxBITMAP_TYPE_PNG);
  }
  return file;
}

}  // namespace sb::test

#pragma once
// Helpers for GUI tests: let the window paint, and save what it shows.
#include <wx/app.h>
#include <wx/bitmap.h>
#include <wx/dcclient.h>
#include <wx/dcmemory.h>
#include <wx/utils.h>
#include <wx/window.h>

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

/// Saves the window as build/screenshots/NAME.png (next to the test binary's build tree)
/// so a reviewer can look at what the test saw.
inline std::string SaveScreenshot(wxWindow* win, const std::string& name) {
  Pump();
  std::filesystem::path dir = std::filesystem::path(SB_BUILD_DIR) / "screenshots";
  std::filesystem::create_directories(dir);
  std::string file = (dir / (name + ".png")).string();
  wxSize size = win->GetSize();
  wxBitmap bmp(size.x, size.y, 24);
  {
    wxWindowDC src(win);
    wxMemoryDC dst(bmp);
    dst.Blit(0, 0, size.x, size.y, &src, 0, 0);
  }
  bmp.SaveFile(file, wxBITMAP_TYPE_PNG);
  return file;
}

}  // namespace sb::test

#pragma once
/// The one way Chinese text enters wx: narrow UTF-8 literals become empty wxStrings in a
/// non-UTF-8 locale unless converted explicitly.
#include <wx/string.h>

#include <string>
#include <string_view>

namespace sb::ui {

inline wxString U8(std::string_view s) { return wxString::FromUTF8(s.data(), s.size()); }
inline std::string ToStd(const wxString& s) {
  auto buf = s.utf8_str();
  return std::string(buf.data(), buf.length());
}

/// Shows an error dialog: the sentence on top, the detail below (Poedit style).
void ShowError(class wxWindow* parent, const wxString& message, const wxString& detail);

}  // namespace sb::ui

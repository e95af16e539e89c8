#pragma once
/// The one way Chinese text enters wx: narrow UTF-8 literals become empty wxStrings in a
/// non-UTF-8 locale unless converted explicitly.
#include <wx/string.h>
#include <wx/translation.h>

#include <string>
#include <string_view>

class wxStaticText;

namespace sb::ui {

inline wxString U8(std::string_view s) { return wxString::FromUTF8(s.data(), s.size()); }

inline std::string ToStd(const wxString& s) {
  auto buf = s.utf8_str();
  return std::string(buf.data(), buf.length());
}

/// A text of the user interface: the Chinese original, translated by gettext when the
/// program runs in English (po/en.po). xgettext extracts the arguments of TR and TRN.
inline wxString TR(const char* utf8) { return wxGetTranslation(wxString::FromUTF8(utf8)); }
/// Marks a literal for extraction where it is translated later (e.g. column tables).
#define TRN(s) s
/// TR for code that builds std::string (UTF-8).
inline std::string TRs(const char* utf8) { return ToStd(TR(utf8)); }

/// Breaks the label's text into lines no wider than `width`: at a space where there is
/// one, else between two characters, as Chinese is written (wxStaticText::Wrap breaks at
/// spaces only, so a Chinese sentence stayed one line and pushed its dialog wider). A
/// closing mark (，。）” …) stays on the line of the character before it, an opening one
/// (（“ …) goes to the line of the character after it.
void WrapText(wxStaticText* label, int width);

/// Shows an error dialog: the sentence on top, the detail below (Poedit style).
void ShowError(class wxWindow* parent, const wxString& message, const wxString& detail);

}  // namespace sb::ui

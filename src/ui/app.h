#pragma once
/// Start-up shared by the program and the GUI tests: wx handlers, XRC forms, the assert
/// policy, and opening the database the way the user asked.
#include <wx/dialog.h>
#include <wx/iconbndl.h>

#include <memory>
#include <string>

#include "storage/database.h"

namespace sb::ui {

/// Loads the compiled-in XRC forms and image handlers. Idempotent.
void InitResources();
/// Chinese by default; English when the system locale (LC_ALL, LC_MESSAGES or LANG) is
/// English, or SCHOOLBUILD_LANG=en. The texts in the code are the Chinese originals;
/// po/en.po translates them. Returns true when English was chosen.
bool InitTranslations();
/// "en" or "zh": the language InitTranslations chose ("zh" before it runs). What is
/// remembered per language (the list's column widths) is kept under it.
const char* UiLanguage();
/// GTK's stock buttons and file chooser in the program's language (InitTranslations
/// calls it), whatever the system locale says.
void SetToolkitLanguage(bool english);
/// Where InitTranslations looks for schoolbuild.mo: <exe>/../share/locale for an
/// installed (or unpacked) program; the build tree's locale/ for a binary run from there.
std::string LocaleDir();
/// The user guide (packaging/guide.html): <exe>/../share/doc/schoolbuild/guide.html when
/// installed, the source tree's for a binary run from the build tree.
std::string GuidePath();
/// The window's icon at every size installed in <exe>/../share/icons/hicolor (the build
/// tree's packaging/icons/hicolor for a binary run from there); empty if there is none.
wxIconBundle ProgramIcons();
/// Debian's wx has asserts on; a modal assert dialog would hang an unattended run, so
/// asserts are printed and, when SCHOOLBUILD_ABORT_ON_ASSERT is set (tests), abort.
void InstallAssertHandler();

/// How to begin when there is no database yet (FirstStartDialog).
enum class StartChoice { EmptyDatabase, Demo, ExistingFile, Later };

/// The first-start question (forms/first_start.xrc): start empty, open the demo county,
/// open a file; connecting to a server is shown but disabled until it exists. Closing
/// the dialog means StartChoice::Later. `unattended` (--exit-when-ready) answers Later by
/// itself at the first idle moment, so a smoke test never waits for a click.
class FirstStartDialog : public wxDialog {
 public:
  FirstStartDialog(wxWindow* parent, const std::string& defaultPath, bool unattended = false);
  StartChoice choice() const { return choice_; }

 private:
  void Choose(StartChoice c);
  StartChoice choice_ = StartChoice::Later;
};

/// The separate file the demo county goes to (demo.db beside the built-in default), so
/// demo data never mixes with a county's own.
std::string DemoDatabasePath();

/// Carries out a first-start choice on `path`: EmptyDatabase creates it; Demo creates it
/// with the demo county (app::LoadDemo), or opens it if an earlier demo is there;
/// ExistingFile opens it. Returns nullptr for Later. Throws sb::Error like Database::Open.
std::unique_ptr<storage::Database> StartWith(StartChoice choice, const std::string& path);

/// The database the window opens: `path` if given (must exist); else the current
/// database shared with the CLI (DefaultDatabasePath) if it exists; else the first-start
/// dialog asks (never in tests: they name their database). nullptr: no database yet.
std::unique_ptr<storage::Database> OpenStartupDatabase(const std::string& path,
                                                       bool unattended = false);

}  // namespace sb::ui

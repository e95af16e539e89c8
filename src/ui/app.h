#pragma once
/// Start-up shared by the program and the GUI tests: wx handlers, XRC forms, the assert
/// policy, and opening the database the way the user asked.
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
/// Debian's wx has asserts on; a modal assert dialog would hang an unattended run, so
/// asserts are printed and, when SCHOOLBUILD_ABORT_ON_ASSERT is set (tests), abort.
void InstallAssertHandler();
/// The database the window opens: `path` if given (must exist); else the current
/// database shared with the CLI (DefaultDatabasePath), the built-in one being created
/// with the demo county on first start.
std::unique_ptr<storage::Database> OpenStartupDatabase(const std::string& path);

}  // namespace sb::ui

#pragma once
/// Where the program keeps its database: one rule for the window and the CLI, so that
/// `schoolbuild-cli` without --db works on the file the window shows.
#include <string>

namespace sb {

/// The built-in default: $XDG_DATA_HOME/schoolbuild/schoolbuild.db, else
/// ~/.local/share/schoolbuild/schoolbuild.db.
std::string BuiltInDatabasePath();
/// The database both programs use when none is named: $SCHOOLBUILD_DB if set; else the
/// file the window last opened (recorded by RememberCurrentDatabase) if it still exists,
/// or the server ("postgresql: …") it last connected to; else BuiltInDatabasePath().
std::string DefaultDatabasePath();
/// Records `path` as the current database (a one-line file next to the default one).
/// Failing to record it is not an error: the next start simply uses the default.
void RememberCurrentDatabase(const std::string& path);

}  // namespace sb

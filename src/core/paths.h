#pragma once
/// Where the program keeps its default database: one rule for the window and the CLI.
#include <string>

namespace sb {

/// $SCHOOLBUILD_DB if set, else $XDG_DATA_HOME/schoolbuild/schoolbuild.db, else
/// ~/.local/share/schoolbuild/schoolbuild.db.
std::string DefaultDatabasePath();

}  // namespace sb

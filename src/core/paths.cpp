#include "core/paths.h"

#include <cstdlib>
#include <filesystem>

namespace sb {

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("SCHOOLBUILD_DB"); env && *env) return env;
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
    base = xdg;
  } else {
    const char* home = std::getenv("HOME");
    base = std::filesystem::path(home && *home ? home : ".") / ".local" / "share";
  }
  return (base / "schoolbuild" / "schoolbuild.db").string();
}

}  // namespace sb

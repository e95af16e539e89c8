#include "core/paths.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace sb {

namespace fs = std::filesystem;

namespace {
fs::path DataDir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "schoolbuild";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "schoolbuild";
}
fs::path PointerFile() { return DataDir() / "current-database"; }
}  // namespace

std::string BuiltInDatabasePath() { return (DataDir() / "schoolbuild.db").string(); }

namespace {
// "postgresql: …" (storage::Database::kServerPrefix; core does not see storage).
bool IsServerLocationText(const std::string& s) { return s.rfind("postgresql:", 0) == 0; }
}  // namespace

std::string DefaultDatabasePath() {
  if (const char* env = std::getenv("SCHOOLBUILD_DB"); env && *env) return env;
  std::ifstream in(PointerFile());
  std::string line;
  std::error_code ec;
  if (in && std::getline(in, line) && !line.empty() && (IsServerLocationText(line) || fs::exists(line, ec)))
    return line;
  return BuiltInDatabasePath();
}

void RememberCurrentDatabase(const std::string& path) {
  std::error_code ec;
  // A server's location is kept as it is (without a password: Database::path() has none).
  fs::path abs = IsServerLocationText(path) ? fs::path(path) : fs::absolute(path, ec);
  if (ec) return;
  fs::create_directories(DataDir(), ec);
  fs::path tmp = PointerFile().string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return;
    out << abs.string() << "\n";
    if (!out) return;
  }
  fs::rename(tmp, PointerFile(), ec);  // atomic: a crash never leaves half a path
}

}  // namespace sb

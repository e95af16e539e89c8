#pragma once
/// schoolbuild-cli: the same work as the window, headless. Each command is a Command in
/// a table (see commands.h); Run() parses the global options, opens the database the
/// command needs and turns every Error into a message on stderr and an exit code.
#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/output.h"
#include "app/session.h"
#include "storage/database.h"

namespace sb::cli {

/// Exit codes: 0 done; 1 the data or the request was refused (message on stderr);
/// 2 the command line itself is wrong.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;

struct OptionSpec {
  std::string name;   ///< without the leading "--"
  bool takesValue = true;
  std::string help;   ///< one line, Chinese
};

/// The parsed words after the command name.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;  ///< flags map to ""
  bool Has(const std::string& name) const { return options.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
};

enum class DbUse { None, MustExist, Create };

struct Invocation {
  const Args& args;
  std::ostream& out;
  std::ostream& err;
  std::string dbPath;
  storage::Database* db = nullptr;  ///< opened as the command's DbUse says
  app::Session* session = nullptr;  ///< the same database as the acting user; every change goes through it
  /// Format from --format (default table) — for commands that declare it.
  Format format() const;
};

struct Command {
  std::string name;
  std::string summary;                ///< one line for the command list
  std::string usage;                  ///< "import PATH... [--update]"
  std::string description;            ///< a paragraph for --help
  std::vector<OptionSpec> options;
  size_t minPositional = 0, maxPositional = 0;
  DbUse db = DbUse::MustExist;
  std::function<int(Invocation&)> run;
};

/// Runs the command line; argv[0] is the program name.
int Run(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err);

/// The standard --format option.
OptionSpec FormatOption();

}  // namespace sb::cli

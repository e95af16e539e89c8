#pragma once
// The command line run in-process, as a user would type it: exit code and what it printed.
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.h"

namespace sb::test {

struct CliResult {
  int code = -1;
  std::string out, err;
};

/// Runs `schoolbuild-cli words…`.
inline CliResult RunCli(std::vector<std::string> words) {
  words.insert(words.begin(), "schoolbuild-cli");
  std::ostringstream out, err;
  CliResult r;
  r.code = cli::Run(words, out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

}  // namespace sb::test

#pragma once
// Shared by the libFuzzer harnesses: a property that fails prints the input's meaning and
// aborts, which libFuzzer reports as a crash and saves the input (crash-<sha1>) — turn
// each such file into a regular doctest case before fixing it.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sb::fuzz {

[[noreturn]] inline void PropertyFailed(const char* property, const std::string& detail) {
  std::fprintf(stderr, "property failed: %s\n  %s\n", property, detail.c_str());
  std::abort();
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace sb::fuzz

/// Aborts (a libFuzzer crash) when `cond` is false, printing `detail` (a std::string).
#define SB_FUZZ_CHECK(cond, detail) \
  do {                              \
    if (!(cond)) ::sb::fuzz::PropertyFailed(#cond, (detail)); \
  } while (0)

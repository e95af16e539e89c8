#pragma once
// Shared by the foundation suites: checking that an action is refused with the right
// Error and a message naming what is wrong, and printing domain values in failures the
// way a user would read them.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "core/error.h"
#include "core/money.h"

namespace sb::test {

/// A fresh folder under /tmp, removed with everything in it at the end of the case.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix = "sb_test") {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(rd()));
    std::filesystem::create_directories(dir_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string Path(const std::string& name = "county.db") const { return (dir_ / name).string(); }
  const std::filesystem::path& dir() const { return dir_; }
  bool Empty() const { return std::filesystem::is_empty(dir_); }
  /// Names of the files in the folder, for "nothing else was created".
  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_))
      out.push_back(std::filesystem::relative(e.path(), dir_).string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  std::filesystem::path dir_;
};

/// The Error an action throws, or nullopt when it is accepted.
template <class F> std::optional<Error> Refusal(F&& action) {
  try {
    action();
  } catch (const Error& e) {
    return e;
  }
  return std::nullopt;
}

inline bool Contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

}  // namespace sb::test

namespace doctest {
template <> struct StringMaker<sb::Money> {
  static String convert(const sb::Money& m) {
    return (m.FormatYuan() + " 元 (" + std::to_string(m.fen()) + " 分)").c_str();
  }
};
template <> struct StringMaker<sb::Date> {
  static String convert(const sb::Date& d) {
    return d.is_special() ? "(special date)" : sb::FormatDate(d).c_str();
  }
};
template <> struct StringMaker<std::optional<sb::Date>> {
  static String convert(const std::optional<sb::Date>& d) {
    return d ? StringMaker<sb::Date>::convert(*d) : String("(no date)");
  }
};
template <> struct StringMaker<sb::YearMonth> {
  static String convert(const sb::YearMonth& m) { return m.Format().c_str(); }
};
template <> struct StringMaker<sb::Percent> {
  static String convert(const sb::Percent& p) { return (p.Format() + "%").c_str(); }
};
}  // namespace doctest

/// Asserts that `expr` throws sb::Error with `expectedCode` and a detail containing `fragment`.
#define CHECK_REFUSED(expr, expectedCode, fragment)                                               \
  do {                                                                                    \
    auto sb_refusal_ = ::sb::test::Refusal([&] { (void)(expr); });                        \
    CHECK_MESSAGE(sb_refusal_.has_value(), "accepted: " #expr);                           \
    if (sb_refusal_) {                                                                    \
      CHECK_MESSAGE(sb_refusal_->code() == (expectedCode),                                        \
                    "code " << std::string(::sb::ErrorCodeName(sb_refusal_->code())) << " for " #expr); \
      CHECK_MESSAGE(::sb::test::Contains(sb_refusal_->detail(), fragment),                \
                    "message “" << sb_refusal_->detail() << "” lacks “" << (fragment)     \
                                << "”");                                                  \
    }                                                                                     \
  } while (0)

/// Refused as invalid input, with a message containing `fragment`.
#define CHECK_INVALID(expr, fragment) CHECK_REFUSED(expr, ::sb::ErrorCode::InvalidInput, fragment)

#pragma once
/// The one error type that crosses layer boundaries: a code the caller can branch on and
/// a detail sentence (Chinese, for the user) that says what went wrong and where.
#include <stdexcept>
#include <string>

namespace sb {

enum class ErrorCode {
  InvalidInput,   ///< a value or a row the user gave is not acceptable
  NotFound,       ///< a referenced thing does not exist
  Duplicate,      ///< a key that must be unique is taken
  Conflict,       ///< someone else changed the row (row_version mismatch)
  Refused,        ///< the action is not allowed (e.g. editing a confirmed payment)
  NewerSchema,    ///< the database file was written by a newer program
  FileMissing,    ///< a path that must exist does not
  Io,             ///< reading or writing a file failed
  Database,       ///< the database engine reported an error
  Damaged,        ///< the file fails its integrity check: never written, restore a backup
};

const char* ErrorCodeName(ErrorCode code);

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string detail)
      : std::runtime_error(detail), code_(code), detail_(std::move(detail)) {}
  ErrorCode code() const { return code_; }
  const std::string& detail() const { return detail_; }

 private:
  ErrorCode code_;
  std::string detail_;
};

[[noreturn]] inline void Fail(ErrorCode code, std::string detail) {
  throw Error(code, std::move(detail));
}

}  // namespace sb

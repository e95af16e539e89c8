#include "core/error.h"

namespace sb {

const char* ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::InvalidInput: return "invalid_input";
    case ErrorCode::NotFound: return "not_found";
    case ErrorCode::Duplicate: return "duplicate";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Refused: return "refused";
    case ErrorCode::NewerSchema: return "newer_schema";
    case ErrorCode::FileMissing: return "file_missing";
    case ErrorCode::Damaged: return "damaged";
    case ErrorCode::Io: return "io";
    case ErrorCode::Database: return "database";
  }
  return "unknown";
}

}  // namespace sb
